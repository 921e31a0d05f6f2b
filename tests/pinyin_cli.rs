//! `duizhao pinyin` through the real binary.

mod common;

use common::*;

fn pinyin(args: &[&str], input: &str) -> String {
    let mut all = vec!["pinyin"];
    all.extend_from_slice(args);
    let output = run_in(&root(), &all, input.as_bytes());
    assert!(output.status.success(), "{}", stderr(&output));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn word_mode() {
    assert_eq!(pinyin(&[], "银行行长说了算\n"), "yínháng hángzhǎng shuōlesuàn\n");
    assert_eq!(pinyin(&["--style", "numbers"], "银行行长\n"), "yin2hang2 hang2zhang3\n");
    assert_eq!(pinyin(&["--style", "none"], "银行行长\n"), "yinhang hangzhang\n");
    assert_eq!(pinyin(&[], "我用iPhone 15看绿色\n"), "wǒ yòng iPhone 15 kàn lǜsè\n");
}

#[test]
fn one_line_out_per_line_in() {
    assert_eq!(pinyin(&[], "你好\n\n世界\n"), "nǐhǎo\n\nshìjiè\n");
}

#[test]
fn per_character_mode() {
    assert_eq!(
        pinyin(&["--per-char", "--style", "numbers"], "银行行长说了算。\n"),
        "yin2 hang2 hang2 zhang3 shuo1 le5 suan4\n"
    );
    assert_eq!(pinyin(&["--per-char", "--style", "numbers"], "绿色ABC\n"), "lv4 se4\n");
    assert_eq!(pinyin(&["--per-char"], "了解\n"), "liǎo jiě\n");
}

#[test]
fn glossary_readings_win() {
    assert_eq!(pinyin(&[], "阜成门\n"), "Fùchéngmén\n");
}

#[test]
fn zhuyin_style() {
    assert_eq!(pinyin(&["--style", "zhuyin"], "北京的朋友\n"), "ㄅㄟˇㄐㄧㄥ ˙ㄉㄜ ㄆㄥˊ˙ㄧㄡ\n");
    assert_eq!(pinyin(&["--style", "zhuyin", "--per-char"], "学习\n"), "ㄒㄩㄝˊ ㄒㄧˊ\n");
}

#[test]
fn neutral_tones_and_proper_nouns_in_word_mode() {
    // Dictionaries print these words with a neutral tone; per-character output gives each
    // character its own tone.
    assert_eq!(pinyin(&[], "我认识他，关系很好，东西不多。\n"), "wǒ rènshi tā， guānxi hěn hǎo， dōngxi bù duō。\n");
    assert_eq!(pinyin(&["--per-char", "--style", "numbers"], "认识\n"), "ren4 shi2\n");
    assert_eq!(pinyin(&[], "北京和毛泽东\n"), "Běijīng hé Máo Zédōng\n");
}

#[test]
fn sandhi_only_when_asked() {
    let line = "一个不错的人，一定不会去，第一天，一九九一年。\n";
    assert_eq!(pinyin(&[], line), "yīge bùcuò de rén， yīdìng bùhuì qù， dìyī tiān， yī jiǔ jiǔ yī nián。\n");
    assert_eq!(
        pinyin(&["--pinyin-sandhi"], line),
        "yíge búcuò de rén， yídìng búhuì qù， dìyī tiān， yī jiǔ jiǔ yī nián。\n"
    );
}

#[test]
fn user_readings_add_words_and_the_glossary_wins() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("mine.tsv");
    std::fs::write(&list, "朝阳区\tzhāo yáng qū\n阜成门\tfu4 cheng2 men2\n").unwrap();
    let list = list.to_str().unwrap();
    assert_eq!(pinyin(&["--pinyin-dict", list], "朝阳区和阜成门\n"), "zhāoyángqū hé Fùchéngmén\n");
    let bad = dir.path().join("bad.tsv");
    std::fs::write(&bad, "好\thǎo\n坏 no tab\n").unwrap();
    let output = run_in(&root(), &["pinyin", "--pinyin-dict", bad.to_str().unwrap()], "好\n".as_bytes());
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("bad.tsv:2"), "{}", stderr(&output));
    assert_eq!(String::from_utf8_lossy(&output.stdout), "hǎo\n");
}

#[test]
fn build_takes_the_same_reading_options() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "朝阳区不大。\n").unwrap();
    let list = dir.path().join("mine.tsv");
    std::fs::write(&list, "朝阳区\tzhāo yáng qū\n").unwrap();
    let out = dir.path().join("out");
    let args = ["build", article.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "json"];
    let mut args: Vec<&str> = args.to_vec();
    args.extend(["--pinyin", "zhuyin", "--pinyin-sandhi", "--pinyin-dict", list.to_str().unwrap()]);
    let output = run(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let doc = json(&out, "a");
    let pinyin: Vec<&str> =
        doc["paragraphs"][0]["tokens"].as_array().unwrap().iter().filter_map(|t| t["pinyin"].as_str()).collect();
    assert_eq!(pinyin, ["ㄓㄠ ㄧㄤˊ ㄑㄩ".replace(' ', ""), "ㄅㄨˊ".into(), "ㄉㄚˋ".into()]);
}
