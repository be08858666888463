//! Every list of headers a reader sees names every row of the registry
//! (`secure_headers::registry::HEADERS`): adding a header without adding it to one of
//! these lists fails here.

use secure_headers::registry::HEADERS;

/// The crate documentation's table of supported headers (`src/lib.rs`): one row per header.
#[test]
fn the_crate_docs_table_has_a_row_per_header() {
    let lib = include_str!("../src/lib.rs");
    let missing: Vec<&str> = HEADERS
        .iter()
        .map(|h| h.name)
        .filter(|name| !lib.contains(&format!("//! | {name} |")))
        .collect();
    assert!(missing.is_empty(), "src/lib.rs's table misses {missing:?}");
}

/// `SecureBuilder`'s documentation of the emission order (`src/secure/builder.rs`): every
/// header, in the registry's order.
#[test]
fn the_builder_docs_give_the_emission_order_of_every_header() {
    let builder = include_str!("../src/secure/builder.rs");
    let start = builder
        .find("/// Headers are emitted in a fixed order")
        .expect("the emission-order paragraph");
    let end = start
        + builder[start..]
            .find("/// then the custom headers")
            .expect("the end of the emission-order paragraph");
    let paragraph: String = builder[start..end]
        .lines()
        .map(|l| l.trim_start_matches("///"))
        .collect();
    // The names are the backticked words that are not links.
    let listed: Vec<&str> = paragraph
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    let registry: Vec<&str> = HEADERS.iter().map(|h| h.name).collect();
    assert_eq!(listed, registry);
}

/// The configuration file's keys table (`src/config/mod.rs`): every raw-value key.
#[test]
fn the_config_docs_list_every_key() {
    let config = include_str!("../src/config/mod.rs");
    let missing: Vec<&str> = HEADERS
        .iter()
        .filter_map(|h| h.config_key)
        .filter(|key| !config.contains(&format!("`{key}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "src/config/mod.rs's keys table misses {missing:?}"
    );
}
