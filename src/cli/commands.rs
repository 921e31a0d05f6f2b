//! One function per subcommand: turns the parsed arguments into the library's options, calls
//! the library, and says how it went. Each returns `Err` with the reason it did not succeed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use duizhao::align::command::Units;
use duizhao::batch::Batch;
use duizhao::cat::memory::Memory;
use duizhao::dict::glossary::load_entries;
use duizhao::dict::sources::GlossarySources;
use duizhao::fetch::FetchOptions;
use duizhao::glossary_files::check::repeats;
use duizhao::glossary_files::import::import;
use duizhao::render::EditionOptions;
use duizhao::transcribe::LineOptions;
use duizhao::translate::{self, ProviderKind, Translator};
use duizhao::{BuildOptions, Glossary, OutputFormat, Pipeline, SiteMode};

use super::Failure;
use super::args::{Command, GlossaryAction};
use super::progress::Bar;
use super::report::Terminal;

/// Runs one parsed command.
pub fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Build {
            inputs,
            output,
            format,
            glossary,
            readings,
            from,
            en,
            tm,
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
                return Err(Failure::usage("--en pairs a translation with one article: give exactly one input file"));
            }
            let flags =
                translate::Flags { config, provider: translate, endpoint, model, retranslate, no_cache, dry_run };
            let settings = translate::Settings::resolve(&flags).map_err(Failure::usage)?;
            let study_options = study.options().map_err(|e| Failure::usage(format!("--known: {e}")))?;
            if study.is_set()
                && !format.iter().any(|f| matches!(f, OutputFormat::Study | OutputFormat::Anki | OutputFormat::Apkg))
            {
                eprintln!(
                    "warning: --known, --hsk-known, --min-level and --order only affect --format study, anki and apkg"
                );
            }
            let mut format = format;
            if edition.book.is_some() && !format.contains(&OutputFormat::Epub) {
                format.push(OutputFormat::Epub);
            }
            // No output may replace a file the run reads.
            let reads: Vec<PathBuf> = glossary
                .glossary
                .iter()
                .chain(&readings.pinyin_dict)
                .chain(&tm)
                .chain(&web.urls)
                .chain(&flags.config)
                .chain(&study.known)
                .cloned()
                .collect();
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
                site: match (edition.site, edition.no_site) {
                    (Some(title), _) => SiteMode::Titled(title),
                    (None, true) => SiteMode::Off,
                    (None, false) => SiteMode::Auto,
                },
                save_html: web.save_html.clone(),
                // Reviewed translations go where translation answers are cached, so that a
                // later --translate run finds them.
                review_cache: match &settings {
                    Some(settings) => settings.use_cache.then(|| settings.cache_path.clone()),
                    None => Some(PathBuf::from(translate::config::DEFAULT_CACHE)),
                },
                review_target: settings.as_ref().map_or_else(|| "en".to_string(), |s| s.target.clone()),
                reads,
            };
            let mut inputs = inputs;
            if let Some(list) = &web.urls {
                inputs.extend(duizhao::inputs::read_url_list(list).map_err(|e| Failure::usage(format!("--urls {e}")))?);
            }
            let fetch = FetchOptions {
                max_bytes: web.max_page_size,
                timeout: std::time::Duration::from_secs(web.fetch_timeout.max(1)),
                ..FetchOptions::default()
            };
            let glossary = glossary.sources(readings.pinyin_dict);
            let memory = if tm.is_empty() {
                None
            } else {
                let memory = Memory::load(&tm).map_err(Failure::error)?;
                eprintln!("translation memory: {} source texts from {} file(s)", memory.len(), tm.len());
                Some(memory)
            };
            build(&inputs, &glossary, options, settings, memory, fetch)
        }
        Command::Align { zh, en, output, format, one_per_line, split, tokenized, glossary } => {
            let units = match (one_per_line, split) {
                (true, _) => Units::Lines,
                (_, true) => Units::Sentences,
                _ => Units::Auto,
            };
            let glossary = glossary.sources(Vec::new());
            align(&zh, &en, output, &format, units, tokenized, &glossary)
        }
        Command::Serve { inputs, output, port, bind, glossary } => {
            let glossary = glossary.sources(Vec::new());
            serve(&inputs, &glossary, output, port, bind)
        }
        Command::Providers => {
            providers();
            Ok(())
        }
        Command::Pinyin { style, per_char, pinyin_sandhi, pinyin_dict } => {
            let glossary = GlossarySources { files: Vec::new(), builtin: true, readings: pinyin_dict };
            pinyin(&glossary, LineOptions { style, per_char, sandhi: pinyin_sandhi })
        }
        Command::Glossary { action } => glossary(action),
    }
}

/// Loads the glossary, reporting each bad line (skipped); the second value counts them.
fn load_glossary(sources: &GlossarySources) -> (Glossary, usize) {
    let (glossary, errors) = sources.load();
    for error in &errors {
        eprintln!("error: {error} (line skipped)");
    }
    (glossary, errors.len())
}

/// `duizhao build` (and `align` with edition formats): every input through the pipeline.
fn build(
    inputs: &[PathBuf],
    glossary: &GlossarySources,
    options: BuildOptions,
    settings: Option<translate::Settings>,
    memory: Option<Memory>,
    fetch: FetchOptions,
) -> Result<(), Failure> {
    let (glossary, bad_lines) = load_glossary(glossary);
    let mut pipeline = Pipeline::new(glossary, options);
    if let Some(memory) = memory {
        pipeline = pipeline.with_memory(memory);
    }
    if let Some(settings) = settings {
        pipeline = pipeline.with_translator(start_translation(settings)?);
    }
    let mut terminal = Terminal::default();
    let summary = Batch::new(&pipeline, fetch).run(inputs, &mut terminal);
    if summary.built == 0 && summary.failed == 0 {
        return Err(Failure::error("no supported input files found (.txt, .md, .html, .htm, .xhtml, .xml, .epub)"));
    }
    terminal.finish(summary);
    if summary.failed + bad_lines > 0 {
        return Err(Failure::Reported);
    }
    Ok(())
}

/// The translator, with its key read.
fn start_translation(settings: translate::Settings) -> Result<Arc<Translator>, Failure> {
    let mut translator = Translator::new(settings).map_err(Failure::error)?;
    if let Some(bar) = Bar::on_terminal() {
        translator = translator.with_progress(Arc::new(bar));
    }
    // The translator checks the service itself before its first request: a run answered by
    // the cache needs none, and works offline.
    Ok(Arc::new(translator))
}

/// `duizhao align`: links for scripts, or the usual editions as `build ZH --en EN` writes them.
fn align(
    zh: &Path,
    en: &Path,
    output: Option<PathBuf>,
    formats: &[String],
    units: Units,
    tokenized: bool,
    glossary: &GlossarySources,
) -> Result<(), Failure> {
    if formats.iter().any(|f| f == "words") {
        let (glossary, _) = load_glossary(glossary);
        let words = duizhao::align::command::words_of(zh, en, tokenized, &glossary).map_err(Failure::error)?;
        let path = output.as_deref().map(|dir| duizhao::align::command::words_path(dir, zh));
        return write_or_print(path.as_deref(), &words);
    }
    if formats.iter().any(|f| f == "links") {
        let (glossary, _) = load_glossary(glossary);
        let (links, notes) = duizhao::align::command::links_of(zh, en, units, &glossary).map_err(Failure::error)?;
        for note in notes {
            eprintln!("warning: {note}");
        }
        let path = output.as_deref().map(|dir| duizhao::align::command::links_path(dir, zh));
        return write_or_print(path.as_deref(), &links);
    }
    let mut parsed = Vec::new();
    for name in formats {
        let format = <OutputFormat as clap::ValueEnum>::from_str(name, true).map_err(|_| {
            Failure::usage(format!(
                "unknown format {name:?}; use links, words or one of the build formats (html, md, json, ...)"
            ))
        })?;
        parsed.push(format);
    }
    let options = BuildOptions {
        out_dir: output.unwrap_or_else(|| PathBuf::from("output")),
        formats: parsed,
        en: Some(en.to_path_buf()),
        ..BuildOptions::default()
    };
    build(&[zh.to_path_buf()], glossary, options, None, None, FetchOptions::default())
}

/// Writes `text` to `path` (atomically), or to standard output when there is none.
fn write_or_print(path: Option<&Path>, text: &str) -> Result<(), Failure> {
    match path {
        Some(path) => duizhao::output::write_atomic(path, text.as_bytes()).map_err(Failure::error),
        None => {
            std::io::stdout().write_all(text.as_bytes()).map_err(|e| Failure::error(duizhao::Error::io("<stdout>", e)))
        }
    }
}

/// `duizhao serve`: the articles built, then served until the process is stopped.
fn serve(
    inputs: &[PathBuf],
    glossary: &GlossarySources,
    output: PathBuf,
    port: u16,
    bind: Option<std::net::IpAddr>,
) -> Result<(), Failure> {
    let ip = bind.unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST));
    if !ip.is_loopback() {
        eprintln!(
            "warning: serving on {ip}: anyone who can reach this address and has the token can read and edit the \
             articles"
        );
    }
    let (glossary, _) = load_glossary(glossary);
    let options = BuildOptions {
        out_dir: output.clone(),
        review_cache: Some(PathBuf::from(translate::config::DEFAULT_CACHE)),
        ..BuildOptions::default()
    };
    let pipeline = Pipeline::new(glossary, options);
    let (library, failed, note) = duizhao::serve::Library::load(pipeline, inputs);
    if let Some(note) = note {
        eprintln!("note: {note}");
    }
    for failure in &failed {
        eprintln!("error: {failure}");
    }
    if library.is_empty() {
        return Err(Failure::error("no article to serve: give article files or folders"));
    }
    let articles = library.len();
    let options =
        duizhao::serve::ServeOptions { bind: std::net::SocketAddr::new(ip, port), token: None, out_dir: output };
    duizhao::serve::serve(library, options, |url| {
        // The URL, with its token, is the first line on standard output, for scripts to read.
        println!("{url}");
        let _ = std::io::stdout().flush();
        eprintln!("serving {articles} article(s); open the URL above (Ctrl-C stops; every save is already on disk)");
    })
    .map_err(Failure::error)
}

/// `duizhao providers`: what each provider needs.
fn providers() {
    println!("Translation providers (duizhao build --translate PROVIDER, or provider in duizhao.toml):\n");
    for kind in ProviderKind::ALL {
        println!("{}\n", kind.describe());
    }
    println!(
        "Settings ([translate] in duizhao.toml, or --config FILE): provider, endpoint, model, target (default en), \
         source (default: each request's script), api_key_env, concurrency (4), requests_per_minute (120; 0 = no \
         limit), timeout_secs (60), retries (5), max_wait_secs (60), batch_size, prompt_template (openai), cache \
         (.duizhao/cache.sqlite).\nKeys are read from the environment only and never written anywhere."
    );
}

/// `duizhao glossary import` and `duizhao glossary check`.
fn glossary(action: GlossaryAction) -> Result<(), Failure> {
    match action {
        GlossaryAction::Import { file, from, output } => {
            let imported = import(&file, from).map_err(Failure::error)?;
            for skipped in &imported.skipped {
                eprintln!("warning: skipped {skipped}");
            }
            let tsv = imported.to_tsv(&file);
            match &output {
                Some(path) => duizhao::output::write_atomic(path, tsv.as_bytes()).map_err(Failure::error)?,
                None => std::io::stdout().write_all(tsv.as_bytes()).map_err(Failure::error)?,
            }
            eprintln!(
                "{}: {} entries imported, {} skipped",
                file.display(),
                imported.entries.len(),
                imported.skipped.len()
            );
            Ok(())
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
            if found.is_empty() && errors.is_empty() { Ok(()) } else { Err(Failure::Reported) }
        }
    }
}

/// `duizhao pinyin`: standard input to standard output, a line for a line.
fn pinyin(glossary: &GlossarySources, options: LineOptions) -> Result<(), Failure> {
    // Bad lines of a reading list are reported and skipped; the run goes on, and exits 1.
    let (glossary, bad_lines) = load_glossary(glossary);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match duizhao::transcribe::stream::transcribe(std::io::stdin().lock(), &mut out, &glossary, options) {
        Ok(()) => {
            let _ = out.flush();
        }
        // The reader went away (e.g. `| head`): stop quietly.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
        Err(error) => return Err(Failure::error(error)),
    }
    if bad_lines > 0 { Err(Failure::Reported) } else { Ok(()) }
}
