"""Corrections: every change analysts made to the table, what it is about, whether it is in effect, and undo.

Runs on the store directly (app.py does not load the table for it), so it also works
when every row an analyst touched has gone from the table.
"""

from __future__ import annotations

import streamlit as st

from analysis import corrections
from pages import callback_store, changed_store, store

STATUS = {
    "active": "✓ in effect",
    "superseded": "↷ superseded",
    "orphan": "⚠ orphaned",
    "undone": "↺ undone",
}
COLUMN_CONFIG = {
    "status": st.column_config.TextColumn("Status", width=110),
    "kind": st.column_config.TextColumn("Kind", width=90),
    "field": st.column_config.TextColumn("Field", width=70),
    "was": st.column_config.TextColumn("Was", width=110),
    "value": st.column_config.TextColumn("Now", width=200),
    "actor_name": st.column_config.TextColumn("Actor", width=100),
    "issue_label": st.column_config.TextColumn("Issue", width=150),
    "quote": st.column_config.TextColumn("Exact words", width=320),
    "title": st.column_config.TextColumn("Article", width=200),
    "note": st.column_config.TextColumn("Note", width=160),
    "author": st.column_config.TextColumn("By", width=80),
    "created_at": st.column_config.TextColumn("When", width=150),
    "link": st.column_config.LinkColumn("Row", display_text="open", width=60,
                                        help="Open the row in the quote browser"),
}


def _undo(items: list[tuple[str, int]]) -> None:
    """Button callback: undo the selected changes, then clear the selection (its rows move)."""
    done, problems = 0, []
    with callback_store() as s:
        for kind, item_id in items:
            try:
                if kind == "added":
                    s.undo_added_position(item_id)
                else:
                    s.undo_correction(item_id)
                done += 1
            except ValueError as e:  # e.g. undone meanwhile in another tab
                problems.append(str(e))
    changed_store()
    st.session_state["log"] = {"selection": {"rows": [], "columns": [], "cells": []}}
    message = f"Undid {done} change(s)." + (" " + "; ".join(problems) if problems else "")
    st.session_state["corrections_flash"] = ("warning" if problems else "success", message)


st.title("Corrections")
st.caption(
    "Every change analysts made to the table, newest first: corrected fields, rejected rows "
    "and positions they added with their evidence. Corrections are stored apart "
    "from the machine's rows and survive re-analysis. Select rows and press Undo to take changes back; "
    "an undone change stays listed."
)

with store() as s:
    log = s.correction_log()
if "corrections_flash" in st.session_state:
    kind, message = st.session_state.pop("corrections_flash")
    getattr(st, kind)(message)

if log.empty:
    st.info("No corrections yet. Select a statement on the Quotes page to correct it, reject it "
            "or add a position its article holds.", icon=":material/edit_note:")
    st.page_link("pages/quotes.py", label="Go to the quote browser", icon=":material/format_quote:")
    st.stop()

counts = log["status"].value_counts()
st.caption(" · ".join(f"{counts.get(k, 0)} {label.split(' ', 1)[1]}" for k, label in STATUS.items()))
if counts.get("orphan", 0):
    st.info(
        "**Orphaned** changes are about a row that re-analysis no longer produces (or, for an added "
        "position, words no longer in its article). They are kept, and apply again if the row comes back.",
        icon=":material/link_off:",
    )

shown_statuses = st.multiselect(
    "Show", list(STATUS), default=[k for k in STATUS if k != "undone"], format_func=STATUS.get,
    key="log_status", bind="query-params",
)
rows = log[log["status"].isin(shown_statuses or list(STATUS))].reset_index(drop=True)
table = rows.assign(
    status=rows["status"].map(STATUS),
    kind=rows["kind"].map({"correction": "correction", "added": "added position"}),
    link="./quotes?row=" + rows["row_id"],
)
# Read like the rest of the dashboard: issue labels rather than ids, a rejection as words.
labels = corrections.issue_labels()
is_issue, is_exclude = table["field"] == "issue", table["field"] == "exclude"
for col in ("was", "value"):
    table.loc[is_issue, col] = table.loc[is_issue, col].map(lambda i: labels.get(i, i))
table.loc[is_exclude, "field"] = "row"
table.loc[is_exclude, "value"] = table.loc[is_exclude, "value"].map({"true": "rejected", "false": "restored"})
event = st.dataframe(
    table, column_config=COLUMN_CONFIG, column_order=list(COLUMN_CONFIG), hide_index=True, width="stretch",
    key="log", on_select="rerun", selection_mode="multi-row",
)
picked = rows.iloc[[i for i in event.selection.rows if i < len(rows)]]
undoable = [(r.kind, int(r.id)) for r in picked.itertuples() if r.status != "undone"]
st.button(
    f"Undo {len(undoable)} selected" if undoable else "Undo selected", key="undo", icon=":material/undo:",
    disabled=not undoable, on_click=_undo, args=(undoable,),
    help="Select rows in the table first; undone changes stay listed",
)
