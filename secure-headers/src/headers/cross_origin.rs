//! The cross-origin isolation trio: `Cross-Origin-Embedder-Policy`,
//! `Cross-Origin-Opener-Policy` and `Cross-Origin-Resource-Policy`.
//!
//! This module also holds the machinery that every single-value header of the crate is
//! built from (see [`single`]).

use std::borrow::Cow;

use self::single::{single_value_header, token_value};
use crate::Error;
use crate::text::{At, clean_text, clean_token};

single_value_header! {
    /// The `Cross-Origin-Embedder-Policy` (COEP) header: which cross-origin resources a
    /// document may load. Together with [`CrossOriginOpenerPolicy`] `same-origin` it makes
    /// the page *cross-origin isolated* (needed for `SharedArrayBuffer` and precise timers).
    ///
    /// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Cross-Origin-Embedder-Policy),
    /// [spec](https://html.spec.whatwg.org/multipage/browsers.html#coep)
    ///
    /// ```text
    /// Cross-Origin-Embedder-Policy = sf-item  ; "unsafe-none" / "require-corp" / "credentialless"
    ///                                         ; optional parameter: report-to=sf-string
    /// ```
    ///
    /// The default is `require-corp`. A reporting group can be named with
    /// [`report_to`](Self::report_to).
    ///
    /// ```
    /// use secure_headers::{CrossOriginEmbedderPolicy, Policy};
    ///
    /// assert_eq!(CrossOriginEmbedderPolicy::new().render().unwrap(), "require-corp");
    /// let coep = CrossOriginEmbedderPolicy::new().credentialless().report_to("default");
    /// assert_eq!(coep.render().unwrap(), r#"credentialless; report-to="default""#);
    /// ```
    pub struct CrossOriginEmbedderPolicy = "Cross-Origin-Embedder-Policy", default REQUIRE_CORP;

    /// Replaces the policy with a raw token. As in the seed, the token is trimmed and
    /// lowercased (`"CUSTOM-Policy "` renders `custom-policy`), and an empty value means the
    /// default `require-corp`. A reporting group set with
    /// [`report_to`](Self::report_to) is kept.
    ///
    /// Unlike the seed, which accepts any string without CR or LF, the value must be a
    /// single token: control characters, non-ASCII, spaces, `;` and `,` are errors
    /// (use [`report_to`](Self::report_to) for the parameter).
    value: coep_value;

    /// `unsafe-none`: no restriction (the browser default).
    UNSAFE_NONE = "unsafe-none": unsafe_none;
    /// `require-corp`: cross-origin resources load only if they opt in with
    /// `Cross-Origin-Resource-Policy` or CORS.
    REQUIRE_CORP = "require-corp": require_corp;
    /// `credentialless`: cross-origin no-cors requests are sent without credentials, so
    /// they need no opt-in.
    CREDENTIALLESS = "credentialless": credentialless;
}

single_value_header! {
    /// The `Cross-Origin-Opener-Policy` (COOP) header: whether a document shares its
    /// browsing context group with cross-origin documents it opens or is opened by.
    ///
    /// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Cross-Origin-Opener-Policy),
    /// [spec](https://html.spec.whatwg.org/multipage/browsers.html#cross-origin-opener-policies)
    ///
    /// ```text
    /// Cross-Origin-Opener-Policy = sf-item  ; "unsafe-none" / "same-origin-allow-popups"
    ///                                       ; / "same-origin" / "noopener-allow-popups"
    ///                                       ; optional parameter: report-to=sf-string
    /// ```
    ///
    /// The default is `same-origin`. A reporting group can be named with
    /// [`report_to`](Self::report_to).
    ///
    /// ```
    /// use secure_headers::{CrossOriginOpenerPolicy, Policy};
    ///
    /// let coop = CrossOriginOpenerPolicy::new().same_origin();
    /// assert_eq!(coop.render().unwrap(), "same-origin");
    /// assert_eq!(coop, CrossOriginOpenerPolicy::SAME_ORIGIN);
    /// ```
    pub struct CrossOriginOpenerPolicy = "Cross-Origin-Opener-Policy", default SAME_ORIGIN;

    /// Replaces the policy with a raw token, trimmed, its case kept. A reporting group set
    /// with [`report_to`](Self::report_to) is kept.
    ///
    /// Unlike the seed, which accepts any string without CR or LF (even an empty one,
    /// which it sends as an empty header), the value must be a single non-empty token:
    /// control characters, non-ASCII, spaces, `;` and `,` are errors.
    value: token_value;

    /// `unsafe-none`: share the browsing context group with any opener or openee.
    UNSAFE_NONE = "unsafe-none": unsafe_none;
    /// `same-origin-allow-popups`: keep references to popups that do not set COOP.
    SAME_ORIGIN_ALLOW_POPUPS = "same-origin-allow-popups": same_origin_allow_popups;
    /// `same-origin`: isolate the browsing context group to same-origin documents.
    SAME_ORIGIN = "same-origin": same_origin;
    /// `noopener-allow-popups`: always open in a new browsing context group, even from a
    /// same-origin opener, while still allowing popups.
    NOOPENER_ALLOW_POPUPS = "noopener-allow-popups": noopener_allow_popups;
}

single_value_header! {
    /// The `Cross-Origin-Resource-Policy` (CORP) header: which sites may embed this
    /// resource in no-cors mode.
    ///
    /// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Cross-Origin-Resource-Policy),
    /// [spec](https://fetch.spec.whatwg.org/#cross-origin-resource-policy-header)
    ///
    /// ```text
    /// Cross-Origin-Resource-Policy = %s"same-origin" / %s"same-site" / %s"cross-origin"
    /// ```
    ///
    /// The default is `same-origin`.
    ///
    /// ```
    /// use secure_headers::{CrossOriginResourcePolicy, Policy};
    ///
    /// let corp = CrossOriginResourcePolicy::new().same_site();
    /// assert_eq!(corp.render().unwrap(), "same-site");
    /// ```
    pub struct CrossOriginResourcePolicy = "Cross-Origin-Resource-Policy", default SAME_ORIGIN;

    /// Replaces the policy with a raw token, trimmed. As in the seed, the three known
    /// values are recognised case-insensitively and written in lowercase (`SAME-SITE`
    /// renders `same-site`); any other token is kept as given.
    ///
    /// Unlike the seed, which accepts any string without CR or LF (even an empty one),
    /// the value must be a single non-empty token.
    value: corp_value;

    /// `same-origin`: only same-origin requests may read the resource.
    SAME_ORIGIN = "same-origin": same_origin;
    /// `same-site`: only requests from the same site may read the resource.
    SAME_SITE = "same-site": same_site;
    /// `cross-origin`: any origin may read the resource.
    CROSS_ORIGIN = "cross-origin": cross_origin;
}

/// Adds `report_to(group)` to the policies that can report violations.
macro_rules! report_to {
    ($($ty:ident => $default:literal),+) => {$(
        impl $ty {
            /// Names the reporting group that receives violation reports: renders
            /// `<policy>; report-to="<group>"`.
            ///
            /// The group is the name of an endpoint declared in `Reporting-Endpoints` (or
            /// the old `Report-To`); it must be a token without quotes or backslashes.
            /// Calling it again replaces the group; the policy token can still be changed
            /// before or after. The seed has no reporting support.
            ///
            /// ```
            #[doc = concat!("use secure_headers::{Policy, ", stringify!($ty), "};")]
            ///
            #[doc = concat!("let policy = ", stringify!($ty), "::new().report_to(\"default\");")]
            #[doc = concat!("assert_eq!(policy.render().unwrap(), r#\"", $default,
                "; report-to=\"default\"\"#);")]
            /// ```
            pub fn report_to(self, group: &str) -> Self {
                Self(self.0.report_to(Self::HEADER, group))
            }
        }
    )+};
}

report_to!(
    CrossOriginEmbedderPolicy => "require-corp",
    CrossOriginOpenerPolicy => "same-origin"
);

/// COEP's raw value: empty means the default, anything else is a lowercased token.
fn coep_value(at: At<'_>, input: &str) -> Result<Cow<'static, str>, Error> {
    if clean_text(at, input)?.is_empty() {
        return Ok(Cow::Borrowed("require-corp"));
    }
    Ok(Cow::Owned(clean_token(at, input)?.to_ascii_lowercase()))
}

/// CORP's raw value: a token, its three known values canonicalised.
fn corp_value(at: At<'_>, input: &str) -> Result<Cow<'static, str>, Error> {
    let known = ["same-origin", "same-site", "cross-origin"];
    Ok(single::canonical(clean_token(at, input)?, &known))
}

pub(crate) mod single {
    //! What every single-value header of this crate is made of: a [`Single`] value
    //! (text, optional parameters, first error) and the [`single_value_header!`] macro
    //! that writes the type, its constants, constructors, keyword methods, `value` / `set`
    //! / `clear` and the [`Policy`](crate::Policy) implementation.

    use std::borrow::Cow;

    use crate::text::{At, clean_nonempty, clean_text, clean_token};
    use crate::{Error, ErrorKind};

    /// Checks and normalises the raw value given to a `value(..)` method.
    pub(crate) type Check = fn(At<'_>, &str) -> Result<Cow<'static, str>, Error>;

    /// The state of a single-value header: the value it renders, parameters rendered
    /// after it (`; report-to="group"`) and the first error a builder method met.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub(crate) struct Single {
        value: Cow<'static, str>,
        params: Option<Box<str>>,
        error: Option<Error>,
    }

    impl Single {
        /// A header holding the fixed `value`.
        pub(crate) const fn of(value: &'static str) -> Self {
            Self {
                value: Cow::Borrowed(value),
                params: None,
                error: None,
            }
        }

        /// The value, without parameters.
        pub(crate) fn text(&self) -> &str {
            &self.value
        }

        /// Switches to `value`, keeping parameters and any error.
        pub(crate) fn with_value(self, value: Cow<'static, str>) -> Self {
            Self { value, ..self }
        }

        /// Switches to the value of `keyword`, keeping parameters and any error.
        pub(crate) fn keyword(self, keyword: &Self) -> Self {
            self.with_value(keyword.value.clone())
        }

        /// Records `error` unless an earlier one is already kept.
        pub(crate) fn fail(mut self, error: Error) -> Self {
            self.error.get_or_insert(error);
            self
        }

        /// Replaces the value with `input` as `check` accepts it, or records its error.
        pub(crate) fn raw(self, header: &str, input: &str, check: Check) -> Self {
            match check(At::directive(header, "value"), input) {
                Ok(value) => self.with_value(value),
                Err(e) => self.fail(e),
            }
        }

        /// Sets the `report-to` parameter to the reporting group `group`.
        pub(crate) fn report_to(mut self, header: &str, group: &str) -> Self {
            let at = At::directive(header, "report-to");
            match clean_token(at, group) {
                Ok(g) if g.contains(['"', '\\']) => {
                    let detail = "a reporting group cannot contain quotes or backslashes";
                    self.fail(at.error(ErrorKind::InvalidToken, group).with_detail(detail))
                }
                Ok(g) => {
                    self.params = Some(format!("report-to=\"{g}\"").into());
                    self
                }
                Err(e) => self.fail(e),
            }
        }

        /// The header value, or the first error recorded.
        pub(crate) fn render(&self) -> Result<String, Error> {
            if let Some(e) = &self.error {
                return Err(e.clone());
            }
            Ok(match &self.params {
                Some(p) => format!("{}; {p}", self.value),
                None => self.value.clone().into_owned(),
            })
        }
    }

    /// `input` spelled as the entry of `known` it matches case-insensitively, if any.
    pub(crate) fn canonical(input: &str, known: &[&'static str]) -> Cow<'static, str> {
        match known.iter().find(|k| k.eq_ignore_ascii_case(input)) {
            Some(k) => Cow::Borrowed(k),
            None => Cow::Owned(input.to_owned()),
        }
    }

    /// A single non-empty token, case kept.
    pub(crate) fn token_value(at: At<'_>, input: &str) -> Result<Cow<'static, str>, Error> {
        Ok(Cow::Owned(clean_token(at, input)?.to_owned()))
    }

    /// Any text without control characters, possibly empty.
    pub(crate) fn text_value(at: At<'_>, input: &str) -> Result<Cow<'static, str>, Error> {
        Ok(Cow::Owned(clean_text(at, input)?.to_owned()))
    }

    /// Non-empty text without control characters; spaces, `;` and `,` allowed.
    pub(crate) fn nonempty_value(at: At<'_>, input: &str) -> Result<Cow<'static, str>, Error> {
        Ok(Cow::Owned(clean_nonempty(at, input)?.to_owned()))
    }

    /// Adds the byte position of a parse error to its detail (`at byte 17`).
    pub(crate) fn at_byte(error: Error, pos: usize) -> Error {
        let detail = match error.detail() {
            Some(d) => format!("{d}, at byte {pos}"),
            None => format!("at byte {pos}"),
        };
        error.with_detail(detail)
    }

    /// Rejects what a received header value must not hold: control characters other
    /// than tab (which is optional whitespace in a field value) and non-ASCII text. The
    /// error names the first offending character and its byte position.
    pub(crate) fn check_field_text(at: At<'_>, input: &str) -> Result<(), Error> {
        let bad = input
            .char_indices()
            .find(|(_, c)| !(*c == ' ' || *c == '\t' || c.is_ascii_graphic()));
        match bad {
            Some((pos, c)) => {
                let detail = format!("U+{:04X} is not allowed", u32::from(c));
                let e = at
                    .error(ErrorKind::InvalidCharacter, input)
                    .with_detail(detail);
                Err(at_byte(e, pos))
            }
            None => Ok(()),
        }
    }

    /// Optional whitespace of a field value: space and tab.
    pub(crate) const fn is_ows(b: u8) -> bool {
        b == b' ' || b == b'\t'
    }

    /// The pieces of `input` between `sep`s, each trimmed of optional whitespace and
    /// paired with the byte position where it starts; empty pieces are kept.
    pub(crate) fn split_list(input: &str, sep: u8) -> impl Iterator<Item = (usize, &str)> {
        let mut start = 0;
        let mut done = false;
        std::iter::from_fn(move || {
            if done {
                return None;
            }
            let rest = &input[start..];
            let (piece, next) = match rest.bytes().position(|b| b == sep) {
                Some(i) => (&rest[..i], Some(start + i + 1)),
                None => (rest, None),
            };
            let lead = piece.len() - piece.trim_start_matches([' ', '\t']).len();
            let item = (start + lead, piece.trim_matches([' ', '\t']));
            match next {
                Some(n) => start = n,
                None => done = true,
            }
            Some(item)
        })
    }

    /// Parses a received single-value header: tolerant of case and of whitespace (a
    /// known value is recognised ignoring both, and becomes its constant), strict about
    /// anything the type's `value(..)` would reject. `Cross-Origin-Embedder-Policy` and
    /// `Cross-Origin-Opener-Policy` also take a `report-to` parameter.
    pub(crate) fn parse(
        header: &'static str,
        input: &str,
        known: &[&Single],
        check: Check,
    ) -> Result<Single, Error> {
        let at = At::directive(header, "value");
        check_field_text(at, input)?;
        let lead = input.len() - input.trim_start_matches([' ', '\t']).len();
        let text = input.trim_matches([' ', '\t']);
        let squeeze = |s: &str| -> String {
            s.bytes()
                .filter(|b| !is_ows(*b))
                .map(|b| char::from(b.to_ascii_lowercase()))
                .collect()
        };
        let wanted = squeeze(text);
        if let Some(k) = known.iter().find(|k| squeeze(&k.value) == wanted) {
            return Ok((*k).clone());
        }
        if text.is_empty() {
            let detail = "the header is empty";
            return Err(at_byte(
                at.error(ErrorKind::Empty, input).with_detail(detail),
                0,
            ));
        }
        let reports = ["Cross-Origin-Embedder-Policy", "Cross-Origin-Opener-Policy"];
        if reports.contains(&header)
            && let Some(semi) = text.find(';')
        {
            let mut single =
                parse(header, &text[..semi], known, check).map_err(|e| e.with_input(input))?;
            for (pos, param) in split_list(&text[semi + 1..], b';') {
                let pos = lead + semi + 1 + pos;
                let at = At::directive(header, "report-to");
                let group = param.split_once('=').and_then(|(k, v)| {
                    let k = k.trim_matches([' ', '\t']);
                    let v = v.trim_matches([' ', '\t']);
                    let v = v
                        .strip_prefix('"')
                        .and_then(|v| v.strip_suffix('"'))
                        .unwrap_or(v);
                    k.eq_ignore_ascii_case("report-to").then_some(v)
                });
                let Some(group) = group else {
                    let detail = "the only parameter is report-to=\"<group>\"";
                    let e = at.error(ErrorKind::InvalidValue, param).with_detail(detail);
                    return Err(at_byte(e, pos));
                };
                single = single.report_to(header, group);
                if let Some(e) = single.error.take() {
                    return Err(at_byte(e, pos));
                }
            }
            return Ok(single);
        }
        let mut single = Single::of("").raw(header, text, check);
        if let Some(e) = single.error.take() {
            return Err(at_byte(e.with_input(input), lead));
        }
        Ok(match known.iter().find(|k| k.value == single.value) {
            Some(k) => (*k).clone(),
            None => single,
        })
    }

    /// Writes a single-value header type: the struct with its derives, one associated
    /// constant per known value, the keyword methods listed after each constant, `new`,
    /// `Default`, `value`, `set`, `clear` and the `Policy` implementation. The private
    /// constant `HEADER` is the header's name; `value` checks its input with `$check`.
    macro_rules! single_value_header {
        (
            $(#[$attr:meta])*
            pub struct $ty:ident = $header:literal, default $default:ident;

            $(#[$value_doc:meta])*
            value: $check:path;

            $(
                $(#[$const_doc:meta])*
                $konst:ident = $text:literal $(: $($method:ident),+)?;
            )+
        ) => {
            $(#[$attr])*
            #[must_use]
            #[derive(Clone, Debug, PartialEq, Eq)]
            pub struct $ty($crate::headers::cross_origin::single::Single);

            impl $ty {
                const HEADER: &'static str = $header;

                $(
                    $(#[$const_doc])*
                    pub const $konst: Self =
                        Self($crate::headers::cross_origin::single::Single::of($text));
                )+

                #[doc = concat!("The default value, [`Self::", stringify!($default), "`].")]
                pub const fn new() -> Self {
                    Self::$default
                }

                $($($(
                    #[doc = concat!("Sets the value to `", $text, "`, as [`Self::",
                        stringify!($konst), "`]. A recorded error is kept.")]
                    pub fn $method(self) -> Self {
                        Self(self.0.keyword(&Self::$konst.0))
                    }
                )+)?)+

                $(#[$value_doc])*
                ///
                /// An invalid value is recorded and returned by `render()`.
                pub fn value(self, value: &str) -> Self {
                    Self(self.0.raw(Self::HEADER, value, $check))
                }

                /// The seed's alias of [`value`](Self::value).
                pub fn set(self, value: &str) -> Self {
                    self.value(value)
                }

                /// Back to [`new`](Self::new): the default value, no parameters and no
                /// recorded error.
                pub fn clear(self) -> Self {
                    Self::new()
                }
            }

            impl Default for $ty {
                fn default() -> Self {
                    Self::new()
                }
            }

            impl $crate::Policy for $ty {
                fn name(&self) -> &str {
                    Self::HEADER
                }

                fn render(&self) -> Result<String, $crate::Error> {
                    self.0.render()
                }
            }

            /// Parses a received header value: surrounding whitespace and the case of
            /// a known value are ignored (it becomes that constant), and anything
            /// [`value`](Self::value) would reject is an error naming the header, the
            /// input and the byte position.
            ///
            /// ```
            #[doc = concat!("use secure_headers::{Policy, ", stringify!($ty), "};")]
            ///
            #[doc = concat!("let sent = ", stringify!($ty), "::new().render()?;")]
            #[doc = concat!("let parsed: ", stringify!($ty), " = sent.parse()?;")]
            #[doc = concat!("assert_eq!(parsed, ", stringify!($ty), "::new());")]
            #[doc = concat!("assert!(\"a\\u{1}b\".parse::<", stringify!($ty), ">().is_err());")]
            /// # Ok::<(), secure_headers::Error>(())
            /// ```
            impl ::std::str::FromStr for $ty {
                type Err = $crate::Error;

                fn from_str(s: &str) -> Result<Self, $crate::Error> {
                    let known = [$(&Self::$konst.0),+];
                    $crate::headers::cross_origin::single::parse(Self::HEADER, s, &known, $check)
                        .map(Self)
                }
            }

            $crate::headers::cross_origin::single::impl_raw!($ty);
        };
    }

    /// Lets the shared tests drive the `value`, `set` and `clear` methods of `$ty`.
    macro_rules! impl_raw {
        ($ty:ty) => {
            #[cfg(test)]
            impl $crate::headers::cross_origin::single::testing::Raw for $ty {
                fn raw(self, value: &str) -> Self {
                    self.value(value)
                }

                fn set_raw(self, value: &str) -> Self {
                    self.set(value)
                }

                fn cleared(self) -> Self {
                    self.clear()
                }
            }
        };
    }

    pub(crate) use {impl_raw, single_value_header};

    #[cfg(test)]
    pub(crate) mod testing {
        //! Assertions shared by the tests of the single-value headers.

        use std::fmt::Debug;

        use proptest::test_runner::TestRunner;

        use crate::{ErrorKind, Policy};

        /// Strings for the property tests: any printable text, or short ASCII strings
        /// rich in spaces, control characters and separators.
        pub(crate) const ANY_TEXT: &str = "\\PC*|[ -~\r\n\0\t]{0,12}";

        /// The raw override every single-value header has, for [`raw_contract`].
        pub(crate) trait Raw: Policy + Default + PartialEq + Debug + Sized {
            fn raw(self, value: &str) -> Self;
            fn set_raw(self, value: &str) -> Self;
            fn cleared(self) -> Self;
        }

        /// `policy` renders `expected`, a valid header value.
        #[track_caller]
        pub(crate) fn renders(policy: &impl Policy, expected: &str) {
            assert_eq!(policy.render().unwrap(), expected, "{policy:?}");
            http::HeaderValue::from_str(expected).unwrap();
        }

        /// `policy` fails with `kind`, naming `header`, `directive` and `input`.
        #[track_caller]
        pub(crate) fn fails(
            policy: &impl Policy,
            kind: ErrorKind,
            (header, directive, input): (&str, &str, &str),
        ) {
            let e = policy.render().unwrap_err();
            assert_eq!(e.kind(), kind, "{e}");
            assert_eq!(e.header(), Some(header), "{e}");
            assert_eq!(e.directive(), Some(directive), "{e}");
            assert_eq!(e.input(), Some(input), "{e}");
        }

        /// CR, LF, NUL, DEL, tab and non-ASCII are all rejected by `set`, with the input
        /// named.
        #[track_caller]
        pub(crate) fn rejects_control<P: Policy>(directive: &str, set: impl Fn(&str) -> P) {
            for bad in [
                "a\rb",
                "a\nb",
                "a\r\nSet-Cookie: x=y",
                "a\0b",
                "a\x7fb",
                "a\tb",
                "caf\u{e9}",
            ] {
                let p = set(bad);
                let header = p.name().to_owned();
                fails(&p, ErrorKind::InvalidCharacter, (&header, directive, bad));
            }
        }

        /// `;` and `,` are rejected by `set`, with the input named.
        #[track_caller]
        pub(crate) fn rejects_separators<P: Policy>(directive: &str, set: impl Fn(&str) -> P) {
            for bad in ["a;b", "a,b", "a; report-to=x"] {
                let p = set(bad);
                let header = p.name().to_owned();
                fails(&p, ErrorKind::Separator, (&header, directive, bad));
            }
        }

        /// The property every builder method has: `render()` either fails or gives a
        /// valid header value without CR, LF or NUL that equals `expected`.
        #[track_caller]
        pub(crate) fn safe_and_exact(policy: &impl Policy, expected: impl FnOnce() -> String) {
            if let Ok(v) = policy.render() {
                assert!(!v.contains(['\r', '\n', '\0']), "{v:?}");
                assert!(http::HeaderValue::from_str(&v).is_ok(), "{v:?}");
                assert_eq!(v, expected());
            }
        }

        /// Runs `check` on many strings from [`ANY_TEXT`].
        pub(crate) fn for_any_text(check: impl Fn(&str)) {
            let mut runner = TestRunner::default();
            let result = runner.run(&ANY_TEXT, |s| {
                check(&s);
                Ok(())
            });
            result.unwrap();
        }

        /// What `value(..)` does for every single-value header: `new()` and `Default`
        /// render `default`; `value` and `set` agree; `clear()` restores the default, even
        /// after an error; control characters (and, for a token, separators and an empty
        /// value) are errors naming the header, `value` and the input; the first error
        /// wins over later calls; and for any string the result is an error or exactly
        /// `expect(<the trimmed input>)`.
        #[track_caller]
        pub(crate) fn raw_contract<P: Raw>(default: &str, token: bool, expect: fn(&str) -> String) {
            renders(&P::default(), default);
            renders(&P::default().raw(" Value-1 "), &expect("Value-1"));
            for s in [" x ", "Ab-c", "", "a b", "a\rb"] {
                assert_eq!(P::default().raw(s), P::default().set_raw(s));
            }
            assert_eq!(P::default().raw("x").cleared(), P::default());
            assert_eq!(P::default().raw("\r").cleared(), P::default());
            renders(&P::default().raw("\r").cleared(), default);
            rejects_control("value", |v| P::default().raw(v));
            let first = P::default().raw("\n").raw("\0").raw("ok");
            let header = first.name().to_owned();
            fails(
                &first,
                ErrorKind::InvalidCharacter,
                (&header, "value", "\n"),
            );
            if token {
                rejects_separators("value", |v| P::default().raw(v));
                let e = (header.as_str(), "value", "a b");
                fails(&P::default().raw("a b"), ErrorKind::InvalidToken, e);
            }
            for_any_text(|s| safe_and_exact(&P::default().raw(s), || expect(s.trim_matches(' '))));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::single::testing::{
        fails, for_any_text, raw_contract, rejects_control, rejects_separators, renders,
        safe_and_exact,
    };
    use super::*;
    use crate::ErrorKind;
    use crate::Policy;

    type Coep = CrossOriginEmbedderPolicy;
    type Coop = CrossOriginOpenerPolicy;
    type Corp = CrossOriginResourcePolicy;

    #[test]
    fn names_and_defaults() {
        assert_eq!(Coep::new().name(), "Cross-Origin-Embedder-Policy");
        assert_eq!(Coop::new().name(), "Cross-Origin-Opener-Policy");
        assert_eq!(Corp::new().name(), "Cross-Origin-Resource-Policy");
        assert_eq!(Coep::default(), Coep::REQUIRE_CORP);
        assert_eq!(Coop::default(), Coop::SAME_ORIGIN);
        assert_eq!(Corp::default(), Corp::SAME_ORIGIN);
    }

    #[test]
    fn coep_helpers() {
        renders(&Coep::new().unsafe_none(), "unsafe-none");
        renders(&Coep::new().credentialless().require_corp(), "require-corp");
        renders(&Coep::new().credentialless(), "credentialless");
        renders(&Coep::UNSAFE_NONE, "unsafe-none");
        renders(&Coep::CREDENTIALLESS, "credentialless");
        assert_eq!(
            Coep::new().credentialless().credentialless(),
            Coep::CREDENTIALLESS
        );
    }

    #[test]
    fn coop_helpers() {
        renders(&Coop::new().unsafe_none(), "unsafe-none");
        let popups = Coop::new().same_origin_allow_popups();
        renders(&popups, "same-origin-allow-popups");
        renders(&Coop::new().unsafe_none().same_origin(), "same-origin");
        renders(
            &Coop::new().noopener_allow_popups(),
            "noopener-allow-popups",
        );
        renders(&Coop::NOOPENER_ALLOW_POPUPS, "noopener-allow-popups");
        renders(&Coop::SAME_ORIGIN_ALLOW_POPUPS, "same-origin-allow-popups");
        renders(&Coop::UNSAFE_NONE, "unsafe-none");
    }

    #[test]
    fn corp_helpers() {
        renders(&Corp::new().same_site().same_origin(), "same-origin");
        renders(&Corp::new().same_site(), "same-site");
        renders(&Corp::new().cross_origin(), "cross-origin");
        renders(&Corp::SAME_SITE, "same-site");
        renders(&Corp::CROSS_ORIGIN, "cross-origin");
    }

    #[test]
    fn preset_values() {
        renders(&Coop::new().same_origin(), "same-origin");
        renders(&Corp::new().same_origin(), "same-origin");
        renders(&Coep::new().require_corp(), "require-corp");
    }

    #[test]
    fn coep_value_lowercases_and_empty_means_default() {
        raw_contract::<Coep>("require-corp", true, |t| {
            if t.is_empty() {
                "require-corp".into()
            } else {
                t.to_ascii_lowercase()
            }
        });
        renders(&Coep::new().value("CUSTOM-Policy "), "custom-policy");
        renders(&Coep::new().unsafe_none().value("  "), "require-corp");
    }

    #[test]
    fn coop_value_keeps_case() {
        raw_contract::<Coop>("same-origin", true, str::to_owned);
        renders(&Coop::new().value(" Same-Origin "), "Same-Origin");
        let e = ("Cross-Origin-Opener-Policy", "value", " ");
        fails(&Coop::new().value(" "), ErrorKind::Empty, e);
    }

    #[test]
    fn corp_value_canonicalises_its_values() {
        raw_contract::<Corp>("same-origin", true, |t| {
            let known = ["same-origin", "same-site", "cross-origin"];
            match known.iter().find(|k| k.eq_ignore_ascii_case(t)) {
                Some(k) => (*k).into(),
                None => t.into(),
            }
        });
        renders(&Corp::new().value("SAME-SITE"), "same-site");
        renders(&Corp::new().set(" Cross-Origin"), "cross-origin");
        assert_eq!(Corp::new().value("Same-Origin"), Corp::SAME_ORIGIN);
    }

    #[test]
    fn clear_drops_report_to() {
        assert_eq!(Coep::new().value("x").report_to("g").clear(), Coep::new());
    }

    #[test]
    fn report_to() {
        renders(
            &Coep::new().report_to("default"),
            r#"require-corp; report-to="default""#,
        );
        renders(
            &Coop::new().report_to("a").report_to(" b ").unsafe_none(),
            r#"unsafe-none; report-to="b""#,
        );
        // A raw value replaces the token and keeps the group.
        renders(
            &Coop::new().report_to("g").value("same-origin-allow-popups"),
            r#"same-origin-allow-popups; report-to="g""#,
        );
        let e = ("Cross-Origin-Opener-Policy", "report-to", "a\"b");
        fails(&Coop::new().report_to("a\"b"), ErrorKind::InvalidToken, e);
        let e = ("Cross-Origin-Embedder-Policy", "report-to", "a\\b");
        fails(&Coep::new().report_to("a\\b"), ErrorKind::InvalidToken, e);
        let e = ("Cross-Origin-Embedder-Policy", "report-to", "");
        fails(&Coep::new().report_to(""), ErrorKind::Empty, e);
        rejects_control("report-to", |g| Coep::new().report_to(g));
        rejects_separators("report-to", |g| Coop::new().report_to(g));
        for_any_text(|s| {
            let group = s.trim_matches(' ');
            safe_and_exact(&Coep::new().report_to(s), || {
                format!("require-corp; report-to=\"{group}\"")
            });
            safe_and_exact(&Coop::new().report_to(s), || {
                format!("same-origin; report-to=\"{group}\"")
            });
        });
    }

    #[test]
    fn parse_simple_headers() {
        use crate::{
            OriginAgentCluster, Server, XContentTypeOptions, XDnsPrefetchControl, XDownloadOptions,
            XFrameOptions, XPermittedCrossDomainPolicies, XXssProtection,
        };
        fn p<T: std::str::FromStr<Err = crate::Error>>(s: &str) -> T {
            s.parse().unwrap_or_else(|e| panic!("{s:?}: {e}"))
        }
        assert_eq!(p::<Coop>(" Same-Origin\t"), Coop::SAME_ORIGIN);
        assert_eq!(p::<Coep>("CREDENTIALLESS"), Coep::CREDENTIALLESS);
        assert_eq!(p::<Corp>("same-site"), Corp::SAME_SITE);
        assert_eq!(p::<XFrameOptions>("deny"), XFrameOptions::DENY);
        assert_eq!(p::<XFrameOptions>("SameOrigin"), XFrameOptions::SAMEORIGIN);
        assert_eq!(
            p::<XFrameOptions>("ALLOW-FROM https://a.example"),
            XFrameOptions::new().allow_from("https://a.example")
        );
        assert_eq!(
            p::<XXssProtection>("1;mode=BLOCK"),
            XXssProtection::ENABLED_BLOCK
        );
        assert_eq!(p::<XXssProtection>(" 0 "), XXssProtection::DISABLED);
        assert_eq!(
            p::<XContentTypeOptions>("NoSniff"),
            XContentTypeOptions::NOSNIFF
        );
        assert_eq!(p::<XDnsPrefetchControl>("ON"), XDnsPrefetchControl::ON);
        assert_eq!(p::<XDownloadOptions>("noopen"), XDownloadOptions::new());
        assert_eq!(p::<OriginAgentCluster>("?0"), OriginAgentCluster::DISABLED);
        assert_eq!(
            p::<XPermittedCrossDomainPolicies>("Master-Only"),
            XPermittedCrossDomainPolicies::MASTER_ONLY
        );
        assert_eq!(p::<Server>(""), Server::EMPTY);
        renders(&p::<Server>(" nginx "), "nginx");
        // Unknown tokens are kept, as `value(..)` keeps them.
        renders(&p::<Coop>("future-policy"), "future-policy");
        // report-to, as a string or a token, with any spacing and case.
        assert_eq!(
            p::<Coop>("same-origin;REPORT-TO = \"coop\""),
            Coop::new().report_to("coop")
        );
        assert_eq!(
            p::<Coep>("require-corp ; report-to=default"),
            Coep::new().report_to("default")
        );
    }

    #[test]
    fn parse_errors_name_header_input_and_position() {
        for (e, kind, header, directive, byte) in [
            (
                "".parse::<Coop>().unwrap_err(),
                ErrorKind::Empty,
                "Cross-Origin-Opener-Policy",
                "value",
                0,
            ),
            (
                " a b".parse::<Corp>().unwrap_err(),
                ErrorKind::InvalidToken,
                "Cross-Origin-Resource-Policy",
                "value",
                1,
            ),
            (
                "deny;".parse::<crate::XFrameOptions>().unwrap_err(),
                ErrorKind::Separator,
                "X-Frame-Options",
                "value",
                0,
            ),
            (
                "same-origin; foo=1".parse::<Coop>().unwrap_err(),
                ErrorKind::InvalidValue,
                "Cross-Origin-Opener-Policy",
                "report-to",
                13,
            ),
            (
                "same-origin; report-to=\"a b\""
                    .parse::<Coop>()
                    .unwrap_err(),
                ErrorKind::InvalidToken,
                "Cross-Origin-Opener-Policy",
                "report-to",
                13,
            ),
            (
                "same-site; report-to=x".parse::<Corp>().unwrap_err(),
                ErrorKind::Separator,
                "Cross-Origin-Resource-Policy",
                "value",
                0,
            ),
            (
                "nosniff\r\n"
                    .parse::<crate::XContentTypeOptions>()
                    .unwrap_err(),
                ErrorKind::InvalidCharacter,
                "X-Content-Type-Options",
                "value",
                7,
            ),
        ] {
            assert_eq!(e.kind(), kind, "{e}");
            assert_eq!(e.header(), Some(header), "{e}");
            assert_eq!(e.directive(), Some(directive), "{e}");
            assert!(
                e.detail().unwrap().ends_with(&format!("at byte {byte}")),
                "{e}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn render_then_parse_gives_the_policy_back(
            coop in proptest::sample::select(vec![Coop::UNSAFE_NONE, Coop::SAME_ORIGIN, Coop::SAME_ORIGIN_ALLOW_POPUPS, Coop::NOOPENER_ALLOW_POPUPS]),
            coep in proptest::sample::select(vec![Coep::UNSAFE_NONE, Coep::REQUIRE_CORP, Coep::CREDENTIALLESS]),
            corp in proptest::sample::select(vec![Corp::SAME_ORIGIN, Corp::SAME_SITE, Corp::CROSS_ORIGIN]),
            group in proptest::option::of("[a-zA-Z0-9_.-]{1,12}"),
            token in "[a-z][a-z0-9-]{0,12}",
        ) {
            fn back<T: Policy + std::str::FromStr<Err = crate::Error> + PartialEq + std::fmt::Debug>(p: &T) -> Result<(), proptest::test_runner::TestCaseError> {
                let rendered = p.render().unwrap();
                let parsed: T = rendered.parse().unwrap();
                proptest::prop_assert_eq!(&parsed, p);
                proptest::prop_assert_eq!(parsed.render().unwrap(), rendered);
                Ok(())
            }
            let (coop, coep) = match &group {
                Some(g) => (coop.report_to(g), coep.report_to(g)),
                None => (coop, coep),
            };
            back(&coop)?;
            back(&coep)?;
            back(&corp)?;
            back(&Coop::new().value(&token))?;
            back(&Corp::new().value(&token))?;
            back(&crate::XFrameOptions::new().allow_from(&format!("https://{token}.example")))?;
            back(&crate::XXssProtection::new().enabled_block())?;
            back(&crate::Server::new().value(&format!("{token} (x; y, z)")))?;
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,24}|[ -~\t]{0,24}") {
            let rendered = [
                s.parse::<Coop>().map(|p| p.render()),
                s.parse::<Coep>().map(|p| p.render()),
                s.parse::<Corp>().map(|p| p.render()),
                s.parse::<crate::XFrameOptions>().map(|p| p.render()),
                s.parse::<crate::Server>().map(|p| p.render()),
            ];
            for r in rendered.into_iter().flatten() {
                proptest::prop_assert!(r.is_ok());
            }
        }
    }

    #[test]
    fn consts_are_usable_in_const_context() {
        const COOP: CrossOriginOpenerPolicy = CrossOriginOpenerPolicy::new();
        renders(&COOP, "same-origin");
    }
}
