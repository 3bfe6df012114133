//! YAML text to a JSON value plus a position for every node.
//!
//! Built on `saphyr-parser`'s event stream rather than a tree type so that the
//! document is parsed once, every node's span is kept, and the hostile cases
//! (duplicate keys, alias bombs, deep nesting) are stopped as they happen.
//!
//! Scalars are typed for editors, not for YAML 1.1/1.2 pedantry: `true` and
//! `false` are booleans, `null`, `~` and nothing are null, and everything else
//! is text. The content model has no numbers, so `date: 1965` and
//! `title: 1984` simply work.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, Span};
use serde_json::{Map, Value};

use super::positions::{Name, PositionMap};
use super::rules;
use crate::diag::{Position, Rule, Span as Region};

/// Bounds that keep a hostile file from eating time or memory. Each can be
/// set in `backgrounder.toml` under `[limits]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Largest file read, in bytes.
    pub file_bytes: u64,
    /// Deepest nesting of lists and mappings.
    pub depth: usize,
    /// Most nodes in the loaded document, counting every copy an alias makes.
    pub nodes: usize,
    /// Longest single text value, in bytes.
    pub string_bytes: usize,
    /// Most claims in one document.
    pub claims: usize,
    /// Most sources in one document.
    pub sources: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            file_bytes: 10 * 1024 * 1024,
            depth: 64,
            nodes: 200_000,
            string_bytes: 64 * 1024,
            claims: 5_000,
            sources: 2_000,
        }
    }
}

/// Why a YAML text could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    pub rule: &'static Rule,
    pub message: String,
    pub hint: String,
    pub position: Position,
}

/// A YAML document as JSON, with the position of each node.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub value: Value,
    pub positions: PositionMap,
}

/// The largest text the loader takes whatever `[limits] file_bytes` says:
/// positions are kept as 32-bit numbers, and the key text of a document
/// (at most 3/2 of its size once escapes are decoded) must fit one.
pub const MAX_TEXT_BYTES: usize = (u32::MAX / 2) as usize;

pub fn parse(text: &str, limits: Limits) -> Result<Loaded, YamlError> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(YamlError {
            rule: &rules::TOO_LARGE,
            message: format!(
                "the file is {} bytes, more than the {MAX_TEXT_BYTES} a document can have",
                text.len()
            ),
            hint: "a backgrounder is tens of kilobytes; split the file".into(),
            position: Position { line: 1, column: 1 },
        });
    }
    let mut builder = Builder {
        limits,
        stack: Vec::new(),
        kids: Vec::new(),
        entries: Vec::new(),
        anchors: HashMap::new(),
        // Room for the nodes of a typical document of this size, so that
        // the records are not copied as they grow.
        positions: PositionMap::with_capacity((text.len() / BYTES_PER_NODE).min(limits.nodes)),
        nodes: 0,
        bytes: 0,
        root: None,
        documents: 0,
    };
    // A flow collection is scanned whole before its first event; the
    // input ends once it runs too far past the last event (see `bounded`).
    // A text shorter than that distance cannot reach the fence, and is read
    // without one.
    let fence = super::bounded::Fence::default();
    fence.allowed.set(lookahead(&limits));
    let fenced = text.len().saturating_add(FENCE_MARGIN) >= lookahead(&limits);
    let input = super::bounded::Bounded::new(text, fenced.then_some(&fence));
    let mut parser = Parser::new(input);
    let mut last = Position { line: 1, column: 1 };
    while let Some(next) = parser.next_event() {
        match next {
            Ok((event, span)) => {
                fence
                    .allowed
                    .set(span.end.index().saturating_add(lookahead(&limits)));
                last = position(&span.start);
                if builder.on_event(event, span)? {
                    break;
                }
            }
            Err(e) => {
                if fence.cut.get() {
                    return Err(flow_too_large(&limits, last));
                }
                return Err(syntax_error(e.info(), e.marker()));
            }
        }
    }
    if fence.cut.get() {
        return Err(flow_too_large(&limits, last));
    }
    match builder.root {
        None | Some(Value::Null) => Err(YamlError {
            rule: &rules::EMPTY,
            message: "the file holds no document".into(),
            hint:
                "start from `backgrounder new ID --title ...` or copy an existing file in content/"
                    .into(),
            position: Position { line: 1, column: 1 },
        }),
        Some(value) => {
            let mut positions = builder.positions;
            positions.shrink();
            Ok(Loaded { value, positions })
        }
    }
}

/// Bytes of YAML per node in a typical document (38 in generated ones).
const BYTES_PER_NODE: usize = 48;

/// Room kept between a text's length and the fence's first place for the
/// text to be read without a fence (the scanner counts characters, never
/// more than the text's bytes).
const FENCE_MARGIN: usize = 1024;

/// How far (in characters) the scanner may read past the last event: a
/// whole text value, plus room for comments and a key's lookahead.
fn lookahead(limits: &Limits) -> usize {
    limits.string_bytes.saturating_add(LOOKAHEAD)
}

/// Characters the scanner may read past the last event besides a text value.
const LOOKAHEAD: usize = 128 * 1024;

fn flow_too_large(limits: &Limits, at: Position) -> YamlError {
    YamlError {
        rule: &rules::TOO_LARGE,
        message: format!(
            "a `[...]` or `{{...}}` list or mapping runs on for more than {} characters",
            lookahead(limits)
        ),
        hint: "write long lists as block lists, one `- item` a line; a backgrounder's `[...]` lists hold a few ids".into(),
        position: at,
    }
}

fn position(m: &Marker) -> Position {
    Position {
        line: m.line().max(1),
        column: m.col() + 1,
    }
}

fn syntax_error(info: &str, marker: &Marker) -> YamlError {
    let long_key = info.contains("mapping values are not allowed") && marker.col() > 1024;
    if info.contains("simple key expect") || long_key {
        return YamlError {
            rule: &rules::SYNTAX,
            message: "invalid YAML: a key must be followed by `:` on the same line, within 1024 characters".into(),
            hint: "field names are short; put long text after `key: `, in quotes if it holds `: `".into(),
            position: position(marker),
        };
    }
    let hint = if info.contains("tab") {
        "indent with spaces; YAML does not allow tabs for indentation"
    } else if info.contains("mapping values are not allowed") {
        "a `:` followed by a space starts a new field; put text containing `: ` in quotes"
    } else if info.contains("did not find expected") || info.contains("while parsing") {
        "check the indentation of this line against the lines above it"
    } else {
        "fix the YAML syntax at this place; quoting the text often helps"
    };
    YamlError {
        rule: &rules::SYNTAX,
        message: format!("invalid YAML: {info}"),
        hint: hint.into(),
        position: position(marker),
    }
}

/// Where the next node goes: the position of its key and its name in the
/// parent mapping, if it is a mapping's value.
struct Slot {
    key: Option<Region>,
    name: Name,
}

/// A list or mapping being read. Its entries so far are the top of
/// `Builder::entries` from `entries` on; it becomes a `Value` (allocated once,
/// at its final size) when it ends.
struct Frame {
    is_map: bool,
    /// A mapping's key awaiting its value: its name and place. The entry is
    /// already on `Builder::entries`, with a null value until its own value
    /// is complete.
    key: Option<(Name, Region)>,
    /// Its node in the position map.
    node: u32,
    anchor: usize,
    /// Where its children's node indices start in `Builder::kids`.
    kids: usize,
    /// Where its entries start in `Builder::entries`.
    entries: usize,
    /// The keys of a mapping with many, so that a duplicate is found without
    /// comparing each new key with all the others.
    seen: Option<HashSet<String>>,
}

/// Mappings with up to this many keys look for a duplicate key by comparing.
const SCAN_KEYS: usize = 16;

struct Builder {
    limits: Limits,
    stack: Vec<Frame>,
    /// The node indices of the children of every open frame, innermost last.
    kids: Vec<u32>,
    /// The entries of every open frame, innermost last (list items with an
    /// empty name).
    entries: Vec<(String, Value)>,
    /// Each anchor's value, its node count and its bytes of text.
    anchors: HashMap<usize, (Value, usize, u64)>,
    positions: PositionMap,
    nodes: usize,
    /// Bytes of text (values and keys) in the document so far, counting
    /// every copy an alias makes.
    bytes: u64,
    root: Option<Value>,
    documents: usize,
}

impl Builder {
    /// Handles one event; returns true once the document is complete.
    fn on_event(&mut self, event: Event<'_>, span: Span) -> Result<bool, YamlError> {
        let at = position(&span.start);
        let region = Region {
            start: at,
            end: position(&span.end),
        };
        match event {
            Event::StreamStart | Event::Nothing | Event::DocumentEnd => {}
            Event::StreamEnd => return Ok(true),
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(YamlError {
                        rule: &rules::MULTIPLE_DOCUMENTS,
                        message: "the file holds more than one YAML document".into(),
                        hint: "keep one backgrounder per file; remove this `---` and what follows, or move it to its own file".into(),
                        position: at,
                    });
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                if text.len() > self.limits.string_bytes {
                    return Err(YamlError {
                        rule: &rules::TOO_LONG,
                        message: format!(
                            "a text value of {} bytes is longer than the limit of {}",
                            text.len(),
                            self.limits.string_bytes
                        ),
                        hint: "a claim is a sentence or a few; split long text, or raise `[limits] string_bytes` in backgrounder.toml".into(),
                        position: at,
                    });
                }
                self.charge(text.len() as u64, at)?;
                let Some(slot) = self.next_slot(region, Some(&text))? else {
                    // A key: its text moves into the entry, whose value
                    // replaces the null once complete.
                    self.entries.push((text.into_owned(), Value::Null));
                    return Ok(false);
                };
                let is_str_tag = tag.as_ref().is_some_and(|t| t.suffix == "str");
                let value = if style == ScalarStyle::Plain && !is_str_tag {
                    plain_scalar(text)
                } else {
                    Value::String(text.into_owned())
                };
                self.count(1, at)?;
                self.place(&slot, region);
                if anchor != 0 {
                    self.anchors
                        .insert(anchor, (value.clone(), 1, text_bytes(&value)));
                }
                self.push_value(value);
            }
            Event::Alias(id) => {
                let Some((size, bytes)) = self
                    .anchors
                    .get(&id)
                    .map(|(_, size, bytes)| (*size, *bytes))
                else {
                    return Err(YamlError {
                        rule: &rules::SYNTAX,
                        message: "this alias refers to an anchor that is not defined, or to the list or mapping that holds it".into(),
                        hint: "define the anchor (`&name`) before using it (`*name`); a list or mapping cannot hold an alias to itself".into(),
                        position: at,
                    });
                };
                if let Some(slot) = self.next_slot(region, None)? {
                    // Count nodes and bytes before copying, so a bomb is
                    // stopped before it is built.
                    self.count(size, at)?;
                    self.charge(bytes, at)?;
                    let value = self.anchors[&id].0.clone();
                    self.place(&slot, region);
                    self.push_value(value);
                }
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                let is_map = matches!(event, Event::MappingStart(..));
                let Some(slot) = self.next_slot(region, None)? else {
                    return Ok(false);
                };
                if self.stack.len() >= self.limits.depth {
                    return Err(YamlError {
                        rule: &rules::TOO_DEEP,
                        message: format!(
                            "lists and mappings are nested more than {} levels deep",
                            self.limits.depth
                        ),
                        hint: "a backgrounder needs only a few levels; check the indentation here"
                            .into(),
                        position: at,
                    });
                }
                self.count(1, at)?;
                let node = self.place(&slot, Region::at(at));
                self.stack.push(Frame {
                    is_map,
                    key: None,
                    node,
                    anchor,
                    kids: self.kids.len(),
                    entries: self.entries.len(),
                    seen: None,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return Ok(false);
                };
                let entries = self.entries.drain(frame.entries..);
                let value = if frame.is_map {
                    let mut map = Map::with_capacity(entries.len());
                    for (name, value) in entries {
                        map.insert(name, value);
                    }
                    Value::Object(map)
                } else {
                    Value::Array(entries.map(|(_, value)| value).collect())
                };
                self.positions.close(
                    frame.node,
                    region.end,
                    frame.is_map,
                    &self.kids[frame.kids..],
                );
                self.kids.truncate(frame.kids);
                if frame.anchor != 0 {
                    let size = count_nodes(&value);
                    let bytes = text_bytes(&value);
                    self.anchors
                        .insert(frame.anchor, (value.clone(), size, bytes));
                }
                self.push_value(value);
            }
        }
        Ok(false)
    }

    /// Works out where the next node goes. For a mapping key (`key_text` is
    /// set and the mapping awaits a key) it records the key's name and place
    /// and returns None; the caller then pushes the entry.
    fn next_slot(
        &mut self,
        region: Region,
        key_text: Option<&str>,
    ) -> Result<Option<Slot>, YamlError> {
        let Some(frame) = self.stack.last_mut() else {
            return Ok(Some(Slot {
                key: None,
                name: Name::default(),
            }));
        };
        if !frame.is_map {
            return Ok(Some(Slot {
                key: None,
                name: Name::default(),
            }));
        }
        if let Some((name, key_pos)) = frame.key.take() {
            return Ok(Some(Slot {
                key: Some(key_pos),
                name,
            }));
        }
        let Some(name) = key_text else {
            return Err(YamlError {
                rule: &rules::COMPLEX_KEY,
                message: "a mapping key must be plain text".into(),
                hint:
                    "write field names as `name: value`; lists, mappings and aliases cannot be keys"
                        .into(),
                position: region.start,
            });
        };
        let earlier = &self.entries[frame.entries..];
        let duplicate = match &mut frame.seen {
            Some(seen) => !seen.insert(name.to_owned()),
            None if earlier.len() >= SCAN_KEYS => {
                let mut seen: HashSet<String> = earlier.iter().map(|(k, _)| k.clone()).collect();
                let duplicate = !seen.insert(name.to_owned());
                frame.seen = Some(seen);
                duplicate
            }
            None => earlier.iter().any(|(k, _)| k == name),
        };
        if duplicate {
            let positions = &self.positions;
            let first = self.kids[frame.kids..]
                .iter()
                .find(|k| positions.name(**k) == name)
                .and_then(|k| positions.node(*k).key)
                .map(|p| format!(" (first given at line {})", p.start.line))
                .unwrap_or_default();
            return Err(YamlError {
                rule: &rules::DUPLICATE_KEY,
                message: format!("`{name}` is given twice in the same mapping{first}"),
                hint: "keep one of the two entries; a later one would silently replace the earlier"
                    .into(),
                position: region.start,
            });
        }
        frame.key = Some((self.positions.add_name(name), region));
        Ok(None)
    }

    fn push_value(&mut self, value: Value) {
        match self.stack.last() {
            None => self.root = Some(value),
            Some(frame) if frame.is_map => {
                // The entry's key was pushed last, when it was read.
                if let Some(entry) = self.entries.last_mut() {
                    entry.1 = value;
                }
            }
            Some(_) => self.entries.push((String::new(), value)),
        }
    }

    /// Gives the next node its position; returns its index.
    fn place(&mut self, slot: &Slot, value: Region) -> u32 {
        let node = self.positions.push(slot.key, slot.name, value);
        if !self.stack.is_empty() {
            self.kids.push(node);
        }
        node
    }

    /// Adds `n` bytes of text to the document's; as if every alias were
    /// written out, the document must still fit `[limits] file_bytes`.
    fn charge(&mut self, n: u64, at: Position) -> Result<(), YamlError> {
        self.bytes = self.bytes.saturating_add(n);
        if self.bytes > self.limits.file_bytes {
            return Err(YamlError {
                rule: &rules::TOO_LARGE,
                message: format!(
                    "the document's aliases expand it to more than {} bytes of text",
                    self.limits.file_bytes
                ),
                hint: "aliases (`*name`) copy the text they refer to; write the content out instead, or raise `[limits] file_bytes` in backgrounder.toml".into(),
                position: at,
            });
        }
        Ok(())
    }

    fn count(&mut self, n: usize, at: Position) -> Result<(), YamlError> {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > self.limits.nodes {
            return Err(YamlError {
                rule: &rules::TOO_LARGE,
                message: format!(
                    "the document expands to more than {} nodes",
                    self.limits.nodes
                ),
                hint: if self.anchors.is_empty() {
                    "a backgrounder has a few thousand values; split the document, or raise `[limits] nodes` in backgrounder.toml".into()
                } else {
                    "aliases (`*name`) copy whole subtrees; a chain of them can explode. Write the content out instead".into()
                },
                position: at,
            });
        }
        Ok(())
    }
}

fn plain_scalar(text: Cow<'_, str>) -> Value {
    match &*text {
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        _ => Value::String(text.into_owned()),
    }
}

/// The bytes of text in a value: its strings and its keys.
fn text_bytes(value: &Value) -> u64 {
    match value {
        Value::String(s) => s.len() as u64,
        Value::Array(items) => items.iter().map(text_bytes).sum(),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| k.len() as u64 + text_bytes(v))
            .sum(),
        _ => 0,
    }
}

fn count_nodes(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(count_nodes).sum::<usize>(),
        Value::Object(map) => 1 + map.values().map(count_nodes).sum::<usize>(),
        _ => 1,
    }
}
