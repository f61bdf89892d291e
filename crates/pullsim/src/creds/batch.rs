//! The line formats of `pullsim creds lookup --jsonl` and `pullsim creds match --jsonl`, kept in
//! the core so every front end answers the same way.

use super::json::Json;
use super::keyring::Source;
use super::kubelet::{lookup, LookupError, LookupRequest};
use super::matcher::urls_match_str;
use super::secret::{SecretManifest, KEY_DOCKER_CONFIG_JSON, TYPE_DOCKER_CONFIG_JSON};
use serde::Serialize;

/// One `creds lookup --jsonl` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LookupLine {
    /// The image as given.
    pub image: Option<String>,
    /// The name the kubelet looks up (`repoToPull`), when the image parses.
    pub repo: Option<String>,
    /// Whether any credential matched.
    pub found: bool,
    /// The credentials in the order the kubelet tries them.
    pub matches: Vec<LookupMatch>,
    /// Why nothing was looked up: an unparsable image or a secret that fails to decode.
    pub err: Option<String>,
}

/// One credential of a [`LookupLine`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LookupMatch {
    /// The index key that matched (`index.docker.io` for the Docker Hub fallback).
    pub key: String,
    /// The user name.
    pub username: String,
    /// `pod-secret`, `node` or `plugin`.
    pub source: String,
}

impl LookupLine {
    /// The answer for an input line that is not valid JSON.
    pub fn bad(err: String) -> Self {
        LookupLine { image: None, repo: None, found: false, matches: Vec::new(), err: Some(err) }
    }
}

/// Answers `{"auths": {key: entry, …}, "image": "..."}`: the `auths` map is one
/// `kubernetes.io/dockerconfigjson` pull secret (keys in the given order), the image is as written
/// in a pod.
pub fn lookup_line(line: &Json) -> LookupLine {
    let Some(image) = line.get("image").and_then(Json::as_str) else {
        return LookupLine::bad("the line has no string \"image\"".to_owned());
    };
    // Rebuild the secret's .dockerconfigjson text around the given auths map, member order kept.
    let auths = line.get("auths").cloned().unwrap_or(Json::Null);
    let text = format!("{{\"auths\":{}}}", to_text(&auths));
    let secret =
        SecretManifest::new("pull-secret", TYPE_DOCKER_CONFIG_JSON, &[(KEY_DOCKER_CONFIG_JSON, text.as_bytes())]);
    let result = lookup(&LookupRequest {
        image: image.to_owned(),
        pod_namespace: "default".to_owned(),
        image_pull_secrets: vec!["pull-secret".to_owned()],
        secrets: vec![secret],
        ..Default::default()
    });
    let err = result.error.as_ref().map(LookupError::to_string);
    let matches: Vec<LookupMatch> = if err.is_some() {
        Vec::new()
    } else {
        result
            .try_order
            .iter()
            .map(|a| LookupMatch {
                key: a.matched.key.clone(),
                username: a.matched.tracked.credential.username.clone(),
                source: source_tag(&a.matched.tracked.source),
            })
            .collect()
    };
    LookupLine { image: Some(image.to_owned()), repo: result.repo, found: !matches.is_empty(), matches, err }
}

fn source_tag(s: &Source) -> String {
    s.tag().to_owned()
}

/// One `creds match --jsonl` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatchLine {
    /// The key (glob) as given.
    pub glob: Option<String>,
    /// The image location as given.
    pub target: Option<String>,
    /// `URLsMatchStr`'s verdict (`false` on error).
    #[serde(rename = "match")]
    pub matched: bool,
    /// `URLsMatchStr`'s error: a side that is not a URL, or a malformed glob.
    pub err: Option<String>,
}

impl MatchLine {
    /// The answer for an input line that is not valid JSON.
    pub fn bad(err: String) -> Self {
        MatchLine { glob: None, target: None, matched: false, err: Some(err) }
    }
}

/// Answers `{"glob": "...", "target": "..."}` (both without scheme, as the kubelet passes them).
pub fn match_line(line: &Json) -> MatchLine {
    let (Some(glob), Some(target)) =
        (line.get("glob").and_then(Json::as_str), line.get("target").and_then(Json::as_str))
    else {
        return MatchLine::bad("the line needs string \"glob\" and \"target\"".to_owned());
    };
    let (matched, err) = match urls_match_str(glob, target) {
        Ok(m) => (m, None),
        Err(e) => (false, Some(e.to_string())),
    };
    MatchLine { glob: Some(glob.to_owned()), target: Some(target.to_owned()), matched, err }
}

/// JSON text of a parsed value, members in their original order.
pub fn to_text(v: &Json) -> String {
    match v {
        Json::Null => "null".into(),
        Json::Bool(b) => b.to_string(),
        Json::Number(n) => serde_json::to_string(n).unwrap_or_else(|_| "0".into()),
        Json::String(s) => serde_json::to_string(s).unwrap_or_default(),
        Json::Array(a) => format!("[{}]", a.iter().map(to_text).collect::<Vec<_>>().join(",")),
        Json::Object(m) => format!(
            "{{{}}}",
            m.iter()
                .map(|(k, x)| format!("{}:{}", serde_json::to_string(k).unwrap_or_default(), to_text(x)))
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::creds::json::parse;

    #[test]
    fn lookup_lines() {
        let l = lookup_line(&parse(r#"{"auths":{"https://index.docker.io/v1/":{"auth":"Zm9vOmJhcg=="},"docker.io/library":{"username":"lib","password":"x"}},"image":"nginx"}"#).unwrap());
        assert_eq!(l.repo.as_deref(), Some("docker.io/library/nginx"));
        assert_eq!(
            l.matches,
            [LookupMatch { key: "docker.io/library".into(), username: "lib".into(), source: "pod-secret".into() }]
        );
        let l = lookup_line(&parse(r#"{"auths":{"a.io":{"auth":"!"}},"image":"nginx"}"#).unwrap());
        assert_eq!(l.err.as_deref(), Some("illegal base64 data at input byte 0"));
        assert!(!l.found && l.matches.is_empty() && l.repo.is_some());
        let l = lookup_line(&parse(r#"{"auths":{},"image":"NGINX"}"#).unwrap());
        assert!(l.err.is_some() && l.repo.is_none());
    }

    #[test]
    fn match_lines() {
        let m = match_line(&parse(r#"{"glob":"*.io","target":"a.io/x"}"#).unwrap());
        assert!(m.matched && m.err.is_none());
        let m = match_line(&parse(r#"{"glob":"a:b","target":"a"}"#).unwrap());
        assert_eq!(m.err.as_deref(), Some(r#"parse "https://a:b": invalid port ":b" after host"#));
    }
}
