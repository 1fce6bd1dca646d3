//! RoBERTa masking for the masked-LM task.
//!
//! Each row of `T` bytes gets `k = max(1, round(0.15 T))` picked positions, chosen without
//! replacement (a partial Fisher-Yates shuffle). Of the picked positions, 80% become the mask
//! token, 10% a random byte and 10% keep their byte; the loss is taken on the picked positions
//! only: their target is the original byte, every other target is
//! [`IGNORE_INDEX`]. Every draw is Philox keyed by (seed, step, row), like batch sampling, so a
//! resumed run sees exactly the masks it would have seen, and evaluation uses one fixed set of
//! masks ([`EVAL_MASK_SEED`], batch index as the step) whatever the run.

use crate::error::Result;
use crate::model::config::{ModelConfig, Task};
use crate::ops::cross_entropy::IGNORE_INDEX;
use crate::ops::rng::{philox4x32, uniform01};
use crate::train::data::{eval_batches, sample_batch, Batch, Tokens};

/// Fraction of each row's positions that take part in the loss.
pub const MASK_FRACTION: f64 = 0.15;

/// Of the picked positions: this fraction becomes the mask token ...
pub const MASK_TOKEN_FRACTION: f32 = 0.8;

/// ... and this one a random byte (the rest keep theirs).
pub const RANDOM_TOKEN_FRACTION: f32 = 0.1;

/// The seed of evaluation's masks: the same for every run, so runs compare on the same masks.
pub const EVAL_MASK_SEED: u64 = 0x4D41_534B_4556_414C;

/// Philox stream tag of the masking draws (distinct from batch sampling's).
const TAG: u32 = 0x4D41_0000;

/// How many positions of a row of `t` bytes are picked.
pub fn picks_per_row(t: usize) -> usize {
    ((MASK_FRACTION * t as f64).round() as usize).clamp(1, t)
}

/// A stream of Philox draws for one (seed, step, row).
struct Draws {
    key: [u32; 2],
    ctr: [u32; 3],
    block: u32,
    buf: [u32; 4],
    used: usize,
}

impl Draws {
    fn new(seed: u64, step: u64, row: usize) -> Draws {
        Draws {
            key: [seed as u32, (seed >> 32) as u32],
            ctr: [row as u32, step as u32, (step >> 32) as u32],
            block: 0,
            buf: [0; 4],
            used: 4,
        }
    }

    fn next(&mut self) -> u32 {
        if self.used == 4 {
            let [a, b, c] = self.ctr;
            self.buf = philox4x32([a, b, c, TAG + self.block], self.key);
            self.block += 1;
            self.used = 0;
        }
        self.used += 1;
        self.buf[self.used - 1]
    }

    /// Uniform in `0..n` (`n > 0`; the modulo bias is below 2^-20 for the sizes here).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() as u64) << 32 | self.next() as u64) % n as u64) as usize
    }
}

/// Masks the inputs of `batch` (rows of `t` tokens; its targets are ignored) for step `step`:
/// returns the masked inputs and the targets (original bytes at the picked positions,
/// [`IGNORE_INDEX`] elsewhere). Random replacements are drawn from `0..vocab`.
pub fn mask_batch(
    batch: &Batch,
    t: usize,
    vocab: usize,
    mask_token: u32,
    seed: u64,
    step: u64,
) -> Batch {
    let mut inputs = batch.inputs.clone();
    let mut targets = vec![IGNORE_INDEX; inputs.len()];
    let k = picks_per_row(t);
    let mut order: Vec<usize> = Vec::with_capacity(t);
    for (row, (inp, tgt)) in inputs.chunks_mut(t).zip(targets.chunks_mut(t)).enumerate() {
        let mut d = Draws::new(seed, step, row);
        order.clear();
        order.extend(0..t);
        for i in 0..k {
            let j = i + d.below(t - i);
            order.swap(i, j);
            let pos = order[i];
            tgt[pos] = inp[pos];
            let u = uniform01(d.next());
            let random = d.below(vocab) as u32;
            if u < MASK_TOKEN_FRACTION {
                inp[pos] = mask_token;
            } else if u < MASK_TOKEN_FRACTION + RANDOM_TOKEN_FRACTION {
                inp[pos] = random;
            }
        }
    }
    Batch { inputs, targets }
}

/// Training batch `step` for `cfg`'s task: the LM's next-byte batch, or the same windows masked.
pub fn train_batch(
    cfg: &ModelConfig,
    data: &Tokens,
    b: usize,
    t: usize,
    seed: u64,
    step: u64,
) -> Result<Batch> {
    let batch = sample_batch(data, b, t, seed, step)?;
    Ok(match cfg.task {
        Task::Lm => batch,
        Task::Mlm => mask_batch(&batch, t, cfg.vocab, cfg.mask_token(), seed, step),
    })
}

/// The evaluation batches of `data` for `cfg`'s task (at most `n`): consecutive windows, masked
/// with the fixed evaluation masks for the masked LM.
pub fn task_eval_batches(
    cfg: &ModelConfig,
    data: &Tokens,
    b: usize,
    t: usize,
    n: usize,
) -> Vec<Batch> {
    let batches = eval_batches(data, b, t, n);
    match cfg.task {
        Task::Lm => batches,
        Task::Mlm => batches
            .iter()
            .enumerate()
            .map(|(i, batch)| {
                mask_batch(
                    batch,
                    t,
                    cfg.vocab,
                    cfg.mask_token(),
                    EVAL_MASK_SEED,
                    i as u64,
                )
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::train::data::{sample_batch, Corpus};

    const MASK: u32 = 256;

    /// `x` successes of `n` trials at probability `p` lie within 5 standard deviations.
    fn within_binomial(x: usize, n: usize, p: f64) -> bool {
        let (mean, sd) = (n as f64 * p, (n as f64 * p * (1.0 - p)).sqrt());
        (x as f64 - mean).abs() <= 5.0 * sd
    }

    #[test]
    fn fifteen_percent_of_each_row_then_80_10_10() {
        let corpus = Corpus::builtin();
        let (b, t) = (8, 64);
        let (mut picked, mut masked, mut random, mut kept) = (0, 0, 0, 0);
        let mut positions = vec![0usize; t];
        for step in 0..200 {
            let batch = sample_batch(&corpus.train, b, t, 1, step).unwrap();
            let m = mask_batch(&batch, t, 256, MASK, 1, step);
            for row in 0..b {
                let r = row * t..(row + 1) * t;
                let picks = m.targets[r.clone()]
                    .iter()
                    .filter(|&&y| y != IGNORE_INDEX)
                    .count();
                assert_eq!(picks, picks_per_row(t), "step {step} row {row}");
            }
            for (i, (&y, (&orig, &inp))) in m
                .targets
                .iter()
                .zip(batch.inputs.iter().zip(&m.inputs))
                .enumerate()
            {
                if y == IGNORE_INDEX {
                    assert_eq!(inp, orig, "an unpicked position changed");
                    continue;
                }
                assert_eq!(y, orig, "the target is the original byte");
                picked += 1;
                positions[i % t] += 1;
                if inp == MASK {
                    masked += 1;
                } else if inp == orig {
                    // A random byte equal to the original also lands here (p = 1/256).
                    kept += 1;
                } else {
                    random += 1;
                }
            }
        }
        assert_eq!(picked, 200 * b * picks_per_row(t));
        assert!(within_binomial(masked, picked, 0.8), "{masked} of {picked}");
        let p_kept = 0.1 + 0.1 / 256.0;
        assert!(within_binomial(kept, picked, p_kept), "{kept} of {picked}");
        assert!(
            within_binomial(random, picked, 0.1 - 0.1 / 256.0),
            "{random} of {picked}"
        );
        // Every position is picked about equally often.
        let per = picked as f64 / t as f64;
        for (pos, &c) in positions.iter().enumerate() {
            assert!(
                within_binomial(c, picked, 1.0 / t as f64),
                "position {pos}: {c} vs {per}"
            );
        }
    }

    #[test]
    fn masks_are_a_function_of_seed_step_and_row() {
        let corpus = Corpus::builtin();
        let batch = sample_batch(&corpus.train, 4, 32, 1, 7).unwrap();
        let a = mask_batch(&batch, 32, 256, MASK, 3, 7);
        assert_eq!(a, mask_batch(&batch, 32, 256, MASK, 3, 7));
        assert_ne!(a, mask_batch(&batch, 32, 256, MASK, 3, 8));
        assert_ne!(a, mask_batch(&batch, 32, 256, MASK, 4, 7));
        // Rows differ from each other even on identical text.
        let same = Batch {
            inputs: batch.inputs[..32].repeat(4),
            targets: batch.targets[..32].repeat(4),
        };
        let m = mask_batch(&same, 32, 256, MASK, 3, 7);
        assert_ne!(m.targets[..32], m.targets[32..64]);
    }

    #[test]
    fn short_rows_still_pick_one_position() {
        assert_eq!(picks_per_row(1), 1);
        assert_eq!(picks_per_row(3), 1);
        assert_eq!(picks_per_row(10), 2);
        assert_eq!(picks_per_row(128), 19);
    }
}
