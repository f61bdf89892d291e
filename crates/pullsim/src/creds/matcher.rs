//! The kubelet's URL matcher `URLsMatchStr(glob, target)` (SPEC §5.4), with an explanation of
//! every comparison it makes.

use super::gourl::{self, show, UrlError};
use super::rules;
use crate::glob::{match_glob, BadPattern};
use crate::rules::Rule;
use serde::Serialize;
use std::fmt;

/// One side of a match after `ParseSchemelessURL` + `SplitURL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MatchUrl {
    pub host: Vec<u8>,
    pub labels: Vec<Vec<u8>>,
    pub port: Vec<u8>,
    pub path: Vec<u8>,
    /// Why `SplitHostPort` failed (then the whole host is the host and the port is empty).
    pub split_error: Option<String>,
    pub dropped: Dropped,
}

/// URL parts the matcher ignores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Dropped {
    /// A `user[:password]@` part.
    pub userinfo: bool,
    /// A `?query`.
    pub query: bool,
    /// A `#fragment`.
    pub fragment: bool,
}

/// `ParseSchemelessURL(s)` then `SplitURL`.
pub(crate) fn parse_schemeless(s: &[u8]) -> Result<MatchUrl, UrlError> {
    let mut raw = Vec::with_capacity(s.len() + 8);
    raw.extend_from_slice(b"https://");
    raw.extend_from_slice(s);
    let url = gourl::parse(&raw)?;
    let (host, port, split_error) = match gourl::split_host_port(&url.host) {
        Ok((h, p)) => (h.to_vec(), p.to_vec(), None),
        Err(e) => (url.host.clone(), Vec::new(), Some(e)),
    };
    let labels = host.split(|&c| c == b'.').map(<[u8]>::to_vec).collect();
    Ok(MatchUrl {
        host: url.host,
        labels,
        port,
        path: url.path,
        split_error,
        dropped: Dropped {
            userinfo: url.has_userinfo,
            query: !url.raw_query.is_empty(),
            fragment: raw.contains(&b'#'),
        },
    })
}

/// `URLsMatch(globURL, targetURL)`: port, label count, path prefix, then each label.
pub(crate) fn urls_match(glob: &MatchUrl, target: &MatchUrl) -> Result<bool, BadPattern> {
    if glob.port != target.port || glob.labels.len() != target.labels.len() || !target.path.starts_with(&glob.path) {
        return Ok(false);
    }
    for (g, t) in glob.labels.iter().zip(&target.labels) {
        if !match_glob(g, t)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Why `URLsMatchStr` returned an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum MatchError {
    /// The key (glob) is not a URL.
    Glob {
        /// Go's `url.Parse` error text.
        message: String,
    },
    /// The image location (target) is not a URL.
    Target {
        /// Go's `url.Parse` error text.
        message: String,
    },
    /// A host label of the key is a malformed pattern (`syntax error in pattern`).
    Pattern,
}

impl fmt::Display for MatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MatchError::Glob { message } | MatchError::Target { message } => f.write_str(message),
            MatchError::Pattern => BadPattern.fmt(f),
        }
    }
}

impl std::error::Error for MatchError {}

/// `URLsMatchStr(glob, target)`: both sides as written, without a scheme, as the kubelet passes
/// them.
pub fn urls_match_str(glob: &str, target: &str) -> Result<bool, MatchError> {
    let g = parse_schemeless(glob.as_bytes()).map_err(|e| MatchError::Glob { message: e.to_string() })?;
    let t = parse_schemeless(target.as_bytes()).map_err(|e| MatchError::Target { message: e.to_string() })?;
    urls_match(&g, &t).map_err(|_| MatchError::Pattern)
}

/// One side of a match, for display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UrlSide {
    /// `host[:port]` as parsed.
    pub host: String,
    /// Host labels (split at `.`).
    pub labels: Vec<String>,
    /// Port (`""` when none).
    pub port: String,
    /// Path (`""` when none).
    pub path: String,
    /// Parts present but ignored.
    pub dropped: Dropped,
}

impl From<&MatchUrl> for UrlSide {
    fn from(u: &MatchUrl) -> Self {
        UrlSide {
            host: show(&u.host),
            labels: u.labels.iter().map(|l| show(l)).collect(),
            port: show(&u.port),
            path: show(&u.path),
            dropped: u.dropped,
        }
    }
}

/// One comparison the matcher made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "check", rename_all = "camelCase")]
pub enum Check {
    /// Both sides parsed (or not) as URLs.
    Parse {
        /// Error parsing the key, if any.
        #[serde(skip_serializing_if = "Option::is_none")]
        key_error: Option<String>,
        /// Error parsing the image, if any.
        #[serde(skip_serializing_if = "Option::is_none")]
        image_error: Option<String>,
    },
    /// Ports compared as strings.
    Port {
        /// Key's port.
        key: String,
        /// Image's port.
        image: String,
    },
    /// Numbers of host labels.
    LabelCount {
        /// Key's label count.
        key: usize,
        /// Image's label count.
        image: usize,
    },
    /// Path prefix.
    PathPrefix {
        /// Key's path.
        key: String,
        /// Image's path.
        image: String,
    },
    /// One host label against its counterpart.
    Label {
        /// 0-based label position.
        index: usize,
        /// Key's label (a glob).
        key: String,
        /// Image's label.
        image: String,
        /// `syntax error in pattern` when the glob is malformed.
        #[serde(skip_serializing_if = "Option::is_none")]
        error: Option<String>,
    },
}

/// A comparison, its result and its rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatchStep {
    /// The rule applied.
    pub rule: Rule,
    /// The comparison.
    #[serde(flatten)]
    pub check: Check,
    /// Whether it passed.
    pub passed: bool,
    /// One line for humans.
    pub text: String,
}

/// Everything `URLsMatchStr` looked at, in the order it looked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatchExplanation {
    /// The key (glob) as given.
    pub glob: String,
    /// The image location as given.
    pub target: String,
    /// The key as parsed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<UrlSide>,
    /// The image as parsed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<UrlSide>,
    /// Comparisons in order; the last failing one decided.
    pub steps: Vec<MatchStep>,
    /// The verdict.
    pub matched: bool,
    /// The error `URLsMatchStr` returned (the kubelet treats it as "no match").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<MatchError>,
    /// Why, in one sentence.
    pub reason: String,
}

fn q(b: &[u8]) -> String {
    format!("\"{}\"", show(b))
}

/// Explains `URLsMatchStr(glob, target)` step by step.
pub fn explain_urls_match(glob: &str, target: &str) -> MatchExplanation {
    let g = parse_schemeless(glob.as_bytes());
    let t = parse_schemeless(target.as_bytes());
    explain_parsed(glob, target, g.as_ref(), t.as_ref())
}

pub(crate) fn explain_parsed(
    glob: &str,
    target: &str,
    g: Result<&MatchUrl, &UrlError>,
    t: Result<&MatchUrl, &UrlError>,
) -> MatchExplanation {
    let mut ex = MatchExplanation {
        glob: glob.to_owned(),
        target: target.to_owned(),
        key: g.ok().map(UrlSide::from),
        image: t.ok().map(UrlSide::from),
        steps: Vec::new(),
        matched: false,
        error: None,
        reason: String::new(),
    };
    let (g, t) = match (g, t) {
        (Ok(g), Ok(t)) => (g, t),
        (g, t) => {
            let key_error = g.err().map(ToString::to_string);
            let image_error = t.err().map(ToString::to_string);
            ex.error = Some(match (&key_error, &image_error) {
                (Some(m), _) => MatchError::Glob { message: m.clone() },
                (None, Some(m)) => MatchError::Target { message: m.clone() },
                // Not reached (one side failed); an empty message rather than a panic.
                (None, None) => MatchError::Target { message: String::new() },
            });
            ex.reason = match (&key_error, &image_error) {
                (Some(m), _) => format!("the key is not a valid URL ({m}), so it can never match"),
                (None, Some(m)) => format!("the image location is not a valid URL ({m})"),
                _ => String::new(),
            };
            ex.steps.push(MatchStep {
                rule: rules::MATCH_PARSE,
                check: Check::Parse { key_error, image_error },
                passed: false,
                text: ex.reason.clone(),
            });
            return ex;
        }
    };
    let port_ok = g.port == t.port;
    let port_text = match (g.port.is_empty(), t.port.is_empty(), port_ok) {
        (true, true, _) => "no port on either side".to_owned(),
        (_, _, true) => format!("port {} = {}", q(&g.port), q(&t.port)),
        (true, false, false) => format!("the key has no port but the image uses port {}", q(&t.port)),
        (false, true, false) => format!("the key needs port {} but the image has no port", q(&g.port)),
        _ => format!("port {} ≠ {} (ports compare as strings)", q(&g.port), q(&t.port)),
    };
    ex.steps.push(MatchStep {
        rule: rules::MATCH_PORT,
        check: Check::Port { key: show(&g.port), image: show(&t.port) },
        passed: port_ok,
        text: port_text.clone(),
    });
    if !port_ok {
        ex.reason = port_text;
        return ex;
    }
    let count_ok = g.labels.len() == t.labels.len();
    let count_text = format!(
        "{} has {} label{}, {} has {}",
        q(&g.host_without_port()),
        g.labels.len(),
        if g.labels.len() == 1 { "" } else { "s" },
        q(&t.host_without_port()),
        t.labels.len()
    );
    ex.steps.push(MatchStep {
        rule: rules::MATCH_LABEL_COUNT,
        check: Check::LabelCount { key: g.labels.len(), image: t.labels.len() },
        passed: count_ok,
        text: count_text.clone(),
    });
    if !count_ok {
        ex.reason = format!("different number of host labels: {count_text} (a * never spans a dot)");
        return ex;
    }
    let path_ok = t.path.starts_with(&g.path);
    let path_text = if g.path.is_empty() {
        "the key has no path: any image path is accepted".to_owned()
    } else if path_ok {
        format!("image path {} starts with {}", q(&t.path), q(&g.path))
    } else {
        format!("image path {} does not start with {}", q(&t.path), q(&g.path))
    };
    ex.steps.push(MatchStep {
        rule: rules::MATCH_PATH_PREFIX,
        check: Check::PathPrefix { key: show(&g.path), image: show(&t.path) },
        passed: path_ok,
        text: path_text.clone(),
    });
    if !path_ok {
        ex.reason = path_text;
        return ex;
    }
    for (i, (gl, tl)) in g.labels.iter().zip(&t.labels).enumerate() {
        let res = match_glob(gl, tl);
        let (passed, error, text) = match res {
            Ok(true) => (true, None, format!("label {}: {} matches {}", i + 1, q(gl), q(tl))),
            Ok(false) => (false, None, format!("label {}: {} does not match {}", i + 1, q(gl), q(tl))),
            Err(e) => (false, Some(e.to_string()), format!("label {}: {} is not a valid pattern ({e})", i + 1, q(gl))),
        };
        ex.steps.push(MatchStep {
            rule: rules::MATCH_LABEL_GLOB,
            check: Check::Label { index: i, key: show(gl), image: show(tl), error: error.clone() },
            passed,
            text: text.clone(),
        });
        if !passed {
            if error.is_some() {
                ex.error = Some(MatchError::Pattern);
            }
            ex.reason = text;
            return ex;
        }
    }
    ex.matched = true;
    ex.reason = "port, label count, path prefix and every label match".to_owned();
    ex
}

impl MatchUrl {
    fn host_without_port(&self) -> Vec<u8> {
        self.labels.join(&b'.')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_examples() {
        let m = |g: &str, t: &str| urls_match_str(g, t).unwrap();
        assert!(!m("*.kubernetes.io", "kubernetes.io"));
        assert!(m("*kubernetes.io", "kubernetes.io"));
        assert!(!m("*kubernetes.io", "a.kubernetes.io"));
        assert!(m("*.*.*.kubernetes.io", "a.b.c.kubernetes.io"));
        assert!(!m("prefix.*.io/foo", "prefix.kubernetes.io:1111/foo/bar"));
        assert!(m("bar.example.com/pong", "bar.example.com/pongz"));
        assert!(m("my-registry.example/images", "my-registry.example/images/my-image"));
        assert!(m("*.my-registry.example/images", "sub.my-registry.example/images/my-image"));
        assert!(!m("*.my-registry.example/images", "a.sub.my-registry.example/images/my-image"));
    }

    #[test]
    fn errors() {
        assert_eq!(
            urls_match_str("foo:abc", "foo").unwrap_err().to_string(),
            r#"parse "https://foo:abc": invalid port ":abc" after host"#
        );
        assert!(matches!(urls_match_str("foo", "a b").unwrap_err(), MatchError::Target { .. }));
        // Go ≥1.25.2 only accepts IPv6 addresses in brackets, so `[...]` classes cannot appear
        // in a host: such keys never parse.
        assert_eq!(
            urls_match_str("x.[ab].io", "x.a.io").unwrap_err().to_string(),
            r#"parse "https://x.[ab].io": invalid IP-literal"#
        );
        // An IPv6 literal without a port stays one label, brackets included, and is globbed: the
        // zone `a-` makes the class `[fe80::1%a-]` malformed.
        assert_eq!(urls_match_str("[fe80::1%25a-]", "x"), Err(MatchError::Pattern));
        assert_eq!(urls_match_str("[::1]", "1"), Ok(true), "the class [::1] matches the label 1");
    }

    #[test]
    fn explanation_names_the_deciding_check() {
        let ex = explain_urls_match("*.kubernetes.io", "kubernetes.io");
        assert!(!ex.matched);
        assert_eq!(ex.steps.last().unwrap().rule, rules::MATCH_LABEL_COUNT);
        let ex = explain_urls_match("prefix.*.io:1111/foo", "prefix.kubernetes.io:1111/foo/bar");
        assert!(ex.matched);
        assert_eq!(ex.steps.len(), 3 + 3);
        let ex = explain_urls_match("a.io", "a.io:5000/x");
        assert_eq!(ex.steps[0].rule, rules::MATCH_PORT);
        assert!(!ex.steps[0].passed);
    }
}
