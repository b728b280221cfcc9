"""Official acts reported without speech (`[acts]` in data/cues.toml): `The State Department
approved the sale of ...`, `Erdogan signed the legislation`, `France voted in favour`, `which on
Friday vetoed a text`, `Washington commits to keep training ...`, and tallies whose group did it
(`X and Y were the two members to vote against`, `were among the 45 abstentions`).

Kind "act", the subject as speaker, the predicate as content: a position of record, said or not.
Only a subject that can act (a state, organisation, person, pronoun or acting noun, never a
document or `the deal`); never inside a quotation or another statement's content; never with a
modal, an infinitive marker or a condition (`will sign`, `to ratify`, `if Congress approves`);
never when the act only frames a statement (`issued a statement saying ...`).
"""

from __future__ import annotations

import logging

from spacy.tokens import Doc, Span, Token

from .cues import CueRules
from .statement import Statement
from .syntax import _MODALS, _cue_span, _is_venue, _trim_span, _words, is_relative, noun_phrase, subject_of

log = logging.getLogger(__name__)

# official acts: where an act verb may stand, and the marks of an act not (yet) done
_ACT_DEPS = {"ROOT", "conj", "relcl", "advcl", "ccomp", "parataxis"}
_NOT_DONE = {"if", "unless", "whether", "until", "once", "lest"}
_IN_FAVOUR = {"favour", "favor", "support"}
VOTES = {"vote", "veto", "abstain", "sponsor", "co-sponsor", "cosponsor"}  # acts on a text put to the vote
VOTE_WORDS = {"yes", "no"}  # a vote's direction said as a word: "voted no"


def _joined_in(verb: Token) -> bool:
    """`Belarus and Syria joined Russia in voting no`: the act done, by the subject of `joined`."""
    return (verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ == "in"
            and verb.head.head.lemma_.lower() == "join" and verb.head.head.pos_ == "VERB")


class OfficialActs(CueRules):
    """Act verbs and tally nouns; `_find` in statements.py collects the candidates
    (`self._act_verbs`, `self._act_nouns`) in its pass over the document."""

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
            if verb.lemma_.lower() not in VOTES and any(
                    o.speaker is not None and o.speaker.root.head == verb and o.speaker.root.dep_ == "dobj"
                    and st.content.start <= o.cue.start < st.content.end for o in statements):
                # "issued a statement calling the test a clear violation": the statement speaks (but
                # "vetoed a draft demanding a ceasefire" is a vote on what the draft demands)
                continue
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
        absolute = _absolute(verb)
        if verb.dep_ not in _ACT_DEPS and member is None and not _joined_in(verb) and not absolute:
            return None  # "plans to sign", "a text drafted by ...": not an act done
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if verb.dep_ == "conj":
            auxes += [c for c in verb.head.children if c.dep_ in ("aux", "auxpass") and c.i < verb.head.i]
        if any(a.lower_ in _MODALS or a.lower_ == "to" and member is None for a in auxes):
            return None  # "will sign", "would approve": not done (yet)
        if verb.tag_ == "VBN" and not auxes:
            return None  # a participle modifying a noun
        if verb.tag_ == "VBG" and verb.dep_ not in ("advcl", "conj") and member is None and not _joined_in(verb) \
                and not absolute:
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
            elif c.lower_ in VOTE_WORDS and c.i == end and "none" in frames:
                end = c.i + 1  # "voted no", "voting yes"
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
                    and not any(x.ent_type_ in ("DATE", "TIME") or _is_venue(x) for x in c.children if x.dep_ == "pobj") \
                    and not any(_absolute(x) for x in c.children):  # not "..., with Russia abstaining"
                comps.append(c)  # "pledged $4.5 billion in new aid [to Ukraine]"
            elif c.dep_ in ("cc", "conj", "advcl", "relcl") or (c.dep_ == "punct" and c.text in (";", ":")):
                break
        if comps:
            end = max(end, max(c.right_edge.i for c in comps) + 1)
        elif "none" not in frames:
            return None
        span = self._trim_asides(_trim_span(doc[verb.i:end]), in_quote)
        return span if _words(span) else None


def _absolute(verb: Token) -> bool:
    """`adopted by 14 votes to none, with Russia abstaining`: a gerund with its own subject after
    `with` reports an act done alongside the main one."""
    return (verb.tag_ == "VBG" and verb.dep_ in ("pcomp", "pobj", "advcl") and verb.head.lower_ == "with"
            and any(c.dep_ == "nsubj" for c in verb.children))


def _member_of(verb: Token) -> Token | None:
    """Who did an act that a group noun after a copula did: `Austria and Hungary were the two
    members to vote against`, `Chile was among the countries voting no`, `Peru was among those
    that abstained`, `Sweden was the last ally to ratify it` -> the copula's subject. Not when the
    act is still to come (`the only member yet to ratify`, `will be the last to sign`)."""
    head = verb.head
    if verb.dep_ == "pobj" and head.lower_ == "among" and verb.tag_ == "VBG":
        group = verb  # "France and Spain were among those voting in favour": the gerund is the group
    elif verb.dep_ in ("relcl", "acl"):
        group = head
    elif verb.dep_ in ("xcomp", "advcl") and head.lemma_ == "be":
        group = next((c for c in head.children if c.dep_ == "attr"), None) or next(
            (p for c in head.children if c.dep_ == "prep" and c.lower_ == "among" for p in c.children
             if p.dep_ == "pobj"), None)
    else:
        return None
    return _copula_subject(group, verb)


def _copula_subject(group: Token | None, verb: Token | None = None) -> Token | None:
    """The subject of the copula a group noun is the attribute of, or is `among` (the group may be
    the act's own gerund: `among those voting in favour`)."""
    if group is None or (group.pos_ not in ("NOUN", "PRON", "ADJ") and not (group is verb and group.tag_ == "VBG")):
        return None
    cop = group.head if group.dep_ == "attr" else group.head.head \
        if group.dep_ == "pobj" and group.head.lower_ == "among" else None
    if cop is None or cop.lemma_ != "be" or any(
            c.dep_ == "neg" or c.lower_ in _MODALS for c in cop.children) or any(
            c.dep_ == "neg" or c.lower_ in ("yet", "still")
            for c in list(verb.children if verb is not None else ()) + list(group.children)):
        return None
    return next((c for c in cop.children if c.dep_ == "nsubj" and c.tag_ not in ("WP", "WDT")), None)
