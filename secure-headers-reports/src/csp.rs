//! A policy as an ordered list of directives, for the proposal to add sources to.

/// Directives in order, names lower-cased; a repeated directive is ignored (the first
/// wins, as browsers read it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Directives(pub(crate) Vec<(String, Vec<String>)>);

impl Directives {
    pub(crate) fn parse(policy: &str) -> Self {
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        for d in policy.split(';') {
            let mut tokens = d.split_ascii_whitespace();
            let Some(name) = tokens.next() else { continue };
            let name = name.to_ascii_lowercase();
            if out.iter().any(|(n, _)| *n == name) {
                continue;
            }
            out.push((name, tokens.map(str::to_owned).collect()));
        }
        Self(out)
    }

    pub(crate) fn get(&self, name: &str) -> Option<&Vec<String>> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    fn get_mut(&mut self, name: &str) -> Option<&mut Vec<String>> {
        self.0.iter_mut().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// The directive that governs `effective` in this policy (the CSP3 fallback list),
    /// or `None` if nothing restricts it.
    pub(crate) fn governing(&self, effective: &str) -> Option<&'static str> {
        fallback(effective)
            .iter()
            .copied()
            .find(|d| self.get(d).is_some())
    }

    /// Adds `source` where it allows `effective` and nothing more: to the directive
    /// that governs it, except that `default-src` is never widened: a directive of its
    /// own is made instead (`img-src`, or `script-src` for `script-src-elem`), starting
    /// from `default-src`'s sources so that nothing else it allowed is lost. Returns the
    /// directive changed, or `None` if nothing restricts `effective` or the source is
    /// already there.
    pub(crate) fn allow(&mut self, effective: &str, source: &str) -> Option<String> {
        let governing = self.governing(effective)?;
        let target = if governing == "default-src" {
            let own = effective
                .strip_suffix("-elem")
                .or_else(|| effective.strip_suffix("-attr"))
                .unwrap_or(effective);
            let inherited = self.get("default-src").cloned().unwrap_or_default();
            self.0.push((own.to_owned(), inherited));
            own
        } else {
            governing
        };
        let list = self.get_mut(target)?;
        if list.iter().any(|s| s.eq_ignore_ascii_case(source)) {
            return None;
        }
        list.retain(|s| s != "'none'");
        list.push(source.to_owned());
        Some(target.to_owned())
    }

    /// Adds a directive with these sources if it is missing.
    pub(crate) fn ensure(&mut self, name: &str, sources: &[&str]) -> bool {
        if self.get(name).is_some() {
            return false;
        }
        self.0.push((
            name.to_owned(),
            sources.iter().map(|s| (*s).to_owned()).collect(),
        ));
        true
    }

    pub(crate) fn render(&self) -> String {
        self.0
            .iter()
            .map(|(n, v)| {
                if v.is_empty() {
                    n.clone()
                } else {
                    format!("{n} {}", v.join(" "))
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// CSP3's fallback lists (§ 6.8.3 "Get the effective directive" and the directive
/// fallback list), the directive itself first.
pub(crate) fn fallback(effective: &str) -> &'static [&'static str] {
    match effective {
        "script-src-elem" => &["script-src-elem", "script-src", "default-src"],
        "script-src-attr" => &["script-src-attr", "script-src", "default-src"],
        "script-src" => &["script-src", "default-src"],
        "style-src-elem" => &["style-src-elem", "style-src", "default-src"],
        "style-src-attr" => &["style-src-attr", "style-src", "default-src"],
        "style-src" => &["style-src", "default-src"],
        "worker-src" => &["worker-src", "child-src", "script-src", "default-src"],
        "frame-src" => &["frame-src", "child-src", "default-src"],
        "child-src" => &["child-src", "default-src"],
        "img-src" => &["img-src", "default-src"],
        "font-src" => &["font-src", "default-src"],
        "connect-src" => &["connect-src", "default-src"],
        "media-src" => &["media-src", "default-src"],
        "object-src" => &["object-src", "default-src"],
        "manifest-src" => &["manifest-src", "default-src"],
        "form-action" => &["form-action"],
        "frame-ancestors" => &["frame-ancestors"],
        "base-uri" => &["base-uri"],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_where_the_policy_governs_without_losing_the_fallback() {
        let mut d = Directives::parse("default-src 'self'; script-src 'nonce-{nonce}'");
        assert_eq!(
            d.allow("img-src", "https://img.example").as_deref(),
            Some("img-src")
        );
        assert_eq!(d.allow("img-src", "https://img.example"), None);
        assert_eq!(
            d.allow("script-src-elem", "'sha256-x'").as_deref(),
            Some("script-src")
        );
        assert_eq!(
            d.render(),
            "default-src 'self'; script-src 'nonce-{nonce}' 'sha256-x'; img-src 'self' https://img.example"
        );
        let mut d = Directives::parse("script-src 'self'");
        assert_eq!(d.allow("img-src", "https://img.example"), None);
        let mut d = Directives::parse("img-src 'none'");
        d.allow("img-src", "data:");
        assert_eq!(d.render(), "img-src data:");
    }
}
