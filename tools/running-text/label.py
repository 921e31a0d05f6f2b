#!/usr/bin/env python3
"""Step 3: the gold labels and the fixture.

For every Han character of WORK/candidates.jsonl the gold reading is:
- the reading decided by hand in tools/running-text/overrides.tsv, when it is listed there;
- otherwise, for a settled character (pypinyin, duizhao and CC-CEDICT agree), pypinyin's reading,
  with 一 and 不 in their citation tones (yi1, bu4) whenever pypinyin and duizhao read them yi and bu
  (pypinyin writes some tone-sandhi forms, yí gè, bú shì; sandhi is not scored);
- an unsettled character not listed in overrides.tsv is an error: every disagreement is decided.

The Traditional form of each sentence comes from OpenCC's s2tw configuration (Simplified to Taiwan
standard characters, character for character, no phrase or vocabulary changes, so the readings stay
the same), with the few wrong choices in OPENCC_FIXES put right; only the substitutions are stored. A sentence whose conversion changes its length would
be marked `-` (left out of the Traditional comparison); with s2tw none does.

Writes tests/fixtures/running-text/sentences.tsv (no sentence text: locator, FNV-1a 64 hash, gold
readings, substitutions) and prints how many labels differ from each source.
"""
import collections
import json
import os
import sys

import opencc

sys.path.insert(0, os.path.dirname(__file__))
from candidates import is_han, same  # noqa: E402

HEADER = """# Running-text pinyin check (tests/running_text.rs); how it was made: README.md beside this file.
# id, article (relative to ../shared), paragraph id and character offset and length of the sentence in
# that paragraph's `zh` as `duizhao build --format json` gives it, FNV-1a 64 of the sentence's UTF-8,
# gold readings (one numbered syllable per Han character, v for u-umlaut, 5 for the neutral tone),
# Traditional (OpenCC s2tw) substitutions as INDEX:CHAR (character index in the sentence), `=` for none.
id\tarticle\tparagraph\toffset\tlength\tfnv1a64\tgold\ttraditional
"""


# OpenCC's s2tw picks the wrong Traditional character in these places (checked by hand over every
# Simplified character with more than one Traditional form): (sentence, character index) -> the right one.
OPENCC_FIXES = {
    ("s007", 38): "干",  # 干预 'interfere' is 干預 (OpenCC 幹, read gàn)
    ("s212", 10): "發",  # 发卡 here 'pay to the card' (OpenCC 髮 'hair')
    ("s215", 15): "只",  # 只因 'only because' (OpenCC 隻, the classifier zhī)
    ("s232", 26): "麵",  # 吃了面 'ate noodles' (OpenCC 面 'face')
    ("s272", 19): "只",  # 只能 'can only' (OpenCC 隻)
    ("s275", 18): "發",  # 发状态 'post a status' (OpenCC 髮 'hair')
}


def main():
    work = sys.argv[1] if len(sys.argv) > 1 else "/tmp/rt"
    here = os.path.dirname(os.path.abspath(__file__))
    sents = [json.loads(l) for l in open(os.path.join(work, "sentences.jsonl"), encoding="utf-8")]
    cands = {json.loads(l)["id"]: json.loads(l)["chars"] for l in open(os.path.join(work, "candidates.jsonl"),
                                                                        encoding="utf-8")}
    overrides = {}
    for line in open(os.path.join(here, "overrides.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        sid, k, char, gold, _note = line.rstrip("\n").split("\t")
        overrides[(sid, int(k))] = (char, gold)
    used = set()
    differs = collections.Counter()
    sandhi = 0
    converter = opencc.OpenCC("s2tw")
    rows = []
    for s in sents:
        gold = []
        for c in cands[s["id"]]:
            key = (s["id"], c["k"])
            if key in overrides:
                char, g = overrides[key]
                assert char == c["char"], (key, char, c["char"])
                used.add(key)
            elif c["char"] == "一" and {c["pypinyin"][:-1], c["duizhao"][:-1]} == {"yi"}:
                g = "yi1"
            elif c["char"] == "不" and {c["pypinyin"][:-1], c["duizhao"][:-1]} == {"bu"}:
                g = "bu4"
            elif not c["settled"]:
                sys.exit(f"{key} {c}: unsettled and not in overrides.tsv")
            else:
                g = c["pypinyin"]
            if g != c["pypinyin"] and c["char"] in "一不" and key not in overrides:
                sandhi += 1
            elif not same(g, c["pypinyin"]):
                differs["pypinyin"] += 1
            if not same(g, c["duizhao"]):
                differs["duizhao"] += 1
            if c["cedict"] and not any(same(g, r) for r in c["cedict"]):
                differs["cedict"] += 1
            if key in overrides:
                differs["decided by hand"] += 1
            gold.append(g)
        text = s["text"]
        trad = list(converter.convert(text))
        for (sid, i), c in OPENCC_FIXES.items():
            if sid == s["id"]:
                trad[i] = c
        trad = "".join(trad)
        if len(trad) != len(text):
            subs = "-"
        else:
            subs = " ".join(f"{i}:{t}" for i, (a, t) in enumerate(zip(text, trad)) if a != t) or "="
        assert len(gold) == sum(map(is_han, text))
        rows.append("\t".join([s["id"], s["article"], s["paragraph"], str(s["offset"]), str(s["length"]),
                               s["fnv1a64"], " ".join(gold), subs]))
    unused = set(overrides) - used
    assert not unused, unused
    out = os.path.join(here, "..", "..", "tests", "fixtures", "running-text", "sentences.tsv")
    with open(out, "w", encoding="utf-8") as f:
        f.write(HEADER + "\n".join(rows) + "\n")
    chars = sum(len(c) for c in cands.values())
    print(f"{len(rows)} sentences, {chars} Han characters; gold differs from: " +
          ", ".join(f"{k} {v}" for k, v in differs.items()) +
          f"; pypinyin's 一/不 sandhi forms put back to citation tones: {sandhi}; "
          f"Traditional left out: {sum(r.endswith(chr(9) + '-') for r in rows)}", file=sys.stderr)


if __name__ == "__main__":
    main()
