//! A place in a loaded document as the steps down to it, borrowed from the
//! document: the rules that walk every value keep one, and write its JSON
//! pointer only for a finding.

use std::fmt::Write as _;

use crate::load::positions::escape_token;

/// One step down the document: a key or a list index.
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The JSON pointer of a path.
pub fn pointer_of(path: &[Step<'_>]) -> String {
    let mut pointer = String::new();
    for step in path {
        match step {
            Step::Key(k) => {
                pointer.push('/');
                pointer.push_str(&escape_token(k));
            }
            Step::Index(i) => {
                let _ = write!(pointer, "/{i}");
            }
        }
    }
    pointer
}
