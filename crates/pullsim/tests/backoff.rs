//! client-go's flowcontrol back-off tests (as data) and the derived image pull back-off
//! timelines, natively and under wasm-bindgen-test.

use pullsim::backoff::{Backoff, Expiry, Millis};
use serde_json::Value;
use wasm_bindgen_test::wasm_bindgen_test;

const FLOWCONTROL: &str = include_str!("data/clientgo_flowcontrol__backoff_test.jsonl");
const TIMELINES: &str = include_str!("data/derived__image_pull_backoff_timeline.jsonl");

const S: Millis = 1000;
const ID: &str = "id";

fn rows(data: &str) -> Vec<Value> {
    data.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).expect("row")).collect()
}

fn secs(v: &Value) -> Millis {
    v.as_u64().expect("seconds") * S
}

fn rows_of<'a>(all: &'a [Value], test: &str) -> Vec<&'a Value> {
    let r: Vec<&Value> = all.iter().filter(|r| r["test"] == test).collect();
    assert!(!r.is_empty(), "no rows for {test}");
    r
}

#[wasm_bindgen_test(unsupported = test)]
fn slow_backoff() {
    let all = rows(FLOWCONTROL);
    for row in rows_of(&all, "TestSlowBackoff") {
        let mut b = Backoff::new(secs(&row["input"]["initial_s"]), secs(&row["input"]["max_s"]));
        let mut now = 0;
        let mut got = Vec::new();
        for _ in 0..10 {
            now += S;
            got.push(b.get(ID) / S);
            b.next(ID, now, now);
        }
        let want: Vec<u64> = row["expect"]["get_before_each_next_s"]
            .as_array()
            .expect("array")
            .iter()
            .filter_map(Value::as_u64)
            .collect();
        assert_eq!(got, want);
        b.reset(ID);
        assert_eq!(b.get(ID), secs(&row["expect"]["after_Next_then_Reset_Get_s"]));
    }
}

/// Six steps of "advance 1 s, Next" from t = 0; returns the clock.
fn six_steps(b: &mut Backoff) -> Millis {
    let mut now = 0;
    for _ in 0..6 {
        now += S;
        b.next(ID, now, now);
    }
    now
}

#[wasm_bindgen_test(unsupported = test)]
fn reset_high_water_mark_and_gc() {
    let all = rows(FLOWCONTROL);
    for row in rows_of(&all, "TestBackoffReset") {
        let (i, m) = (secs(&row["input"]["initial_s"]), secs(&row["input"]["max_s"]));
        let mut b = Backoff::new(i, m);
        let now = six_steps(&mut b);
        assert_eq!(b.is_in_backoff_since(ID, now, now), row["expect"]["inBackOffImmediately"] == true);
        let later = now + 2 * m + S;
        assert_eq!(b.is_in_backoff_since(ID, now, later), row["expect"]["inBackOffAfter11s"] == true);
    }
    for row in rows_of(&all, "TestBackoffHighWaterMark") {
        let mut b = Backoff::new(secs(&row["input"]["initial_s"]), secs(&row["input"]["max_s"]));
        let now = six_steps(&mut b) + b.max + S;
        b.next(ID, now, now);
        assert_eq!(b.get(ID), secs(&row["expect"]["get_s"]));
    }
    for row in rows_of(&all, "TestBackoffGC") {
        let mut b = Backoff::new(secs(&row["input"]["initial_s"]), secs(&row["input"]["max_s"]));
        let mut now = six_steps(&mut b) + 6 * S;
        b.gc(now);
        assert_eq!(b.entry(ID).is_some(), row["expect"]["presentAfterFirstGC"] == true);
        now += 6 * S;
        b.gc(now);
        assert_eq!(b.entry(ID).is_some(), row["expect"]["presentAfterSecondGC"] == true);
    }
}

/// The custom `HasExpiredFunc` of a row, if any (`eventTime-lastUpdate >= Ns`).
fn expiry(input: &Value) -> Expiry {
    let text = input["hasExpiredFunc"].as_str().unwrap_or("default");
    match text.split(">=").nth(1) {
        Some(d) => Expiry::AtLeast(d.trim().trim_end_matches('s').parse::<u64>().expect("seconds") * S),
        None => Expiry::TwiceMax,
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn alternate_expiry() {
    let all = rows(FLOWCONTROL);
    for row in rows_of(&all, "TestAlternateBackoffGC") {
        let input = &row["input"];
        let mut b = Backoff::new(secs(&input["initial_s"]), secs(&input["max_s"])).with_expiry(expiry(input));
        b.next(ID, 0, 0);
        let mut now = secs(&input["nonExpired_s"]);
        b.gc(now);
        assert_eq!(b.entry(ID).is_some(), row["expect"]["presentAfterFirstGC"] == true, "{}", row["case"]);
        now += secs(&input["expired_s"]);
        b.gc(now);
        assert_eq!(b.entry(ID).is_some(), row["expect"]["presentAfterSecondGC"] == true, "{}", row["case"]);
    }
    for row in rows_of(&all, "TestAlternateHasExpiredFunc") {
        let input = &row["input"];
        let mut b = Backoff::new(secs(&input["initial_s"]), secs(&input["max_s"])).with_expiry(expiry(input));
        b.next(ID, 0, 0);
        let mut now = secs(&input["nonExpired_s"]);
        b.next(ID, now, now);
        assert!(b.get(ID) >= secs(&row["expect"]["afterSecondNext_atLeast_s"]), "{}", row["case"]);
        now += secs(&input["expired_s"]);
        b.next(ID, now, now);
        assert_eq!(b.get(ID), secs(&row["expect"]["afterThirdNext_s"]), "{}", row["case"]);
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn is_in_backoff_since_update_sequence() {
    let all = rows(FLOWCONTROL);
    let seq = rows_of(&all, "TestIsInBackOffSinceUpdate");
    let mut b = Backoff::new(S, 10 * S);
    for row in seq {
        let now = secs(&row["input"]["tick_s"]);
        let in_backoff = b.is_in_backoff_since_update(ID, now);
        assert_eq!(in_backoff, row["expect"]["inBackOff"] == true, "tick {now}");
        if in_backoff {
            assert_eq!(b.get(ID), secs(&row["expect"]["backoff_s_checked_only_when_inBackOff"]), "tick {now}");
        } else {
            b.next(ID, now, now);
        }
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn jitter_stays_within_its_bounds() {
    let all = rows(FLOWCONTROL);
    for row in rows_of(&all, "TestBackoffWithJitter") {
        let input = &row["input"];
        let factor = input["maxJitterFactor"].as_f64().expect("factor");
        let initial = input["initial_ms"].as_u64().expect("ms");
        let max = secs(&input["max_s"]);
        let mut b = Backoff::with_jitter(initial, max, factor);
        // Stand-ins for rand.Float64() (the core takes randomness as an input).
        // Durations are milliseconds here (Go: nanoseconds), so a jitter under 1 ms truncates to 0;
        // these draws keep every jitter above that resolution.
        let rands = [0.37, 0.99, 0.11, 0.5, 0.73, 0.2, 0.88, 0.15, 0.61, 0.42, 0.3];
        let mut now = 0;
        let mut prev = 0;
        for (n, r) in rands.iter().enumerate() {
            now += 100;
            b.next_jittered(ID, now, now, *r);
            let d = b.get(ID);
            if n == 0 {
                assert!(d > initial && d as f64 <= initial as f64 * (1.0 + factor), "first {d}");
            } else {
                let lo = 2 * prev;
                let hi = (2.0 * prev as f64 + factor * prev as f64) as u64;
                assert!(d == max || (d > lo && d <= hi), "step {n}: {d} not in ({lo}, {hi}]");
            }
            prev = d;
        }
        assert_eq!(b.get(ID), max, "reaches the cap");
    }
}

/// The kubelet's loop as the derived timelines describe it: a sync every second; when not in
/// back-off a pull starts, fails after `fail_after`, and the failure is recorded with `Next`.
fn attempts(fail_after: Millis, until: Millis) -> (Vec<Millis>, Vec<Millis>) {
    let mut b = Backoff::image_pull();
    let (mut starts, mut failures) = (Vec::new(), Vec::new());
    let mut t = 0;
    while t <= until {
        if !b.is_in_backoff_since_update("uid_img", t) {
            starts.push(t);
            t += fail_after;
            b.next("uid_img", t, t);
            failures.push(t);
            if fail_after > 0 {
                continue;
            }
        }
        t += S;
    }
    (starts, failures)
}

fn list(v: &Value) -> Vec<Millis> {
    v.as_array().expect("array").iter().map(secs).collect()
}

#[wasm_bindgen_test(unsupported = test)]
fn derived_image_pull_timelines() {
    let all = rows(TIMELINES);
    assert_eq!(all.len(), 3);
    // 1. Instant failures: attempts at 0, 10, 30, 70, … and the window after each.
    let want = list(&all[0]["expect"]["attempt_times_s"]);
    let (starts, _) = attempts(0, *want.last().expect("non-empty"));
    assert_eq!(starts, want);
    let mut b = Backoff::image_pull();
    let windows: Vec<Millis> = starts
        .iter()
        .map(|&t| {
            b.next("k", t, t);
            b.get("k")
        })
        .collect();
    assert_eq!(windows, list(&all[0]["expect"]["backoff_after_each_attempt_s"]));
    // 2. Pulls that take 5 s to fail: the window counts from the failure.
    let want = list(&all[1]["expect"]["attempt_start_times_s"]);
    let (starts, failures) = attempts(5 * S, *want.last().expect("non-empty"));
    assert_eq!(starts, want);
    assert_eq!(failures, list(&all[1]["expect"]["failure_recorded_at_s"]));
    // 3. More than 600 s without an attempt: the entry expired, the next failure starts at 10 s.
    let mut b = Backoff::image_pull();
    for t in [0, 10, 30, 70, 150, 310, 610] {
        b.next("k", t * S, t * S);
    }
    assert_eq!(b.is_in_backoff_since_update("k", 1211 * S), all[2]["expect"]["inBackOffAt1211"] == true);
    b.next("k", 1211 * S, 1211 * S);
    assert_eq!(b.get("k"), secs(&all[2]["expect"]["backoffAfterNextAt1211_s"]));
}

#[wasm_bindgen_test(unsupported = test)]
fn failing_pull_timeline_matches_the_derived_tables() {
    use pullsim::backoff::{failing_pull_timeline, Resync};
    let all = rows(TIMELINES);
    let want = list(&all[0]["expect"]["attempt_times_s"]);
    let horizon = *want.last().expect("non-empty");
    for resync in [Resync::Every(S), Resync::OnExpiry] {
        let t = failing_pull_timeline(Backoff::image_pull(), 0, horizon, resync);
        assert_eq!(t.attempt_start_times, want, "{resync:?}");
        assert_eq!(t.backoff_after_failure, list(&all[0]["expect"]["backoff_after_each_attempt_s"]));
    }
    let want = list(&all[1]["expect"]["attempt_start_times_s"]);
    for resync in [Resync::Every(S), Resync::OnExpiry] {
        let t = failing_pull_timeline(Backoff::image_pull(), 5 * S, *want.last().expect("non-empty"), resync);
        assert_eq!(t.attempt_start_times, want, "{resync:?}");
        assert_eq!(t.failure_recorded_times, list(&all[1]["expect"]["failure_recorded_at_s"]));
    }
    // A real kubelet syncs every 10 s or so: attempts land on the first sync after each window.
    let t = failing_pull_timeline(Backoff::image_pull(), 0, 700 * S, Resync::Every(10 * S));
    assert_eq!(t.attempt_start_times, [0, 10, 30, 70, 150, 310, 610].map(|s| s * S));
    let t = failing_pull_timeline(Backoff::image_pull(), 0, 400 * S, Resync::Every(15 * S));
    assert_eq!(t.attempt_start_times, [0, 15, 45, 90, 180, 345].map(|s| s * S));
}
