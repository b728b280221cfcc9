"""Reading the parse: a speaker's noun phrase, a verb's subject, a clause's span, and the trims
that keep the reporter's framing out of speakers and content.

Shared by every construction in the statements component. No cue lists here (see cues.py),
only the grammar of news reporting: neither a speaker nor reported content ever starts with a
dateline (`KYIV, Feb 27 (Reuters) -`), and content never starts with the reporter's framing
(`that`, `on Monday`, `on condition of anonymity`, `in an op-ed`).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .quotes import MARKS

_RIGHT_KEEP = {"compound", "flat", "nummod", "poss", "case", "amod", "quantmod"}
_SPEAKER_PREPS = {"of", "for", "at", "from", "by"}
_MARK_TOKENS = set(MARKS) | {"''", "``", "'", "‘", "’", "'''"}
_SENT_END = {".", "!", "?"}
_DASHES = {"—", "–", "--", "―"}
_FRACTIONS = {"half", "third", "thirds", "quarter", "quarters", "fifth", "fifths"}
_MODALS = {"will", "would", "could", "might", "may", "shall", "should", "'ll", "’ll", "'d", "’d", "can", "must"}
_GATHERING = {"meeting", "gathering", "gathered", "convening"}  # participles parsed as a noun after the subject
_CONTRAST = {"as", "while", "whereas", "before", "after", "despite"}
# nouns of the occasion on which something was said ("in a statement", "at a news conference")
_VENUES = {"statement", "interview", "speech", "conference", "briefing", "email", "e-mail", "tweet", "post",
           "letter", "release", "call", "appearance", "rally", "debate", "hearing", "meeting", "session",
           "address", "remark", "remarks", "broadcast", "show", "program", "programme", "podcast", "radio",
           "television", "twitter", "facebook", "video", "message", "note", "op-ed", "column", "blog",
           "update", "event", "news", "summit", "visit", "trip", "stop", "forum", "town", "hall", "dinner",
           "breakfast", "lunch", "reception", "ceremony", "parliament", "senate", "floor", "chamber", "court",
           "condition", "anonymity", "background"}


def _is_venue(t: Token) -> bool:
    """A noun of the occasion on which something was said (`statement`, `briefing`, `op-ed`)."""
    if t.lemma_.lower() in _VENUES or t.lower_ in _VENUES:
        return True
    doc = t.doc
    return t.lower_ == "ed" and t.i >= 2 and doc[t.i - 1].text == "-" and doc[t.i - 2].lower_ == "op"  # "op - ed"


# verbs that carry an infinitive of saying: "went on to say", "took to Twitter to write"
_CARRIERS = {"go", "take", "continue", "use", "rise", "pause", "stop", "turn", "return", "hasten", "rush", "begin"}


def noun_phrase(token: Token) -> Span:
    """The speaker's noun phrase without trailing clauses or asides.

    `a NATO official speaking on condition of anonymity` -> `a NATO official`;
    `the spokesman for the foreign ministry` keeps its `for` phrase (whom he speaks for).
    """
    doc = token.doc
    start = token.left_edge.i
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in _RIGHT_KEEP or (child.dep_ == "prep" and child.lower_ in _SPEAKER_PREPS):
            end = max(end, child.right_edge.i + 1)
        elif child.dep_ in ("conj", "cc") or (child.dep_ == "punct" and child.text == ",") or child == list_appos(token):
            # coordination: keep the conjuncts ("Poland and the Czech Republic")
            if any(c.dep_ == "conj" for c in token.rights) or list_appos(token) is not None:
                end = max(end, child.right_edge.i + 1)
            else:
                break
        else:
            break
    # a dateline is never part of a speaker: "KYIV, Feb 27 (Reuters) - Ukraine said ..."
    start = max(start, _dateline_end(doc, start, token.i))
    # a left edge reaching into a quotation or a previous clause (parse noise) is cut
    while start < token.i and (_is_mark(doc[start]) or doc[start].is_punct or doc[start].is_space):
        start += 1
    span = doc[start:end]
    while len(span) > 1 and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    while len(span) > 1 and (span[0].is_punct or span[0].is_space):
        span = span[1:]
    return span


def list_appos(token: Token) -> Token | None:
    """The second item of a list of places parsed as an apposition to the first (`Austria,
    Croatia, the Czech Republic and Hungary`: Croatia appos, the rest its or Austria's conjuncts)."""
    if token.ent_type_ not in ("GPE", "ORG"):
        return None
    listing = any(c.dep_ == "conj" for c in token.children)
    return next((c for c in token.rights if c.dep_ == "appos" and c.ent_type_ == token.ent_type_
                 and (listing or any(x.dep_ == "conj" for x in c.children))), None)


_TIME_STAMP = re.compile(r"^(\d{1,2}[:.]\d{2}|\d{4}|GMT|BST|CET|CEST|EET|UTC|ET|EST|EDT|PT|local|am|pm|a\.m\.|p\.m\.)$", re.I)


def _dateline_end(doc: Doc, start: int, limit: int) -> int:
    """Past a dateline that opens `doc[start:limit]`, if one does: `KYIV, Feb 27 (Reuters) -`,
    `WASHINGTON/ANKARA, Jan 27 -`, `VILNIUS, July 12, 2023 (AFP) -`: capitalised words, a date or
    an agency, then a dash standing on its own. Else `start`."""
    for i in range(start, min(limit, start + 16)):
        t = doc[i]
        if t.text in _DASHES or t.text in ("-", "--"):
            if i == start or not (t.whitespace_ or i + 1 == len(doc)) or not doc[i - 1].whitespace_:
                return start  # a hyphen, not a dash
            before = doc[start:i]
            if all(_TIME_STAMP.match(x.text) for x in before):
                return i + 1  # a live blog's time stamp: "09:30 - Borrell"
            if any(x.pos_ in ("VERB", "AUX") and x.tag_ not in ("NNP",) and not x.is_title for x in before):
                return start
            if not (before[0].is_upper or before[0].is_title):
                return start
            if any(x.ent_type_ in ("DATE", "GPE") or x.text == ")" or (x.is_upper and len(x) > 2) for x in before):
                return i + 1
            return start
        if "\n" in t.text or "\n" in t.whitespace_:
            return start
    return start


def clause_span(token: Token, exclude: Span | None = None) -> Span:
    """A token's subtree as a span, without a leading complementiser or edge punctuation."""
    doc = token.doc
    start, end = token.left_edge.i, token.right_edge.i + 1
    if exclude is not None and exclude.start <= start < exclude.end:
        start = exclude.end
    while start < end - 1 and ((doc[start].is_punct and not _is_mark(doc[start])) or doc[start].is_space
                               or (doc[start].dep_ == "mark" and doc[start].head == token)):
        start += 1
    while end - 1 > start and ((doc[end - 1].is_punct and not _is_mark(doc[end - 1])) or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def _participle_opener(t: Token, verb: Token) -> bool:
    """`Announcing the deal in Doha, ...`: a gerund or participle at the start of the sentence,
    its phrase closed by a comma before the verb."""
    return (t.tag_ in ("VBG", "VBN") and t.i == t.sent.start and t.i < verb.i
            and any(x.text == "," for x in t.doc[t.i:verb.i]))


def subject_of(verb: Token) -> Token | None:
    """The grammatical speaker of a reporting verb, following coordination and participles."""
    # a participle opening the sentence is an adjunct, not the speaker, though the parser may
    # call it a clausal subject: "Announcing the deal in Doha, the prime minister said ..."
    subjects = [c for c in verb.children if c.dep_ == "nsubj" or (c.dep_ == "csubj" and not _participle_opener(c, verb))]
    if len(subjects) > 1:
        # two subjects is a parse error, most often a dateline taken for one ("KYIV, Feb 27 (Reuters) -
        # Ukraine's air force said"): the one nearest the verb is the speaker
        before = [c for c in subjects if c.i < verb.i]
        subjects = [before[-1] if before else subjects[0]]
    for child in subjects + [c for c in verb.children if c.dep_ == "agent"]:
        if child.dep_ in ("nsubj", "csubj"):
            if child.tag_ in ("WP", "WDT") or child.lower_ in ("who", "which", "that"):
                # "X, who said ...": the relative pronoun is the subject; speakers.py resolves it to X
                return child if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON") else None
            if child.lower_ in _GATHERING:
                # "EU ministers meeting in Luxembourg adopted ...", parsed as a "ministers meeting"
                return next((c for c in child.children if c.dep_ == "compound" and c.i == child.i - 1), child)
            return child
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head)
    quoted = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "as" else verb.head
    if verb.tag_ == "VBG" and quoted.lemma_.lower() == "quote" and quoted.pos_ == "VERB" and verb.i > quoted.i:
        # "state media quoted him as saying ...", "the minister was quoted as saying ...": the one quoted
        quoted_one = next((c for c in quoted.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if quoted_one is not None:
            return quoted_one
    if verb.dep_ in ("advcl", "xcomp", "pcomp", "acl", "conj") and verb.tag_ == "VBG" and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head)
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head.head)  # "has soared in the polls by saying that ..."
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _CARRIERS and verb.head.pos_ == "VERB":
        return subject_of(verb.head)  # "the email goes on to say", "she took to Twitter to say"
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN") and verb.i > verb.head.i:
        return verb.head  # "staff members suggesting ...", "a statement saying that ..."
    # "..., the defence ministry in Moscow said." with the speaker parsed as an apposition to the
    # clause's last noun: the apposition ending right before a sentence-final verb
    if verb.dep_ in ("ROOT", "parataxis") and verb.i > 1 and all(
            t.is_punct or t.is_space for t in verb.doc[verb.i + 1:verb.i + 2]):
        prev_word = verb.doc[verb.i - 1]
        appos = next((a for a in [prev_word] + list(prev_word.ancestors)
                      if a.dep_ == "appos" and a.right_edge.i == verb.i - 1 and a.i < verb.i), None)
        if appos is not None and appos.pos_ in ("NOUN", "PROPN") and verb.doc[appos.left_edge.i - 1].text == ",":
            return appos
    # "After a meeting with Blinken, the foreign ministers of Jordan and Egypt called for ...": the
    # subject parsed as an apposition inside the opening phrase, which hangs on the verb
    if verb.dep_ == "ROOT" and verb.i > 1 and not any(c.dep_ in ("nsubjpass", "expl") for c in verb.children):
        # a root's subtree is its sentence, so its left edge is the sentence start (Token.sent walks the doc)
        opening = next((c for c in verb.children if c.dep_ == "prep" and c.i == verb.left_edge.i), None)
        appos = next((t for t in (opening.subtree if opening is not None else [])
                      if t.dep_ == "appos" and t.pos_ in ("NOUN", "PROPN") and t.left_edge.i > 0
                      and verb.doc[t.left_edge.i - 1].text == ","), None)
        if appos is not None:
            return appos
    # "In a meeting with the Washington Post Trump said ...": a name right before a finite main verb
    # that has no subject is its subject, whatever the parse made of it
    if verb.dep_ == "ROOT" and verb.tag_ in ("VBD", "VBZ", "VBP") and verb.i > 0 and not any(
            c.dep_ in ("nsubjpass", "expl") for c in verb.children):
        prev_word = verb.doc[verb.i - 1]
        entity = prev_word.ent_type_ or next((c.ent_type_ for c in prev_word.children if c.dep_ == "compound" and c.ent_type_), "")
        if entity in ("PERSON", "ORG", "GPE", "NORP") and prev_word.pos_ == "PROPN" \
                and prev_word.dep_ in ("pobj", "compound", "dobj", "appos", "npadvmod"):
            return prev_word
        # "In a joint statement after the vote, Britain, France and Germany said ...": the list parsed
        # as more conjuncts of the opening phrase's noun; its first name after the comma is the subject
        first = prev_word
        while first.dep_ == "conj" and first.head.pos_ == "PROPN" and first.head.i < first.i:
            first = first.head
        if first.dep_ == "conj" and first is not prev_word and first.head.pos_ == "NOUN" and first.pos_ == "PROPN" \
                and first.ent_type_ in ("GPE", "ORG", "NORP", "PERSON") and verb.doc[first.i - 1].text == ",":
            return first
        # "Announcing the deal in Doha, Prime Minister and Foreign Minister Sheikh Mohammed ... said":
        # titles and name parsed as conjuncts of the opening phrase; the name is the subject
        if entity == "PERSON" and prev_word.pos_ == "PROPN" and prev_word.dep_ == "conj":
            return prev_word
    # inverted, right after a quotation: '"...," said Novak' when the parser missed the subject
    prev = verb.doc[verb.i - 1] if verb.i > 0 else None
    if prev is not None and (prev.text in _MARK_TOKENS or (prev.text == "," and verb.i > 1 and verb.doc[verb.i - 2].text in _MARK_TOKENS)):
        nxt = next((c for c in verb.rights if c.dep_ in ("dobj", "attr", "npadvmod", "appos", "dep", "oprd")
                    and c.pos_ in ("PROPN", "NOUN") and c.left_edge.i == verb.i + 1), None)
        if nxt is not None:
            return nxt
    return None


class SentenceIndex:
    """Sentence of a token by bisection; spaCy's `Token.sent` walks the whole document each time."""

    def __init__(self, doc: Doc):
        import bisect

        self._bisect = bisect.bisect_right
        self.doc = doc
        self.starts = [s.start for s in doc.sents] if len(doc) else [0]
        self.ends = self.starts[1:] + [len(doc)]

    def of(self, i: int) -> Span:
        k = max(self._bisect(self.starts, i) - 1, 0)
        return self.doc[self.starts[k]:self.ends[k]]


def is_relative(t: Token) -> bool:
    """A relative pronoun subject (`who` in `X, who said ...`); its antecedent is `t.head.head`."""
    return t.lower_ in ("who", "which", "that") and t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "relcl"


def _is_mark(t: Token) -> bool:
    return t.text in _MARK_TOKENS


def _words(tokens) -> list[Token]:
    return [t for t in tokens if not (t.is_punct or t.is_space or _is_mark(t))]


def _overlaps(token: Token, qset: set[int]) -> bool:
    return token.left_edge.i <= max(qset) and token.right_edge.i >= min(qset) and any(
        t.i in qset for t in token.subtree)


def _descends(t: Token, ancestor: Token) -> bool:
    while t.head != t:
        if t.head == ancestor:
            return True
        t = t.head
    return False


def _runs(doc: Doc, indices, lo: int, hi: int) -> list[tuple[int, int]]:
    """Character pieces of the contiguous runs of `indices` within [lo, hi), edge punctuation trimmed."""
    keep = sorted(i for i in set(indices) if lo <= i < hi)
    runs, start, prev = [], None, None
    for i in keep:
        if start is None:
            start = prev = i
        elif i == prev + 1:
            prev = i
        else:
            runs.append((start, prev + 1))
            start = prev = i
    if start is not None:
        runs.append((start, prev + 1))
    out = []
    for s, e in runs:
        span = _trim_span(doc[s:e])
        if _words(span):
            out.append((span.start_char, span.end_char))
    return out


def _trim_lead(span: Span) -> Span:
    """Reported content never starts with the reporter's framing: a dateline (`KYIV, Feb 27
    (Reuters) -`), a complementiser (`that`), a time (`on Monday`, `late on Tuesday`) or the
    terms of speaking (`on condition of anonymity`, `in a statement`) ahead of the clause."""
    doc = span.doc
    start, end = span.start, span.end
    start = _dateline_end(doc, start, end)
    for _ in range(6):
        if end - start < 2:
            break
        t = doc[start]
        if (t.is_punct and not _is_mark(t)) or t.is_space:
            start += 1
            continue
        if t.lower_ == "that" and (t.dep_ == "mark" or t.tag_ == "IN"):
            start += 1
            continue
        head = t
        if t.dep_ == "advmod" and t.lower_ in ("late", "early", "earlier", "later") and t.i + 1 < end \
                and doc[t.i + 1].dep_ == "prep":
            head = doc[t.i + 1]  # "late on Monday"
        if head.dep_ == "prep" and head.lower_ in ("on", "in", "at", "during", "over", "after", "before"):
            pobj = next((c for c in head.children if c.dep_ == "pobj"), None)
            stop = head.right_edge.i + 1
            nxt = doc[stop] if stop < end else None
            if pobj is not None and stop < end - 1 and (pobj.ent_type_ in ("DATE", "TIME")
                                                        or pobj.lemma_.lower() in ("condition", "anonymity", "background")
                                                        or (_is_venue(pobj) and nxt is not None and (
                                                            nxt.text == "," or (nxt.lower_ == "that" and nxt.dep_ == "mark")
                                                            or (nxt.dep_ == "prep" and any(x.ent_type_ in ("DATE", "TIME")
                                                                                            for x in nxt.children))))):
                start = stop
                continue
        if t.ent_type_ in ("DATE", "TIME") and t.dep_ == "npadvmod" and t.right_edge.i + 1 < end - 1 \
                and doc[t.right_edge.i + 1].text in (",", "that"):
            start = t.right_edge.i + 1
            continue
        break
    return span if start == span.start else _trim_span(doc[start:end])


def _reported_form(head: Token, verb: Token) -> bool:
    """A verb of saying after `and` in a reported clause that cannot be the speaker's own next act:
    it has a modal of its own (`said she had not seen it and would not comment`) or it is a bare
    form or participle that shares the clause's auxiliary (`said they would expand the programme and
    push for reform`, `said he has not held fundraisers and never called a donor`) while the
    reporting verb is finite (`said`, `says`) - the speaker's next act would share its tense."""
    auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _MODALS for a in auxes):
        return True
    return head.tag_ in ("VB", "VBN") and not auxes and verb.tag_ in ("VBD", "VBZ", "VBP")


def _has_verb(tokens) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in tokens)


def _trim_span(span: Span) -> Span:
    while len(span) > 1 and ((span[0].is_punct and not _is_mark(span[0])) or span[0].is_space):
        span = span[1:]
    while len(span) > 1 and ((span[-1].is_punct and not _is_mark(span[-1])) or span[-1].is_space):
        span = span[:-1]
    return span


def _cue_span(verb: Token) -> Span:
    doc = verb.doc
    end = verb.i + 1
    for c in verb.rights:
        if c.dep_ == "prt" and c.i == end:
            end = c.i + 1
    return doc[verb.i:end]
