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
    "glossary_files",
    "cat",
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

/// The names that follow each `prefix` in `source` outside comments and its test module:
/// `prefix` `a::b` gives `a`, `prefix` `{a, b::c}` gives `a` and `b`.
fn names_after(source: &str, prefix: &str) -> BTreeSet<String> {
    let code = source.split("#[cfg(test)]").next().unwrap_or(source);
    let mut found = BTreeSet::new();
    let name =
        |text: &str| -> String { text.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect() };
    for line in code.lines().map(str::trim).filter(|l| !l.starts_with("//")) {
        let mut rest = line;
        while let Some(at) = rest.find(prefix) {
            rest = &rest[at + prefix.len()..];
            match rest.strip_prefix('{') {
                Some(group) => found.extend(group.split('}').next().unwrap_or("").split(',').map(name)),
                None => {
                    found.insert(name(rest));
                }
            }
        }
    }
    found
}

#[test]
fn files_of_a_module_import_no_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    // Each folder's files but its mod.rs, and the siblings each one uses.
    let mut folders: std::collections::BTreeMap<std::path::PathBuf, Vec<std::path::PathBuf>> = Default::default();
    for file in files.into_iter().filter(|f| f.file_name().is_some_and(|n| n != "mod.rs")) {
        folders.entry(file.parent().unwrap().to_path_buf()).or_default().push(file);
    }
    let mut circles = Vec::new();
    for (folder, files) in folders {
        let module = folder.strip_prefix(&src).unwrap().to_string_lossy().replace('/', "::");
        let stem = |f: &Path| f.file_stem().unwrap().to_string_lossy().into_owned();
        let siblings: BTreeSet<String> = files.iter().map(|f| stem(f)).collect();
        let uses: std::collections::BTreeMap<String, BTreeSet<String>> = files
            .iter()
            .map(|f| {
                let source = std::fs::read_to_string(f).unwrap();
                let mut used = names_after(&source, "super::");
                used.extend(names_after(&source, &format!("crate::{module}::")));
                (stem(f), used.intersection(&siblings).filter(|u| **u != stem(f)).cloned().collect())
            })
            .collect();
        // A circle is a sibling that reaches itself.
        for start in &siblings {
            let mut stack: Vec<&String> = uses[start].iter().collect();
            let mut seen = BTreeSet::new();
            while let Some(next) = stack.pop() {
                if next == start {
                    circles.push(format!("{module}: {start} imports itself through its siblings"));
                    break;
                }
                if seen.insert(next) {
                    stack.extend(uses.get(next).into_iter().flatten());
                }
            }
        }
    }
    assert!(circles.is_empty(), "{}", circles.join("\n"));
}

#[test]
fn the_sibling_reader_finds_every_form() {
    let source =
        "use super::{page, notes::Notes};\nuse crate::render::study::TONE;\n// super::x\n#[cfg(test)]\nuse super::y;";
    assert_eq!(names_after(source, "super::").into_iter().collect::<Vec<_>>(), ["notes", "page"]);
    assert_eq!(names_after(source, "crate::render::").into_iter().collect::<Vec<_>>(), ["study"]);
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
