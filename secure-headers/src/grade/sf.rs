//! The one structured-field question algorithm 6 asks of `Cross-Origin-Opener-Policy` and
//! `Cross-Origin-Embedder-Policy`: is the value an RFC 9651 Item whose bare item is a
//! Token, and which token? Parameters are parsed (a malformed one makes the whole value
//! invalid) and then ignored, as the scanner's `parseStructuredFieldToken` does with the
//! `structured-headers` 2.x parser: that parser's rules are followed here, including
//! Dates (`@`) and Display Strings (`%"`) as parameter values.

/// The token of an Item, or `None` when `value` is not an Item or its bare item is not a
/// Token. `value` is the header value as the scanner holds it (latin-1 decoded: one
/// `char` per JavaScript string unit).
pub(super) fn token_item(value: &str) -> Option<String> {
    let mut p = Parser {
        s: value.chars().collect(),
        pos: 0,
    };
    p.skip_sp();
    let start = p.pos;
    let is_token = p.bare_item()?;
    let token: String = p.s[start..p.pos].iter().collect();
    p.parameters()?;
    p.skip_sp();
    (p.pos == p.s.len() && is_token).then_some(token)
}

struct Parser {
    s: Vec<char>,
    pos: usize,
}

fn is_tchar(c: char) -> bool {
    c.is_ascii_alphanumeric() || ":/!#$%&'*+-.^_`|~".contains(c)
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.s.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    fn skip_sp(&mut self) {
        while self.peek() == Some(' ') {
            self.pos += 1;
        }
    }

    /// Parses one bare item; `Some(true)` when it is a Token.
    fn bare_item(&mut self) -> Option<bool> {
        match self.peek()? {
            '-' | '0'..='9' => self.number().map(|()| false),
            '"' => self.string().map(|()| false),
            c if c.is_ascii_alphabetic() || c == '*' => {
                while self.peek().is_some_and(is_tchar) {
                    self.pos += 1;
                }
                Some(true)
            }
            ':' => self.bytes().map(|()| false),
            '?' => {
                self.pos += 1;
                matches!(self.next()?, '0' | '1').then_some(false)
            }
            '@' => self.date().map(|()| false),
            '%' => self.display_string().map(|()| false),
            _ => None,
        }
    }

    fn parameters(&mut self) -> Option<()> {
        while self.peek() == Some(';') {
            self.pos += 1;
            self.skip_sp();
            if !self
                .peek()
                .is_some_and(|c| c.is_ascii_lowercase() || c == '*')
            {
                return None;
            }
            while self
                .peek()
                .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_-.*".contains(c))
            {
                self.pos += 1;
            }
            if self.peek() == Some('=') {
                self.pos += 1;
                self.bare_item()?;
            }
        }
        Some(())
    }

    fn number(&mut self) -> Option<()> {
        if self.peek() == Some('-') {
            self.pos += 1;
        }
        if !self.peek()?.is_ascii_digit() {
            return None;
        }
        let mut len = 0usize;
        let mut point = None::<usize>;
        while let Some(c) = self.peek() {
            if c.is_ascii_digit() {
                len += 1;
            } else if c == '.' && point.is_none() {
                if len > 12 {
                    return None;
                }
                point = Some(len);
                len += 1;
            } else {
                break;
            }
            self.pos += 1;
            match point {
                None if len > 15 => return None,
                Some(_) if len > 16 => return None,
                _ => {}
            }
        }
        match point {
            Some(p) if len - p - 1 == 0 || len - p - 1 > 3 => None,
            _ => Some(()),
        }
    }

    fn string(&mut self) -> Option<()> {
        self.pos += 1;
        loop {
            match self.next()? {
                '\\' => {
                    if !matches!(self.next()?, '\\' | '"') {
                        return None;
                    }
                }
                '"' => return Some(()),
                ' '..='~' => {}
                _ => return None,
            }
        }
    }

    fn bytes(&mut self) -> Option<()> {
        self.pos += 1;
        let len = self.s[self.pos..].iter().position(|&c| c == ':')?;
        let ok = forgiving_base64(&self.s[self.pos..self.pos + len]);
        self.pos += len + 1;
        ok.then_some(())
    }

    fn date(&mut self) -> Option<()> {
        self.pos += 1;
        if self.peek() == Some('-') {
            self.pos += 1;
        }
        if !self.peek()?.is_ascii_digit() {
            return None;
        }
        // The parser reads digits to the end of the input: anything after a date fails.
        let rest = &self.s[self.pos..];
        if !rest.iter().all(char::is_ascii_digit) || rest.len() > 15 {
            return None;
        }
        self.pos = self.s.len();
        Some(())
    }

    fn display_string(&mut self) -> Option<()> {
        if self.s.get(self.pos + 1) != Some(&'"') {
            return None;
        }
        self.pos += 2;
        let mut bytes = Vec::new();
        while let Some(c) = self.next() {
            if c <= '\u{1f}' || ('\u{7f}'..='\u{ff}').contains(&c) {
                return None;
            }
            match c {
                '%' => {
                    let hex: String = self.s.get(self.pos..self.pos + 2)?.iter().collect();
                    if !hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
                        return None;
                    }
                    bytes.push(u8::from_str_radix(&hex, 16).ok()?);
                    self.pos += 2;
                }
                '"' => return std::str::from_utf8(&bytes).is_ok().then_some(()),
                c => bytes.push(u8::try_from(u32::from(c)).ok()?),
            }
        }
        None
    }
}

/// Whether `atob` accepts `content` (already limited to `[A-Za-z0-9+/=]`).
fn forgiving_base64(content: &[char]) -> bool {
    if !content
        .iter()
        .all(|&c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))
    {
        return false;
    }
    let mut data = content;
    if data.len().is_multiple_of(4) {
        for _ in 0..2 {
            if let [rest @ .., '='] = data {
                data = rest;
            }
        }
    }
    data.len() % 4 != 1 && !data.contains(&'=')
}

#[cfg(test)]
mod tests {
    use super::token_item;

    #[test]
    fn items() {
        for (value, token) in [
            ("same-origin", Some("same-origin")),
            ("  same-origin  ", Some("same-origin")),
            ("Same-Origin", Some("Same-Origin")),
            ("same-origin; report-to=\"coop\"", Some("same-origin")),
            ("same-origin; report-to", Some("same-origin")),
            (
                "same-origin;report-to=a;x=?1;y=1.5;z=:AQ==:",
                Some("same-origin"),
            ),
            ("same-origin; when=@1700000000", Some("same-origin")),
            ("same-origin; t=%\"caf%c3%a9\"", Some("same-origin")),
            ("same-origin; t=%\"caf%c3\"", None),
            ("same-origin; when=@17 ", None),
            ("same-origin; report-to=coop endpoint", None),
            ("\"same-origin\"", None),
            ("same-origin, unsafe-none", None),
            ("same-origin; Report-To=x", None),
            ("same-origin; n=1.2345", None),
            ("same-origin; n=1.", None),
            ("same-origin; b=:abc:", Some("same-origin")),
            ("same-origin; b=:a:", None),
            ("same-origin; b=?2", None),
            ("1", None),
            ("", None),
        ] {
            assert_eq!(token_item(value).as_deref(), token, "{value:?}");
        }
    }
}
