//! The proposal, strict-first: the smallest change that makes the candidate policy pass,
//! each change citing the fingerprints behind it, and tasks for what no source should fix.

use secure_headers::csp::{HashAlgorithm, Source};
use secure_headers::lint::{Severity, lint_csp};
use serde::Serialize;

use crate::csp::Directives;
use crate::error::Result;
use crate::fingerprint::Sample;
use crate::policy::{normalize_policy, version_id};
use crate::store::{Fingerprint, Store};

/// Browsers cut a `sample` at 40 characters: a shorter one is the whole inline code.
const SAMPLE_LIMIT: usize = 40;

/// How to propose.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProposalOptions {
    /// Host sources with the path (`https://cdn.example/lib/`) instead of the origin.
    pub path_level: bool,
    /// Allow inline event handlers by hash with `'unsafe-hashes'` (off: a refactoring
    /// task instead).
    pub unsafe_hashes: bool,
}

/// The fingerprint behind a change or a task.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Evidence {
    /// The fingerprint's id.
    pub fingerprint: String,
    /// Its reports.
    pub count: u64,
    /// Distinct documents (exact up to 31, approximate beyond).
    pub documents: u64,
    /// Distinct clients (exact up to 31, approximate beyond).
    pub clients: u64,
    /// One sample report.
    pub sample: Option<Sample>,
}

impl Evidence {
    fn of(f: &Fingerprint) -> Self {
        Self {
            fingerprint: f.id.clone(),
            count: f.count,
            documents: f.documents,
            clients: f.clients,
            sample: f.samples.first().cloned(),
        }
    }
}

/// A source added to a directive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Change {
    /// The directive changed.
    pub directive: String,
    /// The source added.
    pub source: String,
    /// Why, in a few words.
    pub reason: String,
    /// The fingerprints behind it.
    pub evidence: Vec<Evidence>,
}

/// What a task asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum TaskKind {
    /// Give an inline `<script>` the response's nonce.
    NonceInlineScript,
    /// Give the tag that loads an external script the response's nonce (under
    /// `'strict-dynamic'`, what it then loads is allowed).
    NonceExternalScript,
    /// Give an inline `<style>` the response's nonce.
    NonceInlineStyle,
    /// Move an inline event handler (`onclick=…`) into a script (`addEventListener`).
    InlineHandler,
    /// Replace a `javascript:` URL by a script's event listener.
    JavascriptUrl,
    /// Remove `eval` (or `new Function`, string `setTimeout`, ...).
    Eval,
    /// Move an inline `style` attribute into a stylesheet.
    InlineStyleAttribute,
}

impl TaskKind {
    /// What to do, in words.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Self::NonceInlineScript => {
                "give this inline <script> the response's nonce (nonce=\"{nonce}\")"
            }
            Self::NonceExternalScript => {
                "give the <script> tag that loads this the response's nonce"
            }
            Self::NonceInlineStyle => "give this inline <style> the response's nonce",
            Self::InlineHandler => {
                "move this inline event handler into a script (addEventListener)"
            }
            Self::JavascriptUrl => {
                "replace this javascript: URL with an event listener in a script"
            }
            Self::Eval => {
                "remove this eval (or new Function / string timer): 'unsafe-eval' is never proposed"
            }
            Self::InlineStyleAttribute => {
                "move this style attribute into a stylesheet or a nonced <style>"
            }
        }
    }
}

/// Work the policy cannot do: a change to the application, with where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Task {
    /// What to do.
    pub kind: TaskKind,
    /// The document (path).
    pub document: String,
    /// Where: the file, line and column, as reported (`https://a.example/app.js:12:5`);
    /// for an external script, its URL.
    pub location: String,
    /// The fingerprint behind it.
    pub evidence: Evidence,
}

/// A lint finding of severity high (or error) left in the proposed policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct LintFinding {
    /// The rule's id.
    pub rule: String,
    /// The message.
    pub message: String,
}

/// The proposal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Proposal {
    /// The candidate it starts from (nonces as `'nonce-{nonce}'`).
    pub candidate: String,
    /// The proposed policy.
    pub policy: String,
    /// The sources added, with their evidence.
    pub changes: Vec<Change>,
    /// The work on the application, with locations.
    pub tasks: Vec<Task>,
    /// Host sources for browsers without `'strict-dynamic'` (kept out of the policy:
    /// modern browsers ignore them there).
    pub fallback_hosts: Vec<String>,
    /// High findings of this crate's lint in the proposed policy (none for a policy
    /// ready to enforce).
    pub lint: Vec<LintFinding>,
}

/// The findings of severity high (or error) of this crate's lint.
pub(crate) fn high_findings(policy: &str) -> Vec<LintFinding> {
    lint_csp(policy)
        .into_iter()
        .filter(|f| f.severity() <= Severity::High)
        .map(|f| LintFinding {
            rule: f.rule().as_str().to_owned(),
            message: f.message().to_owned(),
        })
        .collect()
}

fn is_script(directive: &str) -> bool {
    matches!(
        directive,
        "script-src" | "script-src-elem" | "script-src-attr" | "worker-src"
    )
}

fn location(f: &Fingerprint) -> String {
    let s = f.samples.first();
    let file = if f.source.is_empty() {
        s.map(|s| s.document.as_str()).unwrap_or("")
    } else {
        &f.source
    };
    if f.line == 0 {
        file.to_owned()
    } else {
        format!("{file}:{}:{}", f.line, f.column)
    }
}

/// The whole sample, if the browser sent all of it.
fn complete_sample(f: &Fingerprint) -> Option<&str> {
    let s = f.samples.first()?.sample.as_str();
    (!s.is_empty() && s.chars().count() < SAMPLE_LIMIT).then_some(s)
}

/// The proposal for `candidate` from its fingerprints (open, not noise, report-only CSP
/// violations). [`Store::propose`] reads them from a store.
///
/// ```
/// use secure_headers_reports::{ProposalOptions, Store, propose};
///
/// let store = Store::open(":memory:")?;
/// let candidate = "script-src 'nonce-abc' 'strict-dynamic'; img-src 'self'; object-src 'none'; base-uri 'none'";
/// let line = format!(r#"{{"csp-report": {{"document-uri": "https://a.example/", "effective-directive": "img-src", "blocked-uri": "https://img.example/x.png", "original-policy": "{candidate}", "disposition": "report"}}}}"#);
/// store.ingest_lines(line.as_bytes())?;
/// let p = store.propose(None, &ProposalOptions::default())?.unwrap();
/// assert_eq!(p.policy, "script-src 'nonce-{nonce}' 'strict-dynamic'; img-src 'self' https://img.example; object-src 'none'; base-uri 'none'");
/// assert_eq!(p.changes[0].evidence[0].count, 1);
/// assert!(p.lint.is_empty());
/// # Ok::<(), secure_headers_reports::Error>(())
/// ```
#[must_use]
pub fn propose(
    candidate: &str,
    fingerprints: &[Fingerprint],
    options: &ProposalOptions,
) -> Proposal {
    let candidate = normalize_policy(candidate);
    let mut d = Directives::parse(&candidate);
    let strict_dynamic = is_strict_dynamic(&d);
    let (changes, tasks, fallback_hosts) = plan(&mut d, strict_dynamic, fingerprints, options);
    d.ensure("object-src", &["'none'"]);
    d.ensure("base-uri", &["'none'"]);
    let policy = d.render();
    let lint = high_findings(&policy);
    Proposal {
        candidate,
        policy,
        changes,
        tasks,
        fallback_hosts,
        lint,
    }
}

/// Whether the candidate's script policy has `'strict-dynamic'`.
pub(crate) fn is_strict_dynamic(d: &Directives) -> bool {
    ["script-src", "default-src"]
        .iter()
        .find_map(|n| d.get(n))
        .is_some_and(|v| v.iter().any(|s| s.eq_ignore_ascii_case("'strict-dynamic'")))
}

/// Whether the candidate does not already allow `f`: the proposal for it alone has a
/// change or a task. What readiness asks of every fingerprint, without rendering and
/// linting a policy for each. `scratch` starts as the candidate (parsed once) and is put
/// back to `candidate` only when a plan changed it, so that most fingerprints cost no copy
/// of the policy.
pub(crate) fn is_open(
    candidate: &Directives,
    scratch: &mut Directives,
    strict_dynamic: bool,
    f: &Fingerprint,
    options: &ProposalOptions,
) -> bool {
    let (changes, tasks, _) = plan(scratch, strict_dynamic, std::slice::from_ref(f), options);
    // `allow` changes the policy only when it reports a change, or when it spells out a
    // directive a fallback governed (a new entry).
    if !changes.is_empty() || scratch.0.len() != candidate.0.len() {
        scratch.clone_from(candidate);
    }
    !changes.is_empty() || !tasks.is_empty()
}

/// The changes to `d`, the tasks and the fallback hosts that `fingerprints` call for.
fn plan(
    d: &mut Directives,
    strict_dynamic: bool,
    fingerprints: &[Fingerprint],
    options: &ProposalOptions,
) -> (Vec<Change>, Vec<Task>, Vec<String>) {
    let mut changes: Vec<Change> = Vec::new();
    let mut tasks = Vec::new();
    let mut fallback_hosts: Vec<String> = Vec::new();
    let mut add = |d: &mut Directives, f: &Fingerprint, source: String, reason: &str| {
        let effective = f.directive.as_str();
        match d.allow(effective, &source) {
            Some(directive) => changes.push(Change {
                directive,
                source,
                reason: reason.to_owned(),
                evidence: vec![Evidence::of(f)],
            }),
            None => {
                if let Some(c) = changes.iter_mut().find(|c| c.source == source) {
                    c.evidence.push(Evidence::of(f));
                }
            }
        }
    };
    let mut task = |kind, f: &Fingerprint| {
        let location = if kind == TaskKind::NonceExternalScript {
            f.samples
                .first()
                .map_or_else(|| f.blocked.clone(), |s| s.blocked.clone())
        } else {
            location(f)
        };
        tasks.push(Task {
            kind,
            document: f.document.clone(),
            location,
            evidence: Evidence::of(f),
        });
    };
    for f in fingerprints {
        let directive = f.directive.as_str();
        let sample = f.samples.first().map(|s| s.sample.as_str()).unwrap_or("");
        match f.blocked.as_str() {
            "eval" | "wasm-eval" => task(TaskKind::Eval, f),
            "inline" if is_script(directive) => {
                if sample
                    .trim_start()
                    .to_ascii_lowercase()
                    .starts_with("javascript:")
                {
                    task(TaskKind::JavascriptUrl, f);
                } else if directive == "script-src-attr" {
                    match complete_sample(f) {
                        Some(code) if options.unsafe_hashes => {
                            add(
                                d,
                                f,
                                "'unsafe-hashes'".into(),
                                "inline event handlers by hash (asked for)",
                            );
                            add(
                                d,
                                f,
                                Source::hash_of(HashAlgorithm::Sha256, code)
                                    .as_str()
                                    .to_owned(),
                                "this inline event handler",
                            );
                        }
                        _ => task(TaskKind::InlineHandler, f),
                    }
                } else if let Some(code) = complete_sample(f) {
                    add(
                        d,
                        f,
                        Source::hash_of(HashAlgorithm::Sha256, code)
                            .as_str()
                            .to_owned(),
                        "this inline script, by hash (its whole text was reported)",
                    );
                } else {
                    add(
                        d,
                        f,
                        "'nonce-{nonce}'".into(),
                        "the response's nonce, for inline scripts",
                    );
                    task(TaskKind::NonceInlineScript, f);
                }
            }
            "inline" => {
                if directive == "style-src-attr" {
                    task(TaskKind::InlineStyleAttribute, f);
                } else if let Some(code) = complete_sample(f) {
                    add(
                        d,
                        f,
                        Source::hash_of(HashAlgorithm::Sha256, code)
                            .as_str()
                            .to_owned(),
                        "this inline style, by hash (its whole text was reported)",
                    );
                } else {
                    add(
                        d,
                        f,
                        "'nonce-{nonce}'".into(),
                        "the response's nonce, for inline styles",
                    );
                    task(TaskKind::NonceInlineStyle, f);
                }
            }
            "" | "trusted-types-policy" | "trusted-types-sink" => {}
            blocked => {
                let first_party = f.noise == crate::NoiseClass::FirstParty;
                let host = if first_party {
                    "'self'".to_owned()
                } else if options.path_level && blocked.contains("://") {
                    f.samples
                        .first()
                        .map_or_else(|| blocked.to_owned(), |s| s.blocked.clone())
                } else {
                    blocked.to_owned()
                };
                if is_script(directive) {
                    if strict_dynamic {
                        if !fallback_hosts.contains(&host) {
                            fallback_hosts.push(host);
                        }
                        task(TaskKind::NonceExternalScript, f);
                    } else if !matches!(host.as_str(), "data:" | "blob:" | "http:" | "https:") {
                        add(d, f, host, "the origin this script is loaded from");
                    }
                } else {
                    add(
                        d,
                        f,
                        host,
                        "the smallest source that covers what was blocked",
                    );
                }
            }
        }
    }
    (changes, tasks, fallback_hosts)
}

impl Store {
    /// The candidate's fingerprints: open (neither noise nor muted) report-only CSP
    /// violations of its policy version, or of every report-only policy if none is of
    /// its version (a candidate written by hand, not yet deployed).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Query`](crate::ErrorKind::Query) if the store fails.
    pub fn candidate_fingerprints(
        &self,
        candidate: &str,
        since: Option<i64>,
    ) -> Result<Vec<Fingerprint>> {
        Ok(of_candidate(
            candidate,
            self.report_violations(since)?,
            since.unwrap_or(i64::MIN),
        ))
    }

    /// The proposal for `candidate` (default: [`Store::candidate`]), or `None` if there
    /// is no candidate.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Query`](crate::ErrorKind::Query) if the store fails.
    pub fn propose(
        &self,
        candidate: Option<&str>,
        options: &ProposalOptions,
    ) -> Result<Option<Proposal>> {
        let candidate = match candidate {
            Some(c) => c.to_owned(),
            None => match self.candidate()? {
                Some(c) => c,
                None => return Ok(None),
            },
        };
        let fingerprints = self.candidate_fingerprints(&candidate, None)?;
        Ok(Some(propose(&candidate, &fingerprints, options)))
    }
}

/// Of `all` (open report-only CSP violations, as [`Store::report_violations`] reads them),
/// those of `candidate` seen from `since` on: of its policy version, or of every
/// report-only policy if none of its version is (a candidate written by hand, not yet
/// deployed). The order of `all` is kept.
pub(crate) fn of_candidate(candidate: &str, all: Vec<Fingerprint>, since: i64) -> Vec<Fingerprint> {
    let version = version_id(&normalize_policy(candidate));
    let in_window = all.into_iter().filter(|f| f.last_seen >= since);
    let (own, others): (Vec<_>, Vec<_>) = in_window.partition(|f| f.policy_id == version);
    if own.is_empty() { others } else { own }
}
