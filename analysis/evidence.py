"""A statement read in its article: the text around it, a safe HTML rendering, and finding pasted words.

Pure functions over plain strings. Article text comes from the web and is never trusted:
the renderer escapes all of it, so the only markup in its output is the few tags written here.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*(?=\s)|\n")
_OPEN_QUOTES = "\"“„«‘'"
_CLOSE_QUOTES = "\"”»’'"


@dataclass(frozen=True)
class InContext:
    """The article around one statement: before + statement + after is the (possibly clipped) text."""

    before: str
    statement: str
    after: str
    clipped_before: bool = False  # text was left out before `before`
    clipped_after: bool = False  # text was left out after `after`


def check_span(text: str, start: int, end: int) -> None:
    """Raise ValueError unless [start, end) is a non-empty stretch of text."""
    if not (0 <= start < end <= len(text)):
        raise ValueError(
            f"the evidence span {start}–{end} is not a non-empty part of the article (0–{len(text)} characters)"
        )
    if not text[start:end].strip():
        raise ValueError("the evidence span holds only whitespace")


def statement_in_context(text: str, start: int, end: int, paragraphs: int | None = None) -> InContext:
    """Split the article at the statement [start, end).

    With paragraphs=N, keep only the paragraphs holding the statement and N on each side,
    so a long article can be shown around the statement rather than whole.
    """
    check_span(text, start, end)
    lo, hi = 0, len(text)
    if paragraphs is not None:
        breaks = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text)]
        before_breaks = [b for b in breaks if b[1] <= start]
        after_breaks = [b for b in breaks if b[0] >= end]
        if len(before_breaks) > paragraphs:
            lo = before_breaks[-1 - paragraphs][1]
        if len(after_breaks) > paragraphs:
            hi = after_breaks[paragraphs][0]
    return InContext(text[lo:start], text[start:end], text[end:hi], lo > 0, hi < len(text))


def render_html(ctx: InContext, mark_id: str = "statement") -> str:
    """The passage as HTML: every character of the article escaped, the statement in <mark>.

    Paragraph breaks are kept by `white-space: pre-wrap` rather than by turning text into tags.
    """
    esc = html.escape
    parts = ['<div class="demarche-article" style="white-space: pre-wrap; line-height: 1.6">']
    if ctx.clipped_before:
        parts.append("<span>…</span>\n\n")
    parts.append(esc(ctx.before))
    parts.append(f'<mark id="{esc(mark_id)}" style="background-color: #ffe066; padding: 0 2px">')
    parts.append(esc(ctx.statement))
    parts.append("</mark>")
    parts.append(esc(ctx.after))
    if ctx.clipped_after:
        parts.append("\n\n<span>…</span>")
    parts.append("</div>")
    return "".join(parts)


def article_html(text: str, start: int, end: int, paragraphs: int | None = None, mark_id: str = "statement") -> str:
    """statement_in_context and render_html in one call (give each rendering on a page its own mark_id)."""
    return render_html(statement_in_context(text, start, end, paragraphs), mark_id)


def find_span(text: str, words: str) -> tuple[int, int]:
    """Where pasted words occur in the article, as (start, end); ValueError unless exactly once.

    Whitespace may differ (a line break pasted as a space); case matters unless the words
    are found no other way.
    """
    parts = (words or "").split()
    if not parts:
        raise ValueError("paste the exact words of the statement from the article")
    pattern = r"\s+".join(re.escape(p) for p in parts)
    for flags in (0, re.IGNORECASE):
        found = [m.span() for m in re.finditer(pattern, text, flags)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise ValueError(
                f"those words occur {len(found)} times in the article: paste more of the statement so they are unique"
            )
    raise ValueError("those words are not in the article: copy them exactly as the article writes them")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence(s) holding [start, end): from the last sentence end before to the first after."""
    lo = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        lo = m.end()
    m = _SENTENCE_END.search(text, end)
    hi = m.end() if m else len(text)
    return text[lo:hi].strip()


def looks_quoted(text: str, start: int, end: int) -> bool:
    """Whether the span sits inside quotation marks (a direct quote) rather than being reported speech."""
    before = text[max(0, start - 2):start].rstrip()
    after = text[end:end + 3].lstrip(" ,.;:!?")
    inner_open = text[start:start + 1] in _OPEN_QUOTES
    inner_close = text[end - 1:end] in _CLOSE_QUOTES
    return (before[-1:] in _OPEN_QUOTES or inner_open) and (after[:1] in _CLOSE_QUOTES or inner_close)
