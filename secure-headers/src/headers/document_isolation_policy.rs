//! `Document-Isolation-Policy` and its report-only form.

use super::report_only::sealed::{Sealed, Token};
use super::report_only::{HasReportOnly, ReportOnly};
use super::single::{self, Single, SingleValue, impl_raw, token_value};
use crate::registry::{Header, HeaderInfo, Make};
use crate::{Error, Policy};
use std::str::FromStr;

/// The `Document-Isolation-Policy` (DIP) header: makes this document cross-origin
/// isolated (`SharedArrayBuffer`, precise timers) in an agent cluster of its own,
/// without the `Cross-Origin-Opener-Policy` / `Cross-Origin-Embedder-Policy` pair
/// and without breaking popups.
///
/// [explainer and spec (WICG)](https://github.com/WICG/document-isolation-policy),
/// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Document-Isolation-Policy).
/// Shipped in Chrome 137 (desktop); other browsers ignore it.
///
/// **No reports yet.** Chromium (156, measured in a browser test) enforces the policy but
/// sends no report for it, enforced or report-only: `report-to` names where reports will
/// go once a browser sends them, and [`DocumentIsolationPolicyReportOnly`] has no effect
/// today (lint's `dip-sends-no-reports`). Roll the policy out by watching what the
/// enforced form breaks, or with `Cross-Origin-Embedder-Policy-Report-Only`, which
/// reports the same cross-origin subresources.
///
/// ```text
/// Document-Isolation-Policy = sf-item  ; "none" / "isolate-and-require-corp"
///                                      ; / "isolate-and-credentialless"
///                                      ; optional parameter: report-to=sf-string
/// ```
///
/// The default is `isolate-and-credentialless`: cross-origin no-cors subresources
/// load without credentials instead of needing `Cross-Origin-Resource-Policy`, so
/// fewer of them break. Python's `secure` 2.0.1 has no such header.
///
/// ```
/// use secure_headers::{DocumentIsolationPolicy, Policy};
///
/// let dip = DocumentIsolationPolicy::new();
/// assert_eq!(dip.render().unwrap(), "isolate-and-credentialless");
/// let dip = DocumentIsolationPolicy::new().isolate_and_require_corp().report_to("dip");
/// assert_eq!(dip.render().unwrap(), r#"isolate-and-require-corp; report-to="dip""#);
/// ```
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentIsolationPolicy(Single);

impl DocumentIsolationPolicy {
    /// `none`: no isolation (the browser default).
    pub const NONE: Self = Self(Single::of("none"));

    /// `isolate-and-require-corp`: isolated; cross-origin subresources load only if
    /// they opt in with `Cross-Origin-Resource-Policy` or CORS.
    pub const ISOLATE_AND_REQUIRE_CORP: Self = Self(Single::of("isolate-and-require-corp"));

    /// `isolate-and-credentialless`: isolated; cross-origin no-cors requests are sent
    /// without credentials.
    pub const ISOLATE_AND_CREDENTIALLESS: Self = Self(Single::of("isolate-and-credentialless"));

    /// The default value, [`Self::ISOLATE_AND_CREDENTIALLESS`].
    pub const fn new() -> Self {
        Self::ISOLATE_AND_CREDENTIALLESS
    }

    /// Sets the value to `none`, as [`Self::NONE`]. A recorded error is kept.
    pub fn none(self) -> Self {
        Self(self.0.keyword(&Self::NONE.0))
    }

    /// Sets the value to `isolate-and-require-corp`, as [`Self::ISOLATE_AND_REQUIRE_CORP`]. A recorded error is kept.
    pub fn isolate_and_require_corp(self) -> Self {
        Self(self.0.keyword(&Self::ISOLATE_AND_REQUIRE_CORP.0))
    }

    /// Sets the value to `isolate-and-credentialless`, as [`Self::ISOLATE_AND_CREDENTIALLESS`]. A recorded error is kept.
    pub fn isolate_and_credentialless(self) -> Self {
        Self(self.0.keyword(&Self::ISOLATE_AND_CREDENTIALLESS.0))
    }

    /// Replaces the policy with a raw token, trimmed, its case kept (a value browsers
    /// do not know is ignored by them). A reporting group set with
    /// [`report_to`](Self::report_to) is kept.
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
    /// `<policy>; report-to="<group>"`. Chromium sends none yet (see the type's docs).
    ///
    /// The group is the name of an endpoint declared in `Reporting-Endpoints` (or
    /// the old `Report-To`); it must be a token without quotes or backslashes.
    /// Calling it again replaces the group; the policy token can still be changed
    /// before or after. `secure` 2.0.1 has no reporting support.
    ///
    /// ```
    /// use secure_headers::{Policy, DocumentIsolationPolicy};
    ///
    /// let policy = DocumentIsolationPolicy::new().report_to("default");
    /// assert_eq!(policy.render().unwrap(), r#"isolate-and-credentialless; report-to="default""#);
    /// ```
    pub fn report_to(self, group: &str) -> Self {
        Self(self.0.report_to(Self::INFO.name, group))
    }
}

impl Default for DocumentIsolationPolicy {
    fn default() -> Self {
        Self::new()
    }
}

impl Policy for DocumentIsolationPolicy {
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
/// use secure_headers::{Policy, DocumentIsolationPolicy};
///
/// let sent = DocumentIsolationPolicy::new().render()?;
/// let parsed: DocumentIsolationPolicy = sent.parse()?;
/// assert_eq!(parsed, DocumentIsolationPolicy::new());
/// assert!("a\u{1}b".parse::<DocumentIsolationPolicy>().is_err());
/// # Ok::<(), secure_headers::Error>(())
/// ```
impl FromStr for DocumentIsolationPolicy {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        Self::parse_as(Self::INFO.name, s)
    }
}

impl SingleValue for DocumentIsolationPolicy {
    const KNOWN: &'static [Self] = &[
        Self::NONE,
        Self::ISOLATE_AND_REQUIRE_CORP,
        Self::ISOLATE_AND_CREDENTIALLESS,
    ];

    fn single(&self) -> &Single {
        &self.0
    }
}

impl_raw!(DocumentIsolationPolicy);

impl DocumentIsolationPolicy {
    /// The same policy, sent as [`DocumentIsolationPolicyReportOnly`]: reported on, not enforced (the roll-out mode).
    pub fn report_only(self) -> DocumentIsolationPolicyReportOnly {
        ReportOnly::of(self)
    }
}

/// The `Document-Isolation-Policy-Report-Only` header: the same values as
/// [`DocumentIsolationPolicy`], reported on (to its `report-to` endpoint) without
/// isolating. Build it from the enforced policy with
/// [`DocumentIsolationPolicy::report_only`]. Chrome 137 parses it, but Chromium (156)
/// sends no report for it, so today it has no effect (lint's `dip-sends-no-reports`).
///
/// ```
/// use secure_headers::{DocumentIsolationPolicy, Policy};
///
/// let ro = DocumentIsolationPolicy::new().report_to("dip").report_only();
/// assert_eq!(ro.name(), "Document-Isolation-Policy-Report-Only");
/// assert_eq!(ro.render().unwrap(), r#"isolate-and-credentialless; report-to="dip""#);
/// ```
///
/// It has [`DocumentIsolationPolicy`]'s constants and keyword methods, and
/// [`value`](ReportOnly::value), [`set`](ReportOnly::set), [`clear`](ReportOnly::clear) and
/// [`report_to`](ReportOnly::report_to), which do what the enforced type's do. Parsing a
/// received value works as [`DocumentIsolationPolicy`]'s does; errors name the
/// report-only header:
///
/// ```
/// use secure_headers::DocumentIsolationPolicyReportOnly;
///
/// let ro = DocumentIsolationPolicyReportOnly::ISOLATE_AND_REQUIRE_CORP.none();
/// assert_eq!(ro, DocumentIsolationPolicyReportOnly::NONE);
/// let err = "none; x=1".parse::<DocumentIsolationPolicyReportOnly>().unwrap_err();
/// assert_eq!(err.header(), Some("Document-Isolation-Policy-Report-Only"));
/// ```
pub type DocumentIsolationPolicyReportOnly = ReportOnly<DocumentIsolationPolicy>;

/// [`DocumentIsolationPolicy`]'s values, in report-only mode.
impl ReportOnly<DocumentIsolationPolicy> {
    /// `none`.
    pub const NONE: Self = Self::of(DocumentIsolationPolicy::NONE);

    /// `isolate-and-require-corp`.
    pub const ISOLATE_AND_REQUIRE_CORP: Self =
        Self::of(DocumentIsolationPolicy::ISOLATE_AND_REQUIRE_CORP);

    /// `isolate-and-credentialless`.
    pub const ISOLATE_AND_CREDENTIALLESS: Self =
        Self::of(DocumentIsolationPolicy::ISOLATE_AND_CREDENTIALLESS);

    /// Sets the value to `none`, as [`DocumentIsolationPolicy::none`].
    pub fn none(self) -> Self {
        self.map(DocumentIsolationPolicy::none)
    }

    /// Sets the value to `isolate-and-require-corp`, as [`DocumentIsolationPolicy::isolate_and_require_corp`].
    pub fn isolate_and_require_corp(self) -> Self {
        self.map(DocumentIsolationPolicy::isolate_and_require_corp)
    }

    /// Sets the value to `isolate-and-credentialless`, as [`DocumentIsolationPolicy::isolate_and_credentialless`].
    pub fn isolate_and_credentialless(self) -> Self {
        self.map(DocumentIsolationPolicy::isolate_and_credentialless)
    }
}

impl_raw!(DocumentIsolationPolicyReportOnly);

impl Sealed for DocumentIsolationPolicy {
    fn with_value(self, raw: &str) -> Self {
        self.value(raw)
    }

    fn parse_as(header: &'static str, input: &str) -> Result<Self, Error> {
        single::parse::<Self>(header, input, token_value, true).map(Self)
    }
}

impl Token for DocumentIsolationPolicy {
    fn with_report_to(self, group: &str) -> Self {
        self.report_to(group)
    }
}

impl HasReportOnly for DocumentIsolationPolicy {
    const REPORT_ONLY: HeaderInfo = HeaderInfo {
        name: "Document-Isolation-Policy-Report-Only",
        lowercase: "document-isolation-policy-report-only",
        method: "document_isolation_policy_report_only",
        type_name: "DocumentIsolationPolicyReportOnly",
        spec: "WICG",
        spec_url: "https://github.com/WICG/document-isolation-policy",
        config_key: Some("document-isolation-policy-report-only"),
        report_only_of: Some(DocumentIsolationPolicy::INFO.name),
        make: Make::of::<DocumentIsolationPolicyReportOnly>(),
    };
}

impl Header for DocumentIsolationPolicy {
    const INFO: HeaderInfo = HeaderInfo {
        name: "Document-Isolation-Policy",
        lowercase: "document-isolation-policy",
        method: "document_isolation_policy",
        type_name: "DocumentIsolationPolicy",
        spec: "WICG",
        spec_url: "https://github.com/WICG/document-isolation-policy",
        config_key: Some("document-isolation-policy"),
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

impl From<DocumentIsolationPolicy> for DocumentIsolationPolicyReportOnly {
    fn from(policy: DocumentIsolationPolicy) -> Self {
        policy.report_only()
    }
}

impl From<DocumentIsolationPolicyReportOnly> for DocumentIsolationPolicy {
    fn from(policy: DocumentIsolationPolicyReportOnly) -> Self {
        policy.enforce()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::headers::single::testing::{fails, raw_contract, renders};
    use crate::{ErrorKind, Policy};

    type Dip = DocumentIsolationPolicy;
    type DipRo = DocumentIsolationPolicyReportOnly;

    #[test]
    fn exact_values() {
        assert_eq!(Dip::new().name(), "Document-Isolation-Policy");
        assert_eq!(DipRo::new().name(), "Document-Isolation-Policy-Report-Only");
        renders(&Dip::default(), "isolate-and-credentialless");
        renders(&Dip::new().none(), "none");
        renders(
            &Dip::new().isolate_and_require_corp(),
            "isolate-and-require-corp",
        );
        renders(
            &Dip::new()
                .none()
                .report_to("g")
                .isolate_and_credentialless(),
            r#"isolate-and-credentialless; report-to="g""#,
        );
        renders(&DipRo::ISOLATE_AND_REQUIRE_CORP, "isolate-and-require-corp");
        assert_eq!(Dip::NONE.report_only(), DipRo::NONE);
        assert_eq!(DipRo::from(Dip::NONE).enforce(), Dip::NONE);
        raw_contract::<Dip>("isolate-and-credentialless", true, str::to_owned);
        let e = ("Document-Isolation-Policy", "report-to", "a\"b");
        fails(&Dip::new().report_to("a\"b"), ErrorKind::InvalidToken, e);
        let e = ("Document-Isolation-Policy-Report-Only", "report-to", "a b");
        fails(
            &Dip::new().report_to("a b").report_only(),
            ErrorKind::InvalidToken,
            e,
        );
    }

    #[test]
    fn parses() {
        let d: Dip = " Isolate-And-Require-Corp ; report-to=\"dip\""
            .parse()
            .unwrap();
        assert_eq!(d, Dip::ISOLATE_AND_REQUIRE_CORP.report_to("dip"));
        let d: DipRo = "none".parse().unwrap();
        assert_eq!(d, DipRo::NONE);
        let e = "none; foo=1".parse::<Dip>().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidValue);
        assert_eq!(e.directive(), Some("report-to"));
        assert!(e.detail().unwrap().ends_with("at byte 6"), "{e}");
        let e = "a b".parse::<DipRo>().unwrap_err();
        assert_eq!(e.header(), Some("Document-Isolation-Policy-Report-Only"));
    }

    proptest::proptest! {
        #[test]
        fn render_then_parse_gives_the_policy_back(
            dip in proptest::sample::select(vec![Dip::NONE, Dip::ISOLATE_AND_REQUIRE_CORP, Dip::ISOLATE_AND_CREDENTIALLESS]),
            group in proptest::option::of("[a-zA-Z0-9_.-]{1,12}"),
            token in "[a-z][a-z0-9-]{0,12}",
        ) {
            let dip = match &group {
                Some(g) => dip.report_to(g),
                None => dip,
            };
            for p in [dip, Dip::new().value(&token)] {
                let rendered = p.render().unwrap();
                let parsed: Dip = rendered.parse().unwrap();
                proptest::prop_assert_eq!(&parsed, &p);
                let ro: DipRo = rendered.parse().unwrap();
                proptest::prop_assert_eq!(ro, p.clone().report_only());
            }
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,24}|[ -~\t]{0,24}") {
            if let Ok(p) = s.parse::<Dip>() {
                let again: Dip = p.render().unwrap().parse().unwrap();
                proptest::prop_assert_eq!(again, p);
            }
        }
    }
}
