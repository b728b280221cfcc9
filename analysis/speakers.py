"""Component `demarche_speakers`: one resolved speaker per conjunct of each statement's subject.

coreferee cannot run with this model here (its English model is a separate download), so
pronouns and descriptions are resolved by a documented heuristic, in the spirit of the
Gender Gap Tracker's quote attribution:

* coordination: `Poland and the Czech Republic said` gives one speaker per conjunct;
* `he`/`she` -> the latest earlier singular, person-like speaker; failing that the latest
  PERSON named before the statement;
* `they` -> the latest earlier plural speaker (a coordination, `the two leaders`, `officials`);
* `it` -> the latest earlier speaker that is an institution or a state;
* descriptions without a name (`the minister`, `the defence ministry`, `the two leaders`) ->
  the latest earlier mention with the same head noun, or for `the two leaders` the two latest
  distinct people named;
* a surname (`Tusk said`) -> the article's first full mention (`Poland's Prime Minister
  Donald Tusk`), which carries the role and the state.

Each `Speaker` keeps the mention as written and the full mention it resolved to, so actors
can read roles and affiliations from the full mention.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from .statements import DATA, noun_phrase

SINGULAR_PERSON = {"he", "she", "him", "her"}
PLURAL = {"they", "them"}
INSTITUTION = {"it"}
NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "both": 2}


@dataclass
class Speaker:
    mention: Span  # the words in the sentence: "he", "Tusk", "Poland"
    full: Span  # the mention it resolved to: "Poland's Prime Minister Donald Tusk"
    name: str  # a readable name: "Donald Tusk"
    role: str | None  # "Prime Minister", "spokesman"
    role_kind: str | None  # official | other
    plural: bool
    resolution: str  # self | pronoun | surname | description | group


@lru_cache(maxsize=2)
def load_roles(path: str | None = None) -> dict[str, str]:
    """Role words (lower-case) -> official | other, from data/gazetteer/roles.csv."""
    with open(path or DATA / "gazetteer" / "roles.csv", newline="", encoding="utf-8") as fh:
        return {row["role"].strip().lower(): row["kind"].strip() for row in csv.DictReader(fh)}


def conjuncts(np: Span) -> list[Span]:
    """Split a coordinated noun phrase into one span per conjunct."""
    root = np.root
    heads = [root] + [c for c in root.conjuncts if np.start <= c.i < np.end]
    if len(heads) == 1:
        return [np]
    spans = []
    for h in heads:
        start = max(h.left_edge.i, np.start)
        end = h.i + 1
        for child in h.rights:
            if child.dep_ in ("conj", "cc", "punct", "appos", "relcl", "acl"):
                break
            end = child.right_edge.i + 1
        span = np.doc[start:min(end, np.end)]
        while len(span) > 1 and (span[0].dep_ in ("cc", "punct") or span[0].is_space):
            span = span[1:]
        spans.append(span)
    return spans


def is_plural(span: Span) -> bool:
    root = span.root
    return (root.tag_ in ("NNS", "NNPS") or root.lower_ in PLURAL
            or any(c.dep_ == "conj" for c in root.children))


def _person(span: Span) -> Span | None:
    """The PERSON entity in a mention (or its possessor: `Rishi Sunak's spokesman`)."""
    for ent in span.doc.ents:
        if ent.label_ == "PERSON" and span.start <= ent.start and ent.end <= span.end:
            return ent
    return None


class SpeakerResolver:
    def __init__(self, nlp: Language, roles_path: str | None = None):
        self.roles = load_roles(roles_path)
        self.role_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.role_matcher.add("ROLE", [nlp.make_doc(r) for r in self.roles])

    def role_of(self, span: Span) -> tuple[str | None, str | None]:
        """The longest role phrase in a mention, with its kind."""
        best = None
        for _, s, e in self.role_matcher(span.doc[span.start:span.end]):
            # the role of the head noun ("Rishi Sunak's spokesman" is a spokesman), else the longest
            key = (s <= span.root.i < e, e - s, s)
            if best is None or key > best[2]:
                best = (s, e, key)
        if best is None:
            return None, None
        words = span.doc[best[0]:best[1]]  # matcher offsets are the doc's, even on a span
        return words.text, self.roles.get(words.text.lower())

    def __call__(self, doc: Doc) -> Doc:
        history: list[list[Speaker]] = []  # each earlier statement's resolved speakers, in order
        for st in doc._.statements or []:
            if st.speaker is None:
                st.speakers = []
                continue
            resolved = []
            for mention in conjuncts(st.speaker):
                resolved.extend(self._resolve(doc, mention, history))
            st.speakers = resolved
            if resolved:
                history.append(resolved)
        return doc

    # -- resolution ----------------------------------------------------------

    def _make(self, mention: Span, full: Span, resolution: str) -> Speaker:
        role, kind = self.role_of(full)
        person = _person(full)
        name = person.text if person is not None and person.root == full.root else full.text
        if name.lower().startswith("the "):
            name = name[4:]
        return Speaker(mention=mention, full=full, name=name, role=role, role_kind=kind,
                       plural=is_plural(full), resolution=resolution)

    def _resolve(self, doc: Doc, mention: Span, history: list[list[Speaker]]) -> list[Speaker]:
        word = mention.text.lower()
        if word in SINGULAR_PERSON:
            ante = self._latest(history, lambda g: len(g) == 1 and not g[0].plural and self._person_like(g[0].full))
            if ante is None:
                ante_span = self._latest_person_entity(doc, mention.start)
                return [self._make(mention, ante_span, "pronoun")] if ante_span is not None else []
            return [self._relabel(s, mention, "pronoun") for s in ante]
        if word in PLURAL:  # all the speakers of the latest plural subject
            ante = self._latest(history, lambda g: len(g) > 1 or g[0].plural)
            return [self._relabel(s, mention, "pronoun") for s in ante] if ante is not None else []
        if word in INSTITUTION:
            ante = self._latest(history, lambda g: len(g) == 1 and not g[0].plural and not self._person_like(g[0].full))
            return [self._relabel(s, mention, "pronoun") for s in ante] if ante is not None else []
        count = self._count(mention)
        if count and mention.root.pos_ == "NOUN" and _person(mention) is None:
            people = self._latest_people(doc, mention.start, count)
            if len(people) == count:
                return [self._make(mention, p, "group") for p in people]
        if self._is_description(mention):
            ante = self._same_head(doc, mention)
            if ante is not None:
                return [self._make(mention, ante, "description")]
        person = _person(mention)
        if person is not None and not (person.start <= mention.root.i < person.end):
            person = None  # a possessor ("Rishi Sunak's spokesman"): the speaker is the spokesman
        if person is not None and len(person) == 1:
            full = self._full_mention(doc, person)
            if full is not None:
                return [self._make(mention, full, "surname")]
        if person is not None:
            full = self._introduction(doc, person)
            return [self._make(mention, full, "self")]
        return [self._make(mention, mention, "self")]

    @staticmethod
    def _relabel(s: Speaker, mention: Span, resolution: str) -> Speaker:
        return Speaker(mention=mention, full=s.full, name=s.name, role=s.role, role_kind=s.role_kind,
                       plural=s.plural, resolution=resolution)

    @staticmethod
    def _latest(history: list[list[Speaker]], ok) -> list[Speaker] | None:
        for group in reversed(history):
            if ok(group):
                return group
        return None

    def _person_like(self, span: Span) -> bool:
        if _person(span) is not None:
            return True
        role, _ = self.role_of(span)
        head = span.root.lower_
        return role is not None and head not in ("ministry", "government", "office", "embassy", "administration",
                                                 "military", "army", "cabinet", "presidency", "mission")

    @staticmethod
    def _count(mention: Span) -> int:
        for t in mention:
            if t.lower_ in NUMBERS and t.i < mention.root.i:
                return NUMBERS[t.lower_]
        return 0

    def _is_description(self, mention: Span) -> bool:
        """`the minister`, `the defence ministry`: a definite role noun with no name or place."""
        if mention[0].lower_ != "the" or _person(mention) is not None:
            return False
        if any(t.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or (t.pos_ == "PROPN" and t.text[:1].isupper())
               for t in mention[1:]):
            return False
        role, _ = self.role_of(mention)
        return role is not None

    @staticmethod
    def _same_head(doc: Doc, mention: Span) -> Span | None:
        """The latest earlier noun phrase with the same head noun that names whose it is."""
        head = mention.root.lemma_.lower()
        for t in reversed(doc[: mention.start]):
            if t.lemma_.lower() == head and t.pos_ in ("NOUN", "PROPN"):
                np = noun_phrase(t)
                if any(x.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or x.pos_ == "PROPN" for x in np):
                    return np
        return None

    @staticmethod
    def _latest_person_entity(doc: Doc, before: int) -> Span | None:
        ents = [e for e in doc.ents if e.label_ == "PERSON" and e.end <= before]
        return noun_phrase(ents[-1].root) if ents else None

    def _latest_people(self, doc: Doc, before: int, count: int) -> list[Span]:
        """The `count` latest distinct people named before a position (`the two leaders`).

        A one-word PERSON counts only if the article names that person in full somewhere
        (the small model tags the odd city as a person).
        """
        seen: dict[str, Span] = {}
        for ent in reversed([e for e in doc.ents if e.label_ == "PERSON" and e.end <= before]):
            key = ent[-1].text
            if key in seen:
                continue
            full = self._full_mention(doc, ent[-1:])
            if full is None and len(ent) == 1:
                continue
            seen[key] = full or noun_phrase(ent.root)
            if len(seen) == count:
                break
        return list(seen.values())

    def _full_mention(self, doc: Doc, surname: Span) -> Span | None:
        """The first multi-word mention of a person ending with this surname."""
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == surname[-1].text:
                return self._introduction(doc, ent)
        return None

    @staticmethod
    def _introduction(doc: Doc, person: Span) -> Span:
        """The noun phrase that introduces a person, with title and affiliation."""
        np = noun_phrase(person.root)
        # "his Czech counterpart Petr Fiala": the name is an apposition to the role noun
        if person.root.dep_ == "appos" and person.root.head.pos_ == "NOUN":
            head = person.root.head
            np = doc[min(head.left_edge.i, np.start):max(np.end, person.end)]
        return np


@Language.factory("demarche_speakers", default_config={"roles_path": None})
def make_speaker_resolver(nlp: Language, name: str, roles_path: str | None) -> SpeakerResolver:
    return SpeakerResolver(nlp, roles_path)
