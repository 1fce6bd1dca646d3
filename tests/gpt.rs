//! The dense GPT: the whole model on every adapter against the same model composed from the
//! CPU references (logits, loss, every parameter gradient), a finite-difference check of the CPU
//! model, one submit per step, the readback ring. Training runs are in `tests/train.rs`.

use evomoe::function_name;
use evomoe::model::config::{ModelConfig, Task};
use evomoe::model::params::{init_values, model_specs};
use evomoe::model::reference::gpt_reference;
use evomoe::model::transformer::Model;
use evomoe::ops::adamw::AdamwConfig;
use evomoe::optim::Optimizer;
use evomoe::testing::{check_close, on_every_adapter, random_tokens, random_vec, Tolerance};

/// Odd sizes everywhere: nothing is a multiple of a workgroup or tile.
fn odd_config() -> ModelConfig {
    ModelConfig {
        task: Task::Lm,
        vocab: 67,
        context: 16,
        n_layer: 2,
        n_head: 3,
        d_model: 24,
        d_ff: 40,
        seed: 5,
        moe: None,
    }
}

/// Initial values with every parameter perturbed, so norms and biases are not trivial.
fn perturbed_params(cfg: &ModelConfig) -> Vec<Vec<f32>> {
    let specs = model_specs(cfg);
    let mut vals = init_values(&specs, cfg.seed);
    for (i, v) in vals.iter_mut().enumerate() {
        let noise = random_vec(100 + i as u64, v.len());
        for (x, r) in v.iter_mut().zip(noise) {
            *x += 0.1 * r;
        }
    }
    vals
}

#[test]
fn gpt_matches_cpu_reference() {
    let cfg = odd_config();
    let (b, t) = (2, 13);
    let inputs = random_tokens(1, b * t, cfg.vocab);
    let mut targets = random_tokens(2, b * t, cfg.vocab);
    targets[5] = evomoe::ops::cross_entropy::IGNORE_INDEX;
    matches_cpu_reference(function_name!(), &cfg, b, t, &inputs, &targets, 2e-5);
}

/// A one-block model with GPT-2's padded vocabulary (50,304): the head dominates.
fn config_50k() -> ModelConfig {
    ModelConfig {
        vocab: 50_304,
        context: 8,
        n_layer: 1,
        n_head: 2,
        d_model: 16,
        d_ff: 24,
        ..odd_config()
    }
}

/// GPT-2's padded vocabulary (50,304) on a small model: the head dominates. `dwte`'s entries
/// for tokens that are no target are tiny (softmax / n_valid times lnf), so they are compared
/// with a small absolute floor.
#[test]
fn gpt_with_a_50k_vocabulary_matches_cpu_reference() {
    let cfg = config_50k();
    let (b, t) = (1, 6);
    let inputs = random_tokens(11, b * t, cfg.vocab);
    let mut targets = random_tokens(12, b * t, cfg.vocab);
    targets[2] = evomoe::ops::cross_entropy::IGNORE_INDEX;
    matches_cpu_reference(function_name!(), &cfg, b, t, &inputs, &targets, 1e-9);
}

/// The model on every adapter against the CPU composition: the logits of a forward-only run,
/// then the loss and every parameter gradient of a forward and backward (the backward writes
/// `dL/dlogits` over the logits), with `abs` the absolute floor of the gradient tolerance.
fn matches_cpu_reference(
    name: &str,
    cfg: &ModelConfig,
    b: usize,
    t: usize,
    inputs: &[u32],
    targets: &[u32],
    abs: f64,
) {
    let params = perturbed_params(cfg);
    let want = gpt_reference(cfg, &params, inputs, targets, b, t).unwrap();
    let specs = model_specs(cfg);
    on_every_adapter(name, async |gpu| {
        let model = Model::new(gpu, cfg, b, t)?;
        model.write_values(gpu, &params)?;
        model.forward(gpu, inputs, targets)?;
        check_close(
            "logits",
            &model.logits.read_f32(gpu).await?,
            &want.logits,
            Tolerance::F32_LOOSE,
        )?;
        model.forward_backward(gpu, inputs, targets)?;
        let loss = model.loss_stats.read_f32(gpu).await?[0];
        check_close("loss", &[loss], &[want.loss], Tolerance::F32_LOOSE)?;
        let grads = model.read_grads(gpu).await?;
        for ((spec, got), w) in specs.iter().zip(&grads).zip(&want.grads) {
            check_close(
                &format!("d{}", spec.name),
                got,
                w,
                Tolerance { rel: 2e-3, abs },
            )?;
        }
        // The gradients must be real: a model that wrote zeros would fail above, and so would
        // one that forgot to zero them between steps.
        model.forward_backward(gpu, inputs, targets)?;
        check_close(
            "dwte again",
            &model.read_grads(gpu).await?[0],
            &want.grads[0],
            Tolerance::F32_LOOSE,
        )
    });
}

#[test]
fn cpu_reference_gradient_matches_finite_differences() {
    let cfg = odd_config();
    let (b, t) = (1, 7);
    let params = perturbed_params(&cfg);
    let inputs = random_tokens(3, b * t, cfg.vocab);
    let targets = random_tokens(4, b * t, cfg.vocab);
    let base = gpt_reference(&cfg, &params, &inputs, &targets, b, t).unwrap();
    let specs = model_specs(&cfg);
    let eps = 1e-2f32;
    let mut checked = 0;
    for (pi, spec) in specs.iter().enumerate() {
        // Three entries per tensor, spread over it.
        for k in 0..3 {
            let j = (k * 7919 + pi * 31) % spec.numel();
            let mut plus = params.clone();
            plus[pi][j] += eps;
            let mut minus = params.clone();
            minus[pi][j] -= eps;
            let lp = gpt_reference(&cfg, &plus, &inputs, &targets, b, t)
                .unwrap()
                .loss as f64;
            let lm = gpt_reference(&cfg, &minus, &inputs, &targets, b, t)
                .unwrap()
                .loss as f64;
            let fd = (lp - lm) / (2.0 * eps as f64);
            let an = base.grads[pi][j] as f64;
            assert!(
                (fd - an).abs() <= 2e-2 * an.abs().max(fd.abs()) + 2e-4,
                "{}[{j}]: finite difference {fd}, backward {an}",
                spec.name
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 3 * specs.len());
}

#[test]
fn bad_batches_are_errors() {
    on_every_adapter(function_name!(), async |gpu| {
        let cfg = odd_config();
        assert!(Model::new(gpu, &cfg, 1, cfg.context + 1).is_err());
        let model = Model::new(gpu, &cfg, 1, 4)?;
        assert!(model.loss(gpu, &[1, 2, 3], &[1, 2, 3]).await.is_err());
        assert!(model
            .loss(gpu, &[1, 2, 3, 999], &[1, 2, 3, 4])
            .await
            .is_err());
        Ok(())
    });
}

#[test]
fn a_training_step_is_one_submit_and_creates_nothing() {
    let cfg = odd_config();
    on_every_adapter(function_name!(), async |gpu| {
        let model = Model::new(gpu, &cfg, 2, 13)?;
        let mut opt = Optimizer::new(gpu, &model, AdamwConfig::default())?;
        let inputs = random_tokens(1, 26, cfg.vocab);
        let targets = random_tokens(2, 26, cfg.vocab);
        opt.train_step(gpu, &model, &inputs, &targets, 1e-3, false)?;
        gpu.wait().await?;
        let before = gpu.resource_counts();
        for _ in 0..3 {
            opt.train_step(gpu, &model, &inputs, &targets, 1e-3, false)?;
        }
        gpu.wait().await?;
        let after = gpu.resource_counts();
        let want = evomoe::gpu::context::ResourceCounts {
            submits: before.submits + 3,
            ..before
        };
        if after != want {
            return Err(evomoe::Error::Config(format!(
                "3 steps went from {before:?} to {after:?}, expected {want:?}"
            )));
        }
        Ok(())
    });
}

#[test]
fn logged_loss_arrives_through_the_readback_ring() {
    let cfg = odd_config();
    on_every_adapter(function_name!(), async |gpu| {
        let inputs = random_tokens(5, 26, cfg.vocab);
        let targets = random_tokens(6, 26, cfg.vocab);
        let reference = Model::new(gpu, &cfg, 2, 13)?;
        reference.forward_backward(gpu, &inputs, &targets)?;
        let want = reference.loss_stats.read_f32(gpu).await?[0];
        let model = Model::new(gpu, &cfg, 2, 13)?;
        let mut opt = Optimizer::new(gpu, &model, AdamwConfig::default())?;
        let mut tickets = Vec::new();
        for _ in 0..3 {
            let t = opt.train_step(gpu, &model, &inputs, &targets, 1e-2, true)?;
            tickets.push(t.ok_or_else(|| evomoe::Error::Config("no ring slot".into()))?);
        }
        // A fourth and fifth logging step while three slots still wait: one more fits, then
        // the ring is full and the log is skipped rather than stalling.
        assert!(opt
            .train_step(gpu, &model, &inputs, &targets, 1e-2, true)?
            .is_some());
        assert!(opt
            .train_step(gpu, &model, &inputs, &targets, 1e-2, true)?
            .is_none());
        gpu.wait().await?;
        let first = model.try_stats(gpu, tickets[0])?.map(|s| s.loss);
        let second = model.take_stats(gpu, tickets[1]).await?.loss;
        let third = model.take_stats(gpu, tickets[2]).await?.loss;
        if first != Some(want) || !(second < want && third < second) {
            return Err(evomoe::Error::Config(format!(
                "ring losses {first:?}, {second}, {third}; blocking read of step 1 gave {want}"
            )));
        }
        Ok(())
    });
}

/// Sampling over a 50k vocabulary: greedy is the first largest logit of the last position
/// (selected on the GPU), top-k draws stay among the k largest (k up to the kernel's maximum on
/// the GPU; above it, and for 0 = all, the row is read back and sorted on the CPU), and the
/// forward-only runs leave the logits intact for the next call.
#[test]
fn next_token_samples_a_50k_vocabulary() {
    use evomoe::ops::rng::Rng;
    use evomoe::ops::top_k::{top_k_cpu, MAX_K};
    use evomoe::train::sample::next_token;
    let cfg = config_50k();
    let params = perturbed_params(&cfg);
    let context = [7u32, 50_000, 123, 9];
    on_every_adapter(function_name!(), async |gpu| {
        let mut model = Model::new(gpu, &cfg, 1, cfg.context)?;
        model.write_values(gpu, &params)?;
        let mut tokens = context.to_vec();
        tokens.resize(cfg.context, 0);
        model.forward(gpu, &tokens, &tokens)?;
        let logits = model.logits.read_f32(gpu).await?;
        let row = &logits[3 * cfg.vocab..4 * cfg.vocab];
        let (order, _) = top_k_cpu(row, 200);
        let mut rng = Rng::new(3);
        let greedy = next_token(gpu, &mut model, &context, 0.0, 0, &mut rng).await?;
        if greedy != order[0] {
            return Err(evomoe::Error::Config(format!(
                "greedy {greedy}, the largest logit is at {}",
                order[0]
            )));
        }
        for (k, draws) in [(1, 3), (5, 20), (MAX_K, 10), (MAX_K + 36, 10), (0, 5)] {
            for _ in 0..draws {
                let t = next_token(gpu, &mut model, &context, 2.0, k, &mut rng).await?;
                let allowed = if k == 0 { cfg.vocab } else { k };
                let rank = order.iter().position(|&o| o == t);
                let ok = if k == 0 {
                    (t as usize) < cfg.vocab
                } else {
                    rank.is_some_and(|r| r < allowed)
                };
                if !ok {
                    return Err(evomoe::Error::Config(format!(
                        "top_k {k} drew token {t} (rank {rank:?})"
                    )));
                }
            }
        }
        // Temperature 0 again: the logits were not overwritten by any of the runs.
        let again = next_token(gpu, &mut model, &context, 0.0, 5, &mut rng).await?;
        if again != greedy {
            return Err(evomoe::Error::Config(format!(
                "greedy {again} then {greedy}"
            )));
        }
        Ok(())
    });
}
