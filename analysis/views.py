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

# A text mark for each position, shown in the cell beside the count, so the matrix
# reads without colour (greyscale print, colour-blind readers).
POSITION_SYMBOLS = {"support": "+", "oppose": "−", "mixed": "±", "neutral": "○"}

# How a matrix cell sums up its statements: the actor's latest word on the issue,
# or the balance of everything it said in the period.
MATRIX_MODES = ("latest", "balance")

# Support and oppose are both present: one side "clearly dominates" when it has at
# least this many times as many statements as the other; otherwise the position is mixed.
DOMINANCE = 2.0

QUOTE_COLUMNS = (
    "date", "actor_name", "speaker", "speaker_role", "issue_label", "stance",
    "quote", "cue", "title", "source", "url",
)
# Carried along for acting on a line (open it, correct it); pages don't display them.
QUOTE_ID_COLUMNS = ("row_id", "article_id")

MATRIX_COLUMNS = (
    "actor", "actor_name", "issue", "issue_label", "n", "n_support", "n_oppose",
    "n_neutral", "net", "position", "symbol", "latest", "example", "speaker",
)

TIMELINE_COLUMNS = (
    "date", "actor", "actor_name", "issue", "issue_label", "stance", "speaker", "quote",
    "title", "previous_stance", "changed",
)


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
    sources=None,
) -> pd.DataFrame:
    """Rows that pass every given filter; None or an empty list means "no filter".

    countries: actor ids (ISO alpha-3 or organisation id); issues: issue ids;
    stances: support/oppose/neutral; date_from/date_to: inclusive bounds on the
    statement date (rows without a date drop out once a bound is set);
    kinds: statement kinds (the `kind` column: direct, indirect, mixed, according_to);
    actor_kinds: state/organisation/other; sources: outlet names (the `source` column).
    """
    mask = pd.Series(True, index=df.index)
    for column, wanted in (
        ("actor", countries), ("issue", issues), ("stance", stances),
        ("kind", kinds), ("actor_kind", actor_kinds), ("source", sources),
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


def _newest_first(group: pd.DataFrame) -> pd.DataFrame:
    """Statements newest first: by statement date (else publication date), then later in the article first."""
    when = _text(group["date"]).where(_text(group["date"]) != "", _text(group["published"]))
    ordered = group.assign(_when=when, _conf=group["confidence"].fillna(0.0), _start=group["content_start"])
    return ordered.sort_values(["_when", "_start", "_conf"], ascending=False, kind="stable")


def _example(group: pd.DataFrame, position: str) -> pd.Series:
    """The newest statement that shows the cell's position (any stance for mixed or neutral)."""
    newest = _newest_first(group)
    pick = newest[_text(newest["stance"]) == position] if position in schema.STANCES else newest
    return (pick if len(pick) else newest).iloc[0]


def _latest_day(group: pd.DataFrame) -> pd.DataFrame:
    """The statements of the actor's most recent day taking a side on the issue.

    A later neutral statement ("will be discussed in June") does not undo a side
    taken before, as in overall_position; with no side ever taken, the latest day.
    """
    polar = group[_text(group["stance"]).isin(["support", "oppose"])]
    newest = _newest_first(polar if len(polar) else group)
    return newest[newest["_when"] == newest["_when"].iloc[0]]


def stance_matrix(df: pd.DataFrame, include_unclassified: bool = False, mode: str = "latest") -> pd.DataFrame:
    """One row per (actor, issue) with statement counts, net score and the cell's position.

    mode "latest": the position is the side the actor took on its most recent day
    taking one (statement date, else publication date), so a change of mind shows;
    mode "balance": the balance of all its statements (see overall_position).
    Only states and organisations; `unclassified` issues are left out unless
    include_unclassified. Columns: MATRIX_COLUMNS (`net` is the mean stance_score over
    all statements, `latest` the newest statement date, `example` and `speaker` a
    statement showing the position).
    """
    if mode not in MATRIX_MODES:
        raise ValueError(f"mode must be one of {', '.join(MATRIX_MODES)}, not {mode!r}")
    rows = _for_actors(df)
    rows = rows[schema.takes_a_side(rows)]
    if not include_unclassified:
        rows = rows[_text(rows["issue"]) != schema.UNCLASSIFIED]
    out = []
    for (actor, issue), g in rows.groupby(["actor", "issue"], sort=False):
        stances = _text(g["stance"])
        n_support = int((stances == "support").sum())
        n_oppose = int((stances == "oppose").sum())
        decisive = _text(_latest_day(g)["stance"]) if mode == "latest" else stances
        position = overall_position(int((decisive == "support").sum()), int((decisive == "oppose").sum()))
        dates = _text(g["date"])
        dates = dates[dates != ""]
        example = _example(g, position)
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
            "symbol": POSITION_SYMBOLS[position],
            "latest": dates.max() if len(dates) else "",
            "example": "" if pd.isna(example["quote"]) else str(example["quote"]),
            "speaker": "" if pd.isna(example["speaker"]) else str(example["speaker"]),
        })
    matrix = pd.DataFrame(out, columns=list(MATRIX_COLUMNS))
    matrix = matrix.astype({c: "string" for c in MATRIX_COLUMNS} | {
        "n": "int64", "n_support": "int64", "n_oppose": "int64", "n_neutral": "int64", "net": "float64",
    })
    return matrix.sort_values(["actor_name", "issue_label"], kind="stable").reset_index(drop=True)


ACTOR_ORDERS = ("name", "similarity")


def actor_order(matrix: pd.DataFrame, by: str = "name") -> list[str]:
    """Actor ids in the order the matrix shows them, top to bottom.

    "name": alphabetical. "similarity": actors with alike positions next to each
    other — average-linkage clustering of each actor's stance scores across the
    issues (an issue it said nothing about counts as 0), leaves in optimal order.
    """
    if by not in ACTOR_ORDERS:
        raise ValueError(f"order must be one of {', '.join(ACTOR_ORDERS)}, not {by!r}")
    names = matrix.drop_duplicates("actor").set_index("actor")["actor_name"]
    by_name = sorted(names.index, key=lambda a: (str(names[a]).lower(), a))
    if by == "name" or len(by_name) < 3:
        return by_name
    from scipy.cluster.hierarchy import leaves_list, linkage

    scores = matrix.assign(score=matrix["position"].map({"support": 1.0, "oppose": -1.0}).fillna(0.0))
    vectors = scores.pivot_table(index="actor", columns="issue", values="score", fill_value=0.0).loc[by_name]
    tree = linkage(vectors.to_numpy(), method="average", metric="euclidean", optimal_ordering=True)
    return [by_name[i] for i in leaves_list(tree)]


def quotes(df: pd.DataFrame) -> pd.DataFrame:
    """Rows for the quote browser (QUOTE_COLUMNS + QUOTE_ID_COLUMNS), newest first; undated statements last.

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
    out = rows[[*QUOTE_COLUMNS, *QUOTE_ID_COLUMNS]].copy()
    for col in out.columns:
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


def timeline(df: pd.DataFrame, include_unclassified: bool = False) -> pd.DataFrame:
    """Dated statements by states and organisations, one row per (statement, actor, issue), oldest first.

    Statements that match no codebook issue are left out unless include_unclassified;
    then they count as one issue, "Unclassified" (their suggested labels differ per
    statement, and a change of stance across them would mean nothing).

    `previous_stance` is the stance of the same actor's previous statement on the same
    issue, and `changed` is True where a support follows an oppose or the other way
    round, so a change of position can be drawn as such. Neutral statements never
    count as a change. Columns: TIMELINE_COLUMNS.
    """
    rows = _for_actors(df)
    rows = rows[_text(rows["date"]) != ""]
    unclassified = _text(rows["issue"]) == schema.UNCLASSIFIED
    if include_unclassified:
        rows = rows.assign(issue_label=_text(rows["issue_label"]).where(~unclassified, "Unclassified"))
    else:
        rows = rows[~unclassified]
    out = rows.assign(_start=rows["content_start"]).sort_values(
        ["date", "article_id", "_start"], kind="stable"
    )
    out = out.reindex(columns=[c for c in TIMELINE_COLUMNS if c not in ("previous_stance", "changed")])
    for col in out.columns:
        out[col] = _text(out[col])
    polar = out[out["stance"].isin(["support", "oppose"])]
    previous = polar.groupby(["actor", "issue"], sort=False)["stance"].shift()
    out["previous_stance"] = previous.reindex(out.index).astype("string").fillna("")
    out["changed"] = (out["previous_stance"] != "") & (out["previous_stance"] != out["stance"])
    return out.reset_index(drop=True)[list(TIMELINE_COLUMNS)]


def source_options(df: pd.DataFrame) -> list[str]:
    """Outlet names in the table, alphabetical."""
    return sorted(set(_text(df["source"])) - {""}, key=str.lower)


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
