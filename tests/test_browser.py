"""The real app in a real Chromium: `streamlit run app.py` against the sample store, driven by Playwright."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from xml.etree import ElementTree

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
def store_file(sample_db, tmp_path_factory) -> Path:
    """This module's own copy of the sample store: the tests at the end of the module
    write to it through the app (upload, correct), so they run after the read-only ones."""
    db = tmp_path_factory.mktemp("store") / "demarche.sqlite"
    shutil.copyfile(sample_db, db)
    return db


@pytest.fixture(scope="module")
def server(store_file, tmp_path_factory):
    """Base URL of a fresh `streamlit run app.py` on store_file; stopped after the module."""
    port = _free_port()
    db = store_file
    log = (tmp_path_factory.mktemp("streamlit") / "server.log").open("w+")
    env = {**os.environ, "DEMARCHE_DB": str(db), "PYTHONUNBUFFERED": "1"}
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

    # Oppose cells are red; Hungary's is the first of them (Germany's latest word is also a no).
    red = chart.locator(".scatterlayer .trace").filter(has=page.locator("path[style*='rgb(178, 24, 43)']"))
    expect(red.locator(".point")).to_have_count(2)
    expect(red.locator(".textpoint text")).to_have_text(["− 2", "− 1"])  # symbol and count: Germany, Hungary
    hungary = red.locator(".point").nth(1)  # traces list cells by actor name: Germany, Hungary
    hungary.click(force=True)
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
    expect(ticks).to_have_count(2)  # Germany (one oppose among its statements) and Hungary
    assert set(ticks.all_text_contents()) == {"Germany", "Hungary"}


def test_choosing_a_country_changes_the_matrix(server, page):
    page.goto(server)
    ticks = page.locator("[data-testid='stPlotlyChart'] .ytick text")
    expect(ticks).to_have_count(4)
    country = page.locator("[data-testid='stMultiSelect']").filter(has_text="Country")
    country.locator("input").click()
    page.get_by_role("option", name="NATO").click()
    page.wait_for_url("**actor=NATO**")
    expect(ticks).to_have_count(1)
    assert ticks.all_text_contents() == ["NATO"]
    assert page.locator("[data-testid='stPlotlyChart'] .xtick text").all_text_contents() == ["Military aid to Ukraine"]


def _download(page, button) -> tuple[str, bytes]:
    with page.expect_download(timeout=60_000) as download:
        button.click()
    return download.value.suggested_filename, Path(download.value.path()).read_bytes()


def test_png_and_svg_downloads(server, page):
    page.goto(f"{server}/?actor=France&actor=Germany")
    expect(page.locator("[data-testid='stPlotlyChart'] svg.main-svg").first).to_be_visible()
    buttons = page.locator("[data-testid='stDownloadButton']")
    name, data = _download(page, buttons.get_by_role("button", name="PNG", exact=True))
    assert name == "stance-matrix_DEU-FRA.png"
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5_000
    name, data = _download(page, buttons.get_by_role("button", name="SVG", exact=True))
    assert name == "stance-matrix_DEU-FRA.svg"
    svg = ElementTree.fromstring(data)
    assert svg.tag.endswith("svg")
    assert "Germany" in data.decode() and "France" in data.decode()  # the axis labels are in the file
    name, data = _download(page, buttons.get_by_role("button", name="HTML", exact=True))
    assert name == "stance-matrix_DEU-FRA.html"
    assert not re.search(rb"<script[^>]+src=", data)  # plotly.js inlined: opens offline
    assert len(data) > 1_000_000 and b"Germany" in data


def test_timeline_png_download(server, page):
    page.goto(f"{server}/timeline")
    expect(page.locator("[data-testid='stPlotlyChart'] svg.main-svg").first).to_be_visible()
    page.wait_for_timeout(300)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "timeline.png"), full_page=True)
    name, data = _download(page, page.locator("[data-testid='stDownloadButton']").get_by_role(
        "button", name="PNG", exact=True))
    assert name == "timeline.png" and data[:8] == b"\x89PNG\r\n\x1a\n"


def test_chart_toolbar_download(server, page):
    page.goto(server)
    chart = page.locator("[data-testid='stPlotlyChart']")
    expect(chart.locator("svg.main-svg").first).to_be_visible()
    chart.hover()
    # plotly's own camera button, named by our config after the page and filters
    name, data = _download(page, chart.get_by_role("button", name="Download plot as a PNG"))
    assert name == "stance-matrix.png"
    assert data[:8] == b"\x89PNG\r\n\x1a\n"


# -- the tests below write to the module's store: keep them last ------------------------------

POLAND = {
    "title": "Poland pledges more air defence for Ukraine",
    "published": "2024-03-06",
    "source": "Test Wire",
    "url": "https://news.example/poland-air-defence",
    "text": (
        "WARSAW, March 6 (Test Wire) - Poland will send additional air defence systems to Ukraine, "
        "Foreign Minister Radoslaw Sikorski said on Wednesday.\n\n"
        "\"We will keep supplying weapons to Ukraine for as long as Russia keeps attacking its cities,\" "
        "Sikorski told reporters in Warsaw."
    ),
}


def test_upload_an_article_and_see_its_rows(server, page, tmp_path):
    upload = tmp_path / "poland.json"
    upload.write_text(json.dumps(POLAND))
    page.goto(f"{server}/sources")
    expect(page.get_by_role("heading", name="Sources")).to_be_visible()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(upload))
    expect(page.get_by_text("poland.json")).to_be_visible()
    page.get_by_role("button", name="Analyse and add").click()
    expect(page.get_by_text("Added 1 article")).to_be_visible(timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "sources.png"), full_page=True)

    page.locator("[data-testid='stSidebarNav']").get_by_text("Stance matrix").click()
    ticks = page.locator("[data-testid='stPlotlyChart'] .ytick text")
    expect(ticks).to_have_count(5)
    assert "Poland" in ticks.all_text_contents()


def _row_id(store_file, quote_contains: str = "", **match) -> str:
    from analysis.store import Store

    with Store(store_file) as store:
        df = store.positions()
    for column, value in match.items():
        df = df[df[column] == value]
    df = df[df["quote"].str.contains(quote_contains, regex=False)]
    (row_id,) = df["row_id"]
    return row_id


def test_correct_a_stance_and_the_matrix_changes(server, store_file, page):
    # Hungary's only cell opposes military aid; an analyst decides the row is a support.
    row = _row_id(store_file, actor="HUN", issue="ukraine_aid")
    page.goto(f"{server}/quotes?row={row}")
    highlight = page.locator("mark#statement")
    expect(highlight).to_have_text("More weapons will only prolong the war")
    page.screenshot(path=str(ARTIFACTS / "quotes_selected.png"), full_page=True)
    form = page.locator("[data-testid='stForm']").filter(has_text="Save correction")
    form.get_by_text("support", exact=True).click()
    form.get_by_role("button", name="Save correction").click()
    expect(page.get_by_text("Saved")).to_be_visible()

    page.goto(server)
    chart = page.locator("[data-testid='stPlotlyChart'] .js-plotly-plot")
    blue = chart.locator(".scatterlayer .trace").filter(has=page.locator("path[style*='rgb(33, 102, 172)']"))
    expect(blue.locator(".point")).to_have_count(4)  # France, Hungary, NATO on aid + nothing else
    red = chart.locator(".scatterlayer .trace").filter(has=page.locator("path[style*='rgb(178, 24, 43)']"))
    expect(red.locator(".point")).to_have_count(1)  # only Germany still opposes

    page.goto(f"{server}/corrections")
    expect(page.get_by_role("heading", name="Corrections")).to_be_visible()
    expect(page.locator("[data-testid='stDataFrame']").locator("td[role='gridcell']", has_text="support").first).to_be_attached()
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / "corrections.png"), full_page=True)


HOSTILE = """Minister rejects plan

BRUSSELS, March 7 (Test Wire) - Hungary opposes the new aid package, Foreign Minister Peter Szijjarto said on Thursday.

"We reject this plan <script>window.pwned = true; alert('pwned')</script> and <b>will not</b> sign it," Szijjarto told reporters.
"""


def test_article_with_html_shows_as_text_and_runs_nothing(server, store_file, page, tmp_path):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    upload = tmp_path / "hostile.txt"
    upload.write_text(HOSTILE)
    page.goto(f"{server}/sources")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(upload))
    page.get_by_role("button", name="Analyse and add").click()
    expect(page.get_by_text("Added 1 article")).to_be_visible(timeout=60_000)

    row = _row_id(store_file, quote_contains="<script>", kind="direct")
    page.goto(f"{server}/quotes?row={row}")
    highlight = page.locator("mark#statement")
    expect(highlight).to_contain_text("<script>window.pwned = true; alert('pwned')</script>")
    expect(highlight).to_contain_text("<b>will not</b>")
    assert highlight.locator("script, b").count() == 0  # shown as characters, not parsed as tags
    assert page.evaluate("window.pwned") is None
    assert dialogs == []
