//! The f64 CPU reference of the gates, laid out like the GPU buffers: [`forward_cpu`] runs one
//! function per entry point of `shaders/gate.wgsl` (the router input and logits, then per token
//! the shared softmax and the DTS, top-2 or Switch routing of `gate_forward`, or `gate_hash`,
//! then the statistics of `gate_stats`), [`backward_cpu`] the gradients derived in the module
//! doc of [`crate::moe::gate`].

use super::{
    gumbel_cpu, hash_table, jitter_cpu, stats_len, GateConfig, GateKind, GateState, MASK_SEL,
    MASK_TOP, STAT_BALANCE_LOSS, STAT_BALANCE_RAW, STAT_DROPPED, STAT_EXPERTS_PER_TOKEN,
    STAT_HEADER, STAT_STEP, STAT_TAU, STAT_Z_LOSS, STAT_Z_RAW,
};
use crate::error::{Error, Result};
use crate::moe::NONE;

/// Everything the CPU reference computes, in f64, laid out like the GPU buffers.
#[derive(Clone, Debug)]
pub struct GateCpu {
    pub n_tokens: usize,
    pub d_model: usize,
    pub n_experts: usize,
    pub k: usize,
    /// Jitter factors `N x D` (all 1 without jitter).
    pub jitter: Vec<f64>,
    /// Router input `xj = x * jitter`, `N x D`.
    pub xj: Vec<f64>,
    pub logits: Vec<f64>,
    pub probs: Vec<f64>,
    pub mask: Vec<u32>,
    pub sel_expert: Vec<u32>,
    pub sel_weight: Vec<f64>,
    pub stats: Vec<f64>,
    /// Smallest distance of any routing decision from its tie (logit gaps, `|p - gamma| /
    /// gamma`): GPU and CPU routing agree when it is well above f32 rounding.
    pub margin: f64,
}

fn gap_top2(v: impl Iterator<Item = f64>) -> f64 {
    let (mut a, mut b) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    for x in v {
        if x > a {
            b = a;
            a = x;
        } else if x > b {
            b = x;
        }
    }
    if b == f64::NEG_INFINITY {
        f64::INFINITY
    } else {
        a - b
    }
}

fn argmax_first(v: impl Iterator<Item = f64>) -> usize {
    let mut best = f64::NEG_INFINITY;
    let mut arg = 0;
    for (i, x) in v.enumerate() {
        if i == 0 || x > best {
            best = x;
            arg = i;
        }
    }
    arg
}

/// The CPU forward in f64. `fixed`: reuse that forward's routing (mask and slots) and only
/// recompute the differentiable values, which is what the finite-difference check needs.
///
/// A dispatcher over the steps of the GPU forward: `hash_cpu` (`gate_hash`) or `logits_cpu`
/// (`gate_jitter` and the router GEMM) then, per token, `softmax_cpu` and `dts_cpu`,
/// `top2_cpu` or `switch_cpu` (the branches of `gate_forward`), then `stats_cpu`
/// (`gate_stats`, `gate_stats_final`).
#[allow(clippy::too_many_arguments)]
pub fn forward_cpu(
    cfg: &GateConfig,
    st: &GateState,
    n: usize,
    d: usize,
    e: usize,
    x: &[f64],
    w_g: Option<&[f64]>,
    tokens: Option<&[u32]>,
    fixed: Option<&GateCpu>,
) -> Result<GateCpu> {
    cfg.validate()?;
    let k = cfg.k(e);
    let mut out = GateCpu {
        n_tokens: n,
        d_model: d,
        n_experts: e,
        k,
        jitter: vec![1.0; n * d],
        xj: Vec::new(),
        logits: vec![0.0; n * e],
        probs: vec![0.0; n * (2 * e + 1)],
        mask: vec![0; n * e],
        sel_expert: vec![NONE; n * k],
        sel_weight: vec![0.0; n * k],
        stats: vec![0.0; stats_len(e)],
        margin: f64::INFINITY,
    };
    if let Some(f) = fixed {
        if (f.n_tokens, f.n_experts, f.k) != (n, e, k) {
            return Err(Error::shape(OP, "fixed routing has other dimensions"));
        }
    }
    let cx = Fwd { cfg, st, fixed };
    if cfg.kind == GateKind::Hash {
        hash_cpu(&cx, tokens, &mut out)?;
    } else {
        let logits = logits_cpu(&cx, x, w_g, &mut out)?;
        for t in 0..n {
            let h = &logits[t * e..(t + 1) * e];
            let top_h = softmax_cpu(&mut out, t, h);
            let margin = match cfg.kind {
                GateKind::Dts if !st.eval => dts_cpu(&cx, &mut out, t, h),
                GateKind::Top2 => top2_cpu(&cx, &mut out, t, h, top_h),
                // Switch, and DTS at evaluation.
                _ => switch_cpu(&cx, &mut out, t, h, top_h),
            };
            out.margin = out.margin.min(margin);
        }
        out.logits = logits;
    }
    if let Some(f) = fixed {
        out.sel_expert = f.sel_expert.clone();
        out.mask = f.mask.clone();
    }
    stats_cpu(&cx, &mut out);
    Ok(out)
}

const OP: &str = "gate forward_cpu";

/// What every step of the CPU forward reads besides the buffers of [`GateCpu`].
struct Fwd<'a> {
    cfg: &'a GateConfig,
    st: &'a GateState,
    /// The routing to reuse (see [`forward_cpu`]).
    fixed: Option<&'a GateCpu>,
}

impl Fwd<'_> {
    /// Gumbel noise of (token, expert), 0 with the noise off (`gumbel` in gate.wgsl).
    fn gumbel(&self, t: usize, j: usize) -> f64 {
        if self.st.noise_on() {
            gumbel_cpu(self.cfg.seed, self.st.step, t as u32, j as u32)
        } else {
            0.0
        }
    }
}

/// `gate_hash`: expert `table[token % vocab]` with weight 1.
fn hash_cpu(cx: &Fwd, tokens: Option<&[u32]>, out: &mut GateCpu) -> Result<()> {
    let (n, e) = (out.n_tokens, out.n_experts);
    let tokens = tokens.ok_or_else(|| Error::shape(OP, "Hash needs tokens"))?;
    if tokens.len() != n {
        return Err(Error::shape(OP, "tokens must have N elements"));
    }
    let table = hash_table(cx.cfg.seed, cx.cfg.hash_vocab, e);
    for (t, &token) in tokens.iter().enumerate() {
        let ex = table[token as usize % table.len()];
        out.sel_expert[t] = ex;
        out.sel_weight[t] = 1.0;
        out.mask[t * e + ex as usize] = MASK_SEL | MASK_TOP;
    }
    Ok(())
}

/// `gate_jitter` and the router GEMM: fills `out.jitter` and `out.xj`, returns `h = xj W_g`.
fn logits_cpu(cx: &Fwd, x: &[f64], w_g: Option<&[f64]>, out: &mut GateCpu) -> Result<Vec<f64>> {
    let (n, d, e) = (out.n_tokens, out.d_model, out.n_experts);
    let (cfg, st) = (cx.cfg, cx.st);
    let w = w_g.ok_or_else(|| Error::shape(OP, "needs W_g"))?;
    if x.len() != n * d || w.len() != d * e {
        return Err(Error::shape(OP, "x must be N x D and W_g D x E"));
    }
    if cfg.jitter > 0.0 && st.noise_on() {
        for t in 0..n {
            for c in 0..d {
                out.jitter[t * d + c] =
                    jitter_cpu(cfg.seed, st.step, t as u32, c as u32, cfg.jitter);
            }
        }
    }
    out.xj = x.iter().zip(&out.jitter).map(|(a, b)| a * b).collect();
    let mut logits = vec![0.0; n * e];
    for t in 0..n {
        for j in 0..e {
            logits[t * e + j] = (0..d).map(|c| out.xj[t * d + c] * w[c * e + j]).sum();
        }
    }
    Ok(logits)
}

/// The start of `gate_forward` for token `t` with logits `h`: `q = softmax(h)` in both halves
/// of its `probs` row, `logsumexp(h)` after them; returns `argmax h` (the first maximum).
fn softmax_cpu(out: &mut GateCpu, t: usize, h: &[f64]) -> usize {
    let e = out.n_experts;
    let pb = t * (2 * e + 1);
    let hmax = h.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let sum: f64 = h.iter().map(|v| (v - hmax).exp()).sum();
    let top_h = argmax_first(h.iter().cloned());
    for (j, hj) in h.iter().enumerate() {
        let q = (hj - hmax).exp() / sum;
        out.probs[pb + j] = q;
        out.probs[pb + e + j] = q;
    }
    out.probs[pb + 2 * e] = hmax + sum.ln();
    top_h
}

/// `gate_forward`'s DTS branch (training) for token `t`: `p = softmax((h + g) / tau)`, its
/// arg-max plus every `p_e > gamma` (unless hard top-1), weights from `q` or `p`. Returns the
/// token's routing margin.
fn dts_cpu(cx: &Fwd, out: &mut GateCpu, t: usize, h: &[f64]) -> f64 {
    let (e, k) = (out.n_experts, out.k);
    let (pb, sb) = (t * (2 * e + 1), t * k);
    let tau = cx.st.tau as f64;
    let mut margin = f64::INFINITY;
    let z: Vec<f64> = (0..e).map(|j| (h[j] + cx.gumbel(t, j)) / tau).collect();
    let zmax = z.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let zs: f64 = z.iter().map(|v| (v - zmax).exp()).sum();
    for (j, zj) in z.iter().enumerate() {
        out.probs[pb + e + j] = (zj - zmax).exp() / zs;
    }
    let top = argmax_first(z.iter().cloned());
    // In logit units (z tau), so a huge temperature is not a near tie.
    margin = margin.min(gap_top2(z.iter().cloned()) * tau);
    let src = if cx.cfg.gumbel_gates { pb + e } else { pb };
    if cx.fixed.is_none() {
        out.sel_expert[sb] = top as u32;
        out.mask[t * e + top] = MASK_SEL | MASK_TOP;
        if !cx.st.hard_top1 {
            let mut slot = 1;
            for j in 0..e {
                if j == top {
                    continue;
                }
                let p = out.probs[pb + e + j];
                let gamma = cx.cfg.gamma as f64;
                margin = margin.min((p - gamma).abs() / gamma.max(1e-30));
                if p > gamma {
                    out.sel_expert[sb + slot] = j as u32;
                    out.mask[t * e + j] = MASK_SEL;
                    slot += 1;
                }
            }
        }
    }
    // Weights of whatever is selected (ours or the fixed routing's).
    let sel = cx.fixed.map_or(&out.sel_expert, |f| &f.sel_expert);
    for s in 0..k {
        let ex = sel[sb + s];
        if ex != NONE {
            out.sel_weight[sb + s] = out.probs[src + ex as usize];
        }
    }
    margin
}

/// `gate_forward`'s top-2 branch for token `t`: `argmax h`, then the arg-max of the noisy
/// `h + g` over the other experts; weights `q` renormalised over the pair. Returns the margin.
fn top2_cpu(cx: &Fwd, out: &mut GateCpu, t: usize, h: &[f64], top_h: usize) -> f64 {
    let (e, k) = (out.n_experts, out.k);
    let (pb, sb) = (t * (2 * e + 1), t * k);
    let mut margin = f64::INFINITY;
    let y: Vec<f64> = (0..e).map(|j| h[j] + cx.gumbel(t, j)).collect();
    out.probs[pb + e..pb + 2 * e].copy_from_slice(&y);
    margin = margin.min(gap_top2(h.iter().cloned()));
    margin = margin.min(gap_top2(
        y.iter()
            .enumerate()
            .filter(|(j, _)| *j != top_h)
            .map(|(_, v)| *v),
    ));
    if cx.fixed.is_none() {
        out.sel_expert[sb] = top_h as u32;
        out.mask[t * e + top_h] = MASK_SEL | MASK_TOP;
        if e > 1 {
            let mut second = NONE;
            let mut best = f64::NEG_INFINITY;
            for (j, &v) in y.iter().enumerate() {
                if j != top_h && (second == NONE || v > best) {
                    best = v;
                    second = j as u32;
                }
            }
            out.sel_expert[sb + 1] = second;
            out.mask[t * e + second as usize] = MASK_SEL;
        }
    }
    let sel = cx.fixed.map_or(&out.sel_expert, |f| &f.sel_expert);
    let (a, b) = (sel[sb], sel[sb + 1]);
    if b == NONE {
        out.sel_weight[sb] = 1.0;
    } else {
        let qa = out.probs[pb + a as usize];
        let qb = out.probs[pb + b as usize];
        out.sel_weight[sb] = qa / (qa + qb);
        out.sel_weight[sb + 1] = qb / (qa + qb);
    }
    margin
}

/// `gate_forward`'s last branch for token `t` (Switch, and DTS at evaluation): `argmax h` with
/// weight `q`. Returns the margin.
fn switch_cpu(cx: &Fwd, out: &mut GateCpu, t: usize, h: &[f64], top_h: usize) -> f64 {
    let (e, k) = (out.n_experts, out.k);
    let (pb, sb) = (t * (2 * e + 1), t * k);
    let mut margin = f64::INFINITY;
    margin = margin.min(gap_top2(h.iter().cloned()));
    if cx.fixed.is_none() {
        out.sel_expert[sb] = top_h as u32;
        out.mask[t * e + top_h] = MASK_SEL | MASK_TOP;
    }
    let sel = cx.fixed.map_or(&out.sel_expert, |f| &f.sel_expert);
    out.sel_weight[sb] = out.probs[pb + sel[sb] as usize];
    margin
}

/// `gate_stats` and `gate_stats_final`: per-expert load, balance fractions and means, the
/// losses and the header of `out.stats` (see the `STAT_*` constants).
fn stats_cpu(cx: &Fwd, out: &mut GateCpu) {
    let (cfg, st) = (cx.cfg, cx.st);
    let (n, e) = (out.n_tokens, out.n_experts);
    let row = 2 * e + 1;
    let (bc, zc) = cfg.coefs();
    let use_p = cfg.kind == GateKind::Dts && cfg.gumbel_gates && !st.eval;
    let nf = n as f64;
    for j in 0..e {
        let (mut load, mut frac, mut mean) = (0.0, 0.0, 0.0);
        for t in 0..n {
            let m = out.mask[t * e + j];
            let sel = (m & MASK_SEL) as f64;
            let top = ((m & MASK_TOP) >> 1) as f64;
            load += sel;
            match cfg.kind {
                GateKind::Dts => {
                    frac += sel;
                    mean += sel * out.probs[t * row + if use_p { e } else { 0 } + j];
                }
                GateKind::Hash => {
                    frac += sel;
                    mean += sel;
                }
                _ => {
                    frac += top;
                    mean += out.probs[t * row + j];
                }
            }
        }
        out.stats[STAT_HEADER + j] = load / nf;
        out.stats[STAT_HEADER + e + j] = frac / nf;
        out.stats[STAT_HEADER + 2 * e + j] = mean / nf;
    }
    let z_raw = if cfg.kind == GateKind::Hash {
        0.0
    } else {
        (0..n)
            .map(|t| out.probs[t * row + 2 * e].powi(2))
            .sum::<f64>()
            / nf
    };
    let raw = e as f64
        * (0..e)
            .map(|j| out.stats[STAT_HEADER + e + j] * out.stats[STAT_HEADER + 2 * e + j])
            .sum::<f64>();
    out.stats[STAT_BALANCE_LOSS] = bc as f64 * raw;
    out.stats[STAT_Z_LOSS] = zc as f64 * z_raw;
    out.stats[STAT_EXPERTS_PER_TOKEN] = (0..e).map(|j| out.stats[STAT_HEADER + j]).sum();
    out.stats[STAT_DROPPED] = 0.0;
    out.stats[STAT_BALANCE_RAW] = raw;
    out.stats[STAT_Z_RAW] = z_raw;
    out.stats[STAT_TAU] = st.tau as f64;
    out.stats[STAT_STEP] = st.step as f64;
}

/// The CPU backward in f64: `(dlogits N x E, dx N x D, dw_g D x E)`, not accumulated.
pub fn backward_cpu(
    cfg: &GateConfig,
    st: &GateState,
    fwd: &GateCpu,
    w_g: &[f64],
    dsel: &[f64],
) -> Result<(Vec<f64>, Vec<f64>, Vec<f64>)> {
    let (n, d, e, k) = (fwd.n_tokens, fwd.d_model, fwd.n_experts, fwd.k);
    if cfg.kind == GateKind::Hash {
        return Ok((vec![0.0; n * e], vec![0.0; n * d], vec![0.0; d * e]));
    }
    if dsel.len() != n * k || w_g.len() != d * e {
        return Err(Error::shape("gate backward_cpu", "dsel N x K, W_g D x E"));
    }
    let (bc, zc) = cfg.coefs();
    let row = 2 * e + 1;
    let use_p = cfg.kind == GateKind::Dts && cfg.gumbel_gates && !st.eval;
    let scale = if use_p { 1.0 / st.tau as f64 } else { 1.0 };
    let nf = n as f64;
    let mut dh = vec![0.0; n * e];
    for t in 0..n {
        let pb = t * row;
        let src = if use_p { pb + e } else { pb };
        let sb = t * k;
        let mut ds = vec![0.0; e];
        if cfg.kind == GateKind::Top2 {
            let (a, b) = (fwd.sel_expert[sb], fwd.sel_expert[sb + 1]);
            if b != NONE {
                let (a, b) = (a as usize, b as usize);
                let (qa, qb) = (fwd.probs[pb + a], fwd.probs[pb + b]);
                let s2 = (qa + qb) * (qa + qb);
                let dd = dsel[sb] - dsel[sb + 1];
                ds[a] += qb * dd / s2;
                ds[b] -= qa * dd / s2;
            }
        } else {
            for s in 0..k {
                let ex = fwd.sel_expert[sb + s];
                if ex != NONE {
                    ds[ex as usize] += dsel[sb + s];
                }
            }
        }
        if bc != 0.0 {
            let c = bc as f64 * e as f64 / nf;
            for (j, dsj) in ds.iter_mut().enumerate() {
                let masked = cfg.kind == GateKind::Dts && fwd.mask[t * e + j] & MASK_SEL == 0;
                if !masked {
                    *dsj += c * fwd.stats[STAT_HEADER + e + j];
                }
            }
        }
        let dot: f64 = (0..e).map(|j| fwd.probs[src + j] * ds[j]).sum();
        let zg = 2.0 * zc as f64 * fwd.probs[pb + 2 * e] / nf;
        for j in 0..e {
            dh[t * e + j] = scale * fwd.probs[src + j] * (ds[j] - dot) + zg * fwd.probs[pb + j];
        }
    }
    let mut dx = vec![0.0; n * d];
    let mut dw = vec![0.0; d * e];
    for t in 0..n {
        for c in 0..d {
            let acc: f64 = (0..e).map(|j| dh[t * e + j] * w_g[c * e + j]).sum();
            dx[t * d + c] = fwd.jitter[t * d + c] * acc;
        }
    }
    for c in 0..d {
        for j in 0..e {
            dw[c * e + j] = (0..n).map(|t| fwd.xj[t * d + c] * dh[t * e + j]).sum();
        }
    }
    Ok((dh, dx, dw))
}
