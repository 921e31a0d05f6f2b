//! Outputs survive being killed and running out of space: a build killed with SIGKILL at any
//! moment leaves every output file either its old complete version or its new complete
//! version, and a build that cannot write (a file-size limit, as on a full disk) says so
//! clearly and leaves the earlier outputs as they were, with no temporary file behind.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use common::*;

/// The seed article, copied with its English into a fresh folder.
fn article_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    for name in ["000_9cd979bd4177cabe.txt", "000_9cd979bd4177cabe.en.md"] {
        std::fs::copy(root().join("seeds").join(name), dir.path().join(name)).unwrap();
    }
    let input = dir.path().join("000_9cd979bd4177cabe.txt");
    (dir, input)
}

fn build_command(input: &Path, out: &Path, pinyin: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_duizhao"));
    cmd.args(["build", "--pinyin", pinyin, "-o"])
        .arg(out)
        .arg(input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

/// The files of a folder by name: outputs, and separately the temporary files.
fn contents(dir: &Path) -> (BTreeMap<String, Vec<u8>>, Vec<String>) {
    let mut outputs = BTreeMap::new();
    let mut temporary = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.ends_with(".tmp") {
            temporary.push(name);
        } else {
            outputs.insert(name, std::fs::read(entry.path()).unwrap());
        }
    }
    (outputs, temporary)
}

fn restore(dir: &Path, files: &BTreeMap<String, Vec<u8>>) {
    std::fs::remove_dir_all(dir).unwrap();
    std::fs::create_dir_all(dir).unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

#[test]
fn sigkill_at_any_moment_leaves_old_or_new_complete_files() {
    let (work, input) = article_dir();
    let out = work.path().join("out");
    let fresh = work.path().join("fresh");
    // The old version (numbered pinyin) and the new one (tone marks) differ in html, md and
    // json (the QA report is the same in both).
    let status = build_command(&input, &out, "numbers").status().unwrap();
    assert!(status.success());
    let started = Instant::now();
    assert!(build_command(&input, &fresh, "marks").status().unwrap().success());
    let duration = started.elapsed();
    let (old, _) = contents(&out);
    let (new, _) = contents(&fresh);
    assert_eq!(old.keys().collect::<Vec<_>>(), new.keys().collect::<Vec<_>>());
    assert!(old.len() >= 4, "html, md, json and the QA report: {:?}", old.keys());
    for ext in ["html", "md", "json"] {
        let name = format!("000_9cd979bd4177cabe.{ext}");
        assert_ne!(old[&name], new[&name], "{name}: the two versions must differ");
    }

    // Kill moments spread over the whole run, a little beyond its end.
    let kills = 30;
    let mut saw = (0, 0, 0);
    for i in 0..kills {
        restore(&out, &old);
        let delay = duration.mul_f64(1.2 * i as f64 / kills as f64);
        let mut child = build_command(&input, &out, "marks").spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let (now, temporary) = contents(&out);
        assert_eq!(now.keys().collect::<Vec<_>>(), old.keys().collect::<Vec<_>>(), "kill after {delay:?}");
        for (name, bytes) in &now {
            if bytes == &old[name] {
                saw.0 += 1;
            } else if bytes == &new[name] {
                saw.1 += 1;
            } else {
                panic!("{name} is neither the old nor the new version after a kill at {delay:?}");
            }
        }
        saw.2 += temporary.len();
    }
    assert!(saw.0 > 0 && saw.1 > 0, "kills landed before and after the writes: {saw:?}");

    // The next complete run clears what killed runs left behind.
    assert!(build_command(&input, &out, "marks").status().unwrap().success());
    let (now, temporary) = contents(&out);
    assert_eq!(now, new);
    assert!(temporary.is_empty(), "temporary files left: {temporary:?}");
}

#[cfg(unix)]
#[test]
fn a_write_past_the_size_limit_is_a_clear_error_and_keeps_earlier_outputs() {
    let (work, input) = article_dir();
    let out = work.path().join("out");
    assert!(build_command(&input, &out, "numbers").status().unwrap().success());
    let (before, _) = contents(&out);
    // 32 KiB: the smallest outputs fit, the big ones (html, json) do not. SIGXFSZ would kill the
    // process; duizhao ignores it, so the write fails with an error instead.
    let script = format!(
        "ulimit -f 32; exec '{}' build --pinyin marks -o '{}' '{}'",
        env!("CARGO_BIN_EXE_duizhao"),
        out.display(),
        input.display()
    );
    let output = Command::new("bash").args(["-c", &script]).stdin(Stdio::null()).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("could not write the file") && stderr.contains("larger than the system allows"),
        "{stderr}"
    );
    assert!(stderr.contains("the earlier version, if any, is unchanged"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let (after, temporary) = contents(&out);
    assert!(temporary.is_empty(), "temporary files left: {temporary:?}");
    assert_eq!(after.keys().collect::<Vec<_>>(), before.keys().collect::<Vec<_>>());
    for (name, bytes) in &after {
        // Each file is whole: the old version, or a new one that fit under the limit.
        assert!(bytes == &before[name] || bytes.len() <= 32 * 1024, "{name} was damaged");
    }
    assert!(after.iter().any(|(name, bytes)| bytes == &before[name] && bytes.len() > 32 * 1024));
}
