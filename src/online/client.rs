//! Requests one URL politely: HEAD first and GET when HEAD is refused,
//! redirects followed by hand (to tell permanent from temporary ones and to
//! catch loops), retries with backoff for 429 and 5xx honouring
//! `Retry-After`, a per-request timeout, a per-host limit, and a deadline
//! that no request outlives.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::Read;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use url::Url;

use super::{Answer, Options};

/// The most bytes of a page read to look for a fragment's id.
const BODY_LIMIT: u64 = 8 * 1024 * 1024;

/// The `User-Agent` every request carries.
pub fn user_agent() -> String {
    format!("backgrounder/{} (+link check)", env!("CARGO_PKG_VERSION"))
}

/// A counting semaphore per host (`host:port`).
pub struct HostLimiter {
    limit: usize,
    in_flight: Mutex<HashMap<String, usize>>,
    freed: Condvar,
}

/// A slot for one request to one host, given back on drop.
pub struct Permit<'a> {
    limiter: &'a HostLimiter,
    host: String,
}

impl HostLimiter {
    pub fn new(limit: usize) -> Self {
        HostLimiter {
            limit: limit.max(1),
            in_flight: Mutex::new(HashMap::new()),
            freed: Condvar::new(),
        }
    }

    /// Waits for a slot for `host`; `None` if the deadline passes first.
    pub fn acquire(&self, host: &str, deadline: Instant) -> Option<Permit<'_>> {
        let mut map = self.in_flight.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            let count = map.entry(host.to_owned()).or_insert(0);
            if *count < self.limit {
                *count += 1;
                return Some(Permit {
                    limiter: self,
                    host: host.to_owned(),
                });
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            if left.is_zero() {
                return None;
            }
            map = self
                .freed
                .wait_timeout(map, left)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut map = self
            .limiter
            .in_flight
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if let Some(count) = map.get_mut(&self.host) {
            *count = count.saturating_sub(1);
        }
        drop(map);
        self.limiter.freed.notify_all();
    }
}

/// The key the per-host limit counts by.
pub fn host_key(url: &Url) -> String {
    format!(
        "{}:{}",
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(0)
    )
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Method {
    Head,
    Get,
}

/// What one exchange gave, read while the host's slot was held.
struct Reply {
    status: u16,
    location: Option<String>,
    retry_after: Option<Duration>,
    html: bool,
    body: Option<Vec<u8>>,
}

/// Why an exchange gave no answer.
enum Failure {
    /// The link is gone: no such host, connection refused.
    Dead(String),
    /// No answer this time: TLS, protocol trouble.
    Unreachable(String),
    /// No answer within the request's timeout.
    TimedOut(String),
    /// The run's deadline came first: nothing is known.
    OutOfTime,
    /// The address connected to is not public (see [`PublicOnly`]).
    Private(String),
}

/// The marker error of [`PublicOnly`].
#[derive(Debug)]
struct PrivateAddress;

impl std::fmt::Display for PrivateAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("every address of the host is private, loopback or link-local")
    }
}

impl std::error::Error for PrivateAddress {}

/// The agent's resolver when private addresses are refused: the addresses
/// a connection is made to are checked too, so a host name that resolves
/// to another address the second time (DNS rebinding) gains nothing.
#[derive(Debug, Default)]
struct PublicOnly(ureq::unversioned::resolver::DefaultResolver);

impl ureq::unversioned::resolver::Resolver for PublicOnly {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: ureq::unversioned::transport::NextTimeout,
    ) -> Result<ureq::unversioned::resolver::ResolvedSocketAddrs, ureq::Error> {
        let found = self.0.resolve(uri, config, timeout)?;
        let mut public = self.empty();
        for address in found.iter() {
            if not_public(address.ip()).is_none() {
                public.push(*address);
            }
        }
        if public.is_empty() {
            return Err(ureq::Error::Other(Box::new(PrivateAddress)));
        }
        Ok(public)
    }
}

/// Checks URLs with one shared agent (connections are reused per host).
pub struct Checker<'a> {
    agent: ureq::Agent,
    options: &'a Options,
    limiter: HostLimiter,
    deadline: Instant,
}

impl<'a> Checker<'a> {
    pub fn new(options: &'a Options, deadline: Instant) -> Self {
        let mut config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(user_agent())
            .timeout_global(Some(options.timeout));
        if !options.proxy_from_env {
            config = config.proxy(None);
        }
        let config = config.build();
        // Through a proxy, the proxy resolves the target (and the resolver
        // sees only the proxy's own, often private, address): there the
        // check of each hop before its request is what holds.
        let direct = !options.proxy_from_env || ureq::Proxy::try_from_env().is_none();
        let agent = if options.allow_private || !direct {
            config.into()
        } else {
            ureq::Agent::with_parts(
                config,
                ureq::unversioned::transport::DefaultConnector::new(),
                PublicOnly::default(),
            )
        };
        Checker {
            agent,
            options,
            limiter: HostLimiter::new(options.per_host),
            deadline,
        }
    }

    /// Checks one URL (without fragment); `None` when the deadline came
    /// before an answer.
    pub fn check(&self, raw: &str, need_body: bool) -> Option<Answer> {
        let Ok(mut current) = Url::parse(raw) else {
            return Some(Answer::Dead {
                reason: "it is not a valid URL".into(),
            });
        };
        let mut method = if need_body { Method::Get } else { Method::Head };
        let mut seen: HashSet<String> = HashSet::from([current.as_str().to_owned()]);
        let mut moved_to: Option<String> = None;
        let mut permanent_so_far = true;
        let mut hops = 0;
        loop {
            // Every hop, on its resolved address, before it is requested.
            if !self.options.allow_private
                && let Some(why) = private_target(&current)
            {
                let reason = if hops == 0 {
                    why
                } else {
                    format!("it redirects to {current}, and {why}")
                };
                return Some(Answer::Private { reason });
            }
            let reply = match self.exchange(method, &current, need_body) {
                Ok(r) => r,
                Err(Failure::OutOfTime) => return None,
                Err(Failure::Private(reason)) => return Some(Answer::Private { reason }),
                Err(Failure::Dead(reason)) => return Some(Answer::Dead { reason }),
                Err(Failure::Unreachable(reason) | Failure::TimedOut(reason)) => {
                    return Some(Answer::Unreachable { reason });
                }
            };
            let status = reply.status;
            if matches!(status, 301 | 302 | 303 | 307 | 308) {
                let Some(next) = reply.location.as_deref().and_then(|l| current.join(l).ok())
                else {
                    return Some(Answer::Dead {
                        reason: format!("it answers {status} with no usable Location"),
                    });
                };
                if permanent_so_far && matches!(status, 301 | 308) {
                    moved_to = Some(next.to_string());
                } else {
                    permanent_so_far = false;
                }
                hops += 1;
                if !seen.insert(next.as_str().to_owned()) {
                    return Some(Answer::Dead {
                        reason: format!("its redirects loop back to {next}"),
                    });
                }
                if hops > self.options.max_redirects {
                    return Some(Answer::Dead {
                        reason: format!(
                            "it redirects more than {} times",
                            self.options.max_redirects
                        ),
                    });
                }
                current = next;
                continue;
            }
            if method == Method::Head && status >= 400 && status != 429 && !retryable(status) {
                // Many servers refuse or mishandle HEAD; ask again with GET.
                method = Method::Get;
                continue;
            }
            return Some(match status {
                200..=299 => {
                    let anchors = match (&reply.body, reply.html) {
                        (Some(body), true) => Some(anchors(&String::from_utf8_lossy(body))),
                        _ => None,
                    };
                    Answer::Ok {
                        status,
                        moved_to,
                        fetched: reply.body.is_some(),
                        anchors,
                    }
                }
                404 | 410 => Answer::Dead {
                    reason: answers(status),
                },
                401 | 403 | 429 | 451 => Answer::Unreachable {
                    reason: answers(status),
                },
                500..=599 => Answer::Unreachable {
                    reason: format!(
                        "{} (after {} retries)",
                        answers(status),
                        self.options.retries
                    ),
                },
                _ => Answer::Dead {
                    reason: answers(status),
                },
            });
        }
    }

    /// One request, retried on 429 and 5xx, holding the host's slot only
    /// while the request is in flight.
    fn exchange(&self, method: Method, url: &Url, need_body: bool) -> Result<Reply, Failure> {
        let host = host_key(url);
        let mut attempt = 0;
        loop {
            let left = self
                .deadline
                .checked_duration_since(Instant::now())
                .filter(|d| !d.is_zero())
                .ok_or(Failure::OutOfTime)?;
            let timeout = self.options.timeout.min(left);
            let permit = self
                .limiter
                .acquire(&host, self.deadline)
                .ok_or(Failure::OutOfTime)?;
            let result = self.send(method, url, timeout, need_body);
            drop(permit);
            let reply = match result {
                Err(Failure::TimedOut(_)) if timeout < self.options.timeout => {
                    // Cut short by the run's budget, not by the server.
                    return Err(Failure::OutOfTime);
                }
                other => other?,
            };
            if !(reply.status == 429 || retryable(reply.status)) || attempt >= self.options.retries
            {
                return Ok(reply);
            }
            let backoff = Duration::from_millis(250u64 << attempt.min(6));
            let wait = reply
                .retry_after
                .unwrap_or(backoff)
                .min(self.options.retry_after_cap);
            if Instant::now() + wait >= self.deadline {
                return Ok(reply);
            }
            std::thread::sleep(wait);
            attempt += 1;
        }
    }

    fn send(
        &self,
        method: Method,
        url: &Url,
        timeout: Duration,
        need_body: bool,
    ) -> Result<Reply, Failure> {
        let request = match method {
            Method::Head => self.agent.head(url.as_str()),
            Method::Get => self.agent.get(url.as_str()),
        };
        let response = request
            .config()
            .timeout_global(Some(timeout))
            .build()
            .call()
            .map_err(|e| failure(e, timeout))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let location = header("location");
        let retry_after = header("retry-after").and_then(|v| retry_after(&v));
        let html = header("content-type").is_some_and(|t| {
            let t = t.to_ascii_lowercase();
            t.contains("text/html") || t.contains("application/xhtml")
        });
        let body = if need_body && method == Method::Get && (200..300).contains(&status) {
            let mut bytes = Vec::new();
            response
                .into_body()
                .into_reader()
                .take(BODY_LIMIT)
                .read_to_end(&mut bytes)
                .map_err(|e| match e.kind() {
                    std::io::ErrorKind::TimedOut => Failure::TimedOut(format!(
                        "the page did not arrive within {}",
                        crate::config::DurationText(timeout)
                    )),
                    _ => Failure::Unreachable(format!("reading the page failed: {e}")),
                })?;
            Some(bytes)
        } else {
            None
        };
        Ok(Reply {
            status,
            location,
            retry_after,
            html,
            body,
        })
    }
}

/// Why `url` may not be requested: its host is, or resolves to, an address
/// that is not public ("its host `x` is a link-local address (169.254.169.254)").
/// A host that does not resolve is left to the request to report.
pub fn private_target(url: &Url) -> Option<String> {
    use std::net::{IpAddr, ToSocketAddrs};
    let port = url.port_or_known_default().unwrap_or(80);
    let addresses: Vec<IpAddr> = match url.host()? {
        url::Host::Ipv4(ip) => vec![IpAddr::V4(ip)],
        url::Host::Ipv6(ip) => vec![IpAddr::V6(ip)],
        url::Host::Domain(name) => (name, port)
            .to_socket_addrs()
            .map(|found| found.map(|a| a.ip()).collect())
            .unwrap_or_default(),
    };
    let host = url.host_str().unwrap_or("");
    addresses.into_iter().find_map(|ip| {
        not_public(ip).map(|kind| {
            if host.trim_matches(['[', ']']) == ip.to_string() {
                format!("its host {host} is {kind}")
            } else {
                format!("its host `{host}` resolves to {ip}, {kind}")
            }
        })
    })
}

/// What kind of non-public address `ip` is, if it is one.
pub fn not_public(ip: std::net::IpAddr) -> Option<&'static str> {
    use std::net::IpAddr;
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            if v4.is_loopback() {
                Some("a loopback address")
            } else if v4.is_private() {
                Some("a private address")
            } else if v4.is_link_local() {
                Some("a link-local address")
            } else if a == 100 && (64..128).contains(&b) {
                Some("a shared (carrier-grade NAT) address")
            } else if v4.is_unspecified() || a == 0 {
                Some("an unspecified address")
            } else if v4.is_broadcast() || v4.is_multicast() || a >= 240 {
                Some("a broadcast, multicast or reserved address")
            } else {
                None
            }
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return not_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            if v6.is_loopback() {
                Some("a loopback address")
            } else if v6.is_unspecified() {
                Some("an unspecified address")
            } else if first & 0xfe00 == 0xfc00 {
                Some("a unique-local address")
            } else if first & 0xffc0 == 0xfe80 {
                Some("a link-local address")
            } else if v6.is_multicast() {
                Some("a broadcast, multicast or reserved address")
            } else {
                None
            }
        }
    }
}

/// A `Retry-After` value: seconds, or an HTTP date (`Sun, 06 Nov 1994
/// 08:49:37 GMT`) turned into the wait from now.
fn retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = http_date(value)?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    Some(Duration::from_secs(at.saturating_sub(now)))
}

/// Seconds since the Unix epoch of an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
fn http_date(text: &str) -> Option<u64> {
    let mut parts = text.split_whitespace();
    let _weekday = parts.next()?;
    let day: u64 = parts.next()?.parse().ok()?;
    let name = parts.next()?;
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| *m == name)? as u64
        + 1;
    let year: u64 = parts.next()?.parse().ok()?;
    let mut clock = parts.next()?.split(':').map(|n| n.parse::<u64>().ok());
    let (h, m, s) = (clock.next()??, clock.next()??, clock.next()??);
    if parts.next()? != "GMT"
        || !(1..=31).contains(&day)
        || year < 1970
        || h > 23
        || m > 59
        || s > 60
    {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm), for years from 1970.
    let (y, mo) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * mo + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = (era * 146_097 + doe).checked_sub(719_468)?;
    Some(days * 86_400 + h * 3600 + m * 60 + s)
}

/// 5xx answers worth asking again (not 501 Not Implemented).
fn retryable(status: u16) -> bool {
    (500..600).contains(&status) && status != 501
}

fn failure(error: ureq::Error, timeout: Duration) -> Failure {
    use std::io::ErrorKind;
    match error {
        ureq::Error::HostNotFound => Failure::Dead("its host name does not resolve".into()),
        ureq::Error::Other(e) if e.is::<PrivateAddress>() => Failure::Private(
            "its host resolved to a private, loopback or link-local address when connecting".into(),
        ),
        ureq::Error::Timeout(_) => Failure::TimedOut(format!(
            "no answer within {}",
            crate::config::DurationText(timeout)
        )),
        ureq::Error::Io(e) => match e.kind() {
            ErrorKind::ConnectionRefused => Failure::Dead("the server refuses connections".into()),
            ErrorKind::TimedOut | ErrorKind::WouldBlock => Failure::TimedOut(format!(
                "no answer within {}",
                crate::config::DurationText(timeout)
            )),
            _ => Failure::Unreachable(format!("the connection failed: {e}")),
        },
        other => Failure::Unreachable(format!("the request failed: {other}")),
    }
}

/// "it answers 404 Not Found": the status and its reason phrase, if it has one.
fn answers(status: u16) -> String {
    match ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
    {
        Some(reason) => format!("it answers {status} {reason}"),
        None => format!("it answers {status}"),
    }
}

/// The fragments an HTML page answers to: every element's `id` and every
/// `<a name>` (the HTML standard's "indicated part of the document"), read
/// by html5ever's tokenizer, so entities are decoded, attribute names are
/// case-insensitive, values may be unquoted, and what is inside comments,
/// `<script>`, `<style>` or `<textarea>` is not taken for an element.
pub fn anchors(html: &str) -> BTreeSet<String> {
    use html5ever::tokenizer::{BufferQueue, Tokenizer};
    let input = BufferQueue::default();
    input.push_back(html5ever::tendril::StrTendril::from(html));
    let tokenizer = Tokenizer::new(Anchors::default(), Default::default());
    // The sink never asks to run a script or change encoding, so one feed
    // reads the whole page.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.found.into_inner()
}

/// The [`anchors`] of a page, as its tokens go by.
#[derive(Default)]
struct Anchors {
    found: std::cell::RefCell<BTreeSet<String>>,
}

impl html5ever::tokenizer::TokenSink for Anchors {
    type Handle = ();

    fn process_token(
        &self,
        token: html5ever::tokenizer::Token,
        _line: u64,
    ) -> html5ever::tokenizer::TokenSinkResult<()> {
        use html5ever::tokenizer::states::RawKind;
        use html5ever::tokenizer::{StartTag, TagToken, TokenSinkResult};
        let TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind != StartTag {
            return TokenSinkResult::Continue;
        }
        let name = &*tag.name;
        let mut found = self.found.borrow_mut();
        for attr in &tag.attrs {
            let local = &*attr.name.local;
            if attr.name.ns.is_empty() && (local == "id" || (local == "name" && name == "a")) {
                found.insert(attr.value.to_string());
            }
        }
        // What the tree builder would tell the tokenizer: the text of these
        // elements is not markup (`<noscript>` too, as a browser with
        // scripts reads it).
        match name {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
            "plaintext" => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(ids: &[&str]) -> BTreeSet<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn finds_ids_and_names() {
        let found = anchors(
            r#"<h2 id="roots">Roots</h2><a name=legacy></a><div class="x" ID='Mixed' name="field">"#,
        );
        assert_eq!(found, set(&["roots", "legacy", "Mixed"]));
        assert!(anchors("<p>id=\"nope\" in text</p>").is_empty());
    }

    #[test]
    fn anchors_are_read_as_a_browser_reads_the_page() {
        let page = r#"<!doctype html>
            <!-- <h2 id="commented">old</h2> -->
            <script>var s = '<a id="in-script">'; if (a < b && c > d) {}</script>
            <style>p[id="in-style"] { color: red }</style>
            <textarea><b id="in-textarea"></b></textarea>
            <title><i id="in-title"></i></title>
            <h2 ID="a&amp;b">Entities</h2>
            <h3 id=unquoted-1 class=x>Unquoted</h3>
            <h3 Id = 'spaced'>Spaced</h3>
            <p id="caf&eacute;" data-id="not-an-id" title='id="nor-this"'></p>
            <A NAME="upper-a"></A>
            <meta name="description" content="x">
            <h4 id="after">After</h4>"#;
        assert_eq!(
            anchors(page),
            set(&["a&b", "after", "café", "spaced", "unquoted-1", "upper-a"])
        );
    }

    #[test]
    fn broken_markup_ends_the_page_quietly() {
        assert!(anchors("").is_empty());
        assert!(anchors("<").is_empty());
        assert!(anchors("<div id=\"open").is_empty());
        assert_eq!(anchors("<script><h2 id=\"x\">"), set(&[]));
        assert_eq!(anchors("<p id=\"a\"><!-- <p id=\"b\">"), set(&["a"]));
        assert_eq!(anchors("\0<p id=\"nul\0\">"), set(&["nul\u{fffd}"]));
    }

    #[test]
    fn an_answer_names_the_status_and_its_reason() {
        assert_eq!(answers(404), "it answers 404 Not Found");
        assert_eq!(answers(451), "it answers 451 Unavailable For Legal Reasons");
        assert_eq!(answers(599), "it answers 599");
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        assert_eq!(retry_after(" 7 "), Some(Duration::from_secs(7)));
        assert_eq!(
            http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon"), None);
    }

    #[test]
    fn only_public_addresses_are_requested() {
        for private in [
            "http://169.254.169.254/latest/meta-data/",
            "http://127.0.0.1:8080/",
            "http://10.1.2.3/",
            "http://172.16.0.1/",
            "http://192.168.1.1/",
            "http://100.64.0.1/",
            "http://0.0.0.0/",
            "http://[::1]/",
            "http://[fd00::1]/",
            "http://[fe80::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://localhost/",
        ] {
            let url = Url::parse(private).unwrap();
            assert!(private_target(&url).is_some(), "{private}");
        }
        for public in ["http://93.184.216.34/", "http://[2606:2800:220:1::]/"] {
            assert_eq!(
                private_target(&Url::parse(public).unwrap()),
                None,
                "{public}"
            );
        }
        let why = private_target(&Url::parse("http://169.254.169.254/").unwrap()).unwrap();
        assert_eq!(why, "its host 169.254.169.254 is a link-local address");
    }

    #[test]
    fn the_connection_itself_goes_only_to_public_addresses() {
        // Past the check of each hop (as after a DNS change between the
        // check and the request), the resolver refuses a private address.
        let listener = std::net::TcpListener::bind("127.1.2.4:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let mut options = Options::from_config(&crate::config::Links::default()).unwrap();
        options.proxy_from_env = false;
        let checker = Checker::new(&options, Instant::now() + Duration::from_secs(5));
        let url = Url::parse(&format!("http://127.1.2.4:{port}/")).unwrap();
        let sent = checker.send(Method::Head, &url, Duration::from_secs(2), false);
        assert!(matches!(sent, Err(Failure::Private(_))));
        listener.set_nonblocking(true).unwrap();
        assert!(listener.accept().is_err(), "a connection was made");
    }

    #[test]
    fn limiter_counts_per_host() {
        let limiter = HostLimiter::new(1);
        let soon = Instant::now() + Duration::from_millis(50);
        let first = limiter.acquire("a:443", soon);
        assert!(first.is_some());
        assert!(limiter.acquire("b:443", soon).is_some());
        assert!(limiter.acquire("a:443", soon).is_none());
        drop(first);
        assert!(limiter.acquire("a:443", soon).is_some());
    }
}
