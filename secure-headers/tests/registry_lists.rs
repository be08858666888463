//! Every list of headers a reader sees is tied to the registry (`registry::HEADERS`): the
//! docs tables, the emission order the builder documents, the configuration keys, the
//! `HeaderName` constants, the fuzz targets, the Python package's kinds, and lint's
//! dispatch. Adding a row to the registry without updating one of them fails here, naming
//! the list and the row. (The formats of the `secure-headers show` command are tied to the
//! registry in `secure-headers-cli/tests/registry_formats.rs`.)

use std::path::{Path, PathBuf};

use secure_headers::registry::{HEADERS, HeaderInfo};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the crate sits in the workspace")
        .to_path_buf()
}

fn read(path: &str) -> String {
    let full = repo().join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("reading {}: {e}", full.display()))
}

/// The text of `file` between the first line containing `start` and the next line after
/// it containing `end` (both lines included).
fn section(file: &str, text: &str, start: &str, end: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let from = lines
        .iter()
        .position(|l| l.contains(start))
        .unwrap_or_else(|| panic!("{file} no longer has a line containing {start:?}"));
    let to = lines[from..]
        .iter()
        .position(|l| l.contains(end))
        .map_or(lines.len(), |i| from + i + 1);
    lines[from..to].join("\n")
}

/// Panics with every row `missing` reports, naming the list.
fn check(list: &str, missing: impl Fn(&HeaderInfo) -> Option<String>) {
    let rows: Vec<String> = HEADERS.iter().filter_map(missing).collect();
    assert!(
        rows.is_empty(),
        "{list} misses {} registry row(s):\n  {}",
        rows.len(),
        rows.join("\n  ")
    );
}

#[test]
fn supported_headers_table_in_lib_rs_has_every_row() {
    let text = read("secure-headers/src/lib.rs");
    let table = section("lib.rs", &text, "# Supported headers", "| any other |");
    check("the supported-headers table of lib.rs", |h| {
        let row = format!("//! | {} | [`{}`] |", h.name, h.type_name);
        (!table.contains(&row)).then(|| format!("{} (expected a row starting {row:?})", h.name))
    });
}

#[test]
fn builder_emission_order_text_has_every_row_in_order() {
    let text = read("secure-headers/src/secure/builder.rs");
    let order = section(
        "builder.rs",
        &text,
        "Headers are emitted in a fixed order",
        "then the custom headers",
    );
    check("the emission order in builder.rs", |h| {
        (!order.contains(&format!("`{}`", h.name))).then(|| h.name.to_owned())
    });
    // Exactly the registry's names, in its order: the backticked words that name a header.
    let listed: Vec<&str> = order
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    let registry: Vec<&str> = HEADERS.iter().map(|h| h.name).collect();
    assert_eq!(
        listed, registry,
        "the emission order in builder.rs is not the registry's"
    );
}

#[test]
fn config_keys_table_has_every_key() {
    let text = read("secure-headers/src/config/mod.rs");
    let table = section(
        "config/mod.rs",
        &text,
        "//! | Key | Meaning |",
        "//! | `[[pipeline]]` |",
    );
    check("the keys table of config/mod.rs", |h| {
        let key = match h.config_key {
            Some(key) => format!("`{key}`"),
            // A header without a raw-value key is configured through its section.
            None => format!("`[{}]`", h.lowercase),
        };
        (!table.contains(&key)).then(|| format!("{} (key {key})", h.name))
    });
}

/// The header names `http` has constants for among the registry's; `header.rs` gives the
/// others.
const IN_HTTP: [secure_headers::http::HeaderName; 10] = [
    secure_headers::http::header::CACHE_CONTROL,
    secure_headers::http::header::CONTENT_SECURITY_POLICY,
    secure_headers::http::header::CONTENT_SECURITY_POLICY_REPORT_ONLY,
    secure_headers::http::header::STRICT_TRANSPORT_SECURITY,
    secure_headers::http::header::REFERRER_POLICY,
    secure_headers::http::header::SERVER,
    secure_headers::http::header::X_CONTENT_TYPE_OPTIONS,
    secure_headers::http::header::X_DNS_PREFETCH_CONTROL,
    secure_headers::http::header::X_FRAME_OPTIONS,
    secure_headers::http::header::X_XSS_PROTECTION,
];

#[test]
fn header_name_constants_cover_every_row() {
    let text = read("secure-headers/src/header.rs");
    // The constants as written, whatever the line breaks rustfmt puts in them.
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    check("the HeaderName constants of header.rs (with http's)", |h| {
        let in_http = IN_HTTP.iter().any(|n| n.as_str() == h.lowercase);
        let constant = format!(
            "pub const {}: HeaderName = HeaderName::from_static(\"{}\");",
            h.lowercase.to_ascii_uppercase().replace('-', "_"),
            h.lowercase
        );
        (!in_http && !words.contains(&constant))
            .then(|| format!("{} (expected {constant:?})", h.name))
    });
}

#[test]
fn fuzz_targets_parse_every_type() {
    let dir = repo().join("fuzz/fuzz_targets");
    let mut targets = String::new();
    for entry in std::fs::read_dir(&dir).expect("fuzz/fuzz_targets exists") {
        let path = entry.expect("a directory entry").path();
        targets.push_str(&std::fs::read_to_string(&path).expect("a fuzz target reads"));
    }
    // A target exercises a type when it parses into it (`round_trip::<T>`, `T::from_str`,
    // `parse::<T>`).
    check("the fuzz targets (fuzz/fuzz_targets)", |h| {
        let t = h.type_name;
        let used = [
            format!("::<{t}>"),
            format!("{t}::from_str"),
            format!(": {t} ="),
        ]
        .iter()
        .any(|p| targets.contains(p.as_str()));
        (!used).then(|| format!("{} (no target parses into {t})", h.name))
    });
}

/// The builder kinds of the Python package (`Inner::new`'s arms): the builder classes of
/// Python's `secure` 2.0.1, named as the core's types.
fn python_kinds() -> Vec<String> {
    let text = read("secure-headers-python/src/lib.rs");
    let arms = section(
        "secure-headers-python/src/lib.rs",
        &text,
        "fn new(kind: &str)",
        "_ =>",
    );
    let kinds: Vec<String> = arms
        .lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix('"')?
                .split('"')
                .next()
                .map(str::to_owned)
        })
        .collect();
    assert!(
        kinds.len() >= 13,
        "the Python package's kinds were not found: {kinds:?}"
    );
    kinds
}

#[test]
fn python_kinds_name_registry_types() {
    for kind in python_kinds() {
        assert!(
            HEADERS.iter().any(|h| h.type_name == kind),
            "the Python package's kind {kind:?} names no registry row"
        );
    }
}

#[test]
fn guide_names_every_header_beyond_secure_2_0_1() {
    let guide = read("secure-headers/src/docs/guide.md");
    let kinds = python_kinds();
    check(
        "the guide (docs/guide.md), for the headers beyond 2.0.1's classes",
        |h| {
            let beyond = !kinds.iter().any(|k| k == h.type_name);
            let named = guide.contains(&format!("[`{}`]", h.type_name))
                || guide.contains(&format!("`{}`", h.name));
            (beyond && !named).then(|| format!("{} (expected [`{}`])", h.name, h.type_name))
        },
    );
}

#[cfg(feature = "lint")]
#[test]
fn lint_reads_every_row() {
    use secure_headers::http::{HeaderMap, HeaderName, HeaderValue};
    // A value no header accepts (and which names a version, for `Server`): lint reads the
    // header if it reports on it.
    check("lint's dispatch (lint_headers)", |h| {
        let mut headers = HeaderMap::new();
        headers.insert(
            HeaderName::from_static(h.lowercase),
            HeaderValue::from_static("bogus/1.0 ,; = x"),
        );
        let read = secure_headers::lint::lint_headers(&headers)
            .iter()
            .any(|f| f.header().eq_ignore_ascii_case(h.name));
        (!read).then(|| h.name.to_owned())
    });
}

/// The raw value of every row with a configuration key is read from a file and reaches
/// that header: `Config` has the key's field, and the file sets the header with it.
#[cfg(feature = "json")]
#[test]
fn config_file_sets_every_keyed_row() {
    use secure_headers::config::Config;
    check("the raw-value keys of config::Config", |h| {
        let key = h.config_key?;
        let json = format!(r#"{{"preset": "none", "{key}": "x"}}"#);
        let config = match Config::from_json(&json) {
            Ok(config) => config,
            Err(e) => return Some(format!("{} (key {key}: {e})", h.name)),
        };
        // "x" is a valid value for some headers and not for others: either way the
        // header built, or refused, must be this row's.
        let reached = match config.into_builder().and_then(|b| b.build()) {
            Ok(secure) => secure.header_items().any(|(n, _)| n == h.name),
            Err(e) => e.header() == Some(h.name),
        };
        (!reached).then(|| format!("{} (key {key} did not set it)", h.name))
    });
}

#[test]
fn headers_docs_table_has_every_row() {
    let text = read("secure-headers/src/headers/registry.rs");
    let table = section(
        "registry.rs",
        &text,
        "/// | Header | Type | Builder method |",
        "pub const HEADERS",
    );
    let rows: Vec<&str> = table
        .lines()
        .skip(2)
        .filter(|l| l.starts_with("/// | `"))
        .collect();
    check("the table in the docs of registry::HEADERS", |h| {
        let key = h
            .config_key
            .map_or("(a section)".to_owned(), |k| format!("`{k}`"));
        let enforced = h.report_only_of.map_or(String::new(), |e| {
            let t = HeaderInfo::get(e).expect("registered").type_name;
            format!("[`{t}`](crate::{t})")
        });
        let row = format!(
            "/// | `{}` | [`{t}`](crate::{t}) | [`{m}`](crate::SecureBuilder::{m}) | {key} | {enforced} |",
            h.name,
            t = h.type_name,
            m = h.method,
        );
        (!rows.contains(&row.as_str())).then(|| format!("{} (expected {row:?})", h.name))
    });
    assert_eq!(
        rows.len(),
        HEADERS.len(),
        "the table has rows the registry has not"
    );
}

/// Every row's builder method and its `map_` form are written out in `secure/named.rs`,
/// where grep finds them.
#[test]
fn named_builder_methods_cover_every_row() {
    let text = read("secure-headers/src/secure/named.rs");
    // The methods as written, whatever the line breaks rustfmt puts in them.
    let words = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("( ", "(")
        .replace(", )", ")");
    check("the named methods of secure/named.rs", |h| {
        let (m, t) = (h.method, h.type_name);
        let set = format!(
            "pub fn {m}(self, policy: impl Into<{t}>) -> Self {{ self.set::<{t}>(policy) }}"
        );
        let map = format!(
            "pub fn map_{m}(self, f: impl FnOnce({t}) -> {t}) -> Self {{ self.map::<{t}>(f) }}"
        );
        (!words.contains(&set) || !words.contains(&map))
            .then(|| format!("{} (expected `{m}` and `map_{m}`)", h.name))
    });
}
