//! Numbers as Chinese writes them: digits (ASCII or full-width) and Chinese numerals, with 万
//! and 亿 scaled (二十 = 20, 一万二千 = 12,000, 3万 = 30,000). The QA number check and the word
//! aligner read them alike.

/// An ASCII or full-width digit's value.
pub(crate) fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// A Chinese numeral digit's value (两 is 2, 〇 is 0).
pub(crate) fn han_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// A Chinese numeral unit's value (十, 百, 千, 万, 亿).
pub(crate) fn han_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1_000,
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => return None,
    })
}

/// A Chinese numeral digit or unit.
pub(crate) fn is_han_numeral(c: char) -> bool {
    han_digit(c).is_some() || han_unit(c).is_some()
}

/// The value of a run of Chinese numerals (`二十`, `一万二千`, `三亿五千万`).
pub(crate) fn han_value(run: &[char]) -> u64 {
    let (mut total, mut section, mut number) = (0u64, 0u64, 0u64);
    for &c in run {
        if let Some(d) = han_digit(c) {
            number = d;
        } else if let Some(u) = han_unit(c) {
            match u {
                100_000_000 => {
                    total = (total + section + number) * u;
                    section = 0;
                }
                10_000 => {
                    total += (section + number) * u;
                    section = 0;
                }
                _ => section += number.max(1) * u,
            }
            number = 0;
        }
    }
    total + section + number
}

/// The number a word opens with, when it is a quantity: Chinese numerals (三千 = 3,000; a lone
/// digit, 一 or 两, is left alone: it is "a" or "a couple" as often as a number), or digits
/// scaled by a following 万 or 亿 (3万 = 30,000). Digits alone are not read here: they are
/// compared as written.
pub(crate) fn quantity(word: &str) -> Option<u64> {
    let chars: Vec<char> = word.chars().collect();
    let han: Vec<char> = chars.iter().copied().take_while(|&c| is_han_numeral(c)).collect();
    if han.len() >= 2 || han.first().is_some_and(|&c| han_unit(c).is_some()) {
        return Some(han_value(&han));
    }
    let digits: String = chars
        .iter()
        .take_while(|c| digit(**c).is_some())
        .map(|&c| char::from_digit(digit(c)?, 10))
        .collect::<Option<_>>()?;
    let unit = chars.get(digits.chars().count()).and_then(|&c| han_unit(c)).filter(|&u| u >= 10_000)?;
    digits.parse::<u64>().ok().map(|n| n * unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities() {
        assert_eq!(quantity("三千"), Some(3_000));
        assert_eq!(quantity("一万二千人"), Some(12_000));
        assert_eq!(quantity("3万"), Some(30_000));
        assert_eq!(quantity("十"), Some(10));
        assert_eq!(quantity("一"), None);
        assert_eq!(quantity("22日"), None);
    }
}
