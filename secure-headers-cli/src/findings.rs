//! Lint findings for `check` and `lint`, from the library's linter.

use std::process::ExitCode;

use secure_headers::http::HeaderMap;
use secure_headers::lint::{self, Finding};

use crate::Fatal;
use crate::style::{self, paint};

/// One finding, as printed.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub(crate) rule: String,
    pub(crate) severity: String,
    pub(crate) header: Option<String>,
    pub(crate) directive: Option<String>,
    pub(crate) value: Option<String>,
    pub(crate) message: String,
}

impl Item {
    /// Severities that make `lint` fail: high, syntax and error.
    pub(crate) fn is_error(&self) -> bool {
        matches!(self.severity.as_str(), "high" | "syntax" | "error")
    }

    pub(crate) fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "rule": self.rule,
            "severity": self.severity,
            "header": self.header,
            "directive": self.directive,
            "value": self.value,
            "message": self.message,
        })
    }

    fn style(&self) -> anstyle::Style {
        match self.severity.as_str() {
            "high" | "syntax" | "error" => style::BAD,
            "medium" | "strict-csp" | "medium-maybe" => style::WARN,
            _ => style::DIM,
        }
    }

    /// `  [severity] rule: message (directive, value)`.
    pub(crate) fn line(&self) -> String {
        let mut where_ = Vec::new();
        if let Some(h) = &self.header {
            where_.push(h.clone());
        }
        if let Some(d) = &self.directive {
            where_.push(d.clone());
        }
        if let Some(v) = self.value.as_ref().filter(|v| !v.is_empty()) {
            where_.push(format!("{v:?}"));
        }
        let at = if where_.is_empty() {
            String::new()
        } else {
            format!(" {}", paint(style::DIM, format!("({})", where_.join(" "))))
        };
        format!(
            "{} {}: {}{at}",
            paint(self.style(), format!("[{}]", self.severity)),
            self.rule,
            self.message
        )
    }
}

fn item(f: &Finding) -> Item {
    Item {
        rule: f.rule().as_str().to_owned(),
        severity: f.severity().to_string(),
        header: Some(f.header().to_owned()).filter(|h| !h.is_empty()),
        directive: f.directive().map(str::to_owned),
        value: f.value().map(str::to_owned),
        message: f.message().to_owned(),
    }
}

/// The findings for one Content-Security-Policy value, most severe first.
pub(crate) fn csp(policy: &str) -> Vec<Item> {
    sorted(lint::lint_csp(policy))
}

/// The findings for a response's headers, most severe first.
pub(crate) fn headers(headers: &HeaderMap) -> Vec<Item> {
    sorted(lint::lint_headers(headers))
}

fn sorted(mut findings: Vec<Finding>) -> Vec<Item> {
    findings.sort_by_key(Finding::severity);
    findings.iter().map(item).collect()
}

/// The column (1-based, in characters) where `needle` starts in `policy`, preferring an
/// occurrence inside `directive`.
fn position(policy: &str, directive: Option<&str>, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let lower = policy.to_ascii_lowercase();
    let mut start = 0;
    if let Some(d) = directive {
        let d = d.to_ascii_lowercase();
        let mut offset = 0;
        for part in lower.split(';') {
            let trimmed = part.trim_start();
            let lead = part.len() - trimmed.len();
            if trimmed.split_whitespace().next() == Some(d.as_str()) {
                start = offset + lead;
                break;
            }
            offset += part.len() + 1;
        }
    }
    let found = lower[start..]
        .find(&needle.to_ascii_lowercase())
        .map(|i| start + i)
        .or_else(|| lower.find(&needle.to_ascii_lowercase()))?;
    Some(policy[..found].chars().count() + 1)
}

/// A caret under column `col` of `text`.
fn caret(text: &str, col: usize, len: usize) -> String {
    format!(
        "  {text}\n  {:>col$}{}",
        "^",
        "~".repeat(len.saturating_sub(1)),
        col = col
    )
}

/// Characters that no header value can hold (controls; bytes above 0x7F are obs-text,
/// which HTTP allows): the policy cannot be parsed at all.
fn unparsable(policy: &str) -> Option<(usize, char)> {
    policy
        .chars()
        .enumerate()
        .find(|(_, c)| c.is_control() && *c != '\t')
        .map(|(i, c)| (i + 1, c))
}

/// `secure-headers lint 'POLICY'`.
pub(crate) fn lint_command(policy: &str, json: bool) -> Result<ExitCode, Fatal> {
    if let Some((col, c)) = unparsable(policy) {
        let shown: String = policy
            .chars()
            .map(|c| if c.is_control() { '\u{fffd}' } else { c })
            .collect();
        return Err(Fatal(format!(
            "cannot parse the policy: {c:?} at column {col} is not allowed in a header value\n{}",
            caret(&shown, col, 1)
        )));
    }
    let items = csp(policy);
    let failed = items.iter().any(Item::is_error);
    if json {
        let out = serde_json::json!({
            "policy": policy,
            "findings": items.iter().map(Item::to_json).collect::<Vec<_>>(),
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else if items.is_empty() {
        anstream::println!("{}", paint(style::GOOD, "no findings"));
    } else {
        for item in &items {
            anstream::println!("{}", item.line());
            let target = item.value.as_deref().filter(|v| !v.is_empty());
            let located = target
                .and_then(|v| {
                    position(policy, item.directive.as_deref(), v).map(|c| (c, v.chars().count()))
                })
                .or_else(|| {
                    let d = item.directive.as_deref()?;
                    position(policy, None, d).map(|c| (c, d.chars().count()))
                });
            if let Some((col, len)) = located {
                anstream::println!("{}", paint(style::DIM, caret(policy, col, len)));
            }
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_prefer_the_directive() {
        let p = "default-src https:; script-src 'self' https:";
        assert_eq!(position(p, Some("script-src"), "https:"), Some(39));
        assert_eq!(position(p, None, "https:"), Some(13));
        assert_eq!(position(p, Some("img-src"), "https:"), Some(13));
        assert_eq!(caret("abc", 2, 2), "  abc\n   ^~");
        assert_eq!(unparsable("a\u{7}b"), Some((2, '\u{7}')));
    }
}
