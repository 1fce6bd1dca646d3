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

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use crate::error::{Error, Result};
use crate::gpu::readback::Ticket;
use crate::gpu::Gpu;
use crate::model::gpt::{Gpt, Stage};
use crate::moe::expert_ffn::FfnPath;
use crate::moe::gate::top_expert_changed;
use crate::moe::schedule::{EvoMoePlan, Phase};
use crate::train::checkpoint::{self, Named};
use crate::train::config::RunConfig;
use crate::train::data::{eval_batches, sample_batch, Batch, Corpus};
use crate::train::metrics::{LayerLog, LogLine};
use crate::train::run_dir::{RunDir, CHECKPOINT};
use crate::train::schedule::LrSchedule;

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
}

impl TrainOptions {
    pub fn new(run: RunConfig) -> TrainOptions {
        TrainOptions {
            run,
            out_dir: None,
            resume: false,
            stop_after: None,
            interrupt: None,
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
}

/// What a run did.
#[derive(Clone, Debug)]
pub struct TrainReport {
    /// Parameter values at the end, in `gpt_specs` order.
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
pub fn evaluate(gpu: &Gpu, model: &mut Gpt, data: &[u8], n: usize) -> Result<f32> {
    let batches = eval_batches(data, model.batch, model.seq, n);
    if batches.is_empty() {
        return Err(Error::Config(format!(
            "validation text of {} bytes is too short for one {}x{} batch",
            data.len(),
            model.batch,
            model.seq
        )));
    }
    model.with_eval(gpu, |m| {
        let mut sum = 0.0;
        for b in &batches {
            sum += m.loss(gpu, &b.inputs, &b.targets)? as f64;
        }
        Ok((sum / batches.len() as f64) as f32)
    })
}

/// Each MoE layer's top expert for every token of `probe`, in evaluation mode.
fn top_experts(gpu: &Gpu, model: &mut Gpt, probe: &Batch) -> Result<Vec<Vec<u32>>> {
    model.with_eval(gpu, |m| {
        m.forward(gpu, &probe.inputs, &probe.targets)?;
        m.moe_layers()
            .map(|l| {
                let k = l.gate.k();
                Ok(l.gate
                    .sel_expert
                    .read_u32(gpu)?
                    .into_iter()
                    .step_by(k)
                    .collect())
            })
            .collect()
    })
}

/// Every parameter with its AdamW moments, for a checkpoint; an error if any is not finite.
fn snapshot(gpu: &Gpu, model: &Gpt, step: u64) -> Result<Vec<Named>> {
    let mut tensors = Vec::new();
    for p in &model.params {
        for (prefix, t) in [("", &p.value), ("adam.m.", &p.m), ("adam.v.", &p.v)] {
            let data = t.read_f32(gpu)?;
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

fn metadata(model: &Gpt, run: &RunConfig, step: u64) -> std::collections::HashMap<String, String> {
    let paths: Vec<&str> = model.moe_layers().map(|l| l.path().name()).collect();
    std::collections::HashMap::from([
        ("format".into(), "evomoe-checkpoint-1".into()),
        ("step".into(), step.to_string()),
        ("method".into(), run.method.name().into()),
        ("stage".into(), model.stage().name().into()),
        (
            "spawned_at".into(),
            model.spawned_at().map_or(String::new(), |s| s.to_string()),
        ),
        ("paths".into(), paths.join(",")),
        (
            "rng".into(),
            "counter-based: batches, gate noise and spawn masks are functions of the seeds and \
             the step"
                .into(),
        ),
        ("config".into(), run.to_toml()),
    ])
}

/// Loads a checkpoint into `model`; returns its step. Every tensor must be there with its shape.
pub fn restore(gpu: &Gpu, model: &mut Gpt, run: &RunConfig, path: &std::path::Path) -> Result<u64> {
    let (tensors, meta) = checkpoint::load(path)?;
    let saved = meta
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
    let step: u64 = meta
        .get("step")
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| Error::Config(format!("checkpoint {} has no step", path.display())))?;
    let by_name: std::collections::HashMap<&str, &Named> =
        tensors.iter().map(|t| (t.name.as_str(), t)).collect();
    for p in &model.params {
        for (prefix, t) in [("", &p.value), ("adam.m.", &p.m), ("adam.v.", &p.v)] {
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
    model.step = step as u32;
    let stage = match meta.get("stage").map(String::as_str) {
        Some("base") => Stage::BaseExpert,
        _ => Stage::Experts,
    };
    let spawned_at = meta.get("spawned_at").and_then(|s| s.parse().ok());
    model.restore_stage(stage, spawned_at)?;
    let paths: Vec<FfnPath> = meta
        .get("paths")
        .map(|s| {
            s.split(',')
                .filter(|p| !p.is_empty())
                .map(|p| match p {
                    "dense" => FfnPath::Dense,
                    _ => FfnPath::Scattered,
                })
                .collect()
        })
        .unwrap_or_default();
    model.set_paths(&paths)?;
    Ok(step)
}

/// The phase name and the DTS state of step `step` under `plan` (EvoMoE / DTS runs only).
fn phase_of(
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

/// Trains `opts.run` on `corpus`; `on_event` sees progress as it happens.
pub fn train(
    gpu: &Gpu,
    corpus: &Corpus,
    opts: &TrainOptions,
    mut on_event: impl FnMut(Event),
) -> Result<TrainReport> {
    let wall = Instant::now();
    let run = &opts.run;
    run.validate()?;
    let (batch, seq, t) = (run.train.batch, run.model.context, &run.train);
    check_corpus(corpus, batch, seq)?;
    let mut model = Gpt::new(gpu, &run.gpt_config(), batch, seq)?;
    let plan = run.plan();
    let schedule = LrSchedule {
        max_lr: t.lr,
        min_lr: t.min_lr,
        warmup: t.warmup,
        total: t.steps,
    };
    let mut start = 0;
    if opts.resume {
        let dir = opts
            .out_dir
            .as_ref()
            .ok_or_else(|| Error::Config("--resume needs the run's directory (--out)".into()))?;
        let path = dir.join(CHECKPOINT);
        if !path.exists() {
            return Err(Error::Config(format!(
                "nothing to resume: {} has no checkpoint",
                dir.display()
            )));
        }
        start = restore(gpu, &mut model, run, &path)?;
        if start >= t.steps {
            return Err(Error::Config(format!(
                "the run in {} is already complete (step {start} of {}): nothing to resume",
                dir.display(),
                t.steps
            )));
        }
    }
    let mut dir = match &opts.out_dir {
        Some(d) => {
            let dir = RunDir::open(d, opts.resume.then_some(start))?;
            dir.write_config(&run.to_toml())?;
            Some(dir)
        }
        None => None,
    };
    let end = opts.stop_after.map_or(t.steps, |s| s.min(t.steps));
    on_event(Event::Started {
        start,
        end,
        params: model.num_params(),
    });
    let probe = eval_batches(&corpus.val, batch, seq, 1).remove(0);
    let tokens_per_step = (batch * seq) as f64;
    let mut log: Vec<LogLine> = Vec::new();
    let mut pending: Option<(Ticket, LogLine)> = None;
    let mut last_top: Option<Vec<Vec<u32>>> = None;
    let mut spawn_val_loss = None;
    let mut train_time = 0.0f64; // step loop only: evaluation and saving excluded
    let (mut window_start, mut window_steps) = (Instant::now(), 0u64);
    let mut interrupted = false;
    let mut last_step = start;

    // Emits a logged line: a non-finite loss stops the run (the pending checkpoint is dropped).
    let emit = |line: LogLine,
                dir: &mut Option<RunDir>,
                log: &mut Vec<LogLine>,
                on_event: &mut dyn FnMut(Event)|
     -> Result<()> {
        if !line.loss.is_finite() {
            let kept = match dir {
                Some(d) => {
                    d.discard_pending();
                    match d.good_step() {
                        Some(s) => format!(
                            "; the last good checkpoint (step {s}) is kept in {}",
                            d.path.display()
                        ),
                        None => "; no checkpoint was kept".into(),
                    }
                }
                None => String::new(),
            };
            return Err(Error::Config(format!(
                "the loss became {} at step {}: training diverged (try a lower train.lr){kept}",
                line.loss, line.step
            )));
        }
        if let Some(d) = dir {
            if d.pending().is_some_and(|p| line.step > p) {
                d.promote()?;
            }
            d.log(&line.to_json())?;
        }
        on_event(Event::Log(&line));
        log.push(line);
        Ok(())
    };

    for step in start..end {
        if opts
            .interrupt
            .as_ref()
            .is_some_and(|f| f.load(Ordering::SeqCst))
        {
            interrupted = true;
            break;
        }
        // EvoMoE / DTS schedule, host side.
        if let Some(p) = &plan {
            if p.is_spawn_step(step) && model.stage() == Stage::BaseExpert {
                gpu.wait()?;
                train_time += window_start.elapsed().as_secs_f64();
                let v = evaluate(gpu, &mut model, &corpus.val, t.eval_batches)?;
                spawn_val_loss = Some(v);
                model.spawn_experts(gpu)?;
                on_event(Event::Note(format!(
                    "after step {step}: spawned {} experts per MoE layer from the base expert \
                     (validation loss before the spawn {v:.4})",
                    run.moe.experts
                )));
                window_start = Instant::now();
            }
        }
        let (_, tau, hard) = phase_of(plan.as_ref(), run, step);
        if model.stage() == Stage::Experts && model.moe_layers().next().is_some() {
            model.set_gates(gpu, step as u32, tau, hard)?;
            let paths: Vec<FfnPath> = model.moe_layers().map(|l| l.path()).collect();
            if hard && paths.contains(&FfnPath::Dense) {
                // Hard top-1: one expert per token, the scattered path from now on.
                model.set_paths(&vec![FfnPath::Scattered; paths.len()])?;
                on_event(Event::Note(format!(
                    "from step {}: hard top-1 routing, scattered expert FFNs",
                    step + 1
                )));
            }
        }
        let b = sample_batch(&corpus.train, batch, seq, t.seed, step)?;
        let lr = schedule.lr(step);
        let regular_log = (step + 1) % t.log_every == 0;
        // The last step evaluates, so the final validation loss is in the log.
        let eval_now = t.eval_every > 0 && (step + 1) % t.eval_every == 0 || step + 1 == end;
        let is_log = step == start || step + 1 == end || regular_log || eval_now;
        let ticket = model.train_step(gpu, &b.inputs, &b.targets, lr, is_log)?;
        window_steps += 1;
        last_step = step + 1;
        on_event(Event::Step(step + 1));
        if is_log {
            gpu.wait()?; // the window's steps are done when the GPU is
            let window = window_start.elapsed().as_secs_f64();
            train_time += window;
            let mut layers = Vec::new();
            let (mut balance, mut z) = (0.0, 0.0);
            if model.stage() == Stage::Experts && model.moe_layers().next().is_some() {
                let stats = model.moe_stats(gpu)?;
                let blocks: Vec<usize> = (0..run.model.n_layer)
                    .filter(|&l| (l + 1) % run.moe.moe_every == 0)
                    .collect();
                for (s, &block) in stats.iter().zip(&blocks) {
                    balance += s.gate.balance_loss;
                    z += s.gate.z_loss;
                    layers.push(LayerLog {
                        block: block + 1,
                        experts_per_token: s.gate.experts_per_token,
                        load: s.gate.load.clone(),
                        dropped: s.dropped as f32 / (batch * seq) as f32,
                        path: s.path.name(),
                        stability: None,
                    });
                }
                // Only regular logging steps move paths, so a resumed run takes the same ones.
                if regular_log && !hard {
                    let d: Vec<f32> = stats.iter().map(|s| s.density).collect();
                    model.choose_paths(&d)?;
                }
                let top = top_experts(gpu, &mut model, &probe)?;
                if let Some(prev) = &last_top {
                    for (l, (a, b)) in layers.iter_mut().zip(prev.iter().zip(&top)) {
                        l.stability = Some(top_expert_changed(a, b, 1));
                    }
                }
                last_top = Some(top);
            }
            let val_loss = if eval_now {
                Some(evaluate(gpu, &mut model, &corpus.val, t.eval_batches)?)
            } else {
                None
            };
            if let Some((tk, line)) = pending.take() {
                let loss = model.take_loss(gpu, tk)?;
                emit(LogLine { loss, ..line }, &mut dir, &mut log, &mut on_event)?;
            }
            let (phase, tau, _) = phase_of(plan.as_ref(), run, step);
            let line = LogLine {
                step: step + 1,
                loss: f32::NAN,
                val_loss,
                lr,
                phase,
                tau,
                balance_loss: balance,
                z_loss: z,
                tokens_per_s: tokens_per_step * window_steps as f64 / window.max(1e-9),
                elapsed_s: wall.elapsed().as_secs_f64(),
                layers,
            };
            pending = ticket.map(|tk| (tk, line));
            (window_start, window_steps) = (Instant::now(), 0);
        }
        let save_now = t.save_every > 0 && (step + 1) % t.save_every == 0 && step + 1 < end;
        if let (true, Some(d)) = (save_now, dir.as_mut()) {
            let t0 = Instant::now();
            gpu.wait()?;
            let tensors = snapshot(gpu, &model, step + 1)?;
            d.save_pending(step + 1, &tensors, metadata(&model, run, step + 1))?;
            window_start += t0.elapsed();
        }
    }
    gpu.wait()?;
    train_time += window_start.elapsed().as_secs_f64();
    if let Some((tk, line)) = pending.take() {
        let loss = model.take_loss(gpu, tk)?;
        emit(LogLine { loss, ..line }, &mut dir, &mut log, &mut on_event)?;
    }
    if let Some(d) = dir.as_mut() {
        let tensors = snapshot(gpu, &model, last_step)?;
        d.save_good(last_step, &tensors, metadata(&model, run, last_step))?;
        on_event(Event::Note(format!(
            "checkpoint at step {last_step}: {}",
            d.path.join(CHECKPOINT).display()
        )));
    }
    let final_val_loss = match log.last() {
        Some(l) if l.step == last_step && l.val_loss.is_some() => l.val_loss.unwrap_or(f32::NAN),
        _ => evaluate(gpu, &mut model, &corpus.val, t.eval_batches)?,
    };
    let steps_run = last_step - start;
    Ok(TrainReport {
        params: model.read_values(gpu)?,
        log,
        final_val_loss,
        spawn_val_loss,
        tokens_per_s: if steps_run > 0 {
            tokens_per_step * steps_run as f64 / train_time.max(1e-9)
        } else {
            0.0
        },
        steps_run,
        end_step: last_step,
        interrupted,
        adapter: gpu.name(),
        wall_s: wall.elapsed().as_secs_f64(),
    })
}
