//! pullsim core: a faithful, pure model of what Kubernetes does with container images.
//!
//! Invariants (see ARCHITECTURE.md): no I/O, no clock, no randomness, no DOM. Time is an input.
//! Every public type is serde-serializable. Behaviour follows `../shared/spec/SPEC.md`; section
//! numbers in comments (`§1.5`) refer to it.
//!
//! Panic-free by construction where practical (issue 6): outside tests, `unwrap`, `expect`,
//! `panic!`, `unreachable!`, `todo!` and indexing that can fail are refused by clippy. The few
//! modules that index by design (hand ports of Go scanners, the engine's own arenas) say why at
//! their `mod` line; fuzzing (FUZZING.md) and property tests back those claims.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented,
        clippy::indexing_slicing
    )
)]

pub mod backoff;
pub mod creds;
// Go's path.Match ported loop for loop: every index is checked against the length just before.
#[allow(clippy::indexing_slicing)]
pub mod glob;
pub mod gofmt;
pub mod policy;
pub mod reference;
pub mod rules;
pub mod share;
pub mod sim;
pub mod workload;
pub mod yaml;
