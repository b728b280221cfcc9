"""demarche_topic: an official who names no issue in a one-issue article speaks to that issue."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis import schema
from analysis.articles import Article
from analysis.pipeline import extract

RECOGNITION = """Ireland to recognise Palestinian state next week

DUBLIN, May 22 (Test Wire) - Ireland will formally recognise a Palestinian state on May 28, Prime Minister Simon Harris said on Wednesday.

Palestinian President Mahmoud Abbas welcomed the announcement as historic.

An analyst at a Dublin think tank said the announcement was "a brave and welcome gesture".

The Irish government also said it would increase its aid budget for Africa.
"""

TWO_ISSUES = """Allies split on Ukraine aid and Gaza truce

BRUSSELS, May 22 (Test Wire) - Germany will send more air defence systems to Ukraine, Chancellor Olaf Scholz said on Wednesday.

Spain's foreign minister called for an immediate ceasefire in Gaza.

Palestinian President Mahmoud Abbas welcomed the announcement as historic.
"""


@pytest.fixture(scope="module")
def rows_of(nlp):
    def run(text: str):
        return extract([Article(id="t", text=text, published=dt.date(2024, 5, 22))], nlp)
    return run


def test_a_reaction_in_a_one_issue_article_takes_its_issue(rows_of):
    rows = rows_of(RECOGNITION)
    abbas = rows[rows["actor"] == "PSE"]
    assert abbas[["issue", "stance"]].values.tolist() == [["palestinian_state_recognition", "support"]]
    assert "welcomed" in abbas["stance_cue"].iloc[0]  # what decided it is still shown


def test_an_actor_already_placed_keeps_its_other_remarks_unclassified(rows_of):
    rows = rows_of(RECOGNITION)
    ireland = rows[rows["actor"] == "IRL"]
    assert set(ireland["issue"]) == {"palestinian_state_recognition", schema.UNCLASSIFIED}
    aid = ireland[ireland["quote"].str.contains("aid budget")]
    assert aid["issue"].tolist() == [schema.UNCLASSIFIED]


def test_speakers_for_no_state_get_no_inherited_issue(rows_of):
    rows = rows_of(RECOGNITION)
    analyst = rows[rows["quote"].str.contains("brave and welcome")]
    assert analyst["actor_kind"].tolist() == ["other"]
    assert analyst["issue"].tolist() == [schema.UNCLASSIFIED]


def test_an_article_split_between_issues_gives_nothing(rows_of):
    rows = rows_of(TWO_ISSUES)
    assert set(rows.loc[rows["actor"] == "DEU", "issue"]) == {"military_support_ukraine"}
    assert set(rows.loc[rows["actor"] == "ESP", "issue"]) == {"gaza_ceasefire"}
    assert rows.loc[rows["actor"] == "PSE", "issue"].tolist() == [schema.UNCLASSIFIED]


def test_a_plain_report_of_an_action_is_not_given_the_issue(rows_of):
    text = RECOGNITION.replace(
        "Palestinian President Mahmoud Abbas welcomed the announcement as historic.",
        "Palestinian President Mahmoud Abbas said he would travel to Cairo on Thursday.")
    rows = rows_of(text)
    assert rows.loc[rows["actor"] == "PSE", "issue"].tolist() == [schema.UNCLASSIFIED]


def test_a_statement_about_a_matter_of_its_own_is_not_given_the_issue(rows_of):
    text = RECOGNITION.replace(
        "Palestinian President Mahmoud Abbas welcomed the announcement as historic.",
        "Egypt's foreign minister said Cairo strongly supported the talks with Khartoum.")
    rows = rows_of(text)
    assert rows.loc[rows["actor"] == "EGY", "issue"].tolist() == [schema.UNCLASSIFIED]


ARMS = """Netherlands halts fighter-jet parts exports to Israel

THE HAGUE, Feb 12 (Test Wire) - The Netherlands will stop exporting F-35 parts to Israel after a court ruling, Trade Minister Geoffrey van Leeuwen said on Monday.

The government said it would comply with the ruling and block further arms exports to Israel.

Italy's foreign minister said on Tuesday that Rome was not contemplating a suspension.
"""


def test_a_stop_to_the_matter_turns_the_stance_round(rows_of):
    # "not contemplating a suspension" opposes the suspension: it favours the exports
    rows = rows_of(ARMS)
    italy = rows[rows["actor"] == "ITA"]
    assert italy[["issue", "stance"]].values.tolist() == [["arms_exports", "support"]]


LEAD_ONLY = """COP agrees fund for climate "loss and damage" after marathon night

SHARM EL-SHEIKH (Test Wire) - A loss and damage fund for poor countries hit by climate disasters was agreed early on Sunday, after talks ran through the night.

China said it supported the fund but would not be obliged to pay into it.

UN Secretary-General Antonio Guterres called the fund "an important step towards justice".
"""


def test_with_no_issue_named_in_statements_the_headline_gives_it(rows_of):
    # the reactions speak only of "the fund"; the headline and lead name the issue
    rows = rows_of(LEAD_ONLY)
    for actor in ("CHN", "UN"):
        got = rows.loc[rows["actor"] == actor, ["issue", "stance"]].values.tolist()
        assert ["climate_finance", "support"] in got, (actor, got)
