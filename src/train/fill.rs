//! Filling masked bytes with a masked-LM model (`evomoe fill`): the masked-LM counterpart of
//! sampling.
//!
//! A prompt marks each byte to fill with `<mask>`. The model sees the prompt as one sequence
//! (positions past its end are padding, which the encoder's attention ignores) and fills the
//! masks one at a time, most confident first: each pass runs the encoder on the GPU, takes the
//! most likely byte at every open mask, and keeps the one whose probability is highest; that
//! byte is then visible to the next pass. `k` masks take `k` forward passes.

use crate::error::{Error, Result};
use crate::gpu::Gpu;
use crate::model::config::Task;
use crate::model::transformer::Model;
use crate::ops::cross_entropy::IGNORE_INDEX;

/// The marker of a byte to fill.
pub const MASK_MARKER: &str = "<mask>";

/// The prompt as tokens, each `<mask>` as `mask_token`; an error without any mask or longer
/// than `context`.
pub fn parse_prompt(prompt: &str, mask_token: u32, context: usize) -> Result<Vec<u32>> {
    let mut tokens = Vec::new();
    let mut rest = prompt;
    while let Some(at) = rest.find(MASK_MARKER) {
        tokens.extend(rest[..at].bytes().map(u32::from));
        tokens.push(mask_token);
        rest = &rest[at + MASK_MARKER.len()..];
    }
    tokens.extend(rest.bytes().map(u32::from));
    if !tokens.contains(&mask_token) {
        return Err(Error::Config(format!(
            "the prompt has no {MASK_MARKER}: mark each byte to fill with {MASK_MARKER}"
        )));
    }
    if tokens.len() > context {
        return Err(Error::Config(format!(
            "the prompt is {} bytes with its masks, more than the model's context of {context}",
            tokens.len()
        )));
    }
    Ok(tokens)
}

/// One most-confident-first fill step: the open mask whose best byte is most likely, and that
/// byte. `logits` are `(T, V)` rows of the sequence.
fn most_confident(
    tokens: &[u32],
    mask_token: u32,
    logits: &[f32],
    v: usize,
) -> Option<(usize, u8)> {
    let mut best: Option<(usize, u8, f64)> = None;
    for (pos, _) in tokens.iter().enumerate().filter(|(_, &t)| t == mask_token) {
        let row = &logits[pos * v..(pos + 1) * v];
        let (arg, &m) = row
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))?;
        let z: f64 = row.iter().map(|&x| ((x - m) as f64).exp()).sum();
        let p = 1.0 / z;
        if best.is_none_or(|(_, _, bp)| p > bp) {
            best = Some((pos, arg as u8, p));
        }
    }
    best.map(|(pos, byte, _)| (pos, byte))
}

/// Fills every `<mask>` of `prompt` with `model` (a masked-LM model for batches of one, in
/// evaluation mode for the call); returns the filled text and the positions filled.
pub async fn fill(gpu: &Gpu, model: &mut Model, prompt: &str) -> Result<(Vec<u8>, Vec<usize>)> {
    if model.cfg.task != Task::Mlm {
        return Err(Error::Config(
            "fill needs a masked-LM model (trained with --task mlm); sample continues an LM".into(),
        ));
    }
    let (t, v, mask) = (model.seq, model.cfg.vocab, model.cfg.mask_token());
    let mut tokens = parse_prompt(prompt, mask, t)?;
    let len = tokens.len();
    let masks: Vec<usize> = (0..len).filter(|&i| tokens[i] == mask).collect();
    let targets = vec![IGNORE_INDEX; t];
    model.set_lengths(gpu, &[len as u32])?;
    let filled = model
        .with_eval(gpu, async |m| {
            for _ in 0..masks.len() {
                let mut input = tokens.clone();
                input.resize(t, 0);
                m.forward(gpu, &input, &targets)?;
                let logits = m.logits.read_f32(gpu).await?;
                match most_confident(&tokens, mask, &logits, v) {
                    Some((pos, byte)) => tokens[pos] = byte as u32,
                    None => break,
                }
            }
            Ok(())
        })
        .await;
    model.set_lengths(gpu, &[t as u32])?;
    filled?;
    Ok((tokens.iter().map(|&x| x as u8).collect(), masks))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts_parse_with_their_masks() {
        let t = parse_prompt("To be, or <mask><mask><mask> to be", 256, 64).unwrap();
        assert_eq!(t.len(), 10 + 3 + 6);
        assert_eq!(&t[10..13], &[256, 256, 256]);
        assert_eq!(t[13], b' ' as u32);
        assert!(parse_prompt("no masks here", 256, 64).is_err());
        assert!(parse_prompt("<mask>", 256, 0).is_err());
        assert_eq!(parse_prompt("<mask>", 256, 1).unwrap(), [256]);
        // A lone `<mas` is text.
        assert_eq!(parse_prompt("<mas<mask>", 256, 9).unwrap().len(), 5);
    }

    #[test]
    fn the_most_confident_mask_is_filled_first() {
        let v = 3;
        // Position 0 is a mask with a flat row, position 2 a mask sure of byte 1.
        let tokens = [9, 5, 9];
        let logits = [0.0, 0.0, 0.0, 5.0, 0.0, 0.0, 0.0, 8.0, 0.0];
        assert_eq!(most_confident(&tokens, 9, &logits, v), Some((2, 1)));
        assert_eq!(most_confident(&[5, 5, 5], 9, &logits, v), None);
    }
}
