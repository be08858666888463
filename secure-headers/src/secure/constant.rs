//! The presets as constants. A `Secure` that is exactly a [`Preset`] (the same names,
//! values and insert modes, nothing else to do: no removal, no cookie hardening, no nonce,
//! no HSTS for secure requests only) writes each response a copy of names and values
//! built at compile time, as a hand-written `const` header does: no clone, which for a
//! static value or a name that `http` has no standard form for is a call through the
//! `Bytes` vtable, and one straight run of inserts instead of a loop over the entries.
//!
//! Which preset a `Secure` is, if any, is found once at build time by comparing its
//! entries with the tables here ([`preset_of`]), so a table that drifted from its preset
//! only loses the shortcut; the tests check that each table is its preset.

#[cfg(any(feature = "poem", test))]
use http::{HeaderName, HeaderValue};

use super::{Entry, InsertMode};
use crate::Preset;

/// A preset as `(name, value, mode)`, in the order it sends them.
type Table = [(&'static str, &'static str, InsertMode)];

const O: InsertMode = InsertMode::Overwrite;
const A: InsertMode = InsertMode::Append;

const BASE_CSP: &str = "default-src 'self'; base-uri 'self'; font-src 'self' https: data:; form-action 'self'; frame-ancestors 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self' https: 'unsafe-inline'; upgrade-insecure-requests";

const BASIC_ROWS: [(&str, &str, InsertMode); 12] = [
    ("cross-origin-opener-policy", "same-origin", O),
    ("cross-origin-resource-policy", "same-origin", O),
    ("content-security-policy", BASE_CSP, A),
    (
        "strict-transport-security",
        "max-age=31536000; includeSubDomains",
        O,
    ),
    ("referrer-policy", "no-referrer", O),
    ("x-permitted-cross-domain-policies", "none", O),
    ("x-dns-prefetch-control", "off", O),
    ("x-content-type-options", "nosniff", O),
    ("x-frame-options", "SAMEORIGIN", O),
    ("origin-agent-cluster", "?1", O),
    ("x-download-options", "noopen", O),
    ("x-xss-protection", "0", O),
];

const BALANCED_ROWS: [(&str, &str, InsertMode); 9] = [
    ("cross-origin-opener-policy", "same-origin", O),
    ("cross-origin-resource-policy", "same-origin", O),
    ("content-security-policy", BASE_CSP, A),
    (
        "strict-transport-security",
        "max-age=31536000; includeSubDomains",
        O,
    ),
    (
        "permissions-policy",
        "geolocation=(), microphone=(), camera=()",
        O,
    ),
    ("referrer-policy", "strict-origin-when-cross-origin", O),
    ("server", "", O),
    ("x-content-type-options", "nosniff", O),
    ("x-frame-options", "SAMEORIGIN", O),
];

const STRICT_ROWS: [(&str, &str, InsertMode); 10] = [
    ("cache-control", "no-store, max-age=0", O),
    ("cross-origin-embedder-policy", "require-corp", O),
    ("cross-origin-opener-policy", "same-origin", O),
    (
        "content-security-policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
        A,
    ),
    (
        "strict-transport-security",
        "max-age=63072000; includeSubDomains",
        O,
    ),
    (
        "permissions-policy",
        "geolocation=(), microphone=(), camera=()",
        O,
    ),
    ("referrer-policy", "no-referrer", O),
    ("server", "", O),
    ("x-content-type-options", "nosniff", O),
    ("x-frame-options", "DENY", O),
];

/// The table of `preset`.
fn table(preset: Preset) -> &'static Table {
    match preset {
        Preset::Basic => &BASIC_ROWS,
        Preset::Balanced => &BALANCED_ROWS,
        Preset::Strict => &STRICT_ROWS,
    }
}

/// The preset `entries` are exactly, if any: the same names, values and modes in the same
/// order, none with a nonce or for secure requests only. The caller checks that the
/// `Secure` has nothing else to do.
pub(super) fn preset_of(entries: &[Entry]) -> Option<Preset> {
    Preset::ALL.into_iter().find(|&preset| {
        let table = table(preset);
        entries.len() == table.len()
            && entries.iter().zip(table).all(|(e, &(name, value, mode))| {
                e.header_name == name
                    && e.value.as_bytes() == value.as_bytes()
                    && e.mode == mode
                    && e.template.is_none()
                    && !e.only_secure
            })
    })
}

/// The pairs of a table as `$name` and `$value` (`http`'s types), built at compile time;
/// `$i` are the table's places. No modes: `http`'s pairs are only ever inserted (no byte
/// more to copy than a hand-written `const` array of pairs).
#[cfg(any(feature = "poem", test))]
macro_rules! pairs {
    ($table:ident, $name:ty, $value:ty; $($i:literal)*) => {
        [$((
            <$name>::from_static($table[$i].0),
            <$value>::from_static($table[$i].1),
        )),*]
    };
}

#[cfg(any(feature = "poem", test))]
#[allow(
    clippy::declare_interior_mutable_const,
    reason = "HeaderName and HeaderValue constants are the http crate's own pattern"
)]
mod http_pairs {
    use super::*;

    pub(super) const BASIC: [(HeaderName, HeaderValue); 12] =
        pairs!(BASIC_ROWS, HeaderName, HeaderValue; 0 1 2 3 4 5 6 7 8 9 10 11);
    pub(super) const BALANCED: [(HeaderName, HeaderValue); 9] =
        pairs!(BALANCED_ROWS, HeaderName, HeaderValue; 0 1 2 3 4 5 6 7 8);
    pub(super) const STRICT: [(HeaderName, HeaderValue); 10] =
        pairs!(STRICT_ROWS, HeaderName, HeaderValue; 0 1 2 3 4 5 6 7 8 9);
}

/// Writes `preset` into `map` by `insert` alone: only where
/// [`Secure::only_inserts`](super::Secure) holds for a `Secure` that is `preset`, so that
/// inserting is what every entry's mode does. Inline: compiled where it is called, with
/// the instance of `http`'s `insert` that the application's own inserts use (an instance
/// compiled in this crate calls the hash out of line).
#[cfg(feature = "poem")]
#[inline]
pub(super) fn insert(map: &mut http::HeaderMap, preset: Preset) {
    match preset {
        Preset::Basic => insert_all(map, http_pairs::BASIC),
        Preset::Balanced => insert_all(map, http_pairs::BALANCED),
        Preset::Strict => insert_all(map, http_pairs::STRICT),
    }
}

/// Room for all of `pairs` first, then each moved in.
#[cfg(feature = "poem")]
#[inline(always)]
fn insert_all<const N: usize>(map: &mut http::HeaderMap, pairs: [(HeaderName, HeaderValue); N]) {
    map.reserve(N);
    for (name, value) in pairs {
        map.insert(name, value);
    }
}

/// The rows `$i` of `$table` written into actix-web's `$map`: appended when `$fresh` or
/// when the row appends, else inserted.
#[cfg(feature = "actix-web")]
macro_rules! put_actix {
    ($map:ident, $fresh:ident, $table:ident; $($i:literal)*) => {{
        use actix_web_4::http::header::{HeaderName, HeaderValue};
        $(
            let name = const { HeaderName::from_static($table[$i].0) };
            let value = const { HeaderValue::from_static($table[$i].1) };
            if $fresh || matches!($table[$i].2, InsertMode::Append) {
                $map.append(name, value);
            } else {
                $map.insert(name, value);
            }
        )*
    }};
}

/// Writes `preset` into actix-web's `map`, each pair by its mode (the application's
/// CSP stays, ours is added after it; every other name is replaced), as
/// [`InsertMode::apply`] does: for a `Secure` that is `preset`. Room for all first. Into a
/// map that has none of the preset's names (a response without security headers of its
/// own, looked through without hashing while it is small), appending is what every mode
/// does, and actix-web's `append` is the cheaper by far (its `insert` makes and returns
/// what it replaced: about 90 instructions a header). Straight-line, one call per pair
/// with its name and value made from constants where the call takes them, as a
/// hand-written wrapper writes it.
#[cfg(feature = "actix-web")]
#[inline]
pub(crate) fn insert_actix(map: &mut actix_web_4::http::header::HeaderMap, preset: Preset) {
    let rows = table(preset);
    let fresh = map.is_empty()
        || map.len_keys() <= 32
            && !map
                .keys()
                .any(|k| rows.iter().any(|&(name, _, _)| k.as_str() == name));
    map.reserve(rows.len());
    match preset {
        Preset::Basic => put_actix!(map, fresh, BASIC_ROWS; 0 1 2 3 4 5 6 7 8 9 10 11),
        Preset::Balanced => put_actix!(map, fresh, BALANCED_ROWS; 0 1 2 3 4 5 6 7 8),
        Preset::Strict => put_actix!(map, fresh, STRICT_ROWS; 0 1 2 3 4 5 6 7 8 9),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Secure;

    /// Each table is its preset, value for value, and a `Secure` built from a preset is
    /// found to be it; a changed one is not.
    #[test]
    fn each_table_is_its_preset() {
        for preset in Preset::ALL {
            let secure = Secure::from_preset(preset);
            let entries = secure.entries();
            let rows: Vec<_> = entries
                .iter()
                .map(|e| (e.header_name().as_str(), e.value_str(), e.mode()))
                .collect();
            assert_eq!(rows, table(preset), "{preset}");
            assert_eq!(secure.inner.preset, Some(preset), "{preset}");
        }
        let changed = Preset::Balanced
            .builder()
            .map_xfo(|x| x.deny())
            .build()
            .unwrap();
        assert_eq!(changed.inner.preset, None);
        let mode = Preset::Balanced
            .builder()
            .insert_mode("X-Frame-Options", InsertMode::IfAbsent)
            .build()
            .unwrap();
        assert_eq!(mode.inner.preset, None);
        let cookies = Preset::Balanced
            .builder()
            .harden_cookies(crate::CookieHardening::new())
            .build()
            .unwrap();
        assert_eq!(cookies.inner.preset, None);
    }

    /// Into actix-web's map, each pair of each preset by its mode whatever the map holds:
    /// on an empty map and on one with other headers, ours once each; on one with the
    /// application's `X-Frame-Options` and CSP, its `X-Frame-Options` replaced and its CSP
    /// kept before ours.
    #[cfg(feature = "actix-web")]
    #[test]
    fn actix_web_gets_each_pair_by_its_mode() {
        use actix_web_4::http::header::{HeaderMap, HeaderName, HeaderValue};

        let name = |n: &'static str| HeaderName::from_static(n);
        let value = |v: &'static str| HeaderValue::from_static(v);
        let all = |map: &HeaderMap, n: &str| -> Vec<String> {
            let values = map.get_all(n);
            values.map(|v| v.to_str().unwrap().to_owned()).collect()
        };
        for (preset, theirs) in Preset::ALL
            .into_iter()
            .flat_map(|p| [(p, 0), (p, 1), (p, 2)])
        {
            let mut map = HeaderMap::new();
            if theirs >= 1 {
                map.insert(name("content-type"), value("text/plain"));
            }
            if theirs == 2 {
                map.insert(name("x-frame-options"), value("ALLOWALL"));
                map.insert(name("content-security-policy"), value("img-src 'none'"));
            }
            insert_actix(&mut map, preset);
            let rows = table(preset);
            for &(n, v, _) in rows {
                let expected = match n {
                    "content-security-policy" if theirs == 2 => vec!["img-src 'none'", v],
                    _ => vec![v],
                };
                assert_eq!(all(&map, n), expected, "{preset}: {n}, theirs: {theirs}");
            }
            let others = usize::from(theirs >= 1);
            let case = format!("{preset}, theirs: {theirs}");
            assert_eq!(map.len_keys(), rows.len() + others, "{case}");
        }
    }

    /// The constants are the tables.
    #[test]
    fn the_constants_are_the_tables() {
        let http = [
            (Preset::Basic, http_pairs::BASIC.to_vec()),
            (Preset::Balanced, http_pairs::BALANCED.to_vec()),
            (Preset::Strict, http_pairs::STRICT.to_vec()),
        ];
        for (preset, pairs) in http {
            let rows: Vec<_> = pairs
                .iter()
                .zip(table(preset))
                .map(|((n, v), &(_, _, m))| (n.as_str(), v.to_str().unwrap(), m))
                .collect();
            assert_eq!(rows, table(preset), "{preset}");
        }
    }
}
