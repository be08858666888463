//! Property tests over the whole builder: whatever strings a user passes, `build()` either
//! fails with an error, or every header it emits is a valid header value without CR, LF or
//! NUL, holding exactly what was set.

use proptest::prelude::*;
use secure_headers::{
    CacheControl, ContentSecurityPolicy, CustomHeader, PermissionsPolicy, ReferrerPolicy, Secure,
    Server, StrictTransportSecurity, XFrameOptions,
};

/// Strings biased towards the characters that matter: separators, quotes, controls.
fn nasty() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~]{0,20}",
        "[a-z';,:/*. \\r\\n\\x00\\t\"-]{0,20}",
        Just("'self'".to_owned()),
        Just("https://example.com".to_owned()),
        Just("self".to_owned()),
        Just("a\r\nSet-Cookie: x=1".to_owned()),
    ]
}

fn assert_safe(secure: &Secure) {
    for e in secure.entries() {
        let bytes = e.value().as_bytes();
        assert!(
            !bytes.iter().any(|b| matches!(b, b'\r' | b'\n' | 0)),
            "{}: {:?}",
            e.name(),
            e.value()
        );
        assert!(secure_headers::http::HeaderValue::from_bytes(bytes).is_ok());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn csp_directives_never_split(a in nasty(), b in nasty(), c in nasty()) {
        let csp = ContentSecurityPolicy::new()
            .default_src([a.as_str()])
            .script_src([b.as_str(), c.as_str()])
            .img_src([c.as_str()]);
        if let Ok(secure) = Secure::builder().csp(csp).build() {
            assert_safe(&secure);
            let (_, value) = secure.header_items().next().unwrap();
            let parts: Vec<&str> = value.split(';').map(str::trim).collect();
            prop_assert_eq!(parts.len(), 3, "{}", value);
            prop_assert!(parts[0].starts_with("default-src"));
            prop_assert!(parts[1].starts_with("script-src"));
            prop_assert!(parts[2].starts_with("img-src"));
        }
    }

    #[test]
    fn permissions_policy_features_never_split(a in nasty(), b in nasty(), name in nasty()) {
        let pp = PermissionsPolicy::new()
            .camera([a.as_str()])
            .geolocation([a.as_str(), b.as_str()])
            .add_directive(name.as_str(), [b.as_str()]);
        if let Ok(secure) = Secure::builder().permissions(pp).build() {
            assert_safe(&secure);
            let (_, value) = secure.header_items().next().unwrap();
            // Entries are separated by ", " and an allowlist never holds a comma.
            prop_assert_eq!(value.matches(", ").count(), 2, "{}", value);
            prop_assert!(value.starts_with("camera="));
        }
    }

    #[test]
    fn single_value_headers(a in nasty(), b in nasty(), c in nasty(), d in nasty()) {
        let built = Secure::builder()
            .xfo(XFrameOptions::new().value(a.as_str()))
            .server(Server::new().value(b.as_str()))
            .referrer(ReferrerPolicy::new().add(c.as_str()))
            .cache(CacheControl::new().custom(d.as_str()))
            .hsts(StrictTransportSecurity::new().value(a.as_str()))
            .build();
        if let Ok(secure) = built {
            assert_safe(&secure);
            prop_assert_eq!(secure.header_items().len(), 5);
        }
    }

    #[test]
    fn custom_headers(name in nasty(), value in nasty()) {
        if let Ok(secure) = Secure::builder().custom(CustomHeader::new(&name, &value)).build() {
            assert_safe(&secure);
            prop_assert_eq!(secure.header_items().len(), 1);
            prop_assert_eq!(secure.header_items().next().unwrap().0, name.trim());
        }
    }

    #[test]
    fn errors_name_the_header(b in nasty()) {
        if let Err(e) = Secure::builder().csp(ContentSecurityPolicy::new().script_src([b.as_str()])).build() {
            prop_assert_eq!(e.header(), Some("Content-Security-Policy"));
            prop_assert_eq!(e.directive(), Some("script-src"));
        }
    }
}
