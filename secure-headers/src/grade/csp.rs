//! The Observatory's CSP parser and CSP test, ported statement by statement.

use std::cmp::Ordering;

use super::{Outcome, js_lower, js_trim, split_js_space};

const SHORTEST_POLICY: usize = 6; // "img-src".len() - 1
const DISALLOWED_IN_META: [&str; 3] = ["frame-ancestors", "report-uri", "sandbox"];
const ALLOWED_DUPLICATES: [&str; 2] = ["report-uri", "report-to"];
/// The key under which duplicated `report-uri`/`report-to` directives are recorded.
const DUPLICATES_KEY: &str = "_observatory_duplicate_key_warnings";

const DANGEROUSLY_BROAD: [&str; 8] = [
    "ftp:",
    "http:",
    "https:",
    "*",
    "http://*",
    "http://*.*",
    "https://*",
    "https://*.*",
];
const UNSAFE_INLINE: [&str; 2] = ["'unsafe-inline'", "data:"];
const PASSIVE: [&str; 2] = ["img-src", "media-src"];
const NONCES_HASHES: [&str; 4] = ["'sha256-", "'sha384-", "'sha512-", "'nonce-"];

fn broad(s: &str) -> bool {
    DANGEROUSLY_BROAD.contains(&s)
}

fn broad_or_inline(s: &str) -> bool {
    broad(s) || UNSAFE_INLINE.contains(&s)
}

/// A parsed policy: directives in insertion order, each an insertion-ordered set.
#[derive(Clone, Debug, Default)]
pub(super) struct Csp {
    entries: Vec<(String, Vec<String>)>,
}

impl Csp {
    fn len(&self) -> usize {
        self.entries.len()
    }

    fn index(&self, directive: &str) -> Option<usize> {
        self.entries.iter().position(|(d, _)| d == directive)
    }

    pub(super) fn get(&self, directive: &str) -> Option<&[String]> {
        self.entries
            .iter()
            .find(|(d, _)| d == directive)
            .map(|(_, v)| v.as_slice())
    }

    fn remove(&mut self, directive: &str) {
        self.entries.retain(|(d, _)| d != directive);
    }
}

/// The rank of a character in the ICU root collation that the Observatory sorts sources
/// with (`Intl.Collator("en")`); sources are lowercase, so letters are lowercase here.
fn collation_rank(c: char) -> u32 {
    match RANKS.get(c as usize) {
        Some(&r) if r != u8::MAX => u32::from(r),
        _ => 128 + u32::from(c),
    }
}

/// [`collation_rank`] of each ASCII character, looked up rather than searched for: the
/// sort compares every pair of sources character by character.
const RANKS: [u8; 128] = {
    const ORDER: &[u8] = b" _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz";
    let mut ranks = [u8::MAX; 128];
    let mut i = 0;
    while i < ORDER.len() {
        ranks[ORDER[i] as usize] = i as u8;
        if ORDER[i].is_ascii_lowercase() {
            ranks[ORDER[i].to_ascii_uppercase() as usize] = i as u8;
        }
        i += 1;
    }
    ranks
};

fn collate(a: &str, b: &str) -> Ordering {
    a.chars()
        .map(collation_rank)
        .cmp(b.chars().map(collation_rank))
}

#[derive(Clone, Debug)]
struct Src {
    source: String,
    index: usize,
    keep: bool,
}

/// `decodeURIComponent`: `None` where JavaScript throws a `URIError`.
fn decode_uri_component(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Observatory's `pathPartMatch`; `Err` where it throws.
fn path_part_match(a: &str, b: &str) -> Result<bool, ()> {
    if a.is_empty() || (a == "/" && b.is_empty()) {
        return Ok(true);
    }
    let exact = !a.ends_with('/');
    let mut la: Vec<&str> = a.split('/').collect();
    let lb: Vec<&str> = b.split('/').collect();
    if la.len() > lb.len() || (exact && la.len() != lb.len()) {
        return Ok(false);
    }
    if !exact {
        la.pop();
    }
    for (pa, pb) in la.iter().zip(&lb) {
        let da = decode_uri_component(pa).ok_or(())?;
        let db = decode_uri_component(pb).ok_or(())?;
        if da != db {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The Observatory's `parseCsp`: `Err` where it throws (the policy is then invalid).
pub(super) fn parse_csp(list: &[String]) -> Result<Csp, ()> {
    let clean: Vec<String> = list
        .iter()
        .map(|s| js_trim(&s.replace(['\r', '\n'], "")).to_owned())
        .collect();
    if clean.is_empty() {
        return Ok(Csp::default());
    }
    if clean
        .iter()
        .any(|s| s.is_empty() || s.encode_utf16().count() < SHORTEST_POLICY)
    {
        return Err(());
    }
    let mut csp: Vec<(String, Vec<Src>)> = Vec::new();
    let mut duplicates: Vec<String> = Vec::new();
    for (policy_index, policy) in clean.iter().enumerate() {
        let mut seen: Vec<String> = Vec::new();
        for entry in policy.split(';') {
            let mut words = split_js_space(js_trim(entry));
            let directive_entry = words.remove(0);
            if directive_entry.is_empty() {
                continue;
            }
            let directive = js_lower(directive_entry);
            if seen.contains(&directive) {
                if ALLOWED_DUPLICATES.contains(&directive.as_str()) {
                    if !duplicates.contains(&directive) {
                        duplicates.push(directive.clone());
                    }
                } else {
                    return Err(());
                }
            } else {
                seen.push(directive.clone());
            }
            let keep = policy_index == 0;
            let mut values: Vec<Src> = words
                .iter()
                .map(|raw| Src {
                    source: js_lower(js_trim(raw)),
                    index: policy_index,
                    keep,
                })
                .collect();
            if values.is_empty() && directive.ends_with("-src") {
                values.push(Src {
                    source: "'none'".to_owned(),
                    index: policy_index,
                    keep,
                });
            }
            let slot = csp.iter().position(|(d, _)| *d == directive);
            let mut combined = if policy_index == 0 {
                values
            } else {
                let mut c = slot.map(|s| csp[s].1.clone()).unwrap_or_default();
                c.extend(values);
                c
            };
            combined.sort_by(|a, b| collate(&a.source, &b.source));
            for k in 1..combined.len() {
                let (prev, source) = (combined[k - 1].clone(), &mut combined[k]);
                if source.index == prev.index && source.source.starts_with(&prev.source) {
                    source.keep = false;
                }
                if source.index != prev.index && path_part_match(&prev.source, &source.source)? {
                    source.keep = true;
                }
            }
            let mut kept: Vec<Src> = combined.into_iter().filter(|s| s.keep).collect();
            if policy_index == 0 && list.len() > 1 {
                for s in &mut kept {
                    s.keep = false;
                }
            }
            match slot {
                Some(s) => csp[s].1 = kept,
                None => csp.push((directive, kept)),
            }
        }
    }
    let mut out = Csp::default();
    for (directive, sources) in csp {
        let mut set: Vec<String> = Vec::new();
        for s in sources {
            if !set.contains(&s.source) {
                set.push(s.source);
            }
        }
        if set.is_empty() {
            set.push("'none'".to_owned());
        }
        out.entries.push((directive, set));
    }
    if !duplicates.is_empty() {
        out.entries.push((DUPLICATES_KEY.to_owned(), duplicates));
    }
    Ok(out)
}

fn parse_csp_meta(list: &[String]) -> Result<Csp, ()> {
    let mut csp = parse_csp(list)?;
    for d in DISALLOWED_IN_META {
        csp.remove(d);
    }
    Ok(csp)
}

/// What the CSP test found: its result, and the parsed policy (`data` in the
/// Observatory's output: set unless the test stopped early).
#[derive(Debug)]
pub(super) struct CspOutput {
    pub(super) result: Outcome,
    pub(super) pass: bool,
    pub(super) data: Option<Csp>,
}

fn starts_with_nonce_or_hash(set: &[String]) -> bool {
    set.iter()
        .any(|s| NONCES_HASHES.iter().any(|p| s.starts_with(p)))
}

/// The Observatory's `contentSecurityPolicyTest`.
///
/// `http_list` holds the policies of the `Content-Security-Policy` header (empty when
/// absent), `meta` the `<meta http-equiv>` policies, `report_only` the joined report-only
/// value.
pub(super) fn csp_test(
    http_list: &[String],
    meta: &[String],
    report_only: Option<&str>,
    https: bool,
) -> CspOutput {
    let mut all = http_list.to_vec();
    all.extend(meta.iter().cloned());
    let stop = |result| CspOutput {
        result,
        pass: false,
        data: None,
    };
    let Ok(mut csp) = parse_csp(&all) else {
        return stop(Outcome::CspHeaderInvalid);
    };
    let header_only = parse_csp(http_list).unwrap_or_default();
    let meta_csp = parse_csp_meta(meta).unwrap_or_default();
    if header_only.len() + meta_csp.len() == 0 {
        return stop(if report_only.is_some_and(|v| !v.is_empty()) {
            Outcome::CspNotImplementedButReportingEnabled
        } else {
            Outcome::CspNotImplemented
        });
    }

    // The effective source lists alias the parsed policy's sets, as in JavaScript: a
    // change through `script_src` is seen through `default-src` too.
    let mut extra: Vec<Vec<String>> = Vec::new();
    #[derive(Clone, Copy, PartialEq)]
    enum Slot {
        Dir(usize),
        Extra(usize),
    }
    let mut slot_of = |names: &[&str], csp: &Csp| -> Slot {
        match names.iter().find_map(|n| csp.index(n)) {
            Some(i) => Slot::Dir(i),
            None => {
                extra.push(vec!["*".to_owned()]);
                Slot::Extra(extra.len() - 1)
            }
        }
    };
    let object_slot = slot_of(&["object-src", "default-src"], &csp);
    let script_slot = slot_of(&["script-src", "default-src"], &csp);
    let style_slot = slot_of(&["style-src", "default-src"], &csp);
    fn set<'a>(csp: &'a Csp, extra: &'a [Vec<String>], slot: Slot) -> &'a Vec<String> {
        match slot {
            Slot::Dir(i) => &csp.entries[i].1,
            Slot::Extra(i) => &extra[i],
        }
    }
    fn set_mut<'a>(
        csp: &'a mut Csp,
        extra: &'a mut [Vec<String>],
        slot: Slot,
    ) -> &'a mut Vec<String> {
        match slot {
            Slot::Dir(i) => &mut csp.entries[i].1,
            Slot::Extra(i) => &mut extra[i],
        }
    }

    for slot in [script_slot, style_slot] {
        let list = set_mut(&mut csp, &mut extra, slot);
        if starts_with_nonce_or_hash(list) && list.iter().any(|s| s == "'unsafe-inline'") {
            list.retain(|s| s != "'unsafe-inline'");
        }
    }

    let mut result: Option<Outcome> = None;
    {
        let script = set_mut(&mut csp, &mut extra, script_slot);
        let has_strict_dynamic = script.iter().any(|s| s == "'strict-dynamic'");
        if starts_with_nonce_or_hash(script) && has_strict_dynamic {
            script.retain(|s| {
                !(DANGEROUSLY_BROAD.iter().any(|b| s.starts_with(b))
                    || s == "'self'"
                    || s == "'unsafe-inline'")
            });
        } else if has_strict_dynamic {
            result = Some(Outcome::CspHeaderInvalid);
        }
    }

    let script = set(&csp, &extra, script_slot).clone();
    let style = set(&csp, &extra, style_slot).clone();
    let object = set(&csp, &extra, object_slot).clone();
    let insecure = |s: &String| s.starts_with("http:") || s.starts_with("ftp:");

    let mut active: Vec<&String> = csp
        .entries
        .iter()
        .filter(|(d, _)| !PASSIVE.contains(&d.as_str()) && d != "script-src")
        .flat_map(|(_, v)| v)
        .collect();
    active.extend(&script);
    let passive: Vec<&String> = PASSIVE
        .iter()
        .flat_map(|d| csp.get(d).or_else(|| csp.get("default-src")).unwrap_or(&[]))
        .collect();

    let mut first = |o: Outcome| {
        if result.is_none() {
            result = Some(o);
        }
    };
    if script.iter().any(|s| broad_or_inline(s)) || object.iter().any(|s| broad(s)) {
        first(Outcome::CspImplementedWithUnsafeInline);
    }
    if https && active.iter().any(|s| insecure(s)) {
        first(Outcome::CspImplementedWithInsecureScheme);
    }
    if script.iter().chain(&style).any(|s| s == "'unsafe-eval'") {
        first(Outcome::CspImplementedWithUnsafeEval);
    }
    if https && passive.iter().any(|s| insecure(s)) {
        first(Outcome::CspImplementedWithInsecureSchemeInPassiveContentOnly);
    }
    if style.iter().any(|s| broad_or_inline(s)) {
        first(Outcome::CspImplementedWithUnsafeInlineInStyleSrcOnly);
    }
    let default_none = csp
        .get("default-src")
        .is_some_and(|d| d.len() == 1 && d[0] == "'none'");
    if default_none {
        first(Outcome::CspImplementedWithNoUnsafeDefaultSrcNone);
    } else {
        first(Outcome::CspImplementedWithNoUnsafe);
    }
    let mut result = result.unwrap_or(Outcome::CspImplementedWithNoUnsafe);

    let pass = matches!(
        result,
        Outcome::CspImplementedWithNoUnsafe
            | Outcome::CspImplementedWithNoUnsafeDefaultSrcNone
            | Outcome::CspImplementedWithUnsafeInlineInStyleSrcOnly
            | Outcome::CspImplementedWithInsecureSchemeInPassiveContentOnly
    );
    if pass && csp.get(DUPLICATES_KEY).is_some() {
        result = Outcome::CspImplementedButDuplicateDirectives;
    }
    csp.remove(DUPLICATES_KEY);
    CspOutput {
        result,
        pass,
        data: Some(csp),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(list: &[&str]) -> Result<Vec<(String, Vec<String>)>, ()> {
        let list: Vec<String> = list.iter().map(|s| (*s).to_owned()).collect();
        parse_csp(&list).map(|c| c.entries)
    }

    #[test]
    fn parses_like_the_observatory() {
        let p = parse(&["default-src 'self' 'SELF' https: https://a.example; img-src"]).unwrap();
        assert_eq!(p[0].1, ["'self'", "https:"]);
        assert_eq!(p[1], ("img-src".to_owned(), vec!["'none'".to_owned()]));
        assert!(parse(&["img-s"]).is_err());
        assert!(parse(&["script-src a; script-src b"]).is_err());
        let dup = parse(&["report-uri /a; report-uri /b; default-src 'none'"]).unwrap();
        assert_eq!(dup.last().unwrap().0, DUPLICATES_KEY);
    }

    #[test]
    fn intersects_several_policies() {
        let p = parse(&[
            "script-src 'self' https://a.example/js/; img-src 'self'",
            "script-src https://a.example/js/app.js; object-src 'none'",
        ])
        .unwrap();
        assert_eq!(p[0].1, ["https://a.example/js/app.js"]);
        assert_eq!(p[1].1, ["'self'"]);
        assert_eq!(p[2].1, ["'none'"]);
        assert!(
            parse(&["script-src %zz/a/", "script-src %zz/a/b"]).is_err(),
            "decodeURIComponent throws"
        );
    }

    #[test]
    fn collation_puts_punctuation_before_digits_and_letters() {
        let mut v = vec!["data:", "'self'", "*.a.com", "https:", "1.2.3.4", "_x"];
        v.sort_by(|a, b| collate(a, b));
        assert_eq!(v, ["_x", "'self'", "*.a.com", "1.2.3.4", "data:", "https:"]);
    }
}
