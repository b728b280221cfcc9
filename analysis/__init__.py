"""Demarche's functional core: articles in, a table of actor–issue–stance–date rows out.

Public API:
    load_articles(paths, published=None) -> (articles, skipped)
    build_nlp() -> spacy.Language
    extract(articles, nlp=None) -> pandas.DataFrame   (columns: analysis.schema)
    analyse(articles, nlp=None, aliases=None) -> (rows, learned aliases)

Exports load lazily, so the dashboard and `--help` do not pay for importing spaCy.
"""

from importlib import import_module

_EXPORTS = {
    "load_articles": "articles",
    "build_nlp": "nlp",
    "extract": "pipeline",
    "analyse": "pipeline",
}

__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
