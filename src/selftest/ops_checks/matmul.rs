//! Matmul: for every [`MatmulKernel`] (a kernel the adapter lacks is not available), every
//! transpose combination on odd shapes, bias, accumulation with `alpha`, batches, and strided
//! attention-style heads; the subgroup kernel also with every row block.
//!
//! The subgroup kernel is specialized (pipeline overrides) on the transposes, vec4 loads of B,
//! the rows per invocation and the block width, and each specialization takes seconds to
//! compile on a CPU adapter. So its shape checks use shapes that all get the 16-row narrow
//! block (with and without vec4 loads: every transpose pair is two pipelines), and
//! `row_blocks` covers every other block once, the transposes varied across them.

use crate::error::Result;
use crate::gpu::Gpu;
use crate::ops::matmul::{matmul, matmul_cpu, MatmulKernel, MatmulSpec, Strided, SubgroupBlock};
use crate::selftest::{Check, Compare};
use crate::testing::{random_vec, upload, Tolerance};

use super::{compared, needs_subgroups_of_8};

/// `(M, N, K)`: a scalar, odd sizes, just under and over the 64 and 128 tiles, skinny ones.
const SHAPES: &[(usize, usize, usize)] = &[
    (1, 1, 1),
    (7, 13, 5),
    (127, 129, 65),
    (64, 64, 64),
    (33, 1, 70),
    (1, 300, 9),
];

/// Shapes for the subgroup variant: `M <= 16` and `N <= 64` (the 16-row narrow block), `N`
/// and `K` multiples of 4 (vec4 loads of B) or not.
const SUBGROUP_SHAPES: &[(usize, usize, usize)] = &[
    (1, 1, 1),
    (7, 13, 5),
    (16, 64, 64),
    (9, 36, 12),
    (13, 61, 299),
];

/// The blocks [`SubgroupBlock::for_shape`] picks other than 16-row narrow, each with one
/// transpose pair, on `70 x 133` (two or more row workgroups, two or three column workgroups)
/// with `K = 20` (vec4 B when transposed). The 48-row block, which only `evomoe bench matmul`
/// can ask for, is left out: the largest blocks take the longest to compile.
const ROW_BLOCKS: &[(u32, bool, bool, bool)] = &[
    (16, true, false, false),
    (32, false, false, true),
    (32, true, true, true),
    (64, false, true, false),
    (64, true, false, true),
];

fn shapes(v: MatmulKernel) -> &'static [(usize, usize, usize)] {
    if v == MatmulKernel::Subgroup {
        SUBGROUP_SHAPES
    } else {
        SHAPES
    }
}

/// One check per variant for each transpose pair, then bias, accumulate, batched, strided;
/// then the subgroup row blocks.
pub fn checks() -> Vec<Check> {
    let mut out = Vec::new();
    for v in MatmulKernel::ALL {
        for (ta, tb) in [(false, false), (false, true), (true, false), (true, true)] {
            let pair = format!("{}{}", tn(ta), tn(tb));
            out.push(check(v, &pair, async move |gpu, cmp| {
                for &(m, n, k) in shapes(v) {
                    let spec = MatmulSpec::new(m, n, k, ta, tb);
                    dense_case(gpu, cmp, v, None, &spec, false, (m * 31 + n * 7 + k) as u64)
                        .await?;
                }
                Ok(())
            }));
        }
        out.push(check(v, "bias", async move |gpu, cmp| {
            for (i, &(m, n, k)) in shapes(v).iter().enumerate() {
                let spec = MatmulSpec::new(m, n, k, i % 2 == 1, i % 3 == 1);
                dense_case(gpu, cmp, v, None, &spec, true, 100 + i as u64).await?;
            }
            Ok(())
        }));
        out.push(check(v, "accumulate", async move |gpu, cmp| {
            for (i, &(m, n, k)) in shapes(v).iter().enumerate() {
                let mut spec = MatmulSpec::new(m, n, k, i % 3 == 2, i % 2 == 0).accumulate();
                spec.alpha = -0.75;
                dense_case(gpu, cmp, v, None, &spec, false, 200 + i as u64).await?;
            }
            Ok(())
        }));
        out.push(check(v, "batched", async move |gpu, cmp| {
            let spec = MatmulSpec::new(13, 23, 17, false, true)
                .batched(3)
                .accumulate();
            dense_case(gpu, cmp, v, None, &spec, true, 5).await?;
            let mut spec = MatmulSpec::new(5, 40, 3, true, false).batched(2);
            spec.alpha = 0.5;
            dense_case(gpu, cmp, v, None, &spec, true, 9).await?;
            let spec = MatmulSpec::new(1, 7, 129, true, true).batched(4);
            dense_case(gpu, cmp, v, None, &spec, false, 13).await
        }));
        out.push(check(v, "strided", async move |gpu, cmp| {
            strided_heads(gpu, cmp, v).await
        }));
    }
    out.push(Check::new(
        "matmul",
        "matmul.forward.subgroup.row_blocks",
        |gpu| {
            Box::pin(async move {
                if !MatmulKernel::Subgroup.supported(gpu) {
                    return Ok(needs_subgroups_of_8(gpu));
                }
                compared(async |cmp| {
                    for &(rows, wide, ta, tb) in ROW_BLOCKS {
                        let spec = MatmulSpec::new(70, 133, 20, ta, tb);
                        let block = Some(SubgroupBlock { rows, wide });
                        dense_case(
                            gpu,
                            cmp,
                            MatmulKernel::Subgroup,
                            block,
                            &spec,
                            true,
                            rows as u64,
                        )
                        .await?;
                    }
                    Ok(())
                })
                .await
            })
        },
    ));
    out
}

fn tn(t: bool) -> &'static str {
    if t {
        "t"
    } else {
        "n"
    }
}

/// `matmul.forward.<variant>.<what>`: not available where the adapter lacks the variant.
fn check(
    v: MatmulKernel,
    what: &str,
    body: impl AsyncFn(&Gpu, &mut Compare) -> Result<()> + Send + Sync + 'static,
) -> Check {
    let name = format!("matmul.forward.{}.{what}", v.name());
    let body = std::sync::Arc::new(body);
    Check::new("matmul", name, move |gpu| {
        let body = body.clone();
        Box::pin(async move {
            if !v.supported(gpu) {
                return Ok(needs_subgroups_of_8(gpu));
            }
            compared(async |cmp| body(gpu, cmp).await).await
        })
    })
}

/// `C = alpha op(A) op(B) (+ bias) (+ C)` on dense random operands; `C` starts non-zero.
async fn dense_case(
    gpu: &Gpu,
    cmp: &mut Compare,
    variant: MatmulKernel,
    block: Option<SubgroupBlock>,
    spec: &MatmulSpec,
    with_bias: bool,
    seed: u64,
) -> Result<()> {
    let a = random_vec(seed, spec.m * spec.k * spec.batch);
    let b = random_vec(seed + 1, spec.k * spec.n * spec.batch);
    let bias = random_vec(seed + 2, spec.n);
    let c0 = random_vec(seed + 3, spec.m * spec.n * spec.batch);
    let mut want = c0.clone();
    matmul_cpu(spec, &a, &b, with_bias.then_some(&bias[..]), &mut want)?;
    let (ta, tb) = (upload(gpu, &a, "a")?, upload(gpu, &b, "b")?);
    let tbias = upload(gpu, &bias, "bias")?;
    let tc = upload(gpu, &c0, "c")?;
    let tbias = with_bias.then_some(&tbias);
    let mut spec = spec.clone().with_kernel(variant);
    spec.block = block;
    let d = matmul(gpu, &spec, &ta, &tb, tbias, &tc)?;
    gpu.run(&[&d])?;
    let what = match block {
        Some(b) => format!("C of {variant:?} {b:?} {spec:?}"),
        None => format!("C of {variant:?} {spec:?}"),
    };
    cmp.check(&what, &tc.read_f32(gpu).await?, &want, Tolerance::F32)
}

/// A spec whose operands live in larger buffers (`lens` elements each of A, B, C): compared in
/// full, untouched elements included.
async fn raw_case(
    gpu: &Gpu,
    cmp: &mut Compare,
    variant: MatmulKernel,
    spec: &MatmulSpec,
    lens: (usize, usize, usize),
    seed: u64,
) -> Result<()> {
    let a = random_vec(seed, lens.0);
    let b = random_vec(seed + 1, lens.1);
    let c0 = random_vec(seed + 2, lens.2);
    let mut want = c0.clone();
    matmul_cpu(spec, &a, &b, None, &mut want)?;
    let (ta, tb, tc) = (
        upload(gpu, &a, "a")?,
        upload(gpu, &b, "b")?,
        upload(gpu, &c0, "c")?,
    );
    let d = matmul(gpu, &spec.clone().with_kernel(variant), &ta, &tb, None, &tc)?;
    gpu.run(&[&d])?;
    let what = format!("C of {variant:?} {spec:?}");
    cmp.check(&what, &tc.read_f32(gpu).await?, &want, Tolerance::F32)
}

/// Attention-style strided heads: Q and K are column blocks of one `(B, T, 3 H hd)` buffer,
/// batch `z = b * H + h`; scores `(B, H, T, T) = alpha Q K^T`, then `out (B, T, H hd) = P V`
/// written back interleaved by head, then `dK += dS^T Q` into a strided block. `hd = 8` takes
/// the vec4 path of the subgroup kernel, `hd = 5` the scalar one.
async fn strided_heads(gpu: &Gpu, cmp: &mut Compare, v: MatmulKernel) -> Result<()> {
    let (bsz, t, h) = (2, 13, 3);
    for hd in [8, 5] {
        let ld = 3 * h * hd;
        let qkv_len = bsz * t * ld;
        let att_len = bsz * h * t * t;
        let qkv = |offset| Strided {
            offset,
            outer: t * ld,
            inner: hd,
            ld,
        };
        let att = Strided {
            offset: 0,
            outer: h * t * t,
            inner: t * t,
            ld: t,
        };
        let heads = |mut s: MatmulSpec| {
            s.batch = bsz * h;
            s.inner = h;
            s
        };
        let mut s = heads(MatmulSpec::new(t, t, hd, false, true));
        (s.a, s.b, s.c, s.alpha) = (qkv(0), qkv(h * hd), att, 0.25);
        raw_case(gpu, cmp, v, &s, (qkv_len, qkv_len, att_len), 40 + hd as u64).await?;
        let mut s = heads(MatmulSpec::new(t, hd, t, false, false));
        let out = Strided {
            offset: 0,
            outer: t * h * hd,
            inner: hd,
            ld: h * hd,
        };
        (s.a, s.b, s.c) = (att, qkv(2 * h * hd), out);
        let out_len = bsz * t * h * hd;
        raw_case(gpu, cmp, v, &s, (att_len, qkv_len, out_len), 50 + hd as u64).await?;
        let mut s = heads(MatmulSpec::new(t, hd, t, true, false).accumulate());
        (s.a, s.b, s.c) = (att, qkv(0), qkv(h * hd));
        raw_case(gpu, cmp, v, &s, (att_len, qkv_len, qkv_len), 60 + hd as u64).await?;
    }
    Ok(())
}
