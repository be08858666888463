//! Running the built `secure-headers` binary, shared by the test files.

#![allow(dead_code, unreachable_pub)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};

use assert_cmd::Command;

/// Runs the binary with `args` (and `stdin`, if any) without colours: its exit status,
/// standard output and standard error.
pub fn run(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut cmd = Command::cargo_bin("secure-headers").unwrap();
    cmd.args(args)
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1");
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Starts the binary with `args`, standard output and error piped, and reads the first
/// line of its output: the running child (the rest of its output still to read) and the
/// line.
pub fn spawn_first_line(args: &[&str]) -> (Child, String) {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("secure-headers"))
        .args(args)
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    (child, first)
}

/// `secure-headers ARGS | head -1`: reads the first line of standard output, closes the
/// pipe, and waits. The line, the exit status and standard error.
pub fn first_line_then_close(args: &[&str]) -> (String, Option<i32>, String) {
    let (child, first) = spawn_first_line(args);
    let out = child.wait_with_output().unwrap();
    (
        first,
        out.status.code(),
        String::from_utf8(out.stderr).unwrap(),
    )
}
