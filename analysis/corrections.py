"""What analysts' corrections need besides the store: valid issues and actors, and quote-browser rows with ids.

Pure (no Streamlit, no SQL). The codebook and the gazetteer are the vocabularies a
correction may use, so a corrected row reads like one the pipeline could have produced.
"""

from __future__ import annotations

import pandas as pd

from analysis import schema, views

UNCLASSIFIED_LABEL = "Unclassified"

# Shown in the quote browser's first column.
MARK_CORRECTED = "✎"
MARK_ADDED = "+"
MARK_HELP = f"{MARK_CORRECTED} corrected by an analyst · {MARK_ADDED} added by an analyst"


def issue_labels() -> dict[str, str]:
    """Codebook issue id -> label, in codebook order, with 'unclassified' last."""
    from analysis.issues import load_codebook

    labels = {i.id: i.label for i in load_codebook().issues.values()}
    labels[schema.UNCLASSIFIED] = UNCLASSIFIED_LABEL
    return labels


def check_issue(issue: str) -> str:
    """The issue id if the codebook has it (or it is 'unclassified'); else a ValueError listing the valid ids."""
    issue = (issue or "").strip()
    if not issue:
        raise ValueError(f"issue must not be empty (use '{schema.UNCLASSIFIED}')")
    labels = issue_labels()
    if issue not in labels:
        raise ValueError(f"unknown issue {issue!r}: choose one of {', '.join(labels)}")
    return issue


def issue_label(issue: str) -> str:
    """The codebook label of an issue id (the id itself if the codebook no longer has it)."""
    return issue_labels().get(issue, issue)


def _gazetteer():
    from analysis.actors import load_gazetteer

    return load_gazetteer()


def actor_name_kind(actor: str) -> tuple[str, str]:
    """Readable name and kind (state/organisation/other) of an actor id, as the pipeline would write them."""
    if not actor:
        return "", "other"
    g = _gazetteer()
    kind = g.kind(actor)
    return g.names.get(actor, actor), kind if kind in ("state", "organisation") else "organisation"


def actor_choices() -> dict[str, str]:
    """Actor id -> name for every state and organisation the gazetteer knows, by name."""
    g = _gazetteer()
    names = {code: name for code, name in g.names.items() if g.kind(code) in ("state", "organisation")}
    return dict(sorted(names.items(), key=lambda kv: kv[1].lower()))


def quote_rows(df: pd.DataFrame, added: set[str] = frozenset()) -> pd.DataFrame:
    """views.quotes(df) plus what the quote browser needs to act on a line: row_id, article_id and a mark.

    `added` holds the row ids an analyst added; other corrected rows get the corrected mark.
    """
    shown = views.quotes(df)
    corrected = set(df.loc[df["corrected"].astype(bool), "row_id"]) if "corrected" in df else set()
    mark = [MARK_ADDED if rid in added else (MARK_CORRECTED if rid in corrected else "") for rid in shown["row_id"]]
    return shown.assign(mark=pd.Series(mark, dtype="string"))
