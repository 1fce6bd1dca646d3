//! GELU (tanh form), forward and backward, on odd lengths with both tails far out (the guarded
//! forms must stay finite and exact there).

use crate::error::Result;
use crate::gpu::Gpu;
use crate::ops::gelu::{gelu_backward, gelu_backward_cpu, gelu_forward, gelu_forward_cpu};
use crate::selftest::{Check, Compare};
use crate::testing::{random_vec, upload, Tolerance};

use super::compared;

const LENS: &[usize] = &[1, 7, 1000];

pub fn checks() -> Vec<Check> {
    vec![
        Check::new("gelu", "gelu.forward", |gpu| {
            Box::pin(async move {
                compared(async |cmp| {
                    for (i, &n) in LENS.iter().enumerate() {
                        forward_case(gpu, cmp, n, 30 + i as u64).await?;
                    }
                    Ok(())
                })
                .await
            })
        }),
        Check::new("gelu", "gelu.backward", |gpu| {
            Box::pin(async move {
                compared(async |cmp| {
                    for (i, &n) in LENS.iter().enumerate() {
                        backward_case(gpu, cmp, n, 40 + i as u64).await?;
                    }
                    Ok(())
                })
                .await
            })
        }),
    ]
}

/// `n` values in (-6, 6), then the tails and the neighbourhood of 0.
fn inputs(n: usize, seed: u64) -> Vec<f32> {
    let mut x: Vec<f32> = random_vec(seed, n).iter().map(|v| 6.0 * v).collect();
    x.extend([
        -1e30, -1e4, -60.0, -10.0, -1e-3, 0.0, 1e-3, 10.0, 60.0, 1e4, 1e30,
    ]);
    x
}

async fn forward_case(gpu: &Gpu, cmp: &mut Compare, n: usize, seed: u64) -> Result<()> {
    let x = inputs(n, seed);
    let tx = upload(gpu, &x, "x")?;
    let tout = upload(gpu, &random_vec(seed + 1, x.len()), "out")?;
    gpu.run(&[gelu_forward(gpu, &tx, &tout)?])?;
    cmp.check(
        &format!("gelu out n={}", x.len()),
        &tout.read_f32(gpu).await?,
        &gelu_forward_cpu(&x),
        Tolerance::F32,
    )
}

async fn backward_case(gpu: &Gpu, cmp: &mut Compare, n: usize, seed: u64) -> Result<()> {
    let x = inputs(n, seed);
    let dout = random_vec(seed + 1, x.len());
    let (tx, td) = (upload(gpu, &x, "x")?, upload(gpu, &dout, "dout")?);
    let tdx = upload(gpu, &vec![9.0; x.len()], "dx")?; // overwritten
    gpu.run(&[gelu_backward(gpu, &tx, &td, &tdx)?])?;
    cmp.check(
        &format!("gelu dx n={}", x.len()),
        &tdx.read_f32(gpu).await?,
        &gelu_backward_cpu(&x, &dout),
        Tolerance::F32,
    )
}
