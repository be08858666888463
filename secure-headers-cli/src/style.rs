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

/// Set once a write to standard output failed because its reader went away.
static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Writes to standard output, through `anstream`. When the reader has gone away
/// (`secure-headers hash big.html | head -1`), the rest of the output is dropped quietly
/// and the command finishes with its own exit status; any other write error ends the
/// command with status 2.
pub(crate) fn write_out(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    use std::sync::atomic::Ordering;
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut out = anstream::stdout().lock();
    if let Err(e) = out.write_fmt(args) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
            return;
        }
        drop(out);
        anstream::eprintln!(
            "{}error:{} cannot write to standard output: {e}",
            ERROR.render(),
            ERROR.render_reset()
        );
        std::process::exit(2);
    }
}

/// Flushes standard output, with [`write_out`]'s handling of errors.
pub(crate) fn flush_out() {
    use std::io::Write;
    if STDOUT_CLOSED.load(std::sync::atomic::Ordering::Relaxed) {
        return;
    }
    if let Err(e) = anstream::stdout().lock().flush() {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            STDOUT_CLOSED.store(true, std::sync::atomic::Ordering::Relaxed);
            return;
        }
        anstream::eprintln!(
            "{}error:{} cannot write to standard output: {e}",
            ERROR.render(),
            ERROR.render_reset()
        );
        std::process::exit(2);
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
