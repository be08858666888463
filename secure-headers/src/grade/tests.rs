use super::*;

#[test]
fn letters_follow_the_chart() {
    let chart = [
        (-10, "F"),
        (0, "F"),
        (24, "F"),
        (25, "D-"),
        (29, "D-"),
        (30, "D"),
        (39, "D"),
        (40, "D+"),
        (45, "C-"),
        (50, "C"),
        (59, "C"),
        (60, "C+"),
        (65, "B-"),
        (70, "B"),
        (79, "B"),
        (80, "B+"),
        (85, "A-"),
        (89, "A-"),
        (90, "A"),
        (99, "A"),
        (100, "A+"),
        (145, "A+"),
    ];
    for (score, letter) in chart {
        assert_eq!(Letter::from_score(score).as_str(), letter, "{score}");
        assert_eq!(letter.parse::<Letter>().unwrap().as_str(), letter);
    }
    assert!("E".parse::<Letter>().is_err());
}

#[test]
fn algorithms_parse_and_print() {
    for a in Algorithm::ALL {
        assert_eq!(a.to_string().parse::<Algorithm>().unwrap(), a);
        assert_eq!(format!("v{a}").parse::<Algorithm>().unwrap(), a);
    }
    let err = "7".parse::<Algorithm>().unwrap_err().to_string();
    assert!(err.contains("4, 5 or 6") && err.contains('7'), "{err}");
}

#[test]
fn js_helpers() {
    assert_eq!(split_js_space(""), [""]);
    assert_eq!(split_js_space("a  b\tc"), ["a", "b", "c"]);
    assert_eq!(split_js_space("a "), ["a", ""]);
    assert_eq!(js_trim("\u{a0} x \t"), "x");
}

proptest::proptest! {
    /// Whatever the headers and the page, grading never panics and the grade matches
    /// the score.
    #[test]
    fn never_panics(
        values in proptest::collection::vec("[ -~\u{80}-\u{ff}]{0,80}", 14),
        html in "(<|>|script|meta|src=|http-equiv|content=|\"|'|//|https://a.b/|[ -~]){0,60}",
        https in proptest::bool::ANY,
    ) {
        const NAMES: [&str; 14] = [
            "content-security-policy", "content-security-policy", "strict-transport-security",
            "x-frame-options", "x-content-type-options", "referrer-policy",
            "cross-origin-resource-policy", "set-cookie", "set-cookie",
            "access-control-allow-origin", "access-control-allow-credentials", "content-type",
            "cross-origin-opener-policy", "cross-origin-embedder-policy",
        ];
        let mut map = HeaderMap::new();
        for (name, value) in NAMES.iter().zip(&values) {
            let bytes: Vec<u8> = value.chars().map(|c| u32::from(c) as u8).collect();
            if let Ok(v) = http::HeaderValue::from_bytes(&bytes) {
                map.append(*name, v);
            }
        }
        map.insert("content-type", http::HeaderValue::from_static("text/html"));
        let ctx = GradeContext::new()
            .scheme(if https { Scheme::Https } else { Scheme::Http })
            .host("a.b")
            .cors_origin(values[9].clone())
            .html(html);
        for algorithm in Algorithm::ALL {
            let report = grade_with(&map, &ctx, algorithm);
            proptest::prop_assert_eq!(report.letter, Letter::from_score(report.score));
            proptest::prop_assert!(report.score >= 0);
            proptest::prop_assert_eq!(report.modifiers.len(), algorithm.tests().len());
        }
    }
}

#[test]
fn redirect_chains() {
    use Redirection::*;
    assert_eq!(Redirection::from_chain(&[]), NoHttp);
    assert_eq!(
        Redirection::from_chain(&["http://a.com/", "http://a.com/x", "https://a.com/"]),
        HttpFirst
    );
    assert_eq!(
        Redirection::from_chain(&["http://a.com/", "https://a.com/", "http://b.com/"]),
        NotToHttps
    );
    assert_eq!(
        Redirection::from_chain(&["http://a.com/", "https://u@A.com:443/"]),
        ToHttps
    );
}
