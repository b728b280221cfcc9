"""The positions table: one row per (statement, actor, issue).

Every column is defined once here, with its dtype and what it means, so the
pipeline, the store, the CLI and the dashboard agree on one shape.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str
    doc: str


COLUMNS: tuple[Column, ...] = (
    Column("row_id", "string", "Stable hash of article id, content offsets, actor and issue; the key corrections attach to."),
    Column("article_id", "string", "Id of the article the statement was read from."),
    Column("title", "string", "Article headline."),
    Column("source", "string", "Outlet that published the article, when known."),
    Column("url", "string", "Where the article was published, when known."),
    Column("published", "string", "Publication date, ISO yyyy-mm-dd, or empty when unknown."),
    Column("actor", "string", "ISO 3166-1 alpha-3 for a state, upper-case short id (NATO, EU, UN) for an organisation, empty for other speakers."),
    Column("actor_name", "string", "Readable name of the actor."),
    Column("actor_kind", "string", "state, organisation, or other (speakers who do not speak for a state or organisation)."),
    Column("speaker", "string", "Who made the statement, as resolved (a pronoun is replaced by its antecedent)."),
    Column("speaker_role", "string", "The speaker's office or role when stated (Prime Minister, spokesman)."),
    Column("issue", "string", "Codebook issue id, or 'unclassified'."),
    Column("issue_label", "string", "Codebook label, or a label suggested from the statement's own words for unclassified rows."),
    Column("stance", "string", "support, oppose or neutral: the actor's position on the issue."),
    Column("stance_score", "float64", "Signed strength of the stance in [-1, 1]."),
    Column("stance_cue", "string", "The words that decided the stance."),
    Column("date", "string", "Day the statement was made, ISO yyyy-mm-dd, or empty when unknown."),
    Column("date_source", "string", "explicit (a date in the text), relative (a weekday or 'last week' resolved against publication), published, or unknown."),
    Column("kind", "string", "direct, indirect, mixed, according_to, or act (an official act reported without speech: voted for, vetoed, approved, signed)."),
    Column("quote", "string", "The content of the statement: the quoted or reported words."),
    Column("content_start", "int64", "Character offset of the content in the article text."),
    Column("content_end", "int64", "Character offset just past the content."),
    Column("speaker_start", "int64", "Character offset of the speaker mention, -1 when there is none."),
    Column("speaker_end", "int64", "Character offset just past the speaker mention, -1 when there is none."),
    Column("cue", "string", "The reporting cue (said, told reporters, according to)."),
    Column("sentence", "string", "The sentence(s) holding the statement, for reading it in context."),
    Column("confidence", "float64", "How sure the pipeline is of this row, in [0, 1]."),
)

COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
DTYPES: dict[str, str] = {c.name: c.dtype for c in COLUMNS}

STANCES = ("support", "oppose", "neutral")
ACTOR_KINDS = ("state", "organisation", "other")
KINDS = ("direct", "indirect", "mixed", "according_to", "act")
SPEECH_KINDS = ("direct", "indirect", "mixed", "according_to")
# What the `statements` benchmark output counts: speech, and beliefs attributed to a holder
# ("X fears that ..."), which are attributions but never positions (no rows are made of them).
ATTRIBUTION_KINDS = SPEECH_KINDS + ("belief",)
DATE_SOURCES = ("explicit", "relative", "published", "unknown")
UNCLASSIFIED = "unclassified"


def takes_a_side(df: pd.DataFrame) -> pd.Series:
    """Rows that state a position: a leaning, an official act (an abstention is a position), or a
    neutral reading with the words that made it so (`with or without`, `would discuss`). A row
    that names the issue with no word deciding its stance (empty stance_cue) is about the issue
    but says where the actor stands on nothing: the quote browser shows it, positions leave it out."""
    stance = df["stance"].astype("string").fillna("")
    cue = df["stance_cue"].astype("string").fillna("")
    kind = df["kind"].astype("string").fillna("")
    return (stance != "neutral") | (kind == "act") | (cue != "")


def row_id(article_id: str, content_start: int, content_end: int, actor: str, issue: str) -> str:
    """A key that survives re-analysis as long as the statement and its reading stay the same."""
    key = f"{article_id}|{content_start}|{content_end}|{actor}|{issue}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def empty_frame() -> pd.DataFrame:
    return frame([])


def frame(rows: list[dict]) -> pd.DataFrame:
    """Rows (dicts keyed by column name) as a DataFrame with the table's columns and dtypes."""
    df = pd.DataFrame(rows, columns=list(COLUMN_NAMES))
    return coerce(df)


def coerce(df: pd.DataFrame) -> pd.DataFrame:
    """Give a frame the table's column order and dtypes (missing columns are added empty)."""
    df = df.copy()
    for col in COLUMNS:
        if col.name not in df.columns:
            df[col.name] = pd.Series(dtype=col.dtype, index=df.index)
        if col.dtype == "int64":
            df[col.name] = pd.to_numeric(df[col.name], errors="coerce").fillna(-1).astype("int64")
        elif col.dtype == "float64":
            df[col.name] = pd.to_numeric(df[col.name], errors="coerce").astype("float64")
        else:
            df[col.name] = df[col.name].astype("string")
    return df[list(COLUMN_NAMES)]
