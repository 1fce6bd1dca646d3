//! The training loop for every method: sample a batch, one single-submit step, EvoMoE's schedule
//! between steps (spawn, temperature, hard top-1, FFN path), the loss and routing statistics on
//! logging steps, evaluation on held-out data, metrics as JSON lines and checkpoints that survive
//! a crash, a divergence or a Ctrl-C, and exact resumption (the batch of step `s`, the gates'
//! noise and the spawn masks depend only on the seeds and `s`).
//!
//! Per step, host side only: the gates' state (step, `tau`, hard top-1) is a 16-byte buffer
//! write before the submit; the FFN path of each MoE layer is a tape variant selected between
//! steps. A logging step waits for the GPU (its window's steps are done by then), reads the
//! routing statistics, moves each DTS layer to the path its measured density makes cheaper, and
//! runs the probe batch in evaluation mode for routing stability.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::gpu::Gpu;
use crate::model::transformer::{Model, Stage};
use crate::moe::expert_ffn::FfnPath;
use crate::moe::schedule::{EvoMoePlan, Phase};
use crate::optim::Optimizer;
use crate::train::checkpoint::{self, Checkpoint, Named};
use crate::train::config::RunConfig;
use crate::train::data::{eval_batches, Batch, Corpus, Fingerprint};
use crate::train::metrics::LogLine;
pub use crate::train::session::Session;

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
    if corpus.train.len() < context + 2 {
        return Err(Error::Config(format!(
            "the training text has {} bytes; a context of {context} needs at least {}",
            corpus.train.len(),
            context + 2
        )));
    }
    if eval_batches(&corpus.val, batch, context, 1).is_empty() {
        return Err(Error::Config(format!(
            "the validation split has {} bytes, shorter than one batch of {batch} x {context} \
             bytes (+1); use a longer text, a smaller train.batch or a larger train.val_fraction",
            corpus.val.len()
        )));
    }
    Ok(())
}

/// Mean loss over the first `n` validation batches, in evaluation mode (no noise, top-1).
pub async fn evaluate(gpu: &Gpu, model: &mut Model, data: &[u8], n: usize) -> Result<f32> {
    let batches = eval_batches(data, model.batch, model.seq, n);
    if batches.is_empty() {
        return Err(Error::Config(format!(
            "validation text of {} bytes is too short for one {}x{} batch",
            data.len(),
            model.batch,
            model.seq
        )));
    }
    model
        .with_eval(gpu, async |m| {
            let mut sum = 0.0;
            for b in &batches {
                sum += m.loss(gpu, &b.inputs, &b.targets).await? as f64;
            }
            Ok((sum / batches.len() as f64) as f32)
        })
        .await
}

/// Each MoE layer's top expert for every token of `probe`, in evaluation mode.
pub(crate) async fn top_experts(
    gpu: &Gpu,
    model: &mut Model,
    probe: &Batch,
) -> Result<Vec<Vec<u32>>> {
    model
        .with_eval(gpu, async |m| {
            m.forward(gpu, &probe.inputs, &probe.targets)?;
            let mut top = Vec::new();
            for l in m.moe_layers() {
                let sel = l.gate.sel_expert.read_u32(gpu).await?;
                top.push(sel.into_iter().step_by(l.gate.k()).collect());
            }
            Ok(top)
        })
        .await
}

/// Every parameter with its AdamW moments, for a checkpoint; an error if any is not finite.
pub(crate) async fn snapshot(
    gpu: &Gpu,
    model: &Model,
    opt: &Optimizer,
    step: u64,
) -> Result<Vec<Named>> {
    let mut tensors = Vec::new();
    for p in model.param_list() {
        let mv = &opt.moments[p.index];
        for (prefix, t) in [("", &p.value), ("adam.m.", &mv.m), ("adam.v.", &mv.v)] {
            let data = t.read_f32(gpu).await?;
            if data.iter().any(|x| !x.is_finite()) {
                return Err(Error::Config(format!(
                    "training diverged by step {step}: `{prefix}{}` is not finite (try a lower train.lr)",
                    p.spec.name
                )));
            }
            tensors.push(Named {
                name: format!("{prefix}{}", p.spec.name),
                shape: p.spec.shape.clone(),
                data,
            });
        }
    }
    Ok(tensors)
}

/// The metadata of a checkpoint of `model` after `step` steps of `run` on `corpus`.
pub(crate) fn metadata(
    model: &Model,
    run: &RunConfig,
    corpus: &Corpus,
    step: u64,
) -> std::collections::HashMap<String, String> {
    let paths: Vec<&str> = model.paths().iter().map(|p| p.name()).collect();
    std::collections::HashMap::from([
        ("format".into(), checkpoint::FORMAT.into()),
        ("step".into(), step.to_string()),
        ("method".into(), run.method.name().into()),
        ("stage".into(), model.stage().name().into()),
        (
            "spawned_at".into(),
            model.spawned_at().map_or(String::new(), |s| s.to_string()),
        ),
        ("paths".into(), paths.join(",")),
        ("data".into(), corpus.fingerprint.encode()),
        (
            "rng".into(),
            "counter-based: batches, gate noise and spawn masks are functions of the seeds and \
             the step"
                .into(),
        ),
        ("config".into(), run.to_toml()),
    ])
}

/// What a checkpoint says about the model beside its tensors, each field checked.
struct SavedState {
    step: u64,
    stage: Stage,
    spawned_at: Option<u32>,
    paths: Vec<FfnPath>,
}

/// Checks every metadata field of `ckpt` against `run` (before a GPU is opened, so that a
/// damaged or edited checkpoint is refused at once): the format, the config, the method, a
/// step within the run, the EvoMoE stage and spawn step the schedule implies at that step, one
/// known FFN path per MoE layer.
pub fn check_checkpoint(ckpt: &Checkpoint, run: &RunConfig, path: &Path) -> Result<()> {
    saved_state(ckpt, run, path).map(|_| ())
}

fn saved_state(ckpt: &Checkpoint, run: &RunConfig, path: &Path) -> Result<SavedState> {
    let bad = |what: String| {
        Error::Config(format!(
            "checkpoint {}: {what}; the checkpoint is damaged or was edited",
            path.display()
        ))
    };
    match ckpt.get("format") {
        Some("evomoe-checkpoint-1") | Some(checkpoint::FORMAT) => {}
        Some(f) => return Err(bad(format!("unknown format `{f}`"))),
        None => {
            return Err(Error::Config(format!(
                "{} is not an evomoe checkpoint",
                path.display()
            )))
        }
    }
    let saved = ckpt
        .get("config")
        .ok_or_else(|| Error::Config(format!("{} is not an evomoe checkpoint", path.display())))?;
    let saved = RunConfig::from_toml(saved)?;
    let diffs = saved.differences(run);
    if !diffs.is_empty() {
        return Err(Error::Config(format!(
            "checkpoint {} was written by another config ({})",
            path.display(),
            diffs.join("; ")
        )));
    }
    if ckpt.get("method") != Some(run.method.name()) {
        return Err(bad(format!(
            "method `{}` disagrees with its config's `{}`",
            ckpt.get("method").unwrap_or("(none)"),
            run.method.name()
        )));
    }
    let step: u64 = ckpt
        .get("step")
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad("no step".into()))?;
    if step > run.train.steps {
        return Err(bad(format!(
            "step {step} is past the run's {} steps",
            run.train.steps
        )));
    }
    // A model that starts with a base expert keeps it through step T_base and spawns before
    // the next; every other model routes from the start.
    let base_steps = run.plan().map_or(0, |p| p.base_steps);
    let cfg = run.gpt_config();
    let with_base = cfg.moe.as_ref().is_some_and(|m| m.spawn.is_some());
    let (want_stage, want_spawn) = match with_base {
        true if step <= base_steps => (Stage::BaseExpert, None),
        true => (Stage::Experts, Some(base_steps as u32)),
        false => (Stage::Experts, None),
    };
    let stage = match ckpt.get("stage") {
        Some("base") => Stage::BaseExpert,
        Some("experts") => Stage::Experts,
        other => {
            return Err(bad(format!(
                "unknown stage `{}`",
                other.unwrap_or("(none)")
            )))
        }
    };
    if stage != want_stage {
        return Err(bad(format!(
            "stage `{}` at step {step}, where the {} schedule is at stage `{}`",
            stage.name(),
            run.method.name(),
            want_stage.name()
        )));
    }
    let spawned_at: Option<u32> = match ckpt.get("spawned_at").unwrap_or("") {
        "" => None,
        s => Some(s.parse().map_err(|_| bad(format!("spawn step `{s}`")))?),
    };
    if spawned_at != want_spawn {
        return Err(bad(format!(
            "spawn step {spawned_at:?} where the schedule spawns at {want_spawn:?}"
        )));
    }
    let layers = cfg.moe.as_ref().map_or(0, |m| {
        (0..cfg.n_layer).filter(|&l| m.is_moe_block(l)).count()
    });
    let paths = ckpt
        .get("paths")
        .unwrap_or("")
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| match p {
            "dense" => Ok(FfnPath::Dense),
            "scattered" => Ok(FfnPath::Scattered),
            other => Err(bad(format!("unknown FFN path `{other}`"))),
        })
        .collect::<Result<Vec<_>>>()?;
    if paths.len() != layers {
        return Err(bad(format!(
            "{} FFN paths for {layers} MoE layers",
            paths.len()
        )));
    }
    Ok(SavedState {
        step,
        stage,
        spawned_at,
        paths,
    })
}

/// Refuses to resume on data other than the checkpoint's (a changed file under the same path),
/// unless `allow` (`--allow-data-change`). Checkpoints of the first format store no data
/// fingerprint and are not checked.
pub fn check_data(ckpt: &Checkpoint, corpus: &Corpus, allow: bool, path: &Path) -> Result<()> {
    let Some(saved) = ckpt.get("data") else {
        return Ok(());
    };
    let saved = Fingerprint::decode(saved).ok_or_else(|| {
        Error::Config(format!(
            "checkpoint {}: its data fingerprint `{saved}` is damaged",
            path.display()
        ))
    })?;
    if saved != corpus.fingerprint && !allow {
        return Err(Error::Config(format!(
            "the training data changed since checkpoint {} was written (then {saved}, now {}); \
             resume on the original data, or pass --allow-data-change to go on with this one",
            path.display(),
            corpus.fingerprint
        )));
    }
    Ok(())
}

/// Loads a checkpoint into `model` (freshly built for `run`) and, when given, the moments and
/// step count into `opt`; returns its step. Every metadata
/// field is checked ([`saved_state`]) and every tensor must be there with its shape.
pub fn restore(
    gpu: &Gpu,
    model: &mut Model,
    mut opt: Option<&mut Optimizer>,
    run: &RunConfig,
    ckpt: &Checkpoint,
    path: &Path,
) -> Result<u64> {
    let state = saved_state(ckpt, run, path)?;
    let by_name: std::collections::HashMap<&str, &Named> =
        ckpt.tensors.iter().map(|t| (t.name.as_str(), t)).collect();
    for p in model.param_list() {
        let mut tensors = vec![("", &p.value)];
        if let Some(opt) = opt.as_deref() {
            let mv = &opt.moments[p.index];
            tensors.extend([("adam.m.", &mv.m), ("adam.v.", &mv.v)]);
        }
        for (prefix, t) in tensors {
            let name = format!("{prefix}{}", p.spec.name);
            let saved = by_name.get(name.as_str()).ok_or_else(|| {
                Error::Config(format!("checkpoint {} lacks `{name}`", path.display()))
            })?;
            if saved.shape != p.spec.shape {
                return Err(Error::Config(format!(
                    "checkpoint {}: `{name}` has shape {:?}, the model {:?}",
                    path.display(),
                    saved.shape,
                    p.spec.shape
                )));
            }
            t.write_f32(gpu, &saved.data)?;
        }
    }
    if let Some(opt) = opt.as_deref_mut() {
        opt.step = state.step as u32;
    }
    model.restore_stage(state.stage, state.spawned_at)?;
    model.set_paths(&state.paths)?;
    Ok(state.step)
}

/// The phase name and the DTS state of step `step` under `plan` (EvoMoE / DTS runs only).
pub(crate) fn phase_of(
    plan: Option<&EvoMoePlan>,
    run: &RunConfig,
    step: u64,
) -> (&'static str, Option<f32>, bool) {
    match plan.map(|p| p.phase(step)) {
        Some(Phase::Diversify) => ("diversify", None, false),
        Some(Phase::GateSparsify { tau, hard_top1, .. }) => (
            if hard_top1 { "top1" } else { "sparsify" },
            Some(tau),
            hard_top1,
        ),
        None if run.method.gate_kind().is_some() => ("moe", None, false),
        None => ("dense", None, false),
    }
}

/// Trains `opts.run` on `corpus` to the end (or to `opts.stop_after`, or until
/// `opts.interrupt` is set); `on_event` sees progress as it happens. A [`Session`] run step by
/// step.
pub async fn train(
    gpu: &Gpu,
    corpus: &Corpus,
    opts: &TrainOptions,
    mut on_event: impl FnMut(Event),
) -> Result<TrainReport> {
    let mut session = Session::new(gpu, corpus, opts.clone()).await?;
    on_event(session.started());
    while !session.is_done() {
        if opts
            .interrupt
            .as_ref()
            .is_some_and(|f| f.load(Ordering::SeqCst))
        {
            session.interrupted = true;
            on_event(Event::Stopping {
                step: session.steps_done(),
            });
            break;
        }
        session.step(&mut on_event).await?;
    }
    session.finish(&mut on_event).await
}
