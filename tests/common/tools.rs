//! Finding external tools for tests that need them: they run whenever the tool is present,
//! must run in CI (CI=true), and elsewhere say they were skipped.

use std::path::PathBuf;

/// The first of `candidates` that exists, or `None` after printing why the test is skipped.
/// In CI a missing tool fails the test.
pub fn require(test: &str, what: &str, candidates: &[&str]) -> Option<PathBuf> {
    if let Some(found) = candidates.iter().map(PathBuf::from).find(|p| p.exists()) {
        return Some(found);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{test}: {what} is missing ({}), and CI must run this test; .ci/run installs it", candidates.join(", "));
    }
    eprintln!("skipped {test}: {what} not installed ({})", candidates.join(", "));
    None
}
