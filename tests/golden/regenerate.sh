#!/bin/sh
# Rewrites the golden reference images in tests/golden/ref/ from the current build, and copies
# one picture per layout to deploy/screenshots/ for the README. Review the diff before committing.
# Usage: tests/golden/regenerate.sh [BUILD_DIR=build/dev]
set -eu
cd "$(dirname "$0")/../.."
build=${1:-build/dev}
cmake --build "$build" --target golden_tests
NEWSTICKER_REGENERATE_GOLDEN=1 "$build/tests/golden/golden_tests" --gtest_filter='Layouts/*'
for layout in crawl two-line flip; do
  cp "tests/golden/ref/$layout-pi-touch.png" "deploy/screenshots/layout-$layout.png"
done
