//! The policy-controlled features that [`PermissionsPolicy`] has a method for.

use std::fmt;
use std::str::FromStr;

use super::HEADER;
#[cfg(doc)]
use super::PermissionsPolicy;
use crate::{Error, ErrorKind};

/// A policy-controlled feature, named as in the `Permissions-Policy` header.
///
/// The list is every feature of the W3C registry of policy-controlled features
/// ([`features.md`](https://github.com/w3c/webappsec-permissions-policy/blob/main/features.md):
/// standardized, proposed, experimental and retired), plus those that Chromium
/// ships and the registry does not list (the `NOT_IN_REGISTRY` list of the tests:
/// `aria-notify`, more client hints, Local Network Access, ...). The registry's
/// names are pinned in `data/permissions-policy-features.txt` and a test fails
/// when this enum and that copy differ. Browsers add features often, so the enum
/// is `#[non_exhaustive]`; a feature that is not here yet can be set by name with
/// [`PermissionsPolicy::add_directive`].
///
/// Each variant's name and description are a row of one table, in the variants'
/// order; [`PermissionsPolicy`] has one method per variant (`camera`, ...).
///
/// ```
/// use secure_headers::permissions_policy::Feature;
///
/// assert_eq!(Feature::XrSpatialTracking.as_str(), "xr-spatial-tracking");
/// assert_eq!("camera".parse::<Feature>().unwrap(), Feature::Camera);
/// assert_eq!("keyboard-map".parse::<Feature>().unwrap(), Feature::KeyboardMap);
/// assert_eq!(Feature::ALL.len(), 105);
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Feature {
    /// `accelerometer`: the Accelerometer sensor.
    Accelerometer,
    /// `all-screens-capture`: capturing every screen at once (Capture All Screens API).
    AllScreensCapture,
    /// `ambient-light-sensor`: the Ambient Light sensor.
    AmbientLightSensor,
    /// `aria-notify`: ARIA notifications (`ariaNotify`).
    AriaNotify,
    /// `attribution-reporting`: the Attribution Reporting API.
    AttributionReporting,
    /// `autofill`: browser autofill of form fields (proposed).
    Autofill,
    /// `autoplay`: autoplaying media.
    Autoplay,
    /// `battery`: the Battery Status API (non-standard).
    Battery,
    /// `bluetooth`: the Web Bluetooth API.
    Bluetooth,
    /// `browsing-topics`: the Topics API.
    BrowsingTopics,
    /// `camera`: video input devices (the camera).
    Camera,
    /// `captured-surface-control`: the Captured Surface Control API.
    CapturedSurfaceControl,
    /// `ch-device-memory`: the `Sec-CH-Device-Memory` client hint.
    ChDeviceMemory,
    /// `ch-downlink`: the `Downlink` client hint.
    ChDownlink,
    /// `ch-dpr`: the `Sec-CH-DPR` client hint.
    ChDpr,
    /// `ch-ect`: the `ECT` client hint.
    ChEct,
    /// `ch-prefers-color-scheme`: the `Sec-CH-Prefers-Color-Scheme` client hint.
    ChPrefersColorScheme,
    /// `ch-prefers-reduced-motion`: the `Sec-CH-Prefers-Reduced-Motion` client hint.
    ChPrefersReducedMotion,
    /// `ch-prefers-reduced-transparency`: the `Sec-CH-Prefers-Reduced-Transparency` client hint.
    ChPrefersReducedTransparency,
    /// `ch-rtt`: the `RTT` client hint.
    ChRtt,
    /// `ch-save-data`: the `Save-Data` client hint.
    ChSaveData,
    /// `ch-ua`: the `Sec-CH-UA` client hint.
    ChUa,
    /// `ch-ua-arch`: the `Sec-CH-UA-Arch` client hint.
    ChUaArch,
    /// `ch-ua-bitness`: the `Sec-CH-UA-Bitness` client hint.
    ChUaBitness,
    /// `ch-ua-form-factors`: the `Sec-CH-UA-Form-Factors` client hint.
    ChUaFormFactors,
    /// `ch-ua-full-version`: the `Sec-CH-UA-Full-Version` client hint.
    ChUaFullVersion,
    /// `ch-ua-full-version-list`: the `Sec-CH-UA-Full-Version-List` client hint.
    ChUaFullVersionList,
    /// `ch-ua-high-entropy-values`: `navigator.userAgentData.getHighEntropyValues()`.
    ChUaHighEntropyValues,
    /// `ch-ua-mobile`: the `Sec-CH-UA-Mobile` client hint.
    ChUaMobile,
    /// `ch-ua-model`: the `Sec-CH-UA-Model` client hint.
    ChUaModel,
    /// `ch-ua-platform`: the `Sec-CH-UA-Platform` client hint.
    ChUaPlatform,
    /// `ch-ua-platform-version`: the `Sec-CH-UA-Platform-Version` client hint.
    ChUaPlatformVersion,
    /// `ch-ua-wow64`: the `Sec-CH-UA-WoW64` client hint.
    ChUaWow64,
    /// `ch-viewport-height`: the `Sec-CH-Viewport-Height` client hint.
    ChViewportHeight,
    /// `ch-viewport-width`: the `Sec-CH-Viewport-Width` client hint.
    ChViewportWidth,
    /// `ch-width`: the `Sec-CH-Width` client hint.
    ChWidth,
    /// `clipboard-read`: reading from the clipboard.
    ClipboardRead,
    /// `clipboard-write`: writing to the clipboard.
    ClipboardWrite,
    /// `compute-pressure`: the Compute Pressure API.
    ComputePressure,
    /// `conversion-measurement`: the former Conversion Measurement API (experimental).
    ConversionMeasurement,
    /// `cross-origin-isolated`: cross-origin isolation.
    CrossOriginIsolated,
    /// `deferred-fetch`: deferred fetching (`fetchLater()`).
    DeferredFetch,
    /// `deferred-fetch-minimal`: the minimal `fetchLater()` quota of cross-origin frames.
    DeferredFetchMinimal,
    /// `digital-credentials-create`: creating digital credentials (Digital Credentials API).
    DigitalCredentialsCreate,
    /// `digital-credentials-get`: requesting digital credentials (Digital Credentials API).
    DigitalCredentialsGet,
    /// `direct-sockets`: the Direct Sockets API.
    DirectSockets,
    /// `display-capture`: screen capture (`getDisplayMedia`).
    DisplayCapture,
    /// `document-domain`: setting `document.domain` (deprecated).
    DocumentDomain,
    /// `encrypted-media`: the Encrypted Media Extensions API.
    EncryptedMedia,
    /// `execution-while-not-rendered`: running script while the frame is not rendered (experimental).
    ExecutionWhileNotRendered,
    /// `execution-while-out-of-viewport`: running script while the frame is out of the viewport (experimental).
    ExecutionWhileOutOfViewport,
    /// `focus-without-user-activation`: focusing elements without a user activation (experimental).
    FocusWithoutUserActivation,
    /// `fullscreen`: the Fullscreen API.
    Fullscreen,
    /// `gamepad`: the Gamepad API.
    Gamepad,
    /// `geolocation`: the Geolocation API.
    Geolocation,
    /// `gyroscope`: the Gyroscope sensor.
    Gyroscope,
    /// `hid`: the WebHID API.
    Hid,
    /// `identity-credentials-get`: the Federated Credential Management API.
    IdentityCredentialsGet,
    /// `idle-detection`: the Idle Detection API.
    IdleDetection,
    /// `interest-cohort`: FLoC's `document.interestCohort()` (removed; still parsed, and sent to opt out).
    InterestCohort,
    /// `join-ad-interest-group`: joining Protected Audience interest groups.
    JoinAdInterestGroup,
    /// `keyboard-map`: the Keyboard Map API (`navigator.keyboard.getLayoutMap()`).
    KeyboardMap,
    /// `language-detector`: the Language Detector API.
    LanguageDetector,
    /// `language-model`: the Prompt API (`LanguageModel`).
    LanguageModel,
    /// `local-fonts`: the Local Font Access API.
    LocalFonts,
    /// `local-network`: requests to local-network addresses (Local Network Access).
    LocalNetwork,
    /// `local-network-access`: requests to local-network and loopback addresses (Local Network Access).
    LocalNetworkAccess,
    /// `loopback-network`: requests to loopback addresses (Local Network Access).
    LoopbackNetwork,
    /// `magnetometer`: the Magnetometer sensor.
    Magnetometer,
    /// `manual-text`: text input typed by the user only (proposed).
    ManualText,
    /// `media-playback-while-not-visible`: media playback while the frame is not visible (experimental).
    MediaPlaybackWhileNotVisible,
    /// `mediasession`: the Media Session API.
    Mediasession,
    /// `microphone`: audio input devices (the microphone).
    Microphone,
    /// `midi`: the Web MIDI API.
    Midi,
    /// `monetization`: Web Monetization.
    Monetization,
    /// `navigation-override`: navigation overrides (experimental).
    NavigationOverride,
    /// `on-device-speech-recognition`: on-device speech recognition.
    OnDeviceSpeechRecognition,
    /// `otp-credentials`: the WebOTP API.
    OtpCredentials,
    /// `payment`: the Payment Request API.
    Payment,
    /// `picture-in-picture`: Picture-in-Picture video.
    PictureInPicture,
    /// `private-state-token-issuance`: issuing Private State Tokens.
    PrivateStateTokenIssuance,
    /// `private-state-token-redemption`: redeeming Private State Tokens.
    PrivateStateTokenRedemption,
    /// `publickey-credentials-create`: creating WebAuthn credentials.
    PublickeyCredentialsCreate,
    /// `publickey-credentials-get`: getting WebAuthn assertions.
    PublickeyCredentialsGet,
    /// `rewriter`: the Rewriter API.
    Rewriter,
    /// `run-ad-auction`: running Protected Audience ad auctions.
    RunAdAuction,
    /// `screen-wake-lock`: the Screen Wake Lock API.
    ScreenWakeLock,
    /// `serial`: the Web Serial API.
    Serial,
    /// `smart-card`: the Web Smart Card API.
    SmartCard,
    /// `speaker-selection`: choosing audio output devices.
    SpeakerSelection,
    /// `storage-access`: the Storage Access API.
    StorageAccess,
    /// `summarizer`: the Summarizer API.
    Summarizer,
    /// `sync-script`: parser-blocking scripts (experimental).
    SyncScript,
    /// `sync-xhr`: synchronous `XMLHttpRequest` (non-standard).
    SyncXhr,
    /// `tools`: WebMCP tools.
    Tools,
    /// `translator`: the Translator API.
    Translator,
    /// `trust-token-redemption`: Private State Token (Trust Token) redemption (experimental).
    TrustTokenRedemption,
    /// `unload`: `unload` event handlers.
    Unload,
    /// `usb`: the WebUSB API.
    Usb,
    /// `vertical-scroll`: vertical scrolling that the frame cannot block (experimental).
    VerticalScroll,
    /// `web-share`: the Web Share API.
    WebShare,
    /// `window-management`: the Window Management API.
    WindowManagement,
    /// `window-placement`: the former name of `window-management` (retired).
    WindowPlacement,
    /// `writer`: the Writer API.
    Writer,
    /// `xr-spatial-tracking`: WebXR spatial tracking.
    XrSpatialTracking,
}

/// Each [`Feature`]'s name as written in the header and what it gates, one row per
/// variant, in the variants' order (the row of a variant is at its index).
#[rustfmt::skip]
const FEATURES: [(Feature, &str, &str); 105] = [
    (Feature::Accelerometer, "accelerometer", "the Accelerometer sensor"),
    (Feature::AllScreensCapture, "all-screens-capture", "capturing every screen at once (Capture All Screens API)"),
    (Feature::AmbientLightSensor, "ambient-light-sensor", "the Ambient Light sensor"),
    (Feature::AriaNotify, "aria-notify", "ARIA notifications (`ariaNotify`)"),
    (Feature::AttributionReporting, "attribution-reporting", "the Attribution Reporting API"),
    (Feature::Autofill, "autofill", "browser autofill of form fields (proposed)"),
    (Feature::Autoplay, "autoplay", "autoplaying media"),
    (Feature::Battery, "battery", "the Battery Status API (non-standard)"),
    (Feature::Bluetooth, "bluetooth", "the Web Bluetooth API"),
    (Feature::BrowsingTopics, "browsing-topics", "the Topics API"),
    (Feature::Camera, "camera", "video input devices (the camera)"),
    (Feature::CapturedSurfaceControl, "captured-surface-control", "the Captured Surface Control API"),
    (Feature::ChDeviceMemory, "ch-device-memory", "the `Sec-CH-Device-Memory` client hint"),
    (Feature::ChDownlink, "ch-downlink", "the `Downlink` client hint"),
    (Feature::ChDpr, "ch-dpr", "the `Sec-CH-DPR` client hint"),
    (Feature::ChEct, "ch-ect", "the `ECT` client hint"),
    (Feature::ChPrefersColorScheme, "ch-prefers-color-scheme", "the `Sec-CH-Prefers-Color-Scheme` client hint"),
    (Feature::ChPrefersReducedMotion, "ch-prefers-reduced-motion", "the `Sec-CH-Prefers-Reduced-Motion` client hint"),
    (Feature::ChPrefersReducedTransparency, "ch-prefers-reduced-transparency", "the `Sec-CH-Prefers-Reduced-Transparency` client hint"),
    (Feature::ChRtt, "ch-rtt", "the `RTT` client hint"),
    (Feature::ChSaveData, "ch-save-data", "the `Save-Data` client hint"),
    (Feature::ChUa, "ch-ua", "the `Sec-CH-UA` client hint"),
    (Feature::ChUaArch, "ch-ua-arch", "the `Sec-CH-UA-Arch` client hint"),
    (Feature::ChUaBitness, "ch-ua-bitness", "the `Sec-CH-UA-Bitness` client hint"),
    (Feature::ChUaFormFactors, "ch-ua-form-factors", "the `Sec-CH-UA-Form-Factors` client hint"),
    (Feature::ChUaFullVersion, "ch-ua-full-version", "the `Sec-CH-UA-Full-Version` client hint"),
    (Feature::ChUaFullVersionList, "ch-ua-full-version-list", "the `Sec-CH-UA-Full-Version-List` client hint"),
    (Feature::ChUaHighEntropyValues, "ch-ua-high-entropy-values", "`navigator.userAgentData.getHighEntropyValues()`"),
    (Feature::ChUaMobile, "ch-ua-mobile", "the `Sec-CH-UA-Mobile` client hint"),
    (Feature::ChUaModel, "ch-ua-model", "the `Sec-CH-UA-Model` client hint"),
    (Feature::ChUaPlatform, "ch-ua-platform", "the `Sec-CH-UA-Platform` client hint"),
    (Feature::ChUaPlatformVersion, "ch-ua-platform-version", "the `Sec-CH-UA-Platform-Version` client hint"),
    (Feature::ChUaWow64, "ch-ua-wow64", "the `Sec-CH-UA-WoW64` client hint"),
    (Feature::ChViewportHeight, "ch-viewport-height", "the `Sec-CH-Viewport-Height` client hint"),
    (Feature::ChViewportWidth, "ch-viewport-width", "the `Sec-CH-Viewport-Width` client hint"),
    (Feature::ChWidth, "ch-width", "the `Sec-CH-Width` client hint"),
    (Feature::ClipboardRead, "clipboard-read", "reading from the clipboard"),
    (Feature::ClipboardWrite, "clipboard-write", "writing to the clipboard"),
    (Feature::ComputePressure, "compute-pressure", "the Compute Pressure API"),
    (Feature::ConversionMeasurement, "conversion-measurement", "the former Conversion Measurement API (experimental)"),
    (Feature::CrossOriginIsolated, "cross-origin-isolated", "cross-origin isolation"),
    (Feature::DeferredFetch, "deferred-fetch", "deferred fetching (`fetchLater()`)"),
    (Feature::DeferredFetchMinimal, "deferred-fetch-minimal", "the minimal `fetchLater()` quota of cross-origin frames"),
    (Feature::DigitalCredentialsCreate, "digital-credentials-create", "creating digital credentials (Digital Credentials API)"),
    (Feature::DigitalCredentialsGet, "digital-credentials-get", "requesting digital credentials (Digital Credentials API)"),
    (Feature::DirectSockets, "direct-sockets", "the Direct Sockets API"),
    (Feature::DisplayCapture, "display-capture", "screen capture (`getDisplayMedia`)"),
    (Feature::DocumentDomain, "document-domain", "setting `document.domain` (deprecated)"),
    (Feature::EncryptedMedia, "encrypted-media", "the Encrypted Media Extensions API"),
    (Feature::ExecutionWhileNotRendered, "execution-while-not-rendered", "running script while the frame is not rendered (experimental)"),
    (Feature::ExecutionWhileOutOfViewport, "execution-while-out-of-viewport", "running script while the frame is out of the viewport (experimental)"),
    (Feature::FocusWithoutUserActivation, "focus-without-user-activation", "focusing elements without a user activation (experimental)"),
    (Feature::Fullscreen, "fullscreen", "the Fullscreen API"),
    (Feature::Gamepad, "gamepad", "the Gamepad API"),
    (Feature::Geolocation, "geolocation", "the Geolocation API"),
    (Feature::Gyroscope, "gyroscope", "the Gyroscope sensor"),
    (Feature::Hid, "hid", "the WebHID API"),
    (Feature::IdentityCredentialsGet, "identity-credentials-get", "the Federated Credential Management API"),
    (Feature::IdleDetection, "idle-detection", "the Idle Detection API"),
    (Feature::InterestCohort, "interest-cohort", "FLoC's `document.interestCohort()` (removed; still parsed, and sent to opt out)"),
    (Feature::JoinAdInterestGroup, "join-ad-interest-group", "joining Protected Audience interest groups"),
    (Feature::KeyboardMap, "keyboard-map", "the Keyboard Map API (`navigator.keyboard.getLayoutMap()`)"),
    (Feature::LanguageDetector, "language-detector", "the Language Detector API"),
    (Feature::LanguageModel, "language-model", "the Prompt API (`LanguageModel`)"),
    (Feature::LocalFonts, "local-fonts", "the Local Font Access API"),
    (Feature::LocalNetwork, "local-network", "requests to local-network addresses (Local Network Access)"),
    (Feature::LocalNetworkAccess, "local-network-access", "requests to local-network and loopback addresses (Local Network Access)"),
    (Feature::LoopbackNetwork, "loopback-network", "requests to loopback addresses (Local Network Access)"),
    (Feature::Magnetometer, "magnetometer", "the Magnetometer sensor"),
    (Feature::ManualText, "manual-text", "text input typed by the user only (proposed)"),
    (Feature::MediaPlaybackWhileNotVisible, "media-playback-while-not-visible", "media playback while the frame is not visible (experimental)"),
    (Feature::Mediasession, "mediasession", "the Media Session API"),
    (Feature::Microphone, "microphone", "audio input devices (the microphone)"),
    (Feature::Midi, "midi", "the Web MIDI API"),
    (Feature::Monetization, "monetization", "Web Monetization"),
    (Feature::NavigationOverride, "navigation-override", "navigation overrides (experimental)"),
    (Feature::OnDeviceSpeechRecognition, "on-device-speech-recognition", "on-device speech recognition"),
    (Feature::OtpCredentials, "otp-credentials", "the WebOTP API"),
    (Feature::Payment, "payment", "the Payment Request API"),
    (Feature::PictureInPicture, "picture-in-picture", "Picture-in-Picture video"),
    (Feature::PrivateStateTokenIssuance, "private-state-token-issuance", "issuing Private State Tokens"),
    (Feature::PrivateStateTokenRedemption, "private-state-token-redemption", "redeeming Private State Tokens"),
    (Feature::PublickeyCredentialsCreate, "publickey-credentials-create", "creating WebAuthn credentials"),
    (Feature::PublickeyCredentialsGet, "publickey-credentials-get", "getting WebAuthn assertions"),
    (Feature::Rewriter, "rewriter", "the Rewriter API"),
    (Feature::RunAdAuction, "run-ad-auction", "running Protected Audience ad auctions"),
    (Feature::ScreenWakeLock, "screen-wake-lock", "the Screen Wake Lock API"),
    (Feature::Serial, "serial", "the Web Serial API"),
    (Feature::SmartCard, "smart-card", "the Web Smart Card API"),
    (Feature::SpeakerSelection, "speaker-selection", "choosing audio output devices"),
    (Feature::StorageAccess, "storage-access", "the Storage Access API"),
    (Feature::Summarizer, "summarizer", "the Summarizer API"),
    (Feature::SyncScript, "sync-script", "parser-blocking scripts (experimental)"),
    (Feature::SyncXhr, "sync-xhr", "synchronous `XMLHttpRequest` (non-standard)"),
    (Feature::Tools, "tools", "WebMCP tools"),
    (Feature::Translator, "translator", "the Translator API"),
    (Feature::TrustTokenRedemption, "trust-token-redemption", "Private State Token (Trust Token) redemption (experimental)"),
    (Feature::Unload, "unload", "`unload` event handlers"),
    (Feature::Usb, "usb", "the WebUSB API"),
    (Feature::VerticalScroll, "vertical-scroll", "vertical scrolling that the frame cannot block (experimental)"),
    (Feature::WebShare, "web-share", "the Web Share API"),
    (Feature::WindowManagement, "window-management", "the Window Management API"),
    (Feature::WindowPlacement, "window-placement", "the former name of `window-management` (retired)"),
    (Feature::Writer, "writer", "the Writer API"),
    (Feature::XrSpatialTracking, "xr-spatial-tracking", "WebXR spatial tracking"),
];

// Every row sits at its variant's index, so `as_str` reads the right row; the tests check
// that every variant has a row and that the variants' docs and methods say what it says.
const _: () = {
    let mut i = 0;
    while i < FEATURES.len() {
        assert!(
            FEATURES[i].0 as usize == i,
            "FEATURES is not in the order of Feature"
        );
        i += 1;
    }
};

impl Feature {
    /// Every feature, in alphabetical order.
    pub const ALL: &'static [Feature] = &{
        let mut all = [Feature::Accelerometer; FEATURES.len()];
        let mut i = 0;
        while i < all.len() {
            all[i] = FEATURES[i].0;
            i += 1;
        }
        all
    };

    /// The feature's name as written in the header (`xr-spatial-tracking`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        FEATURES[self as usize].1
    }
}

impl fmt::Display for Feature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AsRef<str> for Feature {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

/// Parses a feature name as written in the header (`"camera"`); names are
/// case-sensitive, as in the header.
impl FromStr for Feature {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        Feature::ALL
            .iter()
            .copied()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| {
                Error::new(ErrorKind::InvalidValue)
                    .with_header(HEADER)
                    .with_input(s)
                    .with_detail("not a known feature; use add_directive for others")
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_sorted_unique_and_round_trip() {
        assert_eq!(Feature::ALL.len(), 105);
        for pair in Feature::ALL.windows(2) {
            assert!(pair[0].as_str() < pair[1].as_str(), "{pair:?}");
            assert!(pair[0] < pair[1]);
        }
        for &f in Feature::ALL {
            assert_eq!(f.as_str().parse::<Feature>().unwrap(), f);
            assert_eq!(f.to_string(), f.as_str());
            assert_eq!(f.as_ref(), f.as_str());
            assert!(crate::text::is_token(f.as_str()));
        }
    }

    /// The features Chromium ships (those `document.featurePolicy.features()` lists in
    /// Chromium 156, see the browser tests) that the registry does not list.
    const NOT_IN_REGISTRY: [&str; 24] = [
        "aria-notify",
        "ch-device-memory",
        "ch-downlink",
        "ch-dpr",
        "ch-ect",
        "ch-prefers-color-scheme",
        "ch-prefers-reduced-motion",
        "ch-prefers-reduced-transparency",
        "ch-rtt",
        "ch-save-data",
        "ch-ua-form-factors",
        "ch-viewport-height",
        "ch-viewport-width",
        "ch-width",
        "deferred-fetch-minimal",
        "interest-cohort",
        "local-network",
        "local-network-access",
        "loopback-network",
        "media-playback-while-not-visible",
        "on-device-speech-recognition",
        "private-state-token-issuance",
        "private-state-token-redemption",
        "publickey-credentials-create",
    ];

    /// The enum holds exactly the registry's features (the pinned copy in
    /// `data/permissions-policy-features.txt`) and the three listed above. When the
    /// registry changes, refresh the copy (CONTRIBUTING.md) and this test names what to
    /// add or remove.
    #[test]
    fn the_enum_is_the_registry() {
        let copy = include_str!("../../../data/permissions-policy-features.txt");
        let mut registry = Vec::new();
        for line in copy
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let (section, name) = line.split_once(' ').expect("<section> <name>");
            assert!(
                ["standardized", "proposed", "experimental", "retired"].contains(&section),
                "{line}"
            );
            registry.push(name);
        }
        let ours: Vec<&str> = Feature::ALL.iter().map(|f| f.as_str()).collect();
        let missing: Vec<&&str> = registry.iter().filter(|n| !ours.contains(n)).collect();
        assert!(
            missing.is_empty(),
            "registry features without a variant: {missing:?}"
        );
        let extra: Vec<&&str> = ours
            .iter()
            .filter(|n| !registry.contains(n) && !NOT_IN_REGISTRY.contains(n))
            .collect();
        assert!(
            extra.is_empty(),
            "variants the registry does not list: {extra:?}"
        );
        for name in NOT_IN_REGISTRY {
            assert!(!registry.contains(&name), "{name} is in the registry now");
        }
        assert_eq!(registry.len(), 81);
        assert_eq!(ours.len(), registry.len() + NOT_IN_REGISTRY.len());
    }

    /// The variants of `pub enum Feature` as written in this file, each with its doc line.
    fn variants_as_written() -> Vec<(String, String)> {
        let text = include_str!("feature.rs");
        let body = &text[text.find("pub enum Feature {").expect("the enum")..];
        let body = &body[..body.find("\n}").expect("its end")];
        let mut variants = Vec::new();
        let mut doc = String::new();
        for line in body.lines().skip(1).map(str::trim) {
            if let Some(d) = line.strip_prefix("/// ") {
                doc = d.to_owned();
            } else if let Some(v) = line.strip_suffix(',') {
                variants.push((v.to_owned(), std::mem::take(&mut doc)));
            }
        }
        variants
    }

    /// The table has a row for every variant, once, in the variants' order, and each
    /// variant's doc says what its row says: adding a variant without its row (or a row
    /// without its variant) fails here, naming it.
    #[test]
    fn the_table_has_every_variant_in_order() {
        let written = variants_as_written();
        let rows: Vec<(String, String)> = FEATURES
            .iter()
            .map(|(f, name, what)| (format!("{f:?}"), format!("`{name}`: {what}.")))
            .collect();
        for (i, (variant, doc)) in written.iter().enumerate() {
            assert_eq!(
                rows.get(i),
                Some(&(variant.clone(), doc.clone())),
                "row {i} of FEATURES is not the variant {variant} with its doc"
            );
        }
        assert_eq!(
            written.len(),
            rows.len(),
            "FEATURES has rows without a variant"
        );
        for (i, f) in Feature::ALL.iter().enumerate() {
            assert_eq!(*f as usize, i);
        }
    }

    /// Every feature has its method in `methods.rs`, documented from its row: grep finds
    /// them all, and a feature added without its method fails here.
    #[test]
    fn every_feature_has_its_method() {
        let text = include_str!("methods.rs");
        // The methods as written, whatever the line breaks rustfmt puts in them.
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let missing: Vec<String> = FEATURES
            .iter()
            .filter_map(|(f, name, what)| {
                let method = name.replace('-', "_");
                let item = format!(
                    "/// Sets the allowlist of `{name}`: {what}. /// /// Same as \
                     [`add_directive`](Self::add_directive) with this feature. \
                     pub fn {method}(self, allowlist: impl Into<Allowlist>) -> Self {{ \
                     self.add_directive(Feature::{f:?}, allowlist) }}"
                );
                (!words.contains(&item)).then(|| format!("{f:?} (expected {item:?})"))
            })
            .collect();
        assert!(
            missing.is_empty(),
            "methods.rs misses the method of {} feature(s):\n  {}",
            missing.len(),
            missing.join("\n  ")
        );
        assert_eq!(
            words.matches("pub fn ").count(),
            FEATURES.len(),
            "methods.rs has methods that are not a feature's"
        );
    }

    #[test]
    fn unknown_names_do_not_parse() {
        let e = "Camera".parse::<Feature>().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidValue);
        assert_eq!(e.header(), Some(HEADER));
        assert_eq!(e.input(), Some("Camera"));
        assert!("vibrate".parse::<Feature>().is_err());
    }
}
