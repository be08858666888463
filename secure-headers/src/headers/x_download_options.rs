//! The `X-Download-Options` header.

use super::single::{self, Single, SingleValue, impl_raw, token_value};
use crate::registry::{Header, HeaderInfo, Make};
use crate::{Error, Policy};
use std::str::FromStr;

/// The `X-Download-Options` header: `noopen` stops old Internet Explorer versions
/// from opening a download in the site's context, where an HTML file could run with
/// the site's privileges; the user must save it first.
///
/// [MSDN](https://learn.microsoft.com/en-us/previous-versions/windows/internet-explorer/ie-developer/compatibility/jj542450(v=vs.85)#the-noopen-directive),
/// [Helmet](https://helmetjs.github.io/#x-download-options)
///
/// ```text
/// X-Download-Options = "noopen"
/// ```
///
/// Modern browsers ignore it; Python's `secure` 2.0.1's BASIC preset and Helmet still send it.
/// `secure` 2.0.1 has no builder for it (it sends a custom header).
///
/// ```
/// use secure_headers::{Policy, XDownloadOptions};
///
/// assert_eq!(XDownloadOptions::new().render().unwrap(), "noopen");
/// ```
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XDownloadOptions(Single);

impl XDownloadOptions {
    /// `noopen`, the only value.
    pub const NOOPEN: Self = Self(Single::of("noopen"));

    /// The default value, [`Self::NOOPEN`].
    pub const fn new() -> Self {
        Self::NOOPEN
    }

    /// Sets the value to `noopen`, as [`Self::NOOPEN`]. A recorded error is kept.
    pub fn noopen(self) -> Self {
        Self(self.0.keyword(&Self::NOOPEN.0))
    }

    /// Replaces the value with a raw token, trimmed, its case kept. `noopen` is the only
    /// value browsers knew.
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

impl Default for XDownloadOptions {
    fn default() -> Self {
        Self::new()
    }
}

impl Policy for XDownloadOptions {
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
/// use secure_headers::{Policy, XDownloadOptions};
///
/// let sent = XDownloadOptions::new().render()?;
/// let parsed: XDownloadOptions = sent.parse()?;
/// assert_eq!(parsed, XDownloadOptions::new());
/// assert!("a\u{1}b".parse::<XDownloadOptions>().is_err());
/// # Ok::<(), secure_headers::Error>(())
/// ```
impl FromStr for XDownloadOptions {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        single::parse::<Self>(Self::INFO.name, s, token_value, false).map(Self)
    }
}

impl SingleValue for XDownloadOptions {
    const KNOWN: &'static [Self] = &[Self::NOOPEN];

    fn single(&self) -> &Single {
        &self.0
    }
}

impl_raw!(XDownloadOptions);

impl Header for XDownloadOptions {
    const INFO: HeaderInfo = HeaderInfo {
        name: "X-Download-Options",
        lowercase: "x-download-options",
        method: "x_download_options",
        type_name: "XDownloadOptions",
        spec: "MDN",
        spec_url: "https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers",
        config_key: Some("x-download-options"),
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
        assert_eq!(XDownloadOptions::new().name(), "X-Download-Options");
        renders(&XDownloadOptions::new().value("x").noopen(), "noopen");
        assert_eq!(XDownloadOptions::new(), XDownloadOptions::NOOPEN);
    }

    #[test]
    fn value_is_a_token_with_case_kept() {
        raw_contract::<XDownloadOptions>("noopen", true, str::to_owned);
        renders(&XDownloadOptions::new().value(" NoOpen "), "NoOpen");
    }
}
