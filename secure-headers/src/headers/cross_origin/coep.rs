//! `Cross-Origin-Embedder-Policy` and its report-only form.

use std::str::FromStr;

use crate::headers::report_only::sealed::{Sealed, Token};
use crate::headers::report_only::{HasReportOnly, ReportOnly};
use crate::headers::single::{self, Single, SingleValue, impl_raw};
use crate::registry::{Header, HeaderInfo, Make};
use crate::{Error, Policy};

use super::coep_value;

/// The `Cross-Origin-Embedder-Policy` (COEP) header: which cross-origin resources a
/// document may load. Together with [`CrossOriginOpenerPolicy`](crate::CrossOriginOpenerPolicy) `same-origin` it makes
/// the page *cross-origin isolated* (needed for `SharedArrayBuffer` and precise timers).
///
/// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Cross-Origin-Embedder-Policy),
/// [spec](https://html.spec.whatwg.org/multipage/browsers.html#coep)
///
/// ```text
/// Cross-Origin-Embedder-Policy = sf-item  ; "unsafe-none" / "require-corp" / "credentialless"
///                                         ; optional parameter: report-to=sf-string
/// ```
///
/// The default is `require-corp`. A reporting group can be named with
/// [`report_to`](Self::report_to).
///
/// ```
/// use secure_headers::{CrossOriginEmbedderPolicy, Policy};
///
/// assert_eq!(CrossOriginEmbedderPolicy::new().render().unwrap(), "require-corp");
/// let coep = CrossOriginEmbedderPolicy::new().credentialless().report_to("default");
/// assert_eq!(coep.render().unwrap(), r#"credentialless; report-to="default""#);
/// ```
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrossOriginEmbedderPolicy(Single);

impl CrossOriginEmbedderPolicy {
    /// `unsafe-none`: no restriction (the browser default).
    pub const UNSAFE_NONE: Self = Self(Single::of("unsafe-none"));

    /// `require-corp`: cross-origin resources load only if they opt in with
    /// `Cross-Origin-Resource-Policy` or CORS.
    pub const REQUIRE_CORP: Self = Self(Single::of("require-corp"));

    /// `credentialless`: cross-origin no-cors requests are sent without credentials, so
    /// they need no opt-in.
    pub const CREDENTIALLESS: Self = Self(Single::of("credentialless"));

    /// The default value, [`Self::REQUIRE_CORP`].
    pub const fn new() -> Self {
        Self::REQUIRE_CORP
    }

    /// Sets the value to `unsafe-none`, as [`Self::UNSAFE_NONE`]. A recorded error is kept.
    pub fn unsafe_none(self) -> Self {
        Self(self.0.keyword(&Self::UNSAFE_NONE.0))
    }

    /// Sets the value to `require-corp`, as [`Self::REQUIRE_CORP`]. A recorded error is kept.
    pub fn require_corp(self) -> Self {
        Self(self.0.keyword(&Self::REQUIRE_CORP.0))
    }

    /// Sets the value to `credentialless`, as [`Self::CREDENTIALLESS`]. A recorded error is kept.
    pub fn credentialless(self) -> Self {
        Self(self.0.keyword(&Self::CREDENTIALLESS.0))
    }

    /// Replaces the policy with a raw token. As in Python's `secure` 2.0.1, the token is trimmed and
    /// lowercased (`"CUSTOM-Policy "` renders `custom-policy`), and an empty value means the
    /// default `require-corp`. A reporting group set with
    /// [`report_to`](Self::report_to) is kept.
    ///
    /// Unlike `secure` 2.0.1, which accepts any string without CR or LF, the value must be a
    /// single token: control characters, non-ASCII, spaces, `;` and `,` are errors
    /// (use [`report_to`](Self::report_to) for the parameter).
    ///
    /// An invalid value is recorded and returned by `render()`.
    pub fn value(self, value: &str) -> Self {
        Self(self.0.raw_known::<Self>(Self::INFO.name, value, coep_value))
    }

    /// Python's `secure` 2.0.1's alias of [`value`](Self::value).
    pub fn set(self, value: &str) -> Self {
        self.value(value)
    }

    /// Back to [`new`](Self::new): the default value, no parameters and no
    /// recorded error.
    pub fn clear(self) -> Self {
        Self::new()
    }

    /// Names the reporting group that receives violation reports: renders
    /// `<policy>; report-to="<group>"`.
    ///
    /// The group is the name of an endpoint declared in `Reporting-Endpoints` (or
    /// the old `Report-To`); it must be a token without quotes or backslashes.
    /// Calling it again replaces the group; the policy token can still be changed
    /// before or after. `secure` 2.0.1 has no reporting support.
    ///
    /// ```
    /// use secure_headers::{Policy, CrossOriginEmbedderPolicy};
    ///
    /// let policy = CrossOriginEmbedderPolicy::new().report_to("default");
    /// assert_eq!(policy.render().unwrap(), r#"require-corp; report-to="default""#);
    /// ```
    pub fn report_to(self, group: &str) -> Self {
        Self(self.0.report_to(Self::INFO.name, group))
    }
}

impl Default for CrossOriginEmbedderPolicy {
    fn default() -> Self {
        Self::new()
    }
}

impl Policy for CrossOriginEmbedderPolicy {
    fn name(&self) -> &str {
        Self::INFO.name
    }

    fn render(&self) -> Result<String, Error> {
        self.0.render()
    }
}

/// Parses a received header value: surrounding whitespace and the case of
/// a known value are ignored (it becomes that constant), and anything
/// [`value`](Self::value) would reject is an error naming the header, the
/// input and the byte position.
///
/// ```
/// use secure_headers::{Policy, CrossOriginEmbedderPolicy};
///
/// let sent = CrossOriginEmbedderPolicy::new().render()?;
/// let parsed: CrossOriginEmbedderPolicy = sent.parse()?;
/// assert_eq!(parsed, CrossOriginEmbedderPolicy::new());
/// assert!("a\u{1}b".parse::<CrossOriginEmbedderPolicy>().is_err());
/// # Ok::<(), secure_headers::Error>(())
/// ```
impl FromStr for CrossOriginEmbedderPolicy {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        Self::parse_as(Self::INFO.name, s)
    }
}

impl SingleValue for CrossOriginEmbedderPolicy {
    const KNOWN: &'static [Self] = &[Self::UNSAFE_NONE, Self::REQUIRE_CORP, Self::CREDENTIALLESS];

    fn single(&self) -> &Single {
        &self.0
    }
}

impl_raw!(CrossOriginEmbedderPolicy);

impl CrossOriginEmbedderPolicy {
    /// The same policy, sent as [`CrossOriginEmbedderPolicyReportOnly`]: reported on, not enforced (the roll-out mode).
    pub fn report_only(self) -> CrossOriginEmbedderPolicyReportOnly {
        ReportOnly::of(self)
    }
}

/// The `Cross-Origin-Embedder-Policy-Report-Only` header: the same values as
/// [`CrossOriginEmbedderPolicy`], reported on (to its `report-to` endpoint) without
/// blocking anything. Build it from the enforced policy with
/// [`CrossOriginEmbedderPolicy::report_only`] to try it out first.
///
/// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Cross-Origin-Embedder-Policy-Report-Only),
/// [spec](https://html.spec.whatwg.org/multipage/browsers.html#the-coep-headers).
/// Chromium browsers report it (Chrome 85 and later).
///
/// ```
/// use secure_headers::{CrossOriginEmbedderPolicy, Policy};
///
/// let ro = CrossOriginEmbedderPolicy::new().report_to("coep").report_only();
/// assert_eq!(ro.name(), "Cross-Origin-Embedder-Policy-Report-Only");
/// assert_eq!(ro.render().unwrap(), r#"require-corp; report-to="coep""#);
/// ```
///
/// It has [`CrossOriginEmbedderPolicy`]'s constants and keyword methods, and
/// [`value`](ReportOnly::value), [`set`](ReportOnly::set), [`clear`](ReportOnly::clear) and
/// [`report_to`](ReportOnly::report_to), which do what the enforced type's do. Parsing a
/// received value works as [`CrossOriginEmbedderPolicy`]'s does; errors name the
/// report-only header:
///
/// ```
/// use secure_headers::CrossOriginEmbedderPolicyReportOnly;
///
/// let ro = CrossOriginEmbedderPolicyReportOnly::REQUIRE_CORP.unsafe_none();
/// assert_eq!(ro, CrossOriginEmbedderPolicyReportOnly::UNSAFE_NONE);
/// let err = "unsafe-none; x=1".parse::<CrossOriginEmbedderPolicyReportOnly>().unwrap_err();
/// assert_eq!(err.header(), Some("Cross-Origin-Embedder-Policy-Report-Only"));
/// ```
pub type CrossOriginEmbedderPolicyReportOnly = ReportOnly<CrossOriginEmbedderPolicy>;

/// [`CrossOriginEmbedderPolicy`]'s values, in report-only mode.
impl ReportOnly<CrossOriginEmbedderPolicy> {
    /// `unsafe-none`.
    pub const UNSAFE_NONE: Self = Self::of(CrossOriginEmbedderPolicy::UNSAFE_NONE);

    /// `require-corp`.
    pub const REQUIRE_CORP: Self = Self::of(CrossOriginEmbedderPolicy::REQUIRE_CORP);

    /// `credentialless`.
    pub const CREDENTIALLESS: Self = Self::of(CrossOriginEmbedderPolicy::CREDENTIALLESS);

    /// Sets the value to `unsafe-none`, as [`CrossOriginEmbedderPolicy::unsafe_none`].
    pub fn unsafe_none(self) -> Self {
        self.map(CrossOriginEmbedderPolicy::unsafe_none)
    }

    /// Sets the value to `require-corp`, as [`CrossOriginEmbedderPolicy::require_corp`].
    pub fn require_corp(self) -> Self {
        self.map(CrossOriginEmbedderPolicy::require_corp)
    }

    /// Sets the value to `credentialless`, as [`CrossOriginEmbedderPolicy::credentialless`].
    pub fn credentialless(self) -> Self {
        self.map(CrossOriginEmbedderPolicy::credentialless)
    }
}

impl_raw!(CrossOriginEmbedderPolicyReportOnly);

impl Sealed for CrossOriginEmbedderPolicy {
    fn with_value(self, raw: &str) -> Self {
        self.value(raw)
    }

    fn parse_as(header: &'static str, input: &str) -> Result<Self, Error> {
        single::parse::<Self>(header, input, coep_value, true).map(Self)
    }
}

impl Token for CrossOriginEmbedderPolicy {
    fn with_report_to(self, group: &str) -> Self {
        self.report_to(group)
    }
}

impl HasReportOnly for CrossOriginEmbedderPolicy {
    const REPORT_ONLY: HeaderInfo = HeaderInfo {
        name: "Cross-Origin-Embedder-Policy-Report-Only",
        lowercase: "cross-origin-embedder-policy-report-only",
        method: "coep_report_only",
        type_name: "CrossOriginEmbedderPolicyReportOnly",
        spec: "HTML",
        spec_url: "https://html.spec.whatwg.org/multipage/browsers.html#the-coep-headers",
        config_key: Some("cross-origin-embedder-policy-report-only"),
        report_only_of: Some(CrossOriginEmbedderPolicy::INFO.name),
        make: Make::of::<CrossOriginEmbedderPolicyReportOnly>(),
    };
}

impl Header for CrossOriginEmbedderPolicy {
    const INFO: HeaderInfo = HeaderInfo {
        name: "Cross-Origin-Embedder-Policy",
        lowercase: "cross-origin-embedder-policy",
        method: "coep",
        type_name: "CrossOriginEmbedderPolicy",
        spec: "HTML",
        spec_url: "https://html.spec.whatwg.org/multipage/browsers.html#coep",
        config_key: Some("cross-origin-embedder-policy"),
        report_only_of: None,
        make: Make::of::<Self>(),
    };

    /// As [`value`](Self::value), and a `report-to` parameter after the value as
    /// `FromStr` reads it.
    fn from_value(raw: &str) -> Option<Self> {
        let header = Self::INFO.name;
        Some(Self(
            Self::new()
                .0
                .raw_with_report_to::<Self>(header, raw, coep_value),
        ))
    }

    fn likely_typo(&self) -> Option<Error> {
        self.0.likely_typo::<Self>(Self::INFO.name)
    }
}

impl From<CrossOriginEmbedderPolicy> for CrossOriginEmbedderPolicyReportOnly {
    fn from(policy: CrossOriginEmbedderPolicy) -> Self {
        policy.report_only()
    }
}

impl From<CrossOriginEmbedderPolicyReportOnly> for CrossOriginEmbedderPolicy {
    fn from(policy: CrossOriginEmbedderPolicyReportOnly) -> Self {
        policy.enforce()
    }
}
