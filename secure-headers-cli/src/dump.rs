//! Header dumps: `Name: value` lines, optionally after an HTTP status line, as printed by
//! `curl -sI` (with `-L`, one block per response: the last block is the final response),
//! or `curl -si`, whose body follows the headers after a blank line.

use std::fmt;

use secure_headers::http::{HeaderMap, HeaderName, HeaderValue};

/// A parsed dump: the final response's status (if a status line was given) and headers.
#[derive(Debug)]
pub(crate) struct Dump {
    pub(crate) status: Option<u16>,
    pub(crate) headers: HeaderMap,
    /// What follows the final response's headers after a blank line (`curl -si`).
    pub(crate) body: Option<String>,
}

/// A mistake in a dump, with its position (1-based line and column, in characters).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Diagnostic {
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) message: String,
    pub(crate) text: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown: String = self
            .text
            .chars()
            .map(|c| if c.is_control() { '\u{fffd}' } else { c })
            .collect();
        let gutter = self.line.to_string().len();
        write!(
            f,
            "line {}, column {}: {}\n{:gutter$} |\n{} | {shown}\n{:gutter$} | {:>col$}",
            self.line,
            self.column,
            self.message,
            "",
            self.line,
            "",
            "^",
            col = self.column,
        )
    }
}

fn is_tchar(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

/// Parses a dump. Folded continuation lines (starting with a space or tab) continue the
/// previous value; a blank line followed by a new status line starts a new response.
pub(crate) fn parse(text: &str) -> Result<Dump, Diagnostic> {
    let mut status = None;
    let mut lines: Vec<(usize, String, String)> = Vec::new();
    let mut seen_header = false;
    let mut blank_after_headers = false;
    let mut body = None;
    let mut offset = 0;
    for (i, raw) in text.split('\n').enumerate() {
        let line_no = i + 1;
        let line_start = offset;
        offset += raw.len() + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let header_like = line
            .split_once(':')
            .is_some_and(|(name, _)| !name.is_empty() && name.chars().all(is_tchar));
        if blank_after_headers
            && !line.trim().is_empty()
            && !line.starts_with("HTTP/")
            && !header_like
        {
            // The body of the final response (`curl -si`): not a status line, not a header.
            body = Some(text[line_start..].to_owned());
            break;
        }
        let diag = |column: usize, message: String| Diagnostic {
            line: line_no,
            column,
            message,
            text: line.to_owned(),
        };
        if line.trim().is_empty() {
            blank_after_headers |= seen_header || status.is_some();
            continue;
        }
        if line.starts_with("HTTP/") {
            // A new response: the dump keeps only the last one.
            let mut parts = line.split_whitespace();
            parts.next();
            let code = parts.next().unwrap_or("");
            let parsed = code
                .parse::<u16>()
                .ok()
                .filter(|c| (100..=999).contains(c))
                .ok_or_else(|| {
                    let col = line
                        .find(code)
                        .filter(|_| !code.is_empty())
                        .unwrap_or(line.len());
                    diag(
                        line[..col].chars().count() + 1,
                        "expected a three-digit status code after the HTTP version".to_owned(),
                    )
                })?;
            status = Some(parsed);
            lines.clear();
            seen_header = false;
            blank_after_headers = false;
            continue;
        }
        if line.starts_with([' ', '\t']) {
            match lines.last_mut() {
                Some(last) if seen_header => {
                    last.2.push(' ');
                    last.2.push_str(line.trim());
                    continue;
                }
                _ => {
                    return Err(diag(
                        1,
                        "a continuation line must follow a header line".to_owned(),
                    ));
                }
            }
        }
        let Some(colon) = line.find(':') else {
            return Err(diag(
                line.chars().count() + 1,
                "expected `Name: value` (no colon on this line)".to_owned(),
            ));
        };
        let name = &line[..colon];
        if name.is_empty() {
            return Err(diag(1, "empty header name".to_owned()));
        }
        if let Some((pos, c)) = name.char_indices().find(|(_, c)| !is_tchar(*c)) {
            return Err(diag(
                name[..pos].chars().count() + 1,
                format!("{c:?} is not allowed in a header name"),
            ));
        }
        let value_start = colon + 1;
        let value = &line[value_start..];
        // Bytes above 0x7F are obs-text, which HTTP allows in a field value.
        if let Some((pos, c)) = value
            .char_indices()
            .find(|(_, c)| c.is_control() && *c != '\t')
        {
            return Err(diag(
                line[..value_start + pos].chars().count() + 1,
                format!("{c:?} is not allowed in a header value"),
            ));
        }
        lines.push((line_no, name.to_owned(), value.trim().to_owned()));
        seen_header = true;
    }
    let mut headers = HeaderMap::new();
    for (line_no, name, value) in lines {
        let n = HeaderName::from_bytes(name.as_bytes()).map_err(|e| Diagnostic {
            line: line_no,
            column: 1,
            message: e.to_string(),
            text: name.clone(),
        })?;
        let v = HeaderValue::from_str(&value).map_err(|e| Diagnostic {
            line: line_no,
            column: name.len() + 2,
            message: e.to_string(),
            text: value.clone(),
        })?;
        headers.append(n, v);
    }
    Ok(Dump {
        status,
        headers,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_curl_output() {
        let d = parse(
            "HTTP/1.1 301 Moved\r\nLocation: https://x/\r\n\r\nHTTP/2 200\r\nx-frame-options: DENY\r\nset-cookie: a=1\r\nset-cookie: b=2\r\nX-Long: a\r\n  b\r\n\r\n",
        )
        .unwrap();
        assert_eq!(d.status, Some(200));
        assert_eq!(d.headers["x-frame-options"], "DENY");
        assert_eq!(d.headers.get_all("set-cookie").iter().count(), 2);
        assert_eq!(d.headers["x-long"], "a b");
        assert!(d.headers.get("location").is_none());
        assert_eq!(parse("Server:").unwrap().headers["server"], "");
    }

    #[test]
    fn never_panics() {
        const PIECES: [&str; 14] = [
            "HTTP/1.1 ",
            "200",
            "\r\n",
            "\n",
            ": ",
            ":",
            " ",
            "\t",
            "X-A",
            "é",
            "\u{1}",
            "a b",
            "",
            "HTTP/",
        ];
        let mut seed: u64 = 42;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(seed % 9) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
            }
            seed = seed.wrapping_add(1);
            if let Err(d) = parse(&text) {
                assert!(d.line >= 1 && d.column >= 1);
                let _ = d.to_string();
            }
            let _ = crate::hash::inline_elements(
                &text.replace("X-A", "<script>").replace("200", "</script"),
            );
        }
    }

    #[test]
    fn diagnostics_point_at_the_mistake() {
        let e = parse("X-Frame-Options: DENY\nX Frame: x").unwrap_err();
        assert_eq!((e.line, e.column), (2, 2));
        assert_eq!(
            e.to_string(),
            "line 2, column 2: ' ' is not allowed in a header name\n  |\n2 | X Frame: x\n  |  ^"
        );
        let e = parse("just words").unwrap_err();
        assert_eq!((e.line, e.column), (1, 11));
        let e = parse("A: ok\u{1}").unwrap_err();
        assert_eq!((e.line, e.column), (1, 6));
        let e = parse("HTTP/1.1 abc").unwrap_err();
        assert_eq!((e.line, e.column), (1, 10));
        let e = parse("  folded").unwrap_err();
        assert_eq!((e.line, e.column), (1, 1));
    }
}
