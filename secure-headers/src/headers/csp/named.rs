//! The named policies of `secure-aiohttp`.

use std::fmt;
use std::str::FromStr;

use super::{ContentSecurityPolicy, Source};
use crate::{Error, ErrorKind};

/// The report path `secure-aiohttp` mounts its report route at.
pub const AIOHTTP_REPORT_URI: &str = "/secureaiohttp-csp-report-uri";

/// The three named CSPs of `secure-aiohttp` (after content-security-policy.com's examples),
/// as they were meant to render: its own builder crashed on a name and on list values.
///
/// ```
/// use secure_headers::{Policy, csp::NamedPolicy};
///
/// let csp = NamedPolicy::Default.policy().report_uri(["/csp-reports"]);
/// assert_eq!(
///     csp.render().unwrap(),
///     "connect-src 'self'; default-src 'none'; img-src 'self'; script-src 'self'; style-src 'self'; report-uri /csp-reports"
/// );
/// // Its "testing" mode is report-only:
/// let testing = "same-origin".parse::<NamedPolicy>()?.policy().report_only();
/// assert_eq!(testing.name(), "Content-Security-Policy-Report-Only");
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NamedPolicy {
    /// `connect-src 'self'; default-src 'none'; img-src 'self'; script-src 'self';
    /// style-src 'self'`: images, scripts, AJAX and CSS from the same origin, nothing else.
    Default,
    /// `default-src 'self'`.
    SameOrigin,
    /// `script-src 'self' www.google-analytics.com ajax.googleapis.com`.
    GoogleAnalytics,
}

impl NamedPolicy {
    /// Every named policy.
    pub const ALL: [Self; 3] = [Self::Default, Self::SameOrigin, Self::GoogleAnalytics];

    /// The name: `default`, `same-origin` or `google-analytics`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Default => "default",
            Self::SameOrigin => "same-origin",
            Self::GoogleAnalytics => "google-analytics",
        }
    }

    /// The policy, to extend or send as is. `secure-aiohttp` added
    /// `report-uri /secureaiohttp-csp-report-uri` ([`AIOHTTP_REPORT_URI`]); add your own
    /// `report_uri` / `report_to` as you need.
    pub fn policy(self) -> ContentSecurityPolicy {
        match self {
            Self::Default => ContentSecurityPolicy::new()
                .connect_src([Source::SELF])
                .default_src([Source::NONE])
                .img_src([Source::SELF])
                .script_src([Source::SELF])
                .style_src([Source::SELF]),
            Self::SameOrigin => ContentSecurityPolicy::new().default_src([Source::SELF]),
            Self::GoogleAnalytics => ContentSecurityPolicy::new().script_src([
                "'self'",
                "www.google-analytics.com",
                "ajax.googleapis.com",
            ]),
        }
    }
}

impl fmt::Display for NamedPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for NamedPolicy {
    type Err = Error;

    /// Parses a name, case-insensitively; `google-analitycs` (Python's `secure` 2.0.1's spelling) too.
    fn from_str(s: &str) -> Result<Self, Error> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("google-analitycs") {
            return Ok(Self::GoogleAnalytics);
        }
        Self::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                Error::new(ErrorKind::UnknownPreset)
                    .with_header("Content-Security-Policy")
                    .with_input(s)
                    .with_detail("expected default, same-origin or google-analytics")
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Policy;

    #[test]
    fn each_named_policy_renders_as_intended() {
        let r = |p: NamedPolicy| p.policy().render().unwrap();
        assert_eq!(
            r(NamedPolicy::Default),
            "connect-src 'self'; default-src 'none'; img-src 'self'; script-src 'self'; style-src 'self'"
        );
        assert_eq!(r(NamedPolicy::SameOrigin), "default-src 'self'");
        assert_eq!(
            r(NamedPolicy::GoogleAnalytics),
            "script-src 'self' www.google-analytics.com ajax.googleapis.com"
        );
        assert_eq!(
            NamedPolicy::Default
                .policy()
                .report_uri([AIOHTTP_REPORT_URI])
                .render()
                .unwrap(),
            "connect-src 'self'; default-src 'none'; img-src 'self'; script-src 'self'; style-src 'self'; report-uri /secureaiohttp-csp-report-uri"
        );
    }

    #[test]
    fn names_parse() {
        assert_eq!(
            "Default".parse::<NamedPolicy>().unwrap(),
            NamedPolicy::Default
        );
        assert_eq!(
            "google-analitycs".parse::<NamedPolicy>().unwrap(),
            NamedPolicy::GoogleAnalytics
        );
        let e = "strict".parse::<NamedPolicy>().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::UnknownPreset);
    }
}
