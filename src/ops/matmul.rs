//! Batched matmul: `C = alpha * op(A) op(B) + beta * C (+ bias)`, the workhorse of every linear
//! layer, attention and expert FFN.
//!
//! Gradients (for `C = A B`, used by the layers that call this op): `dA = dC B^T` and
//! `dB = A^T dC`, which is why both transposes exist; `dbias = sum over rows of dC`.
//!
//! Layout: row-major; `op(A)` is `M x K`, stored `M x K` (or `K x M` with `trans_a`) with leading
//! dimension `lda`; `op(B)` is `K x N`, stored `K x N` (or `N x K`) with `ldb`; `C` is `M x N`
//! with `ldc`. A batch index `z = zo * inner + zi` offsets each operand by
//! `off + zo * s_outer + zi * s_inner` (elements), covering plain batches and heads interleaved
//! inside rows.

use bytemuck::{Pod, Zeroable};

use crate::error::{Error, Result};
use crate::gpu::{Buffers, Dispatch, Gpu, Tensor, Workgroups};
use crate::ops::flag_if;

/// [`MatmulParams::flags`] bits, named as in `shaders/matmul_common.wgsl`: A stored
/// transposed, B stored transposed, add the bias row.
pub const FLAG_TRANS_A: u32 = 1;
pub const FLAG_TRANS_B: u32 = 2;
pub const FLAG_BIAS: u32 = 4;

/// Mirrors `Params` in `shaders/matmul.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct MatmulParams {
    pub m: u32,
    pub n: u32,
    pub k: u32,
    pub batch: u32,
    pub lda: u32,
    pub ldb: u32,
    pub ldc: u32,
    /// [`FLAG_TRANS_A`], [`FLAG_TRANS_B`], [`FLAG_BIAS`].
    pub flags: u32,
    pub inner: u32,
    pub off_a: u32,
    pub off_b: u32,
    pub off_c: u32,
    pub sa_outer: u32,
    pub sa_inner: u32,
    pub sb_outer: u32,
    pub sb_inner: u32,
    pub sc_outer: u32,
    pub sc_inner: u32,
    pub off_bias: u32,
    pub alpha: f32,
    pub beta: f32,
    pub _pad: [u32; 3],
}

/// Strides of one operand: element offset, then per outer / inner batch index.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Strided {
    pub offset: usize,
    pub outer: usize,
    pub inner: usize,
    /// Leading dimension (row stride of the stored matrix).
    pub ld: usize,
}

/// A full description of one matmul call.
#[derive(Clone, Debug)]
pub struct MatmulSpec {
    pub m: usize,
    pub n: usize,
    pub k: usize,
    /// Total batch count (`outer * inner`).
    pub batch: usize,
    /// Inner batch count (1 for a plain batch).
    pub inner: usize,
    pub trans_a: bool,
    pub trans_b: bool,
    pub a: Strided,
    pub b: Strided,
    pub c: Strided,
    pub alpha: f32,
    pub beta: f32,
    /// Element offset of the bias (length N) when a bias is given.
    pub bias_offset: usize,
    /// The kernel to record; `None`: the adapter's best ([`MatmulKernel::best`]).
    pub kernel: Option<MatmulKernel>,
    /// The subgroup kernel's block per invocation; `None`: [`SubgroupBlock::for_shape`].
    pub block: Option<SubgroupBlock>,
}

impl MatmulSpec {
    /// Contiguous `C (M x N) = op(A) op(B)`, batch 1.
    pub fn new(m: usize, n: usize, k: usize, trans_a: bool, trans_b: bool) -> MatmulSpec {
        MatmulSpec {
            m,
            n,
            k,
            batch: 1,
            inner: 1,
            trans_a,
            trans_b,
            a: Strided {
                ld: if trans_a { m } else { k },
                ..Default::default()
            },
            b: Strided {
                ld: if trans_b { k } else { n },
                ..Default::default()
            },
            c: Strided {
                ld: n,
                ..Default::default()
            },
            alpha: 1.0,
            beta: 0.0,
            bias_offset: 0,
            kernel: None,
            block: None,
        }
    }

    /// Contiguous batches of `batch` matrices each.
    pub fn batched(mut self, batch: usize) -> MatmulSpec {
        self.batch = batch;
        self.inner = 1;
        self.a.outer = self.m * self.k;
        self.b.outer = self.k * self.n;
        self.c.outer = self.m * self.n;
        self
    }

    /// Records with `kernel` instead of the adapter's best (tests, benchmarks).
    pub fn with_kernel(mut self, kernel: MatmulKernel) -> MatmulSpec {
        self.kernel = Some(kernel);
        self
    }

    /// Records the subgroup kernel with this block per invocation (tuning, benchmarks).
    pub fn with_block(mut self, block: SubgroupBlock) -> MatmulSpec {
        self.block = Some(block);
        self
    }

    /// `C += op(A) op(B)` (beta = 1): gradients that accumulate.
    pub fn accumulate(mut self) -> MatmulSpec {
        self.beta = 1.0;
        self
    }

    /// Useful floating-point operations (2 M N K per batch).
    pub fn flops(&self) -> f64 {
        2.0 * (self.m * self.n * self.k * self.batch) as f64
    }

    /// Highest element index (exclusive) each operand touches: (A, B, C).
    fn extents(&self) -> (usize, usize, usize) {
        let outer = self.batch.div_ceil(self.inner.max(1));
        let last = |s: &Strided, rows: usize, cols: usize| {
            if rows == 0 || cols == 0 || self.batch == 0 {
                return 0;
            }
            s.offset
                + (outer - 1) * s.outer
                + (self.inner.min(self.batch) - 1) * s.inner
                + (rows - 1) * s.ld
                + cols
        };
        let (ar, ac) = if self.trans_a {
            (self.k, self.m)
        } else {
            (self.m, self.k)
        };
        let (br, bc) = if self.trans_b {
            (self.n, self.k)
        } else {
            (self.k, self.n)
        };
        (
            last(&self.a, ar, ac),
            last(&self.b, br, bc),
            last(&self.c, self.m, self.n),
        )
    }

    /// Checks the spec against the operands' sizes.
    pub fn check(&self, a: usize, b: usize, c: usize, bias: Option<usize>) -> Result<()> {
        let (ea, eb, ec) = self.extents();
        let bad = |what: &str, need: usize, have: usize| {
            Error::shape(
                "matmul",
                format!("{what} needs {need} elements, has {have} ({self:?})"),
            )
        };
        if self.inner == 0 || !self.batch.is_multiple_of(self.inner) {
            return Err(Error::shape(
                "matmul",
                format!(
                    "batch {} is not a multiple of inner {}",
                    self.batch, self.inner
                ),
            ));
        }
        if ea > a {
            return Err(bad("A", ea, a));
        }
        if eb > b {
            return Err(bad("B", eb, b));
        }
        if ec > c {
            return Err(bad("C", ec, c));
        }
        if let Some(nb) = bias {
            if self.bias_offset + self.n > nb {
                return Err(bad("bias", self.bias_offset + self.n, nb));
            }
        }
        Ok(())
    }

    pub fn params(&self, has_bias: bool) -> MatmulParams {
        MatmulParams {
            m: self.m as u32,
            n: self.n as u32,
            k: self.k as u32,
            batch: self.batch as u32,
            lda: self.a.ld as u32,
            ldb: self.b.ld as u32,
            ldc: self.c.ld as u32,
            flags: flag_if(self.trans_a, FLAG_TRANS_A)
                | flag_if(self.trans_b, FLAG_TRANS_B)
                | flag_if(has_bias, FLAG_BIAS),
            inner: self.inner as u32,
            off_a: self.a.offset as u32,
            off_b: self.b.offset as u32,
            off_c: self.c.offset as u32,
            sa_outer: self.a.outer as u32,
            sa_inner: self.a.inner as u32,
            sb_outer: self.b.outer as u32,
            sb_inner: self.b.inner as u32,
            sc_outer: self.c.outer as u32,
            sc_inner: self.c.inner as u32,
            off_bias: self.bias_offset as u32,
            alpha: self.alpha,
            beta: self.beta,
            _pad: [0; 3],
        }
    }
}

/// CPU reference with f64 accumulation; updates `c` in place.
pub fn matmul_cpu(
    spec: &MatmulSpec,
    a: &[f32],
    b: &[f32],
    bias: Option<&[f32]>,
    c: &mut [f32],
) -> Result<()> {
    spec.check(a.len(), b.len(), c.len(), bias.map(|x| x.len()))?;
    for z in 0..spec.batch {
        let (zo, zi) = (z / spec.inner, z % spec.inner);
        let ba = spec.a.offset + zo * spec.a.outer + zi * spec.a.inner;
        let bb = spec.b.offset + zo * spec.b.outer + zi * spec.b.inner;
        let bc = spec.c.offset + zo * spec.c.outer + zi * spec.c.inner;
        for i in 0..spec.m {
            for j in 0..spec.n {
                let mut acc = 0.0f64;
                for kk in 0..spec.k {
                    let av = if spec.trans_a {
                        a[ba + kk * spec.a.ld + i]
                    } else {
                        a[ba + i * spec.a.ld + kk]
                    };
                    let bv = if spec.trans_b {
                        b[bb + j * spec.b.ld + kk]
                    } else {
                        b[bb + kk * spec.b.ld + j]
                    };
                    acc += av as f64 * bv as f64;
                }
                let mut v = spec.alpha as f64 * acc;
                if let Some(bias) = bias {
                    v += bias[spec.bias_offset + j] as f64;
                }
                let idx = bc + i * spec.c.ld + j;
                if spec.beta != 0.0 {
                    v += spec.beta as f64 * c[idx] as f64;
                }
                c[idx] = v as f32;
            }
        }
    }
    Ok(())
}

/// Which kernel computes a matmul.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MatmulKernel {
    /// One invocation per output: the baseline.
    Naive,
    /// Shared-memory tiles (64 x 64, 4 x 4 per invocation): portable, for GPUs and GL.
    Tiled,
    /// Register blocks of up to `64 x 16` per invocation with A spread by `subgroupBroadcast`, no
    /// workgroup memory and no barriers: for CPU-backed Vulkan (lavapipe). Needs `SUBGROUP` with
    /// subgroups of at least 8 invocations.
    Subgroup,
}

impl MatmulKernel {
    /// Every kernel, baseline first.
    pub const ALL: [MatmulKernel; 3] = [
        MatmulKernel::Naive,
        MatmulKernel::Tiled,
        MatmulKernel::Subgroup,
    ];

    /// Short lowercase name (`naive`, `tiled`, `subgroup`).
    pub fn name(self) -> &'static str {
        match self {
            MatmulKernel::Naive => "naive",
            MatmulKernel::Tiled => "tiled",
            MatmulKernel::Subgroup => "subgroup",
        }
    }

    /// Whether the adapter can run this kernel.
    pub fn supported(self, gpu: &Gpu) -> bool {
        match self {
            MatmulKernel::Naive | MatmulKernel::Tiled => true,
            MatmulKernel::Subgroup => gpu.has_subgroups() && gpu.info.subgroup_min_size >= 8,
        }
    }

    /// Every kernel the adapter can run, baseline first.
    pub fn available(gpu: &Gpu) -> Vec<MatmulKernel> {
        MatmulKernel::ALL
            .into_iter()
            .filter(|v| v.supported(gpu))
            .collect()
    }

    /// The kernel [`matmul`] uses on this adapter.
    ///
    /// Rule: `Subgroup` on CPU (software) adapters that have it, i.e. lavapipe, where it is several
    /// times faster than `Tiled` (shared memory and barriers do not pay on a CPU; see
    /// `shaders/matmul_subgroup.wgsl` and docs/bench-matmul.md); `Tiled` everywhere else: real
    /// GPUs, and GL which has no subgroups. `Subgroup` is not picked on real GPUs because its layout
    /// (one 8-lane subgroup per workgroup, up to 1024 accumulators per invocation) is built for CPUs.
    pub fn best(gpu: &Gpu) -> MatmulKernel {
        if gpu.info.device_type == wgpu::DeviceType::Cpu && MatmulKernel::Subgroup.supported(gpu) {
            MatmulKernel::Subgroup
        } else {
            MatmulKernel::Tiled
        }
    }
}

/// The block of C one invocation of the subgroup kernel computes: `rows` (its `TM` override,
/// one of [`SUBGROUP_ROWS`]) by 16 columns when `wide`, else 8.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SubgroupBlock {
    pub rows: u32,
    pub wide: bool,
}

/// The `TM` values the subgroup kernel accepts: G, 2 G, .. (scripts/gen/matmul_subgroup.py reads
/// this line and writes groups of G rows up to the largest).
pub const SUBGROUP_ROWS: [u32; 4] = [16, 32, 48, 64];

impl SubgroupBlock {
    /// The block [`matmul`] uses: 64 x 16 (measured fastest at 1024^3 on lavapipe), narrowed
    /// when M or N is small so that short matrices do not compute rows or columns that are
    /// thrown away (attention heads, the last layer's few rows).
    pub fn for_shape(m: usize, n: usize) -> SubgroupBlock {
        SubgroupBlock {
            rows: match m {
                0..=16 => 16,
                17..=32 => 32,
                _ => 64,
            },
            wide: n > 64,
        }
    }

    /// Columns of C per workgroup (8 invocations).
    pub fn columns_per_workgroup(self) -> u32 {
        if self.wide {
            128
        } else {
            64
        }
    }
}

/// Whether op(B) can be read as vec4 by the subgroup kernel: every batch's base and the leading
/// dimension are multiples of 4 floats.
fn b_is_vec4_aligned(spec: &MatmulSpec) -> bool {
    let s = &spec.b;
    let outer = spec.batch / spec.inner.max(1);
    s.offset.is_multiple_of(4)
        && s.ld.is_multiple_of(4)
        && (outer <= 1 || s.outer.is_multiple_of(4))
        && (spec.inner <= 1 || s.inner.is_multiple_of(4))
}

/// Records a matmul dispatch `C = alpha op(A) op(B) + beta C (+ bias)` with the spec's kernel
/// (by default the adapter's best, [`MatmulKernel::best`]).
pub fn matmul(
    gpu: &Gpu,
    spec: &MatmulSpec,
    a: &Tensor,
    b: &Tensor,
    bias: Option<&Tensor>,
    c: &Tensor,
) -> Result<Dispatch> {
    let which = spec.kernel.unwrap_or_else(|| MatmulKernel::best(gpu));
    let block = spec
        .block
        .unwrap_or_else(|| SubgroupBlock::for_shape(spec.m, spec.n));
    spec.check(a.numel(), b.numel(), c.numel(), bias.map(|t| t.numel()))?;
    if !which.supported(gpu) {
        return Err(Error::Config(format!(
            "matmul kernel {which:?} is not supported on {}",
            gpu.name()
        )));
    }
    let params = spec.params(bias.is_some());
    // A bias binding the flags leave unread still needs a buffer; A is never read through it.
    let bias_buf = bias.map(|t| &t.buffer).unwrap_or(&a.buffer);
    let buffers = Buffers::new()
        .buf("a", &a.buffer)
        .buf("b", &b.buffer)
        .buf("bias", bias_buf)
        .buf("c", &c.buffer);
    let batch = spec.batch as u32;
    let (kernel, wg) = match which {
        MatmulKernel::Naive => (
            gpu.kernel("matmul", "matmul_naive", &[])?,
            [
                (spec.n as u32).div_ceil(16),
                (spec.m as u32).div_ceil(16),
                batch,
            ],
        ),
        MatmulKernel::Tiled => (
            gpu.kernel("matmul", "matmul_tiled", &[])?,
            [
                (spec.n as u32).div_ceil(64),
                (spec.m as u32).div_ceil(64),
                batch,
            ],
        ),
        MatmulKernel::Subgroup => {
            let tm = block.rows;
            if !SUBGROUP_ROWS.contains(&tm) {
                return Err(Error::Config(format!(
                    "subgroup matmul rows per invocation {tm} is not one of {SUBGROUP_ROWS:?}"
                )));
            }
            let flag = |x: bool| if x { 1.0 } else { 0.0 };
            let overrides = [
                ("TRANS_A", flag(spec.trans_a)),
                ("TRANS_B", flag(spec.trans_b)),
                ("VEC4_B", flag(b_is_vec4_aligned(spec))),
                ("TM", tm as f64),
                ("WIDE", flag(block.wide)),
            ];
            (
                gpu.kernel("matmul_subgroup", "matmul_subgroup", &overrides)?,
                [
                    (spec.n as u32).div_ceil(block.columns_per_workgroup()),
                    (spec.m as u32).div_ceil(tm),
                    batch,
                ],
            )
        }
    };
    let buffers = match which {
        // `b4` is B again, read as vec4 by the subgroup kernel.
        MatmulKernel::Subgroup => buffers.buf("b4", &b.buffer),
        MatmulKernel::Naive | MatmulKernel::Tiled => buffers,
    };
    let wg = Workgroups::Direct(wg.map(|x| x.max(1)));
    gpu.dispatch(&kernel, &buffers, Some(bytemuck::bytes_of(&params)), wg)
}
