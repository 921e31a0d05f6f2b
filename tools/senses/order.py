"""Which CC-CEDICT sense of a word comes first in a learner's gloss, learned from parallel text.

For every CC-CEDICT word of two or more Han characters with two or more senses under one reading,
counts the sentence pairs of ../shared/parallel (Tatoeba's 29,156 pairs and the MAC dev
chapters' gold-aligned sentences) whose Chinese holds the word (cut into CC-CEDICT's longest
words, left to right) and whose English contains a
content word of each sense (lower case, crude lemmas: plurals, -ed, -ing). A sense other than the
dictionary's first one moves to the front when it is attested at least MIN_PAIRS times and more
than twice as often as the first sense, in at least 30% of the pairs holding the word, and the
first sense in at most 10%, and it is no sense of one field or register ("(computing) app"). Evidence a sense may owe to a numeral among the word's characters
(a content word of the numeral's senses) is not used. Writes data/learner/sense_order.tsv:
`simplified<TAB>reading<TAB>sense` (the sense as CC-CEDICT writes it).

Usage: python3 tools/senses/order.py [SHARED] > data/learner/sense_order.tsv
"""

import gzip
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

MIN_PAIRS = 3

NUMERALS = set("〇零一二三四五六七八九十百千万亿两半")

STOP = set(
    "a an the of to in on at by for with from as or and be is are was were sb sth one's oneself someone something "
    "etc esp e.g. i.e. cl used also see variant form sb's sth's it its into "
    "make do get take give have go come put set".split()
)


def lemma(word):
    word = word.lower().strip("'\".,;:!?()[]")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + repl
    return word


def content_words(sense):
    sense = re.sub(r"\([^)]*\)", " ", sense)
    sense = re.sub(r"\S*\[[^\]]*\]", " ", sense)
    words = {lemma(w) for w in re.findall(r"[A-Za-z][A-Za-z'-]*", sense)}
    return {w for w in words if w not in STOP and len(w) > 1}


def pairs(shared):
    with open(shared / "parallel/tatoeba/cmn-eng.tsv", encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 2:
                yield fields[1], fields[0]
    mac = shared / "parallel/mac-dev"
    for links in sorted(mac.glob("*.links.xml")):
        stem = links.name.split(".")[0]
        zh = (mac / f"{stem}.zh").read_text(encoding="utf-8").splitlines()
        en = (mac / f"{stem}.en").read_text(encoding="utf-8").splitlines()
        for link in ET.parse(links).getroot().iter("link"):
            english, chinese = link.get("xtargets").split(";")
            ids = lambda side: [int(i.split(":")[-1]) - 1 for i in side.split()]
            z = "".join(zh[i] for i in ids(chinese) if i < len(zh))
            e = " ".join(en[i] for i in ids(english) if i < len(en))
            if z and e:
                yield z, e


def main():
    shared = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[3] / "shared")
    entries = []
    # The content words of each single character's senses.
    characters = defaultdict(set)
    with gzip.open(shared / "data/cedict/cedict_1_0_ts_utf-8_mdbg.txt.gz", "rt", encoding="utf-8") as f:
        for line in f:
            m = re.match(r"(\S+) (\S+) \[([^\]]+)\] /(.*)/$", line.rstrip("\n"))
            if not m:
                continue
            trad, simp, reading, senses = m.groups()
            senses = [s for s in senses.split("/") if s and not s.startswith("CL:")]
            if len(simp) == 1:
                for sense in senses:
                    characters[simp] |= content_words(sense)
            if len(simp) >= 2 and len(senses) >= 2:
                entries.append((trad, simp, reading, senses))
    by_word = defaultdict(list)
    for entry in entries:
        by_word[entry[1]].append(entry)
        if entry[0] != entry[1]:
            by_word[entry[0]].append(entry)
    data = list(pairs(shared))

    # Every CC-CEDICT headword, to cut sentences into their longest words.
    words = set()
    with gzip.open(shared / "data/cedict/cedict_1_0_ts_utf-8_mdbg.txt.gz", "rt", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                trad, simp = line.split(" ", 2)[:2]
                words.update((trad, simp))
    # Which words each Chinese sentence holds: every substring of 2-4 characters in the table.
    counts = defaultdict(lambda: defaultdict(int))
    for zh, en in data:
        english = {lemma(w) for w in re.findall(r"[A-Za-z][A-Za-z'-]*", en)}
        found = set()
        # Longest words first, left to right: 十分 in 十分钟 is not the word 十分.
        i = 0
        while i < len(zh):
            for n in (6, 5, 4, 3, 2, 1):
                piece = zh[i : i + n]
                if len(piece) == n and (n == 1 or piece in words):
                    for entry in by_word.get(piece, ()):
                        found.add((entry[1], entry[2]))
                    i += n
                    break
        for key in found:
            counts[key]["_pairs"] += 1
        for simp, reading in found:
            for entry in by_word[simp]:
                if entry[2] != reading:
                    continue
                for k, sense in enumerate(entry[3]):
                    if content_words(sense) & english:
                        counts[(simp, reading)][k] += 1
    print("# Written by tools/senses/order.py from ../shared/parallel (Tatoeba, CC BY 2.0 FR; MAC dev); see README.md.")
    print("# simplified\treading\tthe CC-CEDICT sense shown first")
    for (simp, reading), count in sorted(counts.items()):
        senses = next(e[3] for e in by_word[simp] if e[2] == reading)
        best = max(range(len(senses)), key=lambda k: (count.get(k, 0), -k))
        if best == 0 or count.get(best, 0) < MIN_PAIRS or count[best] <= 2 * count.get(0, 0):
            continue
        # Most of the word's pairs say so, few say the first sense.
        if count[best] < 0.3 * count["_pairs"] or count.get(0, 0) > 0.1 * count["_pairs"]:
            continue
        if not content_words(senses[best]):
            continue
        # A sense of one field or register ("(computing) app", "(coll.) week") is no default.
        if senses[best].startswith("("):
            continue
        # Evidence that may come from a numeral in the word (十分钟 "ten minutes" for 十分 "to
        # divide into ten") does not count.
        if any(content_words(senses[best]) & characters.get(c, set()) for c in simp if c in NUMERALS):
            continue
        print(f"{simp}\t{reading}\t{senses[best]}")


if __name__ == "__main__":
    main()
