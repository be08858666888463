//! How the graded response was served: the scheme, the redirection and the page.

use super::*;

/// How the graded response was served.
///
/// ```
/// use secure_headers::grade::{GradeContext, Scheme, grade};
/// let report = grade(&Default::default(), &GradeContext::new().scheme(Scheme::Http));
/// assert_eq!(report.modifier("strict-transport-security").unwrap().result, "hsts-not-implemented-no-https");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Scheme {
    /// Over HTTPS with a valid certificate (the default).
    #[default]
    Https,
    /// Over HTTPS, but the certificate chain does not verify: HSTS cannot be set.
    HttpsInvalidCertificate,
    /// Over plain HTTP: the site has no HTTPS, so no HSTS, and `http:` sources in the
    /// CSP are not counted as insecure.
    Http,
}

/// What a request to the site's `http://` URL does: the Observatory's redirection test.
///
/// ```
/// use secure_headers::grade::Redirection;
///
/// assert_eq!(
///     Redirection::from_chain(&["http://example.com/", "https://example.com/"]),
///     Redirection::ToHttps
/// );
/// assert_eq!(
///     Redirection::from_chain(&["http://example.com/", "https://www.example.com/"]),
///     Redirection::OffHost
/// );
/// assert_eq!(Redirection::from_chain(&["http://example.com/"]), Redirection::Missing);
/// assert_eq!(Redirection::ToHttps.result(), "redirection-to-https");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Redirection {
    /// The first redirect goes to HTTPS on the same host, and so does the last (the
    /// default): 0.
    #[default]
    ToHttps,
    /// The site cannot be reached over HTTP at all: 0.
    NoHttp,
    /// Every host in the redirect chain is on the HSTS preload list: 0.
    AllPreloaded,
    /// The first HTTPS hop is on another host, so HSTS cannot be set on the first: −5.
    OffHost,
    /// The first redirect goes to another `http://` URL before HTTPS: −10.
    HttpFirst,
    /// Redirects, but the final destination is not HTTPS: −20.
    NotToHttps,
    /// The `http://` URL answers without redirecting: −20.
    Missing,
    /// The redirect chain meets an invalid certificate: −20.
    InvalidCertificate,
}

impl Redirection {
    /// Classifies a redirect chain the way the Observatory does: `chain` starts with the
    /// `http://` URL requested and lists every URL redirected to, in order. (The preload
    /// list is not consulted: use [`Redirection::AllPreloaded`] for preloaded hosts.)
    #[must_use]
    pub fn from_chain(chain: &[&str]) -> Self {
        let parts: Vec<(String, String)> = chain.iter().map(|u| scheme_and_host(u)).collect();
        match parts.as_slice() {
            [] => Self::NoHttp,
            [_] => Self::Missing,
            [first, second, ..] => {
                let last = &parts[parts.len() - 1];
                if last.0 != "https" {
                    Self::NotToHttps
                } else if second.0 == "http" {
                    Self::HttpFirst
                } else if first.0 == "http" && second.0 == "https" && first.1 != second.1 {
                    Self::OffHost
                } else {
                    Self::ToHttps
                }
            }
        }
    }

    /// The Observatory's result name (`redirection-to-https`, ...).
    #[must_use]
    pub const fn result(self) -> &'static str {
        self.outcome().as_str()
    }

    pub(super) const fn outcome(self) -> Outcome {
        match self {
            Self::ToHttps => Outcome::RedirectionToHttps,
            Self::NoHttp => Outcome::RedirectionNotNeededNoHttp,
            Self::AllPreloaded => Outcome::RedirectionAllRedirectsPreloaded,
            Self::OffHost => Outcome::RedirectionOffHostFromHttp,
            Self::HttpFirst => Outcome::RedirectionNotToHttpsOnInitialRedirection,
            Self::NotToHttps => Outcome::RedirectionNotToHttps,
            Self::Missing => Outcome::RedirectionMissing,
            Self::InvalidCertificate => Outcome::RedirectionInvalidCert,
        }
    }
}

/// The lowercase scheme and host of an absolute URL (empty strings where absent).
pub(super) fn scheme_and_host(url: &str) -> (String, String) {
    let url = url.trim();
    let Some((scheme, rest)) = url.split_once(':') else {
        return (String::new(), String::new());
    };
    let rest = rest.trim_start_matches(['/', '\\']);
    let authority = rest.split(['/', '\\', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = if host_port.starts_with('[') {
        host_port
            .split(']')
            .next()
            .map(|h| format!("{h}]"))
            .unwrap_or_default()
    } else {
        host_port.split(':').next().unwrap_or("").to_owned()
    };
    (scheme.to_ascii_lowercase(), host.to_ascii_lowercase())
}

/// What the headers alone cannot tell the grader. Every field is optional; the defaults
/// describe a site served over HTTPS with a valid certificate, whose `http://` URL
/// redirects to HTTPS on the same host, not on the HSTS preload list, with no page HTML
/// (Subresource Integrity and `<meta>` policies are then not examined).
///
/// ```
/// use secure_headers::grade::{GradeContext, Redirection, Scheme};
///
/// let context = GradeContext::new()
///     .scheme(Scheme::Https)
///     .redirection(Redirection::ToHttps)
///     .host("example.com")
///     .html("<!doctype html><script src=\"/app.js\"></script>");
/// assert_eq!(context.get_host(), Some("example.com"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct GradeContext {
    pub(super) scheme: Scheme,
    pub(super) redirection: Redirection,
    pub(super) html: Option<String>,
    pub(super) host: Option<String>,
    pub(super) cors_origin: Option<String>,
    pub(super) hsts_preloaded: bool,
}

impl GradeContext {
    /// The defaults: HTTPS, a clean redirect, no HTML, unknown host.
    ///
    /// ```
    /// use secure_headers::grade::GradeContext;
    /// assert_eq!(GradeContext::new(), GradeContext::default());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// How the response was served (default [`Scheme::Https`]).
    ///
    /// ```
    /// use secure_headers::grade::{GradeContext, Scheme, grade};
    /// let report = grade(&Default::default(), &GradeContext::new().scheme(Scheme::HttpsInvalidCertificate));
    /// assert_eq!(report.modifier("strict-transport-security").unwrap().result, "hsts-invalid-cert");
    /// ```
    pub fn scheme(mut self, scheme: Scheme) -> Self {
        self.scheme = scheme;
        self
    }

    /// What the site's `http://` URL does (default [`Redirection::ToHttps`]).
    ///
    /// ```
    /// use secure_headers::grade::{GradeContext, Redirection, grade};
    /// let report = grade(&Default::default(), &GradeContext::new().redirection(Redirection::Missing));
    /// assert_eq!(report.modifier("redirection").unwrap().score_modifier, -20);
    /// ```
    pub fn redirection(mut self, redirection: Redirection) -> Self {
        self.redirection = redirection;
        self
    }

    /// The page's HTML: its `<script>` elements for Subresource Integrity, and its
    /// `<meta http-equiv="Content-Security-Policy">` and `<meta name="referrer">`
    /// elements. Used only when the response's `Content-Type` is `text/html` or
    /// `application/xhtml+xml`, as by the Observatory; from [`Algorithm::V5`] on, the
    /// scripts of a response without a `Content-Type` are examined too.
    ///
    /// ```
    /// use secure_headers::grade::{GradeContext, grade};
    /// use secure_headers::http::{HeaderMap, HeaderValue};
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.insert("content-type", HeaderValue::from_static("text/html"));
    /// let page = r#"<script src="http://cdn.example.net/lib.js"></script>"#;
    /// let report = grade(&headers, &GradeContext::new().html(page));
    /// let sri = report.modifier("subresource-integrity").unwrap();
    /// assert_eq!(sri.result, "sri-not-implemented-and-external-scripts-not-loaded-securely");
    /// ```
    pub fn html(mut self, html: impl Into<String>) -> Self {
        self.html = Some(html.into());
        self
    }

    /// The host name the response came from (for cookie domains, and to tell
    /// same-site scripts from foreign ones). Unknown by default: then every absolute
    /// script URL counts as foreign, and cookie `Domain` attributes are not checked.
    ///
    /// ```
    /// use secure_headers::grade::{GradeContext, grade};
    /// use secure_headers::http::{HeaderMap, HeaderValue};
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.insert("set-cookie", HeaderValue::from_static("sid=1; Domain=elsewhere.example"));
    /// // The browser refuses a cookie for another domain: no cookie is set.
    /// let report = grade(&headers, &GradeContext::new().host("example.com"));
    /// assert_eq!(report.modifier("cookies").unwrap().result, "cookies-not-found");
    /// ```
    pub fn host(mut self, host: impl Into<String>) -> Self {
        self.host = Some(host.into().to_ascii_lowercase());
        self
    }

    /// The `Origin` the request carried: an `Access-Control-Allow-Origin` that echoes it
    /// together with `Access-Control-Allow-Credentials: true` is universal access (−50).
    /// Unset by default (reflection cannot be detected).
    ///
    /// ```
    /// use secure_headers::grade::{GradeContext, grade};
    /// use secure_headers::http::{HeaderMap, HeaderValue};
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.insert("access-control-allow-origin", HeaderValue::from_static("https://evil.example"));
    /// headers.insert("access-control-allow-credentials", HeaderValue::from_static("true"));
    /// let report = grade(&headers, &GradeContext::new().cors_origin("https://evil.example"));
    /// assert_eq!(report.modifier("cross-origin-resource-sharing").unwrap().score_modifier, -50);
    /// ```
    pub fn cors_origin(mut self, origin: impl Into<String>) -> Self {
        self.cors_origin = Some(origin.into());
        self
    }

    /// Whether the host is on the HSTS preload list (default `false`): `hsts-preloaded`
    /// (+5) whatever the header says.
    ///
    /// ```
    /// use secure_headers::grade::{GradeContext, grade};
    /// let report = grade(&Default::default(), &GradeContext::new().hsts_preloaded(true));
    /// assert_eq!(report.modifier("strict-transport-security").unwrap().result, "hsts-preloaded");
    /// ```
    pub fn hsts_preloaded(mut self, yes: bool) -> Self {
        self.hsts_preloaded = yes;
        self
    }

    /// The host set with [`host`](Self::host), if any.
    ///
    /// ```
    /// use secure_headers::grade::GradeContext;
    /// assert_eq!(GradeContext::new().host("Example.COM").get_host(), Some("example.com"));
    /// ```
    #[must_use]
    pub fn get_host(&self) -> Option<&str> {
        self.host.as_deref()
    }
}
