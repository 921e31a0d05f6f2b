//! Writing output files safely: each is written to a temporary file beside its target and
//! renamed into place, so a reader (or a crash) never sees half a file, and an earlier
//! output stays untouched until the new one is complete.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes `contents` to `path` atomically, creating the folder if needed.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write(contents)?;
    file.commit()
}

/// An output file written piece by piece into a temporary file beside its target, which
/// [`AtomicFile::commit`] renames into place. Dropped without a commit (an error, a panic),
/// the temporary file is removed and the target is left as it was.
#[derive(Debug)]
pub struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    file: Option<BufWriter<std::fs::File>>,
}

impl AtomicFile {
    /// Starts writing `path`, creating its folder if needed.
    pub fn create(path: &Path) -> Result<Self> {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let file = std::fs::File::create(&tmp).map_err(|e| Error::io(path, e))?;
        Ok(AtomicFile { path: path.to_path_buf(), tmp, file: Some(BufWriter::with_capacity(1 << 16, file)) })
    }

    /// The file this will become.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends `bytes`.
    pub fn write(&mut self, bytes: &[u8]) -> Result<()> {
        let file = self.file.as_mut().expect("an AtomicFile is written only before its commit");
        file.write_all(bytes).map_err(|e| Error::io(&self.path, e))
    }

    /// Flushes the file to disk and renames it into place.
    pub fn commit(mut self) -> Result<()> {
        let file = self.file.take().expect("an AtomicFile is committed once");
        let result = (|| {
            let file = file.into_inner().map_err(|e| e.into_error())?;
            file.sync_all()?;
            std::fs::rename(&self.tmp, &self.path)
        })();
        result.map_err(|e| Error::io(&self.path, e))
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
}
