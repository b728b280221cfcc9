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
        "The Kremlin said the proposal was unacceptable.", TUE),
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
    check(said(rows, "eu_chief", "Kallas"), actor="EU", actor_kind="organisation", actor_name="European Union",
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
