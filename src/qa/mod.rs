//! Review checks on a translated document, the ones CAT QA tools run, adapted to Chinese to
//! English: untranslated or empty target, target identical to source, numbers, glossary,
//! inconsistency, brackets and quotes, leftover Han characters, spacing, length ratio, model
//! chatter and echoed prompts, plus the aligner's notes. Each finding names the paragraph and
//! sentence and has a severity. The report is written as `DIR/<slug>.qa.json`, and with
//! `--format qa` also as `DIR/<slug>.qa.html` ([`crate::render::qa_report`]).

mod consistency;
pub mod numbers;
mod renderings;
mod terms;
mod text_checks;

use serde::Serialize;

use crate::document::{Document, Pair, Paragraph, SentenceLink};

pub use terms::note_margins;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Almost certainly wrong.
    Error,
    /// Worth a look.
    Warning,
    /// Worth knowing and usually fine: the translation merges or splits paragraphs, or the
    /// aligner is unsure of a link that a second model of the pairing does not doubt.
    Info,
}

impl Severity {
    /// The name the JSON and the HTML report use.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One thing a reviewer should check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The paragraph id.
    pub paragraph: String,
    /// The 1-based sentence number in the paragraph, when the finding is about one sentence.
    pub sentence: Option<usize>,
    /// Which check found it: `untranslated`, `empty`, `identical`, `numbers`, `glossary`,
    /// `inconsistency`, `consistency` (a term or name rendered differently across the
    /// document), `brackets`, `han`, `spaces`, `length`, `chatter`, `alignment`.
    pub check: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
}

impl Finding {
    /// Where the finding is: `p3` or `p3 s2`.
    pub fn location(&self) -> String {
        match self.sentence {
            Some(n) => format!("{} s{n}", self.paragraph),
            None => self.paragraph.clone(),
        }
    }
}

/// The QA report of one document.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Number of translated paragraphs checked.
    pub paragraphs_checked: usize,
    /// Everything found, in paragraph order.
    pub findings: Vec<Finding>,
}

/// What one check sees of a paragraph: the paragraph and its translation pairs.
struct Unit<'a> {
    p: &'a Paragraph,
    pairs: Vec<Pair<'a>>,
}

/// Collects findings for one paragraph.
struct Sink<'a> {
    paragraph: &'a str,
    out: &'a mut Vec<Finding>,
}

impl Sink<'_> {
    fn push(&mut self, sentence: Option<usize>, check: &'static str, severity: Severity, message: String) {
        self.out.push(Finding { paragraph: self.paragraph.to_string(), sentence, check, severity, message });
    }
}

/// The finding for a sentence link the aligner is unsure of.
fn unsure_sentence(link: &SentenceLink) -> String {
    let numbers = |ids: &[usize]| ids.iter().map(usize::to_string).collect::<Vec<_>>().join(", ");
    match (link.zh.is_empty(), link.en.is_empty()) {
        (false, true) => {
            format!("Chinese sentence {} has no English partner (confidence {:.2})", numbers(&link.zh), link.confidence)
        }
        (true, _) => {
            format!("English sentence {} has no Chinese partner (confidence {:.2})", numbers(&link.en), link.confidence)
        }
        _ => format!(
            "unsure sentence link: Chinese sentence {} with English sentence {} (confidence {:.2})",
            numbers(&link.zh),
            numbers(&link.en),
            link.confidence
        ),
    }
}

/// The severity of a paragraph link's findings: a warning when a second model of the pairing
/// finds the link likely wrong ([`crate::align::doubt`]), else a note. The aligner's own
/// uncertainty (an unsure pairing, a side with no partner, a merge or split, an unsure sentence
/// link) is a poor guide by itself: on the MAC dev chapters, four in five links it is unsure
/// of are right.
fn alignment_severity(alignment: &crate::document::Alignment) -> Severity {
    if alignment.warns() { Severity::Warning } else { Severity::Info }
}

/// What a warned link's finding adds: why it is a warning.
const DOUBTED: &str = "a second model of the pairing finds this link likely wrong";

/// Runs every check on every paragraph of a translated document. A document without any
/// English gives an empty report: there is nothing to review yet.
pub fn check(doc: &Document) -> Report {
    let mut findings = Vec::new();
    if !doc.is_translated() {
        return Report { paragraphs_checked: 0, findings };
    }
    let units: Vec<Unit> = doc.paragraphs.iter().map(|p| Unit { p, pairs: p.pairs() }).collect();
    let ratios = text_checks::LengthRatios::of(&units);
    let running_on = text_checks::quotes_running_on(&units);
    let mut checked = 0;
    for (index, unit) in units.iter().enumerate() {
        let mut sink = Sink { paragraph: &unit.p.id, out: &mut findings };
        if let Some(alignment) = &unit.p.alignment {
            let severity = alignment_severity(alignment);
            let warns = severity == Severity::Warning;
            let mut said = false;
            if let Some(note) = &alignment.note {
                let message = if warns { format!("{note}; {DOUBTED}") } else { note.clone() };
                sink.push(None, "alignment", severity, message);
                said = true;
            }
            for link in alignment.unsure_sentence_links(crate::align::UNSURE) {
                sink.push(link.zh.first().copied(), "alignment", severity, unsure_sentence(link));
                said = true;
            }
            if warns && !said {
                let shown = alignment.en_paragraphs.iter().map(usize::to_string).collect::<Vec<_>>().join(", ");
                let message = format!(
                    "{DOUBTED} (confidence {:.2}): check that English paragraph {shown} is this one's",
                    alignment.confidence
                );
                sink.push(None, "alignment", severity, message);
            }
        }
        if text_checks::untranslated(unit, &mut sink) {
            continue;
        }
        checked += 1;
        text_checks::per_pair(unit, index, &running_on, &mut sink);
        numbers::check(unit, &mut sink);
        terms::check(unit, &mut sink);
        ratios.check(unit, &mut sink);
    }
    consistency::check(&units, &mut findings);
    renderings::check(&units, &mut findings);
    // Stable order: by paragraph position, then sentence.
    let position = |id: &str| doc.paragraphs.iter().position(|p| p.id == id).unwrap_or(usize::MAX);
    findings.sort_by_key(|f| (position(&f.paragraph), f.sentence.unwrap_or(0)));
    Report { paragraphs_checked: checked, findings }
}
