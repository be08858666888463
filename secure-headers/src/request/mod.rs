//! The request core: everything that depends on the request is decided here, once, the
//! same way for every framework.
//!
//! An integration describes its framework's request through [`RequestView`] and calls
//! [`Secure::inspect`](crate::Secure::inspect) before the handler: it gets either a [`RequestContext`] (whether the
//! request is secure, its CSP nonce, whether it opens a tunnel) or an [`EarlyResponse`] (an
//! HTTPS redirect or a refusal) to send instead. After the handler, [`Secure::plan`](crate::Secure::plan) says
//! whether the response gets headers at all (not a `101` nor a tunnel's `2xx`) and which
//! set: the response's own override, else a catcher's, else the route's, else the base
//! ([`Level`]), with a fresh nonce for an override that needs one. Integrations convert
//! types and hold no rule.
//!
//! The settings these checks read (trusted proxies' [`ForwardedHeader`]s, [`HstsMode`],
//! [`HttpsRedirect`], [`AllowedHosts`]) are in [`transport`], also reachable as
//! `secure_headers::transport`.
//!
//! [`ForwardedHeader`]: transport::ForwardedHeader
//! [`HstsMode`]: transport::HstsMode
//! [`HttpsRedirect`]: transport::HttpsRedirect
//! [`AllowedHosts`]: transport::AllowedHosts
//!
//! # Layout
//!
//! The files form layers, and a file imports only from the layers below its own (the test
//! `request_module_has_no_cycle` checks that the imports form no cycle):
//!
//! 1. leaves, importing nothing of this module: `view` (the [`RequestView`] of a
//!    framework's request, header names), `parse` (hosts, origins, proxy ranges),
//!    `forwarded` (RFC 7239's grammar), `context` ([`RequestContext`]), `report_paths`;
//! 2. `refusal` ([`Refusal`]) and `transport` (the public settings);
//! 3. `cross_origin` ([`CrossOriginProtection`]) and `early` ([`EarlyResponse`]);
//! 4. `decide` (the proxy rules: secure or not, the host, the redirect) and `overrides`
//!    (which header set applies, a route's checks);
//! 5. `inspect` ([`Secure::inspect`](crate::Secure::inspect), before the handler) and `plan` ([`Secure::plan`](crate::Secure::plan)
//!    and `apply_to_response`, after it): the `impl Secure` of the request side.

mod context;
mod cross_origin;
mod decide;
mod early;
mod forwarded;
mod inspect;
mod overrides;
mod parse;
mod plan;
mod refusal;
mod report_paths;
pub mod transport;
mod view;

#[cfg(test)]
mod layers;

pub use context::RequestContext;
pub use cross_origin::CrossOriginProtection;
pub(crate) use decide::Transport;
pub use early::EarlyResponse;
#[cfg(any(feature = "actix-web", feature = "rocket"))]
pub(crate) use overrides::attached_by_handler;
pub use overrides::{Level, Marks};
#[cfg(any(
    feature = "tower",
    feature = "poem",
    feature = "salvo",
    feature = "warp"
))]
pub(crate) use overrides::{offer_route, route_answer};
pub use plan::Plan;
#[cfg(feature = "warp")]
pub(crate) use refusal::Pending;
pub use refusal::Refusal;
pub(crate) use report_paths::report_paths;
#[cfg(any(feature = "tower", feature = "salvo"))]
pub(crate) use view::LazyHttpRequest;
#[cfg(any(feature = "warp", feature = "poem"))]
pub(crate) use view::each_value;
#[cfg(feature = "rocket")]
pub(crate) use view::opens_tunnel;
#[cfg(feature = "poem")]
pub(crate) use view::path_and_query;
pub use view::{HttpRequest, RawRequest, RequestView};
