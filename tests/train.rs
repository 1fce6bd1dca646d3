//! Training runs through `trainer::train` on every adapter: a dense GPT and an EvoMoE GPT-MoE
//! learn the built-in corpus (the EvoMoE run goes through the spawn, the anneal and the hard
//! switch and ends on the scattered path), an interrupted run resumes bit for bit, and a run
//! that diverges stops with its last good checkpoint; the same for the masked-LM task.

use evomoe::function_name;
use evomoe::testing::{on_every_adapter, scratch_dir};
use evomoe::train::config::RunConfig;
use evomoe::train::data::Corpus;
use evomoe::train::run::{TrainOptions, TrainReport};
use evomoe::train::trainer::train;
use evomoe::{Error, Gpu, Result};

/// A small run: `method` with the given overrides on top of a model smaller than `tiny`.
fn config(method: &str, overrides: &[&str]) -> RunConfig {
    let mut o: Vec<String> = [
        "model.context=32",
        "model.d_model=32",
        "model.d_ff=64",
        "model.n_head=2",
        "moe.experts=4",
        "train.batch=4",
        "train.eval_batches=4",
        "train.log_every=5",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    o.extend(overrides.iter().map(|s| s.to_string()));
    RunConfig::resolve(Some("tiny"), Some(method), "", &o).unwrap()
}

/// A fresh directory for the run `name` on this adapter.
fn run_dir(name: &str, gpu: &Gpu) -> std::path::PathBuf {
    scratch_dir(&format!("{name}-{}", gpu.info.backend.to_str()))
}

fn fail(m: String) -> Result<()> {
    Err(Error::Config(m))
}

#[test]
fn tiny_dense_gpt_learns_shakespeare() {
    let corpus = Corpus::builtin();
    let run = RunConfig::resolve(
        Some("tiny"),
        Some("dense"),
        "",
        &[
            "train.steps=150".into(),
            "train.log_every=25".into(),
            "train.eval_batches=4".into(),
        ],
    )
    .unwrap();
    on_every_adapter(function_name!(), async |gpu| {
        let r = train(gpu, &corpus, &TrainOptions::new(run.clone()), |_| {}).await?;
        let (first, last) = (r.log[0].loss, r.log.last().unwrap().loss);
        eprintln!(
            "[{}] dense loss {first:.3} -> {last:.3}, val {:.3}",
            gpu.name(),
            r.final_val_loss
        );
        if !(last < 3.0 && r.final_val_loss < 3.2 && last < first - 1.0) {
            return fail(format!(
                "loss {first} -> {last}, validation {}",
                r.final_val_loss
            ));
        }
        Ok(())
    });
}

/// The masked-LM encoder learns too: from the uniform 5.55 nats (ln 256) to below 3.35 on the
/// masked bytes of the validation text in 150 steps of the tiny preset (about the bytes'
/// unigram entropy: the first thing it learns is which bytes are common).
#[test]
fn tiny_masked_lm_learns_shakespeare() {
    let corpus = Corpus::builtin();
    let run = RunConfig::resolve(
        Some("tiny"),
        Some("dense"),
        "",
        &[
            "task=\"mlm\"".into(),
            "train.steps=150".into(),
            "train.log_every=25".into(),
            "train.eval_batches=8".into(),
        ],
    )
    .unwrap();
    on_every_adapter(function_name!(), async |gpu| {
        let r = train(gpu, &corpus, &TrainOptions::new(run.clone()), |_| {}).await?;
        let first = r.log[0].loss;
        eprintln!(
            "[{}] masked LM: loss {first:.3} -> val {:.3}, accuracy {:.1}%",
            gpu.name(),
            r.final_val_loss,
            100.0 * r.final_val_accuracy
        );
        if !(first > 5.0 && r.final_val_loss < 3.35 && r.final_val_accuracy > 0.1) {
            return fail(format!(
                "loss {first} -> validation {}, accuracy {}",
                r.final_val_loss, r.final_val_accuracy
            ));
        }
        Ok(())
    });
}

#[test]
fn tiny_evomoe_goes_through_both_phases_and_learns() {
    let corpus = Corpus::builtin();
    // T_base = 12, spawn at step 12, tau anneals over 86 steps, hard top-1 from step 98.
    let run = config("evomoe", &["train.steps=120"]);
    on_every_adapter(function_name!(), async |gpu| {
        let r = train(gpu, &corpus, &TrainOptions::new(run.clone()), |_| {}).await?;
        let phases: Vec<&str> = r.log.iter().map(|l| l.phase).collect();
        for p in ["diversify", "sparsify", "top1"] {
            if !phases.contains(&p) {
                return fail(format!("no `{p}` step logged: {phases:?}"));
            }
        }
        let spawn = r
            .spawn_val_loss
            .ok_or_else(|| Error::Config("no spawn".into()))?;
        let last = r.log.last().unwrap();
        let early = r.log.iter().find(|l| l.phase == "sparsify").unwrap();
        eprintln!(
            "[{}] evomoe: val {spawn:.3} at the spawn -> {:.3}; experts/token {:?} -> {:?}",
            gpu.name(),
            r.final_val_loss,
            early.experts_per_token(),
            last.experts_per_token()
        );
        if r.final_val_loss.is_nan() || r.final_val_loss >= spawn {
            return fail(format!(
                "validation {} not below {spawn} at the spawn",
                r.final_val_loss
            ));
        }
        if early.experts_per_token() < Some(3.0) || early.layers[0].path != "dense" {
            return fail(format!(
                "the anneal should start dense with ~E experts/token: {early:?}"
            ));
        }
        if last.experts_per_token() != Some(1.0)
            || last.layers.iter().any(|l| l.path != "scattered")
        {
            return fail(format!(
                "the run should end top-1 on the scattered path: {last:?}"
            ));
        }
        Ok(())
    });
}

/// Runs `run` straight, and as `cut` steps + a resume from the checkpoint; compares.
async fn check_resume(
    gpu: &Gpu,
    run: &RunConfig,
    cut: u64,
    name: &str,
) -> Result<(TrainReport, TrainReport)> {
    let corpus = Corpus::builtin();
    let dir = run_dir(name, gpu);
    let straight = train(gpu, &corpus, &TrainOptions::new(run.clone()), |_| {}).await?;
    let first = TrainOptions {
        out_dir: Some(dir.clone()),
        stop_after: Some(cut),
        ..TrainOptions::new(run.clone())
    };
    train(gpu, &corpus, &first, |_| {}).await?;
    let second = TrainOptions {
        out_dir: Some(dir.clone()),
        resume: true,
        ..TrainOptions::new(run.clone())
    };
    let resumed = train(gpu, &corpus, &second, |_| {}).await?;
    std::fs::remove_dir_all(&dir)?;
    if resumed.log.first().map(|l| l.step) != Some(cut + 1) {
        return Err(Error::Config(format!(
            "the resumed run should start at step {}, logged {:?}",
            cut + 1,
            resumed.log.first().map(|l| l.step)
        )));
    }
    for (i, (a, b)) in straight.params.iter().zip(&resumed.params).enumerate() {
        if a != b {
            return Err(Error::Config(format!(
                "parameter {i} differs between the straight and the resumed run"
            )));
        }
    }
    Ok((straight, resumed))
}

#[test]
fn interrupted_dense_training_resumes_exactly() {
    let run = config(
        "dense",
        &[
            "train.steps=12",
            "train.warmup=2",
            "train.log_every=4",
            "model.n_layer=1",
        ],
    );
    on_every_adapter(function_name!(), async |gpu| {
        check_resume(gpu, &run, 5, "resume-dense").await.map(|_| ())
    });
}

#[test]
fn interrupted_evomoe_resumes_exactly_across_spawn_and_hard_switch() {
    // 40 steps: spawn at 8, hard top-1 from 8 + round(0.8 * 32) = 34; the cut at 6 puts both
    // in the second half, and the paths change (dense -> scattered) there too.
    let run = config(
        "evomoe",
        &[
            "train.steps=40",
            "evomoe.base_fraction=0.2",
            "train.log_every=4",
            "train.eval_every=0",
        ],
    );
    on_every_adapter(function_name!(), async |gpu| {
        let (_, resumed) = check_resume(gpu, &run, 6, "resume-evomoe").await?;
        if resumed.spawn_val_loss.is_none() || resumed.log.last().unwrap().phase != "top1" {
            return fail("the second half should hold the spawn and the hard switch".into());
        }
        Ok(())
    });
}

/// A masked-LM EvoMoE run cut before its spawn resumes bit for bit: the same masks, routing
/// and updates after the resume.
#[test]
fn interrupted_masked_lm_resumes_exactly() {
    let run = config(
        "evomoe",
        &[
            "task=\"mlm\"",
            "train.steps=16",
            "evomoe.base_fraction=0.25",
            "train.log_every=4",
            "train.eval_every=0",
            "model.n_layer=2",
        ],
    );
    on_every_adapter(function_name!(), async |gpu| {
        check_resume(gpu, &run, 3, "resume-mlm").await.map(|_| ())
    });
}

#[test]
fn a_diverging_run_stops_and_keeps_only_finite_checkpoints() {
    let corpus = Corpus::builtin();
    // At this rate the weights leave f32's range within a few steps; a checkpoint every step.
    let run = config(
        "switch",
        &[
            "train.steps=30",
            "train.save_every=1",
            "train.log_every=1",
            "train.warmup=1",
            "train.lr=1e30",
            "train.min_lr=1e30",
        ],
    );
    on_every_adapter(function_name!(), async |gpu| {
        let dir = run_dir("diverge", gpu);
        let opts = TrainOptions {
            out_dir: Some(dir.clone()),
            ..TrainOptions::new(run.clone())
        };
        let msg = match train(gpu, &corpus, &opts, |_| {}).await {
            Ok(_) => return fail("a run at lr 1e30 finished".into()),
            Err(e) => e.to_string(),
        };
        let ckpt = dir.join("checkpoint.safetensors");
        let kept = if ckpt.exists() {
            // Loading refuses non-finite values: a checkpoint that loads is finite.
            let c = evomoe::train::checkpoint::load(&ckpt)?;
            let finite = c
                .tensors
                .iter()
                .all(|t| t.data.iter().all(|x| x.is_finite()));
            Some((c.meta["step"].clone(), finite))
        } else {
            None
        };
        std::fs::remove_dir_all(&dir)?;
        eprintln!("[{}] {msg}; kept {kept:?}", gpu.name());
        if !msg.contains("diverged") || kept.as_ref().is_some_and(|k| !k.1) {
            return fail(format!("message `{msg}`, checkpoint kept: {kept:?}"));
        }
        if let Some((step, _)) = kept {
            if !msg.contains(&format!("step {step})")) {
                return fail(format!(
                    "`{msg}` should name the kept checkpoint (step {step})"
                ));
            }
        }
        Ok(())
    });
}
