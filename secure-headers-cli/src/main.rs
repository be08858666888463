//! The `secure-headers` command: show a header set in several server formats, grade and
//! lint a site's response headers, compute CSP hashes, write a starter configuration.
//!
//! Exit codes, the same for every command: 0 success, 1 findings at or above `--fail-on`
//! or a grade below `--min-grade`, 2 usage, input, network or configuration errors.

#![forbid(unsafe_code)]

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use secure_headers::grade::{Algorithm, Letter};
use secure_headers::{Preset, Secure};

mod check;
mod dump;
mod fetch;
mod findings;
mod hash;
mod init;
mod reports;
mod show;
mod style;

/// Show, lint and grade HTTP security headers.
#[derive(Debug, Parser)]
#[command(name = "secure-headers", version, about, after_help = findings::EXIT_STATUS)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The output formats of `show`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// `Name: value` lines.
    Raw,
    /// A JSON array of `{"name", "value"}` objects.
    Json,
    /// nginx `add_header ... always;` directives; a per-request CSP nonce becomes nginx's
    /// `$request_id`, with the `sub_filter` lines that write it into the page.
    Nginx,
    /// Apache `Header always set` directives (refused for a per-request CSP nonce: Apache
    /// has no random per-request value to use).
    Apache,
    /// A Caddyfile `header` block (refused for a per-request CSP nonce, as for Apache).
    Caddy,
    /// The Rust code that builds the set with the typed builders (`.csp(ContentSecurityPolicy::new().default_src([Source::SELF])...)`, `XFrameOptions::DENY`, ...) and, with `--config`, the file's request-side settings (proxies, allowed hosts, HTTPS redirect, HSTS mode, cross-origin protection, cookies)
    Rust,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print a header set: a preset or a configuration file.
    Show {
        /// The preset: basic, balanced or strict.
        #[arg(long, conflicts_with = "config")]
        preset: Option<Preset>,
        /// A configuration file (TOML, or JSON for a `.json` file).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// The output format.
        #[arg(long, value_enum, default_value = "raw")]
        format: Format,
    },
    /// Grade and lint a site's response headers as the Mozilla HTTP Observatory would.
    Check {
        /// An http:// or https:// URL to fetch, a header dump file (`curl -sI` or `curl -si`
        /// output: `Name: value` lines, optionally after a status line and before a body),
        /// or `-` for standard input.
        target: String,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Exit with status 1 when the grade is below this one (A+, A, A-, B+, ..., F).
        #[arg(long, value_name = "GRADE")]
        min_grade: Option<Letter>,
        /// Exit with status 1 when a lint finding is at least this severe.
        #[arg(long, value_enum, value_name = "SEVERITY", default_value = "high")]
        fail_on: findings::FailOn,
        /// Grade as if served over HTTPS with a valid certificate and a same-host redirect
        /// from http (the default for files, standard input and local addresses).
        #[arg(long, conflicts_with = "as_served")]
        assume_https: bool,
        /// Grade a URL as it is served (plain HTTP, and the redirects actually seen).
        #[arg(long)]
        as_served: bool,
        /// The page's HTML, for Subresource Integrity and `<meta>` policies (a URL's own
        /// body is used when it is HTML).
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        /// The site's host name, for cookie domains and same-site scripts.
        #[arg(long)]
        host: Option<String>,
        /// The Observatory's scoring algorithm: 4 (release 1.4.8), 5 (releases 1.5.0 to
        /// 1.6.3, the current one) or 6 (its main branch, not yet released: also scores
        /// Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy).
        #[arg(long, value_name = "N", default_value_t = Algorithm::default())]
        algorithm: Algorithm,
        /// A request header to send with a URL (repeatable), such as
        /// `-H 'X-Forwarded-Proto: https'` for an application behind a TLS proxy, which
        /// sends HSTS only over HTTPS.
        #[arg(short = 'H', long = "header", value_name = "NAME: VALUE")]
        request_headers: Vec<String>,
    },
    /// Lint a Content-Security-Policy value.
    Lint {
        /// The policy, e.g. "default-src 'self'; script-src 'self' https://cdn.example.com".
        policy: String,
        /// Print the findings as JSON.
        #[arg(long)]
        json: bool,
        /// Exit with status 1 when a finding is at least this severe.
        #[arg(long, value_enum, value_name = "SEVERITY", default_value = "high")]
        fail_on: findings::FailOn,
    },
    /// Print CSP hash sources for every inline script and style of an HTML file.
    Hash {
        /// The HTML file (`-` for standard input).
        file: PathBuf,
        /// The hash algorithm.
        #[arg(long, value_enum, default_value = "sha256")]
        algorithm: hash::Algorithm,
    },
    /// Write a commented starter configuration (Balanced preset) to a file or stdout.
    Init {
        /// Where to write it (standard output when absent or `-`).
        path: Option<PathBuf>,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// The report store and the CSP roll-out assistant.
    Reports(reports::Reports),
}

/// An error that ends the command with status 2.
#[derive(Debug)]
struct Fatal(String);

impl<E: std::fmt::Display> From<E> for Fatal {
    fn from(e: E) -> Self {
        Self(e.to_string())
    }
}

fn load(preset: Option<Preset>, config: Option<&PathBuf>) -> Result<Secure, Fatal> {
    match config {
        Some(path) => Secure::from_config_file(path).map_err(|e| Fatal(e.to_string())),
        None => Ok(Secure::from_preset(preset.unwrap_or_default())),
    }
}

fn run(cli: Cli) -> Result<ExitCode, Fatal> {
    match cli.command {
        Command::Show {
            preset,
            config,
            format,
        } => {
            let secure = load(preset, config.as_ref())?;
            // The Rust code also writes what the file decides per request, which the
            // built set does not keep.
            let file = match (&config, format) {
                (Some(path), Format::Rust) => Some(
                    secure_headers::config::Config::from_file(path)
                        .map_err(|e| Fatal(e.to_string()))?,
                ),
                _ => None,
            };
            let text = show::render(&secure, format, file.as_ref())?;
            style::out!("{text}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Check {
            target,
            json,
            min_grade,
            fail_on,
            assume_https,
            as_served,
            html,
            host,
            algorithm,
            request_headers,
        } => check::run(&check::Options {
            target,
            json,
            min_grade,
            fail_on,
            assume_https,
            as_served,
            html,
            host,
            algorithm,
            request_headers: check::request_headers(&request_headers)?,
        }),
        Command::Lint {
            policy,
            json,
            fail_on,
        } => findings::lint_command(&policy, json, fail_on),
        Command::Hash { file, algorithm } => hash::run(&file, algorithm),
        Command::Init { path, force } => init::run(path.as_deref(), force),
        Command::Reports(reports) => reports.run(),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = run(cli);
    style::flush_out();
    match result {
        Ok(code) => code,
        Err(Fatal(message)) => {
            anstream::eprintln!(
                "{}error:{} {message}",
                style::ERROR.render(),
                style::ERROR.render_reset()
            );
            ExitCode::from(2)
        }
    }
}
