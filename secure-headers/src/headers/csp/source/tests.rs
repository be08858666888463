use super::*;

fn ok(s: &str) -> Source {
    s.parse().unwrap_or_else(|e| panic!("{s:?}: {e}"))
}

fn err(s: &str) -> Error {
    s.parse::<Source>().expect_err(s)
}

#[test]
fn keywords() {
    for (text, source) in [
        ("'self'", Source::SELF),
        ("'none'", Source::NONE),
        ("'unsafe-inline'", Source::UNSAFE_INLINE),
        ("'unsafe-eval'", Source::UNSAFE_EVAL),
        ("'strict-dynamic'", Source::STRICT_DYNAMIC),
        ("'unsafe-hashes'", Source::UNSAFE_HASHES),
        ("'report-sample'", Source::REPORT_SAMPLE),
        ("'wasm-unsafe-eval'", Source::WASM_UNSAFE_EVAL),
        ("'unsafe-allow-redirects'", Source::UNSAFE_ALLOW_REDIRECTS),
        ("'trusted-types-eval'", Source::TRUSTED_TYPES_EVAL),
        (
            "'inline-speculation-rules'",
            Source::INLINE_SPECULATION_RULES,
        ),
        ("'report-sha256'", Source::REPORT_SHA256),
        ("'report-sha384'", Source::REPORT_SHA384),
        ("'report-sha512'", Source::REPORT_SHA512),
        (
            "'unsafe-webtransport-hashes'",
            Source::UNSAFE_WEBTRANSPORT_HASHES,
        ),
    ] {
        assert_eq!(ok(text), source);
        assert_eq!(ok(&text.to_ascii_uppercase()), source);
        assert_eq!(source.as_str(), text);
        assert_eq!(source.kind(), SourceKind::Keyword);
        assert_eq!(source.to_string(), text);
    }
    assert_eq!(ok(" 'self' "), Source::SELF);
}

#[test]
fn unquoted_keywords_are_rejected_with_the_quoted_form() {
    for word in [
        "self",
        "none",
        "unsafe-inline",
        "unsafe-eval",
        "strict-dynamic",
        "unsafe-hashes",
        "report-sample",
        "wasm-unsafe-eval",
        "SELF",
        "Unsafe-Inline",
    ] {
        let e = err(word);
        assert_eq!(e.kind(), ErrorKind::UnquotedKeyword, "{word}");
        assert_eq!(e.input(), Some(word));
        assert_eq!(e.header(), Some(HEADER));
        let lower = word.to_ascii_lowercase();
        assert_eq!(e.detail(), Some(format!("use '{lower}'").as_str()));
    }
    let e = err("nonce-abc");
    assert_eq!(e.kind(), ErrorKind::UnquotedKeyword);
    assert_eq!(e.detail(), Some("use 'nonce-abc'"));
    assert_eq!(err("sha256-abc=").kind(), ErrorKind::UnquotedKeyword);
    // A dotted host that merely starts like a nonce is a host.
    assert_eq!(ok("nonce-server.example.com").kind(), SourceKind::Host);
}

#[test]
fn bad_quoted() {
    for bad in [
        "'unsafe-everything'",
        "'script'",
        "''",
        "'",
        "'self",
        "'a'b'",
    ] {
        assert_eq!(err(bad).kind(), ErrorKind::InvalidSource, "{bad}");
    }
    let e = err("'https://example.com'");
    assert!(e.detail().unwrap().contains("without quotes"), "{e}");
    // A quoted word is a keyword to a browser: the error never says to unquote it,
    // which would make it a host source.
    for word in ["'report-sha1'", "'foo-bar'", "'example'", "'unsafe-future'"] {
        let e = err(word);
        assert_eq!(e.kind(), ErrorKind::InvalidSource);
        assert!(!e.detail().unwrap().contains("without quotes"), "{e}");
    }
    assert_eq!(
        err("'report-sha1'").detail(),
        Some("unknown keyword; did you mean 'report-sha512'?")
    );
    assert_eq!(
        err("'unsafe-inlin'").detail(),
        Some("unknown keyword; did you mean 'unsafe-inline'?")
    );
    assert_eq!(
        err("'SLEF'").detail(),
        Some("unknown keyword; did you mean 'self'?")
    );
    assert!(
        err("'unsafe-future'")
            .detail()
            .unwrap()
            .ends_with("send a newer one with Source::unlisted_keyword")
    );
    let e = err("\"self\"");
    assert_eq!(e.kind(), ErrorKind::InvalidSource);
    assert_eq!(e.detail(), Some("CSP keywords use single quotes: 'self'"));
}

#[test]
fn report_hash_keywords() {
    for alg in HashAlgorithm::ALL {
        let k = Source::report_hash(alg);
        assert_eq!(k.as_str(), format!("'report-{alg}'"));
        assert_eq!(k.kind(), SourceKind::Keyword);
        assert_eq!(k.hash_algorithm(), None);
    }
    // Written without quotes it is a host named report-sha256: refused, with the keyword.
    let e = err("report-sha256");
    assert_eq!(e.kind(), ErrorKind::UnquotedKeyword);
    assert_eq!(e.detail(), Some("use 'report-sha256'"));
}

#[test]
fn unlisted_keywords_are_an_explicit_opt_in() {
    let k = Source::unlisted_keyword("'Unsafe-Future'").unwrap();
    assert_eq!(k.kind(), SourceKind::Unknown);
    assert_eq!(k.as_str(), "'unsafe-future'");
    assert_eq!(Source::unlisted_keyword("unsafe-future").unwrap(), k);
    assert_eq!(
        Source::unlisted_keyword("'report-sha256'").unwrap(),
        Source::REPORT_SHA256
    );
    assert_eq!(
        Source::unlisted_keyword("nonce-abc").unwrap().kind(),
        SourceKind::Nonce
    );
    for bad in [
        "",
        "''",
        "'a b'",
        "a.b",
        "'x'y'",
        "nonce-a!b",
        "sha256-abc",
        "a;b",
    ] {
        assert!(Source::unlisted_keyword(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn received_sources_are_kept_as_browsers_read_them() {
    for (text, kind) in [
        ("'self'", SourceKind::Keyword),
        ("'report-sha256'", SourceKind::Keyword),
        ("'unsafe-future'", SourceKind::Unknown),
        ("'Unsafe-Inlin'", SourceKind::Unknown),
        ("'https://a.example'", SourceKind::Unknown),
        ("\"self\"", SourceKind::Unknown),
        ("'nonce-a!b'", SourceKind::Unknown),
        ("'sha256-short'", SourceKind::Unknown),
        ("self", SourceKind::Host),
        ("nonce-abc", SourceKind::Host),
        ("example.com/?q=1", SourceKind::Unknown),
        ("https://", SourceKind::Unknown),
    ] {
        let s = parse_received_source(text).unwrap();
        assert_eq!(s.kind(), kind, "{text}");
        if kind != SourceKind::Keyword {
            assert_eq!(s.as_str(), text);
        }
    }
    for bad in ["a b", "a;b", "a,b", "a\r\nb", ""] {
        assert!(parse_received_source(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn schemes() {
    assert_eq!(ok("https:"), Source::HTTPS);
    assert_eq!(ok("HTTPS:"), Source::HTTPS);
    assert_eq!(ok("data:"), Source::DATA);
    assert_eq!(ok("blob:"), Source::BLOB);
    assert_eq!(ok("wss:"), Source::WSS);
    assert_eq!(ok("chrome-extension:").as_str(), "chrome-extension:");
    assert_eq!(Source::scheme("http").unwrap(), Source::HTTP);
    assert_eq!(Source::scheme("web+app").unwrap().as_str(), "web+app:");
    for bad in ["1http", "", "ht tp", "https://", "-x", "a;b"] {
        assert!(Source::scheme(bad).is_err(), "{bad}");
    }
    assert_eq!(err("1http:").kind(), ErrorKind::InvalidSource);
    for s in [
        Source::HTTPS,
        Source::HTTP,
        Source::MEDIASTREAM,
        Source::FILESYSTEM,
    ] {
        assert_eq!(s.kind(), SourceKind::Scheme);
        assert_eq!(ok(s.as_str()), s);
    }
}

#[test]
fn hosts() {
    for good in [
        "example.com",
        "*.example.com",
        "https://cdn.example.com",
        "https://cdn.example.com:443",
        "https://cdn.example.com:443/path/",
        "https://*.example.com:*/a/b.js",
        "http://localhost:*",
        "localhost",
        "127.0.0.1:8080",
        "example.com.",
        "https://*",
        "*:8080",
        "ws://example.com/%2C/~user/@x:y/(a)!$&*+=",
        "nonce-server.example.com",
    ] {
        let s = ok(good);
        assert_eq!(s.kind(), SourceKind::Host, "{good}");
        assert_eq!(s.as_str(), good);
        assert_eq!(Source::host(good).unwrap(), s);
    }
    assert_eq!(ok("*"), Source::WILDCARD);
    assert_eq!(Source::WILDCARD.kind(), SourceKind::Wildcard);
    for bad in [
        "https://",
        "https://exa_mple.com",
        "example.com:80a",
        "example.com/?q=1",
        "example.com/#top",
        "example.com/%zz",
        "example.com/a'b",
        "example.com/a\"b",
        "example.com/<x>",
        "*.",
        "a..b",
        "**.example.com",
        "1x://example.com",
        "data:text/plain",
        "exa\\mple.com",
    ] {
        let e = err(bad);
        assert_eq!(e.kind(), ErrorKind::InvalidSource, "{bad}");
        assert_eq!(e.input(), Some(bad));
        assert!(e.detail().is_some(), "{bad}");
        assert!(Source::host(bad).is_err(), "{bad}");
    }
}

#[test]
fn separators_whitespace_and_controls() {
    for (bad, kind) in [
        ("a;b", ErrorKind::Separator),
        ("a,b", ErrorKind::Separator),
        ("'self' 'none'", ErrorKind::InvalidToken),
        ("a\rb", ErrorKind::InvalidCharacter),
        ("a\nb", ErrorKind::InvalidCharacter),
        ("a\0b", ErrorKind::InvalidCharacter),
        ("a\tb", ErrorKind::InvalidCharacter),
        ("caf\u{e9}.com", ErrorKind::InvalidCharacter),
        ("", ErrorKind::Empty),
        ("   ", ErrorKind::Empty),
    ] {
        let e = err(bad);
        assert_eq!(e.kind(), kind, "{bad:?}");
        assert_eq!(e.input(), Some(bad));
        assert_eq!(e.header(), Some(HEADER));
    }
}

#[test]
fn nonces() {
    let s = Source::nonce_value("abc-_+/=").unwrap();
    assert_eq!(s.as_str(), "'nonce-abc-_+/='");
    assert_eq!(s.kind(), SourceKind::Nonce);
    assert_eq!(ok("'nonce-abc-_+/='"), s);
    assert_eq!(ok("'NONCE-abc'").as_str(), "'nonce-abc'");
    for bad in ["", "a b", "a'b", "a!b", "a;b", "a\r\n"] {
        assert!(Source::nonce_value(bad).is_err(), "{bad:?}");
    }
    let e = err("'nonce-a!b'");
    assert_eq!(e.kind(), ErrorKind::InvalidSource);
    assert_eq!(e.input(), Some("'nonce-a!b'"));
    assert_eq!(err("'nonce-'").kind(), ErrorKind::Empty);
}

#[test]
fn hashes() {
    let d256 = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
    let d384 = "OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb";
    let d512 =
        "z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==";
    for (alg, d) in [
        (HashAlgorithm::Sha256, d256),
        (HashAlgorithm::Sha384, d384),
        (HashAlgorithm::Sha512, d512),
    ] {
        let s = Source::hash(alg, d).unwrap();
        assert_eq!(s.as_str(), format!("'{alg}-{d}'"));
        assert_eq!(s.kind(), SourceKind::Hash);
        assert_eq!(s.hash_algorithm(), Some(alg));
        assert_eq!(ok(s.as_str()), s);
        let upper = format!("'{}-{d}'", alg.as_str().to_ascii_uppercase());
        assert_eq!(ok(&upper), s);
        // base64url spelling is accepted as well.
        let url = d.replace('+', "-").replace('/', "_");
        assert!(Source::hash(alg, url).is_ok());
    }
    assert_eq!(Source::SELF.hash_algorithm(), None);
    for bad in [
        "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU", // unpadded
        "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuF==", // wrong padding
        "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFUA=", // too long
        "47DEQpj8HBSa!/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", // bad char
        "===",
    ] {
        let e = Source::hash(HashAlgorithm::Sha256, bad).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidSource, "{bad}");
        assert_eq!(e.input(), Some(bad));
    }
    assert_eq!(
        err(&format!("'sha384-{d256}'")).kind(),
        ErrorKind::InvalidSource
    );
    assert_eq!(
        err(&format!("'sha1-{d256}'")).kind(),
        ErrorKind::InvalidSource
    );
    assert_eq!(HashAlgorithm::Sha512.digest_len(), 64);
    assert_eq!(HashAlgorithm::Sha256.to_string(), "sha256");
}

#[test]
fn into_source_impls() {
    let owned = String::from("'self'");
    assert_eq!(owned.clone().into_source().unwrap(), Source::SELF);
    assert_eq!((&owned).into_source().unwrap(), Source::SELF);
    assert_eq!((&"'self'").into_source().unwrap(), Source::SELF);
    assert_eq!((&Source::NONE).into_source().unwrap(), Source::NONE);
    assert_eq!(Source::SELF.as_ref(), "'self'");
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn parse_never_yields_unsafe_text(s in any::<String>()) {
            if let Ok(src) = s.parse::<Source>() {
                let t = src.as_str();
                prop_assert!(!t.is_empty());
                prop_assert!(t.bytes().all(|b| b.is_ascii_graphic()));
                prop_assert!(!t.contains([';', ',']));
                prop_assert_eq!(src.as_str().parse::<Source>().unwrap(), src.clone());
            }
        }

        #[test]
        fn parse_round_trips(s in "[a-zA-Z0-9*.:/'_%+=-]{1,24}") {
            if let Ok(src) = s.parse::<Source>() {
                prop_assert!(src.as_str().eq_ignore_ascii_case(&s));
                prop_assert_eq!(src.as_str().parse::<Source>().unwrap(), src);
            }
        }
    }
}
