//! The JSON Schema of a backgrounder, compiled once, and its errors in
//! words an editor understands.

mod messages;
pub mod rules;

pub use messages::did_you_mean;

use std::sync::LazyLock;

use jsonschema::Validator;
use serde_json::Value;

use crate::diag::Diagnostic;
use crate::load::PositionMap;

/// The schema's text, as shipped in `schemas/backgrounder.schema.json`.
pub const BACKGROUNDER_SCHEMA: &str = include_str!("../../schemas/backgrounder.schema.json");

struct Compiled {
    schema: Value,
    validator: Validator,
}

static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    let schema: Value =
        serde_json::from_str(BACKGROUNDER_SCHEMA).expect("the bundled schema is valid JSON");
    let validator = jsonschema::draft202012::options()
        .build(&schema)
        .expect("the bundled schema compiles");
    Compiled { schema, validator }
});

/// The bundled schema as JSON.
pub fn schema() -> &'static Value {
    &COMPILED.schema
}

/// Validates a loaded document and returns one diagnostic per schema error,
/// each at the YAML position of the offending node.
pub fn validate(value: &Value, positions: &PositionMap, file: &std::path::Path) -> Vec<Diagnostic> {
    let compiled = &*COMPILED;
    // Most documents are valid; `is_valid` stops early and builds no errors.
    if compiled.validator.is_valid(value) {
        return Vec::new();
    }
    compiled
        .validator
        .iter_errors(value)
        .flat_map(|error| messages::describe(&error, value, &compiled.schema, positions, file))
        .collect()
}
