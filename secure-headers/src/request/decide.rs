//! The transport decisions for one request: secure or not, the host, the redirect.

use http::StatusCode;

use super::cross_origin::CrossOriginProtection;
use super::forwarded::{Element, Invalid, parse_line};
use super::parse::{Cidr, parse_host, split_list};
use super::refusal::Refusal;
use super::transport::{AllowedHosts, ForwardedHeader, HstsMode, HttpsRedirect};
use super::view::{RequestView, names, opens_tunnel};
use crate::{Error, ErrorKind};

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
    pub(crate) cross_origin: Option<CrossOriginProtection>,
    /// Set at the first request that reached a configuration with trusted proxies without a
    /// peer address, when that is said (once).
    no_peer: Once,
    /// Set at the first invalid `Forwarded` header from a trusted proxy, when that is said
    /// (once).
    bad_forwarded: Once,
}

/// Whether something that is said once per configuration (a request without a peer address
/// reached a configuration that trusts proxies, an invalid `Forwarded`) has been said:
/// shared by the clones of one configuration, and no part of its identity.
#[derive(Clone, Debug, Default)]
pub(super) struct Once(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl PartialEq for Once {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Once {}

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
    /// Refuse the request with this status: its host is not allowed or malformed, or it
    /// cannot be redirected.
    Reject {
        /// `400` unless configured otherwise.
        status: StatusCode,
        /// Why.
        why: Refusal,
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
        let mut elements = Vec::new();
        req.for_each_header(header.name(), &mut |v| elements.extend(split_list(v)));
        self.hops_from_the_right(elements)
    }

    /// The `Forwarded` element a trusted proxy set, as [`forwarded_value`](Self::forwarded_value)
    /// finds it. A header with a syntax error anywhere, in any line, is not read at all
    /// (and said once): where an element ends is then unknown.
    fn forwarded_element(&self, req: &impl RequestView) -> Option<Element> {
        let header = ForwardedHeader::Forwarded;
        if !self.forwarded.contains(&header) || !self.trusted_peer(req) {
            return None;
        }
        let mut elements = Vec::new();
        let mut invalid = None;
        req.for_each_header(header.name(), &mut |line| {
            if invalid.is_none() {
                invalid = parse_line(line, &mut elements).err();
            }
        });
        if let Some(invalid) = invalid {
            self.invalid_forwarded(invalid);
            return None;
        }
        self.hops_from_the_right(elements)
    }

    /// The element `hops` from the right of `elements`.
    fn hops_from_the_right<T>(&self, mut elements: Vec<T>) -> Option<T> {
        let at = elements.len().checked_sub(self.hops.unwrap_or(1))?;
        Some(elements.swap_remove(at))
    }

    /// A trusted proxy passed a `Forwarded` header that does not parse: it is not read.
    /// Said once per configuration, at the first such request: a client can send one at
    /// will.
    #[cold]
    fn invalid_forwarded(&self, invalid: Invalid) {
        if !self
            .bad_forwarded
            .0
            .swap(true, std::sync::atomic::Ordering::Relaxed)
        {
            let (detail, at) = (invalid.detail, invalid.at);
            #[cfg(feature = "tracing")]
            tracing::warn!(
                target: "secure_headers",
                "a Forwarded header from a trusted proxy is invalid ({detail} at byte {at}), so \
                 it is not read: this request is not secure and its host is the Host header's; \
                 further invalid Forwarded headers are not logged"
            );
            #[cfg(not(feature = "tracing"))]
            log::warn!(
                target: "secure_headers",
                "a Forwarded header from a trusted proxy is invalid ({detail} at byte {at}), so \
                 it is not read: this request is not secure and its host is the Host header's; \
                 further invalid Forwarded headers are not logged"
            );
        }
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

    /// Whether an invalid `Forwarded` from a trusted proxy reached this configuration.
    #[cfg(test)]
    pub(crate) fn saw_invalid_forwarded(&self) -> bool {
        self.bad_forwarded
            .0
            .load(std::sync::atomic::Ordering::Relaxed)
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
        if self.forwarded.is_empty() {
            // No header is trusted to say: the usual case, decided without looking.
            return false;
        }
        if let Some(element) = self.forwarded_element(req) {
            return element
                .get(b"proto")
                .is_some_and(|p| p.eq_ignore_ascii_case(b"https"));
        }
        self.forwarded_value(req, ForwardedHeader::XForwardedProto)
            .is_some_and(|p| p.eq_ignore_ascii_case(b"https"))
    }

    /// The request's host: the one header named for it ([`ForwardedHeader`]) from a
    /// trusted proxy, else the host the application sees, which is the single `Host`
    /// header. A request target in absolute form (or HTTP/2's `:authority`) must name the
    /// same host and port as `Host` (the scheme's default port written or not), or stand
    /// alone when there is no `Host`: a client that
    /// writes `GET http://allowed.example/` with `Host: evil.example` gets no host at all,
    /// so the check refuses it. `None` when missing, repeated, malformed or disagreeing.
    pub(crate) fn host(&self, req: &impl RequestView) -> Option<(String, Option<u16>)> {
        let target = match req.uri_authority() {
            Some(a) => Some(parse_host(a.rsplit('@').next()?.as_bytes())?),
            None => None,
        };
        let mut values = Vec::with_capacity(1);
        req.for_each_header(names::HOST, &mut |v| values.push(v.to_vec()));
        let header = match values.as_slice() {
            [] => None,
            [one] => Some(parse_host(one)?),
            _ => return None,
        };
        // The scheme's default port, named or not, is the same authority (RFC 9110,
        // 4.2.3): `http://host:80/` with `Host: host`.
        let default = match req.uri_scheme() {
            Some(s) if s.eq_ignore_ascii_case("https") => Some(443),
            Some(s) if s.eq_ignore_ascii_case("http") => Some(80),
            _ => None,
        };
        let own = match (target, header) {
            (Some((th, tp)), Some((hh, hp))) if th == hh && tp.or(default) == hp.or(default) => {
                Some((hh, hp))
            }
            (Some(_), Some(_)) => return None,
            (t, h) => t.or(h),
        };
        if self.forwarded.is_empty() {
            return own;
        }
        if let Some(e) = self.forwarded_element(req)
            && let Some(h) = e.get(b"host")
        {
            return parse_host(h);
        }
        if let Some(h) = self.forwarded_value(req, ForwardedHeader::XForwardedHost) {
            return parse_host(&h);
        }
        own
    }

    /// The request's own origin, `(https?, host, port)` with the port made explicit: the
    /// scheme `secure`, as [`is_secure`](Self::is_secure) found it when the request was
    /// decided, the host as [`host`](Self::host) finds it.
    pub(crate) fn own_origin(
        &self,
        req: &impl RequestView,
        secure: bool,
    ) -> Option<(bool, String, u16)> {
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
                    why: Refusal::HostNotAllowed,
                };
            }
        }
        if let (Some(redirect), false) = (&self.redirect, secure) {
            if opens_tunnel(req) {
                // A tunnel cannot follow a redirect: refuse to open it over plain HTTP.
                return Verdict::Reject {
                    status: StatusCode::BAD_REQUEST,
                    why: Refusal::TunnelOverPlainHttp,
                };
            }
            let target = match (&redirect.host, &host) {
                (Some(h), _) => h.to_ascii_lowercase(),
                (None, Some((h, _))) => h.clone(),
                (None, None) => {
                    return Verdict::Reject {
                        status: StatusCode::BAD_REQUEST,
                        why: Refusal::NoRedirectTarget,
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
                    why: Refusal::NoRedirectTarget,
                },
            };
        }
        Verdict::Proceed { secure }
    }
}

/// What the path and query of a redirect's `Location` carry percent-encoded: controls,
/// space and DEL (non-ASCII always is).
pub(super) const LOCATION_ESCAPED: &percent_encoding::AsciiSet =
    &percent_encoding::CONTROLS.add(b' ');
