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

/// Writes to standard output, through `anstream`. When the reader has gone away
/// (`secure-headers hash big.html | head -1`), the rest of the output is dropped quietly
/// (every later write finds the pipe closed too: no flag needs to remember it) and the
/// command finishes with its own exit status; any other write error ends the command with
/// status 2.
pub(crate) fn write_out(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let result = anstream::stdout().lock().write_fmt(args);
    handle(result);
}

/// Flushes standard output, with [`write_out`]'s handling of errors.
pub(crate) fn flush_out() {
    use std::io::Write;
    let result = anstream::stdout().lock().flush();
    handle(result);
}

/// A write to standard output: nothing when it succeeded or its reader went away, else
/// the error, and the command ends with status 2.
fn handle(result: std::io::Result<()>) {
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            anstream::eprintln!(
                "{}error:{} cannot write to standard output: {e}",
                ERROR.render(),
                ERROR.render_reset()
            );
            std::process::exit(2);
        }
        _ => {}
    }
}

/// `print!` through [`write_out`].
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::style::write_out(format_args!($($arg)*))
    };
}

/// `println!` through [`write_out`].
macro_rules! outln {
    () => {
        $crate::style::write_out(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::style::write_out(format_args!("{}\n", format_args!($($arg)*)))
    };
}

pub(crate) use {out, outln};
