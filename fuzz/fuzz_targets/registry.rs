//! Every row of the registry, read through its type's parser (`HeaderInfo::parse`), never
//! panics, and what parses renders, parses back and renders the same. A header added to
//! the registry is fuzzed here with no edit.
#![no_main]

use libfuzzer_sys::fuzz_target;
use secure_headers::registry::HEADERS;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the row, the rest is its value.
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let row = &HEADERS[usize::from(*first) % HEADERS.len()];
    let Ok(parsed) = row.parse(text) else {
        return;
    };
    let rendered = parsed.render().expect("a parsed value renders");
    let again = row.parse(&rendered).expect("a rendered value parses");
    assert_eq!(
        again.render().expect("it renders again"),
        rendered,
        "{}",
        row.name
    );
});
