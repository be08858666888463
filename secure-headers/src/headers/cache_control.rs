//! Cache-Control.

use crate::registry::{Header, HeaderInfo, Make};
use std::str::FromStr;
use std::time::Duration;

use super::set_raw;
use super::single::{at_byte, check_field_text};
use crate::text::{At, clean_nonempty, is_token};
use crate::{Error, ErrorKind};

const HEADER: &str = "Cache-Control";
const DEFAULT: &str = "no-store, max-age=0";

/// The directives with a helper, in the order they are always emitted.
const ORDER: [&str; 16] = [
    "no-store",
    "no-cache",
    "private",
    "public",
    "max-age",
    "s-maxage",
    "max-stale",
    "min-fresh",
    "must-revalidate",
    "proxy-revalidate",
    "must-understand",
    "no-transform",
    "immutable",
    "stale-while-revalidate",
    "stale-if-error",
    "only-if-cached",
];

// Indexes into `ORDER`.
const NO_STORE: usize = 0;
const NO_CACHE: usize = 1;
const PRIVATE: usize = 2;
const PUBLIC: usize = 3;
const MAX_AGE: usize = 4;
const S_MAXAGE: usize = 5;
const MAX_STALE: usize = 6;
const MIN_FRESH: usize = 7;
const MUST_REVALIDATE: usize = 8;
const PROXY_REVALIDATE: usize = 9;
const MUST_UNDERSTAND: usize = 10;
const NO_TRANSFORM: usize = 11;
const IMMUTABLE: usize = 12;
const STALE_WHILE_REVALIDATE: usize = 13;
const STALE_IF_ERROR: usize = 14;
const ONLY_IF_CACHED: usize = 15;

/// The state of one directive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    Unset,
    /// Present without a value (`no-store`).
    Flag,
    /// Present with a number of seconds (`max-age=60`).
    Seconds(u64),
}

/// The `Cache-Control` header: whether and how long responses may be stored by browsers
/// and shared caches.
///
/// ```text
/// Cache-Control = #( token [ "=" ( token / quoted-string ) ] )
/// ```
///
/// The default is `no-store, max-age=0`, the safe choice for responses that carry
/// personal data. Directives are emitted in one fixed order whatever the order of the
/// calls (`no-store`, `no-cache`, `private`, `public`, `max-age`, `s-maxage`, `max-stale`,
/// `min-fresh`, `must-revalidate`, `proxy-revalidate`, `must-understand`, `no-transform`,
/// `immutable`, `stale-while-revalidate`, `stale-if-error`, `only-if-cached`), then the
/// [`custom`](Self::custom) directives sorted. Setting a directive again overwrites it.
/// Contradictions such as `public` with `private` are emitted as asked, like Python's `secure` 2.0.1.
///
/// ```
/// use secure_headers::{CacheControl, Policy};
/// use std::time::Duration;
///
/// let cc = CacheControl::new().public().max_age(Duration::from_secs(60)).no_cache();
/// assert_eq!(cc.render().unwrap(), "no-cache, public, max-age=60");
/// assert_eq!(CacheControl::new().render().unwrap(), "no-store, max-age=0");
/// ```
///
/// Differences from `secure` 2.0.1: the value of a custom directive must be a token or a
/// quoted string (`secure` 2.0.1 let `foo=a b` through).
///
/// See [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Cache-Control)
/// and [RFC 9111](https://www.rfc-editor.org/rfc/rfc9111#name-cache-control).
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CacheControl {
    slots: [Slot; ORDER.len()],
    /// Rendered custom directives, sorted and unique.
    extras: Vec<Box<str>>,
    /// A raw value from [`value`](Self::value), emitted as given.
    raw: Option<Box<str>>,
    error: Option<Error>,
}

impl CacheControl {
    /// `secure` 2.0.1's default, `no-store, max-age=0`.
    pub const fn new() -> Self {
        Self {
            slots: [Slot::Unset; ORDER.len()],
            extras: Vec::new(),
            raw: None,
            error: None,
        }
    }

    /// `no-store`: no cache may store the response.
    pub fn no_store(self) -> Self {
        self.put(NO_STORE, Slot::Flag)
    }

    /// `no-cache`: caches may store the response but must revalidate it before each reuse.
    pub fn no_cache(self) -> Self {
        self.put(NO_CACHE, Slot::Flag)
    }

    /// `private`: only a private cache (the browser's) may store the response.
    pub fn private(self) -> Self {
        self.put(PRIVATE, Slot::Flag)
    }

    /// `public`: shared caches may store the response too.
    pub fn public(self) -> Self {
        self.put(PUBLIC, Slot::Flag)
    }

    /// `max-age=<seconds>`: how long the response stays fresh. Whole seconds; sub-second
    /// parts are dropped.
    pub fn max_age(self, max_age: Duration) -> Self {
        self.put(MAX_AGE, seconds(max_age))
    }

    /// `s-maxage=<seconds>`: how long the response stays fresh in shared caches.
    pub fn s_maxage(self, s_maxage: Duration) -> Self {
        self.put(S_MAXAGE, seconds(s_maxage))
    }

    /// Alias of [`s_maxage`](Self::s_maxage), as in `secure` 2.0.1.
    pub fn s_max_age(self, s_maxage: Duration) -> Self {
        self.s_maxage(s_maxage)
    }

    /// `max-stale[=<seconds>]` (a request directive): accept a stale response, stale by at
    /// most `seconds`, or by any amount with `None`.
    ///
    /// ```
    /// use secure_headers::{CacheControl, Policy};
    /// use std::time::Duration;
    ///
    /// assert_eq!(CacheControl::new().max_stale(None).render().unwrap(), "max-stale");
    /// let cc = CacheControl::new().max_stale(Duration::from_secs(30));
    /// assert_eq!(cc.render().unwrap(), "max-stale=30");
    /// ```
    pub fn max_stale(self, max_stale: impl Into<Option<Duration>>) -> Self {
        let slot = max_stale.into().map_or(Slot::Flag, seconds);
        self.put(MAX_STALE, slot)
    }

    /// `min-fresh=<seconds>` (a request directive): the response must stay fresh for at
    /// least that long.
    pub fn min_fresh(self, min_fresh: Duration) -> Self {
        self.put(MIN_FRESH, seconds(min_fresh))
    }

    /// `must-revalidate`: once stale, the response must be revalidated before reuse.
    pub fn must_revalidate(self) -> Self {
        self.put(MUST_REVALIDATE, Slot::Flag)
    }

    /// `proxy-revalidate`: like `must-revalidate`, for shared caches only.
    pub fn proxy_revalidate(self) -> Self {
        self.put(PROXY_REVALIDATE, Slot::Flag)
    }

    /// `must-understand`: store the response only if the cache understands the caching
    /// rules of its status code.
    pub fn must_understand(self) -> Self {
        self.put(MUST_UNDERSTAND, Slot::Flag)
    }

    /// `no-transform`: intermediaries must not transform the content.
    pub fn no_transform(self) -> Self {
        self.put(NO_TRANSFORM, Slot::Flag)
    }

    /// `immutable`: the response will not change while it is fresh.
    pub fn immutable(self) -> Self {
        self.put(IMMUTABLE, Slot::Flag)
    }

    /// `stale-while-revalidate=<seconds>`: a stale response may be reused for that long
    /// while it is revalidated in the background.
    pub fn stale_while_revalidate(self, duration: Duration) -> Self {
        self.put(STALE_WHILE_REVALIDATE, seconds(duration))
    }

    /// `stale-if-error=<seconds>`: a stale response may be reused for that long when the
    /// origin answers with an error.
    pub fn stale_if_error(self, duration: Duration) -> Self {
        self.put(STALE_IF_ERROR, seconds(duration))
    }

    /// `only-if-cached` (a request directive): answer from the cache or not at all.
    pub fn only_if_cached(self) -> Self {
        self.put(ONLY_IF_CACHED, Slot::Flag)
    }

    /// Adds a directive that has no helper: `name` or `name=value`.
    ///
    /// The name is lowercased and must be a token; the value must be a token or a quoted
    /// string (`foo="a b"`), and commas are not allowed anywhere. Custom directives are
    /// emitted after the others, sorted; an identical one is added once, and one whose
    /// name is a directive already set by a helper is left out.
    ///
    /// ```
    /// use secure_headers::{CacheControl, Policy};
    ///
    /// let cc = CacheControl::new().private().custom("no-vary-search=\"x\"").custom("foo");
    /// assert_eq!(cc.render().unwrap(), "private, foo, no-vary-search=\"x\"");
    /// ```
    pub fn custom(mut self, directive: impl AsRef<str>) -> Self {
        self.leave_raw();
        match parse_custom(directive.as_ref()) {
            Ok(token) => {
                if let Err(at) = self.extras.binary_search(&token) {
                    self.extras.insert(at, token);
                }
            }
            Err(e) => self.fail(e),
        }
        self
    }

    /// Replaces the whole value with `value`, emitted as given (surrounding spaces
    /// trimmed). Directives and custom directives are dropped; a later directive call
    /// starts again from an empty list.
    ///
    /// `value` must not be empty and must not contain control characters (CR, LF, NUL,
    /// ...) or non-ASCII text.
    pub fn value(mut self, value: impl AsRef<str>) -> Self {
        self.slots = [Slot::Unset; ORDER.len()];
        self.extras.clear();
        set_raw(HEADER, value.as_ref(), &mut self.raw, &mut self.error);
        self
    }

    fn put(mut self, index: usize, slot: Slot) -> Self {
        self.leave_raw();
        self.slots[index] = slot;
        self
    }

    fn leave_raw(&mut self) {
        self.raw = None;
    }

    fn fail(&mut self, error: Error) {
        self.error.get_or_insert(error);
    }
}

fn seconds(d: Duration) -> Slot {
    Slot::Seconds(d.as_secs())
}

/// Checks a custom directive and returns it as it will be emitted.
fn parse_custom(input: &str) -> Result<Box<str>, Error> {
    let at = At::header(HEADER);
    let d = clean_nonempty(at, input)?;
    if d.contains(',') {
        return Err(at.error(ErrorKind::Separator, input));
    }
    let (name, value) = match d.split_once('=') {
        Some((name, value)) => (name.trim_matches(' '), Some(value.trim_matches(' '))),
        None => (d, None),
    };
    if !is_token(name) {
        let detail = "a directive name is a token such as no-cache";
        return Err(at.error(ErrorKind::InvalidName, input).with_detail(detail));
    }
    let name = name.to_ascii_lowercase();
    let Some(value) = value else {
        return Ok(name.into());
    };
    if !(is_token(value) || is_quoted_string(value)) {
        let detail = "a directive value is a token or a quoted string";
        let at = At::directive(HEADER, &name);
        return Err(at.error(ErrorKind::InvalidToken, input).with_detail(detail));
    }
    Ok(format!("{name}={value}").into())
}

/// True for an RFC 9110 quoted-string (visible ASCII and spaces, `\` escapes).
fn is_quoted_string(s: &str) -> bool {
    let Some(inner) = s.strip_prefix('"').and_then(|rest| rest.strip_suffix('"')) else {
        return false;
    };
    let mut escaped = false;
    for b in inner.bytes() {
        if escaped {
            escaped = false;
        } else if b == b'\\' {
            escaped = true;
        } else if b == b'"' {
            return false;
        }
    }
    !escaped
}

/// The `,`-separated members of `input` (commas inside quoted strings do not split),
/// trimmed, with their byte positions; empty members are skipped.
fn members(input: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let (mut start, mut quoted, mut escaped) = (0, false, false);
    let bytes = input.as_bytes();
    for i in 0..=bytes.len() {
        let b = bytes.get(i).copied();
        if quoted {
            match b {
                _ if escaped => escaped = false,
                Some(b'\\') => escaped = true,
                Some(b'"') => quoted = false,
                _ => {}
            }
            if b.is_some() {
                continue;
            }
        }
        match b {
            Some(b'"') => quoted = true,
            Some(b',') | None => {
                let piece = &input[start..i];
                let trimmed = piece.trim_matches([' ', '\t']);
                if !trimmed.is_empty() {
                    let lead = piece.len() - piece.trim_start_matches([' ', '\t']).len();
                    out.push((start + lead, trimmed));
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    out
}

impl FromStr for CacheControl {
    type Err = Error;

    /// Parses a received `Cache-Control` value (RFC 9111 §5.2).
    ///
    /// Directive names are case-insensitive and whitespace around `,` and `=` is
    /// ignored; a number may be a quoted string. A directive with a helper becomes that
    /// helper (a repeated one: the last wins, as with the helpers); `no-cache` or
    /// `private` with a field list, and every other directive, become
    /// [`custom`](Self::custom) directives. Errors name the header, the directive, the
    /// input and its byte position: a missing or non-numeric number of seconds, a value
    /// `custom` rejects, an empty header.
    ///
    /// ```
    /// use secure_headers::{CacheControl, ErrorKind, Policy};
    ///
    /// let cc: CacheControl = "Max-Age=60, PUBLIC ,no-cache=\"Set-Cookie\"".parse()?;
    /// assert_eq!(cc.render()?, "public, max-age=60, no-cache=\"Set-Cookie\"");
    ///
    /// let err = "no-store, max-age=soon".parse::<CacheControl>().unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidValue);
    /// assert_eq!(err.directive(), Some("max-age"));
    /// assert!(err.detail().unwrap().ends_with("at byte 10"));
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    fn from_str(input: &str) -> Result<Self, Error> {
        check_field_text(At::header(HEADER), input)?;
        let mut cc = Self::new();
        let mut any = false;
        for (pos, member) in members(input) {
            any = true;
            let (name, value) = match member.split_once('=') {
                Some((n, v)) => (
                    n.trim_matches([' ', '\t']),
                    Some(v.trim_matches([' ', '\t'])),
                ),
                None => (member, None),
            };
            let lower = name.to_ascii_lowercase();
            let index = ORDER.iter().position(|n| *n == lower);
            let seconds_value = matches!(
                index,
                Some(
                    MAX_AGE
                        | S_MAXAGE
                        | MAX_STALE
                        | MIN_FRESH
                        | STALE_WHILE_REVALIDATE
                        | STALE_IF_ERROR
                )
            );
            cc = match (index, value) {
                (Some(i), None) if !seconds_value || i == MAX_STALE => cc.put(i, Slot::Flag),
                (Some(i), None) => {
                    let e = At::directive(HEADER, ORDER[i]).error(ErrorKind::Empty, member);
                    let detail = "this directive needs a number of seconds";
                    return Err(at_byte(e.with_detail(detail), pos));
                }
                (Some(i), Some(v)) if seconds_value => {
                    let digits = v
                        .strip_prefix('"')
                        .and_then(|v| v.strip_suffix('"'))
                        .unwrap_or(v);
                    let at = At::directive(HEADER, ORDER[i]);
                    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                        let e = at.error(ErrorKind::InvalidValue, member);
                        let detail = "a number of seconds is digits only";
                        return Err(at_byte(e.with_detail(detail), pos));
                    }
                    let Ok(n) = digits.parse::<u64>() else {
                        let e = at.error(ErrorKind::OutOfRange, member);
                        return Err(at_byte(e.with_detail("does not fit in 64 bits"), pos));
                    };
                    cc.put(i, Slot::Seconds(n))
                }
                _ => cc.custom(member),
            };
            if let Some(e) = cc.error.take() {
                return Err(at_byte(e, pos));
            }
        }
        if !any {
            let e = At::header(HEADER).error(ErrorKind::Empty, input);
            return Err(at_byte(e.with_detail("no directive"), 0));
        }
        Ok(cc)
    }
}

impl CacheControl {
    /// Alias of [`value`](Self::value), as in `secure` 2.0.1.
    pub fn set(self, value: impl AsRef<str>) -> Self {
        self.value(value)
    }

    /// Back to the default `no-store, max-age=0`, forgetting any recorded error.
    pub fn clear(self) -> Self {
        Self::new()
    }
}

impl Default for CacheControl {
    fn default() -> Self {
        Self::new()
    }
}

impl crate::Policy for CacheControl {
    fn name(&self) -> &str {
        Self::INFO.name
    }

    fn render(&self) -> Result<String, crate::Error> {
        let (error, raw) = (self.error.as_ref(), self.raw.as_deref());
        crate::headers::render_with(error, raw, || self.compose())
    }
}

impl CacheControl {
    /// The value the builder methods composed, for `render` when no error was
    /// recorded and no raw value set.
    fn compose(&self) -> Result<String, Error> {
        let mut parts: Vec<String> = Vec::new();
        for (name, slot) in ORDER.iter().zip(self.slots) {
            match slot {
                Slot::Unset => {}
                Slot::Flag => parts.push((*name).to_owned()),
                Slot::Seconds(s) => parts.push(format!("{name}={s}")),
            }
        }
        for extra in &self.extras {
            let name = extra.split('=').next().unwrap_or_default();
            let emitted = ORDER
                .iter()
                .zip(self.slots)
                .any(|(n, slot)| slot != Slot::Unset && *n == name);
            if !emitted {
                parts.push(extra.to_string());
            }
        }
        if parts.is_empty() {
            return Ok(DEFAULT.to_owned());
        }
        Ok(parts.join(", "))
    }
}

impl Header for CacheControl {
    const INFO: HeaderInfo = HeaderInfo {
        name: "Cache-Control",
        lowercase: "cache-control",
        method: "cache",
        type_name: "CacheControl",
        spec: "RFC 9111",
        spec_url: "https://www.rfc-editor.org/rfc/rfc9111#section-5.2",
        config_key: Some("cache-control"),
        report_only_of: None,
        make: Make::of::<Self>(),
    };

    fn from_value(raw: &str) -> Option<Self> {
        Some(Self::new().value(raw))
    }
}

#[cfg(test)]
mod tests;
