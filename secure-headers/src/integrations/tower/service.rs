//! `Secure` as a tower [`Layer`]: the service and its response future.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use http::{Request, Response};
use pin_project_lite::pin_project;
use tower_layer::Layer;
use tower_service::Service;

use crate::request::{LazyHttpRequest, RequestView};
use crate::transport::{PeerAddr, Tls};
use crate::{EarlyResponse, RequestContext, Secure};

impl<S> Layer<S> for Secure {
    type Service = SecureService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        SecureService {
            inner,
            secure: self.clone(),
        }
    }
}

/// The service made by [`Secure`]'s [`Layer`] implementation: inspects each request before
/// `S` (see the [module](super) docs), then applies the headers to every response of `S`.
///
/// An HTTPS redirect or a refusal is answered without calling `S`, with a body of `S`'s
/// body type made from the one line the core gives (empty for a redirect; hence
/// `ResBody: From<&'static str>`, as axum's, hyper's `Full`, `String` and warp's bodies
/// are).
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// use secure_headers::Secure;
/// use secure_headers::tower::SecureService;
/// use tower::{Layer, ServiceExt, service_fn};
///
/// let inner = service_fn(|_req: http::Request<()>| async {
///     Ok::<_, std::convert::Infallible>(http::Response::new(String::from("hello")))
/// });
/// // The type to name when a wrapped service is stored (in a struct, a static, ...).
/// let app: SecureService<_> = Secure::with_default_headers().layer(inner);
/// let response = app.oneshot(http::Request::new(())).await.unwrap();
/// assert_eq!(response.headers()["x-frame-options"], "SAMEORIGIN");
/// assert_eq!(response.body(), "hello");
/// # });
/// ```
#[derive(Clone)]
pub struct SecureService<S> {
    inner: S,
    secure: Secure,
}

impl<S> SecureService<S> {
    /// The wrapped service.
    pub fn get_ref(&self) -> &S {
        &self.inner
    }

    /// The wrapped service, mutably.
    pub fn get_mut(&mut self) -> &mut S {
        &mut self.inner
    }

    /// Unwraps the inner service.
    pub fn into_inner(self) -> S {
        self.inner
    }
}

crate::integrations::debug_by_type_name!(SecureService<S>, "inner", secure = secure);

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for SecureService<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
    ResBody: From<&'static str>,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future, ResBody>;

    #[inline]
    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: Request<ReqBody>) -> Self::Future {
        let inspected = self.secure.inspect(&view(&req));
        match inspected {
            Ok(context) => {
                if let Some(nonce) = context.nonce() {
                    req.extensions_mut().insert(*nonce);
                }
                ResponseFuture {
                    state: State::Inner {
                        future: self.inner.call(req),
                        secure: Some(self.secure.clone()),
                        context,
                    },
                }
            }
            Err(early) => {
                let secure = &self.secure;
                let response = answer(early, |early, body| early.into_response(secure, body));
                ResponseFuture {
                    state: State::Early {
                        response: Some(Box::new(response)),
                    },
                }
            }
        }
    }
}

/// An early answer (a redirect or a refusal) in `B`, the wrapped service's body type: the
/// one line the core gives (empty for a redirect) as its body, finished by `finish` (the
/// headers applied, or the override's mark). Out of line: rare.
#[cold]
#[inline(never)]
pub(super) fn answer<B: From<&'static str>>(
    early: EarlyResponse,
    finish: impl FnOnce(EarlyResponse, B) -> Response<B>,
) -> Response<B> {
    let body = B::from(early.body());
    finish(early, body)
}

/// The request as [`Secure::inspect`] sees it: the peer address and the TLS flag are looked
/// up in the extensions only if asked, so a `Secure` that inspects nothing costs nothing.
pub(super) fn view<B>(req: &Request<B>) -> impl RequestView + '_ {
    let ext = req.extensions();
    LazyHttpRequest::new(
        req.method(),
        req.uri(),
        req.headers(),
        move || {
            ext.get::<PeerAddr>()
                .map(|p| p.0)
                .or_else(|| ext.get::<SocketAddr>().map(SocketAddr::ip))
        },
        move || ext.get::<Tls>().is_some(),
    )
}

pin_project! {
    /// The response future of [`SecureService`]: the wrapped service's, with the headers
    /// applied when it resolves (or an early answer: a redirect or a refusal).
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// use secure_headers::Secure;
    /// use secure_headers::tower::ResponseFuture;
    /// use tower::{Layer, Service, ServiceExt, service_fn};
    ///
    /// let inner = service_fn(|_req: http::Request<()>| async {
    ///     Ok::<_, std::convert::Infallible>(http::Response::new(String::new()))
    /// });
    /// let mut app = Secure::with_default_headers().layer(inner);
    /// let future: ResponseFuture<_, String> = app.ready().await.unwrap().call(http::Request::new(()));
    /// let response = future.await.unwrap();
    /// assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    /// # });
    /// ```
    pub struct ResponseFuture<F, B> {
        #[pin]
        state: State<F, B>,
    }
}

pin_project! {
    #[project = StateProj]
    enum State<F, B> {
        /// The handler runs; its response gets the headers.
        Inner {
            #[pin]
            future: F,
            secure: Option<Secure>,
            context: RequestContext,
        },
        /// Answered without calling the handler: an HTTPS redirect or a refused host (boxed:
        /// rare, and the future of every other request stays small).
        Early {
            response: Option<Box<Response<B>>>,
        },
    }
}

crate::integrations::debug_by_type_name!(ResponseFuture<F, B>, "future");

impl<F, B, E> Future for ResponseFuture<F, B>
where
    F: Future<Output = Result<Response<B>, E>>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project().state.project() {
            StateProj::Inner {
                future,
                secure,
                context,
            } => {
                let mut response = ready!(future.poll(cx))?;
                if let Some(secure) = secure.take() {
                    secure.apply_to_response_with(&mut response, context);
                }
                Poll::Ready(Ok(response))
            }
            StateProj::Early { response } => Poll::Ready(Ok(early(response))),
        }
    }
}

/// Kept out of line so that the common path's poll stays as small as it was.
#[cold]
#[inline(never)]
fn early<B>(response: &mut Option<Box<Response<B>>>) -> Response<B> {
    *response
        .take()
        .expect("`ResponseFuture` polled after completion")
}
