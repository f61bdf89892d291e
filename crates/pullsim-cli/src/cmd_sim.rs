//! `pullsim simulate` and `pullsim explain`: the kubelet simulator from the command line.

use pullsim::backoff::Millis;
use pullsim::gofmt::human_duration;
use pullsim::sim::scenario::NodeImage;
use pullsim::sim::{simulate, PodResult, Scenario, SimResult};
use pullsim::workload::MAX_MANIFEST_BYTES;
use std::fmt::Write as _;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct SimulateArgs {
    /// A scenario file (YAML or JSON): see examples/scenarios/.
    scenario: String,
    /// Print the whole result as JSON.
    #[arg(long)]
    json: bool,
    /// Show every decision in the traces, not only the ones that changed the outcome.
    #[arg(long)]
    all_steps: bool,
}

#[derive(clap::Args)]
pub struct ExplainArgs {
    /// A manifest (Pod, Deployment, Job, … or a List; several documents allowed).
    manifest: String,
    /// An image already on the node: REF or REF@DIGEST (repeatable).
    #[arg(long = "node-image")]
    node_images: Vec<String>,
    /// The node's config.json.
    #[arg(long)]
    config: Option<String>,
    /// Kubernetes version (1.27 … 1.35).
    #[arg(long = "k8s", default_value = "1.35")]
    kubernetes: String,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Reads at most `limit` bytes (the core's named limit) so a huge file is refused, not loaded.
fn read(path: &str, limit: usize, name: &str) -> Result<String, Box<dyn std::error::Error>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit as u64 + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("{path}: {e}"))?;
    if bytes.len() > limit {
        return Err(format!("{path}: larger than {name} ({limit} bytes): refused").into());
    }
    String::from_utf8(bytes)
        .map_err(|e| format!("{path}: not UTF-8 text (byte {})", e.utf8_error().valid_up_to()).into())
}

pub fn run_simulate(args: SimulateArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let text = read(&args.scenario, pullsim::sim::MAX_SCENARIO_BYTES, "MAX_SCENARIO_BYTES")?;
    let scenario = Scenario::from_yaml(&text).map_err(|e| format!("{}: {e}", args.scenario))?;
    let result = simulate(&scenario);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&result)?);
    } else {
        print!("{}", human(&scenario, &result, args.all_steps));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_explain(args: ExplainArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let mut scenario = Scenario::with_workload(read(&args.manifest, MAX_MANIFEST_BYTES, "MAX_MANIFEST_BYTES")?);
    scenario.kubernetes = args.kubernetes;
    scenario.duration = 60.0;
    scenario.node.config_json =
        args.config.as_deref().map(|p| read(p, MAX_MANIFEST_BYTES, "MAX_MANIFEST_BYTES")).transpose()?;
    scenario.node.images = args
        .node_images
        .iter()
        .map(|n| {
            // REF@DIGEST: the node has REF, and its content is DIGEST.
            let (name, digest) = match n.split_once('@') {
                Some((name, d)) => (name.to_owned(), Some(d.to_owned())),
                None => (n.clone(), None),
            };
            NodeImage { name, digest, size: None, pulled_with: "preloaded".to_owned() }
        })
        .collect();
    let result = simulate(&scenario);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&result)?);
    } else {
        print!("{}", human(&scenario, &result, false));
    }
    Ok(ExitCode::SUCCESS)
}

/// Columns padded like Go's tabwriter with padding 2, as kubectl prints tables.
fn table(rows: &[Vec<String>], indent: &str) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> =
        (0..cols).map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| s.chars().count()).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for r in rows {
        let mut line = indent.to_owned();
        for (c, cell) in r.iter().enumerate() {
            if c + 1 == r.len() {
                line.push_str(cell);
            } else {
                line.push_str(&format!("{cell:<w$}", w = widths[c] + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn t(ms: Millis) -> String {
    human_duration(ms)
}

fn pod_text(p: &PodResult, all_steps: bool) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Pod {}/{}  (uid {}, created at {})", p.namespace, p.name, p.uid, t(p.created_at));
    let _ = writeln!(s, "Events:");
    let mut rows = vec![
        ["Type", "Reason", "Age", "From", "Message"].map(String::from).to_vec(),
        ["----", "------", "----", "----", "-------"].map(String::from).to_vec(),
    ];
    for d in &p.describe {
        rows.push(vec![d.event_type.to_owned(), d.reason.clone(), d.age.clone(), d.from.to_owned(), d.message.clone()]);
    }
    s.push_str(&table(&rows, "  "));
    let _ = writeln!(s, "\nStatus over time (kubectl get pods -w):");
    let mut rows = vec![["AT", "NAME", "READY", "STATUS", "RESTARTS", "AGE"].map(String::from).to_vec()];
    for l in &p.status_lines {
        rows.push(vec![
            t(l.at),
            p.name.clone(),
            l.ready.to_string(),
            l.status.to_string(),
            l.restarts.to_string(),
            l.age.to_string(),
        ]);
    }
    s.push_str(&table(&rows, "  "));
    for c in &p.containers {
        let _ = writeln!(
            s,
            "\nContainer {} ({:?}) image {:?}: imagePullPolicy {}{} — {}",
            c.name,
            c.kind,
            c.image,
            c.policy.policy,
            if c.policy.defaulted { " (defaulted)" } else { "" },
            c.policy.reason
        );
        let mut rows = vec![["AT", "STATE", "REASON"].map(String::from).to_vec()];
        for st in &c.states {
            rows.push(vec![t(st.at), st.state.to_owned(), st.reason.to_string()]);
        }
        s.push_str(&table(&rows, "  "));
        let mut previous: Option<&str> = None;
        let mut repeats = 0;
        for d in &c.decisions {
            if !all_steps && previous == Some(&*d.outcome) {
                repeats += 1;
                continue;
            }
            if repeats > 0 {
                let _ = writeln!(s, "  … {repeats} more decision(s) with the same outcome");
                repeats = 0;
            }
            previous = Some(&*d.outcome);
            let _ = writeln!(s, "  decision at {} → {}", t(d.at), d.outcome);
            if all_steps && !d.repeated_at.is_empty() {
                let at: Vec<String> = d.repeated_at.iter().map(t).collect();
                let _ = writeln!(s, "  (the same decision again at {})", at.join(", "));
            }
            for (i, step) in d.steps.iter().enumerate() {
                let inputs: Vec<String> = step.inputs().iter().map(|(k, v)| format!("{k}={v}")).collect();
                let doc = step.rule.doc.map(|u| format!(" <{u}>")).unwrap_or_default();
                let _ = writeln!(s, "    {}. {} [{}]{doc}", i + 1, step.rule.title, step.rule.spec);
                if !inputs.is_empty() {
                    let _ = writeln!(s, "       inputs: {}", inputs.join(", "));
                }
                let _ = writeln!(s, "       → {}", step.outcome());
            }
            if !all_steps {
                repeats += d.repeated_at.len();
            }
        }
        if repeats > 0 {
            let _ = writeln!(s, "  … {repeats} more decision(s) with the same outcome");
        }
    }
    s
}

fn human(sc: &Scenario, r: &SimResult, all_steps: bool) -> String {
    let mut s = String::new();
    if !sc.title.is_empty() {
        let _ = writeln!(s, "{}\n", sc.title);
    }
    let gates: Vec<String> =
        r.feature_gates.iter().map(|(g, on)| format!("{g}={}", if *on { "on" } else { "off" })).collect();
    let _ = writeln!(s, "Kubernetes 1.{} · {} · simulated {}", r.kubernetes_minor, gates.join(", "), t(r.end));
    for n in &r.notes {
        let _ = writeln!(s, "note: {n}");
    }
    if let Some(why) = &r.truncated {
        let _ = writeln!(s, "stopped early: {why}");
    }
    for p in &r.pods {
        s.push('\n');
        s.push_str(&pod_text(p, all_steps));
    }
    s
}
