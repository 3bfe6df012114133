//! The YAML scanner's input, bounded: saphyr's `StrInput` with a count of
//! the characters consumed. The scanner reads a flow collection
//! (`[a, b, …]`) to its end before it gives its first event, holding a
//! token per item; once it has read too far past the last event the input
//! ends, so a flow collection is bounded as a block one is.
//!
//! It also reports a smaller buffer than `StrInput`'s 128 characters: the
//! whole text is in memory, so the size only sets what the scanner reserves
//! for each word of a plain scalar, and 128 bytes a word made most scalars
//! (every key among them) reallocate.

use std::cell::Cell;

use saphyr_parser::input::SkipTabs;
use saphyr_parser::{Input, StrInput};

/// Where reading must stop, shared between the input (owned by the parser)
/// and the loader that moves it on at each event.
#[derive(Debug, Default)]
pub struct Fence {
    /// Characters the input may consume in all.
    pub allowed: Cell<usize>,
    /// Set once the input was cut short.
    pub cut: Cell<bool>,
}

/// The buffer size given to the scanner: below the 32 bytes it allocates
/// for a plain scalar, and above the 4 characters of lookahead it needs.
const BUFFER_LEN: usize = 16;

pub struct Bounded<'a> {
    inner: StrInput<'a>,
    consumed: usize,
    /// None for a text too short to reach any fence: nothing is counted.
    fence: Option<&'a Fence>,
}

impl<'a> Bounded<'a> {
    pub fn new(text: &'a str, fence: Option<&'a Fence>) -> Self {
        Bounded {
            inner: StrInput::new(text),
            consumed: 0,
            fence,
        }
    }

    #[inline]
    fn consume(&mut self, n: usize) {
        let Some(fence) = self.fence else { return };
        self.consumed = self.consumed.saturating_add(n);
        if self.consumed > fence.allowed.get() && !fence.cut.get() {
            fence.cut.set(true);
            // The rest of the text is out of reach: the scanner sees its end.
            self.inner = StrInput::new("");
        }
    }
}

impl Input for Bounded<'_> {
    #[inline]
    fn lookahead(&mut self, count: usize) {
        self.inner.lookahead(count);
    }
    #[inline]
    fn buflen(&self) -> usize {
        self.inner.buflen()
    }
    #[inline]
    fn bufmaxlen(&self) -> usize {
        BUFFER_LEN
    }
    #[inline]
    fn buf_is_empty(&self) -> bool {
        self.inner.buf_is_empty()
    }
    #[inline]
    fn raw_read_ch(&mut self) -> char {
        let c = self.inner.raw_read_ch();
        self.consume(1);
        c
    }
    #[inline]
    fn raw_read_non_breakz_ch(&mut self) -> Option<char> {
        let c = self.inner.raw_read_non_breakz_ch();
        if c.is_some() {
            self.consume(1);
        }
        c
    }
    #[inline]
    fn skip(&mut self) {
        self.inner.skip();
        self.consume(1);
    }
    #[inline]
    fn skip_n(&mut self, count: usize) {
        self.inner.skip_n(count);
        self.consume(count);
    }
    #[inline]
    fn peek(&self) -> char {
        self.inner.peek()
    }
    #[inline]
    fn peek_nth(&self, n: usize) -> char {
        self.inner.peek_nth(n)
    }
    #[inline]
    fn peek_opt(&self) -> Option<char> {
        self.inner.peek_opt()
    }
    #[inline]
    fn look_ch(&mut self) -> char {
        self.inner.look_ch()
    }
    #[inline]
    fn next_char_is(&self, c: char) -> bool {
        self.inner.next_char_is(c)
    }
    #[inline]
    fn nth_char_is(&self, n: usize, c: char) -> bool {
        self.inner.nth_char_is(n, c)
    }
    #[inline]
    fn next_2_are(&self, c1: char, c2: char) -> bool {
        self.inner.next_2_are(c1, c2)
    }
    #[inline]
    fn next_3_are(&self, c1: char, c2: char, c3: char) -> bool {
        self.inner.next_3_are(c1, c2, c3)
    }
    #[inline]
    fn next_is_document_indicator(&self) -> bool {
        self.inner.next_is_document_indicator()
    }
    #[inline]
    fn next_is_document_start(&self) -> bool {
        self.inner.next_is_document_start()
    }
    #[inline]
    fn next_is_document_end(&self) -> bool {
        self.inner.next_is_document_end()
    }
    #[inline]
    fn skip_ws_to_eol(&mut self, skip_tabs: SkipTabs) -> (usize, Result<SkipTabs, &'static str>) {
        let r = self.inner.skip_ws_to_eol(skip_tabs);
        self.consume(r.0);
        r
    }
    /// saphyr's test, with the character after the next decoded only
    /// after a `:` (saphyr decodes it for every character of a plain
    /// scalar).
    #[inline]
    fn next_can_be_plain_scalar(&self, in_flow: bool) -> bool {
        let flow = |c: char| matches!(c, ',' | '[' | ']' | '{' | '}');
        match self.inner.peek() {
            // An indicator ends a plain scalar (YAML 1.2, 7.3.3).
            ':' => {
                let next = self.inner.peek_nth(1);
                !(matches!(next, ' ' | '\t' | '\n' | '\r' | '\0') || (in_flow && flow(next)))
            }
            // A byte order mark is no plain scalar character (5.2).
            '\u{FEFF}' => false,
            c => !(in_flow && flow(c)),
        }
    }
    #[inline]
    fn next_is_blank_or_break(&self) -> bool {
        self.inner.next_is_blank_or_break()
    }
    #[inline]
    fn next_is_blank_or_breakz(&self) -> bool {
        self.inner.next_is_blank_or_breakz()
    }
    #[inline]
    fn next_is_blank(&self) -> bool {
        self.inner.next_is_blank()
    }
    #[inline]
    fn next_is_break(&self) -> bool {
        self.inner.next_is_break()
    }
    #[inline]
    fn next_is_breakz(&self) -> bool {
        self.inner.next_is_breakz()
    }
    #[inline]
    fn next_is_z(&self) -> bool {
        self.inner.next_is_z()
    }
    #[inline]
    fn next_is_flow(&self) -> bool {
        self.inner.next_is_flow()
    }
    #[inline]
    fn next_is_digit(&self) -> bool {
        self.inner.next_is_digit()
    }
    #[inline]
    fn next_is_alpha(&self) -> bool {
        self.inner.next_is_alpha()
    }
    #[inline]
    fn skip_while_non_breakz(&mut self) -> usize {
        let n = self.inner.skip_while_non_breakz();
        self.consume(n);
        n
    }
    #[inline]
    fn skip_while_blank(&mut self) -> usize {
        let n = self.inner.skip_while_blank();
        self.consume(n);
        n
    }
    #[inline]
    fn fetch_while_is_alpha(&mut self, out: &mut String) -> usize {
        let n = self.inner.fetch_while_is_alpha(out);
        self.consume(n);
        n
    }
    #[inline]
    fn fetch_while_is_yaml_non_space(&mut self, out: &mut String) -> usize {
        let n = self.inner.fetch_while_is_yaml_non_space(out);
        self.consume(n);
        n
    }
}
