//! HTTP security headers for Rust web applications, rendered once and applied to every
//! response at the cost of a header-map insert.
//!
//! A [`Secure`] is a validated, immutable, cheaply cloned set of headers. Build it from a
//! [`Preset`] (the same headers, values and order as Python's `secure` 2.0.1), or from typed
//! policies with [`Secure::builder`], then apply it to any `http` response or header map with
//! [`Secure::set_headers`].
//!
//! ```
//! use secure_headers::{ContentSecurityPolicy, PermissionsPolicy, Secure, StrictTransportSecurity};
//! use std::time::Duration;
//!
//! let secure = Secure::builder()
//!     .csp(ContentSecurityPolicy::new().default_src(["'self'"]).object_src(["'none'"]))
//!     .hsts(StrictTransportSecurity::including_subdomains(Duration::from_secs(63_072_000)))
//!     .permissions(PermissionsPolicy::new().geolocation([]).camera([]))
//!     .build()?; // validated once, here; never per request
//!
//! let mut response = http::Response::new("hello");
//! secure.set_headers(&mut response);
//! assert_eq!(response.headers()["content-security-policy"], "default-src 'self'; object-src 'none'");
//! assert_eq!(response.headers()["permissions-policy"], "geolocation=(), camera=()");
//! # Ok::<(), secure_headers::Error>(())
//! ```
//!
#![doc = include_str!("docs/guide.md")]
//!
//! # Supported headers
//!
//! <!-- begin registry-list supported-headers -->
//!
//! | Header | Type | `Basic` | `Balanced` (default) | `Strict` | Specification |
//! |---|---|---|---|---|---|
//! | Cache-Control | [`CacheControl`] | | | `no-store, max-age=0` | [RFC 9111](https://www.rfc-editor.org/rfc/rfc9111#section-5.2) |
//! | Clear-Site-Data | [`ClearSiteData`] | | | | [W3C](https://w3c.github.io/webappsec-clear-site-data/) |
//! | Content-Security-Policy | [`ContentSecurityPolicy`] | see ¹ | see ¹ | see ² | [CSP 3](https://www.w3.org/TR/CSP3/) |
//! | Content-Security-Policy-Report-Only | [`ContentSecurityPolicyReportOnly`] | | | | [CSP 3](https://www.w3.org/TR/CSP3/#cspro-header) |
//! | Cross-Origin-Embedder-Policy | [`CrossOriginEmbedderPolicy`] | | | `require-corp` | [HTML](https://html.spec.whatwg.org/multipage/browsers.html#coep) |
//! | Cross-Origin-Embedder-Policy-Report-Only | [`CrossOriginEmbedderPolicyReportOnly`] | | | | [HTML](https://html.spec.whatwg.org/multipage/browsers.html#the-coep-headers) |
//! | Cross-Origin-Opener-Policy | [`CrossOriginOpenerPolicy`] | `same-origin` | `same-origin` | `same-origin` | [HTML](https://html.spec.whatwg.org/multipage/browsers.html#cross-origin-opener-policies) |
//! | Cross-Origin-Opener-Policy-Report-Only | [`CrossOriginOpenerPolicyReportOnly`] | | | | [HTML](https://html.spec.whatwg.org/multipage/browsers.html#the-headers) |
//! | Cross-Origin-Resource-Policy | [`CrossOriginResourcePolicy`] | `same-origin` | `same-origin` | | [Fetch](https://fetch.spec.whatwg.org/#cross-origin-resource-policy-header) |
//! | Document-Isolation-Policy | [`DocumentIsolationPolicy`] | | | | [WICG](https://github.com/WICG/document-isolation-policy) |
//! | Document-Isolation-Policy-Report-Only | [`DocumentIsolationPolicyReportOnly`] | | | | [WICG](https://github.com/WICG/document-isolation-policy) |
//! | Document-Policy | [`DocumentPolicy`] | | | | [WICG](https://wicg.github.io/document-policy/) |
//! | Document-Policy-Report-Only | [`DocumentPolicyReportOnly`] | | | | [WICG](https://wicg.github.io/document-policy/) |
//! | Integrity-Policy | [`IntegrityPolicy`] | | | | [SRI](https://w3c.github.io/webappsec-subresource-integrity/#integrity-policy-section) |
//! | Integrity-Policy-Report-Only | [`IntegrityPolicyReportOnly`] | | | | [SRI](https://w3c.github.io/webappsec-subresource-integrity/#integrity-policy-section) |
//! | NEL | [`Nel`] | | | | [W3C Network Error Logging §3.1](https://w3c.github.io/network-error-logging/#nel-response-header) |
//! | Origin-Agent-Cluster | [`OriginAgentCluster`] | `?1` | | | [HTML](https://html.spec.whatwg.org/multipage/browsers.html#origin-keyed-agent-clusters) |
//! | Permissions-Policy | [`PermissionsPolicy`] | | `geolocation=(), microphone=(), camera=()` | `geolocation=(), microphone=(), camera=()` | [W3C](https://w3c.github.io/webappsec-permissions-policy/) |
//! | Permissions-Policy-Report-Only | [`PermissionsPolicyReportOnly`] | | | | [W3C](https://w3c.github.io/webappsec-permissions-policy/#permissions-policy-report-only-http-header-field) |
//! | Referrer-Policy | [`ReferrerPolicy`] | `no-referrer` | `strict-origin-when-cross-origin` | `no-referrer` | [W3C](https://w3c.github.io/webappsec-referrer-policy/) |
//! | Report-To | [`ReportTo`] | | | | [Reporting API 1 §3.1](https://www.w3.org/TR/2018/WD-reporting-1-20180925/#header) |
//! | Reporting-Endpoints | [`ReportingEndpoints`] | | | | [Reporting API](https://w3c.github.io/reporting/#header) |
//! | Server | [`Server`] | | (empty) | (empty) | [RFC 9110](https://www.rfc-editor.org/rfc/rfc9110#section-10.2.4) |
//! | Strict-Transport-Security | [`StrictTransportSecurity`] | `max-age=31536000; includeSubDomains` | `max-age=31536000; includeSubDomains` | `max-age=63072000; includeSubDomains` | [RFC 6797](https://www.rfc-editor.org/rfc/rfc6797) |
//! | X-Content-Type-Options | [`XContentTypeOptions`] | `nosniff` | `nosniff` | `nosniff` | [Fetch](https://fetch.spec.whatwg.org/#x-content-type-options-header) |
//! | X-DNS-Prefetch-Control | [`XDnsPrefetchControl`] | `off` | | | [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-DNS-Prefetch-Control) |
//! | X-Download-Options | [`XDownloadOptions`] | `noopen` | | | [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers) |
//! | X-Frame-Options | [`XFrameOptions`] | `SAMEORIGIN` | `SAMEORIGIN` | `DENY` | [HTML](https://html.spec.whatwg.org/multipage/document-lifecycle.html#the-x-frame-options-header) |
//! | X-Permitted-Cross-Domain-Policies | [`XPermittedCrossDomainPolicies`] | `none` | | | [OWASP](https://owasp.org/www-project-secure-headers/#x-permitted-cross-domain-policies) |
//! | X-XSS-Protection | [`XXssProtection`] | `0` | | | [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-XSS-Protection) |
//! | any other | [`CustomHeader`] | | | | |
//!
//! ¹ `default-src 'self'; base-uri 'self'; font-src 'self' https: data:; form-action
//! 'self'; frame-ancestors 'self'; img-src 'self' data:; object-src 'none'; script-src
//! 'self'; script-src-attr 'none'; style-src 'self' https: 'unsafe-inline';
//! upgrade-insecure-requests`
//!
//! ² `default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri
//! 'none'; frame-ancestors 'none'`
//!
//! <!-- end registry-list supported-headers -->
//!
//! # How headers meet the application's
//!
//! A configured header replaces the application's value; names in [`MULTI_OK`]
//! (`Content-Security-Policy`) are appended instead, so the application can only tighten;
//! every other header (repeated `Set-Cookie`, `Vary`, ...) is left as it was. Each header's
//! [`InsertMode`] can be changed.
//!
//! # Errors
//!
//! Builder methods never panic and never interrupt a chain: the first invalid input is
//! kept and returned by [`SecureBuilder::build`] as an [`Error`] naming the header, the
//! directive and the input. Nothing this crate emits can inject a header or split a
//! directive: CR, LF, NUL and other control characters, and separators in the wrong place,
//! are refused.
//!
//! # Parsing and linting
//!
//! Every policy type implements [`FromStr`](std::str::FromStr): a header value received
//! from a server becomes the typed policy (tolerant of case and whitespace, strict about
//! what the builder would refuse, with the byte position of a mistake in the error). The
//! [`lint`] module checks a raw CSP with every check of Google's CSP Evaluator, a header
//! map or a [`Secure`] with rules across headers; [`SecureBuilder::validate`] returns the
//! findings for a configuration, and [`SecureBuilder::build`] refuses one with a finding
//! of [`lint::Severity::Error`].
//!
//! ```
//! # #[cfg(feature = "lint")] {
//! use secure_headers::lint::{Rule, lint_csp};
//! use secure_headers::{ContentSecurityPolicy, Policy};
//!
//! let csp: ContentSecurityPolicy = "default-src 'self'; Script-Src 'self' 'unsafe-inline'".parse()?;
//! assert_eq!(csp.render()?, "default-src 'self'; script-src 'self' 'unsafe-inline'");
//! assert!(lint_csp(&csp.render()?).iter().any(|f| f.rule() == Rule::CspUnsafeInline));
//! # }
//! # Ok::<(), secure_headers::Error>(())
//! ```
//!
//! # The clean-up pipeline of Python's `secure` 2.0.1
//!
//! [`SecureBuilder::allowlist_headers`], [`SecureBuilder::deduplicate_headers`] and
//! [`SecureBuilder::validate_and_normalize_headers`] run `secure` 2.0.1's three clean-up steps at
//! build time; what they decided is in [`Secure::report`]. See [`pipeline`].
//!
//! # Grading
//!
//! [`grade::grade`] scores any set of response headers as the Mozilla HTTP Observatory
//! does, with the reason for every modifier: by default as its current release (1.6.3,
//! scoring algorithm 5); [`grade::grade_with`] takes a [`grade::Algorithm`] for 1.4.8 or
//! the Observatory's main branch.
//!
//! # Feature flags
//!
//! Everything above needs only the `http` crate. Optional features:
//!
//! - `tower`: `Secure` and `SecureOverride` are tower `Layer`s: axum, hyper, tonic, ...
//!   (see the `tower` module).
//! - `poem`: `Secure` and `SecureOverride` are poem `Middleware`s (see the `poem` module).
//! - `salvo`: `Secure` and `SecureOverride` are salvo `Handler`s, used as hoops (see the
//!   `salvo` module).
//! - `warp`: filter wrappers for warp (see the `warp` module).
//! - `actix-web`: `Secure` and `SecureOverride` are actix-web 4 middleware
//!   (`App::new().wrap(secure)`, see the `actix_web` module).
//! - `rocket`: `Secure` is a Rocket 0.5 fairing (`.attach(secure)`, see the `rocket` module).
//! - `nonce`: per-request CSP nonces (`csp::Source::nonce()`, [`CspNonce`]), from the OS
//!   CSPRNG (`getrandom`).
//! - `hash`: CSP hash sources computed from inline text (`csp::Source::hash_of`, `sha2`).
//! - `reporting`: the report collector (`report` module): CSP violations in both formats
//!   and other Reporting API reports.
//! - `lint`: the linter: [`lint`]'s functions and [`SecureBuilder::validate`] (the
//!   checks `build()` needs, and the types of their findings, are always there).
//! - `grade`: the [`grade`] module (Mozilla HTTP Observatory's scoring).
//! - `codegen`: write a header set as typed builder code (`codegen`), as
//!   `secure-headers show --format rust` does.
//! - `tracing`: log pipeline decisions through `tracing`.
//! - `serde`: (de)serialize configurations and grades: the `config` module, a whole
//!   `Secure` as data.
//! - `toml`, `json`: read and write configurations as TOML or JSON
//!   (`Secure::from_config_file`).
//!
// Links to items behind a feature; without it, they lead to the list of features above.
#![cfg_attr(feature = "tower", doc = "[`tower`]: crate::tower")]
#![cfg_attr(not(feature = "tower"), doc = "[`tower`]: crate#feature-flags")]
#![cfg_attr(feature = "actix-web", doc = "[`actix_web`]: crate::actix_web")]
#![cfg_attr(not(feature = "actix-web"), doc = "[`actix_web`]: crate#feature-flags")]
#![cfg_attr(feature = "rocket", doc = "[`rocket`]: crate::rocket")]
#![cfg_attr(not(feature = "rocket"), doc = "[`rocket`]: crate#feature-flags")]
#![cfg_attr(feature = "poem", doc = "[`poem`]: crate::poem")]
#![cfg_attr(not(feature = "poem"), doc = "[`poem`]: crate#feature-flags")]
#![cfg_attr(feature = "salvo", doc = "[`salvo`]: crate::salvo")]
#![cfg_attr(not(feature = "salvo"), doc = "[`salvo`]: crate#feature-flags")]
#![cfg_attr(feature = "warp", doc = "[`warp`]: crate::warp")]
#![cfg_attr(not(feature = "warp"), doc = "[`warp`]: crate#feature-flags")]
#![cfg_attr(feature = "codegen", doc = "[`codegen`]: crate::codegen")]
#![cfg_attr(not(feature = "codegen"), doc = "[`codegen`]: crate#feature-flags")]
#![cfg_attr(feature = "serde", doc = "[`config`]: crate::config")]
#![cfg_attr(not(feature = "serde"), doc = "[`config`]: crate#feature-flags")]
#![cfg_attr(
    feature = "lint",
    doc = "[`SecureBuilder::validate`]: crate::SecureBuilder::validate"
)]
#![cfg_attr(
    not(feature = "lint"),
    doc = "[`SecureBuilder::validate`]: crate#feature-flags"
)]
#![cfg_attr(feature = "grade", doc = "[`grade`]: crate::grade")]
#![cfg_attr(not(feature = "grade"), doc = "[`grade`]: crate#feature-flags")]
#![cfg_attr(feature = "grade", doc = "[`grade::grade`]: crate::grade::grade")]
#![cfg_attr(not(feature = "grade"), doc = "[`grade::grade`]: crate#feature-flags")]
#![cfg_attr(
    feature = "grade",
    doc = "[`grade::grade_with`]: crate::grade::grade_with"
)]
#![cfg_attr(
    not(feature = "grade"),
    doc = "[`grade::grade_with`]: crate#feature-flags"
)]
#![cfg_attr(
    feature = "grade",
    doc = "[`grade::Algorithm`]: crate::grade::Algorithm"
)]
#![cfg_attr(
    not(feature = "grade"),
    doc = "[`grade::Algorithm`]: crate#feature-flags"
)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

#[cfg(feature = "codegen")]
#[cfg_attr(docsrs, doc(cfg(feature = "codegen")))]
pub mod codegen;
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub mod config;
mod cookie;
mod error;
#[cfg(feature = "grade")]
#[cfg_attr(docsrs, doc(cfg(feature = "grade")))]
pub mod grade;
pub mod header;
mod headers;
mod integrations;
pub mod lint;
mod nonce;
mod r#override;
pub mod pipeline;
mod policy;
mod preset;
#[cfg(feature = "reporting")]
#[cfg_attr(docsrs, doc(cfg(feature = "reporting")))]
pub mod report;
pub mod request;
mod secure;
mod sink;
mod text;

pub use cookie::{CookieHardening, SameSite};
pub use error::{Error, ErrorKind};
pub use headers::registry;
pub use headers::{
    CacheControl, ClearSiteData, ContentSecurityPolicy, ContentSecurityPolicyReportOnly,
    CrossOriginEmbedderPolicy, CrossOriginEmbedderPolicyReportOnly, CrossOriginOpenerPolicy,
    CrossOriginOpenerPolicyReportOnly, CrossOriginResourcePolicy, CustomHeader,
    DocumentIsolationPolicy, DocumentIsolationPolicyReportOnly, DocumentPolicy,
    DocumentPolicyReportOnly, IntegrityPolicy, IntegrityPolicyReportOnly, Nel, OriginAgentCluster,
    PermissionsPolicy, PermissionsPolicyReportOnly, ReferrerPolicy, ReportOnly, ReportTo,
    ReportToGroup, ReportingEndpoints, Server, StrictTransportSecurity, XContentTypeOptions,
    XDnsPrefetchControl, XDownloadOptions, XFrameOptions, XPermittedCrossDomainPolicies,
    XXssProtection, csp, permissions_policy,
};
pub use nonce::{CspNonce, NonceAttribute};
pub use r#override::SecureOverride;
pub use pipeline::{COMMA_JOIN_OK, DEFAULT_ALLOWED_HEADERS, MULTI_OK};
pub use policy::Policy;
pub use preset::Preset;
pub use request::transport;
pub use request::{EarlyResponse, RequestContext};
pub use secure::{Converted, Entry, InsertMode, Secure, SecureBuilder};
pub use sink::HeaderSink;

#[cfg(feature = "tower")]
#[cfg_attr(docsrs, doc(cfg(feature = "tower")))]
pub use integrations::tower;

#[cfg(feature = "poem")]
#[cfg_attr(docsrs, doc(cfg(feature = "poem")))]
pub use integrations::poem;

#[cfg(feature = "salvo")]
#[cfg_attr(docsrs, doc(cfg(feature = "salvo")))]
pub use integrations::salvo;

#[cfg(feature = "warp")]
#[cfg_attr(docsrs, doc(cfg(feature = "warp")))]
pub use integrations::warp;

#[cfg(feature = "actix-web")]
#[cfg_attr(docsrs, doc(cfg(feature = "actix-web")))]
pub use integrations::actix_web;

#[cfg(feature = "rocket")]
#[cfg_attr(docsrs, doc(cfg(feature = "rocket")))]
pub use integrations::rocket;

/// Re-export of the `http` crate whose types this crate's API speaks.
pub use http;

#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
