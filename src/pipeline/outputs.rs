//! The paths a build will write, known before it writes anything, so that an output that would
//! replace a file the run reads stops that input first ([`Pipeline::check_outputs`]).

use std::io::Read;
use std::path::{Path, PathBuf};

use super::Pipeline;
use crate::error::{Error, Result};
use crate::ingest;
use crate::inputs::{Input, reviews_of, translation_of};
use crate::output::write_atomic;
use crate::protected::Protected;
use crate::render::{self, OutputFormat};

/// What building one input writes: files, and folders whose every file is an output.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Planned {
    /// Output files.
    pub files: Vec<PathBuf>,
    /// Output folders (an OmegaT project, a book's or a feed's chapters).
    pub folders: Vec<PathBuf>,
}

impl Pipeline {
    /// Every file the run of `inputs` reads: the inputs, the translations and reviewed files
    /// beside them, `--en`, and the other files the options name (glossaries, memories...).
    pub fn protected(&self, inputs: &[Result<Input>]) -> Protected {
        let mut protected = Protected::default();
        for input in inputs.iter().flatten() {
            if let Input::File(path) = input {
                protected.add(path);
                translation_of(path).iter().chain(&reviews_of(path)).for_each(|p| protected.add(p));
            }
        }
        self.options.en.iter().chain(&self.options.reads).for_each(|p| protected.add(p));
        protected
    }

    /// What building `input` as `slug` writes.
    pub(crate) fn planned(&self, input: &Input, slug: &str) -> Planned {
        let dir = &self.options.out_dir;
        let mut planned = Planned::default();
        if let Input::Url(_) = input
            && let Some(save) = &self.options.save_html
        {
            // A page is kept as HTML, a feed as it came.
            planned.files.extend(["html", "xml"].map(|ext| save.join(format!("{slug}.{ext}"))));
        }
        // A book or a feed writes its chapters (items) into a folder named after it, and a
        // book is bound into `slug.epub` whatever the formats.
        let parts = match input {
            Input::File(path) if self.options.from.is_none() => parts_of(path),
            _ => None,
        };
        if let Some(parts) = parts {
            planned.folders.push(dir.join(slug));
            if parts == Parts::Chapters && self.options.book.is_none() {
                planned.files.push(dir.join(format!("{slug}.epub")));
            }
        }
        planned.files.push(dir.join(format!("{slug}.qa.json")));
        for format in &self.options.formats {
            // The run's book (`--book`) binds these once, checked by [`Pipeline::check_book`].
            if self.options.book.is_some() && matches!(format, OutputFormat::Epub | OutputFormat::Omegat) {
                continue;
            }
            match format.renderer_for(slug, &self.options.study, &self.options.edition) {
                Some(renderer) => planned.files.push(dir.join(format!("{slug}.{}", renderer.extension()))),
                None => planned.folders.push(dir.join(format!("{slug}.omegat"))),
            }
        }
        planned
    }

    /// Checks that building `input` as `slug` writes over no file in `protected`: an error
    /// naming the input, the output and the file it would replace.
    pub fn check_outputs(&self, input: &Input, slug: &str, protected: &Protected) -> Result<()> {
        let planned = self.planned(input, slug);
        let clash = |output: &Path, clashes: &Path| Error::OverwritesInput {
            input: input.path(),
            output: output.to_path_buf(),
            clashes: clashes.to_path_buf(),
        };
        for file in &planned.files {
            if let Some(clashes) = protected.overwritten_by(file) {
                return Err(clash(file, clashes));
            }
        }
        for folder in &planned.folders {
            if let Some(clashes) = protected.inside(folder) {
                return Err(clash(folder, clashes));
            }
        }
        Ok(())
    }

    /// Checks that the run's book (`--book`) writes over no file in `protected`.
    pub(crate) fn check_book(&self, protected: &Protected) -> Result<()> {
        let (epub, project) = self.book_paths();
        let clashes = protected.overwritten_by(&epub).map(|c| (epub.clone(), c)).or_else(|| {
            let omegat = self.options.formats.contains(&OutputFormat::Omegat);
            omegat.then(|| protected.inside(&project).map(|c| (project.clone(), c))).flatten()
        });
        match clashes {
            Some((output, clashes)) => Err(Error::OverwritesInput {
                input: PathBuf::from(format!("book {:?}", self.options.book.as_deref().unwrap_or("Untitled"))),
                output,
                clashes: clashes.to_path_buf(),
            }),
            None => Ok(()),
        }
    }
}

/// What an input file is made of, when it is built in parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parts {
    /// An EPUB book's chapters.
    Chapters,
    /// A feed's items.
    Items,
}

/// Whether the file at `path` starts as an EPUB book (a zip) or a feed, which build their
/// parts into a folder.
fn parts_of(path: &Path) -> Option<Parts> {
    let mut head = Vec::with_capacity(ingest::feed::HEAD_BYTES);
    let bytes = ingest::feed::HEAD_BYTES as u64;
    std::fs::File::open(path).and_then(|file| file.take(bytes).read_to_end(&mut head)).ok()?;
    if ingest::epub::is_zip(&head) {
        Some(Parts::Chapters)
    } else if ingest::feed::is_feed(&head) {
        Some(Parts::Items)
    } else {
        None
    }
}
/// Writes `files` once each is checked whole and well-formed ([`render::check`]), and the
/// OmegaT projects' `folders` (with their empty subfolders); returns the paths written, the
/// files then the folders. A file that fails the check writes nothing at all.
pub(super) fn write_whole(files: Vec<(PathBuf, Vec<u8>)>, folders: Vec<PathBuf>) -> Result<Vec<PathBuf>> {
    for (path, bytes) in &files {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        render::check::well_formed(&name, bytes).map_err(|detail| Error::Malformed { path: path.clone(), detail })?;
    }
    for folder in &folders {
        for sub in render::omegat::FOLDERS {
            let path = folder.join(sub);
            std::fs::create_dir_all(&path).map_err(|e| Error::write(&path, e))?;
        }
    }
    let mut written = Vec::new();
    for (path, bytes) in files {
        write_atomic(&path, &bytes)?;
        // A project's files are named by their folder.
        if !folders.iter().any(|f| path.starts_with(f)) {
            written.push(path);
        }
    }
    written.extend(folders);
    Ok(written)
}
