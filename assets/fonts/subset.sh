#!/bin/sh
# Rebuilds the bundled Noto subsets from Debian's fonts-noto-core
# (20201225-1): `apt-get download fonts-noto-core && dpkg -x fonts-noto-core_*.deb x`,
# then `sh assets/fonts/subset.sh x/usr/share/fonts/truetype/noto`.
# Needs fontTools (`pip install fonttools`). Layout tables (GSUB, GPOS,
# GDEF) are kept whole; hinting is dropped (a PDF viewer does not use it).
set -eu
src=${1:?directory of the Noto .ttf files}
out=$(dirname "$0")
common="--layout-features=* --no-hinting --notdef-outline --name-IDs=*"
arabic="U+0020,U+00A0,U+0600-06FF,U+0750-077F,U+08A0-08FF,U+FB50-FDFF,U+FE70-FEFF,U+200C-200F,U+25CC"
hebrew="U+0020,U+00A0,U+0591-05F4,U+FB1D-FB4F,U+200C-200F,U+25CC"
symbols="U+0020,U+2190-21FF,U+2300-23FF,U+2460-24FF,U+25A0-25FF,U+2600-26FF,U+2700-27BF,U+2B00-2BFF"
for w in Regular Bold; do
  pyftsubset "$src/NotoNaskhArabic-$w.ttf" --unicodes="$arabic" $common --output-file="$out/NotoNaskhArabic-$w.ttf"
  pyftsubset "$src/NotoSerifHebrew-$w.ttf" --unicodes="$hebrew" $common --output-file="$out/NotoSerifHebrew-$w.ttf"
done
pyftsubset "$src/NotoSansSymbols2-Regular.ttf" --unicodes="$symbols" $common --output-file="$out/NotoSansSymbols2-Regular.ttf"
