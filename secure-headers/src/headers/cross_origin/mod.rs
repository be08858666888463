//! The cross-origin isolation trio: `Cross-Origin-Embedder-Policy`,
//! `Cross-Origin-Opener-Policy` and `Cross-Origin-Resource-Policy`, one file each.

use std::borrow::Cow;

use super::single::canonical;
use crate::Error;
use crate::text::{At, clean_text, clean_token};

mod coep;
mod coop;
mod corp;

pub use self::{coep::*, coop::*, corp::*};

pub(super) fn coep_value(at: At<'_>, input: &str) -> Result<Cow<'static, str>, Error> {
    if clean_text(at, input)?.is_empty() {
        return Ok(Cow::Borrowed("require-corp"));
    }
    Ok(Cow::Owned(clean_token(at, input)?.to_ascii_lowercase()))
}

/// CORP's raw value: a token, its three known values canonicalised.
pub(super) fn corp_value(at: At<'_>, input: &str) -> Result<Cow<'static, str>, Error> {
    let known = ["same-origin", "same-site", "cross-origin"];
    Ok(canonical(clean_token(at, input)?, &known))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;
    use crate::Policy;
    use crate::headers::single::testing::{
        fails, for_any_text, raw_contract, rejects_control, rejects_separators, renders,
        safe_and_exact,
    };

    type Coep = CrossOriginEmbedderPolicy;
    type Coop = CrossOriginOpenerPolicy;
    type Corp = CrossOriginResourcePolicy;

    #[test]
    fn names_and_defaults() {
        assert_eq!(Coep::new().name(), "Cross-Origin-Embedder-Policy");
        assert_eq!(Coop::new().name(), "Cross-Origin-Opener-Policy");
        assert_eq!(Corp::new().name(), "Cross-Origin-Resource-Policy");
        assert_eq!(Coep::default(), Coep::REQUIRE_CORP);
        assert_eq!(Coop::default(), Coop::SAME_ORIGIN);
        assert_eq!(Corp::default(), Corp::SAME_ORIGIN);
    }

    #[test]
    fn coep_helpers() {
        renders(&Coep::new().unsafe_none(), "unsafe-none");
        renders(&Coep::new().credentialless().require_corp(), "require-corp");
        renders(&Coep::new().credentialless(), "credentialless");
        renders(&Coep::UNSAFE_NONE, "unsafe-none");
        renders(&Coep::CREDENTIALLESS, "credentialless");
        assert_eq!(
            Coep::new().credentialless().credentialless(),
            Coep::CREDENTIALLESS
        );
    }

    #[test]
    fn coop_helpers() {
        renders(&Coop::new().unsafe_none(), "unsafe-none");
        let popups = Coop::new().same_origin_allow_popups();
        renders(&popups, "same-origin-allow-popups");
        renders(&Coop::new().unsafe_none().same_origin(), "same-origin");
        renders(
            &Coop::new().noopener_allow_popups(),
            "noopener-allow-popups",
        );
        renders(&Coop::NOOPENER_ALLOW_POPUPS, "noopener-allow-popups");
        renders(&Coop::SAME_ORIGIN_ALLOW_POPUPS, "same-origin-allow-popups");
        renders(&Coop::UNSAFE_NONE, "unsafe-none");
    }

    #[test]
    fn corp_helpers() {
        renders(&Corp::new().same_site().same_origin(), "same-origin");
        renders(&Corp::new().same_site(), "same-site");
        renders(&Corp::new().cross_origin(), "cross-origin");
        renders(&Corp::SAME_SITE, "same-site");
        renders(&Corp::CROSS_ORIGIN, "cross-origin");
    }

    #[test]
    fn preset_values() {
        renders(&Coop::new().same_origin(), "same-origin");
        renders(&Corp::new().same_origin(), "same-origin");
        renders(&Coep::new().require_corp(), "require-corp");
    }

    #[test]
    fn coep_value_lowercases_and_empty_means_default() {
        raw_contract::<Coep>("require-corp", true, |t| {
            if t.is_empty() {
                "require-corp".into()
            } else {
                t.to_ascii_lowercase()
            }
        });
        renders(&Coep::new().value("CUSTOM-Policy "), "custom-policy");
        renders(&Coep::new().unsafe_none().value("  "), "require-corp");
    }

    #[test]
    fn coop_value_keeps_case() {
        raw_contract::<Coop>("same-origin", true, str::to_owned);
        renders(&Coop::new().value(" Same-Origin "), "Same-Origin");
        let e = ("Cross-Origin-Opener-Policy", "value", " ");
        fails(&Coop::new().value(" "), ErrorKind::Empty, e);
    }

    #[test]
    fn corp_value_canonicalises_its_values() {
        raw_contract::<Corp>("same-origin", true, |t| {
            let known = ["same-origin", "same-site", "cross-origin"];
            match known.iter().find(|k| k.eq_ignore_ascii_case(t)) {
                Some(k) => (*k).into(),
                None => t.into(),
            }
        });
        renders(&Corp::new().value("SAME-SITE"), "same-site");
        renders(&Corp::new().set(" Cross-Origin"), "cross-origin");
        assert_eq!(Corp::new().value("Same-Origin"), Corp::SAME_ORIGIN);
    }

    #[test]
    fn clear_drops_report_to() {
        assert_eq!(Coep::new().value("x").report_to("g").clear(), Coep::new());
    }

    #[test]
    fn report_to() {
        renders(
            &Coep::new().report_to("default"),
            r#"require-corp; report-to="default""#,
        );
        renders(
            &Coop::new().report_to("a").report_to(" b ").unsafe_none(),
            r#"unsafe-none; report-to="b""#,
        );
        // A raw value replaces the token and keeps the group.
        renders(
            &Coop::new().report_to("g").value("same-origin-allow-popups"),
            r#"same-origin-allow-popups; report-to="g""#,
        );
        let e = ("Cross-Origin-Opener-Policy", "report-to", "a\"b");
        fails(&Coop::new().report_to("a\"b"), ErrorKind::InvalidToken, e);
        let e = ("Cross-Origin-Embedder-Policy", "report-to", "a\\b");
        fails(&Coep::new().report_to("a\\b"), ErrorKind::InvalidToken, e);
        let e = ("Cross-Origin-Embedder-Policy", "report-to", "");
        fails(&Coep::new().report_to(""), ErrorKind::Empty, e);
        rejects_control("report-to", |g| Coep::new().report_to(g));
        rejects_separators("report-to", |g| Coop::new().report_to(g));
        for_any_text(|s| {
            let group = s.trim_matches(' ');
            safe_and_exact(&Coep::new().report_to(s), || {
                format!("require-corp; report-to=\"{group}\"")
            });
            safe_and_exact(&Coop::new().report_to(s), || {
                format!("same-origin; report-to=\"{group}\"")
            });
        });
    }

    #[test]
    fn parse_simple_headers() {
        use crate::{
            OriginAgentCluster, Server, XContentTypeOptions, XDnsPrefetchControl, XDownloadOptions,
            XFrameOptions, XPermittedCrossDomainPolicies, XXssProtection,
        };
        fn p<T: std::str::FromStr<Err = crate::Error>>(s: &str) -> T {
            s.parse().unwrap_or_else(|e| panic!("{s:?}: {e}"))
        }
        assert_eq!(p::<Coop>(" Same-Origin\t"), Coop::SAME_ORIGIN);
        assert_eq!(p::<Coep>("CREDENTIALLESS"), Coep::CREDENTIALLESS);
        assert_eq!(p::<Corp>("same-site"), Corp::SAME_SITE);
        assert_eq!(p::<XFrameOptions>("deny"), XFrameOptions::DENY);
        assert_eq!(p::<XFrameOptions>("SameOrigin"), XFrameOptions::SAMEORIGIN);
        assert_eq!(
            p::<XFrameOptions>("ALLOW-FROM https://a.example"),
            XFrameOptions::new().allow_from("https://a.example")
        );
        assert_eq!(
            p::<XXssProtection>("1;mode=BLOCK"),
            XXssProtection::ENABLED_BLOCK
        );
        assert_eq!(p::<XXssProtection>(" 0 "), XXssProtection::DISABLED);
        assert_eq!(
            p::<XContentTypeOptions>("NoSniff"),
            XContentTypeOptions::NOSNIFF
        );
        assert_eq!(p::<XDnsPrefetchControl>("ON"), XDnsPrefetchControl::ON);
        assert_eq!(p::<XDownloadOptions>("noopen"), XDownloadOptions::new());
        assert_eq!(p::<OriginAgentCluster>("?0"), OriginAgentCluster::DISABLED);
        assert_eq!(
            p::<XPermittedCrossDomainPolicies>("Master-Only"),
            XPermittedCrossDomainPolicies::MASTER_ONLY
        );
        assert_eq!(p::<Server>(""), Server::EMPTY);
        renders(&p::<Server>(" nginx "), "nginx");
        // Unknown tokens are kept, as `value(..)` keeps them.
        renders(&p::<Coop>("future-policy"), "future-policy");
        // report-to, as a string or a token, with any spacing and case.
        assert_eq!(
            p::<Coop>("same-origin;REPORT-TO = \"coop\""),
            Coop::new().report_to("coop")
        );
        assert_eq!(
            p::<Coep>("require-corp ; report-to=default"),
            Coep::new().report_to("default")
        );
    }

    #[test]
    fn parse_errors_name_header_input_and_position() {
        for (e, kind, header, directive, byte) in [
            (
                "".parse::<Coop>().unwrap_err(),
                ErrorKind::Empty,
                "Cross-Origin-Opener-Policy",
                "value",
                0,
            ),
            (
                " a b".parse::<Corp>().unwrap_err(),
                ErrorKind::InvalidToken,
                "Cross-Origin-Resource-Policy",
                "value",
                1,
            ),
            (
                "deny;".parse::<crate::XFrameOptions>().unwrap_err(),
                ErrorKind::Separator,
                "X-Frame-Options",
                "value",
                0,
            ),
            (
                "same-origin; foo=1".parse::<Coop>().unwrap_err(),
                ErrorKind::InvalidValue,
                "Cross-Origin-Opener-Policy",
                "report-to",
                13,
            ),
            (
                "same-origin; report-to=\"a b\""
                    .parse::<Coop>()
                    .unwrap_err(),
                ErrorKind::InvalidToken,
                "Cross-Origin-Opener-Policy",
                "report-to",
                13,
            ),
            (
                "same-site; report-to=x".parse::<Corp>().unwrap_err(),
                ErrorKind::Separator,
                "Cross-Origin-Resource-Policy",
                "value",
                0,
            ),
            (
                "nosniff\r\n"
                    .parse::<crate::XContentTypeOptions>()
                    .unwrap_err(),
                ErrorKind::InvalidCharacter,
                "X-Content-Type-Options",
                "value",
                7,
            ),
        ] {
            assert_eq!(e.kind(), kind, "{e}");
            assert_eq!(e.header(), Some(header), "{e}");
            assert_eq!(e.directive(), Some(directive), "{e}");
            assert!(
                e.detail().unwrap().ends_with(&format!("at byte {byte}")),
                "{e}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn render_then_parse_gives_the_policy_back(
            coop in proptest::sample::select(vec![Coop::UNSAFE_NONE, Coop::SAME_ORIGIN, Coop::SAME_ORIGIN_ALLOW_POPUPS, Coop::NOOPENER_ALLOW_POPUPS]),
            coep in proptest::sample::select(vec![Coep::UNSAFE_NONE, Coep::REQUIRE_CORP, Coep::CREDENTIALLESS]),
            corp in proptest::sample::select(vec![Corp::SAME_ORIGIN, Corp::SAME_SITE, Corp::CROSS_ORIGIN]),
            group in proptest::option::of("[a-zA-Z0-9_.-]{1,12}"),
            token in "[a-z][a-z0-9-]{0,12}",
        ) {
            fn back<T: Policy + std::str::FromStr<Err = crate::Error> + PartialEq + std::fmt::Debug>(p: &T) -> Result<(), proptest::test_runner::TestCaseError> {
                let rendered = p.render().unwrap();
                let parsed: T = rendered.parse().unwrap();
                proptest::prop_assert_eq!(&parsed, p);
                proptest::prop_assert_eq!(parsed.render().unwrap(), rendered);
                Ok(())
            }
            let (coop, coep) = match &group {
                Some(g) => (coop.report_to(g), coep.report_to(g)),
                None => (coop, coep),
            };
            back(&coop)?;
            back(&coep)?;
            back(&coop.report_only())?;
            back(&coep.report_only())?;
            back(&corp)?;
            back(&Coop::new().value(&token))?;
            back(&Corp::new().value(&token))?;
            back(&crate::XFrameOptions::new().allow_from(&format!("https://{token}.example")))?;
            back(&crate::XXssProtection::new().enabled_block())?;
            back(&crate::Server::new().value(&format!("{token} (x; y, z)")))?;
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,24}|[ -~\t]{0,24}") {
            let rendered = [
                s.parse::<Coop>().map(|p| p.render()),
                s.parse::<Coep>().map(|p| p.render()),
                s.parse::<Corp>().map(|p| p.render()),
                s.parse::<crate::XFrameOptions>().map(|p| p.render()),
                s.parse::<crate::Server>().map(|p| p.render()),
            ];
            for r in rendered.into_iter().flatten() {
                proptest::prop_assert!(r.is_ok());
            }
        }
    }

    #[test]
    fn report_only_forms() {
        type CoepRo = CrossOriginEmbedderPolicyReportOnly;
        type CoopRo = CrossOriginOpenerPolicyReportOnly;
        renders(&CoepRo::new(), "require-corp");
        renders(
            &CoopRo::new().noopener_allow_popups(),
            "noopener-allow-popups",
        );
        assert_eq!(
            CoepRo::new().name(),
            "Cross-Origin-Embedder-Policy-Report-Only"
        );
        assert_eq!(
            CoopRo::new().name(),
            "Cross-Origin-Opener-Policy-Report-Only"
        );
        let ro = Coep::new().credentialless().report_to("coep").report_only();
        renders(&ro, r#"credentialless; report-to="coep""#);
        assert_eq!(ro, CoepRo::CREDENTIALLESS.report_to("coep"));
        assert_eq!(ro.enforce(), Coep::CREDENTIALLESS.report_to("coep"));
        assert_eq!(CoopRo::from(Coop::UNSAFE_NONE), CoopRo::UNSAFE_NONE);
        assert_eq!(Coop::from(CoopRo::UNSAFE_NONE), Coop::UNSAFE_NONE);
        // An error recorded on the enforced form names the header it is sent as.
        let e = Coop::new()
            .report_to("a b")
            .report_only()
            .render()
            .unwrap_err();
        assert_eq!(e.header(), Some("Cross-Origin-Opener-Policy-Report-Only"));
        assert_eq!(e.directive(), Some("report-to"));
        let parsed: CoopRo = "same-origin; report-to=\"coop\"".parse().unwrap();
        assert_eq!(parsed, Coop::new().report_to("coop").report_only());
        let e = "same-origin; x=1".parse::<CoepRo>().unwrap_err();
        assert_eq!(e.header(), Some("Cross-Origin-Embedder-Policy-Report-Only"));
    }

    #[test]
    fn consts_are_usable_in_const_context() {
        const COOP: CrossOriginOpenerPolicy = CrossOriginOpenerPolicy::new();
        renders(&COOP, "same-origin");
    }
}
