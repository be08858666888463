//! The `X-DNS-Prefetch-Control` header.

use crate::registry::{Header, HeaderInfo, Make};
use std::borrow::Cow;

use super::single::{self, Single, SingleValue, canonical, impl_raw};
use crate::Error;
use crate::Policy;
use crate::text::{At, clean_token};
use std::str::FromStr;

/// The `X-DNS-Prefetch-Control` header: whether the browser may resolve the domain
/// names of links on the page before they are followed. Prefetching leaks which links
/// a page holds to the DNS resolver, so the default turns it `off`.
///
/// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/X-DNS-Prefetch-Control)
///
/// ```text
/// X-DNS-Prefetch-Control = "on" / "off"
/// ```
///
/// ```
/// use secure_headers::{Policy, XDnsPrefetchControl};
///
/// assert_eq!(XDnsPrefetchControl::new().render().unwrap(), "off");
/// assert_eq!(XDnsPrefetchControl::new().on().render().unwrap(), "on");
/// ```
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XDnsPrefetchControl(Single);

impl XDnsPrefetchControl {
    /// `on`: the browser may prefetch DNS.
    pub const ON: Self = Self(Single::of("on"));

    /// `off`: no DNS prefetching.
    pub const OFF: Self = Self(Single::of("off"));

    /// The default value, [`Self::OFF`].
    pub const fn new() -> Self {
        Self::OFF
    }

    /// Sets the value to `on`, as [`Self::ON`]. A recorded error is kept.
    pub fn on(self) -> Self {
        Self(self.0.keyword(&Self::ON.0))
    }

    /// Sets the value to `on`, as [`Self::ON`]. A recorded error is kept.
    pub fn allow(self) -> Self {
        Self(self.0.keyword(&Self::ON.0))
    }

    /// Sets the value to `off`, as [`Self::OFF`]. A recorded error is kept.
    pub fn off(self) -> Self {
        Self(self.0.keyword(&Self::OFF.0))
    }

    /// Sets the value to `off`, as [`Self::OFF`]. A recorded error is kept.
    pub fn disable(self) -> Self {
        Self(self.0.keyword(&Self::OFF.0))
    }

    /// Replaces the value with a raw token, trimmed. As in Python's `secure` 2.0.1, `on` and `off` are
    /// recognised case-insensitively and written in lowercase (`ON` renders `on`); any
    /// other token is kept as given.
    ///
    /// Unlike `secure` 2.0.1, which accepts any string without CR or LF, the value must be a
    /// single non-empty token.
    ///
    /// An invalid value is recorded and returned by `render()`.
    pub fn value(self, value: &str) -> Self {
        Self(self.0.raw_known::<Self>(Self::INFO.name, value, xdns_value))
    }

    /// Python's `secure` 2.0.1's alias of [`value`](Self::value).
    pub fn set(self, value: &str) -> Self {
        self.value(value)
    }

    /// Back to [`new`](Self::new): the default value, no parameters and no
    /// recorded error.
    pub fn clear(self) -> Self {
        Self::new()
    }
}

impl Default for XDnsPrefetchControl {
    fn default() -> Self {
        Self::new()
    }
}

impl Policy for XDnsPrefetchControl {
    fn name(&self) -> &str {
        Self::INFO.name
    }

    fn render(&self) -> Result<String, Error> {
        self.0.render()
    }
}

/// Parses a received header value: surrounding whitespace and the case of
/// a known value are ignored (it becomes that constant), and anything
/// [`value`](Self::value) would reject is an error naming the header, the
/// input and the byte position.
///
/// ```
/// use secure_headers::{Policy, XDnsPrefetchControl};
///
/// let sent = XDnsPrefetchControl::new().render()?;
/// let parsed: XDnsPrefetchControl = sent.parse()?;
/// assert_eq!(parsed, XDnsPrefetchControl::new());
/// assert!("a\u{1}b".parse::<XDnsPrefetchControl>().is_err());
/// # Ok::<(), secure_headers::Error>(())
/// ```
impl FromStr for XDnsPrefetchControl {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        single::parse::<Self>(Self::INFO.name, s, xdns_value, false).map(Self)
    }
}

impl SingleValue for XDnsPrefetchControl {
    const KNOWN: &'static [Self] = &[Self::ON, Self::OFF];

    fn single(&self) -> &Single {
        &self.0
    }
}

impl_raw!(XDnsPrefetchControl);

/// A token, `on` and `off` canonicalised.
fn xdns_value(at: At<'_>, input: &str) -> Result<Cow<'static, str>, Error> {
    Ok(canonical(clean_token(at, input)?, &["on", "off"]))
}

impl Header for XDnsPrefetchControl {
    const INFO: HeaderInfo = HeaderInfo {
        name: "X-DNS-Prefetch-Control",
        lowercase: "x-dns-prefetch-control",
        method: "xdfc",
        type_name: "XDnsPrefetchControl",
        spec: "MDN",
        spec_url: "https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-DNS-Prefetch-Control",
        config_key: Some("x-dns-prefetch-control"),
        report_only_of: None,
        make: Make::of::<Self>(),
    };

    fn from_value(raw: &str) -> Option<Self> {
        Some(Self::new().value(raw))
    }

    fn likely_typo(&self) -> Option<Error> {
        self.0.likely_typo::<Self>(Self::INFO.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Policy;
    use crate::headers::single::testing::{raw_contract, renders};

    #[test]
    fn default_and_helpers() {
        assert_eq!(XDnsPrefetchControl::new().name(), "X-DNS-Prefetch-Control");
        renders(&XDnsPrefetchControl::new().on(), "on");
        renders(&XDnsPrefetchControl::new().allow(), "on");
        renders(&XDnsPrefetchControl::new().on().off(), "off");
        renders(&XDnsPrefetchControl::new().on().disable(), "off");
        assert_eq!(XDnsPrefetchControl::new(), XDnsPrefetchControl::OFF);
        assert_eq!(XDnsPrefetchControl::new().allow(), XDnsPrefetchControl::ON);
    }

    #[test]
    fn value_canonicalises_on_and_off() {
        raw_contract::<XDnsPrefetchControl>("off", true, |t| match t.to_ascii_lowercase() {
            l if l == "on" || l == "off" => l,
            _ => t.to_owned(),
        });
        renders(&XDnsPrefetchControl::new().value("ON"), "on");
        renders(&XDnsPrefetchControl::new().value(" OFF "), "off");
        renders(&XDnsPrefetchControl::new().value("Maybe"), "Maybe");
    }
}
