//! A training run held open between steps: [`Session::new`] builds the model (and resumes from
//! the run directory's checkpoint), [`Session::step`] runs one step with EvoMoE's schedule
//! around it, [`Session::finish`] waits for the GPU, logs the last point, saves and evaluates.
//! The loop in [`super::trainer`] runs one to the end; the browser page runs one step at a
//! time so that it can draw between steps, stop and go on.
//!
//! A step, for every method: sample a batch, one single-submit step, EvoMoE's schedule between
//! steps (spawn, temperature, hard top-1, FFN path), the loss and routing statistics on logging
//! steps, evaluation on held-out data, metrics as JSON lines and checkpoints that survive a
//! crash, a divergence or a Ctrl-C, and exact resumption (the batch of step `s`, the gates'
//! noise and the spawn masks depend only on the seeds and `s`).
//!
//! Per step, host side only: the gates' state (step, `tau`, hard top-1) is a 16-byte buffer
//! write before the submit; the FFN path of each MoE layer is a tape variant selected between
//! steps. A logging step waits for the GPU (its window's steps are done by then), reads the
//! routing statistics, moves each DTS layer to the path its measured density makes cheaper, and
//! runs the probe batch in evaluation mode for routing stability.

use web_time::Instant;

use crate::error::{Error, Result};
use crate::gpu::readback::Ticket;
use crate::gpu::Gpu;
use crate::model::memory;
use crate::model::transformer::{LossStats, Model, Stage};
use crate::moe::expert_ffn::FfnPath;
use crate::moe::gate::top_expert_changed;
use crate::moe::schedule::{EvoMoePlan, Phase};
use crate::ops::adamw::AdamwConfig;
use crate::optim::Optimizer;
use crate::train::checkpoint::{self, Named};
use crate::train::config::RunConfig;
use crate::train::data::{Batch, Corpus, Tokens};
use crate::train::masking::{task_eval_batches, train_batch};
use crate::train::metrics::{LayerLog, LogLine};
use crate::train::resume::{checkpoint_in, restore, SavedRun};
use crate::train::run::{check_corpus, Event, TrainOptions, TrainReport};
use crate::train::run_dir::{RunDir, CHECKPOINT};
use crate::train::schedule::LrSchedule;

/// `; the last good checkpoint (step N) is kept in DIR`, or that none was written.
fn kept_note(d: &RunDir) -> String {
    match d.saved_step() {
        Some(s) => format!(
            "; the last good checkpoint (step {s}) is kept in {}",
            d.path.display()
        ),
        None => "; no checkpoint was kept".into(),
    }
}

/// One training run between steps.
pub struct Session<'a> {
    gpu: &'a Gpu,
    corpus: &'a Corpus,
    opts: TrainOptions,
    /// The model being trained.
    pub model: Model,
    /// Its optimizer.
    pub opt: Optimizer,
    plan: Option<EvoMoePlan>,
    schedule: LrSchedule,
    dir: Option<RunDir>,
    /// The validation batch whose routing is compared between logging steps.
    probe: Batch,
    /// The first step of this session (after a resume, the checkpoint's).
    start: u64,
    /// The step after the last one this session runs.
    end: u64,
    /// Steps done so far (the next step is `step + 1`).
    step: u64,
    log: Vec<LogLine>,
    /// The last logged line, waiting for its loss to be read back.
    pending: Option<(Ticket, LogLine)>,
    last_top: Option<Vec<Vec<u32>>>,
    spawn_val_loss: Option<f32>,
    /// Seconds spent in steps (evaluation and saving excluded).
    train_time: f64,
    window_start: Instant,
    window_steps: u64,
    wall: Instant,
    /// Stopped early by the caller (Ctrl-C); reported in [`TrainReport::interrupted`].
    pub interrupted: bool,
}

impl<'a> Session<'a> {
    /// Validates the config, builds the model and, with `opts.resume`, restores the run
    /// directory's checkpoint.
    pub async fn new(gpu: &'a Gpu, corpus: &'a Corpus, opts: TrainOptions) -> Result<Session<'a>> {
        let wall = Instant::now();
        let run = &opts.run;
        run.validate()?;
        let (batch, seq, t) = (run.train.batch, run.model.context, &run.train);
        check_corpus(corpus, batch, seq)?;
        if run.vocab() < corpus.vocab {
            return Err(Error::Config(format!(
                "model.vocab {} is smaller than the {} ids of the data (fit it with \
                 RunConfig::fit_vocab)",
                run.vocab(),
                corpus.vocab
            )));
        }
        let corpus_bytes = corpus.resident_bytes();
        memory::check(gpu, &run.gpt_config(), batch, seq, corpus_bytes)?;
        // The directory is locked before anything in it is read or written; a run that fails
        // before its first file leaves no directory behind.
        let mut dir = match &opts.out_dir {
            Some(d) => Some(RunDir::lock(d)?),
            None => None,
        };
        let mut model = Model::new(gpu, &run.gpt_config(), batch, seq)?;
        let mut opt = Optimizer::new(gpu, &model, AdamwConfig::default())?;
        let mut start = 0;
        if opts.resume {
            let dir = dir.as_mut().ok_or_else(|| {
                Error::Config("--resume needs the run's directory (--out)".into())
            })?;
            let saved = SavedRun::load(&checkpoint_in(&dir.path)?)?;
            saved.check_resume(run, corpus, opts.allow_data_change, &dir.path)?;
            start = restore(
                gpu,
                &mut model,
                Some(&mut opt),
                run,
                &saved.ckpt,
                &saved.path,
            )?;
            dir.resumed_from(start);
        }
        if let Some(d) = dir.as_mut() {
            d.begin(&run.to_toml(), opts.resume.then_some(start))?;
            if let Some(tok) = &corpus.tokenizer {
                d.keep_tokenizer(&tok.path)?;
            }
        }
        let end = opts.stop_after.map_or(t.steps, |s| s.min(t.steps));
        let schedule = LrSchedule {
            max_lr: t.lr,
            min_lr: t.min_lr,
            warmup: t.warmup,
            total: t.steps,
        };
        Ok(Session {
            gpu,
            corpus,
            plan: run.plan(),
            schedule,
            dir,
            probe: task_eval_batches(&model.cfg, &corpus.val, batch, seq, 1).remove(0),
            start,
            end,
            step: start,
            model,
            opt,
            log: Vec::new(),
            pending: None,
            last_top: None,
            spawn_val_loss: None,
            train_time: 0.0,
            window_start: Instant::now(),
            window_steps: 0,
            wall,
            interrupted: false,
            opts,
        })
    }

    /// The [`Event::Started`] of this session.
    pub fn started(&self) -> Event<'static> {
        Event::Started {
            start: self.start,
            end: self.end,
            params: self.model.num_params(),
        }
    }

    /// Steps done so far.
    pub fn steps_done(&self) -> u64 {
        self.step
    }

    /// The step this session ends at.
    pub fn end(&self) -> u64 {
        self.end
    }

    /// True once every step up to [`Session::end`] has run.
    pub fn is_done(&self) -> bool {
        self.step >= self.end
    }

    /// The lines logged so far (a line is logged once its loss has been read back).
    pub fn log(&self) -> &[LogLine] {
        &self.log
    }

    /// Runs step `steps_done() + 1`: the schedule (spawn, temperature, hard top-1), one
    /// single-submit step, and on logging steps the routing statistics, the evaluation and a
    /// checkpoint. Steps past [`Session::end`] are an error.
    pub async fn step(&mut self, on_event: &mut dyn FnMut(Event)) -> Result<()> {
        if self.is_done() {
            return Err(Error::Config(format!(
                "the run is complete (step {} of {})",
                self.step, self.end
            )));
        }
        let (gpu, step) = (self.gpu, self.step);
        let run = &self.opts.run;
        let (batch, seq, t) = (run.train.batch, run.model.context, &run.train);
        // EvoMoE / DTS schedule, host side.
        if let Some(p) = &self.plan {
            if p.is_spawn_step(step) && self.model.stage() == Stage::BaseExpert {
                gpu.wait().await?;
                self.train_time += self.window_start.elapsed().as_secs_f64();
                let v = evaluate(gpu, &mut self.model, &self.corpus.val, t.eval_batches)
                    .await?
                    .loss;
                self.spawn_val_loss = Some(v);
                self.opt.spawn_experts(gpu, &mut self.model)?;
                on_event(Event::Note(format!(
                    "after step {step}: spawned {} experts per MoE layer from the base expert \
                     (validation loss before the spawn {v:.4})",
                    run.moe.experts
                )));
                self.window_start = Instant::now();
            }
        }
        let (_, tau, hard) = phase_of(self.plan.as_ref(), run, step);
        let model = &mut self.model;
        if model.stage() == Stage::Experts && model.moe_layers().next().is_some() {
            model.set_gates(gpu, step as u32, tau, hard)?;
            let paths: Vec<FfnPath> = model.paths().to_vec();
            if hard && paths.contains(&FfnPath::Dense) {
                // Hard top-1: one expert per token, the scattered path from now on.
                model.set_paths(&vec![FfnPath::Scattered; paths.len()])?;
                on_event(Event::Note(format!(
                    "from step {}: hard top-1 routing, scattered expert FFNs",
                    step + 1
                )));
            }
        }
        let b = train_batch(&model.cfg, &self.corpus.train, batch, seq, t.seed, step)?;
        let lr = self.schedule.lr(step);
        let regular_log = (step + 1) % t.log_every == 0;
        // The last step evaluates, so the final validation loss is in the log.
        let eval_now = t.eval_every > 0 && (step + 1) % t.eval_every == 0 || step + 1 == self.end;
        let is_log = step == self.start || step + 1 == self.end || regular_log || eval_now;
        let ticket = self
            .opt
            .train_step(gpu, model, &b.inputs, &b.targets, lr, is_log)?;
        self.window_steps += 1;
        self.step = step + 1;
        on_event(Event::Step(step + 1));
        if is_log {
            self.log_point(step, lr, regular_log, eval_now, ticket, on_event)
                .await?;
        }
        let save_every = self.opts.run.train.save_every;
        let save_now = save_every > 0 && (step + 1) % save_every == 0 && step + 1 < self.end;
        if save_now && self.dir.is_some() {
            // The step's own GPU work counts as training time, the save after it does not.
            gpu.wait().await?;
            let t0 = Instant::now();
            self.save(step + 1, on_event).await?;
            self.window_start += t0.elapsed();
        }
        Ok(())
    }

    /// Saves the checkpoint of step `step` at once (the caller has waited for the GPU): the
    /// logged line still waiting for its loss is written first (so the metrics reach the
    /// checkpoint), then every parameter and moment is read back, checked finite (a diverged
    /// run stops here, keeping the previous checkpoint) and written atomically.
    async fn save(&mut self, step: u64, on_event: &mut dyn FnMut(Event)) -> Result<()> {
        let gpu = self.gpu;
        self.emit_pending(on_event).await?;
        let Some(d) = self.dir.as_mut() else {
            return Ok(());
        };
        let tensors = match snapshot(gpu, &self.model, &self.opt, step).await {
            Ok(t) => t,
            Err(e) => return Err(Error::Config(format!("{e}{}", kept_note(d)))),
        };
        d.save(
            step,
            &tensors,
            metadata(&self.model, &self.opts.run, self.corpus, step),
        )
    }

    /// A logging step: waits for the GPU, reads the routing statistics, moves DTS layers to the
    /// cheaper FFN path, measures routing stability on the probe batch, evaluates when due, and
    /// logs the previous logging step's line (whose loss is now read back).
    async fn log_point(
        &mut self,
        step: u64,
        lr: f32,
        regular_log: bool,
        eval_now: bool,
        ticket: Option<Ticket>,
        on_event: &mut dyn FnMut(Event),
    ) -> Result<()> {
        let gpu = self.gpu;
        let run = &self.opts.run;
        let (batch, seq) = (run.train.batch, run.model.context);
        gpu.wait().await?; // the window's steps are done when the GPU is
        let window = self.window_start.elapsed().as_secs_f64();
        self.train_time += window;
        let (_, _, hard) = phase_of(self.plan.as_ref(), run, step);
        let mut layers = Vec::new();
        let (mut balance, mut z) = (0.0, 0.0);
        if self.model.stage() == Stage::Experts && self.model.moe_layers().next().is_some() {
            let stats = self.model.moe_stats(gpu).await?;
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
                self.model.choose_paths(&d)?;
            }
            let top = top_experts(gpu, &mut self.model, &self.probe).await?;
            if let Some(prev) = &self.last_top {
                for (l, (a, b)) in layers.iter_mut().zip(prev.iter().zip(&top)) {
                    l.stability = Some(top_expert_changed(a, b, 1));
                }
            }
            self.last_top = Some(top);
        }
        let val = if eval_now {
            let n = run.train.eval_batches;
            Some(evaluate(gpu, &mut self.model, &self.corpus.val, n).await?)
        } else {
            None
        };
        self.emit_pending(on_event).await?;
        let (phase, tau, _) = phase_of(self.plan.as_ref(), &self.opts.run, step);
        let line = LogLine {
            step: step + 1,
            loss: f32::NAN,
            accuracy: f32::NAN,
            val_loss: val.map(|v| v.loss),
            val_accuracy: val.map(|v| v.accuracy()),
            lr,
            phase,
            tau,
            balance_loss: balance,
            z_loss: z,
            tokens_per_s: (batch * seq) as f64 * self.window_steps as f64 / window.max(1e-9),
            elapsed_s: self.wall.elapsed().as_secs_f64(),
            layers,
        };
        self.pending = ticket.map(|tk| (tk, line));
        (self.window_start, self.window_steps) = (Instant::now(), 0);
        Ok(())
    }

    /// Reads the pending line's loss and logs it: a non-finite loss stops the run (the last
    /// checkpoint, written after its finiteness check, stays).
    async fn emit_pending(&mut self, on_event: &mut dyn FnMut(Event)) -> Result<()> {
        let Some((tk, line)) = self.pending.take() else {
            return Ok(());
        };
        let stats = self.model.take_stats(self.gpu, tk).await?;
        let line = LogLine {
            loss: stats.loss,
            accuracy: stats.accuracy(),
            ..line
        };
        if !line.loss.is_finite() {
            return Err(Error::Config(format!(
                "the loss became {} at step {}: training diverged (try a lower train.lr){}",
                line.loss,
                line.step,
                self.dir.as_ref().map_or(String::new(), kept_note)
            )));
        }
        if let Some(d) = &mut self.dir {
            d.log(&line.to_json())?;
        }
        on_event(Event::Log(&line));
        self.log.push(line);
        Ok(())
    }

    /// Ends the run: waits for the GPU, logs the last point, saves the checkpoint and reports
    /// (the final validation loss is the last step's, or evaluated now after an early stop).
    pub async fn finish(mut self, on_event: &mut dyn FnMut(Event)) -> Result<TrainReport> {
        let gpu = self.gpu;
        gpu.wait().await?;
        self.train_time += self.window_start.elapsed().as_secs_f64();
        self.emit_pending(on_event).await?;
        let last_step = self.step;
        if self.dir.is_some() {
            self.save(last_step, on_event).await?;
            if let Some(d) = &self.dir {
                on_event(Event::Note(format!(
                    "checkpoint at step {last_step}: {}",
                    d.path.join(CHECKPOINT).display()
                )));
            }
        }
        let run = &self.opts.run;
        let (final_val_loss, final_val_accuracy) = match self.log.last() {
            Some(l) if l.step == last_step && l.val_loss.is_some() => (
                l.val_loss.unwrap_or(f32::NAN),
                l.val_accuracy.unwrap_or(f32::NAN),
            ),
            _ => {
                let n = run.train.eval_batches;
                let v = evaluate(gpu, &mut self.model, &self.corpus.val, n).await?;
                (v.loss, v.accuracy())
            }
        };
        let steps_run = last_step - self.start;
        let tokens_per_step = (run.train.batch * run.model.context) as f64;
        Ok(TrainReport {
            params: self.model.read_values(gpu).await?,
            log: self.log,
            final_val_loss,
            final_val_accuracy,
            spawn_val_loss: self.spawn_val_loss,
            tokens_per_s: if steps_run > 0 {
                tokens_per_step * steps_run as f64 / self.train_time.max(1e-9)
            } else {
                0.0
            },
            steps_run,
            end_step: last_step,
            interrupted: self.interrupted,
            adapter: gpu.name(),
            wall_s: self.wall.elapsed().as_secs_f64(),
        })
    }
}

/// Loss and accuracy over the first `n` validation batches of the model's task (the masked LM's
/// with the fixed evaluation masks), in evaluation mode (no noise, top-1).
pub async fn evaluate(gpu: &Gpu, model: &mut Model, data: &Tokens, n: usize) -> Result<LossStats> {
    let batches = task_eval_batches(&model.cfg, data, model.batch, model.seq, n);
    if batches.is_empty() {
        return Err(Error::Config(format!(
            "validation split of {} ids is too short for one {}x{} batch",
            data.len(),
            model.batch,
            model.seq
        )));
    }
    model
        .with_eval(gpu, async |m| {
            let mut parts = Vec::new();
            for b in &batches {
                parts.push(m.stats(gpu, &b.inputs, &b.targets).await?);
            }
            Ok(LossStats::pooled(&parts))
        })
        .await
}

/// Each MoE layer's top expert for every token of `probe`, in evaluation mode.
async fn top_experts(gpu: &Gpu, model: &mut Model, probe: &Batch) -> Result<Vec<Vec<u32>>> {
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
async fn snapshot(gpu: &Gpu, model: &Model, opt: &Optimizer, step: u64) -> Result<Vec<Named>> {
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
fn metadata(
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
        ("vocab".into(), model.cfg.vocab.to_string()),
        (
            "tokenizer".into(),
            corpus
                .tokenizer
                .as_ref()
                .map_or(String::new(), |t| t.crc32.clone()),
        ),
        (
            "rng".into(),
            "counter-based: batches, gate noise and spawn masks are functions of the seeds and \
             the step"
                .into(),
        ),
        ("config".into(), run.to_toml()),
    ])
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
