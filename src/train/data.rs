//! Training data: the built-in corpus, the train/validation split and batch sampling.
//!
//! A split's ids ([`Tokens`]) are raw bytes held in memory (vocabulary 256, the default) or a
//! range of a memory-mapped token file (`crate::tokens`, native only: BPE ids, a corpus larger
//! than memory). A batch is `B` windows of `T + 1` ids at positions drawn from Philox keyed by
//! (seed, step, row), so batch `s` is the same whether a run reaches it directly or resumes
//! from a checkpoint; windows are read straight from the map. Inputs and targets are flattened
//! `n = b * T + t`.

use crate::error::{Error, Result};
use crate::ops::rng::philox4x32;
#[cfg(not(target_arch = "wasm32"))]
use crate::tokens::TokenFile;
#[cfg(not(target_arch = "wasm32"))]
use std::sync::Arc;

/// The built-in training corpus: about 1 MB of Shakespeare (see data/SOURCE.md).
pub const BUILTIN_CORPUS: &[u8] = include_bytes!("../../data/shakespeare_1mb.txt");

/// Byte vocabulary size.
pub const VOCAB: usize = 256;

/// The ids of one split.
#[derive(Clone, Debug)]
pub enum Tokens {
    /// Bytes in memory: ids `0..256`.
    Bytes(Vec<u8>),
    /// Ids `start .. start + len` of a memory-mapped token file (checked below its vocabulary
    /// when it was opened).
    #[cfg(not(target_arch = "wasm32"))]
    File {
        file: Arc<TokenFile>,
        start: usize,
        len: usize,
    },
}

impl Tokens {
    /// Number of ids.
    pub fn len(&self) -> usize {
        match self {
            Tokens::Bytes(b) => b.len(),
            #[cfg(not(target_arch = "wasm32"))]
            Tokens::File { len, .. } => *len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Ids `start .. start + out.len()` into `out` (`start + out.len() <= len`).
    pub fn read(&self, start: usize, out: &mut [u32]) {
        match self {
            Tokens::Bytes(b) => {
                let end = start + out.len();
                for (o, &x) in out.iter_mut().zip(&b[start..end]) {
                    *o = x as u32;
                }
            }
            #[cfg(not(target_arch = "wasm32"))]
            Tokens::File {
                file,
                start: s,
                len,
            } => {
                assert!(
                    start + out.len() <= *len,
                    "a window past the end of a split"
                );
                file.read_into(s + start, out)
            }
        }
    }

    /// The bytes, when the split is bytes.
    pub fn bytes(&self) -> Option<&[u8]> {
        match self {
            Tokens::Bytes(b) => Some(b),
            #[cfg(not(target_arch = "wasm32"))]
            Tokens::File { .. } => None,
        }
    }
}

/// Where a corpus's ids came from, when not from bytes: the tokenizer that made them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenizerRef {
    /// Its `tokenizer.json` (copied into the run directory).
    pub path: std::path::PathBuf,
    /// CRC-32 of that file, as 8 hex digits (stored in checkpoints).
    pub crc32: String,
}

/// A corpus split into training and validation ids.
#[derive(Clone, Debug)]
pub struct Corpus {
    pub train: Tokens,
    pub val: Tokens,
    /// Size and checksum of the whole data, stored in checkpoints so that a resumed run notices
    /// a changed file.
    pub fingerprint: Fingerprint,
    /// Every id is below this (256 for bytes).
    pub vocab: usize,
    /// The validation split's ids per byte of the text they encode (1 for bytes), when known:
    /// bits per byte = loss per id / ln 2 * this.
    pub val_tokens_per_byte: Option<f64>,
    /// The tokenizer of token data, when known.
    pub tokenizer: Option<TokenizerRef>,
}

/// The identity of a text: its size and CRC-32.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    pub bytes: u64,
    pub crc32: u32,
}

impl Fingerprint {
    pub fn of(bytes: &[u8]) -> Fingerprint {
        Fingerprint {
            bytes: bytes.len() as u64,
            crc32: crc32fast::hash(bytes),
        }
    }

    /// `"<bytes>:<crc32 hex>"`, as stored in a checkpoint's metadata.
    pub fn encode(&self) -> String {
        format!("{}:{:08x}", self.bytes, self.crc32)
    }

    /// The inverse of [`Fingerprint::encode`].
    pub fn decode(s: &str) -> Option<Fingerprint> {
        let (bytes, crc) = s.split_once(':')?;
        Some(Fingerprint {
            bytes: bytes.parse().ok()?,
            crc32: u32::from_str_radix(crc, 16).ok()?,
        })
    }
}

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} bytes, CRC-32 {:08x}", self.bytes, self.crc32)
    }
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
            train: Tokens::Bytes(bytes[..cut].to_vec()),
            val: Tokens::Bytes(bytes[cut..].to_vec()),
            fingerprint: Fingerprint::of(bytes),
            vocab: VOCAB,
            val_tokens_per_byte: Some(1.0),
            tokenizer: None,
        })
    }

    /// What the data is, for messages: "bytes" or "tokens".
    pub fn unit(&self) -> &'static str {
        match self.train {
            Tokens::Bytes(_) => "bytes",
            #[cfg(not(target_arch = "wasm32"))]
            Tokens::File { .. } => "tokens",
        }
    }

    /// Bytes the corpus holds in memory (a mapped token file holds none: the OS pages it).
    pub fn resident_bytes(&self) -> u128 {
        [&self.train, &self.val]
            .iter()
            .map(|t| t.bytes().map_or(0, |b| b.len() as u128))
            .sum()
    }

    /// Bits per byte of a validation loss (nats per id), when the byte count is known.
    pub fn bits_per_byte(&self, loss: f64) -> Option<f64> {
        self.val_tokens_per_byte
            .map(|r| loss / std::f64::consts::LN_2 * r)
    }

    /// The built-in corpus with 10% held out.
    pub fn builtin() -> Corpus {
        Corpus::split(BUILTIN_CORPUS, 0.1).expect("0.1 is a valid fraction")
    }

    /// A text file from disk with the last `val_fraction` held out. Empty and binary files
    /// are errors (byte-level language modelling of a binary file is almost surely a mistake),
    /// and so is anything but a regular file (a FIFO or a device would never end).
    pub fn from_file(path: &std::path::Path, val_fraction: f64) -> Result<Corpus> {
        let bytes = crate::train::files::read_regular(path, "text")?;
        check_text(&bytes).map_err(|why| Error::Config(format!("{}: {why}", path.display())))?;
        Corpus::split(&bytes, val_fraction)
    }

    /// `builtin` (the built-in corpus) or a file path, with `val_fraction` held out.
    pub fn load(source: &str, val_fraction: f64) -> Result<Corpus> {
        if source == "builtin" {
            Corpus::split(BUILTIN_CORPUS, val_fraction)
        } else {
            Corpus::from_file(std::path::Path::new(source), val_fraction)
        }
    }
}

/// Why `bytes` is not usable text, if it is not: empty, or binary (NUL bytes, or more than 1% of
/// the first megabyte not valid UTF-8).
pub fn check_text(bytes: &[u8]) -> std::result::Result<(), String> {
    if bytes.is_empty() {
        return Err("the file is empty".into());
    }
    let head = &bytes[..bytes.len().min(1 << 20)];
    let nul = head.iter().filter(|&&b| b == 0).count();
    let invalid = String::from_utf8_lossy(head).matches('\u{FFFD}').count();
    if nul > 0 || invalid * 100 > head.len() {
        return Err(format!(
            "looks binary ({nul} NUL bytes, {invalid} invalid UTF-8 sequences in the first {} \
             bytes); train on text",
            head.len()
        ));
    }
    Ok(())
}

/// One batch: `inputs[n]` and `targets[n] = inputs[n + 1]` within each row, `n = b * T + t`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Batch {
    pub inputs: Vec<u32>,
    pub targets: Vec<u32>,
}

/// Samples batches of `b` rows of `t` tokens from `data`.
pub fn sample_batch(data: &Tokens, b: usize, t: usize, seed: u64, step: u64) -> Result<Batch> {
    if data.len() < t + 2 {
        return Err(Error::Config(format!(
            "corpus of {} tokens is too short for context {t}",
            data.len()
        )));
    }
    let span = (data.len() - t - 1) as u64;
    let mut inputs = Vec::with_capacity(b * t);
    let mut targets = Vec::with_capacity(b * t);
    let mut w = vec![0u32; t + 1];
    for row in 0..b {
        let r = philox4x32(
            [row as u32, step as u32, (step >> 32) as u32, 0xDA7A],
            [seed as u32, (seed >> 32) as u32],
        );
        let start = (((r[0] as u64) << 32 | r[1] as u64) % span) as usize;
        data.read(start, &mut w);
        inputs.extend_from_slice(&w[..t]);
        targets.extend_from_slice(&w[1..]);
    }
    Ok(Batch { inputs, targets })
}

/// Consecutive non-overlapping evaluation batches covering `data` from the start (at most
/// `max_batches`), so validation loss is deterministic.
pub fn eval_batches(data: &Tokens, b: usize, t: usize, max_batches: usize) -> Vec<Batch> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut w = vec![0u32; t + 1];
    while out.len() < max_batches && pos + b * t < data.len() {
        let mut inputs = Vec::with_capacity(b * t);
        let mut targets = Vec::with_capacity(b * t);
        for _ in 0..b {
            data.read(pos, &mut w);
            inputs.extend_from_slice(&w[..t]);
            targets.extend_from_slice(&w[1..]);
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
        assert!(sample_batch(&Tokens::Bytes(b"short".to_vec()), 1, 16, 0, 0).is_err());
    }

    #[test]
    fn empty_and_binary_text_are_refused() {
        assert!(check_text(b"").is_err());
        assert!(check_text(b"abc\0def").unwrap_err().contains("binary"));
        assert!(check_text(&[0xff; 100]).unwrap_err().contains("binary"));
        assert!(check_text("To be, or not to be \u{2014} that".as_bytes()).is_ok());
        let missing = Corpus::load("/nonexistent/text.txt", 0.1).unwrap_err();
        assert!(missing.to_string().contains("/nonexistent/text.txt"));
    }

    #[test]
    fn eval_batches_cover_data_in_order() {
        let data = Tokens::Bytes((0..100u8).collect());
        let bs = eval_batches(&data, 2, 5, 100);
        assert_eq!(bs.len(), 9);
        assert_eq!(bs[0].inputs, vec![0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(bs[0].targets[0], 1);
    }
}
