//! A single-value header whose raw value is close to one the header knows (`DENYY`,
//! `same-orgin`) is refused with the value it is close to, from the builder and from a
//! configuration file: browsers ignore such a header, so it would protect nothing. A value
//! far from every known one is kept (it may be newer than this crate). A value parsed with
//! `FromStr` keeps what it received, as for a CSP, and `build()` refuses its likely typo
//! with the same error. A configuration file's COOP, COEP and Document-Isolation-Policy
//! (and their report-only forms) take a `report-to` parameter, as browsers do.

use std::fmt::Debug;
use std::str::FromStr;

use secure_headers::config::Config;
use secure_headers::registry::Header;
use secure_headers::{
    CrossOriginEmbedderPolicy, CrossOriginEmbedderPolicyReportOnly, CrossOriginOpenerPolicy,
    CrossOriginOpenerPolicyReportOnly, CrossOriginResourcePolicy, DocumentIsolationPolicy,
    DocumentIsolationPolicyReportOnly, Error, ErrorKind, OriginAgentCluster, Policy, Secure,
    XContentTypeOptions, XDnsPrefetchControl, XDownloadOptions, XFrameOptions,
    XPermittedCrossDomainPolicies,
};

#[test]
fn a_misspelt_value_is_refused_with_the_known_one() {
    let e = XFrameOptions::new().value("DENYY").render().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidValue);
    assert_eq!(e.header(), Some("X-Frame-Options"));
    assert_eq!(e.directive(), Some("value"));
    assert_eq!(e.input(), Some("DENYY"));
    assert_eq!(
        e.detail(),
        Some("not a known value; did you mean DENY? (browsers ignore the header otherwise)")
    );
    let e = Secure::builder()
        .coop(CrossOriginOpenerPolicy::new().value("same-orgin"))
        .build()
        .unwrap_err();
    assert_eq!(e.header(), Some("Cross-Origin-Opener-Policy"));
    assert!(e.to_string().contains("did you mean same-origin?"), "{e}");
    let e = XContentTypeOptions::new()
        .value("nosnif")
        .render()
        .unwrap_err();
    assert!(e.to_string().contains("did you mean nosniff?"), "{e}");
}

#[test]
fn known_values_and_far_ones_are_kept() {
    assert_eq!(XFrameOptions::new().value("deny").render().unwrap(), "deny");
    assert_eq!(
        CrossOriginOpenerPolicy::new()
            .value("noopener-allow-popups")
            .render()
            .unwrap(),
        "noopener-allow-popups"
    );
    let far = CrossOriginOpenerPolicy::new().value("isolate-everything");
    assert_eq!(far.render().unwrap(), "isolate-everything");
}

#[test]
fn a_configuration_file_gets_the_same_error() {
    for (key, value, known) in [
        ("x-frame-options", "DENYY", "DENY"),
        ("cross-origin-opener-policy", "same-orgin", "same-origin"),
        (
            "document-isolation-policy",
            "isolate-and-require-crop",
            "isolate-and-require-corp",
        ),
        ("x-content-type-options", "nosnif", "nosniff"),
    ] {
        let toml = format!("preset = \"none\"\n{key} = \"{value}\"\n");
        let result = Config::from_toml(&toml).and_then(|c| c.into_builder()?.build());
        let e = result.unwrap_err();
        assert_eq!(e.input(), Some(value), "{e}");
        assert!(
            e.to_string().contains(&format!("did you mean {known}?")),
            "{e}"
        );
    }
}

/// The error's parts that must agree, whichever way the value was written.
type Parts = (
    ErrorKind,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn parts(e: &Error) -> Parts {
    let own = |s: Option<&str>| s.map(str::to_owned);
    (
        e.kind(),
        own(e.header()),
        own(e.directive()),
        own(e.input()),
        own(e.detail()),
    )
}

/// `typo` as `T`'s value is refused by `build()` with the same error whether it was given
/// to `value(..)`, written in a configuration file or parsed with `FromStr` (which keeps
/// it, as a browser receives it); the error says `did you mean {known}?`.
fn refused_however_written<T>(typo: &str, known: &str)
where
    T: Header + FromStr<Err = Error> + Debug,
{
    let name = T::INFO.name;
    let build = |p: T| Secure::builder().set::<T>(p).build().unwrap_err();
    let typed = build(T::from_value(typo).unwrap());
    let key = T::INFO.config_key.unwrap();
    let toml = format!("preset = \"none\"\n{key} = \"{typo}\"\n");
    let config = Config::from_toml(&toml)
        .and_then(|c| c.into_builder()?.build())
        .unwrap_err();
    let parsed: T = typo.parse().unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(parsed.render().unwrap(), typo, "{name}: FromStr keeps it");
    let parsed = build(parsed);
    // The configuration file's error also names its key.
    let (kind, header, directive, input, detail) = parts(&config);
    let detail = detail.map(|d| d.replace(&format!("; config key {key}"), ""));
    let config = (kind, header, directive, input, detail);
    assert_eq!(config, parts(&typed), "{name}");
    assert_eq!(parts(&parsed), parts(&typed), "{name}: {parsed}");
    let detail =
        format!("not a known value; did you mean {known}? (browsers ignore the header otherwise)");
    let expected = (
        ErrorKind::InvalidValue,
        Some(name.to_owned()),
        Some("value".to_owned()),
        Some(typo.to_owned()),
        Some(detail),
    );
    assert_eq!(parts(&typed), expected, "{name}");
}

#[test]
fn a_parsed_misspelt_value_is_refused_by_build_as_value_refuses_it() {
    refused_however_written::<XFrameOptions>("DENYY", "DENY");
    refused_however_written::<XContentTypeOptions>("nosnif", "nosniff");
    refused_however_written::<XDownloadOptions>("noopn", "noopen");
    refused_however_written::<XDnsPrefetchControl>("offf", "off");
    refused_however_written::<XPermittedCrossDomainPolicies>("master-onyl", "master-only");
    refused_however_written::<OriginAgentCluster>("?11", "?1");
    refused_however_written::<CrossOriginResourcePolicy>("same-sit", "same-site");
    refused_however_written::<CrossOriginOpenerPolicy>("same-orgin", "same-origin");
    refused_however_written::<CrossOriginOpenerPolicyReportOnly>("same-orgin", "same-origin");
    refused_however_written::<CrossOriginEmbedderPolicy>("require-crop", "require-corp");
    refused_however_written::<CrossOriginEmbedderPolicyReportOnly>(
        "credentialles",
        "credentialless",
    );
    refused_however_written::<DocumentIsolationPolicy>(
        "isolate-and-require-crop",
        "isolate-and-require-corp",
    );
    refused_however_written::<DocumentIsolationPolicyReportOnly>(
        "isolate-and-credentialles",
        "isolate-and-credentialless",
    );
}

#[test]
fn parsed_known_and_far_values_still_build() {
    let secure = Secure::builder()
        .xfo("deny".parse::<XFrameOptions>().unwrap())
        .coop(
            "isolate-everything"
                .parse::<CrossOriginOpenerPolicy>()
                .unwrap(),
        )
        .build()
        .unwrap();
    assert_eq!(
        secure.to_string(),
        "Cross-Origin-Opener-Policy: isolate-everything\nX-Frame-Options: DENY"
    );
}

fn from_config(lines: &str) -> Result<Secure, Error> {
    let toml = format!("preset = \"none\"\n{lines}");
    Config::from_toml(&toml).and_then(|c| c.into_builder()?.build())
}

#[test]
fn a_configuration_file_gives_report_to_as_browsers_read_it() {
    let secure = from_config(
        r#"cross-origin-embedder-policy = "credentialless; report-to=coep"
cross-origin-embedder-policy-report-only = 'require-corp;REPORT-TO = "coep-ro"'
cross-origin-opener-policy = 'same-origin; report-to="coop"'
cross-origin-opener-policy-report-only = 'same-origin-allow-popups ; report-to="a" ; report-to="b"'
document-isolation-policy = 'isolate-and-require-corp; report-to="dip"'
document-isolation-policy-report-only = "isolate-and-credentialless; report-to=dip-ro"
"#,
    )
    .unwrap();
    assert_eq!(
        secure.to_string(),
        r#"Cross-Origin-Embedder-Policy: credentialless; report-to="coep"
Cross-Origin-Embedder-Policy-Report-Only: require-corp; report-to="coep-ro"
Cross-Origin-Opener-Policy: same-origin; report-to="coop"
Cross-Origin-Opener-Policy-Report-Only: same-origin-allow-popups; report-to="b"
Document-Isolation-Policy: isolate-and-require-corp; report-to="dip"
Document-Isolation-Policy-Report-Only: isolate-and-credentialless; report-to="dip-ro""#
    );
    // The raw value is read as FromStr reads the header.
    for raw in ["same-origin; report-to=\"coop\"", "unsafe-none;report-to=g"] {
        let parsed: CrossOriginOpenerPolicy = raw.parse().unwrap();
        assert_eq!(CrossOriginOpenerPolicy::from_value(raw), Some(parsed));
    }
}

#[test]
fn a_configuration_file_refuses_any_other_parameter() {
    let refused = |line: &str| from_config(&format!("{line}\n")).unwrap_err();
    let e = refused(r#"cross-origin-opener-policy = 'same-origin; foo="1"'"#);
    assert_eq!(e.kind(), ErrorKind::InvalidValue, "{e}");
    assert_eq!(e.header(), Some("Cross-Origin-Opener-Policy"));
    assert_eq!(e.directive(), Some("report-to"));
    assert_eq!(e.input(), Some(r#"foo="1""#));
    assert!(
        e.to_string()
            .contains(r#"the only parameter is report-to="<group>""#),
        "{e}"
    );
    let e = refused(r#"cross-origin-embedder-policy = 'require-corp; report-to="a b"'"#);
    assert_eq!(e.kind(), ErrorKind::InvalidToken, "{e}");
    assert_eq!(e.directive(), Some("report-to"));
    assert_eq!(e.input(), Some("a b"));
    let e = refused("document-isolation-policy = 'isolate-and-require-corp;'");
    assert_eq!(e.directive(), Some("report-to"), "{e}");
    // The value before the parameter gets value(..)'s checks, typos included.
    let e = refused(r#"cross-origin-opener-policy = 'same-orgin; report-to="coop"'"#);
    assert_eq!(e.input(), Some("same-orgin"), "{e}");
    assert!(e.to_string().contains("did you mean same-origin?"), "{e}");
    // A header without a report-to parameter still refuses the separator.
    let e = refused(r#"x-frame-options = 'DENY; report-to="g"'"#);
    assert_eq!(e.kind(), ErrorKind::Separator, "{e}");
    assert_eq!(e.header(), Some("X-Frame-Options"));
    // value(..) itself still takes a single token.
    let e = CrossOriginOpenerPolicy::new()
        .value("same-origin; report-to=\"coop\"")
        .render()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Separator, "{e}");
}
