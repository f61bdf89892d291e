//! `pullsim ref`: the anatomy of image references.

use crate::jsonl;
use pullsim::reference::{analyze, parse_image_name, parse_normalized_named, Anatomy};
use serde::Serialize;
use std::fmt::Write as _;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Image names exactly as written in a pod spec.
    #[arg(required_unless_present = "jsonl")]
    images: Vec<String>,
    /// Print JSON: one object for one image, an array for several.
    #[arg(long, conflicts_with = "jsonl")]
    json: bool,
    /// Batch mode: each stdin line is one JSON string; each stdout line one JSON result.
    #[arg(long)]
    jsonl: bool,
}

pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    if args.jsonl {
        jsonl::run(|input: String| batch(&input), |_, err| BatchLine::bad(err))?;
        return Ok(ExitCode::SUCCESS);
    }
    let results: Vec<Anatomy> = args.images.iter().map(|i| analyze(i)).collect();
    let all_ok = results.iter().all(|a| a.ok);
    if args.json {
        let text = match results.as_slice() {
            [one] => serde_json::to_string_pretty(one)?,
            many => serde_json::to_string_pretty(many)?,
        };
        println!("{text}");
    } else {
        let text: Vec<String> = results.iter().map(human).collect();
        print!("{}", text.join("\n"));
    }
    Ok(if all_ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// One `--jsonl` output line, keys in the documented order.
#[derive(Serialize)]
struct BatchLine {
    input: Option<String>,
    ok: bool,
    err: Option<String>,
    name: Option<String>,
    domain: Option<String>,
    path: Option<String>,
    tag: Option<String>,
    digest: Option<String>,
    familiar: Option<String>,
    string: Option<String>,
    kubelet: KubeletLine,
}

#[derive(Serialize)]
struct KubeletLine {
    ok: bool,
    repo: Option<String>,
    tag: Option<String>,
    digest: Option<String>,
    err: Option<String>,
}

impl BatchLine {
    fn bad(err: String) -> BatchLine {
        BatchLine {
            input: None,
            ok: false,
            err: Some(err.clone()),
            name: None,
            domain: None,
            path: None,
            tag: None,
            digest: None,
            familiar: None,
            string: None,
            kubelet: KubeletLine { ok: false, repo: None, tag: None, digest: None, err: Some(err) },
        }
    }
}

fn batch(input: &str) -> BatchLine {
    let kubelet = match parse_image_name(input) {
        Ok(n) => KubeletLine { ok: true, repo: Some(n.repo), tag: Some(n.tag), digest: Some(n.digest), err: None },
        Err(e) => KubeletLine { ok: false, repo: None, tag: None, digest: None, err: Some(e.message) },
    };
    match parse_normalized_named(input) {
        Ok(r) => BatchLine {
            input: Some(input.to_owned()),
            ok: true,
            err: None,
            name: Some(r.name()),
            domain: Some(r.domain().to_owned()),
            path: Some(r.path().to_owned()),
            tag: r.tag().map(str::to_owned),
            digest: r.digest().map(str::to_owned),
            familiar: Some(r.familiar_string()),
            string: Some(r.to_string()),
            kubelet,
        },
        Err(e) => BatchLine { input: Some(input.to_owned()), kubelet, ..BatchLine::bad(e.message) },
    }
}

/// Control characters would break the caret line: show them as their Unicode pictures.
fn visible(s: &str) -> String {
    s.chars()
        .map(|c| match c as u32 {
            n @ 0..=0x1f => char::from_u32(0x2400 + n).unwrap_or('?'),
            0x7f => '\u{2421}',
            _ => c,
        })
        .collect()
}

fn human(a: &Anatomy) -> String {
    let mut s = String::new();
    let none = || "(none)".to_owned();
    let _ = writeln!(s, "{}", visible(&a.input));
    if let Some(e) = &a.error {
        if let Some(span) = e.span {
            let before = a.input.get(..span.start).map_or(0, |t| t.chars().count());
            let width = a.input.get(span.start..span.end).map_or(1, |t| t.chars().count()).max(1);
            let _ = writeln!(s, "{}{}", " ".repeat(before), "^".repeat(width));
        }
        let _ = writeln!(s, "error: {}", e.message);
    } else {
        let rows = [
            ("domain", a.domain.clone().unwrap_or_default()),
            ("path", a.path.clone().unwrap_or_default()),
            ("tag", a.tag.clone().unwrap_or_else(none)),
            ("digest", a.digest.clone().unwrap_or_else(none)),
            ("canonical", a.canonical.clone().unwrap_or_default()),
            ("familiar", a.familiar.clone().unwrap_or_default()),
            ("pulls", a.docker_ref.clone().unwrap_or_default()),
            ("runtime", a.kubelet.runtime_image.clone().unwrap_or_default()),
            ("repo", a.kubelet.repo.clone().unwrap_or_default()),
        ];
        for (k, v) in rows {
            let _ = writeln!(s, "  {k:<10} {v}");
        }
    }
    let _ =
        writeln!(s, "  {:<10} {}{}", "policy", a.policy.policy, if a.policy.defaulted { " (defaulted)" } else { "" });
    if let Some(err) = &a.kubelet.error {
        let _ = writeln!(s, "  {:<10} InvalidImageName: {err}", "kubelet");
    }
    let _ = writeln!(s, "  rules:");
    for (i, step) in a.steps.iter().enumerate() {
        let doc = step.rule.doc.map(|d| format!(" <{d}>")).unwrap_or_default();
        let _ = writeln!(s, "    {}. {} [{}{}]", i + 1, step.text, step.rule.spec, doc);
    }
    s
}
