//! The `anki` output: header lines Anki reads, GUIDs stable across runs, and a real import into
//! an Anki collection with the `anki` package from PyPI (a rebuilt deck updates notes instead of
//! duplicating them).
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
    std::fs::write(dir.join("article.md"), article).unwrap();
    std::fs::write(dir.join("article.en.md"), ENGLISH).unwrap();
    let out = dir.join("out");
    let input = dir.join("article.md");
    let mut args = vec!["build", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "anki"];
    args.extend(extra);
    let output = run(&args);
    assert!(output.status.success(), "build failed: {}", String::from_utf8_lossy(&output.stderr));
    std::fs::read_to_string(out.join("article.anki.txt")).expect("article.anki.txt written")
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
            "#notetype:Basic",
            "#deck:duizhao::互联网与学习",
            "#columns:Front\tBack\tPinyin\tEnglish\tExample\tExample English\tHSK\tTags\tGUID",
            "#tags column:8",
            "#guid column:9",
        ]
    );
    let rows = notes(&first);
    assert!(rows.len() >= 10, "{first}");
    for row in &rows {
        assert_eq!(row.len(), 9, "every note has 9 fields: {row:?}");
        assert!(row[8].starts_with("dz") && row[8].len() == 22, "GUID {}", row[8]);
        assert!(row[4].contains(&format!("<b>{}</b>", row[0])), "example has the word in bold: {row:?}");
        assert!(!row[4].contains("{{c"), "no cloze markup");
        assert!(row[7].split(' ').any(|t| t == "duizhao::article"), "article tag: {}", row[7]);
    }
    let guids: std::collections::HashSet<&str> = rows.iter().map(|r| r[8]).collect();
    assert_eq!(guids.len(), rows.len(), "GUIDs are unique");

    let internet = rows.iter().find(|r| r[0] == "互联网").expect("互联网 listed");
    assert_eq!(internet[2], "hùliánwǎng");
    assert_eq!(internet[6], "HSK 2.0: 6 · HSK 3.0: 3");
    assert!(internet[7].contains("HSK3::3") && internet[7].contains("HSK2::6"), "{}", internet[7]);
    let patience = rows.iter().find(|r| r[0] == "耐心").expect("耐心 listed");
    assert_eq!(patience[5], "Learning takes time and patience.", "example English");
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

#[test]
fn anki_deck_imports_into_a_real_collection_and_reimports_without_duplicates() {
    let test = "anki_deck_imports_into_a_real_collection_and_reimports_without_duplicates";
    let Some(python) = anki_python(test) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let v1 = build_anki(dir.path(), ARTICLE, &["--all-words"]);
    let v1_path = dir.path().join("v1.txt");
    std::fs::write(&v1_path, &v1).unwrap();
    let v1_again_path = dir.path().join("v1-again.txt");
    std::fs::write(&v1_again_path, build_anki(dir.path(), ARTICLE, &["--all-words"])).unwrap();
    let v2 = build_anki(dir.path(), &article_v2(), &[]);
    let v2_path = dir.path().join("v2.txt");
    std::fs::write(&v2_path, &v2).unwrap();

    let collection = dir.path().join("collection.anki2");
    let runs = import(&python, &collection, &[&v1_path, &v1_again_path, &v2_path]);
    let expected = notes(&v1);

    // First import: one note per line, fields as written.
    let first = &runs[0];
    assert_eq!(first["new"], expected.len(), "{first}");
    assert_eq!(first["notes"].as_array().unwrap().len(), expected.len());
    assert_eq!(first["cards"], expected.len());
    for row in &expected {
        let note = first["notes"].as_array().unwrap().iter().find(|n| n["guid"] == row[8]).expect("note with GUID");
        assert_eq!(note["notetype"], "Basic");
        assert_eq!(note["fields"]["Front"], row[0]);
        assert_eq!(note["fields"]["Back"], row[1]);
        assert_eq!(note["decks"], serde_json::json!(["duizhao::互联网与学习"]));
        let tags: Vec<&str> = note["tags"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
        let mut written: Vec<&str> = row[7].split(' ').collect();
        written.sort();
        let mut tags_sorted = tags.clone();
        tags_sorted.sort();
        assert_eq!(tags_sorted, written, "tags of {}", row[0]);
    }
    let internet = first["notes"].as_array().unwrap().iter().find(|n| n["fields"]["Front"] == "互联网").unwrap();
    let back = internet["fields"]["Back"].as_str().unwrap();
    assert!(back.contains("hù") && back.contains("Internet") || back.contains("internet"), "{back}");
    assert!(back.contains("<b>互联网</b>") && back.contains("HSK 3.0: 3"), "{back}");

    // The same deck again: nothing new, nothing duplicated.
    let second = &runs[1];
    assert_eq!(second["new"], 0, "{second}");
    assert_eq!(second["notes"].as_array().unwrap().len(), expected.len());

    // A regenerated deck of the longer article: old notes updated in place, only new words added.
    let third = &runs[2];
    let v2_rows = notes(&v2);
    let new_words = v2_rows.iter().filter(|r| expected.iter().all(|e| e[8] != r[8])).count();
    assert!(new_words > 0, "the longer article has new words");
    assert_eq!(third["new"], new_words, "{third}");
    let all = third["notes"].as_array().unwrap();
    assert_eq!(all.len(), expected.len() + new_words, "no duplicates");
    let mut fronts: Vec<&str> = all.iter().map(|n| n["fields"]["Front"].as_str().unwrap()).collect();
    fronts.sort();
    let before = fronts.len();
    fronts.dedup();
    assert_eq!(before, fronts.len(), "a word is in the collection once");
    // 互联网 now occurs in the new paragraph too; its note carries v2's fields.
    let row = v2_rows.iter().find(|r| r[0] == "互联网").unwrap();
    let note = all.iter().find(|n| n["guid"] == row[8]).unwrap();
    assert_eq!(note["fields"]["Back"], row[1]);
}
