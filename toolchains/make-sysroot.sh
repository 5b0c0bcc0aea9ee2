#!/usr/bin/env bash
# Builds a Debian 12 (bookworm) sysroot for cross-compiling newsticker, from Debian's own
# packages, with mmdebstrap:  toolchains/make-sysroot.sh arm64|armhf  [DIR]
#
# Why mmdebstrap and not multiarch (dpkg --add-architecture on the host): a multiarch install
# needs the host's and the target's packages at exactly the same version, which breaks whenever
# the mirror is mid-sync. A sysroot is self-consistent and needs no root on the host's dpkg.
#
# --variant=extract only unpacks the listed packages and their hard dependencies: no maintainer
# scripts run (none are needed to link against a library), so no emulator is needed and the
# sysroot stays as small as possible. Documentation, man pages and locales are not unpacked.
#
# The result is cached (default ~/.cache/newsticker/sysroot-ARCH) and reused as long as the
# package list below is unchanged; a stamp file records it. Prints the sysroot's path.
set -euo pipefail

arch=${1:?usage: make-sysroot.sh arm64|armhf [DIR]}
case "$arch" in
  aarch64) arch=arm64 ;;
  armv7|armv7l|arm) arch=armhf ;;
esac
case "$arch" in
  arm64|armhf) ;;
  *) echo "make-sysroot.sh: unsupported architecture '$arch' (arm64 or armhf)" >&2; exit 2 ;;
esac

cache=${NEWSTICKER_DEPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/newsticker}
dir=${2:-${NEWSTICKER_SYSROOT:-$cache/sysroot-$arch}}

# What the project links against (see CMakeLists.txt), the tests' libraries, and the C/C++
# runtime. Keep this list minimal: every package here is downloaded on a fresh CI machine.
packages=(
  libc6-dev libstdc++-12-dev
  libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev
  libxml2-dev libmbedtls-dev zlib1g-dev libutf8proc-dev
  nlohmann-json3-dev libtomlplusplus-dev libcli11-dev
  libgtest-dev libgmock-dev
  fonts-dejavu-core
)
suite=bookworm
stamp_text="$suite $arch ${packages[*]} v1"

if [ -f "$dir/.newsticker-sysroot" ] && [ "$(cat "$dir/.newsticker-sysroot")" = "$stamp_text" ]; then
  echo "$dir"
  exit 0
fi

command -v mmdebstrap >/dev/null || {
  echo "make-sysroot.sh: mmdebstrap is missing: run deploy/install-deps.sh" >&2; exit 1; }

# The same mirror the host uses (deb822 or one-line sources), so that only Debian's mirror
# (or the local proxy/snapshot the host is configured for) is contacted.
mirror=
if [ -f /etc/apt/sources.list.d/debian.sources ]; then
  mirror=$(awk '/^Types:.*\<deb\>/{d=1} /^$/{d=0} d && /^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources)
fi
if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
  mirror=$(awk '$1=="deb" && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list)
fi
mirror=${mirror:-http://deb.debian.org/debian}

mkdir -p "$(dirname "$dir")"
# One builder at a time (two presets configured in parallel would race on the same directory).
exec 9>"$dir.lock"
flock 9
if [ -f "$dir/.newsticker-sysroot" ] && [ "$(cat "$dir/.newsticker-sysroot")" = "$stamp_text" ]; then
  echo "$dir"
  exit 0
fi

tmp="$dir.tmp"
rm -rf "$tmp"
include=$(IFS=,; echo "${packages[*]}")
echo "make-sysroot.sh: building the $arch sysroot from $mirror into $dir" >&2
mmdebstrap --quiet --variant=extract --architectures="$arch" --include="$include" \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
  --skip=cleanup/apt/lists --format=directory \
  "$suite" "$tmp" "deb $mirror $suite main" >&2

# Absolute symlinks (e.g. libfoo.so -> /lib/...) would point into the host: make them relative
# to the sysroot so the cross linker and qemu -L find the target's files.
find "$tmp" -type l -lname '/*' | while read -r link; do
  target=$(readlink "$link")
  ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$tmp$target")" "$link"
done
# Bookworm's packages still ship the loader and some libraries under /lib; the extract variant
# does not merge /usr, so a /lib64 or /lib entry may be missing for qemu's -L lookup. Nothing to
# do for arm64 (/lib/ld-linux-aarch64.so.1) and armhf (/lib/ld-linux-armhf.so.3): both ship it.
rm -rf "$tmp/var/cache/apt/archives"/*.deb "$tmp/var/lib/apt/lists"/* 2>/dev/null || true
# Half the sysroot is pulled in by libsdl2-dev's dependencies but never linked or run here: Mesa's
# drivers and the LLVM they JIT with (dlopened by SDL at run time on the Pi), the sanitizer
# runtimes, python, ICU's static archive. No library we link names them in DT_NEEDED.
rm -rf "$tmp"/usr/lib/*-linux-gnu*/dri "$tmp"/usr/lib/*-linux-gnu*/libLLVM-* \
       "$tmp"/usr/lib/*-linux-gnu*/libz3.so* "$tmp"/usr/lib/*-linux-gnu*/lib*san.so* \
       "$tmp"/usr/lib/*-linux-gnu*/libicudata.a "$tmp"/usr/lib/python3* "$tmp"/usr/lib/llvm-*

printf '%s' "$stamp_text" >"$tmp/.newsticker-sysroot"
rm -rf "$dir"
mv "$tmp" "$dir"
echo "$dir"
