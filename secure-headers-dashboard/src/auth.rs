//! Who may see the dashboard.
//!
//! - Without a token, only a peer on loopback (`127.0.0.0/8`, `::1`) that did not come
//!   through a proxy (no `Forwarded` or `X-Forwarded-For`) sees it; every other peer gets
//!   `404 Not Found`, as if the dashboard were not there (the collector stays reachable).
//! - With a token, every peer needs it, loopback included (a reverse proxy on the same
//!   machine makes every visitor a loopback peer): an `Authorization: Bearer <token>`
//!   header, or the session cookie the login form sets. A wrong or missing token is a
//!   `401 Unauthorized` and one log line (`tracing`, target `secure_headers_dashboard`).
//!
//! Tokens and session values are compared in constant time (`subtle`).

use std::net::{IpAddr, SocketAddr};

use http::{HeaderMap, Request, header};
use secure_headers::transport::{PeerAddr, Tls};
use subtle::ConstantTimeEq;

use crate::Error;

/// The cookie set by the login form over plain HTTP.
pub(crate) const COOKIE: &str = "sh_dashboard";
/// The cookie over HTTPS: the `__Host-` prefix makes the browser refuse it unless it is
/// `Secure`, host-only and for `/`.
pub(crate) const COOKIE_HTTPS: &str = "__Host-sh_dashboard";

/// Who may see the dashboard: loopback peers only (the default), or whoever presents the
/// token.
///
/// ```
/// use secure_headers_dashboard::Access;
///
/// let open_locally = Access::loopback_only();
/// let with_token = Access::token("correct-horse-battery-staple-42")?;
/// // The error does not repeat the token (it is a secret), only its length.
/// assert_eq!(
///     Access::token("short").unwrap_err().to_string(),
///     "invalid --token: \"a token of 5 bytes\" (expected at least 16 visible ASCII characters, no spaces)"
/// );
/// # Ok::<(), secure_headers_dashboard::Error>(())
/// ```
#[derive(Clone)]
pub struct Access {
    token: Option<Vec<u8>>,
    /// The session cookie's value: random, made when the access is made, so a session
    /// ends when the process does.
    session: [u8; 32],
}

impl std::fmt::Debug for Access {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Access")
            .field("token", &self.token.as_ref().map(|_| "<set>"))
            .finish_non_exhaustive()
    }
}

/// What the access rules decide for one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Show the dashboard.
    Allow,
    /// Answer 404: the dashboard is not served to this peer.
    Hidden,
    /// Answer 401: a token is needed and none, or a wrong one, was given.
    Unauthorized,
}

impl Access {
    /// Loopback peers only, no token.
    ///
    /// # Panics
    ///
    /// When the operating system has no random numbers to give (as `getrandom` does not).
    #[must_use]
    pub fn loopback_only() -> Self {
        Self {
            token: None,
            session: session_value(),
        }
    }

    /// Everyone with `token` (a bearer token or the login form). The token must be at
    /// least 16 bytes of visible ASCII, so that it fits a header and a cookie-free form.
    ///
    /// # Errors
    ///
    /// A token that is too short or has other characters.
    pub fn token(token: impl AsRef<str>) -> Result<Self, Error> {
        let token = token.as_ref();
        if token.len() < 16 || !token.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(Error::new(
                "--token",
                format!("a token of {} bytes", token.len()),
                "expected at least 16 visible ASCII characters, no spaces",
            ));
        }
        Ok(Self {
            token: Some(token.as_bytes().to_vec()),
            session: session_value(),
        })
    }

    /// Whether a token is required.
    #[must_use]
    pub fn has_token(&self) -> bool {
        self.token.is_some()
    }

    pub(crate) fn decide<B>(&self, req: &Request<B>) -> Decision {
        let Some(_) = &self.token else {
            return if is_loopback(req) && !proxied(req.headers()) {
                Decision::Allow
            } else {
                Decision::Hidden
            };
        };
        let bearer = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.as_bytes().strip_prefix(b"Bearer "));
        if let Some(given) = bearer {
            return if self.token_matches(given) {
                Decision::Allow
            } else {
                Decision::Unauthorized
            };
        }
        match cookie(req.headers(), cookie_name(req)) {
            Some(v) if self.session_matches(v) => Decision::Allow,
            _ => Decision::Unauthorized,
        }
    }

    /// Whether `given` is the token, in constant time (for equal lengths; the length of a
    /// token is not a secret worth hiding at 16+ random bytes).
    pub(crate) fn token_matches(&self, given: &[u8]) -> bool {
        self.token
            .as_deref()
            .is_some_and(|t| bool::from(t.ct_eq(given)))
    }

    fn session_matches(&self, given: &[u8]) -> bool {
        let mut hex = [0u8; 64];
        hex_into(&self.session, &mut hex);
        bool::from(hex.as_slice().ct_eq(given))
    }

    /// The `Set-Cookie` value that the login form answers with.
    pub(crate) fn session_cookie<B>(&self, req: &Request<B>) -> String {
        let mut hex = [0u8; 64];
        hex_into(&self.session, &mut hex);
        let hex = String::from_utf8_lossy(&hex);
        if is_https(req) {
            format!("{COOKIE_HTTPS}={hex}; Path=/; HttpOnly; SameSite=Strict; Secure")
        } else {
            format!("{COOKIE}={hex}; Path=/; HttpOnly; SameSite=Strict")
        }
    }
}

fn session_value() -> [u8; 32] {
    let mut v = [0u8; 32];
    getrandom::fill(&mut v).expect("the operating system gives random numbers");
    v
}

fn hex_into(bytes: &[u8; 32], out: &mut [u8; 64]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for (i, b) in bytes.iter().enumerate() {
        out[2 * i] = HEX[usize::from(b >> 4)];
        out[2 * i + 1] = HEX[usize::from(b & 15)];
    }
}

/// The peer's address, as the tower integration of `secure-headers` finds it: a
/// [`PeerAddr`] or a `SocketAddr` request extension.
pub(crate) fn peer<B>(req: &Request<B>) -> Option<IpAddr> {
    let ext = req.extensions();
    ext.get::<PeerAddr>()
        .map(|p| p.0)
        .or_else(|| ext.get::<SocketAddr>().map(SocketAddr::ip))
}

fn is_loopback<B>(req: &Request<B>) -> bool {
    peer(req).is_some_and(|ip| match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => {
            v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
    })
}

/// Whether a proxy says it forwarded the request (then the loopback peer is the proxy, not
/// the visitor).
fn proxied(headers: &HeaderMap) -> bool {
    headers.contains_key(header::FORWARDED) || headers.contains_key("x-forwarded-for")
}

pub(crate) fn is_https<B>(req: &Request<B>) -> bool {
    req.extensions().get::<Tls>().is_some() || req.uri().scheme() == Some(&http::uri::Scheme::HTTPS)
}

fn cookie_name<B>(req: &Request<B>) -> &'static str {
    if is_https(req) { COOKIE_HTTPS } else { COOKIE }
}

/// The value of cookie `name` in the request's `Cookie` headers.
fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a [u8]> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .flat_map(|v| v.as_bytes().split(|&b| b == b';'))
        .find_map(|pair| {
            let pair = pair.trim_ascii();
            let (k, v) = pair.split_at(pair.iter().position(|&b| b == b'=')?);
            (k == name.as_bytes()).then(|| &v[1..])
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(ip: &str) -> Request<()> {
        let mut req = Request::new(());
        req.extensions_mut().insert(PeerAddr(ip.parse().unwrap()));
        req
    }

    #[test]
    fn without_a_token_only_unproxied_loopback_peers_see_it() {
        let open = Access::loopback_only();
        assert_eq!(open.decide(&from("127.0.0.1")), Decision::Allow);
        assert_eq!(open.decide(&from("::1")), Decision::Allow);
        assert_eq!(open.decide(&from("::ffff:127.0.0.1")), Decision::Allow);
        assert_eq!(open.decide(&from("192.168.1.2")), Decision::Hidden);
        assert_eq!(open.decide(&Request::new(())), Decision::Hidden);
        let mut proxied = from("127.0.0.1");
        proxied
            .headers_mut()
            .insert("x-forwarded-for", "203.0.113.9".parse().unwrap());
        assert_eq!(open.decide(&proxied), Decision::Hidden);
    }

    #[test]
    fn the_cookie_is_found_among_others_and_only_by_its_exact_name() {
        let mut h = HeaderMap::new();
        h.append(header::COOKIE, "a=1; sh_dashboard_x=2".parse().unwrap());
        h.append(header::COOKIE, "sh_dashboard=abc; b=3".parse().unwrap());
        assert_eq!(cookie(&h, COOKIE), Some(&b"abc"[..]));
        assert_eq!(cookie(&h, "b"), Some(&b"3"[..]));
        assert_eq!(cookie(&h, "c"), None);
    }
}
