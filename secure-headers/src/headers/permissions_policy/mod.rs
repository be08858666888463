//! Permissions-Policy: which browser features a page and its frames may use.
//!
//! [`PermissionsPolicy`] is the header, [`Feature`] names the features it has a method
//! for, and [`Allowlist`] is the set of origins a feature is allowed for.
//!
//! ```
//! use secure_headers::{PermissionsPolicy, Policy};
//!
//! let pp = PermissionsPolicy::new()
//!     .geolocation([])
//!     .camera(["self"])
//!     .fullscreen(["self", "https://a.example.com"]);
//! assert_eq!(
//!     pp.render().unwrap(),
//!     r#"geolocation=(), camera=(self), fullscreen=(self "https://a.example.com")"#
//! );
//! ```

use std::fmt;

use crate::headers::{impl_policy, set_raw};
use crate::text::{At, clean_nonempty, clean_text};
use crate::{Error, ErrorKind};

mod feature;
mod parse;

pub use self::feature::Feature;

const HEADER: &str = "Permissions-Policy";
const DEFAULT: &str = "geolocation=(), microphone=(), camera=()";

/// The `Permissions-Policy` header: for each policy-controlled feature, the origins that
/// may use it.
///
/// ```text
/// Permissions-Policy = feature "=" allowlist *( ", " feature "=" allowlist )
/// allowlist          = "*" / "(" [ member *( " " member ) ] ")"
/// member             = "self" / "src" / DQUOTE origin DQUOTE
/// ```
///
/// With no feature set, Python's `secure` 2.0.1's default `geolocation=(), microphone=(), camera=()` is
/// sent. Features are emitted in the order they were first set; setting one again
/// replaces its allowlist in place. There is a method per [`Feature`]
/// ([`geolocation`](Self::geolocation), [`camera`](Self::camera), ...) and
/// [`add_directive`](Self::add_directive) for any other.
///
/// ```
/// use secure_headers::{PermissionsPolicy, Policy};
///
/// assert_eq!(
///     PermissionsPolicy::new().render().unwrap(),
///     "geolocation=(), microphone=(), camera=()"
/// );
/// let pp = PermissionsPolicy::new()
///     .geolocation(["self", "https://a.example.com"])
///     .autoplay(["*"])
///     .geolocation(["self"]);
/// assert_eq!(pp.render().unwrap(), "geolocation=(self), autoplay=*");
/// ```
///
/// Differences from `secure` 2.0.1:
/// - an origin written in single quotes (`'https://a.com'`) is sent double-quoted, as the
///   header requires (`secure` 2.0.1 sent it single-quoted, and browsers ignored it);
/// - origins are checked (a scheme, a host and an optional port; no path, query, spaces
///   or quotes), and a token that is neither a keyword nor an origin (`example.com`) is
///   an error, since browsers would ignore it;
/// - a token given twice in one allowlist is sent once;
/// - [`value`](Self::value) replaces everything: the features set before it do not come
///   back after a later feature call.
///
/// See [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Permissions-Policy)
/// and the [Permissions Policy spec](https://w3c.github.io/webappsec-permissions-policy/).
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PermissionsPolicy {
    /// Features in first-insertion order. Their allowlists hold no error.
    directives: Vec<(Box<str>, Allowlist)>,
    /// A raw value from [`value`](Self::value), emitted as given.
    raw: Option<Box<str>>,
    error: Option<Error>,
}

impl PermissionsPolicy {
    /// No feature set: `secure` 2.0.1's default, `geolocation=(), microphone=(), camera=()`, is
    /// sent.
    pub const fn new() -> Self {
        Self {
            directives: Vec::new(),
            raw: None,
            error: None,
        }
    }

    /// Sets the allowlist of the feature `name`, for features without a method of their
    /// own. `name` may be a [`Feature`] or a string; a string must be a Structured Field
    /// key (RFC 9651 §3.1.2): a lowercase letter or `*`, then lowercase letters, digits,
    /// `_`, `-`, `.` or `*`. Anything else (`Camera`, `camera!`) is an
    /// [`ErrorKind::InvalidName`] error: a browser's structured-field parser refuses the
    /// whole header for it, which would leave every feature unrestricted.
    ///
    /// The allowlist is anything that converts [`Into`] an [`Allowlist`]: an array, slice
    /// or `Vec` of tokens, a single `&str`, or an [`Allowlist`]:
    ///
    /// | Tokens | Sent |
    /// |---|---|
    /// | `[]`, `["none"]`, `["'none'"]`, `["()"]` | `()` (nobody) |
    /// | `["*"]` | `*` (every origin) |
    /// | `["self"]`, `["'self'"]` | `(self)` |
    /// | `["src"]` | `(src)` (the origin of an iframe's `src`) |
    /// | `["self", "https://a.example.com"]` | `(self "https://a.example.com")` |
    ///
    /// `none` and `*` must be alone ([`ErrorKind::Conflict`]). A `Vec` needs its type
    /// spelled out when empty (`Vec::<&str>::new()`); an empty array literal `[]` needs
    /// nothing.
    ///
    /// ```
    /// use secure_headers::permissions_policy::Feature;
    /// use secure_headers::{PermissionsPolicy, Policy};
    ///
    /// let pp = PermissionsPolicy::new()
    ///     .add_directive("new-feature", ["self"])
    ///     .add_directive(Feature::Usb, []);
    /// assert_eq!(pp.render().unwrap(), "new-feature=(self), usb=()");
    ///
    /// let err = PermissionsPolicy::new().add_directive("Camera", []).render().unwrap_err();
    /// assert_eq!(err.kind(), secure_headers::ErrorKind::InvalidName);
    /// assert_eq!(err.input(), Some("Camera"));
    /// ```
    pub fn add_directive(mut self, name: impl AsRef<str>, allowlist: impl Into<Allowlist>) -> Self {
        let input = name.as_ref();
        let at = At::header(HEADER);
        let name = match clean_nonempty(at, input).and_then(|n| check_key(n, input).map(|()| n)) {
            Ok(n) => n,
            Err(e) => return self.fail(e),
        };
        let mut allowlist = allowlist.into();
        if let Some(e) = allowlist.error.take() {
            return self.fail(e.with_directive(name));
        }
        self.raw = None;
        match self.directives.iter_mut().find(|(n, _)| &**n == name) {
            Some((_, slot)) => *slot = allowlist,
            None => self.directives.push((name.into(), allowlist)),
        }
        self
    }

    /// Alias of [`add_directive`](Self::add_directive), as in `secure` 2.0.1.
    pub fn directive(self, name: impl AsRef<str>, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(name, allowlist)
    }

    /// Replaces the whole value with `value`, emitted as given (surrounding spaces
    /// trimmed). Features set before are dropped, and a later feature call starts again
    /// from an empty list (`secure` 2.0.1 brought the old features back).
    ///
    /// `value` must not be empty and must not contain control characters (CR, LF, NUL,
    /// ...) or non-ASCII text, and every feature name in it must be one browsers accept
    /// (see [`add_directive`](Self::add_directive)): `Camera=()` is an
    /// [`ErrorKind::InvalidName`] error here too. The rest is sent unchecked.
    ///
    /// ```
    /// use secure_headers::{ErrorKind, PermissionsPolicy, Policy};
    ///
    /// let pp = PermissionsPolicy::new().value(r#"camera=();report-to=main, fullscreen=(self "https://a.example")"#);
    /// assert_eq!(pp.render().unwrap(), r#"camera=();report-to=main, fullscreen=(self "https://a.example")"#);
    /// let err = PermissionsPolicy::new().value("camera=(), Camera=()").render().unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidName);
    /// assert_eq!(err.input(), Some("Camera"));
    /// ```
    pub fn value(mut self, value: impl AsRef<str>) -> Self {
        self.directives.clear();
        set_raw(HEADER, value.as_ref(), &mut self.raw, &mut self.error);
        let bad_key = self
            .raw
            .as_deref()
            .and_then(|raw| dictionary_keys(raw).find_map(|k| check_key(k, k).err()));
        if let Some(e) = bad_key {
            self.raw = None;
            return self.fail(e);
        }
        self
    }

    /// The features set, with their allowlists, in the order they are sent. Empty when
    /// the default or a raw [`value`](Self::value) is sent.
    pub fn features(&self) -> impl Iterator<Item = (&str, &Allowlist)> {
        self.directives.iter().map(|(n, a)| (&**n, a))
    }

    /// The allowlist set for the feature `name`, if any.
    #[must_use]
    pub fn get(&self, name: impl AsRef<str>) -> Option<&Allowlist> {
        let name = name.as_ref();
        self.features().find(|(n, _)| *n == name).map(|(_, a)| a)
    }

    /// The raw value set with [`value`](Self::value), if that is what will be sent.
    #[must_use]
    pub fn raw_value(&self) -> Option<&str> {
        self.raw.as_deref()
    }

    fn fail(mut self, error: Error) -> Self {
        self.error.get_or_insert(error);
        self
    }
}

impl_policy!(PermissionsPolicy = HEADER, default "geolocation=(), microphone=(), camera=()");

impl PermissionsPolicy {
    /// The value the builder methods composed, for `render` when no error was
    /// recorded and no raw value set.
    fn compose(&self) -> Result<String, Error> {
        if self.directives.is_empty() {
            return Ok(DEFAULT.to_owned());
        }
        let parts: Vec<String> = self
            .directives
            .iter()
            .map(|(name, allowlist)| format!("{name}={allowlist}"))
            .collect();
        Ok(parts.join(", "))
    }
}

/// The origins a feature is allowed for: nobody (`()`), everybody (`*`), or a list of
/// `self`, `src` and origins (`(self "https://a.example.com")`).
///
/// An allowlist is usually written as its tokens, converted by the feature methods of
/// [`PermissionsPolicy`]; see [`PermissionsPolicy::add_directive`] for the forms. The
/// tokens are normalised as `secure` 2.0.1 does (`'self'` → `self`, `'none'` → `()`), origins
/// are checked and double-quoted, and duplicates are dropped. A mistake is kept and
/// reported by [`Policy::render`](crate::Policy::render) of the policy it is given to (or by
/// [`error`](Self::error)).
///
/// ```
/// use secure_headers::permissions_policy::Allowlist;
///
/// let a = Allowlist::from(["'self'", "'https://a.example.com'", "self"]);
/// assert_eq!(a.to_string(), r#"(self "https://a.example.com")"#);
/// assert!(a.allows_self());
/// assert_eq!(a.origins().collect::<Vec<_>>(), ["https://a.example.com"]);
/// assert_eq!(Allowlist::from([]).to_string(), "()");
/// assert_eq!(Allowlist::any().to_string(), "*");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Allowlist {
    repr: Repr,
    error: Option<Error>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Repr {
    /// `()`.
    None,
    /// `*`.
    Any,
    /// A non-empty list without duplicates.
    Items(Vec<Item>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Item {
    SelfOrigin,
    Src,
    /// An origin without quotes, scheme and host lowercased.
    Origin(Box<str>),
}

impl Allowlist {
    /// `()`: the feature is disabled everywhere.
    #[must_use]
    pub const fn none() -> Self {
        Self {
            repr: Repr::None,
            error: None,
        }
    }

    /// `*`: **the feature is allowed for every origin**, including any cross-origin
    /// iframe.
    #[must_use]
    pub const fn any() -> Self {
        Self {
            repr: Repr::Any,
            error: None,
        }
    }

    /// An allowlist from its tokens, normalised and checked as described on
    /// [`Allowlist`]. No token, or only empty ones, gives `()`.
    #[must_use]
    pub fn from_tokens<I>(tokens: I) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let tokens: Vec<I::Item> = tokens.into_iter().collect();
        match normalize(tokens.iter().map(AsRef::as_ref), tokens.len()) {
            Ok(repr) => Self { repr, error: None },
            Err(e) => Self {
                repr: Repr::None,
                error: Some(e),
            },
        }
    }

    /// True for `()`.
    #[must_use]
    pub fn is_none(&self) -> bool {
        self.repr == Repr::None
    }

    /// True for `*`.
    #[must_use]
    pub fn is_any(&self) -> bool {
        self.repr == Repr::Any
    }

    /// True if the list names `self` (or is `*`).
    #[must_use]
    pub fn allows_self(&self) -> bool {
        match &self.repr {
            Repr::None => false,
            Repr::Any => true,
            Repr::Items(items) => items.contains(&Item::SelfOrigin),
        }
    }

    /// True if the list names `src`.
    #[must_use]
    pub fn allows_src(&self) -> bool {
        matches!(&self.repr, Repr::Items(items) if items.contains(&Item::Src))
    }

    /// The origins in the list, without quotes, in order.
    pub fn origins(&self) -> impl Iterator<Item = &str> {
        let items = match &self.repr {
            Repr::Items(items) => &items[..],
            Repr::None | Repr::Any => &[],
        };
        items.iter().filter_map(|item| match item {
            Item::Origin(o) => Some(&**o),
            Item::SelfOrigin | Item::Src => None,
        })
    }

    /// The first mistake found in the tokens, if any.
    #[must_use]
    pub fn error(&self) -> Option<&Error> {
        self.error.as_ref()
    }
}

/// The allowlist as sent: `()`, `*` or `(self "https://a.example.com")`.
impl fmt::Display for Allowlist {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repr {
            Repr::None => f.write_str("()"),
            Repr::Any => f.write_str("*"),
            Repr::Items(items) => {
                f.write_str("(")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" ")?;
                    }
                    match item {
                        Item::SelfOrigin => f.write_str("self")?,
                        Item::Src => f.write_str("src")?,
                        Item::Origin(o) => write!(f, "\"{o}\"")?,
                    }
                }
                f.write_str(")")
            }
        }
    }
}

impl Default for Allowlist {
    /// `()`.
    fn default() -> Self {
        Self::none()
    }
}

impl<const N: usize> From<[&str; N]> for Allowlist {
    fn from(tokens: [&str; N]) -> Self {
        Self::from_tokens(tokens)
    }
}

impl<const N: usize> From<&[&str; N]> for Allowlist {
    fn from(tokens: &[&str; N]) -> Self {
        Self::from_tokens(tokens)
    }
}

impl From<&[&str]> for Allowlist {
    fn from(tokens: &[&str]) -> Self {
        Self::from_tokens(tokens)
    }
}

impl From<&[String]> for Allowlist {
    fn from(tokens: &[String]) -> Self {
        Self::from_tokens(tokens)
    }
}

impl From<Vec<&str>> for Allowlist {
    fn from(tokens: Vec<&str>) -> Self {
        Self::from_tokens(tokens)
    }
}

impl From<Vec<String>> for Allowlist {
    fn from(tokens: Vec<String>) -> Self {
        Self::from_tokens(tokens)
    }
}

/// A single token: `"self"`, `"*"`, `"https://a.example.com"`.
impl From<&str> for Allowlist {
    fn from(token: &str) -> Self {
        Self::from_tokens([token])
    }
}

/// Normalises allowlist tokens as `secure` 2.0.1 does, with its origin bugs fixed. `count` is
/// the number of tokens given, empty ones included (as in `secure` 2.0.1, `none` must be the
/// only one).
/// The member names of a dictionary value as written: at the top level of each
/// comma-separated member, the text before `=`, `;`, `(`, `"` or a space.
fn dictionary_keys(value: &str) -> impl Iterator<Item = &str> {
    let bytes = value.as_bytes();
    let mut i = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
            i += 1;
        }
        let start = i;
        while i < bytes.len()
            && !matches!(bytes[i], b'=' | b';' | b',' | b' ' | b'\t' | b'(' | b'"')
        {
            i += 1;
        }
        let key = &value[start..i];
        // On to the next comma outside parentheses and strings.
        let (mut depth, mut quoted) = (0usize, false);
        while i < bytes.len() {
            match bytes[i] {
                b'\\' if quoted => i += 1,
                b'"' => quoted = !quoted,
                b'(' if !quoted => depth += 1,
                b')' if !quoted => depth = depth.saturating_sub(1),
                b',' if !quoted && depth == 0 => break,
                _ => {}
            }
            i += 1;
        }
        if i >= bytes.len() {
            done = true;
        } else {
            i += 1;
        }
        Some(key)
    })
}

/// True for a Structured Field key (RFC 9651 §3.1.2):
/// `( lcalpha / "*" ) *( lcalpha / DIGIT / "_" / "-" / "." / "*" )`.
pub(crate) fn is_key(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b == b'*')
        && bytes.all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'-' | b'.' | b'*')
        })
}

/// Checks that `name` is a feature name browsers accept (a Structured Field key); the
/// error is about `input`, the name as given.
pub(crate) fn check_key(name: &str, input: &str) -> Result<(), Error> {
    if is_key(name) {
        return Ok(());
    }
    let mut detail = String::from(if name.bytes().any(|b| b.is_ascii_uppercase()) {
        "a feature name is lowercase"
    } else {
        "a feature name is a lowercase letter or '*', then lowercase letters, digits, '_', '-', '.' or '*'"
    });
    detail.push_str(
        " (a Structured Field key); browsers refuse the whole header otherwise, leaving every feature unrestricted",
    );
    let lower = name.to_ascii_lowercase();
    if lower != name
        && let Ok(feature) = lower.parse::<Feature>()
    {
        detail.push_str(&format!("; the feature is named {feature}"));
    }
    Err(At::header(HEADER)
        .error(ErrorKind::InvalidName, input)
        .with_detail(detail))
}

fn normalize<'a>(tokens: impl Iterator<Item = &'a str>, count: usize) -> Result<Repr, Error> {
    let at = At::header(HEADER);
    let mut items: Vec<Item> = Vec::new();
    let mut none = false;
    let mut any = false;
    for raw in tokens {
        let token = clean_text(at, raw)?;
        if token.is_empty() {
            continue;
        }
        if token.contains([',', ';']) {
            return Err(at.error(ErrorKind::Separator, raw));
        }
        if token.contains(' ') {
            let detail = "an allowlist token has no spaces; pass each token separately";
            return Err(at.error(ErrorKind::InvalidToken, raw).with_detail(detail));
        }
        let item = match unquote(token) {
            "none" | "()" => {
                if count != 1 {
                    let detail = "() / none cannot be combined with other allowlist tokens";
                    return Err(at.error(ErrorKind::Conflict, raw).with_detail(detail));
                }
                none = true;
                continue;
            }
            "*" => {
                any = true;
                continue;
            }
            "self" => Item::SelfOrigin,
            "src" => Item::Src,
            other => match parse_origin(other) {
                Some(origin) => Item::Origin(origin.into()),
                None => {
                    let detail = "expected self, src, *, none or an origin such as \
                                  https://example.com (scheme, host and optional port only)";
                    return Err(at.error(ErrorKind::InvalidValue, raw).with_detail(detail));
                }
            },
        };
        if !items.contains(&item) {
            items.push(item);
        }
    }
    if any {
        if !items.is_empty() {
            let detail = "wildcard (*) must be used alone in a Permissions-Policy allowlist";
            return Err(at.error(ErrorKind::Conflict, "*").with_detail(detail));
        }
        return Ok(Repr::Any);
    }
    if none || items.is_empty() {
        return Ok(Repr::None);
    }
    Ok(Repr::Items(items))
}

/// Strips one pair of matching single or double quotes.
fn unquote(token: &str) -> &str {
    for q in ['\'', '"'] {
        if let Some(inner) = token.strip_prefix(q).and_then(|t| t.strip_suffix(q)) {
            return inner;
        }
    }
    token
}

/// Parses `scheme://host[:port]` (one trailing `/` allowed and dropped), returning it with
/// scheme and host lowercased. The host is a domain name (optionally starting with `*.`),
/// an IPv4 address or a bracketed IPv6 address.
fn parse_origin(s: &str) -> Option<String> {
    let (scheme, rest) = s.split_once("://")?;
    let mut chars = scheme.chars();
    let scheme_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok {
        return None;
    }
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let (host, port) = if rest.starts_with('[') {
        let end = rest.find(']')?;
        let (host, after) = rest.split_at(end + 1);
        let inner = &host[1..end];
        let ipv6_ok = !inner.is_empty()
            && inner.contains(':')
            && inner
                .chars()
                .all(|c| c.is_ascii_hexdigit() || matches!(c, ':' | '.'));
        if !ipv6_ok {
            return None;
        }
        match after {
            "" => (host, None),
            _ => (host, Some(after.strip_prefix(':')?)),
        }
    } else {
        let (host, port) = match rest.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (rest, None),
        };
        let domain = host.strip_prefix("*.").unwrap_or(host);
        let labels_ok = domain.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
        if !labels_ok {
            return None;
        }
        (host, port)
    };
    if let Some(port) = port {
        let digits_ok = (1..=5).contains(&port.len()) && port.bytes().all(|b| b.is_ascii_digit());
        if !digits_ok || port.parse::<u16>().is_err() {
            return None;
        }
    }
    let mut out = format!(
        "{}://{}",
        scheme.to_ascii_lowercase(),
        host.to_ascii_lowercase()
    );
    if let Some(port) = port {
        out.push(':');
        out.push_str(port);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Policy;
    use proptest::prelude::*;

    fn render(p: &PermissionsPolicy) -> String {
        p.render().unwrap()
    }

    fn pp() -> PermissionsPolicy {
        PermissionsPolicy::new()
    }

    #[test]
    fn default() {
        assert_eq!(render(&pp()), DEFAULT);
        assert_eq!(PermissionsPolicy::default(), pp());
        assert_eq!(pp().name(), HEADER);
        assert_eq!(pp().features().count(), 0);
    }

    #[test]
    fn seed_examples() {
        assert_eq!(render(&pp().geolocation([])), "geolocation=()");
        assert_eq!(render(&pp().camera(["self"])), "camera=(self)");
        assert_eq!(render(&pp().camera(["'self'"])), "camera=(self)");
        assert_eq!(
            render(&pp().geolocation(["self", "https://a.example.com"])),
            r#"geolocation=(self "https://a.example.com")"#
        );
        assert_eq!(render(&pp().geolocation(["*"])), "geolocation=*");
        let p = pp().geolocation([]).microphone([]).camera([]);
        assert_eq!(render(&p), DEFAULT);
    }

    #[test]
    fn every_feature_method() {
        type Method = fn(PermissionsPolicy, Allowlist) -> PermissionsPolicy;
        let methods: [(Method, &str); 105] = [
            (PermissionsPolicy::accelerometer, "accelerometer"),
            (
                PermissionsPolicy::all_screens_capture,
                "all-screens-capture",
            ),
            (
                PermissionsPolicy::ambient_light_sensor,
                "ambient-light-sensor",
            ),
            (PermissionsPolicy::aria_notify, "aria-notify"),
            (
                PermissionsPolicy::attribution_reporting,
                "attribution-reporting",
            ),
            (PermissionsPolicy::autofill, "autofill"),
            (PermissionsPolicy::autoplay, "autoplay"),
            (PermissionsPolicy::battery, "battery"),
            (PermissionsPolicy::bluetooth, "bluetooth"),
            (PermissionsPolicy::browsing_topics, "browsing-topics"),
            (PermissionsPolicy::camera, "camera"),
            (
                PermissionsPolicy::captured_surface_control,
                "captured-surface-control",
            ),
            (PermissionsPolicy::ch_device_memory, "ch-device-memory"),
            (PermissionsPolicy::ch_downlink, "ch-downlink"),
            (PermissionsPolicy::ch_dpr, "ch-dpr"),
            (PermissionsPolicy::ch_ect, "ch-ect"),
            (
                PermissionsPolicy::ch_prefers_color_scheme,
                "ch-prefers-color-scheme",
            ),
            (
                PermissionsPolicy::ch_prefers_reduced_motion,
                "ch-prefers-reduced-motion",
            ),
            (
                PermissionsPolicy::ch_prefers_reduced_transparency,
                "ch-prefers-reduced-transparency",
            ),
            (PermissionsPolicy::ch_rtt, "ch-rtt"),
            (PermissionsPolicy::ch_save_data, "ch-save-data"),
            (PermissionsPolicy::ch_ua, "ch-ua"),
            (PermissionsPolicy::ch_ua_arch, "ch-ua-arch"),
            (PermissionsPolicy::ch_ua_bitness, "ch-ua-bitness"),
            (PermissionsPolicy::ch_ua_form_factors, "ch-ua-form-factors"),
            (PermissionsPolicy::ch_ua_full_version, "ch-ua-full-version"),
            (
                PermissionsPolicy::ch_ua_full_version_list,
                "ch-ua-full-version-list",
            ),
            (
                PermissionsPolicy::ch_ua_high_entropy_values,
                "ch-ua-high-entropy-values",
            ),
            (PermissionsPolicy::ch_ua_mobile, "ch-ua-mobile"),
            (PermissionsPolicy::ch_ua_model, "ch-ua-model"),
            (PermissionsPolicy::ch_ua_platform, "ch-ua-platform"),
            (
                PermissionsPolicy::ch_ua_platform_version,
                "ch-ua-platform-version",
            ),
            (PermissionsPolicy::ch_ua_wow64, "ch-ua-wow64"),
            (PermissionsPolicy::ch_viewport_height, "ch-viewport-height"),
            (PermissionsPolicy::ch_viewport_width, "ch-viewport-width"),
            (PermissionsPolicy::ch_width, "ch-width"),
            (PermissionsPolicy::clipboard_read, "clipboard-read"),
            (PermissionsPolicy::clipboard_write, "clipboard-write"),
            (PermissionsPolicy::compute_pressure, "compute-pressure"),
            (
                PermissionsPolicy::conversion_measurement,
                "conversion-measurement",
            ),
            (
                PermissionsPolicy::cross_origin_isolated,
                "cross-origin-isolated",
            ),
            (PermissionsPolicy::deferred_fetch, "deferred-fetch"),
            (
                PermissionsPolicy::deferred_fetch_minimal,
                "deferred-fetch-minimal",
            ),
            (
                PermissionsPolicy::digital_credentials_create,
                "digital-credentials-create",
            ),
            (
                PermissionsPolicy::digital_credentials_get,
                "digital-credentials-get",
            ),
            (PermissionsPolicy::direct_sockets, "direct-sockets"),
            (PermissionsPolicy::display_capture, "display-capture"),
            (PermissionsPolicy::document_domain, "document-domain"),
            (PermissionsPolicy::encrypted_media, "encrypted-media"),
            (
                PermissionsPolicy::execution_while_not_rendered,
                "execution-while-not-rendered",
            ),
            (
                PermissionsPolicy::execution_while_out_of_viewport,
                "execution-while-out-of-viewport",
            ),
            (
                PermissionsPolicy::focus_without_user_activation,
                "focus-without-user-activation",
            ),
            (PermissionsPolicy::fullscreen, "fullscreen"),
            (PermissionsPolicy::gamepad, "gamepad"),
            (PermissionsPolicy::geolocation, "geolocation"),
            (PermissionsPolicy::gyroscope, "gyroscope"),
            (PermissionsPolicy::hid, "hid"),
            (
                PermissionsPolicy::identity_credentials_get,
                "identity-credentials-get",
            ),
            (PermissionsPolicy::idle_detection, "idle-detection"),
            (PermissionsPolicy::interest_cohort, "interest-cohort"),
            (
                PermissionsPolicy::join_ad_interest_group,
                "join-ad-interest-group",
            ),
            (PermissionsPolicy::keyboard_map, "keyboard-map"),
            (PermissionsPolicy::language_detector, "language-detector"),
            (PermissionsPolicy::language_model, "language-model"),
            (PermissionsPolicy::local_fonts, "local-fonts"),
            (PermissionsPolicy::local_network, "local-network"),
            (
                PermissionsPolicy::local_network_access,
                "local-network-access",
            ),
            (PermissionsPolicy::loopback_network, "loopback-network"),
            (PermissionsPolicy::magnetometer, "magnetometer"),
            (PermissionsPolicy::manual_text, "manual-text"),
            (
                PermissionsPolicy::media_playback_while_not_visible,
                "media-playback-while-not-visible",
            ),
            (PermissionsPolicy::mediasession, "mediasession"),
            (PermissionsPolicy::microphone, "microphone"),
            (PermissionsPolicy::midi, "midi"),
            (PermissionsPolicy::monetization, "monetization"),
            (
                PermissionsPolicy::navigation_override,
                "navigation-override",
            ),
            (
                PermissionsPolicy::on_device_speech_recognition,
                "on-device-speech-recognition",
            ),
            (PermissionsPolicy::otp_credentials, "otp-credentials"),
            (PermissionsPolicy::payment, "payment"),
            (PermissionsPolicy::picture_in_picture, "picture-in-picture"),
            (
                PermissionsPolicy::private_state_token_issuance,
                "private-state-token-issuance",
            ),
            (
                PermissionsPolicy::private_state_token_redemption,
                "private-state-token-redemption",
            ),
            (
                PermissionsPolicy::publickey_credentials_create,
                "publickey-credentials-create",
            ),
            (
                PermissionsPolicy::publickey_credentials_get,
                "publickey-credentials-get",
            ),
            (PermissionsPolicy::rewriter, "rewriter"),
            (PermissionsPolicy::run_ad_auction, "run-ad-auction"),
            (PermissionsPolicy::screen_wake_lock, "screen-wake-lock"),
            (PermissionsPolicy::serial, "serial"),
            (PermissionsPolicy::smart_card, "smart-card"),
            (PermissionsPolicy::speaker_selection, "speaker-selection"),
            (PermissionsPolicy::storage_access, "storage-access"),
            (PermissionsPolicy::summarizer, "summarizer"),
            (PermissionsPolicy::sync_script, "sync-script"),
            (PermissionsPolicy::sync_xhr, "sync-xhr"),
            (PermissionsPolicy::tools, "tools"),
            (PermissionsPolicy::translator, "translator"),
            (
                PermissionsPolicy::trust_token_redemption,
                "trust-token-redemption",
            ),
            (PermissionsPolicy::unload, "unload"),
            (PermissionsPolicy::usb, "usb"),
            (PermissionsPolicy::vertical_scroll, "vertical-scroll"),
            (PermissionsPolicy::web_share, "web-share"),
            (PermissionsPolicy::window_management, "window-management"),
            (PermissionsPolicy::window_placement, "window-placement"),
            (PermissionsPolicy::writer, "writer"),
            (
                PermissionsPolicy::xr_spatial_tracking,
                "xr-spatial-tracking",
            ),
        ];
        for ((method, name), feature) in methods.iter().zip(Feature::ALL) {
            assert_eq!(feature.as_str(), *name);
            let p = method(pp(), Allowlist::from(["self"]));
            assert_eq!(render(&p), format!("{name}=(self)"));
            assert_eq!(p, pp().add_directive(*feature, ["self"]));
        }
        let all = methods
            .iter()
            .fold(pp(), |p, (method, _)| method(p, Allowlist::none()));
        let expected: Vec<String> = methods.iter().map(|(_, n)| format!("{n}=()")).collect();
        assert_eq!(render(&all), expected.join(", "));
    }

    #[test]
    #[allow(
        clippy::needless_borrows_for_generic_args,
        reason = "the borrowed forms are what is tested"
    )]
    fn allowlist_argument_forms() {
        let owned = vec![String::from("self")];
        let cases: [(PermissionsPolicy, &str); 8] = [
            (pp().camera(&["self"]), "camera=(self)"),
            (pp().camera(&["self"][..]), "camera=(self)"),
            (pp().camera(vec!["self"]), "camera=(self)"),
            (pp().camera(owned.clone()), "camera=(self)"),
            (pp().camera(&owned[..]), "camera=(self)"),
            (pp().camera("self"), "camera=(self)"),
            (pp().camera(Vec::<&str>::new()), "camera=()"),
            (pp().camera(Allowlist::any()), "camera=*"),
        ];
        for (p, expected) in cases {
            assert_eq!(render(&p), expected);
        }
        assert_eq!(render(&pp().camera(&[])), "camera=()");
    }

    #[test]
    fn normalisation() {
        let cases: [(&[&str], &str); 18] = [
            (&["none"], "()"),
            (&["'none'"], "()"),
            (&["\"none\""], "()"),
            (&["()"], "()"),
            (&[""], "()"),
            (&["", "  "], "()"),
            (&["*"], "*"),
            (&["'*'"], "*"),
            (&["\"*\""], "*"),
            (&["*", "'*'"], "*"),
            (&["'self'", "\"src\""], "(self src)"),
            (&["src", "self"], "(src self)"),
            (&["self", "self", "'self'"], "(self)"),
            (&["'https://a.com'"], r#"("https://a.com")"#),
            (&["\"https://a.com\""], r#"("https://a.com")"#),
            (
                &["https://a.com", "'https://a.com'", "HTTPS://A.COM/"],
                r#"("https://a.com")"#,
            ),
            (
                &[
                    "http://localhost:8080",
                    "https://*.example.com",
                    "https://[::1]:443",
                ],
                r#"("http://localhost:8080" "https://*.example.com" "https://[::1]:443")"#,
            ),
            (
                &[" self ", "", "https://10.0.0.1"],
                r#"(self "https://10.0.0.1")"#,
            ),
        ];
        for (tokens, expected) in cases {
            let a = Allowlist::from(tokens);
            assert_eq!(a.error(), None, "{tokens:?}");
            assert_eq!(a.to_string(), expected, "{tokens:?}");
        }
    }

    #[test]
    fn conflicts() {
        for tokens in [
            &["*", "self"][..],
            &["self", "'*'"],
            &["https://a.com", "*"],
        ] {
            let e = pp().camera(tokens).render().unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Conflict, "{tokens:?}");
            assert_eq!(e.header(), Some(HEADER));
            assert_eq!(e.directive(), Some("camera"));
            assert!(e.detail().unwrap().contains("alone"));
        }
        for tokens in [
            &["none", "self"][..],
            &["self", "()"],
            &["", "none"],
            &["none", "none"],
        ] {
            let e = pp().camera(tokens).render().unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Conflict, "{tokens:?}");
            assert_eq!(e.directive(), Some("camera"));
            assert!(e.detail().unwrap().contains("cannot be combined"));
        }
    }

    #[test]
    fn bad_allowlist_tokens() {
        for (bad, kind) in [
            ("self\r\nSet-Cookie: a", ErrorKind::InvalidCharacter),
            ("self\n", ErrorKind::InvalidCharacter),
            ("self\0", ErrorKind::InvalidCharacter),
            ("https://a.com,https://b.com", ErrorKind::Separator),
            ("self;", ErrorKind::Separator),
            ("self https://a.com", ErrorKind::InvalidToken),
            ("example.com", ErrorKind::InvalidValue),
            ("Self", ErrorKind::InvalidValue),
            ("https://a.com/path", ErrorKind::InvalidValue),
            ("https://a.com?q", ErrorKind::InvalidValue),
            ("https://a.com#f", ErrorKind::InvalidValue),
            ("https://user@a.com", ErrorKind::InvalidValue),
            ("https://a.com:99999", ErrorKind::InvalidValue),
            ("https://a.com:", ErrorKind::InvalidValue),
            ("https://", ErrorKind::InvalidValue),
            ("https://a..com", ErrorKind::InvalidValue),
            ("https://a\"b.com", ErrorKind::InvalidValue),
            ("'https://a.com\"", ErrorKind::InvalidValue),
            ("https://[::1", ErrorKind::InvalidValue),
            ("https://[zz]", ErrorKind::InvalidValue),
            ("1https://a.com", ErrorKind::InvalidValue),
        ] {
            let e = pp().geolocation(["self", bad]).render().unwrap_err();
            assert_eq!(e.kind(), kind, "{bad:?}");
            assert_eq!(e.header(), Some(HEADER));
            assert_eq!(e.directive(), Some("geolocation"));
            assert_eq!(e.input(), Some(bad));
        }
    }

    #[test]
    fn add_directive_names() {
        let p = pp()
            .add_directive(" new-feature ", ["self"])
            .directive("x", [])
            .directive("*a_b-c.d*9", []);
        assert_eq!(render(&p), "new-feature=(self), x=(), *a_b-c.d*9=()");
        for (bad, kind) in [
            ("", ErrorKind::Empty),
            ("  ", ErrorKind::Empty),
            ("Camera", ErrorKind::InvalidName),
            ("camera!", ErrorKind::InvalidName),
            ("new-Feature", ErrorKind::InvalidName),
            ("1camera", ErrorKind::InvalidName),
            ("-camera", ErrorKind::InvalidName),
            ("_camera", ErrorKind::InvalidName),
            ("cam/era", ErrorKind::InvalidName),
            ("bad name", ErrorKind::InvalidName),
            ("a,b", ErrorKind::InvalidName),
            ("a;b", ErrorKind::InvalidName),
            ("a=b", ErrorKind::InvalidName),
            ("a(b", ErrorKind::InvalidName),
            ("a\rb", ErrorKind::InvalidCharacter),
            ("a\nb", ErrorKind::InvalidCharacter),
            ("a\0b", ErrorKind::InvalidCharacter),
        ] {
            let e = pp().add_directive(bad, ["self"]).render().unwrap_err();
            assert_eq!(e.kind(), kind, "{bad:?}");
            assert_eq!(e.header(), Some(HEADER));
            assert_eq!(e.input(), Some(bad));
        }
    }

    /// `directive("Camera", [])` once rendered `camera=(), Camera=()`, which a browser's
    /// structured-field parser refuses whole: every feature was left unrestricted.
    #[test]
    fn keys_browsers_refuse_are_errors() {
        let e = pp()
            .camera([])
            .directive("Camera", [])
            .render()
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidName);
        assert_eq!(e.header(), Some(HEADER));
        assert_eq!(e.input(), Some("Camera"));
        assert_eq!(
            e.detail(),
            Some(
                "a feature name is lowercase (a Structured Field key); browsers refuse the whole header otherwise, leaving every feature unrestricted; the feature is named camera"
            )
        );
        let e = pp()
            .camera([])
            .directive("camera!", [])
            .render()
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidName);
        assert_eq!(e.input(), Some("camera!"));
        assert_eq!(
            e.detail(),
            Some(
                "a feature name is a lowercase letter or '*', then lowercase letters, digits, '_', '-', '.' or '*' (a Structured Field key); browsers refuse the whole header otherwise, leaving every feature unrestricted"
            )
        );
        // No hint for a name whose lowercase form is not a known feature.
        let e = pp().directive("X-Beta", []).render().unwrap_err();
        assert!(!e.detail().unwrap().contains("named"), "{e}");
    }

    #[test]
    fn re_adding_replaces_in_place() {
        let p = pp()
            .camera([])
            .geolocation(["self"])
            .camera(["*"])
            .add_directive("camera", ["src"]);
        assert_eq!(render(&p), "camera=(src), geolocation=(self)");
        let names: Vec<&str> = p.features().map(|(n, _)| n).collect();
        assert_eq!(names, ["camera", "geolocation"]);
        assert!(p.get(Feature::Camera).unwrap().allows_src());
        assert!(p.get("geolocation").unwrap().allows_self());
        assert_eq!(p.get("usb"), None);
    }

    #[test]
    fn value_replaces_everything() {
        let p = pp().camera([]).value("  usb=() ");
        assert_eq!(render(&p), "usb=()");
        assert_eq!(p.raw_value(), Some("usb=()"));
        assert_eq!(p.features().count(), 0);
        // The seed's bug: camera=() came back here.
        let p = p.geolocation(["self"]);
        assert_eq!(render(&p), "geolocation=(self)");
        assert_eq!(p.raw_value(), None);
        assert_eq!(render(&pp().set("fullscreen=*")), "fullscreen=*");
        for (bad, kind) in [
            ("", ErrorKind::Empty),
            ("  ", ErrorKind::Empty),
            ("a=()\r\nSet-Cookie: x", ErrorKind::InvalidCharacter),
            ("a=()\n", ErrorKind::InvalidCharacter),
            ("a=()\0", ErrorKind::InvalidCharacter),
        ] {
            let e = pp().value(bad).render().unwrap_err();
            assert_eq!(e.kind(), kind, "{bad:?}");
            assert_eq!(e.header(), Some(HEADER));
            assert_eq!(e.input(), Some(bad));
        }
    }

    #[test]
    fn a_raw_value_with_a_key_browsers_refuse_is_an_error() {
        for (bad, key) in [
            ("camera=(), Camera=()", "Camera"),
            ("camera!=()", "camera!"),
            (r#"geolocation=(self "https://a,b"), USB=()"#, "USB"),
            ("camera=(),", ""),
            (", camera=()", ""),
        ] {
            let e = pp().value(bad).render().unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidName, "{bad:?}");
            assert_eq!(e.input(), Some(key), "{bad:?}");
        }
        for good in [
            "camera=()",
            r#"camera=();report-to=main, geolocation=(self "https://a.example,(x)"), fullscreen=*"#,
            "  usb=() , serial=(src)",
        ] {
            assert_eq!(render(&pp().value(good)), good.trim(), "{good:?}");
        }
        let keys: Vec<&str> = dictionary_keys(r#"a=(x "y,z\"," w), b;p=1, c=?0,d"#).collect();
        assert_eq!(keys, ["a", "b", "c", "d"]);
    }

    #[test]
    fn first_error_wins_and_clear_restores_default() {
        let p = pp().camera(["nope"]).usb(["*", "self"]).value("");
        let e = p.render().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidValue);
        assert_eq!(e.directive(), Some("camera"));
        let p = p.clear();
        assert_eq!(p, pp());
        assert_eq!(render(&p), DEFAULT);
    }

    #[test]
    fn allowlist_accessors() {
        let a = Allowlist::from(["self", "https://a.com", "src", "https://b.com:8443"]);
        assert!(a.allows_self() && a.allows_src());
        assert!(!a.is_none() && !a.is_any());
        assert_eq!(
            a.origins().collect::<Vec<_>>(),
            ["https://a.com", "https://b.com:8443"]
        );
        assert!(Allowlist::none().is_none());
        assert!(Allowlist::default().is_none());
        assert!(Allowlist::any().is_any() && Allowlist::any().allows_self());
        assert!(!Allowlist::none().allows_self());
        assert_eq!(Allowlist::any().origins().count(), 0);
        let bad = Allowlist::from("x y");
        assert_eq!(bad.error().unwrap().kind(), ErrorKind::InvalidToken);
        assert_eq!(
            Allowlist::from_tokens(Vec::<String>::new()),
            Allowlist::none()
        );
    }

    fn assert_header_value(v: &str) -> Result<(), TestCaseError> {
        prop_assert!(http::HeaderValue::from_str(v).is_ok());
        prop_assert!(!v.contains(['\r', '\n', '\0']));
        Ok(())
    }

    proptest! {
        #[test]
        fn allowlist_tokens_render_or_err(tokens in proptest::collection::vec(any::<String>(), 0..4)) {
            let p = pp().camera(tokens.clone());
            if let Ok(v) = p.render() {
                assert_header_value(&v)?;
                prop_assert!(v.starts_with("camera="));
                let a = p.get("camera").unwrap();
                for t in &tokens {
                    let t = unquote(t.trim_matches(' '));
                    match t {
                        "" | "none" | "()" => {}
                        "*" => prop_assert!(a.is_any()),
                        "self" => prop_assert!(a.allows_self()),
                        "src" => prop_assert!(a.allows_src()),
                        origin => prop_assert!(
                            a.origins().any(|o| o.eq_ignore_ascii_case(origin.trim_end_matches('/')))
                        ),
                    }
                }
            }
        }

        #[test]
        fn origin_like_tokens_render_or_err(
            scheme in "[a-zA-Z][a-zA-Z0-9+.-]{0,5}",
            host in "[a-zA-Z0-9.*:\\[\\]\"' /?-]{0,16}",
            quote in prop_oneof![Just(""), Just("'"), Just("\"")],
        ) {
            let token = format!("{quote}{scheme}://{host}{quote}");
            let p = pp().geolocation(["self", token.as_str()]);
            match p.render() {
                Ok(v) => {
                    assert_header_value(&v)?;
                    let origin = p.get("geolocation").unwrap().origins().next().unwrap().to_owned();
                    let quoted = format!("\"{origin}\"");
                    prop_assert!(v.contains(&quoted));
                    prop_assert!(!origin.contains(['"', '\'', ' ', '?']));
                    prop_assert_eq!(origin.matches('/').count(), 2);
                }
                Err(e) => prop_assert_eq!(e.directive(), Some("geolocation")),
            }
        }

        #[test]
        fn add_directive_name_renders_or_errs(name in any::<String>()) {
            let p = pp().add_directive(&name, ["self"]);
            if let Ok(v) = p.render() {
                assert_header_value(&v)?;
                prop_assert_eq!(v, format!("{}=(self)", name.trim_matches(' ')));
            }
        }

        #[test]
        fn value_renders_what_was_set_or_errs(s in any::<String>()) {
            let p = pp().camera([]).value(&s);
            if let Ok(v) = p.render() {
                assert_header_value(&v)?;
                prop_assert_eq!(v.as_str(), s.trim_matches(' '));
            }
        }
    }
}
