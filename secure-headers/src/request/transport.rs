//! The transport settings (also reachable as `secure_headers::transport`): which
//! forwarding headers a trusted proxy sets, when HSTS is sent, the HTTPS redirect, the
//! allowed hosts, and the request extensions ([`PeerAddr`], [`Tls`]) the tower
//! integration reads. The request core decides with them whether a request arrived over
//! a secure connection (directly, or through a trusted reverse proxy), whether its host is
//! allowed, and whether to redirect it to HTTPS: every integration describes its request
//! through [`RequestView`](super::RequestView) and calls
//! [`Secure::inspect`](crate::Secure::inspect).

use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;

use http::StatusCode;

use super::parse::{Given, parse_host};
use super::view::names;
use crate::{Error, ErrorKind};

/// The peer address of a request, for middleware that cannot see the connection: a server
/// or a connection layer inserts it into the request's extensions (axum users can copy it
/// from `ConnectInfo`), and the tower integration reads it.
///
/// ```
/// # #[cfg(feature = "tower")]
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// use secure_headers::transport::{ForwardedHeader, HstsMode, PeerAddr, Tls};
/// use secure_headers::Preset;
/// use tower::{Layer, ServiceExt, service_fn};
///
/// let secure = Preset::Balanced
///     .builder()
///     .trusted_proxies(["10.0.0.0/8"])
///     .forwarded_headers([ForwardedHeader::XForwardedProto])
///     .hsts_mode(HstsMode::SecureOnly)
///     .build()?;
/// let app = secure.layer(service_fn(|_req: http::Request<()>| async {
///     Ok::<_, std::convert::Infallible>(http::Response::new(String::new()))
/// }));
/// let hsts = |req: http::Request<()>| {
///     let app = app.clone();
///     async move { app.oneshot(req).await.unwrap().headers().contains_key("strict-transport-security") }
/// };
/// // Forwarded as HTTPS by a trusted proxy: HSTS.
/// let from_proxy = http::Request::builder()
///     .header("x-forwarded-proto", "https")
///     .extension(PeerAddr([10, 0, 0, 7].into()))
///     .body(())?;
/// assert!(hsts(from_proxy).await);
/// // The same header from anyone else, or with no peer address: not believed.
/// let from_client = http::Request::builder()
///     .header("x-forwarded-proto", "https")
///     .extension(PeerAddr([203, 0, 113, 9].into()))
///     .body(())?;
/// assert!(!hsts(from_client).await);
/// let no_peer = http::Request::builder().header("x-forwarded-proto", "https").body(())?;
/// assert!(!hsts(no_peer).await);
/// // A TLS connection, as the accept loop marks it.
/// let over_tls = http::Request::builder().extension(Tls).body(())?;
/// assert!(hsts(over_tls).await);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # }).unwrap();
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PeerAddr(pub IpAddr);

/// A request extension saying the connection is TLS, inserted by the TLS acceptor (or a
/// layer right after it); the tower integration reads it.
///
/// ```
/// # #[cfg(feature = "tower")]
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// use secure_headers::transport::{ForwardedHeader, HstsMode, PeerAddr, Tls};
/// use secure_headers::Preset;
/// use tower::{Layer, ServiceExt, service_fn};
///
/// let secure = Preset::Balanced
///     .builder()
///     .trusted_proxies(["10.0.0.0/8"])
///     .forwarded_headers([ForwardedHeader::XForwardedProto])
///     .hsts_mode(HstsMode::SecureOnly)
///     .build()?;
/// let app = secure.layer(service_fn(|_req: http::Request<()>| async {
///     Ok::<_, std::convert::Infallible>(http::Response::new(String::new()))
/// }));
/// let hsts = |req: http::Request<()>| {
///     let app = app.clone();
///     async move { app.oneshot(req).await.unwrap().headers().contains_key("strict-transport-security") }
/// };
/// // Forwarded as HTTPS by a trusted proxy: HSTS.
/// let from_proxy = http::Request::builder()
///     .header("x-forwarded-proto", "https")
///     .extension(PeerAddr([10, 0, 0, 7].into()))
///     .body(())?;
/// assert!(hsts(from_proxy).await);
/// // The same header from anyone else, or with no peer address: not believed.
/// let from_client = http::Request::builder()
///     .header("x-forwarded-proto", "https")
///     .extension(PeerAddr([203, 0, 113, 9].into()))
///     .body(())?;
/// assert!(!hsts(from_client).await);
/// let no_peer = http::Request::builder().header("x-forwarded-proto", "https").body(())?;
/// assert!(!hsts(no_peer).await);
/// // A TLS connection, as the accept loop marks it.
/// let over_tls = http::Request::builder().extension(Tls).body(())?;
/// assert!(hsts(over_tls).await);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # }).unwrap();
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Tls;

/// A forwarding header a trusted reverse proxy sets, named with
/// [`SecureBuilder::forwarded_headers`](crate::SecureBuilder::forwarded_headers).
///
/// Only the headers named are read, and only from a trusted proxy: a client can send any
/// of them, and a proxy that does not set one passes the client's through. None is read
/// by default, as Django's `SECURE_PROXY_SSL_HEADER` is unset and `USE_X_FORWARDED_HOST`
/// is off by default.
///
/// The scheme comes from one header (`Forwarded` or `X-Forwarded-Proto`, not both) and
/// the host from one header (`Forwarded` or `X-Forwarded-Host`, not both): naming both
/// sources of one fact is refused at build time, so that a header the proxy does not set
/// never outranks the one it does.
///
/// ```
/// use secure_headers::Secure;
/// use secure_headers::transport::{AllowedHosts, ForwardedHeader};
///
/// // One source of the scheme and one of the host: accepted.
/// let ok = Secure::builder()
///     .trusted_proxies(["10.0.0.0/8"])
///     .forwarded_headers([ForwardedHeader::XForwardedProto, ForwardedHeader::XForwardedHost])
///     .allowed_hosts(AllowedHosts::new(["example.com"]))
///     .build();
/// assert!(ok.is_ok());
/// // Two sources of the scheme: refused, so that a header the proxy does not set can
/// // never outrank the one it does.
/// let two = Secure::builder()
///     .trusted_proxies(["10.0.0.0/8"])
///     .forwarded_headers([ForwardedHeader::Forwarded, ForwardedHeader::XForwardedProto])
///     .build();
/// assert!(two.is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ForwardedHeader {
    /// RFC 7239 `Forwarded`: its `proto=` and `host=` parameters.
    Forwarded,
    /// `X-Forwarded-Proto`: the scheme.
    XForwardedProto,
    /// `X-Forwarded-Host`: the host (and port).
    XForwardedHost,
}

impl ForwardedHeader {
    /// Every forwarding header, in the order of their names in messages.
    pub const ALL: [Self; 3] = [Self::Forwarded, Self::XForwardedProto, Self::XForwardedHost];

    /// The header called `name` (any case, surrounding whitespace ignored), as the
    /// configuration file and the Python package name it; `None` for any other name.
    ///
    /// ```
    /// use secure_headers::transport::ForwardedHeader;
    ///
    /// assert_eq!(ForwardedHeader::from_name(" X-Forwarded-Proto"), Some(ForwardedHeader::XForwardedProto));
    /// assert_eq!(ForwardedHeader::from_name("forwarded"), Some(ForwardedHeader::Forwarded));
    /// assert_eq!(ForwardedHeader::from_name("x-real-ip"), None);
    /// ```
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        let name = name.trim();
        Self::ALL
            .into_iter()
            .find(|h| h.name().eq_ignore_ascii_case(name))
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            Self::Forwarded => names::FORWARDED,
            Self::XForwardedProto => names::X_FORWARDED_PROTO,
            Self::XForwardedHost => names::X_FORWARDED_HOST,
        }
    }
}

/// When to send `Strict-Transport-Security`.
///
/// ```
/// # #[cfg(feature = "tower")]
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// use secure_headers::transport::{ForwardedHeader, HstsMode, PeerAddr, Tls};
/// use secure_headers::Preset;
/// use tower::{Layer, ServiceExt, service_fn};
///
/// let secure = Preset::Balanced
///     .builder()
///     .trusted_proxies(["10.0.0.0/8"])
///     .forwarded_headers([ForwardedHeader::XForwardedProto])
///     .hsts_mode(HstsMode::SecureOnly)
///     .build()?;
/// let app = secure.layer(service_fn(|_req: http::Request<()>| async {
///     Ok::<_, std::convert::Infallible>(http::Response::new(String::new()))
/// }));
/// let hsts = |req: http::Request<()>| {
///     let app = app.clone();
///     async move { app.oneshot(req).await.unwrap().headers().contains_key("strict-transport-security") }
/// };
/// // Forwarded as HTTPS by a trusted proxy: HSTS.
/// let from_proxy = http::Request::builder()
///     .header("x-forwarded-proto", "https")
///     .extension(PeerAddr([10, 0, 0, 7].into()))
///     .body(())?;
/// assert!(hsts(from_proxy).await);
/// // The same header from anyone else, or with no peer address: not believed.
/// let from_client = http::Request::builder()
///     .header("x-forwarded-proto", "https")
///     .extension(PeerAddr([203, 0, 113, 9].into()))
///     .body(())?;
/// assert!(!hsts(from_client).await);
/// let no_peer = http::Request::builder().header("x-forwarded-proto", "https").body(())?;
/// assert!(!hsts(no_peer).await);
/// // A TLS connection, as the accept loop marks it.
/// let over_tls = http::Request::builder().extension(Tls).body(())?;
/// assert!(hsts(over_tls).await);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # }).unwrap();
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HstsMode {
    /// On every response (as Python's `secure` 2.0.1 does, and the default), over plain
    /// HTTP too, although RFC 6797 §7.2 says a server must not send it there (browsers
    /// ignore it there). The `hsts-over-plain-http` lint rule flags this mode when an HTTPS
    /// redirect or trusted proxies show that the application also answers plain HTTP;
    /// choose [`SecureOnly`](Self::SecureOnly) to follow the RFC.
    #[default]
    Always,
    /// Only on responses to requests that are secure: over TLS, or forwarded as HTTPS by a
    /// trusted proxy.
    SecureOnly,
}

/// Redirects plain-HTTP requests to HTTPS (opt-in).
///
/// The redirect never goes to a host nobody checked: it needs either a canonical
/// [`host`](Self::host) or [`AllowedHosts`] (then it goes to the request's host once the
/// check accepted it). Without either, [`build`](crate::SecureBuilder::build) fails: copying
/// `Host` into a cacheable redirect would let a client send other users to any host.
///
/// ```
/// use secure_headers::transport::HttpsRedirect;
/// use secure_headers::http::StatusCode;
///
/// let redirect = HttpsRedirect::new().status(StatusCode::MOVED_PERMANENTLY).host("www.example.com");
/// # drop(redirect);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct HttpsRedirect {
    pub(super) status: StatusCode,
    pub(super) host: Option<String>,
    pub(super) port: Option<u16>,
}

impl Default for HttpsRedirect {
    fn default() -> Self {
        Self::new()
    }
}

impl HttpsRedirect {
    /// `308 Permanent Redirect` to the same host (which [`AllowedHosts`] must check) on the
    /// default HTTPS port.
    pub fn new() -> Self {
        Self {
            status: StatusCode::PERMANENT_REDIRECT,
            host: None,
            port: None,
        }
    }

    /// The redirect status: 301, 302, 307 or 308 (others are refused at build time).
    pub fn status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    /// Redirect to this host (name or IP literal, without port) instead of the request's.
    pub fn host(mut self, host: impl Into<String>) -> Self {
        self.host = Some(host.into());
        self
    }

    /// The HTTPS port, when not 443.
    pub fn port(mut self, port: u16) -> Self {
        self.port = Some(port);
        self
    }

    pub(crate) fn check(&self) -> Result<(), Error> {
        if ![301, 302, 307, 308].contains(&self.status.as_u16()) {
            return Err(Error::new(ErrorKind::InvalidValue)
                .with_directive("https_redirect")
                .with_input(self.status.as_str())
                .with_detail("a redirect status is 301, 302, 307 or 308"));
        }
        if let Some(h) = &self.host
            && parse_host(h.as_bytes()).is_none_or(|(_, port)| port.is_some())
        {
            return Err(Error::new(ErrorKind::InvalidValue)
                .with_directive("https_redirect")
                .with_input(h.as_str())
                .with_detail("expected a host name or IP literal, without port"));
        }
        Ok(())
    }
}

type HostPredicate = dyn Fn(&str) -> bool + Send + Sync;

/// The hosts a request may name (opt-in); others are refused, with `400` by default.
///
/// Patterns are exact names (`example.com`), subdomain wildcards (`*.example.com`, which
/// does not match `example.com` itself), each optionally with a port (`example.com:8443`;
/// without one, any port matches). Matching is case-insensitive and ignores a trailing dot.
///
/// ```
/// use secure_headers::transport::AllowedHosts;
///
/// let hosts = AllowedHosts::new(["example.com", "*.example.com", "localhost:8080"]);
/// # drop(hosts);
/// ```
#[derive(Clone)]
#[must_use]
pub struct AllowedHosts {
    patterns: Vec<Given<HostPattern>>,
    predicate: Option<Arc<HostPredicate>>,
    pub(super) status: StatusCode,
}

impl fmt::Debug for AllowedHosts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AllowedHosts")
            .field("patterns", &self.patterns)
            .field("predicate", &self.predicate.is_some())
            .field("status", &self.status)
            .finish()
    }
}

impl PartialEq for AllowedHosts {
    fn eq(&self, other: &Self) -> bool {
        self.patterns == other.patterns
            && self.status == other.status
            && match (&self.predicate, &other.predicate) {
                (None, None) => true,
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                _ => false,
            }
    }
}

impl Eq for AllowedHosts {}

impl AllowedHosts {
    /// These patterns.
    pub fn new<I>(patterns: I) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        Self {
            patterns: patterns
                .into_iter()
                .map(|p| Given::new(p.as_ref().trim().to_ascii_lowercase(), HostPattern::parse))
                .collect(),
            predicate: None,
            status: StatusCode::BAD_REQUEST,
        }
    }

    /// Also allow hosts for which `predicate` (given the lowercase host without port and
    /// trailing dot) returns true.
    pub fn or(mut self, predicate: impl Fn(&str) -> bool + Send + Sync + 'static) -> Self {
        self.predicate = Some(Arc::new(predicate));
        self
    }

    /// The status of the refusal (default `400 Bad Request`).
    pub fn status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    pub(crate) fn check(&self) -> Result<(), Error> {
        match Given::first_bad(&self.patterns) {
            Some(p) => Err(Error::new(ErrorKind::InvalidValue)
                .with_directive("allowed_hosts")
                .with_input(p)
                .with_detail("expected host, *.host, or either with :port")),
            None => Ok(()),
        }
    }

    pub(super) fn allows(&self, host: &str, port: Option<u16>) -> bool {
        Given::parsed(&self.patterns).any(|p| p.matches(host, port))
            || self.predicate.as_ref().is_some_and(|f| f(host))
    }
}

/// One pattern of [`AllowedHosts`], parsed when it is given rather than for every request.
#[derive(Clone, Debug)]
struct HostPattern {
    /// `*.host`: any subdomain of `host`, not `host` itself.
    subdomains: bool,
    host: String,
    port: Option<u16>,
}

impl HostPattern {
    fn parse(pattern: &str) -> Option<Self> {
        let bare = pattern.strip_prefix("*.");
        let (host, port) = parse_host(bare.unwrap_or(pattern).as_bytes())?;
        Some(Self {
            subdomains: bare.is_some(),
            host,
            port,
        })
    }

    fn matches(&self, host: &str, port: Option<u16>) -> bool {
        if self.port.is_some() && self.port != port {
            return false;
        }
        if self.subdomains {
            host.len() > self.host.len() + 1
                && host.ends_with(&self.host)
                && host.as_bytes()[host.len() - self.host.len() - 1] == b'.'
        } else {
            host == self.host
        }
    }
}

/// OWASP Secure Headers Project's list of response headers to remove where possible
/// (`headers_remove.json`): they leak the software, versions or internals.
pub const OWASP_REMOVE_HEADERS: &[&str] = &[
    "$wsep",
    "Host-Header",
    "K-Proxy-Request",
    "Liferay-Portal",
    "OracleCommerceCloud-Version",
    "Pega-Host",
    "Powered-By",
    "Product",
    "Server",
    "SourceMap",
    "X-AspNet-Version",
    "X-AspNetMvc-Version",
    "X-Atmosphere-error",
    "X-Atmosphere-first-request",
    "X-Atmosphere-tracking-id",
    "X-B3-ParentSpanId",
    "X-B3-Sampled",
    "X-B3-SpanId",
    "X-B3-TraceId",
    "X-BEServer",
    "X-Backside-Transport",
    "X-CF-Powered-By",
    "X-CMS",
    "X-CalculatedBETarget",
    "X-Cocoon-Version",
    "X-Content-Encoded-By",
    "X-Datadog-Origin",
    "X-Datadog-Parent-Id",
    "X-Datadog-Sampling-Priority",
    "X-Datadog-Tags",
    "X-Datadog-Trace-Id",
    "X-DiagInfo",
    "X-Envoy-Attempt-Count",
    "X-Envoy-External-Address",
    "X-Envoy-Internal",
    "X-Envoy-Original-Dst-Host",
    "X-Envoy-Upstream-Service-Time",
    "X-FEServer",
    "X-Framework",
    "X-Generated-By",
    "X-Generator",
    "X-Gitlab-Meta",
    "X-Jitsi-Release",
    "X-Joomla-Version",
    "X-Kong-Admin-Latency",
    "X-Kong-Client-Latency",
    "X-Kong-Proxy-Latency",
    "X-Kong-Request-Id",
    "X-Kong-Response-Latency",
    "X-Kong-Third-Party-Latency",
    "X-Kong-Total-Latency",
    "X-Kong-Upstream-Latency",
    "X-Kong-Upstream-Status",
    "X-Kubernetes-PF-FlowSchema-UI",
    "X-Kubernetes-PF-PriorityLevel-UID",
    "X-LiteSpeed-Cache",
    "X-LiteSpeed-Purge",
    "X-LiteSpeed-Tag",
    "X-LiteSpeed-Vary",
    "X-Litespeed-Cache-Control",
    "X-Mod-Pagespeed",
    "X-Nextjs-Cache",
    "X-Nextjs-Matched-Path",
    "X-Nextjs-Page",
    "X-Nextjs-Redirect",
    "X-OWA-Version",
    "X-Old-Content-Length",
    "X-OneAgent-JS-Injection",
    "X-Page-Speed",
    "X-Php-Version",
    "X-Powered-By",
    "X-Powered-By-Plesk",
    "X-Powered-CMS",
    "X-Redirect-By",
    "X-Server-Powered-By",
    "X-SourceFiles",
    "X-SourceMap",
    "X-Turbo-Charged-By",
    "X-Tyk-Trace-Id",
    "X-Umbraco-Version",
    "X-Varnish-Backend",
    "X-Varnish-Server",
    "X-Woodpecker-Version",
    "X-dtAgentId",
    "X-dtHealthCheck",
    "X-dtInjectedServlet",
    "X-ruxit-JS-Agent",
];
