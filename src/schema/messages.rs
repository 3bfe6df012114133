//! Turns `jsonschema` errors into diagnostics: "`updated` is missing", not a
//! dump of the schema. Hints come from the schema's own `description`s, so
//! the words an editor's language server shows and the words `check` prints
//! are the same.

use std::path::Path;

use jsonschema::ValidationError;
use jsonschema::error::ValidationErrorKind as Kind;
use serde_json::Value;

use super::rules::{MISSING_FIELD, TYPE, UNKNOWN_FIELD, VALUE};
use crate::diag::{Diagnostic, Rule};
use crate::load::PositionMap;
use crate::load::positions::child;

pub(super) fn describe(
    error: &ValidationError<'_>,
    instance: &Value,
    schema: &Value,
    positions: &PositionMap,
    file: &Path,
) -> Vec<Diagnostic> {
    let pointer = error.instance_path().as_str().to_owned();
    let node = lookup(schema, &pointer);
    let description = node
        .and_then(|n| n.get("description"))
        .and_then(Value::as_str);
    let field = field_name(&pointer);
    let value = instance.pointer(&pointer);
    let at_value = |code, message: String, hint: String| {
        let p = positions.value(&pointer);
        diag(code, message, hint, file, p, &pointer)
    };
    match error.kind() {
        Kind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let target = child(&pointer, name);
            let hint = lookup(schema, &target)
                .and_then(|n| n.get("description"))
                .and_then(Value::as_str)
                .map(|d| format!("add `{name}:`. {d}"))
                .unwrap_or_else(|| format!("add `{name}:`"));
            let where_ = if pointer.is_empty() {
                String::new()
            } else {
                format!(" in {field}")
            };
            vec![at_value(
                &MISSING_FIELD,
                format!("`{name}` is missing{where_}"),
                hint,
            )]
        }
        Kind::AdditionalProperties { unexpected } => {
            let allowed: Vec<String> = node
                .map(|n| resolve(schema, n))
                .and_then(|n| n.get("properties"))
                .and_then(Value::as_object)
                .map(|p| p.keys().cloned().collect())
                .unwrap_or_default();
            unexpected
                .iter()
                .map(|name| {
                    let target = child(&pointer, name);
                    let p = positions.key(&target);
                    let hint = match did_you_mean(name, &allowed) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => format!("the fields allowed here are: {}", allowed.join(", ")),
                    };
                    diag(
                        &UNKNOWN_FIELD,
                        format!("unknown field `{name}`"),
                        hint,
                        file,
                        p,
                        &target,
                    )
                })
                .collect()
        }
        Kind::Type { .. } => {
            let expected = node
                .map(|n| expected_type(n, schema))
                .unwrap_or("another type");
            let found = value.map(type_name).unwrap_or("nothing");
            let mut hint = description.unwrap_or_default().to_owned();
            if expected == "a list" && matches!(value, Some(Value::String(_))) {
                hint = format!(
                    "write a list: `[{}]` or one `- item` per line. {hint}",
                    value.and_then(Value::as_str).unwrap_or_default()
                );
            } else if expected == "true or false" {
                hint = format!("write `true` or `false`. {hint}");
            }
            vec![at_value(
                &TYPE,
                format!("{field} must be {expected}, found {found}"),
                hint.trim().to_owned(),
            )]
        }
        Kind::Enum { options } => {
            let options: Vec<String> = options
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|o| o.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            let found = value.and_then(Value::as_str).unwrap_or_default();
            let hint = match did_you_mean(found, &options) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("use one of: {}", options.join(", ")),
            };
            vec![at_value(
                &VALUE,
                format!("{field} is `{found}`, which is not one of the accepted values"),
                hint,
            )]
        }
        Kind::Constant { expected_value } => vec![at_value(
            &VALUE,
            format!(
                "{field} must be `{}`",
                expected_value.as_str().unwrap_or_default()
            ),
            description.unwrap_or_default().to_owned(),
        )],
        Kind::Pattern { .. } => {
            let found = value.and_then(Value::as_str).unwrap_or_default();
            // The hint is the field's description and then the form's, the
            // one next to the pattern (`$defs/date`'s "A date: `2014-07-28`,
            // ..."), when the field refers to a shared form.
            let form = node
                .map(|n| resolve(schema, n))
                .and_then(|n| n.get("description"))
                .and_then(Value::as_str);
            let hint = match (description, form) {
                (Some(own), Some(form)) if own != form => format!("{own} {form}"),
                (own, form) => own.or(form).unwrap_or_default().to_owned(),
            };
            vec![at_value(
                &VALUE,
                format!("{field} `{found}` is not in the expected form"),
                hint,
            )]
        }
        Kind::MinItems { .. } => vec![at_value(
            &VALUE,
            format!("{field} is empty"),
            description.unwrap_or_default().to_owned(),
        )],
        Kind::MinLength { .. } => vec![at_value(
            &VALUE,
            format!("{field} is empty"),
            description.unwrap_or_default().to_owned(),
        )],
        Kind::MinProperties { .. } | Kind::MaxProperties { .. } => vec![at_value(
            &VALUE,
            format!("{field} must have exactly one of its fields"),
            description.unwrap_or_default().to_owned(),
        )],
        Kind::OneOfNotValid { .. } | Kind::OneOfMultipleValid { .. } | Kind::AnyOf { .. } => {
            vec![at_value(
                &VALUE,
                format!("{field} does not have an accepted form"),
                description.unwrap_or_default().to_owned(),
            )]
        }
        Kind::Not { .. } => vec![at_value(
            &VALUE,
            format!("{field} combines fields that exclude each other"),
            description.unwrap_or_default().to_owned(),
        )],
        other => vec![at_value(
            &VALUE,
            format!("{field} is not valid: {}", other.keyword()),
            description.unwrap_or_default().to_owned(),
        )],
    }
}

fn diag(
    rule: &Rule,
    message: String,
    hint: String,
    file: &Path,
    at: crate::diag::Span,
    pointer: &str,
) -> Diagnostic {
    Diagnostic::new(rule, file, message, hint)
        .at(at)
        .pointer(pointer)
}

/// How a node is named in a message: `` `updated` ``, `` item 2 of `cite` ``,
/// or "the document".
pub(crate) fn field_name(pointer: &str) -> String {
    let mut tokens = pointer.rsplit('/');
    let last = tokens.next().unwrap_or_default();
    if pointer.is_empty() {
        return "the document".into();
    }
    match last.parse::<usize>() {
        Ok(index) => match tokens.next() {
            Some(parent) if !parent.is_empty() => format!("item {} of `{parent}`", index + 1),
            _ => format!("item {}", index + 1),
        },
        Err(_) => format!("`{}`", last.replace("~1", "/").replace("~0", "~")),
    }
}

/// The schema node that describes the instance at `pointer`, following
/// local `$ref`s, `items` and `properties` (and the object branch of an `anyOf`).
fn lookup<'s>(schema: &'s Value, pointer: &str) -> Option<&'s Value> {
    let mut node = schema;
    for token in pointer.split('/').skip(1) {
        let here = resolve(schema, node);
        node = if token.parse::<usize>().is_ok() && here.get("items").is_some() {
            here.get("items")?
        } else if let Some(p) = here.get("properties").and_then(|p| p.get(token)) {
            p
        } else {
            here.get("anyOf")
                .and_then(Value::as_array)?
                .iter()
                .find_map(|b| {
                    resolve(schema, b)
                        .get("properties")
                        .and_then(|p| p.get(token))
                })?
        };
    }
    Some(merged(schema, node))
}

/// A node with its `$ref` followed; where the referring node has its own
/// `description`, the caller keeps it (see [`merged`]).
fn resolve<'s>(schema: &'s Value, node: &'s Value) -> &'s Value {
    let mut node = node;
    for _ in 0..8 {
        match node.get("$ref").and_then(Value::as_str) {
            Some(r) => match r.strip_prefix('#').and_then(|p| schema.pointer(p)) {
                Some(target) => node = target,
                None => break,
            },
            None => break,
        }
    }
    node
}

/// The node to read a description from: the referring node if it describes
/// itself, else its target.
fn merged<'s>(schema: &'s Value, node: &'s Value) -> &'s Value {
    if node.get("description").is_some() && node.get("$ref").is_some() {
        // Keep the more specific description, but the target's structure is
        // found by `expected_type` through `resolve`.
        return node;
    }
    resolve(schema, node)
}

fn expected_type(node: &Value, schema: &Value) -> &'static str {
    let node = resolve(schema, node);
    // A text field (or an id, or a date) also accepts a number, for editors
    // whose YAML reader makes one of `1965`; to `check` every plain value
    // is text, so the field is named for its text.
    let first = match node.get("type") {
        Some(Value::Array(types)) if types.iter().any(|t| t == "string") => Some("string"),
        Some(Value::Array(types)) => types.first().and_then(Value::as_str),
        other => other.and_then(Value::as_str),
    };
    match first {
        Some("array") => "a list",
        Some("object") => "a mapping of fields",
        Some("string") => "text",
        Some("boolean") => "true or false",
        Some("integer" | "number") => "a number",
        _ => "another type",
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// The closest allowed name, if it is close enough to be a typo.
pub fn did_you_mean<'a>(name: &str, allowed: &'a [String]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|a| (strsim::damerau_levenshtein(&name.to_lowercase(), a), a))
        .filter(|(d, a)| *d <= 2.max(a.len() / 3) && *d < a.len())
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a.as_str())
}
