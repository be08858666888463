//! Likely typos, refused however a policy was written: by the typed builder, or as a raw
//! [`value`](super::ContentSecurityPolicy::value) when it is rendered.

use super::HEADER;
use super::directive::{Directive, parse_directive};
use super::source::parse_source;
use crate::text::At;
use crate::{Error, ErrorKind};

/// The error for a directive this crate does not know whose name is close to one it does
/// (`scirpt-src`), with the known one and the explicit opt-in for a real newcomer.
pub(super) fn directive_typo(input: &str, directive: &Directive) -> Option<Error> {
    if !directive.is_custom() {
        return None;
    }
    let known = crate::text::closest(
        directive.as_str(),
        Directive::KNOWN.iter().map(Directive::as_str),
    )?;
    let detail = format!(
        "not a known directive; did you mean {known}? (send a directive newer than this crate with unlisted_directive)"
    );
    let e = At::directive(HEADER, input).error(ErrorKind::InvalidName, input);
    Some(e.with_detail(detail))
}

/// The first likely typo of a policy written as text: a directive name close to a known
/// one, a keyword without its quotes (`self`), or an unknown quoted keyword close to a
/// known one (`'unsafe-inlin'`). What is merely unknown is left alone, as browsers
/// ignore it (and the linter reports it).
pub(super) fn text_typo(raw: &str) -> Option<Error> {
    for segment in raw.split(';') {
        let mut parts = segment.split_ascii_whitespace();
        let Some(name) = parts.next() else {
            continue;
        };
        let Ok(directive) = parse_directive(name) else {
            continue;
        };
        if let Some(e) = directive_typo(name, &directive) {
            return Some(e);
        }
        if !directive.is_source_list() {
            continue;
        }
        for value in parts {
            if let Err(e) = parse_source(value) {
                let typo = e.kind() == ErrorKind::UnquotedKeyword
                    || e.detail().is_some_and(|d| d.contains("did you mean"));
                if typo {
                    return Some(e.with_directive(directive.as_str()));
                }
            }
        }
    }
    None
}
