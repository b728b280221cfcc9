"""Component `demarche_issues`: which codebook issue each statement is about.

The codebook (data/codebook.toml) holds lemma-based Matcher patterns per issue, grouped in
rules. A rule may ask for *context* (one of its words in the sentence, or, when the sentence
names no topic at all, in one of the sentences just before it: `Britain abstained on the
ceasefire resolution` after a paragraph about Gaza) and name words that hand the match to
another topic (*unless*: `talks` near `Gaza` are not about Ukraine). When a sentence names
both, the topic nearest the matched words wins (`a ceasefire in Gaza and talks with
Russia`); an unless-word modifying the matched words always wins (`accession talks`), and
*unless_attached* words block only as the action's subject or modifier (`Russia deployed
more troops to Ukraine`, also through a pronoun for the speaker). A rule may say its words
name the issue's *opposite* (polarity -1: an `arms embargo` for arms exports, `Taiwan
independence` for Beijing's pressure), which stance reading turns around.

A match counts for a statement when it lies in the statement's content and is part of what
the speaker asserts: words inside a relative clause or a participle modifying a noun are
background (`personnel ... supporting the armed forces of Ukraine` describes, it does not
claim), unless that noun carries a position (`a resolution demanding a ceasefire`, `a loan
backed by frozen Russian assets`: the codebook's [carriers]). Words of one issue inside a
longer match of another belong to the longer one (`talks` in `accession talks with
Ukraine`); of overlapping matches of one issue the shortest is kept (the words a wide
pattern swallowed are left to the stance reader), except that a match naming the opposite
pole beats the plain name inside it. One match per issue per statement: the one highest in
the parse.

A statement whose subject or object is an anaphor (`the idea could not be ruled out`, `this
is not in their interests`, `the veto`), or whose verb is a vote with no object (`France
voted in favour`, `Germany abstained`), takes the issue of the latest earlier sentence (up
to five back) that named one. A statement matching nothing is kept as `unclassified`, with
a short lower-case label from its own words (main verb and what it acts on: `hold talks on
trade`, `not make large-scale deployment`) so analysts can grow the codebook.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from .schema import UNCLASSIFIED
from .statements import DATA

ANAPHOR_WINDOW = 5  # sentences to look back for the issue an anaphor refers to
CONTEXT_WINDOW = 3  # sentences to look back for a rule's context when its own sentence has none
UNLESS_NEAR = 8  # for a rule without context: an unless-word this close (in tokens) blocks the match


@dataclass
class Rule:
    context: frozenset[str]
    unless: frozenset[str]
    polarity: int = 1  # -1: the words name the issue's opposite
    window: int = CONTEXT_WINDOW  # earlier sentences that may supply the context
    near: int = UNLESS_NEAR  # without context: how close an unless-word must be to block (0: anywhere)
    attached: frozenset[str] = frozenset()  # block only as the matched words' subject or modifier


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
    polarity: int = 1  # -1 when the words name the issue's opposite (`arms embargo`)
    rule: Rule | None = field(default=None, repr=False)


@dataclass
class Codebook:
    issues: dict[str, Issue]
    patterns: dict[str, list]  # "issue#rule" -> Matcher patterns
    anaphora: frozenset[str]
    carriers: frozenset[str]
    acts: frozenset[str] = frozenset()  # verbs that, with no object, refer to the vote at hand


def _expand(value, terms: dict[str, list[str]]):
    """Replace "@name" with the named term list, anywhere in a pattern."""
    if isinstance(value, str) and value.startswith("@"):
        return list(terms[value[1:]])
    if isinstance(value, list):
        out = []
        for v in value:
            # "@name" inside a list of words splices the term list in
            if isinstance(v, str) and v.startswith("@"):
                out.extend(terms[v[1:]])
            else:
                out.append(_expand(v, terms))
        return out
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
            rules.append(Rule(_words(rule.get("context", []), terms), _words(rule.get("unless", []), terms),
                              int(rule.get("polarity", 1)), int(rule.get("context_window", CONTEXT_WINDOW)),
                              int(rule.get("unless_window", UNLESS_NEAR)),
                              _words(rule.get("unless_attached", []), terms)))
        issues[entry["id"]] = Issue(entry["id"], entry["label"], entry.get("description", ""), rules)
    anaphora = frozenset(w.lower() for w in data.get("anaphora", {}).get("nouns", []))
    carriers = frozenset(w.lower() for w in data.get("carriers", {}).get("nouns", []))
    acts = frozenset(w.lower() for w in data.get("anaphora", {}).get("acts", []))
    return Codebook(issues, patterns, anaphora, carriers, acts)


def _is(token: Token, words: frozenset[str]) -> bool:
    return token.lower_ in words or token.lemma_.lower() in words


def _has_any(sent: Span, words: frozenset[str]) -> bool:
    return any(_is(t, words) for t in sent)


def _distance(span: Span, token: Token) -> int:
    if token.i < span.start:
        return span.start - token.i
    if token.i >= span.end:
        return token.i - span.end + 1
    return 0


def context_holds(rule: Rule, span: Span) -> bool:
    """Whether a match of `rule` at `span` is on the rule's topic (see the module docstring)."""
    sent = span.sent
    modifiers = [c for t in span for c in t.children
                 if c.dep_ in ("compound", "amod", "nmod", "poss") and not (span.start <= c.i < span.end)]
    if rule.unless and any(_is(c, rule.unless) for c in modifiers):
        return False  # the matched words' own modifier names another topic: "accession talks"
    if rule.attached:
        subjects = [w for t in span for c in t.children if c.dep_ in ("nsubj", "nsubjpass", "agent")
                    and not (span.start <= c.i < span.end) for w in c.subtree]
        if any(_is(w, rule.attached) for w in modifiers + subjects):
            return False  # someone else's action: "Russia deployed more troops to Ukraine"
    if not rule.context:
        if not rule.unless:
            return True
        return not any(_is(t, rule.unless) and (rule.near == 0 or _distance(span, t) <= rule.near)
                       for t in sent if not (span.start <= t.i < span.end))
    outside = [t for t in sent if not (span.start <= t.i < span.end)]
    if any(_is(t, rule.context) for t in span) and not any(_is(t, rule.context) for t in outside):
        # the matched words carry the topic themselves ("arms exports"): unless-words then
        # compete by distance alone, as for a rule without context
        return not any(_is(t, rule.unless) and (rule.near == 0 or _distance(span, t) <= rule.near) for t in outside)
    near_context = min((_distance(span, t) for t in outside if _is(t, rule.context)), default=None)
    near_unless = min((_distance(span, t) for t in outside if _is(t, rule.unless)), default=None) if rule.unless else None
    if near_context is not None:
        return near_unless is None or near_context <= near_unless
    if near_unless is not None:
        return False
    # the sentence names no topic: the nearest earlier sentence that names one decides
    doc = span.doc
    sents = list(doc[max(0, sent.start - 400):sent.start].sents) if sent.start else []
    for earlier in reversed(sents[-rule.window:] if rule.window else []):
        if _has_any(earlier, rule.context):
            return True
        if rule.unless and _has_any(earlier, rule.unless):
            return False
    return False


def path_up(token: Token, top: Span) -> list[Token]:
    """Tokens from `token` up through its heads while they stay inside `top`."""
    path = [token]
    while path[-1].head != path[-1] and top.start <= path[-1].head.i < top.end:
        path.append(path[-1].head)
    return path


def _is_participle(t: Token) -> bool:
    """A participle modifying a noun (`personnel supporting ...`), not a finite clause."""
    return t.tag_ in ("VBG", "VBN") and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in t.children)


def _is_relative(t: Token) -> bool:
    """A relative clause proper (`which ...`, `that ...` with a gap), not an infinitive the
    parser hung on a noun (`the decision to send`, `the time to invite`)."""
    return not any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)


def is_background(trigger: Span, content: Span, carriers: frozenset[str] = frozenset()) -> bool:
    """True when the matched words only describe something, inside a relative clause or a
    participle modifying a noun, rather than being what the speaker asserts. A clause that
    modifies a carrier noun (`resolution`, `plan`, `loan` ...) states that noun's content and
    is not background."""
    for t in path_up(trigger.root, content):
        described = (t.dep_ == "relcl" and _is_relative(t)) or (t.dep_ == "acl" and _is_participle(t))
        if described and t.head != t and not _is(t.head, carriers):
            return True
    return False


# -- suggested labels for unclassified statements ------------------------------------------

# verbs that carry another: "have no plans to deploy", "need to ask", "want to join"
_LIGHT_VERBS = frozenset("""be have get make do take need want plan intend continue begin start try hope seek
aim go keep remain become seem appear say think believe expect""".split())
_SKIP = frozenset("""the a an this that these those such its their his her our my your any some all other
very more most much many few several own same new further""".split())
_NOUN_PREPS = ("of", "for", "over", "on", "to", "against", "with", "about", "into")
MAX_LABEL_WORDS = 6


def _np(noun: Token, preps: bool = True, mods: int = 2) -> list[str]:
    """A noun as written (lower-case) with up to `mods` compound and adjective modifiers
    (`nuclear power plant`, `large-scale deployment`), and one prepositional complement with a
    single modifier (`talks on trade`)."""
    doc = noun.doc
    keep = [c for c in noun.lefts if c.dep_ in ("compound", "amod", "nmod") and c.pos_ not in ("NUM", "DET", "PRON")
            and c.lower_ not in _SKIP][-mods:] if mods else []
    tokens = [t for m in keep for t in m.subtree
              if t == m or t.tag_ == "HYPH" or t.dep_ in ("compound", "amod", "nmod", "npadvmod")]
    text = "".join(t.lower_ + (" " if t.whitespace_ else "") for t in sorted(set(tokens), key=lambda t: t.i))
    text = " ".join((text + " " + noun.lower_).split())
    out = [text]
    if preps:
        prep = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in _NOUN_PREPS), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if pobj is not None and pobj.pos_ != "PRON" and pobj.ent_type_ not in ("DATE", "TIME", "CARDINAL"):
            tail = [prep.lower_, *_np(pobj, preps=False, mods=1)]
            if len(" ".join(out + tail).split()) <= MAX_LABEL_WORDS - 1:
                out += tail
    return out


def _object_of(verb: Token) -> list[str]:
    """What a verb acts on: its object, else its first prepositional object (with the preposition)."""
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd") and c.pos_ != "PRON"), None)
    if obj is not None:
        return _np(obj)
    for prep in (c for c in verb.children if c.dep_ in ("prep", "agent") and c.i > verb.i):
        pobj = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ != "PRON"), None)
        if pobj is not None and pobj.ent_type_ not in ("DATE", "TIME"):
            return [prep.lower_, *_np(pobj, preps=False)]
    return []


def _carried(verb: Token) -> Token | None:
    """The verb or predicate a copula or light verb carries, if any."""
    if verb.pos_ == "AUX" or verb.lemma_.lower() == "be":
        return next((c for c in verb.children if c.dep_ in ("acomp", "attr", "xcomp", "ccomp")), None)
    if verb.lemma_.lower() in _LIGHT_VERBS:
        nxt = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp")), None)
        if nxt is None:  # "have no plans to make a deployment"
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if obj is not None:
                nxt = next((c for c in obj.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"), None)
        return nxt
    return None


def suggest_label(content: Span) -> str:
    """A short lower-case label from the statement's own words: the main verb and what it acts
    on (`veto draft resolution`, `hold talks on trade`), the noun phrase for a noun content
    (`concern over chinese military exercises`); copulas and light verbs (`be`, `have no plans
    to`, `need to`) are stepped through to the word they carry, and a negation is kept (`not`)."""
    root = content.root
    negated = False
    for _ in range(4):
        negated = negated or any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in root.children)
        if root.pos_ in ("NOUN", "PROPN", "ADJ"):
            break
        nxt = _carried(root)
        if nxt is None:
            break
        root = nxt
        negated = negated or any(c.dep_ == "det" and c.lower_ == "no" for c in root.head.children if c.dep_ == "det")
    if root.pos_ in ("NOUN", "PROPN"):
        words = _np(root)
    elif root.pos_ == "ADJ":
        words = [root.lower_] + _object_of(root)
        if len(words) == 1 and root.head != root:
            subj = next((c for c in root.head.children if c.dep_ in ("nsubj", "csubj")), None)
            if subj is not None and subj.pos_ not in ("PRON",):
                words = _np(subj, preps=False) + words
    else:
        particle = [c.lower_ for c in root.children if c.dep_ == "prt"]
        words = [root.lemma_.lower(), *particle, *_object_of(root)]
        if len(words) == 1 + len(particle):  # nothing acted on: say who or what does it
            subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.pos_ != "PRON":
                words = _np(subj, preps=False) + words
    if negated:
        words = ["not", *words]
    text = " ".join(w for w in words if w and w.isascii())
    return " ".join(text.split()[:MAX_LABEL_WORDS])[:60]


# -- the component -----------------------------------------------------------------------


class IssueClassifier:
    def __init__(self, nlp: Language, codebook_path: str | None = None):
        self.codebook = load_codebook(codebook_path)
        self.matcher = Matcher(nlp.vocab)
        for key, pats in self.codebook.patterns.items():
            self.matcher.add(key, pats)

    def _doc_matches(self, doc: Doc) -> list[IssueMatch]:
        """Every codebook match in the document that passes its rule's context checks; of
        overlapping matches for one issue the shortest, and no match lying inside a longer
        match of another issue."""
        seen: dict[tuple[str, int], IssueMatch] = {}
        for match_id, s, e in self.matcher(doc):
            key = doc.vocab.strings[match_id]
            issue_id, n = key.split("#")
            issue = self.codebook.issues[issue_id]
            rule = issue.rules[int(n)]
            span = doc[s:e]
            if not context_holds(rule, span):
                continue
            k = (issue_id, span.root.i)
            if k not in seen or len(span) < len(seen[k].trigger):
                seen[k] = IssueMatch(issue_id, issue.label, span, polarity=rule.polarity, rule=rule)
        matches = list(seen.values())
        # words inside a longer match of another issue belong to that issue
        matches = [m for m in matches
                   if not any(o.issue != m.issue and o.trigger.start <= m.trigger.start and m.trigger.end <= o.trigger.end
                              and len(o.trigger) > len(m.trigger) for o in matches)]

        def better(o: IssueMatch, m: IssueMatch) -> bool:
            # a match naming the opposite pole ("the status quo in the Taiwan Strait") beats the
            # plain name inside it; otherwise the shortest, so that the words a wide pattern
            # swallowed ("export stop to Israel") are left for the stance to read
            if o.polarity != m.polarity:
                return o.polarity < m.polarity
            return (len(o.trigger), o.trigger.start) < (len(m.trigger), m.trigger.start)

        kept = [m for m in matches
                if not any(o is not m and o.issue == m.issue and o.trigger.start < m.trigger.end
                           and m.trigger.start < o.trigger.end and better(o, m) for o in matches)]
        return sorted(kept, key=lambda m: m.trigger.start)

    @staticmethod
    def _by_speaker(match: IssueMatch, st) -> bool:
        """A rule's unless_attached words in the speaker, when the matched action's subject is
        a pronoun for the speaker: `Russia said it had deployed more troops to Ukraine`."""
        rule = match.rule
        if rule is None or not rule.attached:
            return False
        subjects = [c for t in match.trigger for c in t.children if c.dep_ in ("nsubj", "nsubjpass")
                    and c.pos_ == "PRON" and c.lower_ in ("it", "we", "they", "i")]
        if not subjects:
            return False
        mentions = [st.speaker] if st.speaker is not None else []
        mentions += [sp.full for sp in (st.speakers or []) if getattr(sp, "full", None) is not None]
        return any(_is(t, rule.attached) for m in mentions for t in m)

    def _anaphor(self, content: Span) -> Token | None:
        """What in the content points back to an issue named before: a definite anaphoric noun
        as subject or object of a main clause, or the object of its preposition (`the idea
        could not be ruled out`, `voted for the text`); failing that, a vote verb with no
        object of its own (`France voted in favour`, `Germany abstained`)."""
        root = content.root
        clauses = [root] + [c for c in root.children if c.dep_ in ("ccomp", "conj", "parataxis", "xcomp")]
        candidates = [c for v in clauses for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr")]
        candidates += [p for v in clauses for c in v.children if c.dep_ == "prep"
                       for p in c.children if p.dep_ == "pobj"]
        if root.pos_ in ("NOUN", "PRON"):  # a noun-phrase content: "the idea", "the move"
            candidates.append(root)
        for t in sorted(candidates, key=lambda t: t.i):
            if not (content.start <= t.i < content.end):
                continue
            if t.lemma_.lower() in self.codebook.anaphora or t.lower_ in self.codebook.anaphora:
                definite = t.pos_ == "PRON" or any(c.lower_ in ("the", "this", "that", "such", "these", "those")
                                                   or c.dep_ == "poss" for c in t.children)
                if definite:
                    return t
        for v in clauses:
            if (content.start <= v.i < content.end and v.pos_ == "VERB" and v.lemma_.lower() in self.codebook.acts
                    and not any(c.dep_ == "dobj" for c in v.children)):
                return v
        return None

    def __call__(self, doc: Doc) -> Doc:
        matches = self._doc_matches(doc)
        sent_index = {s.start: n for n, s in enumerate(doc.sents)}
        carriers = self.codebook.carriers
        for st in doc._.statements or []:
            content = st.content
            found: dict[str, IssueMatch] = {}
            for m in matches:
                if content.start <= m.trigger.start and m.trigger.end <= content.end and not is_background(m.trigger, content, carriers):
                    if self._by_speaker(m, st):
                        continue
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
                        found[m.issue] = IssueMatch(m.issue, m.label, doc[anaphor.i:anaphor.i + 1], anaphor=True,
                                                    polarity=m.polarity)
            st.issues = list(found.values())
            st.suggested_label = "" if found else suggest_label(content)
        return doc


@Language.factory("demarche_issues", default_config={"codebook_path": None})
def make_issue_classifier(nlp: Language, name: str, codebook_path: str | None) -> IssueClassifier:
    return IssueClassifier(nlp, codebook_path)


__all__ = ["IssueClassifier", "IssueMatch", "load_codebook", "UNCLASSIFIED", "path_up", "is_background",
           "suggest_label", "context_holds"]
