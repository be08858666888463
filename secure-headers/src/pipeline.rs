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

/// What a pipeline step did to a header.
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
pub enum Action {
    /// The header was kept, with a warning.
    Kept,
    /// The header was removed.
    Dropped,
    /// Several occurrences were merged into one.
    Merged,
    /// The value was rewritten (CR/LF or disallowed characters replaced, whitespace trimmed).
    Rewritten,
}

/// One decision of a pipeline step.
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
pub struct Decision {
    step: StepKind,
    header: String,
    action: Action,
    message: String,
}

impl Decision {
    /// The step that decided.
    #[must_use]
    pub fn step(&self) -> StepKind {
        self.step
    }

    /// The header's name as configured.
    #[must_use]
    pub fn header(&self) -> &str {
        &self.header
    }

    /// What happened to it.
    #[must_use]
    pub fn action(&self) -> Action {
        self.action
    }

    /// Why, in words.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Everything the pipeline decided while building a [`Secure`](crate::Secure), in order.
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
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PipelineReport {
    decisions: Vec<Decision>,
}

impl PipelineReport {
    /// The decisions, in the order they were made.
    #[must_use]
    pub fn decisions(&self) -> &[Decision] {
        &self.decisions
    }

    /// Whether nothing was decided (no step changed or warned about anything).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.decisions.is_empty()
    }

    fn record(&mut self, step: StepKind, header: &str, action: Action, message: String) {
        #[cfg(feature = "tracing")]
        match action {
            Action::Kept | Action::Dropped => {
                tracing::warn!(target: "secure_headers", header, ?step, ?action, "{message}");
            }
            Action::Merged | Action::Rewritten => {
                tracing::info!(target: "secure_headers", header, ?step, ?action, "{message}");
            }
        }
        self.decisions.push(Decision {
            step,
            header: header.to_owned(),
            action,
            message,
        });
    }
}

/// Runs `step` over `items`, recording into `report`.
pub(crate) fn run(
    step: &Step,
    items: Vec<Rendered>,
    multi_ok: &[String],
    report: &mut PipelineReport,
) -> Result<Vec<Rendered>, Error> {
    match step {
        Step::Allowlist(o) => allowlist(o, items, report),
        Step::Deduplicate(o) => deduplicate(o, items, report),
        Step::Normalize(o) => normalize(*o, items, multi_ok, report),
    }
}

fn sorted_unique(mut names: Vec<String>) -> String {
    names.sort();
    names.dedup();
    names.join(", ")
}

fn allowlist(
    o: &AllowlistOptions,
    items: Vec<Rendered>,
    report: &mut PipelineReport,
) -> Result<Vec<Rendered>, Error> {
    let mut kept = Vec::with_capacity(items.len());
    let mut rejected = Vec::new();
    for item in items {
        if o.allows(&item.name) {
            kept.push(item);
            continue;
        }
        match o.on_unexpected {
            OnUnexpected::Warn => {
                let msg = format!("unexpected header '{}' kept (not in allowlist)", item.name);
                report.record(StepKind::Allowlist, &item.name, Action::Kept, msg);
                kept.push(item);
            }
            OnUnexpected::Drop => {
                let msg = format!(
                    "unexpected header '{}' dropped (not in allowlist)",
                    item.name
                );
                report.record(StepKind::Allowlist, &item.name, Action::Dropped, msg);
            }
            OnUnexpected::Raise => rejected.push(item.name),
        }
    }
    if rejected.is_empty() {
        Ok(kept)
    } else {
        Err(Error::new(ErrorKind::UnexpectedHeader)
            .with_input(sorted_unique(rejected))
            .with_detail("allow them with allow_extra, or choose OnUnexpected::Drop or Warn"))
    }
}

fn deduplicate(
    o: &DeduplicateOptions,
    items: Vec<Rendered>,
    report: &mut PipelineReport,
) -> Result<Vec<Rendered>, Error> {
    // Group by lowercase name, groups ordered by first occurrence.
    let mut groups: Vec<(String, Vec<Rendered>)> = Vec::new();
    for item in items {
        let key = item.name.to_ascii_lowercase();
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, g)) => g.push(item),
            None => groups.push((key, vec![item])),
        }
    }
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (key, mut group) in groups {
        if group.len() == 1 || contains(&o.multi_ok, &key) {
            out.append(&mut group);
            continue;
        }
        let first = group[0].name.clone();
        match o.action {
            DeduplicateAction::First => {
                let msg = format!("dropping duplicate header(s) for '{first}' (keeping first)");
                report.record(StepKind::Deduplicate, &first, Action::Dropped, msg);
                out.push(group.swap_remove(0));
            }
            DeduplicateAction::Last => {
                let last = group.pop().expect("group has at least two entries");
                let msg = format!(
                    "dropping duplicate header(s) for '{}' (keeping last)",
                    last.name
                );
                report.record(StepKind::Deduplicate, &last.name, Action::Dropped, msg);
                out.push(last);
            }
            DeduplicateAction::Concat if contains(&o.comma_join_ok, &key) => {
                let value = group
                    .iter()
                    .map(|r| r.value.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                let msg = format!("merged {} '{first}' headers into one", group.len());
                report.record(StepKind::Deduplicate, &first, Action::Merged, msg);
                out.push(Rendered { name: first, value });
            }
            DeduplicateAction::Concat | DeduplicateAction::Raise => errors.push(first),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Error::new(ErrorKind::DuplicateHeader)
            .with_input(sorted_unique(errors))
            .with_detail("define each at most once"))
    }
}

/// Python's `str.splitlines` for CR, LF and CRLF, joined by single spaces.
fn join_lines(value: &str) -> String {
    let mut lines = Vec::new();
    let mut rest = value;
    while let Some(i) = rest.find(['\r', '\n']) {
        lines.push(&rest[..i]);
        let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
        rest = &rest[i + skip..];
    }
    if !rest.is_empty() {
        lines.push(rest);
    }
    lines.join(" ")
}

fn allowed_char(c: char, obs_text: bool) -> bool {
    c == '\t'
        || c == ' '
        || c.is_ascii_graphic()
        || (obs_text && ('\u{80}'..='\u{ff}').contains(&c))
}

fn normalize(
    o: NormalizeOptions,
    items: Vec<Rendered>,
    multi_ok: &[String],
    report: &mut PipelineReport,
) -> Result<Vec<Rendered>, Error> {
    let mut out: Vec<Rendered> = Vec::with_capacity(items.len());
    for item in items {
        let name = item.name.trim().to_owned();
        let invalid = |report: &mut PipelineReport, message: String| -> Result<(), Error> {
            match o.on_invalid {
                OnInvalid::Raise => Err(Error::new(ErrorKind::InvalidHeaderValue)
                    .with_header(name.as_str())
                    .with_input(item.value.as_str())
                    .with_detail(message)),
                OnInvalid::Drop | OnInvalid::Warn => {
                    report.record(StepKind::Normalize, &name, Action::Dropped, message);
                    Ok(())
                }
            }
        };
        if !is_token(&name) {
            invalid(
                report,
                format!("invalid header name '{name}' (RFC 9110 token required)"),
            )?;
            continue;
        }
        if item.value.starts_with([' ', '\t']) {
            invalid(
                report,
                format!("header '{name}' starts with forbidden whitespace"),
            )?;
            continue;
        }
        let mut value = item.value.clone();
        if value.contains(['\r', '\n']) {
            if o.strict {
                return Err(Error::new(ErrorKind::InvalidCharacter)
                    .with_header(name.as_str())
                    .with_input(item.value.as_str())
                    .with_detail("CR/LF in a header value"));
            }
            value = join_lines(&value);
        }
        let trimmed = value.trim();
        if trimmed.is_empty() {
            invalid(report, format!("dropping header '{name}': empty value"))?;
            continue;
        }
        let mut clean = String::with_capacity(trimmed.len());
        for c in trimmed.chars() {
            if allowed_char(c, o.allow_obs_text) {
                clean.push(c);
            } else if o.strict {
                return Err(Error::new(ErrorKind::InvalidCharacter)
                    .with_header(name.as_str())
                    .with_input(item.value.as_str())
                    .with_detail(format!("disallowed char U+{:04X}", u32::from(c))));
            } else {
                clean.push(' ');
            }
        }
        let clean = clean.trim().to_owned();
        if clean.is_empty() {
            invalid(
                report,
                format!("dropping header '{name}': empty after sanitization"),
            )?;
            continue;
        }
        if out.iter().any(|r| r.name.eq_ignore_ascii_case(&name)) && !contains(multi_ok, &name) {
            return Err(Error::new(ErrorKind::DuplicateHeader)
                .with_header(name.as_str())
                .with_detail("run deduplicate_headers first, or list the name in multi_ok"));
        }
        if clean != item.value || name != item.name {
            let msg = format!("header '{name}' value normalized");
            report.record(StepKind::Normalize, &name, Action::Rewritten, msg);
        }
        out.push(Rendered { name, value: clean });
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
