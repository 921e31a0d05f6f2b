//! Writing output files safely: each is written to a temporary file beside its target, flushed
//! to disk and renamed into place, so a reader (or a crash, or a kill at any moment) only ever
//! sees the old complete file or the new complete one. A write that fails (a full disk, a file
//! size limit) removes its temporary file and leaves the old output as it was.

use std::collections::BTreeSet;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Result};

/// The suffix of temporary files; they also start with a dot, so no output listing picks
/// them up.
const TMP_SUFFIX: &str = ".tmp";

/// Writes `contents` to `path` atomically, creating the folder if needed.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write(contents)?;
    file.commit()
}

/// An output file written piece by piece into a temporary file beside its target, which
/// [`AtomicFile::commit`] flushes to disk and renames into place. Dropped without a commit
/// (an error, a panic), the temporary file is removed and the target is left as it was.
#[derive(Debug)]
pub(crate) struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    file: Option<BufWriter<std::fs::File>>,
    written: u64,
}

impl AtomicFile {
    /// Starts writing `path`, creating its folder if needed.
    pub fn create(path: &Path) -> Result<Self> {
        // Distinguishes two writes of one file by one process (threads); the pid tells
        // processes apart and lets a later run recognise a dead process's leftovers.
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let dir = folder_of(path);
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let pid = std::process::id();
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp: PathBuf = dir.join(format!(".{name}.{pid}-{n}{TMP_SUFFIX}"));
        let file =
            std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp).map_err(|e| Error::write(path, e))?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            tmp,
            file: Some(BufWriter::with_capacity(1 << 16, file)),
            written: 0,
        })
    }

    /// The file this will become.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends `bytes`.
    pub fn write(&mut self, bytes: &[u8]) -> Result<()> {
        let file = self.file.as_mut().expect("an AtomicFile is written only before its commit");
        self.written += bytes.len() as u64;
        file.write_all(bytes).map_err(|e| Error::write(&self.path, e))
    }

    /// Flushes the file to disk and renames it into place.
    pub fn commit(mut self) -> Result<()> {
        let file = self.file.take().expect("an AtomicFile is committed once");
        let result = (|| {
            let file = file.into_inner().map_err(|e| e.into_error())?;
            file.sync_all()?;
            drop(file);
            std::fs::rename(&self.tmp, &self.path)
        })();
        result.map_err(|e| Error::write(&self.path, e))?;
        let dir = folder_of(&self.path);
        // The rename is durable once the folder itself is on disk; failing to sync a folder
        // (some file systems refuse) does not make the written file any less complete.
        if let Ok(folder) = std::fs::File::open(dir) {
            let _ = folder.sync_all();
        }
        remove_leftovers(dir);
        crate::verbose!("wrote {} ({} bytes)", self.path.display(), self.written);
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        // Committed files were renamed away; anything else is an abandoned temporary file.
        if self.file.take().is_some() || self.tmp.exists() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// The folder `path` is in ("." for a bare file name).
fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Makes a write past the file-size limit (`ulimit -f`) fail with an error that
/// [`write_atomic`] reports, instead of the signal (SIGXFSZ) that would kill the process
/// mid-run. Programs call it once at start-up.
pub fn report_write_limits() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to "ignore" is async-signal-safe and touches no
    // Rust state; it is done before any thread starts.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

/// Removes the temporary files that runs killed mid-write left in `dir`, the first time this
/// process writes there. Once is enough: a live process removes its own when a write fails,
/// and listing the folder at every file would make writing n files cost n² (a thousand
/// articles write three thousand files into one folder).
fn remove_leftovers(dir: &Path) {
    static CLEARED: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());
    if !CLEARED.lock().unwrap_or_else(|e| e.into_inner()).insert(dir.to_path_buf()) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        // `.{name}.{pid}-{n}.tmp`
        let Some(pid) = file
            .strip_prefix('.')
            .and_then(|rest| rest.strip_suffix(TMP_SUFFIX))
            .and_then(|rest| rest.rsplit_once('.'))
            .and_then(|(_, writer)| writer.split_once('-'))
            .and_then(|(pid, n)| n.parse::<u64>().ok().and(pid.parse::<u32>().ok()))
        else {
            continue;
        };
        if !process_alive(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether a process with this id runs (on systems without `/proc`, assume it does and keep
/// its file).
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        // This process writes one file at a time per name: its own leftover is stale only if
        // a write of it failed, and that write removed it already.
        return true;
    }
    !Path::new("/proc/self").exists() || Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_abandoned_file_leaves_the_earlier_output_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("doc.html");
        write_atomic(&path, b"earlier").unwrap();
        let mut file = AtomicFile::create(&path).unwrap();
        file.write(b"half of a new").unwrap();
        drop(file);
        assert_eq!(std::fs::read(&path).unwrap(), b"earlier");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "the temporary file is removed");
        let mut file = AtomicFile::create(&path).unwrap();
        file.write(b"new ").unwrap();
        file.write(b"output").unwrap();
        file.commit().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new output");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn replaces_whole_files_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.html");
        std::fs::write(&path, b"old").unwrap();
        // Dead processes' leftovers (pid 0 is never a user process), of this file and another.
        std::fs::write(dir.path().join(".a.html.0-3.tmp"), b"half").unwrap();
        std::fs::write(dir.path().join(".b.v2.json.0-7.tmp"), b"half").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["a.html"]);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.html");
        write_atomic(&path, b"old").unwrap();
        // Renaming a file over a folder fails after the data was written.
        let blocked = dir.path().join("b");
        std::fs::create_dir_all(blocked.join("x")).unwrap();
        assert!(write_atomic(&blocked, b"new").is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }
}
