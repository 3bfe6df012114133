//! The invisible characters `text/control` and `text/bidi` report and the
//! exports drop: one definition for the rule and the resolver.

/// C0 controls other than tab and line breaks, DEL and the C1 controls.
pub fn is_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// The bidirectional embedding, override and isolate controls.
pub fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}
