//! Rocket's response as a [`HeaderSink`].

use std::borrow::Cow;

use ::rocket::Response;
use ::rocket::http::Header;

use super::convert::{Text, text};
use crate::HeaderSink;

/// Rocket's response as a [`HeaderSink`].
///
/// Rocket copies the response's headers into hyper's map, which holds at most 24,576
/// names and panics beyond (the connection then closes without an answer). So, as the
/// `HeaderMap` sink does, a header that would add a name past 24,512 is not sent, with one
/// log line for the response. The count is of values (Rocket's map does not count its
/// names) and of our writes, at least the names.
pub(super) struct Sink<'a, 'r> {
    response: &'a mut Response<'r>,
    /// Values in the response, as counted once, plus our writes since.
    values: usize,
    /// Whether a header was left out (and logged) for this response.
    full: bool,
}

impl<'a, 'r> Sink<'a, 'r> {
    pub(super) fn new(response: &'a mut Response<'r>) -> Self {
        let values = response.headers().len();
        Self {
            response,
            values,
            full: false,
        }
    }

    /// Whether `name` may be added: there is room for one more, or it is in the response.
    /// Far from the cap every write counts as a new name, so the name is looked up (one
    /// SipHash of it, as long as the write itself costs) only near the cap.
    #[inline]
    fn fits(&mut self, name: &Text) -> bool {
        if self.values < crate::sink::NAMES_WE_FILL {
            self.values += 1;
            return true;
        }
        self.fits_at_cap(name)
    }

    /// [`fits`](Self::fits) at the cap: only a name the response has.
    #[cold]
    #[inline(never)]
    fn fits_at_cap(&mut self, name: &Text) -> bool {
        if self.response.headers().contains(name.as_ref()) {
            return true;
        }
        if !self.full {
            self.full = true;
            crate::sink::full(self.values);
        }
        false
    }
}

impl HeaderSink for Sink<'_, '_> {
    type Name = Text;
    type Value = Text;

    #[inline]
    fn insert(&mut self, name: &Text, value: Text) {
        if self.fits(name) {
            self.response.set_header(Header::new(name.clone(), value));
        }
    }

    #[inline]
    fn append(&mut self, name: &Text, value: Text) {
        if self.fits(name) {
            self.response
                .adjoin_header(Header::new(name.clone(), value));
        }
    }

    #[inline]
    fn contains(&self, name: &Text) -> bool {
        self.response.headers().contains(name.as_ref())
    }

    #[inline]
    fn remove(&mut self, name: &Text) {
        self.response.remove_header(name);
    }

    /// Rewrites every value of `name`, keeping their order (Rocket's map has no mutable
    /// iteration: the values are taken out and put back, only if one of them changes).
    fn rewrite(&mut self, name: &Text, f: &mut dyn FnMut(&[u8]) -> Option<Vec<u8>>) {
        let mut changed = false;
        let values: Vec<Text> = self
            .response
            .headers()
            .get(name)
            .map(|v| match f(v.as_bytes()) {
                Some(new) => {
                    changed = true;
                    text(&new)
                }
                None => Cow::Owned(v.to_owned()),
            })
            .collect();
        if changed {
            self.response.remove_header(name);
            for v in values {
                self.response.adjoin_header(Header::new(name.clone(), v));
            }
        }
    }
}
