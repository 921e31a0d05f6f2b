//! The seed's tricky words read right in their sentences, through the whole build.

mod common;

use common::*;

/// (word, its pinyin in numbers style as one word) for words most tools get wrong. (阜成门,
/// which the seed has only in its metadata, is pinned in tests/pinyin_cli.rs.)
const TRICKY: &[(&str, &str)] = &[
    ("了解", "liao3jie3"),
    ("好奇", "hao4qi2"),
    ("处于", "chu3yu2"),
    ("当做", "dang4zuo4"),
    ("得罪", "de2zui4"),
    ("觉得", "jue2de5"),
    // Neutral tones as dictionaries print these two (per character they are shi4 and bu4).
    ("还是", "hai2shi5"),
    ("应该", "ying1gai1"),
    ("行为艺术", "xing2wei2yi4shu4"),
    ("大不了", "da4bu5liao3"),
    ("种种", "zhong3zhong3"),
    ("载体", "zai4ti3"),
];

#[test]
fn tricky_words_in_context() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let output = run(&["build", "seeds/", "-o", out, "--format", "json", "--pinyin", "numbers"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let doc = json(dir.path(), "000_9cd979bd4177cabe");
    let mut seen = vec![0; TRICKY.len()];
    for paragraph in doc["paragraphs"].as_array().unwrap() {
        let tokens = paragraph["tokens"].as_array().unwrap();
        let text = |t: &serde_json::Value| t["text"].as_str().unwrap().to_string();
        for start in 0..tokens.len() {
            for (k, (word, expected)) in TRICKY.iter().enumerate() {
                // The word as one token, or as a run of tokens starting here.
                let mut joined = String::new();
                let mut pinyin = String::new();
                for token in &tokens[start..] {
                    joined.push_str(&text(token));
                    pinyin.push_str(token["pinyin"].as_str().unwrap_or(""));
                    if joined.len() >= word.len() {
                        break;
                    }
                }
                if joined == *word {
                    assert_eq!(&pinyin, expected, "{word} in {}", paragraph["zh"]);
                    seen[k] += 1;
                }
            }
        }
    }
    for ((word, _), n) in TRICKY.iter().zip(&seen) {
        assert!(*n > 0, "{word} was not found as whole tokens in the seed");
    }
}
