//! Names glossed as names (issue #33): a surname before a title as a surname, a surname and a
//! title as English writes the person, places and organisations labelled, and content words
//! opening with the sense translations use; pinyin of a surname and title read as a name.

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
