//! `backgrounder new ID --title "..."`: a skeleton that passes the schema and
//! fails only the rules an editor must still satisfy (its first claim has no
//! source yet).

use std::io::Write;

use super::{EXIT_OK, EXIT_USAGE, NewArgs};

pub fn skeleton(id: &str, title: &str, today: &str) -> String {
    let title = serde_json::to_string(title).unwrap_or_else(|_| "\"\"".into());
    format!(
        r#"# yaml-language-server: $schema=../schemas/backgrounder.schema.json
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

pub fn run(args: &NewArgs) -> u8 {
    let kebab = !args.id.is_empty()
        && args.id.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if !kebab {
        eprintln!(
            "error: `{}` is not a valid id: use lowercase letters and digits joined by single hyphens, e.g. `irans-revolutionary-guards`",
            args.id
        );
        return EXIT_USAGE;
    }
    let dir = match &args.dir {
        Some(d) => d.clone(),
        None => match super::load_config() {
            Ok(c) => c.content,
            Err(code) => return code,
        },
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("error: cannot create {}: {e}", dir.display());
        return EXIT_USAGE;
    }
    let path = dir.join(format!("{}.yaml", args.id));
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    let mut file = match file {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "error: {} already exists; choose another id",
                path.display()
            );
            return EXIT_USAGE;
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", path.display());
            return EXIT_USAGE;
        }
    };
    if let Err(e) = file.write_all(skeleton(&args.id, &args.title, &today()).as_bytes()) {
        eprintln!("error: cannot write {}: {e}", path.display());
        let _ = std::fs::remove_file(&path);
        return EXIT_USAGE;
    }
    super::print_out(|out| {
        writeln!(
            out,
            "wrote {}: fill it in, then run `backgrounder check {}`",
            path.display(),
            path.display()
        )
    })
    .map_or_else(|code| code, |()| EXIT_OK)
}
