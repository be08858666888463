//! Lint findings for `check` and `lint`, from the library's linter.

use std::process::ExitCode;

use secure_headers::http::HeaderMap;
use secure_headers::lint::{self, Finding, Severity};

use crate::Fatal;
use crate::style::{self, outln, paint};

/// The exit statuses, the same for every command (shown by `--help`).
pub(crate) const EXIT_STATUS: &str = "\
Exit status (every command):
  0  done, and no finding at or above --fail-on (nor a grade below --min-grade)
  1  findings at or above --fail-on (default: high), or a grade below --min-grade
  2  usage, input, network or configuration error";

/// The least severe finding that makes `check` and `lint` exit with status 1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum FailOn {
    /// Findings of severity error: headers browsers ignore, hard requirements broken.
    Error,
    /// Error, high (the policy can be bypassed) and syntax (part of a value is ignored).
    #[default]
    High,
    /// All of the above and medium.
    Medium,
    /// Never, whatever the findings.
    None,
}

impl FailOn {
    /// Whether a finding of `severity` is at or above this threshold.
    pub(crate) fn fails(self, severity: Severity) -> bool {
        let least = match self {
            Self::Error => Severity::Error,
            Self::High => Severity::Syntax,
            Self::Medium => Severity::Medium,
            Self::None => return false,
        };
        severity <= least
    }

    /// How many of `items` are at or above this threshold.
    pub(crate) fn count(self, items: &[Item]) -> usize {
        items.iter().filter(|i| self.fails(i.level)).count()
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::High => "high",
            Self::Medium => "medium",
            Self::None => "none",
        }
    }
}

/// The line `check` and `lint` print on standard error when findings fail the command.
pub(crate) fn fail_line(failing: usize, fail_on: FailOn) -> String {
    format!(
        "{} {failing} finding(s) at or above --fail-on {}",
        paint(style::ERROR, "fail:"),
        fail_on.as_str()
    )
}

/// One finding, as printed.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub(crate) rule: String,
    pub(crate) level: Severity,
    pub(crate) severity: String,
    pub(crate) header: Option<String>,
    pub(crate) directive: Option<String>,
    pub(crate) value: Option<String>,
    pub(crate) message: String,
}

impl Item {
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
        level: f.severity(),
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

/// How many characters of a policy are shown around a caret; a longer policy is cut to a
/// window of this width, with `...` where it was cut.
const WINDOW: usize = 80;

/// A caret under `len` characters from column `col` (1-based, in characters) of `text`;
/// a text longer than [`WINDOW`] is shown as a window around them.
fn caret(text: &str, col: usize, len: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = col.saturating_sub(1).min(chars.len());
    let len = len.clamp(1, WINDOW / 2);
    let (mut start, mut end) = (0, chars.len());
    if chars.len() > WINDOW {
        // Centre the marked part, then slide the window back inside the text.
        start = (at + len / 2).saturating_sub(WINDOW / 2);
        end = (start + WINDOW).min(chars.len());
        start = end - WINDOW;
    }
    let head = if start > 0 { "..." } else { "" };
    let tail = if end < chars.len() { "..." } else { "" };
    let shown: String = chars[start..end].iter().collect();
    let len = len.min(end.saturating_sub(at)).max(1);
    format!(
        "  {head}{shown}{tail}\n  {:>col$}{}",
        "^",
        "~".repeat(len - 1),
        col = at - start + head.len() + 1
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
pub(crate) fn lint_command(policy: &str, json: bool, fail_on: FailOn) -> Result<ExitCode, Fatal> {
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
    let failing = fail_on.count(&items);
    if json {
        let out = serde_json::json!({
            "policy": policy,
            "findings": items.iter().map(Item::to_json).collect::<Vec<_>>(),
        });
        outln!("{}", serde_json::to_string_pretty(&out)?);
    } else if items.is_empty() {
        outln!("{}", paint(style::GOOD, "no findings"));
    } else {
        for item in &items {
            outln!("{}", item.line());
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
                outln!("{}", paint(style::DIM, caret(policy, col, len)));
            }
        }
    }
    if failing > 0 {
        anstream::eprintln!("{}", fail_line(failing, fail_on));
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
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
        assert_eq!(caret("abc", 3, 1), "  abc\n    ^");
    }

    #[test]
    fn long_policies_are_shown_as_a_window_around_the_caret() {
        let policy = format!(
            "{}script-src 'unsafe-inline'{}",
            "a".repeat(200),
            "b".repeat(200)
        );
        let col = 212; // 'unsafe-inline'
        let shown = caret(&policy, col, 15);
        let (line, mark) = shown.split_once('\n').unwrap();
        assert!(
            line.starts_with("  ...") && line.ends_with("..."),
            "{shown}"
        );
        assert_eq!(line.chars().count(), 2 + 3 + WINDOW + 3);
        let at = mark.find('^').unwrap();
        assert_eq!(&line[at..at + 15], "'unsafe-inline'", "{shown}");
        assert_eq!(mark.trim_start(), format!("^{}", "~".repeat(14)));
        // At either end, the window stops at the text's edge.
        let start = caret(&policy, 1, 3);
        assert!(start.starts_with("  aaa") && start.lines().next().unwrap().ends_with("..."));
        assert!(start.ends_with("\n  ^~~"));
        let end = caret(&policy, policy.len(), 1);
        let (line, mark) = end.split_once('\n').unwrap();
        assert!(line.starts_with("  ...") && line.ends_with('b') && !line.ends_with("..."));
        assert_eq!(mark.len(), line.len());
        assert_eq!(unparsable("a\u{7}b"), Some((2, '\u{7}')));
    }
}
