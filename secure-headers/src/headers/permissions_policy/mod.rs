//! Permissions-Policy: which browser features a page and its frames may use.
//!
//! [`PermissionsPolicy`] is the header, [`Feature`] names the features it has a method
//! for, and [`Allowlist`] is the set of origins a feature is allowed for.
//!
//! ```
//! use secure_headers::{PermissionsPolicy, Policy};
//!
//! let pp = PermissionsPolicy::new()
//!     .geolocation([])
//!     .camera(["self"])
//!     .fullscreen(["self", "https://a.example.com"]);
//! assert_eq!(
//!     pp.render().unwrap(),
//!     r#"geolocation=(), camera=(self), fullscreen=(self "https://a.example.com")"#
//! );
//! ```

use crate::headers::report_only::{HasReportOnly, ReportOnly, sealed::Sealed};
use crate::registry::{Header, HeaderInfo, Make};
use std::fmt;

use crate::headers::set_raw;
use crate::headers::structured_field::check_dictionary;
use crate::text::{At, clean_nonempty, clean_text};
use crate::{Error, ErrorKind};

mod allowlist;
mod feature;
mod methods;
mod parse;

pub use self::allowlist::Allowlist;
pub use self::feature::Feature;

const HEADER: &str = "Permissions-Policy";
const REPORT_ONLY_HEADER: &str = "Permissions-Policy-Report-Only";
const DEFAULT: &str = "geolocation=(), microphone=(), camera=()";

/// The `Permissions-Policy` header: for each policy-controlled feature, the origins that
/// may use it.
///
/// ```text
/// Permissions-Policy = feature "=" allowlist [ ";report-to=" group ]
///                      *( ", " feature "=" allowlist [ ";report-to=" group ] )
/// allowlist          = "*" / "(" [ member *( " " member ) ] ")"
/// member             = "self" / "src" / DQUOTE origin DQUOTE
/// ```
///
/// With no feature set, Python's `secure` 2.0.1's default `geolocation=(), microphone=(), camera=()` is
/// sent. Features are emitted in the order they were first set; setting one again
/// replaces its allowlist in place. There is a method per [`Feature`]
/// ([`geolocation`](Self::geolocation), [`camera`](Self::camera), ...) and
/// [`add_directive`](Self::add_directive) for any other.
///
/// ```
/// use secure_headers::{PermissionsPolicy, Policy};
///
/// assert_eq!(
///     PermissionsPolicy::new().render().unwrap(),
///     "geolocation=(), microphone=(), camera=()"
/// );
/// let pp = PermissionsPolicy::new()
///     .geolocation(["self", "https://a.example.com"])
///     .autoplay(["*"])
///     .geolocation(["self"]);
/// assert_eq!(pp.render().unwrap(), "geolocation=(self), autoplay=*");
/// ```
///
/// Differences from `secure` 2.0.1:
/// - an origin written in single quotes (`'https://a.com'`) is sent double-quoted, as the
///   header requires (`secure` 2.0.1 sent it single-quoted, and browsers ignored it);
/// - origins are checked (a scheme, a host and an optional port; no path, query, spaces
///   or quotes), and a token that is neither a keyword nor an origin (`example.com`) is
///   an error, since browsers would ignore it;
/// - a token given twice in one allowlist is sent once;
/// - [`value`](Self::value) replaces everything: the features set before it do not come
///   back after a later feature call.
///
/// See [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Permissions-Policy)
/// and the [Permissions Policy spec](https://w3c.github.io/webappsec-permissions-policy/).
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PermissionsPolicy {
    /// Features in first-insertion order. Their allowlists hold no error.
    directives: Vec<Directive>,
    /// A raw value from [`value`](Self::value), emitted as given.
    raw: Option<Box<str>>,
    error: Option<Error>,
}

impl PermissionsPolicy {
    /// No feature set: `secure` 2.0.1's default, `geolocation=(), microphone=(), camera=()`, is
    /// sent.
    pub const fn new() -> Self {
        Self {
            directives: Vec::new(),
            raw: None,
            error: None,
        }
    }

    /// Sets the allowlist of the feature `name`, for features without a method of their
    /// own. `name` may be a [`Feature`] or a string; a string must be a Structured Field
    /// key (RFC 9651 §3.1.2): a lowercase letter or `*`, then lowercase letters, digits,
    /// `_`, `-`, `.` or `*`. Anything else (`Camera`, `camera!`) is an
    /// [`ErrorKind::InvalidName`] error: a browser's structured-field parser refuses the
    /// whole header for it, which would leave every feature unrestricted.
    ///
    /// The allowlist is anything that converts [`Into`] an [`Allowlist`]: an array, slice
    /// or `Vec` of tokens, a single `&str`, or an [`Allowlist`]:
    ///
    /// | Tokens | Sent |
    /// |---|---|
    /// | `[]`, `["none"]`, `["'none'"]`, `["()"]` | `()` (nobody) |
    /// | `["*"]` | `*` (every origin) |
    /// | `["self"]`, `["'self'"]` | `(self)` |
    /// | `["src"]` | `(src)`: the origin of an iframe's `src` in the iframe's `allow` attribute; browsers ignore it in this header, so alone it allows no origin (lint's `permissions-src-in-header`) |
    /// | `["self", "https://a.example.com"]` | `(self "https://a.example.com")` |
    ///
    /// `none` and `*` must be alone ([`ErrorKind::Conflict`]). A `Vec` needs its type
    /// spelled out when empty (`Vec::<&str>::new()`); an empty array literal `[]` needs
    /// nothing.
    ///
    /// ```
    /// use secure_headers::permissions_policy::Feature;
    /// use secure_headers::{PermissionsPolicy, Policy};
    ///
    /// let pp = PermissionsPolicy::new()
    ///     .add_directive("new-feature", ["self"])
    ///     .add_directive(Feature::Usb, []);
    /// assert_eq!(pp.render().unwrap(), "new-feature=(self), usb=()");
    ///
    /// let err = PermissionsPolicy::new().add_directive("Camera", []).render().unwrap_err();
    /// assert_eq!(err.kind(), secure_headers::ErrorKind::InvalidName);
    /// assert_eq!(err.input(), Some("Camera"));
    /// ```
    pub fn add_directive(mut self, name: impl AsRef<str>, allowlist: impl Into<Allowlist>) -> Self {
        let input = name.as_ref();
        let at = At::header(HEADER);
        let name = match clean_nonempty(at, input).and_then(|n| check_key(n, input).map(|()| n)) {
            Ok(n) => n,
            Err(e) => return self.fail(e),
        };
        let mut allowlist = allowlist.into();
        if let Some(e) = allowlist.error.take() {
            return self.fail(e.with_directive(name));
        }
        self.raw = None;
        match self.directives.iter_mut().find(|d| &*d.name == name) {
            Some(d) => d.allowlist = allowlist,
            None => self.directives.push(Directive {
                name: name.into(),
                allowlist,
                report_to: None,
            }),
        }
        self
    }

    /// Names the reporting group that receives the violation reports of the feature
    /// `feature` (set before, by its method or [`add_directive`](Self::add_directive)):
    /// renders `feature=allowlist;report-to=group`, the `report-to` parameter of the
    /// [Permissions Policy spec, §5.2 "Structured header serialization"](https://w3c.github.io/webappsec-permissions-policy/#structured-header-serialization)
    /// and [§8 "Reporting"](https://w3c.github.io/webappsec-permissions-policy/#reporting).
    /// Without it, Chromium sends the feature's reports to the endpoint named `default`.
    ///
    /// The group is written as a token (`report-to=pp`), the form Chromium reads: the
    /// spec's prose asks for a string (`report-to="pp"`), but Chromium 156 ignores that
    /// form and reports to `default` instead (both are checked in this crate's browser
    /// tests). [`FromStr`](std::str::FromStr) reads both. Firefox and Safari send no
    /// Permissions-Policy reports.
    ///
    /// The group is an endpoint declared in `Reporting-Endpoints`: a Structured Field
    /// token (a letter or `*`, then letters, digits and ``!#$%&'*+-.^_`|~:/``); anything
    /// else is an [`ErrorKind::InvalidToken`] error. A feature not set yet is an
    /// [`ErrorKind::InvalidValue`] error naming it. Setting the feature again keeps its
    /// group. `secure` 2.0.1 has no reporting support.
    ///
    /// ```
    /// use secure_headers::{ErrorKind, PermissionsPolicy, Policy};
    ///
    /// let pp = PermissionsPolicy::new()
    ///     .geolocation([])
    ///     .camera(["self"])
    ///     .report_to("geolocation", "pp");
    /// assert_eq!(pp.render().unwrap(), "geolocation=();report-to=pp, camera=(self)");
    /// assert_eq!(pp.reporting_group("geolocation"), Some("pp"));
    ///
    /// let err = PermissionsPolicy::new().camera([]).report_to("usb", "pp").render().unwrap_err();
    /// assert_eq!((err.kind(), err.directive(), err.input()), (ErrorKind::InvalidValue, Some("usb"), Some("pp")));
    /// ```
    pub fn report_to(mut self, feature: impl AsRef<str>, group: &str) -> Self {
        let feature = feature.as_ref();
        let group = match check_group(At::directive(HEADER, feature), group) {
            Ok(g) => g,
            Err(e) => return self.fail(e),
        };
        match self.directives.iter_mut().find(|d| &*d.name == feature) {
            Some(d) => d.report_to = Some(group.into()),
            None => {
                let detail = "report-to is set on a feature whose allowlist is set first";
                let e = At::directive(HEADER, feature).error(ErrorKind::InvalidValue, group);
                return self.fail(e.with_detail(detail));
            }
        }
        self
    }

    /// [`report_to`](Self::report_to) for every feature set so far; on a policy with no
    /// feature set, for the three features of the default
    /// (`geolocation=(), microphone=(), camera=()`), which it then sends explicitly.
    ///
    /// ```
    /// use secure_headers::{PermissionsPolicy, Policy};
    ///
    /// let ro = PermissionsPolicy::new().report_to_all("pp").report_only();
    /// assert_eq!(
    ///     ro.render().unwrap(),
    ///     "geolocation=();report-to=pp, microphone=();report-to=pp, camera=();report-to=pp"
    /// );
    /// ```
    pub fn report_to_all(mut self, group: &str) -> Self {
        if self.directives.is_empty() && self.raw.is_none() {
            self = self.geolocation([]).microphone([]).camera([]);
        }
        let names: Vec<Box<str>> = self.directives.iter().map(|d| d.name.clone()).collect();
        for name in names {
            self = self.report_to(&*name, group);
        }
        self
    }

    /// Alias of [`add_directive`](Self::add_directive), as in `secure` 2.0.1.
    pub fn directive(self, name: impl AsRef<str>, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(name, allowlist)
    }

    /// Replaces the whole value with `value`, emitted as given (surrounding spaces
    /// trimmed). Features set before are dropped, and a later feature call starts again
    /// from an empty list (`secure` 2.0.1 brought the old features back).
    ///
    /// `value` must not be empty and must not contain control characters (CR, LF, NUL,
    /// ...) or non-ASCII text, and every feature name in it must be one browsers accept
    /// (see [`add_directive`](Self::add_directive)): `Camera=()` is an
    /// [`ErrorKind::InvalidName`] error here too. The whole value must be a Structured
    /// Field dictionary (RFC 9651), since browsers ignore a header that is not one:
    /// `camera=("https://a.example)` is an error naming the feature and the member. The
    /// rest is sent unchecked.
    ///
    /// ```
    /// use secure_headers::{ErrorKind, PermissionsPolicy, Policy};
    ///
    /// let pp = PermissionsPolicy::new().value(r#"camera=();report-to=main, fullscreen=(self "https://a.example")"#);
    /// assert_eq!(pp.render().unwrap(), r#"camera=();report-to=main, fullscreen=(self "https://a.example")"#);
    /// let err = PermissionsPolicy::new().value("camera=(), Camera=()").render().unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidName);
    /// assert_eq!(err.input(), Some("Camera"));
    /// ```
    pub fn value(mut self, value: impl AsRef<str>) -> Self {
        self.directives.clear();
        set_raw(HEADER, value.as_ref(), &mut self.raw, &mut self.error);
        let bad_key = self.raw.as_deref().and_then(|raw| {
            let key = dictionary_keys(raw).find_map(|k| check_key(k, k).err());
            key.or_else(|| check_dictionary(HEADER, raw).err())
        });
        if let Some(e) = bad_key {
            self.raw = None;
            return self.fail(e);
        }
        self
    }

    /// The features set, with their allowlists, in the order they are sent. Empty when
    /// the default or a raw [`value`](Self::value) is sent.
    pub fn features(&self) -> impl Iterator<Item = (&str, &Allowlist)> {
        self.directives.iter().map(|d| (&*d.name, &d.allowlist))
    }

    /// The reporting group set for the feature `name` with
    /// [`report_to`](Self::report_to), if any.
    #[must_use]
    pub fn reporting_group(&self, name: impl AsRef<str>) -> Option<&str> {
        let name = name.as_ref();
        let d = self.directives.iter().find(|d| &*d.name == name)?;
        d.report_to.as_deref()
    }

    /// Every feature with a reporting group, and the group, in the order sent.
    ///
    /// ```
    /// use secure_headers::PermissionsPolicy;
    ///
    /// let pp: PermissionsPolicy = r#"camera=();report-to=a, usb=(), midi=();report-to="b""#.parse()?;
    /// assert_eq!(pp.reporting_groups().collect::<Vec<_>>(), [("camera", "a"), ("midi", "b")]);
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    pub fn reporting_groups(&self) -> impl Iterator<Item = (&str, &str)> {
        self.directives
            .iter()
            .filter_map(|d| Some((&*d.name, d.report_to.as_deref()?)))
    }

    /// The same policy, sent as [`PermissionsPolicyReportOnly`]: reported on, not
    /// enforced (the roll-out mode).
    ///
    /// ```
    /// use secure_headers::{PermissionsPolicy, Policy};
    ///
    /// let ro = PermissionsPolicy::new().camera([]).report_to("camera", "pp").report_only();
    /// assert_eq!(ro.name(), "Permissions-Policy-Report-Only");
    /// assert_eq!(ro.render().unwrap(), "camera=();report-to=pp");
    /// ```
    pub fn report_only(self) -> PermissionsPolicyReportOnly {
        ReportOnly::of(self)
    }

    /// The allowlist set for the feature `name`, if any.
    #[must_use]
    pub fn get(&self, name: impl AsRef<str>) -> Option<&Allowlist> {
        let name = name.as_ref();
        self.features().find(|(n, _)| *n == name).map(|(_, a)| a)
    }

    /// The raw value set with [`value`](Self::value), if that is what will be sent.
    #[must_use]
    pub fn raw_value(&self) -> Option<&str> {
        self.raw.as_deref()
    }

    fn fail(mut self, error: Error) -> Self {
        self.error.get_or_insert(error);
        self
    }
}

impl PermissionsPolicy {
    /// Alias of [`value`](Self::value), as in `secure` 2.0.1.
    pub fn set(self, value: impl AsRef<str>) -> Self {
        self.value(value)
    }

    /// Back to the default `geolocation=(), microphone=(), camera=()`, forgetting any recorded error.
    pub fn clear(self) -> Self {
        Self::new()
    }
}

impl Default for PermissionsPolicy {
    fn default() -> Self {
        Self::new()
    }
}

impl crate::Policy for PermissionsPolicy {
    fn name(&self) -> &str {
        Self::INFO.name
    }

    fn render(&self) -> Result<String, crate::Error> {
        let (error, raw) = (self.error.as_ref(), self.raw.as_deref());
        crate::headers::render_with(error, raw, || self.compose())
    }
}

impl PermissionsPolicy {
    /// The value the builder methods composed, for `render` when no error was
    /// recorded and no raw value set.
    fn compose(&self) -> Result<String, Error> {
        if self.directives.is_empty() {
            return Ok(DEFAULT.to_owned());
        }
        let parts: Vec<String> = self
            .directives
            .iter()
            .map(|d| match &d.report_to {
                Some(group) => format!("{}={};report-to={group}", d.name, d.allowlist),
                None => format!("{}={}", d.name, d.allowlist),
            })
            .collect();
        Ok(parts.join(", "))
    }
}

/// One feature of a policy: its allowlist and its reporting group.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Directive {
    name: Box<str>,
    allowlist: Allowlist,
    report_to: Option<Box<str>>,
}

/// A reporting group as the `report-to` parameter takes it: a Structured Field token
/// (RFC 9651 §3.3.4), which every `Reporting-Endpoints` key is.
fn check_group<'g>(at: At<'_>, group: &'g str) -> Result<&'g str, Error> {
    let g = clean_nonempty(at, group)?;
    let mut bytes = g.bytes();
    let ok = bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'*')
        && bytes.all(|b| crate::text::is_tchar(b) || b == b':' || b == b'/');
    if !ok {
        let detail = "a reporting group is a token: a letter or '*', then letters, digits and !#$%&'*+-.^_`|~:/";
        return Err(at.error(ErrorKind::InvalidToken, group).with_detail(detail));
    }
    Ok(g)
}

/// The `Permissions-Policy-Report-Only` header: a [`PermissionsPolicy`] that is not
/// enforced; the browser reports (as `permissions-policy-violation` with `disposition`
/// `report`) what it would have blocked, to each feature's
/// [`report_to`](PermissionsPolicy::report_to) group, else to the endpoint named
/// `default`. Build it from the enforced policy with [`PermissionsPolicy::report_only`].
///
/// [Permissions Policy spec, §8.1 "`Permissions-Policy-Report-Only` HTTP Header Field"](https://w3c.github.io/webappsec-permissions-policy/#permissions-policy-report-only-http-header-field).
/// Chromium sends these reports (checked with Chromium 156 in this crate's browser
/// tests); Firefox and Safari ignore the header. `secure` 2.0.1 has no such header.
///
/// ```
/// use secure_headers::{PermissionsPolicy, PermissionsPolicyReportOnly, Policy};
///
/// let ro = PermissionsPolicy::new()
///     .camera([])
///     .geolocation(["self"])
///     .report_to_all("pp")
///     .report_only();
/// assert_eq!(ro.name(), "Permissions-Policy-Report-Only");
/// assert_eq!(ro.render()?, "camera=();report-to=pp, geolocation=(self);report-to=pp");
///
/// let parsed: PermissionsPolicyReportOnly = "camera=();report-to=pp".parse()?;
/// assert_eq!(parsed.policy().reporting_group("camera"), Some("pp"));
/// assert_eq!(parsed.enforce().name(), "Permissions-Policy");
/// # Ok::<(), secure_headers::Error>(())
/// ```
///
/// A new one has no feature set and renders the default
/// `geolocation=(), microphone=(), camera=()`; [`value`](ReportOnly::value) sets the
/// whole value, sent as given (see [`PermissionsPolicy::value`]), and
/// [`map`](ReportOnly::map) changes the policy with the [`PermissionsPolicy`] methods:
///
/// ```
/// use secure_headers::{PermissionsPolicyReportOnly, Policy};
///
/// let ro = PermissionsPolicyReportOnly::new().value("usb=();report-to=pp");
/// assert_eq!(ro.render()?, "usb=();report-to=pp");
/// let ro = PermissionsPolicyReportOnly::new().map(|p| p.usb([]).report_to("usb", "pp"));
/// assert_eq!(ro.render()?, "usb=();report-to=pp");
/// # Ok::<(), secure_headers::Error>(())
/// ```
///
/// Parsing a received value works as [`PermissionsPolicy`]'s does; errors name the
/// report-only header:
///
/// ```
/// use secure_headers::{PermissionsPolicy, PermissionsPolicyReportOnly};
///
/// let ro: PermissionsPolicyReportOnly = "usb=();report-to=pp".parse()?;
/// assert_eq!(ro, PermissionsPolicy::new().usb([]).report_to("usb", "pp").report_only());
/// let err = "usb=(".parse::<PermissionsPolicyReportOnly>().unwrap_err();
/// assert_eq!(err.header(), Some("Permissions-Policy-Report-Only"));
/// # Ok::<(), secure_headers::Error>(())
/// ```
pub type PermissionsPolicyReportOnly = ReportOnly<PermissionsPolicy>;

impl Sealed for PermissionsPolicy {
    fn with_value(self, raw: &str) -> Self {
        self.value(raw)
    }

    fn parse_as(header: &'static str, input: &str) -> Result<Self, Error> {
        parse::parse_policy(input).map_err(|e| e.with_header(header))
    }
}

/// Normalises allowlist tokens as `secure` 2.0.1 does, with its origin bugs fixed. `count` is
/// the number of tokens given, empty ones included (as in `secure` 2.0.1, `none` must be the
/// only one).
/// The member names of a dictionary value as written: the text of each member (as
/// [`members`](crate::headers::structured_field::members) cuts them) before `=`, `;`,
/// `(`, `"` or whitespace.
fn dictionary_keys(value: &str) -> impl Iterator<Item = &str> {
    crate::headers::structured_field::members(value)
        .into_iter()
        .map(|(_, member)| {
            let member = member.trim_start_matches([' ', '\t']);
            let end = member
                .find(['=', ';', ',', ' ', '\t', '(', '"'])
                .unwrap_or(member.len());
            &member[..end]
        })
}

/// True for a Structured Field key (RFC 9651 §3.1.2):
/// `( lcalpha / "*" ) *( lcalpha / DIGIT / "_" / "-" / "." / "*" )`.
pub(crate) fn is_key(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b == b'*')
        && bytes.all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'-' | b'.' | b'*')
        })
}

/// Checks that `name` is a feature name browsers accept (a Structured Field key); the
/// error is about `input`, the name as given.
pub(crate) fn check_key(name: &str, input: &str) -> Result<(), Error> {
    if is_key(name) {
        return Ok(());
    }
    let mut detail = String::from(if name.bytes().any(|b| b.is_ascii_uppercase()) {
        "a feature name is lowercase"
    } else {
        "a feature name is a lowercase letter or '*', then lowercase letters, digits, '_', '-', '.' or '*'"
    });
    detail.push_str(
        " (a Structured Field key); browsers refuse the whole header otherwise, leaving every feature unrestricted",
    );
    let lower = name.to_ascii_lowercase();
    if lower != name
        && let Ok(feature) = lower.parse::<Feature>()
    {
        detail.push_str(&format!("; the feature is named {feature}"));
    }
    Err(At::header(HEADER)
        .error(ErrorKind::InvalidName, input)
        .with_detail(detail))
}

impl Header for PermissionsPolicy {
    const INFO: HeaderInfo = HeaderInfo {
        name: "Permissions-Policy",
        lowercase: "permissions-policy",
        method: "permissions",
        type_name: "PermissionsPolicy",
        spec: "W3C",
        spec_url: "https://w3c.github.io/webappsec-permissions-policy/",
        config_key: Some("permissions-policy"),
        report_only_of: None,
        make: Make::of::<Self>(),
    };

    fn from_value(raw: &str) -> Option<Self> {
        Some(Self::new().value(raw))
    }
}

impl From<PermissionsPolicy> for PermissionsPolicyReportOnly {
    fn from(policy: PermissionsPolicy) -> Self {
        policy.report_only()
    }
}

impl From<PermissionsPolicyReportOnly> for PermissionsPolicy {
    fn from(policy: PermissionsPolicyReportOnly) -> Self {
        policy.enforce()
    }
}

impl HasReportOnly for PermissionsPolicy {
    const REPORT_ONLY: HeaderInfo = HeaderInfo {
        name: REPORT_ONLY_HEADER,
        lowercase: "permissions-policy-report-only",
        method: "permissions_report_only",
        type_name: "PermissionsPolicyReportOnly",
        spec: "W3C",
        spec_url: "https://w3c.github.io/webappsec-permissions-policy/#permissions-policy-report-only-http-header-field",
        config_key: Some("permissions-policy-report-only"),
        report_only_of: Some(PermissionsPolicy::INFO.name),
        make: Make::of::<PermissionsPolicyReportOnly>(),
    };
}

#[cfg(test)]
mod tests;
