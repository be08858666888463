//! The `X-Permitted-Cross-Domain-Policies` header.

use super::single::{self, Single, SingleValue, impl_raw, token_value};
use crate::ErrorKind;
use crate::registry::{Header, HeaderInfo, Make};
use crate::text::{At, clean_text};
use crate::{Error, Policy};
use std::str::FromStr;

/// The `X-Permitted-Cross-Domain-Policies` header: whether Adobe Flash Player, Acrobat
/// and similar clients may load cross-domain policy files (`crossdomain.xml`) from
/// this site. The default `none` forbids them all.
///
/// [OWASP](https://owasp.org/www-project-secure-headers/#x-permitted-cross-domain-policies),
/// [Adobe](https://www.adobe.com/devnet-docs/acrobatetk/tools/AppSec/xdomain.html)
///
/// ```text
/// X-Permitted-Cross-Domain-Policies = "none" / "master-only" / "by-content-type"
///                                   / "by-ftp-filename" / "all" / "none-this-response"
/// ```
///
/// ```
/// use secure_headers::{Policy, XPermittedCrossDomainPolicies};
///
/// let xpcdp = XPermittedCrossDomainPolicies::new().none();
/// assert_eq!(xpcdp.render().unwrap(), "none");
/// let xpcdp = XPermittedCrossDomainPolicies::new().policy("master-only");
/// assert_eq!(xpcdp.render().unwrap(), "master-only");
/// ```
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XPermittedCrossDomainPolicies(Single);

impl XPermittedCrossDomainPolicies {
    /// `none`: no policy file is allowed anywhere on the site.
    pub const NONE: Self = Self(Single::of("none"));

    /// `master-only`: only the master policy file at the site root.
    pub const MASTER_ONLY: Self = Self(Single::of("master-only"));

    /// `by-content-type`: only policy files served as `text/x-cross-domain-policy`
    /// (HTTP/HTTPS).
    pub const BY_CONTENT_TYPE: Self = Self(Single::of("by-content-type"));

    /// `by-ftp-filename`: only policy files named `crossdomain.xml` (FTP).
    pub const BY_FTP_FILENAME: Self = Self(Single::of("by-ftp-filename"));

    /// `all`: any policy file on the site.
    pub const ALL: Self = Self(Single::of("all"));

    /// `none-this-response`: this response may not be used as a policy file.
    pub const NONE_THIS_RESPONSE: Self = Self(Single::of("none-this-response"));

    /// The default value, [`Self::NONE`].
    pub const fn new() -> Self {
        Self::NONE
    }

    /// Sets the value to `none`, as [`Self::NONE`]. A recorded error is kept.
    pub fn none(self) -> Self {
        Self(self.0.keyword(&Self::NONE.0))
    }

    /// Sets the value to `master-only`, as [`Self::MASTER_ONLY`]. A recorded error is kept.
    pub fn master_only(self) -> Self {
        Self(self.0.keyword(&Self::MASTER_ONLY.0))
    }

    /// Sets the value to `by-content-type`, as [`Self::BY_CONTENT_TYPE`]. A recorded error is kept.
    pub fn by_content_type(self) -> Self {
        Self(self.0.keyword(&Self::BY_CONTENT_TYPE.0))
    }

    /// Sets the value to `by-ftp-filename`, as [`Self::BY_FTP_FILENAME`]. A recorded error is kept.
    pub fn by_ftp_filename(self) -> Self {
        Self(self.0.keyword(&Self::BY_FTP_FILENAME.0))
    }

    /// Sets the value to `all`, as [`Self::ALL`]. A recorded error is kept.
    pub fn all(self) -> Self {
        Self(self.0.keyword(&Self::ALL.0))
    }

    /// Sets the value to `none-this-response`, as [`Self::NONE_THIS_RESPONSE`]. A recorded error is kept.
    pub fn none_this_response(self) -> Self {
        Self(self.0.keyword(&Self::NONE_THIS_RESPONSE.0))
    }

    /// Replaces the value with a raw token, trimmed, its case kept, without checking it
    /// against the known values (use [`policy`](Self::policy) for a checked value).
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

impl Default for XPermittedCrossDomainPolicies {
    fn default() -> Self {
        Self::new()
    }
}

impl Policy for XPermittedCrossDomainPolicies {
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
/// use secure_headers::{Policy, XPermittedCrossDomainPolicies};
///
/// let sent = XPermittedCrossDomainPolicies::new().render()?;
/// let parsed: XPermittedCrossDomainPolicies = sent.parse()?;
/// assert_eq!(parsed, XPermittedCrossDomainPolicies::new());
/// assert!("a\u{1}b".parse::<XPermittedCrossDomainPolicies>().is_err());
/// # Ok::<(), secure_headers::Error>(())
/// ```
impl FromStr for XPermittedCrossDomainPolicies {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        single::parse::<Self>(Self::INFO.name, s, token_value, false).map(Self)
    }
}

impl SingleValue for XPermittedCrossDomainPolicies {
    const KNOWN: &'static [Self] = &[
        Self::NONE,
        Self::MASTER_ONLY,
        Self::BY_CONTENT_TYPE,
        Self::BY_FTP_FILENAME,
        Self::ALL,
        Self::NONE_THIS_RESPONSE,
    ];

    fn single(&self) -> &Single {
        &self.0
    }
}

impl_raw!(XPermittedCrossDomainPolicies);

impl XPermittedCrossDomainPolicies {
    /// The six values the header accepts, in the order of the ABNF above.
    const POLICIES: [Self; 6] = [
        Self::NONE,
        Self::MASTER_ONLY,
        Self::BY_CONTENT_TYPE,
        Self::BY_FTP_FILENAME,
        Self::ALL,
        Self::NONE_THIS_RESPONSE,
    ];

    /// Sets one of the six known values by name, spelled exactly as in the header
    /// (lowercase, surrounding spaces trimmed). Anything else is an
    /// [`ErrorKind::InvalidValue`] error, as in `secure` 2.0.1 (which raises `ValueError`).
    ///
    /// ```
    /// use secure_headers::{ErrorKind, Policy, XPermittedCrossDomainPolicies};
    ///
    /// let bad = XPermittedCrossDomainPolicies::new().policy("some");
    /// assert_eq!(bad.render().unwrap_err().kind(), ErrorKind::InvalidValue);
    /// ```
    pub fn policy(self, policy: &str) -> Self {
        let at = At::directive(Self::INFO.name, "policy");
        let found = clean_text(at, policy).and_then(|p| {
            let known = Self::POLICIES.into_iter().find(|k| k.0.text() == p);
            known.ok_or_else(|| {
                let detail = "expected none, master-only, by-content-type, by-ftp-filename, \
                    all or none-this-response";
                at.error(ErrorKind::InvalidValue, policy)
                    .with_detail(detail)
            })
        });
        match found {
            Ok(known) => Self(self.0.keyword(&known.0)),
            Err(e) => Self(self.0.fail(e)),
        }
    }
}

impl Header for XPermittedCrossDomainPolicies {
    const INFO: HeaderInfo = HeaderInfo {
        name: "X-Permitted-Cross-Domain-Policies",
        lowercase: "x-permitted-cross-domain-policies",
        method: "xpcdp",
        type_name: "XPermittedCrossDomainPolicies",
        spec: "OWASP",
        spec_url: "https://owasp.org/www-project-secure-headers/#x-permitted-cross-domain-policies",
        config_key: Some("x-permitted-cross-domain-policies"),
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
        fails, for_any_text, raw_contract, rejects_control, renders, safe_and_exact,
    };

    type Xpcdp = XPermittedCrossDomainPolicies;

    #[test]
    fn default_and_helpers() {
        assert_eq!(Xpcdp::new().name(), "X-Permitted-Cross-Domain-Policies");
        renders(&Xpcdp::new().all().none(), "none");
        renders(&Xpcdp::new().master_only(), "master-only");
        renders(&Xpcdp::new().by_content_type(), "by-content-type");
        renders(&Xpcdp::new().by_ftp_filename(), "by-ftp-filename");
        renders(&Xpcdp::new().all(), "all");
        renders(&Xpcdp::new().none_this_response(), "none-this-response");
        assert_eq!(Xpcdp::new(), Xpcdp::NONE);
    }

    #[test]
    fn policy_accepts_exactly_the_six_values() {
        for known in Xpcdp::POLICIES {
            let name = known.render().unwrap();
            assert_eq!(Xpcdp::new().policy(&name), known);
            assert_eq!(Xpcdp::new().policy(&format!(" {name} ")), known);
        }
        for bad in ["None", "ALL", "some", "", "none;", "master_only"] {
            let e = ("X-Permitted-Cross-Domain-Policies", "policy", bad);
            fails(&Xpcdp::new().policy(bad), ErrorKind::InvalidValue, e);
        }
        rejects_control("policy", |p| Xpcdp::new().policy(p));
        for_any_text(|s| safe_and_exact(&Xpcdp::new().policy(s), || s.trim_matches(' ').into()));
    }

    #[test]
    fn value_is_an_unchecked_token() {
        raw_contract::<Xpcdp>("none", true, str::to_owned);
        renders(&Xpcdp::new().value(" Custom "), "Custom");
    }
}
