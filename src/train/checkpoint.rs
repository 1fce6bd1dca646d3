//! Checkpoints as safetensors files: named f32 tensors plus string metadata (step, config).
//!
//! Writes go to a temporary file in the same directory that is then renamed over the target, so
//! a crash while saving leaves the previous checkpoint intact.

use std::collections::HashMap;
use std::path::Path;

use safetensors::tensor::{Dtype, SafeTensors, TensorView};

use crate::error::{Error, Result};

/// One named tensor of a checkpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct Named {
    pub name: String,
    pub shape: Vec<usize>,
    pub data: Vec<f32>,
}

fn st_err(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Config(format!("checkpoint {}: {e}", path.display()))
}

/// Saves `tensors` and `metadata` to `path` atomically.
pub fn save(path: &Path, tensors: &[Named], metadata: HashMap<String, String>) -> Result<()> {
    let bytes: Vec<Vec<u8>> = tensors
        .iter()
        .map(|t| bytemuck::cast_slice(&t.data).to_vec())
        .collect();
    let mut views = Vec::with_capacity(tensors.len());
    for (t, b) in tensors.iter().zip(&bytes) {
        let view = TensorView::new(Dtype::F32, t.shape.clone(), b).map_err(|e| st_err(path, e))?;
        views.push((t.name.clone(), view));
    }
    let blob = safetensors::serialize(views, Some(metadata)).map_err(|e| st_err(path, e))?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("safetensors.tmp");
    let written = std::fs::write(&tmp, blob).and_then(|_| std::fs::rename(&tmp, path));
    if written.is_err() && tmp.is_file() {
        let _ = std::fs::remove_file(&tmp);
    }
    Ok(written?)
}

/// Loads every tensor (f32 only) and the metadata of a checkpoint.
pub fn load(path: &Path) -> Result<(Vec<Named>, HashMap<String, String>)> {
    let blob = std::fs::read(path).map_err(|e| st_err(path, e))?;
    let (_, header) = SafeTensors::read_metadata(&blob).map_err(|e| st_err(path, e))?;
    let metadata = header.metadata().clone().unwrap_or_default();
    let st = SafeTensors::deserialize(&blob).map_err(|e| st_err(path, e))?;
    let mut out = Vec::new();
    for (name, view) in st.tensors() {
        if view.dtype() != Dtype::F32 {
            return Err(st_err(
                path,
                format!("tensor `{name}` is {:?}, expected F32", view.dtype()),
            ));
        }
        let data = view
            .data()
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        out.push(Named {
            name,
            shape: view.shape().to_vec(),
            data,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok((out, metadata))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let dir = std::env::temp_dir().join(format!("evomoe-ckpt-{}", std::process::id()));
        let path = dir.join("a.safetensors");
        let tensors = vec![
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
        ];
        let meta = HashMap::from([("step".to_string(), "12".to_string())]);
        save(&path, &tensors, meta.clone()).unwrap();
        let (got, got_meta) = load(&path).unwrap();
        assert_eq!(got, tensors);
        assert_eq!(got_meta, meta);
        assert!(load(&dir.join("missing.safetensors")).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
