//! [`SecureOverride`] as a tower [`Layer`], for a route or a nested router.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use http::{Request, Response};
use pin_project_lite::pin_project;
use tower_layer::Layer;
use tower_service::Service;

#[cfg(doc)]
use super::SecureService;
use super::service::{answer, view};
use crate::SecureOverride;
use crate::request::{offer_route, route_answer};

impl<S> Layer<S> for SecureOverride {
    type Service = OverrideService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        OverrideService {
            inner,
            secure: self.clone(),
        }
    }
}

/// The service made by [`SecureOverride`]'s [`Layer`] implementation: runs the override's
/// request-side checks ([`SecureOverride::inspect`]) before `S`, answering a refusal (or a
/// redirect) itself, as [`SecureService`] does, without calling `S`; then marks every
/// response (that the handler did not mark itself) with the override, for the enclosing
/// [`SecureService`] to apply.
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// use secure_headers::tower::OverrideService;
/// use secure_headers::{Secure, SecureOverride};
/// use tower::{Layer, ServiceExt, service_fn};
///
/// let secure = Secure::with_default_headers();
/// let framable = SecureOverride::new(secure.derive(|b| b.without("X-Frame-Options")).unwrap()).unwrap();
/// let widget = service_fn(|_req: http::Request<()>| async {
///     Ok::<_, std::convert::Infallible>(http::Response::new(String::new()))
/// });
/// // The route's service, marked with the override; the outer layer applies it.
/// let route: OverrideService<_> = framable.layer(widget);
/// let response = secure.layer(route).oneshot(http::Request::new(())).await.unwrap();
/// assert!(!response.headers().contains_key("x-frame-options"));
/// assert_eq!(response.headers()["x-content-type-options"], "nosniff");
/// # });
/// ```
#[derive(Clone)]
pub struct OverrideService<S> {
    inner: S,
    secure: SecureOverride,
}

crate::integrations::debug_by_type_name!(OverrideService<S>, "inner", secure = secure);

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for OverrideService<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
    ResBody: From<&'static str>,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = OverrideFuture<S::Future>;

    #[inline]
    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<ReqBody>) -> Self::Future {
        let inspected = self.secure.inspect(&view(&req));
        match inspected {
            Ok(()) => OverrideFuture {
                future: Some(self.inner.call(req)),
                secure: Some(self.secure.clone()),
                early: None,
            },
            Err(early) => OverrideFuture {
                future: None,
                secure: Some(self.secure.clone()),
                early: Some(Box::new(early)),
            },
        }
    }
}

pin_project! {
    /// The response future of [`OverrideService`]: the wrapped service's, with the override
    /// put in the response's extensions (unless the handler put one there itself); or the
    /// override's early answer, marked the same way.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// use secure_headers::tower::OverrideFuture;
    /// use secure_headers::{Secure, SecureOverride};
    /// use tower::{Layer, Service, ServiceExt, service_fn};
    ///
    /// let strict = SecureOverride::new(Secure::with_default_headers().derive(|b| b.map_xfo(|x| x.deny())).unwrap()).unwrap();
    /// let inner = service_fn(|_req: http::Request<()>| async {
    ///     Ok::<_, std::convert::Infallible>(http::Response::new(String::new()))
    /// });
    /// let mut route = strict.layer(inner);
    /// let future: OverrideFuture<_> = route.ready().await.unwrap().call(http::Request::new(()));
    /// let response = future.await.unwrap();
    /// // Marked, not applied: the enclosing `Secure` layer applies it.
    /// assert!(response.extensions().get::<SecureOverride>().is_some());
    /// assert!(response.headers().is_empty());
    /// # });
    /// ```
    pub struct OverrideFuture<F> {
        #[pin]
        future: Option<F>,
        secure: Option<SecureOverride>,
        // Boxed: rare, and the future of every other request stays small.
        early: Option<Box<crate::EarlyResponse>>,
    }
}

crate::integrations::debug_by_type_name!(OverrideFuture<F>, "future");

impl<F, B, E> Future for OverrideFuture<F>
where
    F: Future<Output = Result<Response<B>, E>>,
    B: From<&'static str>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        if this.early.is_some()
            && let (Some(early), Some(secure)) = (this.early.take(), this.secure.take())
        {
            let response = answer(*early, |early, body| route_answer(early, &secure, body));
            return Poll::Ready(Ok(response));
        }
        let future = this
            .future
            .as_pin_mut()
            .expect("`OverrideFuture` polled after completion");
        let mut response = ready!(future.poll(cx))?;
        if let Some(secure) = this.secure.take() {
            offer_route(response.extensions_mut(), &secure);
        }
        Poll::Ready(Ok(response))
    }
}
