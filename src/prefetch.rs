//! Asking the processor for memory ahead of use. Annotating a text reads big tables (the
//! lexicon's trie, the formatted pinyin cache) at places that look random to the processor, and
//! waits for memory at each; where the code knows a read is coming, it asks early.

/// Asks the processor to bring the cache line holding `value` into its caches. A hint only:
/// it changes no result.
#[inline]
pub(crate) fn prefetch<T: ?Sized>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint: it reads nothing into the program and cannot fault,
    // whatever the address (and this one is a live reference).
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>((value as *const T).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}
