//! The guide's own examples pass our lint: every policy it shows, in its configuration
//! file and in the headers its example asserts, has no finding at or above high (the
//! severity `secure-headers lint` and `check` fail on by default).

use secure_headers::Secure;
use secure_headers::config::Format;
use secure_headers::lint::{Finding, Severity, lint_csp, lint_secure};

const GUIDE: &str = include_str!("../src/docs/guide.md");

/// Findings at or above high (`syntax`, a part of the value ignored, included).
fn serious(findings: Vec<Finding>) -> Vec<String> {
    findings
        .into_iter()
        .filter(|f| f.severity() <= Severity::Syntax)
        .map(|f| f.to_string())
        .collect()
}

/// The fenced blocks of the guide in `language`.
fn blocks(language: &str) -> Vec<String> {
    let fence = format!("```{language}");
    let mut out = Vec::new();
    let mut lines = GUIDE.lines();
    while let Some(line) = lines.next() {
        if line.trim() == fence {
            let body: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
            out.push(body.join("\n"));
        }
    }
    out
}

/// The text of the string literals in `code`, joined (a `\` at a line's end continues the
/// literal past the line break and the next line's indentation, as in Rust).
fn literals(code: &str) -> String {
    let mut out = String::new();
    let mut chars = code.chars().peekable();
    let mut inside = false;
    while let Some(c) = chars.next() {
        match (inside, c) {
            (false, '"') => inside = true,
            (true, '"') => inside = false,
            (true, '\\') => match chars.next() {
                Some('\n') => {
                    while chars.peek().is_some_and(|c| c.is_whitespace()) {
                        chars.next();
                    }
                }
                Some(e) => out.push(e),
                None => {}
            },
            (true, c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// Every Content-Security-Policy value (enforced or report-only) the guide's Rust example
/// asserts, with a nonce in place of its `{nonce}`.
fn asserted_policies() -> Vec<String> {
    let mut out = Vec::new();
    for block in blocks("rust") {
        let lines: Vec<&str> = block.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if !line.contains("headers[\"content-security-policy") {
                continue;
            }
            let end = (i..lines.len()).find(|&j| lines[j].trim() == ");").unwrap();
            let value = literals(&lines[i + 1..end].join("\n"));
            out.push(value.replace("{nonce}", "R4nd0mN0nc3R4nd0mN0nc3AA"));
        }
    }
    out
}

#[test]
fn every_policy_the_guide_asserts_passes_lint() {
    let policies = asserted_policies();
    assert_eq!(policies.len(), 2, "{policies:?}");
    assert!(
        policies[1].starts_with("default-src 'self'; script-src 'nonce-"),
        "{policies:?}"
    );
    for policy in policies {
        assert_eq!(serious(lint_csp(&policy)), Vec::<String>::new(), "{policy}");
    }
}

#[test]
fn the_guides_configuration_file_passes_lint() {
    let files = blocks("toml");
    let configs: Vec<&String> = files.iter().filter(|b| b.contains("[csp]")).collect();
    assert_eq!(configs.len(), 1, "{files:?}");
    for text in configs {
        let secure = Secure::from_config_str(text, Format::Toml).unwrap();
        assert_eq!(
            serious(lint_secure(&secure)),
            Vec::<String>::new(),
            "{text}"
        );
    }
}
