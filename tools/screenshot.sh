#!/usr/bin/env bash
# Regenerates the README's pictures of the seed: docs/reading-page.png (desktop, 1280 px),
# docs/reading-page-phone.png (a phone, 390 px) and docs/study-sheet-phone.png.
# Needs Debian's chromium and fonts-wqy-zenhei (apt-get install -y chromium fonts-wqy-zenhei).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --release --quiet -- build seeds/ --format html,study -o target/screenshot
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
shot() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --hide-scrollbars --window-size="$2" \
    --screenshot="$PWD/docs/$1" "file://$PWD/target/screenshot/$3" 2>/dev/null
  echo "wrote docs/$1"
}
shot reading-page.png 1280,900 000_9cd979bd4177cabe.html
shot reading-page-phone.png 390,844 000_9cd979bd4177cabe.html
shot study-sheet-phone.png 390,844 000_9cd979bd4177cabe.study.html
