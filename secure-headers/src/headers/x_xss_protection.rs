//! The `X-XSS-Protection` header.

use super::single::{nonempty_value, single_value_header};
use crate::registry::{Header, HeaderInfo, Make};

single_value_header! {
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
    pub struct XXssProtection = "X-XSS-Protection", default DISABLED {
        /// Replaces the value, trimmed, its case kept. The value may hold `;` and spaces
        /// (`1; mode=block; report=<uri>`); it must not be empty, and control characters and
        /// non-ASCII are errors.
        value: nonempty_value;

        /// `0`: the filter is off. The recommended value.
        DISABLED = "0": disabled;
        /// `1; mode=block`: the filter is on and blocks the whole page when it detects an
        /// attack.
        ///
        /// **Not recommended**: the filter is gone from current browsers, and in the old ones
        /// that have it, it can be abused to leak information across origins or to disable
        /// legitimate scripts. Use a `Content-Security-Policy` and keep this header at `0`.
        ENABLED_BLOCK = "1; mode=block": enabled_block;
    }
}

impl Header for XXssProtection {
    const INFO: HeaderInfo = HeaderInfo {
        name: "X-XSS-Protection",
        lowercase: "x-xss-protection",
        method: "x_xss_protection",
        type_name: "XXssProtection",
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
