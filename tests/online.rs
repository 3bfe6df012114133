//! `check --online` against a small HTTP/1.1 server started on 127.0.0.1 by
//! each test: no request ever leaves this machine. The server answers each
//! case by path, counts requests and measures how many are in flight at once.

use std::collections::{BTreeSet, HashMap};
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the server saw.
#[derive(Default)]
struct Stats {
    /// (method, path, when) of every request, in arrival order.
    log: Mutex<Vec<(String, String, Instant)>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    /// Every User-Agent seen.
    agents: Mutex<BTreeSet<String>>,
}

impl Stats {
    fn count(&self, path: &str) -> usize {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.1 == path)
            .count()
    }

    fn total(&self) -> usize {
        self.log.lock().unwrap().len()
    }

    fn times(&self, path: &str) -> Vec<Instant> {
        let log = self.log.lock().unwrap();
        log.iter().filter(|r| r.1 == path).map(|r| r.2).collect()
    }

    fn methods(&self, path: &str) -> Vec<String> {
        let log = self.log.lock().unwrap();
        log.iter()
            .filter(|r| r.1 == path)
            .map(|r| r.0.clone())
            .collect()
    }
}

struct Server {
    port: u16,
    stats: Arc<Stats>,
    stop: Arc<AtomicBool>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag and ends.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// (status, extra headers, body, delay before answering)
type Reply = (u16, Vec<(&'static str, String)>, String, Duration);

fn reply(status: u16) -> Reply {
    (status, Vec::new(), String::new(), Duration::ZERO)
}

fn redirect(status: u16, to: &str) -> Reply {
    (
        status,
        vec![("Location", to.to_owned())],
        String::new(),
        Duration::ZERO,
    )
}

fn html(body: &str) -> Reply {
    (
        200,
        vec![("Content-Type", "text/html; charset=utf-8".into())],
        body.to_owned(),
        Duration::ZERO,
    )
}

/// The answer for one request; `seen` is how many earlier requests had this path.
fn route(method: &str, path: &str, seen: usize) -> Reply {
    match path {
        "/ok" | "/archive-copy" => html("<html><body>fine</body></html>"),
        "/missing" | "/dead-src" => reply(404),
        "/gone" => reply(410),
        "/moved-301" => redirect(301, "/moved-301-b"),
        "/moved-301-b" => redirect(301, "/ok"),
        "/perm-308" => redirect(308, "/perm-308-b"),
        "/perm-308-b" => redirect(308, "/ok"),
        "/temp" => redirect(302, "/ok"),
        "/loop-a" => redirect(301, "/loop-b"),
        "/loop-b" => redirect(302, "/loop-a"),
        "/rate" if seen == 0 => (
            429,
            vec![("Retry-After", "1".into())],
            String::new(),
            Duration::ZERO,
        ),
        "/rate" => reply(200),
        "/flaky" if seen == 0 => reply(503),
        "/flaky" => reply(200),
        "/down" => reply(503),
        p if p.starts_with("/slow") => {
            (200, Vec::new(), String::new(), Duration::from_millis(1500))
        }
        "/no-head" if method == "HEAD" => reply(405),
        "/no-head" => reply(200),
        "/page" => html(
            "<!doctype html><html><body><h1>Report</h1>\n<h2 id=\"roots\">Roots</h2><p>Text.</p></body></html>",
        ),
        p if p.starts_with("/many/") => (200, Vec::new(), String::new(), Duration::from_millis(15)),
        _ => reply(404),
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        308 => "Permanent Redirect",
        404 => "Not Found",
        405 => "Method Not Allowed",
        410 => "Gone",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        _ => "Other",
    }
}

fn handle(mut stream: TcpStream, stats: &Stats) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&head);
    let mut first = text.lines().next().unwrap_or("").split_whitespace();
    let method = first.next().unwrap_or("").to_owned();
    let path = first.next().unwrap_or("").to_owned();
    for line in text.lines() {
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("user-agent")
        {
            stats.agents.lock().unwrap().insert(value.trim().to_owned());
        }
    }
    let now = stats.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    stats.max_in_flight.fetch_max(now, Ordering::SeqCst);
    let seen = {
        let mut log = stats.log.lock().unwrap();
        let seen = log.iter().filter(|r| r.1 == path).count();
        log.push((method.clone(), path.clone(), Instant::now()));
        seen
    };
    let (status, headers, body, delay) = route(&method, &path, seen);
    std::thread::sleep(delay);
    let mut out = format!(
        "HTTP/1.1 {status} {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        reason(status),
        body.len()
    );
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    if method != "HEAD" {
        out.push_str(&body);
    }
    stats.in_flight.fetch_sub(1, Ordering::SeqCst);
    let _ = stream.write_all(out.as_bytes());
    let _ = stream.flush();
    let _ = stream.shutdown(Shutdown::Write);
}

fn serve() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let stats = Arc::new(Stats::default());
    let stop = Arc::new(AtomicBool::new(false));
    let (s, f) = (stats.clone(), stop.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            if f.load(Ordering::SeqCst) {
                break;
            }
            let Ok(stream) = stream else { continue };
            let s = s.clone();
            std::thread::spawn(move || handle(stream, &s));
        }
    });
    Server { port, stats, stop }
}

/// A port on 127.0.0.1 that nothing listens on.
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

const CONFIG: &str = r#"[rules]
"link/placeholder" = "off"
"link/insecure" = "off"
"cite/unused-source" = "off"

[links]
allow_private = true
timeout = "300ms"
retries = 1
concurrency = 16
per_host = 4
"#;

fn source(id: &str, url: &str, archive: Option<&str>) -> String {
    let mut s = format!(
        "  - id: {id}\n    type: webpage\n    title: Page {id}\n    publisher: A Site\n    url: {url}\n    published: 2014-01-01\n"
    );
    if let Some(a) = archive {
        s.push_str(&format!("    archive: {a}\n"));
    }
    s
}

/// A valid backgrounder whose sources have the given URLs, with `text` as
/// the text of its one cited claim.
fn document(base: &str, text: &str, sources: &[(&str, Option<&str>)]) -> String {
    let mut doc = format!(
        "id: links\nkind: backgrounder\ntitle: Links\nauthors:\n  - name: Ada Editor\n    role: Editor\n    url: {base}/ok\npublished: 2014-01-15\nupdated: 2014-07-28\nsummary: Links.\nsections:\n  - id: intro\n    heading: Introduction\n    body:\n      - paragraph:\n          - text: \"{text}\"\n            cite: [s0]\nsources:\n"
    );
    for (i, (url, archive)) in sources.iter().enumerate() {
        doc.push_str(&source(&format!("s{i}"), url, *archive));
    }
    doc
}

fn workspace(doc: &str, config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/links.yaml"), doc).unwrap();
    std::fs::write(dir.path().join("backgrounder.toml"), config).unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_backgrounder"));
    cmd.args(args).current_dir(dir).env("NO_COLOR", "1");
    // Never let a proxy from the environment carry a request off this machine.
    for var in [
        "ALL_PROXY",
        "all_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
    ] {
        cmd.env_remove(var);
    }
    cmd.output().unwrap()
}

const ONLINE: [&str; 6] = [
    "link/dead",
    "link/unreachable",
    "link/redirect",
    "link/dead-with-archive",
    "link/fragment",
    "link/unchecked",
];

/// The online findings of a `--format json` run: (code, line, message, hint).
fn findings(o: &Output) -> Vec<(String, usize, String, String)> {
    let all: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    });
    all.as_array()
        .unwrap()
        .iter()
        .filter(|d| ONLINE.contains(&d["code"].as_str().unwrap()))
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap() as usize,
                d["message"].as_str().unwrap().to_owned(),
                d["hint"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The 1-based line of the first line of `doc` containing `needle`.
fn line_of(doc: &str, needle: &str) -> usize {
    doc.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` not in the document"))
        + 1
}

#[test]
fn each_answer_becomes_its_finding_at_its_line() {
    let server = serve();
    let base = format!("http://127.0.0.1:{}", server.port);
    let refused = format!("http://127.0.0.1:{}/anything", closed_port());
    let u = |p: &str| format!("{base}{p}");
    let urls = [
        u("/ok"),
        u("/missing"),
        u("/gone"),
        u("/moved-301"),
        u("/perm-308"),
        u("/temp"),
        u("/loop-a"),
        u("/rate"),
        u("/flaky"),
        u("/down"),
        u("/slow"),
        u("/no-head"),
        u("/page#roots"),
        refused.clone(),
    ];
    let archive = u("/archive-copy");
    let mut sources: Vec<(&str, Option<&str>)> = urls.iter().map(|u| (u.as_str(), None)).collect();
    let dead_src = u("/dead-src");
    sources.push((&dead_src, Some(&archive)));
    let text = format!("It began [early]({base}/page#nope).");
    let doc = document(&base, &text, &sources);
    let dir = workspace(&doc, CONFIG);
    let started = Instant::now();
    let o = run(dir.path(), &["check", "--online", "--format", "json"]);
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "took {:?}",
        started.elapsed()
    );
    let got = findings(&o);
    let codes: BTreeSet<(String, usize)> = got.iter().map(|f| (f.0.clone(), f.1)).collect();
    let at = |path: &str| line_of(&doc, &format!("url: {base}{path}"));
    let want: BTreeSet<(String, usize)> = [
        ("link/dead", at("/missing")),
        ("link/dead", at("/gone")),
        ("link/redirect", at("/moved-301")),
        ("link/redirect", at("/perm-308")),
        ("link/dead", at("/loop-a")),
        ("link/unreachable", at("/down")),
        ("link/unreachable", at("/slow")),
        ("link/dead", line_of(&doc, &format!("url: {refused}"))),
        ("link/dead-with-archive", at("/dead-src")),
        ("link/fragment", line_of(&doc, "page#nope")),
    ]
    .into_iter()
    .map(|(c, l)| (c.to_owned(), l))
    .collect();
    assert_eq!(
        codes,
        want,
        "stderr: {}\nfindings: {got:#?}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(o.status.code(), Some(1), "link/dead is an error");

    // The hint of a permanent redirect names where the chain ends.
    for f in got.iter().filter(|f| f.0 == "link/redirect") {
        assert_eq!(f.3, format!("replace it with `{base}/ok`"), "{f:?}");
    }
    let loop_finding = got.iter().find(|f| f.1 == at("/loop-a")).unwrap();
    assert!(loop_finding.2.contains("loop"), "{loop_finding:?}");
    let slow = got.iter().find(|f| f.1 == at("/slow")).unwrap();
    assert!(slow.2.contains("no answer within 300ms"), "{slow:?}");

    let stats = &server.stats;
    // 429 with Retry-After: 1, then 200: asked twice, a second apart.
    let rate = stats.times("/rate");
    assert_eq!(rate.len(), 2);
    assert!(
        rate[1] - rate[0] >= Duration::from_millis(900),
        "{:?}",
        rate[1] - rate[0]
    );
    // 503 then 200: one retry, then fine.
    assert_eq!(stats.count("/flaky"), 2);
    // Always 503: the first try and `retries = 1`.
    assert_eq!(stats.count("/down"), 2);
    // HEAD refused with 405, then GET.
    assert_eq!(stats.methods("/no-head"), ["HEAD", "GET"]);
    // The page is fetched once for both of its fragments, with GET.
    assert_eq!(stats.methods("/page"), ["GET"]);
    // Each distinct URL once: the author's /ok is also where redirects end,
    // but the author's request is a single HEAD.
    assert_eq!(
        stats.count("/missing"),
        2,
        "HEAD 404 is asked again with GET"
    );
    assert_eq!(stats.count("/archive-copy"), 1);

    let agents = stats.agents.lock().unwrap().clone();
    let want = format!("backgrounder/{} (+link check)", env!("CARGO_PKG_VERSION"));
    assert_eq!(agents, BTreeSet::from([want]));

    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("online: 16 URLs: 16 requested, 0 from the cache"),
        "{stderr}"
    );
}

#[test]
fn fresh_answers_come_from_the_cache() {
    let server = serve();
    let base = format!("http://127.0.0.1:{}", server.port);
    let ok = format!("{base}/ok");
    let page = format!("{base}/page#roots");
    let missing = format!("{base}/missing");
    let doc = document(
        &base,
        "Plain.",
        &[(&ok, None), (&page, None), (&missing, None)],
    );
    let dir = workspace(&doc, CONFIG);
    let first = run(dir.path(), &["check", "--online", "--format", "json"]);
    assert_eq!(findings(&first).len(), 1);
    assert!(dir.path().join(".backgrounder/links.json").is_file());
    let before = (server.stats.count("/ok"), server.stats.count("/page"));
    assert_eq!(before, (1, 1));
    let missing_before = server.stats.count("/missing");

    let second = run(dir.path(), &["check", "--online", "--format", "json"]);
    assert_eq!(findings(&second), findings(&first));
    assert_eq!(
        (server.stats.count("/ok"), server.stats.count("/page")),
        before,
        "fresh successes are not requested again"
    );
    assert!(
        server.stats.count("/missing") > missing_before,
        "failures are requested again"
    );
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(stderr.contains("1 requested, 2 from the cache"), "{stderr}");

    let third = run(
        dir.path(),
        &["check", "--online", "--refresh-links", "--format", "json"],
    );
    assert_eq!(findings(&third), findings(&first));
    assert_eq!(
        server.stats.count("/ok"),
        2,
        "--refresh-links ignores the cache"
    );

    // An expired entry is requested again.
    let short = CONFIG.replace("[links]\n", "[links]\nttl = 0\n");
    std::fs::write(dir.path().join("backgrounder.toml"), short).unwrap();
    run(dir.path(), &["check", "--online", "--format", "json"]);
    assert_eq!(server.stats.count("/ok"), 3);
}

#[test]
fn a_corrupt_cache_is_a_warning_and_is_rewritten() {
    let server = serve();
    let base = format!("http://127.0.0.1:{}", server.port);
    let ok = format!("{base}/ok");
    let doc = document(&base, "Plain.", &[(&ok, None)]);
    let dir = workspace(&doc, CONFIG);
    std::fs::create_dir(dir.path().join(".backgrounder")).unwrap();
    let cache = dir.path().join(".backgrounder/links.json");
    std::fs::write(&cache, "{ not json").unwrap();
    let o = run(dir.path(), &["check", "--online"]);
    assert_eq!(o.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("warning: the link cache"), "{stderr}");
    let text = std::fs::read_to_string(&cache).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(json["entries"][&ok].is_object(), "{text}");
}

#[test]
fn the_per_host_limit_holds_over_500_urls() {
    let server = serve();
    let base = format!("http://127.0.0.1:{}", server.port);
    let mut doc = document(&base, "Plain.", &[(&format!("{base}/ok"), None)]);
    doc.push_str("resources:\n");
    for i in 0..500 {
        doc.push_str(&format!("  - title: Page {i}\n    url: {base}/many/{i}\n"));
    }
    let dir = workspace(&doc, CONFIG);
    let started = Instant::now();
    let o = run(dir.path(), &["check", "--online", "--format", "json"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(findings(&o).is_empty(), "{stderr}");
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    let many = server
        .stats
        .log
        .lock()
        .unwrap()
        .iter()
        .filter(|r| r.1.starts_with("/many/"))
        .count();
    assert_eq!(many, 500);
    let max = server.stats.max_in_flight.load(Ordering::SeqCst);
    assert!(max <= 4, "{max} requests in flight at once, limit 4");
    assert!(max > 1, "requests ran one at a time");
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn the_budget_bounds_the_run_and_reports_what_is_left() {
    let server = serve();
    let base = format!("http://127.0.0.1:{}", server.port);
    let mut doc = document(&base, "Plain.", &[(&format!("{base}/ok"), None)]);
    doc.push_str("resources:\n");
    for i in 0..40 {
        doc.push_str(&format!("  - title: Slow {i}\n    url: {base}/slow?{i}\n"));
    }
    let config = CONFIG.replace("timeout = \"300ms\"", "timeout = \"5s\"");
    let dir = workspace(&doc, &config);
    let started = Instant::now();
    let o = run(
        dir.path(),
        &[
            "check",
            "--online",
            "--online-budget",
            "1s",
            "--format",
            "json",
        ],
    );
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    let got = findings(&o);
    assert!(!got.is_empty());
    assert!(got.iter().all(|f| f.0 == "link/unchecked"), "{got:#?}");
    assert_eq!(o.status.code(), Some(0), "unchecked links are warnings");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("not checked (the budget of 1s ran out)"),
        "{stderr}"
    );
    assert!(server.stats.total() <= 41);
}

#[test]
fn excluded_urls_are_skipped_and_counted() {
    let server = serve();
    let base = format!("http://127.0.0.1:{}", server.port);
    let missing = format!("{base}/missing");
    let doc = document(&base, "Plain.", &[(&missing, None)]);
    let config = CONFIG.replace("[links]\n", "[links]\nexclude = [\"/missing$\"]\n");
    let dir = workspace(&doc, &config);
    let o = run(dir.path(), &["check", "--online", "--format", "json"]);
    assert!(findings(&o).is_empty());
    assert_eq!(server.stats.count("/missing"), 0);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("1 skipped by `[links] exclude`"),
        "{stderr}"
    );

    // A pattern that does not compile is a configuration error with a hint.
    let bad = CONFIG.replace("[links]\n", "[links]\nexclude = [\"(unclosed\"]\n");
    std::fs::write(dir.path().join("backgrounder.toml"), bad).unwrap();
    let o = run(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("error[config/invalid]"), "{stderr}");
    assert!(
        stderr.contains("is not a valid regular expression"),
        "{stderr}"
    );
}

#[test]
fn without_online_nothing_is_requested_and_output_is_unchanged() {
    let server = serve();
    let base = format!("http://127.0.0.1:{}", server.port);
    let missing = format!("{base}/missing");
    let doc = document(&base, "Plain.", &[(&missing, None)]);
    // The offline configuration, and the same with a [links] table.
    let offline = CONFIG.split("[links]").next().unwrap().to_owned();
    let dir = workspace(&doc, &offline);
    let mut outputs = HashMap::new();
    for (name, config) in [("offline", offline.as_str()), ("links", CONFIG)] {
        std::fs::write(dir.path().join("backgrounder.toml"), config).unwrap();
        for format in ["human", "json"] {
            let o = run(dir.path(), &["check", "--format", format]);
            assert_eq!(o.status.code(), Some(0));
            assert!(
                o.stderr.is_empty(),
                "{}",
                String::from_utf8_lossy(&o.stderr)
            );
            outputs.insert((name, format), o.stdout);
        }
    }
    assert_eq!(outputs[&("offline", "human")], outputs[&("links", "human")]);
    assert_eq!(outputs[&("offline", "json")], outputs[&("links", "json")]);
    assert_eq!(outputs[&("offline", "json")], b"[]\n");
    assert_eq!(server.stats.total(), 0, "no request without --online");
    assert!(!dir.path().join(".backgrounder").exists());

    // The online flags need --online.
    let o = run(dir.path(), &["check", "--refresh-links"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn an_allow_entry_suppresses_an_online_finding() {
    let server = serve();
    let base = format!("http://127.0.0.1:{}", server.port);
    let missing = format!("{base}/missing");
    let gone = format!("{base}/gone");
    let mut doc = document(&base, "Plain.", &[(&missing, None)]);
    doc.push_str("    allow:\n      - rule: link/dead\n        reason: the publisher took it down; kept for the record\n");
    doc.push_str(&source("s1", &gone, None));
    let dir = workspace(&doc, CONFIG);
    let o = run(dir.path(), &["check", "--online", "--format", "json"]);
    let got: Vec<(String, usize)> = findings(&o).into_iter().map(|f| (f.0, f.1)).collect();
    assert_eq!(got, [("link/dead".to_owned(), line_of(&doc, "/gone"))]);
    // Offline, the entry is not called unused: that cannot be known there.
    let o = run(dir.path(), &["check", "--format", "json"]);
    assert_eq!(String::from_utf8_lossy(&o.stdout), "[]\n");
}
