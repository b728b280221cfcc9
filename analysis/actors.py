"""Component `demarche_actors`: which state or organisation each speaker speaks for.

Knowledge lives in data files (loaded once, see `Gazetteer`):
  * pycountry for state names and ISO 3166-1 alpha-3 codes, plus data/gazetteer/country_names.csv
    for what pycountry lacks (Britain, Czech, Kremlin, Downing Street, Kyiv ...);
  * data/gazetteer/organisations.csv for organisations (NATO, EU, UN ...) and their bodies;
  * data/gazetteer/display_names.csv for the name shown (actor_name) where the default reads oddly:
    `Russia`, not pycountry's `Russian Federation`; `NATO`, not `North Atlantic Treaty Organization`;
  * data/officials.csv for office holders with date ranges, because office holders change
    (Rutte speaks for the Netherlands until July 2024 and for NATO from October 2024);
  * data/gazetteer/roles.csv for which roles speak officially (`spokesman`, `ministry`) and
    which do not (`analyst`, `opposition leader`, `military blogger`).

Names are matched as written (ORTH), so `US` is the United States and `us` is not; in an
all-capitals headline (`RUSSIA SAYS ...`) names are matched case-blind, except those that are
English function words when lower-cased (`US`, `WHO`). A place that is part of a longer proper
name is not a place: `Israel Katz`, `Jordan Bardella`, `Washington Post`.

Only official voices get a state or organisation. What the speaker's noun phrase is headed by
decides:

  * a state or organisation itself (`Britain`, `Beijing`, `the Kremlin`, `EU leaders`,
    `the Security Council`) -> that actor; a seat or body that another state's name qualifies
    is that state's own (`Germany's Foreign Office`, `Iran's Security Council`);
  * an official role (`spokesman`, `defence ministry`, `official`, `military`, `counterpart`)
    -> the state or organisation that owns it: a modifier (`Taiwan's defence ministry`,
    `a senior US official`), an `of`/`for`/`from` phrase (`a spokesperson for the Chinese
    foreign ministry`), an apposition (`the foreign minister, Radoslaw Sikorski`) or a
    possessor (`Rishi Sunak's spokesman`), or `the country's` (the state named last before it,
    not an adjective: `"Poland supported ... Russian oil," the country's ambassador said`);
    places after `to`, `in`, `at` ... are not owners (`Russia's envoy to the UN` is Russia's);
  * a person -> the owner of an official title in the phrase (`Poland's Prime Minister Donald
    Tusk`); else what this article said of the person (`Foreign Minister X of Y` earlier on);
    an analyst's alias; the office the person held on the statement's date (officials.csv:
    `Scholz said` in 2024 is Germany); aliases learned from other articles. A nationality alone
    does not make a person an official (`Russian billionaire Oleg Deripaska`);
  * a document (`the G20 declaration`, `the leaders' statement`, `The text`) -> its issuer: a
    state or organisation in its phrase, its possessor (`their joint declaration` after `G20
    leaders adopted`), the subject of the verb that issued it (`adopted`, `issued`, not `signed`),
    or, for a bare `the text`, the issuer of the latest earlier document the article names; a
    summit's text with none of these (`the declaration`, `a joint communique`) is the one
    international organisation the headline and lead name, if only one;
  * a named grouping of states (`the E3`, data/gazetteer/groupings.csv) -> each member, one
    ActorRef per member, as for `Britain, France and Germany said`;
  * anything else (`Hamas`, `the Houthis`, `Russian forces`, `Ukrainian soldiers`, `Western
    officials`, `Nordic countries`) -> no actor (actor_kind "other").

A state's own body is never an organisation's: `National Security Council` is a role (roles.csv)
that holds the UN's `Security Council` inside it, so `the U.S. National Security Council`, `Iran's
Supreme National Security Council` and `the Security Council of Russia` are those states'. A role a
state sends to an organisation (`the U.N. ambassador`, `NATO ambassadors`) names where its holder
is posted, not whom they speak for (the EU's own ambassadors excepted).

An organ or voice of a government with no owner in its phrase and nothing else named in it (`a
government spokesman`, `its foreign ministry`, `the Prime Minister's official spokesman`, `The
Treasury`), or any official role owned by `its`/`their` (`its development minister`), is that of
the state the passage is about: the subject of an earlier clause of the same
sentence, else of the sentence before it in the same paragraph (`Downing Street also ruled it
out.`); a person there counts only when the subject names the same organ (`Treasury Secretary
Janet Yellen said ...` before `The Treasury warned`). A new paragraph, a list, a people or a
`Hamas spokesman` give nothing. In a round-up under crossheads, an official with no owner in the
phrase and no office on record speaks for the one state or organisation the crosshead over the
paragraph names (`PALESTINIAN AUTHORITY` / `Foreign Minister Riyad al-Maliki said ...`).

A surname alone (`Cameron said`) is first the person the article names in full (`Foreign
Secretary David Cameron`), looked up in officials.csv under that name; a surname of someone the
article names but officials.csv does not know (`House Speaker Mike Johnson` ... `Johnson said`) is
not another holder of the surname. Names match without diacritics (`Orban` is `Orbán`).

Whatever the head, a speaker with a non-official role (`opposition leader`, `analyst`,
`military bloggers`, from roles.csv) or a former one (`former Prime Minister`, `ex-president`,
`a former NATO official`) speaks for no state or organisation.

Decisions: armed groups and movements that are not states (Hamas, Hezbollah, the Houthis, the
Taliban as such) are not international organisations either: actor_kind "other". A grouping
that is not an organisation (`Nordic countries`, `Western officials`, `European diplomats`)
names no one state, so it is "other" too; the gazetteer is the place to add a grouping that
really is an organisation (`Visegrad Group`, `the Quad`).

Two dates need the resolved actors and are settled here, after the dates component: a statement
dated only by publication whose speaker is an office described rather than named (`The U.S.
president confirmed`) takes the date of the latest dated statement of that office's holder (same
actor, same title: `Joe Biden told CNN on Wednesday`); and a statement with no day of its own
followed, in the next sentence, by a dated one of the same actor (`Beijing rejected the move.
China's foreign ministry spokesman said on Thursday ...`) takes that day.

What an article teaches about a person (`Poland's Prime Minister Donald Tusk`, `Foreign
Minister X of Y`, `X, Y's foreign minister`) is returned on `doc._.learned_aliases` (name as
written -> (actor, role)); the CLI stores it, and `set_aliases` hands it to later articles.
A learned surname alone is used across articles only when it names one actor.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from .dates import DOCUMENT_NOUNS, ISSUING_VERBS, _sentence_before
from .issues import is_heading, lead_sentences
from .statements import DATA, load_cues, noun_phrase

if not Doc.has_extension("learned_aliases"):
    Doc.set_extension("learned_aliases", default=None)

# Codes pycountry lacks but news needs.
_EXTRA_STATES = {"XKX": "Kosovo"}

# Words that make a title a past one: "former Prime Minister", "ex-president".
FORMER = {"former", "ex", "onetime", "one-time", "erstwhile", "retired", "ousted", "deposed"}
# Prepositions that introduce whom a speaker speaks for ("the ambassador of Iran"); places
# after any other preposition are where or to whom ("Russia's envoy to the UN").
OWNER_PREPS = {"of", "for", "from"}
POSSESSIVE = ("'s", "’s", "'", "’")
ORG_PARTS = {"seat", "body"}  # alias kinds that a state's name can qualify ("Germany's Foreign Office")
STATE_NAME_KINDS = {"short", "name", "capital"}  # kinds that can also start a longer proper name
# Capitalised words that make a state's name part of a region's: "Latin America", "Northern
# Ireland", "East Jerusalem" (names that are states themselves, "South Korea", are aliases).
GEO_QUALIFIERS = {"Latin", "North", "South", "East", "West", "Central", "Northern", "Southern", "Eastern", "Western",
                  "Greater", "Upper", "Lower"}
HONORIFICS = {"mr", "mrs", "ms", "mx", "dr"}  # "Mr Macron"; "Sir", "Lord" stay: officials.csv lists "Lord Cameron"
# Roles a state sends to an organisation: "the U.N. ambassador", "NATO ambassadors" are ambassadors *to*
# the UN or NATO, not its own (the EU does have ambassadors of its own: "the EU ambassador to Kyiv").
DESTINATION_ROLES = {"ambassador", "ambassadors", "permanent representative", "permanent representatives"}
ORGS_WITH_AMBASSADORS = {"EU"}
# The last word of a role that names a government's own organ or voice: with no owner in its phrase
# ("a government spokesman", "its foreign ministry", "the Prime Minister's official spokesman") it is the
# organ of the state the passage is about (the subject just before it).
TOPIC_ROLE_HEADS = {"spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokeswomen", "spokespeople",
                    "spokespersons", "government", "ministry", "ministries", "presidency", "office", "embassy",
                    "cabinet", "administration", "department", "council", "chancellery", "treasury"}
POSSESSIVE_PRONOUNS = {"its", "their"}
OWN_STATE = {"country", "government", "nation", "state"}  # "whose country": the state of the one named


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
    via: str  # own_words | article | analyst_alias | office | learned_alias | topic | heading | issuer | group;
    #           for "other": former | role | people | out_of_office | none
    role: str = ""  # the office, when an office-holder row or a learned alias supplied it


@dataclass(frozen=True)
class Place:
    start: int
    end: int
    code: str
    kind: str  # short | adjective | demonym | capital | seat | name | body | alias (an analyst's)


def _date(value: str) -> dt.date | None:
    value = (value or "").strip()
    return dt.date.fromisoformat(value) if value else None


def _rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def plural_of(phrase: str) -> str:
    """`spokesman` -> `spokesmen`, `ministry` -> `ministries`, `official` -> `officials`."""
    words = phrase.split()
    last = words[-1]
    if last.endswith("man"):
        last = last[:-3] + "men"
    elif last.endswith("person"):
        last = last[:-6] + "people"
    elif re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    elif not last.endswith("s"):
        last += "s"
    return " ".join(words[:-1] + [last])


def _norm(alias: str) -> str:
    return " ".join((alias or "").split())


def _fold(name: str) -> str:
    """Lower-case without diacritics: `Orbán` and `Orban` are one name."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class Gazetteer:
    """Names of states and organisations, roles, and office holders, from data files."""

    def __init__(self, data_dir: Path = DATA):
        self.names: dict[str, str] = {}  # code -> display name
        self.kinds: dict[str, str] = {}  # code -> state | organisation
        self.aliases: dict[str, str] = {}  # alias text (as written) -> code
        self.alias_kinds: dict[str, str] = {}  # alias text -> short | adjective | ... | body
        for c in pycountry.countries:
            display = getattr(c, "common_name", None) or c.name
            self.names[c.alpha_3] = display
            self.kinds[c.alpha_3] = "state"
            for n in {c.name, display, getattr(c, "official_name", None)}:
                if n and "," not in n:
                    self._alias(n, c.alpha_3, "short")
        for code, name in _EXTRA_STATES.items():
            self.names[code], self.kinds[code] = name, "state"
            self._alias(name, code, "short")
        for row in _rows(data_dir / "gazetteer" / "country_names.csv"):
            code = row["iso3"].strip()
            self.kinds.setdefault(code, "state")
            self.names.setdefault(code, row["alias"].strip())
            self._alias(row["alias"], code, row.get("kind", "").strip() or "short")
        org_rows = _rows(data_dir / "gazetteer" / "organisations.csv")
        org_names: dict[str, list[str]] = {}
        for row in org_rows:
            code = row["id"].strip()
            self.kinds[code] = "organisation"
            self.names.setdefault(code, row.get("name", "").strip() or code)
            self._alias(row["alias"], code, row.get("kind", "").strip() or "name")
            if row.get("kind", "").strip() == "name":
                org_names.setdefault(code, []).append(_norm(row["alias"]))
        for row in org_rows:  # "UN refugee agency" is also "U.N. refugee agency", "United Nations refugee agency"
            code, alias = row["id"].strip(), _norm(row["alias"])
            if row.get("kind", "").strip() != "body":
                continue
            for name in org_names.get(code, []):
                if alias.startswith(name + " "):
                    for other in org_names[code]:
                        self._alias(other + alias[len(name):], code, "body")
        for alias, code in list(self.aliases.items()):  # "Nato", "Asean", "Unicef": house styles that
            if re.fullmatch(r"[A-Z]{4,}", alias):  # write long acronyms as words
                self._alias(alias.capitalize(), code, self.alias_kinds[alias])
        self.groups: dict[str, list[str]] = {}  # grouping id (E3) -> member states, each speaking for itself
        for row in _rows(data_dir / "gazetteer" / "groupings.csv"):
            code = row["id"].strip()
            self.groups[code] = [m.strip() for m in row["members"].split(";") if m.strip()]
            self.kinds[code] = "group"
            self.names.setdefault(code, code)
            self._alias(row["alias"], code, "group")
        for row in _rows(data_dir / "gazetteer" / "display_names.csv"):  # "Russia", not "Russian Federation"
            if row["id"].strip() in self.kinds:
                self.names[row["id"].strip()] = row["display"].strip()
        self.roles: dict[str, str] = {}  # role phrase (lower-case, singular and plural) -> official | other
        for row in _rows(data_dir / "gazetteer" / "roles.csv"):
            role, kind = row["role"].strip().lower(), row["kind"].strip()
            self.roles.setdefault(role, kind)
            self.roles.setdefault(plural_of(role), kind)
        self.offices: dict[str, list[Office]] = {}  # lower-case name or alias -> offices
        for row in _rows(data_dir / "officials.csv"):
            office = Office(row["name"].strip(), row["actor"].strip(), row.get("role", "").strip(),
                            row.get("title", "").strip(), _date(row.get("start", "")), _date(row.get("end", "")))
            for n in {_fold(n.strip()) for n in [row["name"], *(row.get("aliases") or "").split(";")] if n.strip()}:
                self.offices.setdefault(n, []).append(office)

    def _alias(self, alias: str, code: str, kind: str) -> None:
        alias = _norm(alias)
        if not alias:
            return
        for a in (alias, alias[4:] if alias.lower().startswith("the ") else None):
            if a and a not in self.aliases:
                self.aliases[a], self.alias_kinds[a] = code, kind

    def office_holder(self, name: str, day: dt.date | None) -> Office | None:
        """The office a named person held on a day (the latest-starting if several)."""
        offices = [o for o in self.offices.get(_fold(name), []) if o.holds_on(day)]
        offices.sort(key=lambda o: o.start or dt.date.min)
        return offices[-1] if offices else None

    def kind(self, code: str) -> str:
        """state or organisation; a code only an analyst's alias uses is a state if ISO 3166 knows it."""
        if code in self.kinds:
            return self.kinds[code]
        return "state" if pycountry.countries.get(alpha_3=code) is not None else "organisation"


@lru_cache(maxsize=2)
def load_gazetteer(data_dir: str | None = None) -> Gazetteer:
    return Gazetteer(Path(data_dir) if data_dir else DATA)


def _title_case(sent: Span) -> bool:
    """A headline in title case ("Russia Warns West Over Troops"): the parser tags its verbs as
    proper nouns, so a capitalised word after a place says nothing there."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[:1].isupper() for t in words) >= 0.7 * len(words)


def _shouting(sent: Span) -> bool:
    """An all-capitals line (a headline or crosshead): most of its words are upper-case."""
    words = [t for t in sent if t.is_alpha and len(t) > 1]
    return len(words) >= 2 and sum(t.is_upper for t in words) >= 0.8 * len(words)


class _DocIndex:
    """Places, roles and names found once per Doc, looked up per speaker."""

    def __init__(self, resolver: "ActorResolver", doc: Doc):
        g = resolver.gazetteer
        self.doc = doc
        found: list[tuple[int, int, Place]] = []  # (length, rank, place); rank 0 = analyst's alias
        for match_id, s, e in resolver.alias_matcher(doc) if resolver.alias_patterns else []:
            found.append((e - s, 0, Place(s, e, doc.vocab.strings[match_id], "alias")))
        shouting = [sent for sent in doc.sents if _shouting(sent)]
        loud = {i for sent in shouting for i in range(sent.start, sent.end)}
        for match_id, s, e in resolver.place_matcher(doc):
            if s in loud and doc[s:e].text.lower() in STOP_WORDS:
                continue  # "TOLD US": in capitals, a pronoun
            found.append((e - s, 1, Place(s, e, doc.vocab.strings[match_id], g.alias_kinds.get(_norm(doc[s:e].text), "short"))))
        for sent in shouting:
            for match_id, s, e in resolver.shout_matcher(doc[sent.start:sent.end]):
                code, kind = doc.vocab.strings[match_id].split("|", 1)
                found.append((e - s, 2, Place(s, e, code, kind)))
        # longest first where matches overlap (`Czech Republic` over `Czech`); an analyst's alias
        # beats the gazetteer on the same words
        found.sort(key=lambda m: (-m[0], m[1], m[2].start))
        taken = [False] * len(doc)
        kept = []
        for _, _, p in found:
            if not any(taken[p.start:p.end]):
                kept.append(p)
                for i in range(p.start, p.end):
                    taken[i] = True
        self.role_tokens: dict[int, tuple[int, int, str]] = {}  # token -> (start, end, kind) of the longest role over it
        for _, s, e in resolver.role_matcher(doc):
            kind = g.roles.get(doc[s:e].text.lower(), "official")
            for i in range(s, e):
                if i not in self.role_tokens or e - s > self.role_tokens[i][1] - self.role_tokens[i][0]:
                    self.role_tokens[i] = (s, e, kind)
        self.persons = [(ent.start, ent.end) for ent in doc.ents if ent.label_ == "PERSON"]  # doc.ents is slow to get
        self.person_at = {i: se for se in self.persons for i in range(*se)}
        person_tokens = set(self.person_at)
        self.places = sorted((p for p in kept if not self._name_part(doc, p, person_tokens, taken)
                              and not self._inside_role(p)), key=lambda p: p.start)
        self.place_at = {i: p for p in self.places for i in range(p.start, p.end)}
        # the quotations' character spans: a subject inside one is not what a passage is about
        self.quoted = [piece for q in (doc._.quotations or []) for piece in q.pieces] if doc.has_extension("quotations") else []
        self.lead_organisations: set[str] | None = None  # read on first need (ActorResolver._lead_organisation)

    def _inside_role(self, p: Place) -> bool:
        """`Security Council` in `National Security Council`: a longer role phrase (a state's own body)
        holds the name, so the name is not the place."""
        r = self.role_tokens.get(p.start)
        return r is not None and r[0] <= p.start and p.end <= r[1] and r[1] - r[0] > p.end - p.start

    def _name_part(self, doc: Doc, p: Place, person_tokens: set[int], taken: list[bool]) -> bool:
        """`Israel` in `Israel Katz`, `Washington` in `Washington Post`: part of a longer name."""
        if p.start > 0 and doc[p.start - 1].text in GEO_QUALIFIERS and not taken[p.start - 1]:
            return True
        if p.kind not in STATE_NAME_KINDS:
            return False
        # inside a PERSON entity that runs on past it
        if all(i in person_tokens for i in range(p.start, p.end)) and (p.start - 1 in person_tokens or p.end in person_tokens):
            return True
        if p.end >= len(doc) or _title_case(doc[p.start].sent):
            return False
        nxt = doc[p.end]
        return (nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and not taken[p.end] and p.end not in self.role_tokens
                and nxt.ent_type_ not in ("DATE", "TIME", "GPE", "NORP", "LOC", "CARDINAL", "ORDINAL")
                and doc[p.end - 1].whitespace_ != "")

    def role_at(self, i: int) -> tuple[int, int, str] | None:
        return self.role_tokens.get(i)

    def role_text(self, r: tuple[int, int, str]) -> str:
        return self.doc[r[0]:r[1]].text.lower()


class ActorResolver:
    def __init__(self, nlp: Language, data_dir: str | None = None):
        self.gazetteer = g = load_gazetteer(data_dir)
        self.nlp = nlp
        self.place_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.shout_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for alias, code in g.aliases.items():
            self.place_matcher.add(code, [nlp.make_doc(alias)])
            if alias.lower() not in STOP_WORDS and len(alias) > 1:
                self.shout_matcher.add(f"{code}|{g.alias_kinds[alias]}", [nlp.make_doc(alias)])
        self.role_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.role_matcher.add("ROLE", [nlp.make_doc(r) for r in g.roles])
        self.alias_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.alias_patterns = False
        self.analyst_aliases: dict[str, str] = {}
        self.learned_aliases: dict[str, str] = {}

    def set_aliases(self, rows) -> None:
        """Aliases from the store: rows with alias, actor, source ('analyst' or 'learned').

        An analyst's alias is matched in any speaker's words, like a gazetteer name, and wins
        over the gazetteer. A learned alias names a person; a surname learned for two
        different actors is dropped as ambiguous.
        """
        self.analyst_aliases, learned = {}, {}
        self.alias_matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.alias_patterns = False
        for row in rows:
            alias, actor = _norm(str(row.get("alias") or "")), str(row.get("actor") or "").strip()
            if not alias or not actor:
                continue
            if row.get("source") == "analyst":
                self.analyst_aliases[alias.lower()] = actor
                self.alias_matcher.add(actor, [self.nlp.make_doc(alias)])
                self.alias_patterns = True
            else:
                learned.setdefault(alias.lower(), set()).add(actor)
        self.learned_aliases = {k: next(iter(v)) for k, v in learned.items() if len(v) == 1}

    # -- the speaker's phrase -------------------------------------------------------------

    def _owner(self, ix: _DocIndex, head: Token, lo: int, hi: int, depth: int = 0,
               destination: bool = False) -> Place | None:
        """The state or organisation that a role noun belongs to, from its own phrase.

        `destination`: the role is one a state sends to an organisation (`ambassador`), so an
        organisation named with it is where the holder is posted (`the U.N. ambassador`), not
        whom they speak for."""
        if depth > 3:
            return None
        g = self.gazetteer

        def ok(p: Place) -> bool:
            return not destination or g.kind(p.code) == "state" or p.code in ORGS_WITH_AMBASSADORS

        place = ix.place_at.get(head.i)
        if place is not None and ok(place):
            return place
        doc = head.doc
        # modifiers before the head ("Taiwan's defence ministry", "a senior US official"),
        # outside prepositional phrases and clauses
        for i in range(max(lo, head.left_edge.i), head.i):
            p = ix.place_at.get(i)
            if p is not None and p.start == i and self._modifies(doc[i], head) and ok(p):
                return p
        for child in head.children:
            if child.dep_ == "appos":
                p = self._owner(ix, child, child.left_edge.i, child.right_edge.i + 1, depth + 1, destination)
                if p is not None:
                    return p
            if child.dep_ == "prep" and child.lower_ in OWNER_PREPS:
                for obj in child.children:
                    if obj.dep_ == "pobj" and (obj.i in ix.place_at or self._official_role_head(ix, obj)):
                        p = self._owner(ix, obj, obj.left_edge.i, obj.right_edge.i + 1, depth + 1, destination)
                        if p is not None:
                            return p
        if head.dep_ == "appos" and self._official_role_head(ix, head.head) and depth == 0:
            # "his Czech counterpart Petr Fiala": the name is an apposition to the role noun
            return self._owner(ix, head.head, head.head.left_edge.i, head.i, depth + 1, destination)
        return None

    @staticmethod
    def _destination(ix: _DocIndex, tokens) -> bool:
        """Whether the roles among some tokens are all ones a state sends to an organisation."""
        found = False
        for i in tokens:
            r = ix.role_tokens.get(i)
            if r is None:
                continue
            if ix.role_text(r) not in DESTINATION_ROLES:
                return False
            found = True
        return found

    @staticmethod
    def _modifies(token: Token, head: Token) -> bool:
        node = token
        while node != head:
            if node.dep_ in ("prep", "relcl", "acl", "advcl", "pobj", "conj", "appos") or node.head == node:
                return False
            node = node.head
        return True

    def _official_role_head(self, ix: _DocIndex, token: Token) -> bool:
        r = ix.role_at(token.i)
        return r is not None and r[2] == "official"

    def _person_span(self, ix: _DocIndex, token: Token) -> Span | None:
        """The name a token belongs to: a PERSON entity, else its proper-noun chain (the small
        model tags many names as ORG or GPE), without titles, places, honorifics and a possessive."""
        doc = token.doc
        if token.i in ix.person_at:
            start, end = ix.person_at[token.i]
        else:
            if token.pos_ != "PROPN" or token.i in ix.place_at or token.i in ix.role_tokens:
                return None
            start, end = token.i, token.i + 1
            while (start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i in range(start, end)
                   and start - 1 not in ix.place_at and start - 1 not in ix.role_tokens):
                start -= 1
        while start < end and (start in ix.role_tokens or start in ix.place_at or doc[start].lower_.rstrip(".") in HONORIFICS):
            start += 1
        while end - start > 1 and doc[end - 1].text in POSSESSIVE:
            end -= 1
        return doc[start:end] if start < end else None

    @staticmethod
    def _extent(head: Token, lo: int, hi: int) -> list[int]:
        """The tokens of a speaker's phrase: its span, any apposition to its head, and the role
        noun its head is an apposition to ("his Czech counterpart Petr Fiala")."""
        tokens = list(range(lo, hi))
        for child in head.children:
            if child.dep_ == "appos":
                tokens.extend(range(child.left_edge.i, child.right_edge.i + 1))
        if head.dep_ == "appos" and head.head.pos_ == "NOUN":
            tokens.extend(range(head.head.left_edge.i, head.head.i + 1))
        return sorted(set(tokens))

    @staticmethod
    def _former(ix: _DocIndex, head: Token, extent: list[int]) -> bool:
        """A past title: `former` (`ex`, `retired` ...) on a role or on the person, not on
        something else they were ("Zelenskiy, a former comedian")."""
        doc = head.doc
        for i in extent:
            t = doc[i]
            if t.lower_ in FORMER and (t.head == head or t.head.i in ix.role_tokens or t.head.i in ix.place_at
                                       or i + 1 in ix.role_tokens or i + 1 in ix.place_at
                                       or (i + 2 < len(doc) and doc[i + 1].text == "-" and i + 2 in ix.role_tokens)):
                return True
        return False

    def _roles(self, ix: _DocIndex, tokens, exclude: Span | None = None) -> tuple[set[str], tuple | None]:
        """The kinds of the roles among some tokens, and the longest role."""
        kinds, best = set(), None
        for i in tokens:
            r = ix.role_tokens.get(i)
            if r is None or (exclude is not None and exclude.start <= i < exclude.end):
                continue
            kinds.add(r[2])
            if best is None or r[1] - r[0] > best[1] - best[0]:
                best = r
        return kinds, best

    # -- resolution -----------------------------------------------------------------------

    def _by_phrase(self, ix: _DocIndex, head: Token, lo: int, hi: int, day, learned: dict, topical: bool = True
                   ) -> tuple[str | None, str, str]:
        """(code, via, role) for a speaker's phrase headed by `head`, or (None, why, "")."""
        g = self.gazetteer
        doc = head.doc
        extent = self._extent(head, lo, hi)
        if self._former(ix, head, extent):
            return None, "former", ""
        head_role = ix.role_at(head.i)
        if head_role is not None and head_role[2] == "other":
            return None, "role", ""
        if head_role is None:
            own, _ = self._roles(ix, range(lo, hi))
            appos = {ix.role_tokens[c.i][2] for c in head.children if c.dep_ == "appos" and c.i in ix.role_tokens}
            kinds, _ = self._roles(ix, extent)
            if "other" in own or ("other" in appos and "official" not in kinds):
                return None, "role", ""  # "opposition leader Peter Magyar", "X, an analyst at ..."
        if head.lemma_.lower() in OWN_STATE and any(c.dep_ == "poss" and c.lower_ == "whose" for c in head.children) \
                and head.head.dep_ == "relcl" and head.head.head.pos_ in ("NOUN", "PROPN"):
            # "Turkish Foreign Minister Hakan Fidan, whose country signed the communique": the
            # country of the one the relative clause is about
            ante = head.head.head
            return self._by_phrase(ix, ante, ante.left_edge.i, ante.i + 1, day, learned, topical)
        place = ix.place_at.get(head.i)
        if place is not None:
            if place.kind in ("demonym", "adjective") and not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
                return None, "people", ""  # "Mexicans often say", "many Russians": a people, not its state
            if place.kind in ORG_PARTS:
                # "Germany's Foreign Office", "Iran's Security Council", "the Security Council of Russia":
                # that state's own body
                for i in range(max(lo, head.left_edge.i), place.start):
                    p = ix.place_at.get(i)
                    if p is not None and p.code != place.code and g.kind(p.code) == "state" and self._modifies(doc[i], head):
                        return p.code, "own_words", ""
                for prep in doc[place.end - 1].children:
                    if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i < hi:
                        for obj in prep.children:
                            p = ix.place_at.get(obj.i)
                            if obj.dep_ == "pobj" and p is not None and p.code != place.code and g.kind(p.code) == "state":
                                return p.code, "own_words", ""
            return place.code, ("analyst_alias" if place.kind == "alias" else "own_words"), ""
        if head_role is not None:  # an official role: whose is it?
            owner = self._owner(ix, head, lo, hi, destination=self._destination(ix, [head.i]))
            if owner is not None:
                return owner.code, "own_words", ""
            # "Rishi Sunak's spokesman", "the foreign minister, Radoslaw Sikorski", "a spokesman
            # for Chancellor Olaf Scholz"
            whose = [c for c in head.children if c.dep_ in ("poss", "appos")]
            whose += [o for c in head.children if c.dep_ == "prep" and c.lower_ in ("for", "of") and c.i < hi
                      for o in c.children if o.dep_ == "pobj"]
            for child in whose:
                if child.lemma_.lower() in OWN_STATE and child.dep_ == "poss" \
                        and any(c.dep_ == "det" and c.lower_ == "the" for c in child.children):
                    # "the country's ambassador to the EU": the state named last before it
                    state = self._latest_state(ix, child.i)
                    if state is not None:
                        return state, "own_words", ""
                person = self._person_span(ix, child) if child.lower_ not in ("his", "her") else self._his(ix, head)
                if person is not None:
                    code, via, role = self._person(person, day, learned, ix)
                    if code is not None:
                        return code, via, (role if child.dep_ == "appos" else "")
            if topical and self._topical(ix, head, lo, hi):
                code = self._topic(ix, head, lo, organ=ix.role_text(head_role).split()[-1], day=day)
                if code is not None:
                    return code, "topic", ""
            if topical and head_role[2] == "official" and not self._names_other(ix, lo, hi):
                code = self._heading_code(ix, head)  # "SOUTH AFRICA" / "The foreign minister said ..."
                if code is not None:
                    return code, "heading", ""
            return None, "none", ""
        if head.pos_ == "NOUN" and head.lemma_.lower() in DOCUMENT_NOUNS:
            code = self._issuer(ix, head, lo, hi, day, learned)
            return (code, "issuer", "") if code is not None else (None, "none", "")
        person = self._person_span(ix, head)
        if person is None:
            return None, "none", ""
        kinds, _ = self._roles(ix, extent, exclude=person)
        if "official" in kinds:  # "Poland's Prime Minister Donald Tusk", "Foreign Minister X of Y"
            role_tokens = [i for i in extent if not (person.start <= i < person.end)]
            owner = self._owner(ix, head, lo, hi, destination=self._destination(ix, role_tokens))
            if owner is not None:
                return owner.code, "own_words", self._title(person, owner.code, day)
        code, via, role = self._person(person, day, learned, ix)
        if code is None and via == "none" and "official" in kinds and "other" not in kinds and topical \
                and self._topical(ix, head, lo, hi, person):
            # "National Security Council spokeswoman Adrienne Watson", after "The White House responded."
            topic = self._topic(ix, head, lo)
            if topic is not None:
                return topic, "topic", ""
        if code is None and via == "none" and "official" in kinds and "other" not in kinds and topical \
                and not self._names_other(ix, lo, hi, person):
            # a reactions round-up under crossheads: "PALESTINIAN AUTHORITY" / "Foreign Minister
            # Riyad al-Maliki said ..."
            heading = self._heading_code(ix, head)
            if heading is not None:
                return heading, "heading", ""
        return code, via, role

    def _latest_state(self, ix: _DocIndex, before: int, reach: int = 80) -> str | None:
        """The state named last before token `before`, within `reach` tokens (`"Poland supported
        the agreement," the country's ambassador said`)."""
        for p in reversed(ix.places):
            if p.start >= before:
                continue
            if before - p.start > reach:
                return None
            if self.gazetteer.kind(p.code) == "state" and p.kind not in ("adjective", "demonym"):
                return p.code  # a name, not "Russian oil"
        return None

    def _his(self, ix: _DocIndex, head: Token) -> Span | None:
        """Whom `his`/`her` before a role refers to (`UN Secretary-General Antonio Guterres was
        alarmed, his spokesman said`): the nearest person named before it in the sentence, else
        in the sentence before."""
        doc = head.doc
        sent = head.sent
        earlier = [(s, e) for s, e in ix.persons if e <= head.i and s >= sent.start]
        if not earlier:
            before = _sentence_before(doc, sent)
            earlier = [(s, e) for s, e in ix.persons if before is not None and before.start <= s and e <= before.end]
        return doc[earlier[-1][0]:earlier[-1][1]] if earlier else None

    @staticmethod
    def _names_other(ix: _DocIndex, lo: int, hi: int, person: Span | None = None) -> bool:
        """Whether the phrase names anything beyond its role words and person (`a Hamas
        spokesman`, `the Houthi-run ministry`)."""
        for t in ix.doc[lo:hi]:
            if (person is not None and person.start <= t.i < person.end) or t.i in ix.role_tokens or t.is_punct \
                    or t.lower_ in POSSESSIVE or t.lower_ in POSSESSIVE_PRONOUNS:
                continue
            if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or "-" in t.text:
                return True
        return False

    def _heading_code(self, ix: _DocIndex, token: Token) -> str | None:
        """The one state or organisation named by the crosshead over the token's paragraph: a
        heading line inside the paragraph before it, or the line just before the paragraph."""
        doc = token.doc
        own = sent = token.sent
        while True:
            if sent.start != own.start and is_heading(sent):
                codes = {p.code for i in range(sent.start, sent.end) if (p := ix.place_at.get(i)) is not None
                         and p.kind not in ("demonym", "people")}
                return codes.pop() if len(codes) == 1 else None
            before = _sentence_before(doc, sent)
            if before is None:
                # the paragraph starts here: its crosshead, if any, is the line just before
                i = sent.start - 1
                while i >= 0 and doc[i].is_space:
                    i -= 1
                if i < 0:
                    return None
                prev = doc[i].sent
                if prev.start == sent.start or not is_heading(prev):
                    return None
                sent = prev
                continue
            sent = before

    # -- what the passage is about ----------------------------------------------------------

    def _topical(self, ix: _DocIndex, head: Token, lo: int, hi: int, person: Span | None = None) -> bool:
        """A government organ or voice with no owner of its own in the phrase (`a government
        spokesman`, `its foreign ministry`), and nothing else named in it (`a Hamas spokesman`,
        `the police department` are not a state's)."""
        doc = head.doc
        roles = {ix.role_tokens[i] for i in range(lo, hi) if i in ix.role_tokens}
        if not roles or any(r[2] == "other" for r in roles):
            return False
        # the role the phrase is headed by ("a senior administration official" is an official, not an
        # organ), or for a person the title just before the name ("NSC spokeswoman Adrienne Watson")
        main = ix.role_at(head.i) if person is None else ix.role_at(person.start - 1)
        # any official role owned by "its"/"their" is the state's ("Germany matched it, its development
        # minister said"); without that owner only a government's organs and voices are
        owned = any(t.lower_ in POSSESSIVE_PRONOUNS for t in doc[lo:hi])
        if main is None or (ix.role_text(main).split()[-1] not in TOPIC_ROLE_HEADS and not owned):
            return False
        return not self._names_other(ix, lo, hi, person)  # "a Hamas spokesman", "the Houthi-run ministry"

    def _subject_code(self, ix: _DocIndex, subj: Token, organ: str | None = None, day=None) -> str | None:
        """The one state or organisation a clause's subject names: a state or organisation
        (`Germany`, `Downing Street`, `the G7 leaders`) or an official body of one (`Egypt's
        foreign ministry`); not a people or a list. A person only when the subject names the
        organ in question (`Treasury Secretary Janet Yellen said ...` before `The Treasury warned`)."""
        if any(c.dep_ == "conj" for c in subj.children) or subj.dep_ == "conj":
            return None
        place = ix.place_at.get(subj.i)
        if place is not None:
            if place.kind in ("demonym", "adjective", "alias", "group"):
                return None
            return place.code
        if self._official_role_head(ix, subj):
            owner = self._owner(ix, subj, subj.left_edge.i, subj.i + 1)
            if owner is not None and owner.kind not in ("demonym", "alias"):
                return owner.code
        if organ and any(t.lower_.startswith(organ[:6]) for t in subj.subtree):  # ministry ~ minister
            np = noun_phrase(subj)
            code, via, _ = self._by_phrase(ix, subj, np.start, np.end, day, {}, topical=False)
            return code if via in ("own_words", "office") else None
        return None

    def _topic(self, ix: _DocIndex, token: Token, lo: int, organ: str | None = None, day=None) -> str | None:
        """The state or organisation a passage is about: the subject of the nearest earlier
        clause of this sentence that names one, else that of the main clause of the sentence
        before it in the same paragraph (`Downing Street also ruled it out. ... the Prime
        Minister's official spokesman told reporters`)."""
        doc = token.doc
        sent = token.sent
        for t in reversed(doc[sent.start:lo]):
            if any(a <= t.idx < b for a, b in ix.quoted):
                continue  # '"The G20 has nothing to be proud of," foreign ministry spokesman X wrote': not the topic
            if t.dep_ in ("nsubj", "nsubjpass"):
                code = self._subject_code(ix, t, organ, day)
                if code is not None:
                    return code
        prev = _sentence_before(doc, sent)
        if prev is None:
            return None  # a new paragraph starts a new passage
        subj = next((c for c in prev.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return self._subject_code(ix, subj, organ, day) if subj is not None else None

    def _issuer(self, ix: _DocIndex, head: Token, lo: int, hi: int, day=None, learned: dict | None = None,
                depth: int = 0) -> str | None:
        """Who issued a document (`the G20 declaration`, `the leaders' statement`, `The text`): a
        state or organisation in its phrase, by its possessor (`their declaration` after `G20
        leaders adopted`), as the subject of the verb that issued it, or, for a bare `the text`,
        the issuer of the latest earlier document the article names."""
        doc = head.doc
        owner = self._owner(ix, head, lo, hi)
        if owner is not None and owner.kind not in ("demonym", "alias"):
            return owner.code
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "by":  # "a statement by the G7"
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        code = self._subject_code(ix, obj)
                        if code is not None:
                            return code
            if child.dep_ == "poss":
                r = ix.role_at(child.i)
                if child.lower_ in POSSESSIVE_PRONOUNS or (r is not None and r[2] == "official"):
                    code = self._topic(ix, child, min(lo, child.left_edge.i))
                    if code is not None:
                        return code
                person = self._person_span(ix, child) if r is None else None
                if person is not None:  # "Putin's statement": the person's, so whom they speak for
                    return self._person(person, day, learned or {}, ix)[0]
                if r is not None or child.lower_ in POSSESSIVE_PRONOUNS or child.pos_ in ("PROPN", "NOUN"):
                    return None  # someone else's that speaks for no one we know: "the group's statement"
        verb = head.head
        if head.dep_ in ("dobj", "nsubjpass") and verb.lemma_.lower() in ISSUING_VERBS:
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is None and head.dep_ == "nsubjpass":
                agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                subj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if subj is not None:
                code = self._subject_code(ix, subj)
                if code is not None:
                    return code
        if depth == 0 and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children):
            # the same document named before (`the declaration` ... `the declaration`), else, for
            # another word for it (`The text`), the latest single document named before
            lemma = head.lemma_.lower()
            earlier = [t for t in reversed(doc[:lo]) if t.pos_ == "NOUN" and t.lemma_.lower() in DOCUMENT_NOUNS]
            same = [t for t in earlier if t.lemma_.lower() == lemma]
            for t in same or [t for t in earlier if t.tag_ == "NN"]:
                np = noun_phrase(t)
                code = self._issuer(ix, t, np.start, np.end, day, learned, depth + 1)
                if code is not None:
                    return code
        if depth == 0 and _summit_text(head):
            # "the declaration", "a joint communique" at a summit: the one organisation the
            # headline and lead name (`G20 leaders meet in Rio ... The declaration calls for ...`)
            return self._lead_organisation(ix)
        return None

    def _lead_organisation(self, ix: _DocIndex) -> str | None:
        """The only international organisation the headline and lead paragraph name, if one
        (read once per doc)."""
        if ix.lead_organisations is None:
            lead = lead_sentences(ix.doc)
            end = lead[-1].end if lead else 0
            ix.lead_organisations = {p.code for p in ix.places
                                     if p.start < end and self.gazetteer.kind(p.code) == "organisation"}
        return next(iter(ix.lead_organisations)) if len(ix.lead_organisations) == 1 else None

    def _title(self, person: Span, code: str, day: dt.date | None) -> str:
        """The office title officials.csv gives a person for this actor on the day, if any."""
        office = self.gazetteer.office_holder(person.text, day)
        return office.title if office is not None and office.actor == code else ""

    def _full_names(self, ix: _DocIndex, surname: Span) -> list[Span]:
        """Longer names in the article that end with a one-word name (`David Cameron` for `Cameron`)."""
        doc = surname.doc
        found, seen = [], set()
        for t in doc:
            if t.text != surname.text or t.i == surname.start:
                continue
            span = self._person_span(ix, t)
            if span is not None and len(span) > 1 and span.text not in seen:
                seen.add(span.text)
                found.append(span)
        return found

    def _person(self, person: Span, day: dt.date | None, learned: dict, ix: _DocIndex | None = None
                ) -> tuple[str | None, str, str]:
        """A named person: what this article said of them, an analyst's alias, the office they
        held on the day, or an alias learned from another article. A surname alone is the
        person the article names in full (`Foreign Secretary David Cameron` ... `Cameron said`)."""
        key = person.text.lower()
        if key in learned:
            code, role = learned[key]
            return code, "article", role or ""
        if key in self.analyst_aliases:
            return self.analyst_aliases[key], "analyst_alias", ""
        if len(person) == 1 and ix is not None:
            full = self._full_names(ix, person)
            if full:
                offices = {o.actor: o for o in (self.gazetteer.office_holder(f.text, day) for f in full) if o is not None}
                if len(offices) == 1:
                    office = next(iter(offices.values()))
                    return office.actor, "office", office.title
                if not offices and not any(_fold(f.text) in self.gazetteer.offices for f in full):
                    # the article names someone officials.csv does not know ("Mike Johnson" ...
                    # "Johnson said"): not another holder of the surname
                    return None, "none", ""
        office = self.gazetteer.office_holder(key, day)
        if office is not None:
            return office.actor, "office", office.title
        if _fold(key) in self.gazetteer.offices:
            return None, "out_of_office", ""  # officials.csv knows them: out of office that day ("Rutte" in August 2024)
        if key in self.learned_aliases:
            return self.learned_aliases[key], "learned_alias", ""
        return None, "none", ""

    def resolve_all(self, doc: Doc, speaker, day: dt.date | None, learned: dict, ix: _DocIndex | None = None
                    ) -> list[ActorRef]:
        """The actors a speaker speaks for: one, or each member of a grouping (`the E3` -> Britain,
        France and Germany, one row each, as for `Britain, France and Germany said`)."""
        ix = ix or _DocIndex(self, doc)  # one index for both steps
        ref = self.resolve(doc, speaker, day, learned, ix)
        members = self.gazetteer.groups.get(ref.code)
        g = self.gazetteer
        if not members:
            return [ref] + self._co_owners(ix, speaker, ref)
        return [ActorRef(m, g.names.get(m, m), g.kind(m), speaker, "group", ref.role) for m in members]

    def _co_owners(self, ix: _DocIndex, speaker, ref: ActorRef) -> list[ActorRef]:
        """`Delegates from Bolivia and Malawi`, `envoys of France and Germany`: a plural role whose
        owner is a list speaks for each state or organisation in it, one ActorRef per member."""
        full = getattr(speaker, "full", None)
        if ref.via != "own_words" or full is None or full.root.tag_ != "NNS" or ix.role_at(full.root.i) is None:
            return []
        owner = next((full.doc[i] for i in range(full.start, full.end)
                      if (p := ix.place_at.get(i)) is not None and p.code == ref.code and full.doc[i].dep_ == "pobj"), None)
        if owner is None or owner.head.head != full.root:
            return []
        g, out, seen = self.gazetteer, [], {ref.code}
        for t in owner.subtree:
            p = ix.place_at.get(t.i)
            if t.dep_ == "conj" and p is not None and t.i < full.end and p.code not in seen and g.kind(p.code) != "other":
                seen.add(p.code)
                out.append(ActorRef(p.code, g.names.get(p.code, p.code), g.kind(p.code), speaker, "own_words"))
        return out

    def resolve(self, doc: Doc, speaker, day: dt.date | None, learned: dict, ix: _DocIndex | None = None) -> ActorRef:
        """The actor a speaker speaks for on a day; `learned` is `learn(doc)` keyed lower-case.
        A grouping comes back as its own id; `resolve_all` gives its members."""
        g = self.gazetteer
        ix = ix or _DocIndex(self, doc)
        full = speaker.full
        mention = speaker.mention
        code = None
        if getattr(speaker, "resolution", "") == "document" and mention is not None \
                and (mention.start, mention.end) != (full.start, full.end):
            # the document's own phrase first: its issuer by the rules above (a signatory is not
            # one: "Milei signed the declaration" does not make it Argentina's); else the issuer
            # the speaker resolver named ("the leaders' statement" -> "leaders")
            code, via, role = self._by_phrase(ix, mention.root, mention.start, mention.end, day, learned)
        if code is None:
            code, via, role = self._by_phrase(ix, full.root, full.start, full.end, day, learned)
        if code is None and via == "none" and full.root.lemma_.lower() in DOCUMENT_NOUNS:
            # a document whose issuer the speaker resolver found elsewhere (Speaker.speaks_for)
            issuer = _norm(getattr(speaker, "speaks_for", None) or "")
            code = g.aliases.get(issuer) or g.aliases.get(issuer[4:] if issuer.lower().startswith("the ") else "")
            via = "issuer" if code else via
        if code is None:
            return ActorRef("", "", "other", speaker, via)
        return ActorRef(code, g.names.get(code, code), g.kind(code), speaker, via, role)

    # -- what an article teaches ------------------------------------------------------------

    def learn(self, doc: Doc, ix: _DocIndex | None = None) -> dict[str, tuple[str, str | None]]:
        """What this article says of people with an official title and whose it is:
        `Poland's Prime Minister Donald Tusk` -> Tusk: POL; `Foreign Minister X of Y` -> X: Y;
        `X, Y's foreign minister` -> X: Y. Former office holders teach nothing."""
        ix = ix or _DocIndex(self, doc)
        learned: dict[str, tuple[str, str | None]] = {}
        for start, end in ix.persons:
            ent = doc[start:end]
            person = self._person_span(ix, ent.root)
            if person is None:
                continue
            np = noun_phrase(ent.root)
            extent = self._extent(ent.root, np.start, np.end)
            if self._former(ix, ent.root, extent):
                continue
            kinds, best = self._roles(ix, extent, exclude=person)
            if kinds != {"official"}:
                continue
            role_tokens = [i for i in extent if not (person.start <= i < person.end)]
            owner = self._owner(ix, ent.root, np.start, np.end, destination=self._destination(ix, role_tokens))
            if owner is None or owner.kind == "alias":
                continue
            # the title officials.csv gives, when it agrees: "counterpart" says less than "Prime Minister"
            role = self._title(person, owner.code, doc._.published) or doc[best[0]:best[1]].text
            for key in (person.text, person[-1].text):
                learned.setdefault(key, (owner.code, role))
        return learned

    def places(self, doc: Doc) -> list[tuple[str, str]]:
        """(words, actor) for every state or organisation named in a Doc, as the resolver sees them."""
        return [(doc[p.start:p.end].text, p.code) for p in _DocIndex(self, doc).places]

    def __call__(self, doc: Doc) -> Doc:
        ix = _DocIndex(self, doc)
        learned = self.learn(doc, ix)
        doc._.learned_aliases = learned
        by_key = {name.lower(): v for name, v in learned.items()}
        statements = doc._.statements or []
        for st in statements:
            day = st.date or doc._.published
            st.actors = [ref for sp in st.speakers for ref in self.resolve_all(doc, sp, day, by_key, ix)]
        self._date_by_office(statements)
        self._date_by_next(doc, statements)
        return doc

    @staticmethod
    def _date_by_next(doc: Doc, statements) -> None:
        """`Beijing rejected the move. China's foreign ministry spokesman said on Thursday ...`: a
        statement with no day of its own, followed in the same paragraph by a statement of the same
        actor that has one, is the same reaction, made that day. Needs the resolved actors, so it
        runs here, after the dates component."""
        for st, nxt in zip(statements, statements[1:]):
            if st.date_how not in ("event", "narrative", "published") or nxt.date_how != "own":
                continue
            codes = {a.code for a in st.actors if a.code}
            if len(codes) != 1 or codes != {a.code for a in nxt.actors if a.code}:
                continue
            first = doc[min(nxt.sentence.start, nxt.cue.start)].sent
            before = _sentence_before(doc, first)
            if before is not None and before.start <= st.cue.start < before.end:
                st.date, st.date_source, st.date_text = nxt.date, nxt.date_source, nxt.date_text

    @staticmethod
    def _date_by_office(statements) -> None:
        """`Joe Biden told CNN on Wednesday ...` then `The U.S. president confirmed ...`: a statement
        dated only by publication whose speaker is an office described, not named, was made when
        the holder of that office (same actor, same title from officials.csv) last spoke with a
        date in the article. The dates component cannot see this: it needs the resolved actor."""
        dated: list[tuple[str, str, object]] = []  # (actor, title, statement)
        for st in statements:
            refs = [a for a in st.actors if a.code]
            if st.date_source == "published" and len(refs) == 1 and refs[0].via == "own_words":
                ref = refs[0]
                title = (ref.speaker.role or "").lower()
                named = any(t.ent_type_ == "PERSON" for t in ref.speaker.full)
                if title and not named:
                    for code, held, earlier in reversed(dated):
                        if code == ref.code and held == title:
                            st.date, st.date_source, st.date_text = earlier.date, earlier.date_source, earlier.date_text
                            break
            if st.date_source in ("explicit", "relative"):
                dated.extend((a.code, a.role.lower(), st) for a in st.actors if a.code and a.role)


def _summit_text(head: Token) -> bool:
    """`the declaration`, `a joint communique`, `the final statement` (data/cues.toml `[documents]`)."""
    return head.lemma_.lower() in load_cues()["summit_texts"] or (
        head.lemma_.lower() == "statement" and any(c.lower_ in ("joint", "final", "summit") for c in head.children))


@Language.factory("demarche_actors", default_config={"data_dir": None})
def make_actor_resolver(nlp: Language, name: str, data_dir: str | None) -> ActorResolver:
    return ActorResolver(nlp, data_dir)
