//! Writes a JSON value as block-style YAML for the section editors (formatting only: the core
//! reads it back). Strings stay plain only when the core's YAML reader would read them back as the
//! same string; otherwise they are double-quoted (JSON strings are valid YAML) or, when they hold
//! several lines, written as a literal block.

use pullsim::yaml::{resolve_plain, Kind};
use serde_json::Value;

/// `value` as YAML text (a mapping at the top level; `null` members are left out).
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if map.is_empty() => out.push_str("{}\n"),
        Value::Object(_) | Value::Array(_) => block(value, 0, &mut out),
        scalar => {
            out.push_str(&inline_scalar(scalar));
            out.push('\n');
        }
    }
    out
}

fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else { return false };
    let safe_first = first.is_ascii_alphanumeric() || matches!(first, '_' | '.' | '/' | '$');
    let safe_rest = s.chars().all(|c| c.is_ascii_alphanumeric() || "_./-:@$+ ".contains(c));
    safe_first
        && safe_rest
        && !s.ends_with(' ')
        && !s.ends_with(':')
        && !s.contains(": ")
        && !s.contains(" #")
        && resolve_plain(s) == Kind::String
}

fn string(s: &str) -> String {
    if plain_ok(s) {
        s.to_owned()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}

fn inline_scalar(v: &Value) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string(s),
        Value::Array(a) if a.is_empty() => "[]".to_owned(),
        Value::Object(o) if o.is_empty() => "{}".to_owned(),
        other => other.to_string(),
    }
}

/// A literal block is used for multi-line text whose lines keep their meaning in one (no tabs, no
/// leading space on the first line, no trailing spaces).
fn literal_ok(s: &str) -> bool {
    s.contains('\n')
        && !s.starts_with([' ', '\n'])
        && !s.contains('\t')
        && !s.contains('\r')
        && s.lines().all(|l| !l.ends_with(' '))
        && !s.ends_with("\n\n")
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// The value after `key:` (or `-`): inline, a literal block, or a nested block on the next lines.
fn after_key(v: &Value, indent: usize, out: &mut String) {
    match v {
        Value::String(s) if literal_ok(s) => {
            out.push_str(if s.ends_with('\n') { " |\n" } else { " |-\n" });
            for line in s.lines() {
                if !line.is_empty() {
                    pad(out, indent + 2);
                    out.push_str(line);
                }
                out.push('\n');
            }
        }
        Value::Object(o) if !o.is_empty() => {
            out.push('\n');
            block(v, indent + 2, out);
        }
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            block(v, indent, out);
        }
        scalar => {
            out.push(' ');
            out.push_str(&inline_scalar(scalar));
            out.push('\n');
        }
    }
}

fn block(v: &Value, indent: usize, out: &mut String) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                if v.is_null() {
                    continue;
                }
                pad(out, indent);
                out.push_str(&string(k));
                out.push(':');
                after_key(v, indent, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                let mut inner = String::new();
                match item {
                    Value::Object(o) if !o.is_empty() => block(item, indent + 2, &mut inner),
                    Value::Array(a) if !a.is_empty() => block(item, indent + 2, &mut inner),
                    _ => {
                        after_key(item, indent, &mut inner);
                        pad(out, indent);
                        out.push('-');
                        out.push_str(&inner);
                        continue;
                    }
                }
                // The first line's indentation becomes the dash.
                pad(out, indent);
                out.push_str("- ");
                out.push_str(inner.trim_start_matches(' '));
            }
        }
        scalar => {
            pad(out, indent);
            out.push_str(&inline_scalar(scalar));
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn back(text: &str) -> Value {
        pullsim::yaml::to_json(text).into_iter().next().expect("a document").expect("valid YAML")
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn round_trips_through_the_core_reader() {
        let v = json!({
            "plain": "docker.io/library/nginx",
            "looksLikeBool": "true",
            "number": "1.35",
            "colon": "a: b",
            "empty": "",
            "multi": "line one\n  indented\nline three\n",
            "noNewline": "a\nb",
            "nested": {"x": 1, "y": [1, 2], "z": {}},
            "list": [{"name": "a", "at": 2.5}, "s", [1, [2]], []],
            "skipped": null,
            "glob:key": "*.example.com"
        });
        let mut expected = v.clone();
        expected.as_object_mut().unwrap().remove("skipped");
        let text = to_yaml(&v);
        assert_eq!(back(&text), expected, "{text}");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn kubectl_like_layout() {
        let text = to_yaml(
            &json!({"images": [{"name": "nginx:1.25", "pulledWith": "preloaded"}], "kubelet": {"registryBurst": 10}}),
        );
        assert_eq!(text, "images:\n- name: nginx:1.25\n  pulledWith: preloaded\nkubelet:\n  registryBurst: 10\n");
    }
}
