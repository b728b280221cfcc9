"""Find quotations in raw text, paragraph by paragraph.

Pairing quote marks is done on characters, not tokens, and one paragraph at a time, so a
stray or missing mark costs at most the quotation it belongs to — never the article
(textacy's `direct_quotations` gives up on a whole document with an odd number of marks).

Marks understood
----------------
* straight `"` and the double prime `″`, whose direction is read from the context: a mark
  followed by a word opens, a mark after a word closes;
* curly `“ ”` (a `”` that can only open, as in Swedish `”...”`, opens), German `„ ... “`,
  guillemets `« »` in either direction (French `«...»`, German `»...«`);
* doubled apostrophes `'' ... ''` and TeX/PTB style ```` `` ... '' ```` (archives and wire
  feeds that cannot store curly marks write quotations this way);
* single marks `‘ ’` / `'` only in a paragraph with no double marks at all (British style),
  and only when they sit at a word's edge: an apostrophe inside a word (`don't`,
  `Sunak's`) or after a plural (`voters' `) never opens a quotation.

Robustness
----------
* a second opening mark while a quotation is open means the first one was stray: the
  quotation restarts there;
* a closing mark with nothing open is ignored;
* a quotation still open at the end of a paragraph continues into the next paragraph when
  that one opens with a mark (the news convention for a quotation over several paragraphs:
  each paragraph opens with a mark, only the last closes); otherwise it is kept, flagged
  `closed=False`, if it has at least four words;
* nothing here raises on any input (empty text, only marks, thousands of unmatched marks).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

# mark families: (text, role); role is "open", "close" or "either"
_DOUBLE_TWO = {"''": "either", "``": "open"}
_DOUBLE_ONE = {'"': "either", "″": "either", "“": "open", "”": "close", "„": "open", "«": "either", "»": "either",
               "‟": "open", "〝": "open", "〞": "close", "＂": "either"}
_SINGLE_ONE = {"'": "either", "‘": "open", "’": "close", "‚": "open", "‹": "either", "›": "either"}

OPENING = "“„«‟〝"
CLOSING = "”»〞"
AMBIGUOUS = '"″＂'
#: characters that can be (part of) a double quotation mark; `'` and backtick pairs count only doubled
MARKS = OPENING + CLOSING + AMBIGUOUS

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")
_WORD = re.compile(r"\w+")
_MIN_UNCLOSED_WORDS = 4


@dataclass
class Quotation:
    """Character offsets of a quotation's words (inside the marks), as one or more pieces."""

    pieces: list[tuple[int, int]] = field(default_factory=list)
    closed: bool = True
    marks: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of each mark used

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]

    def words(self, text: str) -> int:
        return sum(len(_WORD.findall(text[s:e])) for s, e in self.pieces)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blank-line separated, or line separated if no blank lines."""
    splitter = _PARAGRAPH_BREAK if _PARAGRAPH_BREAK.search(text) else _LINE_BREAK
    spans, start = [], 0
    for m in splitter.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _is_open_punct(ch: str) -> bool:
    return ch != "" and unicodedata.category(ch) == "Ps"  # ( [ {


def _marks(text: str, start: int, end: int, single: bool) -> list[tuple[int, int, bool, bool, str]]:
    """Quotation marks in text[start:end] as (pos, length, can_open, can_close, char).

    `can_open`: the mark could begin a quotation (a word or opening punctuation follows, and
    it is not glued to the end of a word); `can_close`: the mark could end one.
    """
    out = []
    i = start
    while i < end:
        ch = text[i]
        two = text[i:i + 2] if i + 1 < end else ""
        role, length = None, 1
        if two in _DOUBLE_TWO and not single:
            role, length = _DOUBLE_TWO[two], 2
        elif ch in _DOUBLE_ONE and not single:
            role = _DOUBLE_ONE[ch]
        elif single and ch in _SINGLE_ONE:
            role = _SINGLE_ONE[ch]
        if role is None:
            i += 1
            continue
        before = text[i - 1] if i > start else ""
        after = text[i + length] if i + length < end else ""
        if single:
            # an apostrophe inside a word, or a possessive after a plural, is not a mark
            if _is_word(before) and _is_word(after):
                i += length
                continue
            can_open = (_is_space(before) or _is_open_punct(before)) and not _is_space(after) and role != "close"
            can_close = not _is_space(before) and not _is_word(after) and role != "open"
            if can_close and before.lower() == "s" and after not in (",", ".", "?", "!", ";", ":"):
                can_close = False  # "the voters' choice": a plural possessive
        else:
            edge_before = _is_space(before) or _is_open_punct(before)  # nothing glued on the left
            can_open = not _is_space(after)
            can_close = not edge_before
            if role == "open":  # “ closes only when glued to a word's end with a gap after (a typo for ”)
                can_open = not _is_space(after) and not (not edge_before and not _is_word(after))
                can_close = not edge_before and not _is_word(after)
            elif role == "close":  # ” opens only after a gap and before a word (Swedish ”...”, or a typo)
                can_open = edge_before and not _is_space(after)
                can_close = True
            if ch in "«»":  # French typography sets guillemets off with spaces: « ... »
                can_open, can_close = after != "", before != ""
        out.append((i, length, can_open, can_close, text[i:i + length]))
        i += length
    return out


_PAIRS = {"„": "“”", "«": "»", "»": "«", "‚": "‘’", "‹": "›", "›": "‹"}


def _closes(opener: str, mark: str, can_close: bool, can_open: bool) -> bool:
    """Does `mark` close a quotation opened by `opener`?"""
    if opener in _PAIRS and mark in _PAIRS[opener]:
        return True
    if opener in ("«", "»", "‹", "›") or mark in ("«", "»", "‹", "›"):
        return opener != mark and can_close  # «...» and »...«, never a guillemet for a quote mark
    if mark in ("“", "‘", "``"):
        return can_close and not can_open  # a typo: an opening curly mark glued to a word's end
    return can_close


def _opens_paragraph(text: str, start: int, end: int, single: bool = False) -> int | None:
    """Offset just past an opening mark that begins the paragraph, if any."""
    i = start
    while i < end and text[i].isspace():
        i += 1
    marks = _marks(text, i, end, single)
    if marks and marks[0][0] == i and marks[0][2]:
        return i + marks[0][1]
    return None


def _paragraph_quotations(text: str, p_start: int, p_end: int, single: bool,
                          carry: Quotation | None) -> tuple[list[Quotation], Quotation | None]:
    """Quotations in one paragraph; `carry` is a quotation continuing from the previous one.

    Returns (finished quotations, quotation left open at the paragraph's end or None)."""
    found: list[Quotation] = []
    open_mark: tuple[int, int, str] | None = None  # (pos, length, char)
    pieces: list[tuple[int, int]] = []
    marks_used: list[tuple[int, int]] = []
    marks = _marks(text, p_start, p_end, single)
    k = 0
    if carry is not None and marks and text[p_start:marks[0][0]].strip() == "" and marks[0][2]:
        pos, length, _, _, ch = marks[0]
        open_mark, pieces, marks_used = (pos, length, ch), list(carry.pieces), list(carry.marks) + [(pos, pos + length)]
        k = 1
    elif carry is not None:  # the continuation did not happen: keep what we had, unclosed
        carry.closed = False
        found.append(carry)
    for pos, length, can_open, can_close, ch in marks[k:]:
        if open_mark is None:
            if can_open:
                open_mark, pieces, marks_used = (pos, length, ch), [], [(pos, pos + length)]
            continue  # a closing mark with nothing open is stray: ignored
        if _closes(open_mark[2], ch, can_close, can_open):
            inner = (open_mark[0] + open_mark[1], pos)
            if inner[1] > inner[0]:
                found.append(Quotation(pieces=pieces + [inner], marks=marks_used + [(pos, pos + length)]))
            open_mark, pieces, marks_used = None, [], []
        elif can_open:
            # a second opening mark while open: the first one was stray (or the quotation
            # continued from the previous paragraph was left unclosed)
            if pieces and not single:
                found.append(Quotation(pieces=pieces, closed=False, marks=marks_used))
            open_mark, pieces, marks_used = (pos, length, ch), [], [(pos, pos + length)]
    if open_mark is not None and single:
        return found, None  # an unclosed single mark is far likelier an apostrophe ('90s)
    if open_mark is not None:
        return found, Quotation(pieces=pieces + [(open_mark[0] + open_mark[1], p_end)], closed=False,
                                marks=marks_used)
    return found, None


def find_quotations(text: str) -> list[Quotation]:
    """All quotations in `text`, in order. Never raises on odd or unbalanced marks."""
    if not text:
        return []
    found: list[Quotation] = []
    carry: Quotation | None = None
    paras = paragraphs(text)
    for n, (p_start, p_end) in enumerate(paras):
        single = not _has_double_marks(text, p_start, p_end)
        done, left_open = _paragraph_quotations(text, p_start, p_end, single, carry)
        carry = None
        found.extend(q for q in done if q.closed or q.words(text) >= _MIN_UNCLOSED_WORDS)
        if left_open is None:
            continue
        nxt = paras[n + 1] if n + 1 < len(paras) else None
        if left_open.words(text) == 0:
            continue  # a mark left open with no words after it is stray
        if nxt is not None and _opens_paragraph(text, *nxt, single=not _has_double_marks(text, *nxt)) is not None:
            carry = left_open  # a quotation over several paragraphs
        elif left_open.words(text) >= _MIN_UNCLOSED_WORDS:
            found.append(left_open)
    if carry is not None and carry.words(text) >= _MIN_UNCLOSED_WORDS:
        found.append(carry)
    out = [_trim(q, text) for q in found]
    return [q for q in out if q.pieces and q.words(text) > 0]


def _has_double_marks(text: str, start: int, end: int) -> bool:
    chunk = text[start:end]
    return any(c in chunk for c in MARKS) or "''" in chunk or "``" in chunk


def _trim(q: Quotation, text: str) -> Quotation:
    """Drop surrounding white space (and a trailing comma) from each piece so offsets cover words only."""
    pieces = []
    for s, e in q.pieces:
        while s < e and text[s].isspace():
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
            e -= 1
        if e > s:
            pieces.append((s, e))
    return Quotation(pieces=pieces, closed=q.closed, marks=q.marks)


def token_quotes(doc: Doc, quotations: list[Quotation]) -> list[int]:
    """For each token, the index of the quotation whose words it belongs to, or -1."""
    out = [-1] * len(doc)
    bounds = [(s, e, qi) for qi, q in enumerate(quotations) for s, e in q.pieces]
    bounds.sort()
    j = 0
    for t in doc:
        while j < len(bounds) and bounds[j][1] <= t.idx:
            j += 1
        if j < len(bounds) and bounds[j][0] <= t.idx < bounds[j][1]:
            out[t.i] = bounds[j][2]
    return out


__all__ = ["Quotation", "find_quotations", "paragraphs", "MARKS", "OPENING", "CLOSING", "AMBIGUOUS", "token_quotes"]
