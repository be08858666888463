//! The transport settings, and the decisions the request core takes with them: whether a
//! request arrived over a secure connection (directly, or through a trusted reverse
//! proxy), whether its host is allowed, and whether to redirect it to HTTPS. Every
//! integration describes its request through [`RequestView`]
//! and calls [`Secure::inspect`](crate::Secure::inspect), which decides with these.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;
use std::sync::Arc;

use http::StatusCode;

use crate::request::RequestView;
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

/// One trusted proxy address or CIDR range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Cidr {
    addr: IpAddr,
    prefix: u8,
}

impl Cidr {
    fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr, canonical(ip)) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) as the IPv4 address it is.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        IpAddr::V4(_) => ip,
    }
}

impl FromStr for Cidr {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let bad = || {
            Error::new(ErrorKind::InvalidValue)
                .with_directive("trusted_proxies")
                .with_input(s)
                .with_detail("expected an IP address or a CIDR range such as 10.0.0.0/8")
        };
        let (addr, prefix) = match s.trim().split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s.trim(), None),
        };
        let addr = canonical(addr.parse::<IpAddr>().map_err(|_| bad())?);
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p.parse::<u8>().ok().filter(|p| *p <= max).ok_or_else(bad)?,
            None => max,
        };
        Ok(Self { addr, prefix })
    }
}

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
    fn name(self) -> &'static str {
        match self {
            Self::Forwarded => "forwarded",
            Self::XForwardedProto => "x-forwarded-proto",
            Self::XForwardedHost => "x-forwarded-host",
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
    status: StatusCode,
    host: Option<String>,
    port: Option<u16>,
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
    patterns: Vec<String>,
    predicate: Option<Arc<HostPredicate>>,
    status: StatusCode,
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
                .map(|p| p.as_ref().trim().to_ascii_lowercase())
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
        for p in &self.patterns {
            let bare = p.strip_prefix("*.").unwrap_or(p);
            if parse_host(bare.as_bytes()).is_none() {
                return Err(Error::new(ErrorKind::InvalidValue)
                    .with_directive("allowed_hosts")
                    .with_input(p.as_str())
                    .with_detail("expected host, *.host, or either with :port"));
            }
        }
        Ok(())
    }

    fn allows(&self, host: &str, port: Option<u16>) -> bool {
        self.patterns.iter().any(|p| {
            let (pattern, pattern_port) =
                match parse_host(p.strip_prefix("*.").unwrap_or(p).as_bytes()) {
                    Some(x) => x,
                    None => return false,
                };
            if pattern_port.is_some() && pattern_port != port {
                return false;
            }
            if p.starts_with("*.") {
                host.len() > pattern.len() + 1
                    && host.ends_with(&pattern)
                    && host.as_bytes()[host.len() - pattern.len() - 1] == b'.'
            } else {
                host == pattern
            }
        }) || self.predicate.as_ref().is_some_and(|f| f(host))
    }
}

/// Parses a `Host` value: a reg-name or IP literal, optional port. Returns the lowercase
/// host without a trailing dot, and the port. `None` if malformed or oversized.
fn parse_host(raw: &[u8]) -> Option<(String, Option<u16>)> {
    if raw.is_empty() || raw.len() > 261 {
        return None;
    }
    let s = std::str::from_utf8(raw).ok()?;
    let (host, port) = if let Some(rest) = s.strip_prefix('[') {
        let (v6, after) = rest.split_once(']')?;
        v6.parse::<std::net::Ipv6Addr>().ok()?;
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':')?),
        };
        (format!("[{}]", v6.to_ascii_lowercase()), port)
    } else {
        let (h, port) = match s.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (s, None),
        };
        let h = h.strip_suffix('.').unwrap_or(h);
        let ok = !h.is_empty()
            && h.len() <= 253
            && h.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            });
        if !ok {
            return None;
        }
        (h.to_ascii_lowercase(), port)
    };
    let port = match port {
        None => None,
        Some(p) if !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) => {
            Some(p.parse::<u16>().ok()?)
        }
        Some(_) => return None,
    };
    Some((host, port))
}

/// The transport settings of a [`SecureBuilder`](crate::SecureBuilder): trusted proxies,
/// HSTS mode, development mode, HTTPS redirect, allowed hosts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Transport {
    trusted: Vec<Cidr>,
    trusted_error: Option<Error>,
    pub(crate) forwarded: Vec<ForwardedHeader>,
    pub(crate) hops: Option<usize>,
    pub(crate) hsts: HstsMode,
    pub(crate) development: bool,
    pub(crate) redirect: Option<HttpsRedirect>,
    pub(crate) hosts: Option<AllowedHosts>,
    pub(crate) cross_origin: Option<crate::request::CrossOriginProtection>,
    /// Set at the first request that reached a configuration with trusted proxies without a
    /// peer address, when that is said (once).
    no_peer: NoPeerSeen,
}

/// Whether a request without a peer address reached a configuration that trusts proxies:
/// shared by the clones of one configuration, and no part of its identity.
#[derive(Clone, Debug, Default)]
struct NoPeerSeen(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl PartialEq for NoPeerSeen {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for NoPeerSeen {}

/// What the transport rules decided for a request, for [`Secure::inspect`](crate::Secure::inspect).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Call the handler; `secure` says whether the request is secure.
    Proceed {
        /// Over TLS, or forwarded as HTTPS by a trusted proxy.
        secure: bool,
    },
    /// Answer with this redirect (no body) instead of calling the handler.
    Redirect {
        /// 301, 302, 307 or 308.
        status: StatusCode,
        /// The HTTPS URL.
        location: http::HeaderValue,
    },
    /// Refuse the request with this status (no body): its host is not allowed or malformed.
    Reject {
        /// `400` unless configured otherwise.
        status: StatusCode,
    },
}

impl Transport {
    pub(crate) fn add_trusted(&mut self, proxies: impl IntoIterator<Item = String>) {
        for p in proxies {
            match p.parse::<Cidr>() {
                Ok(c) => self.trusted.push(c),
                Err(e) => {
                    self.trusted_error.get_or_insert(e);
                }
            }
        }
    }

    pub(crate) fn check(&self) -> Result<(), Error> {
        if let Some(e) = &self.trusted_error {
            return Err(e.clone());
        }
        self.check_forwarded()?;
        if let Some(r) = &self.redirect {
            r.check()?;
            if r.host.is_none() && self.hosts.is_none() {
                return Err(Error::new(ErrorKind::Conflict)
                    .with_directive("https_redirect")
                    .with_detail(
                        "a redirect to the request's own host needs allowed_hosts to check that host; \
                         set allowed_hosts, or a canonical host with HttpsRedirect::host",
                    ));
            }
        }
        if let Some(h) = &self.hosts {
            h.check()?;
        }
        if let Some(c) = &self.cross_origin {
            c.check()?;
        }
        Ok(())
    }

    fn check_forwarded(&self) -> Result<(), Error> {
        use ForwardedHeader::{Forwarded, XForwardedHost, XForwardedProto};
        let named = |h| self.forwarded.contains(&h);
        let conflict = |a: ForwardedHeader, b: ForwardedHeader, fact: &str| {
            Error::new(ErrorKind::Conflict)
                .with_directive("forwarded_headers")
                .with_input(format!("{}, {}", a.name(), b.name()))
                .with_detail(format!(
                    "both carry the {fact}; name the one header your proxy sets"
                ))
        };
        if named(Forwarded) && named(XForwardedProto) {
            return Err(conflict(Forwarded, XForwardedProto, "scheme"));
        }
        if named(Forwarded) && named(XForwardedHost) {
            return Err(conflict(Forwarded, XForwardedHost, "host"));
        }
        if self.hops == Some(0) {
            return Err(Error::new(ErrorKind::InvalidValue)
                .with_directive("trusted_hops")
                .with_input("0")
                .with_detail(
                    "the number of trusted proxies in front of the application, at least 1",
                ));
        }
        if !self.forwarded.is_empty() && self.trusted.is_empty() {
            return Err(Error::new(ErrorKind::Conflict)
                .with_directive("forwarded_headers")
                .with_detail(
                    "forwarded headers are only read from trusted proxies; set trusted_proxies",
                ));
        }
        if self.forwarded.is_empty() && !self.trusted.is_empty() {
            return Err(Error::new(ErrorKind::Conflict)
                .with_directive("trusted_proxies")
                .with_detail(
                    "no forwarding header is read from them; name the headers your proxy sets with forwarded_headers",
                ));
        }
        Ok(())
    }

    /// Whether the configuration shows that the application also answers plain HTTP: it
    /// redirects to HTTPS, or trusts proxies that may forward plain HTTP.
    #[cfg(feature = "lint")]
    pub(crate) fn answers_plain_http(&self) -> bool {
        self.redirect.is_some() || !self.trusted.is_empty()
    }

    /// Whether anything here needs to look at requests at all.
    pub(crate) fn inspects(&self) -> bool {
        !self.development && (self.redirect.is_some() || self.hosts.is_some())
            || self.hsts == HstsMode::SecureOnly
            || self.cross_origin.is_some()
    }

    /// The value a trusted proxy set in `header`: the one `hops` from the right (1 by
    /// default, the value the closest proxy set), across all its lines. `None` when the
    /// header is not named, the peer is not a trusted proxy, or there are fewer values.
    fn forwarded_value(&self, req: &impl RequestView, header: ForwardedHeader) -> Option<Vec<u8>> {
        if !self.forwarded.contains(&header) || !self.trusted_peer(req) {
            return None;
        }
        let hops = self.hops.unwrap_or(1);
        let mut elements = Vec::new();
        req.for_each_header(header.name(), &mut |v| elements.extend(split_list(v)));
        let at = elements.len().checked_sub(hops)?;
        Some(elements.swap_remove(at))
    }

    fn trusted_peer(&self, req: &impl RequestView) -> bool {
        match req.peer_addr() {
            Some(ip) => self.trusted.iter().any(|c| c.contains(ip)),
            None => {
                if !self.trusted.is_empty() {
                    self.no_peer_address();
                }
                false
            }
        }
    }

    /// Trusted proxies are configured but the integration saw no peer address (for tower,
    /// no `PeerAddr` or `SocketAddr` in the request's extensions): no proxy can be trusted,
    /// so every forwarding header is ignored. Said once per configuration, at the first
    /// such request.
    #[cold]
    fn no_peer_address(&self) {
        use std::sync::atomic::Ordering;
        if !self.no_peer.0.swap(true, Ordering::Relaxed) {
            #[cfg(feature = "tracing")]
            tracing::warn!(
                target: "secure_headers",
                "trusted proxies are configured but this request has no peer address, so no \
                 proxy is trusted and forwarding headers are ignored; give the integration the \
                 connection's address (tower: a `PeerAddr` or `SocketAddr` request extension, \
                 e.g. from axum's `ConnectInfo`, added before the `Secure` layer runs)"
            );
        }
    }

    /// Whether a request without a peer address reached this configuration's proxy rules.
    #[cfg(test)]
    pub(crate) fn saw_no_peer(&self) -> bool {
        self.no_peer.0.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Whether the request is secure: TLS, or `https` forwarded by a trusted proxy in the
    /// one header named for the scheme ([`ForwardedHeader`]), the value `hops` from the
    /// right. Malformed values count as not secure.
    pub(crate) fn is_secure(&self, req: &impl RequestView) -> bool {
        // The URI's scheme is not evidence: on a plain-text connection the client chose it
        // (`GET https://... HTTP/1.1`, or HTTP/2's `:scheme`).
        if req.is_tls() {
            return true;
        }
        let proto = self
            .forwarded_value(req, ForwardedHeader::Forwarded)
            .and_then(|e| forwarded_param(&e, "proto"))
            .or_else(|| self.forwarded_value(req, ForwardedHeader::XForwardedProto));
        proto.is_some_and(|p| p.eq_ignore_ascii_case(b"https"))
    }

    /// The request's host: the one header named for it ([`ForwardedHeader`]) from a
    /// trusted proxy, else the host the application sees, which is the single `Host`
    /// header. A request target in absolute form (or HTTP/2's `:authority`) must name the
    /// same host and port as `Host`, or stand alone when there is no `Host`: a client that
    /// writes `GET http://allowed.example/` with `Host: evil.example` gets no host at all,
    /// so the check refuses it. `None` when missing, repeated, malformed or disagreeing.
    pub(crate) fn host(&self, req: &impl RequestView) -> Option<(String, Option<u16>)> {
        let target = match req.uri_authority() {
            Some(a) => Some(parse_host(a.rsplit('@').next()?.as_bytes())?),
            None => None,
        };
        let mut values = Vec::with_capacity(1);
        req.for_each_header("host", &mut |v| values.push(v.to_vec()));
        let header = match values.as_slice() {
            [] => None,
            [one] => Some(parse_host(one)?),
            _ => return None,
        };
        let own = match (target, header) {
            (Some(t), Some(h)) if t == h => Some(h),
            (Some(_), Some(_)) => return None,
            (t, h) => t.or(h),
        };
        if let Some(e) = self.forwarded_value(req, ForwardedHeader::Forwarded)
            && let Some(h) = forwarded_param(&e, "host")
        {
            return parse_host(&h);
        }
        if let Some(h) = self.forwarded_value(req, ForwardedHeader::XForwardedHost) {
            return parse_host(&h);
        }
        own
    }

    /// The request's own origin, `(https?, host, port)` with the port made explicit: the
    /// scheme as [`is_secure`](Self::is_secure) finds it, the host as
    /// [`host`](Self::host) does.
    pub(crate) fn own_origin(&self, req: &impl RequestView) -> Option<(bool, String, u16)> {
        let secure = self.is_secure(req);
        let (host, port) = self.host(req)?;
        Some((secure, host, port.unwrap_or(if secure { 443 } else { 80 })))
    }

    pub(crate) fn decide(&self, req: &impl RequestView) -> Verdict {
        let secure = self.is_secure(req);
        if self.development {
            return Verdict::Proceed { secure };
        }
        let host = if self.hosts.is_some() || (self.redirect.is_some() && !secure) {
            self.host(req)
        } else {
            None
        };
        if let Some(allowed) = &self.hosts {
            let ok = host.as_ref().is_some_and(|(h, p)| allowed.allows(h, *p));
            if !ok {
                return Verdict::Reject {
                    status: allowed.status,
                };
            }
        }
        if let (Some(redirect), false) = (&self.redirect, secure) {
            if crate::request::opens_tunnel(req) {
                // A tunnel cannot follow a redirect: refuse to open it over plain HTTP.
                return Verdict::Reject {
                    status: StatusCode::BAD_REQUEST,
                };
            }
            let target = match (&redirect.host, &host) {
                (Some(h), _) => h.to_ascii_lowercase(),
                (None, Some((h, _))) => h.clone(),
                (None, None) => {
                    return Verdict::Reject {
                        status: StatusCode::BAD_REQUEST,
                    };
                }
            };
            let mut location = format!("https://{target}");
            if let Some(port) = redirect.port.filter(|p| *p != 443) {
                location.push_str(&format!(":{port}"));
            }
            let path = req.path_and_query();
            let path = if path.starts_with('/') { path } else { "/" };
            // A target a framework passes through unchecked can hold controls, spaces or
            // non-ASCII: sent percent-encoded, as a browser would request it.
            location.extend(percent_encoding::utf8_percent_encode(
                path,
                LOCATION_ESCAPED,
            ));
            return match http::HeaderValue::from_str(&location) {
                Ok(location) => Verdict::Redirect {
                    status: redirect.status,
                    location,
                },
                Err(_) => Verdict::Reject {
                    status: StatusCode::BAD_REQUEST,
                },
            };
        }
        Verdict::Proceed { secure }
    }
}

/// What the path and query of a redirect's `Location` carry percent-encoded: controls,
/// space and DEL (non-ASCII always is).
const LOCATION_ESCAPED: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS.add(b' ');

/// The elements of one comma-separated header line, trimmed; commas inside a quoted
/// string do not split.
fn split_list(value: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    let mut escaped = false;
    for (i, &b) in value.iter().enumerate() {
        match b {
            _ if escaped => escaped = false,
            b'\\' if quoted => escaped = true,
            b'"' => quoted = !quoted,
            b',' if !quoted => {
                out.push(value[start..i].trim_ascii().to_vec());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(value[start..].trim_ascii().to_vec());
    out
}

/// The value of `param` in one `Forwarded` element (`for=...;proto=https;host=...`),
/// unquoted. `None` if absent, or if any pair of the element is malformed (then the
/// element is ignored whole).
fn forwarded_param(element: &[u8], param: &str) -> Option<Vec<u8>> {
    let element = std::str::from_utf8(element).ok()?;
    let mut found = None;
    for pair in element.split(';') {
        let (k, v) = pair.split_once('=')?;
        let v = v.trim();
        let v = match v.strip_prefix('"') {
            Some(rest) => rest.strip_suffix('"')?,
            None => v,
        };
        if v.is_empty() || k.trim().is_empty() {
            return None;
        }
        if found.is_none() && k.trim().eq_ignore_ascii_case(param) {
            found = Some(v.as_bytes().to_vec());
        }
    }
    found
}

/// Parses an `Origin` value (`https://example.com:8443`) into `(https?, host, port)` with
/// the port made explicit. `None` for `null`, another scheme, a path, or a bad host.
pub(crate) fn parse_origin(raw: &[u8]) -> Option<(bool, String, u16)> {
    let s = std::str::from_utf8(raw).ok()?.trim();
    let (secure, rest) = if let Some(r) = strip_prefix_ci(s, "https://") {
        (true, r)
    } else {
        (false, strip_prefix_ci(s, "http://")?)
    };
    let (host, port) = parse_host(rest.as_bytes())?;
    Some((secure, host, port.unwrap_or(if secure { 443 } else { 80 })))
}

/// `s` without `prefix` (ASCII case ignored), if it starts with it. Never slices inside a
/// character: `s` is what a client sent.
fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    s.get(..prefix.len())
        .filter(|head| head.eq_ignore_ascii_case(prefix))
        .and_then(|_| s.get(prefix.len()..))
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
