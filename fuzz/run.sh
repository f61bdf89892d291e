#!/usr/bin/env bash
# Runs one cargo-fuzz target for a given time, then minimizes its corpus.
#
#   fuzz/run.sh TARGET SECONDS [libFuzzer flags…]      e.g. fuzz/run.sh reference 600
#   fuzz/run.sh list                                    the targets
#
# libFuzzer needs nightly compiler flags: the script uses `cargo +nightly` when a nightly
# toolchain is installed, else the stable toolchain with RUSTC_BOOTSTRAP=1. The core has no
# `unsafe`, so targets are built without a sanitizer (`-s none`: about twice the executions);
# debug assertions and overflow checks stay on. Corpora live in fuzz/corpus/TARGET, crashes in
# fuzz/artifacts/TARGET. Set FUZZ_NO_CMIN=1 to skip the minimization.
set -euo pipefail
cd "$(dirname "$0")"

targets=(reference workload creds scenario share)
if [[ "${1:-}" == list || $# -lt 2 ]]; then
    printf '%s\n' "${targets[@]}"
    [[ "${1:-}" == list ]] && exit 0
    echo "usage: fuzz/run.sh TARGET SECONDS [libFuzzer flags…]" >&2
    exit 2
fi
target=$1 seconds=$2
shift 2

if rustup run nightly rustc --version >/dev/null 2>&1; then
    cargo=(cargo +nightly fuzz)
else
    export RUSTC_BOOTSTRAP=1
    cargo=(cargo fuzz)
fi
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

"${cargo[@]}" run -s none -a "$target" -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 "$@"
if [[ -z "${FUZZ_NO_CMIN:-}" ]]; then
    "${cargo[@]}" cmin -s none -a "$target"
fi
