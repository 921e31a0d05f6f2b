#!/usr/bin/env bash
# Round trips with no edits on the MAC dev chapters (../shared/parallel/mac-dev), as a
# translator would make them: each chapter built with its English beside it, exported as
# XLIFF 2.0, XLIFF 1.2, TMX, an OmegaT project (translated by OmegaT's console mode) and a PO
# file (translate-toolkit's xliff2po, then po2xliff), each brought back with --en.
#
# Per route, "same" when the JSON is byte for byte the JSON built without the file; then,
# brought back alone (the article with no English beside it): the English words kept against
# the words of the edition, English-only paragraphs kept, sentences marked reviewed.
#
# Needs: a built duizhao (cargo build), OmegaT (Debian omegat), translate-toolkit in
# /opt/duizhao-venv (or DUIZHAO_PYTHON's folder). Usage: tools/round-trip.sh [CHAPTER...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
duizhao="$root/target/debug/duizhao"
mac="$root/../shared/parallel/mac-dev"
bin="$(dirname "${DUIZHAO_PYTHON:-/opt/duizhao-venv/bin/python}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Words, English-only paragraphs and reviewed sentences of a JSON edition against another.
compare() {
  python3 - "$1" "$2" <<'EOF'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
words = lambda d: sum(len(p["en"].split()) for p in d["paragraphs"] if p.get("en"))
only = lambda d: sum(1 for p in d["paragraphs"] if not p["zh"])
reviewed = sum(1 for p in a["paragraphs"] for s in p["sentences"] if s.get("reviewed"))
print(f"{words(a)}/{words(b)} words, {only(a)}/{only(b)} English-only, {reviewed} reviewed")
EOF
}

chapters=("$@")
[ ${#chapters[@]} -gt 0 ] || chapters=(001 002 003 004 005 006 007 008)
for n in "${chapters[@]}"; do
  dir="$work/$n"
  mkdir -p "$dir/alone"
  cd "$dir"
  cp "$mac/$n.zh" "$n.txt"
  cp "$mac/$n.en" "$n.en.txt"
  cp "$n.txt" alone/
  "$duizhao" build "$n.txt" -o base --format json,xliff,tmx,omegat 2>/dev/null
  "$duizhao" build "$n.txt" -o v12 --format xliff --xliff-version 1.2 2>/dev/null
  omegat "base/$n.omegat" --mode=console-translate --disable-project-locking --config-dir="$work/omegat" >/dev/null 2>&1
  "$bin/xliff2po" "v12/$n.xlf" "$n.po" >/dev/null 2>&1
  "$bin/po2xliff" "$n.po" "po.xlf" >/dev/null 2>&1
  for route in "XLIFF 2.0:base/$n.xlf" "XLIFF 1.2:v12/$n.xlf" "TMX:base/$n.tmx" "OmegaT:base/$n.omegat" "PO:po.xlf"; do
    name="${route%%:*}"
    file="${route#*:}"
    rm -rf back alone/back
    "$duizhao" build "$n.txt" --en "$file" -o back --format json 2>/dev/null || true
    same=$(cmp -s back/$n.json base/$n.json && echo same || echo DIFFERENT)
    (cd alone && "$duizhao" build "$n.txt" --en "../$file" -o back --format json 2>/dev/null || true)
    echo "$n $name: $same; alone $(compare alone/back/$n.json base/$n.json)"
  done
done
