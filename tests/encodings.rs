//! GBK, GB18030 and Big5 inputs give the same characters as their UTF-8 equivalents, declared
//! or not; Traditional text stays Traditional.

mod common;

use common::*;

fn build_bytes(name: &str, bytes: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let (out, output) = build(&[&path], &["--format", "json"]);
    assert!(output.status.success(), "{name}: {}", stderr(&output));
    paragraphs(&json(out.path(), name.split('.').next().unwrap()))
}

#[test]
fn legacy_encodings_match_utf8() {
    let simplified = "<html><body><p>中国制造的领军者，用令世界震惊的航天“中国速度”创造了奇迹。</p><p>第二段：互联网治理与发展。</p></body></html>";
    let traditional = "<html><body><p>台北看守所昨天抽查前總統陳水扁的房舍，引來扁的強烈不滿。</p><p>這是繁體中文。</p></body></html>";
    let expected_simplified = build_bytes("utf8.html", simplified.as_bytes());
    let expected_traditional = build_bytes("utf8t.html", traditional.as_bytes());
    assert_eq!(expected_simplified.len(), 2);
    for (name, encoding) in [("gbk.html", encoding_rs::GBK), ("gb18030.html", encoding_rs::GB18030)] {
        let (bytes, _, _) = encoding.encode(simplified);
        assert_eq!(build_bytes(name, &bytes), expected_simplified, "{name}");
    }
    let (big5, _, _) = encoding_rs::BIG5.encode(traditional);
    assert_eq!(build_bytes("big5.html", &big5), expected_traditional);
    // A wrong declaration does not win over bytes that are plainly UTF-8.
    let declared = format!("<meta charset=\"gb2312\">{simplified}");
    assert_eq!(build_bytes("wrong.html", declared.as_bytes()), expected_simplified);
}

#[test]
fn shared_encoding_samples_match_their_utf8_conversion() {
    let Some(shared) = shared("shared_encoding_samples_match_their_utf8_conversion") else {
        return;
    };
    let samples = [
        ("big5_news_snippet_no_charset.html", encoding_rs::BIG5, "台北看守所昨天抽查前總統陳水扁的房舍"),
        ("gb18030_news_snippet_no_charset.html.xml", encoding_rs::GB18030, "中国制造的领军者"),
        ("gb2312_sohu_snippet_no_charset.html", encoding_rs::GB18030, "搜狐在线"),
    ];
    for (name, encoding, start) in samples {
        let bytes = std::fs::read(shared.join("articles/encodings").join(name)).unwrap();
        let (utf8, _, had_errors) = encoding.decode(&bytes);
        assert!(!had_errors);
        let from_legacy = build_bytes(name, &bytes);
        let from_utf8 = build_bytes(&format!("u_{name}"), utf8.as_bytes());
        assert_eq!(from_legacy, from_utf8, "{name}");
        assert!(from_legacy[0].starts_with(start), "{name}: {:?}", from_legacy[0]);
    }
}

#[test]
fn bom_and_utf16() {
    let mut utf8 = vec![0xEF, 0xBB, 0xBF];
    utf8.extend_from_slice("带字节序标记的文本。".as_bytes());
    assert_eq!(build_bytes("bom.txt", &utf8), ["带字节序标记的文本。"]);
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "小端序文本。".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    assert_eq!(build_bytes("utf16.txt", &utf16), ["小端序文本。"]);
}
