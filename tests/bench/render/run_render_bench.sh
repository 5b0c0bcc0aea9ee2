#!/bin/sh
# Instructions per steady-state frame (callgrind, frames 120 -> 600, so start-up and the first
# strips cancel out) for newsticker and, built and measured in the same run, ../shared/bench's
# naive_ticker, cached_ticker and floor; then newsticker's peak RSS with 500 headlines.
# 1920x1080, software renderer, offscreen driver, framebuffer acceleration off.
# Usage: tests/bench/render/run_render_bench.sh [BUILD_DIR=build/bench]   (about 2 minutes)
set -eu
cd "$(dirname "$0")/../../.."
build=${1:-build/bench}
shared=${NEWSTICKER_SHARED_DIR:-../shared}/bench
cmake --preset bench -B "$build" >/dev/null
cmake --build "$build" --target render_frames render_bench
# The anchors are built from their own sources with their own Makefile, in a scratch directory.
scratch="$build/shared-bench"
mkdir -p "$scratch"
cp "$shared"/Makefile "$shared"/*.cpp "$shared"/*.h "$scratch"/
make -s -C "$scratch" naive_ticker cached_ticker floor
ir() {  # $1 program, $2 frames, rest: extra arguments -> total instructions (Ir)
  program=$1; frames=$2; shift 2
  SDL_VIDEODRIVER=offscreen valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    "$program" "$frames" "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
echo "program instructions_per_frame(120->600)"
for p in "$build/tests/bench/render/render_frames" "$scratch/naive_ticker" "$scratch/cached_ticker" "$scratch/floor"; do
  a=$(ir "$p" 120); b=$(ir "$p" 600)
  echo "$(basename "$p") $(( (b - a) / 480 ))"
done
echo "peak RSS, 1080p, 500 headlines in the ring, 600 frames:"
"$build/tests/bench/render/render_frames" 600 500
