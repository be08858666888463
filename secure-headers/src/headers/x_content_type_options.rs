//! The `X-Content-Type-Options` header.

use super::single::{single_value_header, token_value};
use crate::registry::{Header, HeaderInfo, Make};

single_value_header! {
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
    pub struct XContentTypeOptions = "X-Content-Type-Options", default NOSNIFF {
        /// Replaces the value with a raw token, trimmed, its case kept. `nosniff` is the only
        /// value browsers know.
        ///
        /// Unlike Python's `secure` 2.0.1, which accepts any string without CR or LF, the value must be a
        /// single non-empty token.
        value: token_value;

        /// `nosniff`, the only value.
        NOSNIFF = "nosniff": nosniff;
    }
}

impl Header for XContentTypeOptions {
    const INFO: HeaderInfo = HeaderInfo {
        name: "X-Content-Type-Options",
        lowercase: "x-content-type-options",
        method: "xcto",
        type_name: "XContentTypeOptions",
        config_key: Some("x-content-type-options"),
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
