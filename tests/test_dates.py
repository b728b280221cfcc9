"""Statement dates: from the words attached to the reporting verb, resolved against the
publication date; never from dates inside what was said.

`resolve` is tested on its own (no model); the constructions through the real pipeline, one
batch for the module.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analysis.articles import Article
from analysis.dates import resolve
from analysis.pipeline import extract

TUE = dt.date(2024, 2, 27)  # a Tuesday
D = dt.date


@pytest.mark.parametrize("expression,want", [
    # a weekday is the latest such day on or before publication, the same day included
    ("Tuesday", (D(2024, 2, 27), "relative")),
    ("Monday", (D(2024, 2, 26), "relative")),
    ("Wednesday", (D(2024, 2, 21), "relative")),
    ("Tuesday's", (D(2024, 2, 27), "relative")),
    ("late on Monday", (D(2024, 2, 26), "relative")),
    ("early on Sunday", (D(2024, 2, 25), "relative")),
    ("earlier on Tuesday", (D(2024, 2, 27), "relative")),
    ("on Thursday evening", (D(2024, 2, 22), "relative")),
    ("Monday night", (D(2024, 2, 26), "relative")),
    ("last Tuesday", (D(2024, 2, 20), "relative")),
    ("on Tuesday last week", (D(2024, 2, 20), "relative")),
    # relative words
    ("today", (D(2024, 2, 27), "relative")),
    ("yesterday", (D(2024, 2, 26), "relative")),
    ("last night", (D(2024, 2, 26), "relative")),
    ("overnight", (D(2024, 2, 27), "relative")),
    ("two days ago", (D(2024, 2, 25), "relative")),
    ("a week ago", (D(2024, 2, 20), "relative")),
    # vague periods: the latest day they can denote, on or before publication
    ("last week", (D(2024, 2, 25), "relative")),
    ("earlier this week", (D(2024, 2, 26), "relative")),
    ("this week", (D(2024, 2, 27), "relative")),
    ("earlier this month", (D(2024, 2, 26), "relative")),
    ("last month", (D(2024, 1, 31), "relative")),
    ("at the weekend", (D(2024, 2, 25), "relative")),
    ("in recent days", (D(2024, 2, 26), "relative")),
    # a day and a month; after publication means last year
    ("on Feb. 26", (D(2024, 2, 26), "explicit")),
    ("on 3 March", (D(2023, 3, 3), "explicit")),
    ("Dec. 3", (D(2023, 12, 3), "explicit")),
    ("on February 20, 2023", (D(2023, 2, 20), "explicit")),
    ("Monday, Feb. 26", (D(2024, 2, 26), "explicit")),
    # no day to read
    ("next week", (None, "published")),
    ("in March", (None, "published")),
    ("the 1990s", (None, "published")),
    ("10 a.m.", (None, "published")),
])
def test_resolve_against_a_tuesday(expression, want):
    assert resolve(expression, TUE) == want


def test_resolve_at_the_edges_of_weeks_and_months():
    assert resolve("earlier this week", D(2024, 2, 26)) == (D(2024, 2, 26), "relative")  # a Monday
    assert resolve("earlier this month", D(2024, 3, 1)) == (D(2024, 3, 1), "relative")
    assert resolve("at the weekend", D(2024, 3, 2)) == (D(2024, 3, 2), "relative")  # a Saturday
    assert resolve("last week", D(2024, 3, 3)) == (D(2024, 2, 25), "relative")  # a Sunday
    assert resolve("on Feb. 29", D(2025, 2, 27)) == (D(2024, 2, 29), "explicit")


def test_resolve_without_a_publication_date():
    assert resolve("Tuesday", None) == (None, "unknown")
    assert resolve("on Feb. 26", None) == (None, "unknown")
    assert resolve("on February 20, 2023", None) == (D(2023, 2, 20), "explicit")


ARTICLES: dict[str, tuple[str, dt.date | None]] = {
    "said_tuesday": ("Poland said Tuesday it would not send troops to Ukraine.", TUE),
    "late_on_monday": ("French President Emmanuel Macron said late on Monday that the idea could not be ruled out.", TUE),
    "on_feb_26": ("The Hungarian foreign ministry said on Feb. 26 that the talks had failed.", TUE),
    "last_week": ("Germany's defence minister said last week that Berlin would send more tanks.", TUE),
    "press_conference": ("\"We are not considering it,\" Tusk said in Tuesday's joint press conference with Fiala.", TUE),
    "thursday_evening": ("Germany said on Thursday evening that it would send tanks.", TUE),
    "earlier_this_month": ("Sweden said earlier this month that it would join the coalition.", TUE),
    "date_in_content": ("Hungary said the vote on the package would take place on Friday.", TUE),
    "both": ("Hungary said on Sunday the vote on the package would take place on Friday.", TUE),
    "right_after_cue": ("Russia said on Monday it would retaliate against the seizure.", TUE),
    "content_subject": ("Hungary said Friday's vote would be postponed.", TUE),
    "fronted": ("On Monday, Hungary said it would veto the package.", TUE),
    "participle": ("Speaking on Monday, Orban said Hungary would veto the package.", TUE),
    "dateline": ("KYIV, Feb 27 (Reuters) - Ukraine's foreign ministry said on Monday that talks without Kyiv "
                 "were unacceptable.", TUE),
    "no_date": ("Britain said it had no plans to deploy soldiers to Ukraine.", TUE),
    "no_publication": ("Poland said Tuesday it would not send troops to Ukraine.", None),
    "no_publication_full_date": ("Poland said on February 20, 2023 that it would not send troops.", None),
    "wire_copy": (
        "Poland's Prime Minister Donald Tusk said on Monday that Ukraine needed more ammunition.\n\n"
        "\"We will not wait for others,\" Tusk added.\n\n"
        "Czech Prime Minister Petr Fiala said the plan was ready.", TUE),
    "floating": (
        "\"We will not send troops,\" Hungary's foreign minister Peter Szijjarto said on Monday.\n\n"
        "\"This is our final position.\"", TUE),
}


@pytest.fixture(scope="module")
def rows() -> pd.DataFrame:
    return extract([Article(id=k, text=t, published=p) for k, (t, p) in ARTICLES.items()])


def dated(rows: pd.DataFrame, article: str) -> list[tuple]:
    got = rows[rows["article_id"] == article]
    assert len(got), article
    return sorted(set(zip(got["date"].fillna(""), got["date_source"])))


@pytest.mark.parametrize("article,date,source", [
    ("said_tuesday", "2024-02-27", "relative"),
    ("late_on_monday", "2024-02-26", "relative"),
    ("on_feb_26", "2024-02-26", "explicit"),
    ("last_week", "2024-02-25", "relative"),
    ("press_conference", "2024-02-27", "relative"),
    ("thursday_evening", "2024-02-22", "relative"),
    ("earlier_this_month", "2024-02-26", "relative"),
    ("fronted", "2024-02-26", "relative"),
    ("participle", "2024-02-26", "relative"),
    ("right_after_cue", "2024-02-26", "relative"),
    ("dateline", "2024-02-26", "relative"),  # the cue's own date, not the dateline's
])
def test_date_attached_to_the_cue(rows, article, date, source):
    assert dated(rows, article) == [(date, source)]


def test_a_date_inside_what_was_said_is_not_the_statements(rows):
    assert dated(rows, "date_in_content") == [("2024-02-27", "published")]
    assert dated(rows, "content_subject") == [("2024-02-27", "published")]
    assert dated(rows, "both") == [("2024-02-25", "relative")]


def test_no_date_in_the_text_is_the_publication_date(rows):
    assert dated(rows, "no_date") == [("2024-02-27", "published")]


def test_unknown_stays_unknown(rows):
    assert dated(rows, "no_publication") == [("", "unknown")]
    assert dated(rows, "no_publication_full_date") == [("2023-02-20", "explicit")]


def test_later_statements_of_the_same_speaker_keep_the_first_ones_date(rows):
    got = rows[rows["article_id"] == "wire_copy"]
    tusk = got[got["speaker"].str.contains("Tusk")]
    assert len(tusk) == 2 and set(zip(tusk["date"], tusk["date_source"])) == {("2024-02-26", "relative")}
    fiala = got[got["speaker"].str.contains("Fiala")]
    assert set(zip(fiala["date"], fiala["date_source"])) == {("2024-02-27", "published")}  # someone else


def test_floating_quotation_takes_its_statements_date(rows):
    assert dated(rows, "floating") == [("2024-02-26", "relative")]
