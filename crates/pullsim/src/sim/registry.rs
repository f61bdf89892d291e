//! The registry world: what one pull attempt against it gives (SPEC §3.1 steps 6–7), with the
//! texts containerd reports. The runtime's own error texts are not in the spec; these follow
//! containerd 1.7/2.x (`failed to pull and unpack image …`), and the typed CRI errors
//! (`RegistryUnavailable: …`, `SignatureValidationFailed: …`) follow `k8s.io/cri-api/pkg/errors`.

use super::scenario::{Account, FaultKind, Registry, Repository, UnknownRepositories};
use crate::backoff::Millis;

/// What is being pulled, as the runtime sees it.
pub(crate) struct PullTarget<'a> {
    /// Normalized repository (`docker.io/library/nginx`).
    pub repo: &'a str,
    /// `ParseDockerRef` form (`docker.io/library/nginx:latest`, or `…@sha256:…`).
    pub docker_ref: &'a str,
    pub tag: Option<&'a str>,
    pub digest: Option<&'a str>,
}

/// The result of one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Attempt {
    Pulled { digest: String, size: u64, duration: Millis },
    Failed { error: String, duration: Millis },
}

fn secs(s: f64) -> Millis {
    (s.max(0.0) * 1000.0).round() as Millis
}

/// A made-up but stable digest for images the scenario does not pin.
pub fn synthetic_digest(seed: &str) -> String {
    // FNV-1a, stretched to 64 hex digits: deterministic, no randomness.
    let mut out = String::with_capacity(71);
    out.push_str("sha256:");
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for round in 0u64..4 {
        for b in seed.bytes().chain(round.to_le_bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        out.push_str(&format!("{h:016x}"));
    }
    out
}

/// The host the runtime talks to (Docker Hub's API lives at registry-1.docker.io).
fn api_host(repo: &str) -> &str {
    match repo.split_once('/') {
        Some(("docker.io", _)) => "registry-1.docker.io",
        Some((host, _)) => host,
        None => repo,
    }
}

fn path_of(repo: &str) -> &str {
    repo.split_once('/').map_or(repo, |(_, p)| p)
}

fn active(repo: &Repository, kind: FaultKind, at: Millis) -> bool {
    repo.faults.iter().any(|f| f.kind == kind && secs(f.from) <= at && f.until.is_none_or(|u| at < secs(u)))
}

/// The repository, when it exists (listed, or unknown with `unknownRepositories: public`).
pub(crate) fn repository<'a>(registry: &'a Registry, repo: &str, default: &'a Repository) -> Option<&'a Repository> {
    match registry.repositories.get(repo) {
        Some(r) => Some(r),
        None if registry.unknown_repositories == UnknownRepositories::Public => Some(default),
        None => None,
    }
}

/// The digest a tag or digest resolves to, if it exists.
pub(crate) fn resolve(repo: &Repository, target: &PullTarget) -> Option<String> {
    if let Some(d) = target.digest {
        return (repo.tags.is_empty() || repo.tags.values().any(|v| v == d)).then(|| d.to_owned());
    }
    let tag = target.tag.unwrap_or("latest");
    if repo.tags.is_empty() {
        return Some(synthetic_digest(&format!("{}:{tag}", target.repo)));
    }
    repo.tags.get(tag).cloned()
}

/// One pull attempt at virtual time `at`, with `account` (or anonymously). `local_digest` is the
/// digest the node already has under that name (a re-pull of the same digest only checks the
/// manifest).
pub(crate) fn attempt(
    registry: &Registry,
    target: &PullTarget,
    account: Option<&Account>,
    at: Millis,
    local_digest: Option<&str>,
) -> Attempt {
    let default = Repository::default();
    let r = target.docker_ref;
    let fail = |error: String, repo: Option<&Repository>| Attempt::Failed {
        error,
        duration: secs(repo.map_or(default.fail_seconds, |x| x.fail_seconds)),
    };
    // Built only for the error that needs them (a failing pull is the common case of a long run).
    let prefix = || ["failed to pull and unpack image \"", r, "\": failed to resolve reference \"", r, "\""].concat();
    let reference = target.digest.or(target.tag).unwrap_or("latest");
    // (`concat`, not `format!`: a long run formats one of these per failed pull.)
    let not_found = || {
        [
            "rpc error: code = NotFound desc = failed to pull and unpack image \"",
            r,
            "\": failed to resolve reference \"",
            r,
            "\": ",
            r,
            ": not found",
        ]
        .concat()
    };
    let head = || format!("https://{}/v2/{}/manifests/{reference}", api_host(target.repo), path_of(target.repo));
    let Some(repo) = repository(registry, target.repo, &default) else {
        return fail(not_found(), None);
    };
    if active(repo, FaultKind::RegistryUnavailable, at) {
        return fail(
            format!("RegistryUnavailable: dial tcp {}:443: connect: connection refused", api_host(target.repo)),
            Some(repo),
        );
    }
    if active(repo, FaultKind::Unavailable, at) {
        return fail(
            format!(
                "rpc error: code = Unavailable desc = {}: failed to do request: Head \"{}\": dial tcp {}:443: connect: connection refused",
                prefix(),
                head(),
                api_host(target.repo)
            ),
            Some(repo),
        );
    }
    let denied = || {
        format!(
            "rpc error: code = Unknown desc = {}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed",
            prefix()
        )
    };
    let unauthorized = || {
        format!(
            "rpc error: code = Unknown desc = {}: unexpected status from HEAD request to {}: 401 Unauthorized",
            prefix(),
            head()
        )
    };
    if active(repo, FaultKind::Unauthorized, at) {
        return fail(unauthorized(), Some(repo));
    }
    match account {
        None if repo.private => return fail(denied(), Some(repo)),
        Some(a) if (repo.private || !repo.credentials.is_empty()) && !repo.credentials.contains(a) => {
            return fail(unauthorized(), Some(repo));
        }
        _ => {}
    }
    let resolved = if active(repo, FaultKind::NotFound, at) { None } else { resolve(repo, target) };
    let Some(digest) = resolved else {
        return fail(not_found(), Some(repo));
    };
    if active(repo, FaultKind::SignatureValidationFailed, at) {
        return fail(
            format!("SignatureValidationFailed: Source image rejected: A signature was required, but no signature exists for {r}"),
            Some(repo),
        );
    }
    // The same digest is already on the node: only the manifest is fetched.
    let duration =
        if local_digest == Some(digest.as_str()) { secs(repo.pull_seconds).min(300) } else { secs(repo.pull_seconds) };
    Attempt::Pulled { digest, size: repo.size, duration }
}
