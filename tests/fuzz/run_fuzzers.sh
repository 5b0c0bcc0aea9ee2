#!/usr/bin/env bash
# Builds the "fuzz" preset and runs every libFuzzer target for SECONDS seconds (default 15) on a
# scratch copy of its seeds; replays tests/fuzz/regressions/<target>/ first. Nothing is written
# into the source tree: corpora, logs and crash artifacts go to a scratch directory
# ($NEWSTICKER_FUZZ_WORK, default a fresh mktemp dir), whose paths are printed.
# Exit status: 0 when no target crashed, 1 otherwise, 2 on a build error.
# Usage: tests/fuzz/run_fuzzers.sh [SECONDS]      (CI: 15; a 10-minute local run: 600)
set -uo pipefail

seconds="${1:-15}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || (( seconds < 1 )); then
  echo "usage: $0 [SECONDS]" >&2
  exit 2
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
fuzz_dir="$root/tests/fuzz"
bin_dir="$root/build/fuzz/tests/fuzz"
targets=(parse_feed dateline article dates config)

cd "$root" || exit 2
if ! { cmake --preset fuzz && cmake --build --preset fuzz --parallel "${NEWSTICKER_JOBS:-2}"; }; then
  echo "run_fuzzers: build failed" >&2
  exit 2
fi

work="${NEWSTICKER_FUZZ_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/newsticker-fuzz.XXXXXX")}"
mkdir -p "$work"
echo "run_fuzzers: scratch dir $work"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

failed=()
for t in "${targets[@]}"; do
  exe="$bin_dir/fuzz_$t"
  corpus="$work/$t/corpus"
  artifacts="$work/$t/artifacts/"
  log="$work/$t/fuzz.log"
  mkdir -p "$corpus" "$artifacts"
  cp -R "$fuzz_dir/seeds/$t/." "$corpus/"

  # Known crashers must stay fixed: run each regression input once.
  reg="$fuzz_dir/regressions/$t"
  if [[ -d "$reg" ]] && compgen -G "$reg/*" > /dev/null; then
    if ! "$exe" -rss_limit_mb=2048 -artifact_prefix="$artifacts" "$reg"/* > "$work/$t/regressions.log" 2>&1; then
      echo "run_fuzzers: $t: a regression input crashes (log: $work/$t/regressions.log)"
      failed+=("$t")
      continue
    fi
  fi

  echo "run_fuzzers: fuzz_$t for ${seconds}s"
  "$exe" -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 -timeout=25 \
         -print_final_stats=1 -artifact_prefix="$artifacts" "$corpus" > "$log" 2>&1
  rc=$?
  grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" | sed "s/^/  $t: /"
  crashes=("$artifacts"*)
  if (( rc != 0 )) || [[ -e "${crashes[0]}" ]]; then
    echo "run_fuzzers: $t FAILED (exit $rc; log: $log)"
    for f in "${crashes[@]}"; do [[ -e "$f" ]] && echo "  artifact: $f"; done
    grep -m1 -E 'ERROR: (AddressSanitizer|libFuzzer|LeakSanitizer)|runtime error:' "$log" | sed 's/^/  /'
    failed+=("$t")
  fi
done

if (( ${#failed[@]} )); then
  echo "run_fuzzers: crashes in: ${failed[*]}"
  exit 1
fi
echo "run_fuzzers: all ${#targets[@]} targets ran ${seconds}s without a crash"
