//! A configuration builds its `Secure` once: building is where development mode is
//! announced (a warning, through `tracing` and from there `log`), so the warnings a
//! configuration causes count the builds. This file holds one test, so that its logger is
//! the process's only one.

use std::sync::Mutex;

use secure_headers::Secure;
use secure_headers::config::Format;

static WARNINGS: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Capture;

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }

    fn log(&self, record: &log::Record<'_>) {
        if record.level() == log::Level::Warn && record.target() == "secure_headers" {
            WARNINGS.lock().unwrap().push(record.args().to_string());
        }
    }

    fn flush(&self) {}
}

#[test]
fn a_configuration_builds_its_secure_once() {
    log::set_logger(&Capture).unwrap();
    log::set_max_level(log::LevelFilter::Info);
    let secure = Secure::from_config_str("development-mode = true", Format::Toml).unwrap();
    assert_eq!(
        *WARNINGS.lock().unwrap(),
        [
            "development mode is on: no HSTS, no upgrade-insecure-requests, no HTTPS redirect, no host check"
        ]
    );
    assert!(
        secure
            .header_items()
            .all(|(name, _)| name != "Strict-Transport-Security")
    );

    // Building from the builder the configuration gives checks it (one build) and builds
    // it (another): two, as the caller asked for two.
    WARNINGS.lock().unwrap().clear();
    let config = secure_headers::config::Config::from_toml("development-mode = true").unwrap();
    let built = config.into_builder().unwrap().build().unwrap();
    assert_eq!(WARNINGS.lock().unwrap().len(), 2);
    assert_eq!(built, secure);
}
