//! `secure-headers reports …`: the report store and the CSP roll-out assistant.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use secure_headers_reports::{ProposalOptions, Store, counted};

use crate::Fatal;
use crate::style::outln;

mod propose;
mod serve;
mod summary;

/// `reports` and its subcommands.
#[derive(Debug, Args)]
pub(crate) struct Reports {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read report bodies, one JSON line each (a Reporting API array or a legacy
    /// `{"csp-report": …}` object, as browsers POST them), into the store.
    Ingest {
        /// The store: a SQLite file or a postgres:// URL.
        #[arg(long, value_name = "DB")]
        db: String,
        /// Files of JSON lines (`-` for standard input).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Summarize the store: per report type, its fingerprints; the policy versions.
    Summary {
        /// The store: a SQLite file or a postgres:// URL.
        #[arg(long, value_name = "DB")]
        db: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Propose the smallest change that makes the candidate policy pass: nonces and
    /// hashes first, tasks for what no source should fix.
    Propose {
        /// The store: a SQLite file or a postgres:// URL.
        #[arg(long, value_name = "DB")]
        db: String,
        /// The candidate policy (default: the newest report-only policy in the store).
        #[arg(long, value_name = "POLICY")]
        candidate: Option<String>,
        /// The output format.
        #[arg(long, value_enum, default_value = "text")]
        format: propose::Format,
        /// Host sources with their path instead of the origin.
        #[arg(long)]
        path_level: bool,
        /// Allow inline event handlers by hash with 'unsafe-hashes' instead of a task.
        #[arg(long)]
        unsafe_hashes: bool,
    },
    /// The script inventory (from csp-hash reports, with integrity-violation reports):
    /// every script per page, its hash, first and last seen, and alerts for new scripts
    /// and changed hashes.
    Inventory {
        /// The store: a SQLite file or a postgres:// URL.
        #[arg(long, value_name = "DB")]
        db: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// A standalone collector for several apps: POST /reports (both report formats, the
    /// collector's limits and CORS) into the store, and the dashboard at `/`.
    ///
    /// Without a token the dashboard is shown to loopback peers only; every other peer
    /// gets only `/reports`. With `--token`, everyone (loopback included) needs it: as
    /// `Authorization: Bearer <token>`, or through the page's login form.
    Serve {
        /// The store: a SQLite file or a postgres:// URL.
        #[arg(long, value_name = "DB")]
        db: String,
        /// The address to listen on, such as 127.0.0.1:8080.
        #[arg(long, value_name = "ADDR")]
        listen: String,
        /// Seconds a request's headers, then its body, may take to arrive.
        #[arg(long, value_name = "SECONDS", default_value_t = 10)]
        body_deadline: u64,
        /// Connections held at once (more wait to be accepted).
        #[arg(long, value_name = "N", default_value_t = 256)]
        max_connections: usize,
        /// The dashboard's token (at least 16 visible ASCII characters), needed to show
        /// it to peers other than loopback.
        #[arg(
            long,
            value_name = "TOKEN",
            env = "SECURE_HEADERS_REPORTS_TOKEN",
            hide_env_values = true
        )]
        token: Option<String>,
    },
    /// Is the candidate ready to enforce? Exit 0 when ready, 1 when not.
    Status {
        /// The store: a SQLite file or a postgres:// URL.
        #[arg(long, value_name = "DB")]
        db: String,
        /// The candidate policy (default: the newest report-only policy in the store).
        #[arg(long, value_name = "POLICY")]
        candidate: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn open(db: &str) -> Result<Store, Fatal> {
    Store::open(db).map_err(|e| Fatal(e.to_string()))
}

impl Reports {
    pub(crate) fn run(self) -> Result<ExitCode, Fatal> {
        match self.command {
            Command::Ingest { db, files } => ingest(&db, &files),
            Command::Summary { db, json } => summary::run(&open(&db)?, json),
            Command::Propose {
                db,
                candidate,
                format,
                path_level,
                unsafe_hashes,
            } => {
                let mut options = ProposalOptions::default();
                options.path_level = path_level;
                options.unsafe_hashes = unsafe_hashes;
                propose::propose(&open(&db)?, candidate.as_deref(), format, &options)
            }
            Command::Inventory { db, json } => inventory(&open(&db)?, json),
            Command::Serve {
                db,
                listen,
                body_deadline,
                max_connections,
                token,
            } => serve::serve(
                &db,
                &listen,
                &serve::Options {
                    body_deadline,
                    max_connections,
                    token,
                },
            ),
            Command::Status {
                db,
                candidate,
                json,
            } => propose::status(&open(&db)?, candidate.as_deref(), json),
        }
    }
}

fn ingest(db: &str, files: &[PathBuf]) -> Result<ExitCode, Fatal> {
    // Every file is opened before the store is touched.
    let mut inputs: Vec<(String, Box<dyn BufRead>)> = Vec::new();
    for f in files {
        let name = f.display().to_string();
        if name == "-" {
            inputs.push((name, Box::new(std::io::stdin().lock())));
        } else {
            let file =
                std::fs::File::open(f).map_err(|e| Fatal(format!("cannot read `{name}`: {e}")))?;
            inputs.push((name, Box::new(std::io::BufReader::new(file))));
        }
    }
    let store = open(db)?;
    let mut malformed = 0;
    for (name, input) in inputs {
        let stats = store
            .ingest_lines(input)
            .map_err(|e| Fatal(e.to_string()))?;
        for bad in &stats.malformed {
            anstream::eprintln!("{name}:{}: skipped: {}", bad.line, bad.error);
        }
        malformed += stats.malformed.len();
        outln!(
            "{name}: {} from {}, {} malformed",
            counted(stats.reports, "report"),
            counted(stats.lines, "line"),
            stats.malformed.len()
        );
    }
    Ok(if malformed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn inventory(store: &Store, json: bool) -> Result<ExitCode, Fatal> {
    let scripts = store.inventory().map_err(|e| Fatal(e.to_string()))?;
    if json {
        outln!("{}", serde_json::to_string_pretty(&scripts)?);
        return Ok(ExitCode::SUCCESS);
    }
    outln!("{}", counted(scripts.len() as u64, "script"));
    for s in &scripts {
        let alerts: Vec<String> = s
            .alerts
            .iter()
            .map(|a| serde_json::to_value(a).map(|v| v.as_str().unwrap_or("").to_uppercase()))
            .collect::<Result<_, _>>()?;
        let alerts = if alerts.is_empty() {
            String::new()
        } else {
            format!("[{}] ", alerts.join(", "))
        };
        let hash = if s.hash.is_empty() {
            "(no hash: not CORS-same-origin)"
        } else {
            &s.hash
        };
        let integrity = if s.integrity_violations > 0 {
            format!(
                ", {}",
                counted(s.integrity_violations, "integrity violation")
            )
        } else {
            String::new()
        };
        outln!(
            "{alerts}{} on {}: {hash}, {}{integrity}, first {} last {}",
            s.url,
            s.page,
            counted(s.count, "report"),
            s.first_seen,
            s.last_seen
        );
    }
    Ok(ExitCode::SUCCESS)
}
