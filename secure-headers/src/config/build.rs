//! From a configuration to a builder.

use super::*;
use crate::headers::strict_transport_security::PreloadFront;

impl Config {
    /// The builder this configuration describes, checked by building it once.
    ///
    /// ```
    /// use secure_headers::config::{Config, Section, Value};
    ///
    /// let mut config = Config::default();
    /// config.csp = Some(Section::new().entry("script-src", Value::List(vec!["self".into()])));
    /// let err = config.into_builder().unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "unquoted keyword in Content-Security-Policy directive script-src: \"self\" (use 'self'; config key csp.script-src)"
    /// );
    /// ```
    ///
    /// # Errors
    ///
    /// An unknown preset, insert mode or pipeline option, a header given both as a raw
    /// value and as a section, or any value the builder refuses; the error names the key.
    pub fn into_builder(self) -> Result<SecureBuilder, Error> {
        let b = self.assemble()?;
        b.build().map_err(|e| self.name_key(e))?;
        Ok(b)
    }

    /// The `Secure` this configuration describes, built once (what
    /// [`into_builder`](Self::into_builder) and then `build` give, with the same errors).
    pub(crate) fn into_secure(self) -> Result<Secure, Error> {
        let b = self.assemble()?;
        b.build().map_err(|e| self.name_key(e))
    }

    /// The builder this configuration describes, not built yet.
    fn assemble(&self) -> Result<SecureBuilder, Error> {
        self.check_keys()?;
        let preset = self.preset.as_deref().unwrap_or("balanced");
        let mut b = if preset.trim().eq_ignore_ascii_case("none") {
            SecureBuilder::new()
        } else {
            preset
                .parse::<Preset>()
                .map_err(|_| {
                    config_error("preset", preset, "expected basic, balanced, strict or none")
                })?
                .builder()
        };

        b = self.apply_raw(b);

        for typed in self.typed_sections() {
            if typed.raw_given && typed.section_given {
                let (raw, section) = (typed.raw_key(), typed.section);
                return Err(Error::new(ErrorKind::Conflict)
                    .with_directive(raw)
                    .with_detail(format!("give either {raw} or [{section}], not both")));
            }
        }

        if let Some(section) = &self.csp {
            b = b.map_csp(|csp| apply_csp(csp, section));
        }
        if let Some(section) = &self.csp_report_only {
            b = b.map_csp_report_only(|ro| ro.map(|csp| apply_csp(csp, section)));
        }
        if let Some(h) = &self.hsts {
            if h.value.is_some()
                && (h.max_age.is_some() || h.include_subdomains.is_some() || h.preload.is_some())
            {
                return Err(Error::new(ErrorKind::Conflict)
                    .with_directive("hsts.value")
                    .with_detail("give either value or max-age, include-subdomains and preload"));
            }
            if h.preload == Some(true) && h.include_subdomains == Some(false) {
                let e = PreloadFront::Config.error("include-subdomains = false, preload = true");
                return Err(self.name_key(e));
            }
            b = b.map_hsts(|cur| match &h.value {
                Some(v) => StrictTransportSecurity::new().value(v),
                None => {
                    let max_age = h
                        .max_age
                        .map(Duration::from_secs)
                        .or_else(|| cur.get_max_age())
                        .unwrap_or(Duration::from_secs(ONE_YEAR));
                    // Unsaid, includeSubDomains is the base's, and `preload` brings it.
                    let hsts = match h.include_subdomains {
                        Some(true) => StrictTransportSecurity::including_subdomains(max_age),
                        Some(false) => StrictTransportSecurity::excluding_subdomains(max_age),
                        None if cur.includes_subdomains() => {
                            StrictTransportSecurity::including_subdomains(max_age)
                        }
                        None => StrictTransportSecurity::new().max_age(max_age),
                    };
                    if h.preload.unwrap_or(cur.is_preload()) {
                        hsts.preload()
                    } else {
                        hsts
                    }
                }
            });
        }
        if let Some(section) = &self.permissions {
            check_permissions(section, "permissions")?;
            b = b.map_permissions(|cur| apply_permissions(cur, section));
        }
        if let Some(section) = &self.permissions_report_only {
            check_permissions(section, "permissions-report-only")?;
            b = b.map_permissions_report_only(|ro| ro.map(|pp| apply_permissions(pp, section)));
        }
        if !self.reporting_endpoints.is_empty() {
            b = b.map_reporting_endpoints(|mut re| {
                for (name, url) in &self.reporting_endpoints.0 {
                    re = re.endpoint(name, url);
                }
                re
            });
        }
        for (name, value) in &self.custom.0 {
            b = b.custom(CustomHeader::new(name, value));
        }
        if let Some(names) = &self.multi_ok {
            b = b.multi_ok(names);
        }
        for (name, mode) in &self.insert_mode.0 {
            let m = match mode.trim().to_ascii_lowercase().as_str() {
                "overwrite" => InsertMode::Overwrite,
                "append" => InsertMode::Append,
                "if-absent" => InsertMode::IfAbsent,
                _ => {
                    return Err(config_error(
                        &format!("insert-mode.{name}"),
                        mode,
                        "expected overwrite, append or if-absent",
                    ));
                }
            };
            b = b.insert_mode(name, m);
        }
        for (i, step) in self.pipeline.iter().enumerate() {
            b = apply_step(b, step, i)?;
        }
        b = request::RequestSide {
            hsts_mode: self.hsts_mode.as_deref(),
            development_mode: self.development_mode,
            remove_headers: &self.remove_headers,
            provide_nonce: self.provide_nonce,
            https_redirect: self.https_redirect.as_ref(),
            allowed_hosts: self.allowed_hosts.as_ref(),
            proxy: self.proxy.as_ref(),
            cross_origin: self.cross_origin.as_ref(),
            cookies: self.cookies.as_ref(),
        }
        .apply(b)?;
        for name in &self.remove {
            b = b.without(name);
        }
        Ok(b)
    }
}

pub(super) fn apply_csp(csp: ContentSecurityPolicy, section: &Section) -> ContentSecurityPolicy {
    let mut csp = if section.replace {
        ContentSecurityPolicy::new()
    } else {
        csp
    };
    if let Some(v) = &section.value {
        csp = csp.value(v);
    }
    for (name, value) in &section.entries {
        csp = csp.remove_directive(name);
        csp = match value {
            Value::Flag(false) => csp,
            other => csp.custom_directive(name, other.tokens()),
        };
    }
    csp
}

pub(super) fn apply_step(
    b: SecureBuilder,
    step: &Step,
    index: usize,
) -> Result<SecureBuilder, Error> {
    let bad = |key: &str, value: &str, expected: &str| {
        config_error(
            &format!("pipeline[{index}].{key}"),
            value,
            format!("expected {expected}"),
        )
    };
    Ok(match step {
        Step::Allowlist {
            allowed,
            allow_extra,
            on_unexpected,
            allow_x_prefixed,
        } => {
            let mut o = AllowlistOptions::new();
            if let Some(names) = allowed {
                o = o.allowed(names);
            }
            o = o.allow_extra(allow_extra);
            if let Some(m) = on_unexpected {
                o = o.on_unexpected(match m.trim().to_ascii_lowercase().as_str() {
                    "raise" => OnUnexpected::Raise,
                    "drop" => OnUnexpected::Drop,
                    "warn" => OnUnexpected::Warn,
                    _ => return Err(bad("on-unexpected", m, "raise, drop or warn")),
                });
            }
            if let Some(x) = allow_x_prefixed {
                o = o.allow_x_prefixed(*x);
            }
            b.allowlist_headers(o)
        }
        Step::Deduplicate {
            action,
            comma_join_ok,
            multi_ok,
        } => {
            let mut o = DeduplicateOptions::new();
            if let Some(a) = action {
                o = o.action(match a.trim().to_ascii_lowercase().as_str() {
                    "raise" => DeduplicateAction::Raise,
                    "first" => DeduplicateAction::First,
                    "last" => DeduplicateAction::Last,
                    "concat" => DeduplicateAction::Concat,
                    _ => return Err(bad("action", a, "raise, first, last or concat")),
                });
            }
            if let Some(names) = comma_join_ok {
                o = o.comma_join_ok(names);
            }
            if let Some(names) = multi_ok {
                o = o.multi_ok(names);
            }
            b.deduplicate_headers(o)
        }
        Step::Normalize {
            on_invalid,
            strict,
            allow_obs_text,
        } => {
            let mut o = NormalizeOptions::new();
            if let Some(m) = on_invalid {
                o = o.on_invalid(match m.trim().to_ascii_lowercase().as_str() {
                    "drop" => OnInvalid::Drop,
                    "warn" => OnInvalid::Warn,
                    "raise" => OnInvalid::Raise,
                    _ => return Err(bad("on-invalid", m, "drop, warn or raise")),
                });
            }
            if let Some(s) = strict {
                o = o.strict(*s);
            }
            if let Some(x) = allow_obs_text {
                o = o.allow_obs_text(*x);
            }
            b.validate_and_normalize_headers(o)
        }
    })
}

/// Refuses what a `[permissions]` (or `[permissions-report-only]`, `name`) section cannot
/// mean: a feature set to `true` or `false`, a `report-to` that is not one name.
fn check_permissions(section: &Section, name: &str) -> Result<(), Error> {
    for (key, value) in &section.entries {
        if key == "report-to" {
            let written = match value {
                Value::Text(_) => continue,
                Value::Flag(b) => b.to_string(),
                Value::List(v) => format!("{v:?}"),
            };
            return Err(config_error(
                &format!("{name}.{key}"),
                &written,
                "report-to takes one endpoint name, such as \"pp\"",
            ));
        } else if matches!(value, Value::Flag(_)) {
            return Err(config_error(
                &format!("{name}.{key}"),
                "true/false",
                "a feature takes a list of origins ([], [\"self\"], ...) or \"*\"",
            ));
        }
    }
    Ok(())
}

/// A `[permissions]` (or `[permissions-report-only]`) section over the base's policy: the
/// raw `value` first, then each feature, then `report-to` for every feature.
fn apply_permissions(base: PermissionsPolicy, section: &Section) -> PermissionsPolicy {
    let mut pp = if section.replace {
        PermissionsPolicy::new()
    } else {
        base
    };
    if let Some(v) = &section.value {
        pp = pp.value(v);
    }
    let mut group = None;
    for (name, value) in &section.entries {
        if name == "report-to" {
            group = Some(value);
            continue;
        }
        let allowlist = match value {
            Value::Text(t) if t.trim() == "*" => Allowlist::any(),
            other => Allowlist::from_tokens(other.tokens()),
        };
        pp = pp.directive(name, allowlist);
    }
    if let Some(Value::Text(g)) = group {
        pp = pp.report_to_all(g.trim());
    }
    pp
}
