//! Where headers go: the [`HeaderSink`] trait and its implementations.

use http::{HeaderMap, HeaderName, HeaderValue, Response};

/// A place security headers can be written to: a header map, or a response that owns one.
///
/// [`Secure::set_headers`](crate::Secure::set_headers) drives a sink with the three
/// primitive operations below; which one it uses for each header is decided by that
/// header's [`InsertMode`](crate::InsertMode), in one place, so every integration applies
/// headers with exactly the same semantics. Framework adapters whose header types are not
/// `http` 1.x types implement this trait with their own `Name` and `Value`.
///
/// ```
/// use secure_headers::{HeaderSink, Secure};
/// use secure_headers::http::{HeaderMap, HeaderValue, header};
///
/// let mut map = HeaderMap::new();
/// map.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("ALLOWALL"));
/// map.append(header::SET_COOKIE, HeaderValue::from_static("a=1"));
/// map.append(header::SET_COOKIE, HeaderValue::from_static("b=2"));
///
/// Secure::with_default_headers().set_headers(&mut map);
///
/// assert_eq!(map[header::X_FRAME_OPTIONS], "SAMEORIGIN"); // replaced
/// assert_eq!(map.get_all(header::SET_COOKIE).iter().count(), 2); // untouched
/// ```
pub trait HeaderSink {
    /// The sink's header-name type.
    type Name;
    /// The sink's header-value type.
    type Value;

    /// Replaces every value of `name` with `value`.
    fn insert(&mut self, name: &Self::Name, value: Self::Value);

    /// Adds `value` after the values `name` already has.
    fn append(&mut self, name: &Self::Name, value: Self::Value);

    /// Adds the value `value` makes, if it makes one, after the values `name` already has:
    /// how the apply loop writes where every write is an append (see
    /// [`lacks_written_names`](HeaderSink::lacks_written_names)), `value` called once. By
    /// default, the value is made and then [`append`](HeaderSink::append)ed; a sink whose
    /// `append` copies the name may copy it first, so that the value is made where the
    /// sink takes it from rather than kept aside across that copy.
    ///
    /// ```
    /// use secure_headers::HeaderSink;
    /// use secure_headers::http::{HeaderMap, HeaderValue, header};
    ///
    /// let mut map = HeaderMap::new();
    /// map.append_made(&header::VARY, &mut || Some(HeaderValue::from_static("origin")));
    /// map.append_made(&header::VARY, &mut || None);
    /// assert_eq!(map.get_all(header::VARY).iter().count(), 1);
    /// ```
    #[inline]
    fn append_made(&mut self, name: &Self::Name, value: &mut dyn FnMut() -> Option<Self::Value>) {
        if let Some(value) = value() {
            self.append(name, value);
        }
    }

    /// Whether `name` has at least one value.
    fn contains(&self, name: &Self::Name) -> bool;

    /// Removes every value of `name`.
    fn remove(&mut self, name: &Self::Name);

    /// Makes room for `additional` more headers, if the sink can.
    fn reserve(&mut self, additional: usize) {
        let _ = additional;
    }

    /// The `http` header map behind this sink, if it is one (`None` by default, for
    /// sinks of other header types): the apply loop then writes into it with `http`'s own
    /// methods, as a hand-written loop would.
    ///
    /// ```
    /// use secure_headers::HeaderSink;
    /// use secure_headers::http::{HeaderMap, Response};
    ///
    /// let mut response = Response::new(());
    /// assert!(HeaderSink::header_map(&mut response).is_some());
    /// assert!(HeaderSink::header_map(&mut HeaderMap::new()).is_some());
    /// ```
    #[inline]
    fn header_map(&mut self) -> Option<&mut HeaderMap> {
        None
    }

    /// Whether this sink has none of the names about to be written into it, known without
    /// looking each up (a header map that is empty, or that was looked through for them).
    /// For a `Secure` with no two entries under one name, every entry's write is then an
    /// `append`, whatever its [`InsertMode`](crate::InsertMode) (replacing nothing, or
    /// adding what is absent, is adding), and the apply loop writes each by
    /// [`append`](HeaderSink::append) alone. `false` by default.
    #[inline]
    fn lacks_written_names(&self) -> bool {
        false
    }

    /// Calls `f` with the bytes of every value of `name`, replacing a value with what `f`
    /// returns when it returns `Some` (used for cookie hardening). The default does
    /// nothing: a sink that cannot rewrite values simply does not harden cookies.
    fn rewrite(&mut self, name: &Self::Name, f: &mut dyn FnMut(&[u8]) -> Option<Vec<u8>>) {
        let _ = (name, f);
    }
}

/// The [`HeaderSink`] items of a header map with `http`'s methods (`insert`, `append`,
/// `contains_key`, `remove`, `reserve`), written inside its `impl HeaderSink`: actix-web's
/// map, whose names and values are `http` 0.2 types and which has no size limit. `rewrite`
/// is written by each.
#[cfg(feature = "actix-web")]
macro_rules! header_map_sink {
    ($map:ident, $name:ty, $value:ty) => {
        type Name = $name;
        type Value = $value;

        #[inline(always)]
        fn insert(&mut self, name: &$name, value: $value) {
            $map::insert(self, name.clone(), value);
        }

        #[inline(always)]
        fn append(&mut self, name: &$name, value: $value) {
            $map::append(self, name.clone(), value);
        }

        #[inline]
        fn contains(&self, name: &$name) -> bool {
            self.contains_key(name)
        }

        #[inline]
        fn remove(&mut self, name: &$name) {
            $map::remove(self, name);
        }

        #[inline]
        fn reserve(&mut self, additional: usize) {
            $map::reserve(self, additional);
        }
    };
}

#[cfg(feature = "actix-web")]
pub(crate) use header_map_sink;

/// `http`'s map holds at most 24,576 names, and its `insert`, `append`, `entry` and
/// `reserve` panic beyond, also when the server writes the response: hyper adds
/// `content-length`, `transfer-encoding` or `connection` through them, and a map at the
/// cap made it panic and drop the connection without an answer. So this sink never adds a
/// name past `NAMES_WE_FILL` (the cap less a headroom for the server), leaving the rest to
/// the server: a response that already has that many gets those of our headers that
/// replace or join a name it has, the others
/// are not sent, and that is logged once for the response (with the `tracing` feature).
impl HeaderSink for HeaderMap {
    type Name = HeaderName;
    type Value = HeaderValue;

    #[inline]
    fn insert(&mut self, name: &HeaderName, value: HeaderValue) {
        if self.keys_len() < NAMES_WE_FILL || self.contains_key(name) {
            let _ = self.try_insert(name.clone(), value);
        }
    }

    #[inline]
    fn append(&mut self, name: &HeaderName, value: HeaderValue) {
        if self.keys_len() < NAMES_WE_FILL || self.contains_key(name) {
            let _ = self.try_append(name.clone(), value);
        }
    }

    #[inline]
    fn contains(&self, name: &HeaderName) -> bool {
        self.contains_key(name)
    }

    #[inline]
    fn remove(&mut self, name: &HeaderName) {
        HeaderMap::remove(self, name);
    }

    #[inline]
    fn reserve(&mut self, additional: usize) {
        if self.keys_len() + additional > NAMES_WE_FILL {
            full(self.keys_len());
        }
        // Only room, not a promise: the inserts themselves check.
        let _ = self.try_reserve(additional.min(NAMES_WE_FILL.saturating_sub(self.keys_len())));
    }

    #[inline]
    fn header_map(&mut self) -> Option<&mut HeaderMap> {
        Some(self)
    }

    fn rewrite(&mut self, name: &HeaderName, f: &mut dyn FnMut(&[u8]) -> Option<Vec<u8>>) {
        let mut rewrite = |value: &mut HeaderValue| {
            if let Some(new) = f(value.as_bytes())
                && let Ok(new) = HeaderValue::from_bytes(&new)
            {
                *value = new;
            }
        };
        match self.try_entry(name) {
            Ok(http::header::Entry::Occupied(mut entry)) => entry.iter_mut().for_each(rewrite),
            Ok(http::header::Entry::Vacant(_)) => {}
            // At http's cap no entry can be made (`entry` panics), not even for a name the
            // map has.
            Err(_) => self
                .iter_mut()
                .filter(|(n, _)| *n == name)
                .for_each(|(_, value)| rewrite(value)),
        }
    }
}

/// The most names `http`'s map holds: 24,576 (three quarters of its largest table).
pub(crate) const HTTP_MAP_CAP: usize = 24_576;

/// The names the server may still add after ours: hyper adds up to three
/// (`content-length`, `transfer-encoding`, `connection`), a framework a few more.
pub(crate) const SERVER_HEADROOM: usize = 64;

/// How many names a response's map may have after we added ours.
pub(crate) const NAMES_WE_FILL: usize = HTTP_MAP_CAP - SERVER_HEADROOM;

/// A response with `names` names, too close to `http`'s cap for all of ours.
#[cold]
pub(crate) fn full(names: usize) {
    #[cfg(feature = "tracing")]
    tracing::error!(
        target: "secure_headers",
        names,
        "the response has {names} header names, close to http's limit of {HTTP_MAP_CAP}: \
         security headers that would add a name past {NAMES_WE_FILL} are not sent, leaving \
         the server room for its own"
    );
    #[cfg(not(feature = "tracing"))]
    log::error!(
        target: "secure_headers",
        "the response has {names} header names, close to http's limit of {HTTP_MAP_CAP}: \
         security headers that would add a name past {NAMES_WE_FILL} are not sent, leaving \
         the server room for its own"
    );
}

impl<B> HeaderSink for Response<B> {
    type Name = HeaderName;
    type Value = HeaderValue;

    #[inline]
    fn insert(&mut self, name: &HeaderName, value: HeaderValue) {
        HeaderSink::insert(self.headers_mut(), name, value);
    }

    #[inline]
    fn append(&mut self, name: &HeaderName, value: HeaderValue) {
        HeaderSink::append(self.headers_mut(), name, value);
    }

    #[inline]
    fn contains(&self, name: &HeaderName) -> bool {
        self.headers().contains_key(name)
    }

    #[inline]
    fn remove(&mut self, name: &HeaderName) {
        HeaderSink::remove(self.headers_mut(), name);
    }

    #[inline]
    fn reserve(&mut self, additional: usize) {
        HeaderSink::reserve(self.headers_mut(), additional);
    }

    #[inline]
    fn header_map(&mut self) -> Option<&mut HeaderMap> {
        Some(self.headers_mut())
    }

    fn rewrite(&mut self, name: &HeaderName, f: &mut dyn FnMut(&[u8]) -> Option<Vec<u8>>) {
        HeaderSink::rewrite(self.headers_mut(), name, f);
    }
}

impl<S: HeaderSink + ?Sized> HeaderSink for &mut S {
    type Name = S::Name;
    type Value = S::Value;

    #[inline]
    fn insert(&mut self, name: &S::Name, value: S::Value) {
        (**self).insert(name, value);
    }

    #[inline]
    fn append(&mut self, name: &S::Name, value: S::Value) {
        (**self).append(name, value);
    }

    #[inline]
    fn contains(&self, name: &S::Name) -> bool {
        (**self).contains(name)
    }

    #[inline]
    fn remove(&mut self, name: &S::Name) {
        (**self).remove(name);
    }

    #[inline]
    fn reserve(&mut self, additional: usize) {
        (**self).reserve(additional);
    }

    #[inline]
    fn header_map(&mut self) -> Option<&mut HeaderMap> {
        (**self).header_map()
    }

    #[inline]
    fn lacks_written_names(&self) -> bool {
        (**self).lacks_written_names()
    }

    #[inline]
    fn append_made(&mut self, name: &S::Name, value: &mut dyn FnMut() -> Option<S::Value>) {
        (**self).append_made(name, value);
    }

    fn rewrite(&mut self, name: &S::Name, f: &mut dyn FnMut(&[u8]) -> Option<Vec<u8>>) {
        (**self).rewrite(name, f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A map with `names` names `x-0`, `x-1`, ..., and a `Set-Cookie`.
    fn filled(names: usize) -> HeaderMap {
        let mut map = HeaderMap::new();
        map.insert(http::header::SET_COOKIE, HeaderValue::from_static("a=1"));
        for i in 1..names {
            map.insert(
                HeaderName::from_bytes(format!("x-{i}").as_bytes()).unwrap(),
                HeaderValue::from_static("1"),
            );
        }
        map
    }

    /// Near `http`'s cap, `reserve`, `insert`, `append` and `entry` panic; the sink does
    /// not, and never adds a name past [`NAMES_WE_FILL`]: the headers that fit are sent,
    /// the others are not, and the server keeps room for its own.
    #[test]
    fn a_full_header_map_does_not_panic_and_keeps_room_for_the_server() {
        let secure = crate::Preset::Balanced
            .builder()
            .harden_cookies(crate::CookieHardening::new())
            .build()
            .unwrap();
        let ours: Vec<_> = secure.header_items().map(|(n, _)| n.to_owned()).collect();
        assert_eq!(ours.len(), 9);

        // At the cap, where even `entry` for a name the map has panics.
        let mut map = filled(HTTP_MAP_CAP);
        assert!(map.try_entry("set-cookie").is_err());
        secure.set_headers(&mut map);
        assert_eq!(map.keys_len(), HTTP_MAP_CAP);
        assert!(!map.contains_key("x-frame-options"));
        assert_eq!(map["set-cookie"], "a=1; Secure; HttpOnly; SameSite=Lax");

        // Room for four of ours: the first four, in their order, and no more.
        let mut map = filled(NAMES_WE_FILL - 4);
        secure.set_headers(&mut map);
        assert_eq!(map.keys_len(), NAMES_WE_FILL);
        for (i, name) in ours.iter().enumerate() {
            assert_eq!(map.contains_key(name.as_str()), i < 4, "{name}");
        }
        // What the server adds still fits.
        map.insert("content-length", HeaderValue::from_static("0"));
        map.insert("connection", HeaderValue::from_static("close"));

        // A name the map has is still replaced at the limit.
        let mut map = filled(NAMES_WE_FILL);
        map.insert("x-frame-options", HeaderValue::from_static("ALLOWALL"));
        secure.set_headers(&mut map);
        assert_eq!(map["x-frame-options"], "SAMEORIGIN");
        assert_eq!(map.keys_len(), NAMES_WE_FILL + 1);
    }
}
