//! Encoding a text into a token directory: `train.bin` and `val.bin` (the nanoGPT format),
//! `meta.json` and a copy of the tokenizer. `evomoe tokenize encode` and the token cache of
//! `evomoe train --data text.txt --tokenizer tokenizer.json` both use it.

use std::path::Path;

use crate::error::{Error, Result};
use crate::tokens::bpe::Bpe;
use crate::tokens::file::{write_tokens, Dtype, Meta, Split};

/// The name of the tokenizer copy in a token directory (the same as in a run directory).
pub use crate::train::run_dir::TOKENIZER;

/// Encodes `train` and `val` with `bpe` (loaded from `tokenizer`) into the directory `out`
/// (created if needed), ids as the narrowest width for the vocabulary. `progress(split,
/// bytes_done, bytes_total)` runs after each block. `text_crc32` is the CRC-32 of the whole
/// text, recorded in `meta.json` when given. Returns the metadata written.
pub fn encode_dir(
    bpe: &Bpe,
    tokenizer: &Path,
    train: &[u8],
    val: &[u8],
    text_crc32: Option<u32>,
    out: &Path,
    progress: &mut dyn FnMut(&str, usize, usize),
) -> Result<Meta> {
    std::fs::create_dir_all(out)
        .map_err(|e| Error::Config(format!("cannot create {}: {e}", out.display())))?;
    let dtype = Dtype::for_vocab(bpe.vocab_size());
    let mut counts = Split::default();
    for (name, text, count) in [
        ("train", train, &mut counts.train),
        ("val", val, &mut counts.val),
    ] {
        let ids = bpe.encode(text, |done| progress(name, done, text.len()))?;
        write_tokens(&out.join(format!("{name}.bin")), dtype, &ids)?;
        *count = ids.len() as u64;
    }
    let meta = Meta {
        dtype,
        vocab_size: bpe.vocab_size(),
        tokenizer_crc32: Some(format!("{:08x}", bpe.crc32)),
        tokens: Some(counts),
        text_bytes: Some(Split {
            train: train.len() as u64,
            val: val.len() as u64,
        }),
        text_crc32: text_crc32.map(|c| format!("{c:08x}")),
    };
    let copy = out.join(TOKENIZER);
    if !same_file(tokenizer, &copy) {
        std::fs::copy(tokenizer, &copy)
            .map_err(|e| Error::Config(format!("cannot write {}: {e}", copy.display())))?;
    }
    // meta.json last: a directory with it is complete.
    meta.write(out)?;
    Ok(meta)
}

/// Whether two paths name the same existing file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
