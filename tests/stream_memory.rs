//! The streamed build's memory, measured on the real binary. A file of its own, so that this
//! test process stays small: a child's peak memory (ru_maxrss) starts from the parent's peak
//! when it is spawned (vfork, then exec, keeps the high-water mark), so the parent never holds
//! an input or an output whole.

use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Paragraphs of the generated inputs: ordinary news prose, with punctuation, digits and Latin.
const PARAGRAPHS: [&str; 4] = [
    "近日，一段关于城市规划的讨论在网上引起了广泛关注。许多网友表示，老城区的改造应当尊重居民的意见，不能一拆了之。",
    "据统计，2024年全市共完成旧房改造3.5万户，涉及居民超过10万人；有关部门称，明年还将继续推进这项工作。",
    "一位在老街住了四十多年的居民说：“我们不是反对改造，而是希望能留下这里的记忆。”他的话得到了不少人的赞同。",
    "专家认为，城市更新需要兼顾发展与保护，既要改善居住条件，也要保留历史文化风貌（例如 UNESCO 的相关建议）。",
];

/// Writes a plain-text file of about `megabytes` MB, blank-line separated paragraphs, a piece
/// at a time; returns it and its paragraph count.
fn generate(dir: &Path, megabytes: usize) -> (PathBuf, usize) {
    let path = dir.join(format!("big{megabytes}.txt"));
    let mut file = BufWriter::new(std::fs::File::create(&path).unwrap());
    let (mut bytes, mut count) = (0, 0);
    while bytes < megabytes << 20 {
        let p = PARAGRAPHS[count % PARAGRAPHS.len()];
        writeln!(file, "{p}\n").unwrap();
        bytes += p.len() + 2;
        count += 1;
    }
    file.flush().unwrap();
    (path, count)
}

/// Builds `input` into `out` with the real binary, streaming files over `threshold` bytes
/// (the default threshold without it); returns the child's peak resident memory in MB.
// The child is reaped by wait4, which also gives its peak memory.
#[allow(clippy::zombie_processes)]
fn peak_building(input: &Path, out: &Path, threshold: Option<u64>) -> f64 {
    let mut command = Command::new(env!("CARGO_BIN_EXE_duizhao"));
    command.args(["build", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    if let Some(threshold) = threshold {
        command.env(duizhao::pipeline::THRESHOLD_VARIABLE, threshold.to_string());
    }
    let child = command.stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 writes into the two local values it is given.
    let waited = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(waited, child.id() as i32);
    assert_eq!(libc::WEXITSTATUS(status), 0, "duizhao build failed");
    usage.ru_maxrss as f64 / 1024.0
}

/// Checks that the html, md and json of `slug` in `out` are complete, with `count` paragraphs;
/// the files are read a piece at a time.
fn check_outputs(out: &Path, slug: &str, count: usize) {
    let tail = |ext: &str| {
        use std::io::{Read, Seek, SeekFrom};
        let mut file = std::fs::File::open(out.join(format!("{slug}.{ext}"))).unwrap();
        file.seek(SeekFrom::End(-2000)).unwrap();
        let mut text = Vec::new();
        file.read_to_end(&mut text).unwrap();
        String::from_utf8_lossy(&text).into_owned()
    };
    assert!(tail("html").ends_with("</body>\n</html>\n"));
    let md = tail("md");
    assert!(md.contains(&format!("<a id=\"p{count}\"></a>")) && md.ends_with("*(not translated)*\n\n"), "{md}");
    assert!(tail("json").ends_with("\n    }\n  ]\n}\n"));
    #[derive(serde::Deserialize)]
    struct Doc {
        schema_version: u32,
        paragraphs: Vec<Paragraph>,
    }
    #[derive(serde::Deserialize)]
    struct Paragraph {
        id: String,
    }
    let file = std::fs::File::open(out.join(format!("{slug}.json"))).unwrap();
    let doc: Doc = serde_json::from_reader(BufReader::new(file)).expect("the json output parses");
    assert_eq!(doc.schema_version, 1);
    assert_eq!(doc.paragraphs.len(), count);
    assert!(doc.paragraphs.iter().enumerate().all(|(i, p)| p.id == format!("p{}", i + 1)));
}

/// Streamed (over a lowered threshold, so that a debug build stays quick), a file four times
/// larger takes about the same memory, where a whole document would take several times more.
#[test]
fn memory_does_not_grow_with_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let (small_input, small_count) = generate(dir.path(), 1);
    let (large_input, large_count) = generate(dir.path(), 4);
    let small = peak_building(&small_input, &dir.path().join("small"), Some(1 << 19));
    let large = peak_building(&large_input, &dir.path().join("large"), Some(1 << 19));
    eprintln!("streamed peak memory: 1 MB input {small:.0} MB, 4 MB input {large:.0} MB");
    assert!(large < small + 40.0, "peak memory grew from {small:.0} MB to {large:.0} MB");
    assert!(large < 300.0, "peak memory {large:.0} MB");
    check_outputs(&dir.path().join("small"), "big1", small_count);
    check_outputs(&dir.path().join("large"), "big4", large_count);
}

/// The default threshold: a 24 MB file is streamed. Slow in a debug build; run it with
/// `cargo test --release --test stream_memory -- --ignored`.
#[test]
#[ignore]
fn memory_stays_bounded_over_the_default_threshold() {
    let dir = tempfile::tempdir().unwrap();
    let (input, count) = generate(dir.path(), 24);
    let peak = peak_building(&input, &dir.path().join("out"), None);
    eprintln!("24 MB plain text: peak {peak:.0} MB");
    assert!(peak < 300.0, "peak memory {peak:.0} MB for a 24 MB input");
    check_outputs(&dir.path().join("out"), "big24", count);
}
