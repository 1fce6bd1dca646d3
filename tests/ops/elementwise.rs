//! The element-wise ops: aliasing, length and dtype mismatches rejected, and a fill longer than
//! one dimension of workgroups.

use evomoe::gpu::DType;
use evomoe::ops::elementwise::{acc, add, copy, fill};
use evomoe::testing::{is_shape_err, on_every_adapter, random_vec, upload};
use evomoe::{function_name, Tensor};

#[test]
fn elementwise_rejects_aliasing_and_bad_shapes() {
    on_every_adapter(function_name!(), async |gpu| {
        let n = 4099;
        let ta = upload(gpu, &random_vec(20, n), "a")?;
        let tb = upload(gpu, &random_vec(21, n), "b")?;
        let tout = Tensor::zeros(gpu, &[n], DType::F32, "out")?;
        // Aliasing an input with the output is rejected, not a wgpu validation panic.
        assert!(is_shape_err(&add(gpu, &ta, &tb, &ta)));
        assert!(is_shape_err(&add(gpu, &ta, &tb, &tb)));
        assert!(is_shape_err(&acc(gpu, &ta, &ta, 1.0)));
        assert!(is_shape_err(&copy(gpu, &ta, &ta)));
        // Reading one tensor twice is fine: a + a.
        assert!(add(gpu, &ta, &ta, &tout).is_ok());
        // Length mismatches and wrong dtypes are rejected.
        let short = Tensor::zeros(gpu, &[n - 1], DType::F32, "short")?;
        let ints = Tensor::zeros(gpu, &[n], DType::U32, "ints")?;
        assert!(is_shape_err(&add(gpu, &ta, &short, &tout)));
        assert!(is_shape_err(&copy(gpu, &ints, &tout)));
        assert!(is_shape_err(&fill(gpu, &ints, 1.0)));
        Ok(())
    });
}

#[test]
fn fill_beyond_one_dimension_of_workgroups() {
    on_every_adapter(function_name!(), async |gpu| {
        // More than 65535 * 256 elements: the grid is folded into y.
        let n = 65535 * 256 + 1001;
        let t = Tensor::zeros(gpu, &[n], DType::F32, "big")?;
        gpu.run(&[fill(gpu, &t, 1.5)?])?;
        let got = t.read_f32(gpu).await?;
        let bad = got.iter().filter(|&&v| v != 1.5).count();
        assert_eq!(bad, 0, "{bad} of {n} elements not filled on {}", gpu.name());
        Ok(())
    });
}
