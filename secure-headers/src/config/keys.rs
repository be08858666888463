//! Keys: the ones no section has, where an error is in the text, and which key a header or finding comes from.

use super::*;

/// Reads a configuration file and the format its extension names (TOML when unknown).
pub(super) fn read_config(path: &Path) -> Result<(String, Format), Error> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::new(ErrorKind::Config)
            .with_input(path.display().to_string())
            .with_detail(e.to_string())
    })?;
    Ok((text, Format::from_path(path).unwrap_or(Format::Toml)))
}

/// Names the file an error comes from: as its input, or before its detail when the input
/// is the offending value.
pub(super) fn in_file(e: Error, path: &Path) -> Error {
    e.map_each(|e| in_file_one(e, path))
}

/// [`in_file`] for one error.
fn in_file_one(e: Error, path: &Path) -> Error {
    let shown = path.display().to_string();
    if e.input().is_none() {
        return e.with_input(shown);
    }
    let detail = match e.detail() {
        Some(d) => format!("{shown}, {d}"),
        None => shown,
    };
    e.with_detail(detail)
}

/// The keys of the `[csp]` and `[csp-report-only]` sections: every directive this crate
/// knows, and the section's own keys.
pub(super) fn csp_keys() -> Vec<String> {
    crate::csp::Directive::KNOWN
        .iter()
        .map(|d| d.as_str().to_owned())
        .chain(["replace".to_owned(), "value".to_owned()])
        .collect()
}

/// The keys of the `[permissions]` and `[permissions-report-only]` sections: every
/// feature this crate knows, and the sections' own keys.
pub(super) fn permissions_keys() -> Vec<String> {
    crate::permissions_policy::Feature::ALL
        .iter()
        .map(|f| f.as_str().to_owned())
        .chain(["replace", "value", "report-to"].map(str::to_owned))
        .collect()
}

/// The error for a key that no section of that name has.
pub(super) fn unknown_key<'a>(
    path: &str,
    key: &str,
    what: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Error {
    let detail = match crate::text::closest(key, candidates) {
        Some(c) => format!("unknown {what} `{key}`; did you mean `{c}`?"),
        None => format!("unknown {what} `{key}`"),
    };
    Error::new(ErrorKind::Config)
        .with_directive(path)
        .with_detail(detail)
}

impl Config {
    /// Refuses the keys that no section of that name has: a `[csp]` key that is not a
    /// CSP directive, a `[permissions]` key that is not a feature.
    pub(super) fn check_keys(&self) -> Result<(), Error> {
        let sections = [
            (
                &self.csp,
                "csp",
                "CSP directive",
                csp_keys as fn() -> Vec<String>,
            ),
            (
                &self.csp_report_only,
                "csp-report-only",
                "CSP directive",
                csp_keys,
            ),
            (
                &self.permissions,
                "permissions",
                "Permissions-Policy feature",
                permissions_keys,
            ),
            (
                &self.permissions_report_only,
                "permissions-report-only",
                "Permissions-Policy feature",
                permissions_keys,
            ),
        ];
        for (section, name, what, keys) in sections {
            let Some(section) = section else { continue };
            let keys = keys();
            for (key, _) in &section.entries {
                if !keys.iter().any(|k| k.eq_ignore_ascii_case(key)) {
                    return Err(unknown_key(
                        &format!("{name}.{key}"),
                        key,
                        what,
                        keys.iter().map(String::as_str),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The byte offset of 1-based `line` and `column` (serde_json's position) in `text`.
#[cfg(feature = "json")]
pub(super) fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}

/// The 1-based line and column (in characters) of byte offset `at` in `text`.
pub(super) fn line_col(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The key a TOML line assigns (`name = ...`, `"name" = ...`), without quotes.
pub(super) fn toml_line_key(line: &str) -> Option<&str> {
    let t = line.trim_start();
    if t.starts_with('[') || t.starts_with('#') {
        return None;
    }
    let (key, _) = t.split_once('=')?;
    Some(key.trim().trim_matches(['"', '\'']))
}

/// The table a TOML line opens (`[csp]` → `csp`, the second `[[pipeline]]` →
/// `pipeline[1]`), given how many `[[name]]` tables came before.
pub(super) fn toml_table(line: &str, arrays: &mut Vec<(String, usize)>) -> Option<String> {
    let t = line.trim();
    if let Some(inner) = t.strip_prefix("[[") {
        let name = inner
            .split("]]")
            .next()?
            .trim()
            .trim_matches('"')
            .to_owned();
        let index = match arrays.iter_mut().find(|(n, _)| *n == name) {
            Some((_, i)) => {
                *i += 1;
                *i
            }
            None => {
                arrays.push((name.clone(), 0));
                0
            }
        };
        return Some(format!("{name}[{index}]"));
    }
    let inner = t.strip_prefix('[')?;
    Some(inner.split(']').next()?.trim().trim_matches('"').to_owned())
}

/// Where `key` (`csp.script-src`, `pipeline[0].action`, `x-frame-options`, `hsts`) is
/// written in `text`: the byte offset of the key, or of its table's header.
pub(super) fn find_key(text: &str, format: Format, key: &str) -> Option<usize> {
    let (table, name) = match key.split_once('.') {
        Some((t, n)) => (Some(t), n),
        None => (None, key),
    };
    match format {
        Format::Toml => {
            let mut current: Option<String> = None;
            let mut arrays = Vec::new();
            let mut offset = 0;
            for line in text.split_inclusive('\n') {
                let here = offset;
                offset += line.len();
                let indent = line.len() - line.trim_start().len();
                if let Some(t) = toml_table(line, &mut arrays) {
                    if table.is_none() && t == name {
                        return Some(here + indent);
                    }
                    current = Some(t);
                    continue;
                }
                let Some(k) = toml_line_key(line) else {
                    continue;
                };
                let dotted = table.map(|t| format!("{t}.{name}"));
                let found = match (&current, table) {
                    (None, None) => k == name,
                    (None, Some(_)) => Some(k) == dotted.as_deref(),
                    (Some(c), Some(t)) => c == t && k == name,
                    (Some(_), None) => false,
                };
                if found {
                    return Some(here + indent);
                }
            }
            None
        }
        Format::Json => {
            let mut from = 0;
            if let Some(t) = table {
                let t = t.split('[').next().unwrap_or(t);
                from = text.find(&format!("\"{t}\""))? + t.len() + 2;
            }
            let needle = format!("\"{name}\"");
            let mut at = from;
            while let Some(i) = text[at..].find(&needle) {
                let start = at + i;
                let after = text[start + needle.len()..].trim_start();
                if after.starts_with(':') {
                    return Some(start);
                }
                at = start + needle.len();
            }
            None
        }
    }
}

/// The table a TOML error at byte offset `at` sits in, and the key of its line.
#[cfg(any(feature = "toml", feature = "json"))]
pub(super) fn toml_context(text: &str, at: usize) -> (Option<String>, Option<String>) {
    let mut current = None;
    let mut arrays = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(t) = toml_table(line, &mut arrays) {
            if offset + line.len() > at {
                return (Some(t), None);
            }
            current = Some(t);
        } else if offset + line.len() > at {
            return (current, toml_line_key(line).map(str::to_owned));
        }
        offset += line.len();
    }
    (current, None)
}

/// `line L, column C: ` for byte offset `at`.
pub(super) fn position(text: &str, at: usize) -> String {
    let (line, column) = line_col(text, at);
    format!("line {line}, column {column}: ")
}

/// A parser's error at byte offset `at`, with its line and column, the key it is about
/// and, for a key or a name that does not exist, the closest one that does.
#[cfg(any(feature = "toml", feature = "json"))]
pub(super) fn parse_error(text: &str, format: Format, message: &str, at: usize) -> Error {
    let message = message.trim_end();
    let backticked =
        |s: &str| -> Vec<String> { s.split('`').skip(1).step_by(2).map(str::to_owned).collect() };
    let (mut table, line_key) = match format {
        Format::Toml => toml_context(text, at),
        Format::Json => (None, None),
    };
    for (prefix, what) in [("unknown field `", "key"), ("unknown variant `", "value")] {
        let Some(rest) = message.strip_prefix(prefix) else {
            continue;
        };
        let Some((name, expected)) = rest.split_once('`') else {
            continue;
        };
        let candidates = backticked(expected);
        let mut at = at;
        // `at` may fall inside a character (a parser's column): sliced only where it can be.
        if format == Format::Toml
            && what == "key"
            && !text.get(at..).unwrap_or_default().starts_with(name)
        {
            // Inside an array of tables, the parser points at the table; find the key.
            let mut offset = 0;
            for line in text.split_inclusive('\n') {
                if toml_line_key(line) == Some(name) {
                    at = offset + line.len() - line.trim_start().len();
                    table = toml_context(text, at).0;
                    break;
                }
                offset += line.len();
            }
        }
        if format == Format::Json {
            // serde_json stops after the key; point at its opening quote instead.
            let quoted = format!("\"{name}\"");
            if let Some(i) = text[..text.ceil_char_boundary(at + 1)].rfind(&quoted) {
                at = i;
            }
        }
        let path = if what == "key" {
            match table.take() {
                Some(t) if t != name => format!("{t}.{name}"),
                _ => name.to_owned(),
            }
        } else {
            match (table.take(), line_key.as_deref()) {
                (Some(t), Some(k)) => format!("{t}.{k}"),
                (None, Some(k)) => k.to_owned(),
                (t, None) => t.unwrap_or_default(),
            }
        };
        let hint = match crate::text::closest(name, candidates.iter().map(String::as_str)) {
            Some(c) => format!("; did you mean `{c}`?"),
            None if what == "value" && !candidates.is_empty() => {
                format!("; expected {}", candidates.join(", "))
            }
            None => String::new(),
        };
        let mut e = Error::new(ErrorKind::Config).with_detail(format!(
            "{}unknown {what} `{name}`{hint}",
            position(text, at)
        ));
        if !path.is_empty() {
            e = e.with_directive(path);
        }
        return e;
    }
    if let Some(name) = message
        .strip_prefix("missing field `")
        .and_then(|m| m.strip_suffix('`'))
    {
        // serde's "missing field": say which key the section needs, and what it holds.
        let path = match table {
            Some(t) => format!("{t}.{name}"),
            None => name.to_owned(),
        };
        let what = match name {
            "hosts" => {
                "; list the hosts requests may name, such as [\"example.com\", \"*.example.com\"]"
            }
            _ => "",
        };
        return Error::new(ErrorKind::Config)
            .with_directive(path.as_str())
            .with_detail(format!(
                "{}this section needs the key {path}{what}",
                position(text, at)
            ));
    }
    let mut e =
        Error::new(ErrorKind::Config).with_detail(format!("{}{message}", position(text, at)));
    let path = match (table, line_key) {
        (Some(t), Some(k)) => Some(format!("{t}.{k}")),
        (None, Some(k)) => Some(k),
        (Some(t), None) => Some(t),
        (None, None) => None,
    };
    if let Some(p) = path {
        e = e.with_directive(p);
    }
    e
}

/// The key of `[section]` in a TOML `text` whose line holds `input` (`cross-origin` and
/// `"partner.example"` → `cross-origin.trusted-origins`).
fn key_holding(text: &str, section: &str, input: &str) -> Option<String> {
    let mut arrays = Vec::new();
    let mut current: Option<String> = None;
    for line in text.split_inclusive('\n') {
        if let Some(t) = toml_table(line, &mut arrays) {
            current = Some(t);
            continue;
        }
        if current.as_deref() != Some(section) {
            continue;
        }
        let Some(k) = toml_line_key(line) else {
            continue;
        };
        let value = line.split_once('=').map_or("", |(_, v)| v);
        let quoted = [format!("\"{input}\""), format!("'{input}'")];
        let holds = quoted.iter().any(|q| value.contains(q.as_str()))
            || value
                .split([' ', ',', '[', ']', '\n', '\r'])
                .any(|w| w == input);
        if holds {
            return Some(format!("{section}.{k}"));
        }
    }
    None
}

/// Adds the line and column of the key an error names (its `config key`, or its
/// directive) to its detail. An error a whole section was named for (`cross-origin`) is
/// moved to the key of that section that holds its input
/// (`cross-origin.trusted-origins`).
pub(super) fn locate(e: Error, text: &str, format: Format) -> Error {
    locate_at(e, text, format).0
}

/// As [`locate`], with the key the error is about and the byte offset where the text
/// writes it, when known.
pub(super) fn locate_at(e: Error, text: &str, format: Format) -> (Error, Option<(String, usize)>) {
    let mut e = e;
    let section = e
        .directive()
        .filter(|d| !d.contains('.') && REQUEST_SECTIONS.contains(d))
        .map(str::to_owned);
    if let (Some(section), Some(input), Format::Toml) = (section, e.input(), format)
        && let Some(key) = key_holding(text, &section, input)
    {
        e = e.with_directive(key);
    }
    let key = e
        .detail()
        .and_then(|d| d.rsplit_once("config key "))
        .map(|(_, k)| k.to_owned())
        .or_else(|| e.directive().map(str::to_owned));
    let Some((key, at)) = key.and_then(|k| {
        let at = find_key(text, format, &k)?;
        Some((k, at))
    }) else {
        return (e, None);
    };
    let detail = format!("{}{}", position(text, at), e.detail().unwrap_or_default());
    (e.with_detail(detail), Some((key, at)))
}

impl Config {
    /// The key of this configuration that sets `directive` of `header`, as the user wrote
    /// it: `csp.script-src`, `hsts.include-subdomains`, `permissions.camera`,
    /// `x-frame-options`, `custom.X-Robots-Tag`.
    pub(super) fn key_for(&self, header: &str, directive: Option<&str>) -> String {
        let is = |name: &str| header.eq_ignore_ascii_case(name);
        let typed = |section: bool, name: &str, raw: &str| {
            if !section {
                return raw.to_owned();
            }
            match directive {
                Some(d) => format!("{name}.{d}"),
                None => name.to_owned(),
            }
        };
        let sections = self.typed_sections();
        let typed_section = sections.iter().find(|t| is(t.header));
        if let Some(t) = typed_section.filter(|t| t.header != "Strict-Transport-Security") {
            typed(t.section_given, t.section, t.raw_key())
        } else if let Some(t) = typed_section {
            // `[hsts]` names its keys in kebab case: `includeSubDomains` is
            // `include-subdomains`.
            let written = directive.map(|d| match d.to_ascii_lowercase().as_str() {
                "includesubdomains" => "include-subdomains".to_owned(),
                other => other.to_owned(),
            });
            match (&self.hsts, written) {
                (Some(h), Some(d)) if h.value.is_none() => format!("{}.{d}", t.section),
                (Some(_), _) => t.section.to_owned(),
                (None, _) => t.raw_key().to_owned(),
            }
        } else if is("Reporting-Endpoints") {
            "reporting-endpoints".to_owned()
        } else if let Some((name, _)) = self.custom.0.iter().find(|(n, _)| is(n)) {
            format!("custom.{name}")
        } else {
            header.to_ascii_lowercase()
        }
    }

    /// The key of this configuration that a lint finding is about, as the file writes it:
    /// `csp.script-src` for a finding about the `script-src` of a `[csp]` section,
    /// `hsts.max-age`, `permissions.camera`, `x-frame-options` (a header given as a raw
    /// value), `custom.X-Robots-Tag`.
    ///
    /// ```
    /// # #[cfg(all(feature = "toml", feature = "lint"))] {
    /// use secure_headers::config::Config;
    /// use secure_headers::lint::Rule;
    ///
    /// let config = Config::from_toml("[csp]\nscript-src = [\"'self'\", \"'unsafe-inline'\"]\n[hsts]\nmax-age = 600")?;
    /// let findings = config.clone().into_builder()?.validate();
    /// let keys: Vec<(Rule, String)> = findings
    ///     .iter()
    ///     .filter(|f| matches!(f.rule(), Rule::CspUnsafeInline | Rule::HstsShortMaxAge))
    ///     .map(|f| (f.rule(), config.key_of(f)))
    ///     .collect();
    /// assert_eq!(keys, [
    ///     (Rule::CspUnsafeInline, "csp.script-src".to_owned()),
    ///     (Rule::HstsShortMaxAge, "hsts.max-age".to_owned()),
    /// ]);
    /// # }
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    #[must_use]
    pub fn key_of(&self, finding: &crate::lint::Finding) -> String {
        self.key_for(finding.header(), finding.directive())
    }

    /// Adds the configuration key an error comes from to its detail.
    pub(super) fn name_key(&self, e: Error) -> Error {
        let Some(header) = e.header() else {
            return request_key(e);
        };
        let mut directive = e.directive();
        // The preload list's one-year minimum is about the max-age the file sets.
        if e.detail()
            .is_some_and(|d| d.starts_with("hsts-preload-max-age"))
        {
            directive = Some("max-age");
        }
        let key = self.key_for(header, directive);
        speak_config(with_key(e, &key))
    }
}

/// The sections of the request-side settings, whose errors [`locate`] moves to the key
/// that holds the offending value.
const REQUEST_SECTIONS: [&str; 3] = ["https-redirect", "allowed-hosts", "cross-origin"];

/// The builder's words for a setting, and the configuration file's (longest first, so
/// that a phrase is replaced before a name inside it).
const SPOKEN: [(&str, &str); 10] = [
    (
        "increase max-age or remove preload()",
        "set max-age = 31536000 or more, or preload = false",
    ),
    ("HttpsRedirect::host", "https-redirect.host"),
    ("cross_origin_protection", "cross-origin"),
    ("forwarded_headers", "proxy.forwarded-headers"),
    ("trusted_proxies", "proxy.trusted"),
    ("https_redirect", "https-redirect"),
    ("allowed_hosts", "allowed-hosts"),
    ("remove_headers", "remove-headers"),
    ("provide_nonce", "provide-nonce"),
    ("trusted_hops", "proxy.hops"),
];

/// `text` with the builder's names of settings replaced by the file's.
fn in_config_words(text: &str) -> String {
    SPOKEN.iter().fold(text.to_owned(), |t, (builder, file)| {
        t.replace(builder, file)
    })
}

/// An error of the builder, in the configuration file's words: its detail names keys as
/// the file writes them.
pub(super) fn speak_config(e: Error) -> Error {
    match e.detail().map(in_config_words) {
        Some(detail) => e.with_detail(detail),
        None => e,
    }
}

/// Names a request-side error (whose directive is the builder method it comes from) by
/// the configuration key, as the file writes it, and says it in the file's words.
fn request_key(e: Error) -> Error {
    let key = match e.directive() {
        Some(d) if SPOKEN.iter().any(|(builder, _)| *builder == d) => in_config_words(d),
        _ => return speak_config(e),
    };
    speak_config(e.with_directive(key))
}

/// Adds `key` to the detail of `e`.
fn with_key(e: Error, key: &str) -> Error {
    let detail = match e.detail() {
        Some(d) => format!("{d}; config key {key}"),
        None => format!("config key {key}"),
    };
    e.with_detail(detail)
}

/// A header a file can give either as a raw value or as a typed section.
pub(super) struct TypedSection {
    /// The header's name.
    pub(super) header: &'static str,
    /// The section's name (`csp`).
    pub(super) section: &'static str,
    /// Whether the file gives the raw value.
    pub(super) raw_given: bool,
    /// Whether the file gives the section.
    pub(super) section_given: bool,
}

impl TypedSection {
    /// The raw value's key, from the header registry (`content-security-policy`).
    pub(super) fn raw_key(&self) -> &'static str {
        crate::registry::HeaderInfo::get(self.header)
            .and_then(|h| h.config_key)
            .unwrap_or(self.header)
    }
}

impl Config {
    /// The headers with both a raw-value key and a typed section: the one list the
    /// "not both" check and the naming of keys read.
    pub(super) fn typed_sections(&self) -> [TypedSection; 5] {
        let t = |header, section, raw_given: bool, section_given: bool| TypedSection {
            header,
            section,
            raw_given,
            section_given,
        };
        [
            t(
                "Content-Security-Policy",
                "csp",
                self.content_security_policy.is_some(),
                self.csp.is_some(),
            ),
            t(
                "Content-Security-Policy-Report-Only",
                "csp-report-only",
                self.content_security_policy_report_only.is_some(),
                self.csp_report_only.is_some(),
            ),
            t(
                "Strict-Transport-Security",
                "hsts",
                self.strict_transport_security.is_some(),
                self.hsts.is_some(),
            ),
            t(
                "Permissions-Policy",
                "permissions",
                self.permissions_policy.is_some(),
                self.permissions.is_some(),
            ),
            t(
                "Permissions-Policy-Report-Only",
                "permissions-report-only",
                self.permissions_policy_report_only.is_some(),
                self.permissions_report_only.is_some(),
            ),
        ]
    }
}
