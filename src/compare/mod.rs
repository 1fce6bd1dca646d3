//! `evomoe compare`: trains the same GPT-MoE once per method and seed (and, on request, the
//! EvoMoE ablations), then summarises and plots the runs.
//!
//! Every run is an ordinary training run ([`crate::train::trainer::train`]) in its own directory
//! `<out>/runs/<id>/` (config, `metrics.jsonl`, checkpoint) plus a `result.json` written when it
//! finished. Runs are planned and their configs resolved before any GPU work, so a bad setting
//! fails at once. Rerunning the same command resumes: a finished run is not run again, an
//! interrupted one continues from its checkpoint, a run that never saved starts over. A run
//! directory written by another config is an error (use another `--out`).
//!
//! Runs go to one worker thread per adapter ([`execute`]); [`summary`] reads the directories
//! back into the table and [`plots`] draws the figures.

pub mod cost;
pub mod plots;
pub mod summary;

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use crate::error::{Error, Result};
use crate::gpu::Gpu;
use crate::model::config::Method;
use crate::train::checkpoint;
use crate::train::config::RunConfig;
use crate::train::data::Corpus;
use crate::train::run::{Event, TrainOptions};
use crate::train::run_dir::{CHECKPOINT, CONFIG};
use crate::train::trainer;

/// The default comparison on top of the `small` preset: 4 layers, d_model 128, E = 8 every
/// second block, context 128, 300 steps of 8 sequences, a validation point every 25 steps (the
/// resolution of "steps to reach the target").
pub const SETUP: &str = r#"[model]
context = 128
n_layer = 4
d_model = 128
d_ff = 512

[moe]
experts = 8

[train]
steps = 300
batch = 8
eval_every = 25
eval_batches = 8
save_every = 100
"#;

/// Written into a run directory when the run finished.
pub const RESULT: &str = "result.json";

/// What to compare.
#[derive(Clone, Debug)]
pub struct CompareSpec {
    /// Preset the runs start from.
    pub preset: String,
    /// TOML text applied on top of the preset (may be empty).
    pub file: String,
    /// `section.key=value` overrides for every run.
    pub overrides: Vec<String>,
    pub methods: Vec<Method>,
    /// One run per method and seed (`model.seed` and `train.seed` both set to it).
    pub seeds: Vec<u64>,
    /// Also the EvoMoE ablations ([`ablations`]), with the first seed.
    pub ablations: bool,
}

/// One planned run.
#[derive(Clone, Debug)]
pub struct RunSpec {
    /// Directory name, e.g. `evomoe-s1` or `evomoe-r0.25-s1`.
    pub id: String,
    /// Row of the summary the run belongs to, e.g. `evomoe` or `evomoe r=0.25`.
    pub label: String,
    /// `main` or `ablation`.
    pub group: &'static str,
    pub seed: u64,
    pub config: RunConfig,
}

/// An EvoMoE ablation: its label, directory tag and overrides.
pub struct Ablation {
    pub label: &'static str,
    pub tag: &'static str,
    pub overrides: &'static [&'static str],
}

/// The ablations of the two EvoMoE knobs and the tau schedule; the main `evomoe` row is the
/// default (r = 0.5, T_base = 10% of the steps, linear decay).
pub fn ablations() -> Vec<Ablation> {
    let a = |label, tag, overrides| Ablation {
        label,
        tag,
        overrides,
    };
    vec![
        a("evomoe r=0", "r0", &["evomoe.drop_rate=0.0"]),
        a("evomoe r=0.25", "r0.25", &["evomoe.drop_rate=0.25"]),
        a("evomoe r=0.75", "r0.75", &["evomoe.drop_rate=0.75"]),
        a("evomoe T_base=0", "tb0", &["evomoe.base_fraction=0.0"]),
        a("evomoe T_base=5%", "tb5", &["evomoe.base_fraction=0.05"]),
        a("evomoe T_base=20%", "tb20", &["evomoe.base_fraction=0.2"]),
        a(
            "evomoe tau exponential",
            "tauexp",
            &["evomoe.tau_decay=\"exponential\""],
        ),
    ]
}

/// Every run of `spec` with its resolved config (errors name the run).
pub fn plan(spec: &CompareSpec) -> Result<Vec<RunSpec>> {
    if spec.methods.is_empty() {
        return Err(Error::Config("--methods names no method".into()));
    }
    if spec.seeds.is_empty() {
        return Err(Error::Config("--seeds must be at least 1".into()));
    }
    let resolve = |method: Method, seed: u64, extra: &[&str]| -> Result<RunConfig> {
        let mut overrides = spec.overrides.clone();
        overrides.push(format!("model.seed={seed}"));
        overrides.push(format!("train.seed={seed}"));
        overrides.extend(extra.iter().map(|s| s.to_string()));
        RunConfig::resolve(
            Some(&spec.preset),
            Some(method.name()),
            &spec.file,
            &overrides,
        )
    };
    let mut runs = Vec::new();
    // Seed by seed, so that a comparison cut short has every method at the first seeds.
    for &seed in &spec.seeds {
        for &method in &spec.methods {
            runs.push(RunSpec {
                id: format!("{}-s{seed}", method.name()),
                label: method.name().to_string(),
                group: "main",
                seed,
                config: resolve(method, seed, &[])?,
            });
        }
    }
    if spec.ablations {
        let seed = spec.seeds[0];
        for ab in ablations() {
            let config = resolve(Method::Evomoe, seed, ab.overrides)
                .map_err(|e| Error::Config(format!("ablation `{}`: {e}", ab.label)))?;
            runs.push(RunSpec {
                id: format!("evomoe-{}-s{seed}", ab.tag),
                label: ab.label.to_string(),
                group: "ablation",
                seed,
                config,
            });
        }
    }
    Ok(runs)
}

/// Where a planned run stands on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunState {
    /// Nothing there (or a start that never saved a checkpoint): run from step 0.
    New,
    /// A checkpoint of this config: continue from it.
    Resume,
    /// Finished: not run again.
    Done,
}

/// The directory of run `id` under `out`.
pub fn run_dir(out: &Path, id: &str) -> PathBuf {
    out.join("runs").join(id)
}

/// Where `run` stands under `out`; a directory written by a different config is an error naming
/// the differing fields.
pub fn state(out: &Path, run: &RunSpec) -> Result<RunState> {
    let dir = run_dir(out, &run.id);
    let config = dir.join(CONFIG);
    if !config.exists() {
        return Ok(RunState::New);
    }
    let text = std::fs::read_to_string(&config)
        .map_err(|e| Error::Config(format!("cannot read {}: {e}", config.display())))?;
    let saved = RunConfig::from_toml(&text)?;
    let diffs = saved.differences(&run.config);
    if !diffs.is_empty() {
        return Err(Error::Config(format!(
            "{} was written by another config ({}); compare into a new --out",
            dir.display(),
            diffs.join("; ")
        )));
    }
    if dir.join(RESULT).exists() {
        return Ok(RunState::Done);
    }
    let checkpoint = dir.join(CHECKPOINT);
    if !checkpoint.exists() {
        return Ok(RunState::New);
    }
    // A checkpoint of the last step without a result (stopped while writing it): the run
    // cannot continue from there and is run again; so is an unreadable checkpoint.
    let step = checkpoint::load(&checkpoint)
        .ok()
        .and_then(|c| c.get("step")?.parse::<u64>().ok());
    Ok(match step {
        Some(s) if s < run.config.train.steps => RunState::Resume,
        _ => RunState::New,
    })
}

/// What a worker reports to the front end.
pub enum Progress<'a> {
    /// Run `id` starts (or resumes) on `adapter`.
    Started {
        id: &'a str,
        adapter: &'a str,
        resume: bool,
    },
    /// A logged point of run `id` with a validation loss.
    Eval {
        id: &'a str,
        step: u64,
        steps: u64,
        val_loss: f32,
        tokens_per_s: f64,
    },
    /// Run `id` finished.
    Finished {
        id: &'a str,
        val_loss: f32,
        wall_s: f64,
    },
    /// Run `id` stopped on an interrupt with a checkpoint.
    Interrupted { id: &'a str },
    /// Run `id` failed; the others go on.
    Failed { id: &'a str, error: String },
}

/// How [`execute`] ended.
#[derive(Debug, Default)]
pub struct Outcome {
    pub finished: usize,
    /// Runs that were done before this invocation.
    pub skipped: usize,
    pub failed: Vec<(String, String)>,
    pub interrupted: bool,
}

/// Runs every run of `runs` that is not done, one worker thread per adapter in `gpus`; each
/// worker takes the next run from a shared queue. `interrupt` stops every worker after its
/// current step (with a checkpoint) and starts no new run.
pub fn execute(
    out: &Path,
    runs: &[RunSpec],
    corpus: &Corpus,
    gpus: Vec<Gpu>,
    interrupt: Arc<AtomicBool>,
    on_progress: &(dyn Fn(Progress) + Sync),
) -> Result<Outcome> {
    let mut queue = VecDeque::new();
    let mut outcome = Outcome::default();
    for run in runs {
        match state(out, run)? {
            RunState::Done => outcome.skipped += 1,
            s => queue.push_back((run, s == RunState::Resume)),
        }
    }
    let queue = Mutex::new(queue);
    let outcome = Mutex::new(outcome);
    std::thread::scope(|scope| {
        for gpu in &gpus {
            let (queue, outcome, interrupt) = (&queue, &outcome, &interrupt);
            scope.spawn(move || loop {
                if interrupt.load(Ordering::SeqCst) {
                    return;
                }
                let Some((run, resume)) = queue.lock().expect("queue").pop_front() else {
                    return;
                };
                let r = pollster::block_on(run_one(
                    out,
                    run,
                    resume,
                    corpus,
                    gpu,
                    interrupt,
                    on_progress,
                ));
                let mut o = outcome.lock().expect("outcome");
                match r {
                    Ok(true) => o.finished += 1,
                    Ok(false) => o.interrupted = true,
                    Err(e) => {
                        on_progress(Progress::Failed {
                            id: &run.id,
                            error: e.to_string(),
                        });
                        o.failed.push((run.id.clone(), e.to_string()));
                    }
                }
            });
        }
    });
    Ok(outcome.into_inner().expect("outcome"))
}

/// Trains one run; `Ok(false)` when it was interrupted.
async fn run_one(
    out: &Path,
    run: &RunSpec,
    resume: bool,
    corpus: &Corpus,
    gpu: &Gpu,
    interrupt: &Arc<AtomicBool>,
    on_progress: &(dyn Fn(Progress) + Sync),
) -> Result<bool> {
    let dir = run_dir(out, &run.id);
    on_progress(Progress::Started {
        id: &run.id,
        adapter: &gpu.name(),
        resume,
    });
    let opts = TrainOptions {
        out_dir: Some(dir.clone()),
        resume,
        interrupt: Some(interrupt.clone()),
        ..TrainOptions::new(run.config.clone())
    };
    let steps = run.config.train.steps;
    let report = trainer::train(gpu, corpus, &opts, |ev| {
        if let Event::Log(l) = ev {
            if let Some(v) = l.val_loss {
                on_progress(Progress::Eval {
                    id: &run.id,
                    step: l.step,
                    steps,
                    val_loss: v,
                    tokens_per_s: l.tokens_per_s,
                });
            }
        }
    })
    .await?;
    if report.interrupted {
        on_progress(Progress::Interrupted { id: &run.id });
        return Ok(false);
    }
    let result = serde_json::json!({
        "id": run.id,
        "label": run.label,
        "group": run.group,
        "method": run.config.method.name(),
        "seed": run.seed,
        "final_val_loss": report.final_val_loss,
        "final_val_accuracy": report.final_val_accuracy,
        "final_val_bits_per_byte": corpus.bits_per_byte(report.final_val_loss as f64),
        "vocab": run.config.vocab(),
        "tokens_per_s": report.tokens_per_s,
        "wall_s": report.wall_s,
        "steps": report.end_step,
        "adapter": report.adapter,
        "resumed": resume,
    });
    let path = dir.join(RESULT);
    std::fs::write(&path, format!("{result:#}\n"))
        .map_err(|e| Error::Config(format!("cannot write {}: {e}", path.display())))?;
    on_progress(Progress::Finished {
        id: &run.id,
        val_loss: report.final_val_loss,
        wall_s: report.wall_s,
    });
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> CompareSpec {
        CompareSpec {
            preset: "tiny".into(),
            file: String::new(),
            overrides: vec!["train.steps=4".into()],
            methods: Method::ALL.to_vec(),
            seeds: vec![1, 2],
            ablations: true,
        }
    }

    #[test]
    fn plan_has_every_method_seed_and_ablation() {
        let runs = plan(&spec()).unwrap();
        assert_eq!(runs.len(), 7 * 2 + ablations().len());
        let ids: std::collections::HashSet<_> = runs.iter().map(|r| r.id.clone()).collect();
        assert_eq!(ids.len(), runs.len(), "ids are unique");
        let r = runs.iter().find(|r| r.id == "switch-s2").unwrap();
        assert_eq!((r.config.model.seed, r.config.train.seed), (2, 2));
        assert_eq!(r.config.train.steps, 4);
        let a = runs.iter().find(|r| r.id == "evomoe-r0.25-s1").unwrap();
        assert_eq!(a.config.evomoe.drop_rate, 0.25);
        assert_eq!(a.group, "ablation");
        let t = runs.iter().find(|r| r.id == "evomoe-tauexp-s1").unwrap();
        assert_eq!(t.config.evomoe.tau_decay, "exponential");
    }

    #[test]
    fn plan_rejects_bad_settings() {
        let mut s = spec();
        s.overrides.push("train.lr=-1".into());
        assert!(plan(&s).is_err());
        let mut s = spec();
        s.seeds.clear();
        assert!(plan(&s).is_err());
    }

    #[test]
    fn state_follows_the_directory() {
        let out = std::env::temp_dir().join(format!("evomoe-compare-state-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        let runs = plan(&spec()).unwrap();
        let run = &runs[0];
        assert_eq!(state(&out, run).unwrap(), RunState::New);
        let dir = run_dir(&out, &run.id);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(CONFIG), run.config.to_toml()).unwrap();
        assert_eq!(state(&out, run).unwrap(), RunState::New);
        // An unreadable checkpoint: run again.
        std::fs::write(dir.join(CHECKPOINT), b"x").unwrap();
        assert_eq!(state(&out, run).unwrap(), RunState::New);
        let save = |step: u64| {
            let meta = [("step".to_string(), step.to_string())].into();
            checkpoint::save(&dir.join(CHECKPOINT), &[], meta).unwrap();
        };
        save(2);
        assert_eq!(state(&out, run).unwrap(), RunState::Resume);
        // The last step's checkpoint without a result: run again.
        save(4);
        assert_eq!(state(&out, run).unwrap(), RunState::New);
        save(2);
        std::fs::write(dir.join(RESULT), b"{}").unwrap();
        assert_eq!(state(&out, run).unwrap(), RunState::Done);
        // Another config in the same directory is an error naming the field.
        let mut other = run.clone();
        other.config.train.lr *= 2.0;
        let e = state(&out, &other).unwrap_err().to_string();
        assert!(e.contains("train.lr"), "{e}");
        std::fs::remove_dir_all(&out).unwrap();
    }
}
