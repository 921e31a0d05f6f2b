#!/bin/sh
# Rebuilds data/polyphone/rules.tsv from the CPP dev split and g2pL's train split, and scores
# g2pL's dev split, never trained on. Run from the repository root; SHARED defaults to ../shared.
set -eu
SHARED=${SHARED:-../shared}
CPP=$(mktemp) G2PL_TRAIN=$(mktemp) G2PL_DEV=$(mktemp)
trap 'rm -f "$CPP" "$G2PL_TRAIN" "$G2PL_DEV"' EXIT
cargo run --release --example cpp_eval -- "$SHARED/bench/cpp/dev" --dump "$CPP"
cargo run --release --example cpp_eval -- "$SHARED/bench/g2pl/train" --dump "$G2PL_TRAIN"
cargo run --release --example cpp_eval -- "$SHARED/bench/g2pl/dev" --dump "$G2PL_DEV"
python3 tools/polyphone/train.py "$CPP" --train "$G2PL_TRAIN" --test "$G2PL_DEV" --cv 5 \
    --manual data/polyphone/manual.tsv -o data/polyphone/rules.tsv
