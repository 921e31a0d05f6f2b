#!/usr/bin/env python3
"""Check data/learner/function_words.tsv against its format (see data/learner/README.md).

Usage (from the repository root):

    python3 tools/learner/check.py [FILE] [--cedict CEDICT.txt.gz] [--jieba DICT.txt.gz]

Errors (malformed lines, each named FILE:LINE) make the exit status 1. After them it prints
counts, then two lists that are notes, not errors:

- word+reading pairs that CC-CEDICT lacks (a neutral tone is accepted for any tone of a
  CC-CEDICT reading, and the other way round, syllable by syllable);
- words that neither jieba's dictionary nor CC-CEDICT holds, which the segmenter will rarely
  cut as a single token.

No dependencies beyond the Python 3 standard library.
"""

import gzip
import os
import re
import sys
from collections import OrderedDict

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEFAULT_FILE = os.path.join(ROOT, "data", "learner", "function_words.tsv")
DEFAULT_CEDICT = os.path.join(ROOT, "data", "cedict", "cedict_1_0_ts_utf-8_mdbg.txt.gz")
DEFAULT_JIEBA = os.path.join(ROOT, "data", "jieba", "dict.txt.gz")

MIN_WORDS = 300
MAX_GLOSS = 60

# The 64 part-of-speech tags of jieba's tagger (data/jieba/posseg.txt.gz, @TAGS), and `eng`,
# which duizhao gives a Latin word (src/dict/learner.rs).
JIEBA_TAGS = (
    "a ad ag an b bg c d df dg e en f g h i in j jn k l ln m mg mq n ng nr nrfg nrt ns nt nz "
    "o p q qe qg r rg rr rz s t tg u ud ug uj ul uv uz v vd vg vi vn vq w x y yg z zg eng"
).split()

HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]{1,4}$")
HAN_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

INITIALS = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
FINALS = (
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|in|un|vn|"
    r"ia|ie|iu|ua|uo|ui|ue|ve|er|a|o|e|i|u|v)"
)
SYLLABLE = re.compile(r"^(?:" + INITIALS + FINALS + r"|r|ng|m|n)[1-5]$")

WORD_LIST = r"[^\s|=]+(?:\|[^\s|=]+)*"
CONDITION = re.compile(
    r"^!?(?:(?:next|prev):(?P<tag>[a-z]+)|(?:next|prev)=(?P<words>" + WORD_LIST + r")|end|start)$"
)


def open_text(path):
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def check_context(context):
    """Return a list of problems with a context field (empty when it is well formed)."""
    if context == "*":
        return []
    problems = []
    if context != context.strip() or "  " in context:
        problems.append("context: conditions must be separated by single spaces")
    seen = set()
    for cond in context.split():
        if cond == "*" or cond == "!*":
            problems.append("context: '*' must stand alone")
            continue
        m = CONDITION.match(cond)
        if not m:
            problems.append("context: malformed condition %r" % cond)
            continue
        tag = m.group("tag")
        if tag is not None and not any(t.startswith(tag) for t in JIEBA_TAGS):
            problems.append("context: %r is no prefix of a jieba tag" % tag)
        words = m.group("words")
        if words is not None:
            for w in words.split("|"):
                if not HAN_CHAR.search(w):
                    problems.append("context: %r in %r is not a Chinese word" % (w, cond))
        if cond in seen:
            problems.append("context: condition %r repeated" % cond)
        seen.add(cond)
    return problems


def check_gloss(gloss):
    problems = []
    if not gloss:
        problems.append("gloss: empty")
    if len(gloss) > MAX_GLOSS:
        problems.append("gloss: %d characters, at most %d" % (len(gloss), MAX_GLOSS))
    if "[" in gloss or "]" in gloss:
        problems.append("gloss: contains '[' or ']'")
    if gloss != gloss.strip():
        problems.append("gloss: leading or trailing space")
    if "CL:" in gloss:
        problems.append("gloss: dictionary markup 'CL:'")
    # Chinese is allowed only inside parentheses, as a short example.
    depth = 0
    for ch in gloss:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                break
        elif HAN_CHAR.match(ch) and depth == 0:
            problems.append("gloss: Chinese outside parentheses")
            break
    if depth != 0:
        problems.append("gloss: unbalanced parentheses")
    return problems


def check_file(path):
    errors = []
    groups = OrderedDict()  # (word, reading) -> list of (lineno, context)
    closed = {}  # (word, reading) -> line of its '*'
    last_key = None
    lines = 0
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return ["%s: not UTF-8 (%s)" % (path, e)], groups, 0
    if text.startswith("\ufeff"):
        errors.append("%s:1: byte-order mark" % path)
    for lineno, line in enumerate(text.split("\n"), 1):
        if line.endswith("\r"):
            errors.append("%s:%d: CR line ending" % (path, lineno))
            line = line[:-1]
        if not line.strip() or line.startswith("#"):
            continue
        where = "%s:%d" % (path, lineno)
        fields = line.split("\t")
        if len(fields) != 4:
            errors.append("%s: %d tab-separated fields, expected 4" % (where, len(fields)))
            continue
        word, reading, context, gloss = fields
        problems = []
        if not HAN.match(word):
            problems.append("word %r: must be 1-4 Han characters" % word)
        sylls = reading.split(" ")
        if reading != reading.lower():
            problems.append("reading %r: must be lower case" % reading)
        if any(not SYLLABLE.match(s) for s in sylls):
            problems.append("reading %r: not numbered pinyin (ü as v, tone 1-5)" % reading)
        if len(sylls) != len(word):
            problems.append(
                "reading %r: %d syllables for %d characters" % (reading, len(sylls), len(word))
            )
        problems += check_context(context)
        problems += check_gloss(gloss)
        key = (word, reading)
        if key in closed:
            problems.append(
                "%s %s: unreachable, its '*' line is line %d" % (word, reading, closed[key])
            )
        elif key in groups and last_key != key:
            problems.append("%s %s: its lines are not together" % (word, reading))
        if key in groups and any(c == context for _, c in groups[key]):
            problems.append("%s %s: context %r repeated" % (word, reading, context))
        for p in problems:
            errors.append("%s: %s" % (where, p))
        groups.setdefault(key, []).append((lineno, context))
        if context == "*" and key not in closed:
            closed[key] = lineno
        last_key = key
        lines += 1
    for (word, reading), entries in groups.items():
        if entries[-1][1] != "*":
            errors.append(
                "%s:%d: %s %s: group does not end with a '*' line"
                % (path, entries[-1][0], word, reading)
            )
    return errors, groups, lines


def load_cedict(path):
    readings = {}
    with open_text(path) as f:
        for line in f:
            if line.startswith("#"):
                continue
            m = re.match(r"^\S+ (\S+) \[([^\]]*)\]", line)
            if not m:
                continue
            simp, pinyin = m.groups()
            pinyin = pinyin.lower().replace("u:", "v")
            readings.setdefault(simp, set()).add(pinyin)
    return readings


def load_jieba(path):
    words = set()
    with open_text(path) as f:
        for line in f:
            parts = line.split()
            if parts:
                words.add(parts[0])
    return words


def matches_cedict(reading, known):
    mine = reading.split()
    for cand in known:
        theirs = cand.split()
        if len(theirs) != len(mine):
            continue
        ok = True
        for a, b in zip(mine, theirs):
            if a == b:
                continue
            if a[:-1] == b[:-1] and (a[-1] == "5" or b[-1] == "5"):
                continue
            ok = False
            break
        if ok:
            return True
    return False


def main(argv):
    path, cedict, jieba = DEFAULT_FILE, DEFAULT_CEDICT, DEFAULT_JIEBA
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--cedict":
            cedict = args.pop(0)
        elif a == "--jieba":
            jieba = args.pop(0)
        else:
            path = a
    errors, groups, lines = check_file(path)
    words = OrderedDict()
    for word, reading in groups:
        words.setdefault(word, []).append(reading)
    if len(words) < MIN_WORDS:
        errors.append("%s: %d distinct words, at least %d needed" % (path, len(words), MIN_WORDS))
    for e in errors:
        print("error: " + e)

    by_len = {}
    for w in words:
        by_len[len(w)] = by_len.get(len(w), 0) + 1
    multi = sum(1 for w, rs in words.items() if len(rs) > 1)
    contextual = sum(1 for entries in groups.values() if len(entries) > 1)
    print("senses (lines): %d" % lines)
    print("distinct words: %d (%s)" % (
        len(words), ", ".join("%d of %d char" % (n, k) for k, n in sorted(by_len.items()))))
    print("word+reading groups: %d; words with several readings: %d; groups with contexts: %d"
          % (len(groups), multi, contextual))

    if os.path.exists(cedict):
        ced = load_cedict(cedict)
        missing = [(w, r) for (w, r) in groups if not matches_cedict(r, ced.get(w, ()))]
        print("word+reading pairs CC-CEDICT lacks: %d" % len(missing))
        for w, r in missing:
            have = " / ".join(sorted(ced.get(w, ()))) or "no entry"
            print("  %s %s (CC-CEDICT: %s)" % (w, r, have))
        variants = [(w, r) for (w, r) in groups
                    if (w, r) not in missing and r not in ced.get(w, ())]
        print("word+reading pairs CC-CEDICT has only with another tone for a neutral one: %d"
              % len(variants))
        for w, r in variants:
            print("  %s %s (CC-CEDICT: %s)" % (w, r, " / ".join(sorted(ced.get(w, ())))))
    else:
        ced = {}
        print("CC-CEDICT not found at %s; readings not cross-checked" % cedict)
    if os.path.exists(jieba):
        jw = load_jieba(jieba)
        rare = [w for w in words if w not in jw and w not in ced]
        print("words in neither jieba's dictionary nor CC-CEDICT: %d" % len(rare))
        for w in rare:
            print("  " + w)
    if errors:
        print("FAILED: %d error(s)" % len(errors))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
