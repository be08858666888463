//! The one apply loop: every way of writing a [`Secure`] into a response goes through
//! [`Secure::drive`] (or its shortest form for plain configurations).

use http::{HeaderName, HeaderValue};

use super::{Entry, Secure};
use crate::HeaderSink;
#[allow(unused_imports, reason = "named in the docs")]
use crate::InsertMode;
#[allow(unused_imports, reason = "named in the docs")]
use crate::MULTI_OK;
use crate::request::RequestContext;

impl Secure {
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
    pub(crate) fn set_plain<S>(&self, sink: &mut S, value: impl Fn(&Entry) -> HeaderValue)
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
            .map(|e| {
                Some((
                    name(e.header_name.as_str())?,
                    value(e.value.as_bytes())?,
                    e.mode,
                ))
            })
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
    #[inline]
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
        if self.inner.plain {
            // The shortest form, as `set_plain`: every entry, with its converted value.
            sink.reserve(converted.entries.len());
            for (name, value, mode) in &converted.entries {
                mode.apply(sink, name, value.clone());
            }
            return;
        }
        let nonce = context.nonce();
        self.drive(
            sink,
            context,
            |i| &converted.entries[i].0,
            |i, e| match (&e.template, nonce) {
                (Some(template), Some(n)) => value(&template.fill(n)),
                (Some(_), None) => value(&e.fail_closed()),
                (None, _) => Some(converted.entries[i].1.clone()),
            },
            converted.removals.iter(),
            &converted.set_cookie,
        );
    }

    /// The loop behind every apply path but the plain one; out of line, so that the plain
    /// loop, which most responses take, stays small where it is inlined.
    #[inline(never)]
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
            if e.only_secure && !context.is_secure() {
                continue;
            }
            e.mode.apply_lazy(sink, name(i), || value(i, e));
        }
        if let Some(cookies) = &inner.cookies {
            let add_secure = !inner.transport.development;
            sink.rewrite(set_cookie, &mut |v| cookies.harden(v, add_secure));
        }
    }
}

/// A [`Secure`]'s header names and values converted once into another library's header
/// types; see [`Secure::convert`].
///
/// ```
/// use std::collections::BTreeMap;
/// use secure_headers::{HeaderSink, Secure};
///
/// /// Another library's header map, with its own name and value types (here: strings).
/// #[derive(Default)]
/// struct Map(BTreeMap<String, Vec<String>>);
///
/// impl HeaderSink for Map {
///     type Name = String;
///     type Value = String;
///     fn insert(&mut self, name: &String, value: String) {
///         self.0.insert(name.clone(), vec![value]);
///     }
///     fn append(&mut self, name: &String, value: String) {
///         self.0.entry(name.clone()).or_default().push(value);
///     }
///     fn contains(&self, name: &String) -> bool {
///         self.0.contains_key(name)
///     }
///     fn remove(&mut self, name: &String) {
///         self.0.remove(name);
///     }
/// }
///
/// let secure = Secure::with_default_headers();
/// let text = |v: &[u8]| String::from_utf8(v.to_vec()).ok();
/// // Once, at start-up:
/// let converted = secure.convert(|n| Some(n.to_owned()), text).unwrap();
/// // For each response:
/// let mut map = Map::default();
/// secure.set_headers_converted(&converted, &mut map, &secure.request_context(), text);
/// assert_eq!(map.0["x-frame-options"], ["SAMEORIGIN"]);
/// ```
#[derive(Clone, Debug)]
pub struct Converted<N, V> {
    /// Each entry's name and value, converted, and its mode (at hand for the plain loop).
    pub(crate) entries: Box<[(N, V, crate::InsertMode)]>,
    removals: Box<[N]>,
    set_cookie: N,
}
