//! The f64 CPU reference of the expert FFN (the maths of the module doc of
//! [`crate::moe::expert_ffn`]), which every GPU path is checked against.

use crate::moe::NONE;
use crate::ops::gelu::{gelu_f64, gelu_grad_f64};

/// Host copies of the expert weights for the CPU reference.
pub struct ExpertWeights<'a> {
    pub w1: &'a [f32],
    pub b1: &'a [f32],
    pub w2: &'a [f32],
    pub b2: &'a [f32],
}

/// CPU gradients (f64 accumulation, returned as f64).
#[derive(Clone, Debug, Default)]
pub struct ExpertGradsCpu {
    pub dx: Vec<f64>,
    pub dsel_weight: Vec<f64>,
    pub dw1: Vec<f64>,
    pub db1: Vec<f64>,
    pub dw2: Vec<f64>,
    pub db2: Vec<f64>,
}

/// Shapes of the CPU reference.
#[derive(Clone, Copy, Debug)]
pub struct FfnShape {
    pub n: usize,
    pub k: usize,
    pub d: usize,
    pub f: usize,
    pub e: usize,
}

/// One expert on one token: `(h, gelu(h), y)`.
#[allow(clippy::needless_range_loop)]
fn expert_fwd_one(
    s: FfnShape,
    x: &[f64],
    w: &ExpertWeights,
    ex: usize,
    t: usize,
) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let (d, f) = (s.d, s.f);
    let mut h = vec![0.0f64; f];
    for (j, hj) in h.iter_mut().enumerate() {
        let mut acc = w.b1[ex * f + j] as f64;
        for i in 0..d {
            acc += x[t * d + i] * w.w1[(ex * d + i) * f + j] as f64;
        }
        *hj = acc;
    }
    let g: Vec<f64> = h.iter().map(|&v| gelu_f64(v)).collect();
    let mut y = vec![0.0f64; d];
    for (c, yc) in y.iter_mut().enumerate() {
        let mut acc = w.b2[ex * d + c] as f64;
        for j in 0..f {
            acc += g[j] * w.w2[(ex * f + j) * d + c] as f64;
        }
        *yc = acc;
    }
    (h, g, y)
}

/// CPU forward in f64: `out (N, D)`. `pos[a] == NONE` (from the router) marks an unrouted
/// assignment; pass `None` to route every `sel[a] < E`.
pub fn expert_ffn_cpu(
    s: FfnShape,
    x: &[f64],
    w: &ExpertWeights,
    sel: &[u32],
    selw: &[f64],
    pos: Option<&[u32]>,
) -> Vec<f64> {
    let mut out = vec![0.0f64; s.n * s.d];
    for t in 0..s.n {
        for sl in 0..s.k {
            let a = t * s.k + sl;
            let ex = sel[a] as usize;
            if ex >= s.e || pos.is_some_and(|p| p[a] == NONE) {
                continue;
            }
            let (_, _, y) = expert_fwd_one(s, x, w, ex, t);
            for c in 0..s.d {
                out[t * s.d + c] += selw[a] * y[c];
            }
        }
    }
    out
}

/// CPU backward in f64 (gradients of `L = sum(out * dout)`), see the module header.
#[allow(clippy::needless_range_loop)]
pub fn expert_ffn_backward_cpu(
    s: FfnShape,
    x: &[f64],
    w: &ExpertWeights,
    sel: &[u32],
    selw: &[f64],
    pos: Option<&[u32]>,
    dout: &[f64],
) -> ExpertGradsCpu {
    let (n, k, d, f, e) = (s.n, s.k, s.d, s.f, s.e);
    let mut g = ExpertGradsCpu {
        dx: vec![0.0; n * d],
        dsel_weight: vec![0.0; n * k],
        dw1: vec![0.0; e * d * f],
        db1: vec![0.0; e * f],
        dw2: vec![0.0; e * f * d],
        db2: vec![0.0; e * d],
    };
    for t in 0..n {
        for sl in 0..k {
            let a = t * k + sl;
            let ex = sel[a] as usize;
            if ex >= e || pos.is_some_and(|p| p[a] == NONE) {
                continue;
            }
            let (h, act, y) = expert_fwd_one(s, x, w, ex, t);
            let dot: f64 = (0..d).map(|c| dout[t * d + c] * y[c]).sum();
            g.dsel_weight[a] = dot;
            let dy: Vec<f64> = (0..d).map(|c| selw[a] * dout[t * d + c]).collect();
            for j in 0..f {
                for c in 0..d {
                    g.dw2[(ex * f + j) * d + c] += act[j] * dy[c];
                }
            }
            for c in 0..d {
                g.db2[ex * d + c] += dy[c];
            }
            let dh: Vec<f64> = (0..f)
                .map(|j| {
                    let s: f64 = (0..d)
                        .map(|c| dy[c] * w.w2[(ex * f + j) * d + c] as f64)
                        .sum();
                    s * gelu_grad_f64(h[j])
                })
                .collect();
            for i in 0..d {
                for j in 0..f {
                    g.dw1[(ex * d + i) * f + j] += x[t * d + i] * dh[j];
                }
                g.dx[t * d + i] += (0..f)
                    .map(|j| dh[j] * w.w1[(ex * d + i) * f + j] as f64)
                    .sum::<f64>();
            }
            for j in 0..f {
                g.db1[ex * f + j] += dh[j];
            }
        }
    }
    g
}
