//! The Events table of `kubectl describe pod`: identical events (same type, reason, source and
//! message) are counted, not repeated, and sorted by when they last happened; ages are
//! `HumanDuration`s relative to "now" (`2m3s (x4 over 5m)`).
//!
//! client-go's event correlator also rate-limits events per object (a spam filter) and combines
//! more than ten similar events with different messages; counts stay exact under the filter, so
//! pullsim models the counting only.

use super::RawEvent;
use crate::backoff::Millis;
use crate::gofmt::human_duration;
use serde::Serialize;

/// One row of the Events table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DescribeRow {
    #[serde(rename = "type")]
    pub event_type: &'static str,
    pub reason: String,
    /// As kubectl prints it: `45s`, or `2m3s (x4 over 5m)`.
    pub age: String,
    pub from: &'static str,
    pub message: String,
    pub count: u32,
    pub first: Millis,
    pub last: Millis,
}

/// The table as `kubectl describe pod` would print it at `now`, from the events up to `now`.
pub fn describe_events(events: &[RawEvent], now: Millis) -> Vec<DescribeRow> {
    let mut rows: Vec<DescribeRow> = Vec::new();
    for e in events.iter().filter(|e| e.at <= now) {
        match rows
            .iter_mut()
            .find(|r| r.event_type == e.event_type && r.reason == e.reason && r.from == e.from && r.message == e.message)
        {
            Some(r) => {
                r.count += 1;
                r.last = e.at;
            }
            None => rows.push(DescribeRow {
                event_type: e.event_type,
                reason: e.reason.clone(),
                age: String::new(),
                from: e.from,
                message: e.message.clone(),
                count: 1,
                first: e.at,
                last: e.at,
            }),
        }
    }
    // kubectl sorts by last timestamp (stable: equal times keep recording order).
    rows.sort_by_key(|r| r.last);
    for r in &mut rows {
        let last = human_duration(now.saturating_sub(r.last));
        r.age = if r.count > 1 {
            format!("{last} (x{} over {})", r.count, human_duration(now.saturating_sub(r.first)))
        } else {
            last
        };
    }
    rows
}
