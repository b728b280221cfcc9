"""Speaker attribution (analysis/speakers.py): full noun phrases, roles and whom speakers speak
for, coordination, and the resolution heuristic for pronouns, descriptions and surnames.

The articles are written for these tests in the style of wire copy. `RESOLUTION` is the small
hand-written resolution set the issue asks for: every case must resolve exactly.
"""

from __future__ import annotations

import pytest

from conftest import STATEMENT_STAGE


ARTICLES = {
    "summit": (
        "Poland's Prime Minister Donald Tusk met his Czech counterpart Petr Fiala in Prague on Tuesday.\n\n"
        '"We are not considering sending troops," Tusk said.\n\n'
        'Fiala said the two countries would buy ammunition together. "This is a joint effort," he said.\n\n'
        "The two leaders said they would meet again in May."),
    "kremlin": (
        "Kremlin spokeswoman Maria Ivanova said the drills were routine. She added that Moscow had informed "
        "its neighbours.\n\n"
        'Mr. Karl Brandt, the German defence minister, disagreed. "These are not routine drills," he said.\n\n'
        '"We are watching closely," the minister added.\n\n'
        '"Our position has not changed," the spokeswoman told reporters later.'),
    "bloc": (
        "The European Commission said it was preparing new sanctions. It added that the package would target banks.\n\n"
        "Britain, France and Germany said they backed the plan. They called for a swift decision.\n\n"
        "A White House official said the United States would coordinate with its allies."),
    "proxy": (
        "Prime Minister Rishi Sunak's spokesman told reporters the government had no plans to deploy troops. "
        '"We have been clear about that," he added.\n\n'
        "The vote was welcomed by Senator Jane Roe, who said the committee had done its work.\n\n"
        'Judge Maria Lopez returned after a short recess. "The court will now hear the defence," she said.\n\n'
        "Lopez said the hearing would resume on Monday."),
    "anonymous": (
        "A NATO official speaking on condition of anonymity said the alliance had no plans to send troops.\n\n"
        "NATO, Britain, Germany, Sweden, Poland and the Czech Republic said they were not planning to send troops."),
    "declaration": (
        "G20 leaders adopted their joint declaration on Monday, the first day of the summit.\n\n"
        "The text calls for a comprehensive ceasefire in Gaza. On climate, it says finance for developing "
        "countries must be scaled up.\n\n"
        "The Security Council resolution demands the release of all hostages. The G7 statement said the assets "
        "would remain immobilised. A statement from the foreign ministry said the talks would resume."),
    "vote": (
        "The Security Council demanded an immediate ceasefire on Monday, after the United States abstained rather "
        "than wielding its veto. Fourteen of the council's 15 members voted in favour.\n\n"
        "It also demands the release of all hostages."),
    "mistagged_surname": (  # the model tags the bare "Korcok" as a place
        "Slovak Foreign Minister Ivan Korcok met Czech Foreign Minister Jan Lipavsky in Bratislava on Monday.\n\n"
        '"Our borders are safer than ever," Lipavsky said.\n\n'
        "Korcok, standing beside his Czech counterpart, allowed himself a joke about the weather. "
        '"We have come a long way," he said.'),
    "surname_tagged_org": (  # the model tags the bare "Szijjarto" as an organisation
        "Hungary's Foreign Minister Peter Szijjarto met his Slovak counterpart in Budapest on Monday.\n\n"
        '"We will not allow this money to be used for weapons," Szijjarto said.'),
    "titles": (  # a name the model tags as an organisation after a title; two titles before one name
        "Kenya's delegate Wanjiru Kamau rose to object. \"This text fails us,\" she said.\n\n"
        "The session was chaired by Chile's environment minister and conference president, Rafael Soto.\n\n"
        "Soto said the text was balanced."),
    "joint": (  # a counted description of states, and a document whose passive agent is a tally
        "The agency's board adopted a resolution on Tuesday. The measure was passed by 19 votes to three.\n\n"
        "In a joint communique after the meeting, Canada, Japan and Australia said the strait must stay open. "
        '"Coercion has no place in the region," the three governments said.\n\n'
        "The text calls on Pyongyang to halt its launches."),
    "plural_description": (  # "the ministers" after a plural subject that names whose they are
        "NATO foreign ministers met in Bucharest on Tuesday.\n\n"
        '"We reaffirm the decision we took in 2008," the ministers said in a joint statement.'),
    "institution_subject": (  # "it" after an institution named as a subject, not the last speaker
        "Australia said it backed the plan.\n\n"
        "Israel's foreign ministry hit back within hours on Friday. \"The plan rewards terror,\" it said."),
    "collective": (  # a body of several members, then "they"
        "The G7 said on Friday it backed a 30-day ceasefire in Ukraine.\n\n"
        'They also said they had discussed "imposing further costs on Russia" if it refused.'),
    "plural_subject": (  # `they` after a plural subject that did not speak
        'Germany said it would decide on the tanks "soon".\n\n'
        "The foreign ministers of Estonia, Latvia and Lithuania went further on Saturday. In a joint statement they "
        'called on Berlin "to provide Leopard tanks to Ukraine now".'),
    "signed_statement": (  # the issuers of a statement someone "said in", then "the statement", "the four"
        "The leaders of Spain, Italy, Greece and Portugal said in a joint statement on Sunday that the plan was "
        'unacceptable. "We will respond with further measures," the statement said.\n\n'
        "The four said they remained committed to a negotiated settlement."),
    "signatories": (  # a statement by a list "among them ...", then "the signatories"
        "The offer was made on Wednesday in a joint statement by Canada, Norway and nine other partners, among "
        "them Japan, Brazil and Kenya. The signatories said they backed a truce."),
    "subject_group": (  # "the leaders": the group that met, not the one lobbied since
        "Leaders of the Group of Seven met in Hiroshima on Friday.\n\n"
        "Zelensky spent the day lobbying the leaders of India, Brazil and Indonesia.\n\n"
        "The leaders said they would keep sanctions on Russia in place."),
    "backed_proposal": (  # "the resolution" is the resolution adopted, not the proposal it backs
        "The Security Council on Monday adopted a U.S.-drafted resolution backing President Joe Biden's "
        "proposal for a ceasefire.\n\nThe resolution demands that both sides implement its terms."),
    "two_titles": (  # a description of someone named after two titles (the model tags one title a person)
        "Crown Prince and Prime Minister Mohammed bin Salman opened the summit in Riyadh on Saturday.\n\n"
        '"We demand an immediate halt to military operations," the crown prince said.'),
    "letter": (  # a letter sent by a list of ministers
        "The foreign ministers of Cuba, Venezuela and Nicaragua sent a joint letter to the Secretary-General on "
        'Monday. The letter called the embargo "legally flawed".'),
}

# (article, speaker mention as written, which statement with that mention, expected resolved name(s), resolution)
RESOLUTION = [
    ("summit", "Tusk", 0, ["Donald Tusk"], "surname"),
    ("summit", "Fiala", 0, ["Petr Fiala"], "surname"),
    ("summit", "he", 0, ["Petr Fiala"], "pronoun"),
    ("summit", "The two leaders", 0, ["Donald Tusk", "Petr Fiala"], "group"),
    ("kremlin", "She", 0, ["Maria Ivanova"], "pronoun"),
    ("kremlin", "he", 0, ["Karl Brandt"], "pronoun"),  # a new subject in between wins over the earlier speaker
    ("kremlin", "the minister", 0, ["Karl Brandt"], "description"),
    ("kremlin", "the spokeswoman", 0, ["Maria Ivanova"], "description"),
    ("bloc", "It", 0, ["European Commission"], "pronoun"),
    ("bloc", "They", 0, ["Britain", "France", "Germany"], "pronoun"),
    ("proxy", "he", 0, ["Prime Minister Rishi Sunak's spokesman"], "pronoun"),
    ("proxy", "who", 0, ["Jane Roe"], "relative"),
    ("proxy", "she", 0, ["Maria Lopez"], "pronoun"),  # gender: the male spokesman is not a candidate
    ("proxy", "Lopez", 0, ["Maria Lopez"], "surname"),
    ("declaration", "The text", 0, ["G20 leaders"], "document"),  # the issuer of the declaration adopted before
    ("declaration", "it", 0, ["G20 leaders"], "pronoun"),  # the text, and so its issuer
    ("declaration", "The Security Council resolution", 0, ["Security Council"], "document"),
    ("declaration", "The G7 statement", 0, ["G7"], "document"),
    ("declaration", "A statement from the foreign ministry", 0, ["foreign ministry"], "document"),
    ("vote", "It", 0, ["Security Council"], "pronoun"),
    ("mistagged_surname", "he", 0, ["Ivan Korcok"], "pronoun"),
    ("titles", "she", 0, ["Wanjiru Kamau"], "pronoun"),
    ("joint", "the three governments", 0, ["Canada", "Japan", "Australia"], "group"),
    ("joint", "The text", 0, ["agency's board"], "document"),  # not "19 votes", the tally that passed it
    ("collective", "They", 0, ["G7"], "pronoun"),
    ("institution_subject", "it", 0, ["Israel's foreign ministry"], "pronoun"),
    ("plural_description", "the ministers", 0, ["NATO foreign ministers"], "description"),
    ("plural_subject", "they", 0, ["foreign ministers of Estonia, Latvia and Lithuania"], "pronoun"),
    ("signed_statement", "the statement", 0, ["leaders of Spain, Italy, Greece and Portugal"], "document"),
    ("signed_statement", "The four", 0, ["leaders of Spain, Italy, Greece and Portugal"], "group"),
    ("signatories", "The signatories", 0, ["Canada", "Norway", "nine other partners", "Japan", "Brazil", "Kenya"],
     "document"),
    ("subject_group", "The leaders", 0, ["Leaders of the Group of Seven"], "description"),
    ("backed_proposal", "The resolution", 0, ["Security Council"], "document"),
    ("two_titles", "the crown prince", 0, ["Mohammed bin Salman"], "description"),
    ("letter", "The letter", 0, ["foreign ministers of Cuba, Venezuela and Nicaragua"], "document"),
    ("surname_tagged_org", "Szijjarto", 0, ["Peter Szijjarto"], "surname"),  # the subject in between, though tagged a place  # the last to speak, not the subject of an act in between
]


@pytest.fixture(scope="module")
def docs(nlp):
    with nlp.select_pipes(enable=[p for p in STATEMENT_STAGE if p in nlp.pipe_names]):
        return {name: nlp(text) for name, text in ARTICLES.items()}


def statement(docs, article: str, mention: str, occurrence: int = 0):
    found = [s for s in docs[article]._.statements if s.speaker is not None and s.speaker.text == mention]
    assert len(found) > occurrence, [(s.speaker.text if s.speaker is not None else None, s.cue.text)
                                     for s in docs[article]._.statements]
    return found[occurrence]


@pytest.mark.parametrize("article, mention, occurrence, names, resolution", RESOLUTION,
                         ids=[f"{a}:{m}" for a, m, *_ in RESOLUTION])
def test_hand_written_resolution_set(docs, article, mention, occurrence, names, resolution):
    st = statement(docs, article, mention, occurrence)
    assert [sp.name for sp in st.speakers] == names
    assert {sp.resolution for sp in st.speakers} == {resolution}
    assert all(sp.mention.text == mention for sp in st.speakers)  # the words as written are kept


def test_two_titled_leaders_the_parser_nested_are_two_speakers(nlp):
    # the parser hangs "Starmer" on "Macron" as a modifier instead of a conjunct
    with nlp.select_pipes(enable=[p for p in STATEMENT_STAGE if p in nlp.pipe_names]):
        doc = nlp("British Prime Minister Keir Starmer and French President Emmanuel Macron said they backed the plan.")
    st = doc._.statements[0]
    assert [sp.full.text for sp in st.speakers] == ["British Prime Minister Keir Starmer", "French President Emmanuel Macron"]


def test_full_noun_phrase_role_and_state(docs):
    sp = statement(docs, "summit", "Tusk").speakers[0]
    assert sp.full.text == "Poland's Prime Minister Donald Tusk"
    assert (sp.role, sp.speaks_for) == ("Prime Minister", "Poland")


def test_anonymity_clause_is_not_part_of_the_speaker(docs):
    sp = statement(docs, "anonymous", "A NATO official").speakers[0]
    assert (sp.full.text, sp.role, sp.speaks_for) == ("A NATO official", "official", "NATO")


def test_coordinated_speakers_give_one_speaker_per_conjunct(docs):
    st = statement(docs, "anonymous", "NATO, Britain, Germany, Sweden, Poland and the Czech Republic")
    assert [sp.name for sp in st.speakers] == ["NATO", "Britain", "Germany", "Sweden", "Poland", "Czech Republic"]
    assert [sp.speaks_for for sp in st.speakers] == [None] * 6  # each is itself the actor


def test_possessive_proxy_keeps_speaker_and_principal(docs):
    sp = statement(docs, "proxy", "Prime Minister Rishi Sunak's spokesman").speakers[0]
    assert (sp.role, sp.speaks_for) == ("spokesman", "Prime Minister Rishi Sunak")


def test_organisation_proxy(docs):
    sp = statement(docs, "bloc", "A White House official").speakers[0]
    assert (sp.role, sp.speaks_for) == ("official", "White House")


def test_description_resolves_to_the_person_with_office_and_country(docs):
    sp = statement(docs, "kremlin", "the minister").speakers[0]
    assert sp.full.text == "Mr. Karl Brandt, the German defence minister"
    assert (sp.role, sp.speaks_for) == ("defence minister", "German")


def test_title_before_a_name_is_not_an_affiliation(docs):
    sp = statement(docs, "proxy", "Lopez").speakers[0]
    assert sp.speaks_for is None


def test_every_statement_gets_its_speakers(docs):
    for doc in docs.values():
        for st in doc._.statements:
            assert st.speaker is None or st.speakers, (st.speaker.text, st.cue.text)


def test_a_document_speaks_for_its_issuer(docs):
    sp = statement(docs, "declaration", "The Security Council resolution").speakers[0]
    assert (sp.full.text, sp.speaks_for, sp.plural) == ("Security Council", "Security Council", False)
    sp = statement(docs, "declaration", "The text").speakers[0]
    assert (sp.full.text, sp.speaks_for, sp.plural) == ("G20 leaders", "G20 leaders", False)


def test_a_name_after_two_coordinated_titles_keeps_both(docs):
    sp = statement(docs, "titles", "Soto").speakers[0]
    assert sp.full.text == "Chile's environment minister and conference president, Rafael Soto"
