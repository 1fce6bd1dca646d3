//! Causal multi-head self-attention, forward and backward.
//!
//! Shapes (`D = C / H`, `Z = B * H`):
//! - `qkv (B, T, 3C)`: row-major, `q = qkv[.., 0:C]`, `k = qkv[.., C:2C]`, `v = qkv[.., 2C:3C]`;
//!   head `h` uses columns `h*D .. (h+1)*D` of each part (the crate's layout convention: one
//!   `(C, 3C)` input projection, `[q | k | v]`, heads contiguous; docs/ARCHITECTURE.md).
//! - `out (B, T, C)`: the heads' outputs concatenated, head `h` in columns `h*D .. (h+1)*D`.
//! - scratch in [`AttentionBuffers`]: `att (B, H, T, T)` the probabilities (kept for the
//!   backward) and `datt (B, H, T, T)` the score gradients.
//!
//! Forward, per batch `b` and head `h` (`Q, K, V` are `T x D` views into `qkv`):
//! ```text
//! S = scale * Q K^T                       scale = 1 / sqrt(D)
//! P[i, j] = softmax_{j <= i}(S[i, :])     P[i, j] = 0 for j > i (causal)
//! O = P V
//! ```
//! Backward, given `dO` (a `T x D` view into `dout`):
//! ```text
//! dV = P^T dO                  (O = P V: dO/dV_jd = P_ij)
//! dP = dO V^T                  (dO/dP_ij = V_j)
//! dS = scale * P * (dP - rowsum(dP * P))   for j <= i, else 0
//!     (softmax: dP_ij/dS_ik = P_ij (delta_jk - P_ik), so
//!      dS_ik = sum_j dP_ij P_ij (delta_jk - P_ik) = P_ik (dP_ik - sum_j P_ij dP_ij);
//!      the factor scale is the derivative of S = scale * Q K^T, masked entries have P = 0)
//! dQ = dS K                    (S_ij = sum_d Q_id K_jd)
//! dK = dS^T Q
//! ```
//! Heads up to [`FUSED_MAX_D`] wide (the usual case) run fused kernels
//! (`shaders/attention.wgsl`): the forward is one dispatch over the query rows (scores, causal
//! softmax and `P V` in two passes over the keys `j <= i`, writing `P` to `att`); the backward
//! is two: over the query rows `dP`, `dS` (into `datt`) and `dQ`, then over the key rows `dK`
//! and `dV` from column `j` of `P` and `dS`. Every sum is a fixed-order loop in one invocation
//! (deterministic, no atomics) and the masked upper triangle is skipped. Heads up to 32 wide
//! keep each row in registers (8 named `vec4`s) with 4 rows per invocation and `vec4` loads
//! when `D` and `C` are multiples of 4; wider ones use private arrays, one row per invocation.
//! At the sizes of small models this is much faster than batched matmuls, whose cost there is
//! all overhead (on llvmpipe, arithmetic per loaded scalar is what pays).
//!
//! Wider heads use the generic path: the six matmuls go through
//! [`crate::ops::matmul::matmul`], batched over `(b, h)` with `b` as
//! the outer and `h` as the inner batch index (heads interleaved inside the rows of `qkv`), so
//! each `T x T` score matrix is computed once per `(b, h)` on the GPU; the two row-wise softmax
//! kernels are in `shaders/attention.wgsl`. `dqkv` is overwritten (all three parts), like every
//! activation gradient that has one consumer.

use bytemuck::{Pod, Zeroable};

use crate::error::{Error, Result};
use crate::gpu::{Buffers, DType, Dispatch, Gpu, Tensor, Workgroups};
use crate::ops::expect_len;
use crate::ops::matmul::{matmul, MatmulSpec, Strided};
use crate::precision::narrow;

/// Mirrors `Params` in `shaders/attention.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct AttentionParams {
    pub t: u32,
    pub z: u32,
    pub scale: f32,
    pub h: u32,
    pub c: u32,
    pub _pad: [u32; 3],
}

/// Workgroup size of the softmax kernels (a power of two <= 64; see the shader).
const WG: u32 = 64;

/// Largest head width `D` of the fused kernels (`MAXD` in the shader); wider heads take the
/// generic matmul + softmax path.
pub const FUSED_MAX_D: usize = 64;

/// Workgroup size of the fused kernels (one invocation per row).
const FWG: u32 = 32;

/// Head widths up to this use the register kernels (`attention_v32_*`, rows as 8 named
/// `vec4`s); wider ones up to [`FUSED_MAX_D`] use `attention_fused_*` (private arrays).
const V32_MAX_D: usize = 32;

/// Rows per invocation of the `attention_v32_*` kernels (`R` in the shader).
const V32_ROWS: u32 = 4;

/// Dimensions of one attention call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttentionDims {
    pub b: usize,
    pub t: usize,
    pub c: usize,
    pub h: usize,
}

impl AttentionDims {
    /// Head width `D = C / H`.
    pub fn d(&self) -> usize {
        self.c / self.h
    }

    /// `1 / sqrt(D)`.
    pub fn scale(&self) -> f32 {
        (1.0 / (self.d() as f64).sqrt()) as f32
    }

    fn check(&self) -> Result<()> {
        if self.h == 0 || self.c == 0 || !self.c.is_multiple_of(self.h) {
            return Err(Error::shape(
                "attention",
                format!(
                    "C = {} is not a positive multiple of H = {}",
                    self.c, self.h
                ),
            ));
        }
        if self.b == 0 || self.t == 0 {
            return Err(Error::shape(
                "attention",
                format!("B = {} and T = {} must be positive", self.b, self.t),
            ));
        }
        if self.t > 65535 || self.b * self.h > 65535 {
            return Err(Error::shape(
                "attention",
                format!(
                    "T = {} and B * H = {} must be at most 65535",
                    self.t,
                    self.b * self.h
                ),
            ));
        }
        Ok(())
    }
}

/// Scratch owned by one attention layer: `att (B, H, T, T)` (probabilities, saved for the
/// backward) and `datt (B, H, T, T)` (dP, then dS, during the backward).
pub struct AttentionBuffers {
    pub dims: AttentionDims,
    pub att: Tensor,
    pub datt: Tensor,
}

impl AttentionBuffers {
    pub fn new(gpu: &Gpu, b: usize, t: usize, c: usize, h: usize) -> Result<AttentionBuffers> {
        let dims = AttentionDims { b, t, c, h };
        dims.check()?;
        let shape = [b, h, t, t];
        Ok(AttentionBuffers {
            dims,
            att: Tensor::zeros(gpu, &shape, DType::F32, "attention.att")?,
            datt: Tensor::zeros(gpu, &shape, DType::F32, "attention.datt")?,
        })
    }
}

/// Operand view of one `T x D` head of part `part` (0 q, 1 k, 2 v) of `qkv (B, T, 3C)`.
fn qkv_view(d: &AttentionDims, part: usize) -> Strided {
    Strided {
        offset: part * d.c,
        outer: d.t * 3 * d.c,
        inner: d.d(),
        ld: 3 * d.c,
    }
}

/// View of one `T x D` head of a `(B, T, C)` tensor (`out`, `dout`).
fn btc_view(d: &AttentionDims) -> Strided {
    Strided {
        offset: 0,
        outer: d.t * d.c,
        inner: d.d(),
        ld: d.c,
    }
}

/// View of one `T x T` matrix of a `(B, H, T, T)` tensor.
fn att_view(d: &AttentionDims) -> Strided {
    Strided {
        offset: 0,
        outer: d.h * d.t * d.t,
        inner: d.t * d.t,
        ld: d.t,
    }
}

/// `C (m x n) = op(A) op(B)` batched over `(b, h)`.
#[allow(clippy::too_many_arguments)]
fn head_spec(
    d: &AttentionDims,
    m: usize,
    n: usize,
    k: usize,
    trans_a: bool,
    trans_b: bool,
    a: Strided,
    b: Strided,
    c: Strided,
    alpha: f32,
) -> MatmulSpec {
    let mut s = MatmulSpec::new(m, n, k, trans_a, trans_b);
    s.batch = d.b * d.h;
    s.inner = d.h;
    s.a = a;
    s.b = b;
    s.c = c;
    s.alpha = alpha;
    s
}

fn params(d: &AttentionDims) -> AttentionParams {
    AttentionParams {
        t: d.t as u32,
        z: (d.b * d.h) as u32,
        scale: d.scale(),
        h: d.h as u32,
        c: d.c as u32,
        _pad: [0; 3],
    }
}

fn softmax_dispatch(gpu: &Gpu, entry: &str, bufs: &AttentionBuffers) -> Result<Dispatch> {
    let d = &bufs.dims;
    let params = params(d);
    let k = gpu.kernel("attention", entry, &[("WG", WG as f64)])?;
    gpu.dispatch(
        &k,
        &Buffers::new()
            .buf("att_in", &bufs.att.buffer)
            .buf("att", &bufs.att.buffer)
            .buf("datt", &bufs.datt.buffer),
        Some(bytemuck::bytes_of(&params)),
        Workgroups::Direct([d.t as u32, (d.b * d.h) as u32, 1]),
    )
}

/// Whether the fused kernels handle these dimensions (head width at most [`FUSED_MAX_D`]).
pub fn uses_fused(d: &AttentionDims) -> bool {
    d.d() <= FUSED_MAX_D
}

/// One fused kernel over rows `0..T` x batches `0..Z`; `qkv4` and `dout4` are the vec4 views
/// of `qkv` and `dout`.
fn fused_dispatch(
    gpu: &Gpu,
    entry: &str,
    bufs: &AttentionBuffers,
    qkv: &Tensor,
    dout: &Tensor,
    res: &Tensor,
) -> Result<Dispatch> {
    let d = &bufs.dims;
    let params = params(d);
    let (entry, rows) = if d.d() <= V32_MAX_D {
        (format!("attention_v32_{entry}"), V32_ROWS)
    } else {
        (format!("attention_fused_{entry}"), 1)
    };
    let vec4 = d.d().is_multiple_of(4) && d.c.is_multiple_of(4);
    let k = gpu.kernel(
        "attention",
        &entry,
        &[
            ("HD", d.d() as f64),
            ("FWG", FWG as f64),
            ("VEC4", vec4 as u32 as f64),
        ],
    )?;
    gpu.dispatch(
        &k,
        &Buffers::new()
            .buf("att_in", &bufs.att.buffer)
            .buf("att", &bufs.att.buffer)
            .buf("datt", &bufs.datt.buffer)
            .buf("qkv", &qkv.buffer)
            .buf("dout", &dout.buffer)
            .buf("res", &res.buffer)
            .buf("qkv4", &qkv.buffer)
            .buf("dout4", &dout.buffer),
        Some(bytemuck::bytes_of(&params)),
        Workgroups::Direct([(d.t as u32).div_ceil(FWG * rows), (d.b * d.h) as u32, 1]),
    )
}

/// Records the forward: `out (B, T, C)` from `qkv (B, T, 3C)`; leaves the probabilities in
/// `bufs.att` for the backward. One fused dispatch when `D <= FUSED_MAX_D`, else three
/// (scores, softmax, P V).
pub fn attention_forward(
    gpu: &Gpu,
    qkv: &Tensor,
    out: &Tensor,
    bufs: &AttentionBuffers,
) -> Result<Vec<Dispatch>> {
    let d = bufs.dims;
    expect_len("attention", "qkv", qkv, d.b * d.t * 3 * d.c)?;
    expect_len("attention", "out", out, d.b * d.t * d.c)?;
    if uses_fused(&d) {
        return Ok(vec![fused_dispatch(gpu, "forward", bufs, qkv, qkv, out)?]);
    }
    let (t, hd) = (d.t, d.d());
    // S = scale Q K^T
    let scores = head_spec(
        &d,
        t,
        t,
        hd,
        false,
        true,
        qkv_view(&d, 0),
        qkv_view(&d, 1),
        att_view(&d),
        d.scale(),
    );
    // O = P V
    let pv = head_spec(
        &d,
        t,
        hd,
        t,
        false,
        false,
        att_view(&d),
        qkv_view(&d, 2),
        btc_view(&d),
        1.0,
    );
    Ok(vec![
        matmul(gpu, &scores, qkv, qkv, None, &bufs.att)?,
        softmax_dispatch(gpu, "softmax_causal", bufs)?,
        matmul(gpu, &pv, &bufs.att, qkv, None, out)?,
    ])
}

/// Records the backward: overwrites all of `dqkv (B, T, 3C)` from `dout (B, T, C)`, using the
/// probabilities the forward left in `bufs.att`. Two fused dispatches (dS and dQ per query
/// row, then dK and dV per key row) when `D <= FUSED_MAX_D`, else five.
pub fn attention_backward(
    gpu: &Gpu,
    qkv: &Tensor,
    dout: &Tensor,
    dqkv: &Tensor,
    bufs: &AttentionBuffers,
) -> Result<Vec<Dispatch>> {
    let d = bufs.dims;
    expect_len("attention", "qkv", qkv, d.b * d.t * 3 * d.c)?;
    expect_len("attention", "dout", dout, d.b * d.t * d.c)?;
    expect_len("attention", "dqkv", dqkv, d.b * d.t * 3 * d.c)?;
    if uses_fused(&d) {
        return Ok(vec![
            fused_dispatch(gpu, "backward_q", bufs, qkv, dout, dqkv)?,
            fused_dispatch(gpu, "backward_kv", bufs, qkv, dout, dqkv)?,
        ]);
    }
    let (t, hd) = (d.t, d.d());
    let (att, q, k, v, o) = (
        att_view(&d),
        qkv_view(&d, 0),
        qkv_view(&d, 1),
        qkv_view(&d, 2),
        btc_view(&d),
    );
    // dV = P^T dO
    let dv = head_spec(&d, t, hd, t, true, false, att, o, v, 1.0);
    // dP = dO V^T
    let dp = head_spec(&d, t, t, hd, false, true, o, v, att, 1.0);
    // dQ = dS K
    let dq = head_spec(&d, t, hd, t, false, false, att, k, q, 1.0);
    // dK = dS^T Q
    let dk = head_spec(&d, t, hd, t, true, false, att, q, k, 1.0);
    Ok(vec![
        matmul(gpu, &dv, &bufs.att, dout, None, dqkv)?,
        matmul(gpu, &dp, dout, qkv, None, &bufs.datt)?,
        softmax_dispatch(gpu, "softmax_causal_backward", bufs)?,
        matmul(gpu, &dq, &bufs.datt, qkv, None, dqkv)?,
        matmul(gpu, &dk, &bufs.datt, qkv, None, dqkv)?,
    ])
}

/// CPU reference forward (f64 accumulation): returns `(out (B, T, C), att (B, H, T, T))`.
pub fn attention_forward_cpu(d: &AttentionDims, qkv: &[f32]) -> Result<(Vec<f32>, Vec<f32>)> {
    let qkv: Vec<f64> = qkv.iter().map(|&x| x as f64).collect();
    let (out, att) = attention_forward_f64(d, &qkv)?;
    Ok((narrow(&out), narrow(&att)))
}

/// CPU reference backward (f64 accumulation): `dqkv (B, T, 3C)` from `qkv` and `dout`.
pub fn attention_backward_cpu(d: &AttentionDims, qkv: &[f32], dout: &[f32]) -> Result<Vec<f32>> {
    let qkv: Vec<f64> = qkv.iter().map(|&x| x as f64).collect();
    let dout: Vec<f64> = dout.iter().map(|&x| x as f64).collect();
    Ok(narrow(&attention_backward_f64(d, &qkv, &dout)?))
}

/// The forward entirely in f64 (for finite-difference checks): `(out, att)`.
pub fn attention_forward_f64(d: &AttentionDims, qkv: &[f64]) -> Result<(Vec<f64>, Vec<f64>)> {
    d.check()?;
    let (b, t, c, h, hd) = (d.b, d.t, d.c, d.h, d.d());
    if qkv.len() != b * t * 3 * c {
        return Err(Error::shape("attention_forward_cpu", "qkv length"));
    }
    let scale = 1.0 / (hd as f64).sqrt();
    let at = |bb: usize, tt: usize, part: usize, hh: usize, dd: usize| {
        qkv[(bb * t + tt) * 3 * c + part * c + hh * hd + dd]
    };
    let mut out = vec![0.0f64; b * t * c];
    let mut att = vec![0.0f64; b * h * t * t];
    let mut row = vec![0.0f64; t];
    for bb in 0..b {
        for hh in 0..h {
            for i in 0..t {
                let mut m = f64::NEG_INFINITY;
                for (j, r) in row.iter_mut().enumerate().take(i + 1) {
                    let mut s = 0.0;
                    for dd in 0..hd {
                        s += at(bb, i, 0, hh, dd) * at(bb, j, 1, hh, dd);
                    }
                    *r = s * scale;
                    m = m.max(*r);
                }
                let mut sum = 0.0;
                for r in row.iter_mut().take(i + 1) {
                    *r = (*r - m).exp();
                    sum += *r;
                }
                let abase = ((bb * h + hh) * t + i) * t;
                for r in row.iter_mut().take(i + 1) {
                    *r /= sum;
                }
                att[abase..abase + i + 1].copy_from_slice(&row[..i + 1]);
                for dd in 0..hd {
                    let mut o = 0.0;
                    for (j, &pj) in row.iter().enumerate().take(i + 1) {
                        o += pj * at(bb, j, 2, hh, dd);
                    }
                    out[(bb * t + i) * c + hh * hd + dd] = o;
                }
            }
        }
    }
    Ok((out, att))
}

/// The backward entirely in f64 (for finite-difference checks): `dqkv`.
pub fn attention_backward_f64(d: &AttentionDims, qkv: &[f64], dout: &[f64]) -> Result<Vec<f64>> {
    let (_, att) = attention_forward_f64(d, qkv)?;
    let (b, t, c, h, hd) = (d.b, d.t, d.c, d.h, d.d());
    if dout.len() != b * t * c {
        return Err(Error::shape("attention_backward_cpu", "dout length"));
    }
    let scale = 1.0 / (hd as f64).sqrt();
    let qi = |bb: usize, tt: usize, part: usize, hh: usize, dd: usize| {
        (bb * t + tt) * 3 * c + part * c + hh * hd + dd
    };
    let oi = |bb: usize, tt: usize, hh: usize, dd: usize| (bb * t + tt) * c + hh * hd + dd;
    let mut dqkv = vec![0.0f64; qkv.len()];
    let mut ds = vec![0.0f64; t];
    for bb in 0..b {
        for hh in 0..h {
            let abase = (bb * h + hh) * t * t;
            let p = |i: usize, j: usize| att[abase + i * t + j];
            for i in 0..t {
                // dP[i, j] = dO_i . V_j, then dS (times scale)
                let mut dot = 0.0;
                for (j, dsj) in ds.iter_mut().enumerate().take(i + 1) {
                    let mut s = 0.0;
                    for dd in 0..hd {
                        s += dout[oi(bb, i, hh, dd)] * qkv[qi(bb, j, 2, hh, dd)];
                    }
                    *dsj = s;
                    dot += s * p(i, j);
                }
                for (j, dsj) in ds.iter_mut().enumerate().take(i + 1) {
                    *dsj = scale * p(i, j) * (*dsj - dot);
                }
                for j in 0..=i {
                    for dd in 0..hd {
                        // dV_j += P_ij dO_i
                        dqkv[qi(bb, j, 2, hh, dd)] += p(i, j) * dout[oi(bb, i, hh, dd)];
                        // dQ_i += dS_ij K_j ; dK_j += dS_ij Q_i
                        dqkv[qi(bb, i, 0, hh, dd)] += ds[j] * qkv[qi(bb, j, 1, hh, dd)];
                        dqkv[qi(bb, j, 1, hh, dd)] += ds[j] * qkv[qi(bb, i, 0, hh, dd)];
                    }
                }
            }
        }
    }
    Ok(dqkv)
}
