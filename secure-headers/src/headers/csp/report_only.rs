//! `Content-Security-Policy-Report-Only`: the same policy, reported instead of enforced.

use super::*;
use crate::registry::{Header, HeaderInfo, Make};

/// The `Content-Security-Policy-Report-Only` header: a [`ContentSecurityPolicy`] that
/// browsers report violations of without enforcing it.
///
/// Use it to try a policy out (with `report-to`/`report-uri` set) before enforcing it;
/// both headers can be sent together. Build the policy with the
/// [`ContentSecurityPolicy`] methods, then switch with
/// [`ContentSecurityPolicy::report_only`] (or change it later with
/// [`map`](Self::map)). Browsers ignore `sandbox` in report-only mode.
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
#[must_use]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContentSecurityPolicyReportOnly {
    pub(super) policy: ContentSecurityPolicy,
}

impl ContentSecurityPolicyReportOnly {
    /// A report-only policy without directives, which renders
    /// [`ContentSecurityPolicy::DEFAULT_VALUE`].
    pub fn new() -> Self {
        Self::default()
    }

    /// The whole value, sent as given (see [`ContentSecurityPolicy::value`]).
    ///
    /// ```
    /// use secure_headers::{ContentSecurityPolicyReportOnly, Policy};
    /// let ro = ContentSecurityPolicyReportOnly::new().value("default-src 'none'");
    /// assert_eq!(ro.render()?, "default-src 'none'");
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    pub fn value(self, raw: impl AsRef<str>) -> Self {
        self.map(|c| c.value(raw))
    }

    /// The policy being reported on.
    pub fn policy(&self) -> &ContentSecurityPolicy {
        &self.policy
    }

    /// Changes the policy with the [`ContentSecurityPolicy`] builder methods.
    pub fn map(self, f: impl FnOnce(ContentSecurityPolicy) -> ContentSecurityPolicy) -> Self {
        Self {
            policy: f(self.policy),
        }
    }

    /// For `build()`: the policy's first likely typo (see
    /// [`ContentSecurityPolicy::likely_typo`]), naming this header.
    pub(crate) fn likely_typo(&self) -> Option<Error> {
        let e = self.policy.likely_typo()?;
        Some(e.with_header(REPORT_ONLY_HEADER))
    }

    /// The same policy, enforced (sent as `Content-Security-Policy`).
    pub fn enforce(self) -> ContentSecurityPolicy {
        self.policy
    }
}

impl Policy for ContentSecurityPolicyReportOnly {
    fn name(&self) -> &str {
        REPORT_ONLY_HEADER
    }

    fn render(&self) -> Result<String, Error> {
        self.policy
            .render_value()
            .map_err(|e| e.with_header(REPORT_ONLY_HEADER))
    }
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

impl Header for ContentSecurityPolicyReportOnly {
    const INFO: HeaderInfo = HeaderInfo {
        name: "Content-Security-Policy-Report-Only",
        lowercase: "content-security-policy-report-only",
        method: "csp_report_only",
        type_name: "ContentSecurityPolicyReportOnly",
        config_key: Some("content-security-policy-report-only"),
        report_only_of: Some(ContentSecurityPolicy::INFO.name),
        make: Make::of::<Self>(),
    };

    fn from_value(raw: &str) -> Option<Self> {
        Some(Self::new().value(raw))
    }
}
