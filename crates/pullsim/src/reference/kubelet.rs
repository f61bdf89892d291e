//! The kubelet's view of an image name: `parsers.ParseImageName` and `applyDefaultImageTag`
//! (SPEC §1.9).

use super::error::RefError;
use super::{parse_normalized_named, Reference};
use crate::gofmt;
use serde::Serialize;

/// `ParseImageName`'s result: `(repoToPull, tag, digest)` exactly as upstream returns them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImageName {
    /// The normalized repository without tag or digest (`docker.io/library/nginx`): the name
    /// credentials are looked up with.
    pub repo: String,
    /// The tag; `latest` when there is neither tag nor digest, `""` when there is only a digest.
    pub tag: String,
    /// The digest, `""` when there is none.
    pub digest: String,
}

/// `parsers.ParseImageName(image)`.
///
/// The error wraps the distribution/reference error as `couldn't parse image name %q: %v`: the
/// text of current kubelets (older ones wrote `couldn't parse image name: %v`). SPEC §1.9 and §8
/// mark the exact wrapper unverified in the Kubernetes file itself; we follow the newest copies.
pub fn parse_image_name(image: &str) -> Result<ImageName, RefError> {
    image_name_from(image, parse_normalized_named(image).as_ref())
}

/// [`parse_image_name`] from an already computed `ParseNormalizedNamed(image)`, so one parse serves
/// every view of the name ([`super::analyze`]).
pub(crate) fn image_name_from(image: &str, named: Result<&Reference, &RefError>) -> Result<ImageName, RefError> {
    let named = named.map_err(|e| RefError {
        kind: e.kind,
        message: format!("couldn't parse image name {}: {}", gofmt::quote(image), e.message),
        span: e.span,
    })?;
    let tag = named.tag().unwrap_or_default();
    let digest = named.digest().unwrap_or_default();
    Ok(ImageName {
        repo: named.name(),
        tag: if tag.is_empty() && digest.is_empty() { "latest" } else { tag }.to_owned(),
        digest: digest.to_owned(),
    })
}

/// `applyDefaultImageTag(image)`: the string the kubelet hands to the container runtime.
///
/// The raw, un-normalized text gets `:latest` appended when it has neither tag nor digest (the
/// CRI is kept agnostic of default registries), so `nginx` is sent as `nginx:latest`.
pub fn apply_default_image_tag(image: &str) -> Result<String, RefError> {
    Ok(runtime_image(image, &parse_image_name(image)?))
}

/// [`apply_default_image_tag`] from the image's [`ImageName`].
pub(crate) fn runtime_image(image: &str, name: &ImageName) -> String {
    let ImageName { tag, digest, .. } = name;
    if digest.is_empty() && !tag.is_empty() && !image.strip_suffix(tag.as_str()).is_some_and(|s| s.ends_with(':')) {
        return format!("{image}:{tag}");
    }
    image.to_owned()
}
