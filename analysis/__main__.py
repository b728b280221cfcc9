"""The command line: `python -m analysis` (installed as `demarche`).

Thin on purpose: parse arguments, call the library, print. Each subcommand is a pair
(`_add_<name>` registers its parser, `_cmd_<name>` runs it) listed in SUBCOMMANDS, so a new
one is two functions and a line. User errors print one line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from pathlib import Path
from typing import Callable, Iterable

PROG = "demarche"


class UserError(Exception):
    """Something the user can fix (bad path, bad date, bad value): reported without a traceback."""


# -- shared helpers -------------------------------------------------------------------------


def _date(text: str) -> dt.date:
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (yyyy-mm-dd): {text!r}") from None


def _existing_paths(paths: Iterable[str]) -> list[Path]:
    out = []
    for p in paths:
        path = Path(p)
        if not path.exists():
            raise UserError(f"no such file or directory: {p}")
        out.append(path)
    return out


def _open_store(db: str | None, must_exist: bool = False):
    from analysis.store import Store, default_db_path

    path = Path(db) if db else default_db_path()
    if must_exist and not path.exists():
        raise UserError(f"no database at {path} (run `{PROG} ingest` first)")
    return Store(path)


def _load(paths: list[str], published: dt.date | None):
    checked = _existing_paths(paths)
    from analysis.articles import load_articles

    return load_articles(checked, published=published)


def _report_skipped(skipped, out) -> None:
    for s in skipped:
        print(f"  skipped {s.path}: {s.reason}", file=out)


def _jsonable(value):
    """A DataFrame cell as plain JSON (missing -> null)."""
    if value is None:
        return None
    try:
        import pandas as pd

        if value is pd.NA:
            return None
    except ImportError:  # pragma: no cover
        pass
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _progress(total: int, desc: str):
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="article", file=sys.stderr)


# -- ingest ---------------------------------------------------------------------------------


def _add_ingest(sub) -> None:
    p = sub.add_parser("ingest", help="read articles, analyse them and store the rows")
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    p.add_argument("--db", metavar="FILE", help="database file (default: $DEMARCHE_DB or data/demarche.sqlite)")
    p.add_argument("--published", type=_date, metavar="DATE", help="publication date for articles that lack one")
    p.add_argument("--if-empty", action="store_true", help="do nothing if the store already holds articles")


def _cmd_ingest(args) -> int:
    _existing_paths(args.paths)  # before touching the store
    with _open_store(args.db) as store:
        if args.if_empty:
            n = store.article_count()
            if n:
                print(f"store {store.path} already has {n} articles; nothing to do (--if-empty)")
                return 0
        articles, skipped = _load(args.paths, args.published)
        if not articles:
            print("articles read: 0", file=sys.stderr)
            _report_skipped(skipped, sys.stderr)
            print(f"{PROG}: error: no readable articles in {' '.join(args.paths)}", file=sys.stderr)
            return 1
        from analysis.sources import ingest

        with _progress(len(articles), "analysing") as bar:
            report = ingest(store, articles, skipped=skipped, on_progress=lambda done, _: bar.update(done - bar.n))
        if report.dropped_rows:
            print(
                f"{PROG}: warning: {report.dropped_rows} rows repeat another row's row_id and were not stored",
                file=sys.stderr,
            )
        print(f"articles read: {len(articles)}")
        print(f"skipped: {len(report.skipped)}")
        _report_skipped(report.skipped, sys.stdout)
        print(f"statements: {report.statements}")
        print(f"rows written: {report.rows}")
        print(f"store: {store.path} ({store.article_count()} articles)")
    return 0


# -- remove ---------------------------------------------------------------------------------


def _add_remove(sub) -> None:
    p = sub.add_parser("remove", help="remove articles and their rows from the store (corrections are kept)")
    p.add_argument("ids", nargs="+", metavar="ARTICLE_ID")
    p.add_argument("--db", metavar="FILE", help="database file (default: $DEMARCHE_DB or data/demarche.sqlite)")


def _cmd_remove(args) -> int:
    missing = []
    with _open_store(args.db, must_exist=True) as store:
        for article_id in args.ids:
            if store.remove_article(article_id):
                print(f"removed {article_id}")
            else:
                missing.append(article_id)
    if missing:
        raise UserError(f"no article with id {', '.join(missing)}")
    return 0


# -- extract --------------------------------------------------------------------------------


def _add_extract(sub) -> None:
    p = sub.add_parser("extract", help="analyse articles and print the rows (no store)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    p.add_argument("--published", type=_date, metavar="DATE", help="publication date for articles that lack one")
    p.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")


def _cmd_extract(args) -> int:
    articles, skipped = _load(args.paths, args.published)
    _report_skipped(skipped, sys.stderr)
    if not articles:
        print(f"{PROG}: error: no readable articles in {' '.join(args.paths)}", file=sys.stderr)
        return 1
    from analysis import schema
    from analysis.pipeline import extract

    rows = schema.coerce(extract(articles, nlp=None))
    if args.format == "csv":
        rows.to_csv(sys.stdout, index=False)
    else:
        cols = list(rows.columns)
        for rec in rows.itertuples(index=False, name=None):
            obj = {c: _jsonable(v) for c, v in zip(cols, rec)}
            sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return 0


# -- statements -----------------------------------------------------------------------------


def _add_statements(sub) -> None:
    p = sub.add_parser("statements", help="attributions per article, for benchmarks (JSONL in, JSONL out)")
    p.add_argument("input", metavar="INPUT.jsonl", help='one {"id": ..., "text": ...} object per line')
    p.add_argument("--out", metavar="FILE", help="write here instead of stdout")


def _read_records(path: str) -> list[dict]:
    """Benchmark records, texts untouched: offsets in the output must index them as given."""
    src = Path(path)
    if not src.is_file():
        raise UserError(f"no such file: {path}")
    records = []
    with src.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise UserError(f"{path}:{n}: not valid JSON ({e.msg})") from None
            if not isinstance(obj, dict) or "id" not in obj or not isinstance(obj.get("text"), str):
                raise UserError(f'{path}:{n}: expected an object with "id" and "text"')
            records.append({"id": obj["id"], "text": obj["text"]})
    return records


def _cmd_statements(args) -> int:
    records = _read_records(args.input)
    from analysis.pipeline import attributions

    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
    try:
        with _progress(len(records), "attributing") as bar:
            for result in attributions(records):
                out.write(json.dumps(result, ensure_ascii=False) + "\n")
                bar.update(1)
    finally:
        if args.out:
            out.close()
    return 0


# -- export ---------------------------------------------------------------------------------


def _add_export(sub) -> None:
    p = sub.add_parser("export", help="write the corrected table to CSV or Parquet")
    p.add_argument("--db", metavar="FILE", help="database file (default: $DEMARCHE_DB or data/demarche.sqlite)")
    p.add_argument("--format", choices=["csv", "parquet"], help="default: from the --out suffix, else csv")
    p.add_argument("--out", required=True, metavar="FILE")


def _cmd_export(args) -> int:
    fmt = args.format or ("parquet" if args.out.lower().endswith((".parquet", ".pq")) else "csv")
    out = Path(args.out)
    if not out.parent.exists():
        raise UserError(f"no such directory: {out.parent}")
    with _open_store(args.db, must_exist=True) as store:
        table = store.positions()
    if fmt == "parquet":
        table.to_parquet(out, index=False, engine="pyarrow")
    else:
        table.to_csv(out, index=False)
    print(f"wrote {len(table)} rows to {out} ({fmt})")
    return 0


# -- aliases --------------------------------------------------------------------------------


def _add_aliases(sub) -> None:
    p = sub.add_parser("aliases", help="list or edit actor aliases")
    p.add_argument("--db", metavar="FILE", help="database file (default: $DEMARCHE_DB or data/demarche.sqlite)")
    act = p.add_subparsers(dest="action", metavar="ACTION")
    act.required = True
    act.add_parser("list", help="print all aliases (tab-separated)")
    add = act.add_parser("add", help="add an analyst alias")
    add.add_argument("alias", metavar="ALIAS")
    add.add_argument("actor", metavar="ACTOR")
    add.add_argument("--role", metavar="R")
    rm = act.add_parser("remove", help="remove an alias")
    rm.add_argument("alias", metavar="ALIAS")
    rm.add_argument("actor", metavar="ACTOR")


def _cmd_aliases(args) -> int:
    with _open_store(args.db) as store:
        if args.action == "add":
            try:
                store.add_alias(args.alias, args.actor, role=args.role)
            except ValueError as e:
                raise UserError(str(e)) from None
            print(f"added alias {args.alias!r} -> {args.actor}")
        elif args.action == "remove":
            if not store.remove_alias(args.alias, args.actor):
                raise UserError(f"no alias {args.alias!r} -> {args.actor}")
            print(f"removed alias {args.alias!r} -> {args.actor}")
        else:
            table = store.aliases()
            print("\t".join(["alias", "actor", "role", "source", "article_id"]))
            for rec in table.itertuples(index=False):
                cells = [rec.alias, rec.actor, rec.role, rec.source, rec.article_id]
                print("\t".join("" if c is None else str(c) for c in cells))
    return 0


# -- correct --------------------------------------------------------------------------------


def _add_correct(sub) -> None:
    p = sub.add_parser(
        "correct", help="record an analyst's correction to one row, or undo one",
        description="Record a correction (ROW_ID FIELD VALUE), or take one back with --undo ID. "
                    "Undone corrections stay in the audit trail.",
    )
    p.add_argument("row_id", metavar="ROW_ID", nargs="?")
    p.add_argument("field", metavar="FIELD", nargs="?", help="stance, issue, actor, date or exclude")
    p.add_argument("value", metavar="VALUE", nargs="?")
    p.add_argument("--undo", type=int, metavar="ID", help="undo correction number ID instead")
    p.add_argument("--note", default="")
    p.add_argument("--author", default="")
    p.add_argument("--db", metavar="FILE", help="database file (default: $DEMARCHE_DB or data/demarche.sqlite)")


def _cmd_correct(args) -> int:
    given = [a for a in (args.row_id, args.field, args.value) if a is not None]
    if args.undo is not None and given:
        raise UserError("--undo ID takes no ROW_ID FIELD VALUE")
    if args.undo is None and len(given) != 3:
        raise UserError("give ROW_ID FIELD VALUE, or --undo ID")
    with _open_store(args.db, must_exist=True) as store:
        try:
            if args.undo is not None:
                store.undo_correction(args.undo)
            else:
                cid = store.correct(args.row_id, args.field, args.value, note=args.note, author=args.author)
        except ValueError as e:
            raise UserError(str(e)) from None
    if args.undo is not None:
        print(f"correction #{args.undo} undone")
    else:
        print(f"correction #{cid}: {args.row_id} {args.field} = {args.value}")
    return 0


# -- evaluate -------------------------------------------------------------------------------

def _add_evaluate(sub) -> None:
    p = sub.add_parser("evaluate", help="score extracted positions against gold rows (seed-gold JSONL)")
    p.add_argument("gold", metavar="GOLD.jsonl", help="gold positions: article, actor, issue, stance, date")
    p.add_argument("paths", nargs="+", metavar="PATH", help="the articles the gold describes")
    p.add_argument("--published", type=_date, metavar="DATE", help="publication date for articles that lack one")
    p.add_argument("--json", action="store_true", help="print the full result as JSON")


def _cmd_evaluate(args) -> int:
    from analysis.evaluate import evaluate, load_gold
    from analysis.pipeline import extract

    try:
        gold = load_gold(args.gold)
    except (OSError, ValueError) as e:
        print(f"{PROG}: error: cannot read gold file {args.gold}: {e}", file=sys.stderr)
        return 2
    articles, skipped = _load(args.paths, args.published)
    _report_skipped(skipped, sys.stderr)
    if not articles:
        print(f"{PROG}: error: no readable articles in {' '.join(args.paths)}", file=sys.stderr)
        return 1
    result = evaluate(gold, extract(articles, nlp=None))
    if args.json:
        print(json.dumps(result, default=str, indent=2))
        return 0
    for name in ("article_actor", "article_actor_issue_stance"):
        s = result[name]
        print(f"{name:28s} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f} "
              f"(tp={s['tp']} predicted={s['predicted']} gold={s['gold']})")
    print(f"{'date_accuracy':28s} {result['date_accuracy']:.3f} on matched positions")
    for label in ("missed", "false_alarms", "wrong_dates"):
        for item in result[label]:
            print(f"  {label}: {item}")
    return 0


# -- wiring ---------------------------------------------------------------------------------

# (name, add_parser, run): add a subcommand (e.g. evaluate) by appending a triple.
SUBCOMMANDS: list[tuple[str, Callable, Callable]] = [
    ("ingest", _add_ingest, _cmd_ingest),
    ("remove", _add_remove, _cmd_remove),
    ("extract", _add_extract, _cmd_extract),
    ("statements", _add_statements, _cmd_statements),
    ("export", _add_export, _cmd_export),
    ("aliases", _add_aliases, _cmd_aliases),
    ("correct", _add_correct, _cmd_correct),
    ("evaluate", _add_evaluate, _cmd_evaluate),
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="What governments and international organisations say about the issues of the day, read from news articles.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name, add, run in SUBCOMMANDS:
        add(sub)
        sub.choices[name].set_defaults(run=run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # --help, or argparse's own usage error (already printed)
        return e.code if isinstance(e.code, int) else (0 if e.code is None else 2)

    from analysis.store import StoreError

    try:
        return args.run(args)
    except (UserError, StoreError) as e:
        print(f"{PROG}: error: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        if isinstance(e, BrokenPipeError):  # e.g. `demarche extract ... | head`
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        where = f": {e.filename}" if getattr(e, "filename", None) else ""
        print(f"{PROG}: error: {e.strerror or e}{where}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
