//! Spawn checks: the GPU copies of a base tensor into `E` experts, masked (Philox keep masks)
//! and unmasked, equal `spawn_cpu`'s bit for bit; the keep ratio is `1 - r`; `r = 0` copies and
//! the rescale is exact.

use crate::error::Result;
use crate::gpu::Gpu;
use crate::moe::spawn::{spawn, spawn_cpu, SpawnMask};
use crate::selftest::{Check, Verdict};
use crate::testing::{check_bits, random_vec};
use crate::Tensor;

use super::weak;

/// The verdict of a check whose comparisons are all bit for bit.
const BIT_EXACT: Verdict = Verdict::Pass { max_rel_err: 0.0 };

pub(super) fn checks() -> Vec<Check> {
    vec![
        Check::new("spawn", "spawn.bitwise", |gpu| Box::pin(bitwise(gpu))),
        Check::new("spawn", "spawn.keep_ratio", |gpu| Box::pin(keep_ratio(gpu))),
        Check::new("spawn", "spawn.rescale", |gpu| Box::pin(rescale(gpu))),
    ]
}

fn mask(seed: u64, layer: u32, tensor: u32, drop_rate: f32) -> SpawnMask {
    SpawnMask {
        seed,
        layer,
        tensor,
        drop_rate,
    }
}

/// Spawns `n_experts` copies of `base` on the GPU into a NaN-filled `dst` (an element the
/// kernel never writes stays NaN and differs) and reads it back.
pub async fn gpu_spawn(
    gpu: &Gpu,
    base: &[f32],
    n_experts: usize,
    mask: Option<&SpawnMask>,
    scale: f32,
) -> Result<Vec<f32>> {
    let numel = base.len();
    let tb = Tensor::from_f32(gpu, &[numel], base, "base")?;
    let nan = vec![f32::NAN; n_experts * numel];
    let td = Tensor::from_f32(gpu, &[n_experts, numel], &nan, "dst")?;
    let d = spawn(gpu, &tb, &td, n_experts, mask, scale)?;
    gpu.run(&[&d])?;
    td.read_f32(gpu).await
}

/// Sizes 1, 7 (less than one 4-element Philox block, and a ragged one), 1000 and 4099; E = 1,
/// 3, 8; unmasked and masked, each at scale 1 and a rescale.
async fn bitwise(gpu: &Gpu) -> Result<Verdict> {
    let m = mask(0x1234_5678_9ABC_DEF0, 3, 5, 0.3);
    for numel in [1usize, 7, 1000, 4099] {
        let base = random_vec(numel as u64, numel);
        for e in [1usize, 3, 8] {
            for (masked, scale) in [
                (None, 1.0),
                (None, 0.75),
                (Some(&m), 1.0),
                (Some(&m), 1.0 / 0.7),
            ] {
                let got = gpu_spawn(gpu, &base, e, masked, scale).await?;
                let want = spawn_cpu(&base, e, masked, scale);
                let what = format!("spawn numel {numel} E {e} mask {masked:?} scale {scale}");
                check_bits(&what, &got, &want)?;
            }
        }
    }
    Ok(BIT_EXACT)
}

/// The fraction of kept elements is `1 - r` within six binomial standard deviations (the test
/// data has no zeros, so a zero is a dropped element), and the masks equal the CPU's.
async fn keep_ratio(gpu: &Gpu) -> Result<Verdict> {
    let (e, numel) = (4usize, 25_000usize);
    let base = random_vec(5, numel);
    let n = (e * numel) as f64;
    for r in [0.25f32, 0.5, 0.75] {
        let m = mask(7, 0, 1, r);
        let got = gpu_spawn(gpu, &base, e, Some(&m), 1.0).await?;
        check_bits(
            &format!("spawn r = {r}"),
            &got,
            &spawn_cpu(&base, e, Some(&m), 1.0),
        )?;
        let ratio = got.iter().filter(|&&x| x != 0.0).count() as f64 / n;
        let tol = 6.0 * (r as f64 * (1.0 - r as f64) / n).sqrt();
        if (ratio - (1.0 - r as f64)).abs() > tol {
            return Err(weak(format!(
                "spawn r = {r}: keep ratio {ratio}, want {} +- {tol}",
                1.0 - r
            )));
        }
    }
    Ok(BIT_EXACT)
}

/// `r = 0` copies the base exactly; with `r = 0.3`, kept elements are `base * 1 / (1 - r)`
/// exactly, dropped ones 0, and the mask does not depend on the scale.
async fn rescale(gpu: &Gpu) -> Result<Verdict> {
    let (e, numel) = (3usize, 777usize);
    let base = random_vec(21, numel);
    let copies: Vec<f32> = (0..e).flat_map(|_| base.iter().copied()).collect();
    let got = gpu_spawn(gpu, &base, e, Some(&mask(1, 0, 0, 0.0)), 1.0).await?;
    check_bits("spawn r = 0", &got, &copies)?;
    let r = 0.3f32;
    let scale = 1.0 / (1.0 - r);
    let m = mask(1, 0, 0, r);
    let plain = gpu_spawn(gpu, &base, e, Some(&m), 1.0).await?;
    let scaled = gpu_spawn(gpu, &base, e, Some(&m), scale).await?;
    let want: Vec<f32> = plain
        .iter()
        .zip(&copies)
        .map(|(&p, &b)| if p != 0.0 { b * scale } else { 0.0 })
        .collect();
    check_bits("spawn rescaled", &scaled, &want)?;
    if !plain.contains(&0.0) {
        return Err(weak("spawn r = 0.3 dropped nothing".into()));
    }
    Ok(BIT_EXACT)
}
