//! actix-web's header map as a [`HeaderSink`], and a `Secure` in actix-web's types.

use std::fmt;
use std::rc::Rc;

use actix_web_4::HttpResponse;
use actix_web_4::http::header::{HeaderMap, HeaderName, HeaderValue};

use crate::{Converted, HeaderSink, RequestContext, Secure};

/// Header sink for actix-web's own header map, whose names and values are `http` 0.2 types.
///
/// ```
/// # extern crate actix_web_4 as actix_web;
/// use actix_web::http::header::{HeaderMap, HeaderName, HeaderValue};
/// use secure_headers::InsertMode;
///
/// let mut map = HeaderMap::new();
/// let name = HeaderName::from_static("x-frame-options");
/// map.insert(name.clone(), HeaderValue::from_static("ALLOWALL"));
/// InsertMode::Overwrite.apply(&mut map, &name, HeaderValue::from_static("DENY"));
/// assert_eq!(map.get(&name).unwrap(), "DENY");
/// ```
impl HeaderSink for HeaderMap {
    crate::sink::header_map_sink!(HeaderMap, HeaderName, HeaderValue);

    /// Rewrites every value of `name` in place of the old one, keeping their order (actix-web's
    /// map has no mutable iteration: the values are taken out and put back).
    fn rewrite(&mut self, name: &HeaderName, f: &mut dyn FnMut(&[u8]) -> Option<Vec<u8>>) {
        if !self.contains_key(name) {
            return;
        }
        let values: Vec<HeaderValue> = HeaderMap::remove(self, name).collect();
        for value in values {
            let new = f(value.as_bytes()).and_then(|v| HeaderValue::from_bytes(&v).ok());
            HeaderMap::append(self, name.clone(), new.unwrap_or(value));
        }
    }
}

/// A `Secure` with its names and values in actix-web's types.
pub(super) struct Prepared {
    pub(super) secure: Secure,
    converted: Converted<HeaderName, HeaderValue>,
}

/// actix-web's map, for a response that has none of the names about to be written into
/// it ([`lacks_written_names`](HeaderSink::lacks_written_names)): the apply loop then
/// writes by `append`, which costs far less than actix-web's `insert` (that makes and
/// returns what it replaced, copying its small vector in and out: about 90 instructions a
/// header).
struct Appending<'a>(&'a mut HeaderMap);

impl HeaderSink for Appending<'_> {
    type Name = HeaderName;
    type Value = HeaderValue;

    #[inline]
    fn insert(&mut self, name: &HeaderName, value: HeaderValue) {
        HeaderSink::insert(self.0, name, value);
    }

    #[inline(always)]
    fn append(&mut self, name: &HeaderName, value: HeaderValue) {
        HeaderMap::append(self.0, name.clone(), value);
    }

    /// The name copied first, so that the value is made where `append` takes it from.
    #[inline(always)]
    fn append_made(&mut self, name: &HeaderName, value: &mut dyn FnMut() -> Option<HeaderValue>) {
        let name = name.clone();
        if let Some(value) = value() {
            HeaderMap::append(self.0, name, value);
        }
    }

    #[inline]
    fn contains(&self, name: &HeaderName) -> bool {
        self.0.contains_key(name)
    }

    #[inline]
    fn remove(&mut self, name: &HeaderName) {
        HeaderSink::remove(self.0, name);
    }

    #[inline]
    fn reserve(&mut self, additional: usize) {
        self.0.reserve(additional);
    }

    #[inline]
    fn lacks_written_names(&self) -> bool {
        true
    }

    fn rewrite(&mut self, name: &HeaderName, f: &mut dyn FnMut(&[u8]) -> Option<Vec<u8>>) {
        HeaderSink::rewrite(self.0, name, f);
    }
}

impl fmt::Debug for Prepared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.secure.fmt(f)
    }
}

/// An `http` 1.x value as an actix-web value (`http` 0.2 accepts exactly the same bytes).
pub(super) fn value(bytes: &[u8]) -> Option<HeaderValue> {
    HeaderValue::from_bytes(bytes).ok()
}

/// A value that does not change from response to response, as actix-web's: static (its
/// clones are free) when it is a well-known value, else bytes owned by the converted set
/// and shared by their clones.
pub(super) fn fixed_value(bytes: &[u8]) -> Option<HeaderValue> {
    if let Some(s) = crate::header::static_value(bytes) {
        return Some(HeaderValue::from_static(s));
    }
    let value = value(bytes)?;
    // Switch the bytes to their shared form now (the first clone allocates), not on the
    // first response.
    drop(value.clone());
    Some(value)
}

/// A name as actix-web's: static when it is a registered header's (a name outside the
/// `http` crate's standard set is otherwise shared bytes, whose clones bump a reference
/// count).
pub(super) fn fixed_name(name: &str) -> Option<HeaderName> {
    if let Some(lower) = crate::registry::lowercase(name) {
        return Some(HeaderName::from_static(lower));
    }
    let checked = HeaderName::from_bytes(name.as_bytes()).ok()?;
    drop(checked.clone());
    Some(checked)
}

impl Prepared {
    /// `None` if a name or value has no actix-web equivalent: `http` 0.2 and 1.x accept
    /// exactly the same header-name and header-value bytes, so this does not happen.
    pub(super) fn new(secure: &Secure) -> Option<Rc<Self>> {
        let converted = secure.convert(fixed_name, fixed_value)?;
        Some(Rc::new(Self {
            secure: secure.clone(),
            converted,
        }))
    }

    /// What a middleware's [`Transform`] converts once for its worker: `Err` (the
    /// worker does not start) if the headers have no actix-web equivalent, logged as
    /// what they are (`what`, with the `tracing` feature).
    pub(super) fn for_worker(secure: &Secure, what: &str) -> Result<Rc<Self>, ()> {
        let prepared = Self::new(secure);
        if prepared.is_none() {
            #[cfg(feature = "tracing")]
            tracing::error!(target: "secure_headers", "{what} cannot be sent by actix-web");
            let _ = what;
        }
        prepared.ok_or(())
    }

    /// The one apply path, for the request `context` was made for.
    pub(super) fn apply<B>(&self, response: &mut HttpResponse<B>, context: &RequestContext) {
        let map = response.headers_mut();
        if self.has_none_of_ours(map) {
            let sink = &mut Appending(map);
            return self
                .secure
                .set_headers_converted(&self.converted, sink, context, value);
        }
        self.secure
            .set_headers_converted(&self.converted, map, context, value);
    }

    /// Whether `map` has none of the names written into it: looked through without
    /// hashing, while it is small.
    #[inline]
    fn has_none_of_ours(&self, map: &HeaderMap) -> bool {
        map.is_empty()
            || map.len_keys() <= 32 && !map.keys().any(|k| self.converted.names().any(|n| n == k))
    }
}
