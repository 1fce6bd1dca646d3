//! AdamW with decoupled weight decay, and global gradient-norm clipping.
//!
//! One optimizer step for a parameter tensor `p` with gradient `g` and moments `m`, `v` (all the
//! same length), at step `t = 1, 2, ...` and clip factor `c`:
//! ```text
//! g' = c * g
//! m  = beta1 * m + (1 - beta1) * g'
//! v  = beta2 * v + (1 - beta2) * g'^2
//! p  = p - lr * ( (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps) + wd * p )
//! ```
//! (Loshchilov & Hutter's decoupled decay, as in PyTorch's `AdamW`: `p (1 - lr wd) - lr * adam`;
//! `wd` applies only to tensors recorded with `decay = true`, usually matrices, not biases, norms
//! or embeddings' positional tables; the caller decides.)
//!
//! Clipping: [`grad_norm`] computes `||g|| = sqrt(sum over all gradient tensors of g^2)` on the
//! GPU and stores `norm[0] = c = min(1, max_norm / (||g|| + 1e-6))` (`c = 1` when
//! `max_norm <= 0`) and `norm[1] = ||g||`; [`adamw`] reads `c` from `norm[0]` when
//! `cfg.max_grad_norm > 0`, so the step never reads anything back. The norm is reduced in a
//! fixed order (per-tensor partial sums from a number of workgroups fixed by the tensor's
//! size, then one final workgroup), so it is bit-reproducible. `norm` needs [`grad_norm_len`] elements.
//!
//! The gradient of this op is not needed (it is the optimizer). The step counter and the
//! scheduled learning rate change every step: [`adamw_set_step`] rewrites the dispatch's
//! uniform, so the recorded dispatch is replayed without new buffers.

use bytemuck::{Pod, Zeroable};

use crate::error::{Error, Result};
use crate::gpu::{Buffers, DType, Dispatch, Gpu, Tensor, Workgroups};
use crate::ops::flag_if;

/// Hyperparameters of AdamW and clipping.
#[derive(Clone, Copy, Debug)]
pub struct AdamwConfig {
    pub lr: f32,
    pub beta1: f32,
    pub beta2: f32,
    pub eps: f32,
    pub weight_decay: f32,
    /// Global gradient-norm clipping threshold; `<= 0` disables clipping.
    pub max_grad_norm: f32,
}

impl Default for AdamwConfig {
    fn default() -> Self {
        AdamwConfig {
            lr: 3e-4,
            beta1: 0.9,
            beta2: 0.95,
            eps: 1e-8,
            weight_decay: 0.1,
            max_grad_norm: 1.0,
        }
    }
}

/// [`AdamwParams::flags`] bit: apply weight decay (`FLAG_DECAY` in `shaders/adamw.wgsl`).
pub const FLAG_DECAY: u32 = 1;
/// [`AdamwParams::flags`] bit: multiply the gradient by the clip factor `norm[0]` (`FLAG_CLIP`).
pub const FLAG_CLIP: u32 = 2;

/// Mirrors `Params` in `shaders/adamw.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct AdamwParams {
    pub n: u32,
    /// [`FLAG_DECAY`], [`FLAG_CLIP`].
    pub flags: u32,
    pub lr: f32,
    pub beta1: f32,
    pub beta2: f32,
    pub eps: f32,
    pub weight_decay: f32,
    /// `1 - beta1^t`
    pub bc1: f32,
    /// `1 - beta2^t`
    pub bc2: f32,
    pub _pad: [u32; 3],
}

impl AdamwParams {
    /// The uniform for step `step` (>= 1; 0 is treated as 1) at learning rate `lr`.
    pub fn new(cfg: &AdamwConfig, n: usize, decay: bool, step: u32, lr: f32) -> AdamwParams {
        let t = step.max(1) as i32;
        AdamwParams {
            n: n as u32,
            flags: flag_if(decay, FLAG_DECAY) | flag_if(cfg.max_grad_norm > 0.0, FLAG_CLIP),
            lr,
            beta1: cfg.beta1,
            beta2: cfg.beta2,
            eps: cfg.eps,
            weight_decay: cfg.weight_decay,
            bc1: (1.0 - (cfg.beta1 as f64).powi(t)) as f32,
            bc2: (1.0 - (cfg.beta2 as f64).powi(t)) as f32,
            _pad: [0; 3],
        }
    }
}

/// Mirrors `NormParams` in `shaders/adamw.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct NormParams {
    pub n: u32,
    pub base: u32,
    pub max_norm: f32,
    pub _pad: u32,
}

const WG: u32 = 256;

/// Workgroup size of the gradient-norm kernels.
const NORM_WG: u32 = 64;

/// Most workgroups (hence partial sums) per gradient tensor in [`grad_norm`] (`PARTS` in the
/// shader).
pub const GRAD_NORM_PARTS: usize = 64;

/// Elements per gradient-norm workgroup: a tensor of `n` elements gets
/// `clamp(ceil(n / GRAD_NORM_CHUNK), 1, GRAD_NORM_PARTS)` workgroups, so small tensors (biases,
/// norms) cost one small workgroup instead of [`GRAD_NORM_PARTS`].
pub const GRAD_NORM_CHUNK: usize = 4096;

/// Length of the `norm` tensor for `num_tensors` gradient tensors: `[clip, norm]` followed by
/// [`GRAD_NORM_PARTS`] partial sums per tensor.
pub fn grad_norm_len(num_tensors: usize) -> usize {
    2 + num_tensors * GRAD_NORM_PARTS
}

fn check_f32(op: &str, what: &str, t: &Tensor, n: usize) -> Result<()> {
    if t.dtype != DType::F32 || t.numel() != n {
        return Err(Error::shape(
            op,
            format!(
                "{what} must be f32 with {n} elements, is {:?} {:?}",
                t.dtype, t.shape
            ),
        ));
    }
    Ok(())
}

fn check_norm(op: &str, norm: &Tensor, min: usize) -> Result<()> {
    if norm.dtype != DType::F32 || norm.numel() < min {
        return Err(Error::shape(
            op,
            format!(
                "norm must be f32 with at least {min} elements, is {:?} {:?}",
                norm.dtype, norm.shape
            ),
        ));
    }
    Ok(())
}

/// Records one AdamW step for `p` (updating `p`, `m`, `v` in place from `g`), at step 1 with
/// `cfg.lr`; call [`adamw_set_step`] before each later step. With `cfg.max_grad_norm > 0` the
/// gradient is scaled by `norm[0]` (written by [`grad_norm`] earlier in the same step).
#[allow(clippy::too_many_arguments)]
pub fn adamw(
    gpu: &Gpu,
    cfg: &AdamwConfig,
    p: &Tensor,
    g: &Tensor,
    m: &Tensor,
    v: &Tensor,
    decay: bool,
    norm: &Tensor,
) -> Result<Dispatch> {
    let n = p.numel();
    check_f32("adamw", "p", p, n)?;
    check_f32("adamw", "g", g, n)?;
    check_f32("adamw", "m", m, n)?;
    check_f32("adamw", "v", v, n)?;
    check_norm("adamw", norm, 1)?;
    let params = AdamwParams::new(cfg, n, decay, 1, cfg.lr);
    let k = gpu.kernel("adamw", "adamw", &[("WG", WG as f64)])?;
    gpu.dispatch(
        &k,
        &Buffers::new()
            .buf("g", &g.buffer)
            .buf("param", &p.buffer)
            .buf("m1", &m.buffer)
            .buf("m2", &v.buffer)
            .buf("norm_in", &norm.buffer),
        Some(bytemuck::bytes_of(&params)),
        Workgroups::linear(n, WG),
    )
}

/// Sets the step counter (1-based) and the scheduled learning rate of a dispatch recorded by
/// [`adamw`] for a tensor of `n` elements; `cfg` and `decay` must be those it was recorded with.
/// Takes effect at the next submit.
pub fn adamw_set_step(
    gpu: &Gpu,
    d: &Dispatch,
    cfg: &AdamwConfig,
    n: usize,
    decay: bool,
    step: u32,
    lr: f32,
) {
    let params = AdamwParams::new(cfg, n, decay, step, lr);
    d.set_params(gpu, bytemuck::bytes_of(&params));
}

/// Records the global gradient norm over `grads`: one dispatch per tensor (partial sums), then a
/// final one writing `norm[0]` (clip factor) and `norm[1]` (the norm). `norm` needs at least
/// `grad_norm_len(grads.len())` elements.
pub fn grad_norm(
    gpu: &Gpu,
    grads: &[&Tensor],
    norm: &Tensor,
    max_norm: f32,
) -> Result<Vec<Dispatch>> {
    check_norm("grad_norm", norm, grad_norm_len(grads.len()))?;
    let ov = [("WG", NORM_WG as f64)];
    let partial = gpu.kernel("adamw", "grad_norm_partial", &ov)?;
    let fin = gpu.kernel("adamw", "grad_norm_final", &ov)?;
    let mut out = Vec::with_capacity(grads.len() + 1);
    for (i, g) in grads.iter().enumerate() {
        if g.dtype != DType::F32 {
            return Err(Error::shape(
                "grad_norm",
                format!("gradient {i} is {:?}, not f32", g.dtype),
            ));
        }
        let parts = g
            .numel()
            .div_ceil(GRAD_NORM_CHUNK)
            .clamp(1, GRAD_NORM_PARTS);
        let params = NormParams {
            n: g.numel() as u32,
            base: (2 + i * GRAD_NORM_PARTS) as u32,
            max_norm,
            _pad: 0,
        };
        out.push(gpu.dispatch(
            &partial,
            &Buffers::new().buf("g", &g.buffer).buf("norm", &norm.buffer),
            Some(bytemuck::bytes_of(&params)),
            Workgroups::Direct([parts as u32, 1, 1]),
        )?);
    }
    let params = NormParams {
        n: (grads.len() * GRAD_NORM_PARTS) as u32,
        base: 2,
        max_norm,
        _pad: 0,
    };
    out.push(gpu.dispatch(
        &fin,
        &Buffers::new().buf("norm", &norm.buffer),
        Some(bytemuck::bytes_of(&params)),
        Workgroups::Direct([1, 1, 1]),
    )?);
    Ok(out)
}

/// CPU reference of [`grad_norm`] (f64): `(clip factor, norm)`.
pub fn grad_norm_cpu(grads: &[&[f32]], max_norm: f32) -> (f32, f32) {
    let s: f64 = grads
        .iter()
        .flat_map(|g| g.iter())
        .map(|&x| x as f64 * x as f64)
        .sum();
    let norm = s.sqrt();
    let clip = if max_norm > 0.0 {
        (max_norm as f64 / (norm + 1e-6)).min(1.0)
    } else {
        1.0
    };
    (clip as f32, norm as f32)
}

/// CPU reference of one [`adamw`] step (f64 arithmetic per element), updating `p`, `m`, `v`.
/// `clip` is the factor `norm[0]`; it is ignored when `cfg.max_grad_norm <= 0`, like the GPU.
#[allow(clippy::too_many_arguments)]
pub fn adamw_cpu(
    cfg: &AdamwConfig,
    p: &mut [f32],
    g: &[f32],
    m: &mut [f32],
    v: &mut [f32],
    decay: bool,
    clip: f32,
    step: u32,
    lr: f32,
) -> Result<()> {
    let n = p.len();
    if g.len() != n || m.len() != n || v.len() != n {
        return Err(Error::shape("adamw_cpu", "p, g, m, v lengths differ"));
    }
    let t = step.max(1) as i32;
    let (b1, b2) = (cfg.beta1 as f64, cfg.beta2 as f64);
    let bc1 = 1.0 - b1.powi(t);
    let bc2 = 1.0 - b2.powi(t);
    let c = if cfg.max_grad_norm > 0.0 {
        clip as f64
    } else {
        1.0
    };
    for i in 0..n {
        let gi = g[i] as f64 * c;
        let mi = b1 * m[i] as f64 + (1.0 - b1) * gi;
        let vi = b2 * v[i] as f64 + (1.0 - b2) * gi * gi;
        m[i] = mi as f32;
        v[i] = vi as f32;
        let mut step = (mi / bc1) / ((vi / bc2).sqrt() + cfg.eps as f64);
        let w = p[i] as f64;
        if decay {
            step += cfg.weight_decay as f64 * w;
        }
        p[i] = (w - lr as f64 * step) as f32;
    }
    Ok(())
}
