//! The data every later stage looks words up in, below both segmentation and annotation:
//! the lexicon (every word the segmenter or CC-CEDICT knows), CC-CEDICT's readings and senses,
//! the glossary, HSK levels, the learner glossary of function words and the user's reading
//! lists.

pub mod cedict;
pub mod glossary;
pub mod hsk;
pub mod learner;
pub mod lexicon;
pub mod reading_rank;
pub(crate) mod sense_order;
pub mod sources;
pub mod surnames;
pub mod user_readings;
