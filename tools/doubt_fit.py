#!/usr/bin/env python3
"""Fits the weights of the wrong-link score in src/align/doubt.rs (issue #35) and measures it
leave-one-chapter-out. Plain Python, no packages:

    cargo run --release --example doubt_eval -- ../shared/parallel/mac-dev > /tmp/links.tsv
    python3 tools/doubt_fit.py /tmp/links.tsv

Each row of the TSV is one paragraph link of a MAC dev chapter with the features the library
computes and whether the gold calls it wrong. A logistic regression over the features is fitted
on 7 chapters, its threshold set to the lowest score at which the 7 chapters' links above it are
at least TARGET wrong, and the 8th chapter scored with both; then everything is fitted on all 8
(the weights the library uses, printed last). As in the library (`Alignment::warns`), English
with no Chinese partner is flagged whatever its score.
"""
import csv
import math
import sys

import os

TARGET = float(os.environ.get("TARGET", "0.9"))
FEATURES = os.environ.get("FEATURES", "conf,gain,nbconf,orphan,zh0,reshape,en3").split(",")


def load(path):
    rows = list(csv.DictReader(open(path), delimiter="\t"))
    chapters = {}
    for r in rows:
        chapters.setdefault(r["chapter"], []).append(r)
    data = {}
    for name, links in chapters.items():
        out = []
        for k, r in enumerate(links):
            near = [links[j] for j in (k - 1, k + 1) if 0 <= j < len(links)]
            x = {
                "conf": float(r["conf"]),
                "gain": float(r["gain"]),
                "nbconf": min(float(n["conf"]) for n in near),
                "orphan": float(r["zh"] == "0" or r["en"] == "0"),
                "zh0": float(r["zh"] == "0"),
                "reshape": float(int(r["zh"]) + int(r["en"]) > 2),
                "en3": float(int(r["en"]) > 2),
            }
            out.append(([x[f] for f in FEATURES], int(r["wrong"])))
        data[name] = out
    return data


def fit(rows, rounds=3000, rate=0.5, l2=1e-3):
    n = len(FEATURES)
    w = [0.0] * (n + 1)
    for _ in range(rounds):
        grad = [0.0] * (n + 1)
        for x, y in rows:
            z = w[0] + sum(a * b for a, b in zip(w[1:], x))
            p = 1 / (1 + math.exp(-max(min(z, 30), -30)))
            grad[0] += p - y
            for i, v in enumerate(x):
                grad[i + 1] += (p - y) * v
        for i in range(n + 1):
            w[i] -= rate * (grad[i] / len(rows) + (l2 * w[i] if i else 0))
    return w


def score(w, x):
    return w[0] + sum(a * b for a, b in zip(w[1:], x))


def flagged_by(w, t, x):
    return x[FEATURES.index("zh0")] == 1.0 or (t is not None and score(w, x) >= t)


def threshold(w, rows):
    ranked = sorted(rows, key=lambda r: -score(w, r[0]))
    best, wrong = None, 0
    for i, (x, y) in enumerate(ranked):
        wrong += y
        if i >= 4 and wrong / (i + 1) >= TARGET:
            best = score(w, x)
    return best


def main():
    data = load(sys.argv[1])
    flagged = hits = total_wrong = 0
    for name in data:
        train = [r for c, rows in data.items() if c != name for r in rows]
        w = fit(train)
        t = threshold(w, train)
        test = data[name]
        chosen = [y for x, y in test if flagged_by(w, t, x)]
        wrong = sum(y for _, y in test)
        flagged += len(chosen)
        hits += sum(chosen)
        total_wrong += wrong
        print(f"{name}: flagged {len(chosen)}, wrong {sum(chosen)}, wrong links {wrong}")
    print(f"held out: flagged {flagged}, wrong {hits}, precision {hits / max(flagged, 1):.3f}, "
          f"recall {hits / max(total_wrong, 1):.3f}")
    rows = [r for rows in data.values() for r in rows]
    w = fit(rows)
    t = threshold(w, rows)
    chosen = [y for x, y in rows if flagged_by(w, t, x)]
    print(f"all chapters (fitted on them): flagged {len(chosen)}, wrong {sum(chosen)}, "
          f"precision {sum(chosen) / max(len(chosen), 1):.3f}, recall {sum(chosen) / total_wrong:.3f}")
    print("weights (bias, " + ", ".join(FEATURES) + "):", ", ".join(f"{v:.3f}" for v in w), f"threshold {t:.3f}")


if __name__ == "__main__":
    main()
