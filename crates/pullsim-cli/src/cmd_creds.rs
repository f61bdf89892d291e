//! `pullsim creds`: which registry credentials the kubelet tries, in which order, and why
//! (SPEC §5). All rules live in `pullsim::creds`; this file reads files and prints.

use crate::jsonl;
use pullsim::creds::batch::{lookup_line, match_line, LookupLine, MatchLine};
use pullsim::creds::json::Json;
use pullsim::creds::kubelet::{NodeStatus, SecretStatus};
use pullsim::creds::{
    explain_urls_match, generate_docker_registry_secret, lookup, normalize_key, read_secrets_text, ConfigFormat,
    CredsLookup, DockerRegistrySecretArgs, LookupRequest, NodeConfig, PluginSpec,
};
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

type Res = Result<ExitCode, Box<dyn std::error::Error>>;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(clap::Subcommand)]
enum Cmd {
    /// Which credentials the kubelet tries for an image, in order, and why each key matched.
    Lookup(LookupArgs),
    /// The kubelet's URL matcher: does a config key (glob) match an image location?
    Match(MatchArgs),
    /// How the kubelet turns config keys into index keys (scheme, /v1/ /v2/, host+path).
    Key(KeyArgs),
    /// Generate a pull Secret like `kubectl create secret docker-registry`.
    Secret(SecretArgs),
}

#[derive(clap::Args)]
struct LookupArgs {
    /// The image exactly as written in the pod spec.
    #[arg(required_unless_present = "jsonl")]
    image: Option<String>,
    /// The node's config.json (`{"auths": …}`).
    #[arg(long, value_name = "FILE", conflicts_with = "dockercfg")]
    config: Option<String>,
    /// The node's legacy .dockercfg (the bare map) instead of a config.json.
    #[arg(long, value_name = "FILE")]
    dockercfg: Option<String>,
    /// Pull Secret manifests (JSON or YAML, several per file allowed), or a bare .dockerconfigjson;
    /// repeatable.
    #[arg(long = "secret", value_name = "FILE")]
    secrets: Vec<String>,
    /// The pod's imagePullSecrets names, in order (default: every --secret, in order). Names with
    /// no matching --secret are reported as missing.
    #[arg(long = "pull-secret", value_name = "NAME")]
    pull_secrets: Vec<String>,
    /// The pod's namespace.
    #[arg(long, short = 'n', default_value = "default")]
    namespace: String,
    /// A credential provider plugin and its response (JSON); repeatable, in config order.
    #[arg(long = "plugin", value_name = "FILE")]
    plugins: Vec<String>,
    /// Print the explained lookup as JSON (passwords masked).
    #[arg(long, conflicts_with = "jsonl")]
    json: bool,
    /// Batch mode: each stdin line `{"auths": {…}, "image": "…"}`, each stdout line
    /// `{"image","repo","found","matches":[{"key","username","source"}],"err"}`.
    #[arg(long)]
    jsonl: bool,
}

#[derive(clap::Args)]
struct MatchArgs {
    /// The config key, without scheme (`*.example.com/team`).
    #[arg(required_unless_present = "jsonl")]
    glob: Option<String>,
    /// The image location, without scheme (`sub.example.com/team/app`).
    #[arg(required_unless_present = "jsonl")]
    target: Option<String>,
    /// Print the explanation as JSON.
    #[arg(long, conflicts_with = "jsonl")]
    json: bool,
    /// Batch mode: each stdin line `{"glob","target"}`, each stdout line `{"glob","target","match","err"}`.
    #[arg(long)]
    jsonl: bool,
}

#[derive(clap::Args)]
struct KeyArgs {
    /// Keys exactly as written in `auths`.
    #[arg(required = true)]
    keys: Vec<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
struct SecretArgs {
    /// The Secret's name.
    name: String,
    /// Registry server (kubectl's default: https://index.docker.io/v1/).
    #[arg(long, default_value = "")]
    docker_server: String,
    /// User name.
    #[arg(long)]
    docker_username: String,
    /// Password.
    #[arg(long)]
    docker_password: String,
    /// E-mail (optional).
    #[arg(long, default_value = "")]
    docker_email: String,
    /// Namespace written into the manifest (omitted when not given, like kubectl).
    #[arg(long, short = 'n', default_value = "")]
    namespace: String,
    /// Also print the .dockerconfigjson and what the kubelet reads from it.
    #[arg(long)]
    explain: bool,
}

pub fn run(args: Args) -> Res {
    match args.command {
        Cmd::Lookup(a) => run_lookup(a),
        Cmd::Match(a) => run_match(a),
        Cmd::Key(a) => run_key(a),
        Cmd::Secret(a) => run_secret(a),
    }
}

/// Reads a file; invalid UTF-8 becomes U+FFFD, as Go's JSON decoder treats it. At most
/// MAX_MANIFEST_BYTES are read, so a huge file is refused rather than loaded.
fn read(path: &str) -> Result<String, Box<dyn std::error::Error>> {
    use std::io::Read;
    let limit = pullsim::workload::MAX_MANIFEST_BYTES;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit as u64 + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("{path}: {e}"))?;
    if bytes.len() > limit {
        return Err(format!("{path}: larger than MAX_MANIFEST_BYTES ({limit} bytes): refused").into());
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn run_lookup(a: LookupArgs) -> Res {
    if a.jsonl {
        jsonl::run(|line: Json| lookup_line(&line), |_, err| LookupLine::bad(err))?;
        return Ok(ExitCode::SUCCESS);
    }
    let image = a.image.unwrap_or_default();
    let mut secrets = Vec::new();
    for path in &a.secrets {
        let stem = Path::new(path).file_stem().and_then(|s| s.to_str()).unwrap_or("secret");
        let found = read_secrets_text(&read(path)?, stem).map_err(|e| match (e.line, e.column) {
            (Some(l), Some(c)) if !e.message.contains(" line ") => format!("{path}:{l}:{c}: {e}"),
            _ => format!("{path}: {e}"),
        })?;
        secrets.extend(found);
    }
    let image_pull_secrets =
        if a.pull_secrets.is_empty() { secrets.iter().map(|s| s.name.clone()).collect() } else { a.pull_secrets };
    let node_config = match (&a.config, &a.dockercfg) {
        (Some(p), _) => Some(NodeConfig { path: p.clone(), format: ConfigFormat::DockerConfigJson, text: read(p)? }),
        (None, Some(p)) => Some(NodeConfig { path: p.clone(), format: ConfigFormat::Dockercfg, text: read(p)? }),
        (None, None) => None,
    };
    let mut plugins = Vec::new();
    for path in &a.plugins {
        plugins.push(PluginSpec::from_json(&read(path)?).map_err(|e| format!("{path}: {e}"))?);
    }
    let result =
        lookup(&LookupRequest { image, pod_namespace: a.namespace, image_pull_secrets, secrets, node_config, plugins });
    if a.json {
        println!("{}", serde_json::to_string_pretty(&result)?);
    } else {
        print!("{}", human_lookup(&result));
    }
    Ok(if result.error.is_some() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Fields the kubelet does not read, one line each.
fn notes(config: &pullsim::creds::DockerConfig) -> String {
    let mut t = String::new();
    for i in &config.ignored {
        let _ = write!(t, "\n{:17}note: {}", "", i.reason);
    }
    for e in &config.entries {
        if e.auth_overrode_fields {
            let _ = write!(t, "\n{:17}note {:?}: auth overrides the username/password fields", "", e.key);
        }
        for i in &e.ignored {
            let _ = write!(t, "\n{:17}note {:?}: {}", "", e.key, i.reason);
        }
    }
    t
}

/// The human report: sources, every key with its reasons, then the try order.
pub fn human_lookup(r: &CredsLookup) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "Image          {}", r.image);
    match &r.repo {
        Some(repo) if *repo == r.image => {
            let _ = writeln!(o, "Looked up as   {repo}");
        }
        Some(repo) => {
            let _ = writeln!(o, "Looked up as   {repo}   (normalized, without tag or digest — SPEC §1.9)");
        }
        None => {}
    }
    for e in &r.events {
        let _ = writeln!(o, "Event          {} {}: {}", e.event_type, e.reason, e.message);
    }
    if !r.secrets.is_empty() {
        let _ = writeln!(o, "\nPull secrets (namespace's imagePullSecrets, one keyring)");
        for s in &r.secrets {
            let what = match &s.status {
                SecretStatus::Missing => "MISSING — the pull goes on without it".to_owned(),
                SecretStatus::Ignored { reason } => format!("ignored: {reason}"),
                SecretStatus::Used { config } => {
                    format!("used: {}{}", plural(config.entries.len(), "entry", "entries"), notes(config))
                }
                SecretStatus::Invalid { error } => format!("INVALID: {error}"),
                SecretStatus::NotReached => "not read (an earlier secret failed)".to_owned(),
            };
            let _ = writeln!(o, "  {:14} {what}", s.name);
        }
    }
    match &r.node {
        NodeStatus::Absent => {}
        NodeStatus::Used { path, config } => {
            let _ = writeln!(
                o,
                "\nNode config    {path}: {}{}",
                plural(config.entries.len(), "entry", "entries"),
                notes(config)
            );
        }
        NodeStatus::Invalid { path, error } => {
            let _ = writeln!(
                o,
                "\nNode config    {path}: INVALID ({error}) — the kubelet logs \"error occurred while trying to unmarshal json\" and skips it"
            );
        }
    }
    for p in &r.plugins {
        let _ = writeln!(o, "\nPlugin {}: {}", p.name, p.reason);
        for m in &p.match_images {
            let _ =
                writeln!(o, "  matchImages {:?}: {} — {}", m.glob, if m.matched { "matches" } else { "no" }, m.reason);
        }
        for bad in &p.invalid_match_images {
            let _ = writeln!(o, "  invalid matchImages entry (the kubelet would refuse this config): {bad}");
        }
    }
    for k in &r.keyrings {
        let _ = writeln!(o, "\nKeys in the {} keyring, in lookup order", k.keyring);
        for added in &k.added {
            if let Err(e) = &added.normalization.result {
                let _ = writeln!(o, "  {:?} ({}) IGNORED: {e}", added.normalization.written, added.source);
            }
        }
        for key in &k.lookup.keys {
            let mark = if key.explanation.matched { "✓" } else { "✗" };
            let written: Vec<String> = key.written.iter().map(|(w, s)| format!("{w:?} from {s}")).collect();
            let _ = writeln!(o, "  {mark} {}   ← {}", key.key, written.join(", "));
            for step in &key.explanation.steps {
                let _ = writeln!(o, "      {} {}", if step.passed { "ok " } else { "NO " }, step.text);
            }
        }
        let f = &k.lookup.fallback;
        if f.consulted {
            let _ = writeln!(o, "  Docker Hub fallback: {}{}", if f.used { "USED — " } else { "" }, f.reason);
        }
    }
    if let Some(e) = &r.error {
        let _ = writeln!(o, "\nNo pull: {e}");
        return o;
    }
    let _ = writeln!(o, "\nTry order");
    if r.anonymous {
        let _ = writeln!(o, "  (no credentials) one anonymous pull");
    }
    for a in &r.try_order {
        let m = &a.matched;
        let _ = writeln!(
            o,
            "  {}. {}   key {}{}   from {} (written {:?})",
            a.position,
            m.tracked.credential,
            m.key,
            if m.via_fallback { " (Docker Hub fallback)" } else { "" },
            m.tracked.source,
            m.tracked.written_key
        );
    }
    if !r.anonymous {
        let _ = writeln!(o, "  The first successful pull wins; if every one fails, there is no anonymous attempt.");
    }
    o
}

fn run_match(a: MatchArgs) -> Res {
    if a.jsonl {
        jsonl::run(|line: Json| match_line(&line), |_, err| MatchLine::bad(err))?;
        return Ok(ExitCode::SUCCESS);
    }
    let ex = explain_urls_match(a.glob.as_deref().unwrap_or_default(), a.target.as_deref().unwrap_or_default());
    if a.json {
        println!("{}", serde_json::to_string_pretty(&ex)?);
    } else {
        println!("{:?} vs {:?}: {}", ex.glob, ex.target, if ex.matched { "MATCH" } else { "no match" });
        for s in &ex.steps {
            println!("  {} {}   [{} {}]", if s.passed { "ok " } else { "NO " }, s.text, s.rule.spec, s.rule.id);
        }
        if let Some(e) = &ex.error {
            println!("  error: {e}");
        }
    }
    Ok(if ex.matched { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn run_key(a: KeyArgs) -> Res {
    let all: Vec<_> = a.keys.iter().map(|k| normalize_key(k)).collect();
    if a.json {
        println!("{}", serde_json::to_string_pretty(&all)?);
        return Ok(ExitCode::SUCCESS);
    }
    for n in &all {
        match &n.result {
            Ok(k) => println!("{:?} → {k}", n.written),
            Err(e) => println!("{:?} → IGNORED ({e})", n.written),
        }
        for s in &n.steps {
            println!("  {}   [{} {}]", s.text, s.rule.spec, s.rule.id);
        }
    }
    Ok(if all.iter().all(|n| n.result.is_ok()) { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn run_secret(a: SecretArgs) -> Res {
    let g = generate_docker_registry_secret(&DockerRegistrySecretArgs {
        name: a.name,
        namespace: a.namespace,
        server: a.docker_server,
        username: a.docker_username,
        password: a.docker_password,
        email: a.docker_email,
    })?;
    print!("{}", g.yaml);
    if a.explain {
        let cfg = pullsim::creds::parse_docker_config_json(&g.docker_config_json)?;
        eprintln!("# .dockerconfigjson (auth is base64 of user:password); the kubelet reads:");
        for e in &cfg.entries {
            let n = normalize_key(&e.key);
            eprintln!("#   key {:?} → index key {:?}: {}", e.key, n.result.unwrap_or_default(), e.credential);
        }
    }
    Ok(ExitCode::SUCCESS)
}
