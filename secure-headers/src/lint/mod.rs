//! Linting: what is weak, risky or broken in a set of security headers.
//!
//! The rules of severity error (below), and the types of every finding, are always
//! compiled: [`SecureBuilder::build`](crate::SecureBuilder::build) runs those rules. The
//! linter itself, its three entry points and every other rule, comes with the `lint`
//! feature. The entry points read the same rules:
//!
//! - [`lint_csp`] checks one raw `Content-Security-Policy` value, with every check of
//!   Google's [CSP Evaluator](https://csp-evaluator.withgoogle.com/) (the findings,
//!   severities, directives and values agree with its npm package `csp_evaluator` 1.1.8,
//!   which the test suite runs on a corpus of real-world policies) and a few of this
//!   crate's own;
//! - [`lint_headers`] checks every header this crate knows in an [`http::HeaderMap`]
//!   (a response you received, say), the headers against each other
//!   (`X-Frame-Options` against `frame-ancestors`, COEP without CORP, ...) and the
//!   important headers that are missing;
//! - [`lint_secure`] checks a built [`Secure`], and
//!   [`SecureBuilder::validate`](crate::SecureBuilder::validate) a configuration before
//!   it is built.
//!
//! ```
//! # #[cfg(feature = "lint")] {
//! use secure_headers::lint::{Rule, Severity, lint_csp};
//!
//! let findings = lint_csp("script-src 'self' 'unsafe-inline'; object-src 'none'");
//! let inline = findings.iter().find(|f| f.rule() == Rule::CspUnsafeInline).unwrap();
//! assert_eq!(inline.severity(), Severity::High);
//! assert_eq!(inline.directive(), Some("script-src"));
//! assert_eq!(inline.value(), Some("'unsafe-inline'"));
//! assert_eq!(Rule::CspUnsafeInline.csp_evaluator_type(), Some("SCRIPT_UNSAFE_INLINE"));
//! # }
//! ```
//!
//! # Severities
//!
//! [`Severity`] is CSP Evaluator's scale (`High`, `Syntax`, `Medium`, `StrictCsp`,
//! `MediumMaybe`, `Info`, `None`, from most to least severe; its `HIGH_MAYBE` is left
//! out, as none of its checks uses it) with one more level above it,
//! [`Severity::Error`]: a configuration that browsers would ignore or that breaks a hard
//! requirement. [`SecureBuilder::build`](crate::SecureBuilder::build) refuses a
//! configuration with an `Error` finding ([`ErrorKind::Lint`]). These rules are errors:
//!
//! | Rule | Why |
//! |---|---|
//! | `hsts-missing-max-age` | browsers ignore a `Strict-Transport-Security` header without `max-age` |
//! | `hsts-invalid-max-age` | ... or with a `max-age` that is not a number of seconds |
//! | `hsts-preload-needs-subdomains` | the preload list requires `includeSubDomains` |
//! | `hsts-preload-max-age` | the preload list requires a `max-age` of at least one year (31536000) |
//! | `csp-nonce-too-short` | a nonce below 128 bits (22 base64 characters) can be guessed |
//! | `header-invalid` | a configured header cannot be rendered or sent |
//!
//! Every rule has a stable kebab-case id ([`Rule::as_str`]); see [`Rule`] for the list.
//!
//! [`ErrorKind::Lint`]: crate::ErrorKind::Lint

use std::borrow::Cow;
use std::fmt;

#[cfg(feature = "lint")]
use crate::Secure;

#[cfg(feature = "lint")]
mod bypass;
mod checks;
#[cfg(feature = "lint")]
mod cross_header;
#[cfg(feature = "lint")]
mod csp;
mod hsts;
#[cfg(feature = "lint")]
mod integrity;
#[cfg(feature = "lint")]
mod nel;
#[cfg(feature = "lint")]
mod permissions;
#[cfg(feature = "lint")]
mod referrer;
#[cfg(feature = "lint")]
mod simple;

/// One problem found by the linter: which [`Rule`], how severe, and where.
///
/// ```
/// # #[cfg(feature = "lint")] {
/// use secure_headers::lint::{Rule, Severity, lint_csp};
///
/// let findings = lint_csp("default-src 'self'");
/// let f = findings.iter().find(|f| f.rule() == Rule::CspSelfAllowlist).unwrap();
/// assert_eq!(f.header(), "Content-Security-Policy");
/// assert_eq!(f.directive(), Some("default-src"));
/// assert_eq!(f.value(), Some("'self'"));
/// assert_eq!(f.severity(), Severity::MediumMaybe);
/// assert!(f.to_string().starts_with("[medium-maybe] csp-self-allowlist: Content-Security-Policy default-src 'self': "));
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Finding {
    rule: Rule,
    severity: Severity,
    header: Cow<'static, str>,
    directive: Option<Box<str>>,
    value: Option<Box<str>>,
    message: Box<str>,
}

impl Finding {
    /// A finding of `rule` with the rule's severity.
    pub(crate) fn new(rule: Rule, header: &str, message: impl Into<Box<str>>) -> Self {
        let header = match crate::header::canonical_name(header) {
            Some(name) => Cow::Borrowed(name),
            None => Cow::Owned(header.to_owned()),
        };
        Self {
            rule,
            severity: rule.severity(),
            header,
            directive: None,
            value: None,
            message: message.into(),
        }
    }

    #[must_use]
    pub(crate) fn directive_is(mut self, directive: &str) -> Self {
        self.directive = Some(directive.into());
        self
    }

    #[must_use]
    pub(crate) fn value_is(mut self, value: &str) -> Self {
        self.value = Some(value.into());
        self
    }

    /// A [`Rule::HeaderInvalid`] finding for a header that cannot be rendered.
    #[cfg(feature = "lint")]
    pub(crate) fn from_error(e: &crate::Error) -> Self {
        let mut f = Self::new(Rule::HeaderInvalid, e.header().unwrap_or(""), e.to_string());
        if let Some(d) = e.directive() {
            f = f.directive_is(d);
        }
        if let Some(i) = e.input() {
            f = f.value_is(i);
        }
        f
    }

    /// The rule that fired.
    #[must_use]
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// How severe the finding is.
    #[must_use]
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// The header the finding is about (`Content-Security-Policy`).
    #[must_use]
    pub fn header(&self) -> &str {
        &self.header
    }

    /// The directive (or feature, or option) the finding is about, if any.
    #[must_use]
    pub fn directive(&self) -> Option<&str> {
        self.directive.as_deref()
    }

    /// The offending value (a source expression, a token, ...), if any.
    #[must_use]
    pub fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }

    /// What is wrong and what to do about it.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Finding {
    /// `[severity] rule-id: Header directive value: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}: {}", self.severity, self.rule, self.header)?;
        if let Some(d) = &self.directive {
            write!(f, " {d}")?;
        }
        if let Some(v) = &self.value {
            write!(f, " {v}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// How severe a [`Finding`] is: CSP Evaluator's scale, with [`Severity::Error`] above it.
///
/// The order is from most to least severe (`Error < High < Syntax < ... < None`), as CSP
/// Evaluator orders its numeric severities, so the most severe finding is the minimum:
///
/// ```
/// use secure_headers::lint::Severity;
///
/// assert!(Severity::Error < Severity::High && Severity::High < Severity::Info);
/// assert_eq!(Severity::MediumMaybe.to_string(), "medium-maybe");
/// # #[cfg(feature = "lint")] {
/// let worst = secure_headers::lint::lint_csp("script-src * 'unsafe-inline'").iter().map(|f| f.severity()).min();
/// assert_eq!(worst, Some(Severity::High));
/// # }
/// ```
///
/// `Debug` names the type (`Severity::None`), so that a finding's lowest level never reads
/// like `Option::None`:
///
/// ```
/// use secure_headers::lint::Severity;
/// assert_eq!(format!("{:?}", Severity::None), "Severity::None");
/// assert_eq!(format!("{:?}", Some(Severity::High)), "Some(Severity::High)");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Broken or refused: browsers would ignore the header, or a hard requirement is not
    /// met. [`SecureBuilder::build`](crate::SecureBuilder::build) fails on these.
    Error,
    /// A serious weakness (CSP Evaluator `HIGH`): the policy can be bypassed.
    High,
    /// A syntax problem (CSP Evaluator `SYNTAX`): part of the value is ignored.
    Syntax,
    /// A weakness (CSP Evaluator `MEDIUM`).
    Medium,
    /// Not a strict CSP (CSP Evaluator `STRICT_CSP`): consider nonces or hashes with
    /// `'strict-dynamic'`.
    StrictCsp,
    /// Possibly a weakness, depending on the site (CSP Evaluator `MEDIUM_MAYBE`).
    MediumMaybe,
    /// Good to know (CSP Evaluator `INFO`).
    Info,
    /// No impact (CSP Evaluator `NONE`): a source that is ignored, for instance.
    None,
}

impl Severity {
    const fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::High => "high",
            Self::Syntax => "syntax",
            Self::Medium => "medium",
            Self::StrictCsp => "strict-csp",
            Self::MediumMaybe => "medium-maybe",
            Self::Info => "info",
            Self::None => "none",
        }
    }
}

impl fmt::Debug for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let variant = match self {
            Self::Error => "Error",
            Self::High => "High",
            Self::Syntax => "Syntax",
            Self::Medium => "Medium",
            Self::StrictCsp => "StrictCsp",
            Self::MediumMaybe => "MediumMaybe",
            Self::Info => "Info",
            Self::None => "None",
        };
        write!(f, "Severity::{variant}")
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Writes the [`Rule`] enum, its ids, its CSP Evaluator types and its severities from one
/// table.
macro_rules! rules {
    ($(
        $(#[$doc:meta])*
        $variant:ident = $id:literal, $severity:ident $(, $eval:literal)?;
    )+) => {
        /// A lint rule, with a stable kebab-case id ([`as_str`](Rule::as_str)).
        ///
        /// Rules that mirror a check of Google's CSP Evaluator map to its finding type
        /// with [`csp_evaluator_type`](Rule::csp_evaluator_type) and report the same
        /// severity, directive and value; several rules may map to one type (CSP
        /// Evaluator's `MISSING_DIRECTIVES` is three rules here, one per directive).
        ///
        /// | Rule | Severity | CSP Evaluator type |
        /// |---|---|---|
        $(
            #[doc = concat!("| `", $id, "` | ", stringify!($severity), " | ", $("`", $eval, "`",)? " |")]
        )+
        ///
        /// ```
        /// use secure_headers::lint::Rule;
        ///
        /// assert_eq!(Rule::HstsPreloadNeedsSubdomains.as_str(), "hsts-preload-needs-subdomains");
        /// assert_eq!(Rule::CspMissingObjectSrc.csp_evaluator_type(), Some("MISSING_DIRECTIVES"));
        /// assert_eq!(Rule::XfoFrameAncestorsMismatch.csp_evaluator_type(), None);
        /// assert_eq!(Rule::CspUnsafeEval.to_string(), "csp-unsafe-eval");
        /// ```
        #[non_exhaustive]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $(
                $(#[$doc])*
                $variant,
            )+
        }

        impl Rule {
            /// The rule's stable id, such as `csp-unsafe-inline`.
            ///
            /// ```
            /// assert_eq!(secure_headers::lint::Rule::CspMissingObjectSrc.as_str(), "csp-missing-object-src");
            /// ```
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $id,)+
                }
            }

            /// The finding type of Google's CSP Evaluator that this rule reports, or
            /// `None` for the rules of this crate that CSP Evaluator does not emit.
            ///
            /// ```
            /// use secure_headers::lint::Rule;
            ///
            /// assert_eq!(Rule::CspKnownBypassHost.csp_evaluator_type(), Some("SCRIPT_ALLOWLIST_BYPASS"));
            /// assert_eq!(Rule::CspNonceTooShort.csp_evaluator_type(), None);
            /// ```
            #[must_use]
            pub const fn csp_evaluator_type(self) -> Option<&'static str> {
                match self {
                    $(Self::$variant => rules!(@eval $($eval)?),)+
                }
            }

            /// The severity every finding of this rule has.
            pub(crate) const fn severity(self) -> Severity {
                match self {
                    $(Self::$variant => Severity::$severity,)+
                }
            }
        }
    };
    (@eval $eval:literal) => { Some($eval) };
    (@eval) => { None };
}

rules! {
    // ---- Content-Security-Policy: the checks of CSP Evaluator ----
    /// `'unsafe-inline'` in the effective `script-src` (and `-attr`, `-elem`): injected
    /// inline scripts and event handlers run.
    CspUnsafeInline = "csp-unsafe-inline", High, "SCRIPT_UNSAFE_INLINE";
    /// `'unsafe-hashes'` in the effective script directives.
    CspUnsafeHashes = "csp-unsafe-hashes", MediumMaybe, "SCRIPT_UNSAFE_HASHES";
    /// `'unsafe-eval'` in the effective script directives.
    CspUnsafeEval = "csp-unsafe-eval", MediumMaybe, "SCRIPT_UNSAFE_EVAL";
    /// `data:`, `http:` or `https:` alone in a script directive, `object-src` or
    /// `base-uri`: any script of that scheme runs.
    CspPlainUrlScheme = "csp-plain-url-scheme", High, "PLAIN_URL_SCHEMES";
    /// `*` in a script directive, `object-src` or `base-uri`.
    CspWildcard = "csp-wildcard", High, "PLAIN_WILDCARD";
    /// Neither `object-src` nor `default-src` restricts plugins.
    CspMissingObjectSrc = "csp-missing-object-src", High, "MISSING_DIRECTIVES";
    /// Neither `script-src` nor `default-src` restricts scripts.
    CspMissingScriptSrc = "csp-missing-script-src", High, "MISSING_DIRECTIVES";
    /// A nonce- or hash-based policy without `base-uri`: an injected `<base>` redirects
    /// relative script URLs.
    CspMissingBaseUri = "csp-missing-base-uri", High, "MISSING_DIRECTIVES";
    /// `'self'` in `script-src`: problematic if the site hosts JSONP, AngularJS or user
    /// uploads.
    CspSelfAllowlist = "csp-self-allowlist", MediumMaybe, "SCRIPT_ALLOWLIST_BYPASS";
    /// An allowlisted script host known to serve JSONP endpoints or AngularJS.
    CspKnownBypassHost = "csp-known-bypass-host", High, "SCRIPT_ALLOWLIST_BYPASS";
    /// Any other allowlisted script host: make sure it serves no JSONP or AngularJS.
    CspHostAllowlist = "csp-host-allowlist", MediumMaybe, "SCRIPT_ALLOWLIST_BYPASS";
    /// An `object-src` host known to serve Flash files that bypass the policy.
    CspObjectBypassHost = "csp-object-bypass-host", High, "OBJECT_ALLOWLIST_BYPASS";
    /// An `object-src` other than `'none'`.
    CspObjectAllowlist = "csp-object-allowlist", MediumMaybe, "OBJECT_ALLOWLIST_BYPASS";
    /// An IP address as a source (browsers ignore it), or `127.0.0.1`.
    CspIpSource = "csp-ip-source", Info, "IP_SOURCE";
    /// A nonce shorter than 8 characters.
    CspNonceLength = "csp-nonce-length", Medium, "NONCE_LENGTH";
    /// A nonce outside the base64 / base64url character set.
    CspNonceCharset = "csp-nonce-charset", Info, "NONCE_CHARSET";
    /// An `http://` source (or an `http://` report URI).
    CspHttpSource = "csp-http-source", Medium, "SRC_HTTP";
    /// A deprecated directive: `reflected-xss`, `referrer`, `disown-opener`,
    /// `prefetch-src`.
    CspDeprecatedDirective = "csp-deprecated-directive", Info, "DEPRECATED_DIRECTIVE";
    /// A directive CSP Evaluator does not know.
    CspUnknownDirective = "csp-unknown-directive", Syntax, "UNKNOWN_DIRECTIVE";
    /// A directive name used as a value: probably a missing `;`.
    CspMissingSemicolon = "csp-missing-semicolon", Syntax, "MISSING_SEMICOLON";
    /// A keyword, nonce or hash without its single quotes, or an unknown quoted keyword.
    CspInvalidKeyword = "csp-invalid-keyword", Syntax, "INVALID_KEYWORD";
    /// A source that browsers ignore: `'unsafe-inline'` next to a nonce or hash, hosts
    /// and `'self'` next to `'strict-dynamic'`.
    CspIgnoredSource = "csp-ignored-source", None, "IGNORED";
    /// A host or scheme allowlist in `script-src` without `'strict-dynamic'`.
    CspNoStrictDynamic = "csp-no-strict-dynamic", StrictCsp, "STRICT_DYNAMIC";
    /// `'strict-dynamic'` without a nonce or hash: every script is blocked.
    CspStrictDynamicWithoutNonce = "csp-strict-dynamic-without-nonce", Info, "STRICT_DYNAMIC_NOT_STANDALONE";
    /// Nonces or hashes without the `'unsafe-inline'` fallback for old browsers.
    CspNoUnsafeInlineFallback = "csp-no-unsafe-inline-fallback", StrictCsp, "UNSAFE_INLINE_FALLBACK";
    /// `'strict-dynamic'` without the `https:` fallback for old browsers.
    CspNoAllowlistFallback = "csp-no-allowlist-fallback", StrictCsp, "ALLOWLIST_FALLBACK";
    /// No `require-trusted-types-for 'script'`.
    CspNoTrustedTypes = "csp-no-trusted-types", Info, "REQUIRE_TRUSTED_TYPES_FOR_SCRIPTS";
    /// Neither `report-uri` nor `report-to`.
    CspNoReporting = "csp-no-reporting", Info, "REPORTING_DESTINATION_MISSING";
    /// `report-to` without `report-uri` (CSP Evaluator: only Chromium supports it).
    CspReportToOnly = "csp-report-to-only", Info, "REPORT_TO_ONLY";

    // ---- Content-Security-Policy: this crate's checks ----
    /// A nonce below 128 bits (fewer than 22 base64 characters): guessable.
    CspNonceTooShort = "csp-nonce-too-short", Error;
    /// A nonce written into a configuration (`'nonce-…'` typed in the policy, or
    /// [`Source::nonce_value`](crate::csp::Source::nonce_value)) rather than the
    /// per-request [`Source::nonce()`](crate::csp::Source::nonce): every response sends
    /// the same nonce, so injected markup can carry it and run.
    CspStaticNonce = "csp-static-nonce", High;
    /// `'unsafe-inline'` in the effective `style-src` without a nonce or hash: injected
    /// styles apply (CSS can exfiltrate data).
    CspStyleUnsafeInline = "csp-style-unsafe-inline", MediumMaybe;
    /// A directive given twice: browsers ignore the second one.
    CspDuplicateDirective = "csp-duplicate-directive", Syntax;
    /// A comma: the value is two policies, both enforced.
    CspMultiplePolicies = "csp-multiple-policies", Syntax;
    /// A source expression that does not follow the CSP grammar (browsers ignore it).
    CspInvalidSource = "csp-invalid-source", Syntax;
    /// A directive name with characters other than letters, digits and `-`.
    CspInvalidDirectiveName = "csp-invalid-directive-name", Syntax;
    /// A path in a `frame-ancestors` source: browsers compare only the embedding page's
    /// origin, so the path does not restrict anything (every page of the origin may frame).
    CspPathIgnored = "csp-path-ignored", Medium;
    /// `'none'` with other sources: browsers ignore the `'none'`.
    CspNoneWithSources = "csp-none-with-sources", Syntax;
    /// No `default-src`: fetch directives that are not set allow everything.
    CspMissingDefaultSrc = "csp-missing-default-src", Info;
    /// A policy without any directive.
    CspEmpty = "csp-empty", Syntax;
    /// A report-only policy without `report-uri` or `report-to`: it reports nothing.
    CspReportOnlyWithoutReporting = "csp-report-only-without-reporting", Medium;
    /// `report-to` names a group, but no `Reporting-Endpoints` (or `Report-To`) header
    /// declares it.
    CspReportToWithoutEndpoints = "csp-report-to-without-endpoints", Info;

    // ---- Strict-Transport-Security ----
    /// No `max-age`: browsers ignore the header.
    HstsMissingMaxAge = "hsts-missing-max-age", Error;
    /// A `max-age` that is not a number of seconds: browsers ignore the header.
    HstsInvalidMaxAge = "hsts-invalid-max-age", Error;
    /// `preload` without `includeSubDomains`, which the preload list requires.
    HstsPreloadNeedsSubdomains = "hsts-preload-needs-subdomains", Error;
    /// `preload` with a `max-age` under one year, which the preload list refuses.
    HstsPreloadMaxAge = "hsts-preload-max-age", Error;
    /// A `max-age` under six months.
    HstsShortMaxAge = "hsts-short-max-age", Medium;
    /// `max-age=0`: tells browsers to forget HSTS for the host.
    HstsMaxAgeZero = "hsts-max-age-zero", Info;
    /// HSTS on every response (`HstsMode::Always`, the default) of an application that
    /// also answers plain HTTP (it redirects to HTTPS or sits behind a proxy): RFC 6797
    /// §7.2 says a server must not send it there; `HstsMode::SecureOnly` follows the RFC.
    HstsOverPlainHttp = "hsts-over-plain-http", Info;
    /// A directive given twice: RFC 6797 makes the header invalid.
    HstsDuplicateDirective = "hsts-duplicate-directive", Syntax;
    /// An unknown directive (`maxage`, `includeSubdomain`, ...): ignored.
    HstsUnknownDirective = "hsts-unknown-directive", Syntax;

    // ---- Referrer-Policy ----
    /// A token that is not a referrer policy: ignored.
    ReferrerInvalidToken = "referrer-invalid-token", Syntax;
    /// No policy token at all: the header is ignored.
    ReferrerEmpty = "referrer-empty", Syntax;
    /// A policy given twice.
    ReferrerDuplicateToken = "referrer-duplicate-token", Info;
    /// The effective policy is `unsafe-url` or `no-referrer-when-downgrade`: full URLs
    /// go to other origins.
    ReferrerUnsafe = "referrer-unsafe", Medium;

    // ---- Permissions-Policy ----
    /// The value is not a valid Permissions-Policy dictionary.
    PermissionsInvalid = "permissions-invalid", Syntax;
    /// A feature browsers do not know (`vibrate`, a typo, ...): ignored.
    PermissionsUnknownFeature = "permissions-unknown-feature", Info;
    /// A powerful feature (camera, microphone, geolocation, ...) allowed for every origin.
    PermissionsWildcard = "permissions-wildcard", Medium;

    // ---- Single-value headers, Cache-Control, Clear-Site-Data ----
    /// `X-Frame-Options` other than `DENY` or `SAMEORIGIN`: ignored.
    XfoInvalid = "xfo-invalid", Syntax;
    /// `X-Frame-Options: ALLOW-FROM`: ignored by current browsers (use
    /// `frame-ancestors`).
    XfoAllowFrom = "xfo-allow-from", Medium;
    /// `X-Content-Type-Options` other than `nosniff`: ignored.
    XctoInvalid = "xcto-invalid", Syntax;
    /// `X-Download-Options` other than `noopen`: ignored.
    XDownloadOptionsInvalid = "x-download-options-invalid", Syntax;
    /// A `Cross-Origin-Opener-Policy` value browsers do not know.
    CoopInvalid = "coop-invalid", Syntax;
    /// A `Cross-Origin-Embedder-Policy` value browsers do not know.
    CoepInvalid = "coep-invalid", Syntax;
    /// A `Cross-Origin-Resource-Policy` value browsers do not know.
    CorpInvalid = "corp-invalid", Syntax;
    /// `X-XSS-Protection` other than `0`: the legacy XSS auditor can be abused; send `0`.
    XXssProtectionEnabled = "x-xss-protection-enabled", Info;
    /// `X-DNS-Prefetch-Control` other than `on` or `off`.
    XDnsPrefetchControlInvalid = "x-dns-prefetch-control-invalid", Syntax;
    /// An `X-Permitted-Cross-Domain-Policies` value that is not defined.
    XPermittedCrossDomainPoliciesInvalid = "x-permitted-cross-domain-policies-invalid", Syntax;
    /// `Origin-Agent-Cluster` other than `?1` or `?0`.
    OriginAgentClusterInvalid = "origin-agent-cluster-invalid", Syntax;
    /// A `Server` header that discloses a product version.
    ServerVersion = "server-version", Info;
    /// A `Cache-Control` value that does not parse.
    CacheControlInvalid = "cache-control-invalid", Syntax;
    /// A `Clear-Site-Data` value that does not parse.
    ClearSiteDataInvalid = "clear-site-data-invalid", Syntax;
    /// `Clear-Site-Data` configured for every response: every page load wipes data (and
    /// with `"cookies"` logs the user out). Send it only on the logout response.
    ClearSiteDataOnEveryResponse = "clear-site-data-on-every-response", Info;
    /// A `Reporting-Endpoints` value that does not parse.
    ReportingEndpointsInvalid = "reporting-endpoints-invalid", Syntax;
    /// A `Reporting-Endpoints` URL over plain `http:`: browsers only report to
    /// potentially trustworthy URLs.
    ReportingEndpointsInsecure = "reporting-endpoints-insecure", Medium;
    /// A `Document-Isolation-Policy` (or `-Report-Only`) value that is not defined.
    DipInvalid = "dip-invalid", Syntax;
    /// `Document-Isolation-Policy: isolate-and-credentialless` next to
    /// `Cross-Origin-Embedder-Policy: require-corp`: COEP still requires every
    /// cross-origin subresource to opt in, so the credentialless mode relaxes nothing.
    DipCredentiallessUnderRequireCorp = "dip-credentialless-under-require-corp", Info;
    /// An `Integrity-Policy` (or `-Report-Only`) value that does not parse.
    IntegrityPolicyInvalid = "integrity-policy-invalid", Syntax;
    /// An `Integrity-Policy` without blocked destinations: it checks nothing.
    IntegrityPolicyChecksNothing = "integrity-policy-checks-nothing", Medium;
    /// An `Integrity-Policy` destination or source that browsers do not know (ignored).
    IntegrityPolicyUnknownToken = "integrity-policy-unknown-token", Info;
    /// An `Integrity-Policy-Report-Only` without endpoints: no report leaves the page.
    IntegrityPolicyReportsNowhere = "integrity-policy-reports-nowhere", Medium;
    /// A reporting endpoint or group named by a header (`Integrity-Policy` `endpoints`,
    /// COOP/COEP/DIP `report-to`, a `Permissions-Policy` feature's `report-to`) that
    /// `Reporting-Endpoints` does not declare: its reports are dropped.
    ReportEndpointUndeclared = "report-endpoint-undeclared", Medium;
    /// A feature's `report-to` group written as a string (`report-to="pp"`, as the
    /// spec's prose says): Chromium reads only a token (`report-to=pp`) and sends the
    /// reports to the endpoint named `default` instead.
    PermissionsReportToString = "permissions-report-to-string", Medium;
    /// A `Permissions-Policy-Report-Only` feature without `report-to` while no
    /// `default` endpoint is declared: its reports go nowhere.
    PermissionsReportsNowhere = "permissions-reports-nowhere", Medium;
    /// A `NEL` value that does not parse.
    NelInvalid = "nel-invalid", Syntax;
    /// `NEL` whose `report_to` names no group of a `Report-To` header (NEL does not
    /// use `Reporting-Endpoints`): no network error is reported.
    NelGroupUndeclared = "nel-group-undeclared", Medium;
    /// A `NEL` or `Report-To` member browsers do not know (a typo such as
    /// `failure-fraction`): ignored.
    NelUnknownMember = "nel-unknown-member", Info;
    /// `NEL` with `failure_fraction` 0: failures, what NEL is for, are not reported.
    NelReportsNoFailure = "nel-reports-no-failure", Info;
    /// A `Report-To` value that does not parse.
    ReportToInvalid = "report-to-invalid", Syntax;
    /// A `Report-To` endpoint that is not `https`: browsers send no report to it.
    ReportToInsecureEndpoint = "report-to-insecure-endpoint", Medium;
    /// A header that takes one value is sent more than once.
    HeaderRepeated = "header-repeated", Syntax;
    /// A header that cannot be rendered or sent (invalid input given to a builder, or
    /// bytes that are not text).
    HeaderInvalid = "header-invalid", Error;

    // ---- Across headers ----
    /// `X-Frame-Options` says something else than `frame-ancestors`, which browsers
    /// obey instead.
    XfoFrameAncestorsMismatch = "xfo-frame-ancestors-mismatch", Medium;
    /// `Cross-Origin-Embedder-Policy: require-corp` without
    /// `Cross-Origin-Resource-Policy`: these responses, served as subresources to another
    /// origin that requires CORP, are blocked.
    CoepWithoutCorp = "coep-without-corp", MediumMaybe;
    /// No `Content-Security-Policy`.
    MissingCsp = "missing-csp", Medium;
    /// No `Strict-Transport-Security`.
    MissingHsts = "missing-hsts", Medium;
    /// Neither `X-Frame-Options` nor `frame-ancestors`: the page can be framed
    /// (clickjacking).
    MissingFramingProtection = "missing-framing-protection", Medium;
    /// No `X-Content-Type-Options: nosniff`.
    MissingXcto = "missing-xcto", Info;
    /// No `Referrer-Policy` (browsers then use `strict-origin-when-cross-origin`).
    MissingReferrerPolicy = "missing-referrer-policy", Info;
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(feature = "lint")]
/// Lints one raw `Content-Security-Policy` value.
///
/// Runs every check of Google's CSP Evaluator (its default checks on the effective
/// policy, its strict-CSP checks and its reporting check on the policy as written, for
/// CSP Level 3), with the same severities, directives and values, plus this crate's own
/// CSP rules (nonce entropy, `'unsafe-inline'` styles, duplicate directives, malformed
/// sources, ...). The value is read as CSP Evaluator and browsers read it: names are
/// case-insensitive, the first of a repeated directive wins. Problems of syntax are
/// findings of [`Severity::Syntax`]; this never panics. A finding is reported once, even
/// when several directives fall back to the one it is about. The per-request nonce slot
/// `'nonce-{nonce}'` (what [`Source::nonce()`](crate::csp::Source::nonce) renders, and
/// `secure-headers show` prints) is linted as the fresh nonce each request gets.
///
/// ```
/// use secure_headers::lint::{Rule, Severity, lint_csp};
///
/// let strict = lint_csp("script-src 'nonce-{nonce}' 'strict-dynamic' https: 'unsafe-inline'; object-src 'none'; base-uri 'none'");
/// assert!(strict.iter().all(|f| f.severity() > Severity::Medium), "{strict:?}");
/// // The two deliberate fallbacks, each explained once.
/// let ignored: Vec<_> = strict.iter().filter(|f| f.rule() == Rule::CspIgnoredSource).map(|f| f.value().unwrap()).collect();
/// assert_eq!(ignored, ["'unsafe-inline'", "https:"]);
/// ```
///
/// ```
/// use secure_headers::lint::{Rule, lint_csp};
///
/// let findings = lint_csp("script-src https://www.google.com self");
/// let rules: Vec<Rule> = findings.iter().map(|f| f.rule()).collect();
/// assert!(rules.contains(&Rule::CspKnownBypassHost)); // www.google.com serves JSONP
/// assert!(rules.contains(&Rule::CspInvalidKeyword)); // self without quotes
/// assert!(rules.contains(&Rule::CspMissingObjectSrc));
/// ```
#[must_use]
pub fn lint_csp(value: &str) -> Vec<Finding> {
    lint_policy(value, csp::HEADER)
}

#[cfg(feature = "lint")]
/// Lints a policy as configured: the per-request nonce slot (`'nonce-{nonce}'`, as
/// [`Source::nonce()`](crate::csp::Source::nonce) renders and `Display` prints it) is
/// linted as the nonce each request gets.
fn lint_policy(value: &str, header: &str) -> Vec<Finding> {
    if !value.contains(crate::nonce::NONCE_SOURCE) {
        return csp::lint(value, header);
    }
    let filled = value.replace(crate::nonce::NONCE_SOURCE, REQUEST_NONCE);
    csp::lint(&filled, header)
        .into_iter()
        .map(|mut f| {
            if f.value.as_deref() == Some(REQUEST_NONCE) {
                f.value = Some(crate::nonce::NONCE_SOURCE.into());
            }
            f
        })
        .collect()
}

#[cfg(feature = "lint")]
/// Lints the headers of a response: every header this crate knows, the headers against
/// each other, and the important headers that are missing.
///
/// Values with bytes above 0x7F (obs-text, which HTTP allows) are read as UTF-8 (U+FFFD
/// for what is not) and linted like the rest; repeated values of a header that takes one
/// are [`Rule::HeaderRepeated`]; several
/// `Content-Security-Policy` headers are each linted (browsers enforce them all).
///
/// ```
/// use secure_headers::http::{HeaderMap, HeaderValue};
/// use secure_headers::lint::{Rule, lint_headers};
///
/// let mut headers = HeaderMap::new();
/// headers.insert("strict-transport-security", HeaderValue::from_static("max-age=300; preload"));
/// headers.insert("x-frame-options", HeaderValue::from_static("DENY"));
/// headers.insert("content-security-policy", HeaderValue::from_static("frame-ancestors 'self'"));
/// let rules: Vec<Rule> = lint_headers(&headers).iter().map(|f| f.rule()).collect();
/// assert!(rules.contains(&Rule::HstsPreloadNeedsSubdomains));
/// assert!(rules.contains(&Rule::HstsPreloadMaxAge));
/// assert!(rules.contains(&Rule::XfoFrameAncestorsMismatch));
/// assert!(rules.contains(&Rule::MissingXcto));
/// ```
#[must_use]
pub fn lint_headers(headers: &http::HeaderMap) -> Vec<Finding> {
    // Bytes above 0x7F (obs-text) are allowed in a field value: they are read as UTF-8
    // where they are, and as U+FFFD where not, and linted with the rest.
    let texts: Vec<(&str, Cow<'_, str>)> = headers
        .iter()
        .map(|(name, value)| (name.as_str(), String::from_utf8_lossy(value.as_bytes())))
        .collect();
    let pairs: Vec<(&str, &str)> = texts.iter().map(|(n, v)| (*n, v.as_ref())).collect();
    lint_pairs(&pairs, Scope::Response)
}

#[cfg(feature = "lint")]
/// Lints the headers a [`Secure`] sends, as [`lint_headers`] lints a response, plus the
/// checks that only make sense for a configuration applied to every response
/// ([`Rule::ClearSiteDataOnEveryResponse`]).
///
/// ```
/// use secure_headers::lint::{Severity, lint_secure};
/// use secure_headers::{Preset, Secure};
///
/// for preset in Preset::ALL {
///     let findings = lint_secure(&Secure::from_preset(preset));
///     assert!(findings.iter().all(|f| f.severity() != Severity::Error));
/// }
/// ```
#[must_use]
pub fn lint_secure(secure: &Secure) -> Vec<Finding> {
    let pairs: Vec<(&str, &str)> = secure.header_items().collect();
    let mut findings = lint_pairs(&pairs, Scope::Configuration);
    let transport = &secure.inner.transport;
    let hsts = pairs
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("strict-transport-security"));
    if let Some((name, value)) = hsts
        && transport.hsts == crate::transport::HstsMode::Always
        && transport.answers_plain_http()
    {
        findings.push(
            Finding::new(
                Rule::HstsOverPlainHttp,
                name,
                "sent on plain-HTTP responses too (RFC 6797 section 7.2 says not to); \
                 HstsMode::SecureOnly sends it only on secure requests",
            )
            .value_is(value),
        );
    }
    findings
}

#[cfg(feature = "lint")]
/// What the headers being linted are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    /// One response's headers.
    Response,
    /// A configuration sent on every response.
    Configuration,
}

#[cfg(feature = "lint")]
/// What a per-request nonce (`'nonce-{nonce}'` in a configuration) is linted as: a nonce
/// as long as the ones the middleware generates (24 base64 characters, 144 bits).
const REQUEST_NONCE: &str = "'nonce-UmVxdWVzdE5vbmNlMTQ0Yml0'";

#[cfg(feature = "lint")]
/// Lints `(name, value)` pairs: each known header, then the set as a whole.
pub(crate) fn lint_pairs(pairs: &[(&str, &str)], scope: Scope) -> Vec<Finding> {
    let mut findings = Vec::new();
    let values = |name: &str| -> Vec<&str> {
        pairs
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
            .collect()
    };
    for name in crate::registry::with_report_only(csp::HEADER) {
        for value in values(name) {
            if scope == Scope::Configuration {
                findings.extend(lint_policy(value, name));
            } else {
                // A response that carries the slot itself was sent unfilled: lint it as
                // browsers read it.
                findings.extend(csp::lint(value, name));
            }
            if scope == Scope::Configuration {
                findings.extend(csp::lint_static_nonces(value, name));
            }
        }
    }
    let list = |name: &str| -> Option<String> {
        let v = values(name);
        (!v.is_empty()).then(|| v.join(", "))
    };
    for name in crate::registry::with_report_only(permissions::HEADER) {
        if let Some(v) = list(name) {
            findings.extend(permissions::lint(&v, name));
        }
    }
    if let Some(v) = list(nel::REPORT_TO) {
        findings.extend(nel::lint_report_to(&v));
    }
    for v in values(nel::NEL) {
        findings.extend(nel::lint_nel(v));
    }
    if let Some(v) = list(referrer::HEADER) {
        findings.extend(referrer::lint(&v));
    }
    if let Some(v) = list(simple::CACHE_CONTROL) {
        findings.extend(simple::lint_cache_control(&v));
    }
    if let Some(v) = list(simple::CLEAR_SITE_DATA) {
        findings.extend(simple::lint_clear_site_data(&v, scope));
    }
    if let Some(v) = list(simple::REPORTING_ENDPOINTS) {
        findings.extend(simple::lint_reporting_endpoints(&v));
    }
    for (i, name) in crate::registry::with_report_only("Integrity-Policy").enumerate() {
        if let Some(v) = list(name) {
            findings.extend(integrity::lint(&v, i == 1));
        }
    }
    let single = simple::SINGLE
        .into_iter()
        .flat_map(crate::registry::with_report_only);
    for name in single.chain([hsts::HEADER]) {
        let v = values(name);
        let Some(first) = v.first() else {
            continue;
        };
        if v.len() > 1 && scope == Scope::Response {
            let message = format!(
                "{name} is sent {} times; it takes one value, so browsers may ignore it",
                v.len()
            );
            findings.push(Finding::new(Rule::HeaderRepeated, name, message));
        }
        if name == hsts::HEADER {
            findings.extend(hsts::lint(first));
        } else {
            findings.extend(simple::lint(name, first));
        }
    }
    findings.extend(cross_header::lint(pairs));
    findings
}

pub(crate) use checks::errors;

#[cfg(all(test, feature = "lint"))]
mod tests;
