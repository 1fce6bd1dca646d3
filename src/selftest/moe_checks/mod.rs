//! The MoE kernels' checks: gates, routing, expert FFNs (scattered, dense, chunked, padded),
//! spawn and the whole MoE layer, each GPU result against its CPU reference on a few shapes
//! chosen so that odd sizes (N = 1, 7, 129; E = 1, 3; D not a multiple of 4) take the scalar
//! paths and the rest the vec4 paths.

mod expert_ffn;
mod gate;
mod moe_layer;
mod route;
mod spawn;

use super::Check;

pub use expert_ffn::{Case as FfnCase, Gpus as FfnTensors};
pub use gate::compare_gate_forward;
pub use route::random_sel;
pub use spawn::gpu_spawn;

/// Every MoE check, in the order `evomoe selftest` lists them.
pub fn checks() -> Vec<Check> {
    let mut v = gate::checks();
    v.extend(route::checks());
    v.extend(expert_ffn::checks());
    v.extend(spawn::checks());
    v.extend(moe_layer::checks());
    v
}

/// `base + delta` in f64, rounded once (a gradient accumulated into a non-zero buffer).
fn plus(base: &[f32], delta: &[f64]) -> Vec<f32> {
    base.iter()
        .zip(delta)
        .map(|(&a, &b)| (a as f64 + b) as f32)
        .collect()
}

/// An error for a check whose set-up does not test what it claims (not a kernel bug).
fn weak(msg: String) -> crate::Error {
    crate::Error::Config(msg)
}
