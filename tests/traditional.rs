//! Traditional Chinese is read through one mapping to Simplified (issue #32, item 1): the same
//! text in either script gets the same words and readings, every output keeps the characters
//! as written, and a glossary term matches in either script. Through the real binary.

mod common;

use common::*;

/// The same paragraphs in Simplified, Taiwan Traditional and Hong Kong forms (written for this
/// test).
const SIMPLIFIED: &str = "他们为了生活，每天坐着看书。\n\n这位著名作家在乾隆年间写了一本书，把衣服晾干了。\n\n知识分子回应称为成为问题的说法。\n\n我的朋友单田芳说，里面很干净。";
const TRADITIONAL: &str = "他們為了生活，每天坐著看書。\n\n這位著名作家在乾隆年間寫了一本書，把衣服晾乾了。\n\n知識分子回應稱為成為問題的說法。\n\n我的朋友單田芳說，裏面很乾淨。";

fn tokens(doc: &serde_json::Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for p in doc["paragraphs"].as_array().unwrap() {
        for t in p["tokens"].as_array().unwrap() {
            let pinyin = t["pinyin"].as_str().unwrap_or("").to_string();
            out.push((t["text"].as_str().unwrap().to_string(), pinyin));
        }
    }
    out
}

#[test]
fn either_script_gets_the_same_words_and_readings() {
    let dir = tempfile::tempdir().unwrap();
    let simplified = dir.path().join("simplified.txt");
    let traditional = dir.path().join("traditional.txt");
    std::fs::write(&simplified, SIMPLIFIED).unwrap();
    std::fs::write(&traditional, TRADITIONAL).unwrap();
    let glossary = dir.path().join("terms.tsv");
    std::fs::write(&glossary, "知识分子\tzhī shi fèn zǐ\tintellectuals\t\n").unwrap();
    let (out, output) =
        build(&[&simplified, &traditional], &["--format", "json", "--glossary", glossary.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let s = json(out.path(), "simplified");
    let t = json(out.path(), "traditional");
    // The characters as written.
    assert_eq!(paragraphs(&t).join("\n\n"), TRADITIONAL);
    let (s_tokens, t_tokens) = (tokens(&s), tokens(&t));
    let t_text: String = t_tokens.iter().map(|(text, _)| text.as_str()).collect::<Vec<_>>().concat();
    assert_eq!(t_text, TRADITIONAL.replace("\n\n", ""));
    // The same cuts and readings.
    let lengths = |tokens: &[(String, String)]| tokens.iter().map(|(t, _)| t.chars().count()).collect::<Vec<_>>();
    assert_eq!(lengths(&s_tokens), lengths(&t_tokens));
    let readings = |tokens: &[(String, String)]| tokens.iter().map(|(_, p)| p.clone()).collect::<Vec<_>>();
    assert_eq!(readings(&s_tokens), readings(&t_tokens));
    let reading_of = |word: &str| t_tokens.iter().find(|(t, _)| t == word).map(|(_, p)| p.clone());
    assert_eq!(reading_of("著名").as_deref(), Some("zhùmíng"));
    assert_eq!(reading_of("著").as_deref(), Some("zhe"));
    assert_eq!(reading_of("乾隆").as_deref(), Some("Qiánlóng"));
    assert_eq!(reading_of("單田芳").as_deref(), Some("Shàn Tiánfāng"));
    // The Simplified glossary's term, found in the Traditional text.
    let term = t["paragraphs"][2]["tokens"][0].clone();
    assert_eq!(term["text"], "知識分子");
    assert_eq!(term["glossary"]["english"], "intellectuals");
}
