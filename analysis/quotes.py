"""Find quotations in raw text, paragraph by paragraph.

Pairing quote marks is done on characters, not tokens, and one paragraph at a time, so a
stray or missing mark costs at most the quotation it belongs to — never the article
(textacy's `direct_quotations` gives up on a whole document with an odd number of marks).

Handled: straight and curly double quotes, guillemets, German low-high marks, quotations
that run over several paragraphs (each paragraph opens with a mark, only the last closes),
and an unclosed quotation at the end of a paragraph (kept, flagged `closed=False`).
Single quotes are left alone: in English news they are apostrophes or headline scare quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OPENING = "“„«"
CLOSING = "”»"
AMBIGUOUS = '"″'
MARKS = OPENING + CLOSING + AMBIGUOUS
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")
_WORD = re.compile(r"\w+")


@dataclass
class Quotation:
    """Character offsets of a quotation's words (inside the marks), as one or more pieces."""

    pieces: list[tuple[int, int]] = field(default_factory=list)
    closed: bool = True

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


def _opens_paragraph(text: str, start: int, end: int) -> int | None:
    """Offset of an opening mark that begins the paragraph, if any."""
    stripped = len(text[start:end]) - len(text[start:end].lstrip())
    i = start + stripped
    if i < end and (text[i] in OPENING or text[i] in AMBIGUOUS):
        return i
    return None


def find_quotations(text: str) -> list[Quotation]:
    """All quotations in `text`, in order. Never raises on odd or unbalanced marks."""
    found: list[Quotation] = []
    carry: Quotation | None = None  # a quotation continuing from the previous paragraph
    paras = paragraphs(text)
    for n, (p_start, p_end) in enumerate(paras):
        open_at: int | None = None
        pieces: list[tuple[int, int]] = []
        skip = None
        if carry is not None:
            skip = _opens_paragraph(text, p_start, p_end)
            if skip is None:  # the continuation did not happen: keep what we had, unclosed
                carry.closed = False
                found.append(carry)
                carry = None
            else:
                open_at = skip
                pieces = carry.pieces
        for i in range(p_start, p_end):
            ch = text[i]
            if ch not in MARKS or i == skip:
                continue
            if ch in OPENING or (ch in AMBIGUOUS and open_at is None):
                open_at = i  # a second opening mark while open: the first was stray
                if carry is None:
                    pieces = []
            elif open_at is not None:  # closing or ambiguous while open
                if i > open_at + 1:
                    pieces = pieces + [(open_at + 1, i)]
                    found.append(Quotation(pieces=pieces))
                open_at, pieces, carry = None, [], None
            # a closing mark with nothing open is stray: ignored
        if open_at is not None:
            piece = (open_at + 1, p_end)
            nxt = paras[n + 1] if n + 1 < len(paras) else None
            if nxt is not None and _opens_paragraph(text, *nxt) is not None:
                carry = Quotation(pieces=pieces + [piece])
            else:
                carry = None
                q = Quotation(pieces=pieces + [piece], closed=False)
                if q.words(text) >= 4:
                    found.append(q)
    if carry is not None:
        carry.closed = False
        found.append(carry)
    return [_trim(q, text) for q in found if q.words(text) > 0]


def _trim(q: Quotation, text: str) -> Quotation:
    """Drop surrounding white space from each piece so offsets cover words only."""
    pieces = []
    for s, e in q.pieces:
        while s < e and text[s].isspace():
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
            e -= 1
        if e > s:
            pieces.append((s, e))
    return Quotation(pieces=pieces, closed=q.closed)
