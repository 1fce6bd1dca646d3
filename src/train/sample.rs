//! Sampling text from a language model: the next token from the logits of the last position of
//! a context window, at a temperature, among the `top_k` most likely tokens.
//!
//! The model runs forward only (evaluation mode), which leaves its logits intact. With
//! `1 <= top_k <= MAX_K` (64) the top-k kernel ([`crate::ops::top_k`]) selects the candidates on
//! the GPU and only `top_k` (index, value) pairs come back, however large the vocabulary;
//! temperature 0 (greedy) selects the top 1 the same way. With `top_k = 0` ("all") or
//! `top_k > MAX_K` the whole last row (`V` floats) is read back and sorted on the CPU, as
//! before. Either way the draw at the temperature happens on the CPU among the candidates.

use crate::error::{Error, Result};
use crate::gpu::tensor::read_buffer;
use crate::gpu::{DType, Gpu, Tensor};
use crate::model::config::Task;
use crate::model::transformer::Model;
use crate::ops::rng::Rng;
use crate::ops::top_k::{self, MAX_K};

/// The token that follows `context` under `model` (a model for batches of one), in evaluation
/// mode. Only the last `model.seq` tokens are seen; an empty context starts from token 10 (a
/// newline for byte models). Temperature 0 takes the most likely token (the lowest id on ties).
pub async fn next_token(
    gpu: &Gpu,
    model: &mut Model,
    context: &[u32],
    temperature: f32,
    top_k: usize,
    rng: &mut Rng,
) -> Result<u32> {
    if model.cfg.task != Task::Lm {
        return Err(Error::Config(
            "sample needs a language model (--task lm); fill completes a masked-LM model's <mask>s"
                .into(),
        ));
    }
    let (t, v) = (model.seq, model.cfg.vocab);
    let context: &[u32] = if context.is_empty() { &[10] } else { context };
    if let Some(&bad) = context.iter().find(|&&x| x as usize >= v) {
        return Err(Error::Config(format!(
            "token {bad} is outside the model's vocabulary of {v}"
        )));
    }
    let window = &context[context.len().saturating_sub(t)..];
    let last = window.len() - 1;
    // Positions after `last` cannot influence it (causal attention): pad with zeros.
    let mut tokens = window.to_vec();
    tokens.resize(t, 0);
    let k = if temperature == 0.0 { 1 } else { top_k };
    let (indices, values) = model
        .with_eval(gpu, async |m| {
            m.forward(gpu, &tokens, &tokens)?;
            if (1..=MAX_K).contains(&k) {
                let ti = Tensor::zeros(gpu, &[k], DType::U32, "top-k indices")?;
                let tv = Tensor::zeros(gpu, &[k], DType::F32, "top-k values")?;
                gpu.run(&[top_k::top_k(gpu, &m.logits, last, k, &ti, &tv)?])?;
                Ok((ti.read_u32(gpu).await?, tv.read_f32(gpu).await?))
            } else {
                let row_bytes = (v * 4) as u64;
                let bytes =
                    read_buffer(gpu, &m.logits.buffer, last as u64 * row_bytes, row_bytes).await?;
                let row: Vec<f32> = bytemuck::pod_collect_to_vec(&bytes);
                let mut order: Vec<u32> = (0..v as u32).collect();
                order.sort_by(|&a, &b| row[b as usize].total_cmp(&row[a as usize]));
                order.truncate(if k == 0 { v } else { k });
                let values = order.iter().map(|&j| row[j as usize]).collect();
                Ok((order, values))
            }
        })
        .await?;
    Ok(pick(&indices, &values, temperature, rng))
}

/// The byte that follows `text` under a byte-level `model`: [`next_token`] over the bytes.
pub async fn next_byte(
    gpu: &Gpu,
    model: &mut Model,
    text: &[u8],
    temperature: f32,
    top_k: usize,
    rng: &mut Rng,
) -> Result<u8> {
    let context: Vec<u32> = text.iter().map(|&b| b as u32).collect();
    let token = next_token(gpu, model, &context, temperature, top_k, rng).await?;
    u8::try_from(token).map_err(|_| {
        Error::Config(format!(
            "token {token} is not a byte: next_byte needs a byte-level model (next_token \
             samples any vocabulary)"
        ))
    })
}

/// A token among the candidates `indices` (most likely first, with their logits `values`) at
/// `temperature` (0: the first). Slots without a token ([`top_k::NONE`], when the
/// vocabulary is smaller than `k`) are never drawn.
pub fn pick(indices: &[u32], values: &[f32], temperature: f32, rng: &mut Rng) -> u32 {
    let n = indices
        .iter()
        .take_while(|&&i| i != top_k::NONE)
        .count()
        .max(1);
    if temperature == 0.0 || n == 1 {
        return indices[0];
    }
    let max = values[0] as f64;
    let w: Vec<f64> = values[..n]
        .iter()
        .map(|&x| ((x as f64 - max) / temperature as f64).exp())
        .collect();
    let mut u = rng.uniform() as f64 * w.iter().sum::<f64>();
    for (&i, &wi) in indices.iter().zip(&w) {
        if u < wi {
            return i;
        }
        u -= wi;
    }
    indices[n - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greedy_takes_the_first_and_only_candidates_are_drawn() {
        // Candidates as the top-k kernel returns them: most likely first.
        let (idx, val) = ([1, 3, 2, 0], [3.0, 2.9, 1.0, 0.0]);
        let mut rng = Rng::new(1);
        assert_eq!(pick(&idx, &val, 0.0, &mut rng), 1);
        for _ in 0..200 {
            let b = pick(&idx[..2], &val[..2], 1.0, &mut rng);
            assert!(b == 1 || b == 3, "top 2 picked {b}");
        }
        let seen: std::collections::HashSet<u32> =
            (0..2000).map(|_| pick(&idx, &val, 5.0, &mut rng)).collect();
        assert_eq!(seen.len(), 4, "a high temperature reaches every candidate");
        let (idx, val) = ([7, top_k::NONE], [1.0, -f32::MAX]);
        assert!((0..100).all(|_| pick(&idx, &val, 10.0, &mut rng) == 7));
    }
}
