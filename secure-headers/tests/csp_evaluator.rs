//! `lint_csp` agrees with Google's CSP Evaluator (npm `csp_evaluator` 1.1.8) on a corpus
//! of real-world-shaped policies: for every policy, the same set of (type, severity,
//! directive, value) findings, mapping our rules through `Rule::csp_evaluator_type`.
//!
//! The reference runs under node from `tests/csp-evaluator` (install it with
//! `npm ci --prefix secure-headers/tests/csp-evaluator`). Without that install the test
//! prints why and passes, unless the `CI` environment variable is set, where a missing
//! install is a failure.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use secure_headers::lint::{Severity, lint_csp};

type Key = (String, String, Option<String>, Option<String>);

fn corpus_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/csp-corpus.txt")
}

fn corpus() -> Vec<String> {
    std::fs::read_to_string(corpus_path())
        .unwrap()
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// CSP Evaluator's name for a severity.
fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::High => "HIGH",
        Severity::Syntax => "SYNTAX",
        Severity::Medium => "MEDIUM",
        Severity::StrictCsp => "STRICT_CSP",
        Severity::MediumMaybe => "MEDIUM_MAYBE",
        Severity::Info => "INFO",
        Severity::None => "NONE",
        // `Error` is this crate's own level; no rule with an Evaluator type uses it.
        _ => "ERROR",
    }
}

fn ours(policy: &str) -> BTreeSet<Key> {
    lint_csp(policy)
        .iter()
        .filter_map(|f| {
            let kind = f.rule().csp_evaluator_type()?;
            Some((
                kind.to_owned(),
                severity_name(f.severity()).to_owned(),
                f.directive().map(str::to_owned),
                f.value().map(str::to_owned),
            ))
        })
        .collect()
}

#[test]
fn corpus_is_large_enough() {
    assert!(
        corpus().len() >= 30,
        "the corpus needs at least 30 policies"
    );
}

#[test]
fn lint_csp_agrees_with_csp_evaluator() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/csp-evaluator");
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    if !dir.join("node_modules/csp_evaluator/package.json").exists() {
        let why = format!(
            "the reference CSP Evaluator is not installed in {}; run `npm ci --prefix secure-headers/tests/csp-evaluator`",
            dir.display()
        );
        assert!(!ci, "{why}");
        eprintln!("SKIPPED lint_csp_agrees_with_csp_evaluator: {why}");
        return;
    }
    let output = match Command::new("node")
        .arg(dir.join("run.mjs"))
        .arg(corpus_path())
        .output()
    {
        Ok(o) => o,
        Err(e) => {
            let why = format!("cannot run node: {e}");
            assert!(!ci, "{why}");
            eprintln!("SKIPPED lint_csp_agrees_with_csp_evaluator: {why}");
            return;
        }
    };
    assert!(
        output.status.success(),
        "run.mjs failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    let policies = corpus();
    assert_eq!(lines.len(), policies.len(), "one line of output per policy");

    let mut failures = Vec::new();
    let mut seen_types = BTreeSet::new();
    for (policy, line) in policies.iter().zip(lines) {
        let json = json::parse(line);
        assert_eq!(json.get("policy").as_str(), Some(policy.as_str()));
        let theirs: BTreeSet<Key> = json
            .get("findings")
            .as_array()
            .iter()
            .map(|f| {
                (
                    f.get("type").as_str().unwrap().to_owned(),
                    f.get("severity").as_str().unwrap().to_owned(),
                    f.get("directive").as_str().map(str::to_owned),
                    f.get("value").as_str().map(str::to_owned),
                )
            })
            .collect();
        seen_types.extend(theirs.iter().map(|k| k.0.clone()));
        let ours = ours(policy);
        if ours != theirs {
            let missing: Vec<_> = theirs.difference(&ours).collect();
            let extra: Vec<_> = ours.difference(&theirs).collect();
            failures.push(format!(
                "policy: {policy}\n  only in CSP Evaluator: {missing:?}\n  only in lint_csp: {extra:?}"
            ));
        }
    }
    // The corpus exercises every finding type the reference emits.
    let emitted = [
        "ALLOWLIST_FALLBACK",
        "DEPRECATED_DIRECTIVE",
        "IGNORED",
        "INVALID_KEYWORD",
        "IP_SOURCE",
        "MISSING_DIRECTIVES",
        "MISSING_SEMICOLON",
        "NONCE_CHARSET",
        "NONCE_LENGTH",
        "OBJECT_ALLOWLIST_BYPASS",
        "PLAIN_URL_SCHEMES",
        "PLAIN_WILDCARD",
        "REPORTING_DESTINATION_MISSING",
        "REPORT_TO_ONLY",
        "REQUIRE_TRUSTED_TYPES_FOR_SCRIPTS",
        "SCRIPT_ALLOWLIST_BYPASS",
        "SCRIPT_UNSAFE_EVAL",
        "SCRIPT_UNSAFE_HASHES",
        "SCRIPT_UNSAFE_INLINE",
        "SRC_HTTP",
        "STRICT_DYNAMIC",
        "STRICT_DYNAMIC_NOT_STANDALONE",
        "UNKNOWN_DIRECTIVE",
        "UNSAFE_INLINE_FALLBACK",
    ];
    for t in emitted {
        assert!(seen_types.contains(t), "no policy of the corpus gives {t}");
    }
    assert!(
        failures.is_empty(),
        "{} of {} policies differ:\n{}",
        failures.len(),
        policies.len(),
        failures.join("\n")
    );
}

/// Just enough JSON for the reference's output: objects, arrays, strings, `null`.
mod json {
    #[derive(Debug, PartialEq)]
    pub(crate) enum Value {
        Null,
        String(String),
        Array(Vec<Value>),
        Object(Vec<(String, Value)>),
    }

    impl Value {
        pub(crate) fn get(&self, key: &str) -> &Value {
            match self {
                Value::Object(members) => members
                    .iter()
                    .find(|(k, _)| k == key)
                    .map_or(&Value::Null, |(_, v)| v),
                _ => &Value::Null,
            }
        }

        pub(crate) fn as_str(&self) -> Option<&str> {
            match self {
                Value::String(s) => Some(s),
                _ => None,
            }
        }

        pub(crate) fn as_array(&self) -> &[Value] {
            match self {
                Value::Array(items) => items,
                _ => &[],
            }
        }
    }

    pub(crate) fn parse(text: &str) -> Value {
        let mut chars = text.chars().peekable();
        let v = value(&mut chars);
        assert!(chars.all(char::is_whitespace), "trailing text in {text}");
        v
    }

    type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

    fn skip(chars: &mut Chars<'_>) {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
    }

    fn value(chars: &mut Chars<'_>) -> Value {
        skip(chars);
        match chars.next() {
            Some('"') => Value::String(string(chars)),
            Some('n') => {
                let rest: String = chars.take(3).collect();
                assert_eq!(rest, "ull");
                Value::Null
            }
            Some('[') => {
                let mut items = Vec::new();
                loop {
                    skip(chars);
                    if chars.peek() == Some(&']') {
                        chars.next();
                        return Value::Array(items);
                    }
                    items.push(value(chars));
                    skip(chars);
                    match chars.next() {
                        Some(',') => {}
                        Some(']') => return Value::Array(items),
                        c => panic!("unexpected {c:?} in an array"),
                    }
                }
            }
            Some('{') => {
                let mut members = Vec::new();
                loop {
                    skip(chars);
                    match chars.next() {
                        Some('}') => return Value::Object(members),
                        Some('"') => {}
                        c => panic!("unexpected {c:?} in an object"),
                    }
                    let key = string(chars);
                    skip(chars);
                    assert_eq!(chars.next(), Some(':'));
                    members.push((key, value(chars)));
                    skip(chars);
                    match chars.next() {
                        Some(',') => {}
                        Some('}') => return Value::Object(members),
                        c => panic!("unexpected {c:?} in an object"),
                    }
                }
            }
            c => panic!("unexpected {c:?}"),
        }
    }

    fn string(chars: &mut Chars<'_>) -> String {
        let mut out = String::new();
        loop {
            match chars.next().expect("unterminated string") {
                '"' => return out,
                '\\' => match chars.next().expect("unterminated escape") {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'u' => {
                        let hex: String = chars.take(4).collect();
                        let unit = u32::from_str_radix(&hex, 16).unwrap();
                        out.push(char::from_u32(unit).unwrap_or('\u{fffd}'));
                    }
                    c => out.push(c),
                },
                c => out.push(c),
            }
        }
    }

    #[test]
    fn parses_the_reference_output() {
        let v = parse(r#"{"policy":"a \"b\"","findings":[{"type":"X","value":null}]}"#);
        assert_eq!(v.get("policy").as_str(), Some("a \"b\""));
        assert_eq!(
            v.get("findings").as_array()[0].get("type").as_str(),
            Some("X")
        );
        assert_eq!(v.get("findings").as_array()[0].get("value"), &Value::Null);
    }
}
