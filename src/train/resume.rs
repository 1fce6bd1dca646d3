//! Continuing from a checkpoint: every metadata field checked against the config
//! ([`check_checkpoint`]), the training data compared with the checkpoint's ([`check_data`]),
//! and the loading of a checkpoint into a freshly built model ([`restore`], also what
//! `evomoe eval` and `evomoe sample` use).

use std::path::Path;

use crate::error::{Error, Result};
use crate::gpu::Gpu;
use crate::model::transformer::{Model, Stage};
use crate::moe::expert_ffn::FfnPath;
use crate::train::checkpoint::{self, Checkpoint, Named};
use crate::train::config::RunConfig;
use crate::train::data::{Corpus, Fingerprint};

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

/// Loads a checkpoint into `model` (freshly built for `run`); returns its step. Every metadata
/// field is checked ([`saved_state`]) and every tensor must be there with its shape.
pub fn restore(
    gpu: &Gpu,
    model: &mut Model,
    run: &RunConfig,
    ckpt: &Checkpoint,
    path: &Path,
) -> Result<u64> {
    let state = saved_state(ckpt, run, path)?;
    let by_name: std::collections::HashMap<&str, &Named> =
        ckpt.tensors.iter().map(|t| (t.name.as_str(), t)).collect();
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
    model.step = state.step as u32;
    model.restore_stage(state.stage, state.spawned_at)?;
    model.set_paths(&state.paths)?;
    Ok(state.step)
}
