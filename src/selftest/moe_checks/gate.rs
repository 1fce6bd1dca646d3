//! Gate checks: forward (logits, probabilities, mask, selections, combine weights, statistics
//! with the per-expert load) and backward (`dlogits`, `dx`, `dW_g`, accumulated into non-zero
//! buffers) of every gate kind against the f64 CPU reference with the same Philox noise; the
//! capacity gates' selections routed with their capacity (dropped slots); and the raw Gumbel
//! noise.

use super::{plus, weak};
use crate::error::{Error, Result};
use crate::gpu::Gpu;
use crate::moe::gate::{
    backward_cpu, capacity_for, forward_cpu, gumbel_cpu, Gate, GateConfig, GateCpu, GateKind,
    GateState,
};
use crate::moe::route::{route_cpu, Router};
use crate::selftest::{Check, Compare, Verdict};
use crate::testing::{narrow, widen};
use crate::testing::{random_vec, Tolerance};
use crate::Tensor;

/// Token ids of the Hash gate are taken modulo this vocabulary.
const VOCAB: usize = 50;
/// Routing decisions closer than this to a tie (logit gaps; relative |p - gamma|) could go
/// either way in f32: such data is replaced by the next seed's.
const MARGIN: f64 = 1e-4;
/// `(N, E, D)`: one token, one expert, D odd and a multiple of 4, N past a workgroup, E = 64.
const SHAPES: &[(usize, usize, usize)] = &[
    (1, 3, 12),
    (7, 1, 13),
    (37, 8, 12),
    (129, 8, 13),
    (37, 64, 12),
];

pub(super) fn checks() -> Vec<Check> {
    vec![
        Check::new("gate", "gate.dts", |gpu| {
            Box::pin(async move { run_cases(gpu, &dts_cases()).await })
        }),
        Check::new("gate", "gate.dts.hard_top1", |gpu| {
            Box::pin(async move { run_cases(gpu, &hard_top1_cases()).await })
        }),
        Check::new("gate", "gate.switch", |gpu| {
            Box::pin(async move { run_cases(gpu, &switch_cases()).await })
        }),
        Check::new("gate", "gate.top2", |gpu| {
            Box::pin(async move { run_cases(gpu, &top2_cases()).await })
        }),
        Check::new("gate", "gate.hash", |gpu| {
            Box::pin(async move {
                run_cases(gpu, &[case("hash", GateConfig::hash(VOCAB), 20, 1.0)]).await
            })
        }),
        Check::new("gate", "gate.gumbel_noise", |gpu| {
            Box::pin(gumbel_noise(gpu))
        }),
    ]
}

/// One gate configuration with the state it runs in.
struct Case {
    name: &'static str,
    cfg: GateConfig,
    st: GateState,
}

fn case(name: &'static str, cfg: GateConfig, seed: u64, tau: f32) -> Case {
    Case {
        name,
        cfg: GateConfig { seed, ..cfg },
        st: GateState {
            step: 3,
            tau,
            noise: true,
            hard_top1: false,
            eval: false,
        },
    }
}

/// DTS at three temperatures (nearly dense to sparse), with `p` weights and both losses, a
/// balance loss at a larger threshold, evaluation mode and noise off.
fn dts_cases() -> Vec<Case> {
    let dts = GateConfig::dts;
    let mut eval = case(
        "dts eval",
        GateConfig {
            z_coef: 0.2,
            ..dts()
        },
        15,
        1.3,
    );
    eval.st.eval = true;
    let mut quiet = case("dts noise off", dts(), 16, 1.3);
    quiet.st.noise = false;
    vec![
        case("dts tau 2", dts(), 11, 2.0),
        case("dts tau 0.3", dts(), 10, 0.3),
        case(
            "dts gumbel gates + losses",
            GateConfig {
                gumbel_gates: true,
                balance_coef: 0.3,
                z_coef: 0.2,
                ..dts()
            },
            12,
            1.3,
        ),
        case(
            "dts balance gamma 0.02",
            GateConfig {
                balance_coef: 0.3,
                gamma: 0.02,
                ..dts()
            },
            13,
            1.3,
        ),
        eval,
        quiet,
    ]
}

fn hard_top1_cases() -> Vec<Case> {
    [
        (1.3, "dts hard top-1 tau 1.3"),
        (0.3, "dts hard top-1 tau 0.3"),
    ]
    .into_iter()
    .map(|(tau, name)| {
        let mut c = case(name, GateConfig::dts(), 14, tau);
        c.st.hard_top1 = true;
        c
    })
    .collect()
}

fn switch_cases() -> Vec<Case> {
    vec![
        case(
            "switch",
            GateConfig {
                balance_coef: 0.3,
                ..GateConfig::switch()
            },
            17,
            1.0,
        ),
        case(
            "switch jitter + z",
            GateConfig {
                jitter: 0.1,
                z_coef: 0.2,
                balance_coef: 0.3,
                ..GateConfig::switch()
            },
            18,
            1.0,
        ),
    ]
}

fn top2_cases() -> Vec<Case> {
    vec![case(
        "top2",
        GateConfig {
            balance_coef: 0.3,
            z_coef: 0.2,
            ..GateConfig::top2()
        },
        19,
        1.0,
    )]
}

fn tokens(n: usize) -> Vec<u32> {
    (0..n).map(|i| ((i * 7 + 3) % (VOCAB + 5)) as u32).collect()
}

/// Every case on every shape; data with a near-tie routing decision is replaced by the next
/// seed's (decided on the CPU, before the GPU runs).
async fn run_cases(gpu: &Gpu, cases: &[Case]) -> Result<Verdict> {
    let mut cmp = Compare::new();
    for c in cases {
        for &(n, e, d) in SHAPES {
            let what = format!("{} N={n} E={e} D={d}", c.name);
            let base = (n * 1000 + e * 10 + d) as u64;
            let data = (0..8)
                .map(|attempt| Data::new(c, n, e, d, base + 1000 * attempt))
                .find(|data| data.as_ref().map_or(true, |x| x.cpu.margin >= MARGIN))
                .unwrap_or_else(|| Err(weak(format!("{what}: every seed has a near-tie"))))?;
            run_one(gpu, &mut cmp, c, &data, &what).await?;
        }
    }
    Ok(cmp.pass())
}

/// Inputs of one case on one shape and the CPU forward.
struct Data {
    n: usize,
    e: usize,
    d: usize,
    seed: u64,
    x: Vec<f32>,
    w: Vec<f32>,
    cpu: GateCpu,
}

impl Data {
    fn new(c: &Case, n: usize, e: usize, d: usize, seed: u64) -> Result<Data> {
        let x = random_vec(seed, n * d);
        let w: Vec<f32> = random_vec(seed + 1, d * e)
            .iter()
            .map(|v| v * 0.8)
            .collect();
        let toks = tokens(n);
        let (xs, ws) = (widen(&x), widen(&w));
        let cpu = forward_cpu(&c.cfg, &c.st, n, d, e, &xs, Some(&ws), Some(&toks), None)?;
        Ok(Data {
            n,
            e,
            d,
            seed,
            x,
            w,
            cpu,
        })
    }
}

async fn run_one(gpu: &Gpu, cmp: &mut Compare, c: &Case, data: &Data, what: &str) -> Result<()> {
    let (n, e, d) = (data.n, data.e, data.d);
    let hash = c.cfg.kind == GateKind::Hash;
    let gate = Gate::new(gpu, &c.cfg, n, d, e)?;
    gate.set_state(gpu, &c.st)?;
    let x = Tensor::from_f32(gpu, &[n, d], &data.x, "x")?;
    let w = Tensor::from_f32(gpu, &[d, e], &data.w, "w_g")?;
    let toks = Tensor::from_u32(gpu, &[n], &tokens(n), "tokens")?;
    let fwd = gate.forward(gpu, &x, (!hash).then_some(&w), Some(&toks))?;
    gpu.run(&fwd)?;
    compare_gate_forward(gpu, cmp, what, &gate, &data.cpu).await?;
    if c.cfg.capacity_factor > 0.0 {
        compare_capacity(gpu, cmp, what, &gate, &data.cpu).await?;
    }

    // Backward, accumulating into non-zero gradients.
    let k = gate.k();
    let dsel = random_vec(data.seed + 2, n * k);
    let dx0 = random_vec(data.seed + 3, n * d);
    let dw0 = random_vec(data.seed + 4, d * e);
    let dsel_t = Tensor::from_f32(gpu, &[n, k], &dsel, "dsel")?;
    let dx_t = Tensor::from_f32(gpu, &[n, d], &dx0, "dx")?;
    let dw_t = Tensor::from_f32(gpu, &[d, e], &dw0, "dw_g")?;
    let bwd = gate.backward(gpu, &x, &w, &dsel_t, &dx_t, &dw_t)?;
    if hash {
        return match bwd.is_empty() {
            true => Ok(()),
            false => Err(Error::Config(format!(
                "{what}: the Hash gate recorded a backward"
            ))),
        };
    }
    gpu.run(&bwd)?;
    let (dh, dx, dw) = backward_cpu(&c.cfg, &c.st, &data.cpu, &widen(&data.w), &widen(&dsel))?;
    let tol = Tolerance::F32_LOOSE;
    let dlogits = gate.dlogits.as_ref().expect("a logit gate has dlogits");
    cmp.check(
        &format!("{what} dlogits"),
        &dlogits.read_f32(gpu).await?,
        &narrow(&dh),
        tol,
    )?;
    cmp.check(
        &format!("{what} dx"),
        &dx_t.read_f32(gpu).await?,
        &plus(&dx0, &dx),
        tol,
    )?;
    cmp.check(
        &format!("{what} dw_g"),
        &dw_t.read_f32(gpu).await?,
        &plus(&dw0, &dw),
        tol,
    )
}

/// Compares a gate's forward outputs (read from `gate`'s buffers) with the CPU reference:
/// logits, mask and selections (exact), probabilities, combine weights and statistics (the
/// losses, experts per token and the per-expert load, balance fractions and means). The error
/// names the array that differs.
pub async fn compare_gate_forward(
    gpu: &Gpu,
    cmp: &mut Compare,
    what: &str,
    gate: &Gate,
    cpu: &GateCpu,
) -> Result<()> {
    if let Some(l) = &gate.logits {
        cmp.check(
            &format!("{what} logits"),
            &l.read_f32(gpu).await?,
            &narrow(&cpu.logits),
            Tolerance::F32,
        )?;
    }
    cmp.check_exact(
        &format!("{what} mask"),
        &gate.mask.read_u32(gpu).await?,
        &cpu.mask,
    )?;
    cmp.check_exact(
        &format!("{what} sel_expert"),
        &gate.sel_expert.read_u32(gpu).await?,
        &cpu.sel_expert,
    )?;
    if gate.cfg.kind != GateKind::Hash {
        cmp.check(
            &format!("{what} probs"),
            &gate.probs.read_f32(gpu).await?,
            &narrow(&cpu.probs),
            Tolerance::F32_LOOSE,
        )?;
    }
    cmp.check(
        &format!("{what} sel_weight"),
        &gate.sel_weight.read_f32(gpu).await?,
        &narrow(&cpu.sel_weight),
        Tolerance::F32_LOOSE,
    )?;
    cmp.check(
        &format!("{what} stats"),
        &gate.stats.read_f32(gpu).await?,
        &narrow(&cpu.stats),
        Tolerance::F32_LOOSE,
    )
}

/// Routes the gate's selections with its capacity (Switch `ceil(cf N / E)`, GShard top-2
/// `2 ceil(cf N / E)`) and compares the kept positions and the dropped count with the CPU
/// routing of the CPU selections.
async fn compare_capacity(
    gpu: &Gpu,
    cmp: &mut Compare,
    what: &str,
    gate: &Gate,
    cpu: &GateCpu,
) -> Result<()> {
    let (n, e, k) = (gate.n_tokens, gate.n_experts, gate.k());
    let cap = capacity_for(gate.cfg.capacity_factor, n, e, k);
    let router = Router::new(gpu, n, k, e, cap)?;
    gpu.run(
        &router
            .record(gpu, &gate.sel_expert)?
            .iter()
            .collect::<Vec<_>>(),
    )?;
    let want = route_cpu(&cpu.sel_expert, k, e, cap);
    let what = format!("{what} capacity {cap:?}");
    cmp.check_exact(
        &format!("{what} pos"),
        &router.pos.read_u32(gpu).await?,
        &want.pos,
    )?;
    let stats = router.read_stats(gpu).await?;
    cmp.check_exact(
        &format!("{what} [dropped, unused]"),
        &[stats.dropped, stats.unused],
        &[want.dropped, want.unused],
    )
}

/// Zero logits: top-2 stores the noisy logits `h + g = g` in the `p` half of `probs`. 64,000
/// draws reach `u` within 1e-3 of 1, where a plain f32 `log(u)` is off by ~5e-4.
async fn gumbel_noise(gpu: &Gpu) -> Result<Verdict> {
    let (n, e, d) = (1000, 64, 12);
    let cfg = GateConfig {
        seed: 0x1234_5678_9abc_def0,
        ..GateConfig::top2()
    };
    let c = case("gumbel", cfg, 0x1234_5678_9abc_def0, 1.0);
    let st = GateState { step: 77, ..c.st };
    let gate = Gate::new(gpu, &c.cfg, n, d, e)?;
    gate.set_state(gpu, &st)?;
    let x = Tensor::from_f32(gpu, &[n, d], &random_vec(61, n * d), "x")?;
    let w = Tensor::from_f32(gpu, &[d, e], &vec![0.0; d * e], "w_g")?;
    let fwd = gate.forward(gpu, &x, Some(&w), None)?;
    gpu.run(&fwd)?;
    let probs = gate.probs.read_f32(gpu).await?;
    let row = 2 * e + 1;
    let mut got = Vec::with_capacity(n * e);
    let mut want = Vec::with_capacity(n * e);
    for t in 0..n {
        for j in 0..e {
            got.push(probs[t * row + e + j]);
            want.push(gumbel_cpu(c.cfg.seed, st.step, t as u32, j as u32) as f32);
        }
    }
    let mut cmp = Compare::new();
    let tol = Tolerance {
        rel: 1e-6,
        abs: 1e-5,
    };
    cmp.check("gumbel noise", &got, &want, tol)?;
    // The reference itself: the mean of a standard Gumbel is Euler's constant.
    let mean = want.iter().map(|&v| v as f64).sum::<f64>() / want.len() as f64;
    if (mean - 0.5772).abs() > 0.02 {
        return Err(weak(format!("gumbel noise mean {mean}, want 0.5772")));
    }
    Ok(cmp.pass())
}
