//! `evomoe tokenize`: train a byte-level BPE, encode a text into a token directory (nanoGPT's
//! `train.bin` / `val.bin` plus `meta.json`), decode a token file back to text.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::{Args, Subcommand};
use evomoe::tokens::{encode_dir, train_bpe, Bpe, Dtype, Meta, Prepare, TokenFile};
use evomoe::train::data::{Corpus, Tokens};

use crate::prepare::Bars;
use evomoe::{Error, Result};

#[derive(Subcommand)]
pub enum TokenizeCommand {
    /// Train a byte-level BPE on the training part of a text (the built-in corpus by default)
    /// and write it as a tokenizer.json.
    Train(TrainArgs),
    /// Encode a text with a tokenizer into a token directory: train.bin and val.bin (the last
    /// --val-fraction of the text, as `evomoe train` holds out), meta.json and a copy of the
    /// tokenizer.
    Encode(EncodeArgs),
    /// Decode a token file (.bin) back to text, on stdout or into --out.
    Decode(DecodeArgs),
}

#[derive(Args)]
pub struct TrainArgs {
    /// Text file, or `builtin` (the bundled Shakespeare slice).
    #[arg(long, default_value = "builtin")]
    data: String,
    /// Vocabulary size, the 256 byte tokens included.
    #[arg(long, default_value_t = 4096)]
    vocab: usize,
    /// Where to write the tokenizer.
    #[arg(long, default_value = "tokenizer.json")]
    out: PathBuf,
}

#[derive(Args)]
pub struct EncodeArgs {
    /// The tokenizer.json (any Hugging Face tokenizer; byte-level ones encode any bytes).
    #[arg(long)]
    tokenizer: PathBuf,
    /// Text file, or `builtin`.
    #[arg(long, default_value = "builtin")]
    data: String,
    /// The token directory to write.
    #[arg(long)]
    out: PathBuf,
    /// Fraction of the text held out as val.bin (the end of the text).
    #[arg(long, default_value_t = 0.1)]
    val_fraction: f64,
}

#[derive(Args)]
pub struct DecodeArgs {
    /// The tokenizer.json the ids were encoded with.
    #[arg(long)]
    tokenizer: PathBuf,
    /// A token file (train.bin, val.bin); its width comes from meta.json beside it, else
    /// uint16 (nanoGPT's).
    #[arg(long)]
    data: PathBuf,
    /// Write the text here instead of stdout.
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run(cmd: TokenizeCommand) -> Result<i32> {
    match cmd {
        TokenizeCommand::Train(a) => train(&a),
        TokenizeCommand::Encode(a) => encode(&a),
        TokenizeCommand::Decode(a) => decode(&a),
    }
}

fn train(a: &TrainArgs) -> Result<i32> {
    let corpus = Corpus::load(&a.data, 0.1)?;
    let t0 = Instant::now();
    let bpe = train_bpe(
        text_of(&corpus.train),
        a.vocab,
        std::io::stderr().is_terminal(),
        &a.out,
    )?;
    eprintln!(
        "trained a byte-level BPE of {} tokens on {} bytes in {:.1} s; wrote {}",
        bpe.vocab_size(),
        corpus.train.len(),
        t0.elapsed().as_secs_f64(),
        a.out.display()
    );
    Ok(0)
}

fn encode(a: &EncodeArgs) -> Result<i32> {
    let bpe = Bpe::load(&a.tokenizer)?;
    let corpus = Corpus::load(&a.data, a.val_fraction)?;
    let (train, val) = (text_of(&corpus.train), text_of(&corpus.val));
    let t0 = Instant::now();
    let mut bars = Bars::default();
    let meta = encode_dir(
        &bpe,
        &a.tokenizer,
        train,
        val,
        Some(corpus.fingerprint.crc32),
        &a.out,
        &mut |w, d, t| bars.progress(w, d, t),
    )?;
    drop(bars);
    let counts = meta.tokens.unwrap_or_default();
    let bytes = (train.len() + val.len()) as f64;
    let tokens = (counts.train + counts.val) as f64;
    eprintln!(
        "{} train + {} val tokens ({}, vocabulary {}) from {} bytes: {:.3} tokens per byte, \
         {:.1} s; wrote {}",
        counts.train,
        counts.val,
        meta.dtype.name(),
        meta.vocab_size,
        bytes,
        tokens / bytes,
        t0.elapsed().as_secs_f64(),
        a.out.display()
    );
    Ok(0)
}

/// The bytes of a split of a text.
fn text_of(t: &Tokens) -> &[u8] {
    t.bytes().expect("a text's splits are bytes")
}

fn decode(a: &DecodeArgs) -> Result<i32> {
    let bpe = Bpe::load(&a.tokenizer)?;
    let dir = a.data.parent().unwrap_or(Path::new("."));
    let dtype = match Meta::read(dir)? {
        Some(m) => {
            let crc = format!("{:08x}", bpe.crc32);
            if let Some(want) = m.tokenizer_crc32.as_ref().filter(|w| **w != crc) {
                return Err(Error::Config(format!(
                    "{} was encoded with a tokenizer of CRC-32 {want}, but {} has {crc}",
                    a.data.display(),
                    a.tokenizer.display()
                )));
            }
            if m.vocab_size > bpe.vocab_size() {
                return Err(Error::Config(format!(
                    "{}: vocabulary {} but tokenizer {} has {}",
                    dir.join(evomoe::tokens::file::META).display(),
                    m.vocab_size,
                    a.tokenizer.display(),
                    bpe.vocab_size()
                )));
            }
            m.dtype
        }
        None => Dtype::Uint16,
    };
    let file = TokenFile::open(&a.data, dtype, bpe.vocab_size(), None)?;
    let mut ids = vec![0u32; file.len()];
    file.read_into(0, &mut ids);
    let text = bpe.decode(&ids)?;
    match &a.out {
        Some(p) => std::fs::write(p, &text)
            .map_err(|e| Error::Config(format!("cannot write {}: {e}", p.display())))?,
        None => std::io::stdout()
            .write_all(&text)
            .map_err(|e| Error::Config(format!("stdout: {e}")))?,
    }
    Ok(0)
}
