"""Articles in: one Article per news story, whatever file it came from.

`load_articles` turns files and folders (.txt with an optional NAME.meta.json
sidecar, .html/.htm, .json, .jsonl, .csv) into cleaned `Article`s plus a list
of `Skipped` entries saying what could not be read and why. One bad file or
record never stops a batch: a tool run over a folder of scraped news should
report the broken ones and get on with the rest. `load_bytes` does the same
for one file given as name and contents (a dashboard upload).

Every article's text goes through `strip_boilerplate` (newsletter sign-ups,
"Read more" lists, photo credits: page furniture that would otherwise be read
as statements) and the batch through `dedupe` (the same wire story saved
twice would count its statements twice).

Dates are never invented: a publication date comes from the record, the
sidecar or the page's own metadata, else from the caller's `published`
argument, else it stays None. File modification times and trafilatura's
`filedate` (the day the page was processed) are never used.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import logging
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Article:
    """A cleaned article. Offsets in the table point into `text`."""

    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    language: str = "en"
    path: str | None = None


@dataclass(frozen=True)
class Skipped:
    """A file or record that could not be read, and why."""

    path: str
    reason: str


# Where the boilerplate patterns live: data, not code, so they can be extended
# for a new outlet without touching the loader.
BOILERPLATE_FILE = Path(__file__).resolve().parent.parent / "data" / "boilerplate.txt"
# A line longer than this is article text, whatever it starts with: furniture
# is short, and this bounds the damage a too-greedy pattern can do.
MAX_FURNITURE_CHARS = 500
# Lines after a "Read more"-style label are taken as teaser headlines only if
# they are at most this long and do not end like a sentence.
MAX_HEADLINE_CHARS = 150

SIDECAR_SUFFIX = ".meta.json"
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = (".csv", ".htm", ".html", ".json", ".jsonl", ".txt")

# Accepted names for each field in .json/.jsonl/.csv records and sidecars
# (lower-cased). The first is the documented one; the others are what common
# scrapers and news APIs call the same thing.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id"),
    "text": ("text", "body", "content", "article_text"),
    "title": ("title", "headline"),
    "published": ("published", "date", "published_at", "publishedat", "date_published",
                  "datepublished", "publication_date", "pubdate"),
    "source": ("source", "outlet", "publisher", "sitename", "site_name"),
    "url": ("url", "link"),
    "language": ("language", "lang"),
}


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def load_articles(
    paths: Iterable[str | Path] | str | Path,
    published: dt.date | str | None = None,
) -> tuple[list[Article], list[Skipped]]:
    """Read articles from files and folders; return (articles, skipped).

    Folders are walked recursively in sorted order (hidden files and folders
    are skipped, files of other types are ignored) so the same input always
    gives the same articles in the same order. A file named explicitly with an
    unsupported type, a missing path, or a broken file or record gives a
    `Skipped` with a reason instead of an exception. A file reached twice is
    read once.

    `published` is the date to use for articles that carry none of their own
    (e.g. a folder of one day's news); an article's own date always wins. A
    string that is not a date raises ValueError: that is a caller mistake, not
    bad data.

    Texts are cleaned with `strip_boilerplate` and the batch is passed
    through `dedupe`.
    """
    default_published = _published_argument(published)
    if isinstance(paths, (str, Path)):
        paths = [paths]

    articles: list[Article] = []
    skipped: list[Skipped] = []
    seen: set[Path] = set()
    for given in paths:
        root = Path(given)
        if not root.exists():
            skipped.append(Skipped(str(given), "no such file or directory"))
            continue
        if root.is_dir():
            files = list(_walk(root))
            explicit = False
        else:
            files = [root]
            explicit = True
        for path in files:
            key = path.resolve()
            if key in seen:
                continue
            seen.add(key)
            got, skips = _load_file(path, default_published, explicit=explicit)
            articles.extend(got)
            skipped.extend(skips)

    articles, dupes = dedupe(articles)
    return articles, skipped + dupes


def load_bytes(
    name: str, data: bytes, published: dt.date | str | None = None
) -> tuple[list[Article], list[Skipped]]:
    """Articles from one file given by name and contents (a browser upload).

    As `load_articles` for that one file, except that no NAME.meta.json
    sidecar is read: an upload has no folder around it, and a file of that
    name in the working directory must not be picked up instead.
    """
    default_published = _published_argument(published)
    path = Path(Path(name).name or "upload")
    label = path.name
    if _is_sidecar(path):
        return [], [Skipped(label, "a .meta.json sidecar cannot be added on its own; "
                                   "put its fields and the text in one .json record instead")]
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return [], [_unsupported(label, suffix)]
    articles, skipped = _parse_file(path, data, default_published, sidecar=False)
    articles, dupes = dedupe(articles)
    return articles, skipped + dupes


def article_from_record(
    record: dict[str, Any], label: str, published: dt.date | str | None = None
) -> Article | Skipped:
    """One article from a record with the fields of a .json article (see FIELD_ALIASES).

    The text is cleaned like a file's; `published` is used when the record has
    no date of its own.
    """
    return _record_article(record, label, _published_argument(published))


def strip_boilerplate(text: str) -> str:
    """Remove page furniture (sign-ups, share lines, captions, "Read more" lists).

    Scraped news text carries lines that are not the story; left in, they
    become bogus statements ("Get the best updates straight to your inbox").
    The patterns are in `data/boilerplate.txt`. The text is processed
    paragraph by paragraph (blank-line separated) and line by line, and only
    whole lines are ever removed, and only short ones: a real sentence that
    merely contains "subscribe" is kept. Kept lines are returned byte-identical
    because character offsets into the cleaned text are used downstream; a
    removed paragraph takes the blank lines before it with it, and trailing
    whitespace at the very end is stripped.
    """
    patterns = _boilerplate_patterns()
    lines = text.split("\n")
    blank = [not line.strip() for line in lines]

    paragraphs: list[tuple[int, int]] = []  # [start, end) line ranges
    i = 0
    while i < len(lines):
        if blank[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and not blank[j]:
            j += 1
        paragraphs.append((i, j))
        i = j

    drop: set[int] = set()
    heading_pending = False  # a list label ended the previous paragraph
    for start, end in paragraphs:
        if heading_pending:
            heading_pending = False
            if all(_is_headline(lines[k]) for k in range(start, end)):
                drop.update(range(start, end))
                continue
        k = start
        while k < end:
            line = lines[k]
            if patterns.is_list_heading(line):
                drop.add(k)
                k += 1
                consumed = 0
                while k < end and _is_headline(lines[k]):
                    drop.add(k)
                    k += 1
                    consumed += 1
                if k == end and consumed == 0:
                    heading_pending = True
                continue
            if patterns.is_furniture(line):
                drop.add(k)
            k += 1

    pieces: list[str] = []
    first_kept = True
    for start, end in paragraphs:
        kept = [lines[k] for k in range(start, end) if k not in drop]
        if not kept:
            continue
        if first_kept:
            if start == paragraphs[0][0]:
                pieces.append("".join(line + "\n" for line in lines[:start]))
            first_kept = False
        else:
            b = start
            while b > 0 and blank[b - 1]:
                b -= 1
            pieces.append("\n" + "".join(line + "\n" for line in lines[b:start]))
        pieces.append("\n".join(kept))
    return "".join(pieces).rstrip()


def dedupe(articles: Iterable[Article]) -> tuple[list[Article], list[Skipped]]:
    """Drop repeated stories; return (kept, skipped).

    Two articles are the same story when their texts are equal after
    `normalize_text` (case, whitespace and punctuation such as curly vs
    straight quotes ignored): the first is kept and each later one becomes
    Skipped(path, "duplicate of <id>").

    Different texts that share an id (two sites' "article.txt", or reused
    ids in a feed) are both kept, but the later one's id is made unique as
    "<id>-<first 8 hex of the sha1 of its normalised text>" (with "-2", "-3"
    ... appended in the unlikely case that is taken too), because ids key
    the output table and must not collide.
    """
    kept: list[Article] = []
    skipped: list[Skipped] = []
    id_of_text: dict[str, str] = {}
    ids: set[str] = set()
    for article in articles:
        key = normalize_text(article.text)
        if key in id_of_text:
            skipped.append(Skipped(article.path or article.id, f"duplicate of {id_of_text[key]}"))
            continue
        if article.id in ids:
            new_id = f"{article.id}-{_sha1(key)[:8]}"
            n = 2
            while new_id in ids:
                new_id = f"{article.id}-{_sha1(key)[:8]}-{n}"
                n += 1
            article = replace(article, id=new_id)
        ids.add(article.id)
        id_of_text[key] = article.id
        kept.append(article)
    return kept, skipped


def normalize_text(text: str) -> str:
    """Text as compared for duplicates and hashed for ids.

    NFKC, casefolded, punctuation removed (so ’ and ', “ and ", -- and —
    compare equal), whitespace collapsed to single spaces.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("P"))
    return " ".join(text.split())


def text_id(text: str) -> str:
    """Stable short id for a record without one: 16 hex of sha1(normalised text)."""
    return _sha1(normalize_text(text))[:16]


def parse_date(value: Any) -> dt.date | None:
    """A publication date from a date, datetime or string; None if there is none.

    ISO strings ("2024-02-27", "2024-02-27T23:30:00-05:00") give the calendar
    date as written (no time-zone conversion: the publisher's own date).
    Other strings go to dateparser, restricted to absolute dates with day,
    month and year all present, so "yesterday", "Tuesday", "March 2024" or
    "no date" give None rather than a date made up from today. Numeric dates
    whose day and month could be swapped (03/04/2024) give None too. Anything
    else (numbers, lists) gives None.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    s = " ".join(value.split())
    stripped = _DATE_PREFIX.sub("", s)
    s = stripped or s
    if not s:
        return None
    m = _ISO_DATE.match(s) or _ISO_BASIC.fullmatch(s)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    m = _NUMERIC_DMY.match(s)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        if a <= 12 and b <= 12 and a != b:
            return None  # 03/04/2024: March 4 or 3 April? Not ours to guess.
    if not re.search(r"\d", s):
        return None  # no day or year digits: at best a relative date
    try:
        import dateparser

        parsed = dateparser.parse(s, settings=_DATEPARSER_SETTINGS)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    return parsed.date() if parsed is not None else None


# --------------------------------------------------------------------------
# Boilerplate patterns
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Patterns:
    furniture: tuple[re.Pattern[str], ...]
    list_headings: tuple[re.Pattern[str], ...]

    def is_furniture(self, line: str) -> bool:
        s = _match_form(line)
        if not s or len(s) > MAX_FURNITURE_CHARS:
            return False
        return any(p.fullmatch(s) for p in self.furniture)

    def is_list_heading(self, line: str) -> bool:
        s = _match_form(line)
        if not s or len(s) > MAX_HEADLINE_CHARS:
            return False
        return any(p.fullmatch(s) for p in self.list_headings)


def _match_form(line: str) -> str:
    """The line as patterns see it: trimmed, spaces collapsed, apostrophes straight."""
    return " ".join(line.split()).replace("\u2019", "'").replace("\u2018", "'")


_SECTIONS = {"[furniture]": "furniture", "[list-heading]": "list_headings"}


@lru_cache(maxsize=4)
def _load_patterns(path: str) -> _Patterns:
    """Parse a boilerplate pattern file; a bad regex is reported with its line."""
    found: dict[str, list[re.Pattern[str]]] = {"furniture": [], "list_headings": []}
    section = "furniture"
    for n, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line in _SECTIONS:
            section = _SECTIONS[line]
            continue
        try:
            found[section].append(re.compile(line))
        except re.error as e:
            raise ValueError(f"{path}:{n}: bad pattern {line!r}: {e}") from e
    return _Patterns(tuple(found["furniture"]), tuple(found["list_headings"]))


def _boilerplate_patterns() -> _Patterns:
    return _load_patterns(str(BOILERPLATE_FILE))


_SENTENCE_END = re.compile(r"[.;,:]$")


def _is_headline(line: str) -> bool:
    """A teaser headline in a "Read more" list: short, not ending like a sentence."""
    s = line.strip().rstrip("\"'\u2019\u201d\u00bb)]")
    return 0 < len(s) <= MAX_HEADLINE_CHARS and not _SENTENCE_END.search(s)


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?=$|[T\s_]|[+-]\d|Z)")
_ISO_BASIC = re.compile(r"(\d{4})(\d{2})(\d{2})")
_NUMERIC_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})\b")
_DATE_PREFIX = re.compile(
    r"^(?:published|updated|last updated|first published|posted|date|dated)"
    r"(?:\s+(?:on|at))?\s*[:\-\u2013]?\s*",
    re.IGNORECASE,
)
_DATEPARSER_SETTINGS = {
    # Only absolute dates: the relative-time parser would turn "2 days ago"
    # into a date computed from today.
    "PARSERS": ["custom-formats", "absolute-time"],
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def _published_argument(published: dt.date | str | None) -> dt.date | None:
    if published is None:
        return None
    d = parse_date(published)
    if d is None:
        raise ValueError(f"published={published!r} is not an unambiguous date (use e.g. 2024-02-27)")
    return d


# --------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------


def _walk(folder: Path) -> list[Path]:
    """Files under `folder` sorted by path (as `find | sort` would list them).

    Hidden files and folders are left out; symlinked folders are not entered
    (no loops).
    """
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root) / name for name in files if not name.startswith("."))
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def _is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SIDECAR_SUFFIX)


def _sidecar_for(path: Path) -> Path:
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def _sidecar_owner(sidecar: Path) -> Path | None:
    base = sidecar.name[: -len(SIDECAR_SUFFIX)]
    for suffix in TEXT_SUFFIXES + HTML_SUFFIXES:
        candidate = sidecar.with_name(base + suffix)
        if candidate.is_file():
            return candidate
    return None


def _load_file(
    path: Path, default_published: dt.date | None, *, explicit: bool
) -> tuple[list[Article], list[Skipped]]:
    """Dispatch on file type; any failure becomes a Skipped, never an exception."""
    label = str(path)
    if _is_sidecar(path):
        if _sidecar_owner(path) is not None:
            return [], []  # read together with its article
        return [], [Skipped(label, "metadata sidecar with no matching .txt or .html article next to it")]
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        if explicit:
            return [], [_unsupported(label, suffix)]
        return [], []
    try:
        data = path.read_bytes()
    except OSError as e:
        return [], [Skipped(label, f"could not read file: {e.strerror or e}")]
    return _parse_file(path, data, default_published)


def _unsupported(label: str, suffix: str) -> Skipped:
    return Skipped(label, f"unsupported file type {suffix or '(none)'!r}; "
                          f"expected one of {', '.join(SUPPORTED_SUFFIXES)}")


def _parse_file(
    path: Path, data: bytes, default_published: dt.date | None, *, sidecar: bool = True
) -> tuple[list[Article], list[Skipped]]:
    """Parse a supported file's bytes; any failure becomes a Skipped, never an exception."""
    label = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix in TEXT_SUFFIXES:
            return _load_txt(path, data, default_published, sidecar=sidecar)
        if suffix in HTML_SUFFIXES:
            return _load_html(path, data, default_published, sidecar=sidecar)
        if suffix == ".json":
            return _load_json(path, data, default_published)
        if suffix == ".jsonl":
            return _load_jsonl(path, data, default_published)
        return _load_csv(path, data, default_published)
    except Exception as e:  # a loader bug must not take the batch down with it
        log.exception("failed to load %s", path)
        return [], [Skipped(label, f"could not be read ({type(e).__name__}: {e})")]


def _decode(data: bytes) -> tuple[str | None, str | None]:
    """UTF-8 text with newlines normalised, or (None, reason)."""
    if b"\x00" in data:
        return None, "binary file (contains NUL bytes), not text"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return None, f"not UTF-8 text (undecodable byte at offset {e.start})"
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def _read_sidecar(path: Path) -> tuple[dict[str, Any], list[Skipped]]:
    """Metadata from NAME.meta.json next to NAME.txt/.html.

    A broken sidecar does not cost the article: it is loaded without the
    metadata and the sidecar is reported as skipped.
    """
    sidecar = _sidecar_for(path)
    if not sidecar.is_file():
        return {}, []
    try:
        text, err = _decode(sidecar.read_bytes())
    except OSError as e:
        return {}, [Skipped(str(sidecar), f"sidecar ignored: could not read file: {e.strerror or e}")]
    if err:
        return {}, [Skipped(str(sidecar), f"sidecar ignored: {err}")]
    try:
        meta = json.loads(text)
    except json.JSONDecodeError as e:
        return {}, [Skipped(str(sidecar), f"sidecar ignored: invalid JSON ({e.msg} at line {e.lineno} column {e.colno})")]
    if not isinstance(meta, dict):
        return {}, [Skipped(str(sidecar), f"sidecar ignored: expected a JSON object, got {_json_type(meta)}")]
    fields = _fields(meta)
    fields.pop("text", None)
    return fields, []


def _load_txt(path: Path, data: bytes, default_published: dt.date | None, *, sidecar: bool = True):
    text, err = _decode(data)
    if err:
        return [], [Skipped(str(path), err)]
    meta, skipped = _read_sidecar(path) if sidecar else ({}, [])
    result = _make_article({**meta, "text": text}, label=str(path), default_id=path.stem,
                           default_published=default_published)
    return _split(result, skipped)


def _load_json(path: Path, data: bytes, default_published: dt.date | None):
    text, err = _decode(data)
    if err:
        return [], [Skipped(str(path), err)]
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        return [], [Skipped(str(path), f"invalid JSON ({e.msg} at line {e.lineno} column {e.colno})")]
    if isinstance(obj, dict):
        records = [(str(path), obj)]
    elif isinstance(obj, list):
        if not obj:
            return [], [Skipped(str(path), "JSON list is empty: no articles")]
        records = [(f"{path}[{i}]", item) for i, item in enumerate(obj)]
    else:
        return [], [Skipped(str(path), f"expected a JSON object or a list of objects, got {_json_type(obj)}")]
    articles, skipped = [], []
    for label, record in records:
        result = _record_article(record, label, default_published)
        _collect(result, articles, skipped)
    return articles, skipped


def _load_jsonl(path: Path, data: bytes, default_published: dt.date | None):
    """One object per line; a bad line is skipped as FILE:LINE, the rest load."""
    articles, skipped = [], []
    for n, raw in enumerate(data.split(b"\n"), 1):
        label = f"{path}:{n}"
        text, err = _decode(raw)
        if err:
            skipped.append(Skipped(label, err))
            continue
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as e:
            skipped.append(Skipped(label, f"invalid JSON ({e.msg} at column {e.colno})"))
            continue
        _collect(_record_article(record, label, default_published), articles, skipped)
    if not articles and not skipped:
        skipped.append(Skipped(str(path), "empty file: no articles"))
    return articles, skipped


def _load_csv(path: Path, data: bytes, default_published: dt.date | None):
    """A header row with a text column; each row is FILE:LINE in Skipped reasons."""
    text, err = _decode(data)
    if err:
        return [], [Skipped(str(path), err)]
    if not text.strip():
        return [], [Skipped(str(path), "empty file: no articles")]
    _raise_csv_field_limit()
    reader = csv.reader(io.StringIO(text, newline=""))
    articles, skipped = [], []
    try:
        header = next(reader)
    except csv.Error as e:
        return [], [Skipped(str(path), f"not a readable CSV file ({e})")]
    columns = [h.strip().lower() for h in header]
    if not any(c in FIELD_ALIASES["text"] for c in columns):
        return [], [Skipped(str(path), f"CSV has no text column (header: {', '.join(header)})")]
    line = reader.line_num + 1
    try:
        for row in reader:
            label = f"{path}:{line}"
            line = reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            record = {c: v for c, v in zip(columns, row) if c}
            _collect(_record_article(record, label, default_published), articles, skipped)
    except csv.Error as e:
        skipped.append(Skipped(f"{path}:{line}", f"CSV parse error, rest of file not read ({e})"))
    return articles, skipped


def _raise_csv_field_limit() -> None:
    # The csv module refuses fields over 128 KiB by default; long articles exceed it.
    limit = min(sys.maxsize, 2**31 - 1)
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------


def _load_html(path: Path, data: bytes, default_published: dt.date | None, *, sidecar: bool = True):
    if not data.strip():
        return [], [Skipped(str(path), "empty file")]
    if b"\x00" in data:
        return [], [Skipped(str(path), "binary file (contains NUL bytes), not HTML")]
    fields, err = _extract_html(data)
    if err:
        return [], [Skipped(str(path), err)]
    meta, skipped = _read_sidecar(path) if sidecar else ({}, [])
    fields.update({k: v for k, v in meta.items() if v is not None})
    result = _make_article(fields, label=str(path), default_id=path.stem,
                           default_published=default_published)
    return _split(result, skipped)


def _extract_html(data: bytes) -> tuple[dict[str, Any], str | None]:
    """Text, title, date, source, url and language of a news page.

    The text comes from trafilatura. The date comes only from the page's own
    metadata: see `_html_published`.
    """
    import lxml.html

    try:
        tree = lxml.html.fromstring(data)
    except Exception as e:
        return {}, f"not parseable as HTML ({e})"

    import trafilatura

    fields: dict[str, Any] = {"language": _html_language(tree)}
    doc = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        date_extraction_params={
            "original_date": True,
            # extensive search guesses from free text (e.g. a copyright year)
            "extensive_search": False,
            "max_date": dt.date.today().isoformat(),
        },
    )
    if doc is None:
        return {}, "no article text found in the page"
    info = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = info.get("text") or ""
    fields.update(title=info.get("title"), source=info.get("sitename"), url=info.get("url"))
    traf_date = info.get("date")  # never info["filedate"]: that is today

    body = body.replace("\r\n", "\n").replace("\r", "\n")
    lines = body.split("\n")
    title = fields.get("title")
    if lines and title and normalize_text(lines[0]) == normalize_text(title):
        lines = lines[1:]  # the headline repeated as the first line of the body
    # Clean while list items are still one per line (so a "Read more" label
    # takes its headlines with it), then give each block its own paragraph.
    cleaned = strip_boilerplate("\n".join(lines))
    fields["text"] = "\n\n".join(line for line in cleaned.split("\n") if line.strip())
    if not fields["text"]:
        return {}, "no article text found in the page"
    fields["published"] = _html_published(tree, data, traf_date)
    return fields, None


_META_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "datepublished", "publishdate", "publish-date", "publish_date", "pubdate",
    "publication_date", "article.published", "published_time", "original-publish-date",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created",
    "sailthru.date", "parsely-pub-date", "date",
)


def _html_published(tree, data: bytes, traf_date: str | None) -> dt.date | None:
    """Publication date stated by the page itself, or None.

    In order: <meta> publication tags, JSON-LD datePublished, <time> marked
    as the publication time, trafilatura's date (only if it is not today's
    date, or the page itself contains today's date: htmldate can fall back to
    the day of processing), then the first <time datetime> inside <article>.
    """
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = meta.get("content")
        if key and content and key not in metas:
            metas[key] = content
    for key in _META_DATE_KEYS:
        d = parse_date(metas.get(key))
        if d:
            return d

    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            obj = json.loads(script.text_content())
        except (json.JSONDecodeError, TypeError):
            continue
        for node in _json_nodes(obj):
            d = parse_date(node.get("datePublished"))
            if d:
                return d

    for el in tree.xpath('//time[@datetime][@itemprop="datePublished" or @pubdate]'):
        d = parse_date(el.get("datetime"))
        if d:
            return d

    d = parse_date(traf_date)
    if d and (d != dt.date.today() or d.isoformat().encode() in data):
        return d

    for el in tree.xpath("//article//time[@datetime]"):
        d = parse_date(el.get("datetime"))
        if d:
            return d
    return None


def _json_nodes(obj: Any) -> Iterator[dict]:
    """Every dict in a JSON-LD blob (top level, lists, @graph, nested)."""
    if isinstance(obj, dict):
        yield obj
        for v in obj.values():
            if isinstance(v, (dict, list)):
                yield from _json_nodes(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _json_nodes(v)


def _html_language(tree) -> str | None:
    lang = tree.get("lang") if tree.tag == "html" else None
    if not lang:
        found = tree.xpath("/html/@lang | //html/@lang")
        lang = found[0] if found else None
    return lang or _meta_content(tree, "og:locale")


def _meta_content(tree, key: str) -> str | None:
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").strip().lower() == key:
            return (meta.get("content") or "").strip() or None
    return None


# --------------------------------------------------------------------------
# Records -> Article
# --------------------------------------------------------------------------


def _fields(record: dict) -> dict[str, Any]:
    """Map a record's keys (any case, common aliases) onto Article fields."""
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    out: dict[str, Any] = {}
    for field, aliases in FIELD_ALIASES.items():
        for alias in aliases:
            if alias in lowered and lowered[alias] not in (None, ""):
                out[field] = lowered[alias]
                break
    return out


def _record_article(record: Any, label: str, default_published: dt.date | None) -> Article | Skipped:
    if not isinstance(record, dict):
        return Skipped(label, f"expected a JSON object with a 'text' field, got {_json_type(record)}")
    return _make_article(_fields(record), label=label, default_id=None,
                         default_published=default_published)


def _make_article(
    fields: dict[str, Any], *, label: str, default_id: str | None, default_published: dt.date | None
) -> Article | Skipped:
    """Clean the text and fill defaults: id -> default_id or text hash, date -> argument."""
    text = fields.get("text")
    if text is None:
        return Skipped(label, "no 'text' field")
    if not isinstance(text, str):
        return Skipped(label, f"'text' is not a string (got {_json_type(text)})")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return Skipped(label, "text is empty")
    cleaned = strip_boilerplate(text)
    if not cleaned.strip():
        return Skipped(label, "no article text left after removing page furniture "
                              "(newsletter, share, caption lines)")
    return Article(
        id=_clean_str(fields.get("id")) or default_id or text_id(cleaned),
        text=cleaned,
        title=_clean_str(fields.get("title")),
        published=parse_date(fields.get("published")) or default_published,
        source=_clean_str(fields.get("source")),
        url=_clean_str(fields.get("url")),
        language=_clean_language(fields.get("language")),
        path=label,
    )


def _clean_str(value: Any) -> str | None:
    if isinstance(value, dict):  # e.g. NewsAPI's {"id": ..., "name": "Reuters"}
        value = value.get("name")
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        value = int(value) if value.is_integer() else value
    if isinstance(value, (int, float, str)):
        s = " ".join(str(value).split())
        return s or None
    return None


def _clean_language(value: Any) -> str:
    """Primary language subtag, lower case ("en-GB", "en_US" -> "en"); default "en"."""
    s = _clean_str(value)
    if not s:
        return "en"
    return re.split(r"[-_]", s, maxsplit=1)[0].lower() or "en"


def _collect(result: Article | Skipped, articles: list[Article], skipped: list[Skipped]) -> None:
    (articles if isinstance(result, Article) else skipped).append(result)


def _split(result: Article | Skipped, skipped: list[Skipped]) -> tuple[list[Article], list[Skipped]]:
    articles: list[Article] = []
    skipped = list(skipped)
    _collect(result, articles, skipped)
    return articles, skipped


def _json_type(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean",
            int: "a number", float: "a number", type(None): "null"}.get(type(value), type(value).__name__)


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()
