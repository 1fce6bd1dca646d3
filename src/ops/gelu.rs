//! GELU, tanh approximation (GPT-2), element-wise: `y = 0.5 x (1 + tanh(u))` with
//! `u = K0 (x + K1 x^3)`, `K0 = sqrt(2/pi)`, `K1 = 0.044715`.
//!
//! Shapes: `x`, `out`, `dout`, `dx` are flat arrays of the same length `n`.
//!
//! Gradient: by the product rule,
//! `dy/dx = 0.5 (1 + tanh u) + 0.5 x (1 - tanh^2 u) du/dx`, with `du/dx = K0 (1 + 3 K1 x^2)`
//! and `1 - tanh^2 u = sech^2 u`. The backward computes `dx = dout * dy/dx` (overwrites `dx`).
//!
//! Numerics: with `e = exp(-2|u|) <= 1`, `(1 + tanh u) / 2` is evaluated as `1 / (1 + e)` for
//! `u >= 0` and `e / (1 + e)` for `u < 0` (no cancellation in the negative tail), and
//! `sech^2 u` as `4 e / (1 + e)^2`, so large `|x|` cannot overflow (a naive
//! `(exp(2u) - 1) / (exp(2u) + 1)` gives inf/inf = NaN in f32 for `u > 44`). `x` is clamped to
//! +-100 inside the cubic so `x^3` stays finite; beyond that `tanh u = +-1`, `sech^2 u = 0` in
//! f32, so the clamp changes nothing but the overflow.

use bytemuck::{Pod, Zeroable};

use crate::error::{Error, Result};
use crate::gpu::{Buffers, Dispatch, Gpu, Tensor, Workgroups};
use crate::ops::{expect_distinct, expect_len};

/// Mirrors `Params` in `shaders/gelu.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct GeluParams {
    pub n: u32,
    pub _pad: [u32; 3],
}

const K0: f64 = 0.797_884_560_802_865_4;
const K1: f64 = 0.044715;
const CLAMP: f64 = 100.0;

fn params(op: &str, n: usize) -> Result<GeluParams> {
    let n = u32::try_from(n)
        .map_err(|_| Error::shape(op, format!("{n} elements do not fit a u32 index")))?;
    Ok(GeluParams { n, _pad: [0; 3] })
}

/// Records `out = gelu(x)`.
pub fn gelu_forward(gpu: &Gpu, x: &Tensor, out: &Tensor) -> Result<Dispatch> {
    let n = x.numel();
    expect_len("gelu_forward", "x", x, n)?;
    expect_len("gelu_forward", "out", out, n)?;
    expect_distinct("gelu_forward", ("x", x), ("out", out))?;
    let p = params("gelu_forward", n)?;
    let k = gpu.kernel("gelu", "gelu_forward", &[])?;
    gpu.dispatch(
        &k,
        &Buffers::new().buf("x", &x.buffer).buf("out", &out.buffer),
        Some(bytemuck::bytes_of(&p)),
        Workgroups::linear(n, 256),
    )
}

/// Records `dx = dout * gelu'(x)` (overwrites `dx`).
pub fn gelu_backward(gpu: &Gpu, x: &Tensor, dout: &Tensor, dx: &Tensor) -> Result<Dispatch> {
    let n = x.numel();
    expect_len("gelu_backward", "x", x, n)?;
    expect_len("gelu_backward", "dout", dout, n)?;
    expect_len("gelu_backward", "dx", dx, n)?;
    expect_distinct("gelu_backward", ("x", x), ("dx", dx))?;
    expect_distinct("gelu_backward", ("dout", dout), ("dx", dx))?;
    let p = params("gelu_backward", n)?;
    let k = gpu.kernel("gelu", "gelu_backward", &[])?;
    gpu.dispatch(
        &k,
        &Buffers::new()
            .buf("x", &x.buffer)
            .buf("dout", &dout.buffer)
            .buf("out", &dx.buffer),
        Some(bytemuck::bytes_of(&p)),
        Workgroups::linear(n, 256),
    )
}

/// `((1 + tanh u) / 2, sech^2 u)` in the overflow- and cancellation-free form the shader uses.
fn half_tanh1_sech2(x: f64) -> (f64, f64) {
    let xc = x.clamp(-CLAMP, CLAMP);
    let u = K0 * (xc + K1 * xc * xc * xc);
    let e = (-2.0 * u.abs()).exp();
    let d = 1.0 + e;
    let s = if u < 0.0 { e } else { 1.0 } / d;
    (s, 4.0 * e / (d * d))
}

/// GELU of one value in f64.
pub fn gelu_f64(x: f64) -> f64 {
    x * half_tanh1_sech2(x).0
}

/// Derivative of [`gelu_f64`].
pub fn gelu_grad_f64(x: f64) -> f64 {
    let xc = x.clamp(-CLAMP, CLAMP);
    let (s, sech2) = half_tanh1_sech2(x);
    s + 0.5 * xc * sech2 * K0 * (1.0 + 3.0 * K1 * xc * xc)
}

/// CPU reference of [`gelu_forward`].
pub fn gelu_forward_cpu(x: &[f32]) -> Vec<f32> {
    x.iter().map(|&v| gelu_f64(v as f64) as f32).collect()
}

/// CPU reference of [`gelu_backward`].
pub fn gelu_backward_cpu(x: &[f32], dout: &[f32]) -> Vec<f32> {
    x.iter()
        .zip(dout)
        .map(|(&v, &d)| (d as f64 * gelu_grad_f64(v as f64)) as f32)
        .collect()
}
