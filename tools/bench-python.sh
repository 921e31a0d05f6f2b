#!/usr/bin/env bash
# Installs Python jieba and pypinyin into a virtual environment (for the comparison in
# examples/throughput.rs) and prints the interpreter's path.
set -euo pipefail
venv=${1:-/tmp/duizhao-bench-venv}
if ! "$venv/bin/python" -c "import jieba, pypinyin" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet jieba pypinyin
fi
echo "$venv/bin/python"
