use super::check::SANDBOX_FLAGS;
use super::*;

type Csp = ContentSecurityPolicy;

/// Every source-list method, with its directive name.
type SourceMethod = fn(Csp, Vec<String>) -> Csp;
const SOURCE_METHODS: [(&str, SourceMethod); 21] = [
    ("base-uri", |c, v| c.base_uri(v)),
    ("child-src", |c, v| c.child_src(v)),
    ("connect-src", |c, v| c.connect_src(v)),
    ("default-src", |c, v| c.default_src(v)),
    ("fenced-frame-src", |c, v| c.fenced_frame_src(v)),
    ("font-src", |c, v| c.font_src(v)),
    ("form-action", |c, v| c.form_action(v)),
    ("frame-ancestors", |c, v| c.frame_ancestors(v)),
    ("frame-src", |c, v| c.frame_src(v)),
    ("img-src", |c, v| c.img_src(v)),
    ("manifest-src", |c, v| c.manifest_src(v)),
    ("media-src", |c, v| c.media_src(v)),
    ("object-src", |c, v| c.object_src(v)),
    ("prefetch-src", |c, v| c.prefetch_src(v)),
    ("script-src", |c, v| c.script_src(v)),
    ("script-src-attr", |c, v| c.script_src_attr(v)),
    ("script-src-elem", |c, v| c.script_src_elem(v)),
    ("style-src", |c, v| c.style_src(v)),
    ("style-src-attr", |c, v| c.style_src_attr(v)),
    ("style-src-elem", |c, v| c.style_src_elem(v)),
    ("worker-src", |c, v| c.worker_src(v)),
];

/// Every method taking strings that are not sources, with its directive name.
const TOKEN_METHODS: [(&str, SourceMethod); 6] = [
    ("sandbox", |c, v| c.sandbox(v)),
    ("report-to", |c, v| {
        if v.is_empty() {
            c.custom_directive("report-to", v)
        } else {
            v.into_iter().fold(c, Csp::report_to)
        }
    }),
    ("report-uri", |c, v| c.report_uri(v)),
    ("require-trusted-types-for", |c, v| {
        c.require_trusted_types_for(v)
    }),
    ("trusted-types", |c, v| c.trusted_types(v)),
    ("x-custom", |c, v| c.custom_directive("x-custom", v)),
];

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

fn render(csp: &Csp) -> String {
    csp.render().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn default_is_the_seed_default() {
    let expected = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'";
    assert_eq!(render(&Csp::new()), expected);
    assert_eq!(render(&Csp::default()), expected);
    assert_eq!(Csp::DEFAULT_VALUE, expected);
    assert_eq!(Csp::new(), Csp::default());
    assert_eq!(Csp::new().name(), "Content-Security-Policy");
    assert_eq!(Csp::new().directives().count(), 0);
}

#[test]
fn preset_policies_render_exactly() {
    let base = Csp::new()
        .default_src(["'self'"])
        .base_uri(["'self'"])
        .font_src(["'self'", "https:", "data:"])
        .form_action(["'self'"])
        .frame_ancestors(["'self'"])
        .img_src(["'self'", "data:"])
        .object_src(["'none'"])
        .script_src(["'self'"])
        .script_src_attr(["'none'"])
        .style_src(["'self'", "https:", "'unsafe-inline'"])
        .upgrade_insecure_requests();
    assert_eq!(
        render(&base),
        "default-src 'self'; base-uri 'self'; font-src 'self' https: data:; form-action 'self'; frame-ancestors 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self' https: 'unsafe-inline'; upgrade-insecure-requests"
    );
    let typed = Csp::new()
        .default_src([Source::SELF])
        .base_uri([Source::SELF])
        .font_src([Source::SELF, Source::HTTPS, Source::DATA])
        .form_action([Source::SELF])
        .frame_ancestors([Source::SELF])
        .img_src([Source::SELF, Source::DATA])
        .object_src([Source::NONE])
        .script_src([Source::SELF])
        .script_src_attr([Source::NONE])
        .style_src([Source::SELF, Source::HTTPS, Source::UNSAFE_INLINE])
        .upgrade_insecure_requests();
    assert_eq!(typed, base);

    let strict = Csp::new()
        .default_src(["'self'"])
        .script_src(["'self'"])
        .style_src(["'self'"])
        .object_src(["'none'"])
        .base_uri(["'none'"])
        .frame_ancestors(["'none'"]);
    assert_eq!(
        render(&strict),
        "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    );
}

#[test]
fn every_source_list_method() {
    for (name, method) in SOURCE_METHODS {
        let csp = method(Csp::new(), strings(&["'self'", "https://a.example.com"]));
        assert_eq!(render(&csp), format!("{name} 'self' https://a.example.com"));
        assert_eq!(
            csp.directive(name),
            Some(&[Source::SELF, Source::host("https://a.example.com").unwrap()][..])
        );
        assert!(csp.directives().next().unwrap().is_source_list());
        // An empty list makes the directive valueless.
        assert_eq!(render(&method(csp, vec![])), name);
    }
}

#[test]
fn valueless_methods() {
    let csp = Csp::new()
        .block_all_mixed_content()
        .upgrade_insecure_requests();
    assert_eq!(
        render(&csp),
        "block-all-mixed-content; upgrade-insecure-requests"
    );
    let again = csp
        .clone()
        .upgrade_insecure_requests()
        .block_all_mixed_content();
    assert_eq!(again, csp);
    assert_eq!(csp.directive("upgrade-insecure-requests"), None);
    assert!(csp.contains("upgrade-insecure-requests"));
    let e = Csp::new()
        .custom_directive("upgrade-insecure-requests", ["x"])
        .render()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidValue);
}

#[test]
fn sandbox_flags() {
    let csp = Csp::new()
        .sandbox(["allow-scripts", "ALLOW-FORMS"])
        .sandbox(["allow-scripts", "allow-popups"]);
    assert_eq!(
        render(&csp),
        "sandbox allow-scripts allow-forms allow-popups"
    );
    assert_eq!(render(&Csp::new().sandbox([] as [&str; 0])), "sandbox");
    for flag in SANDBOX_FLAGS {
        assert_eq!(
            render(&Csp::new().sandbox([flag])),
            format!("sandbox {flag}")
        );
    }
    let e = Csp::new()
        .sandbox(["allow-everything"])
        .render()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidValue);
    assert_eq!(e.directive(), Some("sandbox"));
    assert_eq!(e.input(), Some("allow-everything"));
}

#[test]
fn report_to_takes_one_group() {
    let csp = Csp::new().report_to("a").report_to("b");
    assert_eq!(render(&csp), "report-to b");
    assert_eq!(csp.tokens("report-to").unwrap().collect::<Vec<_>>(), ["b"]);
    for bad in ["a b", "a;b", "", "a(b)", "\"a\""] {
        let e = Csp::new().report_to(bad).render().unwrap_err();
        assert_eq!(e.directive(), Some("report-to"), "{bad:?}");
        assert_eq!(e.input(), Some(bad));
    }
    let e = Csp::new()
        .custom_directive("report-to", ["a", "b"])
        .render()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidValue);
    let e = Csp::new()
        .custom_directive("report-to", [] as [&str; 0])
        .render()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Empty);
}

#[test]
fn report_uri() {
    let csp = Csp::new()
        .report_uri(["https://r.example.com/csp?x=1", "/csp-report"])
        .report_uri(["/csp-report"]);
    assert_eq!(
        render(&csp),
        "report-uri https://r.example.com/csp?x=1 /csp-report"
    );
    for bad in ["https://a/<x>", "https://a/{x}", "a\"b", "a,b", "a b"] {
        let e = Csp::new().report_uri([bad]).render().unwrap_err();
        assert_eq!(e.directive(), Some("report-uri"), "{bad:?}");
        assert_eq!(e.input(), Some(bad));
    }
}

#[test]
fn trusted_types_directives() {
    let csp = Csp::new()
        .require_trusted_types_for(["'SCRIPT'"])
        .trusted_types(["default", "my-policy#1", "'allow-duplicates'"]);
    assert_eq!(
        render(&csp),
        "require-trusted-types-for 'script'; trusted-types default my-policy#1 'allow-duplicates'"
    );
    assert_eq!(
        render(&Csp::new().trusted_types(["'none'"])),
        "trusted-types 'none'"
    );
    assert_eq!(render(&Csp::new().trusted_types(["*"])), "trusted-types *");
    assert_eq!(
        render(&Csp::new().trusted_types([] as [&str; 0])),
        "trusted-types"
    );

    let e = Csp::new()
        .require_trusted_types_for(["script"])
        .render()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnquotedKeyword);
    assert_eq!(e.detail(), Some("use 'script'"));
    let e = Csp::new()
        .require_trusted_types_for(["'style'"])
        .render()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidValue);
    let e = Csp::new().trusted_types(["none"]).render().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnquotedKeyword);
    let e = Csp::new().trusted_types(["'foo'"]).render().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidValue);
    let e = Csp::new()
        .trusted_types(["'none'", "default"])
        .render()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Conflict);
    assert_eq!(e.directive(), Some("trusted-types"));
}

#[test]
fn custom_directives() {
    let csp = Csp::new()
        .custom_directive("X-Beta", ["one", "two"])
        .custom_directive("x-beta", ["two", "three"]);
    assert_eq!(render(&csp), "X-Beta one two three");
    assert!(csp.directives().next().unwrap().is_custom());
    assert_eq!(csp.directive("x-beta"), None);
    assert_eq!(csp.tokens("X-BETA").unwrap().count(), 3);

    // A known name in any case is the known directive.
    let csp = Csp::new()
        .script_src(["'self'"])
        .custom_directive("Script-Src", ["https:", "'self'"]);
    assert_eq!(render(&csp), "script-src 'self' https:");
    assert_eq!(
        csp.directive("script-src"),
        Some(&[Source::SELF, Source::HTTPS][..])
    );
    let e = Csp::new()
        .custom_directive("script-src", ["self"])
        .render()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnquotedKeyword);
    assert_eq!(e.directive(), Some("script-src"));
    let e = Csp::new()
        .custom_directive("SANDBOX", ["nope"])
        .render()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidValue);

    assert_eq!(
        render(&Csp::new().custom_directive("x", [] as [&str; 0])),
        "x"
    );
    for bad in [
        "invalid name!",
        "",
        "a;b",
        "a,b",
        "a\r\nb",
        "a\0",
        "a_b",
        "caf\u{e9}",
    ] {
        let e = Csp::new()
            .custom_directive(bad, ["x"])
            .render()
            .unwrap_err();
        assert_eq!(e.header(), Some(HEADER), "{bad:?}");
        assert_eq!(e.input(), Some(bad), "{bad:?}");
    }
    assert_eq!(
        Csp::new()
            .custom_directive("invalid name!", ["x"])
            .render()
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidName
    );
}

#[test]
fn seed_examples() {
    // A call without sources makes the directive valueless.
    let csp = Csp::new()
        .script_src(["'self'"])
        .script_src([] as [&str; 0]);
    assert_eq!(render(&csp), "script-src");
    // Repeated calls merge tokens, order-preserving, without duplicates.
    let csp = Csp::new()
        .script_src(["'self'", "https://a.example.com"])
        .script_src(["https://a.example.com", "'self'", "https://b.example.com"]);
    assert_eq!(
        render(&csp),
        "script-src 'self' https://a.example.com https://b.example.com"
    );
    // Keywords are case-insensitive, so they de-duplicate whatever their case.
    let csp = Csp::new().script_src(["'self'", "'SELF'"]);
    assert_eq!(render(&csp), "script-src 'self'");
    // Directive order is first insertion.
    let csp = Csp::new()
        .img_src(["'self'"])
        .default_src(["'none'"])
        .img_src(["data:"]);
    assert_eq!(render(&csp), "img-src 'self' data:; default-src 'none'");
}

#[test]
fn none_mixed_with_other_sources_is_a_conflict() {
    for csp in [
        Csp::new().script_src(["'none'", "'self'"]),
        Csp::new().script_src(["'none'"]).script_src(["'self'"]),
        Csp::new()
            .script_src([Source::SELF])
            .script_src([Source::NONE]),
    ] {
        let e = csp.render().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Conflict);
        assert_eq!(e.header(), Some(HEADER));
        assert_eq!(e.directive(), Some("script-src"));
        assert!(e.input().unwrap().contains("'none'"));
    }
    // 'none' repeated alone is fine.
    assert_eq!(
        render(&Csp::new().object_src(["'none'"]).object_src(["'none'"])),
        "object-src 'none'"
    );
}

#[test]
fn error_doc_example() {
    let err = Csp::new().script_src(["self"]).render().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnquotedKeyword);
    assert_eq!(err.header(), Some("Content-Security-Policy"));
    assert_eq!(err.directive(), Some("script-src"));
    assert_eq!(err.input(), Some("self"));
    assert_eq!(err.detail(), Some("use 'self'"));
    assert_eq!(
        err.to_string(),
        "unquoted keyword in Content-Security-Policy directive script-src: \"self\" (use 'self')"
    );
}

#[test]
fn bad_input_names_header_directive_and_input() {
    let bad = [
        ("a\rb", ErrorKind::InvalidCharacter),
        ("a\nb", ErrorKind::InvalidCharacter),
        ("a\0b", ErrorKind::InvalidCharacter),
        ("a;b", ErrorKind::Separator),
        ("a,b", ErrorKind::Separator),
    ];
    for (name, method) in SOURCE_METHODS.into_iter().chain(TOKEN_METHODS) {
        for (input, kind) in bad {
            let csp = method(Csp::new(), strings(&[input]));
            let e = csp.render().unwrap_err();
            assert_eq!(e.kind(), kind, "{name} {input:?}");
            assert_eq!(e.header(), Some(HEADER), "{name} {input:?}");
            assert_eq!(e.directive(), Some(name), "{name} {input:?}");
            assert_eq!(e.input(), Some(input), "{name} {input:?}");
            let e = csp.report_only().render().unwrap_err();
            assert_eq!(e.header(), Some(REPORT_ONLY_HEADER));
            assert_eq!(e.directive(), Some(name));
        }
    }
}

#[test]
fn first_error_wins_and_chain_continues() {
    let csp = Csp::new()
        .script_src(["self"])
        .img_src(["a;b"])
        .default_src(["'self'"]);
    let e = csp.render().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnquotedKeyword);
    assert_eq!(e.directive(), Some("script-src"));
    // The failed call set nothing; later calls still apply.
    assert!(!csp.contains("script-src"));
    assert!(csp.contains("default-src"));
    assert!(csp.clear().render().is_ok());
}

#[test]
fn raw_value() {
    let csp = Csp::new()
        .script_src(["'self'"])
        .value("  default-src 'none'; img-src *  ");
    assert_eq!(render(&csp), "default-src 'none'; img-src *");
    assert_eq!(csp.raw_value(), Some("default-src 'none'; img-src *"));
    assert_eq!(csp.directives().count(), 0);
    assert_eq!(render(&Csp::new().value("")), "");
    // A directive method afterwards leaves raw mode.
    let csp = csp.img_src(["data:"]);
    assert_eq!(render(&csp), "img-src data:");
    assert_eq!(csp.raw_value(), None);
    for bad in ["a\rb", "a\nb", "a\0b", "a\x7fb", "caf\u{e9}"] {
        let e = Csp::new().value(bad).render().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidCharacter);
        assert_eq!(e.header(), Some(HEADER));
        assert_eq!(e.input(), Some(bad));
    }
}

#[test]
fn clear_goes_back_to_new() {
    let csp = Csp::new().script_src(["self"]).value("x").clear();
    assert_eq!(csp, Csp::new());
    assert_eq!(render(&csp), Csp::DEFAULT_VALUE);
}

#[test]
fn remove_directive_and_accessors() {
    let csp = Csp::new()
        .default_src([Source::SELF])
        .script_src([Source::SELF, Source::STRICT_DYNAMIC])
        .sandbox(["allow-forms"]);
    assert!(csp.contains("SCRIPT-SRC"));
    assert_eq!(csp.directive(Directive::ScriptSrc).unwrap().len(), 2);
    assert_eq!(
        csp.directive(&Directive::DefaultSrc),
        Some(&[Source::SELF][..])
    );
    assert_eq!(csp.directive("sandbox"), None);
    assert_eq!(
        csp.tokens("sandbox").unwrap().collect::<Vec<_>>(),
        ["allow-forms"]
    );
    assert_eq!(
        csp.tokens("script-src").unwrap().collect::<Vec<_>>(),
        ["'self'", "'strict-dynamic'"]
    );
    let names: Vec<&str> = csp.directives().map(Directive::as_str).collect();
    assert_eq!(names, ["default-src", "script-src", "sandbox"]);

    let csp = csp
        .remove_directive("Script-Src")
        .remove_directive("not-set");
    assert_eq!(render(&csp), "default-src 'self'; sandbox allow-forms");
    let csp = csp
        .remove_directive("default-src")
        .remove_directive(Directive::Sandbox);
    assert_eq!(render(&csp), Csp::DEFAULT_VALUE);
}

#[test]
fn report_only() {
    let csp = Csp::new().default_src(["'self'"]);
    let ro = csp.clone().report_only();
    assert_eq!(ro.name(), "Content-Security-Policy-Report-Only");
    assert_eq!(ro.render().unwrap(), "default-src 'self'");
    assert_eq!(ro.policy(), &csp);
    assert_eq!(ContentSecurityPolicyReportOnly::from(csp.clone()), ro);
    assert_eq!(Csp::from(ro.clone()), csp);
    assert_eq!(ro.clone().enforce(), csp);
    let ro = ro.map(|p| p.script_src(["'self'"]));
    assert_eq!(
        ro.render().unwrap(),
        "default-src 'self'; script-src 'self'"
    );
    assert_eq!(
        ContentSecurityPolicyReportOnly::new().render().unwrap(),
        Csp::DEFAULT_VALUE
    );
    assert_eq!(
        ContentSecurityPolicyReportOnly::new(),
        ContentSecurityPolicyReportOnly::default()
    );
    let e = ro.map(|p| p.script_src(["self"])).render().unwrap_err();
    assert_eq!(e.header(), Some("Content-Security-Policy-Report-Only"));
    assert_eq!(e.directive(), Some("script-src"));
}

#[test]
fn policy_trait_objects() {
    let policies: Vec<Box<dyn Policy>> = vec![
        Box::new(Csp::new()),
        Box::new(ContentSecurityPolicyReportOnly::new()),
    ];
    let names: Vec<&str> = policies.iter().map(|p| p.name()).collect();
    assert_eq!(names, [HEADER, REPORT_ONLY_HEADER]);
}

#[test]
fn merging_many_tokens_is_not_quadratic_in_behaviour() {
    let hosts: Vec<String> = (0..2000).map(|i| format!("h{i}.example.com")).collect();
    let csp = Csp::new().img_src(&hosts).img_src(&hosts);
    assert_eq!(csp.directive("img-src").unwrap().len(), 2000);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    /// Strings that are often sources and sometimes hostile.
    fn token() -> impl Strategy<Value = String> {
        prop_oneof![
            1 => any::<String>(),
            1 => "[a-zA-Z0-9*.:/'_%+=;,\r\n\0 -]{0,16}",
            4 => "(https?://)?[a-z]{1,8}(\\.[a-z]{1,5}){0,2}(:[0-9]{1,4})?(/[a-z]{0,4})?",
            4 => prop::sample::select(vec![
                "'self'".to_owned(),
                "'none'".to_owned(),
                "'unsafe-inline'".to_owned(),
                "https:".to_owned(),
                "data:".to_owned(),
                "*".to_owned(),
                "self".to_owned(),
            ]),
        ]
    }

    fn check_header_value(value: &str) -> Result<(), TestCaseError> {
        prop_assert!(http::HeaderValue::from_str(value).is_ok(), "{value:?}");
        prop_assert!(!value.contains(['\r', '\n', '\0']));
        Ok(())
    }

    proptest! {
        #[test]
        fn source_lists_render_safely(
            calls in prop::collection::vec(
                (0..SOURCE_METHODS.len(), prop::collection::vec(token(), 0..4)),
                1..6,
            )
        ) {
            let mut csp = Csp::new();
            let mut expected: Vec<(&str, Vec<String>)> = Vec::new();
            for (i, values) in &calls {
                let (name, method) = SOURCE_METHODS[*i];
                csp = method(csp, values.clone());
                // The model: values are parsed, merged without duplicates, or cleared.
                let parsed: Result<Vec<String>, _> =
                    values.iter().map(|v| v.parse::<Source>().map(|s| s.to_string())).collect();
                if let Ok(parsed) = parsed {
                    let pos = expected.iter().position(|(n, _)| *n == name);
                    let list = match pos {
                        Some(p) => &mut expected[p].1,
                        None => {
                            expected.push((name, Vec::new()));
                            &mut expected.last_mut().unwrap().1
                        }
                    };
                    if parsed.is_empty() {
                        list.clear();
                    }
                    for p in parsed {
                        if !list.contains(&p) {
                            list.push(p);
                        }
                    }
                }
            }
            if let Ok(value) = csp.render() {
                check_header_value(&value)?;
                let entries: Vec<&str> = value.split(';').map(str::trim).collect();
                prop_assert_eq!(entries.len(), expected.len());
                for (entry, (name, tokens)) in entries.iter().zip(&expected) {
                    prop_assert!(entry.starts_with(name), "{entry:?} {name}");
                    let mut words = entry.split(' ');
                    prop_assert_eq!(words.next(), Some(*name));
                    prop_assert_eq!(words.collect::<Vec<_>>(), tokens.clone());
                }
            }
        }

        #[test]
        fn token_methods_render_safely(
            calls in prop::collection::vec(
                (0..TOKEN_METHODS.len(), prop::collection::vec(token(), 0..4)),
                1..6,
            )
        ) {
            let mut csp = Csp::new();
            let mut names = Vec::new();
            for (i, values) in &calls {
                let (name, method) = TOKEN_METHODS[*i];
                csp = method(csp, values.clone());
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            if let Ok(value) = csp.render() {
                check_header_value(&value)?;
                let entries: Vec<&str> = value.split(';').map(str::trim).collect();
                prop_assert_eq!(entries.len(), names.len());
                for (entry, name) in entries.iter().zip(&names) {
                    prop_assert_eq!(entry.split(' ').next(), Some(*name));
                }
            }
        }

        #[test]
        fn custom_directive_renders_safely(name in token(), values in prop::collection::vec(token(), 0..4)) {
            let csp = Csp::new().custom_directive(&name, &values);
            if let Ok(value) = csp.render() {
                check_header_value(&value)?;
                prop_assert_eq!(value.split(';').count(), 1);
                prop_assert!(value.split(' ').next().unwrap().eq_ignore_ascii_case(name.trim()));
            }
        }

        #[test]
        fn raw_value_renders_safely(raw in any::<String>()) {
            if let Ok(value) = Csp::new().value(&raw).render() {
                check_header_value(&value)?;
                prop_assert_eq!(value, raw.trim_matches(' '));
            }
        }
    }
}
