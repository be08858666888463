//! Strict-Transport-Security.

use crate::registry::{Header, HeaderInfo, Make};
use std::str::FromStr;
use std::time::Duration;

use super::set_raw;
use super::single::{at_byte, check_field_text, split_list};
use crate::text::At;
use crate::{Error, ErrorKind, Policy};

const HEADER: &str = "Strict-Transport-Security";

/// One year in seconds: the default `max-age`, and the least that `preload` accepts.
const ONE_YEAR: u64 = 31_536_000;

/// The contradiction of `preload` without `includeSubDomains`, as every front (builder,
/// raw value, parser, configuration file, lint) states it.
pub(crate) const PRELOAD_WITHOUT_SUBDOMAINS: &str = "preload without includeSubDomains: the HSTS preload list only accepts a policy that covers every subdomain";

/// The two ways out of [`PRELOAD_WITHOUT_SUBDOMAINS`], in the words of the front that
/// wrote the policy.
#[derive(Clone, Copy, Debug)]
pub(crate) enum PreloadFront {
    /// The typed builder.
    Builder,
    /// A header value (raw `value(..)`, the parser, lint).
    Value,
    /// A configuration file's `[hsts]` section.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    Config,
}

impl PreloadFront {
    fn ways_out(self) -> &'static str {
        match self {
            Self::Builder => {
                "either include subdomains (including_subdomains(..) or include_subdomains()) or remove preload()"
            }
            Self::Value => "either add includeSubDomains or remove preload",
            Self::Config => "either set include-subdomains = true or preload = false",
        }
    }

    /// The full explanation: the contradiction, then both ways out.
    pub(crate) fn explain(self) -> String {
        format!("{PRELOAD_WITHOUT_SUBDOMAINS}; {}", self.ways_out())
    }

    /// The error every front gives for `preload` without `includeSubDomains`.
    pub(crate) fn error(self, input: impl Into<Box<str>>) -> Error {
        Error::new(ErrorKind::Conflict)
            .with_header(HEADER)
            .with_directive("preload")
            .with_input(input)
            .with_detail(self.explain())
    }
}

/// The `Strict-Transport-Security` (HSTS) header: tells browsers to reach this host over
/// HTTPS only, for `max-age` seconds.
///
/// ```text
/// Strict-Transport-Security = "max-age=" delta-seconds [ "; includeSubDomains" ] [ "; preload" ]
/// ```
///
/// The default is `max-age=31536000` (one year, this host only). Browsers ignore the
/// header on plain HTTP responses.
///
/// The constructors [`including_subdomains`](Self::including_subdomains) and
/// [`excluding_subdomains`](Self::excluding_subdomains) name the choice that matters most
/// and are `const`, so a policy can be a `const` item:
///
/// ```
/// use secure_headers::{Policy, StrictTransportSecurity};
/// use std::time::Duration;
///
/// const HSTS: StrictTransportSecurity =
///     StrictTransportSecurity::including_subdomains(Duration::from_secs(63_072_000));
/// assert_eq!(HSTS.render().unwrap(), "max-age=63072000; includeSubDomains");
///
/// let hsts = StrictTransportSecurity::new()
///     .max_age(Duration::from_secs(31_536_000))
///     .include_subdomains();
/// assert_eq!(hsts.render().unwrap(), "max-age=31536000; includeSubDomains");
/// assert_eq!(StrictTransportSecurity::new().render().unwrap(), "max-age=31536000");
/// ```
///
/// **`includeSubDomains` and `preload` are hard to take back**: once a browser has seen
/// them, every subdomain must serve HTTPS for `max-age` seconds, and leaving the preload
/// list takes months. Roll out with a short `max-age` first.
///
/// Differences from Python's `secure` 2.0.1: a raw [`value`](Self::value) must not be empty, and the
/// `preload` / `max-age` conflict is reported by [`Policy::render`] for the final
/// configuration rather than raised by whichever call came second.
///
/// See [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Strict-Transport-Security)
/// and [RFC 6797](https://www.rfc-editor.org/rfc/rfc6797).
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StrictTransportSecurity {
    /// `max-age` in seconds, if set explicitly.
    max_age: Option<u64>,
    /// `includeSubDomains`: `None` until a constructor or method says, so that
    /// [`preload`](Self::preload) brings it; `Some(false)` from
    /// [`excluding_subdomains`](Self::excluding_subdomains) conflicts with `preload`.
    include_subdomains: Option<bool>,
    preload: bool,
    /// A raw value from [`value`](Self::value), emitted as given.
    raw: Option<Box<str>>,
    error: Option<Error>,
}

impl StrictTransportSecurity {
    /// `secure` 2.0.1's default, `max-age=31536000`.
    pub const fn new() -> Self {
        Self {
            max_age: None,
            include_subdomains: None,
            preload: false,
            raw: None,
            error: None,
        }
    }

    /// `max-age=<seconds>; includeSubDomains`: HTTPS only for this host **and every
    /// subdomain**. Sub-second parts of `max_age` are dropped.
    ///
    /// ```
    /// use secure_headers::{Policy, StrictTransportSecurity};
    /// use std::time::Duration;
    ///
    /// let hsts = StrictTransportSecurity::including_subdomains(Duration::from_secs(63_072_000));
    /// assert_eq!(hsts.render().unwrap(), "max-age=63072000; includeSubDomains");
    /// ```
    pub const fn including_subdomains(max_age: Duration) -> Self {
        Self {
            max_age: Some(max_age.as_secs()),
            include_subdomains: Some(true),
            preload: false,
            raw: None,
            error: None,
        }
    }

    /// `max-age=<seconds>`: HTTPS only for this host, subdomains left alone. Sub-second
    /// parts of `max_age` are dropped.
    ///
    /// The choice is explicit: a later [`preload`](Self::preload), which the preload list
    /// only accepts with `includeSubDomains`, makes [`Policy::render`] fail with
    /// [`ErrorKind::Conflict`] (call [`include_subdomains`](Self::include_subdomains) to
    /// change the choice).
    ///
    /// ```
    /// use secure_headers::{ErrorKind, Policy, StrictTransportSecurity};
    /// use std::time::Duration;
    ///
    /// let hsts = StrictTransportSecurity::excluding_subdomains(Duration::from_secs(86_400));
    /// assert_eq!(hsts.render().unwrap(), "max-age=86400");
    ///
    /// let err = StrictTransportSecurity::excluding_subdomains(Duration::from_secs(63_072_000))
    ///     .preload()
    ///     .render()
    ///     .unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Conflict);
    /// assert_eq!(err.directive(), Some("preload"));
    /// assert!(err.detail().unwrap().contains("or remove preload()"));
    /// ```
    pub const fn excluding_subdomains(max_age: Duration) -> Self {
        Self {
            max_age: Some(max_age.as_secs()),
            include_subdomains: Some(false),
            preload: false,
            raw: None,
            error: None,
        }
    }

    /// Sets `max-age`, in whole seconds (sub-second parts are dropped). Zero tells browsers
    /// to forget the host's HSTS policy.
    ///
    /// With [`preload`](Self::preload), a `max-age` below one year (31536000 seconds) makes
    /// [`Policy::render`] fail with [`ErrorKind::Conflict`].
    pub fn max_age(mut self, max_age: Duration) -> Self {
        self.leave_raw();
        self.max_age = Some(max_age.as_secs());
        self
    }

    /// Adds `includeSubDomains`: the policy covers every subdomain too.
    pub fn include_subdomains(mut self) -> Self {
        self.leave_raw();
        self.include_subdomains = Some(true);
        self
    }

    /// Adds `preload` (and `includeSubDomains`, which the preload list requires, unless
    /// subdomains were excluded with [`excluding_subdomains`](Self::excluding_subdomains):
    /// that contradiction makes [`Policy::render`] fail with [`ErrorKind::Conflict`]).
    ///
    /// The preload list also requires a `max-age` of at least one year: an explicit shorter
    /// [`max_age`](Self::max_age), set before or after, makes [`Policy::render`] fail with
    /// [`ErrorKind::Conflict`]. With no explicit `max-age`, one year is used.
    ///
    /// ```
    /// use secure_headers::{Policy, StrictTransportSecurity};
    ///
    /// let hsts = StrictTransportSecurity::new().preload();
    /// assert_eq!(hsts.render().unwrap(), "max-age=31536000; includeSubDomains; preload");
    /// ```
    pub fn preload(mut self) -> Self {
        self.leave_raw();
        self.preload = true;
        self
    }

    /// Replaces the whole value with `value`, emitted as given (surrounding spaces
    /// trimmed). The flags and `max-age` are reset; a later builder call starts again
    /// from the default.
    ///
    /// `value` must not be empty (`secure` 2.0.1 accepted an empty value) and must not contain
    /// control characters (CR, LF, NUL, ...) or non-ASCII text.
    ///
    /// A value with `preload` but without `includeSubDomains` is the same
    /// [`ErrorKind::Conflict`] as the builder's (the preload list requires both):
    ///
    /// ```
    /// use secure_headers::{ErrorKind, Policy, StrictTransportSecurity};
    ///
    /// let err = StrictTransportSecurity::new()
    ///     .value("max-age=63072000; preload")
    ///     .render()
    ///     .unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Conflict);
    /// assert!(err.detail().unwrap().ends_with("either add includeSubDomains or remove preload"));
    /// ```
    pub fn value(mut self, value: impl AsRef<str>) -> Self {
        self = self.reset();
        set_raw(HEADER, value.as_ref(), &mut self.raw, &mut self.error);
        self
    }

    /// The `max-age` that will be sent: the explicit one, or one year by default. For a
    /// raw [`value`](Self::value), the `max-age` read from it, or `None` if it has none.
    #[must_use]
    pub fn get_max_age(&self) -> Option<Duration> {
        match &self.raw {
            Some(raw) => raw_directives(raw).find_map(|d| {
                let (name, value) = d.split_once('=')?;
                if !name.trim().eq_ignore_ascii_case("max-age") {
                    return None;
                }
                let value = value.trim().trim_matches('"');
                value.parse().ok().map(Duration::from_secs)
            }),
            None => Some(Duration::from_secs(self.max_age.unwrap_or(ONE_YEAR))),
        }
    }

    /// True if `includeSubDomains` will be sent (also read from a raw value).
    #[must_use]
    pub fn includes_subdomains(&self) -> bool {
        match &self.raw {
            Some(raw) => raw_directives(raw).any(|d| d.eq_ignore_ascii_case("includeSubDomains")),
            None => self.include_subdomains.unwrap_or(self.preload),
        }
    }

    /// True if `preload` will be sent (also read from a raw value).
    #[must_use]
    pub fn is_preload(&self) -> bool {
        match &self.raw {
            Some(raw) => raw_directives(raw).any(|d| d.eq_ignore_ascii_case("preload")),
            None => self.preload,
        }
    }

    /// The structured fields back to their defaults, keeping a recorded error.
    fn reset(self) -> Self {
        Self {
            error: self.error,
            ..Self::new()
        }
    }

    fn leave_raw(&mut self) {
        if self.raw.take().is_some() {
            *self = std::mem::take(self).reset();
        }
    }
}

/// The `;`-separated directives of a raw value, trimmed.
fn raw_directives(raw: &str) -> impl Iterator<Item = &str> {
    raw.split(';').map(str::trim)
}

impl FromStr for StrictTransportSecurity {
    type Err = Error;

    /// Parses a received `Strict-Transport-Security` value (RFC 6797 §6.1).
    ///
    /// Directive names are case-insensitive, whitespace around `;` and `=` is ignored,
    /// empty directives are skipped and `max-age` may be a quoted string. Errors name the
    /// header, the directive, the input and its byte position: a missing, repeated or
    /// non-numeric `max-age`, a repeated directive (RFC 6797 makes the header invalid),
    /// a value on `includeSubDomains` or `preload`, an unknown directive, and what the
    /// builder refuses: `preload` without `includeSubDomains` or with a `max-age` under
    /// one year.
    ///
    /// ```
    /// use secure_headers::{ErrorKind, Policy, StrictTransportSecurity};
    /// use std::time::Duration;
    ///
    /// let hsts: StrictTransportSecurity = "Max-Age=\"63072000\" ; includesubdomains".parse()?;
    /// assert_eq!(hsts.render()?, "max-age=63072000; includeSubDomains");
    /// assert_eq!(hsts.get_max_age(), Some(Duration::from_secs(63_072_000)));
    ///
    /// let err = "max-age=31536000; preload".parse::<StrictTransportSecurity>().unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Conflict);
    /// assert_eq!(err.directive(), Some("preload"));
    /// assert!(err.detail().unwrap().ends_with("at byte 18"));
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    fn from_str(input: &str) -> Result<Self, Error> {
        check_field_text(At::header(HEADER), input)?;
        let mut max_age: Option<u64> = None;
        let mut include: Option<usize> = None;
        let mut preload: Option<usize> = None;
        for (pos, directive) in split_list(input, b';') {
            if directive.is_empty() {
                continue;
            }
            let (name, value) = match directive.split_once('=') {
                Some((n, v)) => (
                    n.trim_matches([' ', '\t']),
                    Some(v.trim_matches([' ', '\t'])),
                ),
                None => (directive, None),
            };
            let fail = |kind: ErrorKind, dir: &str, detail: &str| {
                let e = At::directive(HEADER, dir).error(kind, directive);
                Err(at_byte(e.with_detail(detail), pos))
            };
            let flag = if name.eq_ignore_ascii_case("max-age") {
                let Some(value) = value else {
                    return fail(
                        ErrorKind::Empty,
                        "max-age",
                        "max-age needs a number of seconds",
                    );
                };
                let digits = value
                    .strip_prefix('"')
                    .and_then(|v| v.strip_suffix('"'))
                    .unwrap_or(value);
                if max_age.is_some() {
                    let detail = "max-age is given twice; browsers ignore such a header";
                    return fail(ErrorKind::InvalidValue, "max-age", detail);
                }
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    let detail = "max-age is a number of seconds (digits only)";
                    return fail(ErrorKind::InvalidValue, "max-age", detail);
                }
                match digits.parse() {
                    Ok(n) => max_age = Some(n),
                    Err(_) => {
                        let detail = "max-age does not fit in 64 bits";
                        return fail(ErrorKind::OutOfRange, "max-age", detail);
                    }
                }
                continue;
            } else if name.eq_ignore_ascii_case("includeSubDomains") {
                (&mut include, "includeSubDomains")
            } else if name.eq_ignore_ascii_case("preload") {
                (&mut preload, "preload")
            } else {
                let detail = "unknown directive; expected max-age, includeSubDomains or preload";
                return fail(ErrorKind::InvalidName, name, detail);
            };
            let (slot, dir) = flag;
            if value.is_some() {
                return fail(
                    ErrorKind::InvalidValue,
                    dir,
                    "this directive takes no value",
                );
            }
            if slot.is_some() {
                let detail = "the directive is given twice; browsers ignore such a header";
                return fail(ErrorKind::InvalidValue, dir, detail);
            }
            *slot = Some(pos);
        }
        let Some(max_age) = max_age else {
            let e = At::directive(HEADER, "max-age").error(ErrorKind::Empty, input);
            let detail = "max-age is required; browsers ignore a header without it";
            return Err(at_byte(e.with_detail(detail), 0));
        };
        let mut hsts = Self::new().max_age(Duration::from_secs(max_age));
        if include.is_some() {
            hsts = hsts.include_subdomains();
        }
        if let Some(pos) = preload {
            if include.is_none() {
                return Err(at_byte(PreloadFront::Value.error(input), pos));
            }
            hsts = hsts.preload();
            if let Err(e) = hsts.render() {
                return Err(at_byte(e, pos));
            }
        }
        Ok(hsts)
    }
}

impl StrictTransportSecurity {
    /// Alias of [`value`](Self::value), as in `secure` 2.0.1.
    pub fn set(self, value: impl AsRef<str>) -> Self {
        self.value(value)
    }

    /// Back to the default `max-age=31536000`, forgetting any recorded error.
    pub fn clear(self) -> Self {
        Self::new()
    }
}

impl Default for StrictTransportSecurity {
    fn default() -> Self {
        Self::new()
    }
}

impl crate::Policy for StrictTransportSecurity {
    fn name(&self) -> &str {
        Self::INFO.name
    }

    fn render(&self) -> Result<String, crate::Error> {
        let (error, raw) = (self.error.as_ref(), self.raw.as_deref());
        if let (None, Some(raw)) = (error, raw) {
            self.check_raw(raw)?;
        }
        crate::headers::render_with(error, raw, || self.compose())
    }
}

impl StrictTransportSecurity {
    /// What a raw value must not say: `preload` without `includeSubDomains`.
    fn check_raw(&self, raw: &str) -> Result<(), Error> {
        if self.is_preload() && !self.includes_subdomains() {
            return Err(PreloadFront::Value.error(raw));
        }
        Ok(())
    }

    /// The value the builder methods composed, for `render` when no error was
    /// recorded and no raw value set.
    fn compose(&self) -> Result<String, Error> {
        let max_age = self.max_age.unwrap_or(ONE_YEAR);
        if self.preload && max_age < ONE_YEAR {
            return Err(Error::new(ErrorKind::Conflict)
                .with_header(HEADER)
                .with_directive("preload")
                .with_input(format!("max-age={max_age}"))
                .with_detail(
                    "preload requires max-age to be at least 31536000 seconds (1 year); \
                     increase max-age or remove preload()",
                ));
        }
        if self.preload && self.include_subdomains == Some(false) {
            return Err(PreloadFront::Builder.error(format!("max-age={max_age}; preload")));
        }
        let mut out = format!("max-age={max_age}");
        if self.include_subdomains.unwrap_or(self.preload) {
            out.push_str("; includeSubDomains");
        }
        if self.preload {
            out.push_str("; preload");
        }
        Ok(out)
    }
}

impl Header for StrictTransportSecurity {
    const INFO: HeaderInfo = HeaderInfo {
        name: "Strict-Transport-Security",
        lowercase: "strict-transport-security",
        method: "hsts",
        type_name: "StrictTransportSecurity",
        spec: "RFC 6797",
        spec_url: "https://www.rfc-editor.org/rfc/rfc6797",
        config_key: Some("strict-transport-security"),
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
    use crate::headers::single::testing::parse_fails;
    use proptest::prelude::*;

    fn render(p: &StrictTransportSecurity) -> String {
        p.render().unwrap()
    }

    const YEAR: Duration = Duration::from_secs(ONE_YEAR);

    #[test]
    fn default_is_one_year() {
        assert_eq!(render(&StrictTransportSecurity::new()), "max-age=31536000");
        assert_eq!(
            StrictTransportSecurity::default(),
            StrictTransportSecurity::new()
        );
        assert_eq!(StrictTransportSecurity::new().name(), HEADER);
    }

    #[test]
    fn const_constructors() {
        const TWO_YEARS: Duration = Duration::from_secs(63_072_000);
        const INC: StrictTransportSecurity =
            StrictTransportSecurity::including_subdomains(TWO_YEARS);
        const EXC: StrictTransportSecurity =
            StrictTransportSecurity::excluding_subdomains(TWO_YEARS);
        assert_eq!(render(&INC), "max-age=63072000; includeSubDomains");
        assert_eq!(render(&EXC), "max-age=63072000");
        assert_eq!(
            render(&StrictTransportSecurity::excluding_subdomains(
                Duration::from_millis(1500)
            )),
            "max-age=1"
        );
    }

    #[test]
    fn max_age_and_include_subdomains() {
        let p = StrictTransportSecurity::new()
            .max_age(YEAR)
            .include_subdomains();
        assert_eq!(render(&p), "max-age=31536000; includeSubDomains");
        // The contract example of `secure` 2.0.1.
        let p = StrictTransportSecurity::new()
            .max_age(Duration::from_secs(172_800))
            .include_subdomains();
        assert_eq!(render(&p), "max-age=172800; includeSubDomains");
        let p = StrictTransportSecurity::new().max_age(Duration::ZERO);
        assert_eq!(render(&p), "max-age=0");
        // Re-setting overwrites; flags alone use one year.
        let p = StrictTransportSecurity::new()
            .max_age(Duration::from_secs(5))
            .max_age(Duration::from_secs(7));
        assert_eq!(render(&p), "max-age=7");
        let p = StrictTransportSecurity::new().include_subdomains();
        assert_eq!(render(&p), "max-age=31536000; includeSubDomains");
    }

    #[test]
    fn preload_forces_include_subdomains() {
        let p = StrictTransportSecurity::new().preload();
        assert_eq!(render(&p), "max-age=31536000; includeSubDomains; preload");
        let p = StrictTransportSecurity::new()
            .preload()
            .max_age(Duration::from_secs(63_072_000));
        assert_eq!(render(&p), "max-age=63072000; includeSubDomains; preload");
        assert!(p.is_preload() && p.includes_subdomains());
    }

    #[test]
    fn preload_with_short_max_age_conflicts_in_either_order() {
        let short = Duration::from_secs(86_400);
        for p in [
            StrictTransportSecurity::new().max_age(short).preload(),
            StrictTransportSecurity::new().preload().max_age(short),
            StrictTransportSecurity::excluding_subdomains(short).preload(),
        ] {
            let e = p.render().unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Conflict);
            assert_eq!(e.header(), Some(HEADER));
            assert_eq!(e.directive(), Some("preload"));
            assert_eq!(e.input(), Some("max-age=86400"));
            assert!(e.detail().unwrap().contains("at least 31536000"));
        }
        // The final configuration counts.
        let p = StrictTransportSecurity::new()
            .max_age(short)
            .preload()
            .max_age(YEAR);
        assert_eq!(render(&p), "max-age=31536000; includeSubDomains; preload");
    }

    #[test]
    fn value_replaces_and_builders_leave_raw_mode() {
        let p = StrictTransportSecurity::new()
            .preload()
            .value("  max-age=10; includeSubDomains; preload ");
        assert_eq!(render(&p), "max-age=10; includeSubDomains; preload");
        assert_eq!(p.get_max_age(), Some(Duration::from_secs(10)));
        assert!(p.is_preload());
        assert!(p.includes_subdomains());
        // A raw value refused at render is left with it.
        let p = StrictTransportSecurity::new().value("max-age=10; preload");
        assert!(p.is_preload() && !p.includes_subdomains());
        assert_eq!(p.render().unwrap_err().kind(), ErrorKind::Conflict);
        let p = p.include_subdomains();
        assert_eq!(render(&p), "max-age=31536000; includeSubDomains");
        let p = StrictTransportSecurity::new().set("max-age=5");
        assert_eq!(render(&p), "max-age=5");
        let p = StrictTransportSecurity::new().value("nonsense");
        assert_eq!(p.get_max_age(), None);
    }

    #[test]
    fn value_rejects_empty_and_control_characters() {
        for (bad, kind) in [
            ("", ErrorKind::Empty),
            ("   ", ErrorKind::Empty),
            ("max-age=1\r\nSet-Cookie: a", ErrorKind::InvalidCharacter),
            ("max-age=1\n", ErrorKind::InvalidCharacter),
            ("max-age=1\0", ErrorKind::InvalidCharacter),
        ] {
            let e = StrictTransportSecurity::new()
                .value(bad)
                .render()
                .unwrap_err();
            assert_eq!(e.kind(), kind, "{bad:?}");
            assert_eq!(e.header(), Some(HEADER));
            assert_eq!(e.input(), Some(bad));
        }
    }

    #[test]
    fn first_error_wins_and_clear_forgets_it() {
        let p = StrictTransportSecurity::new()
            .value("a\rb")
            .value("")
            .max_age(YEAR);
        assert_eq!(p.render().unwrap_err().kind(), ErrorKind::InvalidCharacter);
        let p = p.clear();
        assert_eq!(render(&p), "max-age=31536000");
        assert_eq!(p, StrictTransportSecurity::new());
    }

    #[test]
    fn getters() {
        let p = StrictTransportSecurity::new();
        assert_eq!(p.get_max_age(), Some(YEAR));
        assert!(!p.includes_subdomains());
        assert!(!p.is_preload());
        let p = StrictTransportSecurity::including_subdomains(Duration::from_secs(60));
        assert_eq!(p.get_max_age(), Some(Duration::from_secs(60)));
        assert!(p.includes_subdomains());
        let p = StrictTransportSecurity::new().value("Max-Age=\"42\"; INCLUDESUBDOMAINS");
        assert_eq!(p.get_max_age(), Some(Duration::from_secs(42)));
        assert!(p.includes_subdomains());
    }

    fn parse(s: &str) -> StrictTransportSecurity {
        s.parse().unwrap_or_else(|e| panic!("{s:?}: {e}"))
    }

    #[test]
    fn parse_real_world_values() {
        for (input, rendered) in [
            ("max-age=31536000", "max-age=31536000"),
            (
                "max-age=63072000; includeSubDomains; preload",
                "max-age=63072000; includeSubDomains; preload",
            ),
            (
                "MAX-AGE = 0 ;INCLUDESUBDOMAINS;",
                "max-age=0; includeSubDomains",
            ),
            (
                " includeSubDomains;\tmax-age=\"300\" ",
                "max-age=300; includeSubDomains",
            ),
            ("max-age=31536000;;", "max-age=31536000"),
        ] {
            assert_eq!(render(&parse(input)), rendered, "{input:?}");
        }
        assert_eq!(
            parse("max-age=300; includeSubDomains"),
            StrictTransportSecurity::including_subdomains(Duration::from_secs(300))
        );
        let p = parse("max-age=31536000; includeSubDomains; preload");
        assert!(p.is_preload() && p.includes_subdomains());
        assert_eq!(p.get_max_age(), Some(YEAR));
    }

    #[test]
    fn parse_errors() {
        for (input, kind, directive, byte) in [
            ("", ErrorKind::Empty, "max-age", 0),
            ("includeSubDomains", ErrorKind::Empty, "max-age", 0),
            ("max-age", ErrorKind::Empty, "max-age", 0),
            (
                "max-age=1; max-age=2",
                ErrorKind::InvalidValue,
                "max-age",
                11,
            ),
            ("max-age=-1", ErrorKind::InvalidValue, "max-age", 0),
            ("max-age=1e3", ErrorKind::InvalidValue, "max-age", 0),
            (
                "max-age=99999999999999999999",
                ErrorKind::OutOfRange,
                "max-age",
                0,
            ),
            ("maxage=1", ErrorKind::InvalidName, "maxage", 0),
            (
                "max-age=1; includeSubDomains=yes",
                ErrorKind::InvalidValue,
                "includeSubDomains",
                11,
            ),
            (
                "max-age=1; preload; preload",
                ErrorKind::InvalidValue,
                "preload",
                20,
            ),
            (
                "max-age=31536000; preload",
                ErrorKind::Conflict,
                "preload",
                18,
            ),
            (
                "max-age=300; includeSubDomains; preload",
                ErrorKind::Conflict,
                "preload",
                32,
            ),
            (
                "max-age=1\r\nSet-Cookie: a",
                ErrorKind::InvalidCharacter,
                "",
                9,
            ),
        ] {
            let e = parse_fails::<StrictTransportSecurity>(input, kind, HEADER, byte);
            if !directive.is_empty() {
                assert_eq!(e.directive(), Some(directive), "{input:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn render_then_parse_gives_the_policy_back(
            secs in prop_oneof![Just(None), (0u64..100_000_000).prop_map(Some)],
            include in any::<bool>(),
            preload in any::<bool>(),
        ) {
            let mut p = StrictTransportSecurity::new();
            if let Some(s) = secs {
                p = p.max_age(Duration::from_secs(if preload { s.max(ONE_YEAR) } else { s }));
            }
            if include {
                p = p.include_subdomains();
            }
            if preload {
                p = p.preload();
            }
            let rendered = p.render().unwrap();
            let parsed: StrictTransportSecurity = rendered.parse().unwrap();
            // `new()` leaves max-age implicit; the rendered text and every getter agree.
            prop_assert_eq!(parsed.render().unwrap(), rendered);
            prop_assert_eq!(parsed.get_max_age(), p.get_max_age());
            prop_assert_eq!(parsed.includes_subdomains(), p.includes_subdomains());
            prop_assert_eq!(parsed.is_preload(), p.is_preload());
            // `preload()` alone brings includeSubDomains without saying it; parsed, it is said.
            if secs.is_some() && (include || !preload) {
                prop_assert_eq!(parsed, p);
            }
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,40}|[ -~\t]{0,40}") {
            if let Ok(p) = s.parse::<StrictTransportSecurity>() {
                let again: StrictTransportSecurity = p.render().unwrap().parse().unwrap();
                prop_assert_eq!(again, p);
            }
        }
    }

    proptest! {
        #[test]
        fn value_renders_what_was_set_or_errs(s in any::<String>()) {
            let p = StrictTransportSecurity::new().value(&s);
            if let Ok(v) = p.render() {
                prop_assert!(http::HeaderValue::from_str(&v).is_ok());
                prop_assert!(!v.contains(['\r', '\n', '\0']));
                prop_assert_eq!(v.as_str(), s.trim_matches(' '));
                prop_assert!(!v.is_empty());
            }
        }

        #[test]
        fn max_age_renders_seconds(secs in any::<u64>(), nanos in 0u32..1_000_000_000) {
            let p = StrictTransportSecurity::new().max_age(Duration::new(secs, nanos));
            prop_assert_eq!(p.render().unwrap(), format!("max-age={secs}"));
        }
    }
}
