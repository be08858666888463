#![doc = include_str!("../../docs/rocket.md")]
#![doc = ""]
#![cfg_attr(
    feature = "reporting",
    doc = "[`ReportCollector`]: crate::report::ReportCollector"
)]
#![cfg_attr(
    not(feature = "reporting"),
    doc = "[`ReportCollector`]: crate#feature-flags"
)]

#[cfg(doc)]
use ::rocket::Request;
#[cfg(doc)]
use ::rocket::fairing::Fairing;

#[cfg(doc)]
use crate::request::RequestView;
#[cfg(doc)]
use crate::{CspNonce, Secure, SecureOverride};

mod context;
mod convert;
mod early;
mod fairing;
mod overrides;
#[cfg(feature = "reporting")]
mod report;
mod sink;
mod view;

pub use overrides::WithSecureOverride;

#[cfg(test)]
mod tests;
