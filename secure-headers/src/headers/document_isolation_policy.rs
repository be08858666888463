//! `Document-Isolation-Policy` and its report-only form.

use super::single::{reporting_header, token_value};
use crate::registry::{Header, HeaderInfo, Make};

reporting_header! {
    /// The `Document-Isolation-Policy` (DIP) header: makes this document cross-origin
    /// isolated (`SharedArrayBuffer`, precise timers) in an agent cluster of its own,
    /// without the `Cross-Origin-Opener-Policy` / `Cross-Origin-Embedder-Policy` pair
    /// and without breaking popups.
    ///
    /// [explainer and spec (WICG)](https://github.com/WICG/document-isolation-policy),
    /// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Document-Isolation-Policy).
    /// Shipped in Chrome 137 (desktop); other browsers ignore it.
    ///
    /// ```text
    /// Document-Isolation-Policy = sf-item  ; "none" / "isolate-and-require-corp"
    ///                                      ; / "isolate-and-credentialless"
    ///                                      ; optional parameter: report-to=sf-string
    /// ```
    ///
    /// The default is `isolate-and-credentialless`: cross-origin no-cors subresources
    /// load without credentials instead of needing `Cross-Origin-Resource-Policy`, so
    /// fewer of them break. Python's `secure` 2.0.1 has no such header.
    ///
    /// ```
    /// use secure_headers::{DocumentIsolationPolicy, Policy};
    ///
    /// let dip = DocumentIsolationPolicy::new();
    /// assert_eq!(dip.render().unwrap(), "isolate-and-credentialless");
    /// let dip = DocumentIsolationPolicy::new().isolate_and_require_corp().report_to("dip");
    /// assert_eq!(dip.render().unwrap(), r#"isolate-and-require-corp; report-to="dip""#);
    /// ```
    pub struct DocumentIsolationPolicy = "Document-Isolation-Policy",
        default ISOLATE_AND_CREDENTIALLESS = "isolate-and-credentialless" {
        /// Replaces the policy with a raw token, trimmed, its case kept (a value browsers
        /// do not know is ignored by them). A reporting group set with
        /// [`report_to`](Self::report_to) is kept.
        value: token_value;

        /// `none`: no isolation (the browser default).
        NONE = "none": none;
        /// `isolate-and-require-corp`: isolated; cross-origin subresources load only if
        /// they opt in with `Cross-Origin-Resource-Policy` or CORS.
        ISOLATE_AND_REQUIRE_CORP = "isolate-and-require-corp": isolate_and_require_corp;
        /// `isolate-and-credentialless`: isolated; cross-origin no-cors requests are sent
        /// without credentials.
        ISOLATE_AND_CREDENTIALLESS = "isolate-and-credentialless": isolate_and_credentialless;
    }

    /// The `Document-Isolation-Policy-Report-Only` header: the same values as
    /// [`DocumentIsolationPolicy`], reported on (to its `report-to` endpoint) without
    /// isolating. Build it from the enforced policy with
    /// [`DocumentIsolationPolicy::report_only`]. Chrome 137.
    ///
    /// ```
    /// use secure_headers::{DocumentIsolationPolicy, Policy};
    ///
    /// let ro = DocumentIsolationPolicy::new().report_to("dip").report_only();
    /// assert_eq!(ro.name(), "Document-Isolation-Policy-Report-Only");
    /// assert_eq!(ro.render().unwrap(), r#"isolate-and-credentialless; report-to="dip""#);
    /// ```
    pub struct DocumentIsolationPolicyReportOnly = "Document-Isolation-Policy-Report-Only";
}

impl Header for DocumentIsolationPolicy {
    const INFO: HeaderInfo = HeaderInfo {
        name: "Document-Isolation-Policy",
        lowercase: "document-isolation-policy",
        method: "document_isolation_policy",
        type_name: "DocumentIsolationPolicy",
        config_key: Some("document-isolation-policy"),
        report_only_of: None,
        make: Make::of::<Self>(),
    };

    fn from_value(raw: &str) -> Option<Self> {
        Some(Self::new().value(raw))
    }
}

impl From<DocumentIsolationPolicy> for DocumentIsolationPolicyReportOnly {
    fn from(policy: DocumentIsolationPolicy) -> Self {
        policy.report_only()
    }
}

impl From<DocumentIsolationPolicyReportOnly> for DocumentIsolationPolicy {
    fn from(policy: DocumentIsolationPolicyReportOnly) -> Self {
        policy.enforce()
    }
}

impl Header for DocumentIsolationPolicyReportOnly {
    const INFO: HeaderInfo = HeaderInfo {
        name: "Document-Isolation-Policy-Report-Only",
        lowercase: "document-isolation-policy-report-only",
        method: "document_isolation_policy_report_only",
        type_name: "DocumentIsolationPolicyReportOnly",
        config_key: Some("document-isolation-policy-report-only"),
        report_only_of: Some(DocumentIsolationPolicy::INFO.name),
        make: Make::of::<Self>(),
    };

    fn from_value(raw: &str) -> Option<Self> {
        Some(Self::new().value(raw))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::headers::single::testing::{fails, raw_contract, renders};
    use crate::{ErrorKind, Policy};

    type Dip = DocumentIsolationPolicy;
    type DipRo = DocumentIsolationPolicyReportOnly;

    #[test]
    fn exact_values() {
        assert_eq!(Dip::new().name(), "Document-Isolation-Policy");
        assert_eq!(DipRo::new().name(), "Document-Isolation-Policy-Report-Only");
        renders(&Dip::default(), "isolate-and-credentialless");
        renders(&Dip::new().none(), "none");
        renders(
            &Dip::new().isolate_and_require_corp(),
            "isolate-and-require-corp",
        );
        renders(
            &Dip::new()
                .none()
                .report_to("g")
                .isolate_and_credentialless(),
            r#"isolate-and-credentialless; report-to="g""#,
        );
        renders(&DipRo::ISOLATE_AND_REQUIRE_CORP, "isolate-and-require-corp");
        assert_eq!(Dip::NONE.report_only(), DipRo::NONE);
        assert_eq!(DipRo::from(Dip::NONE).enforce(), Dip::NONE);
        raw_contract::<Dip>("isolate-and-credentialless", true, str::to_owned);
        let e = ("Document-Isolation-Policy", "report-to", "a\"b");
        fails(&Dip::new().report_to("a\"b"), ErrorKind::InvalidToken, e);
        let e = ("Document-Isolation-Policy-Report-Only", "report-to", "a b");
        fails(
            &Dip::new().report_to("a b").report_only(),
            ErrorKind::InvalidToken,
            e,
        );
    }

    #[test]
    fn parses() {
        let d: Dip = " Isolate-And-Require-Corp ; report-to=\"dip\""
            .parse()
            .unwrap();
        assert_eq!(d, Dip::ISOLATE_AND_REQUIRE_CORP.report_to("dip"));
        let d: DipRo = "none".parse().unwrap();
        assert_eq!(d, DipRo::NONE);
        let e = "none; foo=1".parse::<Dip>().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidValue);
        assert_eq!(e.directive(), Some("report-to"));
        assert!(e.detail().unwrap().ends_with("at byte 6"), "{e}");
        let e = "a b".parse::<DipRo>().unwrap_err();
        assert_eq!(e.header(), Some("Document-Isolation-Policy-Report-Only"));
    }

    proptest::proptest! {
        #[test]
        fn render_then_parse_gives_the_policy_back(
            dip in proptest::sample::select(vec![Dip::NONE, Dip::ISOLATE_AND_REQUIRE_CORP, Dip::ISOLATE_AND_CREDENTIALLESS]),
            group in proptest::option::of("[a-zA-Z0-9_.-]{1,12}"),
            token in "[a-z][a-z0-9-]{0,12}",
        ) {
            let dip = match &group {
                Some(g) => dip.report_to(g),
                None => dip,
            };
            for p in [dip, Dip::new().value(&token)] {
                let rendered = p.render().unwrap();
                let parsed: Dip = rendered.parse().unwrap();
                proptest::prop_assert_eq!(&parsed, &p);
                let ro: DipRo = rendered.parse().unwrap();
                proptest::prop_assert_eq!(ro, p.clone().report_only());
            }
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,24}|[ -~\t]{0,24}") {
            if let Ok(p) = s.parse::<Dip>() {
                let again: Dip = p.render().unwrap().parse().unwrap();
                proptest::prop_assert_eq!(again, p);
            }
        }
    }
}
