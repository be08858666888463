//! One module per framework, each behind its feature. An integration converts its
//! framework's request into a [`RequestView`](crate::request::RequestView) and its
//! response into a [`HeaderSink`](crate::HeaderSink), and calls the request core
//! ([`crate::request`]) before and after the handler; it holds no rule of its own.

#[cfg(feature = "actix-web")]
pub mod actix_web;
#[cfg(any(feature = "poem", feature = "salvo"))]
mod parts;
#[cfg(feature = "poem")]
pub mod poem;
#[cfg(feature = "rocket")]
pub mod rocket;
#[cfg(feature = "salvo")]
pub mod salvo;
#[cfg(feature = "tower")]
pub mod tower;
#[cfg(feature = "warp")]
pub mod warp;
