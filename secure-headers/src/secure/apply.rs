//! The one apply loop: every way of writing a [`Secure`] into a response goes through
//! [`Secure::drive`] (or its shortest form for plain configurations).

use http::{HeaderMap, HeaderName, HeaderValue};

use super::{Entry, Secure};
#[allow(unused_imports, reason = "named in the docs")]
use crate::MULTI_OK;
use crate::request::RequestContext;
use crate::{CspNonce, HeaderSink, InsertMode};

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
            self.set_plain(sink, None);
        } else {
            self.set_headers_with(sink, &self.request_context());
        }
    }

    /// Every entry inserted with its value for `nonce`: the whole job when
    /// `inner.simple` (`inner.plain`: no nonce, the values as rendered).
    #[inline]
    pub(crate) fn set_plain<S>(&self, sink: &mut S, nonce: Option<&CspNonce>)
    where
        S: HeaderSink<Name = HeaderName, Value = HeaderValue> + ?Sized,
    {
        // The rendered value unless the entry has a nonce slot, without a call.
        let value = |e: &Entry| match e.template {
            None => e.value.clone(),
            Some(_) => e.value_for(nonce),
        };
        let entries = &*self.inner.entries;
        let Some(map) = sink.header_map() else {
            sink.reserve(entries.len());
            for e in entries {
                e.mode.apply(sink, &e.header_name, value(e));
            }
            return;
        };
        if !(self.inner.distinct_names && only_inserts(map, entries)) {
            return self.set_plain_checked(map, nonce);
        }
        // The hand-written loop: room reserved once, then one `insert` call site, which
        // the compiler inlines with its hash when nothing else here calls into the map.
        map.reserve(entries.len());
        for e in entries {
            map.insert(e.header_name.clone(), value(e));
        }
    }

    /// [`set_plain`](Secure::set_plain) for a map where an entry's mode matters or that is
    /// near `http`'s cap: every write checked by the map's [`HeaderSink`] impl. Out of line
    /// and not generic, so that the map's `append` and `contains_key` are not compiled
    /// next to the loop above (which then keeps its `insert` inlined).
    #[inline(never)]
    fn set_plain_checked(&self, map: &mut HeaderMap, nonce: Option<&CspNonce>) {
        let entries = &*self.inner.entries;
        HeaderSink::reserve(map, entries.len());
        for e in entries {
            e.mode.apply(map, &e.header_name, e.value_for(nonce));
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
            return self.set_plain(sink, context.nonce());
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

/// Most names a map may have for [`only_inserts`] to look through them.
const SCANNED_NAMES: usize = 32;

/// Whether inserting every entry with `http`'s infallible `insert` writes exactly what its
/// mode says: the map is small (so far from `http`'s cap that `reserve` and `insert` cannot
/// panic, and cheap to look through) and has none of the names whose entries append or
/// apply only if absent, so that for each of them `insert` does what its mode does.
/// Looks through the names without hashing (a hash here would be a second caller of the
/// map's hash function, which the compiler then no longer inlines into `insert`).
#[inline]
fn only_inserts(map: &HeaderMap, entries: &[Entry]) -> bool {
    const { assert!(SCANNED_NAMES + 64 < crate::sink::NAMES_WE_FILL) };
    map.keys_len() <= SCANNED_NAMES
        && entries.len() <= 64
        && (map.is_empty()
            || !entries.iter().any(|e| {
                e.mode != InsertMode::Overwrite && map.keys().any(|k| *k == e.header_name)
            }))
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

#[cfg(test)]
mod tests {
    use http::{HeaderMap, HeaderName, HeaderValue};

    use super::SCANNED_NAMES;
    use crate::{InsertMode, Preset};

    /// An application's map with `names` names: two `Set-Cookie`s, a `Referrer-Policy`,
    /// with `theirs` a CSP and an `X-Frame-Options`, then `x-1`, `x-2`, ...
    fn app_map(names: usize, theirs: bool) -> HeaderMap {
        let mut map = HeaderMap::new();
        map.append("set-cookie", HeaderValue::from_static("a=1"));
        map.append("set-cookie", HeaderValue::from_static("b=2"));
        map.insert("referrer-policy", HeaderValue::from_static("unsafe-url"));
        if theirs {
            map.insert(
                "content-security-policy",
                HeaderValue::from_static("img-src 'none'"),
            );
            map.insert("x-frame-options", HeaderValue::from_static("DENY"));
        }
        for i in 1..=names - map.keys_len() {
            map.insert(
                HeaderName::from_bytes(format!("x-{i}").as_bytes()).unwrap(),
                HeaderValue::from_static("1"),
            );
        }
        assert_eq!(map.keys_len(), names);
        map
    }

    /// Every insert mode holds whichever loop writes the headers: the shortest one (a
    /// small map without the names of our `Append` and `IfAbsent` entries), or the checked
    /// one (those names present, or a map past the names the shortest looks through). The
    /// application's CSP stays with ours after it, its `X-Frame-Options` stays under
    /// `IfAbsent`, its cookies are untouched, an `Overwrite` header replaces its own.
    #[test]
    fn every_insert_mode_holds_below_and_above_the_shortest_loops_limit() {
        let secure = Preset::Balanced
            .builder()
            .insert_mode("X-Frame-Options", InsertMode::IfAbsent)
            .build()
            .unwrap();
        assert!(secure.inner.plain);
        let ours = |name: &str| {
            let entry = secure.entries().iter().find(|e| e.header_name() == name);
            entry.unwrap().value_str().to_owned()
        };
        let all = |map: &HeaderMap, name: &str| -> Vec<String> {
            let values = map.get_all(name).iter();
            values.map(|v| v.to_str().unwrap().to_owned()).collect()
        };
        for theirs in [false, true] {
            for names in [5, SCANNED_NAMES, SCANNED_NAMES + 1, 200] {
                let case = format!("{names} names, theirs: {theirs}");
                let mut map = app_map(names, theirs);
                secure.set_headers(&mut map);
                let csp = all(&map, "content-security-policy");
                let xfo = all(&map, "x-frame-options");
                if theirs {
                    let expected = ["img-src 'none'".to_owned(), ours("content-security-policy")];
                    assert_eq!(csp, expected, "{case}");
                    assert_eq!(xfo, ["DENY"], "{case}");
                } else {
                    assert_eq!(csp, [ours("content-security-policy")], "{case}");
                    assert_eq!(xfo, [ours("x-frame-options")], "{case}");
                }
                assert_eq!(all(&map, "set-cookie"), ["a=1", "b=2"], "{case}");
                let referrer = all(&map, "referrer-policy");
                assert_eq!(referrer, [ours("referrer-policy")], "{case}");
                assert_eq!(map["x-content-type-options"], "nosniff", "{case}");
            }
        }

        // After the application's names, ours in the preset's order, each once.
        let mut map = HeaderMap::new();
        map.insert("content-type", HeaderValue::from_static("text/plain"));
        secure.set_headers(&mut map);
        let names: Vec<_> = map.keys().map(HeaderName::as_str).collect();
        let order: Vec<_> = secure
            .entries()
            .iter()
            .map(|e| e.header_name().as_str())
            .collect();
        assert_eq!(names[0], "content-type");
        assert_eq!(names[1..], order[..]);
        assert_eq!(map.len(), 1 + secure.entries().len());
    }

    /// Two entries under one name that appends (a second CSP, as a custom header) are both
    /// sent on an empty map and on a small one, whichever loop writes them.
    #[test]
    fn two_entries_under_one_appending_name_are_both_sent() {
        let secure = Preset::Balanced
            .builder()
            .custom(crate::CustomHeader::new(
                "Content-Security-Policy",
                "img-src 'self'",
            ))
            .build()
            .unwrap();
        assert!(secure.inner.plain);
        let ours: Vec<String> = secure
            .entries()
            .iter()
            .filter(|e| e.header_name() == "content-security-policy")
            .map(|e| e.value_str().to_owned())
            .collect();
        assert_eq!(ours.len(), 2);
        for names in [0, 5] {
            let mut map = HeaderMap::new();
            for i in 0..names {
                let name = HeaderName::from_bytes(format!("x-{i}").as_bytes()).unwrap();
                map.insert(name, HeaderValue::from_static("1"));
            }
            secure.set_headers(&mut map);
            let csp: Vec<String> = map
                .get_all("content-security-policy")
                .iter()
                .map(|v| v.to_str().unwrap().to_owned())
                .collect();
            assert_eq!(csp, ours, "{names} names");
        }
    }
}
