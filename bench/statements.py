"""Statement extraction on PolNeAR dev: quality (the shared scorer), throughput, speaker resolution.

    python bench/statements.py [--gold ../shared/benchmarks/polnear/dev.jsonl] [--limit N]

Prints, in this order:

1. The shared scorer's table for the attributions the statement stage finds - statements of
   speech (`direct`, `indirect`, `mixed`, `according_to`) and beliefs (`belief`: `X believes /
   fears / expects / wants ...`, which PolNeAR counts as attributions) - with their content
   pieces (`"A," said X, a long description. "B."` -> A and B): content/half and
   content+source/half P/R/F1 and the recall on the quoted subset (the headline numbers).
   Official acts (`act`: voted, vetoed, signed) are positions, not attributions, and are left out.
2. The same scorer on `analysis.pipeline.attributions` - the output of `python -m analysis
   statements` - which counts the same kinds (schema.SPEECH_KINDS and `belief`), so the two
   tables agree; a difference means the pipeline and this bench disagree about what counts.
3. Throughput: words/second of bare `nlp.pipe` (the model alone) and of the full Demarche
   pipeline over the same texts, measured side by side in this run, and their ratio; then
   the statement stage's own cost (`demarche_statements` + `demarche_speakers`), timed
   directly on the parsed documents, as a share of the bare model's time.
4. Speaker resolution for pronoun speakers. PolNeAR marks sources but has no coreference,
   so there is no gold antecedent to score against. Two proxies, neither an accuracy:
   * grounded: share of statements whose speaker is a pronoun (`he`, `she`, `they`, `it`,
     `who` ...) that we resolve to an earlier mention containing a named PERSON, ORG, GPE or
     NORP - how often resolution lands on a real, named antecedent at all;
   * agreement: for those of them that match a gold attribution with a pronoun source,
     share whose resolved name shares a capitalised word with the nearest earlier gold
     source that is a name (of the same number). Gold's previous named source is often not
     the antecedent (someone else may be quoted in between), so this under-states accuracy.
   The hand-written cases in tests/test_speakers.py measure exact resolution.

Timings on a shared machine are noisy: the bare and full runs are interleaved once each; the
statement stage's own cost does not depend on the model and is the steadier number.

Results on PolNeAR dev (84 articles, 2,192 attributions, 624 quoted), `python bench/statements.py`
(up to issue 3 the headline was `python -m analysis statements ../shared/benchmarks/polnear/dev.jsonl`
scored with `../shared/benchmarks/quote_eval.py`; from acts-and-beliefs on it is table 1 above, which
that command gives once pipeline.attributions counts kind `belief`):

    version          content/half P/R/F1   content+source/half P/R/F1   R quoted   full/bare time
    foundation       74.5 / 40.5 / 52.5    69.8 / 37.9 / 49.1           70.4       1.14
    issue 3          85.9 / 47.1 / 60.8    82.3 / 45.1 / 58.2           75.3       1.26 *
      with content_spans:  86.8 / 47.5 / 61.4   82.8 / 45.3 / 58.6
    acts & beliefs   85.4 / 52.4 / 64.9    80.9 / 49.6 / 61.5           81.4       1.45 *
      speech kinds only (python -m analysis statements today):  86.8 / 50.5 / 63.9   82.2 / 47.9 / 60.5
    shared-aux/modal verbs of saying, fraction respondents, `while`/`but` + another speaker, misread headline names:
                     85.4 / 52.5 / 65.0    81.0 / 49.8 / 61.7           81.4  (train, first 300: F1 61.46 -> 61.60)

    * the whole pipeline, including the later components (dates, actors, issues, stance), which
      grew in the same period and now also read official acts and beliefs; the statement stage
      alone costs 3.7% (issue 3) and 4.7% (acts & beliefs) of the bare model's time.
    On PolNeAR train (840 articles, read for error analysis only), the same tables give
    86.3 / 45.2 / 59.4 -> 84.2 / 49.3 / 62.2 (content/half) and 82.4 / 43.2 / 56.6 ->
    79.9 / 46.8 / 59.0 (content+source/half).
    Speaker resolution, pronoun speakers (291): 88% resolved to an earlier named mention; 61% agree
    with gold's nearest earlier named source (a lower bound). A hand audit of 40 random dev cases
    (not shipped: PolNeAR text stays out of the project) found 31 correct.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.nlp import MODEL, build_nlp, make_doc  # noqa: E402
from analysis.pipeline import BATCH_SIZE, attributions  # noqa: E402
# ATTRIBUTION_KINDS: what PolNeAR counts as an attribution: speech, and beliefs, hopes and
# intentions (kind "belief"); official acts (kind "act") are positions, not attributions
from analysis.schema import ATTRIBUTION_KINDS  # noqa: E402

SHARED = ROOT.parent / "shared" / "benchmarks"
STAGE = ("demarche_statements", "demarche_speakers")
PRONOUNS = {"he", "she", "they", "it", "we", "him", "her", "them", "who", "which", "that", "i"}
NAMED = ("PERSON", "ORG", "GPE", "NORP")


def score(scorer: str, records: list[dict], predictions: list[dict]) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        gold = Path(tmp) / "gold.jsonl"
        pred.write_text("".join(json.dumps(p) + "\n" for p in predictions), encoding="utf-8")
        gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        out = subprocess.run([sys.executable, scorer, str(gold), str(pred)], capture_output=True, text=True)
    return out.stdout.strip() or out.stderr.strip()


def half_lines(table: str) -> str:
    return "\n".join(line for line in table.splitlines() if "/half" in line or line.startswith("task"))


def speaker_resolution(records: list[dict], docs: list) -> dict:
    """The two proxies described in the module docstring."""
    grounded = total = checked = agree = 0
    for record, doc in zip(records, docs):
        golds = sorted((g for g in record.get("attributions", []) if g.get("source")), key=lambda g: g["source"][0])
        for st in doc._.statements or []:
            if st.speaker is None or st.speaker.text.lower() not in PRONOUNS:
                continue
            total += 1
            sp = st.speakers[0] if st.speakers else None
            if sp is not None and sp.full.start < st.speaker.start and sp.full.text.lower() not in PRONOUNS \
                    and any(t.ent_type_ in NAMED for t in sp.full):
                grounded += 1
            if sp is None:
                continue
            gold = next((g for g in golds if g["source"][0] < st.speaker.end_char and g["source"][1] > st.speaker.start_char
                         and (g.get("source_text") or "").lower().strip() in PRONOUNS), None)
            if gold is None:
                continue
            plural = st.speaker.text.lower() in ("they", "them")
            earlier = [g for g in golds if g["source"][1] <= gold["source"][0]
                       and (g.get("source_text") or "").lower().strip() not in PRONOUNS
                       and plural == (" and " in g["source_text"] or g["source_text"].lower().endswith("s"))]
            if not earlier:
                continue
            ref = earlier[-1]["source_text"]
            checked += 1
            words = {w for w in sp.full.text.replace("'s", "").split() if w[:1].isupper() and len(w) > 2}
            agree += any(w in ref for w in words)
    return {"pronoun_speakers": total, "grounded": grounded, "checked": checked, "agree": agree}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=str(SHARED / "polnear" / "dev.jsonl"))
    ap.add_argument("--scorer", default=str(SHARED / "quote_eval.py"))
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    records = [json.loads(line) for line in open(args.gold, encoding="utf-8")]
    if args.limit:
        records = records[: args.limit]
    texts = [r["text"] for r in records]
    words = sum(len(t.split()) for t in texts)

    bare = spacy.load(MODEL)
    full = build_nlp()
    for warm in (bare, full):
        list(warm.pipe(texts[:2]))

    # 1. bare model and full pipeline, side by side
    t0 = time.perf_counter()
    list(bare.pipe(texts, batch_size=BATCH_SIZE))
    t_bare = time.perf_counter() - t0
    t0 = time.perf_counter()
    predictions = list(attributions(records, full))
    t_full = time.perf_counter() - t0

    # 2. the statement stage on its own: parse with everything before it, then time it alone
    before = [name for name in full.pipe_names if not name.startswith("demarche_") or name == "demarche_paragraphs"]
    with full.select_pipes(enable=before):
        docs = list(full.pipe((make_doc(full, t) for t in texts), batch_size=BATCH_SIZE))
    stage = [full.get_pipe(name) for name in STAGE]
    t0 = time.perf_counter()
    for doc in docs:
        for component in stage:
            component(doc)
    t_stage = time.perf_counter() - t0
    with_beliefs = [{"id": r.get("id"), "attributions": [
        {"source": [st.speaker.start_char, st.speaker.end_char] if st.speaker is not None else None,
         "content": [st.content.start_char, st.content.end_char],
         "content_spans": [list(p) for p in st.spans]}
        for st in doc._.statements or [] if st.kind in ATTRIBUTION_KINDS]} for r, doc in zip(records, docs)]

    print("== attributions: statements of speech and beliefs (kinds " + ", ".join(ATTRIBUTION_KINDS) + "), "
          "with content pieces, scored with quote_eval.py (the headline)")
    print(score(args.scorer, records, with_beliefs))
    print("\n== python -m analysis statements (analysis.pipeline.attributions: speech and beliefs, "
          + ", ".join(ATTRIBUTION_KINDS) + ")")
    print(half_lines(score(args.scorer, records, predictions)))

    print(f"\narticles={len(records)} words={words}")
    print(f"throughput: bare nlp.pipe {words / t_bare:,.0f} words/s; full pipeline {words / t_full:,.0f} words/s; "
          f"overhead ratio full/bare time = {t_full / t_bare:.3f}")
    print(f"statement stage ({' + '.join(STAGE)}): {t_stage:.2f}s over the parsed texts = "
          f"{100 * t_stage / t_bare:.1f}% of bare nlp.pipe time ({words / t_stage:,.0f} words/s)")

    res = speaker_resolution(records, docs)
    n, c = res["pronoun_speakers"], res["checked"]
    print(f"\nspeaker resolution, pronoun speakers: {n} statements; resolved to an earlier named "
          f"PERSON/ORG/GPE/NORP mention: {res['grounded']}/{n} = {res['grounded'] / max(n, 1):.3f}; "
          f"agreement with gold's nearest earlier named source (a lower bound, see docstring): "
          f"{res['agree']}/{c} = {res['agree'] / max(c, 1):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
