"""analysis.evaluate: rows reduced to one position per (article, actor, issue), and the scores."""

from __future__ import annotations

import pandas as pd

from analysis import schema
from analysis.evaluate import article_positions, evaluate
from conftest import positions


def rows(*specs: dict) -> pd.DataFrame:
    base = dict(article_id="a1", actor="GBR", actor_name="United Kingdom", actor_kind="state",
                issue="gaza_ceasefire", issue_label="Gaza ceasefire", kind="indirect", date="2024-03-01",
                stance_cue="the deciding words")
    return positions(base, specs)


def test_the_sign_of_the_summed_scores_decides():
    got = article_positions(rows(dict(stance="support", stance_score=0.6), dict(stance="oppose", stance_score=-1.0),
                                 dict(stance="neutral", stance_score=0.0)))
    assert got[["actor", "issue", "stance", "statements"]].values.tolist() == [["GBR", "gaza_ceasefire", "oppose", 3]]


def test_neutral_only_when_nothing_leans():
    assert article_positions(rows(dict(stance="neutral", stance_score=0.0)))["stance"].tolist() == ["neutral"]


def test_naming_the_issue_without_a_word_on_it_is_no_position():
    # "the IAEA said Iran had enriched more uranium": neutral with no cue is no side taken
    assert article_positions(rows(dict(stance="neutral", stance_score=0.0, stance_cue=""))).empty
    got = article_positions(rows(dict(stance="neutral", stance_score=0.0, stance_cue=""),
                                 dict(stance="support", stance_score=0.6)))
    assert got[["stance", "statements"]].values.tolist() == [["support", 1]]
    # an abstention is a position even where the act's reading found no word
    acted = article_positions(rows(dict(kind="act", stance="neutral", stance_score=0.0, stance_cue="")))
    assert acted["stance"].tolist() == ["neutral"]


def test_an_official_act_is_the_position_of_record():
    # Britain abstained (an act), then its envoy criticised the text: the abstention stands.
    got = article_positions(rows(
        dict(kind="act", stance="neutral", stance_score=0.0, date="2024-03-25"),
        dict(stance="oppose", stance_score=-1.0, date="2024-03-26"),
    ))
    assert got[["stance", "date", "statements"]].values.tolist() == [["neutral", "2024-03-25", 2]]


def test_a_day_the_text_gives_beats_the_publication_fallback():
    # the act "on Wednesday", then two remarks dated only by publication: the text's day stands
    got = article_positions(rows(
        dict(stance="support", stance_score=1.0, date="2025-10-22", date_source="relative"),
        dict(stance="support", stance_score=0.6, date="2025-10-23", date_source="published"),
        dict(stance="support", stance_score=1.0, date="2025-10-23", date_source="published"),
    ))
    assert got["date"].tolist() == ["2025-10-22"]


def test_speakers_for_no_state_and_unclassified_rows_do_not_count():
    got = article_positions(rows(dict(actor="", actor_kind="other", stance="support", stance_score=1.0),
                                 dict(issue=schema.UNCLASSIFIED, stance="oppose", stance_score=-1.0)))
    assert got.empty


def test_scores_and_date_accuracy():
    extracted = rows(dict(stance="support", stance_score=1.0, date="2024-03-01"),
                     dict(actor="FRA", stance="oppose", stance_score=-1.0))
    gold = pd.DataFrame([
        {"article": "a1", "actor": "GBR", "issue": "gaza_ceasefire", "stance": "support", "date": "2024-03-02"},
        {"article": "a1", "actor": "DEU", "issue": "gaza_ceasefire", "stance": "oppose", "date": "2024-03-01"},
    ])
    got = evaluate(gold, extracted)
    assert got["article_actor"]["tp"] == 1 and got["article_actor"]["predicted"] == 2
    assert got["article_actor_issue_stance"]["f1"] == 0.5
    assert got["date_accuracy"] == 0.0  # the matched GBR position has the wrong day
    assert got["missed"] == [("a1", "DEU", "gaza_ceasefire", "oppose")]
    assert got["false_alarms"] == [("a1", "FRA", "gaza_ceasefire", "oppose")]
