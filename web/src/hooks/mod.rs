//! Hooks: timers, media queries and the simulator's worker, kept out of the components.

pub mod use_debounce;
pub mod use_interval;
pub mod use_reduced_motion;
pub mod use_sim_worker;

pub use use_debounce::use_debounce;
pub use use_interval::use_interval;
pub use use_reduced_motion::use_reduced_motion;
pub use use_sim_worker::use_sim_worker;
