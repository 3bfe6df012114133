//! Where each node of a loaded document sits in its YAML file.

use std::collections::HashMap;

use crate::diag::{Position, Span};

/// The place of one node: where its value starts and, for a mapping entry,
/// where its key starts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NodePosition {
    pub key: Option<Span>,
    pub value: Span,
}

/// Maps a JSON pointer (`/sections/0/heading`) to the YAML position of its node.
#[derive(Clone, Debug, Default)]
pub struct PositionMap {
    nodes: HashMap<String, NodePosition>,
}

impl PositionMap {
    pub(crate) fn insert(&mut self, pointer: String, position: NodePosition) {
        self.nodes.insert(pointer, position);
    }

    /// Records where a list or mapping ends, once it has.
    pub(crate) fn set_end(&mut self, pointer: &str, end: Position) {
        if let Some(node) = self.nodes.get_mut(pointer) {
            node.value.end = end;
        }
    }

    pub fn get(&self, pointer: &str) -> Option<NodePosition> {
        self.nodes.get(pointer).copied()
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
        let mut p = pointer;
        loop {
            if let Some(found) = self.nodes.get(p) {
                return *found;
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => {
                    return NodePosition {
                        key: None,
                        value: Span::at(Position { line: 1, column: 1 }),
                    };
                }
            }
        }
    }
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

    #[test]
    fn child_joins_and_escapes_tokens() {
        assert_eq!(child("", "sections"), "/sections");
        assert_eq!(child("/sections", 3), "/sections/3");
        assert_eq!(child("/a", "b/c~d"), "/a/b~1c~0d");
        assert_eq!(child("/a", ""), "/a/");
    }
}
