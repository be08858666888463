//! The `X-DNS-Prefetch-Control` header.

use crate::registry::{Header, HeaderInfo, Make};
use std::borrow::Cow;

use super::single::{canonical, single_value_header};
use crate::Error;
use crate::text::{At, clean_token};

single_value_header! {
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
    pub struct XDnsPrefetchControl = "X-DNS-Prefetch-Control", default OFF {
        /// Replaces the value with a raw token, trimmed. As in Python's `secure` 2.0.1, `on` and `off` are
        /// recognised case-insensitively and written in lowercase (`ON` renders `on`); any
        /// other token is kept as given.
        ///
        /// Unlike `secure` 2.0.1, which accepts any string without CR or LF, the value must be a
        /// single non-empty token.
        value: xdns_value;

        /// `on`: the browser may prefetch DNS.
        ON = "on": on, allow;
        /// `off`: no DNS prefetching.
        OFF = "off": off, disable;
    }
}

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
        config_key: Some("x-dns-prefetch-control"),
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
