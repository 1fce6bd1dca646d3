//! Real tokens: subword tokenizers ([`bpe`]), token files larger than memory ([`file`]),
//! encoding a text into a token directory ([`encode`]) and opening any `train.data` as a
//! corpus ([`corpus`]).
//!
//! `evomoe tokenize train` trains a byte-level BPE on a text, `evomoe tokenize encode` writes a
//! token directory (`train.bin`, `val.bin`, `meta.json`, the nanoGPT format) and `evomoe
//! tokenize decode` turns ids back into text; `evomoe train --data` takes a token directory, a
//! `.bin` file, a text with `--tokenizer`, or `builtin:bpe4096` (docs/TOKENS.md).

pub mod bpe;
pub mod corpus;
pub mod encode;
pub mod file;

pub use bpe::{train_bpe, Bpe};
pub use corpus::{open_corpus, DataSpec, Prepare, Quiet};
pub use encode::{encode_dir, TOKENIZER};
pub use file::{write_tokens, Dtype, Meta, Split, TokenDir, TokenFile};
