//! `NEL` (Network Error Logging) and the `Report-To` header it reports through.
//!
//! Both values are JSON. They are written compactly, every string escaped (`"`, `\`,
//! control and non-ASCII characters as `\uXXXX`), so a value can never end the header or
//! start another one; they are read back by a small strict JSON reader of their own
//! (RFC 8259), so that parsing needs no optional feature and errors give the byte
//! position as the other parsers of this crate do. Members they do not know are kept as
//! received (browsers ignore them; the linter names them).

use std::fmt::Write as _;
use std::str::FromStr;

use crate::headers::single::at_byte;
use crate::headers::{impl_policy, set_raw};
use crate::text::{At, is_token};
use crate::{Error, ErrorKind};

const REPORT_TO: &str = "Report-To";
const NEL: &str = "NEL";

/// The largest integer a JSON reader keeps exactly (2^53 - 1).
const MAX_SAFE: u64 = (1 << 53) - 1;

/// The `Report-To` header of the Reporting API's first version: named groups of
/// endpoints, kept by the browser for `max_age` seconds. [`Nel`] reports only through
/// it (its `report_to` names one of these groups); the other reports use
/// [`ReportingEndpoints`](crate::ReportingEndpoints).
///
/// [Reporting API, W3C Working Draft 25 September 2018, §3.1 "The `Report-To` HTTP
/// Response Header Field"](https://www.w3.org/TR/2018/WD-reporting-1-20180925/#header).
/// Chromium reads it for NEL (Chrome 71 and later; the other reports use
/// `Reporting-Endpoints`); Firefox and Safari do not. Like `NEL`, Chromium applies it only
/// from a response whose certificate is valid.
///
/// ```text
/// Report-To = group-object *( "," group-object )   ; a JSON array without its brackets
/// group-object = {"group": string, "max_age": int, "endpoints": [{"url": https-url,
///                 "priority": int, "weight": int}, ...], "include_subdomains": bool}
/// ```
///
/// Each group needs a name (`default` if none is given in a received value), a
/// `max_age` and at least one endpoint, whose URL must be `https` (reports are only sent
/// to potentially trustworthy URLs). `secure` 2.0.1 has no such header.
///
/// ```
/// use secure_headers::{Policy, ReportTo, ReportToGroup};
///
/// let report_to = ReportTo::new().group(
///     ReportToGroup::new("nel", 86_400)
///         .endpoint("https://r.example/nel")
///         .include_subdomains(true),
/// );
/// assert_eq!(
///     report_to.render()?,
///     r#"{"group":"nel","max_age":86400,"endpoints":[{"url":"https://r.example/nel"}],"include_subdomains":true}"#
/// );
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportTo {
    groups: Vec<ReportToGroup>,
    raw: Option<Box<str>>,
    error: Option<Error>,
}

/// One group of a [`ReportTo`] header: its name, lifetime, endpoints and whether it
/// covers subdomains.
///
/// ```
/// use secure_headers::ReportToGroup;
///
/// let g = ReportToGroup::new("nel", 3600)
///     .endpoint("https://r.example/a")
///     .endpoint_with("https://backup.example/a", 2, 1);
/// assert_eq!(g.name(), "nel");
/// assert_eq!(g.max_age(), 3600);
/// assert_eq!(g.endpoints().collect::<Vec<_>>(), ["https://r.example/a", "https://backup.example/a"]);
/// ```
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportToGroup {
    name: Box<str>,
    max_age: u64,
    endpoints: Vec<Endpoint>,
    include_subdomains: bool,
    extra: Extra,
    error: Option<Error>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Endpoint {
    url: Box<str>,
    priority: Option<u64>,
    weight: Option<u64>,
    extra: Extra,
}

/// Members of a received object that this crate does not know (browsers ignore them),
/// kept as `(name, value as written)` so that the value is sent back unchanged.
type Extra = Vec<(Box<str>, Box<str>)>;

/// Writes the unknown members kept from a received value: `,"name":value`.
fn write_extra(out: &mut String, extra: &Extra) {
    for (name, value) in extra {
        out.push(',');
        json_string(out, name);
        out.push(':');
        out.push_str(value);
    }
}

impl ReportToGroup {
    /// A group named `name`, kept by the browser for `max_age` seconds (0 removes the
    /// group), with no endpoint yet. The name is a non-empty token (letters, digits and
    /// ``!#$%&'*+-.^_`|~``), as NEL's `report_to` names it.
    pub fn new(name: &str, max_age: u64) -> Self {
        let mut g = Self {
            name: name.into(),
            max_age,
            endpoints: Vec::new(),
            include_subdomains: false,
            extra: Vec::new(),
            error: None,
        };
        if let Err(e) = check_name(At::directive(REPORT_TO, "group"), name) {
            g.error = Some(e);
        } else if max_age > MAX_SAFE {
            let detail = format!("at most {MAX_SAFE} seconds");
            let e = At::directive(REPORT_TO, "max_age")
                .error(ErrorKind::OutOfRange, &max_age.to_string())
                .with_detail(detail);
            g.error = Some(e);
        }
        g
    }

    /// Adds an endpoint: an absolute `https` URL without spaces, quotes or backslashes.
    pub fn endpoint(self, url: &str) -> Self {
        self.push(url, None, None)
    }

    /// Adds an endpoint with its `priority` (lower first; failover) and `weight`
    /// (load balancing within a priority).
    pub fn endpoint_with(self, url: &str, priority: u64, weight: u64) -> Self {
        self.push(url, Some(priority), Some(weight))
    }

    fn push(mut self, url: &str, priority: Option<u64>, weight: Option<u64>) -> Self {
        let at = At::directive(REPORT_TO, "url");
        if let Err(e) = check_url(at, url) {
            self.error.get_or_insert(e);
            return self;
        }
        for (field, n) in [("priority", priority), ("weight", weight)] {
            if let Some(n) = n.filter(|n| *n > MAX_SAFE) {
                let e =
                    At::directive(REPORT_TO, field).error(ErrorKind::OutOfRange, &n.to_string());
                self.error
                    .get_or_insert(e.with_detail(format!("at most {MAX_SAFE}")));
                return self;
            }
        }
        self.endpoints.push(Endpoint {
            url: url.into(),
            priority,
            weight,
            extra: Vec::new(),
        });
        self
    }

    /// Whether the group also covers the subdomains of the origin (default: no).
    pub fn include_subdomains(mut self, yes: bool) -> Self {
        self.include_subdomains = yes;
        self
    }

    /// The group's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// How long, in seconds, the browser keeps the group.
    #[must_use]
    pub fn max_age(&self) -> u64 {
        self.max_age
    }

    /// Whether the group covers subdomains.
    #[must_use]
    pub fn includes_subdomains(&self) -> bool {
        self.include_subdomains
    }

    /// The endpoints' URLs, in order.
    pub fn endpoints(&self) -> impl Iterator<Item = &str> {
        self.endpoints.iter().map(|e| &*e.url)
    }

    /// The names of the members of a received group (and of its endpoints) that this
    /// crate does not know: browsers ignore them, and they are sent back as received.
    ///
    /// ```
    /// use secure_headers::ReportTo;
    /// let r: ReportTo = r#"{"max_age":1,"endpoints":[{"url":"https://r.example/","x":1}],"maxage":2}"#.parse()?;
    /// assert_eq!(r.groups().next().unwrap().unknown_members().collect::<Vec<_>>(), ["maxage", "x"]);
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    pub fn unknown_members(&self) -> impl Iterator<Item = &str> {
        let own = self.extra.iter().map(|(n, _)| &**n);
        own.chain(
            self.endpoints
                .iter()
                .flat_map(|e| e.extra.iter().map(|(n, _)| &**n)),
        )
    }

    fn write(&self, out: &mut String) -> Result<(), Error> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        if self.endpoints.is_empty() {
            let at = At::directive(REPORT_TO, "endpoints");
            let detail = "a group needs at least one endpoint";
            return Err(at.error(ErrorKind::Empty, &self.name).with_detail(detail));
        }
        out.push_str("{\"group\":");
        json_string(out, &self.name);
        let _ = write!(out, ",\"max_age\":{},\"endpoints\":[", self.max_age);
        for (i, e) in self.endpoints.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str("{\"url\":");
            json_string(out, &e.url);
            if let Some(p) = e.priority {
                let _ = write!(out, ",\"priority\":{p}");
            }
            if let Some(w) = e.weight {
                let _ = write!(out, ",\"weight\":{w}");
            }
            write_extra(out, &e.extra);
            out.push('}');
        }
        out.push(']');
        if self.include_subdomains {
            out.push_str(",\"include_subdomains\":true");
        }
        write_extra(out, &self.extra);
        out.push('}');
        Ok(())
    }
}

impl ReportTo {
    /// A header with no group yet; rendering it is an [`ErrorKind::Empty`] error until
    /// a [`group`](Self::group) is added.
    pub const fn new() -> Self {
        Self {
            groups: Vec::new(),
            raw: None,
            error: None,
        }
    }

    /// Adds a group; one with the same name is replaced in place.
    ///
    /// ```
    /// use secure_headers::{Policy, ReportTo, ReportToGroup};
    ///
    /// let r = ReportTo::new()
    ///     .group(ReportToGroup::new("a", 1).endpoint("https://r.example/1"))
    ///     .group(ReportToGroup::new("b", 2).endpoint("https://r.example/2"))
    ///     .group(ReportToGroup::new("a", 3).endpoint("https://r.example/3"));
    /// assert_eq!(
    ///     r.render()?,
    ///     r#"{"group":"a","max_age":3,"endpoints":[{"url":"https://r.example/3"}]}, {"group":"b","max_age":2,"endpoints":[{"url":"https://r.example/2"}]}"#
    /// );
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    pub fn group(mut self, group: ReportToGroup) -> Self {
        self.raw = None;
        match self.groups.iter_mut().find(|g| g.name == group.name) {
            Some(slot) => *slot = group,
            None => self.groups.push(group),
        }
        self
    }

    /// Replaces the whole value with `value`, sent as given (trimmed); it must not be
    /// empty nor hold control characters or non-ASCII text. The groups set before are
    /// dropped.
    pub fn value(mut self, value: impl AsRef<str>) -> Self {
        self.groups.clear();
        set_raw(REPORT_TO, value.as_ref(), &mut self.raw, &mut self.error);
        self
    }

    /// The groups, in the order sent.
    pub fn groups(&self) -> impl Iterator<Item = &ReportToGroup> {
        self.groups.iter()
    }

    /// The group named `name`, if any.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&ReportToGroup> {
        self.groups.iter().find(|g| &*g.name == name)
    }

    fn compose(&self) -> Result<String, Error> {
        if self.groups.is_empty() {
            let detail = "Report-To declares no group; add one with group()";
            return Err(At::header(REPORT_TO)
                .error(ErrorKind::Empty, "")
                .with_detail(detail));
        }
        let mut out = String::new();
        for (i, g) in self.groups.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            g.write(&mut out)?;
        }
        Ok(out)
    }
}

impl_policy!(ReportTo = REPORT_TO);

/// The `NEL` header (Network Error Logging): asks the browser to report failed (and a
/// sample of successful) requests to this origin, through a [`ReportTo`] group.
///
/// [Network Error Logging, "Policy delivery": "`NEL` response header" and "Process policy
/// headers"](https://w3c.github.io/network-error-logging/#nel-response-header).
/// Chrome 71 and later (checked with Chromium 156 in this crate's browser tests);
/// Firefox and Safari do not implement it. NEL reports only through the `Report-To`
/// header, not `Reporting-Endpoints`: its `report_to` must name a group of a `Report-To`
/// header sent with it (the linter's `nel-group-undeclared`).
///
/// ```text
/// NEL = {"report_to": string, "max_age": int, "include_subdomains": bool,
///        "success_fraction": 0.0..1.0, "failure_fraction": 0.0..1.0,
///        "request_headers": [name, ...], "response_headers": [name, ...]}
/// ```
///
/// `new()` is `max_age` one day, no group: set one with [`report_to`](Self::report_to)
/// (rendering without one is an [`ErrorKind::Empty`] error, unless `max_age` is 0: the
/// policy that removes the origin's policy, `{"max_age":0}`). Fractions must be within
/// 0..=1 ([`ErrorKind::OutOfRange`]); header names must be tokens. `secure` 2.0.1 has
/// no such header.
///
/// ```
/// use secure_headers::{Nel, Policy};
///
/// let nel = Nel::new().report_to("nel").failure_fraction(0.5).request_headers(["If-None-Match"]);
/// assert_eq!(
///     nel.render()?,
///     r#"{"report_to":"nel","max_age":86400,"failure_fraction":0.5,"request_headers":["If-None-Match"]}"#
/// );
/// let parsed: Nel = nel.render()?.parse()?;
/// assert_eq!(parsed, nel);
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Nel {
    report_to: Option<Box<str>>,
    max_age: u64,
    include_subdomains: bool,
    success_fraction: Option<Fraction>,
    failure_fraction: Option<Fraction>,
    request_headers: Vec<Box<str>>,
    response_headers: Vec<Box<str>>,
    extra: Extra,
    raw: Option<Box<str>>,
    error: Option<Error>,
}

/// A sampling rate in 0..=1 (never NaN, so `Eq` holds).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Fraction(f64);

impl Eq for Fraction {}

impl Nel {
    /// One day (`max_age` 86400), no group yet.
    pub const fn new() -> Self {
        Self {
            report_to: None,
            max_age: 86_400,
            include_subdomains: false,
            success_fraction: None,
            failure_fraction: None,
            request_headers: Vec::new(),
            response_headers: Vec::new(),
            extra: Vec::new(),
            raw: None,
            error: None,
        }
    }

    /// The [`ReportTo`] group the reports go to: a non-empty token.
    pub fn report_to(mut self, group: &str) -> Self {
        match check_name(At::directive(NEL, "report_to"), group) {
            Ok(()) => self.report_to = Some(group.into()),
            Err(e) => return self.fail(e),
        }
        self.raw = None;
        self
    }

    /// How long, in seconds, the browser keeps the policy (0 removes it).
    pub fn max_age(mut self, seconds: u64) -> Self {
        if seconds > MAX_SAFE {
            let e =
                At::directive(NEL, "max_age").error(ErrorKind::OutOfRange, &seconds.to_string());
            return self.fail(e.with_detail(format!("at most {MAX_SAFE} seconds")));
        }
        self.max_age = seconds;
        self.raw = None;
        self
    }

    /// Whether the policy covers subdomains too (default: no).
    pub fn include_subdomains(mut self, yes: bool) -> Self {
        self.include_subdomains = yes;
        self.raw = None;
        self
    }

    /// The share of successful requests reported (browser default 0.0).
    ///
    /// ```
    /// use secure_headers::{ErrorKind, Nel, Policy};
    /// let err = Nel::new().report_to("nel").success_fraction(1.5).render().unwrap_err();
    /// assert_eq!((err.kind(), err.directive(), err.input()), (ErrorKind::OutOfRange, Some("success_fraction"), Some("1.5")));
    /// ```
    pub fn success_fraction(self, fraction: f64) -> Self {
        self.fraction("success_fraction", fraction, |n, f| {
            n.success_fraction = Some(f)
        })
    }

    /// The share of failed requests reported (browser default 1.0).
    pub fn failure_fraction(self, fraction: f64) -> Self {
        self.fraction("failure_fraction", fraction, |n, f| {
            n.failure_fraction = Some(f)
        })
    }

    fn fraction(mut self, field: &str, f: f64, set: impl FnOnce(&mut Self, Fraction)) -> Self {
        if !(0.0..=1.0).contains(&f) {
            let detail = "a fraction is a number from 0.0 to 1.0";
            let e = At::directive(NEL, field).error(ErrorKind::OutOfRange, &f.to_string());
            return self.fail(e.with_detail(detail));
        }
        set(&mut self, Fraction(f));
        self.raw = None;
        self
    }

    /// Request headers whose values the reports include (names, kept as given).
    pub fn request_headers<I>(self, names: I) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        self.headers("request_headers", names, |n, v| n.request_headers = v)
    }

    /// Response headers whose values the reports include.
    pub fn response_headers<I>(self, names: I) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        self.headers("response_headers", names, |n, v| n.response_headers = v)
    }

    fn headers<I>(
        mut self,
        field: &str,
        names: I,
        set: impl FnOnce(&mut Self, Vec<Box<str>>),
    ) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let mut out = Vec::new();
        for name in names {
            let name = name.as_ref();
            if !is_token(name) {
                let detail = "a header name is a token";
                let e = At::directive(NEL, field).error(ErrorKind::InvalidName, name);
                return self.fail(e.with_detail(detail));
            }
            out.push(name.into());
        }
        set(&mut self, out);
        self.raw = None;
        self
    }

    /// Replaces the whole value with `value`, sent as given (trimmed); it must not be
    /// empty nor hold control characters or non-ASCII text.
    pub fn value(mut self, value: impl AsRef<str>) -> Self {
        set_raw(NEL, value.as_ref(), &mut self.raw, &mut self.error);
        self
    }

    /// The group reports go to, if set.
    #[must_use]
    pub fn group(&self) -> Option<&str> {
        self.report_to.as_deref()
    }

    /// The policy's lifetime in seconds.
    #[must_use]
    pub fn max_age_secs(&self) -> u64 {
        self.max_age
    }

    /// The raw value set with [`value`](Self::value), if that is what will be sent.
    #[must_use]
    pub fn raw_value(&self) -> Option<&str> {
        self.raw.as_deref()
    }

    /// The names of the members of a received policy that this crate does not know:
    /// browsers ignore them, and they are sent back as received.
    ///
    /// ```
    /// use secure_headers::{Nel, Policy};
    /// let nel: Nel = r#"{"report_to":"nel","max_age":1,"failure-fraction":0.5}"#.parse()?;
    /// assert_eq!(nel.unknown_members().collect::<Vec<_>>(), ["failure-fraction"]);
    /// assert_eq!(nel.render()?, r#"{"report_to":"nel","max_age":1,"failure-fraction":0.5}"#);
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    pub fn unknown_members(&self) -> impl Iterator<Item = &str> {
        self.extra.iter().map(|(n, _)| &**n)
    }

    /// The `success_fraction` and `failure_fraction` set, in that order (`None` for
    /// one left to the browser's default, 0.0 and 1.0).
    ///
    /// ```
    /// use secure_headers::Nel;
    /// assert_eq!(Nel::new().failure_fraction(0.25).fractions(), (None, Some(0.25)));
    /// ```
    #[must_use]
    pub fn fractions(&self) -> (Option<f64>, Option<f64>) {
        (
            self.success_fraction.map(|f| f.0),
            self.failure_fraction.map(|f| f.0),
        )
    }

    fn fail(mut self, error: Error) -> Self {
        self.error.get_or_insert(error);
        self
    }

    fn compose(&self) -> Result<String, Error> {
        let mut out = String::from("{");
        match &self.report_to {
            Some(group) => {
                out.push_str("\"report_to\":");
                json_string(&mut out, group);
                out.push(',');
            }
            // A policy that removes the origin's policy needs no group.
            None if self.max_age == 0 => {}
            None => {
                let detail = "NEL needs report_to, the Report-To group its reports go to (or max_age 0, which removes the policy)";
                return Err(At::directive(NEL, "report_to")
                    .error(ErrorKind::Empty, "")
                    .with_detail(detail));
            }
        }
        let _ = write!(out, "\"max_age\":{}", self.max_age);
        if self.include_subdomains {
            out.push_str(",\"include_subdomains\":true");
        }
        for (field, f) in [
            ("success_fraction", self.success_fraction),
            ("failure_fraction", self.failure_fraction),
        ] {
            if let Some(Fraction(f)) = f {
                let _ = write!(out, ",\"{field}\":{f:?}");
            }
        }
        for (field, names) in [
            ("request_headers", &self.request_headers),
            ("response_headers", &self.response_headers),
        ] {
            if !names.is_empty() {
                let _ = write!(out, ",\"{field}\":[");
                for (i, n) in names.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    json_string(&mut out, n);
                }
                out.push(']');
            }
        }
        write_extra(&mut out, &self.extra);
        out.push('}');
        Ok(out)
    }
}

impl_policy!(Nel = NEL);

/// A group name: a non-empty RFC 9110 token.
fn check_name(at: At<'_>, name: &str) -> Result<(), Error> {
    if name.is_empty() {
        return Err(at.error(ErrorKind::Empty, name));
    }
    if !is_token(name) {
        let detail = "a group name is a token (letters, digits and !#$%&'*+-.^_`|~)";
        let kind = if name.bytes().any(|b| b.is_ascii_control() || !b.is_ascii()) {
            ErrorKind::InvalidCharacter
        } else {
            ErrorKind::InvalidToken
        };
        return Err(at.error(kind, name).with_detail(detail));
    }
    Ok(())
}

/// An endpoint URL: `https://host[:port][/path]`, visible ASCII without `"`, `\`, or
/// spaces.
fn check_url(at: At<'_>, url: &str) -> Result<(), Error> {
    let fail = |kind, detail: &str| Err(at.error(kind, url).with_detail(detail.to_owned()));
    if url.bytes().any(|b| b.is_ascii_control() || !b.is_ascii()) {
        return fail(ErrorKind::InvalidCharacter, "a URL is visible ASCII text");
    }
    if url.bytes().any(|b| matches!(b, b' ' | b'"' | b'\\')) {
        return fail(
            ErrorKind::InvalidValue,
            "a URL has no spaces, quotes or backslashes",
        );
    }
    let Some(rest) = url
        .get(..8)
        .filter(|s| s.eq_ignore_ascii_case("https://"))
        .map(|_| &url[8..])
    else {
        return fail(
            ErrorKind::InvalidValue,
            "an endpoint is an absolute https:// URL (reports go only to secure endpoints)",
        );
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit_once(':').map_or(authority, |(h, _)| h);
    if host.is_empty() || authority.contains('@') {
        return fail(
            ErrorKind::InvalidValue,
            "the URL needs a host (and no user info)",
        );
    }
    Ok(())
}

/// Writes `s` as a JSON string: `"`, `\` and every character outside printable ASCII
/// escaped, so the result is always printable ASCII.
fn json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            _ => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
        }
    }
    out.push('"');
}

/// A JSON value as the reader returns it; numbers keep their text.
#[derive(Debug)]
enum Json {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<(usize, Json)>),
    /// Members: name, the name's position, the value's position, the value, the value
    /// as written.
    Object(Vec<Member>),
}

/// A member of a JSON object: name, the name's position, the value's position, the
/// value, the value as written.
type Member = (String, usize, usize, Json, String);

/// A strict RFC 8259 reader over one header value, with byte positions for errors.
struct Reader<'a> {
    header: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl<'a> Reader<'a> {
    fn new(header: &'a str, input: &'a str) -> Self {
        Self {
            header,
            bytes: input.as_bytes(),
            pos: 0,
            depth: 0,
        }
    }

    fn error(&self, detail: &str) -> Error {
        let end = (self.pos + 1).min(self.bytes.len());
        let text = String::from_utf8_lossy(&self.bytes[self.pos.min(end)..end]).into_owned();
        let e = At::header(self.header).error(ErrorKind::InvalidValue, &text);
        at_byte(e.with_detail(format!("invalid JSON: {detail}")), self.pos)
    }

    fn ws(&mut self) {
        while self
            .bytes
            .get(self.pos)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.pos += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        self.ws();
        if self.bytes.get(self.pos) == Some(&b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Result<Json, Error> {
        self.ws();
        let Some(&b) = self.bytes.get(self.pos) else {
            return Err(self.error("a value is missing"));
        };
        match b {
            b'{' | b'[' => {
                self.depth += 1;
                if self.depth > 32 {
                    return Err(self.error("nested too deeply"));
                }
                let v = if b == b'{' {
                    self.object()
                } else {
                    self.array()
                };
                self.depth -= 1;
                v
            }
            b'"' => self.string().map(Json::String),
            b'-' | b'0'..=b'9' => self.number(),
            _ => {
                for (word, v) in [
                    ("true", Json::Bool(true)),
                    ("false", Json::Bool(false)),
                    ("null", Json::Null),
                ] {
                    if self.bytes[self.pos..].starts_with(word.as_bytes()) {
                        self.pos += word.len();
                        return Ok(v);
                    }
                }
                Err(self.error("expected a value"))
            }
        }
    }

    fn object(&mut self) -> Result<Json, Error> {
        self.pos += 1;
        let mut members = Vec::new();
        if self.eat(b'}') {
            return Ok(Json::Object(members));
        }
        loop {
            self.ws();
            if self.bytes.get(self.pos) != Some(&b'"') {
                return Err(self.error("expected a member name"));
            }
            let key_at = self.pos;
            let key = self.string()?;
            if !self.eat(b':') {
                return Err(self.error("expected ':'"));
            }
            self.ws();
            let at = self.pos;
            let v = self.value()?;
            let raw = String::from_utf8_lossy(&self.bytes[at..self.pos]).into_owned();
            members.push((key, key_at, at, v, raw));
            if self.eat(b',') {
                continue;
            }
            if self.eat(b'}') {
                return Ok(Json::Object(members));
            }
            return Err(self.error("expected ',' or '}'"));
        }
    }

    fn array(&mut self) -> Result<Json, Error> {
        self.pos += 1;
        let mut items = Vec::new();
        if self.eat(b']') {
            return Ok(Json::Array(items));
        }
        loop {
            self.ws();
            let at = self.pos;
            items.push((at, self.value()?));
            if self.eat(b',') {
                continue;
            }
            if self.eat(b']') {
                return Ok(Json::Array(items));
            }
            return Err(self.error("expected ',' or ']'"));
        }
    }

    fn string(&mut self) -> Result<String, Error> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(&b) = self.bytes.get(self.pos) else {
                return Err(self.error("unterminated string"));
            };
            match b {
                b'"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    self.pos += 1;
                    let c = match self.bytes.get(self.pos) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi)
                                && self.bytes[self.pos + 1..].starts_with(b"\\u")
                            {
                                self.pos += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.error("unpaired surrogate"));
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            char::from_u32(code).ok_or_else(|| self.error("unpaired surrogate"))?
                        }
                        _ => return Err(self.error("unknown escape")),
                    };
                    out.push(c);
                    self.pos += 1;
                }
                0x20..=0x7e => {
                    out.push(char::from(b));
                    self.pos += 1;
                }
                _ => return Err(self.error("a control or non-ASCII character in a string")),
            }
        }
    }

    /// Reads the four hex digits after `\u`, leaving the cursor on the last one.
    fn hex4(&mut self) -> Result<u32, Error> {
        let digits = self
            .bytes
            .get(self.pos + 1..self.pos + 5)
            .and_then(|d| std::str::from_utf8(d).ok())
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.error("\\u needs four hex digits"))?;
        let n = u32::from_str_radix(digits, 16).map_err(|_| self.error("bad \\u escape"))?;
        self.pos += 4;
        Ok(n)
    }

    fn number(&mut self) -> Result<Json, Error> {
        let start = self.pos;
        if self.bytes.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        let digits = |r: &mut Self| {
            let s = r.pos;
            while r.bytes.get(r.pos).is_some_and(u8::is_ascii_digit) {
                r.pos += 1;
            }
            r.pos - s
        };
        let int_start = self.pos;
        let n = digits(self);
        if n == 0 || (n > 1 && self.bytes[int_start] == b'0') {
            return Err(self.error("a malformed number"));
        }
        if self.bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if digits(self) == 0 {
                return Err(self.error("a malformed number"));
            }
        }
        if matches!(self.bytes.get(self.pos), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.bytes.get(self.pos), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(self.error("a malformed number"));
            }
        }
        let text = String::from_utf8_lossy(&self.bytes[start..self.pos]).into_owned();
        Ok(Json::Number(text))
    }
}

/// What a received object's members are turned into, with errors naming the member.
struct Fields<'a> {
    header: &'a str,
    members: Vec<Member>,
}

impl Fields<'_> {
    /// The member `name` (the last one, if it is given twice, as JSON readers keep),
    /// removed with its repetitions.
    fn take(&mut self, name: &str) -> Option<(usize, Json)> {
        let mut found = None;
        let mut i = 0;
        while i < self.members.len() {
            if self.members[i].0 == name {
                let (_, _, at, v, _) = self.members.remove(i);
                found = Some((at, v));
            } else {
                i += 1;
            }
        }
        found
    }

    fn wrong(&self, name: &str, at: usize, v: &Json, expected: &str) -> Error {
        let input = match v {
            Json::String(s) | Json::Number(s) => s.clone(),
            Json::Bool(b) => b.to_string(),
            Json::Null => "null".to_owned(),
            Json::Array(_) => "[...]".to_owned(),
            Json::Object(_) => "{...}".to_owned(),
        };
        let e = At::directive(self.header, name).error(ErrorKind::InvalidValue, &input);
        at_byte(e.with_detail(format!("expected {expected}")), at)
    }

    fn string(&mut self, name: &str) -> Result<Option<(usize, String)>, Error> {
        match self.take(name) {
            None => Ok(None),
            Some((at, Json::String(s))) => Ok(Some((at, s))),
            Some((at, v)) => Err(self.wrong(name, at, &v, "a string")),
        }
    }

    fn bool(&mut self, name: &str) -> Result<bool, Error> {
        match self.take(name) {
            None => Ok(false),
            Some((_, Json::Bool(b))) => Ok(b),
            Some((at, v)) => Err(self.wrong(name, at, &v, "true or false")),
        }
    }

    fn uint(&mut self, name: &str) -> Result<Option<u64>, Error> {
        match self.take(name) {
            None => Ok(None),
            Some((at, Json::Number(n))) => match n.parse::<u64>() {
                Ok(v) if v <= MAX_SAFE => Ok(Some(v)),
                _ => Err(self.wrong(name, at, &Json::Number(n), "a non-negative integer")),
            },
            Some((at, v)) => Err(self.wrong(name, at, &v, "a non-negative integer")),
        }
    }

    fn number(&mut self, name: &str) -> Result<Option<(usize, f64)>, Error> {
        match self.take(name) {
            None => Ok(None),
            Some((at, Json::Number(n))) => match n.parse::<f64>() {
                Ok(v) if v.is_finite() => Ok(Some((at, v))),
                _ => Err(self.wrong(name, at, &Json::Number(n), "a number")),
            },
            Some((at, v)) => Err(self.wrong(name, at, &v, "a number")),
        }
    }

    fn strings(&mut self, name: &str) -> Result<Vec<String>, Error> {
        match self.take(name) {
            None => Ok(Vec::new()),
            Some((_, Json::Array(items))) => items
                .into_iter()
                .map(|(at, v)| match v {
                    Json::String(s) => Ok(s),
                    v => Err(self.wrong(name, at, &v, "a string")),
                })
                .collect(),
            Some((at, v)) => Err(self.wrong(name, at, &v, "an array of strings")),
        }
    }

    /// The members not taken: those this crate does not know, which browsers ignore,
    /// kept as written.
    fn done(self) -> Extra {
        self.members
            .into_iter()
            .map(|(k, _, _, _, raw)| (k.into(), raw.into()))
            .collect()
    }
}

fn object(header: &str, at: usize, v: Json) -> Result<Fields<'_>, Error> {
    match v {
        Json::Object(members) => Ok(Fields { header, members }),
        _ => {
            let e = At::header(header).error(ErrorKind::InvalidValue, "");
            Err(at_byte(e.with_detail("expected a JSON object"), at))
        }
    }
}

impl FromStr for ReportTo {
    type Err = Error;

    /// Parses a received `Report-To` value: one or more JSON objects separated by
    /// commas (a JSON array without its brackets). A group without `group` is named
    /// `default`, as the spec says. Members this crate does not know, which browsers
    /// ignore, are kept and sent back as written
    /// ([`unknown_members`](ReportToGroup::unknown_members)). A non-https endpoint, a
    /// missing `max_age` or `endpoints`, a member of the wrong type are errors naming the
    /// member and byte position.
    ///
    /// ```
    /// use secure_headers::{ErrorKind, ReportTo};
    ///
    /// let r: ReportTo = r#"{"max_age": 10, "endpoints": [{"url": "https://r.example/"}]}, {"group":"nel","max_age":1,"endpoints":[{"url":"https://r.example/n","priority":2}]}"#.parse()?;
    /// assert_eq!(r.groups().map(|g| g.name()).collect::<Vec<_>>(), ["default", "nel"]);
    /// let err = r#"{"group":"a","max_age":1,"endpoints":[{"url":"http://r.example/"}]}"#.parse::<ReportTo>().unwrap_err();
    /// assert_eq!((err.kind(), err.directive()), (ErrorKind::InvalidValue, Some("url")));
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    fn from_str(s: &str) -> Result<Self, Error> {
        crate::headers::single::check_field_text(At::header(REPORT_TO), s)?;
        let mut r = Reader::new(REPORT_TO, s);
        let mut out = ReportTo::new();
        loop {
            r.ws();
            let at = r.pos;
            let item = r.value()?;
            out = out.group(report_to_group(object(REPORT_TO, at, item)?, at)?);
            r.ws();
            if r.pos == r.bytes.len() {
                return Ok(out);
            }
            if !r.eat(b',') {
                return Err(r.error("groups are separated by ','"));
            }
        }
    }
}

/// One received `Report-To` group object, which starts at byte `at`.
fn report_to_group(mut f: Fields<'_>, at: usize) -> Result<ReportToGroup, Error> {
    let name = f
        .string("group")?
        .map_or_else(|| "default".to_owned(), |(_, n)| n);
    let Some(max_age) = f.uint("max_age")? else {
        let e = At::directive(REPORT_TO, "max_age").error(ErrorKind::Empty, "");
        return Err(at_byte(e.with_detail("max_age is required"), at));
    };
    let include = f.bool("include_subdomains")?;
    let mut group = ReportToGroup::new(&name, max_age).include_subdomains(include);
    if let Some(e) = group.error.take() {
        return Err(at_byte(e, at));
    }
    match f.take("endpoints") {
        Some((_, Json::Array(endpoints))) if !endpoints.is_empty() => {
            for (eat, e) in endpoints {
                let mut ef = object(REPORT_TO, eat, e)?;
                let url = ef.string("url")?;
                let priority = ef.uint("priority")?;
                let weight = ef.uint("weight")?;
                let extra = ef.done();
                let Some((uat, url)) = url else {
                    let e = At::directive(REPORT_TO, "url").error(ErrorKind::Empty, "");
                    return Err(at_byte(e.with_detail("an endpoint needs a url"), eat));
                };
                group = group.push(&url, priority, weight);
                if let Some(e) = group.error.take() {
                    return Err(at_byte(e, uat));
                }
                if let Some(endpoint) = group.endpoints.last_mut() {
                    endpoint.extra = extra;
                }
            }
        }
        Some((eat, v)) => {
            return Err(f.wrong("endpoints", eat, &v, "a non-empty array of endpoints"));
        }
        None => {
            let e = At::directive(REPORT_TO, "endpoints").error(ErrorKind::Empty, "");
            return Err(at_byte(e.with_detail("endpoints is required"), at));
        }
    }
    group.extra = f.done();
    Ok(group)
}

impl FromStr for Nel {
    type Err = Error;

    /// Parses a received `NEL` value: JSON objects separated by commas, of which, as
    /// browsers do, the first valid one is the policy (the others are ignored; with none
    /// valid, the first one's error is returned). Members this crate does not know,
    /// which browsers ignore, are kept and sent back as written
    /// ([`unknown_members`](Nel::unknown_members)). A fraction outside 0..=1, a header
    /// name that is not a token, a member of the wrong type are errors naming the member.
    /// `report_to` is required unless `max_age` is 0 (a policy that removes the
    /// origin's policy).
    ///
    /// ```
    /// use secure_headers::{ErrorKind, Nel};
    ///
    /// let nel: Nel = r#"{"report_to": "nel", "max_age": 2592000, "include_subdomains": true, "failure_fraction": 1.0}"#.parse()?;
    /// assert_eq!(nel.group(), Some("nel"));
    /// assert_eq!(nel.max_age_secs(), 2_592_000);
    /// let removal: Nel = r#"{"max_age": 0}"#.parse()?;
    /// assert_eq!(removal.group(), None);
    /// let err = r#"{"report_to":"nel","max_age":1,"success_fraction":2}"#.parse::<Nel>().unwrap_err();
    /// assert_eq!((err.kind(), err.directive()), (ErrorKind::OutOfRange, Some("success_fraction")));
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    fn from_str(s: &str) -> Result<Self, Error> {
        crate::headers::single::check_field_text(At::header(NEL), s)?;
        let mut r = Reader::new(NEL, s);
        let mut first_error = None;
        loop {
            r.ws();
            let at = r.pos;
            let value = r.value()?;
            match nel_policy(object(NEL, at, value), at) {
                Ok(nel) => {
                    // The rest must still be JSON objects separated by commas.
                    while {
                        r.ws();
                        r.pos < r.bytes.len()
                    } {
                        if !r.eat(b',') {
                            return Err(r.error("policies are separated by ','"));
                        }
                        r.value()?;
                    }
                    return Ok(nel);
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
            r.ws();
            if r.pos == r.bytes.len() {
                return Err(first_error.expect("an error was recorded"));
            }
            if !r.eat(b',') {
                return Err(r.error("policies are separated by ','"));
            }
        }
    }
}

/// One received `NEL` policy object, which starts at byte `at`.
fn nel_policy(fields: Result<Fields<'_>, Error>, at: usize) -> Result<Nel, Error> {
    let mut f = fields?;
    let check = |nel: Nel, at: usize| match nel.error {
        Some(e) => Err(at_byte(e, at)),
        None => Ok(nel),
    };
    let mut nel = Nel::new();
    let group = f.string("report_to")?;
    match f.uint("max_age")? {
        Some(m) => nel = check(nel.max_age(m), at)?,
        None => {
            let e = At::directive(NEL, "max_age").error(ErrorKind::Empty, "");
            return Err(at_byte(e.with_detail("max_age is required"), at));
        }
    }
    match group {
        Some((gat, g)) => nel = check(nel.report_to(&g), gat)?,
        None if nel.max_age == 0 => {}
        None => {
            let e = At::directive(NEL, "report_to").error(ErrorKind::Empty, "");
            let detail = "report_to is required (unless max_age is 0, which removes the policy)";
            return Err(at_byte(e.with_detail(detail), at));
        }
    }
    nel = nel.include_subdomains(f.bool("include_subdomains")?);
    if let Some((fat, v)) = f.number("success_fraction")? {
        nel = check(nel.success_fraction(v), fat)?;
    }
    if let Some((fat, v)) = f.number("failure_fraction")? {
        nel = check(nel.failure_fraction(v), fat)?;
    }
    let req = f.strings("request_headers")?;
    nel = check(nel.request_headers(req), at)?;
    let resp = f.strings("response_headers")?;
    nel = check(nel.response_headers(resp), at)?;
    nel.extra = f.done();
    Ok(nel)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Policy;
    use proptest::prelude::*;

    fn group() -> ReportToGroup {
        ReportToGroup::new("nel", 86_400).endpoint("https://r.example/nel")
    }

    #[test]
    fn exact_values() {
        assert_eq!(ReportTo::new().name(), "Report-To");
        assert_eq!(Nel::new().name(), "NEL");
        assert_eq!(
            ReportTo::new()
                .group(group().include_subdomains(true))
                .render()
                .unwrap(),
            r#"{"group":"nel","max_age":86400,"endpoints":[{"url":"https://r.example/nel"}],"include_subdomains":true}"#
        );
        assert_eq!(
            ReportTo::new()
                .group(
                    ReportToGroup::new("default", 0)
                        .endpoint_with("https://a.example/r?x=1", 1, 2)
                        .endpoint("HTTPS://B.example:8443/")
                )
                .render()
                .unwrap(),
            r#"{"group":"default","max_age":0,"endpoints":[{"url":"https://a.example/r?x=1","priority":1,"weight":2},{"url":"HTTPS://B.example:8443/"}]}"#
        );
        assert_eq!(
            Nel::new().report_to("nel").render().unwrap(),
            r#"{"report_to":"nel","max_age":86400}"#
        );
        assert_eq!(
            Nel::new()
                .report_to("nel")
                .max_age(2_592_000)
                .include_subdomains(true)
                .success_fraction(0.0)
                .failure_fraction(1.0)
                .request_headers(["If-None-Match"])
                .response_headers(["ETag", "Cache-Control"])
                .render()
                .unwrap(),
            r#"{"report_to":"nel","max_age":2592000,"include_subdomains":true,"success_fraction":0.0,"failure_fraction":1.0,"request_headers":["If-None-Match"],"response_headers":["ETag","Cache-Control"]}"#
        );
        assert_eq!(
            Nel::new()
                .report_to("a")
                .success_fraction(0.001)
                .render()
                .unwrap(),
            r#"{"report_to":"a","max_age":86400,"success_fraction":0.001}"#
        );
        assert_eq!(Nel::new().value(" {} ").render().unwrap(), "{}");
        assert_eq!(ReportTo::new().value("{}").render().unwrap(), "{}");
    }

    #[test]
    fn bad_input_is_an_error_naming_it() {
        type Case = (
            Result<String, Error>,
            ErrorKind,
            &'static str,
            &'static str,
            &'static str,
        );
        let cases: Vec<Case> = vec![
            (
                ReportTo::new().render(),
                ErrorKind::Empty,
                "Report-To",
                "",
                "",
            ),
            (
                Nel::new().render(),
                ErrorKind::Empty,
                "NEL",
                "report_to",
                "",
            ),
            (
                ReportTo::new().group(ReportToGroup::new("nel", 1)).render(),
                ErrorKind::Empty,
                "Report-To",
                "endpoints",
                "nel",
            ),
            (
                ReportTo::new()
                    .group(ReportToGroup::new("", 1).endpoint("https://r.example"))
                    .render(),
                ErrorKind::Empty,
                "Report-To",
                "group",
                "",
            ),
            (
                ReportTo::new()
                    .group(ReportToGroup::new("a b", 1).endpoint("https://r.example"))
                    .render(),
                ErrorKind::InvalidToken,
                "Report-To",
                "group",
                "a b",
            ),
            (
                ReportTo::new()
                    .group(ReportToGroup::new("a\"}", 1).endpoint("https://r.example"))
                    .render(),
                ErrorKind::InvalidToken,
                "Report-To",
                "group",
                "a\"}",
            ),
            (
                ReportTo::new()
                    .group(ReportToGroup::new("a\r\nX: y", 1).endpoint("https://r.example"))
                    .render(),
                ErrorKind::InvalidCharacter,
                "Report-To",
                "group",
                "a\r\nX: y",
            ),
            (
                ReportTo::new()
                    .group(ReportToGroup::new("nel", 1 << 60).endpoint("https://r.example"))
                    .render(),
                ErrorKind::OutOfRange,
                "Report-To",
                "max_age",
                "1152921504606846976",
            ),
            (
                ReportTo::new()
                    .group(ReportToGroup::new("nel", 1).endpoint("http://r.example/"))
                    .render(),
                ErrorKind::InvalidValue,
                "Report-To",
                "url",
                "http://r.example/",
            ),
            (
                ReportTo::new()
                    .group(ReportToGroup::new("nel", 1).endpoint("/r"))
                    .render(),
                ErrorKind::InvalidValue,
                "Report-To",
                "url",
                "/r",
            ),
            (
                ReportTo::new()
                    .group(ReportToGroup::new("nel", 1).endpoint("https:///r"))
                    .render(),
                ErrorKind::InvalidValue,
                "Report-To",
                "url",
                "https:///r",
            ),
            (
                ReportTo::new()
                    .group(ReportToGroup::new("nel", 1).endpoint("https://r.example/\"}]"))
                    .render(),
                ErrorKind::InvalidValue,
                "Report-To",
                "url",
                "https://r.example/\"}]",
            ),
            (
                ReportTo::new()
                    .group(
                        ReportToGroup::new("nel", 1)
                            .endpoint("https://r.example/\r\nSet-Cookie: a=b"),
                    )
                    .render(),
                ErrorKind::InvalidCharacter,
                "Report-To",
                "url",
                "https://r.example/\r\nSet-Cookie: a=b",
            ),
            (
                Nel::new().report_to("a,b").render(),
                ErrorKind::InvalidToken,
                "NEL",
                "report_to",
                "a,b",
            ),
            (
                Nel::new().report_to("nel").failure_fraction(-0.1).render(),
                ErrorKind::OutOfRange,
                "NEL",
                "failure_fraction",
                "-0.1",
            ),
            (
                Nel::new()
                    .report_to("nel")
                    .success_fraction(f64::NAN)
                    .render(),
                ErrorKind::OutOfRange,
                "NEL",
                "success_fraction",
                "NaN",
            ),
            (
                Nel::new()
                    .report_to("nel")
                    .request_headers(["a b"])
                    .render(),
                ErrorKind::InvalidName,
                "NEL",
                "request_headers",
                "a b",
            ),
            (
                Nel::new().report_to("nel").max_age(u64::MAX).render(),
                ErrorKind::OutOfRange,
                "NEL",
                "max_age",
                "18446744073709551615",
            ),
            (
                Nel::new().value("{\n}").render(),
                ErrorKind::InvalidCharacter,
                "NEL",
                "",
                "{\n}",
            ),
        ];
        for (i, (result, kind, header, directive, input)) in cases.into_iter().enumerate() {
            let e = result.unwrap_err();
            assert_eq!(e.kind(), kind, "{i}: {e}");
            assert_eq!(e.header(), Some(header), "{i}: {e}");
            if !directive.is_empty() {
                assert_eq!(e.directive(), Some(directive), "{i}: {e}");
            }
            if !input.is_empty() {
                assert_eq!(e.input(), Some(input), "{i}: {e}");
            }
        }
    }

    #[test]
    fn json_strings_are_escaped_to_printable_ascii() {
        let mut out = String::new();
        json_string(&mut out, "a\"b\\c\r\n\u{7f}é😀");
        assert_eq!(out, r#""a\"b\\c\u000d\u000a\u007f\u00e9\ud83d\ude00""#);
        let mut r = Reader::new(NEL, &out);
        let Json::String(back) = r.value().unwrap() else {
            panic!()
        };
        assert_eq!(back, "a\"b\\c\r\n\u{7f}é😀");
    }

    #[test]
    fn parses() {
        let r: ReportTo = r#" {"group": "nel", "max_age": 86400, "endpoints": [{"url": "https://r.example/nel"}], "include_subdomains": true} "#
            .parse()
            .unwrap();
        assert_eq!(r, ReportTo::new().group(group().include_subdomains(true)));
        let g = r.get("nel").unwrap();
        assert!(g.includes_subdomains());
        let r: ReportTo = r#"{"max_age":1,"endpoints":[{"url":"https:\/\/r.example\/x"}]}"#
            .parse()
            .unwrap();
        assert_eq!(
            r.groups().next().unwrap().endpoints().collect::<Vec<_>>(),
            ["https://r.example/x"]
        );
        let nel: Nel = r#"{"report_to":"nel","max_age":0,"success_fraction":5e-1,"request_headers":[],"response_headers":["ETag"]}"#
            .parse()
            .unwrap();
        assert_eq!(
            nel,
            Nel::new()
                .report_to("nel")
                .max_age(0)
                .success_fraction(0.5)
                .response_headers(["ETag"])
        );

        for (input, kind, directive, byte) in [
            ("", ErrorKind::InvalidValue, None, 0),
            ("{", ErrorKind::InvalidValue, None, 1),
            (
                r#"{"max_age":1,"endpoints":[{"url":"https://r.example"}]} {"#,
                ErrorKind::InvalidValue,
                None,
                56,
            ),
            (
                r#"{"group":"a","max_age":-1,"endpoints":[{"url":"https://r.example"}]}"#,
                ErrorKind::InvalidValue,
                Some("max_age"),
                23,
            ),
            (
                r#"{"group":"a","max_age":1.5,"endpoints":[{"url":"https://r.example"}]}"#,
                ErrorKind::InvalidValue,
                Some("max_age"),
                23,
            ),
            (
                r#"{"group":"a","endpoints":[{"url":"https://r.example"}]}"#,
                ErrorKind::Empty,
                Some("max_age"),
                0,
            ),
            (
                r#"{"group":"a","max_age":1}"#,
                ErrorKind::Empty,
                Some("endpoints"),
                0,
            ),
            (
                r#"{"group":"a","max_age":1,"endpoints":[]}"#,
                ErrorKind::InvalidValue,
                Some("endpoints"),
                37,
            ),
            (
                r#"{"group":"a","max_age":1,"endpoints":[{"url":"ftp://r.example"}]}"#,
                ErrorKind::InvalidValue,
                Some("url"),
                45,
            ),
            (
                r#"{"group":"a b","max_age":1,"endpoints":[{"url":"https://r.example"}]}"#,
                ErrorKind::InvalidToken,
                Some("group"),
                0,
            ),
            (
                r#"{"group":"\u000d","max_age":1,"endpoints":[{"url":"https://r.example"}]}"#,
                ErrorKind::InvalidCharacter,
                Some("group"),
                0,
            ),
            ("[]", ErrorKind::InvalidValue, None, 0),
        ] {
            let e = input.parse::<ReportTo>().unwrap_err();
            assert_eq!(e.kind(), kind, "{input}: {e}");
            assert_eq!(e.header(), Some("Report-To"), "{input}: {e}");
            assert_eq!(e.directive(), directive, "{input}: {e}");
            assert!(
                e.detail().unwrap().ends_with(&format!("at byte {byte}")),
                "{input}: {e}"
            );
        }
        for (input, kind, directive) in [
            (r#"{"max_age":1}"#, ErrorKind::Empty, Some("report_to")),
            (r#"{"report_to":"a"}"#, ErrorKind::Empty, Some("max_age")),
            (
                r#"{"report_to":1,"max_age":1}"#,
                ErrorKind::InvalidValue,
                Some("report_to"),
            ),
            (
                r#"{"report_to":"a","max_age":1,"failure_fraction":1.01}"#,
                ErrorKind::OutOfRange,
                Some("failure_fraction"),
            ),
            (
                r#"{"report_to":"a","max_age":1,"failure_fraction":"1"}"#,
                ErrorKind::InvalidValue,
                Some("failure_fraction"),
            ),
            (
                r#"{"report_to":"a","max_age":1,"include_subdomains":1}"#,
                ErrorKind::InvalidValue,
                Some("include_subdomains"),
            ),
            (
                r#"{"report_to":"a","max_age":1,"request_headers":["a:b"]}"#,
                ErrorKind::InvalidName,
                Some("request_headers"),
            ),
            (
                r#"{"report_to":"a","max_age":1}x"#,
                ErrorKind::InvalidValue,
                None,
            ),
            (
                r#"{"report_to":"a","max_age":01}"#,
                ErrorKind::InvalidValue,
                None,
            ),
            ("[]", ErrorKind::InvalidValue, None),
        ] {
            let e = input.parse::<Nel>().unwrap_err();
            assert_eq!(e.kind(), kind, "{input}: {e}");
            assert_eq!(e.header(), Some("NEL"), "{input}: {e}");
            assert_eq!(e.directive(), directive, "{input}: {e}");
        }
        // Several policies: the first valid one counts, as for browsers.
        let nel: Nel = r#"{"max_age":1}, {"report_to":"b","max_age":2}, {"x":1}"#
            .parse()
            .unwrap();
        assert_eq!((nel.group(), nel.max_age_secs()), (Some("b"), 2));
        let nel: Nel = r#"{"report_to":"a","max_age":1}, {"report_to":"b","max_age":2}"#
            .parse()
            .unwrap();
        assert_eq!(nel.group(), Some("a"));
        let e = r#"{"report_to":"a","max_age":1}, ["#.parse::<Nel>().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidValue);
        let e = r#"{"max_age":1}, {"y":1}"#.parse::<Nel>().unwrap_err();
        assert_eq!(
            e.directive(),
            Some("report_to"),
            "the first policy's error: {e}"
        );
        // The removal policy.
        let removal: Nel = r#"{"max_age":0}"#.parse().unwrap();
        assert_eq!(removal, Nel::new().max_age(0));
        assert_eq!(removal.render().unwrap(), r#"{"max_age":0}"#);
        // Unknown members are kept, and sent back as written.
        let text = r#"{"group":"a","max_age":1,"endpoints":[{"url":"https://r.example","x":[1, {"y":"\u0041"}]}],"z":null}"#;
        let r: ReportTo = text.parse().unwrap();
        assert_eq!(r.render().unwrap(), text);
        let nel: Nel = r#"{"report_to":"a","max_age":1,"other":true,"other":false}"#
            .parse()
            .unwrap();
        assert_eq!(
            nel.unknown_members().collect::<Vec<_>>(),
            ["other", "other"]
        );
        assert_eq!(
            nel.render().unwrap(),
            r#"{"report_to":"a","max_age":1,"other":true,"other":false}"#
        );
        // A member given twice: the last one counts, as for JSON.parse.
        let nel: Nel = r#"{"report_to":"a","max_age":1,"report_to":"b"}"#.parse().unwrap();
        assert_eq!(nel.group(), Some("b"));
        // Deep nesting is refused, not a stack overflow.
        let deep = format!(
            "{{\"report_to\":{}{}}}",
            "[".repeat(10_000),
            "]".repeat(10_000)
        );
        assert!(deep.parse::<Nel>().is_err());
    }

    fn nel() -> impl Strategy<Value = Nel> {
        (
            "[a-zA-Z0-9_.!~-]{1,10}",
            0..=MAX_SAFE,
            any::<bool>(),
            prop::option::of(0.0..=1.0f64),
            prop::option::of(0.0..=1.0f64),
            prop::collection::vec("[A-Za-z0-9-]{1,10}", 0..3),
            prop::collection::vec("[A-Za-z0-9-]{1,10}", 0..3),
        )
            .prop_map(|(g, age, sub, s, f, req, resp)| {
                let mut n = Nel::new()
                    .report_to(&g)
                    .max_age(age)
                    .include_subdomains(sub);
                if let Some(s) = s {
                    n = n.success_fraction(s);
                }
                if let Some(f) = f {
                    n = n.failure_fraction(f);
                }
                n.request_headers(req).response_headers(resp)
            })
    }

    fn report_to() -> impl Strategy<Value = ReportTo> {
        let endpoint = (
            "https://[a-z0-9]{1,8}(\\.[a-z]{1,4}){0,2}(:[1-9][0-9]{0,3})?(/[a-zA-Z0-9?=&._~-]{0,12})?",
            prop::option::of((0..=MAX_SAFE, 0..=MAX_SAFE)),
        );
        let group = (
            "[a-zA-Z0-9_.!~-]{1,10}",
            0..=MAX_SAFE,
            any::<bool>(),
            prop::collection::vec(endpoint, 1..3),
        )
            .prop_map(|(name, age, sub, endpoints)| {
                endpoints.into_iter().fold(
                    ReportToGroup::new(&name, age).include_subdomains(sub),
                    |g, (url, pw)| match pw {
                        Some((p, w)) => g.endpoint_with(&url, p, w),
                        None => g.endpoint(&url),
                    },
                )
            });
        prop::collection::vec(group, 1..4)
            .prop_map(|groups| groups.into_iter().fold(ReportTo::new(), ReportTo::group))
    }

    proptest! {
        #[test]
        fn render_then_parse_gives_the_policy_back(nel in nel(), report_to in report_to()) {
            let rendered = nel.render().unwrap();
            prop_assert!(rendered.bytes().all(|b| (0x20..0x7f).contains(&b)));
            let parsed: Nel = rendered.parse().unwrap();
            prop_assert_eq!(&parsed, &nel);
            prop_assert_eq!(parsed.render().unwrap(), rendered);
            let rendered = report_to.render().unwrap();
            prop_assert!(rendered.bytes().all(|b| (0x20..0x7f).contains(&b)));
            let parsed: ReportTo = rendered.parse().unwrap();
            prop_assert_eq!(&parsed, &report_to);
            prop_assert_eq!(parsed.render().unwrap(), rendered);
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,48}|[ -~\\t]{0,48}|\\{\"[a-z_]{1,12}\":[\"a-z0-9.e:/\\[\\]{},-]{0,20}\\}") {
            if let Ok(p) = s.parse::<Nel>() {
                let again: Nel = p.render().unwrap().parse().unwrap();
                prop_assert_eq!(again, p);
            }
            if let Ok(p) = s.parse::<ReportTo>() {
                let again: ReportTo = p.render().unwrap().parse().unwrap();
                prop_assert_eq!(again, p);
            }
        }
    }
}
