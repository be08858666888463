//! A small HTML tag scanner: enough to find `<meta>` and `<script>` start tags and their
//! attributes the way a browser's tokenizer does for well-formed pages, without an HTML
//! parser dependency.
//!
//! It skips comments, doctypes and processing instructions, and treats the contents of
//! raw-text elements (`script`, `style`, `textarea`, `title`, `xmp`, `iframe`,
//! `noembed`, `noframes`) as text up to the matching end tag, so that markup inside
//! a script string is not mistaken for a tag.

/// A start tag: its lowercase name, its attributes (lowercase names, decoded values; the
/// first of repeated attributes wins, as in HTML) and, for raw-text elements, the text up
/// to the end tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Tag {
    pub(crate) name: String,
    pub(crate) attrs: Vec<(String, String)>,
    pub(crate) text: Option<String>,
}

impl Tag {
    /// The value of attribute `name` (lowercase), if present.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

const RAW_TEXT: [&str; 8] = [
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Every start tag in `html`, in document order.
pub(crate) fn start_tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off + 1;
        if html[i..].starts_with("!--") {
            i = match html[i + 3..].find("-->") {
                Some(end) => i + 3 + end + 3,
                None => b.len(),
            };
            continue;
        }
        match b.get(i) {
            Some(b'!' | b'?' | b'/') => {
                // Doctype, processing instruction or end tag: skip to the next `>`.
                i = match b[i..].iter().position(|&c| c == b'>') {
                    Some(end) => i + end + 1,
                    None => b.len(),
                };
                continue;
            }
            Some(c) if c.is_ascii_alphabetic() => {}
            _ => continue,
        }
        let (tag, next) = parse_tag(html, i);
        i = next;
        let mut tag = tag;
        if RAW_TEXT.contains(&tag.name.as_str()) {
            let (text, after) = raw_text(html, i, &tag.name);
            tag.text = Some(text.to_owned());
            i = after;
        }
        out.push(tag);
    }
    out
}

/// Parses the tag starting at the name at `i`; returns it and the index after its `>`.
fn parse_tag(html: &str, mut i: usize) -> (Tag, usize) {
    let b = html.as_bytes();
    let start = i;
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let name = html[start..i].to_ascii_lowercase();
    let mut attrs: Vec<(String, String)> = Vec::new();
    loop {
        while i < b.len() && (is_space(b[i]) || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        if b[i] == b'>' {
            i += 1;
            break;
        }
        let n0 = i;
        i += 1; // an attribute name may start with `=`
        while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let attr_name = html[n0..i].to_ascii_lowercase();
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && is_space(b[i]) {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                i += 1;
                let v0 = i;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                value = decode_entities(&html[v0..i]);
                i = (i + 1).min(b.len());
            } else {
                let v0 = i;
                while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                    i += 1;
                }
                value = decode_entities(&html[v0..i]);
            }
        }
        if !attrs.iter().any(|(n, _)| *n == attr_name) {
            attrs.push((attr_name, value));
        }
    }
    (
        Tag {
            name,
            attrs,
            text: None,
        },
        i,
    )
}

/// The raw text from `i` up to `</name` (case-insensitive) followed by a space, `/` or
/// `>`, and the index after that end tag's `>`.
fn raw_text<'h>(html: &'h str, i: usize, name: &str) -> (&'h str, usize) {
    let b = html.as_bytes();
    let mut j = i;
    while let Some(off) = b[j..].iter().position(|&c| c == b'<') {
        let at = j + off;
        let rest = &b[at + 1..];
        if rest.first() == Some(&b'/')
            && rest.len() > name.len()
            && rest[1..=name.len()].eq_ignore_ascii_case(name.as_bytes())
            && rest
                .get(name.len() + 1)
                .is_none_or(|&c| is_space(c) || c == b'/' || c == b'>')
        {
            let end = b[at..]
                .iter()
                .position(|&c| c == b'>')
                .map_or(b.len(), |p| at + p + 1);
            return (&html[i..at], end);
        }
        j = at + 1;
    }
    (&html[i..], b.len())
}

/// Decodes character references: the five XML ones, `&nbsp;`, and numeric references.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let semi = rest[1..].find(';').map(|q| q + 1);
        let decoded = semi.and_then(|q| {
            let name = &rest[1..q];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let n = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(n)
                }
            }?;
            Some((c, q + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_tags_attributes_and_raw_text() {
        let html = r#"<!doctype html><!-- <script src="no.js"></script> -->
<HTML><head><meta http-equiv="Content-Security-Policy" content="default-src &apos;none&apos;">
<script SRC=/app.js integrity='sha384-x' crossorigin></script>
<script>if (a < b) { document.write("<script src=x.js><\/script>") }</script ></head>
<style>p{}</style><p title="a &amp; b">"#;
        let tags = start_tags(html);
        let names: Vec<_> = tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            ["html", "head", "meta", "script", "script", "style", "p"]
        );
        assert_eq!(tags[2].attr("content"), Some("default-src 'none'"));
        assert_eq!(tags[3].attr("src"), Some("/app.js"));
        assert_eq!(tags[3].attr("integrity"), Some("sha384-x"));
        assert_eq!(tags[3].attr("crossorigin"), Some(""));
        assert_eq!(
            tags[4].text.as_deref(),
            Some(r#"if (a < b) { document.write("<script src=x.js><\/script>") }"#)
        );
        assert_eq!(tags[5].text.as_deref(), Some("p{}"));
        assert_eq!(tags[6].attr("title"), Some("a & b"));
    }

    #[test]
    fn survives_truncated_input() {
        for html in [
            "<",
            "<a",
            "<a b",
            "<a b=",
            "<a b='x",
            "<script>x",
            "<!--",
            "<!x",
        ] {
            let _ = start_tags(html);
        }
        assert_eq!(start_tags("<script>x")[0].text.as_deref(), Some("x"));
        assert_eq!(decode_entities("&#x41;&#66;&bogus;&"), "AB&bogus;&");
    }
}
