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
    /// The input parsed but had no paragraphs of body text.
    #[error(
        "{path}: no body text found ({format} input); check that this is an article and, if it was misdetected, set --from"
    )]
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
    TooLarge {
        /// The file.
        path: PathBuf,
        /// What could not be done, what was, and what to do.
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
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
