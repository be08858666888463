//! `Cross-Origin-Resource-Policy`.

use std::str::FromStr;

use crate::headers::single::{self, Single, SingleValue, impl_raw};
use crate::registry::{Header, HeaderInfo, Make};
use crate::{Error, Policy};

use super::corp_value;
/// The `Cross-Origin-Resource-Policy` (CORP) header: which sites may embed this
/// resource in no-cors mode.
///
/// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Cross-Origin-Resource-Policy),
/// [spec](https://fetch.spec.whatwg.org/#cross-origin-resource-policy-header)
///
/// ```text
/// Cross-Origin-Resource-Policy = %s"same-origin" / %s"same-site" / %s"cross-origin"
/// ```
///
/// The default is `same-origin`.
///
/// ```
/// use secure_headers::{CrossOriginResourcePolicy, Policy};
///
/// let corp = CrossOriginResourcePolicy::new().same_site();
/// assert_eq!(corp.render().unwrap(), "same-site");
/// ```
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrossOriginResourcePolicy(Single);

impl CrossOriginResourcePolicy {
    /// `same-origin`: only same-origin requests may read the resource.
    pub const SAME_ORIGIN: Self = Self(Single::of("same-origin"));

    /// `same-site`: only requests from the same site may read the resource.
    pub const SAME_SITE: Self = Self(Single::of("same-site"));

    /// `cross-origin`: any origin may read the resource.
    pub const CROSS_ORIGIN: Self = Self(Single::of("cross-origin"));

    /// The default value, [`Self::SAME_ORIGIN`].
    pub const fn new() -> Self {
        Self::SAME_ORIGIN
    }

    /// Sets the value to `same-origin`, as [`Self::SAME_ORIGIN`]. A recorded error is kept.
    pub fn same_origin(self) -> Self {
        Self(self.0.keyword(&Self::SAME_ORIGIN.0))
    }

    /// Sets the value to `same-site`, as [`Self::SAME_SITE`]. A recorded error is kept.
    pub fn same_site(self) -> Self {
        Self(self.0.keyword(&Self::SAME_SITE.0))
    }

    /// Sets the value to `cross-origin`, as [`Self::CROSS_ORIGIN`]. A recorded error is kept.
    pub fn cross_origin(self) -> Self {
        Self(self.0.keyword(&Self::CROSS_ORIGIN.0))
    }

    /// Replaces the policy with a raw token, trimmed. As in `secure` 2.0.1, the three known
    /// values are recognised case-insensitively and written in lowercase (`SAME-SITE`
    /// renders `same-site`); any other token is kept as given.
    ///
    /// Unlike `secure` 2.0.1, which accepts any string without CR or LF (even an empty one),
    /// the value must be a single non-empty token.
    ///
    /// An invalid value is recorded and returned by `render()`.
    pub fn value(self, value: &str) -> Self {
        Self(self.0.raw_known::<Self>(Self::INFO.name, value, corp_value))
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

impl Default for CrossOriginResourcePolicy {
    fn default() -> Self {
        Self::new()
    }
}

impl Policy for CrossOriginResourcePolicy {
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
/// use secure_headers::{Policy, CrossOriginResourcePolicy};
///
/// let sent = CrossOriginResourcePolicy::new().render()?;
/// let parsed: CrossOriginResourcePolicy = sent.parse()?;
/// assert_eq!(parsed, CrossOriginResourcePolicy::new());
/// assert!("a\u{1}b".parse::<CrossOriginResourcePolicy>().is_err());
/// # Ok::<(), secure_headers::Error>(())
/// ```
impl FromStr for CrossOriginResourcePolicy {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        single::parse::<Self>(Self::INFO.name, s, corp_value, false).map(Self)
    }
}

impl SingleValue for CrossOriginResourcePolicy {
    const KNOWN: &'static [Self] = &[Self::SAME_ORIGIN, Self::SAME_SITE, Self::CROSS_ORIGIN];

    fn single(&self) -> &Single {
        &self.0
    }
}

impl_raw!(CrossOriginResourcePolicy);

/// COEP's raw value: empty means the default, anything else is a lowercased token.
impl Header for CrossOriginResourcePolicy {
    const INFO: HeaderInfo = HeaderInfo {
        name: "Cross-Origin-Resource-Policy",
        lowercase: "cross-origin-resource-policy",
        method: "corp",
        type_name: "CrossOriginResourcePolicy",
        spec: "Fetch",
        spec_url: "https://fetch.spec.whatwg.org/#cross-origin-resource-policy-header",
        config_key: Some("cross-origin-resource-policy"),
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
