//! The published schema and `check` agree. `check` reads every plain YAML
//! value but true/false and null as text; an editor's language server (or
//! check-jsonschema) reads the same file with the YAML 1.2 core schema and
//! sees numbers in `date: 1965` or `url: 42`. For every `.yaml` file under
//! `tests/fixtures/` and `content/`, this test types the file the editor's
//! way, independently of `src/load` (saphyr-parser events and a core-schema
//! resolver written here from the spec's regular expressions), validates
//! it against `schemas/backgrounder.schema.json` as read from disk, and
//! asserts the verdict equals whether `backgrounder check --format json
//! FILE` reports a `schema/*` finding.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::LazyLock;

use regex::Regex;
use saphyr_parser::{Event, Parser, ScalarStyle};
use serde_json::{Map, Number, Value};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.yaml` file under `dir`, recursively, in a stable order.
fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

/// A regular expression that must match the whole text.
fn whole(re: &str) -> Regex {
    Regex::new(&format!("^(?:{re})$")).unwrap()
}

// The YAML 1.2.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
static NULL: LazyLock<Regex> = LazyLock::new(|| whole("null|Null|NULL|~|"));
static TRUE: LazyLock<Regex> = LazyLock::new(|| whole("true|True|TRUE"));
static FALSE: LazyLock<Regex> = LazyLock::new(|| whole("false|False|FALSE"));
static INT_10: LazyLock<Regex> = LazyLock::new(|| whole("[-+]?[0-9]+"));
static INT_8: LazyLock<Regex> = LazyLock::new(|| whole("0o[0-7]+"));
static INT_16: LazyLock<Regex> = LazyLock::new(|| whole("0x[0-9a-fA-F]+"));
static FLOAT: LazyLock<Regex> =
    LazyLock::new(|| whole(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"));
static INFINITY: LazyLock<Regex> = LazyLock::new(|| whole(r"[-+]?\.(inf|Inf|INF)"));
static NAN: LazyLock<Regex> = LazyLock::new(|| whole(r"\.nan|\.NaN|\.NAN"));

/// A number as JSON: an integer when it fits 64 bits, else a float.
fn integer(digits: &str, radix: u32) -> Value {
    match i64::from_str_radix(digits, radix) {
        Ok(n) => Value::from(n),
        Err(_) => float(&digits.parse::<f64>().unwrap_or(f64::MAX).to_string()),
    }
}

fn float(text: &str) -> Value {
    Value::Number(Number::from_f64(text.parse().unwrap()).unwrap())
}

/// A plain scalar typed by the core schema; `Err` for what JSON cannot hold.
fn core_plain(text: &str) -> Result<Value, &'static str> {
    Ok(if NULL.is_match(text) {
        Value::Null
    } else if TRUE.is_match(text) {
        Value::Bool(true)
    } else if FALSE.is_match(text) {
        Value::Bool(false)
    } else if INT_10.is_match(text) {
        integer(text.strip_prefix('+').unwrap_or(text), 10)
    } else if INT_8.is_match(text) {
        integer(&text[2..], 8)
    } else if INT_16.is_match(text) {
        integer(&text[2..], 16)
    } else if FLOAT.is_match(text) {
        float(text)
    } else if INFINITY.is_match(text) || NAN.is_match(text) {
        return Err("an infinite or NaN float, which JSON cannot hold");
    } else {
        Value::String(text.to_owned())
    })
}

enum Frame {
    List(Vec<Value>),
    /// A mapping and the key waiting for its value.
    Map(Map<String, Value>, Option<String>),
}

/// The document as a YAML 1.2 core-schema reader types it, or why it is
/// left out of the comparison.
fn core_typed(text: &str) -> Result<Value, &'static str> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Value> = None;
    let mut documents = 0;
    for next in Parser::new_from_str(text) {
        let (event, _) = next.map_err(|_| "not valid YAML")?;
        let value = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err("several documents");
                }
                continue;
            }
            Event::Alias(_) => return Err("an alias"),
            Event::SequenceStart(..) => {
                stack.push(Frame::List(Vec::new()));
                continue;
            }
            Event::MappingStart(..) => {
                stack.push(Frame::Map(Map::new(), None));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::List(items)) => Value::Array(items),
                Some(Frame::Map(map, _)) => Value::Object(map),
                None => unreachable!("the parser balances starts and ends"),
            },
            Event::Scalar(text, style, _, tag) => {
                let as_text = match tag.as_deref() {
                    None => style != ScalarStyle::Plain,
                    // `!!str` and the non-specific `!` make text.
                    Some(t) if t.suffix == "str" || (t.handle == "!" && t.suffix.is_empty()) => {
                        true
                    }
                    Some(_) => return Err("a tag other than !!str"),
                };
                // A key is a key whatever it looks like: JSON keys are text.
                if let Some(Frame::Map(_, key @ None)) = stack.last_mut() {
                    *key = Some(text.into_owned());
                    continue;
                }
                if as_text {
                    Value::String(text.into_owned())
                } else {
                    core_plain(&text)?
                }
            }
            _ => continue,
        };
        match stack.last_mut() {
            None => root = Some(value),
            Some(Frame::List(items)) => items.push(value),
            Some(Frame::Map(map, key)) => match key.take() {
                None => return Err("a key that is a list or a mapping"),
                Some(k) => {
                    if map.insert(k, value).is_some() {
                        return Err("a duplicate key");
                    }
                }
            },
        }
    }
    match root {
        None | Some(Value::Null) => Err("no document"),
        Some(v) => Ok(v),
    }
}

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("schemas/backgrounder.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft202012::options().build(&schema).unwrap()
}

/// The codes `backgrounder check --format json FILE` reports for `file`.
fn check_codes(file: &Path) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_backgrounder"))
        .args(["check", "--format", "json"])
        .arg(file)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}: check exited with {:?}: {}",
        file.display(),
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    let findings: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    findings
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect()
}

fn has_number(value: &Value) -> bool {
    match value {
        Value::Number(_) => true,
        Value::Array(items) => items.iter().any(has_number),
        Value::Object(map) => map.values().any(has_number),
        _ => false,
    }
}

/// The verdict a fixture under `tests/fixtures/schema/` declares on its
/// first line: `# expect: valid` or `# expect: invalid`.
fn expected_verdict(text: &str) -> Option<bool> {
    match text.lines().next()?.strip_prefix("# expect: ")?.trim() {
        "valid" => Some(true),
        "invalid" => Some(false),
        other => panic!("unknown expectation `{other}`"),
    }
}

#[test]
fn the_published_schema_gives_checks_verdict_to_a_yaml_1_2_reader() {
    let validator = validator();
    let mut files = Vec::new();
    yaml_files(&root().join("tests/fixtures"), &mut files);
    yaml_files(&root().join("content"), &mut files);
    assert!(files.len() > 80, "only {} files found", files.len());

    let schema_fixtures = root().join("tests/fixtures/schema");
    let mut skipped: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut compared = 0;
    let mut with_numbers = 0;
    let mut valid = 0;
    let mut failures = Vec::new();
    for file in &files {
        let name = file.strip_prefix(root()).unwrap().display().to_string();
        let typed = match std::fs::read_to_string(file) {
            Ok(text) => core_typed(&text).map(|v| (v, text)),
            Err(_) => Err("not UTF-8"),
        };
        let (value, text) = match typed {
            Ok(typed) => typed,
            Err(why) => {
                skipped.entry(why.to_owned()).or_default().push(name);
                continue;
            }
        };
        let codes = check_codes(file);
        // A file check's loader refuses (too deep, a string over the limit,
        // ...) never reaches the schema stage.
        if let Some(code) = codes.iter().find(|c| c.starts_with("yaml/")) {
            let why = format!("refused by check's loader ({code})");
            skipped.entry(why).or_default().push(name);
            continue;
        }
        compared += 1;
        with_numbers += usize::from(has_number(&value));
        let core_valid = validator.is_valid(&value);
        valid += usize::from(core_valid);
        let check_valid = !codes.iter().any(|c| c.starts_with("schema/"));
        if core_valid != check_valid {
            let errors: Vec<String> = validator
                .iter_errors(&value)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            failures.push(format!(
                "{name}: a YAML 1.2 reader finds it {}, check {} (check: {codes:?}; schema errors: {errors:?})",
                if core_valid { "valid" } else { "invalid" },
                if check_valid { "valid" } else { "invalid" },
            ));
        }
        if file.starts_with(&schema_fixtures) {
            let want = expected_verdict(&text)
                .unwrap_or_else(|| panic!("{name} has no `# expect:` first line"));
            if core_valid != want || check_valid != want {
                failures.push(format!(
                    "{name}: expected {}, the YAML 1.2 reader says {core_valid} and check {check_valid} ({codes:?})",
                    if want { "valid" } else { "invalid" }
                ));
            }
            if !has_number(&value) {
                failures.push(format!("{name}: a YAML 1.2 reader sees no number in it"));
            }
        }
    }
    let skipped_count: usize = skipped.values().map(Vec::len).sum();
    println!(
        "schema agreement: {compared} files compared ({valid} valid, {} invalid; {with_numbers} with numbers to a YAML 1.2 reader), {skipped_count} skipped",
        compared - valid
    );
    for (why, names) in &skipped {
        println!("  skipped {} ({why}): {}", names.len(), names.join(", "));
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    // The comparison is not vacuous: both verdicts occur, and numbers are
    // really read as numbers somewhere.
    assert!(valid > 0 && valid < compared, "{valid} of {compared} valid");
    assert!(with_numbers >= 8, "only {with_numbers} files with numbers");
}

#[test]
fn the_resolver_follows_the_core_schema() {
    let cases: [(&str, Value); 16] = [
        ("1965", Value::from(1965)),
        ("-12", Value::from(-12)),
        ("+7", Value::from(7)),
        ("0o17", Value::from(15)),
        ("0x1F", Value::from(31)),
        ("2.5", Value::from(2.5)),
        ("1e3", Value::from(1000.0)),
        (".5", Value::from(0.5)),
        ("1.", Value::from(1.0)),
        ("True", Value::Bool(true)),
        ("FALSE", Value::Bool(false)),
        ("~", Value::Null),
        ("", Value::Null),
        ("197X", Value::from("197X")),
        ("2014-07-28", Value::from("2014-07-28")),
        ("0x1G", Value::from("0x1G")),
    ];
    for (text, want) in cases {
        assert_eq!(core_plain(text).unwrap(), want, "{text}");
    }
    assert!(core_plain(".inf").is_err() && core_plain(".NaN").is_err());
    let doc = core_typed("a: 1965\nb: '1965'\nc: !!str 1965\nd: [x, 1979]\ne: |\n  42\n").unwrap();
    assert_eq!(
        doc,
        serde_json::json!({"a": 1965, "b": "1965", "c": "1965", "d": ["x", 1979], "e": "42\n"})
    );
    assert_eq!(core_typed("a: &x 1\nb: *x\n"), Err("an alias"));
    assert_eq!(core_typed("a: 1\na: 2\n"), Err("a duplicate key"));
    assert_eq!(core_typed("a: 1\n---\nb: 2\n"), Err("several documents"));
}
