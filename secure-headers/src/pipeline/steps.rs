//! The three build steps of Python's `secure` 2.0.1: allowlist, deduplicate, normalize.

use super::*;

/// Runs `step` over `items`, recording into `report`.
pub(crate) fn run(
    step: &Step,
    items: Vec<Rendered>,
    multi_ok: &[String],
    report: &mut PipelineReport,
) -> Result<Vec<Rendered>, Error> {
    match step {
        Step::Allowlist(o) => allowlist(o, items, report),
        Step::Deduplicate(o) => deduplicate(o, items, report),
        Step::Normalize(o) => normalize(*o, items, multi_ok, report),
    }
}

pub(super) fn sorted_unique(mut names: Vec<String>) -> String {
    names.sort();
    names.dedup();
    names.join(", ")
}

pub(super) fn allowlist(
    o: &AllowlistOptions,
    items: Vec<Rendered>,
    report: &mut PipelineReport,
) -> Result<Vec<Rendered>, Error> {
    let mut kept = Vec::with_capacity(items.len());
    let mut rejected = Vec::new();
    for item in items {
        if o.allows(&item.name) {
            kept.push(item);
            continue;
        }
        match o.on_unexpected {
            OnUnexpected::Warn => {
                let msg = format!("unexpected header '{}' kept (not in allowlist)", item.name);
                report.record(
                    StepKind::Allowlist,
                    &item.name,
                    (Action::Kept, Reason::NotAllowed),
                    msg,
                );
                kept.push(item);
            }
            OnUnexpected::Drop => {
                let msg = format!(
                    "unexpected header '{}' dropped (not in allowlist)",
                    item.name
                );
                report.record(
                    StepKind::Allowlist,
                    &item.name,
                    (Action::Dropped, Reason::NotAllowed),
                    msg,
                );
            }
            OnUnexpected::Raise => rejected.push(item.name),
        }
    }
    if rejected.is_empty() {
        Ok(kept)
    } else {
        Err(Error::new(ErrorKind::UnexpectedHeader)
            .with_input(sorted_unique(rejected))
            .with_detail("allow them with allow_extra, or choose OnUnexpected::Drop or Warn"))
    }
}

pub(super) fn deduplicate(
    o: &DeduplicateOptions,
    items: Vec<Rendered>,
    report: &mut PipelineReport,
) -> Result<Vec<Rendered>, Error> {
    // Group by lowercase name, groups ordered by first occurrence.
    let mut groups: Vec<(String, Vec<Rendered>)> = Vec::new();
    for item in items {
        let key = item.name.to_ascii_lowercase();
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, g)) => g.push(item),
            None => groups.push((key, vec![item])),
        }
    }
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (key, mut group) in groups {
        if group.len() == 1 || contains(&o.multi_ok, &key) {
            out.append(&mut group);
            continue;
        }
        let first = group[0].name.clone();
        match o.action {
            DeduplicateAction::First => {
                let msg = format!("dropping duplicate header(s) for '{first}' (keeping first)");
                let why = (Action::Dropped, Reason::DuplicateKeptFirst);
                report.record(StepKind::Deduplicate, &first, why, msg);
                out.push(group.swap_remove(0));
            }
            DeduplicateAction::Last => {
                let last = group.pop().expect("group has at least two entries");
                let msg = format!(
                    "dropping duplicate header(s) for '{}' (keeping last)",
                    last.name
                );
                let why = (Action::Dropped, Reason::DuplicateKeptLast);
                report.record(StepKind::Deduplicate, &last.name, why, msg);
                out.push(last);
            }
            DeduplicateAction::Concat if contains(&o.comma_join_ok, &key) => {
                let value = group
                    .iter()
                    .map(|r| r.value.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                let msg = format!("merged {} '{first}' headers into one", group.len());
                report.record(
                    StepKind::Deduplicate,
                    &first,
                    (Action::Merged, Reason::Joined),
                    msg,
                );
                out.push(Rendered { name: first, value });
            }
            DeduplicateAction::Concat | DeduplicateAction::Raise => errors.push(first),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Error::new(ErrorKind::DuplicateHeader)
            .with_input(sorted_unique(errors))
            .with_detail("define each at most once"))
    }
}

/// Python's `str.splitlines` for CR, LF and CRLF, joined by single spaces.
pub(super) fn join_lines(value: &str) -> String {
    let mut lines = Vec::new();
    let mut rest = value;
    while let Some(i) = rest.find(['\r', '\n']) {
        lines.push(&rest[..i]);
        let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
        rest = &rest[i + skip..];
    }
    if !rest.is_empty() {
        lines.push(rest);
    }
    lines.join(" ")
}

pub(super) fn allowed_char(c: char, obs_text: bool) -> bool {
    c == '\t'
        || c == ' '
        || c.is_ascii_graphic()
        || (obs_text && ('\u{80}'..='\u{ff}').contains(&c))
}

pub(super) fn normalize(
    o: NormalizeOptions,
    items: Vec<Rendered>,
    multi_ok: &[String],
    report: &mut PipelineReport,
) -> Result<Vec<Rendered>, Error> {
    let mut out: Vec<Rendered> = Vec::with_capacity(items.len());
    for item in items {
        let name = item.name.trim().to_owned();
        let invalid =
            |report: &mut PipelineReport, reason: Reason, message: String| -> Result<(), Error> {
                match o.on_invalid {
                    OnInvalid::Raise => Err(Error::new(ErrorKind::InvalidHeaderValue)
                        .with_header(name.as_str())
                        .with_input(item.value.as_str())
                        .with_detail(message)),
                    OnInvalid::Drop | OnInvalid::Warn => {
                        report.record(
                            StepKind::Normalize,
                            &name,
                            (Action::Dropped, reason),
                            message,
                        );
                        Ok(())
                    }
                }
            };
        if !is_token(&name) {
            invalid(
                report,
                Reason::InvalidName,
                format!("invalid header name '{name}' (RFC 9110 token required)"),
            )?;
            continue;
        }
        if item.value.starts_with([' ', '\t']) {
            invalid(
                report,
                Reason::LeadingWhitespace,
                format!("header '{name}' starts with forbidden whitespace"),
            )?;
            continue;
        }
        let mut value = item.value.clone();
        if value.contains(['\r', '\n']) {
            if o.strict {
                return Err(Error::new(ErrorKind::InvalidCharacter)
                    .with_header(name.as_str())
                    .with_input(item.value.as_str())
                    .with_detail("CR/LF in a header value"));
            }
            value = join_lines(&value);
        }
        let trimmed = value.trim();
        if trimmed.is_empty() {
            invalid(
                report,
                Reason::EmptyValue,
                format!("dropping header '{name}': empty value"),
            )?;
            continue;
        }
        let mut clean = String::with_capacity(trimmed.len());
        for c in trimmed.chars() {
            if allowed_char(c, o.allow_obs_text) {
                clean.push(c);
            } else if o.strict {
                return Err(Error::new(ErrorKind::InvalidCharacter)
                    .with_header(name.as_str())
                    .with_input(item.value.as_str())
                    .with_detail(format!("disallowed char U+{:04X}", u32::from(c))));
            } else {
                clean.push(' ');
            }
        }
        let clean = clean.trim().to_owned();
        if clean.is_empty() {
            invalid(
                report,
                Reason::EmptyAfterSanitization,
                format!("dropping header '{name}': empty after sanitization"),
            )?;
            continue;
        }
        if out.iter().any(|r| r.name.eq_ignore_ascii_case(&name)) && !contains(multi_ok, &name) {
            return Err(Error::new(ErrorKind::DuplicateHeader)
                .with_header(name.as_str())
                .with_detail("run deduplicate_headers first, or list the name in multi_ok"));
        }
        if clean != item.value || name != item.name {
            let msg = format!("header '{name}' value normalized");
            let why = (Action::Rewritten, Reason::Normalized);
            report.record(StepKind::Normalize, &name, why, msg);
        }
        out.push(Rendered { name, value: clean });
    }
    Ok(out)
}
