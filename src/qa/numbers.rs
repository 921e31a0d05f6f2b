//! Numbers: every quantity in the Chinese must be in the English. Chinese is read in Arabic
//! digits (ASCII or full-width, decimals, thousands separators) and in Chinese numerals, with
//! 万 and 亿 scaled (3.5万 = 35,000, 二十 = 20, 一万二千 = 12,000), percentages (50%,
//! 百分之五十), years (2025年, 二〇二五年), months (1月 = January) and decades (九十年代 =
//! the 1990s). English is read in digits, with million/billion/thousand scaling, and in
//! number words (twenty-five, ten thousand). Chinese numerals that are not quantities are
//! left alone so correct translations raise no alarm: single digits (一个 "a", 两天 "a couple
//! of days"), ordinals (第二), approximations (六七十年代, 一二十年, 数十年, 十几个),
//! numerals in people's names (茅十八, as jieba's tagger finds them), and idioms that start
//! with 百, 千 or 万 (千载难逢, 万一) or use 十 as "very" (十分). A 两 ending a number is the
//! tael (一万两 = 10,000 taels).

use super::{Severity, Sink, Unit};
use crate::text::numerals::{digit, han_digit, han_value, is_han_numeral};

/// A quantity found in the Chinese.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ZhNumber {
    /// The text as written (`3.5万`).
    pub text: String,
    /// Its value (35000).
    pub value: f64,
    /// Byte offset in the text.
    pub offset: usize,
    /// Followed by 月: a month, so an English month name matches.
    pub month: bool,
    /// Followed by 年代: a decade, so "1990s" or "nineties" matches 九十.
    pub decade: bool,
}

/// Measure words and units that make a bare 十 a quantity.
/// (分 only as 分钟: 十分 alone is "very".)
const MEASURES: &str = "个年岁天月日号次人位名元块秒点钟小周门条本家只张件倍度公米里斤万亿多几余来%％";

/// The quantities in a Chinese text.
pub(crate) fn zh_numbers(text: &str) -> Vec<ZhNumber> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let rest = |i: usize| chars.get(i).map_or("", |&(o, _)| &text[o..]);
    let mut out = Vec::new();
    // People's names with numerals in them (茅十八), found once, when a numeral needs them.
    let names: std::cell::OnceCell<Vec<(usize, usize)>> = std::cell::OnceCell::new();
    let in_name = |offset: usize| {
        names.get_or_init(|| person_names(text)).iter().any(|&(start, end)| (start..end).contains(&offset))
    };
    let mut i = 0;
    while i < chars.len() {
        let (offset, c) = chars[i];
        let start = i;
        if digit(c).is_some() {
            // Digits, separators and decimal points; a second point makes it a date (2025.1.15).
            let mut raw = String::new();
            while let Some(c) = at(i) {
                if let Some(d) = digit(c) {
                    raw.push(char::from_digit(d, 10).unwrap_or('0'));
                } else if matches!(c, ',' | '，' | '.' | '．')
                    && at(i + 1).and_then(digit).is_some()
                    && !(matches!(c, '，') && at(i + 4).and_then(digit).is_none())
                {
                    raw.push(if matches!(c, '.' | '．') { '.' } else { ',' });
                } else {
                    break;
                }
                i += 1;
            }
            let parts: Vec<String> = if raw.matches('.').count() > 1 {
                raw.split('.').map(str::to_string).collect()
            } else {
                vec![raw.replace(',', "")]
            };
            let scale = match at(i) {
                Some('万') => 10_000.0,
                Some('亿') => 100_000_000.0,
                _ => 1.0,
            };
            let single = parts.len() == 1;
            if single && scale > 1.0 {
                i += 1;
            }
            let after = rest(i);
            for part in parts {
                let Ok(value) = part.parse::<f64>() else { continue };
                let shown: String = chars[start..i].iter().map(|&(_, c)| c).collect();
                out.push(ZhNumber {
                    text: if single { shown } else { part.clone() },
                    value: value * if single { scale } else { 1.0 },
                    offset,
                    month: single && after.starts_with('月'),
                    decade: single && after.starts_with("年代"),
                });
            }
            continue;
        }
        if is_han_numeral(c) {
            let mut run = Vec::new();
            while let Some(c) = at(i).filter(|&c| is_han_numeral(c)) {
                run.push(c);
                i += 1;
            }
            // 两 ending a longer run is the tael (四十五万两 银子: 450,000 taels): as a digit it
            // needs a unit after it (一万两千).
            if run.len() > 1 && run.last() == Some(&'两') {
                run.pop();
                i -= 1;
            }
            let before = if start > 0 { at(start - 1) } else { None };
            let after = rest(i);
            let digits_only = run.iter().all(|&c| han_digit(c).is_some());
            let year = digits_only && run.len() == 4 && after.starts_with('年');
            // 六七十, 一二十; 几十, 数十 (tens of), 十几 (ten-odd): a range, not a number.
            let approximate = !year
                && (run
                    .windows(2)
                    .any(|w| han_digit(w[0]).is_some_and(|a| a > 0) && han_digit(w[1]).is_some_and(|b| b > 0))
                    || matches!(before, Some('几' | '数'))
                    || after.starts_with('几'));
            // A bare 十 counts only before a measure word: 十个, 十年, not 十分 ("very") or 十恶不赦.
            let idiom = matches!(run[0], '百' | '千' | '万' | '亿')
                || (run == ['十'] && !after.starts_with(|c: char| MEASURES.contains(c)) && !after.starts_with("分钟"));
            let value =
                if year { run.iter().fold(0, |n, &c| n * 10 + han_digit(c).unwrap_or(0)) } else { han_value(&run) };
            if before != Some('第') && !approximate && !idiom && value >= 10 && !in_name(offset) {
                out.push(ZhNumber {
                    text: run.iter().collect(),
                    value: value as f64,
                    offset,
                    month: after.starts_with('月'),
                    decade: after.starts_with("年代"),
                });
            }
            continue;
        }
        i += 1;
    }
    out
}

/// Byte ranges of `text` that jieba's part-of-speech tagger tags as people's names.
fn person_names(text: &str) -> Vec<(usize, usize)> {
    let mut names = Vec::new();
    crate::segment::tagger::tag(text, |t| {
        if matches!(t.tag, "nr" | "nrfg" | "nrt") {
            names.push((t.start, t.start + t.word.len()));
        }
    });
    names
}

/// Numbers the English says, and the months and decades it names.
#[derive(Debug, Default)]
pub(crate) struct EnNumbers {
    /// Every value, scaled ("3.5 million" gives 3.5 and 3,500,000).
    pub values: Vec<f64>,
    /// Month numbers of the month names.
    pub months: Vec<u32>,
    /// Decades named: 60 for "1960s", "'60s", "sixties".
    pub decades: Vec<u32>,
}

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
fn scale_word(word: &str) -> Option<f64> {
    Some(match word {
        "hundred" | "hundreds" => 100.0,
        "thousand" | "thousands" => 1e3,
        "million" | "millions" => 1e6,
        "billion" | "billions" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
}

/// Ordinals, which translate Chinese cardinals as often as not (十四队, "the fourteenth team").
const ORDINALS: [&str; 20] = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];

fn word_value(word: &str) -> Option<f64> {
    if let Some(n) = ONES.iter().position(|w| *w == word).or_else(|| ORDINALS.iter().position(|w| *w == word)) {
        return Some(n as f64);
    }
    // "twenty", "twentieth"
    TENS.iter()
        .position(|w| *w == word || word.strip_suffix("ieth").is_some_and(|stem| w.strip_suffix('y') == Some(stem)))
        .map(|n| (n as f64 + 2.0) * 10.0)
}

/// The numbers in an English text.
pub(crate) fn en_numbers(text: &str) -> EnNumbers {
    let lower = text.to_lowercase();
    let mut found = EnNumbers::default();
    // Words and digit groups, keeping `3.5`, `35,000`, `1990s` together.
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | ',' | '\'' | '’')))
        .flat_map(|w| w.split('-'))
        .map(|w| w.trim_matches(|c: char| matches!(c, '.' | ',' | '\'' | '’')))
        .filter(|w| !w.is_empty())
        .collect();
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        if let Some(m) = crate::text::dates::MONTHS.iter().position(|m| m.eq_ignore_ascii_case(word)) {
            found.months.push(m as u32 + 1);
        }
        let plain = word.trim_start_matches(['\'', '’']);
        if plain.starts_with(|c: char| c.is_ascii_digit()) {
            let (digits, suffix) = plain
                .split_at(plain.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(plain.len()));
            if let Ok(value) = digits.replace(',', "").parse::<f64>() {
                found.values.push(value);
                if suffix == "s" && value.fract() == 0.0 && (value as u64).is_multiple_of(10) {
                    found.decades.push((value as u64 % 100) as u32);
                }
                if let Some(scale) = words.get(i + 1).and_then(|w| scale_word(w)) {
                    found.values.push(value * scale);
                }
            }
            i += 1;
            continue;
        }
        if let Some(n) =
            TENS.iter().position(|w| word.strip_suffix("ies").is_some_and(|stem| w.strip_suffix('y') == Some(stem)))
        {
            found.decades.push((n as u32 + 2) * 10);
        }
        // A run of number words: "twenty five thousand", "a hundred", "one and a half" stops at "and".
        let starts =
            word_value(word).is_some() || (word == "a" && words.get(i + 1).and_then(|w| scale_word(w)).is_some());
        if starts {
            let (mut total, mut current) = (0.0, 0.0);
            let mut j = i;
            while let Some(&w) = words.get(j) {
                if let Some(v) = word_value(w) {
                    current += v;
                } else if w == "a" && j == i {
                    current = 1.0;
                } else if let Some(scale) = scale_word(w) {
                    if scale == 100.0 {
                        current = current.max(1.0) * scale;
                    } else {
                        total += current.max(1.0) * scale;
                        current = 0.0;
                    }
                } else if w == "and"
                    && words.get(j + 1).and_then(|n| word_value(n)).is_some()
                    && total + current >= 100.0
                {
                    // "one hundred and five"
                } else {
                    break;
                }
                j += 1;
            }
            found.values.push(total + current);
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    found
}

/// True when the English says the Chinese quantity `n`.
fn said(n: &ZhNumber, en: &EnNumbers) -> bool {
    let close = |v: &f64| (v - n.value).abs() <= 1e-9 * n.value.abs().max(1.0);
    en.values.iter().any(close)
        || (n.month && en.months.contains(&(n.value as u32)))
        || (n.decade && en.decades.contains(&((n.value as u64 % 100) as u32)))
}

pub(super) fn check(unit: &Unit, sink: &mut Sink) {
    let p = unit.p;
    let Some(en) = &p.en else { return };
    let english = en_numbers(en);
    for n in zh_numbers(&p.zh) {
        if said(&n, &english) || is_list_marker(&p.zh, &n) {
            continue;
        }
        let shown = if n.text.chars().all(|c| c.is_ascii_digit()) {
            n.text.clone()
        } else {
            format!("{} ({})", n.text, group(n.value))
        };
        sink.push(
            p.sentence_at(n.offset),
            "numbers",
            Severity::Error,
            format!("the number {shown} is missing from the English"),
        );
    }
}

/// True when `n` opens its paragraph as a section number or list marker ("1．弄堂", "二、",
/// "（三）"): a translation numbers its sections its own way or not at all.
fn is_list_marker(text: &str, n: &ZhNumber) -> bool {
    let before = text[..n.offset].trim_start();
    let after = text[n.offset + n.text.len()..].chars().next();
    let opened = before.is_empty() && after.is_some_and(|c| matches!(c, '．' | '.' | '、' | ')' | '）' | ':' | '：'));
    let bracketed = matches!(before, "(" | "（") && after.is_some_and(|c| matches!(c, ')' | '）'));
    opened || bracketed
}

/// `35000` as `35,000`; decimals as they are.
fn group(value: f64) -> String {
    if value.fract() != 0.0 {
        return value.to_string();
    }
    crate::text::thousands(value as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(zh: &str) -> Vec<f64> {
        zh_numbers(zh).into_iter().map(|n| n.value).collect()
    }

    #[test]
    fn chinese_quantities() {
        assert_eq!(values("有3.5万人"), [35000.0]);
        assert_eq!(values("二十年前"), [20.0]);
        assert_eq!(values("一万二千元"), [12000.0]);
        assert_eq!(values("三亿五千万"), [350_000_000.0]);
        assert_eq!(values("百分之五十"), [50.0]);
        assert_eq!(values("增长50%"), [50.0]);
        assert_eq!(values("二〇二五年"), [2025.0]);
        assert_eq!(values("１２３４５人，35,000人"), [12345.0, 35000.0]);
        assert_eq!(values("2025.1.15"), [2025.0, 1.0, 15.0]);
        // 两 ending a number is the tael; before a unit it is two.
        assert_eq!(values("四十五万两银子"), [450_000.0]);
        assert_eq!(values("一万两千人"), [12_000.0]);
        assert_eq!(values("他今年十八岁"), [18.0]);
    }

    #[test]
    fn chinese_numerals_that_are_not_quantities() {
        for text in [
            "一个人",
            "两天",
            "第二",
            "六七十年代",
            "一二十年",
            "千载难逢",
            "万一",
            "十分重要",
            "千万不要",
            "苦练数十年",
            "几十个人",
            "磕了十几个头",
            "当下将茅十八抬了进去",
        ] {
            assert!(values(text).is_empty(), "{text}: {:?}", zh_numbers(text));
        }
    }

    #[test]
    fn english_numbers() {
        let en = en_numbers(
            "Twenty-five people, 35,000 fans, 3.5 million users, a hundred and five days in the 1990s, sixties; January 2025, 50%.",
        );
        for v in [25.0, 35000.0, 3.5, 3_500_000.0, 105.0, 1990.0, 2025.0, 50.0] {
            assert!(en.values.contains(&v), "{v}: {:?}", en.values);
        }
        assert_eq!(en.months, [1]);
        assert_eq!(en.decades, [90, 60]);
        assert!(en_numbers("ten thousand").values.contains(&10000.0));
        assert!(en_numbers("the twenty-first birthday").values.contains(&21.0));
        assert!(en_numbers("the fourteenth team, the twentieth time").values.contains(&20.0));
    }

    #[test]
    fn scaled_matches() {
        let en = en_numbers("35,000 people twenty years ago in March, in the nineties");
        for zh in ["3.5万人", "二十年前", "3月", "九十年代"] {
            assert!(zh_numbers(zh).iter().all(|n| said(n, &en)), "{zh}");
        }
        assert!(!zh_numbers("30年前").iter().all(|n| said(n, &en)));
    }
}
