//! Every export read back by a reader we did not write, and compared with
//! the resolved document: the Markdown by pulldown-cmark (GFM footnotes) and
//! by cmark-gfm when it is installed, the JSON by the export schema, the
//! JSON-LD as text that may be inlined in HTML, the PDF by pdf-extract.
//!
//! Run on the documents in `content/`, every passing rule fixture and the
//! hostile fixtures in `tests/fixtures/export/`.
//!
//! The normalisation under which a claim's text must come back: its inline
//! Markdown read by `model::inline::parse` (markup removed, bare URLs kept
//! as their text, typographic quotes and dashes) with whitespace collapsed.
//! For the PDF, whitespace and hyphens are ignored as well, since lines
//! are broken and hyphenated there.

mod common;
use common::extract_text;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use backgrounder::check::check_file;
use backgrounder::export::json::Json;
use backgrounder::export::jsonld::JsonLd;
use backgrounder::export::markdown::Markdown;
use backgrounder::export::pdf::Pdf;
use backgrounder::export::reference::ReferenceStyle;
use backgrounder::export::{ExportOptions, Exporter, Resolved, ResolvedBlock, resolve};
use backgrounder::load::Limits;
use backgrounder::model::inline;
use backgrounder::rules::ContentSet;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>, only: Option<&str>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            yaml_files(&path, out, only);
        } else if path.extension().is_some_and(|e| e == "yaml")
            && only.is_none_or(|name| path.file_name().is_some_and(|f| f == name))
        {
            out.push(path);
        }
    }
}

/// Every document the round trip runs on, resolved with the default
/// reference style.
fn documents() -> Vec<(PathBuf, Resolved)> {
    let mut files = Vec::new();
    yaml_files(&root().join("content"), &mut files, None);
    yaml_files(
        &root().join("tests/fixtures/rules"),
        &mut files,
        Some("passes.yaml"),
    );
    yaml_files(&root().join("tests/fixtures/export"), &mut files, None);
    let style = ReferenceStyle::default_style().unwrap();
    let mut docs = Vec::new();
    for path in files {
        let checked = check_file(&path, &ContentSet::default(), Limits::default());
        if let Some(doc) = checked.document {
            docs.push((path, resolve(&doc, &|s| style.format(s))));
        }
    }
    assert!(docs.len() > 40, "only {} documents", docs.len());
    docs
}

fn export(exporter: &dyn Exporter, doc: &Resolved) -> Vec<u8> {
    exporter.export(doc, &ExportOptions::default()).unwrap()
}

/// The PDF of `doc`, with the fonts of a `# pdf fonts: path` line of its
/// file (the `pdf/missing-glyph` fixture that passes with a CJK font).
fn export_pdf(path: &Path, doc: &Resolved) -> Vec<u8> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let fonts: Vec<PathBuf> = text
        .lines()
        .filter_map(|l| l.strip_prefix("# pdf fonts: "))
        .map(|f| path.parent().unwrap().join(f.trim()))
        .collect();
    let options = ExportOptions {
        fonts: Some(backgrounder::export::pdf::FontChain::load(&fonts).unwrap()),
        ..ExportOptions::default()
    };
    Pdf.export(doc, &options).unwrap()
}

/// A claim's or quote's text under the documented normalisation.
fn shown(nodes: &[inline::Inline]) -> String {
    inline::collapse(&inline::plain(nodes))
}

fn claims(doc: &Resolved) -> Vec<String> {
    doc.claims()
        .map(|c| shown(&c.inline))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Asserts that each needle occurs in `hay` after the previous one.
fn in_order(what: &str, hay: &str, needles: &[String]) {
    let mut from = 0;
    for needle in needles {
        match hay[from..].find(needle.as_str()) {
            Some(at) => from += at + needle.len(),
            None => panic!("{what}: `{needle}` not found in order in:\n{hay}"),
        }
    }
}

/// Whether a link target in an export is allowed: http(s), mailto, a
/// fragment, or another backgrounder's export next to this one.
fn allowed_link(url: &str) -> bool {
    inline::safe_url(url)
        || url.strip_suffix(".md").is_some_and(|id| {
            !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}

#[derive(Default)]
struct Read {
    text: String,
    links: Vec<String>,
    footnote_refs: BTreeSet<String>,
    footnote_defs: Vec<String>,
    html: Vec<String>,
    metadata: String,
}

fn read_markdown(md: &str) -> Read {
    let options = Options::ENABLE_FOOTNOTES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut r = Read::default();
    let mut in_metadata = false;
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Text(t) | Event::Code(t) if in_metadata => r.metadata.push_str(&t),
            Event::Text(t) | Event::Code(t) => r.text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => r.text.push(' '),
            Event::Html(h) | Event::InlineHtml(h) => r.html.push(h.to_string()),
            Event::FootnoteReference(l) => {
                r.footnote_refs.insert(l.to_string());
            }
            Event::Start(Tag::FootnoteDefinition(l)) => r.footnote_defs.push(l.to_string()),
            Event::Start(Tag::Link { dest_url, .. }) => r.links.push(dest_url.to_string()),
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => r.text.push('\n'),
            _ => {}
        }
    }
    r
}

#[test]
fn markdown_reads_back_exactly() {
    for (path, doc) in documents() {
        let what = path.display().to_string();
        let md = String::from_utf8(export(&Markdown, &doc)).unwrap();
        let r = read_markdown(&md);
        assert!(r.html.is_empty(), "{what}: raw HTML {:?}", r.html);
        in_order(&what, &r.text, &claims(&doc));
        for source in &doc.sources {
            if let Some(url) = source.source.url.as_deref().filter(|u| inline::safe_url(u)) {
                assert!(
                    r.links.iter().any(|l| l == url),
                    "{what}: no link to {url:?} in {:?}",
                    r.links
                );
            }
        }
        for link in &r.links {
            assert!(allowed_link(link), "{what}: link {link:?}");
        }
        let defined: BTreeSet<String> = r.footnote_defs.iter().cloned().collect();
        assert!(
            r.footnote_refs.is_subset(&defined),
            "{what}: unresolved footnotes {:?} of {defined:?}",
            r.footnote_refs
        );
        assert_eq!(r.footnote_defs.len(), doc.sources.len(), "{what}");
        // The front matter is YAML whose values are the fields' text.
        let meta = &r.metadata;
        assert!(
            meta.contains(&format!("id: \"{}\"", doc.id)),
            "{what}: {meta}"
        );
        for key in ["title:", "authors:", "updated:", "topics:", "summary:"] {
            assert!(meta.contains(key), "{what}: {key} missing from {meta}");
        }
    }
}

#[test]
fn hostile_markdown_keeps_every_character_and_nothing_unsafe() {
    let docs = documents();
    let (_, doc) = docs
        .iter()
        .find(|(p, _)| p.ends_with("hostile.yaml"))
        .unwrap();
    let md = String::from_utf8(export(&Markdown, doc)).unwrap();
    std::fs::write(std::env::temp_dir().join("hostile.md"), &md).unwrap();
    let r = read_markdown(&md);
    // The claim that looks like a link reference definition is there.
    assert!(r.text.contains("[Editor’s note]: updated."), "{}", r.text);
    // URLs byte for byte, with `_`, `*`, `&` and a literal `&amp;`.
    for url in [
        "https://www.washingtonpost.com/blogs/worldviews/wp/2012/09/21/what-the-mek-delisting-means/?utm_term=.511538ae90a4_blog.html",
        "https://example.org/a*b_c&d=1&amp;e=2",
        "https://web.archive.org/web/2014/https://example.org/a*b_c",
        "https://example.org/report_2014",
        "https://example.org/deck_notes?a=1&b=2",
    ] {
        assert!(
            r.links.iter().any(|l| l == url),
            "{url} not in {:?}",
            r.links
        );
    }
    assert!(!md.contains("\\_blog"), "a URL is backslash-escaped");
    // A bare URL at the end of a claim does not swallow its marker.
    assert!(md.contains("<https://example.org/report_2014>[^"), "{md}");
    // Plain text is never Markdown.
    assert!(r.text.contains("grew 5*3*2 times"));
    assert!(r.text.contains("See [x](https://example.org/y) and"));
    // Two locators for one source stay apart, each at its claim.
    assert!(md.contains(" (p. 12)") && md.contains(" (table 3)"), "{md}");
    assert!(!md.contains("Cited at"));
    // The front matter holds the hostile name, escaped so that a reader
    // taking it as Markdown (pandoc) finds no link in it.
    let name = r.metadata.lines().find(|l| l.contains("name:")).unwrap();
    let value: String = serde_json::from_str(name.trim().trim_start_matches("- name: ")).unwrap();
    let as_markdown = Parser::new_ext(&value, Options::all());
    assert!(
        !as_markdown
            .into_iter()
            .any(|e| matches!(e, Event::Start(Tag::Link { .. }))),
        "{value}"
    );
    assert!(!md.contains("<script"));
    // The same headings as the PDF.
    assert!(md.contains("## More on this topic"));
    // Reference italics kept as emphasis.
    assert!(md.contains("*The Iranian Mojahedin*"), "{md}");
}

/// `cmark-gfm` (GitHub's reader, with its autolink extension) sees the
/// same links; skipped when it is not installed.
#[test]
fn cmark_gfm_links_the_same_way() {
    if Command::new("cmark-gfm").arg("--version").output().is_err() {
        eprintln!("skipped: cmark-gfm is not installed (apt-get install cmark-gfm)");
        return;
    }
    let mut checked = 0;
    for (path, doc) in documents() {
        let what = path.display().to_string();
        let md = export(&Markdown, &doc);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("doc.md");
        std::fs::write(&file, &md).unwrap();
        let out = Command::new("cmark-gfm")
            .args(["-e", "footnotes", "-e", "autolink", "-t", "xml"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(out.status.success(), "{what}");
        let xml = String::from_utf8(out.stdout).unwrap();
        let destinations: Vec<String> = xml
            .split("destination=\"")
            .skip(1)
            .map(|rest| xml_unescape(&rest[..rest.find('"').unwrap()]))
            .collect();
        for d in &destinations {
            assert!(allowed_link(d), "{what}: cmark-gfm link {d:?}");
            assert!(!d.contains("[^") && !d.contains('\\'), "{what}: {d:?}");
        }
        for source in &doc.sources {
            if let Some(url) = source.source.url.as_deref().filter(|u| inline::safe_url(u)) {
                assert!(
                    destinations.iter().any(|d| d == url),
                    "{what}: {url} not in {destinations:?}"
                );
            }
        }
        assert!(
            !xml.contains("<html_inline") && !xml.contains("<html_block"),
            "{what}"
        );
        // cmark-gfm's XML has no footnote nodes; its HTML does.
        let out = Command::new("cmark-gfm")
            .args(["-e", "footnotes", "-e", "autolink"])
            .arg(&file)
            .output()
            .unwrap();
        let html = String::from_utf8(out.stdout).unwrap();
        let defs = html.matches("<li id=\"fn-").count();
        let refs = html.matches("data-footnote-ref>").count();
        assert_eq!(defs, doc.sources.len(), "{what}");
        assert!(refs >= defs, "{what}");
        checked += 1;
    }
    eprintln!("cmark-gfm read {checked} Markdown exports");
}

fn xml_unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn json_and_jsonld_can_be_inlined_in_html() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schemas/export.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft202012::options().build(&schema).unwrap();
    for (path, doc) in documents() {
        let what = path.display().to_string();
        for exporter in [&Json as &dyn Exporter, &JsonLd] {
            let bytes = export(exporter, &doc);
            let text = String::from_utf8(bytes).unwrap();
            assert!(!text.contains('<') && !text.contains('>'), "{what}: {text}");
            assert!(!text.contains("</"), "{what}");
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert!(
                !text.to_ascii_lowercase().contains("href=\\\"javascript"),
                "{what}"
            );
            if exporter.name() == "json" {
                let errors: Vec<String> = validator
                    .iter_errors(&value)
                    .map(|e| e.to_string())
                    .collect();
                assert!(errors.is_empty(), "{what}: {errors:?}");
                // Every claim's text comes back exactly.
                let texts: Vec<&str> = value["sections"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|s| s["blocks"].as_array().unwrap())
                    .filter_map(|b| b["claims"].as_array())
                    .flatten()
                    .map(|c| c["text"].as_str().unwrap())
                    .collect();
                let expected: Vec<String> =
                    doc.claims().map(|c| inline::collapse(&c.text)).collect();
                assert_eq!(texts, expected, "{what}");
            }
        }
    }
}

#[test]
fn hostile_json_keeps_reference_italics_and_escapes_markup() {
    let docs = documents();
    let (_, doc) = docs
        .iter()
        .find(|(p, _)| p.ends_with("hostile.yaml"))
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&export(&Json, doc)).unwrap();
    let book = value["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "book")
        .unwrap();
    assert!(
        book["reference_html"]
            .as_str()
            .unwrap()
            .contains("<i>The Iranian Mojahedin</i>"),
        "{book}"
    );
    // The title comes back with its characters, though the file holds none
    // of `<`, `>` or `&`.
    let ld: serde_json::Value = serde_json::from_slice(&export(&JsonLd, doc)).unwrap();
    assert!(
        ld["headline"]
            .as_str()
            .unwrap()
            .contains("</script><script>")
    );
}

/// All text a document shows, whitespace and hyphens removed, for the
/// check that the PDF adds nothing.
fn corpus(doc: &Resolved) -> String {
    let mut all = vec![
        doc.title.clone(),
        doc.short_title.clone(),
        doc.byline(),
        doc.summary.clone(),
        doc.updated.clone(),
        backgrounder::export::resolve::human_date(&doc.updated),
        "BACKGROUNDER Backgrounder Updated Page of Additional Resources More on this topic Sources by".into(),
    ];
    for section in &doc.sections {
        all.push(section.heading.clone());
        for block in &section.blocks {
            match block {
                ResolvedBlock::Paragraph(claims) => {
                    for c in claims {
                        all.push(shown(&c.inline));
                        all.extend(c.citations.iter().filter_map(|c| c.locator.clone()));
                    }
                }
                ResolvedBlock::Quote(q) => {
                    all.push(shown(&q.inline));
                    all.push(q.speaker.name.to_string());
                    all.extend(q.speaker.affiliation.clone());
                    all.extend(q.context.clone());
                    all.extend(q.citations.iter().filter_map(|c| c.locator.clone()));
                }
            }
        }
    }
    for s in &doc.sources {
        all.push(s.reference.clone());
        all.extend(s.source.url.clone());
        all.extend(s.source.archive.clone());
    }
    for r in &doc.resources {
        all.push(r.title.clone());
        all.extend(r.note.clone());
    }
    for r in &doc.related {
        all.push(r.title.clone());
        all.extend(r.authors.clone());
        all.extend(r.note.clone());
    }
    let mut corpus = squash(&inline::typographic(&all.join(" ")));
    // Code spans keep their straight quotes.
    for c in doc.claims() {
        corpus.push_str(&squash(&c.text));
    }
    corpus
}

fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{ad}' | '\u{2010}'))
        .collect()
}

#[test]
fn pdf_text_holds_every_claim_and_nothing_else() {
    for (path, doc) in documents() {
        let what = path.display().to_string();
        let pdf = export_pdf(&path, &doc);
        let text = common::logical(&extract_text(&pdf));
        // Running headers and footers interrupt text that runs across a
        // page break.
        let header = format!(
            "{} Backgrounder",
            inline::typographic(&inline::collapse(&doc.short_title))
        );
        let body: Vec<&str> = text
            .lines()
            .filter(|l| {
                let l = l.trim();
                !(l == header || (l.starts_with("Page ") && l.contains(" of ")))
            })
            .collect();
        let hay = squash(&body.join("\n"));
        let needles: Vec<String> = claims(&doc).iter().map(|c| squash(c)).collect();
        in_order(&what, &hay, &needles);
        let corpus = corpus(&doc);
        for word in text.split_whitespace() {
            // A citation marker ("[2, p. 45; 5]") may follow a word.
            let word = match word.rfind('[') {
                Some(at)
                    if word[at..]
                        .chars()
                        .all(|c| c.is_ascii_digit() || "[],;.".contains(c)) =>
                {
                    &word[..at]
                }
                _ => word,
            };
            // Punctuation the layout adds around a word: quotation marks
            // around a quote, the period after a title.
            let word = squash(word.trim_matches(['.', ',', ';', ':', '“', '”', '—']));
            // A character the PDF's fonts cannot draw (which
            // `pdf/missing-glyph` reports) is shown as a question mark.
            let drawn = word.replace(['\0', '?'], "");
            let marker = word
                .chars()
                .all(|c| c.is_ascii_digit() || "[],;.•—“”".contains(c));
            assert!(
                marker || corpus.contains(&word) || corpus.contains(&drawn),
                "{what}: the PDF shows {word:?}, which is not in the document"
            );
        }
    }
}

/// `tool ARGS… FILE [-]` on `pdf` written to a temporary file; None when
/// the tool is not installed.
fn run_tool(
    tool: &str,
    args: &[&str],
    pdf: &[u8],
    to_stdout: bool,
) -> Option<std::process::Output> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, pdf).unwrap();
    let mut command = Command::new(tool);
    command.args(args).arg(&file);
    if to_stdout {
        command.arg("-");
    }
    command.output().ok()
}

/// Poppler's `pdftotext` (what most readers and indexers use) finds every
/// claim in order, and `qpdf --check` finds no syntax or stream error;
/// each says it skipped when not installed (`.ci/run` installs both).
#[test]
fn poppler_and_qpdf_read_the_pdf() {
    let mut read = 0;
    for (path, doc) in documents() {
        let what = path.display().to_string();
        let pdf = export_pdf(&path, &doc);
        let Some(out) = run_tool("pdftotext", &["-enc", "UTF-8", "-nopgbrk"], &pdf, true) else {
            eprintln!("skipped: pdftotext is not installed (apt-get install poppler-utils)");
            return;
        };
        assert!(out.status.success(), "{what}: pdftotext failed");
        let text = String::from_utf8(out.stdout).unwrap();
        // Running headers and footers interrupt text that runs across
        // pages. Only ASCII is compared: poppler reverses some ligature
        // clusters, and characters the font lacks are `?` until #14.
        // pdftotext gives the header's two parts as lines of their own.
        let short = inline::typographic(&inline::collapse(&doc.short_title));
        let body: Vec<&str> = text
            .lines()
            .filter(|l| {
                let l = l.trim();
                !(l == short
                    || l == "Backgrounder"
                    || (l.starts_with("Page ") && l.contains(" of ")))
            })
            .collect();
        let ascii = |t: &str| -> String {
            squash(t)
                .chars()
                .filter(|c| c.is_ascii() && *c != '?')
                .collect()
        };
        let needles: Vec<String> = claims(&doc).iter().map(|c| ascii(c)).collect();
        in_order(&what, &ascii(&body.join("\n")), &needles);
        match run_tool("qpdf", &["--check"], &pdf, false) {
            Some(out) => {
                let report = String::from_utf8_lossy(&out.stdout);
                assert!(
                    out.status.success() && report.contains("No syntax or stream encoding errors"),
                    "{what}: qpdf --check: {report}{}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            None => eprintln!("skipped: qpdf is not installed (apt-get install qpdf)"),
        }
        read += 1;
    }
    eprintln!("pdftotext and qpdf read {read} PDFs");
}
