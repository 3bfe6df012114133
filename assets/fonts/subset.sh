#!/bin/sh
# Rebuilds the bundled fonts from Debian's packages:
#   apt-get download fonts-noto-core fonts-liberation2
#   dpkg -x fonts-noto-core_*.deb x && dpkg -x fonts-liberation2_*.deb x
#   sh assets/fonts/subset.sh x/usr/share/fonts/truetype/noto x/usr/share/fonts/truetype/liberation2
# (fonts-noto-core 20201225-1, fonts-liberation2 2.1.5-1). Needs fontTools
# (`pip install fonttools`). Layout tables (GSUB, GPOS, GDEF) are kept
# whole; hinting is dropped (the PDF is drawn at any size). Backgrounder
# Serif (dehint.py) is Liberation Serif with every character, renamed as the
# OFL's Reserved Font Name clause asks; the Noto fonts keep only their scripts.
set -eu
src=${1:?directory of the Noto .ttf files}
liberation=${2:?directory of the Liberation .ttf files}
out=$(dirname "$0")
python3 "$out/dehint.py" "$liberation" "$out"
common="--layout-features=* --no-hinting --notdef-outline --name-IDs=*"
arabic="U+0020,U+00A0,U+0600-06FF,U+0750-077F,U+08A0-08FF,U+FB50-FDFF,U+FE70-FEFF,U+200C-200F,U+25CC"
hebrew="U+0020,U+00A0,U+0591-05F4,U+FB1D-FB4F,U+200C-200F,U+25CC"
symbols="U+0020,U+2190-21FF,U+2300-23FF,U+2460-24FF,U+25A0-25FF,U+2600-26FF,U+2700-27BF,U+2B00-2BFF"
for w in Regular Bold; do
  pyftsubset "$src/NotoNaskhArabic-$w.ttf" --unicodes="$arabic" $common --output-file="$out/NotoNaskhArabic-$w.ttf"
  pyftsubset "$src/NotoSerifHebrew-$w.ttf" --unicodes="$hebrew" $common --output-file="$out/NotoSerifHebrew-$w.ttf"
done
pyftsubset "$src/NotoSansSymbols2-Regular.ttf" --unicodes="$symbols" $common --output-file="$out/NotoSansSymbols2-Regular.ttf"
