//! Outputs never overwrite inputs. [`Protected`] holds every file a run reads (articles, their
//! translations, reviewed files, glossaries, memories), each known by its canonical path and
//! its file identity, so that a hard link or a symbolic link to an input is that input; the
//! pipeline asks it about every path it is about to write before it writes anything.

use std::path::{Component, Path, PathBuf};

/// The files a run reads.
#[derive(Debug, Clone, Default)]
pub struct Protected {
    files: Vec<Known>,
}

#[derive(Debug, Clone)]
struct Known {
    /// As the user named it, for messages.
    shown: PathBuf,
    canonical: PathBuf,
    id: Option<FileId>,
}

/// A file's device and inode: the same for every name of one file.
type FileId = (u64, u64);

impl Protected {
    /// Adds `path` (a file, or a folder such as an OmegaT project) to the files no output may
    /// overwrite. A path that does not exist protects nothing.
    pub fn add(&mut self, path: &Path) {
        let Ok(canonical) = std::fs::canonicalize(path) else { return };
        if self.files.iter().any(|k| k.canonical == canonical) {
            return;
        }
        let id = std::fs::metadata(&canonical).ok().and_then(|m| file_id(&m));
        self.files.push(Known { shown: path.to_path_buf(), canonical, id });
    }

    /// The protected file that writing `output` would replace: the same path, or another name
    /// (link) of the same file. Named as the user gave it.
    pub(crate) fn overwritten_by(&self, output: &Path) -> Option<&Path> {
        let id = std::fs::metadata(output).ok().and_then(|m| file_id(&m));
        let resolved = resolve(output);
        self.files
            .iter()
            .find(|k| (id.is_some() && k.id == id) || resolved.as_ref() == Some(&k.canonical))
            .map(|k| k.shown.as_path())
    }

    /// A protected file inside the folder `folder` (or the folder itself), which writing a
    /// folder of outputs there could replace.
    pub fn inside(&self, folder: &Path) -> Option<&Path> {
        let folder = resolve(folder)?;
        self.files.iter().find(|k| k.canonical.starts_with(&folder)).map(|k| k.shown.as_path())
    }
}

/// Where `path` is or would be: its canonical form when it exists, else the canonical form of
/// its nearest existing folder followed by the rest of the path. `None` when nothing of it
/// can be resolved.
fn resolve(path: &Path) -> Option<PathBuf> {
    let absolute = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().ok()?.join(path) };
    let mut missing: Vec<Component> = Vec::new();
    let mut existing = absolute.as_path();
    loop {
        if let Ok(canonical) = std::fs::canonicalize(existing) {
            let mut resolved = canonical;
            for component in missing.iter().rev() {
                match component {
                    Component::ParentDir => {
                        resolved.pop();
                    }
                    Component::CurDir => {}
                    other => resolved.push(other.as_os_str()),
                }
            }
            return Some(resolved);
        }
        missing.push(existing.components().next_back()?);
        existing = existing.parent()?;
    }
}

#[cfg(unix)]
fn file_id(meta: &std::fs::Metadata) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_id(_meta: &std::fs::Metadata) -> Option<FileId> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_file_by_any_name_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("a.html");
        std::fs::write(&input, "<p>正文</p>").unwrap();
        let mut protected = Protected::default();
        protected.add(&input);
        assert_eq!(protected.overwritten_by(&input), Some(input.as_path()));
        // Through "..", a hard link and a symbolic link.
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        assert_eq!(protected.overwritten_by(&sub.join("../a.html")), Some(input.as_path()));
        std::fs::hard_link(&input, dir.path().join("hard.html")).unwrap();
        assert_eq!(protected.overwritten_by(&dir.path().join("hard.html")), Some(input.as_path()));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&input, dir.path().join("soft.html")).unwrap();
            assert_eq!(protected.overwritten_by(&dir.path().join("soft.html")), Some(input.as_path()));
            std::os::unix::fs::symlink(dir.path(), dir.path().join("again")).unwrap();
            assert_eq!(protected.overwritten_by(&dir.path().join("again/a.html")), Some(input.as_path()));
        }
        // Other names, and paths that do not exist yet, are free.
        assert_eq!(protected.overwritten_by(&dir.path().join("a.md")), None);
        assert_eq!(protected.overwritten_by(&dir.path().join("new/deeper/a.html")), None);
    }

    #[test]
    fn a_folder_of_outputs_over_an_input_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("book");
        std::fs::create_dir(&book).unwrap();
        let chapter = book.join("01-a.html");
        std::fs::write(&chapter, "<p>正文</p>").unwrap();
        let mut protected = Protected::default();
        protected.add(&chapter);
        protected.add(&dir.path().join("missing.txt"));
        assert_eq!(protected.inside(&book), Some(chapter.as_path()));
        assert_eq!(protected.inside(&dir.path().join("other")), None);
        assert_eq!(protected.inside(&dir.path().join("book.omegat")), None);
    }
}
