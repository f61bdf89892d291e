//! Data-driven conformance: upstream test tables (../shared/spec/cases, copied to tests/data) run
//! row by row against the core. The same corpus runs natively (`cargo test`) and under
//! wasm-bindgen-test in Node (`cargo test --target wasm32-unknown-unknown`).

use pullsim::policy::{default_pull_policy, effective_pull_policy, ContainerKind};
use pullsim::reference::grammar::{is_domain_and_port, is_image_id, match_name, match_reference};
use pullsim::reference::{
    parse_any_reference, parse_docker_ref, parse_image_name, parse_named, parse_normalized_named, parse_with,
    with_name, AnyReference, DigestAlgorithms, RefError, Reference,
};
use serde_json::Value;
use wasm_bindgen_test::wasm_bindgen_test;

const REFERENCE: &str = include_str!("data/distribution_reference__reference_test.jsonl");
const NORMALIZE: &str = include_str!("data/distribution_reference__normalize_test.jsonl");
const REGEXP: &str = include_str!("data/distribution_reference__regexp_test.jsonl");
const PARSERS: &str = include_str!("data/k8s_util_parsers__parsers_test.jsonl");
const DEFAULTS: &str = include_str!("data/k8s_apis_core_v1__defaults_test.jsonl");
const DERIVED_POLICY: &str = include_str!("data/derived__pull_policy_defaulting.jsonl");

/// Runs `check` on every row; fails once, listing every failing row.
fn run_table(name: &str, data: &str, check: impl Fn(&Value) -> Result<(), String>) {
    let mut failures = Vec::new();
    let mut count = 0;
    for (i, line) in data.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        count += 1;
        let row: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{name}:{}: bad row: {e}", i + 1));
        if let Err(e) = check(&row) {
            failures.push(format!("{name}:{}: {e}\n    row: {line}", i + 1));
        }
    }
    assert!(count > 0, "{name}: no rows");
    assert!(failures.is_empty(), "{} of {count} rows fail:\n{}", failures.len(), failures.join("\n"));
}

fn s(v: &Value) -> Option<&str> {
    v.as_str()
}

/// Compares `actual` with the expected JSON value (string or null), naming the field.
fn eq(field: &str, actual: Option<&str>, expect: &Value) -> Result<(), String> {
    if expect.is_null() && actual.is_none() || s(expect).is_some() && actual == s(expect) {
        Ok(())
    } else {
        Err(format!("{field}: got {actual:?}, want {expect}"))
    }
}

/// An expected error `{error, message}` against an actual result.
fn expect_error<T: std::fmt::Debug>(r: &Result<T, RefError>, exp: &Value) -> Result<(), String> {
    match r {
        Ok(v) => Err(format!("want error {}, got {v:?}", exp["message"])),
        Err(e) => {
            let kind = exp["error"].as_str().unwrap_or_default();
            let want_kind = kind.trim_start_matches("reference.");
            if !want_kind.is_empty() && e.kind.go_name() != want_kind {
                return Err(format!("error kind: got {}, want {kind}", e.kind.go_name()));
            }
            if let Some(m) = exp["message"].as_str() {
                if e.message != m {
                    return Err(format!("message: got {:?}, want {m:?}", e.message));
                }
            }
            Ok(())
        }
    }
}

fn check_named(r: &Reference, exp: &Value) -> Result<(), String> {
    let fields: [(&str, Option<String>); 9] = [
        ("string", Some(r.to_string())),
        ("name", Some(r.name())),
        ("domain", Some(r.domain().to_owned())),
        ("path", Some(r.path().to_owned())),
        ("tag", r.tag().map(str::to_owned)),
        ("digest", r.digest().map(str::to_owned)),
        ("familiarname", Some(r.familiar_name())),
        ("familiarstring", Some(r.familiar_string())),
        ("string", Some(r.to_string())),
    ];
    let obj = exp.as_object().ok_or("expect is not an object")?;
    for (key, want) in obj {
        let lower = key.to_ascii_lowercase();
        match lower.as_str() {
            "valid" => {
                if want != &Value::Bool(true) {
                    return Err(format!("valid: got true, want {want}"));
                }
            }
            "isnamedtagged" => {
                if r.tag().is_some() != want.as_bool().unwrap_or_default() {
                    return Err(format!("isNamedTagged: got {}", r.tag().is_some()));
                }
            }
            "iscanonical" => {
                if r.digest().is_some() != want.as_bool().unwrap_or_default() {
                    return Err(format!("isCanonical: got {}", r.digest().is_some()));
                }
            }
            _ => {
                let Some((_, actual)) = fields.iter().find(|(f, _)| *f == lower) else {
                    return Err(format!("unknown expectation {key}"));
                };
                eq(key, actual.as_deref(), want)?;
            }
        }
    }
    Ok(())
}

fn check_result(r: &Result<Reference, RefError>, exp: &Value) -> Result<(), String> {
    if exp.get("error").is_some() || exp.get("valid") == Some(&Value::Bool(false)) {
        if exp.get("valid").is_some() {
            return r.as_ref().err().map(|_| ()).ok_or_else(|| format!("want invalid, got {r:?}"));
        }
        return expect_error(r, exp);
    }
    match r {
        Ok(named) => check_named(named, exp),
        Err(e) => Err(format!("unexpected error {:?}", e.message)),
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn distribution_reference_test() {
    run_table("reference_test", REFERENCE, |row| {
        let exp = &row["expect"];
        let input = &row["input"];
        // distribution/reference's own test binary links only sha256 (SPEC §1.3).
        let parse = |s: &str| parse_with(s, DigestAlgorithms::Sha256Only);
        match row["func"].as_str().unwrap_or_default() {
            "Parse" | "Field.UnmarshalText(Parse)" => check_result(&parse(s(input).unwrap_or_default()), exp),
            "WithName" => check_result(&with_name(s(input).unwrap_or_default()), exp),
            "ParseNamed" => check_result(&parse_named(s(input).unwrap_or_default()), exp),
            "WithName+WithDigest?+WithTag" | "WithName+WithTag?+WithDigest" => {
                let tag_first = row["func"].as_str().is_some_and(|f| f.ends_with("WithDigest"));
                let mut r = with_name(s(&input["name"]).unwrap_or_default());
                let (tag, digest) = (s(&input["tag"]), s(&input["digest"]));
                let add_tag = |r: Result<Reference, RefError>| match tag {
                    Some(t) => r.and_then(|r| r.with_tag(t)),
                    None => r,
                };
                let add_digest = |r: Result<Reference, RefError>| match digest {
                    Some(d) => r.and_then(|r| r.with_digest(d)),
                    None => r,
                };
                r = if tag_first { add_digest(add_tag(r)) } else { add_tag(add_digest(r)) };
                check_result(&r, exp)
            }
            other => Err(format!("unknown func {other}")),
        }
    });
}

#[wasm_bindgen_test(unsupported = test)]
fn distribution_normalize_test() {
    run_table("normalize_test", NORMALIZE, |row| {
        let exp = &row["expect"];
        let input = &row["input"];
        match row["func"].as_str().unwrap_or_default() {
            "ParseNormalizedNamed" => check_result(&parse_normalized_named(s(input).unwrap_or_default()), exp),
            "ParseDockerRef" => check_result(&parse_docker_ref(s(input).unwrap_or_default()), exp),
            "ParseNormalizedNamed(busybox)+WithTag" => {
                let r =
                    parse_normalized_named("busybox").and_then(|r| r.with_tag(s(&input["tag"]).unwrap_or_default()));
                check_result(&r, exp)
            }
            "ParseNormalizedNamed(busybox)+WithDigest" => {
                let r = parse_normalized_named("busybox")
                    .and_then(|r| r.with_digest(s(&input["digest"]).unwrap_or_default()));
                check_result(&r, exp)
            }
            "ParseAnyReference" => {
                let r = parse_any_reference(s(input).unwrap_or_default()).map_err(|e| e.message)?;
                eq("String", Some(&r.to_string()), &exp["String"])?;
                match (&r, exp["kind"].as_str()) {
                    (AnyReference::Digest(_), Some("digestReference")) => Ok(()),
                    (AnyReference::Named(n), None) => {
                        let again = parse_normalized_named(s(&exp["equalsParseOf"]).unwrap_or_default());
                        (again.as_ref().ok() == Some(n)).then_some(()).ok_or_else(|| format!("{n:?} != {again:?}"))
                    }
                    (r, k) => Err(format!("kind: got {r:?}, want {k:?}")),
                }
            }
            "FamiliarMatch" | "ParseAnyReference+FamiliarMatch" => familiar_match_row(input, exp),
            other => Err(format!("unknown func {other}")),
        }
    });
}

fn familiar_match_row(input: &Value, exp: &Value) -> Result<(), String> {
    let pattern = s(&input["pattern"]).unwrap_or_default();
    let reference = s(&input["reference"]).unwrap_or_default();
    let r = parse_any_reference(reference).map_err(|e| e.message)?;
    let got = pullsim::reference::familiar_match(pattern, &r);
    match (got, exp.get("match").and_then(Value::as_bool)) {
        (Ok(m), Some(want)) if m == want => Ok(()),
        (Err(e), None) if exp["error"].as_str().is_some_and(|w| w.starts_with(&e)) => Ok(()),
        (got, _) => Err(format!("got {got:?}")),
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn distribution_regexp_test() {
    run_table("regexp_test", REGEXP, |row| {
        let exp = &row["expect"];
        let input = s(&row["input"]).unwrap_or_default();
        let want = exp["match"].as_bool().ok_or("no match field")?;
        let (got, parts): (bool, Vec<(&str, &str)>) = match row["regexp"].as_str().unwrap_or_default() {
            "^domainAndPort$" => (is_domain_and_port(input), vec![]),
            "anchoredIdentifierRegexp" => (is_image_id(input), vec![]),
            "anchoredNameRegexp" => match match_name(input) {
                Some((d, r)) => (true, vec![("domain", d), ("remoteName", r)]),
                None => (false, vec![]),
            },
            "referenceRegexp" => match match_reference(input) {
                Some((n, t, d)) => (true, vec![("name", n), ("tag", t), ("digest", d)]),
                None => (false, vec![]),
            },
            other => return Err(format!("unknown regexp {other}")),
        };
        if got != want {
            return Err(format!("match: got {got}, want {want}"));
        }
        for (field, actual) in parts {
            if let Some(w) = exp.get(field) {
                eq(field, Some(actual), w)?;
            }
        }
        Ok(())
    });
}

#[wasm_bindgen_test(unsupported = test)]
fn k8s_parsers_test() {
    run_table("parsers_test", PARSERS, |row| {
        let exp = &row["expect"];
        let input = s(&row["input"]).unwrap_or_default();
        match parse_image_name(input) {
            Ok(n) => {
                eq("repoToPull", Some(&n.repo), &exp["repoToPull"])?;
                eq("tag", Some(&n.tag), &exp["tag"])?;
                eq("digest", Some(&n.digest), &exp["digest"])
            }
            Err(e) => {
                let contains = exp["errorContains"].as_str().ok_or_else(|| format!("unexpected error {e}"))?;
                let underlying = exp["underlyingError"].as_str().unwrap_or(contains);
                if e.message.contains(contains) && e.message.ends_with(underlying) {
                    Ok(())
                } else {
                    Err(format!("error {:?} lacks {contains:?} / {underlying:?}", e.message))
                }
            }
        }
    });
}

#[wasm_bindgen_test(unsupported = test)]
fn k8s_defaults_test() {
    run_table("defaults_test", DEFAULTS, |row| {
        let input = &row["input"];
        let kind = if s(&input["field"]).is_some_and(|f| f.to_ascii_lowercase().contains("initcontainers")) {
            ContainerKind::InitContainer
        } else {
            ContainerKind::Container
        };
        let d = effective_pull_policy(
            s(&input["image"]).unwrap_or_default(),
            s(&input["imagePullPolicy"]).unwrap_or_default(),
            kind,
            false,
        );
        eq("imagePullPolicy", Some(&d.policy), &row["expect"]["imagePullPolicy"])
    });
}

#[wasm_bindgen_test(unsupported = test)]
fn derived_pull_policy_defaulting() {
    run_table("derived_pull_policy", DERIVED_POLICY, |row| {
        let input = &row["input"];
        let exp = &row["expect"];
        let image = s(&input["image"]).unwrap_or_default();
        let d = default_pull_policy(image, s(&input["imagePullPolicy"]).unwrap_or_default());
        eq("imagePullPolicy", Some(&d.policy), &exp["imagePullPolicy"])?;
        if let Some(p) = exp.get("parseImageName").filter(|p| p.is_object()) {
            if let Some(underlying) = p["underlyingDistributionReferenceError"].as_str() {
                return match parse_image_name(image) {
                    Err(e) if e.message.ends_with(&format!(": {underlying}")) => Ok(()),
                    other => Err(format!("want error {underlying:?}, got {other:?}")),
                };
            }
            let n = parse_image_name(image).map_err(|e| e.message)?;
            eq("repoToPull", Some(&n.repo), &p["repoToPull"])?;
            eq("tag", Some(&n.tag), &p["tag"])?;
            eq("digest", Some(&n.digest), &p["digest"])?;
        }
        Ok(())
    });
}
