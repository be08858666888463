//! Terminal styles. Output goes through `anstream`, which drops the escapes when the
//! stream is not a terminal or `NO_COLOR` is set (and keeps them with `CLICOLOR_FORCE`).

use anstyle::{AnsiColor, Style};

/// `error:` prefixes.
pub(crate) const ERROR: Style = AnsiColor::Red.on_default().bold();
/// Bonuses and passing results.
pub(crate) const GOOD: Style = AnsiColor::Green.on_default();
/// Penalties and failing results.
pub(crate) const BAD: Style = AnsiColor::Red.on_default();
/// Neutral results that did not pass, medium findings.
pub(crate) const WARN: Style = AnsiColor::Yellow.on_default();
/// Secondary text.
pub(crate) const DIM: Style = Style::new().dimmed();
/// Headings.
pub(crate) const BOLD: Style = Style::new().bold();

/// `text` in `style`.
pub(crate) fn paint(style: Style, text: impl std::fmt::Display) -> String {
    format!("{}{text}{}", style.render(), style.render_reset())
}
