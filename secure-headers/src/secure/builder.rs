//! [`SecureBuilder`]: one slot per registered header, custom headers, insert modes, the
//! pipeline steps and the request-side settings.

use crate::pipeline::{
    AllowlistOptions, DeduplicateOptions, MULTI_OK, NormalizeOptions, Rendered, Step,
};
#[cfg(feature = "serde")]
use crate::registry::HeaderInfo;
use crate::registry::{self, HEADERS, Header, Slot};
use crate::request::Transport;
use crate::transport::{AllowedHosts, HstsMode, HttpsRedirect};
use crate::{CookieHardening, CustomHeader, Error, InsertMode, Policy};

/// The policy configured for each row of [`HEADERS`], at the row's index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Slots([Option<Box<dyn Slot>>; HEADERS.len()]);

impl Default for Slots {
    fn default() -> Self {
        Self([const { None }; HEADERS.len()])
    }
}

/// The index of `P`'s slot: its row in [`HEADERS`] (a compile-time error if it has none).
const fn index<P: Header>() -> usize {
    registry::index_of(P::INFO.name)
}

impl Slots {
    /// Takes the `P` configured out of its slot.
    pub(crate) fn take<P: Header>(&mut self) -> Option<P> {
        let slot = self.0[const { index::<P>() }].take()?;
        slot.into_any().downcast().ok().map(|p| *p)
    }

    /// Configures `policy`, replacing the one set before.
    pub(crate) fn put<P: Header>(&mut self, policy: P) {
        self.0[const { index::<P>() }] = Some(Box::new(policy));
    }

    /// Configures the header of the row `info` with its whole value `raw` (nothing for a
    /// row without a raw value).
    #[cfg(feature = "serde")]
    pub(crate) fn put_value(&mut self, info: &HeaderInfo, raw: &str) {
        if let Some(policy) = (info.make.from_value)(raw) {
            self.0[registry::index_of(info.name)] = Some(policy);
        }
    }

    /// Renders the configured policies in the registry's emission order.
    pub(crate) fn render(&self, out: &mut Vec<Rendered>) -> Result<(), Error> {
        for policy in self.0.iter().flatten() {
            out.push(render(&**policy)?);
        }
        Ok(())
    }

    /// The first likely typo of the configured policies, in emission order (see
    /// [`Header::likely_typo`]).
    pub(crate) fn likely_typo(&self) -> Option<Error> {
        self.0
            .iter()
            .flatten()
            .find_map(|policy| policy.likely_typo())
    }

    /// Removes the policy whose header is `name`; whether one was configured.
    pub(crate) fn remove(&mut self, name: &str) -> bool {
        HEADERS
            .iter()
            .position(|h| h.name.eq_ignore_ascii_case(name))
            .is_some_and(|i| self.0[i].take().is_some())
    }
}

pub(crate) fn render(p: &(impl Policy + ?Sized)) -> Result<Rendered, Error> {
    let value = p.render().map_err(|e| e.or_header(p.name()))?;
    Ok(Rendered {
        name: p.name().to_owned(),
        value,
    })
}

/// Builds a [`Secure`](crate::Secure): one typed policy per header, custom headers, insert modes and the
/// optional pipeline. Nothing is checked until [`build`](SecureBuilder::build), which
/// validates and renders everything once.
///
/// <!-- begin registry-list emission-order -->
///
/// Headers are emitted in a fixed order whatever the order of the calls, the order of
/// [`registry::HEADERS`](crate::registry::HEADERS) (for the headers Python's `secure` 2.0.1
/// sends, its order):
/// `Cache-Control`, `Cross-Origin-Embedder-Policy`,
/// `Cross-Origin-Embedder-Policy-Report-Only`, `Cross-Origin-Opener-Policy`,
/// `Cross-Origin-Opener-Policy-Report-Only`, `Cross-Origin-Resource-Policy`,
/// `Content-Security-Policy`, `Content-Security-Policy-Report-Only`,
/// `Strict-Transport-Security`, `Permissions-Policy`, `Permissions-Policy-Report-Only`,
/// `Referrer-Policy`, `X-Permitted-Cross-Domain-Policies`, `X-DNS-Prefetch-Control`,
/// `Server`, `X-Content-Type-Options`, `X-Frame-Options`, `Origin-Agent-Cluster`,
/// `X-Download-Options`, `X-XSS-Protection`, `Clear-Site-Data`, `Reporting-Endpoints`,
/// `Report-To`, `NEL`, `Integrity-Policy`, `Integrity-Policy-Report-Only`,
/// `Document-Isolation-Policy`, `Document-Isolation-Policy-Report-Only`, `Document-Policy`,
/// `Document-Policy-Report-Only`,
/// then the custom headers in the order they were added.
///
/// <!-- end registry-list emission-order -->
///
/// ```
/// use secure_headers::{ContentSecurityPolicy, PermissionsPolicy, Secure, StrictTransportSecurity};
/// use std::time::Duration;
///
/// let secure = Secure::builder()
///     .csp(ContentSecurityPolicy::new().default_src(["'self'"]).script_src(["'self'", "https://cdn.example.com"]))
///     .hsts(StrictTransportSecurity::including_subdomains(Duration::from_secs(63_072_000)))
///     .permissions(PermissionsPolicy::new().geolocation([]).camera([]))
///     .build()?;
///
/// assert_eq!(secure.to_string(), "\
/// Content-Security-Policy: default-src 'self'; script-src 'self' https://cdn.example.com
/// Strict-Transport-Security: max-age=63072000; includeSubDomains
/// Permissions-Policy: geolocation=(), camera=()");
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct SecureBuilder {
    pub(crate) slots: Slots,
    pub(crate) custom: Vec<CustomHeader>,
    pub(crate) multi_ok: Vec<String>,
    pub(crate) modes: Vec<(String, InsertMode)>,
    pub(crate) steps: Vec<Step>,
    pub(crate) removals: Vec<String>,
    pub(crate) cookies: Option<CookieHardening>,
    pub(crate) transport: Transport,
    pub(crate) provide_nonce: bool,
    pub(crate) obs_text: bool,
}

impl Default for SecureBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl SecureBuilder {
    /// A builder with no header, [`MULTI_OK`] as the multi-valued names and no pipeline step.
    pub fn new() -> Self {
        Self {
            slots: Slots::default(),
            custom: Vec::new(),
            multi_ok: MULTI_OK.iter().map(|s| (*s).to_owned()).collect(),
            modes: Vec::new(),
            steps: Vec::new(),
            removals: Vec::new(),
            cookies: None,
            transport: Transport::default(),
            provide_nonce: false,
            obs_text: false,
        }
    }

    /// Makes a [`CspNonce`](crate::CspNonce) for every request even when no header of this set uses one, so
    /// that a per-route or per-response [`SecureOverride`](crate::SecureOverride) whose CSP
    /// has `'nonce-{nonce}'` gets the request's nonce, the one the handler sees. (The
    /// nonce is made before the handler runs, when the override is not known yet.) Needs
    /// the `nonce` feature.
    pub fn provide_nonce(mut self, yes: bool) -> Self {
        self.provide_nonce = yes;
        self
    }

    /// Sends header values that hold obs-text (U+0080 to U+00FF) as those bytes, as Python's
    /// `secure` 2.0.1 sends them (Latin-1), instead of refusing them at build time. Off by
    /// default: RFC 9110 obsoletes obs-text, and clients read it differently. (The
    /// `validate_and_normalize_headers` step's `allow_obs_text` turns it on too.)
    ///
    /// ```
    /// use secure_headers::{CustomHeader, Secure};
    ///
    /// let cafe = || Secure::builder().custom(CustomHeader::new("X-Place", "caf\u{e9}"));
    /// assert!(cafe().build().is_err());
    /// let secure = cafe().allow_obs_text(true).build()?;
    /// assert_eq!(secure.entries()[0].value().as_bytes(), b"caf\xe9");
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    pub fn allow_obs_text(mut self, yes: bool) -> Self {
        self.obs_text = yes;
        self
    }

    /// Trusts these reverse proxies (IP addresses or CIDR ranges such as `10.0.0.0/8`):
    /// the forwarding headers named with [`forwarded_headers`](Self::forwarded_headers),
    /// and only those, are read from requests whose peer is one of them. No proxy is
    /// trusted by default, so forwarding headers change nothing; trusting a proxy without
    /// naming a header is refused at build time.
    ///
    /// A proxy is recognised by the connection's peer address, which the integration must
    /// see: with tower, put a [`PeerAddr`](crate::transport::PeerAddr) or a `SocketAddr` in
    /// the request's extensions before the `Secure` layer runs (axum: from `ConnectInfo`).
    /// When a request reaches a configuration with trusted proxies but no peer address, no
    /// proxy is trusted; the first such request is logged as a warning (`tracing` feature).
    pub fn trusted_proxies<I>(mut self, proxies: I) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        self.transport
            .add_trusted(proxies.into_iter().map(|p| p.as_ref().to_owned()));
        self
    }

    /// The forwarding headers the trusted proxies set (opt-in, none by default): only
    /// these are read, from trusted proxies only. Name one source of the scheme and one of
    /// the host (see [`ForwardedHeader`]).
    ///
    /// ```
    /// use secure_headers::Secure;
    /// use secure_headers::http::Request;
    /// use secure_headers::request::HttpRequest;
    /// use secure_headers::transport::{AllowedHosts, ForwardedHeader, HttpsRedirect};
    ///
    /// let secure = Secure::builder()
    ///     .trusted_proxies(["10.0.0.1"])
    ///     .forwarded_headers([ForwardedHeader::XForwardedProto])
    ///     .https_redirect(HttpsRedirect::new().host("example.com"))
    ///     .build()?;
    /// // The proxy says the client spoke plain HTTP; the `Forwarded` a client added is not read.
    /// let req = Request::get("/")
    ///     .header("host", "example.com")
    ///     .header("forwarded", "proto=https")
    ///     .header("x-forwarded-proto", "http")
    ///     .body(())
    ///     .unwrap();
    /// let view = HttpRequest::new(&req).peer(Some([10, 0, 0, 1].into()));
    /// assert_eq!(secure.inspect(&view).unwrap_err().status(), 308);
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    ///
    /// [`ForwardedHeader`]: crate::transport::ForwardedHeader
    pub fn forwarded_headers<I>(mut self, headers: I) -> Self
    where
        I: IntoIterator<Item = crate::transport::ForwardedHeader>,
    {
        for h in headers {
            if !self.transport.forwarded.contains(&h) {
                self.transport.forwarded.push(h);
            }
        }
        self
    }

    /// How many trusted proxies stand in front of the application (default 1): the
    /// forwarded value read is the one this many from the right, across all lines of the
    /// header (each proxy appends its own; what is left of it came from the client).
    /// Fewer values than this count as none.
    pub fn trusted_hops(mut self, hops: usize) -> Self {
        self.transport.hops = Some(hops);
        self
    }

    /// Refuses cross-origin state-changing requests by `Sec-Fetch-Site`, with `Origin` as
    /// the fallback (see [`CrossOriginProtection`]).
    ///
    /// [`CrossOriginProtection`]: crate::request::CrossOriginProtection
    pub fn cross_origin_protection(
        mut self,
        protection: crate::request::CrossOriginProtection,
    ) -> Self {
        self.transport.cross_origin = Some(protection);
        self
    }

    /// When to send HSTS: always (the default, as `secure` 2.0.1) or only on secure requests.
    pub fn hsts_mode(mut self, mode: HstsMode) -> Self {
        self.transport.hsts = mode;
        self
    }

    /// Development mode, for `http://localhost`: no HSTS, no `upgrade-insecure-requests`,
    /// no HTTPS redirect, no host check, and cookies are not marked `Secure`. Logged (with
    /// the `tracing` feature) when built. It is only ever switched on here, never by
    /// anything a request says.
    pub fn development_mode(mut self, on: bool) -> Self {
        self.transport.development = on;
        self
    }

    /// Redirects plain-HTTP requests to HTTPS.
    pub fn https_redirect(mut self, redirect: HttpsRedirect) -> Self {
        self.transport.redirect = Some(redirect);
        self
    }

    /// Refuses requests whose host is not allowed.
    pub fn allowed_hosts(mut self, hosts: AllowedHosts) -> Self {
        self.transport.hosts = Some(hosts);
        self
    }

    /// Removes these headers from every response (before ours are added), such as the
    /// `X-Powered-By` a framework adds; [`OWASP_REMOVE_HEADERS`] is OWASP's list.
    ///
    /// [`OWASP_REMOVE_HEADERS`]: crate::transport::OWASP_REMOVE_HEADERS
    pub fn remove_headers<I>(mut self, names: I) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        self.removals
            .extend(names.into_iter().map(|n| n.as_ref().trim().to_owned()));
        self
    }

    /// Adds `Secure`, `HttpOnly` and `SameSite` to the application's cookies that lack them.
    pub fn harden_cookies(mut self, hardening: CookieHardening) -> Self {
        self.cookies = Some(hardening);
        self
    }

    /// Sends the header `P` with `policy` (replacing one set before): the generic form of
    /// the named setters ([`csp`](Self::csp), [`hsts`](Self::hsts), ...), for any type
    /// of [`registry::HEADERS`](crate::registry::HEADERS).
    ///
    /// ```
    /// use secure_headers::{Secure, XFrameOptions};
    ///
    /// let secure = Secure::builder().set::<XFrameOptions>(XFrameOptions::DENY).build()?;
    /// assert_eq!(secure.to_string(), "X-Frame-Options: DENY");
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    pub fn set<P: Header>(mut self, policy: impl Into<P>) -> Self {
        self.slots.put::<P>(policy.into());
        self
    }

    /// Changes the `P` configured so far (or a new one) with `f`: the way to start from a
    /// preset and adjust one part of it. The generic form of [`map_csp`](Self::map_csp),
    /// [`map_hsts`](Self::map_hsts), ...
    ///
    /// ```
    /// use secure_headers::{Secure, XContentTypeOptions, XFrameOptions};
    ///
    /// let secure = Secure::builder()
    ///     .set::<XFrameOptions>(XFrameOptions::new())
    ///     .map::<XFrameOptions>(|xfo| xfo.deny())
    ///     // Nothing set yet: `f` starts from the type's default.
    ///     .map::<XContentTypeOptions>(|xcto| xcto)
    ///     .build()?;
    /// assert_eq!(
    ///     secure.to_string(),
    ///     "X-Content-Type-Options: nosniff\nX-Frame-Options: DENY"
    /// );
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    pub fn map<P: Header>(mut self, f: impl FnOnce(P) -> P) -> Self {
        let current = self.slots.take::<P>().unwrap_or_default();
        self.slots.put(f(current));
        self
    }

    /// Stops sending the header `P`: the typed form of [`without`](Self::without), which
    /// takes a name (and also removes custom headers of that name).
    ///
    /// ```
    /// use secure_headers::{Preset, XFrameOptions};
    ///
    /// let secure = Preset::Balanced.builder().unset::<XFrameOptions>().build()?;
    /// assert!(secure.header_items().all(|(name, _)| name != "X-Frame-Options"));
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    pub fn unset<P: Header>(mut self) -> Self {
        self.slots.take::<P>();
        self
    }

    /// Adds a custom header, sent after the typed ones, in the order added.
    pub fn custom(mut self, header: CustomHeader) -> Self {
        self.custom.push(header);
        self
    }

    /// Removes the header called `name` (case-insensitive): a typed policy or every custom
    /// header of that name.
    ///
    /// ```
    /// use secure_headers::Preset;
    /// let s = Preset::Balanced.builder().without("server").build().unwrap();
    /// assert!(s.header_items().all(|(name, _)| name != "Server"));
    /// ```
    pub fn without(mut self, name: &str) -> Self {
        self.slots.remove(name);
        self.custom.retain(|c| !c.name().eq_ignore_ascii_case(name));
        self
    }

    /// The names (case-insensitive) whose configured value is appended after the
    /// application's instead of replacing it: `secure` 2.0.1 middleware's `multi_ok` (default
    /// [`MULTI_OK`]; an empty list makes every header overwrite).
    pub fn multi_ok<I>(mut self, names: I) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        self.multi_ok = names
            .into_iter()
            .map(|n| n.as_ref().trim().to_ascii_lowercase())
            .collect();
        self
    }

    /// Sets the [`InsertMode`] of one header, whatever [`multi_ok`](Self::multi_ok) says.
    pub fn insert_mode(mut self, name: &str, mode: InsertMode) -> Self {
        let name = name.trim().to_ascii_lowercase();
        self.modes.retain(|(n, _)| *n != name);
        self.modes.push((name, mode));
        self
    }

    /// Adds `secure` 2.0.1's `allowlist_headers` step: headers not in the allowlist fail the
    /// build, are dropped, or are kept with a warning.
    pub fn allowlist_headers(mut self, options: AllowlistOptions) -> Self {
        self.steps.push(Step::Allowlist(options));
        self
    }

    /// Adds `secure` 2.0.1's `deduplicate_headers` step.
    pub fn deduplicate_headers(mut self, options: DeduplicateOptions) -> Self {
        self.steps.push(Step::Deduplicate(options));
        self
    }

    /// Adds `secure` 2.0.1's `validate_and_normalize_headers` step.
    pub fn validate_and_normalize_headers(mut self, options: NormalizeOptions) -> Self {
        self.steps.push(Step::Normalize(options));
        self
    }

    pub(crate) fn mode_of(&self, name: &str) -> InsertMode {
        if let Some((_, m)) = self
            .modes
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            return *m;
        }
        if self.multi_ok.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            InsertMode::Append
        } else {
            InsertMode::Overwrite
        }
    }
}
