"""What the dashboard shows, computed from the positions table (analysis.schema).

Pure pandas: every function takes a positions DataFrame and returns a new one.
No Streamlit, no SQL; the pages only draw what these return.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis import schema

# Speakers that stand for a state or an organisation; everyone else ("other") only
# appears in the quote browser.
ACTOR_KINDS = ("state", "organisation")

POSITIONS = ("support", "oppose", "mixed", "neutral")

# Support and oppose are both present: one side "clearly dominates" when it has at
# least this many times as many statements as the other; otherwise the position is mixed.
DOMINANCE = 2.0

QUOTE_COLUMNS = (
    "date", "actor_name", "speaker", "speaker_role", "issue_label", "stance",
    "quote", "cue", "title", "source", "url",
)

MATRIX_COLUMNS = (
    "actor", "actor_name", "issue", "issue_label", "n", "n_support", "n_oppose",
    "n_neutral", "net", "position", "latest", "example",
)

TIMELINE_COLUMNS = ("date", "actor", "actor_name", "stance", "n", "issues")


def _iso(value) -> str | None:
    """A date, datetime, Timestamp or ISO string as yyyy-mm-dd (None stays None)."""
    if value is None or value == "":
        return None
    if isinstance(value, (dt.date, pd.Timestamp)):
        return value.strftime("%Y-%m-%d")
    return pd.Timestamp(str(value)).strftime("%Y-%m-%d")


def _text(series: pd.Series) -> pd.Series:
    """A string column with missing values as ''."""
    return series.astype("string").fillna("")


def filter_positions(
    df: pd.DataFrame,
    countries=None,
    issues=None,
    stances=None,
    date_from=None,
    date_to=None,
    kinds=None,
    actor_kinds=None,
) -> pd.DataFrame:
    """Rows that pass every given filter; None or an empty list means "no filter".

    countries: actor ids (ISO alpha-3 or organisation id); issues: issue ids;
    stances: support/oppose/neutral; date_from/date_to: inclusive bounds on the
    statement date (rows without a date drop out once a bound is set);
    kinds: statement kinds (the `kind` column: direct, indirect, mixed, according_to);
    actor_kinds: state/organisation/other.
    """
    mask = pd.Series(True, index=df.index)
    for column, wanted in (
        ("actor", countries), ("issue", issues), ("stance", stances),
        ("kind", kinds), ("actor_kind", actor_kinds),
    ):
        if wanted:
            mask &= _text(df[column]).isin(list(wanted))
    dates = _text(df["date"])
    lo, hi = _iso(date_from), _iso(date_to)
    if lo is not None:
        mask &= (dates != "") & (dates >= lo)
    if hi is not None:
        mask &= (dates != "") & (dates <= hi)
    return df[mask].copy()


def _for_actors(df: pd.DataFrame) -> pd.DataFrame:
    """Only rows spoken for a state or organisation that has an id."""
    return df[_text(df["actor_kind"]).isin(ACTOR_KINDS) & (_text(df["actor"]) != "")]


def overall_position(n_support: int, n_oppose: int) -> str:
    """support/oppose/mixed/neutral from the counts of polar statements.

    Neutral statements do not move a position; an actor with none but neutral
    statements is neutral. With both sides present, the side with at least
    DOMINANCE times the other's count wins, otherwise it is mixed.
    """
    if n_support and n_oppose:
        if n_support >= DOMINANCE * n_oppose:
            return "support"
        if n_oppose >= DOMINANCE * n_support:
            return "oppose"
        return "mixed"
    if n_support:
        return "support"
    if n_oppose:
        return "oppose"
    return "neutral"


def _example(group: pd.DataFrame, position: str) -> str:
    """The newest quote that shows the cell's position (any stance for mixed)."""
    pick = group[group["stance"] == position] if position != "mixed" else group
    if pick.empty:
        pick = group
    pick = pick.assign(_date=_text(pick["date"]), _conf=pick["confidence"].fillna(0.0))
    pick = pick.sort_values(["_date", "_conf"], ascending=False, kind="stable")
    return str(pick["quote"].fillna("").iloc[0])


def stance_matrix(df: pd.DataFrame, include_unclassified: bool = False) -> pd.DataFrame:
    """One row per (actor, issue) with statement counts, net score and overall position.

    Only states and organisations; `unclassified` issues are left out unless
    include_unclassified. Columns: MATRIX_COLUMNS (`net` is the mean stance_score,
    `latest` the newest statement date, `example` a quote showing the position).
    """
    rows = _for_actors(df)
    if not include_unclassified:
        rows = rows[_text(rows["issue"]) != schema.UNCLASSIFIED]
    out = []
    for (actor, issue), g in rows.groupby(["actor", "issue"], sort=False):
        stances = _text(g["stance"])
        n_support = int((stances == "support").sum())
        n_oppose = int((stances == "oppose").sum())
        position = overall_position(n_support, n_oppose)
        dates = _text(g["date"])
        dates = dates[dates != ""]
        out.append({
            "actor": actor,
            "actor_name": _text(g["actor_name"]).mode().iloc[0] or actor,
            "issue": issue,
            "issue_label": _text(g["issue_label"]).mode().iloc[0] or issue,
            "n": len(g),
            "n_support": n_support,
            "n_oppose": n_oppose,
            "n_neutral": int((stances == "neutral").sum()),
            "net": float(g["stance_score"].mean()) if g["stance_score"].notna().any() else 0.0,
            "position": position,
            "latest": dates.max() if len(dates) else "",
            "example": _example(g, position),
        })
    matrix = pd.DataFrame(out, columns=list(MATRIX_COLUMNS))
    matrix = matrix.astype({
        "actor": "string", "actor_name": "string", "issue": "string", "issue_label": "string",
        "n": "int64", "n_support": "int64", "n_oppose": "int64", "n_neutral": "int64",
        "net": "float64", "position": "string", "latest": "string", "example": "string",
    })
    return matrix.sort_values(["actor_name", "issue_label"], kind="stable").reset_index(drop=True)


def quotes(df: pd.DataFrame) -> pd.DataFrame:
    """Rows for the quote browser (QUOTE_COLUMNS), newest first; undated statements last.

    Every speaker is included, also those who speak for no state or organisation.
    """
    rows = df.assign(
        _date=_text(df["date"]),
        _published=_text(df["published"]),
        _start=df["content_start"],
    )
    rows = rows.sort_values(
        ["_date", "_published", "article_id", "_start"],
        ascending=[False, False, True, True],
        kind="stable",
    )
    out = rows[list(QUOTE_COLUMNS)].copy()
    for col in QUOTE_COLUMNS:
        out[col] = _text(out[col])
    return out.reset_index(drop=True)


def search_quotes(rows: pd.DataFrame, text: str | None) -> pd.DataFrame:
    """Quote-browser rows whose words, speaker, actor, issue or article title contain text (case-insensitive)."""
    text = (text or "").strip()
    if not text:
        return rows
    mask = pd.Series(False, index=rows.index)
    for col in ("quote", "speaker", "speaker_role", "actor_name", "issue_label", "title", "source"):
        mask |= _text(rows[col]).str.contains(text, case=False, regex=False)
    return rows[mask]


def timeline(df: pd.DataFrame) -> pd.DataFrame:
    """Statements per (date, actor, stance) for states and organisations; undated rows are left out.

    Columns: TIMELINE_COLUMNS (`n` the count, `issues` the issue labels involved).
    Sorted by date, then actor name.
    """
    rows = _for_actors(df)
    rows = rows[_text(rows["date"]) != ""]
    if rows.empty:
        out = pd.DataFrame(columns=list(TIMELINE_COLUMNS))
        return out.astype({c: "string" for c in TIMELINE_COLUMNS if c != "n"} | {"n": "int64"})
    grouped = rows.groupby(["date", "actor", "stance"], sort=True)
    out = grouped.agg(
        actor_name=("actor_name", lambda s: _text(s).mode().iloc[0]),
        n=("row_id", "size"),
        issues=("issue_label", lambda s: ", ".join(sorted(set(_text(s)) - {""}))),
    ).reset_index()
    out = out[list(TIMELINE_COLUMNS)].astype({"n": "int64"})
    return out.sort_values(["date", "actor_name", "stance"], kind="stable").reset_index(drop=True)


def actor_options(df: pd.DataFrame) -> dict[str, str]:
    """Actor id -> readable name for the sidebar filter, states and organisations, by name."""
    rows = _for_actors(df)
    names = rows.groupby("actor")["actor_name"].agg(lambda s: _text(s).mode().iloc[0])
    names = {actor: (name or actor) for actor, name in names.items()}
    return dict(sorted(names.items(), key=lambda kv: kv[1].lower()))


def issue_options(df: pd.DataFrame) -> dict[str, str]:
    """Issue id -> label for the sidebar filter, by label (unclassified last)."""
    labels = df.groupby("issue")["issue_label"].agg(lambda s: _text(s).mode().iloc[0])
    labels = {issue: (label or issue) for issue, label in labels.items()}
    if schema.UNCLASSIFIED in labels:
        labels[schema.UNCLASSIFIED] = "Unclassified"
    return dict(sorted(labels.items(), key=lambda kv: (kv[0] == schema.UNCLASSIFIED, kv[1].lower())))


def date_bounds(df: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    """Earliest and latest statement date, or None when no row is dated."""
    dates = _text(df["date"])
    dates = dates[dates != ""]
    if dates.empty:
        return None
    return dt.date.fromisoformat(dates.min()), dt.date.fromisoformat(dates.max())
