//! The CLI's integration tests: one test binary (like ripgrep's), one module per subcommand.
//! Each test runs the real `pullsim` binary and asserts on what it prints and how it exits.

mod backoff;
mod creds;
mod hygiene;
mod policy;
mod reference;
mod sim;
mod util;
