"""Component `demarche_dates`: the day each statement was made.

News dates a statement by words attached to its reporting verb (`said Tuesday`, `said late on
Monday`, `told a press conference on Feb. 26`, `in Tuesday's joint press conference`), never
by dates inside what was said. So we read DATE entities in the cue verb's own subtree, outside
the content, and resolve them against the publication date:

* a bare weekday is the latest such day on or before publication (`said Tuesday` in a paper
  of Tuesday is that Tuesday: dateparser's `PREFER_DATES_FROM="past"` would give last week);
* `today`, `yesterday`, `last week`, `earlier this month` are resolved here, relative;
* anything else goes to dateparser with the publication date as its base.

No date in the text: the publication date (`date_source="published"`); no publication date
either: unknown. A date is never invented.
"""

from __future__ import annotations

import datetime as dt
import re

import dateparser
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_RELATIVE = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": 1, "last night": 1, "overnight": 0,
    "last week": 7, "earlier this week": 3, "this week": 0, "earlier this month": None,
}
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.I)
_HAS_DIGIT_OR_MONTH = re.compile(r"\d|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b", re.I)


def resolve(expression: str, published: dt.date | None) -> tuple[dt.date | None, str]:
    """A date expression read against the publication date -> (date, date_source)."""
    text = " ".join(expression.lower().split())
    text = re.sub(r"^(late|early|earlier|later)\s+(on\s+)?", "", text).strip()
    text = re.sub(r"^on\s+", "", text)
    text = re.sub(r"'s$", "", text)
    if published is None:
        return None, "unknown"
    for phrase, days in _RELATIVE.items():
        if text == phrase:
            if days is None:
                return None, "published"  # too vague to move off the publication date
            return published - dt.timedelta(days=days), "relative"
    m = _WEEKDAY.search(text)
    if m and not _HAS_DIGIT_OR_MONTH.search(text):
        target = WEEKDAYS.index(m.group(1).lower())
        back = (published.weekday() - target) % 7
        if text.startswith("last ") and back == 0:
            back = 7
        return published - dt.timedelta(days=back), "relative"
    if not _HAS_DIGIT_OR_MONTH.search(text):
        return None, "published"
    base = dt.datetime.combine(published, dt.time(23, 59))
    parsed = dateparser.parse(text, settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past",
                                              "REQUIRE_PARTS": ["day", "month"], "RETURN_AS_TIMEZONE_AWARE": False})
    if parsed is None:
        return None, "published"
    day = parsed.date()
    if day > published and not re.search(r"\b\d{4}\b", text):
        try:
            day = day.replace(year=day.year - 1)
        except ValueError:
            return None, "published"
    return day, "explicit"


def _date_expressions(cue: Token, content: Span) -> list[Span]:
    """DATE entities attached to the reporting verb, outside the statement's content."""
    doc = cue.doc
    found = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if content.start <= ent.start < content.end:
            continue
        if ent.root.sent != cue.sent:
            continue
        node, hops = ent.root, 0
        while node != cue and node.head != node and hops < 6:
            if content.start <= node.i < content.end:
                break
            node, hops = node.head, hops + 1
        if node == cue:
            found.append(_widen(ent))
    return found


def _widen(ent: Span) -> Span:
    """Take in a leading `late`/`early`/`on` the NER left out (`late on Monday`)."""
    doc, start = ent.doc, ent.start
    while start > 0 and doc[start - 1].lower_ in ("late", "early", "earlier", "later", "on"):
        start -= 1
    return doc[start:ent.end]


class StatementDates:
    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published
        for st in doc._.statements or []:
            cue = st.cue.root
            chosen = None
            for expr in _date_expressions(cue, st.content):
                day, source = resolve(expr.text, published)
                if day is not None:
                    chosen = (day, source, expr.text)
                    break
            if chosen is None and st.frame == "floating":
                continue  # set below from the statement it floats on
            if chosen is None:
                chosen = (published, "published", "") if published is not None else (None, "unknown", "")
            st.date, st.date_source, st.date_text = chosen
        # a floating quotation was said when the statement it continues was
        previous = None
        for st in doc._.statements or []:
            if st.frame == "floating" and st.date is None and st.date_source == "unknown":
                if previous is not None:
                    st.date, st.date_source, st.date_text = previous.date, previous.date_source, previous.date_text
                elif published is not None:
                    st.date, st.date_source = published, "published"
            previous = st
        return doc


@Language.factory("demarche_dates")
def make_statement_dates(nlp: Language, name: str) -> StatementDates:
    return StatementDates()
