"""Cues: which words report speech or belief (data/cues.toml), who can be their speaker, and
where reported content ends. The rules every construction shares, as the base class `CueRules`.

A speaker must be able to speak: a verb listed under `[evidential]` in data/cues.toml
(`suggest`, `indicate`, `show` ...) makes a statement only with an agentive subject (a
person, organisation or place, a personal pronoun, or a speaking noun such as `spokesman`,
`ministry`); `the data suggest` is not a statement.

Reported content excludes the reporter's own trailing material (`; ...`, a final `— ...`, a
final `, which ...` / `, even as ...`, a participle of saying that starts its own statement).
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span, Token

from .syntax import (_CONTRAST, _DASHES, _FRACTIONS, _is_mark, _is_venue, _reported_form, _trim_span,
                     is_relative, subject_of)

DATA = Path(__file__).resolve().parent.parent / "data"


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
        "signatories": set(data.get("documents", {}).get("signatories", [])),
        "summit_texts": set(data.get("documents", {}).get("summit_texts", [])),
        "beliefs": {k: set(v) for k, v in data.get("beliefs", {}).items()},
        "nouns": {k: set(v) for k, v in data.get("nouns", {}).items()},
        "about": {k: set(v) for k, v in data.get("about", {}).items()},
    }


class CueRules:
    """Tests on cue words and speakers, and the trimming of reported content, over `self.cues`
    (load_cues). The constructions (direct_speech, indirect_speech, verbless, acts) build on it."""

    cues: dict

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
                and subj.lower_ not in ("both", "all") and not self._respondents(subj, verb) and not _the_number(subj)):
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
        if _the_number(subj):
            return True
        return subj.lemma_.lower() in self.cues["agents"] or subj.lower_ in self.cues["agents"]

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
                return False
            if (c.lower_ in ("for", "against") and c.lower_ in self._frames(verb)) or (
                    "about" in self._frames(verb) and c.lower_ in self.cues["about"].get(verb.lemma_.lower(), ())):
                return False  # "called for [a peace conference]", "warned against ..."
            if pobj.ent_type_ in ("DATE", "TIME", "ORG", "PERSON", "GPE", "NORP") or _is_venue(pobj):
                return True
        return False


def _the_number(subj: Token) -> bool:
    """`The four said ...`: a definite bare number stands for the group of that many just named."""
    return subj.pos_ == "NUM" and any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children)
