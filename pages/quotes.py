"""Quote browser: every statement in the filtered articles, newest first, with the exact words and its article.

Selecting a row (or opening a link with ?row=ROW_ID) shows the statement highlighted in its
article, with forms to correct the row, reject it, or add a position the pipeline missed.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from analysis import corrections, evidence, export, schema, views
from pages import QUOTE_COLUMN_CONFIG, callback_store, changed_store, positions, store

COLUMN_CONFIG = {
    "mark": st.column_config.TextColumn("✎", width=30, help=corrections.MARK_HELP),
    **QUOTE_COLUMN_CONFIG,
}
CONTEXT_PARAGRAPHS = 2  # paragraphs shown on each side of the statement before "Whole article"
FIX_KEYS = ("fix_actor", "fix_issue", "fix_stance", "fix_note")
ADD_KEYS = ("add_words", "add_actor", "add_issue", "add_stance", "add_speaker", "add_date", "add_note")


def _md(text) -> str:
    """Text from an article, safe inside st.markdown: markdown syntax shown as typed."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", "" if pd.isna(text) else str(text))


def _notice(kind: str, message: str) -> None:
    """A message (success, info or error) for the run after a form's callback."""
    st.session_state["quotes_notice"] = (kind, message)


def _forget(keys) -> None:
    """Drop widget state so the forms start again from the row's current values."""
    for key in keys:
        st.session_state.pop(key, None)


def _clear_selection() -> None:
    """Unselect the table's row after the table changed under it (a stale position would pick another row)."""
    st.session_state["quotes"] = {"selection": {"rows": [], "columns": [], "cells": []}}
    st.session_state["quotes_picked"] = ()


def _actor_options(current: str) -> dict[str, str]:
    options = {"": "— no state or organisation —", **corrections.actor_choices()}
    if current and current not in options:
        options[current] = current
    return options


def _issue_options(current: str, current_label: str) -> dict[str, str]:
    options = corrections.issue_labels()
    if current and current not in options:
        options[current] = f"{current_label or current} (not in the codebook)"
    return options


def _table_selection(rows: pd.DataFrame) -> None:
    """Draw the table; a click on a row (a change of the table's selection) becomes ?row=ROW_ID."""
    selected = st.query_params.get("row")
    ids = list(rows["row_id"])
    default = {"selection": {"rows": [ids.index(selected)]}} if selected in ids else None
    event = st.dataframe(
        rows, column_config=COLUMN_CONFIG, column_order=list(COLUMN_CONFIG), hide_index=True,
        width="stretch", key="quotes", on_select="rerun", selection_mode="single-row",
        selection_default=default,
    )
    picked = tuple(event.selection.rows)
    # Act on a change of the selection only: a rerun with the same selection must not undo
    # a ?row= that came from a link or a form.
    if picked != st.session_state.get("quotes_picked", ()):
        st.session_state["quotes_picked"] = picked
        if picked and picked[0] < len(ids):
            st.query_params["row"] = ids[picked[0]]
        else:
            st.query_params.pop("row", None)


def _val(row: pd.Series, col: str) -> str:
    return "" if pd.isna(row[col]) else str(row[col])


def _show_statement(row: pd.Series, text: str | None) -> None:
    """Who said what, where, and the statement highlighted in its article."""
    st.subheader(_md(_val(row, "title")) or "Untitled article")
    left, right = st.columns([4, 1], vertical_alignment="center")
    left.caption(" · ".join(_md(_val(row, c)) for c in ("source", "published") if _val(row, c)) or "Source unknown")
    url = _val(row, "url")
    if url.startswith(("http://", "https://")):
        right.link_button("Open source", url, icon=":material/open_in_new:", key="source_link", width="stretch")
    role = f" ({_md(_val(row, 'speaker_role'))})" if _val(row, "speaker_role") else ""
    st.markdown(
        f"**{_md(_val(row, 'speaker')) or 'Unnamed speaker'}**{role} for "
        f"**{_md(_val(row, 'actor_name')) or 'no state or organisation'}** · "
        f"**{_md(_val(row, 'issue_label'))}** · stance **{_md(_val(row, 'stance'))}** · "
        f"{_md(_val(row, 'date')) or 'undated'}"
    )
    if text is None:
        st.warning("The article text is not in the store any more.", icon=":material/warning:")
        return
    start, end = int(row["content_start"]), int(row["content_end"])
    try:
        st.html(evidence.article_html(text, start, end, paragraphs=CONTEXT_PARAGRAPHS))
        with st.expander("Whole article"):
            st.html(evidence.article_html(text, start, end, mark_id="statement-in-article"))
    except ValueError:
        st.warning("This statement's place in the article is unknown; the article is shown whole.")
        st.text(text)


def _save_correction(row_id: str, old: dict[str, str], reject: bool) -> None:
    """Form callback: one correction per changed field, or one that rejects the row."""
    ss = st.session_state
    note, author = ss.get("fix_note", ""), ss.get("author", "")
    if reject:
        changes = [("exclude", "true")]
    else:
        changes = [(f, ss.get(f"fix_{f}")) for f in ("actor", "issue", "stance") if ss.get(f"fix_{f}") != old[f]]
        if not changes:
            _notice("info", "Nothing changed: pick a different actor, issue or stance first.")
            return
    try:
        with callback_store() as s:
            for field, value in changes:
                s.correct(row_id, field, value, note=note, author=author)
    except ValueError as e:
        _notice("error", f"Could not save the correction: {e}")
        return
    changed_store()
    _forget(FIX_KEYS)
    if reject:
        st.query_params.pop("row", None)
        _clear_selection()
        _notice("success", "Row rejected: it no longer shows on any page. Undo it on the Corrections page.")
    else:
        _notice("success", "Saved: " + ", ".join(f"{f} → {v}" for f, v in changes)
                + ". Undo it on the Corrections page.")


def _add_position(article_id: str, text: str) -> None:
    """Form callback: find the pasted words in the article and store the position they hold."""
    ss = st.session_state
    try:
        start, end = evidence.find_span(text, ss.get("add_words", ""))
        with callback_store() as s:
            rid = s.add_position(
                article_id, start, end, ss.get("add_actor", ""), ss.get("add_issue", ""), ss.get("add_stance", ""),
                speaker=ss.get("add_speaker", ""), date=ss.get("add_date", ""), note=ss.get("add_note", ""),
                author=ss.get("author", ""),
            )
    except ValueError as e:
        _notice("error", f"Could not add the position: {e}")
        return
    changed_store()
    _forget(ADD_KEYS)
    _clear_selection()
    st.query_params["row"] = rid
    _notice("success", f"Position added (marked {corrections.MARK_ADDED} in the table). "
                       "Undo it on the Corrections page.")


def _correction_form(row: pd.Series) -> None:
    """Change the row's actor, issue or stance, or reject it; each changed field is one correction."""
    old = {c: str(row[c]) if pd.notna(row[c]) else "" for c in ("actor", "issue", "stance")}
    actors = _actor_options(old["actor"])
    issues = _issue_options(old["issue"], row["issue_label"])
    stances = list(schema.STANCES)
    with st.form("correct_form", border=True):
        st.markdown("**Correct this row**")
        a, i, s = st.columns([2, 2, 1.4])
        a.selectbox("Actor", list(actors), index=list(actors).index(old["actor"]),
                    format_func=lambda k: actors[k] if not k else f"{actors[k]} ({k})", key="fix_actor")
        i.selectbox("Issue", list(issues), index=list(issues).index(old["issue"]) if old["issue"] in issues else 0,
                    format_func=issues.get, key="fix_issue")
        s.radio("Stance", stances, index=stances.index(old["stance"]) if old["stance"] in stances else 0,
                horizontal=True, key="fix_stance")
        st.text_input("Note (why)", key="fix_note", placeholder="e.g. the speaker is being ironic")
        save_col, reject_col, _ = st.columns([1, 1, 3])
        save_col.form_submit_button("Save correction", type="primary", key="fix_save", icon=":material/check:",
                                    on_click=_save_correction, args=(row["row_id"], old, False))
        reject_col.form_submit_button("Reject row", key="fix_reject", icon=":material/block:",
                                      help="Not a position (a wrong reading): drop it from every page",
                                      on_click=_save_correction, args=(row["row_id"], old, True))


def _add_form(row: pd.Series, text: str) -> None:
    """A position the pipeline missed in this article, found by the exact words the analyst pastes."""
    actors = _actor_options("")
    issues = corrections.issue_labels()
    published = _val(row, "published")
    with st.expander("Add a position this article holds but the table missed", icon=":material/add:"):
        with st.form("add_form", border=False):
            st.text_area(
                "Exact words of the statement", key="add_words", height=80,
                placeholder="Copy the statement's words from the article above (enough of them to be unique)",
            )
            a, i, s = st.columns([2, 2, 1.4])
            a.selectbox("Actor", list(actors), format_func=lambda k: actors[k] if not k else f"{actors[k]} ({k})",
                        key="add_actor")
            i.selectbox("Issue", list(issues), format_func=issues.get, key="add_issue")
            s.radio("Stance", list(schema.STANCES), horizontal=True, key="add_stance")
            sp, day = st.columns([2, 1])
            sp.text_input("Speaker", key="add_speaker", placeholder="Who said it, as the article names them")
            day.text_input("Date (yyyy-mm-dd)", key="add_date", placeholder=published or "unknown",
                           help="Leave empty for the article's publication date")
            st.text_input("Note (why)", key="add_note")
            st.form_submit_button("Add position", type="primary", key="add_save", icon=":material/add:",
                                  on_click=_add_position, args=(row["article_id"], text))


def _row_history(log: pd.DataFrame, rid: str) -> None:
    """The analysts' changes in effect (or waiting) on this row, newest first."""
    mine = log[(log["row_id"] == rid) & (log["status"] != "undone")]
    if mine.empty:
        return
    lines = []
    for r in mine.itertuples():
        what = "added by an analyst" if r.kind == "added" else f"{_md(r.field)}: {_md(r.was)} → {_md(r.value)}"
        who = f", {_md(r.author)}" if r.author else ""
        why = f" — {_md(r.note)}" if r.note else ""
        lines.append(f"- {what} ({_md(r.status)}, {_md(r.created_at)}{who}){why}")
    st.markdown("**Analysts' changes to this row**\n\n" + "\n".join(lines))
    st.page_link("pages/corrections.py", label="Review or undo on the Corrections page", icon=":material/undo:")


df = positions()
st.title("Quotes")
st.caption(
    "Every statement read from the filtered articles, newest first: who said it, in what role, "
    "on which issue, with which stance, in their exact words, and the article it comes from. "
    "Includes speakers who speak for no state or organisation. "
    f"Select a row to read it in its article and correct it. {corrections.MARK_HELP}."
)
search = st.text_input(
    "Search", key="q", bind="query-params", placeholder="Words, speaker, actor, issue or article title",
    icon=":material/search:",
)
with store() as s:
    log = s.correction_log()
added = set(log.loc[(log["kind"] == "added") & (log["status"] == "active"), "row_id"])
rows = views.search_quotes(corrections.quote_rows(df, added), search).reset_index(drop=True)

if rows.empty:
    st.info("No statements match the current filters and search.", icon=":material/filter_alt:")
else:
    st.caption(f"{len(rows):,} statements")
    _table_selection(rows)
    st.download_button(
        "CSV", data=export.table_csv(rows.drop(columns=["mark"])), file_name="quotes.csv", mime="text/csv",
        key="quotes-csv", on_click="ignore", icon=":material/table:", help="Download these statements as CSV",
    )

if "quotes_notice" in st.session_state:
    kind, message = st.session_state.pop("quotes_notice")
    getattr(st, kind)(message)

selected = st.query_params.get("row")
if selected:
    st.divider()
    match = df[df["row_id"] == selected]
    if match.empty:
        st.info(
            f"Statement {_md(selected)} is not among the rows shown: the filters hide it, an analyst rejected it, "
            "or re-analysis no longer produces it.", icon=":material/visibility_off:",
        )
        st.button("Close", key="row_close", on_click=lambda: st.query_params.pop("row", None))
        st.stop()
    row = match.iloc[0]
    if st.session_state.get("fix_for") != selected:  # another row: forms start from its values
        st.session_state["fix_for"] = selected
        _forget(FIX_KEYS + ADD_KEYS)
    with store() as s:
        article = s.article(row["article_id"])
    text = article["text"] if article else None
    _show_statement(row, text)
    _row_history(log, selected)
    st.text_input("Your name (kept with your corrections)", key="author", placeholder="optional")
    _correction_form(row)
    if text is not None:
        _add_form(row, text)
