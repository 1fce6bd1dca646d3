//! The GPT-MoE: the whole model of every method on every adapter against the same model composed
//! from the CPU references ([`gpt_moe_reference`]): logits, loss, every parameter gradient and
//! each MoE layer's routing statistics, for DTS (soft with noise on the dense and the scattered
//! path, hard top-1), Switch dropping tokens over its capacity, top-2, Hash, the dense baselines
//! and EvoMoE before and after its spawn; the masked-LM encoder of every method; and a
//! finite-difference check of the CPU model.
//!
//! Routing near ties: the GPU computes the gate's input in f32 through the whole stack and the
//! reference in f64 inside each op, so a token whose top experts nearly tie, or whose `p_e` sits
//! near `gamma`, may legitimately route differently. The tests use the reference's own routing
//! decisions, not the GPU's, so that the GPU's routing is checked too, and instead choose data
//! whose every decision is clear: large gate weights spread the logits apart, and each step
//! first checks the reference's smallest routing margin (logit gaps, `|p - gamma| / gamma`)
//! against [`MARGIN`], far above the f32 differences; a near tie fails with a message to change
//! the seed rather than a confusing gradient mismatch.

use evomoe::function_name;
use evomoe::model::config::{Method, ModelConfig, MoeSpec, SpawnSettings, Task};
use evomoe::model::params::{init_values, model_specs, ParamGroup};
use evomoe::model::reference::{gpt_moe_reference, CpuGptResult, MoeRun};
use evomoe::model::transformer::{Model, Stage};
use evomoe::moe::expert_ffn::FfnPath;
use evomoe::moe::gate::{
    GateConfig, GateKind, GateState, JITTER_EPS, STAT_EXPERTS_PER_TOKEN, Z_LOSS_COEF,
};
use evomoe::ops::adamw::AdamwConfig;
use evomoe::ops::cross_entropy::IGNORE_INDEX;
use evomoe::optim::Optimizer;
use evomoe::testing::{check_close, on_every_adapter, random_tokens, random_vec, Tolerance};
use evomoe::{Error, Gpu, Result};

/// Batch and sequence: `N = 26` tokens.
const B: usize = 2;
const T: usize = 13;
const VOCAB: usize = 67;
/// Experts per MoE layer.
const E: usize = 5;
/// Blocks 2 and 4 of 5 (counting from 1) hold the MoE layers.
const N_LAYER: usize = 5;
const N_MOE: usize = 2;
/// Smallest routing margin the data may have (see the module doc).
const MARGIN: f64 = 1e-3;
/// Gate weights `U(-1, 1) * GATE_SCALE`: logits spread over several units.
const GATE_SCALE: f32 = 1.0;
const GRAD_TOL: Tolerance = Tolerance {
    rel: 2e-3,
    abs: 2e-5,
};

/// The gate of each MoE method, with every loss term and option its method can use switched on
/// where it adds a gradient (Switch: jitter and z-loss; top-2: z-loss).
fn gate(kind: GateKind) -> GateConfig {
    match kind {
        GateKind::Dts => GateConfig::dts(),
        GateKind::Switch => GateConfig {
            // ceil(0.5 * 26 / 5) = 3 slots per expert: at least 11 of the 26 tokens are dropped.
            capacity_factor: 0.5,
            jitter: JITTER_EPS,
            z_coef: Z_LOSS_COEF,
            ..GateConfig::switch()
        },
        GateKind::Top2 => GateConfig {
            z_coef: Z_LOSS_COEF,
            ..GateConfig::top2()
        },
        GateKind::Hash => GateConfig::hash(VOCAB),
    }
}

/// The model of `method` with odd sizes everywhere: nothing is a multiple of 4 or of a tile.
fn config(method: Method) -> ModelConfig {
    config_for(Task::Lm, method)
}

/// The test model of `method` for `task`.
fn config_for(task: Task, method: Method) -> ModelConfig {
    let moe = method.gate_kind().map(|kind| MoeSpec {
        method,
        n_experts: E,
        every: 2,
        gate: gate(kind),
        gate_init_std: 0.02,
        spawn: (method == Method::Evomoe).then_some(SpawnSettings {
            drop_rate: 0.3,
            rescale: true,
            reset_moments: true,
        }),
    });
    ModelConfig {
        task,
        vocab: VOCAB,
        context: 15,
        n_layer: N_LAYER,
        n_head: 3,
        d_model: 21,
        d_ff: if method == Method::DenseWide {
            37 * E
        } else {
            37
        },
        seed: 5,
        moe,
    }
}

/// Initial values with every parameter perturbed (norms, biases and experts not trivial), and
/// large gate weights for decisive routing.
fn perturbed_params(cfg: &ModelConfig) -> Vec<Vec<f32>> {
    let specs = model_specs(cfg);
    let mut vals = init_values(&specs, cfg.seed);
    for (i, (v, spec)) in vals.iter_mut().zip(&specs).enumerate() {
        let noise = random_vec(100 + i as u64, v.len());
        if spec.group == ParamGroup::Gate {
            *v = noise.iter().map(|r| GATE_SCALE * r).collect();
        } else {
            for (x, r) in v.iter_mut().zip(noise) {
                *x += 0.1 * r;
            }
        }
    }
    vals
}

/// Inputs and targets of `b x t` tokens for `cfg`'s task. LM: random next tokens, one target
/// ignored. Masked LM: every third position is picked (its target the original token), and of
/// those some become the mask token, some a random token and some stay; the rest are ignored.
fn batch(cfg: &ModelConfig, b: usize, t: usize) -> (Vec<u32>, Vec<u32>) {
    let mut inputs = random_tokens(1, b * t, VOCAB);
    match cfg.task {
        Task::Lm => {
            let mut targets = random_tokens(2, b * t, VOCAB);
            targets[5] = IGNORE_INDEX;
            (inputs, targets)
        }
        Task::Mlm => {
            let mut targets = vec![IGNORE_INDEX; b * t];
            for i in (0..b * t).step_by(3) {
                targets[i] = inputs[i];
                inputs[i] = match i % 4 {
                    0 | 3 => cfg.mask_token(),
                    1 => (inputs[i] + 11) % VOCAB as u32,
                    _ => inputs[i],
                };
            }
            (inputs, targets)
        }
    }
}

/// How the reference runs the MoE blocks of `model`: the state its gates hold now (one state for
/// all, as `Model::set_gates` sets them) and whether it is before its spawn.
fn moe_run(model: &Model) -> Result<MoeRun> {
    let mut run = MoeRun::initial(&model.cfg);
    run.base_expert = model.stage() == Stage::BaseExpert;
    let states: Vec<GateState> = model.moe_layers().map(|l| l.gate.state()).collect();
    if let Some(&first) = states.first() {
        if states.iter().any(|s| *s != first) {
            return Err(Error::Config(format!("gates differ: {states:?}")));
        }
        run.gate = first;
    }
    Ok(run)
}

/// One forward + backward of `model` (holding `params`) against the reference with the same
/// gate state; returns the reference.
async fn check_step(
    gpu: &Gpu,
    what: &str,
    model: &Model,
    params: &[Vec<f32>],
) -> Result<CpuGptResult> {
    let cfg = &model.cfg;
    let (inputs, targets) = batch(cfg, B, T);
    let run = moe_run(model)?;
    let want = gpt_moe_reference(cfg, params, &inputs, &targets, B, T, &run)?;
    for (i, layer) in want.moe.iter().enumerate() {
        if layer.gate.margin < MARGIN {
            return Err(Error::Config(format!(
                "{what}: near-tie routing in MoE layer {i} of the test data (margin {:.1e}); \
                 change the seed",
                layer.gate.margin
            )));
        }
    }
    // The logits of a forward-only run: the backward writes their gradient over them.
    model.forward(gpu, &inputs, &targets)?;
    check_close(
        &format!("{what} logits"),
        &model.logits.read_f32(gpu).await?,
        &want.logits,
        Tolerance::F32_LOOSE,
    )?;
    model.forward_backward(gpu, &inputs, &targets)?;
    let loss = model.loss_stats.read_f32(gpu).await?[0];
    check_close(
        &format!("{what} loss"),
        &[loss],
        &[want.loss],
        Tolerance::F32_LOOSE,
    )?;
    let grads = model.read_grads(gpu).await?;
    for ((spec, got), w) in model_specs(cfg).iter().zip(&grads).zip(&want.grads) {
        check_close(&format!("{what} d{}", spec.name), got, w, GRAD_TOL)?;
    }
    if cfg.moe.is_some() && !run.base_expert {
        let stats = model.moe_stats(gpu).await?;
        if stats.len() != N_MOE || want.moe.len() != N_MOE {
            return Err(Error::Config(format!(
                "{what}: {} MoE layers on the GPU, {} in the reference, {N_MOE} expected",
                stats.len(),
                want.moe.len()
            )));
        }
        for (i, (got, w)) in stats.iter().zip(&want.moe).enumerate() {
            if got.dropped != w.dropped {
                return Err(Error::Config(format!(
                    "{what} layer {i}: {} dropped on the GPU, {} in the reference",
                    got.dropped, w.dropped
                )));
            }
            check_close(
                &format!("{what} layer {i} experts per token"),
                &[got.gate.experts_per_token],
                &[w.gate.stats[STAT_EXPERTS_PER_TOKEN] as f32],
                Tolerance::F32,
            )?;
        }
    }
    Ok(want)
}

/// A model of `method` holding `params`.
fn model_with(gpu: &Gpu, method: Method, params: &[Vec<f32>]) -> Result<Model> {
    model_for(gpu, &config(method), params)
}

/// A model of `cfg` holding `params`.
fn model_for(gpu: &Gpu, cfg: &ModelConfig, params: &[Vec<f32>]) -> Result<Model> {
    let model = Model::new(gpu, cfg, B, T)?;
    model.write_values(gpu, params)?;
    Ok(model)
}

/// Mean experts per token of each MoE layer of the reference.
fn experts_per_token(want: &CpuGptResult) -> Vec<f64> {
    want.moe
        .iter()
        .map(|l| l.gate.stats[STAT_EXPERTS_PER_TOKEN])
        .collect()
}

#[test]
fn dts_soft_with_noise_on_the_dense_and_the_scattered_path() {
    let params = perturbed_params(&config(Method::Dts));
    on_every_adapter(function_name!(), async |gpu| {
        let mut model = model_with(gpu, Method::Dts, &params)?;
        model.set_gates(gpu, 7, Some(1.0), false)?;
        assert!(moe_run(&model)?.gate.noise);
        for path in [FfnPath::Dense, FfnPath::Scattered] {
            let now = model.set_paths(&[path; N_MOE])?;
            assert_eq!(now, [path; N_MOE], "the DTS layers record both paths");
            let want =
                check_step(gpu, &format!("dts soft {}", path.name()), &model, &params).await?;
            // Soft routing that matters: tokens with several experts, and experts below gamma.
            for ept in experts_per_token(&want) {
                assert!(1.2 < ept && ept < E as f64 - 0.2, "experts per token {ept}");
            }
        }
        Ok(())
    });
}

#[test]
fn dts_hard_top1() {
    let params = perturbed_params(&config(Method::Dts));
    on_every_adapter(function_name!(), async |gpu| {
        let mut model = model_with(gpu, Method::Dts, &params)?;
        model.set_gates(gpu, 11, Some(1.0), true)?;
        model.set_paths(&[FfnPath::Scattered; N_MOE])?;
        let want = check_step(gpu, "dts hard top-1", &model, &params).await?;
        assert_eq!(experts_per_token(&want), [1.0; N_MOE]);
        Ok(())
    });
}

#[test]
fn switch_drops_tokens_over_its_capacity() {
    let params = perturbed_params(&config(Method::Switch));
    on_every_adapter(function_name!(), async |gpu| {
        let model = model_with(gpu, Method::Switch, &params)?;
        model.set_gates(gpu, 3, None, false)?;
        let want = check_step(gpu, "switch", &model, &params).await?;
        for layer in &want.moe {
            assert!(layer.dropped > 0, "the capacity must drop tokens");
        }
        Ok(())
    });
}

#[test]
fn top2() {
    let params = perturbed_params(&config(Method::Top2));
    on_every_adapter(function_name!(), async |gpu| {
        let model = model_with(gpu, Method::Top2, &params)?;
        model.set_gates(gpu, 5, None, false)?;
        let want = check_step(gpu, "top2", &model, &params).await?;
        assert_eq!(experts_per_token(&want), [2.0; N_MOE]);
        Ok(())
    });
}

#[test]
fn hash() {
    let params = perturbed_params(&config(Method::Hash));
    on_every_adapter(function_name!(), async |gpu| {
        let model = model_with(gpu, Method::Hash, &params)?;
        model.set_gates(gpu, 2, None, false)?;
        check_step(gpu, "hash", &model, &params).await?;
        Ok(())
    });
}

#[test]
fn dense_and_dense_wide() {
    on_every_adapter(function_name!(), async |gpu| {
        for method in [Method::Dense, Method::DenseWide] {
            let params = perturbed_params(&config(method));
            let model = model_with(gpu, method, &params)?;
            assert_eq!(model.moe_layers().count(), 0);
            check_step(gpu, method.name(), &model, &params).await?;
        }
        Ok(())
    });
}

#[test]
fn evomoe_before_and_after_the_spawn() {
    let params = perturbed_params(&config(Method::Evomoe));
    on_every_adapter(function_name!(), async |gpu| {
        // Phase 1: the MoE blocks run their base expert; the experts get no gradient.
        let base = model_with(gpu, Method::Evomoe, &params)?;
        base.set_gates(gpu, 0, Some(2.0), false)?;
        assert_eq!(base.stage(), Stage::BaseExpert);
        let want = check_step(gpu, "evomoe base", &base, &params).await?;
        assert!(want.moe.is_empty());

        // After the spawn (a fresh model: gradients the stage does not write stay zero), with
        // the experts the GPU spawned.
        let mut spawned = model_with(gpu, Method::Evomoe, &params)?;
        Optimizer::new(gpu, &spawned, AdamwConfig::default())?.spawn_experts(gpu, &mut spawned)?;
        assert_eq!(spawned.stage(), Stage::Experts);
        spawned.set_gates(gpu, 4, Some(1.0), false)?;
        let values = spawned.read_values(gpu).await?;
        let w1 = model_specs(&spawned.cfg)
            .iter()
            .position(|s| s.name == "h1.moe.w1")
            .expect("block 2 is an MoE block");
        assert_ne!(values[w1], params[w1], "the spawn wrote the experts");
        check_step(gpu, "evomoe spawned", &spawned, &values).await?;
        Ok(())
    });
}

/// The CPU GPT-MoE against finite differences of its own loss, for every gate, with the
/// auxiliary losses off (their gradients are in the backward, not in the loss). An entry whose
/// perturbation changes any routing decision is skipped (the loss jumps there).
#[test]
fn cpu_moe_reference_gradient_matches_finite_differences() {
    let (b, t) = (1, 7);
    // Small enough that the curvature of the masked LM's loss (3 of 7 rows) stays in tolerance.
    let eps = 3e-3f32;
    for (task, method) in [
        (Task::Lm, Method::Dense),
        (Task::Lm, Method::Dts),
        (Task::Lm, Method::Switch),
        (Task::Lm, Method::Top2),
        (Task::Lm, Method::Hash),
        (Task::Mlm, Method::Dense),
        (Task::Mlm, Method::Dts),
        (Task::Mlm, Method::Switch),
    ] {
        let mut cfg = config_for(task, method);
        let (inputs, targets) = batch(&cfg, b, t);
        if let Some(m) = cfg.moe.as_mut() {
            m.gate.balance_coef = 0.0;
            m.gate.z_coef = 0.0;
        }
        let params = perturbed_params(&cfg);
        let mut run = MoeRun::initial(&cfg);
        run.gate = GateState {
            step: 3,
            tau: 1.0,
            ..run.gate
        };
        let loss_of = |p: &[Vec<f32>]| {
            let r = gpt_moe_reference(&cfg, p, &inputs, &targets, b, t, &run).unwrap();
            let routing: Vec<Vec<u32>> = r.moe.iter().map(|l| l.gate.mask.clone()).collect();
            (r.loss as f64, routing)
        };
        let base = gpt_moe_reference(&cfg, &params, &inputs, &targets, b, t, &run).unwrap();
        let routing: Vec<Vec<u32>> = base.moe.iter().map(|l| l.gate.mask.clone()).collect();
        let specs = model_specs(&cfg);
        let (mut checked, mut skipped) = (0, 0);
        for (pi, spec) in specs.iter().enumerate() {
            for k in 0..3 {
                let j = (k * 7919 + pi * 31) % spec.numel();
                let mut plus = params.clone();
                plus[pi][j] += eps;
                let mut minus = params.clone();
                minus[pi][j] -= eps;
                let ((lp, rp), (lm, rm)) = (loss_of(&plus), loss_of(&minus));
                if rp != routing || rm != routing {
                    skipped += 1;
                    continue;
                }
                let fd = (lp - lm) / (2.0 * eps as f64);
                let an = base.grads[pi][j] as f64;
                assert!(
                    (fd - an).abs() <= 2e-2 * an.abs().max(fd.abs()) + 2e-4,
                    "{} {}: {}[{j}]: finite difference {fd}, backward {an}",
                    task.name(),
                    method.name(),
                    spec.name
                );
                checked += 1;
            }
        }
        assert!(
            skipped * 20 <= checked,
            "{} {}: {skipped} entries changed the routing, {checked} checked",
            task.name(),
            method.name()
        );
    }
}

/// `Optimizer::spawn_experts` on a model that trained its base expert (non-zero AdamW moments): every
/// expert's weight is the base weight times 0 or `1/(1-r)`, experts differ, biases are copied;
/// moments are zero with `reset_moments`, and with copying they follow the weights' masks
/// exactly (kept where the weight was kept, zero where it was dropped).
#[test]
fn spawn_masks_weights_and_resets_or_copies_moments() {
    let params = perturbed_params(&config(Method::Evomoe));
    let (inputs, targets) = batch(&config(Method::Evomoe), B, T);
    on_every_adapter(function_name!(), async |gpu| {
        for reset in [true, false] {
            let mut cfg = config(Method::Evomoe);
            let spec = cfg.moe.as_mut().expect("an MoE config");
            let settings = SpawnSettings {
                drop_rate: 0.3,
                rescale: true,
                reset_moments: reset,
            };
            spec.spawn = Some(settings);
            let mut model = Model::new(gpu, &cfg, B, T)?;
            let mut opt = Optimizer::new(gpu, &model, AdamwConfig::default())?;
            model.write_values(gpu, &params)?;
            for _ in 0..2 {
                opt.train_step(gpu, &model, &inputs, &targets, 1e-3, false)?;
            }
            let moment =
                |name: &str| -> evomoe::Result<_> { Ok(&opt.moments[model.param(name)?.index].m) };
            let base_w = model.param("h1.ffn.w1")?.value.read_f32(gpu).await?;
            let base_m = moment("h1.ffn.w1")?.read_f32(gpu).await?;
            let base_b = model.param("h1.ffn.b1")?.value.read_f32(gpu).await?;
            opt.spawn_experts(gpu, &mut model)?;
            let moment =
                |name: &str| -> evomoe::Result<_> { Ok(&opt.moments[model.param(name)?.index].m) };
            let w = model.param("h1.moe.w1")?.value.read_f32(gpu).await?;
            let m = moment("h1.moe.w1")?.read_f32(gpu).await?;
            let b = model.param("h1.moe.b1")?.value.read_f32(gpu).await?;
            let scale = 1.0 / (1.0 - settings.drop_rate);
            let n = base_w.len();
            let (mut kept, mut differ) = (0usize, 0usize);
            for i in 0..E * n {
                let (bw, bm) = (base_w[i % n], base_m[i % n]);
                let is_kept = w[i] != 0.0;
                if is_kept {
                    kept += 1;
                    if w[i] != bw * scale {
                        return Err(Error::Config(format!(
                            "w1[{i}] = {} != {bw} * {scale}",
                            w[i]
                        )));
                    }
                }
                let want_m = if reset || !is_kept { 0.0 } else { bm };
                if m[i] != want_m {
                    return Err(Error::Config(format!(
                        "reset {reset}: m[{i}] = {}, expected {want_m} (base {bm}, kept {is_kept})",
                        m[i]
                    )));
                }
                if i >= n && (w[i] != 0.0) != (w[i - n] != 0.0) {
                    differ += 1;
                }
            }
            let ratio = kept as f64 / (E * n) as f64;
            if (ratio - 0.7).abs() > 0.05 || differ == 0 {
                return Err(Error::Config(format!(
                    "kept {ratio:.3} of the weights (want about 0.7), {differ} mask differences"
                )));
            }
            if !reset && base_m.iter().all(|&x| x == 0.0) {
                return Err(Error::Config("the base moments were never trained".into()));
            }
            for (i, &x) in b.iter().enumerate() {
                if x != base_b[i % base_b.len()] {
                    return Err(Error::Config(format!("b1[{i}] was not copied")));
                }
            }
        }
        Ok(())
    });
}

/// The masked-LM encoder (bidirectional attention, the mask token's embedding row, the output
/// layer over the byte vocabulary only) of every method against the CPU reference: logits, loss
/// and every gradient; EvoMoE before and after its spawn.
#[test]
fn masked_lm_encoder_of_every_method_matches_the_cpu_reference() {
    on_every_adapter(function_name!(), async |gpu| {
        for method in Method::ALL {
            let cfg = config_for(Task::Mlm, method);
            assert_eq!(cfg.embed_rows(), VOCAB + 1);
            let params = perturbed_params(&cfg);
            let model = model_for(gpu, &cfg, &params)?;
            let what = format!("mlm {}", method.name());
            match method {
                Method::Evomoe => {
                    check_step(gpu, &format!("{what} base"), &model, &params).await?;
                    // A fresh model: gradients the spawned stage does not write stay zero.
                    let mut model = model_for(gpu, &cfg, &params)?;
                    Optimizer::new(gpu, &model, AdamwConfig::default())?
                        .spawn_experts(gpu, &mut model)?;
                    model.set_gates(gpu, 4, Some(1.0), false)?;
                    let values = model.read_values(gpu).await?;
                    check_step(gpu, &format!("{what} spawned"), &model, &values).await?;
                }
                Method::Dts => {
                    model.set_gates(gpu, 7, Some(1.0), false)?;
                    check_step(gpu, &what, &model, &params).await?;
                }
                _ => {
                    model.set_gates(gpu, 3, None, false)?;
                    check_step(gpu, &what, &model, &params).await?;
                }
            }
        }
        Ok(())
    });
}

/// Bidirectional attention matters: with the same weights, the masked-LM encoder's logits at the
/// first position depend on later tokens, the LM decoder's do not.
#[test]
fn only_the_encoder_sees_later_tokens() {
    on_every_adapter(function_name!(), async |gpu| {
        for task in Task::ALL {
            let cfg = config_for(task, Method::Dense);
            let params = perturbed_params(&cfg);
            let model = model_for(gpu, &cfg, &params)?;
            let (mut inputs, targets) = batch(&cfg, B, T);
            model.forward(gpu, &inputs, &targets)?;
            let before = model.logits.read_f32(gpu).await?;
            inputs[T - 1] = (inputs[T - 1] + 1) % VOCAB as u32;
            model.forward(gpu, &inputs, &targets)?;
            let after = model.logits.read_f32(gpu).await?;
            let first_row_changed = before[..VOCAB] != after[..VOCAB];
            if first_row_changed != (task == Task::Mlm) {
                return Err(Error::Config(format!(
                    "{}: changing the last token changed the first position: {first_row_changed}",
                    task.name()
                )));
            }
        }
        Ok(())
    });
}
