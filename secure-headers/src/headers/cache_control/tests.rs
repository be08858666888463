//! Tests of `Cache-Control`.

use super::*;
use crate::Policy;
use crate::headers::single::testing::parse_fails;
use proptest::prelude::*;

fn render(p: &CacheControl) -> String {
    p.render().unwrap()
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

#[test]
fn default() {
    assert_eq!(render(&CacheControl::new()), DEFAULT);
    assert_eq!(CacheControl::default(), CacheControl::new());
    assert_eq!(CacheControl::new().name(), HEADER);
}

#[test]
fn seed_examples() {
    let p = CacheControl::new().no_store().max_age(Duration::ZERO);
    assert_eq!(render(&p), "no-store, max-age=0");
    let p = CacheControl::new().public().max_age(secs(60)).no_cache();
    assert_eq!(render(&p), "no-cache, public, max-age=60");
    let p = CacheControl::new().no_cache().max_age(secs(60));
    assert_eq!(render(&p), "no-cache, max-age=60");
}

#[test]
fn every_directive_in_canonical_order() {
    let p = CacheControl::new()
        .only_if_cached()
        .stale_if_error(secs(9))
        .stale_while_revalidate(secs(8))
        .immutable()
        .no_transform()
        .must_understand()
        .proxy_revalidate()
        .must_revalidate()
        .min_fresh(secs(7))
        .max_stale(secs(6))
        .s_maxage(secs(5))
        .max_age(secs(4))
        .public()
        .private()
        .no_cache()
        .no_store();
    assert_eq!(
        render(&p),
        "no-store, no-cache, private, public, max-age=4, s-maxage=5, max-stale=6, \
         min-fresh=7, must-revalidate, proxy-revalidate, must-understand, no-transform, \
         immutable, stale-while-revalidate=8, stale-if-error=9, only-if-cached"
    );
}

#[test]
fn resetting_overwrites_and_repeats_are_idempotent() {
    let p = CacheControl::new().max_age(secs(1)).max_age(secs(2));
    assert_eq!(render(&p), "max-age=2");
    let p = CacheControl::new().no_store().no_store();
    assert_eq!(render(&p), "no-store");
    let p = CacheControl::new().s_max_age(secs(3));
    assert_eq!(render(&p), "s-maxage=3");
    let p = CacheControl::new().max_stale(secs(3)).max_stale(None);
    assert_eq!(render(&p), "max-stale");
    let p = CacheControl::new().max_age(Duration::from_millis(2999));
    assert_eq!(render(&p), "max-age=2");
}

#[test]
fn custom_directives() {
    let p = CacheControl::new()
        .custom("  Zeta ")
        .custom("alpha = 1")
        .custom("alpha=1")
        .custom("beta=\"a b\"")
        .no_store();
    assert_eq!(render(&p), "no-store, alpha=1, beta=\"a b\", zeta");
    // A custom directive named like one set by a helper is left out.
    let p = CacheControl::new().max_age(secs(5)).custom("max-age=9");
    assert_eq!(render(&p), "max-age=5");
    let p = CacheControl::new().custom("max-age=9");
    assert_eq!(render(&p), "max-age=9");
    let p = CacheControl::new().custom("x=\"a\\\"b\"");
    assert_eq!(render(&p), "x=\"a\\\"b\"");
}

#[test]
fn custom_rejects_bad_input() {
    for (bad, kind) in [
        ("", ErrorKind::Empty),
        ("a,b", ErrorKind::Separator),
        ("a\rb", ErrorKind::InvalidCharacter),
        ("a\nb", ErrorKind::InvalidCharacter),
        ("a\0b", ErrorKind::InvalidCharacter),
        ("a;b", ErrorKind::InvalidName),
        ("bad name", ErrorKind::InvalidName),
        ("=1", ErrorKind::InvalidName),
        ("foo=a b", ErrorKind::InvalidToken),
        ("foo=a;b", ErrorKind::InvalidToken),
        ("foo=", ErrorKind::InvalidToken),
        ("foo=\"a", ErrorKind::InvalidToken),
        ("foo=\"a\"b\"", ErrorKind::InvalidToken),
    ] {
        let e = CacheControl::new().custom(bad).render().unwrap_err();
        assert_eq!(e.kind(), kind, "{bad:?}");
        assert_eq!(e.header(), Some(HEADER));
        assert_eq!(e.input(), Some(bad));
    }
    let e = CacheControl::new().custom("Foo=a;b").render().unwrap_err();
    assert_eq!(e.directive(), Some("foo"));
}

#[test]
fn value_replaces_everything() {
    let p = CacheControl::new()
        .no_store()
        .custom("x")
        .value(" private ");
    assert_eq!(render(&p), "private");
    let p = p.max_age(secs(5));
    assert_eq!(render(&p), "max-age=5");
    let p = CacheControl::new().value("a").custom("b");
    assert_eq!(render(&p), "b");
    let p = CacheControl::new().set("no-cache, max-age=0");
    assert_eq!(render(&p), "no-cache, max-age=0");
}

#[test]
fn value_rejects_empty_and_control_characters() {
    for (bad, kind) in [
        ("", ErrorKind::Empty),
        ("  ", ErrorKind::Empty),
        ("a\rb", ErrorKind::InvalidCharacter),
        ("a\nb", ErrorKind::InvalidCharacter),
        ("a\0b", ErrorKind::InvalidCharacter),
    ] {
        let e = CacheControl::new().value(bad).render().unwrap_err();
        assert_eq!(e.kind(), kind, "{bad:?}");
        assert_eq!(e.header(), Some(HEADER));
        assert_eq!(e.input(), Some(bad));
    }
}

#[test]
fn first_error_wins_and_clear_restores_default() {
    let p = CacheControl::new().custom("a,b").value("").no_store();
    assert_eq!(p.render().unwrap_err().kind(), ErrorKind::Separator);
    let p = p.clear();
    assert_eq!(p, CacheControl::new());
    assert_eq!(render(&CacheControl::new().value("x").clear()), DEFAULT);
}

#[test]
fn quoted_strings() {
    assert!(is_quoted_string("\"\""));
    assert!(is_quoted_string("\"a b\""));
    assert!(is_quoted_string("\"a\\\"\""));
    assert!(!is_quoted_string("\"a\\\""));
    assert!(!is_quoted_string("\""));
    assert!(!is_quoted_string("a"));
}

fn assert_header_value(v: &str) -> Result<(), TestCaseError> {
    prop_assert!(http::HeaderValue::from_str(v).is_ok());
    prop_assert!(!v.contains(['\r', '\n', '\0']));
    Ok(())
}

#[test]
fn parse_values() {
    let cc: CacheControl = "no-store, max-age=0".parse().unwrap();
    assert_eq!(render(&cc), DEFAULT);
    let cc = " PRIVATE,\tmax-age=\"30\", max-stale, x-ext=\"a, b\"".parse::<CacheControl>();
    let e = cc.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Separator);
    assert!(e.detail().unwrap().ends_with("at byte 35"), "{e}");
    let cc: CacheControl =
        "private, max-age=\"30\", Max-Stale, X-Ext=\"a b\", no-cache=\"Set-Cookie\""
            .parse()
            .unwrap();
    assert_eq!(
        render(&cc),
        "private, max-age=30, max-stale, no-cache=\"Set-Cookie\", x-ext=\"a b\""
    );
    let cc: CacheControl = "max-age=1, max-age=2".parse().unwrap();
    assert_eq!(cc, CacheControl::new().max_age(secs(2)));
    for (bad, kind, directive, byte) in [
        ("", ErrorKind::Empty, None, 0),
        (" , ,", ErrorKind::Empty, None, 0),
        ("public, max-age", ErrorKind::Empty, Some("max-age"), 8),
        ("s-maxage=-1", ErrorKind::InvalidValue, Some("s-maxage"), 0),
        (
            "max-age=99999999999999999999",
            ErrorKind::OutOfRange,
            Some("max-age"),
            0,
        ),
        ("public, a b", ErrorKind::InvalidName, None, 8),
        ("x=a b", ErrorKind::InvalidToken, Some("x"), 0),
        ("public\r\nX: y", ErrorKind::InvalidCharacter, None, 6),
    ] {
        let e = parse_fails::<CacheControl>(bad, kind, HEADER, byte);
        assert_eq!(e.directive(), directive, "{bad:?}");
    }
}

fn cache_control() -> impl Strategy<Value = CacheControl> {
    let slot = prop_oneof![
        Just(Slot::Unset),
        Just(Slot::Flag),
        (0u64..1_000_000).prop_map(Slot::Seconds)
    ];
    (
        proptest::collection::vec(slot, ORDER.len()),
        proptest::collection::vec(
            "[a-z][a-z0-9-]{0,8}(=([a-z0-9]{1,4}|\"[a-z ,]{0,4}\"))?",
            0..3,
        ),
    )
        .prop_map(|(slots, extras)| {
            let mut cc = ORDER.iter().enumerate().zip(slots).fold(
                CacheControl::new(),
                |cc, ((i, name), slot)| {
                    let seconds = matches!(
                        i,
                        MAX_AGE | S_MAXAGE | MIN_FRESH | STALE_WHILE_REVALIDATE | STALE_IF_ERROR
                    );
                    match slot {
                        Slot::Flag if seconds => cc,
                        Slot::Seconds(_) if !seconds && *name != "max-stale" => cc,
                        s => cc.put(i, s),
                    }
                },
            );
            for e in extras {
                cc = cc.custom(e);
            }
            cc
        })
}

proptest! {
    #[test]
    fn render_then_parse_gives_the_policy_back(cc in cache_control()) {
        let rendered = match cc.render() {
            Ok(r) => r,
            Err(_) => return Ok(()), // a comma inside a custom value
        };
        // A custom directive named like a helper reads back as the helper.
        let shadowed = cc.extras.iter().any(|x| {
            let name = x.split('=').next().unwrap_or_default();
            ORDER.contains(&name)
        });
        if shadowed {
            return Ok(());
        }
        let parsed: CacheControl = rendered.parse().unwrap();
        prop_assert_eq!(parsed.render().unwrap(), rendered);
        if cc.slots.iter().any(|s| *s != Slot::Unset) || !cc.extras.is_empty() {
            prop_assert_eq!(parsed, cc);
        }
    }

    #[test]
    fn parse_never_panics(s in "\\PC{0,40}|[ -~\t]{0,40}") {
        if let Ok(p) = s.parse::<CacheControl>() {
            let again: CacheControl = p.render().unwrap().parse().unwrap();
            prop_assert_eq!(again.render().unwrap(), p.render().unwrap());
        }
    }
}

proptest! {
    #[test]
    fn custom_renders_what_was_set_or_errs(s in any::<String>()) {
        let p = CacheControl::new().custom(&s);
        if let Ok(v) = p.render() {
            assert_header_value(&v)?;
            let trimmed = s.trim_matches(' ');
            let (name, value) = trimmed.split_once('=').unwrap_or((trimmed, ""));
            prop_assert!(v.starts_with(&name.trim_matches(' ').to_ascii_lowercase()));
            prop_assert!(v.ends_with(value.trim_matches(' ')));
            prop_assert!(!v.contains(','));
        }
    }

    #[test]
    fn custom_from_token_like_input(
        name in "[a-zA-Z0-9!#$%&'*+.^_`|~-]{1,12}",
        value in proptest::option::of("[a-z0-9\"\\\\ ;=-]{0,8}"),
    ) {
        let input = match &value {
            Some(v) => format!("{name}={v}"),
            None => name.clone(),
        };
        if let Ok(v) = CacheControl::new().custom(&input).render() {
            assert_header_value(&v)?;
            prop_assert!(v.starts_with(&name.to_ascii_lowercase()));
        }
    }

    #[test]
    fn value_renders_what_was_set_or_errs(s in any::<String>()) {
        let p = CacheControl::new().no_store().value(&s);
        if let Ok(v) = p.render() {
            assert_header_value(&v)?;
            prop_assert_eq!(v.as_str(), s.trim_matches(' '));
            prop_assert!(!v.is_empty());
        }
    }
}
