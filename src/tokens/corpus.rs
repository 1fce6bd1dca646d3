//! Opening whatever `train.data` names as a [`Corpus`]: the bytes of a text (the default), the
//! built-in corpus with a small BPE (`builtin:bpe4096`), a text with a tokenizer, a token
//! directory or a single `.bin` file.
//!
//! | `train.data` | `train.tokenizer` | ids |
//! | --- | --- | --- |
//! | `builtin`, a text file | empty | its bytes (vocabulary 256) |
//! | `builtin:bpeN` | empty | a byte-level BPE of `N` ids trained on the built-in corpus's training split, cached |
//! | a text file | a `tokenizer.json` | the text encoded with it, cached next to the text |
//! | a directory | optional | its `train.bin` / `val.bin` (`meta.json` gives width and vocabulary) |
//! | a `.bin` file | optional | its ids, the last `val_fraction` held out (`train.bin` with a `val.bin` beside it: the directory) |
//!
//! Caches are token directories written to a temporary name and renamed when complete, so a
//! crash leaves no half-written cache, and each records the CRC-32 of its text and tokenizer,
//! so a changed text or tokenizer is encoded again. The built-in corpus's BPE is cached under
//! [`cache_root`].

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::tokens::bpe::{train_bpe, Bpe};
use crate::tokens::encode::{encode_dir, TOKENIZER};
use crate::tokens::file::{Dtype, Meta, TokenDir, TokenFile, META};
use crate::train::data::{check_text, Corpus, Fingerprint, TokenizerRef, Tokens, BUILTIN_CORPUS};
use crate::train::files::read_regular;

/// What a run's data settings name.
#[derive(Clone, Debug)]
pub struct DataSpec<'a> {
    /// `train.data`.
    pub data: &'a str,
    /// `train.tokenizer` (empty: none).
    pub tokenizer: &'a str,
    /// `model.vocab` when given (the vocabulary of a `.bin` without `meta.json`).
    pub vocab: Option<usize>,
    /// `train.val_fraction`.
    pub val_fraction: f64,
}

/// Progress of long preparation: `(what, done, total)` (bytes encoded), and notes.
pub trait Prepare {
    fn progress(&mut self, what: &str, done: usize, total: usize);
    fn note(&mut self, text: &str);
}

/// A [`Prepare`] that stays silent (tests, library callers).
pub struct Quiet;

impl Prepare for Quiet {
    fn progress(&mut self, _: &str, _: usize, _: usize) {}
    fn note(&mut self, _: &str) {}
}

/// The prefix of the built-in corpus with a BPE: `builtin:bpe4096`.
pub const BUILTIN_BPE: &str = "builtin:bpe";

/// Opens the data `spec` names (module docs).
pub fn open_corpus(spec: &DataSpec, prep: &mut dyn Prepare) -> Result<Corpus> {
    let tokenizer = (!spec.tokenizer.is_empty()).then(|| Path::new(spec.tokenizer));
    if let Some(n) = spec.data.strip_prefix(BUILTIN_BPE) {
        if tokenizer.is_some() {
            return Err(Error::Config(format!(
                "train.data {} trains its own tokenizer: drop train.tokenizer",
                spec.data
            )));
        }
        let vocab: usize = n.parse().map_err(|_| {
            Error::Config(format!(
                "train.data {}: expected {BUILTIN_BPE}N with N the vocabulary, e.g. \
                 {BUILTIN_BPE}4096",
                spec.data
            ))
        })?;
        let dir = builtin_bpe(vocab, spec.val_fraction, prep)?;
        return open_dir(&dir, None, None);
    }
    let path = Path::new(spec.data);
    if spec.data != "builtin" && path.is_dir() {
        return open_dir(path, spec.vocab, tokenizer);
    }
    if path.extension().is_some_and(|e| e == "bin") {
        let dir = path.parent().unwrap_or(Path::new("."));
        if path.file_name().is_some_and(|n| n == "train.bin") && dir.join("val.bin").is_file() {
            return open_dir(dir, spec.vocab, tokenizer);
        }
        return open_bin(path, spec, tokenizer);
    }
    match tokenizer {
        None => Corpus::load(spec.data, spec.val_fraction),
        Some(tok) => {
            let dir = text_cache(spec.data, tok, spec.val_fraction, prep)?;
            open_dir(&dir, None, None)
        }
    }
}

/// Where caches that belong to no file live: `$EVOMOE_CACHE`, else `$XDG_CACHE_HOME/evomoe`,
/// else `~/.cache/evomoe`, else `.evomoe-cache` in the working directory.
pub fn cache_root() -> PathBuf {
    let var = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    var("EVOMOE_CACHE")
        .or_else(|| var("XDG_CACHE_HOME").map(|p| p.join("evomoe")))
        .or_else(|| var("HOME").map(|p| p.join(".cache").join("evomoe")))
        .unwrap_or_else(|| PathBuf::from(".evomoe-cache"))
}

/// The token directory of the built-in corpus under a BPE of `vocab` ids trained on its
/// training split, made once.
fn builtin_bpe(vocab: usize, val_fraction: f64, prep: &mut dyn Prepare) -> Result<PathBuf> {
    let crc = crc32fast::hash(BUILTIN_CORPUS);
    let dir = cache_root().join(format!("builtin-bpe{vocab}-val{val_fraction}-{crc:08x}"));
    if Meta::read(&dir).ok().flatten().is_some() {
        return Ok(dir);
    }
    let corpus = Corpus::split(BUILTIN_CORPUS, val_fraction)?;
    let (train, val) = (bytes_of(&corpus.train), bytes_of(&corpus.val));
    prep.note(&format!(
        "training a {vocab}-id BPE on the built-in corpus (once; cached in {})",
        dir.display()
    ));
    build_atomically(&dir, |tmp| {
        let tok = tmp.join(TOKENIZER);
        let bpe = train_bpe(train, vocab, false, &tok)?;
        encode_dir(&bpe, &tok, train, val, Some(crc), tmp, &mut |w, d, t| {
            prep.progress(w, d, t)
        })
        .map(|_| ())
    })?;
    Ok(dir)
}

fn bytes_of(t: &Tokens) -> &[u8] {
    t.bytes().expect("a split of a text is bytes")
}

/// The token directory of the text at `path` encoded with `tokenizer`: next to the text, or
/// under [`cache_root`] when its directory is not writable; encoded again when the text or the
/// tokenizer changed.
fn text_cache(
    path: &str,
    tokenizer: &Path,
    val_fraction: f64,
    prep: &mut dyn Prepare,
) -> Result<PathBuf> {
    let bpe = Bpe::load(tokenizer)?;
    let text_path = Path::new(path);
    let text = if path == "builtin" {
        BUILTIN_CORPUS.to_vec()
    } else {
        let bytes = read_regular(text_path, "text")?;
        check_text(&bytes).map_err(|why| Error::Config(format!("{path}: {why}")))?;
        bytes
    };
    let crc = crc32fast::hash(&text);
    let name = format!(
        "{}.tokens-{:08x}-val{val_fraction}",
        text_path
            .file_name()
            .map_or("text".into(), |n| n.to_string_lossy()),
        bpe.crc32
    );
    let parent = text_path.parent().map(|p| {
        if p.as_os_str().is_empty() {
            Path::new(".")
        } else {
            p
        }
    });
    let dir = match parent.filter(|p| path != "builtin" && writable(p)) {
        Some(p) => p.join(&name),
        None => cache_root().join(format!("{name}-{crc:08x}")),
    };
    let current = Meta::read(&dir).ok().flatten().is_some_and(|m| {
        m.text_crc32 == Some(format!("{crc:08x}"))
            && m.tokenizer_crc32 == Some(format!("{:08x}", bpe.crc32))
    });
    if current {
        return Ok(dir);
    }
    prep.note(&format!(
        "encoding {path} with {} (once; cached in {})",
        tokenizer.display(),
        dir.display()
    ));
    let corpus = Corpus::split(&text, val_fraction)?;
    build_atomically(&dir, |tmp| {
        encode_dir(
            &bpe,
            tokenizer,
            bytes_of(&corpus.train),
            bytes_of(&corpus.val),
            Some(crc),
            tmp,
            &mut |w, d, t| prep.progress(w, d, t),
        )
        .map(|_| ())
    })?;
    Ok(dir)
}

fn writable(dir: &Path) -> bool {
    let probe = dir.join(format!(".evomoe-probe-{}", std::process::id()));
    let ok = std::fs::write(&probe, b"").is_ok();
    let _ = std::fs::remove_file(&probe);
    ok
}

/// Runs `build` into a fresh temporary directory beside `dir`, then puts it at `dir` (replacing
/// a stale one). A crash leaves at most the temporary directory, which the next build removes.
fn build_atomically(dir: &Path, build: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let io = |e: std::io::Error, p: &Path| Error::Config(format!("{}: {e}", p.display()));
    let mut tmp = dir.as_os_str().to_os_string();
    tmp.push(format!(".tmp-{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).map_err(|e| io(e, &tmp))?;
    }
    std::fs::create_dir_all(&tmp).map_err(|e| io(e, &tmp))?;
    if let Err(e) = build(&tmp) {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| io(e, dir))?;
    }
    std::fs::rename(&tmp, dir).map_err(|e| io(e, dir))
}

/// A token directory's splits, checked against its `meta.json`, with its tokenizer (the given
/// one, else `tokenizer.json` in the directory, else none): a tokenizer whose CRC-32 differs
/// from the one `meta.json` records is an error naming both.
fn open_dir(dir: &Path, vocab: Option<usize>, tokenizer: Option<&Path>) -> Result<Corpus> {
    let vocab = vocab.or(tokenizer_vocab(tokenizer)?);
    let td = TokenDir::open(dir, vocab)?;
    let tokenizer = tokenizer_ref(dir, tokenizer, td.meta.tokenizer_crc32.as_deref())?;
    let meta_text = std::fs::read(dir.join(META)).unwrap_or_default();
    let mut crc = crc32fast::Hasher::new();
    crc.update(&td.train.crc32().to_le_bytes());
    crc.update(&td.val.crc32().to_le_bytes());
    crc.update(&meta_text);
    let width = td.meta.dtype.bytes() as u64;
    let fingerprint = Fingerprint {
        bytes: (td.train.len() + td.val.len()) as u64 * width,
        crc32: crc.finalize(),
    };
    let val_tokens_per_byte = td
        .meta
        .text_bytes
        .filter(|b| b.val > 0)
        .map(|b| td.val.len() as f64 / b.val as f64);
    let whole = |f: TokenFile| {
        let len = f.len();
        Tokens::File {
            file: Arc::new(f),
            start: 0,
            len,
        }
    };
    Ok(Corpus {
        vocab: vocab.unwrap_or(td.meta.vocab_size).max(td.meta.vocab_size),
        train: whole(td.train),
        val: whole(td.val),
        fingerprint,
        val_tokens_per_byte,
        tokenizer,
    })
}

/// One `.bin` file, its last `val_fraction` held out. Its width and vocabulary come from a
/// `meta.json` beside it, else it is nanoGPT's uint16 and the vocabulary is `model.vocab` or
/// the tokenizer's.
fn open_bin(path: &Path, spec: &DataSpec, tokenizer: Option<&Path>) -> Result<Corpus> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let meta = Meta::read(dir)?;
    let given = spec.vocab.or(tokenizer_vocab(tokenizer)?);
    let (dtype, vocab) = match (&meta, given) {
        (Some(m), _) => (m.dtype, given.unwrap_or(m.vocab_size).max(m.vocab_size)),
        (None, Some(v)) => (Dtype::Uint16, v),
        (None, None) => {
            return Err(Error::Config(format!(
                "{}: no {META} beside it; give the vocabulary (--vocab) or the tokenizer \
                 (--tokenizer) to read it as nanoGPT's uint16 ids",
                path.display()
            )))
        }
    };
    let file = TokenFile::open(path, dtype, vocab, None)?;
    if file.is_empty() {
        return Err(Error::Config(format!(
            "{}: the file is empty",
            path.display()
        )));
    }
    let tokenizer = tokenizer_ref(
        dir,
        tokenizer,
        meta.as_ref().and_then(|m| m.tokenizer_crc32.as_deref()),
    )?;
    let n = file.len();
    let cut = ((n as f64) * (1.0 - spec.val_fraction)) as usize;
    let fingerprint = Fingerprint {
        bytes: (n * dtype.bytes()) as u64,
        crc32: file.crc32(),
    };
    let file = Arc::new(file);
    Ok(Corpus {
        train: Tokens::File {
            file: file.clone(),
            start: 0,
            len: cut,
        },
        val: Tokens::File {
            file,
            start: cut,
            len: n - cut,
        },
        fingerprint,
        vocab,
        val_tokens_per_byte: None,
        tokenizer,
    })
}

/// The vocabulary of the tokenizer at `path`, if one is given.
fn tokenizer_vocab(path: Option<&Path>) -> Result<Option<usize>> {
    path.map(|p| Bpe::load(p).map(|b| b.vocab_size()))
        .transpose()
}

/// The tokenizer of token data in `dir`: `given`, else `dir/tokenizer.json` when present.
/// Its CRC-32 must equal `recorded` (from `meta.json`) when that is known.
fn tokenizer_ref(
    dir: &Path,
    given: Option<&Path>,
    recorded: Option<&str>,
) -> Result<Option<TokenizerRef>> {
    let beside = dir.join(TOKENIZER);
    let path = match given {
        Some(p) => p.to_path_buf(),
        None if beside.is_file() => beside,
        None => return Ok(None),
    };
    let bytes = std::fs::read(&path)
        .map_err(|e| Error::Config(format!("tokenizer {}: {e}", path.display())))?;
    let crc = format!("{:08x}", crc32fast::hash(&bytes));
    if let Some(want) = recorded.filter(|w| *w != crc) {
        return Err(Error::Config(format!(
            "{} was encoded with a tokenizer of CRC-32 {want}, but {} has CRC-32 {crc}",
            dir.display(),
            path.display()
        )));
    }
    Ok(Some(TokenizerRef { path, crc32: crc }))
}
