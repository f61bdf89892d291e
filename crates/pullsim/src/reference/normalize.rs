//! `ParseNormalizedNamed` and the helpers built on it (SPEC §1.5, §1.6).

use super::error::{ErrorKind, RefError, Span};
use super::{changed_by_lower, first_changed_by_lower, grammar, parse, Reference};
use crate::rules::{self, Rule};
use serde::Serialize;

pub(crate) const DEFAULT_DOMAIN: &str = "docker.io";
pub(crate) const LEGACY_DEFAULT_DOMAIN: &str = "index.docker.io";
pub(crate) const OFFICIAL_REPO_PREFIX: &str = "library/";
const LOCALHOST: &str = "localhost";
const DEFAULT_TAG: &str = "latest";

/// A normalization rule that fired while turning what the user wrote into a full reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Normalization {
    /// No `/`: a Docker Hub official image, `docker.io/library/` added.
    OfficialImage,
    /// First segment is neither a host nor `localhost`: `docker.io/` added.
    DockerHubUser,
    /// `docker.io/NAME` with one component: `library/` added.
    DockerHubLibrary,
    /// `index.docker.io` rewritten to `docker.io`.
    LegacyIndexDomain,
    /// First segment is `localhost`: kept as the registry.
    Localhost,
    /// First segment contains `.` or `:`: taken as the registry host.
    HostLike,
    /// First segment has upper-case letters: taken as the registry host.
    UppercaseHost,
    /// No tag and no digest: the kubelet pulls `latest` (ParseDockerRef / ParseImageName).
    DefaultTagLatest,
}

impl Normalization {
    /// In the order splitDockerDomain applies them.
    const ALL: [Normalization; 8] = [
        Normalization::LegacyIndexDomain,
        Normalization::Localhost,
        Normalization::HostLike,
        Normalization::UppercaseHost,
        Normalization::OfficialImage,
        Normalization::DockerHubUser,
        Normalization::DockerHubLibrary,
        Normalization::DefaultTagLatest,
    ];

    /// The rule behind it.
    pub fn rule(self) -> Rule {
        let (id, title) = match self {
            Normalization::OfficialImage => ("normalize.official-image", "Docker Hub official image"),
            Normalization::DockerHubUser => ("normalize.docker-hub", "Docker Hub is the default registry"),
            Normalization::DockerHubLibrary => {
                ("normalize.library", "Docker Hub single-name repositories live in library/")
            }
            Normalization::LegacyIndexDomain => ("normalize.index-docker-io", "index.docker.io is docker.io"),
            Normalization::Localhost => ("normalize.localhost", "localhost is always a registry"),
            Normalization::HostLike => ("normalize.host", "a first segment with '.' or ':' is a registry host"),
            Normalization::UppercaseHost => {
                ("normalize.uppercase-host", "an upper-case first segment is a registry host")
            }
            Normalization::DefaultTagLatest => ("normalize.default-tag", "no tag and no digest means :latest"),
        };
        Rule {
            id,
            title,
            spec: if self == Normalization::DefaultTagLatest { "§1.9" } else { "§1.5" },
            doc: Some(rules::DOC_IMAGE_NAMES),
        }
    }

    /// One sentence saying what happened.
    pub fn explain(self) -> &'static str {
        match self {
            Normalization::OfficialImage => "no '/' → Docker Hub official image: added docker.io/library/",
            Normalization::DockerHubUser => {
                "first segment has no '.' or ':', is not localhost and is lower-case → not a registry: added docker.io/"
            }
            Normalization::DockerHubLibrary => "docker.io with a single path component → added library/",
            Normalization::LegacyIndexDomain => "index.docker.io is the legacy Docker Hub name → replaced by docker.io",
            Normalization::Localhost => "first segment is exactly 'localhost' → it is the registry",
            Normalization::HostLike => "first segment contains '.' or ':' → it is the registry host",
            Normalization::UppercaseHost => {
                "first segment has upper-case letters (never valid in a path) → it is taken as the registry host"
            }
            Normalization::DefaultTagLatest => "no tag and no digest → tag latest",
        }
    }
}

/// A small set of [`Normalization`]s (no allocation on the parse path).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Normalizations(u16);

impl Normalizations {
    fn add(&mut self, n: Normalization) {
        self.0 |= 1 << n as u16;
    }
    pub(crate) fn iter(self) -> impl Iterator<Item = Normalization> {
        Normalization::ALL.into_iter().filter(move |&n| self.0 & (1 << n as u16) != 0)
    }
}

/// `ParseNormalizedNamed(s)` (SPEC §1.5).
pub fn parse_normalized_named(s: &str) -> Result<Reference, RefError> {
    if grammar::is_identifier(s.as_bytes()) {
        return Err(RefError::with_message(
            ErrorKind::HexIdentifierName,
            format!("invalid repository name ({s}), cannot specify 64-byte hexadecimal strings"),
            Some(Span::new(0, s.len())),
        ));
    }
    let mut applied = Normalizations::default();
    // splitDockerDomain. `rest` is the part of `s` after the domain; `domain_from_input` says
    // whether the domain text is `s[..rest - 1]`.
    let (domain, rest, domain_from_input) = match s.split_once('/') {
        None => {
            applied.add(Normalization::OfficialImage);
            (DEFAULT_DOMAIN, 0, false)
        }
        Some((first, _)) => {
            let rest = first.len() + 1;
            if first == LOCALHOST {
                applied.add(Normalization::Localhost);
                (first, rest, true)
            } else if first == LEGACY_DEFAULT_DOMAIN {
                applied.add(Normalization::LegacyIndexDomain);
                (DEFAULT_DOMAIN, rest, false)
            } else if first.contains(['.', ':']) {
                applied.add(Normalization::HostLike);
                (first, rest, true)
            } else if changed_by_lower(first) {
                applied.add(Normalization::UppercaseHost);
                (first, rest, true)
            } else {
                applied.add(Normalization::DockerHubUser);
                (DEFAULT_DOMAIN, 0, false)
            }
        }
    };
    let remainder = &s[rest..];
    let library = domain == DEFAULT_DOMAIN && !remainder.contains('/');
    if library && !applied.iter().any(|n| n == Normalization::OfficialImage) {
        applied.add(Normalization::DockerHubLibrary);
    }
    let prefix = if library { OFFICIAL_REPO_PREFIX } else { "" };

    // The lower-case check looks at the remote name up to its first ':' (which may be inside
    // the digest when there is no tag).
    let remote_len = remainder.find(':').unwrap_or(remainder.len());
    if changed_by_lower(&remainder[..remote_len]) {
        return Err(RefError::with_message(
            ErrorKind::NormalizedNameUppercase,
            format!(
                "invalid reference format: repository name ({prefix}{}) must be lowercase",
                &remainder[..remote_len]
            ),
            first_changed_by_lower(s, rest..rest + remote_len),
        ));
    }

    let full = format!("{domain}/{prefix}{remainder}");
    // Map positions in `full` back to `s`: the remainder is copied verbatim; a domain from the
    // input sits at the same place; anything synthesized maps to where the remainder starts.
    let rem_at = domain.len() + 1 + prefix.len();
    let map = |p: usize| {
        if p >= rem_at {
            rest + (p - rem_at)
        } else if domain_from_input && p < domain.len() + 1 {
            p
        } else {
            rest
        }
    };
    let mut reference = parse(&full).map_err(|e| e.map_span(map))?;
    if reference.path.is_empty() {
        // Unreachable through the grammar; kept for fidelity with normalize.go.
        return Err(RefError::with_message(ErrorKind::NoName, format!("reference {full} has no name"), None));
    }
    reference.normalizations = applied;
    Ok(reference)
}

/// `ParseNamed(s)` (SPEC §1.6): only already-canonical input is accepted.
pub fn parse_named(s: &str) -> Result<Reference, RefError> {
    let named = parse_normalized_named(s)?;
    if named.to_string() != s {
        return Err(RefError::fixed(ErrorKind::NameNotCanonical, None));
    }
    Ok(named)
}

/// `ParseDockerRef(s)` (SPEC §1.6): normalized, digest wins over tag, `latest` when neither.
pub fn parse_docker_ref(s: &str) -> Result<Reference, RefError> {
    Ok(docker_ref(parse_normalized_named(s)?))
}

/// The second half of [`parse_docker_ref`], on the result of `ParseNormalizedNamed`.
pub(crate) fn docker_ref(mut named: Reference) -> Reference {
    if named.digest.is_some() {
        named.tag = None;
    } else if named.tag.is_none() {
        named.tag = Some(DEFAULT_TAG.to_owned());
        named.normalizations.add(Normalization::DefaultTagLatest);
    }
    named
}

/// `TagNameOnly(ref)`: adds `latest` to a bare name, leaves anything else as it is.
pub fn tag_name_only(named: &Reference) -> Reference {
    let mut r = named.clone();
    if r.tag.is_none() && r.digest.is_none() {
        r.tag = Some(DEFAULT_TAG.to_owned());
        r.normalizations.add(Normalization::DefaultTagLatest);
    }
    r
}
