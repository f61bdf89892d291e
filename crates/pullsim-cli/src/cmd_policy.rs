//! `pullsim policy`: imagePullPolicy defaulting.

use crate::jsonl;
use pullsim::policy::{effective_pull_policy, ContainerKind};
use serde::{Deserialize, Serialize};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Image name as written in the pod spec.
    #[arg(required_unless_present = "jsonl")]
    image: Option<String>,
    /// The imagePullPolicy as written ("" when omitted).
    #[arg(long, default_value = "")]
    policy: String,
    /// Apply the AlwaysPullImages admission plugin after defaulting.
    #[arg(long)]
    always_pull_images: bool,
    /// Print JSON.
    #[arg(long, conflicts_with = "jsonl")]
    json: bool,
    /// Batch mode: each stdin line `{"image": "...", "policy": "..."}`.
    #[arg(long)]
    jsonl: bool,
}

#[derive(Deserialize)]
struct Input {
    image: String,
    #[serde(default)]
    policy: String,
}

#[derive(Serialize)]
struct Line {
    image: Option<String>,
    policy: Option<String>,
    defaulted: bool,
    reason: String,
}

pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let kind = ContainerKind::Container;
    if args.jsonl {
        let always = args.always_pull_images;
        jsonl::run(
            |i: Input| {
                let d = effective_pull_policy(&i.image, &i.policy, kind, always);
                Line { image: Some(i.image), policy: Some(d.policy), defaulted: d.defaulted, reason: d.reason }
            },
            |_, err| Line { image: None, policy: None, defaulted: false, reason: err },
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let image = args.image.unwrap_or_default();
    let d = effective_pull_policy(&image, &args.policy, kind, args.always_pull_images);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&d)?);
    } else {
        println!("{}{}", d.policy, if d.defaulted { " (defaulted)" } else { "" });
        println!("  {}", d.reason);
        println!(
            "  rule: {} [{}]{}",
            d.rule.title,
            d.rule.spec,
            d.rule.doc.map(|u| format!(" <{u}>")).unwrap_or_default()
        );
    }
    Ok(if d.pull_policy().is_some() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
