//! Matmul on every adapter against the f64 CPU reference: every transpose combination, odd
//! shapes, batches, strided heads, bias and accumulation.

use evomoe::ops::matmul::{matmul_cpu, matmul_variant, MatmulSpec, Variant};
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
    let d = matmul_variant(
        gpu,
        variant,
        spec,
        &ta,
        &tb,
        with_bias.then_some(&tbias),
        &tc,
    )?;
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
