//! The report collector never panics on a body, in any of its content types; every body is
//! either refused or parsed into reports, which are counted as accepted or dropped.
#![no_main]

use libfuzzer_sys::fuzz_target;
use secure_headers::http::StatusCode;
use secure_headers::report::{DEFAULT_BODY_LIMIT, ReportCollector, parse};

const TYPES: [&str; 4] = [
    "application/reports+json",
    "application/csp-report",
    "application/json",
    "text/plain",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let content_type = TYPES[usize::from(selector) % TYPES.len()];
    let (collector, reports) = ReportCollector::channel(1);
    let status = collector.receive(Some(content_type), body);
    if body.len() > DEFAULT_BODY_LIMIT {
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        return;
    }
    let parsed = parse(Some(content_type), body);
    let stats = collector.stats();
    match parsed {
        Ok(list) => {
            assert_eq!(status, StatusCode::NO_CONTENT);
            assert_eq!(stats.accepted + stats.dropped, list.len() as u64);
            assert_eq!(stats.accepted, u64::from(!list.is_empty()));
            assert_eq!(reports.try_iter().count() as u64, stats.accepted);
        }
        Err(_) => {
            assert!(status.is_client_error());
            assert_eq!((stats.accepted, stats.dropped, stats.rejected), (0, 0, 1));
        }
    }
});
