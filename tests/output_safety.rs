//! `build` writes only real files inside `--out`: links are refused before
//! anything is written, and concurrent builds never leave a torn file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build(dir: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backgrounder"))
        .args(["build", "--format", "md,json"])
        .args(extra)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn content_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    for name in ["mujahadeen-e-khalq.yaml", "irans-revolutionary-guards.yaml"] {
        std::fs::copy(
            root().join("content").join(name),
            dir.path().join("content").join(name),
        )
        .unwrap();
    }
    dir
}

#[cfg(unix)]
#[test]
fn an_output_folder_that_is_a_link_is_refused() {
    let dir = content_copy();
    std::fs::create_dir(dir.path().join("elsewhere")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("elsewhere"), dir.path().join("out")).unwrap();
    let o = build(dir.path(), &[]);
    assert_ne!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("is a symbolic link"), "{err}");
    assert_eq!(
        std::fs::read_dir(dir.path().join("elsewhere"))
            .unwrap()
            .count(),
        0
    );
}

#[cfg(unix)]
#[test]
fn a_link_in_the_output_folder_is_refused_and_nothing_is_written() {
    let dir = content_copy();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let target = dir.path().join("victim.txt");
    std::fs::write(&target, "keep me").unwrap();
    std::os::unix::fs::symlink(&target, out.join("mujahadeen-e-khalq.md")).unwrap();
    let o = build(dir.path(), &[]);
    assert_ne!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("mujahadeen-e-khalq.md is a symbolic link"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    let names: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "nothing but the link: {names:?}");
}

#[test]
fn concurrent_builds_into_one_folder_leave_whole_files() {
    let dir = content_copy();
    let single = dir.path().join("single");
    assert_eq!(
        build(dir.path(), &["--out", single.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let shared = dir.path().join("shared");
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_backgrounder"))
            .args([
                "build",
                "--format",
                "md,json",
                // Every round writes every file, so the builds really race.
                "--force",
                "--out",
                shared.to_str().unwrap(),
            ])
            .current_dir(dir.path())
            .output()
    };
    for _ in 0..3 {
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(spawn);
            let b = s.spawn(spawn);
            (a.join().unwrap().unwrap(), b.join().unwrap().unwrap())
        });
        assert_eq!(
            a.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&a.stderr)
        );
        assert_eq!(
            b.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&b.stderr)
        );
        for entry in std::fs::read_dir(&single).unwrap() {
            let name = entry.unwrap().file_name();
            assert_eq!(
                std::fs::read(single.join(&name)).unwrap(),
                std::fs::read(shared.join(&name)).unwrap(),
                "{name:?}"
            );
        }
        let leftovers: Vec<_> = std::fs::read_dir(&shared)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.') && n != ".backgrounder-build.json")
            .collect();
        assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    }
}

#[test]
fn no_progress_bar_when_piped() {
    let dir = content_copy();
    let o = build(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains('\r') && !err.contains("exports  "), "{err:?}");
    assert!(err.starts_with("built 2 documents"), "{err:?}");
}

/// On a terminal (a pseudo-terminal from util-linux's `script`), a build
/// that runs longer than a moment draws a progress bar on stderr, and
/// clears it before the summary line.
#[cfg(target_os = "linux")]
#[test]
fn a_progress_bar_on_a_terminal() {
    let dir = content_copy();
    let mek = std::fs::read_to_string(dir.path().join("content/mujahadeen-e-khalq.yaml")).unwrap();
    for i in 0..8 {
        let copy = mek.replacen("id: mujahadeen-e-khalq", &format!("id: mek-{i}"), 1);
        std::fs::write(dir.path().join(format!("content/mek-{i}.yaml")), copy).unwrap();
    }
    let command = format!(
        "'{}' build --force --format pdf --out out content",
        env!("CARGO_BIN_EXE_backgrounder")
    );
    let o = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(dir.path())
        .env_remove("CI")
        .env("TERM", "xterm")
        .output()
        .expect("`script` (util-linux) runs the build on a pseudo-terminal");
    let shown = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{shown}");
    assert!(shown.contains("/10 exports"), "no progress bar: {shown:?}");
    // The bar is erased, then the summary is printed on a clean line.
    assert!(
        shown.contains("\u{1b}[2Kbuilt 10 documents into out: 11 files written"),
        "{shown:?}"
    );
}
