"""Demarche dashboard: who says what about which issue, read from news articles.

Run with `streamlit run app.py` (the store is $DEMARCHE_DB or data/demarche.sqlite).

This entrypoint runs on every page: it loads the positions table once per store
change (cached), draws the sidebar filters (bound to the URL query string, so a
filtered view is a shareable link), puts the filtered table in
st.session_state["positions"] and runs the selected page from pages/.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from analysis import schema, views
from analysis.store import Store, StoreError, default_db_path

st.set_page_config(page_title="Demarche", layout="wide")

PAGES = [
    st.Page("pages/matrix.py", title="Stance matrix", icon=":material/grid_on:", default=True),
    st.Page("pages/quotes.py", title="Quotes", icon=":material/format_quote:"),
    st.Page("pages/timeline.py", title="Timeline", icon=":material/timeline:"),
    st.Page("pages/sources.py", title="Sources", icon=":material/newspaper:"),
    st.Page("pages/corrections.py", title="Corrections", icon=":material/edit_note:"),
]

# url_path of the pages that work on the store rather than on the filtered table.
STORE_PAGES = ("sources", "corrections")

EMPTY_STORE = """
**No articles in the store yet** ({path}).

Upload articles or paste one on the **Sources** page. From a terminal,
`python -m analysis ingest PATH` ingests files or a folder, and `make run` loads
the sample articles in `seeds/`.
"""


def _stamp(path: Path) -> tuple:
    """Changes whenever the store is written (SQLite in WAL mode writes the -wal file first)."""
    stamp = []
    for p in (path, path.with_name(path.name + "-wal")):
        try:
            s = p.stat()
            stamp.append((s.st_mtime_ns, s.st_size))
        except FileNotFoundError:
            stamp.append(None)
    return tuple(stamp)


@st.cache_data(show_spinner="Loading positions…")
def load_positions(db_path: str, stamp: tuple) -> tuple[pd.DataFrame, int]:
    """The corrected positions table and the number of articles; cached per (path, file stamp)."""
    with Store(db_path) as store:
        return store.positions(corrected=True), store.article_count()


def sidebar_filters(df: pd.DataFrame) -> dict:
    """Filter widgets, each bound to a URL query parameter; returns filter_positions() arguments."""
    sb = st.sidebar
    sb.header("Filters")
    actors = views.actor_options(df)
    issues = views.issue_options(df)
    countries = sb.multiselect(
        "Country / actor", list(actors), format_func=lambda a: actors.get(a, a),
        key="actor", bind="query-params", placeholder="All actors",
    )
    chosen_issues = sb.multiselect(
        "Issue", list(issues), format_func=lambda i: issues.get(i, i),
        key="issue", bind="query-params", placeholder="All issues",
    )
    stances = sb.multiselect(
        "Stance", list(schema.STANCES), key="stance", bind="query-params", placeholder="All stances",
    )
    outlets = views.source_options(df)
    sources = sb.multiselect(
        "Source", outlets, key="source", bind="query-params", placeholder="All sources",
    ) if outlets else []
    date_from = date_to = None
    bounds = views.date_bounds(df)
    if bounds:
        picked = sb.date_input(
            "Date range", value=bounds, min_value=bounds[0], max_value=bounds[1],
            key="dates", bind="query-params",
        )
        picked = tuple(picked) if isinstance(picked, (tuple, list)) else (picked,)
        if picked and picked[0] and tuple(picked) != tuple(bounds):
            date_from = picked[0]
            date_to = picked[1] if len(picked) > 1 else None
    return dict(countries=countries, issues=chosen_issues, stances=stances, sources=sources,
                date_from=date_from, date_to=date_to)


page = st.navigation(PAGES)

db_path = default_db_path()
# Pages that manage the store itself (adding articles, reviewing corrections) run
# whatever the store holds; they read it through pages.store().
st.session_state["db_path"] = str(db_path)
if page.url_path in STORE_PAGES:
    page.run()
    st.stop()

try:
    positions, n_articles = load_positions(str(db_path), _stamp(db_path))
except StoreError as e:
    st.error(f"Cannot read the store: {e}")
    st.stop()

if n_articles == 0:
    st.title("Demarche")
    st.info(EMPTY_STORE.format(path=db_path), icon=":material/inbox:")
    st.page_link("pages/sources.py", label="Add articles on the Sources page", icon=":material/newspaper:")
    st.stop()

if positions.empty:
    st.title("Demarche")
    st.info(
        f"The store holds {n_articles:,} articles, but no statements were found in them yet.",
        icon=":material/info:",
    )
    st.page_link("pages/sources.py", label="Add more articles on the Sources page", icon=":material/newspaper:")
    st.stop()

filters = sidebar_filters(positions)
filtered = views.filter_positions(positions, **filters)
st.sidebar.caption(
    f"{len(filtered):,} of {len(positions):,} rows · {n_articles:,} article{'s' * (n_articles != 1)}  \n"
    "The URL keeps these filters: copy it to share this view."
)

# Pages read the filtered table from here (see pages/__init__.py).
st.session_state["positions"] = filtered
st.session_state["filters"] = filters
page.run()
