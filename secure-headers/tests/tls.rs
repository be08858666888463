//! The tower layer behind a real TLS listener: one axum app served on an HTTPS listener
//! (rustls, with a self-signed certificate for 127.0.0.1 made here) and on a plain HTTP
//! listener, both on 127.0.0.1. The accept loops tell the layer what the framework does
//! not: the TLS accept loop inserts `transport::Tls`, both insert `transport::PeerAddr`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::routing::get;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use secure_headers::transport::{AllowedHosts, HstsMode, HttpsRedirect, PeerAddr, Tls};
use secure_headers::{Preset, Secure};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tower::ServiceExt as _;

const HSTS: &str = "max-age=31536000; includeSubDomains";

/// A TLS acceptor with a fresh self-signed certificate for 127.0.0.1.
fn acceptor() -> TlsAcceptor {
    let rcgen::CertifiedKey { cert, signing_key } =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(signing_key.serialize_der()));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert.der().clone()], key)
        .unwrap();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    TlsAcceptor::from(Arc::new(config))
}

/// Serves `app` on `listener`, over TLS when `tls` is given, telling the layer the peer
/// address and whether the connection is TLS.
async fn accept_loop(listener: TcpListener, app: Router, tls: Option<TlsAcceptor>) {
    loop {
        let Ok((stream, peer)) = listener.accept().await else {
            continue;
        };
        let (app, tls) = (app.clone(), tls.clone());
        tokio::spawn(async move {
            let is_tls = tls.is_some();
            let service = app.map_request(move |mut req: Request<Incoming>| {
                if is_tls {
                    req.extensions_mut().insert(Tls);
                }
                req.extensions_mut().insert(PeerAddr(peer.ip()));
                req
            });
            let service = TowerToHyperService::new(service);
            let http = hyper::server::conn::http1::Builder::new();
            let _ = match tls {
                Some(acceptor) => {
                    let Ok(stream) = acceptor.accept(stream).await else {
                        return;
                    };
                    http.serve_connection(TokioIo::new(stream), service).await
                }
                None => http.serve_connection(TokioIo::new(stream), service).await,
            };
        });
    }
}

/// The same app on an HTTPS and an HTTP listener, with the `Secure` that `secure` makes
/// from the HTTPS port; returns both addresses.
async fn serve(secure: impl FnOnce(u16) -> Secure) -> (SocketAddr, SocketAddr) {
    let https = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let http = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let (https_addr, http_addr) = (https.local_addr().unwrap(), http.local_addr().unwrap());
    let app = Router::new()
        .route("/", get(|| async { "hello" }))
        .route("/page", get(|| async { "page" }))
        .layer(secure(https_addr.port()));
    tokio::spawn(accept_loop(https, app.clone(), Some(acceptor())));
    tokio::spawn(accept_loop(http, app, None));
    (https_addr, http_addr)
}

fn client(follow: bool) -> reqwest::Client {
    let redirects = if follow {
        reqwest::redirect::Policy::limited(3)
    } else {
        reqwest::redirect::Policy::none()
    };
    reqwest::Client::builder()
        .danger_accept_invalid_certs(true)
        .redirect(redirects)
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

/// HSTS on secure requests only: present over HTTPS, absent over HTTP.
#[tokio::test]
async fn hsts_only_over_https() {
    let (https, http) = serve(|_| {
        Preset::Balanced
            .builder()
            .hsts_mode(HstsMode::SecureOnly)
            .build()
            .unwrap()
    })
    .await;

    let resp = client(false)
        .get(format!("https://{https}/"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.headers()["strict-transport-security"], HSTS);
    assert_eq!(resp.headers()["x-frame-options"], "SAMEORIGIN");
    assert_eq!(resp.text().await.unwrap(), "hello");

    let resp = client(false)
        .get(format!("http://{http}/"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.headers().get("strict-transport-security"), None);
    assert_eq!(resp.headers()["x-frame-options"], "SAMEORIGIN");

    // A spoofed X-Forwarded-Proto over HTTP from an untrusted peer changes nothing.
    let resp = client(false)
        .get(format!("http://{http}/"))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers().get("strict-transport-security"), None);
}

/// The HTTP request is redirected to the HTTPS port, path and query kept, and following
/// the redirect over TLS works.
#[tokio::test]
async fn redirect_to_the_https_listener_and_follow_it() {
    let (https, http) = serve(|port| {
        Preset::Balanced
            .builder()
            .hsts_mode(HstsMode::SecureOnly)
            .https_redirect(HttpsRedirect::new().port(port))
            .allowed_hosts(AllowedHosts::new(["127.0.0.1"]))
            .build()
            .unwrap()
    })
    .await;

    let resp = client(false)
        .get(format!("http://{http}/page?x=1&y=%20"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(
        resp.headers()["location"],
        format!("https://127.0.0.1:{}/page?x=1&y=%20", https.port())
    );
    assert_eq!(resp.headers().get("strict-transport-security"), None);
    assert_eq!(resp.headers()["x-frame-options"], "SAMEORIGIN");

    let resp = client(true)
        .get(format!("http://{http}/page?x=1&y=%20"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(
        resp.url().as_str(),
        format!("https://127.0.0.1:{}/page?x=1&y=%20", https.port())
    );
    assert_eq!(resp.headers()["strict-transport-security"], HSTS);
    assert_eq!(resp.text().await.unwrap(), "page");

    // Over HTTPS there is nothing to redirect: no loop.
    let resp = client(false)
        .get(format!("https://{https}/page"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
}
