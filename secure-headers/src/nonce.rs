//! Per-request CSP nonces: [`CspNonce`].

use std::fmt;

/// How a per-request nonce source is written in a policy until a request fills it in.
pub(crate) const NONCE_SOURCE: &str = "'nonce-{nonce}'";

/// The slot inside [`NONCE_SOURCE`] that each request fills.
pub(crate) const NONCE_SLOT: &str = "{nonce}";

/// Length of a nonce in base64 characters: 18 random bytes (144 bits), no padding.
pub(crate) const LEN: usize = 24;

/// Random bytes per nonce.
#[cfg(feature = "nonce")]
const RAW: usize = 18;

/// Standard base64 of exactly 18 bytes (no padding needed). Written out because it runs
/// once per request: the general-purpose engine of the `base64` crate took about 250
/// instructions for these 18 bytes, this about 140 (callgrind); the tests check it against
/// that crate.
#[cfg(feature = "nonce")]
fn encode(raw: &[u8; RAW]) -> [u8; LEN] {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = [0u8; LEN];
    for (three, four) in raw.chunks_exact(3).zip(out.chunks_exact_mut(4)) {
        let n = (u32::from(three[0]) << 16) | (u32::from(three[1]) << 8) | u32::from(three[2]);
        for (i, c) in four.iter_mut().enumerate() {
            *c = ALPHABET[((n >> (18 - 6 * i)) & 63) as usize];
        }
    }
    out
}

/// Per-thread batches of operating-system randomness for nonces.
#[cfg(feature = "nonce")]
mod pool {
    use std::cell::RefCell;

    use super::RAW;

    /// Nonces per `getrandom` call.
    pub(super) const BATCH: usize = 256;

    pub(super) struct Pool {
        /// Allocated on the thread's first nonce, so that threads that never make one
        /// carry nothing.
        pub(super) bytes: Option<Box<[u8; RAW * BATCH]>>,
        /// Where the next unused nonce starts; `RAW * BATCH` when empty.
        pub(super) next: usize,
    }

    thread_local! {
        pub(super) static POOL: RefCell<Pool> = const {
            RefCell::new(Pool { bytes: None, next: RAW * BATCH })
        };
    }

    /// Fills `out` with bytes from the operating system's CSPRNG that nobody got before.
    pub(super) fn take(out: &mut [u8; RAW]) -> Result<(), getrandom::Error> {
        POOL.with(|pool| {
            let mut pool = pool.borrow_mut();
            let Pool { bytes, next } = &mut *pool;
            let bytes = bytes.get_or_insert_with(|| Box::new([0; RAW * BATCH]));
            if *next >= bytes.len() {
                getrandom::fill(&mut bytes[..])?;
                *next = 0;
            }
            let taken = &mut bytes[*next..*next + RAW];
            out.copy_from_slice(taken);
            taken.fill(0);
            *next += RAW;
            Ok(())
        })
    }

    /// Forgets this thread's unused bytes.
    pub(super) fn discard() {
        POOL.with(|pool| {
            let mut pool = pool.borrow_mut();
            if let Some(bytes) = &mut pool.bytes {
                bytes.fill(0);
            }
            pool.next = RAW * BATCH;
        });
    }
}

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
    /// Each nonce is 18 bytes (144 bits) that the operating system's CSPRNG produced and
    /// that no other nonce uses, in standard base64. The bytes are fetched in batches: one
    /// `getrandom` call per thread fills a buffer for the next 256 nonces, because on
    /// virtualised hosts the system call alone costs more than rendering every security
    /// header of a response. A byte is handed out once and overwritten with zeros as it is
    /// handed out.
    ///
    /// A process that `fork`s and goes on generating nonces in the child without `exec`
    /// must call [`CspNonce::discard_buffered`] in the child first, or parent and child
    /// would hand out the rest of the same batch (Rust web servers do not fork this way;
    /// `std::process::Command` execs at once and is not affected).
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
        let mut random = [0u8; RAW];
        pool::take(&mut random).map_err(|e| {
            crate::Error::new(crate::ErrorKind::InvalidValue)
                .with_directive("nonce")
                .with_detail(format!("the operating system gave no random bytes: {e}"))
        })?;
        Ok(Self {
            bytes: encode(&random),
        })
    }

    /// Drops the random bytes this thread fetched for nonces it has not handed out yet;
    /// the next [`generate`](Self::generate) on this thread asks the operating system
    /// again. Call it in a child process after `fork` (without `exec`) before it makes
    /// nonces; other threads of the parent do not exist in the child.
    ///
    /// ```
    /// use secure_headers::CspNonce;
    /// let before = CspNonce::generate().unwrap();
    /// CspNonce::discard_buffered();
    /// assert_ne!(CspNonce::generate().unwrap(), before);
    /// ```
    #[cfg(feature = "nonce")]
    #[cfg_attr(docsrs, doc(cfg(feature = "nonce")))]
    pub fn discard_buffered() {
        pool::discard();
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
///
/// ```
/// let nonce: secure_headers::CspNonce = "rAnd0mRAND0mrand0mRAND0m".parse()?;
/// let page = format!("<script {}>start()</script>", nonce.attribute());
/// assert_eq!(page, r#"<script nonce="rAnd0mRAND0mrand0mRAND0m">start()</script>"#);
/// # Ok::<(), secure_headers::Error>(())
/// ```
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
    fn the_encoder_is_standard_base64() {
        use base64::Engine as _;
        let mut raw = [0u8; RAW];
        for round in 0..2000u32 {
            getrandom::fill(&mut raw).unwrap();
            if round < 256 {
                raw = [u8::try_from(round).unwrap(); RAW];
            }
            let expected = base64::engine::general_purpose::STANDARD.encode(raw);
            assert_eq!(std::str::from_utf8(&encode(&raw)).unwrap(), expected);
        }
    }

    #[test]
    fn pool_hands_out_each_byte_once_and_zeroes_it() {
        CspNonce::discard_buffered();
        let first = CspNonce::generate().unwrap();
        pool::POOL.with(|p| {
            let p = p.borrow();
            let bytes = p.bytes.as_ref().unwrap();
            assert_eq!(p.next, RAW);
            assert_eq!(bytes[..RAW], [0; RAW], "a handed-out nonce is wiped");
            assert_ne!(bytes[RAW..2 * RAW], [0; RAW]);
        });
        // Across several refills, every nonce differs.
        let mut seen = std::collections::HashSet::from([first]);
        for _ in 0..(3 * pool::BATCH + 5) {
            assert!(seen.insert(CspNonce::generate().unwrap()));
        }
        CspNonce::discard_buffered();
        pool::POOL.with(|p| {
            let p = p.borrow();
            assert_eq!(p.next, RAW * pool::BATCH);
            assert!(p.bytes.as_ref().unwrap().iter().all(|&b| b == 0));
        });
    }

    #[test]
    fn threads_draw_their_own_bytes() {
        let nonces: Vec<CspNonce> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| {
                    s.spawn(|| {
                        (0..100)
                            .map(|_| CspNonce::generate().unwrap())
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap())
                .collect()
        });
        let distinct: std::collections::HashSet<_> = nonces.iter().collect();
        assert_eq!(distinct.len(), 400);
    }

    #[test]
    fn parse_rejects_bad_values() {
        assert!("short".parse::<CspNonce>().is_err());
        assert!("rAnd0mRAND0mrand0mRAND0\"".parse::<CspNonce>().is_err());
        assert!("rAnd0mRAND0mrand0mRAND0m".parse::<CspNonce>().is_ok());
    }
}
