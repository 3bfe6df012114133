//! Criterion benchmarks of each stage of `check` and of each exporter, on
//! the MEK document (`content/mujahadeen-e-khalq.yaml`).
//!
//! ```sh
//! cargo bench --bench check            # all
//! cargo bench --bench check -- export  # only the exporters
//! ```
//!
//! `cargo test` does not build or run these (bench targets are not test
//! targets); `bench/compare.sh` times whole processes against other tools.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use backgrounder::check::{self, check_file};
use backgrounder::export::EXPORTERS;
use backgrounder::export::ExportOptions;
use backgrounder::export::build::resolve_all;
use backgrounder::export::reference::DEFAULT_STYLE;
use backgrounder::load::{self, Limits};
use backgrounder::model::Document;
use backgrounder::rules::{self, Context};
use backgrounder::schema;
use criterion::{Criterion, criterion_group, criterion_main};

fn mek() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content/mujahadeen-e-khalq.yaml")
}

fn stages(c: &mut Criterion) {
    let path = mek();
    let plan = check::plan(std::slice::from_ref(&path)).expect("the MEK document exists");
    let source = load::read(&path, Limits::default()).expect("the MEK document reads");
    let loaded = load::parse(&source, Limits::default()).expect("the MEK document parses");
    let doc: Document = serde_json::from_value(loaded.value.clone()).expect("it fits the model");
    // Compile the schema before timing anything.
    assert!(schema::validate(&loaded.value, &loaded.positions, &path).is_empty());

    let mut g = c.benchmark_group("check/mek");
    g.bench_function("load (read + parse YAML)", |b| {
        b.iter(|| {
            let s = load::read(black_box(&path), Limits::default()).unwrap();
            load::parse(&s, Limits::default()).unwrap()
        })
    });
    g.bench_function("parse YAML", |b| {
        b.iter(|| load::parse(black_box(&source), Limits::default()).unwrap())
    });
    g.bench_function("schema", |b| {
        b.iter(|| schema::validate(black_box(&loaded.value), &loaded.positions, &path))
    });
    g.bench_function("model (JSON value to Document)", |b| {
        b.iter(|| serde_json::from_value::<Document>(black_box(loaded.value.clone())).unwrap())
    });
    g.bench_function("rules", |b| {
        b.iter(|| {
            let mut ctx = Context::new(
                &path,
                black_box(&doc),
                &loaded.value,
                &loaded.positions,
                &plan.set,
                Limits::default(),
            );
            rules::check(&mut ctx);
            ctx.diagnostics
        })
    });
    g.bench_function("check_file (all of the above)", |b| {
        b.iter(|| check_file(black_box(&path), &plan.set, Limits::default()))
    });
    g.finish();
}

fn exporters(c: &mut Criterion) {
    let path = mek();
    let plan = check::plan(std::slice::from_ref(&path)).unwrap();
    let doc = check_file(&path, &plan.set, Limits::default())
        .document
        .expect("the MEK document checks");
    let docs = std::slice::from_ref(&doc);
    let resolved = resolve_all(docs, DEFAULT_STYLE).expect("the default style loads");
    let options = ExportOptions::default();

    let mut g = c.benchmark_group("export/mek");
    g.bench_function("resolve (references in the default style)", |b| {
        b.iter(|| resolve_all(black_box(docs), DEFAULT_STYLE).unwrap())
    });
    for exporter in EXPORTERS {
        g.bench_function(exporter.name(), |b| {
            b.iter(|| exporter.export(black_box(&resolved[0]), &options).unwrap())
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = stages, exporters
}
criterion_main!(benches);
