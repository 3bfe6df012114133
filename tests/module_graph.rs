//! The library's top-level modules depend on each other one way only: the
//! graph of `crate::<module>` references (and `super::` ones reaching the
//! crate root) in non-test code has no cycle. The binary (`main.rs`,
//! `cli/`) sits on top and is left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Code without comments and without the `#[cfg(test)] mod tests` at the end.
fn code(text: &str) -> String {
    let text = text
        .split("#[cfg(test)]\nmod tests")
        .next()
        .unwrap_or_default();
    text.lines()
        .map(|l| l.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let path_re = regex::Regex::new(r"\b((?:super::)+|crate::)(\w+)").unwrap();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let rel: Vec<String> = file
            .strip_prefix(&src)
            .unwrap()
            .with_extension("")
            .iter()
            .map(|c| c.to_string_lossy().into_owned())
            .collect();
        let top = rel[0].clone();
        if matches!(top.as_str(), "lib" | "main" | "cli") {
            continue;
        }
        // How many `super::` reach the crate root from this file.
        let depth = if rel.last().is_some_and(|l| l == "mod") {
            rel.len() - 1
        } else {
            rel.len()
        };
        let text = code(&std::fs::read_to_string(&file).unwrap());
        let node = graph.entry(top.clone()).or_default();
        for c in path_re.captures_iter(&text) {
            let supers = c[1].matches("super").count();
            if &c[1] == "crate::" || supers == depth {
                let target = c[2].to_owned();
                if target != top {
                    node.insert(target);
                }
            }
        }
    }
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for targets in graph.values_mut() {
        targets.retain(|t| modules.contains(t));
    }
    graph
}

/// A cycle through `from`, if there is one.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> Option<Vec<String>> {
    let mut stack = vec![(from.to_owned(), vec![from.to_owned()])];
    let mut seen = BTreeSet::new();
    while let Some((node, path)) = stack.pop() {
        for next in graph.get(&node).into_iter().flatten() {
            if next == from {
                return Some([path.clone(), vec![from.to_owned()]].concat());
            }
            if seen.insert(next.clone()) {
                stack.push((next.clone(), [path.clone(), vec![next.clone()]].concat()));
            }
        }
    }
    None
}

#[test]
fn top_level_modules_have_no_cycle() {
    let graph = graph();
    assert!(
        graph.len() > 10 && graph["rules"].contains("diag"),
        "{graph:?}"
    );
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|m| cycle(&graph, m))
        .map(|c| c.join(" -> "))
        .collect();
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}
