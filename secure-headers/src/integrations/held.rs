//! How the tower layer and warp's filters hold their `Secure`.

use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, Mutex, PoisonError};

use crate::Secure;

/// A `Secure` as a service, a filter or a response future holds it (tower's layer, warp's
/// filters, which clone their closures for every request). A `Secure` usually
/// lives as long as the process, so the first few that are layered are kept for the whole
/// process and held by `&'static` reference: a request then costs no reference
/// count (an atomic increment and decrement per request, about 10 ns, more than the rest
/// of the bookkeeping). Beyond [`Held::KEPT`] distinct ones (a program that builds
/// layers from many configurations), the rest are held as shared `Secure`s.
#[derive(Clone)]
pub(crate) enum Held {
    Kept(&'static Secure),
    Shared(Secure),
}

impl Held {
    /// How many distinct `Secure`s are kept for the process at most.
    const KEPT: usize = 32;

    pub(crate) fn new(secure: &Secure) -> Self {
        static KEPT: Mutex<Vec<&'static Secure>> = Mutex::new(Vec::new());
        let mut kept = KEPT.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(s) = kept.iter().find(|s| Arc::ptr_eq(&s.inner, &secure.inner)) {
            return Self::Kept(s);
        }
        if kept.len() == Self::KEPT {
            return Self::Shared(secure.clone());
        }
        let s: &'static Secure = Box::leak(Box::new(secure.clone()));
        kept.push(s);
        Self::Kept(s)
    }
}

impl Deref for Held {
    type Target = Secure;

    #[inline]
    fn deref(&self) -> &Secure {
        match self {
            Self::Kept(s) => s,
            Self::Shared(s) => s,
        }
    }
}

impl fmt::Debug for Held {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}
