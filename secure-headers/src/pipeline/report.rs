//! What the build steps did: one decision per header they dropped, changed or warned about.

use super::*;

/// What a pipeline step did to a header.
///
/// ```
/// use secure_headers::pipeline::{
///     Action, AllowlistOptions, DeduplicateAction, DeduplicateOptions, OnUnexpected, StepKind,
/// };
/// use secure_headers::{CustomHeader, Preset};
///
/// let secure = Preset::Balanced
///     .builder()
///     .custom(CustomHeader::new("X-Internal-Build", "1234"))
///     .custom(CustomHeader::new("Link", "</a.css>"))
///     .custom(CustomHeader::new("Link", "</b.css>"))
///     .allowlist_headers(AllowlistOptions::new().allow_extra(["Link"]).on_unexpected(OnUnexpected::Drop))
///     .deduplicate_headers(DeduplicateOptions::new().action(DeduplicateAction::Last))
///     .build()?;
/// let names: Vec<&str> = secure.header_items().map(|(n, _)| n).collect();
/// assert!(!names.contains(&"X-Internal-Build"));
/// assert_eq!(secure.header_items().filter(|(n, _)| *n == "Link").map(|(_, v)| v).collect::<Vec<_>>(), ["</b.css>"]);
/// let first = &secure.report().decisions()[0];
/// assert_eq!((first.step(), first.header(), first.action()), (StepKind::Allowlist, "X-Internal-Build", Action::Dropped));
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Action {
    /// The header was kept, with a warning.
    Kept,
    /// The header was removed.
    Dropped,
    /// Several occurrences were merged into one.
    Merged,
    /// The value was rewritten (CR/LF or disallowed characters replaced, whitespace trimmed).
    Rewritten,
}

/// Why a pipeline step decided what it did: the typed form of
/// [`Decision::message`], for callers that word it their own way.
///
/// ```
/// use secure_headers::pipeline::{NormalizeOptions, OnInvalid, Reason, Step};
///
/// let step = Step::Normalize(NormalizeOptions::new().on_invalid(OnInvalid::Warn));
/// let (kept, report) = step.run([("X-A", " lead"), ("X-B", "a\r\nb")], &[]);
/// assert_eq!(kept?, [("X-B".to_owned(), "a b".to_owned())]);
/// let reasons: Vec<Reason> = report.decisions().iter().map(|d| d.reason()).collect();
/// assert_eq!(reasons, [Reason::LeadingWhitespace, Reason::Normalized]);
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Reason {
    /// The name is not in the allowlist.
    NotAllowed,
    /// The name occurs more than once; the first occurrence was kept.
    DuplicateKeptFirst,
    /// The name occurs more than once; the last occurrence was kept.
    DuplicateKeptLast,
    /// The occurrences of a name were joined with `", "`.
    Joined,
    /// The name is not an RFC 9110 token.
    InvalidName,
    /// The value starts with a space or a tab.
    LeadingWhitespace,
    /// The value is empty (after trimming).
    EmptyValue,
    /// Nothing was left once the disallowed characters were replaced.
    EmptyAfterSanitization,
    /// The name or the value was rewritten (trimmed, line breaks or disallowed
    /// characters replaced).
    Normalized,
}

/// One decision of a pipeline step.
///
/// ```
/// use secure_headers::pipeline::{
///     Action, AllowlistOptions, DeduplicateAction, DeduplicateOptions, OnUnexpected, StepKind,
/// };
/// use secure_headers::{CustomHeader, Preset};
///
/// let secure = Preset::Balanced
///     .builder()
///     .custom(CustomHeader::new("X-Internal-Build", "1234"))
///     .custom(CustomHeader::new("Link", "</a.css>"))
///     .custom(CustomHeader::new("Link", "</b.css>"))
///     .allowlist_headers(AllowlistOptions::new().allow_extra(["Link"]).on_unexpected(OnUnexpected::Drop))
///     .deduplicate_headers(DeduplicateOptions::new().action(DeduplicateAction::Last))
///     .build()?;
/// let names: Vec<&str> = secure.header_items().map(|(n, _)| n).collect();
/// assert!(!names.contains(&"X-Internal-Build"));
/// assert_eq!(secure.header_items().filter(|(n, _)| *n == "Link").map(|(_, v)| v).collect::<Vec<_>>(), ["</b.css>"]);
/// let first = &secure.report().decisions()[0];
/// assert_eq!((first.step(), first.header(), first.action()), (StepKind::Allowlist, "X-Internal-Build", Action::Dropped));
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    step: StepKind,
    header: String,
    action: Action,
    reason: Reason,
    message: String,
}

impl Decision {
    /// The step that decided.
    #[must_use]
    pub fn step(&self) -> StepKind {
        self.step
    }

    /// The header's name as configured.
    #[must_use]
    pub fn header(&self) -> &str {
        &self.header
    }

    /// What happened to it.
    #[must_use]
    pub fn action(&self) -> Action {
        self.action
    }

    /// Why, typed.
    #[must_use]
    pub fn reason(&self) -> Reason {
        self.reason
    }

    /// Why, in words.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Everything the pipeline decided while building a [`Secure`](crate::Secure), in order.
///
/// ```
/// use secure_headers::pipeline::{
///     Action, AllowlistOptions, DeduplicateAction, DeduplicateOptions, OnUnexpected, StepKind,
/// };
/// use secure_headers::{CustomHeader, Preset};
///
/// let secure = Preset::Balanced
///     .builder()
///     .custom(CustomHeader::new("X-Internal-Build", "1234"))
///     .custom(CustomHeader::new("Link", "</a.css>"))
///     .custom(CustomHeader::new("Link", "</b.css>"))
///     .allowlist_headers(AllowlistOptions::new().allow_extra(["Link"]).on_unexpected(OnUnexpected::Drop))
///     .deduplicate_headers(DeduplicateOptions::new().action(DeduplicateAction::Last))
///     .build()?;
/// let names: Vec<&str> = secure.header_items().map(|(n, _)| n).collect();
/// assert!(!names.contains(&"X-Internal-Build"));
/// assert_eq!(secure.header_items().filter(|(n, _)| *n == "Link").map(|(_, v)| v).collect::<Vec<_>>(), ["</b.css>"]);
/// let first = &secure.report().decisions()[0];
/// assert_eq!((first.step(), first.header(), first.action()), (StepKind::Allowlist, "X-Internal-Build", Action::Dropped));
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PipelineReport {
    decisions: Vec<Decision>,
}

impl PipelineReport {
    /// The decisions, in the order they were made.
    #[must_use]
    pub fn decisions(&self) -> &[Decision] {
        &self.decisions
    }

    /// Whether nothing was decided (no step changed or warned about anything).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.decisions.is_empty()
    }

    pub(super) fn record(
        &mut self,
        step: StepKind,
        header: &str,
        (action, reason): (Action, Reason),
        message: String,
    ) {
        #[cfg(feature = "tracing")]
        match action {
            Action::Kept | Action::Dropped => {
                tracing::warn!(target: "secure_headers", header, ?step, ?action, "{message}");
            }
            Action::Merged | Action::Rewritten => {
                tracing::info!(target: "secure_headers", header, ?step, ?action, "{message}");
            }
        }
        self.decisions.push(Decision {
            step,
            header: header.to_owned(),
            action,
            reason,
            message,
        });
    }
}
