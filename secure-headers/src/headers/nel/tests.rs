use super::*;
use crate::Policy;
use crate::headers::single::testing::parse_fails;
use proptest::prelude::*;

fn group() -> ReportToGroup {
    ReportToGroup::new("nel", 86_400).endpoint("https://r.example/nel")
}

#[test]
fn exact_values() {
    assert_eq!(ReportTo::new().name(), "Report-To");
    assert_eq!(Nel::new().name(), "NEL");
    assert_eq!(
        ReportTo::new()
            .group(group().include_subdomains(true))
            .render()
            .unwrap(),
        r#"{"group":"nel","max_age":86400,"endpoints":[{"url":"https://r.example/nel"}],"include_subdomains":true}"#
    );
    assert_eq!(
        ReportTo::new()
            .group(
                ReportToGroup::new("default", 0)
                    .endpoint_with("https://a.example/r?x=1", 1, 2)
                    .endpoint("HTTPS://B.example:8443/")
            )
            .render()
            .unwrap(),
        r#"{"group":"default","max_age":0,"endpoints":[{"url":"https://a.example/r?x=1","priority":1,"weight":2},{"url":"HTTPS://B.example:8443/"}]}"#
    );
    assert_eq!(
        Nel::new().report_to("nel").render().unwrap(),
        r#"{"report_to":"nel","max_age":86400}"#
    );
    assert_eq!(
        Nel::new()
            .report_to("nel")
            .max_age(2_592_000)
            .include_subdomains(true)
            .success_fraction(0.0)
            .failure_fraction(1.0)
            .request_headers(["If-None-Match"])
            .response_headers(["ETag", "Cache-Control"])
            .render()
            .unwrap(),
        r#"{"report_to":"nel","max_age":2592000,"include_subdomains":true,"success_fraction":0.0,"failure_fraction":1.0,"request_headers":["If-None-Match"],"response_headers":["ETag","Cache-Control"]}"#
    );
    assert_eq!(
        Nel::new()
            .report_to("a")
            .success_fraction(0.001)
            .render()
            .unwrap(),
        r#"{"report_to":"a","max_age":86400,"success_fraction":0.001}"#
    );
    assert_eq!(Nel::new().value(" {} ").render().unwrap(), "{}");
    assert_eq!(ReportTo::new().value("{}").render().unwrap(), "{}");
}

#[test]
fn bad_input_is_an_error_naming_it() {
    type Case = (
        Result<String, Error>,
        ErrorKind,
        &'static str,
        &'static str,
        &'static str,
    );
    let cases: Vec<Case> = vec![
        (
            ReportTo::new().render(),
            ErrorKind::Empty,
            "Report-To",
            "",
            "",
        ),
        (
            Nel::new().render(),
            ErrorKind::Empty,
            "NEL",
            "report_to",
            "",
        ),
        (
            ReportTo::new().group(ReportToGroup::new("nel", 1)).render(),
            ErrorKind::Empty,
            "Report-To",
            "endpoints",
            "nel",
        ),
        (
            ReportTo::new()
                .group(ReportToGroup::new("", 1).endpoint("https://r.example"))
                .render(),
            ErrorKind::Empty,
            "Report-To",
            "group",
            "",
        ),
        (
            ReportTo::new()
                .group(ReportToGroup::new("a b", 1).endpoint("https://r.example"))
                .render(),
            ErrorKind::InvalidToken,
            "Report-To",
            "group",
            "a b",
        ),
        (
            ReportTo::new()
                .group(ReportToGroup::new("a\"}", 1).endpoint("https://r.example"))
                .render(),
            ErrorKind::InvalidToken,
            "Report-To",
            "group",
            "a\"}",
        ),
        (
            ReportTo::new()
                .group(ReportToGroup::new("a\r\nX: y", 1).endpoint("https://r.example"))
                .render(),
            ErrorKind::InvalidCharacter,
            "Report-To",
            "group",
            "a\r\nX: y",
        ),
        (
            ReportTo::new()
                .group(ReportToGroup::new("nel", 1 << 60).endpoint("https://r.example"))
                .render(),
            ErrorKind::OutOfRange,
            "Report-To",
            "max_age",
            "1152921504606846976",
        ),
        (
            ReportTo::new()
                .group(ReportToGroup::new("nel", 1).endpoint("http://r.example/"))
                .render(),
            ErrorKind::InvalidValue,
            "Report-To",
            "url",
            "http://r.example/",
        ),
        (
            ReportTo::new()
                .group(ReportToGroup::new("nel", 1).endpoint("/r"))
                .render(),
            ErrorKind::InvalidValue,
            "Report-To",
            "url",
            "/r",
        ),
        (
            ReportTo::new()
                .group(ReportToGroup::new("nel", 1).endpoint("https:///r"))
                .render(),
            ErrorKind::InvalidValue,
            "Report-To",
            "url",
            "https:///r",
        ),
        (
            ReportTo::new()
                .group(ReportToGroup::new("nel", 1).endpoint("https://r.example/\"}]"))
                .render(),
            ErrorKind::InvalidValue,
            "Report-To",
            "url",
            "https://r.example/\"}]",
        ),
        (
            ReportTo::new()
                .group(
                    ReportToGroup::new("nel", 1).endpoint("https://r.example/\r\nSet-Cookie: a=b"),
                )
                .render(),
            ErrorKind::InvalidCharacter,
            "Report-To",
            "url",
            "https://r.example/\r\nSet-Cookie: a=b",
        ),
        (
            Nel::new().report_to("a,b").render(),
            ErrorKind::InvalidToken,
            "NEL",
            "report_to",
            "a,b",
        ),
        (
            Nel::new().report_to("nel").failure_fraction(-0.1).render(),
            ErrorKind::OutOfRange,
            "NEL",
            "failure_fraction",
            "-0.1",
        ),
        (
            Nel::new()
                .report_to("nel")
                .success_fraction(f64::NAN)
                .render(),
            ErrorKind::OutOfRange,
            "NEL",
            "success_fraction",
            "NaN",
        ),
        (
            Nel::new()
                .report_to("nel")
                .request_headers(["a b"])
                .render(),
            ErrorKind::InvalidName,
            "NEL",
            "request_headers",
            "a b",
        ),
        (
            Nel::new().report_to("nel").max_age(u64::MAX).render(),
            ErrorKind::OutOfRange,
            "NEL",
            "max_age",
            "18446744073709551615",
        ),
        (
            Nel::new().value("{\n}").render(),
            ErrorKind::InvalidCharacter,
            "NEL",
            "",
            "{\n}",
        ),
    ];
    for (i, (result, kind, header, directive, input)) in cases.into_iter().enumerate() {
        let e = result.unwrap_err();
        assert_eq!(e.kind(), kind, "{i}: {e}");
        assert_eq!(e.header(), Some(header), "{i}: {e}");
        if !directive.is_empty() {
            assert_eq!(e.directive(), Some(directive), "{i}: {e}");
        }
        if !input.is_empty() {
            assert_eq!(e.input(), Some(input), "{i}: {e}");
        }
    }
}

#[test]
fn json_strings_are_escaped_to_printable_ascii() {
    let mut out = String::new();
    json_string(&mut out, "a\"b\\c\r\n\u{7f}é😀");
    assert_eq!(out, r#""a\"b\\c\u000d\u000a\u007f\u00e9\ud83d\ude00""#);
    let back: String = serde_json::from_str(&out).unwrap();
    assert_eq!(back, "a\"b\\c\r\n\u{7f}é😀");
}

#[test]
fn parses() {
    let r: ReportTo = r#" {"group": "nel", "max_age": 86400, "endpoints": [{"url": "https://r.example/nel"}], "include_subdomains": true} "#
        .parse()
        .unwrap();
    assert_eq!(r, ReportTo::new().group(group().include_subdomains(true)));
    let g = r.get("nel").unwrap();
    assert!(g.includes_subdomains());
    let r: ReportTo = r#"{"max_age":1,"endpoints":[{"url":"https:\/\/r.example\/x"}]}"#
        .parse()
        .unwrap();
    assert_eq!(
        r.groups().next().unwrap().endpoints().collect::<Vec<_>>(),
        ["https://r.example/x"]
    );
    let nel: Nel = r#"{"report_to":"nel","max_age":0,"success_fraction":5e-1,"request_headers":[],"response_headers":["ETag"]}"#
        .parse()
        .unwrap();
    assert_eq!(
        nel,
        Nel::new()
            .report_to("nel")
            .max_age(0)
            .success_fraction(0.5)
            .response_headers(["ETag"])
    );

    for (input, kind, directive, byte) in [
        ("", ErrorKind::InvalidValue, None, 0),
        ("{", ErrorKind::InvalidValue, None, 1),
        (
            r#"{"max_age":1,"endpoints":[{"url":"https://r.example"}]} {"#,
            ErrorKind::InvalidValue,
            None,
            56,
        ),
        (
            r#"{"group":"a","max_age":-1,"endpoints":[{"url":"https://r.example"}]}"#,
            ErrorKind::InvalidValue,
            Some("max_age"),
            23,
        ),
        (
            r#"{"group":"a","max_age":1.5,"endpoints":[{"url":"https://r.example"}]}"#,
            ErrorKind::InvalidValue,
            Some("max_age"),
            23,
        ),
        (
            r#"{"group":"a","endpoints":[{"url":"https://r.example"}]}"#,
            ErrorKind::Empty,
            Some("max_age"),
            0,
        ),
        (
            r#"{"group":"a","max_age":1}"#,
            ErrorKind::Empty,
            Some("endpoints"),
            0,
        ),
        (
            r#"{"group":"a","max_age":1,"endpoints":[]}"#,
            ErrorKind::InvalidValue,
            Some("endpoints"),
            37,
        ),
        (
            r#"{"group":"a","max_age":1,"endpoints":[{"url":"ftp://r.example"}]}"#,
            ErrorKind::InvalidValue,
            Some("url"),
            45,
        ),
        (
            r#"{"group":"a b","max_age":1,"endpoints":[{"url":"https://r.example"}]}"#,
            ErrorKind::InvalidToken,
            Some("group"),
            0,
        ),
        (
            r#"{"group":"\u000d","max_age":1,"endpoints":[{"url":"https://r.example"}]}"#,
            ErrorKind::InvalidCharacter,
            Some("group"),
            0,
        ),
        ("[]", ErrorKind::InvalidValue, None, 0),
    ] {
        let e = parse_fails::<ReportTo>(input, kind, "Report-To", byte);
        assert_eq!(e.directive(), directive, "{input}: {e}");
    }
    for (input, kind, directive) in [
        (r#"{"max_age":1}"#, ErrorKind::Empty, Some("report_to")),
        (r#"{"report_to":"a"}"#, ErrorKind::Empty, Some("max_age")),
        (
            r#"{"report_to":1,"max_age":1}"#,
            ErrorKind::InvalidValue,
            Some("report_to"),
        ),
        (
            r#"{"report_to":"a","max_age":1,"failure_fraction":1.01}"#,
            ErrorKind::OutOfRange,
            Some("failure_fraction"),
        ),
        (
            r#"{"report_to":"a","max_age":1,"failure_fraction":"1"}"#,
            ErrorKind::InvalidValue,
            Some("failure_fraction"),
        ),
        (
            r#"{"report_to":"a","max_age":1,"include_subdomains":1}"#,
            ErrorKind::InvalidValue,
            Some("include_subdomains"),
        ),
        (
            r#"{"report_to":"a","max_age":1,"request_headers":["a:b"]}"#,
            ErrorKind::InvalidName,
            Some("request_headers"),
        ),
        (
            r#"{"report_to":"a","max_age":1}x"#,
            ErrorKind::InvalidValue,
            None,
        ),
        (
            r#"{"report_to":"a","max_age":01}"#,
            ErrorKind::InvalidValue,
            None,
        ),
        ("[]", ErrorKind::InvalidValue, None),
    ] {
        let e = input.parse::<Nel>().unwrap_err();
        assert_eq!(e.kind(), kind, "{input}: {e}");
        assert_eq!(e.header(), Some("NEL"), "{input}: {e}");
        assert_eq!(e.directive(), directive, "{input}: {e}");
    }
    // Several policies: the first valid one counts, as for browsers.
    let nel: Nel = r#"{"max_age":1}, {"report_to":"b","max_age":2}, {"x":1}"#
        .parse()
        .unwrap();
    assert_eq!((nel.group(), nel.max_age_secs()), (Some("b"), 2));
    let nel: Nel = r#"{"report_to":"a","max_age":1}, {"report_to":"b","max_age":2}"#
        .parse()
        .unwrap();
    assert_eq!(nel.group(), Some("a"));
    let e = r#"{"report_to":"a","max_age":1}, ["#.parse::<Nel>().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidValue);
    let e = r#"{"max_age":1}, {"y":1}"#.parse::<Nel>().unwrap_err();
    assert_eq!(
        e.directive(),
        Some("report_to"),
        "the first policy's error: {e}"
    );
    // The removal policy.
    let removal: Nel = r#"{"max_age":0}"#.parse().unwrap();
    assert_eq!(removal, Nel::new().max_age(0));
    assert_eq!(removal.render().unwrap(), r#"{"max_age":0}"#);
    // Unknown members are kept, and sent back as written.
    let text = r#"{"group":"a","max_age":1,"endpoints":[{"url":"https://r.example","x":[1, {"y":"\u0041"}]}],"z":null}"#;
    let r: ReportTo = text.parse().unwrap();
    assert_eq!(r.render().unwrap(), text);
    let nel: Nel = r#"{"report_to":"a","max_age":1,"other":true,"other":false}"#
        .parse()
        .unwrap();
    // An unknown member given twice is kept once, the last, as a browser reads it.
    assert_eq!(nel.unknown_members().collect::<Vec<_>>(), ["other"]);
    assert_eq!(
        nel.render().unwrap(),
        r#"{"report_to":"a","max_age":1,"other":false}"#
    );
    // A member given twice: the last one counts, as for JSON.parse.
    let nel: Nel = r#"{"report_to":"a","max_age":1,"report_to":"b"}"#.parse().unwrap();
    assert_eq!(nel.group(), Some("b"));
    // Deep nesting is refused, not a stack overflow.
    let deep = format!(
        "{{\"report_to\":{}{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    assert!(deep.parse::<Nel>().is_err());
}

fn nel() -> impl Strategy<Value = Nel> {
    (
        "[a-zA-Z0-9_.!~-]{1,10}",
        0..=MAX_SAFE,
        any::<bool>(),
        prop::option::of(0.0..=1.0f64),
        prop::option::of(0.0..=1.0f64),
        prop::collection::vec("[A-Za-z0-9-]{1,10}", 0..3),
        prop::collection::vec("[A-Za-z0-9-]{1,10}", 0..3),
    )
        .prop_map(|(g, age, sub, s, f, req, resp)| {
            let mut n = Nel::new()
                .report_to(&g)
                .max_age(age)
                .include_subdomains(sub);
            if let Some(s) = s {
                n = n.success_fraction(s);
            }
            if let Some(f) = f {
                n = n.failure_fraction(f);
            }
            n.request_headers(req).response_headers(resp)
        })
}

fn report_to() -> impl Strategy<Value = ReportTo> {
    let endpoint = (
        "https://[a-z0-9]{1,8}(\\.[a-z]{1,4}){0,2}(:[1-9][0-9]{0,3})?(/[a-zA-Z0-9?=&._~-]{0,12})?",
        prop::option::of((0..=MAX_SAFE, 0..=MAX_SAFE)),
    );
    let group = (
        "[a-zA-Z0-9_.!~-]{1,10}",
        0..=MAX_SAFE,
        any::<bool>(),
        prop::collection::vec(endpoint, 1..3),
    )
        .prop_map(|(name, age, sub, endpoints)| {
            endpoints.into_iter().fold(
                ReportToGroup::new(&name, age).include_subdomains(sub),
                |g, (url, pw)| match pw {
                    Some((p, w)) => g.endpoint_with(&url, p, w),
                    None => g.endpoint(&url),
                },
            )
        });
    prop::collection::vec(group, 1..4)
        .prop_map(|groups| groups.into_iter().fold(ReportTo::new(), ReportTo::group))
}

proptest! {
    #[test]
    fn render_then_parse_gives_the_policy_back(nel in nel(), report_to in report_to()) {
        let rendered = nel.render().unwrap();
        prop_assert!(rendered.bytes().all(|b| (0x20..0x7f).contains(&b)));
        let parsed: Nel = rendered.parse().unwrap();
        prop_assert_eq!(&parsed, &nel);
        prop_assert_eq!(parsed.render().unwrap(), rendered);
        let rendered = report_to.render().unwrap();
        prop_assert!(rendered.bytes().all(|b| (0x20..0x7f).contains(&b)));
        let parsed: ReportTo = rendered.parse().unwrap();
        prop_assert_eq!(&parsed, &report_to);
        prop_assert_eq!(parsed.render().unwrap(), rendered);
    }

    #[test]
    fn parse_never_panics(s in "\\PC{0,48}|[ -~\\t]{0,48}|\\{\"[a-z_]{1,12}\":[\"a-z0-9.e:/\\[\\]{},-]{0,20}\\}") {
        if let Ok(p) = s.parse::<Nel>() {
            let again: Nel = p.render().unwrap().parse().unwrap();
            prop_assert_eq!(again, p);
        }
        if let Ok(p) = s.parse::<ReportTo>() {
            let again: ReportTo = p.render().unwrap().parse().unwrap();
            prop_assert_eq!(again, p);
        }
    }
}
