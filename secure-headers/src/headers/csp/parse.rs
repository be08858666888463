//! Parsing a received `Content-Security-Policy` value back into a policy.

use std::str::FromStr;

use crate::headers::single::{at_byte, check_field_text, is_ows, split_list};
use crate::text::At;
use crate::{Error, ErrorKind};

use super::directive::{Directive, parse_directive};
use super::source::parse_received_source;
use super::{Check, ContentSecurityPolicy, HEADER, check_token};
#[cfg(test)]
use super::{ContentSecurityPolicyReportOnly, REPORT_ONLY_HEADER};

/// The whitespace-separated tokens of `s`, each with its byte position in the whole
/// value (`offset` is where `s` starts).
fn tokens(s: &str, offset: usize) -> impl Iterator<Item = (usize, &str)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && is_ows(bytes[i]) {
            i += 1;
        }
        if i == bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() && !is_ows(bytes[i]) {
            i += 1;
        }
        Some((offset + start, &s[start..i]))
    })
}

/// Parses a serialized policy as CSP3 "parse a serialized CSP" does: what a browser
/// ignores (an unknown directive or source, a value outside a directive's grammar) is
/// kept verbatim rather than refused.
pub(crate) fn parse_policy(input: &str) -> Result<ContentSecurityPolicy, Error> {
    let at = At::header(HEADER);
    check_field_text(at, input)?;
    if let Some(pos) = input.find(',') {
        let detail = "a comma separates two policies; parse each policy on its own";
        let e = at.error(ErrorKind::Separator, input).with_detail(detail);
        return Err(at_byte(e, pos));
    }
    let mut csp = ContentSecurityPolicy::new();
    for (start, segment) in split_list(input, b';') {
        let mut parts = tokens(segment, start);
        let Some((name_pos, name)) = parts.next() else {
            continue;
        };
        // A name outside the directive grammar is one browsers ignore: kept as written.
        let directive = parse_directive(name).unwrap_or_else(|_| Directive::Custom(name.into()));
        if csp.contains(directive.as_str()) {
            // CSP3: a repeated directive is ignored; the first one wins.
            continue;
        }
        let name = directive.as_str().to_owned();
        csp = if directive.is_source_list() {
            let mut sources = Vec::new();
            for (pos, value) in parts {
                let source = parse_received_source(value)
                    .map_err(|e| at_byte(e.with_header(HEADER).with_directive(&*name), pos))?;
                sources.push(source);
            }
            csp.merge_sources(directive, Ok(sources), Check::Received)
        } else {
            let kind = directive.value_kind();
            let at = At::directive(HEADER, &name);
            // A token outside the directive's grammar is kept as written.
            let checked = parts
                .map(|(_, value)| check_token(kind, at, value).unwrap_or_else(|_| value.into()))
                .collect();
            csp.merge_tokens(directive, kind, Ok(checked), Check::Received)
        };
        if let Some(e) = csp.error.take() {
            return Err(at_byte(e, name_pos));
        }
    }
    if csp.directives.is_empty() {
        let detail = "a policy needs at least one directive";
        return Err(at_byte(
            at.error(ErrorKind::Empty, input).with_detail(detail),
            0,
        ));
    }
    csp.received = true;
    Ok(csp)
}

impl FromStr for ContentSecurityPolicy {
    type Err = Error;

    /// Parses a received `Content-Security-Policy` value.
    ///
    /// Reads the value as a browser does, so that every policy a browser accepts parses:
    /// directives are split on `;`, names are ASCII case-insensitive, spaces and tabs may
    /// surround anything, empty directives are skipped and a repeated directive is
    /// ignored (the first one wins), as CSP3 says. What a browser ignores is kept
    /// verbatim instead of refused, so that [`lint`](crate::lint) can report it: an
    /// unknown directive is a [`Directive::Custom`](crate::csp::Directive::Custom), an
    /// unknown quoted keyword or a malformed source is a
    /// [`SourceKind::Unknown`](crate::csp::SourceKind::Unknown) source, a keyword written
    /// without quotes is the host source a browser reads, and `'none'` with other sources
    /// or a value outside a directive's grammar is kept as written. The builder's own
    /// checks (see [`ContentSecurityPolicy`]) are not applied here.
    ///
    /// Errors: a comma (two policies in one value: parse each on its own), a value
    /// without any directive (which [`render`](crate::Policy::render) would replace with
    /// the default policy), and control or non-ASCII characters; each names the header,
    /// the input and its byte position.
    ///
    /// ```
    /// use secure_headers::csp::SourceKind;
    /// use secure_headers::{ContentSecurityPolicy, ErrorKind, Policy};
    ///
    /// let csp: ContentSecurityPolicy =
    ///     "Default-Src 'SELF';  script-src 'self' https://cdn.example.com; script-src *".parse()?;
    /// assert_eq!(csp.render()?, "default-src 'self'; script-src 'self' https://cdn.example.com");
    ///
    /// let csp: ContentSecurityPolicy =
    ///     "script-src 'self' 'report-sha256' 'unsafe-future'; future-directive x".parse()?;
    /// let kinds: Vec<SourceKind> = csp.directive("script-src").unwrap().iter().map(|s| s.kind()).collect();
    /// assert_eq!(kinds, [SourceKind::Keyword, SourceKind::Keyword, SourceKind::Unknown]);
    /// assert_eq!(csp.render()?, "script-src 'self' 'report-sha256' 'unsafe-future'; future-directive x");
    ///
    /// let err = "default-src 'self', img-src *".parse::<ContentSecurityPolicy>().unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Separator);
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    fn from_str(s: &str) -> Result<Self, Error> {
        parse_policy(s)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::Policy;
    use crate::csp::{Directive, Source, SourceKind};

    fn parse(s: &str) -> ContentSecurityPolicy {
        s.parse().unwrap_or_else(|e| panic!("{s:?}: {e}"))
    }

    fn fail(s: &str) -> Error {
        s.parse::<ContentSecurityPolicy>().expect_err(s)
    }

    #[test]
    fn real_world_values() {
        for (input, rendered) in [
            (
                "default-src 'self'; img-src 'self' data:; object-src 'none'",
                "default-src 'self'; img-src 'self' data:; object-src 'none'",
            ),
            (
                "script-src 'nonce-r4nd0mR4nd0mR4nd0m12' 'strict-dynamic' https: 'unsafe-inline';object-src 'none';base-uri 'none'",
                "script-src 'nonce-r4nd0mR4nd0mR4nd0m12' 'strict-dynamic' https: 'unsafe-inline'; object-src 'none'; base-uri 'none'",
            ),
            (
                "upgrade-insecure-requests; block-all-mixed-content",
                "upgrade-insecure-requests; block-all-mixed-content",
            ),
            (
                "default-src 'self'; report-uri /csp-report; report-to csp",
                "default-src 'self'; report-uri /csp-report; report-to csp",
            ),
            (
                "sandbox ALLOW-SCRIPTS allow-forms; trusted-types default 'allow-duplicates'; require-trusted-types-for 'script'",
                "sandbox allow-scripts allow-forms; trusted-types default 'allow-duplicates'; require-trusted-types-for 'script'",
            ),
        ] {
            assert_eq!(parse(input).render().unwrap(), rendered, "{input}");
        }
    }

    #[test]
    fn case_and_whitespace() {
        let csp = parse(" \tDEFAULT-SRC\t'Self'   HTTPS: ;;; Img-Src  data: ; ");
        assert_eq!(
            csp.render().unwrap(),
            "default-src 'self' https:; img-src data:"
        );
        assert_eq!(
            csp.directives().collect::<Vec<_>>(),
            [&Directive::DefaultSrc, &Directive::ImgSrc]
        );
        assert_eq!(
            csp.directive("default-src"),
            Some(&[Source::SELF, Source::HTTPS][..])
        );
    }

    #[test]
    fn first_directive_wins() {
        let csp = parse("script-src 'self'; SCRIPT-SRC 'unsafe-inline'; img-src *; script-src *");
        assert_eq!(csp.render().unwrap(), "script-src 'self'; img-src *");
    }

    #[test]
    fn duplicate_sources_are_sent_once() {
        let csp = parse("script-src 'self' 'SELF' https://a.example https://a.example");
        assert_eq!(csp.render().unwrap(), "script-src 'self' https://a.example");
    }

    #[test]
    fn unknown_directives_are_kept() {
        let csp = parse("default-src 'self'; X-Beta foo 'bar'; webrtc 'block'");
        assert_eq!(
            csp.render().unwrap(),
            "default-src 'self'; X-Beta foo 'bar'; webrtc 'block'"
        );
        assert!(csp.directives().any(|d| d.is_custom()));
        assert!(csp.contains("x-beta"));
    }

    #[test]
    fn valueless_directives() {
        let csp = parse("script-src; upgrade-insecure-requests");
        assert_eq!(csp.directive("script-src"), Some(&[][..]));
        assert_eq!(
            csp.render().unwrap(),
            "script-src; upgrade-insecure-requests"
        );
    }

    #[test]
    fn errors_name_header_input_and_position() {
        let e = fail("default-src 'self', img-src *");
        assert_eq!(e.kind(), ErrorKind::Separator);
        assert_eq!(e.header(), Some(HEADER));
        assert_eq!(e.detail().unwrap().rsplit(", ").next(), Some("at byte 18"));

        for empty in ["", "  ", ";", " ; ;"] {
            assert_eq!(fail(empty).kind(), ErrorKind::Empty, "{empty:?}");
        }
        for bad in [
            "default-src 'self'\r\nSet-Cookie: a",
            "img-src caf\u{e9}.fr",
            "a\0",
        ] {
            let e = fail(bad);
            assert_eq!(e.kind(), ErrorKind::InvalidCharacter, "{bad:?}");
            assert_eq!(e.input(), Some(bad));
        }
        let e = fail("img-src\u{1}x");
        assert_eq!(e.detail(), Some("U+0001 is not allowed, at byte 7"));
    }

    /// Every policy a browser accepts parses: what it ignores is kept verbatim and typed
    /// as unknown (or as what the browser reads), never refused.
    #[test]
    fn what_browsers_accept_parses() {
        for (input, rendered) in [
            // Unknown quoted keywords, and keywords of the CSP3 editor's draft.
            (
                "script-src 'self' 'report-sha256' 'unsafe-future'",
                "script-src 'self' 'report-sha256' 'unsafe-future'",
            ),
            (
                "connect-src 'self' 'unsafe-webtransport-hashes'; script-src 'trusted-types-eval' 'inline-speculation-rules' 'report-sha384' 'report-sha512'",
                "connect-src 'self' 'unsafe-webtransport-hashes'; script-src 'trusted-types-eval' 'inline-speculation-rules' 'report-sha384' 'report-sha512'",
            ),
            // A keyword without quotes is a host to a browser.
            ("script-src 'self' self", "script-src 'self' self"),
            // 'none' with other sources: browsers ignore 'none'.
            ("script-src 'none' 'self'", "script-src 'none' 'self'"),
            // Values outside a directive's grammar.
            ("upgrade-insecure-requests 1", "upgrade-insecure-requests 1"),
            ("report-to a b", "report-to a b"),
            ("report-to", "report-to"),
            ("sandbox allow-everything", "sandbox allow-everything"),
            ("webrtc 'BLOCK'", "webrtc 'block'"),
            // Unknown and malformed directive names.
            ("img-src 'self'; bad_name x", "img-src 'self'; bad_name x"),
            ("future-directive 'x' y", "future-directive 'x' y"),
            // Sources outside the grammar.
            (
                "img-src example.com/?q=1 'https://a.example' \"self\"",
                "img-src example.com/?q=1 'https://a.example' \"self\"",
            ),
        ] {
            let csp = parse(input);
            assert_eq!(csp.render().unwrap(), rendered, "{input}");
            assert_eq!(parse(rendered), csp, "{input}");
        }
        let csp = parse("script-src 'self' 'Report-SHA256' 'unsafe-inlin' self; scirpt-src x");
        let kinds: Vec<SourceKind> = csp
            .directive("script-src")
            .unwrap()
            .iter()
            .map(Source::kind)
            .collect();
        assert_eq!(
            kinds,
            [
                SourceKind::Keyword,
                SourceKind::Keyword,
                SourceKind::Unknown,
                SourceKind::Host
            ]
        );
        assert_eq!(
            csp.directive("script-src").unwrap()[1],
            Source::REPORT_SHA256
        );
        assert_eq!(
            csp.directive("script-src").unwrap()[2].as_str(),
            "'unsafe-inlin'"
        );
        assert!(csp.directives().nth(1).unwrap().is_custom());
    }

    /// What the builder refuses, with a suggestion that keeps the meaning.
    #[test]
    fn the_builder_still_refuses_typos() {
        let e = ContentSecurityPolicy::new()
            .script_src(["'self'", "'unsafe-inlin'"])
            .render()
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidSource);
        assert_eq!(e.directive(), Some("script-src"));
        assert_eq!(e.input(), Some("'unsafe-inlin'"));
        assert_eq!(
            e.detail(),
            Some("unknown keyword; did you mean 'unsafe-inline'?")
        );
        let e = ContentSecurityPolicy::new()
            .custom_directive("scirpt-src", ["'self'"])
            .render()
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidName);
        assert_eq!(e.input(), Some("scirpt-src"));
        assert!(
            e.detail()
                .unwrap()
                .starts_with("not a known directive; did you mean script-src?")
        );
        // The keyword that was refused before, with advice to unquote it, is typed now.
        let csp = ContentSecurityPolicy::new().script_src(["'self'", "'report-sha256'"]);
        assert_eq!(csp.render().unwrap(), "script-src 'self' 'report-sha256'");
        // The explicit opt-ins.
        let csp = ContentSecurityPolicy::new()
            .script_src([
                Source::SELF,
                Source::unlisted_keyword("unsafe-future").unwrap(),
            ])
            .unlisted_directive("scirpt-src", ["x"]);
        assert_eq!(
            csp.render().unwrap(),
            "script-src 'self' 'unsafe-future'; scirpt-src x"
        );
    }

    #[test]
    fn report_only() {
        let csp: ContentSecurityPolicyReportOnly = "img-src data:".parse().unwrap();
        assert_eq!(csp.name(), REPORT_ONLY_HEADER);
        assert_eq!(csp.policy(), &parse("img-src data:"));
        let e = "img-src a, b"
            .parse::<ContentSecurityPolicyReportOnly>()
            .unwrap_err();
        assert_eq!(e.header(), Some(REPORT_ONLY_HEADER));
    }

    /// A source that the builder accepts.
    fn source() -> impl Strategy<Value = Source> {
        prop_oneof![
            prop::sample::select(vec![
                Source::SELF,
                Source::UNSAFE_INLINE,
                Source::UNSAFE_EVAL,
                Source::STRICT_DYNAMIC,
                Source::UNSAFE_HASHES,
                Source::REPORT_SAMPLE,
                Source::WASM_UNSAFE_EVAL,
                Source::WILDCARD,
                Source::HTTPS,
                Source::DATA,
                Source::BLOB,
                Source::nonce(),
            ]),
            "[a-z][a-z0-9+.-]{0,6}".prop_map(|s| Source::scheme(s).unwrap()),
            "(https?://)?(\\*\\.)?[a-z0-9-]{1,8}(\\.[a-z0-9-]{1,8}){0,2}(:[0-9]{1,4})?(/[a-zA-Z0-9_.~-]{0,6}){0,2}"
                .prop_filter_map("a host the builder accepts", |s| Source::host(s).ok()),
            "[A-Za-z0-9+/_-]{1,30}={0,2}".prop_map(|s| Source::nonce_value(s).unwrap()),
            "[A-Za-z0-9+/]{43}=".prop_map(|s| {
                Source::hash(crate::csp::HashAlgorithm::Sha256, s).unwrap()
            }),
        ]
    }

    /// One step of building a policy with the typed methods.
    #[derive(Clone, Debug)]
    enum Step {
        Sources(usize, Vec<Source>),
        Sandbox(Vec<&'static str>),
        ReportTo(String),
        ReportUri(Vec<String>),
        Upgrade,
        Trusted(Vec<String>),
        RequireTrustedTypes,
        Custom(String, Vec<String>),
    }

    const SOURCE_LISTS: [Directive; 8] = [
        Directive::DefaultSrc,
        Directive::ScriptSrc,
        Directive::StyleSrc,
        Directive::ImgSrc,
        Directive::ObjectSrc,
        Directive::BaseUri,
        Directive::FrameAncestors,
        Directive::ConnectSrc,
    ];

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            4 => (0..SOURCE_LISTS.len(), prop::collection::vec(source(), 0..5))
                .prop_map(|(i, s)| Step::Sources(i, s)),
            1 => Just(Step::Sources(4, vec![Source::NONE])),
            1 => prop::collection::vec(prop::sample::select(vec!["allow-scripts", "allow-forms", "allow-popups"]), 0..3)
                .prop_map(Step::Sandbox),
            1 => "[a-zA-Z0-9_-]{1,10}".prop_map(Step::ReportTo),
            1 => prop::collection::vec("(https://[a-z]{1,8}\\.example)?/[a-z-]{1,10}", 1..3).prop_map(Step::ReportUri),
            1 => Just(Step::Upgrade),
            1 => prop::collection::vec("[a-zA-Z0-9#=_/@.%-]{1,8}|'allow-duplicates'|\\*", 1..3).prop_map(Step::Trusted),
            1 => Just(Step::RequireTrustedTypes),
            1 => ("x-[a-z0-9-]{1,8}", prop::collection::vec("[a-zA-Z0-9'._:/-]{1,8}", 0..3))
                .prop_map(|(n, v)| Step::Custom(n, v)),
        ]
    }

    fn build(steps: &[Step]) -> ContentSecurityPolicy {
        steps
            .iter()
            .fold(ContentSecurityPolicy::new(), |csp, step| match step {
                Step::Sources(i, sources) => {
                    let d = SOURCE_LISTS[*i].clone();
                    // Replace rather than merge, so that 'none' never meets other sources.
                    csp.remove_directive(&d)
                        .custom_directive(d, sources.iter().map(Source::as_str))
                }
                Step::Sandbox(flags) => csp.sandbox(flags),
                Step::ReportTo(group) => csp.report_to(group),
                Step::ReportUri(uris) => csp.report_uri(uris),
                Step::Upgrade => csp.upgrade_insecure_requests(),
                Step::Trusted(names) => csp.remove_directive("trusted-types").trusted_types(names),
                Step::RequireTrustedTypes => csp.require_trusted_types_for(["'script'"]),
                Step::Custom(name, values) => csp.custom_directive(name, values),
            })
    }

    proptest! {
        #[test]
        fn render_then_parse_gives_the_policy_back(steps in prop::collection::vec(step(), 1..8)) {
            let csp = build(&steps);
            let rendered = csp.render().unwrap();
            let parsed: ContentSecurityPolicy = rendered.parse().unwrap();
            prop_assert_eq!(&parsed, &csp);
            prop_assert_eq!(parsed.render().unwrap(), rendered.as_str());
            prop_assert!(parsed.directives().eq(csp.directives()));
            for d in csp.directives() {
                let a: Vec<&str> = csp.tokens(d).unwrap().collect();
                let b: Vec<&str> = parsed.tokens(d).unwrap().collect();
                prop_assert_eq!(a, b);
            }
            let ro: ContentSecurityPolicyReportOnly = rendered.parse().unwrap();
            prop_assert_eq!(ro.policy(), &csp);
        }

        #[test]
        fn parse_never_panics_and_what_parses_renders_back(s in "\\PC{0,64}|[ -~\\t]{0,64}") {
            if let Ok(csp) = s.parse::<ContentSecurityPolicy>() {
                let rendered = csp.render().unwrap();
                prop_assert!(http::HeaderValue::from_str(&rendered).is_ok());
                let again: ContentSecurityPolicy = rendered.parse().unwrap();
                prop_assert_eq!(again, csp);
            }
        }
    }
}
