//! Alignment of a Chinese text with an existing English one: paragraphs first, then sentences
//! inside each pair. [`links`] is a Gale-Church style dynamic programme over lengths, with
//! lexical anchors (numbers, Latin words, glossary renderings) pulling true pairs together;
//! [`attach`] puts the result into a document.

pub mod attach;
pub mod command;
pub mod doubt;
pub mod learned;
pub mod lexical;
pub mod sentences;
pub mod texts;
pub(crate) mod word_links;
pub mod words;

/// Links below this confidence are reported for review.
pub const UNSURE: f64 = 0.5;

/// A paragraph link of `zh` Chinese and `en` English paragraphs that merges or splits them,
/// with partners on both sides, and that the aligner is sure of: that is how translations are
/// written, so it is a note for the record (QA `info`), not a warning.
pub(crate) fn is_sure_reshape(zh: usize, en: usize, confidence: f64) -> bool {
    zh > 0 && en > 0 && (zh, en) != (1, 1) && confidence >= UNSURE
}

/// One unit (paragraph or sentence) as the aligner sees it.
#[derive(Debug, Clone, Default)]
pub struct Unit {
    /// Length in characters, white space excluded.
    pub chars: usize,
    /// Strings that should appear on both sides of a true pair (numbers, Latin words, and on
    /// the Chinese side the English renderings of its glossary terms).
    pub anchors: Vec<String>,
}

/// One link: consecutive Chinese units paired with consecutive English units.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Indexes of the Chinese units, 0-based, in order (empty for a 0-1 link).
    pub zh: Vec<usize>,
    /// Indexes of the English units, 0-based, in order (empty for a 1-0 link).
    pub en: Vec<usize>,
    /// How sure the aligner is, 0 to 1.
    pub confidence: f64,
}

/// The link shapes allowed, with a prior cost: 1-1 is the norm, merges and splits are rarer,
/// units with no partner rarer still.
const MOVES: [(usize, usize, f64); 9] = [
    (1, 1, 0.0),
    (1, 0, 4.5),
    (0, 1, 4.5),
    (2, 1, 2.3),
    (1, 2, 2.3),
    (2, 2, 3.3),
    (1, 3, 3.6),
    (3, 1, 3.6),
    (0, 0, f64::INFINITY),
];

/// Aligns `zh` with `en`, both in reading order. `ratio` is the expected English characters
/// per Chinese character (estimated from the totals when `None`).
pub fn links(zh: &[Unit], en: &[Unit], ratio: Option<f64>) -> Vec<Link> {
    let total_zh: usize = zh.iter().map(|u| u.chars).sum();
    let total_en: usize = en.iter().map(|u| u.chars).sum();
    let ratio =
        ratio.unwrap_or_else(|| if total_zh == 0 { 3.0 } else { (total_en as f64 / total_zh as f64).clamp(0.5, 8.0) });
    let (n, m) = (zh.len(), en.len());
    let mut cost = vec![vec![f64::INFINITY; m + 1]; n + 1];
    let mut back = vec![vec![(0usize, 0usize, 0.0f64); m + 1]; n + 1];
    cost[0][0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            if cost[i][j].is_infinite() {
                continue;
            }
            for (di, dj, prior) in MOVES {
                if (di == 0 && dj == 0) || i + di > n || j + dj > m {
                    continue;
                }
                let step = prior + pair_cost(&zh[i..i + di], &en[j..j + dj], ratio);
                if cost[i][j] + step < cost[i + di][j + dj] {
                    cost[i + di][j + dj] = cost[i][j] + step;
                    back[i + di][j + dj] = (di, dj, step);
                }
            }
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (di, dj, step) = back[i][j];
        out.push(Link {
            zh: (i - di..i).collect(),
            en: (j - dj..j).collect(),
            confidence: (-step / 2.5).exp().clamp(0.0, 1.0),
        });
        i -= di;
        j -= dj;
    }
    out.reverse();
    out
}

/// The cost of pairing these units: how far the length ratio is from the expected one, less
/// a bonus for each anchor found on both sides, plus a charge for anchors on one side only.
fn pair_cost(zh: &[Unit], en: &[Unit], ratio: f64) -> f64 {
    if zh.is_empty() || en.is_empty() {
        return 0.0;
    }
    let lz: usize = zh.iter().map(|u| u.chars).sum();
    let le: usize = en.iter().map(|u| u.chars).sum();
    let expected = lz as f64 * ratio;
    // Log-ratio of lengths, scaled so a 30% deviation costs about 1.
    let length = ((le as f64 + 10.0) / (expected + 10.0)).ln().abs() * 3.5;
    let zh_anchors: Vec<&str> = zh.iter().flat_map(|u| u.anchors.iter().map(String::as_str)).collect();
    let en_anchors: Vec<&str> = en.iter().flat_map(|u| u.anchors.iter().map(String::as_str)).collect();
    let shared = zh_anchors.iter().filter(|a| en_anchors.contains(a)).count();
    let missing = zh_anchors.len() - shared;
    length - 0.8 * shared.min(6) as f64 + 0.3 * missing.min(6) as f64
}

/// Anchors found in a text: runs of digits and Latin words of two or more letters, lower-cased.
pub(crate) fn text_anchors(text: &str) -> Vec<String> {
    let mut anchors = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, anchors: &mut Vec<String>| {
        let is_number = current.chars().all(|c| c.is_ascii_digit());
        if (is_number && !current.is_empty()) || current.chars().count() >= 2 {
            anchors.push(current.to_ascii_lowercase());
        }
        current.clear();
    };
    let mut last_digit = None;
    for c in text.chars() {
        let digit = c.is_ascii_digit();
        if c.is_ascii_alphanumeric() && last_digit.is_none_or(|d| d == digit) {
            current.push(c);
        } else {
            flush(&mut current, &mut anchors);
            if c.is_ascii_alphanumeric() {
                current.push(c);
            }
        }
        last_digit = c.is_ascii_alphanumeric().then_some(digit);
    }
    flush(&mut current, &mut anchors);
    anchors
}

/// Characters that count towards a unit's length.
pub fn length(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(chars: usize, anchors: &[&str]) -> Unit {
        Unit { chars, anchors: anchors.iter().map(|a| a.to_string()).collect() }
    }

    #[test]
    fn one_to_one_merge_and_split() {
        let zh = [unit(100, &["2025"]), unit(50, &[]), unit(60, &["wto"]), unit(80, &[]), unit(120, &[])];
        // English: p1, p2+p3 merged, p4, p5 split in two.
        let en = [unit(300, &["2025"]), unit(330, &["wto"]), unit(240, &[]), unit(170, &[]), unit(190, &[])];
        let shapes: Vec<(usize, usize)> = links(&zh, &en, None).iter().map(|l| (l.zh.len(), l.en.len())).collect();
        assert_eq!(shapes, [(1, 1), (2, 1), (1, 1), (1, 2)]);
    }

    #[test]
    fn anchors() {
        assert_eq!(text_anchors("在20年前加入WTO, TikTok和Tik Tok"), ["20", "wto", "tiktok", "tik", "tok"]);
    }
}
