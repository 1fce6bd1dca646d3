//! MoE gates: finite-difference checks of the CPU backward (routing fixed), and on every adapter
//! the edge cases: every token to one expert, a huge temperature (every token to every expert),
//! replay with a new step and new modes, bad shapes. The GPU forward, statistics, backward and
//! Gumbel noise against the CPU reference on many shapes are `selftest::moe_checks` (run by
//! tests/selftest_moe.rs).

use evomoe::function_name;
use evomoe::gpu::{DType, Dispatch};
use evomoe::moe::gate::{
    backward_cpu, forward_cpu, Gate, GateConfig, GateCpu, GateKind, GateState,
    STAT_EXPERTS_PER_TOKEN, STAT_HEADER,
};
use evomoe::moe::NONE;
use evomoe::selftest::moe_checks::compare_gate_forward;
use evomoe::selftest::Compare;
use evomoe::testing::{central_differences, on_every_adapter, random_vec, widen, Tolerance};
use evomoe::{Error, Gpu, Result, Tensor};

const D: usize = 12;
const VOCAB: usize = 50;
/// Routing decisions closer than this to a tie (logit gaps; relative |p - gamma|) could go
/// either way in f32; test data must stay clear of them.
const MARGIN: f64 = 1e-4;

fn state(step: u32, tau: f32) -> GateState {
    GateState {
        step,
        tau,
        noise: true,
        hard_top1: false,
        eval: false,
    }
}

/// Every gate variant with the state to run it in.
fn cases() -> Vec<(&'static str, GateConfig, GateState)> {
    let seeded = |mut c: GateConfig, seed: u64| {
        c.seed = seed;
        c
    };
    let st = state(3, 1.3);
    vec![
        ("dts", seeded(GateConfig::dts(), 11), st),
        (
            "dts_gumbel_gates_losses",
            GateConfig {
                gumbel_gates: true,
                balance_coef: 0.3,
                z_coef: 0.2,
                ..seeded(GateConfig::dts(), 12)
            },
            st,
        ),
        (
            "dts_balance",
            GateConfig {
                balance_coef: 0.3,
                gamma: 0.02,
                ..seeded(GateConfig::dts(), 13)
            },
            st,
        ),
        (
            "dts_hard_top1",
            seeded(GateConfig::dts(), 14),
            GateState {
                hard_top1: true,
                ..st
            },
        ),
        (
            "dts_eval",
            GateConfig {
                z_coef: 0.2,
                ..seeded(GateConfig::dts(), 15)
            },
            GateState { eval: true, ..st },
        ),
        (
            "dts_noise_off",
            seeded(GateConfig::dts(), 16),
            GateState { noise: false, ..st },
        ),
        (
            "switch",
            GateConfig {
                balance_coef: 0.3,
                ..seeded(GateConfig::switch(), 17)
            },
            st,
        ),
        (
            "switch_jitter_z",
            GateConfig {
                jitter: 0.1,
                z_coef: 0.2,
                balance_coef: 0.3,
                ..seeded(GateConfig::switch(), 18)
            },
            st,
        ),
        (
            "top2",
            GateConfig {
                balance_coef: 0.3,
                z_coef: 0.2,
                ..seeded(GateConfig::top2(), 19)
            },
            st,
        ),
        ("hash", seeded(GateConfig::hash(VOCAB), 20), st),
    ]
}

fn tokens(n: usize) -> Vec<u32> {
    (0..n).map(|i| ((i * 7 + 3) % (VOCAB + 5)) as u32).collect()
}

// ---------------------------------------------------------------------------------------------
// CPU backward against central differences (routing fixed)
// ---------------------------------------------------------------------------------------------

/// `L = sum(r * sel_weight) + balance loss + z loss` with the routing of `fixed`.
#[allow(clippy::too_many_arguments)]
fn loss(
    cfg: &GateConfig,
    st: &GateState,
    n: usize,
    e: usize,
    x: &[f64],
    w: &[f64],
    fixed: &GateCpu,
    r: &[f64],
) -> f64 {
    let f = forward_cpu(cfg, st, n, D, e, x, Some(w), None, Some(fixed)).unwrap();
    let mut l: f64 = f.sel_weight.iter().zip(r).map(|(a, b)| a * b).sum();
    l += f.stats[0] + f.stats[1];
    l
}

#[test]
fn gate_cpu_backward_matches_finite_differences() {
    let eps = 1e-6;
    for (name, cfg, st) in cases() {
        if cfg.kind == GateKind::Hash {
            continue;
        }
        for (n, e) in [(7usize, 4usize), (5, 1), (3, 2)] {
            let x = widen(&random_vec(1, n * D));
            let w = widen(&random_vec(2, D * e));
            let fwd = forward_cpu(&cfg, &st, n, D, e, &x, Some(&w), None, None).unwrap();
            let r = widen(&random_vec(3, n * fwd.k));
            let (_, dx, dw) = backward_cpu(&cfg, &st, &fwd, &w, &r).unwrap();
            let fd_x = central_differences(&x, eps, |x| loss(&cfg, &st, n, e, x, &w, &fwd, &r));
            let fd_w = central_differences(&w, eps, |w| loss(&cfg, &st, n, e, &x, w, &fwd, &r));
            let tol = Tolerance::FINITE_DIFF;
            for (what, got, want) in [("dx", &dx, &fd_x), ("dw_g", &dw, &fd_w)] {
                for (i, (g, f)) in got.iter().zip(want.iter()).enumerate() {
                    assert!(
                        tol.close(*g, *f),
                        "{name} N={n} E={e} {what}[{i}]: backward {g}, finite difference {f}"
                    );
                }
                assert!(
                    got.iter().any(|v| v.abs() > 1e-3) || e == 1,
                    "{name} N={n} E={e} {what}: gradient is (nearly) zero, the check is vacuous"
                );
            }
        }
    }
}

#[test]
fn unselected_experts_keep_gate_gradient() {
    // docs/EVOMOE.md, trap (1): an expert that receives no token still gets a W_g gradient
    // (Switch on the CPU here; DTS on the GPU, with its zero FFN gradients, in
    // tests/moe_layer.rs).
    let cfg = GateConfig {
        seed: 5,
        ..GateConfig::switch()
    };
    let st = state(0, 1.0);
    let (n, e) = (6, 4);
    let x: Vec<f64> = random_vec(7, n * D)
        .iter()
        .map(|&v| 0.75 + 0.25 * v as f64)
        .collect();
    let mut w = widen(&random_vec(8, D * e));
    for c in 0..D {
        w[c * e] = 0.5;
    }
    let fwd = forward_cpu(&cfg, &st, n, D, e, &x, Some(&w), None, None).unwrap();
    assert!(
        fwd.sel_expert.iter().all(|&s| s == 0),
        "{:?}",
        fwd.sel_expert
    );
    let r = vec![1.0; n];
    let (_, _, dw) = backward_cpu(&cfg, &st, &fwd, &w, &r).unwrap();
    for j in 1..e {
        assert!(
            (0..D).any(|c| dw[c * e + j].abs() > 1e-6),
            "column {j} is zero"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// GPU edge cases against the CPU
// ---------------------------------------------------------------------------------------------

/// A gate with its recorded forward (the bind groups keep the input buffers alive).
struct Run {
    gate: Gate,
    fwd: Vec<Dispatch>,
}

fn setup(
    gpu: &Gpu,
    cfg: &GateConfig,
    st: &GateState,
    n: usize,
    e: usize,
    x: &[f32],
    w: &[f32],
) -> Result<Run> {
    let gate = Gate::new(gpu, cfg, n, D, e)?;
    gate.set_state(gpu, st)?;
    let xt = Tensor::from_f32(gpu, &[n, D], x, "x")?;
    let wt = if cfg.kind == GateKind::Hash {
        None
    } else {
        Some(Tensor::from_f32(gpu, &[D, e], w, "w_g")?)
    };
    let toks = Tensor::from_u32(gpu, &[n], &tokens(n), "tokens")?;
    let fwd = gate.forward(gpu, &xt, wt.as_ref(), Some(&toks))?;
    Ok(Run { gate, fwd })
}

fn cpu_forward(
    cfg: &GateConfig,
    st: &GateState,
    n: usize,
    e: usize,
    x: &[f32],
    w: &[f32],
) -> Result<GateCpu> {
    let toks = tokens(n);
    forward_cpu(
        cfg,
        st,
        n,
        D,
        e,
        &widen(x),
        Some(&widen(w)),
        Some(&toks),
        None,
    )
}

/// The selftest's comparison of every forward output, after checking the data is clear of ties.
async fn compare_forward(gpu: &Gpu, what: &str, gate: &Gate, cpu: &GateCpu) -> Result<()> {
    if cpu.margin < MARGIN {
        return Err(Error::Config(format!(
            "{what}: test data has a near-tie routing decision (margin {:.2e}); change the seed",
            cpu.margin
        )));
    }
    compare_gate_forward(gpu, &mut Compare::new(), what, gate, cpu).await
}

#[test]
fn gate_replays_with_new_step_and_modes() {
    on_every_adapter(function_name!(), async |gpu| {
        let (n, e) = (37, 8);
        let x = random_vec(41, n * D);
        let w = random_vec(42, D * e);
        for (name, cfg, st) in cases() {
            if !matches!(name, "dts" | "top2" | "switch_jitter_z") {
                continue;
            }
            let r = setup(gpu, &cfg, &st, n, e, &x, &w)?;
            gpu.run(&r.fwd)?;
            let first = r.gate.sel_expert.read_u32(gpu).await?;
            // Same dispatches, new step and temperature.
            r.gate.set_step(gpu, 9, 0.7)?;
            gpu.run(&r.fwd)?;
            let st2 = r.gate.state();
            assert_eq!((st2.step, st2.tau), (9, 0.7));
            let cpu = cpu_forward(&cfg, &st2, n, e, &x, &w)?;
            compare_forward(gpu, &format!("{name} step 9"), &r.gate, &cpu).await?;
            if cfg.kind != GateKind::Switch {
                assert_ne!(first, cpu.sel_expert, "{name}: new step, same noise?");
            }
            // Evaluation mode: deterministic top-1 (DTS, Switch) / noiseless second choice.
            r.gate.set_mode(gpu, true, false, true)?;
            gpu.run(&r.fwd)?;
            let cpu = cpu_forward(&cfg, &r.gate.state(), n, e, &x, &w)?;
            compare_forward(gpu, &format!("{name} eval"), &r.gate, &cpu).await?;
        }
        Ok(())
    });
}

#[test]
fn gate_edge_cases() {
    on_every_adapter(function_name!(), async |gpu| {
        // Every token to expert 3: positive inputs, only column 3 of W_g non-zero.
        let (n, e) = (37, 8);
        let x: Vec<f32> = random_vec(51, n * D)
            .iter()
            .map(|v| 0.75 + 0.25 * v)
            .collect();
        let mut w = vec![0.0f32; D * e];
        for c in 0..D {
            w[c * e + 3] = 2.5;
        }
        for (name, cfg, st) in cases() {
            let st = if cfg.kind == GateKind::Dts {
                GateState {
                    hard_top1: true,
                    ..st
                }
            } else {
                st
            };
            if cfg.kind == GateKind::Hash || name == "dts_eval" {
                continue;
            }
            let r = setup(gpu, &cfg, &st, n, e, &x, &w)?;
            gpu.run(&r.fwd)?;
            let cpu = cpu_forward(&cfg, &st, n, e, &x, &w)?;
            compare_forward(gpu, &format!("{name} one expert"), &r.gate, &cpu).await?;
            let sel = r.gate.sel_expert.read_u32(gpu).await?;
            let k = r.gate.k();
            assert!((0..n).all(|t| sel[t * k] == 3), "{name}: {sel:?}");
            let stats = r.gate.read_stats(gpu).await?;
            assert_eq!(stats.load[3], 1.0, "{name}");
            if cfg.kind != GateKind::Top2 {
                assert_eq!(stats.experts_per_token, 1.0, "{name}");
            }
        }
        // Hash: every token id maps to the same expert when it is the same id.
        let cfg = GateConfig::hash(VOCAB);
        let gate = Gate::new(gpu, &cfg, n, D, e)?;
        let xt = Tensor::from_f32(gpu, &[n, D], &x, "x")?;
        let toks = Tensor::from_u32(gpu, &[n], &vec![17; n], "tokens")?;
        gpu.run(&gate.forward(gpu, &xt, None, Some(&toks))?)?;
        let stats = gate.read_stats(gpu).await?;
        assert_eq!(stats.load.iter().filter(|&&l| l == 1.0).count(), 1);
        assert_eq!(stats.balance_raw, e as f32);

        // A huge temperature with gamma 0.001: every token goes to every expert (DTS).
        let cfg = GateConfig {
            seed: 3,
            ..GateConfig::dts()
        };
        let w = random_vec(52, D * e);
        let st = state(2, 1e4);
        let r = setup(gpu, &cfg, &st, n, e, &x, &w)?;
        gpu.run(&r.fwd)?;
        let cpu = cpu_forward(&cfg, &st, n, e, &x, &w)?;
        compare_forward(gpu, "dts tau 1e4", &r.gate, &cpu).await?;
        let sel = r.gate.sel_expert.read_u32(gpu).await?;
        assert!(sel.iter().all(|&s| s != NONE));
        let stats = r.gate.read_stats(gpu).await?;
        assert_eq!(stats.experts_per_token, e as f32);
        assert!((cpu.stats[STAT_EXPERTS_PER_TOKEN] - e as f64).abs() < 1e-12);
        assert!(stats.load.iter().all(|&l| l == 1.0));
        assert_eq!(stats.load.len(), e);
        assert_eq!(r.gate.stats.numel(), STAT_HEADER + 3 * e);
        Ok(())
    });
}

#[test]
fn gate_rejects_bad_input() {
    on_every_adapter(function_name!(), async |gpu| {
        let (n, e) = (5, 4);
        let gate = Gate::new(gpu, &GateConfig::switch(), n, D, e)?;
        let x = Tensor::zeros(gpu, &[n, D + 1], DType::F32, "x")?;
        let w = Tensor::zeros(gpu, &[D, e], DType::F32, "w")?;
        let r = gate.forward(gpu, &x, Some(&w), None);
        assert!(matches!(r, Err(Error::Shape { .. })), "{:?}", r.err());
        let x = Tensor::zeros(gpu, &[n, D], DType::F32, "x")?;
        let r = gate.forward(gpu, &x, None, None);
        assert!(matches!(r, Err(Error::Shape { .. })), "{:?}", r.err());
        let dsel = Tensor::zeros(gpu, &[n, 2], DType::F32, "dsel")?;
        let r = gate.backward(gpu, &x, &w, &dsel, &x, &w);
        assert!(matches!(r, Err(Error::Shape { .. })), "{:?}", r.err());
        let hash = Gate::new(gpu, &GateConfig::hash(10), n, D, e)?;
        let r = hash.forward(gpu, &x, None, None);
        assert!(matches!(r, Err(Error::Shape { .. })), "{:?}", r.err());
        assert!(matches!(gate.set_step(gpu, 1, 0.0), Err(Error::Config(_))));
        assert!(matches!(
            Gate::new(gpu, &GateConfig::dts(), 0, D, e),
            Err(Error::Shape { .. })
        ));
        let bad = GateConfig {
            tau: -1.0,
            ..GateConfig::dts()
        };
        assert!(matches!(
            Gate::new(gpu, &bad, n, D, e),
            Err(Error::Config(_))
        ));
        Ok(())
    });
}
