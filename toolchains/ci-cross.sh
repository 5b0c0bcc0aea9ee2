#!/usr/bin/env bash
# CI for one Raspberry Pi preset (aarch64 or armhf): configure (the sysroot and the cross-built
# libcurl are made once and cached), build the ticker and the unit tests, run the unit tests
# under qemu (CMAKE_CROSSCOMPILING_EMULATOR), build the .deb and check what dpkg-deb says about
# it, and print the stripped size of the executable.
#   toolchains/ci-cross.sh aarch64|armhf [--no-tests]
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:?usage: ci-cross.sh aarch64|armhf [--no-tests]}
case "$preset" in
  aarch64) arch=arm64 triple=aarch64-linux-gnu ;;
  armhf) arch=armhf triple=arm-linux-gnueabihf ;;
  *) echo "ci-cross.sh: unknown preset $preset" >&2; exit 2 ;;
esac
start=$SECONDS

cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j2
if [ "${2:-}" != "--no-tests" ]; then
  ctest --preset "$preset"
fi

out=build/$preset/packages
rm -rf "$out"
cpack --config "build/$preset/CPackConfig.cmake" -G DEB -B "$out" >/dev/null
deb=$(ls "$out"/newsticker_*_"$arch".deb)
# (Captured first: `dpkg-deb | grep -q` would die of SIGPIPE under pipefail.)
info=$(dpkg-deb --info "$deb")
contents=$(dpkg-deb --contents "$deb")
grep -q "^ Architecture: $arch$" <<<"$info"
for path in ./usr/bin/newsticker ./usr/lib/systemd/system/newsticker.service \
            ./etc/newsticker/newsticker.toml ./usr/share/doc/newsticker/copyright; do
  grep -q " $path\$" <<<"$contents" || { echo "ci-cross.sh: $deb lacks $path" >&2; exit 1; }
done

stripped=$(mktemp)
"$triple-strip" -o "$stripped" "build/$preset/newsticker"
size=$(stat -c %s "$stripped")
rm -f "$stripped"
echo "$preset: $deb ($(stat -c %s "$deb") bytes); stripped newsticker: $size bytes" \
     "($((size / 1024)) KiB); $((SECONDS - start)) s"
