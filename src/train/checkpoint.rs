//! Checkpoints as safetensors files: named f32 tensors plus string metadata (step, config), each
//! tensor and the metadata under a CRC-32 checksum.
//!
//! Writing ([`save`]) goes through [`files::write_atomic`]: a crash at any moment leaves the
//! previous checkpoint or the new one. The metadata entry `crc32` holds a JSON object with the
//! CRC-32 of every tensor's stored bytes, and `crc32.meta` one over every other metadata entry
//! (keys sorted, `key\0value\0` each), so an edited field is caught like a flipped bit.
//!
//! Reading ([`load`]) reads only a regular file, bounded by its size, and refuses a checkpoint
//! whose header does not parse, whose tensors are not f32, whose checksums do not match, or
//! that holds a non-finite value, with an error naming the file and the tensor. A checkpoint of
//! the first format (`evomoe-checkpoint-1`, no checksums) still loads, with
//! [`Checkpoint::verified`] false so that the front end can say so; its values are still checked
//! for finiteness.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use safetensors::tensor::{Dtype, SafeTensors, TensorView};

use crate::error::{Error, Result};
use crate::train::files;

/// The `format` metadata entry of checkpoints written now.
pub const FORMAT: &str = "evomoe-checkpoint-2";
/// Metadata key of the per-tensor checksums (a JSON object, name to 8 hex digits).
const CRC_TENSORS: &str = "crc32";
/// Metadata key of the checksum over the other metadata entries.
const CRC_META: &str = "crc32.meta";

/// One named tensor of a checkpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct Named {
    pub name: String,
    pub shape: Vec<usize>,
    pub data: Vec<f32>,
}

/// A checkpoint as read back.
#[derive(Clone, Debug)]
pub struct Checkpoint {
    /// Every tensor, sorted by name.
    pub tensors: Vec<Named>,
    /// The metadata (without the checksum entries).
    pub meta: HashMap<String, String>,
    /// Whether checksums were stored and matched (false: an older checkpoint without them).
    pub verified: bool,
}

impl Checkpoint {
    /// The metadata entry `key`, if present.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.meta.get(key).map(String::as_str)
    }
}

fn st_err(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Config(format!("checkpoint {}: {e}", path.display()))
}

fn crc_hex(bytes: &[u8]) -> String {
    format!("{:08x}", crc32fast::hash(bytes))
}

/// The checksum of every metadata entry but [`CRC_META`], in key order.
fn meta_crc(meta: &HashMap<String, String>) -> String {
    let sorted: BTreeMap<&String, &String> = meta.iter().filter(|(k, _)| *k != CRC_META).collect();
    let mut h = crc32fast::Hasher::new();
    for (k, v) in sorted {
        h.update(k.as_bytes());
        h.update(&[0]);
        h.update(v.as_bytes());
        h.update(&[0]);
    }
    format!("{:08x}", h.finalize())
}

/// Saves `tensors` and `metadata` to `path` atomically, with their checksums.
pub fn save(path: &Path, tensors: &[Named], mut metadata: HashMap<String, String>) -> Result<()> {
    let bytes: Vec<Vec<u8>> = tensors
        .iter()
        .map(|t| bytemuck::cast_slice(&t.data).to_vec())
        .collect();
    let mut views = Vec::with_capacity(tensors.len());
    let mut crcs = BTreeMap::new();
    for (t, b) in tensors.iter().zip(&bytes) {
        let view = TensorView::new(Dtype::F32, t.shape.clone(), b).map_err(|e| st_err(path, e))?;
        views.push((t.name.clone(), view));
        crcs.insert(t.name.clone(), crc_hex(b));
    }
    metadata.insert(
        CRC_TENSORS.into(),
        serde_json::to_string(&crcs).expect("a map of strings serialises"),
    );
    metadata.insert(CRC_META.into(), meta_crc(&metadata));
    let blob = safetensors::serialize(views, Some(metadata)).map_err(|e| st_err(path, e))?;
    Ok(files::write_atomic_pausing(path, &blob, test_pause())?)
}

/// A test hook: with `EVOMOE_TEST_PAUSE_IN_CHECKPOINT=<n>` in the environment, the `n`-th
/// checkpoint this process writes pauses for a minute halfway through (see
/// [`files::write_atomic_pausing`]), so that a test can `kill -9` the process in the middle of
/// the write. Never set in normal use.
fn test_pause() -> Option<std::time::Duration> {
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
    let want: u64 = std::env::var("EVOMOE_TEST_PAUSE_IN_CHECKPOINT")
        .ok()?
        .parse()
        .ok()?;
    (n == want).then_some(std::time::Duration::from_secs(60))
}

/// Loads and verifies every tensor (f32 only) and the metadata of a checkpoint (see the module
/// doc).
pub fn load(path: &Path) -> Result<Checkpoint> {
    let blob = files::read_regular(path, "checkpoint")?;
    let damaged =
        |e: &dyn std::fmt::Display| st_err(path, format!("{e} (a truncated or damaged file?)"));
    let (_, header) = SafeTensors::read_metadata(&blob).map_err(|e| damaged(&e))?;
    let mut meta = header.metadata().clone().unwrap_or_default();
    let st = SafeTensors::deserialize(&blob).map_err(|e| damaged(&e))?;
    let crcs: Option<BTreeMap<String, String>> =
        match meta.get(CRC_TENSORS) {
            Some(text) => Some(serde_json::from_str(text).map_err(|_| {
                st_err(path, "its checksum entry is damaged: the file is corrupted")
            })?),
            None => None,
        };
    let verified = crcs.is_some();
    if verified {
        let stored = meta.get(CRC_META).map(String::as_str).unwrap_or("none");
        if stored != meta_crc(&meta) {
            return Err(st_err(
                path,
                "its metadata (config, step, stage, ...) fails its checksum: the file was \
                 edited or is corrupted",
            ));
        }
    }
    let mut out = Vec::new();
    for (name, view) in st.tensors() {
        if view.dtype() != Dtype::F32 {
            return Err(st_err(
                path,
                format!("tensor `{name}` is {:?}, expected F32", view.dtype()),
            ));
        }
        if let Some(crcs) = &crcs {
            let want = crcs.get(&name).ok_or_else(|| {
                st_err(
                    path,
                    format!("tensor `{name}` has no checksum: the file was altered"),
                )
            })?;
            let got = crc_hex(view.data());
            if &got != want {
                return Err(st_err(
                    path,
                    format!(
                        "tensor `{name}` fails its checksum (stored {want}, computed {got}): \
                         the file is corrupted"
                    ),
                ));
            }
        }
        let data: Vec<f32> = view
            .data()
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        if let Some(i) = data.iter().position(|x| !x.is_finite()) {
            return Err(st_err(
                path,
                format!(
                    "tensor `{name}` holds {} at index {i}: a checkpoint never holds non-finite \
                     values, so the file is damaged",
                    data[i]
                ),
            ));
        }
        out.push(Named {
            name,
            shape: view.shape().to_vec(),
            data,
        });
    }
    if let Some(crcs) = &crcs {
        if let Some(missing) = crcs.keys().find(|n| !out.iter().any(|t| &&t.name == n)) {
            return Err(st_err(
                path,
                format!("tensor `{missing}` is missing: the file was altered"),
            ));
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    meta.remove(CRC_TENSORS);
    meta.remove(CRC_META);
    Ok(Checkpoint {
        tensors: out,
        meta,
        verified,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Named> {
        vec![
            Named {
                name: "a".into(),
                shape: vec![2, 3],
                data: vec![1.0, -2.0, 3.5, 0.0, 1e-8, 7.0],
            },
            Named {
                name: "b".into(),
                shape: vec![1],
                data: vec![42.0],
            },
        ]
    }

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("evomoe-ckpt-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn round_trip() {
        let dir = scratch("round-trip");
        let path = dir.join("a.safetensors");
        let meta = HashMap::from([("step".to_string(), "12".to_string())]);
        save(&path, &sample(), meta.clone()).unwrap();
        let got = load(&path).unwrap();
        assert_eq!(got.tensors, sample());
        assert_eq!(got.meta, meta);
        assert!(got.verified);
        assert!(load(&dir.join("missing.safetensors")).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The byte offset of the data section (after the 8-byte length and the JSON header).
    fn data_start(blob: &[u8]) -> usize {
        8 + u64::from_le_bytes(blob[..8].try_into().unwrap()) as usize
    }

    #[test]
    fn a_flipped_bit_a_nan_and_an_edit_are_refused() {
        let dir = scratch("damage");
        let path = dir.join("a.safetensors");
        let meta = HashMap::from([("stage".to_string(), "base".to_string())]);
        save(&path, &sample(), meta.clone()).unwrap();
        let good = std::fs::read(&path).unwrap();
        // One flipped bit in tensor `a` (the first 24 data bytes).
        let mut bad = good.clone();
        bad[data_start(&good) + 5] ^= 0x10;
        std::fs::write(&path, &bad).unwrap();
        let err = load(&path).unwrap_err().to_string();
        assert!(err.contains("`a` fails its checksum"), "{err}");
        // An edited metadata value of the same length.
        let mut edited = good.clone();
        let at = good.windows(6).position(|w| w == b"\"base\"").unwrap();
        edited[at + 1..at + 5].copy_from_slice(b"xyzw");
        std::fs::write(&path, &edited).unwrap();
        let err = load(&path).unwrap_err().to_string();
        assert!(
            err.contains("metadata") && err.contains("checksum"),
            "{err}"
        );
        // A NaN saved with valid checksums (as a buggy writer would) is still refused.
        let mut nan = sample();
        nan[1].data[0] = f32::NAN;
        save(&path, &nan, meta).unwrap();
        let err = load(&path).unwrap_err().to_string();
        assert!(err.contains("`b` holds NaN at index 0"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_checkpoint_without_checksums_loads_unverified() {
        let dir = scratch("old");
        let path = dir.join("a.safetensors");
        let t = sample();
        let bytes: Vec<Vec<u8>> = t
            .iter()
            .map(|t| bytemuck::cast_slice(&t.data).to_vec())
            .collect();
        let views: Vec<(String, TensorView)> = t
            .iter()
            .zip(&bytes)
            .map(|(t, b)| {
                (
                    t.name.clone(),
                    TensorView::new(Dtype::F32, t.shape.clone(), b).unwrap(),
                )
            })
            .collect();
        let meta = HashMap::from([("format".to_string(), "evomoe-checkpoint-1".to_string())]);
        let blob = safetensors::serialize(views, Some(meta.clone())).unwrap();
        std::fs::write(&path, blob).unwrap();
        let got = load(&path).unwrap();
        assert!(!got.verified);
        assert_eq!((got.tensors, got.meta), (sample(), meta));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
