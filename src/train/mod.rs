//! Training: the run configuration ([`config`], layered with [`overrides`]), the data
//! pipeline ([`data`]), the learning-rate schedule ([`schedule`]), checkpoints
//! ([`checkpoint`]), the run directory ([`run_dir`]), the logged metrics ([`metrics`]) and the
//! training loop ([`trainer`]).

pub mod checkpoint;
pub mod config;
pub mod data;
pub mod metrics;
pub mod overrides;
pub mod run_dir;
pub mod schedule;
pub mod trainer;
