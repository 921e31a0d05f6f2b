//! Fuzz target `pinyin`: the checks of [`duizhao::fuzzing::pinyin`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| duizhao::fuzzing::pinyin(data));
