//! `pullsim backoff`: the image pull back-off on virtual time.

use crate::jsonl;
use pullsim::backoff::{failing_pull_timeline, image_backoff_key, Backoff, Millis, Resync};
use serde::{Deserialize, Serialize, Serializer};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Option<Sub>,
    /// Print the attempts of a pull that fails this many times (instant failures, a sync exactly
    /// when each window ends).
    #[arg(long, default_value_t = 8)]
    failures: usize,
    /// Batch mode: each stdin line `{"params": {"initial_s", "max_s"}, "events": [{"t", "op", "key"?}, …]}`.
    #[arg(long)]
    jsonl: bool,
}

#[derive(clap::Subcommand)]
enum Sub {
    /// A pull that always fails, synced every N seconds or exactly when each window ends.
    Timeline(TimelineArgs),
}

#[derive(clap::Args)]
struct TimelineArgs {
    /// Seconds a failing pull takes before its failure is recorded.
    #[arg(long, default_value_t = 0.0)]
    pull_duration: f64,
    /// List attempts that start at or before this many seconds.
    #[arg(long, default_value_t = 1200.0)]
    horizon: f64,
    /// The pod re-syncs every N seconds.
    #[arg(long, conflicts_with = "resync_on_expiry")]
    resync_every: Option<f64>,
    /// The pod re-syncs exactly when the window can first be passed (the default).
    #[arg(long)]
    resync_on_expiry: bool,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Seconds (fractional allowed) to virtual milliseconds.
fn ms(seconds: f64) -> Millis {
    (seconds.max(0.0) * 1000.0).round() as Millis
}

/// Milliseconds as seconds, written as an integer when whole (`10`, `2.5`).
#[derive(Clone, Copy)]
struct Seconds(Millis);

impl Serialize for Seconds {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.is_multiple_of(1000) {
            s.serialize_u64(self.0 / 1000)
        } else {
            s.serialize_f64(self.0 as f64 / 1000.0)
        }
    }
}

fn seconds(v: &[Millis]) -> Vec<Seconds> {
    v.iter().copied().map(Seconds).collect()
}

#[derive(Deserialize)]
struct Params {
    initial_s: f64,
    max_s: f64,
}

#[derive(Deserialize)]
struct Event {
    t: serde_json::Number,
    op: Op,
    key: Option<String>,
}

#[derive(Deserialize, Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Op {
    Fail,
    Success,
    Check,
    PullFail,
    PullOk,
}

#[derive(Deserialize)]
struct Batch {
    params: Params,
    events: Vec<Event>,
}

#[derive(Serialize)]
struct EventResult {
    /// Echoed as written (`10`, `2.5`).
    t: serde_json::Number,
    op: Op,
    key: String,
    get_s: Seconds,
    entry_exists: bool,
    in_backoff: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    outcome: Option<&'static str>,
}

#[derive(Serialize)]
struct BatchResult {
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    results: Vec<EventResult>,
}

/// Runs one fresh back-off over the events. `in_backoff` is `IsInBackOffSinceUpdate(key, t)` as
/// the event arrives (for `pull_*` it is what decided); `get_s` and `entry_exists` are read after
/// the event.
fn batch(b: Batch) -> BatchResult {
    let default_key = image_backoff_key("pod-uid", "image");
    let mut backoff = Backoff::new(ms(b.params.initial_s), ms(b.params.max_s));
    let results = b
        .events
        .into_iter()
        .map(|e| {
            let key = e.key.unwrap_or_else(|| default_key.clone());
            let t = ms(e.t.as_f64().unwrap_or(0.0));
            let in_backoff = backoff.is_in_backoff_since_update(&key, t);
            let outcome = match e.op {
                Op::Fail => {
                    backoff.next(&key, t, t);
                    None
                }
                Op::Success => {
                    backoff.gc(t);
                    None
                }
                Op::Check => None,
                Op::PullFail | Op::PullOk if in_backoff => Some("backoff"),
                Op::PullFail => {
                    backoff.next(&key, t, t);
                    Some("pull_failed")
                }
                Op::PullOk => {
                    backoff.gc(t);
                    Some("pulled")
                }
            };
            let entry_exists = backoff.entry(&key).is_some();
            EventResult { t: e.t, op: e.op, get_s: Seconds(backoff.get(&key)), entry_exists, in_backoff, outcome, key }
        })
        .collect();
    BatchResult { error: None, results }
}

#[derive(Serialize)]
struct TimelineJson {
    attempt_start_times: Vec<Seconds>,
    failure_recorded_times: Vec<Seconds>,
    backoff_after_failure_s: Vec<Seconds>,
}

pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    if args.jsonl {
        jsonl::run(batch, |_, err| BatchResult { error: Some(err), results: vec![] })?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(Sub::Timeline(t)) = args.command {
        let resync = match t.resync_every {
            Some(n) => Resync::Every(ms(n)),
            None => Resync::OnExpiry,
        };
        let tl = failing_pull_timeline(Backoff::image_pull(), ms(t.pull_duration), ms(t.horizon), resync);
        if t.json {
            let out = TimelineJson {
                attempt_start_times: seconds(&tl.attempt_start_times),
                failure_recorded_times: seconds(&tl.failure_recorded_times),
                backoff_after_failure_s: seconds(&tl.backoff_after_failure),
            };
            println!("{}", serde_json::to_string(&out)?);
        } else {
            print_table(&tl.attempt_start_times, &tl.failure_recorded_times, &tl.backoff_after_failure);
        }
        return Ok(ExitCode::SUCCESS);
    }
    // `--failures N`: instant failures, a sync exactly when each window ends.
    // Attempt k starts at most k × 300 s after the first.
    let horizon = (args.failures as Millis).saturating_mul(pullsim::backoff::IMAGE_BACKOFF_MAX);
    let mut tl = failing_pull_timeline(Backoff::image_pull(), 0, horizon, Resync::OnExpiry);
    tl.attempt_start_times.truncate(args.failures);
    let n = tl.attempt_start_times.len();
    print_table(&tl.attempt_start_times, &tl.failure_recorded_times[..n], &tl.backoff_after_failure[..n]);
    Ok(ExitCode::SUCCESS)
}

fn fmt_s(ms: Millis) -> String {
    if ms.is_multiple_of(1000) {
        format!("{}s", ms / 1000)
    } else {
        format!("{:.3}s", ms as f64 / 1000.0)
    }
}

fn print_table(starts: &[Millis], failures: &[Millis], windows: &[Millis]) {
    println!("image pull back-off: 10s initial, doubling, capped at 300s; forgotten after 600s without a failure");
    println!("{:>7}  {:>9}  {:>9}  {:>8}  {:>13}", "attempt", "starts", "fails", "window", "next allowed");
    for (i, ((s, f), w)) in starts.iter().zip(failures).zip(windows).enumerate() {
        let cap = if *w == pullsim::backoff::IMAGE_BACKOFF_MAX { " (cap)" } else { "" };
        println!("{:>7}  {:>9}  {:>9}  {:>8}  {:>13}{cap}", i + 1, fmt_s(*s), fmt_s(*f), fmt_s(*w), fmt_s(f + w));
    }
}
