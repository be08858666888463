//! The page's assets, embedded in the binary: a stylesheet, the copy-button script and an
//! icon. No CDN, no build step.

use bytes::Bytes;
use http::StatusCode;

use crate::service::respond;

const FILES: [(&str, &str, &str); 3] = [
    (
        "/assets/dashboard.css",
        "text/css; charset=utf-8",
        include_str!("../assets/dashboard.css"),
    ),
    (
        "/assets/copy.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/copy.js"),
    ),
    (
        "/assets/icon.svg",
        "image/svg+xml",
        include_str!("../assets/icon.svg"),
    ),
];

pub(crate) fn serve(path: &str) -> http::Response<http_body_util::Full<Bytes>> {
    match FILES.iter().find(|(p, _, _)| *p == path) {
        Some((_, content_type, body)) => respond(
            StatusCode::OK,
            content_type,
            Bytes::from_static(body.as_bytes()),
        ),
        None => respond(
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            "not found\n",
        ),
    }
}
