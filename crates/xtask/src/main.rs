//! `cargo xtask …`: the project's two commands and their helpers, std only so that it builds
//! before anything else is installed.
//!
//! - `cargo xtask setup`: installs what the build and the tests need, idempotently, checking
//!   versions rather than mere presence.
//! - `cargo xtask serve`: set-up, then `trunk serve --release` on 127.0.0.1.
//! - `cargo xtask test`: set-up, then every check CI runs (fmt, clippy native and wasm32, native
//!   tests, wasm tests in Node.js and headless Chromium, release build, size report, end-to-end).
//! - `cargo xtask size`: the release wasm's size with and without the reference lab, written to
//!   BENCHMARKS.md.

use std::env;
use std::ffi::OsString;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

/// Trunk release the build is tested with (DEVELOPERS.md).
const TRUNK_VERSION: &str = "0.21.14";
/// npm `binaryen` package providing `wasm-opt`; Debian's wasm-opt 108 cannot read current
/// wasm-bindgen output. Trunk.toml pins the same version as `version_132`.
const BINARYEN_VERSION: &str = "132.0.0";
const WASM_OPT_VERSION_LINE: &str = "wasm-opt version 132 ";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// First-load budget (issue 5: "≤ 200 KB gzip"): wasm + js + css together, gzip, read the strict
/// way, 200 KB = 200,000 bytes (195.3 KiB).
const FIRST_LOAD_GZIP_BUDGET: u64 = 200_000;
/// What the reference parser may add to the wasm (issue 2: ≤ 30 KB).
const REFERENCE_CORE_BUDGET: u64 = 30 * 1024;

type Result<T = (), E = String> = std::result::Result<T, E>;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let Some((task, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let ctx = match Ctx::new() {
        Ok(ctx) => ctx,
        Err(e) => {
            eprintln!("xtask: {e}");
            return ExitCode::FAILURE;
        }
    };
    let started = Instant::now();
    let result = match task.as_str() {
        "setup" => setup(&ctx),
        "serve" => serve(&ctx, rest),
        "test" => test(&ctx),
        "size" => size(&ctx),
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        other => {
            eprintln!("xtask: unknown task `{other}`\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => {
            println!("xtask {task}: ok in {}", elapsed(started));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("\nxtask {task}: FAILED after {}\n{e}", elapsed(started));
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage: cargo xtask <task>

tasks:
  setup   install the wasm32 target, trunk, wasm-bindgen-cli, wasm-opt (npm binaryen),
          Chromium + ChromeDriver and the end-to-end test packages (idempotent)
  serve   setup, then build and serve the playground on http://127.0.0.1:8080
          (extra arguments go to `trunk serve`, e.g. `--port 9000`)
  test    setup, then every check CI runs
  size    report the release wasm size with and without the reference lab (BENCHMARKS.md)
";

/// Paths and environment shared by every task.
struct Ctx {
    /// The workspace root.
    root: PathBuf,
    /// Cache outside the repository for npm-installed tools (`~/.cache/pullsim`).
    cache: PathBuf,
    /// `$CARGO_HOME/bin`, where `cargo install` puts trunk and wasm-bindgen.
    cargo_bin: PathBuf,
}

impl Ctx {
    fn new() -> Result<Ctx> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .ancestors()
            .nth(2)
            .ok_or("cannot find the workspace root")?
            .to_path_buf();
        let home = env::var_os("HOME").map(PathBuf::from);
        let cache = match (env::var_os("PULLSIM_CACHE"), env::var_os("XDG_CACHE_HOME"), &home) {
            (Some(dir), _, _) => PathBuf::from(dir),
            (None, Some(xdg), _) => PathBuf::from(xdg).join("pullsim"),
            (None, None, Some(home)) => home.join(".cache").join("pullsim"),
            (None, None, None) => return Err("neither PULLSIM_CACHE nor HOME is set".into()),
        };
        let cargo_bin = match (env::var_os("CARGO_HOME"), &home) {
            (Some(dir), _) => PathBuf::from(dir).join("bin"),
            (None, Some(home)) => home.join(".cargo").join("bin"),
            (None, None) => return Err("neither CARGO_HOME nor HOME is set".into()),
        };
        let ctx = Ctx { root, cache, cargo_bin };
        // Every tool this process starts (trunk included, which looks wasm-opt and wasm-bindgen
        // up on PATH) sees npm's wasm-opt 132 before Debian's 108, and cargo's bin dir.
        let mut dirs = vec![ctx.npm_bin(), ctx.cargo_bin.clone()];
        dirs.extend(env::split_paths(&env::var_os("PATH").unwrap_or_default()));
        let path = env::join_paths(dirs).map_err(|e| format!("cannot build PATH: {e}"))?;
        // Single-threaded here, before any child process exists.
        env::set_var("PATH", path);
        env::set_current_dir(&ctx.root).map_err(|e| format!("cd {}: {e}", ctx.root.display()))?;
        Ok(ctx)
    }

    fn npm_dir(&self) -> PathBuf {
        self.cache.join("npm")
    }

    fn npm_bin(&self) -> PathBuf {
        self.npm_dir().join("node_modules").join(".bin")
    }

    fn dist(&self) -> PathBuf {
        self.root.join("dist")
    }
}

// ---------------------------------------------------------------------------------------------
// Steps and commands

/// Runs one named step: prints its name, times it, and turns a failure into a clear message.
fn step(name: &str, f: impl FnOnce() -> Result) -> Result {
    println!("\n==> {name}");
    let _ = std::io::stdout().flush();
    let started = Instant::now();
    match f() {
        Ok(()) => {
            println!("<== {name}: ok ({})", elapsed(started));
            Ok(())
        }
        Err(e) => Err(format!("step `{name}` failed: {e}")),
    }
}

fn elapsed(since: Instant) -> String {
    let s = since.elapsed().as_secs_f64();
    if s < 60.0 {
        format!("{s:.1}s")
    } else {
        format!("{}m{:02}s", (s / 60.0) as u64, (s % 60.0) as u64)
    }
}

fn cmd(program: &str, args: &[&str]) -> Command {
    let mut c = Command::new(program);
    c.args(args);
    c
}

fn show(c: &Command) -> String {
    let mut s = c.get_program().to_string_lossy().into_owned();
    for a in c.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

/// Runs a command with inherited stdio; a non-zero exit is an error naming the command.
fn run(mut c: Command) -> Result {
    let line = show(&c);
    println!("$ {line}");
    let _ = std::io::stdout().flush();
    let status = c.stdin(Stdio::null()).status().map_err(|e| format!("cannot start `{line}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{line}` exited with {status}"))
    }
}

/// Stdout of a command that succeeded, or `None` (not installed, failed).
fn capture(mut c: Command) -> Option<String> {
    let out = c.stdin(Stdio::null()).stderr(Stdio::null()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn cargo() -> Command {
    Command::new(env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo")))
}

fn cargo_args(args: &[&str]) -> Command {
    let mut c = cargo();
    c.args(args);
    c
}

// ---------------------------------------------------------------------------------------------
// setup

fn setup(ctx: &Ctx) -> Result {
    step("setup: rust target wasm32-unknown-unknown", || {
        let installed = capture(cmd("rustup", &["target", "list", "--installed"]))
            .ok_or("`rustup target list --installed` failed: is rustup installed?")?;
        if installed.lines().any(|l| l.trim() == WASM_TARGET) {
            println!("{WASM_TARGET}: installed");
            Ok(())
        } else {
            run(cmd("rustup", &["target", "add", WASM_TARGET]))
        }
    })?;
    step("setup: cargo fetch", || {
        // Downloads every crate (all targets) so that trunk's `cargo build --offline` works, and
        // writes Cargo.lock if a checkout lacks one (wasm-bindgen's version is read from it).
        run(cargo_args(&["fetch"]))
    })?;
    step(&format!("setup: trunk {TRUNK_VERSION}"), || {
        let want = format!("trunk {TRUNK_VERSION}");
        ensure_version("trunk", &want, || {
            run(cargo_args(&["install", "--locked", "trunk", "--version", TRUNK_VERSION]))
        })
    })?;
    let bindgen = lock_version(&ctx.root.join("Cargo.lock"), "wasm-bindgen")?;
    step(&format!("setup: wasm-bindgen-cli {bindgen} (as in Cargo.lock)"), || {
        let want = format!("wasm-bindgen {bindgen}");
        let want_runner = format!("wasm-bindgen-test-runner {bindgen}");
        let have = version_of("wasm-bindgen");
        let have_runner = version_of("wasm-bindgen-test-runner");
        if have.as_deref() == Some(want.as_str()) && have_runner.as_deref() == Some(&want_runner) {
            println!("{want}: installed");
            return Ok(());
        }
        println!("found {}; installing {want}", have.as_deref().unwrap_or("no wasm-bindgen"));
        // Not --locked: wasm-bindgen-cli's own lock file pins crates that no longer build with
        // current Rust; the wasm-bindgen version itself is what must match.
        run(cargo_args(&["install", "wasm-bindgen-cli", "--version", &bindgen]))?;
        check_version("wasm-bindgen", &want)
    })?;
    step("setup: node and npm", || {
        let node = version_of("node").ok_or("node is not installed (apt-get install nodejs)")?;
        let npm = version_of("npm").ok_or("npm is not installed (apt-get install npm)")?;
        let major: u32 = node
            .trim_start_matches('v')
            .split('.')
            .next()
            .and_then(|m| m.parse().ok())
            .ok_or(format!("cannot read node's version from `{node}`"))?;
        if major < 20 {
            return Err(format!("node {node} is too old: playwright-core needs node 20 or newer"));
        }
        println!("node {node}, npm {npm}");
        Ok(())
    })?;
    step(&format!("setup: wasm-opt (npm binaryen@{BINARYEN_VERSION})"), || {
        let wasm_opt = ctx.npm_bin().join("wasm-opt");
        let have = capture(version_cmd(&wasm_opt));
        if have.as_deref().is_some_and(|v| v.starts_with(WASM_OPT_VERSION_LINE)) {
            println!("{}: {}", wasm_opt.display(), have.unwrap_or_default().trim());
            return Ok(());
        }
        let dir = ctx.npm_dir();
        fs::create_dir_all(&dir).map_err(|e| format!("mkdir {}: {e}", dir.display()))?;
        let mut c = cmd(
            "npm",
            &["install", "--no-audit", "--no-fund", "--save-exact", &format!("binaryen@{BINARYEN_VERSION}")],
        );
        c.arg("--prefix").arg(&dir);
        run(c)?;
        let have = capture(version_cmd(&wasm_opt)).unwrap_or_default();
        if have.starts_with(WASM_OPT_VERSION_LINE) {
            Ok(())
        } else {
            Err(format!("{} reports `{}`, want `{WASM_OPT_VERSION_LINE}…`", wasm_opt.display(), have.trim()))
        }
    })?;
    step("setup: Chromium and ChromeDriver (Debian)", || {
        let versions = || {
            let chromium = capture(cmd(CHROMIUM, &["--version"]))?;
            let driver = capture(cmd(CHROMEDRIVER, &["--version"]))?;
            Some((chromium, driver))
        };
        if let Some((chromium, driver)) = versions() {
            if major_version(&chromium).is_some() && major_version(&chromium) == major_version(&driver) {
                println!("{}\n{}", first_line(&chromium), first_line(&driver));
                return Ok(());
            }
            println!(
                "Chromium and ChromeDriver differ: `{}` vs `{}`; upgrading both",
                first_line(&chromium),
                first_line(&driver)
            );
        }
        apt_install(&["chromium", "chromium-driver"])?;
        let (chromium, driver) = versions().ok_or("chromium or chromedriver still missing after apt-get install")?;
        println!("{}\n{}", first_line(&chromium), first_line(&driver));
        Ok(())
    })?;
    step("setup: end-to-end test packages (tests/, npm ci)", || {
        let tests = ctx.root.join("tests");
        let pinned = npm_pinned(&tests.join("package.json"), "playwright-core")?;
        let installed = fs::read_to_string(tests.join("node_modules/playwright-core/package.json"))
            .ok()
            .and_then(|json| json_string_field(&json, "version"));
        if installed.as_deref() == Some(pinned.as_str()) {
            println!("playwright-core {pinned}: installed");
            return Ok(());
        }
        // The browser is Debian's Chromium: playwright-core downloads none, and
        // `npx playwright install` must never run here (it cannot reach its download host).
        let mut c = cmd("npm", &["ci", "--no-audit", "--no-fund"]);
        c.current_dir(&tests).env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        run(c)
    })?;
    Ok(())
}

/// Runs `install` unless `program --version` prints `want` (its first line, trimmed).
fn ensure_version(program: &str, want: &str, install: impl FnOnce() -> Result) -> Result {
    match version_of(program) {
        Some(have) if have == want => {
            println!("{want}: installed");
            Ok(())
        }
        have => {
            println!("found {}; installing {want}", have.as_deref().unwrap_or("none"));
            install()?;
            check_version(program, want)
        }
    }
}

fn check_version(program: &str, want: &str) -> Result {
    match version_of(program) {
        Some(have) if have == want => Ok(()),
        have => Err(format!(
            "after installing, `{program} --version` says {:?}, want {want:?} \
             (is $CARGO_HOME/bin first on PATH?)",
            have.unwrap_or_default()
        )),
    }
}

fn version_cmd(program: &Path) -> Command {
    let mut c = Command::new(program);
    c.arg("--version");
    c
}

/// First line of `program --version`, trimmed.
fn version_of(program: &str) -> Option<String> {
    capture(cmd(program, &["--version"])).map(|s| first_line(&s).to_string())
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("").trim()
}

/// The first number in the first dotted version found, e.g. 156 in "Chromium 156.0.8078.79 …".
fn major_version(s: &str) -> Option<u32> {
    s.split_whitespace()
        .find(|w| w.contains('.') && w.starts_with(|c: char| c.is_ascii_digit()))
        .and_then(|w| w.split('.').next())
        .and_then(|m| m.parse().ok())
}

fn apt_install(packages: &[&str]) -> Result {
    let root = capture(cmd("id", &["-u"])).is_some_and(|uid| uid.trim() == "0");
    let apt = |args: &[&str]| {
        let mut c = if root {
            cmd("apt-get", args)
        } else {
            let mut c = cmd("sudo", &["-n", "apt-get"]);
            c.args(args);
            c
        };
        c.env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    run(apt(&["update"]))?;
    let mut args = vec!["install", "-y"];
    args.extend_from_slice(packages);
    run(apt(&args))
}

/// The version of `package` recorded in Cargo.lock.
fn lock_version(lock: &Path, package: &str) -> Result<String> {
    let text = fs::read_to_string(lock).map_err(|e| format!("read {}: {e}", lock.display()))?;
    parse_lock_version(&text, package).ok_or(format!("{} has no package `{package}`", lock.display()))
}

fn parse_lock_version(lock: &str, package: &str) -> Option<String> {
    let want = format!("name = \"{package}\"");
    let mut lines = lock.lines().map(str::trim);
    while let Some(line) = lines.next() {
        if line == want {
            let version = lines.next()?.strip_prefix("version = \"")?;
            return Some(version.strip_suffix('"')?.to_string());
        }
    }
    None
}

/// The exact version `package` is pinned to in an npm package.json.
fn npm_pinned(package_json: &Path, package: &str) -> Result<String> {
    let json = fs::read_to_string(package_json).map_err(|e| format!("read {}: {e}", package_json.display()))?;
    let version =
        json_string_field(&json, package).ok_or(format!("{} does not depend on {package}", package_json.display()))?;
    if version.starts_with(|c: char| c.is_ascii_digit()) {
        Ok(version)
    } else {
        Err(format!("{}: pin {package} to an exact version, not `{version}`", package_json.display()))
    }
}

/// The string value of the first `"key": "value"` in a JSON text. Enough for package.json files
/// whose keys of interest are unique; avoids a JSON dependency here.
fn json_string_field(json: &str, key: &str) -> Option<String> {
    let needle = format!("\"{key}\"");
    let rest = &json[json.find(&needle)? + needle.len()..];
    let rest = rest.trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    Some(rest[..rest.find('"')?].to_string())
}

// ---------------------------------------------------------------------------------------------
// serve

fn serve(ctx: &Ctx, extra: &[String]) -> Result {
    setup(ctx)?;
    step("trunk serve --release on 127.0.0.1", || {
        let mut c = cmd("trunk", &["serve", "--release", "--address", "127.0.0.1", "--no-autoreload"]);
        c.args(extra);
        println!(
            "(autoreload is off: its inline script and websocket are what the page's \
             Content-Security-Policy forbids)"
        );
        run(c)
    })
}

// ---------------------------------------------------------------------------------------------
// test

fn test(ctx: &Ctx) -> Result {
    setup(ctx)?;
    let wasm = ["--target", WASM_TARGET];
    step("rustfmt (cargo fmt --check)", || run(cargo_args(&["fmt", "--all", "--", "--check"])))?;
    step("clippy, native", || run(cargo_args(&["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])))?;
    step("clippy, wasm32", || {
        let mut c = cargo_args(&["clippy", "-p", "pullsim", "-p", "pullsim-web"]);
        c.args(wasm).args(["--all-targets", "--", "-D", "warnings"]);
        run(c)
    })?;
    step("tests, native (cargo test --workspace)", || run(cargo_args(&["test", "--workspace"])))?;
    step("tests, core in wasm32 under Node.js", || {
        let mut c = cargo_args(&["test", "-p", "pullsim"]);
        c.args(wasm);
        run(c)
    })?;
    step("tests, web components in headless Chromium", || {
        let mut c = cargo_args(&["test", "-p", "pullsim-web"]);
        c.args(wasm)
            .env("CHROMEDRIVER", CHROMEDRIVER)
            // wasm-bindgen-test-runner reads web/webdriver.json for Chromium's flags.
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120");
        run(c)
    })?;
    step("trunk build --release", || run(cmd("trunk", &["build", "--release"])))?;
    step("first-load size report (dist/)", || size_report(ctx))?;
    step("end-to-end tests (Playwright + Chromium, node --test)", || {
        let e2e = ctx.root.join("tests").join("e2e");
        let mut files: Vec<PathBuf> = fs::read_dir(&e2e)
            .map_err(|e| format!("read {}: {e}", e2e.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(format!("no *.test.mjs files in {}", e2e.display()));
        }
        let mut c = cmd("node", &["--test", "--test-reporter=spec"]);
        c.args(&files).env("PULLSIM_DIST", ctx.dist()).env("PULLSIM_CHROMIUM", CHROMIUM);
        run(c)
    })?;
    Ok(())
}

/// Sizes of one file: raw, gzip -9, brotli (quality 11), computed by Node's zlib.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Sizes {
    raw: u64,
    gzip: u64,
    brotli: u64,
}

impl std::ops::Add for Sizes {
    type Output = Sizes;
    fn add(self, o: Sizes) -> Sizes {
        Sizes { raw: self.raw + o.raw, gzip: self.gzip + o.gzip, brotli: self.brotli + o.brotli }
    }
}

const SIZES_JS: &str = "const z=require('zlib'),f=require('fs');\
for(const p of process.argv.slice(1)){const b=f.readFileSync(p);\
console.log(b.length,z.gzipSync(b,{level:9}).length,\
z.brotliCompressSync(b,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length)}";

fn sizes(files: &[PathBuf]) -> Result<Vec<Sizes>> {
    let mut c = cmd("node", &["-e", SIZES_JS]);
    c.args(files);
    let out = capture(c).ok_or("node could not compress the files")?;
    let parsed: Option<Vec<Sizes>> = out
        .lines()
        .map(|line| {
            let mut n = line.split_whitespace().map(|w| w.parse::<u64>().ok());
            Some(Sizes { raw: n.next()??, gzip: n.next()??, brotli: n.next()?? })
        })
        .collect();
    match parsed {
        Some(v) if v.len() == files.len() => Ok(v),
        _ => Err(format!("unexpected output from node: {out}")),
    }
}

fn kib(bytes: u64) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

/// Whether a file of dist/ belongs to the simulator's Web Worker (`pullsim-worker*`: its wasm,
/// its JS glue and Trunk's loader), which the page starts loading only once it runs: it is not
/// part of the first load.
fn is_worker_file(name: &str) -> bool {
    name.starts_with("pullsim-worker")
}

/// web/embed.html, copied to dist/ as an example for host pages (README, "Embedding").
const EMBED_EXAMPLE_PAGE: &str = "embed.html";

/// Prints the first-load size of dist/ (the page's files) and the worker's separately, and fails
/// when the first load is above the budget.
fn size_report(ctx: &Ctx) -> Result {
    let dist = ctx.dist();
    let mut files: Vec<PathBuf> = fs::read_dir(&dist)
        .map_err(|e| format!("read {}: {e}", dist.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("wasm" | "js" | "css" | "html")))
        .collect();
    files.sort();
    let name_of = |p: &PathBuf| p.file_name().unwrap_or_default().to_string_lossy().into_owned();
    // The example host page for the embed mode is a page of its own, never loaded by the app.
    files.retain(|p| name_of(p) != EMBED_EXAMPLE_PAGE);
    let (worker, page): (Vec<PathBuf>, Vec<PathBuf>) = files.into_iter().partition(|p| is_worker_file(&name_of(p)));
    let row = |name: &str, s: &Sizes| {
        println!("{name:<44} {:>12} {:>12} {:>12}", kib(s.raw), kib(s.gzip), kib(s.brotli));
    };
    println!("{:<44} {:>12} {:>12} {:>12}", "file", "raw", "gzip -9", "brotli 11");
    let mut total = Sizes::default();
    for (path, s) in page.iter().zip(&sizes(&page)?) {
        row(&name_of(path), s);
        total = total + *s;
    }
    row("first load (all of the above)", &total);
    let mut worker_total = Sizes::default();
    for (path, s) in worker.iter().zip(&sizes(&worker)?) {
        row(&name_of(path), s);
        worker_total = worker_total + *s;
    }
    row("simulator worker, loaded after start", &worker_total);
    if total.gzip > FIRST_LOAD_GZIP_BUDGET {
        return Err(format!("first load is {} gzip, over the {} budget", kib(total.gzip), kib(FIRST_LOAD_GZIP_BUDGET)));
    }
    println!(
        "within the first-load budget: {} ({} B) of {} ({} B) gzip",
        kib(total.gzip),
        total.gzip,
        kib(FIRST_LOAD_GZIP_BUDGET),
        FIRST_LOAD_GZIP_BUDGET
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// size

/// One way of building the web app for the size comparison.
struct Variant {
    name: &'static str,
    what: &'static str,
    cargo_args: &'static [&'static str],
}

const VARIANTS: [Variant; 3] = [
    Variant { name: "full", what: "the page as shipped", cargo_args: &[] },
    Variant {
        name: "stub-analysis",
        what: "the same page with a fixed stub instead of the core's reference analysis",
        cargo_args: &["--no-default-features", "--features", "lab"],
    },
    Variant { name: "shell", what: "header and footer only, no reference lab", cargo_args: &["--no-default-features"] },
];

fn size(ctx: &Ctx) -> Result {
    setup(ctx)?;
    let out_root = ctx.root.join("target").join("size");
    let wasm_opt = ctx.npm_bin().join("wasm-opt");
    let mut results = Vec::new();
    for v in &VARIANTS {
        let out = out_root.join(v.name);
        step(&format!("size: build `{}` ({})", v.name, v.what), || {
            let mut c = cargo_args(&["build", "--release", "-p", "pullsim-web", "--bin"]);
            c.arg("pullsim-web").args(["--target", WASM_TARGET]).args(v.cargo_args);
            run(c)?;
            let built = ctx.root.join("target").join(WASM_TARGET).join("release").join("pullsim-web.wasm");
            let _ = fs::remove_dir_all(&out);
            fs::create_dir_all(&out).map_err(|e| format!("mkdir {}: {e}", out.display()))?;
            // The same pipeline as trunk: wasm-bindgen --target web, then wasm-opt -Oz.
            let mut c = cmd("wasm-bindgen", &["--target", "web", "--no-typescript"]);
            c.arg("--out-dir").arg(&out).arg(&built);
            run(c)?;
            let bg = out.join("pullsim-web_bg.wasm");
            let mut c = Command::new(&wasm_opt);
            c.arg("-Oz").arg(&bg).arg("-o").arg(out.join("opt.wasm"));
            run(c)?;
            let s = sizes(&[bg.clone(), out.join("opt.wasm"), out.join("pullsim-web.js")])?;
            results.push((v, s[0], s[1], s[2]));
            Ok(())
        })?;
    }
    let mut md = String::from(
        "## Wasm size\n\n\
         Measured by `cargo xtask size`: `cargo build --release` of `pullsim-web` for\n\
         wasm32-unknown-unknown (profile: opt-level \"z\", LTO, one codegen unit, panic=abort), then\n\
         `wasm-bindgen --target web` and `wasm-opt -Oz` (binaryen 132), as `trunk build --release`\n\
         does. gzip is level 9, brotli quality 11 (Node's zlib).\n\n\
         | build | wasm (bindgen) | wasm after wasm-opt | gzip | brotli | JS glue (gzip) |\n\
         | --- | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for (v, raw, opt, js) in &results {
        md.push_str(&format!(
            "| `{}`: {} | {} B | {} B | {} B | {} B | {} B |\n",
            v.name, v.what, raw.raw, opt.raw, opt.gzip, opt.brotli, js.gzip
        ));
    }
    if let [(_, _, full, _), (_, _, stub, _), (_, _, shell, _)] = results.as_slice() {
        let diff = |a: &Sizes, b: &Sizes| {
            format!(
                "**{} B** ({} B gzip, {} B brotli)",
                a.raw as i64 - b.raw as i64,
                a.gzip as i64 - b.gzip as i64,
                a.brotli as i64 - b.brotli as i64
            )
        };
        md.push_str(&format!(
            "\nWhat the reference core adds (`full` − `stub-analysis`: the hand-written parser, \
             normalization, the\nkubelet's ParseImageName/applyDefaultImageTag, pull-policy \
             defaulting and the explanations): {}.\nWhat the lab's view code adds (`stub-analysis` \
             − `shell`): {}.\n",
            diff(full, stub),
            diff(stub, shell)
        ));
        let core = full.raw.saturating_sub(stub.raw);
        md.push_str(&format!(
            "\nTarget for the reference core (issue: ≤ {} B): {}.\n",
            REFERENCE_CORE_BUDGET,
            if core <= REFERENCE_CORE_BUDGET { "met" } else { "**missed**" }
        ));
    }
    print!("\n{md}");
    let path = ctx.root.join("BENCHMARKS.md");
    let old = fs::read_to_string(&path).unwrap_or_else(|_| "# Benchmarks\n".to_string());
    fs::write(&path, replace_section(&old, "## Wasm size", &md))
        .map_err(|e| format!("write {}: {e}", path.display()))?;
    println!("wrote the \"Wasm size\" section of {}", path.display());
    Ok(())
}

/// Replaces the markdown section that starts with `heading` (up to the next `## ` heading) with
/// `body`, or appends `body` when there is no such section.
fn replace_section(doc: &str, heading: &str, body: &str) -> String {
    let body = body.trim_end();
    let Some(start) = doc.match_indices(heading).map(|(i, _)| i).find(|&i| i == 0 || doc[..i].ends_with('\n')) else {
        return format!("{}\n\n{body}\n", doc.trim_end());
    };
    let after = &doc[start + heading.len()..];
    let end = after.find("\n## ").map(|i| start + heading.len() + i + 1).unwrap_or(doc.len());
    let rest = &doc[end..];
    if rest.is_empty() {
        format!("{}{body}\n", &doc[..start])
    } else {
        format!("{}{body}\n\n{rest}", &doc[..start])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_locked_version() {
        let lock = "[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\nsource = \"x\"\n\n\
                    [[package]]\nname = \"wasm-bindgen-test\"\nversion = \"0.3.80\"\n";
        assert_eq!(parse_lock_version(lock, "wasm-bindgen").as_deref(), Some("0.2.130"));
        assert_eq!(parse_lock_version(lock, "wasm-bindgen-test").as_deref(), Some("0.3.80"));
        assert_eq!(parse_lock_version(lock, "wasm"), None);
    }

    #[test]
    fn reads_npm_pins() {
        let json = r#"{ "devDependencies": { "playwright-core" : "1.65.1" }, "version": "0.1.0" }"#;
        assert_eq!(json_string_field(json, "playwright-core").as_deref(), Some("1.65.1"));
        assert_eq!(json_string_field(json, "version").as_deref(), Some("0.1.0"));
        assert_eq!(json_string_field(json, "missing"), None);
    }

    #[test]
    fn the_worker_is_not_part_of_the_first_load() {
        assert!(is_worker_file("pullsim-worker-3f2a_bg.wasm"));
        assert!(is_worker_file("pullsim-worker_loader.js"));
        assert!(!is_worker_file("pullsim-web-3f2a_bg.wasm"));
        assert!(!is_worker_file("index.html"));
    }

    #[test]
    fn compares_browser_majors() {
        let chromium = "Chromium 156.0.8078.79 built on Debian GNU/Linux 12 (bookworm)";
        let driver = "ChromeDriver 156.0.8078.79 (a21ce95c24ce-refs/branch-heads/8078@{#1704})";
        assert_eq!(major_version(chromium), Some(156));
        assert_eq!(major_version(driver), Some(156));
        assert_eq!(major_version("ChromeDriver"), None);
    }

    #[test]
    fn replaces_only_its_section() {
        let doc = "# Benchmarks\n\n## Parsing\n\nfast\n\n## Wasm size\n\nold\n\n## Later\n\nkept\n";
        assert_eq!(
            replace_section(doc, "## Wasm size", "## Wasm size\n\nnew\n"),
            "# Benchmarks\n\n## Parsing\n\nfast\n\n## Wasm size\n\nnew\n\n## Later\n\nkept\n"
        );
        let last = "# B\n\n## Wasm size\n\nold\n";
        assert_eq!(replace_section(last, "## Wasm size", "## Wasm size\n\nnew"), "# B\n\n## Wasm size\n\nnew\n");
        assert_eq!(replace_section("# B\n", "## Wasm size", "## Wasm size\n\nnew\n"), "# B\n\n## Wasm size\n\nnew\n");
    }
}
