//! No process-wide mutable state in the library: reading the sources of every crate of the
//! workspace (their `src/`, without the unit-test files), no `static` holds a `Mutex`, a
//! `RwLock`, a `OnceLock`, a `LazyLock`, a `OnceCell`, a `Lazy`, a `Cell` or an atomic, no
//! `static mut`, no `thread_local!` and no `Box::leak`, outside the exceptions named in
//! [`EXCEPTIONS`]. State belongs to the instance that owns it (behind its `Arc`) or to the
//! request; a `static` is an immutable table.

use std::path::{Path, PathBuf};

/// The crates whose `src/` is read.
const CRATES: [&str; 6] = [
    "secure-headers",
    "secure-headers-reports",
    "secure-headers-dashboard",
    "secure-headers-cli",
    "secure-headers-python",
    "examples",
];

/// What a `static`'s type may not name: each makes it shared mutable state.
const MUTABLE: [&str; 9] = [
    "Mutex", "RwLock", "OnceLock", "LazyLock", "OnceCell", "Lazy", "Cell", "Atomic", "Condvar",
];

/// The allowed exceptions, each a file, what it holds, and why.
const EXCEPTIONS: [(&str, &str, &str); 2] = [
    (
        "secure-headers/src/nonce.rs",
        "thread_local!",
        "the per-thread buffer of random bytes that nonces are cut from: each thread's own, \
         holding no one's configuration",
    ),
    (
        "secure-headers/src/nonce.rs",
        "static POOL: RefCell<Pool>",
        "that buffer, inside its `thread_local!`",
    ),
];

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the crate sits in the workspace")
        .to_path_buf()
}

/// The library's source files under `dir`: no unit-test file (`tests.rs`, `tests/`).
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_str().unwrap();
        if path.is_dir() {
            if name != "tests" {
                sources(&path, out);
            }
        } else if name.ends_with(".rs") && name != "tests.rs" {
            out.push(path);
        }
    }
}

/// `text` with its comments blanked out and its string and character literals emptied, so
/// that only code is searched. Line breaks are kept.
fn code_only(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let rest = &text[i..];
        if rest.starts_with("//") {
            let end = rest.find('\n').map_or(b.len(), |n| i + n);
            i = end;
        } else if rest.starts_with("/*") {
            let mut depth = 0;
            while i < b.len() {
                if text[i..].starts_with("/*") {
                    depth += 1;
                    i += 2;
                } else if text[i..].starts_with("*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if b[i] == b'\n' {
                        out.push('\n');
                    }
                    i += 1;
                }
            }
        } else if let Some(hashes) = raw_string_start(rest) {
            // r"..", r#".."#, br#".."#: up to the quote followed by as many hashes.
            let open = rest.find('"').unwrap();
            let close = format!("\"{}", "#".repeat(hashes));
            let body = &rest[open + 1..];
            let end = body
                .find(&close)
                .map_or(b.len(), |n| i + open + 1 + n + close.len());
            out.push_str("\"\"");
            out.extend(text[i..end].chars().filter(|&c| c == '\n'));
            i = end;
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    i += 1;
                }
                if i < b.len() && b[i] == b'\n' {
                    out.push('\n');
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' && char_literal_len(rest).is_some() {
            i += char_literal_len(rest).unwrap();
            out.push_str("' '");
        } else {
            let c = rest.chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// The number of `#` of a raw string literal starting `s`, if one does.
fn raw_string_start(s: &str) -> Option<usize> {
    let s = s.strip_prefix('b').unwrap_or(s);
    let s = s.strip_prefix('r')?;
    let hashes = s.bytes().take_while(|&c| c == b'#').count();
    (s.as_bytes().get(hashes) == Some(&b'"')).then_some(hashes)
}

/// The length of a character literal starting `s` (`'a'`, `'\n'`, `'\''`, `'\u{1F600}'`),
/// or `None` for a lifetime (`'static`, `'a`).
fn char_literal_len(s: &str) -> Option<usize> {
    let body = &s[1..];
    if let Some(escaped) = body.strip_prefix('\\') {
        let close = escaped[1..].find('\'')? + 1;
        return Some(2 + close + 1);
    }
    let c = body.chars().next()?;
    (body[c.len_utf8()..].starts_with('\'')).then(|| 1 + c.len_utf8() + 1)
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// The byte offsets of the word `word` in `code` (not part of a longer identifier, not a
/// lifetime).
fn words<'a>(code: &'a str, word: &'a str) -> impl Iterator<Item = usize> + 'a {
    code.match_indices(word).map(|(i, _)| i).filter(move |&i| {
        let b = code.as_bytes();
        let before = i.checked_sub(1).map(|j| b[j]);
        let after = b.get(i + word.len()).copied();
        !before.is_some_and(|c| is_ident(c) || c == b'\'') && !after.is_some_and(is_ident)
    })
}

/// What `code` holds that is process-wide mutable state: each finding as its line number
/// and a short description.
fn findings(code: &str) -> Vec<(usize, String)> {
    let line = |i: usize| code[..i].matches('\n').count() + 1;
    let mut found = Vec::new();
    for i in words(code, "static") {
        // The declaration up to its `=` or `;`: `static NAME: Type`.
        let decl = &code[i..];
        let end = decl.find(['=', ';']).unwrap_or(decl.len());
        let decl = decl[..end].split_whitespace().collect::<Vec<_>>().join(" ");
        let (name, kind) = decl.split_once(':').unwrap_or((&decl, ""));
        let (name, kind) = (name.trim(), kind.trim());
        let mutable = name.starts_with("static mut ") || MUTABLE.iter().any(|m| kind.contains(m));
        if mutable {
            found.push((line(i), format!("{name}: {kind}")));
        }
    }
    for (needle, what) in [
        ("thread_local", "thread_local!"),
        ("lazy_static", "lazy_static!"),
    ] {
        for i in words(code, needle) {
            found.push((line(i), what.to_owned()));
        }
    }
    for (i, _) in code.match_indices("Box::leak") {
        found.push((line(i), "Box::leak".to_owned()));
    }
    found
}

#[test]
fn no_process_wide_mutable_state() {
    let repo = repo();
    let mut files = Vec::new();
    for krate in CRATES {
        sources(&repo.join(krate).join("src"), &mut files);
    }
    assert!(files.len() > 100, "only {} source files found", files.len());
    let mut found = Vec::new();
    let mut excused = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let rel = path
            .strip_prefix(&repo)
            .unwrap()
            .to_str()
            .unwrap()
            .replace('\\', "/");
        for (line, what) in findings(&code_only(&text)) {
            let exception = EXCEPTIONS
                .iter()
                .find(|(file, held, _)| *file == rel && what.starts_with(held));
            match exception {
                Some(e) => excused.push(e.1),
                None => found.push(format!("{rel}:{line}: {what}")),
            }
        }
    }
    assert!(
        found.is_empty(),
        "process-wide mutable state (state belongs to its instance or to the request):\n{}",
        found.join("\n")
    );
    // Each exception still names something that exists: a stale one is removed.
    for (file, held, _) in EXCEPTIONS {
        assert!(excused.contains(&held), "{file} no longer holds {held}");
    }
}

/// The search finds each kind of state it forbids, and not what merely looks like it.
#[test]
fn the_search_finds_what_it_forbids() {
    let found = |code: &str| {
        findings(&code_only(code))
            .into_iter()
            .map(|(_, w)| w)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        found("static MADE: AtomicBool = AtomicBool::new(false);"),
        ["static MADE: AtomicBool"]
    );
    assert_eq!(
        found(
            "pub(crate) static TABLE: std::sync::LazyLock<(RandomState, [Shard; 16])> =\n LazyLock::new(f);"
        ),
        ["static TABLE: std::sync::LazyLock<(RandomState, [Shard"]
    );
    assert_eq!(found("static mut N: u32 = 0;"), ["static mut N: u32"]);
    assert_eq!(
        found("static M: Mutex<Vec<u8>> = Mutex::new(Vec::new());"),
        ["static M: Mutex<Vec<u8>>"]
    );
    assert_eq!(found("let s: &'static str = Box::leak(b);"), ["Box::leak"]);
    assert_eq!(
        found("thread_local! { static P: RefCell<u8> = const { RefCell::new(0) }; }"),
        ["static P: RefCell<u8>", "thread_local!"]
    );
    // An immutable table, a lifetime, a comment, a string and an identifier are not state.
    assert!(found("static NAMES: [&str; 2] = [\"a\", \"b\"];").is_empty());
    assert!(found("static HOST: HeaderName = http::header::HOST;").is_empty());
    assert!(found("fn f() -> &'static str { \"static X: Mutex<u8> = ;\" }").is_empty());
    assert!(found("// static X: AtomicBool = ..\n/* Box::leak */ let c = '\"';").is_empty());
    assert!(
        found("let v = HeaderValue::from_static(\"*\"); let s = r#\"static A: Atomic\"#;")
            .is_empty()
    );
}
