//! `Content-Security-Policy-Report-Only`: the same policy, reported instead of enforced.

use super::*;
use crate::headers::report_only::{HasReportOnly, ReportOnly, sealed::Sealed};
use crate::registry::{Header, HeaderInfo, Make};

/// The `Content-Security-Policy-Report-Only` header: a [`ContentSecurityPolicy`] that
/// browsers report violations of without enforcing it.
///
/// Use it to try a policy out (with `report-to`/`report-uri` set) before enforcing it;
/// both headers can be sent together. Build the policy with the
/// [`ContentSecurityPolicy`] methods, then switch with
/// [`ContentSecurityPolicy::report_only`] (or change it later with
/// [`map`](ReportOnly::map)). Browsers ignore `sandbox` in report-only mode.
/// See [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy-Report-Only).
///
/// ```
/// use secure_headers::{ContentSecurityPolicy, ContentSecurityPolicyReportOnly, Policy};
///
/// let csp = ContentSecurityPolicy::new()
///     .default_src(["'self'"])
///     .report_to("csp")
///     .report_only();
/// assert_eq!(csp.name(), "Content-Security-Policy-Report-Only");
/// assert_eq!(csp.render().unwrap(), "default-src 'self'; report-to csp");
///
/// let csp: ContentSecurityPolicyReportOnly = csp.map(|p| p.img_src(["data:"]));
/// assert_eq!(csp.render().unwrap(), "default-src 'self'; report-to csp; img-src data:");
/// assert_eq!(csp.enforce().name(), "Content-Security-Policy");
/// ```
///
/// A new one has no directives and renders [`ContentSecurityPolicy::DEFAULT_VALUE`];
/// [`value`](ReportOnly::value) sets the whole value, sent as given (see
/// [`ContentSecurityPolicy::value`]):
///
/// ```
/// use secure_headers::{ContentSecurityPolicyReportOnly, Policy};
/// let ro = ContentSecurityPolicyReportOnly::new().value("default-src 'none'");
/// assert_eq!(ro.render()?, "default-src 'none'");
/// # Ok::<(), secure_headers::Error>(())
/// ```
///
/// A received value parses exactly as [`ContentSecurityPolicy`] parses its own; errors
/// name the report-only header:
///
/// ```
/// use secure_headers::{ContentSecurityPolicyReportOnly, Policy};
///
/// let csp: ContentSecurityPolicyReportOnly = "default-src 'none'; report-to csp".parse()?;
/// assert_eq!(csp.render()?, "default-src 'none'; report-to csp");
/// let err = "default-src 'self', img-src *".parse::<ContentSecurityPolicyReportOnly>().unwrap_err();
/// assert_eq!(err.header(), Some("Content-Security-Policy-Report-Only"));
/// # Ok::<(), secure_headers::Error>(())
/// ```
pub type ContentSecurityPolicyReportOnly = ReportOnly<ContentSecurityPolicy>;

impl Sealed for ContentSecurityPolicy {
    fn with_value(self, raw: &str) -> Self {
        self.value(raw)
    }

    fn parse_as(header: &'static str, input: &str) -> Result<Self, Error> {
        parse::parse_policy(input).map_err(|e| e.with_header(header))
    }
}

impl HasReportOnly for ContentSecurityPolicy {
    const REPORT_ONLY: HeaderInfo = HeaderInfo {
        name: REPORT_ONLY_HEADER,
        lowercase: "content-security-policy-report-only",
        method: "csp_report_only",
        type_name: "ContentSecurityPolicyReportOnly",
        spec: "CSP 3",
        spec_url: "https://www.w3.org/TR/CSP3/#cspro-header",
        config_key: Some("content-security-policy-report-only"),
        report_only_of: Some(ContentSecurityPolicy::INFO.name),
        make: Make::of::<ContentSecurityPolicyReportOnly>(),
    };
}

impl From<ContentSecurityPolicy> for ContentSecurityPolicyReportOnly {
    fn from(policy: ContentSecurityPolicy) -> Self {
        policy.report_only()
    }
}

impl From<ContentSecurityPolicyReportOnly> for ContentSecurityPolicy {
    fn from(policy: ContentSecurityPolicyReportOnly) -> Self {
        policy.enforce()
    }
}
