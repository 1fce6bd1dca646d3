//! Real tokens: subword tokenizers ([`bpe`]) and token files larger than memory ([`file`]).
//!
//! `evomoe tokenize train` trains a byte-level BPE on a text, `evomoe tokenize encode` writes a
//! token directory (`train.bin`, `val.bin`, `meta.json`, the nanoGPT format) and `evomoe
//! tokenize decode` turns ids back into text. Training models on token files is the next step
//! of this work (docs/TOKENS.md says what exists).

pub mod bpe;
pub mod file;

pub use bpe::{train_bpe, Bpe};
pub use file::{write_tokens, Dtype, Meta, Split, TokenDir, TokenFile};
