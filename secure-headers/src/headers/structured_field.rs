//! The syntax of a Structured Field dictionary (RFC 9651 §3.2), checked whole as its
//! parsing algorithm (§4.2.2) reads it. `Document-Policy` and `Integrity-Policy` keep the
//! members and parameters they do not know verbatim; checking the whole value first means
//! that what they keep is a valid dictionary, so what they render parses back the same,
//! and a value a browser would refuse as a whole is refused here too.

use super::single::{at_byte, is_ows};
use crate::text::{At, is_tchar};
use crate::{Error, ErrorKind};

/// What is wrong, at the cursor: a key (`InvalidName`) or anything else.
struct Fault {
    kind: ErrorKind,
    detail: &'static str,
}

fn bad(detail: &'static str) -> Fault {
    Fault {
        kind: ErrorKind::InvalidValue,
        detail,
    }
}

/// A cursor over a value; on a fault, `pos` is where it is.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        let hit = self.peek() == Some(b);
        self.pos += usize::from(hit);
        hit
    }

    fn skip_while(&mut self, f: impl Fn(u8) -> bool) {
        while self.peek().is_some_and(&f) {
            self.pos += 1;
        }
    }

    /// `key = ( lcalpha / "*" ) *( lcalpha / DIGIT / "_" / "-" / "." / "*" )`.
    fn key(&mut self, what: &'static str) -> Result<(), Fault> {
        if !self
            .peek()
            .is_some_and(|b| b.is_ascii_lowercase() || b == b'*')
        {
            return Err(Fault {
                kind: ErrorKind::InvalidName,
                detail: what,
            });
        }
        self.skip_while(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'-' | b'.' | b'*')
        });
        Ok(())
    }

    /// `parameters = *( ";" *SP parameter )`, `parameter = param-key [ "=" bare-item ]`.
    fn parameters(&mut self) -> Result<(), Fault> {
        while self.eat(b';') {
            self.skip_while(|b| b == b' ');
            self.key("a parameter's name is a lowercase letter or `*`, then lowercase letters, digits, `_`, `-`, `.` or `*`")?;
            if self.eat(b'=') {
                self.bare_item()?;
            }
        }
        Ok(())
    }

    /// A member's value: an inner list or an item, with its parameters.
    fn item_or_inner_list(&mut self) -> Result<(), Fault> {
        self.value()?;
        self.parameters()
    }

    /// An inner list or a bare item, without the parameters that follow it.
    fn value(&mut self) -> Result<(), Fault> {
        if !self.eat(b'(') {
            return self.bare_item();
        }
        loop {
            self.skip_while(|b| b == b' ');
            if self.eat(b')') {
                return Ok(());
            }
            if self.peek().is_none() {
                return Err(bad("an inner list is missing its closing `)`"));
            }
            self.bare_item()?;
            self.parameters()?;
            match self.peek() {
                Some(b' ' | b')') => {}
                None => return Err(bad("an inner list is missing its closing `)`")),
                Some(_) => return Err(bad("the items of an inner list are separated by spaces")),
            }
        }
    }

    /// An integer, decimal, string, token, byte sequence, boolean, date or display
    /// string (RFC 9651 §3.3).
    fn bare_item(&mut self) -> Result<(), Fault> {
        match self.peek() {
            Some(b'-' | b'0'..=b'9') => self.number(true),
            Some(b'"') => self.string(),
            Some(b) if b.is_ascii_alphabetic() || b == b'*' => {
                self.skip_while(|b| is_tchar(b) || b == b':' || b == b'/');
                Ok(())
            }
            Some(b':') => {
                self.pos += 1;
                self.skip_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='));
                if self.eat(b':') {
                    Ok(())
                } else {
                    Err(bad("a byte sequence is base64 between `:`s"))
                }
            }
            Some(b'?') => {
                self.pos += 1;
                if self.eat(b'0') || self.eat(b'1') {
                    Ok(())
                } else {
                    Err(bad("a boolean is ?0 or ?1"))
                }
            }
            Some(b'@') => {
                self.pos += 1;
                self.number(false)
            }
            Some(b'%') => self.display_string(),
            _ => Err(bad(
                "a value is a number, a string, a token, a byte sequence (`:...:`), a boolean (`?0`, `?1`), a date (`@...`) or a display string (`%\"...\"`)",
            )),
        }
    }

    /// An integer (at most 15 digits) or, when `decimal` is allowed, a decimal (at most
    /// 12 digits, `.`, then one to three).
    fn number(&mut self, decimal: bool) -> Result<(), Fault> {
        self.eat(b'-');
        let start = self.pos;
        self.skip_while(|b| b.is_ascii_digit());
        let int = self.pos - start;
        if int == 0 {
            return Err(bad("a number has a digit after its sign"));
        }
        if decimal && self.eat(b'.') {
            let frac_start = self.pos;
            self.skip_while(|b| b.is_ascii_digit());
            let frac = self.pos - frac_start;
            if int > 12 || !(1..=3).contains(&frac) {
                return Err(bad(
                    "a decimal has at most 12 digits before its `.` and one to three after",
                ));
            }
        } else if int > 15 {
            return Err(bad("an integer has at most 15 digits"));
        }
        Ok(())
    }

    /// `"..."`: printable ASCII, with `\"` and `\\` the only escapes.
    fn string(&mut self) -> Result<(), Fault> {
        self.pos += 1;
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.pos += 1;
                    if !(self.eat(b'"') || self.eat(b'\\')) {
                        return Err(bad("only \\\" and \\\\ are escapes in a string"));
                    }
                }
                Some(0x20..=0x7e) => self.pos += 1,
                Some(_) => return Err(bad("a string holds printable ASCII only")),
                None => return Err(bad("a string is missing its closing `\"`")),
            }
        }
    }

    /// `%"..."`: printable ASCII, with `%` followed by two lowercase hex digits, which
    /// decode to UTF-8.
    fn display_string(&mut self) -> Result<(), Fault> {
        self.pos += 1;
        if !self.eat(b'"') {
            return Err(bad("a display string is `%` then a quoted string"));
        }
        let mut decoded = Vec::new();
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return match std::str::from_utf8(&decoded) {
                        Ok(_) => Ok(()),
                        Err(_) => Err(bad("a display string's escapes decode to UTF-8")),
                    };
                }
                Some(b'%') => {
                    self.pos += 1;
                    let hex = |c: Option<u8>| match c {
                        Some(c @ b'0'..=b'9') => Some(c - b'0'),
                        Some(c @ b'a'..=b'f') => Some(c - b'a' + 10),
                        _ => None,
                    };
                    let hi = hex(self.peek());
                    let lo = hex(self.bytes.get(self.pos + 1).copied());
                    let (Some(hi), Some(lo)) = (hi, lo) else {
                        return Err(bad(
                            "`%` in a display string is followed by two lowercase hex digits",
                        ));
                    };
                    decoded.push(hi << 4 | lo);
                    self.pos += 2;
                }
                Some(c @ 0x20..=0x7e) => {
                    decoded.push(c);
                    self.pos += 1;
                }
                Some(_) => return Err(bad("a display string holds printable ASCII only")),
                None => return Err(bad("a display string is missing its closing `\"`")),
            }
        }
    }
}

/// The length of the member value (an inner list or a bare item, without its
/// parameters) at the start of `s`, or `None` if no valid one is there.
pub(super) fn item_len(s: &str) -> Option<usize> {
    let mut c = Cursor {
        bytes: s.as_bytes(),
        pos: 0,
    };
    c.value().ok()?;
    Some(c.pos)
}

/// Why `input`, past whitespace at either end, is not a Structured Field item (RFC 9651
/// §4.2.3: a bare item, then its parameters), as a browser's parser reads it, or `None`
/// if it is one. `Cross-Origin-Opener-Policy`, `Cross-Origin-Embedder-Policy` and
/// `Document-Isolation-Policy` are items: one that is not is dropped whole.
#[cfg(feature = "lint")]
pub(crate) fn item_fault(input: &str) -> Option<&'static str> {
    let input = input.trim_matches([' ', '\t']);
    let mut c = Cursor {
        bytes: input.as_bytes(),
        pos: 0,
    };
    if c.peek() == Some(b'(') {
        return Some("an inner list where an item is expected");
    }
    let result = c.bare_item().and_then(|()| c.parameters());
    match result {
        Err(f) => Some(f.detail),
        Ok(()) if c.pos < input.len() => Some("parameters follow the value after `;`"),
        Ok(()) => None,
    }
}

/// The members of a dictionary, each paired with where it starts: as RFC 9651 parses
/// them when `input` is a dictionary (so that `%"\"` is a whole display string, as a
/// browser reads it), else cut at commas outside strings and parentheses, for the
/// errors of the header's own checks ([`check_dictionary`] refuses such a value).
/// Pieces may hold whitespace at either end.
pub(super) fn members(input: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    match dictionary(input, |start, end| out.push((start, &input[start..end]))) {
        Ok(()) => out,
        Err(_) => split(input),
    }
}

/// The pieces of a value between commas outside strings and parentheses, each paired
/// with where it starts, untrimmed: how an invalid value is cut for its errors.
fn split(input: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let (mut start, mut depth, mut in_string, mut escaped) = (0, 0usize, false, false);
    for (i, b) in input.bytes().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b',' if depth == 0 => {
                out.push((start, &input[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push((start, &input[start..]));
    out
}

/// Checks that `input`, past whitespace at either end, is a Structured Field
/// dictionary, as a browser's parser reads it (an invalid member makes the whole
/// header invalid). The error names `header`, the member's key as the directive
/// (`value` when the key itself is wrong), the member as the input, and the byte of
/// the fault.
pub(super) fn check_dictionary(header: &'static str, input: &str) -> Result<(), Error> {
    dictionary(input, |_, _| {}).map_err(|r| {
        let member = split(&input[r.start..]);
        let text = member
            .first()
            .map_or("", |(_, t)| t.trim_end_matches([' ', '\t']));
        let directive = if r.key_end > r.start {
            &input[r.start..r.key_end]
        } else {
            "value"
        };
        let e = At::directive(header, directive)
            .error(r.fault.kind, text)
            .with_detail(r.fault.detail);
        at_byte(e, r.pos)
    })
}

/// Why [`dictionary`] refused a value: the member's start, the end of its key (its
/// start if the key is wrong), and the fault at `pos`.
struct Refusal {
    start: usize,
    key_end: usize,
    pos: usize,
    fault: Fault,
}

/// Parses `input` as a dictionary (RFC 9651 §4.2.2, whitespace at either end allowed),
/// calling `member` with the start and end of each member's text.
fn dictionary(input: &str, mut member: impl FnMut(usize, usize)) -> Result<(), Refusal> {
    let mut c = Cursor {
        bytes: input.as_bytes(),
        pos: 0,
    };
    let end = input.trim_end_matches([' ', '\t']).len();
    c.skip_while(is_ows);
    loop {
        let start = c.pos;
        let mut key_end = start;
        let refuse = |c: &Cursor<'_>, key_end: usize, fault: Fault| Refusal {
            start,
            key_end,
            pos: c.pos,
            fault,
        };
        let key = "a member's name is a lowercase letter or `*`, then lowercase letters, digits, `_`, `-`, `.` or `*`";
        c.key(key).map_err(|f| refuse(&c, key_end, f))?;
        key_end = c.pos;
        let value = if c.eat(b'=') {
            c.item_or_inner_list()
        } else {
            c.parameters()
        };
        value.map_err(|f| refuse(&c, key_end, f))?;
        member(start, c.pos);
        c.skip_while(is_ows);
        if c.pos >= end {
            return Ok(());
        }
        if !c.eat(b',') {
            return Err(refuse(&c, key_end, bad("members are separated by `,`")));
        }
        c.skip_while(is_ows);
        if c.pos >= end {
            return Err(refuse(&c, key_end, bad("a `,` ends the value")));
        }
    }
}

/// Values shaped like dictionaries, valid or nearly: members made of keys, values and
/// parameters that are right or break one rule of RFC 9651 (a key in capitals or empty,
/// an unterminated string, a display string, a parameter on an inner list's item, a
/// separator missing or doubled, whitespace where it is not allowed), for the tests of
/// the headers that are dictionaries.
#[cfg(test)]
pub(super) fn dictionary_like() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let key = prop_oneof![
        4 => prop::sample::select(vec!["camera", "a", "csp", "usb", "*x", "a-b.c_d*1"]),
        1 => prop::sample::select(vec!["", "A", "Camera", "1a", "-a", "a!", "a b", "\"\"", "%"]),
    ];
    let item = prop::sample::select(vec![
        "self",
        "*",
        "src",
        "none",
        "Self",
        "'self'",
        "\"https://a.example\"",
        "\"/r\"",
        "\"https://a.example/p?q=1,2\"",
        "\"x\\\"y\"",
        "\"\"",
        "\"open",
        "\"a\\n\"",
        "%\"x\"",
        "%\"",
        "?1",
        "?2",
        "1",
        "1.5",
        "-",
        "@1",
        ":YWI=:",
        ":YWI",
        "tok:/x",
        "https://a.example",
        "(",
        ")",
        "",
    ]);
    let param = prop_oneof![
        prop::sample::select(vec![
            ";report-to=pp",
            ";report-to=\"pp\"",
            "; report-to=pp",
            ";report-to=1x",
            ";report-to",
            ";report-to=%\"pp\"",
            ";report-to=\"p",
            ";p=1",
            ";P=1",
            ";=1",
            ";",
            "; ",
            ";\treport-to=pp",
        ]),
        Just(""),
    ];
    let inner = prop::collection::vec((item.clone(), param.clone()), 0..3).prop_flat_map(|items| {
        let n = items.len();
        (
            Just(items),
            prop::collection::vec(prop::sample::select(vec![" ", "  ", "", "\t", ","]), n),
            prop::sample::select(vec!["(", "( "]),
            prop::sample::select(vec![")", " )", ""]),
        )
    });
    let inner = inner.prop_map(|(items, seps, open, close)| {
        let mut s = open.to_owned();
        for (i, ((it, p), sep)) in items.iter().zip(&seps).enumerate() {
            if i > 0 {
                s.push_str(sep);
            }
            s.push_str(it);
            s.push_str(p);
        }
        s + close
    });
    let value = prop_oneof![
        2 => inner.prop_map(|v| format!("={v}")),
        2 => item.prop_map(|v| format!("={v}")),
        1 => Just(String::new()),
        1 => prop::sample::select(vec![" =()", "= ()", "==()"]).prop_map(String::from),
    ];
    let member = (key, value, param).prop_map(|(k, v, p)| format!("{k}{v}{p}"));
    let sep = prop::sample::select(vec![", ", ",", " , ", ",\t", " ", ",,", ";", ", ,"]);
    (
        prop::collection::vec((member, sep), 1..4),
        prop::sample::select(vec!["", " ", "\t"]),
        prop::sample::select(vec!["", " ", "\t", ",", ", "]),
    )
        .prop_map(|(members, lead, trail)| {
            let mut s = lead.to_owned();
            for (i, (m, sep)) in members.iter().enumerate() {
                if i > 0 {
                    s.push_str(sep);
                }
                s.push_str(m);
            }
            s + trail
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: &str = "Document-Policy";

    #[test]
    fn valid_dictionaries_pass() {
        for ok in [
            "a",
            " a=1 , b=?0;p;q=\"x\" ",
            "a=-12.345, b=123456789012345, c=123456789012.1",
            "a=(b \"c)\" :YWI=: ?1 @1659578233 %\"f%c3%bc\");p=1, b=()",
            "a=( b;x=1  c ), *b.c_d-e*=tok:/x",
            "a;p=\"x\\\"y\\\\z\"; q,\tb=\"\"",
            "a=%\"\"",
        ] {
            assert_eq!(
                check_dictionary(H, ok).map_err(|e| e.to_string()),
                Ok(()),
                "{ok:?}"
            );
        }
    }

    #[test]
    fn invalid_dictionaries_are_errors_naming_member_and_byte() {
        for (bad, kind, directive, input, byte) in [
            // The fuzz crash, minimized: a parameter without a name, with an unterminated string.
            ("b;=\"0", ErrorKind::InvalidName, "b", "b;=\"0", 2),
            ("a=\"x, b", ErrorKind::InvalidValue, "a", "a=\"x, b", 7),
            ("a, B", ErrorKind::InvalidName, "value", "B", 3),
            ("a;P=1", ErrorKind::InvalidName, "a", "a;P=1", 2),
            ("a=", ErrorKind::InvalidValue, "a", "a=", 2),
            ("a=b c", ErrorKind::InvalidValue, "a", "a=b c", 4),
            ("a=(b", ErrorKind::InvalidValue, "a", "a=(b", 4),
            ("a=(b,c)", ErrorKind::InvalidValue, "a", "a=(b,c)", 4),
            ("a=1.2345", ErrorKind::InvalidValue, "a", "a=1.2345", 8),
            (
                "a=1234567890123.1",
                ErrorKind::InvalidValue,
                "a",
                "a=1234567890123.1",
                17,
            ),
            (
                "a=1234567890123456",
                ErrorKind::InvalidValue,
                "a",
                "a=1234567890123456",
                18,
            ),
            ("a=1.", ErrorKind::InvalidValue, "a", "a=1.", 4),
            ("a=-", ErrorKind::InvalidValue, "a", "a=-", 3),
            ("a=?2", ErrorKind::InvalidValue, "a", "a=?2", 3),
            ("a=:YWI", ErrorKind::InvalidValue, "a", "a=:YWI", 6),
            ("a=\"\\n\"", ErrorKind::InvalidValue, "a", "a=\"\\n\"", 4),
            ("a=@1.5", ErrorKind::InvalidValue, "a", "a=@1.5", 4),
            (
                "a=%\"%C3%BC\"",
                ErrorKind::InvalidValue,
                "a",
                "a=%\"%C3%BC\"",
                5,
            ),
            ("a=%\"%ff\"", ErrorKind::InvalidValue, "a", "a=%\"%ff\"", 8),
            ("a=%x", ErrorKind::InvalidValue, "a", "a=%x", 3),
            ("a=[", ErrorKind::InvalidValue, "a", "a=[", 2),
            ("a,", ErrorKind::InvalidValue, "a", "a", 2),
            ("a b", ErrorKind::InvalidValue, "a", "a b", 2),
        ] {
            let e = check_dictionary(H, bad).unwrap_err();
            assert_eq!(e.kind(), kind, "{bad:?}: {e}");
            assert_eq!(e.header(), Some(H), "{bad:?}: {e}");
            assert_eq!(e.directive(), Some(directive), "{bad:?}: {e}");
            assert_eq!(e.input(), Some(input), "{bad:?}: {e}");
            let at = format!("at byte {byte}");
            assert!(e.detail().unwrap().ends_with(&at), "{bad:?}: {e}");
        }
    }

    #[test]
    fn members_are_cut_as_the_dictionary_is_parsed() {
        assert_eq!(
            members(" a=%\"\\\" ,\tb=(\"),\" c);p=1, c "),
            [(1, "a=%\"\\\""), (10, "b=(\"),\" c);p=1"), (26, "c")]
        );
        // Not a dictionary: cut at commas outside strings and parentheses.
        assert_eq!(members("a=\"x, b"), [(0, "a=\"x, b")]);
        assert_eq!(
            members("a=(x, y), b c,"),
            [(0, "a=(x, y)"), (9, " b c"), (14, "")]
        );
    }

    #[test]
    fn item_len_stops_at_the_end_of_the_value() {
        for (s, len) in [
            ("?1;p", Some(2)),
            ("\"a;b\";p", Some(5)),
            ("(a \"b)\" c);p=1", Some(10)),
            ("%\"a;b\";q", Some(6)),
            ("1.5x", Some(3)),
            ("", None),
            ("\"open", None),
            ("(a", None),
        ] {
            assert_eq!(item_len(s), len, "{s:?}");
        }
    }
}
