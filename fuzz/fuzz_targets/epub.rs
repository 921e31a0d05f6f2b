//! Fuzz target `epub`: the checks of [`duizhao::fuzzing::epub`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| duizhao::fuzzing::epub(data));
