//! Counts in the text people read: `1 report`, `2 reports`. The one place the plural of a
//! count is decided, for `secure-headers reports`, the dashboard and this crate's messages
//! (machine-readable output, JSON, keeps its field names).

use std::borrow::Cow;

/// `n` and `noun` as a count reads: the noun as given for one, with an `s` otherwise
/// (zero too). Every noun counted in this crate's text takes an `s`.
///
/// ```
/// use secure_headers_reports::counted;
///
/// assert_eq!(counted(1, "report"), "1 report");
/// assert_eq!(counted(2, "report"), "2 reports");
/// assert_eq!(counted(0, "fingerprint"), "0 fingerprints");
/// ```
#[must_use]
pub fn counted(n: u64, noun: &str) -> String {
    format!("{n} {}", plural(n, noun))
}

/// The form of `noun` that follows the count `n`, for a count written otherwise (the
/// dashboard groups its digits): `noun` for one, `noun` + `s` otherwise.
///
/// ```
/// use secure_headers_reports::plural;
///
/// assert_eq!(plural(1, "client"), "client");
/// assert_eq!(plural(1_000, "client"), "clients");
/// ```
#[must_use]
pub fn plural(n: u64, noun: &str) -> Cow<'_, str> {
    if n == 1 {
        Cow::Borrowed(noun)
    } else {
        Cow::Owned(format!("{noun}s"))
    }
}

#[cfg(test)]
mod tests {
    use super::{counted, plural};

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(counted(1, "document"), "1 document");
        assert_eq!(counted(0, "document"), "0 documents");
        assert_eq!(counted(21, "day"), "21 days");
        assert_eq!(counted(u64::MAX, "line"), format!("{} lines", u64::MAX));
        assert_eq!(plural(1, "integrity violation"), "integrity violation");
        assert_eq!(plural(3, "integrity violation"), "integrity violations");
    }
}
