//! Token + position embedding, forward and backward (accumulated onto non-zero gradients), with
//! repeated tokens, one very frequent token, out-of-range tokens (skipped), every position on
//! one token, and more position rows than `T`.

use crate::error::Result;
use crate::gpu::{DType, Gpu, Tensor};
use crate::ops::embedding::{
    embedding_backward, embedding_backward_cpu, embedding_forward, embedding_forward_cpu,
};
use crate::ops::rng::Rng;
use crate::selftest::{Check, Compare};
use crate::testing::{random_vec, upload, Tolerance};

use super::compared;

/// `(B, T, C, V)`; `(2, 150, 3, 256)` has 300 positions: three rank tiles.
const SHAPES: &[(usize, usize, usize, usize)] = &[
    (3, 11, 45, 67),
    (5, 37, 7, 67),
    (2, 150, 3, 256),
    (1, 1, 1, 1),
];

pub fn checks() -> Vec<Check> {
    vec![
        Check::new("embedding", "embedding.forward", |gpu| {
            Box::pin(async move { compared(async |cmp| each_case(gpu, cmp, false).await).await })
        }),
        Check::new("embedding", "embedding.backward", |gpu| {
            Box::pin(async move { compared(async |cmp| each_case(gpu, cmp, true).await).await })
        }),
    ]
}

/// Tokens with repeats: one very frequent token, a few frequent ones, some `>= V`.
fn tokens_with_repeats(seed: u64, n: usize, v: usize) -> Vec<u32> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|i| match i % 5 {
            0 => 3 % v as u32,
            1 => rng.below(4.min(v as u32)),
            2 if i % 45 == 2 => v as u32 + 7,
            _ => rng.below(v as u32),
        })
        .collect()
}

async fn each_case(gpu: &Gpu, cmp: &mut Compare, backward: bool) -> Result<()> {
    for &(b, t, c, v) in SHAPES {
        let n = b * t;
        for (k, tokens) in [
            tokens_with_repeats((b * 1000 + t) as u64, n, v),
            vec![v as u32 - 1; n],
            vec![v as u32; n],
        ]
        .into_iter()
        .enumerate()
        {
            let seed = 70 + 10 * k as u64;
            if backward {
                backward_case(gpu, cmp, (b, t, c, v), &tokens, seed).await?;
            } else {
                forward_case(gpu, cmp, (b, t, c, v), &tokens, seed).await?;
            }
        }
    }
    Ok(())
}

async fn forward_case(
    gpu: &Gpu,
    cmp: &mut Compare,
    (b, t, c, v): (usize, usize, usize, usize),
    tokens: &[u32],
    seed: u64,
) -> Result<()> {
    let p = t + 2; // wpe has more rows than T
    let wte = random_vec(seed, v * c);
    let wpe = random_vec(seed + 1, p * c);
    let ttok = Tensor::from_u32(gpu, &[b, t], tokens, "tokens")?;
    let (twte, twpe) = (upload(gpu, &wte, "wte")?, upload(gpu, &wpe, "wpe")?);
    let tout = Tensor::zeros(gpu, &[b * t, c], DType::F32, "out")?;
    gpu.run(&[embedding_forward(
        gpu, &ttok, &twte, &twpe, &tout, b, t, c, v,
    )?])?;
    cmp.check(
        &format!("out B={b} T={t} C={c} V={v} tokens {:?}..", first(tokens)),
        &tout.read_f32(gpu).await?,
        &embedding_forward_cpu(tokens, &wte, &wpe, t, c, v),
        Tolerance::F32,
    )
}

async fn backward_case(
    gpu: &Gpu,
    cmp: &mut Compare,
    (b, t, c, v): (usize, usize, usize, usize),
    tokens: &[u32],
    seed: u64,
) -> Result<()> {
    let p = t + 2;
    let dout = random_vec(seed, b * t * c);
    let (mut dwte, mut dwpe) = (random_vec(seed + 1, v * c), random_vec(seed + 2, p * c));
    let ttok = Tensor::from_u32(gpu, &[b, t], tokens, "tokens")?;
    let td = upload(gpu, &dout, "dout")?;
    let (tdwte, tdwpe) = (upload(gpu, &dwte, "dwte")?, upload(gpu, &dwpe, "dwpe")?);
    gpu.run(&embedding_backward(
        gpu, &ttok, &td, &tdwte, &tdwpe, b, t, c, v,
    )?)?;
    embedding_backward_cpu(tokens, &dout, &mut dwte, &mut dwpe, t, c, v);
    let what = format!("B={b} T={t} C={c} V={v} tokens {:?}..", first(tokens));
    cmp.check(
        &format!("dwte {what}"),
        &tdwte.read_f32(gpu).await?,
        &dwte,
        Tolerance::F32,
    )?;
    cmp.check(
        &format!("dwpe {what}"),
        &tdwpe.read_f32(gpu).await?,
        &dwpe,
        Tolerance::F32,
    )
}

/// The first few tokens, to name the case in an error.
fn first(tokens: &[u32]) -> &[u32] {
    &tokens[..tokens.len().min(4)]
}
