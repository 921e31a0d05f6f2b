//! Fuzz target `encoding`: the checks of [`duizhao::fuzzing::encoding`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| duizhao::fuzzing::encoding(data));
