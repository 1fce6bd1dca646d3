//! The optimizer: the global gradient norm with its clip factor (odd lengths, one and many
//! partial-sum workgroups, junk in the unused slots), and AdamW over several steps of one
//! recorded dispatch list (with and without clipping, decayed and not), against the CPU.

use crate::error::Result;
use crate::gpu::{DType, Gpu, Tensor};
use crate::ops::adamw::{
    adamw, adamw_cpu, adamw_set_step, grad_norm, grad_norm_cpu, grad_norm_len, AdamwConfig,
};
use crate::selftest::{Check, Compare};
use crate::testing::{random_vec, upload, Tolerance};

use super::compared;

pub fn checks() -> Vec<Check> {
    vec![
        Check::new("adamw", "adamw.grad_norm", |gpu| {
            Box::pin(async move { compared(async |cmp| norm_case(gpu, cmp).await).await })
        }),
        Check::new("adamw", "adamw.step", |gpu| {
            Box::pin(async move {
                compared(async |cmp| {
                    let clipped = AdamwConfig {
                        lr: 1e-2,
                        max_grad_norm: 0.5,
                        ..Default::default()
                    };
                    let unclipped = AdamwConfig {
                        lr: 1e-2,
                        max_grad_norm: 0.0,
                        weight_decay: 0.3,
                        ..Default::default()
                    };
                    step_case(gpu, cmp, &clipped).await?;
                    step_case(gpu, cmp, &unclipped).await
                })
                .await
            })
        }),
    ]
}

/// Lengths of one workgroup (1, 7, 257, 1000), several (20011), and more than the 64
/// workgroups of 4096 elements a tensor can get (300007).
async fn norm_case(gpu: &Gpu, cmp: &mut Compare) -> Result<()> {
    let lens = [1usize, 7, 257, 1000, 20011, 300007];
    let data: Vec<Vec<f32>> = lens
        .iter()
        .enumerate()
        .map(|(i, &n)| random_vec(40 + i as u64, n))
        .collect();
    let tensors: Vec<Tensor> = data
        .iter()
        .map(|d| upload(gpu, d, "g"))
        .collect::<Result<_>>()?;
    let refs: Vec<&Tensor> = tensors.iter().collect();
    let slices: Vec<&[f32]> = data.iter().map(|d| &d[..]).collect();
    let norm_len = grad_norm_len(lens.len());
    let norm = upload(gpu, &random_vec(49, norm_len), "norm")?;
    for max_norm in [1.0f32, 0.0, 1e6] {
        gpu.run(&grad_norm(gpu, &refs, &norm, max_norm)?)?;
        let (clip, total) = grad_norm_cpu(&slices, max_norm);
        cmp.check(
            &format!("[clip, norm] max_norm={max_norm}"),
            &norm.read_f32(gpu).await?[..2],
            &[clip, total],
            Tolerance::F32,
        )?;
    }
    Ok(())
}

/// Two tensors of odd lengths, one decayed and one not, sharing one norm; five steps with a
/// decaying learning rate. With clipping off the optimizer must ignore `norm[0]`.
async fn step_case(gpu: &Gpu, cmp: &mut Compare, cfg: &AdamwConfig) -> Result<()> {
    let lens = [1031usize, 13];
    let decays = [true, false];
    let mut p: Vec<Vec<f32>> = lens
        .iter()
        .enumerate()
        .map(|(i, &n)| random_vec(60 + i as u64, n))
        .collect();
    let mut m: Vec<Vec<f32>> = lens.iter().map(|&n| vec![0.0; n]).collect();
    let mut v = m.clone();
    let zeros = |n: usize, label| Tensor::zeros(gpu, &[n], DType::F32, label);
    let tp: Vec<Tensor> = p
        .iter()
        .map(|x| upload(gpu, x, "p"))
        .collect::<Result<_>>()?;
    let tg: Vec<Tensor> = lens.iter().map(|&n| zeros(n, "g")).collect::<Result<_>>()?;
    let tm: Vec<Tensor> = lens.iter().map(|&n| zeros(n, "m")).collect::<Result<_>>()?;
    let tv: Vec<Tensor> = lens.iter().map(|&n| zeros(n, "v")).collect::<Result<_>>()?;
    let norm = zeros(grad_norm_len(2), "norm")?;
    let mut ds = Vec::new();
    if cfg.max_grad_norm > 0.0 {
        ds = grad_norm(
            gpu,
            &tg.iter().collect::<Vec<_>>(),
            &norm,
            cfg.max_grad_norm,
        )?;
    } else {
        norm.write_f32(gpu, &vec![0.25; grad_norm_len(2)])?;
    }
    let n_norm = ds.len();
    for i in 0..2 {
        ds.push(adamw(
            gpu, cfg, &tp[i], &tg[i], &tm[i], &tv[i], decays[i], &norm,
        )?);
    }
    for step in 1..=5u32 {
        let lr = cfg.lr * (1.0 - 0.1 * step as f32);
        let g: Vec<Vec<f32>> = lens
            .iter()
            .enumerate()
            .map(|(i, &n)| {
                random_vec(100 * step as u64 + i as u64, n)
                    .iter()
                    .map(|x| x * (1.0 + step as f32))
                    .collect()
            })
            .collect();
        for i in 0..2 {
            tg[i].write_f32(gpu, &g[i])?;
            adamw_set_step(gpu, &ds[n_norm + i], cfg, lens[i], decays[i], step, lr);
        }
        gpu.run(&ds)?;
        let gs: Vec<&[f32]> = g.iter().map(|x| &x[..]).collect();
        let (clip, _) = grad_norm_cpu(&gs, cfg.max_grad_norm);
        if cfg.max_grad_norm > 0.0 && clip >= 1.0 {
            return Err(crate::Error::Config(format!(
                "adamw check: clip factor {clip} at step {step} does not exercise clipping"
            )));
        }
        for i in 0..2 {
            adamw_cpu(
                cfg, &mut p[i], &g[i], &mut m[i], &mut v[i], decays[i], clip, step, lr,
            )?;
            let what = format!("{cfg:?} step {step} tensor {i}");
            cmp.check(
                &format!("p {what}"),
                &tp[i].read_f32(gpu).await?,
                &p[i],
                Tolerance::F32,
            )?;
            cmp.check(
                &format!("m {what}"),
                &tm[i].read_f32(gpu).await?,
                &m[i],
                Tolerance::F32,
            )?;
            cmp.check(
                &format!("v {what}"),
                &tv[i].read_f32(gpu).await?,
                &v[i],
                Tolerance::F32,
            )?;
        }
    }
    Ok(())
}
