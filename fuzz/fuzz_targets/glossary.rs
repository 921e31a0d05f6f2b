//! Fuzz target `glossary`: the checks of [`duizhao::fuzzing::glossary`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| duizhao::fuzzing::glossary(data));
