#!/usr/bin/env bash
# bench/setup-time.sh: a fresh clone through the README's two commands,
# timed, with the cargo registry as it is (downloaded crates are reused,
# nothing compiled is). Prints the wall time of each command and the size of
# the release binary when one is built (SETUP_RELEASE=1).
#
#   bench/setup-time.sh              clone HEAD into a temp dir and time
#   SETUP_CI=1 bench/setup-time.sh   time `bash .ci/run` instead
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
s=$(now); cargo run -- build >"$dir/run.log" 2>&1 || { cat "$dir/run.log"; exit 1; }; m=$(now)
cargo test >"$dir/test.log" 2>&1 || { tail -40 "$dir/test.log"; exit 1; }; e=$(now)
echo "cargo run -- build: $(secs "$s" "$m") s"
echo "cargo test:         $(secs "$m" "$e") s"
echo "both:               $(secs "$s" "$e") s"
if [[ -n "${SETUP_RELEASE:-}" ]]; then
  cargo build --release >"$dir/release.log" 2>&1
  echo "release binary:     $(stat -c %s target/release/backgrounder) bytes"
fi
