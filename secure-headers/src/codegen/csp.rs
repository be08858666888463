//! A Content-Security-Policy as typed builder calls: one method per directive, typed
//! [`Source`]s, the explicit opt-ins for what this crate does not know.

use super::{Code, Expr};
use crate::csp::{Directive, HashAlgorithm, Source, SourceKind};
use crate::{ContentSecurityPolicy, Policy};

type Csp = ContentSecurityPolicy;
/// The methods that set a directive, by what they take.
type SetSources = fn(Csp, Vec<Source>) -> Csp;
type SetTokens = fn(Csp, Vec<String>) -> Csp;
type SetToken = fn(Csp, &str) -> Csp;
type Set = fn(Csp) -> Csp;

/// The source-list directives, with the method that sets each (the method's name is the
/// directive's with `_` for `-`).
const SOURCE_LISTS: [(&str, SetSources); 21] = [
    ("base-uri", |c, s| c.base_uri(s)),
    ("child-src", |c, s| c.child_src(s)),
    ("connect-src", |c, s| c.connect_src(s)),
    ("default-src", |c, s| c.default_src(s)),
    ("fenced-frame-src", |c, s| c.fenced_frame_src(s)),
    ("font-src", |c, s| c.font_src(s)),
    ("form-action", |c, s| c.form_action(s)),
    ("frame-ancestors", |c, s| c.frame_ancestors(s)),
    ("frame-src", |c, s| c.frame_src(s)),
    ("img-src", |c, s| c.img_src(s)),
    ("manifest-src", |c, s| c.manifest_src(s)),
    ("media-src", |c, s| c.media_src(s)),
    ("object-src", |c, s| c.object_src(s)),
    ("prefetch-src", |c, s| c.prefetch_src(s)),
    ("script-src", |c, s| c.script_src(s)),
    ("script-src-attr", |c, s| c.script_src_attr(s)),
    ("script-src-elem", |c, s| c.script_src_elem(s)),
    ("style-src", |c, s| c.style_src(s)),
    ("style-src-attr", |c, s| c.style_src_attr(s)),
    ("style-src-elem", |c, s| c.style_src_elem(s)),
    ("worker-src", |c, s| c.worker_src(s)),
];

/// The directives whose value is a list of tokens, with their method.
const TOKEN_LISTS: [(&str, SetTokens); 4] = [
    ("sandbox", |c, t| c.sandbox(t)),
    ("report-uri", |c, t| c.report_uri(t)),
    ("require-trusted-types-for", |c, t| {
        c.require_trusted_types_for(t)
    }),
    ("trusted-types", |c, t| c.trusted_types(t)),
];

/// The directives that take exactly one token, with their method.
const ONE_TOKEN: [(&str, SetToken); 2] = [
    ("report-to", |c, t| c.report_to(t)),
    ("webrtc", |c, t| c.webrtc(t)),
];

/// The valueless directives, with their method.
const VALUELESS: [(&str, Set); 2] = [
    ("block-all-mixed-content", Csp::block_all_mixed_content),
    ("upgrade-insecure-requests", Csp::upgrade_insecure_requests),
];

/// The sources with a constant of their own, by the constant's name.
const NAMED: [(&str, Source); 23] = [
    ("SELF", Source::SELF),
    ("NONE", Source::NONE),
    ("UNSAFE_INLINE", Source::UNSAFE_INLINE),
    ("UNSAFE_EVAL", Source::UNSAFE_EVAL),
    ("STRICT_DYNAMIC", Source::STRICT_DYNAMIC),
    ("UNSAFE_HASHES", Source::UNSAFE_HASHES),
    ("REPORT_SAMPLE", Source::REPORT_SAMPLE),
    ("WASM_UNSAFE_EVAL", Source::WASM_UNSAFE_EVAL),
    ("UNSAFE_ALLOW_REDIRECTS", Source::UNSAFE_ALLOW_REDIRECTS),
    ("TRUSTED_TYPES_EVAL", Source::TRUSTED_TYPES_EVAL),
    ("INLINE_SPECULATION_RULES", Source::INLINE_SPECULATION_RULES),
    ("REPORT_SHA256", Source::REPORT_SHA256),
    ("REPORT_SHA384", Source::REPORT_SHA384),
    ("REPORT_SHA512", Source::REPORT_SHA512),
    (
        "UNSAFE_WEBTRANSPORT_HASHES",
        Source::UNSAFE_WEBTRANSPORT_HASHES,
    ),
    ("WILDCARD", Source::WILDCARD),
    ("HTTPS", Source::HTTPS),
    ("HTTP", Source::HTTP),
    ("DATA", Source::DATA),
    ("BLOB", Source::BLOB),
    ("WSS", Source::WSS),
    ("MEDIASTREAM", Source::MEDIASTREAM),
    ("FILESYSTEM", Source::FILESYSTEM),
];

/// The source as the typed expression that makes it, and that source made the same way
/// here; `None` when no constructor gives it back exactly (text a browser ignores).
fn source(s: &Source, code: &mut Code) -> Option<(String, Source)> {
    if let Some((name, c)) = NAMED.iter().find(|(_, c)| c == s) {
        return Some((format!("Source::{name}"), c.clone()));
    }
    let text = s.as_str();
    let (expr, made) = match s.kind() {
        SourceKind::RequestNonce => ("Source::nonce()".to_owned(), Ok(Source::nonce())),
        SourceKind::Scheme => {
            let scheme = text.strip_suffix(':')?;
            (
                format!("Source::scheme({scheme:?})?"),
                Source::scheme(scheme),
            )
        }
        SourceKind::Host => (format!("Source::host({text:?})?"), Source::host(text)),
        SourceKind::Nonce => {
            let value = text.strip_prefix("'nonce-")?.strip_suffix('\'')?;
            (
                format!("Source::nonce_value({value:?})?"),
                Source::nonce_value(value),
            )
        }
        SourceKind::Hash => {
            let alg = s.hash_algorithm()?;
            let digest = text.get(alg.as_str().len() + 2..text.len() - 1)?;
            code.import("secure_headers::csp::HashAlgorithm");
            let variant = match alg {
                HashAlgorithm::Sha256 => "Sha256",
                HashAlgorithm::Sha384 => "Sha384",
                _ => "Sha512",
            };
            let expr = format!("Source::hash(HashAlgorithm::{variant}, {digest:?})?");
            (expr, Source::hash(alg, digest))
        }
        SourceKind::Unknown => {
            code.note(format!(
                "{text} is a keyword this crate does not know: Source::unlisted_keyword sends it as written"
            ));
            let expr = format!("Source::unlisted_keyword({text:?})?");
            (expr, Source::unlisted_keyword(text))
        }
        _ => return None,
    };
    let made = made.ok().filter(|m| m == s)?;
    Some((expr, made))
}

/// `policy` as `ContentSecurityPolicy::new()` and one call per directive, with the
/// policy those calls make here; `None` when the calls would not send `policy`'s value
/// exactly.
pub(super) fn typed(policy: &Csp, code: &mut Code) -> Option<Expr> {
    let sent = policy.render().ok()?;
    if policy.raw_value().is_some() || policy.directives().len() == 0 {
        return None;
    }
    let mut made = Csp::new();
    let mut calls = Vec::new();
    for directive in policy.directives() {
        let name = directive.as_str();
        let tokens: Vec<String> = policy.tokens(name)?.map(str::to_owned).collect();
        let method = name.replace('-', "_");
        if let Some((_, set)) = SOURCE_LISTS.iter().find(|(n, _)| *n == name) {
            let mut exprs = Vec::new();
            let mut sources = Vec::new();
            for s in policy.directive(name)? {
                let (expr, source) = source(s, code)?;
                exprs.push(expr);
                sources.push(source);
            }
            code.import("secure_headers::csp::Source");
            made = set(made, sources);
            if exprs.is_empty() {
                calls.push(format!(".{method}([] as [Source; 0])"));
            } else {
                calls.push(format!(".{method}([{}])", exprs.join(", ")));
            }
        } else if let Some((_, set)) = TOKEN_LISTS.iter().find(|(n, _)| *n == name) {
            calls.push(format!(".{method}({})", list(&tokens)));
            made = set(made, tokens);
        } else if let Some((_, set)) = ONE_TOKEN.iter().find(|(n, _)| *n == name) {
            let [token] = &tokens[..] else { return None };
            calls.push(format!(".{method}({token:?})"));
            made = set(made, token);
        } else if let Some((_, set)) = VALUELESS.iter().find(|(n, _)| *n == name) {
            if !tokens.is_empty() {
                return None;
            }
            calls.push(format!(".{method}()"));
            made = set(made);
        } else {
            debug_assert!(matches!(directive, Directive::Custom(_)));
            code.note(format!(
                "{name} is a directive this crate does not know: unlisted_directive sends it as written"
            ));
            calls.push(format!(".unlisted_directive({name:?}, {})", list(&tokens)));
            made = made.unlisted_directive(name, &tokens);
        }
    }
    (made.render().ok()? == sent).then(|| {
        code.import("secure_headers::ContentSecurityPolicy");
        Expr::chain("ContentSecurityPolicy::new()", calls)
    })
}

/// `["a", "b"]`, or `[] as [&str; 0]`.
pub(super) fn list(tokens: &[String]) -> String {
    if tokens.is_empty() {
        return "[] as [&str; 0]".to_owned();
    }
    let quoted: Vec<String> = tokens.iter().map(|t| format!("{t:?}")).collect();
    format!("[{}]", quoted.join(", "))
}
