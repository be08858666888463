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
use crate::SecureOverride;
use crate::request::offer_route;

impl<S> Layer<S> for SecureOverride {
    type Service = OverrideService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        OverrideService {
            inner,
            secure: self.clone(),
        }
    }
}

/// The service made by [`SecureOverride`]'s [`Layer`] implementation: marks every response
/// of `S` (that the handler did not mark itself) with the override, for the enclosing
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
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = OverrideFuture<S::Future>;

    #[inline]
    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<ReqBody>) -> Self::Future {
        OverrideFuture {
            future: self.inner.call(req),
            secure: Some(self.secure.clone()),
        }
    }
}

pin_project! {
    /// The response future of [`OverrideService`]: the wrapped service's, with the override
    /// put in the response's extensions (unless the handler put one there itself).
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
        future: F,
        secure: Option<SecureOverride>,
    }
}

crate::integrations::debug_by_type_name!(OverrideFuture<F>, "future");

impl<F, B, E> Future for OverrideFuture<F>
where
    F: Future<Output = Result<Response<B>, E>>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let mut response = ready!(this.future.poll(cx))?;
        if let Some(secure) = this.secure.take() {
            offer_route(response.extensions_mut(), &secure);
        }
        Poll::Ready(Ok(response))
    }
}
