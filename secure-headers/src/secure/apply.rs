//! The one apply loop: every way of writing a [`Secure`] into a response goes through
//! `apply_loop!`, specialized by the sink and by how an entry meets it ([`Put`]).
//! Which specialization a response takes is decided from flags derived once at build.

use std::borrow::Borrow;

use http::header::SET_COOKIE;
use http::{HeaderMap, HeaderName, HeaderValue};

use super::{Entry, Secure};
#[allow(unused_imports, reason = "named in the docs")]
use crate::MULTI_OK;
use crate::request::RequestContext;
use crate::{HeaderSink, InsertMode};

/// The apply loop, for every sink and every `Secure`: the `removals`, then each entry of
/// `items` (HSTS only on secure requests) as `P` puts it into the sink `S`, with its `name`
/// and `value` from the entry and what goes with it (itself, or its name and value in the
/// sink's own types), then cookie hardening of the `set_cookie` header. `P` is [`Inserts`]
/// only where [`only_inserts`](Secure::only_inserts) holds, so the `Secure` has nothing but
/// entries and that part of the loop is compiled out there.
///
/// A macro, written out where it is used: there `P`, `S` and the closures are known, so
/// that the compiler makes each entry's value where the sink takes it from. As an
/// `#[inline(always)]` function generic over them, the value made before the name's clone
/// was kept aside across that call and moved back (in actix-web, some 30 ns a response for
/// nine headers, in wall clock).
macro_rules! apply_loop {
    (
        $secure:expr, $S:ty, $P:ty, $sink:expr, $context:expr,
        $items:expr, $name:expr, $value:expr, $last:expr $(,)?
    ) => {{
        let (secure, sink, context): (&Secure, &mut $S, &RequestContext) =
            ($secure, $sink, $context);
        let (name, value, (removals, set_cookie)) = ($name, $value, removals_and($last));
        let inner = &*secure.inner;
        if !<$P as Put<$S>>::ONLY_ENTRIES {
            for n in removals {
                HeaderSink::remove(sink, n.borrow());
            }
        }
        <$P as Put<$S>>::reserve(sink, inner.entries.len());
        for (e, with) in $items {
            if !<$P as Put<$S>>::ONLY_ENTRIES && e.only_secure && !context.is_secure() {
                continue;
            }
            <$P as Put<$S>>::put(sink, e.mode, name(with).borrow(), || value(e, with));
        }
        if !<$P as Put<$S>>::ONLY_ENTRIES
            && let Some(cookies) = &inner.cookies
        {
            let add_secure = !inner.transport.development;
            let set_cookie = set_cookie.borrow();
            HeaderSink::rewrite(sink, set_cookie, &mut |v| cookies.harden(v, add_secure));
        }
    }};
}

/// The removals and the `Set-Cookie` name of `apply_loop!`, as one type of name.
#[inline(always)]
fn removals_and<L, I: Iterator<Item = L>>(last: (I, L)) -> (I, L) {
    last
}

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
        // A nonce only for a header that has a slot for it (not for overrides).
        let context = if self.inner.uses_nonce {
            self.request_context()
        } else {
            RequestContext::default()
        };
        self.set_headers_with(sink, &context);
    }

    /// Like [`set_headers`](Secure::set_headers), for the request `context` was made for:
    /// its nonce fills every `'nonce-{nonce}'` slot.
    #[inline]
    pub fn set_headers_with<S>(&self, sink: &mut S, context: &RequestContext)
    where
        S: HeaderSink<Name = HeaderName, Value = HeaderValue> + ?Sized,
    {
        let Some(map) = sink.header_map() else {
            let value = entry_value(context);
            let removals = self.inner.removals.iter();
            let entries = self.inner.entries.iter().map(|e| (e, e));
            return apply_loop!(
                self,
                S,
                ByMode<false>,
                sink,
                context,
                entries,
                entry_name,
                value,
                (removals, &SET_COOKIE),
            );
        };
        if !self.only_inserts(map) {
            return self.set_headers_checked(map, context);
        }
        // The hand-written loop: room reserved once, then one `insert` call site, which
        // the compiler inlines with its hash when nothing else here calls into the map.
        let (value, none) = (
            |e: &Entry, _: &Entry| Some(e.value.clone()),
            std::iter::empty(),
        );
        let entries = self.inner.entries.iter().map(|e| (e, e));
        apply_loop!(
            self,
            HeaderMap,
            Inserts,
            map,
            context,
            entries,
            entry_name,
            value,
            (none, &SET_COOKIE),
        );
    }

    /// [`set_headers_with`](Secure::set_headers_with) for a map where an entry's mode
    /// matters, that is near `http`'s cap, or for a `Secure` with more than entries: every
    /// write checked by the map's [`HeaderSink`] impl. Out of line and not generic, so that
    /// the map's `append`, `contains_key` and `remove` are not compiled next to the
    /// shortest loop (which then keeps its `insert` inlined).
    #[inline(never)]
    fn set_headers_checked(&self, map: &mut HeaderMap, context: &RequestContext) {
        let (value, removals) = (entry_value(context), self.inner.removals.iter());
        let entries = self.inner.entries.iter().map(|e| (e, e));
        apply_loop!(
            self,
            HeaderMap,
            ByMode<false>,
            map,
            context,
            entries,
            entry_name,
            value,
            (removals, &SET_COOKIE),
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
        let name = std::convert::identity::<&S::Name>;
        self.set_headers_lent(converted, sink, context, name, S::Value::clone, value);
    }

    /// [`set_headers_converted`](Secure::set_headers_converted), for a sink whose names and
    /// values may borrow from `converted` (Rocket's, for as long as the response lives):
    /// `lend_name` and `lend` make the sink's name and value of a converted one, each time
    /// one is written, instead of a clone.
    #[inline]
    pub(crate) fn set_headers_lent<'c, S, N, V, L>(
        &self,
        converted: &'c Converted<N, V>,
        sink: &mut S,
        context: &RequestContext,
        lend_name: impl Fn(&'c N) -> L,
        lend: impl Fn(&'c V) -> S::Value,
        value: impl Fn(&[u8]) -> Option<S::Value>,
    ) where
        S: HeaderSink + ?Sized,
        L: Borrow<S::Name>,
    {
        if self.inner.simple && !self.inner.uses_nonce {
            // Every value as converted.
            let value = |_: &Entry, (_, value): &'c (N, V)| Some(lend(value));
            let none = std::iter::empty();
            let entries = self.inner.entries.iter().zip(&*converted.entries);
            let name = |(name, _): &'c (N, V)| lend_name(name);
            let last = (none, lend_name(&converted.set_cookie));
            if self.inner.distinct && sink.lacks_written_names() {
                return apply_loop!(
                    self,
                    S,
                    Appends<true>,
                    sink,
                    context,
                    entries,
                    name,
                    value,
                    last
                );
            }
            return apply_loop!(
                self,
                S,
                ByMode<true>,
                sink,
                context,
                entries,
                name,
                value,
                last
            );
        }
        self.set_headers_converted_all(converted, sink, context, lend_name, lend, value);
    }

    /// [`set_headers_lent`](Secure::set_headers_lent) for a `Secure` with more than its
    /// entries' values to write: out of line, so that the loop above stays small where it
    /// is inlined.
    #[inline(never)]
    fn set_headers_converted_all<'c, S, N, V, L>(
        &self,
        converted: &'c Converted<N, V>,
        sink: &mut S,
        context: &RequestContext,
        lend_name: impl Fn(&'c N) -> L,
        lend: impl Fn(&'c V) -> S::Value,
        value: impl Fn(&[u8]) -> Option<S::Value>,
    ) where
        S: HeaderSink + ?Sized,
        L: Borrow<S::Name>,
    {
        let nonce = context.nonce();
        let entries = self.inner.entries.iter().zip(&*converted.entries);
        let name = |(name, _): &'c (N, V)| lend_name(name);
        let value = |e: &Entry, (_, converted): &'c (N, V)| match (&e.template, nonce) {
            (None, _) => Some(lend(converted)),
            (Some(template), Some(n)) => value(&template.fill(n)),
            (Some(_), None) => value(&e.fail_closed()),
        };
        let removals = converted.removals.iter().map(&lend_name);
        let last = (removals, lend_name(&converted.set_cookie));
        if self.inner.distinct && sink.lacks_written_names() {
            return apply_loop!(
                self,
                S,
                Appends<false>,
                sink,
                context,
                entries,
                name,
                value,
                last
            );
        }
        apply_loop!(
            self,
            S,
            ByMode<false>,
            sink,
            context,
            entries,
            name,
            value,
            last
        );
    }

    /// Whether inserting every entry with `http`'s infallible `insert` into `map` writes
    /// exactly what its mode says, with the values as rendered. At build time
    /// ([`Inner::inserts`](super::Inner)): the `Secure` has nothing but entries, none with a
    /// nonce, no two under one name (two CSPs are both sent), and they are few. Here: the
    /// map is small (so far from `http`'s cap that `reserve` and `insert` cannot panic,
    /// and cheap to look through) and has none of the names whose entries append or apply
    /// only if absent. Looks through the names without hashing (a
    /// hash here would be a second caller of the map's hash function, which the compiler
    /// then no longer inlines into `insert`).
    #[inline]
    fn only_inserts(&self, map: &HeaderMap) -> bool {
        const { assert!(SCANNED_NAMES + MOST_INSERTED < crate::sink::NAMES_WE_FILL) };
        let Some(kept) = self.inner.inserts else {
            return false;
        };
        let entries = &*self.inner.entries;
        let ours = |k: &HeaderName| {
            let mut mask = kept;
            while mask != 0 {
                if entries
                    .get(mask.trailing_zeros() as usize)
                    .is_some_and(|e| e.header_name == k)
                {
                    return true;
                }
                mask &= mask - 1;
            }
            false
        };
        map.keys_len() <= SCANNED_NAMES && (kept == 0 || map.is_empty() || !map.keys().any(ours))
    }
}

/// The `http` name of an entry.
#[inline(always)]
fn entry_name(e: &Entry) -> &HeaderName {
    &e.header_name
}

/// The value of an entry for the request `context` was made for.
#[inline(always)]
fn entry_value(context: &RequestContext) -> impl Fn(&Entry, &Entry) -> Option<HeaderValue> + '_ {
    move |e, _| Some(e.value_for(context.nonce()))
}

/// How the apply loop puts an entry into a sink: by its [`InsertMode`] ([`ByMode`]), or
/// by `append` ([`Appends`]) or `insert` ([`Inserts`]) alone where that is what every
/// mode does.
trait Put<S: HeaderSink + ?Sized> {
    /// Whether the `Secure` is known to have nothing but entries to write (no removal, no
    /// HSTS for secure requests only, no cookie hardening).
    const ONLY_ENTRIES: bool;

    /// Makes room for `additional` entries, as the sink's [`HeaderSink::reserve`] does.
    #[inline(always)]
    fn reserve(sink: &mut S, additional: usize) {
        sink.reserve(additional);
    }

    /// Puts `value` (made only if it is written) under `name` by `mode`.
    fn put(
        sink: &mut S,
        mode: InsertMode,
        name: &S::Name,
        value: impl FnOnce() -> Option<S::Value>,
    );
}

/// Each entry by its mode, into any sink; `ONLY_ENTRIES` for a `simple` `Secure`.
struct ByMode<const ONLY_ENTRIES: bool>;

impl<S: HeaderSink + ?Sized, const ONLY_ENTRIES: bool> Put<S> for ByMode<ONLY_ENTRIES> {
    const ONLY_ENTRIES: bool = ONLY_ENTRIES;

    #[inline(always)]
    fn put(
        sink: &mut S,
        mode: InsertMode,
        name: &S::Name,
        value: impl FnOnce() -> Option<S::Value>,
    ) {
        mode.apply_lazy(sink, name, value);
    }
}

/// Each entry by `append` alone, for a `Secure` with no two entries under one name into a
/// sink that [lacks their names](HeaderSink::lacks_written_names): what every mode does
/// there.
struct Appends<const ONLY_ENTRIES: bool>;

impl<S: HeaderSink + ?Sized, const ONLY_ENTRIES: bool> Put<S> for Appends<ONLY_ENTRIES> {
    const ONLY_ENTRIES: bool = ONLY_ENTRIES;

    #[inline(always)]
    fn put(sink: &mut S, _: InsertMode, name: &S::Name, value: impl FnOnce() -> Option<S::Value>) {
        if let Some(value) = value() {
            sink.append(name, value);
        }
    }
}

/// Each entry by `http`'s `insert`, only where [`Secure::only_inserts`] holds.
struct Inserts;

impl Put<HeaderMap> for Inserts {
    const ONLY_ENTRIES: bool = true;

    /// Room for them all: the map is far from `http`'s cap here ([`Secure::only_inserts`]
    /// holds), so the sink's check against it is left out.
    #[inline(always)]
    fn reserve(map: &mut HeaderMap, additional: usize) {
        // Only room, not a promise: `insert` grows the map itself if this could not.
        let _ = map.try_reserve(additional);
    }

    #[inline(always)]
    fn put(
        map: &mut HeaderMap,
        _: InsertMode,
        name: &HeaderName,
        value: impl FnOnce() -> Option<HeaderValue>,
    ) {
        // The name first: the value is then made where `insert` takes it from, not made
        // aside and moved past the name's clone.
        let name = name.clone();
        if let Some(value) = value() {
            map.insert(name, value);
        }
    }
}

/// Most names a map may have for [`Secure::only_inserts`] to look through them.
const SCANNED_NAMES: usize = 32;

/// Most entries a `Secure` may have for the shortest loop (one bit each in
/// [`Inner::inserts`](super::Inner)).
pub(super) const MOST_INSERTED: usize = 64;

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
    /// Each entry's name and value, converted.
    entries: Box<[(N, V)]>,
    removals: Box<[N]>,
    set_cookie: N,
}

#[cfg(feature = "actix-web")]
impl<N, V> Converted<N, V> {
    /// The entries' names, converted.
    pub(crate) fn names(&self) -> impl Iterator<Item = &N> {
        self.entries.iter().map(|(name, _)| name)
    }
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
        assert!(secure.inner.inserts.is_some());
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

    /// A sink of its own types, recording each operation the apply loop makes.
    #[derive(Default)]
    struct Recording {
        lacks: bool,
        ops: Vec<(&'static str, String)>,
    }

    impl crate::HeaderSink for Recording {
        type Name = String;
        type Value = String;
        fn insert(&mut self, name: &String, _: String) {
            self.ops.push(("insert", name.clone()));
        }
        fn append(&mut self, name: &String, _: String) {
            self.ops.push(("append", name.clone()));
        }
        fn contains(&self, _: &String) -> bool {
            false
        }
        fn remove(&mut self, name: &String) {
            self.ops.push(("remove", name.clone()));
        }
        fn lacks_written_names(&self) -> bool {
            self.lacks
        }
    }

    /// Into a sink that lacks the names written, a `Secure` whose entries have distinct
    /// names is written by `append` alone, whatever each entry's mode, on the path of a
    /// `Secure` with only entries and on the one with more (a removal, HSTS on secure
    /// requests only); a `Secure` with two entries under one name, or a sink that may have
    /// the names, is written by each entry's mode.
    #[test]
    fn a_sink_lacking_the_names_gets_appends_only_for_distinct_entries() {
        use crate::transport::HstsMode;
        let text = |v: &[u8]| String::from_utf8(v.to_vec()).ok();
        let ops = |secure: &crate::Secure, lacks: bool| {
            let converted = secure.convert(|n| Some(n.to_owned()), text).unwrap();
            let mut sink = Recording {
                lacks,
                ..Recording::default()
            };
            let context = secure.request_context().secure(true);
            secure.set_headers_converted(&converted, &mut sink, &context, text);
            sink.ops
        };
        let kinds = |ops: &[(&'static str, String)]| {
            let mut kinds: Vec<_> = ops.iter().map(|(op, _)| *op).collect();
            kinds.dedup();
            kinds
        };
        let simple = Preset::Balanced
            .builder()
            .insert_mode("X-Frame-Options", InsertMode::IfAbsent)
            .build()
            .unwrap();
        let more = Preset::Balanced
            .builder()
            .hsts_mode(HstsMode::SecureOnly)
            .remove_headers(["X-Powered-By"])
            .build()
            .unwrap();
        assert!(simple.inner.simple && !more.inner.simple);
        for secure in [&simple, &more] {
            let appended = ops(secure, true);
            let names = secure.entries().iter().map(|e| e.header_name().as_str());
            let expected: Vec<_> = names.map(|n| ("append", n.to_owned())).collect();
            let written = appended.iter().filter(|(op, _)| *op != "remove").cloned();
            assert_eq!(written.collect::<Vec<_>>(), expected);
            let by_mode = ops(secure, false);
            assert!(by_mode.iter().any(|(op, _)| *op == "insert"));
        }
        assert!(
            ops(&more, true)
                .iter()
                .any(|(op, n)| (*op, n.as_str()) == ("remove", "x-powered-by"))
        );

        let two = balanced_with_a_second_csp();
        assert_eq!(kinds(&ops(&two, true)), kinds(&ops(&two, false)));
        assert!(ops(&two, true).iter().any(|(op, _)| *op == "insert"));
    }

    /// The Balanced preset and a second CSP as a custom header: two entries under one
    /// name, which appends.
    fn balanced_with_a_second_csp() -> crate::Secure {
        Preset::Balanced
            .builder()
            .custom(crate::CustomHeader::new(
                "Content-Security-Policy",
                "img-src 'self'",
            ))
            .build()
            .unwrap()
    }

    /// Two entries under one name that appends (a second CSP, as a custom header) are both
    /// sent on an empty map and on a small one, whichever loop writes them.
    #[test]
    fn two_entries_under_one_appending_name_are_both_sent() {
        let secure = balanced_with_a_second_csp();
        assert!(secure.inner.simple && secure.inner.inserts.is_none());
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

    /// The entries whose names a map must not have for the shortest loop are found at
    /// any position up to its limit: an appending CSP after 40 other headers still joins
    /// the application's CSP, on a small map and on an empty one.
    #[test]
    fn an_appending_entry_far_down_the_list_still_appends() {
        let mut builder = crate::Secure::builder();
        for i in 0..40 {
            builder = builder.custom(crate::CustomHeader::new(&format!("X-Custom-{i}"), "1"));
        }
        let csp = "default-src 'self'";
        let secure = builder
            .custom(crate::CustomHeader::new("Content-Security-Policy", csp))
            .build()
            .unwrap();
        let position = secure
            .entries()
            .iter()
            .position(|e| e.name() == "Content-Security-Policy");
        assert_eq!(position, Some(40));
        assert_eq!(secure.entries()[40].mode(), InsertMode::Append);
        assert!(secure.inner.inserts.is_some());

        let mut map = HeaderMap::new();
        map.insert(
            "content-security-policy",
            HeaderValue::from_static("img-src 'none'"),
        );
        secure.set_headers(&mut map);
        let values: Vec<_> = map.get_all("content-security-policy").iter().collect();
        assert_eq!(values, ["img-src 'none'", csp]);
        assert_eq!(map["x-custom-39"], "1");

        let mut map = HeaderMap::new();
        secure.set_headers(&mut map);
        assert_eq!(map["content-security-policy"], csp);
        assert_eq!(map.len(), 41);
    }
}
