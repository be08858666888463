//! [`Secure::inspect`]: the request-side checks before the handler, in their one order,
//! and the request's nonce.

use http::StatusCode;

use super::context::RequestContext;
use super::decide::Verdict;
use super::early::EarlyResponse;
use super::refusal::{self, Refusal};
use super::view::{RequestView, opens_tunnel};
use crate::Secure;

impl Secure {
    /// Decides, once per request and before the handler runs, everything that depends on
    /// the request: whether it is secure (TLS, or HTTPS forwarded by a trusted proxy),
    /// whether its host is allowed, whether to redirect it to HTTPS, whether to refuse it
    /// as a cross-origin request ([`CrossOriginProtection`](super::CrossOriginProtection)), and its CSP nonce.
    /// Every framework integration calls this; what it returns is handed to
    /// [`apply_to_response_with`](Secure::apply_to_response_with) (or
    /// [`set_headers_with`](Secure::set_headers_with)).
    ///
    /// # Errors
    ///
    /// An [`EarlyResponse`] (a redirect, a refusal of a bad host, or a `403` refusal of a
    /// cross-origin request) to send instead of
    /// calling the handler; it carries the security headers too when built with
    /// [`EarlyResponse::into_response`].
    ///
    /// ```
    /// use secure_headers::Secure;
    /// use secure_headers::request::HttpRequest;
    /// use secure_headers::transport::{AllowedHosts, HttpsRedirect};
    /// use secure_headers::http::Request;
    ///
    /// let secure = Secure::with_default_headers().derive(|b| {
    ///     b.https_redirect(HttpsRedirect::new())
    ///         .allowed_hosts(AllowedHosts::new(["example.com"]))
    /// })?;
    /// let req = Request::get("/a?b=1").header("host", "example.com").body(()).unwrap();
    /// let early = secure.inspect(&HttpRequest::new(&req)).unwrap_err();
    /// assert_eq!(early.status(), 308);
    /// assert_eq!(early.location().unwrap(), "https://example.com/a?b=1");
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    #[inline]
    pub fn inspect(&self, request: &impl RequestView) -> Result<RequestContext, EarlyResponse> {
        let tunnel = opens_tunnel(request);
        if !self.inner.inspects {
            return Ok(self.request_context().tunnel(tunnel));
        }
        self.inspect_transport(request, tunnel)
    }

    /// [`inspect`](Secure::inspect) for a `Secure` that reads the request (redirects,
    /// allowed hosts, secure-only HSTS, cross-origin protection). Out of line: the path of
    /// the others, inlined into every integration's request path, stays a few instructions.
    #[inline(never)]
    fn inspect_transport(
        &self,
        request: &impl RequestView,
        tunnel: bool,
    ) -> Result<RequestContext, EarlyResponse> {
        let secure = self.check_request(request)?;
        Ok(self.request_context().secure(secure).tunnel(tunnel))
    }

    /// The request-side checks, in their one order: the host and the HTTPS redirect, then
    /// cross-origin protection; whether the request is secure if it passes. Run by
    /// [`inspect`](Secure::inspect) for the application and by
    /// [`SecureOverride::inspect`](crate::SecureOverride::inspect) for a route, so that a
    /// route refuses exactly as the application does (the same [`Refusal`], body and log
    /// line).
    pub(crate) fn check_request(&self, request: &impl RequestView) -> Result<bool, EarlyResponse> {
        self.check_request_noting(request, &mut |refusal, passed| {
            refusal::log(request, refusal, passed);
        })
    }

    /// [`check_request`](Secure::check_request), with each refusal given to `note` (with
    /// whether it is a report-only one, which passes) rather than logged.
    pub(crate) fn check_request_noting(
        &self,
        request: &impl RequestView,
        note: &mut dyn FnMut(Refusal, bool),
    ) -> Result<bool, EarlyResponse> {
        let transport = &self.inner.transport;
        match transport.decide(request) {
            Verdict::Proceed { secure } => {
                if let Some(protection) = &transport.cross_origin
                    && let Err(refusal) =
                        protection.decide(request, || transport.own_origin(request, secure))
                {
                    let report_only = protection.is_report_only();
                    note(refusal, report_only);
                    if !report_only {
                        return Err(EarlyResponse {
                            status: StatusCode::FORBIDDEN,
                            location: None,
                            refusal: Some(refusal),
                            secure,
                        });
                    }
                }
                Ok(secure)
            }
            // A redirect only ever answers a request that is not secure; a refusal may
            // answer one that is (and then carries HSTS in secure-only mode).
            Verdict::Redirect { status, location } => Err(EarlyResponse {
                status,
                location: Some(location),
                refusal: None,
                secure: false,
            }),
            Verdict::Reject { status, why } => {
                note(why, false);
                Err(EarlyResponse {
                    status,
                    location: None,
                    refusal: Some(why),
                    secure: transport.is_secure(request),
                })
            }
        }
    }

    /// Whether this `Secure` carries a request-side check that can answer a request early
    /// (cross-origin protection; allowed hosts or an HTTPS redirect, unless development mode
    /// is on): what a [`SecureOverride`](crate::SecureOverride) runs for its route.
    pub(crate) fn checks_request(&self) -> bool {
        let t = &self.inner.transport;
        t.cross_origin.is_some() || !t.development && (t.redirect.is_some() || t.hosts.is_some())
    }

    /// Whether every request gets a nonce: a header uses one, or overrides are given one.
    pub(crate) fn needs_nonce(&self) -> bool {
        self.inner.uses_nonce || self.inner.provides_nonce
    }

    /// Whether [`inspect`](Secure::inspect) reads anything of the request beyond its
    /// method: false unless an HTTPS redirect or allowed hosts (with development mode off),
    /// [`HstsMode::SecureOnly`] or [`CrossOriginProtection`](super::CrossOriginProtection) is configured. An integration whose request view is
    /// costly to make can then make a cheap one that only knows the method.
    ///
    /// ```
    /// use secure_headers::Secure;
    /// use secure_headers::transport::HttpsRedirect;
    ///
    /// assert!(!Secure::with_default_headers().inspects_request());
    /// let redirecting = Secure::with_default_headers()
    ///     .derive(|b| b.https_redirect(HttpsRedirect::new().host("example.com")))?;
    /// assert!(redirecting.inspects_request());
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    ///
    /// [`HstsMode::SecureOnly`]: crate::transport::HstsMode::SecureOnly
    #[must_use]
    pub fn inspects_request(&self) -> bool {
        self.inner.inspects
    }

    /// What middleware decides once per request, before the handler runs: a fresh
    /// [`CspNonce`](crate::CspNonce) if the policy uses one (with the `nonce` feature), nothing otherwise
    /// (then this costs nothing).
    ///
    /// If the operating system cannot give random bytes, this is logged (with the
    /// `tracing` feature), the context has no nonce, and every `'nonce-…'` source is sent
    /// as a hash source no script has: the policy fails closed, allowing no inline script
    /// even beside `'unsafe-inline'` (which browsers ignore when a hash is present).
    #[must_use]
    #[inline]
    pub fn request_context(&self) -> RequestContext {
        if !self.needs_nonce() {
            return RequestContext::default();
        }
        #[cfg(feature = "nonce")]
        {
            match crate::CspNonce::generate() {
                Ok(nonce) => RequestContext::with_nonce(nonce),
                Err(_e) => {
                    #[cfg(feature = "tracing")]
                    tracing::error!(target: "secure_headers", "no CSP nonce for this request: {_e}");
                    RequestContext::default()
                }
            }
        }
        #[cfg(not(feature = "nonce"))]
        RequestContext::default()
    }
}

#[cfg(test)]
mod tests {
    use crate::Secure;
    use crate::request::HttpRequest;

    #[test]
    fn only_a_secure_with_request_options_reads_the_request() {
        use crate::transport::{AllowedHosts, HstsMode, HttpsRedirect};
        assert!(!Secure::with_default_headers().inspects_request());
        let b = || crate::Preset::Balanced.builder();
        assert!(
            b().https_redirect(HttpsRedirect::new().host("a.example"))
                .build()
                .unwrap()
                .inspects_request()
        );
        assert!(
            b().allowed_hosts(AllowedHosts::new(["a.example"]))
                .build()
                .unwrap()
                .inspects_request()
        );
        assert!(
            b().hsts_mode(HstsMode::SecureOnly)
                .build()
                .unwrap()
                .inspects_request()
        );
        assert!(
            !b().https_redirect(HttpsRedirect::new().host("a.example"))
                .development_mode(true)
                .build()
                .unwrap()
                .inspects_request()
        );
    }

    #[test]
    fn trusted_proxies_without_a_peer_address_are_noticed() {
        use crate::transport::{ForwardedHeader, HstsMode};
        let with_proxies = crate::Preset::Balanced
            .builder()
            .hsts_mode(HstsMode::SecureOnly)
            .trusted_proxies(["10.0.0.1"])
            .forwarded_headers([ForwardedHeader::XForwardedProto])
            .build()
            .unwrap();
        let without = crate::Preset::Balanced
            .builder()
            .hsts_mode(HstsMode::SecureOnly)
            .build()
            .unwrap();
        let req = http::Request::get("/")
            .header("host", "example.com")
            .header("x-forwarded-proto", "https")
            .body(())
            .unwrap();
        let with_peer = HttpRequest::new(&req).peer(Some("10.0.0.1".parse().unwrap()));
        assert!(with_proxies.inspect(&with_peer).unwrap().is_secure());
        assert!(!with_proxies.inner.transport.saw_no_peer());

        assert!(
            !without
                .inspect(&HttpRequest::new(&req))
                .unwrap()
                .is_secure()
        );
        assert!(!without.inner.transport.saw_no_peer());

        // No peer address: the proxy cannot be trusted, and that is noticed (and logged
        // once, with the `tracing` feature).
        assert!(
            !with_proxies
                .inspect(&HttpRequest::new(&req))
                .unwrap()
                .is_secure()
        );
        assert!(with_proxies.inner.transport.saw_no_peer());
    }

    /// An invalid `Forwarded` from a trusted proxy is not read (the request is not secure,
    /// its host is the `Host` header's), and that is noticed once per configuration; a
    /// valid one is read as before.
    #[test]
    fn an_invalid_forwarded_is_not_read_and_noticed() {
        use crate::transport::{AllowedHosts, ForwardedHeader, HstsMode};
        let secure = crate::Preset::Balanced
            .builder()
            .hsts_mode(HstsMode::SecureOnly)
            .trusted_proxies(["10.0.0.1"])
            .forwarded_headers([ForwardedHeader::Forwarded])
            .allowed_hosts(AllowedHosts::new(["app.example", "client.example"]))
            .build()
            .unwrap();
        let inspect = |lines: &[&str]| {
            let mut req = http::Request::get("/").header("host", "client.example");
            for line in lines {
                req = req.header("forwarded", *line);
            }
            let req = req.body(()).unwrap();
            let view = HttpRequest::new(&req).peer(Some("10.0.0.1".parse().unwrap()));
            secure
                .inspect(&view)
                .map(|c| (c.is_secure(), secure.inner.transport.host(&view)))
        };
        let app = Some(("app.example".to_owned(), None));
        let client = Some(("client.example".to_owned(), None));
        let valid = r#"for="[2001:db8::7]";proto=https;host=app.example"#;
        assert_eq!(inspect(&[valid]).unwrap(), (true, app.clone()));
        assert!(!secure.inner.transport.saw_invalid_forwarded());
        // The audit's line, and the client's part on a line of its own.
        let appended = r#"proto=https;x=", for="[2001:db8::7]";proto=http;host=app.example"#;
        assert_eq!(inspect(&[appended]).unwrap(), (false, client.clone()));
        assert!(secure.inner.transport.saw_invalid_forwarded());
        let split = [
            r#"proto=https;host=app.example;x=""#,
            "for=10.0.0.9;proto=http",
        ];
        assert_eq!(inspect(&split).unwrap(), (false, client));
        // A valid header after an invalid one is read again.
        assert_eq!(inspect(&[valid]).unwrap(), (true, app));
    }
}
