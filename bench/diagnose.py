"""Why each gold position was missed: the statements the pipeline read around its cue.

    python bench/diagnose.py eval/diplomatic/dev/gold.jsonl eval/diplomatic/dev/articles

For development on a dev split only; never read its output for a held-out split.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.articles import load_articles  # noqa: E402
from analysis.evaluate import article_positions, load_gold  # noqa: E402
from analysis.pipeline import docs_for, rows_from_doc  # noqa: E402
from analysis import schema  # noqa: E402


def main(gold_path: str, *paths: str) -> None:
    gold = load_gold(gold_path)
    articles, _ = load_articles(paths)
    for article, doc in docs_for(articles):
        rows = schema.frame(rows_from_doc(doc, article))
        pos = article_positions(rows)
        got = set(zip(pos["actor"], pos["issue"], pos["stance"]))
        g = gold[gold["article"] == article.id]
        print(f"\n===== {article.id}")
        for r in g.itertuples():
            if (r.actor, r.issue, r.stance) in got:
                continue
            at = article.text.find(r.cue)
            print(f"- MISS {r.actor} {r.issue} {r.stance} | speaker={r.speaker!r} cue={r.cue!r}")
            for st in doc._.statements:
                sent = st.sentence
                if at >= 0 and sent.start_char <= at < sent.end_char:
                    actors = [(a.code or '-', a.speaker.name) for a in st.actors]
                    print(f"    st[{st.kind}/{st.frame}] spk={st.speaker.text if st.speaker is not None else None!r} actors={actors}"
                          f" issues={[m.issue for m in st.issues]} stances={ {k: (v.label, v.cue) for k, v in st.stances.items()} }"
                          f"\n       content={st.content.text[:140]!r}")
            if at >= 0 and not any(st.sentence.start_char <= at < st.sentence.end_char for st in doc._.statements):
                s = doc.char_span(at, at + len(r.cue), alignment_mode="expand")
                print(f"    NO STATEMENT in: {s.sent.text.strip()[:220]!r}" if s is not None else "    (cue not aligned)")
        gk = set(zip(g["actor"], g["issue"], g["stance"]))
        for k in sorted(got - gk):
            print(f"- FALSE {k}")


if __name__ == "__main__":
    main(*sys.argv[1:])
