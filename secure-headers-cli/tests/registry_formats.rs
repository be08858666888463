//! Every format of `secure-headers show` sends every header of the registry
//! (`registry::HEADERS`): for each row, a configuration file that sets only that header is
//! shown in each format, and the output must send exactly the header the library builds
//! from that file. A row that a format drops, or that `--format rust` does not write with
//! its typed method, fails here, naming the row and the format. (Values here are only
//! ones the type takes as a raw value, which `--format rust` writes as such when no typed
//! call gives them; `show_rust.rs` compiles the code of a file with a valid value for
//! every row and checks that none is written as a raw value.)

use assert_cmd::Command;
use secure_headers::config::Config;
use secure_headers::registry::{HEADERS, HeaderInfo};
use secure_headers::{Preset, Secure};

/// Values tried for a row whose value neither a preset nor `tests/show_rust/full.toml`
/// has, first to last: the first that the row's type accepts is used. (A new header gets
/// its value from `full.toml`, which `full_toml_sets_every_row` requires.)
const MORE_VALUES: [&str; 9] = [
    "same-origin",
    "?1",
    "off",
    "noopen",
    "none",
    "0",
    "blocked-destinations=(script), endpoints=(a)",
    "isolate-and-require-corp",
    r#"{"group":"a","max_age":86400,"endpoints":[{"url":"https://r.example/a"}]}"#,
];

/// The configuration file (JSON) that sets only `row`, with `value` for a keyed row;
/// a row without a key is configured by its section of endpoint names and URLs.
fn config_for(row: &HeaderInfo, value: &str) -> String {
    match row.config_key {
        Some(key) => serde_json::json!({ "preset": "none", key: value }).to_string(),
        None => serde_json::json!({
            "preset": "none",
            row.lowercase: { "a": "https://r.example/a" },
        })
        .to_string(),
    }
}

/// The headers the library builds from `config`, if it builds and sends `row`.
fn built(row: &HeaderInfo, config: &str) -> Option<Vec<(String, String)>> {
    let secure = Config::from_json(config)
        .ok()?
        .into_builder()
        .ok()?
        .build()
        .ok()?;
    let items: Vec<(String, String)> = secure
        .header_items()
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect();
    items.iter().any(|(n, _)| n == row.name).then_some(items)
}

/// `tests/show_rust/full.toml`: the configuration file whose `--format rust` code
/// `show_rust.rs` compiles, requiring every header written with its typed calls.
fn full_toml() -> Secure {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/show_rust/full.toml");
    Secure::from_config_file(&path).expect("tests/show_rust/full.toml builds")
}

/// `full.toml` sets every row, so that `show_rust.rs` checks the typed calls
/// `--format rust` writes for every header (`secure-headers/src/codegen/headers.rs`): a
/// row without them is written as a raw `value(..)`, which `show_rust.rs` refuses.
#[test]
fn full_toml_sets_every_row() {
    let secure = full_toml();
    let missing: Vec<&str> = HEADERS
        .iter()
        .map(|h| h.name)
        .filter(|name| !secure.header_items().any(|(n, _)| n == *name))
        .collect();
    assert!(
        missing.is_empty(),
        "tests/show_rust/full.toml sets no value for {missing:?}: add a valid value of each \
         (its configuration key, or its section), and its typed calls to codegen/headers.rs"
    );
}

/// A configuration file that sets `row` alone, and the headers it gives; `None` when no
/// value of the presets, of `full.toml` or of [`MORE_VALUES`] is one the row's type
/// accepts.
fn setting(row: &HeaderInfo) -> Option<(String, Vec<(String, String)>)> {
    let from_presets: Vec<String> = Preset::ALL
        .into_iter()
        .flat_map(|p| {
            Secure::from_preset(p)
                .header_items()
                .filter(|(n, _)| *n == row.name)
                .map(|(_, v)| v.to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    let from_full: Vec<String> = full_toml()
        .header_items()
        .filter(|(n, _)| *n == row.name)
        .map(|(_, v)| v.to_owned())
        .collect();
    from_presets
        .iter()
        .chain(&from_full)
        .map(String::as_str)
        .chain(MORE_VALUES)
        .map(|value| config_for(row, value))
        .find_map(|config| built(row, &config).map(|items| (config, items)))
}

/// `show --config FILE --format FORMAT`'s output; it must succeed.
fn show(config: &str, format: &str) -> String {
    let path = std::env::temp_dir().join(format!(
        "secure-headers-registry-formats-{}-{format}-{:016x}.json",
        std::process::id(),
        fnv(config)
    ));
    std::fs::write(&path, config).unwrap();
    let out = Command::cargo_bin("secure-headers")
        .unwrap()
        .args([
            "show",
            "--config",
            path.to_str().unwrap(),
            "--format",
            format,
        ])
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    assert!(
        out.status.success(),
        "{format} for {config}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A name for a config file from its text (FNV-1a).
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// `"value"` with `\` and `"` escaped, as nginx, Apache and Caddy quote.
fn quoted(v: &str) -> String {
    format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""))
}

#[test]
fn every_row_has_a_value() {
    let missing: Vec<&str> = HEADERS
        .iter()
        .filter(|row| setting(row).is_none())
        .map(|row| row.name)
        .collect();
    assert!(
        missing.is_empty(),
        "no value of the presets, of tests/show_rust/full.toml or of MORE_VALUES \
         (tests/registry_formats.rs) is one these rows accept; add one to full.toml: {missing:?}"
    );
}

#[test]
fn every_format_sends_every_row() {
    let mut misses = Vec::new();
    for row in HEADERS {
        let Some((config, items)) = setting(row) else {
            continue; // every_row_has_a_value names it
        };
        let value = &items.iter().find(|(n, _)| n == row.name).unwrap().1;
        let raw: String = items.iter().map(|(n, v)| format!("{n}: {v}\n")).collect();
        if show(&config, "raw") != raw {
            misses.push(format!("raw: {} (expected {raw:?})", row.name));
        }
        let json: serde_json::Value = serde_json::from_str(&show(&config, "json")).unwrap();
        let expected: Vec<serde_json::Value> = items
            .iter()
            .map(|(n, v)| serde_json::json!({ "name": n, "value": v }))
            .collect();
        if json != serde_json::Value::Array(expected) {
            misses.push(format!("json: {}", row.name));
        }
        let nginx = if row.name == "Server" {
            // nginx's own Server field cannot be replaced, only its version hidden.
            "server_tokens off;".to_owned()
        } else {
            format!("add_header {} {} always;", row.name, quoted(value))
        };
        let apache = format!("Header always set {} {}", row.name, quoted(value));
        let caddy = if value.is_empty() {
            format!("\t-{}", row.name)
        } else {
            format!("\t{} {}", row.name, quoted(value))
        };
        // Every row is written with its typed method (Reporting-Endpoints too).
        let rust = format!(".{}(", row.method);
        for (format, line) in [
            ("nginx", nginx),
            ("apache", apache),
            ("caddy", caddy),
            ("rust", rust),
        ] {
            let out = show(&config, format);
            if !out.lines().any(|l| {
                l.trim_start() == line.trim_start()
                    || (format == "rust" && l.trim_start().starts_with(&line))
            }) {
                misses.push(format!("{format}: {} (expected a line {line:?})", row.name));
            }
        }
    }
    assert!(
        misses.is_empty(),
        "formats of `show` miss {} registry row(s):\n  {}",
        misses.len(),
        misses.join("\n  ")
    );
}
