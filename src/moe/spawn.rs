//! EvoMoE's spawn step: `E` experts written on the GPU from the trained base expert
//! (`shaders/spawn.wgsl`), with a CPU reference that draws exactly the GPU's masks.
//!
//! # What it computes
//! Shapes: `base: numel` f32 (one tensor of the base FFN, e.g. `W1 (D x F)` flattened),
//! `dst: E x numel` f32 (the same tensor for experts `0..E`, expert-major).
//! - masked (weights): `dst[e * numel + i] = base[i] * scale * M_e[i]`, `M_e[i]` an
//!   independent Bernoulli keep mask with keep probability `1 - r` (`r` = the drop rate);
//! - unmasked (biases): `dst[e * numel + i] = base[i] * scale`.
//!
//! `scale` is the caller's: 1, or `1 / (1 - r)` to keep the expected weight. When a run copies
//! the AdamW moments instead of resetting them, it spawns each moment with its weight's
//! [`SpawnMask`] (the same key gives the same mask) and `scale = 1`.
//!
//! # Random numbers
//! Philox4x32-10 ([`crate::ops::rng`]), key = the 64-bit `seed` (low word first), counter
//! `(i / 4, e, layer, tensor)`, component `i % 4`; element `i` of expert `e` is kept iff
//! `uniform01(bits) >= r`, so `r = 0` keeps everything exactly (`uniform01 > 0`). The mask is a
//! pure function of `(seed, layer, tensor, e, i)`: reproducible and resumable. The fourth
//! counter word is the caller's tensor id; the gate's noise puts its streams (1, 2) and dropout
//! its tag in that word too, so under a seed shared with those draws pick other tensor ids.

use bytemuck::{Pod, Zeroable};

use crate::error::{Error, Result};
use crate::gpu::{Buffers, DType, Dispatch, Gpu, Tensor, Workgroups};
use crate::ops::rng::{philox4x32, uniform01};
use crate::ops::{expect_distinct, expect_dtype};

/// Which mask a spawned tensor uses. The same (seed, layer, tensor) gives the same mask.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpawnMask {
    /// The Philox key.
    pub seed: u64,
    /// MoE layer index (third counter word).
    pub layer: u32,
    /// Tensor id within the layer (fourth counter word), chosen by the caller.
    pub tensor: u32,
    /// Drop probability `r`, in `[0, 1)`.
    pub drop_rate: f32,
}

/// Mirrors `Params` in `shaders/spawn.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct SpawnParams {
    pub numel: u32,
    pub n_experts: u32,
    pub scale: f32,
    pub drop_rate: f32,
    /// 1 with a mask, 0 without.
    pub masked: u32,
    pub seed_lo: u32,
    pub seed_hi: u32,
    pub layer: u32,
    pub tensor: u32,
    pub _pad: [u32; 3],
}

/// Invocations per workgroup in `shaders/spawn.wgsl`; each handles one 4-element Philox block.
const WG: u32 = 64;

/// The uniform parameters, after checking every input that is not a tensor.
fn params(
    numel: usize,
    n_experts: usize,
    mask: Option<&SpawnMask>,
    scale: f32,
) -> Result<SpawnParams> {
    if n_experts == 0 {
        return Err(Error::Config("spawn needs at least one expert".into()));
    }
    if !scale.is_finite() {
        return Err(Error::Config(format!(
            "spawn scale must be finite, got {scale}"
        )));
    }
    if let Some(m) = mask {
        if !(0.0..1.0).contains(&m.drop_rate) {
            return Err(Error::Config(format!(
                "spawn drop rate must be in [0, 1), got {}",
                m.drop_rate
            )));
        }
    }
    let total = numel.checked_mul(n_experts);
    if total.is_none_or(|t| u32::try_from(t).is_err()) {
        return Err(Error::shape(
            "spawn",
            format!("{n_experts} experts x {numel} elements do not fit a u32 index"),
        ));
    }
    let m = mask.copied().unwrap_or(SpawnMask {
        seed: 0,
        layer: 0,
        tensor: 0,
        drop_rate: 0.0,
    });
    Ok(SpawnParams {
        numel: numel as u32,
        n_experts: n_experts as u32,
        scale,
        drop_rate: m.drop_rate,
        masked: mask.is_some() as u32,
        seed_lo: m.seed as u32,
        seed_hi: (m.seed >> 32) as u32,
        layer: m.layer,
        tensor: m.tensor,
        _pad: [0; 3],
    })
}

/// One dispatch writing `dst (E, numel)` from `base (numel)`:
/// `dst[e * numel + i] = base[i] * scale * keep(e, i)` with a mask, `base[i] * scale` without.
pub fn spawn(
    gpu: &Gpu,
    base: &Tensor,
    dst: &Tensor,
    n_experts: usize,
    mask: Option<&SpawnMask>,
    scale: f32,
) -> Result<Dispatch> {
    expect_dtype("spawn", "base", base, DType::F32)?;
    expect_dtype("spawn", "dst", dst, DType::F32)?;
    let numel = base.numel();
    let p = params(numel, n_experts, mask, scale)?;
    if dst.numel() != numel * n_experts {
        return Err(Error::shape(
            "spawn",
            format!(
                "dst has {} elements (shape {:?}), expected {n_experts} experts x {numel}",
                dst.numel(),
                dst.shape
            ),
        ));
    }
    expect_distinct("spawn", ("base", base), ("dst", dst))?;
    let k = gpu.kernel("spawn", "spawn_experts", &[])?;
    gpu.dispatch(
        &k,
        &Buffers::new()
            .buf("base", &base.buffer)
            .buf("dst", &dst.buffer),
        Some(bytemuck::bytes_of(&p)),
        Workgroups::linear(numel.div_ceil(4) * n_experts, WG),
    )
}

/// Whether element `index` of expert `expert` is kept (exactly the GPU's decision).
pub fn keep_cpu(mask: &SpawnMask, expert: u32, index: u32) -> bool {
    let key = [mask.seed as u32, (mask.seed >> 32) as u32];
    let r = philox4x32([index / 4, expert, mask.layer, mask.tensor], key);
    uniform01(r[(index % 4) as usize]) >= mask.drop_rate
}

/// CPU reference of [`spawn`].
pub fn spawn_cpu(base: &[f32], n_experts: usize, mask: Option<&SpawnMask>, scale: f32) -> Vec<f32> {
    let mut out = Vec::with_capacity(base.len() * n_experts);
    for e in 0..n_experts {
        for (i, &b) in base.iter().enumerate() {
            let keep = mask.is_none_or(|m| keep_cpu(m, e as u32, i as u32));
            out.push(if keep { b * scale } else { 0.0 });
        }
    }
    out
}
