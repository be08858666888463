use super::allowlist::unquote;
use super::*;
use crate::Policy;
use proptest::prelude::*;

fn render(p: &PermissionsPolicy) -> String {
    p.render().unwrap()
}

fn pp() -> PermissionsPolicy {
    PermissionsPolicy::new()
}

#[test]
fn default() {
    assert_eq!(render(&pp()), DEFAULT);
    assert_eq!(PermissionsPolicy::default(), pp());
    assert_eq!(pp().name(), HEADER);
    assert_eq!(pp().features().count(), 0);
}

#[test]
fn seed_examples() {
    assert_eq!(render(&pp().geolocation([])), "geolocation=()");
    assert_eq!(render(&pp().camera(["self"])), "camera=(self)");
    assert_eq!(render(&pp().camera(["'self'"])), "camera=(self)");
    assert_eq!(
        render(&pp().geolocation(["self", "https://a.example.com"])),
        r#"geolocation=(self "https://a.example.com")"#
    );
    assert_eq!(render(&pp().geolocation(["*"])), "geolocation=*");
    let p = pp().geolocation([]).microphone([]).camera([]);
    assert_eq!(render(&p), DEFAULT);
}

#[test]
fn every_feature_method() {
    type Method = fn(PermissionsPolicy, Allowlist) -> PermissionsPolicy;
    let methods: [(Method, &str); 105] = [
        (PermissionsPolicy::accelerometer, "accelerometer"),
        (
            PermissionsPolicy::all_screens_capture,
            "all-screens-capture",
        ),
        (
            PermissionsPolicy::ambient_light_sensor,
            "ambient-light-sensor",
        ),
        (PermissionsPolicy::aria_notify, "aria-notify"),
        (
            PermissionsPolicy::attribution_reporting,
            "attribution-reporting",
        ),
        (PermissionsPolicy::autofill, "autofill"),
        (PermissionsPolicy::autoplay, "autoplay"),
        (PermissionsPolicy::battery, "battery"),
        (PermissionsPolicy::bluetooth, "bluetooth"),
        (PermissionsPolicy::browsing_topics, "browsing-topics"),
        (PermissionsPolicy::camera, "camera"),
        (
            PermissionsPolicy::captured_surface_control,
            "captured-surface-control",
        ),
        (PermissionsPolicy::ch_device_memory, "ch-device-memory"),
        (PermissionsPolicy::ch_downlink, "ch-downlink"),
        (PermissionsPolicy::ch_dpr, "ch-dpr"),
        (PermissionsPolicy::ch_ect, "ch-ect"),
        (
            PermissionsPolicy::ch_prefers_color_scheme,
            "ch-prefers-color-scheme",
        ),
        (
            PermissionsPolicy::ch_prefers_reduced_motion,
            "ch-prefers-reduced-motion",
        ),
        (
            PermissionsPolicy::ch_prefers_reduced_transparency,
            "ch-prefers-reduced-transparency",
        ),
        (PermissionsPolicy::ch_rtt, "ch-rtt"),
        (PermissionsPolicy::ch_save_data, "ch-save-data"),
        (PermissionsPolicy::ch_ua, "ch-ua"),
        (PermissionsPolicy::ch_ua_arch, "ch-ua-arch"),
        (PermissionsPolicy::ch_ua_bitness, "ch-ua-bitness"),
        (PermissionsPolicy::ch_ua_form_factors, "ch-ua-form-factors"),
        (PermissionsPolicy::ch_ua_full_version, "ch-ua-full-version"),
        (
            PermissionsPolicy::ch_ua_full_version_list,
            "ch-ua-full-version-list",
        ),
        (
            PermissionsPolicy::ch_ua_high_entropy_values,
            "ch-ua-high-entropy-values",
        ),
        (PermissionsPolicy::ch_ua_mobile, "ch-ua-mobile"),
        (PermissionsPolicy::ch_ua_model, "ch-ua-model"),
        (PermissionsPolicy::ch_ua_platform, "ch-ua-platform"),
        (
            PermissionsPolicy::ch_ua_platform_version,
            "ch-ua-platform-version",
        ),
        (PermissionsPolicy::ch_ua_wow64, "ch-ua-wow64"),
        (PermissionsPolicy::ch_viewport_height, "ch-viewport-height"),
        (PermissionsPolicy::ch_viewport_width, "ch-viewport-width"),
        (PermissionsPolicy::ch_width, "ch-width"),
        (PermissionsPolicy::clipboard_read, "clipboard-read"),
        (PermissionsPolicy::clipboard_write, "clipboard-write"),
        (PermissionsPolicy::compute_pressure, "compute-pressure"),
        (
            PermissionsPolicy::conversion_measurement,
            "conversion-measurement",
        ),
        (
            PermissionsPolicy::cross_origin_isolated,
            "cross-origin-isolated",
        ),
        (PermissionsPolicy::deferred_fetch, "deferred-fetch"),
        (
            PermissionsPolicy::deferred_fetch_minimal,
            "deferred-fetch-minimal",
        ),
        (
            PermissionsPolicy::digital_credentials_create,
            "digital-credentials-create",
        ),
        (
            PermissionsPolicy::digital_credentials_get,
            "digital-credentials-get",
        ),
        (PermissionsPolicy::direct_sockets, "direct-sockets"),
        (PermissionsPolicy::display_capture, "display-capture"),
        (PermissionsPolicy::document_domain, "document-domain"),
        (PermissionsPolicy::encrypted_media, "encrypted-media"),
        (
            PermissionsPolicy::execution_while_not_rendered,
            "execution-while-not-rendered",
        ),
        (
            PermissionsPolicy::execution_while_out_of_viewport,
            "execution-while-out-of-viewport",
        ),
        (
            PermissionsPolicy::focus_without_user_activation,
            "focus-without-user-activation",
        ),
        (PermissionsPolicy::fullscreen, "fullscreen"),
        (PermissionsPolicy::gamepad, "gamepad"),
        (PermissionsPolicy::geolocation, "geolocation"),
        (PermissionsPolicy::gyroscope, "gyroscope"),
        (PermissionsPolicy::hid, "hid"),
        (
            PermissionsPolicy::identity_credentials_get,
            "identity-credentials-get",
        ),
        (PermissionsPolicy::idle_detection, "idle-detection"),
        (PermissionsPolicy::interest_cohort, "interest-cohort"),
        (
            PermissionsPolicy::join_ad_interest_group,
            "join-ad-interest-group",
        ),
        (PermissionsPolicy::keyboard_map, "keyboard-map"),
        (PermissionsPolicy::language_detector, "language-detector"),
        (PermissionsPolicy::language_model, "language-model"),
        (PermissionsPolicy::local_fonts, "local-fonts"),
        (PermissionsPolicy::local_network, "local-network"),
        (
            PermissionsPolicy::local_network_access,
            "local-network-access",
        ),
        (PermissionsPolicy::loopback_network, "loopback-network"),
        (PermissionsPolicy::magnetometer, "magnetometer"),
        (PermissionsPolicy::manual_text, "manual-text"),
        (
            PermissionsPolicy::media_playback_while_not_visible,
            "media-playback-while-not-visible",
        ),
        (PermissionsPolicy::mediasession, "mediasession"),
        (PermissionsPolicy::microphone, "microphone"),
        (PermissionsPolicy::midi, "midi"),
        (PermissionsPolicy::monetization, "monetization"),
        (
            PermissionsPolicy::navigation_override,
            "navigation-override",
        ),
        (
            PermissionsPolicy::on_device_speech_recognition,
            "on-device-speech-recognition",
        ),
        (PermissionsPolicy::otp_credentials, "otp-credentials"),
        (PermissionsPolicy::payment, "payment"),
        (PermissionsPolicy::picture_in_picture, "picture-in-picture"),
        (
            PermissionsPolicy::private_state_token_issuance,
            "private-state-token-issuance",
        ),
        (
            PermissionsPolicy::private_state_token_redemption,
            "private-state-token-redemption",
        ),
        (
            PermissionsPolicy::publickey_credentials_create,
            "publickey-credentials-create",
        ),
        (
            PermissionsPolicy::publickey_credentials_get,
            "publickey-credentials-get",
        ),
        (PermissionsPolicy::rewriter, "rewriter"),
        (PermissionsPolicy::run_ad_auction, "run-ad-auction"),
        (PermissionsPolicy::screen_wake_lock, "screen-wake-lock"),
        (PermissionsPolicy::serial, "serial"),
        (PermissionsPolicy::smart_card, "smart-card"),
        (PermissionsPolicy::speaker_selection, "speaker-selection"),
        (PermissionsPolicy::storage_access, "storage-access"),
        (PermissionsPolicy::summarizer, "summarizer"),
        (PermissionsPolicy::sync_script, "sync-script"),
        (PermissionsPolicy::sync_xhr, "sync-xhr"),
        (PermissionsPolicy::tools, "tools"),
        (PermissionsPolicy::translator, "translator"),
        (
            PermissionsPolicy::trust_token_redemption,
            "trust-token-redemption",
        ),
        (PermissionsPolicy::unload, "unload"),
        (PermissionsPolicy::usb, "usb"),
        (PermissionsPolicy::vertical_scroll, "vertical-scroll"),
        (PermissionsPolicy::web_share, "web-share"),
        (PermissionsPolicy::window_management, "window-management"),
        (PermissionsPolicy::window_placement, "window-placement"),
        (PermissionsPolicy::writer, "writer"),
        (
            PermissionsPolicy::xr_spatial_tracking,
            "xr-spatial-tracking",
        ),
    ];
    for ((method, name), feature) in methods.iter().zip(Feature::ALL) {
        assert_eq!(feature.as_str(), *name);
        let p = method(pp(), Allowlist::from(["self"]));
        assert_eq!(render(&p), format!("{name}=(self)"));
        assert_eq!(p, pp().add_directive(*feature, ["self"]));
    }
    let all = methods
        .iter()
        .fold(pp(), |p, (method, _)| method(p, Allowlist::none()));
    let expected: Vec<String> = methods.iter().map(|(_, n)| format!("{n}=()")).collect();
    assert_eq!(render(&all), expected.join(", "));
}

#[test]
#[allow(
    clippy::needless_borrows_for_generic_args,
    reason = "the borrowed forms are what is tested"
)]
fn allowlist_argument_forms() {
    let owned = vec![String::from("self")];
    let cases: [(PermissionsPolicy, &str); 8] = [
        (pp().camera(&["self"]), "camera=(self)"),
        (pp().camera(&["self"][..]), "camera=(self)"),
        (pp().camera(vec!["self"]), "camera=(self)"),
        (pp().camera(owned.clone()), "camera=(self)"),
        (pp().camera(&owned[..]), "camera=(self)"),
        (pp().camera("self"), "camera=(self)"),
        (pp().camera(Vec::<&str>::new()), "camera=()"),
        (pp().camera(Allowlist::any()), "camera=*"),
    ];
    for (p, expected) in cases {
        assert_eq!(render(&p), expected);
    }
    assert_eq!(render(&pp().camera(&[])), "camera=()");
}

#[test]
fn normalisation() {
    let cases: [(&[&str], &str); 18] = [
        (&["none"], "()"),
        (&["'none'"], "()"),
        (&["\"none\""], "()"),
        (&["()"], "()"),
        (&[""], "()"),
        (&["", "  "], "()"),
        (&["*"], "*"),
        (&["'*'"], "*"),
        (&["\"*\""], "*"),
        (&["*", "'*'"], "*"),
        (&["'self'", "\"src\""], "(self src)"),
        (&["src", "self"], "(src self)"),
        (&["self", "self", "'self'"], "(self)"),
        (&["'https://a.com'"], r#"("https://a.com")"#),
        (&["\"https://a.com\""], r#"("https://a.com")"#),
        (
            &["https://a.com", "'https://a.com'", "HTTPS://A.COM/"],
            r#"("https://a.com")"#,
        ),
        (
            &[
                "http://localhost:8080",
                "https://*.example.com",
                "https://[::1]:443",
            ],
            r#"("http://localhost:8080" "https://*.example.com" "https://[::1]:443")"#,
        ),
        (
            &[" self ", "", "https://10.0.0.1"],
            r#"(self "https://10.0.0.1")"#,
        ),
    ];
    for (tokens, expected) in cases {
        let a = Allowlist::from(tokens);
        assert_eq!(a.error(), None, "{tokens:?}");
        assert_eq!(a.to_string(), expected, "{tokens:?}");
    }
}

#[test]
fn conflicts() {
    for tokens in [
        &["*", "self"][..],
        &["self", "'*'"],
        &["https://a.com", "*"],
    ] {
        let e = pp().camera(tokens).render().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Conflict, "{tokens:?}");
        assert_eq!(e.header(), Some(HEADER));
        assert_eq!(e.directive(), Some("camera"));
        assert!(e.detail().unwrap().contains("alone"));
    }
    for tokens in [
        &["none", "self"][..],
        &["self", "()"],
        &["", "none"],
        &["none", "none"],
    ] {
        let e = pp().camera(tokens).render().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Conflict, "{tokens:?}");
        assert_eq!(e.directive(), Some("camera"));
        assert!(e.detail().unwrap().contains("cannot be combined"));
    }
}

#[test]
fn bad_allowlist_tokens() {
    for (bad, kind) in [
        ("self\r\nSet-Cookie: a", ErrorKind::InvalidCharacter),
        ("self\n", ErrorKind::InvalidCharacter),
        ("self\0", ErrorKind::InvalidCharacter),
        ("https://a.com,https://b.com", ErrorKind::Separator),
        ("self;", ErrorKind::Separator),
        ("self https://a.com", ErrorKind::InvalidToken),
        ("example.com", ErrorKind::InvalidValue),
        ("Self", ErrorKind::InvalidValue),
        ("https://a.com/path", ErrorKind::InvalidValue),
        ("https://a.com?q", ErrorKind::InvalidValue),
        ("https://a.com#f", ErrorKind::InvalidValue),
        ("https://user@a.com", ErrorKind::InvalidValue),
        ("https://a.com:99999", ErrorKind::InvalidValue),
        ("https://a.com:", ErrorKind::InvalidValue),
        ("https://", ErrorKind::InvalidValue),
        ("https://a..com", ErrorKind::InvalidValue),
        ("https://a\"b.com", ErrorKind::InvalidValue),
        ("'https://a.com\"", ErrorKind::InvalidValue),
        ("https://[::1", ErrorKind::InvalidValue),
        ("https://[zz]", ErrorKind::InvalidValue),
        ("1https://a.com", ErrorKind::InvalidValue),
    ] {
        let e = pp().geolocation(["self", bad]).render().unwrap_err();
        assert_eq!(e.kind(), kind, "{bad:?}");
        assert_eq!(e.header(), Some(HEADER));
        assert_eq!(e.directive(), Some("geolocation"));
        assert_eq!(e.input(), Some(bad));
    }
}

#[test]
fn add_directive_names() {
    let p = pp()
        .add_directive(" new-feature ", ["self"])
        .directive("x", [])
        .directive("*a_b-c.d*9", []);
    assert_eq!(render(&p), "new-feature=(self), x=(), *a_b-c.d*9=()");
    for (bad, kind) in [
        ("", ErrorKind::Empty),
        ("  ", ErrorKind::Empty),
        ("Camera", ErrorKind::InvalidName),
        ("camera!", ErrorKind::InvalidName),
        ("new-Feature", ErrorKind::InvalidName),
        ("1camera", ErrorKind::InvalidName),
        ("-camera", ErrorKind::InvalidName),
        ("_camera", ErrorKind::InvalidName),
        ("cam/era", ErrorKind::InvalidName),
        ("bad name", ErrorKind::InvalidName),
        ("a,b", ErrorKind::InvalidName),
        ("a;b", ErrorKind::InvalidName),
        ("a=b", ErrorKind::InvalidName),
        ("a(b", ErrorKind::InvalidName),
        ("a\rb", ErrorKind::InvalidCharacter),
        ("a\nb", ErrorKind::InvalidCharacter),
        ("a\0b", ErrorKind::InvalidCharacter),
    ] {
        let e = pp().add_directive(bad, ["self"]).render().unwrap_err();
        assert_eq!(e.kind(), kind, "{bad:?}");
        assert_eq!(e.header(), Some(HEADER));
        assert_eq!(e.input(), Some(bad));
    }
}

/// `directive("Camera", [])` once rendered `camera=(), Camera=()`, which a browser's
/// structured-field parser refuses whole: every feature was left unrestricted.
#[test]
fn keys_browsers_refuse_are_errors() {
    let e = pp()
        .camera([])
        .directive("Camera", [])
        .render()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidName);
    assert_eq!(e.header(), Some(HEADER));
    assert_eq!(e.input(), Some("Camera"));
    assert_eq!(
        e.detail(),
        Some(
            "a feature name is lowercase (a Structured Field key); browsers refuse the whole header otherwise, leaving every feature unrestricted; the feature is named camera"
        )
    );
    let e = pp()
        .camera([])
        .directive("camera!", [])
        .render()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidName);
    assert_eq!(e.input(), Some("camera!"));
    assert_eq!(
        e.detail(),
        Some(
            "a feature name is a lowercase letter or '*', then lowercase letters, digits, '_', '-', '.' or '*' (a Structured Field key); browsers refuse the whole header otherwise, leaving every feature unrestricted"
        )
    );
    // No hint for a name whose lowercase form is not a known feature.
    let e = pp().directive("X-Beta", []).render().unwrap_err();
    assert!(!e.detail().unwrap().contains("named"), "{e}");
}

#[test]
fn re_adding_replaces_in_place() {
    let p = pp()
        .camera([])
        .geolocation(["self"])
        .camera(["*"])
        .add_directive("camera", ["src"]);
    assert_eq!(render(&p), "camera=(src), geolocation=(self)");
    let names: Vec<&str> = p.features().map(|(n, _)| n).collect();
    assert_eq!(names, ["camera", "geolocation"]);
    assert!(p.get(Feature::Camera).unwrap().allows_src());
    assert!(p.get("geolocation").unwrap().allows_self());
    assert_eq!(p.get("usb"), None);
}

#[test]
fn value_replaces_everything() {
    let p = pp().camera([]).value("  usb=() ");
    assert_eq!(render(&p), "usb=()");
    assert_eq!(p.raw_value(), Some("usb=()"));
    assert_eq!(p.features().count(), 0);
    // `secure` 2.0.1's bug: camera=() came back here.
    let p = p.geolocation(["self"]);
    assert_eq!(render(&p), "geolocation=(self)");
    assert_eq!(p.raw_value(), None);
    assert_eq!(render(&pp().set("fullscreen=*")), "fullscreen=*");
    for (bad, kind) in [
        ("", ErrorKind::Empty),
        ("  ", ErrorKind::Empty),
        ("a=()\r\nSet-Cookie: x", ErrorKind::InvalidCharacter),
        ("a=()\n", ErrorKind::InvalidCharacter),
        ("a=()\0", ErrorKind::InvalidCharacter),
    ] {
        let e = pp().value(bad).render().unwrap_err();
        assert_eq!(e.kind(), kind, "{bad:?}");
        assert_eq!(e.header(), Some(HEADER));
        assert_eq!(e.input(), Some(bad));
    }
}

#[test]
fn a_raw_value_with_a_key_browsers_refuse_is_an_error() {
    for (bad, key) in [
        ("camera=(), Camera=()", "Camera"),
        ("camera!=()", "camera!"),
        (r#"geolocation=(self "https://a,b"), USB=()"#, "USB"),
        ("camera=(),", ""),
        (", camera=()", ""),
    ] {
        let e = pp().value(bad).render().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidName, "{bad:?}");
        assert_eq!(e.input(), Some(key), "{bad:?}");
    }
    for good in [
        "camera=()",
        r#"camera=();report-to=main, geolocation=(self "https://a.example,(x)"), fullscreen=*"#,
        "  usb=() , serial=(src)",
    ] {
        assert_eq!(render(&pp().value(good)), good.trim(), "{good:?}");
    }
    let keys: Vec<&str> = dictionary_keys(r#"a=(x "y,z\"," w), b;p=1, c=?0,d"#).collect();
    assert_eq!(keys, ["a", "b", "c", "d"]);
}

#[test]
fn a_raw_value_that_is_not_a_dictionary_is_an_error() {
    for (bad, kind, feature, member) in [
        (
            r#"camera=("https://a.example)"#,
            ErrorKind::InvalidValue,
            "camera",
            r#"camera=("https://a.example)"#,
        ),
        (
            "camera=();P=1",
            ErrorKind::InvalidName,
            "camera",
            "camera=();P=1",
        ),
        (
            r#"usb=(), camera=(%"%C3%BC")"#,
            ErrorKind::InvalidValue,
            "camera",
            r#"camera=(%"%C3%BC")"#,
        ),
        (
            "camera=() usb=()",
            ErrorKind::InvalidValue,
            "camera",
            "camera=() usb=()",
        ),
        (
            "camera=(self,src)",
            ErrorKind::InvalidValue,
            "camera",
            "camera=(self,src)",
        ),
    ] {
        let e = pp().value(bad).render().unwrap_err();
        assert_eq!(e.kind(), kind, "{bad:?}: {e}");
        assert_eq!(e.header(), Some(HEADER), "{bad:?}: {e}");
        assert_eq!(e.directive(), Some(feature), "{bad:?}: {e}");
        assert_eq!(e.input(), Some(member), "{bad:?}: {e}");
    }
}

#[test]
fn first_error_wins_and_clear_restores_default() {
    let p = pp().camera(["nope"]).usb(["*", "self"]).value("");
    let e = p.render().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidValue);
    assert_eq!(e.directive(), Some("camera"));
    let p = p.clear();
    assert_eq!(p, pp());
    assert_eq!(render(&p), DEFAULT);
}

#[test]
fn allowlist_accessors() {
    let a = Allowlist::from(["self", "https://a.com", "src", "https://b.com:8443"]);
    assert!(a.allows_self() && a.allows_src());
    assert!(!a.is_none() && !a.is_any());
    assert_eq!(
        a.origins().collect::<Vec<_>>(),
        ["https://a.com", "https://b.com:8443"]
    );
    assert!(Allowlist::none().is_none());
    assert!(Allowlist::default().is_none());
    assert!(Allowlist::any().is_any() && Allowlist::any().allows_self());
    assert!(!Allowlist::none().allows_self());
    assert_eq!(Allowlist::any().origins().count(), 0);
    let bad = Allowlist::from("x y");
    assert_eq!(bad.error().unwrap().kind(), ErrorKind::InvalidToken);
    assert_eq!(
        Allowlist::from_tokens(Vec::<String>::new()),
        Allowlist::none()
    );
}

fn assert_header_value(v: &str) -> Result<(), TestCaseError> {
    prop_assert!(http::HeaderValue::from_str(v).is_ok());
    prop_assert!(!v.contains(['\r', '\n', '\0']));
    Ok(())
}

proptest! {
    #[test]
    fn allowlist_tokens_render_or_err(tokens in proptest::collection::vec(any::<String>(), 0..4)) {
        let p = pp().camera(tokens.clone());
        if let Ok(v) = p.render() {
            assert_header_value(&v)?;
            prop_assert!(v.starts_with("camera="));
            let a = p.get("camera").unwrap();
            for t in &tokens {
                let t = unquote(t.trim_matches(' '));
                match t {
                    "" | "none" | "()" => {}
                    "*" => prop_assert!(a.is_any()),
                    "self" => prop_assert!(a.allows_self()),
                    "src" => prop_assert!(a.allows_src()),
                    origin => prop_assert!(
                        a.origins().any(|o| o.eq_ignore_ascii_case(origin.trim_end_matches('/')))
                    ),
                }
            }
        }
    }

    #[test]
    fn origin_like_tokens_render_or_err(
        scheme in "[a-zA-Z][a-zA-Z0-9+.-]{0,5}",
        host in "[a-zA-Z0-9.*:\\[\\]\"' /?-]{0,16}",
        quote in prop_oneof![Just(""), Just("'"), Just("\"")],
    ) {
        let token = format!("{quote}{scheme}://{host}{quote}");
        let p = pp().geolocation(["self", token.as_str()]);
        match p.render() {
            Ok(v) => {
                assert_header_value(&v)?;
                let origin = p.get("geolocation").unwrap().origins().next().unwrap().to_owned();
                let quoted = format!("\"{origin}\"");
                prop_assert!(v.contains(&quoted));
                prop_assert!(!origin.contains(['"', '\'', ' ', '?']));
                prop_assert_eq!(origin.matches('/').count(), 2);
            }
            Err(e) => prop_assert_eq!(e.directive(), Some("geolocation")),
        }
    }

    #[test]
    fn add_directive_name_renders_or_errs(name in any::<String>()) {
        let p = pp().add_directive(&name, ["self"]);
        if let Ok(v) = p.render() {
            assert_header_value(&v)?;
            prop_assert_eq!(v, format!("{}=(self)", name.trim_matches(' ')));
        }
    }

    #[test]
    fn value_renders_what_was_set_or_errs(s in any::<String>()) {
        let p = pp().camera([]).value(&s);
        if let Ok(v) = p.render() {
            assert_header_value(&v)?;
            prop_assert_eq!(v.as_str(), s.trim_matches(' '));
        }
    }
}

#[test]
fn report_to_per_feature() {
    let p = pp()
        .geolocation([])
        .camera(["self", "https://a.example"])
        .report_to("camera", "pp")
        .report_to("geolocation", "geo")
        .report_to("geolocation", "main");
    assert_eq!(
        render(&p),
        r#"geolocation=();report-to=main, camera=(self "https://a.example");report-to=pp"#
    );
    assert_eq!(
        p.reporting_groups().collect::<Vec<_>>(),
        [("geolocation", "main"), ("camera", "pp")]
    );
    // Setting the allowlist again keeps the group and the place.
    let p = p.camera([]);
    assert_eq!(
        render(&p),
        "geolocation=();report-to=main, camera=();report-to=pp"
    );
    assert_eq!(p.reporting_group("camera"), Some("pp"));
    assert_eq!(p.reporting_group("usb"), None);
    // A raw value drops them.
    assert_eq!(p.value("usb=()").reporting_groups().count(), 0);
    // Every feature, or the default's three.
    assert_eq!(
        render(&pp().usb([]).midi(["self"]).report_to_all("r")),
        "usb=();report-to=r, midi=(self);report-to=r"
    );
    assert_eq!(
        render(&pp().report_to_all("r")),
        "geolocation=();report-to=r, microphone=();report-to=r, camera=();report-to=r"
    );
}

#[test]
fn report_to_errors() {
    for (group, kind) in [
        ("", ErrorKind::Empty),
        ("a b", ErrorKind::InvalidToken),
        ("a\"b", ErrorKind::InvalidToken),
        ("a,b", ErrorKind::InvalidToken),
        ("a;b", ErrorKind::InvalidToken),
        ("1a", ErrorKind::InvalidToken),
        ("a\\b", ErrorKind::InvalidToken),
        ("a\r\nX-Evil: 1", ErrorKind::InvalidCharacter),
        ("é", ErrorKind::InvalidCharacter),
    ] {
        let e = pp()
            .camera([])
            .report_to("camera", group)
            .render()
            .unwrap_err();
        assert_eq!(e.kind(), kind, "{group:?}: {e}");
        assert_eq!(e.header(), Some(HEADER), "{group:?}");
        assert_eq!(e.directive(), Some("camera"), "{group:?}");
        assert_eq!(e.input(), Some(group), "{group:?}");
        // The report-only form names its own header.
        let e = pp()
            .camera([])
            .report_to("camera", group)
            .report_only()
            .render()
            .unwrap_err();
        assert_eq!(e.header(), Some("Permissions-Policy-Report-Only"));
    }
    let e = pp().report_to("camera", "pp").render().unwrap_err();
    assert_eq!(
        (e.kind(), e.directive(), e.input()),
        (ErrorKind::InvalidValue, Some("camera"), Some("pp"))
    );
    // A group that is a token but not a key is fine: Report-To groups may be any token.
    assert_eq!(
        render(&pp().usb([]).report_to("usb", "Main:1/x")),
        "usb=();report-to=Main:1/x"
    );
}

#[test]
fn report_only_form() {
    use crate::PermissionsPolicyReportOnly as Ro;
    let ro = pp().usb([]).report_to("usb", "pp").report_only();
    assert_eq!(crate::Policy::name(&ro), "Permissions-Policy-Report-Only");
    assert_eq!(crate::Policy::render(&ro).unwrap(), "usb=();report-to=pp");
    assert_eq!(ro.policy().reporting_group("usb"), Some("pp"));
    assert_eq!(Ro::from(ro.clone().enforce()), ro);
    assert_eq!(PermissionsPolicy::from(ro.clone()), ro.enforce());
    assert_eq!(
        crate::Policy::render(&Ro::new()).unwrap(),
        "geolocation=(), microphone=(), camera=()"
    );
    assert_eq!(
        crate::Policy::render(&Ro::new().value(" usb=() ")).unwrap(),
        "usb=()"
    );
    let e = crate::Policy::render(&Ro::new().value("USB=()")).unwrap_err();
    assert_eq!(e.header(), Some("Permissions-Policy-Report-Only"));
}
