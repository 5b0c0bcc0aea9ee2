#!/usr/bin/env bash
# Agreement with Python's feedparser on the shared corpus: runs the reference (feed_oracle.py,
# on Debian's python3-feedparser) and `newsticker parse --json` over the same files, then scores
# them with feed_compare.py. Fails under 95%. Exit 77 (skipped) when the corpus or the tools are
# absent. Usage: agreement.sh NEWSTICKER_BIN SHARED_DIR [OUT_DIR]
set -euo pipefail
bin=$1
shared=$2
out=${3:-$(mktemp -d)}
python=/usr/bin/python3
if [ ! -d "$shared/corpus" ] || [ ! -f "$shared/tools/feed_oracle.py" ]; then
  echo "skipped: no corpus at $shared"
  exit 77
fi
if ! "$python" -c 'import feedparser' 2>/dev/null; then
  echo "skipped: python3-feedparser is not installed"
  exit 77
fi
mkdir -p "$out"
"$python" "$shared/tools/feed_oracle.py" -j 2 --stats -o "$out/oracle.jsonl" "$shared/corpus"
# The same file list the oracle walked, in its order.
"$python" -c 'import json,sys; [print(json.loads(l)["file"]) for l in open(sys.argv[1])]' \
  "$out/oracle.jsonl" >"$out/files.txt"
# `parse` exits 1 when some input is not a feed; that is expected in a corpus.
xargs -d '\n' "$bin" parse --json <"$out/files.txt" >"$out/newsticker.jsonl" || true
"$python" "$shared/tools/feed_compare.py" "$out/oracle.jsonl" "$out/newsticker.jsonl" \
  --worst 5 --fail-under 95
