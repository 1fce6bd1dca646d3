//! What a training run is given and what it gives back, shared by the step ([`super::session`]),
//! the loop ([`super::trainer`]) and every front end: the options ([`TrainOptions`]), the progress
//! events ([`Event`]), the report ([`TrainReport`]), and the check that the texts suit the run's
//! shapes ([`check_corpus`]).

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::train::config::RunConfig;
use crate::train::data::{eval_batches, Corpus};
use crate::train::metrics::LogLine;

/// What a run needs besides its config.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub run: RunConfig,
    /// Directory for config, metrics and checkpoints (`None`: keep nothing).
    pub out_dir: Option<PathBuf>,
    /// Continue from the checkpoint in `out_dir`.
    pub resume: bool,
    /// Stop (with a checkpoint) after this step although the schedule runs on: an interrupted
    /// run, as a test of exact resumption.
    pub stop_after: Option<u64>,
    /// Set (by a Ctrl-C handler) to stop after the current step with a checkpoint.
    pub interrupt: Option<Arc<AtomicBool>>,
    /// Resume although the training data differs from the checkpoint's.
    pub allow_data_change: bool,
}

impl TrainOptions {
    pub fn new(run: RunConfig) -> TrainOptions {
        TrainOptions {
            run,
            out_dir: None,
            resume: false,
            stop_after: None,
            interrupt: None,
            allow_data_change: false,
        }
    }
}

/// Progress reports for a front end.
pub enum Event<'a> {
    /// The model is built; steps `start..end` follow.
    Started { start: u64, end: u64, params: usize },
    /// Step `step` (1-based) was submitted.
    Step(u64),
    /// A logged point.
    Log(&'a LogLine),
    /// Something worth a line (spawn, hard switch, checkpoint).
    Note(String),
    /// The run was interrupted after step `step` and is saving its checkpoint.
    Stopping { step: u64 },
}

/// What a run did.
#[derive(Clone, Debug)]
pub struct TrainReport {
    /// Parameter values at the end, in `model_specs` order.
    pub params: Vec<Vec<f32>>,
    pub log: Vec<LogLine>,
    pub final_val_loss: f32,
    /// Validation accuracy at the end (next bytes for the LM, masked bytes for the masked LM).
    pub final_val_accuracy: f32,
    /// Validation loss just before the spawn (EvoMoE).
    pub spawn_val_loss: Option<f32>,
    /// Mean training throughput over the steps of this invocation (step time only).
    pub tokens_per_s: f64,
    /// Steps run by this invocation.
    pub steps_run: u64,
    /// The step the run ended at.
    pub end_step: u64,
    pub interrupted: bool,
    pub adapter: String,
    /// Wall time of this invocation.
    pub wall_s: f64,
}

/// Checks that the texts hold at least one training window and one validation batch, before
/// any work.
pub fn check_corpus(corpus: &Corpus, batch: usize, context: usize) -> Result<()> {
    let unit = corpus.unit();
    if corpus.train.len() < context + 2 {
        return Err(Error::Config(format!(
            "the training split has {} {unit}; a context of {context} needs at least {}",
            corpus.train.len(),
            context + 2
        )));
    }
    if eval_batches(&corpus.val, batch, context, 1).is_empty() {
        return Err(Error::Config(format!(
            "the validation split has {} {unit}, shorter than one batch of {batch} x {context} \
             {unit} (+1); use longer data, a smaller train.batch or a larger train.val_fraction",
            corpus.val.len()
        )));
    }
    Ok(())
}
