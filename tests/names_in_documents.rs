//! A person's name that jieba cuts apart (陈清扬 = 陈 + 清 + 扬) is one word, read and
//! capitalised as a name, wherever the document names the person, in either script; a text
//! that names nobody twice is cut as its sentences are alone.

mod common;

use std::path::Path;

use duizhao::{BuildOptions, Glossary, Pipeline};

/// The tokens of each paragraph of `text` (paragraphs separated by blank lines) with their
/// pinyin, through the document path.
fn tokens(text: &str) -> Vec<Vec<(String, String)>> {
    let pipeline = Pipeline::new(Glossary::default(), BuildOptions::default());
    let (doc, _) = pipeline.document(text.as_bytes(), Path::new("story.txt")).expect("the text reads");
    doc.paragraphs
        .iter()
        .map(|p| p.tokens.iter().map(|t| (t.text.clone(), t.pinyin.clone().unwrap_or_default())).collect())
        .collect()
}

/// The pinyin of every token whose text is `name`, and how many times `name` is in the text.
fn readings_of(text: &str, name: &str) -> (Vec<String>, usize) {
    let read = tokens(text).into_iter().flatten().filter(|(t, _)| t == name).map(|(_, p)| p).collect();
    (read, text.matches(name).count())
}

#[test]
fn a_recurring_name_is_one_word_everywhere_in_both_scripts() {
    let simplified = "陈清扬当时二十六岁。\n\n陈清扬说她不是破鞋。\n\n我和陈清扬在草房里。\n\n后来陈清扬走了。";
    let (read, count) = readings_of(simplified, "陈清扬");
    assert_eq!(count, 4);
    assert_eq!(read, vec!["Chén Qīngyáng"; 4]);
    let traditional = "陳清揚當時二十六歲。\n\n陳清揚說她不是破鞋。\n\n我和陳清揚在草房裡。\n\n後來陳清揚走了。";
    let (read, count) = readings_of(traditional, "陳清揚");
    assert_eq!(count, 4);
    assert_eq!(read, vec!["Chén Qīngyáng"; 4]);
}

#[test]
fn a_name_said_once_is_left_as_the_segmenter_cut_it() {
    let (read, count) = readings_of("陈清扬当时二十六岁。", "陈清扬");
    assert_eq!((read.len(), count), (0, 1));
}

#[test]
fn every_mention_in_a_long_chapter() {
    let Some(shared) = common::shared("every_mention_in_a_long_chapter") else { return };
    let chapter = std::fs::read_to_string(shared.join("parallel/mac-dev/001.zh")).unwrap();
    let (read, count) = readings_of(&chapter, "陈清扬");
    assert_eq!(count, 32);
    assert_eq!(read, vec!["Chén Qīngyáng"; 32]);
}

/// Tatoeba's sentences, all in one document, name few people twice: the document is cut
/// exactly as each sentence alone, so no everyday words are joined into a name.
#[test]
fn everyday_sentences_join_nothing() {
    let Some(shared) = common::shared("everyday_sentences_join_nothing") else { return };
    let pairs = std::fs::read_to_string(shared.join("parallel/tatoeba/cmn-eng.tsv")).unwrap();
    let sentences: Vec<&str> = pairs.lines().filter_map(|l| l.split('\t').nth(1)).collect();
    assert!(sentences.len() > 29_000);
    let text: String = sentences.iter().map(|s| format!("{s}\n\n")).collect();
    let pipeline = Pipeline::new(Glossary::default(), BuildOptions::default());
    let (doc, _) = pipeline.document(text.as_bytes(), Path::new("tatoeba.txt")).expect("the text reads");
    assert_eq!(doc.paragraphs.len(), sentences.len());
    let glossary = Glossary::default();
    let mut joined = Vec::new();
    for paragraph in &doc.paragraphs {
        let alone: Vec<&str> = duizhao::segment::sentences(&paragraph.zh)
            .flat_map(|s| duizhao::segment::words(s, &glossary))
            .map(|w| w.text)
            .collect();
        let in_document: Vec<&str> = paragraph.tokens.iter().map(|t| t.text.as_str()).collect();
        if alone != in_document {
            joined.push(paragraph.zh.clone());
        }
    }
    assert!(joined.is_empty(), "{joined:?}");
}
