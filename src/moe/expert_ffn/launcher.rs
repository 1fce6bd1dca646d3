//! The GPU side of the expert FFN: [`ExpertFfn`] owns the activations of one MoE layer and
//! records its forward and backward, on the scattered path (the grouped GEMMs and row moves of
//! `shaders/expert_ffn.wgsl` or `expert_ffn_sg.wgsl`) or on the dense path
//! ([`crate::moe::padded::ExpertMajor`]). The maths is in the module doc of
//! [`crate::moe::expert_ffn`].

use bytemuck::{Pod, Zeroable};

use super::{ExpertGemm, FfnPath};
use crate::error::{Error, Result};
use crate::gpu::{Buffers, DType, Dispatch, Gpu, Tensor, Workgroups};
use crate::moe::ffn_tensors::{ExpertGradTensors, ExpertTensors};
use crate::moe::padded::{ExpertMajor, Layout};
use crate::moe::route::Router;
use crate::ops::expect_tensor;

/// [`FfnParams::flags`] bit: the GEMM gathers its A rows from token order through `perm`
/// (else it reads them in sorted order). Named as in `shaders/expert_ffn.wgsl`.
pub const FLAG_GATHER: u32 = 1;
/// [`FfnParams::flags`] holds the [`Epilogue`] from this bit on (`EPI_SHIFT` in the shader).
pub const EPI_SHIFT: u32 = 1;

/// What `grouped_mm` does with an output value `v` before storing it; the discriminants are the
/// shader's `EPI_*` constants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Epilogue {
    /// `out0 = v` (`EPI_STORE`).
    Store = 0,
    /// `out0 = v + bias` (`EPI_BIAS`).
    Bias = 1,
    /// `out0 = pre = v + bias`, `out1 = gelu(pre)` (`EPI_BIAS_GELU`).
    BiasGelu = 2,
    /// `out0 = v * gelu'(aux)` (`EPI_GELU_GRAD`).
    GeluGrad = 3,
}

/// Mirrors `Params` in `shaders/expert_ffn.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, Pod, Zeroable)]
pub struct FfnParams {
    pub k: u32,
    pub kdim: u32,
    pub ncols: u32,
    pub lda: u32,
    pub e: u32,
    pub mdim: u32,
    pub n: u32,
    pub nk: u32,
    /// [`FLAG_GATHER`] | [`Epilogue`] `<<` [`EPI_SHIFT`].
    pub flags: u32,
    pub _pad: [u32; 3],
}

impl FfnParams {
    /// Gathers A through `perm` ([`FLAG_GATHER`]).
    fn gather(mut self) -> FfnParams {
        self.flags |= FLAG_GATHER;
        self
    }

    /// Sets the epilogue (the default, 0, is [`Epilogue::Store`]).
    fn epilogue(mut self, epilogue: Epilogue) -> FfnParams {
        self.flags = (self.flags & FLAG_GATHER) | ((epilogue as u32) << EPI_SHIFT);
        self
    }
}

/// The operands of one grouped GEMM (`grouped_mm` or `expert_wgrad` in the shader), named
/// as its bindings; the router's `perm`, `tiles` and `offsets` are added by
/// [`ScatteredFfn::gemm`]. An operand the params' flags leave unread or unwritten is `None` and
/// gets a placeholder buffer.
struct GemmIo<'a> {
    a: &'a wgpu::Buffer,
    w: Option<&'a wgpu::Buffer>,
    bias: Option<&'a wgpu::Buffer>,
    aux: Option<&'a wgpu::Buffer>,
    out0: &'a wgpu::Buffer,
    out1: Option<&'a wgpu::Buffer>,
}

/// One MoE layer's expert FFN on one path, holding what that path keeps for the backward.
pub enum ExpertFfn {
    /// Only the selected (token, expert) pairs, gathered and scattered by the grouped GEMMs.
    Scattered(ScatteredFfn),
    /// Every expert on every token: the expert-major engine with `R = N` rows per expert.
    Dense(ExpertMajor),
}

/// The scattered path: its shapes, its GEMM variant and its expert-sorted activations.
pub struct ScatteredFfn {
    pub n: usize,
    pub k: usize,
    pub d: usize,
    pub f: usize,
    pub e: usize,
    pub gemm: ExpertGemm,
    /// Expert-sorted `(N K, F)` pre-activations, activations, their gradient.
    pub pre: Tensor,
    pub act: Tensor,
    pub dh: Tensor,
    /// Expert-sorted `(N K, D)` expert outputs, their gradient, `dx` rows.
    pub y: Tensor,
    pub dy: Tensor,
    pub dxs: Tensor,
    /// Indirect dispatch arguments `[(F / columns, tiles, 1), (D / columns, tiles, 1)]`.
    args: Tensor,
    /// Stands in for an output a GEMM leaves unwritten.
    dummy: Tensor,
}

impl ExpertFfn {
    /// The scattered path with the adapter's best GEMM variant.
    pub fn new(gpu: &Gpu, n: usize, k: usize, d: usize, f: usize, e: usize) -> Result<ExpertFfn> {
        ExpertFfn::with_path(gpu, n, k, d, f, e, FfnPath::Scattered)
    }

    /// An FFN that records `path` (allocating only that path's activations).
    pub fn with_path(
        gpu: &Gpu,
        n: usize,
        k: usize,
        d: usize,
        f: usize,
        e: usize,
        path: FfnPath,
    ) -> Result<ExpertFfn> {
        ExpertFfn::build(gpu, n, k, d, f, e, path, None)
    }

    /// The dense path with at most `max_chunk` experts per activation chunk (the chunking
    /// otherwise follows the adapter's binding limit; tests force it on small shapes).
    #[allow(clippy::too_many_arguments)]
    pub fn dense_chunked(
        gpu: &Gpu,
        n: usize,
        k: usize,
        d: usize,
        f: usize,
        e: usize,
        max_chunk: usize,
    ) -> Result<ExpertFfn> {
        ExpertFfn::build(gpu, n, k, d, f, e, FfnPath::Dense, Some(max_chunk))
    }

    /// `path`'s FFN; `max_chunk` bounds the dense path's experts per chunk.
    #[allow(clippy::too_many_arguments)]
    fn build(
        gpu: &Gpu,
        n: usize,
        k: usize,
        d: usize,
        f: usize,
        e: usize,
        path: FfnPath,
        max_chunk: Option<usize>,
    ) -> Result<ExpertFfn> {
        if n == 0 || k == 0 || d == 0 || f == 0 || e == 0 {
            return Err(Error::shape(
                "ExpertFfn::new",
                format!("n={n} k={k} d={d} f={f} e={e} must be positive"),
            ));
        }
        Ok(match path {
            FfnPath::Scattered => ExpertFfn::Scattered(ScatteredFfn::new(gpu, n, k, d, f, e)?),
            FfnPath::Dense => ExpertFfn::Dense(ExpertMajor::new_chunked(
                gpu,
                Layout::Dense,
                n,
                k,
                d,
                f,
                e,
                n,
                max_chunk,
            )?),
        })
    }

    /// Forces a GEMM variant of the scattered path (benches and tests compare them); an error
    /// on the dense path, which runs [`crate::ops::matmul`].
    pub fn set_gemm(&mut self, gpu: &Gpu, v: ExpertGemm) -> Result<()> {
        let ExpertFfn::Scattered(s) = self else {
            return Err(Error::Config(
                "the dense expert FFN path runs ops::matmul, not the expert GEMMs".into(),
            ));
        };
        if v == ExpertGemm::Subgroup && ExpertGemm::best(gpu) != ExpertGemm::Subgroup {
            return Err(Error::Config(format!(
                "{}: the subgroup expert GEMMs need SUBGROUP with subgroup size 8",
                gpu.name()
            )));
        }
        s.gemm = v;
        Ok(())
    }

    /// The scattered path's GEMM variant; `None` on the dense path.
    pub fn gemm(&self) -> Option<ExpertGemm> {
        match self {
            ExpertFfn::Scattered(s) => Some(s.gemm),
            ExpertFfn::Dense(_) => None,
        }
    }

    /// Which path this FFN runs (to report in logs and benches).
    pub fn path(&self) -> FfnPath {
        match self {
            ExpertFfn::Scattered(_) => FfnPath::Scattered,
            ExpertFfn::Dense(_) => FfnPath::Dense,
        }
    }

    /// `(N, K, D, F, E)`.
    fn shape(&self) -> (usize, usize, usize, usize, usize) {
        match self {
            ExpertFfn::Scattered(s) => (s.n, s.k, s.d, s.f, s.e),
            ExpertFfn::Dense(m) => (m.n, m.k, m.d, m.f, m.e),
        }
    }

    fn check(
        &self,
        op: &str,
        router: &Router,
        x: &Tensor,
        w: &ExpertTensors,
        sel_weight: &Tensor,
    ) -> Result<()> {
        let (n, k, d, f, e) = self.shape();
        if router.n != n || router.k != k || router.e != e {
            return Err(Error::shape(
                op,
                format!(
                    "router is ({}, {}, {}), FFN is ({n}, {k}, {e})",
                    router.n, router.k, router.e
                ),
            ));
        }
        let f32 = DType::F32;
        expect_tensor(op, "x", x, f32, n * d)?;
        expect_tensor(op, "sel_weight", sel_weight, f32, n * k)?;
        expect_tensor(op, "w1", w.w1, f32, e * d * f)?;
        expect_tensor(op, "b1", w.b1, f32, e * f)?;
        expect_tensor(op, "w2", w.w2, f32, e * f * d)?;
        expect_tensor(op, "b2", w.b2, f32, e * d)
    }

    /// Records the forward pass: `out (N, D) = sum over routed slots of w * FFN_e(x)`.
    /// `router` must have been recorded (its dispatches run first in the same step).
    pub fn forward(
        &self,
        gpu: &Gpu,
        router: &Router,
        x: &Tensor,
        w: &ExpertTensors,
        sel_weight: &Tensor,
        out: &Tensor,
    ) -> Result<Vec<Dispatch>> {
        self.check("ExpertFfn::forward", router, x, w, sel_weight)?;
        let (n, _, d, _, _) = self.shape();
        expect_tensor("ExpertFfn::forward", "out", out, DType::F32, n * d)?;
        match self {
            ExpertFfn::Scattered(s) => s.forward(gpu, router, x, w, sel_weight, out),
            ExpertFfn::Dense(m) => m.forward(gpu, router, x, w, sel_weight, out),
        }
    }

    /// Records the backward pass (after [`ExpertFfn::forward`] ran in the same step, whose
    /// activations it reads). Overwrites `dx`, `dsel_weight`; accumulates the weight gradients.
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
        let op = "ExpertFfn::backward";
        self.check(op, router, x, w, sel_weight)?;
        let (n, k, d, f, e) = self.shape();
        let f32 = DType::F32;
        expect_tensor(op, "dout", dout, f32, n * d)?;
        expect_tensor(op, "dx", g.dx, f32, n * d)?;
        expect_tensor(op, "dsel_weight", g.dsel_weight, f32, n * k)?;
        expect_tensor(op, "dw1", g.dw1, f32, e * d * f)?;
        expect_tensor(op, "db1", g.db1, f32, e * f)?;
        expect_tensor(op, "dw2", g.dw2, f32, e * f * d)?;
        expect_tensor(op, "db2", g.db2, f32, e * d)?;
        match self {
            ExpertFfn::Scattered(s) => s.backward(gpu, router, x, w, sel_weight, dout, g),
            ExpertFfn::Dense(m) => m.backward(gpu, router, x, w, sel_weight, dout, g),
        }
    }
}

impl ScatteredFfn {
    /// The activations for `(N, K, D, F, E)` (checked positive by the caller) and the
    /// adapter's best GEMM variant.
    fn new(gpu: &Gpu, n: usize, k: usize, d: usize, f: usize, e: usize) -> Result<ScatteredFfn> {
        let nk = n * k;
        // The grouped GEMMs get one workgroup row per router tile through indirect dispatch,
        // which no host check sees: refuse shapes whose tile count could pass the limit.
        let tiles = crate::moe::route::max_tiles(nk, e) as u64;
        let allowed = gpu.limits.max_compute_workgroups_per_dimension as u64;
        if tiles > allowed {
            return Err(Error::Limit {
                what: format!("scattered expert FFN over {nk} assignments: row tiles"),
                needed: tiles,
                allowed,
                limit: "max_compute_workgroups_per_dimension",
            });
        }
        let z = |shape: &[usize], label: &str| Tensor::zeros(gpu, shape, DType::F32, label);
        Ok(ScatteredFfn {
            n,
            k,
            d,
            f,
            e,
            gemm: ExpertGemm::best(gpu),
            pre: z(&[nk, f], "expert_ffn.pre")?,
            act: z(&[nk, f], "expert_ffn.act")?,
            dh: z(&[nk, f], "expert_ffn.dh")?,
            y: z(&[nk, d], "expert_ffn.y")?,
            dy: z(&[nk, d], "expert_ffn.dy")?,
            dxs: z(&[nk, d], "expert_ffn.dxs")?,
            args: Tensor::zeros(gpu, &[8], DType::U32, "expert_ffn.args")?,
            dummy: z(&[4], "expert_ffn.dummy")?,
        })
    }

    fn params(&self, kdim: usize, ncols: usize, lda: usize, mdim: usize) -> FfnParams {
        FfnParams {
            k: self.k as u32,
            kdim: kdim as u32,
            ncols: ncols as u32,
            lda: lda as u32,
            e: self.e as u32,
            mdim: mdim as u32,
            n: self.n as u32,
            nk: (self.n * self.k) as u32,
            flags: 0,
            _pad: [0; 3],
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn gemm(
        &self,
        gpu: &Gpu,
        entry: &str,
        overrides: &[(&str, f64)],
        router: &Router,
        io: GemmIo,
        params: FfnParams,
        wg: Workgroups,
    ) -> Result<Dispatch> {
        // Placeholders: a read-only buffer for unread inputs, a scratch one for unwritten out1.
        let (ro, rw) = (&router.tiles.buffer, &self.dummy.buffer);
        let (w, bias, aux) = (
            io.w.unwrap_or(ro),
            io.bias.unwrap_or(ro),
            io.aux.unwrap_or(ro),
        );
        let out1 = io.out1.unwrap_or(rw);
        let mut bufs = Buffers::new()
            .buf("a", io.a)
            .buf("perm", &router.perm.buffer)
            .buf("tiles", &router.tiles.buffer)
            .buf("offsets", &router.offsets.buffer)
            .buf("w", w)
            .buf("bias", bias)
            .buf("aux", aux)
            .buf("out0", io.out0)
            .buf("out1", out1);
        let mut ov = overrides.to_vec();
        if self.gemm == ExpertGemm::Subgroup {
            // vec4 loads of B where the row widths allow it.
            let trans_b = overrides.iter().any(|&(k, v)| k == "TRANS_B" && v != 0.0);
            let vec4 = if entry == "expert_wgrad" || !trans_b {
                params.ncols.is_multiple_of(4)
            } else {
                params.kdim.is_multiple_of(4)
            };
            ov.push(("VEC4_B", vec4 as u32 as f64));
            ov.push(("VEC4_OUT", params.ncols.is_multiple_of(4) as u32 as f64));
            // vec4 loads of A: along k in grouped_mm, along dW's rows in expert_wgrad.
            let a_len = if entry == "expert_wgrad" {
                params.mdim
            } else {
                params.kdim
            };
            let vec4_a = params.lda.is_multiple_of(4) && a_len.is_multiple_of(4);
            ov.push(("VEC4_A", vec4_a as u32 as f64));
            if entry == "expert_wgrad" {
                ov.push(("WG_ROWS", self.gemm.wgrad_rows() as f64));
            }
            // The same buffers viewed as vec4.
            bufs = bufs
                .buf("w4", w)
                .buf("aux4", aux)
                .buf("out0_4", io.out0)
                .buf("out1_4", out1)
                .buf("a4", io.a);
        }
        let kern = gpu.kernel(self.gemm.shader(), entry, &ov)?;
        gpu.dispatch(&kern, &bufs, Some(bytemuck::bytes_of(&params)), wg)
    }

    /// [`ExpertFfn::forward`] on this path (operands checked there).
    fn forward(
        &self,
        gpu: &Gpu,
        router: &Router,
        x: &Tensor,
        w: &ExpertTensors,
        sel_weight: &Tensor,
        out: &Tensor,
    ) -> Result<Vec<Dispatch>> {
        let (d, f) = (self.d, self.f);
        let (pre, act, y) = (&self.pre, &self.act, &self.y);
        let cw = self.gemm.columns();
        let mut out_d =
            vec![router.record_args(gpu, &self.args, f.div_ceil(cw), d.div_ceil(cw))?];
        let ind = |off| Workgroups::Indirect {
            buffer: self.args.buffer.clone(),
            offset: off,
        };
        // pre, act = X[t(r)] W1[e] + b1[e], gelu(pre)
        out_d.push(
            self.gemm(
                gpu,
                "grouped_mm",
                &[],
                router,
                GemmIo {
                    a: &x.buffer,
                    w: Some(&w.w1.buffer),
                    bias: Some(&w.b1.buffer),
                    aux: None,
                    out0: &pre.buffer,
                    out1: Some(&act.buffer),
                },
                self.params(d, f, d, 0)
                    .gather()
                    .epilogue(Epilogue::BiasGelu),
                ind(0),
            )?,
        );
        // y = act W2[e] + b2[e]
        out_d.push(self.gemm(
            gpu,
            "grouped_mm",
            &[],
            router,
            GemmIo {
                a: &act.buffer,
                w: Some(&w.w2.buffer),
                bias: Some(&w.b2.buffer),
                aux: None,
                out0: &y.buffer,
                out1: None,
            },
            self.params(f, d, f, 0).epilogue(Epilogue::Bias),
            ind(12),
        )?);
        out_d.push(self.row_move(
            gpu,
            "combine_fwd",
            router,
            &y.buffer,
            &out.buffer,
            sel_weight,
        )?);
        Ok(out_d)
    }

    /// One of the kernels that move rows of width D through the router (`combine_fwd`,
    /// `combine_dx`, `bwd_dy`: `dst` from `src`), as its vec4 twin when D is a multiple of 4.
    fn row_move(
        &self,
        gpu: &Gpu,
        entry: &str,
        router: &Router,
        src: &wgpu::Buffer,
        dst: &wgpu::Buffer,
        sel_weight: &Tensor,
    ) -> Result<Dispatch> {
        let (n, k, d) = (self.n, self.k, self.d);
        let vec4 = d.is_multiple_of(4);
        let entry = if vec4 {
            format!("{entry}4")
        } else {
            entry.to_string()
        };
        // Rows: tokens for the combines, routed assignments for bwd_dy.
        let rows = if entry.starts_with("bwd_dy") {
            n * k
        } else {
            n
        };
        let width = if vec4 { d / 4 } else { d };
        let kern = gpu.kernel(self.gemm.shader(), &entry, &[])?;
        // The scalar entry points move `a` into `out0`, the vec4 twins `src4` into `dst4`.
        let bufs = if vec4 {
            Buffers::new().buf("src4", src).buf("dst4", dst)
        } else {
            Buffers::new().buf("a", src).buf("out0", dst)
        };
        let bufs = bufs
            .buf("perm", &router.perm.buffer)
            .buf("offsets", &router.offsets.buffer)
            .buf("pos", &router.pos.buffer)
            .buf("selw", &sel_weight.buffer);
        gpu.dispatch(
            &kern,
            &bufs,
            Some(bytemuck::bytes_of(&self.params(0, d, 0, 0))),
            Workgroups::linear(rows * width, 64),
        )
    }

    /// [`ExpertFfn::backward`] on this path (operands checked there).
    #[allow(clippy::too_many_arguments)]
    fn backward(
        &self,
        gpu: &Gpu,
        router: &Router,
        x: &Tensor,
        w: &ExpertTensors,
        sel_weight: &Tensor,
        dout: &Tensor,
        g: &ExpertGradTensors,
    ) -> Result<Vec<Dispatch>> {
        let (n, k, d, f, e) = (self.n, self.k, self.d, self.f, self.e);
        let (pre, act, y) = (&self.pre, &self.act, &self.y);
        let (dh, dy, dxs) = (&self.dh, &self.dy, &self.dxs);
        let sh = self.gemm.shader();
        let cw = self.gemm.columns();
        let mut out = vec![router.record_args(gpu, &self.args, f.div_ceil(cw), d.div_ceil(cw))?];
        let ind = |off| Workgroups::Indirect {
            buffer: self.args.buffer.clone(),
            offset: off,
        };
        let pb = |p: FfnParams| bytemuck::bytes_of(&p).to_vec();
        // dY[r] = w dout[t(r)]
        out.push(self.row_move(gpu, "bwd_dy", router, &dout.buffer, &dy.buffer, sel_weight)?);
        // dsel[a] = <dout[t], y[pos[a]]>
        let kern = gpu.kernel(sh, "bwd_dsel", &[])?;
        out.push(
            gpu.dispatch(
                &kern,
                &Buffers::new()
                    .buf("a", &dout.buffer)
                    .buf("aux", &y.buffer)
                    .buf("out0", &g.dsel_weight.buffer)
                    .buf("pos", &router.pos.buffer),
                Some(&pb(self.params(0, d, 0, 0))),
                Workgroups::linear(n * k, 64),
            )?,
        );
        // dH = (dY W2[e]^T) * gelu'(pre)
        out.push(self.gemm(
            gpu,
            "grouped_mm",
            &[("TRANS_B", 1.0)],
            router,
            GemmIo {
                a: &dy.buffer,
                w: Some(&w.w2.buffer),
                bias: None,
                aux: Some(&pre.buffer),
                out0: &dh.buffer,
                out1: None,
            },
            self.params(d, f, d, 0).epilogue(Epilogue::GeluGrad),
            ind(0),
        )?);
        // dXs = dH W1[e]^T
        out.push(self.gemm(
            gpu,
            "grouped_mm",
            &[("TRANS_B", 1.0)],
            router,
            GemmIo {
                a: &dh.buffer,
                w: Some(&w.w1.buffer),
                bias: None,
                aux: None,
                out0: &dxs.buffer,
                out1: None,
            },
            self.params(f, d, f, 0),
            ind(12),
        )?);
        // dx[t] = sum over slots of dXs[pos]
        out.push(self.row_move(
            gpu,
            "combine_dx",
            router,
            &dxs.buffer,
            &g.dx.buffer,
            sel_weight,
        )?);
        // dW2 += act^T dY, db2 += colsum dY
        let grid = |mdim: usize, ncols: usize| {
            let (rows, cw) = (self.gemm.wgrad_rows(), self.gemm.columns());
            Workgroups::Direct([
                ncols.div_ceil(cw) as u32,
                (e * mdim.div_ceil(rows)) as u32,
                1,
            ])
        };
        out.push(self.gemm(
            gpu,
            "expert_wgrad",
            &[],
            router,
            GemmIo {
                a: &act.buffer,
                w: None,
                bias: None,
                aux: Some(&dy.buffer),
                out0: &g.dw2.buffer,
                out1: Some(&g.db2.buffer),
            },
            self.params(0, d, f, f),
            grid(f, d),
        )?);
        // dW1 += X[t(r)]^T dH, db1 += colsum dH
        out.push(self.gemm(
            gpu,
            "expert_wgrad",
            &[],
            router,
            GemmIo {
                a: &x.buffer,
                w: None,
                bias: None,
                aux: Some(&dh.buffer),
                out0: &g.dw1.buffer,
                out1: Some(&g.db1.buffer),
            },
            self.params(0, f, d, d).gather(),
            grid(d, f),
        )?);
        Ok(out)
    }
}
