//! Matmul: the kernel list does not silently drop the subgroup kernel where the adapter can run
//! it, and bad shapes and blocks are rejected.

use evomoe::gpu::DType;
use evomoe::ops::matmul::{matmul, MatmulKernel, MatmulSpec, SubgroupBlock};
use evomoe::testing::{is_shape_err, on_every_adapter};
use evomoe::{function_name, Tensor};

/// The baseline and the tiled kernel everywhere; the subgroup one wherever the adapter has
/// subgroups of 8 or more (lavapipe), so it cannot silently drop out of the checks.
#[test]
fn matmul_variants_include_every_supported_kernel() {
    on_every_adapter(function_name!(), async |gpu| {
        let v = MatmulKernel::available(gpu);
        assert!(v.contains(&MatmulKernel::Naive) && v.contains(&MatmulKernel::Tiled));
        if gpu.has_subgroups() && gpu.info.subgroup_min_size >= 8 {
            assert!(v.contains(&MatmulKernel::Subgroup), "{}", gpu.name());
        }
        Ok(())
    });
}

#[test]
fn matmul_rejects_bad_shapes() {
    on_every_adapter(function_name!(), async |gpu| {
        let a = Tensor::zeros(gpu, &[6], DType::F32, "a")?;
        let spec = MatmulSpec::new(3, 3, 3, false, false);
        let spec = spec.with_kernel(MatmulKernel::Naive);
        let r = matmul(gpu, &spec, &a, &a, None, &a);
        assert!(is_shape_err(&r), "{:?}", r.err());
        Ok(())
    });
}

#[test]
fn matmul_subgroup_rejects_bad_row_blocks() {
    on_every_adapter(function_name!(), async |gpu| {
        if !MatmulKernel::Subgroup.supported(gpu) {
            // Nothing to run: the adapter has no subgroups (GL); the variant list test above
            // asserts that Subgroup is present wherever it should be.
            return Ok(());
        }
        let bad = MatmulSpec::new(4, 4, 4, false, false);
        let t = |name| Tensor::zeros(gpu, &[16], DType::F32, name);
        let block = SubgroupBlock {
            rows: 24,
            wide: false,
        };
        let bad = bad.with_kernel(MatmulKernel::Subgroup).with_block(block);
        let r = matmul(gpu, &bad, &t("a")?, &t("b")?, None, &t("c")?);
        assert!(
            matches!(&r, Err(evomoe::Error::Config(m)) if m.contains("rows per invocation")),
            "{:?}",
            r.err()
        );
        Ok(())
    });
}
