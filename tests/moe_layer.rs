//! The whole MoE layer (gate + router + expert FFNs) on every adapter against the CPU reference
//! layer with the same noise, in the cases that check more than the comparison: an expert that
//! no token selects (zero FFN gradients, non-zero gate column); every token to one expert; both
//! paths at density 1; the large-E fallback to the chunked dense path; and finite differences of
//! the CPU reference. Every gate on many shapes, capacity drops, the auxiliary-loss gradients
//! and DTS on both paths at realistic temperatures are `selftest::moe_checks` (run by
//! tests/selftest_moe.rs).

use evomoe::function_name;
use evomoe::gpu::{DType, Dispatch};
use evomoe::moe::expert_ffn::{choose_path, FfnPath};
use evomoe::moe::gate::{GateConfig, GateKind, GateState, MASK_SEL};
use evomoe::moe::layer::{moe_layer_cpu, MoeConfig, MoeCpu, MoeLayer, MoeValues};
use evomoe::testing::{
    central_differences, check_close, narrow, on_every_adapter, random_vec, widen, Tolerance,
};
use evomoe::{Error, Gpu, Result, Tensor};

const D: usize = 12;
const F: usize = 20;
const VOCAB: usize = 50;
const TOL: Tolerance = Tolerance {
    rel: 1e-3,
    abs: 1e-5,
};

fn config(gate: GateConfig, e: usize) -> MoeConfig {
    MoeConfig {
        gate,
        n_experts: e,
        d_model: D,
        d_ff: F,
    }
}

fn tokens(n: usize) -> Vec<u32> {
    (0..n).map(|i| (i * 7 % VOCAB) as u32).collect()
}

/// GPU buffers of one case.
struct Case {
    layer: MoeLayer,
    /// The FFN path the case runs (the layer's default unless a test picks one).
    path: FfnPath,
    y: Tensor,
    dx: Tensor,
}

fn build(gpu: &Gpu, cfg: &MoeConfig, n: usize, x: &[f32], dy: &[f32]) -> Result<Case> {
    let xt = Tensor::from_f32(gpu, &[n, D], x, "x")?;
    let dyt = Tensor::from_f32(gpu, &[n, D], dy, "dy")?;
    let y = Tensor::zeros(gpu, &[n, D], DType::F32, "y")?;
    let dx = Tensor::zeros(gpu, &[n, D], DType::F32, "dx")?;
    let tok = Tensor::from_u32(gpu, &[n], &tokens(n), "tokens")?;
    let layer = MoeLayer::new(gpu, cfg, n, &xt, Some(&tok), &y, &dyt, &dx)?;
    // The layer keeps references to x/dy through its bind groups; the tensors may drop here.
    let path = layer.default_path();
    Ok(Case { layer, path, y, dx })
}

/// The CPU reference layer for a case, with the gate state its GPU layer ran with.
fn cpu_for(cfg: &MoeConfig, c: &Case, x: &[f32], vals: &MoeValues, dy: &[f32]) -> Result<MoeCpu> {
    let n = c.layer.n_tokens;
    moe_layer_cpu(
        cfg,
        &c.layer.gate.state(),
        n,
        &widen(x),
        Some(&tokens(n)),
        vals,
        &widen(dy),
        None,
    )
}

fn run_step(gpu: &Gpu, c: &Case) -> Result<()> {
    let zero = c.layer.zero_grads(gpu)?;
    let mut list: Vec<&Dispatch> = zero.iter().collect();
    let variant = c
        .layer
        .variant(c.path)
        .ok_or_else(|| Error::Config(format!("no {:?} path recorded", c.path)))?;
    list.extend(&variant.forward);
    list.extend(&variant.backward);
    gpu.run(&list)
}

async fn compare(gpu: &Gpu, what: &str, c: &Case, want: &MoeCpu) -> Result<()> {
    if want.gate.margin < 1e-4 {
        return Err(Error::Config(format!(
            "{what}: near-tie routing in the test data (margin {:.1e}); change the seed",
            want.gate.margin
        )));
    }
    check_close(
        &format!("{what} y"),
        &c.y.read_f32(gpu).await?,
        &narrow(&want.y),
        TOL,
    )?;
    check_close(
        &format!("{what} dx"),
        &c.dx.read_f32(gpu).await?,
        &narrow(&want.dx),
        TOL,
    )?;
    let g = c.layer.read_grads(gpu).await?;
    for (name, got, w) in [
        ("dw_g", &g.w_g, &want.dw_g),
        ("dw1", &g.w1, &want.dw1),
        ("db1", &g.b1, &want.db1),
        ("dw2", &g.w2, &want.dw2),
        ("db2", &g.b2, &want.db2),
    ] {
        check_close(&format!("{what} {name}"), got, &narrow(w), TOL)?;
    }
    let stats = c.layer.read_stats(gpu, c.path).await?;
    if stats.dropped != want.dropped || stats.gate.dropped != want.dropped as f32 {
        return Err(Error::Config(format!(
            "{what}: {} dropped on the GPU ({} in the gate statistics), {} on the CPU",
            stats.dropped, stats.gate.dropped, want.dropped
        )));
    }
    Ok(())
}

#[test]
fn dts_expert_that_no_token_selects_keeps_its_gate_gradient() {
    // docs/EVOMOE.md, trap (1), on the GPU: an expert no token selects gets exactly zero FFN-weight
    // gradients, but its W_g column gets -q_e sum_j q_j dq_j per token through the softmax
    // normalisation. Inputs in [0.5, 1] and column 3 = column 0 - 0.4 put h_3 at least 2.4 below
    // h_0: at tau 0.3 (no noise) p_3 < e^-8 < gamma, while q_3 is still a few percent.
    on_every_adapter(function_name!(), async |gpu| {
        let (n, e, dead) = (37, 4, 3);
        let cfg = config(GateConfig::dts(), e);
        let st = GateState {
            step: 2,
            tau: 0.3,
            noise: false,
            hard_top1: false,
            eval: false,
        };
        let x: Vec<f32> = random_vec(71, n * D)
            .iter()
            .map(|v| 0.75 + 0.25 * v)
            .collect();
        let dy = random_vec(72, n * D);
        let mut vals = MoeValues::init(&cfg, 73, 0.3, 1.0);
        vals.w_g = random_vec(74, D * e).iter().map(|v| 0.3 * v).collect();
        for c in 0..D {
            vals.w_g[c * e + dead] = vals.w_g[c * e] - 0.4;
        }
        vals.b1 = random_vec(75, e * F);
        vals.b2 = random_vec(76, e * D);
        for path in [FfnPath::Scattered, FfnPath::Dense] {
            let what = format!("unselected expert, {path:?}");
            let mut c = build(gpu, &cfg, n, &x, &dy)?;
            c.layer.write_params(gpu, &vals)?;
            c.layer.gate.set_state(gpu, &st)?;
            c.path = path;
            run_step(gpu, &c)?;
            let want = cpu_for(&cfg, &c, &x, &vals, &dy)?;
            if (0..n).any(|t| want.gate.mask[t * e + dead] & MASK_SEL != 0) {
                return Err(Error::Config(format!(
                    "{what}: a token selects expert {dead}"
                )));
            }
            compare(gpu, &what, &c, &want).await?;
            let g = c.layer.read_grads(gpu).await?;
            for (name, grad, len) in [
                ("dw1", &g.w1, D * F),
                ("db1", &g.b1, F),
                ("dw2", &g.w2, F * D),
                ("db2", &g.b2, D),
            ] {
                if grad[dead * len..(dead + 1) * len].iter().any(|&v| v != 0.0) {
                    return Err(Error::Config(format!(
                        "{what}: {name} of expert {dead} != 0"
                    )));
                }
            }
            let column = |w: &[f32]| (0..D).map(|c| w[c * e + dead].abs()).fold(0.0, f32::max);
            let (gpu_col, cpu_col) = (column(&g.w_g), column(&narrow(&want.dw_g)));
            if gpu_col < 1e-2 || cpu_col < 1e-2 {
                return Err(Error::Config(format!(
                    "{what}: W_g column {dead} gradient {gpu_col} (CPU {cpu_col}) is not clearly \
                     non-zero"
                )));
            }
        }
        Ok(())
    });
}

#[test]
fn moe_layer_edge_cases() {
    on_every_adapter(function_name!(), async |gpu| {
        // Every token to expert 0: positive inputs and a gate that only sees column 0. Switch
        // with cf = 1 then drops everything beyond ceil(N / E) in token order, and the other
        // experts get no token at all.
        let n = 37;
        for gate in [GateConfig::switch(), GateConfig::dts()] {
            let e = 4;
            let cfg = config(gate, e);
            let x: Vec<f32> = random_vec(7, n * D).iter().map(|v| v.abs() + 0.1).collect();
            let dy = random_vec(8, n * D);
            let mut vals = MoeValues::init(&cfg, 9, 0.3, 1.0);
            vals.w_g = (0..D * e)
                .map(|i| if i % e == 0 { 1.0 } else { 0.0 })
                .collect();
            let c = build(gpu, &cfg, n, &x, &dy)?;
            c.layer.write_params(gpu, &vals)?;
            run_step(gpu, &c)?;
            let want = cpu_for(&cfg, &c, &x, &vals, &dy)?;
            if cfg.gate.kind == GateKind::Switch && want.dropped != (n - n.div_ceil(e)) as u32 {
                return Err(Error::Config(format!(
                    "expected {} dropped, CPU says {}",
                    n - n.div_ceil(e),
                    want.dropped
                )));
            }
            compare(
                gpu,
                &format!("{} all-to-one", cfg.gate.kind.name()),
                &c,
                &want,
            )
            .await?;
        }
        Ok(())
    });
}

#[test]
fn dense_and_scattered_paths_agree_when_every_token_goes_everywhere() {
    on_every_adapter(function_name!(), async |gpu| {
        let (n, e) = (29, 5);
        let cfg = config(GateConfig::dts(), e);
        let x = random_vec(21, n * D);
        let dy = random_vec(22, n * D);
        let vals = MoeValues::init(&cfg, 23, 0.3, 1.0);
        let mut c = build(gpu, &cfg, n, &x, &dy)?;
        c.layer.write_params(gpu, &vals)?;
        // tau large: p is nearly uniform, every expert passes gamma = 0.001.
        c.layer.gate.set_step(gpu, 1, 1e4)?;
        let mut results = Vec::new();
        for path in [FfnPath::Dense, FfnPath::Scattered] {
            c.path = path;
            run_step(gpu, &c)?;
            let stats = c.layer.read_stats(gpu, c.path).await?;
            if (stats.density - 1.0).abs() > 1e-6 || stats.path != path {
                return Err(Error::Config(format!(
                    "density {} on path {:?}, expected 1 on {path:?}",
                    stats.density, stats.path
                )));
            }
            let g = c.layer.read_grads(gpu).await?;
            results.push((c.y.read_f32(gpu).await?, c.dx.read_f32(gpu).await?, g));
        }
        let want = cpu_for(&cfg, &c, &x, &vals, &dy)?;
        for (path, (y, dx, g)) in ["dense", "scattered"].iter().zip(&results) {
            check_close(&format!("{path} y"), y, &narrow(&want.y), TOL)?;
            check_close(&format!("{path} dx"), dx, &narrow(&want.dx), TOL)?;
            check_close(&format!("{path} dw1"), &g.w1, &narrow(&want.dw1), TOL)?;
            check_close(&format!("{path} dw_g"), &g.w_g, &narrow(&want.dw_g), TOL)?;
        }
        assert_eq!(choose_path(1.0), FfnPath::Dense);
        assert_eq!(choose_path(1.0 / e as f32), FfnPath::Scattered);
        Ok(())
    });
}

#[test]
fn cpu_reference_layer_matches_finite_differences() {
    // Auxiliary losses large enough to matter: with beta = 0.5 the z-loss gradient is ~0.1-1 in
    // dx and dW_g, far above the tolerance (the check fails with it zeroed in backward_cpu).
    for gate in [GateConfig::dts(), GateConfig::switch(), GateConfig::top2()] {
        let (n, e) = (6, 3);
        let gate = GateConfig {
            z_coef: 0.5,
            balance_coef: 0.3,
            ..gate
        };
        let cfg = config(gate, e);
        let st = cfg.gate.initial_state();
        let x = widen(&random_vec(31, n * D));
        let dy = widen(&random_vec(32, n * D));
        let mut vals = MoeValues::init(&cfg, 33, 0.3, 1.0);
        vals.w_g = random_vec(34, D * e);
        let base = moe_layer_cpu(&cfg, &st, n, &x, None, &vals, &dy, None).unwrap();
        assert!(base.gate.stats[1] > 0.5, "z-loss {}", base.gate.stats[1]);
        let loss = |x: &[f64], v: &MoeValues| -> f64 {
            let r = moe_layer_cpu(&cfg, &st, n, x, None, v, &dy, Some(&base.gate)).unwrap();
            // L = sum(y dy) + the gate's auxiliary losses (their gradients are in the backward).
            let aux = r.gate.stats[0] + r.gate.stats[1];
            r.y.iter().zip(&dy).map(|(a, b)| a * b).sum::<f64>() + aux
        };
        let eps = 1e-3;
        let close = |fd: f64, backward: f64| (fd - backward).abs() <= 1e-3 * fd.abs().max(1.0);
        let fd_x = central_differences(&x, eps, |x| loss(x, &vals));
        for (i, &fd) in fd_x.iter().enumerate() {
            assert!(
                close(fd, base.dx[i]),
                "{:?} dx[{i}]: fd {fd}, backward {}",
                cfg.gate.kind,
                base.dx[i]
            );
        }
        for i in 0..D * e {
            let (mut vp, mut vm) = (vals.clone(), vals.clone());
            vp.w_g[i] += eps as f32;
            vm.w_g[i] -= eps as f32;
            let h = (vp.w_g[i] as f64 - vm.w_g[i] as f64) / 2.0;
            let fd = (loss(&x, &vp) - loss(&x, &vm)) / (2.0 * h);
            assert!(
                close(fd, base.dw_g[i]),
                "{:?} dw_g[{i}]: fd {fd}, backward {}",
                cfg.gate.kind,
                base.dw_g[i]
            );
        }
        for i in [0, 17] {
            let (mut vp, mut vm) = (vals.clone(), vals.clone());
            vp.w1[i] += eps as f32;
            vm.w1[i] -= eps as f32;
            let h = (vp.w1[i] as f64 - vm.w1[i] as f64) / 2.0;
            let fd = (loss(&x, &vp) - loss(&x, &vm)) / (2.0 * h);
            assert!(
                close(fd, base.dw1[i]),
                "{:?} dw1[{i}]: fd {fd}, backward {}",
                cfg.gate.kind,
                base.dw1[i]
            );
        }
    }
}

#[test]
fn dts_layer_falls_back_to_the_chunked_dense_path_when_scattered_does_not_fit() {
    on_every_adapter(function_name!(), async |gpu| {
        // Every token at every expert: the scattered path needs (N E, F) activations. Random
        // inputs, gradients and biases, so the chunked dense path is checked against the CPU.
        let (n, d, f, e) = (2048, 8, 1024, 32);
        let cfg = MoeConfig {
            gate: GateConfig::dts(),
            n_experts: e,
            d_model: d,
            d_ff: f,
        };
        let xv = random_vec(81, n * d);
        let dyv = random_vec(82, n * d);
        let mut vals = MoeValues::init(&cfg, 83, 0.3, 1.0);
        vals.b1 = random_vec(84, e * f);
        vals.b2 = random_vec(85, e * d);
        let x = Tensor::from_f32(gpu, &[n, d], &xv, "x")?;
        let dy = Tensor::from_f32(gpu, &[n, d], &dyv, "dy")?;
        let y = Tensor::zeros(gpu, &[n, d], DType::F32, "y")?;
        let dx = Tensor::zeros(gpu, &[n, d], DType::F32, "dx")?;
        let layer = MoeLayer::new(gpu, &cfg, n, &x, None, &y, &dy, &dx)?;
        let path = layer.default_path();
        let mut c = Case { layer, path, y, dx };
        let scattered_fits = (n * e * f * 4) as u64 <= gpu.limits.max_storage_buffer_binding_size;
        if !c.layer.has_path(FfnPath::Dense) || c.path != FfnPath::Dense {
            return Err(Error::Config(
                "a DTS layer must start on the dense path".into(),
            ));
        }
        if c.layer.has_path(FfnPath::Scattered) != scattered_fits {
            return Err(Error::Config(format!(
                "scattered path recorded: {}, fits the adapter: {scattered_fits}",
                !scattered_fits
            )));
        }
        c.path = FfnPath::Dense;
        c.layer.write_params(gpu, &vals)?;
        run_step(gpu, &c)?;
        let stats = c.layer.read_stats(gpu, c.path).await?;
        if stats.path != FfnPath::Dense || stats.density < 0.9 {
            return Err(Error::Config(format!("bad run: {stats:?}")));
        }
        let want = moe_layer_cpu(
            &cfg,
            &c.layer.gate.state(),
            n,
            &widen(&xv),
            None,
            &vals,
            &widen(&dyv),
            None,
        )?;
        compare(gpu, "dts N=2048 E=32 F=1024 dense", &c, &want).await
    });
}
