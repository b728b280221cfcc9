"""Sources: add articles (upload files or paste text), list the stored articles, remove some.

Presentation only: reading, analysing and storing are `analysis.sources` and the Store.
Runs before app.py loads the positions table, so it works on an empty store too.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from analysis import sources
from analysis.articles import FIELD_ALIASES, SUPPORTED_SUFFIXES, Article, load_bytes
from pages import callback_store, changed_store, store

UPLOAD_TYPES = [s.lstrip(".") for s in SUPPORTED_SUFFIXES]
PAGE_BATCH = 10  # articles per progress step

REPORT_KEY = "sources_report"
CONFIRM_KEY = "sources_confirm_remove"
REMOVED_KEY = "sources_removed"
GEN_KEY = "sources_form_gen"
ADD_KEY = "sources_add_requested"


def _fields_help() -> str:
    names = [
        f"`{field}`" + (f" (or {', '.join(f'`{a}`' for a in aliases[1:])})" if aliases[1:] else "")
        for field, aliases in FIELD_ALIASES.items()
    ]
    return "; ".join(names)


GUIDANCE = f"""
**No articles in the store yet.** Add news articles below and Demarche reads who said what in them.

* **.txt**: the article text; the file name becomes its id.
* **.html / .htm**: a saved news page; text, title, date and outlet are taken from the page.
* **.json** (one object or a list of objects), **.jsonl** (one object per line) or **.csv**
  (a header row, one article per row): one article per record, with the fields
  {_fields_help()}. Only the text is required.

Or paste an article's text with its title, date, source and URL.
"""


def _with_store(action):
    """Run `action(store)`; a store that cannot be opened is shown as an error, not a traceback."""
    from analysis.store import StoreError

    try:
        with store() as s:
            return action(s)
    except StoreError as e:
        st.error(f"Cannot use the store: {e}", icon=":material/error:")
        st.stop()


def _collect(uploads, text, title, published, source, url):
    """(articles, skipped) from the uploads and the pasted text."""
    articles, skipped = [], []
    for f in uploads or []:
        got, skips = load_bytes(f.name, f.getvalue())
        articles += got
        skipped += skips
    if text and text.strip():
        pasted = sources.article_from_text(text, title=title, published=published, source=source, url=url)
        (articles if isinstance(pasted, Article) else skipped).append(pasted)
    return articles, skipped


def _analyse(articles, skipped) -> sources.IngestReport:
    from analysis.nlp import shared_nlp

    with st.spinner("Loading the language model…"):
        shared_nlp()
    bar = st.progress(0.0, text=f"Analysing {len(articles)} articles…")

    def progress(done, total):
        bar.progress(done / total, text=f"Analysed {done} of {total} articles")

    report = _with_store(
        lambda s: sources.ingest(s, articles, skipped=skipped, on_progress=progress, batch_size=PAGE_BATCH)
    )
    bar.empty()
    return report


def _show_report(report: sources.IngestReport) -> None:
    if report.added:
        n = len(report.added)
        st.success(
            f"Added {n} article{'s' * (n != 1)}: {report.rows:,} rows from {report.statements:,} statements.",
            icon=":material/check_circle:",
        )
        replaced = set(report.replaced)
        st.dataframe(
            pd.DataFrame({
                "title": [a.title or "(no title)" for a in report.added],
                "rows": [report.rows_per_article.get(a.id, 0) for a in report.added],
                "status": ["re-analysed, replaced the stored copy" if a.id in replaced else "new" for a in report.added],
                "id": [a.id for a in report.added],
                "from": [a.path or "" for a in report.added],
            }),
            hide_index=True, width="stretch", key="sources_added",
        )
        if report.dropped_rows:
            st.warning(
                f"{report.dropped_rows} rows repeated another row's id and were not stored.",
                icon=":material/warning:",
            )
    elif not report.skipped:
        st.info("Nothing to add.", icon=":material/info:")
    if report.skipped:
        n = len(report.skipped)
        st.warning(
            f"Skipped {n} file{'s' * (n != 1)} or record{'s' * (n != 1)}:" if report.added
            else f"Nothing was added. Skipped {n}:",
            icon=":material/warning:",
        )
        st.dataframe(
            pd.DataFrame({"what": [s.path for s in report.skipped], "why": [s.reason for s in report.skipped]}),
            hide_index=True, width="stretch", key="sources_skipped",
        )


def _article_table(s) -> pd.DataFrame:
    """Stored articles (no text: it is never rendered here), newest first, with their row counts."""
    arts = s.articles().drop(columns=["text"])
    counts = s.positions(corrected=False)["article_id"].value_counts()
    arts["rows"] = arts["id"].map(counts).fillna(0).astype(int)
    # Only web links become clickable: a stored "javascript:" URL must not.
    arts["url"] = arts["url"].where(arts["url"].fillna("").str.match(r"(?i)https?://"), None)
    arts = arts.sort_values(["published", "ingested_at"], ascending=False, na_position="last")
    return arts[["title", "source", "published", "url", "rows", "ingested_at", "id"]].reset_index(drop=True)


def _remove(ids: list[str]) -> None:
    """Remove articles (a button callback); the message shows on the run that follows."""
    from analysis.store import StoreError

    try:
        with callback_store() as s:
            removed = [i for i in ids if s.remove_article(i)]
    except StoreError as e:
        st.session_state[REMOVED_KEY] = ("error", f"Could not remove: {e}")
        return
    changed_store()
    st.session_state.pop(REPORT_KEY, None)
    st.session_state.pop(CONFIRM_KEY, None)
    st.session_state[REMOVED_KEY] = (
        "success", f"Removed {len(removed)} article{'s' * (len(removed) != 1)} and their rows."
    )


def _request(key: str, value=True) -> None:
    """Button callback: record the request in session state.

    A click is kept this way even when the run it triggers is restarted (see pages.store()),
    where a button's own True would be lost.
    """
    st.session_state[key] = value


def _add(uploads, text, title, published, source, url, gen: int) -> None:
    """Read, analyse and store what the form holds; errors are shown, the store stays as it was."""
    try:
        articles, skipped = _collect(uploads, text, title, published, source, url)
    except ValueError as e:
        st.error(f"{e}. Nothing was added.", icon=":material/error:")
        return
    if not articles and not skipped:
        st.info("Choose files to upload or paste an article's text first.", icon=":material/info:")
        return
    try:
        report = _analyse(articles, skipped) if articles else sources.IngestReport(skipped=skipped)
    except Exception as e:  # shown, never a traceback; ingest is atomic, so the store is unchanged
        st.error(f"Analysis failed and nothing was added: {type(e).__name__}: {e}", icon=":material/error:")
        return
    st.session_state[REPORT_KEY] = report
    if report.added:
        changed_store()
        st.session_state[GEN_KEY] = gen + 1  # a fresh, empty form
        st.rerun()


# -- page ---------------------------------------------------------------------------------

n_articles = _with_store(lambda s: s.article_count())
st.title("Sources")
st.caption(
    "Add news articles to the store, see which articles it holds, and remove articles. "
    "Adding an article that is already stored re-analyses it; analysts' corrections are kept."
)
if not n_articles:
    st.info(GUIDANCE, icon=":material/inbox:")
if REMOVED_KEY in st.session_state:
    kind, message = st.session_state.pop(REMOVED_KEY)
    getattr(st, kind)(message, icon=":material/delete:")

st.subheader("Add articles")
# A new form generation after each successful add gives empty widgets; after an error the input stays.
gen = st.session_state.setdefault(GEN_KEY, 0)
with st.form(f"add_articles_{gen}"):
    uploads = st.file_uploader(
        "Upload files", type=UPLOAD_TYPES, accept_multiple_files=True, key=f"sources_files_{gen}",
        help="Text, saved web pages, or JSON / JSON Lines / CSV files with one article per record.",
    )
    st.markdown("**Or paste an article**")
    text = st.text_area("Article text", key=f"paste_text_{gen}", height=180,
                        placeholder="Paste the text of a news article")
    c1, c2 = st.columns(2)
    title = c1.text_input("Title", key=f"paste_title_{gen}")
    published = c2.date_input("Date", value=None, key=f"paste_date_{gen}", format="YYYY-MM-DD",
                              help="Publication date; statements that give no date of their own get this one.")
    c3, c4 = st.columns(2)
    source = c3.text_input("Source", key=f"paste_source_{gen}", placeholder="e.g. Reuters")
    url = c4.text_input("URL", key=f"paste_url_{gen}", placeholder="https://…")
    st.form_submit_button("Analyse and add", type="primary", icon=":material/playlist_add:",
                          on_click=_request, args=(ADD_KEY,))

if st.session_state.pop(ADD_KEY, False):
    _add(uploads, text, title, published, source, url, gen)

if REPORT_KEY in st.session_state:
    _show_report(st.session_state[REPORT_KEY])

st.subheader("Articles in the store")
if not n_articles:
    st.caption("None yet.")
    st.stop()

table = _with_store(_article_table)
ids = list(table["id"])
st.caption(f"{len(table):,} articles. Select rows to remove them.")
event = st.dataframe(
    table,
    column_config={
        "title": st.column_config.TextColumn("Title", width=320),
        "source": st.column_config.TextColumn("Source", width=120),
        "published": st.column_config.TextColumn("Published", width=100),
        "url": st.column_config.LinkColumn("Link", display_text="open", width=60),
        "rows": st.column_config.NumberColumn("Rows", width=60, help="Rows in the positions table"),
        "ingested_at": st.column_config.TextColumn("Added", width=180),
        "id": st.column_config.TextColumn("Id", width=160),
    },
    hide_index=True, width="stretch", on_select="rerun", selection_mode="multi-row",
    # Selections are row positions: a new key whenever the articles change, so one never points at another row.
    key=f"sources_table_{hashlib.sha1(chr(0).join(ids).encode()).hexdigest()[:12]}",
)
selected = [ids[i] for i in event.selection.rows if i < len(ids)]
st.button(f"Remove {len(selected)} selected", icon=":material/delete:", disabled=not selected,
          key="sources_remove", on_click=_request, args=(CONFIRM_KEY, selected))

pending = [i for i in st.session_state.get(CONFIRM_KEY, []) if i in set(ids)]
if pending:
    titles = table.set_index("id")["title"].fillna("(no title)")
    st.warning(
        f"Remove {len(pending)} article{'s' * (len(pending) != 1)} and their rows from the store? "
        "Analysts' corrections are kept and come back if the article is added again.",
        icon=":material/warning:",
    )
    st.dataframe(pd.DataFrame({"title": [titles[i] for i in pending], "id": pending}),
                 hide_index=True, key="sources_pending")
    yes, no, _ = st.columns([1, 1, 4])
    yes.button("Remove", type="primary", key="sources_confirm", on_click=_remove, args=(pending,))
    no.button("Cancel", key="sources_cancel", on_click=lambda: st.session_state.pop(CONFIRM_KEY, None))
