//! The trait every header policy implements.

use std::fmt;

use crate::Error;

/// A typed security-header policy: it knows its header name and renders its value.
///
/// Every header type of this crate implements it ([`ContentSecurityPolicy`],
/// [`StrictTransportSecurity`], ...). Builder methods never panic and never return
/// `Result` mid-chain: the first invalid input is kept and returned by [`Policy::render`]
/// (and so by [`SecureBuilder::build`]), with the header, the directive and the input
/// named in the error.
///
/// ```
/// use secure_headers::{Policy, StrictTransportSecurity};
/// use std::time::Duration;
///
/// let hsts = StrictTransportSecurity::including_subdomains(Duration::from_secs(63_072_000));
/// assert_eq!(hsts.name(), "Strict-Transport-Security");
/// assert_eq!(hsts.render().unwrap(), "max-age=63072000; includeSubDomains");
/// ```
///
/// [`ContentSecurityPolicy`]: crate::ContentSecurityPolicy
/// [`StrictTransportSecurity`]: crate::StrictTransportSecurity
/// [`SecureBuilder::build`]: crate::SecureBuilder::build
pub trait Policy: fmt::Debug {
    /// The header's name, spelled as it is sent (`Content-Security-Policy`).
    fn name(&self) -> &str;

    /// The header's value, or the first error recorded by a builder method.
    fn render(&self) -> Result<String, Error>;
}
