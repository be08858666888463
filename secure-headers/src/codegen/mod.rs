//! Rust code that builds a header set with the typed builders: what
//! `secure-headers show --format rust` prints and the CSP of a proposal's Rust output.
//!
//! Every header is written with its type's own calls, never as a raw `value(..)` that
//! would skip the checks the typed builders make: a CSP as
//! `ContentSecurityPolicy::new().default_src([Source::SELF])...` with typed [`Source`]s,
//! HSTS as `StrictTransportSecurity::including_subdomains(..)`, a Permissions-Policy one
//! feature method at a time, single-token headers as their constants
//! (`XFrameOptions::DENY`), `Reporting-Endpoints` as [`ReportingEndpoints`]. What this
//! crate does not know (a CSP directive or keyword newer than it, a feature without a
//! method) is written with the builder's explicit opt-in (`unlisted_directive`,
//! `Source::unlisted_keyword`, `add_directive`), under a comment saying so. Only a value
//! no typed call gives back exactly is written as `value(..)`, under a comment saying why.
//!
//! Each header's calls are checked here before they are written: made the same way in
//! this process, they must send exactly the value of the set.
//!
//! ```
//! use secure_headers::{Preset, Secure, codegen};
//!
//! let code = codegen::rust_code(&Secure::from_preset(Preset::Strict));
//! assert!(code.contains(".xfo(XFrameOptions::DENY)"));
//! assert!(code.contains(".base_uri([Source::NONE])"));
//! assert!(!code.contains(".value("));
//! ```
//!
//! [`Source`]: crate::csp::Source
//! [`ReportingEndpoints`]: crate::ReportingEndpoints

mod csp;
mod headers;
#[cfg(feature = "serde")]
mod request;

use std::fmt::Write;

use crate::{ContentSecurityPolicy, InsertMode, MULTI_OK, Secure};

/// What the code needs besides its calls: the paths it imports and the comments that go
/// above the call being written.
#[derive(Clone, Debug, Default)]
struct Code {
    imports: Vec<String>,
    notes: Vec<String>,
}

impl Code {
    fn import(&mut self, path: &str) {
        if !self.imports.iter().any(|p| p == path) {
            self.imports.push(path.to_owned());
        }
    }

    fn note(&mut self, note: String) {
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    /// The `use` lines: one per module, its items sorted.
    fn uses(&self) -> String {
        let mut modules: Vec<(&str, Vec<&str>)> = Vec::new();
        for path in &self.imports {
            let (module, item) = path.rsplit_once("::").unwrap_or(("", path));
            match modules.iter_mut().find(|(m, _)| *m == module) {
                Some((_, items)) => items.push(item),
                None => modules.push((module, vec![item])),
            }
        }
        modules.sort_unstable_by_key(|(m, _)| *m);
        let mut out = String::new();
        for (module, mut items) in modules {
            items.sort_unstable();
            if let [item] = items[..] {
                let _ = writeln!(out, "use {module}::{item};");
            } else {
                let _ = writeln!(out, "use {module}::{{{}}};", items.join(", "));
            }
        }
        out
    }

    /// The notes as comment lines at `indent`, emptied.
    fn take_notes(&mut self, indent: &str) -> String {
        self.notes
            .drain(..)
            .map(|n| format!("{indent}// {n}\n"))
            .collect()
    }
}

/// An expression: a head (`XFrameOptions::DENY`, `ContentSecurityPolicy::new()`) and the
/// method calls chained on it.
#[derive(Debug)]
struct Expr {
    head: String,
    calls: Vec<String>,
}

impl Expr {
    fn chain(head: impl Into<String>, calls: Vec<String>) -> Self {
        Self {
            head: head.into(),
            calls,
        }
    }

    fn plain(head: impl Into<String>) -> Self {
        Self::chain(head, Vec::new())
    }

    /// The expression on one line when short, else one call a line, indented past
    /// `indent`.
    fn write(&self, indent: &str) -> String {
        let one_line = format!("{}{}", self.head, self.calls.concat());
        if one_line.len() <= 60 || self.calls.is_empty() {
            return one_line;
        }
        let mut out = self.head.clone();
        for call in &self.calls {
            let _ = write!(out, "\n{indent}    {call}");
        }
        out
    }

    /// `.method(expr)` as a call of the builder, at four spaces.
    fn builder_call(&self, method: &str) -> String {
        let inline = self.write("        ");
        if inline.contains('\n') {
            format!("    .{method}(\n        {inline},\n    )\n")
        } else {
            format!("    .{method}({inline})\n")
        }
    }
}

/// The Rust code that builds, with [`Secure::builder`] and the typed builders, the
/// headers of `secure`, in its order and with its insert modes: `use` lines, then
/// `let secure = Secure::builder()...build()?;`, to be placed in a function that returns
/// a `Result` whose error converts from [`Error`](crate::Error).
///
/// A [`Secure`] does not keep what it decides per request (trusted proxies, allowed
/// hosts, the HTTPS redirect, cross-origin protection, ...): for those, see
/// [`rust_code_with_config`] (feature `serde`).
///
/// ```
/// use secure_headers::{Preset, Secure, codegen};
///
/// let code = codegen::rust_code(&Secure::from_preset(Preset::Basic));
/// assert!(code.contains("\nuse secure_headers::csp::Source;\n"));
/// assert!(code.contains("    .hsts(StrictTransportSecurity::including_subdomains(Duration::from_secs(31536000)))\n"));
/// assert!(code.contains("    .origin_agent_cluster(OriginAgentCluster::ENABLED)\n"));
/// assert!(code.ends_with("    .build()?;\n"));
/// ```
///
#[cfg_attr(
    feature = "serde",
    doc = "[`rust_code_with_config`]: rust_code_with_config"
)]
#[cfg_attr(
    not(feature = "serde"),
    doc = "[`rust_code_with_config`]: crate#feature-flags"
)]
#[must_use]
pub fn rust_code(secure: &Secure) -> String {
    let mut code = Code::default();
    let calls = header_calls(secure, &mut code);
    finish(code, &calls)
}

/// [`rust_code`] with the settings of `config` that decide per request, which a
/// [`Secure`] does not keep: trusted proxies and forwarding headers, allowed hosts, the
/// HTTPS redirect, when HSTS is sent, cross-origin protection, development mode, the
/// headers removed from responses, cookie hardening and `provide-nonce`. `secure` is the
/// set `config` builds (its headers are read from it, after the pipeline).
///
/// ```
/// # #[cfg(feature = "toml")] {
/// use secure_headers::config::Config;
/// use secure_headers::codegen;
///
/// let config = Config::from_toml("[allowed-hosts]\nhosts = [\"example.com\"]\n[cross-origin]\nbypass = [\"/hook\"]")?;
/// let secure = config.clone().into_builder()?.build()?;
/// let code = codegen::rust_code_with_config(&secure, &config);
/// assert!(code.contains("    .allowed_hosts(AllowedHosts::new([\"example.com\"]))\n"));
/// assert!(code.contains("    .cross_origin_protection(CrossOriginProtection::new().bypass([\"/hook\"]))\n"));
/// # }
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
#[must_use]
pub fn rust_code_with_config(secure: &Secure, config: &crate::config::Config) -> String {
    let mut code = Code::default();
    let mut calls = header_calls(secure, &mut code);
    calls.push_str(&request::calls(config, &mut code));
    finish(code, &calls)
}

/// Rust code that builds `policy` with the typed builder: `use` lines, then
/// `let csp = ContentSecurityPolicy::new()...;`. The per-request nonce
/// (`'nonce-{nonce}'`) is [`Source::nonce()`](crate::csp::Source::nonce).
///
/// ```
/// use secure_headers::{ContentSecurityPolicy, codegen};
///
/// let policy: ContentSecurityPolicy = "script-src 'nonce-{nonce}' 'strict-dynamic'; object-src 'none'".parse()?;
/// assert_eq!(
///     codegen::csp_rust_code(&policy),
///     "use secure_headers::ContentSecurityPolicy;\nuse secure_headers::csp::Source;\n\n\
///      // Source::nonce() is the per-response nonce the middleware fills in.\n\
///      let csp = ContentSecurityPolicy::new()\n    \
///          .script_src([Source::nonce(), Source::STRICT_DYNAMIC])\n    \
///          .object_src([Source::NONE]);\n"
/// );
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[must_use]
pub fn csp_rust_code(policy: &ContentSecurityPolicy) -> String {
    let mut code = Code::default();
    let expr = match csp::typed(policy, &mut code) {
        Some(expr) => expr,
        None => headers::raw("ContentSecurityPolicy", &policy_text(policy), &mut code),
    };
    let mut out = code.uses();
    out.push('\n');
    out.push_str(&code.take_notes(""));
    let text = expr.write("");
    if text.contains("Source::nonce()") {
        out.push_str("// Source::nonce() is the per-response nonce the middleware fills in.\n");
    }
    let _ = writeln!(out, "let csp = {text};");
    out
}

/// The value a policy sends, or its raw value when it does not render.
fn policy_text(policy: &ContentSecurityPolicy) -> String {
    use crate::Policy;
    policy
        .render()
        .unwrap_or_else(|_| policy.raw_value().unwrap_or_default().to_owned())
}

/// One builder call per entry of `secure` (and one per insert mode that is not the
/// default).
fn header_calls(secure: &Secure, code: &mut Code) -> String {
    let mut calls = String::new();
    let mut used: Vec<&str> = Vec::new();
    for entry in secure.entries() {
        let (name, value) = (entry.name(), entry.value_str());
        let typed = crate::registry::HEADERS
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .filter(|h| !used.contains(&h.name));
        let (method, expr) = match typed {
            Some(info) => {
                used.push(info.name);
                headers::typed(info, value, code)
            }
            None => headers::custom(name, value, code),
        };
        calls.push_str(&code.take_notes("    "));
        calls.push_str(&expr.builder_call(method));
        let default_mode = if MULTI_OK.iter().any(|m| m.eq_ignore_ascii_case(name)) {
            InsertMode::Append
        } else {
            InsertMode::Overwrite
        };
        if entry.mode() != default_mode {
            code.import("secure_headers::InsertMode");
            let _ = writeln!(
                calls,
                "    .insert_mode({name:?}, InsertMode::{:?})",
                entry.mode()
            );
        }
    }
    calls
}

fn finish(mut code: Code, calls: &str) -> String {
    code.import("secure_headers::Secure");
    let mut out = code.uses();
    if calls.contains("Source::nonce()") {
        out.push_str(
            "\n// Source::nonce() is the per-response nonce the middleware fills in (feature `nonce`).",
        );
    }
    let _ = write!(
        out,
        "\nlet secure = Secure::builder()\n{calls}    .build()?;\n"
    );
    out
}

#[cfg(test)]
mod tests;
