//! The training loop for the dense GPT: sample a batch, one single-submit step, log the loss on
//! logging steps, evaluate on held-out data, write metrics as JSON lines and checkpoints that
//! survive a crash (atomic rename), and resume from one exactly (the batch of step `s` depends
//! only on the seed and `s`).

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use crate::error::{Error, Result};
use crate::gpu::readback::Ticket;
use crate::gpu::Gpu;
use crate::model::config::GptConfig;
use crate::model::gpt::Gpt;
use crate::train::checkpoint::{self, Named};
use crate::train::data::{eval_batches, sample_batch, Corpus};
use crate::train::schedule::LrSchedule;

/// Everything a run needs besides the model config.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub batch: usize,
    pub seq: usize,
    pub steps: u64,
    pub max_lr: f32,
    pub min_lr: f32,
    pub warmup: u64,
    /// Seed of the batch sampling (the model's init seed is in its config).
    pub seed: u64,
    /// Read the loss back every this many steps (the only readback of a step).
    pub log_every: u64,
    /// Evaluate on the validation split every this many steps (0: only at the end).
    pub eval_every: u64,
    /// Number of validation batches per evaluation.
    pub eval_batches: usize,
    /// Directory for `metrics.jsonl` and `checkpoint.safetensors` (none: keep nothing).
    pub out_dir: Option<PathBuf>,
    /// Save a checkpoint every this many steps (0: only at the end).
    pub save_every: u64,
    /// Continue from `out_dir/checkpoint.safetensors` when it exists.
    pub resume: bool,
    /// Stop (with a checkpoint) after this step although the schedule runs to `steps`: an
    /// interrupted run, as a test of exact resumption.
    pub stop_after: Option<u64>,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            batch: 8,
            seq: 64,
            steps: 300,
            max_lr: 3e-3,
            min_lr: 3e-4,
            warmup: 20,
            seed: 1,
            log_every: 10,
            eval_every: 100,
            eval_batches: 8,
            out_dir: None,
            save_every: 100,
            resume: false,
            stop_after: None,
        }
    }
}

/// One logged point.
#[derive(Clone, Debug)]
pub struct LogLine {
    pub step: u64,
    pub loss: f32,
    pub lr: f32,
    /// Validation loss when this step evaluated.
    pub val_loss: Option<f32>,
    /// Training tokens per second since the previous log line.
    pub tokens_per_s: f64,
}

/// What a run did.
#[derive(Clone, Debug)]
pub struct TrainReport {
    /// Parameter values at the end, in `gpt_specs` order.
    pub params: Vec<Vec<f32>>,
    pub log: Vec<LogLine>,
    pub final_val_loss: f32,
    /// Mean training throughput over the run (tokens/s, step time only).
    pub tokens_per_s: f64,
    pub adapter: String,
}

fn checkpoint_path(opts: &TrainOptions) -> Option<PathBuf> {
    opts.out_dir
        .as_ref()
        .map(|d| d.join("checkpoint.safetensors"))
}

/// Mean loss over the first `n` validation batches.
pub fn evaluate(gpu: &Gpu, model: &Gpt, data: &[u8], n: usize) -> Result<f32> {
    let batches = eval_batches(data, model.batch, model.seq, n);
    if batches.is_empty() {
        return Err(Error::Config(format!(
            "validation split of {} bytes is too short for one {}x{} batch",
            data.len(),
            model.batch,
            model.seq
        )));
    }
    let mut sum = 0.0;
    for b in &batches {
        sum += model.loss(gpu, &b.inputs, &b.targets)? as f64;
    }
    Ok((sum / batches.len() as f64) as f32)
}

fn save(gpu: &Gpu, model: &Gpt, path: &std::path::Path, step: u64) -> Result<()> {
    let mut tensors = Vec::new();
    for p in &model.params {
        for (prefix, t) in [("", &p.value), ("adam.m.", &p.m), ("adam.v.", &p.v)] {
            tensors.push(Named {
                name: format!("{prefix}{}", p.spec.name),
                shape: p.spec.shape.clone(),
                data: t.read_f32(gpu)?,
            });
        }
    }
    let meta = HashMap::from([
        ("step".to_string(), step.to_string()),
        ("config".to_string(), format!("{:?}", model.cfg)),
    ]);
    checkpoint::save(path, &tensors, meta)
}

/// Restores values and AdamW moments; returns the step to continue from.
fn restore(gpu: &Gpu, model: &mut Gpt, path: &std::path::Path) -> Result<u64> {
    let (tensors, meta) = checkpoint::load(path)?;
    if meta.get("config") != Some(&format!("{:?}", model.cfg)) {
        return Err(Error::Config(format!(
            "checkpoint {} was written for another model config ({:?})",
            path.display(),
            meta.get("config")
        )));
    }
    let step: u64 = meta
        .get("step")
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| Error::Config(format!("checkpoint {} has no step", path.display())))?;
    let by_name: HashMap<&str, &Named> = tensors.iter().map(|t| (t.name.as_str(), t)).collect();
    for p in &model.params {
        for (prefix, t) in [("", &p.value), ("adam.m.", &p.m), ("adam.v.", &p.v)] {
            let name = format!("{prefix}{}", p.spec.name);
            let saved = by_name.get(name.as_str()).ok_or_else(|| {
                Error::Config(format!("checkpoint {} lacks `{name}`", path.display()))
            })?;
            t.write_f32(gpu, &saved.data)?;
        }
    }
    model.step = step as u32;
    Ok(step)
}

/// Trains `cfg` on `corpus`; `on_log` sees every logged point as it happens.
pub fn train(
    gpu: &Gpu,
    cfg: &GptConfig,
    corpus: &Corpus,
    opts: &TrainOptions,
    mut on_log: impl FnMut(&LogLine),
) -> Result<TrainReport> {
    let mut model = Gpt::new(gpu, cfg, opts.batch, opts.seq)?;
    let schedule = LrSchedule {
        max_lr: opts.max_lr,
        min_lr: opts.min_lr,
        warmup: opts.warmup,
        total: opts.steps,
    };
    let ckpt = checkpoint_path(opts);
    let mut start = 0;
    if let (true, Some(path)) = (opts.resume, &ckpt) {
        if path.exists() {
            start = restore(gpu, &mut model, path)?;
        }
    }
    let mut metrics = match &opts.out_dir {
        Some(dir) => {
            std::fs::create_dir_all(dir)?;
            Some(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(dir.join("metrics.jsonl"))?,
            )
        }
        None => None,
    };
    let tokens_per_step = (opts.batch * opts.seq) as f64;
    let mut log = Vec::new();
    let mut emit = |line: LogLine| -> Result<()> {
        if !line.loss.is_finite() {
            return Err(Error::Config(format!(
                "training diverged by step {}: loss {} (lower the learning rate)",
                line.step, line.loss
            )));
        }
        if let Some(f) = metrics.as_mut() {
            let val = line.val_loss.map_or("null".to_string(), |v| v.to_string());
            writeln!(
                f,
                "{{\"step\":{},\"loss\":{},\"lr\":{},\"val_loss\":{val},\"tokens_per_s\":{:.1}}}",
                line.step, line.loss, line.lr, line.tokens_per_s
            )?;
        }
        on_log(&line);
        log.push(line);
        Ok(())
    };
    // The loss of a logging step travels back through the model's readback ring and is taken
    // at the next logging step (long finished by then), so logging never stalls the queue.
    let mut pending: Option<(Ticket, LogLine)> = None;
    let mut train_time = 0.0f64; // wall time of the step loop, evaluation and saving excluded
    let (mut window_start, mut window_steps) = (Instant::now(), 0u64);
    let end = opts.stop_after.map_or(opts.steps, |s| s.min(opts.steps));
    for step in start..end {
        let batch = sample_batch(&corpus.train, opts.batch, opts.seq, opts.seed, step)?;
        let lr = schedule.lr(step);
        let is_log = step == start
            || step + 1 == end
            || opts.log_every > 0 && (step + 1) % opts.log_every == 0;
        let ticket = model.train_step(gpu, &batch.inputs, &batch.targets, lr, is_log)?;
        window_steps += 1;
        if is_log {
            gpu.wait()?; // the window's steps are done when the GPU is
            let window = window_start.elapsed().as_secs_f64();
            train_time += window;
            let eval_now = opts.eval_every > 0 && (step + 1) % opts.eval_every == 0;
            let val_loss = if eval_now {
                Some(evaluate(gpu, &model, &corpus.val, opts.eval_batches)?)
            } else {
                None
            };
            if let Some((t, line)) = pending.take() {
                emit(LogLine {
                    loss: model.take_loss(gpu, t)?,
                    ..line
                })?;
            }
            let line = LogLine {
                step: step + 1,
                loss: f32::NAN,
                lr,
                val_loss,
                tokens_per_s: tokens_per_step * window_steps as f64 / window.max(1e-9),
            };
            pending = ticket.map(|t| (t, line));
            (window_start, window_steps) = (Instant::now(), 0);
        }
        let save_now = opts.save_every > 0 && (step + 1) % opts.save_every == 0;
        if let (true, Some(path)) = (save_now, &ckpt) {
            let t0 = Instant::now();
            save(gpu, &model, path, step + 1)?;
            window_start += t0.elapsed();
        }
    }
    if let Some((t, line)) = pending.take() {
        emit(LogLine {
            loss: model.take_loss(gpu, t)?,
            ..line
        })?;
    }
    if let Some(path) = &ckpt {
        save(gpu, &model, path, end)?;
    }
    let final_val_loss = evaluate(gpu, &model, &corpus.val, opts.eval_batches)?;
    let steps_run = end.saturating_sub(start).max(1);
    Ok(TrainReport {
        params: model.read_values(gpu)?,
        log,
        final_val_loss,
        tokens_per_s: tokens_per_step * steps_run as f64 / train_time.max(1e-9),
        adapter: gpu.name(),
    })
}
