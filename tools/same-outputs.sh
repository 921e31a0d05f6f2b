#!/usr/bin/env bash
# Whether two duizhao binaries write the same bytes: the seed and every article in
# ../shared/articles, in every format, plus the MAC dev chapters with their English (the
# aligner, the QA report, the CAT exports) and the feeds of tests/fixtures. For a refactoring
# that must change no output. EPUB files are compared entry by entry (a zip's own timestamps
# aside), OmegaT projects file by file.
#
# Usage: tools/same-outputs.sh BEFORE_BINARY AFTER_BINARY
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
before="$(realpath "$1")"
after="$(realpath "$2")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/inputs/mac"
cp -r "$root/seeds" "$work/inputs/seeds"
cp -r "$root/../shared/articles" "$work/inputs/articles"
cp -r "$root/tests/fixtures/feeds" "$work/inputs/feeds"
for zh in "$root"/../shared/parallel/mac-dev/*.zh; do
  n="$(basename "$zh" .zh)"
  cp "$zh" "$work/inputs/mac/$n.txt"
  cp "${zh%.zh}.en" "$work/inputs/mac/$n.en.txt"
done

formats=html,md,json,epub,study,anki,tmx,xliff,qa,omegat
for side in before after; do
  binary="$before"
  [ "$side" = after ] && binary="$after"
  for set in seeds articles feeds mac; do
    (cd "$work/inputs" && "$binary" build "$set" -o "$work/$side/$set" --format "$formats" >/dev/null 2>&1 || true)
  done
  (cd "$work/inputs" && "$binary" build seeds -o "$work/$side/xliff12" --format xliff --xliff-version 1.2 >/dev/null 2>&1 || true)
  (cd "$work/inputs" && "$binary" build articles -o "$work/$side/book" --book "一本书" >/dev/null 2>&1 || true)
  # An EPUB as its entries, so that the zip's own timestamps do not count.
  find "$work/$side" -name '*.epub' | while read -r book; do
    mkdir -p "$book.entries"
    (cd "$book.entries" && unzip -q "$book")
    rm "$book"
  done
done
if diff -r "$work/before" "$work/after" >"$work/diff.txt"; then
  echo "same: $(find "$work/after" -type f | wc -l) files"
else
  echo "DIFFERENT:"
  head -50 "$work/diff.txt"
  exit 1
fi
