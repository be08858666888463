//! Cross-origin protection lets the collector's own reports through, the same way in every
//! framework: browsers post reports from pages on other origins, so the paths the `Secure`
//! names for its reports skip the check, and nothing else does. Run through
//! [`wire_tests!`](super::wire::wire_tests) where the framework serves a collector.

use std::net::SocketAddr;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use secure_headers::Preset;
use secure_headers::Secure;
use secure_headers::http::StatusCode;
use secure_headers::report::Report;
use secure_headers::request::CrossOriginProtection;

use super::wire::LEGACY;

/// The balanced headers with cross-origin protection, the enforced CSP sending its reports
/// to `report_path`.
pub(crate) fn reporting_to(report_path: &str) -> Secure {
    Preset::Balanced
        .builder()
        .map_csp(|csp| csp.report_uri([report_path]))
        .cross_origin_protection(CrossOriginProtection::new())
        .build()
        .unwrap()
}

/// A report posted from a page on another site (`Sec-Fetch-Site: cross-site`, a foreign
/// `Origin`) and from a sibling subdomain (`same-site`): the collector at `/reports`
/// answers `204` where the `Secure` names `/reports` for its reports (`named`), and
/// cross-origin protection refuses both with `403` where it names another path
/// (`elsewhere`). Only the two accepted reports reach the channel.
pub(crate) async fn collector_reports_pass(
    named: SocketAddr,
    elsewhere: SocketAddr,
    reports: &Receiver<Report>,
) {
    let c = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let senders = [
        ("cross-site", "https://evil.example"),
        ("same-site", "http://sub.127.0.0.1"),
    ];
    for (addr, expected) in [
        (named, StatusCode::NO_CONTENT),
        (elsewhere, StatusCode::FORBIDDEN),
    ] {
        for (site, origin) in senders {
            let r = c
                .post(format!("http://{addr}/reports"))
                .header("content-type", "application/csp-report")
                .header("sec-fetch-site", site)
                .header("sec-fetch-mode", "no-cors")
                .header("origin", origin)
                .body(LEGACY)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), expected, "{site} report to {addr}");
        }
    }
    let got: Vec<Report> = reports.try_iter().collect();
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(
        got.iter().all(|r| matches!(r, Report::CspViolation(_))),
        "{got:?}"
    );
}
