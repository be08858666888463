//! Applying a [`Secure`] to a framework response that is not an `http::Response` but is made
//! of the same parts (poem's and salvo's responses).

use http::{Extensions, HeaderMap, Response, StatusCode};

use crate::{EarlyResponse, RequestContext, Secure};

/// Runs [`Secure::apply_to_response_with`] on a response given by its parts, so that every
/// integration follows the rules of the `http` path (a [`SecureOverride`] in the extensions
/// wins, `101 Switching Protocols` is left alone) without restating them. Moving a header
/// map and an extension map in and out costs a few pointer swaps, no allocation.
pub(crate) fn apply_to_parts(
    secure: &Secure,
    status: StatusCode,
    headers: &mut HeaderMap,
    extensions: &mut Extensions,
    context: &RequestContext,
) {
    let mut response = Response::new(());
    *response.status_mut() = status;
    std::mem::swap(response.headers_mut(), headers);
    std::mem::swap(response.extensions_mut(), extensions);
    secure.apply_to_response_with(&mut response, context);
    std::mem::swap(response.headers_mut(), headers);
    std::mem::swap(response.extensions_mut(), extensions);
}

/// The status and headers of an early answer (a redirect or a refused host), with the
/// security headers, as [`EarlyResponse::into_response`] makes them.
pub(crate) fn early_parts(early: EarlyResponse, secure: &Secure) -> (StatusCode, HeaderMap) {
    let (parts, ()) = early.into_response(secure, ()).into_parts();
    (parts.status, parts.headers)
}
