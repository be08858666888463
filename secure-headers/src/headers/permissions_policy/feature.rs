//! The policy-controlled features that [`PermissionsPolicy`] has a method for.

use std::fmt;
use std::str::FromStr;

use super::{Allowlist, HEADER, PermissionsPolicy};
use crate::{Error, ErrorKind};

/// Defines [`Feature`] and one [`PermissionsPolicy`] method per feature from one table:
/// `(Variant, method, "name", "what the feature gates")`.
macro_rules! features {
    ($(($variant:ident, $method:ident, $name:literal, $what:literal),)*) => {
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
            $(
                #[doc = concat!("`", $name, "`: ", $what, ".")]
                $variant,
            )*
        }

        impl Feature {
            /// Every feature, in alphabetical order.
            pub const ALL: &'static [Feature] = &[$(Feature::$variant,)*];

            /// The feature's name as written in the header (`xr-spatial-tracking`).
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Feature::$variant => $name,)*
                }
            }
        }

        /// One method per [`Feature`]: each sets that feature's allowlist, replacing an
        /// earlier one in place. See [`PermissionsPolicy::add_directive`] for the forms
        /// an allowlist takes.
        impl PermissionsPolicy {
            $(
                #[doc = concat!("Sets the allowlist of `", $name, "`: ", $what, ".")]
                ///
                /// Same as [`add_directive`](Self::add_directive) with this feature.
                pub fn $method(self, allowlist: impl Into<Allowlist>) -> Self {
                    self.add_directive(Feature::$variant, allowlist)
                }
            )*
        }
    };
}

features! {
    (Accelerometer, accelerometer, "accelerometer", "the Accelerometer sensor"),
    (AllScreensCapture, all_screens_capture, "all-screens-capture", "capturing every screen at once (Capture All Screens API)"),
    (AmbientLightSensor, ambient_light_sensor, "ambient-light-sensor", "the Ambient Light sensor"),
    (AriaNotify, aria_notify, "aria-notify", "ARIA notifications (`ariaNotify`)"),
    (AttributionReporting, attribution_reporting, "attribution-reporting", "the Attribution Reporting API"),
    (Autofill, autofill, "autofill", "browser autofill of form fields (proposed)"),
    (Autoplay, autoplay, "autoplay", "autoplaying media"),
    (Battery, battery, "battery", "the Battery Status API (non-standard)"),
    (Bluetooth, bluetooth, "bluetooth", "the Web Bluetooth API"),
    (BrowsingTopics, browsing_topics, "browsing-topics", "the Topics API"),
    (Camera, camera, "camera", "video input devices (the camera)"),
    (CapturedSurfaceControl, captured_surface_control, "captured-surface-control", "the Captured Surface Control API"),
    (ChDeviceMemory, ch_device_memory, "ch-device-memory", "the `Sec-CH-Device-Memory` client hint"),
    (ChDownlink, ch_downlink, "ch-downlink", "the `Downlink` client hint"),
    (ChDpr, ch_dpr, "ch-dpr", "the `Sec-CH-DPR` client hint"),
    (ChEct, ch_ect, "ch-ect", "the `ECT` client hint"),
    (ChPrefersColorScheme, ch_prefers_color_scheme, "ch-prefers-color-scheme", "the `Sec-CH-Prefers-Color-Scheme` client hint"),
    (ChPrefersReducedMotion, ch_prefers_reduced_motion, "ch-prefers-reduced-motion", "the `Sec-CH-Prefers-Reduced-Motion` client hint"),
    (ChPrefersReducedTransparency, ch_prefers_reduced_transparency, "ch-prefers-reduced-transparency", "the `Sec-CH-Prefers-Reduced-Transparency` client hint"),
    (ChRtt, ch_rtt, "ch-rtt", "the `RTT` client hint"),
    (ChSaveData, ch_save_data, "ch-save-data", "the `Save-Data` client hint"),
    (ChUa, ch_ua, "ch-ua", "the `Sec-CH-UA` client hint"),
    (ChUaArch, ch_ua_arch, "ch-ua-arch", "the `Sec-CH-UA-Arch` client hint"),
    (ChUaBitness, ch_ua_bitness, "ch-ua-bitness", "the `Sec-CH-UA-Bitness` client hint"),
    (ChUaFormFactors, ch_ua_form_factors, "ch-ua-form-factors", "the `Sec-CH-UA-Form-Factors` client hint"),
    (ChUaFullVersion, ch_ua_full_version, "ch-ua-full-version", "the `Sec-CH-UA-Full-Version` client hint"),
    (ChUaFullVersionList, ch_ua_full_version_list, "ch-ua-full-version-list", "the `Sec-CH-UA-Full-Version-List` client hint"),
    (ChUaHighEntropyValues, ch_ua_high_entropy_values, "ch-ua-high-entropy-values", "`navigator.userAgentData.getHighEntropyValues()`"),
    (ChUaMobile, ch_ua_mobile, "ch-ua-mobile", "the `Sec-CH-UA-Mobile` client hint"),
    (ChUaModel, ch_ua_model, "ch-ua-model", "the `Sec-CH-UA-Model` client hint"),
    (ChUaPlatform, ch_ua_platform, "ch-ua-platform", "the `Sec-CH-UA-Platform` client hint"),
    (ChUaPlatformVersion, ch_ua_platform_version, "ch-ua-platform-version", "the `Sec-CH-UA-Platform-Version` client hint"),
    (ChUaWow64, ch_ua_wow64, "ch-ua-wow64", "the `Sec-CH-UA-WoW64` client hint"),
    (ChViewportHeight, ch_viewport_height, "ch-viewport-height", "the `Sec-CH-Viewport-Height` client hint"),
    (ChViewportWidth, ch_viewport_width, "ch-viewport-width", "the `Sec-CH-Viewport-Width` client hint"),
    (ChWidth, ch_width, "ch-width", "the `Sec-CH-Width` client hint"),
    (ClipboardRead, clipboard_read, "clipboard-read", "reading from the clipboard"),
    (ClipboardWrite, clipboard_write, "clipboard-write", "writing to the clipboard"),
    (ComputePressure, compute_pressure, "compute-pressure", "the Compute Pressure API"),
    (ConversionMeasurement, conversion_measurement, "conversion-measurement", "the former Conversion Measurement API (experimental)"),
    (CrossOriginIsolated, cross_origin_isolated, "cross-origin-isolated", "cross-origin isolation"),
    (DeferredFetch, deferred_fetch, "deferred-fetch", "deferred fetching (`fetchLater()`)"),
    (DeferredFetchMinimal, deferred_fetch_minimal, "deferred-fetch-minimal", "the minimal `fetchLater()` quota of cross-origin frames"),
    (DigitalCredentialsCreate, digital_credentials_create, "digital-credentials-create", "creating digital credentials (Digital Credentials API)"),
    (DigitalCredentialsGet, digital_credentials_get, "digital-credentials-get", "requesting digital credentials (Digital Credentials API)"),
    (DirectSockets, direct_sockets, "direct-sockets", "the Direct Sockets API"),
    (DisplayCapture, display_capture, "display-capture", "screen capture (`getDisplayMedia`)"),
    (DocumentDomain, document_domain, "document-domain", "setting `document.domain` (deprecated)"),
    (EncryptedMedia, encrypted_media, "encrypted-media", "the Encrypted Media Extensions API"),
    (ExecutionWhileNotRendered, execution_while_not_rendered, "execution-while-not-rendered", "running script while the frame is not rendered (experimental)"),
    (ExecutionWhileOutOfViewport, execution_while_out_of_viewport, "execution-while-out-of-viewport", "running script while the frame is out of the viewport (experimental)"),
    (FocusWithoutUserActivation, focus_without_user_activation, "focus-without-user-activation", "focusing elements without a user activation (experimental)"),
    (Fullscreen, fullscreen, "fullscreen", "the Fullscreen API"),
    (Gamepad, gamepad, "gamepad", "the Gamepad API"),
    (Geolocation, geolocation, "geolocation", "the Geolocation API"),
    (Gyroscope, gyroscope, "gyroscope", "the Gyroscope sensor"),
    (Hid, hid, "hid", "the WebHID API"),
    (IdentityCredentialsGet, identity_credentials_get, "identity-credentials-get", "the Federated Credential Management API"),
    (IdleDetection, idle_detection, "idle-detection", "the Idle Detection API"),
    (InterestCohort, interest_cohort, "interest-cohort", "FLoC's `document.interestCohort()` (removed; still parsed, and sent to opt out)"),
    (JoinAdInterestGroup, join_ad_interest_group, "join-ad-interest-group", "joining Protected Audience interest groups"),
    (KeyboardMap, keyboard_map, "keyboard-map", "the Keyboard Map API (`navigator.keyboard.getLayoutMap()`)"),
    (LanguageDetector, language_detector, "language-detector", "the Language Detector API"),
    (LanguageModel, language_model, "language-model", "the Prompt API (`LanguageModel`)"),
    (LocalFonts, local_fonts, "local-fonts", "the Local Font Access API"),
    (LocalNetwork, local_network, "local-network", "requests to local-network addresses (Local Network Access)"),
    (LocalNetworkAccess, local_network_access, "local-network-access", "requests to local-network and loopback addresses (Local Network Access)"),
    (LoopbackNetwork, loopback_network, "loopback-network", "requests to loopback addresses (Local Network Access)"),
    (Magnetometer, magnetometer, "magnetometer", "the Magnetometer sensor"),
    (ManualText, manual_text, "manual-text", "text input typed by the user only (proposed)"),
    (MediaPlaybackWhileNotVisible, media_playback_while_not_visible, "media-playback-while-not-visible", "media playback while the frame is not visible (experimental)"),
    (Mediasession, mediasession, "mediasession", "the Media Session API"),
    (Microphone, microphone, "microphone", "audio input devices (the microphone)"),
    (Midi, midi, "midi", "the Web MIDI API"),
    (Monetization, monetization, "monetization", "Web Monetization"),
    (NavigationOverride, navigation_override, "navigation-override", "navigation overrides (experimental)"),
    (OnDeviceSpeechRecognition, on_device_speech_recognition, "on-device-speech-recognition", "on-device speech recognition"),
    (OtpCredentials, otp_credentials, "otp-credentials", "the WebOTP API"),
    (Payment, payment, "payment", "the Payment Request API"),
    (PictureInPicture, picture_in_picture, "picture-in-picture", "Picture-in-Picture video"),
    (PrivateStateTokenIssuance, private_state_token_issuance, "private-state-token-issuance", "issuing Private State Tokens"),
    (PrivateStateTokenRedemption, private_state_token_redemption, "private-state-token-redemption", "redeeming Private State Tokens"),
    (PublickeyCredentialsCreate, publickey_credentials_create, "publickey-credentials-create", "creating WebAuthn credentials"),
    (PublickeyCredentialsGet, publickey_credentials_get, "publickey-credentials-get", "getting WebAuthn assertions"),
    (Rewriter, rewriter, "rewriter", "the Rewriter API"),
    (RunAdAuction, run_ad_auction, "run-ad-auction", "running Protected Audience ad auctions"),
    (ScreenWakeLock, screen_wake_lock, "screen-wake-lock", "the Screen Wake Lock API"),
    (Serial, serial, "serial", "the Web Serial API"),
    (SmartCard, smart_card, "smart-card", "the Web Smart Card API"),
    (SpeakerSelection, speaker_selection, "speaker-selection", "choosing audio output devices"),
    (StorageAccess, storage_access, "storage-access", "the Storage Access API"),
    (Summarizer, summarizer, "summarizer", "the Summarizer API"),
    (SyncScript, sync_script, "sync-script", "parser-blocking scripts (experimental)"),
    (SyncXhr, sync_xhr, "sync-xhr", "synchronous `XMLHttpRequest` (non-standard)"),
    (Tools, tools, "tools", "WebMCP tools"),
    (Translator, translator, "translator", "the Translator API"),
    (TrustTokenRedemption, trust_token_redemption, "trust-token-redemption", "Private State Token (Trust Token) redemption (experimental)"),
    (Unload, unload, "unload", "`unload` event handlers"),
    (Usb, usb, "usb", "the WebUSB API"),
    (VerticalScroll, vertical_scroll, "vertical-scroll", "vertical scrolling that the frame cannot block (experimental)"),
    (WebShare, web_share, "web-share", "the Web Share API"),
    (WindowManagement, window_management, "window-management", "the Window Management API"),
    (WindowPlacement, window_placement, "window-placement", "the former name of `window-management` (retired)"),
    (Writer, writer, "writer", "the Writer API"),
    (XrSpatialTracking, xr_spatial_tracking, "xr-spatial-tracking", "WebXR spatial tracking"),
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

    #[test]
    fn unknown_names_do_not_parse() {
        let e = "Camera".parse::<Feature>().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidValue);
        assert_eq!(e.header(), Some(HEADER));
        assert_eq!(e.input(), Some("Camera"));
        assert!("vibrate".parse::<Feature>().is_err());
    }
}
