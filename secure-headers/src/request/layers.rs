//! The files of the request module import each other without a cycle: read from the
//! sources, each file's `super::x` and `crate::request::x` (and `crate::transport`, the
//! public path of `transport`) name a sibling file, and those edges form a DAG.

use std::collections::BTreeMap;

/// The sibling files `text` (one file of the module, tests cut off) imports, or why it
/// cannot be read so: an edge through `mod.rs`'s re-exports (`super::Refusal`) or a glob
/// (`super::*`) would hide which file it comes from.
fn edges(file: &str, text: &str, files: &[&str]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for line in text.lines() {
        if line.trim_start().starts_with("//") {
            continue;
        }
        for prefix in ["super::", "crate::request::", "crate::transport"] {
            let mut rest = line;
            while let Some(at) = rest.find(prefix) {
                rest = &rest[at + prefix.len()..];
                let name: String = if prefix == "crate::transport" {
                    "transport".to_owned()
                } else {
                    rest.chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect()
                };
                if !files.contains(&name.as_str()) {
                    return Err(format!(
                        "{file}.rs: `{}` goes through mod.rs; name the sibling file it comes \
                         from (`super::view::RequestView`), so that the layering stays visible",
                        line.trim()
                    ));
                }
                if name != file && !out.contains(&name) {
                    out.push(name);
                }
            }
        }
    }
    Ok(out)
}

/// A cycle among `graph`'s files, as the files along it, if there is one.
fn cycle(graph: &BTreeMap<String, Vec<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, Vec<String>>,
        path: &mut Vec<String>,
        done: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_owned());
            return Some(found);
        }
        if done.iter().any(|n| n == node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.push(node.to_owned());
        None
    }
    let mut done = Vec::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

/// The import graph of `sources` (file name without `.rs`, its text).
fn graph(sources: &[(String, String)]) -> Result<BTreeMap<String, Vec<String>>, String> {
    let files: Vec<&str> = sources.iter().map(|(name, _)| name.as_str()).collect();
    let mut graph = BTreeMap::new();
    for (name, text) in sources {
        // Unit tests sit at the end of a file and may use anything.
        let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
        graph.insert(name.clone(), edges(name, code, &files)?);
    }
    Ok(graph)
}

fn sources() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/request");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        if path.extension().is_some_and(|e| e == "rs") && name != "mod" && name != "layers" {
            out.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
    out.sort();
    out
}

#[test]
fn request_module_has_no_cycle() {
    let graph = graph(&sources()).unwrap();
    assert_eq!(cycle(&graph), None, "import graph: {graph:#?}");
    // The leaves the module's documentation names import nothing of the module.
    for leaf in ["view", "parse", "forwarded", "context", "report_paths"] {
        assert_eq!(graph[leaf], Vec::<String>::new(), "{leaf}.rs");
    }
    // And the transport settings are not a layer above the checks that read them.
    assert!(graph["decide"].contains(&"transport".to_owned()));
    assert!(graph["inspect"].contains(&"decide".to_owned()));
}

/// The check itself finds what it is for: the cycle `request/` and `transport/` had
/// (cross-origin protection reading `Transport`, which holds it), and edges hidden
/// behind `mod.rs`.
#[test]
fn the_check_finds_a_cycle_and_a_hidden_edge() {
    let file = |name: &str, text: &str| (name.to_owned(), text.to_owned());
    let cyclic = [
        file("view", "pub trait RequestView {}"),
        file(
            "decide",
            "use super::cross_origin::CrossOriginProtection;\nuse super::view::RequestView;",
        ),
        file("cross_origin", "fn f(t: &super::decide::Transport) {}"),
    ];
    let found = cycle(&graph(&cyclic).unwrap()).unwrap();
    assert_eq!(found, ["cross_origin", "decide", "cross_origin"]);

    let through_transport = [
        file("decide", "use super::cross_origin::CrossOriginProtection;"),
        file("cross_origin", "use crate::transport::HstsMode;"),
        file("transport", "use super::decide::Transport;"),
    ];
    let found = cycle(&graph(&through_transport).unwrap()).unwrap();
    assert_eq!(found.len(), 4, "{found:?}");

    // Tests and comments are not edges.
    let fine = [
        file(
            "view",
            "// see super::decide\n#[cfg(test)]\nmod tests {\n use super::decide::X;\n}",
        ),
        file("decide", "use super::view::RequestView;"),
    ];
    assert_eq!(cycle(&graph(&fine).unwrap()), None);

    let hidden = [file("decide", "use super::Refusal;"), file("refusal", "")];
    let err = graph(&hidden).unwrap_err();
    assert!(
        err.starts_with("decide.rs: `use super::Refusal;` goes through mod.rs"),
        "{err}"
    );
    let glob = [file("decide", "use super::*;")];
    assert!(graph(&glob).is_err());
}
