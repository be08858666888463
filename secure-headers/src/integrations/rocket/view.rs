//! Rocket's request as a [`RequestView`].

use std::net::IpAddr;

use ::rocket::Request;

#[cfg(doc)]
use crate::Secure;
use crate::request::RequestView;

/// The request's path and query, joined once per request (Rocket keeps them apart).
struct PathAndQuery(String);

/// The request as the shared request-side code sees it.
///
/// The peer is the connection's ([`Request::remote`]), and the connection is TLS when Rocket
/// serves TLS (`request.rocket().config().tls_enabled()`). Forwarded headers are read by
/// [`Secure::inspect`], which believes them only from trusted proxies;
/// [`Request::client_ip`] is never used, since it believes `X-Real-IP` from anyone. Rocket
/// keeps only the path and query of the request target, so there is no URI scheme or
/// authority; over HTTP/2, the `:authority` Rocket took as the request's host stands for a
/// missing `Host` header.
impl RequestView for Request<'_> {
    fn method(&self) -> &str {
        self.method().as_str()
    }

    fn path_and_query(&self) -> &str {
        let uri = self.uri();
        if uri.query().is_none() {
            return uri.path().as_str();
        }
        &self.local_cache(|| PathAndQuery(uri.to_string())).0
    }

    fn for_each_header(&self, name: &str, f: &mut dyn FnMut(&[u8])) {
        let mut any = false;
        for value in self.headers().get(name) {
            any = true;
            f(value.as_bytes());
        }
        if !any
            && name == "host"
            && let Some(host) = self.host()
        {
            f(host.to_string().as_bytes());
        }
    }

    fn peer_addr(&self) -> Option<IpAddr> {
        self.remote().map(|a| a.ip())
    }

    fn is_tls(&self) -> bool {
        self.rocket().config().tls_enabled()
    }
}
