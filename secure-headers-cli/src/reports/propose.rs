//! `reports propose` and `reports status`.

use std::process::ExitCode;

use clap::ValueEnum;
use secure_headers_reports::{Proposal, ProposalOptions, Store, counted};

use crate::Fatal;
use crate::style::{out, outln};

/// The output formats of `reports propose`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// The policy, the changes with their evidence, and the tasks.
    Text,
    /// Exactly one line: the proposed policy.
    Csp,
    /// A `[csp]` section for a configuration file.
    Toml,
    /// Rust code that builds the policy.
    Rust,
    /// The whole proposal as JSON.
    Json,
}

pub(crate) fn render(p: &Proposal, format: Format) -> Result<String, Fatal> {
    Ok(match format {
        Format::Csp => format!("{}\n", p.policy),
        Format::Json => format!("{}\n", serde_json::to_string_pretty(p)?),
        Format::Toml => secure_headers_reports::config_toml(&p.policy),
        Format::Rust => secure_headers_reports::rust_code(&p.policy),
        Format::Text => {
            let mut out = format!("candidate: {}\nproposed:  {}\n", p.candidate, p.policy);
            if !p.changes.is_empty() {
                out.push_str("\nchanges:\n");
                for c in &p.changes {
                    let reports: u64 = c.evidence.iter().map(|e| e.count).sum();
                    let sample = c.evidence[0]
                        .sample
                        .as_ref()
                        .map(|s| s.blocked.as_str())
                        .unwrap_or("");
                    out.push_str(&format!(
                        "  {} += {}  ({}; {}, {}, e.g. {sample})\n",
                        c.directive,
                        c.source,
                        c.reason,
                        counted(reports, "report"),
                        counted(c.evidence.len() as u64, "fingerprint")
                    ));
                }
            }
            if !p.tasks.is_empty() {
                out.push_str("\ntasks:\n");
                for t in &p.tasks {
                    out.push_str(&format!(
                        "  {}: {} on {} ({})\n    {}\n",
                        serde_json::to_value(t.kind)?.as_str().unwrap_or(""),
                        t.location,
                        t.document,
                        counted(t.evidence.count, "report"),
                        t.kind.describe()
                    ));
                }
            }
            if !p.fallback_hosts.is_empty() {
                out.push_str(&format!(
                    "\nfallback hosts for browsers without 'strict-dynamic': {}\n",
                    p.fallback_hosts.join(" ")
                ));
            }
            for f in &p.lint {
                out.push_str(&format!("\nlint (high): {}: {}\n", f.rule, f.message));
            }
            out
        }
    })
}

pub(crate) fn propose(
    store: &Store,
    candidate: Option<&str>,
    format: Format,
    options: &ProposalOptions,
) -> Result<ExitCode, Fatal> {
    let proposal = store
        .propose(candidate, options)
        .map_err(|e| Fatal(e.to_string()))?
        .ok_or_else(|| {
            Fatal(format!(
                "no candidate policy in `{}`: no report-only CSP report yet; give one with --candidate",
                store.name()
            ))
        })?;
    out!("{}", render(&proposal, format)?);
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn status(
    store: &Store,
    candidate: Option<&str>,
    json: bool,
) -> Result<ExitCode, Fatal> {
    let r = store
        .readiness(candidate, None)
        .map_err(|e| Fatal(e.to_string()))?;
    if json {
        outln!("{}", serde_json::to_string_pretty(&r)?);
    } else {
        outln!("candidate: {}", r.candidate);
        outln!(
            "{} over the last {}",
            if r.ready {
                "ready to enforce"
            } else {
                "not ready"
            },
            counted(r.window / 86_400, "day")
        );
        for g in &r.grades {
            outln!(
                "projected grade (algorithm {}): {} ({})",
                g.algorithm,
                g.letter,
                g.score
            );
        }
        for f in &r.open {
            outln!("open: {}", super::summary::describe(f));
        }
        for f in &r.lint {
            outln!("lint (high): {}: {}", f.rule, f.message);
        }
    }
    Ok(if r.ready {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
