//! Dropout, forward and backward: the keep mask must be the CPU Philox's bit for bit (a kept
//! value is `x / (1 - p)`, a dropped one 0, and `x` is never 0, so a mask difference is a value
//! difference), at two steps of one recorded dispatch, and `p = 0` is the identity.

use crate::error::Result;
use crate::gpu::Gpu;
use crate::ops::dropout::{
    dropout_backward, dropout_backward_cpu, dropout_forward, dropout_forward_cpu, dropout_set_step,
    DropoutConfig,
};
use crate::selftest::{Check, Compare};
use crate::testing::{random_vec, upload, Tolerance};

use super::compared;

const LENS: &[usize] = &[1, 7, 1001];

const CFG: DropoutConfig = DropoutConfig {
    p: 0.3,
    seed: 0x1234_5678_9abc_def0,
    stream: 2,
};

pub fn checks() -> Vec<Check> {
    vec![
        Check::new("dropout", "dropout.forward", |gpu| {
            Box::pin(async move {
                compared(async |cmp| {
                    for (i, &n) in LENS.iter().enumerate() {
                        case(gpu, cmp, n, 80 + i as u64, false).await?;
                    }
                    Ok(())
                })
                .await
            })
        }),
        Check::new("dropout", "dropout.backward", |gpu| {
            Box::pin(async move {
                compared(async |cmp| {
                    for (i, &n) in LENS.iter().enumerate() {
                        case(gpu, cmp, n, 90 + i as u64, true).await?;
                    }
                    Ok(())
                })
                .await
            })
        }),
    ]
}

/// One recorded dispatch at steps 7 and 8 with `p = 0.3`, then a fresh one with `p = 0`.
async fn case(gpu: &Gpu, cmp: &mut Compare, n: usize, seed: u64, backward: bool) -> Result<()> {
    let x = random_vec(seed, n);
    let tx = upload(gpu, &x, "x")?;
    let tout = upload(gpu, &vec![5.0; n], "out")?;
    let record = |cfg: &DropoutConfig, step| {
        if backward {
            dropout_backward(gpu, &tx, &tout, cfg, step)
        } else {
            dropout_forward(gpu, &tx, &tout, cfg, step)
        }
    };
    let reference = |cfg: &DropoutConfig, step| {
        if backward {
            dropout_backward_cpu(&x, cfg, step)
        } else {
            dropout_forward_cpu(&x, cfg, step)
        }
    };
    let d = record(&CFG, 7)?;
    for step in [7u32, 8] {
        dropout_set_step(gpu, &d, &CFG, n, step)?;
        gpu.run(std::slice::from_ref(&d))?;
        cmp.check(
            &format!("dropout backward={backward} n={n} step={step}"),
            &tout.read_f32(gpu).await?,
            &reference(&CFG, step),
            Tolerance::F32,
        )?;
    }
    let identity = DropoutConfig { p: 0.0, ..CFG };
    gpu.run(&[record(&identity, 1)?])?;
    cmp.check(
        &format!("dropout p=0 backward={backward} n={n}"),
        &tout.read_f32(gpu).await?,
        &x,
        Tolerance::F32,
    )
}
