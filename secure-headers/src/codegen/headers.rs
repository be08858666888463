//! Every registered header but the CSP as typed builder calls, each checked by making it
//! here: HSTS, Permissions-Policy, the single-token headers and their constants,
//! Referrer-Policy, Clear-Site-Data, Cache-Control, Reporting-Endpoints,
//! Integrity-Policy, NEL and Report-To.

use std::time::Duration;

use super::{Code, Expr, csp};
use crate::permissions_policy::{Allowlist, Feature};
use crate::registry::HeaderInfo;
use crate::{
    CacheControl, ClearSiteData, ContentSecurityPolicy, CrossOriginEmbedderPolicy,
    CrossOriginEmbedderPolicyReportOnly, CrossOriginOpenerPolicy,
    CrossOriginOpenerPolicyReportOnly, CrossOriginResourcePolicy, DocumentIsolationPolicy,
    DocumentIsolationPolicyReportOnly, DocumentPolicy, IntegrityPolicy, Nel, OriginAgentCluster,
    PermissionsPolicy, Policy, ReferrerPolicy, ReportTo, ReportToGroup, ReportingEndpoints, Server,
    StrictTransportSecurity, XContentTypeOptions, XDnsPrefetchControl, XDownloadOptions,
    XFrameOptions, XPermittedCrossDomainPolicies, XXssProtection,
};

/// The builder method of the header `info` and the typed expression that sends `value`;
/// `value(..)` only when no typed call gives `value` back exactly.
pub(super) fn typed(
    info: &'static HeaderInfo,
    value: &str,
    code: &mut Code,
) -> (&'static str, Expr) {
    let before = code.clone();
    let ty = info.type_name;
    let expr = match ty {
        "ContentSecurityPolicy" | "ContentSecurityPolicyReportOnly" => value
            .parse::<ContentSecurityPolicy>()
            .ok()
            .and_then(|p| csp::typed(&p, code)),
        "StrictTransportSecurity" => hsts(value, code),
        "PermissionsPolicy" | "PermissionsPolicyReportOnly" => permissions(value, code),
        "ReferrerPolicy" => referrer(value, code),
        "ClearSiteData" => clear_site_data(value, code),
        "CacheControl" => cache_control(value, code),
        "ReportingEndpoints" => reporting_endpoints(value, code),
        "IntegrityPolicy" | "IntegrityPolicyReportOnly" => integrity(value, code),
        "DocumentPolicy" | "DocumentPolicyReportOnly" => document_policy(value),
        "Nel" => nel(value),
        "ReportTo" => report_to(value, code),
        _ => singles(ty, value),
    };
    match expr {
        Some(expr) => {
            code.import(&format!("secure_headers::{}", expr_type(ty)));
            (info.method, expr)
        }
        None if ty == "ReportingEndpoints" => {
            *code = before;
            ("custom", custom(info.name, value, code).1)
        }
        None => {
            *code = before;
            (info.method, raw(ty, value, code))
        }
    }
}

/// The type an expression for the header type `ty` starts from: a report-only policy is
/// written as its enforced type, which the builder's method converts.
fn expr_type(ty: &str) -> &str {
    match ty {
        "ContentSecurityPolicyReportOnly" => "ContentSecurityPolicy",
        "PermissionsPolicyReportOnly" => "PermissionsPolicy",
        "IntegrityPolicyReportOnly" => "IntegrityPolicy",
        "DocumentPolicyReportOnly" => "DocumentPolicy",
        other => other,
    }
}

/// `Type::new().value("...")`, under a comment saying why.
pub(super) fn raw(ty: &str, value: &str, code: &mut Code) -> Expr {
    code.import(&format!("secure_headers::{ty}"));
    code.note(format!(
        "{ty}: written as its value, which no typed call gives back exactly"
    ));
    Expr::chain(format!("{ty}::new()"), vec![format!(".value({value:?})")])
}

/// A header this crate has no type for.
pub(super) fn custom(name: &str, value: &str, code: &mut Code) -> (&'static str, Expr) {
    code.import("secure_headers::CustomHeader");
    let expr = Expr::plain(format!("CustomHeader::new({name:?}, {value:?})"));
    ("custom", expr)
}

/// `Some(expr)` when `made` sends exactly `value`.
fn checked(made: &impl Policy, value: &str, expr: Expr) -> Option<Expr> {
    (made.render().ok()? == value).then_some(expr)
}

fn seconds(code: &mut Code, secs: u64) -> String {
    code.import("std::time::Duration");
    format!("Duration::from_secs({secs})")
}

fn hsts(value: &str, code: &mut Code) -> Option<Expr> {
    let parsed: StrictTransportSecurity = value.parse().ok()?;
    let max_age = parsed.get_max_age()?;
    let d = seconds(code, max_age.as_secs());
    let (head, mut made) = if parsed.includes_subdomains() {
        (
            format!("StrictTransportSecurity::including_subdomains({d})"),
            StrictTransportSecurity::including_subdomains(max_age),
        )
    } else {
        (
            format!("StrictTransportSecurity::excluding_subdomains({d})"),
            StrictTransportSecurity::excluding_subdomains(max_age),
        )
    };
    let mut calls = Vec::new();
    if parsed.is_preload() {
        calls.push(".preload()".to_owned());
        made = made.preload();
    }
    checked(&made, value, Expr::chain(head, calls))
}

/// An allowlist as the tokens that make it: `[]`, `"*"`, `["self", "https://a.example"]`.
fn allowlist_tokens(allowlist: &Allowlist) -> Option<(String, Allowlist)> {
    if allowlist.is_any() {
        return Some(("\"*\"".to_owned(), Allowlist::any()));
    }
    let text = allowlist.to_string();
    let inner = text.strip_prefix('(')?.strip_suffix(')')?;
    let tokens: Vec<String> = inner
        .split_ascii_whitespace()
        .map(|t| t.trim_matches('"').to_owned())
        .collect();
    let made = Allowlist::from_tokens(&tokens);
    let code = if tokens.is_empty() {
        "[]".to_owned()
    } else {
        csp::list(&tokens)
    };
    (made == *allowlist).then_some((code, made))
}

fn permissions(value: &str, code: &mut Code) -> Option<Expr> {
    let parsed: PermissionsPolicy = value.parse().ok()?;
    if parsed.raw_value().is_some() {
        return None;
    }
    let mut made = PermissionsPolicy::new();
    let mut calls = Vec::new();
    for (name, allowlist) in parsed.features() {
        let (tokens, list) = allowlist_tokens(allowlist)?;
        if name.parse::<Feature>().is_ok() {
            calls.push(format!(".{}({tokens})", name.replace('-', "_")));
        } else {
            code.note(format!(
                "{name} is a feature this crate does not know: add_directive sends it as written"
            ));
            calls.push(format!(".add_directive({name:?}, {tokens})"));
        }
        made = made.add_directive(name, list);
    }
    for (name, group) in parsed.reporting_groups() {
        calls.push(format!(".report_to({name:?}, {group:?})"));
        made = made.report_to(name, group);
    }
    checked(&made, value, Expr::chain("PermissionsPolicy::new()", calls))
}

fn referrer(value: &str, _: &mut Code) -> Option<Expr> {
    let mut made = ReferrerPolicy::new();
    let mut calls = Vec::new();
    for token in value.split(',').map(str::trim) {
        calls.push(format!(".{}()", token.replace('-', "_")));
        made = made.add(token);
    }
    if let [call] = &calls[..] {
        // One policy: its constant.
        let name = call[1..call.len() - 2].to_ascii_uppercase();
        return checked(&made, value, Expr::plain(format!("ReferrerPolicy::{name}")));
    }
    checked(&made, value, Expr::chain("ReferrerPolicy::new()", calls))
}

/// A method of `ClearSiteData` that adds a type.
type AddSiteData = fn(ClearSiteData) -> ClearSiteData;

/// The Clear-Site-Data types: as sent, and the method that adds each.
const SITE_DATA: [(&str, &str, AddSiteData); 8] = [
    ("\"cache\"", "cache", ClearSiteData::cache),
    ("\"cookies\"", "cookies", ClearSiteData::cookies),
    ("\"storage\"", "storage", ClearSiteData::storage),
    (
        "\"executionContexts\"",
        "execution_contexts",
        ClearSiteData::execution_contexts,
    ),
    (
        "\"clientHints\"",
        "client_hints",
        ClearSiteData::client_hints,
    ),
    (
        "\"prefetchCache\"",
        "prefetch_cache",
        ClearSiteData::prefetch_cache,
    ),
    (
        "\"prerenderCache\"",
        "prerender_cache",
        ClearSiteData::prerender_cache,
    ),
    ("\"*\"", "all", ClearSiteData::all),
];

fn clear_site_data(value: &str, _: &mut Code) -> Option<Expr> {
    let mut made = ClearSiteData::new();
    let mut calls = Vec::new();
    for token in value.split(',').map(str::trim) {
        let (_, method, add) = SITE_DATA.iter().find(|(t, _, _)| *t == token)?;
        calls.push(format!(".{method}()"));
        made = add(made);
    }
    checked(&made, value, Expr::chain("ClearSiteData::new()", calls))
}

/// A Cache-Control directive's method: without argument, or with seconds.
#[derive(Clone, Copy)]
enum CacheCall {
    Flag(fn(CacheControl) -> CacheControl),
    Seconds(fn(CacheControl, Duration) -> CacheControl),
}

/// The Cache-Control directives with a method: as sent, and the method.
const CACHE: [(&str, &str, CacheCall); 16] = [
    (
        "no-store",
        "no_store",
        CacheCall::Flag(CacheControl::no_store),
    ),
    (
        "no-cache",
        "no_cache",
        CacheCall::Flag(CacheControl::no_cache),
    ),
    ("private", "private", CacheCall::Flag(CacheControl::private)),
    ("public", "public", CacheCall::Flag(CacheControl::public)),
    (
        "max-age",
        "max_age",
        CacheCall::Seconds(CacheControl::max_age),
    ),
    (
        "s-maxage",
        "s_maxage",
        CacheCall::Seconds(CacheControl::s_maxage),
    ),
    (
        "max-stale",
        "max_stale",
        CacheCall::Seconds(|c, d| c.max_stale(d)),
    ),
    (
        "min-fresh",
        "min_fresh",
        CacheCall::Seconds(CacheControl::min_fresh),
    ),
    (
        "must-revalidate",
        "must_revalidate",
        CacheCall::Flag(CacheControl::must_revalidate),
    ),
    (
        "proxy-revalidate",
        "proxy_revalidate",
        CacheCall::Flag(CacheControl::proxy_revalidate),
    ),
    (
        "must-understand",
        "must_understand",
        CacheCall::Flag(CacheControl::must_understand),
    ),
    (
        "no-transform",
        "no_transform",
        CacheCall::Flag(CacheControl::no_transform),
    ),
    (
        "immutable",
        "immutable",
        CacheCall::Flag(CacheControl::immutable),
    ),
    (
        "stale-while-revalidate",
        "stale_while_revalidate",
        CacheCall::Seconds(CacheControl::stale_while_revalidate),
    ),
    (
        "stale-if-error",
        "stale_if_error",
        CacheCall::Seconds(CacheControl::stale_if_error),
    ),
    (
        "only-if-cached",
        "only_if_cached",
        CacheCall::Flag(CacheControl::only_if_cached),
    ),
];

fn cache_control(value: &str, code: &mut Code) -> Option<Expr> {
    let mut made = CacheControl::new();
    let mut calls = Vec::new();
    for directive in value.split(',').map(str::trim) {
        let (name, arg) = match directive.split_once('=') {
            Some((n, a)) => (n, Some(a)),
            None => (directive, None),
        };
        match (CACHE.iter().find(|(n, _, _)| *n == name), arg) {
            (Some((_, method, CacheCall::Flag(set))), None) => {
                calls.push(format!(".{method}()"));
                made = set(made);
            }
            (Some((_, method, CacheCall::Seconds(set))), Some(secs)) => {
                let secs: u64 = secs.parse().ok()?;
                calls.push(format!(".{method}({})", seconds(code, secs)));
                made = set(made, Duration::from_secs(secs));
            }
            (Some((_, "max_stale", _)), None) => {
                calls.push(".max_stale(None)".to_owned());
                made = made.max_stale(None);
            }
            _ => {
                code.note(format!(
                    "Cache-Control {name}: a directive without a method of its own, sent by custom"
                ));
                calls.push(format!(".custom({directive:?})"));
                made = made.custom(directive);
            }
        }
    }
    checked(&made, value, Expr::chain("CacheControl::new()", calls))
}

fn reporting_endpoints(value: &str, _: &mut Code) -> Option<Expr> {
    let parsed: ReportingEndpoints = value.parse().ok()?;
    let mut made = ReportingEndpoints::new();
    let mut calls = Vec::new();
    for (name, url) in parsed.endpoints() {
        calls.push(format!(".endpoint({name:?}, {url:?})"));
        made = made.endpoint(name, url);
    }
    checked(
        &made,
        value,
        Expr::chain("ReportingEndpoints::new()", calls),
    )
}

fn integrity(value: &str, _: &mut Code) -> Option<Expr> {
    let parsed: IntegrityPolicy = value.parse().ok()?;
    if parsed.raw_value().is_some() {
        return None;
    }
    let destinations: Vec<String> = parsed.destinations().map(str::to_owned).collect();
    let mut made = IntegrityPolicy::new().blocked_destinations(&destinations);
    let mut calls = vec![format!(
        ".blocked_destinations({})",
        csp::list(&destinations)
    )];
    if let Some(sources) = parsed.source_list() {
        let sources: Vec<String> = sources.into_iter().map(str::to_owned).collect();
        calls.push(format!(".sources({})", csp::list(&sources)));
        made = made.sources(&sources);
    }
    for endpoint in parsed.endpoints() {
        calls.push(format!(".endpoint({endpoint:?})"));
        made = made.endpoint(endpoint);
    }
    checked(&made, value, Expr::chain("IntegrityPolicy::new()", calls))
}

/// A `Document-Policy` as its feature methods; `None` (a raw value) when a member has a
/// parameter other than `report-to` or the calls would not write the value back exactly.
fn document_policy(value: &str) -> Option<Expr> {
    let parsed: DocumentPolicy = value.parse().ok()?;
    let mut made = DocumentPolicy::new();
    let mut calls = Vec::new();
    for (feature, v, group) in parsed.typed_members()? {
        if feature == "*" {
            // The default group, which `report_to` writes as a bare `*;report-to=group`.
            let g = group.filter(|_| v.is_empty())?;
            made = made.report_to(g);
            calls.push(format!(".report_to({g:?})"));
            continue;
        }
        let method = feature.replace('-', "_");
        let named = [
            "force-load-at-top",
            "js-profiling",
            "include-js-call-stacks-in-crash-reports",
        ]
        .contains(&feature);
        let decimal = [
            "oversized-images",
            "lossless-images-max-bpp",
            "lossy-images-max-bpp",
        ];
        (made, calls) = match (feature, v) {
            (_, "") if named => (
                made.boolean(feature, true),
                push(calls, format!(".{method}()")),
            ),
            ("unsized-media", "" | "?0") => (
                made.unsized_media(v.is_empty()),
                push(calls, format!(".unsized_media({})", v.is_empty())),
            ),
            (_, "" | "?0") => (
                made.boolean(feature, v.is_empty()),
                push(calls, format!(".boolean({feature:?}, {})", v.is_empty())),
            ),
            _ => {
                let x: f64 = v.parse().ok()?;
                let call = if decimal.contains(&feature) {
                    format!(".{method}({x:?})")
                } else {
                    format!(".decimal({feature:?}, {x:?})")
                };
                (made.decimal(feature, x), push(calls, call))
            }
        };
        if let Some(g) = group {
            made = made.feature_report_to(feature, g);
            calls.push(format!(".feature_report_to({feature:?}, {g:?})"));
        }
    }
    checked(&made, value, Expr::chain("DocumentPolicy::new()", calls))
}

fn push(mut calls: Vec<String>, call: String) -> Vec<String> {
    calls.push(call);
    calls
}

fn nel(value: &str) -> Option<Expr> {
    let parsed: Nel = value.parse().ok()?;
    if parsed.raw_value().is_some() || parsed.unknown_members().next().is_some() {
        return None;
    }
    let json: serde_json::Value = serde_json::from_str(value).ok()?;
    let members = json.as_object()?;
    let mut made = Nel::new();
    let mut calls = Vec::new();
    if let Some(group) = parsed.group() {
        calls.push(format!(".report_to({group:?})"));
        made = made.report_to(group);
    }
    let secs = parsed.max_age_secs();
    calls.push(format!(".max_age({secs})"));
    made = made.max_age(secs);
    if let Some(yes) = members.get("include_subdomains").and_then(|v| v.as_bool()) {
        calls.push(format!(".include_subdomains({yes})"));
        made = made.include_subdomains(yes);
    }
    let (success, failure) = parsed.fractions();
    if let Some(f) = success {
        calls.push(format!(".success_fraction({f:?})"));
        made = made.success_fraction(f);
    }
    if let Some(f) = failure {
        calls.push(format!(".failure_fraction({f:?})"));
        made = made.failure_fraction(f);
    }
    for key in ["request_headers", "response_headers"] {
        let Some(names) = members.get(key) else {
            continue;
        };
        let names: Vec<String> = names
            .as_array()?
            .iter()
            .map(|n| n.as_str().map(str::to_owned))
            .collect::<Option<_>>()?;
        calls.push(format!(".{key}({})", csp::list(&names)));
        made = match key {
            "request_headers" => made.request_headers(&names),
            _ => made.response_headers(&names),
        };
    }
    checked(&made, value, Expr::chain("Nel::new()", calls))
}

fn report_to(value: &str, code: &mut Code) -> Option<Expr> {
    let parsed: ReportTo = value.parse().ok()?;
    let mut made = ReportTo::new();
    let mut calls = Vec::new();
    for g in parsed.groups() {
        if g.unknown_members().next().is_some() {
            return None;
        }
        let mut group = ReportToGroup::new(g.name(), g.max_age());
        let mut expr = format!("ReportToGroup::new({:?}, {})", g.name(), g.max_age());
        for url in g.endpoints() {
            expr.push_str(&format!(".endpoint({url:?})"));
            group = group.endpoint(url);
        }
        if g.includes_subdomains() {
            expr.push_str(".include_subdomains(true)");
            group = group.include_subdomains(true);
        }
        calls.push(format!(".group({expr})"));
        made = made.group(group);
    }
    code.import("secure_headers::ReportToGroup");
    checked(&made, value, Expr::chain("ReportTo::new()", calls))
}

/// A single-token header as its constant, `report_to(..)` after it where the type has
/// one; `X-Frame-Options: ALLOW-FROM` with its method.
fn singles(ty: &str, value: &str) -> Option<Expr> {
    match ty {
        "CrossOriginEmbedderPolicy" => one(
            ty,
            value,
            &[
                ("UNSAFE_NONE", CrossOriginEmbedderPolicy::UNSAFE_NONE),
                ("REQUIRE_CORP", CrossOriginEmbedderPolicy::REQUIRE_CORP),
                ("CREDENTIALLESS", CrossOriginEmbedderPolicy::CREDENTIALLESS),
            ],
            Some(CrossOriginEmbedderPolicy::report_to),
        ),
        "CrossOriginEmbedderPolicyReportOnly" => one(
            ty,
            value,
            &[
                (
                    "UNSAFE_NONE",
                    CrossOriginEmbedderPolicyReportOnly::UNSAFE_NONE,
                ),
                (
                    "REQUIRE_CORP",
                    CrossOriginEmbedderPolicyReportOnly::REQUIRE_CORP,
                ),
                (
                    "CREDENTIALLESS",
                    CrossOriginEmbedderPolicyReportOnly::CREDENTIALLESS,
                ),
            ],
            Some(CrossOriginEmbedderPolicyReportOnly::report_to),
        ),
        "CrossOriginOpenerPolicy" => one(
            ty,
            value,
            &[
                ("UNSAFE_NONE", CrossOriginOpenerPolicy::UNSAFE_NONE),
                (
                    "SAME_ORIGIN_ALLOW_POPUPS",
                    CrossOriginOpenerPolicy::SAME_ORIGIN_ALLOW_POPUPS,
                ),
                ("SAME_ORIGIN", CrossOriginOpenerPolicy::SAME_ORIGIN),
                (
                    "NOOPENER_ALLOW_POPUPS",
                    CrossOriginOpenerPolicy::NOOPENER_ALLOW_POPUPS,
                ),
            ],
            Some(CrossOriginOpenerPolicy::report_to),
        ),
        "CrossOriginOpenerPolicyReportOnly" => one(
            ty,
            value,
            &[
                (
                    "UNSAFE_NONE",
                    CrossOriginOpenerPolicyReportOnly::UNSAFE_NONE,
                ),
                (
                    "SAME_ORIGIN_ALLOW_POPUPS",
                    CrossOriginOpenerPolicyReportOnly::SAME_ORIGIN_ALLOW_POPUPS,
                ),
                (
                    "SAME_ORIGIN",
                    CrossOriginOpenerPolicyReportOnly::SAME_ORIGIN,
                ),
                (
                    "NOOPENER_ALLOW_POPUPS",
                    CrossOriginOpenerPolicyReportOnly::NOOPENER_ALLOW_POPUPS,
                ),
            ],
            Some(CrossOriginOpenerPolicyReportOnly::report_to),
        ),
        "CrossOriginResourcePolicy" => one(
            ty,
            value,
            &[
                ("SAME_ORIGIN", CrossOriginResourcePolicy::SAME_ORIGIN),
                ("SAME_SITE", CrossOriginResourcePolicy::SAME_SITE),
                ("CROSS_ORIGIN", CrossOriginResourcePolicy::CROSS_ORIGIN),
            ],
            None,
        ),
        "DocumentIsolationPolicy" => one(
            ty,
            value,
            &[
                ("NONE", DocumentIsolationPolicy::NONE),
                (
                    "ISOLATE_AND_REQUIRE_CORP",
                    DocumentIsolationPolicy::ISOLATE_AND_REQUIRE_CORP,
                ),
                (
                    "ISOLATE_AND_CREDENTIALLESS",
                    DocumentIsolationPolicy::ISOLATE_AND_CREDENTIALLESS,
                ),
            ],
            Some(DocumentIsolationPolicy::report_to),
        ),
        "DocumentIsolationPolicyReportOnly" => one(
            ty,
            value,
            &[
                ("NONE", DocumentIsolationPolicyReportOnly::NONE),
                (
                    "ISOLATE_AND_REQUIRE_CORP",
                    DocumentIsolationPolicyReportOnly::ISOLATE_AND_REQUIRE_CORP,
                ),
                (
                    "ISOLATE_AND_CREDENTIALLESS",
                    DocumentIsolationPolicyReportOnly::ISOLATE_AND_CREDENTIALLESS,
                ),
            ],
            Some(DocumentIsolationPolicyReportOnly::report_to),
        ),
        "XPermittedCrossDomainPolicies" => one(
            ty,
            value,
            &[
                ("NONE", XPermittedCrossDomainPolicies::NONE),
                ("MASTER_ONLY", XPermittedCrossDomainPolicies::MASTER_ONLY),
                (
                    "BY_CONTENT_TYPE",
                    XPermittedCrossDomainPolicies::BY_CONTENT_TYPE,
                ),
                (
                    "BY_FTP_FILENAME",
                    XPermittedCrossDomainPolicies::BY_FTP_FILENAME,
                ),
                ("ALL", XPermittedCrossDomainPolicies::ALL),
                (
                    "NONE_THIS_RESPONSE",
                    XPermittedCrossDomainPolicies::NONE_THIS_RESPONSE,
                ),
            ],
            None,
        ),
        "XDnsPrefetchControl" => one(
            ty,
            value,
            &[
                ("ON", XDnsPrefetchControl::ON),
                ("OFF", XDnsPrefetchControl::OFF),
            ],
            None,
        ),
        "Server" => one(ty, value, &[("EMPTY", Server::EMPTY)], None),
        "XContentTypeOptions" => one(
            ty,
            value,
            &[("NOSNIFF", XContentTypeOptions::NOSNIFF)],
            None,
        ),
        "XFrameOptions" => match value.strip_prefix("ALLOW-FROM ") {
            Some(origin) => {
                let expr = Expr::chain(
                    "XFrameOptions::new()",
                    vec![format!(".allow_from({origin:?})")],
                );
                checked(&XFrameOptions::new().allow_from(origin), value, expr)
            }
            None => one(
                ty,
                value,
                &[
                    ("DENY", XFrameOptions::DENY),
                    ("SAMEORIGIN", XFrameOptions::SAMEORIGIN),
                ],
                None,
            ),
        },
        "OriginAgentCluster" => one(
            ty,
            value,
            &[
                ("ENABLED", OriginAgentCluster::ENABLED),
                ("DISABLED", OriginAgentCluster::DISABLED),
            ],
            None,
        ),
        "XDownloadOptions" => one(ty, value, &[("NOOPEN", XDownloadOptions::NOOPEN)], None),
        "XXssProtection" => one(
            ty,
            value,
            &[
                ("DISABLED", XXssProtection::DISABLED),
                ("ENABLED_BLOCK", XXssProtection::ENABLED_BLOCK),
            ],
            None,
        ),
        _ => None,
    }
}

/// `Type::CONSTANT`, with `.report_to("group")` for a `; report-to="group"` parameter.
fn one<T: Policy + Clone>(
    ty: &str,
    value: &str,
    known: &[(&str, T)],
    report_to: Option<fn(T, &str) -> T>,
) -> Option<Expr> {
    for (name, constant) in known {
        let head = format!("{ty}::{name}");
        if constant.render().ok()? == value {
            return Some(Expr::plain(head));
        }
        let (Some(set), Some(rest)) = (report_to, value.strip_prefix(&constant.render().ok()?))
        else {
            continue;
        };
        let Some(group) = rest
            .strip_prefix("; report-to=\"")
            .and_then(|g| g.strip_suffix('"'))
        else {
            continue;
        };
        let made = set(constant.clone(), group);
        let expr = Expr::chain(head, vec![format!(".report_to({group:?})")]);
        if let Some(expr) = checked(&made, value, expr) {
            return Some(expr);
        }
    }
    None
}
