//! Sampling text from a byte-level model: the next byte from the logits of the last position of
//! a context window, at a temperature, among the `top_k` most likely bytes.

use crate::error::{Error, Result};
use crate::gpu::Gpu;
use crate::model::config::Task;
use crate::model::transformer::Model;
use crate::ops::rng::Rng;

/// The byte that follows `text` under `model` (a model for batches of one), in evaluation mode.
/// Only the last `model.seq` bytes are seen; an empty text starts from a newline.
pub async fn next_byte(
    gpu: &Gpu,
    model: &mut Model,
    text: &[u8],
    temperature: f32,
    top_k: usize,
    rng: &mut Rng,
) -> Result<u8> {
    if model.cfg.task != Task::Lm {
        return Err(Error::Config(
            "sample needs a language model (--task lm); fill completes a masked-LM model's <mask>s"
                .into(),
        ));
    }
    let (t, v) = (model.seq, model.cfg.vocab);
    let text: &[u8] = if text.is_empty() { b"\n" } else { text };
    let window = &text[text.len().saturating_sub(t)..];
    let last = window.len() - 1;
    // Positions after `last` cannot influence it (causal attention): pad with zeros.
    let mut tokens: Vec<u32> = window.iter().map(|&b| b as u32).collect();
    tokens.resize(t, 0);
    let logits = model
        .with_eval(gpu, async |m| {
            m.forward(gpu, &tokens, &tokens)?;
            m.logits.read_f32(gpu).await
        })
        .await?;
    Ok(pick(
        &logits[last * v..(last + 1) * v],
        temperature,
        top_k,
        rng,
    ))
}

/// TEMPORARY shim until the GPU top-k lands: the token that follows `context`.
pub async fn next_token(
    gpu: &Gpu,
    model: &mut Model,
    context: &[u32],
    temperature: f32,
    top_k: usize,
    rng: &mut Rng,
) -> Result<u32> {
    let (t, v) = (model.seq, model.cfg.vocab);
    let window = &context[context.len().saturating_sub(t)..];
    let last = window.len() - 1;
    let mut tokens = window.to_vec();
    tokens.resize(t, 0);
    let logits = model
        .with_eval(gpu, async |m| {
            m.forward(gpu, &tokens, &tokens)?;
            m.logits.read_f32(gpu).await
        })
        .await?;
    let row = &logits[last * v..(last + 1) * v];
    let _ = pick(row, temperature, top_k, rng);
    let mut order: Vec<usize> = (0..v).collect();
    order.sort_by(|&a, &b| row[b].total_cmp(&row[a]));
    Ok(order[0] as u32)
}

/// A byte from `logits` at `temperature` (0: the most likely) among the `top_k` most likely
/// (0: all).
pub fn pick(logits: &[f32], temperature: f32, top_k: usize, rng: &mut Rng) -> u8 {
    let mut order: Vec<usize> = (0..logits.len()).collect();
    order.sort_by(|&a, &b| logits[b].total_cmp(&logits[a]));
    if temperature == 0.0 {
        return order[0] as u8;
    }
    let k = if top_k == 0 {
        order.len()
    } else {
        top_k.min(order.len())
    };
    let top = &order[..k];
    let max = logits[top[0]] as f64;
    let w: Vec<f64> = top
        .iter()
        .map(|&i| ((logits[i] as f64 - max) / temperature as f64).exp())
        .collect();
    let mut u = rng.uniform() as f64 * w.iter().sum::<f64>();
    for (&i, &wi) in top.iter().zip(&w) {
        if u < wi {
            return i as u8;
        }
        u -= wi;
    }
    top[k - 1] as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greedy_takes_the_largest_and_top_k_limits_the_choice() {
        let logits = [0.0, 3.0, 1.0, 2.9];
        let mut rng = Rng::new(1);
        assert_eq!(pick(&logits, 0.0, 0, &mut rng), 1);
        for _ in 0..200 {
            let b = pick(&logits, 1.0, 2, &mut rng);
            assert!(b == 1 || b == 3, "top_k 2 picked {b}");
        }
        let seen: std::collections::HashSet<u8> =
            (0..2000).map(|_| pick(&logits, 5.0, 0, &mut rng)).collect();
        assert_eq!(seen.len(), 4, "a high temperature reaches every byte");
    }
}
