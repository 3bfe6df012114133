//! Hostile input, round two (issue 15): every row a test. Hangs are guarded
//! by a timeout here; memory is the child's peak RSS from `wait4`, times are
//! printed (`--nocapture`) rather than asserted.

#![cfg(unix)]

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

use std::ffi::CString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_backgrounder");

/// What a finished child did: exit code, output, peak RSS and wall time.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    peak_mb: f64,
    secs: f64,
}

/// Runs the binary in `dir` with `args`, killing it (and failing) after
/// `limit`. The child's own rusage comes from `wait4`, which reaps it.
#[allow(clippy::zombie_processes)]
fn run_in(dir: &Path, args: &[&str], limit: Duration) -> Run {
    let out = tempfile::NamedTempFile::new().unwrap();
    let err = tempfile::NamedTempFile::new().unwrap();
    let start = Instant::now();
    let child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CI")
        .stdin(Stdio::null())
        .stdout(out.reopen().unwrap())
        .stderr(err.reopen().unwrap())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: waits for our own child, writing into the two locals.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break;
        }
        assert!(r == 0, "wait4 failed");
        if start.elapsed() > limit {
            // SAFETY: signals our own child.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            panic!(
                "`backgrounder {}` hung: killed after {limit:?}",
                args.join(" ")
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let secs = start.elapsed().as_secs_f64();
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        128 + libc::WTERMSIG(status)
    };
    Run {
        code,
        stdout: std::fs::read_to_string(out.path()).unwrap_or_default(),
        stderr: std::fs::read_to_string(err.path()).unwrap_or_default(),
        peak_mb: usage.ru_maxrss as f64 / 1024.0,
        secs,
    }
}

fn run(dir: &Path, args: &[&str]) -> Run {
    run_in(dir, args, Duration::from_secs(60))
}

fn mkfifo(path: &Path) {
    let c = CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(
        unsafe { libc::mkfifo(c.as_ptr(), 0o644) },
        0,
        "mkfifo {path:?}"
    );
}

/// A temporary project with a copy of `content/`.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir(&content).unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for entry in std::fs::read_dir(repo).unwrap().flatten() {
        std::fs::copy(entry.path(), content.join(entry.file_name())).unwrap();
    }
    dir
}

fn mek(dir: &Path) -> PathBuf {
    dir.join("content/mujahadeen-e-khalq.yaml")
}

// Rows 1-3: FIFOs.

#[test]
fn a_fifo_named_like_a_backgrounder_is_a_finding_not_a_hang() {
    let p = project();
    mkfifo(&p.path().join("content/x.yaml"));
    for args in [&["check"][..], &["check", "content/x.yaml"], &["build"]] {
        let r = run_in(p.path(), args, Duration::from_secs(20));
        assert_eq!(r.code, 1, "{args:?}: {}{}", r.stdout, r.stderr);
        let text = format!("{}{}", r.stdout, r.stderr);
        assert!(
            text.contains(
                "error[io/read]: cannot read the file: it is not a regular file (a FIFO)"
            ),
            "{text}"
        );
    }
}

#[test]
fn a_fifo_in_the_output_folder_is_refused() {
    for name in [
        "index.json",
        ".backgrounder-build.json",
        "mujahadeen-e-khalq.pdf",
    ] {
        let p = project();
        std::fs::create_dir(p.path().join("out")).unwrap();
        mkfifo(&p.path().join("out").join(name));
        let r = run_in(p.path(), &["build"], Duration::from_secs(60));
        assert_eq!(r.code, 2, "{name}: {}", r.stderr);
        assert!(
            r.stderr
                .contains(&format!("out/{name} is a FIFO, not a regular file")),
            "{}",
            r.stderr
        );
        // Refused before anything was written.
        assert_eq!(std::fs::read_dir(p.path().join("out")).unwrap().count(), 1);
    }
}

#[test]
fn a_fifo_as_the_link_cache_is_ignored_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("links.json");
    mkfifo(&path);
    let (tx, rx) = std::sync::mpsc::channel();
    let p = path.clone();
    std::thread::spawn(move || {
        let _ = tx.send(backgrounder::online::cache::Cache::load(&p));
    });
    let (cache, note) = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("loading a FIFO as the cache hung");
    assert!(cache.entries.is_empty());
    assert!(note.unwrap().contains("not a regular file (a FIFO)"));
    // Nor is it written over.
    assert!(
        cache
            .save()
            .unwrap_err()
            .to_string()
            .contains("is not a regular file")
    );
}

// Rows 4-5: memory and time bounded by the input's size.

fn assert_too_large(name: &str, text: &str, needle: &str) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    let r = run(dir.path(), &["check", "--format", "json", name]);
    println!(
        "{name} ({} bytes): {:.2} s, {:.0} MB peak",
        text.len(),
        r.secs,
        r.peak_mb
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout.contains("\"code\": \"yaml/too-large\""),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains(needle), "{}", r.stdout);
    assert!(r.peak_mb < 200.0, "{name}: {:.0} MB peak", r.peak_mb);
}

#[test]
fn aliases_are_charged_their_bytes_before_they_are_copied() {
    let text = format!(
        "a: &a \"{}\"\nb:\n{}",
        "x".repeat(65_000),
        "  - *a\n".repeat(190_000)
    );
    assert_too_large(
        "alias.yaml",
        &text,
        "aliases expand it to more than 10485760 bytes",
    );
}

#[test]
fn flow_collections_are_bounded_like_block_ones() {
    let seq = format!("[{}a]\n", "a,".repeat(5_200_000));
    assert_too_large("flow.yaml", &seq, "runs on for more than");
    let map: Vec<String> = (0..800_000).map(|i| format!("k{i}: v")).collect();
    let map = format!("{{{}}}\n", map.join(","));
    assert_too_large("flowmap.yaml", &map, "runs on for more than");
}

// Row 6: human output linear in the number of findings.

#[test]
fn sixty_thousand_findings_print_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    let items: String = (0..60_000).map(|i| format!("  - x{i}\n")).collect();
    let text = format!("id: many\nkind: backgrounder\ntitle: T\nupdated: 2014\nsections:\n{items}");
    std::fs::write(dir.path().join("many.yaml"), text).unwrap();
    let r = run(dir.path(), &["check", "many.yaml"]);
    println!(
        "60,000 findings, human: {:.2} s, {:.0} MB peak",
        r.secs, r.peak_mb
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .ends_with("1 document checked: 60002 errors, 0 warnings\n")
    );
    // The last finding still shows its own line.
    assert!(r.stdout.contains("60005 |   - x59999"), "last line missing");
}

// Row 9: a closed pipe or a full disk on stdout.

#[test]
fn every_subcommand_survives_a_closed_pipe_and_a_full_disk() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["explain"][..],
        &["schema"],
        &["config"],
        &["explain", "cite/missing"],
    ] {
        for _ in 0..5 {
            let mut child = Command::new(BIN)
                .args(args)
                .current_dir(dir.path())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            drop(child.stdout.take());
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
            assert!(!stderr.contains("panicked"), "{stderr}");
        }
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = Command::new(BIN)
            .args(args)
            .current_dir(dir.path())
            .stdout(full)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("error: cannot write the output: No space left on device"),
            "{stderr}"
        );
    }
}

// Row 10: limits with overflow checks.

#[test]
fn a_limit_at_the_top_of_its_range_is_refused_not_wrapped() {
    let p = project();
    std::fs::write(
        p.path().join("backgrounder.toml"),
        "[limits]\nfile_bytes = 18446744073709551615\n",
    )
    .unwrap();
    let r = run(p.path(), &["check"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    let text = format!("{}{}", r.stdout, r.stderr);
    assert!(
        text.contains("config/invalid") && text.contains("file_bytes"),
        "{text}"
    );
    assert!(!text.contains("yaml/empty"), "{text}");
    // The library, given the largest limit, still reads the whole file.
    let limits = backgrounder::load::Limits {
        file_bytes: u64::MAX,
        ..Default::default()
    };
    let report = backgrounder::check::run(
        &backgrounder::check::plan(&[mek(p.path())]).unwrap(),
        limits,
    );
    assert!(
        report.diagnostics().is_empty(),
        "{:?}",
        report.diagnostics()
    );
}

// Row 11: check and build agree on every id.

fn set_id(path: &Path, id: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.replacen("id: mujahadeen-e-khalq", &format!("id: {id}"), 1);
    std::fs::write(path, text).unwrap();
}

#[test]
fn check_fails_every_id_that_build_refuses() {
    let long = "a".repeat(220);
    for id in ["index", long.as_str()] {
        let p = project();
        let file = p.path().join(format!("content/{id}.yaml"));
        std::fs::rename(mek(p.path()), &file).unwrap();
        set_id(&file, id);
        let check = run(p.path(), &["check"]);
        assert_eq!(check.code, 1, "{}", check.stdout);
        assert!(
            check.stdout.contains("error[id/file-name]"),
            "{}",
            check.stdout
        );
        assert_eq!(run(p.path(), &["build"]).code, 1);
    }
    // The same id in a subfolder.
    let p = project();
    std::fs::create_dir(p.path().join("content/old")).unwrap();
    std::fs::copy(
        mek(p.path()),
        p.path().join("content/old/mujahadeen-e-khalq.yaml"),
    )
    .unwrap();
    let check = run(p.path(), &["check"]);
    assert_eq!(check.code, 1, "{}", check.stdout);
    assert!(check.stdout.contains("is also that of"), "{}", check.stdout);
    assert_eq!(run(p.path(), &["build"]).code, 1);
    // One folder named twice is one set of documents.
    let p = project();
    let check = run(p.path(), &["check", "content", "./content"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert!(
        check.stdout.contains("2 documents checked: 0 errors"),
        "{}",
        check.stdout
    );
    let build = run(
        p.path(),
        &["build", "content", "./content", "--format", "md"],
    );
    assert_eq!(build.code, 0, "{}", build.stderr);
}

// Row 12: I/O failures in build exit 2.

#[test]
fn an_io_failure_in_build_exits_2() {
    let p = project();
    std::fs::write(p.path().join("out"), "a file, not a folder").unwrap();
    let r = run(p.path(), &["build", "--format", "md"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let p = project();
    std::fs::create_dir_all(p.path().join("out/mujahadeen-e-khalq.md")).unwrap();
    let r = run(p.path(), &["build", "--format", "md"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("cannot write out/mujahadeen-e-khalq.md"),
        "{}",
        r.stderr
    );
}

// Row 13: symlinks, however the path is spelled.

#[test]
fn a_symlinked_out_is_refused_with_or_without_a_trailing_slash() {
    for spelling in ["out/", "out/.", "out//", "./out/"] {
        let p = project();
        let target = p.path().join("elsewhere");
        std::fs::create_dir(&target).unwrap();
        std::os::unix::fs::symlink(&target, p.path().join("out")).unwrap();
        let r = run(p.path(), &["build", "--out", spelling, "--format", "md"]);
        assert_eq!(r.code, 1, "{spelling}: {}", r.stderr);
        assert!(r.stderr.contains("is a symbolic link"), "{}", r.stderr);
        assert_eq!(std::fs::read_dir(&target).unwrap().count(), 0, "{spelling}");
    }
    // The same from the configuration.
    let p = project();
    let target = p.path().join("elsewhere");
    std::fs::create_dir(&target).unwrap();
    std::os::unix::fs::symlink(&target, p.path().join("out")).unwrap();
    std::fs::write(p.path().join("backgrounder.toml"), "out = \"out/\"\n").unwrap();
    let r = run(p.path(), &["build", "--format", "md"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(std::fs::read_dir(&target).unwrap().count(), 0);
    // A symlinked `.backgrounder/` is not written into.
    std::os::unix::fs::symlink(&target, p.path().join(".backgrounder")).unwrap();
    let (cache, _) =
        backgrounder::online::cache::Cache::load(&p.path().join(".backgrounder/links.json"));
    assert!(
        cache
            .save()
            .unwrap_err()
            .to_string()
            .contains("is a symbolic link")
    );
    assert_eq!(std::fs::read_dir(&target).unwrap().count(), 0);
}

// Row 14: control characters escaped when echoed.

#[test]
fn control_characters_reach_no_terminal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("esc.yaml"),
        "id: esc\n\"\u{1b}]0;PWNED\u{7}\u{1b}[2J\": 1\n",
    )
    .unwrap();
    for format in ["human", "github", "json", "sarif", "junit"] {
        let r = run(dir.path(), &["check", "esc.yaml", "--format", format]);
        assert_eq!(r.code, 1);
        assert!(r.stdout.contains("PWNED"), "{format}: {}", r.stdout);
        assert!(
            !r.stdout.contains('\u{1b}') && !r.stdout.contains('\u{7}'),
            "{format}: {:?}",
            r.stdout
        );
    }
    let r = run(dir.path(), &["check", "esc.yaml"]);
    assert!(
        r.stdout
            .contains("unknown field `\\u{1b}]0;PWNED\\u{7}\\u{1b}[2J`"),
        "{}",
        r.stdout
    );
}

// Row 15: stale temporary files of a dead build.

#[test]
fn a_killed_builds_temporary_files_are_removed() {
    let p = project();
    let out = p.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // The id of a process that has exited.
    let mut gone = Command::new("true").spawn().unwrap();
    let dead = gone.id();
    gone.wait().unwrap();
    let stale = out.join(format!(".mujahadeen-e-khalq.pdf.tmp-{dead}"));
    std::fs::write(&stale, "half a PDF").unwrap();
    let live = out.join(format!(".x.md.tmp-{}", std::process::id()));
    std::fs::write(&live, "still being written").unwrap();
    let r = run(p.path(), &["build", "--format", "md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!stale.exists(), "the dead build's file is still there");
    assert!(live.exists(), "a running build's file was removed");
}

// Row 16: no request to a private, loopback or link-local address.

#[test]
fn private_addresses_are_refused_before_any_request() {
    // 127.0.0.1 itself is a placeholder (`link/placeholder`), never requested.
    let listener = std::net::TcpListener::bind("127.1.2.3:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let p = project();
    let text = std::fs::read_to_string(mek(p.path())).unwrap();
    let mut urls = text.match_indices("url: https://").map(|(i, _)| i);
    let (first, second) = (urls.next().unwrap(), urls.next().unwrap());
    let line_end = |at: usize| at + text[at..].find('\n').unwrap();
    let text = format!(
        "{}url: http://127.1.2.3:{port}/page{}url: http://169.254.169.254/latest/meta-data/{}",
        &text[..first],
        &text[line_end(first)..second],
        &text[line_end(second)..]
    );
    std::fs::write(mek(p.path()), text).unwrap();
    // Every https URL is left out, so nothing leaves the machine.
    let config = "[links]\nexclude = [\"^https://\"]\ntimeout = \"2s\"\n";
    std::fs::write(p.path().join("backgrounder.toml"), config).unwrap();
    let r = run(
        p.path(),
        &[
            "check",
            "--online",
            "--format",
            "json",
            "content/mujahadeen-e-khalq.yaml",
        ],
    );
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let found: Vec<serde_json::Value> = serde_json::from_str(&r.stdout).unwrap();
    let private: Vec<&str> = found
        .iter()
        .filter(|d| d["code"] == "link/private")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(private.len(), 2, "{private:?}");
    assert!(
        private
            .iter()
            .any(|m| m.contains("its host 127.1.2.3 is a loopback address")),
        "{private:?}"
    );
    assert!(
        private
            .iter()
            .any(|m| m.contains("its host 169.254.169.254 is a link-local address")),
        "{private:?}"
    );
    assert!(
        listener.accept().is_err(),
        "the loopback server was contacted"
    );
    // Opted in, the loopback URL is requested.
    let config = format!("{config}allow_private = true\n");
    std::fs::write(p.path().join("backgrounder.toml"), config).unwrap();
    let r = run(
        p.path(),
        &[
            "check",
            "--online",
            "--format",
            "json",
            "content/mujahadeen-e-khalq.yaml",
        ],
    );
    let found: Vec<serde_json::Value> = serde_json::from_str(&r.stdout).unwrap();
    assert!(!found.iter().any(
        |d| d["code"] == "link/private" && d["message"].as_str().unwrap().contains("127.1.2.3")
    ));
    assert!(
        listener.accept().is_ok(),
        "opted in, the loopback server was not contacted"
    );
}

// Row 17: clearer messages.

#[test]
fn messages_say_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &[u8], &str)] = &[
        ("nul.yaml", b"id: a\0b\n", "the file holds a NUL byte"),
        (
            "utf16.yaml",
            b"\xff\xfei\0d\0:\0 \0a\0",
            "the file is UTF-16, not UTF-8",
        ),
        (
            "self.yaml",
            b"a: &a [*a]\n",
            "or to the list or mapping that holds it",
        ),
        ("nokey.yaml", b"kind: backgrounder\n", "`id` is missing"),
    ];
    for (name, bytes, needle) in cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let r = run(dir.path(), &["check", name]);
        assert_eq!(r.code, 1);
        assert!(r.stdout.contains(needle), "{name}: {}", r.stdout);
    }
    let r = run(dir.path(), &["check", "nokey.yaml"]);
    assert!(!r.stdout.contains("rename the file"), "{}", r.stdout);
    // Every control character in a value, not only the first.
    std::fs::write(
        dir.path().join("ctl.yaml"),
        "id: ctl\ntitle: \"a\\x07b\\x1bc\\x07\"\n",
    )
    .unwrap();
    let r = run(dir.path(), &["check", "ctl.yaml"]);
    assert!(
        r.stdout
            .contains("the control characters U+0007, U+001B are in this text (3 in all)"),
        "{}",
        r.stdout
    );
    let long_key = format!("id: a\n{}: 1\n", "k".repeat(2000));
    std::fs::write(dir.path().join("key.yaml"), long_key).unwrap();
    let r = run(dir.path(), &["check", "key.yaml"]);
    assert!(r.stdout.contains("within 1024 characters"), "{}", r.stdout);
    // A 1 MB key: the line shown is a window, not a megabyte of padding.
    let key = format!("id: a\n{}: 1\n", "k".repeat(1 << 20));
    std::fs::write(dir.path().join("big.yaml"), key).unwrap();
    let r = run(dir.path(), &["check", "big.yaml"]);
    assert!(
        r.stdout.len() < 20_000,
        "{} bytes of output",
        r.stdout.len()
    );
    // `content` naming a file.
    std::fs::write(
        dir.path().join("backgrounder.toml"),
        "content = \"nokey.yaml\"\n",
    )
    .unwrap();
    let r = run(dir.path(), &["check"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("is a file, not a folder"), "{}", r.stderr);
}

// Row 7: a build streams its exports to disk.

/// Minutes in a debug build: `cargo test --test hostile -- --ignored`.
#[test]
#[ignore]
fn a_thousand_document_build_stays_under_200_mb() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    gen_corpus::write_corpus(&content, 1000, 15).unwrap();
    let r = run_in(dir.path(), &["build"], Duration::from_secs(1200));
    println!(
        "build of 1,000 documents: {:.1} s, {:.0} MB peak",
        r.secs, r.peak_mb
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("built 1000 documents into out: 4001 files written"),
        "{}",
        r.stderr
    );
    assert!(r.peak_mb < 200.0, "{:.0} MB peak", r.peak_mb);
}

// Row 8: the link cache is bounded and trusts no future.

#[test]
fn the_link_cache_is_bounded_and_future_times_expire() {
    use backgrounder::online::Answer;
    use backgrounder::online::cache::{self, Cache, Entry};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(".backgrounder/links.json");
    let ok = || Answer::Ok {
        status: 200,
        moved_to: None,
        fetched: false,
        anchors: None,
    };
    let now = cache::now();
    let mut c = Cache {
        path: Some(path.clone()),
        entries: Default::default(),
    };
    for i in 0..cache::MAX_ENTRIES + 10 {
        c.entries.insert(
            format!("https://example.com/{i:06}"),
            Entry {
                checked: now - (i as u64 % 1000),
                answer: ok(),
            },
        );
    }
    c.entries.insert(
        "https://example.com/future".into(),
        Entry {
            checked: now + 10 * 365 * 24 * 3600,
            answer: ok(),
        },
    );
    let day = Duration::from_secs(24 * 3600);
    assert!(c.fresh("https://example.com/000001", day, false).is_some());
    assert!(c.fresh("https://example.com/future", day, false).is_none());
    c.save().unwrap();
    let (loaded, note) = Cache::load(&path);
    assert_eq!(note, None);
    assert_eq!(loaded.entries.len(), cache::MAX_ENTRIES);
    assert!(!loaded.entries.contains_key("https://example.com/future"));
    // A cache file over the size bound is not read.
    let big = format!(
        "{{\"version\":1,\"entries\":{{}},\"pad\":\"{}\"}}",
        "x".repeat(cache::MAX_BYTES as usize)
    );
    std::fs::write(&path, big).unwrap();
    let (loaded, note) = Cache::load(&path);
    assert!(loaded.entries.is_empty());
    assert!(note.is_some());
}
