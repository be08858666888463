//! A single-value header whose raw value is close to one the header knows (`DENYY`,
//! `same-orgin`) is refused with the value it is close to, from the builder and from a
//! configuration file: browsers ignore such a header, so it would protect nothing. A value
//! far from every known one is kept (it may be newer than this crate).

use secure_headers::config::Config;
use secure_headers::{
    CrossOriginOpenerPolicy, ErrorKind, Policy, Secure, XContentTypeOptions, XFrameOptions,
};

#[test]
fn a_misspelt_value_is_refused_with_the_known_one() {
    let e = XFrameOptions::new().value("DENYY").render().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidValue);
    assert_eq!(e.header(), Some("X-Frame-Options"));
    assert_eq!(e.directive(), Some("value"));
    assert_eq!(e.input(), Some("DENYY"));
    assert_eq!(
        e.detail(),
        Some("not a known value; did you mean DENY? (browsers ignore the header otherwise)")
    );
    let e = Secure::builder()
        .coop(CrossOriginOpenerPolicy::new().value("same-orgin"))
        .build()
        .unwrap_err();
    assert_eq!(e.header(), Some("Cross-Origin-Opener-Policy"));
    assert!(e.to_string().contains("did you mean same-origin?"), "{e}");
    let e = XContentTypeOptions::new()
        .value("nosnif")
        .render()
        .unwrap_err();
    assert!(e.to_string().contains("did you mean nosniff?"), "{e}");
}

#[test]
fn known_values_and_far_ones_are_kept() {
    assert_eq!(XFrameOptions::new().value("deny").render().unwrap(), "deny");
    assert_eq!(
        CrossOriginOpenerPolicy::new()
            .value("noopener-allow-popups")
            .render()
            .unwrap(),
        "noopener-allow-popups"
    );
    let far = CrossOriginOpenerPolicy::new().value("isolate-everything");
    assert_eq!(far.render().unwrap(), "isolate-everything");
}

#[test]
fn a_configuration_file_gets_the_same_error() {
    for (key, value, known) in [
        ("x-frame-options", "DENYY", "DENY"),
        ("cross-origin-opener-policy", "same-orgin", "same-origin"),
        (
            "document-isolation-policy",
            "isolate-and-require-crop",
            "isolate-and-require-corp",
        ),
        ("x-content-type-options", "nosnif", "nosniff"),
    ] {
        let toml = format!("preset = \"none\"\n{key} = \"{value}\"\n");
        let result = Config::from_toml(&toml).and_then(|c| c.into_builder()?.build());
        let e = result.unwrap_err();
        assert_eq!(e.input(), Some(value), "{e}");
        assert!(
            e.to_string().contains(&format!("did you mean {known}?")),
            "{e}"
        );
    }
}
