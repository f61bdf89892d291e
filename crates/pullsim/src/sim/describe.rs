//! The Events table of `kubectl describe pod`: identical events (same type, reason, source and
//! message) are counted, not repeated, and sorted by when they last happened; ages are
//! `HumanDuration`s relative to "now" (`2m3s (x4 over 5m)`).
//!
//! client-go's event correlator also rate-limits events per object (a spam filter) and combines
//! more than ten similar events with different messages; counts stay exact under the filter, so
//! pullsim models the counting only.

use super::EventSeries;
use crate::backoff::Millis;
use crate::gofmt::{human_duration, push_u64};
use serde::Serialize;
use std::collections::HashMap;

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

/// What makes two events one row: type, reason, source and message.
type RowKey<'a> = (&'a str, &'a str, &'a str, &'a str);

/// The table as `kubectl describe pod` would print it at `now`, from the events up to `now`.
pub fn describe_events(events: &[EventSeries], now: Millis) -> Vec<DescribeRow> {
    let mut rows: Vec<DescribeRow> = Vec::new();
    // Rows by (type, reason, source, message) when there are many (a pod with many containers has
    // hundreds of series); a few are cheaper to search than to hash.
    let mut index: Option<HashMap<RowKey, usize>> = (events.len() > 16).then(HashMap::new);
    for e in events {
        let seen = e.times.count_at_most(now);
        let (Some(first), Some(last)) = (e.times.first(), e.times.get(seen.wrapping_sub(1))) else { continue };
        if seen == 0 {
            continue;
        }
        // Identical events recorded for different containers are one event to kubectl too.
        let key = (e.event_type, e.reason.as_str(), e.from, e.message.as_str());
        let found = match &index {
            Some(index) => index.get(&key).copied(),
            None => rows.iter().position(|r| (r.event_type, r.reason.as_str(), r.from, r.message.as_str()) == key),
        };
        match found.and_then(|i| rows.get_mut(i)) {
            Some(r) => {
                r.count += seen as u32;
                r.first = r.first.min(first);
                r.last = r.last.max(last);
            }
            None => {
                if let Some(index) = &mut index {
                    index.insert(key, rows.len());
                }
                rows.push(DescribeRow {
                    event_type: e.event_type,
                    reason: e.reason.clone(),
                    age: String::new(),
                    from: e.from,
                    message: e.message.clone(),
                    count: seen as u32,
                    first,
                    last,
                });
            }
        }
    }
    // kubectl sorts by last timestamp (stable: equal times keep recording order).
    rows.sort_by_key(|r| r.last);
    for r in &mut rows {
        // `{last} (x{count} over {first})`, built by hand (a row per event of every pod).
        let mut age = human_duration(now.saturating_sub(r.last));
        if r.count > 1 {
            age.push_str(" (x");
            push_u64(&mut age, u64::from(r.count));
            age.push_str(" over ");
            age.push_str(&human_duration(now.saturating_sub(r.first)));
            age.push(')');
        }
        r.age = age;
    }
    rows
}
