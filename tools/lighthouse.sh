#!/usr/bin/env bash
# Lighthouse (mobile, its default simulated throttling) on the seed's reading page and study
# sheet, for BENCHMARKS.md: performance and accessibility scores, LCP, total DOM elements.
# Needs Debian's chromium and Lighthouse 12 (npm install -g lighthouse@12); the pages are
# served over http on 127.0.0.1 (Lighthouse refuses file:// URLs).
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/lighthouse
cargo run --release --quiet -- build seeds/ --format html,study -o "$out"
port=8799
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$out" >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
sleep 1
for page in 000_9cd979bd4177cabe.html 000_9cd979bd4177cabe.study.html; do
  CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium} lighthouse "http://127.0.0.1:$port/$page" \
    --chrome-flags="--headless --no-sandbox" --only-categories=performance,accessibility \
    --output=json --output-path="$out/$page.lighthouse.json" --quiet
  python3 - "$out/$page.lighthouse.json" "$page" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
c, a = report["categories"], report["audits"]
print(f"{sys.argv[2]}: performance {c['performance']['score']:.2f}, accessibility {c['accessibility']['score']:.2f}, "
      f"LCP {a['largest-contentful-paint']['displayValue']}, TBT {a['total-blocking-time']['displayValue']}, "
      f"CLS {a['cumulative-layout-shift']['displayValue']}, {int(a['dom-size']['numericValue'])} DOM elements, "
      f"{report['lighthouseVersion']}")
PY
done
