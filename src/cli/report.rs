//! How a build's progress reads on standard error: a line per article with the files written,
//! its warnings, what translation did, and each failure with its reason.

use std::fmt;
use std::path::{Path, PathBuf};

use duizhao::batch::{Report, Summary};
use duizhao::inputs::Input;
use duizhao::pipeline::Built;
use duizhao::text::count;

/// Prints a batch's events on standard error as they happen, and at the end what failed, so
/// that a failure is not lost in a long run's scrolling progress.
#[derive(Default)]
pub struct Terminal {
    /// Each failure's message, in input order.
    failures: Vec<String>,
    /// Inputs built with no English anywhere and no translation asked for.
    without_english: usize,
}

impl Terminal {
    /// The run's last lines: that the editions have no English, when they have none and no
    /// translation was asked for; how many inputs were built, how many failed and why (not for
    /// a single input: its own line said it all).
    pub fn finish(&self, summary: Summary) {
        let Summary { built, failed } = summary;
        if self.without_english > 0 {
            let editions = if self.without_english == 1 { "the edition has" } else { "the editions have" };
            eprintln!(
                "note: {editions} no English: translate with --translate PROVIDER (a translation API, see \
                 README), or give a translation with --en FILE or beside the article (NAME.en.txt)"
            );
        }
        if built + failed <= 1 {
            return;
        }
        if failed == 0 {
            eprintln!("{} built", count(built, "input"));
            return;
        }
        eprintln!("{} built, {failed} failed:", count(built, "input"));
        for failure in &self.failures {
            eprintln!("  {failure}");
        }
    }
}

impl Report for Terminal {
    fn built(&mut self, input: &Input, built: &Built) {
        for warning in &built.warnings {
            eprintln!("warning: {warning}");
        }
        for note in &built.notes {
            eprintln!("note: {note}");
        }
        let mut files: Vec<String> = built.written.iter().map(|p| p.display().to_string()).collect();
        // A book writes files for every chapter: the first few and the last (the book) say
        // where they all are.
        if files.len() > 8 {
            let more = files.len() - 6;
            files.splice(3..files.len() - 3, [format!("... {more} more ...")]);
        }
        if !files.is_empty() {
            eprintln!("{}: {} -> {}", input.display(), count(built.paragraphs, "paragraph"), files.join(", "));
            if !built.english && built.translation.is_none() {
                self.without_english += 1;
            }
        }
        let Some(outcome) = &built.translation else { return };
        eprintln!("{}: {outcome}", input.display());
        for note in &outcome.notes {
            eprintln!("warning: {note}");
        }
        if outcome.failed > 0 {
            eprintln!(
                "error: {}: {} not translated (each has its reason in the JSON `error`); \
                 run again to retry them, finished ones are cached",
                input.display(),
                count(outcome.failed, "paragraph")
            );
            self.failures.push(format!("{}: {} not translated", input.display(), count(outcome.failed, "paragraph")));
        }
        if let Some(reason) = &outcome.stopped {
            eprintln!("error: translation stopped: {reason}");
            self.failures.push(format!("translation stopped: {reason}"));
        }
    }

    fn failed(&mut self, error: &dyn fmt::Display) {
        eprintln!("error: {error}");
        self.failures.push(error.to_string());
    }

    fn note(&mut self, message: &str) {
        eprintln!("note: {message}");
    }

    fn bound(&mut self, articles: usize, paths: &[PathBuf]) {
        let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        eprintln!("{} bound -> {}", count(articles, "article"), paths.join(", "));
    }

    fn indexed(&mut self, articles: usize, path: &Path) {
        eprintln!("{} listed, each reading page linked to the next -> {}", count(articles, "article"), path.display());
    }
}
