//! duizhao (对照): Chinese articles in, annotated and aligned Chinese-English documents out.
//!
//! The pipeline, one module per stage:
//! [`inputs`] (files, folders, URLs; [`fetch`] for web pages) -> [`ingest`] (formats,
//! encodings) -> [`document`] -> [`segment`] (sentences, words) -> [`annotate`] (pinyin,
//! glossary, dictionary; [`readings`] chooses each word's reading) -> [`align`] (a given
//! translation paired; [`cat`] for reviewed files from CAT tools and memories) ->
//! [`translate`] (the rest from a provider) -> [`qa`] (findings) -> [`render`] (html, md,
//! json, epub, study sheets, Anki, TMX, XLIFF, OmegaT, the QA report).
//! [`pipeline::Pipeline`] runs them all for one input, [`batch::Batch`] for a run of inputs;
//! [`serve`] is the review server. Below them: [`text`], [`notation`], [`dict`].

pub mod align;
pub mod annotate;
pub mod batch;
pub mod cat;
pub mod dict;
pub mod document;
pub mod error;
pub mod fetch;
#[doc(hidden)]
pub mod fuzzing;
pub mod glossary_files;
pub mod ingest;
pub mod inputs;
pub mod notation;
pub mod output;
pub mod pipeline;
mod prefetch;
pub mod protected;
pub mod qa;
pub mod readings;
pub mod render;
pub mod retry;
pub mod segment;
pub mod serve;
pub mod text;
pub mod transcribe;
pub mod translate;
pub mod verbose;
pub mod vocabulary;

pub use dict::glossary::Glossary;
pub use document::Document;
pub use error::{Error, Result};
pub use notation::Style;
pub use pipeline::{BuildOptions, Pipeline, SiteMode};
pub use render::OutputFormat;
