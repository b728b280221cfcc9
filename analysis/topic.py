"""Component `demarche_topic`: an official who names no issue speaks to the article's issue.

Reaction pieces quote governments on the matter at hand without naming it again: `"It will
not happen," Netanyahu said`, `a reward for terror`, `Berlin said the timing was wrong`.
The issue reader leaves such statements `unclassified`, so the actor drops out of the matrix
although the article is plainly about one thing. This component gives them that thing, under
three conditions that keep it from guessing:

- the article is about one issue: at least MIN_SHARE of its statements that name a codebook
  issue name the same one, and more than name any other (a summit round-up covering six
  issues, or a story split between two, gets nothing); when no statement names an issue, the
  one its headline and lead name most;
- the statement's own words take a side through a stance word (`welcome`, `reject`, `a great
  day`, `not rule out`): a plain report of an action (`he would travel to Cairo`, scored
  stance.DEFAULT) says nothing about the issue, and a neutral remark is more often about
  something else;
- the statement is not about a matter of its own: its object carries no content that names
  something else (`support the resolution on Haiti`, `consider new trade rules`);
- none of the statement's states or organisations takes a position on a named issue anywhere
  in the article: an actor we already place is not given a second, guessed position.

The statement keeps its stance as read toward its own words, turned round when those words are
an act against the issue (`Italy was not considering a halt`: read toward the halt, it opposes
it, so it supports the issue); its issue match is marked
`anaphor` (inherited, not matched), and the row's `stance_cue` still shows what decided it.
Measured on the development splits of eval/diplomatic, see the README.
"""

from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from .issues import OWN_CONTENT_PREPS, IssueMatch, label_target, lead_issue, lead_sentences
from .schema import UNCLASSIFIED
from .stance import DEFAULT, Stance, label_for

# Words for a stop put to the matter at hand: a stance toward `a halt` is the reverse of the
# stance toward what is halted. (Not `criticism` or `concern`: what those are against is not
# necessarily the issue.)
STOPS = frozenset("""halt suspension suspend pause freeze moratorium ban embargo end stop cut cutoff
withdrawal cancellation""".split())
# Share of the issue-naming statements that must name the main issue for the article to have one.
MIN_SHARE = 0.5
OFFICIAL = ("state", "organisation")


def _official_codes(st) -> set[str]:
    return {a.code for a in (st.actors or []) if a is not None and a.code and a.kind in OFFICIAL}


def main_issue(statements) -> IssueMatch | None:
    """The issue most statements name, if it has at least MIN_SHARE of them and no other as many;
    its first match."""
    named = [st for st in statements if st.issues]
    counts = Counter(issue for st in named for issue in {m.issue for m in st.issues}).most_common(2)
    if not counts:
        return None
    issue, n = counts[0]
    if n < MIN_SHARE * len(named) or (len(counts) > 1 and counts[1][1] == n):
        return None
    return next(m for st in named for m in st.issues if m.issue == issue)


def names_its_own_matter(target) -> bool:
    """Whether what the statement acts on (`target`, from issues.label_target) has content of its
    own: a compound (`trade rules`) or a prepositional phrase that is not a date (`the resolution
    on Haiti`, `talks with Cairo`)."""
    if target.pos_ not in ("NOUN", "PROPN"):
        return False
    for c in target.children:
        if c.dep_ == "compound":
            return True
        if c.dep_ == "prep" and c.lower_ in OWN_CONTENT_PREPS:
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None and pobj.ent_type_ not in ("DATE", "TIME"):
                return True
    return False


@Language.component("demarche_topic")
def inherit_topic(doc: Doc) -> Doc:
    statements = [st for st in doc._.statements or [] if st.kind != "belief"]
    named = any(st.issues for st in statements)
    # with no issue named in any statement, the one the headline and lead name ("COP27 agrees fund
    # for climate 'loss and damage'", then reactions that speak only of "the fund")
    main = main_issue(statements) if named else lead_issue(
        doc._.issue_mentions or [], [(s.start, s.end) for s in lead_sentences(doc)], untied=True)
    if main is None:
        return doc
    placed = set().union(*(_official_codes(st) for st in statements if st.issues))
    for st in statements:
        codes = _official_codes(st)
        stance = (st.stances or {}).get(UNCLASSIFIED)
        if st.issues or not codes or codes & placed or stance is None or abs(stance.score) <= DEFAULT:
            continue
        target = label_target(st.content)
        if names_its_own_matter(target):
            continue
        if _acts_against(target):
            stance = Stance(label_for(-stance.score), -stance.score, stance.cue)
        st.issues = [IssueMatch(main.issue, main.label, doc[target.i:target.i + 1], anaphor=True)]
        st.stances = {main.issue: stance}
    return doc


def _acts_against(token) -> bool:
    """Whether the word the statement acts on is a stop put to something (`a halt`, `a suspension`)."""
    return token.lemma_.lower() in STOPS
