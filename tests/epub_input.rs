//! Books in: EPUBs made by pandoc and by duizhao itself from the articles in ../shared, and
//! EPUB 2 books made here by hand, become one bilingual book plus each chapter's files; every
//! paragraph once, chapters in order with their titles, no navigation or front matter in the
//! body; epubcheck accepts the book; Anki imports the deck with a sub-deck per chapter; broken
//! and encrypted books are refused naming the file, without stopping the other inputs.

mod common;
mod translate_support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::tools;
use serde_json::{Value, json};
use translate_support::{Server, Translating};
use wiremock::matchers::method;
use wiremock::{Mock, ResponseTemplate};

/// Articles of ../shared the books are made of: Simplified and Traditional, lists and quotes.
const ARTICLES: [&str; 3] =
    ["cdt/cdt2020_399779.md", "cdt/cdt2020_400883.md", "opinion/oped2_2019-07-27_matters_hk49days_trad.md"];

fn duizhao(args: &[&str]) -> std::process::Output {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    common::run_in(&std::env::temp_dir(), &refs, b"")
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).unwrap()
}

/// The chapter JSON files of the book `slug` in `out`, in name (= chapter) order.
fn chapters(out: &Path, slug: &str) -> Vec<(PathBuf, Value)> {
    common::part_files(out, slug).into_iter().map(|p| (p.clone(), read_json(&p))).collect()
}

/// Each article's title and paragraphs, as duizhao reads the article itself.
fn reference(shared: &Path, dir: &Path) -> Vec<(String, Vec<Value>)> {
    let out = dir.join("reference");
    let inputs: Vec<String> = ARTICLES.iter().map(|a| shared.join("articles").join(a).display().to_string()).collect();
    let mut args = vec!["build", "-o", out.to_str().unwrap(), "--format", "json"];
    args.extend(inputs.iter().map(String::as_str));
    let output = duizhao(&args);
    assert!(output.status.success(), "{}", common::stderr(&output));
    ARTICLES
        .iter()
        .map(|a| {
            let stem = Path::new(a).file_stem().unwrap().to_string_lossy().into_owned();
            let doc = read_json(&out.join(format!("{stem}.json")));
            (doc["meta"]["title"].as_str().unwrap().to_string(), doc["paragraphs"].as_array().unwrap().clone())
        })
        .collect()
}

fn texts(paragraphs: &[Value]) -> Vec<String> {
    paragraphs.iter().map(|p| p["zh"].as_str().unwrap().to_string()).collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Runs epubcheck on `book`: no errors, no warnings.
fn epubcheck(test: &str, book: &Path) {
    let Some(jar) = tools::require(test, "epubcheck", &["/usr/share/java/epubcheck.jar"]) else { return };
    let output = Command::new("java").arg("-jar").arg(jar).arg(book).output().expect("java runs");
    let report = String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success() && report.contains("No errors or warnings detected"), "{report}");
}

#[test]
fn a_pandoc_book_becomes_a_bilingual_book_and_a_json_per_chapter() {
    let test = "a_pandoc_book_becomes_a_bilingual_book_and_a_json_per_chapter";
    let Some(shared) = common::shared(test) else { return };
    let Some(pandoc) = tools::require(test, "pandoc", &["/usr/bin/pandoc", "/usr/local/bin/pandoc"]) else { return };
    let dir = tempfile::tempdir().unwrap();
    let expected = reference(&shared, dir.path());
    // One HTML chapter per article: its title as h1, its paragraphs in their kinds.
    let mut sources = Vec::new();
    for (i, (title, paragraphs)) in expected.iter().enumerate() {
        let mut html = format!("<h1>{}</h1>\n", escape(title));
        for p in paragraphs {
            let text = escape(p["zh"].as_str().unwrap());
            html += &match (p["kind"].as_str().unwrap(), p["level"].as_u64()) {
                ("heading", Some(level)) => format!("<h{0}>{text}</h{0}>\n", level.clamp(2, 6)),
                ("quote", _) => format!("<blockquote><p>{text}</p></blockquote>\n"),
                ("list_item", _) => format!("<ul><li>{text}</li></ul>\n"),
                _ => format!("<p>{text}</p>\n"),
            };
        }
        let path = dir.path().join(format!("ch{}.html", i + 1));
        std::fs::write(&path, html).unwrap();
        sources.push(path);
    }
    let book = dir.path().join("three.epub");
    let output = Command::new(&pandoc)
        .args(["--from", "html", "-o"])
        .arg(&book)
        .args(["--metadata", "title=三篇文章", "--metadata", "author=编者", "--metadata", "lang=zh-CN"])
        .args(["--metadata", "publisher=测试出版社", "--metadata", "identifier=urn:isbn:9780000000002", "--toc"])
        .args(&sources)
        .output()
        .unwrap();
    assert!(output.status.success(), "pandoc: {}", String::from_utf8_lossy(&output.stderr));

    let out = dir.path().join("out");
    let output = duizhao(&["build", book.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "json"]);
    let stderr = common::stderr(&output);
    assert!(output.status.success(), "{stderr}");
    let found = chapters(&out, "three");
    assert_eq!(found.len(), 3, "one chapter per article: {found:?}");
    for (i, ((path, doc), (title, paragraphs))) in found.iter().zip(&expected).enumerate() {
        assert_eq!(doc["meta"]["title"].as_str(), Some(title.as_str()), "{}", path.display());
        let name = path.file_name().unwrap().to_string_lossy();
        assert!(name.starts_with(&format!("{:02}-", i + 1)), "{name}");
        // Every paragraph once, in order: the title page, the contents and the notes add none.
        assert_eq!(texts(doc["paragraphs"].as_array().unwrap()), texts(paragraphs), "{}", path.display());
        let book = &doc["meta"]["book"];
        assert_eq!(book["title"], "三篇文章");
        assert_eq!(book["authors"], json!(["编者"]));
        assert_eq!(book["publisher"], "测试出版社");
        assert_eq!(book["language"], "zh-CN");
        assert_eq!((book["chapter"].as_u64(), book["chapters"].as_u64()), (Some(i as u64 + 1), Some(3)));
        assert_eq!(doc["meta"]["author"], "编者");
    }
    let bilingual = out.join("three.epub");
    epubcheck(test, &bilingual);
    // The bilingual book has the source's chapters in its order, and the source's metadata.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&bilingual).unwrap()).unwrap();
    let mut opf = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("OEBPS/content.opf").unwrap(), &mut opf).unwrap();
    assert!(opf.contains("<dc:title>三篇文章</dc:title>") && opf.contains("<dc:publisher>测试出版社</dc:publisher>"));
    assert!(opf.contains("<dc:source>urn:isbn:9780000000002</dc:source>"), "{opf}");
    let mut nav = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("OEBPS/nav.xhtml").unwrap(), &mut nav).unwrap();
    let at: Vec<usize> = expected.iter().map(|(t, _)| nav.find(&escape(t)).expect("chapter in the contents")).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "chapters out of order in the contents");
}

#[test]
fn a_duizhao_book_reads_back_paragraph_for_paragraph() {
    let test = "a_duizhao_book_reads_back_paragraph_for_paragraph";
    let Some(shared) = common::shared(test) else { return };
    let dir = tempfile::tempdir().unwrap();
    let expected = reference(&shared, dir.path());
    let made = dir.path().join("made");
    let mut args = vec!["build", "-o", made.to_str().unwrap(), "--book", "自己的书", "--format", "json", "--ruby"];
    let inputs: Vec<String> = ARTICLES.iter().map(|a| shared.join("articles").join(a).display().to_string()).collect();
    args.extend(inputs.iter().map(String::as_str));
    let output = duizhao(&args);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let book = made.join("book-自己的书.epub");
    let out = dir.path().join("out");
    let output = duizhao(&["build", book.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "json"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let found = chapters(&out, "book-自己的书");
    // The cover, the contents and the glossary notes are not chapters; ruby readings and the
    // English side are not text.
    assert_eq!(found.len(), 3);
    for ((path, doc), (title, paragraphs)) in found.iter().zip(&expected) {
        assert_eq!(doc["meta"]["title"].as_str(), Some(title.as_str()), "{}", path.display());
        assert_eq!(texts(doc["paragraphs"].as_array().unwrap()), texts(paragraphs), "{}", path.display());
    }
    epubcheck(test, &out.join("book-自己的书.epub"));
}

/// An EPUB written here: `files` (path, contents) after the mimetype, deflated.
fn epub(files: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/epub+zip").unwrap();
    for (name, contents) in files {
        zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(contents.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const CONTAINER: &str = r#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#;

/// An EPUB 2 book as Sigil and older calibre make them: NCX, guide, a cover and a copyright
/// page, a chapter without a heading (its title is in the NCX), a footnote, self-closed tags.
fn epub2_files() -> Vec<(&'static str, String)> {
    let opf = r#"<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="BookId">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
<dc:identifier opf:scheme="UUID">urn:uuid:other</dc:identifier>
<dc:identifier id="BookId">urn:isbn:9787000000001</dc:identifier>
<dc:title>山居笔记</dc:title><dc:creator opf:role="aut">甲</dc:creator><dc:creator opf:role="aut">乙</dc:creator>
<dc:language>zh</dc:language><dc:publisher>某社</dc:publisher><dc:date>2019-05-01</dc:date>
</metadata>
<manifest>
<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
<item id="cover" href="Text/cover.xhtml" media-type="application/xhtml+xml"/>
<item id="copy" href="Text/Section0001.xhtml" media-type="application/xhtml+xml"/>
<item id="c1" href="Text/Section0002.xhtml" media-type="application/xhtml+xml"/>
<item id="c2" href="Text/%E7%AC%AC%E4%BA%8C%E7%AB%A0.xhtml" media-type="application/xhtml+xml"/>
<item id="img" href="Images/a.jpg" media-type="image/jpeg"/>
</manifest>
<spine toc="ncx"><itemref idref="cover"/><itemref idref="copy"/><itemref idref="c1"/><itemref idref="c2"/></spine>
<guide><reference type="cover" href="Text/cover.xhtml" title="封面"/><reference type="copyright-page" href="Text/Section0001.xhtml" title="版权"/></guide>
</package>"#;
    let ncx = r#"<?xml version="1.0" encoding="UTF-8"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><navMap>
<navPoint id="n1"><navLabel><text>第一章 山居</text></navLabel><content src="Text/Section0002.xhtml"/></navPoint>
<navPoint id="n2"><navLabel><text>目录里的第二章</text></navLabel><content src="Text/%E7%AC%AC%E4%BA%8C%E7%AB%A0.xhtml#top"/></navPoint>
</navMap></ncx>"#;
    let page = |body: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.1//EN\" \"http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title/><link href=\"../Styles/s.css\" type=\"text/css\" rel=\"stylesheet\"/></head><body>{body}</body></html>"
        )
    };
    vec![
        ("META-INF/container.xml", CONTAINER.to_string()),
        ("OEBPS/content.opf", opf.to_string()),
        ("OEBPS/toc.ncx", ncx.to_string()),
        ("OEBPS/Text/cover.xhtml", page("<div><img src=\"../Images/a.jpg\" alt=\"封面\"/></div><p>封面文字</p>")),
        ("OEBPS/Text/Section0001.xhtml", page("<p>版权所有，侵权必究。</p><p>书号：978-7-000-00000-1</p>")),
        (
            "OEBPS/Text/Section0002.xhtml",
            page(
                "<p>山里的早晨很安静。<a id=\"r1\" href=\"#n1\"><sup>[1]</sup></a>鸟叫得很早。</p><a id=\"top\"/><p>我们住了三天。</p>\
                 <div class=\"note\" id=\"n1\" epub:type=\"footnote\" xmlns:epub=\"http://www.idpf.org/2007/ops\"><p><a href=\"#r1\">[1]</a>指山中的村子。</p></div>",
            ),
        ),
        (
            "OEBPS/Text/第二章.xhtml",
            page("<h2>第二章 下山</h2><p>第四天，我们下山了。</p><p><img src=\"../Images/a.jpg\" alt=\"插图\"/></p>"),
        ),
        ("OEBPS/Images/a.jpg", "JPEG".to_string()),
    ]
}

fn write_book(dir: &Path, name: &str, files: &[(&str, String)]) -> PathBuf {
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, c)| (*n, c.as_str())).collect();
    let path = dir.join(name);
    std::fs::write(&path, epub(&refs)).unwrap();
    path
}

#[test]
fn an_epub2_book_titles_from_the_ncx_notes_beside_their_paragraph_front_matter_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let book = write_book(dir.path(), "山居.epub", &epub2_files());
    let out = dir.path().join("out");
    // A book over the streaming threshold is still read whole: its text is compressed parts.
    let output = Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .args(["build", book.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "json"])
        .env("DUIZHAO_STREAM_THRESHOLD", "100")
        .output()
        .unwrap();
    let stderr = common::stderr(&output);
    assert!(output.status.success(), "{stderr}");
    // The cover's image is not counted: the cover is not text.
    assert!(stderr.contains("1 image and 0 tables left out"), "{stderr}");
    let found = chapters(&out, "山居");
    let names: Vec<String> = found.iter().map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["01-第一章-山居.json", "02-第二章-下山.json"]);
    let first = &found[0].1;
    assert_eq!(first["meta"]["title"], "第一章 山居", "the NCX names a chapter without a heading");
    assert_eq!(
        texts(first["paragraphs"].as_array().unwrap()),
        ["山里的早晨很安静。[1]鸟叫得很早。", "[1] 指山中的村子。", "我们住了三天。"],
        "the note follows its paragraph; the self-closed <a id/> swallows nothing"
    );
    let book = &first["meta"]["book"];
    assert_eq!(book["identifier"], "urn:isbn:9787000000001", "the package's unique identifier");
    assert_eq!(book["authors"], json!(["甲", "乙"]));
    assert_eq!(
        (book["date"].as_str(), book["file"].as_str()),
        (Some("2019-05-01"), Some("OEBPS/Text/Section0002.xhtml"))
    );
    assert_eq!(first["meta"]["author"], "甲、乙");
    assert_eq!(first["meta"]["date"], "2019-05-01");
    assert_eq!(texts(found[1].1["paragraphs"].as_array().unwrap()), ["第四天，我们下山了。"]);
    // Nothing of the cover or the copyright page.
    for (_, doc) in &found {
        let all = texts(doc["paragraphs"].as_array().unwrap()).join("");
        assert!(!all.contains("封面") && !all.contains("版权"), "{all}");
    }
}

#[test]
fn broken_and_encrypted_books_are_refused_naming_the_file_and_the_other_inputs_are_built() {
    let dir = tempfile::tempdir().unwrap();
    let good = epub2_files();
    let with = |changes: &[(&'static str, Option<String>)]| {
        let mut files = good.clone();
        for (name, contents) in changes {
            files.retain(|(n, _)| n != name);
            if let Some(contents) = contents {
                files.push((name, contents.clone()));
            }
        }
        files
    };
    let opf = &good.iter().find(|(n, _)| *n == "OEBPS/content.opf").unwrap().1;
    let encryption = r#"<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/><enc:CipherData><enc:CipherReference URI="OEBPS/Text/Section0002.xhtml"/></enc:CipherData></enc:EncryptedData></encryption>"#;
    let fonts_only = r#"<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/><enc:CipherData><enc:CipherReference URI="OEBPS/Fonts/a.otf"/></enc:CipherData></enc:EncryptedData></encryption>"#;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "missing-file.epub",
            epub_of(&with(&[("OEBPS/Text/第二章.xhtml", None)])),
            "the spine lists OEBPS/Text/第二章.xhtml, which is not in the book",
        ),
        (
            "missing-item.epub",
            epub_of(&with(&[(
                "OEBPS/content.opf",
                Some(opf.replace("<itemref idref=\"c2\"/>", "<itemref idref=\"c9\"/>")),
            )])),
            "the spine lists the item \"c9\", which the manifest (OEBPS/content.opf) does not have",
        ),
        (
            "encrypted.epub",
            epub_of(&with(&[("META-INF/encryption.xml", Some(encryption.to_string()))])),
            "the book is encrypted (DRM): OEBPS/Text/Section0002.xhtml",
        ),
        ("adept.epub", epub_of(&with(&[("META-INF/rights.xml", Some("<rights/>".into()))])), "encrypted (DRM)"),
        ("no-container.epub", epub_of(&with(&[("META-INF/container.xml", None)])), "META-INF/container.xml is missing"),
        ("not-a-zip.epub", b"PK\x03\x04 this is no zip at all".to_vec(), "not a readable EPUB"),
        (
            "bad-opf.epub",
            epub_of(&with(&[("OEBPS/content.opf", Some("<package><metadata>".into()))])),
            "not well-formed XML",
        ),
    ];
    let mut args = vec!["build".to_string(), "-o".into(), dir.path().join("out").display().to_string()];
    args.extend(["--format".to_string(), "json".to_string()]);
    for (name, bytes, _) in &cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        args.push(dir.path().join(name).display().to_string());
    }
    let fonts =
        write_book(dir.path(), "fonts-obfuscated.epub", &with(&[("META-INF/encryption.xml", Some(fonts_only.into()))]));
    args.push(fonts.display().to_string());
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = duizhao(&refs);
    let stderr = common::stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    for (name, _, message) in &cases {
        let line = stderr.lines().find(|l| l.contains(name)).unwrap_or_else(|| panic!("no line for {name}:\n{stderr}"));
        assert!(line.starts_with("error: ") && line.contains(message), "{name}: {line}");
    }
    assert!(stderr.contains(&format!("1 input built, {} failed:", cases.len())), "{stderr}");
    // Obfuscated fonts are not DRM: that book is built.
    assert!(dir.path().join("out/fonts-obfuscated/01-第一章-山居.json").is_file(), "{stderr}");
}

fn epub_of(files: &[(&str, String)]) -> Vec<u8> {
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, c)| (*n, c.as_str())).collect();
    epub(&refs)
}

#[test]
fn a_book_gives_one_anki_package_with_a_sub_deck_per_chapter() {
    let test = "a_book_gives_one_anki_package_with_a_sub_deck_per_chapter";
    let Some(python) = tools::python_with(test, "anki", "anki") else { return };
    let dir = tempfile::tempdir().unwrap();
    let book = write_book(dir.path(), "山居.epub", &epub2_files());
    let out = dir.path().join("out");
    // Every word, so that the everyday words of the test book (早晨, 我们) are notes.
    let (book, out) = (book.to_str().unwrap(), out.to_str().unwrap());
    let output = duizhao(&["build", book, "-o", out, "--format", "anki,apkg", "--all-words"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let out = Path::new(out);
    let (package, deck) = (out.join("山居.apkg"), out.join("山居.anki.txt"));
    assert!(!out.join("山居").exists(), "no per-chapter deck files (and no other per-chapter format asked for)");
    let script = common::root().join("tests/support/anki_import.py");
    let collection = dir.path().join("collection.anki2");
    let output = Command::new(python).arg(&script).arg(&collection).arg(&package).arg(&deck).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let runs: Value = serde_json::from_slice(&output.stdout).unwrap();
    let notes = runs[0]["notes"].as_array().unwrap();
    let deck_of = |word: &str| {
        notes.iter().find(|n| n["fields"]["Word"] == word).map(|n| n["decks"].clone()).unwrap_or(Value::Null)
    };
    assert_eq!(deck_of("早晨"), json!(["duizhao::山居笔记::01 第一章 山居"]));
    assert_eq!(deck_of("下山"), json!(["duizhao::山居笔记::02 第二章 下山"]));
    // 我们 is in both chapters: one note, in the chapter where it first occurs.
    assert_eq!(deck_of("我们"), json!(["duizhao::山居笔记::01 第一章 山居"]));
    assert_eq!(runs[0]["new"].as_u64(), Some(notes.len() as u64));
    // The text file of the same book, a deck column for each note: the same notes, nothing new.
    assert_eq!(runs[1]["new"].as_u64(), Some(0));
    assert_eq!(runs[1]["notes"], runs[0]["notes"]);
}

#[test]
fn an_interrupted_book_translation_resumes_where_it_stopped() {
    // Three chapters of four paragraphs; the first server answers five requests, then hangs.
    let chapter = |n: usize| {
        let body: String = (1..=4).map(|i| format!("<p>第{}段是一个普通的段落。</p>", n * 10 + i)).collect();
        format!(
            "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>c</title></head><body><h1>第{n}章</h1>{body}</body></html>"
        )
    };
    let opf = r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">x</dc:identifier><dc:title>书</dc:title><dc:language>zh</dc:language></metadata><manifest><item id="a" href="1.xhtml" media-type="application/xhtml+xml"/><item id="b" href="2.xhtml" media-type="application/xhtml+xml"/><item id="c" href="3.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="a"/><itemref idref="b"/><itemref idref="c"/></spine></package>"#;
    let files = vec![
        ("META-INF/container.xml", CONTAINER.to_string()),
        ("OEBPS/content.opf", opf.to_string()),
        ("OEBPS/1.xhtml", chapter(1)),
        ("OEBPS/2.xhtml", chapter(2)),
        ("OEBPS/3.xhtml", chapter(3)),
    ];
    let dir = tempfile::tempdir().unwrap();
    write_book(dir.path(), "book.epub", &files);
    let first = Server::start();
    let hanging = Translating {
        slow_after: Some(5),
        slow_delay: Duration::from_secs(60),
        ..Translating::new(duizhao::translate::ProviderKind::OpenAi)
    };
    first.mount(Mock::given(method("POST")).respond_with(hanging));
    let config = |uri: &str| {
        format!(
            "[translate]\nprovider = \"openai\"\nendpoint = \"{uri}/v1\"\nmodel = \"test-model\"\n\
             requests_per_minute = 0\nretries = 2\ntimeout_secs = 10\nconcurrency = 1\n"
        )
    };
    std::fs::write(dir.path().join("duizhao.toml"), config(&first.uri())).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .args(["build", "book.epub", "--format", "json"])
        .current_dir(dir.path())
        .env("OPENAI_API_KEY", "sk-test")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Chapter 1 (its title and four paragraphs) is done and written when the sixth request hangs.
    let chapter_one = dir.path().join("output/book/01-第1章.json");
    let start = Instant::now();
    while !(chapter_one.exists() && first.calls("/chat/completions").len() == 6) {
        assert!(start.elapsed() < Duration::from_secs(60), "the first run did not get going");
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(!dir.path().join("output/book.epub").exists(), "killed before the book was bound");

    let second = Server::start();
    second.mount(Mock::given(method("POST")).respond_with(Translating::new(duizhao::translate::ProviderKind::OpenAi)));
    second
        .mount(Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": []}))));
    std::fs::write(dir.path().join("duizhao.toml"), config(&second.uri())).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .args(["build", "book.epub", "--format", "json"])
        .current_dir(dir.path())
        .env("OPENAI_API_KEY", "sk-test")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    // Chapters 2 and 3: two titles and eight paragraphs; chapter 1 comes from the cache.
    assert_eq!(second.calls("/chat/completions").len(), 10, "{stderr}");
    assert!(stderr.contains("8 of 12 paragraphs translated, 4 from cache, 0 failed"), "{stderr}");
    for (path, doc) in chapters(&dir.path().join("output"), "book") {
        for p in doc["paragraphs"].as_array().unwrap() {
            let number = p["zh"].as_str().unwrap().trim_start_matches('第').split('段').next().unwrap().to_string();
            assert_eq!(p["en"].as_str(), Some(format!("Paragraph {number} speaks.").as_str()), "{}", path.display());
        }
    }
    assert!(dir.path().join("output/book.epub").is_file());
}
