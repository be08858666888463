//! `NEL` (Network Error Logging) and the `Report-To` header it reports through.
//!
//! Both values are JSON. They are written compactly, every string escaped (`"`, `\`,
//! control and non-ASCII characters as `\uXXXX`), so a value can never end the header or
//! start another one; they are read back with `serde_json`, each member's value kept as
//! written, so that errors give the byte position as the other parsers of this crate do.
//! Members they do not know are kept as received (browsers ignore them; the linter names
//! them).

use std::fmt::Write as _;
use std::str::FromStr;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

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

/// The members of a received JSON object in order, each value as written (a slice of
/// the header value, so its position is known). A member given twice counts once, the
/// last, as JSON readers keep.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Members<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Object<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for Object<'a> {
            type Value = Members<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Members<'a>, M::Error> {
                let mut members: Vec<(String, &'a RawValue)> = Vec::new();
                while let Some((name, value)) = map.next_entry::<String, &'de RawValue>()? {
                    members.retain(|(n, _)| *n != name);
                    members.push((name, value));
                }
                Ok(Members(members))
            }
        }
        d.deserialize_map(Object(std::marker::PhantomData))
    }
}

/// A received header value, read with `serde_json` as the JSON array it is without its
/// brackets (the Reporting API and NEL read it so): its items, each as written.
struct Received {
    header: &'static str,
    /// The value between `[` and `]`.
    wrapped: String,
}

impl Received {
    fn new(header: &'static str, value: &str) -> Self {
        Self {
            header,
            wrapped: format!("[{value}]"),
        }
    }

    /// The byte position in the received value of `raw`, a slice of it.
    fn at(&self, raw: &RawValue) -> usize {
        (raw.get().as_ptr() as usize)
            .saturating_sub(self.wrapped.as_ptr() as usize)
            .saturating_sub(1)
    }

    /// The items, or the error `serde_json` found, at its position.
    fn items(&self) -> Result<Vec<&RawValue>, Error> {
        let items: Vec<&RawValue> = serde_json::from_str(&self.wrapped).map_err(|e| {
            // One line: the column (1-based) less the `[` is the byte position.
            let value = &self.wrapped[1..self.wrapped.len() - 1];
            let at = e.column().saturating_sub(2).min(value.len());
            let text = value.get(at..at + 1).unwrap_or_default();
            let e2 = At::header(self.header).error(ErrorKind::InvalidValue, text);
            at_byte(
                e2.with_detail(format!("invalid JSON: {}", json_message(&e))),
                at,
            )
        })?;
        if items.is_empty() {
            let e = At::header(self.header).error(ErrorKind::InvalidValue, "");
            return Err(at_byte(e.with_detail("expected a JSON object"), 0));
        }
        Ok(items)
    }

    /// The members of the object `raw`.
    fn object<'a>(&self, raw: &'a RawValue) -> Result<Fields<'_, 'a>, Error> {
        match serde_json::from_str::<Members<'a>>(raw.get()) {
            Ok(Members(members)) => Ok(Fields {
                received: self,
                members,
            }),
            Err(_) => {
                let e = At::header(self.header).error(ErrorKind::InvalidValue, "");
                Err(at_byte(
                    e.with_detail("expected a JSON object"),
                    self.at(raw),
                ))
            }
        }
    }
}

/// `serde_json`'s message without its position (the error gives the byte instead).
fn json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.find(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// What a received object's members are turned into, with errors naming the member.
struct Fields<'r, 'a> {
    received: &'r Received,
    members: Vec<(String, &'a RawValue)>,
}

impl<'a> Fields<'_, 'a> {
    /// The member `name`, removed, with its position.
    fn take(&mut self, name: &str) -> Option<(usize, &'a RawValue)> {
        let i = self.members.iter().position(|(n, _)| n == name)?;
        let (_, raw) = self.members.remove(i);
        Some((self.received.at(raw), raw))
    }

    fn wrong(&self, name: &str, at: usize, raw: &RawValue, expected: &str) -> Error {
        let text = raw.get();
        let input = match text.as_bytes().first() {
            Some(b'"') => serde_json::from_str::<String>(text).unwrap_or_else(|_| text.to_owned()),
            Some(b'[') => "[...]".to_owned(),
            Some(b'{') => "{...}".to_owned(),
            _ => text.to_owned(),
        };
        let e = At::directive(self.received.header, name).error(ErrorKind::InvalidValue, &input);
        at_byte(e.with_detail(format!("expected {expected}")), at)
    }

    /// The member `name` read as `T`, or the error that it should be `expected`.
    fn read<T: serde::de::DeserializeOwned>(
        &mut self,
        name: &str,
        expected: &str,
    ) -> Result<Option<(usize, T)>, Error> {
        let Some((at, raw)) = self.take(name) else {
            return Ok(None);
        };
        match serde_json::from_str::<T>(raw.get()) {
            Ok(v) => Ok(Some((at, v))),
            Err(_) => Err(self.wrong(name, at, raw, expected)),
        }
    }

    fn string(&mut self, name: &str) -> Result<Option<(usize, String)>, Error> {
        self.read(name, "a string")
    }

    fn bool(&mut self, name: &str) -> Result<bool, Error> {
        Ok(self
            .read::<bool>(name, "true or false")?
            .is_some_and(|(_, b)| b))
    }

    fn uint(&mut self, name: &str) -> Result<Option<u64>, Error> {
        const EXPECTED: &str = "a non-negative integer";
        match self.take(name) {
            None => Ok(None),
            Some((at, raw)) => match serde_json::from_str::<u64>(raw.get()) {
                Ok(v) if v <= MAX_SAFE => Ok(Some(v)),
                _ => Err(self.wrong(name, at, raw, EXPECTED)),
            },
        }
    }

    fn number(&mut self, name: &str) -> Result<Option<(usize, f64)>, Error> {
        match self.take(name) {
            None => Ok(None),
            Some((at, raw)) => match serde_json::from_str::<f64>(raw.get()) {
                Ok(v) if v.is_finite() => Ok(Some((at, v))),
                _ => Err(self.wrong(name, at, raw, "a number")),
            },
        }
    }

    fn strings(&mut self, name: &str) -> Result<Vec<String>, Error> {
        Ok(self
            .read::<Vec<String>>(name, "an array of strings")?
            .map(|(_, v)| v)
            .unwrap_or_default())
    }

    /// The members not taken: those this crate does not know, which browsers ignore,
    /// kept as written.
    fn done(self) -> Extra {
        self.members
            .into_iter()
            .map(|(k, raw)| (k.into(), raw.get().into()))
            .collect()
    }
}

impl FromStr for ReportTo {
    type Err = Error;

    /// Parses a received `Report-To` value: one or more JSON objects separated by
    /// commas (a JSON array without its brackets, read with `serde_json`). A group without
    /// `group` is named `default`, as the spec says. Members this crate does not know,
    /// which browsers ignore, are kept and sent back as written
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
        let received = Received::new(REPORT_TO, s);
        let mut out = ReportTo::new();
        for item in received.items()? {
            let at = received.at(item);
            out = out.group(report_to_group(&received, received.object(item)?, at)?);
        }
        Ok(out)
    }
}

/// One received `Report-To` group object, which starts at byte `at`.
fn report_to_group(
    received: &Received,
    mut f: Fields<'_, '_>,
    at: usize,
) -> Result<ReportToGroup, Error> {
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
    const ENDPOINTS: &str = "a non-empty array of endpoints";
    let Some((eat, raw)) = f.take("endpoints") else {
        let e = At::directive(REPORT_TO, "endpoints").error(ErrorKind::Empty, "");
        return Err(at_byte(e.with_detail("endpoints is required"), at));
    };
    let endpoints = match serde_json::from_str::<Vec<&RawValue>>(raw.get()) {
        Ok(endpoints) if !endpoints.is_empty() => endpoints,
        _ => return Err(f.wrong("endpoints", eat, raw, ENDPOINTS)),
    };
    for endpoint in endpoints {
        let mut ef = received.object(endpoint)?;
        let url = ef.string("url")?;
        let priority = ef.uint("priority")?;
        let weight = ef.uint("weight")?;
        let extra = ef.done();
        let Some((uat, url)) = url else {
            let e = At::directive(REPORT_TO, "url").error(ErrorKind::Empty, "");
            let detail = e.with_detail("an endpoint needs a url");
            return Err(at_byte(detail, received.at(endpoint)));
        };
        group = group.push(&url, priority, weight);
        if let Some(e) = group.error.take() {
            return Err(at_byte(e, uat));
        }
        if let Some(endpoint) = group.endpoints.last_mut() {
            endpoint.extra = extra;
        }
    }
    group.extra = f.done();
    Ok(group)
}

impl FromStr for Nel {
    type Err = Error;

    /// Parses a received `NEL` value: JSON objects separated by commas (read with
    /// `serde_json`), of which, as browsers do, the first valid one is the policy (the
    /// others are ignored; with none valid, the first one's error is returned). Members
    /// this crate does not know, which browsers ignore, are kept and sent back as written
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
        let received = Received::new(NEL, s);
        let mut first_error = None;
        for item in received.items()? {
            match nel_policy(received.object(item), received.at(item)) {
                Ok(nel) => return Ok(nel),
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        Err(first_error.expect("items() has at least one item"))
    }
}

/// One received `NEL` policy object, which starts at byte `at`.
fn nel_policy(fields: Result<Fields<'_, '_>, Error>, at: usize) -> Result<Nel, Error> {
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
        let back: String = serde_json::from_str(&out).unwrap();
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
        // An unknown member given twice is kept once, the last, as a browser reads it.
        assert_eq!(nel.unknown_members().collect::<Vec<_>>(), ["other"]);
        assert_eq!(
            nel.render().unwrap(),
            r#"{"report_to":"a","max_age":1,"other":false}"#
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
