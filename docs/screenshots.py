"""Take the README's screenshots from the real app: `python docs/screenshots.py`.

Ingests the seed article and the development articles of eval/diplomatic into a
throw-away store, starts `streamlit run app.py` on it (127.0.0.1, a free port) and
photographs each page with the system's Chromium into docs/img/. Needs the
`chromium` Debian package (never downloads a browser).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "img"
ARTICLES = [ROOT / "seeds", ROOT / "eval" / "diplomatic" / "dev" / "articles"]
CHROMIUM = "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            if proc.poll() is not None:
                break
        time.sleep(0.3)
    raise SystemExit("streamlit did not come up")


def example_row(db: Path) -> str:
    """A direct quote by a state, to open in the quote browser's reading view."""
    from analysis.store import Store

    with Store(db) as store:
        rows = store.positions()
    rows = rows[(rows["kind"] == "direct") & (rows["actor_kind"] == "state") & (rows["issue"] != "unclassified")]
    return rows.sort_values(["date", "row_id"])["row_id"].iloc[-1]


def example_corrections(db: Path) -> None:
    """Two rejected rows, one of them undone, so the Corrections page has something to show."""
    from analysis.store import Store

    with Store(db) as store:
        rows = store.positions()
        unclassified = rows[(rows["issue"] == "unclassified") & (rows["actor_kind"] == "state")]
        first, second = unclassified["row_id"].iloc[:2]
        store.correct(first, "exclude", True, note="example for the screenshot", author="docs/screenshots.py")
        undo = store.correct(second, "exclude", True, note="example for the screenshot", author="docs/screenshots.py")
        store.undo_correction(undo)


def shoot(url: str, row: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        # Streamlit scrolls inside the page, so a tall window is what gets everything into the picture.
        page = browser.new_page(viewport={"width": 1500, "height": 1500})

        def snap(path: str, name: str, settle=None) -> None:
            page.goto(f"{url}/{path}")
            page.wait_for_selector("h1")
            if settle:
                settle()
            page.wait_for_timeout(1500)
            page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
            print(f"docs/img/{name}.png")

        snap("?order=Similar+positions", "matrix")
        snap(f"quotes?row={row}", "quotes", lambda: page.locator("mark#statement").scroll_into_view_if_needed())
        snap("timeline", "timeline")
        snap("sources", "sources")
        snap("corrections", "corrections")
        browser.close()


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demarche.sqlite"
        env = {**os.environ, "DEMARCHE_DB": str(db), "PYTHONUNBUFFERED": "1"}
        subprocess.run([sys.executable, "-m", "analysis", "ingest", *map(str, ARTICLES)], env=env, check=True, cwd=ROOT)
        example_corrections(db)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", "127.0.0.1",
             "--server.port", str(port), "--server.headless", "true", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(url, proc)
            shoot(url, example_row(db))
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
