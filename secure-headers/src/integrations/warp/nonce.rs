//! The request's nonce, for a handler inside [`wrap`](super::wrap).

use std::future::ready;

use warp::{Filter, Rejection};

#[cfg(doc)]
use super::wrap;
use crate::CspNonce;

/// Extracts the request's [`CspNonce`], for a handler inside [`wrap`] whose `Secure` uses
/// [`Source::nonce`](crate::csp::Source::nonce): the nonce that fills the request's
/// policies.
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
///     .and(secure_headers::warp::nonce())
///     .map(|nonce: CspNonce| {
///         warp::reply::html(format!("<script {}>start()</script>", nonce.attribute()))
///     });
/// let routes = secure_headers::warp::wrap(page, secure);
/// # }
/// ```
///
/// It rejects (with a rejection that warp answers with `500`) outside [`wrap`] or when the
/// policy has no nonce. It also finds a nonce in the request's extensions, where the
/// `tower` layer puts it when warp is served through it (`warp::service`).
///
/// warp gives filters no way to add to a request, so [`wrap`] hands the nonce over through
/// a small table keyed by the current tokio task (one request at a time per task, as
/// warp's server runs them; HTTP/2 streams each have their own task), entered before
/// `filter` runs and removed when the request is answered or dropped. Should two requests
/// ever share a task at the same time, `nonce()` rejects rather than guess.
#[must_use]
pub fn nonce()
-> impl Filter<Extract = (CspNonce,), Error = Rejection> + Clone + Send + Sync + 'static {
    warp::ext::optional::<CspNonce>().and_then(|ext: Option<CspNonce>| {
        ready(
            ext.or_else(registry::current)
                .ok_or_else(|| warp::reject::custom(NoNonce)),
        )
    })
}

/// The rejection of [`nonce`] when the request has no nonce.
#[derive(Debug)]
struct NoNonce;

impl warp::reject::Reject for NoNonce {}

/// The nonces of the requests in flight inside [`wrap`], by task.
pub(super) mod registry {
    use std::collections::HashMap;
    use std::hash::{BuildHasher, Hash, RandomState};
    use std::sync::{LazyLock, Mutex, PoisonError};

    use crate::CspNonce;

    const SHARDS: usize = 16;

    /// The task running the request; outside any task (`block_on`, as in `warp::test`),
    /// the thread, which such a future never leaves.
    #[derive(Clone, Copy, PartialEq, Eq, Hash)]
    enum Key {
        Task(tokio::task::Id),
        Thread(std::thread::ThreadId),
    }

    /// A nonce, or `None` when two requests claimed the same key at once.
    struct Slot {
        nonce: Option<CspNonce>,
        count: usize,
    }

    type Shard = Mutex<HashMap<Key, Slot>>;

    static TABLE: LazyLock<(RandomState, [Shard; SHARDS])> = LazyLock::new(|| {
        (
            RandomState::new(),
            std::array::from_fn(|_| Shard::default()),
        )
    });

    fn key() -> Key {
        tokio::task::try_id().map_or_else(|| Key::Thread(std::thread::current().id()), Key::Task)
    }

    fn shard(key: &Key) -> std::sync::MutexGuard<'static, HashMap<Key, Slot>> {
        let (state, shards) = &*TABLE;
        let mut h = state.build_hasher();
        key.hash(&mut h);
        let i = (std::hash::Hasher::finish(&h) % SHARDS as u64) as usize;
        shards[i].lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The current request's entry; removed when dropped.
    pub(in crate::integrations::warp) struct Registration {
        key: Key,
    }

    pub(in crate::integrations::warp) fn register(nonce: CspNonce) -> Registration {
        let key = key();
        let mut map = shard(&key);
        let slot = map.entry(key).or_insert(Slot {
            nonce: Some(nonce),
            count: 0,
        });
        slot.count += 1;
        if slot.count > 1 {
            slot.nonce = None;
        }
        Registration { key }
    }

    impl Drop for Registration {
        fn drop(&mut self) {
            let mut map = shard(&self.key);
            if let Some(slot) = map.get_mut(&self.key) {
                slot.count -= 1;
                if slot.count == 0 {
                    map.remove(&self.key);
                }
            }
        }
    }

    /// The nonce of the request running on this task, if exactly one is.
    pub(in crate::integrations::warp) fn current() -> Option<CspNonce> {
        let key = key();
        shard(&key).get(&key).and_then(|s| s.nonce)
    }
}
