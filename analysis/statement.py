"""The `Statement` record and `Doc._.statements`: one act of saying, with cue, content and speaker.

demarche_statements (statements.py) creates them; the later components (speakers, dates, actors,
issues, stance) fill in their own fields, so every stage reads and writes one record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

if not Doc.has_extension("statements"):
    Doc.set_extension("statements", default=None)
if not Doc.has_extension("quotations"):
    Doc.set_extension("quotations", default=None)  # quotes.Quotation list, set by demarche_statements


@dataclass
class Statement:
    """One act of saying. Later components fill in speakers, actors, issues, stance and date."""

    cue: Span
    content: Span
    speaker: Span | None
    kind: str  # direct | indirect | mixed | according_to | act | belief
    frame: str  # quote | clause | infinitive | object | according_to | floating | colon | parenthetical
    #             | label | signoff | act | noun | passive
    confidence: float
    pieces: list[tuple[int, int]] = field(default_factory=list)  # quoted words, char offsets
    speakers: list = field(default_factory=list)  # speakers.Speaker, one per conjunct
    actors: list = field(default_factory=list)  # actors.ActorRef, one per speaker that resolves
    issues: list = field(default_factory=list)  # issues.IssueMatch
    suggested_label: str = ""  # for a statement no issue matched, from its own words
    stances: dict = field(default_factory=dict)  # issue id -> stance.Stance
    date: object = None  # datetime.date | None
    date_source: str = "unknown"
    date_how: str = ""  # own, inherited, narrative, event or published: how dates.py found the date
    date_text: str = ""
    content_pieces: list[tuple[int, int]] = field(default_factory=list)  # char offsets of the content
    # without the attribution in between ("A," X said. "B." -> A and B); empty = the content span

    @property
    def quote(self) -> str:
        """The words of the statement: the quoted pieces if any, else the reported content."""
        if self.kind == "direct" and self.pieces:
            text = self.content.doc.text  # rebuilt from the tokens: only when needed
            return " … ".join(text[s:e] for s, e in self.pieces)
        return self.content.text

    @property
    def sentence(self) -> Span:
        doc = self.content.doc
        starts = [self.content.start, self.cue.start] + ([self.speaker.start] if self.speaker is not None else [])
        ends = [self.content.end, self.cue.end] + ([self.speaker.end] if self.speaker is not None else [])
        return doc[doc[min(starts)].sent.start : doc[max(ends) - 1].sent.end]

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Character pieces of the content (for benchmarks: excludes an interrupting attribution)."""
        if self.content_pieces:
            return list(self.content_pieces)
        if self.kind == "direct" and len(self.pieces) > 1:
            return list(self.pieces)  # a quotation over several paragraphs
        return [(self.content.start_char, self.content.end_char)]
