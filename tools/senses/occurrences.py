#!/usr/bin/env python3
"""Lists where chosen words occur as single tokens in the shared articles, to pick sense-check cases.

Usage (from the project folder, after `cargo build --release`):

    ./target/release/duizhao build ../shared/articles --format json -o /tmp/senses
    python3 tools/senses/occurrences.py /tmp/senses WORD...

For every WORD, prints each occurrence as a locator (article relative to ../shared, paragraph id,
character offset of the token in the paragraph's `zh`), the first sense of today's gloss and a few
characters of context either side. The context goes to the terminal only: the articles are
third-party text and stay out of the repository (cases.tsv stores locators, not sentences).
"""
import glob
import json
import os
import sys

SHARED = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared")


def articles():
    """Maps each JSON slug to the article's path relative to ../shared."""
    out = {}
    for path in sorted(glob.glob(os.path.join(SHARED, "articles", "*", "*"))):
        rel = os.path.relpath(path, SHARED)
        out[os.path.basename(path).split(".")[0]] = rel
    return out


def occurrences(built, words):
    """Yields (word, article, paragraph id, offset, first sense, context) for every occurrence."""
    for slug, rel in articles().items():
        path = os.path.join(built, slug + ".json")
        if not os.path.exists(path):
            continue
        doc = json.load(open(path, encoding="utf-8"))
        for p in doc["paragraphs"]:
            offset = 0
            for t in p.get("tokens") or []:
                if t["text"] in words:
                    first = (t.get("gloss") or "").split("; ")[0]
                    ctx = p["zh"][max(0, offset - 12):offset] + "[" + t["text"] + "]" + \
                        p["zh"][offset + len(t["text"]):offset + len(t["text"]) + 12]
                    yield t["text"], rel, p["id"], offset, first, ctx
                offset += len(t["text"])


def main():
    built, words = sys.argv[1], set(sys.argv[2:])
    for occ in occurrences(built, words):
        print("\t".join(str(x) for x in occ))


if __name__ == "__main__":
    main()
