//! The source-list directives of [`ContentSecurityPolicy`], one method each.

use super::{ContentSecurityPolicy, Directive, IntoSource};

impl ContentSecurityPolicy {
    /// `base-uri`: the URLs a `<base>` element may set.
    ///
    /// Adds sources to `base-uri` (see [Source lists](Self#source-lists); an empty list makes
    /// the directive valueless). [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/base-uri)
    #[must_use = "builder methods return the changed policy"]
    pub fn base_uri(self, sources: impl IntoIterator<Item = impl IntoSource>) -> Self {
        self.source_list(Directive::BaseUri, sources)
    }

    /// `child-src`: sources for workers and nested browsing contexts.
    ///
    /// Adds sources to `child-src` (see [Source lists](Self#source-lists); an empty list makes
    /// the directive valueless). [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/child-src)
    #[must_use = "builder methods return the changed policy"]
    pub fn child_src(self, sources: impl IntoIterator<Item = impl IntoSource>) -> Self {
        self.source_list(Directive::ChildSrc, sources)
    }

    /// `connect-src`: URLs scripts may connect to (fetch, XHR, WebSocket, ...).
    ///
    /// Adds sources to `connect-src` (see [Source lists](Self#source-lists); an empty list makes
    /// the directive valueless). [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/connect-src)
    #[must_use = "builder methods return the changed policy"]
    pub fn connect_src(self, sources: impl IntoIterator<Item = impl IntoSource>) -> Self {
        self.source_list(Directive::ConnectSrc, sources)
    }

    /// `default-src`: the fallback for the other fetch directives.
    ///
    /// Adds sources to `default-src` (see [Source lists](Self#source-lists); an empty list makes
    /// the directive valueless). [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/default-src)
    #[must_use = "builder methods return the changed policy"]
    pub fn default_src(self, sources: impl IntoIterator<Item = impl IntoSource>) -> Self {
        self.source_list(Directive::DefaultSrc, sources)
    }

    /// `fenced-frame-src`: sources for `<fencedframe>` elements.
    ///
    /// Adds sources to `fenced-frame-src` (see [Source lists](Self#source-lists); an empty list makes
    /// the directive valueless). [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/fenced-frame-src)
    #[must_use = "builder methods return the changed policy"]
    pub fn fenced_frame_src(self, sources: impl IntoIterator<Item = impl IntoSource>) -> Self {
        self.source_list(Directive::FencedFrameSrc, sources)
    }

    /// `font-src`: sources for fonts.
    ///
    /// Adds sources to `font-src` (see [Source lists](Self#source-lists); an empty list makes
    /// the directive valueless). [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/font-src)
    #[must_use = "builder methods return the changed policy"]
    pub fn font_src(self, sources: impl IntoIterator<Item = impl IntoSource>) -> Self {
        self.source_list(Directive::FontSrc, sources)
    }

    /// `form-action`: the URLs forms may submit to.
    ///
    /// Adds sources to `form-action` (see [Source lists](Self#source-lists); an empty list makes
    /// the directive valueless). [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/form-action)
    #[must_use = "builder methods return the changed policy"]
    pub fn form_action(self, sources: impl IntoIterator<Item = impl IntoSource>) -> Self {
        self.source_list(Directive::FormAction, sources)
    }

    /// `frame-ancestors`: the pages that may embed this one (supersedes
    /// X-Frame-Options). Only host and scheme sources, `'self'` and `'none'` take
    /// effect here.
    ///
    /// Adds sources to `frame-ancestors` (see [Source lists](Self#source-lists); an empty list makes
    /// the directive valueless). [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/frame-ancestors)
    #[must_use = "builder methods return the changed policy"]
    pub fn frame_ancestors(self, sources: impl IntoIterator<Item = impl IntoSource>) -> Self {
        self.source_list(Directive::FrameAncestors, sources)
    }

    /// `frame-src`: sources for `<frame>` and `<iframe>`.
    ///
    /// Adds sources to `frame-src` (see [Source lists](Self#source-lists); an empty list makes
    /// the directive valueless). [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/frame-src)
    #[must_use = "builder methods return the changed policy"]
    pub fn frame_src(self, sources: impl IntoIterator<Item = impl IntoSource>) -> Self {
        self.source_list(Directive::FrameSrc, sources)
    }

    /// `img-src`: sources for images.
    ///
    /// Adds sources to `img-src` (see [Source lists](Self#source-lists); an empty list makes
    /// the directive valueless). [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/img-src)
    #[must_use = "builder methods return the changed policy"]
    pub fn img_src(self, sources: impl IntoIterator<Item = impl IntoSource>) -> Self {
        self.source_list(Directive::ImgSrc, sources)
    }

    /// `manifest-src`: sources for application manifests.
    ///
    /// Adds sources to `manifest-src` (see [Source lists](Self#source-lists); an empty list makes
    /// the directive valueless). [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/manifest-src)
    #[must_use = "builder methods return the changed policy"]
    pub fn manifest_src(self, sources: impl IntoIterator<Item = impl IntoSource>) -> Self {
        self.source_list(Directive::ManifestSrc, sources)
    }

    /// `media-src`: sources for audio, video and text tracks.
    ///
    /// Adds sources to `media-src` (see [Source lists](Self#source-lists); an empty list makes
    /// the directive valueless). [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/media-src)
    #[must_use = "builder methods return the changed policy"]
    pub fn media_src(self, sources: impl IntoIterator<Item = impl IntoSource>) -> Self {
        self.source_list(Directive::MediaSrc, sources)
    }

    /// `object-src`: sources for `<object>` and `<embed>` (set it to `'none'`).
    ///
    /// Adds sources to `object-src` (see [Source lists](Self#source-lists); an empty list makes
    /// the directive valueless). [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/object-src)
    #[must_use = "builder methods return the changed policy"]
    pub fn object_src(self, sources: impl IntoIterator<Item = impl IntoSource>) -> Self {
        self.source_list(Directive::ObjectSrc, sources)
    }

    /// `prefetch-src` (deprecated): sources that may be prefetched or prerendered.
    ///
    /// Adds sources to `prefetch-src` (see [Source lists](Self#source-lists); an empty list makes
    /// the directive valueless). [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/prefetch-src)
    #[must_use = "builder methods return the changed policy"]
    pub fn prefetch_src(self, sources: impl IntoIterator<Item = impl IntoSource>) -> Self {
        self.source_list(Directive::PrefetchSrc, sources)
    }

    /// `script-src`: sources for scripts.
    ///
    /// Adds sources to `script-src` (see [Source lists](Self#source-lists); an empty list makes
    /// the directive valueless). [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/script-src)
    #[must_use = "builder methods return the changed policy"]
    pub fn script_src(self, sources: impl IntoIterator<Item = impl IntoSource>) -> Self {
        self.source_list(Directive::ScriptSrc, sources)
    }

    /// `script-src-attr`: sources for inline event handlers.
    ///
    /// Adds sources to `script-src-attr` (see [Source lists](Self#source-lists); an empty list makes
    /// the directive valueless). [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/script-src-attr)
    #[must_use = "builder methods return the changed policy"]
    pub fn script_src_attr(self, sources: impl IntoIterator<Item = impl IntoSource>) -> Self {
        self.source_list(Directive::ScriptSrcAttr, sources)
    }

    /// `script-src-elem`: sources for `<script>` elements.
    ///
    /// Adds sources to `script-src-elem` (see [Source lists](Self#source-lists); an empty list makes
    /// the directive valueless). [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/script-src-elem)
    #[must_use = "builder methods return the changed policy"]
    pub fn script_src_elem(self, sources: impl IntoIterator<Item = impl IntoSource>) -> Self {
        self.source_list(Directive::ScriptSrcElem, sources)
    }

    /// `style-src`: sources for stylesheets.
    ///
    /// Adds sources to `style-src` (see [Source lists](Self#source-lists); an empty list makes
    /// the directive valueless). [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/style-src)
    #[must_use = "builder methods return the changed policy"]
    pub fn style_src(self, sources: impl IntoIterator<Item = impl IntoSource>) -> Self {
        self.source_list(Directive::StyleSrc, sources)
    }

    /// `style-src-attr`: sources for inline `style` attributes.
    ///
    /// Adds sources to `style-src-attr` (see [Source lists](Self#source-lists); an empty list makes
    /// the directive valueless). [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/style-src-attr)
    #[must_use = "builder methods return the changed policy"]
    pub fn style_src_attr(self, sources: impl IntoIterator<Item = impl IntoSource>) -> Self {
        self.source_list(Directive::StyleSrcAttr, sources)
    }

    /// `style-src-elem`: sources for `<style>` and stylesheet links.
    ///
    /// Adds sources to `style-src-elem` (see [Source lists](Self#source-lists); an empty list makes
    /// the directive valueless). [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/style-src-elem)
    #[must_use = "builder methods return the changed policy"]
    pub fn style_src_elem(self, sources: impl IntoIterator<Item = impl IntoSource>) -> Self {
        self.source_list(Directive::StyleSrcElem, sources)
    }

    /// `worker-src`: sources for workers.
    ///
    /// Adds sources to `worker-src` (see [Source lists](Self#source-lists); an empty list makes
    /// the directive valueless). [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/worker-src)
    #[must_use = "builder methods return the changed policy"]
    pub fn worker_src(self, sources: impl IntoIterator<Item = impl IntoSource>) -> Self {
        self.source_list(Directive::WorkerSrc, sources)
    }
}
