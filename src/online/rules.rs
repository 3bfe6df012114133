//! The codes `check --online` reports, each with its documentation, so that
//! `explain`, `[rules]` and `allow` entries know them like any offline rule.
//! An `allow` entry for one of them is never reported as unused: offline,
//! whether the finding would occur cannot be known.

use crate::diag::Severity::{Error, Warning};
use crate::rules::Rule;

/// Every online code, in `explain` order.
pub const ALL: &[&Rule] = &[
    &DEAD,
    &UNREACHABLE,
    &REDIRECT,
    &DEAD_WITH_ARCHIVE,
    &FRAGMENT,
    &UNCHECKED,
    &PRIVATE,
];

pub const PRIVATE: Rule = Rule {
    code: "link/private",
    severity: Error,
    summary: "a URL that leads to a private, loopback or link-local address (online check)",
    doc: "## What it does\nWith `check --online`, refuses to request a URL whose host is, or resolves to, a private (10/8, 172.16/12, 192.168/16, 100.64/10), loopback (127/8, ::1), link-local (169.254/16, fe80::/10), unique-local (fc00::/7) or unspecified address, and a URL whose redirects lead to one; every hop is checked on its resolved address before it is requested.\n\n## Why is this bad?\nA link in a pull request would otherwise make CI request `http://169.254.169.254/` (cloud metadata), services on the private network or on the CI machine itself. A public page never lives at such an address.\n\n## Example\n```yaml\nurl: http://169.254.169.254/latest/meta-data/\n```\n\n## Fix\nLink the public address of the page. Where private addresses are meant to be checked (an intranet), set `allow_private = true` under `[links]` in backgrounder.toml.",
};

pub const DEAD: Rule = Rule {
    code: "link/dead",
    severity: Error,
    summary: "a URL that no longer answers (online check)",
    doc: "## What it does\nWith `check --online`, reports a URL whose server answers 404 Not Found, 410 Gone or another client error, whose host name does not resolve, whose server refuses the connection, or whose redirects loop or never end.\n\n## Why is this bad?\nEvery reader who follows the link finds nothing; a source that cannot be looked up no longer supports the claims that cite it.\n\n## Example\n```yaml\nurl: https://www.state.gov/j/ct/rls/crt/2011/195553.htm   # 404\n```\n\n## Fix\nFind the page's new address (the publisher's search, or the Wayback Machine) and put it in `url`; for a source, add the copy you found as `archive` so that readers still have one.",
};

pub const UNREACHABLE: Rule = Rule {
    code: "link/unreachable",
    severity: Warning,
    summary: "a URL that did not answer in time or answered with a server error (online check)",
    doc: "## What it does\nWith `check --online`, warns about a URL that timed out, kept answering 5xx or 429 after the retries, refused the request (401, 403, 451) or failed at the TLS level.\n\n## Why is this bad?\nIt may be a passing outage, or the first sign of a dead link. It is a warning because one failed request proves little.\n\n## Fix\nOpen the link in a browser. If it works there and the site blocks robots, add it to `[links] exclude` in backgrounder.toml; if it stays down, treat it as `link/dead`.",
};

pub const REDIRECT: Rule = Rule {
    code: "link/redirect",
    severity: Warning,
    summary: "a URL that has moved permanently (online check)",
    doc: "## What it does\nWith `check --online`, warns about a URL whose server answers with a permanent redirect (301 Moved Permanently or 308 Permanent Redirect); the hint names the new address. Temporary redirects (302, 303, 307) are followed silently.\n\n## Why is this bad?\nThe site has said the old address is going away; redirects are often dropped when a site is rebuilt.\n\n## Example\n```yaml\nurl: http://www.cfr.org/iran/irans-revolutionary-guards/p14324   # 301\n```\n\n## Fix\nReplace the URL with the one in the hint.",
};

pub const DEAD_WITH_ARCHIVE: Rule = Rule {
    code: "link/dead-with-archive",
    severity: Warning,
    summary: "a source URL that is dead, but its archive copy works (online check)",
    doc: "## What it does\nWith `check --online`, warns about a source whose `url` is dead (as for `link/dead`) while its `archive` copy answers.\n\n## Why is this bad?\nReaders still reach the source through the archive, so it is not an error; but the live address should be found again or the dead one noted.\n\n## Example\n```yaml\nurl: https://www.rand.org/pubs/gone.html                     # 404\narchive: https://web.archive.org/web/2014/https://www.rand.org/pubs/gone.html\n```\n\n## Fix\nPut the page's new address in `url`, or keep the archive and suppress the finding on the source with an `allow` entry and a reason.",
};

pub const FRAGMENT: Rule = Rule {
    code: "link/fragment",
    severity: Error,
    summary: "a URL's `#fragment` names no element of the page (online check)",
    doc: "## What it does\nWith `check --online`, fetches an HTML page linked as `https://.../page#section` and reports the link when no element of the page has `id=\"section\"` (or an anchor `name=\"section\"`).\n\n## Why is this bad?\nThe reader lands at the top of the page instead of the passage the claim relies on, usually because the page was restructured.\n\n## Fix\nFind the passage's current anchor in the page's source and update the fragment, or drop the fragment and give a locator in the citation instead.",
};

pub const UNCHECKED: Rule = Rule {
    code: "link/unchecked",
    severity: Warning,
    summary: "a URL not checked because the time budget ran out (online check)",
    doc: "## What it does\nWith `check --online`, warns about each URL that was not checked because the run's time budget (`--online-budget`, or `[links] budget`) ran out first.\n\n## Why is this bad?\nNothing is known about the link; a run that ends with unchecked links proves less than it seems.\n\n## Fix\nRun again (results already obtained are cached, so the next run goes further), or give a larger `--online-budget`.",
};
