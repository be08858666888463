use super::*;
use crate::{Preset, SecureBuilder, XFrameOptions};

#[test]
fn no_preset_is_written_as_a_raw_value() {
    for preset in [Preset::Basic, Preset::Balanced, Preset::Strict] {
        let code = rust_code(&Secure::from_preset(preset));
        assert!(!code.contains(".value("), "{preset:?}:\n{code}");
        assert!(!code.contains("CustomHeader"), "{preset:?}:\n{code}");
    }
}

#[test]
fn what_no_typed_call_gives_back_is_its_value_under_a_comment() {
    let secure = SecureBuilder::new()
        .xfo(XFrameOptions::new().value("deny"))
        .build()
        .unwrap();
    assert_eq!(
        rust_code(&secure),
        "use secure_headers::{Secure, XFrameOptions};\n\nlet secure = Secure::builder()\n    \
         // XFrameOptions: written as its value, which no typed call gives back exactly\n    \
         .xfo(XFrameOptions::new().value(\"deny\"))\n    .build()?;\n"
    );
}
