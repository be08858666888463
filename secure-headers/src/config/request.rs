//! The request-side sections: `[https-redirect]`, `[allowed-hosts]`, `[proxy]`,
//! `[cross-origin]` and `[cookies]`, and the top-level `hsts-mode`, `development-mode`,
//! `remove-headers` and `provide-nonce`.

use serde::{Deserialize, Serialize};

use super::config_error;
use crate::cookie::{CookieHardening, SameSite};
use crate::http::StatusCode;
use crate::request::CrossOriginProtection;
use crate::transport::{AllowedHosts, ForwardedHeader, HstsMode, HttpsRedirect};
use crate::{Error, SecureBuilder};

/// `[https-redirect]`: redirect plain-HTTP requests to HTTPS
/// ([`SecureBuilder::https_redirect`]). The redirect goes to `host`, or, without it, to the
/// request's host once `[allowed-hosts]` accepted it; a configuration with neither is
/// refused.
///
/// ```
/// # #[cfg(feature = "toml")] {
/// use secure_headers::config::Config;
///
/// let config = Config::from_toml("[https-redirect]\nhost = \"www.example.com\"\nstatus = 301")?;
/// let redirect = config.https_redirect.as_ref().unwrap();
/// assert_eq!(redirect.host.as_deref(), Some("www.example.com"));
/// assert_eq!(redirect.status, Some(301));
/// # }
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[non_exhaustive]
pub struct HttpsRedirectSection {
    /// The canonical host to redirect to (a name or IP literal, without port).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// The HTTPS port, when not 443.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// 301, 302, 307 or 308 (default 308).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
}

/// `[allowed-hosts]`: refuse requests for any other host
/// ([`SecureBuilder::allowed_hosts`]).
///
/// ```
/// # #[cfg(feature = "toml")] {
/// use secure_headers::config::Config;
///
/// let config = Config::from_toml("[allowed-hosts]\nhosts = [\"example.com\", \"*.example.com\"]")?;
/// assert_eq!(config.allowed_hosts.as_ref().unwrap().hosts.len(), 2);
/// # }
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[non_exhaustive]
pub struct AllowedHostsSection {
    /// Host patterns: `example.com`, `*.example.com` (subdomains only), `[::1]:8080`.
    pub hosts: Vec<String>,
    /// The status of a refusal (default 400).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
}

/// `[proxy]`: the reverse proxies in front of the application and the forwarding headers
/// they set ([`SecureBuilder::trusted_proxies`], [`SecureBuilder::forwarded_headers`],
/// [`SecureBuilder::trusted_hops`]).
///
/// ```
/// # #[cfg(feature = "toml")] {
/// use secure_headers::config::Config;
///
/// let config = Config::from_toml(
///     "[proxy]\ntrusted = [\"10.0.0.0/8\"]\nforwarded-headers = [\"x-forwarded-proto\"]\nhops = 2",
/// )?;
/// assert_eq!(config.proxy.as_ref().unwrap().hops, Some(2));
/// # }
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[non_exhaustive]
pub struct ProxySection {
    /// Proxy addresses or CIDR ranges (`10.0.0.1`, `10.0.0.0/8`, `fd00::/8`). Needed
    /// with `forwarded-headers` (the builder says so when one is missing).
    #[serde(default)]
    pub trusted: Vec<String>,
    /// The headers those proxies set, and the only ones read: `forwarded`,
    /// `x-forwarded-proto`, `x-forwarded-host`.
    #[serde(default)]
    pub forwarded_headers: Vec<String>,
    /// How many trusted proxies stand in front of the application (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hops: Option<usize>,
}

/// `[cross-origin]`: refuse cross-origin state-changing requests
/// ([`SecureBuilder::cross_origin_protection`], [`CrossOriginProtection`]). An empty
/// section turns the protection on with its defaults.
///
/// ```
/// # #[cfg(feature = "toml")] {
/// use secure_headers::config::Config;
///
/// let config = Config::from_toml("[cross-origin]\nbypass = [\"/webhooks/stripe\"]")?;
/// assert_eq!(config.cross_origin.as_ref().unwrap().bypass, ["/webhooks/stripe"]);
/// # }
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[non_exhaustive]
pub struct CrossOriginSection {
    /// Whether `Sec-Fetch-Site: same-site` passes (default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_same_site: Option<bool>,
    /// Origins whose requests pass (`https://app.example`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trusted_origins: Vec<String>,
    /// Whether a request with neither `Sec-Fetch-Site` nor `Origin` is refused (default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refuse_without_headers: Option<bool>,
    /// Log what would be refused without refusing it (default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_only: Option<bool>,
    /// Paths that skip the check, matched exactly.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bypass: Vec<String>,
    /// Also apply the Fetch Metadata resource isolation policy (default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_isolation: Option<bool>,
    /// Paths the resource isolation policy leaves alone, matched exactly.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exempt: Vec<String>,
}

/// `[cookies]`: add `Secure`, `HttpOnly` and `SameSite` to the application's cookies
/// that lack them ([`SecureBuilder::harden_cookies`]). An empty section hardens every
/// cookie with `Secure`, `HttpOnly` and `SameSite=Lax`.
///
/// ```
/// # #[cfg(feature = "toml")] {
/// use secure_headers::config::Config;
///
/// let config = Config::from_toml("[cookies]\nhttp-only = false\nsame-site = \"strict\"")?;
/// assert_eq!(config.cookies.as_ref().unwrap().same_site.as_deref(), Some("strict"));
/// # }
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[non_exhaustive]
pub struct CookiesSection {
    /// Whether to add `Secure` (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secure: Option<bool>,
    /// Whether to add `HttpOnly` (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_only: Option<bool>,
    /// `strict`, `lax` (the default), `none`, or `omit` to add no `SameSite`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_site: Option<String>,
    /// Harden only the cookies with these names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub only: Option<Vec<String>>,
}

/// The request-side part of a configuration, borrowed from it.
pub(super) struct RequestSide<'a> {
    pub(super) hsts_mode: Option<&'a str>,
    pub(super) development_mode: Option<bool>,
    pub(super) remove_headers: &'a [String],
    pub(super) provide_nonce: Option<bool>,
    pub(super) https_redirect: Option<&'a HttpsRedirectSection>,
    pub(super) allowed_hosts: Option<&'a AllowedHostsSection>,
    pub(super) proxy: Option<&'a ProxySection>,
    pub(super) cross_origin: Option<&'a CrossOriginSection>,
    pub(super) cookies: Option<&'a CookiesSection>,
}

/// A status code from the file, or an error naming the key.
fn status(key: &str, code: u16) -> Result<StatusCode, Error> {
    StatusCode::from_u16(code)
        .map_err(|_| config_error(key, &code.to_string(), "expected an HTTP status code"))
}

impl RequestSide<'_> {
    /// Sets, on `b`, what these sections say. Values the builder checks (hosts, CIDR
    /// ranges, origins, redirect statuses) are checked when it builds.
    pub(super) fn apply(&self, mut b: SecureBuilder) -> Result<SecureBuilder, Error> {
        if let Some(mode) = self.hsts_mode {
            b = b.hsts_mode(match mode.trim().to_ascii_lowercase().as_str() {
                "always" => HstsMode::Always,
                "secure-only" => HstsMode::SecureOnly,
                _ => {
                    return Err(config_error(
                        "hsts-mode",
                        mode,
                        "expected always or secure-only",
                    ));
                }
            });
        }
        if let Some(on) = self.development_mode {
            b = b.development_mode(on);
        }
        if !self.remove_headers.is_empty() {
            b = b.remove_headers(self.remove_headers);
        }
        if let Some(on) = self.provide_nonce {
            b = b.provide_nonce(on);
        }
        if let Some(r) = self.https_redirect {
            let mut redirect = HttpsRedirect::new();
            if let Some(host) = &r.host {
                redirect = redirect.host(host);
            }
            if let Some(port) = r.port {
                redirect = redirect.port(port);
            }
            if let Some(code) = r.status {
                redirect = redirect.status(status("https-redirect.status", code)?);
            }
            b = b.https_redirect(redirect);
        }
        if let Some(h) = self.allowed_hosts {
            if h.hosts.is_empty() {
                return Err(config_error(
                    "allowed-hosts.hosts",
                    "[]",
                    "an empty list would refuse every request; list the hosts requests may name, such as [\"example.com\", \"*.example.com\"], or remove [allowed-hosts] to accept any host",
                ));
            }
            let mut hosts = AllowedHosts::new(&h.hosts);
            if let Some(code) = h.status {
                hosts = hosts.status(status("allowed-hosts.status", code)?);
            }
            b = b.allowed_hosts(hosts);
        }
        if let Some(p) = self.proxy {
            let mut headers = Vec::with_capacity(p.forwarded_headers.len());
            for name in &p.forwarded_headers {
                headers.push(ForwardedHeader::from_name(name).ok_or_else(|| {
                    config_error(
                        "proxy.forwarded-headers",
                        name,
                        "expected forwarded, x-forwarded-proto or x-forwarded-host",
                    )
                })?);
            }
            b = b.trusted_proxies(&p.trusted).forwarded_headers(headers);
            if let Some(hops) = p.hops {
                b = b.trusted_hops(hops);
            }
        }
        if let Some(c) = self.cross_origin {
            let mut p = CrossOriginProtection::new()
                .trusted_origins(&c.trusted_origins)
                .bypass(&c.bypass)
                .exempt(&c.exempt);
            if let Some(on) = c.allow_same_site {
                p = p.allow_same_site(on);
            }
            if let Some(on) = c.refuse_without_headers {
                p = p.refuse_without_headers(on);
            }
            if let Some(on) = c.report_only {
                p = p.report_only(on);
            }
            if let Some(on) = c.resource_isolation {
                p = p.resource_isolation(on);
            }
            b = b.cross_origin_protection(p);
        }
        if let Some(c) = self.cookies {
            let mut h = CookieHardening::new();
            if let Some(on) = c.secure {
                h = h.secure(on);
            }
            if let Some(on) = c.http_only {
                h = h.http_only(on);
            }
            if let Some(s) = &c.same_site {
                h = h.same_site(match s.trim().to_ascii_lowercase().as_str() {
                    "strict" => Some(SameSite::Strict),
                    "lax" => Some(SameSite::Lax),
                    "none" => Some(SameSite::None),
                    "omit" => None,
                    _ => {
                        return Err(config_error(
                            "cookies.same-site",
                            s,
                            "expected strict, lax, none or omit",
                        ));
                    }
                });
            }
            if let Some(names) = &c.only {
                h = h.only(names.iter().cloned());
            }
            b = b.harden_cookies(h);
        }
        Ok(b)
    }
}

#[cfg(all(test, feature = "toml", feature = "json"))]
mod tests {
    use crate::Secure;
    use crate::config::{Config, Format};
    use crate::http::{Request, Response};
    use crate::request::HttpRequest;

    const FILE: &str = r#"
preset = "balanced"
hsts-mode = "secure-only"
remove-headers = ["X-Powered-By"]

[https-redirect]
port = 8443

[allowed-hosts]
hosts = ["example.com", "*.example.com"]
status = 421

[proxy]
trusted = ["10.0.0.0/8"]
forwarded-headers = ["x-forwarded-proto", "x-forwarded-host"]
hops = 2

[cross-origin]
trusted-origins = ["https://partner.example"]
bypass = ["/webhooks/payments"]

[cookies]
http-only = false
same-site = "strict"
"#;

    fn secure(text: &str) -> Secure {
        Secure::from_config_str(text, Format::Toml).unwrap_or_else(|e| panic!("{e}"))
    }

    fn request(method: &str, path: &str, headers: &[(&str, &str)]) -> Request<()> {
        let mut b = Request::builder().method(method).uri(path);
        for (n, v) in headers {
            b = b.header(*n, *v);
        }
        b.body(()).unwrap()
    }

    /// What the request core answers: `200` for the handler, or the early status and
    /// `Location`.
    fn answer(secure: &Secure, req: &Request<()>, peer: [u8; 4]) -> (u16, String) {
        match secure.inspect(&HttpRequest::new(req).peer(Some(peer.into()))) {
            Ok(_) => (200, String::new()),
            Err(early) => (
                early.status().as_u16(),
                early
                    .location()
                    .map(|l| l.to_str().unwrap().to_owned())
                    .unwrap_or_default(),
            ),
        }
    }

    #[test]
    fn every_request_side_section_reaches_the_core() {
        let s = secure(FILE);
        let proxy = [10, 0, 0, 1];
        let client = [203, 0, 113, 9];
        // Over plain HTTP through the proxy: redirected to the checked host and the port.
        let get = request(
            "GET",
            "/a?b",
            &[("host", "example.com"), ("x-forwarded-proto", "http, http")],
        );
        assert_eq!(
            answer(&s, &get, proxy),
            (308, "https://example.com:8443/a?b".to_owned())
        );
        // Two hops, counted from the right: the client's own value on the left is not read.
        let https = request(
            "GET",
            "/",
            &[
                ("host", "example.com"),
                ("x-forwarded-proto", "http, https, https"),
            ],
        );
        assert_eq!(answer(&s, &https, proxy), (200, String::new()));
        // The same header from a client that is not a proxy: not believed.
        assert_eq!(answer(&s, &https, client).0, 308);
        // A host the list does not allow, with the configured status.
        let evil = request(
            "GET",
            "/",
            &[
                ("host", "evil.example"),
                ("x-forwarded-proto", "https, https"),
            ],
        );
        assert_eq!(answer(&s, &evil, proxy), (421, String::new()));
        // X-Forwarded-Host is read (from the proxy): the checked host is the forwarded one.
        let fwd_host = request(
            "GET",
            "/",
            &[
                ("host", "internal"),
                ("x-forwarded-proto", "https, https"),
                ("x-forwarded-host", "x, api.example.com, api.example.com"),
            ],
        );
        assert_eq!(answer(&s, &fwd_host, proxy), (200, String::new()));
        // Cross-origin protection: a cross-site POST is refused, a trusted origin and the
        // exact bypass path pass, a path that only starts like it does not.
        let post = |path: &str, origin: &str| {
            request(
                "POST",
                path,
                &[
                    ("host", "example.com"),
                    ("x-forwarded-proto", "https, https"),
                    ("origin", origin),
                ],
            )
        };
        assert_eq!(
            answer(&s, &post("/t", "https://evil.example"), proxy).0,
            403
        );
        assert_eq!(
            answer(&s, &post("/t", "https://partner.example"), proxy).0,
            200
        );
        assert_eq!(
            answer(
                &s,
                &post("/webhooks/payments", "https://evil.example"),
                proxy
            )
            .0,
            200
        );
        assert_eq!(
            answer(
                &s,
                &post("/webhooks/payments/x", "https://evil.example"),
                proxy
            )
            .0,
            403
        );

        // HSTS only on secure requests; X-Powered-By removed; cookies hardened as written.
        let mut response = Response::builder()
            .header("x-powered-by", "framework")
            .header("set-cookie", "id=1")
            .body(())
            .unwrap();
        let context = s
            .inspect(&HttpRequest::new(&https).peer(Some(proxy.into())))
            .unwrap();
        s.apply_to_response_with(&mut response, &context);
        let h = response.headers();
        assert!(h.contains_key("strict-transport-security"));
        assert!(!h.contains_key("x-powered-by"));
        assert_eq!(h["set-cookie"], "id=1; Secure; SameSite=Strict");
        let mut plain = Response::new(());
        s.apply_to_response_with(&mut plain, &crate::request::RequestContext::default());
        assert!(!plain.headers().contains_key("strict-transport-security"));
    }

    /// The configuration file of the crate's guide builds, with its proxy rule.
    #[cfg(feature = "nonce")]
    #[test]
    fn the_guides_configuration_file_builds() {
        let guide = include_str!("../docs/guide.md");
        let start = guide
            .find("```toml\npreset")
            .expect("the configuration file")
            + "```toml\n".len();
        let end = start + guide[start..].find("```").expect("its end");
        let s = secure(&guide[start..end]);
        let text = s.to_string();
        assert!(
            text.contains("script-src 'nonce-{nonce}' 'strict-dynamic' https: 'unsafe-inline'"),
            "{text}"
        );
        assert!(s.inspects_request());
        // HSTS only when the trusted proxy says HTTPS.
        let via = |proto: &str, peer: [u8; 4]| {
            let req = request(
                "GET",
                "/",
                &[("host", "example.com"), ("x-forwarded-proto", proto)],
            );
            let context = s
                .inspect(&HttpRequest::new(&req).peer(Some(peer.into())))
                .unwrap();
            let mut response = Response::new(());
            s.apply_to_response_with(&mut response, &context);
            response.headers().contains_key("strict-transport-security")
        };
        assert!(via("https", [10, 1, 2, 3]));
        assert!(!via("https", [192, 0, 2, 1]));
        assert!(!via("http", [10, 1, 2, 3]));
    }

    #[test]
    fn the_sections_round_trip_through_toml_and_json() {
        let config = Config::from_toml(FILE).unwrap();
        let toml = config.to_toml().unwrap();
        assert_eq!(Config::from_toml(&toml).unwrap(), config);
        let json = config.to_json().unwrap();
        assert_eq!(Config::from_json(&json).unwrap(), config);
        assert_eq!(secure(&toml), secure(FILE));
    }

    #[test]
    fn errors_name_the_key_and_where_it_is() {
        let err = |text: &str| match Secure::from_config_str(text, Format::Toml) {
            Ok(_) => panic!("{text} was accepted"),
            Err(e) => e.to_string(),
        };
        let cases = [
            (
                "[proxy]\ntrusted = [\"10.0.0.1\"]\nforwarded-headers = []\nhop = 2",
                "conflicting settings in proxy.trusted (line 2, column 1: no forwarding header is read from them; name the headers your proxy sets with proxy.forwarded-headers)\ninvalid configuration in proxy.hop (line 4, column 1: unknown key `hop`; did you mean `hops`?)",
            ),
            (
                "[cross-origin]\nbypas = [\"/a\"]",
                "invalid configuration in cross-origin.bypas (line 2, column 1: unknown key `bypas`; did you mean `bypass`?)",
            ),
            (
                "[proxy]\ntrusted = [\"10.0.0.1\"]\nforwarded-headers = [\"x-forwarded-for\"]",
                "invalid configuration in proxy.forwarded-headers: \"x-forwarded-for\" (line 3, column 1: expected forwarded, x-forwarded-proto or x-forwarded-host)",
            ),
            (
                "hsts-mode = \"sometimes\"",
                "invalid configuration in hsts-mode: \"sometimes\" (line 1, column 1: expected always or secure-only)",
            ),
            (
                "[cookies]\nsame-site = \"loose\"",
                "invalid configuration in cookies.same-site: \"loose\" (line 2, column 1: expected strict, lax, none or omit)",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(err(text), expected, "{text}");
        }
        // What the builder refuses is said in the file's words, at the key's own line.
        let cases = [
            (
                "[https-redirect]\nstatus = 308",
                "conflicting settings in https-redirect (line 1, column 1: a redirect to the request's own host needs allowed-hosts to check that host; set allowed-hosts, or a canonical host with https-redirect.host)",
            ),
            (
                "[proxy]\ntrusted = [\"10.0.0.1\"]\nforwarded-headers = []",
                "conflicting settings in proxy.trusted (line 2, column 1: no forwarding header is read from them; name the headers your proxy sets with proxy.forwarded-headers)",
            ),
            (
                "[cross-origin]\nallow-same-site = true\ntrusted-origins = [\"partner.example\"]",
                "unsupported value in cross-origin.trusted-origins: \"partner.example\" (line 3, column 1: expected an origin such as https://app.example or http://localhost:8000)",
            ),
            (
                "[https-redirect]\nhost = \"example.com\"\nstatus = 200",
                "unsupported value in https-redirect.status: \"200\" (line 3, column 1: a redirect status is 301, 302, 307 or 308)",
            ),
            (
                "[proxy]\ntrusted = [\"10.0.0.1\"]\nforwarded-headers = [\"forwarded\"]\nhops = 0",
                "unsupported value in proxy.hops: \"0\" (line 4, column 1: the number of trusted proxies in front of the application, at least 1)",
            ),
            (
                "[hsts]\nmax-age = 60\npreload = true",
                "conflicting settings in Strict-Transport-Security directive preload: \"max-age=60\" (line 3, column 1: preload requires max-age to be at least 31536000 seconds (1 year); set max-age = 31536000 or more, or preload = false; config key hsts.preload)",
            ),
            // serde's "missing field": the builder's explanation instead.
            (
                "[proxy]\nforwarded-headers = [\"x-forwarded-proto\"]",
                "conflicting settings in proxy.forwarded-headers (line 2, column 1: forwarded headers are only read from trusted proxies; set proxy.trusted)",
            ),
            (
                "[allowed-hosts]\nstatus = 400",
                "invalid configuration in allowed-hosts.hosts (line 1, column 1: this section needs the key allowed-hosts.hosts; list the hosts requests may name, such as [\"example.com\", \"*.example.com\"])",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(err(text), expected, "{text}");
        }
    }
}
