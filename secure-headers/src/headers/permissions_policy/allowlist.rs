//! A feature's allowlist: `*`, `self`, `src`, origins, or nothing.

use super::*;

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
    pub(super) repr: Repr,
    pub(super) error: Option<Error>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Repr {
    /// `()`.
    None,
    /// `*`.
    Any,
    /// A non-empty list without duplicates.
    Items(Vec<Item>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Item {
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

    /// True if the list names `src`, which browsers ignore in the `Permissions-Policy`
    /// header (it names the origin of an iframe's `src` only in the iframe's `allow`
    /// attribute).
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

pub(super) fn normalize<'a>(
    tokens: impl Iterator<Item = &'a str>,
    count: usize,
) -> Result<Repr, Error> {
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
pub(super) fn unquote(token: &str) -> &str {
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
pub(super) fn parse_origin(s: &str) -> Option<String> {
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
