"""Demarche's functional core: articles in, a table of actor–issue–stance–date rows out.

Public API:
    load_articles(paths, published=None) -> (articles, skipped)
    build_nlp() -> spacy.Language
    extract(articles, nlp=None) -> pandas.DataFrame   (columns: analysis.schema)
"""
