//! Stores the bundled fallback fonts deflated in the binary (`OUT_DIR`);
//! the PDF writer inflates each once, on first use
//! (src/export/pdf/fonts.rs). The body faces, which every PDF uses, are
//! included as they are.

use std::path::PathBuf;

const FONTS: [&str; 5] = [
    "NotoNaskhArabic-Regular.ttf",
    "NotoNaskhArabic-Bold.ttf",
    "NotoSerifHebrew-Regular.ttf",
    "NotoSerifHebrew-Bold.ttf",
    "NotoSansSymbols2-Regular.ttf",
];

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for name in FONTS {
        let path = format!("assets/fonts/{name}");
        println!("cargo:rerun-if-changed={path}");
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let deflated = miniz_oxide::deflate::compress_to_vec(&bytes, 10);
        std::fs::write(out.join(format!("{name}.deflate")), deflated)
            .unwrap_or_else(|e| panic!("{name}.deflate: {e}"));
    }
}
