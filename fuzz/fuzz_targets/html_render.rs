//! Fuzz target `html_render`: the checks of [`duizhao::fuzzing::html_render`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| duizhao::fuzzing::html_render(data));
