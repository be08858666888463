//! Every rule of the linter, with its id, its CSP Evaluator type and its severity, from one table.

use std::fmt;

use super::Severity;

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
    /// An `X-Powered-By` header that discloses a product version (`PHP/8.2.1`,
    /// `ASP.NET 4.0.30319`).
    PoweredByVersion = "x-powered-by-version", Info;
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
