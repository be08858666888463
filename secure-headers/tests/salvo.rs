//! salvo: `Secure` as a hoop on the `Service`, on a real server.

mod framework_support;

use std::net::SocketAddr;

use framework_support::wire::{self, Runs};
use framework_support::{self as support, APP_CSP, Chunks};
use salvo::conn::tcp::TcpAcceptor;
use salvo::http::StatusCode;
use salvo::prelude::*;
use salvo::websocket::WebSocketUpgrade;
use secure_headers::{CspNonce, Secure, SecureOverride};

#[handler]
async fn index() -> &'static str {
    "hello"
}

#[handler]
async fn app_headers(res: &mut Response) {
    let h = res.headers_mut();
    h.append("set-cookie", "a=1; HttpOnly".parse().unwrap());
    h.append("set-cookie", "b=2; Secure".parse().unwrap());
    h.insert("x-frame-options", "DENY".parse().unwrap());
    h.insert("content-security-policy", APP_CSP.parse().unwrap());
    h.insert("vary", "Accept".parse().unwrap());
    res.render("app");
}

/// `/fill/{n}`: `n` header names of the handler's.
#[handler]
async fn fill(req: &mut Request, res: &mut Response) {
    let n = support::full_map::count(&req.param::<String>("n").unwrap_or_default());
    for name in support::full_map::names(n) {
        let name = salvo::http::HeaderName::try_from(name).unwrap();
        res.headers_mut().insert(name, "1".parse().unwrap());
    }
    res.render("filled");
}

#[derive(serde::Deserialize, Extractible)]
#[salvo(extract(default_source(from = "body", parse = "json")))]
struct Payload {
    #[allow(dead_code)]
    name: String,
}

#[handler]
async fn json(_payload: Payload) -> &'static str {
    "parsed"
}

#[handler]
async fn error() -> Result<&'static str, StatusError> {
    Err(StatusError::internal_server_error())
}

#[handler]
async fn etag(req: &mut Request, res: &mut Response) {
    res.headers_mut().insert("etag", "\"v1\"".parse().unwrap());
    if req.header::<String>("if-none-match").as_deref() == Some("\"v1\"") {
        res.status_code(StatusCode::NOT_MODIFIED);
    } else {
        res.render("v1");
    }
}

struct Stream(Chunks);

#[async_trait]
impl Handler for Stream {
    async fn handle(&self, _: &mut Request, _: &mut Depot, res: &mut Response, _: &mut FlowCtrl) {
        res.stream(self.0.stream());
    }
}

#[handler]
async fn ws(req: &mut Request, res: &mut Response) -> Result<(), StatusError> {
    WebSocketUpgrade::new()
        .upgrade(req, res, |mut socket| async move {
            while let Some(Ok(msg)) = socket.recv().await {
                if msg.is_close() || socket.send(msg).await.is_err() {
                    break;
                }
            }
        })
        .await
}

/// A handler that attaches an override to its own response.
struct WithOverride(SecureOverride);

#[async_trait]
impl Handler for WithOverride {
    async fn handle(&self, _: &mut Request, _: &mut Depot, res: &mut Response, _: &mut FlowCtrl) {
        res.extensions.insert(self.0.clone());
        res.render("overridden");
    }
}

fn router(chunks: Chunks) -> Router {
    Router::new()
        .get(index)
        .head(index)
        .push(Router::with_path("app-headers").get(app_headers))
        .push(Router::with_path("fill/{n}").get(fill))
        .push(Router::with_path("json").post(json))
        .push(Router::with_path("error").get(error))
        .push(Router::with_path("etag").get(etag))
        .push(Router::with_path("stream").get(Stream(chunks)))
        .push(Router::with_path("ws").goal(ws))
        .push(
            Router::with_path("embed")
                .hoop(support::embeddable())
                .get(index),
        )
        .push(Router::with_path("report").get(WithOverride(support::report_only_self())))
        .push(Router::with_path("cdn").get(WithOverride(support::with_cdn())))
        .push(
            Router::with_path("scoped")
                .hoop(support::scoped())
                .push(Router::with_path("page").get(index))
                .push(Router::with_path("open").get(WithOverride(SecureOverride::none()))),
        )
}

async fn listen(service: Service, bind: &str) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind(bind).await.unwrap();
    let acceptor = TcpAcceptor::try_from(listener).unwrap();
    let addr = acceptor.local_addr().unwrap();
    tokio::spawn(Server::new(acceptor).serve(service));
    addr
}

/// The application of [`framework_support`].
async fn serve(chunks: Chunks) -> SocketAddr {
    listen(
        Service::new(router(chunks)).hoop(support::base()),
        "127.0.0.1:0",
    )
    .await
}

support::app_tests!(test = tokio::test, serve = serve, header_map_cap = true);

/// Why the hoop goes on the `Service`: salvo runs a router's hoops only for requests one of
/// its routes matched, so on the root `Router` the 404 goes out bare.
#[tokio::test]
async fn a_router_hoop_does_not_see_unmatched_requests() {
    let router = Router::new().hoop(support::base()).get(index);
    let addr = listen(Service::new(router), "127.0.0.1:0").await;
    let base = format!("http://{addr}");
    let matched = support::client().get(&base).send().await.unwrap();
    support::assert_balanced(matched.headers());
    let unmatched = support::client()
        .get(format!("{base}/nope"))
        .send()
        .await
        .unwrap();
    assert_eq!(unmatched.status(), StatusCode::NOT_FOUND);
    assert_eq!(unmatched.headers().get("x-frame-options"), None);
}

// ---------------------------------------------------------------------------------------
// The request side: nonces, HTTPS awareness, allowed hosts, cookies, development mode, the
// report collector.
// ---------------------------------------------------------------------------------------

/// Takes the nonce from the request's extensions (and checks the depot has the same).
#[handler]
async fn nonce_page(req: &mut Request, depot: &mut Depot, res: &mut Response) {
    let nonce = *req.extensions().get::<CspNonce>().expect("a nonce");
    assert_eq!(depot.get_typed::<CspNonce>().ok(), Some(&nonce));
    res.render(Text::Html(wire::page(&nonce)));
}

/// `/` and `/a/b`: count the run.
struct Counted(Runs);

#[async_trait]
impl Handler for Counted {
    async fn handle(&self, _: &mut Request, _: &mut Depot, res: &mut Response, _: &mut FlowCtrl) {
        res.render(self.0.hello());
    }
}

#[handler]
async fn wire_cookies(res: &mut Response) {
    let h = res.headers_mut();
    for c in wire::COOKIES {
        h.append("set-cookie", c.parse().unwrap());
    }
    h.insert("x-powered-by", "framework".parse().unwrap());
    res.render("cookies");
}

/// The routes of [`wire`] under `secure`, on `bind`.
async fn serve_wire(secure: Secure, bind: &str, runs: Runs) -> SocketAddr {
    let router = Router::new()
        .get(Counted(runs.clone()))
        .post(Counted(runs.clone()))
        .push(
            Router::with_path("a/b")
                .get(Counted(runs.clone()))
                .post(Counted(runs.clone())),
        )
        .push(
            Router::with_path("guarded")
                .hoop(wire::guarded_override())
                .get(Counted(runs.clone()))
                .post(Counted(runs)),
        )
        .push(Router::with_path("nonce").get(nonce_page))
        .push(
            Router::with_path("strict")
                .hoop(wire::strict_override())
                .get(nonce_page),
        )
        .push(Router::with_path("cookies").get(wire_cookies));
    listen(Service::new(router).hoop(secure), bind).await
}

#[cfg(feature = "reporting")]
async fn serve_reports(
    collector: secure_headers::report::ReportCollector,
    secure: secure_headers::Secure,
) -> SocketAddr {
    let router = Router::new().push(Router::with_path("reports").goal(collector));
    listen(Service::new(router).hoop(secure), "127.0.0.1:0").await
}

wire::wire_tests! {
    test = tokio::test,
    serve = serve_wire, absolute_form = Authority, no_host = Middleware, authority_form = Middleware, reports = serve_reports,
}
