//! Review checks on a translated document: glossary compliance and numbers, plus the
//! aligner's notes. Each finding names the paragraph and has a severity; the report is
//! written as `DIR/<slug>.qa.json` beside the other outputs.

use serde::Serialize;

use crate::align::attach::core_rendering;
use crate::document::{Document, Paragraph};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Almost certainly wrong.
    Error,
    /// Worth a look.
    Warning,
}

/// One thing a reviewer should check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The paragraph id.
    pub paragraph: String,
    /// Which check found it: `glossary`, `numbers`, `alignment`.
    pub check: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
}

/// The QA report of one document.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Number of translated paragraphs checked.
    pub paragraphs_checked: usize,
    /// Everything found, in paragraph order.
    pub findings: Vec<Finding>,
}

/// Runs every check on every translated paragraph.
pub fn check(doc: &Document) -> Report {
    let mut findings = Vec::new();
    let mut checked = 0;
    for p in &doc.paragraphs {
        if let Some(note) = p.alignment.as_ref().and_then(|a| a.note.as_ref()) {
            findings.push(finding(p, "alignment", Severity::Warning, note.clone()));
        }
        let Some(en) = &p.en else { continue };
        checked += 1;
        glossary(p, en, &mut findings);
        numbers(p, en, &mut findings);
    }
    Report { paragraphs_checked: checked, findings }
}

fn finding(p: &Paragraph, check: &'static str, severity: Severity, message: String) -> Finding {
    Finding { paragraph: p.id.clone(), check, severity, message }
}

/// Every glossary term in the Chinese must have its English rendering in the English.
fn glossary(p: &Paragraph, en: &str, out: &mut Vec<Finding>) {
    for (term, english) in glossary_misses(p, en) {
        let message = format!("glossary term {term} should be rendered \"{english}\"");
        out.push(finding(p, "glossary", Severity::Error, message));
    }
}

/// The glossary terms of a paragraph whose rendering its English `en` lacks, each once, as
/// (term, the glossary's English).
pub fn glossary_misses(p: &Paragraph, en: &str) -> Vec<(String, String)> {
    let english = en.to_lowercase();
    let mut misses: Vec<(String, String)> = Vec::new();
    for token in &p.tokens {
        let Some(g) = &token.glossary else { continue };
        let core = core_rendering(&g.english);
        if !core.is_empty() && !english.contains(&core) && !misses.iter().any(|(t, _)| t == &token.text) {
            misses.push((token.text.clone(), g.english.clone()));
        }
    }
    misses
}

/// Every number written in digits in the Chinese must appear in the English.
fn numbers(p: &Paragraph, en: &str, out: &mut Vec<Finding>) {
    let en_numbers = digit_runs(en);
    for number in digit_runs(&p.zh) {
        if !en_numbers.contains(&number) {
            out.push(finding(
                p,
                "numbers",
                Severity::Error,
                format!("the number {number} is missing from the English"),
            ));
        }
    }
}

/// Runs of ASCII or full-width digits, thousands separators removed (`35,000` -> `35000`).
fn digit_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let digit = match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            _ => None,
        };
        match digit {
            Some(d) => current.push(d),
            None if c == ',' && !current.is_empty() && chars.peek().is_some_and(|n| n.is_ascii_digit()) => {}
            None => {
                if !current.is_empty() {
                    runs.push(std::mem::take(&mut current));
                }
            }
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits() {
        assert_eq!(
            digit_runs("20年前有３５,０００人, and 35,000 people in 2025."),
            ["20", "35", "000", "35000", "2025"]
        );
    }
}
