"""Component `demarche_stance`: support, oppose or neutral toward each issue a statement names.

Stance is toward the issue, not the sentence. We walk from the issue's words up the parse to
the statement's main verb (and, for `X rejected the plan` or `X urged allies to ...`, to the
reporting verb itself) and read, on that path and right beside it:

* the nearest stance cue from data/stance.toml (`support`, `rule out`, `not in the interest`,
  `vote against`, `abstain` ...), and
* every negation (`not`, `no plans`, `never`) not already part of that cue.

Each negation flips the cue: `could not be ruled out` is support, held loosely (0.5). With no
cue, a statement that asserts the issue's action supports it (`will send troops`) and a
negated one opposes it (`not planning to send troops`). An issue reached only through an
anaphor with no cue stays neutral: we know the topic, not the leaning.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from .issues import path_up
from .statements import DATA

DEFAULT = 0.6  # an asserted action with no explicit cue
LOOSE = 0.5  # support read from a negated objection ("could not be ruled out")
THRESHOLD = 0.2


@dataclass
class Stance:
    label: str  # support | oppose | neutral
    score: float
    cue: str


@lru_cache(maxsize=2)
def load_lexicon(path: str | None = None) -> dict:
    with open(path or DATA / "stance.toml", "rb") as fh:
        data = tomllib.load(fh)
    return {
        "support": data["support"]["phrases"],
        "oppose": data["oppose"]["phrases"],
        "neutral": data["neutral"]["phrases"],
        "negation": frozenset(data["negation"]["words"]),
    }


def label_for(score: float) -> str:
    if score > THRESHOLD:
        return "support"
    if score < -THRESHOLD:
        return "oppose"
    return "neutral"


_BESIDE = ("aux", "neg", "prt", "acomp", "advmod", "prep", "attr", "det")
MAX_CUE_WORDS = 12


def _cue_text(doc: Doc, words: list[Token], match) -> str:
    """The deciding words with the issue's words, as one phrase when they are close."""
    tokens = sorted({t.i for t in words} | set(range(match.trigger.start, match.trigger.end)))
    lo, hi = tokens[0], tokens[-1] + 1
    if hi - lo <= MAX_CUE_WORDS:
        return doc[lo:hi].text
    return " … ".join(doc[i].text for i in tokens)


class StanceReader:
    def __init__(self, nlp: Language, lexicon_path: str | None = None):
        lex = load_lexicon(lexicon_path)
        self.negation = lex["negation"]
        self.matcher = Matcher(nlp.vocab)
        self.polarity = {"support": 1.0, "oppose": -1.0, "neutral": 0.0}
        for label in ("support", "oppose", "neutral"):
            pats = [[{"LEMMA": w} for w in phrase.lower().split()] for phrase in lex[label]]
            self.matcher.add(label, pats)

    def _cues(self, doc: Doc) -> dict[int, list[tuple[str, Span]]]:
        """Stance cues keyed by each token they cover."""
        by_token: dict[int, list[tuple[str, Span]]] = {}
        for match_id, s, e in self.matcher(doc):
            label = doc.vocab.strings[match_id]
            for i in range(s, e):
                by_token.setdefault(i, []).append((label, doc[s:e]))
        # longest cue first on each token ("not in the interest" over "interest")
        for i in by_token:
            by_token[i].sort(key=lambda c: -len(c[1]))
        return by_token

    def _negations(self, token: Token) -> list[Token]:
        return [c for c in token.children if c.dep_ == "neg" or (c.lower_ in self.negation and c.dep_ in ("det", "advmod", "neg", "preconj", "cc"))]

    def _candidates(self, st, match) -> list[Token]:
        """Where a cue may sit, nearest first: the path from the issue's words up to the main
        verb; for an anaphor, the whole clause said about it, shallowest first."""
        top = st.content
        if match.anaphor:  # what is said of it: its own clause first, then the clauses above
            ordered, frontier = [], [match.trigger.root.head]
            while frontier:
                ordered.extend(frontier)
                frontier = [c for t in frontier for c in t.children
                            if top.start <= c.i < top.end and c != match.trigger.root]
            return ordered + [t for t in path_up(match.trigger.root.head, top) if t not in ordered]
        path = path_up(match.trigger.root, top)
        if st.frame in ("object", "infinitive") and st.cue.root not in path:
            path.append(st.cue.root)
        return path

    def _cue(self, candidates: list[Token], match, cues) -> tuple[str, Span] | None:
        for t in candidates:
            near = [t] if match.anaphor else [t] + [c for c in t.children if c.dep_ in _BESIDE]
            for n in near:
                for label, span in cues.get(n.i, []):
                    inside_trigger = match.trigger.start <= span.start and span.end <= match.trigger.end
                    # the issue's own words name it; only "support" in them also leans
                    if match.anaphor or not inside_trigger or label == "support":
                        return label, span
        return None

    def read(self, st, match, cues: dict[int, list[tuple[str, Span]]]) -> Stance:
        doc = st.content.doc
        chosen = self._cue(self._candidates(st, match), match, cues)
        path = path_up(match.trigger.root, st.content)
        if chosen is not None:
            path += [t for t in path_up(chosen[1].root, st.content) if t not in path]
        cue_tokens = set(range(chosen[1].start, chosen[1].end)) if chosen else set()
        negs = [n for t in path for n in self._negations(t) if n.i not in cue_tokens]
        flips = len(negs) % 2
        if chosen is not None:
            base = self.polarity[chosen[0]]
            score = base * (-1 if flips else 1)
            if base < 0 and flips:
                score = LOOSE
        elif match.anaphor:
            score = 0.0
        else:
            score = -DEFAULT if flips else DEFAULT
        return Stance(label_for(score), round(score, 3), _cue_text(doc, [*negs, *(doc[i] for i in cue_tokens)], match))

    def __call__(self, doc: Doc) -> Doc:
        cues = self._cues(doc)
        for st in doc._.statements or []:
            st.stances = {m.issue: self.read(st, m, cues) for m in st.issues}
        return doc


@Language.factory("demarche_stance", default_config={"lexicon_path": None})
def make_stance_reader(nlp: Language, name: str, lexicon_path: str | None) -> StanceReader:
    return StanceReader(nlp, lexicon_path)
