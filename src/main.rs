//! The `duizhao` command line: parses arguments, calls the library, maps errors to exit codes
//! (0 all inputs done, 1 some failed, 2 usage error).

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use duizhao::fetch::{FetchError, FetchOptions, Fetched, fetch_all};
use duizhao::ingest::Format;
use duizhao::inputs::{self, Input, Slugs};
use duizhao::render::EditionOptions;
use duizhao::render::layout::Layout;
use duizhao::translate::{self, ProviderKind, Translator};
use duizhao::{BuildOptions, Glossary, OutputFormat, Pipeline, Style, annotate};

#[derive(Parser)]
#[command(name = "duizhao", version, about = "Chinese articles in, annotated Chinese-English parallel documents out")]
struct Cli {
    /// Tell on standard error what the run does (inputs, formats, provider, cache, files).
    #[arg(short, long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
// Parsed once per run: the size of the build variant does not matter.
#[allow(clippy::large_enum_variant)]
enum Command {
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
        /// Extra glossary files or folders (.tsv); later ones override earlier ones.
        #[arg(long)]
        glossary: Vec<PathBuf>,
        /// Leave out the glossary shipped with duizhao.
        #[arg(long)]
        no_default_glossary: bool,
        /// Pinyin style.
        #[arg(long, value_enum, default_value = "marks")]
        pinyin: Style,
        /// Read inputs as this format instead of detecting it.
        #[arg(long, value_enum)]
        from: Option<Format>,
        /// An existing English translation of the (single) input, paired paragraph by
        /// paragraph. Without it, `STEM.en.md` (or .txt, .html) beside an article is used.
        #[arg(long, value_name = "TRANSLATION")]
        en: Option<PathBuf>,
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
        study: duizhao::vocabulary::StudyArgs,
        /// Layout and display of the reading editions.
        #[command(flatten)]
        edition: EditionArgs,
        /// Articles from the web.
        #[command(flatten)]
        web: WebArgs,
    },
    /// List the translation providers and what each needs.
    Providers,
    /// Print the pinyin of each line of standard input.
    Pinyin {
        /// Pinyin style.
        #[arg(long, value_enum, default_value = "marks")]
        style: Style,
        /// One syllable per Han character, everything else dropped.
        #[arg(long)]
        per_char: bool,
    },
}

/// Articles from the web.
#[derive(clap::Args)]
struct WebArgs {
    /// A file of URLs to build, one a line (# starts a comment).
    #[arg(long, value_name = "FILE")]
    urls: Option<PathBuf>,
    /// Keep each fetched page in DIR in the archive format, so the run can be repeated offline.
    #[arg(long, value_name = "DIR")]
    save_html: Option<PathBuf>,
    /// The largest page fetched, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 20 * 1024 * 1024)]
    max_page_size: usize,
    /// Seconds allowed for fetching one page, body included.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    fetch_timeout: u64,
}

/// Layout and display of the reading editions (html, epub).
#[derive(clap::Args)]
struct EditionArgs {
    /// How Chinese and English are arranged (html: side-by-side by default; epub: interleaved).
    #[arg(long, value_enum)]
    layout: Option<Layout>,
    /// Ruby pinyin over the Chinese in the EPUB (the HTML page always has it, with a toggle).
    #[arg(long)]
    ruby: bool,
    /// Tone colours on when the edition opens (tone 1 red, 2 orange, 3 green, 4 blue, neutral grey).
    #[arg(long)]
    tone_colors: bool,
    /// Bind all inputs into one EPUB with this title (DIR/book-TITLE.epub), with a table of contents.
    #[arg(long, value_name = "TITLE")]
    book: Option<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.verbose {
        duizhao::verbose::enable();
    }
    duizhao::output::report_write_limits();
    match cli.command {
        Command::Build {
            inputs,
            output,
            format,
            glossary,
            no_default_glossary,
            pinyin,
            from,
            en,
            en_source,
            translate,
            endpoint,
            model,
            config,
            retranslate,
            no_cache,
            dry_run,
            study,
            edition,
            web,
        } => {
            if en.is_some() && (inputs.len() != 1 || inputs[0].is_dir()) {
                eprintln!("error: --en pairs a translation with one article: give exactly one input file");
                return ExitCode::from(2);
            }
            let flags =
                translate::Flags { config, provider: translate, endpoint, model, retranslate, no_cache, dry_run };
            let settings = match translate::Settings::resolve(&flags) {
                Ok(settings) => settings,
                Err(error) => {
                    eprintln!("error: {error}");
                    return ExitCode::from(2);
                }
            };
            let study_options = match study.options() {
                Ok(options) => options,
                Err(error) => {
                    eprintln!("error: --known: {error}");
                    return ExitCode::from(2);
                }
            };
            if study.is_set() && !format.iter().any(|f| matches!(f, OutputFormat::Study | OutputFormat::Anki)) {
                eprintln!("warning: --known, --hsk-known, --min-level and --order only affect --format study and anki");
            }
            let mut format = format;
            if edition.book.is_some() && !format.contains(&OutputFormat::Epub) {
                format.push(OutputFormat::Epub);
            }
            let options = BuildOptions {
                out_dir: output,
                formats: format,
                style: pinyin,
                from,
                en,
                en_source,
                study: study_options,
                edition: EditionOptions {
                    layout: edition.layout,
                    ruby: edition.ruby,
                    tone_colors: edition.tone_colors,
                },
                book: edition.book,
                save_html: web.save_html.clone(),
            };
            let mut inputs = inputs;
            if let Some(list) = &web.urls {
                match std::fs::read_to_string(list) {
                    Ok(text) => inputs.extend(
                        text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(PathBuf::from),
                    ),
                    Err(error) => {
                        eprintln!("error: --urls {}: {error}", list.display());
                        return ExitCode::from(2);
                    }
                }
            }
            let fetch = FetchOptions {
                max_bytes: web.max_page_size,
                timeout: std::time::Duration::from_secs(web.fetch_timeout.max(1)),
                ..FetchOptions::default()
            };
            build(&inputs, &glossary, !no_default_glossary, options, settings, &fetch)
        }
        Command::Providers => providers(),
        Command::Pinyin { style, per_char } => pinyin(style, per_char),
    }
}

#[allow(clippy::too_many_arguments)]
fn build(
    args: &[PathBuf],
    glossary_paths: &[PathBuf],
    builtin: bool,
    options: BuildOptions,
    settings: Option<translate::Settings>,
    fetch: &FetchOptions,
) -> ExitCode {
    let mut failed = 0;
    let (glossary, glossary_errors) = Glossary::load(builtin, glossary_paths);
    for error in &glossary_errors {
        eprintln!("error: glossary: {error} (line skipped)");
        failed += 1;
    }
    let mut pipeline = Pipeline::new(glossary, options);
    let translator = match settings.map(start_translation).transpose() {
        Ok(translator) => translator,
        Err(code) => return code,
    };
    if let Some(translator) = &translator {
        pipeline = pipeline.with_translator(translator.clone());
    }
    let mut slugs = Slugs::default();
    let mut built = 0;
    let mut book = Vec::new();
    let inputs = inputs::collect(args);
    let urls: Vec<String> =
        inputs.iter().filter_map(|i| if let Ok(Input::Url(url)) = i { Some(url.clone()) } else { None }).collect();
    let pages: HashMap<String, Result<Fetched, FetchError>> =
        urls.iter().cloned().zip(fetch_all(&urls, fetch)).collect();
    for input in inputs {
        let input = match input {
            Ok(input) => input,
            Err(error) => {
                eprintln!("error: {error}");
                failed += 1;
                continue;
            }
        };
        let slug = slugs.assign(&input);
        let result = match &input {
            Input::Url(url) => match &pages[url] {
                Ok(page) => pipeline.build_fetched(page, &slug),
                Err(error) => {
                    eprintln!("error: {error}");
                    failed += 1;
                    continue;
                }
            },
            _ => pipeline.build(&input, &slug),
        };
        match result {
            Ok(result) => {
                for warning in &result.warnings {
                    eprintln!("warning: {warning}");
                }
                let files: Vec<String> = result.written.iter().map(|p| p.display().to_string()).collect();
                if !files.is_empty() {
                    eprintln!("{}: {} paragraphs -> {}", input.display(), result.paragraphs, files.join(", "));
                }
                built += 1;
                book.extend(result.document);
                if let Some(outcome) = &result.translation {
                    eprintln!("{}: {outcome}", input.display());
                    for note in &outcome.notes {
                        eprintln!("warning: {note}");
                    }
                    if outcome.failed > 0 {
                        eprintln!(
                            "error: {}: {} paragraphs not translated (each has its reason in the JSON `error`); \
                             run again to retry them, finished ones are cached",
                            input.display(),
                            outcome.failed
                        );
                        failed += 1;
                    }
                    if let Some(reason) = &outcome.stopped {
                        eprintln!("error: translation stopped: {reason}");
                        if outcome.failed == 0 {
                            failed += 1;
                        }
                        break;
                    }
                }
            }
            Err(error) => {
                eprintln!("error: {error}");
                failed += 1;
            }
        }
    }
    if let Some(translator) = &translator {
        translator.finish();
    }
    if !book.is_empty() {
        match pipeline.bind_book(&book) {
            Ok(path) => eprintln!("{} articles bound -> {}", book.len(), path.display()),
            Err(error) => {
                eprintln!("error: {error}");
                failed += 1;
            }
        }
    }
    if built == 0 && failed == 0 {
        eprintln!("error: no supported input files found (.txt, .md, .html, .htm, .xhtml, .xml)");
        return ExitCode::from(1);
    }
    if failed > 0 {
        eprintln!("{built} built, {failed} failed");
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Creates the translator and checks the endpoint and key once, before any work.
fn start_translation(settings: translate::Settings) -> Result<Arc<Translator>, ExitCode> {
    let translator = Translator::new(settings).map_err(|error| {
        eprintln!("error: {error}");
        ExitCode::from(1)
    })?;
    translator.preflight().map_err(|error| {
        eprintln!("error: {error}");
        ExitCode::from(1)
    })?;
    Ok(Arc::new(translator))
}

fn providers() -> ExitCode {
    println!("Translation providers (duizhao build --translate PROVIDER, or provider in duizhao.toml):\n");
    for kind in ProviderKind::ALL {
        println!("{}\n", kind.describe());
    }
    println!(
        "Settings ([translate] in duizhao.toml, or --config FILE): provider, endpoint, model, target (default en), \
         api_key_env, concurrency (4), requests_per_minute (120; 0 = no limit), timeout_secs (60), retries (5), \
         batch_size, prompt_template (openai), cache (.duizhao/cache.sqlite).\nKeys are read from the environment \
         only and never written anywhere."
    );
    ExitCode::SUCCESS
}

fn pinyin(style: Style, per_char: bool) -> ExitCode {
    let (glossary, errors) = Glossary::load(true, &[]);
    for error in &errors {
        eprintln!("warning: glossary: {error}");
    }
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in stdin.lock().split(b'\n') {
        let line = match line {
            Ok(line) => line,
            Err(error) => {
                eprintln!("error: reading standard input: {error}");
                return ExitCode::from(1);
            }
        };
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches('\r');
        let result = writeln!(out, "{}", annotate::transcribe_line(text, &glossary, style, per_char));
        if result.is_err() {
            // The reader went away (e.g. `| head`): stop quietly.
            return ExitCode::SUCCESS;
        }
    }
    let _ = out.flush();
    ExitCode::SUCCESS
}
