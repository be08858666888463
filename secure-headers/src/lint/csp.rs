//! Content-Security-Policy rules: every check of Google's CSP Evaluator (read the same
//! way it reads a policy, so that the findings agree), then this crate's own.

use crate::csp::{Directive, Source};

use super::bypass::{ANGULAR, FLASH, JSONP, JSONP_NEEDS_EVAL};
use super::checks::{directives, nonce_of};
use super::{Finding, Rule};

pub(super) const HEADER: &str = "Content-Security-Policy";
pub(super) const REPORT_ONLY_HEADER: &str = "Content-Security-Policy-Report-Only";

const SCRIPT_SRC: &str = "script-src";
const SCRIPT_SRC_ATTR: &str = "script-src-attr";
const SCRIPT_SRC_ELEM: &str = "script-src-elem";
const STYLE_SRC: &str = "style-src";
const OBJECT_SRC: &str = "object-src";
const DEFAULT_SRC: &str = "default-src";
const BASE_URI: &str = "base-uri";

/// The keywords CSP Evaluator knows, and those it does not know yet of the CSP3 editor's
/// draft's `keyword-source` (so that they are not reported as invalid).
const KEYWORDS: [&str; 19] = [
    "'self'",
    "'none'",
    "'unsafe-inline'",
    "'unsafe-eval'",
    "'wasm-eval'",
    "'wasm-unsafe-eval'",
    "'strict-dynamic'",
    "'unsafe-hashed-attributes'",
    "'unsafe-hashes'",
    "'report-sample'",
    "'block'",
    "'allow'",
    "'inline-speculation-rules'",
    "'unsafe-allow-redirects'",
    "'trusted-types-eval'",
    "'report-sha256'",
    "'report-sha384'",
    "'report-sha512'",
    "'unsafe-webtransport-hashes'",
];

/// The directives CSP Evaluator knows, and `fenced-frame-src` (Fenced Frames).
const DIRECTIVES: [&str; 35] = [
    "child-src",
    "connect-src",
    "default-src",
    "font-src",
    "frame-src",
    "img-src",
    "media-src",
    "object-src",
    "script-src",
    "script-src-attr",
    "script-src-elem",
    "style-src",
    "style-src-attr",
    "style-src-elem",
    "prefetch-src",
    "manifest-src",
    "worker-src",
    "base-uri",
    "plugin-types",
    "sandbox",
    "disown-opener",
    "form-action",
    "frame-ancestors",
    "navigate-to",
    "report-to",
    "report-uri",
    "block-all-mixed-content",
    "upgrade-insecure-requests",
    "reflected-xss",
    "referrer",
    "require-sri-for",
    "trusted-types",
    "require-trusted-types-for",
    "webrtc",
    "fenced-frame-src",
];

/// The fetch directives, which fall back to `default-src`.
const FETCH_DIRECTIVES: [&str; 16] = [
    "child-src",
    "connect-src",
    "default-src",
    "font-src",
    "frame-src",
    "img-src",
    "manifest-src",
    "media-src",
    "object-src",
    "script-src",
    "script-src-attr",
    "script-src-elem",
    "style-src",
    "style-src-attr",
    "style-src-elem",
    "worker-src",
];

/// A policy as CSP Evaluator reads it: lowercase directive names in order, the first of
/// a repeated directive kept, values normalised and deduplicated.
#[derive(Clone, Debug, Default)]
struct Csp {
    directives: Vec<(String, Vec<String>)>,
}

/// `^[a-zA-Z][+a-zA-Z0-9.-]*:$`
fn is_url_scheme(s: &str) -> bool {
    let Some(body) = s.strip_suffix(':') else {
        return false;
    };
    let mut bytes = body.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'))
}

fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

fn is_directive(s: &str) -> bool {
    DIRECTIVES.contains(&s)
}

/// `[a-zA-Z0-9+/_-]+={0,2}`
fn is_strict_base64(s: &str) -> bool {
    let body = s.trim_end_matches('=');
    s.len() - body.len() <= 2
        && !body.is_empty()
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'_' | b'-'))
}

fn is_strict_nonce(value: &str) -> bool {
    value
        .strip_prefix("'nonce-")
        .and_then(|v| v.strip_suffix('\''))
        .is_some_and(is_strict_base64)
}

fn is_strict_hash(value: &str) -> bool {
    ["'sha256-", "'sha384-", "'sha512-"].iter().any(|p| {
        value
            .strip_prefix(p)
            .and_then(|v| v.strip_suffix('\''))
            .is_some_and(is_strict_base64)
    })
}

/// CSP Evaluator's `normalizeDirectiveValue`: keywords and schemes lowercased.
fn normalize(value: &str) -> String {
    let lower = value.to_lowercase();
    if is_keyword(&lower) || is_url_scheme(value) {
        lower
    } else {
        value.to_owned()
    }
}

/// `getSchemeFreeUrl`: drops `scheme://` and then a leading `//`.
fn scheme_free(url: &str) -> &str {
    let mut rest = url;
    let bytes = url.as_bytes();
    if bytes
        .first()
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
    {
        let end = bytes
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'+' | b'.' | b'-')))
            .unwrap_or(bytes.len());
        if url[end..].starts_with("://") {
            rest = &url[end + 3..];
        }
    }
    rest.strip_prefix("//").unwrap_or(rest)
}

/// The lowercase host and the path (`/` if none) of `//host[:port]/path?query`.
fn host_and_path(url: &str) -> (String, &str) {
    let rest = url.strip_prefix("//").unwrap_or(url);
    let end = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
    let authority = rest[..end].rsplit('@').next().unwrap_or_default();
    let host = if authority.starts_with('[') {
        match authority.find(']') {
            Some(i) => &authority[..=i],
            None => authority,
        }
    } else {
        authority.split(':').next().unwrap_or_default()
    };
    let after = &rest[end..];
    let path_end = after.find(['?', '#']).unwrap_or(after.len());
    let path = if path_end == 0 {
        "/"
    } else {
        &after[..path_end]
    };
    (host.to_ascii_lowercase(), path)
}

/// `getHostname`: the host of a source expression, `*` kept.
fn hostname(value: &str) -> String {
    let free = scheme_free(value).replacen(":*", "", 1);
    let free = free.replacen('*', "wildcard_placeholder", 1);
    let (host, _) = host_and_path(&free);
    host.replacen("wildcard_placeholder", "*", 1)
}

/// `looksLikeIpAddress`
fn looks_like_ip(host: &str) -> bool {
    if host.starts_with('[') && host.ends_with(']') {
        return true;
    }
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts
            .iter()
            .all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

/// `matchWildcardUrls`: the host of the first URL of `list` that the source `csp_url`
/// (`//host/path`) allows.
fn match_wildcard_urls(csp_url: &str, list: &[&'static str]) -> Option<String> {
    let url = csp_url
        .replacen(":*", "", 1)
        .replacen('*', "wildcard_placeholder", 1);
    let (host, path) = host_and_path(&url);
    let has_wildcard = host.starts_with("wildcard_placeholder.");
    let wildcard_free = match host.strip_prefix("wildcard_placeholder") {
        Some(rest) => rest,
        None => &host,
    };
    let has_path = path != "/";
    for candidate in list {
        let (domain, candidate_path) = host_and_path(candidate);
        if !domain.ends_with(wildcard_free) || (!has_wildcard && host != domain) {
            continue;
        }
        if has_path {
            let ok = if path.ends_with('/') {
                candidate_path.starts_with(path)
            } else {
                candidate_path == path
            };
            if !ok {
                continue;
            }
        }
        return Some(domain);
    }
    None
}

impl Csp {
    /// `CspParser.parse`, also returning the names of the repeated directives.
    fn parse(value: &str) -> (Self, Vec<String>) {
        let mut csp = Self::default();
        let mut repeated = Vec::new();
        for (name, parts) in directives(value) {
            let name = name.to_lowercase();
            if csp.has(&name) {
                repeated.push(name);
                continue;
            }
            let mut values: Vec<String> = Vec::new();
            for part in parts {
                let v = normalize(part);
                if !values.contains(&v) {
                    values.push(v);
                }
            }
            csp.directives.push((name, values));
        }
        (csp, repeated)
    }

    fn has(&self, name: &str) -> bool {
        self.directives.iter().any(|(n, _)| n == name)
    }

    fn get(&self, name: &str) -> Option<&Vec<String>> {
        self.directives
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    }

    fn values(&self, name: &str) -> &[String] {
        self.get(name).map_or(&[], Vec::as_slice)
    }

    /// `getEffectiveDirective`
    fn effective<'a>(&self, directive: &'a str) -> &'a str {
        if self.has(directive) {
            return directive;
        }
        if matches!(directive, SCRIPT_SRC_ATTR | SCRIPT_SRC_ELEM) && self.has(SCRIPT_SRC) {
            return SCRIPT_SRC;
        }
        if matches!(directive, "style-src-attr" | "style-src-elem") && self.has(STYLE_SRC) {
            return STYLE_SRC;
        }
        if FETCH_DIRECTIVES.contains(&directive) {
            return DEFAULT_SRC;
        }
        directive
    }

    /// `getEffectiveDirectives`: without repeats, in order.
    fn effective_all<'a>(&self, directives: &[&'a str]) -> Vec<&'a str> {
        let mut out: Vec<&str> = Vec::new();
        for d in directives {
            let e = self.effective(d);
            if !out.contains(&e) {
                out.push(e);
            }
        }
        out
    }

    fn has_script_nonces(&self, directive: &str) -> bool {
        let values = self.values(self.effective(directive));
        values.iter().any(|v| is_strict_nonce(v))
    }

    fn has_script_hashes(&self, directive: &str) -> bool {
        let values = self.values(self.effective(directive));
        values.iter().any(|v| is_strict_hash(v))
    }

    fn has_strict_dynamic(&self, directive: &str) -> bool {
        let values = self.values(self.effective(directive));
        values.iter().any(|v| v == "'strict-dynamic'")
    }

    fn remove(&mut self, directive: &str, value: &str) {
        if let Some((_, values)) = self.directives.iter_mut().find(|(n, _)| n == directive)
            && let Some(i) = values.iter().position(|v| v == value)
        {
            values.remove(i);
        }
    }

    /// `getEffectiveCsp` for CSP3, with the findings about ignored sources.
    fn effective_csp(&self, out: &mut Findings<'_>) -> Self {
        let mut eff = self.clone();
        for d in [SCRIPT_SRC, SCRIPT_SRC_ATTR, SCRIPT_SRC_ELEM] {
            let directive = eff.effective(d);
            let values = self.values(directive);
            if eff.has(directive)
                && (eff.has_script_nonces(directive) || eff.has_script_hashes(directive))
                && values.iter().any(|v| v == "'unsafe-inline'")
            {
                eff.remove(directive, "'unsafe-inline'");
                out.push(
                    Rule::CspIgnoredSource,
                    Some(directive),
                    Some("'unsafe-inline'"),
                    "'unsafe-inline' is ignored where a nonce or a hash is present (CSP2 and later); next to one it is the fallback for older browsers, as in ContentSecurityPolicy::strict()",
                );
            }
            if eff.has(directive) && self.has_strict_dynamic(directive) {
                for value in values {
                    if !value.starts_with('\'') || value == "'self'" || value == "'unsafe-inline'" {
                        eff.remove(directive, value);
                        out.push(
                            Rule::CspIgnoredSource,
                            Some(directive),
                            Some(value),
                            "ignored because of 'strict-dynamic' (CSP3 and later); a host or scheme here is only the fallback for older browsers, as https: is in ContentSecurityPolicy::strict()",
                        );
                    }
                }
            }
        }
        eff
    }
}

/// The findings of one policy, all about `header`.
struct Findings<'h> {
    header: &'h str,
    list: Vec<Finding>,
}

impl Findings<'_> {
    /// Records a finding, once: the same rule for the same directive and value (reached
    /// again through `script-src-elem` and `script-src-attr`, which fall back to
    /// `script-src`) is one finding.
    fn push(&mut self, rule: Rule, directive: Option<&str>, value: Option<&str>, message: &str) {
        if self
            .list
            .iter()
            .any(|f| f.rule() == rule && f.directive() == directive && f.value() == value)
        {
            return;
        }
        let mut f = Finding::new(rule, self.header, message);
        if let Some(d) = directive {
            f = f.directive_is(d);
        }
        if let Some(v) = value {
            f = f.value_is(v);
        }
        self.list.push(f);
    }
}

/// The values of `directive` in a policy value, as browsers read it (the first of a
/// repeated directive), or `None` if it is not set.
pub(super) fn directive_values(value: &str, directive: &str) -> Option<Vec<String>> {
    Csp::parse(value).0.get(directive).cloned()
}

/// Lints one policy value sent as `header`.
pub(super) fn lint(value: &str, header: &str) -> Vec<Finding> {
    let (parsed, repeated) = Csp::parse(value);
    let mut out = Findings {
        header,
        list: Vec::new(),
    };
    let eff = parsed.effective_csp(&mut out);
    // Checks on the policy as written (CSP Evaluator's strict-CSP and reporting checks).
    check_strict_dynamic(&parsed, &mut out);
    check_reporting(&parsed, &mut out);
    // CSP Evaluator's default checks, on the effective policy.
    check_script_unsafe_inline(&eff, &mut out);
    check_plain_url_schemes_and_wildcards(&eff, &mut out);
    check_missing_directives(&eff, &mut out);
    check_script_allowlist_bypass(&eff, &mut out);
    check_object_allowlist_bypass(&eff, &mut out);
    check_each_value(&eff, &mut out);
    check_directive_names(&eff, &mut out);
    // This crate's checks.
    check_own(value, &parsed, &repeated, &mut out);
    out.list
}

/// `checkStrictDynamic`, `checkStrictDynamicNotStandalone`, `checkUnsafeInlineFallback`,
/// `checkAllowlistFallback`, `checkRequiresTrustedTypesForScripts`.
fn check_strict_dynamic(csp: &Csp, out: &mut Findings<'_>) {
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
fn check_reporting(csp: &Csp, out: &mut Findings<'_>) {
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
fn check_script_unsafe_inline(eff: &Csp, out: &mut Findings<'_>) {
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
fn check_plain_url_schemes_and_wildcards(eff: &Csp, out: &mut Findings<'_>) {
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
fn check_missing_directives(eff: &Csp, out: &mut Findings<'_>) {
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
fn check_script_allowlist_bypass(eff: &Csp, out: &mut Findings<'_>) {
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
fn check_object_allowlist_bypass(eff: &Csp, out: &mut Findings<'_>) {
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
fn check_each_value(eff: &Csp, out: &mut Findings<'_>) {
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
fn invalid_keyword(directive: &str, value: &str) -> Option<String> {
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
fn check_directive_names(eff: &Csp, out: &mut Findings<'_>) {
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

/// The rule for a policy that a configuration sends on every response: a nonce written
/// into it (anything but the per-request slot of `Source::nonce()`) is the same on every
/// response, which defeats it.
pub(super) fn lint_static_nonces(value: &str, header: &str) -> Vec<Finding> {
    let mut out = Findings {
        header,
        list: Vec::new(),
    };
    for (name, values) in &Csp::parse(value).0.directives {
        for v in values {
            if v != crate::nonce::NONCE_SOURCE && nonce_of(v).is_some() {
                out.push(
                    Rule::CspStaticNonce,
                    Some(name),
                    Some(v),
                    "this nonce is written in the configuration, so every response sends the same one and injected markup can reuse it; use Source::nonce() for a fresh nonce on each response",
                );
            }
        }
    }
    out.list
}

/// This crate's rules.
fn check_own(value: &str, parsed: &Csp, repeated: &[String], out: &mut Findings<'_>) {
    if parsed.directives.is_empty() {
        out.push(Rule::CspEmpty, None, None, "the policy has no directive");
        return;
    }
    if value.contains(',') {
        out.push(
            Rule::CspMultiplePolicies,
            None,
            Some(value),
            "a comma separates two policies, and browsers enforce both; use ';' between directives",
        );
    }
    for name in repeated {
        let message =
            format!("{name} is given twice; browsers ignore every {name} after the first");
        out.push(Rule::CspDuplicateDirective, Some(name), None, &message);
    }
    if !parsed.has(DEFAULT_SRC) {
        out.push(
            Rule::CspMissingDefaultSrc,
            Some(DEFAULT_SRC),
            None,
            "without default-src, every fetch directive that is not set allows any source",
        );
    }
    for (name, values) in &parsed.directives {
        if !name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            out.push(
                Rule::CspInvalidDirectiveName,
                Some(name),
                None,
                "a directive name is made of ASCII letters, digits and '-'",
            );
        }
        for v in values {
            out.list
                .extend(super::checks::nonce_too_short(out.header, name, v));
        }
        let directive = Directive::lookup(name);
        if directive.is_custom() || !directive.is_source_list() {
            continue;
        }
        if values.len() > 1 && values.iter().any(|v| v == "'none'") {
            out.push(
                Rule::CspNoneWithSources,
                Some(name),
                Some("'none'"),
                "'none' with other sources is ignored; remove it or the other sources",
            );
        }
        for v in values {
            if invalid_keyword(name, v).is_some() {
                continue;
            }
            if let Err(e) = v.parse::<Source>() {
                let message = match e.detail() {
                    Some(d) => format!("browsers ignore this source: {d}"),
                    None => format!("browsers ignore this source: {}", e.kind()),
                };
                out.push(Rule::CspInvalidSource, Some(name), Some(v), &message);
            }
        }
    }
    check_ignored_paths(parsed, out);
    for d in parsed.effective_all(&[STYLE_SRC, "style-src-attr", "style-src-elem"]) {
        let values = parsed.values(d);
        let nonce_or_hash = values
            .iter()
            .any(|v| is_strict_nonce(v) || is_strict_hash(v));
        if values.iter().any(|v| v == "'unsafe-inline'") && !nonce_or_hash {
            out.push(
                Rule::CspStyleUnsafeInline,
                Some(d),
                Some("'unsafe-inline'"),
                "'unsafe-inline' lets injected styles apply (CSS can leak page content); use nonces or hashes",
            );
        }
    }
}

/// The path of a host source (`https://a.example/embed/` → `/embed/`), if it has one
/// other than `/`.
pub(super) fn source_path(value: &str) -> Option<&str> {
    if value.starts_with('\'') || is_url_scheme(value) {
        return None;
    }
    let free = scheme_free(value);
    let slash = free.find('/')?;
    let path = free[slash..].split(['?', '#']).next().unwrap_or_default();
    (path != "/").then_some(path)
}

/// Paths that browsers do not match: `frame-ancestors` compares the embedding pages'
/// origins only, so a path there does not narrow anything down.
fn check_ignored_paths(parsed: &Csp, out: &mut Findings<'_>) {
    for v in parsed.values("frame-ancestors") {
        if let Some(path) = source_path(v) {
            let message = format!(
                "frame-ancestors matches the embedding page's origin only: the path {path} does \
                 not limit which pages may frame this one; every page of that origin can"
            );
            out.push(
                Rule::CspPathIgnored,
                Some("frame-ancestors"),
                Some(v),
                &message,
            );
        }
    }
}

#[cfg(test)]
mod tests;
