#!/usr/bin/env bash
# bench/setup-time.sh: a fresh clone through the README's two commands,
# timed, with the cargo registry as it is (downloaded crates are reused,
# nothing compiled is). Prints the wall time of each command and the size of
# the release binary when one is built (SETUP_RELEASE=1).
#
#   bench/setup-time.sh              clone HEAD into a temp dir and time
#   SETUP_CI=1 bench/setup-time.sh   time `bash .ci/run` instead
#   SETUP_TIMINGS=1 ...              also print the ten crates that took
#                                    longest to compile (`cargo --timings`)
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
git clone -q "$src" "$dir/clone"
cd "$dir/clone"
now() { date +%s.%N; }
secs() { printf '%.0f' "$(echo "$2 - $1" | bc)"; }
if [[ -n "${SETUP_CI:-}" ]]; then
  s=$(now); status=0; CI=true bash .ci/run >"$dir/ci.log" 2>&1 || status=$?; e=$(now)
  echo ".ci/run: $(secs "$s" "$e") s, exit $status"
  grep -E "^test result:" "$dir/ci.log" | awk '{p+=$4; f+=$6} END {print "tests: " p " passed, " f " failed"}'
  exit "$status"
fi
timings=()
[[ -n "${SETUP_TIMINGS:-}" ]] && timings=(--timings)
s=$(now); cargo run "${timings[@]}" -- build >"$dir/run.log" 2>&1 || { cat "$dir/run.log"; exit 1; }; m=$(now)
if [[ -n "${SETUP_TIMINGS:-}" ]]; then
  cp target/cargo-timings/cargo-timing.html "$dir/run-timing.html"
fi
cargo test "${timings[@]}" >"$dir/test.log" 2>&1 || { tail -40 "$dir/test.log"; exit 1; }; e=$(now)
echo "cargo run -- build: $(secs "$s" "$m") s"
echo "cargo test:         $(secs "$m" "$e") s"
echo "both:               $(secs "$s" "$e") s"
if [[ -n "${SETUP_RELEASE:-}" ]]; then
  cargo build --release >"$dir/release.log" 2>&1
  echo "release binary:     $(stat -c %s target/release/backgrounder) bytes"
fi
if [[ -n "${SETUP_TIMINGS:-}" ]]; then
  top() { # the ten longest units of a cargo timing report
    python3 - "$1" <<'PY'
import json, re, sys
html = open(sys.argv[1]).read()
units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);", html, re.S).group(1))
for u in sorted(units, key=lambda u: -u["duration"])[:10]:
    print(f"  {u['duration']:6.1f} s  {u['name']} {u['version']} {u.get('target', '').strip()}")
PY
  }
  echo "longest units, cargo run -- build:"; top "$dir/run-timing.html"
  echo "longest units, cargo test:"; top target/cargo-timings/cargo-timing.html
fi
