//! What every single-value header of this crate is made of: a [`Single`] value
//! (text, optional parameters, first error), its checks, and [`parse`], which each
//! type's `FromStr` calls. Each type (`XFrameOptions`, ...) is written out in its own
//! file: a newtype over [`Single`] whose methods are one-liners over it.

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

    /// As [`raw`](Self::raw), and a value close to one of `T`'s known values (`DENYY`,
    /// `same-orgin`) is refused as a likely typo, with the value it is close to: browsers
    /// ignore the header then, so it would protect nothing. A value far from every known
    /// one is kept (a value newer than this crate; lint reports it), and so is a known
    /// value in another case.
    pub(crate) fn raw_known<T: SingleValue>(self, header: &str, input: &str, check: Check) -> Self {
        let single = self.raw(header, input, check);
        match single.likely_typo::<T>(header) {
            Some(e) => single.fail(e),
            None => single,
        }
    }

    /// The error [`raw_known`](Self::raw_known) gives for this value when it is close to
    /// one of `T`'s known values: what `build()` refuses in a value read with `FromStr`.
    /// `None` when an error is recorded (rendering gives that one).
    pub(crate) fn likely_typo<T: SingleValue>(&self, header: &str) -> Option<Error> {
        if self.error.is_some() {
            return None;
        }
        likely_typo::<T>(header, &self.value)
    }

    /// As [`raw_known`](Self::raw_known) for the value before a `;`, and after it the
    /// `report-to` parameter as `FromStr` reads it (`same-origin; report-to="coop"`), the
    /// way a configuration file gives a whole value. Any other parameter is an error.
    pub(crate) fn raw_with_report_to<T: SingleValue>(
        self,
        header: &str,
        input: &str,
        check: Check,
    ) -> Self {
        let Some(semi) = input.find(';') else {
            return self.raw_known::<T>(header, input, check);
        };
        let single = self.raw_known::<T>(header, &input[..semi], check);
        if single.error.is_some() {
            return single;
        }
        match with_report_to(single.clone(), header, &input[semi + 1..], semi + 1) {
            Ok(with) => with,
            Err(e) => single.fail(e),
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

/// A single-value header type: a newtype over [`Single`] with its known values.
pub(crate) trait SingleValue: Sized + 'static {
    /// Every value this header knows, as its constants: what `FromStr` recognises and
    /// what lint accepts.
    const KNOWN: &'static [Self];

    /// The value it holds.
    fn single(&self) -> &Single;
}

/// The texts of `known` (a type's `KNOWN` or a part of it), as sent: the vocabulary
/// lint checks received values against.
#[cfg(feature = "lint")]
pub(crate) fn texts<T: SingleValue>(known: &'static [T]) -> impl Iterator<Item = &'static str> {
    known.iter().map(|k| match &k.single().value {
        Cow::Borrowed(text) => *text,
        Cow::Owned(text) => text.as_str(),
    })
}

/// The error for `value`, not one of `T`'s known values but close to one.
fn likely_typo<T: SingleValue>(header: &str, value: &str) -> Option<Error> {
    let texts = || T::KNOWN.iter().map(|k| k.single().text());
    if texts().any(|k| k.eq_ignore_ascii_case(value)) {
        return None;
    }
    let known = crate::text::closest(value, texts())?;
    let detail =
        format!("not a known value; did you mean {known}? (browsers ignore the header otherwise)");
    let at = At::directive(header, "value");
    Some(at.error(ErrorKind::InvalidValue, value).with_detail(detail))
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
/// anything the type's `value(..)` would reject. With `report_to` (the headers that name
/// a reporting group) the value may be followed by a `report-to` parameter.
pub(crate) fn parse<T: SingleValue>(
    header: &'static str,
    input: &str,
    check: Check,
    report_to: bool,
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
    let known = || T::KNOWN.iter().map(T::single);
    if let Some(k) = known().find(|k| squeeze(&k.value) == wanted) {
        return Ok((*k).clone());
    }
    if text.is_empty() {
        let detail = "the header is empty";
        return Err(at_byte(
            at.error(ErrorKind::Empty, input).with_detail(detail),
            0,
        ));
    }
    if report_to && let Some(semi) = text.find(';') {
        let single =
            parse::<T>(header, &text[..semi], check, false).map_err(|e| e.with_input(input))?;
        return with_report_to(single, header, &text[semi + 1..], lead + semi + 1);
    }
    let mut single = Single::of("").raw(header, text, check);
    if let Some(e) = single.error.take() {
        return Err(at_byte(e.with_input(input), lead));
    }
    Ok(match known().find(|k| k.value == single.value) {
        Some(k) => (*k).clone(),
        None => single,
    })
}

/// `single` with the parameters `params` (what follows the value's `;`, at byte `start`
/// of the input): `report-to`, as a string or a token, the last one winning. Anything
/// else is an error naming the parameter and its byte position.
fn with_report_to(
    mut single: Single,
    header: &str,
    params: &str,
    start: usize,
) -> Result<Single, Error> {
    for (pos, param) in split_list(params, b';') {
        let pos = start + pos;
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
    Ok(single)
}

/// Lets the shared tests drive the `value`, `set` and `clear` methods of `$ty`.
macro_rules! impl_raw {
    ($ty:ty) => {
        #[cfg(test)]
        impl $crate::headers::single::testing::Raw for $ty {
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

pub(crate) use impl_raw;

#[cfg(test)]
pub(crate) mod testing {
    //! Assertions shared by the tests of the single-value headers (and, for parse
    //! errors, of the other headers).

    use std::fmt::Debug;
    use std::str::FromStr;

    use proptest::test_runner::TestRunner;

    use crate::{Error, ErrorKind, Policy};

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

    /// Parsing `input` as `P` fails with `kind`, naming `header` and ending its detail
    /// with the byte position `byte`. The error is returned for further checks.
    #[track_caller]
    pub(crate) fn parse_fails<P>(input: &str, kind: ErrorKind, header: &str, byte: usize) -> Error
    where
        P: FromStr<Err = Error> + Debug,
    {
        let e = input.parse::<P>().unwrap_err();
        assert_eq!(e.kind(), kind, "{input:?}: {e}");
        assert_eq!(e.header(), Some(header), "{input:?}: {e}");
        let at = format!("at byte {byte}");
        assert!(e.detail().unwrap().ends_with(&at), "{input:?}: {e}");
        e
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
