"""Actors on diplomatic news: who speaks for which state or organisation, and who for none.

Every article here is a few sentences modelled on wire copy and run through the real pipeline
once (one batch, module fixture). Each test reads the rows of one construction and asserts
what matters of them: actor, actor_kind, speaker, speaker_role, date and date_source.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analysis.articles import Article
from analysis.nlp import shared_nlp
from analysis.pipeline import analyse, extract

TUE = dt.date(2024, 2, 27)  # a Tuesday

ARTICLES: dict[str, tuple[str, dt.date | None]] = {
    # roles in context
    "title": ("Poland's Prime Minister Donald Tusk said on Tuesday that Europe must spend more on its own defence.", TUE),
    "counterpart": (
        "Poland's Prime Minister Donald Tusk met his Czech counterpart Petr Fiala in Prague on Tuesday.\n\n"
        "\"We have a common position,\" Fiala told a joint news conference.", TUE),
    "ministry": ("The Russian defence ministry said its air defences had shot down 12 drones over the Belgorod region.", TUE),
    "kremlin_spokesman": ("Kremlin spokesman Dmitry Peskov told reporters that the talks were not on the agenda.", TUE),
    "name_particles": (
        "Leaders met on Saturday.\n\nEUROPEAN UNION\nCommission President Ursula von der Leyen told leaders that "
        "the EU stood ready to support Ukraine's accession.", TUE),
    "its_minister": ("Norway will double its contribution to the fund, its development minister told reporters.", TUE),
    "bare_minister": ("Aid groups welcomed the pledge. A minister said the fund would be ready by June.", TUE),
    "foreign_secretary": ("Britain's foreign secretary said the embassy in Kyiv would stay open.", TUE),
    "spokesperson_for": ("A spokesperson for the Chinese foreign ministry said Beijing firmly opposed the arms sale.", TUE),
    "ministry_spokesman": ("Iran's foreign ministry spokesman said indirect talks with Washington would continue in Oman.", TUE),
    "apposition": ("Sergei Lavrov, Russia's foreign minister, said Moscow was ready for talks without preconditions.", TUE),
    "apposition_after_role": ("The foreign minister, Radoslaw Sikorski, said Poland would not back down.", TUE),
    "minister_of": ("Foreign Minister Penny Wong of Australia said Canberra was deeply concerned by the launch.", TUE),
    # organisations and their officials
    "eu_chief": ("EU foreign policy chief Kaja Kallas said the bloc would keep supporting Ukraine.", dt.date(2025, 3, 4)),
    "un_chief": ("UN Secretary-General Antonio Guterres said the attack on the convoy was unacceptable.", TUE),
    "security_council": ("The Security Council said in a statement that it condemned the attack in the strongest terms.", TUE),
    "un_agency": ("The United Nations refugee agency said on Monday it needed an extra $400 million.", TUE),
    "groups": (
        "EU leaders agreed that sanctions on Moscow would be extended for six months.\n\n"
        "G7 foreign ministers said they were deeply concerned by the escalation.\n\n"
        "Nordic countries said they would increase aid to Kyiv.", TUE),
    # office holders on the statement's date
    "scholz_2024": ("Scholz said Germany would not deliver Taurus missiles to Ukraine.", TUE),
    "scholz_2025": ("Scholz said Germany would not deliver Taurus missiles to Ukraine.", dt.date(2025, 6, 2)),
    "rutte_nld": ("Rutte said the Netherlands would send more F-16 jets to Ukraine.", TUE),
    "rutte_nato": ("Rutte said the alliance would stand by Ukraine for as long as it takes.", dt.date(2024, 10, 15)),
    "rutte_between": ("Rutte said he was looking forward to the new job.", dt.date(2024, 8, 15)),
    # capitals and seats as metonyms; short and historic names
    "metonyms": (
        "Beijing said it firmly opposed the sale.\n\n"
        "Washington has said it will not recognise the vote.\n\n"
        "The White House said the president would travel to Kyiv.\n\n"
        "Downing Street said the prime minister had spoken to Zelenskiy.\n\n"
        "The Elysee said Macron would host the summit.\n\n"
        "The Quai d'Orsay said the ambassador had been summoned.\n\n"
        "Brussels said the tariffs were unjustified.\n\n"
        "The Kremlin said the proposal was unacceptable.\n\n"
        "The Taiwan Affairs Office said the visit sent a wrong signal.\n\n"
        "Taiwan's Mainland Affairs Council said the drills were provocative.\n\n"
        "The Revolutionary Guards said the tanker had been seized.", TUE),
    "short_names": (
        "Britain said it had no plans to deploy soldiers.\n\n"
        "The UK said the sanctions would stay.\n\n"
        "The Czech Republic said it would buy the shells.\n\n"
        "Türkiye said it would host the talks.\n\n"
        "Turkey said the corridor would stay open.", TUE),
    "us_and_us": ('The US said it would impose new sanctions. "They told us nothing," a diplomat said.', TUE),
    "u_s_dots": ("U.S. officials said the talks had stalled in the U.S.", TUE),
    # only official positions
    "not_official": (
        "Former Prime Minister Boris Johnson said the sanctions were far too weak.\n\n"
        "Opposition leader Peter Magyar said the government had failed.\n\n"
        "Russian military bloggers said the village had fallen.\n\n"
        "Analysts said the move was unlikely to succeed.\n\n"
        "A former NATO official said the alliance was unprepared.\n\n"
        "According to a think-tank expert, the sanctions are failing.\n\n"
        "A journalist said the convoy had been hit.", TUE),
    "anonymous_officials": (
        "A senior US official said Washington would not send troops.\n\n"
        "Western officials said the offensive had stalled.", TUE),
    "militaries": (
        "The Israeli military said it had struck targets in Gaza.\n\n"
        "Taiwan's defence ministry said it had detected 20 Chinese aircraft.\n\n"
        "The IDF said it had killed a senior commander.", TUE),
    "non_states": (
        "Hamas said it would not accept the proposal.\n\n"
        "The Houthis said they would continue attacks on shipping.\n\n"
        "The Palestinian Authority said the decision was illegal.", TUE),
    "names_with_places": (
        "Israel Katz said the operation would continue.\n\n"
        "Jordan Bardella said the government had lost control.", TUE),
    "qualified_bodies": (
        "Germany's Foreign Office said the ambassador had been summoned.\n\n"
        "Russia's Security Council said the threat was growing.", TUE),
    "envoy_to": ("Russia's envoy to the UN said the resolution was biased.", TUE),
    # wire copy: lists, the two leaders, quotes split by attribution, pronouns, according to
    "list_of_states": ("Britain, Germany and Poland said on Monday they would not send troops to Ukraine.", TUE),
    "two_leaders": (
        "Poland's Prime Minister Donald Tusk met his Czech counterpart Petr Fiala in Prague.\n\n"
        "The two leaders said they supported seizing Russian assets.", TUE),
    "split_quote": (
        "\"We will not send troops,\" Hungary's foreign minister Peter Szijjarto told reporters, "
        "\"and we will not pay for them either.\"", TUE),
    "pronoun": (
        "Russian Foreign Minister Sergei Lavrov arrived in Ankara on Monday.\n\n"
        "\"The West wants to prolong the war,\" he said.", TUE),
    "according_to": ("According to the Kremlin, the talks will take place next week.", TUE),
    "only_mentioned": ("Macron said France would support Ukraine against Russia.", TUE),
    "people": (
        "The Russians said they would consider the proposal.\n\n"
        "Many Russians say they support the war.", TUE),
    "former_what": (
        "Ukrainian President Volodymyr Zelenskiy, a former comedian, said Ukraine would not give up territory.\n\n"
        "Liz Truss, the former foreign secretary, said the party must unite.", TUE),
    "nationality_only": ("Russian billionaire Oleg Deripaska said the war was madness.", TUE),
    "possessor": ("Putin's spokesman said the Kremlin had no comment on the report.", TUE),
    "crossheads": (
        "Governments reacted on Friday to the court's order.\n\n"
        "PALESTINIAN AUTHORITY\n"
        "Foreign Minister Riyad al-Maliki said the order should serve as a wake-up call.\n\n"
        "SOUTH AFRICA\n"
        "Foreign Minister Naledi Pandor called the order a victory for international law.\n\n"
        "HAMAS\n"
        "A spokesman for the group said the order was not enough.", TUE),
    "his_spokesman": (
        'UN Secretary-General Antonio Guterres was "gravely alarmed" by the decision, his spokesman said.\n\n'
        "Turkish Foreign Minister Hakan Fidan, whose country signed the communique, praised the summit.", TUE),
    "summit_text": (  # a summit's declaration speaks for the one organisation the lead names
        "G20 leaders meet in Rio as wars divide them\n\n"
        "RIO DE JANEIRO (Wire) - Leaders of the Group of 20 opened a two-day summit in Rio de Janeiro on Monday.\n\n"
        "The declaration called for a comprehensive ceasefire in Gaza.", TUE),
    "two_bodies": (  # two organisations in the lead: the declaration's issuer is not guessed
        "EU and NATO leaders meet in Brussels\n\n"
        "BRUSSELS (Wire) - Leaders of the European Union and NATO met in Brussels on Monday.\n\n"
        "The declaration called for a comprehensive ceasefire in Gaza.", TUE),
    "the_country": (  # "the country's X": the state just named, not an adjective ("Russian oil")
        '"Poland supported the agreement on a price cap for Russian oil," the country\'s ambassador to the EU, '
        "Andrzej Sados, told reporters.", TUE),
    "quoted_subject": (
        "Ukraine reacted with irritation. \"The G20 has nothing to be proud of,\" foreign ministry spokesman "
        "Oleg Nikolenko wrote on Facebook.", TUE),
    "agency_head": (
        "Mohammad Eslami, head of the Atomic Energy Organization of Iran, said the expansion was a response.\n\n"
        "The head of Iran's atomic energy agency, Mohammad Eslami, said Tehran would not bow to pressure.", TUE),
    "spokesman_for": (
        "A spokesman for Chancellor Olaf Scholz said on Tuesday that Berlin would not send Taurus missiles.\n\n"
        "A spokeswoman for Senator Lindsey Graham said the bill would pass.", TUE),
    # a state's own security council is not the UN's
    "security_councils": (
        "The U.S. National Security Council said the report was false.\n\n"
        "Britain's National Security Council met on Monday and said the threat level would stay at severe.\n\n"
        "The Security Council of Russia said the drills were a provocation.\n\n"
        "Iran's Supreme National Security Council said it would respond.\n\n"
        "The UN Security Council said it was gravely concerned.", TUE),
    "nsc_after_white_house": (
        "The White House said on Tuesday it would not send troops to Ukraine. \"We have been clear about that,\" "
        "National Security Council spokesman Sean Hale said.", TUE),
    "nsc_spokeswoman_2023": ("National Security Council spokeswoman Adrienne Watson said the report was utterly false.",
                             dt.date(2023, 2, 9)),
    "nsc_spokeswoman_2025": ("National Security Council spokeswoman Adrienne Watson said the report was utterly false.",
                             dt.date(2025, 3, 4)),
    # ambassadors to an organisation speak for the state that sends them
    "un_ambassadors": (
        "U.N. Ambassador Linda Thomas-Greenfield said Washington would veto the draft.\n\n"
        "China's U.N. ambassador Zhang Jun said the text was unbalanced.\n\n"
        "The EU ambassador to Ukraine said the bloc would keep its promises.", dt.date(2023, 10, 18)),
    "bare_envoy": ("Zhang Jun told the council that the resolution must be implemented.", dt.date(2023, 11, 16)),
    # documents speak for their issuer
    "text_of_declaration": (
        "G20 leaders adopted their joint declaration on Monday, the first day of the summit.\n\n"
        "The text calls for a comprehensive ceasefire in Gaza.", dt.date(2024, 11, 19)),
    "leaders_statement": (
        "At the summit on Thursday, the G7 leaders said they would provide loans to Kyiv. "
        "The leaders' statement said the assets would remain immobilised.", dt.date(2024, 6, 14)),
    "signatory": (
        "G20 leaders adopted their joint declaration on Monday.\n\n"
        "Argentina's President Javier Milei signed the declaration but said in a statement that he disagreed with "
        "several parts of it.\n\n"
        "The declaration also said finance for developing countries must be scaled up.", dt.date(2024, 11, 19)),
    "statement_from": ("According to a statement from the Turkish presidency, Ankara will send the protocol to "
                       "parliament.", dt.date(2023, 7, 12)),
    "persons_statement": ("Putin's statement said Russia would respond to the seizure of its assets.", TUE),
    "orphan_statement": ("The statement said the talks would continue next week.", TUE),
    # an organ with no owner in its phrase is that of the state the passage is about
    "government_spokesman": (
        "Germany, Israel's second-largest supplier, is under similar pressure. A government spokesman said on "
        "Wednesday that Berlin was not considering halting exports.", dt.date(2024, 5, 10)),
    "spokesman_new_paragraph": ("Germany is under similar pressure.\n\nA government spokesman said on Wednesday that "
                                "the review would continue.", dt.date(2024, 5, 10)),
    "armed_group_spokesman": ("Israel struck targets in Rafah overnight. A Hamas spokesman said the talks were over.",
                              dt.date(2024, 5, 10)),
    "pm_spokesman": (
        "Downing Street also ruled it out. \"We don't have any plans for a large-scale deployment,\" the Prime "
        "Minister's official spokesman told reporters.", TUE),
    "its_ministry": ("Iran rejected the resolution as political. Its foreign ministry said the agency had been misled.",
                     dt.date(2024, 6, 6)),
    "the_treasury": (
        "Treasury Secretary Janet Yellen said on Wednesday the measures would strike at Russia's supply lines. "
        "The Treasury also warned foreign banks they risked being cut off.", dt.date(2024, 6, 14)),
    # surnames: the person the article names in full
    "surname_in_full": ("Foreign Secretary James Cleverly arrived in Kyiv on Monday.\n\n"
                        "Cleverly said Britain would keep supporting Ukraine.", dt.date(2023, 5, 3)),
    "surname_of_someone_else": ("House Speaker Mike Johnson criticised the plan on Sunday.\n\n"
                                "Johnson said the plan was dangerous.", dt.date(2021, 3, 2)),
    "accents": ("Orbán said Hungary would not block the opening of talks.\n\n"
                "Orban added that the decision was bad.", dt.date(2023, 12, 15)),
    # offices that do not speak for a state's executive
    "other_offices": (
        "Judge Maria Lopez said the detention was unlawful.\n\n"
        "Governor Gavin Newsom said California would sue.\n\n"
        "Kyiv Mayor Vitali Klitschko said the city was ready.\n\n"
        "ICC Prosecutor Karim Khan said the warrants were justified.\n\n"
        "Senate Majority Leader Chuck Schumer said the aid bill would pass.\n\n"
        "Shadow foreign secretary David Lammy said the government must publish the advice.", dt.date(2024, 5, 20)),
    # a parliament's act is its state's; its speaker and members are legislators
    "parliament": ("Latvia's parliament ratified the accession protocol on Wednesday by 80 votes to four.\n\n"
                   "Hungary's parliament speaker said there was no hurry.\n\n"
                   "A member of the Lithuanian parliament said the vote had been rushed.", dt.date(2024, 5, 10)),
    # a named grouping of states: one row per member
    "e3": ("The E3 said in a joint statement that Iran's nuclear escalation had no credible civilian justification.",
           dt.date(2024, 6, 6)),
    # an office described after its holder was named
    "watchdog": (
        "The U.N. nuclear watchdog's 35-nation Board of Governors passed a resolution on Thursday rebuking Syria.\n\n"
        "The UN nuclear watchdog said on Friday that its inspectors would return in the spring.", dt.date(2023, 3, 4)),
    "delegates": (
        "Delegates from Peru and Ecuador condemned the plan as unfair on Monday.", dt.date(2023, 3, 7)),
    "office_described": (
        "Joe Biden told CNN on Wednesday that he would not supply the bombs for an assault on Rafah.\n\n"
        "The U.S. president confirmed that Washington had already paused a shipment of bombs.", dt.date(2024, 5, 10)),
}


@pytest.fixture(scope="module")
def rows() -> pd.DataFrame:
    articles = [Article(id=key, text=text, published=published) for key, (text, published) in ARTICLES.items()]
    return extract(articles)


def of(rows: pd.DataFrame, article: str) -> pd.DataFrame:
    return rows[rows["article_id"] == article]


def said(rows: pd.DataFrame, article: str, speaker: str) -> pd.Series:
    """The one statement row of an article whose speaker contains some words."""
    got = of(rows, article)
    got = got[got["speaker"].str.contains(speaker, regex=False)]
    assert len(got) >= 1, (article, speaker, of(rows, article)[["speaker", "actor"]].to_dict("records"))
    return got.iloc[0]


def check(row: pd.Series, **want) -> None:
    got = {k: row[k] for k in want}
    assert got == want


# -- roles in context ------------------------------------------------------------------------


def test_title_with_a_possessive_state(rows):
    check(said(rows, "title", "Tusk"), actor="POL", actor_kind="state", speaker="Donald Tusk",
          speaker_role="Prime Minister", date="2024-02-27", date_source="relative")


def test_counterpart_and_a_surname_later(rows):
    row = said(rows, "counterpart", "Fiala")
    check(row, actor="CZE", actor_kind="state", date="2024-02-27")
    assert "Petr Fiala" in row["speaker"]


def test_ministry_named_by_its_state(rows):
    check(said(rows, "ministry", "defence ministry"), actor="RUS", actor_kind="state",
          speaker_role="defence ministry", date="2024-02-27", date_source="published")


def test_kremlin_spokesman(rows):
    check(said(rows, "kremlin_spokesman", "Peskov"), actor="RUS", actor_kind="state", speaker="Dmitry Peskov",
          speaker_role="spokesman")


def test_britains_foreign_secretary(rows):
    check(said(rows, "foreign_secretary", "foreign secretary"), actor="GBR", actor_kind="state",
          speaker_role="foreign secretary")


def test_spokesperson_for_a_ministry(rows):
    row = said(rows, "spokesperson_for", "spokesperson")
    check(row, actor="CHN", actor_kind="state", speaker_role="spokesperson")


def test_a_name_with_particles_is_one_person(rows):
    # the small model ends the name at "von" (and tags "Leyen" as a place) after a crosshead
    check(said(rows, "name_particles", "Leyen"), actor="EU", speaker="Ursula von der Leyen")


def test_a_role_owned_by_its_is_the_states_in_the_passage(rows):
    check(said(rows, "its_minister", "minister"), actor="NOR", actor_kind="state")


def test_a_bare_role_with_no_owner_is_nobodys(rows):
    check(said(rows, "bare_minister", "minister"), actor="", actor_kind="other")


def test_ministry_spokesman(rows):
    check(said(rows, "ministry_spokesman", "spokesman"), actor="IRN", actor_kind="state", speaker_role="spokesman")


def test_apposition_gives_the_state(rows):
    check(said(rows, "apposition", "Lavrov"), actor="RUS", actor_kind="state")


def test_apposition_to_a_role_gives_the_person(rows):
    check(said(rows, "apposition_after_role", "minister"), actor="POL", actor_kind="state")


def test_minister_of_a_state(rows):
    check(said(rows, "minister_of", "Penny Wong"), actor="AUS", actor_kind="state", speaker_role="Foreign Minister")


# -- organisations ---------------------------------------------------------------------------


def test_eu_foreign_policy_chief(rows):
    check(said(rows, "eu_chief", "Kallas"), actor="EU", actor_kind="organisation", actor_name="EU",
          speaker="Kaja Kallas", date="2025-03-04")


def test_un_secretary_general(rows):
    check(said(rows, "un_chief", "Guterres"), actor="UN", actor_kind="organisation", speaker="Antonio Guterres",
          speaker_role="Secretary-General")


def test_security_council_is_the_un(rows):
    check(said(rows, "security_council", "Security Council"), actor="UN", actor_kind="organisation")


def test_un_agency_spelt_out(rows):
    check(said(rows, "un_agency", "refugee agency"), actor="UN", actor_kind="organisation", date="2024-02-26",
          date_source="relative")


def test_groups(rows):
    check(said(rows, "groups", "EU leaders"), actor="EU", actor_kind="organisation")
    check(said(rows, "groups", "G7"), actor="G7", actor_kind="organisation")
    # a grouping that is no organisation names no one state
    check(said(rows, "groups", "Nordic"), actor="", actor_kind="other")


# -- office holders on the statement's date --------------------------------------------------


def test_office_holder_on_the_day(rows):
    check(said(rows, "scholz_2024", "Scholz"), actor="DEU", actor_kind="state", date="2024-02-27")
    check(said(rows, "scholz_2025", "Scholz"), actor="", actor_kind="other")  # Merz was chancellor by then


def test_rutte_changes_actor_with_his_office(rows):
    check(said(rows, "rutte_nld", "Rutte"), actor="NLD", actor_kind="state")
    check(said(rows, "rutte_nato", "Rutte"), actor="NATO", actor_kind="organisation")
    check(said(rows, "rutte_between", "Rutte"), actor="", actor_kind="other")


# -- names: metonyms, short and historic names, case ----------------------------------------


@pytest.mark.parametrize("speaker,actor", [
    ("Beijing", "CHN"), ("Washington", "USA"), ("White House", "USA"), ("Downing Street", "GBR"),
    ("Elysee", "FRA"), ("Quai d'Orsay", "FRA"), ("Brussels", "EU"), ("Kremlin", "RUS"),
    # state bodies quoted as such
    ("Taiwan Affairs Office", "CHN"), ("Mainland Affairs Council", "TWN"), ("Revolutionary Guards", "IRN"),
])
def test_capitals_and_seats(rows, speaker, actor):
    check(said(rows, "metonyms", speaker), actor=actor)


@pytest.mark.parametrize("speaker,actor", [
    ("Britain", "GBR"), ("UK", "GBR"), ("Czech Republic", "CZE"), ("Türkiye", "TUR"), ("Turkey", "TUR"),
])
def test_short_and_historic_names(rows, speaker, actor):
    check(said(rows, "short_names", speaker), actor=actor, actor_kind="state")


def test_us_is_a_state_and_us_is_not(rows):
    check(said(rows, "us_and_us", "US"), actor="USA", actor_kind="state")
    check(said(rows, "us_and_us", "diplomat"), actor="", actor_kind="other")
    assert set(of(rows, "us_and_us")["actor"]) == {"USA", ""}


def test_dotted_u_s(rows):
    check(said(rows, "u_s_dots", "officials"), actor="USA", actor_kind="state")


def test_all_capitals_headline_is_read_case_blind():
    actors = shared_nlp().get_pipe("demarche_actors")
    doc = shared_nlp()("RUSSIA SAYS TRUMP TOLD US NOTHING ABOUT NATO\n\nThe talks ended on Monday.")
    assert actors.places(doc) == [("RUSSIA", "RUS"), ("NATO", "NATO")]  # "US" here is a pronoun


def test_places_inside_longer_names_are_not_places():
    actors = shared_nlp().get_pipe("demarche_actors")
    doc = shared_nlp()("The Washington Post said Latin America would suffer. Israel Katz met Jordan Bardella in Paris.")
    assert [code for _, code in actors.places(doc)] == ["FRA"]


# -- only official positions -----------------------------------------------------------------


@pytest.mark.parametrize("speaker", [
    "Boris Johnson", "Peter Magyar", "military bloggers", "Analysts", "former NATO official", "think-tank expert",
    "journalist",
])
def test_voices_that_speak_for_no_state(rows, speaker):
    check(said(rows, "not_official", speaker), actor="", actor_kind="other", actor_name="")


def test_former_and_opposition_roles_are_kept(rows):
    check(said(rows, "not_official", "Johnson"), speaker_role="Former Prime Minister")
    check(said(rows, "not_official", "Magyar"), speaker_role="Opposition leader")


def test_anonymous_officials(rows):
    check(said(rows, "anonymous_officials", "senior US official"), actor="USA", actor_kind="state")
    check(said(rows, "anonymous_officials", "Western officials"), actor="", actor_kind="other")


def test_militaries_and_defence_ministries(rows):
    check(said(rows, "militaries", "Israeli military"), actor="ISR", actor_kind="state", speaker_role="military")
    check(said(rows, "militaries", "Taiwan"), actor="TWN", actor_kind="state", speaker_role="defence ministry")
    check(said(rows, "militaries", "IDF"), actor="ISR", actor_kind="state")


def test_a_people_is_not_its_state(rows):
    got = dict(zip(of(rows, "people")["speaker"], of(rows, "people")["actor"]))
    assert got == {"Russians": "RUS", "Many Russians": ""}  # "the Russians": the Russian side


def test_former_qualifies_titles_not_careers(rows):
    check(said(rows, "former_what", "Zelenskiy"), actor="UKR", actor_kind="state", speaker_role="President")
    check(said(rows, "former_what", "Truss"), actor="", actor_kind="other")


def test_a_nationality_alone_does_not_make_an_official(rows):
    check(said(rows, "nationality_only", "Deripaska"), actor="", actor_kind="other")


def test_spokesman_of_an_office_holder(rows):
    check(said(rows, "possessor", "spokesman"), actor="RUS", actor_kind="state", speaker_role="spokesman")


def test_a_crosshead_names_whom_an_official_without_owner_speaks_for(rows):
    check(said(rows, "crossheads", "Maliki"), actor="PSE", actor_kind="state")
    check(said(rows, "crossheads", "Pandor"), actor="ZAF", actor_kind="state")
    check(said(rows, "crossheads", "spokesman"), actor="", actor_kind="other")  # an armed group is no state


def test_his_spokesman_and_whose_country(rows):
    check(said(rows, "his_spokesman", "his spokesman"), actor="UN", actor_kind="organisation")
    check(said(rows, "his_spokesman", "whose country"), actor="TUR", actor_kind="state")


def test_a_summit_declaration_speaks_for_the_summits_organisation(rows):
    check(said(rows, "summit_text", "declaration"), actor="G20", actor_kind="organisation")
    assert said(rows, "two_bodies", "declaration")["actor"] == ""


def test_the_countrys_official_speaks_for_the_state_just_named(rows):
    check(said(rows, "the_country", "country's ambassador"), actor="POL", actor_kind="state")


def test_a_subject_inside_a_quotation_is_not_the_passage_topic(rows):
    check(said(rows, "quoted_subject", "Nikolenko"), actor="UKR", actor_kind="state")


def test_the_head_of_a_state_agency_speaks_for_the_state(rows):
    got = of(rows, "agency_head")
    assert got["actor"].tolist() == ["IRN", "IRN"], got[["speaker", "actor"]].to_dict("records")


def test_spokesman_for_an_office_holder(rows):
    check(said(rows, "spokesman_for", "Scholz"), actor="DEU", actor_kind="state", speaker_role="spokesman")
    check(said(rows, "spokesman_for", "Graham"), actor="", actor_kind="other")  # a legislator's aide


def test_armed_groups_are_not_states_or_organisations(rows):
    check(said(rows, "non_states", "Hamas"), actor="", actor_kind="other")
    check(said(rows, "non_states", "Houthis"), actor="", actor_kind="other")
    check(said(rows, "non_states", "Palestinian Authority"), actor="PSE", actor_kind="state")


def test_person_names_that_begin_with_a_place(rows):
    check(said(rows, "names_with_places", "Israel Katz"), actor="ISR")  # from officials.csv, not from "Israel"
    check(said(rows, "names_with_places", "Bardella"), actor="", actor_kind="other")


def test_a_states_own_body_is_that_states(rows):
    check(said(rows, "qualified_bodies", "Foreign Office"), actor="DEU")
    check(said(rows, "qualified_bodies", "Security Council"), actor="RUS")


def test_a_parliament_acts_for_its_state_but_its_members_do_not(rows):
    check(said(rows, "parliament", "Latvia's parliament"), actor="LVA", actor_kind="state", kind="act")
    check(said(rows, "parliament", "speaker"), actor="", actor_kind="other")
    check(said(rows, "parliament", "member"), actor="", actor_kind="other")


def test_envoy_to_an_organisation_speaks_for_the_sender(rows):
    check(said(rows, "envoy_to", "envoy"), actor="RUS", actor_kind="state")


# -- wire copy constructions -----------------------------------------------------------------


def test_list_of_states_gives_one_row_each(rows):
    got = of(rows, "list_of_states")
    assert sorted(got["actor"]) == ["DEU", "GBR", "POL"]
    assert set(got["date"]) == {"2024-02-26"} and set(got["date_source"]) == {"relative"}


def test_the_two_leaders(rows):
    got = of(rows, "two_leaders")
    assert set(got["actor"]) == {"POL", "CZE"}
    assert set(got["actor_kind"]) == {"state"}


def test_quote_split_by_its_attribution(rows):
    got = of(rows, "split_quote")
    assert list(got["actor"].unique()) == ["HUN"]
    check(got.iloc[0], actor_kind="state", speaker="Peter Szijjarto", speaker_role="foreign minister")


def test_pronoun_takes_its_antecedents_state(rows):
    check(said(rows, "pronoun", "Lavrov"), actor="RUS", actor_kind="state")


def test_according_to(rows):
    check(said(rows, "according_to", "Kremlin"), actor="RUS", actor_kind="state", kind="according_to")


def test_a_state_only_mentioned_gets_no_row(rows):
    assert set(of(rows, "only_mentioned")["actor"]) == {"FRA"}


# -- what an article teaches, and aliases ----------------------------------------------------


def test_article_teaches_names_with_an_official_title():
    nlp = shared_nlp()
    from analysis.nlp import make_doc

    doc = nlp(make_doc(nlp, "Foreign Minister Tomas Varga of Slovakia met former Prime Minister Boris Johnson "
                            "and Russian billionaire Oleg Deripaska in Vienna.", TUE))
    learned = doc._.learned_aliases
    assert learned["Tomas Varga"][0] == "SVK" and learned["Varga"][0] == "SVK"
    assert learned["Varga"][1] == "Foreign Minister"
    assert not {"Boris Johnson", "Johnson", "Oleg Deripaska", "Deripaska"} & set(learned)


def test_analyst_alias_names_an_actor_and_beats_the_gazetteer():
    articles = [Article(id="x", text="The Northern Grid Authority said the cable was cut. Brussels said it would help.",
                        published=TUE)]
    aliases = pd.DataFrame([{"alias": "Northern Grid Authority", "actor": "FIN", "source": "analyst"},
                            {"alias": "Brussels", "actor": "BEL", "source": "analyst"}])
    rows, _ = analyse(articles, aliases=aliases)
    assert dict(zip(rows["speaker"], rows["actor"])) == {"Northern Grid Authority": "FIN", "Brussels": "BEL"}
    rows, _ = analyse(articles)  # aliases never leak into the next call
    assert dict(zip(rows["speaker"], rows["actor"])) == {"Northern Grid Authority": "", "Brussels": "EU"}


def test_learned_surname_for_two_actors_is_not_used():
    articles = [Article(id="y", text="Varga said the deal was good.", published=TUE)]
    one = pd.DataFrame([{"alias": "Varga", "actor": "SVK", "source": "learned"}])
    two = pd.DataFrame([{"alias": "Varga", "actor": "SVK", "source": "learned"},
                        {"alias": "Varga", "actor": "HUN", "source": "learned"}])
    assert list(analyse(articles, aliases=one)[0]["actor"]) == ["SVK"]
    assert list(analyse(articles, aliases=two)[0]["actor"]) == [""]


def test_officials_csv_outranks_other_articles_for_the_people_it_knows():
    """Another article called Rutte Dutch; in August 2024 he held no office."""
    articles = [Article(id="z", text="Rutte said he was looking forward to the new job.", published=dt.date(2024, 8, 15))]
    learned = pd.DataFrame([{"alias": "Rutte", "actor": "NLD", "source": "learned"}])
    assert list(analyse(articles, aliases=learned)[0]["actor"]) == [""]


def test_learned_alias_round_trip_through_the_cli(tmp_path, capsys, monkeypatch):
    """Article A introduces `Foreign Minister X of Y`; article B only says `X said`: B gets Y,
    and the alias is listed, removable, and then no longer used."""
    from analysis.__main__ import main
    from analysis.store import Store

    monkeypatch.setenv("DEMARCHE_DB", str(tmp_path / "unused.sqlite"))
    db = tmp_path / "db.sqlite"
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "a.txt").write_text("Foreign Minister Tomas Varga of Slovakia said on Monday that the sanctions "
                             "should be eased.", encoding="utf-8")
    (a / "a.meta.json").write_text('{"id": "a", "published": "2024-02-27"}', encoding="utf-8")
    (b / "b.txt").write_text("Varga said the pipeline deal was good for the whole region.", encoding="utf-8")
    (b / "b.meta.json").write_text('{"id": "b", "published": "2024-03-05"}', encoding="utf-8")

    assert main(["ingest", str(a), "--db", str(db)]) == 0
    assert main(["aliases", "--db", str(db), "list"]) == 0
    listing = capsys.readouterr().out
    assert "Tomas Varga\tSVK\tForeign Minister\tlearned\ta" in listing
    assert main(["ingest", str(b), "--db", str(db)]) == 0
    with Store(db) as s:
        got = s.positions().set_index("article_id")
    check(got.loc["a"], actor="SVK", actor_kind="state", date="2024-02-26", date_source="relative")
    check(got.loc["b"], actor="SVK", actor_kind="state", speaker="Varga", date="2024-03-05", date_source="published")

    for alias in ("Tomas Varga", "Varga"):
        assert main(["aliases", "--db", str(db), "remove", alias, "SVK"]) == 0
    assert main(["ingest", str(b), "--db", str(db)]) == 0
    with Store(db) as s:
        check(s.positions().set_index("article_id").loc["b"], actor="", actor_kind="other")


# -- a state's own security council ------------------------------------------------------------


@pytest.mark.parametrize("speaker,actor,kind", [
    ("U.S. National Security Council", "USA", "state"),
    ("Britain's National Security Council", "GBR", "state"),
    ("Security Council of Russia", "RUS", "state"),
    ("Iran's Supreme National Security Council", "IRN", "state"),
    ("UN Security Council", "UN", "organisation"),
])
def test_a_national_security_council_is_the_states(rows, speaker, actor, kind):
    check(said(rows, "security_councils", speaker), actor=actor, actor_kind=kind)


def test_unqualified_national_security_council_is_the_states_the_passage_is_about(rows):
    check(said(rows, "nsc_after_white_house", "Sean Hale"), actor="USA", actor_kind="state",
          speaker_role="National Security Council", date="2024-02-27")


def test_nsc_spokeswoman_by_her_dated_office(rows):
    check(said(rows, "nsc_spokeswoman_2023", "Watson"), actor="USA", actor_kind="state", speaker="Adrienne Watson",
          date="2023-02-09", date_source="published")
    check(said(rows, "nsc_spokeswoman_2025", "Watson"), actor="", actor_kind="other")  # out of office by then


# -- ambassadors to organisations --------------------------------------------------------------


def test_ambassadors_to_the_un_speak_for_their_state(rows):
    check(said(rows, "un_ambassadors", "Thomas-Greenfield"), actor="USA", actor_kind="state",
          speaker="Linda Thomas-Greenfield")
    check(said(rows, "un_ambassadors", "Zhang Jun"), actor="CHN", actor_kind="state", speaker="Zhang Jun")
    check(said(rows, "un_ambassadors", "EU ambassador"), actor="EU", actor_kind="organisation")  # the EU's own


def test_un_envoy_named_alone(rows):
    check(said(rows, "bare_envoy", "Zhang Jun"), actor="CHN", actor_kind="state",
          speaker_role="Permanent Representative to the United Nations")


# -- documents ---------------------------------------------------------------------------------


def test_the_text_speaks_for_who_adopted_it(rows):
    got = of(rows, "text_of_declaration")
    text = got[got["kind"] != "act"]
    assert len(text) and set(text["actor"]) == {"G20"}, got[["speaker", "actor", "kind"]].to_dict("records")
    check(text.iloc[0], actor_kind="organisation", date="2024-11-18", date_source="relative")


def test_the_leaders_statement_speaks_for_their_organisation(rows):
    got = of(rows, "leaders_statement")
    assert set(got["actor"]) == {"G7"} and len(got) >= 2
    assert set(got["date"]) == {"2024-06-13"}


def test_a_signatory_does_not_issue_the_declaration(rows):
    got = of(rows, "signatory")
    last = got[got["content_start"] == got["content_start"].max()]
    assert set(last["actor"]) == {"G20"}, got[["speaker", "actor", "quote"]].to_dict("records")
    check(last.iloc[0], actor_kind="organisation", date="2024-11-18", date_source="relative")
    assert "ARG" in set(got["actor"])  # Milei's own statement is Argentina's


def test_a_statement_from_an_organ(rows):
    check(said(rows, "statement_from", "presidency"), actor="TUR", actor_kind="state", kind="according_to")


def test_a_persons_statement_speaks_for_whom_they_speak_for(rows):
    assert set(of(rows, "persons_statement")["actor"]) == {"RUS"}


def test_a_statement_nobody_issued(rows):
    assert set(of(rows, "orphan_statement")["actor"]) == {""}


# -- organs without an owner in their phrase ---------------------------------------------------


def test_government_spokesman_of_the_state_just_named(rows):
    check(said(rows, "government_spokesman", "government spokesman"), actor="DEU", actor_kind="state",
          speaker_role="spokesman", date="2024-05-08", date_source="relative")


def test_a_new_paragraph_is_a_new_passage(rows):
    check(said(rows, "spokesman_new_paragraph", "spokesman"), actor="", actor_kind="other")


def test_an_armed_groups_spokesman_is_not_the_states(rows):
    check(said(rows, "armed_group_spokesman", "Hamas"), actor="", actor_kind="other")


def test_the_prime_ministers_spokesman_after_downing_street(rows):
    check(said(rows, "pm_spokesman", "spokesman"), actor="GBR", actor_kind="state", speaker_role="spokesman")


def test_its_foreign_ministry(rows):
    check(said(rows, "its_ministry", "ministry"), actor="IRN", actor_kind="state", speaker_role="foreign ministry")


def test_the_treasury_after_its_secretary(rows):
    check(said(rows, "the_treasury", "Yellen"), actor="USA", actor_kind="state", speaker_role="Treasury Secretary",
          date="2024-06-12", date_source="relative")
    check(said(rows, "the_treasury", "Treasury"), actor="USA", actor_kind="state")


# -- surnames and spellings --------------------------------------------------------------------


def test_a_surname_is_the_person_named_in_full(rows):
    # officials.csv lists James Cleverly without a surname alias
    for _, row in of(rows, "surname_in_full").iterrows():
        check(row, actor="GBR", actor_kind="state", speaker_role="Foreign Secretary")


def test_a_surname_of_someone_the_article_names_is_not_another_office_holder(rows):
    # in March 2021 "Johnson" in officials.csv is Boris Johnson; this article's Johnson is Mike Johnson
    got = of(rows, "surname_of_someone_else")
    assert len(got) == 2 and set(got["actor"]) == {""}


def test_names_match_without_diacritics(rows):
    got = of(rows, "accents")
    assert len(got) == 2 and set(got["actor"]) == {"HUN"} and set(got["speaker_role"]) == {"Prime Minister"}


@pytest.mark.parametrize("speaker,role", [
    ("Maria Lopez", "Judge"), ("Gavin Newsom", "Governor"), ("Vitali Klitschko", "Mayor"),
    ("Karim Khan", "Prosecutor"), ("Chuck Schumer", "Majority Leader"), ("David Lammy", "Shadow foreign secretary"),
])
def test_judges_governors_mayors_prosecutors_and_legislators_are_other(rows, speaker, role):
    check(said(rows, "other_offices", speaker), actor="", actor_kind="other", speaker_role=role)


def test_a_named_grouping_speaks_for_each_member(rows):
    got = of(rows, "e3")
    assert sorted(got["actor"].unique()) == ["DEU", "FRA", "GBR"]
    assert set(got["actor_kind"]) == {"state"} and set(got["speaker"]) == {"E3"}


def test_an_office_described_was_speaking_when_its_holder_last_spoke(rows):
    got = of(rows, "office_described")
    described = got[got["speaker"] == "U.S. president"]
    assert len(described), got[["speaker", "actor", "date"]].to_dict("records")
    check(described.iloc[0], actor="USA", actor_kind="state", date="2024-05-08", date_source="relative")


def test_an_organisation_named_by_its_byname_and_its_board(rows):
    got = of(rows, "watchdog")
    assert list(got["actor"]) == ["IAEA", "IAEA"], got[["speaker", "actor"]].to_dict("records")


def test_a_plural_role_of_a_list_of_states_speaks_for_each(rows):
    got = of(rows, "delegates")
    assert sorted(got["actor"]) == ["ECU", "PER"], got[["speaker", "actor"]].to_dict("records")


@pytest.mark.parametrize("code,name", [
    ("RUS", "Russia"), ("PSE", "Palestine"), ("IRN", "Iran"), ("KOR", "South Korea"), ("TWN", "Taiwan"),
    ("TUR", "Turkey"), ("NATO", "NATO"), ("G7", "G7"), ("UN", "UN"), ("AU", "African Union"), ("DEU", "Germany"),
])
def test_display_names_are_the_ones_news_readers_use(code, name):
    from analysis.actors import load_gazetteer

    assert load_gazetteer().names[code] == name
