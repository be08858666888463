//! What the page shows, as plain data, and the [`Source`] it comes from. The store
//! computes every figure (the same verdict as `reports status`, the same proposal as
//! `reports propose`); the dashboard only presents it.

use crate::params::FingerprintQuery;
use crate::svg::Series;

/// One policy version (policies that differ only in their nonces are one version).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Version {
    /// The store's id for it.
    pub id: String,
    /// The policy, nonces normalized away.
    pub policy: String,
    /// `enforce` or `report`.
    pub disposition: String,
    /// Reports counted for it.
    pub reports: u64,
}

/// Readiness of the candidate, as `reports status` decides it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Readiness {
    /// Ready to enforce.
    pub ready: bool,
    /// Why not (open fingerprints, lint findings), or what was checked.
    pub reasons: Vec<String>,
    /// Projected Observatory grades, `(algorithm, letter)`, such as `("algorithm 5, score 130", "A+")`.
    pub grades: Vec<(String, String)>,
}

/// One fingerprint row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fingerprint {
    /// The store's id, used by the mute action.
    pub id: String,
    /// Report type (`csp-violation`, ...).
    pub kind: String,
    /// `enforce` (breakage) or `report`.
    pub disposition: String,
    /// Effective directive.
    pub directive: String,
    /// The blocked resource: origin, scheme or keyword (`inline`, `eval`).
    pub blocked: String,
    /// The document's path.
    pub page: String,
    /// Source file and line of inline code, if known.
    pub source: Option<String>,
    /// Noise class (`first-party`, `extension`, ...).
    pub class: String,
    /// Policy version id.
    pub version: String,
    /// Reports.
    pub count: u64,
    /// Approximate distinct clients.
    pub reach: u64,
    /// Distinct documents.
    pub documents: u64,
    /// First seen, Unix seconds.
    pub first_seen: i64,
    /// Last seen, Unix seconds.
    pub last_seen: i64,
    /// A sample (`sample` field or blocked URL), attacker-controlled.
    pub sample: Option<String>,
    /// Muted by a person.
    pub muted: bool,
    /// Reports per bucket over the window, oldest first (the sparkline).
    pub series: Vec<u64>,
}

/// One page of the fingerprint table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FingerprintPage {
    /// The rows.
    pub rows: Vec<Fingerprint>,
    /// Rows matching the filter, all pages.
    pub total: u64,
    /// Noise rows the filter hides (muted or of a noise class).
    pub hidden_noise: u64,
}

/// A change of the proposal to one directive.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change {
    /// The directive.
    pub directive: String,
    /// Sources added.
    pub added: Vec<String>,
    /// Sources removed.
    pub removed: Vec<String>,
    /// Ids, counts and samples of the fingerprints behind it: `(id, count, reach, sample)`.
    pub because: Vec<(String, u64, u64, String)>,
}

/// A task: what no source can fix (an inline handler, `eval`, an untagged script).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Task {
    /// What to do.
    pub what: String,
    /// `file:line`, when known.
    pub location: Option<String>,
    /// Reports behind it.
    pub count: u64,
}

/// The proposal, as `reports propose` computes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Proposal {
    /// The candidate it starts from.
    pub candidate: String,
    /// The proposed policy (one line, a valid CSP).
    pub proposed: String,
    /// Per directive.
    pub changes: Vec<Change>,
    /// Tasks.
    pub tasks: Vec<Task>,
    /// The proposal as configuration file lines.
    pub toml: String,
    /// The proposal as Rust builder code.
    pub rust: String,
}

/// A script of the inventory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Script {
    /// The page.
    pub page: String,
    /// The script's URL (or `inline`).
    pub url: String,
    /// Its hash source (`sha256-…`).
    pub hash: String,
    /// First seen.
    pub first_seen: i64,
    /// Last seen.
    pub last_seen: i64,
    /// An alert: `new` or `changed`.
    pub alert: Option<String>,
}

/// The summary of one other report type.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TypeSummary {
    /// Report type (`coop`, `permissions-policy-violation`, `network-error`, ...).
    pub kind: String,
    /// Reports.
    pub count: u64,
    /// Fingerprints.
    pub fingerprints: u64,
    /// Last seen.
    pub last_seen: i64,
    /// The most frequent fingerprint's description, attacker-controlled.
    pub top: Option<String>,
}

/// The head of the page: where the policy stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overview {
    /// The newest enforced version.
    pub enforced: Option<Version>,
    /// The candidate (the newest report-only version, or the accepted proposal).
    pub candidate: Option<Version>,
    /// Reports per version per bucket over the window.
    pub per_version: Vec<Series>,
    /// The window's first and last bucket, as shown under the chart.
    pub span: (String, String),
    /// Readiness of the candidate.
    pub readiness: Readiness,
    /// Breakage in production: enforced-policy fingerprints, worst first (bounded).
    pub breakage: Vec<Fingerprint>,
    /// Other report types.
    pub other_types: Vec<TypeSummary>,
    /// Reports in the store, all time.
    pub total_reports: u64,
}

/// Where the dashboard's data comes from: the report store. Its calls are synchronous
/// (they run on tokio's blocking pool) and bounded: the table is paginated by the store,
/// and series have a fixed number of buckets.
pub trait Source: Send + Sync + 'static {
    /// The head of the page over the query's window.
    ///
    /// # Errors
    ///
    /// The store's error, shown as a `500` with its message.
    fn overview(&self, query: &FingerprintQuery) -> Result<Overview, String>;

    /// One page of fingerprints.
    ///
    /// # Errors
    ///
    /// As [`overview`](Self::overview).
    fn fingerprints(&self, query: &FingerprintQuery) -> Result<FingerprintPage, String>;

    /// The proposal for the candidate (`None`: no candidate yet).
    ///
    /// # Errors
    ///
    /// As [`overview`](Self::overview).
    fn proposal(&self) -> Result<Option<Proposal>, String>;

    /// [`overview`](Self::overview) and [`proposal`](Self::proposal) together, for a
    /// source that reads what both need once (the store reads the candidate's
    /// fingerprints once for its readiness and its proposal).
    ///
    /// # Errors
    ///
    /// As [`overview`](Self::overview).
    fn overview_and_proposal(
        &self,
        query: &FingerprintQuery,
    ) -> Result<(Overview, Option<Proposal>), String> {
        Ok((self.overview(query)?, self.proposal()?))
    }

    /// The script inventory (bounded to the newest `limit` scripts).
    ///
    /// # Errors
    ///
    /// As [`overview`](Self::overview).
    fn inventory(&self, limit: usize) -> Result<Vec<Script>, String>;

    /// Mutes (or unmutes) a fingerprint; `false` when there is no such fingerprint.
    ///
    /// # Errors
    ///
    /// As [`overview`](Self::overview).
    fn mute(&self, id: &str, muted: bool) -> Result<bool, String>;

    /// Makes the current proposal the candidate; `false` when there is none.
    ///
    /// # Errors
    ///
    /// As [`overview`](Self::overview).
    fn accept_proposal(&self) -> Result<bool, String>;
}

impl<S: Source + ?Sized> Source for std::sync::Arc<S> {
    fn overview(&self, query: &FingerprintQuery) -> Result<Overview, String> {
        (**self).overview(query)
    }
    fn fingerprints(&self, query: &FingerprintQuery) -> Result<FingerprintPage, String> {
        (**self).fingerprints(query)
    }
    fn proposal(&self) -> Result<Option<Proposal>, String> {
        (**self).proposal()
    }
    fn overview_and_proposal(
        &self,
        query: &FingerprintQuery,
    ) -> Result<(Overview, Option<Proposal>), String> {
        (**self).overview_and_proposal(query)
    }
    fn inventory(&self, limit: usize) -> Result<Vec<Script>, String> {
        (**self).inventory(limit)
    }
    fn mute(&self, id: &str, muted: bool) -> Result<bool, String> {
        (**self).mute(id, muted)
    }
    fn accept_proposal(&self) -> Result<bool, String> {
        (**self).accept_proposal()
    }
}
