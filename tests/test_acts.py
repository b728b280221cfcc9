"""Official acts reported without speech (analysis/acts.py, `[acts]` in data/cues.toml).

`The State Department approved the sale ...`, `Erdogan signed the legislation`, `France voted in
favour`: statements of kind "act" whose speaker is the act's subject and whose content is the
predicate (the verb and its complements). Every text here was written for these tests in the
style of wire copy; each test asserts the speaker, the cue, the content and the kind.
"""

from __future__ import annotations

import json

import pytest

from analysis.pipeline import attributions
from analysis.statements import load_cues



def rows(statements) -> list[tuple[str | None, str, str, str]]:
    return [(s.speaker.text if s.speaker is not None else None, s.cue.text, s.content.text, s.kind) for s in statements]


def only(analyse, text: str):
    found = analyse(text)
    assert len(found) == 1, rows(found)
    return found[0]


def check(st, speaker: str, cue: str, content: str, kind: str = "act"):
    assert (st.speaker.text, st.cue.text, st.content.text, st.kind) == (speaker, cue, content, kind)


# -- each act and frame -----------------------------------------------------------------------------


def test_approval_of_a_sale(analyse):
    st = only(analyse, "The U.S. State Department on Friday approved the sale of 24 F-16 fighter jets to Romania, "
                       "hours after the deal cleared a congressional review.")
    check(st, "The U.S. State Department", "approved", "approved the sale of 24 F-16 fighter jets to Romania")


def test_signature(analyse):
    st = only(analyse, "President Andrzej Duda signed the defence bill on Thursday and it took effect at midnight.")
    check(st, "President Andrzej Duda", "signed", "signed the defence bill")


def test_ratification_by_a_parliament(analyse):
    st = only(analyse, "Hungary's parliament ratified Finland's accession protocol on Monday.")
    check(st, "Hungary's parliament", "ratified", "ratified Finland's accession protocol")
    assert st.speakers[0].speaks_for == "Hungary"


def test_intransitive_ratification(analyse):
    st = only(analyse, "After months of delay, the parliament ratified.")
    check(st, "the parliament", "ratified", "ratified")


def test_agreement_to_act_is_an_act(analyse):
    st = only(analyse, "After talks in Vilnius, Ankara agreed to send Sweden's accession protocol to parliament.")
    check(st, "Ankara", "agreed", "agreed to send Sweden's accession protocol to parliament")


def test_subject_with_a_participle_parsed_as_a_noun(analyse):
    # "ministers meeting in Prague" is parsed as a "ministers meeting": the ministers act
    st = only(analyse, "NATO defence ministers meeting in Prague approved the new air defence plan on Thursday.")
    check(st, "NATO defence ministers", "approved", "approved the new air defence plan")


def test_veto(analyse):
    st = only(analyse, "The United States vetoed the draft resolution on Friday.")
    check(st, "The United States", "vetoed", "vetoed the draft resolution")


def test_abstention(analyse):
    st = only(analyse, "Britain abstained on the resolution.")
    check(st, "Britain", "abstained", "abstained on the resolution")


def test_vote_in_favour_without_an_object(analyse):
    st = only(analyse, "France voted in favour.")
    check(st, "France", "voted", "voted in favour")


def test_unnamed_members_voting(analyse):
    st = only(analyse, "Twelve of the board's 35 members voted for the text.")
    check(st, "Twelve of the board's 35 members", "voted", "voted for the text")
    assert st.speakers[0].plural


def test_vote_with_an_infinitive(analyse):
    st = only(analyse, "Turkey's parliament voted 287-55 on Tuesday to approve Sweden's accession protocol.")
    check(st, "Turkey's parliament", "voted", "voted 287-55 on Tuesday to approve Sweden's accession protocol")


def test_declaration_issued_by_a_group(analyse):
    st = only(analyse, "On Wednesday the Group of Seven issued a joint declaration committing its members to "
                       "negotiate long-term security agreements with Kyiv.")
    check(st, "the Group of Seven", "issued", "issued a joint declaration committing its members to negotiate "
                                               "long-term security agreements with Kyiv")
    assert st.speakers[0].speaks_for is None  # "the Group of Seven" is one name


def test_commitment_in_present_tense(analyse):
    st = only(analyse, "Under the ten-year agreement, Washington commits to keep training Ukraine's forces.")
    check(st, "Washington", "commits", "commits to keep training Ukraine's forces")


def test_pledge_with_its_recipient(analyse):
    st = only(analyse, "Japan pledged $4.5 billion in new aid to Ukraine on Monday.")
    check(st, "Japan", "pledged", "pledged $4.5 billion in new aid to Ukraine")


def test_sanctions_imposed(analyse):
    st = only(analyse, "The EU imposed new sanctions on Belarus on Monday.")
    check(st, "The EU", "imposed", "imposed new sanctions on Belarus")


def test_relative_clause_act_and_coordinated_subject(analyse):
    found = analyse("Russia and China, which on Friday vetoed a U.S.-drafted text that they said was too weak, "
                    "voted in favour of the new resolution.")
    veto = next(s for s in found if s.cue.text == "vetoed")
    vote = next(s for s in found if s.cue.text == "voted")
    check(veto, "which", "vetoed", "vetoed a U.S.-drafted text that they said was too weak")
    check(vote, "Russia and China", "voted", "voted in favour of the new resolution")
    assert [sp.name for sp in veto.speakers] == ["Russia", "China"]
    assert [sp.name for sp in vote.speakers] == ["Russia", "China"]


def test_signing_and_commitment_in_one_sentence(analyse):
    found = analyse("Biden and Zelensky signed a ten-year security agreement on Thursday, under which Washington "
                    "commits to keep training Ukraine's forces.")
    assert [(s.speaker.text, s.cue.text, s.content.text) for s in found] == [
        ("Biden and Zelensky", "signed", "signed a ten-year security agreement on Thursday"),
        ("Washington", "commits", "commits to keep training Ukraine's forces")]
    assert [sp.name for sp in found[0].speakers] == ["Biden", "Zelensky"]


# -- vote tallies: the copula's subject did what the group did --------------------------------------


@pytest.mark.parametrize("text, speaker, cue, content", [
    ("Chile, Peru and Ecuador were the three countries to vote against the draft.",
     "Chile, Peru and Ecuador", "vote", "vote against the draft"),
    ("Kenya and Ghana were among the 30 states voting in favour of the text.",
     "Kenya and Ghana", "voting", "voting in favour of the text"),
    ("Brazil was among those that abstained on the motion.", "Brazil", "abstained", "abstained on the motion"),
    ("Slovakia was the last ally to ratify the protocol.", "Slovakia", "ratify", "ratify the protocol"),
    ("Japan and South Korea were among the 19 abstentions.", "Japan and South Korea", "abstentions",
     "the 19 abstentions"),
])
def test_members_of_a_tally(analyse, text, speaker, cue, content):
    check(only(analyse, text), speaker, cue, content)


def test_members_of_those_voting(analyse):
    found = analyse("France, Spain and Japan were among those voting in favour, as were Brazil and India.")
    st = next(s for s in found if s.kind == "act")
    assert (st.speaker.text, st.cue.text, st.content.text) == ("France, Spain and Japan", "voting", "voting in favour")
    assert [sp.name for sp in st.speakers] == ["France", "Spain", "Japan", "Brazil", "India"]


def test_an_act_alongside_the_main_one(analyse):
    # an absolute "with" clause: the council adopted the text, Russia abstained
    found = analyse("The Security Council adopted the resolution on Monday by 14 votes to none, with Russia abstaining.")
    acts = [(s.speaker.text, s.cue.text) for s in found if s.kind == "act"]
    assert ("Russia", "abstaining") in acts, rows(found)


@pytest.mark.parametrize("text", [
    "Hungary is the only member yet to ratify the protocol.",  # still to come
    "Hungary was not among those voting in favour.",
    "Hungary will be the last ally to ratify the protocol.",
    "Hungary was not among the countries voting in favour.",
])
def test_tallies_of_acts_not_done(analyse, text):
    assert [r for r in rows(analyse(text)) if r[3] == "act" and r[0] == "Hungary"] == []


def test_a_list_of_states_parsed_as_an_apposition(analyse):
    st = only(analyse, "Austria, Slovenia, the Czech Republic and Romania abstained.")  # Slovenia: appos
    assert [sp.name for sp in st.speakers] == ["Austria", "Slovenia", "Czech Republic", "Romania"]


@pytest.mark.parametrize("text, names", [
    ("Norway voted in favour, as did Iceland and Denmark.", ["Norway", "Iceland", "Denmark"]),
    ("Chile abstained on the motion, and so did Peru.", ["Chile", "Peru"]),
    ("Poland was among the abstentions, as was Latvia.", ["Poland", "Latvia"]),
    ("Russia condemned the strike, as it has done before.", ["Russia"]),  # no ellipsis: a comparison
])
def test_as_did_adds_a_speaker(analyse, text, names):
    st = only(analyse, text)
    assert [sp.name for sp in st.speakers] == names


# -- what is not an act ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "The deal lifted prices.",  # the subject cannot act
    "Prices halted their slide on Monday.",
    "The law bans imports of Russian gas.",  # a document does not act
    "If Congress approves the sale, deliveries will start in 2026.",  # a condition
    "The president will sign the bill next week.",  # not done yet
    "The parliament is expected to ratify the treaty in May.",
    "The resolution was adopted on Monday.",  # by whom is not said
    "A text drafted by the elected members was put to a vote.",  # a participle modifying a noun
])
def test_not_acts(analyse, text):
    assert [r for r in rows(analyse(text)) if r[3] == "act"] == []


def test_act_inside_a_statement_belongs_to_it(analyse):
    st = only(analyse, "Ankara agreed to send Stockholm's membership bid to parliament, the Turkish presidency said.")
    assert (st.speaker.text, st.cue.text, st.kind) == ("the Turkish presidency", "said", "indirect")
    assert st.content.text == "Ankara agreed to send Stockholm's membership bid to parliament"


def test_act_inside_a_quotation_is_part_of_it(analyse):
    st = only(analyse, '"We signed the agreement because it protects our farmers," the minister said.')
    assert (st.speaker.text, st.cue.text, st.kind) == ("the minister", "said", "direct")


def test_acts_stay_out_of_the_attribution_benchmark(nlp):
    records = [{"id": "a", "text": "France voted in favour. The minister said the vote was a turning point."}]
    out = list(attributions(records, nlp))
    assert json.dumps(out)  # plain JSON
    assert [a["kind"] for a in out[0]["attributions"]] == ["indirect"]


def test_act_verbs_are_data():
    cues = load_cues()
    for verb in ("approve", "sign", "ratify", "veto", "vote", "abstain", "sponsor", "co-sponsor", "adopt", "agree",
                 "commit", "pledge", "impose", "lift", "suspend", "halt", "recognise", "recognize", "announce", "issue"):
        assert verb in cues["acts"], verb
    assert "none" in cues["acts"]["abstain"] and "for" in cues["act_preps"]["vote"]
    assert "parliament" in cues["act_agents"]


def test_joined_another_state_in_voting(analyse):
    st = only(analyse, "Belarus, Syria and Nicaragua joined Russia in voting no.")
    check(st, "Belarus, Syria and Nicaragua", "voting", "voting no")
    st = only(analyse, "Hungary joined the United States in voting against the resolution.")
    check(st, "Hungary", "voting", "voting against the resolution")


def test_an_offer_of_money_or_backing_is_an_act(analyse):
    st = only(analyse, "At the climate talks, Germany offered $100 million to the loss and damage fund.")
    check(st, "Germany", "offered", "offered $100 million to the loss and damage fund")
    st = only(analyse, "The European Union offered to back a loss and damage fund.")
    check(st, "The European Union", "offered", "offered to back a loss and damage fund")


def test_what_a_text_orders_is_its_statement(analyse):
    st = only(analyse, "The resolution ordered Iran to cooperate with IAEA inspectors.")
    check(st, "The resolution", "ordered", "Iran to cooperate with IAEA inspectors", kind="indirect")


def test_sanctioning_someone_is_an_act(analyse):
    st = only(analyse, "Britain sanctioned Russia's central bank governor on Friday.")
    check(st, "Britain", "sanctioned", "sanctioned Russia's central bank governor")
