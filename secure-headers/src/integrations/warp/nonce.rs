//! The request's nonce, for a handler inside [`wrap`](super::wrap).

use std::collections::HashMap;
use std::future::ready;
use std::hash::{BuildHasher, Hash, RandomState};
use std::sync::{Mutex, MutexGuard, PoisonError};

use warp::{Filter, Rejection};

#[cfg(doc)]
use super::wrap;
use crate::{CspNonce, Secure};

/// Extracts the request's [`CspNonce`], for a handler inside [`wrap`] given `secure` (or a
/// clone of it), whose policy uses [`Source::nonce`](crate::csp::Source::nonce): the nonce
/// that fills the request's policies.
///
/// ```
/// # #[cfg(feature = "nonce")] {
/// use secure_headers::csp::Source;
/// use secure_headers::{ContentSecurityPolicy, CspNonce, Secure};
/// use warp::Filter;
///
/// let secure = Secure::builder()
///     .csp(ContentSecurityPolicy::new().script_src([Source::SELF, Source::nonce()]))
///     .build()
///     .unwrap();
/// let page = warp::path::end()
///     .and(secure_headers::warp::nonce(&secure))
///     .map(|nonce: CspNonce| {
///         warp::reply::html(format!("<script {}>start()</script>", nonce.attribute()))
///     });
/// let routes = secure_headers::warp::wrap(page, secure);
/// # }
/// ```
///
/// It rejects (with a rejection that warp answers with `500`) outside a [`wrap`] given
/// `secure` or a clone of it, or when the policy has no nonce. It also finds a nonce in
/// the request's extensions, where the `tower` layer puts it when warp is served through
/// it (`warp::service`).
///
/// warp gives filters no way to add to a request, so [`wrap`] hands the nonce over through
/// a small table that `secure` owns (and frees with it), keyed by the current tokio task
/// (one request at a time per task, as warp's server runs them; HTTP/2 streams each have
/// their own task), entered before `filter` runs and removed when the request is answered
/// or dropped. Should two requests ever share a task at the same time, `nonce` rejects
/// rather than guess.
#[must_use]
pub fn nonce(
    secure: &Secure,
) -> impl Filter<Extract = (CspNonce,), Error = Rejection> + Clone + Send + Sync + 'static {
    let secure = secure.clone();
    warp::ext::optional::<CspNonce>().and_then(move |ext: Option<CspNonce>| {
        let current = || {
            secure
                .inner
                .warp_nonces
                .as_deref()
                .and_then(Nonces::current)
        };
        ready(
            ext.or_else(current)
                .ok_or_else(|| warp::reject::custom(NoNonce)),
        )
    })
}

/// The rejection of [`nonce`] when the request has no nonce.
#[derive(Debug)]
struct NoNonce;

impl warp::reject::Reject for NoNonce {}

const SHARDS: usize = 16;

/// The task running the request; outside any task (`block_on`, as in `warp::test`), the
/// thread, which such a future never leaves.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Task(tokio::task::Id),
    Thread(std::thread::ThreadId),
}

fn key() -> Key {
    tokio::task::try_id().map_or_else(|| Key::Thread(std::thread::current().id()), Key::Task)
}

/// A nonce, or `None` when two requests claimed the same key at once.
struct Slot {
    nonce: Option<CspNonce>,
    count: usize,
}

type Shard = Mutex<HashMap<Key, Slot>>;

/// The nonces of the requests in flight inside the [`wrap`]s of one `Secure`, by task: a
/// `Secure` whose policy has a nonce owns one (see [`nonce`]).
pub(crate) struct Nonces {
    state: RandomState,
    shards: [Shard; SHARDS],
}

impl std::fmt::Debug for Nonces {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Nonces").finish_non_exhaustive()
    }
}

impl Nonces {
    pub(crate) fn new() -> Self {
        Self {
            state: RandomState::new(),
            shards: std::array::from_fn(|_| Shard::default()),
        }
    }

    fn shard(&self, key: &Key) -> MutexGuard<'_, HashMap<Key, Slot>> {
        let mut h = self.state.build_hasher();
        key.hash(&mut h);
        let i = (std::hash::Hasher::finish(&h) % SHARDS as u64) as usize;
        self.shards[i]
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The nonce of the request running on this task, if exactly one is.
    pub(super) fn current(&self) -> Option<CspNonce> {
        let key = key();
        self.shard(&key).get(&key).and_then(|s| s.nonce)
    }
}

/// The current request's entry in its `Secure`'s [`Nonces`]; removed when dropped.
pub(super) struct Registration {
    secure: Secure,
    key: Key,
}

/// Enters `nonce` as the current request's in `secure`'s table (none without a table: a
/// `Secure` without a nonce policy makes no nonce).
pub(super) fn register(secure: &Secure, nonce: CspNonce) -> Option<Registration> {
    let nonces = secure.inner.warp_nonces.as_deref()?;
    let key = key();
    let mut map = nonces.shard(&key);
    let slot = map.entry(key).or_insert(Slot {
        nonce: Some(nonce),
        count: 0,
    });
    slot.count += 1;
    if slot.count > 1 {
        slot.nonce = None;
    }
    Some(Registration {
        secure: secure.clone(),
        key,
    })
}

impl Drop for Registration {
    fn drop(&mut self) {
        let Some(nonces) = self.secure.inner.warp_nonces.as_deref() else {
            return;
        };
        let mut map = nonces.shard(&self.key);
        if let Some(slot) = map.get_mut(&self.key) {
            slot.count -= 1;
            if slot.count == 0 {
                map.remove(&self.key);
            }
        }
    }
}
