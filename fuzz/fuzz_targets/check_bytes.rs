//! Arbitrary bytes through the whole checker: decoding, YAML, schema, rules.
#![no_main]

use std::path::Path;

use backgrounder::check;
use backgrounder::load::{self, Limits};
use backgrounder::rules::ContentSet;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    let Ok(source) = load::decode(Path::new("fuzz.yaml"), data.to_vec(), limits) else {
        return;
    };
    let mut set = ContentSet::default();
    set.ids.insert("fuzz".into());
    let checked = check::check_source(source, &set, limits);
    for d in &checked.diagnostics {
        assert!(d.line >= 1 && d.column >= 1, "{d:?}");
    }
});
