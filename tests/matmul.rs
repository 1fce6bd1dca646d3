//! Matmul on every adapter against the f64 CPU reference: every transpose combination, odd
//! shapes, batches, strided heads, bias and accumulation.

use evomoe::ops::matmul::{
    matmul_cpu, matmul_tuned, matmul_variant, MatmulSpec, Strided, Variant, SUBGROUP_TM_CHOICES,
};
use evomoe::testing::{check_close, on_every_adapter, random_vec, Tolerance};
use evomoe::{Gpu, Result, Tensor};

const SHAPES: &[(usize, usize, usize)] = &[
    (1, 1, 1),
    (7, 13, 5),
    (127, 129, 65),
    (64, 64, 64),
    (33, 1, 70),
    (1, 300, 9),
];

/// Every variant the adapter supports; the Subgroup one must be among them where the adapter has
/// subgroups of 8 or more (lavapipe), so it cannot silently drop out of the tests.
fn variants(gpu: &Gpu) -> Vec<Variant> {
    let v = evomoe::ops::matmul::variants(gpu);
    assert!(v.contains(&Variant::Naive) && v.contains(&Variant::Tiled));
    if gpu.has_subgroups() && gpu.info.subgroup_min_size >= 8 {
        assert!(v.contains(&Variant::Subgroup), "{}", gpu.name());
    }
    v
}

fn check_spec(
    gpu: &Gpu,
    variant: Variant,
    spec: &MatmulSpec,
    with_bias: bool,
    seed: u64,
) -> Result<()> {
    check_tuned(gpu, variant, None, spec, with_bias, seed)
}

/// `check_spec` with an explicit subgroup `TM` (rows per lane).
fn check_tuned(
    gpu: &Gpu,
    variant: Variant,
    tm: Option<u32>,
    spec: &MatmulSpec,
    with_bias: bool,
    seed: u64,
) -> Result<()> {
    let (ra, ca) = if spec.trans_a {
        (spec.k, spec.m)
    } else {
        (spec.m, spec.k)
    };
    let (rb, cb) = if spec.trans_b {
        (spec.n, spec.k)
    } else {
        (spec.k, spec.n)
    };
    let a = random_vec(seed, ra * ca * spec.batch);
    let b = random_vec(seed + 1, rb * cb * spec.batch);
    let bias = random_vec(seed + 2, spec.n);
    let c0 = random_vec(seed + 3, spec.m * spec.n * spec.batch);
    let mut want = c0.clone();
    matmul_cpu(spec, &a, &b, with_bias.then_some(&bias[..]), &mut want)?;
    let ta = Tensor::from_f32(gpu, &[a.len()], &a, "a")?;
    let tb = Tensor::from_f32(gpu, &[b.len()], &b, "b")?;
    let tbias = Tensor::from_f32(gpu, &[bias.len()], &bias, "bias")?;
    let tc = Tensor::from_f32(gpu, &[c0.len()], &c0, "c")?;
    let d = match tm {
        Some(tm) => matmul_tuned(
            gpu,
            variant,
            tm,
            spec,
            &ta,
            &tb,
            with_bias.then_some(&tbias),
            &tc,
        )?,
        None => matmul_variant(
            gpu,
            variant,
            spec,
            &ta,
            &tb,
            with_bias.then_some(&tbias),
            &tc,
        )?,
    };
    gpu.run(&[&d])?;
    let got = tc.read_f32(gpu)?;
    check_close(
        &format!("{variant:?} {spec:?}"),
        &got,
        &want,
        Tolerance::F32,
    )
}

#[test]
fn matmul_all_transposes_odd_shapes() {
    on_every_adapter("matmul_all_transposes_odd_shapes", |gpu| {
        for v in variants(gpu) {
            for &(m, n, k) in SHAPES {
                for ta in [false, true] {
                    for tb in [false, true] {
                        let spec = MatmulSpec::new(m, n, k, ta, tb);
                        check_spec(gpu, v, &spec, false, (m * 31 + n * 7 + k) as u64)?;
                    }
                }
            }
        }
        Ok(())
    });
}

#[test]
fn matmul_batched_bias_accumulate() {
    on_every_adapter("matmul_batched_bias_accumulate", |gpu| {
        for v in variants(gpu) {
            let spec = MatmulSpec::new(19, 23, 17, false, true)
                .batched(3)
                .accumulate();
            check_spec(gpu, v, &spec, true, 5)?;
            let mut spec = MatmulSpec::new(5, 40, 3, true, false).batched(2);
            spec.alpha = 0.5;
            check_spec(gpu, v, &spec, true, 9)?;
        }
        Ok(())
    });
}

#[test]
fn matmul_rejects_bad_shapes() {
    on_every_adapter("matmul_rejects_bad_shapes", |gpu| {
        let a = Tensor::zeros(gpu, &[6], evomoe::gpu::DType::F32, "a")?;
        let spec = MatmulSpec::new(3, 3, 3, false, false);
        let r = matmul_variant(gpu, Variant::Naive, &spec, &a, &a, None, &a);
        assert!(
            matches!(r, Err(evomoe::Error::Shape { .. })),
            "{:?}",
            r.err()
        );
        Ok(())
    });
}

#[test]
fn matmul_subgroup_every_row_block() {
    on_every_adapter("matmul_subgroup_every_row_block", |gpu| {
        if !Variant::Subgroup.supported(gpu) {
            // Nothing to run: the adapter has no subgroups (GL); the variant list test above
            // asserts that Subgroup is present wherever it should be.
            return Ok(());
        }
        for tm in SUBGROUP_TM_CHOICES {
            for (ta, tb) in [(false, false), (true, true)] {
                let spec = MatmulSpec::new(70, 67, 21, ta, tb);
                check_tuned(gpu, Variant::Subgroup, Some(tm), &spec, true, tm as u64)?;
            }
        }
        let bad = MatmulSpec::new(4, 4, 4, false, false);
        let t = |name| Tensor::zeros(gpu, &[16], evomoe::gpu::DType::F32, name);
        let r = matmul_tuned(
            gpu,
            Variant::Subgroup,
            24,
            &bad,
            &t("a")?,
            &t("b")?,
            None,
            &t("c")?,
        );
        assert!(
            matches!(&r, Err(evomoe::Error::Config(m)) if m.contains("rows per invocation")),
            "{:?}",
            r.err()
        );
        Ok(())
    });
}

/// Checks a spec whose operands live in larger buffers (strided heads): random buffers of the
/// given lengths, compared in full (untouched elements included) with the CPU reference.
fn check_raw(
    gpu: &Gpu,
    variant: Variant,
    spec: &MatmulSpec,
    lens: (usize, usize, usize),
    seed: u64,
) -> Result<()> {
    let a = random_vec(seed, lens.0);
    let b = random_vec(seed + 1, lens.1);
    let c0 = random_vec(seed + 2, lens.2);
    let mut want = c0.clone();
    matmul_cpu(spec, &a, &b, None, &mut want)?;
    let ta = Tensor::from_f32(gpu, &[a.len()], &a, "a")?;
    let tb = Tensor::from_f32(gpu, &[b.len()], &b, "b")?;
    let tc = Tensor::from_f32(gpu, &[c0.len()], &c0, "c")?;
    let d = matmul_variant(gpu, variant, spec, &ta, &tb, None, &tc)?;
    gpu.run(&[&d])?;
    check_close(
        &format!("{variant:?} {spec:?}"),
        &tc.read_f32(gpu)?,
        &want,
        Tolerance::F32,
    )
}

/// Attention-style strided heads: Q and K are column blocks of one `(B, T, 3 H hd)` buffer,
/// batch z = b * H + h; scores `(B, H, T, T)` = Q K^T, then `out (B, T, H hd)` = P V written
/// back interleaved by head. hd = 8 takes the vec4 path of the subgroup kernel, hd = 5 the
/// scalar one.
#[test]
fn matmul_strided_heads() {
    on_every_adapter("matmul_strided_heads", |gpu| {
        let (bsz, t, h) = (2, 13, 3);
        for v in variants(gpu) {
            for hd in [8, 5] {
                let ld = 3 * h * hd;
                let qkv_len = bsz * t * ld;
                let mut s = MatmulSpec::new(t, t, hd, false, true);
                s.batch = bsz * h;
                s.inner = h;
                s.a = Strided {
                    offset: 0,
                    outer: t * ld,
                    inner: hd,
                    ld,
                };
                s.b = Strided {
                    offset: h * hd,
                    outer: t * ld,
                    inner: hd,
                    ld,
                };
                s.c = Strided {
                    offset: 0,
                    outer: h * t * t,
                    inner: t * t,
                    ld: t,
                };
                s.alpha = 0.25;
                check_raw(
                    gpu,
                    v,
                    &s,
                    (qkv_len, qkv_len, bsz * h * t * t),
                    40 + hd as u64,
                )?;
                let mut s = MatmulSpec::new(t, hd, t, false, false);
                s.batch = bsz * h;
                s.inner = h;
                s.a = Strided {
                    offset: 0,
                    outer: h * t * t,
                    inner: t * t,
                    ld: t,
                };
                s.b = Strided {
                    offset: 2 * h * hd,
                    outer: t * ld,
                    inner: hd,
                    ld,
                };
                s.c = Strided {
                    offset: 0,
                    outer: t * h * hd,
                    inner: hd,
                    ld: h * hd,
                };
                check_raw(
                    gpu,
                    v,
                    &s,
                    (bsz * h * t * t, qkv_len, bsz * t * h * hd),
                    50 + hd as u64,
                )?;
                // dK = dS^T Q (transposed A), accumulated into a strided block.
                let mut s = MatmulSpec::new(t, hd, t, true, false).accumulate();
                s.batch = bsz * h;
                s.inner = h;
                s.a = Strided {
                    offset: 0,
                    outer: h * t * t,
                    inner: t * t,
                    ld: t,
                };
                s.b = Strided {
                    offset: 0,
                    outer: t * ld,
                    inner: hd,
                    ld,
                };
                s.c = Strided {
                    offset: h * hd,
                    outer: t * ld,
                    inner: hd,
                    ld,
                };
                check_raw(
                    gpu,
                    v,
                    &s,
                    (bsz * h * t * t, qkv_len, qkv_len),
                    60 + hd as u64,
                )?;
            }
        }
        Ok(())
    });
}
