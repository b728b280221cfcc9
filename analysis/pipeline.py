"""Articles in, rows out: run the spaCy pipeline over a batch and flatten each Doc to rows.

One row per (statement, actor, issue): a statement by `Poland and the Czech Republic` about
two issues gives four rows. A statement about no codebook issue gives an `unclassified` row;
a speaker who speaks for no state or organisation gives a row with actor_kind `other`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from . import schema
from .articles import Article
from .nlp import make_doc, shared_nlp
from .schema import ATTRIBUTION_KINDS, UNCLASSIFIED

BATCH_SIZE = 16


def docs_for(articles: list[Article], nlp: Language | None = None) -> Iterator[tuple[Article, Doc]]:
    """Analysed Docs for articles, batched through `nlp.pipe`."""
    nlp = nlp or shared_nlp()
    docs = (make_doc(nlp, a.text, a.published, a.id) for a in articles)
    yield from zip(articles, nlp.pipe(docs, batch_size=BATCH_SIZE))


def rows_from_doc(doc: Doc, article: Article) -> list[dict]:
    """The positions rows for one analysed article."""
    rows = []
    for st in doc._.statements or []:
        if st.kind == "belief":
            continue  # what someone is said to fear or expect is not a position they took
        actors = st.actors or [None]
        issues = st.issues or [None]
        seen: set[tuple[str, str]] = set()
        for ref in actors:
            code = ref.code if ref is not None else ""
            sp = ref.speaker if ref is not None else None
            mention = sp.mention if sp is not None else st.speaker
            # speakers with no actor stay apart: the row key names the mention instead
            key = code or f"@{mention.start_char if mention is not None else -1}:{sp.name if sp is not None else ''}"
            for match in issues:
                issue = match.issue if match is not None else UNCLASSIFIED
                if (key, issue) in seen:
                    continue
                seen.add((key, issue))
                stance = st.stances.get(issue)
                rows.append({
                    "row_id": schema.row_id(article.id, st.content.start_char, st.content.end_char, key, issue),
                    "article_id": article.id,
                    "title": article.title,
                    "source": article.source,
                    "url": article.url,
                    "published": article.published.isoformat() if article.published else None,
                    "actor": code,
                    "actor_name": ref.name if ref is not None else "",
                    "actor_kind": ref.kind if ref is not None else "other",
                    "speaker": sp.name if sp is not None else (st.speaker.text if st.speaker is not None else ""),
                    "speaker_role": ((sp.role if sp is not None else None) or (ref.role if ref is not None else None) or ""),
                    "issue": issue,
                    "issue_label": match.label if match is not None else st.suggested_label,
                    "stance": stance.label if stance is not None else "neutral",
                    "stance_score": stance.score if stance is not None else 0.0,
                    "stance_cue": stance.cue if stance is not None else "",
                    "date": st.date.isoformat() if st.date else None,
                    "date_source": st.date_source,
                    "kind": st.kind,
                    "quote": st.quote,
                    "content_start": st.content.start_char,
                    "content_end": st.content.end_char,
                    "speaker_start": mention.start_char if mention is not None else -1,
                    "speaker_end": mention.end_char if mention is not None else -1,
                    "cue": st.cue.text,
                    "sentence": st.sentence.text.strip(),
                    "confidence": round(st.confidence * (1.0 if ref is not None and ref.code else 0.8), 3),
                })
    return rows


def learned_aliases(doc: Doc, article: Article) -> list[dict]:
    """Names this article tied to a state or organisation, for use across the corpus."""
    return [{"alias": alias, "actor": code, "role": role or "", "article_id": article.id}
            for alias, (code, role) in (doc._.learned_aliases or {}).items()]


def analyse(articles: Iterable[Article], nlp: Language | None = None, aliases: pd.DataFrame | None = None
            ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(positions rows, learned aliases) for a batch of articles.

    `aliases` (from the store: alias, actor, source) teach the actor resolver names
    analysts entered or other articles introduced.
    """
    nlp = nlp or shared_nlp()
    # always set, so one call's aliases never leak into the next on the shared pipeline
    nlp.get_pipe("demarche_actors").set_aliases(aliases.to_dict("records") if aliases is not None else [])
    rows, learned = [], []
    for article, doc in docs_for(list(articles), nlp):
        rows.extend(rows_from_doc(doc, article))
        learned.extend(learned_aliases(doc, article))
    return schema.frame(rows), pd.DataFrame(learned, columns=["alias", "actor", "role", "article_id"])


def extract(articles: Iterable[Article], nlp: Language | None = None) -> pd.DataFrame:
    """The positions table for a batch of articles (no store involved)."""
    return analyse(articles, nlp)[0]


def attributions(records: Iterable[dict], nlp: Language | None = None) -> Iterator[dict]:
    """Benchmark output: per record {"id", "attributions": [{source, cue, content, speaker, kind}]},
    character offsets into the record's own text."""
    nlp = nlp or shared_nlp()
    records = list(records)
    docs = (make_doc(nlp, r.get("text") or "", None, r.get("id")) for r in records)
    for record, doc in zip(records, nlp.pipe(docs, batch_size=BATCH_SIZE)):
        out = []
        for st in doc._.statements or []:
            if st.kind not in ATTRIBUTION_KINDS:
                continue  # official acts are positions, not attributions
            out.append({
                "source": [st.speaker.start_char, st.speaker.end_char] if st.speaker is not None else None,
                "cue": [st.cue.start_char, st.cue.end_char],
                "content": [st.content.start_char, st.content.end_char],
                "content_spans": [list(p) for p in st.spans],
                "speaker": st.speakers[0].name if st.speakers else (st.speaker.text if st.speaker is not None else None),
                "kind": st.kind,
            })
        yield {"id": record.get("id"), "attributions": out}
