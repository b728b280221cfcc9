"""What every page uses: the filtered table app.py prepared, the quote table and the export buttons.

The page scripts in this folder are run by app.py through st.navigation; this
package module is never a page itself.
"""

from __future__ import annotations

import html
import textwrap

import pandas as pd
import streamlit as st

from analysis import export

# Colours by position/stance, used by every chart so they read the same everywhere:
# the two ends of ColorBrewer's RdBu (a diverging scale safe for colour-blind readers),
# a blend of both for mixed and a light grey for neutral. Charts add a text symbol too.
COLOURS = {
    "support": "#2166ac",
    "oppose": "#b2182b",
    "mixed": "#9e7bb5",
    "neutral": "#d0d0d0",
}
# Text drawn on a marker of that colour.
INK = {"support": "white", "oppose": "white", "mixed": "white", "neutral": "#222222"}


def _through_app_py(needs: str | None = None) -> None:
    """Rerun through app.py when this page script was started without it.

    Streamlit treats a folder named pages/ as an old-style multipage app until some session
    has run st.navigation, so the very first request to a fresh server for a page URL (a
    shared link), and every AppTest run after the first, runs the page script without
    app.py. Then we switch that mode off and rerun, which goes through app.py and lands on
    the same page with the same query string. `needs`: a session key app.py sets, whose
    absence also means app.py has not run yet.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory or (needs is not None and needs not in st.session_state):
        PagesManager.uses_pages_directory = False
        st.rerun()


def positions() -> pd.DataFrame:
    """The positions table after the sidebar filters (set by app.py before the page runs).
    Call it first thing in a page."""
    _through_app_py()
    return st.session_state["positions"]


def store():
    """The store app.py chose (by $DEMARCHE_DB), for pages that read or write it directly.

    A fresh connection per call, so writes are visible at once; close it with `with`.
    """
    from analysis.store import Store

    _through_app_py("db_path")
    return Store(st.session_state["db_path"])


def callback_store():
    """The same store, for button and form callbacks: a callback cannot rerun as store() may,
    and the run that drew the button has set db_path already."""
    from analysis.store import Store

    return Store(st.session_state["db_path"])


def changed_store() -> None:
    """Call after writing to the store: drops cached tables so every page shows the change."""
    st.cache_data.clear()


def hover_quote(text: str, width: int, limit: int) -> str:
    """A quote for a plotly hover: shortened to `limit` characters, in quotation marks, escaped
    (hover text is HTML) and broken into lines of `width` with <br>."""
    short = textwrap.shorten(text or "", width=limit, placeholder=" …")
    return "<br>".join(html.escape(line) for line in textwrap.wrap(f"“{short}”", width=width))


def file_stem(page: str) -> str:
    """The download name for this page under the current sidebar filters (see export.file_stem)."""
    return export.file_stem(page, **st.session_state.get("filters", {}))


def chart_config(page: str) -> dict:
    """Plotly toolbar settings: its camera button saves a PNG named like our own downloads."""
    return {
        "displaylogo": False,
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
        "toImageButtonOptions": {"format": "png", "filename": file_stem(page), "scale": 2},
    }


def export_buttons(fig, data: pd.DataFrame, page: str) -> None:
    """PNG, SVG, offline HTML and CSV downloads for one chart and the table behind it.

    PNG and SVG are rendered by Kaleido only when clicked; if it cannot run here
    the page says why and those two buttons are disabled. File names carry the
    page and the filters.
    """
    base = file_stem(page)
    problem = export.static_export_problem()
    cols = st.columns([1, 1, 1, 1, 4])

    def image(fmt):
        return lambda: export.figure_bytes(fig, fmt)

    for col, fmt in zip(cols, ("png", "svg")):
        col.download_button(
            fmt.upper(), data=image(fmt), file_name=f"{base}.{fmt}", mime=export.FORMATS[fmt],
            key=f"{page}-{fmt}", disabled=problem is not None, on_click="ignore",
            icon=":material/image:", help=f"Download the chart as {fmt.upper()}",
        )
    cols[2].download_button(
        "HTML", data=lambda: export.figure_html(fig), file_name=f"{base}.html", mime="text/html",
        key=f"{page}-html", on_click="ignore", icon=":material/code:",
        help="Download the interactive chart as a standalone HTML file (works offline)",
    )
    cols[3].download_button(
        "CSV", data=export.table_csv(data), file_name=f"{base}.csv", mime="text/csv",
        key=f"{page}-csv", on_click="ignore", icon=":material/table:",
        help="Download the data behind the chart as CSV",
    )
    if problem:
        st.caption(f":material/warning: {problem}")


QUOTE_COLUMN_CONFIG = {
    "date": st.column_config.TextColumn("Date", width=90),
    "actor_name": st.column_config.TextColumn("Actor", width=100),
    "speaker": st.column_config.TextColumn("Speaker", width=140),
    "speaker_role": st.column_config.TextColumn("Role", width=120),
    "issue_label": st.column_config.TextColumn("Issue", width=150),
    "stance": st.column_config.TextColumn("Stance", width=70),
    "quote": st.column_config.TextColumn("Exact words", width=480, help="The quoted or reported words; click a cell to read all of it"),
    "title": st.column_config.TextColumn("Article", width=220),
    "url": st.column_config.LinkColumn("Link", display_text="open", width=60),
    "source": st.column_config.TextColumn("Source", width=110),
    "cue": st.column_config.TextColumn("Cue", width=90),
}


def quote_table(rows: pd.DataFrame, key: str) -> None:
    """Quote-browser rows (views.quotes) as a table, the article link clickable."""
    st.dataframe(
        rows, column_config=QUOTE_COLUMN_CONFIG, column_order=list(QUOTE_COLUMN_CONFIG),
        hide_index=True, width="stretch", key=key,
    )
