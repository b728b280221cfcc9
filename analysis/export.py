"""Chart and table export: static images through Kaleido, offline HTML, CSV.

Static images (PNG, SVG, PDF) need a Chromium-based browser, which Kaleido looks
for on PATH (or at $BROWSER_PATH). One Kaleido server is started lazily the first
time an image is asked for and is reused after that. When no browser can be found
or started, figure_bytes raises ExportUnavailable with a message fit to show the
user; HTML and CSV export do not need a browser.
"""

from __future__ import annotations

import os
import re
import threading
import time

import pandas as pd

FORMATS = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}

# How long one image may take (the first one includes starting Chromium).
TIMEOUT = 60.0

_lock = threading.Lock()
_problem: str | None = None  # why static export failed, once it has


_NO_BROWSER = "no Chromium or Chrome browser was found (install chromium on PATH, or set BROWSER_PATH)."


class ExportUnavailable(RuntimeError):
    """Static image export cannot work here (no browser, or it would not start)."""


def _unavailable(reason: str) -> ExportUnavailable:
    return ExportUnavailable(
        f"Image export (PNG/SVG/PDF) is unavailable: {reason} "
        "HTML and CSV downloads still work."
    )


def browser_path() -> str | None:
    """The Chromium-based browser Kaleido would use, or None when there is none to run."""
    from choreographer.browsers.chromium import Chromium

    path = Chromium.find_browser(skip_local=False)
    if path and os.path.isfile(path) and os.access(path, os.X_OK):
        return path
    return None


def static_export_problem() -> str | None:
    """A message saying why PNG/SVG/PDF export cannot work, or None if it should."""
    if _problem is not None:
        return _problem
    if browser_path() is None:
        return str(_unavailable(_NO_BROWSER))
    return None


def _server():
    """The kaleido module with its sync server running (started on first use)."""
    import kaleido

    if not kaleido._global_server.is_running():
        if browser_path() is None:
            raise _unavailable(_NO_BROWSER)
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    return kaleido


def _server_alive(kaleido) -> bool:
    # The server runs in a thread; if Chromium fails to start the thread ends and
    # a queued request would wait forever, so the caller watches it.
    thread = getattr(kaleido._global_server, "_thread", None)
    return thread is not None and thread.is_alive()


def figure_bytes(fig, fmt: str = "png", *, width: int | None = None, height: int | None = None) -> bytes:
    """The figure as a png, svg or pdf file's bytes, rendered by Kaleido.

    Raises ExportUnavailable (with a user-facing message) when no browser is found,
    it will not start, or rendering takes longer than TIMEOUT seconds.
    """
    global _problem
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    opts = {"format": fmt}
    if width:
        opts["width"] = width
    if height:
        opts["height"] = height
    with _lock:  # the sync server handles one request at a time
        if _problem is not None:
            raise ExportUnavailable(_problem)
        kaleido = _server()
        result: dict = {}

        def call():
            try:
                result["value"] = kaleido.calc_fig_sync(fig, opts=opts)
            except BaseException as e:  # noqa: BLE001 - handed to the caller
                result["error"] = e

        worker = threading.Thread(target=call, daemon=True, name="demarche-kaleido")
        worker.start()
        deadline = time.monotonic() + TIMEOUT
        while worker.is_alive():
            worker.join(0.1)
            if not worker.is_alive():
                break
            if not _server_alive(kaleido):
                # Clean up the dead server (does not block: its thread has ended).
                kaleido.stop_sync_server(silence_warnings=True)
                _problem = str(_unavailable(f"Kaleido could not start the browser at {browser_path()}."))
                raise ExportUnavailable(_problem)
            if time.monotonic() > deadline:
                # The server is busy with the stuck request; stopping it would block,
                # so image export is switched off for the rest of this process.
                _problem = str(_unavailable(f"rendering took longer than {TIMEOUT:.0f} s."))
                raise ExportUnavailable(_problem)
        if "error" in result:
            e = result["error"]
            if type(e).__name__ == "ChromeNotFoundError":
                err = _unavailable(str(e))
                _problem = str(err)
                raise err from e
            raise e
        return bytes(result["value"])


def stop() -> None:
    """Stop the Kaleido server if it runs (tests call this; the process exit does too)."""
    import kaleido

    with _lock:
        kaleido.stop_sync_server(silence_warnings=True)


def figure_html(fig) -> str:
    """A standalone HTML page with plotly.js inlined, so it opens offline."""
    return fig.to_html(include_plotlyjs=True, full_html=True)


def table_csv(df: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV bytes (no index)."""
    return df.to_csv(index=False).encode("utf-8")


# At most this many actor or issue ids go into a file name; the rest become "+N".
MAX_NAMED = 4


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", str(text)).strip("-")


def _ids(values, upper: bool) -> str:
    values = sorted({_slug(v.upper() if upper else v.lower()) for v in values or () if _slug(v)})
    shown = values[:MAX_NAMED]
    rest = len(values) - len(shown)
    return "-".join(shown) + (f"-plus{rest}" if rest else "")


def _period(date_from, date_to) -> str:
    """'2024-02' for one whole calendar month, else 'from_to' (either side may be open)."""
    lo = pd.Timestamp(date_from) if date_from else None
    hi = pd.Timestamp(date_to) if date_to else None
    if lo is not None and hi is not None and lo.day == 1 and hi == lo + pd.offsets.MonthEnd(0):
        return lo.strftime("%Y-%m")
    if lo is None and hi is None:
        return ""
    return f"{lo.strftime('%Y-%m-%d') if lo is not None else 'start'}_{hi.strftime('%Y-%m-%d') if hi is not None else 'end'}"


def file_stem(page: str, countries=(), issues=(), stances=(), date_from=None, date_to=None, **_ignored) -> str:
    """A download's file name without extension, naming the page and the filters behind it.

    `stance-matrix_FRA-DEU-POL_2024-02`: so a folder of exported charts says what each
    one shows. Takes the same keywords as views.filter_positions.
    """
    parts = [_slug(page.lower()) or "chart", _ids(countries, upper=True), _ids(issues, upper=False),
             _ids(stances, upper=False), _period(date_from, date_to)]
    return "_".join(p for p in parts if p)
