//! Structure-aware: a valid document (the MEK backgrounder) with arbitrary
//! edits at arbitrary nodes, written out as JSON (which is YAML) and checked;
//! when it still passes, exported too.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use arbitrary::Arbitrary;
use backgrounder::check;
use backgrounder::export::{self, ExportOptions};
use backgrounder::load::{self, Limits};
use backgrounder::rules::ContentSet;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

static BASE: LazyLock<(Value, Vec<String>)> = LazyLock::new(|| {
    let text = include_str!("../../content/mujahadeen-e-khalq.yaml");
    let value = load::yaml::parse(text, Limits::default()).unwrap().value;
    let mut pointers = Vec::new();
    collect(&value, String::new(), &mut pointers);
    (value, pointers)
});

fn collect(value: &Value, pointer: String, out: &mut Vec<String>) {
    out.push(pointer.clone());
    match value {
        Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| collect(v, format!("{pointer}/{i}"), out)),
        Value::Object(map) => map.iter().for_each(|(k, v)| collect(v, format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1")), out)),
        _ => {}
    }
}

#[derive(Arbitrary, Debug)]
enum Replacement {
    Null,
    Bool(bool),
    Text(String),
    Date(u16, u8, u8),
    EmptyList,
    EmptyMap,
    Number(i64),
    Nested(u8),
    CopyOf(u16),
}

#[derive(Arbitrary, Debug)]
struct Edit {
    target: u16,
    replacement: Replacement,
}

fuzz_target!(|edits: Vec<Edit>| {
    let (base, pointers) = &*BASE;
    let mut doc = base.clone();
    for edit in edits.iter().take(16) {
        let pointer = &pointers[edit.target as usize % pointers.len()];
        let new = match &edit.replacement {
            Replacement::Null => Value::Null,
            Replacement::Bool(b) => Value::Bool(*b),
            Replacement::Text(t) => Value::String(t.clone()),
            Replacement::Date(y, m, d) => Value::String(format!("{y:04}-{m:02}-{d:02}")),
            Replacement::EmptyList => Value::Array(vec![]),
            Replacement::EmptyMap => Value::Object(Default::default()),
            Replacement::Number(n) => Value::from(*n),
            Replacement::Nested(n) => (0..*n).fold(Value::Null, |v, _| Value::Array(vec![v])),
            Replacement::CopyOf(i) => base.pointer(&pointers[*i as usize % pointers.len()]).cloned().unwrap_or(Value::Null),
        };
        if let Some(slot) = doc.pointer_mut(pointer) {
            *slot = new;
        }
    }
    let text = serde_json::to_vec(&doc).unwrap();
    let limits = Limits::default();
    let Ok(source) = load::decode(Path::new("mujahadeen-e-khalq.yaml"), text, limits) else {
        return;
    };
    let mut set = ContentSet::default();
    set.ids.insert("mujahadeen-e-khalq".into());
    set.ids.insert("irans-revolutionary-guards".into());
    let checked = check::check_source(source, &set, limits);
    let clean = checked.diagnostics.iter().all(|d| d.severity != backgrounder::Severity::Error);
    if let (true, Some(doc)) = (clean, checked.document) {
        let resolved = export::resolve(&doc, &|s| backgrounder::model::inline::plain_text(&s.title));
        for name in ["md", "json", "jsonld"] {
            let exporter = export::exporter(name).unwrap();
            exporter.export(&resolved, &ExportOptions::default()).unwrap();
        }
    }
});
