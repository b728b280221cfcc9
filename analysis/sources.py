"""Adding articles to the store: the one ingest path shared by the CLI and the dashboard.

`articles.load_bytes` (an uploaded file) and `article_from_text` (pasted text) give
`Article`s (or `Skipped` entries saying why not); `ingest` analyses a batch and writes it
to the store in one transaction, so a failed analysis or write leaves the store as it was.
No Streamlit here: the dashboard's Sources page and `python -m analysis ingest` both call
these functions and only differ in how they show progress and the report.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pandas as pd

from analysis.articles import (
    Article,
    Skipped,
    article_from_record,
    dedupe,
    normalize_text,
    parse_date,
)

BATCH_SIZE = 50  # articles per pipeline call: the granularity of progress reports
ALIAS_COLUMNS = ["alias", "actor", "role", "article_id"]
PASTED = "pasted text"

# The shared pipeline holds the aliases of the call in progress, so two dashboard
# sessions (threads of one process) must not analyse at the same time.
_ANALYSIS_LOCK = threading.Lock()


@dataclass(frozen=True)
class IngestReport:
    """What one ingest did: enough for the CLI's summary and the dashboard's report."""

    added: list[Article] = field(default_factory=list)  # stored (new or re-analysed)
    replaced: list[str] = field(default_factory=list)  # ids that were already in the store
    rows_per_article: dict[str, int] = field(default_factory=dict)
    rows: int = 0
    statements: int = 0
    dropped_rows: int = 0  # rows whose row_id repeated another's (not stored)
    skipped: list[Skipped] = field(default_factory=list)


def article_from_text(
    text: str,
    title: str | None = None,
    published: dt.date | str | None = None,
    source: str | None = None,
    url: str | None = None,
) -> Article | Skipped:
    """A pasted article, cleaned like a .txt file; its id is a hash of the text.

    A date or URL that is given but unusable raises ValueError: the analyst typed it and
    should fix it, rather than have the article stored without it.
    """
    if published is not None and not isinstance(published, dt.date):
        published = (published or "").strip() or None
        if published is not None and parse_date(published) is None:
            raise ValueError(f"date {published!r} is not an unambiguous date (use e.g. 2024-02-27)")
    url = (url or "").strip() or None
    if url is not None and not url.lower().startswith(("http://", "https://")):
        raise ValueError(f"URL must start with http:// or https:// (got {url!r})")
    label = f"{PASTED} ({title.strip()})" if title and title.strip() else PASTED
    if not (text or "").strip():
        return Skipped(label, "text is empty")
    record = {"text": text, "title": title, "published": published, "source": source, "url": url}
    return article_from_record(record, label)


def ingest(
    store,
    articles: Iterable[Article],
    *,
    skipped: Iterable[Skipped] = (),
    on_progress: Callable[[int, int], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> IngestReport:
    """Analyse articles and store them, all or nothing; returns what was added and skipped.

    Duplicates within the batch, and texts already stored under another id, are skipped
    (counting a story twice would double its statements). An article whose id is already
    stored is re-analysed and replaces the stored one; analysts' corrections stay.
    `skipped` (what the caller could not read) is carried into the report.
    `on_progress(done, total)` is called after every batch.
    """
    articles, dupes = dedupe(articles)
    stored = store.articles()[["id", "text"]] if store.article_count() else None
    articles, known = _drop_stored_texts(stored, articles)
    skipped = [*skipped, *dupes, *known]
    if not articles:
        return IngestReport(skipped=skipped)

    rows, learned = _analyse_in_batches(articles, store.aliases(), on_progress, batch_size)
    dupes = rows["row_id"].duplicated()
    if dupes.any():
        # The store keys corrections by row_id, so it refuses repeats; keep the first of each.
        rows = rows[~dupes].reset_index(drop=True)
    existing = set(stored["id"]) if stored is not None else set()
    result = store.ingest(articles, rows, learned)
    counts = rows["article_id"].value_counts()
    return IngestReport(
        added=list(articles),
        replaced=[a.id for a in articles if a.id in existing],
        rows_per_article={a.id: int(counts.get(a.id, 0)) for a in articles},
        rows=result.rows,
        statements=result.statements,
        dropped_rows=int(dupes.sum()),
        skipped=skipped,
    )


def _drop_stored_texts(stored: pd.DataFrame | None, articles: list[Article]) -> tuple[list[Article], list[Skipped]]:
    """Articles whose text is already in the store (`stored`: id, text) under another id become Skipped."""
    if not articles or stored is None or stored.empty:
        return articles, []
    # Normalising every stored text is the slow part: only texts of a near length can match.
    lengths = [len(a.text) for a in articles]
    near = stored[stored["text"].str.len().between(min(lengths) * 0.8, max(lengths) * 1.25)]
    known = {normalize_text(t): i for i, t in zip(near["id"], near["text"])}
    kept, skipped = [], []
    for a in articles:
        other = known.get(normalize_text(a.text))
        if other is not None and other != a.id:
            skipped.append(Skipped(a.path or a.id, f"already in the store as {other}"))
        else:
            kept.append(a)
    return kept, skipped


def _analyse_in_batches(articles, known_aliases, on_progress, batch_size):
    """(rows, learned aliases): each batch is taught the store's aliases plus those learned before it."""
    from analysis import pipeline, schema

    row_parts, learned_parts = [], []
    total = len(articles)
    with _ANALYSIS_LOCK:
        for start in range(0, total, batch_size):
            batch = articles[start : start + batch_size]
            teach = pd.concat([known_aliases, *learned_parts], ignore_index=True) if learned_parts else known_aliases
            rows, learned = pipeline.analyse(batch, nlp=None, aliases=teach)
            row_parts.append(rows)
            if learned is not None and len(learned):
                learned_parts.append(learned.assign(source="learned"))
            if on_progress is not None:
                on_progress(min(start + batch_size, total), total)
    rows = schema.coerce(pd.concat(row_parts, ignore_index=True)) if row_parts else schema.empty_frame()
    learned = (
        pd.concat(learned_parts, ignore_index=True)[ALIAS_COLUMNS]
        if learned_parts
        else pd.DataFrame(columns=ALIAS_COLUMNS)
    )
    return rows, learned
