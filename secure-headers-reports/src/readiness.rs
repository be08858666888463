//! Readiness: may the candidate be enforced?

use std::time::Duration;

use secure_headers::grade::{Algorithm, GradeContext, Letter, grade_with};
use secure_headers::http::{HeaderMap, HeaderName, HeaderValue};
use secure_headers::{Preset, Secure};
use serde::Serialize;

use crate::csp::Directives;
use crate::error::{Error, ErrorKind, Result};
use crate::proposal::{
    LintFinding, Proposal, ProposalOptions, high_findings, is_open, is_strict_dynamic,
    of_candidate, propose,
};
use crate::store::{Fingerprint, Store, now};

/// The default window: 7 days.
pub const DEFAULT_WINDOW: Duration = Duration::from_secs(7 * 86_400);

/// A projected Observatory grade.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ProjectedGrade {
    /// The scoring algorithm's version.
    pub algorithm: String,
    /// The score.
    pub score: i32,
    /// The letter.
    pub letter: String,
}

/// Whether the candidate is ready to enforce, and why not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Readiness {
    /// Ready: no open fingerprint in the window and no high lint finding.
    pub ready: bool,
    /// The candidate (nonces as `'nonce-{nonce}'`).
    pub candidate: String,
    /// Open (neither noise nor muted) report-only violations of the candidate seen in the
    /// window.
    pub open: Vec<Fingerprint>,
    /// High lint findings in the candidate.
    pub lint: Vec<LintFinding>,
    /// The grade the Balanced preset's headers would get with the candidate enforced:
    /// the current algorithm, then algorithm 6.
    pub grades: Vec<ProjectedGrade>,
    /// The window, in seconds.
    pub window: u64,
}

/// The Observatory grade of the Balanced preset's headers with `policy` as the enforced
/// CSP, under the default algorithm and algorithm 6.
#[must_use]
pub fn projected_grades(policy: &str) -> Vec<ProjectedGrade> {
    let secure = Secure::from_preset(Preset::Balanced);
    let mut headers = HeaderMap::new();
    for (name, value) in secure.header_items() {
        if let (Ok(n), Ok(v)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            headers.append(n, v);
        }
    }
    // A nonce as the middleware would send it (the grader reads the policy's sources).
    let filled = policy.replace("{nonce}", "bm9uY2Utb2YtMTYtYnl0ZXM");
    if let Ok(v) = HeaderValue::try_from(filled) {
        headers.insert(secure_headers::http::header::CONTENT_SECURITY_POLICY, v);
    }
    [Algorithm::default(), Algorithm::V6]
        .into_iter()
        .map(|a| {
            let g = grade_with(&headers, &GradeContext::new(), a);
            ProjectedGrade {
                algorithm: a.to_string(),
                score: g.score,
                letter: letter(g.letter),
            }
        })
        .collect()
}

fn letter(l: Letter) -> String {
    l.to_string()
}

impl Store {
    /// Readiness of `candidate` (default: [`Store::candidate`]) over `window` (default
    /// [`DEFAULT_WINDOW`]).
    ///
    /// ```
    /// use secure_headers_reports::Store;
    ///
    /// let store = Store::open(":memory:")?;
    /// let r = store.readiness(Some("script-src 'nonce-abc' 'strict-dynamic'; object-src 'none'; base-uri 'none'"), None)?;
    /// assert!(r.ready);
    /// assert_eq!(r.grades.len(), 2);
    /// # Ok::<(), secure_headers_reports::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Input`] if there is no candidate, [`ErrorKind::Query`] if the store
    /// fails.
    pub fn readiness(
        &self,
        candidate: Option<&str>,
        window: Option<Duration>,
    ) -> Result<Readiness> {
        let candidate = match candidate {
            Some(c) => c.to_owned(),
            None => self.candidate()?.ok_or_else(|| {
                Error::new(
                    ErrorKind::Input,
                    self.name(),
                    "no candidate policy: no report-only CSP report yet, and none was given",
                )
            })?,
        };
        let window = window.unwrap_or(DEFAULT_WINDOW);
        let since = window_start(window);
        let fingerprints = self.candidate_fingerprints(&candidate, Some(since))?;
        Ok(assess(&candidate, window, fingerprints))
    }

    /// Readiness of `candidate` (default: [`Store::candidate`]) over `window` (default
    /// [`DEFAULT_WINDOW`]) and the proposal for it with `options`, from one read of the
    /// store: the same as [`Store::readiness`] and [`Store::propose`], or `None` if there
    /// is no candidate.
    ///
    /// ```
    /// use secure_headers_reports::{ProposalOptions, Store};
    ///
    /// let store = Store::open(":memory:")?;
    /// let candidate = "script-src 'nonce-abc' 'strict-dynamic'; img-src 'self'; object-src 'none'; base-uri 'none'";
    /// let line = format!(r#"{{"csp-report": {{"document-uri": "https://a.example/", "effective-directive": "img-src", "blocked-uri": "https://img.example/x.png", "original-policy": "{candidate}", "disposition": "report"}}}}"#);
    /// store.ingest_lines(line.as_bytes())?;
    /// let (readiness, proposal) = store.review(None, None, &ProposalOptions::default())?.unwrap();
    /// assert!(!readiness.ready);
    /// assert_eq!(readiness.open[0].blocked, "https://img.example");
    /// assert_eq!(proposal.policy, "script-src 'nonce-{nonce}' 'strict-dynamic'; img-src 'self' https://img.example; object-src 'none'; base-uri 'none'");
    /// # Ok::<(), secure_headers_reports::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Query`] if the store fails.
    pub fn review(
        &self,
        candidate: Option<&str>,
        window: Option<Duration>,
        options: &ProposalOptions,
    ) -> Result<Option<(Readiness, Proposal)>> {
        let candidate = match candidate {
            Some(c) => c.to_owned(),
            None => match self.candidate()? {
                Some(c) => c,
                None => return Ok(None),
            },
        };
        let window = window.unwrap_or(DEFAULT_WINDOW);
        let all = self.report_violations(None)?;
        let proposal = propose(
            &candidate,
            &of_candidate(&candidate, all.clone(), i64::MIN),
            options,
        );
        let recent = of_candidate(&candidate, all, window_start(window));
        Ok(Some((assess(&candidate, window, recent), proposal)))
    }
}

/// The start of a window ending now.
fn window_start(window: Duration) -> i64 {
    now() - i64::try_from(window.as_secs()).unwrap_or(i64::MAX / 2)
}

/// Readiness of `candidate` given its fingerprints in `window`.
fn assess(candidate: &str, window: Duration, fingerprints: Vec<Fingerprint>) -> Readiness {
    // A fingerprint is open if the candidate does not already allow it: the
    // proposal for it alone still has a change or a task (always so for the
    // candidate's own reports; for reports of other policies, only where they differ).
    let candidate = crate::policy::normalize_policy(candidate);
    let directives = Directives::parse(&candidate);
    let strict_dynamic = is_strict_dynamic(&directives);
    let options = ProposalOptions::default();
    let mut scratch = directives.clone();
    let open: Vec<Fingerprint> = fingerprints
        .into_iter()
        .filter(|f| is_open(&directives, &mut scratch, strict_dynamic, f, &options))
        .collect();
    let lint = high_findings(&candidate);
    let grades = projected_grades(&candidate);
    Readiness {
        ready: open.is_empty() && lint.is_empty(),
        candidate,
        open,
        lint,
        grades,
        window: window.as_secs(),
    }
}
