#!/usr/bin/env python3
"""Trains the polyphone decision list (data/polyphone/rules.tsv) from cpp_eval's --dump.

Usage (from the repository root):

    CARGO_TARGET_DIR=/work/target-helper cargo run --release --example cpp_eval -- \
        ../shared/bench/cpp/dev --dump /tmp/cpp_dev.tsv
    python3 tools/polyphone/train.py /tmp/cpp_dev.tsv --cv 5 -o data/polyphone/rules.tsv

(tools/polyphone/rebuild.sh runs both.) The features in the dump are the ones
src/readings/polyphone.rs computes at run time, from the readings before the rules apply,
so the dump may be taken with any rules.tsv in place.

Model: for every (character, feature) seen in training, the majority reading and the score
log((n + a) / (total - n + a)), n = count of the majority reading, total = count of the
feature (a feature without Han characters, such as a neighbouring comma, needs n >= 3).
In a token of several characters (a dictionary word) only a rule on that very word (w=) may
change the word reading; the prior and the neighbours decide single-character tokens, and are
learned from those alone. At run time the matching rule with the highest score wins; `bias` (the character's
prior) always matches, so rules scoring no higher than a character's bias rule are dropped.
With --cv K it first reports K-fold cross-validated accuracy (fit on K-1 folds, score the
held-out fold; items whose character has no rule keep the dictionary reading, `cur=`), and
with --curve as well, how that accuracy grows with the number of labelled training items.
"""
import argparse
import math
import random
from collections import Counter, defaultdict

ALPHA = 0.05
# Features whose value has no Han character (punctuation, sentence edges) are weak evidence:
# a rule on one needs at least this many agreeing training items.
MIN_WEAK = 3


def is_han(c):
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or "\U00020000" <= c <= "\U0003134f"


def weak(feature):
    if feature == "bias" or feature.startswith("cur="):
        return False
    return not any(is_han(c) for c in feature.split("=", 1)[-1])


def load(path):
    items = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 6:
                continue
            _, ch, gold, _pred, _sent, *features = cols
            features = [x for x in features if x]
            if features:
                items.append((ch, gold, features))
    return items


def in_word(features):
    """The character is part of a token of several characters (a dictionary word)."""
    w = next((f for f in features if f.startswith("w=")), "w=@0")
    return len(w[2 : w.rindex("@")]) > 1


def train(items, alpha=ALPHA, extra=()):
    """Rules from `items`, and from `extra` (another labelled set) all but the priors: each set
    samples its characters' readings in its own proportions, and the priors are the main set's."""
    counts = defaultdict(Counter)
    for ch, gold, features in list(items) + [(c, g, [f for f in fs if f != "bias"]) for c, g, fs in extra]:
        word = in_word(features)
        for f in features:
            # The prior and the neighbours only decide single-character tokens: learn them
            # from those alone.
            if word and not (f.startswith("w=") or f.startswith("cur=")):
                continue
            counts[(ch, f)][gold] += 1
    rules = {}
    for key, c in counts.items():
        label, n = c.most_common(1)[0]
        total = sum(c.values())
        if n < MIN_WEAK and weak(key[1]):
            continue
        rules[key] = (math.log((n + alpha) / (total - n + alpha)), label)
    return rules


def keeps_neutral_tone(ch, features, cur):
    """A neutral tone on a noun suffix 子/头 or the second half of AA (妈妈) stays."""
    if not cur.endswith("5"):
        return False
    w = next((f for f in features if f.startswith("w=")), "w=@0")
    text, offset = w[2 : w.rindex("@")], int(w[w.rindex("@") + 1 :])
    return (ch in "子头" and offset == len(text) - 1) or (len(text) == 2 and text[0] == text[1])


def predict(rules, ch, features):
    """As src/readings/polyphone.rs: in a word of several characters only the rule for that
    word (w=) may change the reading; priors and neighbours decide single characters."""
    cur = next((f[4:] for f in features if f.startswith("cur=")), "?")
    word = in_word(features)
    if word and keeps_neutral_tone(ch, features, cur):
        return cur
    best = None
    for f in features:
        r = rules.get((ch, f))
        if r is None:
            continue
        if word and not (f.startswith("w=") or (f.startswith("cur=") and r[1] == cur)):
            continue
        if best is None or r[0] > best[0]:
            best = r
    return best[1] if best is not None else cur


def load_manual(path):
    """Hand-written rules (data/polyphone/manual.tsv), same format as the output."""
    rules = {}
    if path:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                ch, label, score, *features = line.rstrip("\n").split("\t")
                for feature in features:
                    rules[(ch, feature)] = (float(score), label)
    return rules


def cross_validate(items, k, manual=None, seed=0, extra=()):
    """K-fold accuracy on `items`; `extra` items join every training fold and are never scored."""
    order = list(range(len(items)))
    random.Random(seed).shuffle(order)
    correct = 0
    for fold in range(k):
        held = set(order[fold::k])
        rules = train([items[i] for i in order if i not in held], extra=extra)
        rules.update(manual or {})
        correct += sum(predict(rules, items[i][0], items[i][2]) == items[i][1] for i in held)
    return correct / len(items)


def learning_curve(items, k, manual, seeds=3):
    """Cross-validated accuracy when the rules see only part of each training fold: how
    accuracy grows with labelled data, averaged over `seeds` shuffles. Yields (fraction,
    training items, accuracy)."""
    for fraction in (0.125, 0.25, 0.5, 0.75, 1.0):
        total = 0.0
        for seed in range(seeds):
            order = list(range(len(items)))
            random.Random(seed).shuffle(order)
            correct = 0
            for fold in range(k):
                held = set(order[fold::k])
                kept = [i for i in order if i not in held]
                rules = train([items[i] for i in kept[: int(len(kept) * fraction)]])
                rules.update(manual or {})
                correct += sum(predict(rules, items[i][0], items[i][2]) == items[i][1] for i in held)
            total += correct / len(items)
        yield fraction, int(len(items) * (k - 1) / k * fraction), total / seeds


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dump", help="output of cpp_eval --dump")
    ap.add_argument("--cv", type=int, default=0, help="report K-fold cross-validated accuracy")
    ap.add_argument(
        "--curve", action="store_true", help="with --cv, accuracy against the share of each training fold used"
    )
    ap.add_argument("-o", "--output", help="where to write rules.tsv")
    ap.add_argument("--manual", help="hand-written rules applied on top (scores include them)")
    ap.add_argument("--train", action="append", default=[], help="another dump to train on (never scored)")
    ap.add_argument("--test", action="append", default=[], help="a held-out dump to score, never trained on")
    args = ap.parse_args()
    items = load(args.dump)
    extra = [item for path in args.train for item in load(path)]
    manual = load_manual(args.manual)
    base = sum(next((f[4:] for f in fs if f.startswith("cur=")), "") == g for _, g, fs in items)
    print(f"items: {len(items)}, dictionary readings alone: {100 * base / len(items):.2f}%")
    if args.cv:
        accuracy = cross_validate(items, args.cv, manual, extra=extra)
        print(f"{args.cv}-fold cross-validated accuracy: {100 * accuracy:.2f}% (with {len(extra)} more training items)")
    if args.cv and args.curve:
        print("learning curve (share of each training fold, items, cross-validated accuracy over 3 shuffles):")
        for fraction, n, accuracy in learning_curve(items, args.cv, manual):
            print(f"  {fraction:>6.3f}  {n:>5}  {100 * accuracy:.2f}%")
    rules = train(items, extra=extra)
    scored = {**rules, **manual}
    print(f"training-set accuracy: {100 * sum(predict(scored, c, f) == g for c, g, f in items) / len(items):.2f}%")
    for path in args.test:
        held = load(path)
        right = sum(predict(scored, c, f) == g for c, g, f in held)
        print(f"held-out {path}: {right}/{len(held)} = {100 * right / len(held):.2f}%")
    if not args.output:
        return
    bias = {ch: s for (ch, f), (s, _) in rules.items() if f == "bias"}
    # The word reading of a word of several characters never changes: a rule for the word
    # that agrees with it changes nothing.
    word_reading = {}
    for ch, _, features in items + extra:
        cur = next((f[4:] for f in features if f.startswith("cur=")), None)
        for f in features:
            if f.startswith("w=") and in_word([f]):
                word_reading[(ch, f)] = cur
    groups = defaultdict(list)
    for (ch, f), (s, label) in rules.items():
        # A neighbour rule only ever competes with the bias rule (single-character tokens).
        context = not (f == "bias" or f.startswith("cur=") or f.startswith("w="))
        if context and s <= bias.get(ch, -math.inf):
            continue
        if f.startswith("w=") and word_reading.get((ch, f)) == label:
            continue
        groups[(ch, label, round(s, 3))].append(f)
    with open(args.output, "w", encoding="utf-8") as out:
        out.write(
            "# Polyphone decision list for src/readings/polyphone.rs; generated by\n"
            "# tools/polyphone/train.py from the CPP benchmark's dev split and g2pL's train split\n"
            "# (see README.md).\n"
            "# char<TAB>reading<TAB>score<TAB>feature<TAB>feature...\n"
        )
        for (ch, label, s), features in sorted(groups.items(), key=lambda g: (g[0][0], -g[0][2], g[0][1])):
            out.write(f"{ch}\t{label}\t{s:.3f}\t" + "\t".join(sorted(features)) + "\n")
    print(f"wrote {sum(len(v) for v in groups.values())} rules in {len(groups)} lines to {args.output}")


if __name__ == "__main__":
    main()
