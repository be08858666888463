//! The `X-Permitted-Cross-Domain-Policies` header.

use super::single::{single_value_header, token_value};
use crate::ErrorKind;
use crate::registry::{Header, HeaderInfo, Make};
use crate::text::{At, clean_text};

single_value_header! {
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
    pub struct XPermittedCrossDomainPolicies = "X-Permitted-Cross-Domain-Policies", default NONE {
        /// Replaces the value with a raw token, trimmed, its case kept, without checking it
        /// against the known values (use [`policy`](Self::policy) for a checked value).
        ///
        /// Unlike Python's `secure` 2.0.1, which accepts any string without CR or LF, the value must be a
        /// single non-empty token.
        value: token_value;

        /// `none`: no policy file is allowed anywhere on the site.
        NONE = "none": none;
        /// `master-only`: only the master policy file at the site root.
        MASTER_ONLY = "master-only": master_only;
        /// `by-content-type`: only policy files served as `text/x-cross-domain-policy`
        /// (HTTP/HTTPS).
        BY_CONTENT_TYPE = "by-content-type": by_content_type;
        /// `by-ftp-filename`: only policy files named `crossdomain.xml` (FTP).
        BY_FTP_FILENAME = "by-ftp-filename": by_ftp_filename;
        /// `all`: any policy file on the site.
        ALL = "all": all;
        /// `none-this-response`: this response may not be used as a policy file.
        NONE_THIS_RESPONSE = "none-this-response": none_this_response;
    }
}

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
        let at = At::directive(Self::HEADER, "policy");
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
        config_key: Some("x-permitted-cross-domain-policies"),
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
