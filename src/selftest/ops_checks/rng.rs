//! The WGSL Philox 4x32-10 against the Rust one, bit for bit (dropout masks and every random
//! draw on the GPU depend on it).

use crate::gpu::{Buffers, DType, Tensor, Workgroups};
use crate::ops::rng::philox4x32;
use crate::selftest::Check;

use super::compared;

/// Mirrors `Params` in `shaders/rng_test.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
pub struct PhiloxTestParams {
    pub n: u32,
    pub c1: u32,
    pub c2: u32,
    pub k0: u32,
    pub k1: u32,
}

pub fn checks() -> Vec<Check> {
    vec![Check::new("rng", "rng.philox", |gpu| {
        Box::pin(async move {
            compared(async |cmp| {
                for (n, c1, c2, k0, k1) in [
                    (1000usize, 7u32, 0xdead_beef_u32, 42u32, 0x1234_5678_u32),
                    (1, 0, 0, 0, 0),
                    (129, u32::MAX, 1, u32::MAX, u32::MAX),
                ] {
                    let out = Tensor::zeros(gpu, &[n, 4], DType::U32, "out")?;
                    let params = PhiloxTestParams {
                        n: n as u32,
                        c1,
                        c2,
                        k0,
                        k1,
                    };
                    gpu.launch(
                        "rng_test",
                        "philox_fill",
                        &[],
                        &Buffers::new().buf("out", &out.buffer),
                        Some(bytemuck::bytes_of(&params)),
                        Workgroups::linear(n, 64),
                    )?;
                    let want: Vec<u32> = (0..n)
                        .flat_map(|i| philox4x32([i as u32, c1, c2, 0], [k0, k1]))
                        .collect();
                    let what = format!(
                        "philox n={n} counter=(i, {c1:#x}, {c2:#x}, 0) key=({k0:#x}, {k1:#x})"
                    );
                    cmp.check_exact(&what, &out.read_u32(gpu).await?, &want)?;
                }
                Ok(())
            })
            .await
        })
    })]
}
