//! Fuzz target `replies`: the checks of [`duizhao::fuzzing::replies`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| duizhao::fuzzing::replies(data));
