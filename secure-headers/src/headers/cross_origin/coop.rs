//! `Cross-Origin-Opener-Policy` and its report-only form.

use std::str::FromStr;

use crate::headers::report_only::sealed::{Sealed, Token};
use crate::headers::report_only::{HasReportOnly, ReportOnly};
use crate::headers::single::{self, Single, SingleValue, impl_raw, token_value};
use crate::registry::{Header, HeaderInfo, Make};
use crate::{Error, Policy};
/// The `Cross-Origin-Opener-Policy` (COOP) header: whether a document shares its
/// browsing context group with cross-origin documents it opens or is opened by.
///
/// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Cross-Origin-Opener-Policy),
/// [spec](https://html.spec.whatwg.org/multipage/browsers.html#cross-origin-opener-policies)
///
/// ```text
/// Cross-Origin-Opener-Policy = sf-item  ; "unsafe-none" / "same-origin-allow-popups"
///                                       ; / "same-origin" / "noopener-allow-popups"
///                                       ; optional parameter: report-to=sf-string
/// ```
///
/// The default is `same-origin`. A reporting group can be named with
/// [`report_to`](Self::report_to).
///
/// ```
/// use secure_headers::{CrossOriginOpenerPolicy, Policy};
///
/// let coop = CrossOriginOpenerPolicy::new().same_origin();
/// assert_eq!(coop.render().unwrap(), "same-origin");
/// assert_eq!(coop, CrossOriginOpenerPolicy::SAME_ORIGIN);
/// ```
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrossOriginOpenerPolicy(Single);

impl CrossOriginOpenerPolicy {
    /// `unsafe-none`: share the browsing context group with any opener or openee.
    pub const UNSAFE_NONE: Self = Self(Single::of("unsafe-none"));

    /// `same-origin-allow-popups`: keep references to popups that do not set COOP.
    pub const SAME_ORIGIN_ALLOW_POPUPS: Self = Self(Single::of("same-origin-allow-popups"));

    /// `same-origin`: isolate the browsing context group to same-origin documents.
    pub const SAME_ORIGIN: Self = Self(Single::of("same-origin"));

    /// `noopener-allow-popups`: always open in a new browsing context group, even from a
    /// same-origin opener, while still allowing popups.
    pub const NOOPENER_ALLOW_POPUPS: Self = Self(Single::of("noopener-allow-popups"));

    /// The default value, [`Self::SAME_ORIGIN`].
    pub const fn new() -> Self {
        Self::SAME_ORIGIN
    }

    /// Sets the value to `unsafe-none`, as [`Self::UNSAFE_NONE`]. A recorded error is kept.
    pub fn unsafe_none(self) -> Self {
        Self(self.0.keyword(&Self::UNSAFE_NONE.0))
    }

    /// Sets the value to `same-origin-allow-popups`, as [`Self::SAME_ORIGIN_ALLOW_POPUPS`]. A recorded error is kept.
    pub fn same_origin_allow_popups(self) -> Self {
        Self(self.0.keyword(&Self::SAME_ORIGIN_ALLOW_POPUPS.0))
    }

    /// Sets the value to `same-origin`, as [`Self::SAME_ORIGIN`]. A recorded error is kept.
    pub fn same_origin(self) -> Self {
        Self(self.0.keyword(&Self::SAME_ORIGIN.0))
    }

    /// Sets the value to `noopener-allow-popups`, as [`Self::NOOPENER_ALLOW_POPUPS`]. A recorded error is kept.
    pub fn noopener_allow_popups(self) -> Self {
        Self(self.0.keyword(&Self::NOOPENER_ALLOW_POPUPS.0))
    }

    /// Replaces the policy with a raw token, trimmed, its case kept. A reporting group set
    /// with [`report_to`](Self::report_to) is kept.
    ///
    /// Unlike `secure` 2.0.1, which accepts any string without CR or LF (even an empty one,
    /// which it sends as an empty header), the value must be a single non-empty token:
    /// control characters, non-ASCII, spaces, `;` and `,` are errors.
    ///
    /// An invalid value is recorded and returned by `render()`.
    pub fn value(self, value: &str) -> Self {
        Self(
            self.0
                .raw_known::<Self>(Self::INFO.name, value, token_value),
        )
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
    /// use secure_headers::{Policy, CrossOriginOpenerPolicy};
    ///
    /// let policy = CrossOriginOpenerPolicy::new().report_to("default");
    /// assert_eq!(policy.render().unwrap(), r#"same-origin; report-to="default""#);
    /// ```
    pub fn report_to(self, group: &str) -> Self {
        Self(self.0.report_to(Self::INFO.name, group))
    }
}

impl Default for CrossOriginOpenerPolicy {
    fn default() -> Self {
        Self::new()
    }
}

impl Policy for CrossOriginOpenerPolicy {
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
/// use secure_headers::{Policy, CrossOriginOpenerPolicy};
///
/// let sent = CrossOriginOpenerPolicy::new().render()?;
/// let parsed: CrossOriginOpenerPolicy = sent.parse()?;
/// assert_eq!(parsed, CrossOriginOpenerPolicy::new());
/// assert!("a\u{1}b".parse::<CrossOriginOpenerPolicy>().is_err());
/// # Ok::<(), secure_headers::Error>(())
/// ```
impl FromStr for CrossOriginOpenerPolicy {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        Self::parse_as(Self::INFO.name, s)
    }
}

impl SingleValue for CrossOriginOpenerPolicy {
    const KNOWN: &'static [Self] = &[
        Self::UNSAFE_NONE,
        Self::SAME_ORIGIN_ALLOW_POPUPS,
        Self::SAME_ORIGIN,
        Self::NOOPENER_ALLOW_POPUPS,
    ];

    fn single(&self) -> &Single {
        &self.0
    }
}

impl_raw!(CrossOriginOpenerPolicy);

impl CrossOriginOpenerPolicy {
    /// The same policy, sent as [`CrossOriginOpenerPolicyReportOnly`]: reported on, not enforced (the roll-out mode).
    pub fn report_only(self) -> CrossOriginOpenerPolicyReportOnly {
        ReportOnly::of(self)
    }
}

/// The `Cross-Origin-Opener-Policy-Report-Only` header: the same values as
/// [`CrossOriginOpenerPolicy`], reported on (to its `report-to` endpoint) without
/// changing browsing context groups. Build it from the enforced policy with
/// [`CrossOriginOpenerPolicy::report_only`].
///
/// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Cross-Origin-Opener-Policy),
/// [spec](https://html.spec.whatwg.org/multipage/browsers.html#the-headers).
/// Chromium browsers report it (Chrome 89 and later).
///
/// ```
/// use secure_headers::{CrossOriginOpenerPolicy, Policy};
///
/// let ro = CrossOriginOpenerPolicy::new().report_to("coop").report_only();
/// assert_eq!(ro.name(), "Cross-Origin-Opener-Policy-Report-Only");
/// assert_eq!(ro.render().unwrap(), r#"same-origin; report-to="coop""#);
/// ```
///
/// It has [`CrossOriginOpenerPolicy`]'s constants and keyword methods, and
/// [`value`](ReportOnly::value), [`set`](ReportOnly::set), [`clear`](ReportOnly::clear) and
/// [`report_to`](ReportOnly::report_to), which do what the enforced type's do. Parsing a
/// received value works as [`CrossOriginOpenerPolicy`]'s does; errors name the
/// report-only header:
///
/// ```
/// use secure_headers::{CrossOriginOpenerPolicyReportOnly, Policy};
///
/// let ro = CrossOriginOpenerPolicyReportOnly::SAME_ORIGIN.unsafe_none();
/// assert_eq!(ro, CrossOriginOpenerPolicyReportOnly::UNSAFE_NONE);
/// let err = "same-origin; x=1".parse::<CrossOriginOpenerPolicyReportOnly>().unwrap_err();
/// assert_eq!(err.header(), Some("Cross-Origin-Opener-Policy-Report-Only"));
/// ```
pub type CrossOriginOpenerPolicyReportOnly = ReportOnly<CrossOriginOpenerPolicy>;

/// [`CrossOriginOpenerPolicy`]'s values, in report-only mode.
impl ReportOnly<CrossOriginOpenerPolicy> {
    /// `unsafe-none`.
    pub const UNSAFE_NONE: Self = Self::of(CrossOriginOpenerPolicy::UNSAFE_NONE);

    /// `same-origin-allow-popups`.
    pub const SAME_ORIGIN_ALLOW_POPUPS: Self =
        Self::of(CrossOriginOpenerPolicy::SAME_ORIGIN_ALLOW_POPUPS);

    /// `same-origin`.
    pub const SAME_ORIGIN: Self = Self::of(CrossOriginOpenerPolicy::SAME_ORIGIN);

    /// `noopener-allow-popups`.
    pub const NOOPENER_ALLOW_POPUPS: Self =
        Self::of(CrossOriginOpenerPolicy::NOOPENER_ALLOW_POPUPS);

    /// Sets the value to `unsafe-none`, as [`CrossOriginOpenerPolicy::unsafe_none`].
    pub fn unsafe_none(self) -> Self {
        self.map(CrossOriginOpenerPolicy::unsafe_none)
    }

    /// Sets the value to `same-origin-allow-popups`, as
    /// [`CrossOriginOpenerPolicy::same_origin_allow_popups`].
    pub fn same_origin_allow_popups(self) -> Self {
        self.map(CrossOriginOpenerPolicy::same_origin_allow_popups)
    }

    /// Sets the value to `same-origin`, as [`CrossOriginOpenerPolicy::same_origin`].
    pub fn same_origin(self) -> Self {
        self.map(CrossOriginOpenerPolicy::same_origin)
    }

    /// Sets the value to `noopener-allow-popups`, as
    /// [`CrossOriginOpenerPolicy::noopener_allow_popups`].
    pub fn noopener_allow_popups(self) -> Self {
        self.map(CrossOriginOpenerPolicy::noopener_allow_popups)
    }
}

impl_raw!(CrossOriginOpenerPolicyReportOnly);

impl Sealed for CrossOriginOpenerPolicy {
    fn with_value(self, raw: &str) -> Self {
        self.value(raw)
    }

    fn parse_as(header: &'static str, input: &str) -> Result<Self, Error> {
        single::parse::<Self>(header, input, token_value, true).map(Self)
    }
}

impl Token for CrossOriginOpenerPolicy {
    fn with_report_to(self, group: &str) -> Self {
        self.report_to(group)
    }
}

impl HasReportOnly for CrossOriginOpenerPolicy {
    const REPORT_ONLY: HeaderInfo = HeaderInfo {
        name: "Cross-Origin-Opener-Policy-Report-Only",
        lowercase: "cross-origin-opener-policy-report-only",
        method: "coop_report_only",
        type_name: "CrossOriginOpenerPolicyReportOnly",
        spec: "HTML",
        spec_url: "https://html.spec.whatwg.org/multipage/browsers.html#the-headers",
        config_key: Some("cross-origin-opener-policy-report-only"),
        report_only_of: Some(CrossOriginOpenerPolicy::INFO.name),
        make: Make::of::<CrossOriginOpenerPolicyReportOnly>(),
    };
}

impl Header for CrossOriginOpenerPolicy {
    const INFO: HeaderInfo = HeaderInfo {
        name: "Cross-Origin-Opener-Policy",
        lowercase: "cross-origin-opener-policy",
        method: "coop",
        type_name: "CrossOriginOpenerPolicy",
        spec: "HTML",
        spec_url: "https://html.spec.whatwg.org/multipage/browsers.html#cross-origin-opener-policies",
        config_key: Some("cross-origin-opener-policy"),
        report_only_of: None,
        make: Make::of::<Self>(),
    };

    /// As [`value`](Self::value), and a `report-to` parameter after the value as
    /// `FromStr` reads it.
    fn from_value(raw: &str) -> Option<Self> {
        let header = Self::INFO.name;
        Some(Self(Self::new().0.raw_with_report_to::<Self>(
            header,
            raw,
            token_value,
        )))
    }

    fn likely_typo(&self) -> Option<Error> {
        self.0.likely_typo::<Self>(Self::INFO.name)
    }
}

impl From<CrossOriginOpenerPolicy> for CrossOriginOpenerPolicyReportOnly {
    fn from(policy: CrossOriginOpenerPolicy) -> Self {
        policy.report_only()
    }
}

impl From<CrossOriginOpenerPolicyReportOnly> for CrossOriginOpenerPolicy {
    fn from(policy: CrossOriginOpenerPolicyReportOnly) -> Self {
        policy.enforce()
    }
}
