//! Continuing from a checkpoint: the checks before a run resumes ([`checkpoint_in`]: there is a
//! checkpoint; [`SavedRun::check_resume`]: the same config, steps left, the same data), every
//! metadata field checked against the config ([`check_checkpoint`]), and the loading of a
//! checkpoint into a freshly built model ([`restore`]). [`crate::train::session::Session::new`]
//! and `evomoe train --resume` (which checks before it opens a GPU) call the same functions, so
//! a refusal reads the same from both; `evomoe eval` and `evomoe sample` read a checkpoint with
//! [`SavedRun::load`] and [`restore`].

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::gpu::Gpu;
use crate::model::transformer::{Model, Stage};
use crate::moe::expert_ffn::FfnPath;
use crate::optim::Optimizer;
use crate::train::checkpoint::{self, Checkpoint, Named};
use crate::train::config::RunConfig;
use crate::train::data::{Corpus, Fingerprint};
use crate::train::run_dir::CHECKPOINT;

/// The checkpoint of the run in `dir`, to resume from; an error when there is none.
pub fn checkpoint_in(dir: &Path) -> Result<PathBuf> {
    let path = dir.join(CHECKPOINT);
    if !path.exists() {
        return Err(Error::Config(format!(
            "nothing to resume: {} has no checkpoint",
            dir.display()
        )));
    }
    Ok(path)
}

/// A verified checkpoint with the config it was saved with and its step.
pub struct SavedRun {
    pub ckpt: Checkpoint,
    /// The config the run was saved with.
    pub run: RunConfig,
    /// Steps done.
    pub step: u64,
    /// The file it was read from.
    pub path: PathBuf,
}

impl SavedRun {
    /// Reads the checkpoint at `path`, verified ([`checkpoint::load`]), with its config and
    /// step; every metadata field is checked against that config ([`check_checkpoint`]). No GPU
    /// is needed, so a damaged or edited checkpoint is refused before one is opened.
    pub fn load(path: &Path) -> Result<SavedRun> {
        let ckpt = checkpoint::load(path)?;
        let not_ours = || Error::Config(format!("{} is not an evomoe checkpoint", path.display()));
        let run = RunConfig::from_toml(ckpt.get("config").ok_or_else(not_ours)?)?;
        let step = ckpt
            .get("step")
            .and_then(|s| s.parse().ok())
            .ok_or_else(not_ours)?;
        check_checkpoint(&ckpt, &run, path)?;
        Ok(SavedRun {
            ckpt,
            run,
            step,
            path: path.to_path_buf(),
        })
    }

    /// Checks that `run` may continue this run, saved in `dir`, on `corpus`: the same config
    /// (each difference named), steps left, and the same training data unless
    /// `allow_data_change` ([`check_data`]).
    pub fn check_resume(
        &self,
        run: &RunConfig,
        corpus: &Corpus,
        allow_data_change: bool,
        dir: &Path,
    ) -> Result<()> {
        let diffs = self.run.differences(run);
        if !diffs.is_empty() {
            return Err(Error::Config(format!(
                "cannot resume: the checkpoint in {} was written by another config ({})",
                dir.display(),
                diffs.join("; ")
            )));
        }
        // Ids of another tokenizer mean other things: refused even with --allow-data-change.
        check_tokenizer(
            &self.ckpt,
            corpus.tokenizer.as_ref().map(|t| t.crc32.as_str()),
            &self.path,
        )?;
        if self.step >= run.train.steps {
            return Err(Error::Config(format!(
                "the run in {} is already complete (step {} of {}): nothing to resume",
                dir.display(),
                self.step,
                run.train.steps
            )));
        }
        check_data(&self.ckpt, corpus, allow_data_change, &self.path)
    }
}

/// Refuses ids of another tokenizer than the checkpoint's: `current` is the CRC-32 of the
/// tokenizer at hand (`None`: bytes). Checkpoints from before tokenizers recorded none and were
/// byte models.
pub fn check_tokenizer(ckpt: &Checkpoint, current: Option<&str>, path: &Path) -> Result<()> {
    let saved = ckpt.get("tokenizer").filter(|s| !s.is_empty());
    if saved == current {
        return Ok(());
    }
    let name = |t: Option<&str>| {
        t.map_or("bytes (no tokenizer)".to_string(), |c| {
            format!("the tokenizer of CRC-32 {c}")
        })
    };
    Err(Error::Config(format!(
        "checkpoint {} was trained on {}, but the data here is {}",
        path.display(),
        name(saved),
        name(current)
    )))
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

/// Loads a checkpoint into `model` (freshly built for `run`) and, when given, the AdamW moments
/// and step count into `opt`; returns its step. Every metadata field is checked and every
/// tensor must be there with its shape.
pub fn restore(
    gpu: &Gpu,
    model: &mut Model,
    opt: Option<&mut Optimizer>,
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
    if let Some(opt) = opt {
        opt.step = state.step as u32;
    }
    model.restore_stage(state.stage, state.spawned_at)?;
    model.set_paths(&state.paths)?;
    Ok(state.step)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// A run of the tiny preset saved after `step` steps on `corpus` (metadata only).
    fn saved(step: u64, corpus: &Corpus) -> SavedRun {
        SavedRun {
            ckpt: Checkpoint {
                tensors: Vec::new(),
                meta: HashMap::from([("data".into(), corpus.fingerprint.encode())]),
                verified: true,
            },
            run: RunConfig::resolve(Some("tiny"), Some("dense"), "", &[]).unwrap(),
            step,
            path: PathBuf::from("runs/x/checkpoint.safetensors"),
        }
    }

    fn message(r: Result<()>) -> String {
        r.expect_err("refused").to_string()
    }

    #[test]
    fn resume_refusals_name_the_run_and_the_reason() {
        let dir = std::env::temp_dir().join(format!("evomoe-resume-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let none = message(checkpoint_in(&dir).map(|_| ()));
        assert!(none.contains("nothing to resume") && none.contains(&*dir.to_string_lossy()));
        std::fs::write(dir.join(CHECKPOINT), b"").unwrap();
        assert_eq!(checkpoint_in(&dir).unwrap(), dir.join(CHECKPOINT));
        std::fs::remove_dir_all(&dir).unwrap();

        let (corpus, out) = (Corpus::builtin(), Path::new("runs/x"));
        let s = saved(2, &corpus);
        let run = s.run.clone();
        s.check_resume(&run, &corpus, false, out).unwrap();
        let more = RunConfig::resolve(Some("tiny"), Some("dense"), "", &["train.lr=0.5".into()]);
        let e = message(s.check_resume(&more.unwrap(), &corpus, false, out));
        assert!(
            e.contains(
                "cannot resume: the checkpoint in runs/x was written by another config (train.lr"
            ),
            "{e}"
        );
        let done = saved(run.train.steps, &corpus);
        let e = message(done.check_resume(&run, &corpus, false, out));
        let want = format!("already complete (step {0} of {0})", run.train.steps);
        assert!(e.contains(&want) && e.contains("runs/x"), "{e}");
        let other = Corpus::split(&crate::train::data::BUILTIN_CORPUS[..20_000], 0.1).unwrap();
        let e = message(s.check_resume(&run, &other, false, out));
        assert!(
            e.contains("training data changed") && e.contains("--allow-data-change"),
            "{e}"
        );
        s.check_resume(&run, &other, true, out).unwrap();
    }
}
