//! Referrer-Policy.

use crate::registry::{Header, HeaderInfo, Make};
use std::fmt;
use std::str::FromStr;

use super::single::{at_byte, check_field_text, split_list};
use crate::text::{At, clean_text};
use crate::{Error, ErrorKind, Policy};

const HEADER: &str = "Referrer-Policy";
const DEFAULT: &str = "strict-origin-when-cross-origin";

/// The eight policy tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token {
    NoReferrer,
    NoReferrerWhenDowngrade,
    Origin,
    OriginWhenCrossOrigin,
    SameOrigin,
    StrictOrigin,
    StrictOriginWhenCrossOrigin,
    UnsafeUrl,
}

impl Token {
    const ALL: [Token; 8] = [
        Token::NoReferrer,
        Token::NoReferrerWhenDowngrade,
        Token::Origin,
        Token::OriginWhenCrossOrigin,
        Token::SameOrigin,
        Token::StrictOrigin,
        Token::StrictOriginWhenCrossOrigin,
        Token::UnsafeUrl,
    ];

    const fn as_str(self) -> &'static str {
        match self {
            Token::NoReferrer => "no-referrer",
            Token::NoReferrerWhenDowngrade => "no-referrer-when-downgrade",
            Token::Origin => "origin",
            Token::OriginWhenCrossOrigin => "origin-when-cross-origin",
            Token::SameOrigin => "same-origin",
            Token::StrictOrigin => "strict-origin",
            Token::StrictOriginWhenCrossOrigin => "strict-origin-when-cross-origin",
            Token::UnsafeUrl => "unsafe-url",
        }
    }

    fn from_lowercase(s: &str) -> Option<Token> {
        Token::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// The `Referrer-Policy` header: how much of the page's URL is sent in the `Referer`
/// header of the requests it makes.
///
/// ```text
/// Referrer-Policy = #policy-token
/// policy-token    = "no-referrer" / "no-referrer-when-downgrade" / "same-origin" / "origin"
///                 / "strict-origin" / "origin-when-cross-origin"
///                 / "strict-origin-when-cross-origin" / "unsafe-url"
/// ```
///
/// The value is an ordered list of policies without duplicates; with none set, the
/// default `strict-origin-when-cross-origin` is sent. The helper methods **append** (as
/// in Python's `secure` 2.0.1): a browser uses the last policy it understands, so a list is a fallback
/// chain with the preferred policy last.
///
/// ```
/// use secure_headers::{Policy, ReferrerPolicy};
///
/// let rp = ReferrerPolicy::new().no_referrer().strict_origin_when_cross_origin();
/// assert_eq!(rp.render().unwrap(), "no-referrer, strict-origin-when-cross-origin");
/// assert_eq!(ReferrerPolicy::new().render().unwrap(), "strict-origin-when-cross-origin");
///
/// // A single policy is also a constant.
/// const RP: ReferrerPolicy = ReferrerPolicy::NO_REFERRER;
/// assert_eq!(RP.render().unwrap(), "no-referrer");
/// ```
///
/// Differences from `secure` 2.0.1: an unknown policy token is an error
/// ([`ErrorKind::InvalidValue`]) instead of being sent, since a browser that meets only
/// unknown tokens ignores the whole header without a word, and a misspelt policy would
/// silently fall back to the browser's default.
///
/// See [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Referrer-Policy)
/// and the [Referrer Policy spec](https://w3c.github.io/webappsec-referrer-policy/).
#[must_use]
#[derive(Clone, PartialEq, Eq)]
pub struct ReferrerPolicy {
    /// The first `len` entries are the policies, in order; the rest are unused and always
    /// `NoReferrer`, so that equal lists compare equal.
    list: [Token; 8],
    len: u8,
    error: Option<Error>,
}

impl ReferrerPolicy {
    /// `no-referrer`: never send a `Referer` header.
    pub const NO_REFERRER: Self = Self::new().push(Token::NoReferrer);
    /// `no-referrer-when-downgrade`: send the full URL unless going from HTTPS to HTTP.
    pub const NO_REFERRER_WHEN_DOWNGRADE: Self = Self::new().push(Token::NoReferrerWhenDowngrade);
    /// `origin`: send only the origin.
    pub const ORIGIN: Self = Self::new().push(Token::Origin);
    /// `origin-when-cross-origin`: the full URL to the same origin, the origin elsewhere.
    pub const ORIGIN_WHEN_CROSS_ORIGIN: Self = Self::new().push(Token::OriginWhenCrossOrigin);
    /// `same-origin`: the full URL to the same origin, nothing elsewhere.
    pub const SAME_ORIGIN: Self = Self::new().push(Token::SameOrigin);
    /// `strict-origin`: the origin, and nothing when going from HTTPS to HTTP.
    pub const STRICT_ORIGIN: Self = Self::new().push(Token::StrictOrigin);
    /// `strict-origin-when-cross-origin`: the full URL to the same origin, the origin to
    /// other origins, nothing when going from HTTPS to HTTP (the browsers' default).
    pub const STRICT_ORIGIN_WHEN_CROSS_ORIGIN: Self =
        Self::new().push(Token::StrictOriginWhenCrossOrigin);
    /// `unsafe-url`: **always the full URL, even from HTTPS to HTTP**; it can leak
    /// private paths and query strings.
    pub const UNSAFE_URL: Self = Self::new().push(Token::UnsafeUrl);

    /// No policy set: `secure` 2.0.1's default, `strict-origin-when-cross-origin`, is sent.
    pub const fn new() -> Self {
        Self {
            list: [Token::NoReferrer; 8],
            len: 0,
            error: None,
        }
    }

    /// Appends `no-referrer`.
    pub const fn no_referrer(self) -> Self {
        self.push(Token::NoReferrer)
    }

    /// Appends `no-referrer-when-downgrade`.
    pub const fn no_referrer_when_downgrade(self) -> Self {
        self.push(Token::NoReferrerWhenDowngrade)
    }

    /// Appends `origin`.
    pub const fn origin(self) -> Self {
        self.push(Token::Origin)
    }

    /// Appends `origin-when-cross-origin`.
    pub const fn origin_when_cross_origin(self) -> Self {
        self.push(Token::OriginWhenCrossOrigin)
    }

    /// Appends `same-origin`.
    pub const fn same_origin(self) -> Self {
        self.push(Token::SameOrigin)
    }

    /// Appends `strict-origin`.
    pub const fn strict_origin(self) -> Self {
        self.push(Token::StrictOrigin)
    }

    /// Appends `strict-origin-when-cross-origin`.
    pub const fn strict_origin_when_cross_origin(self) -> Self {
        self.push(Token::StrictOriginWhenCrossOrigin)
    }

    /// Appends `unsafe-url`. **This sends the full URL everywhere, even over HTTP.**
    pub const fn unsafe_url(self) -> Self {
        self.push(Token::UnsafeUrl)
    }

    /// Appends one policy, or several separated by `,`, skipping those already present.
    ///
    /// Tokens are trimmed and lowercased; empty ones are skipped. A token with inner
    /// spaces, an unknown token ([`ErrorKind::InvalidValue`]; `secure` 2.0.1 accepted it) or a
    /// control character makes [`Policy::render`] fail.
    ///
    /// ```
    /// use secure_headers::{Policy, ReferrerPolicy};
    ///
    /// let rp = ReferrerPolicy::new().add("No-Referrer, same-origin").add("no-referrer");
    /// assert_eq!(rp.render().unwrap(), "no-referrer, same-origin");
    /// ```
    #[allow(
        clippy::should_implement_trait,
        reason = "the name `secure` 2.0.1 gives a builder method, not an operator"
    )]
    pub fn add(mut self, value: impl AsRef<str>) -> Self {
        let at = At::header(HEADER);
        let value = value.as_ref();
        let cleaned = match clean_text(at, value) {
            Ok(v) => v,
            Err(e) => return self.fail(e),
        };
        for raw in cleaned.split(',') {
            let token = raw.trim_matches(' ');
            if token.is_empty() {
                continue;
            }
            if token.contains(' ') {
                let detail = "a policy token has no spaces; separate policies with ','";
                return self.fail(at.error(ErrorKind::InvalidToken, token).with_detail(detail));
            }
            match Token::from_lowercase(&token.to_ascii_lowercase()) {
                Some(t) => self = self.push(t),
                None => {
                    let detail = "expected no-referrer, no-referrer-when-downgrade, origin, \
                                  origin-when-cross-origin, same-origin, strict-origin, \
                                  strict-origin-when-cross-origin or unsafe-url";
                    let e = at.error(ErrorKind::InvalidValue, token).with_detail(detail);
                    return self.fail(e);
                }
            }
        }
        self
    }

    /// Alias of [`add`](Self::add): it **appends**, as `secure` 2.0.1's `set` does.
    pub fn set(self, value: impl AsRef<str>) -> Self {
        self.add(value)
    }

    /// Replaces the policies with `value` (one policy or a `,`-separated list, checked as
    /// in [`add`](Self::add)). An empty `value` goes back to the default, as in `secure` 2.0.1.
    pub fn value(self, value: impl AsRef<str>) -> Self {
        self.reset().add(value)
    }

    /// Alias of [`value`](Self::value), as in `secure` 2.0.1.
    pub fn custom(self, value: impl AsRef<str>) -> Self {
        self.value(value)
    }

    /// Replaces the policies with a fallback list, checked as in [`add`](Self::add). Put
    /// the preferred policy **last**: browsers use the last one they understand.
    ///
    /// ```
    /// use secure_headers::{Policy, ReferrerPolicy};
    ///
    /// let rp = ReferrerPolicy::new()
    ///     .unsafe_url()
    ///     .fallback(["no-referrer", "strict-origin-when-cross-origin"]);
    /// assert_eq!(rp.render().unwrap(), "no-referrer, strict-origin-when-cross-origin");
    /// ```
    pub fn fallback<I>(self, policies: I) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        policies.into_iter().fold(self.reset(), Self::add)
    }

    /// Back to the default, forgetting any recorded error.
    pub fn clear(self) -> Self {
        Self::new()
    }

    /// The policies that will be sent, in order: the default alone if none is set.
    pub fn policies(&self) -> impl Iterator<Item = &'static str> + '_ {
        let list = if self.len == 0 {
            &[Token::StrictOriginWhenCrossOrigin][..]
        } else {
            &self.list[..usize::from(self.len)]
        };
        list.iter().map(|t| t.as_str())
    }

    /// Appends `token` unless present. The list holds each of the eight tokens at most
    /// once, so it never overflows.
    const fn push(mut self, token: Token) -> Self {
        let mut i = 0;
        while i < self.len as usize {
            if self.list[i] as u8 == token as u8 {
                return self;
            }
            i += 1;
        }
        self.list[i] = token;
        self.len += 1;
        self
    }

    /// No policies, keeping a recorded error.
    fn reset(self) -> Self {
        Self {
            error: self.error,
            ..Self::new()
        }
    }

    fn fail(mut self, error: Error) -> Self {
        self.error.get_or_insert(error);
        self
    }
}

impl FromStr for ReferrerPolicy {
    type Err = Error;

    /// Parses a received `Referrer-Policy` value: a comma-separated list of policy
    /// tokens, case-insensitive, whitespace ignored, empty entries skipped.
    ///
    /// Browsers apply the **last** token they recognise; the parsed policy keeps the
    /// whole list in order, so the fallback chain survives and
    /// [`policies`](Self::policies) ends with the effective policy. A token given twice
    /// is kept at its last place (which is where it takes effect). An unknown token is an
    /// error, as in [`add`](Self::add), naming the token and its byte position; so is a
    /// value without any token.
    ///
    /// ```
    /// use secure_headers::{Policy, ReferrerPolicy};
    ///
    /// let rp: ReferrerPolicy = "No-Referrer ,, strict-origin-when-cross-origin".parse()?;
    /// assert_eq!(rp.render()?, "no-referrer, strict-origin-when-cross-origin");
    /// assert_eq!(rp.policies().last(), Some("strict-origin-when-cross-origin"));
    ///
    /// let rp: ReferrerPolicy = "origin, no-referrer, origin".parse()?;
    /// assert_eq!(rp.render()?, "no-referrer, origin");
    ///
    /// let err = "no-referrer, unsafe".parse::<ReferrerPolicy>().unwrap_err();
    /// assert_eq!(err.input(), Some("unsafe"));
    /// assert!(err.detail().unwrap().ends_with("at byte 13"));
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    fn from_str(input: &str) -> Result<Self, Error> {
        let at = At::header(HEADER);
        check_field_text(at, input)?;
        let mut tokens: Vec<Token> = Vec::new();
        for (pos, raw) in split_list(input, b',') {
            if raw.is_empty() {
                continue;
            }
            let Some(token) = Token::from_lowercase(&raw.to_ascii_lowercase()) else {
                let detail = if raw.contains([' ', '\t']) {
                    "a policy token has no spaces; separate policies with ','"
                } else {
                    "expected no-referrer, no-referrer-when-downgrade, origin, \
                     origin-when-cross-origin, same-origin, strict-origin, \
                     strict-origin-when-cross-origin or unsafe-url"
                };
                let kind = if raw.contains([' ', '\t']) {
                    ErrorKind::InvalidToken
                } else {
                    ErrorKind::InvalidValue
                };
                return Err(at_byte(at.error(kind, raw).with_detail(detail), pos));
            };
            tokens.retain(|t| *t != token);
            tokens.push(token);
        }
        if tokens.is_empty() {
            let detail = "no policy token; browsers ignore an empty header";
            return Err(at_byte(
                at.error(ErrorKind::Empty, input).with_detail(detail),
                0,
            ));
        }
        Ok(tokens.into_iter().fold(Self::new(), Self::push))
    }
}

impl Default for ReferrerPolicy {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for ReferrerPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list: Vec<&str> = self.list[..usize::from(self.len)]
            .iter()
            .map(|t| t.as_str())
            .collect();
        f.debug_struct("ReferrerPolicy")
            .field("policies", &list)
            .field("error", &self.error)
            .finish()
    }
}

impl Policy for ReferrerPolicy {
    fn name(&self) -> &str {
        HEADER
    }

    fn render(&self) -> Result<String, Error> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        if self.len == 0 {
            return Ok(DEFAULT.to_owned());
        }
        Ok(self.policies().collect::<Vec<_>>().join(", "))
    }
}

impl Header for ReferrerPolicy {
    const INFO: HeaderInfo = HeaderInfo {
        name: "Referrer-Policy",
        lowercase: "referrer-policy",
        method: "referrer",
        type_name: "ReferrerPolicy",
        spec: "W3C",
        spec_url: "https://w3c.github.io/webappsec-referrer-policy/",
        config_key: Some("referrer-policy"),
        report_only_of: None,
        make: Make::of::<Self>(),
    };

    fn from_value(raw: &str) -> Option<Self> {
        Some(Self::new().value(raw))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::headers::single::testing::parse_fails;
    use proptest::prelude::*;

    fn render(p: &ReferrerPolicy) -> String {
        p.render().unwrap()
    }

    #[test]
    fn default() {
        assert_eq!(render(&ReferrerPolicy::new()), DEFAULT);
        assert_eq!(ReferrerPolicy::default(), ReferrerPolicy::new());
        assert_eq!(ReferrerPolicy::new().name(), HEADER);
        assert_eq!(
            ReferrerPolicy::new().policies().collect::<Vec<_>>(),
            [DEFAULT]
        );
    }

    #[test]
    fn helpers_and_consts() {
        let cases = [
            (
                ReferrerPolicy::new().no_referrer(),
                ReferrerPolicy::NO_REFERRER,
                "no-referrer",
            ),
            (
                ReferrerPolicy::new().no_referrer_when_downgrade(),
                ReferrerPolicy::NO_REFERRER_WHEN_DOWNGRADE,
                "no-referrer-when-downgrade",
            ),
            (
                ReferrerPolicy::new().origin(),
                ReferrerPolicy::ORIGIN,
                "origin",
            ),
            (
                ReferrerPolicy::new().origin_when_cross_origin(),
                ReferrerPolicy::ORIGIN_WHEN_CROSS_ORIGIN,
                "origin-when-cross-origin",
            ),
            (
                ReferrerPolicy::new().same_origin(),
                ReferrerPolicy::SAME_ORIGIN,
                "same-origin",
            ),
            (
                ReferrerPolicy::new().strict_origin(),
                ReferrerPolicy::STRICT_ORIGIN,
                "strict-origin",
            ),
            (
                ReferrerPolicy::new().strict_origin_when_cross_origin(),
                ReferrerPolicy::STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
                "strict-origin-when-cross-origin",
            ),
            (
                ReferrerPolicy::new().unsafe_url(),
                ReferrerPolicy::UNSAFE_URL,
                "unsafe-url",
            ),
        ];
        for (helper, constant, expected) in cases {
            assert_eq!(render(&helper), expected);
            assert_eq!(helper, constant);
            assert_eq!(helper, ReferrerPolicy::new().add(expected));
        }
    }

    #[test]
    fn seed_example_and_append_dedup() {
        let p = ReferrerPolicy::new()
            .no_referrer()
            .strict_origin_when_cross_origin();
        assert_eq!(render(&p), "no-referrer, strict-origin-when-cross-origin");
        let p = p.no_referrer().add("no-referrer").set("NO-REFERRER");
        assert_eq!(render(&p), "no-referrer, strict-origin-when-cross-origin");
        let all = Token::ALL.into_iter().fold(ReferrerPolicy::new(), |p, t| {
            p.add(t.as_str()).add(t.as_str())
        });
        assert_eq!(all.policies().count(), 8);
        assert_eq!(
            render(&ReferrerPolicy::UNSAFE_URL.no_referrer()),
            "unsafe-url, no-referrer"
        );
    }

    #[test]
    fn add_splits_trims_and_skips_empties() {
        let p = ReferrerPolicy::new().add(" no-referrer ,, Same-Origin , ");
        assert_eq!(render(&p), "no-referrer, same-origin");
        assert_eq!(
            p.policies().collect::<Vec<_>>(),
            ["no-referrer", "same-origin"]
        );
        assert_eq!(render(&ReferrerPolicy::new().add("")), DEFAULT);
        assert_eq!(render(&ReferrerPolicy::new().add(" , ")), DEFAULT);
    }

    #[test]
    fn value_custom_and_fallback_replace() {
        let p = ReferrerPolicy::new().no_referrer().value("origin");
        assert_eq!(render(&p), "origin");
        let p = ReferrerPolicy::new()
            .no_referrer()
            .custom("same-origin, origin");
        assert_eq!(render(&p), "same-origin, origin");
        let p = ReferrerPolicy::new().no_referrer().value("");
        assert_eq!(render(&p), DEFAULT);
        let p = ReferrerPolicy::new()
            .origin()
            .fallback(["no-referrer", "strict-origin-when-cross-origin"]);
        assert_eq!(render(&p), "no-referrer, strict-origin-when-cross-origin");
        let p = ReferrerPolicy::new()
            .origin()
            .fallback(vec![String::from("same-origin")]);
        assert_eq!(render(&p), "same-origin");
        let p = ReferrerPolicy::new().origin().fallback(Vec::<&str>::new());
        assert_eq!(render(&p), DEFAULT);
    }

    #[test]
    fn clear_restores_default() {
        let p = ReferrerPolicy::new().unsafe_url().add("bogus").clear();
        assert_eq!(p, ReferrerPolicy::new());
        assert_eq!(render(&p), DEFAULT);
    }

    #[test]
    fn bad_input() {
        for (bad, kind, input) in [
            ("no referrer", ErrorKind::InvalidToken, "no referrer"),
            ("no-referer", ErrorKind::InvalidValue, "no-referer"),
            ("origin, nope", ErrorKind::InvalidValue, "nope"),
            ("origin;", ErrorKind::InvalidValue, "origin;"),
            (
                "origin\r\nSet-Cookie: a",
                ErrorKind::InvalidCharacter,
                "origin\r\nSet-Cookie: a",
            ),
            ("origin\n", ErrorKind::InvalidCharacter, "origin\n"),
            ("origin\0", ErrorKind::InvalidCharacter, "origin\0"),
            ("origin\t", ErrorKind::InvalidCharacter, "origin\t"),
        ] {
            for p in [
                ReferrerPolicy::new().add(bad),
                ReferrerPolicy::new().set(bad),
                ReferrerPolicy::new().value(bad),
                ReferrerPolicy::new().custom(bad),
                ReferrerPolicy::new().fallback(["origin", bad]),
            ] {
                let e = p.render().unwrap_err();
                assert_eq!(e.kind(), kind, "{bad:?}");
                assert_eq!(e.header(), Some(HEADER));
                assert_eq!(e.input(), Some(input));
            }
        }
        // The first error wins, even across a later `value`.
        let p = ReferrerPolicy::new().add("x").value("y").value("origin");
        assert_eq!(p.render().unwrap_err().input(), Some("x"));
    }

    #[test]
    fn debug_lists_policies() {
        let s = format!("{:?}", ReferrerPolicy::new().origin());
        assert_eq!(s, "ReferrerPolicy { policies: [\"origin\"], error: None }");
    }

    #[test]
    fn parse_keeps_the_list_and_the_effective_policy() {
        let rp: ReferrerPolicy = " Strict-Origin-When-Cross-Origin ".parse().unwrap();
        assert_eq!(rp, ReferrerPolicy::STRICT_ORIGIN_WHEN_CROSS_ORIGIN);
        let rp: ReferrerPolicy = "no-referrer,\tunsafe-url , no-referrer".parse().unwrap();
        assert_eq!(render(&rp), "unsafe-url, no-referrer");
        for (bad, kind, byte) in [
            ("", ErrorKind::Empty, 0),
            (" , ", ErrorKind::Empty, 0),
            ("no-referrer, origin-only", ErrorKind::InvalidValue, 13),
            ("no referrer", ErrorKind::InvalidToken, 0),
            ("origin\r\nX: y", ErrorKind::InvalidCharacter, 6),
        ] {
            parse_fails::<ReferrerPolicy>(bad, kind, HEADER, byte);
        }
    }

    proptest! {
        #[test]
        fn render_then_parse_gives_the_policy_back(idx in proptest::collection::vec(0usize..8, 0..12)) {
            let p = idx.iter().fold(ReferrerPolicy::new(), |p, &i| p.push(Token::ALL[i]));
            let rendered = p.render().unwrap();
            let parsed: ReferrerPolicy = rendered.parse().unwrap();
            prop_assert_eq!(parsed.render().unwrap(), rendered);
            prop_assert!(parsed.policies().eq(p.policies()));
            if !idx.is_empty() {
                prop_assert_eq!(parsed, p);
            }
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,40}|[ -~\t]{0,40}") {
            if let Ok(p) = s.parse::<ReferrerPolicy>() {
                let again: ReferrerPolicy = p.render().unwrap().parse().unwrap();
                prop_assert_eq!(again, p);
            }
        }
    }

    proptest! {
        #[test]
        fn add_renders_what_was_set_or_errs(s in any::<String>()) {
            for p in [
                ReferrerPolicy::new().add(&s),
                ReferrerPolicy::new().value(&s),
                ReferrerPolicy::new().fallback([&s]),
            ] {
                if let Ok(v) = p.render() {
                    prop_assert!(http::HeaderValue::from_str(&v).is_ok());
                    prop_assert!(!v.contains(['\r', '\n', '\0']));
                    for token in s.split(',').map(|t| t.trim_matches(' ')).filter(|t| !t.is_empty()) {
                        prop_assert!(v.split(", ").any(|x| x == token.to_ascii_lowercase()));
                    }
                }
            }
        }

        #[test]
        fn lists_of_known_tokens_render_in_order(idx in proptest::collection::vec(0usize..8, 0..12)) {
            let input: Vec<&str> = idx.iter().map(|&i| Token::ALL[i].as_str()).collect();
            let mut expected: Vec<&str> = Vec::new();
            for t in &input {
                if !expected.contains(t) {
                    expected.push(t);
                }
            }
            let v = ReferrerPolicy::new().add(input.join(",")).render().unwrap();
            if expected.is_empty() {
                prop_assert_eq!(v, DEFAULT);
            } else {
                prop_assert_eq!(v, expected.join(", "));
            }
        }
    }
}
