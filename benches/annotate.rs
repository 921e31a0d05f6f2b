//! Criterion benchmarks of each stage: segmentation, pinyin and glossary matching on the seed
//! article and on the CPP sentences, and every renderer on the seed and on a human-translated
//! chapter (the CPP sentences and the chapter from ../shared). `cargo bench`; figures go to
//! BENCHMARKS.md.

use std::path::Path;

use clap::ValueEnum;
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main};
use duizhao::segment::{self, dag};
use duizhao::transcribe::{self, LineOptions};
use duizhao::{BuildOptions, Document, Glossary, OutputFormat, Pipeline, Style};

/// The seed's Chinese paragraphs, repeated to about 100,000 characters.
fn text() -> String {
    let (doc, _) = pipeline().document(&seed(), Path::new("seed.txt")).unwrap();
    let paragraphs: Vec<&str> = doc.paragraphs.iter().map(|p| p.zh.as_str()).collect();
    let once = paragraphs.join("\n") + "\n";
    once.repeat(100_000usize.div_ceil(once.chars().count()))
}

fn seed() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/000_9cd979bd4177cabe.txt")).unwrap()
}

fn pipeline() -> Pipeline {
    Pipeline::new(Glossary::load(true, &[]).0, BuildOptions::default())
}

fn stages(c: &mut Criterion) {
    let text = text();
    let chars = text.chars().count() as u64;
    let glossary = Glossary::load(true, &[]).0;
    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Elements(chars)).sample_size(20);
    group.bench_function("segmentation (dag cut)", |b| {
        b.iter(|| {
            let mut n = 0;
            dag::cut(&text, |_, _| n += 1);
            n
        })
    });
    group.bench_function("segmentation (sentences, glossary, words)", |b| {
        b.iter(|| text.lines().flat_map(segment::sentences).map(|s| segment::words(s, &glossary).len()).sum::<usize>())
    });
    group.bench_function("glossary matching", |b| {
        b.iter(|| text.lines().map(|l| glossary.find_all(l).len()).sum::<usize>())
    });
    let options = LineOptions { style: Style::Marks, ..LineOptions::default() };
    group.bench_function("segmentation + pinyin (one core)", |b| {
        b.iter(|| text.lines().map(|l| transcribe::transcribe_line(l, &glossary, options).len()).sum::<usize>())
    });
    group.finish();

    // The same on a million characters of the CPP benchmark's sentences (../shared): varied
    // text, so the dictionaries are read from all over memory, unlike the repeated seed.
    let Ok(cpp) = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/cpp/dev.sent"))
    else {
        eprintln!("skipped the CPP-corpus stages: ../shared/bench/cpp/dev.sent is missing");
        return;
    };
    let cpp = cpp.replace('\u{2581}', "");
    let cpp: String = cpp.repeat(1_000_000usize.div_ceil(cpp.chars().count())).chars().take(1_000_000).collect();
    let mut group = c.benchmark_group("stages on CPP sentences");
    group.throughput(Throughput::Elements(cpp.chars().count() as u64)).sample_size(10);
    group.bench_function("segmentation (dag cut)", |b| {
        b.iter(|| {
            let mut n = 0;
            cpp.lines().for_each(|l| dag::cut(l, |_, _| n += 1));
            n
        })
    });
    group.bench_function("segmentation + pinyin (one core)", |b| {
        b.iter(|| cpp.lines().map(|l| transcribe::transcribe_line(l, &glossary, options).len()).sum::<usize>())
    });
    group.finish();
}

fn renderers(c: &mut Criterion) {
    let pipeline = pipeline();
    let (doc, _) = pipeline.document(&seed(), Path::new("seed.txt")).unwrap();
    let mut group = c.benchmark_group("render seed");
    group.sample_size(20);
    every_format(&mut group, &doc);
    group.bench_function("whole document (ingest, segment, annotate)", |b| {
        let bytes = seed();
        b.iter(|| pipeline.document(&bytes, Path::new("seed.txt")).unwrap().0.paragraphs.len())
    });
    group.finish();

    // The seed has no English, so the formats built on sentence pairs (tmx, xliff, the QA
    // report) have little to do there: the same again on a human-translated chapter.
    let chapter = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/parallel/mac-dev/001");
    let Ok(zh) = std::fs::read(chapter.with_extension("zh")) else {
        eprintln!("skipped rendering a translated chapter: ../shared/parallel/mac-dev is missing");
        return;
    };
    let (mut doc, _) = pipeline.document(&zh, Path::new("001.txt")).unwrap();
    pipeline.attach_translation(&mut doc, &chapter.with_extension("en")).unwrap();
    let mut group = c.benchmark_group("render a translated chapter");
    group.sample_size(20);
    every_format(&mut group, &doc);
    group.finish();
}

/// Renders `doc` in every output format.
fn every_format(group: &mut BenchmarkGroup<'_, WallTime>, doc: &Document) {
    for &format in OutputFormat::value_variants() {
        let renderer = format.renderer().expect("a file format");
        group.bench_function(format!("{format:?}"), |b| b.iter(|| renderer.render_bytes(doc).len()));
    }
}

criterion_group!(benches, stages, renderers);
criterion_main!(benches);
