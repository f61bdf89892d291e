//! pullsim core: a faithful, pure model of what Kubernetes does with container images.
//!
//! Invariants (see ARCHITECTURE.md): no I/O, no clock, no randomness, no DOM. Time is an input.
//! Every public type is serde-serializable. Behaviour follows `../shared/spec/SPEC.md`; section
//! numbers in comments (`§1.5`) refer to it.

pub mod backoff;
pub mod creds;
pub mod glob;
pub mod gofmt;
pub mod policy;
pub mod reference;
pub mod rules;
pub mod share;
pub mod sim;
pub mod workload;
pub mod yaml;
