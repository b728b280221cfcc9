"""Quote browser: every statement in the filtered articles, newest first, with the exact words and its article."""

from __future__ import annotations

import streamlit as st

from analysis import export, views
from pages import positions, quote_table

df = positions()
st.title("Quotes")
st.caption(
    "Every statement read from the filtered articles, newest first: who said it, in what role, "
    "on which issue, with which stance, in their exact words, and the article it comes from. "
    "Includes speakers who speak for no state or organisation."
)
search = st.text_input(
    "Search", key="q", bind="query-params", placeholder="Words, speaker, actor, issue or article title",
    icon=":material/search:",
)
rows = views.search_quotes(views.quotes(df), search)

if rows.empty:
    st.info("No statements match the current filters and search.", icon=":material/filter_alt:")
    st.stop()

st.caption(f"{len(rows):,} statements")
quote_table(rows, key="quotes")
st.download_button(
    "CSV", data=export.table_csv(rows), file_name="quotes.csv", mime="text/csv", key="quotes-csv",
    on_click="ignore", icon=":material/table:", help="Download these statements as CSV",
)
