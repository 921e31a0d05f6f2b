//! Nothing of the user's is ever lost: a run whose outputs would replace one of its inputs (the
//! same path, a hard link, a symbolic link, a folder of chapters over an input) stops that input
//! before writing anything for it, and the other inputs still build; a folder given as input
//! leaves out duizhao's own outputs; control characters, raw or as character references, reach
//! no output (epubcheck reads the book); the end of a run names what failed.

mod common;
use common::tools;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// The seed article and its English in `dir`.
fn seed_into(dir: &Path) {
    for name in ["000_9cd979bd4177cabe.txt", "000_9cd979bd4177cabe.en.md"] {
        std::fs::copy(common::root().join("seeds").join(name), dir.join(name)).unwrap();
    }
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().display().to_string();
                files.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

const PAGE: &str = "<!DOCTYPE html><html><head><title>一页</title></head><body><article><h1>一页</h1>\
                    <p>这是一个网页里的第一段文字，用来测试输出会不会覆盖输入。</p><p>第二段也在这里。</p></article></body></html>";

#[test]
fn inputs_built_into_their_own_folder_stay_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    seed_into(dir.path());
    std::fs::write(dir.path().join("page.html"), PAGE).unwrap();
    std::fs::write(dir.path().join("note.md"), "# 笔记\n\n一段笔记。\n").unwrap();
    let before = snapshot(dir.path());

    let output = common::run_in(dir.path(), &["build", ".", "-o", "."], b"");
    let err = common::stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    for name in ["page.html", "note.md"] {
        assert!(
            err.contains(&format!("error: ./{name}: not built: its output ./{name} would overwrite the input itself")),
            "{err}"
        );
    }
    assert!(err.contains("choose another output folder with -o DIR"), "{err}");
    // The run's end names what failed, after the progress.
    let summary = err.split("1 input built, 2 failed:\n").nth(1).unwrap_or_else(|| panic!("a summary:\n{err}"));
    assert!(summary.contains("./note.md: not built") && summary.contains("./page.html: not built"), "{err}");
    assert!(err.contains("000_9cd979bd4177cabe.txt: 18 paragraphs ->"), "{err}");
    let after = snapshot(dir.path());
    for (name, bytes) in &before {
        assert_eq!(after.get(name), Some(bytes), "{name} changed");
    }
    // Nothing was written for the refused inputs; the seed's editions were.
    let added: Vec<&String> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    assert_eq!(
        added,
        [
            "000_9cd979bd4177cabe.html",
            "000_9cd979bd4177cabe.json",
            "000_9cd979bd4177cabe.md",
            "000_9cd979bd4177cabe.qa.json"
        ]
    );

    // Again: the seed's own editions are recognised and left out, said once.
    let output = common::run_in(dir.path(), &["build", ".", "-o", "."], b"");
    let err = common::stderr(&output);
    let notes: Vec<&str> = err.lines().filter(|l| l.starts_with("note: ")).collect();
    assert_eq!(
        notes,
        ["note: ./000_9cd979bd4177cabe.html and 1 other left out: duizhao's own outputs (recognised by their \
          generator mark) and OmegaT projects are not articles; name a file to build it anyway"],
        "{err}"
    );
    assert_eq!(snapshot(dir.path()).keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>());
}

#[test]
fn an_output_that_is_an_input_by_another_name_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let out = dir.path().join("out");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(input.join("a.html"), PAGE).unwrap();
    std::fs::write(input.join("b.html"), PAGE).unwrap();
    std::fs::write(input.join("c.txt"), "第三篇。\n").unwrap();
    // out/a.html is a hard link to the input, out/b.md a symbolic link to b.html.
    std::fs::hard_link(input.join("a.html"), out.join("a.html")).unwrap();
    std::os::unix::fs::symlink(input.join("b.html"), out.join("b.md")).unwrap();
    let output = common::run_in(dir.path(), &["build", "in", "-o", "out"], b"");
    let err = common::stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error: in/a.html: not built: its output out/a.html would overwrite the input itself"),
        "{err}"
    );
    assert!(err.contains("error: in/b.html: not built: its output out/b.md would overwrite the input itself"), "{err}");
    assert_eq!(std::fs::read_to_string(input.join("a.html")).unwrap(), PAGE);
    assert_eq!(std::fs::read_to_string(input.join("b.html")).unwrap(), PAGE);
    assert!(!out.join("a.json").exists() && !out.join("b.json").exists(), "nothing written for a refused input");
    assert!(out.join("c.json").is_file(), "the other input is built");
}

#[test]
fn a_pandoc_book_built_into_its_own_folder_stays_as_it_was() {
    let test = "a_pandoc_book_built_into_its_own_folder_stays_as_it_was";
    let Some(pandoc) = tools::require(test, "pandoc", &["/usr/bin/pandoc", "/usr/local/bin/pandoc"]) else { return };
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("book.md");
    std::fs::write(&source, "# 第一章\n\n第一章的第一段。\n\n# 第二章\n\n第二章的第一段。\n").unwrap();
    let books = dir.path().join("books");
    std::fs::create_dir(&books).unwrap();
    let output = Command::new(&pandoc)
        .arg(&source)
        .args(["--metadata", "title=两章", "--metadata", "lang=zh-CN", "-o"])
        .arg(books.join("three.epub"))
        .output()
        .unwrap();
    assert!(output.status.success(), "pandoc: {}", String::from_utf8_lossy(&output.stderr));
    std::fs::write(books.join("page.html"), PAGE).unwrap();
    let before = snapshot(&books);
    // `three.epub` would be rebound over itself.
    let output = common::run_in(&books, &["build", "three.epub", "page.html", "-o", "."], b"");
    let err = common::stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("error: three.epub: not built: its output ./three"), "{err}");
    assert!(
        err.contains("error: page.html: not built: its output ./page.html would overwrite the input itself"),
        "{err}"
    );
    assert_eq!(snapshot(&books), before, "nothing written, nothing changed");
    // Elsewhere it builds, and a rerun over the output folder skips the bilingual book.
    let output = common::run_in(&books, &["build", "three.epub", "-o", "out"], b"");
    assert!(output.status.success(), "{}", common::stderr(&output));
    let output = common::run_in(&books, &["build", "out", "-o", "again"], b"");
    let err = common::stderr(&output);
    assert!(err.contains("note: out/"), "{err}");
    assert!(!books.join("again").exists(), "only duizhao's own outputs in out/: {err}");
}

/// Characters no output may carry.
fn forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}' | '\u{FFFE}' | '\u{FFFF}')
}

#[test]
fn control_characters_reach_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<html><head><title>标题&#2;</title></head><body><p>第一段&#2;文字&#x1F;在这里&#8;。</p>\
                <p>第二段\u{2}原始字节。</p><p>&#x7;</p></body></html>";
    std::fs::write(dir.path().join("controls.html"), page).unwrap();
    std::fs::write(dir.path().join("controls.en.md"), "First paragraph.\n\nSecond\u{1} paragraph.\n").unwrap();
    let out = dir.path().join("out");
    let output = common::run_in(
        dir.path(),
        &["build", "controls.html", "-o", "out", "--format", "html,md,json,epub,study,anki,apkg,tmx,xliff,qa,omegat"],
        b"",
    );
    let err = common::stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(err.contains("controls.html: 6 control characters removed"), "{err}");
    assert!(err.contains("controls.en.md: 1 control character removed"), "{err}");
    let doc = common::json(&out, "controls");
    assert_eq!(common::paragraphs(&doc), ["第一段文字在这里。", "第二段原始字节。"]);
    assert_eq!(doc["meta"]["title"], "标题");
    // Every file, and every file inside the EPUB.
    for (name, bytes) in snapshot(&out) {
        let text = String::from_utf8_lossy(&bytes);
        if name.ends_with(".apkg") {
            // A binary SQLite database; its notes are the anki.txt's, checked here.
            continue;
        }
        if name.ends_with(".epub") {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
            for i in 0..zip.len() {
                let mut entry = zip.by_index(i).unwrap();
                let mut inner = String::new();
                std::io::Read::read_to_string(&mut entry, &mut inner).unwrap();
                assert!(!inner.contains(forbidden), "{name}: {:?}", entry.name());
            }
        } else {
            assert!(!text.contains(forbidden), "{name}");
            assert!(!text.contains("\\u0002") && !text.contains("&#2;") && !text.contains("&#x1F;"), "{name}");
        }
    }
    let test = "control_characters_reach_no_output";
    let Some(jar) = tools::require(test, "epubcheck", &["/usr/share/java/epubcheck.jar"]) else { return };
    let report = Command::new("java").arg("-jar").arg(jar).arg(out.join("controls.epub")).output().unwrap();
    let text = String::from_utf8_lossy(&report.stdout).into_owned() + &String::from_utf8_lossy(&report.stderr);
    assert!(report.status.success() && !text.contains("ERROR") && !text.contains("FATAL"), "{text}");
}
