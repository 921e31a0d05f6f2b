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
pub struct Planned {
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
    pub fn planned(&self, input: &Input, slug: &str) -> Planned {
        let dir = &self.options.out_dir;
        let mut planned = Planned::default();
        if let Input::Url(_) = input
            && let Some(save) = &self.options.save_html
        {
            planned.files.push(save.join(format!("{slug}.html")));
        }
        // A book or a feed writes its chapters (items) into a folder named after it.
        if let Input::File(path) = input
            && self.options.from.is_none()
            && is_book_or_feed(path)
        {
            planned.folders.push(dir.join(slug));
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
    pub fn check_book(&self, protected: &Protected) -> Result<()> {
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

/// Whether the file at `path` starts as an EPUB book (a zip) or a feed, which build their
/// parts into a folder.
fn is_book_or_feed(path: &Path) -> bool {
    let mut head = Vec::with_capacity(4096);
    let read = std::fs::File::open(path).and_then(|file| file.take(4096).read_to_end(&mut head));
    read.is_ok() && (ingest::epub::is_zip(&head) || ingest::feed::is_feed(&head))
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
