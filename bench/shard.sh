#!/usr/bin/env bash
# bench/shard.sh: `build` of a generated corpus with every format (PDFs
# included) as one shard, then as N shards run one after another (as N CI
# runners would run them side by side), then `backgrounder index` merging
# them; proves that the merged folder is byte for byte the single build's.
#
#   bench/shard.sh [DOCUMENTS=10000] [SHARDS=4]
#
# Prints each step's wall time and peak memory (GNU time), the shards'
# sizes, and `identical` or the differences. The release binary is used;
# the corpus and outputs live in a temporary folder, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
shards=${2:-4}
target=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet --bin backgrounder --example gen_corpus
bin=$(realpath "$target/release/backgrounder")
gen=$(realpath "$target/release/examples/gen_corpus")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$gen" --n "$n" --out content >/dev/null
# A fixed day, so that both builds stamp the same dates into the PDFs.
export CI=1 SOURCE_DATE_EPOCH=1893456000
step() {
  local label=$1
  shift
  /usr/bin/time -f "%e %M" -o time.txt "$@" 2>log.txt || { cat log.txt; exit 1; }
  read -r secs kb <time.txt
  printf '%-26s %8.2f s  %6d MB  %s\n' "$label" "$secs" $((kb / 1024)) "$(tail -n 1 log.txt)"
  echo "$secs" >>"times-${label%% *}.txt"
}
echo "$n documents, all formats; $(nproc) cores; $(basename "$bin") $("$bin" --version)"
step "whole build" "$bin" build --out whole
inputs=()
for k in $(seq 1 "$shards"); do
  step "shard $k/$shards" "$bin" build --shard "$k/$shards" --out "out-$k"
  inputs+=("out-$k")
done
step "index (merge)" "$bin" index "${inputs[@]}" --out merged
sum=$(paste -sd+ times-shard.txt | bc)
max=$(sort -g times-shard.txt | tail -n 1)
merge=$(cat times-index.txt)
printf 'shards one after another: %.2f s; slowest shard + merge (N runners): %.2f s\n' \
  "$sum" "$(echo "$max + $merge" | bc)"
files=$(find whole -type f | wc -l)
if diff -r whole merged >diff.txt; then
  echo "identical: $files files (exports, index.json, build manifest), byte for byte"
else
  echo "DIFFERENT:"
  head -n 20 diff.txt
  exit 1
fi
