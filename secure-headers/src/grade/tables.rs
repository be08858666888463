//! The Observatory's score table (`SCORE_TABLE` in `src/grader/charts.js` of
//! `@mdn/mdn-http-observatory`): every result, its modifier, and its description and
//! recommendation (HTML tags removed), as of 1.4.8 (algorithm 4); the rows that later
//! algorithms changed or added are in [`Outcome::modifier_in`],
//! [`Outcome::description_in`] and [`Outcome::recommendation_in`], and the rows for
//! `Cross-Origin-Opener-Policy` and `Cross-Origin-Embedder-Policy` (algorithm 6, the
//! main branch's `charts.js`) at the end of the table.

use super::Algorithm;

macro_rules! outcomes {
    ($($variant:ident = $id:literal, $modifier:literal, $description:literal, $recommendation:literal;)*) => {
        /// Every result a test can give.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[allow(dead_code, reason = "html-not-parseable: the scanner's HTML parser never fails on a string")]
        pub(crate) enum Outcome {
            $($variant,)*
        }

        impl Outcome {
            pub(crate) const fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $id,)* }
            }

            const fn modifier(self) -> i32 {
                match self { $(Self::$variant => $modifier,)* }
            }

            const fn description(self) -> &'static str {
                match self { $(Self::$variant => $description,)* }
            }

            const fn recommendation(self) -> &'static str {
                match self { $(Self::$variant => $recommendation,)* }
            }
        }
    };
}

outcomes! {
    CspImplementedWithNoUnsafeDefaultSrcNone = "csp-implemented-with-no-unsafe-default-src-none", 10, "Content Security Policy (CSP) implemented with default-src 'none', no 'unsafe' and form-action is set to 'none' or 'self'", "";
    CspImplementedWithNoUnsafe = "csp-implemented-with-no-unsafe", 5, "Content Security Policy (CSP) implemented without 'unsafe-inline' or 'unsafe-eval'", "Set default-src to 'none'";
    CspImplementedWithUnsafeInlineInStyleSrcOnly = "csp-implemented-with-unsafe-inline-in-style-src-only", 0, "Content Security Policy (CSP) implemented with unsafe sources inside style-src. This includes 'unsafe-inline', data: or overly broad sources such as https. 'form-action' is set to 'self', 'none' or 'specific source'", "Lock down style-src directive, removing 'unsafe-inline', data: and broad sources";
    CspImplementedWithInsecureSchemeInPassiveContentOnly = "csp-implemented-with-insecure-scheme-in-passive-content-only", -10, "Content Security Policy (CSP) implemented, but secure site allows images or media to be loaded over HTTP", "Load images and media over HTTPS and prevent their loading over HTTP with the img-src and media-src or default-src directives";
    CspImplementedWithUnsafeEval = "csp-implemented-with-unsafe-eval", -10, "Content Security Policy (CSP) implemented, but allows 'unsafe-eval' and allows forms to be submitted to any source", "First remove the use of eval() from the codebase and once completed, remove 'unsafe-eval' from the CSP header";
    CspImplementedWithUnsafeInline = "csp-implemented-with-unsafe-inline", -20, "Content Security Policy (CSP) implemented unsafely. This includes 'unsafe-inline' or data: inside script-src, overly broad sources such as https: inside object-src or script-src, or not restricting the sources for object-src or script-src", "Remove unsafe-inline and data: from script-src, overly broad sources from object-src and script-src, and ensure object-src and script-src are set";
    CspImplementedWithInsecureScheme = "csp-implemented-with-insecure-scheme", -20, "Content Security Policy (CSP) implemented, but secure site allows resources to be loaded over HTTP", "Load resources over HTTPS and remove any HTTP sources from your CSP";
    CspHeaderInvalid = "csp-header-invalid", -25, "Content Security Policy (CSP) header cannot be parsed successfully", "Check your CSP syntax with the CSP Evaluator ";
    CspNotImplemented = "csp-not-implemented", -25, "Content Security Policy (CSP) header not implemented", "Implement one, see MDN's Content Security Policy (CSP) documentation";
    CspNotImplementedButReportingEnabled = "csp-not-implemented-but-reporting-enabled", -25, "Content Security Policy (CSP) reporting implemented only, with Content-Security-Policy-Report-Only header", "Implement an enforced policy, see MDN's Content Security Policy (CSP) documentation";
    CspImplementedButDuplicateDirectives = "csp-implemented-but-duplicate-directives", 0, "Content Security Policy (CSP) implemented, but contains duplicate directives", "Remove duplicate directives from the CSP";
    CookiesSecureWithHttponlySessionsAndSamesite = "cookies-secure-with-httponly-sessions-and-samesite", 5, "All cookies use the Secure flag, session cookies use the HttpOnly flag, and cross-origin restrictions are in place via the SameSite flag", "";
    CookiesSecureWithHttponlySessions = "cookies-secure-with-httponly-sessions", 0, "All cookies use the Secure flag and all session cookies use the HttpOnly flag", "Use SameSite";
    CookiesNotFound = "cookies-not-found", 0, "No cookies detected", "";
    CookiesWithoutSecureFlagButProtectedByHsts = "cookies-without-secure-flag-but-protected-by-hsts", -5, "Cookies set without using the Secure flag, but transmission over HTTP prevented by HSTS", "Use Secure flag";
    CookiesSessionWithoutSecureFlagButProtectedByHsts = "cookies-session-without-secure-flag-but-protected-by-hsts", -10, "Session cookie set without the Secure flag, but transmission over HTTP prevented by HSTS", "Use Secure flag";
    CookiesWithoutSecureFlag = "cookies-without-secure-flag", -20, "Cookies set without using the Secure flag or set over HTTP", "Use Secure flag and set up HSTS";
    CookiesSamesiteFlagInvalid = "cookies-samesite-flag-invalid", -20, "Cookies use SameSite flag, but set to something other than Strict or Lax", "Use SameSite Strict or Lax";
    CookiesAnticsrfWithoutSamesiteFlag = "cookies-anticsrf-without-samesite-flag", -20, "Anti-CSRF tokens set without using the SameSite flag", "Use SameSite Strict or Lax";
    CookiesSessionWithoutHttponlyFlag = "cookies-session-without-httponly-flag", -30, "Session cookie set without using the HttpOnly flag", "Use HttpOnly";
    CookiesSessionWithoutSecureFlag = "cookies-session-without-secure-flag", -40, "Session cookie set without using the Secure flag or set over HTTP", "Use Secure flag and set up HSTS";
    CrossOriginResourceSharingNotImplemented = "cross-origin-resource-sharing-not-implemented", 0, "Content is not visible via cross-origin resource sharing (CORS) files or headers", "";
    CrossOriginResourceSharingImplementedWithPublicAccess = "cross-origin-resource-sharing-implemented-with-public-access", 0, "Public content is visible via cross-origin resource sharing (CORS) Access-Control-Allow-Origin header", "";
    CrossOriginResourceSharingImplementedWithRestrictedAccess = "cross-origin-resource-sharing-implemented-with-restricted-access", 0, "Content is visible via cross-origin resource sharing (CORS) files or headers, but is restricted to specific domains", "";
    CrossOriginResourceSharingImplementedWithUniversalAccess = "cross-origin-resource-sharing-implemented-with-universal-access", -50, "Content is visible via cross-origin resource sharing (CORS) file or headers, and credentials can be sent. Your site could be vulnerable to CSRF attacks", "If credentialed access is required from specific origins, ensure Access-Control-Allow-Origin can only be set to those origins, rather than reflecting the Origin header. If public non-credentialed access is required, set Access-Control-Allow-Origin to * and omit the Access-Control-Allow-Credentials header. Otherwise, omit both headers";
    RedirectionAllRedirectsPreloaded = "redirection-all-redirects-preloaded", 0, "All hosts redirected to are in the HTTP Strict Transport Security (HSTS) preload list", "";
    RedirectionToHttps = "redirection-to-https", 0, "Initial redirection is to HTTPS on same host, final destination is HTTPS", "";
    RedirectionNotNeededNoHttp = "redirection-not-needed-no-http", 0, "Not able to connect via HTTP, so no redirection necessary", "";
    RedirectionOffHostFromHttp = "redirection-off-host-from-http", -5, "Initial redirection from HTTP to HTTPS is to a different host, preventing HSTS", "HSTS headers aren't recognized when set over HTTP, so redirect to the same host on HTTPS first, then redirect to the final host";
    RedirectionNotToHttpsOnInitialRedirection = "redirection-not-to-https-on-initial-redirection", -10, "Redirects to HTTPS eventually, but initial redirection is to another HTTP URL", "Redirect to the same host on HTTPS first, then redirect to the final host on HTTPS";
    RedirectionNotToHttps = "redirection-not-to-https", -20, "Redirects, but final destination is not an HTTPS URL", "Redirect to the same host on HTTPS first, then redirect to the final host on HTTPS";
    RedirectionMissing = "redirection-missing", -20, "Does not redirect to an HTTPS site", "Redirect to the same host on HTTPS first, then redirect to the final host on HTTPS";
    RedirectionInvalidCert = "redirection-invalid-cert", -20, "Invalid certificate chain encountered during redirection", "Install a valid TLS certificate on the server. Let's Encrypt is a good choice, as are certificates managed by your cloud provider or commercially sold ones";
    ReferrerPolicyPrivate = "referrer-policy-private", 5, "Referrer-Policy header set to no-referrer, same-origin, strict-origin or strict-origin-when-cross-origin", "None";
    ReferrerPolicyNotImplemented = "referrer-policy-not-implemented", 0, "Referrer-Policy header not implemented", "Set to strict-origin-when-cross-origin at a minimum";
    ReferrerPolicyUnsafe = "referrer-policy-unsafe", -5, "Referrer-Policy header set unsafely to origin, origin-when-cross-origin, unsafe-url or no-referrer-when-downgrade", "Set to strict-origin-when-cross-origin at a minimum";
    ReferrerPolicyHeaderInvalid = "referrer-policy-header-invalid", -5, "Referrer-Policy header cannot be recognized", "Set to strict-origin-when-cross-origin at a minimum";
    HstsPreloaded = "hsts-preloaded", 5, "Preloaded via the HTTP Strict Transport Security (HSTS) preloading process", "";
    HstsImplementedMaxAgeAtLeastSixMonths = "hsts-implemented-max-age-at-least-six-months", 0, "Strict-Transport-Security header set to a minimum of six months (15768000)", "Consider preloading: this requires adding the preload and includeSubDomains directives and setting max-age to at least 31536000 (1 year), and submitting your site to https://hstspreload.org/";
    HstsImplementedMaxAgeLessThanSixMonths = "hsts-implemented-max-age-less-than-six-months", -10, "Strict-Transport-Security header set to less than six months (15768000)", "Increase HSTS period";
    HstsNotImplemented = "hsts-not-implemented", -20, "Strict-Transport-Security header not implemented", "Add HSTS. Consider rolling out with shorter periods first (as suggested on https://hstspreload.org/)";
    HstsHeaderInvalid = "hsts-header-invalid", -20, "Strict-Transport-Security header cannot be recognized", "Read MDN's documentation on HTTP Strict Transport Security";
    HstsNotImplementedNoHttps = "hsts-not-implemented-no-https", -20, "Strict-Transport-Security header cannot be set for sites not available over HTTPS", "Make your site available over HTTPS. Let's Encrypt docs are a good starting point";
    HstsInvalidCert = "hsts-invalid-cert", -20, "Strict-Transport-Security header cannot be set, as site contains an invalid certificate chain", "HSTS can only work with a valid TLS certificate on the server. Let's Encrypt is a good choice, as are certificates managed by your cloud provider or commercially sold ones";
    SriImplementedAndAllScriptsLoadedSecurely = "sri-implemented-and-all-scripts-loaded-securely", 5, "Subresource Integrity (SRI) is implemented and all scripts are loaded from a similar origin", "";
    SriImplementedAndExternalScriptsLoadedSecurely = "sri-implemented-and-external-scripts-loaded-securely", 5, "Subresource Integrity (SRI) is implemented and all scripts are loaded securely", "";
    SriNotImplementedResponseNotHtml = "sri-not-implemented-response-not-html", 0, "Subresource Integrity (SRI) is only needed for HTML resources", "";
    SriNotImplementedButNoScriptsLoaded = "sri-not-implemented-but-no-scripts-loaded", 0, "Subresource Integrity (SRI) is not needed since site contains no script tags", "";
    SriNotImplementedButAllScriptsLoadedFromSecureOrigin = "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0, "Subresource Integrity (SRI) not implemented, but all scripts are loaded from a similar origin", "Add SRI for bonus points";
    SriNotImplementedButExternalScriptsLoadedSecurely = "sri-not-implemented-but-external-scripts-loaded-securely", -5, "Subresource Integrity (SRI) not implemented, but all external scripts are loaded over HTTPS", "Add SRI to external scripts";
    SriImplementedButExternalScriptsNotLoadedSecurely = "sri-implemented-but-external-scripts-not-loaded-securely", -20, "Subresource Integrity (SRI) implemented, but external scripts are loaded over HTTP or use protocol-relative URLs via src=\"//...\"", "Load external scripts over HTTPS";
    SriNotImplementedAndExternalScriptsNotLoadedSecurely = "sri-not-implemented-and-external-scripts-not-loaded-securely", -50, "Subresource Integrity (SRI) not implemented, and external scripts are loaded over HTTP or use protocol-relative URLs via src=\"//...\"", "Load external scripts over HTTPS, and add SRI to them";
    XContentTypeOptionsNosniff = "x-content-type-options-nosniff", 0, "X-Content-Type-Options header set to nosniff", "";
    XContentTypeOptionsNotImplemented = "x-content-type-options-not-implemented", -5, "X-Content-Type-Options header not implemented", "Set to nosniff";
    XContentTypeOptionsHeaderInvalid = "x-content-type-options-header-invalid", -5, "X-Content-Type-Options header cannot be recognized", "Set to nosniff";
    XFrameOptionsImplementedViaCsp = "x-frame-options-implemented-via-csp", 5, "X-Frame-Options (XFO) implemented via the CSP frame-ancestors directive", "";
    XFrameOptionsSameoriginOrDeny = "x-frame-options-sameorigin-or-deny", 0, "X-Frame-Options (XFO) header set to SAMEORIGIN or DENY", "Implement frame-ancestors CSP";
    XFrameOptionsAllowFromOrigin = "x-frame-options-allow-from-origin", 0, "X-Frame-Options (XFO) header uses ALLOW-FROM uri directive", "Implement frame-ancestors CSP";
    XFrameOptionsNotImplemented = "x-frame-options-not-implemented", -20, "X-Frame-Options (XFO) header not implemented", "Implement frame-ancestors CSP";
    XFrameOptionsHeaderInvalid = "x-frame-options-header-invalid", -20, "X-Frame-Options (XFO) header cannot be recognized", "Implement frame-ancestors CSP";
    CorpHeaderInvalid = "corp-header-invalid", -5, "Cross-Origin-Resource-Policy (CORP) header cannot be recognized", "Implement Cross Origin Resource Policy";
    CorpImplementedWithCrossOrigin = "corp-implemented-with-cross-origin", 0, "Cross Origin Resource Policy (CORP) implemented, but allows cross-origin resource sharing by default", "";
    CorpImplementedWithSameOrigin = "corp-implemented-with-same-origin", 10, "Cross Origin Resource Policy (CORP) implemented, prevents leaks into cross-origin contexts", "";
    CorpImplementedWithSameSite = "corp-implemented-with-same-site", 10, "Cross Origin Resource Policy (CORP) implemented, prevents leaks into cross-site contexts", "";
    CorpNotImplemented = "corp-not-implemented", 0, "Cross Origin Resource Policy (CORP) is not implemented (defaults to cross-origin)", "";
    CoepImplementedWithRequireCorp = "coep-implemented-with-require-corp", 10, "Cross-Origin-Embedder-Policy header set to require-corp, restricting loading cross-origin resources", "";
    CoepImplementedWithCredentialless = "coep-implemented-with-credentialless", 10, "Cross-Origin-Embedder-Policy header set to credentialless, allowing loading cross-origin resources but without sending credentials in the requests", "";
    CoepImplementedWithUnsafeNone = "coep-implemented-with-unsafe-none", 0, "Cross-Origin-Embedder-Policy header set to unsafe-none, allowing loading cross-origin resources, which is the default value", "Set to require-corp or credentialless";
    CoepNotImplemented = "coep-not-implemented", 0, "Cross-Origin-Embedder-Policy header not implemented", "Set to require-corp or credentialless";
    CoepHeaderInvalid = "coep-header-invalid", -5, "Cross-Origin-Embedder-Policy header cannot be recognized", "Set to require-corp, credentialless, or unsafe-none";
    CoopImplementedWithSameOrigin = "coop-implemented-with-same-origin", 10, "Cross-Origin-Opener-Policy header set to same-origin, enforcing site isolation from the opener", "";
    CoopImplementedWithSameOriginAllowPopups = "coop-implemented-with-same-origin-allow-popups", 10, "Cross-Origin-Opener-Policy header set to same-origin-allow-popups, enforcing site isolation from the opener but allowing trusted resources such as for OAuth or payments", "";
    CoopImplementedWithNoopenerAllowPopups = "coop-implemented-with-noopener-allow-popups", 10, "Cross-Origin-Opener-Policy header set to noopener-allow-popups, enforcing site isolation from the opener even if they are same origin", "";
    CoopImplementedWithUnsafeNone = "coop-implemented-with-unsafe-none", 0, "Cross-Origin-Opener-Policy header set to unsafe-none, the document permits sharing its browsing context group with any other document, and may therefore be unsafe", "Set to same-origin, same-origin-allow-popups, or noopener-allow-popups";
    CoopNotImplemented = "coop-not-implemented", 0, "Cross-Origin-Opener-Policy header not implemented", "Set to same-origin, same-origin-allow-popups, or noopener-allow-popups";
    CoopHeaderInvalid = "coop-header-invalid", -5, "Cross-Origin-Opener-Policy header cannot be recognized", "Set to same-origin, same-origin-allow-popups, noopener-allow-popups, or unsafe-none";
    HtmlNotParseable = "html-not-parseable", -20, "Claims to be html, but cannot be parsed", "Make sure the server returns correct HTML";
}

impl Outcome {
    /// The result's modifier under `algorithm`.
    pub(crate) const fn modifier_in(self, algorithm: Algorithm) -> i32 {
        match (self, algorithm) {
            // Algorithm 5 (1.5.0, "un-deprecated x-frame-options and re-score", #332).
            (Self::XFrameOptionsSameoriginOrDeny, Algorithm::V5 | Algorithm::V6) => 5,
            _ => self.modifier(),
        }
    }

    /// The result's description under `algorithm`.
    pub(crate) const fn description_in(self, algorithm: Algorithm) -> &'static str {
        match (self, algorithm) {
            // Reworded in 1.6.0 ("refine SRI descriptions re. protocol-relative URLs", #465).
            (
                Self::SriImplementedButExternalScriptsNotLoadedSecurely,
                Algorithm::V5 | Algorithm::V6,
            ) => {
                "Subresource Integrity (SRI) implemented, but external scripts are loaded over HTTP or they use protocol-relative URLs via src=\"//...\""
            }
            (
                Self::SriNotImplementedAndExternalScriptsNotLoadedSecurely,
                Algorithm::V5 | Algorithm::V6,
            ) => {
                "Subresource Integrity (SRI) not implemented, and external scripts are loaded over HTTP or they use protocol-relative URLs via src=\"//...\""
            }
            _ => self.description(),
        }
    }

    /// The result's recommendation under `algorithm`.
    pub(crate) const fn recommendation_in(self, algorithm: Algorithm) -> &'static str {
        match (self, algorithm) {
            (Self::XFrameOptionsSameoriginOrDeny, Algorithm::V5 | Algorithm::V6) => "",
            _ => self.recommendation(),
        }
    }
}
