//! `secure-headers show`: a header set in several formats.

use std::fmt::Write;

use secure_headers::config::Config;
use secure_headers::{Secure, codegen};

use crate::{Fatal, Format};

/// The per-request nonce source of a policy built with `Source::nonce()`, as `show` and
/// the library's `Display` print it.
const NONCE_SOURCE: &str = "'nonce-{nonce}'";

/// The placeholder that nginx's `sub_filter` replaces with the request's nonce in a page.
const NGINX_PLACEHOLDER: &str = "__CSP_NONCE__";

/// The set in `format`, ending with a newline; an error for a server that cannot send it.
/// `config` is the file the set was built from, whose request-side settings the Rust code
/// writes too.
pub(crate) fn render(
    secure: &Secure,
    format: Format,
    config: Option<&Config>,
) -> Result<String, Fatal> {
    let (comment, text) = match format {
        Format::Raw => return Ok(raw(secure)),
        Format::Json => return Ok(json(secure)),
        Format::Nginx => ("#", nginx(secure)),
        Format::Apache => {
            refuse_nonce(secure, "Apache")?;
            ("#", apache(secure))
        }
        Format::Caddy => {
            refuse_nonce(secure, "Caddy")?;
            ("#", caddy(secure))
        }
        Format::Rust => match config {
            // Written as builder calls: nothing is left out.
            Some(config) => return Ok(codegen::rust_code_with_config(secure, config)),
            None => ("//", codegen::rust_code(secure)),
        },
    };
    if !secure.inspects_request() {
        return Ok(text);
    }
    // What the configuration decides per request is not a header: say so rather than
    // drop it silently.
    Ok(format!(
        "{comment} Not written below: this configuration also decides per request (HTTPS redirect,\n\
         {comment} allowed hosts, trusted proxies, cross-origin protection or HSTS on secure requests only).\n\
         {comment} Those run in the application (the secure-headers middleware); the lines below only\n\
         {comment} send the headers.\n{text}"
    ))
}

fn has_nonce(secure: &Secure) -> bool {
    secure.header_items().any(|(_, v)| v.contains(NONCE_SOURCE))
}

/// A policy with a per-request nonce cannot be written for a server that has no random
/// per-request value to put in both the header and the page.
fn refuse_nonce(secure: &Secure, server: &str) -> Result<(), Fatal> {
    if !has_nonce(secure) {
        return Ok(());
    }
    Err(Fatal(format!(
        "cannot write this policy for {server}: {NONCE_SOURCE} needs a new random nonce on every \
         response, written both in the header and in the page, and {server} has no built-in \
         value for that (a fixed nonce would let injected scripts run). Send the policy from \
         the application (the secure-headers middleware fills the nonce in), use \
         `--format nginx` (its $request_id is random), or replace the nonce with hashes \
         (`secure-headers hash`)"
    )))
}

fn raw(secure: &Secure) -> String {
    secure
        .header_items()
        .map(|(n, v)| format!("{n}: {v}\n"))
        .collect()
}

fn json(secure: &Secure) -> String {
    let items: Vec<serde_json::Value> = secure
        .header_items()
        .map(|(n, v)| serde_json::json!({ "name": n, "value": v }))
        .collect();
    let mut out = serde_json::to_string_pretty(&items).expect("strings serialize");
    out.push('\n');
    out
}

/// `"value"` with `\` and `"` escaped (nginx, Apache and Caddy quoted strings).
fn quoted(v: &str) -> String {
    let mut out = String::with_capacity(v.len() + 2);
    out.push('"');
    for c in v.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

fn nginx(secure: &Secure) -> String {
    let mut out = String::from("# nginx: in a server or location block\n");
    let nonce = has_nonce(secure);
    if nonce {
        let _ = writeln!(
            out,
            "# The CSP nonce is nginx's $request_id: 16 random bytes (hex), new on every request.\n\
             # sub_filter (ngx_http_sub_module) writes the same value into the page: put\n\
             # nonce=\"{NGINX_PLACEHOLDER}\" on each inline <script> and <style>. For proxied\n\
             # responses, also set: proxy_set_header Accept-Encoding \"\";\n\
             sub_filter_once off;\n\
             sub_filter '{NGINX_PLACEHOLDER}' $request_id;"
        );
    }
    for (n, v) in secure.header_items() {
        if n.eq_ignore_ascii_case("server") {
            // add_header would send a second Server field next to nginx's own.
            let _ = writeln!(
                out,
                "# Server: add_header cannot replace nginx's own; this hides its version\n\
                 server_tokens off;"
            );
            continue;
        }
        let v = if nonce {
            v.replace(NONCE_SOURCE, "'nonce-$request_id'")
        } else {
            v.to_owned()
        };
        let _ = writeln!(out, "add_header {n} {} always;", quoted(&v));
    }
    out
}

fn apache(secure: &Secure) -> String {
    let mut out =
        String::from("# Apache (mod_headers): in a VirtualHost, Directory or .htaccess\n");
    let mut seen: Vec<&str> = Vec::new();
    for (n, v) in secure.header_items() {
        let repeated = seen.iter().any(|s| s.eq_ignore_ascii_case(n));
        seen.push(n);
        // `%` starts a format specifier in mod_headers values.
        let v = v.replace('%', "%%");
        let verb = if repeated { "add" } else { "set" };
        let _ = writeln!(out, "Header always {verb} {n} {}", quoted(&v));
    }
    out
}

fn caddy(secure: &Secure) -> String {
    let mut out = String::from("# Caddyfile: in a site block\nheader {\n");
    let mut seen: Vec<&str> = Vec::new();
    for (n, v) in secure.header_items() {
        let repeated = seen.iter().any(|s| s.eq_ignore_ascii_case(n));
        seen.push(n);
        if v.is_empty() {
            // Caddy cannot send an empty field; removing it hides it just as well.
            let _ = writeln!(out, "\t-{n}");
            continue;
        }
        let prefix = if repeated { "+" } else { "" };
        let _ = writeln!(out, "\t{prefix}{n} {}", quoted(v));
    }
    out.push_str("}\n");
    out
}
