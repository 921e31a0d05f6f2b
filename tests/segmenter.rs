//! The compiled segmenter cuts exactly as jieba-rs does with the same dictionary, and the
//! tagger gives the same part-of-speech tags.

mod common;

use std::io::BufReader;

use common::*;
use duizhao::segment::{dag, tagger};
use jieba_rs::Jieba;

fn jieba() -> Jieba {
    let file = std::fs::File::open(root().join("data/jieba/dict.txt.gz")).unwrap();
    Jieba::with_dict(&mut BufReader::new(flate2::read::GzDecoder::new(file))).unwrap()
}

fn ours(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    dag::cut(text, |w, _| out.push(w));
    out
}

fn our_tags(text: &str) -> Vec<(&str, &'static str)> {
    let mut out = Vec::new();
    tagger::tag(text, |t| out.push((t.word, t.tag)));
    out
}

/// Compares words and tags line by line; returns how many lines there were.
fn compare(jieba: &Jieba, lines: impl Iterator<Item = String>) -> usize {
    let mut n = 0;
    for line in lines {
        let theirs: Vec<&str> = jieba.cut(&line, true).into_iter().map(|t| t.word).collect();
        assert_eq!(ours(&line), theirs, "in {line}");
        let theirs: Vec<(&str, &str)> = jieba.tag(&line, true).into_iter().map(|t| (t.word, t.tag)).collect();
        assert_eq!(our_tags(&line), theirs, "tags in {line}");
        n += 1;
    }
    n
}

#[test]
fn same_words_and_tags_as_jieba_on_the_seed() {
    let jieba = jieba();
    let seed = std::fs::read_to_string(root().join("seeds/000_9cd979bd4177cabe.txt")).unwrap();
    let extra = ["我们中出了一个叛徒", "iPhone 15\r\n很好。", "小明硕士毕业于中国科学院计算所，后在日本京都大学深造"];
    let n = compare(&jieba, seed.lines().map(str::to_string).chain(extra.iter().map(|s| s.to_string())));
    assert!(n > 3);
}

#[test]
fn same_words_and_tags_as_jieba_on_ten_thousand_sentences() {
    let Some(shared) = shared("same_words_and_tags_as_jieba_on_ten_thousand_sentences") else { return };
    let jieba = jieba();
    let text = std::fs::read_to_string(shared.join("bench/cpp/dev.sent")).unwrap();
    let n = compare(&jieba, text.lines().map(|l| l.replace('\u{2581}', "")));
    assert!(n > 9000);
    // Novels' chapters: many names, most of them unknown to the dictionary.
    for chapter in 1..=8 {
        let text = std::fs::read_to_string(shared.join(format!("parallel/mac-dev/{chapter:03}.zh"))).unwrap();
        assert!(compare(&jieba, text.lines().map(str::to_string)) > 10);
    }
}
