//! The `duizhao glossary` subcommands: importing term lists ([`import`]) and finding terms
//! defined more than once ([`check`]). The glossary itself is [`crate::dict::glossary`].

pub mod check;
pub mod import;
