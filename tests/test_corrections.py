"""Analysts' corrections: undo, added positions, the correction log, the evidence view, and the pages that use them."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analysis import corrections, evidence, schema, views
from analysis.__main__ import main
from analysis.store import _DDL, LOG_COLUMNS, SCHEMA_VERSION, Store

APP = str(Path(__file__).resolve().parent.parent / "app.py")

TEXT = (
    "Leaders met in Brussels on Tuesday.\n\n"
    '"We will send more air defence to Kyiv," the Polish prime minister said.\n\n'
    "Finland said the plan was good. Estonia said the plan was good."
)
POLAND = '"We will send more air defence to Kyiv,"'


def article(aid: str = "a1", text: str = TEXT, **kw):
    from analysis.articles import Article

    kw.setdefault("title", f"Headline {aid}")
    kw.setdefault("published", dt.date(2024, 3, 14))
    kw.setdefault("source", "Northern Wire")
    kw.setdefault("url", f"https://example.org/{aid}")
    return Article(id=aid, text=text, **kw)


def machine_row(aid: str, text: str, quote: str, actor: str = "FIN", issue: str = "arms_exports",
                nth: int = 0, **kw) -> dict:
    """A machine row for the nth occurrence of quote in text."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    end = start + len(quote)
    base = dict(
        row_id=schema.row_id(aid, start, end, actor, issue), article_id=aid, title=f"Headline {aid}",
        source="Northern Wire", url=f"https://example.org/{aid}", published="2024-03-14", actor=actor,
        actor_name={"FIN": "Finland", "EST": "Estonia"}.get(actor, actor), actor_kind="state",
        speaker="Finland", speaker_role="", issue=issue, issue_label="Arms exports", stance="support",
        stance_score=0.7, stance_cue="good", date="2024-03-14", date_source="published", kind="indirect",
        quote=quote, content_start=start, content_end=end, speaker_start=-1, speaker_end=-1, cue="said",
        sentence=quote, confidence=0.8,
    )
    base.update(kw)
    return base


def machine_rows(text: str = TEXT) -> pd.DataFrame:
    """Finland and Estonia each said the plan was good."""
    return schema.frame([
        machine_row("a1", text, "the plan was good"),
        machine_row("a1", text, "the plan was good", actor="EST", nth=1),
    ])


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "demarche.sqlite") as s:
        s.ingest([article()], machine_rows())
        yield s


def fin(store) -> str:
    return store.positions(corrected=False).query("actor == 'FIN'")["row_id"].iloc[0]


def add_poland(store, **kw) -> str:
    start = TEXT.index(POLAND) + 1
    end = start + len(POLAND) - 3  # inside the quotation marks, without the comma
    return store.add_position("a1", start, end, "POL", "military_support_ukraine", "support",
                              speaker="the Polish prime minister", **kw)


# -- undo -------------------------------------------------------------------------------------


def test_undo_shows_the_previous_value_and_keeps_the_trail(store):
    rid = fin(store)
    first = store.correct(rid, "stance", "oppose", note="irony")
    second = store.correct(rid, "stance", "neutral")
    assert store.positions().set_index("row_id").loc[rid, "stance"] == "neutral"
    store.undo_correction(second)
    assert store.positions().set_index("row_id").loc[rid, "stance"] == "oppose"  # the earlier correction
    store.undo_correction(first)
    row = store.positions().set_index("row_id").loc[rid]
    assert row["stance"] == "support" and not row["corrected"]  # the machine's value
    trail = store.corrections()
    assert list(trail["id"]) == [first, second] and trail["reverted_at"].notna().all()
    with pytest.raises(ValueError, match="already undone"):
        store.undo_correction(first)
    with pytest.raises(ValueError, match="no correction #999"):
        store.undo_correction(999)


def test_undo_a_rejection_brings_the_row_back(store):
    rid = fin(store)
    cid = store.correct(rid, "exclude", "true")
    assert rid not in set(store.positions()["row_id"])
    store.undo_correction(cid)
    assert rid in set(store.positions()["row_id"])


def test_undone_corrections_are_not_orphans(store):
    rid = fin(store)
    cid = store.correct(rid, "stance", "oppose")
    store.undo_correction(cid)
    store.ingest([article()], machine_rows().query("actor == 'EST'"))  # FIN no longer produced
    assert store.orphan_corrections().empty


# -- issue and actor corrections use the vocabularies ----------------------------------------


def test_issue_correction_takes_the_codebook_label(store):
    rid = fin(store)
    store.correct(rid, "issue", "nato_enlargement")
    row = store.positions().set_index("row_id").loc[rid]
    assert (row["issue"], row["issue_label"]) == ("nato_enlargement", "NATO enlargement")
    store.correct(rid, "issue", "unclassified")
    assert store.positions().set_index("row_id").loc[rid, "issue_label"] == "Unclassified"


def test_unknown_issue_lists_the_valid_ids(store):
    with pytest.raises(ValueError, match="unknown issue 'defence'.*nato_enlargement.*unclassified"):
        store.correct(fin(store), "issue", "defence")
    assert store.corrections().empty


def test_actor_correction_names_the_actor_as_the_pipeline_would(store):
    rid = fin(store)
    store.correct(rid, "actor", "NATO")
    row = store.positions().set_index("row_id").loc[rid]
    assert (row["actor_name"], row["actor_kind"]) == ("NATO", "organisation")
    store.correct(rid, "actor", "ABCD")  # unknown, but shaped like an organisation id
    assert store.positions().set_index("row_id").loc[rid, "actor_kind"] == "organisation"
    with pytest.raises(ValueError, match="actor must be"):
        store.correct(rid, "actor", "the Poles")


# -- added positions --------------------------------------------------------------------------


def test_added_position_is_merged_into_the_corrected_table(store):
    rid = add_poland(store, note="missed quote", author="ana")
    assert rid not in set(store.positions(corrected=False)["row_id"])
    table = store.positions()
    assert list(table.columns) == [*schema.COLUMN_NAMES, "corrected"]
    row = table.set_index("row_id").loc[rid]
    assert row["quote"] == "We will send more air defence to Kyiv"
    assert TEXT[row["content_start"]:row["content_end"]] == row["quote"]
    assert (row["actor"], row["actor_name"], row["actor_kind"]) == ("POL", "Poland", "state")
    assert (row["issue"], row["issue_label"]) == ("military_support_ukraine", "Military support for Ukraine")
    assert (row["stance"], row["stance_score"]) == ("support", 1.0)
    assert (row["date"], row["date_source"]) == ("2024-03-14", "published")
    assert row["kind"] == "direct"  # inside quotation marks
    assert row["title"] == "Headline a1" and row["url"] == "https://example.org/a1"
    assert row["speaker"] == "the Polish prime minister"
    assert row["sentence"].startswith('"We will send') and row["sentence"].endswith("said.")
    assert row["corrected"]
    assert schema.coerce(table).dtypes.to_dict() == table.drop(columns="corrected").dtypes.to_dict()
    added = store.added_positions().iloc[0]
    assert (added["note"], added["author"]) == ("missed quote", "ana")


def test_added_position_with_its_own_date_and_reported_speech(store):
    start = TEXT.index("the plan was good")
    rid = store.add_position("a1", start, start + 17, "SWE", "arms_exports", "oppose", date="2024-03-12")
    row = store.positions().set_index("row_id").loc[rid]
    assert (row["date"], row["date_source"], row["kind"]) == ("2024-03-12", "explicit", "indirect")
    assert row["speaker"] == "Sweden"  # no speaker given: the actor speaks


@pytest.mark.parametrize(
    "args, kw, message",
    [
        (("zz", 0, 5, "POL", "hostages", "support"), {}, "no article with id 'zz'"),
        (("a1", 5, 5, "POL", "hostages", "support"), {}, "not a non-empty part"),
        (("a1", -1, 5, "POL", "hostages", "support"), {}, "not a non-empty part"),
        (("a1", 0, 10_000, "POL", "hostages", "support"), {}, "not a non-empty part"),
        (("a1", 35, 37, "POL", "hostages", "support"), {}, "only whitespace"),
        (("a1", 0, 5, "POL", "defence", "support"), {}, "unknown issue 'defence'"),
        (("a1", 0, 5, "the Poles", "hostages", "support"), {}, "actor must be"),
        (("a1", 0, 5, "POL", "hostages", "maybe"), {}, "stance must be one of"),
        (("a1", 0, 5, "", "hostages", "support"), {}, "needs an actor, or at least a speaker"),
        (("a1", 0, 5, "POL", "hostages", "support"), {"date": "14 March"}, "date must be ISO"),
        (("a1", 0, 5, "POL", "hostages", "support"), {"kind": "rumour"}, "kind must be one of"),
    ],
)
def test_invalid_added_position_rejected(store, args, kw, message):
    with pytest.raises(ValueError, match=message):
        store.add_position(*args, **kw)
    assert store.added_positions().empty


def test_added_position_cannot_repeat_a_row(store):
    machine = store.positions(corrected=False).set_index("row_id").loc[fin(store)]
    with pytest.raises(ValueError, match="already has this position"):
        store.add_position("a1", machine["content_start"], machine["content_end"], "FIN", "arms_exports", "oppose")
    add_poland(store)
    with pytest.raises(ValueError, match="already added"):
        add_poland(store)


def test_undo_added_position_and_add_it_again(store):
    rid = add_poland(store)
    aid = int(store.added_positions()["id"].iloc[0])
    store.correct(rid, "stance", "oppose")  # an added row can be corrected too
    assert store.positions().set_index("row_id").loc[rid, "stance"] == "oppose"
    store.undo_added_position(aid)
    assert rid not in set(store.positions()["row_id"])
    log = store.correction_log().set_index(["kind", "id"])
    assert log.loc[("added", aid), "status"] == "undone"
    assert log.loc[("correction", 1), "status"] == "orphan"  # its row is gone
    with pytest.raises(ValueError, match="already undone"):
        store.undo_added_position(aid)
    with pytest.raises(ValueError, match="no added position #42"):
        store.undo_added_position(42)
    assert add_poland(store) == rid  # the same position again, after undo
    assert store.positions().set_index("row_id").loc[rid, "stance"] == "oppose"  # the correction re-attaches


def test_corrections_and_added_positions_survive_reingest(store):
    rid = fin(store)
    store.correct(rid, "stance", "oppose")
    added = add_poland(store)
    store.ingest([article()], machine_rows())  # the same article analysed again
    table = store.positions().set_index("row_id")
    assert table.loc[rid, "stance"] == "oppose"
    assert added in table.index and table.loc[added, "corrected"]
    assert len(store.added_positions()) == 1 and len(store.corrections()) == 1


def test_added_position_follows_its_words_when_the_article_changes(store):
    added = add_poland(store)
    edited = "UPDATED: " + TEXT
    store.ingest([article(text=edited)], machine_rows(edited))
    row = store.positions().set_index("row_id").loc[added]
    assert edited[row["content_start"]:row["content_end"]] == row["quote"]
    # the words are gone from the article: kept, shown as orphaned, not in the table
    store.ingest([article(text="A different story altogether. Finland said the plan was good.")], schema.empty_frame())
    assert added not in set(store.positions()["row_id"])
    assert store.correction_log().query("kind == 'added'")["status"].tolist() == ["orphan"]


def test_added_position_outlives_a_removed_article(store):
    added = add_poland(store)
    store.remove_article("a1")
    assert store.positions().empty
    assert store.correction_log()["status"].tolist() == ["orphan"]
    store.ingest([article()], machine_rows())
    assert added in set(store.positions()["row_id"])


def test_analyst_row_wins_over_the_same_row_found_by_reanalysis(store):
    added = add_poland(store)
    start = TEXT.index(POLAND) + 1
    found = machine_row("a1", TEXT, TEXT[start:start + len(POLAND) - 3], actor="POL",
                        issue="military_support_ukraine", stance="oppose")
    assert found["row_id"] == added
    store.ingest([article()], schema.frame([*machine_rows().to_dict("records"), found]))
    table = store.positions()
    assert table["row_id"].is_unique
    assert table.set_index("row_id").loc[added, "stance"] == "support"


# -- the correction log -----------------------------------------------------------------------


def test_correction_log_statuses_and_context(store):
    rid = fin(store)
    est = store.positions(corrected=False).query("actor == 'EST'")["row_id"].iloc[0]
    c1 = store.correct(rid, "stance", "oppose", note="irony", author="ana")
    c2 = store.correct(rid, "stance", "neutral")
    c3 = store.correct(est, "issue", "hostages")
    c4 = store.correct(rid, "date", "2024-03-01")
    store.undo_correction(c4)
    added = add_poland(store)
    store.ingest([article()], machine_rows().query("actor == 'FIN'"))  # EST no longer produced
    log = store.correction_log()
    assert list(log.columns) == list(LOG_COLUMNS)
    by = log.set_index(["kind", "id"])
    assert by.loc[("correction", c1), "status"] == "superseded"
    assert by.loc[("correction", c2), "status"] == "active"
    assert by.loc[("correction", c3), "status"] == "orphan"
    assert by.loc[("correction", c4), "status"] == "undone"
    assert by.loc[("added", 1), "status"] == "active"
    first = by.loc[("correction", c1)]
    assert (first["field"], first["was"], first["value"], first["note"], first["author"]) == (
        "stance", "support", "oppose", "irony", "ana")
    assert (first["actor_name"], first["title"], first["quote"]) == ("Finland", "Headline a1", "the plan was good")
    poland = by.loc[("added", 1)]
    assert poland["row_id"] == added and poland["value"] == "Poland · Military support for Ukraine · support"
    assert list(store.orphan_corrections()["id"]) == [c3]


def test_empty_log(tmp_path):
    with Store(tmp_path / "x.sqlite") as s:
        log = s.correction_log()
    assert log.empty and list(log.columns) == list(LOG_COLUMNS)


# -- schema migration -------------------------------------------------------------------------


def test_version_1_file_is_migrated_keeping_its_data(tmp_path):
    path = tmp_path / "v1.sqlite"
    conn = sqlite3.connect(path)
    for stmt in _DDL:  # the version-1 schema
        conn.execute(stmt)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO articles (id, title, text, published, ingested_at) VALUES "
                 "('a1', 'Old', ?, '2024-03-14', '2024-03-15')", (TEXT,))
    row = machine_row("a1", TEXT, "the plan was good")
    conn.execute(f"INSERT INTO positions ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
    conn.execute("INSERT INTO corrections (row_id, field, value, created_at) VALUES (?, 'stance', 'oppose', 'then')",
                 (row["row_id"],))
    conn.commit()
    conn.close()

    with Store(path) as s:
        assert s.schema_version == SCHEMA_VERSION == 2
        assert s.positions().set_index("row_id").loc[row["row_id"], "stance"] == "oppose"
        assert s.corrections()["reverted_at"].isna().all()
        s.undo_correction(1)
        assert s.positions().set_index("row_id").loc[row["row_id"], "stance"] == "support"
        assert add_poland(s)
    with Store(path) as s:  # opening again migrates nothing
        assert s.schema_version == 2 and len(s.added_positions()) == 1


# -- evidence ---------------------------------------------------------------------------------

HOSTILE = 'Intro <b>bold</b> text.\n\n<script>alert(1)</script> "We <i>mean</i> it & more," he said.\n\nEnd.'


def test_rendered_article_is_escaped_and_marks_the_statement():
    start = HOSTILE.index("We <i>")
    end = HOSTILE.index(" & more") + len(" & more")
    out = evidence.article_html(HOSTILE, start, end)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out and "<script" not in out
    assert "&lt;b&gt;bold&lt;/b&gt;" in out and "<b>" not in out
    assert re.search(r"<mark[^>]*>We &lt;i&gt;mean&lt;/i&gt; it &amp; more</mark>", out)
    assert set(re.findall(r"</?([a-zA-Z]+)", out)) <= {"div", "mark", "span"}  # only our own tags


def test_statement_in_context_clips_to_paragraphs():
    text = "One.\n\nTwo.\n\nThree says so.\n\nFour.\n\nFive."
    start = text.index("says")
    whole = evidence.statement_in_context(text, start, start + 4)
    assert whole.before + whole.statement + whole.after == text
    assert not whole.clipped_before and not whole.clipped_after
    near = evidence.statement_in_context(text, start, start + 4, paragraphs=1)
    assert (near.before, near.statement, near.after) == ("Two.\n\nThree ", "says", " so.\n\nFour.")
    assert near.clipped_before and near.clipped_after
    own = evidence.statement_in_context(text, start, start + 4, paragraphs=0)
    assert (own.before, own.after) == ("Three ", " so.")
    html = evidence.render_html(near)
    assert html.count("…") == 2
    with pytest.raises(ValueError, match="not a non-empty part"):
        evidence.statement_in_context(text, 3, 2)


def test_find_span():
    text = "He said the plan\nwas good. She said the plan was bad."
    assert evidence.find_span(text, "plan was good") == (12, 25)  # a line break pasted as a space
    assert evidence.find_span(text, "  PLAN WAS BAD ") == (text.index("plan was bad"), text.index("plan was bad") + 12)
    with pytest.raises(ValueError, match="occur 2 times.*paste more"):
        evidence.find_span(text, "the plan")
    with pytest.raises(ValueError, match="not in the article"):
        evidence.find_span(text, "the plan was great")
    with pytest.raises(ValueError, match="paste the exact words"):
        evidence.find_span(text, "   ")


def test_sentence_and_quotation_marks():
    start = TEXT.index("We will")
    end = TEXT.index(" to Kyiv") + len(" to Kyiv")
    assert evidence.looks_quoted(TEXT, start, end)
    assert evidence.sentence_around(TEXT, start, end) == POLAND + " the Polish prime minister said."
    plan = TEXT.index("the plan was good")
    assert not evidence.looks_quoted(TEXT, plan, plan + 17)
    assert evidence.sentence_around(TEXT, plan, plan + 17) == "Finland said the plan was good."


# -- vocabularies and quote-browser rows ------------------------------------------------------


def test_issue_vocabulary():
    labels = corrections.issue_labels()
    assert list(labels)[-1] == "unclassified" and labels["hostages"] == "Hostages"
    assert corrections.check_issue(" hostages ") == "hostages"
    assert corrections.issue_label("gone_from_codebook") == "gone_from_codebook"
    assert corrections.actor_name_kind("") == ("", "other")
    assert corrections.actor_name_kind("DEU") == ("Germany", "state")
    choices = corrections.actor_choices()
    assert choices["EU"] and choices["FRA"] == "France"


def test_quote_rows_keep_the_browser_order_and_know_their_rows(sample_positions):
    df = sample_positions.assign(corrected=sample_positions["actor"] == "HUN")
    added = {df.loc[df["actor"] == "NATO", "row_id"].iloc[0]}
    rows = corrections.quote_rows(df, added)
    pd.testing.assert_frame_equal(rows.drop(columns="mark"), views.quotes(df))
    by_id = df.set_index("row_id")
    for r in rows.itertuples():
        assert by_id.loc[r.row_id, "quote"] == r.quote and by_id.loc[r.row_id, "article_id"] == r.article_id
    marks = dict(zip(rows["actor_name"] + "|" + rows["quote"].str[:10], rows["mark"]))
    assert marks["NATO|Allies mus"] == corrections.MARK_ADDED
    assert {m for k, m in marks.items() if k.startswith("Hungary")} == {corrections.MARK_CORRECTED}
    assert rows.loc[rows["actor_name"] == "France", "mark"].eq("").all()


# -- command line -----------------------------------------------------------------------------


def test_cli_undo(capsys, store):
    db = str(store.path)
    rid = fin(store)
    assert main(["correct", rid, "stance", "oppose", "--db", db]) == 0
    assert main(["correct", "--undo", "1", "--db", db]) == 0
    assert "correction #1 undone" in capsys.readouterr().out
    assert store.positions().set_index("row_id").loc[rid, "stance"] == "support"
    assert main(["correct", "--undo", "1", "--db", db]) == 2
    assert "already undone" in capsys.readouterr().err
    assert main(["correct", rid, "stance", "--db", db]) == 2
    assert "ROW_ID FIELD VALUE, or --undo ID" in capsys.readouterr().err
    assert main(["correct", rid, "stance", "oppose", "--undo", "1", "--db", db]) == 2


# -- the dashboard ----------------------------------------------------------------------------


@pytest.fixture
def _fresh_cache():
    st.cache_data.clear()
    yield
    st.cache_data.clear()


@pytest.fixture
def db(sample_db, tmp_path, monkeypatch, _fresh_cache):
    """A writable copy of the shared sample store, used by the app."""
    path = tmp_path / "copy.sqlite"
    src, dst = sqlite3.connect(sample_db), sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.close()
    monkeypatch.setenv("DEMARCHE_DB", str(path))
    return path


def row_id_of(db, speaker: str) -> str:
    with Store(db) as s:
        table = s.positions()
    return table.loc[table["speaker"] == speaker, "row_id"].iloc[0]


def quotes_at(row: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if row:
        at.query_params["row"] = row
    at.run()
    at.switch_page("pages/quotes.py").run()
    assert not at.exception
    return at


def row_param(at) -> str | None:
    """The ?row= value the page left in the URL."""
    value = at.query_params.get("row")
    return value[0] if isinstance(value, list) else value


def table_of(at) -> pd.DataFrame:
    return at.dataframe[0].value


def test_row_link_shows_the_statement_in_its_article(db):
    rid = row_id_of(db, "Viktor Orban")
    at = quotes_at(rid)
    assert at.title[0].value == "Quotes"
    assert at.subheader[0].value == "Europe split over Ukraine aid"
    (context, whole) = at.get("html")
    assert '<mark id="statement"' in context.proto.body
    assert re.search(r"<mark[^>]*>More weapons will only prolong the war</mark>", whole.proto.body)
    assert "Viktor Orban" in at.markdown[0].value and "Hungary" in at.markdown[0].value
    assert at.get("link_button")[0].proto.url == "https://news.example/a1"
    assert at.radio(key="fix_stance").value == "oppose"


def test_selecting_a_row_in_the_table_opens_it(db):
    at = quotes_at()
    assert not at.get("html")
    rows = table_of(at)
    position = rows.index[rows["speaker"] == "Olaf Scholz"][0]
    at.session_state["quotes"] = {"selection": {"rows": [int(position)], "columns": [], "cells": []}}
    at.run()
    assert row_param(at) == row_id_of(db, "Olaf Scholz")
    assert "Germany stands by its commitments" in at.get("html")[0].proto.body
    at.session_state["quotes"] = {"selection": {"rows": [], "columns": [], "cells": []}}
    at.run()
    assert row_param(at) is None and not at.get("html")


def test_correct_a_stance_then_undo_it(db):
    rid = row_id_of(db, "Viktor Orban")
    at = quotes_at(rid)
    at.radio(key="fix_stance").set_value("support")
    at.text_input(key="fix_note").input("read as irony")
    at.text_input(key="author").input("ana")
    at.button(key="fix_save").click().run()
    assert not at.exception
    assert "Saved: stance → support" in at.success[0].value
    with Store(db) as s:
        row = s.positions().set_index("row_id").loc[rid]
        assert (row["stance"], row["corrected"]) == ("support", True)
        c = s.corrections().iloc[0]
        assert (c["note"], c["author"]) == ("read as irony", "ana")
    table = table_of(at)
    assert table.loc[table["row_id"] == rid, ["mark", "stance"]].values.tolist() == [["✎", "support"]]
    assert "stance: oppose → support" in " ".join(m.value for m in at.markdown)

    at.switch_page("pages/corrections.py").run()
    assert not at.exception and at.title[0].value == "Corrections"
    log = table_of(at)
    assert log[["field", "was", "value", "status"]].values.tolist() == [["stance", "oppose", "support", "✓ in effect"]]
    assert log["link"].iloc[0] == f"./quotes?row={rid}"
    assert at.button(key="undo").disabled
    at.session_state["log"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    at.button(key="undo").click().run()
    assert not at.exception
    assert at.success[0].value == "Undid 1 change(s)."
    with Store(db) as s:
        assert s.positions().set_index("row_id").loc[rid, "stance"] == "oppose"
    assert table_of(at).empty  # undone changes are hidden unless asked for
    at.multiselect(key="log_status").select("undone").run()
    assert table_of(at)["status"].tolist() == ["↺ undone"]


def test_nothing_changed_says_so(db):
    at = quotes_at(row_id_of(db, "Viktor Orban"))
    at.button(key="fix_save").click().run()
    assert "Nothing changed" in at.info[0].value
    with Store(db) as s:
        assert s.corrections().empty


def test_change_issue_and_actor_in_one_go(db):
    rid = row_id_of(db, "Jane Doe")
    at = quotes_at(rid)
    at.selectbox(key="fix_actor").set_value("EU")
    at.selectbox(key="fix_issue").set_value("sanctions_on_russia")
    at.button(key="fix_save").click().run()
    with Store(db) as s:
        row = s.positions().set_index("row_id").loc[rid]
    assert (row["actor"], row["actor_kind"], row["issue_label"]) == ("EU", "organisation", "Sanctions on Russia")


def test_reject_removes_the_row(db):
    rid = row_id_of(db, "Jane Doe")
    at = quotes_at(rid)
    at.button(key="fix_reject").click().run()
    assert not at.exception
    assert "Row rejected" in at.success[0].value
    assert row_param(at) is None
    assert rid not in set(table_of(at)["row_id"])
    with Store(db) as s:
        assert rid not in set(s.positions()["row_id"])
    at.switch_page("pages/matrix.py").run()  # every page reads the corrected table
    at.switch_page("pages/quotes.py").run()
    assert "Jane Doe" not in set(table_of(at)["speaker"])


def test_add_a_missed_position(db):
    at = quotes_at(row_id_of(db, "Olaf Scholz"))
    at.text_area(key="add_words").input("Europe split over Ukraine")
    at.selectbox(key="add_actor").set_value("POL")
    at.selectbox(key="add_issue").set_value("military_support_ukraine")
    at.radio(key="add_stance").set_value("support")
    at.text_input(key="add_speaker").input("Donald Tusk")
    at.button(key="add_save").click().run()
    assert not at.exception
    assert "Position added" in at.success[0].value
    new = row_param(at)
    table = table_of(at)
    row = table[table["row_id"] == new].iloc[0]
    assert (row["mark"], row["speaker"], row["actor_name"], row["quote"]) == (
        "+", "Donald Tusk", "Poland", "Europe split over Ukraine")
    assert "Europe split over Ukraine</mark>" in at.get("html")[0].proto.body
    with Store(db) as s:
        assert new in set(s.positions()["row_id"])


@pytest.mark.parametrize("words, message", [("Ukraine", "occur 2 times"), ("Brexit deal", "not in the article")])
def test_add_with_words_not_found_explains(db, words, message):
    at = quotes_at(row_id_of(db, "Olaf Scholz"))
    at.text_area(key="add_words").input(words)
    at.selectbox(key="add_actor").set_value("POL")
    at.button(key="add_save").click().run()
    assert not at.exception
    assert message in at.error[0].value
    with Store(db) as s:
        assert s.added_positions().empty


def test_unknown_row_link_explains(db):
    at = quotes_at("0123456789abcdef")
    assert "not among the rows shown" in at.info[0].value
    at.button(key="row_close").click().run()
    assert row_param(at) is None


def test_article_html_is_escaped_on_the_page(tmp_path, monkeypatch, _fresh_cache):
    text = 'Intro <script>alert(1)</script> <b>x</b>. "We agree," the minister said.'
    start = text.index("We agree")
    path = tmp_path / "hostile.sqlite"
    with Store(path) as s:
        s.ingest([article("h1", text=text)], schema.frame([{
            **machine_row("h1", text, "We agree", actor="FIN"), "title": "<img src=x onerror=alert(1)>",
        }]))
    monkeypatch.setenv("DEMARCHE_DB", str(path))
    at = quotes_at(schema.row_id("h1", start, start + 8, "FIN", "arms_exports"))
    body = at.get("html")[0].proto.body
    assert "&lt;script&gt;" in body and "<script" not in body and "<b>" not in body
    assert at.subheader[0].value.startswith("\\<img")  # markdown shows it as typed


def test_corrections_page_when_there_are_none(db):
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("pages/corrections.py").run()
    assert not at.exception
    assert at.title[0].value == "Corrections"
    assert "No corrections yet" in at.info[0].value


def test_corrections_page_explains_orphans(db):
    with Store(db) as s:
        rid = s.positions().query("speaker == 'Jane Doe'")["row_id"].iloc[0]
        s.correct(rid, "stance", "support")
        s.ingest([a for a in _sample_articles() if a.id == "a1"], s.positions(corrected=False).query(
            "article_id == 'a1' and speaker != 'Jane Doe'"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("pages/corrections.py").run()
    assert not at.exception
    assert "Orphaned" in at.info[0].value
    assert table_of(at)["status"].tolist() == ["⚠ orphaned"]


def _sample_articles():
    from conftest import _sample

    return _sample()[0]
