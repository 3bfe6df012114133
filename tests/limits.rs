//! Each load limit, at its edge and one past it.

use backgrounder::load::{self, Limits, yaml};

fn nested(depth: usize) -> String {
    // `depth` nested flow lists under a root mapping (the mapping is level 1).
    format!("a: {}{}\n", "[".repeat(depth - 1), "]".repeat(depth - 1))
}

fn code(text: &str, limits: Limits) -> Option<&'static str> {
    yaml::parse(text, limits).err().map(|e| e.rule.code)
}

#[test]
fn depth_at_and_past_the_limit() {
    let limits = Limits {
        depth: 10,
        ..Limits::default()
    };
    assert_eq!(code(&nested(10), limits), None);
    assert_eq!(code(&nested(11), limits), Some("yaml/too-deep"));
    // The default admits a real document's depth with room to spare.
    assert_eq!(code(&nested(64), Limits::default()), None);
    assert_eq!(code(&nested(65), Limits::default()), Some("yaml/too-deep"));
}

#[test]
fn alias_expansion_at_and_past_the_limit() {
    // a0 is 1 list + 9 scalars = 10 nodes; a1 adds a list and 9 copies of a0.
    let text =
        "a0: &a0 [x, x, x, x, x, x, x, x, x]\na1: [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]\n";
    // root 1 + key-less values: a0 (10) + a1 list (1) + 9 * 10 = 102 nodes.
    let exact = Limits {
        nodes: 102,
        ..Limits::default()
    };
    assert_eq!(code(text, exact), None);
    let under = Limits {
        nodes: 101,
        ..Limits::default()
    };
    assert_eq!(code(text, under), Some("yaml/too-large"));
}

#[test]
fn string_length_at_and_past_the_limit() {
    let limits = Limits {
        string_bytes: 8,
        ..Limits::default()
    };
    assert_eq!(code("a: 12345678\n", limits), None);
    assert_eq!(code("a: 123456789\n", limits), Some("yaml/too-long"));
    assert_eq!(code("a: \"123456789\"\n", limits), Some("yaml/too-long"));
}

#[test]
fn file_size_at_and_past_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.yaml");
    std::fs::write(&path, "a: 1234567\n").unwrap(); // 11 bytes
    let exact = Limits {
        file_bytes: 11,
        ..Limits::default()
    };
    assert!(load::read(&path, exact).is_ok());
    let under = Limits {
        file_bytes: 10,
        ..Limits::default()
    };
    assert_eq!(load::read(&path, under).unwrap_err().code, "yaml/too-large");
}

#[test]
fn a_huge_alias_bomb_is_stopped_early() {
    let mut lines = vec!["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]".to_owned()];
    for i in 1..30 {
        lines.push(format!(
            "a{i}: &a{i} [{}]",
            vec![format!("*a{}", i - 1); 9].join(", ")
        ));
    }
    assert_eq!(
        code(&lines.join("\n"), Limits::default()),
        Some("yaml/too-large")
    );
}

#[test]
fn a_list_or_text_at_the_root_is_one_type_error() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [("list.yaml", "- a\n- b\n"), ("text.yaml", "just text\n")] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let plan = backgrounder::check::plan(&[dir.path().to_path_buf()]).unwrap();
    let codes: Vec<_> = backgrounder::check::run(&plan, Limits::default())
        .diagnostics()
        .iter()
        .map(|d| d.code)
        .collect();
    assert_eq!(codes, vec!["schema/type", "schema/type"]);
}
