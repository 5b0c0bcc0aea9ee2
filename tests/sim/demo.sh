#!/usr/bin/env bash
# The desktop simulation: starts the local feed simulator over HTTPS (a test CA made on the spot,
# loopback only) and runs the ticker against it. A window where there is a display; otherwise
# headless, writing PNG frames and saying where. Needs a build (cmake --workflow --preset release).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${NEWSTICKER_BUILD:-$root/build/release}
bin=$build/newsticker
[ -x "$bin" ] || { echo "demo: $bin not found; run: cmake --workflow --preset release" >&2; exit 1; }
python=/usr/bin/python3; [ -x "$python" ] || python=python3

pki=$build/demo-pki
bash "$root/tests/sim/make_test_pki.sh" "$pki" >/dev/null
port_file=$(mktemp)
rm -f "$port_file"
"$python" "$root/tests/sim/feed_simulator.py" --pki "$pki" --port 0 --port-file "$port_file" 2>/dev/null &
sim=$!
trap 'kill $sim 2>/dev/null || true; wait $sim 2>/dev/null || true' EXIT
for _ in $(seq 200); do [ -s "$port_file" ] && break; sleep 0.05; done
port=$(cat "$port_file")
base="https://localhost:$port"
echo "demo: feed simulator at $base (test CA $pki/ca.pem)"

config=$build/demo.toml
cat >"$config" <<TOML
# Written by tests/sim/demo.sh: three simulated feeds over HTTPS, trusted through the test CA.
ca_file = "$pki/ca.pem"
[[feed]]
url = "$base/feeds/world.xml"
name = "World"
[[feed]]
url = "$base/feeds/business.atom"
name = "Business"
[[feed]]
url = "$base/feeds/science.xml"
name = "Science"
TOML
args=(--config "$config")
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${NEWSTICKER_DEMO_HEADLESS:-}" ]; then
  echo "demo: opening a window (Esc or q to quit)"
  "$bin" --window "${args[@]}" "$@"
else
  frames=$build/demo-frames
  rm -rf "$frames"
  echo "demo: no display, running headless for 10 simulated seconds"
  "$bin" --headless --frames 600 --capture "$frames" --capture-every 60 "${args[@]}" "$@"
  echo "demo: frames are in $frames (frame-000000.png ... frame-000540.png)"
fi
