//! duizhao (对照): Chinese articles in, annotated and aligned Chinese-English documents out.
//!
//! The pipeline, one module per stage:
//! [`ingest`] (formats, encodings) -> [`document`] -> [`segment`] (sentences, words) ->
//! [`annotate`] (pinyin, glossary, dictionary) -> [`render`] (html, md, json).
//! [`pipeline::Pipeline`] runs them all for one input.

pub mod align;
pub mod annotate;
pub mod batch;
pub mod dict;
pub mod document;
pub mod error;
pub mod fetch;
#[doc(hidden)]
pub mod fuzzing;
pub mod glossary;
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
pub mod review;
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
pub use pipeline::{BuildOptions, Pipeline};
pub use render::OutputFormat;
