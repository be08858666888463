//! HTML output: every string that came from a report (samples, URLs, paths, directives) is
//! written through [`Esc`], which escapes the five characters that can leave text or an
//! attribute value. Nothing from a report is ever written as markup, a URL attribute or a
//! script: a `javascript:` URL is shown as text, never as a link.

use std::fmt::{self, Display, Write as _};

/// A string written as HTML text or as a double-quoted attribute value: `&`, `<`, `>`,
/// `"` and `'` become character references, and control characters other than tab and
/// newline become U+FFFD (they have no business in a report field and could confuse a
/// reader of the page source).
///
/// ```
/// use secure_headers_dashboard::html::Esc;
///
/// assert_eq!(
///     Esc("<img src=x onerror=\"alert('1')\">&").to_string(),
///     "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;"
/// );
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Esc<'a>(pub &'a str);

impl Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(i) = rest.find(|c: char| {
            matches!(c, '&' | '<' | '>' | '"' | '\'') || (c.is_control() && c != '\n' && c != '\t')
        }) {
            f.write_str(&rest[..i])?;
            let c = rest[i..].chars().next().unwrap_or('\u{fffd}');
            f.write_str(match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => "\u{fffd}",
            })?;
            rest = &rest[i + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

/// A page being written: a `String` that `write!` appends to without a `Result` to
/// handle (writing to a `String` cannot fail).
#[derive(Debug, Default)]
pub(crate) struct Out(pub(crate) String);

impl Out {
    pub(crate) fn with_capacity(n: usize) -> Self {
        Self(String::with_capacity(n))
    }

    /// Appends literal markup (never report data: that goes through [`Esc`]).
    pub(crate) fn raw(&mut self, markup: &str) {
        self.0.push_str(markup);
    }

    /// Appends formatted output; arguments that carry report data are wrapped in [`Esc`].
    pub(crate) fn fmt(&mut self, args: fmt::Arguments<'_>) {
        // Writing into a String never fails.
        let _ = self.0.write_fmt(args);
    }
}

/// `w!(out, "...", args)`: `out.fmt(format_args!(...))`.
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {
        $out.fmt(format_args!($($arg)*))
    };
}
pub(crate) use w;

/// A count with thousands separators (`1234567` → `1 234 567`, with narrow no-break spaces).
pub(crate) fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(d);
    }
    out
}

/// A Unix time (seconds) as `YYYY-MM-DD HH:MM` UTC.
pub(crate) fn time(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}",
        secs / 3600,
        secs % 3600 / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_that_leaves_text_or_an_attribute_is_escaped() {
        assert_eq!(
            Esc("a<b>&\"c'd").to_string(),
            "a&lt;b&gt;&amp;&quot;c&#39;d"
        );
        assert_eq!(
            Esc("javascript:alert(1)").to_string(),
            "javascript:alert(1)"
        );
        assert_eq!(
            Esc("x\u{0}y\u{1b}z\n\t").to_string(),
            "x\u{fffd}y\u{fffd}z\n\t"
        );
        assert_eq!(Esc("é—ok").to_string(), "é—ok");
        assert_eq!(Esc("").to_string(), "");
    }

    #[test]
    fn counts_and_times_read_as_people_write_them() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1\u{202f}000");
        assert_eq!(count(1_234_567), "1\u{202f}234\u{202f}567");
        assert_eq!(time(0), "1970-01-01 00:00");
        assert_eq!(time(1_796_558_400), "2026-12-06 12:00");
        assert_eq!(time(951_782_400), "2000-02-29 00:00");
    }
}
