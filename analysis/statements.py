"""Component `demarche_statements`: who said what, with cue, content and speaker spans.

One rule module per construction of news reporting; this component runs them in order over a
document and keeps one statement per content span:

1. **Direct quotations** and the frame that attributes each one (direct_speech.py).
2. **Indirect speech**, stance-taking verbs and beliefs on every other cue verb
   (indirect_speech.py); the same pass over the tokens collects the candidates of 3 and 5.
3. **`according to X`**, `Name: ...` labels, `— Name` sign-offs and nouns of saying
   (verbless.py).
4. **Quotations with no cue**: colon introductions, continuations and floating quotations
   (direct_speech.py), attached once the statements of 1-3 are known.
5. **Official acts** (acts.py), outside every statement's content.

What they share: the `Statement` record (statement.py), the cue lists and speaker tests
(cues.py, data/cues.toml) and the reading of the parse (syntax.py). Statements nested in
another's content by the same speaker (`Beijing said it firmly opposed the sale`) are removed by
demarche_speakers once speakers are resolved (`speakers.drop_nested_duplicates`). Every stage
works item by item inside its own guard, so a malformed paragraph or a parse surprise loses at
most that item.

Writes `doc._.statements`: a list of `Statement`, sorted by content offset.
"""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.symbols import NOUN as _NOUN, VERB as _VERB
from spacy.tokens import Doc, Token

from .acts import OfficialActs
from .cues import DATA, load_cues
from .direct_speech import _SCARE, DirectSpeech, _join, _mask, _paragraph_index
from .indirect_speech import IndirectSpeech
from .quotes import find_quotations, paragraphs, token_quotes
from .statement import Statement
from .syntax import SentenceIndex, clause_span, is_relative, list_appos, noun_phrase, subject_of
from .verbless import Verbless

log = logging.getLogger(__name__)


class StatementFinder(DirectSpeech, IndirectSpeech, Verbless, OfficialActs):
    """Rule-based statement extraction; verbs, frames and speaker lists come from data, not code."""

    def __init__(self, nlp: Language, cues_path: str | None = None):
        self.cues = load_cues(cues_path)

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
        qof = token_quotes(doc, quotations)  # token index -> quotation index (-1: outside)
        self._qof, self._quotations = qof, quotations

        def in_quote(t: Token) -> bool:
            return inside[t.idx]  # every character of a quotation's words is inside: no need for qof

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


# the names the later components, tests and benches import from here
__all__ = ["Statement", "StatementFinder", "SentenceIndex", "noun_phrase", "subject_of", "is_relative", "clause_span",
           "paragraphs", "load_cues", "DATA", "list_appos"]
