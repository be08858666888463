#![doc = include_str!("../../docs/actix_web.md")]
#![doc = ""]
#![cfg_attr(
    feature = "reporting",
    doc = "[`ReportCollector`]: crate::report::ReportCollector"
)]
#![cfg_attr(
    not(feature = "reporting"),
    doc = "[`ReportCollector`]: crate#feature-flags"
)]

/// Writes the [`Transform`] of `$for` (`Secure`, `SecureOverride`): a middleware made once
/// per worker by `$make` (given `self` and the wrapped service), ready at once, that fails
/// to start when the headers cannot be converted.
macro_rules! transform {
    ($for:ty => $middleware:ident, $response:ty, |$this:ident, $service:ident| $make:expr) => {
        impl<S, B> Transform<S, ServiceRequest> for $for
        where
            S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
            B: MessageBody,
        {
            type Response = $response;
            type Error = Error;
            type Transform = $middleware<S>;
            type InitError = ();
            type Future = Ready<Result<Self::Transform, Self::InitError>>;

            fn new_transform(&self, $service: S) -> Self::Future {
                let $this = self;
                ready($make)
            }
        }
    };
}

#[cfg(doc)]
use actix_web_4::body::EitherBody;
#[cfg(doc)]
use actix_web_4::dev::{ServiceRequest, Transform};

#[cfg(doc)]
use crate::request::RequestView;
#[cfg(doc)]
use crate::{CspNonce, HeaderSink, Secure, SecureOverride};

mod answer;
mod middleware;
mod overrides;
#[cfg(feature = "reporting")]
mod report;
mod request;
mod sink;

pub use middleware::{ResponseFuture, SecureMiddleware};
pub use overrides::{OverrideFuture, OverrideMiddleware, WithSecureOverride};

#[cfg(test)]
mod tests;
