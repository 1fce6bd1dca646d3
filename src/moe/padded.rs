//! Expert FFNs on batched dense GEMMs (`shaders/padded_ffn.wgsl` + [`crate::ops::matmul`]):
//! the padded capacity baseline ([`PaddedFfn`], for the bench) and the dense all-experts path
//! of the early DTS phase ([`Layout::Dense`], used by [`crate::moe::expert_ffn::ExpertFfn`]).
//!
//! Both keep expert-major activations `(E, R, .)`: row `(e, r)` holds assignment
//! `rowa[e R + r]` or nothing.
//! - Padded (`R = C = ceil(cf N K / E)`): expert `e`'s first `C` routed assignments in token
//!   order (the router's capacity drops the rest), tokens copied into `xp (E, C, D)`, zero rows
//!   past the expert's count.
//! - Dense (`R = N`): row `t` of every expert is token `t`; `x` is read in place by the GEMM
//!   (batch stride 0) and the pairs that were not selected get weight 0.
//!
//! Forward: `h = xs W1 + b1`, `g = gelu(h)`, `y = g W2`, `out_t = sum_s w_a (y[row(a)] + b2_e)`.
//! Backward (same maths as the scattered path, see `expert_ffn/mod.rs`): `dy = w dout` on each
//! row (0 on empty rows, so they contribute nothing), `dsel_a = <dout_t, y + b2>`,
//! `dh = (dy W2^T) * gelu'(h)`, `dW2 += g^T dy`, `db2 += colsum dy`, `dW1 += xs^T dh`,
//! `db1 += colsum dh`, `dx_t = sum_s (dh W1^T)[row(a)]`.

use bytemuck::{Pod, Zeroable};

use crate::error::{Error, Result};
use crate::gpu::{Buffers, DType, Dispatch, Gpu, Tensor, Workgroups};
use crate::moe::ffn_tensors::{ExpertGradTensors, ExpertTensors};
use crate::moe::route::Router;
use crate::ops::matmul::{matmul, MatmulSpec};

/// Mirrors `Params` in `shaders/padded_ffn.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, Pod, Zeroable)]
pub struct PaddedParams {
    pub n: u32,
    pub k: u32,
    pub e: u32,
    pub rows: u32,
    pub d: u32,
    pub f: u32,
    pub cols: u32,
    pub dense: u32,
    /// First expert of a chunk (`em_bias_gelu` bias rows, `em_colsum` output rows).
    pub e0: u32,
    pub _pad: [u32; 3],
}

/// How expert-major rows map to tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// `R = N`: row `t` is token `t` for every expert.
    Dense,
    /// `R = capacity`: an expert's routed tokens, copied, zero-padded.
    Padded,
}

/// Expert-major activations and the launchers over them.
pub struct ExpertMajor {
    pub layout: Layout,
    pub n: usize,
    pub k: usize,
    pub d: usize,
    pub f: usize,
    pub e: usize,
    /// Rows per expert.
    pub rows: usize,
    pub rowa: Tensor,
    pub arow: Tensor,
    /// Padded only: `(E, R, D)` copied tokens.
    pub xp: Option<Tensor>,
    /// Experts per chunk of the `F`-wide activations (the last chunk may hold fewer).
    pub chunk: usize,
    /// `(E, R, F)` pre-activations, activations, then `dh`, split over experts into chunks
    /// of `(chunk, R, F)` so that each buffer fits `max_storage_buffer_binding_size`
    /// (e.g. `E = 32, R = 2048, F = 1024` f32 is 256 MiB, lavapipe binds at most 128 MiB).
    pub h: Vec<Tensor>,
    pub act: Vec<Tensor>,
    pub dh: Vec<Tensor>,
    /// `(E, R, D)` expert outputs (without b2), their gradient, `dx` rows.
    pub y: Tensor,
    pub dy: Tensor,
    pub dxp: Tensor,
}

impl ExpertMajor {
    /// Expert-major activations; the `F`-wide ones in as few chunks as the adapter's
    /// `max_storage_buffer_binding_size` allows.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        gpu: &Gpu,
        layout: Layout,
        n: usize,
        k: usize,
        d: usize,
        f: usize,
        e: usize,
        rows: usize,
    ) -> Result<ExpertMajor> {
        ExpertMajor::new_chunked(gpu, layout, n, k, d, f, e, rows, None)
    }

    /// Like [`ExpertMajor::new`] with at most `max_chunk` experts per chunk (tests force
    /// chunking on small shapes with it). Results do not depend on the chunking.
    #[allow(clippy::too_many_arguments)]
    pub fn new_chunked(
        gpu: &Gpu,
        layout: Layout,
        n: usize,
        k: usize,
        d: usize,
        f: usize,
        e: usize,
        rows: usize,
        max_chunk: Option<usize>,
    ) -> Result<ExpertMajor> {
        let rows = rows.max(1);
        let z = |shape: &[usize], label: &str| Tensor::zeros(gpu, shape, DType::F32, label);
        let per_expert = (rows * f * DType::F32.size()) as u64;
        let fit = (gpu.limits.max_storage_buffer_binding_size / per_expert.max(1)) as usize;
        let chunk = fit.max(1).min(max_chunk.unwrap_or(e).max(1)).min(e.max(1));
        let chunks = |label: &str| -> Result<Vec<Tensor>> {
            (0..e)
                .step_by(chunk)
                .map(|e0| z(&[chunk.min(e - e0), rows, f], label))
                .collect()
        };
        Ok(ExpertMajor {
            chunk,
            layout,
            n,
            k,
            d,
            f,
            e,
            rows,
            rowa: Tensor::zeros(gpu, &[e, rows], DType::U32, "em.rowa")?,
            arow: Tensor::zeros(gpu, &[n * k], DType::U32, "em.arow")?,
            xp: match layout {
                Layout::Padded => Some(z(&[e, rows, d], "em.xp")?),
                Layout::Dense => None,
            },
            h: chunks("em.h")?,
            act: chunks("em.act")?,
            dh: chunks("em.dh")?,
            y: z(&[e, rows, d], "em.y")?,
            dy: z(&[e, rows, d], "em.dy")?,
            dxp: z(&[e, rows, d], "em.dxp")?,
        })
    }

    fn params(&self, cols: usize) -> PaddedParams {
        PaddedParams {
            n: self.n as u32,
            k: self.k as u32,
            e: self.e as u32,
            rows: self.rows as u32,
            d: self.d as u32,
            f: self.f as u32,
            cols: cols as u32,
            dense: (self.layout == Layout::Dense) as u32,
            e0: 0,
            _pad: [0; 3],
        }
    }

    /// The chunks of experts: `(index, first expert, experts)`.
    fn chunks(&self) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        (0..self.e)
            .step_by(self.chunk)
            .enumerate()
            .map(|(i, e0)| (i, e0, self.chunk.min(self.e - e0)))
    }

    /// Params for one chunk's elementwise kernels (`e` = the chunk's experts).
    fn chunk_params(&self, cols: usize, e0: usize, ec: usize) -> PaddedParams {
        PaddedParams {
            e: ec as u32,
            e0: e0 as u32,
            ..self.params(cols)
        }
    }

    /// One elementwise kernel; `io` names its operands (`src`, `src2`, `src3`, `dst`, `dst2`:
    /// those the entry point uses), the router and selection bindings are filled here.
    #[allow(clippy::too_many_arguments)]
    fn ew(
        &self,
        gpu: &Gpu,
        entry: &str,
        router: &Router,
        selw: &wgpu::Buffer,
        io: &[(&str, &wgpu::Buffer)],
        cols: usize,
        count: usize,
    ) -> Result<Dispatch> {
        self.ew_p(gpu, entry, router, selw, io, self.params(cols), count)
    }

    /// [`ExpertMajor::ew`] with explicit params (a chunk's).
    #[allow(clippy::too_many_arguments)]
    fn ew_p(
        &self,
        gpu: &Gpu,
        entry: &str,
        router: &Router,
        selw: &wgpu::Buffer,
        io: &[(&str, &wgpu::Buffer)],
        params: PaddedParams,
        count: usize,
    ) -> Result<Dispatch> {
        let kern = gpu.kernel("padded_ffn", entry, &[])?;
        let bufs = io.iter().fold(
            Buffers::new()
                .buf("perm", &router.perm.buffer)
                .buf("offsets", &router.offsets.buffer)
                .buf("pos", &router.pos.buffer)
                .buf("selw", selw)
                .buf("rowa", &self.rowa.buffer)
                .buf("arow", &self.arow.buffer),
            |bufs, &(name, b)| bufs.buf(name, b),
        );
        gpu.dispatch(
            &kern,
            &bufs,
            Some(bytemuck::bytes_of(&params)),
            Workgroups::linear(count, 64),
        )
    }

    /// The `xs` operand of the first GEMM and its per-expert batch stride.
    fn xs<'a>(&'a self, x: &'a Tensor) -> (&'a Tensor, usize) {
        match &self.xp {
            Some(xp) => (xp, self.rows * self.d),
            None => (x, 0),
        }
    }

    /// Records the forward (the router's dispatches must run first in the same step).
    pub fn forward(
        &self,
        gpu: &Gpu,
        router: &Router,
        x: &Tensor,
        w: &ExpertTensors,
        sel_weight: &Tensor,
        out: &Tensor,
    ) -> Result<Vec<Dispatch>> {
        let (n, k, d, f, e, r) = (self.n, self.k, self.d, self.f, self.e, self.rows);
        let sw = &sel_weight.buffer;
        let mut v = vec![
            self.ew(gpu, "em_rowmap", router, sw, &[], 0, e * r)?,
            self.ew(gpu, "em_arow", router, sw, &[], 0, n * k)?,
        ];
        if let Some(xp) = &self.xp {
            v.push(self.ew(
                gpu,
                "em_gather",
                router,
                sw,
                &[("src", &x.buffer), ("dst", &xp.buffer)],
                0,
                e * r * d,
            )?);
        }
        let (xs, xs_stride) = self.xs(x);
        for (i, e0, ec) in self.chunks() {
            let (h, act) = (&self.h[i], &self.act[i]);
            // h = xs W1 (experts e0 .. e0 + ec)
            let mut s = MatmulSpec::new(r, f, d, false, false).batched(ec);
            s.a.outer = xs_stride;
            s.a.offset = e0 * xs_stride;
            s.b.offset = e0 * d * f;
            v.push(matmul(gpu, &s, xs, w.w1, None, h)?);
            v.push(self.ew_p(
                gpu,
                "em_bias_gelu",
                router,
                sw,
                &[
                    ("src2", &w.b1.buffer),
                    ("dst", &h.buffer),
                    ("dst2", &act.buffer),
                ],
                self.chunk_params(0, e0, ec),
                ec * r * f,
            )?);
            // y = act W2
            let mut s = MatmulSpec::new(r, d, f, false, false).batched(ec);
            s.b.offset = e0 * f * d;
            s.c.offset = e0 * r * d;
            v.push(matmul(gpu, &s, act, w.w2, None, &self.y)?);
        }
        v.push(self.ew(
            gpu,
            "em_combine",
            router,
            sw,
            &[
                ("src", &self.y.buffer),
                ("src2", &w.b2.buffer),
                ("dst", &out.buffer),
            ],
            0,
            n * d,
        )?);
        Ok(v)
    }

    /// Records the backward (after the forward in the same step).
    #[allow(clippy::too_many_arguments)]
    pub fn backward(
        &self,
        gpu: &Gpu,
        router: &Router,
        x: &Tensor,
        w: &ExpertTensors,
        sel_weight: &Tensor,
        dout: &Tensor,
        g: &ExpertGradTensors,
    ) -> Result<Vec<Dispatch>> {
        let (n, k, d, f, e, r) = (self.n, self.k, self.d, self.f, self.e, self.rows);
        let sw = &sel_weight.buffer;
        let mut v = vec![
            self.ew(
                gpu,
                "em_dy",
                router,
                sw,
                &[("src", &dout.buffer), ("dst", &self.dy.buffer)],
                0,
                e * r * d,
            )?,
            self.ew(
                gpu,
                "em_dsel",
                router,
                sw,
                &[
                    ("src", &dout.buffer),
                    ("src2", &self.y.buffer),
                    ("dst", &g.dsel_weight.buffer),
                    ("src3", &w.b2.buffer),
                ],
                0,
                n * k,
            )?,
        ];
        let (xs, xs_stride) = self.xs(x);
        for (i, e0, ec) in self.chunks() {
            let (h, act, dh) = (&self.h[i], &self.act[i], &self.dh[i]);
            // dh = dy W2^T, then * gelu'(h)
            let mut s = MatmulSpec::new(r, f, d, false, true).batched(ec);
            s.a.offset = e0 * r * d;
            s.b.offset = e0 * f * d;
            v.push(matmul(gpu, &s, &self.dy, w.w2, None, dh)?);
            v.push(self.ew_p(
                gpu,
                "em_gelu_bwd",
                router,
                sw,
                &[("src2", &h.buffer), ("dst", &dh.buffer)],
                self.chunk_params(0, e0, ec),
                ec * r * f,
            )?);
            // dW2 += act^T dy
            let mut s = MatmulSpec::new(f, d, r, true, false)
                .batched(ec)
                .accumulate();
            s.b.offset = e0 * r * d;
            s.c.offset = e0 * f * d;
            v.push(matmul(gpu, &s, act, &self.dy, None, g.dw2)?);
            // dW1 += xs^T dh, db1 += colsum dh
            let mut s = MatmulSpec::new(d, f, r, true, false)
                .batched(ec)
                .accumulate();
            s.a.outer = xs_stride;
            s.a.offset = e0 * xs_stride;
            s.c.offset = e0 * d * f;
            v.push(matmul(gpu, &s, xs, dh, None, g.dw1)?);
            v.push(self.ew_p(
                gpu,
                "em_colsum",
                router,
                sw,
                &[("src", &dh.buffer), ("dst", &g.db1.buffer)],
                self.chunk_params(f, e0, ec),
                ec * f,
            )?);
            // dx rows = dh W1^T
            let mut s = MatmulSpec::new(r, d, f, false, true).batched(ec);
            s.b.offset = e0 * d * f;
            s.c.offset = e0 * r * d;
            v.push(matmul(gpu, &s, dh, w.w1, None, &self.dxp)?);
        }
        // db2 += colsum dy
        v.push(self.ew(
            gpu,
            "em_colsum",
            router,
            sw,
            &[("src", &self.dy.buffer), ("dst", &g.db2.buffer)],
            d,
            e * d,
        )?);
        // dx_t = sum over slots of the dx rows
        v.push(self.ew(
            gpu,
            "em_dx",
            router,
            sw,
            &[("src", &self.dxp.buffer), ("dst", &g.dx.buffer)],
            0,
            n * d,
        )?);
        Ok(v)
    }
}

/// The padded capacity baseline: its own router with capacity `ceil(cf N K / E)`.
pub struct PaddedFfn {
    pub router: Router,
    pub em: ExpertMajor,
    pub capacity: usize,
}

impl PaddedFfn {
    /// `cf` is the capacity factor (1.25 in the bench).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        gpu: &Gpu,
        n: usize,
        k: usize,
        d: usize,
        f: usize,
        e: usize,
        cf: f64,
    ) -> Result<PaddedFfn> {
        if cf.is_nan() || cf <= 0.0 {
            return Err(Error::Config(format!("capacity factor {cf} must be > 0")));
        }
        let capacity = ((cf * (n * k) as f64 / e as f64).ceil() as usize).max(1);
        Ok(PaddedFfn {
            router: Router::new(gpu, n, k, e, Some(capacity))?,
            em: ExpertMajor::new(gpu, Layout::Padded, n, k, d, f, e, capacity)?,
            capacity,
        })
    }

    /// Routing, token copy, GEMMs and combine: `out (N, D)` from `sel_expert (N, K)`.
    pub fn forward(
        &self,
        gpu: &Gpu,
        sel_expert: &Tensor,
        x: &Tensor,
        w: &ExpertTensors,
        sel_weight: &Tensor,
        out: &Tensor,
    ) -> Result<Vec<Dispatch>> {
        let mut v = self.router.record(gpu, sel_expert)?;
        v.extend(self.em.forward(gpu, &self.router, x, w, sel_weight, out)?);
        Ok(v)
    }

    /// The backward of [`PaddedFfn::forward`].
    pub fn backward(
        &self,
        gpu: &Gpu,
        x: &Tensor,
        w: &ExpertTensors,
        sel_weight: &Tensor,
        dout: &Tensor,
        g: &ExpertGradTensors,
    ) -> Result<Vec<Dispatch>> {
        self.em
            .backward(gpu, &self.router, x, w, sel_weight, dout, g)
    }
}
