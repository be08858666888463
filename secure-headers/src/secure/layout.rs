//! `Secure`'s own methods are where this module's documentation says, and it names each
//! of them: read from the sources, every `impl Secure {` of the library is in one of the
//! files the list names, and each public method of those is in the list.

use std::path::{Path, PathBuf};

/// The files allowed to hold an inherent `impl Secure`, as this module's docs list them.
const HOMES: &[&str] = &[
    "secure/mod.rs",
    "secure/apply.rs",
    "request/inspect.rs",
    "request/plan.rs",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The names of the public methods of the inherent `impl Secure` blocks of `text`.
fn public_methods(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if line == "impl Secure {" {
            inside = true;
        } else if inside && line == "}" {
            inside = false;
        } else if inside && let Some(rest) = line.trim_start().strip_prefix("pub fn ") {
            out.push(
                rest.chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect(),
            );
        }
    }
    out
}

/// The files of `sources` (path under `src/`, text) with an inherent `impl Secure` outside
/// [`HOMES`], and the public methods missing from `docs`.
fn misplaced_and_unlisted(sources: &[(String, String)], docs: &str) -> (Vec<String>, Vec<String>) {
    let mut misplaced = Vec::new();
    let mut unlisted = Vec::new();
    for (path, text) in sources {
        let methods = public_methods(text);
        let has_impl = text
            .lines()
            .any(|l| l == "impl Secure {" || l == "impl crate::Secure {");
        if has_impl && !HOMES.contains(&path.as_str()) {
            misplaced.push(path.clone());
        }
        for method in methods {
            if !docs.contains(&format!("`{method}`")) {
                unlisted.push(format!("{path}: {method}"));
            }
        }
    }
    (misplaced, unlisted)
}

#[test]
fn secures_methods_are_where_the_module_docs_say() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let sources: Vec<(String, String)> = files
        .iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&src)
                .unwrap()
                .to_str()
                .unwrap()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(p).unwrap())
        })
        .collect();
    let docs: String = include_str!("mod.rs")
        .lines()
        .filter(|l| l.starts_with("//!"))
        .collect::<Vec<_>>()
        .join("\n");
    // `mod.rs` is "here" in its own docs.
    for home in &HOMES[1..] {
        assert!(
            docs.contains(home.trim_start_matches("secure/")),
            "{home} is not named"
        );
    }
    let (misplaced, unlisted) = misplaced_and_unlisted(&sources, &docs);
    assert_eq!(
        misplaced,
        Vec::<String>::new(),
        "impl Secure outside its homes"
    );
    assert_eq!(
        unlisted,
        Vec::<String>::new(),
        "public methods the docs do not list"
    );
    // The list is read from the sources, not assumed: it finds the known methods.
    let all: Vec<String> = sources
        .iter()
        .flat_map(|(_, t)| public_methods(t))
        .collect();
    for known in [
        "inspect",
        "plan",
        "set_headers",
        "from_config_str",
        "with_default_headers",
    ] {
        assert!(all.iter().any(|m| m == known), "{known} not found");
    }
}

#[test]
fn the_check_finds_a_misplaced_impl_and_an_unlisted_method() {
    let sources = [
        (
            "config/mod.rs".to_owned(),
            "impl Secure {\n    pub fn from_config_str() {}\n}\n".to_owned(),
        ),
        (
            "secure/apply.rs".to_owned(),
            "impl Secure {\n    pub fn set_headers() {}\n    fn private() {}\n}\n".to_owned(),
        ),
    ];
    let (misplaced, unlisted) = misplaced_and_unlisted(&sources, "`set_headers`");
    assert_eq!(misplaced, ["config/mod.rs"]);
    assert_eq!(unlisted, ["config/mod.rs: from_config_str"]);
}
