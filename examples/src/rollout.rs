//! A CSP roll-out, end to end: a small shop whose pages exercise every case the report
//! store's proposal handles, served with the Balanced preset enforced and a strict
//! candidate in report-only, its reports going to a collector that feeds a
//! [`Store`](secure_headers_reports::Store).
//!
//! The pages (see [`PAGES`]) have an inline script, an inline event handler, a script
//! from another origin, a script inserted by a script, `eval`, an inline style, an image,
//! a font and a `fetch` from another origin, and a frame of another origin. The other
//! origin is a second server ([`other_origin`]) on another port of 127.0.0.1 (browsers
//! treat another port as another origin). Every script that should run sets a marker in
//! the DOM: an attribute `data-ran-<name>` on `<html>`.
//!
//! `cargo run -p secure-headers-examples --example rollout` serves it and prints its URL;
//! `tests/convergence.rs` has Chromium visit every page, applies the store's proposal as
//! the enforced policy and checks that Chromium then sees no violation at all.
//!
//! ```no_run
//! use std::sync::Arc;
//! use secure_headers_examples::rollout::{Demo, other_origin, serve};
//! use secure_headers_reports::{Store, StoreWriter};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let store = Arc::new(Store::open("rollout.db")?);
//! let writer = StoreWriter::spawn(Arc::clone(&store), 4096);
//! let other = serve(other_origin(), 0).await?;
//! let shop = serve(Demo::new(format!("http://{other}")).app(writer.collector())?, 0).await?;
//! println!("http://{shop}/");
//! # Ok(()) }
//! ```

use std::net::SocketAddr;

use axum::Router;
use axum::extract::{Extension, Path};
use axum::http::{HeaderName, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use secure_headers::csp::Source;
use secure_headers::report::ReportCollector;
use secure_headers::{ContentSecurityPolicy, CspNonce, Preset};

/// Where the pages send their reports (both policies' `report-uri`).
pub const REPORTS: &str = "/reports";

/// A page of the demo and the markers its scripts set once the policy allows them and
/// the proposal's tasks are done ([`Demo::tasks_done`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    /// Its path.
    pub path: &'static str,
    /// The `data-ran-…` markers its scripts set.
    pub markers: &'static [&'static str],
    /// The element a visitor clicks (`#buy`), if any.
    pub click: Option<&'static str>,
}

/// Every page of the demo, in the order of its home page's links.
pub const PAGES: [Page; 9] = [
    page("/", &["mark"], None),
    page("/inline-script", &["mark", "inline-script"], None),
    page("/event-handler", &["mark", "event-handler"], Some("#buy")),
    page("/external-script", &["mark", "external-script"], None),
    page("/inserted-script", &["mark", "inserted-script"], None),
    page("/eval", &["mark", "eval-3"], None),
    page("/inline-style", &["mark", "inline-style"], None),
    page("/resources", &["mark", "image", "font", "fetch"], None),
    page("/frame", &["mark", "frame"], None),
];

const fn page(
    path: &'static str,
    markers: &'static [&'static str],
    click: Option<&'static str>,
) -> Page {
    Page {
        path,
        markers,
        click,
    }
}

/// The strict candidate: a nonce and `'strict-dynamic'` for scripts, `'self'` for the
/// rest, no plugins, no `<base>`, samples of inline code in its reports.
///
/// ```
/// use secure_headers::Policy as _;
///
/// let csp = secure_headers_examples::rollout::candidate();
/// assert_eq!(
///     csp.render()?,
///     "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'report-sample'; \
///      style-src 'self' 'report-sample'; object-src 'none'; base-uri 'none'; report-uri /reports"
/// );
/// # Ok::<(), secure_headers::Error>(())
/// ```
pub fn candidate() -> ContentSecurityPolicy {
    ContentSecurityPolicy::new()
        .default_src([Source::SELF])
        .script_src([
            Source::nonce(),
            Source::STRICT_DYNAMIC,
            Source::REPORT_SAMPLE,
        ])
        .style_src([Source::SELF, Source::REPORT_SAMPLE])
        .object_src([Source::NONE])
        .base_uri([Source::NONE])
        .report_uri([REPORTS])
}

/// The demo shop: which policy is enforced, which one is tried in report-only, and
/// whether the proposal's tasks (the inline event handler and the `eval`) are done.
#[derive(Clone, Debug)]
pub struct Demo {
    other: String,
    enforced: Option<ContentSecurityPolicy>,
    report_only: Option<ContentSecurityPolicy>,
    tasks_done: bool,
}

impl Demo {
    /// The shop as a roll-out starts: the Balanced preset enforced (its own CSP, with a
    /// `report-uri`), [`candidate`] in report-only, the tasks not done. `other` is the
    /// origin [`other_origin`] is served at (`http://127.0.0.1:8081`).
    #[must_use]
    pub fn new(other: impl Into<String>) -> Self {
        Self {
            other: other.into(),
            enforced: None,
            report_only: Some(candidate()),
            tasks_done: false,
        }
    }

    /// Enforces `policy` instead of Balanced's CSP (the rest of Balanced stays).
    #[must_use]
    pub fn enforce(mut self, policy: ContentSecurityPolicy) -> Self {
        self.enforced = Some(policy);
        self
    }

    /// The report-only policy (`None`: no report-only header).
    #[must_use]
    pub fn report_only(mut self, policy: Option<ContentSecurityPolicy>) -> Self {
        self.report_only = policy;
        self
    }

    /// With the proposal's tasks done: the button's `onclick` moved into a script's
    /// listener, the `eval` replaced by the code it evaluated.
    #[must_use]
    pub fn tasks_done(mut self, done: bool) -> Self {
        self.tasks_done = done;
        self
    }

    /// The shop's router: [`PAGES`], their scripts, and `collector` at [`REPORTS`], all
    /// under the Balanced preset with this demo's policies.
    ///
    /// # Errors
    ///
    /// The error of [`SecureBuilder::build`](secure_headers::SecureBuilder::build) if a
    /// policy is invalid.
    pub fn app(&self, collector: ReportCollector) -> Result<Router, secure_headers::Error> {
        let mut builder = match &self.enforced {
            Some(policy) => Preset::Balanced.builder().csp(policy.clone()),
            None => Preset::Balanced
                .builder()
                .map_csp(|csp| csp.report_uri([REPORTS])),
        };
        if let Some(policy) = &self.report_only {
            builder = builder.csp_report_only(policy.clone().report_only());
        }
        let secure = builder.provide_nonce(true).build()?;
        let pages = Pages {
            other: self.other.clone(),
            tasks_done: self.tasks_done,
        };
        let page_router = PAGES.iter().fold(Router::new(), |router, p| {
            let pages = pages.clone();
            router.route(
                p.path,
                get(move |Extension(nonce): Extension<CspNonce>| async move {
                    Html(pages.html(p.path, &nonce))
                }),
            )
        });
        let tasks_done = self.tasks_done;
        Ok(
            page_router
                .route(
                    "/js/{file}",
                    get(move |Path(file): Path<String>| async move {
                        first_party_js(&file, tasks_done)
                    }),
                )
                .route_service(REPORTS, collector)
                .layer(secure),
        )
    }
}

#[derive(Clone, Debug)]
struct Pages {
    other: String,
    tasks_done: bool,
}

impl Pages {
    /// A page's body, between the shared head and the end of the document.
    fn body(&self, path: &str, n: &str) -> String {
        let other = &self.other;
        match path {
            "/" => PAGES
                .iter()
                .skip(1)
                .map(|p| format!("<p><a href=\"{0}\">{0}</a></p>\n", p.path))
                .collect(),
            "/inline-script" => "<script>mark('inline-script')</script>\n".to_owned(),
            "/event-handler" if self.tasks_done => format!(
                "<button id=\"buy\">buy</button>\n<script {n} src=\"/js/buy.js\"></script>\n"
            ),
            "/event-handler" => {
                "<button id=\"buy\" onclick=\"mark('event-handler')\">buy</button>\n".to_owned()
            }
            "/external-script" => format!("<script {n} src=\"{other}/js/widget.js\"></script>\n"),
            "/inserted-script" => {
                format!("<script {n} src=\"/js/insert.js\" data-other=\"{other}\"></script>\n")
            }
            "/eval" => format!("<script {n} src=\"/js/eval.js\"></script>\n"),
            "/inline-style" => format!(
                "<style>#styled{{color:green}}</style>\n<p id=\"styled\">green</p>\n\
                 <script {n} src=\"/js/style.js\"></script>\n"
            ),
            "/resources" => format!(
                "<img id=\"pixel\" src=\"{other}/img/pixel.svg\" alt=\"\">\n\
                 <script {n} src=\"/js/resources.js\" data-other=\"{other}\"></script>\n"
            ),
            "/frame" => format!(
                "<script {n} src=\"/js/frame.js\" data-other=\"{other}\"></script>\n\
                 <iframe src=\"{other}/frame\" title=\"partner\"></iframe>\n"
            ),
            _ => String::new(),
        }
    }

    fn html(&self, path: &str, nonce: &CspNonce) -> String {
        let n = nonce.attribute().to_string();
        format!(
            "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>shop {path}</title>\n<script {n} src=\"/js/mark.js\"></script>\n</head>\n\
             <body>\n{}</body>\n</html>\n",
            self.body(path, &n)
        )
    }
}

fn js(code: &'static str) -> Response {
    ([(header::CONTENT_TYPE, "text/javascript")], code).into_response()
}

/// The shop's own scripts.
fn first_party_js(file: &str, tasks_done: bool) -> Response {
    match file {
        "mark.js" => js(
            "function mark(name) {\n  document.documentElement.setAttribute('data-ran-' + name, '');\n}\nmark('mark');\n",
        ),
        "buy.js" => js(
            "document.getElementById('buy').addEventListener('click', () => mark('event-handler'));\n",
        ),
        "insert.js" => js("const inserted = document.createElement('script');\n\
             inserted.src = document.currentScript.dataset.other + '/js/inserted.js';\n\
             document.head.append(inserted);\n"),
        "eval.js" if tasks_done => {
            js("// The total.\nconst total = 1 + 2;\nmark('eval-' + total);\n")
        }
        "eval.js" => js("// The total.\nconst total = eval('1 + 2');\nmark('eval-' + total);\n"),
        "style.js" => js(
            "const styled = getComputedStyle(document.getElementById('styled'));\n\
             if (styled.color === 'rgb(0, 128, 0)') mark('inline-style');\n",
        ),
        "resources.js" => js("const other = document.currentScript.dataset.other;\n\
             const pixel = document.getElementById('pixel');\n\
             if (pixel.complete && pixel.naturalWidth > 0) mark('image');\n\
             else pixel.addEventListener('load', () => mark('image'));\n\
             fetch(other + '/data.txt').then(r => r.text()).then(t => { if (t === 'ok') mark('fetch'); });\n\
             // The font's bytes are not a font: that they arrived is what counts (a\n\
             // blocked request has a timing entry too, without a body).\n\
             const font = other + '/font/demo.woff2';\n\
             const fetched = () => {\n\
             \x20 if (performance.getEntriesByName(font).some(e => e.encodedBodySize > 0)) mark('font');\n\
             };\n\
             new FontFace('Demo', 'url(' + font + ')').load().then(fetched, fetched);\n"),
        "frame.js" => js("const partner = document.currentScript.dataset.other;\n\
             addEventListener('message', e => { if (e.origin === partner && e.data === 'frame-ran') mark('frame'); });\n"),
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The other origin: a widget script, the script the shop inserts, an image, a font,
/// data for `fetch` and a page to frame. It sends `Access-Control-Allow-Origin: *` (the
/// font and the `fetch` are CORS requests), `Timing-Allow-Origin: *` (the shop's script
/// reads the font's size from its timing entry) and no policy of its own.
pub fn other_origin() -> Router {
    OTHER_ORIGIN
        .iter()
        .fold(Router::new(), |router, &(path, ty, body)| {
            router.route(
                path,
                get(move || async move {
                    (
                        [
                            (header::CONTENT_TYPE, ty),
                            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
                            (HeaderName::from_static("timing-allow-origin"), "*"),
                        ],
                        body,
                    )
                }),
            )
        })
}

/// What the other origin serves: path, content type, body.
const OTHER_ORIGIN: [(&str, &str, &str); 6] = [
    (
        "/js/widget.js",
        "text/javascript",
        "mark('external-script');\n",
    ),
    (
        "/js/inserted.js",
        "text/javascript",
        "mark('inserted-script');\n",
    ),
    (
        "/img/pixel.svg",
        "image/svg+xml",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>",
    ),
    ("/font/demo.woff2", "font/woff2", "not a font"),
    ("/data.txt", "text/plain", "ok"),
    (
        "/frame",
        "text/html; charset=utf-8",
        "<!doctype html><title>partner</title><script>parent.postMessage('frame-ran', '*')</script>",
    ),
];

/// Serves `app` on `port` of 127.0.0.1 (0: a free one) in a task of the current tokio
/// runtime, and returns its address.
///
/// # Errors
///
/// The error of binding the port.
pub async fn serve(app: Router, port: u16) -> std::io::Result<SocketAddr> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(addr)
}
