//! Reading received `NEL` and `Report-To` values with `serde_json`.

use std::str::FromStr;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::*;

/// The members of a received JSON object in order, each value as written (a slice of
/// the header value, so its position is known). A member given twice counts once, the
/// last, as JSON readers keep.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Members<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Object<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for Object<'a> {
            type Value = Members<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Members<'a>, M::Error> {
                let mut members: Vec<(String, &'a RawValue)> = Vec::new();
                while let Some((name, value)) = map.next_entry::<String, &'de RawValue>()? {
                    members.retain(|(n, _)| *n != name);
                    members.push((name, value));
                }
                Ok(Members(members))
            }
        }
        d.deserialize_map(Object(std::marker::PhantomData))
    }
}

/// A received header value, read with `serde_json` as the JSON array it is without its
/// brackets (the Reporting API and NEL read it so): its items, each as written.
struct Received {
    header: &'static str,
    /// The value between `[` and `]`.
    wrapped: String,
}

impl Received {
    fn new(header: &'static str, value: &str) -> Self {
        Self {
            header,
            wrapped: format!("[{value}]"),
        }
    }

    /// The byte position in the received value of `raw`, a slice of it.
    fn at(&self, raw: &RawValue) -> usize {
        (raw.get().as_ptr() as usize)
            .saturating_sub(self.wrapped.as_ptr() as usize)
            .saturating_sub(1)
    }

    /// The items, or the error `serde_json` found, at its position.
    fn items(&self) -> Result<Vec<&RawValue>, Error> {
        let items: Vec<&RawValue> = serde_json::from_str(&self.wrapped).map_err(|e| {
            // One line: the column (1-based) less the `[` is the byte position.
            let value = &self.wrapped[1..self.wrapped.len() - 1];
            let at = e.column().saturating_sub(2).min(value.len());
            let text = value.get(at..at + 1).unwrap_or_default();
            let e2 = At::header(self.header).error(ErrorKind::InvalidValue, text);
            at_byte(
                e2.with_detail(format!("invalid JSON: {}", json_message(&e))),
                at,
            )
        })?;
        if items.is_empty() {
            let e = At::header(self.header).error(ErrorKind::InvalidValue, "");
            return Err(at_byte(e.with_detail("expected a JSON object"), 0));
        }
        Ok(items)
    }

    /// The members of the object `raw`.
    fn object<'a>(&self, raw: &'a RawValue) -> Result<Fields<'_, 'a>, Error> {
        match serde_json::from_str::<Members<'a>>(raw.get()) {
            Ok(Members(members)) => Ok(Fields {
                received: self,
                members,
            }),
            Err(_) => {
                let e = At::header(self.header).error(ErrorKind::InvalidValue, "");
                Err(at_byte(
                    e.with_detail("expected a JSON object"),
                    self.at(raw),
                ))
            }
        }
    }
}

/// `serde_json`'s message without its position (the error gives the byte instead).
fn json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.find(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// What a received object's members are turned into, with errors naming the member.
struct Fields<'r, 'a> {
    received: &'r Received,
    members: Vec<(String, &'a RawValue)>,
}

impl<'a> Fields<'_, 'a> {
    /// The member `name`, removed, with its position.
    fn take(&mut self, name: &str) -> Option<(usize, &'a RawValue)> {
        let i = self.members.iter().position(|(n, _)| n == name)?;
        let (_, raw) = self.members.remove(i);
        Some((self.received.at(raw), raw))
    }

    fn wrong(&self, name: &str, at: usize, raw: &RawValue, expected: &str) -> Error {
        let text = raw.get();
        let input = match text.as_bytes().first() {
            Some(b'"') => serde_json::from_str::<String>(text).unwrap_or_else(|_| text.to_owned()),
            Some(b'[') => "[...]".to_owned(),
            Some(b'{') => "{...}".to_owned(),
            _ => text.to_owned(),
        };
        let e = At::directive(self.received.header, name).error(ErrorKind::InvalidValue, &input);
        at_byte(e.with_detail(format!("expected {expected}")), at)
    }

    /// The member `name` read as `T`, or the error that it should be `expected`.
    fn read<T: serde::de::DeserializeOwned>(
        &mut self,
        name: &str,
        expected: &str,
    ) -> Result<Option<(usize, T)>, Error> {
        let Some((at, raw)) = self.take(name) else {
            return Ok(None);
        };
        match serde_json::from_str::<T>(raw.get()) {
            Ok(v) => Ok(Some((at, v))),
            Err(_) => Err(self.wrong(name, at, raw, expected)),
        }
    }

    fn string(&mut self, name: &str) -> Result<Option<(usize, String)>, Error> {
        self.read(name, "a string")
    }

    fn bool(&mut self, name: &str) -> Result<bool, Error> {
        Ok(self
            .read::<bool>(name, "true or false")?
            .is_some_and(|(_, b)| b))
    }

    fn uint(&mut self, name: &str) -> Result<Option<u64>, Error> {
        const EXPECTED: &str = "a non-negative integer";
        match self.take(name) {
            None => Ok(None),
            Some((at, raw)) => match serde_json::from_str::<u64>(raw.get()) {
                Ok(v) if v <= MAX_SAFE => Ok(Some(v)),
                _ => Err(self.wrong(name, at, raw, EXPECTED)),
            },
        }
    }

    fn number(&mut self, name: &str) -> Result<Option<(usize, f64)>, Error> {
        match self.take(name) {
            None => Ok(None),
            Some((at, raw)) => match serde_json::from_str::<f64>(raw.get()) {
                Ok(v) if v.is_finite() => Ok(Some((at, v))),
                _ => Err(self.wrong(name, at, raw, "a number")),
            },
        }
    }

    fn strings(&mut self, name: &str) -> Result<Vec<String>, Error> {
        Ok(self
            .read::<Vec<String>>(name, "an array of strings")?
            .map(|(_, v)| v)
            .unwrap_or_default())
    }

    /// The members not taken: those this crate does not know, which browsers ignore,
    /// kept as written.
    fn done(self) -> Extra {
        self.members
            .into_iter()
            .map(|(k, raw)| (k.into(), raw.get().into()))
            .collect()
    }
}

impl FromStr for ReportTo {
    type Err = Error;

    /// Parses a received `Report-To` value: one or more JSON objects separated by
    /// commas (a JSON array without its brackets, read with `serde_json`). A group without
    /// `group` is named `default`, as the spec says. Members this crate does not know,
    /// which browsers ignore, are kept and sent back as written
    /// ([`unknown_members`](ReportToGroup::unknown_members)). A non-https endpoint, a
    /// missing `max_age` or `endpoints`, a member of the wrong type are errors naming the
    /// member and byte position.
    ///
    /// ```
    /// use secure_headers::{ErrorKind, ReportTo};
    ///
    /// let r: ReportTo = r#"{"max_age": 10, "endpoints": [{"url": "https://r.example/"}]}, {"group":"nel","max_age":1,"endpoints":[{"url":"https://r.example/n","priority":2}]}"#.parse()?;
    /// assert_eq!(r.groups().map(|g| g.name()).collect::<Vec<_>>(), ["default", "nel"]);
    /// let err = r#"{"group":"a","max_age":1,"endpoints":[{"url":"http://r.example/"}]}"#.parse::<ReportTo>().unwrap_err();
    /// assert_eq!((err.kind(), err.directive()), (ErrorKind::InvalidValue, Some("url")));
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    fn from_str(s: &str) -> Result<Self, Error> {
        crate::headers::single::check_field_text(At::header(REPORT_TO), s)?;
        let received = Received::new(REPORT_TO, s);
        let mut out = ReportTo::new();
        for item in received.items()? {
            let at = received.at(item);
            out = out.group(report_to_group(&received, received.object(item)?, at)?);
        }
        Ok(out)
    }
}

/// One received `Report-To` group object, which starts at byte `at`.
fn report_to_group(
    received: &Received,
    mut f: Fields<'_, '_>,
    at: usize,
) -> Result<ReportToGroup, Error> {
    let name = f
        .string("group")?
        .map_or_else(|| "default".to_owned(), |(_, n)| n);
    let Some(max_age) = f.uint("max_age")? else {
        let e = At::directive(REPORT_TO, "max_age").error(ErrorKind::Empty, "");
        return Err(at_byte(e.with_detail("max_age is required"), at));
    };
    let include = f.bool("include_subdomains")?;
    let mut group = ReportToGroup::new(&name, max_age).include_subdomains(include);
    if let Some(e) = group.error.take() {
        return Err(at_byte(e, at));
    }
    const ENDPOINTS: &str = "a non-empty array of endpoints";
    let Some((eat, raw)) = f.take("endpoints") else {
        let e = At::directive(REPORT_TO, "endpoints").error(ErrorKind::Empty, "");
        return Err(at_byte(e.with_detail("endpoints is required"), at));
    };
    let endpoints = match serde_json::from_str::<Vec<&RawValue>>(raw.get()) {
        Ok(endpoints) if !endpoints.is_empty() => endpoints,
        _ => return Err(f.wrong("endpoints", eat, raw, ENDPOINTS)),
    };
    for endpoint in endpoints {
        let mut ef = received.object(endpoint)?;
        let url = ef.string("url")?;
        let priority = ef.uint("priority")?;
        let weight = ef.uint("weight")?;
        let extra = ef.done();
        let Some((uat, url)) = url else {
            let e = At::directive(REPORT_TO, "url").error(ErrorKind::Empty, "");
            let detail = e.with_detail("an endpoint needs a url");
            return Err(at_byte(detail, received.at(endpoint)));
        };
        group = group.push(&url, priority, weight);
        if let Some(e) = group.error.take() {
            return Err(at_byte(e, uat));
        }
        if let Some(endpoint) = group.endpoints.last_mut() {
            endpoint.extra = extra;
        }
    }
    group.extra = f.done();
    Ok(group)
}

impl FromStr for Nel {
    type Err = Error;

    /// Parses a received `NEL` value: JSON objects separated by commas (read with
    /// `serde_json`), of which, as browsers do, the first valid one is the policy (the
    /// others are ignored; with none valid, the first one's error is returned). Members
    /// this crate does not know, which browsers ignore, are kept and sent back as written
    /// ([`unknown_members`](Nel::unknown_members)). A fraction outside 0..=1, a header
    /// name that is not a token, a member of the wrong type are errors naming the member.
    /// `report_to` is required unless `max_age` is 0 (a policy that removes the
    /// origin's policy).
    ///
    /// ```
    /// use secure_headers::{ErrorKind, Nel};
    ///
    /// let nel: Nel = r#"{"report_to": "nel", "max_age": 2592000, "include_subdomains": true, "failure_fraction": 1.0}"#.parse()?;
    /// assert_eq!(nel.group(), Some("nel"));
    /// assert_eq!(nel.max_age_secs(), 2_592_000);
    /// let removal: Nel = r#"{"max_age": 0}"#.parse()?;
    /// assert_eq!(removal.group(), None);
    /// let err = r#"{"report_to":"nel","max_age":1,"success_fraction":2}"#.parse::<Nel>().unwrap_err();
    /// assert_eq!((err.kind(), err.directive()), (ErrorKind::OutOfRange, Some("success_fraction")));
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    fn from_str(s: &str) -> Result<Self, Error> {
        crate::headers::single::check_field_text(At::header(NEL), s)?;
        let received = Received::new(NEL, s);
        let mut first_error = None;
        for item in received.items()? {
            match nel_policy(received.object(item), received.at(item)) {
                Ok(nel) => return Ok(nel),
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        Err(first_error.expect("items() has at least one item"))
    }
}

/// One received `NEL` policy object, which starts at byte `at`.
fn nel_policy(fields: Result<Fields<'_, '_>, Error>, at: usize) -> Result<Nel, Error> {
    let mut f = fields?;
    let check = |nel: Nel, at: usize| match nel.error {
        Some(e) => Err(at_byte(e, at)),
        None => Ok(nel),
    };
    let mut nel = Nel::new();
    let group = f.string("report_to")?;
    match f.uint("max_age")? {
        Some(m) => nel = check(nel.max_age(m), at)?,
        None => {
            let e = At::directive(NEL, "max_age").error(ErrorKind::Empty, "");
            return Err(at_byte(e.with_detail("max_age is required"), at));
        }
    }
    match group {
        Some((gat, g)) => nel = check(nel.report_to(&g), gat)?,
        None if nel.max_age == 0 => {}
        None => {
            let e = At::directive(NEL, "report_to").error(ErrorKind::Empty, "");
            let detail = "report_to is required (unless max_age is 0, which removes the policy)";
            return Err(at_byte(e.with_detail(detail), at));
        }
    }
    nel = nel.include_subdomains(f.bool("include_subdomains")?);
    if let Some((fat, v)) = f.number("success_fraction")? {
        nel = check(nel.success_fraction(v), fat)?;
    }
    if let Some((fat, v)) = f.number("failure_fraction")? {
        nel = check(nel.failure_fraction(v), fat)?;
    }
    let req = f.strings("request_headers")?;
    nel = check(nel.request_headers(req), at)?;
    let resp = f.strings("response_headers")?;
    nel = check(nel.response_headers(resp), at)?;
    nel.extra = f.done();
    Ok(nel)
}
