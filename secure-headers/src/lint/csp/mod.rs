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

mod evaluator;
mod read;

use self::evaluator::*;
use self::read::*;

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
    if header == REPORT_ONLY_HEADER {
        check_report_only(&parsed, &mut out);
    }
    out.list
}

/// The directives browsers ignore in a report-only policy: `sandbox` (measured in
/// Chromium: the browser test `chromium_ignores_sandbox_in_a_report_only_policy`) and
/// `upgrade-insecure-requests` (the directive's specification).
fn check_report_only(parsed: &Csp, out: &mut Findings<'_>) {
    for directive in ["sandbox", "upgrade-insecure-requests"] {
        if parsed.get(directive).is_some() {
            out.push(
                Rule::CspIgnoredInReportOnly,
                Some(directive),
                None,
                "browsers ignore this directive in a report-only policy: it neither applies nor reports, so this rollout tells nothing of what enforcing it would do",
            );
        }
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
