//! The `X-Content-Type-Options` header.

use super::single::{self, Single, SingleValue, impl_raw, token_value};
use crate::registry::{Header, HeaderInfo, Make};
use crate::{Error, Policy};
use std::str::FromStr;

/// The `X-Content-Type-Options` header: `nosniff` stops browsers from guessing
/// ("sniffing") a response's type, so a file served as text cannot run as a script or
/// a stylesheet.
///
/// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/X-Content-Type-Options),
/// [spec](https://fetch.spec.whatwg.org/#x-content-type-options-header)
///
/// ```text
/// X-Content-Type-Options = "nosniff"
/// ```
///
/// ```
/// use secure_headers::{Policy, XContentTypeOptions};
///
/// assert_eq!(XContentTypeOptions::new().render().unwrap(), "nosniff");
/// ```
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XContentTypeOptions(Single);

impl XContentTypeOptions {
    /// `nosniff`, the only value.
    pub const NOSNIFF: Self = Self(Single::of("nosniff"));

    /// The default value, [`Self::NOSNIFF`].
    pub const fn new() -> Self {
        Self::NOSNIFF
    }

    /// Sets the value to `nosniff`, as [`Self::NOSNIFF`]. A recorded error is kept.
    pub fn nosniff(self) -> Self {
        Self(self.0.keyword(&Self::NOSNIFF.0))
    }

    /// Replaces the value with a raw token, trimmed, its case kept. `nosniff` is the only
    /// value browsers know.
    ///
    /// Unlike Python's `secure` 2.0.1, which accepts any string without CR or LF, the value must be a
    /// single non-empty token.
    ///
    /// An invalid value is recorded and returned by `render()`.
    pub fn value(self, value: &str) -> Self {
        Self(
            self.0
                .raw_known::<Self>(Self::INFO.name, value, token_value),
        )
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

impl Default for XContentTypeOptions {
    fn default() -> Self {
        Self::new()
    }
}

impl Policy for XContentTypeOptions {
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
/// use secure_headers::{Policy, XContentTypeOptions};
///
/// let sent = XContentTypeOptions::new().render()?;
/// let parsed: XContentTypeOptions = sent.parse()?;
/// assert_eq!(parsed, XContentTypeOptions::new());
/// assert!("a\u{1}b".parse::<XContentTypeOptions>().is_err());
/// # Ok::<(), secure_headers::Error>(())
/// ```
impl FromStr for XContentTypeOptions {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        single::parse::<Self>(Self::INFO.name, s, token_value, false).map(Self)
    }
}

impl SingleValue for XContentTypeOptions {
    const KNOWN: &'static [Self] = &[Self::NOSNIFF];

    fn single(&self) -> &Single {
        &self.0
    }
}

impl_raw!(XContentTypeOptions);

impl Header for XContentTypeOptions {
    const INFO: HeaderInfo = HeaderInfo {
        name: "X-Content-Type-Options",
        lowercase: "x-content-type-options",
        method: "xcto",
        type_name: "XContentTypeOptions",
        spec: "Fetch",
        spec_url: "https://fetch.spec.whatwg.org/#x-content-type-options-header",
        config_key: Some("x-content-type-options"),
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
    fn default_and_helper() {
        assert_eq!(XContentTypeOptions::new().name(), "X-Content-Type-Options");
        renders(&XContentTypeOptions::new().value("x").nosniff(), "nosniff");
        assert_eq!(XContentTypeOptions::new(), XContentTypeOptions::NOSNIFF);
    }

    #[test]
    fn value_is_a_token_with_case_kept() {
        raw_contract::<XContentTypeOptions>("nosniff", true, str::to_owned);
        renders(&XContentTypeOptions::new().value(" NoSniff "), "NoSniff");
    }
}
