#!/usr/bin/env python3
"""Step 2: candidate readings for every Han character of the chosen sentences, from three sources.

- pypinyin (its own phrase dictionary, no tone sandhi, neutral tone as 5): the second dictionary;
- CC-CEDICT (../shared/data/cedict): the readings of the longest CC-CEDICT word starting at each
  point (forward maximum matching), every entry of that headword, so a polyphonic single
  character gives several;
- duizhao itself (`duizhao pinyin --per-char --style numbers`), for reference only.

A character is settled when pypinyin and duizhao agree and CC-CEDICT lists that reading (same
letters, tone equal or one of them neutral); everything else goes to review, as do the settled
occurrences of the polyphonic characters in WATCH (checked by eye, grouped by character).

Reads WORK/sentences.jsonl, writes WORK/candidates.jsonl and WORK/review.txt (texts with context:
outside the repository). Run with the venv that has pypinyin (see README in tests/fixtures/running-text).
"""
import gzip
import json
import os
import re
import subprocess
import sys

from pypinyin import Style, lazy_pinyin

WATCH = set("地的得着了为只还都长行重干当应处相少调倒种难好大传便分更背血率切看觉角乐曲省中数假发教冲差"
            "给空要转弹朝藏将奇系结称似载散落露薄模否参恶和强降供占兴担几据胜尽量泊仆卡会折盛累")


def is_han(c):
    o = ord(c)
    return 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FFFF


def norm(syl):
    s = syl.lower().replace("u:", "v").replace("ü", "v")
    if not s or not s[-1].isdigit():
        s += "5"
    return s


def same(a, b):
    """Same reading for scoring: same letters, and the same tone or one of them neutral."""
    if a is None or b is None:
        return False
    return a[:-1] == b[:-1] and (a[-1] == b[-1] or "5" in (a[-1], b[-1]))


def load_cedict():
    words = {}
    path = os.path.join("..", "shared", "data", "cedict", "cedict_1_0_ts_utf-8_mdbg.txt.gz")
    line_re = re.compile(r"^(\S+) (\S+) \[([^\]]*)\]")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            m = line_re.match(line)
            if not m:
                continue
            simp, syls = m.group(2), m.group(3).split()
            if len(syls) != len(simp) or not all(is_han(c) for c in simp):
                continue
            words.setdefault(simp, set()).add(tuple(norm(s) for s in syls))
    return words


def cedict_readings(text, words):
    """Per character: (set of readings, the matched word) or (empty set, char)."""
    out = [None] * len(text)
    i = 0
    while i < len(text):
        if not is_han(text[i]):
            i += 1
            continue
        for n in range(min(8, len(text) - i), 0, -1):
            w = text[i:i + n]
            if w in words:
                for k in range(n):
                    out[i + k] = ({r[k] for r in words[w]}, w)
                i += n
                break
        else:
            out[i] = (set(), text[i])
            i += 1
    return out


def pypinyin_readings(text):
    syls = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda s: ["-"] * len(s))
    if len(syls) != len(text):
        syls = [lazy_pinyin(c, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda s: ["-"])[0]
                for c in text]
    return [norm(s) if is_han(c) else None for c, s in zip(text, syls)]


def main():
    work = sys.argv[1] if len(sys.argv) > 1 else "/tmp/rt"
    sents = [json.loads(l) for l in open(os.path.join(work, "sentences.jsonl"), encoding="utf-8")]
    words = load_cedict()
    tool = subprocess.run(["target/release/duizhao", "pinyin", "--per-char", "--style", "numbers"],
                          input="\n".join(s["text"] for s in sents) + "\n", capture_output=True, text=True,
                          check=True).stdout.splitlines()
    assert len(tool) == len(sents)
    review = []
    with open(os.path.join(work, "candidates.jsonl"), "w", encoding="utf-8") as f:
        for s, line in zip(sents, tool):
            text = s["text"]
            han = [i for i, c in enumerate(text) if is_han(c)]
            d = line.split()
            assert len(d) == len(han), (s["id"], text, line)
            p = pypinyin_readings(text)
            c = cedict_readings(text, words)
            chars = []
            for k, i in enumerate(han):
                cset, word = c[i]
                settled = same(p[i], d[k]) and any(same(p[i], r) for r in cset)
                item = {"k": k, "char": text[i], "word": word, "pypinyin": p[i], "cedict": sorted(cset),
                        "duizhao": d[k], "settled": settled}
                chars.append(item)
                if not settled or text[i] in WATCH:
                    ctx = text[max(0, i - 8):i] + "[" + text[i] + "]" + text[i + 1:i + 9]
                    review.append((text[i], settled, s["id"], k, p[i], d[k], "/".join(sorted(cset)), word, ctx))
            f.write(json.dumps({"id": s["id"], "chars": chars}, ensure_ascii=False) + "\n")
    review.sort(key=lambda r: (r[1], r[0], r[4], r[2], r[3]))
    with open(os.path.join(work, "review.txt"), "w", encoding="utf-8") as f:
        for r in review:
            f.write("%s\t%s\t%s:%d\tpy=%s\tdz=%s\tcc=%s\t%s\t%s\n" % (r[0], "ok" if r[1] else "REVIEW", *r[2:]))
    print("review: %d unsettled, %d settled watched" % (sum(not r[1] for r in review), sum(r[1] for r in review)),
          file=sys.stderr)


if __name__ == "__main__":
    main()
