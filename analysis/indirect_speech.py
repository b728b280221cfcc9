"""Indirect speech and beliefs: a verb of saying or believing and the content it reports.

* **Reported clauses**: a clausal (`X said (that) ...`), infinitival (`X urged Y to ...`) or
  object (`X rejected the plan`) complement, inverted and parenthetical forms (`..., said X`;
  `The plan, X said, is ...`), participles (`..., adding that ...`) and relative clauses
  (`X, who said ...`).
* **Taking a position**: verbs with an object are statements too (`X welcomed / condemned /
  opposed / rejected / backed / endorsed the resolution`), and so are `warned (X) against ...`,
  `ruled out sending ...`, `called for ...`, `spoke about ...`, `cited ...`, `set out
  conditions: ...`, and `told a briefing that ...` (the clause the parser hangs on the venue).
* **Beliefs** (`[beliefs]`): `X believes / fears / expects / hopes / wants ...` are attributions
  of kind "belief" (PolNeAR counts them; the positions table should not), including an
  expectation with no holder named (`The bank is expected to act in May`, no speaker).

Content never ends inside a quotation, and a clause the speaker goes on with (`said A, but that
B`) stays in it; the speaker's own next verb does not (`X said A and suggested B` gives two
statements). A verb with a modal (`will announce`, `would propose`) reports nothing said yet and
is skipped.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .cues import CueRules
from .statement import Statement
from .syntax import (_MODALS, _cue_span, _is_mark, _is_venue, _reported_form, _runs, _trim_lead, _trim_span,
                     _words, clause_span, is_relative, noun_phrase)

TIME_MARKS = frozenset("as when after before while".split())  # "told reporters as he arrived ... that"


class IndirectSpeech(CueRules):
    """Reported clauses, objects and beliefs on a cue verb; `_whole_quotation` reads the
    quotation index `_find` in statements.py sets on `self`."""

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
                if c.dep_ == "dobj" and "for" in frames and "object" not in frames and any(
                        x.dep_ == "prep" and x.lower_ == "for" and x.i > c.i for x in rights):
                    continue  # "thanked [the G7] on Saturday for its support": whom, before what for
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
            lemma = obj.lemma_.lower()
            if obj.ent_type_ == "PERSON" or obj.lower_ in ("him", "her", "them", "us", "me", "you") or (
                    (lemma in self.cues["agents"] or lemma in self.cues["act_agents"])
                    and lemma not in self.cues["documents"]) \
                    or lemma in ("baby", "guest", "visitor", "crowd"):
                return None  # "welcomed the visitors", "welcomed a baby girl" (not "the release of the hostages")
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

    def _comma_hole(self, verb: Token, speaker_token: Token, in_quote) -> tuple[Span | None, list[tuple[int, int]]]:
        """`Britain, he said, would "very likely" send tanks.`: the attribution set off by commas
        inside the sentence it reports, whatever the parser made of the rest (a quoted fragment
        often breaks the parse). The content is the sentence around the hole."""
        doc, sent = verb.doc, self._sents.of(verb.i)  # Token.sent walks the document
        speaker = noun_phrase(speaker_token)
        lo, hi = speaker.start - 1, _cue_span(verb).end
        if lo <= sent.start or hi >= sent.end - 1 or doc[lo].text != "," or doc[hi].text != ",":
            return None, []
        if not (speaker.end == verb.i or all(t.is_space for t in doc[speaker.end:verb.i])):
            return None, []
        before = _trim_span(doc[sent.start:lo])
        after = _trim_span(doc[hi + 1:sent.end])
        if len(_words(before)) < 1 or len(_words(after)) < 2 or in_quote(doc[lo]) or in_quote(doc[hi]):
            return None, []
        return doc[before.start:after.end], [(before.start_char, before.end_char), (after.start_char, after.end_char)]

    @staticmethod
    def _stranded_that(verb: Token) -> Token | None:
        """`Lavrov said in Riyadh on Feb. 18 after talks with Rubio that the deployment ... would be
        unacceptable`, `told reporters as he arrived on Thursday that they should stay frozen`: the
        that-clause the parser hung on a noun inside the verb's adjuncts (`talks`) or on the verb
        of a time clause (`arrived`) is what was said."""
        for clause in (c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i
                       and any(m.dep_ == "mark" and m.lower_ in TIME_MARKS for m in c.children)):
            that = next((c for c in clause.children if c.dep_ == "ccomp" and c.i > clause.i
                         and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
            if that is not None:
                return that
        for prep in (c for c in verb.children if c.dep_ in ("prep", "npadvmod") and c.i > verb.i):
            # also on a time noun (`announced the same day that ...`) and on a participle inside
            # the adjunct (`said in an interview aired on Sunday that ...`)
            for t in prep.subtree:
                if t.pos_ in ("VERB", "AUX") and (
                        (t.dep_ in ("acl", "relcl") and t.head.pos_ in ("NOUN", "PROPN"))
                        or (t.dep_ in ("advcl", "ccomp") and t.head.dep_ in ("acl", "relcl"))) \
                        and any(c.dep_ == "mark" and c.lower_ == "that" and c.i < t.i for c in t.children) \
                        and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children):
                    return t
        return None

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
        # a clause before the verb is what was said unless a semicolon or dash parts them
        # ("Arab leaders demand an end to the war; Netanyahu vows to press on")
        left = [c for c in ccomps if c.i < verb.i
                and not any(t.text in (";", "—", "–") for t in doc[c.right_edge.i + 1:verb.i])]
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
        if content is None and "clause" in frames:
            content, pieces = self._comma_hole(verb, speaker_token, in_quote)
            frame = "parenthetical" if content is not None else frame
        if content is None and "clause" in frames:
            stranded = self._stranded_that(verb)
            if stranded is not None:
                content, frame = clause_span(stranded), "clause"
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
