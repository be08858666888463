//! One module per header; every type is re-exported at the crate root.

pub mod csp;
pub mod permissions_policy;
pub mod registry;

mod cache_control;
mod clear_site_data;
mod cross_origin;
mod custom;
mod document_isolation_policy;
mod document_policy;
pub(crate) mod integrity_policy;
mod nel;
mod origin_agent_cluster;
mod referrer_policy;
pub(crate) mod report_only;
mod reporting_endpoints;
mod server;
pub(crate) mod single;
pub(crate) mod strict_transport_security;
mod structured_field;
mod x_content_type_options;
mod x_dns_prefetch_control;
mod x_download_options;
mod x_frame_options;
mod x_permitted_cross_domain_policies;
mod x_xss_protection;

#[allow(unused_imports, reason = "each module fills in its own types")]
pub use self::{
    cache_control::*, clear_site_data::*, cross_origin::*, csp::*, custom::*,
    document_isolation_policy::*, document_policy::*, integrity_policy::*, nel::*,
    origin_agent_cluster::*, permissions_policy::*, referrer_policy::*, report_only::ReportOnly,
    reporting_endpoints::*, server::*, strict_transport_security::*, x_content_type_options::*,
    x_dns_prefetch_control::*, x_download_options::*, x_frame_options::*,
    x_permitted_cross_domain_policies::*, x_xss_protection::*,
};

#[cfg(feature = "lint")]
pub(crate) use structured_field::item_fault;

use crate::Error;
use crate::text::{At, clean_nonempty};

/// What every header type's `render` does first: returns the first error a builder
/// method recorded, else the raw value set with `value(..)` (`None` for a type without
/// one), else the value `compose` writes from the builder's state.
pub(crate) fn render_with(
    error: Option<&Error>,
    raw: Option<&str>,
    compose: impl FnOnce() -> Result<String, Error>,
) -> Result<String, Error> {
    match (error, raw) {
        (Some(e), _) => Err(e.clone()),
        (None, Some(raw)) => Ok(raw.to_owned()),
        (None, None) => compose(),
    }
}

/// What `value(..)` does for a header type with a raw override: `raw` becomes `value`
/// trimmed, or, when `value` is empty or holds control characters or non-ASCII text,
/// `None` with the error kept in `error` unless an earlier one is.
pub(crate) fn set_raw(
    header: &str,
    value: &str,
    raw: &mut Option<Box<str>>,
    error: &mut Option<Error>,
) {
    *raw = match clean_nonempty(At::header(header), value) {
        Ok(v) => Some(v.into()),
        Err(e) => {
            error.get_or_insert(e);
            None
        }
    };
}
