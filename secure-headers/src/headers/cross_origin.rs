//! The cross-origin isolation trio: `Cross-Origin-Embedder-Policy`,
//! `Cross-Origin-Opener-Policy` and `Cross-Origin-Resource-Policy`.

use crate::registry::{Header, HeaderInfo, Make};
use std::borrow::Cow;

use super::single::{canonical, reporting_header, single_value_header, token_value};
use crate::Error;
use crate::text::{At, clean_text, clean_token};

reporting_header! {
    /// The `Cross-Origin-Embedder-Policy` (COEP) header: which cross-origin resources a
    /// document may load. Together with [`CrossOriginOpenerPolicy`] `same-origin` it makes
    /// the page *cross-origin isolated* (needed for `SharedArrayBuffer` and precise timers).
    ///
    /// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Cross-Origin-Embedder-Policy),
    /// [spec](https://html.spec.whatwg.org/multipage/browsers.html#coep)
    ///
    /// ```text
    /// Cross-Origin-Embedder-Policy = sf-item  ; "unsafe-none" / "require-corp" / "credentialless"
    ///                                         ; optional parameter: report-to=sf-string
    /// ```
    ///
    /// The default is `require-corp`. A reporting group can be named with
    /// [`report_to`](Self::report_to).
    ///
    /// ```
    /// use secure_headers::{CrossOriginEmbedderPolicy, Policy};
    ///
    /// assert_eq!(CrossOriginEmbedderPolicy::new().render().unwrap(), "require-corp");
    /// let coep = CrossOriginEmbedderPolicy::new().credentialless().report_to("default");
    /// assert_eq!(coep.render().unwrap(), r#"credentialless; report-to="default""#);
    /// ```
    pub struct CrossOriginEmbedderPolicy = "Cross-Origin-Embedder-Policy",
        default REQUIRE_CORP = "require-corp" {
        /// Replaces the policy with a raw token. As in Python's `secure` 2.0.1, the token is trimmed and
        /// lowercased (`"CUSTOM-Policy "` renders `custom-policy`), and an empty value means the
        /// default `require-corp`. A reporting group set with
        /// [`report_to`](Self::report_to) is kept.
        ///
        /// Unlike `secure` 2.0.1, which accepts any string without CR or LF, the value must be a
        /// single token: control characters, non-ASCII, spaces, `;` and `,` are errors
        /// (use [`report_to`](Self::report_to) for the parameter).
        value: coep_value;

        /// `unsafe-none`: no restriction (the browser default).
        UNSAFE_NONE = "unsafe-none": unsafe_none;
        /// `require-corp`: cross-origin resources load only if they opt in with
        /// `Cross-Origin-Resource-Policy` or CORS.
        REQUIRE_CORP = "require-corp": require_corp;
        /// `credentialless`: cross-origin no-cors requests are sent without credentials, so
        /// they need no opt-in.
        CREDENTIALLESS = "credentialless": credentialless;
    }

    /// The `Cross-Origin-Embedder-Policy-Report-Only` header: the same values as
    /// [`CrossOriginEmbedderPolicy`], reported on (to its `report-to` endpoint) without
    /// blocking anything. Build it from the enforced policy with
    /// [`CrossOriginEmbedderPolicy::report_only`] to try it out first.
    ///
    /// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Cross-Origin-Embedder-Policy-Report-Only),
    /// [spec](https://html.spec.whatwg.org/multipage/browsers.html#the-coep-headers).
    /// Chromium browsers report it (Chrome 85 and later).
    ///
    /// ```
    /// use secure_headers::{CrossOriginEmbedderPolicy, Policy};
    ///
    /// let ro = CrossOriginEmbedderPolicy::new().report_to("coep").report_only();
    /// assert_eq!(ro.name(), "Cross-Origin-Embedder-Policy-Report-Only");
    /// assert_eq!(ro.render().unwrap(), r#"require-corp; report-to="coep""#);
    /// ```
    pub struct CrossOriginEmbedderPolicyReportOnly = "Cross-Origin-Embedder-Policy-Report-Only";

    /// The `Cross-Origin-Opener-Policy` (COOP) header: whether a document shares its
    /// browsing context group with cross-origin documents it opens or is opened by.
    ///
    /// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Cross-Origin-Opener-Policy),
    /// [spec](https://html.spec.whatwg.org/multipage/browsers.html#cross-origin-opener-policies)
    ///
    /// ```text
    /// Cross-Origin-Opener-Policy = sf-item  ; "unsafe-none" / "same-origin-allow-popups"
    ///                                       ; / "same-origin" / "noopener-allow-popups"
    ///                                       ; optional parameter: report-to=sf-string
    /// ```
    ///
    /// The default is `same-origin`. A reporting group can be named with
    /// [`report_to`](Self::report_to).
    ///
    /// ```
    /// use secure_headers::{CrossOriginOpenerPolicy, Policy};
    ///
    /// let coop = CrossOriginOpenerPolicy::new().same_origin();
    /// assert_eq!(coop.render().unwrap(), "same-origin");
    /// assert_eq!(coop, CrossOriginOpenerPolicy::SAME_ORIGIN);
    /// ```
    pub struct CrossOriginOpenerPolicy = "Cross-Origin-Opener-Policy",
        default SAME_ORIGIN = "same-origin" {
        /// Replaces the policy with a raw token, trimmed, its case kept. A reporting group set
        /// with [`report_to`](Self::report_to) is kept.
        ///
        /// Unlike `secure` 2.0.1, which accepts any string without CR or LF (even an empty one,
        /// which it sends as an empty header), the value must be a single non-empty token:
        /// control characters, non-ASCII, spaces, `;` and `,` are errors.
        value: token_value;

        /// `unsafe-none`: share the browsing context group with any opener or openee.
        UNSAFE_NONE = "unsafe-none": unsafe_none;
        /// `same-origin-allow-popups`: keep references to popups that do not set COOP.
        SAME_ORIGIN_ALLOW_POPUPS = "same-origin-allow-popups": same_origin_allow_popups;
        /// `same-origin`: isolate the browsing context group to same-origin documents.
        SAME_ORIGIN = "same-origin": same_origin;
        /// `noopener-allow-popups`: always open in a new browsing context group, even from a
        /// same-origin opener, while still allowing popups.
        NOOPENER_ALLOW_POPUPS = "noopener-allow-popups": noopener_allow_popups;
    }

    /// The `Cross-Origin-Opener-Policy-Report-Only` header: the same values as
    /// [`CrossOriginOpenerPolicy`], reported on (to its `report-to` endpoint) without
    /// changing browsing context groups. Build it from the enforced policy with
    /// [`CrossOriginOpenerPolicy::report_only`].
    ///
    /// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Cross-Origin-Opener-Policy),
    /// [spec](https://html.spec.whatwg.org/multipage/browsers.html#the-headers).
    /// Chromium browsers report it (Chrome 89 and later).
    ///
    /// ```
    /// use secure_headers::{CrossOriginOpenerPolicy, Policy};
    ///
    /// let ro = CrossOriginOpenerPolicy::new().report_to("coop").report_only();
    /// assert_eq!(ro.name(), "Cross-Origin-Opener-Policy-Report-Only");
    /// assert_eq!(ro.render().unwrap(), r#"same-origin; report-to="coop""#);
    /// ```
    pub struct CrossOriginOpenerPolicyReportOnly = "Cross-Origin-Opener-Policy-Report-Only";
}

single_value_header! {
    /// The `Cross-Origin-Resource-Policy` (CORP) header: which sites may embed this
    /// resource in no-cors mode.
    ///
    /// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Cross-Origin-Resource-Policy),
    /// [spec](https://fetch.spec.whatwg.org/#cross-origin-resource-policy-header)
    ///
    /// ```text
    /// Cross-Origin-Resource-Policy = %s"same-origin" / %s"same-site" / %s"cross-origin"
    /// ```
    ///
    /// The default is `same-origin`.
    ///
    /// ```
    /// use secure_headers::{CrossOriginResourcePolicy, Policy};
    ///
    /// let corp = CrossOriginResourcePolicy::new().same_site();
    /// assert_eq!(corp.render().unwrap(), "same-site");
    /// ```
    pub struct CrossOriginResourcePolicy = "Cross-Origin-Resource-Policy", default SAME_ORIGIN {
        /// Replaces the policy with a raw token, trimmed. As in `secure` 2.0.1, the three known
        /// values are recognised case-insensitively and written in lowercase (`SAME-SITE`
        /// renders `same-site`); any other token is kept as given.
        ///
        /// Unlike `secure` 2.0.1, which accepts any string without CR or LF (even an empty one),
        /// the value must be a single non-empty token.
        value: corp_value;

        /// `same-origin`: only same-origin requests may read the resource.
        SAME_ORIGIN = "same-origin": same_origin;
        /// `same-site`: only requests from the same site may read the resource.
        SAME_SITE = "same-site": same_site;
        /// `cross-origin`: any origin may read the resource.
        CROSS_ORIGIN = "cross-origin": cross_origin;
    }
}

/// COEP's raw value: empty means the default, anything else is a lowercased token.
fn coep_value(at: At<'_>, input: &str) -> Result<Cow<'static, str>, Error> {
    if clean_text(at, input)?.is_empty() {
        return Ok(Cow::Borrowed("require-corp"));
    }
    Ok(Cow::Owned(clean_token(at, input)?.to_ascii_lowercase()))
}

/// CORP's raw value: a token, its three known values canonicalised.
fn corp_value(at: At<'_>, input: &str) -> Result<Cow<'static, str>, Error> {
    let known = ["same-origin", "same-site", "cross-origin"];
    Ok(canonical(clean_token(at, input)?, &known))
}

impl Header for CrossOriginEmbedderPolicy {
    const INFO: HeaderInfo = HeaderInfo {
        name: "Cross-Origin-Embedder-Policy",
        lowercase: "cross-origin-embedder-policy",
        method: "coep",
        type_name: "CrossOriginEmbedderPolicy",
        config_key: Some("cross-origin-embedder-policy"),
        report_only_of: None,
        make: Make::of::<Self>(),
    };

    fn from_value(raw: &str) -> Option<Self> {
        Some(Self::new().value(raw))
    }
}

impl From<CrossOriginEmbedderPolicy> for CrossOriginEmbedderPolicyReportOnly {
    fn from(policy: CrossOriginEmbedderPolicy) -> Self {
        policy.report_only()
    }
}

impl From<CrossOriginEmbedderPolicyReportOnly> for CrossOriginEmbedderPolicy {
    fn from(policy: CrossOriginEmbedderPolicyReportOnly) -> Self {
        policy.enforce()
    }
}

impl Header for CrossOriginEmbedderPolicyReportOnly {
    const INFO: HeaderInfo = HeaderInfo {
        name: "Cross-Origin-Embedder-Policy-Report-Only",
        lowercase: "cross-origin-embedder-policy-report-only",
        method: "coep_report_only",
        type_name: "CrossOriginEmbedderPolicyReportOnly",
        config_key: Some("cross-origin-embedder-policy-report-only"),
        report_only_of: Some(CrossOriginEmbedderPolicy::INFO.name),
        make: Make::of::<Self>(),
    };

    fn from_value(raw: &str) -> Option<Self> {
        Some(Self::new().value(raw))
    }
}

impl Header for CrossOriginOpenerPolicy {
    const INFO: HeaderInfo = HeaderInfo {
        name: "Cross-Origin-Opener-Policy",
        lowercase: "cross-origin-opener-policy",
        method: "coop",
        type_name: "CrossOriginOpenerPolicy",
        config_key: Some("cross-origin-opener-policy"),
        report_only_of: None,
        make: Make::of::<Self>(),
    };

    fn from_value(raw: &str) -> Option<Self> {
        Some(Self::new().value(raw))
    }
}

impl From<CrossOriginOpenerPolicy> for CrossOriginOpenerPolicyReportOnly {
    fn from(policy: CrossOriginOpenerPolicy) -> Self {
        policy.report_only()
    }
}

impl From<CrossOriginOpenerPolicyReportOnly> for CrossOriginOpenerPolicy {
    fn from(policy: CrossOriginOpenerPolicyReportOnly) -> Self {
        policy.enforce()
    }
}

impl Header for CrossOriginOpenerPolicyReportOnly {
    const INFO: HeaderInfo = HeaderInfo {
        name: "Cross-Origin-Opener-Policy-Report-Only",
        lowercase: "cross-origin-opener-policy-report-only",
        method: "coop_report_only",
        type_name: "CrossOriginOpenerPolicyReportOnly",
        config_key: Some("cross-origin-opener-policy-report-only"),
        report_only_of: Some(CrossOriginOpenerPolicy::INFO.name),
        make: Make::of::<Self>(),
    };

    fn from_value(raw: &str) -> Option<Self> {
        Some(Self::new().value(raw))
    }
}

impl Header for CrossOriginResourcePolicy {
    const INFO: HeaderInfo = HeaderInfo {
        name: "Cross-Origin-Resource-Policy",
        lowercase: "cross-origin-resource-policy",
        method: "corp",
        type_name: "CrossOriginResourcePolicy",
        config_key: Some("cross-origin-resource-policy"),
        report_only_of: None,
        make: Make::of::<Self>(),
    };

    fn from_value(raw: &str) -> Option<Self> {
        Some(Self::new().value(raw))
    }
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
