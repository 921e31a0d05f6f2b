//! Finding external tools for tests that need them: they run whenever the tool is present,
//! must run in CI (CI=true), and elsewhere say they were skipped.

use std::path::PathBuf;

/// The first of `candidates` that exists, or `None` after printing why the test is skipped.
/// In CI a missing tool fails the test.
pub fn require(test: &str, what: &str, candidates: &[&str]) -> Option<PathBuf> {
    if let Some(found) = candidates.iter().map(PathBuf::from).find(|p| p.exists()) {
        return Some(found);
    }
    super::skip(test, &format!("{what} not installed ({})", candidates.join(", ")));
    None
}

/// A Python that can `import module`: `DUIZHAO_PYTHON`, else `/opt/duizhao-venv/bin/python`
/// (.ci/run sets up that virtual environment). `None` after printing why the test is skipped;
/// in CI a missing package fails the test.
pub fn python_with(test: &str, module: &str, package: &str) -> Option<PathBuf> {
    let candidate = std::env::var_os("DUIZHAO_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/opt/duizhao-venv/bin/python"));
    let works = std::process::Command::new(&candidate)
        .args(["-c", &format!("import {module}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if works {
        return Some(candidate);
    }
    let reason = format!(
        "no Python with the `{package}` package at {} (set DUIZHAO_PYTHON, or: python3 -m venv /opt/duizhao-venv && \
         /opt/duizhao-venv/bin/pip install {package})",
        candidate.display()
    );
    super::skip(test, &reason);
    None
}
