//! `pullsim backoff`.

use crate::util::{json_lines, run, stdout};
use serde_json::json;

#[test]
fn jsonl_ops_follow_flowcontrol() {
    let line = json!({"params": {"initial_s": 10, "max_s": 300}, "events": [
        {"t": 0, "op": "pull_fail"},
        {"t": 5, "op": "pull_fail"},
        {"t": 10, "op": "check"},
        {"t": 10, "op": "pull_fail"},
        {"t": 29.5, "op": "pull_ok"},
        {"t": 30, "op": "pull_ok"},
        {"t": 30, "op": "fail", "key": "other"},
        {"t": 700, "op": "success", "key": "other"}
    ]});
    let o = run(&["backoff", "--jsonl"], &format!("{line}\n"));
    assert!(o.status.success());
    let out = json_lines(&o);
    let results = out[0]["results"].as_array().expect("results");
    let outcomes: Vec<&str> = results.iter().map(|r| r["outcome"].as_str().unwrap_or("-")).collect();
    assert_eq!(outcomes, ["pull_failed", "backoff", "-", "pull_failed", "backoff", "pulled", "-", "-"]);
    let windows: Vec<f64> = results.iter().map(|r| r["get_s"].as_f64().unwrap_or(-1.0)).collect();
    // A success does not reset the entry: the window stays at 20 s.
    assert_eq!(windows, [10.0, 10.0, 10.0, 20.0, 20.0, 20.0, 10.0, 0.0]);
    let in_backoff: Vec<bool> = results.iter().map(|r| r["in_backoff"] == true).collect();
    assert_eq!(in_backoff, [false, true, false, false, true, false, false, false]);
    // GC at 700 s: the other key's entry expired (> 600 s) and is gone.
    assert_eq!(results[7]["entry_exists"], false);
    assert_eq!(results[0]["t"], 0);
    assert_eq!(results[4]["t"], 29.5);
    assert!(results[2].get("outcome").is_none());
}

#[test]
fn timeline_json() {
    let o =
        run(&["backoff", "timeline", "--json", "--pull-duration", "5", "--horizon", "340", "--resync-every", "1"], "");
    assert!(o.status.success());
    let v = &json_lines(&o)[0];
    assert_eq!(v["attempt_start_times"], json!([0, 15, 40, 85, 170, 335]));
    assert_eq!(v["failure_recorded_times"], json!([5, 20, 45, 90, 175, 340]));
    assert_eq!(v["backoff_after_failure_s"], json!([10, 20, 40, 80, 160, 300]));
    let o = run(&["backoff", "timeline", "--json", "--horizon", "700", "--resync-on-expiry"], "");
    assert_eq!(json_lines(&o)[0]["attempt_start_times"], json!([0, 10, 30, 70, 150, 310, 610]));
}

#[test]
fn human_table_shows_the_cap() {
    let o = run(&["backoff", "--failures", "7"], "");
    assert!(o.status.success());
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 2 + 7);
    assert!(out.contains("310s") && out.contains("(cap)"));
}
