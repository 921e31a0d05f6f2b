//! The command line's arguments, as clap parses them. Only the binary knows clap; the library's
//! option types are plain types these are turned into.

use std::path::PathBuf;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use duizhao::dict::sources::GlossarySources;
use duizhao::glossary_files::import::ImportFormat;
use duizhao::ingest::Format;
use duizhao::render::layout::Layout;
use duizhao::render::xliff::XliffVersion;
use duizhao::vocabulary::{KnownWords, KnownWordsError, Order, StudyOptions};
use duizhao::{OutputFormat, Style};

#[derive(Parser)]
#[command(name = "duizhao", version, about = "Chinese articles in, annotated Chinese-English parallel documents out")]
pub struct Cli {
    /// Tell on standard error what the run does (inputs, formats, provider, cache, files).
    #[arg(short, long, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
// Parsed once per run: the size of the build variant does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Build reading editions (html, md, json) from articles.
    Build {
        /// Files, folders (every supported file inside), web pages (http/https URLs) or - for
        /// standard input.
        #[arg(required_unless_present = "urls")]
        inputs: Vec<PathBuf>,
        /// Output folder.
        #[arg(short, long, default_value = "output")]
        output: PathBuf,
        /// Output formats, comma-separated.
        #[arg(long, value_delimiter = ',', default_values = ["html", "md", "json"])]
        format: Vec<OutputFormat>,
        /// The glossary: the shipped one and extra files.
        #[command(flatten)]
        glossary: GlossaryArgs,
        /// Reading display.
        #[command(flatten)]
        readings: ReadingArgs,
        /// Read inputs as this format instead of detecting it.
        #[arg(long, value_enum)]
        from: Option<Format>,
        /// An existing English translation of the (single) input, paired paragraph by
        /// paragraph; or a reviewed XLIFF (1.2, 2.0), TMX or OmegaT project, matched unit by unit.
        /// Without it, `STEM.en.md` (or .txt, .html) beside an article is used.
        #[arg(long, value_name = "TRANSLATION")]
        en: Option<PathBuf>,
        /// A translation memory (TMX, XLIFF or an OmegaT project) whose exact matches fill
        /// paragraphs before any translation API is asked; repeatable, later files win.
        #[arg(long, value_name = "FILE")]
        tm: Vec<PathBuf>,
        /// Who made the translation given with --en, shown as its provenance.
        #[arg(long, default_value = "human", value_name = "NAME")]
        en_source: String,
        /// Translate the paragraphs that have no English through this provider: openai, deepl,
        /// libretranslate or google (see `duizhao providers`).
        #[arg(long, value_name = "PROVIDER")]
        translate: Option<String>,
        /// The provider's base URL, for a self-hosted server or a proxy.
        #[arg(long, value_name = "URL")]
        endpoint: Option<String>,
        /// The model to translate with (openai: the chat model; deepl: model_type; google: nmt or base).
        #[arg(long, value_name = "NAME")]
        model: Option<String>,
        /// Translation settings (the [translate] table); default ./duizhao.toml when present.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Paragraph ids to translate again even when cached, comma-separated (p3,p7).
        #[arg(long, value_delimiter = ',', value_name = "IDS")]
        retranslate: Vec<String>,
        /// Neither read nor write the translation cache.
        #[arg(long)]
        no_cache: bool,
        /// Print how many requests and characters translation would send; send nothing, write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Vocabulary of the study and anki formats.
        #[command(flatten)]
        study: StudyArgs,
        /// Layout and display of the reading editions.
        #[command(flatten)]
        edition: EditionArgs,
        /// Articles from the web.
        #[command(flatten)]
        web: WebArgs,
    },
    /// Pair a Chinese article with an existing English translation, sentence by sentence.
    Align {
        /// The Chinese article (any input format; one sentence a line is detected).
        zh: PathBuf,
        /// Its English translation.
        en: PathBuf,
        /// Output folder (links: print to standard output when not given).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// `links` (ZH<TAB>EN<TAB>CONFIDENCE a line), `words` (word links of texts a sentence a
        /// line, Pharaoh `i-j` a pair a line) or output formats, comma-separated.
        #[arg(long, value_delimiter = ',', default_values = ["html", "md", "json"])]
        format: Vec<String>,
        /// Read both inputs a unit a line, whatever a line holds (the default when both are plain
        /// text without blank lines).
        #[arg(long, conflicts_with = "split")]
        one_per_line: bool,
        /// Split both inputs into duizhao's own sentences, even when they have a unit a line.
        #[arg(long)]
        split: bool,
        /// With --format words: the lines are already tokens separated by spaces (as word
        /// aligners take them), used as they are.
        #[arg(long)]
        tokenized: bool,
        /// The glossary: the shipped one and extra files.
        #[command(flatten)]
        glossary: GlossaryArgs,
    },
    /// Serve articles on a local web page where their English can be corrected in place; every
    /// save is kept as a reviewed translation (`STEM.en.tmx` beside the article) and rebuilds
    /// the article's outputs.
    Serve {
        /// Article files or folders.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output folder the articles are built into (and rebuilt after each save).
        #[arg(short, long, default_value = "output")]
        output: PathBuf,
        /// Port to listen on (0: any free port).
        #[arg(long, default_value_t = 8731)]
        port: u16,
        /// Address to listen on instead of 127.0.0.1. Anyone who can reach it and has the token
        /// can edit: give another address only on a network you trust.
        #[arg(long, value_name = "ADDR")]
        bind: Option<std::net::IpAddr>,
        /// The glossary: the shipped one and extra files.
        #[command(flatten)]
        glossary: GlossaryArgs,
    },
    /// List the translation providers and what each needs.
    Providers,
    /// Import term lists into the glossary format, or check glossaries for repeated terms.
    Glossary {
        #[command(subcommand)]
        action: GlossaryAction,
    },
    /// Print the pinyin of each line of standard input.
    Pinyin {
        /// Pinyin style.
        #[arg(long, value_enum, default_value = "marks")]
        style: Style,
        /// One syllable per Han character (each with its own tone), everything else dropped.
        #[arg(long)]
        per_char: bool,
        /// Show the tone changes of 一 and 不 as textbooks print them (yí gè, bú shì).
        #[arg(long)]
        pinyin_sandhi: bool,
        /// Extra word readings: `word<TAB>pinyin` lines or CC-CEDICT lines; the glossary still wins.
        #[arg(long, value_name = "FILE")]
        pinyin_dict: Vec<PathBuf>,
    },
}

/// The glossary a command uses: the one shipped with duizhao and extra files. Its renderings
/// also help the aligner pair paragraphs and sentences.
#[derive(clap::Args)]
pub struct GlossaryArgs {
    /// Extra glossary files or folders (.tsv); later ones override earlier ones.
    #[arg(long)]
    pub glossary: Vec<PathBuf>,
    /// Leave out the glossary shipped with duizhao.
    #[arg(long)]
    pub no_default_glossary: bool,
}

impl GlossaryArgs {
    /// The glossary's sources, with the word-reading lists `readings` (`--pinyin-dict`).
    pub fn sources(self, readings: Vec<PathBuf>) -> GlossarySources {
        GlossarySources { files: self.glossary, builtin: !self.no_default_glossary, readings }
    }
}

/// How readings are shown.
#[derive(clap::Args)]
pub struct ReadingArgs {
    /// Pinyin style: marks, numbers, zhuyin (bopomofo) or none.
    #[arg(long, value_enum, default_value = "marks")]
    pub pinyin: Style,
    /// Show the tone changes of 一 and 不 as textbooks print them (yí gè, bú shì).
    #[arg(long)]
    pub pinyin_sandhi: bool,
    /// Extra word readings: `word<TAB>pinyin` lines or CC-CEDICT lines; the glossary still wins.
    #[arg(long, value_name = "FILE")]
    pub pinyin_dict: Vec<PathBuf>,
}

#[derive(Subcommand)]
pub enum GlossaryAction {
    /// Convert TBX, CSV/TSV with a header row, or a DeepL glossary export into the glossary
    /// format (term, pinyin, english, note); pinyin is filled in where missing.
    Import {
        /// The term list.
        file: PathBuf,
        /// Its format, when the extension and contents do not tell.
        #[arg(long, value_enum)]
        from: Option<ImportFormat>,
        /// Write the glossary here (a .tsv to pass to --glossary) instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// List terms defined more than once (duplicates, and conflicts with different English or
    /// pinyin) with FILE:LINE; exits 1 when there are any. Without files, checks the shipped glossary.
    Check {
        /// Glossary files or folders (.tsv).
        files: Vec<PathBuf>,
    },
}

/// Articles from the web.
#[derive(clap::Args)]
pub struct WebArgs {
    /// A file of URLs to build, one a line (# starts a comment).
    #[arg(long, value_name = "FILE")]
    pub urls: Option<PathBuf>,
    /// Keep each fetched page in DIR in the archive format, so the run can be repeated offline.
    #[arg(long, value_name = "DIR")]
    pub save_html: Option<PathBuf>,
    /// The largest page fetched, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 20 * 1024 * 1024)]
    pub max_page_size: usize,
    /// Seconds allowed for fetching one page, body included.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub fetch_timeout: u64,
}

/// Layout and display of the reading editions (html, epub), and the XLIFF version.
#[derive(clap::Args)]
pub struct EditionArgs {
    /// How Chinese and English are arranged (html: side-by-side by default; epub: interleaved).
    #[arg(long, value_enum)]
    pub layout: Option<Layout>,
    /// Ruby pinyin over the Chinese in the EPUB (the HTML page always has it, with a toggle).
    #[arg(long)]
    pub ruby: bool,
    /// Tone colours on when the edition opens (tone 1 red, 2 orange, 3 green, 4 blue, neutral grey).
    #[arg(long)]
    pub tone_colors: bool,
    /// Bind all inputs into one EPUB with this title (DIR/book-TITLE.epub), with a table of contents.
    #[arg(long, value_name = "TITLE")]
    pub book: Option<String>,
    /// Write DIR/index.html, a collection site with this title listing every article, and link
    /// each reading page to it and to the articles before and after (done by default, titled
    /// "Articles", when a run builds more than one article).
    #[arg(long, value_name = "TITLE", conflicts_with = "no_site")]
    pub site: Option<String>,
    /// No collection site, however many articles are built.
    #[arg(long)]
    pub no_site: bool,
    /// The XLIFF version --format xliff writes: 2.0, or 1.2 for older CAT tools.
    #[arg(long, value_enum, default_value = "2.0", value_name = "VERSION")]
    pub xliff_version: XliffVersion,
}

/// The flags that choose the vocabulary of `study` and `anki` outputs.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct StudyArgs {
    /// Words you know, left out of study sheets and Anki decks: one word a line, or an Anki
    /// export of your deck (Notes in Plain Text).
    #[arg(long, value_name = "FILE")]
    pub known: Option<PathBuf>,
    /// Every word of HSK 3.0 levels 1 to N counts as known (7, 8 or 9: the band 7-9).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=9))]
    pub hsk_known: Option<u8>,
    /// List only words of HSK 3.0 level N or above (and words on no HSK list).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=9))]
    pub min_level: Option<u8>,
    /// Order of the vocabulary.
    #[arg(long, value_enum, default_value = "appearance")]
    pub order: Order,
    /// List every word, also those each learner knows (HSK 3.0 level 1 and function words
    /// such as 的, 是, 了), which are left out by default.
    #[arg(long)]
    pub all_words: bool,
}

impl StudyArgs {
    /// The options these flags ask for; reads the `--known` file.
    pub fn options(&self) -> Result<StudyOptions, KnownWordsError> {
        let known = match &self.known {
            Some(path) => KnownWords::load(path)?,
            None => KnownWords::default(),
        };
        Ok(StudyOptions {
            known: Arc::new(known),
            hsk_known: self.hsk_known,
            min_level: self.min_level,
            order: self.order,
            all_words: self.all_words,
        })
    }

    /// True when any flag differs from its default.
    pub fn is_set(&self) -> bool {
        self.known.is_some()
            || self.hsk_known.is_some()
            || self.min_level.is_some()
            || self.order != Order::Appearance
            || self.all_words
    }
}
