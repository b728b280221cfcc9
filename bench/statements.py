"""Statement extraction on PolNeAR dev: quality (the shared scorer) and throughput.

    python bench/statements.py [--gold ../shared/benchmarks/polnear/dev.jsonl]

Prints the scorer's content/half and content+source/half P/R/F1, and words per second of
the full Demarche pipeline against bare `nlp.pipe` of the same model over the same texts,
measured side by side in this one run, with their ratio.
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

from analysis.nlp import MODEL, build_nlp  # noqa: E402
from analysis.pipeline import attributions  # noqa: E402

SHARED = ROOT.parent / "shared" / "benchmarks"


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
    t0 = time.perf_counter()
    list(bare.pipe(texts, batch_size=16))
    t_bare = time.perf_counter() - t0
    t0 = time.perf_counter()
    predictions = list(attributions(records, full))
    t_full = time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        gold = Path(tmp) / "gold.jsonl"
        pred.write_text("".join(json.dumps(p) + "\n" for p in predictions), encoding="utf-8")
        gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        out = subprocess.run([sys.executable, args.scorer, str(gold), str(pred)], capture_output=True, text=True)
    print(out.stdout.strip())
    print(f"\narticles={len(records)} words={words}")
    print(f"throughput: bare nlp.pipe {words / t_bare:,.0f} words/s; full pipeline {words / t_full:,.0f} words/s; "
          f"overhead ratio full/bare time = {t_full / t_bare:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
