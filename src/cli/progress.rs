//! The translation progress bar, drawn on standard error when it is a terminal.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use duizhao::translate::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A bar of paragraphs translated, with the cached and failed counts.
pub struct Bar {
    bar: ProgressBar,
    cached: AtomicUsize,
}

impl Bar {
    /// A bar on standard error, or `None` when that is not a terminal (a log or a pipe gets no
    /// control characters).
    pub fn on_terminal() -> Option<Bar> {
        if !std::io::stderr().is_terminal() {
            return None;
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        let style =
            ProgressStyle::with_template("{spinner} translating [{bar:30}] {pos}/{len} paragraphs, {msg}, ETA {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
        bar.set_style(style);
        Some(Bar { bar, cached: AtomicUsize::new(0) })
    }

    fn show(&self, failed: usize) {
        self.bar.set_message(format!("{} cached, {failed} failed", self.cached.load(Ordering::Relaxed)));
    }
}

impl Progress for Bar {
    fn start(&self, paragraphs: usize, cached: usize) {
        self.cached.store(cached, Ordering::Relaxed);
        self.bar.reset();
        self.bar.set_length(paragraphs as u64);
        self.bar.set_position(cached as u64);
        self.bar.enable_steady_tick(Duration::from_millis(200));
        self.show(0);
    }

    fn advance(&self, failed: usize) {
        self.bar.inc(1);
        self.show(failed);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
