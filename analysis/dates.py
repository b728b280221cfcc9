"""Component `demarche_dates`: the day each statement was made.

News dates a statement by words attached to its reporting verb (`said Tuesday`, `said late on
Monday`, `told a press conference on Feb. 26`, `in Tuesday's joint press conference`, `On
Monday, Hungary said`), never by dates inside what was said (`said the vote would take place on
Friday`). So we read DATE and TIME entities whose path up the parse reaches the cue verb
without passing through the content, and resolve them against the publication date. One
exception to "outside the content": the parser often hangs `said on Monday it would ...`'s
`on Monday` on the reported verb; a date right after the cue, before the reported clause's own
words, is the cue's.

Resolution (`resolve`):

* a weekday is the latest such day on or before publication (`said Tuesday` in a paper of
  Tuesday is that Tuesday: dateparser's `PREFER_DATES_FROM="past"` would give last week;
  `last Tuesday` in a Tuesday paper is a week back); `late on Monday`, `Thursday evening`,
  `Monday night` are that weekday;
* relative expressions are resolved here: `today`, `overnight` -> publication; `yesterday`,
  `last night` -> the day before; `two days ago`, `a week ago`;
* vague periods give the latest day they can denote, on or before publication: `last week` ->
  the Sunday that ended it; `earlier this week` / `earlier this month` -> the day before
  publication (not before the week's or month's first day); `last month` -> its last day;
  `at the weekend` -> the latest Saturday or Sunday. A statement is never dated after it was
  made, and timelines keep their order;
* anything with a day and a month goes to dateparser with the publication date as its base
  (`Feb. 26`, `3 March`; a date that would fall after publication is last year's); with a
  year (`February 20, 2023`) it needs no publication date.

No date of its own: the date of the latest earlier statement by the same speaker that had one
(wire copy dates the first quote and not the rest: `Tusk said on Monday ...`, later `Tusk
added ...`), with that statement's `date_source`; else the publication date (`published`); no
publication date either: `unknown`. A date is never invented.
"""

from __future__ import annotations

import datetime as dt
import re

import dateparser
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.I)
_MONTH = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?=\s|$|,)", re.I)
_HAS_DIGIT_OR_MONTH = re.compile(r"\d|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b", re.I)
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_AGO = re.compile(r"^(\d+|" + "|".join(_NUMBERS) + r") (day|week)s? ago$")
_LEAD = re.compile(r"^(late|early|earlier|later|on|in|at|over|during|since)\s+")
_PREP = re.compile(r"^(on|in|at|over|during)\s+")
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b")
_DAY_NUMBER = re.compile(r"\b\d{1,2}(st|nd|rd|th)?\b")
_FUTURE = re.compile(r"\b(next|tomorrow|coming|later this|later in)\b")
# words that may stand between a cue and its date, or before the date inside it
_DATE_LEADS = {"late", "early", "earlier", "later", "on", "in", "at", "over"}


def _weekday_back(published: dt.date, target: int, strict: bool = False) -> dt.date:
    back = (published.weekday() - target) % 7
    if strict and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


def _vague(text: str, published: dt.date) -> dt.date | None | bool:
    """Relative words and vague periods -> the latest day they can denote, on or before
    publication; False when the text is not one of them."""
    yesterday = published - dt.timedelta(days=1)
    week_start = published - dt.timedelta(days=published.weekday())
    month_start = published.replace(day=1)
    if text in ("today", "tonight", "this morning", "this afternoon", "this evening", "overnight", "earlier today",
                "this week", "this month", "this year"):
        return published
    if text in ("yesterday", "last night", "yesterday morning", "yesterday afternoon", "yesterday evening",
                "recent days", "the past few days", "the past days", "recent weeks", "the past week", "recently"):
        return yesterday
    if text in ("earlier this week", "early this week"):
        return max(week_start, yesterday)
    if text in ("last week", "late last week", "early last week"):
        return week_start - dt.timedelta(days=1)
    if text in ("earlier this month", "early this month"):
        return max(month_start, yesterday)
    if text in ("last month", "late last month", "early last month"):
        return month_start - dt.timedelta(days=1)
    if text in ("earlier this year", "early this year"):
        return max(published.replace(month=1, day=1), yesterday)
    if text in ("last year",):
        return published.replace(month=1, day=1) - dt.timedelta(days=1)
    if text in ("the weekend", "this weekend", "last weekend", "the weekend's"):
        return published if published.weekday() >= 5 and text != "last weekend" else week_start - dt.timedelta(days=1)
    m = _AGO.match(text)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else _NUMBERS[m.group(1)]
        return published - dt.timedelta(days=n * (7 if m.group(2) == "week" else 1))
    return False


def _clean(expression: str, lead: re.Pattern = _LEAD) -> str:
    """Lower-case, without a possessive and leading `late`, `on`, `earlier in` ..."""
    text = " ".join(expression.lower().replace("’", "'").split())
    text = re.sub(r"'s$", "", text).strip(" ,")
    while True:
        stripped = lead.sub("", text)
        if stripped == text:
            return text
        text = stripped


def resolve(expression: str, published: dt.date | None) -> tuple[dt.date | None, str]:
    """A date expression read against the publication date -> (date, date_source).

    date_source is `explicit` (a day and month in the text), `relative` (resolved against
    publication), or, when the expression gives no day, `published` with no date.
    """
    raw = " ".join(expression.lower().split())
    text = _clean(expression)
    if _FUTURE.search(raw):
        return None, "published"  # "next week": not when anything was said
    has_year = bool(_YEAR.search(text))
    has_day = bool(_NUMERIC_DATE.search(text) or (_MONTH.search(text) and _DAY_NUMBER.search(_YEAR.sub("", text))))
    if published is None:
        if has_year and has_day:
            parsed = dateparser.parse(text, settings={"REQUIRE_PARTS": ["day", "month", "year"]})
            if parsed is not None:
                return parsed.date(), "explicit"
        return None, "unknown"
    for variant in (_clean(expression, _PREP), text):  # "earlier this month" before "this month"
        vague = _vague(variant, published)
        if vague is not False:
            return vague, "relative"
    if "last week" in text or "this week" in text:  # "Tuesday last week"
        m = _WEEKDAY.search(text)
        if m:
            base = published - dt.timedelta(days=published.weekday() + (1 if "last" in text else -6))
            return _weekday_back(min(base, published), WEEKDAYS.index(m.group(1))), "relative"
    m = _WEEKDAY.search(text)
    if m and not _HAS_DIGIT_OR_MONTH.search(text):
        target = WEEKDAYS.index(m.group(1).lower())
        return _weekday_back(published, target, strict=text.startswith("last ")), "relative"
    if not has_day:
        return None, "published"  # no day to read ("the 1990s", "in March")
    base = dt.datetime.combine(published, dt.time(23, 59))
    parsed = dateparser.parse(_WEEKDAY.sub("", text).strip(" ,"), settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"],
        "RETURN_AS_TIMEZONE_AWARE": False})
    if parsed is None:
        return None, "published"
    day = parsed.date()
    if day > published and not has_year:
        try:
            day = day.replace(year=day.year - 1)
        except ValueError:  # 29 February
            day = day.replace(year=day.year - 1, day=28)
    if day > published:
        return None, "published"  # a future date is not when anything was said
    return day, "explicit"


def _widen(ent: Span) -> Span:
    """Take in a leading `late`/`early`/`on` the NER left out (`late on Monday`)."""
    doc, start = ent.doc, ent.start
    while start > 0 and doc[start - 1].lower_ in _DATE_LEADS:
        start -= 1
    return doc[start:ent.end]


def _right_after_cue(cue: Token, expr: Span, ent: Span) -> bool:
    """`said on Monday it would ...`: the date follows the cue at once, and is not the reported
    clause's subject or a possessor (`said Friday's vote ...`, `said Friday was ...`)."""
    doc = cue.doc
    i = cue.i + 1
    while i < expr.start and (doc[i].dep_ == "prt" or doc[i].is_punct or doc[i].lower_ in ("reporters", "journalists")):
        i += 1
    if i != expr.start:
        return False
    if ent.root.dep_ in ("nsubj", "nsubjpass", "poss", "attr") or (ent.end < len(doc) and doc[ent.end].text in ("'s", "’s")):
        return False
    return True


def _date_expressions(cue: Token, content: Span) -> list[Span]:
    """DATE/TIME entities attached to the reporting verb, outside the statement's content,
    nearest to the cue first."""
    doc = cue.doc
    found = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if ent.root.sent != cue.sent:
            continue
        expr = _widen(ent)
        if content.start <= ent.start < content.end:
            if expr.start > cue.i and _right_after_cue(cue, expr, ent):
                found.append(expr)
            continue
        node, hops = ent.root, 0
        while node != cue and node.head != node and hops < 8:
            if content.start <= node.i < content.end:
                break
            node, hops = node.head, hops + 1
        if node == cue:
            found.append(expr)
    # the nearest first: a dateline's date ("KYIV, Feb 27 (Reuters) -") is the farthest
    return sorted(found, key=lambda e: min(abs(e.start - cue.i), abs(e.end - 1 - cue.i)))


def _names(st) -> set[str]:
    return {(sp.name or "").lower() for sp in (st.speakers or []) if sp.name}


class StatementDates:
    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published
        statements = doc._.statements or []
        for st in statements:
            cue = st.cue.root
            chosen = None
            for expr in _date_expressions(cue, st.content):
                day, source = resolve(expr.text, published)
                if day is not None:
                    chosen = (day, source, expr.text)
                    break
            st.date, st.date_source, st.date_text = chosen if chosen else (None, "unknown", "")
        previous = None
        for k, st in enumerate(statements):
            if st.date is None and st.frame == "floating" and previous is not None:
                # a floating quotation was said when the statement it continues was
                st.date, st.date_source, st.date_text = previous.date, previous.date_source, previous.date_text
            elif st.date is None:
                names = _names(st)
                for earlier in reversed(statements[:k]):
                    if names and names <= _names(earlier):
                        if earlier.date_source in ("explicit", "relative"):
                            st.date, st.date_source, st.date_text = earlier.date, earlier.date_source, earlier.date_text
                        break
            if st.date is None:
                st.date, st.date_source = (published, "published") if published is not None else (None, "unknown")
            previous = st
        return doc


@Language.factory("demarche_dates")
def make_statement_dates(nlp: Language, name: str) -> StatementDates:
    return StatementDates()
