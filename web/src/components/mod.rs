//! One component per file.

pub mod anatomy_view;
pub mod pull_policy;
pub mod ref_error;
pub mod ref_input;
pub mod reference_lab;
pub mod rule_steps;
pub mod runtime_image;
