//! Rocket's response as a [`HeaderSink`].

use std::borrow::Cow;
use std::marker::PhantomData;

use ::rocket::Response;
use ::rocket::http::Header;

use super::convert::{Text, text};
use crate::HeaderSink;

/// A header name as the sink takes it: a converted one (copied into the response where it
/// is not `'static`), or one lent for as long as the response lives.
pub(super) trait Name<'r>: AsRef<str> {
    /// The name as the response holds it.
    fn to_header_name(&self) -> Cow<'r, str>;
}

impl<'r> Name<'r> for Text {
    #[inline(always)]
    fn to_header_name(&self) -> Cow<'r, str> {
        self.clone()
    }
}

impl<'r> Name<'r> for &'r str {
    #[inline(always)]
    fn to_header_name(&self) -> Cow<'r, str> {
        Cow::Borrowed(self)
    }
}

/// Rocket's response as a [`HeaderSink`].
///
/// Rocket copies the response's headers into hyper's map, which holds at most 24,576
/// names and panics beyond (the connection then closes without an answer). So, as the
/// `HeaderMap` sink does, a header that would add a name past 24,512 is not sent, with one
/// log line for the response. The count is of values (Rocket's map does not count its
/// names) and of our writes, at least the names.
pub(super) struct Sink<'a, 'r, N> {
    response: &'a mut Response<'r>,
    /// Values in the response, as counted once, plus our writes since.
    values: usize,
    /// Whether a header was left out (and logged) for this response.
    full: bool,
    name: PhantomData<N>,
}

impl<'a, 'r, N> Sink<'a, 'r, N> {
    pub(super) fn new(response: &'a mut Response<'r>) -> Self {
        let values = response.headers().len();
        Self {
            response,
            values,
            full: false,
            name: PhantomData,
        }
    }

    /// Whether `name` may be added: there is room for one more, or it is in the response.
    /// Far from the cap every write counts as a new name, so the name is looked up (one
    /// SipHash of it, as long as the write itself costs) only near the cap.
    #[inline]
    fn fits(&mut self, name: &str) -> bool {
        if self.values < crate::sink::NAMES_WE_FILL {
            self.values += 1;
            return true;
        }
        self.fits_at_cap(name)
    }

    /// [`fits`](Self::fits) at the cap: only a name the response has.
    #[cold]
    #[inline(never)]
    fn fits_at_cap(&mut self, name: &str) -> bool {
        if self.response.headers().contains(name) {
            return true;
        }
        if !self.full {
            self.full = true;
            crate::sink::full(self.values);
        }
        false
    }
}

impl<'r, N: Name<'r>> HeaderSink for Sink<'_, 'r, N> {
    type Name = N;
    type Value = Cow<'r, str>;

    #[inline(always)]
    fn insert(&mut self, name: &N, value: Cow<'r, str>) {
        if self.fits(name.as_ref()) {
            self.response
                .set_header(Header::new(name.to_header_name(), value));
        }
    }

    #[inline(always)]
    fn append(&mut self, name: &N, value: Cow<'r, str>) {
        if self.fits(name.as_ref()) {
            self.response
                .adjoin_header(Header::new(name.to_header_name(), value));
        }
    }

    #[inline]
    fn contains(&self, name: &N) -> bool {
        self.response.headers().contains(name.as_ref())
    }

    #[inline]
    fn remove(&mut self, name: &N) {
        self.response.remove_header(name.as_ref());
    }

    /// Rewrites every value of `name`, keeping their order (Rocket's map has no mutable
    /// iteration: the values are taken out and put back, only if one of them changes).
    fn rewrite(&mut self, name: &N, f: &mut dyn FnMut(&[u8]) -> Option<Vec<u8>>) {
        let mut changed = false;
        let values: Vec<Cow<'r, str>> = self
            .response
            .headers()
            .get(name.as_ref())
            .map(|v| match f(v.as_bytes()) {
                Some(new) => {
                    changed = true;
                    text(&new)
                }
                None => Cow::Owned(v.to_owned()),
            })
            .collect();
        if changed {
            self.response.remove_header(name.as_ref());
            for v in values {
                self.response
                    .adjoin_header(Header::new(name.to_header_name(), v));
            }
        }
    }
}
