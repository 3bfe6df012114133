#!/usr/bin/env bash
# bench/compare.sh: times `backgrounder` against the tools a publisher would
# otherwise use, on the same generated corpus, and prints a table of ratios.
#
#   bench/compare.sh            install the peers (once), build, generate, time
#   BENCH_QUICK=1 bench/compare.sh   fewer runs, for a smoke test
#   BENCH_SECTIONS="pdf" bench/compare.sh   only some of: check floor scale pdf rebuild
#
# The peers live in bench/.peers/ (git-ignored): ajv-cli + ajv-formats from
# npm, check-jsonschema, pypandoc-binary (pandoc 3) and typst from PyPI in a
# venv, hyperfine from Debian. Only package registries are contacted; the
# corpus is generated (examples/gen_corpus.rs) and no URL in it is requested.
# a) check vs `ajv validate` vs `check-jsonschema`, same JSON Schema, at 1 and
#    1,000 documents (they check the schema only; we run every rule too);
# b) PDF export (`build --format pdf`) vs pandoc Markdown -> Typst -> PDF for
#    the same 100 documents, pandoc fed our own Markdown export;
# c) the parse-only floor (examples/parse_floor.rs) at 1,000 and 10,000;
# d) check of 10,000 documents: time, peak memory (/usr/bin/time -v), growth.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PEERS=$ROOT/bench/.peers
WORK=$PEERS/work
SCHEMA=$ROOT/schemas/backgrounder.schema.json
SEED=${BENCH_SEED:-1}
JOBS=$(nproc)
SECTIONS=" ${BENCH_SECTIONS:-check floor scale pdf rebuild} "
want() { [[ $SECTIONS == *" $1 "* ]]; }
if [[ -n "${BENCH_QUICK:-}" ]]; then FAST=3 SLOW=1 WARM=1; else FAST=10 SLOW=3 WARM=3; fi

say() { printf '\n== %s\n' "$*"; }

install_peers() {
  mkdir -p "$PEERS/bin"
  if ! command -v hyperfine >/dev/null || [[ ! -x /usr/bin/time ]]; then
    apt-get update -qq && apt-get install -y -qq hyperfine time
  fi
  if [[ ! -x $PEERS/node_modules/.bin/ajv ]]; then
    [[ -f $PEERS/package.json ]] || echo '{"name":"backgrounder-bench-peers","private":true}' >"$PEERS/package.json"
    (cd "$PEERS" && npm install --silent --no-audit --no-fund ajv-cli@5 ajv-formats@3)
  fi
  if [[ ! -x $PEERS/venv/bin/check-jsonschema ]] || ! "$PEERS/venv/bin/python" -c 'import pypandoc, typst' 2>/dev/null; then
    python3 -m venv "$PEERS/venv"
    "$PEERS/venv/bin/pip" install -q check-jsonschema pypandoc-binary typst
  fi
  # pandoc runs `typst compile IN OUT`; the typst PyPI package is a Python
  # module, so a two-line shim gives it that command line.
  cat >"$PEERS/bin/typst" <<SHIM
#!$PEERS/venv/bin/python
import sys, typst
args = [a for a in sys.argv[1:] if a != "compile"]
typst.compile(args[0], output=args[1])
SHIM
  chmod +x "$PEERS/bin/typst"
  PANDOC=$("$PEERS/venv/bin/python" -c 'import pypandoc; print(pypandoc.get_pandoc_path())')
  ln -sf "$PANDOC" "$PEERS/bin/pandoc"
}

say "installing the peers into bench/.peers"
install_peers
export PATH=$PEERS/bin:$PATH
AJV=$PEERS/node_modules/.bin/ajv
CJS=$PEERS/venv/bin/check-jsonschema

say "building (release)"
cargo build --release --quiet --bin backgrounder --example gen_corpus --example parse_floor
TARGET=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release
BG=$TARGET/backgrounder
GEN=$TARGET/examples/gen_corpus
FLOOR=$TARGET/examples/parse_floor

say "generating the corpora (seed $SEED)"
rm -rf "$WORK"/corpus-* "$WORK"/md "$WORK"/pdf* "$WORK"/pandoc-pdf && mkdir -p "$WORK/json"
for n in 1 100 1000 10000; do
  "$GEN" --n $n --out "$WORK/corpus-$n" --seed "$SEED"
done
ONE=$(ls "$WORK"/corpus-1/*.yaml)

say "versions and machine"
echo "backgrounder $("$BG" --version 2>/dev/null || echo '(dev)')"
echo "ajv-cli $(node -p "require('$PEERS/node_modules/ajv-cli/package.json').version") (ajv $(node -p "require('$PEERS/node_modules/ajv/package.json').version"), js-yaml $(node -p "require('$PEERS/node_modules/js-yaml/package.json').version")), node $(node --version)"
echo "check-jsonschema $("$CJS" --version | awk '{print $NF}'), $("$PEERS/venv/bin/python" --version), ruamel.yaml C loader: $("$PEERS/venv/bin/python" -c 'import ruamel.yaml as r; from ruamel.yaml import CParser' 2>/dev/null && echo yes || echo no)"
echo "$(pandoc --version | head -1), typst (PyPI) $("$PEERS/venv/bin/python" -c 'import importlib.metadata as m; print(m.version("typst"))')"
echo "$(hyperfine --version), $(nproc) cores, $(awk '/model name/{$1=$2=$3="";print;exit}' /proc/cpuinfo), load average: $(cut -d' ' -f1-3 /proc/loadavg)"

say "sanity: every tool accepts every document"
"$BG" check "$WORK/corpus-1000" | tail -1
"$AJV" validate --spec=draft2020 -c ajv-formats -s "$SCHEMA" -d "$WORK/corpus-1000/*.yaml" | grep -vc ' valid$' | sed 's/^/ajv lines not saying "valid": /' || true
"$CJS" --schemafile "$SCHEMA" "$ONE" | tail -1
"$FLOOR" "$WORK/corpus-1000"

hf() { # name, hyperfine args...
  local name=$1; shift
  hyperfine --style basic --export-json "$WORK/json/$name.json" "$@"
}
AJV_CMD="$AJV validate --spec=draft2020 -c ajv-formats -s $SCHEMA -d"
CJS_CMD="$CJS --schemafile $SCHEMA"

if want check; then
say "a) check, 1 document (and the MEK document)"
hf check-mek -N --warmup $WARM --runs $((FAST * 5)) -n "backgrounder check MEK" "$BG check content/mujahadeen-e-khalq.yaml"
hf check-1 -N --warmup $WARM --runs $((FAST * 5)) -n "backgrounder check (1 doc)" "$BG check $ONE"
hf ajv-1 -N --warmup 1 --runs $FAST -n "ajv validate (1 doc)" "$AJV_CMD $ONE"
hf cjs-1 -N --warmup 1 --runs $FAST -n "check-jsonschema (1 doc)" "$CJS_CMD $ONE"

say "a) check, 1,000 documents"
hf check-1000 -N --warmup $WARM --runs $FAST -n "backgrounder check (1,000 docs)" "$BG check $WORK/corpus-1000"
hf ajv-1000 --warmup 1 --runs $FAST -n "ajv validate (1,000 docs)" "$AJV_CMD '$WORK/corpus-1000/*.yaml' >/dev/null"
hf cjs-1000 --runs $SLOW -n "check-jsonschema (1,000 docs)" "$CJS_CMD $WORK/corpus-1000/*.yaml"

fi

if want floor; then
say "c) parse-only floor"
hf floor-1000 -N --warmup $WARM --runs $FAST -n "parse floor (1,000 docs)" "$FLOOR $WORK/corpus-1000"
hf floor-10000 -N --warmup 1 --runs $FAST -n "parse floor (10,000 docs)" "$FLOOR $WORK/corpus-10000"

fi

if want scale; then
say "d) check, 10,000 documents"
hf check-10000 -N --warmup 1 --runs $FAST -n "backgrounder check (10,000 docs)" "$BG check $WORK/corpus-10000"
/usr/bin/time -v "$BG" check "$WORK/corpus-10000" 2>"$WORK/time-10000.txt" | tail -1
grep -E 'Maximum resident|Elapsed' "$WORK/time-10000.txt"

fi

if want pdf; then
say "b) PDF, 100 documents: ours vs pandoc (our Markdown) -> Typst -> PDF"
"$BG" build "$WORK/corpus-100" --format md --out "$WORK/md" 2>&1 | tail -1
mkdir -p "$WORK/pandoc-pdf"
PANDOC_ONE="pandoc -f markdown --pdf-engine=typst"
MDS=("$WORK"/md/*.md)
ONE_MD=${MDS[0]}
$PANDOC_ONE "$ONE_MD" -o "$WORK/pandoc-pdf/one.pdf" && echo "pandoc + typst wrote $(du -k "$WORK/pandoc-pdf/one.pdf" | cut -f1) KB for one document"
hf pdf-1 -N --warmup 1 --runs $FAST -n "backgrounder build --format pdf (1 doc)" "$BG build $ONE --format pdf --force --out $WORK/pdf-one"
hf pandoc-1 -N --warmup 1 --runs $FAST -n "pandoc + typst (1 doc)" "$PANDOC_ONE $ONE_MD -o $WORK/pandoc-pdf/one.pdf"
hf pdf-100 -N --warmup 1 --runs $FAST -n "backgrounder build --format pdf (100 docs)" "$BG build $WORK/corpus-100 --format pdf --force --out $WORK/pdf"
hf pandoc-100 --runs $SLOW -n "pandoc + typst (100 docs, xargs -P $JOBS)" \
  "ls $WORK/md/*.md | xargs -P $JOBS -I{} sh -c '$PANDOC_ONE {} -o $WORK/pandoc-pdf/\$(basename {} .md).pdf'"
fi

if want rebuild; then
say "e) incremental build, 100 documents, every format: full vs nothing changed"
hf build-100 -N --warmup 1 --runs $FAST -n "backgrounder build --force (100 docs, full)" "$BG build $WORK/corpus-100 --force --out $WORK/all"
"$BG" build "$WORK/corpus-100" --out "$WORK/all"
hf rebuild-100 -N --warmup $WARM --runs $((FAST * 5)) -n "backgrounder build (100 docs, nothing changed)" "$BG build $WORK/corpus-100 --out $WORK/all"
fi

say "summary"
python3 - "$WORK/json" "$WORK/time-10000.txt" <<'PY'
import json, re, sys, pathlib
d = pathlib.Path(sys.argv[1])
t = {p.stem: json.loads(p.read_text())["results"][0] for p in d.glob("*.json")}
mean = lambda k: t[k]["mean"] if k in t else float("nan")
def fmt(s):
    return f"{s*1000:.1f} ms" if s < 1 else f"{s:.2f} s"
p = pathlib.Path(sys.argv[2])
rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.read_text()) if p.exists() else None
rss_mb = int(rss.group(1)) / 1024 if rss else float("nan")
rows = [
    ("check MEK document (whole process)", "check-mek", None, "< 10 ms"),
    ("check 1 doc vs ajv-cli", "check-1", "ajv-1", ""),
    ("check 1 doc vs check-jsonschema", "check-1", "cjs-1", ""),
    ("check 1,000 docs vs ajv-cli", "check-1000", "ajv-1000", ">= 5x"),
    ("check 1,000 docs vs check-jsonschema", "check-1000", "cjs-1000", ">= 50x"),
    ("check 10,000 docs vs parse-only floor", "check-10000", "floor-10000", "within 2x"),
    ("check 1,000 docs vs parse-only floor", "check-1000", "floor-1000", ""),
    ("PDF 1 doc vs pandoc + typst", "pdf-1", "pandoc-1", ""),
    ("PDF 100 docs vs pandoc + typst", "pdf-100", "pandoc-100", ">= 10x"),
]
print("| what | ours | peer | ratio | target |")
print("|---|---|---|---|---|")
for what, a, b, target in rows:
    if b is None:
        print(f"| {what} | {fmt(mean(a))} | | | {target} |")
    elif b.startswith("floor"):
        print(f"| {what} | {fmt(mean(a))} | {fmt(mean(b))} | {mean(a) / mean(b):.2f}x the floor | {target} |")
    else:
        r = mean(b) / mean(a)
        kind = "x faster" if r >= 1 else "x (slower)"
        print(f"| {what} | {fmt(mean(a))} | {fmt(mean(b))} | {r:.1f}{kind} | {target} |")
print(f"| check 10,000 docs | {fmt(mean('check-10000'))} | | | < 2 s |")
print(f"| peak memory, check 10,000 docs | {rss_mb:.0f} MB | | | < 200 MB |")
print(f"| rebuild, nothing changed (100 docs, all formats) | {fmt(mean('rebuild-100'))} | full: {fmt(mean('build-100'))} | {100 * mean('rebuild-100') / mean('build-100'):.1f}% of the full build | < 5% |")
g = mean("check-10000") / mean("check-1000")
print(f"| growth 1,000 -> 10,000 docs | {g:.1f}x time for 10x documents | | | linear (~10x) |")
PY
