//! Grading never panics: any value of the headers the Observatory scores, any page, under
//! every scoring algorithm and scheme.
#![no_main]

use libfuzzer_sys::fuzz_target;
use secure_headers::grade::{Algorithm, GradeContext, Redirection, Scheme, grade_with};
use secure_headers::http::{HeaderMap, HeaderName, HeaderValue};

const NAMES: [&str; 14] = [
    "content-security-policy",
    "content-security-policy-report-only",
    "strict-transport-security",
    "referrer-policy",
    "x-frame-options",
    "x-content-type-options",
    "cross-origin-opener-policy",
    "cross-origin-embedder-policy",
    "cross-origin-resource-policy",
    "access-control-allow-origin",
    "access-control-allow-credentials",
    "set-cookie",
    "content-type",
    "location",
];

fuzz_target!(|data: &[u8]| {
    // Fields separated by 0xff: flags, then headers as a name index byte and the value,
    // and the last field is the page.
    let mut fields: Vec<&[u8]> = data.split(|b| *b == 0xff).collect();
    let Some(flags) = fields.first().and_then(|f| f.first()).copied() else {
        return;
    };
    let html = fields
        .pop()
        .map(String::from_utf8_lossy)
        .unwrap_or_default();
    let mut headers = HeaderMap::new();
    for field in fields.iter().skip(1) {
        if let Some((which, value)) = field.split_first()
            && let Ok(value) = HeaderValue::from_bytes(value)
        {
            let name = NAMES[usize::from(*which) % NAMES.len()];
            headers.append(HeaderName::from_static(name), value);
        }
    }
    let scheme =
        [Scheme::Https, Scheme::HttpsInvalidCertificate, Scheme::Http][usize::from(flags % 3)];
    let redirections = [
        Redirection::ToHttps,
        Redirection::NoHttp,
        Redirection::AllPreloaded,
        Redirection::OffHost,
        Redirection::HttpFirst,
        Redirection::NotToHttps,
        Redirection::Missing,
        Redirection::InvalidCertificate,
    ];
    let redirection = redirections[usize::from(flags >> 2) % redirections.len()];
    let context = GradeContext::new()
        .scheme(scheme)
        .redirection(redirection)
        .html(html.into_owned())
        .host("example.com")
        .cors_origin("https://other.example")
        .hsts_preloaded(flags & 0x80 != 0);
    for algorithm in Algorithm::ALL {
        let _ = grade_with(&headers, &context, algorithm);
    }
});
