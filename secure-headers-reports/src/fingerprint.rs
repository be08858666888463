//! From a report to what the store keeps of it: the fingerprint's key, and the few
//! details (document, sample, client) that are aggregated into it.

use secure_headers::report::Report;
use serde::{Deserialize, Serialize};
use sha2::Digest as _;

use crate::noise::{NoiseClass, NoiseRules};
use crate::policy::{hex16, normalize_policy, version_id};
use crate::url::{origin, path, scheme, strip_query};

/// The longest `sample` kept (browsers send 40 characters; other fields are cut too).
const MAX_FIELD: usize = 512;

/// One sample report of a fingerprint, as stored (at most a few per fingerprint).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Sample {
    /// The document, without query string or fragment (unless configured to keep them).
    pub document: String,
    /// The blocked resource as reported (query and fragment dropped).
    pub blocked: String,
    /// The report's `sample` (the first characters of inline code), or the hash of a
    /// `csp-hash` report.
    pub sample: String,
    /// The script that caused it, if reported.
    pub source_file: String,
    /// Its line.
    pub line: u64,
    /// Its column.
    pub column: u64,
    /// The browser.
    pub user_agent: String,
}

/// What a report contributes to the store.
#[derive(Clone, Debug)]
pub(crate) struct Observation {
    pub(crate) id: String,
    pub(crate) kind: String,
    pub(crate) disposition: String,
    pub(crate) directive: String,
    pub(crate) blocked: String,
    pub(crate) document: String,
    pub(crate) source: String,
    pub(crate) line: u64,
    pub(crate) column: u64,
    pub(crate) policy: String,
    pub(crate) policy_id: String,
    pub(crate) noise: NoiseClass,
    pub(crate) document_url: String,
    pub(crate) sample: Sample,
    /// For `csp-hash`: (page, script URL, hash).
    pub(crate) script: Option<(String, String, String)>,
}

fn cut(s: &str) -> String {
    let mut end = s.len().min(MAX_FIELD);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_owned()
}

/// The stored form of a blocked resource: the origin of a URL, the scheme of a
/// non-hierarchical URL (`data:`), or the keyword (`inline`, `eval`, ...).
pub(crate) fn blocked_resource(blocked: &str) -> String {
    if let Some(origin) = origin(blocked) {
        return origin;
    }
    match scheme(blocked) {
        Some(s) => format!("{s}:"),
        // Browsers report a `data:` or `blob:` URL by its scheme alone, without a colon.
        None => match blocked.trim() {
            b @ ("data" | "blob" | "filesystem" | "mediastream") => format!("{b}:"),
            b => cut(b),
        },
    }
}

fn disposition(d: &str) -> String {
    match d {
        "enforce" => "enforce".into(),
        "report" | "reporting" => "report".into(),
        other => cut(other),
    }
}

pub(crate) struct Context<'a> {
    pub(crate) rules: &'a NoiseRules,
    pub(crate) keep_query: bool,
}

impl Context<'_> {
    fn url(&self, url: &str) -> String {
        cut(if self.keep_query {
            url
        } else {
            strip_query(url)
        })
    }
}

impl Observation {
    pub(crate) fn new(report: &Report, cx: &Context<'_>) -> Self {
        let mut o = Self {
            id: String::new(),
            kind: report.kind().to_owned(),
            disposition: String::new(),
            directive: String::new(),
            blocked: String::new(),
            document: String::new(),
            source: String::new(),
            line: 0,
            column: 0,
            policy: String::new(),
            policy_id: String::new(),
            noise: NoiseClass::None,
            document_url: String::new(),
            sample: Sample::default(),
            script: None,
        };
        let mut document = String::new();
        let mut user_agent = "";
        let opt = |s: &Option<String>| s.clone().unwrap_or_default();
        // A deprecation and an intervention: different types, the same fields (an
        // identifier, a message, and where in a script it happened).
        macro_rules! notice {
            ($r:expr) => {{
                document = $r.url.clone();
                user_agent = &$r.user_agent;
                o.directive = cut(&$r.body.id);
                o.source = cx.url(&opt(&$r.body.source_file));
                o.line = $r.body.line_number.unwrap_or(0);
                o.column = $r.body.column_number.unwrap_or(0);
                o.sample.sample = cut(&$r.body.message);
            }};
        }
        match report {
            Report::CspViolation(v) if !v.effective_directive.is_empty() => {
                document = v.document_url.clone();
                user_agent = &v.user_agent;
                o.disposition = disposition(&v.disposition);
                o.directive = cut(&v.effective_directive);
                o.blocked = blocked_resource(&v.blocked_url);
                o.source = cx.url(&v.source_file);
                o.line = v.line_number;
                o.column = v.column_number;
                o.policy = normalize_policy(&v.original_policy);
                o.noise = cx
                    .rules
                    .classify(&v.blocked_url, &v.source_file, &v.document_url);
                o.sample.blocked = cx.url(&v.blocked_url);
                o.sample.sample = cut(&v.sample);
                if o.blocked != "inline" && o.blocked != "eval" {
                    // Where inline code sits matters; where an external resource was
                    // loaded from does not split a fingerprint.
                    o.line = 0;
                    o.column = 0;
                    o.source.clear();
                }
            }
            // A CSP report without the one field every violation has contradicts its
            // type: it is kept, as `other`.
            Report::CspViolation(v) => {
                o.kind = "other".into();
                o.directive = "csp-violation".into();
                document = v.document_url.clone();
            }
            Report::CspHash(r) => {
                document = r.body.document_url.clone();
                user_agent = &r.user_agent;
                o.directive = cut(&r.body.destination);
                o.blocked = cx.url(&r.body.subresource_url);
                o.sample.blocked = o.blocked.clone();
                o.sample.sample = cut(&r.body.hash);
                o.script = Some((
                    cx.url(if document.is_empty() {
                        &r.url
                    } else {
                        &document
                    }),
                    o.blocked.clone(),
                    cut(&r.body.hash),
                ));
            }
            Report::IntegrityViolation(r) => {
                document = r.body.document_url.clone();
                user_agent = &r.user_agent;
                o.disposition = if r.body.report_only {
                    "report"
                } else {
                    "enforce"
                }
                .into();
                o.directive = cut(&r.body.destination);
                o.blocked = cx.url(&r.body.blocked_url);
                o.sample.blocked = o.blocked.clone();
            }
            Report::Coop(r) => {
                document = r.url.clone();
                user_agent = &r.user_agent;
                o.disposition = disposition(&r.body.disposition);
                o.directive = cut(&r.body.effective_policy);
                o.blocked = cut(&r.body.kind);
                let other = [&r.body.next_response_url, &r.body.previous_response_url]
                    .into_iter()
                    .find(|u| !u.is_empty());
                o.sample.blocked = other.map(|u| cx.url(u)).unwrap_or_default();
                o.sample.sample = cut(&r.body.property);
            }
            Report::Coep(r) => {
                document = r.url.clone();
                user_agent = &r.user_agent;
                o.disposition = disposition(&r.body.disposition);
                o.directive = cut(&r.body.destination);
                o.blocked = blocked_resource(&r.body.blocked_url);
                o.sample.blocked = cx.url(&r.body.blocked_url);
                o.sample.sample = cut(&r.body.kind);
            }
            Report::PermissionsPolicyViolation(r)
            | Report::PotentialPermissionsPolicyViolation(r) => {
                document = r.url.clone();
                user_agent = &r.user_agent;
                o.disposition = disposition(&r.body.disposition);
                o.directive = cut(&r.body.feature_id);
                o.blocked = blocked_resource(&opt(&r.body.src_attribute));
                o.source = cx.url(&opt(&r.body.source_file));
                o.line = r.body.line_number.unwrap_or(0);
                o.column = r.body.column_number.unwrap_or(0);
                o.sample.sample = cut(&opt(&r.body.allow_attribute));
            }
            Report::DocumentPolicyViolation(r) => {
                document = r.url.clone();
                user_agent = &r.user_agent;
                o.disposition = disposition(&r.body.disposition);
                o.directive = cut(&r.body.feature_id);
                o.source = cx.url(&opt(&r.body.source_file));
                o.line = r.body.line_number.unwrap_or(0);
                o.column = r.body.column_number.unwrap_or(0);
                o.sample.sample = cut(&r.body.message);
            }
            Report::Deprecation(r) => notice!(r),
            Report::Intervention(r) => notice!(r),
            Report::Crash(r) => {
                document = r.url.clone();
                user_agent = &r.user_agent;
                o.directive = r
                    .body
                    .reason
                    .as_deref()
                    .map_or_else(|| "unknown".into(), cut);
            }
            Report::NetworkError(r) => {
                document = r.url.clone();
                user_agent = &r.user_agent;
                o.directive = cut(&r.body.phase);
                o.blocked = cut(&r.body.kind);
                o.sample.sample = format!("{} {}", r.body.method, r.body.status_code);
            }
            // An unknown type, or a body that contradicts its type: kept as `other`, its
            // type as the key.
            Report::Other { kind, url, .. } => {
                o.kind = "other".into();
                o.directive = cut(kind);
                document = url.clone();
            }
            // A report type this crate does not know yet.
            #[allow(unreachable_patterns)]
            other => o.kind = cut(other.kind()),
        }
        o.document = cut(&path(&document));
        o.document_url = cx.url(&document);
        o.sample.document = o.document_url.clone();
        o.sample.source_file = o.source.clone();
        o.sample.line = o.line;
        o.sample.column = o.column;
        o.sample.user_agent = cut(user_agent);
        o.policy_id = version_id(&o.policy);
        let line = o.line.to_string();
        let parts = [
            o.kind.as_str(),
            &o.disposition,
            &o.directive,
            &o.blocked,
            &o.document,
            &o.source,
            &line,
            &o.policy_id,
        ];
        o.id = hex16(&sha2::Sha256::digest(parts.join("\0").as_bytes()));
        o
    }
}
