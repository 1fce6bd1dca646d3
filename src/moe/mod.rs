//! The Mixture-of-Experts layer: gates (DTS, Switch top-1, GShard top-2, Hash) with their
//! balance and z losses ([`gate`]), the EvoMoE temperature schedule and phase defaults
//! ([`schedule`]), GPU-side routing and the scattered expert FFNs, and the spawn of `E` experts
//! from the base expert under random masks ([`spawn`]).
//!
//! Data flow of one MoE layer: the gate turns `x (N x D)` into `K` slots per token
//! (`sel_expert`, `sel_weight`, unused slots hold [`NONE`]); the router groups the token
//! slots by expert (dropping overflow where a capacity is set, see [`gate::capacity_for`]); the
//! expert FFNs compute `y = sum_slots w * FFN_e(x)`; the backward hands `dsel_weight` back to
//! the gate, which adds the gradients of its combine weights and losses into `x` and `W_g`.

/// An unused slot in `sel_expert` (from the gate), or an unrouted assignment in `pos` (from the
/// router). Any expert index `>= E` is skipped the same way.
pub const NONE: u32 = u32::MAX;

pub mod expert_ffn;
pub mod ffn_tensors;
pub mod gate;
pub mod layer;
pub mod padded;
pub mod route;
pub mod schedule;
pub mod spawn;
