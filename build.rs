//! Stores the bundled fallback fonts and the CSL styles and locales
//! deflated in the binary (`OUT_DIR`); each is inflated once, on first use
//! (src/export/pdf/fonts.rs, src/export/reference.rs). The body faces, which
//! every PDF uses, are included as they are.

use std::path::PathBuf;

const FONTS: [&str; 5] = [
    "NotoNaskhArabic-Regular.ttf",
    "NotoNaskhArabic-Bold.ttf",
    "NotoSerifHebrew-Regular.ttf",
    "NotoSerifHebrew-Bold.ttf",
    "NotoSansSymbols2-Regular.ttf",
];

/// Styles and locales (about 470 KB as CBOR, 52 KB deflated).
const CSL: [&str; 8] = [
    "styles/chicago-notes-bibliography.cbor",
    "styles/chicago-author-date.cbor",
    "styles/apa.cbor",
    "styles/modern-language-association.cbor",
    "styles/ieee.cbor",
    "styles/harvard-cite-them-right.cbor",
    "locales/en-US.cbor",
    "locales/en-GB.cbor",
];

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for file in CSL {
        let path = format!("assets/csl/{file}");
        println!("cargo:rerun-if-changed={path}");
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let name = file.rsplit('/').next().unwrap_or(file);
        std::fs::write(
            out.join(format!("{name}.deflate")),
            miniz_oxide::deflate::compress_to_vec(&bytes, 10),
        )
        .unwrap_or_else(|e| panic!("{name}.deflate: {e}"));
    }
    for name in FONTS {
        let path = format!("assets/fonts/{name}");
        println!("cargo:rerun-if-changed={path}");
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let deflated = miniz_oxide::deflate::compress_to_vec(&bytes, 10);
        std::fs::write(out.join(format!("{name}.deflate")), deflated)
            .unwrap_or_else(|e| panic!("{name}.deflate: {e}"));
    }
}
