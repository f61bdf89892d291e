//! Decision traces, stored compactly and rendered when asked.
//!
//! A long simulation makes tens of thousands of `EnsureImageExists` decisions, each explained step
//! by step. Building every step's text while simulating (and freeing it again) was most of the
//! simulator's time (issue 4), so a step keeps only what its text is made of — shared strings
//! and numbers — and [`TraceStep::inputs`], [`TraceStep::outcome`] and serialization render the
//! same texts as before, byte for byte.

use crate::backoff::Millis;
use crate::gofmt::{duration_ms, human_duration, quote};
use crate::rules::Rule;
use serde::ser::{Serialize, SerializeStruct, Serializer};
use std::sync::Arc;

/// One step of a decision: the rule, its inputs, its outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct TraceStep {
    pub rule: &'static Rule,
    detail: Detail,
}

/// Which puller ran a pull (SPEC §3.5).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Puller {
    Serialized,
    Parallel(u32),
    Unlimited,
}

/// What a step's texts are made of.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Detail {
    /// Texts built by the engine (rare paths).
    Text { inputs: Vec<(&'static str, String)>, outcome: String },
    /// Fixed texts.
    Fixed { inputs: &'static [(&'static str, &'static str)], outcome: &'static str },
    /// The default tag applied: the runtime is asked for `with_tag`.
    DefaultTag { image: Arc<str>, with_tag: Arc<str> },
    /// The pre-check of IfNotPresent or Never: `found` is the node image (`repo@digest`).
    Precheck { policy: &'static str, with_tag: Arc<str>, found: Option<Arc<str>> },
    /// The credential lookup: `labels` is the count and the labels joined by `"; "`.
    Creds { repo: Arc<str>, labels: Option<(usize, Arc<str>)> },
    /// Inside the back-off window.
    InBackoff { key: Arc<str>, window: Millis, until: Millis, with_error: bool },
    /// Not in back-off: pull.
    NotInBackoff { key: Arc<str>, window: Millis },
    /// The puller ran the pull from `started` to `finished`.
    Puller { puller: Puller, waited: Millis, qps: f64, started: Millis, finished: Millis },
    /// Credentials tried (`None`: anonymous); the pull succeeded with `label`.
    TriedPulled { tried: Option<Arc<str>>, label: Option<Arc<str>> },
    /// Credentials tried (`None`: anonymous); the pull failed.
    TriedFailed { tried: Option<Arc<str>>, error: Arc<str> },
    /// Pulled with this digest.
    Pulled { digest: Arc<str> },
    /// The failure classified as `reason`, and the back-off window it set.
    Classified { error: Arc<str>, reason: &'static str, window: Millis, until: Millis },
}

impl TraceStep {
    pub(crate) fn new(rule: &'static Rule, detail: Detail) -> TraceStep {
        TraceStep { rule, detail }
    }

    /// A step with texts built by the caller.
    pub(crate) fn text(rule: &'static Rule, inputs: Vec<(&'static str, String)>, outcome: String) -> TraceStep {
        TraceStep { rule, detail: Detail::Text { inputs, outcome } }
    }

    /// A step whose texts never change.
    pub(crate) fn fixed(
        rule: &'static Rule,
        inputs: &'static [(&'static str, &'static str)],
        outcome: &'static str,
    ) -> TraceStep {
        TraceStep { rule, detail: Detail::Fixed { inputs, outcome } }
    }

    /// The step's inputs, as `(name, value)` pairs.
    pub fn inputs(&self) -> Vec<(String, String)> {
        self.input_pairs().into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
    }

    fn input_pairs(&self) -> Vec<(&'static str, String)> {
        let tried = |t: &Option<Arc<str>>| t.as_deref().unwrap_or("anonymous").to_owned();
        match &self.detail {
            Detail::Text { inputs, .. } => inputs.clone(),
            Detail::Fixed { inputs, .. } => inputs.iter().map(|&(k, v)| (k, v.to_owned())).collect(),
            Detail::DefaultTag { image, .. } => vec![("image", image.to_string())],
            Detail::Precheck { policy, with_tag, .. } => {
                vec![("imagePullPolicy", (*policy).to_owned()), ("image", with_tag.to_string())]
            }
            Detail::Creds { repo, .. } => vec![("repoToPull", repo.to_string())],
            Detail::InBackoff { key, window, until, .. } => {
                vec![("key", key.to_string()), ("window", duration_ms(*window)), ("until", human_duration(*until))]
            }
            Detail::NotInBackoff { key, window } => vec![("key", key.to_string()), ("window", duration_ms(*window))],
            Detail::Puller { puller, waited, qps, .. } => vec![
                (
                    "puller",
                    match puller {
                        Puller::Serialized => "serialized puller: one pull at a time on the node".to_owned(),
                        Puller::Parallel(n) => format!("parallel puller, at most {n} at once"),
                        Puller::Unlimited => "parallel puller, unlimited".to_owned(),
                    },
                ),
                ("waited", duration_ms(*waited)),
                ("registryPullQPS", format!("{qps}")),
            ],
            Detail::TriedPulled { tried: t, .. } | Detail::TriedFailed { tried: t, .. } => vec![("tried", tried(t))],
            Detail::Pulled { digest } => vec![("digest", digest.to_string())],
            Detail::Classified { error, .. } => vec![("runtime error", error.to_string())],
        }
    }

    /// What the step concluded.
    pub fn outcome(&self) -> String {
        match &self.detail {
            Detail::Text { outcome, .. } => outcome.clone(),
            Detail::Fixed { outcome, .. } => (*outcome).to_owned(),
            Detail::DefaultTag { with_tag, .. } => format!("the runtime is asked for {}", quote(with_tag)),
            Detail::Precheck { found, .. } => match found {
                Some(image) => format!("the runtime has it: {image}"),
                None => "the runtime does not have it".to_owned(),
            },
            Detail::Creds { labels, .. } => match labels {
                None => "no credentials match: one anonymous pull".to_owned(),
                Some((n, joined)) => format!("{n} credential(s) to try, in order: {joined}"),
            },
            Detail::InBackoff { with_error, .. } => format!(
                "still inside the window (strict <): ImagePullBackOff, no pull{}",
                if *with_error {
                    "; since 1.32 the waiting message carries the previous error (the BackOff event does not)"
                } else {
                    "; before 1.32 the waiting message has no error"
                }
            ),
            Detail::NotInBackoff { .. } => "not in back-off: pull".to_owned(),
            Detail::Puller { started, finished, .. } => {
                format!("pull ran from {} to {}", human_duration(*started), human_duration(*finished))
            }
            Detail::TriedPulled { label, .. } => {
                format!("pulled with {}", label.as_deref().unwrap_or("no credentials"))
            }
            Detail::TriedFailed { error, .. } => format!("failed: {error}"),
            Detail::Pulled { .. } => "Pulled; the back-off entry is kept (only GC of expired entries runs)".to_owned(),
            Detail::Classified { reason, window, until, .. } => {
                format!("{reason}; back-off window now {} (until {})", duration_ms(*window), human_duration(*until))
            }
        }
    }
}

/// The same JSON as the former `{rule, inputs, outcome}` struct of texts.
impl Serialize for TraceStep {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut st = serializer.serialize_struct("TraceStep", 3)?;
        st.serialize_field("rule", &self.rule)?;
        st.serialize_field("inputs", &self.input_pairs())?;
        st.serialize_field("outcome", &self.outcome())?;
        st.end()
    }
}
