//! The `duizhao` command line: parses arguments, calls the library, maps errors to exit codes
//! (0 all inputs done, 1 some failed, 2 usage error).

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use duizhao::dict::glossary::load_entries;
use duizhao::fetch::{FetchError, FetchOptions, Fetched, fetch_all};
use duizhao::glossary::check::repeats;
use duizhao::glossary::import::{ImportFormat, import};
use duizhao::ingest::Format;
use duizhao::inputs::{self, Input, Slugs};
use duizhao::pipeline::Built;
use duizhao::render::EditionOptions;
use duizhao::render::layout::Layout;
use duizhao::render::xliff::XliffVersion;
use duizhao::translate::{self, ProviderKind, Translator};
use duizhao::{BuildOptions, Glossary, OutputFormat, Pipeline, Style};
use rayon::prelude::*;

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
        /// Reading display.
        #[command(flatten)]
        readings: ReadingArgs,
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
    /// Pair a Chinese article with an existing English translation, sentence by sentence.
    Align {
        /// The Chinese article (any input format; one sentence a line is detected).
        zh: PathBuf,
        /// Its English translation.
        en: PathBuf,
        /// Output folder (links: print to standard output when not given).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// `links` (ZH<TAB>EN<TAB>CONFIDENCE a line) or output formats, comma-separated.
        #[arg(long, value_delimiter = ',', default_values = ["html", "md", "json"])]
        format: Vec<String>,
        /// Read both inputs one sentence a line.
        #[arg(long)]
        one_per_line: bool,
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

/// How readings are shown.
#[derive(clap::Args)]
struct ReadingArgs {
    /// Pinyin style: marks, numbers, zhuyin (bopomofo) or none.
    #[arg(long, value_enum, default_value = "marks")]
    pinyin: Style,
    /// Show the tone changes of 一 and 不 as textbooks print them (yí gè, bú shì).
    #[arg(long)]
    pinyin_sandhi: bool,
    /// Extra word readings: `word<TAB>pinyin` lines or CC-CEDICT lines; the glossary still wins.
    #[arg(long, value_name = "FILE")]
    pinyin_dict: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum GlossaryAction {
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

/// Layout and display of the reading editions (html, epub), and the XLIFF version.
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
    /// The XLIFF version --format xliff writes: 2.0, or 1.2 for older CAT tools.
    #[arg(long, value_enum, default_value = "2.0", value_name = "VERSION")]
    xliff_version: XliffVersion,
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
            readings,
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
                style: readings.pinyin,
                sandhi: readings.pinyin_sandhi,
                from,
                en,
                en_source,
                study: study_options,
                edition: EditionOptions {
                    layout: edition.layout,
                    ruby: edition.ruby,
                    tone_colors: edition.tone_colors,
                    xliff_version: edition.xliff_version,
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
            let glossary =
                GlossarySources { files: glossary, builtin: !no_default_glossary, readings: readings.pinyin_dict };
            build(&inputs, &glossary, options, settings, &fetch)
        }
        Command::Align { zh, en, output, format, one_per_line } => align(&zh, &en, output, &format, one_per_line),
        Command::Providers => providers(),
        Command::Pinyin { style, per_char, pinyin_sandhi, pinyin_dict } => {
            let glossary = GlossarySources { files: Vec::new(), builtin: true, readings: pinyin_dict };
            pinyin(&glossary, duizhao::transcribe::LineOptions { style, per_char, sandhi: pinyin_sandhi })
        }
        Command::Glossary { action } => glossary(action),
    }
}

#[allow(clippy::too_many_arguments)]
fn build(
    args: &[PathBuf],
    glossary: &GlossarySources,
    options: BuildOptions,
    settings: Option<translate::Settings>,
    fetch: &FetchOptions,
) -> ExitCode {
    let (glossary, errors) = glossary.load();
    let mut failed = errors;
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
    // Articles are built on all cores, a chunk at a time, and reported in input order. A chunk
    // holds 32 articles per core: each chunk ends waiting for its last article, and with 4 per
    // core that wait kept the cores busy only 82% of the time (90% now). A translating run
    // goes one article at a time, so that it can stop cleanly.
    let chunk_size = if translator.is_some() { 1 } else { 32 * rayon::current_num_threads() };
    'chunks: for chunk in inputs.chunks(chunk_size) {
        let jobs: Vec<Option<(&Input, String)>> =
            chunk.iter().map(|input| input.as_ref().ok().map(|input| (input, slugs.assign(input)))).collect();
        let results: Vec<Option<duizhao::Result<Built>>> = jobs
            .par_iter()
            .map(|job| {
                let (input, slug) = job.as_ref()?;
                match input {
                    Input::Url(url) => pages[url].as_ref().ok().map(|page| pipeline.build_fetched(page, slug)),
                    _ => Some(pipeline.build(input, slug)),
                }
            })
            .collect();
        for (input, result) in chunk.iter().zip(results) {
            let input = match input {
                Ok(input) => input,
                Err(error) => {
                    eprintln!("error: {error}");
                    failed += 1;
                    continue;
                }
            };
            let result = match (result, input) {
                (Some(result), _) => result,
                (None, Input::Url(url)) => {
                    if let Err(error) = &pages[url] {
                        eprintln!("error: {error}");
                    }
                    failed += 1;
                    continue;
                }
                (None, _) => continue,
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
                            break 'chunks;
                        }
                    }
                }
                Err(error) => {
                    eprintln!("error: {error}");
                    failed += 1;
                }
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

/// `duizhao align`: links for scripts, or the usual editions as `build ZH --en EN` writes them.
fn align(
    zh: &std::path::Path,
    en: &std::path::Path,
    output: Option<PathBuf>,
    formats: &[String],
    one_per_line: bool,
) -> ExitCode {
    let (glossary, _) = Glossary::load(true, &[]);
    if formats.iter().any(|f| f == "links") {
        let written =
            duizhao::align::command::links_of(zh, en, one_per_line, &glossary).and_then(|links| match &output {
                Some(dir) => {
                    duizhao::output::write_atomic(&duizhao::align::command::links_path(dir, zh), links.as_bytes())
                }
                None => std::io::stdout().write_all(links.as_bytes()).map_err(|e| duizhao::Error::io("<stdout>", e)),
            });
        return written.map_or_else(
            |e| {
                eprintln!("error: {e}");
                ExitCode::from(1)
            },
            |()| ExitCode::SUCCESS,
        );
    }
    let mut parsed = Vec::new();
    for name in formats {
        match <OutputFormat as clap::ValueEnum>::from_str(name, true) {
            Ok(format) => parsed.push(format),
            Err(_) => {
                eprintln!(
                    "error: unknown format {name:?}; use links or one of the build formats (html, md, json, ...)"
                );
                return ExitCode::from(2);
            }
        }
    }
    let options = BuildOptions {
        out_dir: output.unwrap_or_else(|| PathBuf::from("output")),
        formats: parsed,
        en: Some(en.to_path_buf()),
        ..BuildOptions::default()
    };
    let glossary = GlossarySources { files: Vec::new(), builtin: true, readings: Vec::new() };
    build(&[zh.to_path_buf()], &glossary, options, None, &FetchOptions::default())
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

fn glossary(action: GlossaryAction) -> ExitCode {
    match action {
        GlossaryAction::Import { file, from, output } => {
            let imported = match import(&file, from) {
                Ok(imported) => imported,
                Err(error) => {
                    eprintln!("error: {error}");
                    return ExitCode::from(1);
                }
            };
            for skipped in &imported.skipped {
                eprintln!("warning: skipped {skipped}");
            }
            let tsv = imported.to_tsv(&file);
            let written = match &output {
                Some(path) => duizhao::output::write_atomic(path, tsv.as_bytes()).map_err(|e| e.to_string()),
                None => std::io::stdout().write_all(tsv.as_bytes()).map_err(|e| e.to_string()),
            };
            if let Err(error) = written {
                eprintln!("error: {error}");
                return ExitCode::from(1);
            }
            eprintln!(
                "{}: {} entries imported, {} skipped",
                file.display(),
                imported.entries.len(),
                imported.skipped.len()
            );
            ExitCode::SUCCESS
        }
        GlossaryAction::Check { files } => {
            let (entries, errors) = load_entries(files.is_empty(), &files);
            for error in &errors {
                eprintln!("error: {error}");
            }
            let found = repeats(&entries);
            for repeat in &found {
                println!("{repeat}");
            }
            let conflicts = found.iter().filter(|r| r.conflict).count();
            eprintln!(
                "{} entries: {} duplicates, {conflicts} conflicts, {} malformed lines",
                entries.len(),
                found.len() - conflicts,
                errors.len()
            );
            if found.is_empty() && errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) }
        }
    }
}

/// The glossary files and reading lists of a run.
struct GlossarySources {
    files: Vec<PathBuf>,
    builtin: bool,
    readings: Vec<PathBuf>,
}

impl GlossarySources {
    /// The glossary with the reading lists added; each bad line is reported and skipped, and
    /// counted in the second value.
    fn load(&self) -> (Glossary, usize) {
        let (glossary, mut errors) = Glossary::load(self.builtin, &self.files);
        let mut readings = Vec::new();
        for path in &self.readings {
            let (entries, more) = duizhao::dict::user_readings::load(path);
            readings.extend(entries);
            errors.extend(more);
        }
        for error in &errors {
            eprintln!("error: {error} (line skipped)");
        }
        (glossary.with_readings(readings), errors.len())
    }
}

fn pinyin(glossary: &GlossarySources, options: duizhao::transcribe::LineOptions) -> ExitCode {
    // Bad lines of a reading list are reported and skipped; the run goes on, and exits 1.
    let (glossary, errors) = glossary.load();
    let done = if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = duizhao::transcribe::stream::transcribe(std::io::stdin().lock(), &mut out, &glossary, options);
    match result {
        Ok(()) => {
            let _ = out.flush();
            done
        }
        // The reader went away (e.g. `| head`): stop quietly.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(1)
        }
    }
}
