"""Direct speech: which verb and speaker a quotation (quotes.find_quotations) belongs to.

1. **Quotations with a cue of their own.** A cue verb (data/cues.toml) attributes a quotation when

   * the quotation lies in the verb's complement (`X said: "..."`, `"...," X said`), or the
     verb hangs off the quotation as a parenthetical (`"...," he said, "..."`), or
   * only the verb's own words lie between them: its subject, its adjuncts and punctuation
     (`"...," said Jan Novak, a senior adviser, on Tuesday`; `X told reporters: "..."`).

   A quotation that is only part of the reported clause makes a *mixed* statement whose
   content is the whole clause or object (`X said the plan was "a dangerous escalation"`,
   `X called the plan "reckless"`). Two quotations on one cue are one statement in two
   pieces (`"We will," he said, "but not now."`). A quotation over several paragraphs is one
   quotation already (see quotes.py). A short quotation with no verb is a scare-quoted term,
   not a statement (`_SCARE`).
2. **Colon introductions**: a quotation with no cue of its own after a sentence (or
   paragraph) that ends `X said:` / `In a statement, the ministry said:`.
3. **Continuations and floating quotations**: a whole-sentence quotation with no cue is
   the previous statement's speaker talking on, when nothing intervenes: in the same
   paragraph it joins that statement (`"A," X said. "B."` is one statement); in the next
   paragraph it is a statement of its own (frame `floating`) with the same speaker and cue.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .cues import CueRules
from .quotes import Quotation, paragraphs
from .statement import Statement
from .syntax import (_SENT_END, _cue_span, _descends, _has_verb, _is_mark, _overlaps, _trim_span, _words,
                     clause_span, noun_phrase, subject_of)


class _Scare:  # marker: a quotation that is not a statement and must not float
    pass


_SCARE = _Scare()


class DirectSpeech(CueRules):
    """Quotations and the frames that attribute them; `_find` in statements.py sets `self._sents`,
    `self._text` and, for each document, which token lies in which quotation."""

    def _window(self, doc: Doc, q: Quotation, qi: int, qof: list[int]) -> tuple[list[Token], list[Token], Span]:
        """Tokens of the reporting frame before and after a quotation, and the quotation's span.

        Before: back to the previous sentence end, paragraph start or quotation. After: up to
        the next sentence end, paragraph end or quotation. spaCy's own sentence split is not
        used: it often cuts `"...," he said.` after the closing mark.
        """
        content = doc.char_span(q.start, q.end, alignment_mode="expand")
        if content is None or len(content) == 0:
            raise ValueError("quotation does not align with tokens")
        first, last = content.start, content.end - 1
        before: list[Token] = []
        i = first - 1
        while i >= 0 and (qof[i] == qi or _is_mark(doc[i])):
            i -= 1  # the opening mark
        while i >= 0:
            t = doc[i]
            if qof[t.i] >= 0 or "\n" in t.text or "\n" in t.whitespace_ or (t.text in _SENT_END and t.i < first - 1):
                break
            if not _is_mark(t):
                before.append(t)
            i -= 1
        before.reverse()
        after: list[Token] = []
        i = last + 1
        while i < len(doc) and (qof[i] == qi or _is_mark(doc[i])):
            if "\n" in doc[i].whitespace_:
                return before, after, content
            i += 1  # the closing mark
        while i < len(doc):
            t = doc[i]
            if qof[t.i] >= 0 or "\n" in t.text:
                break
            if not _is_mark(t):
                after.append(t)
            if t.text in _SENT_END or "\n" in t.whitespace_:
                break
            i += 1
        return before, after, content

    def _from_quotation(self, doc: Doc, q: Quotation, qi: int, qof: list[int], in_quote):
        before, after, content = self._window(doc, q, qi, qof)
        qtokens = [t for t in content if qof[t.i] == qi and not _is_mark(t)]
        if not qtokens:
            return _SCARE
        confidence = 0.9 if q.closed else 0.7
        nwords = q.words(self._text)
        # candidate cues: the frame around the quotation, and the sentence it sits in
        first_sent, last_sent = self._sents.of(content.start), self._sents.of(content.end - 1)
        sent_tokens = [t for t in first_sent if not in_quote(t)] + (
            [t for t in last_sent if not in_quote(t)] if last_sent.start != first_sent.start else [])
        candidates = {t.i: t for t in before + after + sent_tokens if self._is_cue_verb(t, quote=True)}
        best, best_key, best_how = None, None, None
        for t in candidates.values():
            if self._speaker_token(t, in_quote) is None:
                continue
            how = self._link(t, qtokens, content, before, after, in_quote)
            if how is None:
                continue
            distance = content.start - t.i if t.i < content.start else t.i - content.end
            key = (0 if how != "adjacent" else 1, distance)
            if best_key is None or key < best_key:
                best, best_key, best_how = t, key, how
        if best is None:
            outside = _words(before) + _words(after)
            return None if len(outside) <= 3 and nwords >= 3 else _SCARE
        cue = best
        speaker = noun_phrase(self._speaker_token(cue, in_quote))
        # a quotation inside a reported clause or object: the statement is the whole of it
        comp = self._complement_containing(cue, qtokens)
        if comp is not None:
            span = comp
            extra = _words(t for t in span if not in_quote(t))
            if len(extra) >= 2 and not (span.start <= speaker.start < span.end):
                frame = "clause" if best_how == "clause" else "object"
                return Statement(cue=_cue_span(cue), content=span, speaker=speaker, kind="mixed", frame=frame,
                                 confidence=confidence - 0.05, pieces=list(q.pieces))
        if nwords < 4 and not _has_verb(qtokens) and not self._interrupted(doc, content, cue):
            return _SCARE  # a scare-quoted term, not a statement
        lead = self._lead_in(doc, cue, speaker, content, before, in_quote)
        if lead is not None:
            # "These employees, Stumpf explained, were "well-paid"": the words before the attribution
            # begin the clause the quotation ends
            lead, rest = lead
            return Statement(cue=_cue_span(cue), content=doc[lead.start:content.end], speaker=speaker, kind="mixed",
                             frame="quote", confidence=confidence - 0.05, pieces=list(q.pieces),
                             content_pieces=[(lead.start_char, lead.end_char), (rest, content.end_char)])
        if best_how == "adjacent" and cue.i < content.start and len(_words(before)) > 12:
            return _SCARE  # a long lead-in: the quotation is a phrase used in passing
        return Statement(cue=_cue_span(cue), content=content, speaker=speaker, kind="direct",
                         frame="quote", confidence=confidence, pieces=list(q.pieces))

    def _lead_in(self, doc: Doc, cue: Token, speaker: Span, content: Span, before: list[Token], in_quote) -> Span | None:
        """`X, SPEAKER said, "..."` where X is the start of what is quoted (not the occasion: `In a
        statement, the ministry said, "..."`, `On Tuesday, ...`, `Speaking at a rally, ...`)."""
        if not before or cue.i > content.start or speaker.start <= before[0].i:
            return None
        if doc[speaker.start - 1].text != ",":
            return None
        between = [t for t in before if t.i > cue.i]
        comma = next((t for t in between if t.text == ","), None)
        if comma is None or any(not t.is_punct and (t.pos_ in ("VERB", "AUX") or not _descends(t, cue))
                                for t in between if t.i < comma.i):
            return None  # the attribution ends at a comma, with only its own words before it
        rest = [t for t in between if t.i > comma.i and not (t.is_punct or _is_mark(t))]
        if len(rest) > 3 or any(self._is_cue_verb(t) for t in rest):
            return None
        lead = _trim_span(doc[before[0].i:speaker.start - 1])
        words = _words(lead)
        if len(words) < 2 or any(in_quote(t) for t in lead):
            return None
        first = words[0] if words[0].lower_ not in ("but", "and", "so", "yet") else (words[1] if len(words) > 1 else words[0])
        if first.dep_ == "prep" or first.tag_ in ("VBG", "VBN") or first.ent_type_ in ("DATE", "TIME") \
                or first.lower_ in ("later", "earlier", "then", "now", "asked", "speaking", "however", "instead", "still"):
            return None  # the occasion, not the words
        if any(self._is_cue_verb(t) for t in lead):
            return None  # another statement of its own
        return lead, (rest[0].idx if rest else content.start_char)

    @staticmethod
    def _interrupted(doc: Doc, content: Span, cue: Token) -> bool:
        """`"That, unfortunately," he said, "is ..."`: the frame is followed by a comma and a quotation."""
        if cue.i < content.end:
            return False
        i = cue.i + 1
        while i < len(doc) and i < cue.i + 8 and doc[i].text not in _SENT_END:
            if _is_mark(doc[i]) and doc[i - 1].text in (",", ":"):
                return True
            i += 1
        return False

    def _link(self, cue: Token, qtokens: list[Token], content: Span, before, after, in_quote) -> str | None:
        """How a cue verb attributes a quotation: 'clause', 'object', 'parataxis', 'adjacent', or None."""
        qset = {t.i for t in qtokens}
        subj = subject_of(cue)
        if subj is not None and subj.left_edge.i <= min(qset) and max(qset) <= subj.right_edge.i:
            return None  # the quotation is part of the speaker's description
        if cue.i > max(qset) and any(c.dep_ == "ccomp" and c.i > cue.i and not in_quote(c) for c in cue.children) and not any(
                c.dep_ == "ccomp" and _overlaps(c, qset) for c in cue.children):
            return None  # "X, citing "...", said [that ...]": the verb reports what follows it
        if cue.i > max(qset) and content.text.rstrip()[-1:] in ".!?" and any(
                c.dep_ in ("ccomp", "dobj", "xcomp") and c.i > cue.i and not in_quote(c) for c in cue.children):
            return None  # '"A joke." Delegates also criticised the deal': a sentence of its own after it
        for child in cue.children:
            if child.dep_ in ("ccomp", "parataxis", "xcomp", "dep", "advcl", "conj") and _overlaps(child, qset):
                if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and any(
                        c.dep_ == "nsubj" and not in_quote(c) for c in child.children):
                    continue  # a coordinated clause with its own speaker
                return "clause"
            if child.dep_ in ("dobj", "oprd", "attr", "npadvmod", "dative") and _overlaps(child, qset):
                return "object"
            if child.dep_ == "prep" and child.lower_ in ("for", "on", "of", "about") and _overlaps(child, qset):
                return "object"
        if cue.head.i in qset and cue.dep_ in ("parataxis", "ccomp", "advcl", "conj", "dep", "ROOT"):
            return "parataxis"
        # adjacency: only the cue's own words (subject, adjuncts, aux) and punctuation in between
        if cue.i >= content.end:
            if cue.tag_ == "VBG":
                return None  # "..., adding, "..."": a participle introduces what follows it
            between = [t for t in after if t.i < cue.i]
        elif cue.i < content.start:
            between = [t for t in before if t.i > cue.i]
        else:
            return None
        if cue not in before and cue not in after:
            return None
        # a capitalised word the parser left out of the speaker's name ('"...," Tulsa police Chief
        # Chuck Jordan said', with "Tulsa" taken for a verb) belongs to it when it runs into it
        name_start = subj.left_edge.i if subj is not None and subj.i < cue.i else cue.i
        doc = cue.doc
        while name_start > 0 and doc[name_start - 1].is_title and not _is_mark(doc[name_start - 1]) \
                and name_start - 1 > content.end - 1:
            name_start -= 1
        for t in between:
            if t.is_punct or t.is_space or _is_mark(t):
                continue
            if t.i >= name_start and t.i < cue.i and subj is not None and subj.i < cue.i:
                continue
            if t.lower_ in ("but", "and") and t.i > cue.i and cue.i < content.start:
                continue  # '"A," he said, but "B."'

            if t.pos_ in ("VERB", "AUX") and t.head != cue:
                return None  # another clause sits between them
            if not _descends(t, cue):
                return None
        return "adjacent"

    def _complement_containing(self, cue: Token, qtokens: list[Token]) -> Span | None:
        """The reported clause or object of `cue` that holds the quotation, if it holds more than it."""
        qset = {t.i for t in qtokens}
        frames = self._frames(cue)
        for child in cue.children:
            if child.dep_ == "ccomp" and _overlaps(child, qset):
                return clause_span(child)
        if "object" in frames or "infinitive" in frames:
            comps = [c for c in cue.children if c.dep_ in ("dobj", "oprd", "xcomp", "dative", "ccomp")
                     or (c.dep_ == "prep" and c.lower_ in ("for", "on") and not self._adjunct(cue, c))]
            comps = [c for c in comps if c.i > cue.i]
            if comps and any(_overlaps(c, qset) for c in comps):
                start = min(c.left_edge.i for c in comps)
                end = max(c.right_edge.i for c in comps) + 1
                if any(c.dep_ == "prep" for c in comps) and start == min(c.i for c in comps if c.dep_ == "prep"):
                    start += 1  # "called for [...]": content starts after the preposition
                return _trim_span(cue.doc[start:end])
        return None

    # -- quotations with no cue of their own -----------------------------------

    def _attach_uncued(self, doc: Doc, q: Quotation, qi: int, qof: list[int], statements: list[Statement],
                       para_of, in_quote) -> None:
        before, after, content = self._window(doc, q, qi, qof)
        intro = self._colon_intro(doc, content, before, in_quote)
        if intro is not None:
            statements.append(Statement(cue=_cue_span(intro), content=content,
                                        speaker=noun_phrase(self._speaker_token(intro, in_quote)),
                                        kind="direct", frame="colon", confidence=(0.85 if q.closed else 0.65),
                                        pieces=list(q.pieces)))
            return
        if _words(before) or len(_words(after)) > 2:
            return
        earlier = [s for s in statements if s.content.end <= content.start and s.cue.end <= content.start
                   and s.kind != "according_to"]
        if not earlier:
            return
        previous = max(earlier, key=lambda s: max(s.content.end, s.cue.end, s.speaker.end if s.speaker is not None else 0))
        if previous.kind != "direct":
            # `"A," she said, adding that ... . "B."`: B goes on from the quotation, not the participle
            cue_sent = self._sents.of(previous.cue.start).start
            same = [s for s in earlier if s.kind == "direct" and self._sents.of(s.cue.start).start == cue_sent]
            if same:
                previous = max(same, key=lambda s: s.content.end)
        if previous.speaker is None or not _nothing_between(doc, previous, content, qof, qi):
            return
        same_paragraph = para_of(previous.content.end_char - 1) == para_of(content.start_char)
        if same_paragraph:
            _continue(previous, q, content, doc)
            return
        if para_of(content.start_char) - para_of(max(previous.content.end_char, previous.cue.end_char) - 1) > 1:
            return
        line = self._text[self._text.rfind("\n", 0, content.start_char) + 1:].split("\n", 1)[0].strip()
        if line.strip("'\"‘’“” ") == content.text.strip() and content.text.rstrip()[-1:] not in ".!?,;:…" \
                and len(_words(content)) <= 6:
            return  # a quoted crosshead on a line of its own ('A paltry sum'), not more words of the speaker
        statements.append(Statement(cue=previous.cue, content=content, speaker=previous.speaker, kind="direct",
                                    frame="floating", confidence=(0.65 if q.closed else 0.5),
                                    pieces=list(q.pieces)))

    def _colon_intro(self, doc: Doc, content: Span, before: list[Token], in_quote) -> Token | None:
        """`X said:` ending the sentence (or paragraph) just before the quotation."""
        i = content.start - 1
        while i >= 0 and (_is_mark(doc[i]) or doc[i].is_space):
            i -= 1
        if i < 0 or doc[i].text != ":" or in_quote(doc[i]):
            return None
        start = i
        while start > 0 and not in_quote(doc[start - 1]) and doc[start - 1].text not in _SENT_END \
                and "\n" not in doc[start - 1].text and (start == i or "\n" not in doc[start - 1].whitespace_):
            start -= 1
        verbs = [t for t in doc[start:i] if self._is_cue_verb(t, quote=True) and self._speaker_token(t, in_quote)]
        verbs = [t for t in verbs if not any(c.dep_ in ("ccomp", "dobj") and c.i < i for c in t.children)
                 or t.lemma_.lower() in ("tell", "ask")]
        return verbs[-1] if verbs else None


def _mask(n: int, quotations: list[Quotation]) -> list[bool]:
    inside = [False] * (n + 1)
    for q in quotations:
        for s, e in q.marks:
            for i in range(max(s, 0), min(e, n)):
                inside[i] = True
        for s, e in q.pieces:
            for i in range(max(s, 0), min(e, n)):
                inside[i] = True
    return inside


def _paragraph_index(text: str):
    starts = [s for s, _ in paragraphs(text)] or [0]
    import bisect

    def para_of(char: int) -> int:
        return bisect.bisect_right(starts, max(char, 0)) - 1
    return para_of


def _nothing_between(doc: Doc, previous: Statement, content: Span, qof: list[int], qi: int) -> bool:
    """True when only the rest of the previous statement's sentence (or nothing) lies between it and
    `content`: `"...," a NATO official said on condition of anonymity. "..."`."""
    gap_start = max(previous.content.end, previous.cue.end, previous.speaker.end if previous.speaker is not None else 0)
    if gap_start > content.start:
        return False
    between = doc[gap_start:content.start]
    words = _words(between)
    if words:
        first_break = next((t.i for t in between if t.text in _SENT_END and qof[t.i] < 0), None)
        if first_break is None or any(t.i > first_break for t in words):
            return False
        if any(t.pos_ in ("VERB", "AUX") and t.dep_ == "conj" and t.head == previous.cue.root
               and any(c.dep_ in ("nsubj", "nsubjpass") and c.i >= gap_start for c in t.children) for t in words):
            return False  # "..., and her husband cut in.": someone else speaks next
    text = between.text if len(between) else ""
    return text.count("\n\n") <= 1


def _continue(previous: Statement, q: Quotation, content: Span, doc: Doc) -> None:
    """A quotation that goes on after the attribution: `"A," X said. "B."` -> one statement."""
    if not previous.content_pieces:
        previous.content_pieces = [(previous.content.start_char, previous.content.end_char)]
    previous.content_pieces.append((content.start_char, content.end_char))
    previous.pieces.extend(q.pieces)
    previous.content = doc[min(previous.content.start, content.start):max(previous.content.end, content.end)]


def _join(merged: Statement, st: Statement, doc: Doc) -> None:
    """Two quotations on one cue: `"We will," he said, "but not now."`."""
    if not merged.content_pieces:
        merged.content_pieces = [(merged.content.start_char, merged.content.end_char)]
    merged.content_pieces.append((st.content.start_char, st.content.end_char))
    merged.content_pieces.sort()
    merged.pieces.extend(st.pieces)
    merged.pieces.sort()
    lo, hi = min(merged.content.start, st.content.start), max(merged.content.end, st.content.end)
    merged.content = doc[lo:hi]
