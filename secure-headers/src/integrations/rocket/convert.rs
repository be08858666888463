//! Names and values in Rocket's types, and a `Secure` converted to them.

use std::borrow::{Borrow, Cow};
use std::cell::Cell;
use std::fmt;
use std::sync::Arc;

use ::rocket::Response;

use super::sink::{Name, Sink};
use crate::{Converted, RequestContext, Secure};

/// A name or value as Rocket takes it.
pub(super) type Text = Cow<'static, str>;

/// A name as Rocket takes it: borrowed when it is a registered header's (or one of the
/// few others this crate touches), so that the usual names are not copied per response.
pub(super) fn name(n: &str) -> Text {
    match crate::registry::lowercase(n) {
        Some(s) => Cow::Borrowed(s),
        None => match n {
            "set-cookie" => Cow::Borrowed("set-cookie"),
            _ => Cow::Owned(n.to_owned()),
        },
    }
}

/// A value that does not change from response to response, as text: borrowed when it is
/// a well-known value, so that setting it copies nothing.
pub(super) fn fixed_text(v: &[u8]) -> Text {
    crate::header::static_value(v).map_or_else(|| text(v), Cow::Borrowed)
}

/// A header value as text. Values are visible ASCII, unless the configuration allowed
/// obs-text, whose bytes are read as the Latin-1 characters they were built from.
pub(super) fn text(v: &[u8]) -> Text {
    match std::str::from_utf8(v) {
        Ok(s) if v.is_ascii() => Cow::Owned(s.to_owned()),
        _ => Cow::Owned(v.iter().map(|b| char::from(*b)).collect()),
    }
}

/// A `Secure` with its names and values in Rocket's types.
pub(super) struct Prepared {
    pub(super) secure: Secure,
    /// Always `Some`: every name and value has a Rocket equivalent.
    converted: Option<Converted<Text, Text>>,
    /// Whether a name or value is not `'static` (a custom one): then [`lend`](Self::lend)
    /// saves copying it into every response.
    pub(super) lends: bool,
}

impl fmt::Debug for Prepared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.secure.fmt(f)
    }
}

impl Prepared {
    pub(super) fn new(secure: &Secure) -> Arc<Self> {
        let lends = Cell::new(false);
        let noted = |text: Text| {
            lends.set(lends.get() || matches!(text, Cow::Owned(_)));
            Some(text)
        };
        let converted = secure.convert(|n| noted(name(n)), |v| noted(fixed_text(v)));
        Arc::new(Self {
            secure: secure.clone(),
            converted,
            lends: lends.get(),
        })
    }

    /// The one apply path, for the request `context` was made for, with copies of the names
    /// and values that are not `'static`.
    pub(super) fn apply<'r>(&self, response: &mut Response<'r>, context: &RequestContext) {
        // Each name is copied where the sink puts it into the response.
        let value = |value: &Text| -> Cow<'r, str> { value.clone() };
        self.apply_with::<Text, _>(response, context, std::convert::identity, value);
    }

    /// [`apply`](Self::apply), lending the names and values to the response, which this
    /// outlives (the converted headers of an attached `Secure`, in the Rocket's state):
    /// nothing is copied.
    pub(super) fn lend<'r>(&'r self, response: &mut Response<'r>, context: &RequestContext) {
        let name = |name: &'r Text| -> &'r str { name };
        let value = |value: &'r Text| Cow::Borrowed(&**value);
        self.apply_with::<&str, _>(response, context, name, value);
    }

    /// The one apply path: `name` and `value` make the sink's name and the response's value
    /// of a converted one.
    #[inline(always)]
    fn apply_with<'c, 'r, N: Name<'r>, L: Borrow<N>>(
        &'c self,
        response: &mut Response<'r>,
        context: &RequestContext,
        name: impl Fn(&'c Text) -> L,
        value: impl Fn(&'c Text) -> Cow<'r, str>,
    ) {
        let Some(converted) = &self.converted else {
            return;
        };
        let sink = &mut Sink::<N>::new(response);
        self.secure
            .set_headers_lent(converted, sink, context, name, value, |v| Some(text(v)));
    }
}
