//! The early answer of a framework whose response is not an `http::Response` but is made of
//! the same parts (poem's and salvo's responses); the headers themselves go through
//! `Secure::apply_to_parts`.

use http::{HeaderMap, StatusCode};

use crate::{EarlyResponse, Secure};

/// The status, headers and body of an early answer (a redirect or a refusal), with the
/// security headers, as [`EarlyResponse::into_response`] makes them.
#[cold]
pub(crate) fn early_parts(
    early: EarlyResponse,
    secure: &Secure,
) -> (StatusCode, HeaderMap, &'static str) {
    let body = early.body();
    let (parts, body) = early.into_response(secure, body).into_parts();
    (parts.status, parts.headers, body)
}
