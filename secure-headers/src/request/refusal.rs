//! Why a request is refused, and the one place a refusal is logged.

use std::fmt;

use super::view::RequestView;

/// Why the request core refused a request: the reason an [`EarlyResponse`] carries, sent
/// as its body (one line of plain text, the same in every framework, with nothing of the
/// request in it) and logged once with the request's method and path.
///
/// ```
/// use secure_headers::Secure;
/// use secure_headers::http::Request;
/// use secure_headers::request::{HttpRequest, Refusal};
/// use secure_headers::transport::AllowedHosts;
///
/// let secure = Secure::with_default_headers()
///     .derive(|b| b.allowed_hosts(AllowedHosts::new(["example.com"])))?;
/// let req = Request::get("/").header("host", "evil.example").body(()).unwrap();
/// let early = secure.inspect(&HttpRequest::new(&req)).unwrap_err();
/// assert_eq!(early.refusal(), Some(Refusal::HostNotAllowed));
/// assert_eq!(early.body(), "refused: the request's host is not allowed\n");
/// # Ok::<(), secure_headers::Error>(())
/// ```
///
/// [`EarlyResponse`]: crate::EarlyResponse
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Refusal {
    /// The request's host is missing, malformed or not among the
    /// [allowed hosts](crate::SecureBuilder::allowed_hosts).
    HostNotAllowed,
    /// A plain-HTTP `CONNECT` where HTTPS is required: a tunnel cannot follow a redirect.
    TunnelOverPlainHttp,
    /// A plain-HTTP request to redirect to HTTPS, with no host to redirect it to (or a
    /// target no `Location` can carry).
    NoRedirectTarget,
    /// A cross-origin state-changing request
    /// ([`CrossOriginProtection`](crate::request::CrossOriginProtection)).
    CrossOrigin,
    /// A state-changing request with neither `Sec-Fetch-Site` nor `Origin`, under
    /// [`refuse_without_headers`](crate::request::CrossOriginProtection::refuse_without_headers).
    NoFetchMetadata,
    /// A cross-site request that is not a navigation, under the
    /// [resource isolation policy](crate::request::CrossOriginProtection::resource_isolation).
    ResourceIsolation,
}

impl Refusal {
    /// The reason, in a few words.
    #[must_use]
    pub fn reason(self) -> &'static str {
        match self {
            Self::HostNotAllowed => "the request's host is not allowed",
            Self::TunnelOverPlainHttp => "a tunnel (CONNECT) must use HTTPS",
            Self::NoRedirectTarget => "HTTPS is required and there is no host to redirect to",
            Self::CrossOrigin => "cross-origin request",
            Self::NoFetchMetadata => "neither Sec-Fetch-Site nor Origin",
            Self::ResourceIsolation => {
                "cross-site request that is not a navigation (resource isolation)"
            }
        }
    }

    /// The body of the refusal: `refused: ` and the [reason](Self::reason), one line.
    #[must_use]
    pub fn body(self) -> &'static str {
        match self {
            Self::HostNotAllowed => "refused: the request's host is not allowed\n",
            Self::TunnelOverPlainHttp => "refused: a tunnel (CONNECT) must use HTTPS\n",
            Self::NoRedirectTarget => {
                "refused: HTTPS is required and there is no host to redirect to\n"
            }
            Self::CrossOrigin => "refused: cross-origin request\n",
            Self::NoFetchMetadata => "refused: neither Sec-Fetch-Site nor Origin\n",
            Self::ResourceIsolation => {
                "refused: cross-site request that is not a navigation (resource isolation)\n"
            }
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.reason())
    }
}

/// Logs a refusal once, at `warn`, with the request's method and path (escaped: a client's
/// control characters cannot forge a log line), through `tracing` with that feature, else
/// the `log` facade. `passed` is a report-only refusal, logged but not enforced.
#[cold]
#[inline(never)]
pub(crate) fn log(request: &impl RequestView, refusal: Refusal, passed: bool) {
    log_parts(request.method(), request.path_and_query(), refusal, passed);
}

/// A refusal noted, to be logged (as [`log`] does) once it is known to answer: warp tries
/// a route's checks before it knows whether the route matches.
#[cfg(feature = "warp")]
#[derive(Clone, Debug)]
pub(crate) struct Pending {
    method: String,
    path: String,
    refusal: Refusal,
    passed: bool,
}

#[cfg(feature = "warp")]
impl Pending {
    #[cold]
    pub(crate) fn new(request: &impl RequestView, refusal: Refusal, passed: bool) -> Self {
        Self {
            method: request.method().to_owned(),
            path: request.path_and_query().to_owned(),
            refusal,
            passed,
        }
    }

    /// Logs it, as [`log`] does.
    pub(crate) fn log(&self) {
        log_parts(&self.method, &self.path, self.refusal, self.passed);
    }
}

#[cold]
#[inline(never)]
fn log_parts(method: &str, path: &str, refusal: Refusal, passed: bool) {
    let method = method.escape_debug();
    let path = path.escape_debug();
    let verb = if passed { "would refuse" } else { "refused" };
    #[cfg(feature = "tracing")]
    tracing::warn!(
        target: "secure_headers",
        "{verb} {method} {path}: {}",
        refusal.reason()
    );
    #[cfg(not(feature = "tracing"))]
    log::warn!(
        target: "secure_headers",
        "{verb} {method} {path}: {}",
        refusal.reason()
    );
}

#[cfg(test)]
mod tests {
    use super::Refusal;

    #[test]
    fn the_body_is_the_reason_on_one_line() {
        for r in [
            Refusal::HostNotAllowed,
            Refusal::TunnelOverPlainHttp,
            Refusal::NoRedirectTarget,
            Refusal::CrossOrigin,
            Refusal::NoFetchMetadata,
            Refusal::ResourceIsolation,
        ] {
            assert_eq!(r.body(), format!("refused: {}\n", r.reason()));
        }
    }
}
