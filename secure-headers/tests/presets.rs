//! The presets emit exactly what `secure` 2.0.1 emits: name for name, value for value and in
//! the same order. `data/presets-secure-2.0.1.txt` is the output of `secure` 2.0.1's
//! `Secure.from_preset(Preset.X).header_items()`.

use secure_headers::{Preset, Secure};

/// Parses the reference file into `(section, [(name, value)])`.
fn reference() -> Vec<(String, Vec<(String, String)>)> {
    let text = include_str!("data/presets-secure-2.0.1.txt");
    let mut sections: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            sections.push((name.to_owned(), Vec::new()));
            continue;
        }
        let (name, value) = line.split_once(": ").expect("`Name: value` line");
        let section = sections.last_mut().expect("a section header first");
        section.1.push((name.to_owned(), value.to_owned()));
    }
    sections
}

fn items(secure: &Secure) -> Vec<(String, String)> {
    secure
        .header_items()
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect()
}

#[test]
fn every_preset_matches_the_seed_exactly() {
    let reference = reference();
    assert_eq!(reference.len(), 3, "three presets in the reference file");
    for (section, expected) in reference {
        let preset: Preset = section.to_lowercase().parse().unwrap();
        assert_eq!(
            items(&Secure::from_preset(preset)),
            expected,
            "preset {preset}"
        );
    }
}

#[test]
fn counts_and_default() {
    assert_eq!(
        Secure::from_preset(Preset::Balanced).header_items().len(),
        9
    );
    assert_eq!(Secure::from_preset(Preset::Basic).header_items().len(), 12);
    assert_eq!(Secure::from_preset(Preset::Strict).header_items().len(), 10);
    assert_eq!(
        Secure::with_default_headers(),
        Secure::from_preset(Preset::Balanced)
    );
    assert_eq!(Secure::default(), Secure::from_preset(Preset::Balanced));
}

#[test]
fn display_is_name_value_lines() {
    let text = Secure::from_preset(Preset::Strict).to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Cache-Control: no-store, max-age=0");
    assert_eq!(lines[7], "Server: ");
    assert_eq!(lines[9], "X-Frame-Options: DENY");
}

#[test]
fn presets_pass_the_default_allowlist_like_the_seed() {
    use secure_headers::pipeline::AllowlistOptions;
    for preset in Preset::ALL {
        let s = preset
            .builder()
            .allowlist_headers(AllowlistOptions::new())
            .build()
            .unwrap();
        assert_eq!(s, Secure::from_preset(preset));
    }
}

#[test]
fn normalizing_a_preset_drops_the_empty_server_header_like_the_seed() {
    use secure_headers::pipeline::{Action, NormalizeOptions};
    let s = Preset::Balanced
        .builder()
        .validate_and_normalize_headers(NormalizeOptions::new())
        .build()
        .unwrap();
    assert_eq!(s.header_items().len(), 8);
    assert!(s.header_items().all(|(n, _)| n != "Server"));
    assert_eq!(s.report().decisions()[0].action(), Action::Dropped);
    assert_eq!(
        s.report().decisions()[0].message(),
        "dropping header 'Server': empty value"
    );
}
