"""Component `demarche_speakers`: one resolved speaker per conjunct of each statement's subject.

coreferee cannot run with this model here (its English model is a separate download), so
pronouns and descriptions are resolved by a documented heuristic, in the spirit of the
Gender Gap Tracker's quote attribution. It is measured in bench/statements.py (pronoun
sources on PolNeAR dev, with the proxies explained there) and by the hand-written cases in
tests/test_speakers.py.

* coordination: `NATO, Britain, Germany ... and the Czech Republic said` gives one speaker per
  conjunct (also when the parser took the second item for an apposition), and so does an
  elliptical clause doing the same (`France abstained, as did Spain`, `..., and so did Peru`);
* `he` / `she` -> the nearest earlier compatible mention: the latest of (a) an earlier
  statement's singular, person-like speaker and (b) a named person who is the subject of a
  clause outside quotations (`Judge Berman returned. "...", he said`). Compatible means
  not known to be of the other gender; gender is read from the article itself: an
  honorific (`Mr.`, `Mrs.`, `Ms.`), a gendered role noun (`spokeswoman`, `congressman`),
  or `he/his` vs `she/her` in the sentences where the person is the subject;
* `they` -> the latest earlier plural speaker (a coordination, `the two leaders`, `officials`);
* `it` -> the latest earlier speaker that is an institution or a state;
* relative pronouns (`X, who said ...`) -> the antecedent, resolved like a subject;
* descriptions without a name (`the minister`, `the defence ministry`) -> the latest earlier
  mention with the same head noun that names whose it is; `the two leaders` -> the two
  latest distinct people named; `the three governments`, `both countries` -> the latest
  earlier speakers that many that are not people (`Britain, France and Germany said ...`);
* a surname (`Tusk said`) -> the article's first full mention (`Poland's Prime Minister
  Donald Tusk`), which carries the role and the state.
* a document (`[documents]` in data/cues.toml: `the resolution demands`, `the text calls for`,
  `a statement from the ministry said`) -> its issuer, as `full` and `speaks_for`, resolution
  "document": the issuer the mention names (`the G20 declaration` -> G20, `the Security
  Council resolution` -> Security Council, `the leaders' statement` -> the leaders), the subject
  of the act that issued it (`the ministry issued a statement saying ...`), or, for a definite
  mention, the issuer of the latest document named before it (`G20 leaders adopted their joint
  declaration. The text calls for ...` -> G20 leaders); `it` may then be that document;
* the issuers of a document are also the subject of the speech it was said in (`The leaders of
  France, Germany, Britain and Poland said in a joint statement ...` -> `the statement said`) and
  whoever sent a letter; `the signatories` (`[documents] signatories` in data/cues.toml) are the
  latest document's issuers, with any members named after `among them` / `including`;
* `The four said ...`: a definite bare number is the latest group of speakers that many (or the
  latest plural one: `the leaders of France, Germany, Britain and Poland`);
* a plural description (`the leaders`) prefers the latest same-head group that was a subject over
  one that was only acted on (`lobbying the leaders of India, Brazil ...`);
* two titled names the parser nested (`Prime Minister Keir Starmer and President Emmanuel Macron`,
  Starmer as a modifier of Macron) are split at the `and`;
* `it` never goes back to the subject of an official act (`after the United States abstained`):
  to the last institution or document that spoke;
* a person parsed out of the subject (`On Sunday Biden became ...`) or named as the subject's
  possessor (`Xi's message was ...`) is a subject for `he` / `she`; the statement's own content
  never holds the antecedent of its speaker (`If Kyiv did so, he said, ...`).

After resolution, `drop_nested_duplicates` keeps one statement per act of saying: a statement
inside another's content whose speaker resolves to the same speaker (or is a pronoun subject of
the reported clause: `Beijing said it firmly opposed the sale`) is dropped; another speaker
nested inside (`X said Y had told him ...`) stays.

Each `Speaker` keeps the mention as written, the full mention it resolved to, the role, and
whom the speaker speaks for (`speaks_for`): the state, organisation or person named in the
mention (`Poland's Prime Minister Donald Tusk` -> Poland; `a NATO official` -> NATO;
`Rishi Sunak's spokesman` -> Rishi Sunak; `a White House official` -> White House;
`the spokesman for the foreign ministry` -> the foreign ministry).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans as spacy_filter
from spacy.tokens import Doc, Span, Token

from .actors import plural_of
from .quotes import find_quotations, token_quotes
from .dates import ISSUING_VERBS
from .statements import DATA, SentenceIndex, is_relative, list_appos, load_cues, noun_phrase

SINGULAR_PERSON = {"he", "she", "him", "her", "his"}
PLURAL = {"they", "them", "their"}
COLLECTIVE_REACH = 120  # tokens back that "they" may go for a body spoken of in the plural (the G7)
INSTITUTION = {"it"}
NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
           "both": 2}
# heads of a counted mention of states (`the three governments`, `both countries`): the latest
# earlier speakers that many (`Britain, France and Germany said ...`)
_STATE_GROUPS = {"government", "country", "nation", "state", "capital", "ally", "power", "delegation"}
_MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
_HONORIFIC = {"mr.": "m", "mr": "m", "sir": "m", "lord": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f",
              "miss": "f", "lady": "f", "dame": "f", "madam": "f"}
_GENDERED_NOUNS = {"spokeswoman": "f", "congresswoman": "f", "chairwoman": "f", "businesswoman": "f",
                   "councilwoman": "f", "queen": "f", "princess": "f", "duchess": "f", "wife": "f", "mother": "f",
                   "daughter": "f", "sister": "f", "woman": "f", "actress": "f", "grandmother": "f",
                   "spokesman": "m", "congressman": "m", "chairman": "m", "businessman": "m", "councilman": "m",
                   "king": "m", "prince": "m", "duke": "m", "husband": "m", "father": "m", "son": "m",
                   "brother": "m", "man": "m", "actor": "m", "grandfather": "m"}
_INSTITUTION_HEADS = {"ministry", "government", "office", "embassy", "administration", "military", "army", "cabinet",
                      "presidency", "mission", "department", "agency", "committee", "commission", "council", "court",
                      "party", "campaign", "company", "group", "union", "board", "bank", "parliament", "kremlin"}


@dataclass
class Speaker:
    mention: Span  # the words in the sentence: "he", "Tusk", "Poland"
    full: Span  # the mention it resolved to: "Poland's Prime Minister Donald Tusk"
    name: str  # a readable name: "Donald Tusk"
    role: str | None  # "Prime Minister", "spokesman"
    role_kind: str | None  # official | other
    plural: bool
    resolution: str  # self | pronoun | relative | surname | description | group
    speaks_for: str | None = None  # whom the speaker speaks for: "Poland", "NATO", "Rishi Sunak"
    gender: str | None = None  # m | f | None, as the article shows it (for pronoun resolution)


@lru_cache(maxsize=2)
def load_roles(path: str | None = None) -> dict[str, str]:
    """Role words (lower-case) -> official | other, from data/gazetteer/roles.csv."""
    with open(path or DATA / "gazetteer" / "roles.csv", newline="", encoding="utf-8") as fh:
        return {row["role"].strip().lower(): row["kind"].strip() for row in csv.DictReader(fh)}


def conjuncts(np: Span) -> list[Span]:
    """Split a coordinated noun phrase into one span per conjunct."""
    root = np.root
    listed = list_appos(root)  # "Austria, Croatia, the Czech Republic and Hungary"
    heads = [root] + [c for c in root.conjuncts + ((listed,) + listed.conjuncts if listed is not None else ())
                      if np.start <= c.i < np.end]
    if len(heads) == 1:
        return _split_misparsed(np)
    spans = []
    for h in sorted(heads, key=lambda t: t.i):
        start = max(h.left_edge.i, np.start)
        end = h.i + 1
        for child in h.rights:
            if child.dep_ in ("conj", "cc", "punct", "appos", "relcl", "acl"):
                break
            end = child.right_edge.i + 1
        # a conjunct's left edge never reaches back over the previous conjunct
        prev = [s for s in spans if s.end > start]
        if prev:
            start = prev[-1].end
        span = np.doc[start:min(end, np.end)]
        while len(span) > 1 and (span[0].dep_ in ("cc", "punct", "preconj") or span[0].is_space
                                 or span[0].lower_ in ("and", "or", "both")):
            span = span[1:]
        if len(span):
            spans.append(span)
    return spans


def _split_misparsed(np: Span) -> list[Span]:
    """`Prime Minister Keir Starmer and President Emmanuel Macron`, parsed with Starmer as a
    modifier of Macron: split at the `and` (and the commas of a list before it) when every part
    names someone or somewhere."""
    doc = np.doc
    if np.root.pos_ != "PROPN":
        return [np]
    cuts = [t.i for t in np if t.dep_ == "cc" and t.lower_ == "and" and np.start < t.i < np.end - 1
            and t.head.dep_ in ("nmod", "compound") and t.head.head.i == np.root.i]
    if len(cuts) != 1:
        return [np]
    cuts += [t.i for t in doc[np.start:cuts[0]] if t.text == "," and t.head.i != np.root.i]
    bounds = sorted(set(cuts))
    parts, start = [], np.start
    for b in bounds + [np.end]:
        part = doc[start:b]
        while len(part) and (part[0].is_punct or part[0].lower_ == "and"):
            part = part[1:]
        if len(part):
            parts.append(part)
        start = b + 1
    named = ("PERSON", "GPE", "ORG", "NORP")
    if len(parts) < 2 or not all(any(t.ent_type_ in named for t in part) for part in parts):
        return [np]
    return parts


def among_them(np: Span) -> list[Span]:
    """The named members listed after a group: `the United States, France and ten other partners,
    among them Germany, Britain and Qatar` (also `including ...`)."""
    doc = np.doc
    i = np.end
    if i + 2 >= len(doc) or doc[i].text != ",":
        return []
    if doc[i + 1].lower_ == "among" and doc[i + 2].lower_ in ("them", "whom"):
        i += 3
    elif doc[i + 1].lower_ == "including":
        i += 2
    else:
        return []
    members = []
    while i < len(doc) and not doc[i].is_sent_start:
        t = doc[i]
        if t.ent_type_ in ("GPE", "ORG", "NORP") and t.ent_iob_ == "B":
            end = i + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            members.append(Span(doc, i, end, label=t.ent_type_))  # the entity, without rebuilding doc.ents
            i = end
        elif t.text == "," or t.lower_ in ("and", "the"):
            i += 1
        else:
            break
    return members


def likewise(speaker: Span) -> list[Span]:
    """Subjects of an elliptical clause that did the same as the speaker: `France abstained, as
    did Spain`, `... were among the abstentions, as was Canada`, `..., and so did Peru`."""
    root = speaker.root
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return []
    out = []
    for c in root.head.children:
        if c.i < root.head.i or c.lemma_ not in ("be", "do", "have") or not (
                c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children)
                or c.dep_ == "conj" and any(m.lower_ == "so" and m.i < c.i for m in c.children)):
            continue
        subj = [x for x in c.children if x.dep_ == "nsubj" and x.i > c.i and x.pos_ in ("PROPN", "NOUN")]
        if subj and all(x.dep_ in ("mark", "nsubj", "punct", "advmod", "cc") for x in c.children):
            out.append(noun_phrase(subj[0]))
    return out


def is_plural(span: Span) -> bool:
    root = span.root
    return (root.tag_ in ("NNS", "NNPS") or root.lower_ in PLURAL
            or any(c.dep_ == "conj" for c in root.children)
            or (root.tag_ == "CD" and root.lower_ not in ("one", "1")))  # "fourteen of the members"


def _person(span: Span) -> Span | None:
    """The first PERSON entity wholly inside a mention (or its possessor: `Rishi Sunak's spokesman`)."""
    doc = span.doc
    i = span.start
    while i < span.end:
        t = doc[i]
        if t.ent_type_ == "PERSON" and t.ent_iob_ == "B":
            end = i + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            if end <= span.end:
                return doc[i:end]
            return None
        i += 1
    return None


class _Article:
    """What the resolver reads once per article: quotations, people, their gender evidence."""

    def __init__(self, doc: Doc):
        self.doc = doc
        quotations = doc._.quotations if doc.has_extension("quotations") and doc._.quotations is not None \
            else find_quotations(doc.text)
        self.quoted = [qi >= 0 for qi in token_quotes(doc, quotations)]
        self.ents = list(doc.ents)
        # a bare surname the small model tags as a place or organisation (`Blinken, standing ...,
        # allowed`) is still that person when the article names them in full
        surnames = {e[-1].text for e in self.ents if e.label_ == "PERSON" and len(e) > 1}
        self.people = [e for e in self.ents if (e.label_ == "PERSON" or len(e) == 1 and e.text in surnames)
                       and not self.quoted[e.start]]
        self.sents = SentenceIndex(doc)
        self.gender: dict[str, str | None] = {}
        votes: dict[str, list[int]] = {}
        # one person per full name; a bare surname counts for the full name it is short for when the
        # article names only one person with it (Anna Berg and Erik Berg keep their own evidence)
        self._full_names: dict[str, set[str]] = {}
        for ent in self.people:
            if len(ent) > 1:
                self._full_names.setdefault(ent[-1].lower_, set()).add(_name_key(ent))
        for ent in self.people:
            key = self._key(ent)
            v = votes.setdefault(key, [0, 0])
            g = _explicit_gender(ent)
            if g:
                v[0 if g == "m" else 1] += 3
            if ent.root.dep_ in ("nsubj", "nsubjpass") or ent.root.head.dep_ in ("nsubj", "nsubjpass"):
                # pronouns later in the sentence the person is the subject of
                for t in doc[ent.end:self.sents.of(ent.start).end]:
                    if self.quoted[t.i]:
                        continue
                    if t.lower_ in _MALE:
                        v[0] += 1
                        break
                    if t.lower_ in _FEMALE:
                        v[1] += 1
                        break
        for key, (m, f) in votes.items():
            self.gender[key] = "m" if m > f else "f" if f > m else None

    def _key(self, person: Span) -> str:
        """The person's name key; a bare surname is the one full name in the article it is short for."""
        key = _name_key(person)
        if len(person) == 1 and len(self._full_names.get(key, ())) == 1:
            key = next(iter(self._full_names[key]))
        return key

    def gender_of_person(self, person: Span) -> str | None:
        return self.gender.get(self._key(person))

    def gender_of(self, span: Span) -> str | None:
        person = _person(span)
        if person is not None:
            g = self.gender_of_person(person)
            if g:
                return g
        for t in span:
            if t.lower_ in _GENDERED_NOUNS and t.i >= span.root.i - 1:
                return _GENDERED_NOUNS[t.lower_]
        return None

    def _subject_since(self, mention: Span, after: int, accept) -> Span | None:
        """The latest subject of a clause outside quotations, in the mention's sentence or the one
        before and after position `after`, that `accept`s; not the mention's own clause's."""
        sent = self.sents.of(mention.start)
        lo = self.sents.of(sent.start - 1).start if sent.start > 0 else sent.start
        for t in reversed(self.doc[max(lo, after + 1):mention.start]):
            if t.dep_ in ("nsubj", "nsubjpass") and not self.quoted[t.i] and t.head != mention.root.head and accept(t):
                return noun_phrase(t)
        return None

    def plural_subject(self, mention: Span, after: int) -> Span | None:
        """A plural subject `they` goes back to as it does to a speaker: a coordination (`Britain,
        France and Germany met ...`) or a plural noun naming states (`the foreign ministers of
        Estonia, Latvia and Lithuania went further`)."""
        def plural(t: Token) -> bool:
            if t.pos_ == "PRON":
                return False
            coordinated = any(c.dep_ == "conj" for c in t.children) and t.pos_ == "PROPN"
            return coordinated or (t.tag_ in ("NNS", "NNPS") and any(
                c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" and g.ent_type_ in ("GPE", "NORP", "ORG")
                                                            for g in c.children) for c in t.children))
        return self._subject_since(mention, after, plural)

    def institution_subject(self, mention: Span, after: int) -> Span | None:
        """An institution named as a subject, which `it` goes back to: a ministry, government,
        office or the like (`Israel's foreign ministry hit back within hours`)."""
        return self._subject_since(mention, after, lambda t: t.lemma_.lower() in _INSTITUTION_HEADS
                                   and t.pos_ == "NOUN" and t.tag_ == "NN")

    def subject_people(self, before: int) -> list[Span]:
        """Named people who are the subject of a clause outside quotations, or whose subject names
        them (`Xi's message was ...`), before a position."""
        roles = load_roles()
        return [e for e in self.people if e.end <= before
                and (e.root.dep_ in ("nsubj", "nsubjpass") or (e.root.dep_ in ("compound", "appos")
                                                                 and e.root.head.dep_ in ("nsubj", "nsubjpass"))
                     # "Xi's message was ...", but not "Rishi Sunak's spokesman said": the spokesman speaks
                     or (e.root.dep_ == "poss" and e.root.head.dep_ in ("nsubj", "nsubjpass")
                         and e.root.head.lower_ not in roles and e.root.head.lemma_.lower() not in roles
                         and e.root.head.lemma_.lower() not in _GENDERED_NOUNS)
                     or _missed_subject(e))]


def _retag_titled_names(doc: Doc, roles: dict[str, str]) -> None:
    """A name the small model tags as an organisation right after a person's title (`India's delegate
    Chandni Raina`, `the spokesman, Lin Jian`) is a person: relabel it PERSON before resolution. A
    title it tags as a person (`Crown Prince and Prime Minister Mohammed bin Salman`) is no name."""
    ents, changed = list(doc.ents), False
    titles = [e for e in ents if e.label_ == "PERSON" and e.text.lower() in roles]
    if titles:  # "Crown Prince" tagged as a person: a title, not a name
        ents, changed = [e for e in ents if e not in titles], True
    for k, e in enumerate(ents):
        if e.label_ != "ORG" or not 2 <= len(e) <= 3 or e.start < 2 or not all(t.pos_ == "PROPN" and t.is_title for t in e):
            continue
        title = doc[e.start - 2] if doc[e.start - 1].text == "," else doc[e.start - 1]
        if title.pos_ != "NOUN" or title.lower_ in _INSTITUTION_HEADS \
                or roles.get(title.lower_, roles.get(title.lemma_.lower())) is None \
                or not (e.root.head == title or e.start <= title.head.i < e.end):
            continue
        ents[k], changed = Span(doc, e.start, e.end, label="PERSON"), True
    if changed:
        doc.ents = ents


# Lower-case particles inside personal names (`Ursula von der Leyen`, `Faisal bin Farhan`,
# `Lula da Silva`, `Charles de Gaulle`): the small model often ends the name before them.
NAME_PARTICLES = {"von", "van", "der", "den", "de", "del", "della", "da", "dos", "das", "du", "di", "bin", "ibn",
                  "al", "el", "la", "le", "ter", "ten", "zu"}


def _join_name_particles(doc: Doc) -> None:
    """Extend a PERSON entity over name particles and the capitalised name after them, taking
    in the pieces the model tagged as something else (`Ursula von` + `Leyen` as a place)."""
    ents, changed = list(doc.ents), False
    for k, e in enumerate(ents):
        if e.label_ != "PERSON":
            continue
        end = e.end
        while end < len(doc) and doc[end].lower_ in NAME_PARTICLES and doc[end].is_lower:
            end += 1
        ends_in_particle = e[-1].lower_ in NAME_PARTICLES and e[-1].is_lower
        if (end == e.end and not ends_in_particle) or end >= len(doc):
            continue
        if not (doc[end].is_title and doc[end].pos_ == "PROPN"):
            continue
        ents[k], changed = Span(doc, e.start, end + 1, label="PERSON"), True
    if changed:
        doc.ents = spacy_filter(ents)  # the longer name wins over the pieces it now covers


def _missed_subject(ent: Span) -> bool:
    """A name right before a finite verb that has no subject of its own is that verb's subject,
    whatever the parse says (`On Sunday Biden became ...`, with Biden parsed into the date)."""
    doc = ent.doc
    if ent.end >= len(doc):
        return False
    verb = doc[ent.end]
    return (verb.pos_ in ("VERB", "AUX") and verb.tag_ in ("VBD", "VBZ", "VBP") and verb.dep_ == "ROOT"
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children))


def _name_key(person: Span) -> str:
    """A person's key: the full name without honorifics, or the surname alone."""
    words = [t.lower_ for t in person if t.lower_ not in _HONORIFIC and not t.is_punct]
    return " ".join(words) if len(words) > 1 else (words[0] if words else person.text.lower())


def _explicit_gender(ent: Span) -> str | None:
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if before in _HONORIFIC:
        return _HONORIFIC[before]
    if ent[0].lower_ in _HONORIFIC:
        return _HONORIFIC[ent[0].lower_]
    head = ent.root.head if ent.root.dep_ in ("appos", "compound") else None
    if head is not None and head.lower_ in _GENDERED_NOUNS:
        return _GENDERED_NOUNS[head.lower_]
    for t in ent.root.children:  # "spokeswoman Maria Ivanova", "Karl Brandt, a congressman"
        if t.dep_ in ("appos", "compound") and t.lower_ in _GENDERED_NOUNS:
            return _GENDERED_NOUNS[t.lower_]
    return None


class SpeakerResolver:
    def __init__(self, nlp: Language, roles_path: str | None = None):
        self._ents: list[Span] = []
        roles = load_roles(roles_path)
        # roles in the plural too: "the ministers" after "G7 foreign ministers met ..."
        self.roles = {**{plural_of(r): kind for r, kind in roles.items()}, **roles}
        cues = load_cues()
        self.documents = cues["documents"]
        self.signatories = cues["signatories"]
        self.saying = set(cues["verbs"])
        self._acted: set[int] = set()
        self._content: tuple[int, int] = (0, 0)
        self.role_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.role_matcher.add("ROLE", [nlp.make_doc(r) for r in self.roles])

    def role_of(self, span: Span) -> tuple[str | None, str | None]:
        """The longest role phrase in a mention, with its kind."""
        words = self._role_span(span)
        if words is None:
            return None, None
        return words.text, self.roles.get(words.text.lower())

    def _role_span(self, span: Span) -> Span | None:
        best = None
        heads = {span.root.i} | {c.i for c in span.root.children if c.dep_ == "appos"}
        for _, s, e in self.role_matcher(span.doc[span.start:span.end]):
            # the role of the head noun ("Rishi Sunak's spokesman" is a spokesman) or of its apposition
            # ("Carmel Martin, a vice president at a think tank"), else the longest, else the first
            key = (any(s <= h < e for h in heads), e - s, -s)
            if best is None or key > best[2]:
                best = (s, e, key)
        if best is None:
            return None
        return span.doc[best[0]:best[1]]  # matcher offsets are the doc's, even on a span

    def __call__(self, doc: Doc) -> Doc:
        statements = doc._.statements or []
        if not statements:
            return doc
        _retag_titled_names(doc, self.roles)
        _join_name_particles(doc)
        article = _Article(doc)
        self._ents = article.ents
        history: list[list[Speaker]] = []  # each earlier statement's resolved speakers, in order
        self._acted: set[int] = set()  # the groups in history that are the subjects of official acts
        for st in statements:
            try:
                if st.speaker is None:
                    st.speakers = []
                    continue
                resolved = []
                # the statement's own content never holds the antecedent of its speaker
                # ("If Kyiv did so, he said, ...": he is not Kyiv)
                self._content = (st.content.start, st.content.end)
                for mention in conjuncts(st.speaker) + [m for s in likewise(st.speaker) for m in conjuncts(s)]:
                    resolved.extend(self._resolve(doc, mention, history, article))
                st.speakers = resolved
                if resolved:
                    history.append(resolved)
                    if st.kind == "act":
                        self._acted.add(id(resolved))
            except Exception:  # one odd statement never costs the article its speakers
                st.speakers = []
        doc._.statements = drop_nested_duplicates(statements)
        return doc

    # -- resolution ----------------------------------------------------------

    def _make(self, mention: Span, full: Span, resolution: str, article: _Article | None = None) -> Speaker:
        role_span = self._role_span(full)
        role = role_span.text if role_span is not None else None
        kind = self.roles.get(role.lower()) if role is not None else None
        person = _person(full)
        name = person.text if person is not None and person.root == full.root else full.text
        if person is not None and person.root != full.root and person.root.head == full.root \
                and person.root.dep_ in ("appos", "compound", "nsubj"):
            name = person.text  # "his Czech counterpart Petr Fiala"
        if name.lower().startswith("the "):
            name = name[4:]
        return Speaker(mention=mention, full=full, name=name, role=role, role_kind=kind,
                       plural=is_plural(full), resolution=resolution,
                       speaks_for=_speaks_for(full, set(range(role_span.start, role_span.end)) if role_span is not None else set()),
                       gender=article.gender_of(full) if article is not None else None)

    def _resolve(self, doc: Doc, mention: Span, history: list[list[Speaker]], article: _Article) -> list[Speaker]:
        word = mention.text.lower()
        if len(mention) == 1 and is_relative(mention[0]):
            # "Jeb Bush, who announced ...": the antecedent, resolved as if it were the subject
            antecedent = noun_phrase(mention[0].head.head)
            return [self._relabel(s, mention, "relative") for part in conjuncts(antecedent)
                    for s in self._resolve(doc, part, history, article)]
        if word in SINGULAR_PERSON:
            return self._personal_pronoun(doc, mention, history, article)
        if word in PLURAL:  # all the speakers of the latest plural subject
            ante = self._latest(history, lambda g: len(g) > 1 or g[0].plural)
            subject = article.plural_subject(mention, after=ante[0].mention.start if ante is not None else -1)
            if subject is not None:
                # "The foreign ministers of Estonia, Latvia and Lithuania went further. In a joint
                # statement they called on ...": a plural subject named since the last plural speaker
                return [self._make(mention, part, "pronoun", article) for part in conjuncts(subject)]
            if ante is None:
                # "the G7 backed ... They also said ...": a body of several members, spoken of as
                # they, when no plural speaker came before
                ante = self._latest(history, lambda g: len(g) == 1 and not self._person_like(g[0].full)
                                    and g[0].mention.start < mention.start
                                    and mention.start - g[0].mention.start < COLLECTIVE_REACH)
            return [self._relabel(s, mention, "pronoun") for s in ante] if ante is not None else []
        if word in INSTITUTION:
            # an act's subject ("after the United States abstained") is no antecedent for "it" as a
            # speaker: "It demands ..." goes back to the last institution that spoke
            ante = self._latest(history, lambda g: id(g) not in self._acted and len(g) == 1 and (
                g[0].resolution == "document" or (not g[0].plural and not self._person_like(g[0].full))))
            subject = article.institution_subject(mention, after=ante[0].mention.start if ante is not None else -1)
            if subject is not None:
                # "Israel's foreign ministry hit back on Friday. '...,' it said": an institution
                # named as a subject since the last one that spoke
                return [self._make(mention, subject, "pronoun", article)]
            return [self._relabel(s, mention, "pronoun") for s in ante] if ante is not None else []
        if mention.root.lemma_.lower() in self.signatories and mention[0].lower_ == "the":
            # "the signatories said they backed ...": the issuers of the latest document
            issuer = self._latest_issuer(doc, mention.start)
            if issuer is not None:
                return [self._make(mention, part, "document", article)
                        for part in conjuncts(issuer) + among_them(issuer)]
        if mention.root.lemma_.lower() in self.documents and mention.root.pos_ == "NOUN":
            issuer = self._issuer(doc, mention)
            if issuer is not None:
                members = among_them(issuer)
                parts = conjuncts(issuer)
                if len(parts) > 1:  # "a statement by Britain, France and Germany": one speaker each
                    return [self._make(mention, part, "document", article) for part in parts + members]
                sp = self._make(mention, issuer, "document", article)
                sp.plural = is_plural(mention)
                sp.speaks_for = _clean(issuer)
                return [sp] + [self._make(mention, part, "document", article) for part in members]
        count = self._count(mention)
        if mention.root.pos_ == "NUM" and mention.root.lower_ in NUMBERS and mention[0].lower_ == "the":
            # "The four said ...": the latest group of speakers that many
            # (or the latest plural one: "the leaders of France, Germany, Britain and Poland" is one
            # speaker for four states)
            ante = self._latest(history, lambda g: len(g) == NUMBERS[mention.root.lower_]) \
                or self._latest(history, lambda g: len(g) == 1 and g[0].plural)
            return [self._relabel(s, mention, "group") for s in ante] if ante is not None else []
        if count and mention.root.lemma_.lower() in _STATE_GROUPS and mention.root.pos_ == "NOUN":
            ante = self._latest(history, lambda g: len(g) == count and not any(self._person_like(s.full) for s in g))
            return [self._relabel(s, mention, "group") for s in ante] if ante is not None else []
        if count and mention.root.pos_ == "NOUN" and _person(mention) is None:
            people = self._latest_people(doc, mention.start, count)
            if len(people) == count:
                return [self._make(mention, p, "group", article) for p in people]
        if self._is_description(mention):
            ante = self._same_head(doc, mention)
            if ante is not None:
                return [self._make(mention, ante, "description", article)]
        person = _person(mention)
        if person is not None and not (person.start <= mention.root.i < person.end):
            person = None  # a possessor ("Rishi Sunak's spokesman"): the speaker is the spokesman
        if person is not None and len(person) == 1:
            full = self._full_mention(doc, person)
            if full is not None:
                sp = self._make(mention, full, "surname", article)
                return [sp]
        if person is not None:
            full = self._introduction(doc, person)
            return [self._make(mention, full, "self", article)]
        if len(mention) == 1 and mention[0].pos_ == "PROPN":
            full = self._full_mention(doc, mention)  # a surname the entity tagger missed or took for a place
            if full is not None and full.start < mention.start:
                return [self._make(mention, full, "surname", article)]
        return [self._make(mention, mention, "self", article)]

    def _personal_pronoun(self, doc: Doc, mention: Span, history: list[list[Speaker]], article: _Article):
        """`he` / `she`: the nearest earlier compatible person - an earlier speaker or a named subject."""
        want = "m" if mention.text.lower() in ("he", "him", "his") else "f"
        best_pos, best = -1, None
        for group in reversed(history):
            if len(group) == 1 and not group[0].plural and self._person_like(group[0].full) \
                    and group[0].mention.start < mention.start:
                g = group[0].gender or article.gender_of(group[0].full)
                if g is not None and g != want:
                    continue
                best_pos, best = group[0].mention.start, ("speaker", group)
                break
        lo, hi = self._content
        for ent in reversed(article.subject_people(mention.start)):
            if ent.start <= best_pos:
                break
            if lo <= ent.start < hi and not (lo <= mention.start < hi and ent.root.head == mention.root.head):
                continue
            if article.sents.of(mention.start).start == article.sents.of(ent.start).start \
                    and ent.root.head == mention.root.head:
                continue
            g = article.gender_of_person(ent)
            if g is not None and g != want:
                continue
            first = self._full_mention(doc, ent[-1:])
            same = first is not None and (len(ent) == 1 or _person(first) is not None
                                          and _person(first).text.endswith(ent.text.split(" ", 1)[-1]))
            full = first if same else self._introduction(doc, ent)
            best_pos, best = ent.start, ("subject", full)
            break
        if best is None:
            ante_span = self._latest_person_entity(doc, mention.start, want, article)
            return [self._make(mention, ante_span, "pronoun", article)] if ante_span is not None else []
        if best[0] == "speaker":
            return [self._relabel(s, mention, "pronoun") for s in best[1]]
        return [self._make(mention, best[1], "pronoun", article)]

    @staticmethod
    def _relabel(s: Speaker, mention: Span, resolution: str) -> Speaker:
        return Speaker(mention=mention, full=s.full, name=s.name, role=s.role, role_kind=s.role_kind,
                       plural=s.plural, resolution=resolution, speaks_for=s.speaks_for, gender=s.gender)

    @staticmethod
    def _latest(history: list[list[Speaker]], ok) -> list[Speaker] | None:
        for group in reversed(history):
            if ok(group):
                return group
        return None

    def _person_like(self, span: Span) -> bool:
        if _person(span) is not None:
            return True
        if span.root.lower_ in SINGULAR_PERSON:
            return True
        role, _ = self.role_of(span)
        head = span.root.lower_
        return role is not None and head not in _INSTITUTION_HEADS

    @staticmethod
    def _count(mention: Span) -> int:
        for t in mention:
            if t.lower_ in NUMBERS and t.i < mention.root.i:
                return NUMBERS[t.lower_]
        return 0

    def _is_description(self, mention: Span) -> bool:
        """`the minister`, `the defence ministry`: a definite role noun with no name or place."""
        if mention[0].lower_ != "the" or _person(mention) is not None:
            return False
        if any(t.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or (t.pos_ == "PROPN" and t.text[:1].isupper())
               for t in mention[1:]):
            return False
        role, _ = self.role_of(mention)
        return role is not None

    def _same_head(self, doc: Doc, mention: Span) -> Span | None:
        """The latest earlier noun phrase with the same head noun that names whose it is; when that
        noun is a person's title (`spokeswoman Maria Ivanova`, `Karl Brandt, the minister`), the person."""
        head = mention.root.lemma_.lower()
        if mention.root.tag_ == "NNS":
            # `the leaders`: a group that did something (a subject) before one merely acted on
            # (`lobbied the leaders of India, Brazil and others` after `G7 leaders met ...`)
            for t in reversed(doc[: mention.start]):
                if t.lemma_.lower() == head and t.tag_ == "NNS" and t.dep_ in ("nsubj", "nsubjpass"):
                    np = noun_phrase(t)
                    if any(x.ent_type_ in ("GPE", "NORP", "ORG") or x.pos_ == "PROPN" for x in np):
                        return np
        for t in reversed(doc[: mention.start]):
            if t.lemma_.lower() == head and t.pos_ in ("NOUN", "PROPN"):
                owner = t.head if t.dep_ in ("compound", "appos") else None
                if owner is not None and owner.ent_type_ == "PERSON":
                    person = _person(doc[owner.left_edge.i:owner.i + 1]) or doc[owner.i:owner.i + 1]
                    return self._introduction(doc, person)
                np = noun_phrase(t)
                person = next((e for e in self._ents if e.label_ == "PERSON" and np.start <= e.start and e.end <= np.end), None)
                if person is not None and not (person.start <= t.i < person.end):
                    # "Crown Prince and Prime Minister Mohammed bin Salman": the person the titles name
                    return self._introduction(doc, person)
                if any(x.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or x.pos_ == "PROPN" for x in np):
                    return np
        return None

    def _latest_person_entity(self, doc: Doc, before: int, want: str | None = None,
                              article: _Article | None = None) -> Span | None:
        ents = [e for e in self._ents if e.label_ == "PERSON" and e.end <= before
                and (article is None or not article.quoted[e.start])]
        for ent in reversed(ents):
            g = article.gender_of_person(ent) if article is not None else None
            if want is not None and g is not None and g != want:
                continue
            return self._full_mention(doc, ent[-1:]) or noun_phrase(ent.root)
        return None

    def _latest_people(self, doc: Doc, before: int, count: int) -> list[Span]:
        """The `count` latest distinct people named before a position (`the two leaders`).

        A one-word PERSON counts only if the article names that person in full somewhere
        (the small model tags the odd city as a person).
        """
        seen: dict[str, Span] = {}
        for ent in reversed([e for e in self._ents if e.label_ == "PERSON" and e.end <= before]):
            key = ent[-1].text
            if key in seen:
                continue
            full = self._full_mention(doc, ent[-1:])
            if full is None and len(ent) == 1:
                continue
            seen[key] = full or noun_phrase(ent.root)
            if len(seen) == count:
                break
        return sorted(seen.values(), key=lambda span: span.start)  # in the order the article names them

    def _full_mention(self, doc: Doc, surname: Span) -> Span | None:
        """The first multi-word mention of a person ending with this surname."""
        for ent in self._ents:
            if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == surname[-1].text:
                return self._introduction(doc, ent)
        return None

    def _issuer(self, doc: Doc, mention: Span) -> Span | None:
        """Who issued a document that speaks (`the resolution demands`, `the text calls for`).

        The issuer the mention names - a possessor (`the leaders' statement`, `NATO's communique`),
        a name before the noun (`the G20 declaration`, `the Security Council resolution`), or a
        `from` / `by` / `of` phrase (`a statement from the ministry`) - else, for a definite
        mention (`the text`, `the declaration`), the issuer of the latest document named before
        it: by its own words, or as the subject of the act that adopted, issued, signed or
        released it (`G20 leaders adopted their joint declaration`)."""
        root = mention.root
        own = _named_issuer(root, mention.start, mention.end)
        if own is not None:
            return own
        if root.dep_ == "dobj" and root.head.lemma_.lower() in _ISSUING:
            # "the ministry issued a statement saying ...": whoever issued it
            subj = next((c for c in root.head.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
                return noun_phrase(subj)
        definite = any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its", "their", "these")
                       for c in root.children)
        if not definite:
            return None
        return self._latest_issuer(doc, mention.start, root.lemma_.lower())

    def _latest_issuer(self, doc: Doc, before: int, same: str | None = None) -> Span | None:
        """The issuer of the latest document named before `before`: by its own words, as the
        subject of the act that issued it, or of the speech it was said in (`the four leaders
        said in a joint statement`). `the resolution` is the latest resolution named, not a
        proposal it backs; a document noun `same` named without an issuer stops the search."""
        nouns = [t for t in reversed(doc[max(0, before - 400):before]) if t.pos_ == "NOUN"]
        same_named = [t for t in nouns if t.lemma_.lower() == same] if same is not None else []
        for t in same_named or [t for t in nouns if t.lemma_.lower() in self.documents]:
            np = noun_phrase(t)
            named = _named_issuer(t, np.start, np.end)
            if named is not None:
                return named
            verb = t.head
            if t.dep_ == "pobj" and verb.lower_ in ("in", "through", "via") and verb.head.pos_ in ("VERB", "AUX") \
                    and verb.head.lemma_.lower() in self.saying:
                # "X said in a joint statement that ...": whoever said it
                issuer = _issuer_subject(next((c for c in verb.head.children if c.dep_ == "nsubj"), None))
                if issuer is not None:
                    return issuer
            if t.dep_ in ("dobj", "nsubjpass") and verb.lemma_.lower() in _ISSUING:
                subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                if subj is None:
                    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                    subj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
                issuer = _issuer_subject(subj)
                if issuer is not None:
                    return issuer
            if same is not None and t.lemma_.lower() == same:
                return None  # the same document, named without its issuer
        return None

    def _introduction(self, doc: Doc, person: Span) -> Span:
        """The noun phrase that introduces a person, with title and affiliation."""
        np = noun_phrase(person.root)
        conj = next((c for c in person.root.rights if c.dep_ in ("cc", "conj") and np.start <= c.i < np.end), None)
        if conj is not None:  # "Biden and Zelensky": Biden's introduction stops before the conjunction
            np = doc[np.start:max(person.end, conj.i)]
        before = [t for t in doc[np.start:person.start] if t.dep_ == "cc" and t.lower_ == "and" and t.head.i != person.root.i]
        if before:  # "Prime Minister Keir Starmer and President Emmanuel Macron": Macron's starts after the "and"
            np = doc[before[-1].i + 1:np.end]
        # "his Czech counterpart Petr Fiala": the name is an apposition to the role noun
        if person.root.dep_ == "appos" and person.root.head.pos_ == "NOUN":
            head = person.root.head
            if head.dep_ == "conj" and head.head.pos_ == "NOUN" and self.role_of(noun_phrase(head.head))[0] is not None:
                head = head.head  # "Azerbaijan's ecology minister and Cop29 president, Mukhtar Babayev"
            np = doc[min(head.left_edge.i, np.start):max(np.end, person.end)]
        # "Karl Brandt, the German defence minister,": an appositive that gives the office
        appos = next((c for c in person.root.children if c.dep_ == "appos" and c.i > person.root.i), None)
        if appos is not None and self.role_of(noun_phrase(appos))[0] is not None and appos.right_edge.i - np.end < 12:
            np = doc[np.start:noun_phrase(appos).end]
        return np


def _issuer_subject(subj: Token | None) -> Span | None:
    """The noun phrase of a document's issuer given as a subject, unless it is a vote tally."""
    if subj is not None and subj.pos_ in ("NOUN", "PROPN") and not _tally(subj):
        return noun_phrase(subj)
    return None


def _tally(t: Token) -> bool:
    """`approved by 20 votes`, `adopted by a vote of 13 to 0`: a count of votes, not an issuer."""
    return t.lemma_.lower() in ("vote", "ballot", "majority") or any(c.dep_ == "nummod" for c in t.children)


# the verbs that issue a document; signing or sending one also makes the signatory its issuer here
_ISSUING = ISSUING_VERBS | {"sign", "send", "write"}


def _named_issuer(root: Token, lo: int, hi: int) -> Span | None:
    """The issuer a document's own noun phrase names: `NATO's communique`, `the G20 declaration`,
    `a statement from the ministry`."""
    doc = root.doc
    for c in root.children:
        if c.dep_ == "poss" and lo <= c.i < hi and c.pos_ in ("NOUN", "PROPN") :
            span = doc[c.left_edge.i:c.i + 1]
            return span
    for c in root.children:
        if c.dep_ == "prep" and c.lower_ in ("from", "by", "of") and c.i < hi:
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if pobj is not None and (pobj.ent_type_ in ("ORG", "GPE", "NORP", "PERSON") or pobj.pos_ == "PROPN"
                                     or pobj.lemma_.lower() in _ISSUER_NOUNS):
                return noun_phrase(pobj)
    # a name before the noun: "the G20 declaration", "the Security Council resolution"
    i = root.i - 1
    end = None
    while i >= lo and (doc[i].pos_ in ("PROPN", "NUM") or doc[i].ent_type_ in ("ORG", "GPE", "NORP", "PERSON")
                       or (end is not None and doc[i].is_title and doc[i].pos_ != "DET")):
        if end is None:
            end = i + 1
        i -= 1
    if end is not None and any(doc[j].pos_ == "PROPN" or doc[j].ent_type_ in ("ORG", "GPE", "NORP") for j in range(i + 1, end)):
        return doc[i + 1:end]  # without "the": the name must head its own span
    return None


_ISSUER_NOUNS = {"ministry", "government", "office", "council", "commission", "leader", "minister", "president",
                 "department", "presidency", "embassy", "summit", "parliament", "cabinet", "agency", "administration"}


def drop_nested_duplicates(statements: list) -> list:
    """One statement per act of saying: `Beijing said it firmly opposed the sale` is Beijing's
    statement with the content `it firmly opposed the sale`, not two. A statement whose cue and
    speaker lie inside another's content is dropped when its speaker resolves to the same speaker;
    another speaker nested inside (`X said Y had told him ...`) stays."""
    def who(st) -> set:
        return {(sp.full.start, sp.full.end) for sp in st.speakers} | {sp.name.lower() for sp in st.speakers}

    def same(st, o) -> bool:
        if st.speakers and o.speakers and who(st) & who(o) and len(st.speakers) == len(o.speakers):
            return True
        # "Fowler said he expects ...": a pronoun subject of the reported clause's own verb is the
        # speaker talking about himself, whatever the resolver made of it
        word = st.speaker.text.lower() if len(st.speaker) == 1 else ""
        if word not in _SELF or st.cue.root != o.content.root or o.speaker is None:
            return False
        plural = any(sp.plural for sp in o.speakers) or len(o.speakers) > 1 or is_plural(o.speaker)
        return plural == (word in ("they", "we"))

    out = []
    for st in statements:
        outer = next((o for o in statements if o is not st and o.kind != "act" and st.speaker is not None
                      and o.content.start <= st.cue.start and st.cue.end <= o.content.end
                      and o.content.start <= st.speaker.start and st.speaker.end <= o.content.end
                      and st.content.end <= o.content.end + 1 and same(st, o)), None)
        if outer is None:
            out.append(st)
    return out


_SELF = {"he", "she", "it", "they", "we", "i"}


def _speaks_for(full: Span, role_tokens: set[int] = frozenset()) -> str | None:
    """Whom a speaker speaks for, as named in the mention: a possessor (`Poland's`, `Rishi Sunak's`),
    a modifier naming a state or organisation (`a NATO official`, `French President`), or a
    `for` / `of` / `at` phrase (`the spokesman for the foreign ministry`)."""
    doc = full.doc
    root = full.root
    own = _person(full)
    own_range = range(own.start, own.end) if own is not None and own.root == root else range(0)

    def named(t: Token) -> bool:
        return t.ent_type_ in ("GPE", "ORG", "NORP", "PERSON") or t.pos_ == "PROPN"

    # 1. a possessor: "Poland's Prime Minister Donald Tusk", "Rishi Sunak's spokesman"
    for t in full:
        if t.dep_ == "poss" and t.i not in own_range and named(t):
            span = doc[t.left_edge.i:t.i + 1]
            return _clean(span)
    # 2. a `for` / `of` / `at` / `from` phrase on the head: "the spokesman for the foreign ministry"
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "at", "from") and prep.i < full.end:
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and root.ent_type_ and pobj.ent_iob_ == "I" and pobj.ent_type_ == root.ent_type_:
                continue  # "the Group of Seven", "the Bank of England": one name
            if pobj is not None:
                return _clean(doc[pobj.left_edge.i:min(pobj.right_edge.i + 1, full.end)])
    # 3. a modifier before the head: "a NATO official", "Kremlin spokesman Dmitry Peskov", "a White House official"
    if root.ent_type_ in ("GPE", "ORG", "NORP") and root.ent_iob_ != "O":
        start = root.i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        ent = doc[start:root.i + 1]
        if ent is not None and ent.start <= full.start + 1:
            return None  # "the Czech Republic" is itself the state
    if own is None or own.root != root or len(full) > len(own):
        title = set()
        if own is not None and own.root == root:  # "Judge Maria Lopez", "President Vladimir Putin": a title
            i = own.start - 1
            while i >= full.start and doc[i].pos_ == "PROPN" and doc[i].ent_type_ not in ("GPE", "ORG", "NORP"):
                title.add(i)
                i -= 1
        mods = [t for t in full if t.i not in own_range and t.i not in role_tokens and t.i not in title and named(t)
                and t.lower_ not in _HONORIFIC and t.i != root.i
                and t.dep_ in ("compound", "amod", "nmod", "npadvmod")]
        if mods:
            start = mods[0].i
            end = mods[0].i + 1
            while end < full.end and doc[end] in mods:
                end += 1
            return _clean(doc[start:end])
    return None


def _clean(span: Span) -> str:
    text = span.text
    for suffix in ("'s", "’s", "'"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    if text.lower().startswith("the ") and not span.root.ent_type_ == "ORG":
        text = text[4:]
    return text.strip()


@Language.factory("demarche_speakers", default_config={"roles_path": None})
def make_speaker_resolver(nlp: Language, name: str, roles_path: str | None) -> SpeakerResolver:
    return SpeakerResolver(nlp, roles_path)
