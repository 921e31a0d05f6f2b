//! Fuzz target `ingest`: the checks of [`duizhao::fuzzing::ingest`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| duizhao::fuzzing::ingest(data));
