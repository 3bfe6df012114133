//! Helpers shared by the integration tests.

/// The text of a PDF as pdf-extract reads it. pdf-extract 0.12 misreads
/// the `first last width` form of a CID font's widths (the form krilla
/// writes) as no widths at all, so every glyph would be 0 wide and lines
/// and words would run together: the widths are rewritten in the
/// `first [width …]` form before extraction.
pub fn extract_text(pdf: &[u8]) -> String {
    use pdf_extract::Object;
    let mut doc = pdf_extract::Document::load_mem(pdf).unwrap();
    for object in doc.objects.values_mut() {
        let Ok(dict) = object.as_dict_mut() else {
            continue;
        };
        let Ok(Object::Array(w)) = dict.get(b"W") else {
            continue;
        };
        let mut out = Vec::new();
        let mut i = 0;
        while i < w.len() {
            if let Some(Object::Array(_)) = w.get(i + 1) {
                out.extend_from_slice(&w[i..i + 2]);
                i += 2;
            } else if let (Ok(first), Ok(last), Some(width)) = (
                w[i].as_i64(),
                w.get(i + 1).map_or(Err(()), |o| o.as_i64().map_err(|_| ())),
                w.get(i + 2),
            ) {
                out.push(Object::Integer(first));
                out.push(Object::Array(vec![
                    width.clone();
                    (last - first + 1).max(0) as usize
                ]));
                i += 3;
            } else {
                break;
            }
        }
        dict.set("W", Object::Array(out));
    }
    let mut text = String::new();
    pdf_extract::output_doc(&doc, &mut pdf_extract::PlainTextOutput::new(&mut text)).unwrap();
    text
}

/// Text extracted in drawing order, which for right-to-left runs is
/// visual order, put back in logical order line by line: for a line of
/// runs at levels 0 and 1, the Unicode Bidirectional Algorithm's
/// reordering is its own inverse. As in the PDF, a line is right to left
/// only when it has no left-to-right letter.
#[allow(dead_code)]
pub fn logical(text: &str) -> String {
    use unicode_bidi::{BidiClass, Level};
    text.lines()
        .map(|line| {
            let ltr = line
                .chars()
                .any(|c| unicode_bidi::bidi_class(c) == BidiClass::L);
            let base = if ltr { Level::ltr() } else { Level::rtl() };
            let info = unicode_bidi::BidiInfo::new(line, Some(base));
            match info.paragraphs.first() {
                Some(para) => info.reorder_line(para, para.range.clone()).into_owned(),
                None => line.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
