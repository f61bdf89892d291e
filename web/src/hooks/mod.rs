//! Hooks: timers, media queries, the simulator's worker, the keyboard, the address bar and
//! clipboard, storage, and the embedding host page, kept out of the components.

pub mod use_debounce;
pub mod use_host_bridge;
pub mod use_interval;
pub mod use_reduced_motion;
pub mod use_share_link;
pub mod use_shortcuts;
pub mod use_sim_worker;
pub mod use_theme;

pub use use_debounce::use_debounce;
pub use use_host_bridge::use_host_bridge;
pub use use_interval::use_interval;
pub use use_reduced_motion::use_reduced_motion;
pub use use_share_link::{use_hash_links, use_share_link};
pub use use_shortcuts::{use_shortcuts, Shortcut};
pub use use_sim_worker::use_sim_worker;
pub use use_theme::use_theme;
