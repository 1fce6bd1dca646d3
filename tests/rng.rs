//! The WGSL Philox matches the Rust Philox bit for bit on every adapter.

use evomoe::gpu::{DType, Workgroups};
use evomoe::ops::rng::philox4x32;
use evomoe::testing::on_every_adapter;
use evomoe::Tensor;

#[test]
fn wgsl_philox_matches_rust() {
    on_every_adapter("wgsl_philox_matches_rust", |gpu| {
        let n = 1000usize;
        let (c1, c2, k0, k1) = (7u32, 0xdead_beef_u32, 42u32, 0x1234_5678_u32);
        let out = Tensor::zeros(gpu, &[n, 4], DType::U32, "out")?;
        let params = [n as u32, c1, c2, k0, k1, 0, 0, 0];
        gpu.launch(
            "rng_test",
            "philox_fill",
            &[],
            &[&out.buffer],
            Some(bytemuck::cast_slice(&params)),
            Workgroups::linear(n, 64),
        )?;
        let got = out.read_u32(gpu)?;
        for i in 0..n {
            let want = philox4x32([i as u32, c1, c2, 0], [k0, k1]);
            assert_eq!(
                &got[4 * i..4 * i + 4],
                &want,
                "element {i} on {}",
                gpu.name()
            );
        }
        Ok(())
    });
}
