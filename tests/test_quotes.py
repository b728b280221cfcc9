"""Quote-mark pairing (analysis/quotes.py): every mark convention, and no input ever breaks it.

All sentences are written for these tests in the style of wire copy.
"""

import random

import pytest

from analysis.quotes import find_quotations, paragraphs


def quoted(text: str) -> list[list[str]]:
    """The words of each quotation found, piece by piece."""
    return [[text[s:e] for s, e in q.pieces] for q in find_quotations(text)]


@pytest.mark.parametrize("text, expected", [
    ('"We will not back down," the minister said.', [["We will not back down"]]),
    ("“We will not back down,” the minister said.", [["We will not back down"]]),
    ("''We will not back down,'' the minister said.", [["We will not back down"]]),  # archive style
    ("``We will not back down,'' the minister said.", [["We will not back down"]]),  # TeX / PTB style
    ("„Wir geben nicht nach“, sagte der Minister.", [["Wir geben nicht nach"]]),
    ("« Nous ne céderons pas », a déclaré le ministre.", [["Nous ne céderons pas"]]),
    ("»Wir geben nicht nach«, sagte der Minister.", [["Wir geben nicht nach"]]),
    ("”Vi ger inte efter”, sade ministern.", [["Vi ger inte efter"]]),  # Swedish: the same mark both ways
])
def test_quote_mark_conventions(text, expected):
    assert quoted(text) == expected


def test_quotation_interrupted_by_attribution_gives_two_quotations():
    text = '"We will sign," the prime minister said, "but not before the elections."'
    assert quoted(text) == [["We will sign"], ["but not before the elections."]]


def test_multi_paragraph_quotation_is_one_quotation():
    text = ('"The first phase will start in March.\n\n'
            '"The second phase follows once the funds arrive.\n\n'
            '"Nobody will be left behind," she said.')
    q = find_quotations(text)
    assert len(q) == 1
    assert [text[s:e] for s, e in q[0].pieces] == [
        "The first phase will start in March.", "The second phase follows once the funds arrive.",
        "Nobody will be left behind"]
    assert q[0].closed


def test_missing_closing_mark_is_kept_flagged_and_does_not_swallow_the_next_paragraph():
    text = ('"We have no intention of sending troops to the border, the spokesman said.\n\n'
            'The ministry later said "the matter is closed" and declined to comment.')
    q = find_quotations(text)
    assert [text[s:e] for s, e in q[0].pieces] == ["We have no intention of sending troops to the border, the spokesman said."]
    assert q[0].closed is False
    assert [text[s:e] for s, e in q[1].pieces] == ["the matter is closed"]


def test_apostrophes_are_never_quotation_marks():
    text = ("The minister's aides said Britain's plan, unlike the voters' choice in the '90s, "
            "won't change. It's the party's line.")
    assert find_quotations(text) == []


def test_single_marks_quote_only_where_a_paragraph_has_no_double_marks():
    british = "'We will not be intimidated,' the foreign secretary said."
    assert quoted(british) == [["We will not be intimidated"]]
    nested = '"They called it \'a historic day\' for the region," she said.'
    assert quoted(nested) == [["They called it 'a historic day' for the region"]]


def test_a_stray_mark_costs_only_its_own_paragraph():
    text = ('The talks ended without a deal " and both sides left early.\n\n'
            '"We remain ready to talk," the envoy said.\n\n'
            'Officials said the next round was "not yet scheduled".')
    assert quoted(text)[-2:] == [["We remain ready to talk"], ["not yet scheduled"]]


def test_paragraphs_split_on_blank_lines_or_single_lines():
    assert paragraphs("One.\n\nTwo.\n\n\nThree.") == [(0, 4), (6, 10), (13, 19)]
    assert paragraphs("One.\nTwo.") == [(0, 4), (5, 9)]


@pytest.mark.parametrize("text", [
    "",
    "\n\n\n",
    '"',
    '""',
    '"' * 5000,
    "“" * 2500 + "”" * 2500,
    "'" * 3000,
    '" ' * 5000,
    "“unclosed " * 800,
    "\u200b\u200d\ufeff“\u2028”\u00a0'\u2019«»„“",
    "Emoji 😀 “quoted 👍 words” and a lone ” mark \ud7ff here.",
])
def test_nasty_inputs_never_raise(text):
    for q in find_quotations(text):
        for s, e in q.pieces:
            assert 0 <= s < e <= len(text)


def test_random_mark_soup_never_raises():
    rng = random.Random(7)
    alphabet = list('"“”„«»\'‘’`″ \n') + list("abc .,")
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))
        for q in find_quotations(text):
            assert all(0 <= s < e <= len(text) for s, e in q.pieces)
