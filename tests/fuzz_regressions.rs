//! Replays the fuzz targets' committed inputs under plain `cargo test`: the seed corpora
//! (`fuzz/seeds/<target>/`) and every input that once broke an invariant
//! (`fuzz/regressions/<target>/`), through the same checks the fuzz targets run.

use std::path::Path;

#[test]
fn committed_fuzz_inputs_pass_every_check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut replayed = 0;
    for (name, check) in duizhao::fuzzing::TARGETS {
        for kind in ["seeds", "regressions"] {
            let Ok(entries) = std::fs::read_dir(root.join(kind).join(name)) else {
                continue;
            };
            let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
            files.sort();
            for file in files {
                let data = std::fs::read(&file).unwrap();
                let outcome = std::panic::catch_unwind(|| check(&data));
                assert!(outcome.is_ok(), "{name}: {} breaks an invariant", file.display());
                replayed += 1;
            }
        }
    }
    assert!(replayed >= duizhao::fuzzing::TARGETS.len(), "the seed corpora are missing");
}
