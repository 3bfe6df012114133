//! The JSON Schema of a backgrounder, compiled once, and its errors in
//! words an editor understands.

mod messages;
pub mod rules;

pub use messages::did_you_mean;

use std::sync::LazyLock;

use serde_json::Value;

use crate::diag::Diagnostic;
use crate::load::PositionMap;

/// The schema's text, as shipped in `schemas/backgrounder.schema.json`.
pub const BACKGROUNDER_SCHEMA: &str = include_str!("../../schemas/backgrounder.schema.json");

/// The validator of the bundled schema, generated from it at build time.
#[jsonschema::validator(path = "schemas/backgrounder.schema.json", draft = Draft202012)]
struct Backgrounder;

/// The bundled schema as JSON, parsed on first use: its descriptions are
/// the hints of schema findings.
static SCHEMA: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(BACKGROUNDER_SCHEMA).expect("the bundled schema is valid JSON")
});

/// The bundled schema as JSON.
pub fn schema() -> &'static Value {
    &SCHEMA
}

/// Validates a loaded document and returns one diagnostic per schema error,
/// each at the YAML position of the offending node.
pub fn validate(value: &Value, positions: &PositionMap, file: &std::path::Path) -> Vec<Diagnostic> {
    // Most documents are valid; `is_valid` stops early and builds no errors.
    if Backgrounder::is_valid(value) {
        return Vec::new();
    }
    Backgrounder::iter_errors(value)
        .flat_map(|error| messages::describe(&error, value, schema(), positions, file))
        .collect()
}
