"""Score extracted rows against gold positions (the seed-gold format).

Gold: JSONL, one position per line: {"article", "actor", "issue", "stance", "date", ...}.
Rows are first reduced to one position per (article, actor, issue), the way an analyst
reads an article: where the actor performed an official act on the issue (voted, abstained,
vetoed, ratified: kind `act`), the acts are its position of record and its remarks around
them do not override it (an abstention with a critical speech stays an abstention);
otherwise the stance is the sign of the summed scores of the statements that lean (neutral
only when none does). The date is the most frequent among the statements that decided, of
those the text dates (explicitly or relative to publication) when any is.

Reported: P/R/F1 on (article, actor), on (article, actor, issue, stance), and date accuracy
on the matched positions. Only rows for states and organisations with a codebook issue count.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .schema import UNCLASSIFIED, takes_a_side
from .stance import label_for

TEXT_DATED = ("explicit", "relative")  # date_source values read from the text, not the publication fallback


@dataclass(frozen=True)
class Score:
    tp: int
    n_pred: int
    n_gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "predicted": self.n_pred, "gold": self.n_gold}


def article_positions(rows: pd.DataFrame) -> pd.DataFrame:
    """One position per (article, actor, issue) from statement rows."""
    official = rows[rows["actor_kind"].isin(["state", "organisation"]) & (rows["issue"] != UNCLASSIFIED)
                    & takes_a_side(rows)]
    out = []
    for (article, actor, issue), group in official.groupby(["article_id", "actor", "issue"], sort=True):
        statements = len(group)
        if (group["kind"] == "act").any():
            group = group[group["kind"] == "act"]
        leaning = group[group["stance"] != "neutral"]
        stance = label_for(float(leaning["stance_score"].sum())) if len(leaning) else "neutral"
        agreeing = group[group["stance"] == stance]
        if "date_source" in agreeing and agreeing["date_source"].isin(TEXT_DATED).any():
            agreeing = agreeing[agreeing["date_source"].isin(TEXT_DATED)]  # a day the text gives beats publication
        dates = Counter(d for d in agreeing["date"].dropna())
        date = sorted(dates.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if dates else None
        out.append({"article": article, "actor": actor, "issue": issue, "stance": stance, "date": date,
                    "statements": statements})
    return pd.DataFrame(out, columns=["article", "actor", "issue", "stance", "date", "statements"])


def load_gold(path: str | Path) -> pd.DataFrame:
    with open(path, encoding="utf-8") as fh:
        return pd.DataFrame([json.loads(line) for line in fh if line.strip()])


def evaluate(gold: pd.DataFrame, rows: pd.DataFrame) -> dict:
    """Scores, plus the misses and false alarms an analyst would want to read."""
    articles = set(gold["article"])
    pred = article_positions(rows)
    pred = pred[pred["article"].isin(articles)]
    g_actor = set(zip(gold["article"], gold["actor"]))
    p_actor = set(zip(pred["article"], pred["actor"]))
    g_full = set(zip(gold["article"], gold["actor"], gold["issue"], gold["stance"]))
    p_full = set(zip(pred["article"], pred["actor"], pred["issue"], pred["stance"]))
    matched = g_full & p_full
    gold_dates = {k: d for k, d in zip(zip(gold["article"], gold["actor"], gold["issue"], gold["stance"]), gold["date"])}
    pred_dates = {k: d for k, d in zip(zip(pred["article"], pred["actor"], pred["issue"], pred["stance"]), pred["date"])}
    right_dates = sum(1 for k in matched if str(pred_dates.get(k)) == str(gold_dates.get(k)))
    return {
        "article_actor": Score(len(g_actor & p_actor), len(p_actor), len(g_actor)).as_dict(),
        "article_actor_issue_stance": Score(len(matched), len(p_full), len(g_full)).as_dict(),
        "date_accuracy": round(right_dates / len(matched), 4) if matched else 0.0,
        "missed": sorted(g_full - p_full),
        "false_alarms": sorted(p_full - g_full),
        "wrong_dates": sorted((k, pred_dates.get(k), gold_dates.get(k)) for k in matched
                              if str(pred_dates.get(k)) != str(gold_dates.get(k))),
    }
