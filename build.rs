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
    link_args();
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

/// Linker options that make the release binary smaller without changing
/// its code: identical functions folded, and relative relocations packed
/// (`DT_RELR`, 0.9 MB of `.rela.dyn` otherwise). Only where rustc links with
/// its bundled LLD, the default for x86_64 Linux since Rust 1.90; packing
/// only for a native build on glibc 2.36 or newer, because LLD then makes
/// the binary require `GLIBC_ABI_DT_RELR`, which older glibc lacks.
fn link_args() {
    let target = std::env::var("TARGET").unwrap_or_default();
    let host = std::env::var("HOST").unwrap_or_default();
    let flags = std::env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    if target != "x86_64-unknown-linux-gnu" || flags.contains("linker") || rustc_minor() < 90 {
        return;
    }
    println!("cargo:rustc-link-arg-bins=-Wl,--icf=all");
    if host == target && glibc_minor() >= 36 {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

/// The minor version of this machine's glibc (`getconf GNU_LIBC_VERSION`
/// prints `glibc 2.36`), 0 when it cannot be told.
fn glibc_minor() -> u32 {
    std::process::Command::new("getconf")
        .arg("GNU_LIBC_VERSION")
        .output()
        .ok()
        .and_then(|out| {
            let text = String::from_utf8(out.stdout).ok()?;
            let version = text.trim().strip_prefix("glibc ")?;
            let mut parts = version.split('.');
            (parts.next()? == "2").then_some(())?;
            parts.next()?.parse().ok()
        })
        .unwrap_or(0)
}

/// The minor version of the compiler cargo runs (`rustc 1.95.0 ...`).
fn rustc_minor() -> u32 {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    std::process::Command::new(rustc)
        .arg("--version")
        .output()
        .ok()
        .and_then(|out| {
            let text = String::from_utf8(out.stdout).ok()?;
            text.split_whitespace()
                .nth(1)?
                .split('.')
                .nth(1)?
                .parse()
                .ok()
        })
        .unwrap_or(0)
}
