//! Byte-level data: the built-in corpus, the train/validation split and batch sampling.
//!
//! Tokens are raw bytes (vocabulary 256). A batch is `B` windows of `T + 1` bytes at positions
//! drawn from Philox keyed by (seed, step, row), so batch `s` is the same whether a run reaches it
//! directly or resumes from a checkpoint. Inputs and targets are flattened `n = b * T + t`.

use crate::error::{Error, Result};
use crate::ops::rng::philox4x32;

/// The built-in training corpus: about 1 MB of Shakespeare (see data/SOURCE.md).
pub const BUILTIN_CORPUS: &[u8] = include_bytes!("../../data/shakespeare_1mb.txt");

/// Byte vocabulary size.
pub const VOCAB: usize = 256;

/// A corpus split into training and validation bytes.
#[derive(Clone, Debug)]
pub struct Corpus {
    pub train: Vec<u8>,
    pub val: Vec<u8>,
}

impl Corpus {
    /// Splits `bytes`, holding out the last `val_fraction` for validation.
    pub fn split(bytes: &[u8], val_fraction: f64) -> Result<Corpus> {
        if !(0.0..1.0).contains(&val_fraction) {
            return Err(Error::Config(format!(
                "validation fraction {val_fraction} must be in [0, 1)"
            )));
        }
        let cut = ((bytes.len() as f64) * (1.0 - val_fraction)) as usize;
        Ok(Corpus {
            train: bytes[..cut].to_vec(),
            val: bytes[cut..].to_vec(),
        })
    }

    /// The built-in corpus with 10% held out.
    pub fn builtin() -> Corpus {
        Corpus::split(BUILTIN_CORPUS, 0.1).expect("0.1 is a valid fraction")
    }

    /// A text file from disk with 10% held out.
    pub fn from_file(path: &std::path::Path) -> Result<Corpus> {
        let bytes = std::fs::read(path)
            .map_err(|e| Error::Config(format!("cannot read corpus {}: {e}", path.display())))?;
        Corpus::split(&bytes, 0.1)
    }
}

/// One batch: `inputs[n]` and `targets[n] = inputs[n + 1]` within each row, `n = b * T + t`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Batch {
    pub inputs: Vec<u32>,
    pub targets: Vec<u32>,
}

/// Samples batches of `b` rows of `t` tokens from `data`.
pub fn sample_batch(data: &[u8], b: usize, t: usize, seed: u64, step: u64) -> Result<Batch> {
    if data.len() < t + 2 {
        return Err(Error::Config(format!(
            "corpus of {} bytes is too short for context {t}",
            data.len()
        )));
    }
    let span = (data.len() - t - 1) as u64;
    let mut inputs = Vec::with_capacity(b * t);
    let mut targets = Vec::with_capacity(b * t);
    for row in 0..b {
        let r = philox4x32(
            [row as u32, step as u32, (step >> 32) as u32, 0xDA7A],
            [seed as u32, (seed >> 32) as u32],
        );
        let start = (((r[0] as u64) << 32 | r[1] as u64) % span) as usize;
        let w = &data[start..start + t + 1];
        inputs.extend(w[..t].iter().map(|&x| x as u32));
        targets.extend(w[1..].iter().map(|&x| x as u32));
    }
    Ok(Batch { inputs, targets })
}

/// Consecutive non-overlapping evaluation batches covering `data` from the start (at most
/// `max_batches`), so validation loss is deterministic.
pub fn eval_batches(data: &[u8], b: usize, t: usize, max_batches: usize) -> Vec<Batch> {
    let mut out = Vec::new();
    let mut pos = 0;
    while out.len() < max_batches && pos + b * t < data.len() {
        let mut inputs = Vec::with_capacity(b * t);
        let mut targets = Vec::with_capacity(b * t);
        for _ in 0..b {
            inputs.extend(data[pos..pos + t].iter().map(|&x| x as u32));
            targets.extend(data[pos + 1..pos + t + 1].iter().map(|&x| x as u32));
            pos += t;
        }
        out.push(Batch { inputs, targets });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_are_shifted_and_reproducible() {
        let c = Corpus::builtin();
        assert!(c.train.len() > 900_000 && !c.val.is_empty());
        let a = sample_batch(&c.train, 4, 16, 1, 7).unwrap();
        assert_eq!(a, sample_batch(&c.train, 4, 16, 1, 7).unwrap());
        assert_ne!(a, sample_batch(&c.train, 4, 16, 1, 8).unwrap());
        for row in 0..4 {
            assert_eq!(
                a.inputs[row * 16 + 1..row * 16 + 16],
                a.targets[row * 16..row * 16 + 15]
            );
        }
        assert!(sample_batch(b"short", 1, 16, 0, 0).is_err());
    }

    #[test]
    fn eval_batches_cover_data_in_order() {
        let data: Vec<u8> = (0..100u8).collect();
        let bs = eval_batches(&data, 2, 5, 100);
        assert_eq!(bs.len(), 9);
        assert_eq!(bs[0].inputs, vec![0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(bs[0].targets[0], 1);
    }
}
