//! The scattered expert FFN (`shaders/expert_ffn.wgsl`), ScatterMoE style, and the choice
//! between it and the dense all-experts path of the early DTS phase.
//!
//! Shapes: `x (N, D)`, `sel_weight (N, K)`, `out (N, D)`; experts stacked
//! `w1 (E, D, F)`, `b1 (E, F)`, `w2 (E, F, D)`, `b2 (E, D)`. Assignment `a = t K + s`.
//!
//! Forward, for every routed assignment `a` (token `t`, expert `e`, weight `w_a`):
//! `h_a = x_t W1_e + b1_e`, `g_a = gelu(h_a)` (tanh form), `y_a = g_a W2_e + b2_e`, and
//! `out_t = sum_s w_a y_a` over `t`'s routed slots in slot order.
//!
//! Backward (hand derived; `dy_a = w_a dout_t`):
//! - `dsel_weight_a = <dout_t, y_a>` (0 for an unrouted slot);
//! - `dW2_e += sum_a g_a^T dy_a`, `db2_e += sum_a dy_a`;
//! - `dh_a = (dy_a W2_e^T) * gelu'(h_a)`; `dW1_e += sum_a x_t^T dh_a`, `db1_e += sum_a dh_a`;
//! - `dx_t = sum_s dh_a W1_e^T` (overwrite; each token's slots summed in a fixed order).
//!
//! Parameter gradients accumulate (`+=`), activation gradients (`dx`, `dsel_weight`) overwrite.
//! Every sum runs in a fixed order: results are bitwise deterministic run to run.
//!
//! Data movement: the router sorts assignment *indices* by expert; the first GEMM gathers its
//! rows from token-ordered `x` inside its loads; the hidden activations and `y` live in
//! expert-sorted order (`N K` rows at most, no padding); the combine gathers back by `pos`.
//! The GEMMs walk the router's tile table through indirect dispatch, so nothing is read back.
//!
//! # Files
//! This file holds the path choice; `launcher.rs` the GPU side ([`ExpertFfn`], an enum of the
//! two paths: [`ScatteredFfn`] or the dense [`crate::moe::padded::ExpertMajor`]; [`FfnParams`]),
//! `variant.rs` the GEMM kernel variants ([`ExpertGemm`]), `reference.rs` the f64 CPU
//! reference ([`expert_ffn_cpu`], [`expert_ffn_backward_cpu`]). The weight and gradient tensors
//! ([`ExpertTensors`], [`ExpertGradTensors`]) live in [`crate::moe::ffn_tensors`], shared with
//! the dense and padded path of [`crate::moe::padded`].

mod launcher;
mod reference;
mod variant;

pub use crate::moe::ffn_tensors::{ExpertGradTensors, ExpertTensors};
pub use launcher::{Epilogue, ExpertFfn, FfnParams, ScatteredFfn, EPI_SHIFT, FLAG_GATHER};
pub use reference::{
    expert_ffn_backward_cpu, expert_ffn_cpu, ExpertGradsCpu, ExpertWeights, FfnShape,
};
pub use variant::ExpertGemm;

/// Which computation an [`ExpertFfn`] records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FfnPath {
    /// Only the selected (token, expert) pairs, gathered and scattered (ScatterMoE style).
    Scattered,
    /// Every expert on every token with batched dense GEMMs, combined with weight 0 for the
    /// unselected pairs: cheaper when nearly every token goes to every expert (early DTS).
    Dense,
}

impl FfnPath {
    /// `"scattered"` or `"dense"` (tape variant names, logs).
    pub fn name(self) -> &'static str {
        match self {
            FfnPath::Scattered => "scattered",
            FfnPath::Dense => "dense",
        }
    }
}

/// Above this density (selected pairs / (N E)) [`choose_path`] picks [`FfnPath::Dense`].
///
/// The dense path does `1 / density` times the useful FLOPs but runs plain batched GEMMs
/// (`ops::matmul`) with no gather, no tile table and no partial tiles, so it can only pay when
/// nearly every pair is selected; both paths hold `(E N, F)` activations at density 1. Measured
/// (docs/bench-moe.md, lavapipe, N=2048 d=256 f=1024 E=8, every expert active): scattered
/// 1.85 s, dense 2.21 s, so on that adapter the dense path does not win even at density 1;
/// 0.9 keeps it to the phase where it wastes almost nothing, for adapters whose dense GEMM
/// outruns the grouped one, and where the scattered activations would not fit. Re-measure
/// with `evomoe bench moe` before relying on it.
pub const DENSE_THRESHOLD: f32 = 0.9;

/// The path for a routing density (mean experts per token divided by `E`).
pub fn choose_path(density: f32) -> FfnPath {
    if density > DENSE_THRESHOLD {
        FfnPath::Dense
    } else {
        FfnPath::Scattered
    }
}
