"""The real app in a real Chromium: `streamlit run app.py` against the sample store, driven by Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is not installed (the browser tests never download one)", allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(sample_db, tmp_path_factory):
    """Base URL of a fresh `streamlit run app.py` on the sample store; stopped after the module."""
    port = _free_port()
    log = (tmp_path_factory.mktemp("streamlit") / "server.log").open("w+")
    env = {**os.environ, "DEMARCHE_DB": str(sample_db), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"streamlit did not come up:\n{log.read()}")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    yield pg
    context.close()


def test_shared_link_is_the_first_request(server, page):
    # Keep this test first: a fresh server's first request for a page URL is the case
    # where Streamlit would run a pages/ script without app.py (see pages/__init__.py).
    page.goto(f"{server}/quotes?actor=Hungary")
    expect(page.get_by_role("heading", name="Quotes")).to_be_visible()
    expect(page.get_by_text("2 statements")).to_be_visible()
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    nav = page.locator("[data-testid='stSidebarNav']")
    expect(nav).to_contain_text("Stance matrix")
    expect(nav).not_to_contain_text("__init__")
    assert "actor=Hungary" in page.url


def test_matrix_shows_actors_and_click_shows_quotes(server, page):
    page.goto(server)
    chart = page.locator("[data-testid='stPlotlyChart'] .js-plotly-plot")
    expect(chart.locator("svg.main-svg").first).to_be_visible()
    ticks = chart.locator(".ytick text")
    expect(ticks).to_have_count(4)
    assert set(ticks.all_text_contents()) == {"France", "Germany", "Hungary", "NATO"}
    expect(chart.locator(".scatterlayer .point")).to_have_count(5)
    page.wait_for_timeout(500)  # let the sidebar and fonts settle before the screenshot
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "matrix.png"), full_page=True)

    # Hungary has one cell (oppose, red): click it and its quote appears below the chart.
    chart.locator(".scatterlayer .trace").filter(has=page.locator("path[style*='rgb(215, 48, 31)']")).locator(
        ".point").first.click(force=True)
    expect(page.get_by_role("heading", name="Hungary on Military aid to Ukraine")).to_be_visible()
    expect(page.locator("[data-testid='stDataFrame']")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "matrix_selected.png"), full_page=True)


def test_quotes_page_shows_the_exact_words(server, page):
    page.goto(server)
    expect(page.locator("[data-testid='stPlotlyChart']")).to_be_visible()
    page.locator("[data-testid='stSidebarNav']").get_by_text("Quotes").click()
    expect(page.get_by_role("heading", name="Quotes")).to_be_visible()
    grid = page.locator("[data-testid='stDataFrame']")
    expect(grid).to_be_visible()
    expect(page.get_by_text("8 statements")).to_be_visible()
    # The grid draws on a canvas; its (visually hidden) accessible table carries the cell text.
    expect(grid.locator("td[role='gridcell']", has_text="Taurus missiles will not be sent")).to_have_count(1)
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / "quotes.png"), full_page=True)


def test_filter_choice_goes_into_the_url(server, page):
    page.goto(server)
    expect(page.locator("[data-testid='stPlotlyChart']")).to_be_visible()
    stance = page.locator("[data-testid='stMultiSelect']").filter(has_text="Stance")
    stance.locator("input").click()
    page.get_by_role("option", name="oppose").click()
    page.wait_for_url("**stance=oppose**")
    ticks = page.locator("[data-testid='stPlotlyChart'] .ytick text")
    expect(ticks).to_have_count(2)  # Germany (mixed cell, one oppose) and Hungary
    assert set(ticks.all_text_contents()) == {"Germany", "Hungary"}


def test_png_download(server, page):
    page.goto(f"{server}/timeline")
    expect(page.locator("[data-testid='stPlotlyChart'] svg.main-svg").first).to_be_visible()
    with page.expect_download(timeout=60_000) as download:
        page.locator("[data-testid='stDownloadButton']").get_by_role("button", name="PNG", exact=True).click()
    path = download.value.path()
    assert Path(path).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert download.value.suggested_filename == "timeline.png"
