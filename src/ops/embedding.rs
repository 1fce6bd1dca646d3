//! Token and position embedding: `out[b, t, :] = wte[tokens[b, t], :] + wpe[t, :]`.
//!
//! Shapes: `tokens`: `(B, T)` u32, flattened as `n = b * T + t`; `wte`, `dwte`: `(V, C)`;
//! `wpe`, `dwpe`: `(P, C)` with `P >= T` (only the first `T` rows are used); `out`, `dout`:
//! `(B, T, C)`.
//!
//! Gradient: `out[n, j]` depends on `wte[tokens[n], j]` and `wpe[t(n), j]` with coefficient 1
//! each, so by the chain rule `dwte[v, j] = sum_{n : tokens[n] = v} dout[n, j]` and
//! `dwpe[t, j] = sum_b dout[b * T + t, j]`. Both accumulate (`+=`: parameter gradients).
//!
//! Out-of-range tokens: a token `>= V` is skipped: its output row is `wpe[t]` alone and it
//! contributes no `dwte` gradient (it still contributes to `dwpe`). Nothing is read or written
//! out of bounds.
//!
//! Determinism (no float atomics): `dwte` is summed per vocabulary row over a stable counting
//! sort of the positions by token, built on the GPU each step (counts with u32 atomics, which
//! are exact, an exclusive scan, and stable ranks), so each row's sum runs over its positions in
//! increasing `n`. `dwpe` sums over `b` in order. Two runs give bit-identical gradients, and the
//! recorded dispatches replay correctly when the `tokens` buffer is rewritten every step. The
//! stable ranks come from a `(tiles, V)` count table (tiles of 128 positions, prefix-summed
//! over tiles) plus a rank inside the tile (at most 127 comparisons), so the cost is
//! `O(B T * 128 + tiles * V)` and the scratch `4 * tiles * V` bytes (1 MiB for 16384 tokens of
//! a 2048-token vocabulary, 26 MB for GPT-2's 50257).

use bytemuck::{Pod, Zeroable};

use crate::error::{Error, Result};
use crate::gpu::{Buffers, DType, Dispatch, Gpu, Tensor, Workgroups};
use crate::ops::{expect_distinct, expect_dtype, expect_len};

/// Mirrors `Params` in `shaders/embedding.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct EmbeddingParams {
    pub b: u32,
    pub t: u32,
    pub c: u32,
    pub v: u32,
    /// Tiles of 128 positions, `ceil(B T / 128)`.
    pub ntile: u32,
    pub _pad: [u32; 3],
}

/// Invocations per workgroup of the element-wise entry points; the scan and rank passes use
/// `TILE`.
const WG: u32 = 64;
const TILE: u32 = 128;

fn params(op: &str, b: usize, t: usize, c: usize, v: usize) -> Result<EmbeddingParams> {
    if c == 0 || t == 0 {
        return Err(Error::shape(op, "T and C must be positive"));
    }
    let fits = |x: usize| u32::try_from(x).is_ok();
    let ntile = (b * t).div_ceil(TILE as usize);
    if !fits(b * t * c) || !fits(v * c) || !fits(v + 1) || !fits(ntile * v) {
        return Err(Error::shape(
            op,
            format!("B={b} T={t} C={c} V={v} overflow u32 indices"),
        ));
    }
    Ok(EmbeddingParams {
        b: b as u32,
        t: t as u32,
        c: c as u32,
        v: v as u32,
        ntile: ntile as u32,
        _pad: [0; 3],
    })
}

fn expect_wpe(op: &str, what: &str, w: &Tensor, t: usize, c: usize) -> Result<()> {
    expect_dtype(op, what, w, DType::F32)?;
    if w.numel() < t * c || !w.numel().is_multiple_of(c) {
        return Err(Error::shape(
            op,
            format!(
                "{what} has {} elements, expected (P, {c}) with P >= T = {t}",
                w.numel()
            ),
        ));
    }
    Ok(())
}

fn expect_tokens(op: &str, tokens: &Tensor, bt: usize) -> Result<()> {
    expect_dtype(op, "tokens", tokens, DType::U32)?;
    if tokens.numel() != bt {
        return Err(Error::shape(
            op,
            format!(
                "tokens has {} elements, expected B*T = {bt}",
                tokens.numel()
            ),
        ));
    }
    Ok(())
}

/// Records the forward `out = wte[tokens] + wpe[t]`.
#[allow(clippy::too_many_arguments)]
pub fn embedding_forward(
    gpu: &Gpu,
    tokens: &Tensor,
    wte: &Tensor,
    wpe: &Tensor,
    out: &Tensor,
    b: usize,
    t: usize,
    c: usize,
    v: usize,
) -> Result<Dispatch> {
    let op = "embedding_forward";
    let p = params(op, b, t, c, v)?;
    expect_tokens(op, tokens, b * t)?;
    expect_len(op, "wte", wte, v * c)?;
    expect_wpe(op, "wpe", wpe, t, c)?;
    expect_len(op, "out", out, b * t * c)?;
    for (name, r) in [("tokens", tokens), ("wte", wte), ("wpe", wpe)] {
        expect_distinct(op, (name, r), ("out", out))?;
    }
    let k = gpu.kernel("embedding", "emb_forward", &[])?;
    gpu.dispatch(
        &k,
        &Buffers::new()
            .buf("tokens", &tokens.buffer)
            .buf("wte", &wte.buffer)
            .buf("wpe", &wpe.buffer)
            .buf("out", &out.buffer),
        Some(bytemuck::bytes_of(&p)),
        Workgroups::linear(b * t * c, WG),
    )
}

/// Records the backward: `dwte += ..`, `dwpe += ..` (seven dispatches: clear counts, count,
/// prefix over tiles, scan over the vocabulary, stable place, `dwte` rows, `dwpe`). Allocates
/// its scratch (a `(ceil(B T / 128), V)` count table, offsets and the sorted positions) once,
/// here.
#[allow(clippy::too_many_arguments)]
pub fn embedding_backward(
    gpu: &Gpu,
    tokens: &Tensor,
    dout: &Tensor,
    dwte: &Tensor,
    dwpe: &Tensor,
    b: usize,
    t: usize,
    c: usize,
    v: usize,
) -> Result<Vec<Dispatch>> {
    let op = "embedding_backward";
    let p = params(op, b, t, c, v)?;
    let bt = b * t;
    expect_tokens(op, tokens, bt)?;
    expect_len(op, "dout", dout, bt * c)?;
    expect_len(op, "dwte", dwte, v * c)?;
    expect_wpe(op, "dwpe", dwpe, t, c)?;
    for (rn, r) in [("tokens", tokens), ("dout", dout)] {
        for (wn, w) in [("dwte", dwte), ("dwpe", dwpe)] {
            expect_distinct(op, (rn, r), (wn, w))?;
        }
    }
    if dwte.buffer == dwpe.buffer {
        return Err(Error::shape(op, "dwte and dwpe must be distinct tensors"));
    }
    let ntile = p.ntile as usize;
    let counts = Tensor::zeros(gpu, &[(ntile * v).max(1)], DType::U32, "embedding counts")?;
    let offsets = Tensor::zeros(gpu, &[v + 1], DType::U32, "embedding offsets")?;
    let sorted = Tensor::zeros(gpu, &[bt.max(1)], DType::U32, "embedding sorted")?;
    let buffers = Buffers::new()
        .buf("tokens", &tokens.buffer)
        .buf("dout", &dout.buffer)
        .buf("dwte", &dwte.buffer)
        .buf("dwpe", &dwpe.buffer)
        .buf("counts", &counts.buffer)
        .buf("offsets", &offsets.buffer)
        .buf("sorted", &sorted.buffer);
    let pb = bytemuck::bytes_of(&p);
    let run = |entry: &str, wg: Workgroups| -> Result<Dispatch> {
        let k = gpu.kernel("embedding", entry, &[])?;
        gpu.dispatch(&k, &buffers, Some(pb), wg)
    };
    Ok(vec![
        run("emb_clear", Workgroups::linear(ntile * v, WG))?,
        run("emb_count", Workgroups::linear(bt, WG))?,
        run("emb_colscan", Workgroups::linear(v, WG))?,
        run("emb_scan", Workgroups::Direct([1, 1, 1]))?,
        run("emb_place", Workgroups::linear(ntile, 1))?,
        run("emb_dwte", Workgroups::linear(v * c, WG))?,
        run("emb_dwpe", Workgroups::linear(t * c, WG))?,
    ])
}

/// CPU reference of the forward (tokens `>= V` contribute no `wte` row).
pub fn embedding_forward_cpu(
    tokens: &[u32],
    wte: &[f32],
    wpe: &[f32],
    t: usize,
    c: usize,
    v: usize,
) -> Vec<f32> {
    let mut out = vec![0.0f32; tokens.len() * c];
    for (n, &tok) in tokens.iter().enumerate() {
        let pos = n % t;
        for j in 0..c {
            let mut x = wpe[pos * c + j];
            if (tok as usize) < v {
                x += wte[tok as usize * c + j];
            }
            out[n * c + j] = x;
        }
    }
    out
}

/// CPU reference of the backward (f64 sums): `dwte += ..`, `dwpe += ..`.
pub fn embedding_backward_cpu(
    tokens: &[u32],
    dout: &[f32],
    dwte: &mut [f32],
    dwpe: &mut [f32],
    t: usize,
    c: usize,
    v: usize,
) {
    let mut gte = vec![0.0f64; v * c];
    let mut gpe = vec![0.0f64; t * c];
    for (n, &tok) in tokens.iter().enumerate() {
        let pos = n % t;
        for j in 0..c {
            let d = dout[n * c + j] as f64;
            if (tok as usize) < v {
                gte[tok as usize * c + j] += d;
            }
            gpe[pos * c + j] += d;
        }
    }
    for (w, g) in dwte.iter_mut().zip(&gte) {
        *w = (*w as f64 + g) as f32;
    }
    for (w, g) in dwpe.iter_mut().zip(&gpe) {
        *w = (*w as f64 + g) as f32;
    }
}
