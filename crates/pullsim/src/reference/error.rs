//! Errors with upstream's exact texts (SPEC §1.7) and the byte range of the offending part.

use serde::Serialize;
use std::fmt;

/// A byte range `[start, end)` into the text the user wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub(crate) fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
}

/// Which upstream error this is. The variant names follow the Go identifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ErrorKind {
    /// `reference.ErrReferenceInvalidFormat`
    ReferenceInvalidFormat,
    /// `reference.ErrTagInvalidFormat`
    TagInvalidFormat,
    /// `reference.ErrDigestInvalidFormat`
    DigestInvalidFormat,
    /// `reference.ErrNameContainsUppercase`
    NameContainsUppercase,
    /// `reference.ErrNameEmpty`
    NameEmpty,
    /// `reference.ErrNameTooLong`
    NameTooLong,
    /// `reference.ErrNameNotCanonical`
    NameNotCanonical,
    /// normalize.go: `invalid reference format: repository name (%s) must be lowercase`
    NormalizedNameUppercase,
    /// normalize.go: `invalid repository name (%s), cannot specify 64-byte hexadecimal strings`
    HexIdentifierName,
    /// normalize.go: `reference %s has no name`
    NoName,
    /// go-digest `ErrDigestInvalidFormat`
    ChecksumInvalidFormat,
    /// go-digest `ErrDigestInvalidLength`
    ChecksumInvalidLength,
    /// go-digest `ErrDigestUnsupported`
    ChecksumUnsupported,
}

impl ErrorKind {
    /// The Go identifier, as upstream tests name it (`reference.ErrNameEmpty`, `digest.ErrDigestUnsupported`).
    pub fn go_name(self) -> &'static str {
        match self {
            ErrorKind::ReferenceInvalidFormat => "ErrReferenceInvalidFormat",
            ErrorKind::TagInvalidFormat => "ErrTagInvalidFormat",
            ErrorKind::DigestInvalidFormat => "ErrDigestInvalidFormat",
            ErrorKind::NameContainsUppercase => "ErrNameContainsUppercase",
            ErrorKind::NameEmpty => "ErrNameEmpty",
            ErrorKind::NameTooLong => "ErrNameTooLong",
            ErrorKind::NameNotCanonical => "ErrNameNotCanonical",
            ErrorKind::NormalizedNameUppercase => "(normalize) must be lowercase",
            ErrorKind::HexIdentifierName => "(normalize) 64-byte hexadecimal",
            ErrorKind::NoName => "(normalize) has no name",
            ErrorKind::ChecksumInvalidFormat => "digest.ErrDigestInvalidFormat",
            ErrorKind::ChecksumInvalidLength => "digest.ErrDigestInvalidLength",
            ErrorKind::ChecksumUnsupported => "digest.ErrDigestUnsupported",
        }
    }

    /// The fixed message of the kinds that have one.
    fn fixed_message(self) -> Option<&'static str> {
        Some(match self {
            ErrorKind::ReferenceInvalidFormat => "invalid reference format",
            ErrorKind::TagInvalidFormat => "invalid tag format",
            ErrorKind::DigestInvalidFormat => "invalid digest format",
            ErrorKind::NameContainsUppercase => "repository name must be lowercase",
            ErrorKind::NameEmpty => "repository name must have at least one component",
            ErrorKind::NameTooLong => "repository name must not be more than 255 characters",
            ErrorKind::NameNotCanonical => "repository name must be canonical",
            ErrorKind::ChecksumInvalidFormat => "invalid checksum digest format",
            ErrorKind::ChecksumInvalidLength => "invalid checksum digest length",
            ErrorKind::ChecksumUnsupported => "unsupported digest algorithm",
            ErrorKind::NormalizedNameUppercase | ErrorKind::HexIdentifierName | ErrorKind::NoName => return None,
        })
    }
}

/// An image-reference error: the exact upstream message, its kind, and where in the input it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RefError {
    pub kind: ErrorKind,
    /// The upstream error text, verbatim (what `err.Error()` returns in Go).
    pub message: String,
    /// The offending bytes of the input, when one part can be named.
    pub span: Option<Span>,
}

impl RefError {
    /// An error whose message is fixed by its kind.
    pub(crate) fn fixed(kind: ErrorKind, span: Option<Span>) -> RefError {
        let message = kind.fixed_message().unwrap_or_default().to_owned();
        RefError { kind, message, span }
    }

    pub(crate) fn with_message(kind: ErrorKind, message: String, span: Option<Span>) -> RefError {
        RefError { kind, message, span }
    }

    /// Moves the span by `f` (used when an error found in a rewritten string is mapped back).
    pub(crate) fn map_span(mut self, f: impl Fn(usize) -> usize) -> RefError {
        self.span = self.span.map(|s| Span::new(f(s.start), f(s.end).max(f(s.start))));
        self
    }
}

impl fmt::Display for RefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RefError {}
