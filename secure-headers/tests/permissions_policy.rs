//! Permissions-Policy feature names that browsers refuse (`Camera`, `camera!`) are errors
//! wherever a policy comes from: the builder, a received value, a configuration.

use secure_headers::{ErrorKind, PermissionsPolicy, Policy};

#[test]
fn the_builder_refuses_keys_browsers_refuse() {
    // Before: rendered `camera=(), Camera=()`, which browsers drop whole.
    let e = PermissionsPolicy::new()
        .camera([])
        .directive("Camera", [])
        .render()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidName);
    assert_eq!(e.header(), Some("Permissions-Policy"));
    assert_eq!(e.input(), Some("Camera"));
    let e = PermissionsPolicy::new()
        .directive("camera!", [])
        .render()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidName);
    assert_eq!(e.input(), Some("camera!"));
    // A raw value too.
    let e = PermissionsPolicy::new()
        .value("camera=(), Camera=()")
        .render()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidName);
    assert_eq!(e.input(), Some("Camera"));
}

#[test]
fn from_str_refuses_keys_browsers_refuse() {
    let e = "camera=(), Camera=()"
        .parse::<PermissionsPolicy>()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidName);
    assert_eq!(e.input(), Some("Camera"));
    assert!(e.detail().unwrap().ends_with("at byte 11"), "{e}");
    let e = "camera!=()".parse::<PermissionsPolicy>().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidName);
    assert_eq!(e.input(), Some("camera!"));
}

/// A configuration's `[permissions]` section and its raw `permissions-policy` go through
/// the builder.
#[cfg(feature = "serde")]
#[test]
fn a_configuration_refuses_keys_browsers_refuse() {
    use secure_headers::Preset;
    use secure_headers::config::{Config, Section, Value};

    for bad in ["Camera", "camera!"] {
        let mut config = Config::from_preset(Preset::Balanced);
        config.permissions = Some(Section::new().entry(bad, Value::List(Vec::new())));
        let e = config
            .into_builder()
            .and_then(|b| b.build())
            .expect_err(bad);
        // Refused, naming the configuration key, the input and the feature meant: by the
        // configuration's own check of `[permissions]` keys, or by the builder.
        let message = e.to_string();
        assert!(
            matches!(e.kind(), ErrorKind::Config | ErrorKind::InvalidName),
            "{bad}: {message}"
        );
        assert!(message.contains("permissions"), "{message}");
        assert!(message.contains(bad), "{message}");
        assert!(
            message.contains("camera`?") || message.contains("named camera"),
            "{message}"
        );
    }
    // The raw form, `permissions-policy = "..."`.
    let mut config = Config::from_preset(Preset::Balanced);
    config.permissions_policy = Some("camera=(), Camera=()".to_owned());
    let e = config
        .into_builder()
        .and_then(|b| b.build())
        .expect_err("a raw value with Camera");
    assert_eq!(e.kind(), ErrorKind::InvalidName, "{e}");
    assert_eq!(e.input(), Some("Camera"));

    let mut config = Config::from_preset(Preset::Balanced);
    config.permissions = Some(Section::new().entry("keyboard-map", Value::List(Vec::new())));
    let secure = config.into_builder().unwrap().build().unwrap();
    let value = secure
        .header_items()
        .find(|(n, _)| n.eq_ignore_ascii_case("permissions-policy"))
        .map(|(_, v)| v)
        .unwrap();
    assert!(value.ends_with(", keyboard-map=()"), "{value}");
}
