//! Training: the run configuration ([`config`], layered with [`overrides`]), the data
//! pipeline ([`data`], with the masked-LM task's masking in [`masking`]), the learning-rate schedule ([`schedule`]), checkpoints
//! ([`checkpoint`]), bounded reads and atomic writes ([`files`]), the run directory
//! ([`run_dir`]), the logged metrics ([`metrics`]), the run itself (below), sampling text
//! from a model ([`sample`]) and filling masked bytes ([`fill`]).
//!
//! A run is three layers, each importing only those under it:
//! - [`trainer`]: the loop, a session run step by step to its end or to a Ctrl-C;
//! - [`session`]: the step: a [`session::Session`] builds the model (resuming it when asked),
//!   runs one step with EvoMoE's schedule around it, logs, evaluates and saves checkpoints;
//! - [`run`] (what a run is given and reports: options, events, report, the corpus check) and
//!   [`resume`] (a checkpoint checked against the config and restored into a model), which the
//!   command line also calls directly.

pub mod checkpoint;
pub mod config;
pub mod data;
pub mod files;
pub mod fill;
pub mod masking;
pub mod metrics;
pub mod overrides;
pub mod resume;
pub mod run;
pub mod run_dir;
pub mod sample;
pub mod schedule;
pub mod session;
pub mod trainer;
