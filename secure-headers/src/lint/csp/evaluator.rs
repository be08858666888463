//! The checks of Google's CSP Evaluator, each named after its function there.

use super::*;

/// `checkStrictDynamic`, `checkStrictDynamicNotStandalone`, `checkUnsafeInlineFallback`,
/// `checkAllowlistFallback`, `checkRequiresTrustedTypesForScripts`.
pub(super) fn check_strict_dynamic(csp: &Csp, out: &mut Findings<'_>) {
    let d = csp.effective(SCRIPT_SRC);
    let values = csp.values(d);
    let has = |k: &str| values.iter().any(|v| v == k);
    let strict_dynamic = has("'strict-dynamic'");
    if values.iter().any(|v| !v.starts_with('\'')) && !strict_dynamic {
        out.push(
            Rule::CspNoStrictDynamic,
            Some(d),
            None,
            "host allowlists can frequently be bypassed; consider 'strict-dynamic' with nonces or hashes",
        );
    }
    let nonces_or_hashes = csp.has_script_nonces(SCRIPT_SRC) || csp.has_script_hashes(SCRIPT_SRC);
    if strict_dynamic && !nonces_or_hashes {
        out.push(
            Rule::CspStrictDynamicWithoutNonce,
            Some(d),
            None,
            "'strict-dynamic' without a nonce or a hash blocks every script",
        );
    }
    if nonces_or_hashes && !has("'unsafe-inline'") {
        out.push(
            Rule::CspNoUnsafeInlineFallback,
            Some(d),
            None,
            "consider adding 'unsafe-inline' (ignored by browsers that support nonces and hashes) for older browsers",
        );
    }
    if strict_dynamic
        && !values
            .iter()
            .any(|v| ["http:", "https:", "*"].contains(&v.as_str()) || v.contains('.'))
    {
        out.push(
            Rule::CspNoAllowlistFallback,
            Some(d),
            None,
            "consider adding https: (ignored by browsers that support 'strict-dynamic') for older browsers",
        );
    }
    let tt = "require-trusted-types-for";
    if !csp.values(tt).iter().any(|v| v == "'script'") {
        out.push(
            Rule::CspNoTrustedTypes,
            Some(tt),
            None,
            "consider require-trusted-types-for 'script' to lock down DOM XSS sinks",
        );
    }
}

/// `checkHasConfiguredReporting`
pub(super) fn check_reporting(csp: &Csp, out: &mut Findings<'_>) {
    if !csp.values("report-uri").is_empty() {
        return;
    }
    if !csp.values("report-to").is_empty() {
        out.push(
            Rule::CspReportToOnly,
            Some("report-to"),
            None,
            "the policy reports only through report-to; add report-uri for browsers without it",
        );
    } else {
        out.push(
            Rule::CspNoReporting,
            Some("report-uri"),
            None,
            "the policy has no reporting destination, so breakage and attacks go unnoticed",
        );
    }
}

/// `checkScriptUnsafeInline`, `checkScriptUnsafeEval`
pub(super) fn check_script_unsafe_inline(eff: &Csp, out: &mut Findings<'_>) {
    for d in eff.effective_all(&[SCRIPT_SRC, SCRIPT_SRC_ATTR, SCRIPT_SRC_ELEM]) {
        let values = eff.values(d);
        let has = |k: &str| values.iter().any(|v| v == k);
        if has("'unsafe-inline'") {
            out.push(
                Rule::CspUnsafeInline,
                Some(d),
                Some("'unsafe-inline'"),
                "'unsafe-inline' allows the execution of unsafe in-page scripts and event handlers",
            );
        }
        if has("'unsafe-hashes'") {
            out.push(
                Rule::CspUnsafeHashes,
                Some(d),
                Some("'unsafe-hashes'"),
                "'unsafe-hashes' allows inline event handlers whose hashes are listed; move them to scripts",
            );
        }
        if has("'unsafe-eval'") {
            out.push(
                Rule::CspUnsafeEval,
                Some(d),
                Some("'unsafe-eval'"),
                "'unsafe-eval' allows the execution of code injected into DOM APIs such as eval()",
            );
        }
    }
}

/// `checkPlainUrlSchemes`, `checkWildcards`
pub(super) fn check_plain_url_schemes_and_wildcards(eff: &Csp, out: &mut Findings<'_>) {
    let dirs = eff.effective_all(&[
        SCRIPT_SRC,
        SCRIPT_SRC_ATTR,
        SCRIPT_SRC_ELEM,
        OBJECT_SRC,
        BASE_URI,
    ]);
    for d in dirs {
        for value in eff.values(d) {
            if ["data:", "http:", "https:"].contains(&value.as_str()) {
                let message = format!("{value} in {d} allows the execution of unsafe scripts");
                out.push(Rule::CspPlainUrlScheme, Some(d), Some(value), &message);
            }
            if scheme_free(value) == "*" {
                let message = format!("{d} should not allow '*' as a source");
                out.push(Rule::CspWildcard, Some(d), Some(value), &message);
            }
        }
    }
}

/// `checkMissingDirectives`
pub(super) fn check_missing_directives(eff: &Csp, out: &mut Findings<'_>) {
    let object = eff.get(OBJECT_SRC).or_else(|| eff.get(DEFAULT_SRC));
    if object.is_none_or(Vec::is_empty) {
        out.push(
            Rule::CspMissingObjectSrc,
            Some(OBJECT_SRC),
            None,
            "missing object-src allows the injection of plugins which can execute JavaScript; set it to 'none'",
        );
    }
    if !eff.has(SCRIPT_SRC) && !eff.has(DEFAULT_SRC) {
        out.push(
            Rule::CspMissingScriptSrc,
            Some(SCRIPT_SRC),
            None,
            "script-src directive is missing",
        );
    }
    let needs_base_uri = eff.has_script_nonces(SCRIPT_SRC)
        || (eff.has_script_hashes(SCRIPT_SRC) && eff.has_strict_dynamic(SCRIPT_SRC));
    if needs_base_uri && !eff.has(BASE_URI) {
        out.push(
            Rule::CspMissingBaseUri,
            Some(BASE_URI),
            None,
            "missing base-uri allows injected <base> tags to point relative script URLs at an attacker's host; set it to 'none' or 'self'",
        );
    }
}

/// `checkScriptAllowlistBypass`
pub(super) fn check_script_allowlist_bypass(eff: &Csp, out: &mut Findings<'_>) {
    for d in eff.effective_all(&[SCRIPT_SRC, SCRIPT_SRC_ELEM]) {
        let values = eff.values(d);
        if values.iter().any(|v| v == "'none'") {
            continue;
        }
        for value in values {
            if value == "'self'" {
                out.push(
                    Rule::CspSelfAllowlist,
                    Some(d),
                    Some(value),
                    "'self' can be problematic if you host JSONP, AngularJS or user uploaded files",
                );
                continue;
            }
            if value.starts_with('\'') || is_url_scheme(value) || !value.contains('.') {
                continue;
            }
            let url = format!("//{}", scheme_free(value));
            let angular = match_wildcard_urls(&url, &ANGULAR);
            let jsonp = match_wildcard_urls(&url, &JSONP).filter(|host| {
                !JSONP_NEEDS_EVAL.contains(&host.as_str())
                    || values.iter().any(|v| v == "'unsafe-eval'")
            });
            let what = match (&jsonp, &angular) {
                (Some(_), Some(_)) => Some("JSONP endpoints and Angular libraries"),
                (Some(_), None) => Some("JSONP endpoints"),
                (None, Some(_)) => Some("Angular libraries"),
                (None, None) => None,
            };
            match (what, angular.or(jsonp)) {
                (Some(what), Some(host)) => {
                    let message =
                        format!("{host} is known to host {what} which allow to bypass this CSP");
                    out.push(Rule::CspKnownBypassHost, Some(d), Some(value), &message);
                }
                _ => out.push(
                    Rule::CspHostAllowlist,
                    Some(d),
                    Some(value),
                    "no bypass found; make sure that this URL doesn't serve JSONP replies or Angular libraries",
                ),
            }
        }
    }
}

/// `checkFlashObjectAllowlistBypass`
pub(super) fn check_object_allowlist_bypass(eff: &Csp, out: &mut Findings<'_>) {
    let d = eff.effective(OBJECT_SRC);
    if let Some(types) = eff.get("plugin-types")
        && !types.iter().any(|t| t == "application/x-shockwave-flash")
    {
        return;
    }
    let mut found = Findings {
        header: out.header,
        list: Vec::new(),
    };
    for value in eff.values(d) {
        if value == "'none'" {
            return;
        }
        let url = format!("//{}", scheme_free(value));
        if let Some(host) = match_wildcard_urls(&url, &FLASH) {
            let message =
                format!("{host} is known to host Flash files which allow to bypass this CSP");
            found.push(Rule::CspObjectBypassHost, Some(d), Some(value), &message);
        } else if d == OBJECT_SRC {
            found.push(
                Rule::CspObjectAllowlist,
                Some(d),
                Some(value),
                "can you restrict object-src to 'none' only?",
            );
        }
    }
    out.list.extend(found.list);
}

/// `checkIpSource`, `checkNonceLength`, `checkSrcHttp`, `checkMissingSemicolon`,
/// `checkInvalidKeyword`: the checks on every value of every directive.
pub(super) fn check_each_value(eff: &Csp, out: &mut Findings<'_>) {
    for (d, values) in &eff.directives {
        for value in values {
            let host = hostname(value);
            if looks_like_ip(&host) {
                let message = if host == "127.0.0.1" {
                    format!("{d} allows localhost as a source; remove it in production")
                } else {
                    format!("{d} has an IP address as a source: {host} (ignored by browsers)")
                };
                out.push(Rule::CspIpSource, Some(d), Some(value), &message);
            }
            if let Some(nonce) = nonce_of(value) {
                if nonce.encode_utf16().count() < 8 {
                    out.push(
                        Rule::CspNonceLength,
                        Some(d),
                        Some(value),
                        "nonces should be at least 8 characters long",
                    );
                }
                if !is_strict_nonce(value) {
                    out.push(
                        Rule::CspNonceCharset,
                        Some(d),
                        Some(value),
                        "nonces should only use the base64 charset",
                    );
                }
            }
            if value.starts_with("http://") {
                let message = if d == "report-uri" {
                    "use HTTPS to send violation reports securely"
                } else {
                    "allow only resources downloaded over HTTPS"
                };
                out.push(Rule::CspHttpSource, Some(d), Some(value), message);
            }
            if is_directive(value) {
                let message = format!(
                    "did you forget the semicolon? \"{value}\" seems to be a directive, not a value"
                );
                out.push(Rule::CspMissingSemicolon, Some(d), Some(value), &message);
            }
            if let Some(message) = invalid_keyword(d, value) {
                out.push(Rule::CspInvalidKeyword, Some(d), Some(value), &message);
            }
        }
    }
}

/// `checkInvalidKeyword` for one value.
pub(super) fn invalid_keyword(directive: &str, value: &str) -> Option<String> {
    let bare = KEYWORDS.iter().any(|k| k[1..k.len() - 1] == *value);
    let sha = ["sha256-", "sha384-", "sha512-"]
        .iter()
        .any(|p| value.starts_with(p));
    if bare || value.starts_with("nonce-") || sha {
        return Some(format!(
            "did you forget to surround \"{value}\" with single-ticks?"
        ));
    }
    if !value.starts_with('\'') {
        return None;
    }
    let ok = match directive {
        "require-trusted-types-for" => value == "'script'",
        "trusted-types" => value == "'allow-duplicates'" || value == "'none'",
        _ => is_keyword(value) || is_strict_hash(value) || is_strict_nonce(value),
    };
    (!ok).then(|| match crate::text::closest(value, KEYWORDS) {
        Some(k) => format!("{value} seems to be an invalid CSP keyword (did you mean {k}?)"),
        None => format!("{value} seems to be an invalid CSP keyword"),
    })
}

/// `checkDeprecatedDirective`, `checkUnknownDirective`
pub(super) fn check_directive_names(eff: &Csp, out: &mut Findings<'_>) {
    for (name, instead) in [
        (
            "reflected-xss",
            "reflected-xss is deprecated since CSP2; use X-XSS-Protection: 0 and a strict policy instead",
        ),
        (
            "referrer",
            "referrer is deprecated since CSP2; use the Referrer-Policy header instead",
        ),
        (
            "disown-opener",
            "disown-opener is deprecated since CSP3; use the Cross-Origin-Opener-Policy header instead",
        ),
        (
            "prefetch-src",
            "prefetch-src is deprecated since CSP3 and may cease to work at any time",
        ),
    ] {
        if eff.has(name) {
            out.push(Rule::CspDeprecatedDirective, Some(name), None, instead);
        }
    }
    for (name, _) in &eff.directives {
        if is_directive(name) {
            continue;
        }
        let message = if name.ends_with(':') {
            "CSP directives don't end with a colon".to_owned()
        } else if let Some(known) = crate::text::closest(name, DIRECTIVES) {
            format!("\"{name}\" is not a known CSP directive (did you mean {known}?)")
        } else {
            format!("\"{name}\" is not a known CSP directive")
        };
        out.push(Rule::CspUnknownDirective, Some(name), None, &message);
    }
}
