//! `secure-headers hash`: CSP hash sources for the inline scripts and styles of a page.

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

use clap::ValueEnum;
use secure_headers::csp::{HashAlgorithm, Source};

use crate::Fatal;

/// The hash algorithms CSP accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Algorithm {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl Algorithm {
    fn to_hash_algorithm(self) -> HashAlgorithm {
        match self {
            Self::Sha256 => HashAlgorithm::Sha256,
            Self::Sha384 => HashAlgorithm::Sha384,
            Self::Sha512 => HashAlgorithm::Sha512,
        }
    }
}

/// An inline `<script>` (without `src`) or `<style>` element's text.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Inline {
    pub(crate) element: &'static str,
    /// The line where the text starts (1-based).
    pub(crate) line: usize,
    pub(crate) text: String,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Whether `attrs` (the inside of a start tag after its name) has an attribute `name`.
fn has_attribute(attrs: &str, name: &str) -> bool {
    let b = attrs.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (is_space(b[i]) || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'=' | b'/' | b'>') {
            i += 1;
        }
        if attrs[start..i].eq_ignore_ascii_case(name) && i > start {
            return true;
        }
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && is_space(b[i]) {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                i += 1;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                i += 1;
            } else {
                while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                    i += 1;
                }
            }
        } else if i == start {
            i += 1;
        }
    }
    false
}

/// The end of a start tag beginning at `i` (just after `<name`): the index after `>`,
/// skipping `>` inside quoted attribute values.
fn tag_end(b: &[u8], mut i: usize) -> usize {
    let mut quote = None;
    while i < b.len() {
        match (quote, b[i]) {
            (None, b'"' | b'\'') => quote = Some(b[i]),
            (Some(q), c) if c == q => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// Every inline script (without `src`) and style of `html`, in document order. Comments
/// are skipped; the text of each element runs to its end tag, as the HTML tokenizer reads
/// it; line endings are normalised to LF first, as browsers do before hashing.
pub(crate) fn inline_elements(html: &str) -> Vec<Inline> {
    let html = html.replace("\r\n", "\n").replace('\r', "\n");
    let b = html.as_bytes();
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = lower[i..].find('<') {
        let at = i + off;
        if lower[at..].starts_with("<!--") {
            i = lower[at + 4..]
                .find("-->")
                .map_or(b.len(), |e| at + 4 + e + 3);
            continue;
        }
        let element = ["script", "style"].into_iter().find(|name| {
            lower[at + 1..].starts_with(name)
                && lower
                    .as_bytes()
                    .get(at + 1 + name.len())
                    .is_none_or(|&c| is_space(c) || c == b'>' || c == b'/')
        });
        let Some(element) = element else {
            i = at + 1;
            continue;
        };
        let attrs_start = at + 1 + element.len();
        let content_start = tag_end(b, attrs_start);
        let attrs = &html[attrs_start..content_start.saturating_sub(1).max(attrs_start)];
        let close = format!("</{element}");
        let content_end = lower[content_start..]
            .match_indices(&close)
            .map(|(p, _)| content_start + p)
            .find(|&p| {
                lower
                    .as_bytes()
                    .get(p + close.len())
                    .is_none_or(|&c| is_space(c) || c == b'>' || c == b'/')
            })
            .unwrap_or(b.len());
        if !(element == "script" && has_attribute(attrs, "src")) {
            out.push(Inline {
                element,
                line: html[..content_start].matches('\n').count() + 1,
                text: html[content_start..content_end].to_owned(),
            });
        }
        i = content_end;
    }
    out
}

fn preview(text: &str) -> String {
    let collapsed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() > 48 {
        format!("{}...", collapsed.chars().take(45).collect::<String>())
    } else {
        collapsed
    }
}

pub(crate) fn run(file: &Path, algorithm: Algorithm) -> Result<ExitCode, Fatal> {
    let html = if file.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| Fatal(format!("cannot read standard input: {e}")))?;
        s
    } else {
        std::fs::read_to_string(file)
            .map_err(|e| Fatal(format!("cannot read {}: {e}", file.display())))?
    };
    let items = inline_elements(&html);
    if items.is_empty() {
        println!("no inline script or style");
        return Ok(ExitCode::SUCCESS);
    }
    let mut scripts = Vec::new();
    let mut styles = Vec::new();
    for item in &items {
        let source = Source::hash_of(algorithm.to_hash_algorithm(), item.text.as_bytes());
        println!(
            "{:<6} line {:<4} {}  {}",
            item.element,
            item.line,
            source.as_str(),
            preview(&item.text)
        );
        let list = if item.element == "script" {
            &mut scripts
        } else {
            &mut styles
        };
        if !list.contains(&source.as_str().to_owned()) {
            list.push(source.as_str().to_owned());
        }
    }
    println!();
    if !scripts.is_empty() {
        println!("script-src {}", scripts.join(" "));
    }
    if !styles.is_empty() {
        println!("style-src {}", styles.join(" "));
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_scripts_and_styles() {
        let html = "<!doctype html>\r\n<!-- <script>no()</script> -->\r\n<SCRIPT type=\"module\">a()</SCRIPT>\n\
                    <script src=\"x.js\"></script><script data-x='>'>b()\r\n</script >\n\
                    <style>p{}</style><scripts>not()</scripts>";
        let found = inline_elements(html);
        assert_eq!(
            found,
            [
                Inline {
                    element: "script",
                    line: 3,
                    text: "a()".into()
                },
                Inline {
                    element: "script",
                    line: 4,
                    text: "b()\n".into()
                },
                Inline {
                    element: "style",
                    line: 6,
                    text: "p{}".into()
                },
            ]
        );
        assert!(has_attribute(" async src=x.js", "src"));
        assert!(!has_attribute(" data-src=\"src\"", "src"));
        assert!(inline_elements("<script>unterminated").len() == 1);
    }
}
