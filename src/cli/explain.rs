//! `backgrounder explain CODE`: a rule's documentation, from the same
//! constant the check reports with.

use anyhow::bail;

use super::Outcome;
use backgrounder::rules;

pub fn run(code: Option<&str>) -> anyhow::Result<Outcome> {
    match code {
        None => super::print_out(|out| {
            for rule in rules::all() {
                writeln!(
                    out,
                    "{:<28} {:<8} {}",
                    rule.code,
                    rule.severity.as_str(),
                    rule.summary
                )?;
            }
            Ok(())
        })
        .map(|()| Outcome::Clean),
        Some(code) => match rules::find(code) {
            Some(rule) => super::print_out(|out| {
                writeln!(
                    out,
                    "# {}\n\nDefault severity: {}. {}.\n\n{}",
                    rule.code,
                    rule.severity.as_str(),
                    capitalize(rule.summary),
                    rule.full_doc()
                )
            })
            .map(|()| Outcome::Clean),
            None => {
                let codes = rules::codes();
                match backgrounder::schema::did_you_mean(code, &codes) {
                    Some(near) => bail!("no rule `{code}`; did you mean `{near}`?"),
                    None => bail!("no rule `{code}`; `backgrounder explain` lists every code"),
                }
            }
        },
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
