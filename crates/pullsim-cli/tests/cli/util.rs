//! Running the `pullsim` binary.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The built `pullsim` binary.
pub fn pullsim() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pullsim"))
}

/// Runs `pullsim ARGS` with `stdin` and returns its output.
pub fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = pullsim()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn pullsim");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    child.wait_with_output().expect("wait for pullsim")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

/// Parses every stdout line as JSON.
pub fn json_lines(o: &Output) -> Vec<serde_json::Value> {
    stdout(o).lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}
