//! Checks on the text of each pair that need nothing but the pair: untranslated or empty
//! target, target identical to source, unbalanced brackets and quotes, leftover Han
//! characters, spacing, model chatter and echoed prompt text; and length-ratio outliers,
//! which compare each paragraph with the rest of its document.

use std::collections::HashSet;

use super::{Severity, Sink, Unit};
use crate::text::is_han;

/// A paragraph with no English at all: reports it and returns true (the other checks have
/// nothing to look at).
pub(super) fn untranslated(unit: &Unit, sink: &mut Sink) -> bool {
    if unit.p.en.is_some() {
        return false;
    }
    if unit.p.alignment.is_some() {
        // Paired with English that its neighbours' sentences took (paragraphs merged in the
        // translation), or left without a partner by the aligner: either way the English is
        // a translation the user gave, and the alignment note says where this line stands.
        // Whether the translator left it out or the aligner put its English elsewhere is for
        // the alignment finding to raise, not a missing translation.
        return true;
    }
    let message = match &unit.p.error {
        Some(reason) => format!("not translated: {reason}"),
        None => "not translated: the paragraph has no English".to_string(),
    };
    sink.push(None, "untranslated", Severity::Error, message);
    true
}

/// The pairs, as (unit index, pair index), whose English quotation runs on into the next pair
/// or comes from the one before: adjacent pairs that each have an odd number of `"` (dialogue
/// split over two lines or paragraphs). Together they balance, so neither is reported.
pub(super) fn quotes_running_on(units: &[Unit]) -> HashSet<(usize, usize)> {
    let odd: Vec<((usize, usize), bool)> = units
        .iter()
        .enumerate()
        .flat_map(|(u, unit)| unit.pairs.iter().enumerate().map(move |(i, pair)| ((u, i), pair.en)))
        .filter_map(|(at, en)| en.map(|en| (at, en.chars().filter(|&c| c == '"').count() % 2 == 1)))
        .collect();
    let mut running = HashSet::new();
    let mut k = 0;
    while k + 1 < odd.len() {
        if odd[k].1 && odd[k + 1].1 {
            running.extend([odd[k].0, odd[k + 1].0]);
            k += 2;
        } else {
            k += 1;
        }
    }
    running
}

/// The checks each pair gets on its own; `running_on` are the pairs (of this, unit number
/// `index`, among others) whose quotation continues in a neighbour ([`quotes_running_on`]).
pub(super) fn per_pair(unit: &Unit, index: usize, running_on: &HashSet<(usize, usize)>, sink: &mut Sink) {
    // Spacing is judged on the paragraph's English as given: sentence pairs are trimmed.
    if let Some(en) = &unit.p.en {
        spaces(en, sink);
    }
    for (i, pair) in unit.pairs.iter().enumerate() {
        let Some(en) = pair.en else { continue };
        if en.trim().is_empty() {
            sink.push(pair.sentence, "empty", Severity::Error, "the English is empty".into());
            continue;
        }
        if en.trim() == pair.zh.trim() && pair.zh.chars().any(is_han) {
            sink.push(pair.sentence, "identical", Severity::Error, "the English is the Chinese copied".into());
        } else if let Some(c) = en.chars().find(|&c| is_han(c)) {
            let count = en.chars().filter(|&c| is_han(c)).count();
            sink.push(
                pair.sentence,
                "han",
                Severity::Error,
                format!("{count} Chinese character(s) left in the English, first {c}"),
            );
        }
        brackets(pair.sentence, pair.zh, en, running_on.contains(&(index, i)), sink);
        chatter(pair.sentence, en, sink);
    }
}

/// An opening and a closing bracket or quote.
type Bracket = (char, char);

/// Brackets and quotes that must balance: the English pair and the Chinese ones it stands for.
/// The single curly quotes are left out because ’ is also the apostrophe.
const PAIRS: [(Bracket, &[Bracket]); 4] = [
    (('(', ')'), &[('(', ')'), ('（', '）')]),
    (('[', ']'), &[('[', ']'), ('【', '】'), ('〔', '〕')]),
    (('{', '}'), &[('{', '}')]),
    (('“', '”'), &[('“', '”'), ('「', '」'), ('『', '』')]),
];

/// True when every `open` in `text` is closed in order.
fn balanced(text: &str, open: char, close: char) -> bool {
    let mut depth: i32 = 0;
    for c in text.chars() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth < 0 {
                return false;
            }
        }
    }
    depth == 0
}

/// Unbalanced brackets or quotes in the English where the Chinese has them balanced; a
/// quotation that runs on past its sentence or paragraph is unbalanced in both, and fine, as is
/// a `"` quotation the English alone runs on into a neighbour (`quote_runs_on`).
fn brackets(sentence: Option<usize>, zh: &str, en: &str, quote_runs_on: bool, sink: &mut Sink) {
    let zh_balanced = |pairs: &[Bracket]| pairs.iter().all(|&(open, close)| balanced(zh, open, close));
    for ((open, close), chinese) in PAIRS {
        if !balanced(en, open, close) && zh_balanced(chinese) {
            sink.push(sentence, "brackets", Severity::Warning, format!("unbalanced {open} {close} in the English"));
        }
    }
    let even = |text: &str| text.chars().filter(|&c| c == '"').count() % 2 == 0;
    if !even(en) && even(zh) && zh_balanced(PAIRS[3].1) && !quote_runs_on {
        sink.push(sentence, "brackets", Severity::Warning, "an odd number of \" quotes in the English".into());
    }
}

fn spaces(en: &str, sink: &mut Sink) {
    if en.starts_with(char::is_whitespace) || en.ends_with(char::is_whitespace) {
        sink.push(None, "spaces", Severity::Warning, "leading or trailing space in the English".into());
    }
    if en.contains("  ") {
        sink.push(None, "spaces", Severity::Warning, "double space in the English".into());
    }
}

/// What models say around a translation instead of translating, lower-case.
const CHATTER: [&str; 11] = [
    "here is the translation",
    "here's the translation",
    "here is the english translation",
    "as an ai",
    "i cannot translate",
    "i can't translate",
    "i'm sorry, but",
    "翻译如下",
    "以下是翻译",
    "译文：",
    "翻译：",
];

fn chatter(sentence: Option<usize>, en: &str, sink: &mut Sink) {
    let lower = en.to_lowercase();
    if let Some(phrase) = CHATTER.iter().find(|c| lower.contains(*c)) {
        sink.push(sentence, "chatter", Severity::Error, format!("model chatter in the English: \"{phrase}\""));
    }
    if let Some(line) = prompt_lines().into_iter().find(|l| lower.contains(l.as_str())) {
        sink.push(sentence, "chatter", Severity::Error, format!("the English echoes the prompt: \"{line}\""));
    }
}

/// The prompt duizhao sends a language model unless told otherwise (the translate layer reads
/// the same file).
const PROMPT: &str = include_str!("../../data/prompts/translate.txt");

/// The fixed sentences of the translation prompt, lower-case: placeholders dropped, long
/// enough that English prose does not say them by chance.
fn prompt_lines() -> Vec<String> {
    PROMPT
        .split(['\n', '.', ':'])
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.contains('{') && s.len() >= 20)
        .collect()
}

/// English characters per Chinese character across a document, to spot paragraphs far off
/// the document's own ratio (dropped or invented text); the document's median is the norm,
/// so terse or wordy translators are not flagged everywhere.
pub(super) struct LengthRatios {
    median: Option<f64>,
}

/// A paragraph whose ratio is this many times above or below the median is an outlier.
const RATIO_FACTOR: f64 = 3.0;
/// Short paragraphs (headings, datelines) vary too much to judge.
const MIN_HAN: usize = 15;

fn ratio(zh: &str, en: &str) -> Option<f64> {
    let han = zh.chars().filter(|&c| is_han(c)).count();
    (han >= MIN_HAN).then(|| en.chars().count() as f64 / han as f64)
}

impl LengthRatios {
    pub(super) fn of(units: &[Unit]) -> Self {
        let mut ratios: Vec<f64> =
            units.iter().filter_map(|u| u.p.en.as_deref().and_then(|en| ratio(&u.p.zh, en))).collect();
        ratios.sort_by(f64::total_cmp);
        let median = (ratios.len() >= 3).then(|| ratios[ratios.len() / 2]);
        LengthRatios { median }
    }

    pub(super) fn check(&self, unit: &Unit, sink: &mut Sink) {
        let (Some(median), Some(en)) = (self.median, &unit.p.en) else { return };
        let Some(r) = ratio(&unit.p.zh, en) else { return };
        if r > median * RATIO_FACTOR || r < median / RATIO_FACTOR {
            sink.push(
                None,
                "length",
                Severity::Warning,
                format!(
                    "the English is {r:.1} characters per Chinese character, the document's median is {median:.1}: \
                     text dropped or added?"
                ),
            );
        }
    }
}
