#!/usr/bin/env python3
"""Step 1: choose the running-text sentences (no labels yet).

Builds each chosen article of ../shared/articles with duizhao (`build --format json`), takes the
sentences of every paragraph as duizhao splits them, keeps the ones that are running text (8 to 70
Han characters, at least half of the visible characters Han, no URL), and takes every k-th of them
(k = eligible / quota, starting in the middle of the first stride), so nothing is chosen for how the
tool reads it.

Writes WORK/sentences.jsonl (WORK defaults to /tmp/rt): one JSON object per sentence with the
article path relative to ../shared, the paragraph id, the character offset and length of the
sentence in the paragraph's `zh`, its FNV-1a 64 hash and its text. The text stays outside the
repository (third-party copyright); only the locator and hash go into the fixture.

Usage: python3 tools/running-text/select_sentences.py [WORK]   (from the project folder,
after `cargo build --release`)
"""
import json
import os
import subprocess
import sys
import tempfile

# Article (relative to ../shared) -> how many sentences to take. Only the Simplified articles:
# the Traditional comparison converts these same sentences. Quotas roughly follow length.
QUOTAS = {
    "articles/cdt/cdt2020_399983.md": 95,
    "articles/opinion/oped2_2020-01-12_neist_caixin_economy70.md": 75,
    "articles/cdt/cdt2020_401160.md": 55,
    "articles/cdt/cdt2020_400621.md": 40,
    "articles/cdt/cdt2020_400471.md": 40,
    "articles/cdt/cdt2020_399814.md": 35,
    "articles/pages/gne_thepaper_1.html": 35,
    "articles/cdt/cdt2020_400883.md": 25,
    "articles/opinion/oped2_2014-07-11_paopao_shadowsocks.md": 20,
    "articles/pages/gne_wechat_1.html": 12,
    "articles/pages/gne_people_1.html": 12,
    "articles/encodings/gb18030_news_snippet_no_charset.html.xml": 5,
}


def is_han(c):
    o = ord(c)
    return 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FFFF


def fnv1a64(text):
    h = 0xCBF29CE484222325
    for b in text.encode("utf-8"):
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h


def slug_of(rel):
    return rel.rsplit("/", 1)[-1].split(".")[0]


def eligible(s):
    han = sum(1 for c in s if is_han(c))
    visible = sum(1 for c in s if not c.isspace())
    return 8 <= han <= 70 and han >= 0.5 * visible and "http" not in s and "www" not in s


def main():
    work = sys.argv[1] if len(sys.argv) > 1 else "/tmp/rt"
    os.makedirs(work, exist_ok=True)
    shared = os.path.join("..", "shared")
    out = tempfile.mkdtemp()
    paths = [os.path.join(shared, rel) for rel in QUOTAS]
    subprocess.run(["target/release/duizhao", "build", *paths, "--format", "json", "-o", out], check=True,
                   stderr=subprocess.DEVNULL)
    seen = set()
    chosen = []
    for rel, quota in QUOTAS.items():
        doc = json.load(open(os.path.join(out, slug_of(rel) + ".json"), encoding="utf-8"))
        cands = []
        for p in doc["paragraphs"]:
            zh = p["zh"]
            at = 0
            for s in p["sentences"]:
                text = s["zh"]
                i = zh.find(text, at)
                if i < 0:
                    continue
                at = i + len(text)
                text_stripped = text.strip()
                off = i + (len(text) - len(text.lstrip()))
                if eligible(text_stripped) and text_stripped not in seen:
                    seen.add(text_stripped)
                    cands.append((p["id"], off, text_stripped))
        k = max(1.0, len(cands) / quota)
        picks = [cands[int(k / 2 + j * k)] for j in range(min(quota, int(len(cands) / k)))]
        print(f"{rel}: {len(cands)} eligible, stride {k:.2f}, {len(picks)} taken", file=sys.stderr)
        for pid, off, text in picks:
            chosen.append({"article": rel, "paragraph": pid, "offset": off, "length": len(text),
                           "fnv1a64": fnv1a64(text), "text": text})
    with open(os.path.join(work, "sentences.jsonl"), "w", encoding="utf-8") as f:
        for n, s in enumerate(chosen, 1):
            s["id"] = "s%03d" % n
            f.write(json.dumps(s, ensure_ascii=False) + "\n")
    print(f"{len(chosen)} sentences, {sum(sum(map(is_han, s['text'])) for s in chosen)} Han characters",
          file=sys.stderr)


if __name__ == "__main__":
    main()
