//! The `Server` header.

use super::single::{self, Single, SingleValue, impl_raw, text_value};
use crate::registry::{Header, HeaderInfo, Make};
use crate::{Error, Policy};
use std::str::FromStr;

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
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Server(Single);

impl Server {
    /// The empty value.
    pub const EMPTY: Self = Self(Single::of(""));

    /// The default value, [`Self::EMPTY`].
    pub const fn new() -> Self {
        Self::EMPTY
    }

    /// Replaces the value, trimmed. Any visible ASCII text is accepted, spaces, `;` and
    /// `,` included (product comments may hold them), and an empty value is the default.
    /// Control characters (CR, LF, NUL, DEL, tab) and non-ASCII are errors.
    ///
    /// An invalid value is recorded and returned by `render()`.
    pub fn value(self, value: &str) -> Self {
        Self(self.0.raw(Self::INFO.name, value, text_value))
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

impl Default for Server {
    fn default() -> Self {
        Self::new()
    }
}

impl Policy for Server {
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
/// use secure_headers::{Policy, Server};
///
/// let sent = Server::new().render()?;
/// let parsed: Server = sent.parse()?;
/// assert_eq!(parsed, Server::new());
/// assert!("a\u{1}b".parse::<Server>().is_err());
/// # Ok::<(), secure_headers::Error>(())
/// ```
impl FromStr for Server {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        single::parse::<Self>(Self::INFO.name, s, text_value, false).map(Self)
    }
}

impl SingleValue for Server {
    const KNOWN: &'static [Self] = &[Self::EMPTY];

    fn single(&self) -> &Single {
        &self.0
    }
}

impl_raw!(Server);

impl Header for Server {
    const INFO: HeaderInfo = HeaderInfo {
        name: "Server",
        lowercase: "server",
        method: "server",
        type_name: "Server",
        spec: "RFC 9110",
        spec_url: "https://www.rfc-editor.org/rfc/rfc9110#section-10.2.4",
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
