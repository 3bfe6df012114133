//! Where each node of a loaded document sits in its YAML file.
//!
//! Built for every document and read only when a finding is reported, so it
//! is cheap to build: one flat record per node in document order, the
//! children of each list or mapping as one contiguous run of indices, and the
//! keys of every mapping in one shared string. No per-node allocation and no
//! hashing; a JSON pointer is resolved by walking its tokens from the root
//! (an index into a list; a name in a mapping, by binary search in a large
//! one).

use crate::diag::{Position, Span};

/// The place of one node: where its value starts and, for a mapping entry,
/// where its key starts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NodePosition {
    pub key: Option<Span>,
    pub value: Span,
}

/// A span as four `u32`s: start line and column, end line and column.
type Packed = [u32; 4];

fn pack(span: Span) -> Packed {
    let n = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
    [
        n(span.start.line),
        n(span.start.column),
        n(span.end.line),
        n(span.end.column),
    ]
}

fn unpack(p: Packed) -> Span {
    Span {
        start: Position {
            line: p[0] as usize,
            column: p[1] as usize,
        },
        end: Position {
            line: p[2] as usize,
            column: p[3] as usize,
        },
    }
}

/// Mappings with more entries than this have their children sorted by name,
/// so that a lookup in a hostile, huge mapping stays logarithmic.
const SORTED_ABOVE: usize = 8;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Leaf,
    Seq,
    Map { sorted: bool },
}

/// One node: its spans, its name in its parent mapping (a range of
/// `PositionMap::names`) and its children (a range of `PositionMap::children`).
#[derive(Clone, Copy, Debug)]
struct Node {
    value: Packed,
    key: Packed,
    has_key: bool,
    kind: Kind,
    name: (u32, u32),
    kids: (u32, u32),
}

/// Maps a JSON pointer (`/sections/0/heading`) to the YAML position of its node.
#[derive(Clone, Debug, Default)]
pub struct PositionMap {
    /// Every node in document order; the root, if any, is the first.
    nodes: Vec<Node>,
    /// The children of each list and mapping, each node's a contiguous run.
    children: Vec<u32>,
    /// The keys of every mapping, one after the other.
    names: String,
}

/// A node's name as stored: a range of the shared key text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Name(u32, u32);

fn index(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 2^32 nodes and key bytes")
}

impl PositionMap {
    /// An empty map with room for `nodes` nodes.
    pub(crate) fn with_capacity(nodes: usize) -> Self {
        PositionMap {
            nodes: Vec::with_capacity(nodes),
            children: Vec::with_capacity(nodes),
            names: String::new(),
        }
    }

    /// Stores a mapping key's text and returns its handle.
    pub(crate) fn add_name(&mut self, name: &str) -> Name {
        let start = self.names.len();
        self.names.push_str(name);
        Name(index(start), index(name.len()))
    }

    /// Adds a node (a leaf until [`PositionMap::close`] gives it children)
    /// and returns its index.
    pub(crate) fn push(&mut self, key: Option<Span>, name: Name, value: Span) -> u32 {
        let i = index(self.nodes.len());
        self.nodes.push(Node {
            value: pack(value),
            key: key.map(pack).unwrap_or_default(),
            has_key: key.is_some(),
            kind: Kind::Leaf,
            name: (name.0, name.1),
            kids: (0, 0),
        });
        i
    }

    /// Records where a list or mapping ends, and its children in order.
    pub(crate) fn close(&mut self, node: u32, end: Position, is_map: bool, kids: &[u32]) {
        let start = self.children.len();
        self.children.extend_from_slice(kids);
        let sorted = is_map && kids.len() > SORTED_ABOVE;
        if sorted {
            let (nodes, names) = (&self.nodes, &self.names);
            self.children[start..]
                .sort_unstable_by(|a, b| name_of(nodes, names, *a).cmp(name_of(nodes, names, *b)));
        }
        let n = &mut self.nodes[node as usize];
        n.value[2] = u32::try_from(end.line).unwrap_or(u32::MAX);
        n.value[3] = u32::try_from(end.column).unwrap_or(u32::MAX);
        n.kind = if is_map {
            Kind::Map { sorted }
        } else {
            Kind::Seq
        };
        n.kids = (index(start), index(kids.len()));
    }

    /// Gives back spare capacity once the document is complete.
    pub(crate) fn shrink(&mut self) {
        self.nodes.shrink_to_fit();
        self.children.shrink_to_fit();
        self.names.shrink_to_fit();
    }

    /// The name of node `i` in its parent mapping ("" for others).
    pub(crate) fn name(&self, i: u32) -> &str {
        name_of(&self.nodes, &self.names, i)
    }

    /// The position of node `i`.
    pub(crate) fn node(&self, i: u32) -> NodePosition {
        let n = &self.nodes[i as usize];
        NodePosition {
            key: n.has_key.then(|| unpack(n.key)),
            value: unpack(n.value),
        }
    }

    /// The number of nodes with a position of their own.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The position of the node at exactly `pointer`, if it has one.
    pub fn get(&self, pointer: &str) -> Option<NodePosition> {
        match self.walk(pointer) {
            Some((i, true)) => Some(self.node(i)),
            _ => None,
        }
    }

    /// The position of the value at `pointer`, or of its nearest ancestor
    /// that has one (nodes copied in by an alias have no position of their own).
    pub fn value(&self, pointer: &str) -> Span {
        self.nearest(pointer).value
    }

    /// The position of the key of the entry at `pointer`, falling back to
    /// its value (array items have no key).
    pub fn key(&self, pointer: &str) -> Span {
        let node = self.nearest(pointer);
        node.key.unwrap_or(node.value)
    }

    fn nearest(&self, pointer: &str) -> NodePosition {
        match self.walk(pointer) {
            Some((i, _)) => self.node(i),
            None => NodePosition {
                key: None,
                value: Span::at(Position { line: 1, column: 1 }),
            },
        }
    }

    /// The deepest node on the way to `pointer`, and whether it is the node
    /// at `pointer` itself. None when not even the root matches (no root, or
    /// a pointer that does not start with `/`).
    fn walk(&self, pointer: &str) -> Option<(u32, bool)> {
        if self.nodes.is_empty() {
            return None;
        }
        if pointer.is_empty() {
            return Some((0, true));
        }
        let rest = pointer.strip_prefix('/')?;
        let mut at = 0u32;
        for token in rest.split('/') {
            match self.child(at, token) {
                Some(next) => at = next,
                None => return Some((at, false)),
            }
        }
        Some((at, true))
    }

    /// The child of node `at` that a pointer token names.
    fn child(&self, at: u32, token: &str) -> Option<u32> {
        let n = &self.nodes[at as usize];
        let kids = &self.children[n.kids.0 as usize..(n.kids.0 + n.kids.1) as usize];
        match n.kind {
            Kind::Leaf => None,
            Kind::Seq => kids.get(array_index(token)?).copied(),
            Kind::Map { sorted } => {
                let name = unescape_token(token)?;
                let name: &str = &name;
                if sorted {
                    kids.binary_search_by(|k| self.name(*k).cmp(name))
                        .ok()
                        .map(|i| kids[i])
                } else {
                    kids.iter().copied().find(|k| self.name(*k) == name)
                }
            }
        }
    }
}

fn name_of<'a>(nodes: &[Node], names: &'a str, i: u32) -> &'a str {
    let (start, len) = nodes[i as usize].name;
    &names[start as usize..(start + len) as usize]
}

/// A pointer token as a list index: decimal digits without a leading zero
/// (RFC 6901), so `01` names nothing, as it never did.
fn array_index(token: &str) -> Option<usize> {
    let canonical = token == "0"
        || (!token.is_empty()
            && !token.starts_with('0')
            && token.bytes().all(|b| b.is_ascii_digit()));
    if canonical { token.parse().ok() } else { None }
}

/// The key a pointer token names: `~1` is `/` and `~0` is `~`; a token with
/// any other `~` is the escaped form of no key at all.
fn unescape_token(token: &str) -> Option<std::borrow::Cow<'_, str>> {
    if !token.contains('~') {
        return Some(token.into());
    }
    let mut out = String::with_capacity(token.len());
    let mut chars = token.chars();
    while let Some(c) = chars.next() {
        if c == '~' {
            match chars.next() {
                Some('0') => out.push('~'),
                Some('1') => out.push('/'),
                _ => return None,
            }
        } else {
            out.push(c);
        }
    }
    Some(out.into())
}

/// Escapes one reference token of a JSON pointer (RFC 6901).
pub fn escape_token(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains(['~', '/']) {
        token.replace('~', "~0").replace('/', "~1").into()
    } else {
        token.into()
    }
}

/// Joins a parent pointer and one child token.
///
/// Called for every node of every document, so it writes the token straight
/// into the result and escapes only in the rare case that needs it.
pub fn child(parent: &str, token: impl std::fmt::Display) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(parent.len() + 24);
    out.push_str(parent);
    out.push('/');
    let start = out.len();
    let _ = write!(out, "{token}");
    if out[start..].contains(['~', '/']) {
        let escaped = escape_token(&out[start..]).into_owned();
        out.truncate(start);
        out.push_str(&escaped);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::child;
    use crate::load::yaml::{Limits, parse};

    fn at(map: &super::PositionMap, pointer: &str) -> (usize, usize, usize, usize) {
        let s = map.value(pointer);
        (s.start.line, s.start.column, s.end.line, s.end.column)
    }

    #[test]
    fn pointers_resolve_to_their_nodes_or_nearest_ancestor() {
        let text = "a: x\nb:\n  - one\n  - {c: two}\n\"d/e~f\": &k [1, 2]\ng: *k\n";
        let map = parse(text, Limits::default()).unwrap().positions;
        assert_eq!(at(&map, ""), (1, 1, 7, 1));
        assert_eq!(at(&map, "/a"), (1, 4, 1, 5));
        assert_eq!(at(&map, "/b/0"), (3, 5, 3, 8));
        assert_eq!(at(&map, "/b/1/c"), (4, 9, 4, 12));
        assert_eq!(
            map.key("/b/1/c").start,
            map.get("/b/1/c").unwrap().key.unwrap().start
        );
        assert_eq!(
            map.key("/b/1").start.column,
            5,
            "an item's key is its value"
        );
        assert_eq!(at(&map, "/d~1e~0f/1"), (5, 17, 5, 18));
        assert!(map.get("/d~1e~0f/1").is_some());
        // Not a node: the nearest ancestor answers.
        assert_eq!(at(&map, "/b/01"), at(&map, "/b"));
        assert_eq!(at(&map, "/b/+1"), at(&map, "/b"));
        assert_eq!(at(&map, "/b/7/c"), at(&map, "/b"));
        assert_eq!(at(&map, "/d/e~f"), at(&map, ""));
        assert_eq!(at(&map, "/d~2e"), at(&map, ""));
        assert!(map.get("/b/01").is_none());
        // Copied by an alias: no position of its own.
        assert_eq!(at(&map, "/g/0"), at(&map, "/g"));
        // Not a pointer at all.
        assert_eq!(at(&map, "a"), (1, 1, 1, 1));
    }

    #[test]
    fn large_mappings_are_searched_by_name() {
        let mut text = String::new();
        for i in (0..300).rev() {
            text.push_str(&format!("k{i}: v{i}\n"));
        }
        let map = parse(&text, Limits::default()).unwrap().positions;
        for i in 0..300 {
            let line = 300 - i;
            assert_eq!(map.value(&format!("/k{i}")).start.line, line);
            assert_eq!(map.key(&format!("/k{i}")).start.column, 1);
        }
        assert_eq!(map.value("/k300").start.line, 1);
        let dup = parse(&format!("{text}k17: again\n"), Limits::default()).unwrap_err();
        assert_eq!(dup.rule.code, "yaml/duplicate-key");
        assert!(
            dup.message.contains("(first given at line 283)"),
            "{}",
            dup.message
        );
    }

    #[test]
    fn child_joins_and_escapes_tokens() {
        assert_eq!(child("", "sections"), "/sections");
        assert_eq!(child("/sections", 3), "/sections/3");
        assert_eq!(child("/a", "b/c~d"), "/a/b~1c~0d");
        assert_eq!(child("/a", ""), "/a/");
    }
}
