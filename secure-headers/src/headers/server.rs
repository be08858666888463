//! The `Server` header.

use super::single::{single_value_header, text_value};
use crate::registry::{Header, HeaderInfo, Make};

single_value_header! {
    /// The `Server` header: the software that handled the request.
    ///
    /// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Server),
    /// [RFC 9110](https://www.rfc-editor.org/rfc/rfc9110#field.server)
    ///
    /// ```text
    /// Server = product *( RWS ( product / comment ) )
    /// ```
    ///
    /// The default is an empty value, as in Python's `secure` 2.0.1: sent in place of whatever the
    /// server would announce, it hides the product and version from fingerprinting.
    /// (An HTTP server may add its own `Server` header after the application; turn that
    /// off in the server's configuration.)
    ///
    /// ```
    /// use secure_headers::{Policy, Server};
    ///
    /// assert_eq!(Server::new().render().unwrap(), "");
    /// assert_eq!(Server::new().value("webserver").render().unwrap(), "webserver");
    /// ```
    pub struct Server = "Server", default EMPTY {
        /// Replaces the value, trimmed. Any visible ASCII text is accepted, spaces, `;` and
        /// `,` included (product comments may hold them), and an empty value is the default.
        /// Control characters (CR, LF, NUL, DEL, tab) and non-ASCII are errors.
        value: text_value;

        /// The empty value.
        EMPTY = "";
    }
}

impl Header for Server {
    const INFO: HeaderInfo = HeaderInfo {
        name: "Server",
        lowercase: "server",
        method: "server",
        type_name: "Server",
        config_key: Some("server"),
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
    fn default_is_empty() {
        assert_eq!(Server::new().name(), "Server");
        renders(&Server::EMPTY, "");
    }

    #[test]
    fn value_accepts_any_visible_text() {
        raw_contract::<Server>("", false, str::to_owned);
        let server = Server::new().value("  Apache/2.4 (Unix; x, y) ");
        renders(&server, "Apache/2.4 (Unix; x, y)");
        renders(&Server::new().value("x").value(""), "");
    }
}
