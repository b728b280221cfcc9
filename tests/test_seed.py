"""The seed article end to end, through the real CLI: every gold position, and nothing else."""

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import schema
from analysis.evaluate import article_positions, evaluate, load_gold

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "eval" / "seed_gold.jsonl"


@pytest.fixture(scope="module")
def rows() -> pd.DataFrame:
    out = subprocess.run([sys.executable, "-m", "analysis", "extract", str(ROOT / "seeds")],
                         capture_output=True, text=True, cwd=ROOT, check=True)
    return schema.coerce(pd.DataFrame([json.loads(line) for line in out.stdout.splitlines()]))


@pytest.fixture(scope="module")
def gold() -> pd.DataFrame:
    return load_gold(GOLD)


def test_every_gold_position_with_its_date(rows, gold):
    positions = article_positions(rows)
    got = set(zip(positions["article"], positions["actor"], positions["issue"], positions["stance"], positions["date"]))
    want = set(zip(gold["article"], gold["actor"], gold["issue"], gold["stance"], gold["date"]))
    assert want - got == set()


def test_no_position_beyond_the_gold(rows, gold):
    result = evaluate(gold, rows)
    assert result["false_alarms"] == []
    assert result["article_actor_issue_stance"]["f1"] == 1.0
    assert result["date_accuracy"] == 1.0


@pytest.mark.parametrize("bystander", ["UKR", "USA", "EU", "VISEGRAD"])
def test_actors_only_mentioned_get_no_rows(rows, bystander):
    assert bystander not in set(rows["actor"])


def test_gold_speakers_are_found(rows, gold):
    speakers = " | ".join(rows["speaker"].dropna())
    for speaker in {"Britain", "Germany", "Sweden", "Poland", "Czech Republic", "Emmanuel Macron",
                    "Dmitry Peskov", "Donald Tusk", "Petr Fiala", "NATO official"}:
        assert speaker in speakers


def test_rows_trace_back_to_the_text(rows):
    text = (ROOT / "seeds" / "000_bce03ffcd1c7d681.txt").read_text(encoding="utf-8")
    assert rows["row_id"].is_unique
    for row in rows.itertuples():
        assert 0 <= row.content_start < row.content_end <= len(text)
        if row.kind == "direct":
            assert row.quote.split(" … ")[0] in text
        if row.speaker_start >= 0:
            assert text[row.speaker_start:row.speaker_end].strip()


def test_newsletter_footer_is_not_a_statement(rows):
    assert not rows["quote"].str.contains("Mailchimp|unsubscribe", case=False).any()


def test_public_api_extracts_the_seed():
    from analysis import extract, load_articles

    articles, skipped = load_articles([ROOT / "seeds"])
    assert skipped == [] and len(articles) == 1
    rows = extract(articles)
    assert list(rows.columns) == list(schema.COLUMN_NAMES)
    assert {"NATO", "GBR", "DEU", "SWE", "POL", "CZE", "FRA", "RUS"} <= set(rows["actor"])
