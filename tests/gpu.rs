//! The GPU runtime on every adapter: f16 storage, limits checked before allocation, wgpu
//! validation errors returned instead of panics, kernels reused from the pipeline cache, and the
//! profiler's per-label totals, buffers bound by name.

use evomoe::function_name;
use evomoe::gpu::{Buffers, DType, Profiler, Tensor, Workgroups};
use evomoe::ops::elementwise;
use evomoe::testing::on_every_adapter;
use evomoe::Error;

#[test]
fn f16_storage_round_trips_with_half_rounding() {
    on_every_adapter(function_name!(), async |gpu| {
        let data = [0.0f32, 1.0, -2.5, 1e-3, 65504.0, 0.1, 2.71, -1e-8, 7.0];
        let t = Tensor::from_f32_as_f16(gpu, &[data.len()], &data, "h")?;
        assert_eq!(t.dtype, DType::F16);
        assert_eq!(t.bytes(), 2 * data.len() as u64);
        let got = t.read_f32(gpu).await?;
        let want: Vec<f32> = data
            .iter()
            .map(|&x| half::f16::from_f32(x).to_f32())
            .collect();
        if got != want {
            return Err(Error::Config(format!("got {got:?}, want {want:?}")));
        }
        Ok(())
    });
}

#[test]
fn oversized_tensor_is_a_limit_error_before_allocation() {
    on_every_adapter(function_name!(), async |gpu| {
        let too_many = (gpu.limits.max_storage_buffer_binding_size / 4 + 1) as usize;
        match Tensor::zeros(gpu, &[too_many], DType::F32, "huge") {
            Err(Error::Limit { limit, .. }) => {
                assert_eq!(limit, "max_storage_buffer_binding_size");
                Ok(())
            }
            other => Err(Error::Config(format!(
                "expected a limit error, got {:?}",
                other.map(|t| t.shape)
            ))),
        }
    });
}

#[test]
fn validation_errors_are_returned_not_panicked() {
    on_every_adapter(function_name!(), async |gpu| {
        // MAP_READ may only be combined with COPY_DST: wgpu reports a validation error.
        let r = gpu.scoped("invalid buffer", || {
            gpu.device.create_buffer(&wgpu::BufferDescriptor {
                label: Some("invalid"),
                size: 16,
                usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::STORAGE,
                mapped_at_creation: false,
            })
        });
        match r {
            Err(Error::Wgpu { context, .. }) if context == "invalid buffer" => Ok(()),
            Err(e) => Err(Error::Config(format!("wrong error: {e}"))),
            Ok(_) => Err(Error::Config("an invalid buffer was accepted".into())),
        }
    });
}

#[test]
fn pipelines_are_cached_and_the_profiler_labels_dispatches() {
    on_every_adapter(function_name!(), async |gpu| {
        let t = Tensor::zeros(gpu, &[1000], DType::F32, "t")?;
        let a = elementwise::fill(gpu, &t, 2.0)?;
        let before = gpu.resource_counts().pipelines;
        let b = elementwise::fill(gpu, &t, 3.0)?;
        assert_eq!(
            gpu.resource_counts().pipelines,
            before,
            "same kernel compiled twice"
        );
        let mut prof = Profiler::new();
        prof.run_labeled(gpu, &[("first", &a), ("second", &b), ("first", &a)])
            .await?;
        let report = prof.report();
        let count = |l: &str| report.iter().find(|r| r.0 == l).map(|r| r.2);
        assert_eq!((count("first"), count("second")), (Some(2), Some(1)));
        assert!(prof.total() > 0.0);
        // The last dispatch filled 2.0.
        assert!(t.read_f32(gpu).await?.iter().all(|&x| x == 2.0));
        Ok(())
    });
}

#[test]
fn a_kernel_over_the_storage_buffer_limit_is_a_limit_error_naming_it() {
    // A browser's adapter can allow fewer storage buffers per stage than a kernel binds.
    for adapter in evomoe::testing::adapters_for_tests().expect("adapters") {
        let mut gpu = pollster::block_on(evomoe::Gpu::from_adapter(adapter)).expect("device");
        gpu.kernel("matmul", "matmul_naive", &[])
            .unwrap_or_else(|e| panic!("[{}] at the adapter's own limit: {e}", gpu.name()));
        gpu.limits.max_storage_buffers_per_shader_stage = 2;
        match gpu.kernel("matmul", "matmul_tiled", &[]) {
            Err(e @ Error::Limit { .. }) => {
                let text = e.to_string();
                assert!(
                    text.contains("matmul::matmul_tiled")
                        && text.contains("max_storage_buffers_per_shader_stage")
                        && text.contains("allows 2"),
                    "[{}] {text}",
                    gpu.name()
                );
            }
            Err(e) => panic!("[{}] wrong error: {e}", gpu.name()),
            Ok(_) => panic!("[{}] a kernel over the limit compiled", gpu.name()),
        }
    }
}

#[test]
fn a_kernel_needing_a_missing_feature_is_an_error_naming_it() {
    on_every_adapter(function_name!(), async |gpu| {
        let r = gpu.kernel("matmul_subgroup", "matmul_subgroup", &[]);
        match (gpu.has_subgroups(), r) {
            (true, Ok(_)) => Ok(()),
            (false, Err(e)) if e.to_string().contains("needs SUBGROUP,") => Ok(()),
            (true, Err(e)) => Err(e),
            (false, Err(e)) => Err(Error::Config(format!("wrong error: {e}"))),
            (false, Ok(_)) => Err(Error::Config(
                "a subgroup kernel compiled without SUBGROUP".into(),
            )),
        }
    });
}

#[test]
fn buffers_are_bound_by_name_and_a_wrong_name_is_an_error_naming_it() {
    on_every_adapter(function_name!(), async |gpu| {
        let x = Tensor::from_f32(gpu, &[4], &[1.0, -2.0, 0.5, 3.0], "x")?;
        let out = Tensor::zeros(gpu, &[4], DType::F32, "out")?;
        let dout = Tensor::zeros(gpu, &[4], DType::F32, "dout")?;
        let params = [4u32, 0, 0, 0];
        let params = Some(bytemuck::cast_slice(&params));
        let wg = Workgroups::linear(4, 256);
        let k = gpu.kernel("gelu", "gelu_forward", &[])?;
        let expect_err = |r: evomoe::Result<_>, want: &[&str]| match r {
            Err(e @ Error::Shader { .. }) => {
                let text = e.to_string();
                for w in want {
                    assert!(text.contains(w), "[{}] `{text}` lacks `{w}`", gpu.name());
                }
            }
            Err(e) => panic!("[{}] wrong error: {e}", gpu.name()),
            Ok(_) => panic!("[{}] bound: {want:?}", gpu.name()),
        };
        // A name the shader does not declare.
        let typo = Buffers::new().buf("x", &x.buffer).buf("outt", &out.buffer);
        expect_err(
            gpu.dispatch(&k, &typo, params, wg.clone()).map(|_| ()),
            &["gelu", "gelu_forward", "`outt`"],
        );
        // A binding the entry point uses, not given.
        let missing = Buffers::new().buf("x", &x.buffer);
        expect_err(
            gpu.dispatch(&k, &missing, params, wg.clone()).map(|_| ()),
            &["gelu", "gelu_forward", "binding 2 `out`"],
        );
        // The same name twice.
        let twice = Buffers::new()
            .buf("x", &x.buffer)
            .buf("out", &out.buffer)
            .buf("x", &out.buffer);
        expect_err(
            gpu.dispatch(&k, &twice, params, wg.clone()).map(|_| ()),
            &["gelu_forward", "`x` given twice"],
        );
        // A name the forward does not use but the shader declares (`dout`, the backward's) is
        // ignored, and the dispatch computes GELU.
        let shared = Buffers::new()
            .buf("x", &x.buffer)
            .buf("dout", &dout.buffer)
            .buf("out", &out.buffer);
        let d = gpu.dispatch(&k, &shared, params, wg)?;
        gpu.run(&[&d])?;
        let got = out.read_f32(gpu).await?;
        let want = evomoe::ops::gelu::gelu_forward_cpu(&[1.0, -2.0, 0.5, 3.0]);
        evomoe::testing::check_close("gelu by name", &got, &want, evomoe::testing::Tolerance::F32)
    });
}
