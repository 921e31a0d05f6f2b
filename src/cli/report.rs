//! How a build's progress reads on standard error: a line per article with the files written,
//! its warnings, what translation did, and each failure with its reason.

use std::fmt;
use std::path::PathBuf;

use duizhao::batch::Report;
use duizhao::inputs::Input;
use duizhao::pipeline::Built;

/// Prints a batch's events on standard error.
pub struct Terminal;

impl Report for Terminal {
    fn built(&mut self, input: &Input, built: &Built) {
        for warning in &built.warnings {
            eprintln!("warning: {warning}");
        }
        let mut files: Vec<String> = built.written.iter().map(|p| p.display().to_string()).collect();
        // A book writes files for every chapter: the first few and the last (the book) say
        // where they all are.
        if files.len() > 8 {
            let more = files.len() - 6;
            files.splice(3..files.len() - 3, [format!("... {more} more ...")]);
        }
        if !files.is_empty() {
            eprintln!("{}: {} paragraphs -> {}", input.display(), built.paragraphs, files.join(", "));
        }
        let Some(outcome) = &built.translation else { return };
        eprintln!("{}: {outcome}", input.display());
        for note in &outcome.notes {
            eprintln!("warning: {note}");
        }
        if outcome.failed > 0 {
            eprintln!(
                "error: {}: {} paragraphs not translated (each has its reason in the JSON `error`); \
                 run again to retry them, finished ones are cached",
                input.display(),
                outcome.failed
            );
        }
        if let Some(reason) = &outcome.stopped {
            eprintln!("error: translation stopped: {reason}");
        }
    }

    fn failed(&mut self, error: &dyn fmt::Display) {
        eprintln!("error: {error}");
    }

    fn bound(&mut self, articles: usize, paths: &[PathBuf]) {
        let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        eprintln!("{articles} articles bound -> {}", paths.join(", "));
    }
}
