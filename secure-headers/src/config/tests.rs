//! The configuration's tests, by subject.

#[allow(unused_imports, reason = "each module below needs features of its own")]
use super::*;

#[cfg(all(test, feature = "toml", feature = "json"))]
mod building {
    use super::*;
    use crate::Policy;

    fn build(toml: &str) -> Secure {
        Config::from_toml(toml)
            .and_then(Config::into_builder)
            .and_then(|b| b.build())
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn value(secure: &Secure, name: &str) -> Option<String> {
        secure
            .header_items()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.to_owned())
    }

    fn err(toml: &str) -> String {
        match Config::from_toml(toml).and_then(Config::into_builder) {
            Ok(_) => panic!("{toml} was accepted"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn presets_round_trip() {
        for p in Preset::ALL {
            assert_eq!(build(&format!("preset = \"{p}\"")), Secure::from_preset(p));
            let json = Config::from_str(&format!("{{\"preset\": \"{p}\"}}"), Format::Json).unwrap();
            assert_eq!(
                json.into_builder().unwrap().build().unwrap(),
                Secure::from_preset(p)
            );
        }
        assert_eq!(build(""), Secure::from_preset(Preset::Balanced));
        assert_eq!(build("preset = \"none\"").header_items().len(), 0);
    }

    #[test]
    fn nel_report_to_and_permissions_report_only_keys() {
        let s = build(
            r#"
            preset = "none"
            permissions-policy-report-only = "camera=();report-to=pp, usb=()"
            report-to = '{"group":"nel","max_age":86400,"endpoints":[{"url":"https://r.example/nel"}]}'
            nel = '{"report_to":"nel","max_age":86400}'
            [reporting-endpoints]
            pp = "https://r.example/pp"
            "#,
        );
        assert_eq!(
            s.header_items().collect::<Vec<_>>(),
            [
                (
                    "Permissions-Policy-Report-Only",
                    "camera=();report-to=pp, usb=()"
                ),
                ("Reporting-Endpoints", "pp=\"https://r.example/pp\""),
                (
                    "Report-To",
                    r#"{"group":"nel","max_age":86400,"endpoints":[{"url":"https://r.example/nel"}]}"#
                ),
                ("NEL", r#"{"report_to":"nel","max_age":86400}"#),
            ]
        );
        // What the keys set is what the typed builders write.
        let typed =
            Secure::builder()
                .permissions_report_only(
                    crate::PermissionsPolicy::new()
                        .camera([])
                        .usb([])
                        .report_to("camera", "pp"),
                )
                .reporting_endpoints(
                    crate::ReportingEndpoints::new().endpoint("pp", "https://r.example/pp"),
                )
                .report_to(crate::ReportTo::new().group(
                    crate::ReportToGroup::new("nel", 86_400).endpoint("https://r.example/nel"),
                ))
                .nel(crate::Nel::new().report_to("nel"))
                .build()
                .unwrap();
        assert_eq!(
            typed.header_items().collect::<Vec<_>>(),
            s.header_items().collect::<Vec<_>>()
        );
        // The sections: features, and report-to for every feature of the policy.
        let s = build(
            r#"
            preset = "balanced"
            [permissions]
            usb = []
            report-to = "pp"
            [permissions-report-only]
            replace = true
            camera = []
            fullscreen = ["self"]
            report-to = "pp"
            [reporting-endpoints]
            pp = "https://r.example/pp"
            "#,
        );
        assert_eq!(
            value(&s, "Permissions-Policy").unwrap(),
            "geolocation=();report-to=pp, microphone=();report-to=pp, camera=();report-to=pp, usb=();report-to=pp"
        );
        assert_eq!(
            value(&s, "Permissions-Policy-Report-Only").unwrap(),
            "camera=();report-to=pp, fullscreen=(self);report-to=pp"
        );
        assert_eq!(
            err("[permissions-report-only]\nreport-to = [\"pp\"]"),
            r#"invalid configuration in permissions-report-only.report-to: "[\"pp\"]" (report-to takes one endpoint name, such as "pp")"#
        );
        assert!(
            err("permissions-policy-report-only = \"usb=()\"\n[permissions-report-only]\nusb = []")
                .contains("give either permissions-policy-report-only or [permissions-report-only], not both")
        );
        let e = Config::from_toml("[permissions-report-only]\nusb = []\nreport-to = \"a b\"")
            .and_then(Config::into_builder)
            .and_then(|b| b.build())
            .unwrap_err();
        assert_eq!(
            (e.kind(), e.header(), e.input()),
            (
                ErrorKind::InvalidToken,
                Some("Permissions-Policy-Report-Only"),
                Some("a b")
            )
        );
        let e = Config::from_toml("nel = \"\"")
            .and_then(Config::into_builder)
            .and_then(|b| b.build())
            .unwrap_err();
        assert_eq!((e.kind(), e.header()), (ErrorKind::Empty, Some("NEL")));
    }

    #[test]
    fn simple_headers_are_sent_as_given() {
        let s = build(
            r#"
            preset = "none"
            cache-control = "no-store"
            clear-site-data = "\"cache\""
            cross-origin-embedder-policy = "credentialless"
            cross-origin-opener-policy = "same-origin-allow-popups"
            cross-origin-resource-policy = "same-site"
            origin-agent-cluster = "?1"
            referrer-policy = "no-referrer"
            server = "edge"
            x-content-type-options = "nosniff"
            x-dns-prefetch-control = "off"
            x-download-options = "noopen"
            x-frame-options = "DENY"
            x-permitted-cross-domain-policies = "none"
            x-xss-protection = "0"
            content-security-policy = "default-src 'none'"
            content-security-policy-report-only = "script-src 'self'"
            strict-transport-security = "max-age=600"
            permissions-policy = "camera=()"
            "#,
        );
        let expected = [
            ("Cache-Control", "no-store"),
            ("Cross-Origin-Embedder-Policy", "credentialless"),
            ("Cross-Origin-Opener-Policy", "same-origin-allow-popups"),
            ("Cross-Origin-Resource-Policy", "same-site"),
            ("Content-Security-Policy", "default-src 'none'"),
            ("Content-Security-Policy-Report-Only", "script-src 'self'"),
            ("Strict-Transport-Security", "max-age=600"),
            ("Permissions-Policy", "camera=()"),
            ("Referrer-Policy", "no-referrer"),
            ("X-Permitted-Cross-Domain-Policies", "none"),
            ("X-DNS-Prefetch-Control", "off"),
            ("Server", "edge"),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Origin-Agent-Cluster", "?1"),
            ("X-Download-Options", "noopen"),
            ("X-XSS-Protection", "0"),
            ("Clear-Site-Data", "\"cache\""),
        ];
        let items: Vec<_> = s.header_items().collect();
        assert_eq!(items, expected);
    }

    #[test]
    fn csp_section_changes_the_base_directive_by_directive() {
        let s = build(
            r#"
            [csp]
            style-src = ["'self'"]
            connect-src = "'self'  https://api.example.com"
            upgrade-insecure-requests = false
            report-to = "csp"
            block-all-mixed-content = true
            "#,
        );
        assert_eq!(
            value(&s, "Content-Security-Policy").unwrap(),
            "default-src 'self'; base-uri 'self'; font-src 'self' https: data:; form-action 'self'; \
             frame-ancestors 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'; \
             script-src-attr 'none'; style-src 'self'; connect-src 'self' https://api.example.com; \
             report-to csp; block-all-mixed-content"
        );
        let s = build("[csp]\nreplace = true\ndefault-src = [\"'none'\"]\nimg-src = []");
        assert_eq!(
            value(&s, "Content-Security-Policy").unwrap(),
            "default-src 'none'; img-src"
        );
        let s = build("[csp-report-only]\nreplace = true\nscript-src = [\"'self'\"]");
        assert_eq!(
            value(&s, "Content-Security-Policy-Report-Only").unwrap(),
            "script-src 'self'"
        );
        let s = build("[csp]\nvalue = \"default-src 'none'\"");
        assert_eq!(
            value(&s, "Content-Security-Policy").unwrap(),
            "default-src 'none'"
        );
    }

    #[test]
    fn hsts_section_keeps_what_it_does_not_say() {
        let s = build("[hsts]\nmax-age = 63072000");
        assert_eq!(
            value(&s, "Strict-Transport-Security").unwrap(),
            "max-age=63072000; includeSubDomains"
        );
        let s = build("[hsts]\ninclude-subdomains = false");
        assert_eq!(
            value(&s, "Strict-Transport-Security").unwrap(),
            "max-age=31536000"
        );
        let s = build("[hsts]\nmax-age = 63072000\ninclude-subdomains = true\npreload = true");
        assert_eq!(
            value(&s, "Strict-Transport-Security").unwrap(),
            "max-age=63072000; includeSubDomains; preload"
        );
        let s = build("preset = \"none\"\n[hsts]\npreload = false");
        assert_eq!(
            value(&s, "Strict-Transport-Security").unwrap(),
            "max-age=31536000"
        );
        let s = build("[hsts]\nvalue = \"max-age=0\"");
        assert_eq!(value(&s, "Strict-Transport-Security").unwrap(), "max-age=0");
    }

    #[test]
    fn permissions_section() {
        let s = build("[permissions]\ncamera = [\"self\"]\nfullscreen = \"*\"\npayment = []");
        assert_eq!(
            value(&s, "Permissions-Policy").unwrap(),
            "geolocation=(), microphone=(), camera=(self), fullscreen=*, payment=()"
        );
        let s = build("[permissions]\nreplace = true\nusb = [\"self\", \"https://a.example\"]");
        assert_eq!(
            value(&s, "Permissions-Policy").unwrap(),
            r#"usb=(self "https://a.example")"#
        );
    }

    #[test]
    fn custom_modes_pipeline_and_remove() {
        let s = build(
            r#"
            preset = "basic"
            remove = ["X-XSS-Protection", "x-download-options"]
            multi-ok = []
            [reporting-endpoints]
            csp = "/reports/csp"
            [custom]
            X-Robots-Tag = "noindex"
            A-First = "1"
            [insert-mode]
            X-Frame-Options = "if-absent"
            [[pipeline]]
            step = "allowlist"
            allow-extra = ["A-First", "Reporting-Endpoints"]
            on-unexpected = "drop"
            allow-x-prefixed = true
            [[pipeline]]
            step = "deduplicate"
            action = "last"
            [[pipeline]]
            step = "normalize"
            on-invalid = "raise"
            "#,
        );
        let names: Vec<_> = s.header_items().map(|(n, _)| n).collect();
        assert!(!names.contains(&"X-XSS-Protection"));
        assert!(!names.contains(&"X-Download-Options"));
        assert!(names.ends_with(&["X-Robots-Tag", "A-First"]), "{names:?}");
        assert_eq!(
            value(&s, "Reporting-Endpoints").unwrap(),
            "csp=\"/reports/csp\""
        );
        let mode = |n: &str| s.entries().iter().find(|e| e.name() == n).unwrap().mode();
        assert_eq!(mode("X-Frame-Options"), InsertMode::IfAbsent);
        assert_eq!(mode("Content-Security-Policy"), InsertMode::Overwrite);
    }

    #[test]
    fn errors_name_the_key() {
        assert!(err("x-frame-option = \"DENY\"").contains("unknown key `x-frame-option`"));
        assert!(err("[hsts]\nmaxage = 1").contains("unknown key `maxage`"));
        assert!(err("[csp]\nscript-src = 1").contains("expected true, false, a string or a list"));
        assert_eq!(
            err("preset = \"modern\""),
            "invalid configuration in preset: \"modern\" (expected basic, balanced, strict or none)"
        );
        assert_eq!(
            err("[insert-mode]\nServer = \"sometimes\""),
            "invalid configuration in insert-mode.Server: \"sometimes\" (expected overwrite, append or if-absent)"
        );
        assert!(err("[[pipeline]]\nstep = \"dedupe\"").contains("unknown value `dedupe`"));
        assert_eq!(
            err("[[pipeline]]\nstep = \"deduplicate\"\naction = \"merge\""),
            "invalid configuration in pipeline[0].action: \"merge\" (expected raise, first, last or concat)"
        );
        assert!(
            err("[csp]\nscript-src = [\"self\"]")
                .ends_with("(use 'self'; config key csp.script-src)")
        );
        assert!(err("[hsts]\nmax-age = 60\npreload = true").contains("config key hsts"));
        assert!(err("x-frame-options = \"a\\nb\"").contains("config key x-frame-options"));
        assert!(err("content-security-policy = \"x\"\n[csp]\nimg-src = []").contains("not both"));
        assert!(err("[permissions]\ncamera = true").contains("permissions.camera"));
        assert!(err("[custom]\n\"Bad Name\" = \"x\"").contains("config key custom.Bad Name"));
        let json = Config::from_json("{\"presett\": \"basic\"}")
            .unwrap_err()
            .to_string();
        assert!(
            json.contains("unknown key `presett`") && json.contains("line 1"),
            "{json}"
        );
    }

    #[test]
    fn serializes_back_to_the_same_config() {
        let text = r#"
            preset = "strict"
            remove = ["Server"]
            x-frame-options = "SAMEORIGIN"
            [csp]
            img-src = ["'self'", "data:"]
            upgrade-insecure-requests = true
            [hsts]
            max-age = 600
            [permissions]
            camera = ["self"]
            [custom]
            X-Robots-Tag = "noindex"
            [insert-mode]
            Server = "if-absent"
            [[pipeline]]
            step = "normalize"
            strict = true
        "#;
        let config = Config::from_toml(text).unwrap();
        let toml = config.to_toml().unwrap();
        assert_eq!(Config::from_toml(&toml).unwrap(), config, "{toml}");
        let json = config.to_json().unwrap();
        assert_eq!(Config::from_json(&json).unwrap(), config, "{json}");
        let built = config.into_builder().unwrap().build().unwrap();
        assert_eq!(
            value(&built, "Content-Security-Policy").unwrap(),
            "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; \
             base-uri 'none'; frame-ancestors 'none'; img-src 'self' data:; upgrade-insecure-requests"
        );
        assert_eq!(
            value(&built, "Strict-Transport-Security").unwrap(),
            "max-age=600; includeSubDomains"
        );
        assert!(ContentSecurityPolicy::new().render().is_ok());
    }
}

#[cfg(all(test, feature = "toml", feature = "json"))]
mod located_errors {
    use super::*;

    fn toml_err(text: &str) -> String {
        Secure::from_config_str(text, Format::Toml)
            .map(|_| ())
            .unwrap_err()
            .to_string()
    }

    fn json_err(text: &str) -> String {
        Secure::from_config_str(text, Format::Json)
            .map(|_| ())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn unknown_keys_in_every_section_are_located_with_a_suggestion() {
        let cases = [
            (
                "preset = \"strict\"\n[csp]\ndefault-src = [\"'self'\"]\n  scirpt-src = [\"'self'\"]\n",
                "invalid configuration in csp.scirpt-src (line 4, column 3: unknown CSP directive `scirpt-src`; did you mean `script-src`?)",
            ),
            (
                "[csp-report-only]\nreplace = true\nimg-scr = []",
                "invalid configuration in csp-report-only.img-scr (line 3, column 1: unknown CSP directive `img-scr`; did you mean `img-src`?)",
            ),
            (
                "x-frame-option = \"DENY\"",
                "invalid configuration in x-frame-option (line 1, column 1: unknown key `x-frame-option`; did you mean `x-frame-options`?)",
            ),
            (
                "preset = \"strict\"\n\n[hsts]\nmaxage = 1",
                "invalid configuration in hsts.maxage (line 4, column 1: unknown key `maxage`; did you mean `max-age`?)",
            ),
            (
                "[permissions]\ncamera = []\ncamra = []",
                "invalid configuration in permissions.camra (line 3, column 1: unknown Permissions-Policy feature `camra`; did you mean `camera`?)",
            ),
            (
                "[[pipeline]]\nstep = \"normalize\"\n[[pipeline]]\nstep = \"deduplicate\"\nactoin = \"last\"",
                "invalid configuration in pipeline[1].actoin (line 5, column 1: unknown key `actoin`; did you mean `action`?)",
            ),
            (
                "[[pipeline]]\nstep = \"dedupe\"",
                "invalid configuration in pipeline[0].step (line 2, column 8: unknown value `dedupe`; expected allowlist, deduplicate, normalize)",
            ),
            (
                "[cps]\nimg-src = []",
                "invalid configuration in cps (line 1, column 2: unknown key `cps`; did you mean `csp`?)",
            ),
            (
                "[csp]\nscript-src = 1",
                "invalid configuration in csp.script-src (line 2, column 14: invalid type: integer `1`, expected true, false, a string or a list of strings)",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(toml_err(text), expected, "{text}");
        }
        assert_eq!(
            json_err("{\n  \"presett\": \"basic\"\n}"),
            "invalid configuration in presett (line 2, column 3: unknown key `presett`; did you mean `preset`?)"
        );
        assert_eq!(
            json_err("{\"csp\": {\n \"scirpt-src\": []}}"),
            "invalid configuration in csp.scirpt-src (line 2, column 2: unknown CSP directive `scirpt-src`; did you mean `script-src`?)"
        );
        // An unknown key next to a multi-byte character (found by the config fuzz target):
        // located without slicing inside the character.
        let fuzzed = "\n{\n\"\"\n\u{723}\t\t\\\t\t\u{10}\\\n\\\t\n\n\\\t\"\\\u{10}\\\n\\\t\n";
        assert_eq!(
            json_err(fuzzed),
            "invalid configuration (line 3, column 1: unknown key ``)"
        );
        assert_eq!(
            json_err("{\"\u{e9}\u{723}\": 1}"),
            "invalid configuration in \u{e9}\u{723} (line 1, column 2: unknown key `\u{e9}\u{723}`)"
        );
        // A key with nothing close is named without a guess.
        assert_eq!(
            toml_err("[csp]\nfoo = []"),
            "invalid configuration in csp.foo (line 2, column 1: unknown CSP directive `foo`)"
        );
        // Built in code, the same check runs without a position.
        let config = Config::default().reporting_endpoint("csp", "/r");
        let mut config = config;
        config.csp = Some(Section::new().entry("scirpt-src", Value::List(vec![])));
        assert_eq!(
            config.into_builder().unwrap_err().to_string(),
            "invalid configuration in csp.scirpt-src (unknown CSP directive `scirpt-src`; did you mean `script-src`?)"
        );
    }

    #[test]
    fn preload_with_include_subdomains_false_names_both_keys() {
        let text = "[hsts]\nmax-age = 63072000\ninclude-subdomains = false\npreload = true\n";
        assert_eq!(
            toml_err(text),
            "conflicting settings in Strict-Transport-Security directive preload: \"include-subdomains = false, preload = true\" (line 4, column 1: preload without includeSubDomains: the HSTS preload list only accepts a policy that covers every subdomain; either set include-subdomains = true or preload = false; config key hsts.preload)"
        );
        // Without an explicit false, preload brings includeSubDomains, as the builder does.
        let secure = Secure::from_config_str(
            "preset = \"none\"\n[hsts]\nmax-age = 63072000\npreload = true",
            Format::Toml,
        )
        .unwrap();
        assert_eq!(
            secure.to_string(),
            "Strict-Transport-Security: max-age=63072000; includeSubDomains; preload"
        );
    }

    #[test]
    fn builder_errors_name_the_key_the_file_wrote() {
        assert_eq!(
            toml_err("[csp]\nimg-src = []\nscript-src = [\"self\"]"),
            "unquoted keyword in Content-Security-Policy directive script-src: \"self\" (line 3, column 1: use 'self'; config key csp.script-src)"
        );
        assert!(
            toml_err("x-frame-options = \"a\\nb\"").contains("(line 1, column 1: "),
            "{}",
            toml_err("x-frame-options = \"a\\nb\"")
        );
        assert!(
            toml_err("[custom]\n\"Bad Name\" = \"x\"").contains("(line 2, column 1: ")
                && toml_err("[custom]\n\"Bad Name\" = \"x\"")
                    .ends_with("; config key custom.Bad Name)"),
            "{}",
            toml_err("[custom]\n\"Bad Name\" = \"x\"")
        );
        let e = toml_err("[hsts]\nmax-age = 60\npreload = true");
        assert!(
            e.starts_with("conflicting settings in Strict-Transport-Security directive preload: \"max-age=60\" (line 3, column 1: ")
                && e.ends_with("; config key hsts.preload)"),
            "{e}"
        );
    }
}

#[cfg(all(test, feature = "toml", feature = "json"))]
mod every_error {
    use super::*;

    /// Each error's message, in order: one a line.
    fn all(e: &Error) -> Vec<String> {
        e.to_string().lines().map(str::to_owned).collect()
    }

    const TOML: &str = r#"preset = "strict"
x-frame-option = "DENY"

[csp]
scirpt-src = ["'self'"]
img-src = ["self"]

[hsts]
max-age = "a year"

[allowed-hosts]
hosts = []

[cross-origin]
trusted-origins = ["partner.example"]
"#;

    #[test]
    fn a_file_reports_every_error_at_once_in_file_order() {
        let e = Secure::from_config_str(TOML, Format::Toml).unwrap_err();
        let expected = [
            "invalid configuration in x-frame-option (line 2, column 1: unknown key `x-frame-option`; did you mean `x-frame-options`?)",
            "invalid configuration in csp.scirpt-src (line 5, column 1: unknown CSP directive `scirpt-src`; did you mean `script-src`?)",
            "unquoted keyword in Content-Security-Policy directive img-src: \"self\" (line 6, column 1: use 'self'; config key csp.img-src)",
            "invalid configuration in hsts.max-age (line 9, column 11: invalid type: string \"a year\", expected u64)",
            "invalid configuration in allowed-hosts.hosts: \"[]\" (line 12, column 1: an empty list would refuse every request; list the hosts requests may name, such as [\"example.com\", \"*.example.com\"], or remove [allowed-hosts] to accept any host)",
            "unsupported value in cross-origin.trusted-origins: \"partner.example\" (line 15, column 1: expected an origin such as https://app.example or http://localhost:8000)",
        ];
        assert_eq!(all(&e), expected);
        // The first error, then the others, each its own.
        assert_eq!(e.directive(), Some("x-frame-option"));
        let others: Vec<String> = e.others().iter().map(ToString::to_string).collect();
        assert_eq!(others, expected[1..]);
        // Reading alone (no build) reports every unknown key and wrong type.
        let e = Config::from_toml(TOML).unwrap_err();
        assert_eq!(all(&e), [expected[0], expected[1], expected[3]]);
    }

    #[test]
    fn a_json_file_too() {
        let text = "{\n  \"presett\": \"basic\",\n  \"hsts\": { \"max-age\": true },\n  \"csp\": { \"img-src\": [\"self\"] }\n}";
        let e = Secure::from_config_str(text, Format::Json).unwrap_err();
        assert_eq!(
            all(&e),
            [
                "invalid configuration in presett (line 2, column 3: unknown key `presett`; did you mean `preset`?)",
                "invalid configuration in hsts.max-age (line 3, column 24: invalid type: boolean `true`, expected u64)",
                "unquoted keyword in Content-Security-Policy directive img-src: \"self\" (line 4, column 12: use 'self'; config key csp.img-src)",
            ]
        );
    }

    #[test]
    fn an_error_that_only_follows_from_another_is_not_reported() {
        // Without its bad header name, [proxy] names none: that is not a second mistake.
        let text = "[proxy]\ntrusted = [\"10.0.0.1\"]\nforwarded-headers = [\"x-forwarded-for\"]";
        let e = Secure::from_config_str(text, Format::Toml).unwrap_err();
        assert_eq!(e.others(), []);
        // Nor is the missing `hosts` of a section whose empty `hosts` was refused.
        let e = Secure::from_config_str("[allowed-hosts]\nhosts = []", Format::Toml).unwrap_err();
        assert_eq!(e.others(), [], "{e}");
        assert_eq!(e.directive(), Some("allowed-hosts.hosts"));
        // A file that is not TOML has the parser's one error.
        let e = Secure::from_config_str("[csp\nx = 1\ny = ", Format::Toml).unwrap_err();
        assert_eq!(e.others(), []);
    }
}
