//! One component per file.

pub mod anatomy_view;
pub mod code_editor;
pub mod container_result;
pub mod cred_table;
pub mod credentials_panel;
pub mod decision_steps;
pub mod events_table;
pub mod example_picker;
pub mod node_panel;
pub mod playground;
pub mod pull_policy;
pub mod ref_error;
pub mod ref_input;
pub mod reference_lab;
pub mod registry_panel;
pub mod results;
pub mod rule_link;
pub mod rule_steps;
pub mod runtime_image;
pub mod secret_form;
pub mod share_bar;
pub mod shortcuts;
pub mod theme_toggle;
pub mod timeline;
pub mod timeline_chart;
pub mod timeline_controls;
