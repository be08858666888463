//! A policy as CSP Evaluator reads it: its keywords and directives, the policy's
//! directives in order with values normalised, the effective directive of each, and the
//! URL helpers of its checks.

use super::*;

/// The keywords CSP Evaluator knows, and those it does not know yet of the CSP3 editor's
/// draft's `keyword-source` (so that they are not reported as invalid).
pub(super) const KEYWORDS: [&str; 19] = [
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
pub(super) const DIRECTIVES: [&str; 35] = [
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
pub(super) const FETCH_DIRECTIVES: [&str; 16] = [
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
pub(super) struct Csp {
    pub(super) directives: Vec<(String, Vec<String>)>,
}

/// `^[a-zA-Z][+a-zA-Z0-9.-]*:$`
pub(super) fn is_url_scheme(s: &str) -> bool {
    let Some(body) = s.strip_suffix(':') else {
        return false;
    };
    let mut bytes = body.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'))
}

pub(super) fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

pub(super) fn is_directive(s: &str) -> bool {
    DIRECTIVES.contains(&s)
}

/// `[a-zA-Z0-9+/_-]+={0,2}`
pub(super) fn is_strict_base64(s: &str) -> bool {
    let body = s.trim_end_matches('=');
    s.len() - body.len() <= 2
        && !body.is_empty()
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'_' | b'-'))
}

pub(super) fn is_strict_nonce(value: &str) -> bool {
    value
        .strip_prefix("'nonce-")
        .and_then(|v| v.strip_suffix('\''))
        .is_some_and(is_strict_base64)
}

pub(super) fn is_strict_hash(value: &str) -> bool {
    ["'sha256-", "'sha384-", "'sha512-"].iter().any(|p| {
        value
            .strip_prefix(p)
            .and_then(|v| v.strip_suffix('\''))
            .is_some_and(is_strict_base64)
    })
}

/// CSP Evaluator's `normalizeDirectiveValue`: keywords and schemes lowercased.
pub(super) fn normalize(value: &str) -> String {
    let lower = value.to_lowercase();
    if is_keyword(&lower) || is_url_scheme(value) {
        lower
    } else {
        value.to_owned()
    }
}

/// `getSchemeFreeUrl`: drops `scheme://` and then a leading `//`.
pub(super) fn scheme_free(url: &str) -> &str {
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
pub(super) fn host_and_path(url: &str) -> (String, &str) {
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
pub(super) fn hostname(value: &str) -> String {
    let free = scheme_free(value).replacen(":*", "", 1);
    let free = free.replacen('*', "wildcard_placeholder", 1);
    let (host, _) = host_and_path(&free);
    host.replacen("wildcard_placeholder", "*", 1)
}

/// `looksLikeIpAddress`
pub(super) fn looks_like_ip(host: &str) -> bool {
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
pub(super) fn match_wildcard_urls(csp_url: &str, list: &[&'static str]) -> Option<String> {
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
    pub(super) fn parse(value: &str) -> (Self, Vec<String>) {
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

    pub(super) fn has(&self, name: &str) -> bool {
        self.directives.iter().any(|(n, _)| n == name)
    }

    pub(super) fn get(&self, name: &str) -> Option<&Vec<String>> {
        self.directives
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    }

    pub(super) fn values(&self, name: &str) -> &[String] {
        self.get(name).map_or(&[], Vec::as_slice)
    }

    /// `getEffectiveDirective`
    pub(super) fn effective<'a>(&self, directive: &'a str) -> &'a str {
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
    pub(super) fn effective_all<'a>(&self, directives: &[&'a str]) -> Vec<&'a str> {
        let mut out: Vec<&str> = Vec::new();
        for d in directives {
            let e = self.effective(d);
            if !out.contains(&e) {
                out.push(e);
            }
        }
        out
    }

    pub(super) fn has_script_nonces(&self, directive: &str) -> bool {
        let values = self.values(self.effective(directive));
        values.iter().any(|v| is_strict_nonce(v))
    }

    pub(super) fn has_script_hashes(&self, directive: &str) -> bool {
        let values = self.values(self.effective(directive));
        values.iter().any(|v| is_strict_hash(v))
    }

    pub(super) fn has_strict_dynamic(&self, directive: &str) -> bool {
        let values = self.values(self.effective(directive));
        values.iter().any(|v| v == "'strict-dynamic'")
    }

    pub(super) fn remove(&mut self, directive: &str, value: &str) {
        if let Some((_, values)) = self.directives.iter_mut().find(|(n, _)| n == directive)
            && let Some(i) = values.iter().position(|v| v == value)
        {
            values.remove(i);
        }
    }

    /// `getEffectiveCsp` for CSP3, with the findings about ignored sources.
    pub(super) fn effective_csp(&self, out: &mut Findings<'_>) -> Self {
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
