//! One module per framework, each behind its feature. An integration converts its
//! framework's request into a [`RequestView`](crate::request::RequestView) and its
//! response into a [`HeaderSink`](crate::HeaderSink), and calls the request core
//! ([`crate::request`]) before and after the handler; it holds no rule of its own.

/// `Debug` for a type that wraps a service, endpoint or future, shown by its type name
/// (`inner = T`), and optionally the header set it applies (`secure = self.field`).
#[allow(unused_macros, reason = "used by whichever integrations are enabled")]
macro_rules! debug_by_type_name {
    ($ty:ident<$t:ident $(, $rest:ident)*>, $label:literal $(, secure = $($secure:ident).+)?) => {
        impl<$t $(, $rest)*> ::std::fmt::Debug for $ty<$t $(, $rest)*> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(stringify!($ty))
                    .field($label, &::std::any::type_name::<$t>())
                    $(.field("secure", &self.$($secure).+))?
                    .finish()
            }
        }
    };
}

#[allow(unused_imports, reason = "used by whichever integrations are enabled")]
pub(crate) use debug_by_type_name;

#[cfg(feature = "actix-web")]
pub mod actix_web;
#[cfg(any(feature = "actix-web", feature = "rocket"))]
mod recent;
#[cfg(any(feature = "actix-web", feature = "rocket"))]
pub(crate) use recent::Recent;
#[cfg(any(feature = "poem", feature = "salvo"))]
mod parts;
#[cfg(feature = "poem")]
pub mod poem;
#[cfg(feature = "rocket")]
pub mod rocket;
#[cfg(feature = "salvo")]
pub mod salvo;
#[cfg(feature = "tower")]
pub mod tower;
#[cfg(feature = "warp")]
pub mod warp;

/// Why a handler asked for a [`CspNonce`](crate::CspNonce) and got none; `missing` is
/// what the framework's setup may lack.
#[cfg(any(feature = "actix-web", feature = "rocket"))]
pub(crate) fn no_nonce(missing: &str) -> crate::Error {
    crate::Error::new(crate::ErrorKind::Config)
        .with_header("Content-Security-Policy")
        .with_directive("nonce")
        .with_detail(format!(
            "no CSP nonce for this request: the policy has no Source::nonce(), the `nonce` \
             feature is off, or {missing}"
        ))
}

/// Runs `f` to completion on a fresh single-threaded tokio runtime (the unit tests of the
/// tokio-based integrations).
#[cfg(all(test, any(feature = "poem", feature = "warp")))]
pub(crate) fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(f)
}
