//! The `Reporting-Endpoints` header.

use crate::registry::{Header, HeaderInfo, Make};
use std::fmt::Write as _;
use std::str::FromStr;

use super::single::{at_byte, check_field_text, is_ows};
use super::structured_field::{check_dictionary, members};
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

impl ReportingEndpoints {
    /// The names of a received value written with capitals. [`FromStr`] reads them
    /// lowered, but they make the value no structured-field dictionary, and Chromium drops
    /// the whole header for one (the browser test
    /// `chromium_drops_reporting_endpoints_with_a_name_in_capitals`).
    #[cfg(feature = "lint")]
    pub(crate) fn names_in_capitals(input: &str) -> Vec<&str> {
        member_names(input)
            .map(|(_, name)| name.trim_start_matches([' ', '\t']))
            .filter(|name| name.bytes().any(|b| b.is_ascii_uppercase()))
            .collect()
    }
}

impl FromStr for ReportingEndpoints {
    type Err = Error;

    /// Parses a received `Reporting-Endpoints` value: a Structured Field dictionary of
    /// endpoint names and quoted URLs.
    ///
    /// Whitespace around `,` and upper-case names (lowered) are tolerated; a name given
    /// twice keeps its first place and its last URL, as in a dictionary. A value that is
    /// not a string, a parameter, or what [`endpoint`](Self::endpoint) refuses is an error
    /// naming the header, the endpoint, the input and its byte position.
    ///
    /// ```
    /// use secure_headers::{Policy, ReportingEndpoints};
    ///
    /// let r: ReportingEndpoints = r#"CSP="https://r.example/csp" ,  default="/reports""#.parse()?;
    /// assert_eq!(r.render()?, r#"csp="https://r.example/csp", default="/reports""#);
    /// let err = "csp=https://r.example".parse::<ReportingEndpoints>().unwrap_err();
    /// assert!(err.detail().unwrap().ends_with("at byte 4"));
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    fn from_str(input: &str) -> Result<Self, Error> {
        check_field_text(At::header(HEADER), input)?;
        let bytes = input.as_bytes();
        let fail = |kind: ErrorKind, dir: &str, at: usize, end: usize, detail: &str| {
            let text = input
                .get(at..end.max(at + 1).min(input.len()))
                .unwrap_or(input);
            let e = At::directive(HEADER, dir)
                .error(kind, text)
                .with_detail(detail);
            Err(at_byte(e, at))
        };
        if input.trim_matches([' ', '\t']).is_empty() {
            return fail(ErrorKind::Empty, "name", 0, 0, "no endpoint");
        }
        let mut out = Self::new();
        // The members as a dictionary's parser cuts them (a `,` inside a URL does not
        // end it), each read here for the errors that name the endpoint.
        for (start, piece) in members(input) {
            let end = start + piece.len();
            let skip = |pos: &mut usize| {
                while *pos < end && is_ows(bytes[*pos]) {
                    *pos += 1;
                }
            };
            let mut pos = start;
            skip(&mut pos);
            if pos == end {
                let comma = start.saturating_sub(1);
                let detail = if end == input.len() {
                    "a trailing comma"
                } else {
                    "an empty member (a stray ',')"
                };
                return fail(ErrorKind::InvalidValue, "name", comma, start, detail);
            }
            let start = pos;
            while pos < end && !matches!(bytes[pos], b'=' | b',' | b';' | b' ' | b'\t') {
                pos += 1;
            }
            // Names in capitals are lowered: RFC 9651 keys are lowercase, and a browser
            // ignores `CSP="/r"`, but this parser has always read such a name as what
            // was meant (the rendering is lowercase, so a valid dictionary).
            let name = input[start..pos].to_ascii_lowercase();
            if bytes.get(pos) != Some(&b'=') || pos >= end {
                return fail(
                    ErrorKind::InvalidValue,
                    "name",
                    start,
                    pos,
                    "an endpoint is name=\"url\"",
                );
            }
            pos += 1;
            let value_start = pos;
            if pos >= end || bytes[pos] != b'"' {
                return fail(
                    ErrorKind::InvalidValue,
                    &name,
                    pos,
                    pos,
                    "the URL is a quoted string",
                );
            }
            pos += 1;
            while pos < end && bytes[pos] != b'"' {
                pos += 1;
            }
            if pos == end {
                return fail(
                    ErrorKind::InvalidValue,
                    &name,
                    value_start,
                    pos,
                    "unterminated string",
                );
            }
            let url = &input[value_start + 1..pos];
            pos += 1;
            if pos < end && bytes[pos] == b';' {
                return fail(
                    ErrorKind::InvalidValue,
                    &name,
                    pos,
                    end,
                    "parameters are not supported",
                );
            }
            out = out.endpoint(&name, url);
            if let Some(e) = out.error.take() {
                return Err(at_byte(e, start));
            }
            skip(&mut pos);
            if pos < end {
                return fail(
                    ErrorKind::InvalidValue,
                    &name,
                    pos,
                    pos,
                    "endpoints are separated by ','",
                );
            }
        }
        // The value must be a dictionary as a whole (browsers ignore the header
        // otherwise), its names in capitals aside (see above): they are checked lowered.
        check_dictionary(HEADER, &lower_names(input))?;
        Ok(out)
    }
}

/// `input` with the names of its members lowered (nothing else changed), as
/// [`members`] cuts them.
fn lower_names(input: &str) -> String {
    let mut out = input.to_owned();
    for (start, name) in member_names(input) {
        out.replace_range(start..start + name.len(), &name.to_ascii_lowercase());
    }
    out
}

/// Each member's name as written, from the member's start (whitespace included) to its
/// `=` or `;`, with where it starts, as [`members`] cuts them.
fn member_names(input: &str) -> impl Iterator<Item = (usize, &str)> {
    members(input)
        .into_iter()
        .map(|(start, m)| (start, &m[..m.find(['=', ';']).unwrap_or(m.len())]))
}

impl Header for ReportingEndpoints {
    const INFO: HeaderInfo = HeaderInfo {
        name: "Reporting-Endpoints",
        lowercase: "reporting-endpoints",
        method: "reporting_endpoints",
        type_name: "ReportingEndpoints",
        spec: "Reporting API",
        spec_url: "https://w3c.github.io/reporting/#header",
        config_key: None,
        report_only_of: None,
        make: Make::of::<Self>(),
    };

    fn from_value(_raw: &str) -> Option<Self> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::headers::single::testing::parse_fails;
    use crate::headers::structured_field::dictionary_like;

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

    #[test]
    fn parse() {
        let r: ReportingEndpoints = "a=\"https://x.example/1\",b=\"/2\", A=\"/3\""
            .parse()
            .unwrap();
        assert_eq!(r.render().unwrap(), r#"a="/3", b="/2""#);
        for (bad, kind, byte) in [
            ("", ErrorKind::Empty, 0),
            ("a", ErrorKind::InvalidValue, 0),
            ("a=b", ErrorKind::InvalidValue, 2),
            ("a=\"x", ErrorKind::InvalidValue, 2),
            ("a=\"/x\";p=1", ErrorKind::InvalidValue, 6),
            ("a=\"/x\",", ErrorKind::InvalidValue, 6),
            ("a=\"/x\" b=\"/y\"", ErrorKind::InvalidValue, 7),
            ("1a=\"/x\"", ErrorKind::InvalidName, 0),
            ("a=\"/x y\"", ErrorKind::InvalidValue, 0),
        ] {
            parse_fails::<ReportingEndpoints>(bad, kind, HEADER, byte);
        }
    }

    #[test]
    fn values_that_are_not_dictionaries_are_refused() {
        for bad in [
            "a=\"/x",
            "=\"/x\"",
            "a=%\"/x\"",
            "a=\"/x\";",
            "a=\"/x\";P=1",
            "a=\"/x\",,b=\"/y\"",
            "a=\"/x\",",
            "a=\"/x\"b",
            "a=\"/x\" b=\"/y\"",
        ] {
            let e = bad.parse::<ReportingEndpoints>().unwrap_err();
            assert_eq!(e.header(), Some(HEADER), "{bad:?}: {e}");
        }
    }

    proptest::proptest! {
        #[test]
        fn render_then_parse_gives_the_policy_back(
            endpoints in proptest::collection::vec(("[a-z][a-z0-9_.-]{0,8}", "(https://[a-z]{1,8}\\.example)?/[a-z0-9,/-]{0,12}"), 1..5),
        ) {
            let r = endpoints.iter().fold(ReportingEndpoints::new(), |r, (n, u)| r.endpoint(n, u));
            let rendered = r.render().unwrap();
            let parsed: ReportingEndpoints = rendered.parse().unwrap();
            proptest::prop_assert_eq!(&parsed, &r);
            proptest::prop_assert_eq!(parsed.render().unwrap(), rendered);
        }

        /// What a browser would ignore as a whole (a value that is not a Structured
        /// Field dictionary) is refused, but for names in capitals, which are lowered;
        /// what is accepted renders a dictionary that parses back the same.
        #[test]
        fn what_parses_is_a_dictionary_and_renders_one(
            s in proptest::prop_oneof![dictionary_like(), "[ -~\t]{0,40}"],
        ) {
            if let Ok(r) = s.parse::<ReportingEndpoints>() {
                let names_lowered = lower_names(&s);
                let input = check_dictionary(HEADER, &names_lowered).map_err(|e| e.to_string());
                proptest::prop_assert_eq!(input, Ok(()), "accepted {:?}", s);
                let rendered = r.render().unwrap();
                let output = check_dictionary(HEADER, &rendered).map_err(|e| e.to_string());
                proptest::prop_assert_eq!(output, Ok(()), "rendered {:?}", rendered);
                proptest::prop_assert_eq!(rendered.parse::<ReportingEndpoints>().unwrap(), r);
            }
        }

        /// Whatever the builder accepts renders a dictionary.
        #[test]
        fn what_the_builder_renders_is_a_dictionary(
            endpoints in proptest::collection::vec(
                (
                    proptest::prop_oneof!["[a-z][a-z0-9_.-]{0,6}", proptest::arbitrary::any::<String>()],
                    proptest::prop_oneof!["[ -~]{0,16}", proptest::arbitrary::any::<String>()],
                ),
                1..4,
            ),
        ) {
            let r = endpoints.iter().fold(ReportingEndpoints::new(), |r, (n, u)| r.endpoint(n, u));
            if let Ok(rendered) = r.render() {
                let output = check_dictionary(HEADER, &rendered).map_err(|e| e.to_string());
                proptest::prop_assert_eq!(output, Ok(()), "rendered {:?}", rendered);
            }
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,40}|[ -~\t]{0,40}") {
            if let Ok(p) = s.parse::<ReportingEndpoints>() {
                let again: ReportingEndpoints = p.render().unwrap().parse().unwrap();
                proptest::prop_assert_eq!(again, p);
            }
        }
    }
}
