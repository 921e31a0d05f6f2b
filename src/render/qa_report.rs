//! The QA report as a page for people (`--format qa` writes `<slug>.qa.html`): a summary by
//! check and severity, then every error and warning with the Chinese and English it is about,
//! then, folded away, the notes.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::document::Document;
use crate::qa::{Finding, Report, Severity, check};
use crate::render::Renderer;
use crate::render::markup::escape;

/// Renders the QA report of a document as HTML.
pub(crate) struct QaRenderer;

impl Renderer for QaRenderer {
    fn extension(&self) -> &'static str {
        "qa.html"
    }

    fn render(&self, doc: &Document) -> String {
        render(doc, &check(doc))
    }
}

/// The Chinese and English a finding is about: its sentence pair, else its paragraph.
fn context<'d>(doc: &'d Document, f: &Finding) -> (&'d str, &'d str) {
    let Some(p) = doc.paragraphs.iter().find(|p| p.id == f.paragraph) else { return ("", "") };
    let pair = p.pairs().into_iter().find(|pair| f.sentence.is_some() && pair.sentence == f.sentence);
    if let Some((zh, Some(en))) = pair.map(|pair| (pair.zh, pair.en)) {
        return (zh, en);
    }
    (p.zh.as_str(), p.en.as_deref().unwrap_or(""))
}

/// The page for `report` of `doc`.
pub fn render(doc: &Document, report: &Report) -> String {
    let title = doc.meta.title.as_deref().unwrap_or("Untitled");
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"{}\">\n<title>QA: {}</title>\n<style>\n\
         body{{font-family:sans-serif;margin:2em;max-width:70em}}table{{border-collapse:collapse;width:100%}}\
         td,th{{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}}\
         .error{{color:#a00;font-weight:bold}}.warning{{color:#a60}}.info{{color:#555}}td.zh{{font-family:serif}}summary h2{{display:inline}}\n</style>\n</head>\n<body>\n",
        super::GENERATOR,
        escape(title)
    );
    let count = |severity: Severity| report.findings.iter().filter(|f| f.severity == severity).count();
    let _ = writeln!(
        out,
        "<h1>QA report: {}</h1>\n<p>{} checked: {}, {}, {}.</p>",
        escape(title),
        crate::text::count(report.paragraphs_checked, "paragraph"),
        crate::text::count(count(Severity::Error), "error"),
        crate::text::count(count(Severity::Warning), "warning"),
        crate::text::count(count(Severity::Info), "note")
    );
    if report.findings.is_empty() {
        out.push_str("<p>No findings.</p>\n</body>\n</html>\n");
        return out;
    }
    // Per check: errors and warnings, and notes.
    let mut by_check: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for f in &report.findings {
        let counts = by_check.entry(f.check).or_default();
        if f.severity == Severity::Info { counts.1 += 1 } else { counts.0 += 1 }
    }
    out.push_str("<h2>By check</h2>\n<ul>\n");
    for (name, (findings, notes)) in by_check {
        let notes = if notes > 0 { format!(" ({notes} notes)") } else { String::new() };
        let _ = writeln!(out, "<li>{name}: {findings}{notes}</li>");
    }
    out.push_str("</ul>\n");
    // What needs a look comes first; the notes (sure merges and splits) are folded away.
    let (notes, findings): (Vec<&Finding>, Vec<&Finding>) =
        report.findings.iter().partition(|f| f.severity == Severity::Info);
    if !findings.is_empty() {
        out.push_str("<h2>Findings</h2>\n");
        table(&mut out, doc, &findings);
    }
    if !notes.is_empty() {
        let _ = writeln!(
            out,
            "<details>\n<summary><h2>Notes ({})</h2> paragraphs the translation merges or splits, paired with \
             confidence</summary>",
            notes.len()
        );
        table(&mut out, doc, &notes);
        out.push_str("</details>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// A table of `findings`, each with the Chinese and English it is about.
fn table(out: &mut String, doc: &Document, findings: &[&Finding]) {
    out.push_str("<table>\n<tr><th>Where</th><th>Severity</th><th>Check</th><th>Finding</th><th>Chinese</th><th>English</th></tr>\n");
    for f in findings {
        let severity = f.severity.name();
        let (zh, en) = context(doc, f);
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"{severity}\">{severity}</td><td>{}</td><td>{}</td><td class=\"zh\" lang=\"zh\">{}</td><td>{}</td></tr>",
            escape(&f.location()),
            f.check,
            escape(&f.message),
            escape(zh),
            escape(en)
        );
    }
    out.push_str("</table>\n");
}
