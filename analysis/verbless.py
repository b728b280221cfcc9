"""Attributions with no verb of saying: `according to X`, `Name: ...` labels, `— Name` sign-offs,
and nouns of saying.

* **`according to X`**: the content is the rest of the sentence (the part before the phrase,
  or after it when it opens the sentence, or both parts when it interrupts one clause:
  `At the heart of it, according to X, was ...`).
* **Labels and sign-offs**: a paragraph that opens `Name: ...` (a headline such as
  `Senator Jane Roe: The Budget Deal Is a Betrayal`, or a transcript line) and a line
  closed by `— Name` (an embedded post, or a quotation signed on its own line).
* **Nouns of saying** with their speaker as possessor (`[nouns]`): `Washington's call for a
  ceasefire`, `the minister's claim that ...`.
"""

from __future__ import annotations

import logging

from spacy.tokens import Doc, Span, Token

from .cues import CueRules
from .quotes import paragraphs
from .statement import Statement
from .syntax import _DASHES, _has_verb, _is_mark, _trim_lead, _trim_span, _words, noun_phrase, subject_of

log = logging.getLogger(__name__)

# words that open a "Label: ..." line that is page furniture, not a speaker
_NOT_LABELS = {"related", "photo", "photos", "editor", "editors", "note", "update", "updated", "correction",
               "source", "sources", "name", "age", "city", "job", "pay", "tags", "topics", "read", "watch",
               "listen", "video", "image", "images", "getty", "credit", "subscribe", "sign", "follow", "email",
               "share", "advertisement", "q", "a", "by", "via", "see", "more", "also", "click", "contact",
               "published", "posted", "filed", "breaking", "live", "exclusive", "opinion", "analysis",
               "warning", "disclaimer", "copyright", "abstract", "summary", "context", "background"}


class Verbless(CueRules):
    """`according to`, labels, sign-offs and nouns of saying; `_find` in statements.py collects the
    candidate tokens (`self._according`, `self._noun_cues`) in its pass over the document."""

    def _according_to(self, doc: Doc, in_quote) -> list[Statement]:
        """`X, according to Y` / `According to Y, X`: the content is the rest of the sentence.

        With the phrase in mid-sentence, the content is the part before it (`... 20 points,
        according to polling by the union, even as ...`), or the part after it if the part
        before is too short to be a claim.
        """
        found = []
        for t in self._according:
            if t.lower_ != "according" or in_quote(t):
                continue
            if t.i + 1 >= len(doc) or doc[t.i + 1].lower_ != "to":
                continue
            to = doc[t.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            sent = self._sents.of(t.i)
            phrase_start = t.i
            phrase_end = max(to.right_edge.i, pobj.right_edge.i) + 1
            # the phrase ends at the next comma / dash outside its noun phrase
            before = _trim_span(doc[sent.start:phrase_start]) if phrase_start > sent.start else None
            after = _trim_span(doc[phrase_end:sent.end]) if phrase_end < sent.end else None
            before_words = _words(before) if before is not None else []
            after_words = _words(after) if after is not None else []
            pieces = []
            root = sent.root
            if before_words and len(after_words) >= 2 and after.start <= root.i < after.end \
                    and doc[phrase_end].text in (",", "-", "—", "–") and doc[phrase_start - 1].text in (",", "-", "—", "–"):
                # "At the heart of the trouble, according to X, was a decision ...": the phrase interrupts
                # one clause, whose two parts are what X says
                after = self._trim_asides(after, in_quote)
                content = doc[before.start:after.end]
                pieces = [(before.start_char, before.end_char), (after.start_char, after.end_char)]
            elif len(before_words) >= 4:
                content = self._trim_asides(before, in_quote)
            elif len(after_words) >= 3:
                content = self._trim_asides(after, in_quote)
            else:
                continue
            if any(_is_mark(x) for x in content) and any(self._is_cue_verb(x, quote=True) for x in content
                                                          if not in_quote(x)):
                continue  # "'...,' X said, according to a pool report": the statement is X's
            if not pieces:
                content = _trim_lead(content)
            found.append(Statement(cue=doc[t.i : to.i + 1], content=content, speaker=noun_phrase(pobj),
                                   kind="according_to", frame="according_to", confidence=0.8, content_pieces=pieces))
        return found

    # -- noun cues ---------------------------------------------------------

    def _nouns(self, doc: Doc, in_quote) -> list[Statement]:
        """`Trump's call for a ban`, `the minister's claim that ...`, `criticism of the plan by X`:
        a noun of saying (`[nouns]` in data/cues.toml) whose possessor (or `by` / `from` phrase)
        names the speaker and whose complement is what was said."""
        found = []
        nouns = self.cues["nouns"]
        for noun in self._noun_cues:
            frames = nouns.get(noun.lower_) or nouns.get(noun.lemma_.lower())
            if frames is None or noun.pos_ != "NOUN" or in_quote(noun):
                continue
            try:
                st = self._from_noun(noun, frames, in_quote)
            except Exception:
                log.debug("noun cue skipped", exc_info=True)
                continue
            if st is not None:
                found.append(st)
        return found

    def _from_noun(self, noun: Token, frames: set[str], in_quote) -> Statement | None:
        doc = noun.doc
        speaker = next((c for c in noun.children if c.dep_ == "poss"), None)
        if speaker is None:
            speaker = next((p for c in noun.rights if c.dep_ == "prep" and c.lower_ in ("by", "from")
                            for p in c.children if p.dep_ == "pobj"), None)
        if speaker is None or in_quote(speaker) or speaker.lower_ in ("its", "my", "your", "our"):
            return None
        if not (self._agentive(speaker) or speaker.lower_ in ("his", "her", "their")):
            return None
        content = None
        for c in noun.rights:
            if c.dep_ in ("acl", "ccomp", "relcl") and c.pos_ in ("VERB", "AUX"):
                that = next((m for m in c.children if m.lower_ == "that" and m.dep_ == "mark"), None)
                to = next((m for m in c.children if m.dep_ == "aux" and m.lower_ == "to"), None)
                if that is not None and "that" in frames and that.i == c.left_edge.i:
                    content = doc[that.i + 1:c.right_edge.i + 1]
                elif to is not None and "infinitive" in frames and to.i == c.left_edge.i:
                    content = doc[to.i:c.right_edge.i + 1]
            elif c.dep_ == "prep" and c.lower_ in frames and c.lower_ not in ("by", "from"):
                obj = next((x for x in c.children if x.dep_ in ("pobj", "pcomp")), None)
                if obj is not None:
                    content = doc[c.i + 1:c.right_edge.i + 1]
            if content is not None:
                break
        if content is None:
            return None
        content = self._trim_asides(_trim_span(content), in_quote)
        if len(_words(content)) < 2 and not any(t.pos_ in ("PROPN", "NOUN") for t in content):
            return None
        kind = "belief" if "belief" in frames else ("mixed" if any(in_quote(t) for t in content) else "indirect")
        who = noun_phrase(speaker)
        while len(who) > 1 and who[-1].dep_ == "case":
            who = who[:-1]  # "Trump's" -> "Trump"
        return Statement(cue=doc[noun.i:noun.i + 1], content=content, speaker=who, kind=kind,
                         frame="noun", confidence=0.6)

    def _signoffs(self, doc: Doc, in_quote) -> list[Statement]:
        """A dash and a name closing a paragraph: an embedded post (`text — Name (@handle) June 5, 2016`)
        or a quotation signed on its own line (`"..."` then `- Jane Roe.`)."""
        found = []
        # lines, not paragraphs: a list of signed quotations often puts one on each line
        paras = [(a + len(line) - len(line.lstrip()), a + len(line.rstrip())) for a, line in _lines(self._text)
                 if line.strip()]
        for n, (p_start, p_end) in enumerate(paras):
            span = doc.char_span(p_start, p_end, alignment_mode="expand")
            if span is None or len(span) < 2:
                continue
            dash = next((t for t in reversed(span) if t.text in _DASHES or t.text == "-"), None)
            if dash is None or in_quote(dash) or span.end - dash.i > 16 or dash.i + 1 >= span.end:
                continue
            tail = doc[dash.i + 1:span.end]
            name = _leading_name(tail)
            if name is None or any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in tail):
                continue
            if dash.i > span.start:
                body = _trim_span(doc[span.start:dash.i])
                if dash.i > span.start and doc[dash.i - 1].is_alpha and not doc[dash.i - 1].whitespace_:
                    continue  # a hyphen inside a word
            elif n > 0:
                prev = doc.char_span(*paras[n - 1], alignment_mode="expand")
                if prev is None or not all(in_quote(t) or _is_mark(t) or t.is_space or t.is_punct for t in prev):
                    continue  # a signature line signs only a quotation standing on its own
                body = _trim_span(prev)
            else:
                continue
            if len(_words(body)) < 4:
                continue
            kind = "direct" if any(in_quote(t) for t in body) else "indirect"
            found.append(Statement(cue=doc[dash.i:dash.i + 1], content=body, speaker=name, kind=kind,
                                   frame="signoff", confidence=0.7))
        return found

    def _labels(self, doc: Doc, in_quote) -> list[Statement]:
        """`Senator Jane Roe: The Budget Deal Is a Betrayal` (headline) and `ANCHOR: ...` (transcript):
        a paragraph that opens with a name and a colon states what that speaker said."""
        found = []
        people = {w for e in doc.ents if e.label_ in ("PERSON", "ORG") for w in (e.text, e[-1].text)}
        for p_start, p_end in paragraphs(self._text):
            span = doc.char_span(p_start, p_end, alignment_mode="expand")
            if span is None or len(span) < 6:
                continue
            colon = next((t for t in span[:8] if t.text == ":"), None)
            if colon is None or colon.i == span.start or in_quote(colon):
                continue
            name = doc[span.start:colon.i]
            rest = _trim_span(doc[colon.i + 1:span.end])
            if len(name) > 6 or len(_words(rest)) < 4 or not _has_verb(rest):
                continue
            if name[0].lower_ in _NOT_LABELS or any(t.ent_type_ in ("GPE", "LOC", "DATE", "TIME", "CARDINAL",
                                                                     "MONEY", "PERCENT", "FAC") for t in name):
                continue
            # a title-case word the parser misread (`Merkel: Europe Must ...` tags `Merkel` a noun) is a
            # name when the article names that person or organisation elsewhere
            is_name = all((t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP") or (t.is_upper and t.is_alpha)
                           or (t.is_title and t.text in people))
                          or t.is_punct or t.lower_ in ("of", "the", "'s", "’s") for t in name)
            if not is_name or not (any(t.ent_type_ in ("PERSON", "ORG", "NORP") or (t.is_upper and len(t) > 1)
                                       for t in name) or name.text in people):
                continue  # a name the article also names as a person or organisation elsewhere counts
            if any(self._is_cue_verb(t) and subject_of(t) is not None and not in_quote(t) for t in rest):
                continue  # "KYIV: Ukraine said ...": a dateline, and the report names its own speaker
            kind = "direct" if _is_mark(rest[0]) else "indirect"
            found.append(Statement(cue=doc[colon.i:colon.i + 1], content=rest, speaker=_trim_span(name), kind=kind,
                                   frame="label", confidence=0.6))
        return found


def _leading_name(tail: Span) -> Span | None:
    """The name a sign-off line starts with: a person or organisation, or a run of proper nouns."""
    doc = tail.doc
    i = tail.start
    while i < tail.end and (doc[i].is_space or doc[i].is_punct):
        i += 1
    start = i
    while i < tail.end and i - start < 5 and (doc[i].pos_ == "PROPN" or doc[i].ent_type_ in ("PERSON", "ORG")
                                               or (doc[i].text in (".", "-") and i > start and doc[i].whitespace_ == "")):
        i += 1
    if i == start or not any(t.ent_type_ in ("PERSON", "ORG", "NORP") or t.pos_ == "PROPN" for t in doc[start:i]):
        return None
    return _trim_span(doc[start:i])


def _lines(text: str) -> list[tuple[int, str]]:
    """(start, line) for each line of a text."""
    out, start = [], 0
    for line in text.split("\n"):
        out.append((start, line))
        start += len(line) + 1
    return out
