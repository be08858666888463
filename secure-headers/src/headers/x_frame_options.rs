//! The `X-Frame-Options` header.

use crate::registry::{Header, HeaderInfo, Make};
use std::borrow::Cow;

use super::single::{self, Single, SingleValue, impl_raw};
use crate::Policy;
use crate::text::{At, clean_nonempty, clean_token};
use crate::{Error, ErrorKind};
use std::str::FromStr;

/// The `X-Frame-Options` header: whether the page may be shown in a frame, to defend
/// against clickjacking.
///
/// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/X-Frame-Options),
/// [spec](https://html.spec.whatwg.org/multipage/document-lifecycle.html#the-x-frame-options-header)
///
/// ```text
/// X-Frame-Options = "DENY" / "SAMEORIGIN"   ; case-insensitive
/// ```
///
/// The default is `SAMEORIGIN`. The CSP directive `frame-ancestors` supersedes this
/// header where browsers support both, and is more expressive; sending both keeps old
/// browsers covered.
///
/// ```
/// use secure_headers::{Policy, XFrameOptions};
///
/// assert_eq!(XFrameOptions::new().render().unwrap(), "SAMEORIGIN");
/// assert_eq!(XFrameOptions::new().deny().render().unwrap(), "DENY");
/// assert_eq!(XFrameOptions::DENY, XFrameOptions::new().deny());
/// ```
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XFrameOptions(Single);

impl XFrameOptions {
    /// `DENY`: the page may not be framed at all.
    pub const DENY: Self = Self(Single::of("DENY"));

    /// `SAMEORIGIN`: only pages of the same origin may frame it.
    pub const SAMEORIGIN: Self = Self(Single::of("SAMEORIGIN"));

    /// The default value, [`Self::SAMEORIGIN`].
    pub const fn new() -> Self {
        Self::SAMEORIGIN
    }

    /// Sets the value to `DENY`, as [`Self::DENY`]. A recorded error is kept.
    pub fn deny(self) -> Self {
        Self(self.0.keyword(&Self::DENY.0))
    }

    /// Sets the value to `SAMEORIGIN`, as [`Self::SAMEORIGIN`]. A recorded error is kept.
    pub fn sameorigin(self) -> Self {
        Self(self.0.keyword(&Self::SAMEORIGIN.0))
    }

    /// Replaces the value, trimmed, its case kept. Spaces are allowed (as in
    /// `ALLOW-FROM <origin>`), but `;` and `,` are errors (a list of values makes browsers
    /// ignore the header), as are an empty value, control characters and non-ASCII.
    /// Python's `secure` 2.0.1 accepts any string without CR or LF.
    ///
    /// An invalid value is recorded and returned by `render()`.
    pub fn value(self, value: &str) -> Self {
        Self(self.0.raw_known::<Self>(Self::INFO.name, value, xfo_value))
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

impl Default for XFrameOptions {
    fn default() -> Self {
        Self::new()
    }
}

impl Policy for XFrameOptions {
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
/// use secure_headers::{Policy, XFrameOptions};
///
/// let sent = XFrameOptions::new().render()?;
/// let parsed: XFrameOptions = sent.parse()?;
/// assert_eq!(parsed, XFrameOptions::new());
/// assert!("a\u{1}b".parse::<XFrameOptions>().is_err());
/// # Ok::<(), secure_headers::Error>(())
/// ```
impl FromStr for XFrameOptions {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        single::parse::<Self>(Self::INFO.name, s, xfo_value, false).map(Self)
    }
}

impl SingleValue for XFrameOptions {
    const KNOWN: &'static [Self] = &[Self::DENY, Self::SAMEORIGIN];

    fn single(&self) -> &Single {
        &self.0
    }
}

impl_raw!(XFrameOptions);

impl XFrameOptions {
    /// Sets `ALLOW-FROM <origin>`, which was meant to allow framing by one origin.
    ///
    /// **Obsolete**: current browsers ignore `ALLOW-FROM` (and with it the whole header,
    /// so the page can be framed by anyone). Use the CSP directive
    /// `frame-ancestors <origin>` instead. Kept for parity with `secure` 2.0.1.
    ///
    /// The origin is trimmed and must be a single token (no spaces, `;` or `,`).
    ///
    /// ```
    /// use secure_headers::{Policy, XFrameOptions};
    ///
    /// let xfo = XFrameOptions::new().allow_from("https://example.com");
    /// assert_eq!(xfo.render().unwrap(), "ALLOW-FROM https://example.com");
    /// ```
    pub fn allow_from(self, origin: &str) -> Self {
        let at = At::directive(Self::INFO.name, "allow-from");
        match clean_token(at, origin) {
            Ok(o) => Self(self.0.with_value(Cow::Owned(format!("ALLOW-FROM {o}")))),
            Err(e) => Self(self.0.fail(e)),
        }
    }
}

/// Non-empty text without control characters or separators.
fn xfo_value(at: At<'_>, input: &str) -> Result<Cow<'static, str>, Error> {
    let s = clean_nonempty(at, input)?;
    if s.contains([';', ',']) {
        return Err(at.error(ErrorKind::Separator, input));
    }
    Ok(Cow::Owned(s.to_owned()))
}

impl Header for XFrameOptions {
    const INFO: HeaderInfo = HeaderInfo {
        name: "X-Frame-Options",
        lowercase: "x-frame-options",
        method: "xfo",
        type_name: "XFrameOptions",
        spec: "HTML",
        spec_url: "https://html.spec.whatwg.org/multipage/document-lifecycle.html#the-x-frame-options-header",
        config_key: Some("x-frame-options"),
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
    use crate::headers::single::testing::{
        fails, for_any_text, raw_contract, rejects_control, rejects_separators, renders,
        safe_and_exact,
    };

    #[test]
    fn default_and_helpers() {
        assert_eq!(XFrameOptions::new().name(), "X-Frame-Options");
        renders(&XFrameOptions::new().sameorigin(), "SAMEORIGIN");
        renders(&XFrameOptions::new().deny(), "DENY");
        renders(&XFrameOptions::new().deny().sameorigin(), "SAMEORIGIN");
        assert_eq!(XFrameOptions::new(), XFrameOptions::SAMEORIGIN);
    }

    #[test]
    fn value_keeps_case_and_rejects_separators() {
        raw_contract::<XFrameOptions>("SAMEORIGIN", false, str::to_owned);
        rejects_separators("value", |v| XFrameOptions::new().value(v));
        renders(&XFrameOptions::new().value(" deny "), "deny");
        let allow = XFrameOptions::new().set("ALLOW-FROM https://a.example");
        renders(&allow, "ALLOW-FROM https://a.example");
        let e = ("X-Frame-Options", "value", "");
        fails(&XFrameOptions::new().value(""), ErrorKind::Empty, e);
    }

    #[test]
    fn allow_from() {
        let xfo = XFrameOptions::new().allow_from(" https://example.com ");
        renders(&xfo, "ALLOW-FROM https://example.com");
        renders(&xfo.clone().deny(), "DENY");
        assert_eq!(xfo.clear(), XFrameOptions::new());
        rejects_control("allow-from", |o| XFrameOptions::new().allow_from(o));
        rejects_separators("allow-from", |o| XFrameOptions::new().allow_from(o));
        let e = ("X-Frame-Options", "allow-from", "a b");
        let xfo = XFrameOptions::new().allow_from("a b");
        fails(&xfo, ErrorKind::InvalidToken, e);
        let e = ("X-Frame-Options", "allow-from", "");
        fails(&XFrameOptions::new().allow_from(""), ErrorKind::Empty, e);
        for_any_text(|s| {
            let xfo = XFrameOptions::new().allow_from(s);
            safe_and_exact(&xfo, || format!("ALLOW-FROM {}", s.trim_matches(' ')));
        });
    }
}
