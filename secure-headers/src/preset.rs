//! [`Preset`]: the three ready-made header sets of Python's `secure` 2.0.1.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use crate::{
    CacheControl, ContentSecurityPolicy, CrossOriginEmbedderPolicy, CrossOriginOpenerPolicy,
    CrossOriginResourcePolicy, Error, ErrorKind, OriginAgentCluster, PermissionsPolicy,
    ReferrerPolicy, SecureBuilder, Server, StrictTransportSecurity, XContentTypeOptions,
    XDnsPrefetchControl, XDownloadOptions, XFrameOptions, XPermittedCrossDomainPolicies,
    XXssProtection,
};

/// A ready-made set of headers, value for value and in the same order as `secure` 2.0.1.
///
/// | Header | `Basic` | `Balanced` (default) | `Strict` |
/// |---|---|---|---|
/// | Cache-Control | | | `no-store, max-age=0` |
/// | Cross-Origin-Embedder-Policy | | | `require-corp` |
/// | Cross-Origin-Opener-Policy | `same-origin` | `same-origin` | `same-origin` |
/// | Cross-Origin-Resource-Policy | `same-origin` | `same-origin` | |
/// | Content-Security-Policy | base policy¹ | base policy¹ | strict policy² |
/// | Strict-Transport-Security | `max-age=31536000; includeSubDomains` | same | `max-age=63072000; includeSubDomains` |
/// | Permissions-Policy | | `geolocation=(), microphone=(), camera=()` | same |
/// | Referrer-Policy | `no-referrer` | `strict-origin-when-cross-origin` | `no-referrer` |
/// | X-Permitted-Cross-Domain-Policies | `none` | | |
/// | X-DNS-Prefetch-Control | `off` | | |
/// | Server | | (empty) | (empty) |
/// | X-Content-Type-Options | `nosniff` | `nosniff` | `nosniff` |
/// | X-Frame-Options | `SAMEORIGIN` | `SAMEORIGIN` | `DENY` |
/// | Origin-Agent-Cluster | `?1` | | |
/// | X-Download-Options | `noopen` | | |
/// | X-XSS-Protection | `0` | | |
///
/// ¹ `default-src 'self'; base-uri 'self'; font-src 'self' https: data:; form-action 'self';
/// frame-ancestors 'self'; img-src 'self' data:; object-src 'none'; script-src 'self';
/// script-src-attr 'none'; style-src 'self' https: 'unsafe-inline'; upgrade-insecure-requests`
///
/// ² `default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none';
/// base-uri 'none'; frame-ancestors 'none'`
///
/// A preset is a starting point: [`Preset::builder`] gives the typed builder behind it, to
/// change one directive and keep the rest.
///
/// ```
/// use secure_headers::Preset;
///
/// let secure = Preset::Balanced
///     .builder()
///     .map_csp(|csp| csp.img_src(["https://images.example.com"]))
///     .build()
///     .unwrap();
/// let csp = secure.header_items().find(|(n, _)| *n == "Content-Security-Policy").unwrap().1;
/// assert!(csp.contains("img-src 'self' data: https://images.example.com;"));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Preset {
    /// Helmet.js parity: the legacy headers too, no `Permissions-Policy`, no `Server`.
    Basic,
    /// The recommended default ([`Secure::with_default_headers`](crate::Secure::with_default_headers)).
    #[default]
    Balanced,
    /// Tighter: no framing at all, cross-origin isolation, no caching, two-year HSTS.
    Strict,
}

impl Preset {
    /// Every preset, in `secure` 2.0.1's definition order.
    pub const ALL: [Self; 3] = [Self::Basic, Self::Balanced, Self::Strict];

    /// The preset's name: `basic`, `balanced` or `strict`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Basic => "basic",
            Self::Balanced => "balanced",
            Self::Strict => "strict",
        }
    }

    /// The typed builder that produces this preset, to customise before building.
    pub fn builder(self) -> SecureBuilder {
        match self {
            Self::Basic => SecureBuilder::new()
                .coop(CrossOriginOpenerPolicy::new().same_origin())
                .corp(CrossOriginResourcePolicy::new().same_origin())
                .csp(base_csp())
                .hsts(one_year_hsts())
                .referrer(ReferrerPolicy::new().no_referrer())
                .xpcdp(XPermittedCrossDomainPolicies::new().none())
                .xdfc(XDnsPrefetchControl::new().off())
                .xcto(XContentTypeOptions::new())
                .xfo(XFrameOptions::new().sameorigin())
                .origin_agent_cluster(OriginAgentCluster::new())
                .x_download_options(XDownloadOptions::new())
                .x_xss_protection(XXssProtection::new()),
            Self::Balanced => SecureBuilder::new()
                .coop(CrossOriginOpenerPolicy::new().same_origin())
                .corp(CrossOriginResourcePolicy::new().same_origin())
                .csp(base_csp())
                .hsts(one_year_hsts())
                .permissions(permissions())
                .referrer(ReferrerPolicy::new().strict_origin_when_cross_origin())
                .server(Server::new())
                .xcto(XContentTypeOptions::new())
                .xfo(XFrameOptions::new().sameorigin()),
            Self::Strict => SecureBuilder::new()
                .cache(CacheControl::new().no_store().max_age(Duration::ZERO))
                .coep(CrossOriginEmbedderPolicy::new().require_corp())
                .coop(CrossOriginOpenerPolicy::new().same_origin())
                .csp(
                    ContentSecurityPolicy::new()
                        .default_src(["'self'"])
                        .script_src(["'self'"])
                        .style_src(["'self'"])
                        .object_src(["'none'"])
                        .base_uri(["'none'"])
                        .frame_ancestors(["'none'"]),
                )
                .hsts(StrictTransportSecurity::including_subdomains(
                    Duration::from_secs(63_072_000),
                ))
                .permissions(permissions())
                .referrer(ReferrerPolicy::new().no_referrer())
                .server(Server::new())
                .xcto(XContentTypeOptions::new())
                .xfo(XFrameOptions::new().deny()),
        }
    }
}

fn base_csp() -> ContentSecurityPolicy {
    ContentSecurityPolicy::new()
        .default_src(["'self'"])
        .base_uri(["'self'"])
        .font_src(["'self'", "https:", "data:"])
        .form_action(["'self'"])
        .frame_ancestors(["'self'"])
        .img_src(["'self'", "data:"])
        .object_src(["'none'"])
        .script_src(["'self'"])
        .script_src_attr(["'none'"])
        .style_src(["'self'", "https:", "'unsafe-inline'"])
        .upgrade_insecure_requests()
}

fn one_year_hsts() -> StrictTransportSecurity {
    StrictTransportSecurity::including_subdomains(Duration::from_secs(31_536_000))
}

fn permissions() -> PermissionsPolicy {
    PermissionsPolicy::new()
        .geolocation([])
        .microphone([])
        .camera([])
}

impl fmt::Display for Preset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Preset {
    type Err = Error;

    /// Parses `basic`, `balanced` or `strict`, case-insensitively.
    ///
    /// ```
    /// use secure_headers::{ErrorKind, Preset};
    /// assert_eq!("Strict".parse::<Preset>().unwrap(), Preset::Strict);
    /// assert_eq!("modern".parse::<Preset>().unwrap_err().kind(), ErrorKind::UnknownPreset);
    /// ```
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                Error::new(ErrorKind::UnknownPreset)
                    .with_input(s)
                    .with_detail("expected basic, balanced or strict")
            })
    }
}
