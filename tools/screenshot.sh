#!/usr/bin/env bash
# Regenerates docs/reading-page.png, the README's picture of the seed's reading page.
# Needs Debian's chromium and fonts-wqy-zenhei (apt-get install -y chromium fonts-wqy-zenhei).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --release --quiet -- build seeds/ --format html -o target/screenshot
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars --window-size=1280,900 \
  --screenshot="$PWD/docs/reading-page.png" "file://$PWD/target/screenshot/000_9cd979bd4177cabe.html" 2>/dev/null
echo "wrote docs/reading-page.png"
