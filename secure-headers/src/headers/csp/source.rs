//! CSP source expressions (`'self'`, `https:`, `*.example.com`, `'nonce-…'`, `'sha256-…'`).

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::text::{At, clean_token};
use crate::{Error, ErrorKind};

use super::HEADER;

/// A CSP source expression: one entry of a source list such as `script-src`.
///
/// A `Source` is always valid once made: the associated consts are fixed, the
/// constructors ([`Source::scheme`], [`Source::host`], [`Source::nonce_value`],
/// [`Source::hash`]) and [`str::parse`] check the
/// [CSP Level 3 grammar](https://www.w3.org/TR/CSP3/#grammardef-source-expression):
///
/// | Kind | Examples |
/// |---|---|
/// | keyword | [`Source::SELF`] `'self'`, [`Source::NONE`] `'none'`, [`Source::UNSAFE_INLINE`], [`Source::STRICT_DYNAMIC`], ... |
/// | wildcard | [`Source::WILDCARD`] `*` |
/// | scheme | [`Source::HTTPS`] `https:`, [`Source::DATA`] `data:`, `Source::scheme("ws")` |
/// | host | `example.com`, `*.example.com`, `https://cdn.example.com:443/js/` |
/// | nonce | `Source::nonce_value("rAnd0m")` → `'nonce-rAnd0m'` |
/// | hash | `Source::hash(HashAlgorithm::Sha256, "…")` → `'sha256-…'` |
///
/// Parsing is strict where a mistake would silently weaken or break a policy: a keyword
/// written without its quotes (`self`, which a browser reads as a host named `self`)
/// is an [`ErrorKind::UnquotedKeyword`] error whose detail gives the quoted form, and an
/// unknown quoted keyword is an [`ErrorKind::InvalidSource`] error that names the
/// keyword it is a typo of, if any (`'unsafe-inlin'`: did you mean `'unsafe-inline'`?).
/// A keyword this crate does not know yet is sent with [`Source::unlisted_keyword`].
/// Keywords and schemes are ASCII case-insensitive and rendered in lowercase; hosts,
/// paths, nonces and hashes are kept as written.
///
/// The keywords are those of the `keyword-source` grammar of the CSP Level 3 editor's
/// draft ([§2.3.1 Source Lists](https://w3c.github.io/webappsec-csp/#framework-directive-source-list)),
/// `'none'`, and `'inline-speculation-rules'` of the
/// [Speculation Rules](https://wicg.github.io/nav-speculation/speculation-rules.html#content-security-policy)
/// draft.
///
/// A received policy ([`ContentSecurityPolicy`](super::ContentSecurityPolicy)'s
/// `FromStr`) is read as a browser reads it: an expression this crate does not recognise
/// is kept verbatim as a [`SourceKind::Unknown`] source instead of failing the policy.
///
/// ```
/// use secure_headers::csp::{HashAlgorithm, Source};
/// use secure_headers::ErrorKind;
///
/// assert_eq!(Source::SELF.to_string(), "'self'");
/// assert_eq!("'SELF'".parse::<Source>().unwrap(), Source::SELF);
/// assert_eq!("https:".parse::<Source>().unwrap(), Source::HTTPS);
/// assert_eq!(Source::host("*.example.com").unwrap().as_str(), "*.example.com");
/// assert_eq!(Source::nonce_value("rAnd0m").unwrap().as_str(), "'nonce-rAnd0m'");
/// let hash = Source::hash(HashAlgorithm::Sha256, "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=").unwrap();
/// assert_eq!(hash.as_str(), "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
///
/// let err = "self".parse::<Source>().unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::UnquotedKeyword);
/// assert_eq!(err.detail(), Some("use 'self'"));
/// assert_eq!("'unsafe-everything'".parse::<Source>().unwrap_err().kind(), ErrorKind::InvalidSource);
/// assert_eq!("'report-sha256'".parse::<Source>().unwrap(), Source::REPORT_SHA256);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Source {
    kind: SourceKind,
    /// The rendered expression.
    text: Cow<'static, str>,
}

/// What kind of source expression a [`Source`] is.
///
/// ```
/// use secure_headers::csp::{Source, SourceKind};
///
/// let kinds: Vec<SourceKind> = ["'self'", "https:", "https://cdn.example.com", "*"]
///     .iter()
///     .map(|s| s.parse::<Source>().map(|s| s.kind()))
///     .collect::<Result<_, _>>()?;
/// assert_eq!(kinds, [SourceKind::Keyword, SourceKind::Scheme, SourceKind::Host, SourceKind::Wildcard]);
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// A quoted keyword: `'self'`, `'none'`, `'unsafe-inline'`, ...
    Keyword,
    /// `*`: any URL except `data:`, `blob:`, `filesystem:` and the like.
    Wildcard,
    /// A scheme: `https:`, `data:`, ...
    Scheme,
    /// A host, with optional scheme, port and path: `https://*.example.com:443/path/`.
    Host,
    /// A fixed nonce: `'nonce-…'`.
    Nonce,
    /// The per-request nonce, [`Source::nonce`]: `'nonce-{nonce}'` until a request fills it in.
    RequestNonce,
    /// A hash of an inline script or style: `'sha256-…'`.
    Hash,
    /// An expression this crate does not recognise, kept verbatim: a quoted keyword it
    /// does not know ([`Source::unlisted_keyword`], or found in a received policy), or, in
    /// a received policy, text outside the CSP grammar. Browsers ignore what they do not
    /// know; `lint` reports it.
    Unknown,
}

/// The digest algorithm of a hash source (`'sha256-…'`).
///
/// See [CSP3 hash-source](https://www.w3.org/TR/CSP3/#grammardef-hash-source).
///
/// ```
/// use secure_headers::csp::HashAlgorithm;
///
/// assert_eq!(HashAlgorithm::Sha384.as_str(), "sha384");
/// assert_eq!(HashAlgorithm::Sha384.digest_len(), 48);
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HashAlgorithm {
    /// SHA-256 (32-byte digest).
    Sha256,
    /// SHA-384 (48-byte digest).
    Sha384,
    /// SHA-512 (64-byte digest).
    Sha512,
}

impl HashAlgorithm {
    /// Every algorithm CSP knows.
    pub const ALL: [HashAlgorithm; 3] = [Self::Sha256, Self::Sha384, Self::Sha512];

    /// The name used in a hash source (`sha256`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Sha256 => "sha256",
            Self::Sha384 => "sha384",
            Self::Sha512 => "sha512",
        }
    }

    /// The length of the digest in bytes.
    #[must_use]
    pub const fn digest_len(self) -> usize {
        match self {
            Self::Sha256 => 32,
            Self::Sha384 => 48,
            Self::Sha512 => 64,
        }
    }
}

impl fmt::Display for HashAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A value that can become a [`Source`]: a `Source` itself, or a string to parse.
///
/// This is what the source-list methods of
/// [`ContentSecurityPolicy`](super::ContentSecurityPolicy) take, so that both
/// `.script_src(["'self'", "https://cdn.example.com"])` and
/// `.script_src([Source::SELF, Source::UNSAFE_INLINE])` work. A string that does not
/// parse makes the policy's `render()` fail, naming the header, the directive and the
/// string.
///
/// ```
/// use secure_headers::csp::{IntoSource, Source};
///
/// assert_eq!("'self'".into_source().unwrap(), Source::SELF);
/// assert_eq!(Source::DATA.into_source().unwrap(), Source::DATA);
/// assert!("self".into_source().is_err());
/// ```
pub trait IntoSource {
    /// Converts `self` into a source, or says why it is not one.
    fn into_source(self) -> Result<Source, Error>;
}

impl IntoSource for Source {
    fn into_source(self) -> Result<Source, Error> {
        Ok(self)
    }
}

impl IntoSource for &Source {
    fn into_source(self) -> Result<Source, Error> {
        Ok(self.clone())
    }
}

impl IntoSource for &str {
    fn into_source(self) -> Result<Source, Error> {
        parse_source(self)
    }
}

impl IntoSource for &&str {
    fn into_source(self) -> Result<Source, Error> {
        parse_source(self)
    }
}

impl IntoSource for String {
    fn into_source(self) -> Result<Source, Error> {
        parse_source(&self)
    }
}

impl IntoSource for &String {
    fn into_source(self) -> Result<Source, Error> {
        parse_source(self)
    }
}

/// The keywords, quoted and lowercase: CSP3's `keyword-source`, `'none'` and
/// `'inline-speculation-rules'`.
const KEYWORDS: [&str; 15] = [
    "'self'",
    "'none'",
    "'unsafe-inline'",
    "'unsafe-eval'",
    "'strict-dynamic'",
    "'unsafe-hashes'",
    "'report-sample'",
    "'wasm-unsafe-eval'",
    "'unsafe-allow-redirects'",
    "'trusted-types-eval'",
    "'inline-speculation-rules'",
    "'report-sha256'",
    "'report-sha384'",
    "'report-sha512'",
    "'unsafe-webtransport-hashes'",
];

const fn fixed(kind: SourceKind, text: &'static str) -> Source {
    Source {
        kind,
        text: Cow::Borrowed(text),
    }
}

impl Source {
    /// `'self'`: the page's own origin (and its `https:`/`wss:` upgrades).
    pub const SELF: Source = fixed(SourceKind::Keyword, "'self'");
    /// `'none'`: nothing. Must be the only source of its directive.
    pub const NONE: Source = fixed(SourceKind::Keyword, "'none'");
    /// `'unsafe-inline'`: allows inline scripts or styles (**defeats most XSS protection
    /// of `script-src`**; ignored when a nonce or hash is present).
    pub const UNSAFE_INLINE: Source = fixed(SourceKind::Keyword, "'unsafe-inline'");
    /// `'unsafe-eval'`: allows `eval()` and similar (**risky**).
    pub const UNSAFE_EVAL: Source = fixed(SourceKind::Keyword, "'unsafe-eval'");
    /// `'strict-dynamic'`: trust scripts loaded by an already trusted (nonced or hashed)
    /// script; host and scheme sources are then ignored.
    pub const STRICT_DYNAMIC: Source = fixed(SourceKind::Keyword, "'strict-dynamic'");
    /// `'unsafe-hashes'`: lets hashes match inline event handlers and `style` attributes.
    pub const UNSAFE_HASHES: Source = fixed(SourceKind::Keyword, "'unsafe-hashes'");
    /// `'report-sample'`: include a sample of the violating code in reports.
    pub const REPORT_SAMPLE: Source = fixed(SourceKind::Keyword, "'report-sample'");
    /// `'wasm-unsafe-eval'`: allows compiling WebAssembly, but not JavaScript `eval()`.
    pub const WASM_UNSAFE_EVAL: Source = fixed(SourceKind::Keyword, "'wasm-unsafe-eval'");
    /// `'unsafe-allow-redirects'`: let navigation checks follow redirects (it belonged to the
    /// removed `navigate-to` directive).
    pub const UNSAFE_ALLOW_REDIRECTS: Source =
        fixed(SourceKind::Keyword, "'unsafe-allow-redirects'");
    /// `'trusted-types-eval'`: allows `eval()` with Trusted Types enforced.
    pub const TRUSTED_TYPES_EVAL: Source = fixed(SourceKind::Keyword, "'trusted-types-eval'");
    /// `'inline-speculation-rules'`: allows inline `<script type="speculationrules">`.
    pub const INLINE_SPECULATION_RULES: Source =
        fixed(SourceKind::Keyword, "'inline-speculation-rules'");
    /// `'report-sha256'`: report the SHA-256 hash of every script the directive loads
    /// (a `csp-hash` report to the policy's `report-to` group). Allows nothing by itself.
    /// ([CSP3, "Potentially report hash"](https://w3c.github.io/webappsec-csp/#potentially-report-hash))
    pub const REPORT_SHA256: Source = fixed(SourceKind::Keyword, "'report-sha256'");
    /// `'report-sha384'`: as [`Source::REPORT_SHA256`], with SHA-384.
    pub const REPORT_SHA384: Source = fixed(SourceKind::Keyword, "'report-sha384'");
    /// `'report-sha512'`: as [`Source::REPORT_SHA256`], with SHA-512.
    pub const REPORT_SHA512: Source = fixed(SourceKind::Keyword, "'report-sha512'");
    /// `'unsafe-webtransport-hashes'`: lets `connect-src` allow WebTransport connections
    /// authenticated by `serverCertificateHashes` (**risky**: the certificate is then
    /// not checked against a trusted root).
    pub const UNSAFE_WEBTRANSPORT_HASHES: Source =
        fixed(SourceKind::Keyword, "'unsafe-webtransport-hashes'");
    /// `*`: any URL with a network scheme (not `data:`, `blob:`, ...).
    pub const WILDCARD: Source = fixed(SourceKind::Wildcard, "*");
    /// `https:`: any URL over HTTPS.
    pub const HTTPS: Source = fixed(SourceKind::Scheme, "https:");
    /// `http:`: any URL over HTTP (and HTTPS).
    pub const HTTP: Source = fixed(SourceKind::Scheme, "http:");
    /// `data:`: `data:` URLs (**risky in `script-src`**).
    pub const DATA: Source = fixed(SourceKind::Scheme, "data:");
    /// `blob:`: `blob:` URLs.
    pub const BLOB: Source = fixed(SourceKind::Scheme, "blob:");
    /// `wss:`: secure WebSocket URLs.
    pub const WSS: Source = fixed(SourceKind::Scheme, "wss:");
    /// `mediastream:`: `mediastream:` URLs.
    pub const MEDIASTREAM: Source = fixed(SourceKind::Scheme, "mediastream:");
    /// `filesystem:`: `filesystem:` URLs.
    pub const FILESYSTEM: Source = fixed(SourceKind::Scheme, "filesystem:");

    /// A scheme source (`https:`), from a scheme with or without its colon.
    ///
    /// The scheme must be a letter followed by letters, digits, `+`, `-` or `.`; it is
    /// lowercased.
    ///
    /// ```
    /// use secure_headers::csp::Source;
    ///
    /// assert_eq!(Source::scheme("WS").unwrap().as_str(), "ws:");
    /// assert_eq!(Source::scheme("https:").unwrap(), Source::HTTPS);
    /// assert!(Source::scheme("https://").is_err());
    /// ```
    pub fn scheme(scheme: impl AsRef<str>) -> Result<Source, Error> {
        let input = scheme.as_ref();
        let s = clean_token(At::header(HEADER), input)?;
        let name = s.strip_suffix(':').unwrap_or(s);
        if !is_scheme(name) {
            let detail = "a scheme is a letter followed by letters, digits, '+', '-' or '.'";
            return Err(invalid(input, detail));
        }
        let text = format!("{}:", name.to_ascii_lowercase());
        Ok(Source {
            kind: SourceKind::Scheme,
            text: Cow::Owned(text),
        })
    }

    /// A host source: `example.com`, `*.example.com`, `https://cdn.example.com:443/js/`.
    ///
    /// Grammar (CSP3): `[ scheme "://" ] host [ ":" port ] [ path ]`, where the host is
    /// `*` or dot-separated labels of letters, digits and `-`, optionally starting with
    /// `*.`; the port is digits or `*`; the path holds no query or fragment, and no `;`,
    /// `,`, quotes or whitespace (percent-encode them).
    ///
    /// ```
    /// use secure_headers::csp::Source;
    /// use secure_headers::ErrorKind;
    ///
    /// assert!(Source::host("https://cdn.example.com:443/js/").is_ok());
    /// assert!(Source::host("http://localhost:*").is_ok());
    /// assert_eq!(Source::host("example.com/?q=1").unwrap_err().kind(), ErrorKind::InvalidSource);
    /// assert_eq!(Source::host("self").unwrap_err().kind(), ErrorKind::UnquotedKeyword);
    /// ```
    pub fn host(host: impl AsRef<str>) -> Result<Source, Error> {
        let input = host.as_ref();
        let s = clean_token(At::header(HEADER), input)?;
        check_unquoted_keyword(s, input)?;
        check_host_source(s).map_err(|detail| invalid(input, detail))?;
        Ok(Source {
            kind: SourceKind::Host,
            text: Cow::Owned(s.to_owned()),
        })
    }

    /// The `'report-sha…'` keyword of `algorithm`: [`Source::REPORT_SHA256`], ...
    ///
    /// ```
    /// use secure_headers::csp::{HashAlgorithm, Source};
    ///
    /// assert_eq!(Source::report_hash(HashAlgorithm::Sha384).as_str(), "'report-sha384'");
    /// ```
    #[must_use]
    pub const fn report_hash(algorithm: HashAlgorithm) -> Source {
        match algorithm {
            HashAlgorithm::Sha256 => Self::REPORT_SHA256,
            HashAlgorithm::Sha384 => Self::REPORT_SHA384,
            HashAlgorithm::Sha512 => Self::REPORT_SHA512,
        }
    }

    /// A quoted keyword this crate does not know yet, sent as given: the explicit opt-in
    /// for a keyword newer than this crate (the string methods refuse unknown keywords,
    /// to catch typos).
    ///
    /// `keyword` is the word with or without its single quotes; it must be ASCII letters,
    /// digits and `-`, and is lowercased. A known keyword gives its typed source, and a
    /// nonce or hash is checked as one.
    ///
    /// ```
    /// use secure_headers::csp::{Source, SourceKind};
    /// use secure_headers::{ContentSecurityPolicy, Policy};
    ///
    /// let next = Source::unlisted_keyword("'unsafe-future'").unwrap();
    /// assert_eq!(next.kind(), SourceKind::Unknown);
    /// let csp = ContentSecurityPolicy::new().script_src([Source::SELF, next]);
    /// assert_eq!(csp.render().unwrap(), "script-src 'self' 'unsafe-future'");
    ///
    /// assert_eq!(Source::unlisted_keyword("self").unwrap(), Source::SELF);
    /// assert!(Source::unlisted_keyword("'a b'").is_err());
    /// assert!("'unsafe-future'".parse::<Source>().is_err());
    /// ```
    pub fn unlisted_keyword(keyword: impl AsRef<str>) -> Result<Source, Error> {
        let input = keyword.as_ref();
        let s = clean_token(At::header(HEADER), input)?;
        let word = s
            .strip_prefix('\'')
            .and_then(|w| w.strip_suffix('\''))
            .unwrap_or(s);
        if word.is_empty() || !word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            let detail = "a keyword is ASCII letters, digits and '-' between single quotes";
            return Err(invalid(input, detail));
        }
        let quoted = format!("'{}'", word.to_ascii_lowercase());
        match parse_quoted(&quoted, input) {
            Ok(known) => Ok(known),
            Err(e) if is_nonce_or_hash(&quoted) => Err(e),
            Err(_) => Ok(Source {
                kind: SourceKind::Unknown,
                text: Cow::Owned(quoted),
            }),
        }
    }

    /// The per-request nonce: a fresh, unguessable value for every response.
    ///
    /// It renders as `'nonce-{nonce}'`; the middleware replaces `{nonce}` with a new
    /// [`CspNonce`](crate::CspNonce) for each request (the same one in every directive and
    /// in both the enforced and the report-only policy) and hands it to the handler through
    /// the request's extensions. Building a [`Secure`](crate::Secure) that uses it needs the
    /// `nonce` feature.
    ///
    /// ```
    /// use secure_headers::{ContentSecurityPolicy, Policy, csp::Source};
    ///
    /// let csp = ContentSecurityPolicy::new().script_src([Source::nonce(), Source::STRICT_DYNAMIC]);
    /// assert_eq!(csp.render().unwrap(), "script-src 'nonce-{nonce}' 'strict-dynamic'");
    /// ```
    #[must_use]
    pub const fn nonce() -> Source {
        Source {
            kind: SourceKind::RequestNonce,
            text: Cow::Borrowed(crate::nonce::NONCE_SOURCE),
        }
    }

    /// A fixed nonce source, `'nonce-<value>'`.
    ///
    /// The value must be base64 or base64url (`[A-Za-z0-9+/_=-]+`). A fixed nonce is
    /// only safe if it is unguessable and changes with every response; per-request
    /// nonces are generated by the middleware instead.
    ///
    /// ```
    /// use secure_headers::csp::Source;
    ///
    /// assert_eq!(Source::nonce_value("rAnd0m+/=").unwrap().as_str(), "'nonce-rAnd0m+/='");
    /// assert!(Source::nonce_value("not valid!").is_err());
    /// ```
    pub fn nonce_value(value: impl AsRef<str>) -> Result<Source, Error> {
        let input = value.as_ref();
        let v = clean_token(At::header(HEADER), input)?;
        if !v.bytes().all(|b| is_base64_char(b) || b == b'=') {
            let detail =
                "a nonce is base64 or base64url: letters, digits, '+', '/', '-', '_' and '='";
            return Err(invalid(input, detail));
        }
        Ok(Source {
            kind: SourceKind::Nonce,
            text: Cow::Owned(format!("'nonce-{v}'")),
        })
    }

    /// A hash source, `'<algorithm>-<base64 digest>'`.
    ///
    /// The digest must be base64 (or base64url) with its `=` padding, and exactly as long
    /// as the algorithm's digest (44 characters for SHA-256, 64 for SHA-384, 88 for
    /// SHA-512).
    ///
    /// ```
    /// use secure_headers::csp::{HashAlgorithm, Source};
    ///
    /// let empty_script = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
    /// let s = Source::hash(HashAlgorithm::Sha256, empty_script).unwrap();
    /// assert_eq!(s.as_str(), "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
    /// assert_eq!(s.hash_algorithm(), Some(HashAlgorithm::Sha256));
    /// assert!(Source::hash(HashAlgorithm::Sha384, empty_script).is_err());
    /// ```
    pub fn hash(algorithm: HashAlgorithm, digest: impl AsRef<str>) -> Result<Source, Error> {
        let input = digest.as_ref();
        let d = clean_token(At::header(HEADER), input)?;
        check_digest(algorithm, d).map_err(|detail| invalid(input, detail))?;
        Ok(Source {
            kind: SourceKind::Hash,
            text: Cow::Owned(format!("'{algorithm}-{d}'")),
        })
    }

    /// The hash source of an inline script or style: `'sha256-…'` of `content`, exactly as
    /// it stands between the tags (browsers hash the element's text, whitespace included).
    ///
    /// ```
    /// use secure_headers::csp::{HashAlgorithm, Source};
    ///
    /// // The example of the CSP specification.
    /// let s = Source::hash_of(HashAlgorithm::Sha256, "alert('Hello, world.');");
    /// assert_eq!(s.as_str(), "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='");
    /// ```
    #[cfg(feature = "hash")]
    #[cfg_attr(docsrs, doc(cfg(feature = "hash")))]
    #[must_use]
    pub fn hash_of(algorithm: HashAlgorithm, content: impl AsRef<[u8]>) -> Source {
        use base64::Engine as _;
        use sha2::Digest as _;
        let content = content.as_ref();
        let digest = match algorithm {
            HashAlgorithm::Sha256 => sha2::Sha256::digest(content).to_vec(),
            HashAlgorithm::Sha384 => sha2::Sha384::digest(content).to_vec(),
            HashAlgorithm::Sha512 => sha2::Sha512::digest(content).to_vec(),
        };
        let b64 = base64::engine::general_purpose::STANDARD.encode(digest);
        Source {
            kind: SourceKind::Hash,
            text: Cow::Owned(format!("'{algorithm}-{b64}'")),
        }
    }

    /// The expression as it is written in the header.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// What kind of expression this is.
    #[must_use]
    pub fn kind(&self) -> SourceKind {
        self.kind
    }

    /// The algorithm of a hash source, `None` for other kinds.
    #[must_use]
    pub fn hash_algorithm(&self) -> Option<HashAlgorithm> {
        if self.kind != SourceKind::Hash {
            return None;
        }
        let name = self.text.get(1..7)?;
        HashAlgorithm::ALL.into_iter().find(|a| a.as_str() == name)
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl AsRef<str> for Source {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl FromStr for Source {
    type Err = Error;

    /// Parses one source expression; surrounding spaces are ignored.
    fn from_str(s: &str) -> Result<Self, Error> {
        parse_source(s)
    }
}

/// An `InvalidSource` error about `input`.
fn invalid(input: &str, detail: impl Into<Box<str>>) -> Error {
    At::header(HEADER)
        .error(ErrorKind::InvalidSource, input)
        .with_detail(detail)
}

/// Parses one source expression. Errors name the header and the input (not the
/// directive, which the caller adds).
pub(crate) fn parse_source(input: &str) -> Result<Source, Error> {
    let s = clean_token(At::header(HEADER), input)?;
    if s == "*" {
        return Ok(Source::WILDCARD);
    }
    if s.starts_with('\'') {
        return parse_quoted(s, input);
    }
    if s.starts_with('"') {
        let inner = s.trim_matches('"');
        let detail = format!("CSP keywords use single quotes: '{inner}'");
        return Err(invalid(input, detail));
    }
    check_unquoted_keyword(s, input)?;
    if let Some(scheme) = s.strip_suffix(':')
        && !scheme.contains([':', '/'])
    {
        return Source::scheme(scheme).map_err(|e| e.with_input(input));
    }
    check_host_source(s).map_err(|detail| invalid(input, detail))?;
    Ok(Source {
        kind: SourceKind::Host,
        text: Cow::Owned(s.to_owned()),
    })
}

/// Parses `'…'`.
fn parse_quoted(s: &str, input: &str) -> Result<Source, Error> {
    let inner = match s.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')) {
        Some(inner) if !inner.is_empty() && !inner.contains('\'') => inner,
        _ => {
            let detail = "a keyword is one word between single quotes";
            return Err(invalid(input, detail));
        }
    };
    let lower = inner.to_ascii_lowercase();
    if let Some(k) = KEYWORDS.iter().find(|k| k[1..k.len() - 1] == lower) {
        return Ok(fixed(SourceKind::Keyword, k));
    }
    if s == crate::nonce::NONCE_SOURCE {
        return Ok(Source::nonce());
    }
    if lower.starts_with("nonce-") {
        return Source::nonce_value(&inner[6..]).map_err(|e| e.with_input(input));
    }
    for alg in HashAlgorithm::ALL {
        if let Some(rest) = lower.strip_prefix(alg.as_str())
            && rest.starts_with('-')
        {
            let digest = &inner[alg.as_str().len() + 1..];
            return Source::hash(alg, digest).map_err(|e| e.with_input(input));
        }
    }
    // Only a quoted URL, host with a dot or scheme is said to be one: a quoted word is
    // a keyword to a browser, and unquoting it would make it a host source.
    let url_like = inner.contains(['.', ':', '/'])
        && (check_host_source(inner).is_ok() || inner.strip_suffix(':').is_some_and(is_scheme));
    let detail = if url_like {
        format!(
            "a quoted host or scheme is not a source (browsers ignore it); host and scheme sources are written without quotes: {inner}"
        )
    } else if let Some(k) = crate::text::closest(s, KEYWORDS) {
        format!("unknown keyword; did you mean {k}?")
    } else {
        format!(
            "unknown keyword; known keywords are {}; send a newer one with Source::unlisted_keyword",
            KEYWORDS.join(" ")
        )
    };
    Err(invalid(input, detail))
}

/// True for `'nonce-…'` and `'sha…-…'`.
fn is_nonce_or_hash(quoted: &str) -> bool {
    let lower = quoted.to_ascii_lowercase();
    ["'nonce-", "'sha256-", "'sha384-", "'sha512-"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// Reads one source expression of a received policy as a browser does: what the strict
/// parser refuses is kept verbatim (a keyword written without quotes is the host it
/// reads as; anything else is [`SourceKind::Unknown`]). Only text that cannot be one
/// token at all (whitespace, separators, control characters) is an error.
pub(crate) fn parse_received_source(input: &str) -> Result<Source, Error> {
    let s = clean_token(At::header(HEADER), input)?;
    match parse_source(s) {
        Ok(source) => Ok(source),
        Err(_) => {
            let kind = if !s.starts_with(['\'', '"']) && check_host_source(s).is_ok() {
                SourceKind::Host
            } else {
                SourceKind::Unknown
            };
            Ok(Source {
                kind,
                text: Cow::Owned(s.to_owned()),
            })
        }
    }
}

/// Rejects a keyword written without quotes (`self`), and an unquoted nonce or hash.
fn check_unquoted_keyword(s: &str, input: &str) -> Result<(), Error> {
    let lower = s.to_ascii_lowercase();
    let quoted = KEYWORDS
        .iter()
        .find(|k| k[1..k.len() - 1] == lower)
        .map(|k| (*k).to_owned())
        .or_else(|| {
            let prefixed = ["nonce-", "sha256-", "sha384-", "sha512-"]
                .iter()
                .any(|p| lower.starts_with(p));
            (prefixed && !s.contains('.')).then(|| format!("'{s}'"))
        });
    match quoted {
        Some(q) => Err(At::header(HEADER)
            .error(ErrorKind::UnquotedKeyword, input)
            .with_detail(format!("use {q}"))),
        None => Ok(()),
    }
}

/// `scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`
fn is_scheme(s: &str) -> bool {
    let mut bytes = s.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}

/// The base64 and base64url alphabets (without padding).
fn is_base64_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_')
}

/// Checks a hash digest: base64 of exactly the algorithm's digest length, padded.
fn check_digest(algorithm: HashAlgorithm, d: &str) -> Result<(), String> {
    let body = d.trim_end_matches('=');
    let padding = d.len() - body.len();
    if body.is_empty() || !body.bytes().all(is_base64_char) || padding > 2 {
        return Err(
            "a digest is base64 or base64url: letters, digits, '+', '/', '-', '_' and trailing '='"
                .into(),
        );
    }
    let n = algorithm.digest_len();
    let expected_len = n.div_ceil(3) * 4;
    let expected_padding = (3 - n % 3) % 3;
    if d.len() != expected_len || padding != expected_padding {
        return Err(format!(
            "a {algorithm} digest is {n} bytes: {expected_len} base64 characters including padding, got {}",
            d.len()
        ));
    }
    Ok(())
}

/// Checks `[ scheme "://" ] host [ ":" port ] [ path ]` (CSP3 host-source).
fn check_host_source(s: &str) -> Result<(), &'static str> {
    let mut rest = s;
    if let Some(i) = rest.find("://") {
        if !is_scheme(&rest[..i]) {
            return Err("a scheme is a letter followed by letters, digits, '+', '-' or '.'");
        }
        rest = &rest[i + 3..];
    }
    let end = rest.find([':', '/']).unwrap_or(rest.len());
    let (host, mut rest) = rest.split_at(end);
    check_host(host)?;
    if let Some(r) = rest.strip_prefix(':') {
        let end = r.find('/').unwrap_or(r.len());
        let (port, r) = r.split_at(end);
        if !(port == "*" || (!port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()))) {
            return Err("a port is digits or '*'");
        }
        rest = r;
    }
    check_path(rest)
}

/// `host-part = "*" / [ "*." ] 1*host-char *( "." 1*host-char ) [ "." ]`
fn check_host(host: &str) -> Result<(), &'static str> {
    if host == "*" {
        return Ok(());
    }
    let labels = host.strip_prefix("*.").unwrap_or(host);
    let labels = labels.strip_suffix('.').unwrap_or(labels);
    let ok = !labels.is_empty()
        && labels
            .split('.')
            .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    if ok {
        Ok(())
    } else if host.is_empty() {
        Err("a host source needs a host")
    } else {
        Err(
            "a host is '*' or dot-separated labels of letters, digits and '-', optionally starting with \"*.\"",
        )
    }
}

/// A path of RFC 3986 `pchar`s and `/`, without `;`, `,` or `'` (which would end the
/// directive, the policy or read as a keyword); `%` must start a `%HH` escape.
fn check_path(path: &str) -> Result<(), &'static str> {
    if path.is_empty() {
        return Ok(());
    }
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3);
                if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                    return Err("'%' must start a percent-escape such as %2C");
                }
                i += 3;
                continue;
            }
            b'?' | b'#' => return Err("a host source cannot hold a query or a fragment"),
            b if b.is_ascii_alphanumeric() => {}
            b'-' | b'.' | b'_' | b'~' | b'!' | b'$' | b'&' | b'(' | b')' | b'*' | b'+' | b'='
            | b':' | b'@' | b'/' => {}
            _ => {
                return Err(
                    "a path holds letters, digits and -._~!$&()*+=:@/ (percent-encode the rest)",
                );
            }
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
