"""Component `demarche_issues`: which codebook issue each statement is about.

The codebook (data/codebook.toml) holds lemma-based Matcher patterns per issue, grouped in
rules. A rule may ask for *context* (one of its words in the sentence, or, when the sentence
names no topic at all, in one of the sentences just before it: `Britain abstained on the
ceasefire resolution` after a paragraph about Gaza; failing those, in the article's headline
and lead, which say what the article is about) and name words that hand the match to another
topic (*unless*: `talks` near `Gaza` are not about Ukraine). When a sentence names both, the
topic nearest the matched words wins (`a ceasefire in Gaza and talks with Russia`) unless the
headline and lead are about the farther one; an unless-word modifying the matched words
always wins (`accession talks`), and *unless_attached* words block only as the action's
subject or modifier (`Russia deployed more troops to Ukraine`, also through a pronoun for the
speaker). A speaker's name is not topic context (`Russia's ambassador` speaking on a Gaza
resolution, China's `Beijing firmly opposes sanctions`), nor is a crosshead (`RUSSIA AND
CHINA`); a speaker's own name counts only when nothing else names a topic. Where the same
words match two issues (`ceasefire`), the nearer topic wins, then the article's. A rule may
say its words name the issue's *opposite* (polarity -1: an `arms embargo` for arms exports,
Beijing's `drills` for the status quo in the Taiwan Strait), which stance reading turns
around.

A match counts for a statement when it lies in the statement's content and is part of what
the speaker asserts: words inside a relative clause or a participle modifying a noun are
background (`personnel ... supporting the armed forces of Ukraine` describes, it does not
claim), unless that noun, or the phrase it lies in, carries a position (`a resolution
demanding a ceasefire`, `a package worth 700 million euros that includes ...`: the codebook's
[carriers]). Words of one issue inside a longer match of another belong to the longer one
(`talks` in `accession talks with Ukraine`); of overlapping matches of one issue the shortest
is kept (the words a wide pattern swallowed are left to the stance reader), except that of a
name and the opposite pole around or inside it the longer wins (`the nuclear deal` over
`nuclear`). One match per issue per statement: one naming the measure before one naming only
what it acts on (a rule with `antecedent = false`: Iran's `stockpile` beside `inspectors`),
then the one highest in the parse.

A statement that names no issue but refers back to one takes the issue (and polarity) of the
latest thing named or referred to in the five sentences before; failing that, of the article's
headline and lead. What refers back: a definite anaphoric noun with no content of its own as
subject or object (`the idea could not be ruled out`, `this is not in their interests`, `the
veto`; not `the resolution on Haiti`); a name given to it (`welcomed what he called "a vital
step"`); a possessed `its support`; `failure` (the issue's undoing: polarity turned round);
`in that case`; `follow suit`, `do the same`; a vote with no object (`France voted in
favour`, `Germany abstained`). A document (`the resolution`, `the declaration`) after a
passage on several issues takes the article's issue, or none: a summit declaration covers them
all. Rules may keep their words from being referred back to (`antecedent = false`: Iran's
`nuclear` programme is not what `the move` means). A statement matching nothing is kept as
`unclassified`, with a short lower-case label from its own words (main verb and what it acts
on: `hold talks on trade`, `not make large-scale deployment`) so analysts can grow the
codebook.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from .schema import UNCLASSIFIED
from .cues import load_cues
from .statements import DATA

ANAPHOR_WINDOW = 5  # sentences to look back for the issue an anaphor refers to
CONTEXT_WINDOW = 3  # sentences to look back for a rule's context when its own sentence has none
UNLESS_NEAR = 8  # for a rule without context: an unless-word this close (in tokens) blocks the match
LEAD_RANK = 10  # a rule's context found only in the article's headline and lead
MASKED_RANK = 11  # ... only in a speaker's own name
LEAD_SENTENCES = 2  # sentences of the lead paragraph read with the headline
LEAD_MIN_WORDS = 10  # a lead sentence has at least this many words (bylines and datelines have fewer)
HEADING_MAX_WORDS = 8


@dataclass
class Rule:
    context: frozenset[str]
    unless: frozenset[str]
    polarity: int = 1  # -1: the words name the issue's opposite
    window: int = CONTEXT_WINDOW  # earlier sentences that may supply the context
    near: int = UNLESS_NEAR  # without context: how close an unless-word must be to block (0: anywhere)
    attached: frozenset[str] = frozenset()  # block only as the matched words' subject or modifier
    antecedent: bool = True  # whether "the move", "this" may refer back to these words


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
    rank: int = 0  # how far away the rule's context was found (see context_rank)
    # for an anaphor, the words it refers back to: "the move" after "the inspectors had been
    # removed" is the removal, which the stance reader weighs (stance.event_sign)
    referent: "IssueMatch | None" = field(default=None, repr=False)


@dataclass
class Codebook:
    issues: dict[str, Issue]
    patterns: dict[str, list]  # "issue#rule" -> Matcher patterns
    anaphora: frozenset[str]
    carriers: frozenset[str]
    acts: frozenset[str] = frozenset()  # verbs that, with no object, refer to the vote at hand
    possessed: frozenset[str] = frozenset()  # nouns anaphoric with a possessive: "its support"
    negative: frozenset[str] = frozenset()  # nouns for the issue's failure: "failure is not an option"
    conditional: frozenset[str] = frozenset()  # "in that case": the case described, as a condition
    documents: frozenset[str] = frozenset()  # anaphors naming a text that may cover several issues
    verb_phrases: tuple[tuple[str, str], ...] = ()  # "follow suit", "do the same": the act just described
    bare_verbs: frozenset[str] = frozenset()  # stance verbs with no object: "Slovenia is considering"
    events: frozenset[str] = frozenset()  # anaphors naming an event, not a thing: "the move", "the step"
    voted_texts: frozenset[str] = frozenset()  # texts put to a vote: "resolution", "draft"
    text_history: frozenset[str] = frozenset()  # what happens to a text, not what it says: "drafted by"
    procedural: frozenset[str] = frozenset()  # a vote on no policy: "a procedural vote"


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
                              _words(rule.get("unless_attached", []), terms), bool(rule.get("antecedent", True))))
        issues[entry["id"]] = Issue(entry["id"], entry["label"], entry.get("description", ""), rules)
    anaphora = frozenset(w.lower() for w in data.get("anaphora", {}).get("nouns", []))
    carriers = frozenset(w.lower() for w in data.get("carriers", {}).get("nouns", []))
    ana = data.get("anaphora", {})
    acts, possessed, negative, conditional, documents = (
        frozenset(w.lower() for w in ana.get(k, [])) for k in ("acts", "possessed", "negative", "conditional", "documents"))
    phrases = tuple(tuple(p.lower().split()[:2]) for p in ana.get("verb_phrases", []) if len(p.split()) == 2)
    bare = frozenset(w.lower() for w in ana.get("bare_verbs", []))
    events = frozenset(w.lower() for w in ana.get("events", []))
    voted = frozenset(w.lower() for w in ana.get("voted_texts", []))
    history = frozenset(w.lower() for w in ana.get("text_history", []))
    procedural = frozenset(w.lower() for w in ana.get("procedural", []))
    return Codebook(issues, patterns, anaphora, carriers, acts, possessed, negative, conditional, documents, phrases, bare,
                    events, voted, history, procedural)


_DEFINITE = frozenset({"the", "this", "that", "such", "these", "those"})
# verbs that give something a name: the name ("a vital step") refers to what was named before
_REFERRING = frozenset("it this that".split())  # pronouns a naming verb may take for what was named before
_NAMING = frozenset("call describe term dub label brand hail characterise characterize".split())
# prepositions that give an anaphoric noun content of its own ("the resolution on Haiti")
PLACE_PREPS = frozenset("across in near around within at off inside".split())  # where an act happens
OWN_CONTENT_PREPS = frozenset("on about for to against over regarding concerning with toward towards".split())


def _is(token: Token, words: frozenset[str]) -> bool:
    return token.lower_ in words or token.lemma_.lower() in words


def _distance(span: Span, token: Token) -> int:
    if token.i < span.start:
        return span.start - token.i
    if token.i >= span.end:
        return token.i - span.end + 1
    return 0


@dataclass
class DocContext:
    """What a Doc says about its own topic, for the context checks.

    mask: tokens that name a speaker, or that a statement uses for its own speaker (`Beijing
    had voted in favour` said by China's ambassador): a speaker's name is not topic context.
    lead: the headline and the lead's first sentences, which name what the article is about.
    headings: starts of crosshead sentences (`RUSSIA AND CHINA`), which name speakers, not topics.
    """

    mask: frozenset[int] = frozenset()
    lead: tuple[Token, ...] = ()
    lead_sents: tuple[tuple[int, int], ...] = ()
    headings: frozenset[int] = frozenset()


_NO_CONTEXT = DocContext()


def _count(tokens, words: frozenset[str]) -> int:
    return sum(1 for t in tokens if _is(t, words))


def context_rank(rule: Rule, span: Span, ctx: DocContext | None = None) -> int | None:
    """How near the rule's topic is to a match at `span`: 0 in its own words or sentence, k for
    the k-th sentence before (crossheads skipped), LEAD_RANK for the article's headline and lead,
    MASKED_RANK when only a speaker's own name gives it; None when the match is off topic."""
    ctx = ctx or _NO_CONTEXT
    sent = span.sent
    modifiers = [c for t in span for c in t.children
                 if c.dep_ in ("compound", "amod", "nmod", "poss") and not (span.start <= c.i < span.end)]
    if rule.unless and any(_is(c, rule.unless) for c in modifiers):
        return None  # the matched words' own modifier names another topic: "accession talks"
    if rule.attached:
        subjects = [w for t in span for c in t.children if c.dep_ in ("nsubj", "nsubjpass", "agent")
                    and not (span.start <= c.i < span.end) for w in c.subtree]
        if any(_is(w, rule.attached) for w in modifiers + subjects):
            return None  # someone else's action: "Russia deployed more troops to Ukraine"
    outside = [t for t in sent if not (span.start <= t.i < span.end) and t.i not in ctx.mask]

    def blocked_near() -> bool:
        return any(_is(t, rule.unless) and (rule.near == 0 or _distance(span, t) <= rule.near) for t in outside)

    if not rule.context:
        return None if rule.unless and blocked_near() else 0
    if any(_is(t, rule.context) for t in span) and not any(_is(t, rule.context) for t in outside):
        # the matched words carry the topic themselves ("arms exports"): unless-words then
        # compete by distance alone, as for a rule without context
        return None if rule.unless and blocked_near() else 0
    near_context = min((_distance(span, t) for t in outside if _is(t, rule.context)), default=None)
    near_unless = min((_distance(span, t) for t in outside if _is(t, rule.unless)), default=None) if rule.unless else None
    if near_context is not None:
        if near_unless is None or near_context <= near_unless:
            return 0
        # both named, the other topic nearer: the article's own topic decides ("sanctions
        # targeting companies in China accused of supplying Russia's war machine", in an article
        # about Russia); a rival issue on the same words still wins by nearness
        lead_context, lead_unless = lead_counts(rule, ctx)
        return 1 if lead_context > lead_unless else None
    if near_unless is not None:
        return None
    if rule.window:
        # the sentence names no topic: the nearest earlier sentence that names one decides
        doc = span.doc
        sents = [s for s in (doc[max(0, sent.start - 400):sent.start].sents if sent.start else [])
                 if s.start not in ctx.headings]
        for k, earlier in enumerate(reversed(sents[-rule.window:]), 1):
            words = [t for t in earlier if t.i not in ctx.mask]
            if _count(words, rule.context):
                return k
            if rule.unless and _count(words, rule.unless):
                return None
        # then what the article is about, as its headline and lead say
        lead_context, lead_unless = lead_counts(rule, ctx)
        if lead_context > lead_unless:
            return LEAD_RANK
        if lead_unless:
            return None
    # last: a speaker's own name in the sentence ("Russia is ready for a ceasefire", said by Moscow)
    masked = [t for t in sent if not (span.start <= t.i < span.end) and t.i in ctx.mask]
    if _count(masked, rule.context) and not (rule.unless and _count(masked, rule.unless)):
        return MASKED_RANK
    return None


def lead_counts(rule: Rule, ctx: DocContext) -> tuple[int, int]:
    """Words of the rule's topic and of its unless-topics in the headline and lead."""
    return _count(ctx.lead, rule.context), (_count(ctx.lead, rule.unless) if rule.unless else 0)


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


def _states_its_text(vote: Token) -> bool:
    """`abstained on U.N. votes condemning the invasion`: the vote names what it was on, with
    content of its own, so it does not refer back to the issue at hand (`abstained on the
    resolution` does)."""
    return any(p.dep_ == "pobj" and any(x.dep_ in ("acl", "relcl") for x in p.children)
               for c in vote.children if c.dep_ == "prep" for p in c.children)


def is_background(trigger: Span, content: Span, carriers: frozenset[str] = frozenset()) -> bool:
    """True when the matched words only describe something, inside a relative clause or a
    participle modifying a noun, rather than being what the speaker asserts. A clause that
    modifies a carrier noun (`resolution`, `plan`, `loan` ...) states that noun's content and
    is not background, also when the clause hangs on a word inside the carrier's phrase (`a
    package worth 700 million euros that includes ...`)."""
    for t in path_up(trigger.root, content):
        described = (t.dep_ == "relcl" and _is_relative(t)) or (t.dep_ == "acl" and _is_participle(t))
        if described and t.head != t and content.start <= t.head.i < content.end and not _in_carrier(t.head, carriers):
            return True  # (a clause whose noun lies outside the content is the content itself)
    return False


_PHRASE_DEPS = frozenset("pobj prep npadvmod amod compound nummod quantmod appos".split())


def _in_carrier(noun: Token, carriers: frozenset[str]) -> bool:
    """`noun` is a carrier, or lies inside a carrier's noun phrase (`package worth ... euros`)."""
    for _ in range(5):
        if _is(noun, carriers):
            return True
        if noun.dep_ not in _PHRASE_DEPS or noun.head == noun:
            return False
        noun = noun.head
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


def _label_root(content: Span) -> tuple[Token, bool]:
    """The word a label is built on (copulas and light verbs stepped through), and whether a
    negation was met on the way."""
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
    return root, negated


def label_target(content: Span) -> Token:
    """What a suggested label is about, for reading a stance toward it: the object the main verb
    acts on (`hold [talks] on trade`), else the word the label is built on."""
    root, _ = _label_root(content)
    if root.pos_ in ("VERB", "AUX"):
        obj = next((c for c in root.children if c.dep_ in ("dobj", "attr", "oprd") and c.pos_ != "PRON"), None)
        if obj is not None and content.start <= obj.i < content.end:
            return obj
    return root


def suggest_label(content: Span) -> str:
    """A short lower-case label from the statement's own words: the main verb and what it acts
    on (`veto draft resolution`, `hold talks on trade`), the noun phrase for a noun content
    (`concern over chinese military exercises`); copulas and light verbs (`be`, `have no plans
    to`, `need to`) are stepped through to the word they carry, and a negation is kept (`not`)."""
    root, negated = _label_root(content)
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


# -- what the article is about ------------------------------------------------------------


def _line_start(sent: Span) -> bool:
    doc = sent.doc
    return sent.start == 0 or "\n" in doc[sent.start - 1].whitespace_ or "\n" in doc[sent.start - 1].text


def _line_end(sent: Span) -> bool:
    doc = sent.doc
    last = doc[sent.end - 1]
    return sent.end >= len(doc) or "\n" in last.whitespace_ or "\n" in last.text or "\n" in doc[sent.end].text


def is_heading(sent: Span) -> bool:
    """A crosshead on a line of its own (`RUSSIA AND CHINA`, `What about sanctions?`, `- Scalp
    missiles and Patriots -`): a few words, in capitals or with no verb."""
    words = [t for t in sent if t.is_alpha]
    if not words or len(words) > HEADING_MAX_WORDS or not (_line_start(sent) and _line_end(sent)):
        return False
    shouting = len(words) >= 2 and sum(t.is_upper for t in words) >= 0.8 * len(words)
    return shouting or not any(t.pos_ in ("VERB", "AUX") for t in sent)


def lead_sentences(doc: Doc) -> list[Span]:
    """The headline (the first line) and the first sentences of the lead paragraph."""
    sents = list(doc.sents)
    if not sents:
        return []
    out = [sents[0]]
    k = 1
    while k < len(sents) and not _line_end(out[-1]):  # a headline of more than one sentence
        out.append(sents[k])
        k += 1
    # the lead: the first paragraph that opens with a sentence long enough not to be a byline,
    # a dateline or a time stamp
    for n in range(k, min(k + 12, len(sents))):
        if _line_start(sents[n]) and sum(t.is_alpha for t in sents[n]) >= LEAD_MIN_WORDS:
            lead = [sents[n]]
            while len(lead) < LEAD_SENTENCES and not _line_end(lead[-1]) and n + len(lead) < len(sents):
                lead.append(sents[n + len(lead)])
            return out + lead
    return out


def lead_issue(mentions: list[IssueMatch], lead_sents, untied: bool = False) -> IssueMatch | None:
    """The first match of the issue the headline and lead (`lead_sents`: (start, end) token
    spans) name most; with `untied`, none when another issue is named as often."""
    in_lead = [m for m in mentions if any(a <= m.trigger.start < b for a, b in lead_sents)]
    counts = Counter(m.issue for m in in_lead).most_common(2)
    if not counts or (untied and len(counts) > 1 and counts[1][1] == counts[0][1]):
        return None
    return next(m for m in in_lead if m.issue == counts[0][0])


@lru_cache(maxsize=1)
def gazetteer_aliases() -> dict[str, str]:
    """The actors' gazetteer names (alias -> actor id), or none when it cannot be loaded."""
    try:
        from .actors import load_gazetteer
        return load_gazetteer().aliases
    except Exception:  # the gazetteer is another component's; without it no self-references are masked
        return {}


def _own_mentions(span: Span, codes: set[str]) -> set[int]:
    """Tokens in `span` naming one of `codes` (`Beijing`, `China's`, `Russian`)."""
    aliases, out = gazetteer_aliases(), set()
    doc, i = span.doc, span.start
    while i < span.end:
        for n in (4, 3, 2, 1):
            if i + n <= span.end and aliases.get(doc[i:i + n].text) in codes:
                out.update(range(i, i + n))
                i += n - 1
                break
        i += 1
    return out


def doc_context(doc: Doc) -> DocContext:
    """The speakers' names (masked for topic), the headline and lead, and the crossheads."""
    mask: set[int] = set()
    for st in doc._.statements or []:
        spans = [st.speaker] + [getattr(sp, name, None) for sp in (st.speakers or []) for name in ("mention", "full")]
        for sp in spans:
            if sp is not None:
                mask.update(range(sp.start, sp.end))
        codes = {a.code for a in (st.actors or []) if getattr(a, "code", "")}
        if codes:
            mask |= _own_mentions(st.content, codes)
    lead = lead_sentences(doc)
    lead_tokens = tuple(t for s in lead for t in s if t.i not in mask)
    headings = frozenset(s.start for s in doc.sents if is_heading(s))
    return DocContext(frozenset(mask), lead_tokens, tuple((s.start, s.end) for s in lead), headings)


# -- the component -----------------------------------------------------------------------


if not Doc.has_extension("issue_mentions"):
    # every codebook match in the text, statements or not (headline, narration), for the topic
    Doc.set_extension("issue_mentions", default=None)


class IssueClassifier:
    def __init__(self, nlp: Language, codebook_path: str | None = None):
        self.codebook = load_codebook(codebook_path)
        self.matcher = Matcher(nlp.vocab)
        for key, pats in self.codebook.patterns.items():
            self.matcher.add(key, pats)

    def _doc_matches(self, doc: Doc, ctx: DocContext | None = None) -> list[IssueMatch]:
        """Every codebook match in the document that passes its rule's context checks; of
        overlapping matches for one issue the shortest, and no match lying inside a longer
        match of another issue. Where the same words match two issues (`ceasefire` for Gaza and
        for Ukraine), the one whose topic is nearer wins, and on a tie the article's own topic."""
        ctx = ctx or _NO_CONTEXT
        seen: dict[tuple[str, int], IssueMatch] = {}
        for match_id, s, e in self.matcher(doc):
            key = doc.vocab.strings[match_id]
            issue_id, n = key.split("#")
            issue = self.codebook.issues[issue_id]
            rule = issue.rules[int(n)]
            span = doc[s:e]
            rank = context_rank(rule, span, ctx)
            if rank is None:
                continue
            k = (issue_id, span.root.i)
            if k not in seen or len(span) < len(seen[k].trigger):
                seen[k] = IssueMatch(issue_id, issue.label, span, polarity=rule.polarity, rule=rule, rank=rank)
        matches = list(seen.values())
        # words inside a longer match of another issue belong to that issue
        matches = [m for m in matches
                   if not any(o.issue != m.issue and o.trigger.start <= m.trigger.start and m.trigger.end <= o.trigger.end
                              and len(o.trigger) > len(m.trigger) for o in matches)]

        def topic(m: IssueMatch) -> tuple[int, int]:
            lead = lead_counts(m.rule, ctx) if m.rule is not None and m.rule.context else (0, 0)
            return m.rank, -(lead[0] - lead[1])

        # the same words for two issues: the nearer topic, then the article's
        matches = [m for m in matches
                   if not any(o.issue != m.issue and o.trigger.root.i == m.trigger.root.i and topic(o) < topic(m)
                              for o in matches)]

        def better(o: IssueMatch, m: IssueMatch) -> bool:
            # of a name and the opposite pole around or inside it, the longer, more specific
            # words ("the nuclear deal" over "nuclear"); otherwise the shortest, so that the
            # words a wide pattern swallowed ("export stop to Israel") are left for the stance
            if o.polarity != m.polarity and len(o.trigger) != len(m.trigger):
                return len(o.trigger) > len(m.trigger)
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

    @staticmethod
    def _weight(m: IssueMatch, content: Span) -> tuple[bool, bool, int]:
        """Lower is better: words naming a measure over words naming what it acts on, then words
        acted on over a place the act happens in (`opposes changes to the status quo across the
        Taiwan Strait`: the status quo), then the match highest in the tree."""
        root = m.trigger.root
        place = root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS and root.head.head.pos_ in ("VERB", "AUX")
        return m.rule is not None and not m.rule.antecedent, place, len(path_up(root, content))

    def _is_vote(self, t: Token) -> bool:
        """A vote as the anaphor: `voted in favour`, `abstained`, `the abstentions`, or the text
        voted on (`voted for the text`, `vetoed the draft`)."""
        book = self.codebook
        return (t.lemma_.lower() in book.acts or t.lemma_.lower() in load_cues()["act_nouns"]
                or (t.head.lemma_.lower() in book.acts and t.lemma_.lower() in book.voted_texts))

    def _latest_vote(self, doc: Doc, before: int, lo: int) -> Token | None:
        """The latest vote described with its own content between `lo` (the start of the sentence
        before) and `before`: a text put to the vote or a vote with what it demanded, condemned or
        decided (`a resolution condemning the "referendums"`, `a vote demanding that Israel end ...`,
        `voted 101 to 7 to make an exception`)."""
        voted = self.codebook.voted_texts | {"vote"}
        for t in reversed(doc[max(0, lo, before - 120):before]):
            if t.lemma_.lower() in voted and any(
                    (c.dep_ in ("acl", "relcl", "xcomp") and c.pos_ == "VERB" and c.lemma_.lower() not in self.codebook.text_history)
                    or (c.dep_ == "amod" and c.lower_ in self.codebook.procedural) for c in t.children):
                return t  # (a procedural vote is on no policy at all)
        return None

    def _in_voted_text(self, m: IssueMatch) -> bool:
        """Whether the match is part of what a text put to the vote says: under a `resolution`,
        `draft` or `text` noun (`a draft resolution demanding an immediate ceasefire`), or in a
        statement whose speaker is one (`The draft also demanded ...`)."""
        root = m.trigger.root
        if any(a.pos_ == "NOUN" and a.lemma_.lower() in self.codebook.voted_texts for a in root.ancestors):
            return True
        verb = next((a for a in [root, *root.ancestors] if a.pos_ == "VERB"), None)
        return verb is not None and any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in self.codebook.voted_texts
                                        for c in verb.children)

    def _elliptical(self, t: Token) -> bool:
        """An anaphoric noun that names no content of its own: `the text`, `the vote on Monday`,
        not `the resolution on Haiti` or `the decision to impose tariffs` (those are other things)."""
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in OWN_CONTENT_PREPS:
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                if pobj is None or pobj.ent_type_ not in ("DATE", "TIME"):
                    return False
            if c.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                return False
        return True

    def _anaphor(self, content: Span, cue: Token | None = None) -> tuple[Token, int] | None:
        """What in the content points back to an issue named before, with the polarity it gives
        that issue: a definite anaphoric noun with no content of its own as subject or object of
        a main clause, or the object of its preposition (`the idea could not be ruled out`,
        `voted for the text`, `its support`, `failure`: -1); `in that case`; failing that, a vote
        verb with no object of its own (`France voted in favour`, `Germany abstained`)."""
        book = self.codebook
        root = content.root
        clauses = [root] + [c for c in root.children if c.dep_ in ("ccomp", "conj", "parataxis", "xcomp")]
        candidates = [c for v in clauses for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr")]
        candidates += [p for v in clauses for c in v.children if c.dep_ == "prep"
                       for p in c.children if p.dep_ == "pobj"]
        if root.pos_ in ("NOUN", "PRON"):  # a noun-phrase content: "the idea", "the move"
            candidates.append(root)
        naming = cue is not None and cue.lemma_.lower() in _NAMING  # "welcomed what he called a vital step"
        for t in sorted(candidates, key=lambda t: t.i):
            if not (content.start <= t.i < content.end):
                continue
            dets = {c.lower_ for c in t.children if c.dep_ in ("det", "predet")}
            poss = any(c.dep_ == "poss" for c in t.children)
            definite = t.pos_ == "PRON" or poss or bool(dets & _DEFINITE)
            if _is(t, book.conditional):
                # "in that case, ...": the case just described, as a condition
                if t.head.lower_ == "in" and dets & {"that", "this", "such"}:
                    return t, 1
                continue
            if not (t.pos_ == "PRON" or self._elliptical(t)):
                continue
            if _is(t, book.anaphora) and (definite or (naming and t == root)):
                return t, 1
            if _is(t, book.possessed) and poss:  # "its support", "our commitment"
                return t, 1
            if _is(t, book.negative) and (definite or not dets):  # "failure is not an option"
                return t, -1
        if naming:
            # "called it a victory", "described the decision as historic": what is named lies
            # outside the content, as the naming verb's object
            named = next((c for c in cue.children if c.dep_ == "dobj" and not content.start <= c.i < content.end), None)
            if named is not None and (named.lower_ in _REFERRING or (
                    _is(named, book.anaphora) and self._elliptical(named)
                    and {c.lower_ for c in named.children if c.dep_ == "det"} & _DEFINITE)):
                return named, 1
        for v in content:
            # "Slovenia and Malta are considering following suit", "Italy will do the same"
            if v.pos_ == "VERB" and any(v.lemma_.lower() == a and any(c.lower_ == b and c.dep_ in ("dobj", "advmod", "attr")
                                                                      for c in v.children) for a, b in book.verb_phrases):
                return v, 1
        for v in clauses:
            if not (content.start <= v.i < content.end and v.pos_ == "VERB"):
                continue
            if v.lemma_.lower() in book.acts and not any(c.dep_ == "dobj" and c.lower_ not in ("yes", "no") for c in v.children) \
                    and not _states_its_text(v):
                return v, 1
            if (v.lemma_.lower() in book.bare_verbs
                    and not any(c.dep_ in ("dobj", "xcomp", "ccomp", "nsubjpass", "advcl") for c in v.children)
                    and not any(c.dep_ == "prep" and c.lower_ in OWN_CONTENT_PREPS for c in v.children)):
                return v, 1
        return None

    def __call__(self, doc: Doc) -> Doc:
        ctx = doc_context(doc)
        matches = self._doc_matches(doc, ctx)
        sent_index = {s.start: n for n, s in enumerate(doc.sents)}
        sent_starts = sorted(sent_index)  # the sentences' first tokens, by position
        carriers = self.codebook.carriers
        named = [m for m in matches if not all(t.i in ctx.mask for t in m.trigger)]  # not a speaker's name: "families of hostages"
        doc._.issue_mentions = named
        # the issue the headline and lead name most, for an anaphor with nothing named before it
        lead_match = lead_issue(named, ctx.lead_sents)
        # what an anaphor may refer back to: the matches that name an act or a measure (not, say,
        # Iran's "nuclear" programme itself), and the anaphors already resolved ("the resolution"
        # ... "the move")
        referents = [m for m in named if m.rule is None or m.rule.antecedent]
        # what no "resolution" refers to but an event may: "Iran has begun enriching ... the step"
        done = [m for m in named if m.rule is not None and not m.rule.antecedent and m.trigger.root.pos_ == "VERB"]
        for st in sorted(doc._.statements or [], key=lambda st: st.content.start):
            content = st.content
            found: dict[str, IssueMatch] = {}
            for m in matches:
                if content.start <= m.trigger.start and m.trigger.end <= content.end and not is_background(m.trigger, content, carriers):
                    if self._by_speaker(m, st):
                        continue
                    # keep, for each issue, a match naming the measure over one naming only what it
                    # acts on (antecedent = false: Iran's "stockpile" beside "inspectors"), then the
                    # match highest in the tree
                    if m.issue not in found or self._weight(m, content) < self._weight(found[m.issue], content):
                        found[m.issue] = m
            if not found:
                anaphor = self._anaphor(content, st.cue.root)
                if anaphor is not None:
                    token, polarity = anaphor
                    here = sent_index.get(content.sent.start, 0)
                    pool = referents + done if _is(token, self.codebook.events) else referents
                    earlier = [m for m in pool if m.trigger.end <= content.start
                               and here - sent_index.get(m.trigger.sent.start, 0) <= ANAPHOR_WINDOW]
                    earlier.sort(key=lambda m: m.trigger.start)
                    lead = lead_match if lead_match is not None and lead_match.trigger.end <= content.start else None
                    m = earlier[-1] if earlier else lead
                    if self._is_vote(token):
                        # a vote is on the text put to the vote: the first issue the article names
                        # as a resolution's or draft's content ("a draft demanding an immediate
                        # ceasefire"), not whatever was named last
                        voted = next((r for r in referents if r.trigger.end <= content.start and self._in_voted_text(r)), None)
                        m = voted or m
                        described = self._latest_vote(doc, content.start, sent_starts[max(0, here - 1)])
                        if described is not None and m is not None and not any(
                                described.left_edge.i <= r.trigger.start <= described.right_edge.i for r in named):
                            # the vote just described was on something else ("a vote demanding that
                            # Israel end its presence ... Britain and Germany abstained"): no issue
                            m = None
                    if _is(token, self.codebook.documents) and len({e.issue for e in earlier}) > 1:
                        # a document ("the resolution", "the declaration") after a passage on several
                        # issues: the one the article is about, else none (a summit's declaration
                        # covers them all)
                        m = lead if lead is not None and lead.issue in {e.issue for e in earlier} else None
                    if m is not None:
                        # an event ("the move") is what was done to what was named; a thing ("the
                        # resolution", "the proposal") is the thing itself
                        event = (m.referent if m.anaphor else m) if _is(token, self.codebook.events) else None
                        found[m.issue] = IssueMatch(m.issue, m.label, doc[token.i:token.i + 1], anaphor=True,
                                                    polarity=m.polarity * polarity, rank=m.rank, referent=event)
                        # what it refers to, for a later anaphor ("the move" after "the resolution")
                        referents.append(IssueMatch(m.issue, m.label, doc[token.i:token.i + 1], anaphor=True,
                                                    polarity=m.polarity, rank=m.rank, referent=event))
            st.issues = list(found.values())
            st.suggested_label = "" if found else suggest_label(content)
        return doc


@Language.factory("demarche_issues", default_config={"codebook_path": None})
def make_issue_classifier(nlp: Language, name: str, codebook_path: str | None) -> IssueClassifier:
    return IssueClassifier(nlp, codebook_path)


__all__ = ["IssueClassifier", "IssueMatch", "load_codebook", "UNCLASSIFIED", "path_up", "is_background",
           "suggest_label", "label_target", "context_rank", "doc_context", "DocContext"]
