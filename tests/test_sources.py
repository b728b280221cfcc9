"""Adding and removing articles: analysis.sources, Store.remove_article, `remove` and the Sources page.

Real SQLite files in tmp_path and the real pipeline (the session's shared model).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analysis import sources
from analysis.__main__ import main
from analysis.articles import Article, Skipped, load_bytes, text_id
from analysis.store import Store

REPO = Path(__file__).resolve().parent.parent
APP = str(REPO / "app.py")
WIRE = REPO / "tests" / "fixtures" / "articles" / "wire_story.html"
BROKEN = b"\x00\xff\xfe garbage \x00\x00\x9c"

FINLAND = (
    "HELSINKI, March 4 - Finland supports opening accession talks with Moldova this year, "
    "Finnish Foreign Minister Antti Virtanen said on Monday.\n\n"
    '"Finland fully supports the start of membership negotiations with Moldova," '
    "Virtanen told reporters in Helsinki."
)
CHILE = (
    "SANTIAGO, May 2 - Chile opposes the proposed deep-sea mining code, "
    "Chilean Environment Minister Rosa Fuentes said on Thursday.\n\n"
    '"We cannot support rules that put the ocean floor at risk," Fuentes told reporters.'
)


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "db.sqlite"
    Store(path).close()
    return path


def finland(**kw) -> Article:
    return sources.article_from_text(FINLAND, title="Finland backs Moldova talks", published="2024-03-04",
                                     source="Test Wire", url="https://news.example/fin", **kw)


# -- reading uploads and pasted text ----------------------------------------------------------


def test_upload_of_each_format():
    txt, _ = load_bytes("fin.txt", FINLAND.encode())
    assert [a.id for a in txt] == ["fin"] and txt[0].path == "fin.txt"
    html, skipped = load_bytes("wire_story.html", WIRE.read_bytes())
    assert len(html) == 1 and not skipped and html[0].title
    records = [{"headline": "Finland", "body": FINLAND, "date": "2024-03-04", "outlet": "Wire"},
               {"title": "Chile", "text": CHILE}]
    js, _ = load_bytes("feed.json", json.dumps(records).encode())
    assert [a.title for a in js] == ["Finland", "Chile"]
    assert js[0].published == dt.date(2024, 3, 4) and js[0].source == "Wire"
    jsonl = "\n".join([json.dumps(records[0]), "{not json", json.dumps(records[1])]).encode()
    got, skipped = load_bytes("feed.jsonl", jsonl)
    assert len(got) == 2
    assert [s.path for s in skipped] == ["feed.jsonl:2"] and "invalid JSON" in skipped[0].reason
    frame = pd.DataFrame([{"title": "Chile", "text": CHILE, "published": "2024-05-02"}])
    csv, _ = load_bytes("feed.csv", frame.to_csv(index=False).encode(), published="2024-01-01")
    assert csv[0].published == dt.date(2024, 5, 2)  # the record's own date wins over the default


@pytest.mark.parametrize("name, data, reason", [
    ("notes.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
    ("broken.html", BROKEN, "binary file"),
    ("broken.txt", b"\xff\xfe\xfa not utf-8", "not UTF-8"),
    ("bad.json", b"{oops", "invalid JSON"),
    ("nothing.csv", b"title,url\nA,https://x\n", "no text column"),
    ("fin.meta.json", b'{"title": "T"}', "sidecar"),
])
def test_unreadable_upload_is_skipped_with_a_reason(name, data, reason):
    articles, skipped = load_bytes(name, data)
    assert articles == []
    assert [s.path for s in skipped] == [name] and reason in skipped[0].reason


def test_upload_never_reads_a_sidecar_from_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "fin.meta.json").write_text('{"title": "WRONG"}')
    (articles, _) = load_bytes("fin.txt", FINLAND.encode())
    assert articles[0].title is None


def test_pasted_text_is_cleaned_and_gets_a_stable_id():
    a = sources.article_from_text(FINLAND + "\n\nSign up for our newsletter", title=" Finland ",
                                  published=dt.date(2024, 3, 4), source="Wire", url=" https://x.example/a ")
    assert a.text == FINLAND
    assert a.id == text_id(FINLAND)
    assert (a.title, a.published, a.source, a.url) == ("Finland", dt.date(2024, 3, 4), "Wire", "https://x.example/a")
    assert a.path == "pasted text (Finland)"


def test_pasted_text_that_cannot_be_used():
    assert isinstance(sources.article_from_text("   "), Skipped)
    assert "empty" in sources.article_from_text("").reason
    with pytest.raises(ValueError, match="not an unambiguous date"):
        sources.article_from_text(FINLAND, published="someday")
    with pytest.raises(ValueError, match="http"):
        sources.article_from_text(FINLAND, url="javascript:alert(1)")


# -- ingest -----------------------------------------------------------------------------------


def test_ingest_mixed_batch_with_a_broken_file_and_a_duplicate(db):
    articles, skipped = [], []
    for name, data in [("fin.txt", FINLAND.encode()), ("broken.html", BROKEN), ("chile.txt", CHILE.encode())]:
        got, skips = load_bytes(name, data)
        articles += got
        skipped += skips
    articles.append(finland())  # the same story pasted as well
    progress = []
    with Store(db) as s:
        report = sources.ingest(s, articles, skipped=skipped, batch_size=1,
                                on_progress=lambda done, total: progress.append((done, total)))
        assert s.article_count() == 2
        table = s.positions(corrected=False)
    assert [a.id for a in report.added] == ["fin", "chile"]
    assert progress == [(1, 2), (2, 2)]
    reasons = {s.path: s.reason for s in report.skipped}
    assert "binary file" in reasons["broken.html"]
    assert reasons["pasted text (Finland backs Moldova talks)"] == "duplicate of fin"
    assert report.rows == len(table) == sum(report.rows_per_article.values())
    assert report.rows_per_article["fin"] >= 1 and "FIN" in set(table["actor"])
    assert report.replaced == [] and report.dropped_rows == 0


def test_ingest_skips_text_already_stored_and_reanalyses_same_id(db):
    with Store(db) as s:
        sources.ingest(s, [finland()])
        again = sources.ingest(s, load_bytes("fin.txt", FINLAND.encode())[0])
        assert again.added == [] and "already in the store as" in again.skipped[0].reason
        same = sources.ingest(s, [finland()])
        assert same.replaced == [finland().id]
        assert s.article_count() == 1


def test_ingest_of_nothing_writes_nothing(db):
    with Store(db) as s:
        report = sources.ingest(s, [], skipped=[Skipped("x.pdf", "unsupported")])
        assert report.added == [] and report.skipped == [Skipped("x.pdf", "unsupported")]
        assert s.article_count() == 0


def test_failed_analysis_midway_leaves_store_unchanged(db, monkeypatch):
    import analysis.pipeline as pipeline

    with Store(db) as s:
        sources.ingest(s, [finland()])
        before = s.positions(corrected=False)
    real, calls = pipeline.analyse, []

    def fails_second_batch(articles, nlp=None, aliases=None):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("model crashed")
        return real(articles, nlp=nlp, aliases=aliases)

    monkeypatch.setattr(pipeline, "analyse", fails_second_batch)
    chile = sources.article_from_text(CHILE, title="Chile")
    other = sources.article_from_text(FINLAND.replace("Monday", "Tuesday"), title="Finland again")
    with Store(db) as s:
        with pytest.raises(RuntimeError, match="model crashed"):
            sources.ingest(s, [chile, other], batch_size=1)
        assert s.article_count() == 1
        pd.testing.assert_frame_equal(s.positions(corrected=False), before)


# -- removing ---------------------------------------------------------------------------------


def test_remove_article_and_correction_comes_back_on_reingest(db):
    with Store(db) as s:
        sources.ingest(s, [finland(), sources.article_from_text(CHILE, title="Chile")])
        fin = finland().id
        s.add_alias("Helsinki", "FIN")
        assert set(s.aliases().query("source == 'learned'")["article_id"]) >= {fin}
        row = s.positions().query("article_id == @fin").iloc[0]
        s.correct(row["row_id"], "stance", "oppose", note="checked")

        assert s.remove_article(fin) is True
        assert s.remove_article(fin) is False
        assert s.article_count() == 1
        assert fin not in set(s.positions(corrected=False)["article_id"])
        assert fin not in set(s.statements()["article_id"])
        assert fin not in set(s.aliases()["article_id"].dropna())
        assert "Helsinki" in set(s.aliases()["alias"])  # the analyst's alias stays
        assert list(s.orphan_corrections()["row_id"]) == [row["row_id"]]

        sources.ingest(s, [finland()])
        back = s.positions().set_index("row_id").loc[row["row_id"]]
        assert back["stance"] == "oppose" and bool(back["corrected"])
        assert s.orphan_corrections().empty


def test_remove_command(capsys, db):
    with Store(db) as s:
        sources.ingest(s, [finland()])
    fin = finland().id
    assert main(["remove", fin, "--db", str(db)]) == 0
    assert f"removed {fin}" in capsys.readouterr().out
    assert main(["remove", fin, "--db", str(db)]) == 2
    assert "no article with id" in capsys.readouterr().err


# -- the Sources page -------------------------------------------------------------------------


@pytest.fixture
def page(monkeypatch):
    """Open the Sources page of the dashboard on a given store."""
    st.cache_data.clear()

    def open_(path: Path) -> AppTest:
        monkeypatch.setenv("DEMARCHE_DB", str(path))
        at = AppTest.from_file(APP, default_timeout=60).run()
        at.switch_page("pages/sources.py").run()
        assert not at.exception
        assert at.title[0].value == "Sources"
        return at

    yield open_
    st.cache_data.clear()


def click(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception
    return at


def test_page_on_empty_store_explains_what_to_upload(page, db):
    at = page(db)
    guidance = at.info[0].value
    assert "No articles in the store yet" in guidance
    for fmt in (".txt", ".html", ".json", ".jsonl", ".csv", "`headline`", "`published`", "`url`"):
        assert fmt in guidance
    assert at.file_uploader[0].label == "Upload files"


def test_page_paste_adds_an_article_and_reports_it(page, db):
    at = page(db)
    at.text_area[0].input(FINLAND)
    at.text_input[0].input("Finland backs Moldova talks")
    at.date_input[0].set_value(dt.date(2024, 3, 4))
    at.text_input[2].input("https://news.example/fin")
    click(at, "Analyse and add")
    assert "Added 1 article" in at.success[0].value
    added = at.dataframe[0].value
    assert list(added["title"]) == ["Finland backs Moldova talks"] and added["rows"][0] >= 1
    listed = at.dataframe[1].value
    assert list(listed["title"]) == ["Finland backs Moldova talks"]
    assert listed["published"][0] == "2024-03-04" and listed["url"][0] == "https://news.example/fin"
    assert at.text_area[0].value == ""  # a fresh form for the next article
    with Store(db) as s:
        assert s.article_count() == 1


def test_page_upload_reports_added_and_skipped(page, db):
    at = page(db)
    at.file_uploader[0].upload("fin.txt", FINLAND.encode(), "text/plain")
    at.file_uploader[0].upload("broken.html", BROKEN, "text/html")
    click(at, "Analyse and add")
    assert "Added 1 article" in at.success[0].value
    assert "Skipped 1" in at.warning[0].value
    skipped = at.dataframe[1].value
    assert list(skipped["what"]) == ["broken.html"] and "binary file" in skipped["why"][0]


def test_page_bad_url_is_an_error_not_a_traceback(page, db):
    at = page(db)
    at.text_area[0].input(FINLAND)
    at.text_input[2].input("ftp://example.org/x")
    click(at, "Analyse and add")
    assert "URL must start with" in at.error[0].value
    assert at.text_area[0].value == FINLAND  # the input stays to be fixed
    with Store(db) as s:
        assert s.article_count() == 0


def test_page_failed_analysis_is_an_error(page, db, monkeypatch):
    import analysis.pipeline as pipeline

    def boom(*a, **kw):
        raise RuntimeError("model crashed")

    monkeypatch.setattr(pipeline, "analyse", boom)
    at = page(db)
    at.text_area[0].input(FINLAND)
    click(at, "Analyse and add")
    assert "model crashed" in at.error[0].value and "nothing was added" in at.error[0].value
    with Store(db) as s:
        assert s.article_count() == 0


def test_page_lists_and_removes_articles(page, sample_db, tmp_path):
    db = tmp_path / "copy.sqlite"
    shutil.copy(sample_db, db)
    at = page(db)
    (table,) = [d for d in at.dataframe if d.key and d.key.startswith("sources_table")]
    assert set(table.value["id"]) == {"a1", "a2"}
    assert "text" not in table.value.columns
    row = list(table.value["id"]).index("a2")
    at.session_state[table.key] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()
    click(at, "Remove 1 selected")
    assert "Remove 1 article" in at.warning[0].value
    click(at, "Remove")
    assert "Removed 1 article" in at.success[0].value
    (table,) = [d for d in at.dataframe if d.key and d.key.startswith("sources_table")]
    assert list(table.value["id"]) == ["a1"]
    with Store(db) as s:
        assert s.article_count() == 1
        assert set(s.positions(corrected=False)["article_id"]) == {"a1"}
