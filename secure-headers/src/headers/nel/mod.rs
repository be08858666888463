//! `NEL` (Network Error Logging) and the `Report-To` header it reports through.
//!
//! Both values are JSON. They are written compactly, every string escaped (`"`, `\`,
//! control and non-ASCII characters as `\uXXXX`), so a value can never end the header or
//! start another one; they are read back with `serde_json`, each member's value kept as
//! written, so that errors give the byte position as the other parsers of this crate do.
//! Members they do not know are kept as received (browsers ignore them; the linter names
//! them).

use crate::registry::{Header, HeaderInfo, Make};
use std::fmt::Write as _;

use crate::headers::set_raw;
use crate::headers::single::at_byte;
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

impl Default for ReportTo {
    fn default() -> Self {
        Self::new()
    }
}

impl crate::Policy for ReportTo {
    fn name(&self) -> &str {
        Self::INFO.name
    }

    fn render(&self) -> Result<String, crate::Error> {
        let (error, raw) = (self.error.as_ref(), self.raw.as_deref());
        crate::headers::render_with(error, raw, || self.compose())
    }
}

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

impl Default for Nel {
    fn default() -> Self {
        Self::new()
    }
}

impl crate::Policy for Nel {
    fn name(&self) -> &str {
        Self::INFO.name
    }

    fn render(&self) -> Result<String, crate::Error> {
        let (error, raw) = (self.error.as_ref(), self.raw.as_deref());
        crate::headers::render_with(error, raw, || self.compose())
    }
}

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

mod read;
impl Header for ReportTo {
    const INFO: HeaderInfo = HeaderInfo {
        name: "Report-To",
        lowercase: "report-to",
        method: "report_to",
        type_name: "ReportTo",
        spec: "Reporting API 1 §3.1",
        spec_url: "https://www.w3.org/TR/2018/WD-reporting-1-20180925/#header",
        config_key: Some("report-to"),
        report_only_of: None,
        make: Make::of::<Self>(),
    };

    fn from_value(raw: &str) -> Option<Self> {
        Some(Self::new().value(raw))
    }
}

impl Header for Nel {
    const INFO: HeaderInfo = HeaderInfo {
        name: "NEL",
        lowercase: "nel",
        method: "nel",
        type_name: "Nel",
        spec: "W3C Network Error Logging §3.1",
        spec_url: "https://w3c.github.io/network-error-logging/#nel-response-header",
        config_key: Some("nel"),
        report_only_of: None,
        make: Make::of::<Self>(),
    };

    fn from_value(raw: &str) -> Option<Self> {
        Some(Self::new().value(raw))
    }
}

#[cfg(test)]
mod tests;
