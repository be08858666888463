//! `secure-headers hash`: CSP hash sources for the inline scripts and styles of a page.

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

use clap::ValueEnum;
use secure_headers::csp::{HashAlgorithm, Source};

use crate::Fatal;
use crate::style::outln;

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

/// What a page holds that a hash cannot allow, or need not.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Page {
    /// The inline scripts and styles to hash.
    pub(crate) inline: Vec<Inline>,
    /// Elements left out: (line, why).
    pub(crate) skipped: Vec<(usize, String)>,
    /// Event-handler and `style` attributes: (line, element, attribute).
    pub(crate) attributes: Vec<(usize, String, String)>,
    /// Attributes holding a `javascript:` URL: (line, element, attribute).
    pub(crate) javascript_urls: Vec<(usize, String, String)>,
}

/// Whether an attribute value is a `javascript:` URL as a browser reads it: leading and
/// trailing spaces and control characters stripped, tabs and newlines removed anywhere,
/// the scheme in any case.
fn is_javascript_url(value: &str) -> bool {
    let scheme: String = value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(11)
        .collect();
    scheme.eq_ignore_ascii_case("javascript:")
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// The attributes of a start tag (`attrs` is its inside after the name): each name, and
/// its value when it has one.
fn attributes(attrs: &str) -> Vec<(&str, Option<&str>)> {
    let b = attrs.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (is_space(b[i]) || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'=' | b'/' | b'>') {
            i += 1;
        }
        let name = &attrs[start..i];
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        let mut value = None;
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && is_space(b[i]) {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                i += 1;
                let v = i;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                value = Some(&attrs[v..i.min(b.len())]);
                i += 1;
            } else {
                let v = i;
                while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                    i += 1;
                }
                value = Some(&attrs[v..i]);
            }
        } else if i == start {
            i += 1;
        }
        if !name.is_empty() {
            out.push((name, value));
        }
    }
    out
}

/// The attribute `name` of a start tag: `Some(value)` when present (`Some("")` without a
/// value).
fn attribute<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    attributes(attrs)
        .into_iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.unwrap_or(""))
}

/// Whether `attrs` (the inside of a start tag after its name) has an attribute `name`.
fn has_attribute(attrs: &str, name: &str) -> bool {
    attribute(attrs, name).is_some()
}

/// Whether a `<script>` with this `type` runs as script (and so needs a hash): classic and
/// module scripts, import maps and speculation rules; anything else, such as JSON-LD
/// (`application/ld+json`), is a data block that CSP does not check.
fn is_executable_script(attrs: &str) -> bool {
    let Some(t) = attribute(attrs, "type") else {
        return true;
    };
    let t = t.trim().to_ascii_lowercase();
    let essence = t.split(';').next().unwrap_or("").trim();
    essence.is_empty()
        || matches!(essence, "module" | "importmap" | "speculationrules")
        || matches!(
            essence,
            "application/ecmascript"
                | "application/javascript"
                | "application/x-ecmascript"
                | "application/x-javascript"
                | "text/ecmascript"
                | "text/javascript"
                | "text/javascript1.0"
                | "text/javascript1.1"
                | "text/javascript1.2"
                | "text/javascript1.3"
                | "text/javascript1.4"
                | "text/javascript1.5"
                | "text/jscript"
                | "text/livescript"
                | "text/x-ecmascript"
                | "text/x-javascript"
        )
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
#[cfg(test)]
pub(crate) fn inline_elements(html: &str) -> Vec<Inline> {
    scan(html).inline
}

/// Reads a page: its inline scripts (only those that run as script and carry no nonce)
/// and styles, what was left out, and the event-handler and `style` attributes that no
/// hash covers.
pub(crate) fn scan(html: &str) -> Page {
    let html = html.replace("\r\n", "\n").replace('\r', "\n");
    let b = html.as_bytes();
    let lower = html.to_ascii_lowercase();
    let line_of = |at: usize| html[..at].matches('\n').count() + 1;
    let mut page = Page::default();
    let mut i = 0;
    while let Some(off) = lower[i..].find('<') {
        let at = i + off;
        if lower[at..].starts_with("<!--") {
            i = lower[at + 4..]
                .find("-->")
                .map_or(b.len(), |e| at + 4 + e + 3);
            continue;
        }
        let name_len = lower[at + 1..]
            .bytes()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == b'-')
            .count();
        if name_len == 0 || !lower.as_bytes()[at + 1].is_ascii_alphabetic() {
            i = at + 1;
            continue;
        }
        let tag = &lower[at + 1..at + 1 + name_len];
        let attrs_start = at + 1 + name_len;
        let content_start = tag_end(b, attrs_start);
        let attrs = &html[attrs_start..content_start.saturating_sub(1).max(attrs_start)];
        for (name, value) in attributes(attrs) {
            let lname = name.to_ascii_lowercase();
            if (lname.starts_with("on") && lname.len() > 2) || lname == "style" {
                page.attributes.push((line_of(at), tag.to_owned(), lname));
            } else if value.is_some_and(is_javascript_url) {
                page.javascript_urls
                    .push((line_of(at), tag.to_owned(), lname));
            }
        }
        let element = ["script", "style"].into_iter().find(|e| *e == tag);
        let Some(element) = element else {
            i = content_start.max(at + 1);
            continue;
        };
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
        let line = line_of(content_start);
        if element == "script" && has_attribute(attrs, "src") {
            // External: allowed by its URL, not by a hash.
        } else if has_attribute(attrs, "nonce") {
            page.skipped
                .push((line, format!("<{element}> already has a nonce")));
        } else if element == "script" && !is_executable_script(attrs) {
            let t = attribute(attrs, "type")
                .unwrap_or_default()
                .trim()
                .to_owned();
            page.skipped.push((
                line,
                format!("<script type=\"{t}\"> is data, not script: CSP does not check it"),
            ));
        } else {
            page.inline.push(Inline {
                element,
                line,
                text: html[content_start..content_end].to_owned(),
            });
        }
        i = content_end;
    }
    page
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
    let page = scan(&html);
    let items = &page.inline;
    if items.is_empty() {
        outln!("no inline script or style to hash");
    }
    let mut scripts = Vec::new();
    let mut styles = Vec::new();
    for item in items {
        let source = Source::hash_of(algorithm.to_hash_algorithm(), item.text.as_bytes());
        outln!(
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
    if !items.is_empty() {
        outln!();
    }
    if !scripts.is_empty() {
        outln!("script-src {}", scripts.join(" "));
    }
    if !styles.is_empty() {
        outln!("style-src {}", styles.join(" "));
    }
    if !page.skipped.is_empty() {
        outln!("\nleft out:");
        for (line, why) in &page.skipped {
            outln!("  line {line:<4} {why}");
        }
    }
    if !page.attributes.is_empty() {
        outln!(
            "\nnot covered (a hash allows an attribute only with 'unsafe-hashes'; move the code into a \
             script or the styles into a stylesheet):"
        );
        for (line, element, attribute) in &page.attributes {
            let what = if attribute == "style" {
                "style attribute"
            } else {
                "event handler"
            };
            outln!("  line {line:<4} <{element} {attribute}=...> {what}");
        }
    }
    if !page.javascript_urls.is_empty() {
        outln!(
            "\nnot covered (a hash in script-src does not allow a javascript: URL; move the code \
             into a script and attach it with addEventListener):"
        );
        for (line, element, attribute) in &page.javascript_urls {
            outln!("  line {line:<4} <{element} {attribute}=\"javascript:...\"> javascript: URL");
        }
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

    #[test]
    fn javascript_urls_are_found_as_browsers_read_them() {
        let page = scan(
            "<a href=\"javascript:go()\">a</a>\n<iframe src=' JaVa\tScript:x'></iframe>\n\
             <form action=javascript:void(0)><button formaction=\"\x01javascript:y\">b</button></form>\n\
             <a href=\"/javascript:no\">c</a><a title=\"javascript is fun\">d</a>",
        );
        assert_eq!(
            page.javascript_urls,
            [
                (1, "a".into(), "href".into()),
                (2, "iframe".into(), "src".into()),
                (3, "form".into(), "action".into()),
                (3, "button".into(), "formaction".into()),
            ]
        );
    }
}
