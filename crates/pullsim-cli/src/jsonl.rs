//! Batch mode plumbing shared by the `--jsonl` subcommands: one JSON value per stdin line, one
//! JSON object per stdout line, in order.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::io::{self, BufRead, BufWriter, Write};

/// Reads stdin line by line, decodes each non-blank line as `T`, and writes `f`'s answer as one
/// line of JSON. A line that does not decode gets `bad(line_number, error)` instead, so the
/// output stays aligned with the input.
pub fn run<T, O, F, B>(mut f: F, mut bad: B) -> io::Result<()>
where
    T: DeserializeOwned,
    O: Serialize,
    F: FnMut(T) -> O,
    B: FnMut(usize, String) -> O,
{
    let stdin = io::stdin();
    let mut out = BufWriter::new(io::stdout().lock());
    for (i, line) in stdin.lock().lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let answer = match serde_json::from_str::<T>(&line) {
            Ok(value) => serde_json::to_writer(&mut out, &f(value)),
            Err(e) => serde_json::to_writer(&mut out, &bad(i + 1, format!("line {}: {e}", i + 1))),
        };
        answer.map_err(io::Error::other)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
