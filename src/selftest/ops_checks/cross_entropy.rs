//! Softmax cross-entropy (the forward's losses and loss statistics, then the backward's
//! `dlogits` written in place over the logits) on odd `(N, V)`, V up to GPT-2's padded 50,304,
//! with ignored targets, logits large enough to overflow `exp` without the max subtraction,
//! several row workgroups, and a batch where every target is ignored. The forward must leave the
//! logits intact.

use crate::error::Result;
use crate::gpu::Gpu;
use crate::ops::cross_entropy::{cross_entropy, cross_entropy_cpu, IGNORE_INDEX};
use crate::selftest::{Check, Compare};
use crate::testing::{random_vec, upload, Tolerance};

use super::compared;

/// `(N, V)`: V above the row workgroup's 64 lanes; a single row; many rows; a 50k vocabulary.
const SHAPES: &[(usize, usize)] = &[(37, 67), (4, 300), (1, 5), (131, 19), (5, 50_304)];

pub fn checks() -> Vec<Check> {
    vec![Check::new(
        "cross_entropy",
        "cross_entropy.loss_and_grad",
        |gpu| {
            Box::pin(async move {
                compared(async |cmp| {
                    for (i, &(n, v)) in SHAPES.iter().enumerate() {
                        case(gpu, cmp, n, v, 3 + i as u64, false).await?;
                    }
                    case(gpu, cmp, 2, 3, 9, true).await
                })
                .await
            })
        },
    )]
}

async fn case(
    gpu: &Gpu,
    cmp: &mut Compare,
    n: usize,
    v: usize,
    seed: u64,
    all_ignored: bool,
) -> Result<()> {
    let mut logits: Vec<f32> = random_vec(seed, n * v).iter().map(|x| 4.0 * x).collect();
    let mut targets: Vec<u32> = (0..n).map(|i| ((i * 31 + 7) % v) as u32).collect();
    for i in (0..n).step_by(5) {
        targets[i] = IGNORE_INDEX;
    }
    if all_ignored {
        targets.fill(IGNORE_INDEX);
    }
    if n > 3 {
        for x in &mut logits[3 * v..4 * v] {
            *x = *x * 100.0 + 1000.0;
        }
        logits[3 * v + targets[3] as usize] = 1100.0;
    }
    let scale = 0.5;
    let (wl, wd, ws) = cross_entropy_cpu(&logits, &targets, v, scale)?;
    let tl = crate::Tensor::from_f32(gpu, &[n, v], &logits, "logits")?;
    let tt = crate::Tensor::from_u32(gpu, &[n], &targets, "targets")?;
    // Junk in every output: everything must be overwritten.
    let tloss = upload(gpu, &random_vec(1, n), "losses")?;
    let thits = upload(gpu, &random_vec(3, n), "hits")?;
    let trows = upload(gpu, &random_vec(2, 2 * n), "row_stats")?;
    let ts = upload(gpu, &[9.0; 4], "stats")?;
    let ce = cross_entropy(gpu, &tl, &tt, &tloss, &thits, &trows, &ts, scale)?;
    gpu.run(&ce.forward)?;
    let name = format!("N={n} V={v} all_ignored={all_ignored}");
    let loose = Tolerance::F32_LOOSE;
    cmp.check_exact(
        &format!("logits after the forward {name}"),
        bytemuck::cast_slice(&tl.read_f32(gpu).await?),
        bytemuck::cast_slice(&logits),
    )?;
    gpu.run(&ce.backward)?;
    cmp.check(
        &format!("losses {name}"),
        &tloss.read_f32(gpu).await?,
        &wl,
        loose,
    )?;
    cmp.check(
        &format!("dlogits (in place) {name}"),
        &tl.read_f32(gpu).await?,
        &wd,
        Tolerance::F32,
    )?;
    cmp.check(
        &format!("stats {name}"),
        &ts.read_f32(gpu).await?,
        &ws,
        loose,
    )
}
