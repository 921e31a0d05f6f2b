//! The `study` output: the printable study sheet, its vocabulary choices (known words, HSK
//! levels, order), HSK levels of sample words, and a render in headless Chromium (ruby and the
//! vocabulary there, nothing wider than an A4 or Letter page).
//!
//! The Chromium test needs `chromium` (Debian package) and a CJK font (fonts-wqy-zenhei):
//! `DUIZHAO_CHROMIUM`, else `chromium` / `chromium-browser` on the PATH. With CI=true it must be
//! there; elsewhere the test says it was skipped and passes.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use duizhao::dict::hsk::{self, Levels};

const ARTICLE: &str = "---\ntitle: 互联网与学习\nauthor: 测试\n---\n\n\
## 学习中文\n\n\
我每天用互联网学习中文。我的朋友张伟说，互联网让学习变得更容易。\n\n\
2025年，有三十个学生在银行旁边的图书馆学习。他们用Twitter和微信聊天。\n\n\
学习需要时间，也需要耐心。\n";

const ENGLISH: &str = "## Learning Chinese\n\nI study Chinese on the internet every day. My friend Zhang Wei \
says the internet makes learning easier.\n\nIn 2025, thirty students studied at the library next to the bank. \
They chat on Twitter and WeChat.\n\nLearning takes time and patience.\n";

fn run(args: &[&str]) -> std::process::Output {
    let output = Command::new(env!("CARGO_BIN_EXE_duizhao")).args(args).output().expect("duizhao runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "duizhao panicked:\n{stderr}");
    output
}

/// Writes the article (and its English) into `dir` and builds `--format study` with `extra`.
fn build_study(dir: &Path, extra: &[&str]) -> String {
    std::fs::write(dir.join("article.md"), ARTICLE).unwrap();
    std::fs::write(dir.join("article.en.md"), ENGLISH).unwrap();
    let out = dir.join("out");
    let input = dir.join("article.md");
    let mut args = vec!["build", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "study"];
    args.extend(extra);
    let output = run(&args);
    assert!(output.status.success(), "build failed: {}", String::from_utf8_lossy(&output.stderr));
    std::fs::read_to_string(out.join("article.study.html")).expect("article.study.html written")
}

/// The words of the vocabulary list, in order.
fn table_words(html: &str) -> Vec<String> {
    html.split("<li id=\"w")
        .skip(1)
        .map(|rest| {
            let word = &rest[rest.find("<b>").unwrap() + 3..];
            word[..word.find("</b>").unwrap()].to_string()
        })
        .collect()
}

/// The vocabulary entry of `word`.
fn row<'a>(html: &'a str, word: &str) -> &'a str {
    let cell = format!("<b>{word}</b>");
    let at = html.find(&cell).unwrap_or_else(|| panic!("{word} is in the list"));
    let start = html[..at].rfind("<li").unwrap();
    let end = at + html[at..].find("</li>").unwrap();
    &html[start..end]
}

#[test]
fn hsk_levels_of_sample_words() {
    let cases: [(&str, Option<u8>, Option<u8>); 8] = [
        ("我", Some(1), Some(1)),
        ("互联网", Some(6), Some(3)),
        ("银行", Some(3), Some(2)),
        ("爱好", Some(3), Some(1)),
        ("耐心", Some(4), Some(5)),
        ("学习", Some(1), Some(1)),
        ("呵护", None, Some(7)),
        ("銀行", Some(3), Some(2)),
    ];
    for (word, hsk2, hsk3) in cases {
        assert_eq!(hsk::levels(word), Levels { hsk2, hsk3 }, "{word}");
    }
    assert!(hsk::levels("对照").hsk3.is_none_or(|l| l >= 5));
    assert!(hsk::levels("duizhao").is_empty());
}

#[test]
fn study_sheet_has_word_ruby_tone_classes_and_a_vocabulary_list() {
    let dir = tempfile::tempdir().unwrap();
    // By default the words every learner knows are left out, and the sheet says so.
    let basic = build_study(dir.path(), &[]);
    let listed = table_words(&basic);
    assert!(!listed.iter().any(|w| w == "学习" || w == "我" || w == "的"), "{listed:?}");
    assert!(listed.iter().any(|w| w == "耐心"), "{listed:?}");
    assert!(
        basic.contains("every learner knows left out (HSK 3.0 level 1 and function words; --all-words lists them)")
    );
    let html = build_study(dir.path(), &["--all-words"]);
    // Legend and the tone classes, in the colours the legend shows.
    assert!(html.contains("Tone colours"));
    for (class, colour) in
        [("t1", "#c8102e"), ("t2", "#a85200"), ("t3", "#237a2e"), ("t4", "#1c4fc4"), ("t5", "#6b6b6b")]
    {
        assert!(html.contains(&format!(".legend .{class}, .tones .{class} {{ color: {colour}; }}")), "{class}");
    }
    // A word is one element: its pinyin (drawn as ruby text) and tones in attributes, the
    // listed words pointing at their entry: 互联网 hùliánwǎng (4, 2, 3).
    assert!(html.contains("<span data-p=\"wǒ\" data-t=\"3\""), "我");
    // 互联网 is a glossary term, highlighted; its entry is the list's second.
    let words = table_words(&html);
    let number = words.iter().position(|w| w == "互联网").expect("互联网 is listed") + 1;
    let word = format!(
        "<span class=\"term\" data-p=\"hùliánwǎng\" data-t=\"423\" data-w=\"{number}\" tabindex=\"0\">互联网</span>"
    );
    assert!(html.contains(&word), "{word}");
    // Print CSS: entries and paragraphs never split, margins that suit A4 and Letter.
    assert!(html.contains("ol.vocab li { break-inside: avoid;"));
    assert!(html.contains("@page { margin:"));

    let words = table_words(&html);
    assert_eq!(words.first().map(String::as_str), Some("学习"), "order of appearance: {words:?}");
    for left_out in ["，", "2025年", "三十", "Twitter", "张伟", "张", "伟", "。"] {
        assert!(!words.iter().any(|w| w == left_out), "{left_out} must not be listed: {words:?}");
    }
    let internet = row(&html, "互联网");
    assert!(internet.contains("HSK 2.0: 6 · HSK 3.0: 3 · 2×"), "HSK 2.0 6, HSK 3.0 3, twice: {internet}");
    assert!(internet.contains("「互联网」"));
    assert!(internet.to_lowercase().contains("internet"));
    let me = row(&html, "我");
    assert!(me.contains("HSK 2.0: 1 · HSK 3.0: 1"), "{me}");
    let patience = row(&html, "耐心");
    assert!(patience.contains("也需要「耐心」。"), "{patience}");
    // The sentence's English is under its paragraph in the text.
    assert!(html.contains("<p class=\"en\" lang=\"en\">Learning takes time and patience.</p>"));
}

#[test]
fn known_words_hsk_levels_and_order_choose_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let all = table_words(&build_study(dir.path(), &["--all-words"]));

    let known = dir.path().join("known.txt");
    std::fs::write(&known, "# words I know\n学习\n互联网\n").unwrap();
    let words = table_words(&build_study(dir.path(), &["--all-words", "--known", known.to_str().unwrap()]));
    assert_eq!(words.len(), all.len() - 2);
    assert!(!words.contains(&"学习".to_string()) && !words.contains(&"互联网".to_string()));

    // An Anki export of the learner's deck works as a known-words file.
    let export = dir.path().join("deck.txt");
    std::fs::write(&export, "#separator:tab\n#html:true\n#guid column:1\nabc\t<b>学习</b>\t<i>xuéxí</i>\n").unwrap();
    let words = table_words(&build_study(dir.path(), &["--all-words", "--known", export.to_str().unwrap()]));
    assert_eq!(words.len(), all.len() - 1);

    let words = table_words(&build_study(dir.path(), &["--all-words", "--hsk-known", "2"]));
    for word in &words {
        assert!(hsk::levels(word).hsk3.is_none_or(|l| l > 2), "{word} is HSK 1-2");
    }
    assert!(words.contains(&"耐心".to_string()));

    let words = table_words(&build_study(dir.path(), &["--all-words", "--min-level", "4"]));
    assert!(!words.is_empty());
    for word in &words {
        assert!(hsk::levels(word).hsk3.is_none_or(|l| l >= 4), "{word} is below HSK 4");
    }

    let by_level = table_words(&build_study(dir.path(), &["--all-words", "--order", "level"]));
    let levels: Vec<u8> = by_level.iter().map(|w| hsk::levels(w).hsk3.unwrap_or(u8::MAX)).collect();
    assert!(levels.windows(2).all(|w| w[0] <= w[1]), "{by_level:?} {levels:?}");

    let html = build_study(dir.path(), &["--all-words", "--order", "frequency"]);
    let by_frequency = table_words(&html);
    assert_eq!(by_frequency[0], "学习", "学习 occurs most often: {by_frequency:?}");
    assert_eq!(by_frequency.len(), all.len());
}

#[test]
fn malformed_known_file_is_named_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("article.md"), ARTICLE).unwrap();
    let known = dir.path().join("known.txt");
    std::fs::write(&known, "学习\nhello world\n").unwrap();
    let out = dir.path().join("out");
    let output = run(&[
        "build",
        dir.path().join("article.md").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--format",
        "study",
        "--known",
        known.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&format!("{}:2: ", known.display())), "{stderr}");
    assert!(!out.join("article.study.html").exists());

    let missing = dir.path().join("nope.txt");
    let output = run(&[
        "build",
        dir.path().join("article.md").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--known",
        missing.to_str().unwrap(),
        "--format",
        "anki",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("nope.txt"));

    let output = run(&["build", "x.md", "--hsk-known", "10"]);
    assert_eq!(output.status.code(), Some(2), "levels are 1-9");
}

#[test]
fn default_build_writes_no_study_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("article.md"), ARTICLE).unwrap();
    let out = dir.path().join("out");
    let output = run(&["build", dir.path().join("article.md").to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(output.status.success());
    let mut files: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    assert_eq!(files, ["article.html", "article.json", "article.md"]);
}

/// Headless Chromium, or None (and a printed reason) where that is allowed.
fn chromium(test: &str) -> Option<PathBuf> {
    let candidates: Vec<PathBuf> = match std::env::var_os("DUIZHAO_CHROMIUM") {
        Some(path) => vec![PathBuf::from(path)],
        None => ["chromium", "chromium-browser", "/usr/bin/chromium", "/usr/lib/chromium/chromium"]
            .iter()
            .map(PathBuf::from)
            .collect(),
    };
    for candidate in candidates {
        let works = Command::new(&candidate).arg("--version").output().map(|o| o.status.success()).unwrap_or(false);
        if works {
            return Some(candidate);
        }
    }
    common::skip(
        test,
        "headless Chromium not found (apt-get install chromium fonts-wqy-zenhei, or set DUIZHAO_CHROMIUM)",
    );
    None
}

/// Runs Chromium headless on `page` with `args`; a fresh profile each time.
fn chromium_run(chromium: &Path, page: &Path, args: &[String]) -> std::process::Output {
    let profile = tempfile::tempdir().unwrap();
    let mut command = Command::new(chromium);
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
    ]);
    command.arg(format!("--user-data-dir={}", profile.path().display()));
    command.args(args);
    command.arg(format!("file://{}", page.display()));
    let output = command.output().expect("chromium runs");
    assert!(output.status.success(), "chromium failed: {}", String::from_utf8_lossy(&output.stderr));
    output
}

/// Measures the laid-out page: ruby and table rows there and visible, elements wider than the
/// viewport, ruby text overlapping the characters of another line. Written into a data
/// attribute that --dump-dom prints.
const PROBE: &str = r#"<script>
(function () {
  var width = document.documentElement.clientWidth;
  var overflowing = [];
  document.querySelectorAll('body *').forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > width + 1 || r.left < -1)) overflowing.push(el.tagName + '.' + el.className);
  });
  // Each word's pinyin is drawn from its data-p as ruby text (::after): it is there when the
  // word is taller than its characters, and no word's pinyin overlaps another line's text.
  var words = Array.prototype.slice.call(document.querySelectorAll('.text [data-p]'));
  var lineHeight = function (el) { return parseFloat(getComputedStyle(el).fontSize); };
  var visible = words.filter(function (w) {
    var r = w.getBoundingClientRect(); var base = document.createRange(); base.selectNodeContents(w);
    return r.width > 0 && r.height > 0 && w.getClientRects().length === 1;
  });
  var clashes = 0;
  document.querySelectorAll('.text p, .text h3').forEach(function (p) {
    var boxes = Array.prototype.slice.call(p.querySelectorAll('[data-p]')).map(function (w) { return w.getBoundingClientRect(); });
    boxes.forEach(function (a, i) {
      boxes.forEach(function (b, j) {
        if (i === j) return;
        var x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        var y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 1 && y > 1) clashes++;
      });
    });
  });
  var rts = words;
  var rows = document.querySelectorAll('ol.vocab li');
  var table = document.querySelector('ol.vocab');
  document.body.setAttribute('data-probe', JSON.stringify({
    width: width, scrollWidth: document.documentElement.scrollWidth, overflowing: overflowing.slice(0, 10),
    rt: rts.length, visibleRt: visible.length, clashes: clashes, rows: rows.length,
    tableHeight: table ? table.getBoundingClientRect().height : 0, textLength: document.body.innerText.length
  }));
})();
</script>"#;

#[test]
fn study_sheet_renders_in_headless_chromium_without_overflow() {
    let test = "study_sheet_renders_in_headless_chromium_without_overflow";
    let Some(chromium) = chromium(test) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let html = build_study(dir.path(), &[]);
    let rows = table_words(&html).len();
    assert!(rows > 5);
    let probed = dir.path().join("probed.html");
    std::fs::write(&probed, html.replace("</body>", &format!("{PROBE}\n</body>"))).unwrap();

    // The printable width of A4 (210 mm) and Letter (8.5 in) less the sheet's 12 mm margins, in
    // CSS pixels (96 per inch), and a phone-sized screen (500 px, the narrowest headless window).
    for width in [703, 725, 500] {
        let output = chromium_run(&chromium, &probed, &["--dump-dom".into(), format!("--window-size={width},1200")]);
        let dom = String::from_utf8_lossy(&output.stdout);
        let start = dom.find("data-probe=\"").expect("the probe ran") + "data-probe=\"".len();
        let json = dom[start..start + dom[start..].find('"').unwrap()].replace("&quot;", "\"").replace("&amp;", "&");
        let probe: serde_json::Value = serde_json::from_str(&json).expect("probe JSON");
        assert_eq!(probe["width"], width, "{probe}");
        assert_eq!(probe["scrollWidth"], width, "nothing scrolls sideways at {width}px: {probe}");
        assert_eq!(probe["overflowing"], serde_json::json!([]), "at {width}px: {probe}");
        assert!(probe["rt"].as_u64().unwrap() > 30, "{probe}");
        assert_eq!(probe["visibleRt"], probe["rt"], "every word is laid out whole, on one line: {probe}");
        assert_eq!(probe["clashes"], 0, "words (with their pinyin) overlap at {width}px: {probe}");
        assert_eq!(probe["rows"], rows, "{probe}");
        assert!(probe["tableHeight"].as_f64().unwrap() > 100.0, "{probe}");
        assert!(probe["textLength"].as_u64().unwrap() > 300, "{probe}");
    }

    // Printed to PDF on A4 and on Letter: a real, non-blank document of the page size asked.
    for (size, media) in [("A4", (595.3, 841.9)), ("letter", (612.0, 792.0))] {
        let page = dir.path().join(format!("print-{size}.html"));
        std::fs::write(&page, html.replace("@page {", &format!("@page {{ size: {size}; "))).unwrap();
        let pdf = dir.path().join(format!("sheet-{size}.pdf"));
        chromium_run(&chromium, &page, &[format!("--print-to-pdf={}", pdf.display()), "--no-pdf-header-footer".into()]);
        let bytes = std::fs::read(&pdf).expect("PDF written");
        assert!(bytes.starts_with(b"%PDF"), "{size}");
        assert!(bytes.len() > 20_000, "{size}: a {}-byte PDF is blank", bytes.len());
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("/FontFile"), "{size}: fonts embedded, so text was drawn");
        let boxes: Vec<(f64, f64)> = text
            .split("/MediaBox [0 0 ")
            .skip(1)
            .map(|rest| {
                let mut numbers = rest.split([' ', ']']).map(|n| n.parse::<f64>().unwrap_or(0.0));
                (numbers.next().unwrap(), numbers.next().unwrap())
            })
            .collect();
        assert!(!boxes.is_empty(), "{size}: the PDF has pages");
        // Where poppler-utils is installed, the PDF's text is checked too.
        if let Ok(output) = Command::new("pdftotext").arg(&pdf).arg("-").output()
            && output.status.success()
        {
            let text = String::from_utf8_lossy(&output.stdout);
            for expected in
                ["互联网与学习", "Tone colours", "Vocabulary", "hùliánwǎng", "Learning takes time and patience."]
            {
                assert!(text.contains(expected), "{size}: the PDF lacks {expected:?}");
            }
        }
        for (w, h) in &boxes {
            assert!((w - media.0).abs() < 2.0 && (h - media.1).abs() < 2.0, "{size} page is {w}x{h} pt");
        }
    }

    // A screenshot is not blank: a white page compresses to almost nothing.
    let png = dir.path().join("sheet.png");
    chromium_run(&chromium, &probed, &[format!("--screenshot={}", png.display()), "--window-size=725,1400".into()]);
    let bytes = std::fs::read(&png).expect("screenshot written");
    assert!(bytes.starts_with(b"\x89PNG"));
    assert!(bytes.len() > 40_000, "a {}-byte screenshot is blank", bytes.len());
    if let Some(keep) = std::env::var_os("DUIZHAO_KEEP_SCREENSHOT") {
        std::fs::copy(&png, keep).unwrap();
    }
}

#[test]
fn hostile_input_stays_inert_in_study_sheet_and_anki_file() {
    let dir = tempfile::tempdir().unwrap();
    let article = "---\ntitle: <script>alert(1)</script>标题\nfrom: javascript:alert(2)\n---\n\n\
        段落<img src=x onerror=alert(3)>学习&lt;script&gt;alert(4)&lt;/script&gt;\t制表符\n\n\
        #标签 \"引号\" 中文<svg onload=alert(5)>\n";
    std::fs::write(dir.path().join("evil.md"), article).unwrap();
    let out = dir.path().join("out");
    let output = run(&[
        "build",
        dir.path().join("evil.md").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--format",
        "study,anki",
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let html = std::fs::read_to_string(out.join("evil.study.html")).unwrap();
    let page = scraper::Html::parse_document(&html);
    let all = scraper::Selector::parse("*").unwrap();
    for element in page.select(&all) {
        let name = element.value().name();
        // The sheet's own scripts (the toolbar's and the glosses') are the only ones.
        if name == "script" {
            let code = element.text().collect::<String>();
            let own = [duizhao::render::markup::TOOLBAR_SCRIPT, duizhao::render::markup::SCRIPT];
            assert!(own.contains(&code.as_str()), "a script from the input: {code}");
            continue;
        }
        assert!(!["img", "svg", "iframe", "object", "embed", "a"].contains(&name), "<{name}> in the sheet");
        for (attr, _) in element.value().attrs() {
            assert!(!attr.starts_with("on") && attr != "href" && attr != "src", "{attr} in the sheet");
        }
    }
    let anki = std::fs::read_to_string(out.join("evil.anki.txt")).unwrap();
    assert!(anki.lines().any(|l| l.starts_with("#deck:duizhao::")));
    let columns = anki.lines().find_map(|l| l.strip_prefix("#columns:")).unwrap().split('\t').count();
    for line in anki.lines().filter(|l| !l.starts_with('#')) {
        assert_eq!(line.split('\t').count(), columns, "one note a line, a field a column: {line}");
        assert!(!line.contains("<script") && !line.contains("<img") && !line.contains("<svg"), "{line}");
        assert!(!line.contains("\"引号\""), "the text's quotes are escaped: {line}");
        assert!(line.split('\t').all(|f| !f.starts_with('"')), "Anki would read a quoted field: {line}");
    }
}
