//! The `duizhao` command line: parses arguments, calls the library, prints how it went, and
//! maps the outcome to an exit code (0 all inputs done, 1 some failed, 2 usage error).

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::args::Cli::parse();
    if cli.verbose {
        duizhao::verbose::enable();
    }
    duizhao::output::report_write_limits();
    match cli::commands::run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.exit(),
    }
}
