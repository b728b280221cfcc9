"""Component `demarche_issues`: which codebook issue each statement is about.

The codebook (data/codebook.toml) holds lemma-based Matcher patterns per issue. A match
counts for a statement when it lies in the statement's content and is part of what the
speaker asserts: words inside a relative clause or a participle modifying a noun are
background (`personnel ... supporting the armed forces of Ukraine` describes, it does not
claim). A statement whose subject or object is an anaphor (`the idea could not be ruled
out`, `this is not in their interests`) takes the issue of the latest earlier sentence that
named one. A statement matching nothing is kept as `unclassified`, with a label suggested
from its own main verb and object so analysts can grow the codebook.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from .schema import UNCLASSIFIED
from .statements import DATA

ANAPHOR_WINDOW = 3  # sentences to look back for the issue an anaphor refers to


@dataclass
class Rule:
    context: frozenset[str]
    unless: frozenset[str]


@dataclass
class Issue:
    id: str
    label: str
    description: str
    rules: list[Rule]


@dataclass
class IssueMatch:
    issue: str
    label: str
    trigger: Span  # the words that matched (for an anaphor: the anaphor)
    anaphor: bool = False


@dataclass
class Codebook:
    issues: dict[str, Issue]
    patterns: dict[str, list]  # "issue#rule" -> Matcher patterns
    anaphora: frozenset[str]


def _expand(value, terms: dict[str, list[str]]):
    """Replace "@name" with the named term list, anywhere in a pattern."""
    if isinstance(value, str) and value.startswith("@"):
        return list(terms[value[1:]])
    if isinstance(value, list):
        return [_expand(v, terms) for v in value]
    if isinstance(value, dict):
        return {k: _expand(v, terms) for k, v in value.items()}
    return value


def _words(items: list[str], terms: dict[str, list[str]]) -> frozenset[str]:
    out: set[str] = set()
    for item in items:
        out.update(terms[item[1:]] if item.startswith("@") else [item])
    return frozenset(w.lower() for w in out)


@lru_cache(maxsize=4)
def load_codebook(path: str | None = None) -> Codebook:
    with open(path or DATA / "codebook.toml", "rb") as fh:
        data = tomllib.load(fh)
    terms = data.get("terms", {})
    issues, patterns = {}, {}
    for entry in data["issue"]:
        rules = []
        for n, rule in enumerate(entry.get("rule", [])):
            patterns[f"{entry['id']}#{n}"] = _expand(rule["patterns"], terms)
            rules.append(Rule(_words(rule.get("context", []), terms), _words(rule.get("unless", []), terms)))
        issues[entry["id"]] = Issue(entry["id"], entry["label"], entry.get("description", ""), rules)
    anaphora = frozenset(w.lower() for w in data.get("anaphora", {}).get("nouns", []))
    return Codebook(issues, patterns, anaphora)


def _has_any(sent: Span, words: frozenset[str]) -> bool:
    return any(t.lower_ in words or t.lemma_.lower() in words for t in sent)


def path_up(token: Token, top: Span) -> list[Token]:
    """Tokens from `token` up through its heads while they stay inside `top`."""
    path = [token]
    while path[-1].head != path[-1] and top.start <= path[-1].head.i < top.end:
        path.append(path[-1].head)
    return path


def is_background(trigger: Span, content: Span) -> bool:
    """True when the matched words only describe something, inside a relative clause or a
    participle modifying a noun, rather than being what the speaker asserts."""
    for t in path_up(trigger.root, content):
        if t.dep_ == "relcl" or (t.dep_ == "acl" and t.tag_ in ("VBG", "VBN")):
            return True
    return False


def suggest_label(content: Span) -> str:
    """A short label from the statement's own words: its main verb and what it acts on."""
    root = content.root
    if root.pos_ == "AUX":
        comp = next((c for c in root.children if c.dep_ in ("acomp", "attr")), None)
        root = comp or root
    parts = [root.lemma_.lower()]
    obj = next((c for c in root.children if c.dep_ in ("dobj", "attr", "acomp", "xcomp", "prep")), None)
    if obj is not None and obj.dep_ == "prep":
        obj = next((c for c in obj.children if c.dep_ == "pobj"), None)
    if obj is not None:
        mods = [c.text.lower() for c in obj.lefts if c.dep_ in ("compound", "amod")][-1:]
        parts += mods + [obj.lemma_.lower()]
    return " ".join(p for p in parts if p.isascii() and p.strip())[:60]


class IssueClassifier:
    def __init__(self, nlp: Language, codebook_path: str | None = None):
        self.codebook = load_codebook(codebook_path)
        self.matcher = Matcher(nlp.vocab)
        for key, pats in self.codebook.patterns.items():
            self.matcher.add(key, pats)

    def _doc_matches(self, doc: Doc) -> list[IssueMatch]:
        """Every codebook match in the document that passes its rule's context checks."""
        seen: dict[tuple[str, int], IssueMatch] = {}
        for match_id, s, e in self.matcher(doc):
            key = doc.vocab.strings[match_id]
            issue_id, n = key.split("#")
            issue = self.codebook.issues[issue_id]
            rule = issue.rules[int(n)]
            span = doc[s:e]
            sent = span.sent
            if rule.context and not _has_any(sent, rule.context):
                continue
            if rule.unless and _has_any(sent, rule.unless):
                continue
            k = (issue_id, span.root.i)
            if k not in seen or len(span) < len(seen[k].trigger):
                seen[k] = IssueMatch(issue_id, issue.label, span)
        return sorted(seen.values(), key=lambda m: m.trigger.start)

    def _anaphor(self, content: Span) -> Token | None:
        """A subject or object of one of the content's main clauses that points back."""
        root = content.root
        clauses = [root] + [c for c in root.children if c.dep_ in ("ccomp", "conj", "parataxis", "xcomp")]
        candidates = [c for v in clauses for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr")]
        for t in sorted(candidates, key=lambda t: t.i):
            if not (content.start <= t.i < content.end):
                continue
            if t.lemma_.lower() in self.codebook.anaphora or t.lower_ in self.codebook.anaphora:
                definite = t.pos_ == "PRON" or any(c.lower_ in ("the", "this", "that", "such", "these", "those")
                                                   for c in t.children)
                if definite:
                    return t
        return None

    def __call__(self, doc: Doc) -> Doc:
        matches = self._doc_matches(doc)
        sent_index = {s.start: n for n, s in enumerate(doc.sents)}
        for st in doc._.statements or []:
            content = st.content
            found: dict[str, IssueMatch] = {}
            for m in matches:
                if content.start <= m.trigger.start and m.trigger.end <= content.end and not is_background(m.trigger, content):
                    # keep the match highest in the tree for each issue
                    if m.issue not in found or len(path_up(m.trigger.root, content)) < len(path_up(found[m.issue].trigger.root, content)):
                        found[m.issue] = m
            if not found:
                anaphor = self._anaphor(content)
                if anaphor is not None:
                    here = sent_index.get(content.sent.start, 0)
                    earlier = [m for m in matches if m.trigger.end <= content.start
                               and here - sent_index.get(m.trigger.sent.start, 0) <= ANAPHOR_WINDOW]
                    if earlier:
                        m = earlier[-1]
                        found[m.issue] = IssueMatch(m.issue, m.label, doc[anaphor.i:anaphor.i + 1], anaphor=True)
            st.issues = list(found.values())
            st.suggested_label = "" if found else suggest_label(content)
        return doc


@Language.factory("demarche_issues", default_config={"codebook_path": None})
def make_issue_classifier(nlp: Language, name: str, codebook_path: str | None) -> IssueClassifier:
    return IssueClassifier(nlp, codebook_path)


__all__ = ["IssueClassifier", "IssueMatch", "load_codebook", "UNCLASSIFIED", "path_up", "is_background"]
