//! Inconsistency: the same Chinese sentence translated two ways, and the same English used
//! for two different Chinese sentences (a copy-paste slip or a model repeating itself).

use std::collections::HashMap;

use super::{Finding, Severity, Unit};

/// Pairs shorter than this (in characters) repeat legitimately ("是的。", "Yes.").
const MIN_CHARS: usize = 6;

/// Whitespace-normalised for comparing.
fn norm(text: &str) -> String {
    crate::text::collapse_spaces(text)
}

pub(super) fn check(units: &[Unit], out: &mut Vec<Finding>) {
    // First occurrence of each source and target: (text, paragraph, sentence).
    let mut by_source: HashMap<String, (String, &str, Option<usize>)> = HashMap::new();
    let mut by_target: HashMap<String, (String, &str, Option<usize>)> = HashMap::new();
    for unit in units {
        for pair in &unit.pairs {
            let Some(en) = pair.en.filter(|en| !en.trim().is_empty()) else { continue };
            let (zh, en) = (norm(pair.zh), norm(en));
            if zh.chars().count() < MIN_CHARS || en.chars().count() < MIN_CHARS {
                continue;
            }
            let here = |what: &str, other: &(String, &str, Option<usize>)| {
                let place = match other.2 {
                    Some(n) => format!("{} s{n}", other.1),
                    None => other.1.to_string(),
                };
                Finding {
                    paragraph: unit.p.id.clone(),
                    sentence: pair.sentence,
                    check: "inconsistency",
                    severity: Severity::Warning,
                    message: format!("{what} as in {place}: \"{}\"", other.0),
                }
            };
            match by_source.get(&zh) {
                Some(first) if first.0 != en => out.push(here("the same Chinese is translated differently", first)),
                Some(_) => {}
                None => {
                    by_source.insert(zh.clone(), (en.clone(), &unit.p.id, pair.sentence));
                }
            }
            match by_target.get(&en) {
                Some(first) if first.0 != zh => out.push(here("the same English translates different Chinese", first)),
                Some(_) => {}
                None => {
                    by_target.insert(en, (zh, &unit.p.id, pair.sentence));
                }
            }
        }
    }
}
