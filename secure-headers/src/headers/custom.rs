//! A header this crate has no type for.

use crate::text::{At, clean_text, is_token};
use crate::{Error, ErrorKind, Policy};

/// Any header, by name and value: for headers this crate has no type for.
///
/// [RFC 9110, field syntax](https://www.rfc-editor.org/rfc/rfc9110#name-field-names)
///
/// ```text
/// field-name = token
/// ```
///
/// **The name** must be an RFC 9110 token (surrounding spaces are trimmed); anything else
/// is an [`ErrorKind::InvalidHeaderName`] error, returned by `render()`. Python's `secure` 2.0.1 only
/// rejects CR and LF in the name and so accepts `X A`, which no HTTP stack can send.
///
/// **The value given to [`new`](Self::new) is kept raw**, exactly as given and unchecked,
/// as in `secure` 2.0.1: [`render`](Policy::render) returns it unchanged and
/// [`raw_value`](Self::raw_value) shows it. It may hold surrounding spaces, CR, LF or
/// other bytes that cannot be sent. `Secure`'s build step is where such values are
/// cleaned up by `secure` 2.0.1's `validate_and_normalize_headers` pipeline, and where the
/// final check happens that nothing unsafe is ever emitted; a `CustomHeader` rendered by
/// hand and sent without that step must be checked by the caller.
///
/// [`value`](Self::value) and [`set`](Self::set), by contrast, check what they are given
/// like every other builder of this crate (CR, LF, NUL, DEL, tab and non-ASCII are
/// errors; surrounding spaces are trimmed).
///
/// There is no `Default` and no `clear()` (there is no default value to go back to), as
/// in `secure` 2.0.1.
///
/// ```
/// use secure_headers::{CustomHeader, Policy};
///
/// let header = CustomHeader::new("X-Robots-Tag", "noindex, nofollow");
/// assert_eq!(header.name(), "X-Robots-Tag");
/// assert_eq!(header.render().unwrap(), "noindex, nofollow");
///
/// // The constructor keeps the value raw; `value` checks it.
/// let raw = CustomHeader::new("X-A", " a\r\nb ");
/// assert_eq!(raw.raw_value(), " a\r\nb ");
/// assert!(raw.value("a\r\nb").render().is_err());
/// ```
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomHeader {
    name: Box<str>,
    value: Box<str>,
    error: Option<Error>,
}

impl CustomHeader {
    /// A header named `name` with the raw, unchecked `value` (see the type's
    /// documentation). An invalid name is recorded and returned by `render()`.
    pub fn new(name: &str, value: &str) -> Self {
        let trimmed = name.trim_matches(' ');
        let (name, error) = if is_token(trimmed) {
            (trimmed, None)
        } else {
            let at = At::directive(name, "name");
            let detail = "a header name must be a non-empty RFC 9110 token";
            let e = at.error(ErrorKind::InvalidHeaderName, name);
            (name, Some(e.with_detail(detail)))
        };
        Self {
            name: name.into(),
            value: value.into(),
            error,
        }
    }

    /// The value as stored: raw as given to [`new`](Self::new), or as checked by
    /// [`value`](Self::value).
    #[must_use]
    pub fn raw_value(&self) -> &str {
        &self.value
    }

    /// Replaces the value, checked: trimmed, and CR, LF, NUL, DEL, tab and non-ASCII are
    /// errors. An empty value is allowed (the build step's normalisation drops it).
    ///
    /// An invalid value is recorded and returned by `render()`.
    pub fn value(mut self, value: &str) -> Self {
        match clean_text(At::directive(&self.name, "value"), value) {
            Ok(v) => self.value = v.into(),
            Err(e) => {
                self.error.get_or_insert(e);
            }
        }
        self
    }

    /// `secure` 2.0.1's alias of [`value`](Self::value).
    pub fn set(self, value: &str) -> Self {
        self.value(value)
    }
}

impl Policy for CustomHeader {
    fn name(&self) -> &str {
        &self.name
    }

    /// The value, raw if it came from [`new`](CustomHeader::new), or the first error
    /// (an invalid name or an invalid [`value`](CustomHeader::value)).
    fn render(&self) -> Result<String, Error> {
        match &self.error {
            Some(e) => Err(e.clone()),
            None => Ok(self.value.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::headers::single::testing::{
        fails, for_any_text, rejects_control, renders, safe_and_exact,
    };

    #[test]
    fn name_and_value() {
        let h = CustomHeader::new(" X-Custom ", "v");
        assert_eq!(h.name(), "X-Custom");
        renders(&h, "v");
        renders(&CustomHeader::new("X-A", "a").value(" b "), "b");
        renders(&CustomHeader::new("X-A", "a").set(""), "");
    }

    #[test]
    fn constructor_keeps_the_value_raw() {
        for raw in [" v", "a\r\nSet-Cookie: x=y", "a\0b", "caf\u{e9}", ""] {
            let h = CustomHeader::new("X-A", raw);
            assert_eq!(h.raw_value(), raw);
            assert_eq!(h.render().unwrap(), raw);
        }
    }

    #[test]
    fn name_must_be_a_token() {
        for bad in [
            "X A",
            "Bad\rName",
            "X-A\n",
            "",
            " ",
            "X:A",
            "X;A",
            "X,A",
            "caf\u{e9}",
        ] {
            let h = CustomHeader::new(bad, "v");
            assert_eq!(h.name(), bad);
            fails(&h, ErrorKind::InvalidHeaderName, (bad, "name", bad));
        }
    }

    #[test]
    fn value_is_checked() {
        rejects_control("value", |v| CustomHeader::new("X-A", "ok").value(v));
        let first = CustomHeader::new("X A", "v").value("\n");
        fails(&first, ErrorKind::InvalidHeaderName, ("X A", "name", "X A"));
        let first = CustomHeader::new("X-A", "v").value("\n").set("\0");
        fails(&first, ErrorKind::InvalidCharacter, ("X-A", "value", "\n"));
        assert_eq!(
            CustomHeader::new("X-A", "v").set("w"),
            CustomHeader::new("X-A", "v").value("w")
        );
    }

    #[test]
    fn checked_values_are_safe_and_exact() {
        for_any_text(|s| {
            let h = CustomHeader::new("X-A", "raw").value(s);
            safe_and_exact(&h, || s.trim_matches(' ').into());
        });
        for_any_text(|s| {
            let h = CustomHeader::new(s, "v");
            if h.render().is_ok() {
                assert!(
                    http::HeaderName::from_bytes(h.name().as_bytes()).is_ok(),
                    "{s:?}"
                );
                assert_eq!(h.name(), s.trim_matches(' '));
            }
        });
    }
}
