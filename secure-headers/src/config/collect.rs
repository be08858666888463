//! Every error of a configuration text at once.
//!
//! serde stops at the first mistake, and so does the builder. So the text is read once
//! as its format's tree; the configuration is read from the tree (unknown keys, wrong
//! types) and then built, and the key of each error is taken out of the tree before the
//! next try, until what is left reads and builds. A mistake that only follows from a key
//! already taken out (a section left without its required key) is not reported: its
//! section is taken out instead.

use super::keys::{find_key, locate_at, parse_error};
use super::*;

/// At most this many tries, and so errors, for one text.
const MAX_TRIES: usize = 32;

/// The sections whose keys are each a thing of their own: taking one out changes what no
/// other key means. In another section (`[proxy]`, `[hsts]`), an error that follows the
/// taking out of a wrong value is not reported: it may only come from that.
const INDEPENDENT: [&str; 7] = [
    "csp",
    "csp-report-only",
    "permissions",
    "permissions-report-only",
    "custom",
    "reporting-endpoints",
    "insert-mode",
];

/// One step of a key's path: a table's key or an array's index.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// `pipeline[1].action` as steps.
fn steps(key: &str) -> Vec<Step> {
    let mut out = Vec::new();
    for part in key.split('.') {
        let mut pieces = part.split('[');
        if let Some(name) = pieces.next().filter(|n| !n.is_empty()) {
            out.push(Step::Key(name.to_owned()));
        }
        for index in pieces {
            match index.trim_end_matches(']').parse() {
                Ok(i) => out.push(Step::Index(i)),
                Err(_) => out.push(Step::Key(format!("[{index}"))),
            }
        }
    }
    out
}

/// Steps as the key the file writes: `pipeline[1].action`.
fn key_of(steps: &[Step]) -> String {
    let mut out = String::new();
    for step in steps {
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Where serde stopped, as steps.
fn serde_steps(path: &serde_path_to_error::Path) -> Vec<Step> {
    path.iter()
        .filter_map(|s| match s {
            serde_path_to_error::Segment::Map { key } => Some(Step::Key(key.clone())),
            serde_path_to_error::Segment::Seq { index } => Some(Step::Index(*index)),
            serde_path_to_error::Segment::Enum { .. } | serde_path_to_error::Segment::Unknown => {
                None
            }
        })
        .collect()
}

/// A configuration text read as its format's tree.
enum Tree {
    #[cfg(feature = "toml")]
    Toml(toml::Value),
    #[cfg(feature = "json")]
    Json(serde_json::Value),
}

impl Tree {
    /// The tree of `text`; `None` when it is not valid TOML or JSON (then the parser's one
    /// error is all there is to say) or the format's feature is off.
    fn parse(text: &str, format: Format) -> Option<Self> {
        match format {
            #[cfg(feature = "toml")]
            Format::Toml => toml::from_str::<toml::Table>(text)
                .ok()
                .map(|t| Self::Toml(toml::Value::Table(t))),
            #[cfg(feature = "json")]
            Format::Json => serde_json::from_str(text).ok().map(Self::Json),
            #[allow(unreachable_patterns, reason = "a format whose feature is off")]
            _ => None,
        }
    }

    /// The configuration the tree holds, or where and why serde stopped.
    fn config(&self) -> Result<Config, (Vec<Step>, String)> {
        match self {
            #[cfg(feature = "toml")]
            Self::Toml(v) => serde_path_to_error::deserialize(v.clone())
                .map_err(|e| (serde_steps(e.path()), e.inner().message().to_owned())),
            #[cfg(feature = "json")]
            Self::Json(v) => serde_path_to_error::deserialize(v.clone())
                .map_err(|e| (serde_steps(e.path()), e.inner().to_string())),
        }
    }

    /// Takes the key at `steps` out; `false` when there is none. An array's element is
    /// never taken out, so that the indexes of later errors stay those of the file.
    fn remove(&mut self, steps: &[Step]) -> bool {
        let Some((Step::Key(last), parents)) = steps.split_last() else {
            return false;
        };
        match self {
            #[cfg(feature = "toml")]
            Self::Toml(v) => {
                let mut node = v;
                for step in parents {
                    let next = match step {
                        Step::Key(k) => node.as_table_mut().and_then(|t| t.get_mut(k)),
                        Step::Index(i) => node.as_array_mut().and_then(|a| a.get_mut(*i)),
                    };
                    let Some(next) = next else { return false };
                    node = next;
                }
                node.as_table_mut()
                    .is_some_and(|t| t.remove(last).is_some())
            }
            #[cfg(feature = "json")]
            Self::Json(v) => {
                let mut node = v;
                for step in parents {
                    let next = match step {
                        Step::Key(k) => node.get_mut(k.as_str()),
                        Step::Index(i) => node.get_mut(*i),
                    };
                    let Some(next) = next else { return false };
                    node = next;
                }
                node.as_object_mut()
                    .is_some_and(|o| o.remove(last).is_some())
            }
        }
    }
}

/// serde's error at `steps` as the configuration's: the key as the file writes it, its
/// line and column, the key, the steps to take out before the next try, the offset, and
/// whether the key is unknown (taking it out changes nothing else).
fn schema_error(
    text: &str,
    format: Format,
    at: &[Step],
    message: &str,
) -> (Error, String, Vec<Step>, usize, bool) {
    let named = |prefix: &str| {
        let rest = message.strip_prefix(prefix)?;
        Some(rest.split('`').next().unwrap_or(rest).to_owned())
    };
    let mut key = at.to_vec();
    let mut remove = at.to_vec();
    let mut found_at = find_key(text, format, &key_of(at));
    let unknown = named("unknown field `");
    if let Some(name) = unknown.clone() {
        if key.last() != Some(&Step::Key(name.clone())) {
            key.push(Step::Key(name));
        }
        remove.clone_from(&key);
        // A table's name is after its `[`.
        let name_at = |at: usize| at + text[at..].len() - text[at..].trim_start_matches('[').len();
        found_at = find_key(text, format, &key_of(&key))
            .map(name_at)
            .or(found_at);
    } else if let Some(name) = named("missing field `") {
        // The section lacks a key: it is the section that is taken out.
        key.push(Step::Key(name));
    } else if let Some(here) = find_key(text, format, &key_of(&key)) {
        // A value of the wrong type or an unknown value: point at the value.
        found_at = Some(value_at(text, here));
    }
    let offset = found_at.unwrap_or(0);
    let e = parse_error(text, format, message, offset);
    let key = key_of(&key);
    let unknown = unknown.is_some();
    let e = if key.is_empty() {
        e
    } else {
        e.with_directive(key.as_str())
    };
    (e, key, remove, offset, unknown)
}

/// The offset of the value assigned by the key at `key` (after its `=` or `:`).
fn value_at(text: &str, key: usize) -> usize {
    let rest = &text[key..];
    let Some(sep) = rest.find(['=', ':']) else {
        return key;
    };
    let after = &rest[sep + 1..];
    key + sep + 1 + (after.len() - after.trim_start().len())
}

/// Every error of `text`: `first` (the error a direct read gave) when the text is not
/// valid TOML or JSON, else every error of reading the configuration and then of
/// `stage`, in file order.
pub(super) fn every_error<T>(
    text: &str,
    format: Format,
    first: Error,
    stage: impl Fn(Config) -> Result<T, Error>,
) -> Error {
    let Some(mut tree) = Tree::parse(text, format) else {
        return first;
    };
    let mut errors: Vec<(usize, Error)> = Vec::new();
    // The keys taken out, and whether the rest of their section may depend on them.
    let mut taken: Vec<(String, bool)> = Vec::new();
    for _ in 0..MAX_TRIES {
        let (e, key, remove, offset, unknown) = match tree.config() {
            Err((at, message)) => schema_error(text, format, &at, &message),
            Ok(config) => match stage(config) {
                Ok(_) => break,
                Err(e) => {
                    let (e, found) = locate_at(e, text, format);
                    let Some((key, offset)) = found else {
                        errors.push((usize::MAX, e));
                        break;
                    };
                    let unknown = e.detail().is_some_and(|d| d.contains(": unknown "));
                    (e, key.clone(), steps(&key), offset, unknown)
                }
            },
        };
        let section = |k: &str| k.split(['.', '[']).next().unwrap_or_default().to_owned();
        let follows = taken.iter().any(|(t, section_wide)| {
            *t == key
                || t.starts_with(&format!("{key}."))
                || key.starts_with(&format!("{t}."))
                || (*section_wide && section(t) == section(&key))
        });
        let remove = if follows {
            remove.into_iter().take(1).collect()
        } else {
            errors.push((offset, e));
            remove
        };
        let whole: Vec<Step> = remove.iter().take(1).cloned().collect();
        let taken_out = if tree.remove(&remove) {
            remove
        } else if tree.remove(&whole) {
            whole
        } else {
            break;
        };
        let name = key_of(&taken_out);
        let section_wide =
            !unknown && taken_out.len() > 1 && !INDEPENDENT.contains(&section(&name).as_str());
        taken.push((name, section_wide));
    }
    errors.sort_by_key(|(offset, _)| *offset);
    Error::joined(errors.into_iter().map(|(_, e)| e).collect()).unwrap_or(first)
}
