//! Subword tokenizers: training a byte-level BPE, and encoding / decoding with any Hugging Face
//! `tokenizer.json`, through the `tokenizers` crate (pure Rust: its regex engine is
//! `fancy-regex`, so no Oniguruma, no C++, no network).
//!
//! **Byte-level** tokenizers (GPT-2's and those [`train_bpe`] writes) have a token for every
//! byte: GPT-2's table maps each byte to a printable character (`bytes_to_unicode`), and every
//! token is a string of those characters. So they encode any bytes, not only UTF-8: the text is
//! cut into its valid UTF-8 runs, each run is encoded by the tokenizer, and each invalid byte
//! becomes its single-byte token. [`Bpe::decode`] maps every token back through the table to
//! its bytes, so `decode(encode(x)) == x` for every byte string `x`. Tokenizers that are not
//! byte-level (WordPiece, Unigram, ...) encode valid UTF-8 only and decode through their own
//! decoder; invalid UTF-8 is then an error naming its offset.
//!
//! Long texts are encoded in blocks of about [`BLOCK`] bytes, cut before a line that starts
//! with a non-space character (where the byte-level pre-tokenizer splits anyway), so memory
//! stays bounded and a progress callback can report.

use std::collections::HashMap;
use std::path::Path;

use tokenizers::models::bpe::{BpeTrainerBuilder, BPE};
use tokenizers::normalizers::NormalizerWrapper;
use tokenizers::pre_tokenizers::byte_level::ByteLevel;
use tokenizers::{Tokenizer, TokenizerBuilder};

use crate::error::{Error, Result};

/// Bytes per encoding block (see the module docs).
pub const BLOCK: usize = 1 << 20;

/// GPT-2's byte-to-character table: printable bytes map to themselves, the other 68 to
/// `U+0100 ..` in order, so every byte has a visible, distinct character.
pub fn bytes_to_unicode() -> [char; 256] {
    let printable = |b: u32| (33..=126).contains(&b) || (161..=172).contains(&b) || b >= 174;
    let mut table = ['\0'; 256];
    let mut next = 256u32;
    for b in 0..256u32 {
        table[b as usize] = if printable(b) {
            char::from_u32(b).expect("latin-1")
        } else {
            let c = char::from_u32(next).expect("BMP");
            next += 1;
            c
        };
    }
    table
}

/// A loaded tokenizer and what encoding and decoding need of it.
pub struct Bpe {
    tokenizer: Tokenizer,
    /// For byte-level tokenizers: the id of each single-byte token, and each character's byte.
    byte_level: Option<ByteLevelTables>,
    /// CRC-32 of the tokenizer file's bytes (checkpoints and token directories record it).
    pub crc32: u32,
}

struct ByteLevelTables {
    byte_token: [u32; 256],
    char_byte: HashMap<char, u8>,
}

impl Bpe {
    /// Loads a `tokenizer.json`. A missing or corrupt file is an error naming it.
    pub fn load(path: &Path) -> Result<Bpe> {
        let bytes = std::fs::read(path)
            .map_err(|e| Error::Config(format!("tokenizer {}: {e}", path.display())))?;
        let tokenizer = Tokenizer::from_bytes(&bytes).map_err(|e| {
            Error::Config(format!(
                "tokenizer {}: not a tokenizer.json ({e})",
                path.display()
            ))
        })?;
        let byte_level = byte_level_tables(&tokenizer);
        Ok(Bpe {
            tokenizer,
            byte_level,
            crc32: crc32fast::hash(&bytes),
        })
    }

    /// Ids in the vocabulary, added tokens included.
    pub fn vocab_size(&self) -> usize {
        self.tokenizer.get_vocab_size(true)
    }

    /// Whether every byte string encodes (module docs).
    pub fn is_byte_level(&self) -> bool {
        self.byte_level.is_some()
    }

    /// The ids of `text`, block by block; `progress(bytes_done)` after each block.
    pub fn encode(&self, text: &[u8], mut progress: impl FnMut(usize)) -> Result<Vec<u32>> {
        let mut ids = Vec::with_capacity(text.len() / 3);
        let mut start = 0;
        while start < text.len() {
            let end = block_end(text, start);
            self.encode_block(&text[start..end], start, &mut ids)?;
            start = end;
            progress(start);
        }
        Ok(ids)
    }

    /// Encodes one block: its valid UTF-8 runs through the tokenizer, invalid bytes as their
    /// byte tokens. `offset` is the block's offset in the whole text (for errors).
    fn encode_block(&self, mut block: &[u8], mut offset: usize, ids: &mut Vec<u32>) -> Result<()> {
        while !block.is_empty() {
            let (valid, rest) = match std::str::from_utf8(block) {
                Ok(s) => (s, &block[block.len()..]),
                Err(e) => {
                    let n = e.valid_up_to();
                    let s = std::str::from_utf8(&block[..n]).expect("valid prefix");
                    (s, &block[n..])
                }
            };
            if !valid.is_empty() {
                let enc = self
                    .tokenizer
                    .encode(valid, false)
                    .map_err(|e| Error::Config(format!("tokenizer: {e}")))?;
                ids.extend_from_slice(enc.get_ids());
            }
            offset += valid.len();
            block = rest;
            if let Some(&b) = block.first() {
                let Some(t) = &self.byte_level else {
                    return Err(Error::Config(format!(
                        "invalid UTF-8 at byte offset {offset}: this tokenizer is not byte-level \
                         and encodes UTF-8 text only"
                    )));
                };
                ids.push(t.byte_token[b as usize]);
                offset += 1;
                block = &block[1..];
            }
        }
        Ok(())
    }

    /// The bytes of `ids` (exactly the encoded bytes for a byte-level tokenizer). An id outside
    /// the vocabulary is an error naming its position.
    pub fn decode(&self, ids: &[u32]) -> Result<Vec<u8>> {
        let vocab = self.vocab_size();
        if let Some(i) = ids.iter().position(|&id| id as usize >= vocab) {
            return Err(Error::Config(format!(
                "token {} at position {i} is not below the vocabulary size {vocab}",
                ids[i]
            )));
        }
        let Some(t) = &self.byte_level else {
            let s = self
                .tokenizer
                .decode(ids, false)
                .map_err(|e| Error::Config(format!("tokenizer: {e}")))?;
            return Ok(s.into_bytes());
        };
        let mut out = Vec::with_capacity(ids.len() * 3);
        for &id in ids {
            let token = self.tokenizer.id_to_token(id).unwrap_or_default();
            for c in token.chars() {
                match t.char_byte.get(&c) {
                    Some(&b) => out.push(b),
                    // An added (special) token outside the byte alphabet: its text.
                    None => out.extend_from_slice(c.to_string().as_bytes()),
                }
            }
        }
        Ok(out)
    }
}

/// One past the end of the block that starts at `start`: about [`BLOCK`] bytes, cut just after
/// a newline that a non-whitespace byte follows (or at the end of the text).
fn block_end(text: &[u8], start: usize) -> usize {
    let mut end = start + BLOCK;
    while end < text.len() {
        if text[end - 1] == b'\n' && !text[end].is_ascii_whitespace() {
            return end;
        }
        end += 1;
    }
    text.len()
}

/// The byte tables when every one of the 256 byte characters is a token (byte-level BPE).
fn byte_level_tables(tokenizer: &Tokenizer) -> Option<ByteLevelTables> {
    let table = bytes_to_unicode();
    let mut byte_token = [0u32; 256];
    for (b, c) in table.iter().enumerate() {
        byte_token[b] = tokenizer.token_to_id(&c.to_string())?;
    }
    let char_byte = table
        .iter()
        .enumerate()
        .map(|(b, &c)| (c, b as u8))
        .collect();
    Some(ByteLevelTables {
        byte_token,
        char_byte,
    })
}

/// Trains a byte-level BPE of `vocab` ids (at least the 256 byte tokens) on `text` (its lines;
/// invalid UTF-8 is replaced for training only, since the byte tokens cover it when encoding),
/// GPT-2 style (no prefix space, so encoding then decoding gives the text back), and writes it
/// to `out` as a `tokenizer.json`.
pub fn train_bpe(text: &[u8], vocab: usize, progress: bool, out: &Path) -> Result<Bpe> {
    if vocab < 256 {
        return Err(Error::Config(format!(
            "--vocab {vocab} is smaller than the 256 byte tokens every byte-level BPE has"
        )));
    }
    if text.is_empty() {
        return Err(Error::Config(
            "empty corpus: nothing to train a tokenizer on".into(),
        ));
    }
    let mut trainer = BpeTrainerBuilder::new()
        .show_progress(progress)
        .vocab_size(vocab)
        .min_frequency(0)
        .initial_alphabet(ByteLevel::alphabet().into_iter().collect())
        .build();
    let byte_level = ByteLevel::new(false, false, true);
    let mut tokenizer =
        TokenizerBuilder::<BPE, NormalizerWrapper, ByteLevel, ByteLevel, ByteLevel>::new()
            .with_model(BPE::default())
            .with_normalizer(None)
            .with_pre_tokenizer(Some(byte_level))
            .with_post_processor(Some(byte_level))
            .with_decoder(Some(byte_level))
            .build()
            .map_err(|e| Error::Config(format!("tokenizer: {e}")))?;
    let text = String::from_utf8_lossy(text);
    tokenizer
        .train(&mut trainer, text.split_inclusive('\n'))
        .map_err(|e| Error::Config(format!("training the tokenizer: {e}")))?;
    tokenizer
        .save(out, false)
        .map_err(|e| Error::Config(format!("cannot write {}: {e}", out.display())))?;
    Bpe::load(out)
}
