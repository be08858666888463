//! The three optional clean-up steps of Python's `secure` 2.0.1, run once at build time:
//! [`allowlist_headers`](crate::SecureBuilder::allowlist_headers),
//! [`deduplicate_headers`](crate::SecureBuilder::deduplicate_headers) and
//! [`validate_and_normalize_headers`](crate::SecureBuilder::validate_and_normalize_headers).
//!
//! Each step works on the rendered `(name, value)` list, in the order the steps were added
//! to the builder. Every decision is recorded in the [`PipelineReport`] of the built
//! [`Secure`](crate::Secure) (and logged through `tracing` when that feature is on); a step
//! in a `Raise` mode makes [`build`](crate::SecureBuilder::build) fail instead.
//!
//! ```
//! use secure_headers::{CustomHeader, Secure, pipeline::{Action, AllowlistOptions, OnUnexpected}};
//!
//! let secure = Secure::builder()
//!     .xcto(secure_headers::XContentTypeOptions::new())
//!     .custom(CustomHeader::new("X-Powered-By", "PHP"))
//!     .allowlist_headers(AllowlistOptions::new().on_unexpected(OnUnexpected::Drop))
//!     .build()
//!     .unwrap();
//!
//! assert_eq!(secure.header_items().collect::<Vec<_>>(), [("X-Content-Type-Options", "nosniff")]);
//! let decision = &secure.report().decisions()[0];
//! assert_eq!((decision.header(), decision.action()), ("X-Powered-By", Action::Dropped));
//! ```

use std::fmt;

use crate::text::is_token;
use crate::{Error, ErrorKind};

/// Header names (lowercase) that may be sent more than once: the application's value is
/// kept and ours is appended. `secure` 2.0.1's `MULTI_OK`.
pub const MULTI_OK: &[&str] = &["content-security-policy"];

/// Header names (lowercase) whose duplicates may be merged into one comma-joined value by
/// [`DeduplicateAction::Concat`]. `secure` 2.0.1's `COMMA_JOIN_OK`.
pub const COMMA_JOIN_OK: &[&str] = &["cache-control"];

/// The header names (lowercase) [`AllowlistOptions::new`] allows. `secure` 2.0.1's
/// `DEFAULT_ALLOWED_HEADERS` (17 names in 2.0.1).
pub const DEFAULT_ALLOWED_HEADERS: &[&str] = &[
    "cache-control",
    "content-security-policy",
    "content-security-policy-report-only",
    "cross-origin-embedder-policy",
    "cross-origin-opener-policy",
    "cross-origin-resource-policy",
    "origin-agent-cluster",
    "permissions-policy",
    "referrer-policy",
    "server",
    "strict-transport-security",
    "x-content-type-options",
    "x-dns-prefetch-control",
    "x-download-options",
    "x-frame-options",
    "x-permitted-cross-domain-policies",
    "x-xss-protection",
];

/// A rendered header on its way to becoming an entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Rendered {
    pub(crate) name: String,
    pub(crate) value: String,
}

/// What to do with a header that is not in the allowlist.
///
/// ```
/// use secure_headers::pipeline::{
///     Action, AllowlistOptions, DeduplicateAction, DeduplicateOptions, OnUnexpected, StepKind,
/// };
/// use secure_headers::{CustomHeader, Preset};
///
/// let secure = Preset::Balanced
///     .builder()
///     .custom(CustomHeader::new("X-Internal-Build", "1234"))
///     .custom(CustomHeader::new("Link", "</a.css>"))
///     .custom(CustomHeader::new("Link", "</b.css>"))
///     .allowlist_headers(AllowlistOptions::new().allow_extra(["Link"]).on_unexpected(OnUnexpected::Drop))
///     .deduplicate_headers(DeduplicateOptions::new().action(DeduplicateAction::Last))
///     .build()?;
/// let names: Vec<&str> = secure.header_items().map(|(n, _)| n).collect();
/// assert!(!names.contains(&"X-Internal-Build"));
/// assert_eq!(secure.header_items().filter(|(n, _)| *n == "Link").map(|(_, v)| v).collect::<Vec<_>>(), ["</b.css>"]);
/// let first = &secure.report().decisions()[0];
/// assert_eq!((first.step(), first.header(), first.action()), (StepKind::Allowlist, "X-Internal-Build", Action::Dropped));
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OnUnexpected {
    /// Fail the build, naming every unexpected header (`secure` 2.0.1's default).
    #[default]
    Raise,
    /// Drop the header, and record (and log) that it was dropped.
    Drop,
    /// Keep the header, and record (and log) a warning.
    Warn,
}

/// What to do with a header name that occurs more than once.
///
/// ```
/// use secure_headers::pipeline::{
///     Action, AllowlistOptions, DeduplicateAction, DeduplicateOptions, OnUnexpected, StepKind,
/// };
/// use secure_headers::{CustomHeader, Preset};
///
/// let secure = Preset::Balanced
///     .builder()
///     .custom(CustomHeader::new("X-Internal-Build", "1234"))
///     .custom(CustomHeader::new("Link", "</a.css>"))
///     .custom(CustomHeader::new("Link", "</b.css>"))
///     .allowlist_headers(AllowlistOptions::new().allow_extra(["Link"]).on_unexpected(OnUnexpected::Drop))
///     .deduplicate_headers(DeduplicateOptions::new().action(DeduplicateAction::Last))
///     .build()?;
/// let names: Vec<&str> = secure.header_items().map(|(n, _)| n).collect();
/// assert!(!names.contains(&"X-Internal-Build"));
/// assert_eq!(secure.header_items().filter(|(n, _)| *n == "Link").map(|(_, v)| v).collect::<Vec<_>>(), ["</b.css>"]);
/// let first = &secure.report().decisions()[0];
/// assert_eq!((first.step(), first.header(), first.action()), (StepKind::Allowlist, "X-Internal-Build", Action::Dropped));
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DeduplicateAction {
    /// Fail the build, naming every duplicated header (`secure` 2.0.1's default).
    #[default]
    Raise,
    /// Keep the first occurrence.
    First,
    /// Keep the last occurrence's name and value, at the first occurrence's position.
    Last,
    /// Join the values with `", "` when the name is in the comma-join set; fail otherwise.
    Concat,
}

/// What to do with a header that fails validation.
///
/// ```
/// use secure_headers::pipeline::{NormalizeOptions, OnInvalid};
/// use secure_headers::{CustomHeader, Secure};
///
/// let secure = Secure::builder()
///     .custom(CustomHeader::new("X-Note", "line one\r\nline two"))
///     .validate_and_normalize_headers(NormalizeOptions::new().on_invalid(OnInvalid::Drop))
///     .build()?;
/// // Nothing sent can split a header; what the step did is in the report.
/// assert!(secure.header_items().all(|(_, v)| !v.contains(['\r', '\n'])));
/// assert!(!secure.report().is_empty());
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OnInvalid {
    /// Drop the header and record the reason (`secure` 2.0.1's default; `secure` 2.0.1 logged nothing).
    #[default]
    Drop,
    /// Drop the header, record the reason and log a warning.
    Warn,
    /// Fail the build.
    Raise,
}

fn lowercase_set<I>(names: I) -> Vec<String>
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    names
        .into_iter()
        .map(|n| n.as_ref().trim().to_ascii_lowercase())
        .collect()
}

fn contains(set: &[String], name: &str) -> bool {
    set.iter().any(|s| s.eq_ignore_ascii_case(name))
}

/// Options of [`allowlist_headers`](crate::SecureBuilder::allowlist_headers).
///
/// ```
/// use secure_headers::pipeline::{
///     Action, AllowlistOptions, DeduplicateAction, DeduplicateOptions, OnUnexpected, StepKind,
/// };
/// use secure_headers::{CustomHeader, Preset};
///
/// let secure = Preset::Balanced
///     .builder()
///     .custom(CustomHeader::new("X-Internal-Build", "1234"))
///     .custom(CustomHeader::new("Link", "</a.css>"))
///     .custom(CustomHeader::new("Link", "</b.css>"))
///     .allowlist_headers(AllowlistOptions::new().allow_extra(["Link"]).on_unexpected(OnUnexpected::Drop))
///     .deduplicate_headers(DeduplicateOptions::new().action(DeduplicateAction::Last))
///     .build()?;
/// let names: Vec<&str> = secure.header_items().map(|(n, _)| n).collect();
/// assert!(!names.contains(&"X-Internal-Build"));
/// assert_eq!(secure.header_items().filter(|(n, _)| *n == "Link").map(|(_, v)| v).collect::<Vec<_>>(), ["</b.css>"]);
/// let first = &secure.report().decisions()[0];
/// assert_eq!((first.step(), first.header(), first.action()), (StepKind::Allowlist, "X-Internal-Build", Action::Dropped));
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct AllowlistOptions {
    allowed: Vec<String>,
    on_unexpected: OnUnexpected,
    allow_x_prefixed: bool,
}

impl Default for AllowlistOptions {
    fn default() -> Self {
        Self::new()
    }
}

impl AllowlistOptions {
    /// Every header this crate has a type for (the [`registry`](crate::registry): 2.0.1's
    /// [`DEFAULT_ALLOWED_HEADERS`] and the typed headers added since, such as
    /// `Clear-Site-Data` and `Reporting-Endpoints`), [`OnUnexpected::Raise`], `X-` names
    /// not allowed. For 2.0.1's exact list, `.allowed(DEFAULT_ALLOWED_HEADERS)`.
    ///
    /// ```
    /// use secure_headers::pipeline::AllowlistOptions;
    /// use secure_headers::{ClearSiteData, DEFAULT_ALLOWED_HEADERS, Preset};
    ///
    /// let with_csd = Preset::Balanced.builder().clear_site_data(ClearSiteData::new().cache());
    /// assert!(with_csd.clone().allowlist_headers(AllowlistOptions::new()).build().is_ok());
    /// let only_2_0_1 = AllowlistOptions::new().allowed(DEFAULT_ALLOWED_HEADERS);
    /// assert!(with_csd.allowlist_headers(only_2_0_1).build().is_err());
    /// ```
    pub fn new() -> Self {
        Self {
            allowed: lowercase_set(crate::registry::HEADERS.iter().map(|h| h.lowercase)),
            on_unexpected: OnUnexpected::Raise,
            allow_x_prefixed: false,
        }
    }

    /// Replaces the allowed names (compared case-insensitively).
    pub fn allowed<I>(mut self, names: I) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        self.allowed = lowercase_set(names);
        self
    }

    /// Allows these names as well (`secure` 2.0.1's `allow_extra`).
    pub fn allow_extra<I>(mut self, names: I) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        self.allowed.extend(lowercase_set(names));
        self
    }

    /// What to do with a header that is not allowed.
    pub fn on_unexpected(mut self, mode: OnUnexpected) -> Self {
        self.on_unexpected = mode;
        self
    }

    /// Whether any name starting with `X-` passes.
    pub fn allow_x_prefixed(mut self, yes: bool) -> Self {
        self.allow_x_prefixed = yes;
        self
    }

    fn allows(&self, name: &str) -> bool {
        contains(&self.allowed, name)
            || (self.allow_x_prefixed && name.len() >= 2 && name[..2].eq_ignore_ascii_case("x-"))
    }
}

/// Options of [`deduplicate_headers`](crate::SecureBuilder::deduplicate_headers).
///
/// ```
/// use secure_headers::pipeline::{
///     Action, AllowlistOptions, DeduplicateAction, DeduplicateOptions, OnUnexpected, StepKind,
/// };
/// use secure_headers::{CustomHeader, Preset};
///
/// let secure = Preset::Balanced
///     .builder()
///     .custom(CustomHeader::new("X-Internal-Build", "1234"))
///     .custom(CustomHeader::new("Link", "</a.css>"))
///     .custom(CustomHeader::new("Link", "</b.css>"))
///     .allowlist_headers(AllowlistOptions::new().allow_extra(["Link"]).on_unexpected(OnUnexpected::Drop))
///     .deduplicate_headers(DeduplicateOptions::new().action(DeduplicateAction::Last))
///     .build()?;
/// let names: Vec<&str> = secure.header_items().map(|(n, _)| n).collect();
/// assert!(!names.contains(&"X-Internal-Build"));
/// assert_eq!(secure.header_items().filter(|(n, _)| *n == "Link").map(|(_, v)| v).collect::<Vec<_>>(), ["</b.css>"]);
/// let first = &secure.report().decisions()[0];
/// assert_eq!((first.step(), first.header(), first.action()), (StepKind::Allowlist, "X-Internal-Build", Action::Dropped));
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct DeduplicateOptions {
    action: DeduplicateAction,
    comma_join_ok: Vec<String>,
    multi_ok: Vec<String>,
}

impl Default for DeduplicateOptions {
    fn default() -> Self {
        Self::new()
    }
}

impl DeduplicateOptions {
    /// [`DeduplicateAction::Raise`], [`COMMA_JOIN_OK`], [`MULTI_OK`].
    pub fn new() -> Self {
        Self {
            action: DeduplicateAction::Raise,
            comma_join_ok: lowercase_set(COMMA_JOIN_OK),
            multi_ok: lowercase_set(MULTI_OK),
        }
    }

    /// What to do with duplicates.
    pub fn action(mut self, action: DeduplicateAction) -> Self {
        self.action = action;
        self
    }

    /// Names whose duplicates [`DeduplicateAction::Concat`] may join.
    pub fn comma_join_ok<I>(mut self, names: I) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        self.comma_join_ok = lowercase_set(names);
        self
    }

    /// Names that may occur more than once; all their occurrences are kept, in order.
    /// Compared case-insensitively (`secure` 2.0.1 compared them verbatim, so `"X-B"` never
    /// matched).
    pub fn multi_ok<I>(mut self, names: I) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        self.multi_ok = lowercase_set(names);
        self
    }
}

/// Options of [`validate_and_normalize_headers`](crate::SecureBuilder::validate_and_normalize_headers).
///
/// ```
/// use secure_headers::pipeline::{NormalizeOptions, OnInvalid};
/// use secure_headers::{CustomHeader, Secure};
///
/// let secure = Secure::builder()
///     .custom(CustomHeader::new("X-Note", "line one\r\nline two"))
///     .validate_and_normalize_headers(NormalizeOptions::new().on_invalid(OnInvalid::Drop))
///     .build()?;
/// // Nothing sent can split a header; what the step did is in the report.
/// assert!(secure.header_items().all(|(_, v)| !v.contains(['\r', '\n'])));
/// assert!(!secure.report().is_empty());
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct NormalizeOptions {
    on_invalid: OnInvalid,
    strict: bool,
    allow_obs_text: bool,
}

impl NormalizeOptions {
    /// [`OnInvalid::Drop`], not strict, no obs-text.
    pub const fn new() -> Self {
        Self {
            on_invalid: OnInvalid::Drop,
            strict: false,
            allow_obs_text: false,
        }
    }

    /// What to do with an invalid header.
    pub const fn on_invalid(mut self, mode: OnInvalid) -> Self {
        self.on_invalid = mode;
        self
    }

    /// Strict mode: CR/LF or a disallowed character fails the build instead of being
    /// replaced by a space.
    pub const fn strict(mut self, yes: bool) -> Self {
        self.strict = yes;
        self
    }

    /// Allows obs-text (U+0080 to U+00FF, sent as single Latin-1 bytes) in values.
    pub const fn allow_obs_text(mut self, yes: bool) -> Self {
        self.allow_obs_text = yes;
        self
    }

    pub(crate) const fn allows_obs_text(self) -> bool {
        self.allow_obs_text
    }
}

/// One step of the pipeline with its options: what the builder's three methods add, and
/// what [`Step::run`] runs on its own over `(name, value)` pairs (for a front end that
/// keeps its own list of headers, such as the Python package).
///
/// ```
/// use secure_headers::pipeline::{DeduplicateAction, DeduplicateOptions, Step};
///
/// let step = Step::Deduplicate(DeduplicateOptions::new().action(DeduplicateAction::Concat));
/// let items = [("Cache-Control", "no-store"), ("cache-control", "max-age=0")];
/// let (items, report) = step.run(items, &["content-security-policy"]);
/// assert_eq!(items.unwrap(), [("Cache-Control".to_owned(), "no-store, max-age=0".to_owned())]);
/// assert_eq!(report.decisions().len(), 1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Step {
    /// `allowlist_headers`.
    Allowlist(AllowlistOptions),
    /// `deduplicate_headers`.
    Deduplicate(DeduplicateOptions),
    /// `validate_and_normalize_headers`; `multi_ok` given to [`Step::run`] names the
    /// headers that may stay duplicated.
    Normalize(NormalizeOptions),
}

impl Step {
    /// Runs this step alone over `items`, with `multi_ok` as the names that may occur more
    /// than once after normalisation. Returns the surviving `(name, value)` pairs (or the
    /// error of a raising mode) and what the step decided, as the builder records it.
    pub fn run<'a>(
        &self,
        items: impl IntoIterator<Item = (&'a str, &'a str)>,
        multi_ok: &[&str],
    ) -> (Result<Vec<(String, String)>, Error>, PipelineReport) {
        let items = items
            .into_iter()
            .map(|(name, value)| Rendered {
                name: name.to_owned(),
                value: value.to_owned(),
            })
            .collect();
        let mut report = PipelineReport::default();
        let out = run(self, items, &lowercase_set(multi_ok), &mut report)
            .map(|items| items.into_iter().map(|r| (r.name, r.value)).collect());
        (out, report)
    }
}

/// Which pipeline step made a [`Decision`].
///
/// ```
/// use secure_headers::pipeline::{
///     Action, AllowlistOptions, DeduplicateAction, DeduplicateOptions, OnUnexpected, StepKind,
/// };
/// use secure_headers::{CustomHeader, Preset};
///
/// let secure = Preset::Balanced
///     .builder()
///     .custom(CustomHeader::new("X-Internal-Build", "1234"))
///     .custom(CustomHeader::new("Link", "</a.css>"))
///     .custom(CustomHeader::new("Link", "</b.css>"))
///     .allowlist_headers(AllowlistOptions::new().allow_extra(["Link"]).on_unexpected(OnUnexpected::Drop))
///     .deduplicate_headers(DeduplicateOptions::new().action(DeduplicateAction::Last))
///     .build()?;
/// let names: Vec<&str> = secure.header_items().map(|(n, _)| n).collect();
/// assert!(!names.contains(&"X-Internal-Build"));
/// assert_eq!(secure.header_items().filter(|(n, _)| *n == "Link").map(|(_, v)| v).collect::<Vec<_>>(), ["</b.css>"]);
/// let first = &secure.report().decisions()[0];
/// assert_eq!((first.step(), first.header(), first.action()), (StepKind::Allowlist, "X-Internal-Build", Action::Dropped));
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StepKind {
    /// `allowlist_headers`.
    Allowlist,
    /// `deduplicate_headers`.
    Deduplicate,
    /// `validate_and_normalize_headers`.
    Normalize,
}

mod report;
mod steps;

pub use report::{Action, Decision, PipelineReport, Reason};
pub(crate) use steps::run;

#[cfg(test)]
mod tests;
