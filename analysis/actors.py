"""Component `demarche_actors`: which state or organisation each speaker speaks for.

Knowledge lives in data files (loaded once, see `Gazetteer`):
  * pycountry for state names and ISO 3166-1 alpha-3 codes, plus data/gazetteer/country_names.csv
    for what pycountry lacks (Britain, Czech, Kremlin, Downing Street, Kyiv ...);
  * data/gazetteer/organisations.csv for organisations (NATO, EU, UN ...) and their bodies;
  * data/officials.csv for office holders with date ranges, because office holders change
    (Rutte speaks for the Netherlands until 2024 and for NATO after);
  * data/gazetteer/roles.csv for which roles speak officially.

A speaker resolves, in this order, through: the place or organisation its own words name
(`Poland's Prime Minister`, `a NATO official`, `the Kremlin`); what this article said of the
person (`Poland's Prime Minister Donald Tusk` teaches `Tusk` -> POL); aliases an analyst
entered; the office holder on the statement's date; aliases learned from other articles.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .statements import DATA, noun_phrase

if not Doc.has_extension("learned_aliases"):
    Doc.set_extension("learned_aliases", default=None)

# Codes pycountry lacks but news needs.
_EXTRA_STATES = {"XKX": "Kosovo"}


@dataclass(frozen=True)
class Office:
    name: str
    actor: str
    role: str
    title: str
    start: dt.date | None
    end: dt.date | None

    def holds_on(self, day: dt.date | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass
class ActorRef:
    code: str  # ISO3 or organisation id; "" when the speaker speaks for no state or organisation
    name: str
    kind: str  # state | organisation | other
    speaker: object  # speakers.Speaker
    via: str  # own_words | article | analyst_alias | office | learned_alias | none


def _name_only(person: Span) -> Span:
    """A PERSON entity without a trailing possessive (the model tags "Rishi Sunak's")."""
    end = person.end
    while end - person.start > 1 and person.doc[end - 1].text in ("'s", "’s", "'", "’"):
        end -= 1
    return person.doc[person.start:end]


def _date(value: str) -> dt.date | None:
    value = (value or "").strip()
    return dt.date.fromisoformat(value) if value else None


def _rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


class Gazetteer:
    """Names of states and organisations, and office holders, from data files."""

    def __init__(self, data_dir: Path = DATA):
        self.names: dict[str, str] = {}  # code -> display name
        self.kinds: dict[str, str] = {}  # code -> state | organisation
        self.aliases: dict[str, str] = {}  # alias text (as written) -> code
        for c in pycountry.countries:
            display = getattr(c, "common_name", None) or c.name
            self.names[c.alpha_3] = display
            self.kinds[c.alpha_3] = "state"
            for n in {c.name, display, getattr(c, "official_name", None)}:
                if n and "," not in n:
                    self._alias(n, c.alpha_3)
        for code, name in _EXTRA_STATES.items():
            self.names[code], self.kinds[code] = name, "state"
            self._alias(name, code)
        for row in _rows(data_dir / "gazetteer" / "country_names.csv"):
            code = row["iso3"].strip()
            self.kinds.setdefault(code, "state")
            self.names.setdefault(code, row["alias"].strip())
            if row.get("kind", "").strip() == "display":
                self.names[code] = row["alias"].strip()
            self._alias(row["alias"], code)
        for row in _rows(data_dir / "gazetteer" / "organisations.csv"):
            code = row["id"].strip()
            self.kinds[code] = "organisation"
            self.names.setdefault(code, row.get("name", "").strip() or code)
            self._alias(row["alias"], code)
        self.offices: dict[str, list[Office]] = {}  # lower-case name or alias -> offices
        for row in _rows(data_dir / "officials.csv"):
            office = Office(row["name"].strip(), row["actor"].strip(), row.get("role", "").strip(),
                            row.get("title", "").strip(), _date(row.get("start", "")), _date(row.get("end", "")))
            for n in [row["name"], *(row.get("aliases") or "").split(";")]:
                if n.strip():
                    self.offices.setdefault(n.strip().lower(), []).append(office)

    def _alias(self, alias: str, code: str) -> None:
        alias = " ".join((alias or "").split())
        if not alias:
            return
        self.aliases.setdefault(alias, code)
        if alias.lower().startswith("the "):
            self.aliases.setdefault(alias[4:], code)

    def office_holder(self, name: str, day: dt.date | None) -> Office | None:
        """The office a named person held on a day (the latest-starting if several)."""
        offices = [o for o in self.offices.get(name.lower(), []) if o.holds_on(day)]
        offices.sort(key=lambda o: o.start or dt.date.min)
        return offices[-1] if offices else None

    def kind(self, code: str) -> str:
        return self.kinds.get(code, "state")


@lru_cache(maxsize=2)
def load_gazetteer(data_dir: str | None = None) -> Gazetteer:
    return Gazetteer(Path(data_dir) if data_dir else DATA)


class ActorResolver:
    def __init__(self, nlp: Language, data_dir: str | None = None):
        self.gazetteer = load_gazetteer(data_dir)
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for alias, code in self.gazetteer.aliases.items():
            self.matcher.add(code, [nlp.make_doc(alias)])
        self.analyst_aliases: dict[str, str] = {}
        self.learned_aliases: dict[str, str] = {}

    def set_aliases(self, rows) -> None:
        """Aliases from the store: rows with alias, actor, source ('analyst' or 'learned')."""
        self.analyst_aliases, self.learned_aliases = {}, {}
        for row in rows:
            target = self.analyst_aliases if row.get("source") == "analyst" else self.learned_aliases
            target[str(row["alias"]).lower()] = str(row["actor"])

    # -- places and organisations named in a span ---------------------------------

    def _places(self, doc: Doc, span: Span) -> list[tuple[Span, str]]:
        found = []
        for match_id, s, e in self.matcher(doc[span.start:span.end]):
            found.append((doc[s:e], doc.vocab.strings[match_id]))  # offsets are the doc's
        # longest first where matches overlap (`Czech Republic` over `Czech`)
        found.sort(key=lambda m: (-(len(m[0])), m[0].start))
        kept: list[tuple[Span, str]] = []
        for m in found:
            if not any(k[0].start < m[0].end and m[0].start < k[0].end for k in kept):
                kept.append(m)
        return sorted(kept, key=lambda m: m[0].start)

    def _own_words(self, doc: Doc, full: Span) -> str | None:
        places = self._places(doc, full)
        if not places:
            return None
        for span, code in places:  # the head itself is the state or organisation: "Britain"
            if span.start <= full.root.i < span.end:
                return code
        return places[0][1]  # a modifier: "Poland's", "French", "NATO", "Kremlin"

    def learn(self, doc: Doc) -> dict[str, tuple[str, str | None]]:
        """What this article says of people: `Poland's Prime Minister Donald Tusk` -> Tusk: POL."""
        learned: dict[str, tuple[str, str | None]] = {}
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            np = noun_phrase(ent.root)
            if ent.root.dep_ == "appos" and ent.root.head.pos_ == "NOUN":
                head = ent.root.head
                np = doc[min(head.left_edge.i, np.start):max(np.end, ent.end)]
            places = [(s, c) for s, c in self._places(doc, np) if not (ent.start <= s.start < ent.end)]
            if not places:
                continue
            code = places[0][1]
            ent = _name_only(ent)
            role_words = [t for t in np if t.i < ent.start and t.dep_ not in ("det", "case") and t.tag_ != "PRP$"]
            role = " ".join(t.text for t in role_words) or None
            for key in {ent.text, ent[-1].text}:
                learned.setdefault(key.lower(), (code, role))
        return learned

    # -- speakers ------------------------------------------------------------------

    def resolve(self, doc: Doc, speaker, day: dt.date | None, learned: dict) -> ActorRef:
        g = self.gazetteer
        code, via = self._own_words(doc, speaker.full), "own_words"
        if code is None:
            person = next((e for e in doc.ents if e.label_ == "PERSON"
                           and speaker.full.start <= e.start and e.end <= speaker.full.end), None)
            if person is not None:
                code, via = self._person(person, day, learned)
        if code is None or speaker.role_kind == "other":
            return ActorRef("", "", "other", speaker, via if code else "none")
        return ActorRef(code, g.names.get(code, code), g.kind(code), speaker, via)

    def _person(self, person: Span, day: dt.date | None, learned: dict) -> tuple[str | None, str]:
        person = _name_only(person)
        keys = [person.text.lower(), person[-1].text.lower()]
        for key in keys:
            if key in learned:
                return learned[key][0], "article"
        for key in keys:
            if key in self.analyst_aliases:
                return self.analyst_aliases[key], "analyst_alias"
        for key in keys:
            office = self.gazetteer.office_holder(key, day)
            if office is not None:
                return office.actor, "office"
        for key in keys:
            if key in self.learned_aliases:
                return self.learned_aliases[key], "learned_alias"
        return None, "none"

    def __call__(self, doc: Doc) -> Doc:
        learned = self.learn(doc)
        doc._.learned_aliases = learned
        for st in doc._.statements or []:
            day = st.date or doc._.published
            st.actors = [self.resolve(doc, sp, day, learned) for sp in st.speakers]
        return doc


@Language.factory("demarche_actors", default_config={"data_dir": None})
def make_actor_resolver(nlp: Language, name: str, data_dir: str | None) -> ActorResolver:
    return ActorResolver(nlp, data_dir)
