//! The WGSL Philox 4x32-10 against the Rust one, bit for bit (dropout masks and every random
//! draw on the GPU depend on it).

use crate::gpu::{DType, Tensor, Workgroups};
use crate::ops::rng::philox4x32;
use crate::selftest::Check;

use super::compared;

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
                    let params = [n as u32, c1, c2, k0, k1, 0, 0, 0];
                    gpu.launch(
                        "rng_test",
                        "philox_fill",
                        &[],
                        &[&out.buffer],
                        Some(bytemuck::cast_slice(&params)),
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
