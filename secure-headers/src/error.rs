//! The one error type of the crate.

use std::fmt;

/// An error from building, parsing or applying a security-header configuration.
///
/// Every error names what went wrong ([`ErrorKind`]), and where it is known, the header,
/// the directive and the offending input, so that a message such as
///
/// ```text
/// unquoted keyword in Content-Security-Policy directive script-src: "self" (use 'self')
/// ```
///
/// points straight at the mistake.
///
/// ```
/// use secure_headers::{ContentSecurityPolicy, ErrorKind, Policy};
///
/// let csp = ContentSecurityPolicy::new().script_src(["self"]);
/// let err = csp.render().unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::UnquotedKeyword);
/// assert_eq!(err.header(), Some("Content-Security-Policy"));
/// assert_eq!(err.directive(), Some("script-src"));
/// assert_eq!(err.input(), Some("self"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    header: Option<Box<str>>,
    directive: Option<Box<str>>,
    input: Option<Box<str>>,
    detail: Option<Box<str>>,
    /// The further errors found with this one (a configuration file's), in file order.
    others: Box<[Error]>,
}

/// What kind of mistake an [`Error`] reports.
///
/// ```
/// use secure_headers::{ContentSecurityPolicy, ErrorKind, Secure};
///
/// let err = Secure::builder()
///     .csp(ContentSecurityPolicy::new().script_src(["self"]))
///     .build()
///     .unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::UnquotedKeyword);
/// assert_eq!((err.header(), err.directive(), err.input()), (Some("Content-Security-Policy"), Some("script-src"), Some("self")));
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The input holds a control character (CR, LF, NUL, DEL, ...) that could inject a
    /// header or split a value.
    InvalidCharacter,
    /// The input holds a `;` or `,` where it would split a directive or a list entry.
    Separator,
    /// A value that must not be empty is empty.
    Empty,
    /// A directive, feature or token name is not a valid token.
    InvalidName,
    /// A token holds whitespace or a character that is not allowed there.
    InvalidToken,
    /// A CSP keyword was written without its single quotes (`self` for `'self'`).
    UnquotedKeyword,
    /// A CSP source expression is malformed.
    InvalidSource,
    /// A value is not one of the values the header accepts.
    InvalidValue,
    /// A number is out of range (negative, or too small for what else is set).
    OutOfRange,
    /// Two settings contradict each other (`preload` with a short `max-age`, `*` with
    /// other origins, ...).
    Conflict,
    /// A header is not in the allowlist (`allowlist_headers` with `OnUnexpected::Raise`).
    UnexpectedHeader,
    /// A header occurs more than once where that is not allowed.
    DuplicateHeader,
    /// A header name is not an RFC 9110 token.
    InvalidHeaderName,
    /// A header value holds bytes that HTTP does not allow.
    InvalidHeaderValue,
    /// A preset name is unknown.
    UnknownPreset,
    /// A header value could not be parsed.
    Parse,
    /// A configuration file could not be read or understood.
    Config,
    /// A lint rule of severity [`Error`](crate::lint::Severity::Error) refused the
    /// configuration (see [`SecureBuilder::validate`]).
    ///
    #[cfg_attr(
        feature = "lint",
        doc = "[`SecureBuilder::validate`]: crate::SecureBuilder::validate"
    )]
    #[cfg_attr(
        not(feature = "lint"),
        doc = "[`SecureBuilder::validate`]: crate#feature-flags"
    )]
    Lint,
}

impl ErrorKind {
    /// A short lowercase description of the kind, as used at the start of the message.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::InvalidCharacter => "invalid character",
            Self::Separator => "separator would split the value",
            Self::Empty => "empty value",
            Self::InvalidName => "invalid name",
            Self::InvalidToken => "invalid token",
            Self::UnquotedKeyword => "unquoted keyword",
            Self::InvalidSource => "invalid source expression",
            Self::InvalidValue => "unsupported value",
            Self::OutOfRange => "value out of range",
            Self::Conflict => "conflicting settings",
            Self::UnexpectedHeader => "unexpected header not in allowlist",
            Self::DuplicateHeader => "duplicate header",
            Self::InvalidHeaderName => "invalid header name",
            Self::InvalidHeaderValue => "invalid header value",
            Self::UnknownPreset => "unknown preset",
            Self::Parse => "parse error",
            Self::Config => "invalid configuration",
            Self::Lint => "configuration refused by lint rule",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Error {
    /// An error of `kind` with no context yet; add it with the `with_*` methods.
    #[must_use]
    pub fn new(kind: ErrorKind) -> Self {
        Self {
            kind,
            header: None,
            directive: None,
            input: None,
            detail: None,
            others: Box::default(),
        }
    }

    /// Names the header the error is about.
    #[must_use]
    pub fn with_header(mut self, header: impl Into<Box<str>>) -> Self {
        self.header = Some(header.into());
        self
    }

    /// Names the directive (or feature, or option) the error is about.
    #[must_use]
    pub fn with_directive(mut self, directive: impl Into<Box<str>>) -> Self {
        self.directive = Some(directive.into());
        self
    }

    /// Records the offending input.
    #[must_use]
    pub fn with_input(mut self, input: impl Into<Box<str>>) -> Self {
        self.input = Some(input.into());
        self
    }

    /// Adds a detail or a hint, printed in parentheses after the input.
    #[must_use]
    pub fn with_detail(mut self, detail: impl Into<Box<str>>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// Fills in the header name if the error does not name one yet.
    #[must_use]
    pub(crate) fn or_header(mut self, header: &str) -> Self {
        if self.header.is_none() {
            self.header = Some(header.into());
        }
        self
    }

    /// What kind of mistake this is.
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The header the error is about, as the configuration spells it.
    #[must_use]
    pub fn header(&self) -> Option<&str> {
        self.header.as_deref()
    }

    /// The directive, feature or option the error is about.
    #[must_use]
    pub fn directive(&self) -> Option<&str> {
        self.directive.as_deref()
    }

    /// The offending input.
    #[must_use]
    pub fn input(&self) -> Option<&str> {
        self.input.as_deref()
    }

    /// A detail or hint (for example the keyword that was probably meant).
    #[must_use]
    pub fn detail(&self) -> Option<&str> {
        self.detail.as_deref()
    }

    /// The errors found together with this one, after it: a configuration file reports
    /// every mistake at once, this error being the first. Empty for most errors.
    /// `Display` writes each error on its own line.
    ///
    /// ```
    /// # #[cfg(feature = "toml")] {
    /// use secure_headers::config::Format;
    /// use secure_headers::Secure;
    ///
    /// let err = Secure::from_config_str("x-frame-option = \"DENY\"\n[hsts]\nmax-age = \"a year\"", Format::Toml).unwrap_err();
    /// assert_eq!(err.others().len(), 1);
    /// let lines: Vec<String> = err.to_string().lines().map(str::to_owned).collect();
    /// assert!(lines[0].contains("x-frame-option (line 1, column 1:"), "{}", lines[0]);
    /// assert!(lines[1].contains("hsts.max-age (line 3, column 11:"), "{}", lines[1]);
    /// # }
    /// ```
    #[must_use]
    pub fn others(&self) -> &[Error] {
        &self.others
    }

    /// `errors` as one error: the first, with the others after it. `None` when empty.
    #[cfg(any(feature = "toml", feature = "json"))]
    pub(crate) fn joined(errors: Vec<Error>) -> Option<Error> {
        let mut errors = errors.into_iter();
        let mut first = errors.next()?;
        first.others = errors.collect();
        Some(first)
    }

    /// This error and the others found with it, each changed by `f`.
    #[cfg(feature = "serde")]
    #[must_use]
    pub(crate) fn map_each(mut self, f: impl Fn(Error) -> Error) -> Self {
        let others = std::mem::take(&mut self.others);
        let mut first = f(self);
        first.others = others.into_vec().into_iter().map(f).collect();
        first
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind.as_str())?;
        match (&self.header, &self.directive) {
            (Some(h), Some(d)) => write!(f, " in {h} directive {d}")?,
            (Some(h), None) => write!(f, " in {h}")?,
            (None, Some(d)) => write!(f, " in {d}")?,
            (None, None) => {}
        }
        if let Some(input) = &self.input {
            write!(f, ": {input:?}")?;
        }
        if let Some(detail) = &self.detail {
            write!(f, " ({detail})")?;
        }
        for other in &self.others {
            write!(f, "\n{other}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Error");
        d.field("kind", &self.kind);
        if let Some(h) = &self.header {
            d.field("header", h);
        }
        if let Some(x) = &self.directive {
            d.field("directive", x);
        }
        if let Some(x) = &self.input {
            d.field("input", x);
        }
        if let Some(x) = &self.detail {
            d.field("detail", x);
        }
        if !self.others.is_empty() {
            d.field("others", &self.others);
        }
        d.finish()
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_header_directive_and_input() {
        let e = Error::new(ErrorKind::UnquotedKeyword)
            .with_header("Content-Security-Policy")
            .with_directive("script-src")
            .with_input("self")
            .with_detail("use 'self'");
        assert_eq!(
            e.to_string(),
            "unquoted keyword in Content-Security-Policy directive script-src: \"self\" (use 'self')"
        );
    }

    #[test]
    fn control_characters_are_escaped_in_messages() {
        let e = Error::new(ErrorKind::InvalidCharacter)
            .with_header("Server")
            .with_input("a\r\nSet-Cookie: x");
        assert_eq!(
            e.to_string(),
            "invalid character in Server: \"a\\r\\nSet-Cookie: x\""
        );
    }

    #[test]
    fn bare_kind() {
        assert_eq!(Error::new(ErrorKind::Empty).to_string(), "empty value");
    }
}
