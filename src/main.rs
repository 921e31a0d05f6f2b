//! The `duizhao` command line: parses arguments, calls the library, maps errors to exit codes
//! (0 all inputs done, 1 some failed, 2 usage error).

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use duizhao::ingest::Format;
use duizhao::inputs::{self, Slugs};
use duizhao::{BuildOptions, Glossary, OutputFormat, Pipeline, Style, annotate};

#[derive(Parser)]
#[command(name = "duizhao", version, about = "Chinese articles in, annotated Chinese-English parallel documents out")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build reading editions (html, md, json) from articles.
    Build {
        /// Files, folders (every supported file inside) or - for standard input.
        #[arg(required = true)]
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
    },
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { inputs, output, format, glossary, no_default_glossary, pinyin, from, en, en_source } => {
            if en.is_some() && (inputs.len() != 1 || inputs[0].is_dir()) {
                eprintln!("error: --en pairs a translation with one article: give exactly one input file");
                return ExitCode::from(2);
            }
            let options = BuildOptions { out_dir: output, formats: format, style: pinyin, from, en, en_source };
            build(&inputs, &glossary, !no_default_glossary, options)
        }
        Command::Pinyin { style, per_char } => pinyin(style, per_char),
    }
}

fn build(args: &[PathBuf], glossary_paths: &[PathBuf], builtin: bool, options: BuildOptions) -> ExitCode {
    let mut failed = 0;
    let (glossary, glossary_errors) = Glossary::load(builtin, glossary_paths);
    for error in &glossary_errors {
        eprintln!("error: glossary: {error} (line skipped)");
        failed += 1;
    }
    let pipeline = Pipeline::new(glossary, options);
    let mut slugs = Slugs::default();
    let mut built = 0;
    for input in inputs::collect(args) {
        let input = match input {
            Ok(input) => input,
            Err(error) => {
                eprintln!("error: {error}");
                failed += 1;
                continue;
            }
        };
        let slug = slugs.assign(&input);
        match pipeline.build(&input, &slug) {
            Ok(result) => {
                for warning in &result.warnings {
                    eprintln!("warning: {warning}");
                }
                let files: Vec<String> = result.written.iter().map(|p| p.display().to_string()).collect();
                eprintln!("{}: {} paragraphs -> {}", input.display(), result.paragraphs, files.join(", "));
                built += 1;
            }
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
