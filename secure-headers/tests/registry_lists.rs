//! Every list of headers a reader sees is tied to the registry (`registry::HEADERS`): the
//! docs tables, the emission order the builder documents, the configuration keys, the
//! `HeaderName` constants, the fuzz targets, the Python package's kinds, and lint's
//! dispatch. Adding a row to the registry without updating one of them fails here, naming
//! the list and the row. (The formats of the `secure-headers show` command are tied to the
//! registry in `secure-headers-cli/tests/registry_formats.rs`.)
//!
//! The lists that are a rendering of the registry are written by the tests below, between
//! the marker comments `<!-- begin registry-list NAME -->` and `<!-- end registry-list
//! NAME -->` (or on the one line holding `<!-- registry-list NAME -->`):
//!
//! ```sh
//! SECURE_HEADERS_WRITE_LISTS=1 cargo test -p secure-headers --features "lint json" --test registry_lists
//! ```
//!
//! rewrites them; without the variable, a list that differs from the registry fails,
//! showing the text it should be.

use std::path::{Path, PathBuf};

use secure_headers::registry::{HEADERS, HeaderInfo};
use secure_headers::{Preset, Secure};

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

/// What a generated list is written with: `SECURE_HEADERS_WRITE_LISTS=1` and the command.
const WRITE: &str = "SECURE_HEADERS_WRITE_LISTS=1 cargo test -p secure-headers --features \"lint json\" --test registry_lists";

/// Writes, or checks, the generated list `name` of `path`: the lines between the markers
/// `<!-- begin registry-list NAME -->` and `<!-- end registry-list NAME -->` become
/// `body`, each line prefixed with `prefix` (`//! `, `/// `, or nothing for Markdown);
/// `pad` puts a blank line after the first marker and before the second, as a doc
/// comment needs around an HTML comment.
fn generated(path: &str, name: &str, prefix: &str, pad: bool, body: &str) {
    let text = read(path);
    let (begin, end) = (
        format!("<!-- begin registry-list {name} -->"),
        format!("<!-- end registry-list {name} -->"),
    );
    let lines: Vec<&str> = text.lines().collect();
    let from = lines
        .iter()
        .position(|l| l.contains(&begin))
        .unwrap_or_else(|| panic!("{path} has no line containing {begin:?}"));
    let to = from
        + lines[from..]
            .iter()
            .position(|l| l.contains(&end))
            .unwrap_or_else(|| panic!("{path} has no line containing {end:?}"));
    let prefixed = |line: &str| format!("{prefix}{line}").trim_end().to_owned();
    let mut new: Vec<String> = Vec::new();
    if pad {
        new.push(prefixed(""));
    }
    new.extend(body.lines().map(prefixed));
    if pad {
        new.push(prefixed(""));
    }
    replace(path, &text, from + 1..to, &new, name);
}

/// Writes, or checks, the one generated line `name` of `path` (the line holding
/// `<!-- registry-list NAME -->`).
fn generated_line(path: &str, name: &str, line: &str) {
    let text = read(path);
    let marker = format!("<!-- registry-list {name} -->");
    assert!(line.contains(&marker), "the line keeps its marker");
    let at = text
        .lines()
        .position(|l| l.contains(&marker))
        .unwrap_or_else(|| panic!("{path} has no line containing {marker:?}"));
    replace(path, &text, at..at + 1, &[line.to_owned()], name);
}

/// Replaces the lines `range` of `path` (whose text is `text`) with `new` when
/// `SECURE_HEADERS_WRITE_LISTS` is set; fails showing `new` when they differ otherwise.
fn replace(path: &str, text: &str, range: std::ops::Range<usize>, new: &[String], name: &str) {
    let lines: Vec<&str> = text.lines().collect();
    if lines[range.clone()] == new.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        return;
    }
    if std::env::var_os("SECURE_HEADERS_WRITE_LISTS").is_some() {
        let mut out: Vec<&str> = lines[..range.start].to_vec();
        out.extend(new.iter().map(String::as_str));
        out.extend(&lines[range.end..]);
        let mut written = out.join("\n");
        if text.ends_with('\n') {
            written.push('\n');
        }
        // Written beside it and renamed, so that the other tests, running meanwhile, read
        // the old text or the new, never a part.
        let full = repo().join(path);
        let temporary = full.with_extension("registry-list.tmp");
        std::fs::write(&temporary, written)
            .unwrap_or_else(|e| panic!("writing {}: {e}", temporary.display()));
        std::fs::rename(&temporary, &full)
            .unwrap_or_else(|e| panic!("renaming to {}: {e}", full.display()));
        return;
    }
    panic!(
        "the list {name:?} of {path} is not the registry's; `{WRITE}` writes it as:\n{}",
        new.join("\n")
    );
}

/// `words` joined by spaces into lines of at most `width` characters.
fn wrap(words: &[String], width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in words {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A Markdown table row: an empty cell is written `| |`.
fn table_row(cells: &[String]) -> String {
    let mut row = String::new();
    for cell in cells {
        row.push_str("| ");
        if !cell.is_empty() {
            row.push_str(cell);
            row.push(' ');
        }
    }
    row.push('|');
    row
}

/// The supported-headers table of `lib.rs`: every row by name, the value each preset
/// sends (a long one as a footnote), and its specification.
#[test]
fn supported_headers_table_is_generated() {
    let presets: Vec<Secure> = Preset::ALL.into_iter().map(Secure::from_preset).collect();
    let marks = ["¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"];
    let mut notes: Vec<String> = Vec::new();
    let mut rows = vec![
        "| Header | Type | `Basic` | `Balanced` (default) | `Strict` | Specification |".to_owned(),
        "|---|---|---|---|---|---|".to_owned(),
    ];
    let mut sorted: Vec<&HeaderInfo> = HEADERS.iter().collect();
    sorted.sort_by_key(|h| h.name.to_ascii_lowercase());
    for h in sorted {
        let mut cells = vec![h.name.to_owned(), format!("[`{}`]", h.type_name)];
        for secure in &presets {
            let value = secure
                .header_items()
                .find(|(n, _)| *n == h.name)
                .map(|(_, v)| v);
            cells.push(match value {
                None => String::new(),
                Some("") => "(empty)".to_owned(),
                Some(v) if v.len() > 60 => {
                    let at = notes.iter().position(|n| n == v).unwrap_or_else(|| {
                        notes.push(v.to_owned());
                        notes.len() - 1
                    });
                    format!("see {}", marks[at])
                }
                Some(v) => format!("`{v}`"),
            });
        }
        assert!(
            !h.spec.is_empty() && h.spec_url.starts_with("https://"),
            "{}: its INFO names its specification (`spec`, `spec_url`)",
            h.name
        );
        cells.push(format!("[{}]({})", h.spec, h.spec_url));
        rows.push(table_row(&cells));
    }
    rows.push("| any other | [`CustomHeader`] | | | | |".to_owned());
    for (mark, note) in marks.iter().zip(&notes) {
        rows.push(String::new());
        let words: Vec<String> = format!("{mark} `{note}`")
            .split(' ')
            .map(str::to_owned)
            .collect();
        rows.extend(wrap(&words, 88));
    }
    generated(
        "secure-headers/src/lib.rs",
        "supported-headers",
        "//! ",
        true,
        &rows.join("\n"),
    );
}

/// The emission order in the docs of `SecureBuilder`: the registry's names, in its order.
#[test]
fn builder_emission_order_is_generated() {
    let names: Vec<String> = HEADERS.iter().map(|h| format!("`{}`,", h.name)).collect();
    let mut lines = vec![
        "Headers are emitted in a fixed order whatever the order of the calls, the order of"
            .to_owned(),
        "[`registry::HEADERS`](crate::registry::HEADERS) (for the headers Python's `secure` 2.0.1"
            .to_owned(),
        "sends, its order):".to_owned(),
    ];
    lines.extend(wrap(&names, 88));
    lines.push("then the custom headers in the order they were added.".to_owned());
    generated(
        "secure-headers/src/secure/builder.rs",
        "emission-order",
        "/// ",
        true,
        &lines.join("\n"),
    );
}

/// The table in the docs of `registry::HEADERS`: one row per row, in its order.
#[test]
fn headers_docs_table_is_generated() {
    let mut rows = vec![
        "| Header | Type | Builder method | Configuration key of the raw value | Report-only form of |".to_owned(),
        "|---|---|---|---|---|".to_owned(),
    ];
    for h in HEADERS {
        let key = h
            .config_key
            .map_or("(a section)".to_owned(), |k| format!("`{k}`"));
        let enforced = h.report_only_of.map_or(String::new(), |e| {
            let t = HeaderInfo::get(e).expect("registered").type_name;
            format!("[`{t}`](crate::{t})")
        });
        rows.push(format!(
            "| `{}` | [`{t}`](crate::{t}) | [`{m}`](crate::SecureBuilder::{m}) | {key} | {enforced} |",
            h.name,
            t = h.type_name,
            m = h.method,
        ));
    }
    generated(
        "secure-headers/src/headers/registry.rs",
        "headers-table",
        "/// ",
        true,
        &rows.join("\n"),
    );
}

/// The guide's item naming every header beyond the builder classes of Python's `secure`
/// 2.0.1 (one line, so that the list stays a tight one).
#[test]
fn guide_list_beyond_secure_2_0_1_is_generated() {
    let kinds = python_kinds();
    let beyond: Vec<String> = HEADERS
        .iter()
        .filter(|h| !kinds.iter().any(|k| k == h.type_name))
        .map(|h| format!("[`{}`] (`{}`)", h.type_name, h.name))
        .collect();
    let line = format!(
        "- <!-- registry-list beyond-2.0.1 --> **A type for every header beyond 2.0.1's classes**, with a builder that checks what it is given and a parser for received values: {}.",
        beyond.join(", ")
    );
    generated_line("secure-headers/src/docs/guide.md", "beyond-2.0.1", &line);
}

/// The row of the configuration keys table that lists the raw-value keys of the headers
/// without a section of their own (those with a section have their own row), and the
/// fields of `Config` that hold every raw value.
#[test]
fn config_keys_row_is_generated() {
    let path = "secure-headers/src/config/mod.rs";
    let text = read(path);
    let sectioned = text
        .lines()
        .find(|l| l.contains("(or use the typed section"))
        .expect("config/mod.rs has the row of the keys with a typed section");
    let keys: Vec<String> = HEADERS
        .iter()
        .filter_map(|h| h.config_key)
        .filter(|k| !sectioned.contains(&format!("`{k}`")))
        .map(|k| format!("`{k}`"))
        .collect();
    let line = format!(
        "//! | <!-- registry-list config-keys --> {} | That header, with this exact value (every header of [`registry::HEADERS`](crate::registry::HEADERS) with a configuration key and no section of its own). |",
        keys.join(", ")
    );
    generated_line(path, "config-keys", &line);

    // The fields of `Config` that hold the raw values, and `raw_value`'s arms that read
    // them (written here, in the same test, as they are in the same file).
    let mut fields = Vec::new();
    let mut arms = Vec::new();
    for h in HEADERS {
        let Some(key) = h.config_key else { continue };
        let field = key.replace('-', "_");
        fields.push(format!("/// `{}` as a raw value, sent as written.", h.name));
        fields.push("#[serde(default, skip_serializing_if = \"Option::is_none\")]".to_owned());
        fields.push(format!("pub {field}: Option<String>,"));
        arms.push(format!("\"{key}\" => &self.{field},"));
    }
    generated(path, "config-fields", "    ", false, &fields.join("\n"));
    generated(
        path,
        "config-raw-value",
        "            ",
        false,
        &arms.join("\n"),
    );
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

/// The registry's names that `header.rs` has a constant for (those `http` lacks, as the
/// registry stood when they were written). They are public and stay; a header added since
/// needs none: its name is `HeaderName::from_static(T::INFO.lowercase)`.
const IN_HEADER_RS: [&str; 20] = [
    "Cross-Origin-Embedder-Policy",
    "Cross-Origin-Embedder-Policy-Report-Only",
    "Cross-Origin-Opener-Policy",
    "Cross-Origin-Opener-Policy-Report-Only",
    "Cross-Origin-Resource-Policy",
    "Permissions-Policy",
    "Permissions-Policy-Report-Only",
    "X-Permitted-Cross-Domain-Policies",
    "Origin-Agent-Cluster",
    "X-Download-Options",
    "Clear-Site-Data",
    "Reporting-Endpoints",
    "Report-To",
    "NEL",
    "Integrity-Policy",
    "Integrity-Policy-Report-Only",
    "Document-Isolation-Policy",
    "Document-Isolation-Policy-Report-Only",
    "Document-Policy",
    "Document-Policy-Report-Only",
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
        let wanted = IN_HEADER_RS.contains(&h.name);
        (!in_http && wanted && !words.contains(&constant))
            .then(|| format!("{} (expected {constant:?})", h.name))
    });
    // Every constant listed is a registry row's, and `http` has none of them.
    for name in IN_HEADER_RS {
        let row = HeaderInfo::get(name).unwrap_or_else(|| panic!("{name} is not registered"));
        assert!(
            !IN_HTTP.iter().any(|n| n.as_str() == row.lowercase),
            "{name}"
        );
    }
}

/// The types a fuzz target parses into by name (`round_trip::<T>` and the like), as the
/// registry stood when they were written: they keep their targets. A header added since
/// is fuzzed with no edit by the `registry` target, which reads any bytes as the value of
/// any row through its type (`HeaderInfo::parse`) and checks the round trip, and by the
/// `lint` target, which lints any bytes as any row.
const FUZZED_BY_NAME: [&str; 30] = [
    "CacheControl",
    "CrossOriginEmbedderPolicy",
    "CrossOriginEmbedderPolicyReportOnly",
    "CrossOriginOpenerPolicy",
    "CrossOriginOpenerPolicyReportOnly",
    "CrossOriginResourcePolicy",
    "ContentSecurityPolicy",
    "ContentSecurityPolicyReportOnly",
    "StrictTransportSecurity",
    "PermissionsPolicy",
    "PermissionsPolicyReportOnly",
    "ReferrerPolicy",
    "XPermittedCrossDomainPolicies",
    "XDnsPrefetchControl",
    "Server",
    "XContentTypeOptions",
    "XFrameOptions",
    "OriginAgentCluster",
    "XDownloadOptions",
    "XXssProtection",
    "ClearSiteData",
    "ReportingEndpoints",
    "ReportTo",
    "Nel",
    "IntegrityPolicy",
    "IntegrityPolicyReportOnly",
    "DocumentIsolationPolicy",
    "DocumentIsolationPolicyReportOnly",
    "DocumentPolicy",
    "DocumentPolicyReportOnly",
];

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
        (FUZZED_BY_NAME.contains(&t) && !used)
            .then(|| format!("{} (no target parses into {t})", h.name))
    });
    // Every other row: the registry and lint targets pick their header from the registry.
    let registry = read("fuzz/fuzz_targets/registry.rs");
    assert!(
        registry.contains("let row = &HEADERS[usize::from(*first) % HEADERS.len()];")
            && registry.contains("row.parse(text)")
            && registry.contains("row.parse(&rendered)"),
        "fuzz/fuzz_targets/registry.rs no longer reads every row of the registry"
    );
    assert!(
        read("fuzz/Cargo.toml").contains("path = \"fuzz_targets/registry.rs\""),
        "fuzz/Cargo.toml has no registry target"
    );
    let lint = read("fuzz/fuzz_targets/lint.rs");
    assert!(
        lint.contains("HEADERS[usize::from(*first) % HEADERS.len()]")
            && lint.contains("lint_headers(&headers)"),
        "fuzz/fuzz_targets/lint.rs no longer lints every row of the registry"
    );
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
