//! The command line's parts: its arguments ([`args`]), one function per subcommand
//! ([`commands`]), and how a run reads on the terminal ([`report`], [`progress`]).

pub mod args;
pub mod commands;
pub mod progress;
pub mod report;

use std::fmt;
use std::process::ExitCode;

/// Why a command did not succeed, which decides its exit code.
#[derive(Debug)]
pub enum Failure {
    /// The command line asks for something that cannot be done (exit 2).
    Usage(String),
    /// The command could not do its work (exit 1).
    Error(String),
    /// Some of the work failed, each failure already reported where it happened (exit 1).
    Reported,
}

impl Failure {
    /// The usage error `message`.
    pub fn usage(message: impl fmt::Display) -> Self {
        Failure::Usage(message.to_string())
    }

    /// The error `message`.
    pub fn error(message: impl fmt::Display) -> Self {
        Failure::Error(message.to_string())
    }

    /// Prints the message, when there is one left to print, and gives the exit code.
    pub fn exit(self) -> ExitCode {
        match self {
            Failure::Usage(message) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
            Failure::Error(message) => {
                eprintln!("error: {message}");
                ExitCode::from(1)
            }
            Failure::Reported => ExitCode::from(1),
        }
    }
}
