//! LayerNorm over the last dimension: rows of `C`, `eps = 1e-5`.
//!
//! Shapes: `x`, `out`, `dout`, `dx`: `(N, C)`; `gamma`, `beta`, `dgamma`, `dbeta`: `(C)`;
//! `mean`, `rstd`: `(N)` (saved by the forward for the backward).
//!
//! Forward, per row: `mu = sum_j x_j / C`, `var = sum_j (x_j - mu)^2 / C` (biased),
//! `rstd = 1 / sqrt(var + eps)`, `xhat_j = (x_j - mu) rstd`, `out_j = gamma_j xhat_j + beta_j`.
//!
//! Gradient. Parameters: `dgamma_j = sum_rows dout_j xhat_j`, `dbeta_j = sum_rows dout_j`.
//! Input, per row, with `g_j = dout_j gamma_j` (the gradient w.r.t. `xhat_j`):
//! `d xhat_k / d x_i = rstd (delta_ik - 1/C) + (x_k - mu) d rstd / d x_i`, and
//! `d rstd / d x_i = -1/2 (var + eps)^(-3/2) d var / d x_i = -rstd^3 (x_i - mu) / C`
//! (the `-1/C` terms of `d var / d x_i` sum to zero because `sum_k (x_k - mu) = 0`).
//! So `d xhat_k / d x_i = rstd (delta_ik - 1/C - xhat_k xhat_i / C)`, and
//! `dx_i = sum_k g_k d xhat_k / d x_i = rstd (g_i - mean_k(g_k) - xhat_i mean_k(g_k xhat_k))`.
//!
//! Accumulation: `dgamma`, `dbeta` accumulate (`+=`, parameter gradients); `dx` is overwritten
//! or, with `accumulate_dx`, added to (the residual stream feeds several consumers).
//! Determinism: the row reductions are fixed trees in one workgroup; the parameter gradients
//! are summed per column over blocks of 32 rows in row order, then over the blocks in order
//! (no atomics), so two runs are bit-identical.

use bytemuck::{Pod, Zeroable};

use crate::error::{Error, Result};
use crate::gpu::{Buffers, DType, Dispatch, Gpu, Tensor, Workgroups};
use crate::ops::{expect_distinct, expect_len};
use crate::precision::widen;

/// The epsilon added to the variance.
pub const EPS: f32 = 1e-5;

/// Rows per block of the parameter-gradient partial sums (`RB` in the shader).
const RB: usize = 32;

/// Mirrors `Params` in `shaders/layernorm.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct LayerNormParams {
    pub n: u32,
    pub c: u32,
    /// 1: `dx +=` instead of `dx =`.
    pub flags: u32,
    /// Number of row blocks, `ceil(n / 32)`.
    pub nblk: u32,
    pub eps: f32,
    pub _pad: [u32; 3],
}

fn params(op: &str, n: usize, c: usize, flags: u32) -> Result<LayerNormParams> {
    if c == 0 {
        return Err(Error::shape(op, "C must be positive"));
    }
    let big = |what: &str| Error::shape(op, format!("{what} does not fit a u32 index"));
    let n32 = u32::try_from(n).map_err(|_| big("N"))?;
    let c32 = u32::try_from(c).map_err(|_| big("C"))?;
    u32::try_from(n * c).map_err(|_| big("N * C"))?;
    Ok(LayerNormParams {
        n: n32,
        c: c32,
        flags,
        nblk: n.div_ceil(RB) as u32,
        eps: EPS,
        _pad: [0; 3],
    })
}

/// Which kernels compute the row passes (forward and `dx`); the parameter-gradient passes are
/// shared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayerNormKernel {
    /// One workgroup of 64 per row with tree reductions in workgroup memory (GPUs).
    Workgroup,
    /// One invocation per row, no barriers (CPU adapters: lavapipe, llvmpipe).
    Rowwise,
}

impl LayerNormKernel {
    /// The faster kernel for the adapter.
    pub fn best(gpu: &Gpu) -> LayerNormKernel {
        if gpu.info.device_type == wgpu::DeviceType::Cpu {
            LayerNormKernel::Rowwise
        } else {
            LayerNormKernel::Workgroup
        }
    }

    fn entry(self, backward: bool) -> &'static str {
        match (self, backward) {
            (LayerNormKernel::Workgroup, false) => "ln_forward",
            (LayerNormKernel::Workgroup, true) => "ln_backward_dx",
            (LayerNormKernel::Rowwise, false) => "ln_forward_rowwise",
            (LayerNormKernel::Rowwise, true) => "ln_backward_dx_rowwise",
        }
    }

    fn workgroups(self, n: usize) -> Workgroups {
        match self {
            LayerNormKernel::Workgroup => Workgroups::linear(n, 1),
            LayerNormKernel::Rowwise => Workgroups::linear(n, 64),
        }
    }
}

/// Records the forward: `out = layernorm(x) * gamma + beta`, saving `mean` and `rstd`, with
/// `kernel` (`None`: the adapter's best, [`LayerNormKernel::best`]).
#[allow(clippy::too_many_arguments)]
pub fn layernorm_forward(
    gpu: &Gpu,
    x: &Tensor,
    gamma: &Tensor,
    beta: &Tensor,
    out: &Tensor,
    mean: &Tensor,
    rstd: &Tensor,
    n: usize,
    c: usize,
    kernel: Option<LayerNormKernel>,
) -> Result<Dispatch> {
    let variant = kernel.unwrap_or_else(|| LayerNormKernel::best(gpu));
    let op = "layernorm_forward";
    expect_len(op, "x", x, n * c)?;
    expect_len(op, "gamma", gamma, c)?;
    expect_len(op, "beta", beta, c)?;
    expect_len(op, "out", out, n * c)?;
    expect_len(op, "mean", mean, n)?;
    expect_len(op, "rstd", rstd, n)?;
    for (rn, r) in [("x", x), ("gamma", gamma), ("beta", beta)] {
        for (wn, w) in [("out", out), ("mean", mean), ("rstd", rstd)] {
            expect_distinct(op, (rn, r), (wn, w))?;
        }
    }
    if out.buffer == mean.buffer || out.buffer == rstd.buffer || mean.buffer == rstd.buffer {
        return Err(Error::shape(
            op,
            "out, mean and rstd must be distinct tensors",
        ));
    }
    let p = params(op, n, c, 0)?;
    let k = gpu.kernel("layernorm", variant.entry(false), &[])?;
    gpu.dispatch(
        &k,
        &Buffers::new()
            .buf("x", &x.buffer)
            .buf("gamma", &gamma.buffer)
            .buf("beta", &beta.buffer)
            .buf("out", &out.buffer)
            .buf("mean", &mean.buffer)
            .buf("rstd", &rstd.buffer),
        Some(bytemuck::bytes_of(&p)),
        variant.workgroups(n),
    )
}

/// Records the backward: `dx` (overwritten, or `+=` with `accumulate_dx`), `dgamma += ..`,
/// `dbeta += ..`. Three dispatches: dx, per-block column partials, column reduction. `kernel`
/// picks the dx pass (`None`: the adapter's best, [`LayerNormKernel::best`]).
#[allow(clippy::too_many_arguments)]
pub fn layernorm_backward(
    gpu: &Gpu,
    x: &Tensor,
    gamma: &Tensor,
    mean: &Tensor,
    rstd: &Tensor,
    dout: &Tensor,
    dx: &Tensor,
    dgamma: &Tensor,
    dbeta: &Tensor,
    n: usize,
    c: usize,
    accumulate_dx: bool,
    kernel: Option<LayerNormKernel>,
) -> Result<Vec<Dispatch>> {
    let variant = kernel.unwrap_or_else(|| LayerNormKernel::best(gpu));
    let op = "layernorm_backward";
    expect_len(op, "x", x, n * c)?;
    expect_len(op, "gamma", gamma, c)?;
    expect_len(op, "mean", mean, n)?;
    expect_len(op, "rstd", rstd, n)?;
    expect_len(op, "dout", dout, n * c)?;
    expect_len(op, "dx", dx, n * c)?;
    expect_len(op, "dgamma", dgamma, c)?;
    expect_len(op, "dbeta", dbeta, c)?;
    let reads = [
        ("x", x),
        ("gamma", gamma),
        ("mean", mean),
        ("rstd", rstd),
        ("dout", dout),
    ];
    for (rn, r) in reads {
        for (wn, w) in [("dx", dx), ("dgamma", dgamma), ("dbeta", dbeta)] {
            expect_distinct(op, (rn, r), (wn, w))?;
        }
    }
    if dgamma.buffer == dbeta.buffer {
        return Err(Error::shape(
            op,
            "dgamma and dbeta must be distinct tensors",
        ));
    }
    let p = params(op, n, c, accumulate_dx as u32)?;
    let nblk = n.div_ceil(RB).max(1);
    let partial = Tensor::zeros(gpu, &[nblk, c, 2], DType::F32, "layernorm dparams partial")?;
    // The backward writes dx through the forward's output binding `out`.
    let buffers = Buffers::new()
        .buf("x", &x.buffer)
        .buf("gamma", &gamma.buffer)
        .buf("dout", &dout.buffer)
        .buf("out", &dx.buffer)
        .buf("dgamma", &dgamma.buffer)
        .buf("dbeta", &dbeta.buffer)
        .buf("partial", &partial.buffer)
        .buf("mean_in", &mean.buffer)
        .buf("rstd_in", &rstd.buffer);
    let pb = bytemuck::bytes_of(&p);
    let kdx = gpu.kernel("layernorm", variant.entry(true), &[])?;
    let kpart = gpu.kernel("layernorm", "ln_dparams_partial", &[])?;
    let kred = gpu.kernel("layernorm", "ln_dparams_reduce", &[])?;
    let cg = (c as u32).div_ceil(64);
    Ok(vec![
        gpu.dispatch(&kdx, &buffers, Some(pb), variant.workgroups(n))?,
        gpu.dispatch(
            &kpart,
            &buffers,
            Some(pb),
            Workgroups::Direct([cg, p.nblk.max(1), 1]),
        )?,
        gpu.dispatch(&kred, &buffers, Some(pb), Workgroups::Direct([cg, 1, 1]))?,
    ])
}

/// CPU reference of the forward (f64): returns `(out, mean, rstd)`.
pub fn layernorm_forward_cpu(
    x: &[f32],
    gamma: &[f32],
    beta: &[f32],
    n: usize,
    c: usize,
) -> (Vec<f32>, Vec<f32>, Vec<f32>) {
    let (out, mean, rstd) = forward_f64(&widen(x), &widen(gamma), &widen(beta), n, c);
    (
        out.iter().map(|&v| v as f32).collect(),
        mean.iter().map(|&v| v as f32).collect(),
        rstd.iter().map(|&v| v as f32).collect(),
    )
}

fn forward_f64(
    x: &[f64],
    gamma: &[f64],
    beta: &[f64],
    n: usize,
    c: usize,
) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let mut out = vec![0.0; n * c];
    let mut mean = vec![0.0; n];
    let mut rstd = vec![0.0; n];
    for i in 0..n {
        let row = &x[i * c..(i + 1) * c];
        let m = row.iter().sum::<f64>() / c as f64;
        let var = row.iter().map(|&v| (v - m).powi(2)).sum::<f64>() / c as f64;
        let r = 1.0 / (var + EPS as f64).sqrt();
        for j in 0..c {
            out[i * c + j] = (row[j] - m) * r * gamma[j] + beta[j];
        }
        mean[i] = m;
        rstd[i] = r;
    }
    (out, mean, rstd)
}

/// CPU reference of the backward (f64), recomputing mean and rstd from `x`. Overwrites `dx`
/// (or adds to it with `accumulate_dx`); adds to `dgamma` and `dbeta`.
#[allow(clippy::too_many_arguments)]
pub fn layernorm_backward_cpu(
    x: &[f32],
    gamma: &[f32],
    dout: &[f32],
    dx: &mut [f32],
    dgamma: &mut [f32],
    dbeta: &mut [f32],
    n: usize,
    c: usize,
    accumulate_dx: bool,
) {
    let mut dg = vec![0.0f64; c];
    let mut db = vec![0.0f64; c];
    let beta = vec![0.0f64; c];
    let (_, mean, rstd) = forward_f64(&widen(x), &widen(gamma), &beta, n, c);
    for i in 0..n {
        let (m, r) = (mean[i], rstd[i]);
        let xhat: Vec<f64> = (0..c).map(|j| (x[i * c + j] as f64 - m) * r).collect();
        let g: Vec<f64> = (0..c)
            .map(|j| dout[i * c + j] as f64 * gamma[j] as f64)
            .collect();
        let mg = g.iter().sum::<f64>() / c as f64;
        let mgx = g.iter().zip(&xhat).map(|(a, b)| a * b).sum::<f64>() / c as f64;
        for j in 0..c {
            let d = r * (g[j] - mg - xhat[j] * mgx);
            let k = i * c + j;
            dx[k] = if accumulate_dx {
                (dx[k] as f64 + d) as f32
            } else {
                d as f32
            };
            dg[j] += dout[k] as f64 * xhat[j];
            db[j] += dout[k] as f64;
        }
    }
    for j in 0..c {
        dgamma[j] = (dgamma[j] as f64 + dg[j]) as f32;
        dbeta[j] = (dbeta[j] as f64 + db[j]) as f32;
    }
}

/// `out` of the forward with f64 inputs and arithmetic (for finite-difference checks).
pub fn layernorm_forward_f64(
    x: &[f64],
    gamma: &[f64],
    beta: &[f64],
    n: usize,
    c: usize,
) -> Vec<f64> {
    forward_f64(x, gamma, beta, n, c).0
}
