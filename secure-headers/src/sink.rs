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

    /// Whether `name` has at least one value.
    fn contains(&self, name: &Self::Name) -> bool;

    /// Removes every value of `name`.
    fn remove(&mut self, name: &Self::Name);

    /// Makes room for `additional` more headers, if the sink can.
    fn reserve(&mut self, additional: usize) {
        let _ = additional;
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

/// `http`'s map holds at most 32,768 entries and its `insert`, `append` and `reserve`
/// panic beyond; a response that already has that many headers gets none of ours instead,
/// and this is logged (with the `tracing` feature).
impl HeaderSink for HeaderMap {
    type Name = HeaderName;
    type Value = HeaderValue;

    #[inline]
    fn insert(&mut self, name: &HeaderName, value: HeaderValue) {
        if self.try_insert(name.clone(), value).is_err() {
            full(name);
        }
    }

    #[inline]
    fn append(&mut self, name: &HeaderName, value: HeaderValue) {
        if self.try_append(name.clone(), value).is_err() {
            full(name);
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
        // Only room, not a promise: the inserts themselves check.
        let _ = self.try_reserve(additional);
    }

    fn rewrite(&mut self, name: &HeaderName, f: &mut dyn FnMut(&[u8]) -> Option<Vec<u8>>) {
        if let http::header::Entry::Occupied(mut entry) = self.entry(name) {
            for value in entry.iter_mut() {
                if let Some(new) = f(value.as_bytes())
                    && let Ok(new) = HeaderValue::from_bytes(&new)
                {
                    *value = new;
                }
            }
        }
    }
}

/// A header `http`'s map had no room for.
#[cold]
fn full(name: &HeaderName) {
    let _ = name;
    #[cfg(feature = "tracing")]
    tracing::error!(
        target: "secure_headers",
        header = name.as_str(),
        "the response's header map is full (http's limit): {name} not sent"
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

    fn rewrite(&mut self, name: &S::Name, f: &mut dyn FnMut(&[u8]) -> Option<Vec<u8>>) {
        (**self).rewrite(name, f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Secure;

    /// Near `http`'s limit, `reserve`, `insert` and `append` panic; the sink does not: the
    /// headers that fit are sent, the others are not.
    #[test]
    fn a_full_header_map_does_not_panic() {
        let mut map = HeaderMap::new();
        let mut i = 0;
        while map
            .try_insert(
                HeaderName::from_bytes(format!("x-{i}").as_bytes()).unwrap(),
                HeaderValue::from_static("1"),
            )
            .is_ok()
        {
            i += 1;
        }
        let before = map.len();
        Secure::with_default_headers().set_headers(&mut map);
        assert_eq!(map.len(), before);
        assert!(!map.contains_key("x-frame-options"));

        // A few entries short of the limit.
        let mut map = HeaderMap::new();
        for i in 0..24_570 {
            map.insert(
                HeaderName::from_bytes(format!("x-{i}").as_bytes()).unwrap(),
                HeaderValue::from_static("1"),
            );
        }
        // `reserve(9)` panicked here; now the headers that fit are added.
        Secure::with_default_headers().set_headers(&mut map);
        let ours = Secure::with_default_headers().header_items().count();
        assert_eq!(map.len(), before.min(24_570 + ours));
    }
}
