// The prelude: small helpers that many shaders share, defined once. The registry
// (src/shaders.rs) puts this file first in every entry, so every shader may use these names and
// none may define them again. WGSL ignores what an entry point does not use.

// "No value" in a u32 index array: an unused slot, a dropped assignment, an empty row
// (crate::moe::NONE on the Rust side).
const NONE: u32 = 0xFFFFFFFFu;

// -FLT_MAX exactly: the start of a running maximum. Written out in full because Chromium's WGSL
// compiler (Tint) rejects the rounded `-3.4028235e38`, which lies just outside the f32 range.
const NEG_FLT_MAX: f32 = -3.4028234663852886e38;

// Flat index of an invocation in a 1-D grid of workgroups of `wg` invocations that the launcher
// folds into y beyond 65535 workgroups (Workgroups::linear in src/gpu/kernel.rs).
fn flat_index(gid: vec3<u32>, nwg: vec3<u32>, wg: u32) -> u32 {
    return gid.x + gid.y * nwg.x * wg;
}

// The step of a grid-stride loop over such a grid: the number of invocations launched. Both
// fit in u32 for any grid the launcher makes (at most 65535 * 65535 workgroups).
fn grid_stride(nwg: vec3<u32>, wg: u32) -> u32 {
    return nwg.x * nwg.y * wg;
}

// Flat index of a workgroup in such a folded grid (uniform across the workgroup).
fn workgroup_index(wid: vec3<u32>, nwg: vec3<u32>) -> u32 {
    return wid.x + wid.y * nwg.x;
}

// GELU, tanh form, as the expert FFN kernels compute it: gelu(x) = 0.5 x (1 + t),
// t = tanh(GELU_C (x + 0.044715 x^3)) with the argument clamped to +-15 (tanh is +-1 there in
// f32); gelu_grad is its derivative, 0.5 (1 + t) + 0.5 x (1 - t^2) GELU_C (1 + 3 0.044715 x^2).
// (The standalone op, shaders/gelu.wgsl, uses a cancellation-free form of its own.)
const GELU_C: f32 = 0.7978845608028654; // sqrt(2 / pi)

fn gelu_t(x: f32) -> f32 {
    return tanh(clamp(GELU_C * (x + 0.044715 * x * x * x), -15.0, 15.0));
}

fn gelu(x: f32) -> f32 {
    return 0.5 * x * (1.0 + gelu_t(x));
}

fn gelu_grad(x: f32) -> f32 {
    let t = gelu_t(x);
    return 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * GELU_C * (1.0 + 3.0 * 0.044715 * x * x);
}
