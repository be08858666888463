//! The Observatory's tests other than CSP, ported statement by statement.

use http::HeaderMap;

use super::csp::csp_test;
use super::html::{Tag, start_tags};
use super::sf::token_item;
use super::{Algorithm, GradeContext, Outcome, Scheme, js_trim, scheme_and_host};

const HTML_TYPES: [&str; 2] = ["text/html", "application/xhtml+xml"];
const SIX_MONTHS: f64 = 15_552_000.0;

/// A header value as the scanner's client decodes it (latin-1).
fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// Every value of `name` joined with `", "`, as Node's HTTP client joins repeated fields.
fn joined(headers: &HeaderMap, name: &str) -> Option<String> {
    let mut values = headers.get_all(name).iter().peekable();
    values.peek()?;
    Some(
        values
            .map(|v| latin1(v.as_bytes()))
            .collect::<Vec<_>>()
            .join(", "),
    )
}

/// The first value of `name` (Node keeps only the first `Content-Type`).
fn first(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get(name).map(|v| latin1(v.as_bytes()))
}

/// `<meta>` policies found in the page (only for HTML responses).
#[derive(Default)]
struct HttpEquiv {
    csp: Vec<String>,
    referrer: Vec<String>,
}

fn http_equiv(tags: &[Tag]) -> HttpEquiv {
    let mut out = HttpEquiv::default();
    for meta in tags.iter().filter(|t| t.name == "meta") {
        match (meta.attr("http-equiv"), meta.attr("content")) {
            (Some(equiv), Some(content)) => {
                if !content.is_empty() && js_trim(equiv).to_lowercase() == "content-security-policy"
                {
                    out.csp.push(content.to_owned());
                }
            }
            _ => {
                if meta
                    .attr("name")
                    .is_some_and(|n| js_trim(n).to_lowercase() == "referrer")
                    && let Some(content) = meta.attr("content").filter(|c| !c.is_empty())
                {
                    out.referrer = vec![content.to_owned()];
                }
            }
        }
    }
    out
}

/// The policies a list of `Content-Security-Policy` values holds: under algorithm 4 each
/// value is one policy; from algorithm 5 on (1.6.2, "split CSP headers into policies",
/// #496) each value is split on commas and every piece trimmed.
fn csp_policies(values: Vec<String>, algorithm: Algorithm) -> Vec<String> {
    match algorithm {
        Algorithm::V4 => values,
        Algorithm::V5 | Algorithm::V6 => values
            .iter()
            .flat_map(|v| v.split(',').map(|p| js_trim(p).to_owned()))
            .collect(),
    }
}

/// Runs the algorithm's tests, in the order of [`Algorithm::tests`]: each result and
/// whether it passed.
pub(super) fn run(
    headers: &HeaderMap,
    ctx: &GradeContext,
    algorithm: Algorithm,
) -> Vec<(Outcome, bool)> {
    let https = ctx.scheme != Scheme::Http;
    let content_type = first(headers, "content-type").unwrap_or_default();
    let mime = content_type.split(';').next().unwrap_or("");
    let is_html = HTML_TYPES.contains(&mime);
    // From 1.4.9 ("Support port numbers and path", #302) a response without a media type
    // has its page examined for scripts too; `<meta>` policies still need an HTML type.
    let sri_examines = is_html || (algorithm != Algorithm::V4 && mime.is_empty());
    let tags = match (&ctx.html, sri_examines) {
        (Some(html), true) => start_tags(html),
        _ => Vec::new(),
    };
    let equiv = match &ctx.html {
        Some(html) if is_html && !html.is_empty() => http_equiv(&tags),
        _ => HttpEquiv::default(),
    };

    let http_csp = csp_policies(
        joined(headers, "content-security-policy")
            .into_iter()
            .collect(),
        algorithm,
    );
    let meta_csp = csp_policies(equiv.csp, algorithm);
    let csp = csp_test(
        &http_csp,
        &meta_csp,
        joined(headers, "content-security-policy-report-only").as_deref(),
        https,
    );
    let hsts = hsts_test(headers, ctx);
    let frame_ancestors = csp
        .data
        .as_ref()
        .is_some_and(|d| d.get("frame-ancestors").is_some());
    let mut out = vec![
        (csp.result, csp.pass),
        cookies_test(headers, ctx, hsts.1),
        cors_test(headers, ctx),
        redirection_test(ctx),
        referrer_test(headers, &equiv.referrer),
        hsts,
        sri_test(sri_examines, &tags, ctx, algorithm),
        xcto_test(headers),
        xfo_test(headers, frame_ancestors),
        corp_test(headers),
    ];
    if algorithm == Algorithm::V6 {
        // The scanner's order: after cookies, before CORS.
        out.insert(2, coep_test(headers));
        out.insert(3, coop_test(headers));
    }
    out
}

/// The value of a header that algorithm 6 reads as a structured-field token: `Err(())` when
/// the field is repeated, `Ok(None)` when absent or empty, else the token, if it is one.
fn token_header(headers: &HeaderMap, name: &str) -> Result<Option<Option<String>>, ()> {
    // Repeated fields reach the scanner joined with ", " (never a token), or as a list
    // (invalid): either way the result is invalid.
    if headers.get_all(name).iter().count() > 1 {
        return Err(());
    }
    match joined(headers, name).filter(|h| !h.is_empty()) {
        None => Ok(None),
        Some(h) => Ok(Some(token_item(js_trim(slice(&h, 1024))))),
    }
}

/// The algorithm-6 tests of a header holding one token: `tokens` maps each valid token to
/// its result; an absent or empty header is `missing`, anything else `invalid` (the only
/// result that fails).
fn token_test(
    headers: &HeaderMap,
    name: &str,
    tokens: &[(&str, Outcome)],
    missing: Outcome,
    invalid: Outcome,
) -> (Outcome, bool) {
    let result = match token_header(headers, name) {
        Err(()) => invalid,
        Ok(None) => missing,
        Ok(Some(token)) => tokens
            .iter()
            .find(|(t, _)| token.as_deref() == Some(*t))
            .map_or(invalid, |(_, o)| *o),
    };
    (result, result != invalid)
}

/// `crossOriginEmbedderPolicyTest` (algorithm 6).
fn coep_test(headers: &HeaderMap) -> (Outcome, bool) {
    use Outcome::*;
    token_test(
        headers,
        "cross-origin-embedder-policy",
        &[
            ("require-corp", CoepImplementedWithRequireCorp),
            ("credentialless", CoepImplementedWithCredentialless),
            ("unsafe-none", CoepImplementedWithUnsafeNone),
        ],
        CoepNotImplemented,
        CoepHeaderInvalid,
    )
}

/// `crossOriginOpenerPolicyTest` (algorithm 6).
fn coop_test(headers: &HeaderMap) -> (Outcome, bool) {
    use Outcome::*;
    token_test(
        headers,
        "cross-origin-opener-policy",
        &[
            ("same-origin", CoopImplementedWithSameOrigin),
            (
                "same-origin-allow-popups",
                CoopImplementedWithSameOriginAllowPopups,
            ),
            (
                "noopener-allow-popups",
                CoopImplementedWithNoopenerAllowPopups,
            ),
            ("unsafe-none", CoopImplementedWithUnsafeNone),
        ],
        CoopNotImplemented,
        CoopHeaderInvalid,
    )
}

/// JavaScript's `parseInt(s, 10)`: `None` for `NaN`.
fn parse_int(s: &str) -> Option<f64> {
    let s = js_trim(s);
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    let n: f64 = digits[..end].parse().ok()?;
    Some(if neg { -n } else { n })
}

/// The first `n` UTF-16 units of `s` (JavaScript's `slice(0, n)`, for latin-1 text).
fn slice(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn hsts_test(headers: &HeaderMap, ctx: &GradeContext) -> (Outcome, bool) {
    let mut result = Outcome::HstsNotImplemented;
    match ctx.scheme {
        Scheme::Http => result = Outcome::HstsNotImplementedNoHttps,
        Scheme::HttpsInvalidCertificate => result = Outcome::HstsInvalidCert,
        Scheme::Https => {
            if let Some(header) = joined(headers, "strict-transport-security") {
                let data = slice(&header, 1024);
                result = if data.contains(',') {
                    Outcome::HstsHeaderInvalid
                } else {
                    let mut max_age: Option<Option<f64>> = None;
                    for parameter in data.split(';') {
                        let parameter = js_trim(parameter).to_lowercase();
                        if let Some(rest) = parameter.strip_prefix("max-age=") {
                            max_age = Some(parse_int(slice(rest, 120)));
                        }
                    }
                    match max_age {
                        None => Outcome::HstsHeaderInvalid,
                        // parseInt gave NaN, and NaN < SIX_MONTHS is false.
                        Some(None) => Outcome::HstsImplementedMaxAgeAtLeastSixMonths,
                        Some(Some(n)) if n < SIX_MONTHS => {
                            Outcome::HstsImplementedMaxAgeLessThanSixMonths
                        }
                        Some(Some(_)) => Outcome::HstsImplementedMaxAgeAtLeastSixMonths,
                    }
                };
            }
        }
    }
    if ctx.scheme != Scheme::Http && ctx.hsts_preloaded {
        result = Outcome::HstsPreloaded;
    }
    let pass = matches!(
        result,
        Outcome::HstsImplementedMaxAgeAtLeastSixMonths | Outcome::HstsPreloaded
    );
    (result, pass)
}

fn xfo_test(headers: &HeaderMap, frame_ancestors: bool) -> (Outcome, bool) {
    let mut result = match joined(headers, "x-frame-options").filter(|h| !h.is_empty()) {
        Some(h) => {
            let xfo = js_trim(slice(&h, 1024)).to_lowercase();
            if xfo == "deny" || xfo == "sameorigin" {
                Outcome::XFrameOptionsSameoriginOrDeny
            } else if xfo.starts_with("allow-from") {
                Outcome::XFrameOptionsAllowFromOrigin
            } else {
                Outcome::XFrameOptionsHeaderInvalid
            }
        }
        None => Outcome::XFrameOptionsNotImplemented,
    };
    if frame_ancestors {
        result = Outcome::XFrameOptionsImplementedViaCsp;
    }
    let pass = matches!(
        result,
        Outcome::XFrameOptionsAllowFromOrigin
            | Outcome::XFrameOptionsSameoriginOrDeny
            | Outcome::XFrameOptionsImplementedViaCsp
    );
    (result, pass)
}

fn xcto_test(headers: &HeaderMap) -> (Outcome, bool) {
    let result = match joined(headers, "x-content-type-options").filter(|h| !h.is_empty()) {
        Some(h) if js_trim(slice(&h, 256)).to_lowercase() == "nosniff" => {
            Outcome::XContentTypeOptionsNosniff
        }
        Some(_) => Outcome::XContentTypeOptionsHeaderInvalid,
        None => Outcome::XContentTypeOptionsNotImplemented,
    };
    (result, result == Outcome::XContentTypeOptionsNosniff)
}

fn referrer_test(headers: &HeaderMap, equiv: &[String]) -> (Outcome, bool) {
    const GOOD: [&str; 4] = [
        "no-referrer",
        "same-origin",
        "strict-origin",
        "strict-origin-when-cross-origin",
    ];
    const BAD: [&str; 4] = [
        "origin",
        "origin-when-cross-origin",
        "unsafe-url",
        "no-referrer-when-downgrade",
    ];
    let mut all: Vec<String> = joined(headers, "referrer-policy").into_iter().collect();
    all.extend(equiv.iter().cloned());
    if all.is_empty() {
        return (Outcome::ReferrerPolicyNotImplemented, true);
    }
    let data = all.join(", ");
    let policy = data
        .split(',')
        .map(|e| js_trim(e).to_lowercase())
        .rfind(|e| GOOD.contains(&e.as_str()) || BAD.contains(&e.as_str()))
        .unwrap_or_default();
    let result = if GOOD.contains(&policy.as_str()) {
        Outcome::ReferrerPolicyPrivate
    } else if BAD.contains(&policy.as_str()) {
        Outcome::ReferrerPolicyUnsafe
    } else {
        Outcome::ReferrerPolicyHeaderInvalid
    };
    (result, result == Outcome::ReferrerPolicyPrivate)
}

fn corp_test(headers: &HeaderMap) -> (Outcome, bool) {
    let result = match joined(headers, "cross-origin-resource-policy").filter(|h| !h.is_empty()) {
        None => Outcome::CorpNotImplemented,
        Some(h) => match js_trim(slice(&h, 256)).to_lowercase().as_str() {
            // An all-space value trims to "", which the scanner treats as absent.
            "" => Outcome::CorpNotImplemented,
            "same-site" => Outcome::CorpImplementedWithSameSite,
            "same-origin" => Outcome::CorpImplementedWithSameOrigin,
            "cross-origin" => Outcome::CorpImplementedWithCrossOrigin,
            _ => Outcome::CorpHeaderInvalid,
        },
    };
    (result, result != Outcome::CorpHeaderInvalid)
}

fn cors_test(headers: &HeaderMap, ctx: &GradeContext) -> (Outcome, bool) {
    let result = match joined(headers, "access-control-allow-origin").filter(|h| !h.is_empty()) {
        None => Outcome::CrossOriginResourceSharingNotImplemented,
        Some(acao) => {
            let credentials = joined(headers, "access-control-allow-credentials")
                .filter(|c| !c.is_empty())
                .is_some_and(|c| js_trim(&c.to_lowercase()) == "true");
            if js_trim(slice(&acao, 256)).to_lowercase() == "*" {
                Outcome::CrossOriginResourceSharingImplementedWithPublicAccess
            } else if ctx
                .cors_origin
                .as_deref()
                .is_some_and(|o| !o.is_empty() && o == acao)
                && credentials
            {
                Outcome::CrossOriginResourceSharingImplementedWithUniversalAccess
            } else {
                Outcome::CrossOriginResourceSharingImplementedWithRestrictedAccess
            }
        }
    };
    (
        result,
        result != Outcome::CrossOriginResourceSharingImplementedWithUniversalAccess,
    )
}

fn redirection_test(ctx: &GradeContext) -> (Outcome, bool) {
    let result = ctx.redirection.outcome();
    let pass = matches!(
        result,
        Outcome::RedirectionNotNeededNoHttp
            | Outcome::RedirectionAllRedirectsPreloaded
            | Outcome::RedirectionToHttps
    );
    (result, pass)
}

/// `onlyIfWorse`: `new` if it comes later in `order` than `old`.
fn only_if_worse(new: Outcome, old: Option<Outcome>, order: &[Outcome]) -> Outcome {
    match old {
        None => new,
        Some(old) => {
            let pos = |o| order.iter().position(|x| *x == o).map_or(-1, |p| p as i64);
            if pos(new) > pos(old) { new } else { old }
        }
    }
}

/// A cookie as the scanner's cookie jar keeps it.
#[derive(Debug)]
struct Cookie {
    key: String,
    secure: bool,
    http_only: bool,
    same_site: Option<String>,
    domain: Option<String>,
    path: String,
}

/// Parses a `Set-Cookie` value as the jar does; `None` where the jar refuses the cookie.
fn parse_cookie(raw: &str, host: Option<&str>) -> Option<Cookie> {
    let raw = js_trim(raw);
    let raw = raw.split(['\n', '\r', '\0']).next().unwrap_or("");
    let (pair, attrs) = raw.split_once(';').unwrap_or((raw, ""));
    let (key, _value) = pair.split_once('=')?;
    let key = key.trim();
    if pair.chars().any(|c| c < '\u{20}') {
        return None;
    }
    let mut cookie = Cookie {
        key: key.to_owned(),
        secure: false,
        http_only: false,
        same_site: None,
        domain: None,
        path: "/".to_owned(),
    };
    for av in attrs.split(';') {
        let av = av.trim();
        if av.is_empty() {
            continue;
        }
        let (name, value) = match av.split_once('=') {
            Some((n, v)) => (n.trim().to_ascii_lowercase(), v.trim()),
            None => (av.to_ascii_lowercase(), ""),
        };
        match name.as_str() {
            "secure" => cookie.secure = true,
            "httponly" => cookie.http_only = true,
            "samesite" => {
                let v = value.to_ascii_lowercase();
                cookie.same_site = matches!(v.as_str(), "strict" | "lax" | "none").then_some(v);
            }
            "domain" if !value.is_empty() => {
                let d = value.trim_start_matches('.').to_ascii_lowercase();
                cookie.domain = (!d.is_empty()).then_some(d);
            }
            "path" => {
                cookie.path = if value.starts_with('/') {
                    value.to_owned()
                } else {
                    "/".to_owned()
                }
            }
            _ => {}
        }
    }
    if let (Some(domain), Some(host)) = (&cookie.domain, host) {
        let matches = host == domain || host.ends_with(&format!(".{domain}"));
        if !matches {
            return None;
        }
    }
    if cookie.key.starts_with("__Secure-") && !cookie.secure {
        return None;
    }
    if cookie.key.starts_with("__Host-")
        && !(cookie.secure && cookie.domain.is_none() && cookie.path == "/")
    {
        return None;
    }
    Some(cookie)
}

/// The raw check on `SameSite` attributes that the scanner runs before the jar.
fn invalid_same_site(raw: &str) -> bool {
    for part in js_trim(raw).split(';') {
        let mut kv = js_trim(part).split('=');
        let key = kv.next().unwrap_or("");
        let value = kv.next();
        if js_trim(key).to_lowercase() == "samesite" {
            match value {
                None | Some("") => return true,
                Some(v) => {
                    if !["lax", "strict", "none"].contains(&js_trim(v).to_lowercase().as_str()) {
                        return true;
                    }
                }
            }
        }
    }
    false
}

fn cookies_test(headers: &HeaderMap, ctx: &GradeContext, hsts: bool) -> (Outcome, bool) {
    use Outcome::*;
    const ORDER: [Outcome; 7] = [
        CookiesWithoutSecureFlagButProtectedByHsts,
        CookiesWithoutSecureFlag,
        CookiesSessionWithoutSecureFlagButProtectedByHsts,
        CookiesSamesiteFlagInvalid,
        CookiesAnticsrfWithoutSamesiteFlag,
        CookiesSessionWithoutHttponlyFlag,
        CookiesSessionWithoutSecureFlag,
    ];
    let raw: Vec<String> = headers
        .get_all("set-cookie")
        .iter()
        .map(|v| latin1(v.as_bytes()))
        .collect();
    let mut result: Option<Outcome> = None;
    for r in &raw {
        if invalid_same_site(r) {
            result = Some(only_if_worse(CookiesSamesiteFlagInvalid, result, &ORDER));
        }
    }
    // The jar: a later cookie with the same name, domain and path replaces an earlier one.
    let mut jar: Vec<Cookie> = Vec::new();
    for r in &raw {
        if let Some(c) = parse_cookie(r, ctx.host.as_deref()) {
            jar.retain(|o| !(o.key == c.key && o.domain == c.domain && o.path == c.path));
            jar.push(c);
        }
    }
    jar.retain(|c| !c.key.is_empty() && c.key != "heroku-session-affinity");
    if jar.is_empty() {
        return (CookiesNotFound, true);
    }
    let mut missing_same_site = false;
    for c in &jar {
        let key = c.key.to_lowercase();
        let session = key.contains("login") || key.contains("sess");
        let anticsrf = key.contains("csrf");
        let mut worse = |o| result = Some(only_if_worse(o, result, &ORDER));
        if !c.secure && c.same_site.as_deref() == Some("none") {
            worse(CookiesSamesiteFlagInvalid);
        }
        if !c.secure {
            worse(if hsts {
                CookiesWithoutSecureFlagButProtectedByHsts
            } else {
                CookiesWithoutSecureFlag
            });
        }
        if anticsrf && c.same_site.is_none() {
            worse(CookiesAnticsrfWithoutSamesiteFlag);
        }
        if session && !c.secure {
            worse(if hsts {
                CookiesSessionWithoutSecureFlagButProtectedByHsts
            } else {
                CookiesSessionWithoutSecureFlag
            });
        }
        if session && !c.http_only {
            worse(CookiesSessionWithoutHttponlyFlag);
        }
        if c.same_site.is_none() {
            missing_same_site = true;
        }
    }
    let result = result.unwrap_or(if missing_same_site {
        CookiesSecureWithHttponlySessions
    } else {
        CookiesSecureWithHttponlySessionsAndSamesite
    });
    let pass = matches!(
        result,
        CookiesSecureWithHttponlySessionsAndSamesite | CookiesSecureWithHttponlySessions
    );
    (result, pass)
}

/// Multi-label public suffixes common enough to matter when telling a site's own scripts
/// from foreign ones (the scanner uses the ICANN section of the public suffix list).
const TWO_LABEL_SUFFIXES: [&str; 20] = [
    "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "com.au", "net.au", "org.au", "co.nz", "co.jp",
    "ne.jp", "or.jp", "co.kr", "co.in", "com.br", "com.cn", "com.mx", "com.tr", "co.za", "com.sg",
];

/// The registrable domain of a host (`None` for IP addresses and single labels).
fn registrable_domain(host: &str) -> Option<String> {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host.starts_with('[') || host.parse::<std::net::Ipv4Addr>().is_ok() {
        return None;
    }
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    if labels.len() < 2 {
        return None;
    }
    let n = labels.len();
    let last_two = format!("{}.{}", labels[n - 2], labels[n - 1]);
    if TWO_LABEL_SUFFIXES.contains(&last_two.as_str()) {
        (n >= 3).then(|| format!("{}.{last_two}", labels[n - 3]))
    } else {
        Some(last_two)
    }
}

/// Where a script's `src` points, as the Subresource Integrity test classifies it.
struct ScriptSource {
    /// `//host/...`.
    protocol_relative: bool,
    /// A relative URL: the page's own origin.
    relative: bool,
    /// For an absolute `http(s)` URL: its scheme and host.
    absolute: Option<(String, String)>,
}

/// Algorithm 4 reads `src` through the DOM (`script.src`): surrounding spaces and control
/// characters are stripped and the scheme matched case-insensitively.
fn classify_dom(src: &str) -> Option<ScriptSource> {
    let trimmed = src.trim_matches(|c: char| c <= ' ');
    let (scheme, host) = scheme_and_host(trimmed);
    let has_scheme = trimmed.split_once(':').is_some_and(|(s, _)| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    if !has_scheme && src.is_empty() {
        return None;
    }
    let full = has_scheme && (scheme == "http" || scheme == "https") && !host.is_empty();
    let protocol_relative =
        !has_scheme && src.starts_with("//") && src[2..].chars().next().is_some_and(|c| c != '/');
    Some(ScriptSource {
        protocol_relative,
        relative: !protocol_relative && !full,
        absolute: full.then_some((scheme, host)),
    })
}

/// From algorithm 5 on (1.5.3, "migrate from jsdom to htmlparser2", #419) `src` is the
/// attribute as written: only a value starting with exactly `http://` or `https://` is an
/// absolute URL, anything else not starting with `//` is relative.
fn classify_raw(src: &str) -> Option<ScriptSource> {
    if src.is_empty() {
        return None;
    }
    let protocol_relative =
        src.starts_with("//") && src[2..].chars().next().is_some_and(|c| c != '/');
    let absolute = (!protocol_relative
        && (src.starts_with("http://") || src.starts_with("https://")))
    .then(|| scheme_and_host(src));
    Some(ScriptSource {
        protocol_relative,
        relative: !protocol_relative && absolute.is_none(),
        absolute,
    })
}

fn sri_test(
    examines: bool,
    tags: &[Tag],
    ctx: &GradeContext,
    algorithm: Algorithm,
) -> (Outcome, bool) {
    use Outcome::*;
    const ORDER: [Outcome; 6] = [
        SriImplementedAndAllScriptsLoadedSecurely,
        SriImplementedAndExternalScriptsLoadedSecurely,
        SriImplementedButExternalScriptsNotLoadedSecurely,
        SriNotImplementedButExternalScriptsLoadedSecurely,
        SriNotImplementedAndExternalScriptsNotLoadedSecurely,
        SriNotImplementedResponseNotHtml,
    ];
    if !examines {
        return (SriNotImplementedResponseNotHtml, true);
    }
    let https = ctx.scheme != Scheme::Http;
    let site_domain = ctx.host.as_deref().and_then(registrable_domain);
    let scripts: Vec<&Tag> = tags.iter().filter(|t| t.name == "script").collect();
    let mut result: Option<Outcome> = None;
    let mut foreign = false;
    for script in &scripts {
        let Some(src_attr) = script.attr("src") else {
            continue;
        };
        let classified = match algorithm {
            Algorithm::V4 => classify_dom(src_attr),
            Algorithm::V5 | Algorithm::V6 => classify_raw(src_attr),
        };
        let Some(source) = classified else {
            continue;
        };
        let same_domain = match &source.absolute {
            Some((_, host)) => registrable_domain(host) == site_domain,
            None => true,
        };
        let secure_origin = source.relative || (same_domain && !source.protocol_relative);
        if !secure_origin {
            foreign = true;
        }
        let secure_scheme = source
            .absolute
            .as_ref()
            .is_some_and(|(scheme, _)| scheme == "https")
            || (source.relative && https);
        let integrity = script.attr("integrity").is_some_and(|i| !i.is_empty());
        if !secure_origin {
            let o = match (integrity, secure_scheme) {
                (true, false) => Some(SriImplementedButExternalScriptsNotLoadedSecurely),
                (false, true) => Some(SriNotImplementedButExternalScriptsLoadedSecurely),
                (false, false) => Some(SriNotImplementedAndExternalScriptsNotLoadedSecurely),
                (true, true) => None,
            };
            if let Some(o) = o {
                result = Some(only_if_worse(o, result, &ORDER));
            }
        } else if integrity && secure_scheme && result.is_none() {
            result = Some(SriImplementedAndAllScriptsLoadedSecurely);
        }
    }
    let result = if scripts.is_empty() {
        SriNotImplementedButNoScriptsLoaded
    } else {
        result.unwrap_or(if foreign {
            SriImplementedAndExternalScriptsLoadedSecurely
        } else {
            SriNotImplementedButAllScriptsLoadedFromSecureOrigin
        })
    };
    let pass = matches!(
        result,
        SriImplementedAndAllScriptsLoadedSecurely
            | SriImplementedAndExternalScriptsLoadedSecurely
            | SriNotImplementedResponseNotHtml
            | SriNotImplementedButAllScriptsLoadedFromSecureOrigin
            | SriNotImplementedButNoScriptsLoaded
    );
    (result, pass)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_int_is_javascripts() {
        assert_eq!(parse_int(" 123abc"), Some(123.0));
        assert_eq!(parse_int("-5"), Some(-5.0));
        assert_eq!(parse_int("abc"), None);
        assert_eq!(parse_int("\"31536000\""), None);
    }

    #[test]
    fn cookies_parse_like_the_jar() {
        let c = parse_cookie("SID=1; Secure; HttpOnly; SameSite=Lax", None).unwrap();
        assert!(c.secure && c.http_only);
        assert_eq!(c.same_site.as_deref(), Some("lax"));
        assert!(parse_cookie("novalue", None).is_none());
        assert!(parse_cookie("a=1; Domain=other.com", Some("example.com")).is_none());
        assert!(parse_cookie("a=1; Domain=.example.com", Some("www.example.com")).is_some());
        assert!(parse_cookie("__Host-a=1; Path=/", None).is_none());
        assert!(parse_cookie("__Host-a=1; Secure; Path=/", None).is_some());
        assert!(invalid_same_site("a=1; SameSite"));
        assert!(invalid_same_site("a=1; SameSite=bogus"));
        assert!(!invalid_same_site("a=1; samesite=Strict"));
    }

    #[test]
    fn registrable_domains() {
        assert_eq!(
            registrable_domain("cdn.example.com").as_deref(),
            Some("example.com")
        );
        assert_eq!(registrable_domain("a.b.co.uk").as_deref(), Some("b.co.uk"));
        assert_eq!(registrable_domain("127.0.0.1"), None);
        assert_eq!(registrable_domain("localhost"), None);
    }
}
