//! Hostile inputs, generated at test time: each gives a clear error or a correct result, within
//! bounded time and memory (the child's CPU time and peak RSS, from `wait4`; CPU time rather
//! than wall time, so a busy machine does not fail them). Bounds are generous: the tests run
//! the debug build; they catch stack overflows, quadratic work and unbounded buffering, not
//! small slowdowns.
#![cfg(unix)]

use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// How a bounded run went.
struct Run {
    code: Option<i32>,
    stderr: String,
    cpu: Duration,
    peak_rss_mb: u64,
}

/// Runs `duizhao ARGS` in `dir`, measuring wall time and the child's own peak RSS.
fn run_measured(dir: &Path, args: &[&str]) -> Run {
    let err_path = dir.join(".stderr");
    let err = std::fs::File::create(&err_path).unwrap();
    // Waited for with wait4 below, which also gives the child's own resource usage.
    #[allow(clippy::zombie_processes)]
    let child = Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(err)
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value, and wait4 writes into it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, which is not waited for anywhere else.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t);
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    let cpu = time(usage.ru_utime) + time(usage.ru_stime);
    let stderr = std::fs::read_to_string(&err_path).unwrap();
    let status = std::process::ExitStatus::from_raw(status);
    assert!(!stderr.contains("panicked") && status.signal().is_none(), "crashed ({status}):\n{stderr}");
    let run = Run { code: status.code(), stderr, cpu, peak_rss_mb: usage.ru_maxrss as u64 / 1024 };
    eprintln!("duizhao {args:?}: {:?} CPU, {} MB peak RSS", run.cpu, run.peak_rss_mb);
    run
}

fn assert_bounded(run: &Run, seconds: u64, megabytes: u64) {
    assert!(run.cpu < Duration::from_secs(seconds), "took {:?} CPU:\n{}", run.cpu, run.stderr);
    assert!(run.peak_rss_mb < megabytes, "peak RSS {} MB:\n{}", run.peak_rss_mb, run.stderr);
}

fn output_html(dir: &Path, slug: &str) -> String {
    std::fs::read_to_string(dir.join("out").join(format!("{slug}.html"))).unwrap()
}

/// The paragraphs of the JSON output for `slug`, joined by newlines.
fn output_text(dir: &Path, slug: &str) -> String {
    let json = std::fs::read(dir.join("out").join(format!("{slug}.json"))).unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let paragraphs = doc["paragraphs"].as_array().unwrap().iter();
    paragraphs.map(|p| p["zh"].as_str().unwrap()).collect::<Vec<_>>().join("\n")
}

#[test]
fn deeply_nested_html() {
    let dir = tempfile::tempdir().unwrap();
    let depth = 100_000;
    let html = "<div>".repeat(depth) + "<p>深处的正文。</p>" + &"</div>".repeat(depth);
    std::fs::write(dir.path().join("nested.html"), format!("<html><body>{html}</body></html>")).unwrap();
    let inline = "<span>".repeat(depth) + "里面的文字。" + &"</span>".repeat(depth);
    std::fs::write(dir.path().join("inline.html"), format!("<p>{inline}</p>")).unwrap();
    let quotes = ">".repeat(depth) + " 引文。\n";
    std::fs::write(dir.path().join("quotes.md"), quotes).unwrap();
    // An archive copy whose small-print footer is nested deep.
    let footer = "<div>".repeat(depth) + "<small>标签</small>" + &"</div>".repeat(depth);
    let archive = format!("[标题](https://example.com/a)\n------\n\n<p>存档的正文。</p><hr>{footer}");
    std::fs::write(dir.path().join("archive.txt"), archive).unwrap();
    let args = ["build", "nested.html", "inline.html", "quotes.md", "archive.txt", "-o", "out"];
    let run = run_measured(dir.path(), &args);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_bounded(&run, 120, 2048);
    assert_eq!(output_text(dir.path(), "nested"), "深处的正文。");
    assert_eq!(output_text(dir.path(), "inline"), "里面的文字。");
    assert_eq!(output_text(dir.path(), "quotes"), "引文。");
    assert_eq!(output_text(dir.path(), "archive"), "存档的正文。");
}

/// One paragraph of `bytes` bytes: many sentences, no paragraph break.
fn one_paragraph(bytes: usize) -> String {
    let sentence = "我们今天在图书馆里读了一本关于历史的书，";
    let mut text = String::with_capacity(bytes + 64);
    while text.len() < bytes {
        text.push_str(sentence);
    }
    text.push('。');
    text
}

#[test]
fn a_fifty_megabyte_paragraph_is_a_clear_error_and_four_megabytes_build() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("huge.txt"), one_paragraph(50 * 1024 * 1024)).unwrap();
    let run = run_measured(dir.path(), &["build", "huge.txt", "-o", "out", "--format", "json"]);
    assert_bounded(&run, 30, 512);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("huge.txt: the input is") && run.stderr.contains("split it"), "{}", run.stderr);

    let text = one_paragraph(4 * 1024 * 1024);
    std::fs::write(dir.path().join("long.txt"), &text).unwrap();
    let run = run_measured(dir.path(), &["build", "long.txt", "-o", "out", "--format", "json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_bounded(&run, 300, 2048);
    assert_eq!(output_text(dir.path(), "long"), text);
}

#[test]
fn a_glossary_of_a_million_entries() {
    let dir = tempfile::tempdir().unwrap();
    let mut tsv = std::io::BufWriter::new(std::fs::File::create(dir.path().join("big.tsv")).unwrap());
    // Terms like `abcde号文件`: Latin letters (written as they are in the pinyin column) make a
    // million distinct terms.
    let letters = |mut i: u32| -> String {
        (0..5)
            .map(|_| {
                let c = char::from(b'a' + (i % 26) as u8);
                i /= 26;
                c
            })
            .collect()
    };
    for i in 0..1_000_000 {
        let tag = letters(i);
        writeln!(tsv, "{tag}号文件\t{tag} hào wén jiàn\tfile no. {i}\t").unwrap();
    }
    tsv.into_inner().unwrap().sync_all().unwrap();
    std::fs::write(dir.path().join("a.txt"), format!("这是{}号文件的内容。\n", letters(999_999))).unwrap();
    let run = run_measured(dir.path(), &["build", "a.txt", "--glossary", "big.tsv", "-o", "out", "--format", "json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_bounded(&run, 180, 4096);
    let json = std::fs::read_to_string(dir.path().join("out/a.json")).unwrap();
    assert!(json.contains("file no. 999999"), "the glossary's last entry applies");
}

#[test]
fn nul_bytes_surrogate_entities_and_bidi_overrides() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("nul.txt"), b"\xe4\xb8\xad\x00\xe6\x96\x87").unwrap();
    let mut late_nul = "正文。".repeat(4000).into_bytes();
    late_nul.extend_from_slice(b"\x00\x00\xe5\xb0\xbe\xe3\x80\x82");
    std::fs::write(dir.path().join("late-nul.txt"), late_nul).unwrap();
    std::fs::write(
        dir.path().join("entities.html"),
        "<p>代理&#xD800;项&#55296;与&#x110000;越界&#0;零&#xDFFF;。</p><p>\u{202E}从右到左\u{202C}与\u{2066}隔离\u{2069}。</p>",
    )
    .unwrap();
    let run = run_measured(
        dir.path(),
        &["build", "nul.txt", "late-nul.txt", "entities.html", "-o", "out", "--format", "html,json"],
    );
    assert_bounded(&run, 60, 2048);
    assert_eq!(run.code, Some(1), "the NUL file fails, the others build:\n{}", run.stderr);
    assert!(run.stderr.contains("nul.txt") && run.stderr.contains("NUL byte at offset 3"), "{}", run.stderr);
    assert!(run.stderr.contains("2 inputs built, 1 failed:"), "{}", run.stderr);
    let text = output_text(dir.path(), "entities");
    assert!(text.contains("代理\u{FFFD}项\u{FFFD}与") && !text.contains('\0'), "bad references become U+FFFD: {text}");
    assert!(text.contains("\u{202E}从右到左\u{202C}与\u{2066}隔离\u{2069}。"), "bidi controls are text: {text}");
    assert!(!output_html(dir.path(), "entities").contains('\0'));
    assert!(!output_html(dir.path(), "late-nul").contains('\0'));
}

/// A gzip body of a few MB that inflates to a gigabyte of zeros: a deflate stream of fixed
/// Huffman codes, each "repeat the last byte 258 times" (13 bits), written directly so the
/// test does not spend time compressing. The trailer's CRC is left zero: the fetcher must
/// stop at its size cap long before it would check it.
fn gzip_bomb(inflated: u64) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        /// Appends `count` bits of `value`, least significant first (deflate's order).
        fn put(&mut self, value: u64, count: u32) {
            self.acc |= value << self.n;
            self.n += count;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        /// Appends a Huffman code, most significant bit first.
        fn code(&mut self, code: u64, len: u32) {
            let reversed = (0..len).fold(0, |r, i| (r << 1) | ((code >> i) & 1));
            self.put(reversed, len);
        }
    }
    let mut bits = Bits { out: vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff], acc: 0, n: 0 };
    bits.put(1, 1); // the final block
    bits.put(1, 2); // fixed Huffman codes
    bits.code(0x30, 8); // literal 0
    for _ in 0..inflated / 258 {
        bits.code(0b1100_0101, 8); // length 258 (code 285)
        bits.code(0, 5); // distance 1
    }
    bits.code(0, 7); // end of block
    bits.put(0, 7);
    let mut out = bits.out;
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(inflated as u32).to_le_bytes());
    out
}

#[test]
fn a_gzip_bomb_is_stopped_by_the_size_cap() {
    let bomb = gzip_bomb(1 << 30);
    assert!(bomb.len() < 8 << 20);
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let server = rt.block_on(wiremock::MockServer::start());
    rt.block_on(
        wiremock::Mock::given(wiremock::matchers::method("GET"))
            .respond_with(
                wiremock::ResponseTemplate::new(200)
                    .insert_header("Content-Encoding", "gzip")
                    .insert_header("Content-Type", "text/html; charset=utf-8")
                    .set_body_bytes(bomb),
            )
            .mount(&server),
    );
    let url = format!("{}/bomb.html", server.uri());
    let dir = tempfile::tempdir().unwrap();
    let run = run_measured(dir.path(), &["build", &url, "-o", "out", "--max-page-size", "5000000"]);
    assert_bounded(&run, 60, 1024);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("bomb.html") && run.stderr.contains("5000000"), "{}", run.stderr);
    assert!(!dir.path().join("out").exists() || std::fs::read_dir(dir.path().join("out")).unwrap().next().is_none());
}
