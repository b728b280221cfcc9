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

What counts as the cue's: the parse path from the date must reach the cue without entering the
content or a relative clause (`Russia, which on Friday vetoed ..., voted`), and the date must not
say which thing is meant (`calling it a reward for terrorism seven months after the attack of
Oct. 7`; `Tuesday's press conference` is the occasion and counts). The content is its
pieces when an attribution interrupts a quotation (`"...," he wrote on X late on Monday. "..."`:
the date is the attribution's). A participle or a second verb of the same subject takes the date
of the verb it hangs on (`welcomed the vote on Tuesday, saying ...`); a relative clause on an
object, that of the clause that introduced the object (`signed an agreement on Thursday under which
Washington commits ...`). An official act's content is its own predicate, so a date in it is the
act's (`Erdogan signed the legislation on Thursday`). A date given by reference (`the same day`,
`later that day`, `a day later`, `told reporters afterwards`) counts from the nearest earlier date
the narrative gave outside quotations.

No date of its own, in this order:

* a sentence just before, in the same paragraph (the nearest of up to four), has the same speaker
  as its subject (or, for a document, issued it) and a date on its main verb: that date
  (`Stoltenberg welcomed the vote on Tuesday. "...," he said.`; `G20 leaders adopted their
  declaration on Monday. The text ...`);
* a document's words (`the declaration welcomed ...`) date from the verb that adopted or issued the
  same document named before (`G20 leaders adopted their joint declaration on Monday`);
* the latest earlier statement by the same speaker that had one (wire copy dates the first quote
  and not the rest: `Tusk said on Monday ...`, later `Tusk added ...`), with its `date_source`;
* a report of a dated event: when the article's first dated statement or act (`The U.N. Security
  Council on Monday demanded ...`, `Hegseth told allies in Brussels on Wednesday ...`) comes early
  in the text and in the week before publication, and the article is not a live blog
  (time-stamped entries are written on the day), a statement in the simple past takes the day the
  story has reached in its section (the latest date on the main verb of a past-tense sentence
  since the last crosshead: `On Friday, Putin went further ...`), else the event's day; a
  statement in the present tense (`Israel says`) is dated by publication. When no dated statement
  opens the story, the day its lead narrates is the event's (`Leaders ... ended an extraordinary
  summit in Riyadh on Saturday`); a dateline's day (`UNITED NATIONS, June 11 —`) is not narrated.
  This is the gold rule "plainly part of a dated event": on the development splits the reactions
  to a person's dated remark in the lead were dated to its day as well;
* the publication date (`published`); no publication date either: `unknown`. A date is never
  invented.

How each date was found is left on `Statement.date_how` for the actor resolver, which dates
a described office by its named holder and a reaction by the same actor's next sentence.
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
_SHORT_PREP = re.compile(r"^(on|in|at)\s+")  # before a day given by reference ("on the same day")
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b")
_DAY_NUMBER = re.compile(r"\b\d{1,2}(st|nd|rd|th)?\b")
_FUTURE = re.compile(r"\b(next|tomorrow|coming|later this|later in)\b")
# words that may stand between a cue and its date, or before the date inside it
_DATE_LEADS = {"late", "early", "earlier", "later", "on", "in", "at", "over"}
# Statement.date_how says how a date was found: own (words on its cue), inherited (the sentence
# before, the same speaker, a floating quotation), narrative, event or published. The actor
# resolver reads it to date a statement by the next one of the same actor.
# Documents that speak (`the declaration welcomed ...`): dated by the verb that issued them, and
# speaking for their issuer (actors.py). Issuing verbs make their subject the issuer ("G20 leaders
# adopted their declaration"); not `sign` or `back`: a signatory or a supporter is not the issuer.
DOCUMENT_NOUNS = {"statement", "declaration", "communique", "communiqué", "text", "readout", "resolution"}
ISSUING_VERBS = {"adopt", "issue", "release", "publish", "agree", "approve", "unveil", "pass", "put", "endorse"}


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


def _inside(ent: Span, pieces: list[tuple[int, int]]) -> bool:
    return any(a <= ent.start_char < b for a, b in pieces)


def _governor(cue: Token) -> Token | None:
    """The verb a participle or second verb of the cue's subject hangs on: `welcomed the vote on
    Tuesday, saying ...`, `met Biden on Monday and said ...` (that verb's date is the cue's)."""
    head = cue.head
    if head == cue:
        return None
    if cue.dep_ == "relcl" and cue.head.dep_ in ("dobj", "pobj", "attr"):
        # "signed an agreement on Thursday under which Washington commits ...": the clause that
        # introduced the noun dates what the relative clause says of it
        node = cue.head
        while node.dep_ in ("pobj", "prep") and node.head != node:
            node = node.head
        if node.dep_ in ("dobj", "attr"):
            node = node.head
        return node if node.pos_ in ("VERB", "AUX") and node != cue else None
    if head.pos_ not in ("VERB", "AUX"):
        return None
    if cue.dep_ == "advcl" and cue.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        return head
    if cue.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        return head
    return None


def _date_expressions(cue: Token, content: Span, pieces: list[tuple[int, int]] | None = None,
                      dates: list[Span] | None = None) -> list[Span]:
    """DATE/TIME entities attached to the reporting verb, outside the statement's content,
    nearest to the cue first. `pieces` are the content's character pieces when an attribution
    interrupts it (`"...," he wrote on X late on Monday. "..."`): a date between them is the
    attribution's. Dates of the verb a participial cue hangs on come after the cue's own.
    `dates`: the doc's DATE and TIME entities, when the caller has collected them already."""
    doc = cue.doc
    if not pieces:
        pieces = [(content.start_char, content.end_char)] if len(content) else []
    governor = _governor(cue)
    found, governed = [], []
    sent = cue.sent
    if dates is None:
        dates = [e for e in doc.ents if e.label_ in ("DATE", "TIME")]
    for ent in dates:
        if not sent.start <= ent.root.i < sent.end:
            continue
        expr = _widen(ent)
        if expr.start > cue.i and _right_after_cue(cue, expr, ent):
            found.append(expr)  # "said on Monday it would ...", whichever clause the parser hung it on
            continue
        if _inside(ent, pieces):
            continue
        if _names_a_thing(ent):
            continue
        node, hops = ent.root, 0
        while node != cue and node != governor and node.head != node and hops < 8:
            if _inside(doc[node.i:node.i + 1], pieces) or node.dep_ in ("relcl", "acl") and not (
                    node.lemma_.lower() in ISSUING_VERBS and node.head.lemma_.lower() in DOCUMENT_NOUNS
                    and node.head.dep_ == "pobj" and node.head.head.lower_ == "in"):
                # a relative clause keeps its own date ("Russia, which on Friday vetoed ..., voted"), except
                # the issue of the statement the words were said in ("In a statement released late on
                # Tuesday, Biden said ...")
                break
            node, hops = node.head, hops + 1
        if node == cue:
            found.append(expr)
        elif governor is not None and node == governor:
            governed.append(expr)

    # the nearest first: a dateline's date ("KYIV, Feb 27 (Reuters) -") is the farthest
    def near(e: Span) -> int:
        return min(abs(e.start - cue.i), abs(e.end - 1 - cue.i))
    return sorted(found, key=near) + sorted(governed, key=near)


def _names_a_thing(ent: Span) -> bool:
    """`the attack of Oct. 7`, `the Oct. 7 attack`: a date that says which thing is meant, not
    when the words were said (but `Tuesday's press conference` is the occasion, and dates them)."""
    root = ent.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ in ("NOUN", "PROPN"):
        return True
    return root.dep_ in ("compound", "nmod", "amod") and root.head.pos_ in ("NOUN", "PROPN") \
        and root.head.ent_type_ not in ("DATE", "TIME")


def _names(st) -> set[str]:
    return {(sp.name or "").lower() for sp in (st.speakers or []) if sp.name}


# A date given by reference to the one before it: "The same day, Cameron said", "Later that day",
# "A day later", "told reporters afterwards". Offset in days from the referent.
_ANAPHORIC = [
    (re.compile(r"^(the )?(same|that) (day|evening|night|morning|afternoon)$|^later (that|the same) (day|evening|night)$"
                r"|^earlier (that|the same) day$"), 0),
    (re.compile(r"^(the )?(next|following) (day|morning)$|^(a|one) day later$|^the day after$"), 1),
    (re.compile(r"^(the )?(previous|preceding) day$|^the day before$|^(a|one) day (earlier|before)$"), -1),
]
_AFTERWARDS = {"afterwards", "afterward", "later", "subsequently"}
_LOOKBACK = 4  # sentences of the same paragraph searched for the speaker's own dated clause
# A live blog's entries start with a time of day ("17:55 — Washington weighs in"): written that day.
_TIMESTAMP = re.compile(r"^\s*\d{1,2}[:.]\d{2}\b", re.M)
_EVENT_WINDOW = 7  # days: an event further back than this is background, not the news of the day
_EVENT_LEAD = 0.4  # the event is the first dated statement in this leading share of the text


def _a_day(expression: str) -> bool:
    """Whether an expression names one day (`on Friday`, `Feb. 26`, `yesterday`), not a period
    (`this week`, `in recent days`, `last month`): only a day can date what follows it."""
    text = _clean(expression)
    if _WEEKDAY.search(text) or _NUMERIC_DATE.search(text) or (_MONTH.search(text) and _DAY_NUMBER.search(text)):
        return True
    return text in ("today", "tonight", "this morning", "this afternoon", "this evening", "overnight",
                    "yesterday", "last night", "yesterday morning", "yesterday afternoon", "yesterday evening")


def _live_blog(text: str) -> bool:
    return len(_TIMESTAMP.findall(text)) >= 2


def _past(cue: Token, speaker: Span | None = None) -> bool:
    """A cue in the simple past (`said`, `voted`); a participle takes its governor's tense, an
    infinitive or participle whose doer is another verb's subject that verb's (`Chile and Peru
    were the two members to vote against`)."""
    verb = _governor(cue) if cue.tag_ == "VBG" else cue
    if cue.tag_ in ("VB", "VBG") and speaker is not None and speaker.root.dep_ == "nsubj" \
            and speaker.root.head != cue:
        verb = speaker.root.head
    return verb is not None and verb.tag_ == "VBD"


def _anaphoric(text: str) -> int | None:
    text = " ".join(text.lower().replace(",", " ").split())
    for pattern, offset in _ANAPHORIC:
        if pattern.match(text):
            return offset
    return None


def _sentence_before(doc: Doc, sent: Span) -> Span | None:
    """The sentence before, in the same paragraph (no blank line between)."""
    i = sent.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0:
        return None
    # the characters between the two sentences (doc.text would rebuild the whole article)
    if "\n\n" in doc[i].whitespace_ + "".join(t.text_with_ws for t in doc[i + 1:sent.start]):
        return None
    return doc[i].sent


def _quoted(doc: Doc) -> list[tuple[int, int]]:
    quotations = doc._.quotations if doc.has_extension("quotations") and doc._.quotations else []
    return [piece for q in quotations for piece in q.pieces]


class StatementDates:
    def _own(self, st, published):
        """(date, source, text) from words attached to the cue, an anaphoric offset to resolve,
        or None."""
        cue = st.cue.root
        # an act's content is its own predicate ("signed the law on Thursday"): its dates are the act's
        content, pieces = (st.content[0:0], []) if st.kind == "act" else (st.content, st.spans)
        for expr in _date_expressions(cue, content, pieces, self._dates):
            offset = _anaphoric(_clean(expr.text, _SHORT_PREP))
            if offset is not None:
                return ("anaphor", offset, expr.text)
            day, source = resolve(expr.text, published)
            if day is not None:
                return (day, source, expr.text)
        for child in cue.children:
            if child.dep_ == "advmod" and child.lower_ in _AFTERWARDS and not _inside(child.doc[child.i:child.i + 1], pieces):
                return ("anaphor", 0, child.text)
        return None

    def _referent(self, doc: Doc, before: int, published, quoted) -> tuple | None:
        """The latest day the narrative gave before a position: the nearest earlier date
        expression outside quotations that resolves to a day."""
        for ent in reversed([e for e in doc.ents if e.label_ == "DATE" and e.end_char <= before]):
            if any(a <= ent.start_char < b for a, b in quoted) or _anaphoric(_clean(ent.text)) is not None \
                    or not _a_day(ent.text):
                continue
            day, source = resolve(_widen(ent).text, published)
            if day is not None:
                return day, source, ent.text
        return None

    def _previous_clause(self, doc: Doc, st, published) -> tuple | None:
        """`Stoltenberg also welcomed the vote on Tuesday. "...," he said.`: an undated statement
        after a sentence of the same paragraph whose subject is the same speaker (or, for a
        document, that issued it) and whose main verb carries a date, was made that day (the
        nearest such sentence, a few sentences back at most: `Biden and Xi met on Saturday.` ...
        `The Taiwan question, he said, ...`)."""
        prev = doc[min(st.sentence.start, st.cue.start)].sent
        surnames = {sp.name.split()[-1].lower() for sp in (st.speakers or []) if sp.name}
        document = st.speaker is not None and st.speaker.root.lemma_.lower() in DOCUMENT_NOUNS
        for _ in range(_LOOKBACK):
            prev = _sentence_before(doc, prev)
            if prev is None:
                return None
            root = prev.root
            subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
            words = {t.lower_ for subj in subjects for t in subj.subtree}
            if not subjects:  # the parser missed the subject ("On Sunday Biden became ..."): the names before the verb
                words = {t.lower_ for t in doc[prev.start:root.i] if t.pos_ == "PROPN"}
            same = bool(surnames & words) or any(sp.full is not None and prev.start <= sp.full.start < prev.end
                                                 and any(sp.full.start <= s.i < sp.full.end for s in subjects)
                                                 for sp in (st.speakers or []))
            if not same and document:
                # "G20 leaders adopted their joint declaration on Monday. The text calls for ..."
                same = any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in DOCUMENT_NOUNS for c in root.children)
            if not same:
                continue
            # what that sentence reports is not its verb's ("said it was outrageous that the text
            # failed to name the perpetrators of the October 7 attacks")
            reported = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in root.children
                        if c.dep_ in ("ccomp", "csubj", "parataxis")]
            for expr in _date_expressions(root, doc[root.i:root.i], reported, self._dates):
                day, source = resolve(expr.text, published)
                if day is not None:
                    return day, source, expr.text
        return None

    def _document(self, doc: Doc, st, published) -> tuple | None:
        """A document's words date from when it was issued: the date on the verb that adopted or
        issued the same document named before (`G20 leaders adopted their joint declaration on
        Monday` ... `the declaration welcomed ...`), or, for another word for it (`The text`), the
        latest single document named before."""
        if st.speaker is None or st.speaker.root.pos_ != "NOUN":
            return None
        head = st.speaker.root
        lemma = head.lemma_.lower()
        if lemma not in DOCUMENT_NOUNS:
            return None
        earlier = [t for t in reversed(doc[:st.speaker.start]) if t.pos_ == "NOUN" and t.lemma_.lower() in DOCUMENT_NOUNS]
        same = [t for t in earlier if t.lemma_.lower() == lemma]
        for t in same or [t for t in earlier if t.tag_ == "NN"]:
            verb = t.head
            if t.dep_ in ("dobj", "nsubjpass") and verb.lemma_.lower() in ISSUING_VERBS:
                for expr in _date_expressions(verb, doc[verb.i:verb.i], dates=self._dates):
                    day, source = resolve(expr.text, published)
                    if day is not None:
                        return day, source, expr.text
        return None

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published
        statements = doc._.statements or []
        quoted = _quoted(doc)
        self._dates = [e for e in doc.ents if e.label_ in ("DATE", "TIME")]  # read once per doc
        for st in statements:
            chosen = self._own(st, published)
            if chosen is not None and chosen[0] == "anaphor":
                ref = self._referent(doc, st.sentence.start_char, published, quoted)
                chosen = (ref[0] + dt.timedelta(days=chosen[1]), ref[1], chosen[2]) if ref is not None else None
                if chosen is not None and published is not None and chosen[0] > published:
                    chosen = None
            st.date, st.date_source, st.date_text = chosen if chosen else (None, "unknown", "")
        for st in statements:
            st.date_how = "own" if st.date is not None else ""
        previous = None
        for k, st in enumerate(statements):
            if st.date is None and st.frame == "floating" and previous is not None:
                # a floating quotation was said when the statement it continues was
                st.date, st.date_source, st.date_text = previous.date, previous.date_source, previous.date_text
            if st.date is None:
                found = self._previous_clause(doc, st, published) or self._document(doc, st, published)
                if found is not None:
                    st.date, st.date_source, st.date_text = found
            if st.date is None:
                names = _names(st)
                for earlier in reversed(statements[:k]):
                    if names and names <= _names(earlier):
                        if earlier.date_source in ("explicit", "relative"):
                            st.date, st.date_source, st.date_text = earlier.date, earlier.date_source, earlier.date_text
                        break
            previous = st
        text = doc.text  # rebuilt from the tokens on every access
        reported = published is not None and not _live_blog(text)  # a live blog's entries are written on the day
        narrative = self._narrative(doc, published, quoted) if reported else []
        event = self._event(statements, published, narrative, len(text)) if reported else None
        if event is not None:
            headings = _headings(text)
        for st in statements:
            if st.date is None and event is not None and _past(st.cue.root, st.speaker):
                # a report of a dated event: what was said in the past tense with no day of its own
                # was said on the day the story had reached in its section ("explanations of vote at
                # Monday's meeting"), else on the event's day
                at = st.sentence.start_char
                since = max([event[3]] + [h for h in headings if h <= at])
                told = [n for n in narrative if since <= n[0] < at]
                st.date, st.date_source, st.date_text = told[-1][1:] if told else event[:3]
                st.date_how = "narrative" if told else "event"
            if st.date is None:
                st.date, st.date_source = (published, "published") if published is not None else (None, "unknown")
                st.date_how = "published"
            st.date_how = st.date_how or "inherited"
        return doc

    @staticmethod
    def _event(statements, published, narrative, length: int) -> tuple | None:
        """The news an article reports, (date, source, text, position): its first dated statement
        or act, when that comes early in the text (`length` is the text's) and falls in the week
        before publication; when no dated statement opens the story,
        the first day its `narrative` reaches early on ("Leaders ... ended an extraordinary summit
        in the Saudi capital on Saturday"). Not for a live blog: the caller asks only of reports."""
        limit = length * _EVENT_LEAD
        for st in statements:
            if st.content.start_char > limit:
                break
            if st.date is not None and st.date_source in ("explicit", "relative"):
                if st.date < published and (published - st.date).days <= _EVENT_WINDOW:
                    return st.date, st.date_source, st.date_text, st.sentence.start_char
                return None
        if narrative and narrative[0][0] <= limit and narrative[0][1] < published:
            return narrative[0][1], narrative[0][2], narrative[0][3], narrative[0][0]
        return None

    @staticmethod
    def _narrative(doc: Doc, published, quoted) -> list[tuple]:
        """Days the story itself moves to, in order: (position, date, source, text) for each date
        on the main verb of a past-tense sentence outside quotations ("On Friday, Putin went
        further"), not in a relative clause, within the week before publication."""
        found = []
        for ent in doc.ents:
            if ent.label_ != "DATE" or any(a <= ent.start_char < b for a, b in quoted):
                continue
            sent = ent.root.sent
            if _dateline(ent, sent):
                continue
            root = sent.root
            node, hops = ent.root, 0
            while node != root and node.dep_ not in ("relcl", "acl", "ccomp") and hops < 10:
                node, hops = node.head, hops + 1
            if node != root or root.tag_ != "VBD" or _anaphoric(_clean(ent.text)) is not None or not _a_day(ent.text):
                continue
            day, source = resolve(_widen(ent).text, published)
            if day is not None and day <= published and (published - day).days <= _EVENT_WINDOW:
                found.append((ent.start_char, day, source, _widen(ent).text))
        return found


def _dateline(ent: Span, sent: Span) -> bool:
    """`UNITED NATIONS, June 11 — The Security Council ...`: the dateline's day is when the story
    was filed, not a day the story moves to (`sent`: the entity's sentence)."""
    doc = ent.doc
    sent_start = sent.start
    return ent.start - sent_start <= 6 and ent.end < len(doc) and doc[ent.end].text in ("—", "–", "-", "--", "(") \
        and any(t.text == "," for t in doc[sent_start:ent.start])


def _headings(text: str) -> list[int]:
    """Where crossheads start ("UNITED STATES", "How has Russia reacted?"): a line of its own
    that does not end a sentence, or asks a question. A new section goes back to the event."""
    starts, pos = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and len(stripped) < 80 and (stripped.endswith("?") or stripped[-1] not in '.!"”\'’:'):
            starts.append(pos)
        pos += len(line) + 1
    return starts


@Language.factory("demarche_dates")
def make_statement_dates(nlp: Language, name: str) -> StatementDates:
    return StatementDates()
