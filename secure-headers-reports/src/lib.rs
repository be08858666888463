//! A store for the reports browsers send (CSP violations in both formats and every
//! Reporting API type), and the CSP roll-out assistant built on it: from a strict candidate
//! in report-only mode to an enforced policy, with evidence for every step.
//!
//! Reports are aggregated into **fingerprints** as they are ingested (storage grows with
//! the number of distinct problems, not with traffic), tied to the **policy version**
//! that produced them (nonces taken out; enforced and report-only kept apart), and
//! classified into **noise classes** (extensions, browser internals, injected hosts:
//! kept and counted, muted, never proposed).
//!
//! Backends: a SQLite file (feature `sqlite`, the default) or a PostgreSQL database
//! given by a `postgres://` URL (feature `postgres`), selected by what [`Store::open`] is
//! given. The `secure-headers` command has it all as `secure-headers reports serve |
//! ingest | summary | propose | status | inventory`.
//!
//! # Ingest
//!
//! ```
//! use secure_headers_reports::{FingerprintQuery, NoiseClass, Store};
//!
//! let store = Store::open(":memory:")?;
//! // One request body a line, as browsers POST them: a legacy report, a Reporting API batch.
//! let lines = concat!(
//!     r#"{"csp-report": {"document-uri": "https://shop.example/", "effective-directive": "img-src", "#,
//!     r#""blocked-uri": "https://img.example/a.png", "original-policy": "img-src 'self'", "disposition": "enforce"}}"#,
//!     "\n",
//!     r#"[{"type": "csp-violation", "url": "https://shop.example/", "body": {"documentURL": "https://shop.example/", "#,
//!     r#""effectiveDirective": "script-src-elem", "blockedURL": "chrome-extension://abc/x.js", "#,
//!     r#""originalPolicy": "img-src 'self'", "disposition": "enforce"}}]"#,
//! );
//! let stats = store.ingest_lines(lines.as_bytes())?;
//! assert_eq!((stats.reports, stats.malformed.len()), (2, 0));
//!
//! // Noise is kept but left out by default.
//! let open = store.fingerprints(&FingerprintQuery::default())?;
//! assert_eq!(open.total, 1);
//! assert_eq!(open.items[0].blocked, "https://img.example");
//! let all = store.fingerprints(&FingerprintQuery { include_noise: true, ..Default::default() })?;
//! assert_eq!(all.total, 2);
//! assert!(all.items.iter().any(|f| f.noise == NoiseClass::Extension));
//! # Ok::<(), secure_headers_reports::Error>(())
//! ```
//!
//! # Collect from an application
//!
//! A [`StoreWriter`] takes reports off the request path (a bounded queue; a full one
//! drops and counts) and writes them in batches; its [`collector`](StoreWriter::collector)
//! is a `ReportCollector`, mounted on any framework's report route (a tower `Service` for
//! axum: `Router::route_service("/reports", writer.collector())`). The feature `serve`
//! adds `serve::ReportService`, the standalone collector with slow-client bounds.
//!
//! ```
//! use std::sync::Arc;
//! use secure_headers_reports::{Store, StoreWriter};
//!
//! let store = Arc::new(Store::open(":memory:")?);
//! let writer = StoreWriter::spawn(store.clone(), 4096);
//! let collector = writer.collector();
//! let body = br#"{"csp-report": {"document-uri": "https://shop.example/", "effective-directive": "font-src",
//!     "blocked-uri": "https://fonts.example/a.woff2", "original-policy": "default-src 'self'", "disposition": "report"}}"#;
//! assert_eq!(collector.receive(Some("application/csp-report"), body), 204);
//! writer.close(); // writes what is queued
//! assert_eq!(store.summary()?.reports, 1);
//! # Ok::<(), secure_headers_reports::Error>(())
//! ```
//!
//! # Propose, then gate the deployment
//!
//! The proposal starts from the candidate (by default the newest report-only policy in the
//! store) and is strict first: nonces and hashes for inline scripts, `'strict-dynamic'`
//! kept, tasks (with file and line) for `eval`, inline handlers and external scripts, the
//! smallest host sources for the rest, each change with the fingerprints behind it.
//! [`Store::readiness`] says whether the candidate may be enforced (`reports status` exits
//! 0 or 1 on it).
//!
//! ```
//! use secure_headers_reports::{ProposalOptions, Store};
//!
//! let store = Store::open(":memory:")?;
//! let candidate = "script-src 'nonce-r4nd0m' 'strict-dynamic'; img-src 'self'; object-src 'none'; base-uri 'none'";
//! let report = format!(
//!     r#"{{"csp-report": {{"document-uri": "https://shop.example/", "effective-directive": "img-src",
//!     "blocked-uri": "https://img.example/a.png", "original-policy": "{candidate}", "disposition": "report"}}}}"#
//! ).replace('\n', " ");
//! store.ingest_lines(report.as_bytes())?;
//!
//! // Not ready: an image host is missing.
//! let r = store.readiness(None, None)?;
//! assert!(!r.ready);
//! assert_eq!(r.open[0].blocked, "https://img.example");
//!
//! let p = store.propose(None, &ProposalOptions::default())?.expect("a candidate");
//! assert_eq!(
//!     p.policy,
//!     "script-src 'nonce-{nonce}' 'strict-dynamic'; img-src 'self' https://img.example; object-src 'none'; base-uri 'none'"
//! );
//! assert_eq!((p.changes[0].directive.as_str(), p.changes[0].evidence[0].count), ("img-src", 1));
//!
//! // The proposal, with a nonce, passes.
//! let proposed = p.policy.replace("{nonce}", "r4nd0m");
//! assert!(store.readiness(Some(&proposed), None)?.ready);
//! # Ok::<(), secure_headers_reports::Error>(())
//! ```

#![forbid(unsafe_code)]

mod csp;
mod error;
mod fingerprint;
mod ingest;
mod noise;
mod plural;
mod policy;
mod proposal;
mod readiness;
mod render;
#[cfg(feature = "serve")]
pub mod serve;
mod sketch;
mod store;
mod url;
mod writer;

pub use error::{Error, ErrorKind, Result};
pub use fingerprint::Sample;
pub use ingest::{LineError, LinesStats};
pub use noise::{NoiseClass, NoiseRules};
pub use plural::{counted, plural};
pub use policy::normalize_policy;
pub use proposal::{
    Change, Evidence, LintFinding, Proposal, ProposalOptions, Task, TaskKind, propose,
};
pub use readiness::{DEFAULT_WINDOW, ProjectedGrade, Readiness, projected_grades};
pub use render::{config_toml, rust_code};
pub use store::{
    Alert, Batch, Fingerprint, FingerprintQuery, IngestStats, KindSummary, Options, Order, Page,
    PolicyVersion, SCHEMA_VERSION, Script, SeriesPoint, Store, Summary,
};
pub use writer::StoreWriter;
