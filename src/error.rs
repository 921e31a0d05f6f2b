//! The library's errors. Each names the file (and line, where there is one) and says what to do.

use std::path::PathBuf;

/// Everything that can go wrong while building a document.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// An output file could not be written; the earlier version, if any, is unchanged.
    #[error("{path}: could not write the file ({source}){hint}; the earlier version, if any, is unchanged")]
    Write {
        /// The output file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
        /// What to do about it, when the cause is known.
        hint: &'static str,
    },
    /// The input holds no bytes, or only white space.
    #[error("{path}: the file is empty; give an article in HTML, Markdown or plain text")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The input looks like a binary file rather than text.
    #[error("{path}: this looks like a binary file ({detail}), not an article; give HTML, Markdown or plain text")]
    Binary {
        /// The file.
        path: PathBuf,
        /// What gave it away.
        detail: String,
    },
    /// The bytes are not text in any encoding duizhao reads.
    #[error("{path}: {detail}; save the file as UTF-8, GB18030/GBK or Big5")]
    Encoding {
        /// The file.
        path: PathBuf,
        /// What is wrong and where.
        detail: String,
    },
    /// The input is larger than duizhao reads ([`crate::ingest::MAX_INPUT_BYTES`]).
    #[error(
        "{path}: the input is {size} bytes; duizhao reads articles of up to {max} bytes (annotating takes about 80 \
         times the input's size in memory; only plain text is streamed at any size): split it into smaller files"
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// The input parsed but had no paragraphs of body text.
    #[error("{path}: no body text found ({format} input); {}", no_content_hint(format))]
    NoContent {
        /// The file.
        path: PathBuf,
        /// The format it was read as.
        format: String,
    },
    /// A glossary line could not be read.
    #[error("{path}:{line}: {message}")]
    Glossary {
        /// The glossary file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// The input is over the size that is held in memory ([`crate::pipeline::STREAM_THRESHOLD`]),
    /// so it was streamed, and something asked for needs the whole document.
    #[error("{path}: {detail}")]
    NeedsWholeDocument {
        /// The file.
        path: PathBuf,
        /// What could not be done, what was, and what to do.
        detail: String,
    },
    /// A reviewed translation (XLIFF, TMX, an OmegaT project) or translation memory that cannot
    /// be used: malformed, in another language pair, or neither format.
    #[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Review {
        /// The file.
        path: PathBuf,
        /// 1-based line number, where the problem has one.
        line: Option<usize>,
        /// What is wrong and what to do.
        message: String,
    },
    /// The translation service could not be used (its preflight failed) for an input that needs
    /// it; nothing was written for the input and the run stops.
    #[error("{reason}")]
    TranslationUnavailable {
        /// What the service or the connection said, and what to change.
        reason: String,
    },
    /// Two texts given as sentence pairs, a line each, that do not pair up line by line.
    #[error("{path}: {message}")]
    Unpaired {
        /// The second text.
        path: PathBuf,
        /// Where the texts part, and what to do.
        message: String,
    },
    /// An EPUB book that cannot be read: not a zip, parts missing, or encrypted (DRM).
    #[error("{path}: {message}")]
    Book {
        /// The book file.
        path: PathBuf,
        /// What is wrong, where in the book, and what to do.
        message: String,
    },
    /// An RSS or Atom feed that cannot be built: not well-formed XML, or no item with text.
    #[error("{path}{}: {message}", position.map(|(line, column)| format!(":{line}:{column}")).unwrap_or_default())]
    Feed {
        /// The feed file (or its URL).
        path: PathBuf,
        /// 1-based line and column of the problem, where it has one.
        position: Option<(u32, u32)>,
        /// What is wrong and what to do.
        message: String,
    },
    /// Writing an output of the run would replace a file the run reads (an article, its
    /// translation, a glossary): nothing was written for the input.
    #[error(
        "{input}: not built: its output {output} would overwrite {}; nothing was written for it: choose another \
         output folder with -o DIR",
        if clashes == input { "the input itself".to_string() } else { format!("{}, which this run reads", clashes.display()) }
    )]
    OverwritesInput {
        /// The input whose output clashes.
        input: PathBuf,
        /// The output path (a file, or a folder of outputs).
        output: PathBuf,
        /// The file read by the run that the output would replace.
        clashes: PathBuf,
    },
    /// The collection's index would replace a file that duizhao did not write.
    #[error(
        "{path}: not written: the file is there and was not made by duizhao, and the collection's index would replace \
         it; move it, write to another folder with -o DIR, or leave the index out with --no-site"
    )]
    ForeignFile {
        /// The file.
        path: PathBuf,
    },
    /// An output would not be whole or well-formed (XML that does not parse, an incomplete
    /// EPUB, a forbidden character): nothing was written for the input.
    #[error("{path}: not written, the file would not be well-formed ({detail}); nothing was written for this input")]
    Malformed {
        /// The output file.
        path: PathBuf,
        /// What is wrong and where.
        detail: String,
    },
    /// A path given on the command line is neither a file nor a folder.
    #[error("{path}: no such file or folder")]
    NotFound {
        /// The path.
        path: PathBuf,
    },
}

impl Error {
    /// Wraps an I/O error with the file it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }

    /// An output file could not be written.
    pub fn write(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        use std::io::ErrorKind;
        let hint = match source.kind() {
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => ": the disk is full or over quota; free some space",
            ErrorKind::FileTooLarge => ": the file is larger than the system allows (ulimit -f?)",
            _ => "",
        };
        Error::Write { path: path.into(), source, hint }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What would help when an input of `format` had no body text.
fn no_content_hint(format: &str) -> &'static str {
    match format {
        "html" => {
            "if the article shows in a browser, the site may write it with script: save the page from the \
             browser once it has loaded (Save Page As, complete), or copy the article's text into a .txt file; \
             --from text reads the file's text as it stands"
        }
        "text" => "the file holds no text but spaces and control characters",
        _ => "check that this is an article and, if it was misdetected, set --from (html, markdown, text)",
    }
}
