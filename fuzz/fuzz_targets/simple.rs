//! The parser of every single-value header never panics, and what it parses renders and
//! parses back to an equal policy (the JSON of `NEL` and `Report-To` included).
#![no_main]

use std::fmt::Debug;
use std::str::FromStr;

use libfuzzer_sys::fuzz_target;
use secure_headers::{
    ContentSecurityPolicyReportOnly, CrossOriginEmbedderPolicy,
    CrossOriginEmbedderPolicyReportOnly, CrossOriginOpenerPolicy,
    CrossOriginOpenerPolicyReportOnly, CrossOriginResourcePolicy, DocumentIsolationPolicy,
    DocumentIsolationPolicyReportOnly, DocumentPolicy, DocumentPolicyReportOnly, Error, Nel, OriginAgentCluster, Policy, ReportTo,
    ReportingEndpoints, Server, XContentTypeOptions, XDnsPrefetchControl, XDownloadOptions,
    XFrameOptions, XPermittedCrossDomainPolicies, XXssProtection,
};

fn round_trip<P: Policy + FromStr<Err = Error> + PartialEq + Debug>(text: &str) {
    let Ok(parsed) = text.parse::<P>() else {
        return;
    };
    let rendered = parsed.render().expect("a parsed policy renders");
    let again: P = rendered.parse().expect("a rendered policy parses");
    assert_eq!(again, parsed);
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    round_trip::<CrossOriginEmbedderPolicy>(text);
    round_trip::<CrossOriginOpenerPolicy>(text);
    round_trip::<CrossOriginResourcePolicy>(text);
    round_trip::<OriginAgentCluster>(text);
    round_trip::<Server>(text);
    round_trip::<XContentTypeOptions>(text);
    round_trip::<XDnsPrefetchControl>(text);
    round_trip::<XDownloadOptions>(text);
    round_trip::<XFrameOptions>(text);
    round_trip::<XPermittedCrossDomainPolicies>(text);
    round_trip::<XXssProtection>(text);
    round_trip::<ContentSecurityPolicyReportOnly>(text);
    round_trip::<ReportingEndpoints>(text);
    round_trip::<CrossOriginEmbedderPolicyReportOnly>(text);
    round_trip::<CrossOriginOpenerPolicyReportOnly>(text);
    round_trip::<DocumentIsolationPolicy>(text);
    round_trip::<DocumentIsolationPolicyReportOnly>(text);
    round_trip::<DocumentPolicy>(text);
    round_trip::<DocumentPolicyReportOnly>(text);
    round_trip::<Nel>(text);
    round_trip::<ReportTo>(text);
});
