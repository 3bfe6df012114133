//! `backgrounder new ID --title "..."`: a skeleton that passes the schema and
//! fails only the rules an editor must still satisfy (its first claim has no
//! source yet). Its language-server line points at the schema that
//! `backgrounder schema --write` keeps at the repository root.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, bail};

use super::{NewArgs, Outcome};

/// The skeleton; `schema` is the schema's path relative to the file's
/// folder, with forward slashes.
pub fn skeleton(id: &str, title: &str, today: &str, schema: &str) -> String {
    let title = serde_json::to_string(title).unwrap_or_else(|_| "\"\"".into());
    format!(
        r#"# yaml-language-server: $schema={schema}
id: {id}
kind: backgrounder
title: {title}
authors:
  - name: Your Name
    role: Your Role
updated: {today}
topics: []
summary: >-
  One or two sentences that tell the reader what this backgrounder explains.
sections:
  - id: introduction
    heading: Introduction
    body:
      - paragraph:
          - text: >-
              Write the first claim here, then name its sources in `cite`.
people: []
sources: []
resources: []
related: []
"#
    )
}

/// Today's date as `YYYY-MM-DD`: `--today`, else `SOURCE_DATE_EPOCH`,
/// else the clock, as `check` takes it.
fn today() -> String {
    backgrounder::model::date::iso(backgrounder::rules::date::today())
}

pub fn run(args: &NewArgs) -> anyhow::Result<Outcome> {
    let kebab = !args.id.is_empty()
        && args.id.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if !kebab {
        bail!(
            "`{}` is not a valid id: use lowercase letters and digits joined by single hyphens, e.g. `irans-revolutionary-guards`",
            args.id
        );
    }
    let config = super::load_config()?;
    let dir = args.dir.clone().unwrap_or_else(|| config.content.clone());
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let schema_path = config.schema_path();
    let wrote_schema = !schema_path.exists();
    if wrote_schema {
        write_schema_to(&schema_path)?;
    }
    let schema = match (dir.canonicalize(), schema_path.canonicalize()) {
        (Ok(from), Ok(to)) => relative(&from, &to),
        _ => format!("../{}", backgrounder::config::SCHEMA_PATH),
    };
    let path = dir.join(format!("{}.yaml", args.id));
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    let mut file = match file {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            bail!("{} already exists; choose another id", path.display())
        }
        Err(e) => return Err(e).with_context(|| format!("cannot write {}", path.display())),
    };
    if let Err(e) = file.write_all(skeleton(&args.id, &args.title, &today(), &schema).as_bytes()) {
        let _ = std::fs::remove_file(&path);
        return Err(e).with_context(|| format!("cannot write {}", path.display()));
    }
    super::print_out(|out| {
        if wrote_schema {
            writeln!(
                out,
                "wrote {}, the schema editors read (`backgrounder schema --write` updates it)",
                schema_path.display()
            )?;
        }
        writeln!(
            out,
            "wrote {}: fill it in, then run `backgrounder check {}`",
            path.display(),
            path.display()
        )
    })
    .map(|()| Outcome::Clean)
}

/// `backgrounder schema --write`: the schema at the repository root (the
/// working directory when there is none), where skeletons point.
pub fn write_schema() -> anyhow::Result<Outcome> {
    let config = super::load_config()?;
    let path = config.schema_path();
    let same = std::fs::read(&path)
        .is_ok_and(|old| old == backgrounder::schema::BACKGROUNDER_SCHEMA.as_bytes());
    if !same {
        write_schema_to(&path)?;
    }
    super::print_out(|out| {
        if same {
            writeln!(out, "{} is up to date", path.display())
        } else {
            writeln!(out, "wrote {}", path.display())
        }
    })
    .map(|()| Outcome::Clean)
}

fn write_schema_to(path: &Path) -> anyhow::Result<()> {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(path, backgrounder::schema::BACKGROUNDER_SCHEMA))
        .with_context(|| format!("cannot write {}", path.display()))
}

/// `to` relative to the folder `from`, both absolute, with forward slashes.
fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".into(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::relative;
    use std::path::Path;

    #[test]
    fn relative_paths_climb_then_descend() {
        let schema = Path::new("/r/schemas/backgrounder.schema.json");
        assert_eq!(
            relative(Path::new("/r/content"), schema),
            "../schemas/backgrounder.schema.json"
        );
        assert_eq!(
            relative(Path::new("/r/articles/en"), schema),
            "../../schemas/backgrounder.schema.json"
        );
        assert_eq!(
            relative(Path::new("/r"), schema),
            "schemas/backgrounder.schema.json"
        );
    }
}
