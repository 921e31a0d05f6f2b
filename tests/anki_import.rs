//! The `anki` and `apkg` outputs: header lines Anki reads, GUIDs stable across runs, and real
//! imports into an Anki collection with the `anki` package from PyPI: duizhao's note type with
//! its recognition and recall cards, and a second article's deck that adds its new words and
//! leaves the notes already there (and their first example) as they were.
//!
//! The import test needs a Python with `anki` installed: `DUIZHAO_PYTHON`, else
//! `/opt/duizhao-venv/bin/python`. With CI=true it must be there; elsewhere the test says it was
//! skipped and passes.

mod common;
use common::tools;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const ARTICLE: &str = "---\ntitle: 互联网与学习\nauthor: 测试\n---\n\n\
我每天用互联网学习中文。我的朋友张伟说，互联网让学习变得更容易。\n\n\
2025年，有三十个学生在银行旁边的图书馆学习。他们用Twitter和微信聊天。\n\n\
学习需要时间，也需要耐心。\n";

const ENGLISH: &str = "I study Chinese on the internet every day. My friend Zhang Wei says the internet makes \
learning easier.\n\nIn 2025, thirty students studied at the library next to the bank. They chat on Twitter and \
WeChat.\n\nLearning takes time and patience.\n";

/// The same article with one more paragraph (new words, and more occurrences of old ones).
fn article_v2() -> String {
    format!("{ARTICLE}\n经济发展需要互联网，也需要环境保护。\n")
}

fn run(args: &[&str]) -> std::process::Output {
    let output = Command::new(env!("CARGO_BIN_EXE_duizhao")).args(args).output().expect("duizhao runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "duizhao panicked:\n{stderr}");
    output
}

/// Writes `article.md` (and its English) into `dir`, builds the anki format, returns the file.
fn build_anki(dir: &Path, article: &str, extra: &[&str]) -> String {
    let out = build(dir, "article", article, Some(ENGLISH), "anki", extra);
    std::fs::read_to_string(out.join("article.anki.txt")).expect("article.anki.txt written")
}

/// Writes `<name>.md` (and its English, if any) into `dir`, builds it in `format`, returns the
/// output folder.
fn build(dir: &Path, name: &str, article: &str, english: Option<&str>, format: &str, extra: &[&str]) -> PathBuf {
    std::fs::write(dir.join(format!("{name}.md")), article).unwrap();
    let en = dir.join(format!("{name}.en.md"));
    match english {
        Some(english) => std::fs::write(&en, english).unwrap(),
        None => {
            let _ = std::fs::remove_file(&en);
        }
    }
    let out = dir.join("out");
    let input = dir.join(format!("{name}.md"));
    let mut args = vec!["build", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", format];
    args.extend(extra);
    let output = run(&args);
    assert!(output.status.success(), "build failed: {}", String::from_utf8_lossy(&output.stderr));
    out
}

fn notes(file: &str) -> Vec<Vec<&str>> {
    file.lines().filter(|l| !l.starts_with('#')).map(|l| l.split('\t').collect()).collect()
}

#[test]
fn anki_file_has_the_headers_anki_reads_and_stable_guids() {
    let dir = tempfile::tempdir().unwrap();
    let first = build_anki(dir.path(), ARTICLE, &["--all-words"]);
    let header: Vec<&str> = first.lines().take_while(|l| l.starts_with('#')).collect();
    assert_eq!(
        header,
        [
            "#separator:tab",
            "#html:true",
            "#notetype:duizhao word",
            "#deck:duizhao::互联网与学习",
            "#if matches:keep current",
            "#columns:Word\tPinyin\tMeaning\tExample\tExample English\tHSK\tSource\tTags\tGUID",
            "#tags column:8",
            "#guid column:9",
        ]
    );
    let rows = notes(&first);
    assert!(rows.len() >= 10, "{first}");
    for row in &rows {
        assert_eq!(row.len(), 9, "every note has 9 fields: {row:?}");
        assert!(row[8].starts_with("dz") && row[8].len() == 22, "GUID {}", row[8]);
        assert!(row[3].contains(&format!("<b>{}</b>", row[0])), "example has the word in bold: {row:?}");
        assert!(!row[3].contains("{{c"), "no cloze markup");
        assert_eq!(row[6], "互联网与学习", "the source is the article's title");
        assert!(row[7].split(' ').any(|t| t == "duizhao::article"), "article tag: {}", row[7]);
    }
    let guids: std::collections::HashSet<&str> = rows.iter().map(|r| r[8]).collect();
    assert_eq!(guids.len(), rows.len(), "GUIDs are unique");

    let internet = rows.iter().find(|r| r[0] == "互联网").expect("互联网 listed");
    assert_eq!(internet[1], "hùliánwǎng");
    assert_eq!(internet[2], "internet");
    assert_eq!(internet[5], "HSK 2.0: 6 · HSK 3.0: 3");
    assert!(internet[7].contains("HSK3::3") && internet[7].contains("HSK2::6"), "{}", internet[7]);
    let patience = rows.iter().find(|r| r[0] == "耐心").expect("耐心 listed");
    assert_eq!(patience[4], "Learning takes time and patience.", "example English");
    for left_out in ["，", "2025年", "三十", "Twitter", "张伟", "张", "伟"] {
        assert!(rows.iter().all(|r| r[0] != left_out), "{left_out} must not be a note");
    }

    // By default the words every learner knows (HSK 3.0 level 1, function words) are left out.
    let basic = notes(&build_anki(dir.path(), ARTICLE, &[])).iter().map(|r| r[0].to_string()).collect::<Vec<_>>();
    assert!(basic.len() < rows.len() && basic.iter().all(|w| w != "学习"), "{basic:?}");
    assert!(rows.iter().any(|r| r[0] == "学习"));

    // Rebuilt: byte for byte the same, so GUIDs are stable across runs.
    let again = build_anki(dir.path(), ARTICLE, &["--all-words"]);
    assert_eq!(first, again);
    // A newer version of the article keeps every word's GUID.
    let v2 = build_anki(dir.path(), &article_v2(), &["--all-words"]);
    for row in notes(&v2) {
        if let Some(old) = rows.iter().find(|r| r[0] == row[0]) {
            assert_eq!(old[8], row[8], "GUID of {} changed", row[0]);
        }
    }
}

#[test]
fn known_words_and_levels_shrink_the_deck() {
    let dir = tempfile::tempdir().unwrap();
    let all = notes(&build_anki(dir.path(), ARTICLE, &["--all-words"])).len();
    let known = dir.path().join("known.txt");
    std::fs::write(&known, "互联网\n学习\n").unwrap();
    let file = build_anki(dir.path(), ARTICLE, &["--all-words", "--known", known.to_str().unwrap()]);
    let rows = notes(&file);
    assert_eq!(rows.len(), all - 2);
    assert!(rows.iter().all(|r| r[0] != "互联网" && r[0] != "学习"));
    // A deck duizhao wrote (or Anki exported) is a known-words list too.
    let deck = dir.path().join("deck.txt");
    std::fs::write(&deck, build_anki(dir.path(), ARTICLE, &["--all-words"])).unwrap();
    let file = build_anki(dir.path(), ARTICLE, &["--all-words", "--known", deck.to_str().unwrap()]);
    assert_eq!(notes(&file).len(), 0, "{file}");
    let file = build_anki(dir.path(), ARTICLE, &["--all-words", "--hsk-known", "2"]);
    for row in notes(&file) {
        assert!(!row[7].contains("HSK3::1") && !row[7].contains("HSK3::2 "), "{row:?}");
    }
}

/// A Python that can `import anki`, or None (and a printed reason) where that is allowed.
fn anki_python(test: &str) -> Option<PathBuf> {
    tools::python_with(test, "anki.collection", "anki")
}

fn import(python: &Path, collection: &Path, files: &[&Path]) -> Vec<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/anki_import.py");
    let mut command = Command::new(python);
    command.arg(&script).arg(collection).args(files);
    let output = command.output().expect("python runs");
    assert!(output.status.success(), "anki import failed:\n{}", String::from_utf8_lossy(&output.stderr));
    let runs: Value = serde_json::from_slice(&output.stdout).expect("the import script prints JSON");
    runs.as_array().unwrap().clone()
}

/// A second article sharing words with [`ARTICLE`] (互联网, 学习, 耐心), and new ones.
const SECOND: &str = "---\ntitle: 耐心的老师\nsource: https://example.org/teacher\n---\n\n\
老师很有耐心，她用互联网教我们数学。\n";
const SECOND_ENGLISH: &str = "The teacher is very patient; she teaches us maths on the internet.\n";

fn find<'a>(notes: &'a [Value], word: &str) -> &'a Value {
    notes.iter().find(|n| n["fields"]["Word"] == word).unwrap_or_else(|| panic!("a note for {word}"))
}

#[test]
fn anki_package_and_text_file_import_into_a_real_collection_and_keep_first_examples() {
    let test = "anki_package_and_text_file_import_into_a_real_collection_and_keep_first_examples";
    let Some(python) = anki_python(test) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("files");
    std::fs::create_dir(&files).unwrap();
    let keep = |out: &Path, name: &str, kept: &str| {
        let path = files.join(kept);
        std::fs::copy(out.join(name), &path).unwrap();
        path
    };
    let out = build(dir.path(), "article", ARTICLE, Some(ENGLISH), "anki,apkg", &["--all-words"]);
    let first_apkg = keep(&out, "article.apkg", "first.apkg");
    let first_txt = keep(&out, "article.anki.txt", "first.txt");
    let expected =
        notes(&std::fs::read_to_string(&first_txt).unwrap()).into_iter().map(|r| r.join("\t")).collect::<Vec<_>>();
    // The same article gives the same package, byte for byte.
    let again = build(dir.path(), "article", ARTICLE, Some(ENGLISH), "apkg", &["--all-words"]);
    assert_eq!(std::fs::read(again.join("article.apkg")).unwrap(), std::fs::read(&first_apkg).unwrap());
    let out = build(dir.path(), "second", SECOND, Some(SECOND_ENGLISH), "anki,apkg", &["--all-words"]);
    let second_apkg = keep(&out, "second.apkg", "second.apkg");
    let second_txt = keep(&out, "second.anki.txt", "second.txt");
    let second_rows = std::fs::read_to_string(&second_txt).unwrap();
    let second_rows = notes(&second_rows);

    let collection = dir.path().join("collection.anki2");
    let runs = import(&python, &collection, &[&first_apkg, &first_txt, &second_apkg, &second_txt]);

    // The package: duizhao's note type, a note per word, a recognition and a recall card each.
    let first = &runs[0];
    assert_eq!(first["new"], expected.len(), "{}", first["file"]);
    assert!(first["notetypes"].as_array().unwrap().iter().any(|n| n == "duizhao word"));
    let notes_1 = first["notes"].as_array().unwrap();
    assert_eq!(notes_1.len(), expected.len());
    assert_eq!(first["cards"], 2 * expected.len(), "every word here has a meaning: two cards each");
    let internet = find(notes_1, "互联网");
    assert_eq!(internet["notetype"], "duizhao word");
    assert_eq!(internet["fields"]["Pinyin"], "hùliánwǎng");
    assert_eq!(internet["fields"]["Meaning"], "internet");
    assert_eq!(internet["fields"]["Example"], "我每天用<b>互联网</b>学习中文。");
    assert_eq!(internet["fields"]["Example English"], "I study Chinese on the internet every day.");
    assert_eq!(internet["fields"]["HSK"], "HSK 2.0: 6 · HSK 3.0: 3");
    assert_eq!(internet["fields"]["Source"], "互联网与学习");
    assert_eq!(internet["decks"], serde_json::json!(["duizhao::互联网与学习"]));
    let mut tags: Vec<&str> = internet["tags"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
    tags.sort();
    assert_eq!(tags, ["HSK2::6", "HSK3::3", "duizhao::article", "glossary"]);
    let cards = internet["cards"].as_array().unwrap();
    let recognition = cards.iter().find(|c| c["template"] == "Recognition").expect("a recognition card");
    let question = recognition["question"].as_str().unwrap();
    assert!(question.contains(">互联网</div>") && !question.contains("internet"), "{question}");
    assert!(recognition["answer"].as_str().unwrap().contains("hùliánwǎng"));
    let recall = cards.iter().find(|c| c["template"] == "Recall").expect("a recall card");
    let question = recall["question"].as_str().unwrap();
    assert!(question.contains(">internet</div>") && question.contains("dz-hidden"), "{question}");
    assert!(!question.contains("hùliánwǎng"), "the recall question does not give the reading away");
    assert!(recall["answer"].as_str().unwrap().contains("<div class=\"dz-word\" lang=\"zh\">互联网</div>"));

    // The text file of the same article, once the note type is there: nothing new, nothing changed.
    let second = &runs[1];
    assert_eq!(second["missing_notetype"], 0);
    assert_eq!(second["new"], 0, "{}", second["file"]);
    assert_eq!(second["notes"], first["notes"]);

    // A second article's package: its new words are added; 互联网 keeps its first example.
    let third = &runs[2];
    let notes_3 = third["notes"].as_array().unwrap();
    let new_words: Vec<&str> =
        second_rows.iter().filter(|r| notes_1.iter().all(|n| n["guid"] != r[8])).map(|r| r[0]).collect();
    assert!(new_words.contains(&"老师") && new_words.contains(&"数学"), "{new_words:?}");
    assert_eq!(third["new"], new_words.len(), "{}", third["file"]);
    assert_eq!(notes_3.len(), notes_1.len() + new_words.len(), "no duplicates");
    assert_eq!(find(notes_3, "互联网"), internet, "the note already there is left as it was");
    assert_eq!(find(notes_3, "数学")["fields"]["Source"], "<a href=\"https://example.org/teacher\">耐心的老师</a>");
    assert_eq!(find(notes_3, "数学")["decks"], serde_json::json!(["duizhao::耐心的老师"]));
    // ... and so does its text file.
    let fourth = &runs[3];
    assert_eq!(fourth["new"], 0);
    assert_eq!(fourth["notes"], third["notes"]);
    assert_eq!(fourth["problems"], "Database rebuilt and optimized.", "Anki's Check Database finds nothing");
}

#[test]
fn without_english_the_deck_leaves_the_example_english_out() {
    let test = "without_english_the_deck_leaves_the_example_english_out";
    let dir = tempfile::tempdir().unwrap();
    let out = build(dir.path(), "article", ARTICLE, None, "anki,apkg", &["--all-words"]);
    let file = std::fs::read_to_string(out.join("article.anki.txt")).unwrap();
    let columns = file.lines().find(|l| l.starts_with("#columns:")).unwrap();
    assert_eq!(columns, "#columns:Word\tPinyin\tMeaning\tExample\tHSK\tSource\tTags\tGUID");
    assert!(file.contains("#tags column:7\n#guid column:8\n"), "{file}");
    assert!(notes(&file).iter().all(|r| r.len() == 8));
    let Some(python) = anki_python(test) else {
        return;
    };
    let collection = dir.path().join("collection.anki2");
    let apkg = out.join("article.apkg");
    let txt = out.join("article.anki.txt");
    let runs = import(&python, &collection, &[&apkg, &txt]);
    let internet = find(runs[0]["notes"].as_array().unwrap(), "互联网");
    assert_eq!(internet["fields"]["Example English"], "");
    assert_eq!(internet["fields"]["HSK"], "HSK 2.0: 6 · HSK 3.0: 3");
    for card in internet["cards"].as_array().unwrap() {
        assert!(!card["answer"].as_str().unwrap().contains("class=\"dz-example-en\""), "no empty English line");
    }
    // The text file's columns are matched to the fields by name.
    assert_eq!(runs[1]["notes"], runs[0]["notes"]);
}
