//! The MoE kernel families of `evomoe bench`: `gate` (the DTS gate's forward), `route` (the
//! expert sort of the routing passes) and `expert-ffn` (the scattered expert FFN, forward and
//! backward, routing excluded). Each is checked against its CPU reference before it is timed
//! (best of `samples`), and reported as fractions of the measured [`Peaks`].

use crate::bench::limits::{bytes, positive, Budget, Needs};
use crate::bench::moe::{check_prefix, gemm_name, Layer};
use crate::bench::peak::Peaks;
use crate::bench::report::{best_time, checked, reps_for, run_once, FamilyReport, KernelRow};
use crate::error::{Error, Result};
use crate::gpu::{DType, Dispatch, Gpu, Tensor};
use crate::moe::expert_ffn::{ExpertFfn, FfnShape};
use crate::moe::gate::{forward_cpu, Gate, GateConfig, MASK_SEL};
use crate::moe::route::{route_cpu, Router};
use crate::ops::rng::Rng;
use crate::testing::{random_vec, Tolerance};

const F32: usize = 4;

/// The best time of `ds` over `samples` (after one run that sets the repetitions).
async fn timed(gpu: &Gpu, ds: &[Dispatch], samples: u32) -> Result<f64> {
    let refs: Vec<&Dispatch> = ds.iter().collect();
    let once = run_once(gpu, &refs).await?;
    best_time(gpu, &refs, samples, reps_for(once)).await
}

/// The DTS gate's forward (EvoMoE's gate, training mode with Gumbel noise): `N` tokens of
/// width `D` over `E` experts.
#[derive(Clone, Debug)]
pub struct GateBench {
    pub tokens: usize,
    pub d_model: usize,
    pub experts: usize,
    pub samples: u32,
}

impl Default for GateBench {
    fn default() -> Self {
        GateBench {
            tokens: 8192,
            d_model: 256,
            experts: 32,
            samples: 3,
        }
    }
}

impl GateBench {
    pub fn validate(&self, budget: &Budget) -> Result<()> {
        positive("--tokens", self.tokens)?;
        positive("--d-model", self.d_model)?;
        positive("--experts", self.experts)?;
        let (n, d, e) = (self.tokens, self.d_model, self.experts);
        let probs = bytes(&[n, 2 * e + 1], F32);
        let mut need = Needs::new("bench gate");
        need.buffer("x (N, D)", bytes(&[n, d], F32))
            .buffer("W_g (D, E)", bytes(&[d, e], F32))
            .buffer("probs (N, 2E + 1)", probs)
            // the f64 reference holds x, logits, probs, mask and selections several times over
            .host(bytes(&[n, d], F32).saturating_mul(8))
            .host(probs.saturating_mul(12));
        need.check(budget)
    }

    pub async fn run(&self, gpu: &Gpu, peaks: &Peaks) -> Result<FamilyReport> {
        let (n, d, e) = (self.tokens, self.d_model, self.experts);
        let cfg = GateConfig::dts();
        let gate = Gate::new(gpu, &cfg, n, d, e)?;
        let x = random_vec(41, n * d);
        let scale = 2.0 / (d as f32).sqrt();
        let w: Vec<f32> = random_vec(42, d * e).iter().map(|v| v * scale).collect();
        let tx = Tensor::from_f32(gpu, &[n, d], &x, "x")?;
        let tw = Tensor::from_f32(gpu, &[d, e], &w, "w_g")?;
        let fwd = gate.forward(gpu, &tx, Some(&tw), None)?;
        let seconds = timed(gpu, &fwd, self.samples).await?;
        // Every timed run recomputes the same result (the step, hence the noise, is fixed).
        let f64v = |v: &[f32]| v.iter().map(|&a| a as f64).collect::<Vec<f64>>();
        let f32v = |v: &[f64]| v.iter().map(|&a| a as f32).collect::<Vec<f32>>();
        let cpu = forward_cpu(
            &cfg,
            &gate.state(),
            n,
            d,
            e,
            &f64v(&x),
            Some(&f64v(&w)),
            None,
            None,
        )?;
        let tol = Tolerance::F32_LOOSE;
        let probs = gate.probs.read_f32(gpu).await?;
        let mut err = checked("gate: probs [q | p | lse]", &probs, &f32v(&cpu.probs), tol)?;
        // Routing decisions are compared on every token that is not within rounding of a tie
        // (p_e near gamma, or two equal top probabilities).
        let (mask, sel) = (
            gate.mask.read_u32(gpu).await?,
            gate.sel_expert.read_u32(gpu).await?,
        );
        let selw = gate.sel_weight.read_f32(gpu).await?;
        let (k, row) = (cfg.k(e), 2 * e + 1);
        let mut compared = 0;
        for t in 0..n {
            let p = &cpu.probs[t * row + e..t * row + 2 * e];
            let near_gamma = p
                .iter()
                .any(|&v| (v - cfg.gamma as f64).abs() < 1e-4 * cfg.gamma as f64);
            let mut sorted = p.to_vec();
            sorted.sort_by(|a, b| b.total_cmp(a));
            if near_gamma || (e > 1 && sorted[0] - sorted[1] < 1e-5) {
                continue;
            }
            compared += 1;
            let m = |v: &[u32]| -> Vec<u32> { v.iter().map(|x| x & MASK_SEL).collect() };
            let (gm, cm) = (m(&mask[t * e..][..e]), m(&cpu.mask[t * e..][..e]));
            if gm != cm || sel[t * k..][..k] != cpu.sel_expert[t * k..][..k] {
                return Err(Error::Config(format!(
                    "gate: token {t} routed to {:?}, want {:?}",
                    &sel[t * k..][..k],
                    &cpu.sel_expert[t * k..][..k]
                )));
            }
            err = err.max(checked(
                &format!("gate: sel_weight of token {t}"),
                &selw[t * k..][..k],
                &f32v(&cpu.sel_weight[t * k..][..k]),
                tol,
            )?);
        }
        if compared < n / 2 {
            return Err(Error::Config(format!(
                "gate: only {compared} of {n} tokens are clear of routing ties; the check \
                 needs half"
            )));
        }
        // FLOP model: the router matmul h = x W_g, 2 N D E (the per-token softmax, noise and
        // selection are not counted). Byte model: reads x and W_g; writes logits, probs,
        // mask and the K = E selections and weights.
        let ne = (n * e * F32) as f64;
        let rows = vec![KernelRow {
            kernel: "DTS forward (logits, noisy softmax, selection, stats)".into(),
            shape: format!("N={n} D={d} E={e}"),
            seconds,
            flops: Some(2.0 * (n * d * e) as f64),
            bytes: Some(
                ((n * d + d * e) * F32) as f64 + ne + ((n * row) * F32) as f64 + ne + 2.0 * ne,
            ),
            check_error: Some(err),
        }];
        Ok(FamilyReport::new(gpu, "gate", peaks, self.samples, rows))
    }
}

/// The routing passes: `N` tokens with `K` slots each sorted over `E` experts.
#[derive(Clone, Debug)]
pub struct RouteBench {
    pub tokens: usize,
    pub slots: usize,
    pub experts: usize,
    pub samples: u32,
}

impl Default for RouteBench {
    fn default() -> Self {
        RouteBench {
            tokens: 16384,
            slots: 2,
            experts: 32,
            samples: 3,
        }
    }
}

impl RouteBench {
    pub fn validate(&self, budget: &Budget) -> Result<()> {
        positive("--tokens", self.tokens)?;
        positive("--slots", self.slots)?;
        positive("--experts", self.experts)?;
        let nk = bytes(&[self.tokens, self.slots], 4);
        let mut need = Needs::new("bench route");
        need.buffer("sel_expert (N, K)", nk)
            .buffer(
                "chunk counts",
                bytes(&[self.tokens, self.slots, self.experts], 4) / 64,
            )
            .host(nk.saturating_mul(12));
        need.check(budget)
    }

    pub async fn run(&self, gpu: &Gpu, peaks: &Peaks) -> Result<FamilyReport> {
        let (n, k, e) = (self.tokens, self.slots, self.experts);
        let mut rng = Rng::new(51);
        let sel: Vec<u32> = (0..n * k).map(|_| rng.below(e as u32)).collect();
        let tsel = Tensor::from_u32(gpu, &[n, k], &sel, "sel_expert")?;
        let router = Router::new(gpu, n, k, e, None)?;
        let ds = router.record(gpu, &tsel)?;
        let seconds = timed(gpu, &ds, self.samples).await?;
        let want = route_cpu(&sel, k, e, None);
        let same = |what: &str, got: &[u32], want: &[u32]| -> Result<()> {
            match got.iter().zip(want).position(|(g, w)| g != w) {
                None if got.len() == want.len() => Ok(()),
                None => Err(Error::Config(format!(
                    "route: {what} has {} entries, want {}",
                    got.len(),
                    want.len()
                ))),
                Some(i) => Err(Error::Config(format!(
                    "route: {what}[{i}] is {}, want {}",
                    got[i], want[i]
                ))),
            }
        };
        same("counts", &router.counts.read_u32(gpu).await?, &want.counts)?;
        same(
            "offsets",
            &router.offsets.read_u32(gpu).await?,
            &want.offsets,
        )?;
        let perm = router.perm.read_u32(gpu).await?;
        same("perm", &perm[..want.perm.len().min(perm.len())], &want.perm)?;
        same("pos", &router.pos.read_u32(gpu).await?, &want.pos)?;
        // Byte model (no FLOPs): the histogram and the scatter each read sel_expert; the
        // scatter writes perm and pos (the per-chunk counts and tiles are small).
        let rows = vec![KernelRow {
            kernel: "route (histogram, scans, tiles, scatter)".into(),
            shape: format!("N={n} K={k} E={e}"),
            seconds,
            flops: None,
            bytes: Some((4 * n * k * 4) as f64),
            check_error: Some(0.0),
        }];
        Ok(FamilyReport::new(gpu, "route", peaks, self.samples, rows))
    }
}

/// The scattered expert FFN (top-1, uniform random experts), forward and backward timed
/// separately; the routing it reads is computed once before.
#[derive(Clone, Debug)]
pub struct ExpertFfnBench {
    pub tokens: usize,
    pub d_model: usize,
    pub d_ff: usize,
    pub experts: usize,
    pub samples: u32,
}

impl Default for ExpertFfnBench {
    fn default() -> Self {
        ExpertFfnBench {
            tokens: 2048,
            d_model: 256,
            d_ff: 1024,
            experts: 8,
            samples: 3,
        }
    }
}

/// Tokens of the expert FFN checked against the CPU reference (token-local results).
const CHECK_TOKENS: usize = 24;

impl ExpertFfnBench {
    pub fn validate(&self, budget: &Budget) -> Result<()> {
        positive("--tokens", self.tokens)?;
        positive("--d-model", self.d_model)?;
        positive("--d-ff", self.d_ff)?;
        positive("--experts", self.experts)?;
        expert_layer_needs(
            "bench expert-ffn",
            self.tokens,
            self.d_model,
            self.d_ff,
            self.experts,
        )
        .check(budget)
    }

    pub async fn run(&self, gpu: &Gpu, peaks: &Peaks) -> Result<FamilyReport> {
        let (n, d, f, e) = (self.tokens, self.d_model, self.d_ff, self.experts);
        let layer = Layer::new(gpu, n, d, f, e, 61)?;
        let mut rng = Rng::new(62);
        let sel: Vec<u32> = (0..n).map(|_| rng.below(e as u32)).collect();
        let selw: Vec<f32> = (0..n).map(|_| 0.5 + 0.5 * rng.uniform()).collect();
        let tsel = Tensor::from_u32(gpu, &[n, 1], &sel, "sel")?;
        let tw = Tensor::from_f32(gpu, &[n], &selw, "selw")?;
        let dsel = Tensor::zeros(gpu, &[n], DType::F32, "dsel")?;
        let router = Router::new(gpu, n, 1, e, None)?;
        let ffn = ExpertFfn::new(gpu, n, 1, d, f, e)?;
        let route = router.record(gpu, &tsel)?;
        let fwd = ffn.forward(gpu, &router, &layer.x, &layer.w(), &tw, &layer.out)?;
        let bwd = ffn.backward(
            gpu,
            &router,
            &layer.x,
            &layer.w(),
            &tw,
            &layer.dout,
            &layer.g(&dsel),
        )?;
        let refs: Vec<&Dispatch> = route.iter().collect();
        gpu.run(&refs)?;
        let t_fwd = timed(gpu, &fwd, self.samples).await?;
        let t_bwd = timed(gpu, &bwd, self.samples).await?;
        // out, dx and dsel_weight are overwritten by every run: check the last one.
        let s = FfnShape { n, k: 1, d, f, e };
        check_prefix(
            gpu,
            &layer,
            s,
            &sel,
            &selw,
            None,
            &dsel,
            CHECK_TOKENS,
            "expert-ffn",
        )
        .await?;
        // FLOP model: per routed token two GEMMs forward (x W1, g W2: 4 D F) and four
        // backward (dy W2^T, g^T dy, x^T dh, dh W1^T: 8 D F); GELU and biases not counted.
        let pair = (d * f) as f64;
        let shape = format!("N={n} D={d} F={f} E={e} top-1");
        let rows = vec![
            KernelRow {
                kernel: format!("forward ({})", gemm_name(gpu, &ffn)),
                shape: shape.clone(),
                seconds: t_fwd,
                flops: Some(4.0 * n as f64 * pair),
                bytes: None,
                check_error: None,
            },
            KernelRow {
                kernel: format!("backward ({})", gemm_name(gpu, &ffn)),
                shape,
                seconds: t_bwd,
                flops: Some(8.0 * n as f64 * pair),
                bytes: None,
                check_error: None,
            },
        ];
        Ok(FamilyReport::new(
            gpu,
            "expert-ffn",
            peaks,
            self.samples,
            rows,
        ))
    }
}

/// Buffers and host memory of one expert layer of `n` tokens (`bench expert-ffn`, `bench moe`).
pub fn expert_layer_needs(what: &str, n: usize, d: usize, f: usize, e: usize) -> Needs<'_> {
    let w = bytes(&[e, d, f], F32);
    let x = bytes(&[n, d], F32);
    let h = bytes(&[n, f], F32);
    let mut need = Needs::new(what);
    need.buffer("W1, W2 (E, D, F)", w)
        .buffer("x, out (N, D)", x)
        .buffer("hidden (N, F)", h)
        .host(w.saturating_mul(4))
        .host(x.saturating_mul(4));
    need
}
