//! End-to-end speed and memory of the release binary, for BENCHMARKS.md:
//!
//!   cargo build --release && cargo run --release --example throughput -- ../shared [PYTHON]
//!
//! - start-up: `echo 中文 | duizhao pinyin` and `duizhao build seeds/` (html, md, json), median
//!   wall time of 21 runs, and peak memory;
//! - throughput: `duizhao pinyin` over a corpus made from ../shared/bench/cpp/dev.sent (markers
//!   stripped, repeated to 5 million characters), with one thread and with all cores;
//! - scaling: `duizhao build` over 250 and 1,000 articles (the seed and ../shared/articles,
//!   repeated), one thread and all cores, wall time and peak memory;
//! - streaming: `duizhao build` of a 100 MB plain-text file (the corpus repeated; over the
//!   streaming threshold, so html, md and json are written a batch of paragraphs at a time),
//!   wall time, characters per second and peak memory;
//! - with PYTHON (an interpreter with `jieba` and `pypinyin` installed, e.g. from
//!   tools/bench-python.sh), the same corpus through Python jieba + pypinyin, for the ratio;
//! - a book: `duizhao build` of an EPUB of 1,000,000 characters (the corpus as 50 chapters),
//!   annotation only (html, md and json per chapter, and the bilingual book), median of 5 runs
//!   and peak memory. `-- ../shared --only book` runs this part alone.
//!
//! Peak memory is the child's maximum resident set size (getrusage).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Characters in the throughput corpus.
const CORPUS_CHARS: usize = 5_000_000;

/// Bytes of the plain-text file of the streaming measurement.
const STREAMED_BYTES: usize = 100 << 20;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let only = args.iter().position(|a| a == "--only").map(|i| {
        let section = args.get(i + 1).cloned().expect("--only SECTION (book)");
        args.drain(i..i + 2);
        section
    });
    let mut args = args.into_iter();
    let shared = PathBuf::from(args.next().unwrap_or_else(|| "../shared".into()));
    let python = args.next();
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"), PathBuf::from);
    let binary = target.join("release/duizhao");
    assert!(binary.exists(), "build the release binary first: cargo build --release");
    let work = std::env::temp_dir().join(format!("duizhao-throughput-{}", std::process::id()));
    std::fs::create_dir_all(&work).unwrap();

    println!("# duizhao throughput ({} cores)", std::thread::available_parallelism().map_or(1, |n| n.get()));
    if only.as_deref() == Some("book") {
        book(&binary, &shared, &work);
        let _ = std::fs::remove_dir_all(&work);
        return;
    }
    let (wall, rss) = repeated(21, || run(&binary, &["pinyin"], Some("中文\n".as_bytes()), &[]));
    println!("start-up `echo 中文 | duizhao pinyin`: median {:.1} ms, peak {:.1} MB", ms(wall), mb(rss));
    let out = work.join("seed-out");
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let build_seed = ["build", seeds.to_str().unwrap(), "-o", out.to_str().unwrap()];
    let (wall, rss) = repeated(21, || run(&binary, &build_seed, None, &[]));
    println!("`duizhao build seeds/` (html, md, json): median {:.1} ms, peak {:.1} MB", ms(wall), mb(rss));

    let corpus = corpus(&shared);
    let chars = corpus.chars().count();
    let corpus_file = work.join("corpus.txt");
    std::fs::write(&corpus_file, &corpus).unwrap();
    let input = std::fs::read(&corpus_file).unwrap();
    // Five runs each, the median reported: a shared machine's timings vary by a fifth.
    for threads in ["1", "0"] {
        let (wall, rss) = repeated(5, || run(&binary, &["pinyin"], Some(&input), &[("RAYON_NUM_THREADS", threads)]));
        let label = if threads == "1" { "one thread" } else { "all cores" };
        println!(
            "`duizhao pinyin` over {chars} characters, {label}: median of 5 {:.2} s, {:.2} M chars/s, peak {:.1} MB",
            wall.as_secs_f64(),
            chars as f64 / wall.as_secs_f64() / 1e6,
            mb(rss)
        );
    }
    if let Some(python) = &python {
        let script = "import sys, time, jieba, pypinyin\njieba.initialize()\nt=time.time()\n\
                      for line in open(sys.argv[1], encoding='utf-8'):\n    \
                      print(' '.join(pypinyin.lazy_pinyin(list(jieba.cut(line.rstrip('\\n'))))))\n\
                      sys.stderr.write('%f' % (time.time()-t))\n";
        let script_file = work.join("bench.py");
        std::fs::write(&script_file, script).unwrap();
        let (wall, rss) =
            run(Path::new(python), &[script_file.to_str().unwrap(), corpus_file.to_str().unwrap()], None, &[]);
        println!(
            "Python jieba + pypinyin over the same corpus: {:.2} s (start-up included), {:.3} M chars/s, peak {:.1} MB",
            wall.as_secs_f64(),
            chars as f64 / wall.as_secs_f64() / 1e6,
            mb(rss)
        );
    }

    // Paragraphs of ten corpus lines each, so the file has blank-line separated paragraphs
    // like an article; written a copy at a time, so that this process stays small (a child's
    // peak memory starts from its parent's).
    let lines: Vec<&str> = corpus.lines().collect();
    let unit: String = lines.chunks(10).map(|c| c.concat() + "\n\n").collect();
    let big_file = work.join("big.txt");
    let (mut big_bytes, mut big_chars) = (0, 0);
    {
        use std::io::Write;
        let mut file = std::io::BufWriter::new(std::fs::File::create(&big_file).unwrap());
        for paragraph in unit.split_inclusive("\n\n").cycle() {
            if big_bytes + paragraph.len() > STREAMED_BYTES {
                break;
            }
            file.write_all(paragraph.as_bytes()).unwrap();
            big_bytes += paragraph.len();
            big_chars += paragraph.chars().count();
        }
        file.flush().unwrap();
    }
    let out = work.join("out-big");
    let args = ["build", big_file.to_str().unwrap(), "-o", out.to_str().unwrap()];
    let (wall, rss) = run(&binary, &args, None, &[]);
    println!(
        "`duizhao build` of a {:.0} MB plain-text file ({big_chars} characters, streamed), all cores: {:.2} s, \
         {:.2} M chars/s, peak {:.1} MB",
        big_bytes as f64 / (1 << 20) as f64,
        wall.as_secs_f64(),
        big_chars as f64 / wall.as_secs_f64() / 1e6,
        mb(rss)
    );
    let _ = std::fs::remove_dir_all(&out);
    let _ = std::fs::remove_file(&big_file);

    book(&binary, &shared, &work);

    let articles = articles(&shared, &work);
    for count in [250, 1000] {
        let inputs = work.join(format!("articles-{count}"));
        std::fs::create_dir_all(&inputs).unwrap();
        for i in 0..count {
            let (name, bytes) = &articles[i % articles.len()];
            std::fs::write(inputs.join(format!("{i:04}-{name}")), bytes).unwrap();
        }
        for threads in ["1", "0"] {
            let out = work.join(format!("out-{count}-{threads}"));
            let args = ["build", inputs.to_str().unwrap(), "-o", out.to_str().unwrap()];
            let (wall, rss) = run(&binary, &args, None, &[("RAYON_NUM_THREADS", threads)]);
            let label = if threads == "1" { "one thread" } else { "all cores" };
            println!(
                "`duizhao build` over {count} articles, {label}: {:.2} s ({:.1} articles/s), peak {:.1} MB",
                wall.as_secs_f64(),
                count as f64 / wall.as_secs_f64(),
                mb(rss)
            );
        }
    }
    let _ = std::fs::remove_dir_all(&work);
}

/// Characters in the book of the book measurement.
const BOOK_CHARS: usize = 1_000_000;

/// Builds an EPUB 3 of [`BOOK_CHARS`] characters from the corpus (50 chapters of paragraphs of
/// ten sentences) and measures `duizhao build` of it.
fn book(binary: &Path, shared: &Path, work: &Path) {
    use std::io::Write;
    let corpus = corpus(shared);
    let mut paragraphs = Vec::new();
    let mut chars = 0;
    for lines in corpus.lines().collect::<Vec<_>>().chunks(10) {
        let paragraph = lines.concat();
        chars += paragraph.chars().count();
        paragraphs.push(paragraph);
        if chars >= BOOK_CHARS {
            break;
        }
    }
    let per_chapter = paragraphs.len().div_ceil(50);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(work.join("book.epub")).unwrap());
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default();
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/epub+zip").unwrap();
    zip.start_file("META-INF/container.xml", deflated).unwrap();
    zip.write_all(br#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#).unwrap();
    let (mut manifest, mut spine) = (String::new(), String::new());
    for (i, chunk) in paragraphs.chunks(per_chapter).enumerate() {
        let body: String = chunk.iter().map(|p| format!("<p>{p}</p>\n")).collect();
        zip.start_file(format!("OEBPS/c{i}.xhtml"), deflated).unwrap();
        write!(zip, "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>c</title></head><body><h1>第{}章</h1>\n{body}</body></html>", i + 1).unwrap();
        manifest += &format!("<item id=\"c{i}\" href=\"c{i}.xhtml\" media-type=\"application/xhtml+xml\"/>");
        spine += &format!("<itemref idref=\"c{i}\"/>");
    }
    zip.start_file("OEBPS/content.opf", deflated).unwrap();
    write!(zip, "<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"id\"><metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:identifier id=\"id\">bench</dc:identifier><dc:title>书</dc:title><dc:language>zh</dc:language></metadata><manifest>{manifest}</manifest><spine>{spine}</spine></package>").unwrap();
    zip.finish().unwrap();
    let book = work.join("book.epub");
    let out = work.join("out-book");
    let args = ["build", book.to_str().unwrap(), "-o", out.to_str().unwrap()];
    let (wall, rss) = repeated(5, || run(binary, &args, None, &[]));
    println!(
        "`duizhao build` of a {chars}-character EPUB ({} chapters; html, md, json each and the book), all cores: \
         median of 5 {:.2} s, {:.2} M chars/s, peak {:.1} MB",
        paragraphs.len().div_ceil(per_chapter),
        wall.as_secs_f64(),
        chars as f64 / wall.as_secs_f64() / 1e6,
        mb(rss)
    );
    let _ = std::fs::remove_dir_all(&out);
}

/// dev.sent without the ▁ markers, repeated to `CORPUS_CHARS` characters.
fn corpus(shared: &Path) -> String {
    let source = std::fs::read_to_string(shared.join("bench/cpp/dev.sent")).expect("../shared/bench/cpp/dev.sent");
    let text = source.replace('\u{2581}', "");
    let per_copy = text.chars().count();
    text.repeat(CORPUS_CHARS.div_ceil(per_copy))
}

/// The seed and every article in ../shared/articles, as (file name, bytes).
fn articles(shared: &Path, _work: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let seed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds/000_9cd979bd4177cabe.txt");
    out.push(("seed.txt".to_string(), std::fs::read(seed).unwrap()));
    let mut files = Vec::new();
    let mut folders = vec![shared.join("articles")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("../shared/articles").filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|x| ["txt", "md", "html", "htm"].iter().any(|e| x == *e))
                && path.file_name().is_some_and(|n| n != "SOURCES.md")
            {
                files.push(path);
            }
        }
    }
    files.sort();
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        out.push((name, std::fs::read(&file).unwrap()));
    }
    out
}

/// Runs `program ARGS` with `stdin`, output discarded; returns wall time and peak RSS in KiB.
// The child is reaped by wait4, which also gives its peak memory.
#[allow(clippy::zombie_processes)]
fn run(program: &Path, args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> (Duration, u64) {
    use std::io::Write;
    let start = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the program starts");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        let bytes = bytes.to_vec();
        std::thread::spawn(move || pipe.write_all(&bytes));
    }
    let (status, rss) = wait_with_rusage(child.id() as i32);
    let wall = start.elapsed();
    assert!(status == 0, "{} {args:?} failed with status {status}", program.display());
    (wall, rss)
}

/// Waits for the child and returns its exit status and maximum resident set size (KiB).
fn wait_with_rusage(pid: i32) -> (i32, u64) {
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 writes into the two local values it is given.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4 failed");
    (libc::WEXITSTATUS(status), usage.ru_maxrss as u64)
}

/// Median wall time and largest peak memory of `n` runs.
fn repeated(n: usize, mut f: impl FnMut() -> (Duration, u64)) -> (Duration, u64) {
    let mut walls = Vec::with_capacity(n);
    let mut rss = 0;
    for _ in 0..n {
        let (wall, peak) = f();
        walls.push(wall);
        rss = rss.max(peak);
    }
    walls.sort();
    (walls[n / 2], rss)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mb(kib: u64) -> f64 {
    kib as f64 / 1024.0
}
