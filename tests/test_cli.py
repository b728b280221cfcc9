"""The command line, driven through main([...]) (and once as a real subprocess).

Subcommands that analyse text run the real pipeline (spaCy model load, about a second).
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import schema
from analysis.__main__ import main
from analysis.articles import Article
from analysis.store import Store

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "articles"
WIRE = FIXTURES / "wire_story.html"
SEED = next((REPO / "seeds").glob("*.txt"))

SCHEMA_AND_FLAG = [*schema.COLUMN_NAMES, "corrected"]


@pytest.fixture(autouse=True)
def _isolated_db(tmp_path, monkeypatch):
    """No test may touch the repo's real database."""
    monkeypatch.setenv("DEMARCHE_DB", str(tmp_path / "default.sqlite"))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def write_broken(folder: Path) -> Path:
    bad = folder / "broken.html"
    bad.write_bytes(b"\x00\xff\xfe garbage \x00\x00\x9c")
    return bad


@pytest.fixture
def folder(tmp_path) -> Path:
    """A folder with one good article and one unreadable file."""
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(WIRE, d / WIRE.name)
    write_broken(d)
    return d


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> Path:
    """A store with the seed article and the wire story ingested through the CLI."""
    db = tmp_path_factory.mktemp("ingested") / "db.sqlite"
    assert main(["ingest", str(SEED), str(WIRE), "--db", str(db)]) == 0
    return db


@pytest.fixture
def synthetic_db(tmp_path) -> tuple[Path, str]:
    """A store filled without the pipeline, for the commands that only edit or read it."""
    db = tmp_path / "synthetic.sqlite"
    rid = schema.row_id("a1", 18, 35, "FIN", "energy")
    rows = schema.frame([dict(
        row_id=rid, article_id="a1", title="T", published="2024-03-14", actor="FIN", actor_name="Finland",
        actor_kind="state", speaker="the minister", issue="energy", issue_label="Energy", stance="support",
        stance_score=0.6, date="2024-03-14", date_source="published", kind="indirect", quote="the plan was good",
        content_start=18, content_end=35, speaker_start=0, speaker_end=12, cue="said", confidence=0.7,
    )])
    with Store(db) as s:
        s.ingest([Article(id="a1", text="The minister said the plan was good.", title="T")], rows)
    return db, rid


# -- the program as a whole -------------------------------------------------------------------


def test_help_in_a_real_subprocess():
    proc = subprocess.run(
        [sys.executable, "-m", "analysis", "--help"], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    for name in ("ingest", "extract", "statements", "export", "aliases", "correct"):
        assert name in proc.stdout


def test_help_and_usage_errors_return_codes(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "ingest" in out
    code, _, err = run(capsys)
    assert code == 2 and "usage" in err
    code, _, err = run(capsys, "frobnicate")
    assert code == 2 and "invalid choice" in err


@pytest.mark.parametrize("cmd", ["ingest", "extract"])
def test_bad_date_is_a_one_line_error(capsys, cmd):
    code, _, err = run(capsys, cmd, WIRE, "--published", "14/03/2024")
    assert code == 2
    assert "not an ISO date" in err and "Traceback" not in err


@pytest.mark.parametrize("cmd", ["ingest", "extract"])
def test_missing_path_is_a_one_line_error(capsys, tmp_path, cmd):
    code, _, err = run(capsys, cmd, tmp_path / "nope.html")
    assert code == 2
    assert "no such file or directory" in err and "nope.html" in err
    assert "Traceback" not in err


def test_bad_db_is_a_one_line_error(capsys, tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not a database " * 200)
    for argv in (["aliases", "--db", bad, "list"], ["ingest", WIRE, "--db", bad], ["export", "--db", bad, "--out", tmp_path / "x.csv"]):
        code, _, err = run(capsys, *argv)
        assert code == 2, argv
        assert "not a usable Demarche database" in err and "Traceback" not in err
    code, _, err = run(capsys, "export", "--db", tmp_path / "missing.sqlite", "--out", tmp_path / "x.csv")
    assert code == 2 and "no database" in err


# -- ingest -----------------------------------------------------------------------------------


def test_ingest_folder_with_a_broken_file(capsys, tmp_path, folder):
    db = tmp_path / "db.sqlite"
    code, out, err = run(capsys, "ingest", folder, "--db", db)
    assert code == 0, err
    assert "articles read: 1" in out
    assert "skipped: 1" in out
    assert "broken.html" in out
    assert "rows written:" in out
    assert "analysing" in err  # the progress bar went to stderr
    with Store(db) as s:
        assert s.article_count() == 1
        n_rows = len(s.positions(corrected=False))
    assert f"rows written: {n_rows}" in out
    assert n_rows > 0


def test_ingest_of_nothing_readable_fails(capsys, tmp_path):
    d = tmp_path / "junk"
    d.mkdir()
    write_broken(d)
    db = tmp_path / "db.sqlite"
    code, out, err = run(capsys, "ingest", d, "--db", db)
    assert code != 0
    assert "broken.html" in err and "no readable articles" in err
    with Store(db) as s:
        assert s.article_count() == 0


def test_ingest_if_empty(capsys, tmp_path, monkeypatch):
    db = tmp_path / "db.sqlite"
    monkeypatch.setenv("DEMARCHE_DB", str(db))  # default --db comes from the environment
    code, out, _ = run(capsys, "ingest", SEED, "--if-empty")
    assert code == 0 and "articles read: 1" in out
    with Store(db) as s:
        rows_before = s.positions(corrected=False)
    code, out, _ = run(capsys, "ingest", WIRE, "--if-empty")
    assert code == 0
    assert "nothing to do" in out and "articles read" not in out
    with Store(db) as s:
        assert s.article_count() == 1
        pd.testing.assert_frame_equal(s.positions(corrected=False), rows_before)


def test_ingest_drops_repeated_row_ids_with_a_warning(capsys, tmp_path, monkeypatch):
    import analysis.pipeline as pipeline

    real = pipeline.analyse

    def doubled(articles, nlp=None, aliases=None):
        rows, learned = real(articles, nlp=nlp, aliases=aliases)
        return pd.concat([rows, rows.iloc[:1]], ignore_index=True), learned

    monkeypatch.setattr(pipeline, "analyse", doubled)
    db = tmp_path / "db.sqlite"
    code, out, err = run(capsys, "ingest", WIRE, "--db", db)
    assert code == 0
    assert "warning:" in err and "row_id" in err
    with Store(db) as s:
        table = s.positions(corrected=False)
    assert table["row_id"].is_unique
    assert f"rows written: {len(table)}" in out


def test_ingest_passes_aliases_to_the_pipeline(capsys, tmp_path, monkeypatch):
    import analysis.pipeline as pipeline

    seen = []
    real = pipeline.analyse

    def spy(articles, nlp=None, aliases=None):
        seen.append(aliases)
        return real(articles, nlp=nlp, aliases=aliases)

    monkeypatch.setattr(pipeline, "analyse", spy)
    db = tmp_path / "db.sqlite"
    assert run(capsys, "aliases", "--db", db, "add", "Northern Grid Authority", "FIN")[0] == 0
    assert run(capsys, "ingest", WIRE, "--db", db)[0] == 0
    assert len(seen) == 1
    assert "Northern Grid Authority" in set(seen[0]["alias"])


def test_reingest_through_cli_keeps_row_count(capsys, tmp_path):
    db = tmp_path / "db.sqlite"
    assert run(capsys, "ingest", SEED, "--db", db)[0] == 0
    with Store(db) as s:
        first = s.positions(corrected=False)
    assert run(capsys, "ingest", SEED, "--db", db)[0] == 0
    with Store(db) as s:
        assert s.article_count() == 1
        pd.testing.assert_frame_equal(s.positions(corrected=False), first)


# -- extract ----------------------------------------------------------------------------------


def test_extract_jsonl(capsys, folder):
    code, out, err = run(capsys, "extract", folder, "--format", "jsonl")
    assert code == 0
    assert "broken.html" in err  # skips reported on stderr, not mixed into the data
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines, "the wire story should yield rows"
    for obj in lines:
        assert list(obj) == list(schema.COLUMN_NAMES)
        assert obj["stance"] in schema.STANCES
        assert isinstance(obj["content_start"], int)
    back = schema.coerce(pd.DataFrame(lines))
    assert back["row_id"].is_unique


def test_extract_csv_and_published(capsys):
    code, out, _ = run(capsys, "extract", SEED, "--format", "csv", "--published", "2024-02-27")
    assert code == 0
    df = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert list(df.columns) == list(schema.COLUMN_NAMES)
    assert len(df) > 0
    assert set(df["stance"]) <= set(schema.STANCES)


def test_extract_nothing_readable_fails(capsys, tmp_path):
    d = tmp_path / "junk"
    d.mkdir()
    write_broken(d)
    code, out, err = run(capsys, "extract", d)
    assert code != 0 and out == ""


# -- statements -------------------------------------------------------------------------------


def test_statements_benchmark_output(capsys, tmp_path):
    seed_text = SEED.read_text(encoding="utf-8")
    records = [
        {"id": "seed", "text": seed_text, "gold": "ignored"},
        {"id": 2, "text": "No one said anything here. The weather was fine."},
        # leading whitespace and boilerplate must not be stripped: offsets index the text as given
        {"id": "padded", "text": "  Advertisement\n\n\"We will not send troops,\" the minister said on Tuesday."},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    out_file = tmp_path / "out.jsonl"
    code, out, err = run(capsys, "statements", src, "--out", out_file)
    assert code == 0, err
    lines = [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(records)
    assert [line["id"] for line in lines] == [r["id"] for r in records]
    for line, rec in zip(lines, records):
        assert set(line) == {"id", "attributions"}
        assert isinstance(line["attributions"], list)
        for att in line["attributions"]:
            assert {"source", "cue", "content", "speaker", "kind"} <= set(att)
            for key in ("source", "cue", "content"):
                if att[key] is None:
                    assert key == "source"  # a statement may have no speaker mention
                    continue
                start, end = att[key]
                assert 0 <= start < end <= len(rec["text"]), (rec["id"], key, att[key])
            assert att["kind"] in schema.ATTRIBUTION_KINDS
    assert len(lines[0]["attributions"]) > 0
    assert not lines[1]["attributions"]
    padded = records[2]["text"]
    (att,) = lines[2]["attributions"]
    assert padded[att["content"][0] : att["content"][1]].startswith("We will not send troops")
    assert padded[att["cue"][0] : att["cue"][1]] == "said"

    # to stdout when --out is absent
    code, out, _ = run(capsys, "statements", src)
    assert code == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == [r["id"] for r in records]


def test_statements_bad_input(capsys, tmp_path):
    code, _, err = run(capsys, "statements", tmp_path / "missing.jsonl")
    assert code == 2 and "no such file" in err
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "ok"}\n{not json\n')
    code, _, err = run(capsys, "statements", bad)
    assert code == 2 and "bad.jsonl:2" in err and "Traceback" not in err
    no_text = tmp_path / "no_text.jsonl"
    no_text.write_text('{"id": 1}\n')
    code, _, err = run(capsys, "statements", no_text)
    assert code == 2 and '"text"' in err


# -- export -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt, name", [("csv", "table.csv"), ("parquet", "table.parquet"), (None, "inferred.parquet")])
def test_export(capsys, tmp_path, ingested, fmt, name):
    out_path = tmp_path / name
    argv = ["export", "--db", ingested, "--out", out_path] + (["--format", fmt] if fmt else [])
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    with Store(ingested) as s:
        expected = s.positions()
    if name.endswith(".parquet"):
        df = pd.read_parquet(out_path)
    else:
        df = pd.read_csv(out_path, keep_default_na=False)
    assert list(df.columns) == SCHEMA_AND_FLAG
    assert len(df) == len(expected) > 0
    assert list(df["row_id"]) == list(expected["row_id"])
    assert f"wrote {len(expected)} rows" in out


def test_export_into_missing_directory(capsys, tmp_path, synthetic_db):
    db, _ = synthetic_db
    code, _, err = run(capsys, "export", "--db", db, "--out", tmp_path / "no" / "such" / "x.csv")
    assert code == 2 and "no such directory" in err


# -- aliases ----------------------------------------------------------------------------------


def test_aliases_round_trip(capsys, tmp_path):
    db = tmp_path / "db.sqlite"
    code, out, _ = run(capsys, "aliases", "--db", db, "add", "the Kremlin", "RUS", "--role", "government")
    assert code == 0 and "the Kremlin" in out
    assert run(capsys, "aliases", "--db", db, "add", "Brussels", "EU")[0] == 0
    code, out, _ = run(capsys, "aliases", "--db", db, "list")
    assert code == 0
    table = pd.read_csv(io.StringIO(out), sep="\t", keep_default_na=False)
    assert list(table.columns) == ["alias", "actor", "role", "source", "article_id"]
    assert table.set_index("alias").loc["the Kremlin", "role"] == "government"
    assert set(table["source"]) == {"analyst"}
    code, out, _ = run(capsys, "aliases", "--db", db, "remove", "Brussels", "EU")
    assert code == 0
    code, _, err = run(capsys, "aliases", "--db", db, "remove", "Brussels", "EU")
    assert code == 2 and "no alias" in err
    code, out, _ = run(capsys, "aliases", "--db", db, "list")
    assert "Brussels" not in out and "the Kremlin" in out
    with Store(db) as s:
        assert list(s.aliases()["alias"]) == ["the Kremlin"]


def test_aliases_needs_an_action(capsys, tmp_path):
    code, _, err = run(capsys, "aliases", "--db", tmp_path / "db.sqlite")
    assert code == 2 and "usage" in err


# -- correct ----------------------------------------------------------------------------------


def test_correct_round_trip(capsys, tmp_path, synthetic_db):
    db, rid = synthetic_db
    code, out, err = run(capsys, "correct", rid, "stance", "oppose", "--note", "irony", "--author", "ana", "--db", db)
    assert code == 0, err
    assert rid in out
    with Store(db) as s:
        assert s.positions().set_index("row_id").loc[rid, "stance"] == "oppose"
        c = s.corrections().iloc[-1]
        assert (c["field"], c["value"], c["note"], c["author"]) == ("stance", "oppose", "irony", "ana")
    # the export carries the correction
    out_csv = tmp_path / "t.csv"
    assert run(capsys, "export", "--db", db, "--out", out_csv)[0] == 0
    exported = pd.read_csv(out_csv, keep_default_na=False).set_index("row_id")
    assert exported.loc[rid, "stance"] == "oppose"
    assert bool(exported.loc[rid, "corrected"])
    # exclusion drops it from the export
    assert run(capsys, "correct", rid, "exclude", "true", "--db", db)[0] == 0
    assert run(capsys, "export", "--db", db, "--out", out_csv)[0] == 0
    assert rid not in set(pd.read_csv(out_csv, keep_default_na=False)["row_id"])


@pytest.mark.parametrize(
    "argv, message",
    [
        (["stance", "maybe"], "stance must be one of"),
        (["colour", "red"], "cannot correct"),
        (["date", "yesterday"], "date must be ISO"),
    ],
)
def test_correct_invalid(capsys, synthetic_db, argv, message):
    db, rid = synthetic_db
    code, _, err = run(capsys, "correct", rid, *argv, "--db", db)
    assert code == 2
    assert message in err and "Traceback" not in err


def test_correct_unknown_row(capsys, synthetic_db):
    db, _ = synthetic_db
    code, _, err = run(capsys, "correct", "ffffffffffffffff", "stance", "oppose", "--db", db)
    assert code == 2 and "no row with row_id" in err


def test_correct_on_ingested_rows(capsys, ingested):
    """A correction to a row the real pipeline produced."""
    with Store(ingested) as s:
        rid = s.positions()["row_id"].iloc[0]
    code, _, err = run(capsys, "correct", rid, "issue", "unclassified", "--db", ingested)
    assert code == 0, err
    with Store(ingested) as s:
        assert s.positions().set_index("row_id").loc[rid, "issue"] == "unclassified"
