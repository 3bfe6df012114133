"""Make the bundled serif from Liberation Serif 2.1: hinting removed (PDFs
are printed and rasterised by the viewer; hinting only adds bytes) and,
as the OFL's Reserved Font Name clause asks of a modified font, renamed.

    python3 assets/fonts/dehint.py SRC_DIR assets/fonts

SRC_DIR holds LiberationSerif-*.ttf from Debian's fonts-liberation2 2.1.5-1
(`apt-get download fonts-liberation2 && dpkg -x fonts-liberation2_*.deb x`).
Needs fontTools (`pip install fonttools`).
"""
import sys
from fontTools.ttLib import TTFont
from fontTools import subset

FACES = ["Regular", "Bold", "Italic", "BoldItalic"]
OLD, NEW = "Liberation Serif", "Backgrounder Serif"

def main(src, dst):
    for face in FACES:
        font = TTFont(f"{src}/LiberationSerif-{face}.ttf")
        options = subset.Options()
        options.hinting = False
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.name_legacy = True
        options.notdef_outline = True
        options.glyph_names = False
        options.legacy_kern = True
        options.drop_tables = [t for t in options.drop_tables if t not in ("kern",)] + ["hdmx", "LTSH", "VDMX"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(glyphs=font.getGlyphOrder())
        subsetter.subset(font)
        for record in font["name"].names:
            text = record.toUnicode()
            if record.nameID in (1, 3, 4, 6, 16, 17, 18, 21):
                text = text.replace(OLD, NEW).replace(OLD.replace(" ", ""), NEW.replace(" ", ""))
                record.string = text
            if record.nameID == 5:
                record.string = text + "; hinting removed for backgrounder"
        font.save(f"{dst}/BackgrounderSerif-{face}.ttf")

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
