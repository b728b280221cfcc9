"""Checks on the knowledge data files: gazetteer, organisations, officials."""

from __future__ import annotations

import csv
import datetime as dt
import re
import tomllib
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
COUNTRY_NAMES = DATA / "gazetteer" / "country_names.csv"
ORGANISATIONS = DATA / "gazetteer" / "organisations.csv"
ROLES_FILE = DATA / "gazetteer" / "roles.csv"
GROUPINGS = DATA / "gazetteer" / "groupings.csv"
OFFICIALS = DATA / "officials.csv"
OFFICIALS_META = DATA / "officials.meta.toml"

# Codes used that pycountry does not have.
EXTRA_ISO3 = {"XKX"}  # Kosovo (user-assigned code, as the EU and IMF use it)

UN_MEMBERS = set(
    """
    AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN
    BTN BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM
    COG COD CRI CIV HRV CUB CYP CZE PRK DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST
    SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN
    ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN
    LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO
    MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN
    PNG PRY PER PHL POL PRT QAT KOR ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN
    SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK TZA
    THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM
    YEM ZMB ZWE
    """.split()
)
OBSERVERS_AND_OTHERS = {"PSE", "XKX", "TWN", "VAT"}

# States with no usable adjective of their own: "Congolese" is shared by both
# Congos, "Dominican" belongs to the Dominican Republic, and New Zealand's
# adjective is its name.
NO_ADJECTIVE = {"COG", "COD", "DMA", "NZL"}
# States whose capital is the country's own name (Monaco, Singapore) or whose
# capital's name is too ambiguous to use as a metonym (Victoria, Georgetown,
# St. George's, St. John's; "Brussels" in news speaks for the EU, not Belgium).
NO_CAPITAL = {"MCO", "SGP", "SYC", "GUY", "GRD", "ATG", "BEL"}

G20 = set("ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA".split())
EU = set(
    "AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU LUX MLT NLD POL PRT ROU SVK SVN ESP SWE".split()
)
NATO = set(
    "ALB BEL BGR CAN HRV CZE DNK EST FIN FRA DEU GRC HUN ISL ITA LVA LTU LUX MNE NLD MKD NOR POL PRT ROU SVK SVN ESP SWE TUR GBR USA".split()
)

COUNTRY_KINDS = {"short", "demonym", "adjective", "capital", "seat"}
ORG_KINDS = {"name", "body", "seat"}
ROLES = {
    "deputy_head",  # vice-presidents, deputy heads of security councils
    "deputy_minister",
    "adviser",  # national security advisers, heads of presidential offices, presidential aides
    "ambassador",  # ambassadors to the UN
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "finance_minister",  # finance ministers and treasury secretaries
    "spokesperson",
    "secretary_general",
    "president",
    "high_representative",
    "chief",
}
REQUIRED_ORG_IDS = set(
    """NATO EU UN G7 G20 AU ASEAN OSCE ARAB_LEAGUE GCC IAEA WHO ICC ICJ IMF
    WORLD_BANK WTO OPEC BRICS SCO CSTO OIC COUNCIL_OF_EUROPE VISEGRAD CARICOM
    MERCOSUR ECOWAS OAS QUAD AUKUS CIS EAEU PACIFIC_ISLANDS_FORUM COMMONWEALTH""".split()
)


def read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def norm(alias: str) -> str:
    """How code is expected to compare aliases: case-insensitive, without a leading 'the'."""
    a = " ".join(alias.split()).casefold()
    return a[4:] if a.startswith("the ") else a


def parse_date(s: str) -> dt.date:
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", s), f"not yyyy-mm-dd: {s!r}"
    return dt.date.fromisoformat(s)


VALID_ISO3 = {c.alpha_3 for c in pycountry.countries} | EXTRA_ISO3


@pytest.fixture(scope="module")
def countries():
    return read(COUNTRY_NAMES)


@pytest.fixture(scope="module")
def orgs():
    return read(ORGANISATIONS)


@pytest.fixture(scope="module")
def officials():
    return read(OFFICIALS)


@pytest.fixture(scope="module")
def meta():
    with OFFICIALS_META.open("rb") as f:
        return tomllib.load(f)


# ---------------------------------------------------------------- countries


def test_country_names_header(countries):
    header, rows = countries
    assert header == ["iso3", "alias", "kind"]
    assert len(rows) > 500


def test_country_names_fields(countries):
    _, rows = countries
    bad = []
    for i, r in enumerate(rows, start=2):
        if r["iso3"] not in VALID_ISO3:
            bad.append((i, "iso3", r["iso3"]))
        if r["kind"] not in COUNTRY_KINDS:
            bad.append((i, "kind", r["kind"]))
        if not r["alias"] or r["alias"] != r["alias"].strip() or "  " in r["alias"]:
            bad.append((i, "alias", r["alias"]))
    assert not bad, bad


def test_country_names_no_duplicate_pairs(countries):
    _, rows = countries
    seen = defaultdict(list)
    for r in rows:
        seen[(r["iso3"], norm(r["alias"]))].append(r["kind"])
    dups = {k: v for k, v in seen.items() if len(v) > 1}
    assert not dups, dups


def test_country_alias_maps_to_one_country(countries):
    _, rows = countries
    by_alias = defaultdict(set)
    for r in rows:
        by_alias[norm(r["alias"])].add(r["iso3"])
    conflicts = {a: sorted(c) for a, c in by_alias.items() if len(c) > 1}
    for alias, codes in sorted(conflicts.items()):
        print(f"alias {alias!r} maps to {codes}")
    assert not conflicts, conflicts


def test_country_alias_not_shared_with_pycountry_name_of_another_state(countries):
    """An alias must not be another state's pycountry name (e.g. 'Niger' for NGA)."""
    _, rows = countries
    names = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            v = getattr(c, attr, None)
            if v:
                names.setdefault(norm(v), set()).add(c.alpha_3)
    clashes = [
        (r["iso3"], r["alias"], sorted(names[norm(r["alias"])]))
        for r in rows
        if norm(r["alias"]) in names and r["iso3"] not in names[norm(r["alias"])]
    ]
    assert not clashes, clashes


def test_every_state_covered(countries):
    _, rows = countries
    kinds = defaultdict(set)
    for r in rows:
        kinds[r["iso3"]].add(r["kind"])
    assert len(UN_MEMBERS) == 193
    assert UN_MEMBERS <= VALID_ISO3
    everyone = UN_MEMBERS | OBSERVERS_AND_OTHERS
    missing = sorted(everyone - set(kinds))
    assert not missing, missing
    no_adj = sorted(c for c in everyone - NO_ADJECTIVE if "adjective" not in kinds[c])
    assert not no_adj, f"no adjective: {no_adj}"
    no_cap = sorted(c for c in UN_MEMBERS - NO_CAPITAL if "capital" not in kinds[c])
    assert not no_cap, f"no capital: {no_cap}"


@pytest.mark.parametrize(
    "alias,iso3",
    [
        ("Britain", "GBR"),
        ("U.S.", "USA"),
        ("the Kremlin", "RUS"),
        ("Kremlin", "RUS"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Élysée", "FRA"),
        ("Downing Street", "GBR"),
        ("Türkiye", "TUR"),
        ("Holland", "NLD"),
        ("DRC", "COD"),
        ("Ivory Coast", "CIV"),
        ("Emirati", "ARE"),
        ("Czech", "CZE"),
        ("Pristina", "XKX"),
        ("Taiwanese", "TWN"),
    ],
)
def test_known_country_aliases(countries, alias, iso3):
    _, rows = countries
    assert iso3 in {r["iso3"] for r in rows if norm(r["alias"]) == norm(alias)}


def test_an_alias_names_a_state_or_an_organisation_not_both(countries, orgs):
    """`Brussels` is the EU's; one name must not be claimed by both files (the matcher would
    pick one silently)."""
    state_names = {norm(r["alias"]): r["iso3"] for r in countries[1]}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            if getattr(c, attr, None):
                state_names.setdefault(norm(getattr(c, attr)), c.alpha_3)
    both = sorted({(r["alias"], state_names[norm(r["alias"])], r["id"]) for r in orgs[1] if norm(r["alias"]) in state_names})
    assert not both, both


def test_parliaments_are_not_seats_of_government(countries):
    """A legislature does not speak for its state (lawmakers are `other`)."""
    seats = {norm(r["alias"]) for r in countries[1] if r["kind"] == "seat"}
    assert not seats & {"knesset", "leinster house", "bundestag", "westminster", "capitol hill", "duma", "state duma",
                        "verkhovna rada", "sejm", "national assembly"}


# ---------------------------------------------------------------- roles


def test_roles_file():
    header, rows = read(ROLES_FILE)
    assert header == ["role", "kind"]
    assert {r["kind"] for r in rows} == {"official", "other"}
    roles = [r["role"] for r in rows]
    assert all(r == r.strip().lower() and r for r in roles), [r for r in roles if r != r.strip().lower()]
    assert len(roles) == len(set(roles))
    kinds = {r["role"]: r["kind"] for r in rows}
    for role in ("spokesman", "foreign ministry", "defence ministry", "embassy", "military", "official", "counterpart"):
        assert kinds[role] == "official", role
    for role in ("opposition leader", "analyst", "military bloggers", "journalist", "expert", "former prime minister",
                 "president-elect"):
        assert kinds[role] == "other", role
    # offices that do not speak for a state's executive
    for role in ("judge", "senator", "governor", "mayor", "prosecutor", "house speaker", "majority leader",
                 "shadow foreign secretary", "councillor"):
        assert kinds[role] == "other", role
    # a state's own security council, and organs named without their state
    for role in ("national security council", "department", "treasury secretary", "attorney general", "governor-general"):
        assert kinds[role] == "official", role


# ---------------------------------------------------------------- groupings


def test_groupings_file(countries, orgs):
    """Named groupings of states (E3): fixed members, valid codes, names no state or organisation uses."""
    with GROUPINGS.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(line for line in f if not line.startswith("#"))
        rows = list(reader)
        assert reader.fieldnames == ["id", "alias", "members"]
    assert rows
    members = defaultdict(set)
    for r in rows:
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*", r["id"]), r
        assert r["alias"] and r["alias"] == r["alias"].strip(), r
        codes = r["members"].split(";")
        assert len(codes) >= 2 and set(codes) <= VALID_ISO3, r
        members[r["id"]].add(r["members"])
    assert all(len(v) == 1 for v in members.values()), members  # one membership per grouping
    assert members["E3"] == {"GBR;FRA;DEU"}
    ids = set(members)
    assert not ids & VALID_ISO3 and not ids & {r["id"] for r in orgs[1]}
    names = {norm(r["alias"]) for r in countries[1]} | {norm(r["alias"]) for r in orgs[1]}
    for c in pycountry.countries:
        names |= {norm(getattr(c, a)) for a in ("name", "official_name", "common_name") if getattr(c, a, None)}
    clashes = sorted(r["alias"] for r in rows if norm(r["alias"]) in names)
    assert not clashes, clashes


# ---------------------------------------------------------------- organisations


def test_organisations_header(orgs):
    header, rows = orgs
    assert header == ["id", "name", "alias", "kind"]
    assert rows


def test_organisations_fields(orgs):
    _, rows = orgs
    bad = []
    names = defaultdict(set)
    for i, r in enumerate(rows, start=2):
        if not re.fullmatch(r"[A-Z][A-Z0-9_]*", r["id"]):
            bad.append((i, "id", r["id"]))
        if r["kind"] not in ORG_KINDS:
            bad.append((i, "kind", r["kind"]))
        if not r["alias"] or r["alias"] != r["alias"].strip():
            bad.append((i, "alias", r["alias"]))
        names[r["id"]].add(r["name"])
    assert not bad, bad
    inconsistent = {k: v for k, v in names.items() if len(v) != 1}
    assert not inconsistent, inconsistent


def test_organisations_required_ids_with_name_rows(orgs):
    _, rows = orgs
    with_name = {r["id"] for r in rows if r["kind"] == "name"}
    ids = {r["id"] for r in rows}
    assert ids == with_name, sorted(ids - with_name)
    assert REQUIRED_ORG_IDS <= ids, sorted(REQUIRED_ORG_IDS - ids)
    assert not (ids & VALID_ISO3), "organisation ids must not look like country codes"


def test_organisations_no_duplicates_or_conflicts(orgs):
    _, rows = orgs
    by_alias = defaultdict(list)
    for r in rows:
        by_alias[norm(r["alias"])].append(r["id"])
    dups = {a: v for a, v in by_alias.items() if len(v) > 1}
    for alias, ids in sorted(dups.items()):
        print(f"organisation alias {alias!r} used by {ids}")
    assert not dups, dups


# ---------------------------------------------------------------- officials


def test_officials_header(officials):
    header, rows = officials
    assert header == ["name", "aliases", "actor", "role", "title", "start", "end"]
    assert len(rows) >= 300


def test_officials_fields(officials, orgs, meta):
    _, rows = officials
    org_ids = {r["id"] for r in orgs[1]}
    current_to = dt.date.fromisoformat(meta["current_to"])
    bad = []
    for i, r in enumerate(rows, start=2):
        if not r["name"].strip() or r["name"] != r["name"].strip():
            bad.append((i, "name", r["name"]))
        if r["actor"] not in VALID_ISO3 and r["actor"] not in org_ids:
            bad.append((i, "actor", r["actor"]))
        if r["role"] not in ROLES:
            bad.append((i, "role", r["role"]))
        if not r["title"].strip():
            bad.append((i, "title", r["title"]))
        aliases = r["aliases"].split(";") if r["aliases"] else []
        if any(not a.strip() or a != a.strip() for a in aliases) or r["name"] in aliases:
            bad.append((i, "aliases", r["aliases"]))
        try:
            start = parse_date(r["start"])
            end = parse_date(r["end"]) if r["end"] else None
        except (AssertionError, ValueError) as e:
            bad.append((i, "date", str(e)))
            continue
        if end is not None and end < start:
            bad.append((i, "start>end", r["start"], r["end"]))
        if start > current_to or (end is not None and end > current_to):
            bad.append((i, "after current_to", r["start"], r["end"]))
        if (end or current_to) < dt.date(2020, 1, 1):
            bad.append((i, "ended before 2020", r["end"]))
    assert not bad, bad


def test_officials_org_roles_use_org_actors(officials, orgs):
    _, rows = officials
    org_ids = {r["id"] for r in orgs[1]}
    state_roles = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister"}
    bad = [
        (r["name"], r["actor"], r["role"])
        for r in rows
        if (r["role"] in state_roles and r["actor"] not in VALID_ISO3)
        or (r["role"] in {"secretary_general", "high_representative"} and r["actor"] not in org_ids)
    ]
    assert not bad, bad


def test_officials_no_duplicate_rows(officials):
    _, rows = officials
    seen = defaultdict(int)
    for r in rows:
        seen[(r["name"], r["actor"], r["role"], r["start"])] += 1
    dups = [k for k, n in seen.items() if n > 1]
    assert not dups, dups


def _span(r, far=dt.date(9999, 12, 31)):
    return parse_date(r["start"]), parse_date(r["end"]) if r["end"] else far


def test_officials_same_office_does_not_overlap(officials):
    """Two people cannot hold the same titled office of the same actor at once."""
    _, rows = officials
    groups = defaultdict(list)
    for r in rows:
        if r["role"] in {"head_of_state", "head_of_government", "foreign_minister", "defence_minister",
                         "secretary_general", "high_representative"}:
            groups[(r["actor"], r["role"], r["title"])].append(r)
    overlaps = []
    for key, rs in groups.items():
        rs.sort(key=lambda r: r["start"])
        for a, b in zip(rs, rs[1:]):
            a_start, a_end = _span(a)
            b_start, _ = _span(b)
            if b_start < a_end:  # touching (end == next start) is allowed
                overlaps.append((key, a["name"], a["end"] or "-", b["name"], b["start"]))
    for o in overlaps:
        print("overlap:", o)
    assert not overlaps, overlaps


def test_officials_aliases_consistent_and_unambiguous(officials):
    """One person spells their aliases one way; no alias names two people in office at once."""
    _, rows = officials
    per_name = defaultdict(set)
    for r in rows:
        per_name[r["name"]].add(r["aliases"])
    inconsistent = {n: a for n, a in per_name.items() if len(a) > 1}
    assert not inconsistent, inconsistent

    by_alias = defaultdict(list)
    for r in rows:
        for a in [r["name"], *filter(None, r["aliases"].split(";"))]:
            by_alias[a.casefold()].append(r)
    clashes = []
    for alias, rs in by_alias.items():
        for i, a in enumerate(rs):
            for b in rs[i + 1:]:
                if a["name"] == b["name"]:
                    continue
                (s1, e1), (s2, e2) = _span(a), _span(b)
                if s1 < e2 and s2 < e1:
                    clashes.append((alias, a["name"], b["name"]))
    for c in sorted(set(clashes)):
        print("alias clash:", c)
    assert not clashes, sorted(set(clashes))


def _holders_on(rows, day: dt.date):
    on = defaultdict(list)
    for r in rows:
        start, end = _span(r)
        if start <= day <= end:
            on[(r["actor"], r["role"])].append(r["name"])
    return on


def test_every_g20_eu_nato_state_has_leader_on_2024_02_27(officials):
    _, rows = officials
    on = _holders_on(rows, dt.date(2024, 2, 27))
    missing = sorted(
        c for c in G20 | EU | NATO
        if not on.get((c, "head_of_state")) and not on.get((c, "head_of_government"))
    )
    assert not missing, missing


@pytest.mark.parametrize(
    "day,actor,role,name",
    [
        ("2024-02-27", "NATO", "secretary_general", "Jens Stoltenberg"),
        ("2024-10-02", "NATO", "secretary_general", "Mark Rutte"),
        ("2024-02-27", "NLD", "head_of_government", "Mark Rutte"),
        ("2024-02-27", "DEU", "head_of_government", "Olaf Scholz"),
        ("2025-05-07", "DEU", "head_of_government", "Friedrich Merz"),
        ("2024-02-27", "POL", "head_of_government", "Donald Tusk"),
        ("2023-01-01", "POL", "head_of_government", "Mateusz Morawiecki"),
        ("2024-02-27", "FRA", "head_of_state", "Emmanuel Macron"),
        ("2024-02-27", "EU", "high_representative", "Josep Borrell"),
        ("2025-01-15", "EU", "high_representative", "Kaja Kallas"),
        ("2024-02-27", "UN", "secretary_general", "António Guterres"),
        ("2024-02-27", "RUS", "spokesperson", "Dmitry Peskov"),
        ("2024-02-27", "USA", "deputy_head", "Kamala Harris"),
        ("2025-03-01", "USA", "deputy_head", "JD Vance"),
        ("2024-02-27", "RUS", "deputy_head", "Dmitry Medvedev"),
        ("2024-02-27", "CHN", "spokesperson", "Mao Ning"),
        ("2024-02-27", "KOR", "foreign_minister", "Cho Tae-yul"),
        ("2024-02-27", "CYP", "foreign_minister", "Constantinos Kombos"),
        ("2025-09-12", "GBR", "foreign_minister", "Yvette Cooper"),
        ("2024-02-27", "UKR", "adviser", "Andriy Yermak"),
        ("2024-02-27", "USA", "spokesperson", "Adrienne Watson"),
        ("2024-06-12", "USA", "finance_minister", "Janet Yellen"),
        ("2025-06-01", "USA", "finance_minister", "Scott Bessent"),
        ("2024-03-25", "CHN", "ambassador", "Zhang Jun"),
        ("2025-02-24", "CHN", "ambassador", "Fu Cong"),
        ("2024-03-25", "DZA", "ambassador", "Amar Bendjama"),
        ("2024-03-25", "PSE", "ambassador", "Riyad Mansour"),
        ("2025-02-24", "GBR", "ambassador", "Barbara Woodward"),
        ("2025-02-24", "USA", "ambassador", "Dorothy Shea"),
    ],
)
def test_known_office_holders(officials, day, actor, role, name):
    _, rows = officials
    assert name in _holders_on(rows, dt.date.fromisoformat(day))[(actor, role)]


def test_every_eu_nato_g20_state_has_foreign_minister_rows(officials):
    _, rows = officials
    with_fm = {r["actor"] for r in rows if r["role"] == "foreign_minister"}
    # Listed where the dates are not known to the day; see officials.meta.toml.
    known_gaps = {"MNE"}
    missing = sorted((G20 | EU | NATO) - with_fm - known_gaps)
    assert not missing, missing


def test_meta(meta):
    assert set(meta) >= {"current_to", "note"}
    current_to = dt.date.fromisoformat(meta["current_to"])
    assert dt.date(2024, 1, 1) <= current_to <= dt.date.today()
    assert "analyst" in meta["note"].lower()


def test_display_names_name_known_actors_once():
    from analysis.actors import load_gazetteer

    with open(DATA / "gazetteer" / "display_names.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    assert rows and list(rows[0]) == ["id", "display"]
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    known = load_gazetteer().kinds
    assert [i for i in ids if known.get(i) not in ("state", "organisation")] == []
    assert all(r["display"] and r["display"] == r["display"].strip() and "," not in r["display"] for r in rows)
