//! [`Secure`]: a rendered, immutable set of security headers, and its builder.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use http::{HeaderName, HeaderValue};

use crate::pipeline::{
    self, AllowlistOptions, DeduplicateOptions, MULTI_OK, NormalizeOptions, PipelineReport,
    Rendered, Step,
};
use crate::transport::{AllowedHosts, HstsMode, HttpsRedirect, RequestView, Transport, Verdict};
use crate::{
    CacheControl, ClearSiteData, ContentSecurityPolicy, ContentSecurityPolicyReportOnly,
    CookieHardening, CrossOriginEmbedderPolicy, CrossOriginOpenerPolicy, CrossOriginResourcePolicy,
    CspNonce, CustomHeader, Error, ErrorKind, HeaderSink, OriginAgentCluster, PermissionsPolicy,
    Policy, Preset, ReferrerPolicy, ReportingEndpoints, Server, StrictTransportSecurity,
    XContentTypeOptions, XDnsPrefetchControl, XDownloadOptions, XFrameOptions,
    XPermittedCrossDomainPolicies, XXssProtection,
};

/// How a configured header meets a header of the same name that the application set.
///
/// ```
/// use secure_headers::{InsertMode, Secure, XFrameOptions};
/// use secure_headers::http::{HeaderMap, HeaderValue, header::X_FRAME_OPTIONS};
///
/// let secure = Secure::builder()
///     .xfo(XFrameOptions::new().deny())
///     .insert_mode("X-Frame-Options", InsertMode::IfAbsent)
///     .build()
///     .unwrap();
///
/// let mut app = HeaderMap::new();
/// app.insert(X_FRAME_OPTIONS, HeaderValue::from_static("SAMEORIGIN"));
/// secure.set_headers(&mut app);
/// assert_eq!(app[X_FRAME_OPTIONS], "SAMEORIGIN"); // the application's value wins
///
/// let mut other = HeaderMap::new();
/// secure.set_headers(&mut other);
/// assert_eq!(other[X_FRAME_OPTIONS], "DENY");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InsertMode {
    /// Replace every value the application set (the seed middleware's rule, and the default).
    #[default]
    Overwrite,
    /// Keep the application's values and add ours after them (the seed's rule for the
    /// [`MULTI_OK`] names: two CSPs are both enforced, so the application can only tighten).
    Append,
    /// Set the header only if the application did not.
    IfAbsent,
}

impl InsertMode {
    /// Writes `value` under `name` into `sink` according to this mode. This is the one
    /// place where insertion semantics live; every integration goes through it.
    #[inline(always)]
    pub fn apply<S: HeaderSink + ?Sized>(self, sink: &mut S, name: &S::Name, value: S::Value) {
        match self {
            Self::Overwrite => sink.insert(name, value),
            Self::Append => sink.append(name, value),
            Self::IfAbsent => {
                if !sink.contains(name) {
                    sink.insert(name, value);
                }
            }
        }
    }

    /// [`apply`](Self::apply) with a value made only if it is written: a header the
    /// application set under [`IfAbsent`](Self::IfAbsent) costs no rendering. `None` from
    /// `value` writes nothing.
    #[inline(always)]
    fn apply_lazy<S: HeaderSink + ?Sized>(
        self,
        sink: &mut S,
        name: &S::Name,
        value: impl FnOnce() -> Option<S::Value>,
    ) {
        match self {
            Self::Overwrite => {
                if let Some(value) = value() {
                    sink.insert(name, value);
                }
            }
            Self::Append => {
                if let Some(value) = value() {
                    sink.append(name, value);
                }
            }
            Self::IfAbsent => {
                if !sink.contains(name)
                    && let Some(value) = value()
                {
                    sink.insert(name, value);
                }
            }
        }
    }
}

/// One rendered header of a [`Secure`]: its name as configured, the `http` name and value
/// ready to insert, and its [`InsertMode`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    name: Cow<'static, str>,
    text: Box<str>,
    header_name: HeaderName,
    value: HeaderValue,
    mode: InsertMode,
    /// For a policy with a per-request nonce: the value with room for the nonce at each
    /// slot.
    template: Option<Box<Template>>,
    /// Sent only on secure requests (HSTS with `HstsMode::SecureOnly`).
    only_secure: bool,
}

impl Entry {
    /// The header name as configured (`Content-Security-Policy`).
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The header value as text.
    #[must_use]
    pub fn value_str(&self) -> &str {
        &self.text
    }

    /// The `http` header name (lowercase).
    #[must_use]
    pub fn header_name(&self) -> &HeaderName {
        &self.header_name
    }

    /// The `http` header value.
    #[must_use]
    pub fn value(&self) -> &HeaderValue {
        &self.value
    }

    /// How the header meets an application's header of the same name.
    #[must_use]
    pub fn mode(&self) -> InsertMode {
        self.mode
    }

    /// Whether the value carries a per-request nonce (`'nonce-{nonce}'`), filled in for
    /// each response.
    #[must_use]
    pub fn has_nonce(&self) -> bool {
        self.template.is_some()
    }

    /// The value for one response: the rendered value, or the template filled with `nonce`
    /// (one allocation, the value's own buffer).
    #[inline]
    fn value_for(&self, nonce: Option<&CspNonce>) -> HeaderValue {
        let (Some(template), Some(nonce)) = (&self.template, nonce) else {
            return self.value.clone();
        };
        // The template was checked at build time and a nonce is base64: always valid.
        HeaderValue::from_maybe_shared(bytes::Bytes::from(template.fill(nonce)))
            .unwrap_or_else(|_| self.value.clone())
    }
}

/// A header value with a per-request nonce, prepared at build time: the whole value with
/// room for a nonce at each slot, so that a response costs one copy of the value and a
/// 24-byte write per slot.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Template {
    bytes: Box<[u8]>,
    /// Where each nonce goes in `bytes`.
    slots: Box<[usize]>,
}

impl Template {
    /// The template of a value in which `{nonce}` marks each slot, if it has one.
    fn parse(value: &str) -> Option<Self> {
        let slot = crate::nonce::NONCE_SLOT;
        if !value.contains(slot) {
            return None;
        }
        let room = [b'A'; crate::nonce::LEN];
        let mut bytes = Vec::with_capacity(value.len() + room.len());
        let mut slots = Vec::new();
        for (i, segment) in value.split(slot).enumerate() {
            if i > 0 {
                slots.push(bytes.len());
                bytes.extend_from_slice(&room);
            }
            bytes.extend_from_slice(segment.as_bytes());
        }
        Some(Self {
            bytes: bytes.into_boxed_slice(),
            slots: slots.into_boxed_slice(),
        })
    }

    /// The value with `nonce` in every slot.
    fn fill(&self, nonce: &CspNonce) -> Vec<u8> {
        let mut buf = self.bytes.to_vec();
        let nonce = nonce.as_bytes();
        for &at in &*self.slots {
            if let Some(room) = buf.get_mut(at..at + nonce.len()) {
                room.copy_from_slice(nonce);
            }
        }
        buf
    }
}

/// What the middleware decided for one request, carried from the request to its response.
///
/// Today it holds the request's [`CspNonce`], if the policy uses one. Middleware makes one
/// with [`Secure::request_context`] before calling the handler, and applies the headers
/// with [`Secure::apply_to_response_with`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RequestContext {
    nonce: Option<CspNonce>,
    secure: bool,
}

impl RequestContext {
    /// A context carrying `nonce`.
    #[must_use]
    pub fn with_nonce(nonce: CspNonce) -> Self {
        Self {
            nonce: Some(nonce),
            secure: false,
        }
    }

    /// This context, for a request known to be secure (TLS, or HTTPS behind a trusted
    /// proxy) or not.
    #[must_use]
    pub fn secure(mut self, secure: bool) -> Self {
        self.secure = secure;
        self
    }

    /// Whether the request was found secure. Without [`Secure::inspect`] nobody looked,
    /// and this is `false`: then only [`HstsMode::SecureOnly`] cares, and it leaves HSTS out.
    ///
    /// [`HstsMode::SecureOnly`]: crate::transport::HstsMode::SecureOnly
    #[must_use]
    pub fn is_secure(&self) -> bool {
        self.secure
    }

    /// The request's CSP nonce, if the policy uses one.
    #[must_use]
    pub fn nonce(&self) -> Option<&CspNonce> {
        self.nonce.as_ref()
    }
}

#[derive(Debug)]
struct Inner {
    uses_nonce: bool,
    /// A nonce is made for every request even if no header here uses it (for overrides).
    provides_nonce: bool,
    /// Nothing but the entries to insert: no nonce, no removal, no cookie hardening, no
    /// header that depends on the request. Decided at build time, so that the common case
    /// takes the shortest path on every response.
    plain: bool,
    /// Like `plain`, but with nonces allowed: the entries (some filled with the request's
    /// nonce) are all there is to insert, and none is a nonce policy under `IfAbsent`.
    simple: bool,
    removals: Box<[HeaderName]>,
    cookies: Option<CookieHardening>,
    transport: Transport,
    entries: Box<[Entry]>,
    report: PipelineReport,
    builder: SecureBuilder,
}

/// A set of security headers, rendered once and applied to any number of responses.
///
/// Build one from a [`Preset`], with [`Secure::builder`], or take the default
/// ([`Secure::with_default_headers`], the `Balanced` preset). Every header is validated and
/// rendered when the `Secure` is built, into an immutable list shared behind an `Arc`:
/// cloning a `Secure` is one reference-count increment, and
/// [`set_headers`](Secure::set_headers) does no formatting and no allocation beyond the
/// header map's own growth.
///
/// ```
/// use secure_headers::Secure;
///
/// let secure = Secure::with_default_headers();
/// let mut response = secure_headers::http::Response::new(());
/// secure.set_headers(&mut response);
/// assert_eq!(response.headers()["x-content-type-options"], "nosniff");
/// assert_eq!(response.headers()["strict-transport-security"], "max-age=31536000; includeSubDomains");
/// ```
#[derive(Clone)]
pub struct Secure {
    inner: Arc<Inner>,
}

impl PartialEq for Secure {
    /// Two `Secure`s are equal when they send the same headers, in the same order, with the
    /// same insert modes.
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner) || self.inner.entries == other.inner.entries
    }
}

impl Eq for Secure {}

impl Secure {
    /// A `Secure` that sends no header at all (the seed's `Secure()`).
    ///
    /// ```
    /// assert_eq!(secure_headers::Secure::new().header_items().count(), 0);
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::from_parts(Vec::new(), PipelineReport::default(), SecureBuilder::new())
    }

    /// The `Balanced` preset: the recommended default.
    ///
    /// ```
    /// use secure_headers::{Preset, Secure};
    /// assert_eq!(Secure::with_default_headers(), Secure::from_preset(Preset::Balanced));
    /// ```
    #[must_use]
    pub fn with_default_headers() -> Self {
        Self::from_preset(Preset::Balanced)
    }

    /// The headers of `preset`, exactly as `secure` 2.0.1 sends them.
    ///
    /// ```
    /// use secure_headers::{Preset, Secure};
    /// let strict = Secure::from_preset(Preset::Strict);
    /// assert_eq!(strict.header_items().next(), Some(("Cache-Control", "no-store, max-age=0")));
    /// ```
    #[must_use]
    pub fn from_preset(preset: Preset) -> Self {
        preset
            .builder()
            .build()
            .expect("every preset is valid: the preset tests build each one")
    }

    /// A builder with no header configured yet.
    pub fn builder() -> SecureBuilder {
        SecureBuilder::new()
    }

    fn from_parts(entries: Vec<Entry>, report: PipelineReport, builder: SecureBuilder) -> Self {
        let removals = builder
            .removals
            .iter()
            .filter_map(|n| crate::header::header_name(n))
            .collect();
        let uses_nonce = entries.iter().any(Entry::has_nonce);
        // A nonce policy under `IfAbsent` takes the general loop, which fills the template
        // only if the header is inserted (the simple loop makes each value first: cheaper
        // for everything else).
        let simple = builder.removals.is_empty()
            && builder.cookies.is_none()
            && !entries
                .iter()
                .any(|e| e.only_secure || (e.template.is_some() && e.mode == InsertMode::IfAbsent));
        Self {
            inner: Arc::new(Inner {
                uses_nonce,
                provides_nonce: builder.provide_nonce,
                plain: simple && !uses_nonce,
                simple,
                removals,
                cookies: builder.cookies.clone(),
                transport: builder.transport.clone(),
                entries: entries.into_boxed_slice(),
                report,
                builder,
            }),
        }
    }

    /// The typed builder this `Secure` was built from, to derive a variant.
    ///
    /// ```
    /// use secure_headers::Secure;
    /// let strict_frames = Secure::with_default_headers()
    ///     .to_builder()
    ///     .map_xfo(|xfo| xfo.deny())
    ///     .build()
    ///     .unwrap();
    /// assert!(strict_frames.to_string().contains("X-Frame-Options: DENY"));
    /// ```
    pub fn to_builder(&self) -> SecureBuilder {
        self.inner.builder.clone()
    }

    /// A variant of this `Secure`: `f` changes a copy of its builder, which is then built.
    /// Derive variants once (at start-up), and hand them to the routes or responses that
    /// need them (see the framework integrations' per-route overrides).
    ///
    /// ```
    /// use secure_headers::Secure;
    /// let base = Secure::with_default_headers();
    /// let embeddable = base.derive(|b| b.without("X-Frame-Options").map_csp(|c| c.frame_ancestors(["https://partner.example"])))?;
    /// assert!(embeddable.header_items().all(|(n, _)| n != "X-Frame-Options"));
    /// assert!(embeddable.to_string().contains("frame-ancestors 'self' https://partner.example;"));
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SecureBuilder::build`].
    pub fn derive(&self, f: impl FnOnce(SecureBuilder) -> SecureBuilder) -> Result<Self, Error> {
        f(self.to_builder()).build()
    }

    /// The headers as `(name, value)` pairs, in emission order.
    ///
    /// ```
    /// use secure_headers::{Preset, Secure};
    /// let secure = Secure::from_preset(Preset::Balanced);
    /// let items: Vec<_> = secure.header_items().collect();
    /// assert_eq!(items[0], ("Cross-Origin-Opener-Policy", "same-origin"));
    /// assert_eq!(items.len(), 9);
    /// ```
    #[must_use = "the iterator does nothing unless consumed"]
    pub fn header_items(&self) -> impl ExactSizeIterator<Item = (&str, &str)> + '_ {
        self.inner.entries.iter().map(|e| (e.name(), e.value_str()))
    }

    /// The rendered entries, in emission order.
    #[must_use]
    pub fn entries(&self) -> &[Entry] {
        &self.inner.entries
    }

    /// What the build pipeline decided (empty when no pipeline step was configured).
    #[must_use]
    pub fn report(&self) -> &PipelineReport {
        &self.inner.report
    }

    /// Applies the headers to a response or header map, each according to its
    /// [`InsertMode`]: a configured header replaces the application's value, names in
    /// [`MULTI_OK`] are appended, and every other header the application set (repeated
    /// `Set-Cookie`, `Vary`, ...) stays as it was.
    ///
    /// ```
    /// use secure_headers::Secure;
    /// use secure_headers::http::{HeaderMap, HeaderValue, header};
    ///
    /// let mut map = HeaderMap::new();
    /// map.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("img-src 'none'"));
    /// Secure::with_default_headers().set_headers(&mut map);
    /// // The application's CSP stays and ours is added: browsers enforce both.
    /// assert_eq!(map.get_all(header::CONTENT_SECURITY_POLICY).iter().count(), 2);
    /// ```
    ///
    /// A policy with a per-request nonce gets a fresh nonce on each call; to know the nonce
    /// (to put it in the page), use [`Secure::request_context`] and
    /// [`Secure::set_headers_with`].
    #[inline]
    pub fn set_headers<S>(&self, sink: &mut S)
    where
        S: HeaderSink<Name = HeaderName, Value = HeaderValue> + ?Sized,
    {
        if self.inner.plain {
            self.set_plain(sink, |e| e.value.clone());
        } else {
            self.set_headers_with(sink, &self.request_context());
        }
    }

    /// Every entry inserted with the value `value` gives it: the whole job when
    /// `inner.simple` (`inner.plain`: the value as rendered).
    #[inline]
    fn set_plain<S>(&self, sink: &mut S, value: impl Fn(&Entry) -> HeaderValue)
    where
        S: HeaderSink<Name = HeaderName, Value = HeaderValue> + ?Sized,
    {
        let entries = &*self.inner.entries;
        sink.reserve(entries.len());
        for e in entries {
            e.mode.apply(sink, &e.header_name, value(e));
        }
    }

    /// Like [`set_headers`](Secure::set_headers), for the request `context` was made for:
    /// its nonce fills every `'nonce-{nonce}'` slot.
    #[inline]
    pub fn set_headers_with<S>(&self, sink: &mut S, context: &RequestContext)
    where
        S: HeaderSink<Name = HeaderName, Value = HeaderValue> + ?Sized,
    {
        if self.inner.simple {
            let nonce = context.nonce();
            return self.set_plain(sink, |e| e.value_for(nonce));
        }
        let entries = &*self.inner.entries;
        self.drive(
            sink,
            context,
            |i| &entries[i].header_name,
            |_, e| Some(e.value_for(context.nonce())),
            self.inner.removals.iter(),
            &http::header::SET_COOKIE,
        );
    }

    /// Converts this `Secure`'s names and values once into another library's header types
    /// (actix-web's, Rocket's, ...), for [`set_headers_converted`](Secure::set_headers_converted).
    /// `None` if a name or value has no equivalent there.
    pub fn convert<N, V>(
        &self,
        mut name: impl FnMut(&str) -> Option<N>,
        mut value: impl FnMut(&[u8]) -> Option<V>,
    ) -> Option<Converted<N, V>> {
        let inner = &*self.inner;
        let entries = inner
            .entries
            .iter()
            .map(|e| Some((name(e.header_name.as_str())?, value(e.value.as_bytes())?)))
            .collect::<Option<Box<[_]>>>()?;
        let removals = inner
            .removals
            .iter()
            .map(|n| name(n.as_str()))
            .collect::<Option<Box<[_]>>>()?;
        Some(Converted {
            entries,
            removals,
            set_cookie: name("set-cookie")?,
        })
    }

    /// The one apply path for sinks of other header types: exactly what
    /// [`set_headers_with`](Secure::set_headers_with) does (removals, insert modes, HSTS on
    /// secure requests only, the request's nonce, cookie hardening), with the names and
    /// values `converted` holds. `value` converts a per-request value (a policy filled with
    /// the request's nonce).
    pub fn set_headers_converted<S>(
        &self,
        converted: &Converted<S::Name, S::Value>,
        sink: &mut S,
        context: &RequestContext,
        value: impl Fn(&[u8]) -> Option<S::Value>,
    ) where
        S: HeaderSink + ?Sized,
        S::Value: Clone,
    {
        let nonce = context.nonce();
        self.drive(
            sink,
            context,
            |i| &converted.entries[i].0,
            |i, e| match (&e.template, nonce) {
                (Some(template), Some(n)) => value(&template.fill(n)),
                _ => Some(converted.entries[i].1.clone()),
            },
            converted.removals.iter(),
            &converted.set_cookie,
        );
    }

    /// The loop behind every apply path.
    #[inline]
    fn drive<'a, S>(
        &self,
        sink: &mut S,
        context: &RequestContext,
        name: impl Fn(usize) -> &'a S::Name,
        value: impl Fn(usize, &Entry) -> Option<S::Value>,
        removals: impl Iterator<Item = &'a S::Name>,
        set_cookie: &S::Name,
    ) where
        S: HeaderSink + ?Sized,
        S::Name: 'a,
    {
        let inner = &*self.inner;
        for n in removals {
            sink.remove(n);
        }
        sink.reserve(inner.entries.len());
        for (i, e) in inner.entries.iter().enumerate() {
            if e.only_secure && !context.secure {
                continue;
            }
            e.mode.apply_lazy(sink, name(i), || value(i, e));
        }
        if let Some(cookies) = &inner.cookies {
            let add_secure = !inner.transport.development;
            sink.rewrite(set_cookie, &mut |v| cookies.harden(v, add_secure));
        }
    }

    /// Decides, once per request and before the handler runs, everything that depends on
    /// the request: whether it is secure (TLS, or HTTPS forwarded by a trusted proxy),
    /// whether its host is allowed, whether to redirect it to HTTPS, and its CSP nonce.
    /// Every framework integration calls this; what it returns is handed to
    /// [`apply_to_response_with`](Secure::apply_to_response_with) (or
    /// [`set_headers_with`](Secure::set_headers_with)).
    ///
    /// # Errors
    ///
    /// An [`EarlyResponse`] (a redirect, or a refusal of a bad host) to send instead of
    /// calling the handler; it carries the security headers too when built with
    /// [`EarlyResponse::into_response`].
    ///
    /// ```
    /// use secure_headers::Secure;
    /// use secure_headers::transport::{HttpRequest, HttpsRedirect};
    /// use secure_headers::http::Request;
    ///
    /// let secure = Secure::with_default_headers()
    ///     .derive(|b| b.https_redirect(HttpsRedirect::new()))?;
    /// let req = Request::get("/a?b=1").header("host", "example.com").body(()).unwrap();
    /// let early = secure.inspect(&HttpRequest::new(&req)).unwrap_err();
    /// assert_eq!(early.status(), 308);
    /// assert_eq!(early.location().unwrap(), "https://example.com/a?b=1");
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    pub fn inspect(&self, request: &impl RequestView) -> Result<RequestContext, EarlyResponse> {
        let transport = &self.inner.transport;
        if !transport.inspects() {
            return Ok(self.request_context());
        }
        match transport.decide(request) {
            Verdict::Proceed { secure } => Ok(self.request_context().secure(secure)),
            // A redirect only ever answers a request that is not secure; a refusal may
            // answer one that is (and then carries HSTS in secure-only mode).
            Verdict::Redirect { status, location } => Err(EarlyResponse {
                status,
                location: Some(location),
                secure: false,
            }),
            Verdict::Reject { status } => Err(EarlyResponse {
                status,
                location: None,
                secure: transport.is_secure(request),
            }),
        }
    }

    /// Whether any header carries a per-request nonce.
    #[must_use]
    pub fn uses_nonce(&self) -> bool {
        self.inner.uses_nonce
    }

    /// What middleware decides once per request, before the handler runs: a fresh
    /// [`CspNonce`] if the policy uses one (with the `nonce` feature), nothing otherwise
    /// (then this costs nothing).
    ///
    /// If the operating system cannot give random bytes, the context has no nonce and the
    /// `'nonce-…'` sources are sent with their `{nonce}` slot unfilled, which matches no
    /// script: the policy fails closed.
    #[must_use]
    #[inline]
    pub fn request_context(&self) -> RequestContext {
        if !self.inner.uses_nonce && !self.inner.provides_nonce {
            return RequestContext::default();
        }
        #[cfg(feature = "nonce")]
        {
            match CspNonce::generate() {
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

impl Secure {
    /// Applies the headers to an `http::Response`, as every `http`-based middleware does:
    /// a [`SecureOverride`](crate::SecureOverride) in the response's extensions is applied
    /// instead of `self`, and `101 Switching Protocols` responses (WebSocket upgrades) are
    /// left alone, as the seed's ASGI middleware leaves WebSocket connections alone.
    ///
    /// ```
    /// use secure_headers::Secure;
    /// use secure_headers::http::{Response, StatusCode};
    ///
    /// let secure = Secure::with_default_headers();
    /// let mut ok = Response::new(());
    /// secure.apply_to_response(&mut ok);
    /// assert_eq!(ok.headers()["x-content-type-options"], "nosniff");
    ///
    /// let mut upgrade = Response::builder().status(StatusCode::SWITCHING_PROTOCOLS).body(()).unwrap();
    /// secure.apply_to_response(&mut upgrade);
    /// assert!(upgrade.headers().is_empty());
    /// ```
    #[inline]
    pub fn apply_to_response<B>(&self, response: &mut http::Response<B>) {
        self.apply_to_response_with(response, &RequestContext::default());
    }

    /// [`apply_to_response`](Secure::apply_to_response) for the request `context` was made
    /// for (see [`Secure::request_context`]).
    #[inline]
    pub fn apply_to_response_with<B>(
        &self,
        response: &mut http::Response<B>,
        context: &RequestContext,
    ) {
        if response.status() == http::StatusCode::SWITCHING_PROTOCOLS {
            return;
        }
        let secure = response
            .extensions_mut()
            .remove::<crate::SecureOverride>()
            .map(crate::SecureOverride::into_secure);
        let secure = secure.as_ref().unwrap_or(self);
        if secure.inner.plain {
            secure.set_plain(response.headers_mut(), |e| e.value.clone());
        } else if context.nonce.is_none() && secure.inner.uses_nonce {
            // An override with a nonce on a request that had none: a fresh one, keeping
            // what the request was found to be.
            let fresh = secure.request_context().secure(context.secure);
            secure.set_headers_with(response.headers_mut(), &fresh);
        } else {
            secure.set_headers_with(response.headers_mut(), context);
        }
    }
}

/// A [`Secure`]'s header names and values converted once into another library's header
/// types; see [`Secure::convert`].
#[derive(Clone, Debug)]
pub struct Converted<N, V> {
    entries: Box<[(N, V)]>,
    removals: Box<[N]>,
    set_cookie: N,
}

/// A response to send instead of calling the handler: an HTTPS redirect, or the refusal
/// of a request whose host is not allowed. See [`Secure::inspect`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EarlyResponse {
    status: http::StatusCode,
    location: Option<HeaderValue>,
    secure: bool,
}

impl EarlyResponse {
    /// The status: a redirect (301, 302, 307, 308) or a refusal (400 by default).
    #[must_use]
    pub fn status(&self) -> http::StatusCode {
        self.status
    }

    /// The context to apply the security headers with (it records whether the refused
    /// request was secure, for HSTS in secure-only mode).
    #[must_use]
    pub fn context(&self) -> RequestContext {
        RequestContext::default().secure(self.secure)
    }

    /// The `Location` of a redirect.
    #[must_use]
    pub fn location(&self) -> Option<&HeaderValue> {
        self.location.as_ref()
    }

    /// The response, with `body`, `Location` if a redirect, and `secure`'s headers.
    pub fn into_response<B>(self, secure: &Secure, body: B) -> http::Response<B> {
        let mut response = http::Response::new(body);
        *response.status_mut() = self.status;
        let context = self.context();
        if let Some(location) = self.location {
            response
                .headers_mut()
                .insert(http::header::LOCATION, location);
        }
        secure.apply_to_response_with(&mut response, &context);
        response
    }
}

impl Default for Secure {
    /// The `Balanced` preset, as [`Secure::with_default_headers`]. (The seed's bare
    /// `Secure()` with no header is [`Secure::new`].)
    fn default() -> Self {
        Self::with_default_headers()
    }
}

impl fmt::Display for Secure {
    /// `Name: value` lines, like the seed's `str()`.
    ///
    /// ```
    /// use secure_headers::{Secure, XContentTypeOptions, XFrameOptions};
    /// let s = Secure::builder().xcto(XContentTypeOptions::new()).xfo(XFrameOptions::new().deny()).build().unwrap();
    /// assert_eq!(s.to_string(), "X-Content-Type-Options: nosniff\nX-Frame-Options: DENY");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (name, value)) in self.header_items().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{name}: {value}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Secure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.header_items()).finish()
    }
}

macro_rules! slots {
    ($($field:ident, $map:ident: $ty:ty;)*) => {
        #[derive(Clone, Debug, Default, PartialEq, Eq)]
        struct Slots {
            $($field: Option<$ty>,)*
        }

        impl Slots {
            /// Renders the configured policies in the seed's fixed emission order.
            fn render(&self, out: &mut Vec<Rendered>) -> Result<(), Error> {
                $(if let Some(p) = &self.$field {
                    out.push(render(p)?);
                })*
                Ok(())
            }

            /// Removes the policy whose header is `name`; whether one was configured.
            fn remove(&mut self, name: &str) -> bool {
                $(if self.$field.as_ref().is_some_and(|p| p.name().eq_ignore_ascii_case(name)) {
                    self.$field = None;
                    return true;
                })*
                false
            }
        }

        impl SecureBuilder {
            $(
                #[doc = concat!("Sends a [`", stringify!($ty), "`] (replacing one set before).")]
                pub fn $field(mut self, policy: impl Into<$ty>) -> Self {
                    self.slots.$field = Some(policy.into());
                    self
                }

                #[doc = concat!("Changes the [`", stringify!($ty), "`] configured so far (or a new one) with `f`:")]
                /// the way to start from a preset and adjust one part of it.
                pub fn $map(mut self, f: impl FnOnce($ty) -> $ty) -> Self {
                    let current = self.slots.$field.take().unwrap_or_default();
                    self.slots.$field = Some(f(current));
                    self
                }
            )*
        }
    };
}

slots! {
    cache, map_cache: CacheControl;
    coep, map_coep: CrossOriginEmbedderPolicy;
    coop, map_coop: CrossOriginOpenerPolicy;
    corp, map_corp: CrossOriginResourcePolicy;
    csp, map_csp: ContentSecurityPolicy;
    csp_report_only, map_csp_report_only: ContentSecurityPolicyReportOnly;
    hsts, map_hsts: StrictTransportSecurity;
    permissions, map_permissions: PermissionsPolicy;
    referrer, map_referrer: ReferrerPolicy;
    xpcdp, map_xpcdp: XPermittedCrossDomainPolicies;
    xdfc, map_xdfc: XDnsPrefetchControl;
    server, map_server: Server;
    xcto, map_xcto: XContentTypeOptions;
    xfo, map_xfo: XFrameOptions;
    origin_agent_cluster, map_origin_agent_cluster: OriginAgentCluster;
    x_download_options, map_x_download_options: XDownloadOptions;
    x_xss_protection, map_x_xss_protection: XXssProtection;
    clear_site_data, map_clear_site_data: ClearSiteData;
    reporting_endpoints, map_reporting_endpoints: ReportingEndpoints;
}

fn render(p: &impl Policy) -> Result<Rendered, Error> {
    let value = p.render().map_err(|e| e.or_header(p.name()))?;
    Ok(Rendered {
        name: p.name().to_owned(),
        value,
    })
}

/// Builds a [`Secure`]: one typed policy per header, custom headers, insert modes and the
/// optional pipeline. Nothing is checked until [`build`](SecureBuilder::build), which
/// validates and renders everything once.
///
/// Headers are emitted in a fixed order whatever the order of the calls (the seed's):
/// `Cache-Control`, `Cross-Origin-Embedder-Policy`, `Cross-Origin-Opener-Policy`,
/// `Cross-Origin-Resource-Policy`, `Content-Security-Policy`,
/// `Content-Security-Policy-Report-Only`, `Strict-Transport-Security`,
/// `Permissions-Policy`, `Referrer-Policy`, `X-Permitted-Cross-Domain-Policies`,
/// `X-DNS-Prefetch-Control`, `Server`, `X-Content-Type-Options`, `X-Frame-Options`,
/// `Origin-Agent-Cluster`, `X-Download-Options`, `X-XSS-Protection`, `Clear-Site-Data`,
/// `Reporting-Endpoints`,
/// then the custom headers in the order they were added.
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
    slots: Slots,
    custom: Vec<CustomHeader>,
    multi_ok: Vec<String>,
    modes: Vec<(String, InsertMode)>,
    steps: Vec<Step>,
    removals: Vec<String>,
    cookies: Option<CookieHardening>,
    transport: Transport,
    provide_nonce: bool,
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
        }
    }

    /// Makes a [`CspNonce`] for every request even when no header of this set uses one, so
    /// that a per-route or per-response [`SecureOverride`](crate::SecureOverride) whose CSP
    /// has `'nonce-{nonce}'` gets the request's nonce, the one the handler sees. (The
    /// nonce is made before the handler runs, when the override is not known yet.) Needs
    /// the `nonce` feature.
    pub fn provide_nonce(mut self, yes: bool) -> Self {
        self.provide_nonce = yes;
        self
    }

    /// Trusts these reverse proxies (IP addresses or CIDR ranges such as `10.0.0.0/8`):
    /// their `Forwarded` / `X-Forwarded-Proto` / `X-Forwarded-Host` headers are believed.
    /// No proxy is trusted by default, so forwarded headers change nothing.
    pub fn trusted_proxies<I>(mut self, proxies: I) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        self.transport
            .add_trusted(proxies.into_iter().map(|p| p.as_ref().to_owned()));
        self
    }

    /// When to send HSTS: always (the default, as the seed) or only on secure requests.
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
    /// application's instead of replacing it: the seed middleware's `multi_ok` (default
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

    /// Adds the seed's `allowlist_headers` step: headers not in the allowlist fail the
    /// build, are dropped, or are kept with a warning.
    pub fn allowlist_headers(mut self, options: AllowlistOptions) -> Self {
        self.steps.push(Step::Allowlist(options));
        self
    }

    /// Adds the seed's `deduplicate_headers` step.
    pub fn deduplicate_headers(mut self, options: DeduplicateOptions) -> Self {
        self.steps.push(Step::Deduplicate(options));
        self
    }

    /// Adds the seed's `validate_and_normalize_headers` step.
    pub fn validate_and_normalize_headers(mut self, options: NormalizeOptions) -> Self {
        self.steps.push(Step::Normalize(options));
        self
    }

    fn mode_of(&self, name: &str) -> InsertMode {
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

    /// Validates and renders every header, runs the pipeline steps in the order they were
    /// added, checks the result with the [`lint`](crate::lint) rules, and returns the
    /// immutable [`Secure`].
    ///
    /// # Errors
    ///
    /// The first invalid input given to any policy (naming the header, the directive and the
    /// input), a pipeline step in a raising mode, a custom header whose name or value
    /// cannot be sent, or a lint finding of [`Severity::Error`](crate::lint::Severity::Error)
    /// ([`ErrorKind::Lint`], naming the rule in the detail; see
    /// [`validate`](Self::validate)).
    ///
    /// ```
    /// use secure_headers::{ErrorKind, Secure, StrictTransportSecurity};
    ///
    /// let err = Secure::builder()
    ///     .hsts(StrictTransportSecurity::new().value("max-age=63072000; preload"))
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Lint);
    /// assert_eq!(err.header(), Some("Strict-Transport-Security"));
    /// assert!(err.detail().unwrap().starts_with("hsts-preload-needs-subdomains: "));
    /// ```
    pub fn build(&self) -> Result<Secure, Error> {
        self.transport.check()?;
        if self.provide_nonce && !cfg!(feature = "nonce") {
            return Err(Error::new(ErrorKind::Conflict)
                .with_directive("provide_nonce")
                .with_detail("per-request nonces need the `nonce` feature"));
        }
        for name in &self.removals {
            if crate::header::header_name(name).is_none() {
                return Err(Error::new(ErrorKind::InvalidHeaderName)
                    .with_directive("remove_headers")
                    .with_input(name.as_str()));
            }
        }
        if self.transport.development {
            #[cfg(feature = "tracing")]
            tracing::warn!(
                target: "secure_headers",
                "development mode is on: no HSTS, no upgrade-insecure-requests, no HTTPS redirect, no host check"
            );
            let mut secure = self.development_variant().build_entries()?;
            // Keep the original builder (with development mode on) inside.
            let inner = Arc::get_mut(&mut secure.inner).expect("just built, not shared");
            inner.builder = self.clone();
            inner.transport.development = true;
            return Ok(secure);
        }
        self.build_entries()
    }

    /// What development mode sends: no HSTS, no `upgrade-insecure-requests`.
    fn development_variant(&self) -> Self {
        let mut dev = self.clone();
        dev.transport.development = false;
        dev.slots.hsts = None;
        dev.slots.csp = dev
            .slots
            .csp
            .take()
            .map(|c| c.remove_directive("upgrade-insecure-requests"));
        dev.slots.csp_report_only = dev
            .slots
            .csp_report_only
            .take()
            .map(|c| c.map(|c| c.remove_directive("upgrade-insecure-requests")));
        dev
    }

    fn build_entries(&self) -> Result<Secure, Error> {
        let (items, report, obs_text) = self.render_all()?;
        let pairs: Vec<(&str, &str)> = items
            .iter()
            .map(|r| (r.name.as_str(), r.value.as_str()))
            .collect();
        if let Some(f) = crate::lint::errors(&pairs) {
            let mut e = Error::new(ErrorKind::Lint)
                .with_header(f.header())
                .with_detail(format!("{}: {}", f.rule(), f.message()));
            if let Some(d) = f.directive() {
                e = e.with_directive(d);
            }
            if let Some(v) = f.value() {
                e = e.with_input(v);
            }
            return Err(e);
        }
        let entries = items
            .into_iter()
            .map(|r| self.entry(r, obs_text))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Secure::from_parts(entries, report, self.clone()))
    }

    /// Checks the configuration without building it: the findings of the
    /// [`lint`](crate::lint) rules on the headers [`build`](Self::build) would send (see
    /// [`lint_secure`](crate::lint::lint_secure)). A header that cannot be rendered is a
    /// [`Rule::HeaderInvalid`](crate::lint::Rule::HeaderInvalid) finding. `build()` fails
    /// exactly when a finding has [`Severity::Error`](crate::lint::Severity::Error).
    ///
    /// ```
    /// use secure_headers::lint::{Rule, Severity};
    /// use secure_headers::{Preset, XFrameOptions};
    ///
    /// let builder = Preset::Balanced
    ///     .builder()
    ///     .xfo(XFrameOptions::new().deny())
    ///     .map_csp(|csp| csp.script_src(["'unsafe-inline'"]));
    /// let findings = builder.validate();
    /// let rules: Vec<Rule> = findings.iter().map(|f| f.rule()).collect();
    /// assert!(rules.contains(&Rule::CspUnsafeInline));
    /// assert!(rules.contains(&Rule::XfoFrameAncestorsMismatch)); // DENY against frame-ancestors 'self'
    /// assert!(findings.iter().all(|f| f.severity() != Severity::Error));
    /// assert!(builder.build().is_ok());
    /// ```
    #[must_use]
    pub fn validate(&self) -> Vec<crate::lint::Finding> {
        let dev;
        let builder = if self.transport.development {
            dev = self.development_variant();
            &dev
        } else {
            self
        };
        match builder.render_all() {
            Ok((items, _, _)) => {
                let pairs: Vec<(&str, &str)> = items
                    .iter()
                    .map(|r| (r.name.as_str(), r.value.as_str()))
                    .collect();
                crate::lint::lint_pairs(&pairs, crate::lint::Scope::Configuration)
            }
            Err(e) => vec![crate::lint::Finding::from_error(&e)],
        }
    }

    /// Renders every header and runs the pipeline: the headers `build()` sends, its report,
    /// and whether obs-text is allowed.
    fn render_all(&self) -> Result<(Vec<Rendered>, PipelineReport, bool), Error> {
        let mut items = Vec::with_capacity(20);
        self.slots.render(&mut items)?;
        for c in &self.custom {
            items.push(render(c)?);
        }
        let mut report = PipelineReport::default();
        let mut obs_text = false;
        for step in &self.steps {
            items = pipeline::run(step, items, &self.multi_ok, &mut report)?;
            if let Step::Normalize(o) = step {
                obs_text |= o.allows_obs_text();
            }
        }
        Ok((items, report, obs_text))
    }

    fn entry(&self, r: Rendered, obs_text: bool) -> Result<Entry, Error> {
        let template = self.template(&r)?;
        let header_name = crate::header::header_name(&r.name).ok_or_else(|| {
            Error::new(ErrorKind::InvalidHeaderName)
                .with_header(r.name.as_str())
                .with_input(r.name.as_str())
        })?;
        let invalid = || {
            Error::new(ErrorKind::InvalidHeaderValue)
                .with_header(r.name.as_str())
                .with_input(r.value.as_str())
        };
        let mut bytes = Vec::with_capacity(r.value.len());
        for c in r.value.chars() {
            match u32::from(c) {
                0x09 | 0x20..=0x7e => bytes.push(c as u8),
                0x80..=0xff if obs_text => bytes.push(c as u8),
                n => return Err(invalid().with_detail(format!("U+{n:04X} cannot be sent"))),
            }
        }
        let value = crate::header::header_value(bytes).map_err(|_| invalid())?;
        let mode = self.mode_of(&r.name);
        let only_secure = self.transport.hsts == HstsMode::SecureOnly
            && r.name.eq_ignore_ascii_case("strict-transport-security");
        let name = match crate::header::canonical_name(&r.name) {
            Some(s) => Cow::Borrowed(s),
            None => Cow::Owned(r.name),
        };
        Ok(Entry {
            name,
            text: r.value.into_boxed_str(),
            header_name,
            value,
            mode,
            template,
            only_secure,
        })
    }

    /// The template of a CSP that uses [`Source::nonce`], with a slot for each nonce.
    ///
    /// [`Source::nonce`]: crate::csp::Source::nonce
    fn template(&self, r: &Rendered) -> Result<Option<Box<Template>>, Error> {
        let is_csp = r.name.eq_ignore_ascii_case("content-security-policy")
            || r.name
                .eq_ignore_ascii_case("content-security-policy-report-only");
        if !is_csp || !r.value.contains(crate::nonce::NONCE_SOURCE) {
            return Ok(None);
        }
        if !cfg!(feature = "nonce") {
            return Err(Error::new(ErrorKind::Conflict)
                .with_header(r.name.as_str())
                .with_input(crate::nonce::NONCE_SOURCE)
                .with_detail("per-request nonces need the `nonce` feature"));
        }
        Ok(Template::parse(&r.value).map(Box::new))
    }
}
