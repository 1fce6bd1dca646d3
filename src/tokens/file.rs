//! Token files: the nanoGPT format, read through a memory map.
//!
//! A token file is headerless little-endian token ids, `uint16` (what nanoGPT's preparation
//! scripts write and `np.memmap(path, dtype=np.uint16)` reads) or `uint32` (vocabularies above
//! 65,535). A token directory holds `train.bin`, `val.bin` and `meta.json`:
//!
//! ```json
//! { "dtype": "uint16", "vocab_size": 4096, "tokenizer_crc32": "ab6acca8", "tokens": {"train": 1000, "val": 100},
//!   "text_bytes": {"train": 4500, "val": 450} }
//! ```
//!
//! `dtype` and `vocab_size` are required; the tokenizer hash and the counts are written by
//! `evomoe tokenize encode` and checked when present (`tokens` against the file sizes; the
//! text byte counts give bits per byte). A `.bin` without `meta.json` is nanoGPT's `uint16`
//! with the vocabulary given by the caller.
//!
//! [`TokenFile::open`] maps the file and checks, before anything else uses it, that its length
//! is a whole number of ids and that every id is below the vocabulary (the first bad one is
//! named by its offset). The check reads the file once, page by page through the map; nothing
//! is copied into memory, so a file larger than RAM opens.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use memmap2::Mmap;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The width of one stored id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dtype {
    Uint16,
    Uint32,
}

impl Dtype {
    /// The name `meta.json` and numpy use: `uint16`, `uint32`.
    pub fn name(self) -> &'static str {
        match self {
            Dtype::Uint16 => "uint16",
            Dtype::Uint32 => "uint32",
        }
    }

    /// Bytes per id.
    pub fn bytes(self) -> usize {
        match self {
            Dtype::Uint16 => 2,
            Dtype::Uint32 => 4,
        }
    }

    /// The narrowest width that holds every id of a vocabulary of `vocab` ids.
    pub fn for_vocab(vocab: usize) -> Dtype {
        if vocab <= 1 << 16 {
            Dtype::Uint16
        } else {
            Dtype::Uint32
        }
    }

    /// The largest vocabulary this width holds.
    pub fn max_vocab(self) -> usize {
        match self {
            Dtype::Uint16 => 1 << 16,
            Dtype::Uint32 => u32::MAX as usize,
        }
    }
}

/// Counts per split, as `meta.json` stores them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Split {
    pub train: u64,
    pub val: u64,
}

/// `meta.json` of a token directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub dtype: Dtype,
    pub vocab_size: usize,
    /// CRC-32 of the tokenizer file, as 8 hex digits (absent for token files from elsewhere).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokenizer_crc32: Option<String>,
    /// Ids in each file (checked against the file sizes when present).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Split>,
    /// Bytes of text each file was encoded from (for bits per byte).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_bytes: Option<Split>,
    /// CRC-32 of the whole text, as 8 hex digits (a cache of a text knows it is current).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_crc32: Option<String>,
}

/// The name of the metadata file in a token directory.
pub const META: &str = "meta.json";

impl Meta {
    /// Reads `dir/meta.json`; `Ok(None)` when there is none.
    pub fn read(dir: &Path) -> Result<Option<Meta>> {
        let path = dir.join(META);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::Config(format!("{}: {e}", path.display()))),
        };
        let meta: Meta = serde_json::from_str(&text)
            .map_err(|e| Error::Config(format!("{}: {e}", path.display())))?;
        if meta.vocab_size == 0 || meta.vocab_size > meta.dtype.max_vocab() {
            return Err(Error::Config(format!(
                "{}: vocab_size {} does not fit dtype {} (1..={})",
                path.display(),
                meta.vocab_size,
                meta.dtype.name(),
                meta.dtype.max_vocab()
            )));
        }
        Ok(Some(meta))
    }

    /// Writes `dir/meta.json`.
    pub fn write(&self, dir: &Path) -> Result<()> {
        let path = dir.join(META);
        let text = serde_json::to_string_pretty(self).expect("meta serializes");
        std::fs::write(&path, text + "\n")
            .map_err(|e| Error::Config(format!("cannot write {}: {e}", path.display())))
    }
}

/// One mapped token file, checked: every id is below `vocab`.
#[derive(Debug)]
pub struct TokenFile {
    path: PathBuf,
    dtype: Dtype,
    vocab: usize,
    /// `None` for an empty file (an empty map is not portable).
    map: Option<Mmap>,
    len: usize,
    /// CRC-32 of the whole file (computed by the check in [`TokenFile::open`]).
    crc32: u32,
}

impl TokenFile {
    /// Maps `path` as ids of `dtype` below `vocab` and checks it (module docs). Errors name the
    /// file: a length that is not a whole number of ids, an id at or above `vocab` (with its
    /// byte offset), or a file that cannot be opened. `expected_len`, when given (from
    /// `meta.json`), must equal the number of ids.
    pub fn open(
        path: &Path,
        dtype: Dtype,
        vocab: usize,
        expected_len: Option<u64>,
    ) -> Result<TokenFile> {
        let bad = |what: String| Error::Config(format!("{}: {what}", path.display()));
        let file = File::open(path).map_err(|e| bad(e.to_string()))?;
        let bytes = file.metadata().map_err(|e| bad(e.to_string()))?.len();
        let width = dtype.bytes() as u64;
        if bytes % width != 0 {
            return Err(bad(format!(
                "{bytes} bytes is not a whole number of {} ids ({width} bytes each)",
                dtype.name()
            )));
        }
        let len = bytes / width;
        if let Some(want) = expected_len {
            if want != len {
                return Err(bad(format!(
                    "holds {len} ids but {META} says {want} (a truncated or replaced file?)"
                )));
            }
        }
        let map = if bytes == 0 {
            None
        } else {
            // Safety: the map is read-only and the file is not modified by this process; a
            // file changed by another process while mapped is outside what any reader of a
            // memory map can guard against (nanoGPT's np.memmap has the same contract).
            Some(unsafe { Mmap::map(&file) }.map_err(|e| bad(format!("cannot map: {e}")))?)
        };
        let mut t = TokenFile {
            path: path.to_path_buf(),
            dtype,
            vocab,
            map,
            len: len as usize,
            crc32: 0,
        };
        t.crc32 = t.check_ids()?;
        Ok(t)
    }

    /// The first id at or above the vocabulary is an error naming its byte offset; returns the
    /// file's CRC-32 (the same pass over the map, in blocks).
    fn check_ids(&self) -> Result<u32> {
        let mut crc = crc32fast::Hasher::new();
        let Some(map) = &self.map else {
            return Ok(crc.finalize());
        };
        let vocab = self.vocab as u64;
        let width = self.dtype.bytes();
        for (b, block) in map.chunks(1 << 20).enumerate() {
            crc.update(block);
            for (i, chunk) in block.chunks_exact(width).enumerate() {
                let id = read_id(self.dtype, chunk) as u64;
                if id >= vocab {
                    return Err(Error::Config(format!(
                        "{}: token id {id} at byte offset {} is not below the vocabulary size \
                         {vocab}",
                        self.path.display(),
                        (b << 20) + i * width
                    )));
                }
            }
        }
        Ok(crc.finalize())
    }

    /// CRC-32 of the whole file.
    pub fn crc32(&self) -> u32 {
        self.crc32
    }

    /// Number of ids.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn dtype(&self) -> Dtype {
        self.dtype
    }

    pub fn vocab(&self) -> usize {
        self.vocab
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Id `i` (`i < len`).
    pub fn get(&self, i: usize) -> u32 {
        let w = self.dtype.bytes();
        let map = self.map.as_ref().expect("index into an empty token file");
        read_id(self.dtype, &map[i * w..(i + 1) * w])
    }

    /// Ids `start .. start + out.len()` into `out` (a training window).
    pub fn read_into(&self, start: usize, out: &mut [u32]) {
        for (k, o) in out.iter_mut().enumerate() {
            *o = self.get(start + k);
        }
    }
}

fn read_id(dtype: Dtype, b: &[u8]) -> u32 {
    match dtype {
        Dtype::Uint16 => u16::from_le_bytes([b[0], b[1]]) as u32,
        Dtype::Uint32 => u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
    }
}

/// Writes ids as a token file of `dtype` (little-endian, no header). Every id must fit the
/// width.
pub fn write_tokens(path: &Path, dtype: Dtype, ids: &[u32]) -> Result<()> {
    let bad = |what: String| Error::Config(format!("{}: {what}", path.display()));
    let file = File::create(path).map_err(|e| bad(format!("cannot create: {e}")))?;
    let mut w = BufWriter::new(file);
    for &id in ids {
        let r = match dtype {
            Dtype::Uint16 => {
                let v = u16::try_from(id)
                    .map_err(|_| bad(format!("token id {id} does not fit uint16")))?;
                w.write_all(&v.to_le_bytes())
            }
            Dtype::Uint32 => w.write_all(&id.to_le_bytes()),
        };
        r.map_err(|e| bad(e.to_string()))?;
    }
    w.flush().map_err(|e| bad(e.to_string()))
}

/// A token directory's two files, opened and checked against its `meta.json`.
pub struct TokenDir {
    pub meta: Meta,
    pub train: TokenFile,
    pub val: TokenFile,
}

impl TokenDir {
    /// Opens `dir` (`train.bin`, `val.bin`, `meta.json`). Without `meta.json` the files are
    /// nanoGPT's `uint16` and `vocab` must be given; with it, a given `vocab` must not be
    /// smaller than the stored one.
    pub fn open(dir: &Path, vocab: Option<usize>) -> Result<TokenDir> {
        let meta = match (Meta::read(dir)?, vocab) {
            (Some(m), Some(v)) if v < m.vocab_size => {
                return Err(Error::Config(format!(
                    "{}: the vocabulary {v} is smaller than the {} ids of {META}",
                    dir.display(),
                    m.vocab_size
                )))
            }
            (Some(m), _) => m,
            (None, Some(v)) => Meta {
                dtype: Dtype::Uint16,
                vocab_size: v,
                tokenizer_crc32: None,
                tokens: None,
                text_bytes: None,
                text_crc32: None,
            },
            (None, None) => {
                return Err(Error::Config(format!(
                "{}: no {META}; give the vocabulary size (--vocab) to read nanoGPT uint16 files",
                dir.display()
            )))
            }
        };
        let vocab = vocab.unwrap_or(meta.vocab_size);
        let open =
            |name: &str, len: Option<u64>| TokenFile::open(&dir.join(name), meta.dtype, vocab, len);
        let train = open("train.bin", meta.tokens.map(|t| t.train))?;
        let val = open("val.bin", meta.tokens.map(|t| t.val))?;
        Ok(TokenDir { meta, train, val })
    }
}
