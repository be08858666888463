//! A configuration file never panics the library, whatever its text: TOML or JSON that
//! does not parse, keys no section has, values the builder refuses (each error is located
//! in the text, which is where a slice inside a character would panic), and a file that
//! builds renders and lints.
#![no_main]

use libfuzzer_sys::fuzz_target;
use secure_headers::Secure;
use secure_headers::config::{Config, Format};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for format in [Format::Toml, Format::Json] {
        match Secure::from_config_str(text, format) {
            Ok(secure) => {
                let _ = secure.to_string();
            }
            Err(e) => {
                let _ = e.to_string();
            }
        }
        if let Ok(config) = Config::from_str(text, format) {
            // What parses serializes back, and what builds lints.
            let _ = config.to_toml();
            let _ = config.to_json();
            if let Ok(builder) = config.into_builder() {
                let _ = builder.validate();
            }
        }
    }
});
