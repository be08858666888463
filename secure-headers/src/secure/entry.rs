//! A rendered header ([`Entry`]), how it meets the application's ([`InsertMode`]), and the
//! template of a value with per-request nonces.

use std::borrow::Cow;

use http::{HeaderName, HeaderValue};

use crate::{CspNonce, HeaderSink};

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
    /// Replace every value the application set (Python's `secure` 2.0.1 middleware's rule, and the default).
    #[default]
    Overwrite,
    /// Keep the application's values and add ours after them (`secure` 2.0.1's rule for the
    /// [`MULTI_OK`](crate::MULTI_OK) names: two CSPs are both enforced, so the application can only tighten).
    Append,
    /// Set the header only if the application did not.
    IfAbsent,
}

impl InsertMode {
    /// Writes `value` under `name` into `sink` according to this mode. This is the one
    /// place where insertion semantics live; every integration goes through it.
    #[inline(always)]
    pub fn apply<S: HeaderSink + ?Sized>(self, sink: &mut S, name: &S::Name, value: S::Value) {
        // One call site of `insert` for both modes that insert: the loops that call this
        // stay small enough for the sink's methods to be inlined into them.
        match self {
            Self::Append => sink.append(name, value),
            Self::IfAbsent if sink.contains(name) => {}
            Self::Overwrite | Self::IfAbsent => sink.insert(name, value),
        }
    }

    /// [`apply`](Self::apply) with a value made only if it is written: a header the
    /// application set under [`IfAbsent`](Self::IfAbsent) costs no rendering. `None` from
    /// `value` writes nothing.
    #[inline(always)]
    pub(crate) fn apply_lazy<S: HeaderSink + ?Sized>(
        self,
        sink: &mut S,
        name: &S::Name,
        value: impl FnOnce() -> Option<S::Value>,
    ) {
        // One call site each of `value`, `insert` and `append`: the loops that call this
        // stay small enough for them to be inlined.
        if self == Self::IfAbsent && sink.contains(name) {
            return;
        }
        let Some(value) = value() else { return };
        if self == Self::Append {
            sink.append(name, value);
        } else {
            sink.insert(name, value);
        }
    }
}

/// One rendered header of a [`Secure`](crate::Secure): its name as configured, the `http` name and value
/// ready to insert, and its [`InsertMode`].
///
/// ```
/// use secure_headers::{InsertMode, Preset, Secure};
///
/// let secure = Secure::from_preset(Preset::Strict);
/// let csp = secure.entries().iter().find(|e| e.name() == "Content-Security-Policy").unwrap();
/// assert_eq!(csp.mode(), InsertMode::Append); // the application can only tighten it
/// assert!(csp.value_str().starts_with("default-src 'self'"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub(crate) name: Cow<'static, str>,
    pub(crate) text: Box<str>,
    pub(crate) header_name: HeaderName,
    pub(crate) value: HeaderValue,
    pub(crate) mode: InsertMode,
    /// For a policy with a per-request nonce: the value with room for the nonce at each
    /// slot.
    pub(crate) template: Option<Box<Template>>,
    /// Sent only on secure requests (HSTS with `HstsMode::SecureOnly`).
    pub(crate) only_secure: bool,
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
    ///
    /// A value with a nonce slot and no nonce (the operating system could not give random
    /// bytes) fails closed: see [`fail_closed`](Self::fail_closed).
    #[inline(always)]
    pub(crate) fn value_for(&self, nonce: Option<&CspNonce>) -> HeaderValue {
        match &self.template {
            None => self.value.clone(),
            Some(template) => self.filled(template, nonce),
        }
    }

    /// [`value_for`](Self::value_for) of a value with a nonce slot: out of line, so that
    /// the apply loop keeps the clone of a rendered value inline.
    #[inline(never)]
    fn filled(&self, template: &Template, nonce: Option<&CspNonce>) -> HeaderValue {
        let Some(nonce) = nonce else {
            return HeaderValue::from_maybe_shared(bytes::Bytes::from(self.fail_closed()))
                .unwrap_or_else(|_| self.value.clone());
        };
        // The template was checked at build time and a nonce is base64: always valid.
        HeaderValue::from_maybe_shared(bytes::Bytes::from(template.fill(nonce)))
            .unwrap_or_else(|_| self.value.clone())
    }
}

/// What stands in for `'nonce-{nonce}'` when a request has no nonce: a hash source no
/// script has (the SHA-256 of nothing anyone can find), so the policy still holds a hash
/// and browsers keep ignoring `'unsafe-inline'`, and no inline script runs. An unfilled
/// `'nonce-{nonce}'` is an invalid source that browsers drop, which would let
/// `'unsafe-inline'` allow every inline script.
pub(crate) const NO_NONCE_SOURCE: &str = "'sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='";

impl Entry {
    /// The value for a response whose request has no nonce: every `'nonce-{nonce}'` is
    /// [`NO_NONCE_SOURCE`], which allows no script.
    pub(crate) fn fail_closed(&self) -> Vec<u8> {
        let slot = format!("'nonce-{}'", crate::nonce::NONCE_SLOT);
        self.text.replace(&slot, NO_NONCE_SOURCE).into_bytes()
    }
}

/// A header value with a per-request nonce, prepared at build time: the whole value with
/// room for a nonce at each slot, so that a response costs one copy of the value and a
/// 24-byte write per slot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Template {
    pub(crate) bytes: Box<[u8]>,
    /// Where each nonce goes in `bytes`.
    pub(crate) slots: Box<[usize]>,
}

impl Template {
    /// The template of a value in which `{nonce}` marks each slot, if it has one.
    pub(crate) fn parse(value: &str) -> Option<Self> {
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
    pub(crate) fn fill(&self, nonce: &CspNonce) -> Vec<u8> {
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
