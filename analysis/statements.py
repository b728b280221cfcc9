"""Component `demarche_statements`: who said what, with cue, content and speaker spans.

Finds, in this order:
  1. direct quotations (from `quotes.find_quotations`) and the reporting frame around them:
     `"...," X said`, `X said: "..."`, `"...," he said, "..."` (one statement, two pieces);
     a quotation embedded in a reported clause is a *mixed* statement whose content is the
     whole clause (`X said the plan was "a dangerous escalation"`);
  2. indirect speech: a reporting verb (data/cues.toml) with a clausal, infinitival or object
     complement, including inverted (`..., said X`) and participle (`..., adding that ...`) forms;
  3. `according to X`;
  4. floating quotations: a whole-sentence quotation with no cue of its own, attributed to the
     statement just before it when nothing intervenes.
Writes `doc._.statements`: a list of `Statement`, sorted by content offset.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .quotes import MARKS, Quotation, find_quotations, paragraphs

DATA = Path(__file__).resolve().parent.parent / "data"

if not Doc.has_extension("statements"):
    Doc.set_extension("statements", default=None)


@dataclass
class Statement:
    """One act of saying. Later components fill in speakers, actors, issues, stance and date."""

    cue: Span
    content: Span
    speaker: Span | None
    kind: str  # direct | indirect | mixed | according_to
    frame: str  # quote | clause | infinitive | object | according_to | floating | colon
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


@lru_cache(maxsize=4)
def load_cues(path: str | None = None) -> dict:
    """Reporting verbs and their frames, from data/cues.toml."""
    with open(path or DATA / "cues.toml", "rb") as fh:
        data = tomllib.load(fh)
    return {
        "verbs": {k: set(v) for k, v in data["verbs"].items()},
        "particles": dict(data.get("particles", {})),
    }


# ---------------------------------------------------------------- spans

_RIGHT_KEEP = {"compound", "flat", "nummod", "poss", "case", "amod"}
_SPEAKER_PREPS = {"of", "for", "at", "from"}
_DROP_EDGE = {"punct", "cc", "mark", "prep"}


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
    while start < end - 1 and (doc[start].is_punct and doc[start].text not in MARKS or doc[start].is_space
                               or (doc[start].dep_ == "mark" and doc[start].head == token)):
        start += 1
    while end - 1 > start and (doc[end - 1].is_punct and doc[end - 1].text not in MARKS or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def subject_of(verb: Token) -> Token | None:
    """The grammatical speaker of a reporting verb, following coordination and participles."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            if child.tag_ == "WP" or child.lower_ in ("who", "which", "that"):
                return verb.head if verb.dep_ == "relcl" else None
            return child
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head)
    if verb.dep_ in ("advcl", "xcomp", "pcomp", "acl") and verb.tag_ == "VBG" and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head)
    return None


# ---------------------------------------------------------------- the component


class StatementFinder:
    """Rule-based statement extraction; verb frames come from data, not code."""

    def __init__(self, nlp: Language, cues_path: str | None = None):
        self.cues = load_cues(cues_path)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        quotations = find_quotations(text)
        inside = _mask(len(text), quotations)
        used_cues: set[int] = set()
        statements: list[Statement] = []

        for q in quotations:
            try:
                st = self._from_quotation(doc, q, inside, statements)
            except (ValueError, IndexError):  # a malformed paragraph loses itself only
                continue
            if st is None:
                continue
            merged = next((s for s in statements if s.frame == "quote" and st.frame == "quote"
                           and s.cue.start == st.cue.start and s.content.end <= st.cue.start < st.content.start), None)
            if merged is not None:  # "...," he said, "..." : one statement in two pieces
                merged.pieces.extend(st.pieces)
                lo, hi = min(merged.content.start, st.content.start), max(merged.content.end, st.content.end)
                merged.content = doc[lo:hi]
                continue
            statements.append(st)
            used_cues.add(st.cue.root.i)

        for token in doc:
            if token.i in used_cues or inside[token.idx]:
                continue
            st = self._from_verb(doc, token, inside, statements)
            if st is not None:
                statements.append(st)
                used_cues.add(token.i)

        statements.extend(self._according_to(doc, inside))
        statements = _dedupe(statements)
        statements.sort(key=lambda s: (s.content.start, s.cue.start))
        doc._.statements = statements
        return doc

    # -- direct quotations -------------------------------------------------

    def _from_quotation(self, doc: Doc, q: Quotation, inside: list[bool], earlier: list[Statement]) -> Statement | None:
        content = doc.char_span(q.start, q.end, alignment_mode="expand")
        if content is None or len(content) == 0:
            return None
        sents = list({t.sent.start: t.sent for t in content}.values())
        frame_tokens = [t for s in sents for t in s if not inside[t.idx] and not t.is_space and t.text not in MARKS]
        cue = self._nearest_cue(frame_tokens, content)
        confidence = 0.9 if q.closed else 0.7
        if cue is not None:
            clause = self._clause_complement(cue)
            if clause is not None:
                span = clause_span(clause)
                extra = [t for t in span if not t.is_punct and not t.is_space and not inside[t.idx]]
                covered = all(span.start <= t.i < span.end for t in content if not (t.is_punct or t.is_space))
                if covered and len(extra) >= 2:
                    return Statement(cue=_cue_span(cue), content=span, speaker=_speaker(cue), kind="mixed",
                                     frame="clause", confidence=confidence - 0.05, pieces=list(q.pieces))
            if q.words(doc.text) < 4 and not _quote_is_clause(content, cue):
                return None  # a scare-quoted term, not a statement
            return Statement(cue=_cue_span(cue), content=content, speaker=_speaker(cue), kind="direct",
                             frame="quote", confidence=confidence, pieces=list(q.pieces))
        if q.words(doc.text) < 4:
            return None
        outside_words = [t for t in frame_tokens if not t.is_punct]
        if len(outside_words) > 3:
            return None  # quoted words inside a sentence that is not a statement
        intro = self._colon_intro(doc, content)
        if intro is not None:
            return Statement(cue=_cue_span(intro), content=content, speaker=_speaker(intro), kind="direct",
                             frame="colon", confidence=confidence - 0.1, pieces=list(q.pieces))
        previous = earlier[-1] if earlier else None
        if previous is not None and _nothing_between(doc, previous, content, inside):
            return Statement(cue=previous.cue, content=content, speaker=previous.speaker, kind="direct",
                             frame="floating", confidence=confidence - 0.25, pieces=list(q.pieces))
        return None

    def _nearest_cue(self, frame_tokens: list[Token], content: Span) -> Token | None:
        best, best_key = None, None
        for t in frame_tokens:
            if not self._is_cue_verb(t) or subject_of(t) is None:
                continue
            linked = any(content.start <= c.i < content.end for c in t.children if c.dep_ in ("ccomp", "parataxis", "dobj", "xcomp"))
            linked = linked or (content.root.head == t and content.root != t)
            distance = content.start - t.i if t.i < content.start else t.i - content.end
            key = (0 if linked else 1, distance)
            if best_key is None or key < best_key:
                best, best_key = t, key
        return best

    def _colon_intro(self, doc: Doc, content: Span) -> Token | None:
        """`X said:` ending the sentence just before the quotation."""
        first = content.sent.start
        if first == 0:
            return None
        prev = doc[first - 1].sent
        tail = [t for t in prev if not t.is_space and t.text not in MARKS]
        if not tail or tail[-1].text != ":":
            return None
        verbs = [t for t in prev if self._is_cue_verb(t) and _speaker(t) is not None]
        return verbs[-1] if verbs else None

    # -- indirect speech ---------------------------------------------------

    def _is_cue_verb(self, t: Token) -> bool:
        if t.pos_ != "VERB" or t.lemma_.lower() not in self.cues["verbs"]:
            return False
        particle = self.cues["particles"].get(t.lemma_.lower())
        return particle is None or any(c.dep_ == "prt" and c.lower_ == particle for c in t.children)

    def _clause_complement(self, verb: Token) -> Token | None:
        frames = self.cues["verbs"].get(verb.lemma_.lower(), set())
        if "clause" not in frames:
            return None
        return next((c for c in verb.children if c.dep_ == "ccomp"), None)

    def _from_verb(self, doc: Doc, verb: Token, inside: list[bool], earlier: list[Statement]) -> Statement | None:
        if not self._is_cue_verb(verb):
            return None
        speaker_token = subject_of(verb)
        if speaker_token is None or inside[speaker_token.idx] or speaker_token.lower_ in ("there",):
            return None
        frames = self.cues["verbs"][verb.lemma_.lower()]
        content, frame = None, None
        clause = self._clause_complement(verb)
        if clause is not None:
            content, frame = clause_span(clause), "clause"
        elif "infinitive" in frames:
            xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
            if xcomp is not None:
                obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i < xcomp.i), None)
                span = clause_span(xcomp)
                start = obj.left_edge.i if obj is not None else span.start
                content, frame = doc[start:span.end], "infinitive"
        if content is None and "object" in frames:
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if obj is None:
                prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "on")), None)
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
            if obj is not None and obj.pos_ != "PRON":
                content, frame = clause_span(obj), "object"
        if content is None or len(content) == 0:
            return None
        if any(s.content.start == content.start and s.content.end == content.end for s in earlier):
            return None
        has_quote = any(inside[t.idx] for t in content)
        kind = "mixed" if has_quote else "indirect"
        speaker = noun_phrase(speaker_token)
        return Statement(cue=_cue_span(verb), content=content, speaker=speaker, kind=kind, frame=frame,
                         confidence=0.75 if frame == "clause" else 0.65)

    def _according_to(self, doc: Doc, inside: list[bool]) -> list[Statement]:
        found = []
        for t in doc:
            if t.lower_ != "according" or inside[t.idx]:
                continue
            to = next((c for c in t.children if c.lower_ == "to"), None)
            if to is None and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
                to = doc[t.i + 1]
            if to is None:
                continue
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            head = t.head if t.head != t else None
            if head is None:
                continue
            according = doc[t.left_edge.i : t.right_edge.i + 1]
            clause = _clause_without(head, according)
            if clause is None:
                continue
            found.append(Statement(cue=doc[t.i : to.i + 1], content=clause, speaker=noun_phrase(pobj),
                                   kind="according_to", frame="according_to", confidence=0.8))
        return found


def _clause_without(head: Token, hole: Span) -> Span | None:
    """The clause headed by `head` with the `according to X` phrase cut off its edge."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    if hole.start <= start:
        start = hole.end
    elif hole.end >= end:
        end = hole.start
    span = doc[start:end]
    while len(span) > 1 and (span[0].is_punct or span[0].is_space):
        span = span[1:]
    while len(span) > 1 and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    return span if len(span) >= 2 else None


def _speaker(verb: Token) -> Span | None:
    token = subject_of(verb)
    return noun_phrase(token) if token is not None else None


def _cue_span(verb: Token) -> Span:
    doc = verb.doc
    end = verb.i + 1
    for c in verb.rights:
        if c.dep_ == "prt" and c.i == end:
            end = c.i + 1
    return doc[verb.i:end]


def _quote_is_clause(content: Span, cue: Token) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in content)


def _mask(n: int, quotations: list[Quotation]) -> list[bool]:
    inside = [False] * (n + 1)
    for q in quotations:
        for s, e in q.pieces:
            for i in range(max(s - 1, 0), min(e + 1, n)):
                inside[i] = True
    return inside


def _nothing_between(doc: Doc, previous: Statement, content: Span, inside: list[bool]) -> bool:
    """True when only the previous statement's own sentences (or nothing) lie between it and `content`."""
    gap_start = max(previous.content.end, previous.cue.end, previous.speaker.end if previous.speaker is not None else 0)
    if gap_start > content.start:
        return False
    between = doc[gap_start:content.start]
    words = [t for t in between if not (t.is_punct or t.is_space or inside[t.idx])]
    if words:
        prev_sent = doc[gap_start - 1].sent if gap_start > 0 else None
        # words still belonging to the previous statement's sentence (e.g. "on condition of anonymity")
        words = [t for t in words if prev_sent is None or t.i >= prev_sent.end]
    if words:
        return False
    # at most one paragraph break between them
    text = doc.text[between.start_char:between.end_char] if len(between) else ""
    return text.count("\n\n") <= 1


def _dedupe(statements: list[Statement]) -> list[Statement]:
    """Keep one statement per content span; a direct quotation wins over a reading of it."""
    rank = {"quote": 0, "colon": 1, "clause": 2, "according_to": 2, "infinitive": 3, "object": 3, "floating": 4}
    best: dict[tuple[int, int], Statement] = {}
    for st in statements:
        key = (st.content.start, st.content.end)
        if key not in best or rank[st.frame] < rank[best[key].frame]:
            best[key] = st
    return list(best.values())


@Language.factory("demarche_statements", default_config={"cues_path": None})
def make_statement_finder(nlp: Language, name: str, cues_path: str | None) -> StatementFinder:
    return StatementFinder(nlp, cues_path)


__all__ = ["Statement", "StatementFinder", "noun_phrase", "subject_of", "paragraphs", "load_cues"]
