//! The reports dashboard of `secure-headers`: where a CSP roll-out stands and what to do
//! next, from the report store, as a tower [`Service`](tower_service::Service).
//!
//! `secure-headers reports serve` mounts it at `/` next to the collector's
//! `POST /reports`; an axum or hyper application mounts [`Dashboard::service`] on its own
//! router (other frameworks point at the standalone server). The page shows the enforced
//! and candidate policies with their reports over time, readiness with the projected
//! grade, breakage in production first, the fingerprint table (sorted, filtered and
//! paginated on the server, a sparkline per row), the proposal as a diff with the
//! fingerprints behind each change, the tasks, the script inventory and the other report
//! types. Muting a fingerprint and accepting the proposal are its only actions.
//!
//! The page is served under the strictest headers (see [`Dashboard::headers`]): a nonce
//! CSP with `'strict-dynamic'` and `require-trusted-types-for 'script'`,
//! `frame-ancestors 'none'`, the cross-origin trio, `Referrer-Policy: no-referrer`,
//! `Cache-Control: no-store`, and the cross-origin protection of `secure-headers` on its
//! two actions. Its headers grade A+. Charts are SVG written on the server; the one script
//! (copy buttons) is embedded in the binary, as the stylesheet is. Every string that came
//! from a report is shown escaped.
//!
//! Who may see it is [`Access`]: loopback peers without a token, or whoever has the token.
//!
//! ```
//! use std::net::SocketAddr;
//! use secure_headers_dashboard::{Access, Dashboard, Source};
//!
//! fn app(store: impl Source) -> axum::Router {
//!     let dashboard = Dashboard::new(store, Access::loopback_only());
//!     // The peer address reaches the dashboard as a `SocketAddr` extension (see Access).
//!     axum::Router::new().fallback_service(dashboard.service())
//! }
//! ```

mod assets;
mod auth;
pub mod html;
mod model;
mod page;
mod params;
mod service;
mod store;
mod svg;

use std::sync::Arc;
use std::time::Duration;

use secure_headers::csp::Source as CspSource;
use secure_headers::request::CrossOriginProtection;
use secure_headers::{
    CacheControl, ContentSecurityPolicy, CrossOriginEmbedderPolicy, CrossOriginOpenerPolicy,
    CrossOriginResourcePolicy, PermissionsPolicy, ReferrerPolicy, Secure, StrictTransportSecurity,
    XContentTypeOptions, XFrameOptions,
};

pub use auth::Access;
pub use model::{
    Change, Fingerprint, FingerprintPage, Overview, Proposal, Readiness, Script, Source, Task,
    TypeSummary, Version,
};
pub use params::{FingerprintQuery, MAX_PER_PAGE, SortKey, WINDOWS};
pub use service::Routes;
pub use svg::Series;

/// The dashboard's service: its [`Routes`] inside the page's [`Secure`] layer.
pub type DashboardService = secure_headers::tower::SecureService<Routes>;

/// The dashboard over a [`Source`] (the report store), with its [`Access`] rules.
#[derive(Clone, Debug)]
pub struct Dashboard {
    routes: Routes,
}

impl Dashboard {
    /// A dashboard showing `source`, to whom `access` allows.
    pub fn new(source: impl Source, access: Access) -> Self {
        Self {
            routes: Routes {
                source: Arc::new(source),
                access,
            },
        }
    }

    /// The tower service: `GET /` (the page), `GET /api/fingerprints` (the table as JSON,
    /// same parameters), `POST /mute`, `POST /accept`, `POST /login`, `/assets/…`.
    #[must_use]
    pub fn service(self) -> DashboardService {
        tower_layer::Layer::layer(&Self::headers(), self.routes)
    }

    /// The page's headers (and the cross-origin protection of its actions).
    ///
    /// ```
    /// use secure_headers::grade::{GradeContext, grade};
    /// use secure_headers_dashboard::Dashboard;
    ///
    /// let mut response = http::Response::new(());
    /// Dashboard::headers().apply_to_response(&mut response);
    /// let h = response.headers();
    /// assert_eq!(h["referrer-policy"], "no-referrer");
    /// assert_eq!(h["cache-control"], "no-store");
    /// assert!(h["content-security-policy"].to_str()?.contains("'strict-dynamic'"));
    /// assert_eq!(grade(h, &GradeContext::new()).letter.as_str(), "A+");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Panics
    ///
    /// Never: the headers are fixed, and a test builds them.
    #[must_use]
    pub fn headers() -> Secure {
        Secure::builder()
            .cache(CacheControl::new().no_store())
            .coep(CrossOriginEmbedderPolicy::new().require_corp())
            .coop(CrossOriginOpenerPolicy::new().same_origin())
            .corp(CrossOriginResourcePolicy::new().same_origin())
            .csp(
                ContentSecurityPolicy::new()
                    .default_src(["'none'"])
                    .script_src([CspSource::nonce(), CspSource::STRICT_DYNAMIC])
                    .style_src(["'self'"])
                    .img_src(["'self'"])
                    .form_action(["'self'"])
                    .base_uri(["'none'"])
                    .object_src(["'none'"])
                    .frame_ancestors(["'none'"])
                    .require_trusted_types_for(["'script'"]),
            )
            .hsts(StrictTransportSecurity::including_subdomains(
                Duration::from_secs(63_072_000),
            ))
            .permissions(
                PermissionsPolicy::new()
                    .camera([])
                    .geolocation([])
                    .microphone([]),
            )
            .referrer(ReferrerPolicy::new().no_referrer())
            .xcto(XContentTypeOptions::new())
            .xfo(XFrameOptions::new().deny())
            .cross_origin_protection(CrossOriginProtection::new())
            .build()
            .expect("the dashboard's headers are valid")
    }
}

/// A bad option or query parameter: what it is, the input and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    what: String,
    input: String,
    expected: String,
}

impl Error {
    pub(crate) fn new(
        what: impl Into<String>,
        input: impl Into<String>,
        expected: impl Into<String>,
    ) -> Self {
        Self {
            what: what.into(),
            input: input.into(),
            expected: expected.into(),
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "invalid {}: {:?} ({})",
            self.what, self.input, self.expected
        )
    }
}

impl std::error::Error for Error {}
