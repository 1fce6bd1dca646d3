//! Inverted dropout with a counter-based (Philox) mask.
//!
//! Shapes: `x`, `out`, `dout`, `dx`: `n` f32, any shape.
//!
//! Forward: `out_i = m_i x_i / (1 - p)` with `m_i = 1[u_i >= p]`, where
//! `u_i = uniform01(philox4x32((i / 4, step, stream, TAG), seed)[i % 4])` (see
//! [`crate::ops::rng`]). The mask is a pure function of `(seed, step, stream, i)`: runs are
//! reproducible and resumable, different dropout sites in one step differ by `stream`, and the
//! CPU reference ([`dropout_mask_cpu`]) draws the same bits.
//!
//! Gradient: `out_i` is linear in `x_i` with coefficient `m_i / (1 - p)`, so
//! `dx_i = m_i dout_i / (1 - p)` (overwrites `dx`). The backward recomputes the mask from the
//! same counter instead of storing it, so forward and backward must be recorded with the same
//! [`DropoutConfig`] and updated to the same step ([`dropout_set_step`]) every step.
//!
//! `p` must be in `[0, 1)`; `p = 0` keeps everything (`u_i > 0` always) and is exactly the
//! identity.

use bytemuck::{Pod, Zeroable};

use crate::error::{Error, Result};
use crate::gpu::{Buffers, Dispatch, Gpu, Tensor, Workgroups};
use crate::ops::rng::{philox4x32, uniform01};
use crate::ops::{expect_distinct, expect_len};

/// The fourth counter word of every dropout draw ("DROP"), so dropout never reuses the
/// counters of other random draws under the same seed.
pub const DROPOUT_TAG: u32 = 0x4452_4F50;

/// Mirrors `Params` in `shaders/dropout.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct DropoutParams {
    pub n: u32,
    pub p: f32,
    pub scale: f32,
    pub step: u32,
    pub seed_lo: u32,
    pub seed_hi: u32,
    pub stream: u32,
    pub _pad: u32,
}

/// One dropout site.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DropoutConfig {
    /// Drop probability, in `[0, 1)`.
    pub p: f32,
    /// The run's seed (Philox key).
    pub seed: u64,
    /// Distinguishes dropout sites (layer, position in the block) within one step.
    pub stream: u32,
}

impl DropoutConfig {
    /// The uniform parameters for `n` elements at `step`.
    pub fn params(&self, n: usize, step: u32) -> Result<DropoutParams> {
        if !(0.0..1.0).contains(&self.p) {
            return Err(Error::Config(format!(
                "dropout probability must be in [0, 1), got {}",
                self.p
            )));
        }
        let n = u32::try_from(n)
            .map_err(|_| Error::shape("dropout", format!("{n} elements do not fit u32")))?;
        Ok(DropoutParams {
            n,
            p: self.p,
            scale: 1.0 / (1.0 - self.p),
            step,
            seed_lo: self.seed as u32,
            seed_hi: (self.seed >> 32) as u32,
            stream: self.stream,
            _pad: 0,
        })
    }
}

fn record(
    gpu: &Gpu,
    op: &str,
    src: (&str, &Tensor),
    dst: (&str, &Tensor),
    cfg: &DropoutConfig,
    step: u32,
) -> Result<Dispatch> {
    let n = src.1.numel();
    expect_len(op, src.0, src.1, n)?;
    expect_len(op, dst.0, dst.1, n)?;
    expect_distinct(op, src, dst)?;
    let p = cfg.params(n, step)?;
    let k = gpu.kernel("dropout", "dropout_apply", &[])?;
    gpu.dispatch(
        &k,
        &Buffers::new()
            .buf("src", &src.1.buffer)
            .buf("dst", &dst.1.buffer),
        Some(bytemuck::bytes_of(&p)),
        Workgroups::linear(n.div_ceil(4), 64),
    )
}

/// Records `out = dropout(x)` for `step` (update the step with [`dropout_set_step`]).
pub fn dropout_forward(
    gpu: &Gpu,
    x: &Tensor,
    out: &Tensor,
    cfg: &DropoutConfig,
    step: u32,
) -> Result<Dispatch> {
    record(gpu, "dropout_forward", ("x", x), ("out", out), cfg, step)
}

/// Records `dx = mask * dout / (1 - p)` with the forward's mask (same `cfg` and step).
pub fn dropout_backward(
    gpu: &Gpu,
    dout: &Tensor,
    dx: &Tensor,
    cfg: &DropoutConfig,
    step: u32,
) -> Result<Dispatch> {
    record(
        gpu,
        "dropout_backward",
        ("dout", dout),
        ("dx", dx),
        cfg,
        step,
    )
}

/// Points a recorded dropout dispatch (forward or backward over `n` elements) at a new step.
pub fn dropout_set_step(
    gpu: &Gpu,
    dispatch: &Dispatch,
    cfg: &DropoutConfig,
    n: usize,
    step: u32,
) -> Result<()> {
    let p = cfg.params(n, step)?;
    dispatch.set_params(gpu, bytemuck::bytes_of(&p));
    Ok(())
}

/// The keep mask for `n` elements at `step`, bit-identical to the shader's.
pub fn dropout_mask_cpu(cfg: &DropoutConfig, n: usize, step: u32) -> Vec<bool> {
    let key = [cfg.seed as u32, (cfg.seed >> 32) as u32];
    (0..n)
        .map(|i| {
            let r = philox4x32([(i / 4) as u32, step, cfg.stream, DROPOUT_TAG], key);
            uniform01(r[i % 4]) >= cfg.p
        })
        .collect()
}

/// CPU reference of the forward (also the backward: both are `mask * v * scale`).
pub fn dropout_forward_cpu(x: &[f32], cfg: &DropoutConfig, step: u32) -> Vec<f32> {
    let scale = 1.0 / (1.0 - cfg.p);
    dropout_mask_cpu(cfg, x.len(), step)
        .iter()
        .zip(x)
        .map(|(&keep, &v)| if keep { v * scale } else { 0.0 })
        .collect()
}

/// CPU reference of the backward: `dx = mask * dout / (1 - p)`.
pub fn dropout_backward_cpu(dout: &[f32], cfg: &DropoutConfig, step: u32) -> Vec<f32> {
    dropout_forward_cpu(dout, cfg, step)
}
