//! The routes: the page, its JSON API, its assets, the login form and the two actions.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::{HeaderValue, Method, Request, Response, StatusCode, header};
use http_body::Body;
use http_body_util::{BodyExt as _, Full, Limited};
use secure_headers::CspNonce;

use crate::auth::{Access, Decision, peer};
use crate::model::Source;
use crate::page::{self, PageData};
use crate::params::FingerprintQuery;
use crate::{Error, assets};

/// How many scripts of the inventory the page lists.
const INVENTORY_ROWS: usize = 200;
/// The largest form body (login, mute, accept) read.
const FORM_LIMIT: usize = 4096;

/// The dashboard's routes, without its headers: [`Dashboard::service`](crate::Dashboard::service)
/// wraps this in the page's [`Secure`](secure_headers::Secure) layer.
#[derive(Clone)]
pub struct Routes {
    pub(crate) source: Arc<dyn Source>,
    pub(crate) access: Access,
}

impl std::fmt::Debug for Routes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Routes")
            .field("access", &self.access)
            .finish_non_exhaustive()
    }
}

type Answer = Response<Full<Bytes>>;

impl<B> tower_service::Service<Request<B>> for Routes
where
    B: Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    type Response = Answer;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Answer, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: Request<B>) -> Self::Future {
        let routes = self.clone();
        Box::pin(async move { Ok(routes.handle(req).await) })
    }
}

impl Routes {
    async fn handle<B>(self, req: Request<B>) -> Answer
    where
        B: Body + Send + 'static,
        B::Data: Send,
        B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        let path = req.uri().path().to_owned();
        match self.access.decide(&req) {
            Decision::Hidden => return plain(StatusCode::NOT_FOUND, "not found"),
            Decision::Unauthorized => {
                if path == "/login" && req.method() == Method::POST {
                    return self.login(req).await;
                }
                refused(&req, "missing or wrong token");
                let mut answer = html(StatusCode::UNAUTHORIZED, page::login(false));
                answer.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"secure-headers reports\""),
                );
                return answer;
            }
            Decision::Allow => {}
        }
        let method = req.method().clone();
        match (path.as_str(), method) {
            ("/", Method::GET | Method::HEAD) => {
                let query = FingerprintQuery::parse(req.uri().query());
                let nonce = req.extensions().get::<CspNonce>().copied();
                self.page(query, nonce).await
            }
            ("/api/fingerprints", Method::GET | Method::HEAD) => {
                let query = match FingerprintQuery::parse(req.uri().query()) {
                    Ok(q) => q,
                    Err(e) => return bad_request(&e),
                };
                let source = Arc::clone(&self.source);
                blocking(move || source.fingerprints(&query))
                    .await
                    .map_or_else(|e| server_error(&e), |p| json(&page::fingerprint_rows(&p)))
            }
            ("/login", Method::GET | Method::HEAD | Method::POST) => see_other("./"),
            ("/mute", Method::POST) => self.mute(req).await,
            ("/accept", Method::POST) => {
                let source = Arc::clone(&self.source);
                match blocking(move || source.accept_proposal()).await {
                    Ok(true) => see_other("./#proposal"),
                    Ok(false) => plain(StatusCode::CONFLICT, "there is no proposal to accept"),
                    Err(e) => server_error(&e),
                }
            }
            (p, Method::GET | Method::HEAD) if p.starts_with("/assets/") => assets::serve(p),
            ("/" | "/api/fingerprints" | "/mute" | "/accept", _) => {
                let mut answer = plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed");
                let allow = if path == "/mute" || path == "/accept" {
                    "POST"
                } else {
                    "GET, HEAD"
                };
                answer
                    .headers_mut()
                    .insert(header::ALLOW, HeaderValue::from_static(allow));
                answer
            }
            _ => plain(StatusCode::NOT_FOUND, "not found"),
        }
    }

    async fn page(
        &self,
        query: Result<FingerprintQuery, Error>,
        nonce: Option<CspNonce>,
    ) -> Answer {
        let query = match query {
            Ok(q) => q,
            Err(e) => return bad_request(&e),
        };
        let Some(nonce) = nonce else {
            // Only reachable when `Routes` is served without the page's `Secure` layer.
            return server_error(
                "the dashboard is served without its headers (use Dashboard::service)",
            );
        };
        let source = Arc::clone(&self.source);
        let q = query.clone();
        let data = blocking(move || {
            let (overview, proposal) = source.overview_and_proposal(&q)?;
            Ok(PageData {
                overview,
                table: source.fingerprints(&q)?,
                proposal,
                inventory: source.inventory(INVENTORY_ROWS)?,
            })
        })
        .await;
        match data {
            Ok(data) => html(
                StatusCode::OK,
                page::dashboard(&data, &query, nonce.as_str()),
            ),
            Err(e) => server_error(&e),
        }
    }

    async fn login<B>(&self, req: Request<B>) -> Answer
    where
        B: Body + Send + 'static,
        B::Data: Send,
        B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        let (parts, body) = req.into_parts();
        let head = Request::from_parts(parts, ());
        let Some(form) = form(body).await else {
            return plain(
                StatusCode::BAD_REQUEST,
                "expected a form of at most 4096 bytes",
            );
        };
        let token = field(&form, "token").unwrap_or_default();
        if self.access.token_matches(token.as_bytes()) {
            let mut answer = see_other("./");
            if let Ok(v) = HeaderValue::try_from(self.access.session_cookie(&head)) {
                answer.headers_mut().insert(header::SET_COOKIE, v);
            }
            answer
        } else {
            refused(&head, "wrong token in the login form");
            html(StatusCode::UNAUTHORIZED, page::login(true))
        }
    }

    async fn mute<B>(&self, req: Request<B>) -> Answer
    where
        B: Body + Send + 'static,
        B::Data: Send,
        B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        let Some(form) = form(req.into_body()).await else {
            return plain(
                StatusCode::BAD_REQUEST,
                "expected a form of at most 4096 bytes",
            );
        };
        let id = match crate::params::id("form field id", &field(&form, "id").unwrap_or_default()) {
            Ok(id) => id,
            Err(e) => return bad_request(&e),
        };
        let muted = match field(&form, "muted").as_deref() {
            None | Some("1") => true,
            Some("0") => false,
            Some(other) => {
                return bad_request(&Error::new("form field muted", other, "expected 0 or 1"));
            }
        };
        // Back to the same view of the table: the query is parsed again, never echoed.
        let back = match FingerprintQuery::parse(field(&form, "back").as_deref()) {
            Ok(q) => q.to_query(),
            Err(e) => return bad_request(&e),
        };
        let source = Arc::clone(&self.source);
        let what = id.clone();
        match blocking(move || source.mute(&what, muted)).await {
            Ok(true) => see_other(&format!("./?{back}#fingerprints")),
            Ok(false) => plain(StatusCode::NOT_FOUND, &format!("no fingerprint {id}")),
            Err(e) => server_error(&e),
        }
    }
}

/// One log line for a refused request (wrong or missing token).
fn refused<B>(req: &Request<B>, why: &str) {
    let peer = peer(req).map_or_else(|| "unknown".to_owned(), |ip| ip.to_string());
    tracing::warn!(
        target: "secure_headers_dashboard",
        "401 for {} {} from {peer}: {why}",
        req.method(),
        req.uri().path()
    );
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    tokio::task::spawn_blocking(f)
        .await
        .unwrap_or_else(|e| Err(format!("the store query failed: {e}")))
}

async fn form<B>(body: B) -> Option<Vec<(String, String)>>
where
    B: Body,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let bytes = Limited::new(body, FORM_LIMIT)
        .collect()
        .await
        .ok()?
        .to_bytes();
    Some(form_urlencoded::parse(&bytes).into_owned().collect())
}

fn field(form: &[(String, String)], name: &str) -> Option<String> {
    form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
}

pub(crate) fn respond(
    status: StatusCode,
    content_type: &'static str,
    body: impl Into<Bytes>,
) -> Answer {
    let mut answer = Response::new(Full::new(body.into()));
    *answer.status_mut() = status;
    answer
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    answer
}

fn html(status: StatusCode, body: String) -> Answer {
    respond(status, "text/html; charset=utf-8", body)
}

fn plain(status: StatusCode, body: &str) -> Answer {
    respond(status, "text/plain; charset=utf-8", format!("{body}\n"))
}

fn json(value: &serde_json::Value) -> Answer {
    respond(StatusCode::OK, "application/json", value.to_string())
}

fn bad_request(e: &Error) -> Answer {
    plain(StatusCode::BAD_REQUEST, &e.to_string())
}

fn server_error(e: &str) -> Answer {
    tracing::error!(target: "secure_headers_dashboard", "store query failed: {e}");
    plain(
        StatusCode::INTERNAL_SERVER_ERROR,
        &format!("the report store failed: {e}"),
    )
}

fn see_other(to: &str) -> Answer {
    let mut answer = respond(StatusCode::SEE_OTHER, "text/plain; charset=utf-8", "");
    if let Ok(v) = HeaderValue::try_from(to) {
        answer.headers_mut().insert(header::LOCATION, v);
    }
    answer
}
