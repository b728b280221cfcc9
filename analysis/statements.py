"""Component `demarche_statements`: who said what, with cue, content and speaker spans.

Finds, in this order:

1. **Direct quotations** (`quotes.find_quotations`) and the reporting frame that attributes
   each one. A cue verb (data/cues.toml) attributes a quotation when

   * the quotation lies in the verb's complement (`X said: "..."`, `"...," X said`), or the
     verb hangs off the quotation as a parenthetical (`"...," he said, "..."`), or
   * only the verb's own words lie between them: its subject, its adjuncts and punctuation
     (`"...," said Jan Novak, a senior adviser, on Tuesday`; `X told reporters: "..."`).

   A quotation that is only part of the reported clause makes a *mixed* statement whose
   content is the whole clause or object (`X said the plan was "a dangerous escalation"`,
   `X called the plan "reckless"`). Two quotations on one cue are one statement in two
   pieces (`"We will," he said, "but not now."`). A quotation over several paragraphs is one
   quotation already (see quotes.py).
2. **Colon introductions**: a quotation with no cue of its own after a sentence (or
   paragraph) that ends `X said:` / `In a statement, the ministry said:`.
3. **Continuations and floating quotations**: a whole-sentence quotation with no cue is
   the previous statement's speaker talking on, when nothing intervenes: in the same
   paragraph it joins that statement (`"A," X said. "B."` is one statement); in the next
   paragraph it is a statement of its own (frame `floating`) with the same speaker and cue.
4. **Indirect speech**: a reporting verb with a clausal (`X said (that) ...`), infinitival
   (`X urged Y to ...`) or object (`X rejected the plan`) complement, inverted and
   parenthetical forms (`..., said X`; `The plan, X said, is ...`), participles
   (`..., adding that ...`) and relative clauses (`X, who said ...`).
5. **`according to X`**: the content is the rest of the sentence (the part before the phrase,
   or after it when it opens the sentence).
6. **Labels and sign-offs**: a paragraph that opens `Name: ...` (a headline such as
   `Senator Jane Roe: The Budget Deal Is a Betrayal`, or a transcript line) and a paragraph
   closed by `— Name` (an embedded post, or a quotation signed on its own line).

Reported content excludes the reporter's own trailing material (`; ...`, a final `— ...`, a
final `, which ...` / `, even as ...`, a participle of saying that starts its own statement)
and the speaker's own next verb (`X said A and suggested B` gives two statements). A verb
with a modal (`will announce`, `would propose`) reports nothing said yet and is skipped.

A speaker must be able to speak: a verb listed under `[evidential]` in data/cues.toml
(`suggest`, `indicate`, `show` ...) makes a statement only with an agentive subject (a
person, organisation or place, a personal pronoun, or a speaking noun such as `spokesman`,
`ministry`); `the data suggest` is not a statement. Every stage works item by item inside
its own guard, so a malformed paragraph or a parse surprise loses at most that item.

Writes `doc._.statements`: a list of `Statement`, sorted by content offset.
"""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .quotes import MARKS, Quotation, find_quotations, paragraphs

DATA = Path(__file__).resolve().parent.parent / "data"
log = logging.getLogger(__name__)

if not Doc.has_extension("statements"):
    Doc.set_extension("statements", default=None)
if not Doc.has_extension("quotations"):
    Doc.set_extension("quotations", default=None)  # quotes.Quotation list, set by demarche_statements


@dataclass
class Statement:
    """One act of saying. Later components fill in speakers, actors, issues, stance and date."""

    cue: Span
    content: Span
    speaker: Span | None
    kind: str  # direct | indirect | mixed | according_to
    frame: str  # quote | clause | infinitive | object | according_to | floating | colon | parenthetical
    #             | label | signoff
    confidence: float
    pieces: list[tuple[int, int]] = field(default_factory=list)  # quoted words, char offsets
    speakers: list = field(default_factory=list)  # speakers.Speaker, one per conjunct
    actors: list = field(default_factory=list)  # actors.ActorRef, one per speaker that resolves
    issues: list = field(default_factory=list)  # issues.IssueMatch
    suggested_label: str = ""  # for a statement no issue matched, from its own words
    stances: dict = field(default_factory=dict)  # issue id -> stance.Stance
    date: object = None  # datetime.date | None
    date_source: str = "unknown"
    date_text: str = ""
    content_pieces: list[tuple[int, int]] = field(default_factory=list)  # char offsets of the content
    # without the attribution in between ("A," X said. "B." -> A and B); empty = the content span

    @property
    def quote(self) -> str:
        """The words of the statement: the quoted pieces if any, else the reported content."""
        text = self.content.doc.text
        if self.kind == "direct" and self.pieces:
            return " … ".join(text[s:e] for s, e in self.pieces)
        return self.content.text

    @property
    def sentence(self) -> Span:
        doc = self.content.doc
        starts = [self.content.start, self.cue.start] + ([self.speaker.start] if self.speaker is not None else [])
        ends = [self.content.end, self.cue.end] + ([self.speaker.end] if self.speaker is not None else [])
        return doc[doc[min(starts)].sent.start : doc[max(ends) - 1].sent.end]

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Character pieces of the content (for benchmarks: excludes an interrupting attribution)."""
        if self.content_pieces:
            return list(self.content_pieces)
        if self.kind == "direct" and len(self.pieces) > 1:
            return list(self.pieces)  # a quotation over several paragraphs
        return [(self.content.start_char, self.content.end_char)]


@lru_cache(maxsize=4)
def load_cues(path: str | None = None) -> dict:
    """Reporting verbs, their frames, and the other cue lists, from data/cues.toml."""
    with open(path or DATA / "cues.toml", "rb") as fh:
        data = tomllib.load(fh)
    return {
        "verbs": {k: set(v) for k, v in data["verbs"].items()},
        "particles": dict(data.get("particles", {})),
        "phrases": {k: list(v) for k, v in data.get("phrases", {}).items()},
        "evidential": set(data.get("evidential", {}).get("verbs", [])),
        "agents": set(data.get("agents", {}).get("nouns", [])),
        "non_speakers": set(data.get("non_speakers", {}).get("words", [])),
    }


# ---------------------------------------------------------------- spans

_RIGHT_KEEP = {"compound", "flat", "nummod", "poss", "case", "amod", "quantmod"}
_SPEAKER_PREPS = {"of", "for", "at", "from", "by"}
_PERSONAL = {"he", "she", "they", "we", "i", "you", "it"}
_MARK_TOKENS = set(MARKS) | {"''", "``", "'", "‘", "’", "'''"}
_SENT_END = {".", "!", "?"}
_DASHES = {"—", "–", "--", "―"}
_MODALS = {"will", "would", "could", "might", "may", "shall", "should", "'ll", "’ll", "'d", "’d", "can", "must"}
_CONTRAST = {"as", "while", "whereas", "although", "though", "before", "after", "despite"}
# words that open a "Label: ..." line that is page furniture, not a speaker
_NOT_LABELS = {"related", "photo", "photos", "editor", "editors", "note", "update", "updated", "correction",
               "source", "sources", "name", "age", "city", "job", "pay", "tags", "topics", "read", "watch",
               "listen", "video", "image", "images", "getty", "credit", "subscribe", "sign", "follow", "email",
               "share", "advertisement", "q", "a", "by", "via", "see", "more", "also", "click", "contact",
               "published", "posted", "filed", "breaking", "live", "exclusive", "opinion", "analysis",
               "warning", "disclaimer", "copyright", "abstract", "summary", "context", "background"}
# nouns of the occasion on which something was said ("in a statement", "at a news conference")
_VENUES = {"statement", "interview", "speech", "conference", "briefing", "email", "e-mail", "tweet", "post",
           "letter", "release", "call", "appearance", "rally", "debate", "hearing", "meeting", "session",
           "address", "remark", "remarks", "broadcast", "show", "program", "programme", "podcast", "radio",
           "television", "twitter", "facebook", "video", "message", "note", "op-ed", "column", "blog",
           "update", "event", "news", "summit", "visit", "trip", "stop", "forum", "town", "hall", "dinner",
           "breakfast", "lunch", "reception", "ceremony", "parliament", "senate", "floor", "chamber", "court"}


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
        elif child.dep_ in ("conj", "cc") or (child.dep_ == "punct" and child.text == ","):
            # coordination: keep the conjuncts ("Poland and the Czech Republic")
            if any(c.dep_ == "conj" for c in token.rights):
                end = max(end, child.right_edge.i + 1)
            else:
                break
        else:
            break
    # a left edge reaching into a quotation or a previous clause (parse noise) is cut
    while start < token.i and (_is_mark(doc[start]) or doc[start].is_punct or doc[start].is_space):
        start += 1
    span = doc[start:end]
    while len(span) > 1 and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    while len(span) > 1 and (span[0].is_punct or span[0].is_space):
        span = span[1:]
    return span


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


def subject_of(verb: Token) -> Token | None:
    """The grammatical speaker of a reporting verb, following coordination and participles."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            if child.tag_ in ("WP", "WDT") or child.lower_ in ("who", "which", "that"):
                # "X, who said ...": the relative pronoun is the subject; speakers.py resolves it to X
                return child if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON") else None
            return child
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head)
    if verb.dep_ in ("advcl", "xcomp", "pcomp", "acl", "conj") and verb.tag_ == "VBG" and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head)
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head.head)  # "has soared in the polls by saying that ..."
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _CARRIERS and verb.head.pos_ == "VERB":
        return subject_of(verb.head)  # "the email goes on to say", "she took to Twitter to say"
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN") and verb.i > verb.head.i:
        return verb.head  # "staff members suggesting ...", "a statement saying that ..."
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


# ---------------------------------------------------------------- the component


class StatementFinder:
    """Rule-based statement extraction; verbs, frames and speaker lists come from data, not code."""

    def __init__(self, nlp: Language, cues_path: str | None = None):
        self.cues = load_cues(cues_path)

    # -- helpers on cue verbs ----------------------------------------------

    def _frames(self, t: Token) -> set[str]:
        return self.cues["verbs"].get(t.lemma_.lower(), set())

    def _is_cue_verb(self, t: Token, quote: bool = False) -> bool:
        if t.pos_ not in ("VERB",) and not (t.pos_ == "AUX" and t.lemma_.lower() in self.cues["verbs"]
                                             and t.dep_ not in ("aux", "auxpass")):
            return False
        frames = self._frames(t)
        if not frames or (not quote and frames == {"quote"}):
            return False
        particle = self.cues["particles"].get(t.lemma_.lower())
        return particle is None or any(c.dep_ == "prt" and c.lower_ == particle for c in t.children)

    def _speaker_token(self, verb: Token, in_quote) -> Token | None:
        """The verb's subject if it can be a speaker here."""
        subj = subject_of(verb)
        if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj") and verb.head.dep_ == "ccomp" \
                and self._is_cue_verb(verb.head.head, quote=True) and verb.i > verb.head.head.i:
            # "X said the talks would resume, adding that ...": the participle is X's, not the clause's
            subj = subject_of(verb.head.head)
        if subj is not None and subj.i > verb.i + 2 and subj.left_edge.i > verb.i + 2:
            # '"...," said Novak, a consultant' parsed with the appositive as the subject
            first = verb.doc[verb.i + 1]
            if first.text[:1].isupper() and not first.is_punct and (first.pos_ == "PROPN" or first.ent_type_ == "PERSON"
                                                                       or first.is_title):
                end = first.i
                while end + 1 < subj.left_edge.i and verb.doc[end + 1].text[:1].isupper() and not verb.doc[end + 1].is_punct:
                    end += 1
                if verb.doc[end + 1].text == ",":
                    return verb.doc[end]
        if subj is not None and is_relative(subj):
            antecedent = subj.head.head
            if in_quote(subj) or in_quote(antecedent) or (verb.lemma_.lower() in self.cues["evidential"]
                                                          and not self._agentive(antecedent)):
                return None
            return subj
        if subj is None or in_quote(subj) or subj.lower_ in self.cues["non_speakers"]:
            return None
        if subj.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "X") and subj.ent_type_ == "":
            return None
        if subj.lower_ in ("i", "you", "me", "us") and in_quote(verb):
            return None
        if subj.lower_ == "you":
            return None  # generic "you" ("By subscribing, you acknowledge ...")
        if subj.ent_type_ in ("DATE", "TIME", "MONEY", "ORDINAL") or (
                subj.ent_type_ in ("PERCENT", "CARDINAL", "QUANTITY") and not any(c.dep_ == "prep" for c in subj.subtree)
                and subj.lower_ not in ("both", "all")):
            return None
        if verb.lemma_.lower() in self.cues["evidential"] and not self._agentive(subj):
            return None
        return subj

    def _agentive(self, subj: Token) -> bool:
        """Can this subject speak? A person/organisation/place, a personal pronoun, or a speaking noun."""
        if subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            return True
        if subj.lower_ in ("he", "she", "they", "we", "i", "you"):
            return True
        if subj.pos_ == "PROPN":
            return True
        return subj.lemma_.lower() in self.cues["agents"] or subj.lower_ in self.cues["agents"]

    # -- the component -----------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.statements = self._find(doc)
        except Exception:  # never lose the article: a bug here must not stop a batch
            log.exception("statement extraction failed for a document; it gets no statements")
            doc._.statements = []
        return doc

    def _find(self, doc: Doc) -> list[Statement]:
        self._sents = SentenceIndex(doc)
        self._text = text = doc.text  # doc.text is rebuilt from the tokens on every access
        quotations = find_quotations(text)
        doc._.quotations = quotations
        inside = _mask(len(text), quotations)
        qof = _token_quotes(doc, quotations)  # token index -> quotation index (-1: outside)

        def in_quote(t: Token) -> bool:
            return qof[t.i] >= 0 or inside[t.idx]

        used_cues: set[int] = set()
        statements: list[Statement] = []
        by_quote: dict[int, Statement] = {}

        # 1. quotations with their own cue
        pending: list[int] = []
        for qi, q in enumerate(quotations):
            try:
                st = self._from_quotation(doc, q, qi, qof, in_quote)
            except Exception:  # a malformed paragraph loses itself only
                log.debug("quotation skipped", exc_info=True)
                continue
            if st is None:
                pending.append(qi)
                continue
            if st is _SCARE:
                continue
            merged = next((s for s in statements if s.cue.start == st.cue.start and s.kind == "direct"
                           and st.kind == "direct"), None)
            if merged is not None:  # "...," he said, "..." : one statement in two pieces
                _join(merged, st, doc)
                by_quote[qi] = merged
                continue
            statements.append(st)
            by_quote[qi] = st
            used_cues.add(st.cue.root.i)

        # 2. indirect speech on every other cue verb
        for token in doc:
            if token.i in used_cues or in_quote(token):
                continue
            try:
                st = self._from_verb(doc, token, in_quote)
            except Exception:
                log.debug("cue skipped", exc_info=True)
                continue
            if st is not None:
                statements.append(st)
                used_cues.add(token.i)

        # 3. according to X, and "Name: ..." labels
        for stage in (self._according_to, self._labels, self._signoffs):
            try:
                statements.extend(stage(doc, in_quote))
            except Exception:
                log.debug("%s skipped", stage.__name__, exc_info=True)

        statements = _dedupe(statements)
        statements.sort(key=lambda s: (s.content.start, s.cue.start))

        # 4. quotations with no cue: colon introductions, continuations, floating quotations
        para_of = _paragraph_index(text)
        for qi in pending:
            q = quotations[qi]
            try:
                self._attach_uncued(doc, q, qi, qof, statements, para_of, in_quote)
            except Exception:
                log.debug("uncued quotation skipped", exc_info=True)
        statements = _dedupe(statements)
        statements.sort(key=lambda s: (s.content.start, s.cue.start))
        return statements

    # -- direct quotations -------------------------------------------------

    def _window(self, doc: Doc, q: Quotation, qi: int, qof: list[int]) -> tuple[list[Token], list[Token], Span]:
        """Tokens of the reporting frame before and after a quotation, and the quotation's span.

        Before: back to the previous sentence end, paragraph start or quotation. After: up to
        the next sentence end, paragraph end or quotation. spaCy's own sentence split is not
        used: it often cuts `"...," he said.` after the closing mark.
        """
        content = doc.char_span(q.start, q.end, alignment_mode="expand")
        if content is None or len(content) == 0:
            raise ValueError("quotation does not align with tokens")
        first, last = content.start, content.end - 1
        before: list[Token] = []
        i = first - 1
        while i >= 0 and (qof[i] == qi or _is_mark(doc[i])):
            i -= 1  # the opening mark
        while i >= 0:
            t = doc[i]
            if qof[t.i] >= 0 or "\n" in t.text or "\n" in t.whitespace_ or (t.text in _SENT_END and t.i < first - 1):
                break
            if not _is_mark(t):
                before.append(t)
            i -= 1
        before.reverse()
        after: list[Token] = []
        i = last + 1
        while i < len(doc) and (qof[i] == qi or _is_mark(doc[i])):
            if "\n" in doc[i].whitespace_:
                return before, after, content
            i += 1  # the closing mark
        while i < len(doc):
            t = doc[i]
            if qof[t.i] >= 0 or "\n" in t.text:
                break
            if not _is_mark(t):
                after.append(t)
            if t.text in _SENT_END or "\n" in t.whitespace_:
                break
            i += 1
        return before, after, content

    def _from_quotation(self, doc: Doc, q: Quotation, qi: int, qof: list[int], in_quote):
        before, after, content = self._window(doc, q, qi, qof)
        qtokens = [t for t in content if qof[t.i] == qi and not _is_mark(t)]
        if not qtokens:
            return _SCARE
        confidence = 0.9 if q.closed else 0.7
        nwords = q.words(self._text)
        # candidate cues: the frame around the quotation, and the sentence it sits in
        first_sent, last_sent = self._sents.of(content.start), self._sents.of(content.end - 1)
        sent_tokens = [t for t in first_sent if not in_quote(t)] + (
            [t for t in last_sent if not in_quote(t)] if last_sent.start != first_sent.start else [])
        candidates = {t.i: t for t in before + after + sent_tokens if self._is_cue_verb(t, quote=True)}
        best, best_key, best_how = None, None, None
        for t in candidates.values():
            if self._speaker_token(t, in_quote) is None:
                continue
            how = self._link(t, qtokens, content, before, after, in_quote)
            if how is None:
                continue
            distance = content.start - t.i if t.i < content.start else t.i - content.end
            key = (0 if how != "adjacent" else 1, distance)
            if best_key is None or key < best_key:
                best, best_key, best_how = t, key, how
        if best is None:
            outside = _words(before) + _words(after)
            return None if len(outside) <= 3 and nwords >= 3 else _SCARE
        cue = best
        speaker = noun_phrase(self._speaker_token(cue, in_quote))
        # a quotation inside a reported clause or object: the statement is the whole of it
        comp = self._complement_containing(cue, qtokens)
        if comp is not None:
            span = comp
            extra = _words(t for t in span if not in_quote(t))
            if len(extra) >= 2 and not (span.start <= speaker.start < span.end):
                frame = "clause" if best_how == "clause" else "object"
                return Statement(cue=_cue_span(cue), content=span, speaker=speaker, kind="mixed", frame=frame,
                                 confidence=confidence - 0.05, pieces=list(q.pieces))
        if nwords < 4 and not _has_verb(qtokens) and not self._interrupted(doc, content, cue):
            return _SCARE  # a scare-quoted term, not a statement
        if best_how == "adjacent" and cue.i < content.start and len(_words(before)) > 12:
            return _SCARE  # a long lead-in: the quotation is a phrase used in passing
        return Statement(cue=_cue_span(cue), content=content, speaker=speaker, kind="direct",
                         frame="quote", confidence=confidence, pieces=list(q.pieces))

    @staticmethod
    def _interrupted(doc: Doc, content: Span, cue: Token) -> bool:
        """`"That, unfortunately," he said, "is ..."`: the frame is followed by a comma and a quotation."""
        if cue.i < content.end:
            return False
        i = cue.i + 1
        while i < len(doc) and i < cue.i + 8 and doc[i].text not in _SENT_END:
            if _is_mark(doc[i]) and doc[i - 1].text in (",", ":"):
                return True
            i += 1
        return False

    def _link(self, cue: Token, qtokens: list[Token], content: Span, before, after, in_quote) -> str | None:
        """How a cue verb attributes a quotation: 'clause', 'object', 'parataxis', 'adjacent', or None."""
        qset = {t.i for t in qtokens}
        subj = subject_of(cue)
        if subj is not None and subj.left_edge.i <= min(qset) and max(qset) <= subj.right_edge.i:
            return None  # the quotation is part of the speaker's description
        if cue.i > max(qset) and any(c.dep_ == "ccomp" and c.i > cue.i and not in_quote(c) for c in cue.children) and not any(
                c.dep_ == "ccomp" and _overlaps(c, qset) for c in cue.children):
            return None  # "X, citing "...", said [that ...]": the verb reports what follows it
        for child in cue.children:
            if child.dep_ in ("ccomp", "parataxis", "xcomp", "dep", "advcl", "conj") and _overlaps(child, qset):
                if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and any(
                        c.dep_ == "nsubj" and not in_quote(c) for c in child.children):
                    continue  # a coordinated clause with its own speaker
                return "clause"
            if child.dep_ in ("dobj", "oprd", "attr", "npadvmod", "dative") and _overlaps(child, qset):
                return "object"
            if child.dep_ == "prep" and child.lower_ in ("for", "on", "of", "about") and _overlaps(child, qset):
                return "object"
        if cue.head.i in qset and cue.dep_ in ("parataxis", "ccomp", "advcl", "conj", "dep", "ROOT"):
            return "parataxis"
        # adjacency: only the cue's own words (subject, adjuncts, aux) and punctuation in between
        if cue.i >= content.end:
            if cue.tag_ == "VBG":
                return None  # "..., adding, "..."": a participle introduces what follows it
            between = [t for t in after if t.i < cue.i]
        elif cue.i < content.start:
            between = [t for t in before if t.i > cue.i]
        else:
            return None
        if cue not in before and cue not in after:
            return None
        for t in between:
            if t.is_punct or t.is_space or _is_mark(t):
                continue
            if t.pos_ in ("VERB", "AUX") and t.head != cue:
                return None  # another clause sits between them
            if not _descends(t, cue):
                return None
        return "adjacent"

    def _complement_containing(self, cue: Token, qtokens: list[Token]) -> Span | None:
        """The reported clause or object of `cue` that holds the quotation, if it holds more than it."""
        qset = {t.i for t in qtokens}
        frames = self._frames(cue)
        for child in cue.children:
            if child.dep_ == "ccomp" and _overlaps(child, qset):
                return clause_span(child)
        if "object" in frames or "infinitive" in frames:
            comps = [c for c in cue.children if c.dep_ in ("dobj", "oprd", "xcomp", "dative", "ccomp")
                     or (c.dep_ == "prep" and c.lower_ in ("for", "on") and not self._adjunct(cue, c))]
            comps = [c for c in comps if c.i > cue.i]
            if comps and any(_overlaps(c, qset) for c in comps):
                start = min(c.left_edge.i for c in comps)
                end = max(c.right_edge.i for c in comps) + 1
                if any(c.dep_ == "prep" for c in comps) and start == min(c.i for c in comps if c.dep_ == "prep"):
                    start += 1  # "called for [...]": content starts after the preposition
                return _trim_span(cue.doc[start:end])
        return None

    # -- quotations with no cue of their own -----------------------------------

    def _attach_uncued(self, doc: Doc, q: Quotation, qi: int, qof: list[int], statements: list[Statement],
                       para_of, in_quote) -> None:
        before, after, content = self._window(doc, q, qi, qof)
        intro = self._colon_intro(doc, content, before, in_quote)
        if intro is not None:
            statements.append(Statement(cue=_cue_span(intro), content=content,
                                        speaker=noun_phrase(self._speaker_token(intro, in_quote)),
                                        kind="direct", frame="colon", confidence=(0.85 if q.closed else 0.65),
                                        pieces=list(q.pieces)))
            return
        if _words(before) or len(_words(after)) > 2:
            return
        earlier = [s for s in statements if s.content.end <= content.start and s.cue.end <= content.start
                   and s.kind != "according_to"]
        if not earlier:
            return
        previous = max(earlier, key=lambda s: max(s.content.end, s.cue.end, s.speaker.end if s.speaker is not None else 0))
        if previous.kind != "direct":
            # `"A," she said, adding that ... . "B."`: B goes on from the quotation, not the participle
            cue_sent = self._sents.of(previous.cue.start).start
            same = [s for s in earlier if s.kind == "direct" and self._sents.of(s.cue.start).start == cue_sent]
            if same:
                previous = max(same, key=lambda s: s.content.end)
        if previous.speaker is None or not _nothing_between(doc, previous, content, qof, qi):
            return
        same_paragraph = para_of(previous.content.end_char - 1) == para_of(content.start_char)
        if same_paragraph:
            _continue(previous, q, content, doc)
            return
        if para_of(content.start_char) - para_of(max(previous.content.end_char, previous.cue.end_char) - 1) > 1:
            return
        statements.append(Statement(cue=previous.cue, content=content, speaker=previous.speaker, kind="direct",
                                    frame="floating", confidence=(0.65 if q.closed else 0.5),
                                    pieces=list(q.pieces)))

    def _colon_intro(self, doc: Doc, content: Span, before: list[Token], in_quote) -> Token | None:
        """`X said:` ending the sentence (or paragraph) just before the quotation."""
        i = content.start - 1
        while i >= 0 and (_is_mark(doc[i]) or doc[i].is_space):
            i -= 1
        if i < 0 or doc[i].text != ":" or in_quote(doc[i]):
            return None
        start = i
        while start > 0 and not in_quote(doc[start - 1]) and doc[start - 1].text not in _SENT_END \
                and "\n" not in doc[start - 1].text and (start == i or "\n" not in doc[start - 1].whitespace_):
            start -= 1
        verbs = [t for t in doc[start:i] if self._is_cue_verb(t, quote=True) and self._speaker_token(t, in_quote)]
        verbs = [t for t in verbs if not any(c.dep_ in ("ccomp", "dobj") and c.i < i for c in t.children)
                 or t.lemma_.lower() in ("tell", "ask")]
        return verbs[-1] if verbs else None

    # -- indirect speech ---------------------------------------------------

    def _right_body(self, verb: Token, in_quote) -> Span | None:
        """The reported clause to the right of a reporting verb, robust to mis-attached pieces.

        From the first word after the verb's leading adjuncts (`on Tuesday`, `in a statement`,
        `reporters`, `that`) to the end of its last complement, stopping before material that
        is a statement of its own (`, adding that ...`, `and when asked ..., he said`).
        Needs a clausal complement (ccomp/xcomp) on the right, or it is not a clause frame.
        """
        doc = verb.doc
        rights = [c for c in verb.rights if not c.is_punct and not _is_mark(c)]
        if not any(c.dep_ in ("ccomp",) or (c.dep_ == "xcomp" and c.tag_ == "VBG") for c in rights):
            return None
        body = []
        leading = True
        for c in rights:
            if leading and self._adjunct(verb, c):
                continue
            leading = False
            if c.dep_ in ("cc", "conj") or (c.dep_ == "advcl" and (c.tag_ == "VBG" or any(
                    m.dep_ == "mark" and m.lower_ in ("as", "while", "before", "after", "when", "whereas")
                    for m in c.children))):
                break  # a reason ("because ...") or a condition ("if ...") is part of what was said
            if c.dep_ in ("npadvmod",) and c.ent_type_ in ("DATE", "TIME"):
                continue
            body.append(c)
        if not body or not any(c.dep_ in ("ccomp", "xcomp") for c in body):
            return None
        start = min(c.left_edge.i for c in body)
        end = max(c.right_edge.i for c in body) + 1
        span = doc[start:end]
        # drop a leading complementiser and stop before a coordinated clause that is another statement
        while len(span) > 1 and (span[0].dep_ == "mark" or span[0].is_punct and not _is_mark(span[0])):
            span = span[1:]
        cut = self._cut_other_statement(span, verb, in_quote)
        span = self._trim_asides(_trim_span(doc[span.start:cut]), in_quote)
        return span if _words(span) else None

    def _object_body(self, verb: Token, frames: set[str], in_quote) -> Span | None:
        """What a verb of stance-taking says about its object: `criticized the pope as "a political
        person"`, `accused X of Y`, `called the plan "reckless"`, `called for talks`.

        From the object (or, for `call for` / `call on`, the preposition's object) to the end of the
        verb's complements, without the occasion (`in a statement`, `on Tuesday`) or a following
        clause of its own (`, saying ...`, `and ...`).
        """
        doc = verb.doc
        rights = [c for c in verb.rights if not c.is_punct and not _is_mark(c)]
        body, start, leading, via = [], None, True, None
        for c in rights:
            if leading and c.dep_ not in ("dobj", "prep", "dative", "ccomp", "oprd", "xcomp") and self._adjunct(verb, c):
                continue
            if leading and c.dep_ == "prep" and self._adjunct(verb, c):
                continue
            if leading:
                if c.dep_ == "dobj" and ("object" in frames or "naming" in frames):
                    start, via = c.left_edge.i, "object"
                elif c.dep_ == "prep" and c.lower_ in ("for", "on") and "for" in frames:
                    start, via = c.i + 1, "for"  # "called for [talks]", "called on [Russia to withdraw]"
                elif c.dep_ in ("ccomp", "oprd") and "naming" in frames and c.i > verb.i + 1:
                    start, via = c.left_edge.i, "naming"  # "called it absurd", parsed as a clause
                else:
                    return None
                leading = False
            elif c.dep_ in ("cc", "conj") or (c.dep_ == "advcl" and (c.tag_ == "VBG" or any(
                    m.dep_ == "mark" for m in c.children))) or c.dep_ in ("npadvmod",) or (
                    c.dep_ == "prep" and self._adjunct(verb, c)):
                break
            body.append(c)
        if start is None or not body:
            return None
        if via == "object" and "object" not in frames and not (
                any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in body) or
                any(c.dep_ == "prep" and c.lower_ == "as" for c in body) or
                any(x.dep_ in ("oprd", "appos") for c in body for x in c.children)):
            return None  # "called the minister" (on the phone) is not a statement
        end = max(c.right_edge.i for c in body) + 1
        span = _trim_span(doc[start:end])
        span = self._trim_asides(span, in_quote)
        words = _words(span)
        if not words or (len(words) == 1 and words[0].pos_ == "PRON"):
            return None
        return span

    def _trim_asides(self, span: Span, in_quote) -> Span:
        """Cut the reporter's own trailing material off reported content:

        * `; ...` and a final `— ...` (one dash: an aside, two dashes: a parenthesis, kept);
        * a final non-restrictive relative clause (`, which was passed in 2010`, `, both of which ...`);
        * a final contrast or time clause (`, even as he has taken shots at ...`, `, while ...`);
        * a participle of saying that starts a statement of its own (`, telling reporters that ...`).
        """
        doc = span.doc
        dashes = [t for t in span if t.text in _DASHES and not in_quote(t)]
        cut = span.end
        for t in span:
            if t.i - span.start < 3 or in_quote(t) or _is_mark(t):
                continue
            if t.text == ";":
                cut = t.i
                break
            if t.text in _DASHES and len(dashes) == 1:
                cut = t.i
                break
            if t.text != "," or t.i + 1 >= span.end:
                continue
            nxt = doc[t.i + 1]
            if in_quote(nxt):
                continue
            window = doc[t.i + 1:min(t.i + 4, span.end)]
            rel = next((x for x in window if x.lower_ in ("which", "who", "whom", "whose")), None)
            if rel is not None:
                clause = rel.head if rel.head.dep_ == "relcl" else rel.head.head
                if clause.dep_ == "relcl" and clause.head.i < t.i and clause.right_edge.i >= span.end - 1:
                    cut = t.i
                    break
            first = nxt if nxt.lower_ != "even" else (doc[nxt.i + 1] if nxt.i + 1 < span.end else nxt)
            if first.lower_ in _CONTRAST and first.dep_ in ("mark", "advmod") and first.head.right_edge.i >= span.end - 1 \
                    and first.head.i > t.i:
                cut = t.i
                break
            if nxt.tag_ == "VBG" and self._is_cue_verb(nxt, quote=True):
                cut = t.i
                break
        return _trim_span(doc[span.start:cut]) if cut < span.end else span

    def _adjunct(self, verb: Token, c: Token) -> bool:
        """Leading material after a reporting verb that is not what was said."""
        if c.dep_ in ("advmod", "npadvmod", "prt", "agent", "mark"):
            return True
        if c.dep_ in ("dative", "dobj") and c.pos_ in ("PRON", "PROPN", "NOUN") and c.i + 4 > c.right_edge.i \
                and verb.lemma_.lower() in ("tell", "inform", "assure", "remind", "warn", "ask", "advise", "promise"):
            return True  # told reporters / told the BBC
        if c.dep_ == "prep":
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if pobj is None:
                return c.lower_ in ("in", "on", "at", "during") and False
            if pobj.ent_type_ in ("DATE", "TIME", "ORG", "PERSON", "GPE", "NORP") or pobj.lemma_.lower() in _VENUES:
                return True
        return False

    def _cut_other_statement(self, span: Span, verb: Token, in_quote) -> int:
        """End of `span` before a coordinated clause that carries another reporting verb:
        `he had not seen it, and when asked ..., he said`; `... accepted no gigs and suggested that ...`
        (the speaker's own next verb, wrongly parsed into the reported clause)."""
        doc = span.doc
        for t in span:
            if t.i == span.start or t.dep_ != "cc" or in_quote(t) or t.i + 1 >= span.end:
                continue
            rest = doc[t.i + 1:span.end]
            head = next((x for x in rest[:3] if x.pos_ in ("VERB", "AUX") and x.dep_ != "aux"), None)
            speaker_verb = head is not None and self._is_cue_verb(head, quote=True) and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in head.children)
            later = any(self._is_cue_verb(x) and x != verb and not in_quote(x) for x in rest) and (
                doc[t.i - 1].text == "," or any(x.lower_ in ("when", "while", "as") for x in rest[:2]))
            if speaker_verb or later:
                return t.i - 1 if doc[t.i - 1].text == "," else t.i
        return span.end

    def _from_verb(self, doc: Doc, verb: Token, in_quote) -> Statement | None:
        if not self._is_cue_verb(verb):
            return None
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children):
            return None  # "it would propose ...", "she will announce ...": not yet said
        speaker_token = self._speaker_token(verb, in_quote)
        if speaker_token is None:
            return None
        frames = self._frames(verb)
        content, frame, pieces = None, None, []
        ccomps = [c for c in verb.children if c.dep_ == "ccomp"] if "clause" in frames else []
        left = [c for c in ccomps if c.i < verb.i]
        right = self._right_body(verb, in_quote) if "clause" in frames else None
        if left or right is not None:
            # "X said (that) ...", "..., X said", and "It is no surprise, X said, that ..."
            parts = [self._trim_asides(clause_span(c), in_quote) for c in left] + ([right] if right is not None else [])
            lo, hi = min(p.start for p in parts), max(p.end for p in parts)
            content, frame = doc[lo:hi], "clause"
            if lo <= speaker_token.i < hi or lo <= verb.i < hi:
                frame = "parenthetical"
                pieces = [(p.start_char, p.end_char) for p in parts]
        elif "clause" in frames and verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX") \
                and not in_quote(verb.head):
            # "The plan, the minister said, is dangerous." / "The plan is dangerous, he said."
            head = verb.head
            hole = {t.i for t in verb.subtree}
            keep = [t.i for t in head.subtree if t.i not in hole]
            span = clause_span(head)
            content, frame = span, "parenthetical"
            pieces = _runs(doc, keep, span.start, span.end)
            if verb.i >= span.end - 1 or verb.left_edge.i >= max(keep, default=0):
                content, pieces = _trim_span(doc[span.start:verb.left_edge.i]), []
        if content is None and "infinitive" in frames:
            xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
            if xcomp is not None and xcomp.pos_ in ("VERB", "AUX"):
                obj = next((c for c in verb.children if c.i < xcomp.i and c.i > verb.i and (
                    c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ in ("on", "upon")))), None)
                span = clause_span(xcomp)
                start = (obj.i + 1 if obj.dep_ == "prep" else obj.left_edge.i) if obj is not None else span.start
                content, frame = doc[start:span.end], "infinitive"
        if content is None and frames & {"object", "naming", "for"}:
            content = self._object_body(verb, frames, in_quote)
            frame = "object" if content is not None else frame
        if content is None or len(_words(content)) == 0:
            return None
        if len(_words(content)) < 2 and frame in ("clause", "parenthetical"):
            return None
        has_quote = any(in_quote(t) for t in content)
        kind = "mixed" if has_quote else "indirect"
        speaker = noun_phrase(speaker_token)
        conf = {"clause": 0.75, "parenthetical": 0.7}.get(frame, 0.65)
        return Statement(cue=_cue_span(verb), content=content, speaker=speaker, kind=kind, frame=frame,
                         confidence=conf, content_pieces=pieces if len(pieces) > 1 else [])

    def _according_to(self, doc: Doc, in_quote) -> list[Statement]:
        """`X, according to Y` / `According to Y, X`: the content is the rest of the sentence.

        With the phrase in mid-sentence, the content is the part before it (`... 20 points,
        according to polling by the union, even as ...`), or the part after it if the part
        before is too short to be a claim.
        """
        found = []
        for t in doc:
            if t.lower_ != "according" or in_quote(t):
                continue
            if t.i + 1 >= len(doc) or doc[t.i + 1].lower_ != "to":
                continue
            to = doc[t.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            sent = self._sents.of(t.i)
            phrase_start = t.i
            phrase_end = max(to.right_edge.i, pobj.right_edge.i) + 1
            # the phrase ends at the next comma / dash outside its noun phrase
            before = _trim_span(doc[sent.start:phrase_start]) if phrase_start > sent.start else None
            after = _trim_span(doc[phrase_end:sent.end]) if phrase_end < sent.end else None
            before_words = _words(before) if before is not None else []
            after_words = _words(after) if after is not None else []
            if len(before_words) >= 4:
                content = self._trim_asides(before, in_quote)
            elif len(after_words) >= 3:
                content = self._trim_asides(after, in_quote)
            else:
                continue
            if any(_is_mark(x) for x in content) and any(self._is_cue_verb(x, quote=True) for x in content
                                                          if not in_quote(x)):
                continue  # "'...,' X said, according to a pool report": the statement is X's
            found.append(Statement(cue=doc[t.i : to.i + 1], content=content, speaker=noun_phrase(pobj),
                                   kind="according_to", frame="according_to", confidence=0.8))
        return found

    def _signoffs(self, doc: Doc, in_quote) -> list[Statement]:
        """A dash and a name closing a paragraph: an embedded post (`text — Name (@handle) June 5, 2016`)
        or a quotation signed on its own line (`"..."` then `- Jane Roe.`)."""
        found = []
        paras = paragraphs(self._text)
        for n, (p_start, p_end) in enumerate(paras):
            span = doc.char_span(p_start, p_end, alignment_mode="expand")
            if span is None or len(span) < 2:
                continue
            dash = next((t for t in reversed(span) if t.text in _DASHES or t.text == "-"), None)
            if dash is None or in_quote(dash) or span.end - dash.i > 16 or dash.i + 1 >= span.end:
                continue
            tail = doc[dash.i + 1:span.end]
            name = _leading_name(tail)
            if name is None or any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in tail):
                continue
            if dash.i > span.start:
                body = _trim_span(doc[span.start:dash.i])
                if dash.i > span.start and doc[dash.i - 1].is_alpha and not doc[dash.i - 1].whitespace_:
                    continue  # a hyphen inside a word
            elif n > 0:
                prev = doc.char_span(*paras[n - 1], alignment_mode="expand")
                if prev is None or not all(in_quote(t) or _is_mark(t) or t.is_space or t.is_punct for t in prev):
                    continue  # a signature line signs only a quotation standing on its own
                body = _trim_span(prev)
            else:
                continue
            if len(_words(body)) < 4:
                continue
            kind = "direct" if any(in_quote(t) for t in body) else "indirect"
            found.append(Statement(cue=doc[dash.i:dash.i + 1], content=body, speaker=name, kind=kind,
                                   frame="signoff", confidence=0.7))
        return found

    def _labels(self, doc: Doc, in_quote) -> list[Statement]:
        """`Senator Jane Roe: The Budget Deal Is a Betrayal` (headline) and `ANCHOR: ...` (transcript):
        a paragraph that opens with a name and a colon states what that speaker said."""
        found = []
        for p_start, p_end in paragraphs(self._text):
            span = doc.char_span(p_start, p_end, alignment_mode="expand")
            if span is None or len(span) < 6:
                continue
            colon = next((t for t in span[:8] if t.text == ":"), None)
            if colon is None or colon.i == span.start or in_quote(colon):
                continue
            name = doc[span.start:colon.i]
            rest = _trim_span(doc[colon.i + 1:span.end])
            if len(name) > 6 or len(_words(rest)) < 4 or not _has_verb(rest):
                continue
            if name[0].lower_ in _NOT_LABELS or any(t.ent_type_ in ("GPE", "LOC", "DATE", "TIME", "CARDINAL",
                                                                     "MONEY", "PERCENT", "FAC") for t in name):
                continue
            is_name = all((t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP") or (t.is_upper and t.is_alpha))
                          or t.is_punct or t.lower_ in ("of", "the", "'s", "’s") for t in name)
            if not is_name or not any(t.ent_type_ in ("PERSON", "ORG", "NORP") or (t.is_upper and len(t) > 1)
                                      for t in name):
                continue
            if any(self._is_cue_verb(t) and subject_of(t) is not None and not in_quote(t) for t in rest):
                continue  # "KYIV: Ukraine said ...": a dateline, and the report names its own speaker
            kind = "direct" if _is_mark(rest[0]) else "indirect"
            found.append(Statement(cue=doc[colon.i:colon.i + 1], content=rest, speaker=_trim_span(name), kind=kind,
                                   frame="label", confidence=0.6))
        return found


class _Scare:  # marker: a quotation that is not a statement and must not float
    pass


_SCARE = _Scare()


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


def _leading_name(tail: Span) -> Span | None:
    """The name a sign-off line starts with: a person or organisation, or a run of proper nouns."""
    doc = tail.doc
    i = tail.start
    while i < tail.end and (doc[i].is_space or doc[i].is_punct):
        i += 1
    start = i
    while i < tail.end and i - start < 5 and (doc[i].pos_ == "PROPN" or doc[i].ent_type_ in ("PERSON", "ORG")
                                               or (doc[i].text in (".", "-") and i > start and doc[i].whitespace_ == "")):
        i += 1
    if i == start or not any(t.ent_type_ in ("PERSON", "ORG", "NORP") or t.pos_ == "PROPN" for t in doc[start:i]):
        return None
    return _trim_span(doc[start:i])


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


def _mask(n: int, quotations: list[Quotation]) -> list[bool]:
    inside = [False] * (n + 1)
    for q in quotations:
        for s, e in q.marks:
            for i in range(max(s, 0), min(e, n)):
                inside[i] = True
        for s, e in q.pieces:
            for i in range(max(s, 0), min(e, n)):
                inside[i] = True
    return inside


def _token_quotes(doc: Doc, quotations: list[Quotation]) -> list[int]:
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


def _paragraph_index(text: str):
    starts = [s for s, _ in paragraphs(text)] or [0]
    import bisect

    def para_of(char: int) -> int:
        return bisect.bisect_right(starts, max(char, 0)) - 1
    return para_of


def _nothing_between(doc: Doc, previous: Statement, content: Span, qof: list[int], qi: int) -> bool:
    """True when only the rest of the previous statement's sentence (or nothing) lies between it and
    `content`: `"...," a NATO official said on condition of anonymity. "..."`."""
    gap_start = max(previous.content.end, previous.cue.end, previous.speaker.end if previous.speaker is not None else 0)
    if gap_start > content.start:
        return False
    between = doc[gap_start:content.start]
    words = _words(between)
    if words:
        first_break = next((t.i for t in between if t.text in _SENT_END and qof[t.i] < 0), None)
        if first_break is None or any(t.i > first_break for t in words):
            return False
        if any(t.pos_ in ("VERB", "AUX") and t.dep_ == "conj" and t.head == previous.cue.root
               and any(c.dep_ in ("nsubj", "nsubjpass") and c.i >= gap_start for c in t.children) for t in words):
            return False  # "..., and her husband cut in.": someone else speaks next
    text = between.text if len(between) else ""
    return text.count("\n\n") <= 1


def _continue(previous: Statement, q: Quotation, content: Span, doc: Doc) -> None:
    """A quotation that goes on after the attribution: `"A," X said. "B."` -> one statement."""
    if not previous.content_pieces:
        previous.content_pieces = [(previous.content.start_char, previous.content.end_char)]
    previous.content_pieces.append((content.start_char, content.end_char))
    previous.pieces.extend(q.pieces)
    previous.content = doc[min(previous.content.start, content.start):max(previous.content.end, content.end)]


def _join(merged: Statement, st: Statement, doc: Doc) -> None:
    """Two quotations on one cue: `"We will," he said, "but not now."`."""
    if not merged.content_pieces:
        merged.content_pieces = [(merged.content.start_char, merged.content.end_char)]
    merged.content_pieces.append((st.content.start_char, st.content.end_char))
    merged.content_pieces.sort()
    merged.pieces.extend(st.pieces)
    merged.pieces.sort()
    lo, hi = min(merged.content.start, st.content.start), max(merged.content.end, st.content.end)
    merged.content = doc[lo:hi]


def _dedupe(statements: list[Statement]) -> list[Statement]:
    """One statement per content span and per cue; a direct quotation wins over a reading of it."""
    rank = {"quote": 0, "colon": 1, "clause": 2, "according_to": 2, "parenthetical": 3, "infinitive": 3,
            "object": 3, "label": 4, "signoff": 1, "floating": 4}
    best: dict[tuple[int, int], Statement] = {}
    for st in statements:
        key = (st.content.start, st.content.end)
        if key not in best or rank.get(st.frame, 5) < rank.get(best[key].frame, 5):
            best[key] = st
    kept = list(best.values())
    # a statement whose content lies inside a direct quotation of another is a reading of it
    quotes = [s for s in kept if s.kind in ("direct", "mixed")]
    out = []
    for st in kept:
        if st.kind == "indirect" and any(q is not st and q.content.start <= st.content.start and st.content.end <= q.content.end
                                         and q.cue.start == st.cue.start for q in quotes):
            continue
        out.append(st)
    return out


@Language.factory("demarche_statements", default_config={"cues_path": None})
def make_statement_finder(nlp: Language, name: str, cues_path: str | None) -> StatementFinder:
    return StatementFinder(nlp, cues_path)


__all__ = ["Statement", "StatementFinder", "SentenceIndex", "noun_phrase", "subject_of", "is_relative", "clause_span", "paragraphs", "load_cues"]
