//! `reports summary`.

use std::process::ExitCode;

use secure_headers_reports::{Fingerprint, Store, counted};

use crate::Fatal;
use crate::style::outln;

/// One fingerprint as a line: what, where, how often.
pub(crate) fn describe(f: &Fingerprint) -> String {
    let mut what = format!("{} {}", f.directive, f.blocked);
    if !f.source.is_empty() || f.line > 0 {
        what.push_str(&format!(" at {}:{}:{}", f.source, f.line, f.column));
    }
    let disposition = if f.disposition.is_empty() {
        String::new()
    } else {
        format!("[{}] ", f.disposition)
    };
    format!(
        "{disposition}{what} on {} — {}, {}, {} ({})",
        f.document,
        counted(f.count, "report"),
        counted(f.documents, "document"),
        counted(f.clients, "client"),
        f.id
    )
}

pub(crate) fn run(store: &Store, json: bool) -> Result<ExitCode, Fatal> {
    let summary = store.summary().map_err(|e| Fatal(e.to_string()))?;
    if json {
        outln!("{}", serde_json::to_string_pretty(&summary)?);
        return Ok(ExitCode::SUCCESS);
    }
    outln!(
        "{}, {}",
        counted(summary.reports, "report"),
        counted(summary.fingerprints, "fingerprint")
    );
    for k in &summary.kinds {
        outln!(
            "\n{}: {} ({} enforce, {} report-only, {} noise or muted), {}",
            k.kind,
            counted(k.reports, "report"),
            k.enforce,
            k.report_only,
            k.muted,
            counted(k.fingerprints, "fingerprint")
        );
        for f in &k.top {
            outln!("  {}", describe(f));
        }
    }
    if !summary.policies.is_empty() {
        outln!("\npolicy versions:");
        for p in &summary.policies {
            outln!(
                "  {} [{}] {}: {}",
                p.id,
                p.disposition,
                counted(p.reports, "report"),
                p.policy
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
