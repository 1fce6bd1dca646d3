//! Multi-head self-attention, forward and backward: causal (decoder) or bidirectional with a
//! key padding mask (encoder; sequences of unequal length in one batch).
//!
//! Shapes (`D = C / H`, `Z = B * H`):
//! - `qkv (B, T, 3C)`: row-major, `q = qkv[.., 0:C]`, `k = qkv[.., C:2C]`, `v = qkv[.., 2C:3C]`;
//!   head `h` uses columns `h*D .. (h+1)*D` of each part (the crate's layout convention: one
//!   `(C, 3C)` input projection, `[q | k | v]`, heads contiguous; docs/ARCHITECTURE.md).
//! - `out (B, T, C)`: the heads' outputs concatenated, head `h` in columns `h*D .. (h+1)*D`.
//! - scratch in [`AttentionBuffers`]: `att (B, H, T, T)` the probabilities (kept for the
//!   backward) and `datt (B, H, T, T)` the score gradients;
//! - `lengths (B)` u32 (bidirectional only, optional): the number of valid keys of each
//!   sequence, held by the buffers as a clone of the caller's tensor, so that rewriting it
//!   changes the mask of recorded dispatches.
//!
//! The mask ([`AttentionMask`]) gives each query row `i` of sequence `b` its key set `A_i`:
//! ```text
//! causal:         A_i = { j : j <= i }
//! bidirectional:  A_i = { j : j < L_b },  L_b = min(lengths[b], T)  (T without lengths)
//! ```
//! Under the bidirectional mask every query row, padded ones (`i >= L_b`) included, attends the
//! same valid keys: its output is finite and its gradient is whatever flows into it (the loss
//! decides whether padded rows count). `L_b = 0` is allowed: `A_i` is empty and `P`, `O` and
//! every gradient of that sequence are zero.
//!
//! Forward, per batch `b` and head `h` (`Q, K, V` are `T x D` views into `qkv`):
//! ```text
//! S = scale * Q K^T                                    scale = 1 / sqrt(D)
//! P[i, j] = exp(S_ij - m_i) / sum_{k in A_i} exp(S_ik - m_i)   for j in A_i,
//!           m_i = max_{k in A_i} S_ik;   P[i, j] = 0 for j not in A_i
//! O = P V                                              (O_i = 0 when A_i is empty)
//! ```
//! Backward, given `dO` (a `T x D` view into `dout`) and the forward's `O`:
//! ```text
//! dV = P^T dO                  (O = P V: dO/dV_jd = P_ij)
//! dP = dO V^T                  (dO/dP_ij = V_j)
//! dS_ij = scale * P_ij * (dP_ij - sum_{k in A_i} P_ik dP_ik)   for j in A_i, else 0
//!     (softmax over A_i: for j, k in A_i, dP_ij/dS_ik = P_ij (delta_jk - P_ik), so
//!      dS_ik = sum_{j in A_i} dP_ij P_ij (delta_jk - P_ik) = P_ik (dP_ik - sum_j P_ij dP_ij);
//!      for k not in A_i, S_ik never enters P, so dS_ik = 0, and P_ij = 0 there is a
//!      constant, so its dP_ij drops out of every sum; the factor scale is the derivative of
//!      S = scale * Q K^T)
//! sum_{k in A_i} P_ik dP_ik = sum_k P_ik dO_i . V_k = dO_i . O_i      (the fused kernels' delta_i)
//! dQ_i = sum_{j in A_i} dS_ij K_j            (S_ij = sum_d Q_id K_jd)
//! dK_j = sum_{i : j in A_i} dS_ij Q_i
//! dV_j = sum_{i : j in A_i} P_ij dO_i
//! ```
//! What the mask changes in these sums: the query-row sums (`m_i`, the softmax sum, `O_i`,
//! `sum_k P_ik dP_ik`, `dQ_i`) run over `j <= i` (causal) or `j < L_b` (bidirectional); the
//! key-row sums (`dK_j`, `dV_j`) over the rows `i >= j` (causal) or over every row `i`, padded
//! ones included, when `j < L_b`, and over no row for a padded key `j >= L_b`, whose `dK_j`
//! and `dV_j` are exactly 0 (bidirectional).
//!
//! Heads up to [`FUSED_MAX_D`] wide (the usual case) run fused kernels
//! (`shaders/attention.wgsl`): the forward is one dispatch over the query rows (scores, masked
//! softmax and `P V` in two passes over the keys in `A_i`, writing `P` to `att`); the backward
//! is two: over the query rows `dS` (into `datt`, with `delta_i = dO_i . O_i` from the forward's
//! output, so one pass over the keys) and `dQ`, then over the key rows `dK` and `dV` from
//! column `j` of `P` and `dS`. Every sum is a fixed-order loop in one invocation
//! (deterministic, no atomics) and masked entries are skipped. The mask is the WGSL override
//! `CAUSAL`: one kernel source, a pipeline per mask, and the causal pipelines compile as they
//! did before the bidirectional mask existed (they never read `lengths`). Heads up to 32 wide
//! keep each row in registers (8 named `vec4`s) with 4 rows per invocation and `vec4` loads
//! when `D` and `C` are multiples of 4; wider ones use private arrays, one row per invocation.
//! The register kernels come in two builds that differ only in how the row every lane of a
//! loop iteration reads (a K, V, Q or dO row) is loaded: each invocation loads it
//! (`attention_v32_*`), or each of a subgroup's 8 lanes loads one `vec4` of it and
//! `subgroupBroadcast` spreads it (`attention_sg_*`, `shaders/attention_sg.wgsl`; the default
//! on CPU adapters with subgroups, where a load every lane makes is a scalar loop over the
//! lanes; [`AttentionBuffers::with_subgroups`] picks one).
//! At the sizes of small models this is much faster than batched matmuls, whose cost there is
//! all overhead (on llvmpipe, arithmetic per loaded scalar is what pays).
//!
//! Wider heads use the generic path: the six matmuls go through
//! [`crate::ops::matmul::matmul`], batched over `(b, h)` with `b` as
//! the outer and `h` as the inner batch index (heads interleaved inside the rows of `qkv`), so
//! each `T x T` score matrix is computed once per `(b, h)` on the GPU; the two row-wise masked
//! softmax kernels (`softmax_masked`, `softmax_masked_backward`, the same `CAUSAL` override) are
//! in `shaders/attention.wgsl`. `dqkv` is overwritten (all three parts), like every activation
//! gradient that has one consumer.

use bytemuck::{Pod, Zeroable};

use crate::error::{Error, Result};
use crate::gpu::{Buffers, DType, Dispatch, Gpu, Tensor, Workgroups};
use crate::ops::matmul::{matmul, MatmulSpec, Strided};
use crate::ops::{expect_len, expect_tensor};
use crate::precision::narrow;

/// Mirrors `Params` in `shaders/attention.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct AttentionParams {
    pub t: u32,
    pub z: u32,
    pub scale: f32,
    pub h: u32,
    pub c: u32,
    pub _pad: [u32; 3],
}

/// Workgroup size of the softmax kernels (a power of two <= 64; see the shader).
const WG: u32 = 64;

/// Largest head width `D` of the fused kernels (`MAXD` in the shader); wider heads take the
/// generic matmul + softmax path.
pub const FUSED_MAX_D: usize = 64;

/// Workgroup size of the fused kernels (one invocation per row).
const FWG: u32 = 32;

/// Head widths up to this use the register kernels (`attention_v32_*`, rows as 8 named
/// `vec4`s); wider ones up to [`FUSED_MAX_D`] use `attention_fused_*` (private arrays).
const V32_MAX_D: usize = 32;

/// Rows per invocation of the `attention_v32_*` kernels (`R` in the shader).
const V32_ROWS: u32 = 4;

/// Workgroup size of the `attention_sg_*` kernels: one subgroup of 8 lanes.
const SG_WG: u32 = 8;

/// Whether the adapter runs the subgroup twins of the register kernels (`attention_sg_*`,
/// `shaders/attention_sg.wgsl`): subgroups of at least 8 lanes, as the subgroup matmul needs.
pub fn subgroup_kernels_supported(gpu: &Gpu) -> bool {
    gpu.has_subgroups() && gpu.info.subgroup_min_size >= 8
}

/// Whether heads up to 32 wide use the subgroup kernels by default: on CPU adapters that have
/// them (lavapipe), where every lane's load of the row all lanes share is a scalar loop and one
/// `vec4` load per lane plus broadcasts is cheaper (docs/MLM.md gives the measurement). Real
/// GPUs keep the per-invocation loads, which their caches serve.
fn subgroup_kernels_by_default(gpu: &Gpu) -> bool {
    gpu.info.device_type == wgpu::DeviceType::Cpu && subgroup_kernels_supported(gpu)
}

/// Dimensions of one attention call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttentionDims {
    pub b: usize,
    pub t: usize,
    pub c: usize,
    pub h: usize,
}

impl AttentionDims {
    /// Head width `D = C / H`.
    pub fn d(&self) -> usize {
        self.c / self.h
    }

    /// `1 / sqrt(D)`.
    pub fn scale(&self) -> f32 {
        (1.0 / (self.d() as f64).sqrt()) as f32
    }

    fn check(&self) -> Result<()> {
        if self.h == 0 || self.c == 0 || !self.c.is_multiple_of(self.h) {
            return Err(Error::shape(
                "attention",
                format!(
                    "C = {} is not a positive multiple of H = {}",
                    self.c, self.h
                ),
            ));
        }
        if self.b == 0 || self.t == 0 {
            return Err(Error::shape(
                "attention",
                format!("B = {} and T = {} must be positive", self.b, self.t),
            ));
        }
        if self.t > 65535 || self.b * self.h > 65535 {
            return Err(Error::shape(
                "attention",
                format!(
                    "T = {} and B * H = {} must be at most 65535",
                    self.t,
                    self.b * self.h
                ),
            ));
        }
        Ok(())
    }
}

/// Which keys each query row attends (the module docs give the sets and the maths).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum AttentionMask {
    /// Query `i` attends keys `j <= i` (decoder-only language model).
    #[default]
    Causal,
    /// Query `i` attends every valid key `j < min(lengths[b], T)`, or all `T` keys without
    /// lengths (masked-LM and translation encoders).
    Bidirectional,
}

impl AttentionMask {
    /// The mask named `causal` or `bidirectional` (command-line spelling).
    pub fn parse(name: &str) -> Result<AttentionMask> {
        match name {
            "causal" => Ok(AttentionMask::Causal),
            "bidirectional" => Ok(AttentionMask::Bidirectional),
            other => Err(Error::Config(format!(
                "unknown attention mask {other:?} (expected causal or bidirectional)"
            ))),
        }
    }

    /// The command-line spelling ([`AttentionMask::parse`] reads it back).
    pub fn name(self) -> &'static str {
        match self {
            AttentionMask::Causal => "causal",
            AttentionMask::Bidirectional => "bidirectional",
        }
    }

    /// Query-key pairs one `(b, h)` scores over `T` keys with every key valid: `T (T + 1) / 2`
    /// causal, `T^2` bidirectional (FLOP models count these).
    pub fn pairs(self, t: usize) -> usize {
        match self {
            AttentionMask::Causal => t * (t + 1) / 2,
            AttentionMask::Bidirectional => t * t,
        }
    }

    /// The value of the shader's `CAUSAL` override.
    fn causal_override(self) -> f64 {
        (self == AttentionMask::Causal) as u32 as f64
    }
}

/// One past the last key query row `i` of sequence `bb` attends: `A_i = 0..key_end` (see the
/// module docs; `lengths` already checked against the mask and `B`).
fn key_end(mask: AttentionMask, lengths: Option<&[u32]>, t: usize, bb: usize, i: usize) -> usize {
    match mask {
        AttentionMask::Causal => i + 1,
        AttentionMask::Bidirectional => lengths.map_or(t, |l| (l[bb] as usize).min(t)),
    }
}

/// Lengths are a bidirectional mask's, one per sequence.
fn check_lengths(op: &str, d: &AttentionDims, mask: AttentionMask, n: Option<usize>) -> Result<()> {
    match (mask, n) {
        (AttentionMask::Causal, Some(_)) => Err(Error::Config(format!(
            "{op}: key lengths apply to the bidirectional mask only"
        ))),
        (AttentionMask::Bidirectional, Some(n)) if n != d.b => Err(Error::shape(
            op,
            format!("lengths has {n} elements, expected B = {}", d.b),
        )),
        _ => Ok(()),
    }
}

/// Scratch owned by one attention layer: `att (B, H, T, T)` (probabilities, saved for the
/// backward) and `datt (B, H, T, T)` (dP, then dS, during the backward); the mask, and for a
/// bidirectional one the key lengths.
pub struct AttentionBuffers {
    pub dims: AttentionDims,
    pub att: Tensor,
    pub datt: Tensor,
    mask: AttentionMask,
    /// The caller's `lengths (B)` u32 (a clone: the same GPU buffer).
    lengths: Option<Tensor>,
    /// `(B)` u32 holding `T`: bound as `lengths` when the caller gave none (every key valid;
    /// the causal kernels bind it but never read it).
    all_keys: Tensor,
    /// Heads up to 32 wide run the subgroup kernels (`attention_sg_*`) instead of
    /// `attention_v32_*`; see [`AttentionBuffers::with_subgroups`].
    subgroups: bool,
}

impl AttentionBuffers {
    /// Causal attention (every existing caller).
    pub fn new(gpu: &Gpu, b: usize, t: usize, c: usize, h: usize) -> Result<AttentionBuffers> {
        Self::with_mask(gpu, b, t, c, h, AttentionMask::Causal, None)
    }

    /// Bidirectional attention. `lengths (B)` u32, when given, holds the number of valid keys of
    /// each sequence (`1..=T`; keys `j >= lengths[b]` get probability 0, 0 makes the sequence's
    /// output 0, values above `T` count as `T`); without it every key is valid. The buffers
    /// keep a clone of the tensor (the same GPU buffer): rewriting it (`Tensor::write_u32`)
    /// before a step changes the mask of dispatches already recorded.
    pub fn bidirectional(
        gpu: &Gpu,
        b: usize,
        t: usize,
        c: usize,
        h: usize,
        lengths: Option<&Tensor>,
    ) -> Result<AttentionBuffers> {
        Self::with_mask(gpu, b, t, c, h, AttentionMask::Bidirectional, lengths)
    }

    /// Either mask (a model choosing it from its config); `lengths` only with
    /// [`AttentionMask::Bidirectional`] (see [`AttentionBuffers::bidirectional`]).
    pub fn with_mask(
        gpu: &Gpu,
        b: usize,
        t: usize,
        c: usize,
        h: usize,
        mask: AttentionMask,
        lengths: Option<&Tensor>,
    ) -> Result<AttentionBuffers> {
        let dims = AttentionDims { b, t, c, h };
        dims.check()?;
        check_lengths("attention", &dims, mask, lengths.map(Tensor::numel))?;
        if let Some(l) = lengths {
            expect_tensor("attention", "lengths", l, DType::U32, b)?;
        }
        let shape = [b, h, t, t];
        Ok(AttentionBuffers {
            dims,
            att: Tensor::zeros(gpu, &shape, DType::F32, "attention.att")?,
            datt: Tensor::zeros(gpu, &shape, DType::F32, "attention.datt")?,
            mask,
            lengths: lengths.cloned(),
            all_keys: Tensor::from_u32(gpu, &[b], &vec![t as u32; b], "attention.all_keys")?,
            subgroups: subgroup_kernels_by_default(gpu),
        })
    }

    /// The same buffers with the subgroup kernels for heads up to 32 wide switched on or off
    /// (the default: on for CPU adapters that support them). Both compute the same values;
    /// tests and benches pick one to check or time each. Switching on where
    /// [`subgroup_kernels_supported`] is false is an error.
    pub fn with_subgroups(mut self, gpu: &Gpu, on: bool) -> Result<AttentionBuffers> {
        if on && !subgroup_kernels_supported(gpu) {
            return Err(Error::Config(format!(
                "attention subgroup kernels need subgroups of at least 8 lanes (adapter {:?}: \
                 subgroup feature {}, minimum size {})",
                gpu.info.name,
                gpu.has_subgroups(),
                gpu.info.subgroup_min_size
            )));
        }
        self.subgroups = on;
        Ok(self)
    }

    /// Whether the subgroup kernels run (heads up to 32 wide only).
    pub fn subgroups(&self) -> bool {
        self.subgroups && self.dims.d() <= V32_MAX_D
    }

    /// The mask the dispatches recorded from these buffers apply.
    pub fn mask(&self) -> AttentionMask {
        self.mask
    }

    /// The caller's key lengths (bidirectional with padding), if any.
    pub fn lengths(&self) -> Option<&Tensor> {
        self.lengths.as_ref()
    }

    /// The buffer bound as the shaders' `lengths`.
    fn lengths_buffer(&self) -> &wgpu::Buffer {
        &self.lengths.as_ref().unwrap_or(&self.all_keys).buffer
    }
}

/// Operand view of one `T x D` head of part `part` (0 q, 1 k, 2 v) of `qkv (B, T, 3C)`.
fn qkv_view(d: &AttentionDims, part: usize) -> Strided {
    Strided {
        offset: part * d.c,
        outer: d.t * 3 * d.c,
        inner: d.d(),
        ld: 3 * d.c,
    }
}

/// View of one `T x D` head of a `(B, T, C)` tensor (`out`, `dout`).
fn btc_view(d: &AttentionDims) -> Strided {
    Strided {
        offset: 0,
        outer: d.t * d.c,
        inner: d.d(),
        ld: d.c,
    }
}

/// View of one `T x T` matrix of a `(B, H, T, T)` tensor.
fn att_view(d: &AttentionDims) -> Strided {
    Strided {
        offset: 0,
        outer: d.h * d.t * d.t,
        inner: d.t * d.t,
        ld: d.t,
    }
}

/// `C (m x n) = op(A) op(B)` batched over `(b, h)`.
#[allow(clippy::too_many_arguments)]
fn head_spec(
    d: &AttentionDims,
    m: usize,
    n: usize,
    k: usize,
    trans_a: bool,
    trans_b: bool,
    a: Strided,
    b: Strided,
    c: Strided,
    alpha: f32,
) -> MatmulSpec {
    let mut s = MatmulSpec::new(m, n, k, trans_a, trans_b);
    s.batch = d.b * d.h;
    s.inner = d.h;
    s.a = a;
    s.b = b;
    s.c = c;
    s.alpha = alpha;
    s
}

fn params(d: &AttentionDims) -> AttentionParams {
    AttentionParams {
        t: d.t as u32,
        z: (d.b * d.h) as u32,
        scale: d.scale(),
        h: d.h as u32,
        c: d.c as u32,
        _pad: [0; 3],
    }
}

fn softmax_dispatch(gpu: &Gpu, entry: &str, bufs: &AttentionBuffers) -> Result<Dispatch> {
    let d = &bufs.dims;
    let params = params(d);
    let k = gpu.kernel(
        "attention",
        entry,
        &[("WG", WG as f64), ("CAUSAL", bufs.mask.causal_override())],
    )?;
    gpu.dispatch(
        &k,
        &Buffers::new()
            .buf("att_in", &bufs.att.buffer)
            .buf("att", &bufs.att.buffer)
            .buf("datt", &bufs.datt.buffer)
            .buf("lengths", bufs.lengths_buffer()),
        Some(bytemuck::bytes_of(&params)),
        Workgroups::Direct([d.t as u32, (d.b * d.h) as u32, 1]),
    )
}

/// Whether the fused kernels handle these dimensions (head width at most [`FUSED_MAX_D`]).
pub fn uses_fused(d: &AttentionDims) -> bool {
    d.d() <= FUSED_MAX_D
}

/// One fused kernel over rows `0..T` x batches `0..Z`; `qkv4` and `dout4` are the vec4 views
/// of `qkv` and `dout`, `o` the forward's output (read by the backward only).
fn fused_dispatch(
    gpu: &Gpu,
    entry: &str,
    bufs: &AttentionBuffers,
    qkv: &Tensor,
    dout: &Tensor,
    o: &Tensor,
    res: &Tensor,
) -> Result<Dispatch> {
    let d = &bufs.dims;
    let params = params(d);
    let (shader, entry, rows, wg) = if bufs.subgroups() {
        (
            "attention_sg",
            format!("attention_sg_{entry}"),
            V32_ROWS,
            SG_WG,
        )
    } else if d.d() <= V32_MAX_D {
        ("attention", format!("attention_v32_{entry}"), V32_ROWS, FWG)
    } else {
        ("attention", format!("attention_fused_{entry}"), 1, FWG)
    };
    let vec4 = d.d().is_multiple_of(4) && d.c.is_multiple_of(4);
    let k = gpu.kernel(
        shader,
        &entry,
        &[
            ("HD", d.d() as f64),
            ("FWG", wg as f64),
            ("VEC4", vec4 as u32 as f64),
            ("CAUSAL", bufs.mask.causal_override()),
        ],
    )?;
    gpu.dispatch(
        &k,
        &Buffers::new()
            .buf("att_in", &bufs.att.buffer)
            .buf("att", &bufs.att.buffer)
            .buf("datt", &bufs.datt.buffer)
            .buf("qkv", &qkv.buffer)
            .buf("dout", &dout.buffer)
            .buf("res", &res.buffer)
            .buf("qkv4", &qkv.buffer)
            .buf("dout4", &dout.buffer)
            .buf("o", &o.buffer)
            .buf("lengths", bufs.lengths_buffer()),
        Some(bytemuck::bytes_of(&params)),
        Workgroups::Direct([(d.t as u32).div_ceil(wg * rows), (d.b * d.h) as u32, 1]),
    )
}

/// Records the forward: `out (B, T, C)` from `qkv (B, T, 3C)` under the mask of `bufs`; leaves
/// the probabilities in `bufs.att` for the backward. One fused dispatch when `D <= FUSED_MAX_D`, else three
/// (scores, softmax, P V).
pub fn attention_forward(
    gpu: &Gpu,
    qkv: &Tensor,
    out: &Tensor,
    bufs: &AttentionBuffers,
) -> Result<Vec<Dispatch>> {
    let d = bufs.dims;
    expect_len("attention", "qkv", qkv, d.b * d.t * 3 * d.c)?;
    expect_len("attention", "out", out, d.b * d.t * d.c)?;
    if uses_fused(&d) {
        return Ok(vec![fused_dispatch(
            gpu, "forward", bufs, qkv, qkv, out, out,
        )?]);
    }
    let (t, hd) = (d.t, d.d());
    // S = scale Q K^T
    let scores = head_spec(
        &d,
        t,
        t,
        hd,
        false,
        true,
        qkv_view(&d, 0),
        qkv_view(&d, 1),
        att_view(&d),
        d.scale(),
    );
    // O = P V
    let pv = head_spec(
        &d,
        t,
        hd,
        t,
        false,
        false,
        att_view(&d),
        qkv_view(&d, 2),
        btc_view(&d),
        1.0,
    );
    Ok(vec![
        matmul(gpu, &scores, qkv, qkv, None, &bufs.att)?,
        softmax_dispatch(gpu, "softmax_masked", bufs)?,
        matmul(gpu, &pv, &bufs.att, qkv, None, out)?,
    ])
}

/// Records the backward: overwrites all of `dqkv (B, T, 3C)` from `dout (B, T, C)`, using the
/// probabilities the forward left in `bufs.att` and its output `out (B, T, C)` (the fused
/// kernels take `delta_i = dO_i . O_i` from it). Two fused dispatches (dS and dQ per query row,
/// then dK and dV per key row) when `D <= FUSED_MAX_D`, else five.
pub fn attention_backward(
    gpu: &Gpu,
    qkv: &Tensor,
    out: &Tensor,
    dout: &Tensor,
    dqkv: &Tensor,
    bufs: &AttentionBuffers,
) -> Result<Vec<Dispatch>> {
    let d = bufs.dims;
    expect_len("attention", "qkv", qkv, d.b * d.t * 3 * d.c)?;
    expect_len("attention", "out", out, d.b * d.t * d.c)?;
    expect_len("attention", "dout", dout, d.b * d.t * d.c)?;
    expect_len("attention", "dqkv", dqkv, d.b * d.t * 3 * d.c)?;
    if uses_fused(&d) {
        return Ok(vec![
            fused_dispatch(gpu, "backward_q", bufs, qkv, dout, out, dqkv)?,
            fused_dispatch(gpu, "backward_kv", bufs, qkv, dout, out, dqkv)?,
        ]);
    }
    let (t, hd) = (d.t, d.d());
    let (att, q, k, v, o) = (
        att_view(&d),
        qkv_view(&d, 0),
        qkv_view(&d, 1),
        qkv_view(&d, 2),
        btc_view(&d),
    );
    // dV = P^T dO
    let dv = head_spec(&d, t, hd, t, true, false, att, o, v, 1.0);
    // dP = dO V^T
    let dp = head_spec(&d, t, t, hd, false, true, o, v, att, 1.0);
    // dQ = dS K
    let dq = head_spec(&d, t, hd, t, false, false, att, k, q, 1.0);
    // dK = dS^T Q
    let dk = head_spec(&d, t, hd, t, true, false, att, q, k, 1.0);
    Ok(vec![
        matmul(gpu, &dv, &bufs.att, dout, None, dqkv)?,
        matmul(gpu, &dp, dout, qkv, None, &bufs.datt)?,
        softmax_dispatch(gpu, "softmax_masked_backward", bufs)?,
        matmul(gpu, &dq, &bufs.datt, qkv, None, dqkv)?,
        matmul(gpu, &dk, &bufs.datt, qkv, None, dqkv)?,
    ])
}

/// CPU reference forward of causal attention (f64 accumulation): returns
/// `(out (B, T, C), att (B, H, T, T))`.
pub fn attention_forward_cpu(d: &AttentionDims, qkv: &[f32]) -> Result<(Vec<f32>, Vec<f32>)> {
    attention_forward_masked_cpu(d, AttentionMask::Causal, None, qkv)
}

/// CPU reference backward of causal attention (f64 accumulation): `dqkv (B, T, 3C)` from `qkv`
/// and `dout`.
pub fn attention_backward_cpu(d: &AttentionDims, qkv: &[f32], dout: &[f32]) -> Result<Vec<f32>> {
    attention_backward_masked_cpu(d, AttentionMask::Causal, None, qkv, dout)
}

/// CPU reference forward under `mask` (f64 accumulation); `lengths (B)` as the GPU's (only
/// with [`AttentionMask::Bidirectional`]; values above `T` count as `T`): `(out, att)`.
pub fn attention_forward_masked_cpu(
    d: &AttentionDims,
    mask: AttentionMask,
    lengths: Option<&[u32]>,
    qkv: &[f32],
) -> Result<(Vec<f32>, Vec<f32>)> {
    let qkv: Vec<f64> = qkv.iter().map(|&x| x as f64).collect();
    let (out, att) = attention_forward_masked_f64(d, mask, lengths, &qkv)?;
    Ok((narrow(&out), narrow(&att)))
}

/// CPU reference backward under `mask` (f64 accumulation): `dqkv (B, T, 3C)`.
pub fn attention_backward_masked_cpu(
    d: &AttentionDims,
    mask: AttentionMask,
    lengths: Option<&[u32]>,
    qkv: &[f32],
    dout: &[f32],
) -> Result<Vec<f32>> {
    let qkv: Vec<f64> = qkv.iter().map(|&x| x as f64).collect();
    let dout: Vec<f64> = dout.iter().map(|&x| x as f64).collect();
    Ok(narrow(&attention_backward_masked_f64(
        d, mask, lengths, &qkv, &dout,
    )?))
}

/// The causal forward entirely in f64 (for finite-difference checks): `(out, att)`.
pub fn attention_forward_f64(d: &AttentionDims, qkv: &[f64]) -> Result<(Vec<f64>, Vec<f64>)> {
    attention_forward_masked_f64(d, AttentionMask::Causal, None, qkv)
}

/// The causal backward entirely in f64 (for finite-difference checks): `dqkv`.
pub fn attention_backward_f64(d: &AttentionDims, qkv: &[f64], dout: &[f64]) -> Result<Vec<f64>> {
    attention_backward_masked_f64(d, AttentionMask::Causal, None, qkv, dout)
}

/// The forward under `mask` entirely in f64: `(out, att)`. Row `i` of sequence `b` is a
/// softmax over the keys `A_i` (module docs); an empty `A_i` leaves zeros.
pub fn attention_forward_masked_f64(
    d: &AttentionDims,
    mask: AttentionMask,
    lengths: Option<&[u32]>,
    qkv: &[f64],
) -> Result<(Vec<f64>, Vec<f64>)> {
    d.check()?;
    check_lengths("attention_forward_cpu", d, mask, lengths.map(<[u32]>::len))?;
    let (b, t, c, h, hd) = (d.b, d.t, d.c, d.h, d.d());
    if qkv.len() != b * t * 3 * c {
        return Err(Error::shape("attention_forward_cpu", "qkv length"));
    }
    let scale = 1.0 / (hd as f64).sqrt();
    let at = |bb: usize, tt: usize, part: usize, hh: usize, dd: usize| {
        qkv[(bb * t + tt) * 3 * c + part * c + hh * hd + dd]
    };
    let mut out = vec![0.0f64; b * t * c];
    let mut att = vec![0.0f64; b * h * t * t];
    let mut row = vec![0.0f64; t];
    for bb in 0..b {
        for hh in 0..h {
            for i in 0..t {
                let kend = key_end(mask, lengths, t, bb, i);
                let mut m = f64::NEG_INFINITY;
                for (j, r) in row.iter_mut().enumerate().take(kend) {
                    let mut s = 0.0;
                    for dd in 0..hd {
                        s += at(bb, i, 0, hh, dd) * at(bb, j, 1, hh, dd);
                    }
                    *r = s * scale;
                    m = m.max(*r);
                }
                let mut sum = 0.0;
                for r in row.iter_mut().take(kend) {
                    *r = (*r - m).exp();
                    sum += *r;
                }
                let abase = ((bb * h + hh) * t + i) * t;
                for r in row.iter_mut().take(kend) {
                    *r /= sum;
                }
                att[abase..abase + kend].copy_from_slice(&row[..kend]);
                for dd in 0..hd {
                    let mut o = 0.0;
                    for (j, &pj) in row.iter().enumerate().take(kend) {
                        o += pj * at(bb, j, 2, hh, dd);
                    }
                    out[(bb * t + i) * c + hh * hd + dd] = o;
                }
            }
        }
    }
    Ok((out, att))
}

/// The backward under `mask` entirely in f64: `dqkv`. Each query row's terms run over its
/// keys `A_i`, so every key-row sum covers exactly the rows that attend the key.
pub fn attention_backward_masked_f64(
    d: &AttentionDims,
    mask: AttentionMask,
    lengths: Option<&[u32]>,
    qkv: &[f64],
    dout: &[f64],
) -> Result<Vec<f64>> {
    let (_, att) = attention_forward_masked_f64(d, mask, lengths, qkv)?;
    let (b, t, c, h, hd) = (d.b, d.t, d.c, d.h, d.d());
    if dout.len() != b * t * c {
        return Err(Error::shape("attention_backward_cpu", "dout length"));
    }
    let scale = 1.0 / (hd as f64).sqrt();
    let qi = |bb: usize, tt: usize, part: usize, hh: usize, dd: usize| {
        (bb * t + tt) * 3 * c + part * c + hh * hd + dd
    };
    let oi = |bb: usize, tt: usize, hh: usize, dd: usize| (bb * t + tt) * c + hh * hd + dd;
    let mut dqkv = vec![0.0f64; qkv.len()];
    let mut ds = vec![0.0f64; t];
    for bb in 0..b {
        for hh in 0..h {
            let abase = (bb * h + hh) * t * t;
            let p = |i: usize, j: usize| att[abase + i * t + j];
            for i in 0..t {
                let kend = key_end(mask, lengths, t, bb, i);
                // dP[i, j] = dO_i . V_j, then dS (times scale), over j in A_i
                let mut dot = 0.0;
                for (j, dsj) in ds.iter_mut().enumerate().take(kend) {
                    let mut s = 0.0;
                    for dd in 0..hd {
                        s += dout[oi(bb, i, hh, dd)] * qkv[qi(bb, j, 2, hh, dd)];
                    }
                    *dsj = s;
                    dot += s * p(i, j);
                }
                for (j, dsj) in ds.iter_mut().enumerate().take(kend) {
                    *dsj = scale * p(i, j) * (*dsj - dot);
                }
                for (j, &dsj) in ds.iter().enumerate().take(kend) {
                    for dd in 0..hd {
                        // dV_j += P_ij dO_i
                        dqkv[qi(bb, j, 2, hh, dd)] += p(i, j) * dout[oi(bb, i, hh, dd)];
                        // dQ_i += dS_ij K_j ; dK_j += dS_ij Q_i
                        dqkv[qi(bb, i, 0, hh, dd)] += dsj * qkv[qi(bb, j, 1, hh, dd)];
                        dqkv[qi(bb, j, 1, hh, dd)] += dsj * qkv[qi(bb, i, 0, hh, dd)];
                    }
                }
            }
        }
    }
    Ok(dqkv)
}
