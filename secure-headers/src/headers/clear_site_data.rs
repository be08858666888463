//! The `Clear-Site-Data` header.

use crate::registry::{Header, HeaderInfo, Make};
use std::str::FromStr;

use super::single::{at_byte, check_field_text, split_list};
use crate::text::{At, clean_nonempty};
use crate::{Error, ErrorKind};

/// The `Clear-Site-Data` header: asks the browser to delete what it stores for this
/// site (cache, cookies, storage, ...).
///
/// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Clear-Site-Data),
/// [spec](https://w3c.github.io/webappsec-clear-site-data/)
///
/// ```text
/// Clear-Site-Data = 1#( quoted-string )
///     ; "cache" / "cookies" / "storage" / "executionContexts" / "clientHints"
///     ; / "prefetchCache" / "prerenderCache" / "*"
/// ```
///
/// This header is an action, not a policy: every response that carries it wipes data.
/// Send it only on the responses that end a session (a logout page, an account
/// deletion), never on every response, or users are logged out on every page.
///
/// **Default.** With no type chosen, it renders `"cache", "cookies", "storage"`: what a
/// logout needs (the example of the specification and MDN). It is not `"*"`, which also
/// reloads every open page of the origin (`"executionContexts"`) and covers any type
/// browsers add later. Choosing a type with a method replaces the default, and further
/// methods add to the choice; the types are always written in the order listed above.
/// Python's `secure` 2.0.1 has no builder for this header.
///
/// ```
/// use secure_headers::{ClearSiteData, Policy};
///
/// let logout = ClearSiteData::new();
/// assert_eq!(logout.render().unwrap(), r#""cache", "cookies", "storage""#);
/// let only = ClearSiteData::new().cookies().cache();
/// assert_eq!(only.render().unwrap(), r#""cache", "cookies""#);
/// ```
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClearSiteData {
    /// The chosen types, one bit per entry of [`TYPES`]; none means the default.
    types: u8,
    /// A raw value set with `value(..)`, which replaces the types.
    raw: Option<Box<str>>,
    error: Option<Error>,
}

/// The types of the default: cache, cookies, storage.
const DEFAULT_TYPES: u8 = 0b111;

/// Every data type, in the order they are written (the bit of each is its index).
const TYPES: &[&str] = &[
    "cache",
    "cookies",
    "storage",
    "executionContexts",
    "clientHints",
    "prefetchCache",
    "prerenderCache",
    "*",
];

impl ClearSiteData {
    /// `"cache"`: the HTTP cache (and, in some browsers, the back/forward cache and
    /// prerendered pages).
    pub const CACHE: Self = Self::of(0);

    /// `"cookies"`: every cookie of the registrable domain, its subdomains included,
    /// and HTTP authentication credentials. Logs the user out.
    pub const COOKIES: Self = Self::of(1);

    /// `"storage"`: DOM storage (localStorage, IndexedDB, ...), service worker
    /// registrations and other origin storage.
    pub const STORAGE: Self = Self::of(2);

    /// `"executionContexts"`: reloads every open page of the origin. Browser support
    /// varies.
    pub const EXECUTION_CONTEXTS: Self = Self::of(3);

    /// `"clientHints"`: the client hints the site asked the browser to send.
    pub const CLIENT_HINTS: Self = Self::of(4);

    /// `"prefetchCache"`: speculation-rules prefetches.
    pub const PREFETCH_CACHE: Self = Self::of(5);

    /// `"prerenderCache"`: speculation-rules prerenders.
    pub const PRERENDER_CACHE: Self = Self::of(6);

    /// `"*"`: every type, including types that browsers add later.
    pub const ALL: Self = Self::of(7);

    /// Adds `"cache"` (see [`Self::CACHE`]).
    pub fn cache(self) -> Self {
        self.add(&Self::CACHE)
    }

    /// Adds `"cookies"` (see [`Self::COOKIES`]).
    pub fn cookies(self) -> Self {
        self.add(&Self::COOKIES)
    }

    /// Adds `"storage"` (see [`Self::STORAGE`]).
    pub fn storage(self) -> Self {
        self.add(&Self::STORAGE)
    }

    /// Adds `"executionContexts"` (see [`Self::EXECUTION_CONTEXTS`]).
    pub fn execution_contexts(self) -> Self {
        self.add(&Self::EXECUTION_CONTEXTS)
    }

    /// Adds `"clientHints"` (see [`Self::CLIENT_HINTS`]).
    pub fn client_hints(self) -> Self {
        self.add(&Self::CLIENT_HINTS)
    }

    /// Adds `"prefetchCache"` (see [`Self::PREFETCH_CACHE`]).
    pub fn prefetch_cache(self) -> Self {
        self.add(&Self::PREFETCH_CACHE)
    }

    /// Adds `"prerenderCache"` (see [`Self::PRERENDER_CACHE`]).
    pub fn prerender_cache(self) -> Self {
        self.add(&Self::PRERENDER_CACHE)
    }

    /// Adds `"*"` (see [`Self::ALL`]).
    pub fn all(self) -> Self {
        self.add(&Self::ALL)
    }
}

impl ClearSiteData {
    const HEADER: &'static str = "Clear-Site-Data";

    const fn of(bit: u8) -> Self {
        Self {
            types: 1 << bit,
            raw: None,
            error: None,
        }
    }

    /// No type chosen: renders the default `"cache", "cookies", "storage"`.
    pub const fn new() -> Self {
        Self {
            types: 0,
            raw: None,
            error: None,
        }
    }

    /// Adds the types of `other` (a constant such as [`Self::COOKIES`]) and leaves a raw
    /// value.
    fn add(mut self, other: &Self) -> Self {
        self.types |= other.types;
        self.raw = None;
        self
    }

    /// Replaces the value with raw text, trimmed, sent as given (quote the types
    /// yourself: `"cache", "cookies"`). It must not be empty; control characters and
    /// non-ASCII are errors. A later type method leaves the raw value and starts a new
    /// choice of types.
    ///
    /// An invalid value is recorded and returned by `render()`.
    pub fn value(mut self, value: &str) -> Self {
        match clean_nonempty(At::directive(Self::HEADER, "value"), value) {
            Ok(v) => {
                self.types = 0;
                self.raw = Some(v.into());
            }
            Err(e) => {
                self.error.get_or_insert(e);
            }
        }
        self
    }

    /// An alias of [`value`](Self::value).
    pub fn set(self, value: &str) -> Self {
        self.value(value)
    }

    /// Back to [`new`](Self::new): the default types, no raw value and no recorded
    /// error.
    pub fn clear(self) -> Self {
        Self::new()
    }
}

crate::headers::single::impl_raw!(ClearSiteData);

impl FromStr for ClearSiteData {
    type Err = Error;

    /// Parses a received `Clear-Site-Data` value: a comma-separated list of quoted
    /// types. Whitespace is ignored and types are matched case-insensitively (written
    /// back in their canonical case); a type given twice counts once. An unquoted or
    /// unknown type, or a value without any type, is an error naming the entry and its
    /// byte position.
    ///
    /// ```
    /// use secure_headers::{ClearSiteData, ErrorKind, Policy};
    ///
    /// let csd: ClearSiteData = r#" "Cookies" ,"cache""#.parse()?;
    /// assert_eq!(csd.render()?, r#""cache", "cookies""#);
    ///
    /// let err = r#""cache", cookies"#.parse::<ClearSiteData>().unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidValue);
    /// assert!(err.detail().unwrap().ends_with("at byte 9"));
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    fn from_str(input: &str) -> Result<Self, Error> {
        let at = At::directive(Self::HEADER, "value");
        check_field_text(at, input)?;
        let mut types = 0u8;
        for (pos, entry) in split_list(input, b',') {
            if entry.is_empty() {
                continue;
            }
            let inner = entry.strip_prefix('"').and_then(|e| e.strip_suffix('"'));
            let bit = inner.and_then(|t| TYPES.iter().position(|k| k.eq_ignore_ascii_case(t)));
            let Some(bit) = bit else {
                let detail = match inner {
                    None => format!("a type is a quoted string, such as \"{entry}\""),
                    Some(_) => format!("unknown type; expected one of {}", TYPES.join(" ")),
                };
                let e = at.error(ErrorKind::InvalidValue, entry).with_detail(detail);
                return Err(at_byte(e, pos));
            };
            types |= 1 << bit;
        }
        if types == 0 {
            let e = at.error(ErrorKind::Empty, input).with_detail("no type");
            return Err(at_byte(e, 0));
        }
        Ok(Self {
            types,
            raw: None,
            error: None,
        })
    }
}

impl Default for ClearSiteData {
    fn default() -> Self {
        Self::new()
    }
}

impl crate::Policy for ClearSiteData {
    fn name(&self) -> &str {
        Self::INFO.name
    }

    fn render(&self) -> Result<String, crate::Error> {
        let (error, raw) = (self.error.as_ref(), self.raw.as_deref());
        crate::headers::render_with(error, raw, || self.compose())
    }
}

impl ClearSiteData {
    /// The value the builder methods composed, for `render` when no error was
    /// recorded and no raw value set.
    fn compose(&self) -> Result<String, Error> {
        let types = if self.types == 0 {
            DEFAULT_TYPES
        } else {
            self.types
        };
        let quoted: Vec<String> = (TYPES.iter().enumerate())
            .filter(|(bit, _)| types & (1 << bit) != 0)
            .map(|(_, name)| format!("\"{name}\""))
            .collect();
        Ok(quoted.join(", "))
    }
}

impl Header for ClearSiteData {
    const INFO: HeaderInfo = HeaderInfo {
        name: "Clear-Site-Data",
        lowercase: "clear-site-data",
        method: "clear_site_data",
        type_name: "ClearSiteData",
        spec: "W3C",
        spec_url: "https://w3c.github.io/webappsec-clear-site-data/",
        config_key: Some("clear-site-data"),
        report_only_of: None,
        make: Make::of::<Self>(),
    };

    fn from_value(raw: &str) -> Option<Self> {
        Some(Self::new().value(raw))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Policy;
    use crate::headers::single::testing::parse_fails;
    use crate::headers::single::testing::{raw_contract, renders};

    const DEFAULT: &str = r#""cache", "cookies", "storage""#;

    #[test]
    fn default_is_the_logout_set() {
        assert_eq!(ClearSiteData::new().name(), "Clear-Site-Data");
        renders(&ClearSiteData::new(), DEFAULT);
        renders(&ClearSiteData::default(), DEFAULT);
        renders(&ClearSiteData::new().cache().cookies().storage(), DEFAULT);
    }

    #[test]
    fn each_type() {
        let cases = [
            (ClearSiteData::new().cache(), ClearSiteData::CACHE, "cache"),
            (
                ClearSiteData::new().cookies(),
                ClearSiteData::COOKIES,
                "cookies",
            ),
            (
                ClearSiteData::new().storage(),
                ClearSiteData::STORAGE,
                "storage",
            ),
            (
                ClearSiteData::new().execution_contexts(),
                ClearSiteData::EXECUTION_CONTEXTS,
                "executionContexts",
            ),
            (
                ClearSiteData::new().client_hints(),
                ClearSiteData::CLIENT_HINTS,
                "clientHints",
            ),
            (
                ClearSiteData::new().prefetch_cache(),
                ClearSiteData::PREFETCH_CACHE,
                "prefetchCache",
            ),
            (
                ClearSiteData::new().prerender_cache(),
                ClearSiteData::PRERENDER_CACHE,
                "prerenderCache",
            ),
            (ClearSiteData::new().all(), ClearSiteData::ALL, "*"),
        ];
        for (built, konst, name) in cases {
            assert_eq!(built, konst);
            renders(&built, &format!("\"{name}\""));
        }
    }

    #[test]
    fn types_are_ordered_and_deduplicated() {
        let csd = ClearSiteData::new()
            .all()
            .prerender_cache()
            .cookies()
            .cookies()
            .cache();
        renders(&csd, r#""cache", "cookies", "prerenderCache", "*""#);
        let csd = ClearSiteData::STORAGE.client_hints().execution_contexts();
        renders(&csd, r#""storage", "executionContexts", "clientHints""#);
    }

    #[test]
    fn raw_value() {
        raw_contract::<ClearSiteData>(DEFAULT, false, str::to_owned);
        renders(
            &ClearSiteData::new().cookies().value(r#" "cache" "#),
            r#""cache""#,
        );
        // A type method after a raw value starts a new choice.
        renders(&ClearSiteData::new().value("x").cookies(), r#""cookies""#);
    }

    #[test]
    fn parse() {
        let csd: ClearSiteData = DEFAULT.parse().unwrap();
        renders(&csd, DEFAULT);
        let csd: ClearSiteData = r#""*", "EXECUTIONCONTEXTS",,"cache", "cache""#.parse().unwrap();
        renders(&csd, r#""cache", "executionContexts", "*""#);
        for (bad, kind, byte) in [
            ("", ErrorKind::Empty, 0),
            (r#""cache", "cookie""#, ErrorKind::InvalidValue, 9),
            ("cache", ErrorKind::InvalidValue, 0),
            ("\"cache\"\r\n", ErrorKind::InvalidCharacter, 7),
        ] {
            parse_fails::<ClearSiteData>(bad, kind, "Clear-Site-Data", byte);
        }
    }

    proptest::proptest! {
        #[test]
        fn render_then_parse_gives_the_policy_back(types in 0u8..=255) {
            let csd = ClearSiteData { types, raw: None, error: None };
            let rendered = csd.render().unwrap();
            let parsed: ClearSiteData = rendered.parse().unwrap();
            proptest::prop_assert_eq!(parsed.render().unwrap(), rendered);
            if types != 0 {
                proptest::prop_assert_eq!(parsed, csd);
            }
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,40}|[ -~\t\"]{0,40}") {
            if let Ok(p) = s.parse::<ClearSiteData>() {
                let again: ClearSiteData = p.render().unwrap().parse().unwrap();
                proptest::prop_assert_eq!(again, p);
            }
        }
    }
}
