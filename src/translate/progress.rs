//! What a translation run tells whoever shows its progress. The library draws nothing itself:
//! the command line shows a bar on a terminal, another program may log or ignore it.

/// Receives a translation run's progress; called from the run's tasks, so it is shared.
pub trait Progress: Send + Sync {
    /// A run starts: `paragraphs` need English, `cached` of them were answered by the cache.
    fn start(&self, paragraphs: usize, cached: usize);
    /// One more paragraph is done, translated or failed; `failed` is the count of failures so far.
    fn advance(&self, failed: usize);
    /// The run is over (also after a stop); whatever was drawn can go.
    fn finish(&self);
}
