"""Statement extraction (analysis/statements.py): each construction of news reporting, and robustness.

Every text here was written for these tests in the style of wire copy. Each test asserts the
speaker, the cue and the content as the text of their spans.
"""

from __future__ import annotations

import pytest

from analysis.statements import load_cues



def rows(statements) -> list[tuple[str | None, str, str]]:
    return [(s.speaker.text if s.speaker is not None else None, s.cue.text, s.content.text) for s in statements]


def only(analyse, text: str):
    found = analyse(text)
    assert len(found) == 1, rows(found)
    return found[0]


def only_cued(analyse, text: str, *cues: str):
    """The one statement whose cue begins with one of `cues` (other statements may stand beside it)."""
    found = analyse(text)
    cued = [st for st in found if st.cue.text.startswith(cues)]
    assert len(cued) == 1, rows(found)
    return cued[0]


def check(st, speaker: str, cue: str, content: str, kind: str | None = None):
    assert (st.speaker.text, st.cue.text, st.content.text) == (speaker, cue, content)
    if kind is not None:
        assert st.kind == kind


# -- direct quotations --------------------------------------------------------------------------


def test_direct_quote_straight_marks(analyse):
    st = only(analyse, '"We will not send combat troops to the region," the defence minister said on Tuesday.')
    check(st, "the defence minister", "said", "We will not send combat troops to the region", "direct")


def test_direct_quote_curly_marks(analyse):
    st = only(analyse, "“Sanctions are starting to bite,” Foreign Minister Anna Berg told reporters in Brussels.")
    check(st, "Foreign Minister Anna Berg", "told", "Sanctions are starting to bite", "direct")


def test_direct_quote_doubled_apostrophes(analyse):
    st = only(analyse, "''The border will stay closed until further notice,'' the interior ministry said.")
    check(st, "the interior ministry", "said", "The border will stay closed until further notice", "direct")


def test_inverted_attribution_after_quote(analyse):
    st = only(analyse, '"The vote is a turning point for the region," said Jan Novak, a senior adviser to the president.')
    check(st, "Jan Novak", "said", "The vote is a turning point for the region", "direct")


def test_interrupted_quote_is_one_statement(analyse):
    text = '"We will sign the agreement," the prime minister said, "but not before the elections in May."'
    st = only(analyse, text)
    assert (st.speaker.text, st.cue.text, st.kind) == ("the prime minister", "said", "direct")
    assert [text[s:e] for s, e in st.spans] == ["We will sign the agreement", "but not before the elections in May."]


def test_multi_paragraph_quote_is_one_statement(analyse):
    text = ('The minister outlined the plan.\n\n'
            '"The first phase will start in March.\n\n'
            '"The second phase will follow once the funds are released," she said.')
    st = only(analyse, text)
    assert (st.speaker.text, st.cue.text, st.kind) == ("she", "said", "direct")
    assert [text[s:e] for s, e in st.spans] == [
        "The first phase will start in March.", "The second phase will follow once the funds are released"]


def test_colon_introduction(analyse):
    st = only(analyse, 'Chancellor Klaus Weber said: "Europe must take responsibility for its own security."')
    check(st, "Chancellor Klaus Weber", "said", "Europe must take responsibility for its own security.", "direct")


def test_colon_introduction_over_a_paragraph_break(analyse):
    st = only(analyse, 'In a statement, the foreign ministry said:\n\n"The ambassador has been summoned to explain the remarks."')
    check(st, "the foreign ministry", "said", "The ambassador has been summoned to explain the remarks.", "direct")
    assert st.frame == "colon"


def test_quote_continuing_after_the_attribution_joins_the_statement(analyse):
    text = '"We must act now," the health minister said. "Every day we wait costs lives."'
    st = only(analyse, text)
    assert (st.speaker.text, st.cue.text) == ("the health minister", "said")
    assert [text[s:e] for s, e in st.spans] == ["We must act now", "Every day we wait costs lives."]


def test_floating_quote_takes_the_previous_speaker(analyse):
    text = ('"We have no plans to deploy ground forces," a NATO official said on condition of anonymity.\n\n'
            '"The alliance will keep supporting Kyiv with equipment and training."')
    first, second = analyse(text)
    check(first, "a NATO official", "said", "We have no plans to deploy ground forces", "direct")
    check(second, "a NATO official", "said", "The alliance will keep supporting Kyiv with equipment and training.")
    assert second.frame == "floating"


def test_floating_quote_needs_nothing_in_between(analyse):
    text = ('"We have no plans to deploy ground forces," a NATO official said.\n\n'
            'Ministers met in Brussels later that day to discuss the budget.\n\n'
            '"The alliance will keep supporting Kyiv with equipment and training."')
    assert rows(analyse(text)) == [("a NATO official", "said", "We have no plans to deploy ground forces")]


# -- mixed quotations -----------------------------------------------------------------------------


def test_mixed_quote_content_is_the_whole_clause(analyse):
    st = only(analyse, 'The opposition leader said the budget was "a dangerous gamble with the future of our children".')
    check(st, "The opposition leader", "said", 'the budget was "a dangerous gamble with the future of our children"', "mixed")


def test_mixed_quote_in_an_object(analyse):
    st = only(analyse, 'The foreign minister called the proposal "a recipe for endless war" on Friday.')
    check(st, "The foreign minister", "called", 'the proposal "a recipe for endless war"', "mixed")


# -- indirect speech ------------------------------------------------------------------------------


def test_said_that(analyse):
    st = only(analyse, "The foreign ministry said that talks with Moscow would resume next week.")
    check(st, "The foreign ministry", "said", "talks with Moscow would resume next week", "indirect")


def test_said_without_that(analyse):
    st = only(analyse, "The president said the country would not accept any deal that gave up territory.")
    check(st, "The president", "said", "the country would not accept any deal that gave up territory", "indirect")


def test_told_reporters(analyse):
    st = only(analyse, "Prime Minister Lena Holm told reporters the sanctions would stay in place until the troops left.")
    check(st, "Prime Minister Lena Holm", "told", "the sanctions would stay in place until the troops left")


@pytest.mark.parametrize("text, speaker, cue, content", [
    ("Officials warned that the ceasefire could collapse within days.",
     "Officials", "warned", "the ceasefire could collapse within days"),
    ("The ministry urged all sides to show restraint.", "The ministry", "urged", "all sides to show restraint"),
    ("The government denied that its forces had crossed the border.",
     "The government", "denied", "its forces had crossed the border"),
    ("The finance minister insisted the deficit would fall next year.",
     "The finance minister", "insisted", "the deficit would fall next year"),
    ("The bloc announced new sanctions against the regime's oil exports.",
     "The bloc", "announced", "new sanctions against the regime's oil exports"),
    ("The secretary-general called for an immediate ceasefire in the region.",
     "The secretary-general", "called", "an immediate ceasefire in the region"),
    ("The president called on Congress to pass the aid package.",
     "The president", "called", "Congress to pass the aid package"),
    ("The envoy stressed that the door to negotiations remained open.",
     "The envoy", "stressed", "the door to negotiations remained open"),
    ("Rebel commanders claimed they had captured the airport.", "Rebel commanders", "claimed", "they had captured the airport"),
    ("The minister accused the opposition of spreading false rumours.",
     "The minister", "accused", "the opposition of spreading false rumours"),
])
def test_reporting_verbs_from_the_cue_list(analyse, text, speaker, cue, content):
    check(only(analyse, text), speaker, cue, content)


def test_inverted_indirect_speech(analyse):
    st = only(analyse, "The talks will resume on Monday, said a spokesman for the European Commission.")
    check(st, "a spokesman for the European Commission", "said", "The talks will resume on Monday")


def test_trailing_attribution(analyse):
    st = only(analyse, "The plan is dangerous and must be stopped, the senator said on Tuesday.")
    check(st, "the senator", "said", "The plan is dangerous and must be stopped")


def test_parenthetical_attribution(analyse):
    text = "The plan, a senior diplomat said, is to reopen the embassy before the summer."
    st = only(analyse, text)
    assert (st.speaker.text, st.cue.text) == ("a senior diplomat", "said")
    assert [text[s:e] for s, e in st.spans] == ["The plan", "is to reopen the embassy before the summer"]


def test_participle_adds_a_statement(analyse):
    found = analyse("The ministry said the talks would resume, adding that no date had been set.")
    assert rows(found) == [("The ministry", "said", "the talks would resume"),
                           ("The ministry", "adding", "no date had been set")]


@pytest.mark.parametrize("text, second", [
    # the speaker's next act: what the reported clause is about cannot call for anything
    ("The Dutch foreign minister said the shelling was unacceptable and called for an inquiry.",
     ("The Dutch foreign minister", "called", "an inquiry")),
    # the reported clause's subject can act: its act, whether its verb is active or passive
    ("Minister Anna Berg said Oslo was alarmed and urged both sides to show restraint.",
     ("Oslo", "urged", "both sides to show restraint")),
])
def test_coordinated_verb_of_saying_after_a_reported_clause(analyse, text, second):
    found = analyse(text)
    assert len(found) == 2 and rows(found)[1] == second, rows(found)


def test_relative_clause_speaker(analyse):
    st = only(analyse, "The decision was welcomed by Anna Berg, who said the vote showed the country was united.")
    check(st, "who", "said", "the vote showed the country was united")
    assert st.speakers[0].name == "Anna Berg"


def test_according_to_after_the_claim(analyse):
    st = only(analyse, "The army has lost more than 200 tanks since January, according to a report by the defence ministry.")
    check(st, "a report by the defence ministry", "according to", "The army has lost more than 200 tanks since January",
          "according_to")


def test_according_to_before_the_claim(analyse):
    st = only(analyse, "According to the foreign ministry, the ambassador will return to Warsaw on Friday.")
    check(st, "the foreign ministry", "According to", "the ambassador will return to Warsaw on Friday", "according_to")


@pytest.mark.parametrize("text, speaker, content", [
    ("The foreign ministry said in a statement that the ambassador had been summoned.",
     "The foreign ministry", "the ambassador had been summoned"),
    ("Downing Street said the prime minister had spoken to the Polish president by phone.",
     "Downing Street", "the prime minister had spoken to the Polish president by phone"),
    ("The Kremlin said on Wednesday that the drills were routine.", "The Kremlin", "the drills were routine"),
])
def test_institutions_speak(analyse, text, speaker, content):
    check(only(analyse, text), speaker, "said", content)


def test_headline_label(analyse):
    found = analyse("Senator Jane Roe: The Budget Deal Is a Betrayal of Voters\n\nThe vote is due on Friday.")
    assert rows(found) == [("Senator Jane Roe", ":", "The Budget Deal Is a Betrayal of Voters")]


def test_signed_quotation(analyse):
    text = '"The idea that we would abandon our allies is simply not accurate."\n\n- Jane Roe\n\nThe debate went on.'
    assert rows(analyse(text)) == [("Jane Roe", "-", '"The idea that we would abandon our allies is simply not accurate."')]


# -- what is not a statement ----------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    'Critics have dubbed the new border fence the "iron curtain" of the south.',  # scare quotes
    "Polls show the ruling party losing its majority.",  # evidence, not a statement
    "The ministry declined to comment on the report.",  # nothing was said
    "The data suggest the economy is slowing.",  # an evidential verb with a subject that cannot speak
    "The president will announce the new cabinet on Monday.",  # not yet said
    "Russian troops attacked the town overnight.",  # not a verb of saying here
])
def test_not_statements(analyse, text):
    assert rows(analyse(text)) == []


@pytest.mark.parametrize("text, speaker, cue, content", [
    ("Officials fear the ceasefire could collapse within days.",
     "Officials", "fear", "the ceasefire could collapse within days"),
    ("The German chancellor believes that sanctions are working.",
     "The German chancellor", "believes", "sanctions are working"),
    ("Kyiv expects its partners to deliver the air defence systems before winter.",
     "Kyiv", "expects", "its partners to deliver the air defence systems before winter"),
    ("The minister wants to reopen the border crossing next month.",
     "The minister", "wants", "to reopen the border crossing next month"),
])
def test_beliefs_are_attributions_of_kind_belief(analyse, text, speaker, cue, content):
    # a belief, hope or intention is attributed to a source, but it is not a statement of speech
    check(only(analyse, text), speaker, cue, content, "belief")


@pytest.mark.parametrize("text", [
    "The data suggest investors expect a rate cut.",  # no one who can hold the belief
    '"I think the talks will fail," the minister said.',  # a belief inside a quotation is the quotation's
])
def test_beliefs_need_a_holder_outside_quotations(analyse, text):
    assert [s.kind for s in analyse(text)] in ([], ["direct"])


def test_cue_list_is_data():
    cues = load_cues()
    for verb in ("say", "tell", "add", "insist", "warn", "note", "stress", "announce", "deny", "reject", "urge",
                 "call", "claim", "argue"):
        assert verb in cues["verbs"]
    assert cues["particles"]["rule"] == "out"
    assert "suggest" in cues["evidential"]


# -- robustness -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "",
    " ",
    "\n\n\n",
    '"',
    '"' * 5000,
    "“" * 2000 + "”" * 1000,
    "'" * 3000,
    "“unclosed quotation that never ends, the minister said " * 200,
    "\u200b\u200d\ufeff“\u2028”\u00a0'\u2019«»„“ said:",
    "Emoji 😀 “quoted 👍 words,” he said, and a lone ” mark \U0001F600.",
    ": : : said said said according to according to",
    "- - - — — —\n\n-\n\n—",
])
def test_nasty_inputs_never_raise(nlp, text):
    doc = nlp(text)  # the whole pipeline, every component
    for st in doc._.statements:
        assert 0 <= st.content.start_char <= st.content.end_char <= len(text)


def test_a_bad_paragraph_loses_at_most_itself(analyse):
    text = ('The talks ended without a deal " and both sides left early ” “ “.\n\n'
            '"We remain ready to talk," the envoy said.\n\n'
            'The foreign ministry said that the next round was not yet scheduled.')
    assert rows(analyse(text)) == [("the envoy", "said", "We remain ready to talk"),
                                   ("The foreign ministry", "said", "the next round was not yet scheduled")]


# -- verbs of taking a position, with an object ------------------------------------------------------


@pytest.mark.parametrize("text, speaker, cue, content", [
    ("Kyiv welcomed the vote on Thursday.", "Kyiv", "welcomed", "the vote"),
    ("Egypt's foreign ministry condemned the Israeli takeover of the Rafah crossing.",
     "Egypt's foreign ministry", "condemned", "the Israeli takeover of the Rafah crossing"),
    ("Poland and the Baltic states opposed the plan.", "Poland and the Baltic states", "opposed", "the plan"),
    ("Moscow rejected the proposal as interference.", "Moscow", "rejected", "the proposal as interference"),
    ("Germany backed the resolution.", "Germany", "backed", "the resolution"),
    ("Japan endorsed the proposal.", "Japan", "endorsed", "the proposal"),
    # "release" also names a press release, but an event welcomed is a position
    ("Secretary-General Antonio Guterres welcomed the release of the hostages.",
     "Secretary-General Antonio Guterres", "welcomed", "the release of the hostages"),
])
def test_position_verbs_with_an_object(analyse, text, speaker, cue, content):
    check(only(analyse, text), speaker, cue, content, "indirect")


@pytest.mark.parametrize("text", [
    "Hungary backed down on Monday.",  # a particle changes the verb
    "The prime minister welcomed the visiting delegation.",  # a host welcomes guests
])
def test_position_verbs_that_take_no_position(analyse, text):
    assert rows(analyse(text)) == []


def test_warned_against(analyse):
    check(only(analyse, "Kremlin spokesman Dmitry Peskov warned NATO against sending troops to Ukraine."),
          "Kremlin spokesman Dmitry Peskov", "warned", "NATO against sending troops to Ukraine", "indirect")
    check(only(analyse, "The Kremlin warned against any attempt to seize its assets."),
          "The Kremlin", "warned", "any attempt to seize its assets", "indirect")


def test_ruled_out_with_a_gerund(analyse):
    check(only(analyse, "Chancellor Olaf Scholz ruled out sending German soldiers to Ukraine."),
          "Chancellor Olaf Scholz", "ruled out", "sending German soldiers to Ukraine", "indirect")


def test_called_for_a_conference(analyse):
    check(only(analyse, "The Vatican called for a peace conference."),
          "The Vatican", "called", "a peace conference", "indirect")


def test_told_a_briefing_that(analyse):
    # the parser hangs the clause on "briefing" as a relative clause
    check(only(analyse, "Mao Ning, a spokesperson for the Chinese foreign ministry, told a regular press briefing "
                        "that China would take resolute measures."),
          "Mao Ning", "told", "China would take resolute measures", "indirect")
    check(only(analyse, "Foreign ministry spokesperson Mao Ning told reporters at a daily briefing that the sale "
                        "violated the one-China principle."),
          "Foreign ministry spokesperson Mao Ning", "told", "the sale violated the one-China principle", "indirect")


def test_conditions_set_out_before_a_colon(analyse):
    check(only(analyse, "He set out conditions for ending the war: Kyiv must withdraw its troops from four regions "
                        "and abandon its plans to join NATO."),
          "He", "set out", "conditions for ending the war: Kyiv must withdraw its troops from four regions and "
                           "abandon its plans to join NATO", "indirect")


def test_parenthetical_attribution_around_a_condition(analyse):
    text = 'If Kyiv did so, he said, Russia would "immediately" order a ceasefire and begin negotiations.'
    st = only(analyse, text)
    assert (st.speaker.text, st.cue.text, st.kind) == ("he", "said", "mixed")
    assert [text[s:e] for s, e in st.spans] == [
        "If Kyiv did so", 'Russia would "immediately" order a ceasefire and begin negotiations']


def test_said_inside_a_relative_clause(analyse):
    text = "Russia had vetoed a U.S.-drafted text that they said was too weak."
    st = next(s for s in analyse(text) if s.cue.text == "said")
    assert (st.speaker.text, st.kind) == ("they", "indirect")
    assert [text[s:e] for s, e in st.spans] == ["a U.S.-drafted text", "was too weak"]


# -- what content and speakers never hold ------------------------------------------------------------


@pytest.mark.parametrize("text, speaker, content", [
    ("KYIV, Feb 27 (Reuters) - Ukraine's air force said on Tuesday that it had shot down 12 drones overnight.",
     "Ukraine's air force", "it had shot down 12 drones overnight"),
    ("KYIV, Feb 27 (Reuters) - Russian forces have captured two villages near Avdiivka, the defence ministry "
     "in Moscow said.", "the defence ministry", "Russian forces have captured two villages near Avdiivka"),
    ("WASHINGTON/ANKARA, Jan 27 - The foreign ministry said the talks would resume.",
     "The foreign ministry", "the talks would resume"),
])
def test_a_dateline_is_never_speaker_or_content(analyse, text, speaker, content):
    check(only(analyse, text), speaker, "said", content)


@pytest.mark.parametrize("text, content", [
    ("A senior diplomat said, on condition of anonymity, that the talks had stalled.", "the talks had stalled"),
    ("The envoy said on Monday that the ceasefire was holding.", "the ceasefire was holding"),
    ("The minister said late on Tuesday that the border would reopen.", "the border would reopen"),
])
def test_content_starts_with_what_was_said(analyse, text, content):
    assert only(analyse, text).content.text == content


# -- one statement per act of saying -----------------------------------------------------------------


def test_nested_statement_by_the_same_speaker_is_one_statement(analyse):
    st = only(analyse, "Beijing said it firmly opposed the sale.")
    check(st, "Beijing", "said", "it firmly opposed the sale", "indirect")
    st = only(analyse, "Egypt's foreign ministry said in a statement on Tuesday that it condemned the Israeli "
                       "takeover of the crossing.")
    check(st, "Egypt's foreign ministry", "said", "it condemned the Israeli takeover of the crossing", "indirect")


def test_nested_statement_by_another_speaker_stays(analyse):
    assert rows(analyse("Nebenzia said Zhang had told him the vote would pass.")) == [
        ("Nebenzia", "said", "Zhang had told him the vote would pass"),
        ("Zhang", "told", "the vote would pass")]


# -- more ways news reports what was said ---------------------------------------------------------


def test_quoted_as_saying(analyse):
    check(only(analyse, "The minister was quoted as saying that the border would stay closed."),
          "The minister", "saying", "the border would stay closed", "indirect")
    check(only(analyse, "State media quoted him as saying that the drills would continue."),
          "him", "saying", "the drills would continue", "indirect")


@pytest.mark.parametrize("text, speaker, content", [
    ("Forty-seven percent said they would vote for the incumbent.", "Forty-seven percent",
     "they would vote for the incumbent"),  # poll respondents
    ("Relatives of the victims, many of whom say the inquiry was a whitewash, met the minister.", "many of whom",
     "the inquiry was a whitewash"),
])
def test_shares_of_people_speak(analyse, text, speaker, content):
    st = only(analyse, text)
    assert (st.speaker.text, st.content.text) == (speaker, content)


@pytest.mark.parametrize("text, speaker, cue, content", [
    ("The senator cited the rising cost of living.", "The senator", "cited", "the rising cost of living"),
    ("The envoy spoke about the need for a ceasefire.", "The envoy", "spoke", "the need for a ceasefire"),
    ("The minister mentioned the frozen assets twice.", "The minister", "mentioned", "the frozen assets"),
])
def test_speech_about_something_named(analyse, text, speaker, cue, content):
    check(only(analyse, text), speaker, cue, content, "indirect")


@pytest.mark.parametrize("text, speaker, cue, content, kind", [
    ("The minister's claim that the border was secure was false.", "The minister", "claim",
     "the border was secure", "indirect"),
    ("Washington's call for a ceasefire went unanswered.", "Washington", "call", "a ceasefire", "indirect"),
    ("His fear that the talks would fail proved right.", "His", "fear", "the talks would fail", "belief"),
])
def test_nouns_of_saying_with_their_speaker(analyse, text, speaker, cue, content, kind):
    check(only(analyse, text), speaker, cue, content, kind)


def test_a_noun_of_saying_needs_its_speaker_named(analyse):
    assert rows(analyse("The call for a ceasefire went unanswered.")) == []


def test_expectation_in_the_passive_has_no_speaker(analyse):
    st = only(analyse, "The central bank is expected to raise rates in December.")
    assert (st.speaker, st.cue.text, st.content.text, st.kind) == (
        None, "is expected", "The central bank is expected to raise rates in December", "belief")


def test_according_to_inside_the_clause(analyse):
    text = "At the heart of the dispute, according to two diplomats, was the fate of the frozen assets."
    st = only(analyse, text)
    assert (st.speaker.text, st.kind) == ("two diplomats", "according_to")
    assert [text[s:e] for s, e in st.spans] == ["At the heart of the dispute", "was the fate of the frozen assets"]


def test_signed_quotations_one_per_line(analyse):
    text = ('"Our troops will hold the line." \u2015 Olena Kovalenko\n'
            '"Peace must be just." \u2015 Taras Melnyk')
    assert rows(analyse(text)) == [("Olena Kovalenko", "\u2015", '"Our troops will hold the line."'),
                                   ("Taras Melnyk", "\u2015", '"Peace must be just."')]


def test_words_before_a_parenthetical_attribution_begin_the_quotation(analyse):
    text = 'The new sanctions, the minister said on Tuesday, were "the strongest yet."'
    st = only(analyse, text)
    assert (st.speaker.text, st.cue.text, st.kind) == ("the minister", "said", "mixed")
    assert [text[s:e] for s, e in st.spans] == ["The new sanctions", 'were "the strongest yet."']


def test_quotation_around_but(analyse):
    text = '"We respect the ambassador," he said, but "our answer has not changed."'
    st = only(analyse, text)
    assert [text[s:e] for s, e in st.spans] == ["We respect the ambassador", "our answer has not changed."]


def test_name_the_parser_left_out_of_the_sentence(analyse):
    text = "In an interview with the Kyiv Independent Zelensky said that the counteroffensive would continue."
    st = only(analyse, text)
    assert (st.cue.text, st.content.text) == ("said", "the counteroffensive would continue")
    assert st.speaker.text.endswith("Zelensky")


def test_content_keeps_a_quotation_whole(analyse):
    st = only(analyse, 'The council issued a statement calling the test "a clear violation and in flagrant '
                       'disregard" of its resolutions.')
    assert st.content.text.startswith('the test "a clear violation and in flagrant disregard')
    assert (st.speaker.text, st.speakers[0].name) == ("a statement", "council")


@pytest.mark.parametrize("text, content", [
    ("The senator said she had not seen the report and would not comment on it.",
     "she had not seen the report and would not comment on it"),
    ("The ministers said they would expand the programme and push for a wider reform.",
     "they would expand the programme and push for a wider reform"),
])
def test_second_verb_of_saying_inside_the_reported_clause(analyse, text, content):
    # a modal of its own, or a bare form sharing the clause's `would`: still what was said, not
    # the speaker's next act (which would share the reporting verb's tense: `and called on ...`)
    st = only(analyse, text)
    assert st.content.text == content


def test_speakers_next_act_still_ends_the_content(analyse):
    found = rows(analyse("The governor said the plan was fair and called on lawmakers to pass it."))
    assert found[0] == ("The governor", "said", "the plan was fair")


@pytest.mark.parametrize("text, speaker", [
    ("In the survey, nearly half said the economy was getting worse.", "nearly half"),
    ("A third said they would back the mayor again.", "A third"),
    ("Two-thirds said the war had gone badly.", "Two-thirds"),
])
def test_fraction_of_respondents_speaks(analyse, text, speaker):
    found = [r for r in rows(analyse(text)) if r[1] == "said"]
    assert len(found) == 1 and found[0][0] == speaker, found


def test_a_fraction_that_is_no_one_does_not_speak(analyse):
    assert rows(analyse("Half the money went to the schools, the mayor said."))[0][0] == "the mayor"
    assert all(r[1] != "said" or r[0] is not None for r in rows(analyse("The third said nothing at all.")))


@pytest.mark.parametrize("text", [
    "The mayor says the budget is balanced while the council argues it relies on one-off savings.",
    "The senator argued that the bill was fair while opponents warned it would hurt farmers.",
])
def test_while_another_speaker_says_ends_the_content(analyse, text):
    found = rows(analyse(text))
    assert len(found) == 2, found
    first, second = found
    assert " while " not in first[2]
    assert second[0] in ("the council", "opponents")


def test_while_clause_without_a_speaker_stays_in_the_content(analyse):
    st = only(analyse, "The mayor said the budget was balanced while revenue kept falling.")
    assert st.content.text == "the budget was balanced while revenue kept falling"


def test_headline_label_with_a_name_the_parser_misread(analyse):
    text = ("Merkel: Europe Must Take Its Fate Into Its Own Hands.\n\n"
            "Chancellor Angela Merkel spoke in Munich on Sunday.")
    found = [r for r in rows(analyse(text)) if r[1] == ":"]
    assert found == [("Merkel", ":", "Europe Must Take Its Fate Into Its Own Hands")]


def test_but_another_speaker_says_ends_the_content(analyse):
    found = rows(analyse("The mayor said the budget was balanced but the council said it relied on one-off savings."))
    assert found == [("The mayor", "said", "the budget was balanced"),
                     ("the council", "said", "it relied on one-off savings")]


def test_a_list_of_speakers_after_an_opening_phrase(analyse):
    # the parser takes the list for more conjuncts of the opening phrase's noun
    st = only(analyse, "In a joint communique after the talks, Canada, Japan and Australia said the strait must "
                       "remain open.")
    check(st, "Canada, Japan and Australia", "said", "the strait must remain open", kind="indirect")


def test_a_quotation_before_a_sentence_with_its_own_object_is_not_what_that_verb_reports(analyse):
    found = analyse('"This is theft." Envoys from Peru and Ecuador also condemned the plan as unfair.')
    assert rows(found) == [("Envoys from Peru and Ecuador", "condemned", "the plan as unfair")]


def test_a_quoted_crosshead_does_not_float_to_the_last_speaker(analyse):
    found = analyse('Ruto said the budget was "the best we could do".\n\n\'A bitter pill\'\n\nThe vote is on Monday.')
    assert rows(found) == [("Ruto", "said", 'the budget was "the best we could do"')]


def test_a_participle_opening_the_sentence_is_not_the_speaker(analyse):
    # the parser takes "Announcing ..." for a clausal subject and the titles for its conjuncts
    said = only_cued(analyse, "Announcing the deal in Doha, Prime Minister and Foreign Minister Sheikh Mohammed bin "
                              "Abdulrahman Al Thani said the ceasefire would take effect on Sunday.", "said")
    assert said.cue.text == "said"
    assert said.speaker.text.endswith("Al Thani")
    assert said.content.text == "the ceasefire would take effect on Sunday"


def test_a_subject_parsed_into_the_opening_phrase_is_the_speaker(analyse):
    # the parser hangs the subject on "Blinken" as an apposition inside "After a meeting with ..."
    called = only_cued(analyse, 'After a meeting with Blinken, the foreign ministers of Jordan, Egypt and Qatar called '
                                'for "an immediate ceasefire" in Gaza.', "called")
    assert called.speaker.text == "the foreign ministers of Jordan, Egypt and Qatar"


def test_an_attribution_set_off_by_commas_survives_a_quoted_fragment(analyse):
    # the quoted "very likely" breaks the parse; the commas around "he said" still mark the hole
    st = only(analyse, 'Rich countries, he said, would "very likely" meet the promise to mobilise $100bn a year.')
    assert (st.speaker.text, st.cue.text, st.frame) == ("he", "said", "parenthetical")
    assert st.content.text == 'Rich countries, he said, would "very likely" meet the promise to mobilise $100bn a year'
    assert [st.content.doc.text[a:b] for a, b in st.content_pieces] == [
        "Rich countries", 'would "very likely" meet the promise to mobilise $100bn a year']


def test_a_that_clause_stranded_on_a_noun_in_the_adjuncts_is_what_was_said(analyse):
    said = only_cued(analyse, "Foreign Minister Sergei Lavrov said in Riyadh on Feb. 18 after talks with Secretary of "
                              "State Marco Rubio that the deployment of NATO troops to Ukraine would be unacceptable "
                              "to Russia.", "said")
    assert said.cue.text == "said"
    assert said.speaker.text == "Foreign Minister Sergei Lavrov"
    assert said.content.text == "the deployment of NATO troops to Ukraine would be unacceptable to Russia"


@pytest.mark.parametrize("text, speaker, content", [
    # on a participle inside the adjunct, and on a time noun
    ('Rafael Grossi said in an interview aired on Sunday that inspectors needed to return "as soon as possible".',
     "Rafael Grossi", 'inspectors needed to return "as soon as possible'),
    ("Downing Street announced the same day that Britain would send 350 air defence missiles to Ukraine.",
     "Downing Street", "Britain would send 350 air defence missiles to Ukraine"),
])
def test_a_that_clause_stranded_on_a_participle_or_a_time_noun(analyse, text, speaker, content):
    st = only_cued(analyse, text, "said", "announced")
    assert st.cue.text in ("said", "announced")
    assert (st.speaker.text, st.content.text) == (speaker, content)


def test_went_on_set_off_by_commas_attributes_the_sentence(analyse):
    st = only_cued(analyse, "Israel, he went on, would keep fighting until the hostages were home.", "went")
    assert st.speaker.text == "he"
    assert st.content.text.startswith("Israel") and st.content.text.endswith("home")


def test_thanking_someone_for_something_takes_a_side_on_it(analyse):
    st = only(analyse, 'Taiwan\'s foreign ministry thanked the G7 on Saturday for its "firm support" for peace '
                       "and stability across the Taiwan Strait.")
    assert (st.speaker.text, st.cue.text) == ("Taiwan's foreign ministry", "thanked")
    assert st.content.text.startswith('its "firm support"')


def test_a_state_considering_something_states_a_position(analyse):
    st = only(analyse, "Berlin is not considering recognition of a Palestinian state in the near term.")
    assert (st.speaker.text, st.cue.text, st.content.text) == (
        "Berlin", "considering", "recognition of a Palestinian state in the near term")


def test_a_clause_before_a_semicolon_is_not_what_the_next_speaker_said(analyse):
    found = analyse("Arab and Muslim leaders demand end to Gaza war in Riyadh; Netanyahu vows to press on")
    vows = [st for st in found if st.cue.text == "vows"]
    assert vows and all("Arab and Muslim leaders" not in st.content.text for st in vows), rows(found)


def test_a_that_clause_hung_on_a_time_clause_is_what_was_said(analyse):
    told = only_cued(analyse, "Belgium's prime minister told reporters as he arrived on Thursday that the assets "
                              "should stay frozen.", "told")
    assert told.content.text == "the assets should stay frozen"


def test_a_live_blog_time_stamp_is_not_part_of_the_speaker(analyse):
    st = only(analyse, "09:30 - EU foreign policy chief Josep Borrell said the bloc must send Patriots to Ukraine.")
    assert st.speaker.text == "EU foreign policy chief Josep Borrell"


def test_a_short_answer_opening_a_line_is_a_sentence_of_its_own(analyse):
    # an explainer answers its crosshead with "No." before the sentence that says so
    called = only_cued(analyse, "Did everyone agree?\n\nNo. Brazilian President Jair Bolsonaro, who by tradition "
                                "opened the debate on Tuesday, called for an immediate ceasefire in Ukraine.", "called")
    assert called.speaker.text == "Brazilian President Jair Bolsonaro"
