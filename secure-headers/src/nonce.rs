//! Per-request CSP nonces: [`CspNonce`].

use std::fmt;

/// How a per-request nonce source is written in a policy until a request fills it in.
pub(crate) const NONCE_SOURCE: &str = "'nonce-{nonce}'";

/// The slot inside [`NONCE_SOURCE`] that each request fills.
pub(crate) const NONCE_SLOT: &str = "{nonce}";

/// Length of a nonce in base64 characters: 18 random bytes (144 bits), no padding.
const LEN: usize = 24;

/// A per-request CSP nonce: 144 bits from the operating system's CSPRNG, in base64.
///
/// The middleware generates one for every request whose policy uses
/// [`Source::nonce`](crate::csp::Source::nonce), puts it into every directive that carries
/// it (in the enforced and the report-only policy alike), and hands it to the handler
/// through the request's extensions. Put it on inline `<script>` and `<style>` elements
/// with [`CspNonce::attribute`].
///
/// It is a small `Copy` value kept inline: passing it around allocates nothing.
///
/// ```
/// use secure_headers::CspNonce;
///
/// let nonce: CspNonce = "rAnd0mRAND0mrand0mRAND0m".parse()?;
/// assert_eq!(nonce.as_str(), "rAnd0mRAND0mrand0mRAND0m");
/// assert_eq!(
///     format!("<script {}>boot()</script>", nonce.attribute()),
///     r#"<script nonce="rAnd0mRAND0mrand0mRAND0m">boot()</script>"#
/// );
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct CspNonce {
    bytes: [u8; LEN],
}

impl CspNonce {
    /// A fresh nonce from the operating system's CSPRNG (`getrandom`).
    ///
    /// # Errors
    ///
    /// If the operating system cannot provide random bytes (practically never on a running
    /// system); the middleware then sends the policy without a nonce, which blocks every
    /// inline script: it fails closed.
    ///
    /// ```
    /// use secure_headers::CspNonce;
    /// let (a, b) = (CspNonce::generate().unwrap(), CspNonce::generate().unwrap());
    /// assert_ne!(a, b);
    /// assert_eq!(a.as_str().len(), 24);
    /// ```
    #[cfg(feature = "nonce")]
    #[cfg_attr(docsrs, doc(cfg(feature = "nonce")))]
    pub fn generate() -> Result<Self, crate::Error> {
        use base64::Engine as _;
        let mut random = [0u8; 18];
        getrandom::fill(&mut random).map_err(|e| {
            crate::Error::new(crate::ErrorKind::InvalidValue)
                .with_directive("nonce")
                .with_detail(format!("the operating system gave no random bytes: {e}"))
        })?;
        let mut bytes = [0u8; LEN];
        let written = base64::engine::general_purpose::STANDARD
            .encode_slice(random, &mut bytes)
            .expect("18 bytes encode to exactly 24 base64 characters");
        debug_assert_eq!(written, LEN);
        Ok(Self { bytes })
    }

    /// The nonce's value (24 base64 characters), as it appears in `'nonce-…'`.
    #[must_use]
    pub fn as_str(&self) -> &str {
        // Only base64 characters are ever stored: generated, or checked by `from_str`.
        std::str::from_utf8(&self.bytes).unwrap_or_default()
    }

    /// The nonce's value as bytes (no UTF-8 check: the per-response path uses this).
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The `nonce="…"` attribute for an inline `<script>` or `<style>` element (its
    /// `Display` writes the attribute; base64 needs no HTML escaping).
    #[must_use]
    pub fn attribute(&self) -> NonceAttribute<'_> {
        NonceAttribute(self)
    }
}

impl std::str::FromStr for CspNonce {
    type Err = crate::Error;

    /// A nonce from its 24-character base64 value (for tests, or a nonce made elsewhere).
    fn from_str(s: &str) -> Result<Self, crate::Error> {
        let ok = s.len() == LEN
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_'));
        if !ok {
            return Err(crate::Error::new(crate::ErrorKind::InvalidValue)
                .with_header("Content-Security-Policy")
                .with_directive("nonce")
                .with_input(s)
                .with_detail("a nonce is 24 base64 characters"));
        }
        let mut bytes = [0u8; LEN];
        bytes.copy_from_slice(s.as_bytes());
        Ok(Self { bytes })
    }
}

impl fmt::Display for CspNonce {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CspNonce {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("CspNonce").field(&self.as_str()).finish()
    }
}

/// The `nonce="…"` attribute of a [`CspNonce`], for HTML templates.
#[derive(Clone, Copy, Debug)]
pub struct NonceAttribute<'a>(&'a CspNonce);

impl fmt::Display for NonceAttribute<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "nonce=\"{}\"", self.0.as_str())
    }
}

#[cfg(all(test, feature = "nonce"))]
mod tests {
    use super::*;

    #[test]
    fn generated_nonces_are_distinct_base64_of_144_bits() {
        use base64::Engine as _;
        let mut seen = std::collections::HashSet::new();
        for _ in 0..1000 {
            let n = CspNonce::generate().unwrap();
            let raw = base64::engine::general_purpose::STANDARD
                .decode(n.as_str())
                .unwrap();
            assert_eq!(raw.len(), 18);
            assert!(seen.insert(n));
        }
    }

    #[test]
    fn parse_rejects_bad_values() {
        assert!("short".parse::<CspNonce>().is_err());
        assert!("rAnd0mRAND0mrand0mRAND0\"".parse::<CspNonce>().is_err());
        assert!("rAnd0mRAND0mrand0mRAND0m".parse::<CspNonce>().is_ok());
    }
}
