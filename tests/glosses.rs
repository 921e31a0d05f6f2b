//! Glosses (issue #33): names glossed as names (a surname before a title as a surname, a
//! surname and a title as English writes the person, places and organisations labelled; the
//! pinyin of a surname and title read as a name), content words opening with the sense
//! translations use, and with English, the sense the sentence's English uses.

mod common;

use std::path::Path;

use duizhao::{BuildOptions, Glossary, Pipeline};

/// Each word of `text` with its pinyin and gloss, as `duizhao build` writes them.
fn words(text: &str) -> Vec<(String, String, String)> {
    let pipeline = Pipeline::new(Glossary::default(), BuildOptions::default());
    let (doc, _) = pipeline.document(text.as_bytes(), Path::new("text.txt")).expect("the text reads");
    doc.paragraphs
        .iter()
        .flat_map(|p| &p.tokens)
        .map(|t| (t.text.clone(), t.pinyin.clone().unwrap_or_default(), t.gloss.clone().unwrap_or_default()))
        .collect()
}

fn word<'a>(words: &'a [(String, String, String)], text: &str) -> (&'a str, &'a str) {
    let (_, pinyin, gloss) = words.iter().find(|(t, _, _)| t == text).unwrap_or_else(|| panic!("{text} in {words:?}"));
    (pinyin, gloss)
}

#[test]
fn people_places_and_organisations_are_glossed_as_names() {
    let simplified = words("童女士说，刘先生和张老师在武汉的新华社工作。");
    assert_eq!(word(&simplified, "童"), ("Tóng", "(surname) Tong"));
    assert_eq!(word(&simplified, "刘先生"), ("Liú Xiānsheng", "(person) Mr. Liu"));
    assert_eq!(word(&simplified, "张老师").1, "(person) Teacher Zhang");
    assert!(word(&simplified, "武汉").1.starts_with("(place) Wuhan"), "{:?}", word(&simplified, "武汉"));
    assert!(word(&simplified, "新华社").1.starts_with("(organization) Xinhua News Agency"));
    // Traditional script: the same.
    let traditional = words("劉先生在武漢工作。");
    assert_eq!(word(&traditional, "劉先生"), ("Liú Xiānsheng", "(person) Mr. Liu"));
    assert!(word(&traditional, "武漢").1.starts_with("(place) Wuhan"), "{:?}", word(&traditional, "武漢"));
}

#[test]
fn content_words_open_with_the_sense_translations_use() {
    let all = words("他们的意见很重要，大家都支持。这是什么意思？");
    assert!(word(&all, "意见").1.starts_with("opinion"), "{:?}", word(&all, "意见"));
    assert!(word(&all, "支持").1.starts_with("to support"), "{:?}", word(&all, "支持"));
    assert!(word(&all, "意思").1.starts_with("meaning"), "{:?}", word(&all, "意思"));
}

#[test]
fn with_english_the_sense_the_translation_uses_comes_first() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "这个意见很好。\n\n你的意见是什么？\n").unwrap();
    std::fs::write(dir.path().join("a.en.md"), "That is a good suggestion.\n\nWhat is your opinion?\n").unwrap();
    let out = dir.path().join("out");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .args(["build", "a.md", "-o", out.to_str().unwrap(), "--format", "json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("a.json")).unwrap()).unwrap();
    let gloss = |p: usize| {
        let tokens = doc["paragraphs"][p]["tokens"].as_array().unwrap();
        tokens.iter().find(|t| t["text"] == "意见").unwrap()["gloss"].as_str().unwrap().to_string()
    };
    assert!(gloss(0).starts_with("suggestion; opinion"), "{}", gloss(0));
    assert!(gloss(1).starts_with("opinion; "), "{}", gloss(1));
}

/// What two senses that say the same have in common: lower case, no labels in parentheses, no
/// leading "to".
fn sense_key(sense: &str) -> String {
    let mut key = String::new();
    let mut depth = 0usize;
    for c in sense.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => key.extend(c.to_lowercase()),
            _ => {}
        }
    }
    let key = key.trim();
    key.strip_prefix("to ").unwrap_or(key).trim().to_string()
}

/// Across every article of ../shared: no gloss carries CC-CEDICT markup (readings in brackets,
/// `TRAD|SIMP`, `CL:`), none repeats a sense.
#[test]
fn glosses_are_clean_in_every_shared_article() {
    let Some(shared) = common::shared("glosses_are_clean_in_every_shared_article") else {
        return;
    };
    let (out, output) = common::build(&[&shared.join("articles")], &["--format", "json"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let mut glosses = 0;
    let mut bad = Vec::new();
    for entry in std::fs::read_dir(out.path()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with(".json") || name.ends_with(".qa.json") {
            continue;
        }
        let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for paragraph in doc["paragraphs"].as_array().unwrap() {
            for token in paragraph["tokens"].as_array().unwrap() {
                let Some(gloss) = token["gloss"].as_str() else { continue };
                glosses += 1;
                let markup = gloss.contains(['[', ']']) || gloss.contains("CL:") || gloss.contains('|');
                let keys: Vec<String> = gloss.split("; ").map(sense_key).filter(|k| !k.is_empty()).collect();
                let repeated = (1..keys.len()).any(|i| keys[..i].contains(&keys[i]));
                if (markup || repeated) && bad.len() < 20 {
                    bad.push(format!("{name}: {} {gloss:?}", token["text"]));
                }
            }
        }
    }
    eprintln!("{glosses} glosses checked");
    assert!(glosses > 20_000, "only {glosses} glosses");
    assert!(bad.is_empty(), "glosses with markup or a repeated sense:\n{}", bad.join("\n"));
}
