//! One [`PermissionsPolicy`] method per [`Feature`]: each sets that feature's allowlist,
//! replacing an earlier one in place, and is [`add_directive`](PermissionsPolicy::add_directive)
//! with the feature named. A test checks that every feature has its method here.

use super::{Allowlist, Feature, PermissionsPolicy};

/// One method per [`Feature`]: each sets that feature's allowlist, replacing an
/// earlier one in place. See [`PermissionsPolicy::add_directive`] for the forms
/// an allowlist takes.
impl PermissionsPolicy {
    /// Sets the allowlist of `accelerometer`: the Accelerometer sensor.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn accelerometer(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::Accelerometer, allowlist)
    }

    /// Sets the allowlist of `all-screens-capture`: capturing every screen at once (Capture All Screens API).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn all_screens_capture(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::AllScreensCapture, allowlist)
    }

    /// Sets the allowlist of `ambient-light-sensor`: the Ambient Light sensor.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn ambient_light_sensor(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::AmbientLightSensor, allowlist)
    }

    /// Sets the allowlist of `aria-notify`: ARIA notifications (`ariaNotify`).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn aria_notify(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::AriaNotify, allowlist)
    }

    /// Sets the allowlist of `attribution-reporting`: the Attribution Reporting API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn attribution_reporting(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::AttributionReporting, allowlist)
    }

    /// Sets the allowlist of `autofill`: browser autofill of form fields (proposed).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn autofill(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::Autofill, allowlist)
    }

    /// Sets the allowlist of `autoplay`: autoplaying media.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn autoplay(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::Autoplay, allowlist)
    }

    /// Sets the allowlist of `battery`: the Battery Status API (non-standard).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn battery(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::Battery, allowlist)
    }

    /// Sets the allowlist of `bluetooth`: the Web Bluetooth API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn bluetooth(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::Bluetooth, allowlist)
    }

    /// Sets the allowlist of `browsing-topics`: the Topics API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn browsing_topics(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::BrowsingTopics, allowlist)
    }

    /// Sets the allowlist of `camera`: video input devices (the camera).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn camera(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::Camera, allowlist)
    }

    /// Sets the allowlist of `captured-surface-control`: the Captured Surface Control API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn captured_surface_control(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::CapturedSurfaceControl, allowlist)
    }

    /// Sets the allowlist of `ch-device-memory`: the `Sec-CH-Device-Memory` client hint.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn ch_device_memory(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ChDeviceMemory, allowlist)
    }

    /// Sets the allowlist of `ch-downlink`: the `Downlink` client hint.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn ch_downlink(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ChDownlink, allowlist)
    }

    /// Sets the allowlist of `ch-dpr`: the `Sec-CH-DPR` client hint.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn ch_dpr(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ChDpr, allowlist)
    }

    /// Sets the allowlist of `ch-ect`: the `ECT` client hint.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn ch_ect(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ChEct, allowlist)
    }

    /// Sets the allowlist of `ch-prefers-color-scheme`: the `Sec-CH-Prefers-Color-Scheme` client hint.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn ch_prefers_color_scheme(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ChPrefersColorScheme, allowlist)
    }

    /// Sets the allowlist of `ch-prefers-reduced-motion`: the `Sec-CH-Prefers-Reduced-Motion` client hint.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn ch_prefers_reduced_motion(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ChPrefersReducedMotion, allowlist)
    }

    /// Sets the allowlist of `ch-prefers-reduced-transparency`: the `Sec-CH-Prefers-Reduced-Transparency` client hint.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn ch_prefers_reduced_transparency(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ChPrefersReducedTransparency, allowlist)
    }

    /// Sets the allowlist of `ch-rtt`: the `RTT` client hint.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn ch_rtt(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ChRtt, allowlist)
    }

    /// Sets the allowlist of `ch-save-data`: the `Save-Data` client hint.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn ch_save_data(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ChSaveData, allowlist)
    }

    /// Sets the allowlist of `ch-ua`: the `Sec-CH-UA` client hint.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn ch_ua(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ChUa, allowlist)
    }

    /// Sets the allowlist of `ch-ua-arch`: the `Sec-CH-UA-Arch` client hint.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn ch_ua_arch(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ChUaArch, allowlist)
    }

    /// Sets the allowlist of `ch-ua-bitness`: the `Sec-CH-UA-Bitness` client hint.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn ch_ua_bitness(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ChUaBitness, allowlist)
    }

    /// Sets the allowlist of `ch-ua-form-factors`: the `Sec-CH-UA-Form-Factors` client hint.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn ch_ua_form_factors(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ChUaFormFactors, allowlist)
    }

    /// Sets the allowlist of `ch-ua-full-version`: the `Sec-CH-UA-Full-Version` client hint.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn ch_ua_full_version(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ChUaFullVersion, allowlist)
    }

    /// Sets the allowlist of `ch-ua-full-version-list`: the `Sec-CH-UA-Full-Version-List` client hint.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn ch_ua_full_version_list(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ChUaFullVersionList, allowlist)
    }

    /// Sets the allowlist of `ch-ua-high-entropy-values`: `navigator.userAgentData.getHighEntropyValues()`.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn ch_ua_high_entropy_values(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ChUaHighEntropyValues, allowlist)
    }

    /// Sets the allowlist of `ch-ua-mobile`: the `Sec-CH-UA-Mobile` client hint.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn ch_ua_mobile(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ChUaMobile, allowlist)
    }

    /// Sets the allowlist of `ch-ua-model`: the `Sec-CH-UA-Model` client hint.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn ch_ua_model(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ChUaModel, allowlist)
    }

    /// Sets the allowlist of `ch-ua-platform`: the `Sec-CH-UA-Platform` client hint.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn ch_ua_platform(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ChUaPlatform, allowlist)
    }

    /// Sets the allowlist of `ch-ua-platform-version`: the `Sec-CH-UA-Platform-Version` client hint.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn ch_ua_platform_version(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ChUaPlatformVersion, allowlist)
    }

    /// Sets the allowlist of `ch-ua-wow64`: the `Sec-CH-UA-WoW64` client hint.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn ch_ua_wow64(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ChUaWow64, allowlist)
    }

    /// Sets the allowlist of `ch-viewport-height`: the `Sec-CH-Viewport-Height` client hint.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn ch_viewport_height(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ChViewportHeight, allowlist)
    }

    /// Sets the allowlist of `ch-viewport-width`: the `Sec-CH-Viewport-Width` client hint.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn ch_viewport_width(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ChViewportWidth, allowlist)
    }

    /// Sets the allowlist of `ch-width`: the `Sec-CH-Width` client hint.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn ch_width(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ChWidth, allowlist)
    }

    /// Sets the allowlist of `clipboard-read`: reading from the clipboard.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn clipboard_read(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ClipboardRead, allowlist)
    }

    /// Sets the allowlist of `clipboard-write`: writing to the clipboard.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn clipboard_write(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ClipboardWrite, allowlist)
    }

    /// Sets the allowlist of `compute-pressure`: the Compute Pressure API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn compute_pressure(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ComputePressure, allowlist)
    }

    /// Sets the allowlist of `conversion-measurement`: the former Conversion Measurement API (experimental).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn conversion_measurement(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ConversionMeasurement, allowlist)
    }

    /// Sets the allowlist of `cross-origin-isolated`: cross-origin isolation.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn cross_origin_isolated(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::CrossOriginIsolated, allowlist)
    }

    /// Sets the allowlist of `deferred-fetch`: deferred fetching (`fetchLater()`).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn deferred_fetch(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::DeferredFetch, allowlist)
    }

    /// Sets the allowlist of `deferred-fetch-minimal`: the minimal `fetchLater()` quota of cross-origin frames.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn deferred_fetch_minimal(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::DeferredFetchMinimal, allowlist)
    }

    /// Sets the allowlist of `digital-credentials-create`: creating digital credentials (Digital Credentials API).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn digital_credentials_create(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::DigitalCredentialsCreate, allowlist)
    }

    /// Sets the allowlist of `digital-credentials-get`: requesting digital credentials (Digital Credentials API).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn digital_credentials_get(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::DigitalCredentialsGet, allowlist)
    }

    /// Sets the allowlist of `direct-sockets`: the Direct Sockets API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn direct_sockets(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::DirectSockets, allowlist)
    }

    /// Sets the allowlist of `display-capture`: screen capture (`getDisplayMedia`).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn display_capture(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::DisplayCapture, allowlist)
    }

    /// Sets the allowlist of `document-domain`: setting `document.domain` (deprecated).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn document_domain(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::DocumentDomain, allowlist)
    }

    /// Sets the allowlist of `encrypted-media`: the Encrypted Media Extensions API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn encrypted_media(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::EncryptedMedia, allowlist)
    }

    /// Sets the allowlist of `execution-while-not-rendered`: running script while the frame is not rendered (experimental).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn execution_while_not_rendered(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ExecutionWhileNotRendered, allowlist)
    }

    /// Sets the allowlist of `execution-while-out-of-viewport`: running script while the frame is out of the viewport (experimental).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn execution_while_out_of_viewport(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ExecutionWhileOutOfViewport, allowlist)
    }

    /// Sets the allowlist of `focus-without-user-activation`: focusing elements without a user activation (experimental).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn focus_without_user_activation(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::FocusWithoutUserActivation, allowlist)
    }

    /// Sets the allowlist of `fullscreen`: the Fullscreen API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn fullscreen(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::Fullscreen, allowlist)
    }

    /// Sets the allowlist of `gamepad`: the Gamepad API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn gamepad(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::Gamepad, allowlist)
    }

    /// Sets the allowlist of `geolocation`: the Geolocation API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn geolocation(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::Geolocation, allowlist)
    }

    /// Sets the allowlist of `gyroscope`: the Gyroscope sensor.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn gyroscope(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::Gyroscope, allowlist)
    }

    /// Sets the allowlist of `hid`: the WebHID API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn hid(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::Hid, allowlist)
    }

    /// Sets the allowlist of `identity-credentials-get`: the Federated Credential Management API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn identity_credentials_get(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::IdentityCredentialsGet, allowlist)
    }

    /// Sets the allowlist of `idle-detection`: the Idle Detection API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn idle_detection(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::IdleDetection, allowlist)
    }

    /// Sets the allowlist of `interest-cohort`: FLoC's `document.interestCohort()` (removed; still parsed, and sent to opt out).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn interest_cohort(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::InterestCohort, allowlist)
    }

    /// Sets the allowlist of `join-ad-interest-group`: joining Protected Audience interest groups.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn join_ad_interest_group(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::JoinAdInterestGroup, allowlist)
    }

    /// Sets the allowlist of `keyboard-map`: the Keyboard Map API (`navigator.keyboard.getLayoutMap()`).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn keyboard_map(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::KeyboardMap, allowlist)
    }

    /// Sets the allowlist of `language-detector`: the Language Detector API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn language_detector(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::LanguageDetector, allowlist)
    }

    /// Sets the allowlist of `language-model`: the Prompt API (`LanguageModel`).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn language_model(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::LanguageModel, allowlist)
    }

    /// Sets the allowlist of `local-fonts`: the Local Font Access API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn local_fonts(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::LocalFonts, allowlist)
    }

    /// Sets the allowlist of `local-network`: requests to local-network addresses (Local Network Access).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn local_network(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::LocalNetwork, allowlist)
    }

    /// Sets the allowlist of `local-network-access`: requests to local-network and loopback addresses (Local Network Access).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn local_network_access(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::LocalNetworkAccess, allowlist)
    }

    /// Sets the allowlist of `loopback-network`: requests to loopback addresses (Local Network Access).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn loopback_network(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::LoopbackNetwork, allowlist)
    }

    /// Sets the allowlist of `magnetometer`: the Magnetometer sensor.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn magnetometer(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::Magnetometer, allowlist)
    }

    /// Sets the allowlist of `manual-text`: text input typed by the user only (proposed).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn manual_text(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ManualText, allowlist)
    }

    /// Sets the allowlist of `media-playback-while-not-visible`: media playback while the frame is not visible (experimental).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn media_playback_while_not_visible(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::MediaPlaybackWhileNotVisible, allowlist)
    }

    /// Sets the allowlist of `mediasession`: the Media Session API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn mediasession(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::Mediasession, allowlist)
    }

    /// Sets the allowlist of `microphone`: audio input devices (the microphone).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn microphone(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::Microphone, allowlist)
    }

    /// Sets the allowlist of `midi`: the Web MIDI API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn midi(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::Midi, allowlist)
    }

    /// Sets the allowlist of `monetization`: Web Monetization.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn monetization(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::Monetization, allowlist)
    }

    /// Sets the allowlist of `navigation-override`: navigation overrides (experimental).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn navigation_override(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::NavigationOverride, allowlist)
    }

    /// Sets the allowlist of `on-device-speech-recognition`: on-device speech recognition.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn on_device_speech_recognition(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::OnDeviceSpeechRecognition, allowlist)
    }

    /// Sets the allowlist of `otp-credentials`: the WebOTP API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn otp_credentials(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::OtpCredentials, allowlist)
    }

    /// Sets the allowlist of `payment`: the Payment Request API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn payment(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::Payment, allowlist)
    }

    /// Sets the allowlist of `picture-in-picture`: Picture-in-Picture video.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn picture_in_picture(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::PictureInPicture, allowlist)
    }

    /// Sets the allowlist of `private-state-token-issuance`: issuing Private State Tokens.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn private_state_token_issuance(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::PrivateStateTokenIssuance, allowlist)
    }

    /// Sets the allowlist of `private-state-token-redemption`: redeeming Private State Tokens.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn private_state_token_redemption(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::PrivateStateTokenRedemption, allowlist)
    }

    /// Sets the allowlist of `publickey-credentials-create`: creating WebAuthn credentials.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn publickey_credentials_create(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::PublickeyCredentialsCreate, allowlist)
    }

    /// Sets the allowlist of `publickey-credentials-get`: getting WebAuthn assertions.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn publickey_credentials_get(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::PublickeyCredentialsGet, allowlist)
    }

    /// Sets the allowlist of `rewriter`: the Rewriter API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn rewriter(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::Rewriter, allowlist)
    }

    /// Sets the allowlist of `run-ad-auction`: running Protected Audience ad auctions.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn run_ad_auction(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::RunAdAuction, allowlist)
    }

    /// Sets the allowlist of `screen-wake-lock`: the Screen Wake Lock API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn screen_wake_lock(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::ScreenWakeLock, allowlist)
    }

    /// Sets the allowlist of `serial`: the Web Serial API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn serial(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::Serial, allowlist)
    }

    /// Sets the allowlist of `smart-card`: the Web Smart Card API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn smart_card(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::SmartCard, allowlist)
    }

    /// Sets the allowlist of `speaker-selection`: choosing audio output devices.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn speaker_selection(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::SpeakerSelection, allowlist)
    }

    /// Sets the allowlist of `storage-access`: the Storage Access API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn storage_access(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::StorageAccess, allowlist)
    }

    /// Sets the allowlist of `summarizer`: the Summarizer API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn summarizer(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::Summarizer, allowlist)
    }

    /// Sets the allowlist of `sync-script`: parser-blocking scripts (experimental).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn sync_script(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::SyncScript, allowlist)
    }

    /// Sets the allowlist of `sync-xhr`: synchronous `XMLHttpRequest` (non-standard).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn sync_xhr(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::SyncXhr, allowlist)
    }

    /// Sets the allowlist of `tools`: WebMCP tools.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn tools(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::Tools, allowlist)
    }

    /// Sets the allowlist of `translator`: the Translator API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn translator(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::Translator, allowlist)
    }

    /// Sets the allowlist of `trust-token-redemption`: Private State Token (Trust Token) redemption (experimental).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn trust_token_redemption(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::TrustTokenRedemption, allowlist)
    }

    /// Sets the allowlist of `unload`: `unload` event handlers.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn unload(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::Unload, allowlist)
    }

    /// Sets the allowlist of `usb`: the WebUSB API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn usb(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::Usb, allowlist)
    }

    /// Sets the allowlist of `vertical-scroll`: vertical scrolling that the frame cannot block (experimental).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn vertical_scroll(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::VerticalScroll, allowlist)
    }

    /// Sets the allowlist of `web-share`: the Web Share API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn web_share(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::WebShare, allowlist)
    }

    /// Sets the allowlist of `window-management`: the Window Management API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn window_management(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::WindowManagement, allowlist)
    }

    /// Sets the allowlist of `window-placement`: the former name of `window-management` (retired).
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn window_placement(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::WindowPlacement, allowlist)
    }

    /// Sets the allowlist of `writer`: the Writer API.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn writer(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::Writer, allowlist)
    }

    /// Sets the allowlist of `xr-spatial-tracking`: WebXR spatial tracking.
    ///
    /// Same as [`add_directive`](Self::add_directive) with this feature.
    pub fn xr_spatial_tracking(self, allowlist: impl Into<Allowlist>) -> Self {
        self.add_directive(Feature::XrSpatialTracking, allowlist)
    }
}
