//! [`RequestView`]: what an integration tells the request core about its request, and
//! two views to use: [`HttpRequest`] and [`RawRequest`].

use std::net::IpAddr;

/// What an integration tells the request core about a request.
///
/// Implemented for [`HttpRequest`], a view of an `http::Request` plus the connection facts
/// the framework knows, and for [`RawRequest`], a request given as plain parts; framework
/// adapters with other types implement it themselves.
///
/// ```
/// use std::net::IpAddr;
/// use secure_headers::Secure;
/// use secure_headers::request::RequestView;
/// use secure_headers::transport::AllowedHosts;
///
/// /// A framework's own request type, described to the request core.
/// struct MyRequest {
///     method: String,
///     path: String,
///     host: String,
/// }
///
/// impl RequestView for MyRequest {
///     fn method(&self) -> &str { &self.method }
///     fn path_and_query(&self) -> &str { &self.path }
///     fn for_each_header(&self, name: &str, f: &mut dyn FnMut(&[u8])) {
///         if name == "host" {
///             f(self.host.as_bytes());
///         }
///     }
///     fn peer_addr(&self) -> Option<IpAddr> { None }
///     fn is_tls(&self) -> bool { false }
/// }
///
/// let secure = Secure::with_default_headers()
///     .derive(|b| b.allowed_hosts(AllowedHosts::new(["example.com"])))?;
/// let ok = MyRequest { method: "GET".into(), path: "/".into(), host: "example.com".into() };
/// assert!(secure.inspect(&ok).is_ok());
/// let bad = MyRequest { host: "evil.example".into(), ..ok };
/// assert_eq!(secure.inspect(&bad).unwrap_err().status(), 400);
/// # Ok::<(), secure_headers::Error>(())
/// ```
pub trait RequestView {
    /// The method, as received (`GET`, `CONNECT`, ...).
    fn method(&self) -> &str;
    /// The URI's scheme when the request target was in absolute form (or HTTP/2's
    /// `:scheme`), else `None`. The default, `None`, suits a framework that gives only
    /// the path and query of the target.
    fn uri_scheme(&self) -> Option<&str> {
        None
    }
    /// The URI's authority when the request target was in absolute form (or HTTP/2's
    /// `:authority`), else `None` (the default, as for [`uri_scheme`](Self::uri_scheme)):
    /// the host is then read from the `Host` header.
    fn uri_authority(&self) -> Option<&str> {
        None
    }
    /// The path and query, as received (`/a?b=c`).
    fn path_and_query(&self) -> &str;
    /// Calls `f` with every value of the header `name` (lowercase), in order.
    fn for_each_header(&self, name: &str, f: &mut dyn FnMut(&[u8]));
    /// The address of the peer that opened the connection (the proxy, behind one).
    fn peer_addr(&self) -> Option<IpAddr>;
    /// Whether the connection itself is TLS.
    fn is_tls(&self) -> bool;
}

/// The path and query of `uri`, as an `http`-based view gives them (`/` when it has none).
pub(crate) fn path_and_query(uri: &http::Uri) -> &str {
    uri.path_and_query().map_or("/", |p| p.as_str())
}

/// Whether `request` opens a tunnel (its method is `CONNECT`): the one test behind both the
/// tunnel flag of a [`RequestContext`](crate::RequestContext) (whose successful response
/// is left alone) and the refusal to redirect a tunnel (it cannot follow a redirect).
#[inline]
pub(crate) fn opens_tunnel(request: &(impl RequestView + ?Sized)) -> bool {
    request.method() == "CONNECT"
}

/// The request headers the request core reads, by the names it asks for them with.
pub(crate) mod names {
    /// `Host`.
    pub(crate) const HOST: &str = "host";
    /// `Origin`.
    pub(crate) const ORIGIN: &str = "origin";
    /// `Forwarded`.
    pub(crate) const FORWARDED: &str = "forwarded";
    /// `X-Forwarded-Proto`.
    pub(crate) const X_FORWARDED_PROTO: &str = "x-forwarded-proto";
    /// `X-Forwarded-Host`.
    pub(crate) const X_FORWARDED_HOST: &str = "x-forwarded-host";
    /// `Sec-Fetch-Site`.
    pub(crate) const SEC_FETCH_SITE: &str = "sec-fetch-site";
    /// `Sec-Fetch-Mode`.
    pub(crate) const SEC_FETCH_MODE: &str = "sec-fetch-mode";
    /// `Sec-Fetch-Dest`.
    pub(crate) const SEC_FETCH_DEST: &str = "sec-fetch-dest";
}

/// The `http` name of one of the [`names`] the core reads, built once: a lookup by a
/// `&str` has `http` check and lowercase the name first, on every call (about 85
/// instructions).
fn prebuilt(name: &str) -> Option<&'static http::HeaderName> {
    use http::HeaderName;
    static FORWARDED: HeaderName = http::header::FORWARDED;
    static HOST: HeaderName = http::header::HOST;
    static ORIGIN: HeaderName = http::header::ORIGIN;
    static X_FORWARDED_PROTO: HeaderName = HeaderName::from_static(names::X_FORWARDED_PROTO);
    static X_FORWARDED_HOST: HeaderName = HeaderName::from_static(names::X_FORWARDED_HOST);
    static SEC_FETCH_SITE: HeaderName = HeaderName::from_static(names::SEC_FETCH_SITE);
    static SEC_FETCH_MODE: HeaderName = HeaderName::from_static(names::SEC_FETCH_MODE);
    static SEC_FETCH_DEST: HeaderName = HeaderName::from_static(names::SEC_FETCH_DEST);
    Some(match name {
        names::HOST => &HOST,
        names::ORIGIN => &ORIGIN,
        names::FORWARDED => &FORWARDED,
        names::X_FORWARDED_PROTO => &X_FORWARDED_PROTO,
        names::X_FORWARDED_HOST => &X_FORWARDED_HOST,
        names::SEC_FETCH_SITE => &SEC_FETCH_SITE,
        names::SEC_FETCH_MODE => &SEC_FETCH_MODE,
        names::SEC_FETCH_DEST => &SEC_FETCH_DEST,
        _ => return None,
    })
}

/// Calls `f` with every value of `name` in `headers`, in order: what
/// [`RequestView::for_each_header`] is for a view that holds an `http` header map.
pub(crate) fn each_value(headers: &http::HeaderMap, name: &str, f: &mut dyn FnMut(&[u8])) {
    let values = match prebuilt(name) {
        Some(name) => headers.get_all(name),
        None => headers.get_all(name),
    };
    for v in values {
        f(v.as_bytes());
    }
}

/// A [`RequestView`] of an `http::Request` (or its head), with the peer address and
/// whether the connection is TLS, which the framework knows and the request does not.
///
/// ```
/// use secure_headers::Secure;
/// use secure_headers::http::Request;
/// use secure_headers::request::HttpRequest;
/// use secure_headers::transport::HstsMode;
///
/// let secure = Secure::with_default_headers().derive(|b| b.hsts_mode(HstsMode::SecureOnly))?;
/// let req = Request::get("/").header("host", "example.com").body(()).unwrap();
/// let over_tls = HttpRequest::new(&req).peer(Some("192.0.2.1".parse().unwrap())).tls(true);
/// assert!(secure.inspect(&over_tls).unwrap().is_secure());
/// assert!(!secure.inspect(&HttpRequest::new(&req)).unwrap().is_secure());
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct HttpRequest<'a> {
    method: &'a http::Method,
    uri: &'a http::Uri,
    headers: &'a http::HeaderMap,
    peer: Option<IpAddr>,
    tls: bool,
}

impl<'a> HttpRequest<'a> {
    /// A view of `request`'s URI and headers.
    #[must_use]
    pub fn new<B>(request: &'a http::Request<B>) -> Self {
        Self::from_parts(request.method(), request.uri(), request.headers())
    }

    /// A view of a method, a URI and headers.
    #[must_use]
    pub fn from_parts(
        method: &'a http::Method,
        uri: &'a http::Uri,
        headers: &'a http::HeaderMap,
    ) -> Self {
        Self {
            method,
            uri,
            headers,
            peer: None,
            tls: false,
        }
    }

    /// The peer's address.
    #[must_use]
    pub fn peer(mut self, peer: Option<IpAddr>) -> Self {
        self.peer = peer;
        self
    }

    /// Whether the connection is TLS.
    #[must_use]
    pub fn tls(mut self, tls: bool) -> Self {
        self.tls = tls;
        self
    }
}

impl RequestView for HttpRequest<'_> {
    // Inline: every request asks whether it opens a tunnel (`CONNECT`), and out of line
    // this was a call per request from each integration's middleware.
    #[inline]
    fn method(&self) -> &str {
        self.method.as_str()
    }

    fn uri_scheme(&self) -> Option<&str> {
        self.uri.scheme_str()
    }

    fn uri_authority(&self) -> Option<&str> {
        self.uri.authority().map(http::uri::Authority::as_str)
    }

    fn path_and_query(&self) -> &str {
        path_and_query(self.uri)
    }

    fn for_each_header(&self, name: &str, f: &mut dyn FnMut(&[u8])) {
        each_value(self.headers, name, f);
    }

    fn peer_addr(&self) -> Option<IpAddr> {
        self.peer
    }

    fn is_tls(&self) -> bool {
        self.tls
    }
}

/// A [`RequestView`] of a request given as plain parts: the method, the target's scheme,
/// authority and path, the headers as `(name, value)` pairs, the peer address and whether
/// the connection is TLS. For servers and bindings whose requests are not `http::Request`s
/// (an ASGI or WSGI bridge, a test, a fuzzer): nothing is validated on the way in, the
/// request core checks what it reads.
///
/// The parts may be owned (`RawRequest<String, Vec<u8>>`, the default) or borrowed
/// (`RawRequest<&str, &[u8]>`). Header names are compared ignoring ASCII case; a header
/// listed several times gives its values in order.
///
/// ```
/// use secure_headers::Secure;
/// use secure_headers::request::RawRequest;
/// use secure_headers::transport::{AllowedHosts, HttpsRedirect};
///
/// let secure = Secure::with_default_headers().derive(|b| {
///     b.https_redirect(HttpsRedirect::new())
///         .allowed_hosts(AllowedHosts::new(["example.com"]))
/// })?;
/// let request = RawRequest {
///     method: "GET",
///     path_and_query: "/a?b=c",
///     headers: vec![("Host", b"example.com".as_slice())],
///     ..RawRequest::default()
/// };
/// let early = secure.inspect(&request).unwrap_err();
/// assert_eq!(early.status(), 308);
/// assert_eq!(early.location().unwrap(), "https://example.com/a?b=c");
///
/// let over_tls = RawRequest { tls: true, ..request.clone() };
/// assert!(secure.inspect(&over_tls).unwrap().is_secure());
/// let elsewhere = RawRequest { headers: vec![("host", b"evil.example".as_slice())], ..request };
/// assert_eq!(secure.inspect(&elsewhere).unwrap_err().status(), 400);
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawRequest<S = String, V = Vec<u8>> {
    /// The method, as received (`GET`, `CONNECT`, ...).
    pub method: S,
    /// The scheme of a request target in absolute form (or HTTP/2's `:scheme`).
    pub scheme: Option<S>,
    /// The authority of a request target in absolute form (or HTTP/2's `:authority`).
    pub authority: Option<S>,
    /// The path and query, as received (`/a?b=c`).
    pub path_and_query: S,
    /// The headers, as `(name, value)` pairs in the order received.
    pub headers: Vec<(S, V)>,
    /// The address of the peer that opened the connection (the proxy, behind one).
    pub peer: Option<IpAddr>,
    /// Whether the connection itself is TLS.
    pub tls: bool,
}

impl<S: AsRef<str>, V: AsRef<[u8]>> RequestView for RawRequest<S, V> {
    fn method(&self) -> &str {
        self.method.as_ref()
    }

    fn uri_scheme(&self) -> Option<&str> {
        self.scheme.as_ref().map(AsRef::as_ref)
    }

    fn uri_authority(&self) -> Option<&str> {
        self.authority.as_ref().map(AsRef::as_ref)
    }

    fn path_and_query(&self) -> &str {
        self.path_and_query.as_ref()
    }

    fn for_each_header(&self, name: &str, f: &mut dyn FnMut(&[u8])) {
        for (n, v) in &self.headers {
            if n.as_ref().eq_ignore_ascii_case(name) {
                f(v.as_ref());
            }
        }
    }

    fn peer_addr(&self) -> Option<IpAddr> {
        self.peer
    }

    fn is_tls(&self) -> bool {
        self.tls
    }
}

/// An [`HttpRequest`] whose connection facts (the peer address, TLS) are looked up only
/// when the request core asks for them: what a framework adapter hands to
/// [`Secure::inspect`](crate::Secure::inspect), so that a `Secure` that reads nothing of
/// the request costs nothing to describe it to.
#[cfg(any(feature = "tower", feature = "salvo"))]
pub(crate) struct LazyHttpRequest<'a, P, T> {
    request: HttpRequest<'a>,
    peer: P,
    tls: T,
}

#[cfg(any(feature = "tower", feature = "salvo"))]
impl<'a, P, T> LazyHttpRequest<'a, P, T>
where
    P: Fn() -> Option<IpAddr>,
    T: Fn() -> bool,
{
    #[inline]
    pub(crate) fn new(
        method: &'a http::Method,
        uri: &'a http::Uri,
        headers: &'a http::HeaderMap,
        peer: P,
        tls: T,
    ) -> Self {
        Self {
            request: HttpRequest::from_parts(method, uri, headers),
            peer,
            tls,
        }
    }
}

#[cfg(any(feature = "tower", feature = "salvo"))]
impl<P, T> RequestView for LazyHttpRequest<'_, P, T>
where
    P: Fn() -> Option<IpAddr>,
    T: Fn() -> bool,
{
    #[inline]
    fn method(&self) -> &str {
        self.request.method()
    }

    fn uri_scheme(&self) -> Option<&str> {
        self.request.uri_scheme()
    }

    fn uri_authority(&self) -> Option<&str> {
        self.request.uri_authority()
    }

    fn path_and_query(&self) -> &str {
        self.request.path_and_query()
    }

    fn for_each_header(&self, name: &str, f: &mut dyn FnMut(&[u8])) {
        self.request.for_each_header(name, f);
    }

    fn peer_addr(&self) -> Option<IpAddr> {
        (self.peer)()
    }

    fn is_tls(&self) -> bool {
        (self.tls)()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each name the core reads finds its own prebuilt name, and a lookup through it finds
    /// every value, in order, as a lookup by the spelled-out name does.
    #[test]
    fn prebuilt_names_are_the_names_asked_for() {
        let all = [
            names::HOST,
            names::ORIGIN,
            names::FORWARDED,
            names::X_FORWARDED_PROTO,
            names::X_FORWARDED_HOST,
            names::SEC_FETCH_SITE,
            names::SEC_FETCH_MODE,
            names::SEC_FETCH_DEST,
        ];
        let mut headers = http::HeaderMap::new();
        for (i, name) in all.iter().enumerate() {
            let found = prebuilt(name).expect("a prebuilt name");
            assert_eq!(found.as_str(), *name);
            let name = http::HeaderName::from_static(name);
            headers.append(&name, http::HeaderValue::from(i));
            headers.append(name, http::HeaderValue::from(i + 100));
        }
        for (i, name) in all.iter().enumerate() {
            let mut seen = Vec::new();
            each_value(&headers, name, &mut |v| seen.push(v.to_vec()));
            assert_eq!(
                seen,
                [
                    i.to_string().into_bytes(),
                    (i + 100).to_string().into_bytes()
                ]
            );
        }
        // Any other name is looked up as given.
        assert!(prebuilt("Host").is_none());
        let mut seen = 0;
        each_value(&headers, "Host", &mut |_| seen += 1);
        assert_eq!(seen, 2);
    }
}
