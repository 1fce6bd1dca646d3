//! Expert FFN checks: forward (`out`) and backward (`dx`, `dsel_weight`, and `dW1 db1 dW2 db2`
//! accumulated into non-zero buffers) of every path against `expert_ffn_cpu` /
//! `expert_ffn_backward_cpu`: the scattered path with the portable and the subgroup GEMMs, the
//! dense all-experts path, the dense path split into expert chunks, and the capacity-padded
//! baseline. Shapes with NONE slots, capacity drops, K = E, widths that are and are not
//! multiples of 4 (the vec4 row-moving kernels and their scalar twins).

use super::{plus, weak};
use crate::error::Result;
use crate::gpu::Gpu;
use crate::moe::expert_ffn::{
    expert_ffn_backward_cpu, expert_ffn_cpu, ExpertFfn, ExpertGemm, ExpertGradTensors,
    ExpertTensors, ExpertWeights, FfnPath, FfnShape,
};
use crate::moe::padded::PaddedFfn;
use crate::moe::route::{route_cpu, Router};
use crate::moe::NONE;
use crate::ops::matmul::MatmulKernel;
use crate::ops::rng::Rng;
use crate::selftest::{Check, Compare, Verdict};
use crate::testing::{narrow, widen};
use crate::testing::{random_vec, Tolerance};
use crate::Tensor;

const TOL: Tolerance = Tolerance {
    rel: 1e-4,
    abs: 2e-5,
};

pub(super) fn checks() -> Vec<Check> {
    vec![
        Check::new("expert_ffn", "expert_ffn.scattered.portable", |gpu| {
            Box::pin(async move { scattered(gpu, ExpertGemm::Portable).await })
        }),
        Check::new("expert_ffn", "expert_ffn.scattered.subgroup", |gpu| {
            Box::pin(async move {
                if ExpertGemm::best(gpu) != ExpertGemm::Subgroup {
                    return Ok(Verdict::NotAvailable(
                        "the subgroup expert GEMMs need subgroups of exactly 8 and enough storage \
                     bindings"
                            .into(),
                    ));
                }
                scattered(gpu, ExpertGemm::Subgroup).await
            })
        }),
        Check::new("expert_ffn", "expert_ffn.dense", |gpu| Box::pin(dense(gpu))),
        Check::new("expert_ffn", "expert_ffn.dense.chunked", |gpu| {
            Box::pin(dense_chunked(gpu))
        }),
        Check::new("padded_ffn", "padded_ffn.forward_backward", |gpu| {
            Box::pin(padded(gpu))
        }),
    ]
}

fn shape(n: usize, k: usize, d: usize, f: usize, e: usize) -> FfnShape {
    FfnShape { n, k, d, f, e }
}

/// `(seed, shape, P(NONE slot), capacity)`: NONE slots; several row tiles and column blocks
/// with widths not multiples of 4 or 8; Switch capacity drops (scalar and vec4 widths); every
/// slot used (K = E = 8); one token at one expert.
async fn scattered(gpu: &Gpu, variant: ExpertGemm) -> Result<Verdict> {
    let mut cmp = Compare::new();
    let cases = [
        (11, shape(7, 2, 24, 40, 3), 0.1, None),
        (12, shape(129, 1, 70, 131, 2), 0.0, None),
        (13, shape(45, 1, 9, 17, 3), 0.0, Some(9)),
        (16, shape(37, 2, 16, 33, 3), 0.0, Some(10)),
        (14, shape(19, 8, 12, 20, 8), 0.0, None),
        (15, shape(1, 1, 5, 7, 1), 0.0, None),
    ];
    for (seed, s, p_none, cap) in cases {
        let c = Case::new(seed, s, p_none);
        let mut ffn = ExpertFfn::with_path(gpu, s.n, s.k, s.d, s.f, s.e, FfnPath::Scattered)?;
        ffn.set_gemm(gpu, variant)?;
        let what = format!("scattered/{variant:?} {s:?} cap {cap:?}");
        check_routed(gpu, &mut cmp, &c, cap, &ffn, &what).await?;
    }
    Ok(cmp.pass())
}

/// Every expert on every token, combined with the selected weights (NONE slots, E = 1, D odd).
async fn dense(gpu: &Gpu) -> Result<Verdict> {
    let mut cmp = Compare::new();
    let cases = [
        (21, shape(37, 2, 24, 40, 5), 0.1),
        (22, shape(23, 3, 13, 33, 3), 0.0),
        (24, shape(1, 1, 8, 6, 1), 0.0),
    ];
    for (seed, s, p_none) in cases {
        let c = Case::new(seed, s, p_none);
        let ffn = ExpertFfn::with_path(gpu, s.n, s.k, s.d, s.f, s.e, FfnPath::Dense)?;
        let what = format!("dense/{:?} {s:?}", MatmulKernel::best(gpu));
        check_routed(gpu, &mut cmp, &c, None, &ffn, &what).await?;
    }
    Ok(cmp.pass())
}

/// The dense path with its activations split over experts (as for E = 32 on a 128 MiB binding
/// limit), forced small: chunks of 2, 2, 1 experts; the early DTS shape K = E in chunks of
/// 3, 1; and D odd in chunks of 3, 3, 2.
async fn dense_chunked(gpu: &Gpu) -> Result<Verdict> {
    let mut cmp = Compare::new();
    let cases = [
        (21, shape(37, 2, 24, 40, 5), 0.1, 2),
        (23, shape(19, 4, 12, 20, 4), 0.0, 3),
        (25, shape(7, 8, 13, 9, 8), 0.0, 3),
    ];
    for (seed, s, p_none, chunk) in cases {
        let c = Case::new(seed, s, p_none);
        let ffn = ExpertFfn::dense_chunked(gpu, s.n, s.k, s.d, s.f, s.e, chunk)?;
        let what = format!("dense/{:?} {s:?} chunk {chunk}", MatmulKernel::best(gpu));
        let want = s.e.div_ceil(chunk.min(s.e));
        let got = match &ffn {
            ExpertFfn::Dense(dense) => dense.h.len(),
            ExpertFfn::Scattered(_) => 0,
        };
        if got != want {
            return Err(weak(format!(
                "{what}: {got} activation chunks, want {want}"
            )));
        }
        check_routed(gpu, &mut cmp, &c, None, &ffn, &what).await?;
    }
    Ok(cmp.pass())
}

/// The padded baseline: `cf = E` (no expert overflows) and `cf` 0.5 and 1 (drops, D odd and a
/// multiple of 4).
async fn padded(gpu: &Gpu) -> Result<Verdict> {
    let mut cmp = Compare::new();
    let cases = [
        (31, shape(37, 2, 24, 40, 5), 5.0),
        (32, shape(50, 1, 13, 29, 2), 2.0),
        (33, shape(45, 1, 9, 17, 3), 0.5),
        (34, shape(129, 2, 16, 20, 8), 1.0),
        (35, shape(1, 1, 7, 5, 1), 1.0),
    ];
    for (seed, s, cf) in cases {
        let c = Case::new(seed, s, 0.0);
        let t = Gpus::new(gpu, &c)?;
        let p = PaddedFfn::new(gpu, s.n, s.k, s.d, s.f, s.e, cf)?;
        let mut ds = p.forward(gpu, &t.sel, &t.x, &t.w(), &t.selw, &t.out)?;
        ds.extend(p.backward(gpu, &t.x, &t.w(), &t.selw, &t.dout, &t.g())?);
        gpu.run(&ds)?;
        let routed = route_cpu(&c.sel, s.k, s.e, Some(p.capacity));
        let what = format!("padded {s:?} cf {cf} capacity {}", p.capacity);
        t.compare(gpu, &mut cmp, &c, Some(&routed.pos), &what)
            .await?;
    }
    Ok(cmp.pass())
}

/// Runs `ffn` behind a router with `cap`, forward + backward, and compares with the CPU.
async fn check_routed(
    gpu: &Gpu,
    cmp: &mut Compare,
    c: &Case,
    cap: Option<usize>,
    ffn: &ExpertFfn,
    what: &str,
) -> Result<()> {
    let s = c.s;
    let t = Gpus::new(gpu, c)?;
    let router = Router::new(gpu, s.n, s.k, s.e, cap)?;
    let mut ds = router.record(gpu, &t.sel)?;
    ds.extend(ffn.forward(gpu, &router, &t.x, &t.w(), &t.selw, &t.out)?);
    ds.extend(ffn.backward(gpu, &router, &t.x, &t.w(), &t.selw, &t.dout, &t.g())?);
    gpu.run(&ds)?;
    let routed = route_cpu(&c.sel, s.k, s.e, cap);
    t.compare(gpu, cmp, c, Some(&routed.pos), what).await
}

/// Random inputs of one shape (also used by tests/expert_ffn.rs).
pub struct Case {
    pub s: FfnShape,
    pub x: Vec<f32>,
    pub w1: Vec<f32>,
    pub b1: Vec<f32>,
    pub w2: Vec<f32>,
    pub b2: Vec<f32>,
    /// `(N, K)`: K distinct experts per token, a slot NONE with probability `p_none`.
    pub sel: Vec<u32>,
    pub selw: Vec<f32>,
    pub dout: Vec<f32>,
}

impl Case {
    pub fn new(seed: u64, s: FfnShape, p_none: f32) -> Case {
        let (n, k, d, f, e) = (s.n, s.k, s.d, s.f, s.e);
        let mut rng = Rng::new(seed);
        let mut sel = Vec::with_capacity(n * k);
        for _ in 0..n {
            let mut used: Vec<u32> = Vec::new();
            for _ in 0..k {
                if rng.uniform() < p_none || used.len() == e {
                    sel.push(NONE);
                    continue;
                }
                let mut ex = rng.below(e as u32);
                while used.contains(&ex) {
                    ex = (ex + 1) % e as u32;
                }
                used.push(ex);
                sel.push(ex);
            }
        }
        let scaled = |seed: u64, len: usize, a: f32| -> Vec<f32> {
            random_vec(seed, len).into_iter().map(|x| x * a).collect()
        };
        Case {
            s,
            x: random_vec(seed + 1, n * d),
            w1: scaled(seed + 2, e * d * f, 1.5 / (d as f32).sqrt()),
            b1: scaled(seed + 3, e * f, 0.3),
            w2: scaled(seed + 4, e * f * d, 1.5 / (f as f32).sqrt()),
            b2: scaled(seed + 5, e * d, 0.3),
            sel,
            selw: random_vec(seed + 6, n * k)
                .into_iter()
                .map(|x| 0.5 + 0.5 * x)
                .collect(),
            dout: random_vec(seed + 7, n * d),
        }
    }

    pub fn weights(&self) -> ExpertWeights<'_> {
        ExpertWeights {
            w1: &self.w1,
            b1: &self.b1,
            w2: &self.w2,
            b2: &self.b2,
        }
    }
}

/// GPU tensors of a case: outputs NaN-filled (an element never written fails), weight
/// gradients pre-filled with `g0` (they accumulate).
pub struct Gpus {
    pub x: Tensor,
    pub w1: Tensor,
    pub b1: Tensor,
    pub w2: Tensor,
    pub b2: Tensor,
    pub sel: Tensor,
    pub selw: Tensor,
    pub dout: Tensor,
    pub out: Tensor,
    pub dx: Tensor,
    pub dsel: Tensor,
    pub dw1: Tensor,
    pub db1: Tensor,
    pub dw2: Tensor,
    pub db2: Tensor,
    pub g0: [Vec<f32>; 4],
}

impl Gpus {
    pub fn new(gpu: &Gpu, c: &Case) -> Result<Gpus> {
        let s = c.s;
        let t = |v: &[f32], l: &str| Tensor::from_f32(gpu, &[v.len()], v, l);
        let nan = |len: usize, l: &str| Tensor::from_f32(gpu, &[len], &vec![f32::NAN; len], l);
        let g0 = [
            random_vec(90, s.e * s.d * s.f),
            random_vec(91, s.e * s.f),
            random_vec(92, s.e * s.f * s.d),
            random_vec(93, s.e * s.d),
        ];
        Ok(Gpus {
            x: t(&c.x, "x")?,
            w1: t(&c.w1, "w1")?,
            b1: t(&c.b1, "b1")?,
            w2: t(&c.w2, "w2")?,
            b2: t(&c.b2, "b2")?,
            sel: Tensor::from_u32(gpu, &[s.n, s.k], &c.sel, "sel")?,
            selw: t(&c.selw, "selw")?,
            dout: t(&c.dout, "dout")?,
            out: nan(s.n * s.d, "out")?,
            dx: nan(s.n * s.d, "dx")?,
            dsel: nan(s.n * s.k, "dsel")?,
            dw1: t(&g0[0], "dw1")?,
            db1: t(&g0[1], "db1")?,
            dw2: t(&g0[2], "dw2")?,
            db2: t(&g0[3], "db2")?,
            g0,
        })
    }

    pub fn w(&self) -> ExpertTensors<'_> {
        ExpertTensors {
            w1: &self.w1,
            b1: &self.b1,
            w2: &self.w2,
            b2: &self.b2,
        }
    }

    pub fn g(&self) -> ExpertGradTensors<'_> {
        ExpertGradTensors {
            dx: &self.dx,
            dsel_weight: &self.dsel,
            dw1: &self.dw1,
            db1: &self.db1,
            dw2: &self.dw2,
            db2: &self.db2,
        }
    }

    /// Compares `out` and every gradient with the CPU reference (`pos`: the routed
    /// assignments, NONE where dropped).
    async fn compare(
        &self,
        gpu: &Gpu,
        cmp: &mut Compare,
        c: &Case,
        pos: Option<&[u32]>,
        what: &str,
    ) -> Result<()> {
        let (x, selw) = (widen(&c.x), widen(&c.selw));
        let want = expert_ffn_cpu(c.s, &x, &c.weights(), &c.sel, &selw, pos);
        let out = self.out.read_f32(gpu).await?;
        cmp.check(&format!("{what} out"), &out, &narrow(&want), TOL)?;
        let g = expert_ffn_backward_cpu(c.s, &x, &c.weights(), &c.sel, &selw, pos, &widen(&c.dout));
        let pairs: [(&str, &Tensor, Vec<f32>); 6] = [
            ("dx", &self.dx, narrow(&g.dx)),
            ("dsel_weight", &self.dsel, narrow(&g.dsel_weight)),
            ("dw1", &self.dw1, plus(&self.g0[0], &g.dw1)),
            ("db1", &self.db1, plus(&self.g0[1], &g.db1)),
            ("dw2", &self.dw2, plus(&self.g0[2], &g.dw2)),
            ("db2", &self.db2, plus(&self.g0[3], &g.db2)),
        ];
        for (name, t, want) in pairs {
            cmp.check(
                &format!("{what} {name}"),
                &t.read_f32(gpu).await?,
                &want,
                TOL,
            )?;
        }
        Ok(())
    }
}
