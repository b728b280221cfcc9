"""The embedded store: articles, machine rows, analysts' corrections and actor aliases in one SQLite file.

Machine output (articles, statements, positions, learned aliases) is replaced wholesale
whenever an article is re-ingested; analysts' work (corrections, positions they added, analyst
aliases) is never touched by ingest. Corrections are keyed by `row_id` and applied when the
table is read, so they stay attached for as long as re-analysis reproduces the same row; an
undone correction is marked, not deleted, so the audit trail stays whole.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
import re
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

import pandas as pd

from analysis import schema
from analysis.corrections import actor_name_kind, check_issue, issue_label

if TYPE_CHECKING:
    from analysis.articles import Article

SCHEMA_VERSION = 2

CORRECTABLE_FIELDS = ("stance", "issue", "actor", "date", "exclude")
ALIAS_SOURCES = ("learned", "analyst")

_TRUE = {"true", "1", "yes", "y"}
_FALSE = {"false", "0", "no", "n"}
_ACTOR_ID = re.compile(r"^[A-Z][A-Z0-9_-]{1,15}$")

_SQL_TYPES = {"string": "TEXT", "int64": "INTEGER", "float64": "REAL"}

_STANCE_SCORES = {"support": 1.0, "oppose": -1.0, "neutral": 0.0}

# Columns of Store.correction_log().
LOG_COLUMNS = (
    "kind", "id", "status", "row_id", "field", "value", "was", "note", "author", "created_at", "reverted_at",
    "article_id", "title", "speaker", "actor_name", "issue_label", "stance", "quote",
)


def _positions_ddl() -> str:
    cols = []
    for col in schema.COLUMNS:
        sql_type = _SQL_TYPES[col.dtype]
        if col.name == "row_id":
            cols.append("row_id TEXT PRIMARY KEY")
        elif col.name == "article_id":
            cols.append("article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE")
        else:
            cols.append(f"{col.name} {sql_type}")
    return "CREATE TABLE positions (\n    " + ",\n    ".join(cols) + "\n)"


_DDL = [
    """CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        title TEXT,
        source TEXT,
        url TEXT,
        published TEXT,
        language TEXT,
        path TEXT,
        text TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    )""",
    """CREATE TABLE statements (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        speaker TEXT,
        speaker_start INTEGER,
        speaker_end INTEGER,
        cue TEXT,
        kind TEXT,
        quote TEXT,
        content_start INTEGER NOT NULL,
        content_end INTEGER NOT NULL,
        sentence TEXT,
        PRIMARY KEY (article_id, key)
    )""",
    _positions_ddl(),
    "CREATE INDEX positions_article ON positions(article_id)",
    # No foreign key to positions: a correction outlives its row (see orphan_corrections).
    """CREATE TABLE corrections (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        row_id TEXT NOT NULL,
        field TEXT NOT NULL CHECK (field IN ('stance', 'issue', 'actor', 'date', 'exclude')),
        value TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX corrections_row ON corrections(row_id)",
    # article_id is provenance only (no foreign key): an alias outlives the article it came from.
    """CREATE TABLE aliases (
        alias TEXT NOT NULL,
        actor TEXT NOT NULL,
        role TEXT,
        source TEXT NOT NULL CHECK (source IN ('learned', 'analyst')),
        article_id TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (alias, actor)
    )""",
]


# Version n -> n + 1. Each step keeps the data it finds; a fresh file runs _DDL then every step.
_MIGRATIONS: dict[int, list[str]] = {
    1: [
        # Undo keeps the audit trail: an undone correction is marked, never deleted.
        "ALTER TABLE corrections ADD COLUMN reverted_at TEXT",
        # Positions an analyst added with their evidence span. Kept apart from machine rows so
        # ingest never touches them; no foreign key, so they outlive a removed article.
        """CREATE TABLE added_positions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            row_id TEXT NOT NULL,
            article_id TEXT NOT NULL,
            content_start INTEGER NOT NULL,
            content_end INTEGER NOT NULL,
            quote TEXT NOT NULL,
            sentence TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL,
            speaker TEXT NOT NULL DEFAULT '',
            actor TEXT NOT NULL DEFAULT '',
            issue TEXT NOT NULL,
            stance TEXT NOT NULL,
            date TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            reverted_at TEXT
        )""",
        "CREATE INDEX added_positions_row ON added_positions(row_id)",
    ],
}


class StoreError(Exception):
    """The database file cannot be used (not SQLite, unreadable, or from a newer Demarche)."""


@dataclass(frozen=True)
class IngestResult:
    articles: int
    rows: int
    statements: int


def default_db_path() -> Path:
    """`$DEMARCHE_DB` if set, so tests and deployments can point elsewhere; else data/demarche.sqlite in the repo."""
    env = os.environ.get("DEMARCHE_DB")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "data" / "demarche.sqlite"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _py(value):
    """A pandas/numpy scalar as a value sqlite3 can bind (missing -> NULL)."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
    return value


def _records(df: pd.DataFrame, columns: Iterable[str]) -> list[tuple]:
    columns = list(columns)
    return [tuple(_py(v) for v in row) for row in df[columns].itertuples(index=False, name=None)]


def statement_key(article_id: str, content_start: int, content_end: int) -> str:
    """A statement is identified by where its content sits in the article."""
    key = f"{article_id}|{content_start}|{content_end}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _parse_bool(value: str) -> bool:
    v = str(value).strip().lower()
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    raise ValueError(f"exclude takes true or false, not {value!r}")


def _place(text: str | None, start: int, end: int, quote: str) -> tuple[int, int] | None:
    """Where an added position's evidence is in the article now: its offsets, or the one place the
    quote moved to if the article was re-ingested with edits; None if the article is gone or ambiguous."""
    if text is None:
        return None
    if text[start:end] == quote:
        return start, end
    first = text.find(quote)
    if first < 0 or text.find(quote, first + 1) >= 0:
        return None
    return first, first + len(quote)


def _normalise_value(field: str, value) -> str:
    """Validate a correction's value and return it as stored (text)."""
    value = "" if value is None else str(value).strip()
    if field == "stance":
        if value not in schema.STANCES:
            raise ValueError(f"stance must be one of {', '.join(schema.STANCES)}, not {value!r}")
    elif field == "issue":
        value = check_issue(value)
    elif field == "actor":
        if value and not _ACTOR_ID.match(value):
            raise ValueError(
                f"actor must be an ISO 3166-1 alpha-3 code or an upper-case organisation id (NATO, EU), not {value!r}"
            )
    elif field == "date":
        if value:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"date must be ISO yyyy-mm-dd or empty, not {value!r}") from None
            if len(value) != 10:
                raise ValueError(f"date must be ISO yyyy-mm-dd or empty, not {value!r}")
    elif field == "exclude":
        value = "true" if _parse_bool(value) else "false"
    return value


class Store:
    """One SQLite file holding everything Demarche knows; safe to open from several processes (WAL)."""

    def __init__(self, path: str | os.PathLike | None = None):
        self._lock = threading.RLock()
        self.path = Path(path) if path is not None else default_db_path()
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a directory, not a database file")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"cannot create {self.path.parent}: {e.strerror or e}") from None
        try:
            # Autocommit mode: transactions are opened explicitly (BEGIN IMMEDIATE) where needed.
            # Shareable across threads (a dashboard caches one Store); _lock keeps a transaction whole.
            self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=30, check_same_thread=False)
        except sqlite3.Error as e:
            raise StoreError(f"cannot open {self.path}: {e}") from None
        try:
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except sqlite3.DatabaseError as e:
            self._conn.close()
            raise StoreError(f"{self.path} is not a usable Demarche database: {e}") from None
        except StoreError:
            self._conn.close()
            raise

    # -- lifecycle -----------------------------------------------------------------------

    def _migrate(self) -> None:
        version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}; this Demarche understands up to {SCHEMA_VERSION}"
            )
        if version == 0:
            existing = self._conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
            if existing:
                raise StoreError(f"{self.path} is an SQLite file but not a Demarche database")
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            # Read again inside the write lock: another process may have migrated meanwhile.
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                for stmt in _DDL:
                    self._conn.execute(stmt)
                version = 1
            for step in range(version, SCHEMA_VERSION):
                for stmt in _MIGRATIONS[step]:
                    self._conn.execute(stmt)
            self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self._conn.execute("COMMIT")
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        with self._lock:
            return self._conn.execute("PRAGMA user_version").fetchone()[0]

    def _query(self, sql: str, params: tuple = ()) -> pd.DataFrame:
        with self._lock:
            cur = self._conn.execute(sql, params)
            names = [d[0] for d in cur.description]
            data = cur.fetchall()
        return pd.DataFrame(data, columns=names)

    # -- ingest --------------------------------------------------------------------------

    def ingest(
        self,
        articles: list["Article"],
        rows: pd.DataFrame,
        aliases: pd.DataFrame | None = None,
    ) -> IngestResult:
        """Write one batch of analysed articles atomically: all of it, or (on any error) none of it.

        Re-ingesting an article replaces its machine output (article row, statements,
        positions, aliases learned from it); corrections are left alone.
        """
        rows = schema.coerce(rows)
        ids = [a.id for a in articles]
        if len(set(ids)) != len(ids):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            raise ValueError(f"duplicate article ids in batch: {', '.join(dupes)}")
        dup_ids = rows.loc[rows["row_id"].duplicated(), "row_id"]
        if len(dup_ids):
            shown = ", ".join(sorted(set(dup_ids))[:5])
            raise ValueError(f"{len(dup_ids)} rows repeat another row's row_id ({shown}); row_id must be unique")
        if rows["row_id"].isna().any():
            raise ValueError("rows without a row_id")
        stray = set(rows["article_id"].dropna()) - set(ids)
        if stray:
            raise ValueError(f"rows refer to articles not in this batch: {', '.join(sorted(stray))}")
        statements = self._statements_from_rows(rows)
        now = _now()

        with self._lock:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                self._delete_machine_output(ids)
                self._insert_articles(articles, now)
                self._insert_statements(statements)
                self._insert_positions(rows)
                if aliases is not None and len(aliases):
                    self._insert_learned_aliases(aliases, now)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return IngestResult(articles=len(articles), rows=len(rows), statements=len(statements))

    @staticmethod
    def _statements_from_rows(rows: pd.DataFrame) -> pd.DataFrame:
        cols = [
            "article_id", "speaker", "speaker_start", "speaker_end", "cue", "kind",
            "quote", "content_start", "content_end", "sentence",
        ]
        st = rows[cols].drop_duplicates(subset=["article_id", "content_start", "content_end"]).copy()
        st["key"] = [
            statement_key(a, s, e) for a, s, e in zip(st["article_id"], st["content_start"], st["content_end"])
        ]
        return st

    def _delete_machine_output(self, article_ids: list[str]) -> None:
        params = [(i,) for i in article_ids]
        self._conn.executemany("DELETE FROM positions WHERE article_id = ?", params)
        self._conn.executemany("DELETE FROM statements WHERE article_id = ?", params)
        self._conn.executemany("DELETE FROM aliases WHERE source = 'learned' AND article_id = ?", params)

    def _insert_articles(self, articles: list["Article"], now: str) -> None:
        # Upsert rather than delete + insert, so nothing that refers to the article is cascaded away.
        self._conn.executemany(
            """INSERT INTO articles (id, title, source, url, published, language, path, text, ingested_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(id) DO UPDATE SET
                 title = excluded.title, source = excluded.source, url = excluded.url,
                 published = excluded.published, language = excluded.language, path = excluded.path,
                 text = excluded.text, ingested_at = excluded.ingested_at""",
            [
                (
                    a.id, a.title, a.source, a.url,
                    a.published.isoformat() if a.published else None,
                    a.language, a.path, a.text, now,
                )
                for a in articles
            ],
        )

    def _insert_statements(self, statements: pd.DataFrame) -> None:
        cols = [
            "article_id", "key", "speaker", "speaker_start", "speaker_end", "cue", "kind",
            "quote", "content_start", "content_end", "sentence",
        ]
        self._conn.executemany(
            f"INSERT INTO statements ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            _records(statements, cols),
        )

    def _insert_positions(self, rows: pd.DataFrame) -> None:
        cols = list(schema.COLUMN_NAMES)
        self._conn.executemany(
            f"INSERT INTO positions ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            _records(rows, cols),
        )

    def _insert_learned_aliases(self, aliases: pd.DataFrame, now: str) -> None:
        aliases = aliases.copy()
        if "role" not in aliases.columns:
            aliases["role"] = None
        if "article_id" not in aliases.columns:
            aliases["article_id"] = None
        aliases = aliases[aliases["alias"].notna() & aliases["actor"].notna()]
        # An analyst's alias always wins: a learned one only refreshes another learned one.
        self._conn.executemany(
            """INSERT INTO aliases (alias, actor, role, source, article_id, created_at)
               VALUES (?, ?, ?, 'learned', ?, ?)
               ON CONFLICT(alias, actor) DO UPDATE SET
                 role = coalesce(excluded.role, aliases.role), article_id = excluded.article_id
               WHERE aliases.source = 'learned'""",
            [(*r, now) for r in _records(aliases, ["alias", "actor", "role", "article_id"])],
        )

    # -- reading -------------------------------------------------------------------------

    def positions(self, corrected: bool = True) -> pd.DataFrame:
        """The positions table. With corrected=True, the analysts' table: positions they added merged in,
        corrections applied, rejected rows dropped, and a `corrected` column marking rows they touched.
        """
        cols = ", ".join(f"p.{c}" for c in schema.COLUMN_NAMES)
        with self._lock:
            # One read transaction: rows and corrections from the same snapshot.
            self._conn.execute("BEGIN")
            try:
                df = self._query(
                    f"""SELECT {cols} FROM positions p JOIN articles a ON a.id = p.article_id
                        ORDER BY a.published, p.article_id, p.rowid"""
                )
                latest = self._latest_corrections() if corrected else {}
                added = self._added_rows() if corrected else None
            finally:
                self._conn.execute("COMMIT")
        df = schema.coerce(df)
        if not corrected:
            return df.reset_index(drop=True)
        added = added[added["placed"] & added["reverted_at"].isna()]
        if len(added):
            # An analyst's row wins over the same row (same key) that a later re-analysis produced.
            df = df[~df["row_id"].isin(added["row_id"])]
            df = pd.concat([df, added[list(schema.COLUMN_NAMES)]], ignore_index=True)
            df = df.sort_values(["published", "article_id"], kind="stable", na_position="first")
            df = df.reset_index(drop=True)
        df["corrected"] = df["row_id"].isin(added["row_id"])
        if latest:
            index = {rid: i for i, rid in enumerate(df["row_id"])}
            excluded = []
            for (rid, field), value in latest.items():
                i = index.get(rid)
                if i is None:
                    continue  # orphan
                df.iat[i, df.columns.get_loc("corrected")] = True
                if field == "exclude":
                    if value == "true":
                        excluded.append(i)
                else:
                    self._apply(df, i, field, value)
            if excluded:
                df = df.drop(df.index[excluded])
        df["corrected"] = df["corrected"].astype(bool)
        return df.reset_index(drop=True)

    @staticmethod
    def _apply(df: pd.DataFrame, i: int, field: str, value: str) -> None:
        """Set a corrected field, and the columns that describe it, so the row stays consistent."""
        loc = df.columns.get_loc
        if field == "stance":
            old = df.iat[i, loc("stance_score")]
            df.iat[i, loc("stance")] = value
            target = _STANCE_SCORES[value]
            # Keep the machine's strength when its sign already agrees with the analyst.
            agrees = not pd.isna(old) and (
                (value == "support" and old > 0) or (value == "oppose" and old < 0) or (value == "neutral" and old == 0)
            )
            if not agrees:
                df.iat[i, loc("stance_score")] = target
        elif field == "issue":
            df.iat[i, loc("issue")] = value
            df.iat[i, loc("issue_label")] = issue_label(value)
        elif field == "actor":
            name, kind = actor_name_kind(value)
            df.iat[i, loc("actor")] = value
            df.iat[i, loc("actor_name")] = name
            df.iat[i, loc("actor_kind")] = kind
        elif field == "date":
            df.iat[i, loc("date")] = value

    def _latest_corrections(self) -> dict[tuple[str, str], str]:
        latest: dict[tuple[str, str], str] = {}
        with self._lock:
            found = self._conn.execute(
                "SELECT row_id, field, value FROM corrections WHERE reverted_at IS NULL ORDER BY id"
            ).fetchall()
        for rid, field, value in found:
            latest[(rid, field)] = value
        return latest

    def articles(self) -> pd.DataFrame:
        """Ingested articles (with their text), oldest publication first."""
        return self._query(
            """SELECT id, title, source, url, published, language, path, text, ingested_at
               FROM articles ORDER BY published, id"""
        )

    def article_count(self) -> int:
        with self._lock:
            return self._conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def remove_article(self, article_id: str) -> bool:
        """Delete an article and its machine output in one transaction; returns whether there was one.

        Statements, positions and aliases learned from it go; corrections stay (as orphans),
        so they re-attach if the article is ingested again.
        """
        with self._lock:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                self._delete_machine_output([article_id])
                found = conn.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount > 0
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return found

    def statements(self) -> pd.DataFrame:
        """One row per statement (whatever number of actors and issues it yields)."""
        return self._query("SELECT * FROM statements ORDER BY article_id, content_start, content_end")

    # -- corrections ---------------------------------------------------------------------

    def _row_exists(self, row_id: str) -> bool:
        """A machine row or an analyst's (not undone) added row has this id."""
        return self._conn.execute(
            """SELECT 1 FROM positions WHERE row_id = ?
               UNION ALL SELECT 1 FROM added_positions WHERE row_id = ? AND reverted_at IS NULL""",
            (row_id, row_id),
        ).fetchone() is not None

    def correct(self, row_id: str, field: str, value, note: str = "", author: str = "") -> int:
        """Record an analyst's correction to one row (machine or added); returns its id. The latest correction per field wins."""
        if field not in CORRECTABLE_FIELDS:
            raise ValueError(f"cannot correct {field!r}: choose one of {', '.join(CORRECTABLE_FIELDS)}")
        value = _normalise_value(field, value)
        with self._lock:
            if not self._row_exists(row_id):
                raise ValueError(f"no row with row_id {row_id!r}")
            cur = self._conn.execute(
                "INSERT INTO corrections (row_id, field, value, note, author, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (row_id, field, value, note or "", author or "", _now()),
            )
            return cur.lastrowid

    def _revert(self, table: str, item_id: int, what: str) -> None:
        """Mark one analyst's entry (a correction or an added position) as undone, keeping it on record."""
        with self._lock:
            found = self._conn.execute(f"SELECT reverted_at FROM {table} WHERE id = ?", (int(item_id),)).fetchone()
            if found is None:
                raise ValueError(f"no {what} #{item_id}")
            if found[0] is not None:
                raise ValueError(f"{what} #{item_id} was already undone ({found[0]})")
            self._conn.execute(
                f"UPDATE {table} SET reverted_at = ? WHERE id = ? AND reverted_at IS NULL", (_now(), int(item_id))
            )

    def undo_correction(self, correction_id: int) -> None:
        """Take a correction back: the row shows its previous value again (an earlier correction, or the
        machine's). The correction stays in the audit trail, marked with when it was undone."""
        self._revert("corrections", correction_id, "correction")

    def corrections(self) -> pd.DataFrame:
        """Every correction ever made, oldest first (superseded and undone ones included, for the audit trail)."""
        return self._query(
            "SELECT id, row_id, field, value, note, author, created_at, reverted_at FROM corrections ORDER BY id"
        )

    def orphan_corrections(self) -> pd.DataFrame:
        """Corrections (not undone) whose row re-analysis no longer produces: kept, so they re-attach if it comes back."""
        log = self.correction_log()
        ids = set(log.loc[(log["kind"] == "correction") & (log["status"] == "orphan"), "id"])
        table = self.corrections()
        return table[table["id"].isin(ids)].drop(columns="reverted_at").reset_index(drop=True)

    # -- added positions -----------------------------------------------------------------

    def add_position(
        self,
        article_id: str,
        content_start: int,
        content_end: int,
        actor: str,
        issue: str,
        stance: str,
        *,
        speaker: str = "",
        date: str = "",
        kind: str | None = None,
        note: str = "",
        author: str = "",
    ) -> str:
        """Record a position the pipeline missed, with its evidence: the span [content_start, content_end)
        of the article's text. Returns the new row's row_id.

        The row is kept apart from machine rows (ingest never touches it) and merged into
        positions(corrected=True). date defaults to the article's publication date; kind to
        direct when the span is in quotation marks, else indirect.
        """
        from analysis import evidence

        actor = _normalise_value("actor", actor)
        stance = _normalise_value("stance", stance)
        issue = _normalise_value("issue", issue)
        date = _normalise_value("date", date)
        speaker = (speaker or "").strip()
        if not actor and not speaker:
            raise ValueError("an added position needs an actor, or at least a speaker")
        if kind is not None and kind not in schema.KINDS:
            raise ValueError(f"kind must be one of {', '.join(schema.KINDS)}, not {kind!r}")
        try:
            start, end = int(content_start), int(content_end)
        except (TypeError, ValueError):
            raise ValueError("the evidence span needs whole-number offsets") from None
        with self._lock:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                found = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
                if found is None:
                    raise ValueError(f"no article with id {article_id!r}")
                text = found[0]
                evidence.check_span(text, start, end)
                rid = schema.row_id(article_id, start, end, actor, issue)
                if conn.execute("SELECT 1 FROM positions WHERE row_id = ?", (rid,)).fetchone():
                    raise ValueError(f"the table already has this position (row {rid}): correct that row instead")
                if conn.execute(
                    "SELECT 1 FROM added_positions WHERE row_id = ? AND reverted_at IS NULL", (rid,)
                ).fetchone():
                    raise ValueError(f"this position was already added (row {rid})")
                if kind is None:
                    kind = "direct" if evidence.looks_quoted(text, start, end) else "indirect"
                conn.execute(
                    """INSERT INTO added_positions (row_id, article_id, content_start, content_end, quote, sentence,
                           kind, speaker, actor, issue, stance, date, note, author, created_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (rid, article_id, start, end, text[start:end], evidence.sentence_around(text, start, end),
                     kind, speaker, actor, issue, stance, date, note or "", author or "", _now()),
                )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return rid

    def undo_added_position(self, added_id: int) -> None:
        """Take back a position an analyst added: it leaves the table but stays in the audit trail."""
        self._revert("added_positions", added_id, "added position")

    def article(self, article_id: str) -> dict | None:
        """One article (with its text) as a dict, or None: for reading a statement in context."""
        found = self._query(
            """SELECT id, title, source, url, published, language, path, text, ingested_at
               FROM articles WHERE id = ?""",
            (article_id,),
        )
        return found.iloc[0].to_dict() if len(found) else None

    def added_positions(self) -> pd.DataFrame:
        """Every position an analyst added, oldest first, undone ones included."""
        return self._query("SELECT * FROM added_positions ORDER BY id")

    def _added_rows(self) -> pd.DataFrame:
        """Every added position as a table row (schema.COLUMNS), plus added_id, placed, reverted_at,
        note, author and created_at. `placed` is False when the evidence can no longer be found."""
        found = self._query(
            """SELECT ap.*, a.title, a.source, a.url, a.published, a.text
               FROM added_positions ap LEFT JOIN articles a ON a.id = ap.article_id ORDER BY ap.id"""
        )
        out, extra = [], []
        for r in found.to_dict("records"):
            span = _place(r["text"], r["content_start"], r["content_end"], r["quote"])
            extra.append({"added_id": r["id"], "placed": span is not None, "reverted_at": r["reverted_at"],
                          "note": r["note"], "author": r["author"], "created_at": r["created_at"]})
            start, end = span or (r["content_start"], r["content_end"])
            name, actor_kind = actor_name_kind(r["actor"])
            published = r["published"] or ""
            out.append({
                "row_id": r["row_id"], "article_id": r["article_id"], "title": r["title"],
                "source": r["source"], "url": r["url"], "published": r["published"],
                "actor": r["actor"], "actor_name": name, "actor_kind": actor_kind,
                "speaker": r["speaker"] or name, "speaker_role": "",
                "issue": r["issue"], "issue_label": issue_label(r["issue"]),
                "stance": r["stance"], "stance_score": _STANCE_SCORES[r["stance"]], "stance_cue": "",
                "date": r["date"] or published,
                "date_source": "explicit" if r["date"] else ("published" if published else "unknown"),
                "kind": r["kind"], "quote": r["quote"], "content_start": start, "content_end": end,
                "speaker_start": -1, "speaker_end": -1, "cue": "", "sentence": r["sentence"], "confidence": 1.0,
            })
        rows = schema.frame(out)
        extra = pd.DataFrame(extra, columns=["added_id", "placed", "reverted_at", "note", "author", "created_at"],
                             index=rows.index)
        return pd.concat([rows, extra.astype({"added_id": "int64", "placed": bool})], axis=1)

    # -- the analysts' log ---------------------------------------------------------------

    def correction_log(self) -> pd.DataFrame:
        """Every correction and added position, newest first, with the row it is about (LOG_COLUMNS).

        kind: correction or added. status: active (in effect), superseded (a later correction
        of the same field wins), undone, or orphan (re-analysis no longer produces the row, or
        the added position's evidence is no longer in its article; kept, and re-attaches if it
        comes back). was: the row's own value of the corrected field. The context columns
        (title ... quote) describe the row before corrections.
        """
        with self._lock:
            self._conn.execute("BEGIN")
            try:
                machine = self._query(
                    """SELECT row_id, article_id, title, speaker, actor, actor_name, issue, issue_label, stance,
                              date, quote FROM positions"""
                )
                added = self._added_rows()
                corrections = self.corrections()
            finally:
                self._conn.execute("COMMIT")
        live_added = added[added["placed"] & added["reverted_at"].isna()]
        present = set(machine["row_id"]) | set(live_added["row_id"])
        # Context for a row id: the live row first, else any record of it (an undone added row).
        context = pd.concat([live_added, machine, added], ignore_index=True).drop_duplicates("row_id")
        context = context.set_index("row_id")

        about_cols = list(LOG_COLUMNS[LOG_COLUMNS.index("article_id"):])

        def about(rid: str) -> dict:
            return context.loc[rid, about_cols].to_dict() if rid in context.index else dict.fromkeys(about_cols, "")

        live = corrections[corrections["reverted_at"].isna()]
        in_effect = set(live.groupby(["row_id", "field"])["id"].max())
        out = []
        for c in corrections.to_dict("records"):
            if pd.notna(c["reverted_at"]):
                status = "undone"
            elif c["row_id"] not in present:
                status = "orphan"
            else:
                status = "active" if c["id"] in in_effect else "superseded"
            was = ""
            if c["field"] in ("stance", "issue", "actor", "date") and c["row_id"] in context.index:
                was = context.loc[c["row_id"], c["field"]]
            out.append({"kind": "correction", "id": c["id"], "status": status, "row_id": c["row_id"],
                        "field": c["field"], "value": c["value"], "was": was, "note": c["note"],
                        "author": c["author"], "created_at": c["created_at"], "reverted_at": c["reverted_at"],
                        **about(c["row_id"])})
        for a in added.to_dict("records"):
            if pd.notna(a["reverted_at"]):
                status = "undone"
            else:
                status = "active" if a["placed"] else "orphan"
            out.append({"kind": "added", "id": a["added_id"], "status": status, "row_id": a["row_id"],
                        "field": "position", "value": f"{a['actor_name'] or a['speaker']} · {a['issue_label']} · {a['stance']}",
                        "was": "", "note": a["note"], "author": a["author"], "created_at": a["created_at"],
                        "reverted_at": a["reverted_at"],
                        **{c: a[c] for c in about_cols}})
        log = pd.DataFrame(out, columns=list(LOG_COLUMNS))
        log = log.astype({c: "string" for c in LOG_COLUMNS if c != "id"} | {"id": "int64"})
        return log.sort_values(["created_at", "kind", "id"], ascending=False, kind="stable").reset_index(drop=True)

    # -- aliases -------------------------------------------------------------------------

    def add_alias(self, alias: str, actor: str, role: str | None = None) -> None:
        """An analyst's alias: takes over a learned one for the same pair, and is never overwritten by ingest."""
        alias = (alias or "").strip()
        actor = (actor or "").strip()
        if not alias or not actor:
            raise ValueError("an alias needs both a name and an actor")
        with self._lock:
            self._conn.execute(
                """INSERT INTO aliases (alias, actor, role, source, article_id, created_at)
                   VALUES (?, ?, ?, 'analyst', NULL, ?)
                   ON CONFLICT(alias, actor) DO UPDATE SET
                     role = excluded.role, source = 'analyst', article_id = NULL, created_at = excluded.created_at""",
                (alias, actor, role, _now()),
            )

    def remove_alias(self, alias: str, actor: str) -> bool:
        """Delete an alias, learned or analyst; returns whether there was one."""
        with self._lock:
            cur = self._conn.execute("DELETE FROM aliases WHERE alias = ? AND actor = ?", (alias, actor))
            return cur.rowcount > 0

    def aliases(self) -> pd.DataFrame:
        return self._query(
            "SELECT alias, actor, role, source, article_id, created_at FROM aliases ORDER BY alias, actor"
        )
