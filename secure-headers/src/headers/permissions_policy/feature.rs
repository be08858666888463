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
        /// The list is Python's `secure` 2.0.1's (48 features); browsers add features often, so the enum
        /// is `#[non_exhaustive]`. A feature that is not here yet can be set by name with
        /// [`PermissionsPolicy::add_directive`].
        ///
        /// ```
        /// use secure_headers::permissions_policy::Feature;
        ///
        /// assert_eq!(Feature::XrSpatialTracking.as_str(), "xr-spatial-tracking");
        /// assert_eq!("camera".parse::<Feature>().unwrap(), Feature::Camera);
        /// assert_eq!(Feature::ALL.len(), 48);
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
    (AmbientLightSensor, ambient_light_sensor, "ambient-light-sensor", "the Ambient Light sensor"),
    (AriaNotify, aria_notify, "aria-notify", "ARIA notifications (`ariaNotify`)"),
    (AttributionReporting, attribution_reporting, "attribution-reporting", "the Attribution Reporting API"),
    (Autoplay, autoplay, "autoplay", "autoplaying media"),
    (Battery, battery, "battery", "the Battery Status API (non-standard)"),
    (Bluetooth, bluetooth, "bluetooth", "the Web Bluetooth API"),
    (BrowsingTopics, browsing_topics, "browsing-topics", "the Topics API"),
    (Camera, camera, "camera", "video input devices (the camera)"),
    (ClipboardRead, clipboard_read, "clipboard-read", "reading from the clipboard"),
    (ClipboardWrite, clipboard_write, "clipboard-write", "writing to the clipboard"),
    (ComputePressure, compute_pressure, "compute-pressure", "the Compute Pressure API"),
    (CrossOriginIsolated, cross_origin_isolated, "cross-origin-isolated", "cross-origin isolation"),
    (DisplayCapture, display_capture, "display-capture", "screen capture (`getDisplayMedia`)"),
    (DocumentDomain, document_domain, "document-domain", "setting `document.domain` (deprecated)"),
    (EncryptedMedia, encrypted_media, "encrypted-media", "the Encrypted Media Extensions API"),
    (ExecutionWhileNotRendered, execution_while_not_rendered, "execution-while-not-rendered", "running script while the frame is not rendered (experimental)"),
    (ExecutionWhileOutOfViewport, execution_while_out_of_viewport, "execution-while-out-of-viewport", "running script while the frame is out of the viewport (experimental)"),
    (Fullscreen, fullscreen, "fullscreen", "the Fullscreen API"),
    (Gamepad, gamepad, "gamepad", "the Gamepad API"),
    (Geolocation, geolocation, "geolocation", "the Geolocation API"),
    (Gyroscope, gyroscope, "gyroscope", "the Gyroscope sensor"),
    (Hid, hid, "hid", "the WebHID API"),
    (IdentityCredentialsGet, identity_credentials_get, "identity-credentials-get", "the Federated Credential Management API"),
    (IdleDetection, idle_detection, "idle-detection", "the Idle Detection API"),
    (LanguageDetector, language_detector, "language-detector", "the Language Detector API"),
    (LocalFonts, local_fonts, "local-fonts", "the Local Font Access API"),
    (Magnetometer, magnetometer, "magnetometer", "the Magnetometer sensor"),
    (Microphone, microphone, "microphone", "audio input devices (the microphone)"),
    (Midi, midi, "midi", "the Web MIDI API"),
    (NavigationOverride, navigation_override, "navigation-override", "navigation overrides (experimental)"),
    (OnDeviceSpeechRecognition, on_device_speech_recognition, "on-device-speech-recognition", "on-device speech recognition"),
    (OtpCredentials, otp_credentials, "otp-credentials", "the WebOTP API"),
    (Payment, payment, "payment", "the Payment Request API"),
    (PictureInPicture, picture_in_picture, "picture-in-picture", "Picture-in-Picture video"),
    (PublickeyCredentialsCreate, publickey_credentials_create, "publickey-credentials-create", "creating WebAuthn credentials"),
    (PublickeyCredentialsGet, publickey_credentials_get, "publickey-credentials-get", "getting WebAuthn assertions"),
    (ScreenWakeLock, screen_wake_lock, "screen-wake-lock", "the Screen Wake Lock API"),
    (Serial, serial, "serial", "the Web Serial API"),
    (SpeakerSelection, speaker_selection, "speaker-selection", "choosing audio output devices"),
    (StorageAccess, storage_access, "storage-access", "the Storage Access API"),
    (Summarizer, summarizer, "summarizer", "the Summarizer API"),
    (SyncXhr, sync_xhr, "sync-xhr", "synchronous `XMLHttpRequest` (non-standard)"),
    (Translator, translator, "translator", "the Translator API"),
    (Usb, usb, "usb", "the WebUSB API"),
    (WebShare, web_share, "web-share", "the Web Share API"),
    (WindowManagement, window_management, "window-management", "the Window Management API"),
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
        assert_eq!(Feature::ALL.len(), 48);
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

    #[test]
    fn unknown_names_do_not_parse() {
        let e = "Camera".parse::<Feature>().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidValue);
        assert_eq!(e.header(), Some(HEADER));
        assert_eq!(e.input(), Some("Camera"));
        assert!("vibrate".parse::<Feature>().is_err());
    }
}
