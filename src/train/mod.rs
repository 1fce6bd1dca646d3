//! Training: the run configuration ([`config`], layered with [`overrides`]), the data
//! pipeline ([`data`], with the masked-LM task's masking in [`masking`]), the learning-rate schedule ([`schedule`]), checkpoints
//! ([`checkpoint`]), bounded reads and atomic writes ([`files`]), the run directory
//! ([`run_dir`]), the logged metrics ([`metrics`]), the
//! training loop ([`trainer`]) over a run held open between steps ([`session`]), sampling
//! text from a model ([`sample`]) and filling masked bytes ([`fill`]).

pub mod checkpoint;
pub mod config;
pub mod data;
pub mod files;
pub mod fill;
pub mod masking;
pub mod metrics;
pub mod overrides;
pub mod run_dir;
pub mod sample;
pub mod schedule;
pub mod session;
pub mod trainer;
