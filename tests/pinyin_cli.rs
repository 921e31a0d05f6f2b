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
