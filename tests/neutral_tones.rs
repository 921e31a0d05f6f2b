//! Neutral tones in word mode, as dictionaries print words (CC-CEDICT's tone 5): 还是 háishi,
//! 大不了 dàbuliǎo, and 21 words whose tone depends on what they mean, decided from the words
//! around them (data/polyphone/neutral.tsv), each in a sentence for either meaning. The line
//! path (`duizhao pinyin`) and the document path (`duizhao build`) agree; `--per-char` keeps
//! each character's own tone.

use std::path::Path;

use duizhao::annotate::pinyin_line;
use duizhao::transcribe::{LineOptions, transcribe_line};
use duizhao::{BuildOptions, Glossary, Pipeline, Style};

/// (sentence, the word's pinyin in it).
const CASES: &[(&str, &str)] = &[
    ("他还是没有来。", "háishi"),
    ("无论是Tik Tok，还是小红书，都很受欢迎。", "háishi"),
    ("大不了重新开始。", "dàbuliǎo"),
    ("这个地方很好。", "dìfang"),
    ("地方政府出台了新政策。", "dìfāng"),
    ("中央和地方都要负起责任。", "dìfāng"),
    ("他买了很多东西回家。", "dōngxi"),
    ("这条马路是东西走向的。", "dōngxī"),
    ("这次考试他太大意了。", "dàyi"),
    ("请概括这篇文章的大意。", "dàyì"),
    ("他说的是一口地道的北京话。", "dìdao"),
    ("战士们挖了一条地道。", "dìdào"),
    ("这位大爷每天早上都去公园散步。", "dàye"),
    ("他总是摆出一副大爷作风。", "dàyé"),
    ("你敢跟老子顶嘴？", "lǎozi"),
    ("老子曰：上善若水。", "Lǎozǐ"),
    ("这笔买卖不划算。", "mǎimai"),
    ("法律禁止人口买卖。", "mǎimài"),
    ("人家不想去，你就别勉强了。", "rénjia"),
    ("山脚下住着几户人家。", "rénjiā"),
    ("他们俩是死对头。", "sǐduìtou"),
    ("出门在外要互相照应。", "zhàoying"),
    ("文章的开头和结尾前后照应。", "zhàoyìng"),
    ("这件事关系到双方的利害。", "lìhài"),
    ("这个人很利害。", "lìhai"),
    ("他今天看起来很精神。", "jīngshen"),
    ("我们要发扬艰苦奋斗的精神。", "jīngshén"),
    ("有事言语一声。", "yányu"),
    ("他的言语很粗鲁。", "yányǔ"),
    ("你有多少钱？", "duōshao"),
    ("他多少有点不高兴。", "duōshǎo"),
    ("天太冷了，不能下水游泳。", "xiàshuǐ"),
    ("羊下水要洗干净。", "xiàshui"),
    ("这台电视只是个摆设。", "bǎishe"),
    ("他的生意越做越大。", "shēngyi"),
    ("奶奶给我讲了一个故事。", "gùshi"),
    ("他对朋友一向大方。", "dàfang"),
    ("这个价钱很公道。", "gōngdao"),
    ("我们要为受害者讨回公道。", "gōngdào"),
    ("瞧你那德行！", "déxing"),
    ("他是一个德行高尚的人。", "déxíng"),
];

fn glossary() -> Glossary {
    let (glossary, errors) = Glossary::load(true, &[]);
    assert!(errors.is_empty());
    glossary
}

#[test]
fn word_mode_prints_the_dictionary_tone_the_meaning_calls_for() {
    let glossary = glossary();
    let pipeline = Pipeline::new(glossary.clone(), BuildOptions::default());
    let mut wrong = Vec::new();
    for (sentence, expected) in CASES {
        let line =
            transcribe_line(sentence, &glossary, LineOptions { style: Style::Marks, per_char: false, sandhi: false });
        let (doc, _) = pipeline.document(sentence.as_bytes(), Path::new("s.txt")).unwrap();
        let document = pinyin_line(&doc.paragraphs[0].tokens);
        assert_eq!(line, document, "the two paths agree on {sentence}");
        if !line.split([' ', '，', '。', '？', '！', '：']).any(|w| w == *expected) {
            wrong.push(format!("{sentence} -> {line} (wanted {expected})"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Pairs: every word of the table read both ways in these sentences.
    assert!(CASES.len() >= 40);
}

#[test]
fn per_character_readings_keep_each_characters_own_tone() {
    let glossary = glossary();
    let per_char =
        |s: &str| transcribe_line(s, &glossary, LineOptions { style: Style::Numbers, per_char: true, sandhi: false });
    assert_eq!(per_char("他还是没有来"), "ta1 hai2 shi4 mei2 you3 lai2");
    assert_eq!(per_char("这个地方很好"), "zhe4 ge5 di4 fang1 hen3 hao3");
}
