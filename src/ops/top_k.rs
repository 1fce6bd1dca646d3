//! Top-k selection over one row of logits on the GPU, so that sampling from a 50k vocabulary
//! reads back `k` (index, value) pairs instead of the whole row.
//!
//! Shapes: `logits (N, V)` (one row, `row`, is read), `indices (>= k)` u32, `values (>= k)` f32.
//!
//! ```text
//! (indices[r], values[r]), r = 0 .. k-1: the k largest logits of the row in the order
//! "larger value first, lower index first on ties", sorted in that order
//! ```
//! `1 <= k <= MAX_K`. NaN logits are never selected; when fewer than `k` entries can be
//! selected (`k > V`), the remaining slots hold index [`NONE`] and value `-f32::MAX`. The
//! result is the exact top-k of that total order, so it does not depend on how the kernel
//! splits the row (deterministic). No gradient: sampling is not differentiated.

use bytemuck::{Pod, Zeroable};

use crate::error::{Error, Result};
use crate::gpu::{Buffers, DType, Dispatch, Gpu, Tensor, Workgroups};
use crate::ops::expect_dtype;

/// The largest `k` the kernel selects (its per-lane lists live in registers); sampling with a
/// larger `top_k` reads the whole row back instead ([`crate::train::sample::next_token`]).
pub const MAX_K: usize = 64;

/// Index of an empty slot (`k > V`).
pub const NONE: u32 = u32::MAX;

/// Lanes of the one workgroup (a power of two <= 256; see the shader).
const WG: u32 = 256;

/// Mirrors `Params` in `shaders/top_k.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct TopKParams {
    pub v: u32,
    pub k: u32,
    pub row: u32,
    pub _pad: u32,
}

/// Records the selection of the top `k` of row `row` of `logits (N, V)` into the first `k`
/// entries of `indices` (u32) and `values` (f32).
pub fn top_k(
    gpu: &Gpu,
    logits: &Tensor,
    row: usize,
    k: usize,
    indices: &Tensor,
    values: &Tensor,
) -> Result<Dispatch> {
    let bad = |m: String| Err(Error::shape("top_k", m));
    let Some(&v) = logits.shape.last() else {
        return bad("logits has no dimensions".into());
    };
    expect_dtype("top_k", "logits", logits, DType::F32)?;
    expect_dtype("top_k", "indices", indices, DType::U32)?;
    expect_dtype("top_k", "values", values, DType::F32)?;
    if v == 0 || row >= logits.numel() / v {
        return bad(format!("row {row} of logits {:?}", logits.shape));
    }
    if k == 0 || k > MAX_K {
        return bad(format!("k = {k}, must be 1 ..= {MAX_K}"));
    }
    if indices.numel() < k || values.numel() < k {
        return bad(format!("indices and values need at least k = {k} entries"));
    }
    let params = TopKParams {
        v: v as u32,
        k: k as u32,
        row: row as u32,
        _pad: 0,
    };
    let buffers = Buffers::new()
        .buf("logits", &logits.buffer)
        .buf("indices", &indices.buffer)
        .buf("values", &values.buffer);
    let kernel = gpu.kernel("top_k", "top_k", &[("WG", WG as f64)])?;
    gpu.dispatch(
        &kernel,
        &buffers,
        Some(bytemuck::bytes_of(&params)),
        Workgroups::Direct([1, 1, 1]),
    )
}

/// CPU reference: the top `k` of `row` (any `k`), sorted by value descending then index
/// ascending, NaN skipped, padded to `k` with `(NONE, -f32::MAX)`.
pub fn top_k_cpu(row: &[f32], k: usize) -> (Vec<u32>, Vec<f32>) {
    let mut order: Vec<usize> = (0..row.len()).filter(|&j| !row[j].is_nan()).collect();
    // A stable sort by value keeps equal values (0.0 and -0.0 too, as on the GPU) in index
    // order; NaN is gone, so the comparison is total.
    order.sort_by(|&a, &b| row[b].partial_cmp(&row[a]).expect("no NaN left"));
    order.truncate(k);
    let mut idx: Vec<u32> = order.iter().map(|&j| j as u32).collect();
    let mut val: Vec<f32> = order.iter().map(|&j| row[j]).collect();
    idx.resize(k, NONE);
    val.resize(k, -f32::MAX);
    (idx, val)
}
