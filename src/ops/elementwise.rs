//! Element-wise ops on flat f32 tensors: the residual add and the small helpers every training
//! step needs (gradient accumulation, scaling, copies, zeroing).
//!
//! Shapes: every operand is a flat array of `n` f32 (`n` = the tensors' element count; shapes
//! beyond the count do not matter, but all operands must have the same count).
//!
//! Gradients, for the callers: `out = a + b` gives `da = dout`, `db = dout` (the residual
//! stream's two consumers, which is why [`acc`] exists); `dst += alpha * src` gives
//! `dsrc = alpha * ddst`; `t *= alpha` gives `dt = alpha * dt`.
//!
//! Any length works, including more than 65535 * 256 elements: the grid is folded into y and
//! every kernel walks a grid-stride loop. An op that would read and write the same tensor
//! (`add(a, b, a)`, `acc(t, t, ..)`, `copy(t, t)`) is rejected with [`crate::Error::Shape`]
//! because wgpu cannot bind one buffer read-only and read-write in one dispatch.

use bytemuck::{Pod, Zeroable};

use crate::error::{Error, Result};
use crate::gpu::{Buffers, Dispatch, Gpu, Tensor, Workgroups};
use crate::ops::{expect_distinct, expect_len};

/// Mirrors `Params` in `shaders/elementwise.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct ElementwiseParams {
    pub n: u32,
    pub alpha: f32,
    pub value: f32,
    pub _pad: u32,
}

/// Invocations per workgroup in `shaders/elementwise.wgsl`.
const WG: u32 = 256;

fn launch(
    gpu: &Gpu,
    entry: &str,
    a: &Tensor,
    b: &Tensor,
    out: &Tensor,
    alpha: f32,
    value: f32,
) -> Result<Dispatch> {
    let n = out.numel();
    let n32 = u32::try_from(n)
        .map_err(|_| Error::shape(entry, format!("{n} elements do not fit a u32 index")))?;
    let params = ElementwiseParams {
        n: n32,
        alpha,
        value,
        _pad: 0,
    };
    let k = gpu.kernel("elementwise", entry, &[])?;
    gpu.dispatch(
        &k,
        &Buffers::new()
            .buf("a", &a.buffer)
            .buf("b", &b.buffer)
            .buf("out", &out.buffer),
        Some(bytemuck::bytes_of(&params)),
        Workgroups::linear(n, WG),
    )
}

/// `out = a + b` (all the same length).
pub fn add(gpu: &Gpu, a: &Tensor, b: &Tensor, out: &Tensor) -> Result<Dispatch> {
    let n = out.numel();
    expect_len("add", "out", out, n)?;
    expect_len("add", "a", a, n)?;
    expect_len("add", "b", b, n)?;
    expect_distinct("add", ("a", a), ("out", out))?;
    expect_distinct("add", ("b", b), ("out", out))?;
    launch(gpu, "ew_add", a, b, out, 0.0, 0.0)
}

/// `dst += alpha * src`.
pub fn acc(gpu: &Gpu, src: &Tensor, dst: &Tensor, alpha: f32) -> Result<Dispatch> {
    let n = dst.numel();
    expect_len("acc", "dst", dst, n)?;
    expect_len("acc", "src", src, n)?;
    expect_distinct("acc", ("src", src), ("dst", dst))?;
    launch(gpu, "ew_acc", src, src, dst, alpha, 0.0)
}

/// `t *= alpha` in place.
pub fn scale(gpu: &Gpu, t: &Tensor, alpha: f32) -> Result<Dispatch> {
    expect_len("scale", "t", t, t.numel())?;
    launch(gpu, "ew_scale", t, t, t, alpha, 0.0)
}

/// `dst = src`.
pub fn copy(gpu: &Gpu, src: &Tensor, dst: &Tensor) -> Result<Dispatch> {
    let n = dst.numel();
    expect_len("copy", "dst", dst, n)?;
    expect_len("copy", "src", src, n)?;
    expect_distinct("copy", ("src", src), ("dst", dst))?;
    launch(gpu, "ew_copy", src, src, dst, 0.0, 0.0)
}

/// `t = value` everywhere (gradient zeroing).
pub fn fill(gpu: &Gpu, t: &Tensor, value: f32) -> Result<Dispatch> {
    expect_len("fill", "t", t, t.numel())?;
    launch(gpu, "ew_fill", t, t, t, 0.0, value)
}

/// CPU reference of [`add`].
pub fn add_cpu(a: &[f32], b: &[f32]) -> Vec<f32> {
    a.iter().zip(b).map(|(&x, &y)| x + y).collect()
}

/// CPU reference of [`acc`] (f64 arithmetic, rounded once).
pub fn acc_cpu(src: &[f32], dst: &mut [f32], alpha: f32) {
    for (d, &s) in dst.iter_mut().zip(src) {
        *d = (*d as f64 + alpha as f64 * s as f64) as f32;
    }
}

/// CPU reference of [`scale`].
pub fn scale_cpu(t: &mut [f32], alpha: f32) {
    for x in t {
        *x *= alpha;
    }
}
