#!/usr/bin/env bash
# Installs everything newsticker needs to build, run and test, from Debian's packages.
# Idempotent; works as root or through sudo. Also enables Debian's source index
# (deb-src) so the build can fetch Debian's curl source and build libcurl on Mbed TLS.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  exec sudo --preserve-env=CI,DEBIAN_FRONTEND "$0" "$@"
fi
export DEBIAN_FRONTEND=noninteractive

# A deb-src entry mirroring each existing deb822 source (or one-line list), so that
# `apt-get source curl` works. Written once; rewritten only if missing.
src_list=/etc/apt/sources.list.d/newsticker-deb-src.sources
if [ ! -f "$src_list" ]; then
  tmp=$(mktemp)
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    case "$f" in "$src_list") continue ;; esac
    sed -n 's/^Types:.*$/Types: deb-src/p; /^Types:/!p' "$f" >>"$tmp"
    printf '\n' >>"$tmp"
  done
  if [ -f /etc/apt/sources.list ]; then
    grep -E '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' >/etc/apt/sources.list.d/newsticker-deb-src.list || true
  fi
  if grep -q 'deb-src' "$tmp"; then mv "$tmp" "$src_list"; chmod 644 "$src_list"; else rm -f "$tmp"; fi
fi

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git dpkg-dev file
  # libcurl on Mbed TLS is built from Debian's curl source against these
  libmbedtls-dev zlib1g-dev
  # the ticker
  libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libxml2-dev
  libtomlplusplus-dev libcli11-dev nlohmann-json3-dev libutf8proc-dev
  fonts-dejavu-core ca-certificates
  # fallback faces for Arabic, Hebrew, Devanagari, Thai (noto-core) and CJK (see fonts/README.md)
  fonts-noto-core fonts-noto-cjk
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev valgrind
  python3 python3-pil openssl python3-feedparser
  # Raspberry Pi: cross compilers, sysroots from Debian's packages (toolchains/make-sysroot.sh),
  # qemu to run the cross-built tests; systemd-analyze for the unit; nginx for the fleet proxy test
  g++-aarch64-linux-gnu g++-arm-linux-gnueabihf mmdebstrap qemu-user
  systemd nginx-light
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# apt-get update when packages are missing or the source index has never been fetched.
if [ ${#missing[@]} -gt 0 ] || ! ls /var/lib/apt/lists/*_source_Sources* >/dev/null 2>&1; then
  apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "install-deps: all ${#packages[@]} packages present"
