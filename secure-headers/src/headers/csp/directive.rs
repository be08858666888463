//! CSP directive names.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use crate::text::{At, clean_nonempty};
use crate::{Error, ErrorKind};

use super::HEADER;

/// The name of a Content-Security-Policy directive.
///
/// The known variants are the CSP Level 3 directives that [`ContentSecurityPolicy`] has a
/// method for; [`Directive::Custom`] holds any other name (set with
/// [`ContentSecurityPolicy::custom_directive`]).
///
/// Directive names are ASCII case-insensitive (CSP3 §2.2), and so is this type's
/// equality: `Directive::Custom("Script-Src".into()) == Directive::ScriptSrc`. Parse a
/// name with [`str::parse`] to get the known variant and a validated name.
///
/// See the [directive list on MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy#directives).
///
/// ```
/// use secure_headers::csp::Directive;
///
/// let d: Directive = "Script-Src".parse().unwrap();
/// assert_eq!(d, Directive::ScriptSrc);
/// assert_eq!(d.as_str(), "script-src");
/// assert_eq!("x-beta".parse::<Directive>().unwrap(), Directive::Custom("x-beta".into()));
/// assert!("bad name".parse::<Directive>().is_err());
/// ```
///
/// [`ContentSecurityPolicy`]: super::ContentSecurityPolicy
/// [`ContentSecurityPolicy::custom_directive`]: super::ContentSecurityPolicy::custom_directive
#[non_exhaustive]
#[derive(Clone, Debug, Eq)]
pub enum Directive {
    /// `base-uri`: the URLs a document's `<base>` element may use.
    BaseUri,
    /// `block-all-mixed-content` (deprecated, valueless): block HTTP loads on HTTPS pages.
    BlockAllMixedContent,
    /// `child-src`: sources for workers and nested browsing contexts.
    ChildSrc,
    /// `connect-src`: URLs that scripts may connect to (fetch, XHR, WebSocket, ...).
    ConnectSrc,
    /// `default-src`: the fallback for the other fetch directives.
    DefaultSrc,
    /// `fenced-frame-src`: sources for `<fencedframe>` elements.
    FencedFrameSrc,
    /// `font-src`: sources for fonts loaded with `@font-face`.
    FontSrc,
    /// `form-action`: the URLs forms may submit to.
    FormAction,
    /// `frame-ancestors`: the parents that may embed the page (replaces X-Frame-Options).
    FrameAncestors,
    /// `frame-src`: sources for `<frame>` and `<iframe>`.
    FrameSrc,
    /// `img-src`: sources for images and favicons.
    ImgSrc,
    /// `manifest-src`: sources for application manifests.
    ManifestSrc,
    /// `media-src`: sources for `<audio>`, `<video>` and `<track>`.
    MediaSrc,
    /// `object-src`: sources for `<object>` and `<embed>`.
    ObjectSrc,
    /// `prefetch-src` (deprecated): sources that may be prefetched or prerendered.
    PrefetchSrc,
    /// `report-to`: the reporting group violations are sent to.
    ReportTo,
    /// `report-uri` (deprecated in favour of `report-to`): URLs violations are posted to.
    ReportUri,
    /// `require-trusted-types-for`: enforce Trusted Types at DOM XSS sinks.
    RequireTrustedTypesFor,
    /// `sandbox`: apply an iframe-like sandbox to the page.
    Sandbox,
    /// `script-src`: sources for JavaScript and WebAssembly.
    ScriptSrc,
    /// `script-src-attr`: sources for inline event handlers.
    ScriptSrcAttr,
    /// `script-src-elem`: sources for `<script>` elements.
    ScriptSrcElem,
    /// `style-src`: sources for stylesheets.
    StyleSrc,
    /// `style-src-attr`: sources for inline `style` attributes.
    StyleSrcAttr,
    /// `style-src-elem`: sources for `<style>` and `<link rel="stylesheet">`.
    StyleSrcElem,
    /// `trusted-types`: the Trusted Types policy names that may be created.
    TrustedTypes,
    /// `upgrade-insecure-requests` (valueless): load HTTP URLs over HTTPS.
    UpgradeInsecureRequests,
    /// `webrtc`: `'allow'` or `'block'` WebRTC connections
    /// ([CSP3, `webrtc`](https://w3c.github.io/webappsec-csp/#directive-webrtc)).
    Webrtc,
    /// `worker-src`: sources for workers.
    WorkerSrc,
    /// Any other directive, by name (`[A-Za-z0-9-]+`, case kept as written). In a policy
    /// parsed from a received header it may also be a name outside that grammar, kept as
    /// written (browsers ignore such a directive; `lint` reports it).
    ///
    /// Prefer [`str::parse`], which checks the name and returns the known variant for a
    /// known name; a `Custom` built by hand is only compared, never rendered unchecked.
    Custom(Box<str>),
}

/// What a directive's value is made of; decides how its tokens are checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ValueKind {
    /// A CSP source list (`'self' https://cdn.example.com`).
    SourceList,
    /// No value at all.
    Valueless,
    /// `sandbox` flags.
    Sandbox,
    /// One reporting group name.
    ReportTo,
    /// URI references.
    ReportUri,
    /// Only `'script'`.
    RequireTrustedTypesFor,
    /// Trusted Types policy names and keywords.
    TrustedTypes,
    /// `'allow'` or `'block'`.
    Webrtc,
    /// A directive this crate does not know: plain tokens.
    Custom,
}

impl Directive {
    /// Every known directive, in alphabetical order.
    pub const KNOWN: [Directive; 29] = [
        Self::BaseUri,
        Self::BlockAllMixedContent,
        Self::ChildSrc,
        Self::ConnectSrc,
        Self::DefaultSrc,
        Self::FencedFrameSrc,
        Self::FontSrc,
        Self::FormAction,
        Self::FrameAncestors,
        Self::FrameSrc,
        Self::ImgSrc,
        Self::ManifestSrc,
        Self::MediaSrc,
        Self::ObjectSrc,
        Self::PrefetchSrc,
        Self::ReportTo,
        Self::ReportUri,
        Self::RequireTrustedTypesFor,
        Self::Sandbox,
        Self::ScriptSrc,
        Self::ScriptSrcAttr,
        Self::ScriptSrcElem,
        Self::StyleSrc,
        Self::StyleSrcAttr,
        Self::StyleSrcElem,
        Self::TrustedTypes,
        Self::UpgradeInsecureRequests,
        Self::Webrtc,
        Self::WorkerSrc,
    ];

    /// The directive's name as it is written in the header (`script-src`).
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Self::BaseUri => "base-uri",
            Self::BlockAllMixedContent => "block-all-mixed-content",
            Self::ChildSrc => "child-src",
            Self::ConnectSrc => "connect-src",
            Self::DefaultSrc => "default-src",
            Self::FencedFrameSrc => "fenced-frame-src",
            Self::FontSrc => "font-src",
            Self::FormAction => "form-action",
            Self::FrameAncestors => "frame-ancestors",
            Self::FrameSrc => "frame-src",
            Self::ImgSrc => "img-src",
            Self::ManifestSrc => "manifest-src",
            Self::MediaSrc => "media-src",
            Self::ObjectSrc => "object-src",
            Self::PrefetchSrc => "prefetch-src",
            Self::ReportTo => "report-to",
            Self::ReportUri => "report-uri",
            Self::RequireTrustedTypesFor => "require-trusted-types-for",
            Self::Sandbox => "sandbox",
            Self::ScriptSrc => "script-src",
            Self::ScriptSrcAttr => "script-src-attr",
            Self::ScriptSrcElem => "script-src-elem",
            Self::StyleSrc => "style-src",
            Self::StyleSrcAttr => "style-src-attr",
            Self::StyleSrcElem => "style-src-elem",
            Self::TrustedTypes => "trusted-types",
            Self::UpgradeInsecureRequests => "upgrade-insecure-requests",
            Self::Webrtc => "webrtc",
            Self::WorkerSrc => "worker-src",
            Self::Custom(name) => name,
        }
    }

    /// True if the directive's value is a source list (`script-src`, `img-src`, ...):
    /// the directives whose values are [`Source`](super::Source)s.
    #[must_use]
    pub fn is_source_list(&self) -> bool {
        self.value_kind() == ValueKind::SourceList
    }

    /// True for a directive this crate has no variant for.
    #[must_use]
    pub fn is_custom(&self) -> bool {
        matches!(self, Self::Custom(_))
    }

    /// The known variant named `name` (ASCII case-insensitively), or a `Custom` holding
    /// `name` unchecked. For lookups; use [`str::parse`] to check a name.
    pub(crate) fn lookup(name: &str) -> Self {
        Self::KNOWN
            .into_iter()
            .find(|d| d.as_str().eq_ignore_ascii_case(name))
            .unwrap_or_else(|| Self::Custom(name.into()))
    }

    pub(crate) fn value_kind(&self) -> ValueKind {
        match self {
            Self::BlockAllMixedContent | Self::UpgradeInsecureRequests => ValueKind::Valueless,
            Self::Sandbox => ValueKind::Sandbox,
            Self::ReportTo => ValueKind::ReportTo,
            Self::ReportUri => ValueKind::ReportUri,
            Self::RequireTrustedTypesFor => ValueKind::RequireTrustedTypesFor,
            Self::TrustedTypes => ValueKind::TrustedTypes,
            Self::Webrtc => ValueKind::Webrtc,
            Self::Custom(name) => match Self::lookup(name) {
                Self::Custom(_) => ValueKind::Custom,
                known => known.value_kind(),
            },
            _ => ValueKind::SourceList,
        }
    }
}

/// True if `name` matches `^[A-Za-z0-9-]+$`, the directive-name grammar.
pub(crate) fn is_directive_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Checks a directive name (`^[A-Za-z0-9-]+$` after trimming spaces) and returns the
/// directive, known or custom.
pub(crate) fn parse_directive(input: &str) -> Result<Directive, Error> {
    let at = At::directive(HEADER, input);
    let name = clean_nonempty(at, input)?;
    if !is_directive_name(name) {
        let detail = "a directive name is made of ASCII letters, digits and '-'";
        return Err(at.error(ErrorKind::InvalidName, input).with_detail(detail));
    }
    Ok(Directive::lookup(name))
}

impl FromStr for Directive {
    type Err = Error;

    /// Parses a directive name: a known name (any case) gives its variant, another
    /// name matching `^[A-Za-z0-9-]+$` gives [`Directive::Custom`].
    fn from_str(s: &str) -> Result<Self, Error> {
        parse_directive(s)
    }
}

impl PartialEq for Directive {
    fn eq(&self, other: &Self) -> bool {
        self.as_str().eq_ignore_ascii_case(other.as_str())
    }
}

impl Hash for Directive {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for b in self.as_str().bytes() {
            state.write_u8(b.to_ascii_lowercase());
        }
        state.write_u8(0xff);
    }
}

impl AsRef<str> for Directive {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Directive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_names_round_trip() {
        for d in Directive::KNOWN {
            assert_eq!(d.as_str().parse::<Directive>().unwrap(), d);
            assert_eq!(
                d.as_str()
                    .to_ascii_uppercase()
                    .parse::<Directive>()
                    .unwrap(),
                d
            );
            assert!(!d.is_custom());
            assert_eq!(d.to_string(), d.as_str());
        }
        let names: std::collections::HashSet<_> = Directive::KNOWN.iter().collect();
        assert_eq!(names.len(), 29);
    }

    #[test]
    fn value_kinds() {
        assert!(Directive::ScriptSrc.is_source_list());
        assert!(Directive::FrameAncestors.is_source_list());
        assert!(!Directive::Sandbox.is_source_list());
        assert!(!Directive::UpgradeInsecureRequests.is_source_list());
        assert!(Directive::Custom("IMG-src".into()).is_source_list());
        assert_eq!(
            Directive::Custom("x".into()).value_kind(),
            ValueKind::Custom
        );
    }

    #[test]
    fn custom_names() {
        let d: Directive = "X-Beta".parse().unwrap();
        assert_eq!(d.as_str(), "X-Beta");
        assert!(d.is_custom());
        assert_eq!(d, Directive::Custom("x-beta".into()));
        assert_eq!(Directive::Custom("Script-Src".into()), Directive::ScriptSrc);
    }

    #[test]
    fn bad_names() {
        for bad in [
            "",
            "  ",
            "bad name",
            "a;b",
            "a,b",
            "a_b",
            "caf\u{e9}",
            "a\r\nb",
            "a\0",
        ] {
            let e = bad.parse::<Directive>().unwrap_err();
            assert_eq!(e.header(), Some(HEADER), "{bad:?}");
            assert_eq!(e.input(), Some(bad), "{bad:?}");
        }
        assert_eq!(
            "invalid name!".parse::<Directive>().unwrap_err().kind(),
            ErrorKind::InvalidName
        );
    }

    #[test]
    fn hash_agrees_with_eq() {
        use std::collections::HashSet;
        let set: HashSet<Directive> =
            [Directive::ScriptSrc, Directive::Custom("SCRIPT-SRC".into())]
                .into_iter()
                .collect();
        assert_eq!(set.len(), 1);
    }
}
