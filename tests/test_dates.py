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
    "date_of_a_thing": ('"We will not remain silent," Katz said in a statement, calling the decision a reward for '
                        "terrorism seven months after the attack of Oct. 7.", TUE),
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
    # a date between the pieces of an interrupted quotation is the attribution's
    "interrupted_quote": ("Foreign Minister Israel Katz was blunter. \"We will not stop,\" he wrote on X late on "
                          "Monday. \"We will fight until the last hostage is home.\"", TUE),
    # a participle takes the date of the verb it hangs on
    "participle_after": ("Swedish Prime Minister Ulf Kristersson welcomed the vote on Tuesday, saying Sweden was one step "
                   "closer to membership.", D(2024, 1, 27)),
    # the sentence before, with the same subject
    "previous_clause": ("NATO Secretary-General Jens Stoltenberg welcomed the vote on Tuesday. \"This is an "
                        "important step,\" he said.", D(2024, 1, 27)),
    "previous_clause_other": ("NATO Secretary-General Jens Stoltenberg welcomed the vote on Tuesday. \"This is an "
                              "important step,\" Swedish Prime Minister Ulf Kristersson says.", D(2024, 1, 27)),
    "earlier_in_paragraph": ("Biden and Chinese leader Xi Jinping met in Lima on Saturday.\nXi's message was blunt. "
                             "Beijing would not accept any outside interference. \"Taiwan is the first red line,\" Xi "
                             "said.", D(2024, 11, 19)),
    "earlier_paragraph": ("Biden and Chinese leader Xi Jinping met in Lima on Saturday.\n\nXi's message was blunt. "
                          "\"Taiwan is the first red line,\" Xi said.", D(2024, 11, 19)),
    # dates given by reference to the one before
    "same_day": ("Britain, Foreign Secretary David Cameron argued on Thursday, is in a different position from the "
                 "United States. The same day, however, Cameron said that Britain would not support a major "
                 "operation in Rafah.", D(2024, 5, 10)),
    "afterwards": ("After talks with Sweden's prime minister on Monday evening, Ankara agreed to send the protocol to "
                   "parliament.\n\n\"This is a very good day for Sweden,\" Kristersson told reporters afterwards.",
                   D(2023, 7, 12)),
    "a_day_later": ("Hungary's foreign minister said on Monday that Budapest would block the package. A day later, "
                    "the Slovak government said it would not.", D(2024, 2, 28)),
    # a report of a dated event
    "event": ("The U.N. Security Council on Monday demanded an immediate ceasefire in Gaza.\n\nUNITED STATES\n\n"
              "Washington's ambassador said the United States had abstained because its edits had been ignored."
              "\n\nALGERIA\n\nAlgeria's ambassador told the council the resolution was a first step.", D(2024, 3, 26)),
    "statement_released": ('In a statement released late on Sunday, Prime Minister Anna Berg said: "We welcome the '
                           'agreement."', D(2024, 3, 26)),
    "date_in_the_sentence_before": (
        "Ambassador Anna Berg said it was shameful that the text did not name those behind the March 3 attacks. "
        '"It says nothing about the victims," she told reporters.', D(2024, 3, 26)),
    "event_tally": ("The U.N. General Assembly on Monday adopted a resolution on the humanitarian situation.\n\n"
                    "Paraguay and Guatemala were the two Latin American states to vote against.", D(2024, 3, 26)),
    "event_narrated": (  # the lead narrates the event; no statement in it is dated
        "Leaders of Arab and Muslim countries ended an extraordinary summit in Riyadh on Saturday with a resolution "
        "demanding an end to the war in Gaza.\n\nTURKEY\n\nTurkish President Tayyip Erdogan told the summit that "
        "Israel's strikes amounted to a massacre.", D(2023, 11, 12)),
    "event_after_dateline": (  # the dateline's day is not the day the lead narrates
        "UNITED NATIONS, March 26 — The Security Council on Monday adopted a resolution backing the U.S. "
        "proposal for a ceasefire in Gaza.\n\nThe resolution welcomes the proposal the president set out on "
        "March 1.\n\nAlgeria's ambassador told the council the text was a first step.", D(2024, 3, 26)),
    "event_present_tense": ("The U.N. Security Council on Monday demanded an immediate ceasefire in Gaza.\n\n"
                            "Israel says the resolution rewards Hamas.", D(2024, 3, 26)),
    "event_live_blog": ("18:40\nThe U.N. Security Council on Monday demanded an immediate ceasefire in Gaza.\n\n"
                        "17:55 — Washington\nWashington's ambassador said the United States had abstained.",
                        D(2024, 3, 26)),
    "narrative": ("At the summit on Thursday, the G7 leaders said they would provide loans to Kyiv.\n\n"
                  "How has Russia reacted?\n\nOn Friday, President Vladimir Putin set out his conditions for a "
                  "ceasefire.\nUkraine's foreign ministry dismissed the proposal as manipulative.\n\n"
                  "What about the summit?\n\nThe Swiss government said the talks would go ahead.", D(2024, 6, 15)),
    # a document's words date from when it was adopted
    "document": ("Joe Biden said on Saturday that the United States remained committed to peace across the Taiwan "
                 "Strait.\n\nG20 leaders adopted their joint declaration on Monday, the first day of the summit.\n\n"
                 "U.N. Secretary-General Antonio Guterres urged leaders to deliver a finance deal.\n\n"
                 "On Ukraine, the declaration welcomed all initiatives that support a just and durable peace.",
                 D(2024, 11, 19)),
    "period_not_a_day": ("The U.S. State Department on Friday approved the sale of F-16 jets to Turkey.\n\n"
                         "Secretary of State Antony Blinken sent a letter to Congress this week. The department said "
                         "the sale served U.S. security interests.", D(2024, 1, 27)),
    # the same actor's next sentence gives the day
    "next_statement": ("Beijing rejected the move. China's foreign ministry spokesman Lin Jian said on Thursday that "
                       "China firmly opposed illegal unilateral sanctions.", D(2024, 6, 14)),
    # official acts: the act's own words date it; a relative clause on its object is dated by it
    "act": ("The U.S. State Department approved the sale of 40 F-16 fighter jets to Turkey on Friday, hours after "
            "Ankara completed its ratification.", D(2024, 1, 27)),
    "relative_clause": ("Biden and Zelensky signed a ten-year security agreement on Thursday, under which Washington "
                        "commits to keep arming Ukraine's forces.", D(2024, 6, 14)),
    "relative_clause_date": ("Russia and China, which on Friday vetoed a U.S.-drafted text, voted in favour of the "
                             "resolution on Monday.", TUE),
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


def test_a_date_that_names_a_thing_is_not_when_it_was_said(rows):
    # "the attack of Oct. 7" says which attack, not when Katz spoke
    assert dated(rows, "date_of_a_thing") == [("2024-02-27", "published")]


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
    # someone else, in the simple past, in a report of Monday's news: dated to the news, not to Tusk
    fiala = got[got["speaker"].str.contains("Fiala")]
    assert set(zip(fiala["date"], fiala["date_source"])) == {("2024-02-26", "relative")}


def test_floating_quotation_takes_its_statements_date(rows):
    assert dated(rows, "floating") == [("2024-02-26", "relative")]


def of(rows: pd.DataFrame, article: str, speaker: str) -> pd.DataFrame:
    got = rows[(rows["article_id"] == article) & rows["speaker"].str.contains(speaker, regex=False)]
    assert len(got), (article, speaker, rows[rows["article_id"] == article][["speaker", "date"]].to_dict("records"))
    return got


def when(rows: pd.DataFrame, article: str, speaker: str) -> set[tuple[str, str]]:
    got = of(rows, article, speaker)
    return set(zip(got["date"].fillna(""), got["date_source"]))


def test_a_date_between_the_pieces_of_a_quotation_is_the_attributions(rows):
    assert when(rows, "interrupted_quote", "Katz") == {("2024-02-26", "relative")}


def test_a_participle_takes_the_date_of_its_verb(rows):
    assert when(rows, "participle_after", "Kristersson") == {("2024-01-23", "relative")}


def test_the_sentence_before_with_the_same_subject(rows):
    assert when(rows, "previous_clause", "Stoltenberg") == {("2024-01-23", "relative")}
    # someone else speaking after it is not dated by it (in the present tense, not by the event either)
    assert when(rows, "previous_clause_other", "Kristersson") == {("2024-01-27", "published")}


def test_the_speakers_dated_clause_a_few_sentences_back_in_the_paragraph(rows):
    assert when(rows, "earlier_in_paragraph", "Xi") == {("2024-11-16", "relative")}
    assert when(rows, "earlier_paragraph", "Xi") == {("2024-11-19", "published")}  # a new paragraph: not that day


def test_the_same_day_afterwards_and_a_day_later(rows):
    got = of(rows, "same_day", "Cameron")
    assert len(got) >= 2 and set(zip(got["date"], got["date_source"])) == {("2024-05-09", "relative")}
    assert when(rows, "afterwards", "Kristersson") == {("2023-07-10", "relative")}
    assert when(rows, "a_day_later", "Slovak") == {("2024-02-27", "relative")}


def test_statements_in_a_report_of_a_dated_event_are_dated_to_it(rows):
    assert when(rows, "event", "Washington") == {("2024-03-25", "relative")}
    assert when(rows, "event", "Algeria") == {("2024-03-25", "relative")}


def test_the_issue_of_the_statement_the_words_were_said_in(rows):
    assert when(rows, "statement_released", "Berg") == {("2024-03-24", "relative")}


def test_a_date_in_what_the_sentence_before_reports_is_not_its_verbs(rows):
    assert when(rows, "date_in_the_sentence_before", "Berg") == {("2024-03-26", "published")}


def test_the_day_a_lead_narrates_dates_the_reactions_that_follow(rows):
    assert when(rows, "event_narrated", "Erdogan") == {("2023-11-11", "relative")}


def test_a_dateline_is_not_the_day_the_story_narrates(rows):
    assert when(rows, "event_after_dateline", "Algeria") == {("2024-03-25", "relative")}


def test_a_tally_takes_the_tense_of_its_copula(rows):
    # "were the two states to vote against": the infinitive is in the past of "were"
    assert when(rows, "event_tally", "Paraguay") == {("2024-03-25", "relative")}


def test_what_is_said_in_the_present_tense_is_said_on_publication(rows):
    assert when(rows, "event_present_tense", "Israel") == {("2024-03-26", "published")}


def test_a_live_blog_entry_is_written_on_the_day(rows):
    assert when(rows, "event_live_blog", "Washington") == {("2024-03-26", "published")}


def test_the_day_the_story_has_reached_in_its_section(rows):
    assert when(rows, "narrative", "Ukraine's foreign ministry") == {("2024-06-14", "relative")}
    assert when(rows, "narrative", "Swiss") == {("2024-06-13", "relative")}  # a new section: the event's day


def test_a_period_does_not_move_the_story_to_a_day(rows):
    # the approval's day, not "this week" (the day of publication)
    assert when(rows, "period_not_a_day", "Department") == {("2024-01-26", "relative")}


def test_a_reaction_is_dated_by_the_next_sentence_of_the_same_actor(rows):
    assert when(rows, "next_statement", "Beijing") == {("2024-06-13", "relative")}


def test_official_acts(rows):
    assert when(rows, "act", "State Department") == {("2024-01-26", "relative")}
    assert when(rows, "relative_clause", "Washington") == {("2024-06-13", "relative")}
    got = of(rows, "relative_clause_date", "Russia")
    assert set(got["date"]) == {"2024-02-23", "2024-02-26"}  # vetoed on Friday, voted on Monday


def test_a_documents_words_date_from_its_adoption(rows):
    got = rows[(rows["article_id"] == "document") & (rows["kind"] != "act")]
    declaration = got[got["quote"].str.contains("initiatives")]
    assert len(declaration), got[["speaker", "quote"]].to_dict("records")
    assert set(zip(declaration["date"], declaration["date_source"])) == {("2024-11-18", "relative")}
    # a speaker with no day of their own, in the simple past: the day the story has reached (the
    # leaders' Monday), not publication
    assert when(rows, "document", "Guterres") == {("2024-11-18", "relative")}
