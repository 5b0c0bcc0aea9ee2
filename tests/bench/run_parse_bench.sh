#!/usr/bin/env bash
# parse_feed() throughput against Debian's feedparser and a bare libxml2 SAX pass, same files,
# same run. Generates the two ~10 MB feeds of /work/shared/bench/feeds/make_feeds.py into
# build/bench-data (the script writes next to itself, so it runs from a copy), builds the
# "bench" preset, runs bench_parse, times feedparser and sax_count, and prints a table.
# Usage: tests/bench/run_parse_bench.sh      (env: NEWSTICKER_SHARED_DIR, default ../shared)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shared="${NEWSTICKER_SHARED_DIR:-$(cd "$root/../shared" && pwd)}"
feeds_src="$shared/bench/feeds"
data="$root/build/bench-data"
py=/usr/bin/python3

mkdir -p "$data/gen/feeds"
# make_feeds.py reads ../headlines.h and writes data/ relative to its own directory.
cp "$feeds_src/make_feeds.py" "$data/gen/feeds/"
cp "$shared/bench/headlines.h" "$data/gen/"
if [[ ! -s "$data/rss_utf8.xml" || ! -s "$data/rss_cp1252.xml" ]]; then
  "$py" "$data/gen/feeds/make_feeds.py"
  mv "$data/gen/feeds/data/rss_utf8.xml" "$data/gen/feeds/data/rss_cp1252.xml" "$data/"
fi

cc -O2 $(xml2-config --cflags) -o "$data/sax_count" "$feeds_src/sax_count.c" $(xml2-config --libs)

cd "$root"
cmake --preset bench > /dev/null
cmake --build --preset bench --parallel "${NEWSTICKER_JOBS:-2}" --target bench_parse

NEWSTICKER_BENCH_FEEDS="$data" build/bench/tests/bench/bench_parse \
  --benchmark_min_time=2 --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
  --benchmark_out="$data/bench_parse.json" --benchmark_out_format=json

# Median throughput of a benchmark in MB/s: "wall cpu" (bytes_per_second is wall-clock here).
nt_mbs() {
  "$py" - "$data/bench_parse.json" "$1" <<'PY'
import json, sys
for b in json.load(open(sys.argv[1]))["benchmarks"]:
    if b.get("aggregate_name") == "median" and b["run_name"].split("/real_time")[0] == sys.argv[2]:
        wall = b["bytes_per_second"] / 1e6
        print("%.1f %.1f" % (wall, wall * b["real_time"] / b["cpu_time"])); break
else:
    print("nan nan")
PY
}
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }

printf '\n%-12s %12s %12s %12s %10s %8s %8s\n' feed newsticker '(nt cpu)' feedparser SAX nt/fp nt/SAX
printf '%-12s %12s %12s %12s %10s %8s %8s\n' '' 'MB/s wall' 'MB/s' 'MB/s wall' 'MB/s wall' '' ''
for name in rss_utf8 rss_cp1252; do
  file="$data/$name.xml"
  read -r nt nt_cpu <<<"$(nt_mbs "BM_ParseFeed/$name")"
  fp_line="$("$py" "$feeds_src/feedparser_time.py" "$file")"
  echo "$fp_line" > "$data/feedparser_$name.txt"
  fp="$(field 'MB\/s' <<<"$fp_line")"
  sax_line="$("$data/sax_count" "$file" 10)"
  echo "$sax_line" > "$data/sax_$name.txt"
  sax="$(field 'MB\/s' <<<"$sax_line")"
  awk -v n="$name" -v nt="$nt" -v ntc="$nt_cpu" -v fp="$fp" -v sax="$sax" 'BEGIN {
    printf "%-12s %12.1f %12.1f %12.2f %10.1f %7.1fx %7.2fx\n", n, nt, ntc, fp, sax, nt / fp, nt / sax }'
done
echo
echo "feedparser: $(cat "$data/feedparser_rss_utf8.txt")"
echo "sax:        $(cat "$data/sax_rss_utf8.txt")"
echo "ratios use wall-clock time for all three; load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "goal: newsticker >= 30x feedparser and >= 0.5x SAX; raw results in $data/"
