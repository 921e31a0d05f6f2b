#!/usr/bin/env bash
# Lighthouse (mobile, its default simulated throttling) on the seed's reading page and study
# sheet, and on a long article's (../shared/articles/cdt/cdt2020_399983.md, 183 paragraphs)
# when ../shared is beside the project, for BENCHMARKS.md: performance and accessibility
# scores, LCP, TBT, CLS, total DOM elements. Each page is served twice on 127.0.0.1 (Lighthouse
# refuses file:// URLs): as it is, and gzip-compressed as web hosts serve HTML.
# Needs Debian's chromium and Lighthouse 12 (npm install -g lighthouse@12).
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/lighthouse
pages=(000_9cd979bd4177cabe.html 000_9cd979bd4177cabe.study.html)
inputs=(seeds/)
long=../shared/articles/cdt/cdt2020_399983.md
if [ -f "$long" ]; then
  inputs+=("$long")
  pages+=(cdt2020_399983.html cdt2020_399983.study.html)
fi
cargo run --release --quiet -- build "${inputs[@]}" --format html,study -o "$out"

# A static server that compresses, as web hosts do.
cat > "$out/serve_gzip.py" <<'PY'
import gzip, http.server, os, sys
root = sys.argv[2]
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        path = os.path.join(root, os.path.basename(self.path.split("?")[0]))
        if not os.path.isfile(path):
            self.send_response(404)
            self.end_headers()
            return
        body = gzip.compress(open(path, "rb").read())
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
PY
plain=8799
compressed=8798
python3 -m http.server "$plain" --bind 127.0.0.1 --directory "$out" >/dev/null 2>&1 &
servers=($!)
python3 "$out/serve_gzip.py" "$compressed" "$out" >/dev/null 2>&1 &
servers+=($!)
trap 'kill "${servers[@]}"' EXIT
sleep 1
for port in "$plain" "$compressed"; do
  for page in "${pages[@]}"; do
    report="$out/$page.$port.lighthouse.json"
    CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium} lighthouse "http://127.0.0.1:$port/$page" \
      --chrome-flags="--headless --no-sandbox" --only-categories=performance,accessibility \
      --output=json --output-path="$report" --quiet
    python3 - "$report" "$page" "$([ "$port" = "$plain" ] && echo plain || echo gzip)" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
c, a = report["categories"], report["audits"]
print(f"{sys.argv[2]} ({sys.argv[3]}, {a['total-byte-weight']['numericValue'] / 1024:.0f} KiB): "
      f"performance {c['performance']['score']:.2f}, accessibility {c['accessibility']['score']:.2f}, "
      f"LCP {a['largest-contentful-paint']['displayValue']}, TBT {a['total-blocking-time']['displayValue']}, "
      f"CLS {a['cumulative-layout-shift']['displayValue']}, {int(a['dom-size']['numericValue'])} DOM elements, "
      f"{report['lighthouseVersion']}")
PY
  done
done
