//! RFC 7239 `Forwarded`, read as its grammar says: a comma-separated list of elements, each
//! `name=value` pairs separated by `;`, a value a token or an RFC 7230 §3.2.6 quoted string
//! (with `\` escapes). A `,` or `;` inside a quoted string splits nothing, and a header with
//! any syntax error (an unterminated quote above all) is invalid as a whole: a client's
//! unclosed quote cannot swallow the element a proxy appended after it.

/// One element of a `Forwarded` header (`for=...;proto=https;host=...`): its parameters,
/// names as sent, values unquoted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Element(Vec<(Vec<u8>, Vec<u8>)>);

impl Element {
    /// The value of parameter `name` (case-insensitive), unquoted.
    pub(super) fn get(&self, name: &[u8]) -> Option<&[u8]> {
        self.0
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_slice())
    }
}

/// Why a `Forwarded` line does not parse, and at which byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Invalid {
    pub(super) detail: &'static str,
    pub(super) at: usize,
}

/// Appends the elements of one `Forwarded` line to `out`; empty list elements (`a,,b`) are
/// skipped, as RFC 7230 §7 has a recipient do. `Err` on any syntax error; `out` may then
/// hold part of the line, and the caller drops the whole header.
pub(super) fn parse_line(line: &[u8], out: &mut Vec<Element>) -> Result<(), Invalid> {
    let mut p = Parser { line, at: 0 };
    loop {
        p.skip_ows();
        let mut element = Element::default();
        // The pairs of one element, up to `,` or the end of the line.
        loop {
            p.skip_ows();
            if matches!(p.peek(), None | Some(b',' | b';')) {
                // An empty pair (`a=1;;b=2`, or a trailing `;`): allowed by the grammar.
            } else {
                let name = p.token()?;
                p.skip_ows();
                p.expect(b'=', "expected `=` after a parameter name")?;
                p.skip_ows();
                let value = p.value()?;
                if element.get(name).is_some() {
                    return Err(p.invalid("a parameter repeated in one element"));
                }
                element.0.push((name.to_vec(), value));
                p.skip_ows();
            }
            match p.peek() {
                Some(b';') => p.at += 1,
                Some(b',') | None => break,
                Some(_) => return Err(p.invalid("expected `;` or `,` after a value")),
            }
        }
        if !element.0.is_empty() {
            out.push(element);
        }
        match p.peek() {
            Some(b',') => p.at += 1,
            _ => return Ok(()),
        }
    }
}

struct Parser<'a> {
    line: &'a [u8],
    at: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.line.get(self.at).copied()
    }

    fn invalid(&self, detail: &'static str) -> Invalid {
        Invalid {
            detail,
            at: self.at,
        }
    }

    fn skip_ows(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8, detail: &'static str) -> Result<(), Invalid> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.invalid(detail))
        }
    }

    /// `1*tchar` (RFC 7230 §3.2.6).
    fn token(&mut self) -> Result<&'a [u8], Invalid> {
        let start = self.at;
        while self.peek().is_some_and(is_tchar) {
            self.at += 1;
        }
        if self.at == start {
            return Err(self.invalid("expected a parameter name"));
        }
        Ok(&self.line[start..self.at])
    }

    /// A quoted string, unquoted; or an unquoted value: a token, or, as proxies write
    /// `host=example.com:8080` and `for=[::1]` unquoted, any visible ASCII but `"`, `;`, `,`.
    fn value(&mut self) -> Result<Vec<u8>, Invalid> {
        if self.peek() == Some(b'"') {
            return self.quoted();
        }
        let start = self.at;
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_graphic() && !matches!(b, b'"' | b';' | b','))
        {
            self.at += 1;
        }
        match self.peek() {
            _ if self.at == start => Err(self.invalid("expected a value")),
            Some(b'"') => Err(self.invalid("a quote inside an unquoted value")),
            _ => Ok(self.line[start..self.at].to_vec()),
        }
    }

    /// `DQUOTE *( qdtext / quoted-pair ) DQUOTE`, what it stands for.
    fn quoted(&mut self) -> Result<Vec<u8>, Invalid> {
        let open = self.at;
        self.at += 1;
        let mut out = Vec::new();
        loop {
            match self.peek() {
                None => {
                    return Err(Invalid {
                        detail: "an unterminated quoted string",
                        at: open,
                    });
                }
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    match self.peek() {
                        Some(b) if is_qtext(b) || b == b'"' || b == b'\\' => out.push(b),
                        None => {
                            return Err(Invalid {
                                detail: "an unterminated quoted string",
                                at: open,
                            });
                        }
                        Some(_) => {
                            return Err(self.invalid("a control character in a quoted string"));
                        }
                    }
                    self.at += 1;
                }
                Some(b) if is_qtext(b) => {
                    out.push(b);
                    self.at += 1;
                }
                Some(_) => return Err(self.invalid("a control character in a quoted string")),
            }
        }
    }
}

/// `tchar` (RFC 7230 §3.2.6).
fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// `qdtext` (RFC 7230 §3.2.6): HTAB, SP, visible ASCII but `"` and `\`, obs-text.
fn is_qtext(b: u8) -> bool {
    matches!(b, b'\t' | b' ' | 0x21 | 0x23..=0x5b | 0x5d..=0x7e | 0x80..=0xff)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> Result<Vec<Vec<(String, String)>>, Invalid> {
        let mut out = Vec::new();
        parse_line(line.as_bytes(), &mut out)?;
        Ok(out
            .into_iter()
            .map(|e| {
                e.0.into_iter()
                    .map(|(n, v)| (String::from_utf8(n).unwrap(), String::from_utf8(v).unwrap()))
                    .collect()
            })
            .collect())
    }

    fn pairs(list: &[&[(&str, &str)]]) -> Vec<Vec<(String, String)>> {
        list.iter()
            .map(|e| {
                e.iter()
                    .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn elements_pairs_and_quoted_strings() {
        assert_eq!(
            parse(r#"for="[2001:db8::7]";proto=https;host=app.example"#),
            Ok(pairs(&[&[
                ("for", "[2001:db8::7]"),
                ("proto", "https"),
                ("host", "app.example"),
            ]]))
        );
        // `;` and `,` inside a quoted string split nothing; escapes stand for the byte.
        assert_eq!(
            parse(r#"for="_a;proto=http,b";proto=https, for="x\"y\\";Proto=http"#),
            Ok(pairs(&[
                &[("for", "_a;proto=http,b"), ("proto", "https")],
                &[("for", "x\"y\\"), ("Proto", "http")],
            ]))
        );
        // Whitespace around separators, empty list elements and empty pairs are allowed;
        // unquoted values as proxies write them.
        assert_eq!(
            parse(" for=1.2.3.4 ; proto = https ;, ,host=example.com:8443;for=[::1]"),
            Ok(pairs(&[
                &[("for", "1.2.3.4"), ("proto", "https")],
                &[("host", "example.com:8443"), ("for", "[::1]")],
            ]))
        );
        assert_eq!(parse(""), Ok(vec![]));
        assert_eq!(parse(r#"for="""#), Ok(pairs(&[&[("for", "")]])));
    }

    /// The audit's line: a client's unclosed quote before the proxy's element makes the
    /// whole line invalid, rather than swallowing the proxy's element.
    #[test]
    fn an_unterminated_quote_makes_the_line_invalid() {
        let line = r#"proto=https;x=", for="[2001:db8::7]";proto=http;host=app.example"#;
        assert_eq!(
            parse(line).unwrap_err().detail,
            "expected `;` or `,` after a value"
        );
        for (line, detail, at) in [
            (r#"proto=https;x=""#, "an unterminated quoted string", 14),
            (
                r#"for="[2001:db8::7];proto=https"#,
                "an unterminated quoted string",
                4,
            ),
            (r#"for="a\"#, "an unterminated quoted string", 4),
            (r#"for=a"b""#, "a quote inside an unquoted value", 5),
            ("for=\"a\x01\"", "a control character in a quoted string", 6),
            ("proto", "expected `=` after a parameter name", 5),
            ("=https", "expected a parameter name", 0),
            ("proto=", "expected a value", 6),
            (
                "proto=https;PROTO=http",
                "a parameter repeated in one element",
                22,
            ),
            ("pr oto=https", "expected `=` after a parameter name", 3),
        ] {
            assert_eq!(parse(line), Err(Invalid { detail, at }), "{line}");
        }
    }

    #[test]
    fn get_ignores_case() {
        let mut out = Vec::new();
        parse_line(b"For=1.2.3.4;PROTO=https", &mut out).unwrap();
        assert_eq!(out[0].get(b"proto"), Some(&b"https"[..]));
        assert_eq!(out[0].get(b"host"), None);
    }
}
