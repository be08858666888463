//! Runnable servers showing `secure-headers` in each supported web framework: see the files
//! in `examples/`.
//!
//! Every example serves the same site with the same policies; this library holds what they
//! share (the policies, the pages, the report printer), so that each example shows only how
//! its framework wires them.

use secure_headers::csp::Source;
use secure_headers::report::ReportCollector;
use secure_headers::{CspNonce, Secure, SecureOverride};

/// The policies of the example site, built and validated once, at start-up.
#[derive(Clone, Debug)]
pub struct Policies {
    /// Every response: Balanced, with `script-src 'self' 'nonce-…'` (a fresh nonce for
    /// every request) and violations reported to `/csp-reports`.
    pub base: Secure,
    /// The `/embed` pages: may be framed by `https://partner.example` (no
    /// `X-Frame-Options`, `frame-ancestors` names the partner).
    pub embeddable: SecureOverride,
    /// The `/report` response: may not be framed at all (`X-Frame-Options: DENY`).
    pub strict: SecureOverride,
}

impl Policies {
    /// Builds the three policies.
    ///
    /// # Errors
    ///
    /// If a policy does not validate (these do).
    ///
    /// ```
    /// let policies = secure_headers_examples::Policies::new()?;
    /// assert!(policies.base.uses_nonce());
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    pub fn new() -> Result<Self, secure_headers::Error> {
        let base = Secure::with_default_headers().derive(|b| {
            b.map_csp(|csp| {
                csp.script_src([Source::nonce()])
                    .report_uri(["/csp-reports"])
            })
        })?;
        let embeddable = SecureOverride::new(base.derive(|b| {
            b.without("X-Frame-Options")
                .map_csp(|csp| csp.frame_ancestors(["https://partner.example"]))
        })?);
        let strict = SecureOverride::new(base.derive(|b| b.map_xfo(|xfo| xfo.deny()))?);
        Ok(Self {
            base,
            embeddable,
            strict,
        })
    }
}

/// The port to listen on: `PORT` from the environment, else `default`.
#[must_use]
pub fn port(default: u16) -> u16 {
    std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(default)
}

/// A report collector whose reports a thread prints as they arrive (a bounded channel of
/// 1024 reports between them).
#[must_use]
pub fn printing_collector() -> ReportCollector {
    let (collector, reports) = ReportCollector::channel(1024);
    std::thread::spawn(move || reports.iter().for_each(|r| println!("report: {r:?}")));
    collector
}

/// The home page.
#[must_use]
pub fn index_page(framework: &str) -> String {
    format!("<!doctype html><title>secure-headers</title><h1>Hello from {framework}</h1>")
}

/// A page with two inline scripts: the one carrying the request's `nonce` runs, the other
/// is blocked (and reported).
///
/// ```
/// let nonce: secure_headers::CspNonce = "rAnd0mRAND0mrand0mRAND0m".parse()?;
/// let page = secure_headers_examples::nonce_page(&nonce);
/// assert!(page.contains(r#"<script nonce="rAnd0mRAND0mrand0mRAND0m">"#));
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[must_use]
pub fn nonce_page(nonce: &CspNonce) -> String {
    format!(
        "<!doctype html><title>nonce</title><body>\
         <script {}>document.body.append('allowed: this script carries the nonce')</script>\
         <script>document.body.append('blocked: no nonce')</script>",
        nonce.attribute()
    )
}

/// The body of `/embed/widget`.
pub const WIDGET: &str = "this page may be framed by https://partner.example";

/// The body of `/report`.
pub const STRICT: &str = "this response may not be framed at all";
