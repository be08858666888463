//! The `Reporting-Endpoints` header.

use std::fmt::Write as _;

use crate::text::{At, clean_nonempty};
use crate::{Error, ErrorKind, Policy};

const HEADER: &str = "Reporting-Endpoints";

/// The `Reporting-Endpoints` header: names the URLs that browsers send reports to (the
/// Reporting API). A CSP's `report-to` directive, and COOP/COEP's `report-to` parameter,
/// refer to an endpoint by its name.
///
/// [W3C Reporting API](https://w3c.github.io/reporting/#header),
/// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Reporting-Endpoints)
///
/// ```text
/// Reporting-Endpoints = sf-dictionary   ; name="url", ...
/// ```
///
/// Browsers process it only on secure (HTTPS) responses; keep the CSP's legacy
/// `report-uri` too for browsers without the Reporting API.
///
/// ```
/// use secure_headers::{ContentSecurityPolicy, Policy, ReportingEndpoints, Secure};
///
/// let endpoints = ReportingEndpoints::new()
///     .endpoint("csp", "https://example.com/reports/csp")
///     .endpoint("default", "/reports");
/// assert_eq!(
///     endpoints.render().unwrap(),
///     r#"csp="https://example.com/reports/csp", default="/reports""#
/// );
///
/// let secure = Secure::builder()
///     .csp(ContentSecurityPolicy::new().default_src(["'self'"]).report_to("csp").report_uri(["/reports/csp"]))
///     .reporting_endpoints(endpoints)
///     .build()?;
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct ReportingEndpoints {
    endpoints: Vec<(String, String)>,
    error: Option<Error>,
}

impl ReportingEndpoints {
    /// No endpoint yet (rendering that is an error: the header needs at least one).
    pub const fn new() -> Self {
        Self {
            endpoints: Vec::new(),
            error: None,
        }
    }

    /// Adds (or replaces) the endpoint `name` at `url`.
    ///
    /// The name is a structured-field key (lowercase letter or `*` first, then lowercase
    /// letters, digits, `_`, `-`, `.`, `*`); the URL is absolute or relative to the page,
    /// without quotes, backslashes, whitespace or control characters.
    pub fn endpoint(mut self, name: impl AsRef<str>, url: impl AsRef<str>) -> Self {
        let (name, url) = (name.as_ref(), url.as_ref());
        match check(name, url) {
            Ok((name, url)) => {
                match self.endpoints.iter_mut().find(|(n, _)| n == name) {
                    Some(slot) => slot.1 = url.to_owned(),
                    None => self.endpoints.push((name.to_owned(), url.to_owned())),
                }
                self
            }
            Err(e) => {
                self.error.get_or_insert(e);
                self
            }
        }
    }

    /// The endpoints, in order, as `(name, url)`.
    #[must_use = "the iterator does nothing unless consumed"]
    pub fn endpoints(&self) -> impl ExactSizeIterator<Item = (&str, &str)> {
        self.endpoints.iter().map(|(n, u)| (n.as_str(), u.as_str()))
    }

    /// The URL of the endpoint `name`.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.endpoints
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, u)| u.as_str())
    }
}

fn check<'a>(name: &'a str, url: &'a str) -> Result<(&'a str, &'a str), Error> {
    let name = clean_nonempty(At::directive(HEADER, "name"), name)?;
    let key_ok = name
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b == b'*')
        && name.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'-' | b'.' | b'*')
        });
    if !key_ok {
        return Err(Error::new(ErrorKind::InvalidName)
            .with_header(HEADER)
            .with_directive("name")
            .with_input(name)
            .with_detail("an endpoint name is a lowercase structured-field key"));
    }
    let at = At::directive(HEADER, name);
    let url = clean_nonempty(at, url)?;
    if url.contains(['"', '\\', ' ']) {
        return Err(at
            .error(ErrorKind::InvalidValue, url)
            .with_detail("a URL cannot hold quotes, backslashes or spaces"));
    }
    Ok((name, url))
}

impl Policy for ReportingEndpoints {
    fn name(&self) -> &str {
        HEADER
    }

    fn render(&self) -> Result<String, Error> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        if self.endpoints.is_empty() {
            return Err(Error::new(ErrorKind::Empty)
                .with_header(HEADER)
                .with_detail("add at least one endpoint"));
        }
        let mut out = String::new();
        for (i, (name, url)) in self.endpoints.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let _ = write!(out, "{name}=\"{url}\"");
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_a_dictionary_in_order_and_replaces_by_name() {
        let r = ReportingEndpoints::new()
            .endpoint("a", "https://x.example/1")
            .endpoint("b", "/2")
            .endpoint("a", "/3");
        assert_eq!(r.render().unwrap(), r#"a="/3", b="/2""#);
        assert_eq!(r.get("b"), Some("/2"));
        assert_eq!(r.endpoints().len(), 2);
    }

    #[test]
    fn bad_input_is_an_error_naming_it() {
        let e = ReportingEndpoints::new()
            .endpoint("CSP", "/r")
            .render()
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidName);
        assert_eq!(e.input(), Some("CSP"));
        for bad in ["/r\"x", "/r\r\nX: y", "a b", "", "/r\\"] {
            let e = ReportingEndpoints::new()
                .endpoint("csp", bad)
                .render()
                .unwrap_err();
            assert_eq!(e.header(), Some(HEADER), "{bad:?}");
        }
        assert_eq!(
            ReportingEndpoints::new().render().unwrap_err().kind(),
            ErrorKind::Empty
        );
    }
}
