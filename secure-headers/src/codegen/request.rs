//! The settings of a configuration that decide per request, as builder calls: the same
//! sections `config` reads (`hsts-mode`, `development-mode`, `remove-headers`,
//! `provide-nonce`, `[https-redirect]`, `[allowed-hosts]`, `[proxy]`, `[cross-origin]`,
//! `[cookies]`), each written as the call `Config::into_builder` makes of it.

use std::fmt::Write;

use super::{Code, Expr, csp::list};
use crate::config::Config;

/// `.method(..)` lines for what `config` decides per request; a value the configuration
/// would refuse is left out (such a configuration does not build, so it is not shown).
pub(super) fn calls(config: &Config, code: &mut Code) -> String {
    let mut out = String::new();
    let mut call = |method: &str, expr: Expr| out.push_str(&expr.builder_call(method));
    if let Some(mode) = &config.hsts_mode {
        let variant = match mode.trim().to_ascii_lowercase().as_str() {
            "secure-only" => "SecureOnly",
            _ => "Always",
        };
        code.import("secure_headers::transport::HstsMode");
        call("hsts_mode", Expr::plain(format!("HstsMode::{variant}")));
    }
    if let Some(on) = config.development_mode {
        call("development_mode", Expr::plain(on.to_string()));
    }
    if !config.remove_headers.is_empty() {
        call("remove_headers", Expr::plain(list(&config.remove_headers)));
    }
    if let Some(on) = config.provide_nonce {
        call("provide_nonce", Expr::plain(on.to_string()));
    }
    if let Some(r) = &config.https_redirect {
        code.import("secure_headers::transport::HttpsRedirect");
        let mut calls = Vec::new();
        if let Some(host) = &r.host {
            calls.push(format!(".host({host:?})"));
        }
        if let Some(port) = r.port {
            calls.push(format!(".port({port})"));
        }
        if let Some(s) = r.status {
            calls.push(format!(".status({})", status(s, code)));
        }
        call("https_redirect", Expr::chain("HttpsRedirect::new()", calls));
    }
    if let Some(h) = &config.allowed_hosts {
        code.import("secure_headers::transport::AllowedHosts");
        let calls = h
            .status
            .map(|s| vec![format!(".status({})", status(s, code))])
            .unwrap_or_default();
        let head = format!("AllowedHosts::new({})", list(&h.hosts));
        call("allowed_hosts", Expr::chain(head, calls));
    }
    if let Some(p) = &config.proxy {
        call("trusted_proxies", Expr::plain(list(&p.trusted)));
        code.import("secure_headers::transport::ForwardedHeader");
        let headers: Vec<&str> = p
            .forwarded_headers
            .iter()
            .filter_map(|h| match h.trim().to_ascii_lowercase().as_str() {
                "forwarded" => Some("ForwardedHeader::Forwarded"),
                "x-forwarded-proto" => Some("ForwardedHeader::XForwardedProto"),
                "x-forwarded-host" => Some("ForwardedHeader::XForwardedHost"),
                _ => None,
            })
            .collect();
        call(
            "forwarded_headers",
            Expr::plain(format!("[{}]", headers.join(", "))),
        );
        if let Some(hops) = p.hops {
            call("trusted_hops", Expr::plain(hops.to_string()));
        }
    }
    if let Some(c) = &config.cross_origin {
        code.import("secure_headers::request::CrossOriginProtection");
        let mut calls = Vec::new();
        for (method, items) in [
            ("trusted_origins", &c.trusted_origins),
            ("bypass", &c.bypass),
            ("exempt", &c.exempt),
        ] {
            if !items.is_empty() {
                calls.push(format!(".{method}({})", list(items)));
            }
        }
        for (method, on) in [
            ("allow_same_site", c.allow_same_site),
            ("refuse_without_headers", c.refuse_without_headers),
            ("report_only", c.report_only),
            ("resource_isolation", c.resource_isolation),
        ] {
            if let Some(on) = on {
                calls.push(format!(".{method}({on})"));
            }
        }
        let expr = Expr::chain("CrossOriginProtection::new()", calls);
        call("cross_origin_protection", expr);
    }
    if let Some(c) = &config.cookies {
        code.import("secure_headers::CookieHardening");
        let mut calls = Vec::new();
        for (method, on) in [("secure", c.secure), ("http_only", c.http_only)] {
            if let Some(on) = on {
                calls.push(format!(".{method}({on})"));
            }
        }
        if let Some(s) = &c.same_site {
            let same_site = match s.trim().to_ascii_lowercase().as_str() {
                "strict" => "Some(SameSite::Strict)",
                "none" => "Some(SameSite::None)",
                "omit" => "None",
                _ => "Some(SameSite::Lax)",
            };
            if same_site != "None" {
                code.import("secure_headers::SameSite");
            }
            calls.push(format!(".same_site({same_site})"));
        }
        if let Some(names) = &c.only {
            calls.push(format!(".only({})", list(names)));
        }
        call(
            "harden_cookies",
            Expr::chain("CookieHardening::new()", calls),
        );
    }
    if !config.pipeline.is_empty() {
        let _ = writeln!(
            out,
            "    // The configuration's [[pipeline]] steps ran when it was built: the headers\n    \
             // above are what they left."
        );
    }
    out
}

/// The `StatusCode` constant of `code` (one that `[https-redirect]` or `[allowed-hosts]`
/// takes), or `StatusCode::from_u16(..)` for another.
fn status(status: u16, code: &mut Code) -> String {
    code.import("secure_headers::http::StatusCode");
    let name = match status {
        301 => "MOVED_PERMANENTLY",
        302 => "FOUND",
        307 => "TEMPORARY_REDIRECT",
        308 => "PERMANENT_REDIRECT",
        400 => "BAD_REQUEST",
        403 => "FORBIDDEN",
        404 => "NOT_FOUND",
        421 => "MISDIRECTED_REQUEST",
        _ => {
            return format!("StatusCode::from_u16({status}).expect(\"{status} is a status code\")");
        }
    };
    format!("StatusCode::{name}")
}
