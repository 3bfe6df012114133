#!/usr/bin/env bash
# bench/shard.sh: `build` of a generated corpus with every format (PDFs
# included) as one shard, then as N shards run one after another (as N CI
# runners would run them side by side), then `backgrounder index` merging
# them; proves that the merged folder is byte for byte the single build's.
#
#   bench/shard.sh [DOCUMENTS=10000] [SHARDS=4]
#
# Prints each step's wall and CPU time and peak memory (GNU time), and
# `identical` or the differences. On a shared machine the CPU times are the
# steadier figures. The release binary is used;
# the corpus and outputs live in a temporary folder, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
shards=${2:-4}
target=${CARGO_TARGET_DIR:-target}
# BACKGROUNDER_BIN and GEN_CORPUS name binaries built already.
if [[ -z "${BACKGROUNDER_BIN:-}" || -z "${GEN_CORPUS:-}" ]]; then
  cargo build --release --quiet --bin backgrounder --example gen_corpus
fi
bin=$(realpath "${BACKGROUNDER_BIN:-$target/release/backgrounder}")
gen=$(realpath "${GEN_CORPUS:-$target/release/examples/gen_corpus}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$gen" --n "$n" --out content >/dev/null 2>&1
# A fixed day, so that both builds stamp the same dates into the PDFs.
export CI=1 SOURCE_DATE_EPOCH=1893456000
step() {
  local label=$1
  shift
  /usr/bin/time -f "%e %U %S %M" -o time.txt "$@" 2>log.txt || { cat log.txt; exit 1; }
  read -r secs user sys kb <time.txt
  cpu=$(echo "$user + $sys" | bc)
  printf '%-16s %8.2f s wall %8.2f s CPU %6d MB  %s\n' "$label" "$secs" "$cpu" $((kb / 1024)) "$(tail -n 1 log.txt)"
  echo "$secs" >>"times-${label%% *}.txt"
  echo "$cpu" >>"cpu-${label%% *}.txt"
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
printf 'shards one after another: %.2f s wall, %.2f s CPU (whole build: %.2f s wall, %.2f s CPU)\n' \
  "$sum" "$(paste -sd+ cpu-shard.txt | bc)" "$(cat times-whole.txt)" "$(cat cpu-whole.txt)"
printf 'slowest shard + merge, as N runners would take: %.2f s wall\n' "$(echo "$max + $merge" | bc)"
files=$(find whole -type f | wc -l)
if diff -r whole merged >diff.txt; then
  echo "identical: $files files (exports, index.json, build manifest), byte for byte"
else
  echo "DIFFERENT:"
  head -n 20 diff.txt
  exit 1
fi
