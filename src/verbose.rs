//! `--verbose`: what a run does, told on standard error (inputs, formats, provider, endpoint,
//! cache, requests, files written). Off unless the command line turns it on. Messages that
//! could hold the API key go through [`crate::translate::ApiKey::redact`] first.

use std::sync::atomic::{AtomicBool, Ordering};

static ON: AtomicBool = AtomicBool::new(false);

/// Turns verbose messages on for the rest of the process.
pub fn enable() {
    ON.store(true, Ordering::Relaxed);
}

/// Whether verbose messages are on.
pub(crate) fn enabled() -> bool {
    ON.load(Ordering::Relaxed)
}

/// Prints a `format!`-style message to standard error when `--verbose` is on.
#[macro_export]
macro_rules! verbose {
    ($($arg:tt)*) => {
        if $crate::verbose::enabled() {
            eprintln!("duizhao: {}", format_args!($($arg)*));
        }
    };
}
