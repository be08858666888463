//! The `secure-headers` command.

#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use secure_headers::{Preset, Secure};

/// Show, lint and grade HTTP security headers.
#[derive(Debug, Parser)]
#[command(name = "secure-headers", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the headers of a preset as `Name: value` lines.
    Show {
        /// The preset: basic, balanced or strict.
        #[arg(long, default_value = "balanced")]
        preset: Preset,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Show { preset } => {
            println!("{}", Secure::from_preset(preset));
            ExitCode::SUCCESS
        }
    }
}
