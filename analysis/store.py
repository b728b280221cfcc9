"""The embedded store: articles, machine rows, analysts' corrections and actor aliases in one SQLite file.

Machine output (articles, statements, positions, learned aliases) is replaced wholesale
whenever an article is re-ingested; analysts' work (corrections, analyst aliases) is never
touched by ingest. Corrections are keyed by `row_id` and applied when the table is read, so
they stay attached for as long as re-analysis reproduces the same row.
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

if TYPE_CHECKING:
    from analysis.articles import Article

SCHEMA_VERSION = 1

CORRECTABLE_FIELDS = ("stance", "issue", "actor", "date", "exclude")
ALIAS_SOURCES = ("learned", "analyst")

_TRUE = {"true", "1", "yes", "y"}
_FALSE = {"false", "0", "no", "n"}
_ACTOR_ID = re.compile(r"^[A-Z][A-Z0-9_-]{1,15}$")

_SQL_TYPES = {"string": "TEXT", "int64": "INTEGER", "float64": "REAL"}


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


def _actor_name_kind(actor: str) -> tuple[str, str]:
    """Readable name and kind for a corrected actor id, so the row stays self-consistent."""
    if not actor:
        return "", "other"
    try:
        import pycountry

        country = pycountry.countries.get(alpha_3=actor)
    except Exception:  # pycountry missing or lookup error: fall back to the id itself
        country = None
    if country is not None:
        return getattr(country, "common_name", None) or country.name, "state"
    return actor, "organisation"


def _normalise_value(field: str, value) -> str:
    """Validate a correction's value and return it as stored (text)."""
    value = "" if value is None else str(value).strip()
    if field == "stance":
        if value not in schema.STANCES:
            raise ValueError(f"stance must be one of {', '.join(schema.STANCES)}, not {value!r}")
    elif field == "issue":
        if not value:
            raise ValueError("issue must not be empty (use 'unclassified')")
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
                for stmt in _DDL:
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
        """The positions table; with corrected=True analysts' corrections applied and excluded rows dropped."""
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
            finally:
                self._conn.execute("COMMIT")
        df = schema.coerce(df)
        if not corrected:
            return df.reset_index(drop=True)
        df["corrected"] = False
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
            target = {"support": 1.0, "oppose": -1.0, "neutral": 0.0}[value]
            # Keep the machine's strength when its sign already agrees with the analyst.
            agrees = not pd.isna(old) and (
                (value == "support" and old > 0) or (value == "oppose" and old < 0) or (value == "neutral" and old == 0)
            )
            if not agrees:
                df.iat[i, loc("stance_score")] = target
        elif field == "issue":
            df.iat[i, loc("issue")] = value
            df.iat[i, loc("issue_label")] = value
        elif field == "actor":
            name, kind = _actor_name_kind(value)
            df.iat[i, loc("actor")] = value
            df.iat[i, loc("actor_name")] = name
            df.iat[i, loc("actor_kind")] = kind
        elif field == "date":
            df.iat[i, loc("date")] = value

    def _latest_corrections(self) -> dict[tuple[str, str], str]:
        latest: dict[tuple[str, str], str] = {}
        with self._lock:
            found = self._conn.execute("SELECT row_id, field, value FROM corrections ORDER BY id").fetchall()
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

    def statements(self) -> pd.DataFrame:
        """One row per statement (whatever number of actors and issues it yields)."""
        return self._query("SELECT * FROM statements ORDER BY article_id, content_start, content_end")

    # -- corrections ---------------------------------------------------------------------

    def correct(self, row_id: str, field: str, value, note: str = "", author: str = "") -> int:
        """Record an analyst's correction to one row; returns its id. The latest correction per field wins."""
        if field not in CORRECTABLE_FIELDS:
            raise ValueError(f"cannot correct {field!r}: choose one of {', '.join(CORRECTABLE_FIELDS)}")
        value = _normalise_value(field, value)
        with self._lock:
            exists = self._conn.execute("SELECT 1 FROM positions WHERE row_id = ?", (row_id,)).fetchone()
            if not exists:
                raise ValueError(f"no row with row_id {row_id!r}")
            cur = self._conn.execute(
                "INSERT INTO corrections (row_id, field, value, note, author, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (row_id, field, value, note or "", author or "", _now()),
            )
            return cur.lastrowid

    def corrections(self) -> pd.DataFrame:
        """Every correction ever made, oldest first (superseded ones included, for the audit trail)."""
        return self._query(
            "SELECT id, row_id, field, value, note, author, created_at FROM corrections ORDER BY id"
        )

    def orphan_corrections(self) -> pd.DataFrame:
        """Corrections whose row re-analysis no longer produces: kept, so an analyst can re-apply them."""
        return self._query(
            """SELECT id, row_id, field, value, note, author, created_at FROM corrections
               WHERE row_id NOT IN (SELECT row_id FROM positions) ORDER BY id"""
        )

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
