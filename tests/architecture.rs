//! The library's modules import downwards only (README, "Architecture"): each top-level module
//! may use the modules listed before it in [`LAYERS`] and none after it, so there are no import
//! cycles and a reader can learn the code from the bottom up. Unit tests (`#[cfg(test)]` at the
//! end of a file) may use anything.

use std::collections::BTreeSet;
use std::path::Path;

/// The library's top-level modules, bottom first.
const LAYERS: &[&str] = &[
    "text",
    "notation",
    "error",
    "verbose",
    "output",
    "protected",
    "retry",
    "prefetch",
    "document",
    "dict",
    "ingest",
    "inputs",
    "segment",
    "readings",
    "annotate",
    "transcribe",
    "align",
    "glossary",
    "review",
    "translate",
    "fetch",
    "qa",
    "vocabulary",
    "render",
    "pipeline",
    "batch",
    "serve",
    "fuzzing",
];

/// Every `crate::NAME` a source text uses outside comments and its test module.
fn imports(source: &str) -> BTreeSet<String> {
    let code = source.split("#[cfg(test)]").next().unwrap_or(source);
    let mut found = BTreeSet::new();
    for line in code.lines().map(str::trim).filter(|l| !l.starts_with("//")) {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // `use crate::{a, b::c};` names several modules.
                let inner = group.split('}').next().unwrap_or("");
                for item in inner.split(',') {
                    let name: String = item.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                    if !name.is_empty() && name != "self" {
                        found.insert(name);
                    }
                }
            } else {
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                found.insert(name);
            }
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The crate root's re-exports (`pub use dict::glossary::Glossary;`): each name and the module
/// it comes from, so that `crate::Glossary` counts as a use of `dict`.
fn reexports(lib: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in lib.lines().filter_map(|l| l.trim().strip_prefix("pub use ")) {
        let path = line.trim_end_matches(';');
        let module = path.split("::").next().unwrap_or("").to_string();
        let names = path.rsplit("::").next().unwrap_or("").trim_matches(|c| c == '{' || c == '}');
        out.extend(names.split(',').map(|n| (n.trim().to_string(), module.clone())));
    }
    out
}

#[test]
fn modules_import_downwards_only() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let reexported = reexports(&std::fs::read_to_string(src.join("lib.rs")).unwrap());
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    let mut seen = BTreeSet::new();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap();
        let top =
            relative.components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_string();
        if top == "lib" || top == "main" || top == "cli" {
            continue; // the crate root and the binary sit above everything
        }
        let Some(level) = LAYERS.iter().position(|m| *m == top) else {
            wrong.push(format!("{}: module `{top}` is missing from LAYERS", relative.display()));
            continue;
        };
        seen.insert(top.clone());
        for used in imports(&std::fs::read_to_string(&file).unwrap()) {
            let used = reexported.iter().find(|(name, _)| *name == used).map_or(used, |(_, module)| module.clone());
            if used == top {
                continue;
            }
            match LAYERS.iter().position(|m| *m == used) {
                Some(other) if other < level => {}
                Some(_) => wrong.push(format!("{}: `{top}` imports `{used}`, which is above it", relative.display())),
                None => wrong.push(format!("{}: `crate::{used}` is not a module in LAYERS", relative.display())),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Every layer names a module that exists, so the list cannot rot.
    let missing: Vec<&&str> = LAYERS.iter().filter(|m| !seen.contains(**m)).collect();
    assert!(missing.is_empty(), "LAYERS names modules that do not exist: {missing:?}");
}

#[test]
fn reexports_name_their_module() {
    let found = reexports("pub use error::{Error, Result};\npub use dict::glossary::Glossary;\nmod x;");
    let expected = [("Error", "error"), ("Result", "error"), ("Glossary", "dict")];
    assert_eq!(found, expected.map(|(a, b)| (a.to_string(), b.to_string())));
}

#[test]
fn the_import_reader_finds_every_form() {
    let source = "use crate::text::is_han;\nuse crate::{dict, notation::Style};\n// crate::render in a comment\n\
                  let x = crate::segment::words(a);\n#[cfg(test)]\nmod tests { use crate::batch; }";
    let found: Vec<String> = imports(source).into_iter().collect();
    assert_eq!(found, ["dict", "notation", "segment", "text"]);
}
