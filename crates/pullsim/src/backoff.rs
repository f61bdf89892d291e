//! client-go's `flowcontrol.Backoff` (SPEC §4.2), on virtual time, and the kubelet's image pull
//! back-off built from it (§4.1).
//!
//! Time is an input: every method takes the current virtual time in milliseconds. Upstream's
//! `Clock.Now()` is the `now` argument; `eventTime` is a separate argument where upstream has one.

use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::collections::BTreeMap;

/// Virtual time and durations, in milliseconds.
pub type Millis = u64;

/// `imageBackOffPeriod` (§4.1).
pub const IMAGE_BACKOFF_INITIAL: Millis = 10_000;
/// `MaxImageBackOff` (§4.1).
pub const IMAGE_BACKOFF_MAX: Millis = 300_000;

/// When an entry counts as expired (forgotten).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Expiry {
    /// client-go's default: `eventTime − lastUpdate > 2 × max` (strictly greater).
    TwiceMax,
    /// A `HasExpiredFunc` of the form `eventTime − lastUpdate >= d` (e.g. the crash-loop
    /// back-off's fixed 600 s, §4.5).
    AtLeast(Millis),
}

/// One id's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The current back-off duration.
    pub backoff: Millis,
    /// When `Next` last ran (upstream: `Clock.Now()` at that call).
    pub last_update: Millis,
}

/// `flowcontrol.Backoff`. Ids are strings as upstream's; the simulator, which looks them up at
/// every sync, numbers its ids instead (`K = usize`, see [`Backoff::with_ids`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "K: Serialize", deserialize = "K: Deserialize<'de> + Ord"))]
pub struct Backoff<K = String> {
    pub initial: Millis,
    pub max: Millis,
    pub expiry: Expiry,
    /// `maxJitterFactor`; 0 = no jitter (the kubelet's image back-off).
    pub max_jitter_factor: f64,
    entries: BTreeMap<K, Entry>,
}

impl Backoff {
    /// `NewBackOff(initial, max)`: no jitter, default expiry.
    pub fn new(initial: Millis, max: Millis) -> Backoff {
        Backoff { initial, max, expiry: Expiry::TwiceMax, max_jitter_factor: 0.0, entries: BTreeMap::new() }
    }

    /// The kubelet's image pull back-off: 10 s doubling to 300 s, forgotten after 600 s.
    pub fn image_pull() -> Backoff {
        Backoff::new(IMAGE_BACKOFF_INITIAL, IMAGE_BACKOFF_MAX)
    }

    /// `NewBackOffWithJitter`: `rand01` values passed to [`Backoff::next_jittered`] scale it.
    pub fn with_jitter(initial: Millis, max: Millis, max_jitter_factor: f64) -> Backoff {
        Backoff { max_jitter_factor, ..Backoff::new(initial, max) }
    }
}

impl<K: Ord> Backoff<K> {
    /// The same back-off with ids of another type.
    pub fn with_ids<J: Ord>(&self) -> Backoff<J> {
        Backoff {
            initial: self.initial,
            max: self.max,
            expiry: self.expiry,
            max_jitter_factor: self.max_jitter_factor,
            entries: BTreeMap::new(),
        }
    }

    /// With a custom `HasExpiredFunc`.
    pub fn with_expiry(self, expiry: Expiry) -> Backoff<K> {
        Backoff { expiry, ..self }
    }

    fn has_expired(&self, event_time: Millis, last_update: Millis) -> bool {
        expired(self.expiry, self.max, event_time, last_update)
    }

    /// `Get(id)`: the current back-off, 0 when there is no entry.
    pub fn get<Q: Ord + ?Sized>(&self, id: &Q) -> Millis
    where
        K: Borrow<Q>,
    {
        self.entries.get(id).map_or(0, |e| e.backoff)
    }

    /// The whole entry, when there is one.
    pub fn entry<Q: Ord + ?Sized>(&self, id: &Q) -> Option<Entry>
    where
        K: Borrow<Q>,
    {
        self.entries.get(id).copied()
    }

    /// `Next(id, eventTime)` with the clock at `now`: start at `initial` when there is no entry or
    /// it expired, else double, capped at `max`. `lastUpdate` becomes `now`, not `eventTime`.
    pub fn next<Q: Ord + ToOwned<Owned = K> + ?Sized>(&mut self, id: &Q, event_time: Millis, now: Millis)
    where
        K: Borrow<Q>,
    {
        self.next_jittered(id, event_time, now, 0.0);
    }

    /// `Next` with jitter: `rand01` in `[0, 1)` stands for upstream's `rand.Float64()`; the
    /// jitter added is `rand01 × maxJitterFactor × previous back-off`, truncated to whole
    /// milliseconds (Go truncates to nanoseconds). The kubelet's image back-off has no jitter.
    pub fn next_jittered<Q: Ord + ToOwned<Owned = K> + ?Sized>(
        &mut self,
        id: &Q,
        event_time: Millis,
        now: Millis,
        rand01: f64,
    ) where
        K: Borrow<Q>,
    {
        let jitter = |d: Millis| (rand01 * self.max_jitter_factor * d as f64) as Millis;
        let backoff = match self.entries.get(id) {
            Some(e) if !self.has_expired(event_time, e.last_update) => {
                e.backoff.saturating_mul(2).saturating_add(jitter(e.backoff)).min(self.max)
            }
            _ => self.initial + jitter(self.initial),
        };
        self.entries.insert(id.to_owned(), Entry { backoff, last_update: now });
    }

    /// `IsInBackOffSinceUpdate(id, eventTime)`: the kubelet's image check. False with no entry or
    /// an expired one; else `eventTime − lastUpdate < backoff` (strict).
    pub fn is_in_backoff_since_update<Q: Ord + ?Sized>(&self, id: &Q, event_time: Millis) -> bool
    where
        K: Borrow<Q>,
    {
        match self.entries.get(id) {
            Some(e) if !self.has_expired(event_time, e.last_update) => {
                event_time.saturating_sub(e.last_update) < e.backoff
            }
            _ => false,
        }
    }

    /// `IsInBackOffSince(id, eventTime)` with the clock at `now`: `now − eventTime < backoff`.
    pub fn is_in_backoff_since<Q: Ord + ?Sized>(&self, id: &Q, event_time: Millis, now: Millis) -> bool
    where
        K: Borrow<Q>,
    {
        match self.entries.get(id) {
            Some(e) if !self.has_expired(event_time, e.last_update) => now.saturating_sub(event_time) < e.backoff,
            _ => false,
        }
    }

    /// When the current window ends (`lastUpdate + backoff`), if there is an unexpired entry.
    pub fn window_end<Q: Ord + ?Sized>(&self, id: &Q, now: Millis) -> Option<Millis>
    where
        K: Borrow<Q>,
    {
        self.entries.get(id).filter(|e| !self.has_expired(now, e.last_update)).map(|e| e.last_update + e.backoff)
    }

    /// `Reset(id)` / `DeleteEntry(id)`.
    pub fn reset<Q: Ord + ?Sized>(&mut self, id: &Q)
    where
        K: Borrow<Q>,
    {
        self.entries.remove(id);
    }

    /// `GC()` with the clock at `now`: drops every expired entry.
    pub fn gc(&mut self, now: Millis) {
        let (expiry, max) = (self.expiry, self.max);
        self.entries.retain(|_, e| !expired(expiry, max, now, e.last_update));
    }
}

/// `HasExpiredFunc`.
fn expired(expiry: Expiry, max: Millis, event_time: Millis, last_update: Millis) -> bool {
    let elapsed = event_time.saturating_sub(last_update);
    match expiry {
        Expiry::TwiceMax => elapsed > 2 * max,
        Expiry::AtLeast(d) => elapsed >= d,
    }
}

/// The kubelet's back-off key for an image: `<podUID>_<image as written>` (§4.1).
pub fn image_backoff_key(pod_uid: &str, image: &str) -> String {
    format!("{pod_uid}_{image}")
}

/// How the pod worker re-syncs a pod whose image pull failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Resync {
    /// A sync every `n` milliseconds from t = 0 (a real kubelet: every 10–15 s while erroring, §4.3).
    Every(Millis),
    /// A sync exactly when the back-off window can first be passed (the idealised kubelet of §4.4).
    OnExpiry,
}

/// Attempts of a pull that always fails, over virtual time (§4.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailingPullTimeline {
    pub attempt_start_times: Vec<Millis>,
    pub failure_recorded_times: Vec<Millis>,
    /// The window set by each failure.
    pub backoff_after_failure: Vec<Millis>,
}

/// The kubelet's image back-off for a pull that always fails after `pull_duration`: the pod syncs
/// at 0 and then per `resync`; a sync outside the window starts a pull; the failure is recorded
/// (`Next`) when the pull ends; syncs during a running pull are ignored. Attempts starting at or
/// before `horizon` are listed.
pub fn failing_pull_timeline(
    mut backoff: Backoff,
    pull_duration: Millis,
    horizon: Millis,
    resync: Resync,
) -> FailingPullTimeline {
    const KEY: &str = "pod_image";
    let mut out = FailingPullTimeline {
        attempt_start_times: vec![],
        failure_recorded_times: vec![],
        backoff_after_failure: vec![],
    };
    let mut sync = 0;
    while sync <= horizon {
        if !backoff.is_in_backoff_since_update(KEY, sync) {
            let failed = sync + pull_duration;
            backoff.next(KEY, failed, failed);
            out.attempt_start_times.push(sync);
            out.failure_recorded_times.push(failed);
            out.backoff_after_failure.push(backoff.get(KEY));
        }
        let busy_until = out.failure_recorded_times.last().copied().unwrap_or(0);
        sync = match resync {
            Resync::OnExpiry => backoff.window_end(KEY, sync.max(busy_until)).unwrap_or(sync + 1).max(sync + 1),
            // Skip the syncs that fall while the pull runs.
            Resync::Every(n) => {
                let n = n.max(1);
                let mut next = sync + n;
                while next < busy_until {
                    next += n;
                }
                next
            }
        };
    }
    out
}
