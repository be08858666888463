//! Cross-origin request protection: refuses cross-origin state-changing requests by the
//! browser's `Sec-Fetch-Site`, with `Origin` as the fallback, as Go 1.25's
//! `net/http.CrossOriginProtection` does; optionally the stricter Fetch Metadata resource
//! isolation policy.

use super::parse::{Given, parse_origin};
use super::refusal::Refusal;
use super::view::{RequestView, names};
use crate::{Error, ErrorKind};

/// Cross-origin request protection (CSRF protection without tokens), an option of
/// [`Secure`](crate::Secure) set with
/// [`SecureBuilder::cross_origin_protection`](crate::SecureBuilder::cross_origin_protection).
///
/// For every request, before the handler:
///
/// - `GET`, `HEAD` and `OPTIONS` pass;
/// - `Sec-Fetch-Site: same-origin` or `none` (the user typed the address) passes;
///   `same-site` passes only with [`allow_same_site`](Self::allow_same_site);
/// - otherwise an `Origin` that is the request's own origin (its scheme and host as the
///   proxy rules find them: TLS or a trusted proxy's named header, and `Host` or a trusted
///   proxy's named host) or one of the [`trusted_origins`](Self::trusted_origins) passes;
/// - a request with neither `Sec-Fetch-Site` nor `Origin` (not a browser) passes, unless
///   [`refuse_without_headers`](Self::refuse_without_headers);
/// - anything else is refused with `403 Forbidden` (with the security headers, and the
///   reason as a one-line plain-text body), and logged once with the request's method and
///   path (the `log` facade, or `tracing` with that feature); in
///   [`report_only`](Self::report_only) mode it is logged and passes.
///
/// [`bypass`](Self::bypass) paths skip the check; they match the request's path exactly
/// (no prefix, no pattern, no normalization: `/hook/` is not `/hook`).
///
/// The paths the [`Secure`](crate::Secure) itself sends reports to skip both checks, for
/// every method: the URLs of its `Reporting-Endpoints` and of `report-uri` in its enforced
/// and report-only CSP that are given as paths (`/reports?v=1` gives `/reports`). Browsers
/// post reports, and the CORS preflight the `ReportCollector` (feature `reporting`)
/// answers, from pages on other origins, so refusing them would lose every report. An
/// absolute report URL exempts nothing (which origin this server answers for is not known
/// when the `Secure` is built, and `https://collector.example` must not exempt this
/// server's `/`). A report path the `Secure` does not name as a path (an absolute URL to
/// this server, a separate collector, a policy set by another layer, a path relative to
/// the page) must be listed: in
/// [`bypass`](Self::bypass), and in [`exempt`](Self::exempt) too with resource isolation.
///
/// ```
/// use secure_headers::{ContentSecurityPolicy, Secure};
/// use secure_headers::http::Request;
/// use secure_headers::request::{CrossOriginProtection, HttpRequest};
///
/// let secure = Secure::builder()
///     .csp(ContentSecurityPolicy::new().default_src(["'self'"]).base_uri(["'self'"]).report_uri(["/csp-reports"]))
///     .cross_origin_protection(CrossOriginProtection::new().bypass(["/other-collector"]))
///     .build()?;
/// let report = |path: &str| {
///     Request::post(path)
///         .header("host", "app.example")
///         .header("sec-fetch-site", "cross-site")
///         .header("origin", "https://elsewhere.example")
///         .body(())
///         .unwrap()
/// };
/// assert!(secure.inspect(&HttpRequest::new(&report("/csp-reports"))).is_ok());
/// assert!(secure.inspect(&HttpRequest::new(&report("/other-collector"))).is_ok());
/// assert_eq!(secure.inspect(&HttpRequest::new(&report("/transfer"))).unwrap_err().status(), 403);
/// # Ok::<(), secure_headers::Error>(())
/// ```
///
/// Plain-HTTP development servers keep working: the request's own origin is
/// `http://localhost:8000` there, and the browser sends that `Origin`.
///
/// With [`resource_isolation`](Self::resource_isolation), every method is checked by the
/// Fetch Metadata resource isolation policy too: a cross-site request that is not a
/// top-level navigation (`Sec-Fetch-Mode: navigate`, `GET`, not into `<object>` or
/// `<embed>`) is refused, except on the [`exempt`](Self::exempt) paths (resources meant to
/// be embedded by other sites).
///
/// ```
/// use secure_headers::Secure;
/// use secure_headers::http::Request;
/// use secure_headers::request::{CrossOriginProtection, HttpRequest};
///
/// let secure = Secure::builder()
///     .cross_origin_protection(CrossOriginProtection::new())
///     .build()?;
/// let post = |site: &str| {
///     Request::post("/transfer")
///         .header("host", "bank.example")
///         .header("sec-fetch-site", site)
///         .body(())
///         .unwrap()
/// };
/// assert!(secure.inspect(&HttpRequest::new(&post("same-origin"))).is_ok());
/// let refused = secure.inspect(&HttpRequest::new(&post("cross-site"))).unwrap_err();
/// assert_eq!(refused.status(), 403);
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct CrossOriginProtection {
    same_site: bool,
    trusted: Vec<Given<Origin>>,
    refuse_without_headers: bool,
    report_only: bool,
    bypass: Vec<String>,
    isolation: bool,
    exempt: Vec<String>,
    /// The paths the `Secure` sends its own reports to, set when it is built: neither
    /// check applies there.
    reports: Vec<String>,
}

/// An origin as scheme (`true` for HTTPS), host and port.
type Origin = (bool, String, u16);

impl CrossOriginProtection {
    /// The protection with its defaults: same-site requests refused, no trusted origin,
    /// requests without either header pass, enforced, no bypass, no resource isolation.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether `Sec-Fetch-Site: same-site` passes (default: no; a sibling subdomain is
    /// another origin).
    pub fn allow_same_site(mut self, yes: bool) -> Self {
        self.same_site = yes;
        self
    }

    /// Origins (`https://app.example`, with a port when not the default) whose requests
    /// pass. Checked at build time.
    pub fn trusted_origins<I>(mut self, origins: I) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        self.trusted.extend(
            origins
                .into_iter()
                .map(|o| Given::new(o.as_ref().trim().to_owned(), |o| parse_origin(o.as_bytes()))),
        );
        self
    }

    /// Whether a state-changing request with neither `Sec-Fetch-Site` nor `Origin` is
    /// refused (default: no, so that non-browser clients keep working).
    pub fn refuse_without_headers(mut self, yes: bool) -> Self {
        self.refuse_without_headers = yes;
        self
    }

    /// Logs what would be refused (`would refuse POST /path: reason`) without refusing it.
    pub fn report_only(mut self, yes: bool) -> Self {
        self.report_only = yes;
        self
    }

    /// Paths that skip the check, matched exactly against the request's path (without
    /// the query).
    pub fn bypass<I>(mut self, paths: I) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        self.bypass
            .extend(paths.into_iter().map(|p| p.as_ref().to_owned()));
        self
    }

    /// Also applies the Fetch Metadata resource isolation policy to every method.
    pub fn resource_isolation(mut self, yes: bool) -> Self {
        self.isolation = yes;
        self
    }

    /// Paths the resource isolation policy leaves alone (resources other sites may embed),
    /// matched exactly against the request's path.
    pub fn exempt<I>(mut self, paths: I) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        self.exempt
            .extend(paths.into_iter().map(|p| p.as_ref().to_owned()));
        self
    }

    /// The paths the `Secure` sends its own reports to (replacing any earlier ones).
    pub(crate) fn set_report_paths(&mut self, paths: Vec<String>) {
        self.reports = paths;
    }

    /// Whether this only logs.
    #[must_use]
    pub fn is_report_only(&self) -> bool {
        self.report_only
    }

    pub(crate) fn check(&self) -> Result<(), Error> {
        if let Some(o) = Given::first_bad(&self.trusted) {
            return Err(Error::new(ErrorKind::InvalidValue)
                .with_directive("cross_origin_protection")
                .with_input(o)
                .with_detail(
                    "expected an origin such as https://app.example or http://localhost:8000",
                ));
        }
        for p in self.bypass.iter().chain(&self.exempt) {
            if !p.starts_with('/') || p.contains('?') {
                return Err(Error::new(ErrorKind::InvalidValue)
                    .with_directive("cross_origin_protection")
                    .with_input(p.as_str())
                    .with_detail("expected a path such as /webhook, without query"));
            }
        }
        Ok(())
    }

    /// Decides for one request; `Err` names why it is refused (or would be, in
    /// report-only mode). `own_origin` gives the request's own origin, `(https?, host,
    /// port)`, as the proxy rules find it; it is asked only when an `Origin` is compared.
    pub(crate) fn decide(
        &self,
        req: &impl RequestView,
        own_origin: impl FnOnce() -> Option<(bool, String, u16)>,
    ) -> Result<(), Refusal> {
        let path = req.path_and_query();
        let path = path.split_once('?').map_or(path, |(p, _)| p);
        if self.reports.iter().any(|p| p == path) {
            return Ok(());
        }
        let site = single(req, names::SEC_FETCH_SITE, FetchSite::of);
        if self.isolation && !self.exempt.iter().any(|p| p == path) {
            let ok = match site {
                Header::Absent => true,
                Header::One(FetchSite::SameOrigin | FetchSite::SameSite | FetchSite::None) => true,
                Header::One(FetchSite::Other) => {
                    req.method() == "GET"
                        && single(req, names::SEC_FETCH_MODE, |v| v == b"navigate")
                            == Header::One(true)
                        && single(req, names::SEC_FETCH_DEST, |d| {
                            d == b"object" || d == b"embed"
                        }) != Header::One(true)
                }
                Header::Many => false,
            };
            if !ok {
                return Err(Refusal::ResourceIsolation);
            }
        }
        if matches!(req.method(), "GET" | "HEAD" | "OPTIONS")
            || self.bypass.iter().any(|p| p == path)
        {
            return Ok(());
        }
        match site {
            Header::One(FetchSite::SameOrigin | FetchSite::None) => return Ok(()),
            Header::One(FetchSite::SameSite) if self.same_site => return Ok(()),
            _ => {}
        }
        match single(req, names::ORIGIN, parse_origin) {
            Header::One(origin) => {
                let ok = origin.is_some_and(|o| {
                    own_origin().as_ref() == Some(&o)
                        || Given::parsed(&self.trusted).any(|t| *t == o)
                });
                if ok {
                    Ok(())
                } else {
                    Err(Refusal::CrossOrigin)
                }
            }
            Header::Many => Err(Refusal::CrossOrigin),
            Header::Absent => match site {
                Header::Absent if !self.refuse_without_headers => Ok(()),
                Header::Absent => Err(Refusal::NoFetchMetadata),
                _ => Err(Refusal::CrossOrigin),
            },
        }
    }
}

/// A `Sec-Fetch-Site` value (browsers send lowercase tokens, compared exactly).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FetchSite {
    SameOrigin,
    SameSite,
    None,
    /// `cross-site`, or anything else.
    Other,
}

impl FetchSite {
    fn of(value: &[u8]) -> Self {
        match value {
            b"same-origin" => Self::SameOrigin,
            b"same-site" => Self::SameSite,
            b"none" => Self::None,
            _ => Self::Other,
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Header<T> {
    Absent,
    One(T),
    Many,
}

/// What `read` makes of the single value of `name`, trimmed; read without copying it.
fn single<T>(req: &impl RequestView, name: &str, mut read: impl FnMut(&[u8]) -> T) -> Header<T> {
    let mut h = Header::Absent;
    req.for_each_header(name, &mut |v| {
        h = match h {
            Header::Absent => Header::One(read(v.trim_ascii())),
            _ => Header::Many,
        };
    });
    h
}

#[cfg(test)]
mod tests {
    use crate::Secure;
    use crate::request::{CrossOriginProtection, HttpRequest};
    use crate::transport::ForwardedHeader;

    fn post(headers: &[(&str, &str)]) -> http::Request<()> {
        let mut b = http::Request::post("/transfer");
        for (n, v) in headers {
            b = b.header(*n, *v);
        }
        b.body(()).unwrap()
    }

    /// The request's own origin is found through the proxy rules: the scheme and host the
    /// trusted proxy names in the headers named for it, and nothing a client adds.
    #[test]
    fn the_own_origin_goes_through_the_proxy_rules() {
        let secure = Secure::builder()
            .trusted_proxies(["10.0.0.1"])
            .forwarded_headers([
                ForwardedHeader::XForwardedProto,
                ForwardedHeader::XForwardedHost,
            ])
            .cross_origin_protection(CrossOriginProtection::new())
            .build()
            .unwrap();
        let proxied = [
            ("host", "internal:8000"),
            ("x-forwarded-proto", "https"),
            ("x-forwarded-host", "app.example"),
        ];
        let status = |origin: &str, peer: [u8; 4]| {
            let mut headers = proxied.to_vec();
            headers.push(("origin", origin));
            let req = post(&headers);
            let view = HttpRequest::new(&req).peer(Some(peer.into()));
            secure
                .inspect(&view)
                .map(|_| ())
                .map_err(|e| e.status().as_u16())
        };
        assert_eq!(status("https://app.example", [10, 0, 0, 1]), Ok(()));
        assert_eq!(status("https://app.example:443", [10, 0, 0, 1]), Ok(()));
        assert_eq!(status("http://app.example", [10, 0, 0, 1]), Err(403));
        assert_eq!(status("http://internal:8000", [10, 0, 0, 1]), Err(403));
        // Not from the proxy: its headers are not read, the own origin is http://internal:8000.
        assert_eq!(status("https://app.example", [192, 0, 2, 1]), Err(403));
        assert_eq!(status("http://internal:8000", [192, 0, 2, 1]), Ok(()));
    }

    /// The `Secure`'s own report paths skip the cross-origin check and resource isolation,
    /// preflight included; a path it does not name does not.
    #[test]
    fn the_secures_own_report_paths_skip_both_checks() {
        let secure = Secure::builder()
            .reporting_endpoints(
                crate::ReportingEndpoints::new()
                    .endpoint("csp", "/r/csp?v=1")
                    .endpoint("elsewhere", "https://collector.example/r/other"),
            )
            .cross_origin_protection(CrossOriginProtection::new().resource_isolation(true))
            .build()
            .unwrap();
        let status = |method: &str, path: &str| {
            let req = http::Request::builder()
                .method(method)
                .uri(path)
                .header("host", "app.example")
                .header("sec-fetch-site", "cross-site")
                .header("sec-fetch-mode", "cors")
                .header("origin", "https://elsewhere.example")
                .body(())
                .unwrap();
            secure
                .inspect(&HttpRequest::new(&req))
                .map(|_| ())
                .map_err(|e| e.status().as_u16())
        };
        assert_eq!(status("POST", "/r/csp"), Ok(()));
        assert_eq!(status("OPTIONS", "/r/csp"), Ok(()));
        assert_eq!(status("POST", "/r/csp/"), Err(403));
        assert_eq!(status("OPTIONS", "/r/other"), Err(403));
    }

    #[test]
    fn bad_options_are_refused_when_built() {
        for (origin, path) in [
            ("app.example", "/a"),
            ("https://a.example/x", "/a"),
            ("https://a.example", "a"),
            ("https://a.example", "/a?b"),
        ] {
            let err = Secure::builder()
                .cross_origin_protection(
                    CrossOriginProtection::new()
                        .trusted_origins([origin])
                        .bypass([path]),
                )
                .build()
                .unwrap_err();
            assert_eq!(err.directive(), Some("cross_origin_protection"));
            assert!(
                err.input() == Some(origin) || err.input() == Some(path),
                "{err}"
            );
        }
    }
}
