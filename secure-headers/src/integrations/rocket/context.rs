//! What a request carries for the fairing, in its request-local cache, and the request's
//! nonce as a request guard.

use std::sync::{Mutex, OnceLock, PoisonError};

use ::rocket::Request;
use ::rocket::http::Status;
use ::rocket::request::{self, FromRequest};

use super::fairing::Workers;
use crate::request::{Level, Marks as Offered};
use crate::{CspNonce, EarlyResponse, RequestContext, Secure};

/// What a request carries for the fairing, in its request-local cache.
#[derive(Debug, Default)]
pub(super) struct Marks {
    /// The overrides offered by [`WithSecureOverride`], wrapped routes and wrapped catchers.
    pub(super) offered: Mutex<Offered>,
    /// What [`Secure::inspect`] decided for the first attached `Secure`.
    context: OnceLock<RequestContext>,
    /// What it decided for each other attached `Secure`, by its place in attach order:
    /// each uses its own (empty, and allocating nothing, while one `Secure` is attached).
    others: Mutex<Vec<(usize, RequestContext)>>,
    /// The redirect or refusal to send instead of routing the request.
    pub(super) early: OnceLock<EarlyResponse>,
}

impl Marks {
    /// Records the context of the `Secure` attached `index`-th. A request has one nonce,
    /// the one the handler sees: a later `Secure` whose policy uses one takes the nonce
    /// already made for the request, so that one page satisfies every policy.
    pub(super) fn set_context(&self, index: usize, context: RequestContext) {
        let context = match (context.nonce(), self.nonce()) {
            (Some(_), Some(first)) => RequestContext::with_nonce(first)
                .secure(context.is_secure())
                .tunnel(context.is_tunnel()),
            _ => context,
        };
        if index == 0 {
            let _ = self.context.set(context);
        } else {
            let mut others = lock(&self.others);
            if !others.iter().any(|(i, _)| *i == index) {
                others.push((index, context));
            }
        }
    }

    /// The context recorded for the `Secure` attached `index`-th.
    pub(super) fn context(&self, index: usize) -> Option<RequestContext> {
        if index == 0 {
            return self.context.get().copied();
        }
        lock(&self.others)
            .iter()
            .find_map(|(i, c)| (*i == index).then_some(*c))
    }

    /// The request's nonce: the first attached `Secure`'s that made one.
    pub(super) fn nonce(&self) -> Option<CspNonce> {
        if let Some(nonce) = self.context.get().and_then(RequestContext::nonce) {
            return Some(*nonce);
        }
        lock(&self.others)
            .iter()
            .find_map(|(_, c)| c.nonce().copied())
    }
}

pub(super) fn marks<'r>(request: &'r Request<'_>) -> &'r Marks {
    request.local_cache(Marks::default)
}

/// Offers `secure` at `level` for the response to `request`, and notes in the Rocket's
/// state that its requests may carry overrides: until one is offered, every response's
/// [`Marks::offered`] is known to be empty without looking (see
/// [`Attached`](super::fairing::Attached)).
pub(super) fn offer(request: &Request<'_>, level: Level, secure: &Secure) {
    if let Some(workers) = request.rocket().state::<Workers>() {
        workers.0.offered();
    }
    lock(&marks(request).offered).offer(level, secure);
}

pub(super) fn lock<T>(slot: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    slot.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The request's CSP nonce, as a request guard.
///
/// The attached [`Secure`] fairing generates one for every request when its policy uses
/// [`Source::nonce`](crate::csp::Source::nonce). Without one (no such policy, or no
/// fairing), the guard fails with `500 Internal Server Error`: take an `Option<CspNonce>`
/// to handle that case yourself.
///
/// ```
/// # #[cfg(feature = "nonce")] {
/// use rocket::local::blocking::Client;
/// use rocket::response::content::RawHtml;
/// use rocket::{get, routes};
/// use secure_headers::csp::Source;
/// use secure_headers::{ContentSecurityPolicy, CspNonce, Secure};
///
/// #[get("/")]
/// fn page(nonce: CspNonce) -> RawHtml<String> {
///     RawHtml(format!("<script {}>boot()</script>", nonce.attribute()))
/// }
///
/// let secure = Secure::builder()
///     .csp(ContentSecurityPolicy::new().script_src([Source::nonce()]))
///     .build()?;
/// let client = Client::tracked(rocket::build().mount("/", routes![page]).attach(secure))?;
/// let response = client.get("/").dispatch();
/// let csp = response.headers().get_one("Content-Security-Policy").unwrap();
/// let nonce = csp.strip_prefix("script-src 'nonce-").unwrap().strip_suffix('\'').unwrap().to_owned();
/// assert_eq!(
///     response.into_string().unwrap(),
///     format!(r#"<script nonce="{nonce}">boot()</script>"#)
/// );
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[::rocket::async_trait]
impl<'r> FromRequest<'r> for CspNonce {
    type Error = crate::Error;

    async fn from_request(request: &'r Request<'_>) -> request::Outcome<Self, crate::Error> {
        match marks(request).nonce() {
            Some(nonce) => request::Outcome::Success(nonce),
            None => request::Outcome::Error((
                Status::InternalServerError,
                crate::integrations::no_nonce("no Secure fairing is attached"),
            )),
        }
    }
}
