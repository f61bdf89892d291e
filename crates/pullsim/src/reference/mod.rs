//! Image references, exactly as `github.com/distribution/reference` and the kubelet handle them
//! (SPEC §1). A hand-written scanner replaces upstream's regular expressions.

mod analysis;
mod error;
// The hand-written scanner for upstream's regular expressions: positions only advance within
// the input (checked before each access), fuzzed with the reference target.
#[allow(clippy::indexing_slicing)]
pub mod grammar;
mod kubelet;
mod normalize;

pub use analysis::{analyze, Anatomy, KubeletView, Step};
pub use error::{ErrorKind, RefError, Span};
pub use kubelet::{apply_default_image_tag, parse_image_name, ImageName};
pub use normalize::{parse_docker_ref, parse_named, parse_normalized_named, tag_name_only, Normalization};

use serde::Serialize;
use std::fmt;

/// Which digest algorithms go-digest has available (SPEC §1.3 step 4): the kubelet links sha256,
/// sha384 and sha512; distribution/reference's own tests link only sha256.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum DigestAlgorithms {
    /// sha256, sha384 and sha512 (what `pkg/util/parsers` and API defaulting see).
    #[default]
    Kubelet,
    /// sha256 only (distribution/reference's test binary).
    Sha256Only,
}

/// A parsed reference: `[domain/]path[:tag][@digest]`. What upstream calls a `Named` value
/// (possibly `Tagged` and/or `Digested`). Two references are equal when their parts are; how they
/// were normalized does not count.
#[derive(Debug, Clone, Serialize)]
pub struct Reference {
    domain: String,
    path: String,
    tag: Option<String>,
    digest: Option<String>,
    /// Which normalization rules produced this value (empty for plain [`parse`]).
    #[serde(skip)]
    normalizations: normalize::Normalizations,
}

impl PartialEq for Reference {
    fn eq(&self, other: &Reference) -> bool {
        (&self.domain, &self.path, &self.tag, &self.digest) == (&other.domain, &other.path, &other.tag, &other.digest)
    }
}

impl Eq for Reference {}

/// `RepositoryNameTotalLengthMax` (SPEC §1.2 step 4).
pub const NAME_TOTAL_LENGTH_MAX: usize = 255;

impl Reference {
    /// `Name()`: `domain/path`, or just `path` when there is no domain.
    pub fn name(&self) -> String {
        if self.domain.is_empty() {
            self.path.clone()
        } else {
            format!("{}/{}", self.domain, self.path)
        }
    }
    /// `Domain()`.
    pub fn domain(&self) -> &str {
        &self.domain
    }
    /// `Path()`.
    pub fn path(&self) -> &str {
        &self.path
    }
    /// `Tag()`, when the reference is tagged.
    pub fn tag(&self) -> Option<&str> {
        self.tag.as_deref()
    }
    /// `Digest()`, when the reference is digested.
    pub fn digest(&self) -> Option<&str> {
        self.digest.as_deref()
    }
    /// Which normalization rules produced this value (SPEC §1.5).
    pub fn normalizations(&self) -> impl Iterator<Item = Normalization> + '_ {
        self.normalizations.iter()
    }

    /// `FamiliarName()`: drop `docker.io/`, and `library/` when exactly one component follows it.
    pub fn familiar_name(&self) -> String {
        if self.domain != normalize::DEFAULT_DOMAIN {
            return self.name();
        }
        match self.path.strip_prefix(normalize::OFFICIAL_REPO_PREFIX) {
            Some(rest) if !rest.contains('/') => rest.to_owned(),
            _ => self.path.clone(),
        }
    }

    /// `FamiliarString()`: the familiar name with the tag and digest.
    pub fn familiar_string(&self) -> String {
        let mut s = self.familiar_name();
        self.push_tag_digest(&mut s);
        s
    }

    fn push_tag_digest(&self, s: &mut String) {
        if let Some(t) = &self.tag {
            s.push(':');
            s.push_str(t);
        }
        if let Some(d) = &self.digest {
            s.push('@');
            s.push_str(d);
        }
    }

    /// `TrimNamed()`: the repository alone, without tag or digest.
    pub fn trim_named(&self) -> Reference {
        Reference { tag: None, digest: None, ..self.clone() }
    }

    /// `WithTag(ref, tag)`: keeps an existing digest.
    pub fn with_tag(&self, tag: &str) -> Result<Reference, RefError> {
        if grammar::tag(tag.as_bytes()).is_err() {
            return Err(RefError::fixed(ErrorKind::TagInvalidFormat, None));
        }
        Ok(Reference { tag: Some(tag.to_owned()), ..self.clone() })
    }

    /// `WithDigest(ref, digest)`: the reference package's digest grammar only (not go-digest);
    /// keeps an existing tag.
    pub fn with_digest(&self, digest: &str) -> Result<Reference, RefError> {
        if grammar::digest(digest.as_bytes()).is_err() {
            return Err(RefError::fixed(ErrorKind::DigestInvalidFormat, None));
        }
        Ok(Reference { digest: Some(digest.to_owned()), ..self.clone() })
    }
}

/// `String()`: `name[:tag][@digest]`.
impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.domain.is_empty() {
            f.write_str(&self.domain)?;
            f.write_str("/")?;
        }
        f.write_str(&self.path)?;
        if let Some(t) = &self.tag {
            write!(f, ":{t}")?;
        }
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

/// `Parse(s)` (SPEC §1.2) with the kubelet's digest algorithms.
pub fn parse(s: &str) -> Result<Reference, RefError> {
    parse_with(s, DigestAlgorithms::Kubelet)
}

/// `Parse(s)` (SPEC §1.2) with a chosen set of available digest algorithms.
pub fn parse_with(s: &str, algorithms: DigestAlgorithms) -> Result<Reference, RefError> {
    if s.is_empty() {
        return Err(RefError::fixed(ErrorKind::NameEmpty, None));
    }
    let split = match grammar::split_reference(s) {
        Ok(split) => split,
        Err(mismatch) => {
            // Step 2: retry lower-cased, only when lower-casing changes the string.
            if let Some(lower) = go_to_lower(s) {
                if grammar::split_reference(&lower).is_ok() {
                    let span = first_changed_by_lower(s, 0..s.len());
                    return Err(RefError::fixed(ErrorKind::NameContainsUppercase, span));
                }
            }
            let end = mismatch.until.unwrap_or_else(|| char_end(s, mismatch.at));
            return Err(RefError::fixed(
                ErrorKind::ReferenceInvalidFormat,
                Some(Span::new(mismatch.at, end.max(mismatch.at))),
            ));
        }
    };
    let path = &s[split.path_start..split.name_end];
    if path.len() > NAME_TOTAL_LENGTH_MAX {
        return Err(RefError::fixed(
            ErrorKind::NameTooLong,
            Some(Span::new(split.path_start + NAME_TOTAL_LENGTH_MAX, split.name_end)),
        ));
    }
    let digest = match split.digest_start {
        Some(start) => {
            let d = &s[start..];
            if let Err(kind) = validate_digest(d, algorithms) {
                return Err(RefError::fixed(kind, Some(Span::new(start, s.len()))));
            }
            Some(d.to_owned())
        }
        None => None,
    };
    Ok(Reference {
        domain: s[..split.domain_end].to_owned(),
        path: path.to_owned(),
        tag: split.tag.map(|(a, b)| s[a..b].to_owned()),
        digest,
        normalizations: normalize::Normalizations::default(),
    })
}

/// `WithName(name)` (SPEC §1.4): a name alone, no tag or digest.
pub fn with_name(name: &str) -> Result<Reference, RefError> {
    let b = name.as_bytes();
    let (domain_end, path_start) = match b.iter().position(|&c| c == b'/') {
        Some(slash) if b.get(..slash).is_some_and(|d| grammar::domain_and_port(d).is_ok()) => (slash, slash + 1),
        _ => (0, 0),
    };
    if let Err(at) = grammar::remote_name(b.get(path_start..).unwrap_or_default()) {
        let at = path_start + at;
        let span = (!name.is_empty()).then(|| {
            let at = at.min(name.len() - 1);
            Span::new(at, char_end(name, at))
        });
        return Err(RefError::fixed(ErrorKind::ReferenceInvalidFormat, span));
    }
    if name.len() - path_start > NAME_TOTAL_LENGTH_MAX {
        return Err(RefError::fixed(
            ErrorKind::NameTooLong,
            Some(Span::new(path_start + NAME_TOTAL_LENGTH_MAX, name.len())),
        ));
    }
    Ok(Reference {
        domain: name[..domain_end].to_owned(),
        path: name[path_start..].to_owned(),
        tag: None,
        digest: None,
        normalizations: normalize::Normalizations::default(),
    })
}

/// go-digest v1.0.0 `Digest.Validate` (SPEC §1.3), returning the failing kind.
pub fn validate_digest(d: &str, algorithms: DigestAlgorithms) -> Result<(), ErrorKind> {
    let Some(colon) = d.find(':').filter(|&i| i > 0 && i + 1 < d.len()) else {
        return Err(ErrorKind::ChecksumInvalidFormat);
    };
    let (algorithm, encoded) = (&d[..colon], &d[colon + 1..]);
    let size = match (algorithm, algorithms) {
        ("sha256", _) => 32,
        ("sha384", DigestAlgorithms::Kubelet) => 48,
        ("sha512", DigestAlgorithms::Kubelet) => 64,
        _ => {
            return Err(if go_digest_format(d) {
                ErrorKind::ChecksumUnsupported
            } else {
                ErrorKind::ChecksumInvalidFormat
            })
        }
    };
    if encoded.len() != size * 2 {
        return Err(ErrorKind::ChecksumInvalidLength);
    }
    if !encoded.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        return Err(ErrorKind::ChecksumInvalidFormat);
    }
    Ok(())
}

/// go-digest's own `DigestRegexp`, anchored: `[a-z0-9]+([.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+`.
fn go_digest_format(d: &str) -> bool {
    let Some((alg, enc)) = d.split_once(':') else {
        return false;
    };
    let alg_ok = alg
        .split(['.', '+', '_', '-'])
        .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    let enc_ok = !enc.is_empty() && enc.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'=' | b'_' | b'-'));
    alg_ok && enc_ok
}

/// A value `ParseAnyReference` can return (SPEC §1.6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum AnyReference {
    /// A bare digest (`sha256:…`), e.g. from a 64-hex image ID.
    Digest(String),
    /// A normalized named reference.
    Named(Reference),
}

impl fmt::Display for AnyReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnyReference::Digest(d) => f.write_str(d),
            AnyReference::Named(r) => r.fmt(f),
        }
    }
}

/// `ParseAnyReference(s)` (SPEC §1.6).
pub fn parse_any_reference(s: &str) -> Result<AnyReference, RefError> {
    if grammar::is_identifier(s.as_bytes()) {
        return Ok(AnyReference::Digest(format!("sha256:{s}")));
    }
    if validate_digest(s, DigestAlgorithms::Kubelet).is_ok() {
        return Ok(AnyReference::Digest(s.to_owned()));
    }
    parse_normalized_named(s).map(AnyReference::Named)
}

/// Go's `strings.ToLower` (simple case mapping), or `None` when it would not change `s`.
///
/// Rust's `to_lowercase` applies the full mapping; the only unconditional difference is U+0130
/// (İ), which Go maps to a plain `i`. Unicode table versions may differ for recently added letters.
pub(crate) fn go_to_lower(s: &str) -> Option<String> {
    if !changed_by_lower(s) {
        return None;
    }
    Some(s.chars().map(go_lower_char).collect())
}

/// Whether Go's `strings.ToLower` would change `s` (`go_to_lower(s).is_some()`, without the copy).
pub(crate) fn changed_by_lower(s: &str) -> bool {
    if s.is_ascii() {
        return s.bytes().any(|b| b.is_ascii_uppercase());
    }
    s.chars().any(changes_by_lower)
}

fn go_lower_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if c == '\u{130}' {
        return 'i';
    }
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(x), None) => x,
        _ => c,
    }
}

fn changes_by_lower(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        go_lower_char(c) != c
    }
}

/// The first run of characters in `range` of `s` that lower-casing changes (`NGINX`, or the `M` of
/// `My-App`).
pub(crate) fn first_changed_by_lower(s: &str, range: std::ops::Range<usize>) -> Option<Span> {
    let text = &s[range.clone()];
    let mut chars = text.char_indices().skip_while(|&(_, c)| !changes_by_lower(c));
    let (first, c) = chars.next()?;
    let end = chars.find(|&(_, c)| !changes_by_lower(c)).map_or(text.len(), |(i, _)| i);
    debug_assert!(end >= first + c.len_utf8());
    Some(Span::new(range.start + first, range.start + end))
}

/// The end of the character that starts at (or contains) byte `at`.
pub(crate) fn char_end(s: &str, at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    let mut start = at;
    while !s.is_char_boundary(start) {
        start -= 1;
    }
    start + s[start..].chars().next().map_or(1, char::len_utf8)
}

/// `FamiliarMatch(pattern, ref)` (SPEC §1.6): Go's `path.Match` against `FamiliarString`, then,
/// for a named reference that did not match, against `FamiliarName`. The pattern error is the
/// first match's (`syntax error in pattern`).
pub fn familiar_match(pattern: &str, reference: &AnyReference) -> Result<bool, String> {
    let familiar = match reference {
        AnyReference::Digest(d) => d.clone(),
        AnyReference::Named(r) => r.familiar_string(),
    };
    let first = crate::glob::match_glob(pattern.as_bytes(), familiar.as_bytes());
    let matched = match (first, reference) {
        (Ok(true), _) => true,
        (_, AnyReference::Named(r)) => {
            crate::glob::match_glob(pattern.as_bytes(), r.familiar_name().as_bytes()).unwrap_or(false)
        }
        _ => false,
    };
    first.map(|_| matched).map_err(|e| e.to_string())
}
