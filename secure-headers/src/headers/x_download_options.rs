//! The `X-Download-Options` header.

use super::single::{single_value_header, token_value};
use crate::registry::{Header, HeaderInfo, Make};

single_value_header! {
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
    pub struct XDownloadOptions = "X-Download-Options", default NOOPEN {
        /// Replaces the value with a raw token, trimmed, its case kept. `noopen` is the only
        /// value browsers knew.
        value: token_value;

        /// `noopen`, the only value.
        NOOPEN = "noopen": noopen;
    }
}

impl Header for XDownloadOptions {
    const INFO: HeaderInfo = HeaderInfo {
        name: "X-Download-Options",
        lowercase: "x-download-options",
        method: "x_download_options",
        type_name: "XDownloadOptions",
        config_key: Some("x-download-options"),
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
