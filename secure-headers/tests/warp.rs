//! warp: `secure_headers::warp::wrap` around a recovered filter, on a real server.

mod framework_support;

use std::convert::Infallible;
use std::net::SocketAddr;

use framework_support::{self as support, APP_CSP, Chunks};
use futures_util::{SinkExt, StreamExt};
use secure_headers::SecureOverride;
use secure_headers::warp::{wrap, wrap_override};
use warp::http::StatusCode;
use warp::{Filter, Rejection, Reply};

#[derive(Debug)]
struct Boom;

impl warp::reject::Reject for Boom {}

#[derive(serde::Deserialize)]
struct Payload {
    #[allow(dead_code)]
    name: String,
}

/// The application's rejection handler: every rejection becomes a reply here, inside
/// `wrap`, so it gets the headers.
async fn handle_rejection(err: Rejection) -> Result<impl Reply, Infallible> {
    let status = if err.is_not_found() {
        StatusCode::NOT_FOUND
    } else if err
        .find::<warp::filters::body::BodyDeserializeError>()
        .is_some()
    {
        StatusCode::BAD_REQUEST
    } else if err.find::<warp::reject::MethodNotAllowed>().is_some() {
        StatusCode::METHOD_NOT_ALLOWED
    } else {
        StatusCode::INTERNAL_SERVER_ERROR
    };
    Ok(warp::reply::with_status(
        status.canonical_reason().unwrap_or(""),
        status,
    ))
}

/// A reply that carries its own override.
fn with_override(o: SecureOverride) -> warp::reply::Response {
    let mut response = "overridden".into_response();
    response.extensions_mut().insert(o);
    response
}

fn routes(
    chunks: Chunks,
) -> impl Filter<Extract = (warp::reply::Response,), Error = Infallible> + Clone {
    let index = warp::path::end()
        .and(warp::get().or(warp::head()).unify())
        .map(|| "hello");
    let app_headers = warp::path!("app-headers").map(|| {
        let mut r = "app".into_response();
        let h = r.headers_mut();
        h.append("set-cookie", "a=1; HttpOnly".parse().unwrap());
        h.append("set-cookie", "b=2; Secure".parse().unwrap());
        h.insert("x-frame-options", "DENY".parse().unwrap());
        h.insert("content-security-policy", APP_CSP.parse().unwrap());
        r
    });
    let json = warp::path!("json")
        .and(warp::post())
        .and(warp::body::json())
        .map(|_: Payload| "parsed");
    let error =
        warp::path!("error").and_then(|| async { Err::<&str, _>(warp::reject::custom(Boom)) });
    let etag = warp::path!("etag")
        .and(warp::header::optional::<String>("if-none-match"))
        .map(|tag: Option<String>| {
            let status = match tag.as_deref() {
                Some("\"v1\"") => StatusCode::NOT_MODIFIED,
                _ => StatusCode::OK,
            };
            warp::reply::with_header(warp::reply::with_status("", status), "etag", "\"v1\"")
        });
    let stream = warp::path!("stream").map(move || warp::reply::stream(chunks.stream()));
    let ws = warp::path!("ws").and(warp::ws()).map(|ws: warp::ws::Ws| {
        ws.on_upgrade(|mut socket| async move {
            while let Some(Ok(msg)) = socket.next().await {
                if msg.is_close() || socket.send(msg).await.is_err() {
                    break;
                }
            }
        })
    });
    let embed = wrap_override(warp::path!("embed").map(|| "hello"), support::embeddable());
    let report = warp::path!("report").map(|| with_override(support::report_only_self()));
    let cdn = warp::path!("cdn").map(|| with_override(support::with_cdn()));
    let scoped = warp::path("scoped").and(
        warp::path!("page")
            .map(|| "hello".into_response())
            .or(warp::path!("open").map(|| with_override(SecureOverride::none())))
            .unify(),
    );
    let scoped = wrap_override(scoped, support::scoped());

    let app = index
        .or(app_headers)
        .or(json)
        .or(error)
        .or(etag)
        .or(stream)
        .or(ws)
        .or(embed)
        .or(report)
        .or(cdn)
        .or(scoped)
        .recover(handle_rejection);
    wrap(app, support::base())
}

async fn serve(chunks: Chunks) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(warp::serve(routes(chunks)).incoming(listener).run());
    addr
}

async fn app() -> SocketAddr {
    serve(Chunks::new().1).await
}

#[tokio::test]
async fn plain_handler() {
    support::plain(app().await).await;
}

#[tokio::test]
async fn app_headers_replaced_appended_or_kept() {
    support::app_headers(app().await).await;
}

#[tokio::test]
async fn not_found() {
    support::not_found(app().await).await;
}

#[tokio::test]
async fn extractor_rejection() {
    support::extractor_rejection(app().await).await;
}

#[tokio::test]
async fn error_response() {
    support::server_error(app().await).await;
}

#[tokio::test]
async fn head() {
    support::head(app().await).await;
}

#[tokio::test]
async fn not_modified() {
    support::not_modified(app().await).await;
}

#[tokio::test]
async fn streaming_body_is_not_buffered() {
    let (tx, chunks) = Chunks::new();
    support::streaming(serve(chunks).await, tx).await;
}

#[tokio::test]
async fn websocket_upgrade_completes() {
    support::websocket(app().await).await;
}

#[tokio::test]
async fn route_scope_and_response_overrides() {
    support::overrides(app().await).await;
}

/// `wrap` does not recover: a wrapped filter still falls through to the next with `or`.
#[tokio::test]
async fn a_wrapped_filter_still_composes_with_or() {
    let first = wrap(warp::path!("a").map(|| "a"), support::base());
    let second = warp::path!("b").map(|| "b");
    let routes = first.or(second);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(warp::serve(routes).incoming(listener).run());
    let b = support::client()
        .get(format!("http://{addr}/b"))
        .send()
        .await
        .unwrap();
    assert_eq!(b.status(), StatusCode::OK);
    assert_eq!(b.text().await.unwrap(), "b");
}
