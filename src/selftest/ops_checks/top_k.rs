//! Top-k selection over one row of logits against a CPU sort: GPT-2's padded vocabulary
//! (50,304) with k = 1, 7 and the maximum 64, rows with many ties (logits rounded to a few
//! values, so the lower index must win), NaN logits (never selected), a row other than the
//! first, and k above V (the slots past V are empty).

use crate::error::Result;
use crate::gpu::{Gpu, Tensor};
use crate::ops::top_k::{top_k, top_k_cpu, MAX_K};
use crate::selftest::{Check, Compare};
use crate::testing::random_vec;

use super::compared;

/// `(N, V, row, k, ties)`.
const CASES: &[(usize, usize, usize, usize, bool)] = &[
    (1, 50_304, 0, MAX_K, false),
    (3, 50_304, 2, 7, true),
    (2, 50_304, 1, 1, true),
    (2, 300, 1, MAX_K, true),
    (1, 7, 0, 10, false),
    (4, 1, 3, 3, false),
];

pub fn checks() -> Vec<Check> {
    vec![Check::new("top_k", "top_k.row", |gpu| {
        Box::pin(async move {
            compared(async |cmp| {
                for (i, &(n, v, row, k, ties)) in CASES.iter().enumerate() {
                    case(gpu, cmp, n, v, row, k, ties, 7 + i as u64).await?;
                }
                Ok(())
            })
            .await
        })
    })]
}

#[allow(clippy::too_many_arguments)]
async fn case(
    gpu: &Gpu,
    cmp: &mut Compare,
    n: usize,
    v: usize,
    row: usize,
    k: usize,
    ties: bool,
    seed: u64,
) -> Result<()> {
    let mut logits: Vec<f32> = random_vec(seed, n * v).iter().map(|x| 4.0 * x).collect();
    if ties {
        // A handful of distinct values: every selected value is shared by many indices.
        for x in &mut logits {
            *x = (*x * 2.0).round();
        }
    }
    if v > 10 {
        logits[row * v + 3] = f32::NAN;
        logits[row * v + v / 2] = f32::NAN;
    }
    let tl = Tensor::from_f32(gpu, &[n, v], &logits, "logits")?;
    // Junk in the outputs: the first k entries must be overwritten.
    let ti = Tensor::from_u32(gpu, &[k], &vec![5; k], "indices")?;
    let tv = Tensor::from_f32(gpu, &[k], &vec![9.0; k], "values")?;
    gpu.run(&[top_k(gpu, &tl, row, k, &ti, &tv)?])?;
    let (want_i, want_v) = top_k_cpu(&logits[row * v..(row + 1) * v], k);
    let name = format!("N={n} V={v} row={row} k={k} ties={ties}");
    cmp.check_exact(
        &format!("indices {name}"),
        &ti.read_u32(gpu).await?,
        &want_i,
    )?;
    cmp.check_exact(
        &format!("values (bits) {name}"),
        bytemuck::cast_slice(&tv.read_f32(gpu).await?),
        bytemuck::cast_slice(&want_v),
    )?;
    Ok(())
}
