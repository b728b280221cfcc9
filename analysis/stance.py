"""Component `demarche_stance`: support, oppose or neutral toward each issue a statement names.

Stance is toward the issue, not toward the sentence. We walk the parse from the issue's words
up to the statement's main verb (for `X rejected the plan`, `X called for talks` or `X urged
Y to ...`, on through the reporting verb itself) and compose what we meet, using the lexicon
in data/stance.toml:

* acts on the issue multiply: a support word (`back`, `call for`, `vote for`, `sponsor`)
  keeps the sign, an oppose word (`reject`, `veto`, `rule out`, `the end of`, `against`)
  turns it round. `X condemned the veto of the ceasefire resolution` is oppose x oppose:
  support for the ceasefire; `X welcomed the end of the offensive` opposes the offensive;
* every negation on the way (`not planning to send`, `no plans to`, `never`, `no longer`,
  `without`; not `not only`, nor the `not if` of `a question of when, not if`) turns it round
  too; a head in apposition names the issue another way and does not act on it (`a pause, not a
  ceasefire`: only the `not` counts). A negated objection reads as openness,
  held loosely (0.5): `could not be ruled out`, `not unthinkable`, `not block`;
* where the issue is the subject, what is said of it decides: `deploying troops would mean
  confrontation`, `was not in the interests of`, `is vital`, `would degrade Russia's war
  machine` (an act in the predicate takes the value of what it acts on); so do `called the
  sanctions illegal` and `view X as a threat`. An evaluation counts only as the top-most
  stance word, and not above a neutral act (`the fact that X is being discussed is
  important` says nothing of X); `abstain`, `with or without`, `whether or not` make the
  stance neutral when they are the top-most. A small clause evaluates its own subject
  (`would make [a direct clash] inevitable`: the clash, not the inevitability, is what the
  issue brings); an act with no object is judged by what is said of it (`the bloodbath has
  continued [for far too long]`); an adjective before a preposition the parser hung on the
  copula reads with it (`was one step closer [to becoming a member]`);
* the issue's own words may name its opposite (`arms embargo`, codebook polarity -1);
* the issue as the condition of a threat is opposed, whoever would act: `If they go into
  Rafah, I'm not supplying the weapons` (the speaker's own act withheld), `In that case, ...
  the inevitability of a conflict` (a warning word); under `unless` it is wanted; an
  obstruction disclaimed is a permission (`if Poland asked, we would not stand in the way`). A
  condition whose consequence threatens nothing keeps its hedge;
* an anaphor for an event (`the move`, `the step`) carries what was done to what it refers to:
  `the inspectors had been removed ... condemned the move` condemns a removal (`event_sign`);
* a negative evaluation passes through a neutral act (`too early to talk about lifting
  sanctions`); a negated doubt affirms (`there is no doubt that ...`);
* someone else's aim against the issue, denounced, supports it: `it was designed to
  undermine the peace summit`, `aimed at derailing the talks`;
* conditions on the issue's clause: `only through`, `only by` put it off for another path:
  oppose now (-0.5: `recognition should come only through negotiations`), unless the issue is
  itself the condition (`could only be ended through negotiations` favours the negotiations);
  a precondition (`only if`, `only when`, `only once`) is support on terms, as analysts read
  it, and like a plain `if`, `unless`, `as long as ...` it hedges (half strength); `as long as
  it takes` is a duration; `until` keeps the sign;
* with no stance word, a statement that asserts the speaker's own action supports it
  (`will send troops`, 0.6) and a negated one opposes it (-0.6); so does a claim of what
  something is or where it belongs, whoever its subject (`Taiwan is China's internal affair`,
  `Ukraine's future lies in the EU`). An act by another state or
  organisation, reported (`the IAEA said Iran had increased enrichment`), is neutral, unless
  the reporting verb takes a side (`Russia warned that NATO would send troops`) or wants it
  done (`insisted that all countries give Kyiv support`, `should`); the speaker's own
  evaluation of another's act still counts (`Iran had every right to ...`). The speaker's own
  act beside others', its object left out, decides: `some members were considering sending
  soldiers, but Slovakia would not send any`. An issue reached only through an anaphor with no
  stance word names no position and is dropped (`the resolution was non-binding`): we know
  the topic, not the leaning;
* a statement about no codebook issue gets the same reading toward what its suggested label
  names, under the key `unclassified` (`not hold talks on trade`: oppose).

`Stance.cue` holds the deciding words with the issue's words and the verb acting on them, as
one phrase when they are close (`not planning to send troops`) and as pieces joined by ` … `
when they are not.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from .issues import UNCLASSIFIED, IssueMatch, gazetteer_aliases, label_target, path_up, suggest_label
from .statements import DATA

DEFAULT = 0.6  # an asserted action with no explicit stance word
LOOSE = 0.5  # support read from a negated objection ("could not be ruled out")
PUT_OFF = -0.5  # support only on a restrictive condition ("only if ..."): not now
HEDGE = 0.5  # factor for a plain condition ("if", "as long as ...")
THRESHOLD = 0.2

ACT, EVAL, NEUTRAL = "act", "eval", "neutral"
# statements whose content is a clause said, not an object acted on by the reporting verb
CLAUSE_FRAMES = frozenset({"clause", "quote", "floating", "colon", "according_to", "parenthetical", "signoff", "label"})
_CLASSES = {"support": (ACT, 1), "oppose": (ACT, -1), "neutral": (NEUTRAL, 0),
            "positive": (EVAL, 1), "negative": (EVAL, -1)}
SUBJECT_DEPS = ("nsubj", "csubj", "expl")
# a preposition that attaches an adjunct, not the object of the word above it:
# "end the war through negotiations" does not end the negotiations
ADJUNCT_PREPS = frozenset("""through by via with despite after before during because due since amid
including like unlike beyond among across near around""".split())
INSTRUMENT_PREPS = frozenset("through by via".split())
DEONTIC = frozenset("must should ought need have".split())  # modals in a predicate: "must stop", "has to end"
CONSEQUENCE = frozenset("mean imply spell signal amount".split())  # "X would mean (that) Y": Y evaluates X
MEANS = frozenset("through by via".split())  # "only through negotiations": a path instead of the issue
PURPOSE = frozenset("design intend aim mean calculate".split())  # "designed to undermine X"
# verbs that say what something is: "called the sanctions illegal", "described the drills as"
SECONDARY = frozenset("call describe consider deem label brand see view regard characterise characterize term dub find".split())
PREDICATE_DEPS = ("attr", "acomp", "dobj", "oprd", "xcomp", "prep", "pobj", "pcomp", "amod", "advmod",
                  "npadvmod", "agent", "dative", "compound")
MAX_CUE_WORDS = 12
PRONOUNS = frozenset("i we it they he she us them our its their his her this".split())
STATIVE = frozenset("be lie belong".split())  # "X's place is / lies in Y", "X belongs to Y": a claim
RECEIVING = frozenset("have get receive obtain lack need use see read".split())  # their subject receives, does not act
BELIEVING = frozenset("believe think consider expect feel agree".split())  # "did not believe that X was the way"
UNDOUBTED = frozenset("doubt question".split())  # nouns whose negation affirms: "there is no doubt that"
ELLIPTIC_OBJECTS = frozenset("any none some one them it those either".split())  # "would not send any"


def _verbish(t: Token) -> bool:
    """A verb, or a verb the tagger took for a noun (`Russia would "immediately" order a
    ceasefire`): a word with a modal and a subject of its own."""
    if t.pos_ in ("VERB", "AUX"):
        return True
    return (t.pos_ == "NOUN" and any(c.dep_ == "aux" and c.tag_ == "MD" for c in t.children)
            and any(c.dep_ == "nsubj" for c in t.children))


def _gerund_complement(t: Token) -> bool:
    """A bare gerund the parser hung on a verb as an adverbial clause, where it is the verb's
    object: `does not rule out" sending troops`, `considering sending`."""
    return (t.dep_ == "advcl" and t.tag_ == "VBG" and t.i > t.head.i
            and not any(c.dep_ in ("mark", "nsubj", "nsubjpass", "expl") for c in t.children))


@dataclass
class Stance:
    label: str  # support | oppose | neutral
    score: float
    cue: str


@dataclass
class _Event:
    kind: str  # act | eval | neutral
    polarity: int
    span: Span


@dataclass
class _Reading:
    events: list[_Event] = field(default_factory=list)
    negations: list[Token] = field(default_factory=list)
    governor: Token | None = None  # highest verb that takes the issue as its object or complement
    consequence: int = 0  # the issue is the condition of a threat (-1: "if they go into Rafah, I'm not
    #                       supplying the weapons"), or of a promise under "unless" (+1)
    words: list[Token] = field(default_factory=list)  # words that decided the consequence
    accused: Token | None = None  # "it was designed to undermine the summit": someone else's aim, denounced


@lru_cache(maxsize=2)
def load_lexicon(path: str | None = None) -> dict:
    with open(path or DATA / "stance.toml", "rb") as fh:
        data = tomllib.load(fh)
    cond = data.get("conditions", {})
    rep = data.get("reporting", {})
    return {
        **{name: data.get(name, {}).get("phrases", []) for name in _CLASSES},
        "negation": frozenset(data["negation"]["words"]),
        "markers": [m.split() for m in cond.get("markers", [])],
        "hedges": [m.split() for m in cond.get("hedges", [])],
        "durations": [m.split() for m in cond.get("durations", [])],
        "report_negative": frozenset(rep.get("negative", [])),
        "report_positive": frozenset(rep.get("positive", [])),
        "mandative": frozenset(rep.get("mandative", [])),
    }


def label_for(score: float) -> str:
    if score > THRESHOLD:
        return "support"
    if score < -THRESHOLD:
        return "oppose"
    return "neutral"


def _cue_text(doc: Doc, tokens: set[int]) -> str:
    """The deciding words with the issue's words: one phrase when close, else pieces."""
    ordered = sorted(tokens)
    lo, hi = ordered[0], ordered[-1] + 1
    if hi - lo <= MAX_CUE_WORDS:
        return doc[lo:hi].text
    pieces, run = [], [ordered[0]]
    for i in ordered[1:]:
        if i - run[-1] <= 2:
            run.append(i)
        else:
            pieces.append(run)
            run = [i]
    pieces.append(run)
    return " … ".join(doc[p[0]:p[-1] + 1].text for p in pieces)


def _starts_with(tokens: list[Token], phrases: list[list[str]]) -> list[str] | None:
    words = [t.lower_ for t in tokens[:4]]
    for phrase in sorted(phrases, key=len, reverse=True):
        if words[:len(phrase)] == phrase:
            return phrase
    return None



def _record(hit: tuple[str, Span], used: set, reading: "_Reading") -> None:
    """Take a stance cue `(class name, words)` as one event of the reading, and its words as used."""
    used.add((hit[1].start, hit[1].end))
    kind, pol = _CLASSES[hit[0]]
    reading.events.append(_Event(kind, pol, hit[1]))

class StanceReader:
    def __init__(self, nlp: Language, lexicon_path: str | None = None):
        lex = load_lexicon(lexicon_path)
        self.lex = lex
        self.negation = lex["negation"]
        self.matcher = Matcher(nlp.vocab)
        for name in _CLASSES:
            # each phrase on lemmas and, for words the tagger takes for names, as written;
            # single words go in one pattern per attribute (the Matcher is faster so)
            words = sorted({p.lower() for p in lex[name] if " " not in p.strip()})
            pats = [[{"LEMMA": {"IN": words}}], [{"LOWER": {"IN": words}}]] if words else []
            for phrase in lex[name]:
                if " " in phrase.strip():
                    pats.append([{"LEMMA": w} for w in phrase.lower().split()])
                    pats.append([{"LOWER": w} for w in phrase.lower().split()])
            if pats:
                self.matcher.add(name, pats)
        # single-word acts, for gerunds the tagger takes for adjectives ("halting exports")
        self._act_words = {w.lower(): name for name in ("support", "oppose") for w in lex[name] if " " not in w.strip()}

    # -- cues ----------------------------------------------------------------------

    def _cues(self, doc: Doc) -> dict[int, list[tuple[str, Span]]]:
        """Stance words keyed by each token they cover, longest first."""
        by_token: dict[int, list[tuple[str, Span]]] = {}
        seen = set()
        for match_id, s, e in self.matcher(doc):
            name = doc.vocab.strings[match_id]
            if (name, s, e) in seen:
                continue
            seen.add((name, s, e))
            for i in range(s, e):
                by_token.setdefault(i, []).append((name, doc[s:e]))
        for i in by_token:
            by_token[i].sort(key=lambda c: -len(c[1]))
        return by_token

    def _negations(self, token: Token) -> list[Token]:
        out = []
        for c in token.children:
            if c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children):  # "no longer"
                out.append(next(g for g in c.children if g.lower_ == "no"))
                continue
            if c.dep_ == "neg" or (c.lower_ in self.negation and c.dep_ in ("det", "advmod", "neg", "preconj", "cc", "nsubj")):
                if token.lemma_.lower() in UNDOUBTED:
                    continue  # "there is no doubt that ...", "no question": an affirmation
                nxt = c.doc[c.i + 1] if c.i + 1 < len(c.doc) else None
                if nxt is not None and nxt.lower_ in ("only", "if"):  # "not only ... but also"; "when, not if"
                    continue
                out.append(c)
        return out

    def _at(self, token: Token, cues, trigger: Span, prefer: tuple[str, ...], used: set) -> tuple[str, Span] | None:
        """The stance word on `token` (or a modal beside it), by the role's preference."""
        spots = [token] + [c for c in token.children if (c.dep_ == "aux" and c.tag_ == "MD") or c.dep_ == "prt"]
        spots += [c for c in token.children if c.dep_ == "mark"]  # "whether or not ..."
        for spot in spots:
            found = []
            for name, span in cues.get(spot.i, []):
                if name not in prefer or any(a < span.end and span.start < b for a, b in used):
                    # a word already read, alone or in a phrase ("change to" ... "change")
                    continue
                inside = trigger.start <= span.start and span.end <= trigger.end
                if inside and _CLASSES[name][1] <= 0:
                    continue  # the issue's own words name it; only a favourable word also leans
                found.append((name, span))
            if found:
                # the role's own kind of word first (acts for an object, evaluations for a
                # subject), then the longest phrase ("legitimate target" over "legitimate")
                tier = {name: (0 if _CLASSES[name][0] == _CLASSES[prefer[0]][0] or
                               (_CLASSES[name][0] == NEUTRAL and _CLASSES[prefer[0]][0] == ACT) else 1)
                        for name in prefer}
                return max(found, key=lambda f: (-tier[f[0]], len(f[1]), -prefer.index(f[0])))
        return None

    def _gerund(self, t: Token) -> tuple[str, Span] | None:
        """An act word written as a gerund: `halting` -> halt, `approving` -> approve, `stopping` -> stop."""
        w = t.lower_[:-3]
        for base in (w, w + "e", w[:-1] if len(w) > 2 and w[-1] == w[-2] else None):
            if base and base in self._act_words:
                return self._act_words[base], t.doc[t.i:t.i + 1]
        return None

    def _predicate(self, head: Token, skip: Token, cues, trigger: Span, used: set, reading: _Reading) -> bool:
        """What is said of a subject: the shallowest stance word in the predicate of `head`
        (the head itself first), with the negations on the way. True when one was found."""
        prefer = ("positive", "negative", "support", "oppose", "neutral")
        frontier = [(head, [])]
        seen = {skip.i}
        modal = None  # "must", "has to": what must happen decides ("had to stop"), else the modal
        for _depth in range(4):
            nxt = []
            for node, trail in frontier:
                if node.i in seen:
                    continue
                seen.add(node.i)
                hit = self._at(node, cues, trigger, prefer, used)
                if hit is not None and hit[1][0].lemma_.lower() in DEONTIC and modal is None:
                    modal, hit = (hit, trail), None
                if hit is not None:
                    name, span = hit
                    kind, pol = _CLASSES[name]
                    if kind == EVAL and node is not head:
                        # "would make [a direct clash] inevitable": a small clause evaluates its own
                        # subject; what the issue brings about is that subject
                        subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != skip.i), None)
                        inner = self._value_in(subj, cues, used) if subj is not None else None
                        if inner is not None:
                            name, span, pol = ("positive" if inner.polarity > 0 else "negative"), inner.span, inner.polarity
                    elif kind == ACT and node is head and not self._has_object(node):
                        # "the bloodshed has continued [for far too long]": an intransitive act is
                        # judged by what is said of it
                        inner = next((self._value_in(c, cues, used) for c in node.children
                                      if c.dep_ in ("prep", "advmod", "npadvmod", "acomp")
                                      and self._value_in(c, cues, used) is not None), None)
                        if inner is not None:
                            name, span, kind, pol = ("positive" if inner.polarity > 0 else "negative"), inner.span, EVAL, inner.polarity
                    used.add((span.start, span.end))
                    if kind == ACT:
                        # "would degrade Russia's war machine": an act is as good as what it acts
                        # on is bad; with nothing evaluative in its object, the act itself
                        obj = self._object_value(node, cues, used)
                        if obj is not None:
                            pol *= obj.polarity
                            span = span.doc[min(span.start, obj.span.start):max(span.end, obj.span.end)]
                    reading.events.append(_Event(EVAL if kind == ACT else kind, pol, span))
                    for t in trail + [node]:  # the head's own negations are counted by the walk
                        if t is not head:
                            reading.negations += [n for n in self._negations(t) if not (span.start <= n.i < span.end)]
                    return True
                for c in node.children:
                    small_clause = c.dep_ == "ccomp" and c.pos_ in ("ADJ", "NOUN")  # "made the country safer"
                    consequence = c.dep_ == "ccomp" and node.lemma_.lower() in CONSEQUENCE  # "would mean (that) ..."
                    # "called it political and unconstructive": a second word said of it, not a clause
                    also = c.dep_ == "conj" and node is not head and c.pos_ in ("ADJ", "NOUN") and node.pos_ in ("ADJ", "NOUN")
                    if (c.dep_ in PREDICATE_DEPS or small_clause or consequence or also) and c.i not in seen:
                        nxt.append((c, trail + [node]))
            frontier = sorted(nxt, key=lambda p: p[0].i)
        if modal is not None:
            (name, span), trail = modal
            reading.events.append(_Event(EVAL, _CLASSES[name][1], span))
            return True
        return False

    @staticmethod
    def _shares_object(verb: Token, conj: Token) -> bool:
        """Two verbs with one subject and one object (`build or acquire a nuclear weapon`): the
        coordinated verb has no subject of its own and the first no object of its own."""
        return (verb.pos_ == "VERB" and conj.pos_ == "VERB"
                and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conj.children)
                and not any(c.dep_ in ("dobj", "attr", "ccomp", "xcomp") or (c.dep_ == "prep" and c.i < conj.i)
                            for c in verb.children))

    @staticmethod
    def _has_object(verb: Token) -> bool:
        return any(c.dep_ in ("dobj", "attr", "oprd", "ccomp", "xcomp") for c in verb.children) or any(
            p.dep_ == "pobj" for c in verb.children if c.dep_ == "prep" and c.lower_ not in ADJUNCT_PREPS
            and c.lower_ not in ("for", "in", "at") for p in c.children)

    def _value_in(self, top: Token, cues, used: set) -> _Event | None:
        """The nearest evaluation in a phrase (`a direct clash`, `for far too long`)."""
        for t in sorted(top.subtree, key=lambda t: abs(t.i - top.i)):
            for name, span in cues.get(t.i, []):
                if name in ("positive", "negative") and (span.start, span.end) not in used:
                    return _Event(EVAL, _CLASSES[name][1], span)
        return None

    def _object_value(self, act: Token, cues, used: set) -> _Event | None:
        """An evaluation in the object of an act in a predicate (`degrade [Russia's war machine]`,
        `are calls for [Israel to surrender]`)."""
        objs = [c for c in act.children if c.dep_ in ("dobj", "attr", "oprd")]
        objs += [p for c in act.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        # a clause as the object: "calls for Israel to surrender", "demands that Kyiv give up"
        objs += [c for c in act.children if c.dep_ in ("xcomp", "ccomp")
                 or (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children))]
        for obj in objs:
            if (value := self._value_in(obj, cues, used)) is not None:
                return value
        return None

    def _walk(self, st, match, cues) -> tuple[_Reading, list[Token]]:
        """Events and negations on the path from the issue's words up to the top."""
        content = st.content
        trigger = match.trigger
        path = path_up(trigger.root, content)
        if trigger.root.head == st.cue.root and not content.start <= trigger.start < content.end:
            path.append(st.cue.root)  # "called it [a victory]": the anaphor named, outside the content
        if st.frame not in CLAUSE_FRAMES and st.cue.root not in path:
            # "X rejected [the plan]", "X called for [talks]", "X urged Y [to ...]": the reporting
            # verb acts on the content, so the walk goes on through it
            up, steps = path[-1].head, 0
            while up != st.cue.root and up.head != up and steps < 3 and not (content.start <= up.i < content.end):
                up, steps = up.head, steps + 1
            if up == st.cue.root:
                node = path[-1].head
                while node != st.cue.root:
                    path.append(node)
                    node = node.head
            path.append(st.cue.root)
        reading = _Reading()
        used: set[tuple[int, int]] = set()
        walked: list[Token] = []
        for k, node in enumerate(path):
            child = path[k - 1] if k else None
            if child is not None and child.dep_ == "conj" and self._shares_object(node, child):
                # "to develop and acquire a nuclear weapon": one act said with two verbs; the first
                # verb's negations count, its own stance word was said of nothing else
                walked.append(node)
                reading.negations += self._negations(node)
                continue
            if child is not None and child.pos_ in ("VERB", "AUX") and (
                    child.dep_ in ("conj", "parataxis")
                    or (child.dep_ == "advcl" and any(c.dep_ in ("mark", "nsubj", "nsubjpass", "expl") for c in child.children))):
                # a clause coordinated with or subordinate to another: the other's words are not
                # about the issue ("if all countries helped Ukraine, it would not be necessary ..."),
                # unless they are a threat on the issue as condition ("if they go into Rafah, I'm
                # not supplying the weapons")
                if child.dep_ == "advcl":
                    mark = next((c.lower_ for c in child.children if c.dep_ == "mark"), "")
                    if mark in ("if", "unless", "once", "should"):
                        threat, words = self._threat(st, node, child, cues)
                        if threat:
                            reading.consequence = threat if mark != "unless" else -threat
                            reading.words = words + [c for c in child.children if c.dep_ == "mark"]
                break
            walked.append(node)
            cue_spans = {(s.start, s.end) for e in reading.events for s in [e.span]}
            if child is not None and child.dep_ in ("appos", "conj") and self._negations(child):
                pass  # "no ground troops, no soldiers": one negation said twice
            else:
                reading.negations += [n for n in self._negations(node) if not any(a <= n.i < b for a, b in cue_spans)]
            if node.lower_ == "without" and child is not None:
                reading.negations.append(node)
            if child is not None and child.dep_ in ("advcl", "xcomp") and node.lemma_.lower() in ("be", "have", "see", "get"):
                # "there is no consensus [to send troops]", "we have no intention [to ...]" parsed
                # with the infinitive on the verb: the negated noun still scopes over it
                reading.negations += [n for c in node.children if c.dep_ in ("attr", "dobj") for n in self._negations(c)]
            if child is None:
                # the issue's own words: a favourable word also leans ("military support"); an
                # anaphor that is itself an act on the issue leans its own way ("the veto",
                # "abstained", "voted in favour")
                prefer = ("support", "oppose", "neutral") if match.anaphor else ("support", "positive")
                exclude = trigger if not match.anaphor else node.doc[0:0]
                if (node.dep_ == "dobj" and node.head.lemma_.lower() in SECONDARY
                        and not any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in node.head.children)
                        and any(c.dep_ in ("nmod", "compound", "det") and c.i < node.i for c in node.children)):
                    # 'called the move "theft"' parsed with the name as the object and the thing
                    # named inside it: the name is what is said of that thing
                    prefer, exclude = ("positive", "negative"), node.doc[0:0]
                hit = self._at(node, cues, exclude, prefer, used)
                if hit is not None:
                    _record(hit, used, reading)
                for c in node.children:
                    if c.dep_ != "amod" or trigger.start <= c.i < trigger.end:
                        continue
                    if c.lower_.endswith("ing") and c.i < node.i:
                        # a gerund the parser took for an adjective: "halting exports"
                        hit = self._at(c, cues, trigger, ("support", "oppose"), used) or self._gerund(c)
                    elif match.anaphor:
                        # what the anaphor is called: "a vital step", "this dangerous idea", also
                        # after it ("called the resolution "political" and "unconstructive"")
                        hit = next((h for a in [c, *(x for x in c.children if x.dep_ == "conj")]
                                    if (h := self._at(a, cues, node.doc[0:0], ("positive", "negative"), used))), None)
                    else:
                        hit = None
                    if hit is not None:
                        _record(hit, used, reading)
                if match.anaphor and node.lower_ in self.negation:  # "nothing can be ruled out"
                    reading.negations.append(node)
                if match.anaphor and node.lower_ in ("case", "event") and node.head.lower_ == "in":
                    # "in that case, we would have to talk about the inevitability of a conflict"
                    verb = node.head.head
                    threat, words = self._threat(st, verb, node.head, cues)
                    if threat:
                        reading.consequence, reading.words = threat, words + [node.head]
                    break
                continue
            if child.dep_ in SUBJECT_DEPS:
                if self._predicate(node, child, cues, trigger, used, reading):
                    # what is said of the issue is said; clauses above it are about something else,
                    # but a denial of the speaker's own belief in it turns it round ("did not believe
                    # that sanctions were the way")
                    for above in path[k + 1:]:
                        if above.lemma_.lower() in BELIEVING and node in above.subtree:
                            reading.negations += self._negations(above)
                    break
                continue
            if (node.lemma_.lower() in PURPOSE and (child.dep_ in ("xcomp", "advcl", "ccomp") or child.lower_ == "at")
                    and reading.events
                    and reading.events[-1].kind == ACT and reading.events[-1].polarity < 0
                    and self._speaker_subject(st, node) is None):
                # "it was designed to undermine the peace summit": the speaker denounces someone
                # else's aim against the issue
                reading.accused = node
                break
            if child.dep_ == "appos":
                continue  # "a pause, not a ceasefire": the head names it another way, it does not act on it
            if child.dep_ == "prep" and child.lower_ in ADJUNCT_PREPS:
                if child.lower_ in INSTRUMENT_PREPS and node.pos_ == "VERB":
                    reading.governor = node  # the issue as the means of an act: "impose costs through sanctions"
                continue
            if (child.dep_ in ("advcl", "npadvmod") and not _gerund_complement(child)) or (
                    child.dep_ == "relcl" and match.anaphor):
                continue
            if child.dep_ == "acl" and child.tag_ == "VBG" and child.i > 0 and child.doc[child.i - 1].text == ",":
                # "agreed to drop the requirement for a plan, shortening Ukraine's path": a participle
                # set off by a comma says what the whole act does; the words above do not act on it
                break
            if node.lemma_.lower() in SECONDARY:
                # "called the sanctions illegal": what they are called decides, not the verb
                comp = [c for c in node.children if c.dep_ in ("oprd", "xcomp", "ccomp") and c is not child]
                comp += [c for c in node.children if c.dep_ == "prep" and c.lower_ == "as"]
                if comp and child.dep_ in ("dobj", "nsubjpass"):
                    # the verb itself ("call") is not read as an act on the issue
                    if self._predicate(node, child, cues, trigger, used | {(node.i, node.i + 1)}, reading):
                        continue
                if not comp and child.dep_ == "dobj":
                    # "described the plan to use the assets as theft": the parser hangs the "as"
                    # on a verb inside the object; what it is called still decides
                    late = [t for t in child.subtree if t.dep_ == "prep" and t.lower_ == "as" and t.head.pos_ == "VERB"]
                    value = self._value_in(late[-1], cues, used) if late else None
                    if value is not None:
                        used.add((value.span.start, value.span.end))
                        reading.events.append(value)
                        continue
                    if any(e.kind == EVAL and child.left_edge.i <= e.span.start <= child.right_edge.i for e in reading.events):
                        continue  # what it is called was read in the object (misparsed as its modifier)
            if _verbish(node) and child.dep_ not in SUBJECT_DEPS and node.i not in range(trigger.start, trigger.end):
                reading.governor = node
            if child.dep_ == "prep" and node.lemma_.lower() == "be":
                # "Sweden was one step closer [to becoming a member]": the parser hangs the
                # preposition on the copula; it belongs to the adjective before it
                adj = next((c for c in node.children if c.dep_ == "acomp" and c.i < child.i), None)
                hit = self._at(adj, cues, trigger, ("support", "oppose", "neutral", "positive", "negative"), used) if adj is not None else None
                if hit is not None:
                    _record(hit, used, reading)
            hit = self._at(node, cues, trigger, ("support", "oppose", "neutral", "positive", "negative"), used)
            if hit is not None:
                _record(hit, used, reading)
        # negations inside a stance word are part of it ("not in the interests")
        spans = [(e.span.start, e.span.end) for e in reading.events]
        reading.negations = list({n.i: n for n in reading.negations if not any(a <= n.i < b for a, b in spans)}.values())
        return reading, walked

    def event_sign(self, referent, cues) -> int:
        """Which way the event an anaphor refers to goes on the issue: `the move` after `the
        inspectors had been removed` is a removal (-1), after `Iran has begun enriching` the
        enrichment itself (+1, the codebook polarity of those words applies), after `Hungary
        blocked the package` a blockage (-1). The act words (and their negations) that take the
        referent's words as object, up its chain of complements."""
        sign, node = 1, referent.trigger.root
        for _ in range(3):
            child, node = node, node.head
            if child is node or child.dep_ not in ("dobj", "nsubjpass", "pobj", "prep", "pcomp", "xcomp", "agent"):
                break
            if child.dep_ == "prep" and child.lower_ in ADJUNCT_PREPS:
                break
            hit = next((c for c in cues.get(node.i, []) if c[0] in ("support", "oppose")), None)
            if hit is not None and not (referent.trigger.start <= hit[1].start < referent.trigger.end):
                sign *= _CLASSES[hit[0]][1] * (-1 if len(self._negations(node)) % 2 else 1)
        return sign

    def _speaker_subject(self, st, verb: Token) -> Token | None:
        """The verb's subject when it is the speaker (`I`, `we`, or a name of the speaker's own
        actor), else None."""
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            return None
        if subj.lower_ in ("i", "we"):
            return subj
        own = {a.code for a in (st.actors or []) if getattr(a, "code", "")}
        return subj if own and self._codes(self._head_phrase(subj)) & own else None

    # -- threats ---------------------------------------------------------------------

    def _threat(self, st, verb: Token, condition: Token, cues) -> tuple[int, list[Token]]:
        """What the clause of `verb`, outside its `condition`, promises on it: -1 for a threat (a
        warning word in it: `consequences`, `conflict`, `countermeasures`, `retaliate`; or the
        speaker's own act withheld: `I'm not supplying`, `we will not send`), +1 for an
        obstruction disclaimed (`if Poland asked, we would not stand in the way`), else 0."""
        content = st.content
        skip = {t.i for t in condition.subtree}
        clause = [t for t in verb.subtree if t.i not in skip and content.start <= t.i < content.end]
        for t in clause:
            if t.i in skip:
                continue
            for name, span in cues.get(t.i, []):
                if name == "oppose" and t.pos_ in ("VERB", "NOUN"):
                    objs = [c for c in t.children if c.dep_ in ("dobj", "pobj")]
                    objs += [p for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
                    if any((v := self._value_in(o, cues, set())) is not None and v.polarity < 0 for o in objs):
                        # "Russia would stop the war": ending something bad is a promise
                        skip |= {x.i for o in objs for x in o.subtree}
                        continue
                if name == "oppose" and (negs := self._negations(span.root)):
                    return 1, [*negs, *span]
                if name in ("negative", "oppose"):
                    return -1, list(span)
        negs = self._negations(verb)
        if negs and (subj := self._speaker_subject(st, verb)) is not None:
            return -1, [subj, *negs, verb]
        return 0, []

    # -- conditions ------------------------------------------------------------------

    def _conditions(self, walked: list[Token], trigger: Span) -> tuple[str, list[Token]]:
        """'inside' when the issue is itself a restrictive condition, 'restrict' when a
        restrictive condition sits on its clause, 'hedge' for a plain condition, '' otherwise;
        with the condition's words for the cue."""
        on_path = {t.i for t in walked}
        markers, hedges, durations = self.lex["markers"], self.lex["hedges"], self.lex["durations"]
        # the issue inside "only through / only if ..."
        for t in walked:
            if t.i in range(trigger.start, trigger.end):
                continue
            if t.dep_ in ("prep", "mark") or any(c.dep_ == "mark" for c in t.children):
                lead = t if t.dep_ in ("prep", "mark") else next(c for c in t.children if c.dep_ == "mark")
                doc = t.doc
                only = next((doc[j] for j in (lead.i - 1, lead.i - 2) if j >= 0 and doc[j].lower_ == "only"), None)
                if only is None and lead.dep_ == "prep":  # "could only be ended through negotiations"
                    only = next((c for c in lead.head.children if c.lower_ == "only" and c.i < lead.i), None)
                if only is not None and _starts_with([lead, *doc[lead.i + 1:lead.i + 4]], markers):
                    return "inside", [only, lead]
        found: tuple[str, list[Token]] = ("", [])
        for t in walked:
            only_here = next((c for c in t.children if c.lower_ == "only" and c.dep_ == "advmod"), None)
            for c in t.children:
                if c.i in on_path or c.dep_ not in ("advcl", "prep", "advmod", "npadvmod", "mark", "pcomp"):
                    continue
                sub = list(c.subtree)
                start = sub[0]
                doc = c.doc
                lead = sub[1:] if start.lower_ == "only" else sub
                phrase = _starts_with(lead, markers)
                if phrase is None or (start.i > 0 and doc[start.i - 1].lower_ == "not"):
                    continue  # "a question of when, not if": the condition is denied
                only = start if start.lower_ == "only" else None
                if only is None and start.i > 0 and doc[start.i - 1].lower_ == "only":
                    only = doc[start.i - 1]
                if only is None and only_here is not None and only_here.i < start.i:
                    only = only_here
                words = [only] if only is not None else []
                words += lead[:len(phrase)]
                if only is not None and phrase[0] in MEANS:
                    # "only through negotiations": another path instead of this one, not now
                    return "restrict", words
                if only is not None and phrase != ["until"] and phrase != ["till"]:
                    # "only if Ukraine withdraws": a precondition, support on terms (hedged)
                    if not found[0] or found[0] == "until":
                        found = ("hedge", words)
                    continue
                if _starts_with(lead[len(phrase):], durations) is not None:
                    continue  # "as long as it takes": a duration, not a condition
                if _starts_with(lead, hedges) is not None and not found[0]:
                    found = ("hedge", words)
                elif phrase in (["until"], ["till"]) and not found[0]:
                    found = ("until", words)
        return found

    # -- who acts ------------------------------------------------------------------

    @staticmethod
    def _head_phrase(noun: Token) -> list[Token]:
        """A noun phrase without its prepositional and clausal modifiers: `the support of European
        and NATO states for Kyiv` -> `the support`; `Russia and China` stays whole."""
        cut = {x.i for c in noun.children if c.dep_ in ("prep", "relcl", "acl", "appos")
               for x in c.subtree}
        cut |= {x.i for c in noun.children if c.dep_ == "conj" for x in c.subtree
                if any(p.dep_ in ("prep", "relcl", "acl") and x in p.subtree for p in c.children)}
        return [t for t in noun.subtree if t.i not in cut]

    def _codes(self, span) -> set[str]:
        """States and organisations named in a span (or a run of tokens), from the actors' gazetteer."""
        aliases = gazetteer_aliases()  # the gazetteer is another component's: without it we do not judge
        codes, words = set(), list(span)
        if not words:
            return codes
        doc = words[0].doc
        for i in range(len(words)):
            for n in (4, 3, 2, 1):
                if i + n <= len(words) and words[i + n - 1].i == words[i].i + n - 1:
                    text = doc[words[i].i:words[i].i + n].text
                    if text in aliases:
                        codes.add(aliases[text])
                        break
        return codes

    def _third_party(self, st, reading: _Reading, match=None) -> bool:
        """True when the issue's action is someone else's, reported: its verb's subject names
        a state or organisation and none of the statement's own (also when the issue's own
        words are the act: `Iran was supplying weapons to Hamas`)."""
        verb = reading.governor
        if (verb is None and match is not None and not match.anaphor and match.trigger.root.pos_ == "VERB"
                and match.trigger.root.lemma_.lower() not in RECEIVING):
            verb = match.trigger.root
        if verb is None or verb == st.cue.root:
            return False
        if any(c.dep_ == "aux" and c.lemma_.lower() in ("must", "should", "ought", "need") for c in verb.children):
            return False
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and verb.dep_ in ("xcomp", "conj") and verb.head.pos_ in ("VERB", "AUX"):
            subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.lower_ in PRONOUNS or subj.dep_ == "nsubjpass":
            return False
        own = {a.code for a in (st.actors or []) if getattr(a, "code", "")}
        if not own:
            return False
        theirs = self._codes(self._head_phrase(subj))
        return bool(theirs) and not (theirs & own)

    def _own_contrast(self, st, walked: list[Token]) -> tuple[int, list[Token]] | None:
        """The speaker's own act in a clause coordinated with the issue's, its object left out:
        `some members were considering sending soldiers to Ukraine, but Slovakia would not send
        any`. +1 / -1 (negated), with the clause's words."""
        verbs = [t for t in walked if t.pos_ == "VERB"]
        lemmas = {v.lemma_.lower() for v in verbs}
        content = st.content
        for v in verbs:
            for c in v.children:
                if not (c.dep_ == "conj" and c.pos_ == "VERB" and c.lemma_.lower() in lemmas
                        and content.start <= c.i < content.end and c not in walked):
                    continue
                subj = self._speaker_subject(st, c)
                if subj is None:
                    continue
                obj = next((x for x in c.children if x.dep_ == "dobj"), None)
                if obj is not None and obj.pos_ not in ("PRON", "DET") and obj.lower_ not in ELLIPTIC_OBJECTS:
                    continue
                negs = self._negations(c)
                return (-1 if len(negs) % 2 else 1), [subj, *negs, c] + ([obj] if obj is not None else [])
        return None

    # -- reading -------------------------------------------------------------------

    def _read(self, st, match, cues: dict[int, list[tuple[str, Span]]]) -> tuple[Stance, bool]:
        """The stance, and whether anything in the statement leaned at all (a stance word, a
        negation, a threat): an anaphor with none of these names no position."""
        doc = st.content.doc
        reading, walked = self._walk(st, match, cues)
        trigger = match.trigger
        events, negs = reading.events, reading.negations
        flips = len(negs) % 2
        cue_lemma = st.cue.root.lemma_.lower()
        mandative = cue_lemma in self.lex["mandative"]
        report = -1 if cue_lemma in self.lex["report_negative"] else 1 if cue_lemma in self.lex["report_positive"] else 0
        if st.frame not in CLAUSE_FRAMES:
            report = 0  # the reporting verb is on the path already
        # above a neutral act ("is being discussed") an evaluation is of the act, not the issue;
        # a negative one passes through it ("too early to talk about lifting sanctions": not now)
        last_neutral = max((k for k, e in enumerate(events) if e.kind == NEUTRAL), default=-1)
        if last_neutral >= 0:
            above = events[last_neutral + 1:]
            if above and above[-1].kind == EVAL and above[-1].polarity < 0:
                events = [e for e in events if e.kind != NEUTRAL]
            else:
                events = events[:last_neutral + 1] + [e for e in above if e.kind == ACT]
        cue_tokens = set(range(trigger.start, trigger.end)) | {n.i for n in negs}
        for e in events:
            cue_tokens |= set(range(e.span.start, e.span.end))
        reported = False
        sign = match.polarity
        if match.anaphor and match.referent is not None:
            sign *= self.event_sign(match.referent, cues)
        for e in events:
            if e.kind == ACT:
                sign *= e.polarity
        top = events[-1] if events else None
        if top is not None and top.kind == EVAL:
            sign *= top.polarity
        sign *= -1 if flips else 1
        negative_word = any(e.polarity < 0 for e in events)

        if reading.consequence:
            # the issue as the condition of a threat: against it, whoever would act
            score = reading.consequence * sign * DEFAULT
            cue_tokens |= {t.i for t in reading.words}
        elif reading.accused is not None:
            score = -sign * DEFAULT
            cue_tokens.add(reading.accused.i)
        elif top is not None and top.kind == NEUTRAL:
            score = 0.0
        elif events:
            score = float(sign)
            if sign > 0 and flips and negative_word:
                score = LOOSE
            # someone else's act, reported, is not the speaker's stance; an evaluation is
            if top.kind == ACT and not mandative and self._third_party(st, reading, match):
                score = report * sign * DEFAULT if report else 0.0
                reported = not report  # "the IAEA said Iran had expanded its stockpile": no side taken
        elif match.anaphor:
            # "Japan had decided not to take the step": the speaker's own act on it, withheld
            verb = trigger.root.head if trigger.root.dep_ == "dobj" else None
            withheld = (flips and verb is not None and verb in walked and verb.pos_ == "VERB"
                        and verb.lemma_.lower() not in RECEIVING and not self._third_party(st, reading, match))
            score = sign * DEFAULT if withheld else 0.0
        else:
            # where something is said to be or belong is the speaker's claim, not another's act:
            # "Taiwan is an internal affair", "Ukraine's future lies in the EU"
            root = trigger.root
            claimed = ((root.dep_ == "attr" and root.head.lemma_ in STATIVE) or root.lemma_ in STATIVE
                       or (root.lemma_ == "lay" and not self._has_object(root)))  # "lay": past of lie, mislemmatised
            asserted = reading.governor is not None or trigger.root.pos_ in ("VERB", "AUX") or flips or claimed
            if not mandative and not claimed and self._third_party(st, reading, match):
                score = report * sign * DEFAULT if report else 0.0
            elif report and not flips:
                score = report * sign * DEFAULT
            elif asserted or mandative:
                score = sign * DEFAULT
            else:
                score = 0.0

            if report:
                cue_tokens |= set(range(st.cue.start, st.cue.end))

        # the action on the issue reads with it: "supplying weapons to Kyiv", "confiscating ... assets"
        verb = next((t for t in walked if t.pos_ == "VERB"), None)
        if verb is not None and (score or events):
            cue_tokens.add(verb.i)
        contrast = self._own_contrast(st, walked) if not reading.consequence else None
        if contrast is not None:
            # the speaker's own act beats what others are said to do
            score = contrast[0] * match.polarity * DEFAULT
            cue_tokens |= {t.i for t in contrast[1]}
        condition, words = self._conditions(walked, trigger) if not reading.consequence else ("", [])
        if condition == "inside" and score >= 0:
            score = max(score, DEFAULT)
        elif condition == "restrict" and score > 0:
            score = PUT_OFF
        elif condition == "hedge":
            score *= HEDGE
        if condition:
            cue_tokens |= {t.i for t in words}
        score = max(-1.0, min(1.0, score))
        evidence = bool(reading.events or [n for n in reading.negations if n not in trigger] or reading.consequence
                        or reading.accused is not None or contrast is not None) and not (reported and score == 0.0)
        return Stance(label_for(score), round(score, 3), _cue_text(doc, cue_tokens)), evidence

    def __call__(self, doc: Doc) -> Doc:
        cues = self._cues(doc)
        for st in doc._.statements or []:
            stances, kept = {}, []
            for m in st.issues:
                stance, evidence = self._read(st, m, cues)
                if m.anaphor and not evidence:
                    continue  # "the resolution was binding": we know the topic, not a position
                if not evidence and stance.label == "neutral" and st.kind != "act":
                    # the issue named, no side taken and no word saying so ("the IAEA said Iran had
                    # enriched more uranium"): neutral with no cue, which is no position (schema.takes_a_side)
                    stance = Stance("neutral", 0.0, "")
                kept.append(m)
                stances[m.issue] = stance
            if st.issues and not kept:
                st.suggested_label = suggest_label(st.content)
            st.issues = kept
            if not kept:
                # an unclassified statement: its leaning toward what its label names
                target = label_target(st.content)
                pseudo = IssueMatch(UNCLASSIFIED, st.suggested_label, doc[target.i:target.i + 1])
                stances[UNCLASSIFIED] = self._read(st, pseudo, cues)[0]
            st.stances = stances
        return doc


@Language.factory("demarche_stance", default_config={"lexicon_path": None})
def make_stance_reader(nlp: Language, name: str, lexicon_path: str | None) -> StanceReader:
    return StanceReader(nlp, lexicon_path)


__all__ = ["Stance", "StanceReader", "label_for", "load_lexicon"]
