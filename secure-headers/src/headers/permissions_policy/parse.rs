//! Parsing a received `Permissions-Policy` value: a Structured Field dictionary
//! (RFC 9651 §4.2.2) whose members are features and whose values are allowlists.

use std::str::FromStr;

use crate::headers::single::{at_byte, check_field_text, is_ows};
use crate::headers::structured_field::{check_dictionary, members};
use crate::text::At;
use crate::{Error, ErrorKind};

#[cfg(test)]
use super::PermissionsPolicyReportOnly;
use super::{Allowlist, HEADER, PermissionsPolicy, check_key};

/// A cursor over one member of the value (`bytes` ends where the member does), with
/// the position of every error in the whole value.
struct Parser<'a> {
    input: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

/// One bare item of an allowlist.
enum Member<'a> {
    /// A token: `*`, `self`, `src`.
    Token(&'a str),
    /// A string: an origin.
    String(String),
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ows(&mut self) {
        while self.peek().is_some_and(is_ows) {
            self.pos += 1;
        }
    }

    fn skip_sp(&mut self) {
        while self.peek() == Some(b' ') {
            self.pos += 1;
        }
    }

    /// An error about the text from `start` to the cursor (or `input` itself if empty).
    fn error(&self, kind: ErrorKind, feature: Option<&str>, start: usize, detail: &str) -> Error {
        let end = self.pos.max(start + 1).min(self.input.len());
        let text = self.input.get(start..end).unwrap_or(self.input);
        let at = match feature {
            Some(f) => At::directive(HEADER, f),
            None => At::header(HEADER),
        };
        at_byte(at.error(kind, text).with_detail(detail), start)
    }

    /// `key = ( lcalpha / "*" ) *( lcalpha / DIGIT / "_" / "-" / "." / "*" )`
    /// (RFC 9651 §3.1.2). The name runs to the next `=`, `,`, `;`, `(`, `"` or space; an
    /// upper-case letter or another character in it is an error, as it is for a browser,
    /// which then ignores the whole header.
    fn key(&mut self) -> Result<String, Error> {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|b| !is_ows(b) && !matches!(b, b'=' | b',' | b';' | b'(' | b'"'))
        {
            self.pos += 1;
        }
        let name = &self.input[start..self.pos];
        if name.is_empty() {
            self.pos += 1;
            let detail = "a feature name starts with a lowercase letter or '*'";
            return Err(self.error(ErrorKind::InvalidName, None, start, detail));
        }
        check_key(name, name).map_err(|e| at_byte(e, start))?;
        Ok(name.to_owned())
    }

    /// A bare item that an allowlist may hold: a token or a string.
    fn bare_item(&mut self, feature: &str) -> Result<Member<'a>, Error> {
        let start = self.pos;
        match self.peek() {
            Some(b'"') => {
                self.pos += 1;
                let mut out = String::new();
                loop {
                    match self.peek() {
                        Some(b'\\') => {
                            self.pos += 1;
                            match self.peek() {
                                Some(c @ (b'"' | b'\\')) => out.push(char::from(c)),
                                _ => {
                                    let detail = "only \\\" and \\\\ are escapes in a string";
                                    return Err(self.error(
                                        ErrorKind::InvalidValue,
                                        Some(feature),
                                        start,
                                        detail,
                                    ));
                                }
                            }
                        }
                        Some(b'"') => {
                            self.pos += 1;
                            return Ok(Member::String(out));
                        }
                        Some(c) if (0x20..0x7f).contains(&c) => out.push(char::from(c)),
                        _ => {
                            let detail = "unterminated string";
                            return Err(self.error(
                                ErrorKind::InvalidValue,
                                Some(feature),
                                start,
                                detail,
                            ));
                        }
                    }
                    self.pos += 1;
                }
            }
            Some(b) if b.is_ascii_alphabetic() || b == b'*' => {
                self.pos += 1;
                while self
                    .peek()
                    .is_some_and(|b| crate::text::is_tchar(b) || b == b':' || b == b'/')
                {
                    self.pos += 1;
                }
                Ok(Member::Token(&self.input[start..self.pos]))
            }
            _ => {
                self.pos += 1;
                let detail = "an allowlist holds *, self, src and quoted origins";
                Err(self.error(ErrorKind::InvalidValue, Some(feature), start, detail))
            }
        }
    }

    /// Parameters are not supported on an item inside an allowlist: `;` after one is an
    /// error.
    fn no_parameters(&mut self, feature: &str) -> Result<(), Error> {
        if self.peek() == Some(b';') {
            let start = self.pos;
            while self
                .peek()
                .is_some_and(|b| b != b',' && b != b' ' && b != b')')
            {
                self.pos += 1;
            }
            let detail =
                "an allowlist entry has no parameters (report-to goes after the allowlist)";
            return Err(self.error(ErrorKind::InvalidValue, Some(feature), start, detail));
        }
        Ok(())
    }

    /// The parameters of a feature's allowlist (RFC 9651 §3.1.2): only `report-to`, whose
    /// value is a token or a string (the spec writes a string, Chromium's documentation a
    /// token; both are read) naming a reporting group. Any other parameter is an error,
    /// since the policy could not send it back.
    fn parameters(&mut self, feature: &str) -> Result<Option<String>, Error> {
        let mut group = None;
        while self.peek() == Some(b';') {
            self.pos += 1;
            self.skip_sp();
            let start = self.pos;
            while self.peek().is_some_and(|b| {
                b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || matches!(b, b'_' | b'-' | b'.' | b'*')
            }) {
                self.pos += 1;
            }
            let key = &self.input[start..self.pos];
            if key != "report-to" {
                while self.peek().is_some_and(|b| !matches!(b, b',' | b';')) {
                    self.pos += 1;
                }
                let detail = "report-to is the only parameter of a feature";
                return Err(self.error(ErrorKind::InvalidValue, Some(feature), start, detail));
            }
            if self.peek() != Some(b'=') {
                let detail = "report-to needs a group: report-to=name";
                return Err(self.error(ErrorKind::InvalidValue, Some(feature), start, detail));
            }
            self.pos += 1;
            let value_start = self.pos;
            if !self
                .peek()
                .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'*' | b'"'))
            {
                while self.peek().is_some_and(|b| !matches!(b, b',' | b';')) {
                    self.pos += 1;
                }
                let detail =
                    "a reporting group is a token (starting with a letter or '*') or a string";
                return Err(self.error(
                    ErrorKind::InvalidToken,
                    Some(feature),
                    value_start,
                    detail,
                ));
            }
            let value = match self.bare_item(feature)? {
                Member::Token(t) => t.to_owned(),
                Member::String(s) => s,
            };
            let at = At::directive(HEADER, feature);
            let g = super::check_group(at, &value).map_err(|e| at_byte(e, value_start))?;
            group = Some(g.to_owned());
        }
        Ok(group)
    }

    /// The allowlist after `feature=`: an inner list or a single item (its parameters
    /// are read by [`parameters`](Self::parameters)).
    fn allowlist(&mut self, feature: &str) -> Result<Vec<(usize, Member<'a>)>, Error> {
        let mut members = Vec::new();
        if self.peek() != Some(b'(') {
            let start = self.pos;
            members.push((start, self.bare_item(feature)?));
            return Ok(members);
        }
        let open = self.pos;
        self.pos += 1;
        loop {
            self.skip_sp();
            match self.peek() {
                Some(b')') => {
                    self.pos += 1;
                    return Ok(members);
                }
                None => {
                    let detail = "the allowlist is missing its closing ')'";
                    return Err(self.error(ErrorKind::InvalidValue, Some(feature), open, detail));
                }
                Some(_) => {
                    let start = self.pos;
                    members.push((start, self.bare_item(feature)?));
                    self.no_parameters(feature)?;
                    match self.peek() {
                        Some(b' ' | b')') => {}
                        None => {
                            let detail = "the allowlist is missing its closing ')'";
                            return Err(self.error(
                                ErrorKind::InvalidValue,
                                Some(feature),
                                open,
                                detail,
                            ));
                        }
                        Some(_) => {
                            let start = self.pos;
                            self.pos += 1;
                            let detail = "allowlist entries are separated by spaces";
                            return Err(self.error(
                                ErrorKind::InvalidValue,
                                Some(feature),
                                start,
                                detail,
                            ));
                        }
                    }
                }
            }
        }
    }
}

/// The allowlist of `members`, as the builder takes it.
fn to_allowlist(feature: &str, members: Vec<(usize, Member<'_>)>) -> Result<Allowlist, Error> {
    let mut tokens: Vec<String> = Vec::with_capacity(members.len());
    for (pos, member) in members {
        match member {
            // Tokens are compared as written, as Chromium does: it ignores `SELF` (with a
            // console warning), leaving the feature to no origin, so reading it as `self`
            // would allow what the browser denies.
            Member::Token(t) if ["*", "self", "src"].contains(&t) => tokens.push(t.to_owned()),
            Member::String(s) if s.contains("://") && !s.contains(['"', '\'']) => {
                tokens.push(format!("\"{s}\""));
            }
            Member::Token(t) => {
                let detail = if ["*", "self", "src"].contains(&&*t.to_ascii_lowercase()) {
                    "an allowlist token is lowercase: browsers ignore it otherwise"
                } else {
                    "expected *, self, src or a quoted origin"
                };
                let e = At::directive(HEADER, feature).error(ErrorKind::InvalidValue, t);
                return Err(at_byte(e.with_detail(detail), pos));
            }
            Member::String(s) => {
                let detail = "a quoted entry is an origin such as \"https://example.com\"";
                let e = At::directive(HEADER, feature).error(ErrorKind::InvalidValue, &s);
                return Err(at_byte(e.with_detail(detail), pos));
            }
        }
        let allowlist = Allowlist::from_tokens(&tokens);
        if let Some(e) = allowlist.error() {
            return Err(at_byte(e.clone().with_directive(feature), pos));
        }
    }
    Ok(Allowlist::from_tokens(&tokens))
}

/// Parses a `Permissions-Policy` value.
///
/// Browsers parse the header as a Structured Field dictionary and ignore it whole when it
/// is not one, so the value is cut into members, and checked whole, by
/// [`structured_field`](crate::headers::structured_field), as `Document-Policy` is. Each
/// member is read here first, so that what this header refuses in a valid dictionary
/// (a feature without an allowlist, a token other than `*`, `self` and `src`, another
/// parameter than `report-to`) is an error naming the feature.
pub(crate) fn parse_policy(input: &str) -> Result<PermissionsPolicy, Error> {
    check_field_text(At::header(HEADER), input)?;
    if input.trim_matches([' ', '\t']).is_empty() {
        let e = At::header(HEADER).error(ErrorKind::Empty, input);
        return Err(at_byte(e.with_detail("no feature"), 0));
    }
    let mut policy = PermissionsPolicy::new();
    for (start, piece) in members(input) {
        let mut p = Parser {
            input,
            bytes: &input.as_bytes()[..start + piece.len()],
            pos: start,
        };
        p.skip_ows();
        if p.peek().is_none() {
            // An empty member: the comma before it is stray (`a=(),` or `a=(),,b=()`).
            let comma = start.saturating_sub(1);
            let at = At::header(HEADER);
            let e = at.error(
                ErrorKind::InvalidValue,
                input.get(comma..comma + 1).unwrap_or(","),
            );
            let detail = if p.pos == input.len() {
                "a trailing comma"
            } else {
                "an empty member (a stray ',')"
            };
            return Err(at_byte(e.with_detail(detail), comma));
        }
        let start = p.pos;
        let feature = p.key()?;
        if p.peek() != Some(b'=') {
            let detail = "a feature needs an allowlist: feature=(...)";
            return Err(p.error(ErrorKind::InvalidValue, Some(&feature), start, detail));
        }
        p.pos += 1;
        let members = p.allowlist(&feature)?;
        let group = p.parameters(&feature)?;
        let allowlist = to_allowlist(&feature, members)?;
        // A feature given again keeps its place and takes the later allowlist; its
        // reporting group is kept unless the later member names another. RFC 9651 would
        // drop the group with the earlier member's parameters; this crate has always
        // merged them, and its tests hold it.
        policy = policy.add_directive(&feature, allowlist);
        if let Some(group) = &group {
            policy = policy.report_to(&feature, group);
        }
        if let Some(e) = policy.error.take() {
            return Err(at_byte(e, start));
        }
        p.skip_ows();
        if p.peek().is_some() {
            let at = p.pos;
            p.pos += 1;
            let detail = "features are separated by ','";
            return Err(p.error(ErrorKind::InvalidValue, Some(&feature), at, detail));
        }
    }
    // What each member's reading let through must still be a dictionary as a whole, or
    // browsers would ignore the header.
    check_dictionary(HEADER, input)?;
    Ok(policy)
}

impl FromStr for PermissionsPolicy {
    type Err = Error;

    /// Parses a received `Permissions-Policy` value (a Structured Field dictionary).
    ///
    /// Tolerant of whitespace around `,`; strict about feature names, which must be
    /// lowercase Structured Field keys (`Camera=()` makes browsers ignore the whole
    /// header, so it is an [`ErrorKind::InvalidName`] error here); an allowlist may be an inner list `(self "https://a.com")`
    /// or a single item (`self`, `*`, `"https://a.com"`); a feature given twice keeps
    /// its first place and its last allowlist, as in a dictionary. A feature's
    /// `report-to` parameter (`camera=();report-to=pp`, or with the group as a string,
    /// `report-to="pp"`) sets its [reporting group](PermissionsPolicy::report_to).
    /// Everything the builder refuses, and what it cannot express (other parameters,
    /// tokens other than `*`, `self` and `src` (in lowercase: browsers ignore `SELF`), a
    /// string that is not an origin), is an
    /// error naming the header, the feature, the input and its byte position.
    ///
    /// ```
    /// use secure_headers::{ErrorKind, PermissionsPolicy, Policy};
    ///
    /// let pp: PermissionsPolicy =
    ///     r#"camera=(), geolocation=(self "https://maps.example.com"),  fullscreen=*"#.parse()?;
    /// assert_eq!(pp.render()?, r#"camera=(), geolocation=(self "https://maps.example.com"), fullscreen=*"#);
    /// assert!(pp.get("geolocation").unwrap().allows_self());
    ///
    /// let err = "camera=(self), microphone=(none)".parse::<PermissionsPolicy>().unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidValue);
    /// assert_eq!(err.directive(), Some("microphone"));
    /// assert_eq!(err.input(), Some("none"));
    /// assert!(err.detail().unwrap().ends_with("at byte 27"));
    ///
    /// let err = "geolocation=(), Camera=()".parse::<PermissionsPolicy>().unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidName);
    /// assert_eq!(err.input(), Some("Camera"));
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
    use crate::headers::single::testing::parse_fails;
    use crate::headers::structured_field::dictionary_like;
    use crate::permissions_policy::Feature;

    fn parse(s: &str) -> PermissionsPolicy {
        s.parse().unwrap_or_else(|e| panic!("{s:?}: {e}"))
    }

    #[test]
    fn real_world_values() {
        for (input, rendered) in [
            (
                "geolocation=(), microphone=(), camera=()",
                "geolocation=(), microphone=(), camera=()",
            ),
            ("interest-cohort=()", "interest-cohort=()"),
            (
                "fullscreen=(self \"https://a.example.com\" \"https://b.example.com:8443\"), autoplay=*",
                "fullscreen=(self \"https://a.example.com\" \"https://b.example.com:8443\"), autoplay=*",
            ),
            (
                "camera=self,payment=\"https://pay.example\"",
                "camera=(self), payment=(\"https://pay.example\")",
            ),
            ("  usb=( ) ,\tserial=(src)  ", "usb=(), serial=(src)"),
            ("camera=(self), camera=()", "camera=()"),
            (
                "camera=();report-to=pp, usb=self;report-to=\"b-2\"",
                "camera=();report-to=pp, usb=(self);report-to=b-2",
            ),
            ("camera=();  report-to=pp", "camera=();report-to=pp"),
            (
                "camera=();report-to=a;report-to=b, camera=(self)",
                "camera=(self);report-to=b",
            ),
        ] {
            assert_eq!(parse(input).render().unwrap(), rendered, "{input}");
        }
    }

    #[test]
    fn errors_name_the_feature_input_and_position() {
        for (input, kind, feature, text, byte) in [
            ("", ErrorKind::Empty, None, "", 0),
            (
                "camera",
                ErrorKind::InvalidValue,
                Some("camera"),
                "camera",
                0,
            ),
            (
                "camera=(self) geolocation=()",
                ErrorKind::InvalidValue,
                Some("camera"),
                "g",
                14,
            ),
            ("camera=(self),", ErrorKind::InvalidValue, None, ",", 13),
            (", camera=(self)", ErrorKind::InvalidValue, None, ",", 0),
            ("camera=(),  ,usb=()", ErrorKind::InvalidValue, None, ",", 9),
            (
                "camera=(self \"x\")",
                ErrorKind::InvalidValue,
                Some("camera"),
                "x",
                13,
            ),
            (
                "camera=(self 'self')",
                ErrorKind::InvalidValue,
                Some("camera"),
                "'",
                13,
            ),
            (
                "camera=(self);foo=x",
                ErrorKind::InvalidValue,
                Some("camera"),
                "foo=x",
                14,
            ),
            (
                "camera=(self;report-to=x)",
                ErrorKind::InvalidValue,
                Some("camera"),
                ";report-to=x",
                12,
            ),
            (
                "camera=();report-to=1x, usb=()",
                ErrorKind::InvalidToken,
                Some("camera"),
                "1x",
                20,
            ),
            (
                "camera=();report-to=\"a b\"",
                ErrorKind::InvalidToken,
                Some("camera"),
                "a b",
                20,
            ),
            (
                "camera=();report-to",
                ErrorKind::InvalidValue,
                Some("camera"),
                "report-to",
                10,
            ),
            (
                "camera=(* self)",
                ErrorKind::Conflict,
                Some("camera"),
                "*",
                10,
            ),
            (
                "camera=(self",
                ErrorKind::InvalidValue,
                Some("camera"),
                "(self",
                7,
            ),
            ("1camera=()", ErrorKind::InvalidName, None, "1camera", 0),
            (
                "geolocation=(), Camera=()",
                ErrorKind::InvalidName,
                None,
                "Camera",
                16,
            ),
            (
                "camera!=(), geolocation=()",
                ErrorKind::InvalidName,
                None,
                "camera!",
                0,
            ),
            ("=()", ErrorKind::InvalidName, None, "", 0),
            ("camera=?1", ErrorKind::InvalidValue, Some("camera"), "?", 7),
            (
                "usb=(), camera=(SELF)",
                ErrorKind::InvalidValue,
                Some("camera"),
                "SELF",
                16,
            ),
            (
                "camera=Self",
                ErrorKind::InvalidValue,
                Some("camera"),
                "Self",
                7,
            ),
            (
                "camera=(\"https://a.com/path\")",
                ErrorKind::InvalidValue,
                Some("camera"),
                "\"https://a.com/path\"",
                8,
            ),
        ] {
            let e = parse_fails::<PermissionsPolicy>(input, kind, HEADER, byte);
            assert_eq!(e.directive(), feature, "{input:?}: {e}");
            if !text.is_empty() {
                assert_eq!(e.input(), Some(text), "{input:?}: {e}");
            }
        }
        let e = "camera=()\r\n".parse::<PermissionsPolicy>().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidCharacter);
    }

    #[test]
    fn values_that_are_not_dictionaries_are_refused() {
        for bad in [
            "camera=(\"https://a.example)",
            "=()",
            "camera=(%\"x\")",
            "camera=%\"x\"",
            "camera=();report-to=%\"pp\"",
            "camera=();=1",
            "camera=();report-to=pp;",
            "camera=();P=1",
            "camera=(self;p)",
            "camera=(self,src)",
            "camera=(self\t\"https://a.example\")",
            "camera=(self)x",
            "camera=() usb=()",
            "camera=(),",
            "camera=(),,usb=()",
        ] {
            let e = bad.parse::<PermissionsPolicy>().unwrap_err();
            assert_eq!(e.header(), Some(HEADER), "{bad:?}: {e}");
        }
    }

    fn allowlist() -> impl Strategy<Value = Vec<String>> {
        let origin = "https?://(\\*\\.)?[a-z0-9]{1,6}(\\.[a-z]{1,4}){0,2}(:[1-9][0-9]{0,3})?";
        prop_oneof![
            Just(vec![]),
            Just(vec!["*".to_owned()]),
            prop::collection::vec(
                prop_oneof![
                    Just("self".to_owned()),
                    Just("src".to_owned()),
                    origin.prop_map(String::from)
                ],
                1..4,
            ),
        ]
    }

    proptest! {
        #[test]
        fn render_then_parse_gives_the_policy_back(
            features in prop::collection::vec(
                (prop_oneof![
                    prop::sample::select(Feature::ALL.to_vec()).prop_map(|f| f.as_str().to_owned()),
                    "[a-z][a-z0-9_.-]{0,10}",
                ], allowlist(), prop::option::of("[a-zA-Z*][a-zA-Z0-9_.:/*-]{0,10}")),
                1..6,
            ),
        ) {
            let p = features.iter().fold(PermissionsPolicy::new(), |p, (f, a, group)| {
                let p = p.add_directive(f, a.clone());
                match group {
                    Some(g) => p.report_to(f, g),
                    None => p,
                }
            });
            let rendered = p.render().unwrap();
            let parsed: PermissionsPolicy = rendered.parse().unwrap();
            prop_assert_eq!(&parsed, &p);
            prop_assert_eq!(&parsed.render().unwrap(), &rendered);
            prop_assert!(parsed.features().eq(p.features()));
            prop_assert!(parsed.reporting_groups().eq(p.reporting_groups()));
            let ro: PermissionsPolicyReportOnly = rendered.parse().unwrap();
            prop_assert_eq!(ro.render().unwrap(), rendered);
            prop_assert_eq!(ro, p.report_only());
        }

        /// What a browser would ignore as a whole (a value that is not a Structured
        /// Field dictionary) is refused; what is accepted renders a dictionary that
        /// parses back the same.
        #[test]
        fn what_parses_is_a_dictionary_and_renders_one(
            s in prop_oneof![dictionary_like(), "[ -~\\t]{0,48}"],
        ) {
            if let Ok(p) = s.parse::<PermissionsPolicy>() {
                let input = check_dictionary(HEADER, &s).map_err(|e| e.to_string());
                prop_assert_eq!(input, Ok(()), "accepted {:?}", s);
                let rendered = p.render().unwrap();
                let output = check_dictionary(HEADER, &rendered).map_err(|e| e.to_string());
                prop_assert_eq!(output, Ok(()), "rendered {:?}", rendered);
                prop_assert_eq!(rendered.parse::<PermissionsPolicy>().unwrap(), p);
            }
        }

        /// Whatever the builder accepts, including a whole value set with
        /// [`value`](PermissionsPolicy::value), renders a dictionary.
        #[test]
        fn what_the_builder_renders_is_a_dictionary(
            features in prop::collection::vec(
                (
                    prop_oneof!["[a-z][a-z0-9_.-]{0,6}", any::<String>()],
                    prop::collection::vec(prop_oneof![
                        prop::sample::select(vec!["self", "*", "src", "'self'", "https://a.example", "\"https://a.example\""])
                            .prop_map(String::from),
                        any::<String>(),
                        "[ -~]{0,12}",
                    ], 0..3),
                    prop::option::of(prop_oneof!["[a-z][a-z0-9-]{0,6}", "[ -~]{0,8}"]),
                ),
                0..4,
            ),
            raw in prop::option::of(prop_oneof![dictionary_like(), "[ -~]{0,40}"]),
        ) {
            let mut p = features.iter().fold(PermissionsPolicy::new(), |p, (f, a, group)| {
                let p = p.add_directive(f, a.clone());
                match group {
                    Some(g) => p.report_to(f, g),
                    None => p,
                }
            });
            if let Some(raw) = &raw {
                p = p.value(raw);
            }
            if let Ok(rendered) = p.render() {
                let output = check_dictionary(HEADER, &rendered).map_err(|e| e.to_string());
                prop_assert_eq!(output, Ok(()), "rendered {:?}", rendered);
            }
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,48}|[ -~\\t]{0,48}|[a-z]{1,6}=\\(\\)(;[ a-z-]{0,10}=[\"a-z0-9 ]{0,6})?") {
            if let Ok(p) = s.parse::<PermissionsPolicy>() {
                let again: PermissionsPolicy = p.render().unwrap().parse().unwrap();
                prop_assert_eq!(again, p);
            }
        }
    }
}
