//! Cookie hardening: [`CookieHardening`].

/// The `SameSite` attribute to add.
///
/// ```
/// use secure_headers::http::{HeaderMap, HeaderValue, header::SET_COOKIE};
/// use secure_headers::{CookieHardening, SameSite, Secure};
///
/// let secure = Secure::builder()
///     .harden_cookies(CookieHardening::new().same_site(Some(SameSite::Strict)))
///     .build()?;
/// let mut headers = HeaderMap::new();
/// headers.append(SET_COOKIE, HeaderValue::from_static("session=abc"));
/// secure.set_headers(&mut headers);
/// assert!(headers[SET_COOKIE].to_str().unwrap().contains("SameSite=Strict"));
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SameSite {
    /// `SameSite=Strict`.
    Strict,
    /// `SameSite=Lax` (what browsers assume by default, made explicit).
    Lax,
    /// `SameSite=None` (cross-site; needs `Secure`).
    None,
}

impl SameSite {
    const fn attribute(self) -> &'static str {
        match self {
            Self::Strict => "SameSite=Strict",
            Self::Lax => "SameSite=Lax",
            Self::None => "SameSite=None",
        }
    }
}

/// Adds `Secure`, `HttpOnly` and `SameSite` to the application's `Set-Cookie` headers that
/// lack them (opt-in).
///
/// A cookie that already sets an attribute keeps its own setting; cookies are never merged,
/// dropped or reordered. Apply it to every cookie (the default) or only to some names. In
/// development mode `Secure` is not added, so that cookies still work on `http://localhost`.
///
/// A hardened cookie is never one browsers reject: a cookie that is (or is made)
/// `SameSite=None`, or whose name starts with `__Secure-` or `__Host-`, always gets
/// `Secure`, even with [`secure(false)`](Self::secure) or in development mode (browsers
/// accept `Secure` cookies from `http://localhost`).
///
/// ```
/// use secure_headers::{CookieHardening, SameSite, Secure};
/// use secure_headers::http::{HeaderMap, HeaderValue, header::SET_COOKIE};
///
/// let secure = Secure::builder().harden_cookies(CookieHardening::new()).build()?;
/// let mut headers = HeaderMap::new();
/// headers.append(SET_COOKIE, HeaderValue::from_static("session=abc; Path=/"));
/// headers.append(SET_COOKIE, HeaderValue::from_static("theme=dark; SameSite=Strict; Secure"));
/// secure.set_headers(&mut headers);
/// let cookies: Vec<_> = headers.get_all(SET_COOKIE).iter().collect();
/// assert_eq!(cookies, [
///     "session=abc; Path=/; Secure; HttpOnly; SameSite=Lax",
///     "theme=dark; SameSite=Strict; Secure; HttpOnly",
/// ]);
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct CookieHardening {
    secure: bool,
    http_only: bool,
    same_site: Option<SameSite>,
    names: Option<Vec<String>>,
}

impl Default for CookieHardening {
    fn default() -> Self {
        Self::new()
    }
}

impl CookieHardening {
    /// `Secure`, `HttpOnly` and `SameSite=Lax`, on every cookie.
    pub fn new() -> Self {
        Self {
            secure: true,
            http_only: true,
            same_site: Some(SameSite::Lax),
            names: None,
        }
    }

    /// Whether to add `Secure`.
    pub fn secure(mut self, yes: bool) -> Self {
        self.secure = yes;
        self
    }

    /// Whether to add `HttpOnly` (turn off for cookies that scripts must read).
    pub fn http_only(mut self, yes: bool) -> Self {
        self.http_only = yes;
        self
    }

    /// Which `SameSite` to add, or none.
    pub fn same_site(mut self, same_site: Option<SameSite>) -> Self {
        self.same_site = same_site;
        self
    }

    /// Harden only the cookies with these names (case-sensitive, as cookie names are).
    pub fn only<I>(mut self, names: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        self.names = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// The hardened `Set-Cookie` value, or `None` when nothing needs adding. Read as bytes:
    /// a cookie with obs-text (`sid=caf\xe9`, a Latin-1 byte) is hardened like any other.
    pub(crate) fn harden(&self, value: &[u8], add_secure: bool) -> Option<Vec<u8>> {
        let mut parts = value.split(|b| *b == b';');
        let name = parts.next()?.split(|b| *b == b'=').next()?.trim_ascii();
        if name.is_empty() {
            return None;
        }
        if let Some(names) = &self.names
            && !names.iter().any(|n| n.as_bytes() == name)
        {
            return None;
        }
        let (mut has_secure, mut has_http_only, mut has_same_site) = (false, false, false);
        let mut same_site_none = false;
        for attr in parts {
            let (key, value) = match attr.iter().position(|b| *b == b'=') {
                Some(i) => (&attr[..i], &attr[i + 1..]),
                None => (attr, &b""[..]),
            };
            let key = key.trim_ascii();
            has_secure |= key.eq_ignore_ascii_case(b"secure");
            has_http_only |= key.eq_ignore_ascii_case(b"httponly");
            if key.eq_ignore_ascii_case(b"samesite") {
                has_same_site = true;
                same_site_none = value.trim_ascii().eq_ignore_ascii_case(b"none");
            }
        }
        if !has_same_site && self.same_site == Some(SameSite::None) {
            same_site_none = true;
        }
        // Browsers reject these without `Secure` (RFC 6265bis, 4.1.3 and 5.7).
        let prefixed = ["__secure-", "__host-"].iter().any(|p| {
            name.get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
        });
        let needs_secure = prefixed || same_site_none;
        let mut add: Vec<&str> = Vec::new();
        if !has_secure && (self.secure && add_secure || needs_secure) {
            add.push("Secure");
        }
        if self.http_only && !has_http_only {
            add.push("HttpOnly");
        }
        if let (Some(s), false) = (self.same_site, has_same_site) {
            add.push(s.attribute());
        }
        if add.is_empty() {
            return None;
        }
        let mut kept = value.trim_ascii_end();
        while let Some(rest) = kept.strip_suffix(b";") {
            kept = rest;
        }
        let mut out = kept.to_vec();
        for a in add {
            out.extend_from_slice(b"; ");
            out.extend_from_slice(a.as_bytes());
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(c: &CookieHardening, v: &str) -> Option<String> {
        c.harden(v.as_bytes(), true)
            .map(|b| String::from_utf8(b).unwrap())
    }

    #[test]
    fn adds_only_what_is_missing() {
        let c = CookieHardening::new();
        assert_eq!(
            h(&c, "a=1").as_deref(),
            Some("a=1; Secure; HttpOnly; SameSite=Lax")
        );
        assert_eq!(h(&c, "a=1; secure; HTTPONLY; samesite=strict"), None);
        assert_eq!(
            h(&c, "a=1; Path=/;").as_deref(),
            Some("a=1; Path=/; Secure; HttpOnly; SameSite=Lax")
        );
        // Attribute values that merely contain the words do not count.
        assert_eq!(
            h(&c, "a=secure; Path=/httponly").as_deref(),
            Some("a=secure; Path=/httponly; Secure; HttpOnly; SameSite=Lax")
        );
    }

    #[test]
    fn options() {
        let c = CookieHardening::new()
            .http_only(false)
            .same_site(Some(SameSite::Strict))
            .only(["session"]);
        assert_eq!(h(&c, "theme=dark"), None);
        assert_eq!(
            h(&c, "session=x").as_deref(),
            Some("session=x; Secure; SameSite=Strict")
        );
        let dev = CookieHardening::new();
        assert_eq!(
            dev.harden(b"a=1", false)
                .map(|b| String::from_utf8(b).unwrap())
                .as_deref(),
            Some("a=1; HttpOnly; SameSite=Lax")
        );
        assert_eq!(h(&CookieHardening::new(), "=nameless"), None);
    }

    /// Never `SameSite=None` without `Secure`, nor a `__Secure-`/`__Host-` cookie without
    /// it: whatever `secure(..)` says and in development mode too.
    #[test]
    fn never_a_cookie_browsers_reject() {
        let none = CookieHardening::new()
            .secure(false)
            .same_site(Some(SameSite::None));
        assert_eq!(
            h(&none, "a=1").as_deref(),
            Some("a=1; Secure; HttpOnly; SameSite=None")
        );
        let dev = |c: &CookieHardening, v: &str| {
            c.harden(v.as_bytes(), false)
                .map(|b| String::from_utf8(b).unwrap())
        };
        assert_eq!(
            dev(&CookieHardening::new(), "a=1; SameSite=None").as_deref(),
            Some("a=1; SameSite=None; Secure; HttpOnly")
        );
        for name in ["__Host-id", "__Secure-id", "__host-id"] {
            let cookie = format!("{name}=1; Path=/");
            assert_eq!(
                dev(&CookieHardening::new(), &cookie),
                Some(format!("{cookie}; Secure; HttpOnly; SameSite=Lax")),
                "{name}"
            );
            assert_eq!(
                h(&CookieHardening::new().secure(false), &cookie),
                Some(format!("{cookie}; Secure; HttpOnly; SameSite=Lax")),
                "{name}"
            );
        }
        // Already `Secure`: kept as is.
        assert_eq!(
            dev(&none, "__Host-a=1; Secure; HttpOnly; SameSite=None"),
            None
        );
    }

    /// A cookie with obs-text (a byte that is not UTF-8) is hardened like any other, its
    /// bytes kept as they are.
    #[test]
    fn obs_text_cookies_are_hardened() {
        let c = CookieHardening::new();
        assert_eq!(
            c.harden(b"sid=caf\xe9", true).as_deref(),
            Some(&b"sid=caf\xe9; Secure; HttpOnly; SameSite=Lax"[..])
        );
        // A prefixed name gets `Secure` even where `Secure` is not added otherwise.
        assert_eq!(
            c.harden(b"__Host-sid=\xff; Path=/", false).as_deref(),
            Some(&b"__Host-sid=\xff; Path=/; Secure; HttpOnly; SameSite=Lax"[..])
        );
        assert_eq!(
            CookieHardening::new()
                .same_site(Some(SameSite::Strict))
                .only(["sid"])
                .harden(b"sid=\xe9t\xe9; HttpOnly", true)
                .as_deref(),
            Some(&b"sid=\xe9t\xe9; HttpOnly; Secure; SameSite=Strict"[..])
        );
        // Already complete: left alone.
        assert_eq!(
            c.harden(b"sid=\xe9; Secure; HttpOnly; SameSite=Lax", true),
            None
        );
    }
}
