//! Content-Security-Policy: which scripts, styles, frames, ... a page may load.
//!
//! [`ContentSecurityPolicy`] builds the `Content-Security-Policy` header from typed
//! [`Source`]s (or strings parsed into them), one method per directive;
//! [`ContentSecurityPolicyReportOnly`] sends the same policy in report-only mode.
//!
//! ```
//! use secure_headers::csp::{ContentSecurityPolicy, Source};
//! use secure_headers::Policy;
//!
//! let csp = ContentSecurityPolicy::new()
//!     .default_src([Source::SELF])
//!     .script_src(["'self'", "https://cdn.example.com"])
//!     .object_src([Source::NONE])
//!     .upgrade_insecure_requests();
//! assert_eq!(
//!     csp.render().unwrap(),
//!     "default-src 'self'; script-src 'self' https://cdn.example.com; object-src 'none'; upgrade-insecure-requests"
//! );
//! ```

mod check;
mod directive;
mod named;
mod parse;
mod report_only;
mod source;
mod source_lists;
impl Header for ContentSecurityPolicy {
    const INFO: HeaderInfo = HeaderInfo {
        name: "Content-Security-Policy",
        lowercase: "content-security-policy",
        method: "csp",
        type_name: "ContentSecurityPolicy",
        spec: "CSP 3",
        spec_url: "https://www.w3.org/TR/CSP3/",
        config_key: Some("content-security-policy"),
        report_only_of: None,
        make: Make::of::<Self>(),
    };

    fn from_value(raw: &str) -> Option<Self> {
        Some(Self::new().value(raw))
    }

    /// The first likely typo of a policy read with `FromStr` (a directive or keyword close
    /// to a known one, or an unquoted keyword), with the typed builder's error; `None` for
    /// a policy the builder made, which checked it already.
    fn likely_typo(&self) -> Option<Error> {
        if !self.received || self.error.is_some() || self.raw.is_some() {
            return None;
        }
        typo::text_typo(&self.compose())
    }
}

#[cfg(test)]
mod tests;
mod typo;

use super::report_only::ReportOnly;
use crate::registry::{Header, HeaderInfo, Make};
use std::slice;

use super::render_with;
use crate::text::{At, clean_text};
use crate::{Error, ErrorKind, Policy};

use self::check::{Check, check_token, join, merge_unique, none_conflict};
use self::directive::{ValueKind, parse_directive};
use self::source::parse_source;

pub use self::directive::Directive;
pub use self::named::{AIOHTTP_REPORT_URI, NamedPolicy};
pub use self::report_only::ContentSecurityPolicyReportOnly;
pub use self::source::{HashAlgorithm, IntoSource, Source, SourceKind};

/// The enforcing header's name.
pub(crate) const HEADER: &str = "Content-Security-Policy";
/// The report-only header's name.
const REPORT_ONLY_HEADER: &str = "Content-Security-Policy-Report-Only";

/// The `Content-Security-Policy` header: which resources a page may load and run.
///
/// See [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy)
/// and [CSP Level 3](https://www.w3.org/TR/CSP3/).
///
/// ```text
/// serialized-policy = directive *( ";" [ directive ] )
/// directive         = directive-name [ RWS directive-value ]
/// source-list       = source-expression *( RWS source-expression ) / "'none'"
/// ```
///
/// Example values: `default-src 'self'; img-src 'self' data:; object-src 'none'`,
/// `script-src 'nonce-rAnd0m' 'strict-dynamic'; base-uri 'none'`.
///
/// [`ContentSecurityPolicy::new`] holds no directive, and a policy without directives
/// renders the default of Python `secure` ([`ContentSecurityPolicy::DEFAULT_VALUE`]):
///
/// ```
/// use secure_headers::{ContentSecurityPolicy, Policy};
///
/// assert_eq!(
///     ContentSecurityPolicy::new().render().unwrap(),
///     "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'"
/// );
///
/// let csp = ContentSecurityPolicy::new()
///     .default_src(["'self'"])
///     .img_src(["'self'", "data:"])
///     .script_src(["'self'", "https://cdn.example.com"])
///     .frame_ancestors(["'none'"]);
/// assert_eq!(
///     csp.render().unwrap(),
///     "default-src 'self'; img-src 'self' data:; script-src 'self' https://cdn.example.com; frame-ancestors 'none'"
/// );
/// ```
///
/// # Source lists
///
/// The fetch and navigation directives (`default-src`, `script-src`, `img-src`,
/// `base-uri`, `frame-ancestors`, ...) take a list of [`Source`]s, given as anything
/// [`IntoSource`]: `Source` values (`[Source::SELF, Source::UNSAFE_INLINE]`) or strings
/// that are parsed (`["'self'", "https://cdn.example.com"]`). A string that is not a
/// valid source expression makes [`render`](Policy::render) fail with an error naming the
/// header, the directive and the string; a keyword without its quotes (`"self"`) is an
/// [`ErrorKind::UnquotedKeyword`] error that suggests `'self'`.
///
/// # Merging, as in Python `secure`
///
/// Calling a directive method again **adds** its sources to the directive, in order and
/// without duplicates; directives are rendered in the order they were first set. Calling
/// a source-list method with no sources makes the directive valueless
/// (`script_src(["'self'"]).script_src([] as [Source; 0])` renders `script-src`). To
/// replace a directive, [`remove_directive`](Self::remove_directive) it first.
///
/// # Errors
///
/// Builder methods never fail: the first invalid input is kept and returned by
/// [`render`](Policy::render). Besides invalid sources and tokens, `'none'` together with
/// other sources in one directive is an [`ErrorKind::Conflict`] error.
///
/// # Differences from Python `secure`
///
/// - Sources are checked against the CSP grammar (`secure` accepted any token without
///   whitespace or `;`); commas and non-ASCII characters are rejected (a comma would
///   start a second policy).
/// - `'none'` mixed with other sources is an error; `secure` emitted it, and browsers
///   then ignore `'none'`.
/// - `sandbox`, `report-to`, `report-uri`, `require-trusted-types-for` and
///   `trusted-types` check their own value grammar; `report-to` takes one group name and
///   replaces the previous one (two names are invalid CSP).
/// - Directive names are case-insensitive: a repeated directive merges whatever its
///   case, and a known directive given to [`custom_directive`](Self::custom_directive)
///   is checked and rendered like the method of that name.
/// - A directive method called after [`value`](Self::value) leaves raw mode.
/// - The static helpers `keyword(name)` and `nonce(value)` of `secure` are the
///   [`Source`] consts and [`Source::nonce_value`].
#[must_use]
#[derive(Clone, Debug, Default)]
pub struct ContentSecurityPolicy {
    /// The directives in first-insertion order.
    directives: Vec<(Directive, Values)>,
    /// A raw value set with `value()`, rendered instead of the directives.
    raw: Option<Box<str>>,
    /// The first invalid input.
    error: Option<Error>,
    /// Read with `FromStr`, which keeps what browsers ignore: `build()` refuses its
    /// likely typos as the typed builder does. Not part of equality.
    received: bool,
}

impl PartialEq for ContentSecurityPolicy {
    fn eq(&self, other: &Self) -> bool {
        self.directives == other.directives && self.raw == other.raw && self.error == other.error
    }
}

impl Eq for ContentSecurityPolicy {}

/// A directive's value.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Values {
    /// The sources of a source-list directive.
    Sources(Vec<Source>),
    /// The tokens of any other directive (none for a valueless one).
    Tokens(Vec<Box<str>>),
}

impl Values {
    fn iter(&self) -> Tokens<'_> {
        match self {
            Self::Sources(s) => Tokens::Sources(s.iter()),
            Self::Tokens(t) => Tokens::Tokens(t.iter()),
        }
    }
}

/// Iterator over a directive's tokens as text.
enum Tokens<'a> {
    Sources(slice::Iter<'a, Source>),
    Tokens(slice::Iter<'a, Box<str>>),
}

impl<'a> Iterator for Tokens<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match self {
            Self::Sources(it) => it.next().map(Source::as_str),
            Self::Tokens(it) => it.next().map(|t| &**t),
        }
    }
}

impl ContentSecurityPolicy {
    /// The value rendered when no directive is set (the default of Python `secure`).
    pub const DEFAULT_VALUE: &'static str = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'";

    /// A policy without directives, which renders [`Self::DEFAULT_VALUE`].
    pub fn new() -> Self {
        Self::default()
    }

    /// The recommended strict CSP: scripts run only with the request's nonce, and scripts
    /// they load are trusted through `'strict-dynamic'`; no plugins, no `<base>`.
    ///
    /// `https:` and `'unsafe-inline'` are the backward-compatible fallbacks: browsers that
    /// understand nonces ignore `'unsafe-inline'`, and those that understand
    /// `'strict-dynamic'` ignore `https:`, so old browsers still load the page while every
    /// current one enforces the strict policy. Needs the `nonce` feature to be built into a
    /// [`Secure`](crate::Secure). Add `report_to`/`report_uri` to roll it out in report-only
    /// mode first ([`report_only`](Self::report_only)).
    ///
    /// ```
    /// use secure_headers::{ContentSecurityPolicy, Policy};
    /// assert_eq!(
    ///     ContentSecurityPolicy::strict().render().unwrap(),
    ///     "script-src 'nonce-{nonce}' 'strict-dynamic' https: 'unsafe-inline'; object-src 'none'; base-uri 'none'"
    /// );
    /// ```
    pub fn strict() -> Self {
        Self::new()
            .script_src([
                Source::nonce(),
                Source::STRICT_DYNAMIC,
                Source::HTTPS,
                Source::UNSAFE_INLINE,
            ])
            .object_src([Source::NONE])
            .base_uri([Source::NONE])
    }

    /// Sets the valueless `block-all-mixed-content` directive (deprecated: browsers now
    /// block or upgrade mixed content by themselves).
    /// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/block-all-mixed-content)
    #[must_use = "builder methods return the changed policy"]
    pub fn block_all_mixed_content(self) -> Self {
        self.tokens_directive(Directive::BlockAllMixedContent, [] as [&str; 0])
    }

    /// Sets the valueless `upgrade-insecure-requests` directive: load `http:` URLs over
    /// HTTPS.
    /// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/upgrade-insecure-requests)
    #[must_use = "builder methods return the changed policy"]
    pub fn upgrade_insecure_requests(self) -> Self {
        self.tokens_directive(Directive::UpgradeInsecureRequests, [] as [&str; 0])
    }

    /// Adds flags to `sandbox` (`allow-scripts`, `allow-forms`, ...; ASCII
    /// case-insensitive, rendered lowercase). With no flags the page gets every
    /// restriction. A flag the HTML standard does not define is an
    /// [`ErrorKind::InvalidValue`] error. Browsers ignore `sandbox` in report-only mode.
    /// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/sandbox)
    ///
    /// ```
    /// use secure_headers::{ContentSecurityPolicy, Policy};
    ///
    /// let csp = ContentSecurityPolicy::new().sandbox(["allow-scripts", "allow-forms"]);
    /// assert_eq!(csp.render().unwrap(), "sandbox allow-scripts allow-forms");
    /// ```
    #[must_use = "builder methods return the changed policy"]
    pub fn sandbox(self, flags: impl IntoIterator<Item = impl AsRef<str>>) -> Self {
        self.tokens_directive(Directive::Sandbox, flags)
    }

    /// Sets `report-to` to a reporting group name (an RFC 9110 token, declared in a
    /// `Reporting-Endpoints` header). A later call replaces the group: the directive
    /// takes exactly one name.
    /// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/report-to)
    ///
    /// ```
    /// use secure_headers::{ContentSecurityPolicy, Policy};
    ///
    /// let csp = ContentSecurityPolicy::new().default_src(["'self'"]).report_to("csp-endpoint");
    /// assert_eq!(csp.render().unwrap(), "default-src 'self'; report-to csp-endpoint");
    /// ```
    #[must_use = "builder methods return the changed policy"]
    pub fn report_to(self, group: impl AsRef<str>) -> Self {
        self.tokens_directive(Directive::ReportTo, [group])
    }

    /// Adds URLs to `report-uri` (deprecated in favour of [`report_to`](Self::report_to),
    /// which browsers prefer when both are set). Each URL must be a URI reference
    /// without whitespace, `;` or `,`.
    /// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/report-uri)
    #[must_use = "builder methods return the changed policy"]
    pub fn report_uri(self, uris: impl IntoIterator<Item = impl AsRef<str>>) -> Self {
        self.tokens_directive(Directive::ReportUri, uris)
    }

    /// Sets `require-trusted-types-for`; its only value is `'script'`
    /// (`script` without quotes is an [`ErrorKind::UnquotedKeyword`] error).
    /// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/require-trusted-types-for)
    ///
    /// ```
    /// use secure_headers::{ContentSecurityPolicy, Policy};
    ///
    /// let csp = ContentSecurityPolicy::new().require_trusted_types_for(["'script'"]);
    /// assert_eq!(csp.render().unwrap(), "require-trusted-types-for 'script'");
    /// ```
    #[must_use = "builder methods return the changed policy"]
    pub fn require_trusted_types_for(
        self,
        sinks: impl IntoIterator<Item = impl AsRef<str>>,
    ) -> Self {
        self.tokens_directive(Directive::RequireTrustedTypesFor, sinks)
    }

    /// Adds Trusted Types policy names to `trusted-types`, or the keywords `'none'`
    /// (alone) and `'allow-duplicates'`, or `*`. A policy name is made of letters,
    /// digits and `-#=_/@.%`.
    /// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/trusted-types)
    ///
    /// ```
    /// use secure_headers::{ContentSecurityPolicy, Policy};
    ///
    /// let csp = ContentSecurityPolicy::new().trusted_types(["default", "'allow-duplicates'"]);
    /// assert_eq!(csp.render().unwrap(), "trusted-types default 'allow-duplicates'");
    /// ```
    #[must_use = "builder methods return the changed policy"]
    pub fn trusted_types(self, policies: impl IntoIterator<Item = impl AsRef<str>>) -> Self {
        self.tokens_directive(Directive::TrustedTypes, policies)
    }

    /// Sets `webrtc` to `'allow'` or `'block'` (quoted; ASCII case-insensitive). A later
    /// call replaces the value: the directive takes exactly one.
    /// ([CSP3, `webrtc`](https://w3c.github.io/webappsec-csp/#directive-webrtc))
    ///
    /// ```
    /// use secure_headers::{ContentSecurityPolicy, ErrorKind, Policy};
    ///
    /// let csp = ContentSecurityPolicy::new().webrtc("'block'");
    /// assert_eq!(csp.render().unwrap(), "webrtc 'block'");
    /// let err = ContentSecurityPolicy::new().webrtc("block").render().unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::UnquotedKeyword);
    /// ```
    #[must_use = "builder methods return the changed policy"]
    pub fn webrtc(self, value: impl AsRef<str>) -> Self {
        self.tokens_directive(Directive::Webrtc, [value])
    }

    /// Adds a directive by name, with its values, for directives without a method.
    ///
    /// The name must match `^[A-Za-z0-9-]+$` (case kept). A known directive name (in any
    /// case) is treated exactly like its method: `custom_directive("script-src", ["'self'"])`
    /// parses `'self'` as a source. An unknown name that is a typo of a known one
    /// (`scirpt-src`) is an [`ErrorKind::InvalidName`] error naming the directive it
    /// resembles; send a directive this crate does not know yet, whatever its name, with
    /// [`unlisted_directive`](Self::unlisted_directive). Values of other directives must
    /// be tokens: no whitespace, `;`, `,` or control characters. Repeated calls merge,
    /// like the directive methods.
    ///
    /// ```
    /// use secure_headers::{ContentSecurityPolicy, Policy};
    ///
    /// let csp = ContentSecurityPolicy::new()
    ///     .default_src(["'self'"])
    ///     .custom_directive("webrtc", ["'block'"]);
    /// assert_eq!(csp.render().unwrap(), "default-src 'self'; webrtc 'block'");
    /// assert!(ContentSecurityPolicy::new().custom_directive("invalid name!", ["x"]).render().is_err());
    ///
    /// let err = ContentSecurityPolicy::new().custom_directive("scirpt-src", ["'self'"]).render().unwrap_err();
    /// assert_eq!(err.detail(), Some("not a known directive; did you mean script-src? (send a directive newer than this crate with unlisted_directive)"));
    /// ```
    #[must_use = "builder methods return the changed policy"]
    pub fn custom_directive(
        self,
        name: impl AsRef<str>,
        values: impl IntoIterator<Item = impl AsRef<str>>,
    ) -> Self {
        let input = name.as_ref();
        let directive = match parse_directive(input) {
            Ok(d) => d,
            Err(e) => return self.fail(e),
        };
        if let Some(e) = typo::directive_typo(input, &directive) {
            return self.fail(e);
        }
        self.unlisted_directive(directive, values)
    }

    /// Adds a directive this crate does not know yet, by name, with its values: the
    /// explicit opt-in for a name that [`custom_directive`](Self::custom_directive)
    /// refuses as a typo of a known one. The name must match `^[A-Za-z0-9-]+$`; the
    /// values are tokens sent as given. A known name is treated like its method.
    ///
    /// ```
    /// use secure_headers::{ContentSecurityPolicy, Policy};
    ///
    /// let csp = ContentSecurityPolicy::new().unlisted_directive("script-src-v2", ["'self'"]);
    /// assert_eq!(csp.render().unwrap(), "script-src-v2 'self'");
    /// ```
    #[must_use = "builder methods return the changed policy"]
    pub fn unlisted_directive(
        self,
        name: impl AsRef<str>,
        values: impl IntoIterator<Item = impl AsRef<str>>,
    ) -> Self {
        let directive = match parse_directive(name.as_ref()) {
            Ok(d) => d,
            Err(e) => return self.fail(e),
        };
        if directive.is_source_list() {
            let parsed = values
                .into_iter()
                .map(|v| parse_source(v.as_ref()))
                .collect();
            self.merge_sources(directive, parsed, Check::Builder)
        } else {
            self.tokens_directive(directive, values)
        }
    }

    /// Replaces the whole value with `raw`, rendered as is (after trimming spaces); the
    /// directives are dropped. Control characters are an error; an empty value is
    /// allowed and renders an empty header, as in Python `secure`. A directive method
    /// called afterwards starts a new, empty directive list.
    ///
    /// ```
    /// use secure_headers::{ContentSecurityPolicy, Policy};
    ///
    /// let csp = ContentSecurityPolicy::new().script_src(["'self'"]).value("default-src 'none'");
    /// assert_eq!(csp.render().unwrap(), "default-src 'none'");
    /// assert!(ContentSecurityPolicy::new().value("a\r\nb").render().is_err());
    /// ```
    ///
    /// A likely typo gets the typed builder's error when rendered (so
    /// [`build`](crate::SecureBuilder::build) refuses it): a directive name close to a
    /// known one (send a real newcomer with
    /// [`unlisted_directive`](Self::unlisted_directive)), a keyword without its quotes, or
    /// an unknown keyword close to a known one.
    ///
    /// ```
    /// use secure_headers::{ContentSecurityPolicy, ErrorKind, Policy};
    ///
    /// let err = ContentSecurityPolicy::new().value("scrpt-src 'self'").render().unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidName);
    /// assert!(err.detail().unwrap().starts_with("not a known directive; did you mean script-src?"));
    /// let err = ContentSecurityPolicy::new().value("default-src self").render().unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::UnquotedKeyword);
    /// assert_eq!(err.directive(), Some("default-src"));
    /// ```
    #[must_use = "builder methods return the changed policy"]
    pub fn value(mut self, raw: impl AsRef<str>) -> Self {
        match clean_text(At::header(HEADER), raw.as_ref()) {
            Ok(v) => {
                self.directives.clear();
                self.raw = Some(v.into());
                self
            }
            Err(e) => self.fail(e),
        }
    }

    /// Back to [`ContentSecurityPolicy::new`]: no directives, no raw value, no error.
    pub fn clear(self) -> Self {
        Self::new()
    }

    /// Removes a directive (named ASCII case-insensitively); a directive that is not set
    /// is ignored. Removing every directive brings back the default value.
    ///
    /// ```
    /// use secure_headers::{ContentSecurityPolicy, Policy};
    ///
    /// let csp = ContentSecurityPolicy::new()
    ///     .default_src(["'self'"])
    ///     .script_src(["'self'", "'unsafe-inline'"])
    ///     .remove_directive("script-src")
    ///     .script_src(["'self'"]);
    /// assert_eq!(csp.render().unwrap(), "default-src 'self'; script-src 'self'");
    /// ```
    #[must_use = "builder methods return the changed policy"]
    pub fn remove_directive(mut self, name: impl AsRef<str>) -> Self {
        if let Some(i) = self.position(name.as_ref()) {
            self.directives.remove(i);
        }
        self
    }

    /// The same policy, sent as `Content-Security-Policy-Report-Only`.
    pub fn report_only(self) -> ContentSecurityPolicyReportOnly {
        ReportOnly::of(self)
    }

    /// The directives set, in the order they are rendered. Empty for a new policy (which
    /// renders [`Self::DEFAULT_VALUE`]) and after [`value`](Self::value).
    ///
    /// ```
    /// use secure_headers::ContentSecurityPolicy;
    /// use secure_headers::csp::Directive;
    ///
    /// let csp = ContentSecurityPolicy::new().img_src(["data:"]).default_src(["'self'"]);
    /// let names: Vec<&Directive> = csp.directives().collect();
    /// assert_eq!(names, [&Directive::ImgSrc, &Directive::DefaultSrc]);
    /// ```
    #[must_use]
    pub fn directives(&self) -> impl ExactSizeIterator<Item = &Directive> + '_ {
        self.directives.iter().map(|(d, _)| d)
    }

    /// The sources of a source-list directive (named ASCII case-insensitively), or `None`
    /// if it is not set or is not a source-list directive. A valueless directive gives
    /// an empty slice.
    ///
    /// ```
    /// use secure_headers::ContentSecurityPolicy;
    /// use secure_headers::csp::{Directive, Source};
    ///
    /// let csp = ContentSecurityPolicy::new().script_src([Source::SELF, Source::UNSAFE_INLINE]);
    /// assert_eq!(csp.directive("script-src"), Some(&[Source::SELF, Source::UNSAFE_INLINE][..]));
    /// assert_eq!(csp.directive(Directive::ScriptSrc).unwrap().len(), 2);
    /// assert_eq!(csp.directive("img-src"), None);
    /// ```
    #[must_use]
    pub fn directive(&self, name: impl AsRef<str>) -> Option<&[Source]> {
        match self.get(name.as_ref())? {
            Values::Sources(s) => Some(s),
            Values::Tokens(_) => None,
        }
    }

    /// The tokens of any set directive as rendered text (sources, sandbox flags, URLs,
    /// ...), or `None` if the directive is not set.
    ///
    /// ```
    /// use secure_headers::ContentSecurityPolicy;
    ///
    /// let csp = ContentSecurityPolicy::new().sandbox(["allow-forms"]).upgrade_insecure_requests();
    /// assert_eq!(csp.tokens("sandbox").unwrap().collect::<Vec<_>>(), ["allow-forms"]);
    /// assert_eq!(csp.tokens("upgrade-insecure-requests").unwrap().count(), 0);
    /// assert!(csp.tokens("script-src").is_none());
    /// ```
    #[must_use]
    pub fn tokens(&self, name: impl AsRef<str>) -> Option<impl Iterator<Item = &str> + '_> {
        self.get(name.as_ref()).map(Values::iter)
    }

    /// True if the directive is set (named ASCII case-insensitively).
    #[must_use]
    pub fn contains(&self, name: impl AsRef<str>) -> bool {
        self.position(name.as_ref()).is_some()
    }

    /// The raw value set with [`value`](Self::value), if the policy is in raw mode.
    #[must_use]
    pub fn raw_value(&self) -> Option<&str> {
        self.raw.as_deref()
    }

    // ---- internals ----

    /// Records the first error.
    fn fail(mut self, error: Error) -> Self {
        if self.error.is_none() {
            self.error = Some(error);
        }
        self
    }

    fn position(&self, name: &str) -> Option<usize> {
        self.directives
            .iter()
            .position(|(d, _)| d.as_str().eq_ignore_ascii_case(name))
    }

    fn get(&self, name: &str) -> Option<&Values> {
        self.position(name).map(|i| &self.directives[i].1)
    }

    /// The value of `directive`, appended empty if it is not set yet; leaves raw mode.
    fn slot(&mut self, directive: Directive, empty: Values) -> &mut Values {
        self.raw = None;
        let i = match self.position(directive.as_str()) {
            Some(i) => i,
            None => {
                self.directives.push((directive, empty));
                self.directives.len() - 1
            }
        };
        &mut self.directives[i].1
    }

    fn source_list(
        self,
        directive: Directive,
        sources: impl IntoIterator<Item = impl IntoSource>,
    ) -> Self {
        let parsed = sources.into_iter().map(IntoSource::into_source).collect();
        self.merge_sources(directive, parsed, Check::Builder)
    }

    fn merge_sources(
        mut self,
        directive: Directive,
        parsed: Result<Vec<Source>, Error>,
        check: Check,
    ) -> Self {
        let incoming = match parsed {
            Ok(v) => v,
            Err(e) => {
                let e = e.with_header(HEADER).with_directive(directive.as_str());
                return self.fail(e);
            }
        };
        let name = directive.clone();
        let slot = self.slot(directive, Values::Sources(Vec::new()));
        if !matches!(slot, Values::Sources(_)) {
            *slot = Values::Sources(Vec::new());
        }
        let Values::Sources(list) = slot else {
            return self;
        };
        merge_unique(list, incoming);
        if check == Check::Builder && list.len() > 1 && list.contains(&Source::NONE) {
            let input = join(list.iter().map(Source::as_str));
            return self.fail(none_conflict(&name, &input, "sources"));
        }
        self
    }

    fn tokens_directive(
        self,
        directive: Directive,
        values: impl IntoIterator<Item = impl AsRef<str>>,
    ) -> Self {
        let kind = directive.value_kind();
        let at = At::directive(HEADER, directive.as_str());
        let checked = values
            .into_iter()
            .map(|v| check_token(kind, at, v.as_ref()))
            .collect();
        self.merge_tokens(directive, kind, checked, Check::Builder)
    }

    fn merge_tokens(
        mut self,
        directive: Directive,
        kind: ValueKind,
        checked: Result<Vec<Box<str>>, Error>,
        check: Check,
    ) -> Self {
        let incoming = match checked {
            Ok(v) => v,
            Err(e) => return self.fail(e),
        };
        let at = At::directive(HEADER, directive.as_str());
        let single = matches!(kind, ValueKind::ReportTo | ValueKind::Webrtc);
        if check == Check::Builder && single && incoming.len() != 1 {
            let input = join(incoming.iter().map(|t| &**t));
            let (k, detail) = match (kind, incoming.len()) {
                (ValueKind::ReportTo, 0) => {
                    (ErrorKind::Empty, "report-to needs a reporting group name")
                }
                (ValueKind::ReportTo, _) => (
                    ErrorKind::InvalidValue,
                    "report-to takes exactly one group name",
                ),
                (_, 0) => (ErrorKind::Empty, "webrtc needs 'allow' or 'block'"),
                _ => (ErrorKind::InvalidValue, "webrtc takes exactly one value"),
            };
            return self.fail(at.error(k, &input).with_detail(detail));
        }
        let name = directive.clone();
        let slot = self.slot(directive, Values::Tokens(Vec::new()));
        if single || !matches!(slot, Values::Tokens(_)) {
            *slot = Values::Tokens(Vec::new());
        }
        let Values::Tokens(list) = slot else {
            return self;
        };
        merge_unique(list, incoming);
        if check == Check::Builder
            && kind == ValueKind::TrustedTypes
            && list.len() > 1
            && list.iter().any(|t| &**t == "'none'")
        {
            let input = join(list.iter().map(|t| &**t));
            return self.fail(none_conflict(&name, &input, "policy names"));
        }
        self
    }

    /// The rendered directives (or the raw value, or the default value).
    fn render_value(&self) -> Result<String, Error> {
        // A raw value gets the typed builder's check for likely typos.
        if let (None, Some(raw)) = (&self.error, self.raw.as_deref())
            && let Some(e) = typo::text_typo(raw)
        {
            return Err(e);
        }
        render_with(self.error.as_ref(), self.raw.as_deref(), || {
            Ok(self.compose())
        })
    }

    /// The directives, or the default value when there are none.
    fn compose(&self) -> String {
        if self.directives.is_empty() {
            return Self::DEFAULT_VALUE.to_owned();
        }
        let mut out = String::new();
        for (i, (directive, values)) in self.directives.iter().enumerate() {
            if i > 0 {
                out.push_str("; ");
            }
            out.push_str(directive.as_str());
            for token in values.iter() {
                out.push(' ');
                out.push_str(token);
            }
        }
        out
    }
}

impl Policy for ContentSecurityPolicy {
    fn name(&self) -> &str {
        HEADER
    }

    fn render(&self) -> Result<String, Error> {
        self.render_value()
    }
}
