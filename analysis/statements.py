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
   Verbs of taking a position with an object are statements too (`X welcomed / condemned /
   opposed / rejected / backed / endorsed the resolution`), and so are `warned (X) against ...`,
   `ruled out sending ...`, `called for ...`, `spoke about ...`, `cited ...`, `set out
   conditions: ...`, and `told a briefing that ...` (the clause the parser hangs on the venue).
5. **`according to X`**: the content is the rest of the sentence (the part before the phrase,
   or after it when it opens the sentence, or both parts when it interrupts one clause:
   `At the heart of it, according to X, was ...`).
6. **Labels and sign-offs**: a paragraph that opens `Name: ...` (a headline such as
   `Senator Jane Roe: The Budget Deal Is a Betrayal`, or a transcript line) and a line
   closed by `— Name` (an embedded post, or a quotation signed on its own line).
7. **Nouns of saying** with their speaker as possessor (`[nouns]`): `Washington's call for a
   ceasefire`, `the minister's claim that ...`.
8. **Beliefs** (`[beliefs]`): `X believes / fears / expects / hopes / wants ...` are attributions
   of kind "belief" (PolNeAR counts them; the positions table should not), including an
   expectation with no holder named (`The bank is expected to act in May`, no speaker).
9. **Official acts** (`[acts]`): `The State Department approved the sale of ...`, `Erdogan signed
   the legislation`, `France voted in favour`, `which on Friday vetoed a text`, `Washington
   commits to keep training ...`: kind "act", the subject as speaker, the predicate as content.
   Only a subject that can act (a state, organisation, person, pronoun or acting noun, never a
   document or `the deal`); never inside a quotation or another statement's content; never
   with a modal, an infinitive marker or a condition (`will sign`, `to ratify`, `if Congress
   approves`); never when the act only frames a statement (`issued a statement saying ...`).

Neither a speaker nor reported content ever starts with a dateline (`KYIV, Feb 27 (Reuters) -`);
content never starts with the reporter's framing (`that`, `on Monday`, `on condition of
anonymity`, `in an op-ed`), never ends inside a quotation, and a clause the speaker goes on with
(`said A, but that B`) stays in it. Statements nested in another's content by the same speaker
(`Beijing said it firmly opposed the sale`) are removed by demarche_speakers once speakers are
resolved (`speakers.drop_nested_duplicates`).

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
from spacy.symbols import NOUN as _NOUN, VERB as _VERB
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
    kind: str  # direct | indirect | mixed | according_to | act | belief
    frame: str  # quote | clause | infinitive | object | according_to | floating | colon | parenthetical
    #             | label | signoff | act | noun | passive
    confidence: float
    pieces: list[tuple[int, int]] = field(default_factory=list)  # quoted words, char offsets
    speakers: list = field(default_factory=list)  # speakers.Speaker, one per conjunct
    actors: list = field(default_factory=list)  # actors.ActorRef, one per speaker that resolves
    issues: list = field(default_factory=list)  # issues.IssueMatch
    suggested_label: str = ""  # for a statement no issue matched, from its own words
    stances: dict = field(default_factory=dict)  # issue id -> stance.Stance
    date: object = None  # datetime.date | None
    date_source: str = "unknown"
    date_how: str = ""  # own, inherited, narrative, event or published: how dates.py found the date
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
        "no_particles": {k: set(v) for k, v in data.get("no_particles", {}).items()},
        "no_person_object": set(data.get("no_person_object", {}).get("verbs", [])),
        "phrases": {k: list(v) for k, v in data.get("phrases", {}).items()},
        "evidential": set(data.get("evidential", {}).get("verbs", [])),
        "agents": set(data.get("agents", {}).get("nouns", [])),
        "non_speakers": set(data.get("non_speakers", {}).get("words", [])),
        "acts": {k: set(v) for k, v in data.get("acts", {}).items()},
        "act_preps": {k: set(v) for k, v in data.get("act_preps", {}).items()},
        "act_agents": set(data.get("act_agents", {}).get("nouns", [])),
        "act_nouns": set(data.get("act_nouns", {}).get("nouns", [])),
        "documents": set(data.get("documents", {}).get("nouns", [])),
        "beliefs": {k: set(v) for k, v in data.get("beliefs", {}).items()},
        "nouns": {k: set(v) for k, v in data.get("nouns", {}).items()},
        "about": {k: set(v) for k, v in data.get("about", {}).items()},
    }


# ---------------------------------------------------------------- spans

_RIGHT_KEEP = {"compound", "flat", "nummod", "poss", "case", "amod", "quantmod"}
_SPEAKER_PREPS = {"of", "for", "at", "from", "by"}
_MARK_TOKENS = set(MARKS) | {"''", "``", "'", "‘", "’", "'''"}
_SENT_END = {".", "!", "?"}
_DASHES = {"—", "–", "--", "―"}
_FRACTIONS = {"half", "third", "thirds", "quarter", "quarters", "fifth", "fifths"}
_MODALS = {"will", "would", "could", "might", "may", "shall", "should", "'ll", "’ll", "'d", "’d", "can", "must"}
_GATHERING = {"meeting", "gathering", "gathered", "convening"}  # participles parsed as a noun after the subject
_CONTRAST = {"as", "while", "whereas", "before", "after", "despite"}
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
           "breakfast", "lunch", "reception", "ceremony", "parliament", "senate", "floor", "chamber", "court",
           "condition", "anonymity", "background"}


def _is_venue(t: Token) -> bool:
    """A noun of the occasion on which something was said (`statement`, `briefing`, `op-ed`)."""
    if t.lemma_.lower() in _VENUES or t.lower_ in _VENUES:
        return True
    doc = t.doc
    return t.lower_ == "ed" and t.i >= 2 and doc[t.i - 1].text == "-" and doc[t.i - 2].lower_ == "op"  # "op - ed"


# official acts: where an act verb may stand, and the marks of an act not (yet) done
_ACT_DEPS = {"ROOT", "conj", "relcl", "advcl", "ccomp", "parataxis"}
_NOT_DONE = {"if", "unless", "whether", "until", "once", "lest"}
_IN_FAVOUR = {"favour", "favor", "support"}

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


def subject_of(verb: Token) -> Token | None:
    """The grammatical speaker of a reporting verb, following coordination and participles."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
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
    # "In a meeting with the Washington Post Trump said ...": a name right before a finite main verb
    # that has no subject is its subject, whatever the parse made of it
    if verb.dep_ == "ROOT" and verb.tag_ in ("VBD", "VBZ", "VBP") and verb.i > 0 and not any(
            c.dep_ in ("nsubjpass", "expl") for c in verb.children):
        prev_word = verb.doc[verb.i - 1]
        if prev_word.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") and prev_word.pos_ == "PROPN" \
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

    def _frames(self, t: Token, beliefs: bool = False) -> set[str]:
        lemma = t.lemma_.lower()
        frames = self.cues["verbs"].get(lemma, set())
        if not frames and beliefs:
            frames = self.cues["beliefs"].get(lemma, set())
        return frames

    def _is_belief(self, t: Token) -> bool:
        lemma = t.lemma_.lower()
        return lemma in self.cues["beliefs"] and lemma not in self.cues["verbs"]

    def _is_cue_verb(self, t: Token, quote: bool = False, beliefs: bool = False) -> bool:
        if t.pos_ not in ("VERB",) and not (t.pos_ == "AUX" and t.lemma_.lower() in self.cues["verbs"]
                                             and t.dep_ not in ("aux", "auxpass")):
            return False
        frames = self._frames(t, beliefs and not quote)
        if not frames or (not quote and frames == {"quote"}) or (quote and "noquote" in frames):
            return False
        lemma = t.lemma_.lower()
        particle = self.cues["particles"].get(lemma)
        if lemma in self.cues["no_particles"] and any(c.dep_ == "prt" and c.lower_ in self.cues["no_particles"][lemma]
                                                     for c in t.children):
            return False  # "backed down"
        return particle is None or any(c.dep_ == "prt" and c.lower_ == particle for c in t.children)

    def _speaker_token(self, verb: Token, in_quote) -> Token | None:
        """The verb's subject if it can be a speaker here."""
        subj = subject_of(verb)
        if subj is not None and in_quote(subj) and not in_quote(verb):
            # '"..., it will at some point," said James Acton': a word of the quotation parsed as the
            # subject; the other subject outside it speaks
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj") and not in_quote(c)), subj)
        if (subj is None or (in_quote(subj) and not in_quote(verb))) and verb.i > 0:
            # '"...," Tulsa police Chief Chuck Jordan said', with the verb parsed into the quotation: a
            # name right before the verb, outside the quotation, is its subject
            prev_word = verb.doc[verb.i - 1]
            if not in_quote(prev_word) and prev_word.pos_ == "PROPN" and prev_word.ent_type_ in ("PERSON", "ORG", "GPE") \
                    and any(_is_mark(t) for t in verb.doc[max(0, verb.i - 8):verb.i]):
                subj = prev_word
        if verb.head.dep_ == "ccomp" and self._is_cue_verb(verb.head.head, quote=True) and verb.i > verb.head.head.i:
            if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj"):
                # "X said the talks would resume, adding that ...": the participle is X's, not the clause's
                subj = subject_of(verb.head.head)
            elif verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) \
                    and not _reported_form(verb, verb.head.head):
                # "X said the attack was unacceptable and called for restraint": the speaker's next act,
                # unless the reported clause's own subject can act ("said Canberra was concerned and
                # urged restraint": Canberra's, whether its subject is active or passive)
                own = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                subj = own if own is not None and self._agentive(own) else subject_of(verb.head.head)
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
        if subj.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "X") and subj.ent_type_ == "" and not (
                subj.lower_ in ("many", "some", "most", "few", "several", "all", "both", "none")
                and any(c.dep_ == "prep" and c.lower_ == "of" for c in subj.children)):  # "many of whom say"
            return None
        if subj.lower_ in ("i", "you", "me", "us") and in_quote(verb):
            return None
        if subj.lower_ == "you":
            return None  # generic "you" ("By subscribing, you acknowledge ...")
        if subj.ent_type_ in ("DATE", "TIME", "MONEY") or (subj.ent_type_ == "ORDINAL" and not self._respondents(subj, verb)) or (
                subj.ent_type_ in ("PERCENT", "CARDINAL", "QUANTITY") and not any(c.dep_ == "prep" for c in subj.subtree)
                and subj.lower_ not in ("both", "all") and not self._respondents(subj, verb)):
            return None
        if verb.lemma_.lower() in self.cues["evidential"] and not self._agentive(subj):
            return None
        return subj

    @staticmethod
    def _respondents(subj: Token, verb: Token) -> bool:
        """Poll respondents answering: `47 percent said`, `six in 10 say`, `nearly half said`, `a third
        say` (a share of people), with a verb of saying in the present or past."""
        if verb.lemma_.lower() not in ("say", "tell"):
            return False
        if subj.lower_ in _FRACTIONS and subj.pos_ == "NOUN" and subj.i < verb.i:
            return True
        words = {t.lower_ for t in subj.subtree}
        return subj.ent_type_ == "PERCENT" or bool(words & {"percent", "%", "in"}) and subj.i < verb.i

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
        self._qof, self._quotations = qof, quotations

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

        # 2. indirect speech on every other cue verb (and, in the same pass, the candidates of the
        # later stages: `according to`, nouns of saying, act verbs)
        acts, nouns = self.cues["acts"], self.cues["nouns"]
        self._according, self._noun_cues, self._act_verbs, self._act_nouns = [], [], [], []
        for token in doc:
            pos = token.pos
            if pos == _NOUN:
                if token.lower_ in nouns or token.lemma_.lower() in nouns:
                    self._noun_cues.append(token)
                if token.lemma_.lower() in self.cues["act_nouns"]:
                    self._act_nouns.append(token)
            elif pos == _VERB:
                if token.lemma_.lower() in acts:
                    self._act_verbs.append(token)
                if token.lower_ == "according":
                    self._according.append(token)
            elif token.lower_ == "according":
                self._according.append(token)
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

        # 3. according to X, "Name: ..." labels, sign-offs and nouns of saying
        for stage in (self._according_to, self._labels, self._signoffs, self._nouns):
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

        # 5. official acts reported without speech, outside every statement's content
        try:
            statements.extend(self._acts(doc, in_quote, statements))
        except Exception:
            log.debug("acts skipped", exc_info=True)
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
        lead = self._lead_in(doc, cue, speaker, content, before, in_quote)
        if lead is not None:
            # "These employees, Stumpf explained, were "well-paid"": the words before the attribution
            # begin the clause the quotation ends
            lead, rest = lead
            return Statement(cue=_cue_span(cue), content=doc[lead.start:content.end], speaker=speaker, kind="mixed",
                             frame="quote", confidence=confidence - 0.05, pieces=list(q.pieces),
                             content_pieces=[(lead.start_char, lead.end_char), (rest, content.end_char)])
        if best_how == "adjacent" and cue.i < content.start and len(_words(before)) > 12:
            return _SCARE  # a long lead-in: the quotation is a phrase used in passing
        return Statement(cue=_cue_span(cue), content=content, speaker=speaker, kind="direct",
                         frame="quote", confidence=confidence, pieces=list(q.pieces))

    def _lead_in(self, doc: Doc, cue: Token, speaker: Span, content: Span, before: list[Token], in_quote) -> Span | None:
        """`X, SPEAKER said, "..."` where X is the start of what is quoted (not the occasion: `In a
        statement, the ministry said, "..."`, `On Tuesday, ...`, `Speaking at a rally, ...`)."""
        if not before or cue.i > content.start or speaker.start <= before[0].i:
            return None
        if doc[speaker.start - 1].text != ",":
            return None
        between = [t for t in before if t.i > cue.i]
        comma = next((t for t in between if t.text == ","), None)
        if comma is None or any(not t.is_punct and (t.pos_ in ("VERB", "AUX") or not _descends(t, cue))
                                for t in between if t.i < comma.i):
            return None  # the attribution ends at a comma, with only its own words before it
        rest = [t for t in between if t.i > comma.i and not (t.is_punct or _is_mark(t))]
        if len(rest) > 3 or any(self._is_cue_verb(t) for t in rest):
            return None
        lead = _trim_span(doc[before[0].i:speaker.start - 1])
        words = _words(lead)
        if len(words) < 2 or any(in_quote(t) for t in lead):
            return None
        first = words[0] if words[0].lower_ not in ("but", "and", "so", "yet") else (words[1] if len(words) > 1 else words[0])
        if first.dep_ == "prep" or first.tag_ in ("VBG", "VBN") or first.ent_type_ in ("DATE", "TIME") \
                or first.lower_ in ("later", "earlier", "then", "now", "asked", "speaking", "however", "instead", "still"):
            return None  # the occasion, not the words
        if any(self._is_cue_verb(t) for t in lead):
            return None  # another statement of its own
        return lead, (rest[0].idx if rest else content.start_char)

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
        if cue.i > max(qset) and content.text.rstrip()[-1:] in ".!?" and any(
                c.dep_ in ("ccomp", "dobj", "xcomp") and c.i > cue.i and not in_quote(c) for c in cue.children):
            return None  # '"A joke." Delegates also criticised the deal': a sentence of its own after it
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
        # a capitalised word the parser left out of the speaker's name ('"...," Tulsa police Chief
        # Chuck Jordan said', with "Tulsa" taken for a verb) belongs to it when it runs into it
        name_start = subj.left_edge.i if subj is not None and subj.i < cue.i else cue.i
        doc = cue.doc
        while name_start > 0 and doc[name_start - 1].is_title and not _is_mark(doc[name_start - 1]) \
                and name_start - 1 > content.end - 1:
            name_start -= 1
        for t in between:
            if t.is_punct or t.is_space or _is_mark(t):
                continue
            if t.i >= name_start and t.i < cue.i and subj is not None and subj.i < cue.i:
                continue
            if t.lower_ in ("but", "and") and t.i > cue.i and cue.i < content.start:
                continue  # '"A," he said, but "B."'

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
        line = self._text[self._text.rfind("\n", 0, content.start_char) + 1:].split("\n", 1)[0].strip()
        if line.strip("'\"‘’“” ") == content.text.strip() and content.text.rstrip()[-1:] not in ".!?,;:…" \
                and len(_words(content)) <= 6:
            return  # a quoted crosshead on a line of its own ('A paltry sum'), not more words of the speaker
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
            clause = self._venue_clause(verb)
            if clause is None:
                return None
            that = next(x for x in clause.children if x.lower_ == "that" and x.i < clause.i)
            span = doc[that.i + 1:clause.right_edge.i + 1]
            cut = self._cut_other_statement(span, verb, in_quote)
            span = self._trim_asides(_trim_span(doc[span.start:cut]), in_quote)
            return span if _words(span) else None
        body = []
        leading = True
        for c in rights:
            if leading and self._adjunct(verb, c):
                continue
            leading = False
            if c.dep_ == "cc" and body and any(x.dep_ == "conj" and x.i > c.i and self._reported_conj(x) for x in rights):
                continue  # "said A, but that B": B is reported too
            if c.dep_ == "conj" and body and self._reported_conj(c):
                body.append(c)
                continue
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

    @staticmethod
    def _object_conj(c: Token, body: list[Token]) -> bool:
        """A second object the parser coordinated with the verb: a noun phrase, or a gerund after a
        gerund (`refinancing student loans and forcing universities to ...`)."""
        if c.pos_ in ("NOUN", "PROPN") and not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children):
            return True
        return c.tag_ == "VBG" and body[0].tag_ == "VBG" and not any(x.dep_ in ("nsubj", "aux") for x in c.children)

    def _reported_conj(self, c: Token) -> bool:
        """A clause coordinated with the reporting verb that is reported content, not the speaker's
        next act: it opens with `that` (`said A, but that B`), or it goes on in the reported clause's
        tense with no subject of its own (`said he was rooting for X but would now root for Y`)."""
        if c.pos_ not in ("VERB", "AUX"):
            return False
        if any(m.dep_ == "mark" and m.lower_ == "that" and m.i == c.left_edge.i for m in c.children):
            return True
        verb = c.head
        return (c.tag_ != verb.tag_ and not self._is_cue_verb(c, beliefs=True)
                and not any(x.dep_ in ("nsubj", "nsubjpass", "expl") for x in c.children)
                and not any(x.dep_ == "aux" and x.lower_ in ("to",) for x in c.children))

    def _whole_quotation(self, span: Span) -> Span:
        """Reported content never ends inside a quotation: `calling the test "a clear violation and in
        flagrant disregard" of ...` keeps the quoted words to their end."""
        doc = span.doc
        last = span[-1]
        qi = self._qof[last.i] if last.i < len(self._qof) else -1
        if qi < 0:
            return span
        end_char = next((e for s, e in self._quotations[qi].pieces if s <= last.idx < e), None)
        if end_char is None or end_char <= span.end_char:
            return span
        tail = doc.char_span(span.end_char, end_char, alignment_mode="expand")
        if tail is None or tail.end - span.end > 40 or any("\n" in t.text or "\n" in t.whitespace_ for t in doc[span.end - 1:tail.end - 1]):
            return span
        return doc[span.start:tail.end]

    @staticmethod
    def _without_speaker(span: Span, speaker: Token) -> Span:
        """A clause before its verb that the parser let swallow the speaker (`... near Avdiivka, the
        defence ministry in Moscow said`) ends before the speaker."""
        if span.start < speaker.left_edge.i < span.end and speaker.head.i < span.end and speaker.dep_ == "appos":
            return _trim_span(span.doc[span.start:speaker.left_edge.i])
        return span

    @staticmethod
    def _venue_clause(verb: Token) -> Token | None:
        """`told a regular news briefing that ...`, `told reporters at a daily briefing that ...`: the
        parser often hangs the reported clause on the occasion's noun as a relative clause. It is
        one when `that` opens it ahead of a subject of its own."""
        nouns = [c for c in verb.rights if c.dep_ in ("dobj", "dative") and _is_venue(c)]
        nouns += [p for c in verb.rights if c.dep_ == "prep" and c.lower_ in ("at", "in", "during", "to", "on")
                  for p in c.children if p.dep_ == "pobj" and _is_venue(p)]
        for noun in nouns:
            for r in noun.rights:
                if r.dep_ not in ("relcl", "acl") or r.pos_ not in ("VERB", "AUX"):
                    continue
                subj = next((x for x in r.children if x.dep_ in ("nsubj", "nsubjpass", "expl")), None)
                that = next((x for x in r.children if x.lower_ == "that" and x.i < r.i), None)
                if that is not None and subj is not None and that.i < subj.i:
                    return r
        return None

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
                if c.dep_ == "dobj" and "against" in frames and any(
                        x.dep_ == "prep" and x.lower_ == "against" and x.i > c.i for x in rights):
                    start, via = c.left_edge.i, "against"  # "warned [NATO against sending troops]"
                elif c.dep_ == "dobj" and ("object" in frames or "naming" in frames):
                    start, via = c.left_edge.i, "object"
                elif c.dep_ == "prep" and c.lower_ == "against" and "against" in frames:
                    start, via = c.i + 1, "against"  # "warned against [any attempt to seize its assets]"
                elif c.dep_ in ("advcl", "xcomp", "pcomp") and c.tag_ == "VBG" and "object" in frames and not any(
                        x.dep_ in ("mark", "nsubj") for x in c.children):
                    start, via = c.left_edge.i, "object"  # "ruled out [sending troops]", parsed as a clause
                elif c.dep_ == "advcl" and "for" in frames and any(
                        m.dep_ == "mark" and m.lower_ == "for" and m.i == c.left_edge.i for m in c.children):
                    start, via = c.left_edge.i + 1, "for"  # "called for [the US to step up ...]", parsed as a clause
                elif c.dep_ == "prep" and c.lower_ in self.cues["about"].get(verb.lemma_.lower(), ()) and "about" in frames:
                    start, via = c.i + 1, "about"  # "spoke about [the need for ...]", "referred to [X as Y]"
                elif c.dep_ == "prep" and c.lower_ in ("for", "on") and "for" in frames:
                    start, via = c.i + 1, "for"  # "called for [talks]", "called on [Russia to withdraw]"
                elif c.dep_ in ("ccomp", "oprd") and "naming" in frames and c.i > verb.i + 1:
                    start, via = c.left_edge.i, "naming"  # "called it absurd", parsed as a clause
                else:
                    return None
                leading = False
            elif c.dep_ == "cc" and body and any(x.dep_ == "conj" and x.i > c.i and self._object_conj(x, body)
                                                 for x in rights):
                pass  # "emphasizing economic fairness, and a need to raise the minimum wage"
            elif c.dep_ == "conj" and body and self._object_conj(c, body):
                pass
            elif c.dep_ in ("cc", "conj") or (c.dep_ == "advcl" and (c.tag_ == "VBG" or any(
                    m.dep_ == "mark" for m in c.children))) or c.dep_ in ("npadvmod", "advmod") or (
                    c.dep_ == "prep" and self._adjunct(verb, c)):
                break
            body.append(c)
        if start is None or not body:
            return None
        if via == "object" and verb.lemma_.lower() in self.cues["no_person_object"]:
            obj = next((c for c in body if c.dep_ == "dobj"), body[0])
            if obj.ent_type_ == "PERSON" or obj.lower_ in ("him", "her", "them", "us", "me", "you") or \
                    obj.lemma_.lower() in self.cues["agents"] or obj.lemma_.lower() in self.cues["act_agents"] \
                    or obj.lemma_.lower() in ("baby", "guest", "visitor", "crowd"):
                return None  # "welcomed the visitors", "welcomed a baby girl"
        if via == "object" and "object" not in frames and not (
                any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in body) or
                any(c.dep_ == "prep" and c.lower_ == "as" for c in body) or
                any(x.dep_ in ("oprd", "appos") for c in body for x in c.children)):
            return None  # "called the minister" (on the phone) is not a statement
        end = max(c.right_edge.i for c in body) + 1
        if end < len(doc) and doc[end].text == ":" and not in_quote(doc[end]) and via == "object":
            # "set out conditions for ending the war: Ukraine must withdraw ...": what follows the colon
            # spells the object out
            sent = self._sents.of(end)
            if sent.end > end + 2 and "\n" not in doc[end].whitespace_:
                end = sent.end
        if start > 0 and _is_mark(doc[start - 1]) and in_quote(doc[start]):
            start -= 1  # the opening quotation mark of a quoted object
        span = _trim_span(doc[start:end])
        span = self._trim_asides(span, in_quote)
        last = span[-1] if len(span) else None
        if last is not None and last.ent_type_ in ("DATE", "TIME") and last.dep_ == "pobj" and last.head.dep_ == "prep" \
                and last.head.lower_ in ("on", "at") and last.head.i > span.start + 1 and not in_quote(last):
            span = _trim_span(doc[span.start:last.head.i])  # "demanded a ceasefire [on Monday]": when it was said
        words = _words(span)
        if not words or (len(words) == 1 and words[0].pos_ == "PRON"):
            return None
        return span

    def _trim_asides(self, span: Span, in_quote) -> Span:
        """Cut the reporter's own trailing material off reported content:

        * `; ...` and a final `— ...` (one dash: an aside, two dashes: a parenthesis, kept);
        * a final non-restrictive relative clause (`, which was passed in 2010`, `, both of which ...`);
        * a final contrast or time clause (`, even as he has taken shots at ...`, `, while ...`), and
          with or without a comma, `while` / `whereas` before another speaker's statement
          (`says A while the council argues B`);
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
            if t.dep_ == "mark" and t.lower_ in ("while", "whereas") and t.head.dep_ == "advcl" \
                    and t.head.right_edge.i >= span.end - 1 and not in_quote(t.head) \
                    and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.head.children) \
                    and self._is_cue_verb(t.head, beliefs=True):
                cut = t.i  # "says A while the council argues B": B is another speaker's statement
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
            if (c.lower_ in ("for", "against") and c.lower_ in self._frames(verb)) or (
                    "about" in self._frames(verb) and c.lower_ in self.cues["about"].get(verb.lemma_.lower(), ())):
                return False  # "called for [a peace conference]", "warned against ..."
            if pobj.ent_type_ in ("DATE", "TIME", "ORG", "PERSON", "GPE", "NORP") or _is_venue(pobj):
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
                c.dep_ in ("nsubj", "nsubjpass") for c in head.children) and not _reported_form(head, verb)
            later = any(self._is_cue_verb(x) and x != verb and not in_quote(x) for x in rest) and (
                doc[t.i - 1].text == "," or any(x.lower_ in ("when", "while", "as") for x in rest[:2]))
            other_speaker = head is not None and head != verb and not in_quote(head) and self._is_cue_verb(head) \
                and any(c.dep_ == "nsubj" and t.i < c.i < head.i and c.pos_ in ("NOUN", "PROPN") for c in head.children)
            if speaker_verb or later or other_speaker:  # "said A but the council says B"
                return t.i - 1 if doc[t.i - 1].text == "," else t.i
        return span.end

    def _from_verb(self, doc: Doc, verb: Token, in_quote) -> Statement | None:
        if not self._is_cue_verb(verb, beliefs=True):
            return None
        belief = self._is_belief(verb)
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children):
            return None  # "it would propose ...", "she will announce ...": not yet said
        if any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children):
            return None  # "called for all candidates to lay out ...": asked for, not said
        speaker_token = self._speaker_token(verb, in_quote)
        if speaker_token is None:
            return self._held_by_no_one(verb, in_quote) if belief else None
        if belief and not (self._agentive(speaker_token) or is_relative(speaker_token)):
            return None  # "the data suggest", "markets expect": no one to hold the belief
        frames = self._frames(verb, beliefs=True)
        content, frame, pieces = None, None, []
        ccomps = [c for c in verb.children if c.dep_ == "ccomp"] if "clause" in frames else []
        left = [c for c in ccomps if c.i < verb.i]
        right = self._right_body(verb, in_quote) if "clause" in frames else None
        if right is not None and not left and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN") \
                and right.start < speaker_token.i < verb.i:
            # "a U.S.-drafted text that they said was too weak": what was said is the antecedent and
            # the rest of the relative clause, without the relative pronoun and the attribution
            ante = _trim_span(doc[verb.head.left_edge.i:right.start])
            tail = _trim_span(doc[_cue_span(verb).end:right.end])
            if ante.end <= right.start and _words(tail) and _words(ante) and ante.start < right.start:
                content, frame = doc[ante.start:tail.end], "parenthetical"
                pieces = [(ante.start_char, ante.end_char), (tail.start_char, tail.end_char)]
            right = None
        if content is None and (left or right is not None):
            # "X said (that) ...", "..., X said", and "It is no surprise, X said, that ..."
            parts = [self._trim_asides(self._without_speaker(clause_span(c), speaker_token), in_quote) for c in left] + (
                [right] if right is not None else [])
            lo, hi = min(p.start for p in parts), max(p.end for p in parts)
            content, frame = doc[lo:hi], "clause"
            if lo <= speaker_token.i < hi or lo <= verb.i < hi:
                frame = "parenthetical"
                pieces = [(p.start_char, p.end_char) for p in parts]
        elif "clause" in frames and verb.dep_ == "parataxis" and not in_quote(verb.head) and (
                verb.head.pos_ in ("VERB", "AUX") or any(c.dep_ in ("nsubj", "aux") for c in verb.head.children)):
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
        if content is None and frames & {"object", "naming", "for", "against", "about"}:
            content = self._object_body(verb, frames, in_quote)
            frame = "object" if content is not None else frame
        if content is None or len(_words(content)) == 0:
            return None
        if not pieces:
            content = self._whole_quotation(_trim_lead(content))
        if len(_words(content)) < 2 and frame in ("clause", "parenthetical"):
            return None
        has_quote = any(in_quote(t) for t in content)
        kind = "belief" if belief else "mixed" if has_quote else "indirect"
        speaker = noun_phrase(speaker_token)
        conf = {"clause": 0.75, "parenthetical": 0.7}.get(frame, 0.65)
        return Statement(cue=_cue_span(verb), content=content, speaker=speaker, kind=kind, frame=frame,
                         confidence=conf, content_pieces=pieces if len(pieces) > 1 else [])

    def _held_by_no_one(self, verb: Token, in_quote) -> Statement | None:
        """`The central bank is expected to act in December`, `who are believed to ...`: an expectation
        or belief reported in the passive, with no one named to hold it. Kind "belief", no speaker;
        the content is the whole clause."""
        if not any(c.dep_ == "auxpass" for c in verb.children) or any(c.dep_ == "agent" for c in verb.children):
            return None
        subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
        if subj is None or xcomp is None or subj.lower_ == "it" or in_quote(subj):
            return None
        doc = verb.doc
        content = _trim_span(doc[subj.left_edge.i:xcomp.right_edge.i + 1])
        content = self._trim_asides(content, in_quote)
        aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
        cue = doc[min([verb.i] + [a.i for a in aux]):verb.i + 1]
        return Statement(cue=cue, content=content, speaker=None, kind="belief", frame="passive", confidence=0.5)

    def _according_to(self, doc: Doc, in_quote) -> list[Statement]:
        """`X, according to Y` / `According to Y, X`: the content is the rest of the sentence.

        With the phrase in mid-sentence, the content is the part before it (`... 20 points,
        according to polling by the union, even as ...`), or the part after it if the part
        before is too short to be a claim.
        """
        found = []
        for t in self._according:
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
            pieces = []
            root = sent.root
            if before_words and len(after_words) >= 2 and after.start <= root.i < after.end \
                    and doc[phrase_end].text in (",", "-", "—", "–") and doc[phrase_start - 1].text in (",", "-", "—", "–"):
                # "At the heart of the trouble, according to X, was a decision ...": the phrase interrupts
                # one clause, whose two parts are what X says
                after = self._trim_asides(after, in_quote)
                content = doc[before.start:after.end]
                pieces = [(before.start_char, before.end_char), (after.start_char, after.end_char)]
            elif len(before_words) >= 4:
                content = self._trim_asides(before, in_quote)
            elif len(after_words) >= 3:
                content = self._trim_asides(after, in_quote)
            else:
                continue
            if any(_is_mark(x) for x in content) and any(self._is_cue_verb(x, quote=True) for x in content
                                                          if not in_quote(x)):
                continue  # "'...,' X said, according to a pool report": the statement is X's
            if not pieces:
                content = _trim_lead(content)
            found.append(Statement(cue=doc[t.i : to.i + 1], content=content, speaker=noun_phrase(pobj),
                                   kind="according_to", frame="according_to", confidence=0.8, content_pieces=pieces))
        return found

    # -- noun cues ---------------------------------------------------------

    def _nouns(self, doc: Doc, in_quote) -> list[Statement]:
        """`Trump's call for a ban`, `the minister's claim that ...`, `criticism of the plan by X`:
        a noun of saying (`[nouns]` in data/cues.toml) whose possessor (or `by` / `from` phrase)
        names the speaker and whose complement is what was said."""
        found = []
        nouns = self.cues["nouns"]
        for noun in self._noun_cues:
            frames = nouns.get(noun.lower_) or nouns.get(noun.lemma_.lower())
            if frames is None or noun.pos_ != "NOUN" or in_quote(noun):
                continue
            try:
                st = self._from_noun(noun, frames, in_quote)
            except Exception:
                log.debug("noun cue skipped", exc_info=True)
                continue
            if st is not None:
                found.append(st)
        return found

    def _from_noun(self, noun: Token, frames: set[str], in_quote) -> Statement | None:
        doc = noun.doc
        speaker = next((c for c in noun.children if c.dep_ == "poss"), None)
        if speaker is None:
            speaker = next((p for c in noun.rights if c.dep_ == "prep" and c.lower_ in ("by", "from")
                            for p in c.children if p.dep_ == "pobj"), None)
        if speaker is None or in_quote(speaker) or speaker.lower_ in ("its", "my", "your", "our"):
            return None
        if not (self._agentive(speaker) or speaker.lower_ in ("his", "her", "their")):
            return None
        content = None
        for c in noun.rights:
            if c.dep_ in ("acl", "ccomp", "relcl") and c.pos_ in ("VERB", "AUX"):
                that = next((m for m in c.children if m.lower_ == "that" and m.dep_ == "mark"), None)
                to = next((m for m in c.children if m.dep_ == "aux" and m.lower_ == "to"), None)
                if that is not None and "that" in frames and that.i == c.left_edge.i:
                    content = doc[that.i + 1:c.right_edge.i + 1]
                elif to is not None and "infinitive" in frames and to.i == c.left_edge.i:
                    content = doc[to.i:c.right_edge.i + 1]
            elif c.dep_ == "prep" and c.lower_ in frames and c.lower_ not in ("by", "from"):
                obj = next((x for x in c.children if x.dep_ in ("pobj", "pcomp")), None)
                if obj is not None:
                    content = doc[c.i + 1:c.right_edge.i + 1]
            if content is not None:
                break
        if content is None:
            return None
        content = self._trim_asides(_trim_span(content), in_quote)
        if len(_words(content)) < 2 and not any(t.pos_ in ("PROPN", "NOUN") for t in content):
            return None
        kind = "belief" if "belief" in frames else ("mixed" if any(in_quote(t) for t in content) else "indirect")
        who = noun_phrase(speaker)
        while len(who) > 1 and who[-1].dep_ == "case":
            who = who[:-1]  # "Trump's" -> "Trump"
        return Statement(cue=doc[noun.i:noun.i + 1], content=content, speaker=who, kind=kind,
                         frame="noun", confidence=0.6)

    # -- official acts -----------------------------------------------------

    def _acts(self, doc: Doc, in_quote, statements: list[Statement]) -> list[Statement]:
        """Official acts reported without speech (`[acts]` in data/cues.toml): `The State
        Department approved the sale of ...`, `Erdogan signed the legislation`, `France voted in
        favour`, `which on Friday vetoed a U.S.-drafted text`, and tallies whose group did it (`X and
        Y were the two members to vote against`, `were among the 45 abstentions`: `_member_of`).
        Kind "act"; the content is the predicate (the verb and its complements). Acts inside a quotation or inside another
        statement's content belong to that statement and are skipped."""
        acts = self.cues["acts"]
        taken = [(s.content.start, s.content.end) for s in statements]
        cues = {i for s in statements for i in range(s.cue.start, s.cue.end)}
        found = []
        for verb in self._act_verbs:
            frames = acts.get(verb.lemma_.lower())
            if frames is None or verb.pos_ != "VERB" or verb.i in cues or in_quote(verb):
                continue
            if any(a <= verb.i < b for a, b in taken):
                continue
            try:
                st = self._act(verb, frames, in_quote)
            except Exception:
                log.debug("act skipped", exc_info=True)
                continue
            if st is None:
                continue
            if any(o.speaker is not None and o.speaker.root.head == verb and o.speaker.root.dep_ == "dobj"
                   and st.content.start <= o.cue.start < st.content.end for o in statements):
                continue  # "issued a statement calling the test a clear violation": the statement speaks
            found.append(st)
            taken.append((st.content.start, st.content.end))
        for noun in self._act_nouns:  # "Britain and Germany were among the 45 abstentions"
            subj = _copula_subject(noun)
            if subj is not None and not in_quote(noun) and not in_quote(subj) and self._can_act(subj) \
                    and not any(a <= noun.i < b for a, b in taken):
                found.append(Statement(cue=doc[noun.i:noun.i + 1], content=doc[noun.left_edge.i:noun.i + 1],
                                       speaker=noun_phrase(subj), kind="act", frame="act", confidence=0.7))
        return found

    def _act(self, verb: Token, frames: set[str], in_quote) -> Statement | None:
        doc = verb.doc
        member = _member_of(verb)
        if verb.dep_ not in _ACT_DEPS and member is None:
            return None  # "plans to sign", "a text drafted by ...": not an act done
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if verb.dep_ == "conj":
            auxes += [c for c in verb.head.children if c.dep_ in ("aux", "auxpass") and c.i < verb.head.i]
        if any(a.lower_ in _MODALS or a.lower_ == "to" and member is None for a in auxes):
            return None  # "will sign", "would approve": not done (yet)
        if verb.tag_ == "VBN" and not auxes:
            return None  # a participle modifying a noun
        if verb.tag_ == "VBG" and verb.dep_ not in ("advcl", "conj") and member is None:
            return None
        if any(c.dep_ == "mark" and c.lower_ in _NOT_DONE for c in verb.children):
            return None  # "if Congress approves the sale"
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if passive and not any(c.dep_ == "agent" for c in verb.children):
            return None  # "the resolution was adopted": by whom is not said
        subj = member if member is not None else subject_of(verb)
        if subj is None or in_quote(subj) or not self._can_act(subj):
            return None
        content = self._act_body(verb, frames, in_quote)
        if content is None:
            return None
        frame = "act"
        return Statement(cue=_cue_span(verb), content=content, speaker=noun_phrase(subj), kind="act",
                         frame=frame, confidence=0.7)

    def _can_act(self, subj: Token) -> bool:
        """Can this subject perform an official act: a state, organisation or person, a personal or
        relative pronoun, an acting noun (`parliament`, `ministry`, `fourteen members`)."""
        if is_relative(subj):
            subj = subj.head.head
            if is_relative(subj):
                return False
        if subj.lower_ in ("he", "she", "they", "we", "it", "i"):
            return True
        if subj.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
            return False
        lemma = subj.lemma_.lower()
        if lemma in self.cues["documents"] or subj.lower_ in self.cues["non_speakers"]:
            return False
        if subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or subj.pos_ == "PROPN":
            return True
        if subj.pos_ == "NUM" or subj.ent_type_ == "CARDINAL" or lemma in ("all", "both", "most", "some", "many"):
            # "fourteen of the council's members", "both of them"
            pobj = next((p for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj"), None)
            return pobj is not None and self._can_act(pobj)
        return lemma in self.cues["act_agents"] or lemma in self.cues["agents"] or subj.lower_ in self.cues["agents"]

    def _act_body(self, verb: Token, frames: set[str], in_quote) -> Span | None:
        """The act's predicate: from the verb to the end of its last complement in its frames."""
        doc = verb.doc
        preps = self.cues["act_preps"].get(verb.lemma_.lower(), set())
        comps, end = [], verb.i + 1
        for c in verb.rights:
            if c.dep_ == "prt" and c.i == end:
                end = c.i + 1
            elif c.dep_ in ("dobj", "dative") and "object" in frames:
                if c.lower_ in ("which", "that", "what", "whom") or in_quote(c) and c.i == c.right_edge.i:
                    return None
                comps.append(c)
            elif c.dep_ == "xcomp" and "infinitive" in frames and c.pos_ in ("VERB", "AUX"):
                comps.append(c)
            elif c.dep_ == "prep" and "prep" in frames and c.lower_ in preps:
                if c.lower_ == "in" and not any(p.dep_ == "pobj" and p.lemma_.lower() in _IN_FAVOUR for p in c.children):
                    continue
                comps.append(c)
            elif c.dep_ == "prep" and comps and c.lower_ in ("to", "for", "on", "against", "from", "with", "of") \
                    and not any(x.ent_type_ in ("DATE", "TIME") or _is_venue(x) for x in c.children if x.dep_ == "pobj"):
                comps.append(c)  # "pledged $4.5 billion in new aid [to Ukraine]"
            elif c.dep_ in ("cc", "conj", "advcl", "relcl") or (c.dep_ == "punct" and c.text in (";", ":")):
                break
        if comps:
            end = max(end, max(c.right_edge.i for c in comps) + 1)
        elif "none" not in frames:
            return None
        span = self._trim_asides(_trim_span(doc[verb.i:end]), in_quote)
        return span if _words(span) else None

    def _signoffs(self, doc: Doc, in_quote) -> list[Statement]:
        """A dash and a name closing a paragraph: an embedded post (`text — Name (@handle) June 5, 2016`)
        or a quotation signed on its own line (`"..."` then `- Jane Roe.`)."""
        found = []
        # lines, not paragraphs: a list of signed quotations often puts one on each line
        paras = [(a + len(line) - len(line.lstrip()), a + len(line.rstrip())) for a, line in _lines(self._text)
                 if line.strip()]
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
        people = {w for e in doc.ents if e.label_ in ("PERSON", "ORG") for w in (e.text, e[-1].text)}
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
            # a title-case word the parser misread (`Merkel: Europe Must ...` tags `Merkel` a noun) is a
            # name when the article names that person or organisation elsewhere
            is_name = all((t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP") or (t.is_upper and t.is_alpha)
                           or (t.is_title and t.text in people))
                          or t.is_punct or t.lower_ in ("of", "the", "'s", "’s") for t in name)
            if not is_name or not (any(t.ent_type_ in ("PERSON", "ORG", "NORP") or (t.is_upper and len(t) > 1)
                                       for t in name) or name.text in people):
                continue  # a name the article also names as a person or organisation elsewhere counts
            if any(self._is_cue_verb(t) and subject_of(t) is not None and not in_quote(t) for t in rest):
                continue  # "KYIV: Ukraine said ...": a dateline, and the report names its own speaker
            kind = "direct" if _is_mark(rest[0]) else "indirect"
            found.append(Statement(cue=doc[colon.i:colon.i + 1], content=rest, speaker=_trim_span(name), kind=kind,
                                   frame="label", confidence=0.6))
        return found


class _Scare:  # marker: a quotation that is not a statement and must not float
    pass


_SCARE = _Scare()


def _member_of(verb: Token) -> Token | None:
    """Who did an act that a group noun after a copula did: `Austria and Hungary were the two
    members to vote against`, `Chile was among the countries voting no`, `Peru was among those
    that abstained`, `Sweden was the last ally to ratify it` -> the copula's subject. Not when the
    act is still to come (`the only member yet to ratify`, `will be the last to sign`)."""
    head = verb.head
    if verb.dep_ in ("relcl", "acl"):
        group = head
    elif verb.dep_ in ("xcomp", "advcl") and head.lemma_ == "be":
        group = next((c for c in head.children if c.dep_ == "attr"), None) or next(
            (p for c in head.children if c.dep_ == "prep" and c.lower_ == "among" for p in c.children
             if p.dep_ == "pobj"), None)
    else:
        return None
    return _copula_subject(group, verb)


def _copula_subject(group: Token | None, verb: Token | None = None) -> Token | None:
    """The subject of the copula a group noun is the attribute of, or is `among`."""
    if group is None or group.pos_ not in ("NOUN", "PRON", "ADJ"):
        return None
    cop = group.head if group.dep_ == "attr" else group.head.head \
        if group.dep_ == "pobj" and group.head.lower_ == "among" else None
    if cop is None or cop.lemma_ != "be" or any(
            c.dep_ == "neg" or c.lower_ in _MODALS for c in cop.children) or any(
            c.dep_ == "neg" or c.lower_ in ("yet", "still")
            for c in list(verb.children if verb is not None else ()) + list(group.children)):
        return None
    return next((c for c in cop.children if c.dep_ == "nsubj" and c.tag_ not in ("WP", "WDT")), None)


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


def _lines(text: str) -> list[tuple[int, str]]:
    """(start, line) for each line of a text."""
    out, start = [], 0
    for line in text.split("\n"):
        out.append((start, line))
        start += len(line) + 1
    return out


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
            "object": 3, "label": 4, "signoff": 1, "floating": 4, "noun": 5}
    best: dict[tuple[int, int], Statement] = {}
    for st in statements:
        key = (st.content.start, st.content.end)
        if key not in best or rank.get(st.frame, 5) < rank.get(best[key].frame, 5):
            best[key] = st
    kept = list(best.values())
    # a quotation read as floating on is not, when another statement holds it ('"..." ― Name')
    kept = [st for st in kept if st.frame != "floating" or not any(
        o is not st and o.frame != "floating" and o.content.start <= st.content.start and st.content.end <= o.content.end
        for o in kept)]
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
