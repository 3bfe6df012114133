//! Links, checked offline: every URL parses, uses a web or mail scheme and is
//! not a placeholder; links in claim text resolve to sections, defined
//! references or other backgrounders; every `ref:` names a document in the
//! content set.

use super::{Context, Family, Rule};
use crate::diag::Kind::Offline;
use crate::diag::Severity::{Error, Warning};
use crate::model::inline::{followed_scheme, web_scheme};
use crate::model::links::{self as markdown, TextLink};
use crate::model::walk;

/// The `link/*` family, in `explain` order, and its check.
pub const FAMILY: Family = Family {
    rules: &[
        &INVALID,
        &SCHEME,
        &INSECURE,
        &PLACEHOLDER,
        &ANCHOR,
        &UNDEFINED_REFERENCE,
        &UNKNOWN_REF,
        &BARE_URL,
    ],
    check: Some(check),
};

pub const INVALID: Rule = Rule {
    code: "link/invalid",
    severity: Error,
    kind: Offline,
    summary: "a URL that does not parse",
    doc: rule_doc!("link/invalid"),
};

pub const SCHEME: Rule = Rule {
    code: "link/scheme",
    severity: Error,
    kind: Offline,
    summary: "a URL with a scheme other than https, http or mailto",
    doc: rule_doc!("link/scheme"),
};

pub const INSECURE: Rule = Rule {
    code: "link/insecure",
    severity: Warning,
    kind: Offline,
    summary: "a URL that uses http instead of https",
    doc: rule_doc!("link/insecure"),
};

pub const PLACEHOLDER: Rule = Rule {
    code: "link/placeholder",
    severity: Error,
    kind: Offline,
    summary: "a placeholder instead of a real URL",
    doc: rule_doc!("link/placeholder"),
};

pub const ANCHOR: Rule = Rule {
    code: "link/anchor",
    severity: Error,
    kind: Offline,
    summary: "an in-document link names no section",
    doc: rule_doc!("link/anchor"),
};

pub const UNDEFINED_REFERENCE: Rule = Rule {
    code: "link/undefined-reference",
    severity: Error,
    kind: Offline,
    summary: "a reference-style link with no definition",
    doc: rule_doc!("link/undefined-reference"),
};

pub const UNKNOWN_REF: Rule = Rule {
    code: "link/unknown-ref",
    severity: Error,
    kind: Offline,
    summary: "a `ref:` that names no backgrounder in the content set",
    doc: rule_doc!("link/unknown-ref"),
};

pub const BARE_URL: Rule = Rule {
    code: "link/bare-url",
    severity: Warning,
    kind: Offline,
    summary: "a URL written bare in claim or quote text",
    doc: rule_doc!("link/bare-url"),
};

pub fn check(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    for url in walk::field_urls(doc) {
        field_url(ctx, url.pointer, &url.url);
    }
    for (pointer, id) in walk::field_refs(doc) {
        reference(ctx, pointer, id);
    }
    for (pointer, text) in ctx.texts() {
        for link in markdown::links(text) {
            let before = ctx.diagnostics.len();
            match link {
                TextLink::Target(url) => {
                    text_url(ctx, &pointer, &url);
                    ctx.point_into_text(before, &url);
                }
                TextLink::Bare(url) => {
                    ctx.report(
                        &BARE_URL,
                        pointer.clone(),
                        format!("the URL `{url}` is written bare in the text"),
                        format!("make it a link with words that say where it goes: `[the report](<{url}>)`, or cite it as a source"),
                    );
                    text_url(ctx, &pointer, &url);
                    ctx.point_into_text(before, &url);
                }
                TextLink::UndefinedReference(label) => {
                    ctx.report(
                        &UNDEFINED_REFERENCE,
                        pointer.clone(),
                        format!("the link `[{label}]` has no definition"),
                        "write the link inline: `[text](https://...)`".into(),
                    );
                    ctx.point_into_text(before, &format!("[{label}]"));
                }
            }
        }
    }
}

fn reference(ctx: &mut Context<'_>, pointer: String, id: &str) {
    if !ctx.set.contains(id) {
        let known: Vec<String> = ctx.set.ids.iter().cloned().collect();
        let hint = match crate::schema::did_you_mean(id, &known) {
            Some(near) => format!("did you mean `{near}`?"),
            None => {
                "use the id of a backgrounder in the content set, or link to a page with `url:`"
                    .into()
            }
        };
        ctx.report(
            &UNKNOWN_REF,
            pointer,
            format!("`{id}` is not a backgrounder in the content set"),
            hint,
        );
    }
}

fn text_url(ctx: &mut Context<'_>, pointer: &str, url: &str) {
    if let Some(fragment) = url.strip_prefix('#')
        && !fragment.is_empty()
    {
        if !ctx.doc.sections.iter().any(|s| s.id == fragment) {
            let ids: Vec<String> = ctx.doc.sections.iter().map(|s| s.id.clone()).collect();
            let hint = match crate::schema::did_you_mean(fragment, &ids) {
                Some(near) => format!("did you mean `#{near}`?"),
                None => format!("section ids are: {}", ids.join(", ")),
            };
            ctx.report(
                &ANCHOR,
                pointer.into(),
                format!("the link `#{fragment}` names no section of this document"),
                hint,
            );
        }
        return;
    }
    if let Some(id) = url.strip_prefix("ref:") {
        reference(ctx, pointer.into(), id);
        return;
    }
    field_url(ctx, pointer.into(), url);
}

/// Checks one URL given as a field value or a link target.
fn field_url(ctx: &mut Context<'_>, pointer: String, raw: &str) {
    // Parsed once, for the placeholder check and for the checks below.
    let parsed = url::Url::parse(raw.trim());
    if let Some(why) = placeholder_in(raw, parsed.as_ref().ok()) {
        ctx.report(
            &PLACEHOLDER,
            pointer,
            format!("`{raw}` is a placeholder ({why}), not a link"),
            "put in the real URL, or remove the link".into(),
        );
        return;
    }
    let parsed = match parsed {
        Ok(u) => u,
        Err(e) => {
            let hint = if !raw.contains("://") && raw.contains('.') {
                format!("add the scheme: `https://{}`", raw.trim())
            } else {
                "write a full URL starting with `https://`".into()
            };
            ctx.report(
                &INVALID,
                pointer,
                format!("`{raw}` is not a valid URL ({e})"),
                hint,
            );
            return;
        }
    };
    if web_scheme(parsed.scheme()) && parsed.host_str().is_none_or(str::is_empty) {
        ctx.report(
            &INVALID,
            pointer,
            format!("`{raw}` has no host"),
            "write a full URL starting with `https://` and the site's name".into(),
        );
        return;
    }
    match parsed.scheme() {
        other if !followed_scheme(other) => ctx.report(
            &SCHEME,
            pointer,
            format!("`{raw}` uses the scheme `{other}:`, which readers cannot follow"),
            "link to a web page with `https://` (or an address with `mailto:`)".into(),
        ),
        "http" => ctx.report(
            &INSECURE,
            pointer,
            format!("`{raw}` uses http, not https"),
            "change `http://` to `https://` if the site serves it".into(),
        ),
        _ => {}
    }
}

/// Why a URL is a placeholder, if it is one.
pub fn placeholder(raw: &str) -> Option<&'static str> {
    placeholder_in(raw, url::Url::parse(raw.trim()).ok().as_ref())
}

/// [`placeholder`], given `raw` already parsed (`None` if it does not parse).
fn placeholder_in(raw: &str, parsed: Option<&url::Url>) -> Option<&'static str> {
    let t = raw.trim();
    if t.is_empty() {
        return Some("empty");
    }
    if t == "#" {
        return Some("`#`");
    }
    if t.contains("...") || t.contains('\u{2026}') {
        return Some("an ellipsis");
    }
    let marker = |w: &[u8]| {
        ["todo", "tbd", "fixme", "xxx"]
            .iter()
            .any(|m| w.eq_ignore_ascii_case(m.as_bytes()))
    };
    // Words of ASCII letters and digits; any other byte separates them.
    if t.as_bytes()
        .split(|b| !b.is_ascii_alphanumeric())
        .any(marker)
    {
        return Some("a to-do marker");
    }
    let host = parsed.and_then(|u| u.host_str().map(str::to_ascii_lowercase));
    if let Some(host) = host {
        let reserved = ["example.com", "example.org", "example.net", "localhost"];
        if reserved.iter().any(|r| {
            host.strip_suffix(r)
                .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
        }) || [".example", ".test", ".invalid", ".localhost"]
            .iter()
            .any(|tld| host.ends_with(tld))
            || host == "127.0.0.1"
        {
            return Some("a reserved example host");
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::placeholder;

    #[test]
    fn placeholders() {
        for p in [
            "",
            " ",
            "#",
            "https://...",
            "TODO",
            "https://example.com/x",
            "http://localhost:8080/",
            "https://www.example.org",
            "https://site.test/a",
            "https://www.sub.example.com/x",
            "https://EXAMPLE.NET",
        ] {
            assert!(placeholder(p).is_some(), "{p}");
        }
        for ok in [
            "https://www.rand.org/pubs/monographs/MG871.html",
            "https://2009-2017.state.gov/j/ct/rls/crt/2011/195553.htm",
            "mailto:editor@cfr.org",
            "https://www.todos.org/",
            "https://notexample.com/",
            "https://example.com.publisher-17.org/",
        ] {
            assert!(placeholder(ok).is_none(), "{ok}");
        }
    }
}
