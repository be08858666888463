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

    /// The hardened `Set-Cookie` value, or `None` when nothing needs adding.
    pub(crate) fn harden(&self, value: &[u8], add_secure: bool) -> Option<Vec<u8>> {
        let text = std::str::from_utf8(value).ok()?;
        let mut parts = text.split(';');
        let name = parts.next()?.split('=').next()?.trim();
        if name.is_empty() {
            return None;
        }
        if let Some(names) = &self.names
            && !names.iter().any(|n| n == name)
        {
            return None;
        }
        let (mut has_secure, mut has_http_only, mut has_same_site) = (false, false, false);
        for attr in parts {
            let key = attr.split('=').next().unwrap_or("").trim();
            has_secure |= key.eq_ignore_ascii_case("secure");
            has_http_only |= key.eq_ignore_ascii_case("httponly");
            has_same_site |= key.eq_ignore_ascii_case("samesite");
        }
        let mut add: Vec<&str> = Vec::new();
        if self.secure && add_secure && !has_secure {
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
        let mut out = text.trim_end().trim_end_matches(';').as_bytes().to_vec();
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
}
