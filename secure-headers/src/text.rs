//! Checks on user-supplied text, shared by every policy.
//!
//! Every string a user hands to a builder passes through one of these before it can reach
//! a header value, so that nothing this crate emits can inject a header or split a
//! directive.

use crate::{Error, ErrorKind};

/// Where a piece of text is going: the header and, if any, the directive. Used to give
/// errors their context.
#[derive(Clone, Copy, Debug)]
pub(crate) struct At<'a> {
    pub(crate) header: &'a str,
    pub(crate) directive: Option<&'a str>,
}

impl<'a> At<'a> {
    pub(crate) const fn header(header: &'a str) -> Self {
        Self {
            header,
            directive: None,
        }
    }

    pub(crate) const fn directive(header: &'a str, directive: &'a str) -> Self {
        Self {
            header,
            directive: Some(directive),
        }
    }

    /// An error of `kind` about `input`, at this place.
    pub(crate) fn error(self, kind: ErrorKind, input: &str) -> Error {
        let e = Error::new(kind).with_header(self.header).with_input(input);
        match self.directive {
            Some(d) => e.with_directive(d),
            None => e,
        }
    }
}

/// True for the RFC 9110 `tchar` set.
pub(crate) const fn is_tchar(b: u8) -> bool {
    matches!(b,
        b'!' | b'#' | b'$' | b'%' | b'&' | b'\'' | b'*' | b'+' | b'-' | b'.' | b'^' | b'_'
        | b'`' | b'|' | b'~' | b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z')
}

/// True if `s` is a non-empty RFC 9110 token (what a header name must be).
pub(crate) fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(is_tchar)
}

/// The candidate closest to `input` (ASCII case-insensitively), if it is close enough to
/// be a typo of it: at most one edit for a short word, two for a longer one (an edit is
/// an insertion, a deletion, a substitution or a swap of two neighbours).
pub(crate) fn closest<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let input = input.to_ascii_lowercase();
    let limit = if input.len() < 6 { 1 } else { 2 };
    candidates
        .into_iter()
        // Each edit changes the length by one at most: a candidate whose length is further
        // off cannot be close enough, and is not compared (a long input, such as a whole
        // value, against every known name, cost a quadratic comparison with each).
        .filter(|c| c.len().abs_diff(input.len()) <= limit)
        .map(|c| (edit_distance(&input, &c.to_ascii_lowercase()), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// The optimal string alignment distance between two byte strings.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut prev2 = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Rejects control characters (CR, LF, NUL, DEL, ...) and anything outside visible ASCII
/// and space, then trims surrounding spaces. Tabs are rejected too: no policy value needs
/// one.
pub(crate) fn clean_text<'s>(at: At<'_>, input: &'s str) -> Result<&'s str, Error> {
    if let Some(c) = input.chars().find(|c| !(*c == ' ' || c.is_ascii_graphic())) {
        let kind = ErrorKind::InvalidCharacter;
        let detail = format!("U+{:04X} is not allowed", u32::from(c));
        return Err(at.error(kind, input).with_detail(detail));
    }
    Ok(input.trim_matches(' '))
}

/// Like [`clean_text`], and the result must not be empty.
pub(crate) fn clean_nonempty<'s>(at: At<'_>, input: &'s str) -> Result<&'s str, Error> {
    let s = clean_text(at, input)?;
    if s.is_empty() {
        return Err(at.error(ErrorKind::Empty, input));
    }
    Ok(s)
}

/// A single token inside a directive: non-empty, no whitespace, no `;` or `,`.
pub(crate) fn clean_token<'s>(at: At<'_>, input: &'s str) -> Result<&'s str, Error> {
    let s = clean_nonempty(at, input)?;
    if s.contains([';', ',']) {
        return Err(at.error(ErrorKind::Separator, input));
    }
    if s.contains(' ') {
        let detail = "a token cannot contain whitespace";
        return Err(at.error(ErrorKind::InvalidToken, input).with_detail(detail));
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT: At<'static> = At::directive("Content-Security-Policy", "script-src");

    #[test]
    fn closest_finds_typos_only() {
        let words = ["script-src", "style-src", "'unsafe-inline'", "'self'"];
        assert_eq!(closest("scirpt-src", words), Some("script-src"));
        assert_eq!(closest("SCRIPT-SRC", words), Some("script-src"));
        assert_eq!(closest("script-sr", words), Some("script-src"));
        assert_eq!(closest("'unsafe-inlin'", words), Some("'unsafe-inline'"));
        assert_eq!(closest("'slef'", words), Some("'self'"));
        assert_eq!(closest("'sel'", words), Some("'self'"));
        assert_eq!(closest("'s'", words), None);
        assert_eq!(closest("x-beta", words), None);
        assert_eq!(closest("webrtc", words), None);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn rejects_crlf_nul_del_and_non_ascii() {
        for bad in ["a\rb", "a\nb", "a\0b", "a\x7fb", "a\tb", "caf\u{e9}"] {
            let e = clean_text(AT, bad).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidCharacter, "{bad:?}");
            assert_eq!(e.input(), Some(bad));
            assert_eq!(e.directive(), Some("script-src"));
        }
    }

    #[test]
    fn trims_spaces() {
        assert_eq!(clean_text(AT, "  a b  ").unwrap(), "a b");
        assert_eq!(clean_text(AT, "   ").unwrap(), "");
        assert_eq!(
            clean_nonempty(AT, "  ").unwrap_err().kind(),
            ErrorKind::Empty
        );
    }

    #[test]
    fn tokens() {
        assert_eq!(clean_token(AT, " 'self' ").unwrap(), "'self'");
        assert_eq!(
            clean_token(AT, "a;b").unwrap_err().kind(),
            ErrorKind::Separator
        );
        assert_eq!(
            clean_token(AT, "a,b").unwrap_err().kind(),
            ErrorKind::Separator
        );
        assert_eq!(
            clean_token(AT, "a b").unwrap_err().kind(),
            ErrorKind::InvalidToken
        );
        assert!(is_token("X-Frame-Options"));
        assert!(!is_token("Bad Header"));
        assert!(!is_token(""));
    }
}
