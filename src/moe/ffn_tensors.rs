//! The expert weights and gradients as GPU tensors, the arguments of every expert-FFN
//! launcher: the scattered path ([`crate::moe::expert_ffn::ExpertFfn`]) and the expert-major
//! dense and padded paths ([`crate::moe::padded`]). Experts are stacked: `w1 (E, D, F)`,
//! `b1 (E, F)`, `w2 (E, F, D)`, `b2 (E, D)`.

use crate::gpu::Tensor;

/// The expert weights (read).
#[derive(Clone, Copy)]
pub struct ExpertTensors<'a> {
    /// `(E, D, F)`
    pub w1: &'a Tensor,
    /// `(E, F)`
    pub b1: &'a Tensor,
    /// `(E, F, D)`
    pub w2: &'a Tensor,
    /// `(E, D)`
    pub b2: &'a Tensor,
}

/// Gradient outputs of the backward pass.
#[derive(Clone, Copy)]
pub struct ExpertGradTensors<'a> {
    /// `(N, D)`, overwritten.
    pub dx: &'a Tensor,
    /// `(N, K)`, overwritten.
    pub dsel_weight: &'a Tensor,
    /// `(E, D, F)`, accumulated.
    pub dw1: &'a Tensor,
    /// `(E, F)`, accumulated.
    pub db1: &'a Tensor,
    /// `(E, F, D)`, accumulated.
    pub dw2: &'a Tensor,
    /// `(E, D)`, accumulated.
    pub db2: &'a Tensor,
}
