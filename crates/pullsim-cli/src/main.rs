//! `pullsim`: a thin command-line shell over the pullsim core. All Kubernetes rules live in the
//! core crate; this file only parses arguments and prints.

mod cmd_backoff;
mod cmd_creds;
mod cmd_policy;
mod cmd_ref;
mod cmd_sim;
mod jsonl;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

// A large simulation allocates and frees hundreds of thousands of small records (BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "pullsim", version, about = "What Kubernetes does with a container image, step by step.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse and normalize image references the way Kubernetes does (SPEC §1).
    Ref(cmd_ref::Args),
    /// Default imagePullPolicy the way the API server does (SPEC §2).
    Policy(cmd_policy::Args),
    /// Registry credentials: which ones the kubelet tries, in which order, and why (SPEC §5).
    Creds(cmd_creds::Args),
    /// The kubelet's image pull back-off: 10 s doubling to 300 s (SPEC §4).
    Backoff(cmd_backoff::Args),
    /// Simulate a scenario: events, states over time and step-by-step traces (SPEC §3, §4).
    Simulate(cmd_sim::SimulateArgs),
    /// What the kubelet would do with a manifest's images on a node (the quick path).
    Explain(cmd_sim::ExplainArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Ref(args) => cmd_ref::run(args),
        Command::Policy(args) => cmd_policy::run(args),
        Command::Creds(args) => cmd_creds::run(args),
        Command::Backoff(args) => cmd_backoff::run(args),
        Command::Simulate(args) => cmd_sim::run_simulate(args),
        Command::Explain(args) => cmd_sim::run_explain(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("pullsim: {e}");
            ExitCode::from(2)
        }
    }
}
