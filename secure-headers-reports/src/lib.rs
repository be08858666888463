//! A store for the reports browsers send (CSP violations in both formats and every
//! Reporting API type), and the CSP roll-out assistant built on it.
//!
//! Reports are aggregated into **fingerprints** as they are ingested (storage grows with
//! the number of distinct problems, not with traffic), tied to the **policy version**
//! that produced them (nonces taken out; enforced and report-only kept apart), and
//! classified into **noise classes** (extensions, browser internals, injected hosts:
//! kept and counted, muted, never proposed).
//!
//! Backends: a SQLite file (feature `sqlite`, the default) or a PostgreSQL database
//! given by a `postgres://` URL (feature `postgres`).
//!
//! ```
//! use secure_headers_reports::{FingerprintQuery, NoiseClass, Store};
//! use secure_headers::report::parse;
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

#![forbid(unsafe_code)]

mod csp;
mod error;
mod fingerprint;
mod ingest;
mod noise;
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
