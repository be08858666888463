//! One module per header; every type is re-exported at the crate root.

pub mod csp;
pub mod permissions_policy;

mod cache_control;
mod clear_site_data;
mod cross_origin;
mod custom;
mod origin_agent_cluster;
mod referrer_policy;
mod reporting_endpoints;
mod server;
mod single;
mod strict_transport_security;
mod x_content_type_options;
mod x_dns_prefetch_control;
mod x_download_options;
mod x_frame_options;
mod x_permitted_cross_domain_policies;
mod x_xss_protection;

#[allow(unused_imports, reason = "each module fills in its own types")]
pub use self::{
    cache_control::*, clear_site_data::*, cross_origin::*, csp::*, custom::*,
    origin_agent_cluster::*, permissions_policy::*, referrer_policy::*, reporting_endpoints::*,
    server::*, strict_transport_security::*, x_content_type_options::*, x_dns_prefetch_control::*,
    x_download_options::*, x_frame_options::*, x_permitted_cross_domain_policies::*,
    x_xss_protection::*,
};
