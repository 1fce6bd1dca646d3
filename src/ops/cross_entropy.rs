//! Softmax cross-entropy loss for the language-model head, with its gradient written in place
//! over the logits.
//!
//! Shapes: `logits (N, V)` (the gradient `dL/dlogits (N, V)` after the backward), `targets (N)`
//! u32, `losses (N)`, `hits (N)`, `row_stats (N, 2)`, `stats (4)`.
//!
//! ```text
//! loss_n = -log softmax(x_n)[y_n] = logsumexp(x_n) - x_n[y_n]        (0 if row n is ignored)
//! L      = (1 / n_valid) * sum over valid rows of loss_n
//! ```
//! Gradient: `d logsumexp(x) / dx_j = exp(x_j) / sum_k exp(x_k) = softmax(x)_j` and
//! `d x[y] / dx_j = [j == y]`, so
//! `dL/dx_nj = (softmax(x_n)_j - [j == y_n]) / n_valid = (exp((x_nj - m_n) - log s_n) - [j == y_n]) / n_valid`
//! (`m_n` the row's max, `s_n = sum_j exp(x_nj - m_n)`) for valid rows and `0` for ignored ones; the launcher multiplies it by `dloss_scale` (e.g.
//! 1 / gradient-accumulation steps, or a loss scale).
//!
//! Memory: no second `N x V` tensor. The forward ([`CrossEntropy::forward`]) makes one
//! online-softmax pass over each row (a running max and a sum rescaled when the max grows) and
//! keeps only `row_stats_n = [m_n, log s_n]` (`logsumexp(x_n) = m_n + log s_n`, two floats a
//! row, apart so that the gradient stays f32-accurate at large logits); the backward
//! ([`CrossEntropy::backward`]) overwrites each logit with its gradient, so the head's matmul
//! backward reads `dL/dlogits` from the logits buffer. A forward-only run (evaluation,
//! sampling, fill, serve) never records the backward, so it leaves the logits intact; after a
//! training step the logits buffer holds the gradient. The head's peak is one `N x V` f32
//! buffer plus `5 N` words (targets, losses, hits, row_stats) and 4 stats:
//! `4 (N V + 5 N + 4)` bytes.
//!
//! A row is ignored when its target is [`IGNORE_INDEX`] (or any value `>= V`, which cannot index
//! the row; the GPU has no way to raise an error). `n_valid` is counted on the GPU, so the step
//! needs no readback. `hits_n` is 1 when row `n` is valid and its first largest logit is the
//! target's (the prediction is right), else 0. `stats = [L, n_valid, sum of losses, sum of
//! hits]`, so `stats[3] / stats[1]` is the accuracy over the valid rows (the masked-token
//! accuracy of the masked LM) at no extra pass; every reduction runs in a fixed order, so results
//! are bit-reproducible. Rows use max subtraction, so large logits are safe.

use bytemuck::{Pod, Zeroable};

use crate::error::{Error, Result};
use crate::gpu::{Buffers, DType, Dispatch, Gpu, Tensor, Workgroups};

/// Target value of a row that takes no part in the loss (padding, prompt tokens).
pub const IGNORE_INDEX: u32 = u32::MAX;

/// Workgroup size of the count and reduce kernels (a power of two <= 256; see the shader).
const WG: u32 = 64;

/// Lanes per row of the row kernels (one workgroup a row; at most the shader's `MAX_RWG`):
/// 64 for large vocabularies; 8 up to [`SMALL_V`] ids, where 64 lanes would each see a handful
/// of logits and the workgroup's combine would cost more than the row (on lavapipe the byte
/// model's cross-entropy took 3x longer with 64).
fn lanes_per_row(v: usize) -> u32 {
    if v <= SMALL_V {
        8
    } else {
        64
    }
}

/// The largest vocabulary that gets 8 lanes a row.
const SMALL_V: usize = 2048;

/// Mirrors `Params` in `shaders/cross_entropy.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct CrossEntropyParams {
    pub n: u32,
    pub v: u32,
    pub dloss_scale: f32,
    pub _pad: u32,
}

/// The dispatches of one cross-entropy: the forward (count valid rows, one pass a row, final
/// reduce) and the backward (the gradient, in place over the logits). Run the backward only
/// after the forward of the same logits.
pub struct CrossEntropy {
    pub forward: Vec<Dispatch>,
    pub backward: Vec<Dispatch>,
}

/// Records the cross-entropy of `logits`. `N` and `V` come from `logits.shape` (its last
/// dimension is `V`); `targets` must hold `N` u32, `losses` and `hits` `N` f32, `row_stats`
/// `2 N` f32 and
/// `stats` at least 4 f32. To change `dloss_scale` later, rewrite the [`CrossEntropyParams`] of
/// the backward's dispatch with `set_params`.
#[allow(clippy::too_many_arguments)]
pub fn cross_entropy(
    gpu: &Gpu,
    logits: &Tensor,
    targets: &Tensor,
    losses: &Tensor,
    hits: &Tensor,
    row_stats: &Tensor,
    stats: &Tensor,
    dloss_scale: f32,
) -> Result<CrossEntropy> {
    let bad = |m: String| Err(Error::shape("cross_entropy", m));
    let Some(&v) = logits.shape.last() else {
        return bad("logits has no dimensions".into());
    };
    let numel = logits.numel();
    if v == 0 || logits.dtype != DType::F32 {
        return bad(format!(
            "logits must be f32 (N, V) with V > 0, is {:?} {:?}",
            logits.dtype, logits.shape
        ));
    }
    let n = numel / v;
    if targets.dtype != DType::U32 || targets.numel() != n {
        return bad(format!(
            "targets must be u32 with N = {n} elements, is {:?} {:?}",
            targets.dtype, targets.shape
        ));
    }
    for (name, t, len) in [
        ("losses", losses, n),
        ("hits", hits, n),
        ("row_stats", row_stats, 2 * n),
    ] {
        if t.dtype != DType::F32 || t.numel() != len {
            return bad(format!("{name} must be f32 with {len} elements (N = {n})"));
        }
    }
    if stats.dtype != DType::F32 || stats.numel() < 4 {
        return bad("stats must be f32 with at least 4 elements".into());
    }
    let params = CrossEntropyParams {
        n: n as u32,
        v: v as u32,
        dloss_scale,
        _pad: 0,
    };
    let bytes = bytemuck::bytes_of(&params);
    let buffers = Buffers::new()
        .buf("logits", &logits.buffer)
        .buf("targets", &targets.buffer)
        .buf("losses", &losses.buffer)
        .buf("hits", &hits.buffer)
        .buf("row_stats", &row_stats.buffer)
        .buf("stats", &stats.buffer);
    let ov = [("WG", WG as f64), ("RWG", lanes_per_row(v) as f64)];
    let one = Workgroups::Direct([1, 1, 1]);
    // One workgroup a row.
    let per_row = Workgroups::linear(n, 1);
    let count = gpu.kernel("cross_entropy", "ce_count", &ov)?;
    let rows = gpu.kernel("cross_entropy", "ce_rows", &ov)?;
    let reduce = gpu.kernel("cross_entropy", "ce_reduce", &ov)?;
    let grad = gpu.kernel("cross_entropy", "ce_grad", &ov)?;
    Ok(CrossEntropy {
        forward: vec![
            gpu.dispatch(&count, &buffers, Some(bytes), one.clone())?,
            gpu.dispatch(&rows, &buffers, Some(bytes), per_row.clone())?,
            gpu.dispatch(&reduce, &buffers, Some(bytes), one)?,
        ],
        backward: vec![gpu.dispatch(&grad, &buffers, Some(bytes), per_row)?],
    })
}

fn is_valid(y: u32, v: usize) -> bool {
    (y as usize) < v
}

/// CPU reference (f64): `(losses (N), dlogits (N, V), stats [L, n_valid, sum, hits])`.
pub fn cross_entropy_cpu(
    logits: &[f32],
    targets: &[u32],
    v: usize,
    dloss_scale: f32,
) -> Result<(Vec<f32>, Vec<f32>, [f32; 4])> {
    let x: Vec<f64> = logits.iter().map(|&a| a as f64).collect();
    let (l, d, s) = cross_entropy_f64(&x, targets, v, dloss_scale as f64)?;
    Ok((
        l.iter().map(|&a| a as f32).collect(),
        d.iter().map(|&a| a as f32).collect(),
        [s[0] as f32, s[1] as f32, s[2] as f32, s[3] as f32],
    ))
}

/// The reference entirely in f64 (for finite-difference checks).
pub fn cross_entropy_f64(
    logits: &[f64],
    targets: &[u32],
    v: usize,
    dloss_scale: f64,
) -> Result<(Vec<f64>, Vec<f64>, [f64; 4])> {
    let n = targets.len();
    if v == 0 || logits.len() != n * v {
        return Err(Error::shape(
            "cross_entropy_cpu",
            format!("{} logits for {n} targets and V = {v}", logits.len()),
        ));
    }
    let n_valid = targets.iter().filter(|&&y| is_valid(y, v)).count() as f64;
    let scale = dloss_scale / n_valid.max(1.0);
    let mut losses = vec![0.0; n];
    let mut dlogits = vec![0.0; n * v];
    let mut hits = 0.0;
    for (r, &y) in targets.iter().enumerate() {
        if !is_valid(y, v) {
            continue;
        }
        let row = &logits[r * v..(r + 1) * v];
        let m = row.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        // The first largest logit is the prediction (the GPU's tie rule).
        if row.iter().position(|&a| a == m) == Some(y as usize) {
            hits += 1.0;
        }
        let s: f64 = row.iter().map(|&a| (a - m).exp()).sum();
        losses[r] = s.ln() - (row[y as usize] - m);
        for (j, (d, &a)) in dlogits[r * v..(r + 1) * v].iter_mut().zip(row).enumerate() {
            let g = (a - m).exp() / s - if j == y as usize { 1.0 } else { 0.0 };
            *d = g * scale;
        }
    }
    let sum: f64 = losses.iter().sum();
    let mean = if n_valid > 0.0 { sum / n_valid } else { 0.0 };
    Ok((losses, dlogits, [mean, n_valid, sum, hits]))
}
