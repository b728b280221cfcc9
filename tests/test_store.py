"""The SQLite store: atomic ingest, corrections applied on read and kept across re-analysis, aliases."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from analysis import schema
from analysis.articles import Article
from analysis.store import SCHEMA_VERSION, IngestResult, Store, StoreError, default_db_path


def article(aid: str, text: str = "The minister said the plan was good. Nobody else spoke.", **kw) -> Article:
    kw.setdefault("title", f"Headline {aid}")
    kw.setdefault("published", dt.date(2024, 3, 14))
    kw.setdefault("source", "Northern Wire")
    kw.setdefault("url", f"https://example.org/{aid}")
    kw.setdefault("path", f"/articles/{aid}.html")
    return Article(id=aid, text=text, **kw)


def row(aid: str, start: int, end: int, actor: str = "FIN", issue: str = "energy", **kw) -> dict:
    base = dict(
        row_id=schema.row_id(aid, start, end, actor, issue),
        article_id=aid,
        title=f"Headline {aid}",
        source="Northern Wire",
        url=f"https://example.org/{aid}",
        published="2024-03-14",
        actor=actor,
        actor_name={"FIN": "Finland", "EST": "Estonia", "NATO": "NATO"}.get(actor, actor),
        actor_kind="organisation" if actor == "NATO" else "state",
        speaker="the minister",
        speaker_role="Minister",
        issue=issue,
        issue_label=issue.title(),
        stance="support",
        stance_score=0.7,
        stance_cue="good",
        date="2024-03-13",
        date_source="relative",
        kind="indirect",
        quote="the plan was good",
        content_start=start,
        content_end=end,
        speaker_start=0,
        speaker_end=12,
        cue="said",
        sentence="The minister said the plan was good.",
        confidence=0.8,
    )
    base.update(kw)
    return base


def rows(*dicts: dict) -> pd.DataFrame:
    return schema.frame(list(dicts))


def content(store: Store) -> dict:
    """Everything a store holds, for before/after comparisons."""
    conn = store._conn
    out = {}
    for table in ("articles", "statements", "positions", "corrections", "added_positions", "aliases"):
        out[table] = sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
    return out


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "demarche.sqlite") as s:
        yield s


@pytest.fixture
def filled(store):
    a, b = article("a1"), article("b2", published=dt.date(2024, 3, 15))
    machine = rows(
        row("a1", 18, 35),
        row("a1", 18, 35, actor="EST"),
        row("b2", 18, 35, actor="NATO", issue="defence", stance="oppose", stance_score=-0.5),
    )
    store.ingest([a, b], machine)
    return store


# -- schema -----------------------------------------------------------------------------------


def test_schema_created_with_version_and_wal(tmp_path):
    path = tmp_path / "sub" / "dir" / "db.sqlite"
    with Store(path) as s:
        assert s.schema_version == SCHEMA_VERSION
    conn = sqlite3.connect(path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "statements", "positions", "corrections", "aliases"} <= tables
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    pos_cols = [r[1] for r in conn.execute("PRAGMA table_info(positions)")]
    assert pos_cols == list(schema.COLUMN_NAMES)
    assert "added_positions" in tables
    assert "reverted_at" in [r[1] for r in conn.execute("PRAGMA table_info(corrections)")]
    conn.close()


def test_reopen_keeps_data_and_foreign_keys_on(tmp_path):
    path = tmp_path / "db.sqlite"
    with Store(path) as s:
        s.ingest([article("a1")], rows(row("a1", 18, 35)))
    with Store(path) as s:
        assert s.article_count() == 1
        assert s._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert len(s.positions()) == 1


def test_not_a_database_is_a_store_error(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_text("this is not sqlite, just text " * 100)
    with pytest.raises(StoreError, match="not a usable Demarche database"):
        Store(bad)
    with pytest.raises(StoreError, match="directory"):
        Store(tmp_path)


def test_foreign_sqlite_file_refused(tmp_path):
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a Demarche database"):
        Store(other)


def test_newer_schema_refused(tmp_path):
    path = tmp_path / "db.sqlite"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="schema version"):
        Store(path)


def test_default_path_and_env_var(tmp_path, monkeypatch):
    monkeypatch.delenv("DEMARCHE_DB", raising=False)
    repo = Path(__file__).resolve().parent.parent
    assert default_db_path() == repo / "data" / "demarche.sqlite"
    target = tmp_path / "elsewhere.sqlite"
    monkeypatch.setenv("DEMARCHE_DB", str(target))
    assert default_db_path() == target
    with Store() as s:
        assert s.path == target
        s.add_alias("Helsinki", "FIN")
    assert target.exists()


# -- ingest and read back ---------------------------------------------------------------------


def test_ingest_reads_back_equal_rows_and_dtypes(store):
    machine = rows(
        row("a1", 18, 35),
        row("a1", 18, 35, actor="EST", speaker_role=None, stance_score=float("nan"), date=""),
        row("a1", 37, 55, actor="", actor_kind="other", actor_name="", issue="unclassified",
            speaker_start=-1, speaker_end=-1, kind="according_to"),
    )
    result = store.ingest([article("a1")], machine)
    assert result == IngestResult(articles=1, rows=3, statements=2)

    back = store.positions(corrected=False)
    assert list(back.columns) == list(schema.COLUMN_NAMES)
    assert back.dtypes.to_dict() == schema.coerce(machine).dtypes.to_dict()
    pd.testing.assert_frame_equal(back, machine.reset_index(drop=True))

    corrected = store.positions()
    assert list(corrected.columns) == [*schema.COLUMN_NAMES, "corrected"]
    assert corrected["corrected"].dtype == bool
    assert not corrected["corrected"].any()
    pd.testing.assert_frame_equal(corrected.drop(columns="corrected"), back)

    # missing values survive as missing, empty strings as empty
    assert pd.isna(back.loc[1, "speaker_role"])
    assert pd.isna(back.loc[1, "stance_score"])
    assert back.loc[1, "date"] == ""


def test_articles_and_statements_stored(filled):
    arts = filled.articles()
    assert filled.article_count() == 2
    assert list(arts["id"]) == ["a1", "b2"]
    a1 = arts.set_index("id").loc["a1"]
    assert a1["published"] == "2024-03-14"
    assert a1["text"].startswith("The minister said")
    assert a1["path"] == "/articles/a1.html"
    assert a1["language"] == "en"
    assert a1["ingested_at"]
    st = filled.statements()
    # two actors on one statement in a1 -> one statement row
    assert sorted(st["article_id"]) == ["a1", "b2"]
    assert set(st.columns) >= {"article_id", "key", "speaker", "speaker_start", "speaker_end", "cue",
                               "kind", "quote", "content_start", "content_end", "sentence"}


def test_article_without_rows_or_date(store):
    store.ingest([article("empty", published=None, title=None)], schema.empty_frame())
    assert store.article_count() == 1
    assert store.positions().empty
    assert list(store.positions().columns) == [*schema.COLUMN_NAMES, "corrected"]
    assert pd.isna(store.articles().loc[0, "published"])


def test_reingest_replaces_machine_rows(filled):
    before = filled.positions(corrected=False)
    assert len(before) == 3
    # a1 re-analysed: the EST row is gone, a new statement appears; b2 untouched
    new = rows(row("a1", 18, 35), row("a1", 37, 55, actor="FIN", issue="defence"))
    filled.ingest([article("a1", title="Updated headline")], new)
    after = filled.positions(corrected=False)
    assert len(after) == 4 - 1  # a1: 2 rows, b2: 1 row
    assert after["row_id"].is_unique
    assert schema.row_id("a1", 18, 35, "EST", "energy") not in set(after["row_id"])
    assert set(after.loc[after.article_id == "b2", "row_id"]) == set(before.loc[before.article_id == "b2", "row_id"])
    assert filled.article_count() == 2
    assert filled.articles().set_index("id").loc["a1", "title"] == "Updated headline"
    assert len(filled.statements().query("article_id == 'a1'")) == 2

    # ingesting the same batch twice yields no duplicates
    filled.ingest([article("a1", title="Updated headline")], new)
    assert len(filled.positions(corrected=False)) == 3


# -- corrections ------------------------------------------------------------------------------


def test_correction_applied_on_read_and_kept_across_reingest(filled):
    rid = schema.row_id("a1", 18, 35, "FIN", "energy")
    filled.correct(rid, "stance", "oppose", note="sarcasm", author="ana")
    table = filled.positions().set_index("row_id")
    assert table.loc[rid, "stance"] == "oppose"
    assert table.loc[rid, "stance_score"] < 0  # the score follows the corrected sign
    assert table.loc[rid, "corrected"]
    assert table["corrected"].sum() == 1
    assert filled.positions(corrected=False).set_index("row_id").loc[rid, "stance"] == "support"

    # re-analysis produces the same row (still 'support'): the correction still applies
    filled.ingest([article("a1")], rows(row("a1", 18, 35, stance="support", stance_score=0.9)))
    assert filled.positions().set_index("row_id").loc[rid, "stance"] == "oppose"
    assert filled.positions(corrected=False).set_index("row_id").loc[rid, "stance"] == "support"
    assert len(filled.corrections()) == 1
    c = filled.corrections().iloc[0]
    assert (c["row_id"], c["field"], c["value"], c["note"], c["author"]) == (rid, "stance", "oppose", "sarcasm", "ana")
    assert filled.orphan_corrections().empty


def test_latest_correction_per_field_wins(filled):
    rid = schema.row_id("a1", 18, 35, "FIN", "energy")
    filled.correct(rid, "stance", "oppose")
    filled.correct(rid, "issue", "nato_enlargement")
    filled.correct(rid, "stance", "neutral")
    filled.correct(rid, "date", "2024-03-10")
    filled.correct(rid, "actor", "EST")
    r = filled.positions().set_index("row_id").loc[rid]
    assert (r["stance"], r["issue"], r["date"], r["actor"]) == ("neutral", "nato_enlargement", "2024-03-10", "EST")
    assert r["actor_name"] == "Estonia" and r["actor_kind"] == "state"
    assert r["stance_score"] == 0.0
    assert len(filled.corrections()) == 5


def test_exclude_drops_row_and_can_be_undone(filled):
    rid = schema.row_id("b2", 18, 35, "NATO", "defence")
    filled.correct(rid, "exclude", "true", note="not a statement")
    assert rid not in set(filled.positions()["row_id"])
    assert len(filled.positions()) == 2
    assert rid in set(filled.positions(corrected=False)["row_id"])
    filled.correct(rid, "exclude", "false")
    table = filled.positions().set_index("row_id")
    assert rid in table.index and table.loc[rid, "corrected"]


def test_orphan_correction_kept_and_reported(filled):
    gone = schema.row_id("a1", 18, 35, "EST", "energy")
    kept = schema.row_id("a1", 18, 35, "FIN", "energy")
    filled.correct(gone, "issue", "arms_exports")
    filled.correct(kept, "stance", "oppose")
    filled.ingest([article("a1")], rows(row("a1", 18, 35)))  # EST row no longer produced
    orphans = filled.orphan_corrections()
    assert list(orphans["row_id"]) == [gone]
    assert len(filled.corrections()) == 2
    assert gone not in set(filled.positions()["row_id"])
    # if re-analysis brings the row back, the correction re-attaches
    filled.ingest([article("a1")], rows(row("a1", 18, 35), row("a1", 18, 35, actor="EST")))
    assert filled.orphan_corrections().empty
    assert filled.positions().set_index("row_id").loc[gone, "issue"] == "arms_exports"


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("speaker", "someone", "cannot correct 'speaker'"),
        ("stance", "maybe", "stance must be one of"),
        ("date", "14/03/2024", "date must be ISO"),
        ("date", "2024-3-1", "date must be ISO"),
        ("actor", "finland", "actor must be"),
        ("issue", "  ", "issue must not be empty"),
        ("exclude", "perhaps", "exclude takes true or false"),
    ],
)
def test_invalid_correction_rejected(filled, field, value, message):
    rid = schema.row_id("a1", 18, 35, "FIN", "energy")
    with pytest.raises(ValueError, match=message):
        filled.correct(rid, field, value)
    assert filled.corrections().empty


def test_correction_of_unknown_row_rejected(filled):
    with pytest.raises(ValueError, match="no row with row_id"):
        filled.correct("0000000000000000", "stance", "oppose")


# -- atomicity --------------------------------------------------------------------------------


def test_failing_ingest_constraint_leaves_store_unchanged(filled):
    rid = schema.row_id("a1", 18, 35, "FIN", "energy")
    filled.correct(rid, "stance", "oppose")
    filled.add_alias("Helsinki", "FIN")
    filled.add_position("a1", 37, 55, "EST", "hostages", "oppose", speaker="Nobody")
    before = content(filled)
    table_before = filled.positions()
    # a new article plus a re-ingest of a1 whose last row reuses b2's row_id (b2 is not in the
    # batch, so its row stays): the PRIMARY KEY fails midway through the inserts
    clash = row("a1", 40, 50, row_id=schema.row_id("b2", 18, 35, "NATO", "defence"))
    with pytest.raises(sqlite3.IntegrityError):
        filled.ingest(
            [article("c3"), article("a1", title="changed")],
            rows(row("c3", 1, 5), row("a1", 18, 35), clash),
            aliases=pd.DataFrame([{"alias": "Tallinn", "actor": "EST", "role": None, "article_id": "a1"}]),
        )
    assert content(filled) == before
    pd.testing.assert_frame_equal(filled.positions(), table_before)
    assert filled.article_count() == 2
    # and the store is still usable
    filled.ingest([article("c3")], rows(row("c3", 1, 5)))
    assert filled.article_count() == 3


def test_failing_ingest_midway_leaves_store_unchanged(filled, monkeypatch):
    before = content(filled)

    def boom(self, rows):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Store, "_insert_positions", boom)  # after articles and statements are written
    with pytest.raises(RuntimeError, match="disk on fire"):
        filled.ingest([article("a1", title="changed"), article("d4")], rows(row("a1", 1, 9), row("d4", 1, 9)))
    assert content(filled) == before


def test_repeated_row_id_in_batch_rejected_before_writing(filled):
    before = content(filled)
    dup = row("a1", 40, 50)
    with pytest.raises(ValueError, match="row_id must be unique"):
        filled.ingest([article("a1", title="changed")], rows(dup, dup))
    assert content(filled) == before


def test_rows_for_unknown_article_rejected(store):
    with pytest.raises(ValueError, match="not in this batch"):
        store.ingest([article("a1")], rows(row("zz", 1, 5)))
    assert store.article_count() == 0


def test_failed_ingest_visible_to_other_connection_as_nothing(filled, monkeypatch):
    """Another process reading the file never sees half a batch."""
    other = Store(filled.path)
    try:
        n = other.article_count()
        monkeypatch.setattr(Store, "_insert_statements", lambda self, st: (_ for _ in ()).throw(RuntimeError("x")))
        with pytest.raises(RuntimeError):
            filled.ingest([article("e5")], rows(row("e5", 1, 5)))
        assert other.article_count() == n
    finally:
        other.close()


# -- aliases ----------------------------------------------------------------------------------


def test_alias_add_list_remove(store):
    store.add_alias("the Kremlin", "RUS", role="government")
    store.add_alias("Brussels", "EU")
    table = store.aliases()
    assert list(table["alias"]) == ["Brussels", "the Kremlin"]
    k = table.set_index("alias").loc["the Kremlin"]
    assert (k["actor"], k["role"], k["source"]) == ("RUS", "government", "analyst")
    assert store.remove_alias("Brussels", "EU") is True
    assert store.remove_alias("Brussels", "EU") is False
    assert list(store.aliases()["alias"]) == ["the Kremlin"]
    with pytest.raises(ValueError):
        store.add_alias("", "RUS")


def test_learned_aliases_never_overwrite_analyst(store):
    store.add_alias("Niinistö", "FIN", role="President")
    learned = pd.DataFrame(
        [
            {"alias": "Niinistö", "actor": "FIN", "role": "Prime Minister", "article_id": "a1"},
            {"alias": "Kallas", "actor": "EST", "role": "Prime Minister", "article_id": "a1"},
        ]
    )
    store.ingest([article("a1")], rows(row("a1", 18, 35)), aliases=learned)
    t = store.aliases().set_index("alias")
    assert (t.loc["Niinistö", "source"], t.loc["Niinistö", "role"]) == ("analyst", "President")
    assert pd.isna(t.loc["Niinistö", "article_id"])
    assert (t.loc["Kallas", "source"], t.loc["Kallas", "article_id"]) == ("learned", "a1")

    # an analyst can adopt a learned alias; re-ingest then leaves it alone
    store.add_alias("Kallas", "EST", role="PM")
    store.ingest([article("a1")], rows(row("a1", 18, 35)), aliases=learned)
    t = store.aliases().set_index("alias")
    assert (t.loc["Kallas", "source"], t.loc["Kallas", "role"]) == ("analyst", "PM")
    assert len(t) == 2


def test_reingest_replaces_learned_aliases_of_that_article(store):
    first = pd.DataFrame([{"alias": "Kallas", "actor": "EST", "role": None, "article_id": "a1"}])
    second = pd.DataFrame([{"alias": "Karis", "actor": "EST", "role": "President", "article_id": "a1"}])
    store.ingest([article("a1")], rows(row("a1", 18, 35)), aliases=first)
    store.ingest([article("a1")], rows(row("a1", 18, 35)), aliases=second)
    assert list(store.aliases()["alias"]) == ["Karis"]


def test_store_shared_across_threads(filled):
    """A dashboard caches one Store and calls it from its script threads."""
    import threading

    ISSUES = ["nato_enlargement", "arms_exports", "hostages", "climate_finance"]

    rid = schema.row_id("a1", 18, 35, "FIN", "energy")
    errors, counts = [], []

    def work(i):
        try:
            filled.correct(rid, "issue", ISSUES[i % len(ISSUES)])
            counts.append(len(filled.positions()))
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert counts == [3] * 8
    assert len(filled.corrections()) == 8
