#!/bin/sh
# Rebuilds data/polyphone/rules.tsv from the CPP dev split. Run from the repository root;
# BENCH defaults to ../shared/bench/cpp/dev (the path prefix of dev.sent / dev.lb).
set -eu
BENCH=${BENCH:-../shared/bench/cpp/dev}
DUMP=$(mktemp)
trap 'rm -f "$DUMP"' EXIT
cargo run --release --example cpp_eval -- "$BENCH" --dump "$DUMP"
python3 tools/polyphone/train.py "$DUMP" --cv 5 --manual data/polyphone/manual.tsv -o data/polyphone/rules.tsv
