"""Shared fixtures: a small hand-made positions table and an SQLite store holding it."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analysis import schema
from analysis.articles import Article

# (article id, published, title, [(actor, actor_name, actor_kind, speaker, role, issue, issue_label, stance, score, date, quote)])
SAMPLE = [
    ("a1", "2024-03-01", "Europe split over Ukraine aid", [
        ("FRA", "France", "state", "Emmanuel Macron", "President", "ukraine_aid", "Military aid to Ukraine",
         "support", 0.8, "2024-03-01", "We will keep supporting Ukraine for as long as it takes"),
        ("HUN", "Hungary", "state", "Viktor Orban", "Prime Minister", "ukraine_aid", "Military aid to Ukraine",
         "oppose", -0.7, "2024-03-01", "More weapons will only prolong the war"),
        ("DEU", "Germany", "state", "Olaf Scholz", "Chancellor", "ukraine_aid", "Military aid to Ukraine",
         "support", 0.5, "2024-02-29", "Germany stands by its commitments"),
        ("", "", "other", "Jane Doe", "analyst", "ukraine_aid", "Military aid to Ukraine",
         "oppose", -0.4, "2024-03-01", "The package faces a difficult vote"),
    ]),
    ("a2", "2024-03-05", "NATO chief urges allies to deliver", [
        ("NATO", "NATO", "organisation", "Jens Stoltenberg", "Secretary General", "ukraine_aid",
         "Military aid to Ukraine", "support", 0.9, "2024-03-05", "Allies must deliver what they promised"),
        ("DEU", "Germany", "state", "a government spokesman", "spokesman", "ukraine_aid", "Military aid to Ukraine",
         "oppose", -0.5, "2024-03-04", "Taurus missiles will not be sent"),
        ("FRA", "France", "state", "Stephane Sejourne", "Foreign Minister", "climate_finance", "Climate finance",
         "neutral", 0.0, "2024-03-05", "The climate fund will be discussed in June"),
        ("HUN", "Hungary", "state", "Peter Szijjarto", "Foreign Minister", "unclassified", "migration quotas",
         "oppose", -0.6, "", "Hungary will never accept migration quotas"),
    ]),
]


def positions(base: dict, specs) -> pd.DataFrame:
    """A typed positions frame from rows that name only what differs from `base`; each row gets
    content offsets of its own and the row_id they give."""
    out = []
    for i, spec in enumerate(specs):
        row = {**base, "content_start": i * 10, "content_end": i * 10 + 5, **spec}
        row["row_id"] = schema.row_id(row["article_id"], row["content_start"], row["content_end"], row["actor"], row["issue"])
        out.append(row)
    return schema.frame(out)


def _sample():
    articles, rows = [], []
    for article_id, published, title, statements in SAMPLE:
        text = title + ". " + " ".join(f'"{s[-1]}," {s[3]} said.' for s in statements)
        articles.append(Article(
            id=article_id, text=text, title=title, published=dt.date.fromisoformat(published),
            source="Test Wire", url=f"https://news.example/{article_id}",
        ))
        for actor, name, kind, speaker, role, issue, label, stance, score, date, quote in statements:
            start = text.index(quote)
            rows.append({
                "row_id": schema.row_id(article_id, start, start + len(quote), actor, issue),
                "article_id": article_id, "title": title, "source": "Test Wire",
                "url": f"https://news.example/{article_id}", "published": published,
                "actor": actor, "actor_name": name, "actor_kind": kind,
                "speaker": speaker, "speaker_role": role, "issue": issue, "issue_label": label,
                "stance": stance, "stance_score": score, "stance_cue": quote.split()[1],
                "date": date, "date_source": "published" if date else "unknown", "kind": "direct",
                "quote": quote, "content_start": start, "content_end": start + len(quote),
                "speaker_start": -1, "speaker_end": -1, "cue": "said", "sentence": quote,
                "confidence": 0.9,
            })
    return articles, schema.frame(rows)


@pytest.fixture
def sample_positions():
    """The sample table as a typed frame (8 rows, 2 articles)."""
    return _sample()[1]


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory):
    """Path of an SQLite store holding the sample articles and rows (read-only for tests)."""
    from analysis.store import Store

    path = tmp_path_factory.mktemp("store") / "demarche.sqlite"
    articles, rows = _sample()
    with Store(path) as store:
        store.ingest(articles, rows)
    return path


# The model plus the statement components: what statement and speaker tests need.
STATEMENT_STAGE = ["tok2vec", "tagger", "demarche_paragraphs", "parser", "attribute_ruler", "lemmatizer", "ner",
                   "demarche_statements", "demarche_speakers"]


@pytest.fixture(scope="session")
def nlp():
    """The process's one pipeline, shared with `extract` (loading the model costs about a second)."""
    from analysis.nlp import shared_nlp

    return shared_nlp()


@pytest.fixture(scope="session")
def analyse(nlp):
    """Statements of a text, running only the stages statements need."""
    def run(text: str):
        with nlp.select_pipes(enable=[p for p in STATEMENT_STAGE if p in nlp.pipe_names]):
            return nlp(text)._.statements
    return run
