//! The one shape of our actix-web middlewares' response futures: the wrapped service's
//! future, finished by a [`Finish`] when it resolves, or an early answer (a redirect or a
//! refusal) made before the service was called.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use actix_web_4::body::EitherBody;
use actix_web_4::dev::{ServiceRequest, ServiceResponse};
use actix_web_4::{Error, HttpResponse};
use pin_project_lite::pin_project;

/// What a middleware does to the wrapped service's result: `Secure` applies the headers,
/// an override marks the response for the enclosing `Secure`.
pub trait Finish {
    /// The public name of the future, for its `Debug`.
    const NAME: &'static str;

    /// To a response of the wrapped service.
    fn response<B>(&self, response: &mut HttpResponse<B>);

    /// To an error of the wrapped service, which becomes a response after every middleware
    /// has returned (so through a response mapper).
    fn error(self, error: Error) -> Error;
}

pin_project! {
    /// The response future of our actix-web middlewares (see [`Finish`]).
    pub struct EarlyOr<F, T> {
        #[pin]
        future: Option<F>,
        // Boxed: the early answer is rare, and the future is moved on every request.
        early: Option<Box<ServiceResponse>>,
        finish: Option<T>,
    }
}

impl<F, T> EarlyOr<F, T> {
    /// The wrapped service's future, to be finished by `finish`.
    #[inline]
    pub(super) fn service(future: F, finish: T) -> Self {
        Self {
            future: Some(future),
            early: None,
            finish: Some(finish),
        }
    }

    /// An early answer in place of the service's (already finished: with the headers, or
    /// marked); out of line, as it is rare.
    #[cold]
    #[inline(never)]
    pub(super) fn early(req: ServiceRequest, response: HttpResponse) -> Self {
        let (request, _) = req.into_parts();
        Self {
            future: None,
            early: Some(Box::new(ServiceResponse::new(request, response))),
            finish: None,
        }
    }
}

impl<F, T: Finish> fmt::Debug for EarlyOr<F, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(T::NAME)
            .field("future", &std::any::type_name::<F>())
            .field("early", &self.early.is_some())
            .finish()
    }
}

impl<F, T, B> Future for EarlyOr<F, T>
where
    F: Future<Output = Result<ServiceResponse<B>, Error>>,
    T: Finish,
{
    type Output = Result<ServiceResponse<EitherBody<B>>, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        if let Some(early) = this.early.take() {
            return Poll::Ready(Ok((*early).map_into_right_body()));
        }
        let Some(future) = this.future.as_pin_mut() else {
            // Polled after completion: the early response was already taken.
            return Poll::Pending;
        };
        let result = std::task::ready!(future.poll(cx));
        let Some(finish) = this.finish.take() else {
            return Poll::Ready(result.map(ServiceResponse::map_into_left_body));
        };
        Poll::Ready(match result {
            Ok(mut response) => {
                finish.response(response.response_mut());
                Ok(response.map_into_left_body())
            }
            Err(error) => Err(finish.error(error)),
        })
    }
}
