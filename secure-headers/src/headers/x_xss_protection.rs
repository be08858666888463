//! The `X-XSS-Protection` header.

use super::single::{self, Single, SingleValue, impl_raw, nonempty_value};
use crate::registry::{Header, HeaderInfo, Make};
use crate::{Error, Policy};
use std::str::FromStr;

/// The `X-XSS-Protection` header: controls the XSS filter ("XSS Auditor") of old
/// browsers. The default, and the only recommended value, is `0`: it turns the filter
/// off.
///
/// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/X-XSS-Protection),
/// [OWASP](https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Headers_Cheat_Sheet.html#x-xss-protection)
///
/// ```text
/// X-XSS-Protection = "0" / "1" [ "; mode=block" ] [ "; report=" URI ]
/// ```
///
/// Why `0`: current browsers have removed the filter (Chrome 78, Edge, Firefox never
/// had one), and where it still exists it did harm. Attackers could make it remove
/// legitimate scripts, and its blocking behaviour could be used to detect what a page
/// contains across origins (XS-Leaks); in some cases it even created XSS holes. Sending
/// `0` switches it off on old browsers; real protection against XSS comes from a
/// `Content-Security-Policy`. Python's `secure` 2.0.1's BASIC preset and Helmet send `0`; `secure` 2.0.1 has
/// no builder for it (it sends a custom header).
///
/// ```
/// use secure_headers::{Policy, XXssProtection};
///
/// assert_eq!(XXssProtection::new().render().unwrap(), "0");
/// ```
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XXssProtection(Single);

impl XXssProtection {
    /// `0`: the filter is off. The recommended value.
    pub const DISABLED: Self = Self(Single::of("0"));

    /// `1; mode=block`: the filter is on and blocks the whole page when it detects an
    /// attack.
    ///
    /// **Not recommended**: the filter is gone from current browsers, and in the old ones
    /// that have it, it can be abused to leak information across origins or to disable
    /// legitimate scripts. Use a `Content-Security-Policy` and keep this header at `0`.
    pub const ENABLED_BLOCK: Self = Self(Single::of("1; mode=block"));

    /// The default value, [`Self::DISABLED`].
    pub const fn new() -> Self {
        Self::DISABLED
    }

    /// Sets the value to `0`, as [`Self::DISABLED`]. A recorded error is kept.
    pub fn disabled(self) -> Self {
        Self(self.0.keyword(&Self::DISABLED.0))
    }

    /// Sets the value to `1; mode=block`, as [`Self::ENABLED_BLOCK`]. A recorded error is kept.
    pub fn enabled_block(self) -> Self {
        Self(self.0.keyword(&Self::ENABLED_BLOCK.0))
    }

    /// Replaces the value, trimmed, its case kept. The value may hold `;` and spaces
    /// (`1; mode=block; report=<uri>`); it must not be empty, and control characters and
    /// non-ASCII are errors.
    ///
    /// An invalid value is recorded and returned by `render()`.
    pub fn value(self, value: &str) -> Self {
        Self(self.0.raw(Self::INFO.name, value, nonempty_value))
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

impl Default for XXssProtection {
    fn default() -> Self {
        Self::new()
    }
}

impl Policy for XXssProtection {
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
/// use secure_headers::{Policy, XXssProtection};
///
/// let sent = XXssProtection::new().render()?;
/// let parsed: XXssProtection = sent.parse()?;
/// assert_eq!(parsed, XXssProtection::new());
/// assert!("a\u{1}b".parse::<XXssProtection>().is_err());
/// # Ok::<(), secure_headers::Error>(())
/// ```
impl FromStr for XXssProtection {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        single::parse::<Self>(Self::INFO.name, s, nonempty_value, false).map(Self)
    }
}

impl SingleValue for XXssProtection {
    const KNOWN: &'static [Self] = &[Self::DISABLED, Self::ENABLED_BLOCK];

    fn single(&self) -> &Single {
        &self.0
    }
}

impl XXssProtection {
    /// The one value lint does not report: `0`, the auditor off.
    #[cfg(feature = "lint")]
    pub(crate) const SAFE: &'static [Self] = &[Self::DISABLED];
}

impl_raw!(XXssProtection);

impl Header for XXssProtection {
    const INFO: HeaderInfo = HeaderInfo {
        name: "X-XSS-Protection",
        lowercase: "x-xss-protection",
        method: "x_xss_protection",
        type_name: "XXssProtection",
        spec: "MDN",
        spec_url: "https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-XSS-Protection",
        config_key: Some("x-xss-protection"),
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
    use crate::headers::single::testing::{raw_contract, renders};

    #[test]
    fn default_and_helpers() {
        assert_eq!(XXssProtection::new().name(), "X-XSS-Protection");
        renders(&XXssProtection::new().enabled_block(), "1; mode=block");
        renders(&XXssProtection::new().enabled_block().disabled(), "0");
        assert_eq!(XXssProtection::new(), XXssProtection::DISABLED);
        assert_eq!(
            XXssProtection::new().enabled_block(),
            XXssProtection::ENABLED_BLOCK
        );
    }

    #[test]
    fn value_accepts_parameters() {
        raw_contract::<XXssProtection>("0", false, str::to_owned);
        let report = XXssProtection::new().value("1; report=https://r.example/x ");
        renders(&report, "1; report=https://r.example/x");
    }
}
