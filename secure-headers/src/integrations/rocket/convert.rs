//! Names and values in Rocket's types, and a `Secure` converted to them.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use ::rocket::Response;

use super::sink::Sink;
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
}

impl fmt::Debug for Prepared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.secure.fmt(f)
    }
}

impl Prepared {
    pub(super) fn new(secure: &Secure) -> Arc<Self> {
        Arc::new(Self {
            secure: secure.clone(),
            converted: secure.convert(|n| Some(name(n)), |v| Some(fixed_text(v))),
        })
    }

    /// The one apply path, for the request `context` was made for.
    pub(super) fn apply(&self, response: &mut Response<'_>, context: &RequestContext) {
        let Some(converted) = &self.converted else {
            return;
        };
        self.secure
            .set_headers_converted(converted, &mut Sink::new(response), context, |v| {
                Some(text(v))
            });
    }
}
