use super::steps::join_lines;
use super::*;

fn r(name: &str, value: &str) -> Rendered {
    Rendered {
        name: name.into(),
        value: value.into(),
    }
}

fn names(items: &[Rendered]) -> Vec<(&str, &str)> {
    items
        .iter()
        .map(|r| (r.name.as_str(), r.value.as_str()))
        .collect()
}

fn step(s: &Step, items: Vec<Rendered>) -> (Result<Vec<Rendered>, Error>, PipelineReport) {
    let mut report = PipelineReport::default();
    let multi = lowercase_set(MULTI_OK);
    (run(s, items, &multi, &mut report), report)
}

#[test]
fn constants_match_the_seed() {
    assert_eq!(MULTI_OK, ["content-security-policy"]);
    assert_eq!(COMMA_JOIN_OK, ["cache-control"]);
    assert_eq!(DEFAULT_ALLOWED_HEADERS.len(), 17);
    assert!(DEFAULT_ALLOWED_HEADERS.contains(&"server"));
}

#[test]
fn allowlist_raise_names_every_unexpected_header_sorted() {
    let items = vec![r("X-B", "1"), r("Server", ""), r("X-A", "2"), r("X-B", "3")];
    let (res, _) = step(&Step::Allowlist(AllowlistOptions::new()), items);
    let e = res.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnexpectedHeader);
    assert_eq!(e.input(), Some("X-A, X-B"));
}

#[test]
fn allowlist_drop_warn_extra_and_x_prefixed() {
    let items = || vec![r("X-A", "1"), r("Server", ""), r("Y-B", "2")];
    let (res, rep) = step(
        &Step::Allowlist(AllowlistOptions::new().on_unexpected(OnUnexpected::Drop)),
        items(),
    );
    assert_eq!(names(&res.unwrap()), [("Server", "")]);
    assert_eq!(rep.decisions().len(), 2);
    assert_eq!(
        rep.decisions()[0].message(),
        "unexpected header 'X-A' dropped (not in allowlist)"
    );
    assert_eq!(rep.decisions()[0].action(), Action::Dropped);

    let (res, rep) = step(
        &Step::Allowlist(AllowlistOptions::new().on_unexpected(OnUnexpected::Warn)),
        items(),
    );
    assert_eq!(res.unwrap().len(), 3);
    assert_eq!(
        rep.decisions()[1].message(),
        "unexpected header 'Y-B' kept (not in allowlist)"
    );

    let o = AllowlistOptions::new()
        .allow_x_prefixed(true)
        .allow_extra(["y-b"]);
    let (res, rep) = step(&Step::Allowlist(o), items());
    assert_eq!(res.unwrap().len(), 3);
    assert!(rep.is_empty());

    let o = AllowlistOptions::new()
        .allowed(["X-A"])
        .on_unexpected(OnUnexpected::Drop);
    let (res, _) = step(&Step::Allowlist(o), items());
    assert_eq!(names(&res.unwrap()), [("X-A", "1")]);
}

#[test]
fn dedupe_modes() {
    let items = || {
        vec![
            r("Cache-Control", "max-age=0"),
            r("X-A", "1"),
            r("cache-control", "no-cache"),
            r("Content-Security-Policy", "a"),
            r("content-security-policy", "b"),
        ]
    };
    let o = DeduplicateOptions::new();
    let e = step(&Step::Deduplicate(o.clone()), items()).0.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::DuplicateHeader);
    assert_eq!(e.input(), Some("Cache-Control"));

    let (res, rep) = step(
        &Step::Deduplicate(o.clone().action(DeduplicateAction::Concat)),
        items(),
    );
    assert_eq!(
        names(&res.unwrap()),
        [
            ("Cache-Control", "max-age=0, no-cache"),
            ("X-A", "1"),
            ("Content-Security-Policy", "a"),
            ("content-security-policy", "b"),
        ]
    );
    assert_eq!(rep.decisions()[0].action(), Action::Merged);

    let (res, rep) = step(
        &Step::Deduplicate(o.clone().action(DeduplicateAction::First)),
        items(),
    );
    assert_eq!(names(&res.unwrap())[0], ("Cache-Control", "max-age=0"));
    assert_eq!(
        rep.decisions()[0].message(),
        "dropping duplicate header(s) for 'Cache-Control' (keeping first)"
    );

    let (res, rep) = step(
        &Step::Deduplicate(o.clone().action(DeduplicateAction::Last)),
        items(),
    );
    let res = res.unwrap();
    assert_eq!(names(&res)[0], ("cache-control", "no-cache"));
    assert_eq!(names(&res)[1], ("X-A", "1"));
    assert_eq!(
        rep.decisions()[0].message(),
        "dropping duplicate header(s) for 'cache-control' (keeping last)"
    );

    // Concat of a name outside comma_join_ok fails.
    let items = vec![r("X-A", "1"), r("x-a", "2")];
    let e = step(
        &Step::Deduplicate(o.clone().action(DeduplicateAction::Concat)),
        items.clone(),
    )
    .0
    .unwrap_err();
    assert_eq!(e.input(), Some("X-A"));
    // multi_ok is compared case-insensitively (`secure` 2.0.1 compared verbatim).
    let (res, _) = step(&Step::Deduplicate(o.multi_ok(["X-A"])), items);
    assert_eq!(res.unwrap().len(), 2);
}

#[test]
fn normalize_like_the_seed() {
    let items = vec![
        r("X-A", "value\nwith\r\nbad"),
        r("X-B", "\n"),
        r("X-C", "a\r\n\r\nb\nc"),
        r("X-D", "a\x00b\x7fc"),
        r("X-E", "caf\u{e9}"),
        r("X-F", "snow\u{2603}"),
        r("Bad Header", "x"),
        r("X-G", " v"),
        r("Server", ""),
    ];
    let (res, rep) = step(&Step::Normalize(NormalizeOptions::new()), items);
    assert_eq!(
        names(&res.unwrap()),
        [
            ("X-A", "value with bad"),
            ("X-C", "a  b c"),
            ("X-D", "a b c"),
            ("X-E", "caf"),
            ("X-F", "snow"),
        ]
    );
    let dropped: Vec<_> = rep
        .decisions()
        .iter()
        .filter(|d| d.action() == Action::Dropped)
        .map(Decision::message)
        .collect();
    assert_eq!(
        dropped,
        [
            "dropping header 'X-B': empty value",
            "invalid header name 'Bad Header' (RFC 9110 token required)",
            "header 'X-G' starts with forbidden whitespace",
            "dropping header 'Server': empty value",
        ]
    );

    let (res, _) = step(
        &Step::Normalize(NormalizeOptions::new().allow_obs_text(true)),
        vec![r("X-E", "caf\u{e9}")],
    );
    assert_eq!(names(&res.unwrap()), [("X-E", "caf\u{e9}")]);

    let e = step(
        &Step::Normalize(NormalizeOptions::new().strict(true)),
        vec![r("X-A", "bad\rvalue")],
    )
    .0
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidCharacter);
    assert_eq!(e.header(), Some("X-A"));

    let e = step(
        &Step::Normalize(NormalizeOptions::new().on_invalid(OnInvalid::Raise)),
        vec![r("X-B", "\n")],
    )
    .0
    .unwrap_err();
    assert_eq!(e.detail(), Some("dropping header 'X-B': empty value"));

    let e = step(
        &Step::Normalize(NormalizeOptions::new()),
        vec![r("X-A", "1"), r("x-a", "2")],
    )
    .0
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::DuplicateHeader);
    // Multi-valued names may repeat (`secure` 2.0.1 refused even these).
    let (res, _) = step(
        &Step::Normalize(NormalizeOptions::new()),
        vec![
            r("Content-Security-Policy", "a"),
            r("Content-Security-Policy", "b"),
        ],
    );
    assert_eq!(res.unwrap().len(), 2);
}

#[test]
fn join_lines_matches_python_splitlines() {
    assert_eq!(join_lines("a\r\n\r\nb\nc"), "a  b c");
    assert_eq!(join_lines("value\n"), "value");
    assert_eq!(join_lines("\n"), "");
    assert_eq!(join_lines("a\rb"), "a b");
}
