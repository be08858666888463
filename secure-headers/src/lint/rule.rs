//! Every rule of the linter, with its id, its CSP Evaluator type and its severity, from one table.

use std::fmt;

use super::Severity;

/// A lint rule, with a stable kebab-case id ([`as_str`](Rule::as_str)).
///
/// Rules that mirror a check of Google's CSP Evaluator map to its finding type
/// with [`csp_evaluator_type`](Rule::csp_evaluator_type) and report the same
/// severity, directive and value; several rules may map to one type (CSP
/// Evaluator's `MISSING_DIRECTIVES` is three rules here, one per directive).
///
/// | Rule | Severity | CSP Evaluator type |
/// |---|---|---|
/// | `csp-unsafe-inline` | High | `SCRIPT_UNSAFE_INLINE` |
/// | `csp-unsafe-hashes` | MediumMaybe | `SCRIPT_UNSAFE_HASHES` |
/// | `csp-unsafe-eval` | MediumMaybe | `SCRIPT_UNSAFE_EVAL` |
/// | `csp-plain-url-scheme` | High | `PLAIN_URL_SCHEMES` |
/// | `csp-wildcard` | High | `PLAIN_WILDCARD` |
/// | `csp-missing-object-src` | High | `MISSING_DIRECTIVES` |
/// | `csp-missing-script-src` | High | `MISSING_DIRECTIVES` |
/// | `csp-missing-base-uri` | High | `MISSING_DIRECTIVES` |
/// | `csp-self-allowlist` | MediumMaybe | `SCRIPT_ALLOWLIST_BYPASS` |
/// | `csp-known-bypass-host` | High | `SCRIPT_ALLOWLIST_BYPASS` |
/// | `csp-host-allowlist` | MediumMaybe | `SCRIPT_ALLOWLIST_BYPASS` |
/// | `csp-object-bypass-host` | High | `OBJECT_ALLOWLIST_BYPASS` |
/// | `csp-object-allowlist` | MediumMaybe | `OBJECT_ALLOWLIST_BYPASS` |
/// | `csp-ip-source` | Info | `IP_SOURCE` |
/// | `csp-nonce-length` | Medium | `NONCE_LENGTH` |
/// | `csp-nonce-charset` | Info | `NONCE_CHARSET` |
/// | `csp-http-source` | Medium | `SRC_HTTP` |
/// | `csp-deprecated-directive` | Info | `DEPRECATED_DIRECTIVE` |
/// | `csp-unknown-directive` | Syntax | `UNKNOWN_DIRECTIVE` |
/// | `csp-missing-semicolon` | Syntax | `MISSING_SEMICOLON` |
/// | `csp-invalid-keyword` | Syntax | `INVALID_KEYWORD` |
/// | `csp-ignored-source` | None | `IGNORED` |
/// | `csp-no-strict-dynamic` | StrictCsp | `STRICT_DYNAMIC` |
/// | `csp-strict-dynamic-without-nonce` | Info | `STRICT_DYNAMIC_NOT_STANDALONE` |
/// | `csp-no-unsafe-inline-fallback` | StrictCsp | `UNSAFE_INLINE_FALLBACK` |
/// | `csp-no-allowlist-fallback` | StrictCsp | `ALLOWLIST_FALLBACK` |
/// | `csp-no-trusted-types` | Info | `REQUIRE_TRUSTED_TYPES_FOR_SCRIPTS` |
/// | `csp-no-reporting` | Info | `REPORTING_DESTINATION_MISSING` |
/// | `csp-report-to-only` | Info | `REPORT_TO_ONLY` |
/// | `csp-nonce-too-short` | Error | |
/// | `csp-static-nonce` | High | |
/// | `csp-style-unsafe-inline` | MediumMaybe | |
/// | `csp-duplicate-directive` | Syntax | |
/// | `csp-multiple-policies` | Syntax | |
/// | `csp-invalid-source` | Syntax | |
/// | `csp-invalid-directive-name` | Syntax | |
/// | `csp-path-ignored` | Medium | |
/// | `csp-none-with-sources` | Syntax | |
/// | `csp-missing-default-src` | Info | |
/// | `csp-empty` | Syntax | |
/// | `csp-report-only-without-reporting` | Medium | |
/// | `csp-ignored-in-report-only` | Info | |
/// | `csp-report-to-without-endpoints` | Info | |
/// | `hsts-missing-max-age` | Error | |
/// | `hsts-invalid-max-age` | Error | |
/// | `hsts-preload-needs-subdomains` | Error | |
/// | `hsts-preload-max-age` | Error | |
/// | `hsts-short-max-age` | Medium | |
/// | `hsts-max-age-zero` | Info | |
/// | `hsts-over-plain-http` | Info | |
/// | `hsts-duplicate-directive` | Syntax | |
/// | `hsts-unknown-directive` | Syntax | |
/// | `referrer-invalid-token` | Syntax | |
/// | `referrer-empty` | Syntax | |
/// | `referrer-duplicate-token` | Info | |
/// | `referrer-unsafe` | Medium | |
/// | `permissions-invalid` | Syntax | |
/// | `permissions-unknown-feature` | Info | |
/// | `permissions-wildcard` | Medium | |
/// | `permissions-src-in-header` | Info | |
/// | `xfo-invalid` | Syntax | |
/// | `xfo-allow-from` | Medium | |
/// | `xcto-invalid` | Syntax | |
/// | `x-download-options-invalid` | Syntax | |
/// | `coop-invalid` | Syntax | |
/// | `coep-invalid` | Syntax | |
/// | `corp-invalid` | Syntax | |
/// | `x-xss-protection-enabled` | Info | |
/// | `x-dns-prefetch-control-invalid` | Syntax | |
/// | `x-permitted-cross-domain-policies-invalid` | Syntax | |
/// | `origin-agent-cluster-invalid` | Syntax | |
/// | `server-version` | Info | |
/// | `x-powered-by-version` | Info | |
/// | `cache-control-invalid` | Syntax | |
/// | `clear-site-data-invalid` | Syntax | |
/// | `clear-site-data-on-every-response` | Info | |
/// | `reporting-endpoints-invalid` | Syntax | |
/// | `reporting-endpoints-insecure` | Medium | |
/// | `dip-invalid` | Syntax | |
/// | `dip-credentialless-under-require-corp` | Info | |
/// | `dip-sends-no-reports` | Info | |
/// | `integrity-policy-invalid` | Syntax | |
/// | `integrity-policy-checks-nothing` | Medium | |
/// | `integrity-policy-unknown-token` | Info | |
/// | `integrity-policy-reports-nowhere` | Medium | |
/// | `document-policy-invalid` | Syntax | |
/// | `document-policy-reports-nowhere` | Medium | |
/// | `document-policy-feature-unavailable` | Info | |
/// | `report-endpoint-undeclared` | Medium | |
/// | `permissions-report-to-string` | Medium | |
/// | `report-to-token` | Medium | |
/// | `permissions-reports-nowhere` | Medium | |
/// | `nel-invalid` | Syntax | |
/// | `nel-group-undeclared` | Medium | |
/// | `nel-unknown-member` | Info | |
/// | `nel-reports-no-failure` | Info | |
/// | `report-to-invalid` | Syntax | |
/// | `report-to-insecure-endpoint` | Medium | |
/// | `header-repeated` | Syntax | |
/// | `header-invalid` | Error | |
/// | `xfo-frame-ancestors-mismatch` | Medium | |
/// | `coep-without-corp` | MediumMaybe | |
/// | `missing-csp` | Medium | |
/// | `missing-hsts` | Medium | |
/// | `missing-framing-protection` | Medium | |
/// | `missing-xcto` | Info | |
/// | `missing-referrer-policy` | Info | |
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
    // ---- Content-Security-Policy: the checks of CSP Evaluator ----
    /// `'unsafe-inline'` in the effective `script-src` (and `-attr`, `-elem`): injected
    /// inline scripts and event handlers run.
    CspUnsafeInline,
    /// `'unsafe-hashes'` in the effective script directives.
    CspUnsafeHashes,
    /// `'unsafe-eval'` in the effective script directives.
    CspUnsafeEval,
    /// `data:`, `http:` or `https:` alone in a script directive, `object-src` or
    /// `base-uri`: any script of that scheme runs.
    CspPlainUrlScheme,
    /// `*` in a script directive, `object-src` or `base-uri`.
    CspWildcard,
    /// Neither `object-src` nor `default-src` restricts plugins.
    CspMissingObjectSrc,
    /// Neither `script-src` nor `default-src` restricts scripts.
    CspMissingScriptSrc,
    /// A nonce- or hash-based policy without `base-uri`: an injected `<base>` redirects
    /// relative script URLs.
    CspMissingBaseUri,
    /// `'self'` in `script-src`: problematic if the site hosts JSONP, AngularJS or user
    /// uploads.
    CspSelfAllowlist,
    /// An allowlisted script host known to serve JSONP endpoints or AngularJS.
    CspKnownBypassHost,
    /// Any other allowlisted script host: make sure it serves no JSONP or AngularJS.
    CspHostAllowlist,
    /// An `object-src` host known to serve Flash files that bypass the policy.
    CspObjectBypassHost,
    /// An `object-src` other than `'none'`.
    CspObjectAllowlist,
    /// An IP address as a source (browsers ignore it), or `127.0.0.1`.
    CspIpSource,
    /// A nonce shorter than 8 characters.
    CspNonceLength,
    /// A nonce outside the base64 / base64url character set.
    CspNonceCharset,
    /// An `http://` source (or an `http://` report URI).
    CspHttpSource,
    /// A deprecated directive: `reflected-xss`, `referrer`, `disown-opener`,
    /// `prefetch-src`.
    CspDeprecatedDirective,
    /// A directive CSP Evaluator does not know.
    CspUnknownDirective,
    /// A directive name used as a value: probably a missing `;`.
    CspMissingSemicolon,
    /// A keyword, nonce or hash without its single quotes, or an unknown quoted keyword.
    CspInvalidKeyword,
    /// A source that browsers ignore: `'unsafe-inline'` next to a nonce or hash, hosts
    /// and `'self'` next to `'strict-dynamic'`.
    CspIgnoredSource,
    /// A host or scheme allowlist in `script-src` without `'strict-dynamic'`.
    CspNoStrictDynamic,
    /// `'strict-dynamic'` without a nonce or hash: every script is blocked.
    CspStrictDynamicWithoutNonce,
    /// Nonces or hashes without the `'unsafe-inline'` fallback for old browsers.
    CspNoUnsafeInlineFallback,
    /// `'strict-dynamic'` without the `https:` fallback for old browsers.
    CspNoAllowlistFallback,
    /// No `require-trusted-types-for 'script'`.
    CspNoTrustedTypes,
    /// Neither `report-uri` nor `report-to`.
    CspNoReporting,
    /// `report-to` without `report-uri` (CSP Evaluator: only Chromium supports it).
    CspReportToOnly,

    // ---- Content-Security-Policy: this crate's checks ----
    /// A nonce below 128 bits (fewer than 22 base64 characters): guessable.
    CspNonceTooShort,
    /// A nonce written into a configuration (`'nonce-…'` typed in the policy, or
    /// [`Source::nonce_value`](crate::csp::Source::nonce_value)) rather than the
    /// per-request [`Source::nonce()`](crate::csp::Source::nonce): every response sends
    /// the same nonce, so injected markup can carry it and run.
    CspStaticNonce,
    /// `'unsafe-inline'` in the effective `style-src` without a nonce or hash: injected
    /// styles apply (CSS can exfiltrate data).
    CspStyleUnsafeInline,
    /// A directive given twice: browsers ignore the second one.
    CspDuplicateDirective,
    /// A comma: the value is two policies, both enforced.
    CspMultiplePolicies,
    /// A source expression that does not follow the CSP grammar (browsers ignore it).
    CspInvalidSource,
    /// A directive name with characters other than letters, digits and `-`.
    CspInvalidDirectiveName,
    /// A path in a `frame-ancestors` source: browsers compare only the embedding page's
    /// origin, so the path does not restrict anything (every page of the origin may frame).
    CspPathIgnored,
    /// `'none'` with other sources: browsers ignore the `'none'`.
    CspNoneWithSources,
    /// No `default-src`: fetch directives that are not set allow everything.
    CspMissingDefaultSrc,
    /// A policy without any directive.
    CspEmpty,
    /// A report-only policy without `report-uri` or `report-to`: it reports nothing.
    CspReportOnlyWithoutReporting,
    /// `sandbox` or `upgrade-insecure-requests` in a report-only policy: browsers ignore
    /// them there (they neither apply nor report), so the rollout says nothing of them.
    CspIgnoredInReportOnly,
    /// `report-to` names a group, but no `Reporting-Endpoints` (or `Report-To`) header
    /// declares it.
    CspReportToWithoutEndpoints,

    // ---- Strict-Transport-Security ----
    /// No `max-age`: browsers ignore the header.
    HstsMissingMaxAge,
    /// A `max-age` that is not a number of seconds: browsers ignore the header.
    HstsInvalidMaxAge,
    /// `preload` without `includeSubDomains`, which the preload list requires.
    HstsPreloadNeedsSubdomains,
    /// `preload` with a `max-age` under one year, which the preload list refuses.
    HstsPreloadMaxAge,
    /// A `max-age` under six months.
    HstsShortMaxAge,
    /// `max-age=0`: tells browsers to forget HSTS for the host.
    HstsMaxAgeZero,
    /// HSTS on every response (`HstsMode::Always`, the default) of an application that
    /// also answers plain HTTP (it redirects to HTTPS or sits behind a proxy): RFC 6797
    /// §7.2 says a server must not send it there; `HstsMode::SecureOnly` follows the RFC.
    HstsOverPlainHttp,
    /// A directive given twice: RFC 6797 makes the header invalid.
    HstsDuplicateDirective,
    /// An unknown directive (`maxage`, `includeSubdomain`, ...): ignored.
    HstsUnknownDirective,

    // ---- Referrer-Policy ----
    /// A token that is not a referrer policy: ignored.
    ReferrerInvalidToken,
    /// No policy token at all: the header is ignored.
    ReferrerEmpty,
    /// A policy given twice.
    ReferrerDuplicateToken,
    /// The effective policy is `unsafe-url` or `no-referrer-when-downgrade`: full URLs
    /// go to other origins.
    ReferrerUnsafe,

    // ---- Permissions-Policy ----
    /// The value is not a valid Permissions-Policy dictionary.
    PermissionsInvalid,
    /// A feature browsers do not know (`vibrate`, a typo, ...): ignored.
    PermissionsUnknownFeature,
    /// A powerful feature (camera, microphone, geolocation, ...) allowed for every origin.
    PermissionsWildcard,
    /// `src` in the header's allowlist: it means the origin of an iframe's `src` only in
    /// the iframe's `allow` attribute, and browsers ignore it in the header (`camera=(src)`
    /// there allows no origin).
    PermissionsSrcInHeader,

    // ---- Single-value headers, Cache-Control, Clear-Site-Data ----
    /// `X-Frame-Options` other than `DENY` or `SAMEORIGIN`: ignored.
    XfoInvalid,
    /// `X-Frame-Options: ALLOW-FROM`: ignored by current browsers (use
    /// `frame-ancestors`).
    XfoAllowFrom,
    /// `X-Content-Type-Options` other than `nosniff`: ignored.
    XctoInvalid,
    /// `X-Download-Options` other than `noopen`: ignored.
    XDownloadOptionsInvalid,
    /// A `Cross-Origin-Opener-Policy` value browsers do not know, or one that is not a
    /// structured-field item (`Report-To="g"`: Chromium drops the whole header).
    CoopInvalid,
    /// A `Cross-Origin-Embedder-Policy` value browsers do not know, or one that is not a
    /// structured-field item (`Report-To="g"`: Chromium drops the whole header).
    CoepInvalid,
    /// A `Cross-Origin-Resource-Policy` value browsers do not know.
    CorpInvalid,
    /// `X-XSS-Protection` other than `0`: the legacy XSS auditor can be abused; send `0`.
    XXssProtectionEnabled,
    /// `X-DNS-Prefetch-Control` other than `on` or `off`.
    XDnsPrefetchControlInvalid,
    /// An `X-Permitted-Cross-Domain-Policies` value that is not defined.
    XPermittedCrossDomainPoliciesInvalid,
    /// `Origin-Agent-Cluster` other than `?1` or `?0`.
    OriginAgentClusterInvalid,
    /// A `Server` header that discloses a product version.
    ServerVersion,
    /// An `X-Powered-By` header that discloses a product version (`PHP/8.2.1`,
    /// `ASP.NET 4.0.30319`).
    PoweredByVersion,
    /// A `Cache-Control` value that does not parse.
    CacheControlInvalid,
    /// A `Clear-Site-Data` value that does not parse.
    ClearSiteDataInvalid,
    /// `Clear-Site-Data` configured for every response: every page load wipes data (and
    /// with `"cookies"` logs the user out). Send it only on the logout response.
    ClearSiteDataOnEveryResponse,
    /// A `Reporting-Endpoints` value that does not parse.
    ReportingEndpointsInvalid,
    /// A `Reporting-Endpoints` URL over plain `http:`: browsers only report to
    /// potentially trustworthy URLs.
    ReportingEndpointsInsecure,
    /// A `Document-Isolation-Policy` (or `-Report-Only`) value that is not defined, or
    /// not a structured-field item.
    DipInvalid,
    /// `Document-Isolation-Policy: isolate-and-credentialless` next to
    /// `Cross-Origin-Embedder-Policy: require-corp`: COEP still requires every
    /// cross-origin subresource to opt in, so the credentialless mode relaxes nothing.
    DipCredentiallessUnderRequireCorp,
    /// `Document-Isolation-Policy-Report-Only`, or a `Document-Isolation-Policy` with
    /// `report-to`: Chromium enforces the policy but sends no report for it, so the
    /// report-only form has no effect and the group receives nothing.
    DipSendsNoReports,
    /// An `Integrity-Policy` (or `-Report-Only`) value that does not parse.
    IntegrityPolicyInvalid,
    /// An `Integrity-Policy` without blocked destinations: it checks nothing.
    IntegrityPolicyChecksNothing,
    /// An `Integrity-Policy` destination or source that browsers do not know (ignored).
    IntegrityPolicyUnknownToken,
    /// An `Integrity-Policy-Report-Only` without endpoints: no report leaves the page.
    IntegrityPolicyReportsNowhere,
    /// A `Document-Policy` (or `-Report-Only`) value that is not a structured-field
    /// dictionary (Chromium drops the whole header), or a member Chromium ignores: a known
    /// feature with a value of the wrong type (`oversized-images=?1`), or a member named
    /// `report-to` (the default group is `*;report-to=group`).
    DocumentPolicyInvalid,
    /// A `Document-Policy-Report-Only` feature with no `report-to` of its own while the
    /// policy has no default group (`*;report-to=group`): Chromium sends its reports to no
    /// endpoint (unlike Permissions-Policy, not to one named `default`).
    DocumentPolicyReportsNowhere,
    /// A `Document-Policy` feature Chromium knows but keeps behind a runtime flag
    /// (`oversized-images`, `unsized-media`, the image bits-per-pixel limits): a default
    /// build ignores it.
    DocumentPolicyFeatureUnavailable,
    /// A reporting endpoint or group named by a header (`Integrity-Policy` `endpoints`,
    /// COOP/COEP/DIP `report-to`, a `Permissions-Policy` feature's `report-to`, a
    /// `Document-Policy`'s default `*;report-to` or a feature's `;report-to`, and the same in
    /// their `-Report-Only` forms) that `Reporting-Endpoints` does not declare: its reports
    /// are dropped.
    ReportEndpointUndeclared,
    /// A feature's `report-to` group written as a string (`report-to="pp"`, as the
    /// spec's prose says): Chromium reads only a token (`report-to=pp`) and sends the
    /// reports to the endpoint named `default` instead.
    PermissionsReportToString,
    /// `Cross-Origin-Opener-Policy` or `Cross-Origin-Embedder-Policy` (or a report-only
    /// form) with `report-to` as a token (`report-to=main`): Chromium reads it only as a
    /// string (`report-to="main"`) and sends no report.
    ReportToToken,
    /// A `Permissions-Policy-Report-Only` feature without `report-to` while no
    /// `default` endpoint is declared: its reports go nowhere.
    PermissionsReportsNowhere,
    /// A `NEL` value that does not parse.
    NelInvalid,
    /// `NEL` whose `report_to` names no group of a `Report-To` header (NEL does not
    /// use `Reporting-Endpoints`): no network error is reported.
    NelGroupUndeclared,
    /// A `NEL` or `Report-To` member browsers do not know (a typo such as
    /// `failure-fraction`): ignored.
    NelUnknownMember,
    /// `NEL` with `failure_fraction` 0: failures, what NEL is for, are not reported.
    NelReportsNoFailure,
    /// A `Report-To` value that does not parse.
    ReportToInvalid,
    /// A `Report-To` endpoint that is not `https`: browsers send no report to it.
    ReportToInsecureEndpoint,
    /// A header that takes one value is sent more than once.
    HeaderRepeated,
    /// A header that cannot be rendered or sent (invalid input given to a builder, or
    /// bytes that are not text); for a header without rules of its own, a value its
    /// type's `value(..)` refuses.
    HeaderInvalid,

    // ---- Across headers ----
    /// `X-Frame-Options` says something else than `frame-ancestors`, which browsers
    /// obey instead.
    XfoFrameAncestorsMismatch,
    /// `Cross-Origin-Embedder-Policy: require-corp` without
    /// `Cross-Origin-Resource-Policy`: these responses, served as subresources to another
    /// origin that requires CORP, are blocked.
    CoepWithoutCorp,
    /// No `Content-Security-Policy`.
    MissingCsp,
    /// No `Strict-Transport-Security`.
    MissingHsts,
    /// Neither `X-Frame-Options` nor `frame-ancestors`: the page can be framed
    /// (clickjacking).
    MissingFramingProtection,
    /// No `X-Content-Type-Options: nosniff`.
    MissingXcto,
    /// No `Referrer-Policy` (browsers then use `strict-origin-when-cross-origin`).
    MissingReferrerPolicy,
}

/// Each [`Rule`]'s id, severity and CSP Evaluator type, one row per variant, in the
/// variants' order (the row of a variant is at its index).
#[rustfmt::skip]
const RULES: &[(Rule, &str, Severity, Option<&str>)] = &[
    (Rule::CspUnsafeInline, "csp-unsafe-inline", Severity::High, Some("SCRIPT_UNSAFE_INLINE")),
    (Rule::CspUnsafeHashes, "csp-unsafe-hashes", Severity::MediumMaybe, Some("SCRIPT_UNSAFE_HASHES")),
    (Rule::CspUnsafeEval, "csp-unsafe-eval", Severity::MediumMaybe, Some("SCRIPT_UNSAFE_EVAL")),
    (Rule::CspPlainUrlScheme, "csp-plain-url-scheme", Severity::High, Some("PLAIN_URL_SCHEMES")),
    (Rule::CspWildcard, "csp-wildcard", Severity::High, Some("PLAIN_WILDCARD")),
    (Rule::CspMissingObjectSrc, "csp-missing-object-src", Severity::High, Some("MISSING_DIRECTIVES")),
    (Rule::CspMissingScriptSrc, "csp-missing-script-src", Severity::High, Some("MISSING_DIRECTIVES")),
    (Rule::CspMissingBaseUri, "csp-missing-base-uri", Severity::High, Some("MISSING_DIRECTIVES")),
    (Rule::CspSelfAllowlist, "csp-self-allowlist", Severity::MediumMaybe, Some("SCRIPT_ALLOWLIST_BYPASS")),
    (Rule::CspKnownBypassHost, "csp-known-bypass-host", Severity::High, Some("SCRIPT_ALLOWLIST_BYPASS")),
    (Rule::CspHostAllowlist, "csp-host-allowlist", Severity::MediumMaybe, Some("SCRIPT_ALLOWLIST_BYPASS")),
    (Rule::CspObjectBypassHost, "csp-object-bypass-host", Severity::High, Some("OBJECT_ALLOWLIST_BYPASS")),
    (Rule::CspObjectAllowlist, "csp-object-allowlist", Severity::MediumMaybe, Some("OBJECT_ALLOWLIST_BYPASS")),
    (Rule::CspIpSource, "csp-ip-source", Severity::Info, Some("IP_SOURCE")),
    (Rule::CspNonceLength, "csp-nonce-length", Severity::Medium, Some("NONCE_LENGTH")),
    (Rule::CspNonceCharset, "csp-nonce-charset", Severity::Info, Some("NONCE_CHARSET")),
    (Rule::CspHttpSource, "csp-http-source", Severity::Medium, Some("SRC_HTTP")),
    (Rule::CspDeprecatedDirective, "csp-deprecated-directive", Severity::Info, Some("DEPRECATED_DIRECTIVE")),
    (Rule::CspUnknownDirective, "csp-unknown-directive", Severity::Syntax, Some("UNKNOWN_DIRECTIVE")),
    (Rule::CspMissingSemicolon, "csp-missing-semicolon", Severity::Syntax, Some("MISSING_SEMICOLON")),
    (Rule::CspInvalidKeyword, "csp-invalid-keyword", Severity::Syntax, Some("INVALID_KEYWORD")),
    (Rule::CspIgnoredSource, "csp-ignored-source", Severity::None, Some("IGNORED")),
    (Rule::CspNoStrictDynamic, "csp-no-strict-dynamic", Severity::StrictCsp, Some("STRICT_DYNAMIC")),
    (Rule::CspStrictDynamicWithoutNonce, "csp-strict-dynamic-without-nonce", Severity::Info, Some("STRICT_DYNAMIC_NOT_STANDALONE")),
    (Rule::CspNoUnsafeInlineFallback, "csp-no-unsafe-inline-fallback", Severity::StrictCsp, Some("UNSAFE_INLINE_FALLBACK")),
    (Rule::CspNoAllowlistFallback, "csp-no-allowlist-fallback", Severity::StrictCsp, Some("ALLOWLIST_FALLBACK")),
    (Rule::CspNoTrustedTypes, "csp-no-trusted-types", Severity::Info, Some("REQUIRE_TRUSTED_TYPES_FOR_SCRIPTS")),
    (Rule::CspNoReporting, "csp-no-reporting", Severity::Info, Some("REPORTING_DESTINATION_MISSING")),
    (Rule::CspReportToOnly, "csp-report-to-only", Severity::Info, Some("REPORT_TO_ONLY")),
    (Rule::CspNonceTooShort, "csp-nonce-too-short", Severity::Error, None),
    (Rule::CspStaticNonce, "csp-static-nonce", Severity::High, None),
    (Rule::CspStyleUnsafeInline, "csp-style-unsafe-inline", Severity::MediumMaybe, None),
    (Rule::CspDuplicateDirective, "csp-duplicate-directive", Severity::Syntax, None),
    (Rule::CspMultiplePolicies, "csp-multiple-policies", Severity::Syntax, None),
    (Rule::CspInvalidSource, "csp-invalid-source", Severity::Syntax, None),
    (Rule::CspInvalidDirectiveName, "csp-invalid-directive-name", Severity::Syntax, None),
    (Rule::CspPathIgnored, "csp-path-ignored", Severity::Medium, None),
    (Rule::CspNoneWithSources, "csp-none-with-sources", Severity::Syntax, None),
    (Rule::CspMissingDefaultSrc, "csp-missing-default-src", Severity::Info, None),
    (Rule::CspEmpty, "csp-empty", Severity::Syntax, None),
    (Rule::CspReportOnlyWithoutReporting, "csp-report-only-without-reporting", Severity::Medium, None),
    (Rule::CspIgnoredInReportOnly, "csp-ignored-in-report-only", Severity::Info, None),
    (Rule::CspReportToWithoutEndpoints, "csp-report-to-without-endpoints", Severity::Info, None),
    (Rule::HstsMissingMaxAge, "hsts-missing-max-age", Severity::Error, None),
    (Rule::HstsInvalidMaxAge, "hsts-invalid-max-age", Severity::Error, None),
    (Rule::HstsPreloadNeedsSubdomains, "hsts-preload-needs-subdomains", Severity::Error, None),
    (Rule::HstsPreloadMaxAge, "hsts-preload-max-age", Severity::Error, None),
    (Rule::HstsShortMaxAge, "hsts-short-max-age", Severity::Medium, None),
    (Rule::HstsMaxAgeZero, "hsts-max-age-zero", Severity::Info, None),
    (Rule::HstsOverPlainHttp, "hsts-over-plain-http", Severity::Info, None),
    (Rule::HstsDuplicateDirective, "hsts-duplicate-directive", Severity::Syntax, None),
    (Rule::HstsUnknownDirective, "hsts-unknown-directive", Severity::Syntax, None),
    (Rule::ReferrerInvalidToken, "referrer-invalid-token", Severity::Syntax, None),
    (Rule::ReferrerEmpty, "referrer-empty", Severity::Syntax, None),
    (Rule::ReferrerDuplicateToken, "referrer-duplicate-token", Severity::Info, None),
    (Rule::ReferrerUnsafe, "referrer-unsafe", Severity::Medium, None),
    (Rule::PermissionsInvalid, "permissions-invalid", Severity::Syntax, None),
    (Rule::PermissionsUnknownFeature, "permissions-unknown-feature", Severity::Info, None),
    (Rule::PermissionsWildcard, "permissions-wildcard", Severity::Medium, None),
    (Rule::PermissionsSrcInHeader, "permissions-src-in-header", Severity::Info, None),
    (Rule::XfoInvalid, "xfo-invalid", Severity::Syntax, None),
    (Rule::XfoAllowFrom, "xfo-allow-from", Severity::Medium, None),
    (Rule::XctoInvalid, "xcto-invalid", Severity::Syntax, None),
    (Rule::XDownloadOptionsInvalid, "x-download-options-invalid", Severity::Syntax, None),
    (Rule::CoopInvalid, "coop-invalid", Severity::Syntax, None),
    (Rule::CoepInvalid, "coep-invalid", Severity::Syntax, None),
    (Rule::CorpInvalid, "corp-invalid", Severity::Syntax, None),
    (Rule::XXssProtectionEnabled, "x-xss-protection-enabled", Severity::Info, None),
    (Rule::XDnsPrefetchControlInvalid, "x-dns-prefetch-control-invalid", Severity::Syntax, None),
    (Rule::XPermittedCrossDomainPoliciesInvalid, "x-permitted-cross-domain-policies-invalid", Severity::Syntax, None),
    (Rule::OriginAgentClusterInvalid, "origin-agent-cluster-invalid", Severity::Syntax, None),
    (Rule::ServerVersion, "server-version", Severity::Info, None),
    (Rule::PoweredByVersion, "x-powered-by-version", Severity::Info, None),
    (Rule::CacheControlInvalid, "cache-control-invalid", Severity::Syntax, None),
    (Rule::ClearSiteDataInvalid, "clear-site-data-invalid", Severity::Syntax, None),
    (Rule::ClearSiteDataOnEveryResponse, "clear-site-data-on-every-response", Severity::Info, None),
    (Rule::ReportingEndpointsInvalid, "reporting-endpoints-invalid", Severity::Syntax, None),
    (Rule::ReportingEndpointsInsecure, "reporting-endpoints-insecure", Severity::Medium, None),
    (Rule::DipInvalid, "dip-invalid", Severity::Syntax, None),
    (Rule::DipCredentiallessUnderRequireCorp, "dip-credentialless-under-require-corp", Severity::Info, None),
    (Rule::DipSendsNoReports, "dip-sends-no-reports", Severity::Info, None),
    (Rule::IntegrityPolicyInvalid, "integrity-policy-invalid", Severity::Syntax, None),
    (Rule::IntegrityPolicyChecksNothing, "integrity-policy-checks-nothing", Severity::Medium, None),
    (Rule::IntegrityPolicyUnknownToken, "integrity-policy-unknown-token", Severity::Info, None),
    (Rule::IntegrityPolicyReportsNowhere, "integrity-policy-reports-nowhere", Severity::Medium, None),
    (Rule::DocumentPolicyInvalid, "document-policy-invalid", Severity::Syntax, None),
    (Rule::DocumentPolicyReportsNowhere, "document-policy-reports-nowhere", Severity::Medium, None),
    (Rule::DocumentPolicyFeatureUnavailable, "document-policy-feature-unavailable", Severity::Info, None),
    (Rule::ReportEndpointUndeclared, "report-endpoint-undeclared", Severity::Medium, None),
    (Rule::PermissionsReportToString, "permissions-report-to-string", Severity::Medium, None),
    (Rule::ReportToToken, "report-to-token", Severity::Medium, None),
    (Rule::PermissionsReportsNowhere, "permissions-reports-nowhere", Severity::Medium, None),
    (Rule::NelInvalid, "nel-invalid", Severity::Syntax, None),
    (Rule::NelGroupUndeclared, "nel-group-undeclared", Severity::Medium, None),
    (Rule::NelUnknownMember, "nel-unknown-member", Severity::Info, None),
    (Rule::NelReportsNoFailure, "nel-reports-no-failure", Severity::Info, None),
    (Rule::ReportToInvalid, "report-to-invalid", Severity::Syntax, None),
    (Rule::ReportToInsecureEndpoint, "report-to-insecure-endpoint", Severity::Medium, None),
    (Rule::HeaderRepeated, "header-repeated", Severity::Syntax, None),
    (Rule::HeaderInvalid, "header-invalid", Severity::Error, None),
    (Rule::XfoFrameAncestorsMismatch, "xfo-frame-ancestors-mismatch", Severity::Medium, None),
    (Rule::CoepWithoutCorp, "coep-without-corp", Severity::MediumMaybe, None),
    (Rule::MissingCsp, "missing-csp", Severity::Medium, None),
    (Rule::MissingHsts, "missing-hsts", Severity::Medium, None),
    (Rule::MissingFramingProtection, "missing-framing-protection", Severity::Medium, None),
    (Rule::MissingXcto, "missing-xcto", Severity::Info, None),
    (Rule::MissingReferrerPolicy, "missing-referrer-policy", Severity::Info, None),
];

// Every row sits at its variant's index, so the methods read the right row; the tests check
// that every variant has a row and that the table in the docs says what the rows say.
const _: () = {
    let mut i = 0;
    while i < RULES.len() {
        assert!(
            RULES[i].0 as usize == i,
            "RULES is not in the order of Rule"
        );
        i += 1;
    }
};

impl Rule {
    /// The rule's stable id, such as `csp-unsafe-inline`.
    ///
    /// ```
    /// assert_eq!(secure_headers::lint::Rule::CspMissingObjectSrc.as_str(), "csp-missing-object-src");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        RULES[self as usize].1
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
        RULES[self as usize].3
    }

    /// The severity every finding of this rule has.
    pub(crate) const fn severity(self) -> Severity {
        RULES[self as usize].2
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// This file's text up to the end of `pub enum Rule`.
    const TEXT: &str = include_str!("rule.rs");

    /// The variants of `pub enum Rule` as written in this file.
    fn variants_as_written() -> Vec<&'static str> {
        let body = &TEXT[TEXT.find("pub enum Rule {").expect("the enum")..];
        let body = &body[..body.find("\n}").expect("its end")];
        body.lines()
            .skip(1)
            .map(str::trim)
            .filter(|l| !l.starts_with("//"))
            .filter_map(|l| l.strip_suffix(','))
            .collect()
    }

    /// The table has a row for every variant, once, in the variants' order: adding a
    /// variant without its row (or a row without its variant) fails here, naming it.
    #[test]
    fn the_table_has_every_variant_in_order() {
        let written = variants_as_written();
        let rows: Vec<String> = RULES.iter().map(|row| format!("{:?}", row.0)).collect();
        for (i, variant) in written.iter().enumerate() {
            assert_eq!(
                rows.get(i).map(String::as_str),
                Some(*variant),
                "row {i} of RULES is not the variant {variant}"
            );
        }
        assert_eq!(
            written.len(),
            rows.len(),
            "RULES has rows without a variant"
        );
        let mut ids: Vec<&str> = RULES.iter().map(|row| row.1).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len(), "two rules share an id");
    }

    /// The table in `Rule`'s docs is the rows of `RULES`, in order: id, severity, CSP
    /// Evaluator type.
    #[test]
    fn the_docs_table_is_the_rows() {
        let doc: Vec<&str> = TEXT
            .lines()
            .skip_while(|l| !l.starts_with("/// |---|"))
            .skip(1)
            .take_while(|l| l.starts_with("/// | "))
            .collect();
        let rows: Vec<String> = RULES
            .iter()
            .map(|(_, id, severity, eval)| {
                let severity = format!("{severity:?}");
                let severity = severity.trim_start_matches("Severity::");
                match eval {
                    Some(eval) => format!("/// | `{id}` | {severity} | `{eval}` |"),
                    None => format!("/// | `{id}` | {severity} | |"),
                }
            })
            .collect();
        // `SECURE_HEADERS_WRITE_LISTS=1` writes the table from the rows instead (as
        // `tests/registry_lists.rs` writes the lists of the registry).
        if std::env::var_os("SECURE_HEADERS_WRITE_LISTS").is_some() && doc != rows {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/lint/rule.rs");
            let lines: Vec<&str> = TEXT.lines().collect();
            let from = 1 + lines
                .iter()
                .position(|l| l.starts_with("/// |---|"))
                .expect("the table");
            let mut out: Vec<&str> = lines[..from].to_vec();
            out.extend(rows.iter().map(String::as_str));
            out.extend(&lines[from + doc.len()..]);
            let temporary = format!("{path}.registry-list.tmp");
            std::fs::write(&temporary, out.join("\n") + "\n").expect("writing rule.rs");
            std::fs::rename(&temporary, path).expect("renaming to rule.rs");
            return;
        }
        for (i, row) in rows.iter().enumerate() {
            assert_eq!(
                doc.get(i),
                Some(&row.as_str()),
                "line {i} of the table of Rule's docs is not the row of {:?}",
                RULES[i].0
            );
        }
        assert_eq!(
            doc.len(),
            rows.len(),
            "the table of Rule's docs has extra lines"
        );
    }

    #[test]
    fn methods_read_the_row() {
        assert_eq!(
            Rule::MissingReferrerPolicy.as_str(),
            "missing-referrer-policy"
        );
        assert_eq!(Rule::MissingReferrerPolicy.severity(), Severity::Info);
        assert_eq!(Rule::CspIgnoredSource.severity(), Severity::None);
        assert_eq!(Rule::CspIgnoredSource.csp_evaluator_type(), Some("IGNORED"));
        assert_eq!(Rule::HeaderInvalid.csp_evaluator_type(), None);
        assert_eq!(Rule::HeaderInvalid.to_string(), "header-invalid");
    }
}
