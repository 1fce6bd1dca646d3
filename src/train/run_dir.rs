//! A run's output directory: the resolved `config.toml`, `metrics.jsonl`, the checkpoint and the
//! plot, and the rules that keep them safe.
//!
//! - A new run never writes into a directory that holds another run: it says so and takes the
//!   next free `<out>-2`, `<out>-3`, ... instead. `--resume` needs a checkpoint there.
//! - A checkpoint is written to `checkpoint.next.safetensors` (itself atomically: a temporary file
//!   renamed into place) and becomes `checkpoint.safetensors` only once a finite loss was seen
//!   after it, so a run that diverges keeps its last good checkpoint. A failed write (a full
//!   disk) leaves the previous files intact.
//! - On resume the metrics of steps after the checkpoint (logged before a crash) are dropped, so
//!   the log reads as one run.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::train::checkpoint::{self, Named};

pub const CHECKPOINT: &str = "checkpoint.safetensors";
const PENDING: &str = "checkpoint.next.safetensors";
pub const CONFIG: &str = "config.toml";
pub const METRICS: &str = "metrics.jsonl";
pub const PLOT: &str = "plot.png";

/// An open run directory.
pub struct RunDir {
    pub path: PathBuf,
    metrics: std::fs::File,
    /// Step of the checkpoint waiting for a finite loss.
    pending: Option<u64>,
}

fn io_err(path: &Path, what: &str, e: std::io::Error) -> Error {
    Error::Config(format!("cannot {what} {}: {e}", path.display()))
}

/// Whether `dir` holds a run (a config, metrics or a checkpoint).
fn holds_run(dir: &Path) -> bool {
    [CONFIG, METRICS, CHECKPOINT, PENDING]
        .iter()
        .any(|f| dir.join(f).exists())
}

/// Where a new run writes when `out` is asked for: `out` itself unless it holds a run, else the
/// first free `out-2`, `out-3`, ...
pub fn fresh_dir(out: &Path) -> Result<PathBuf> {
    if out.exists() && !out.is_dir() {
        return Err(Error::Config(format!(
            "--out {} is a file, not a directory",
            out.display()
        )));
    }
    if !holds_run(out) {
        return Ok(out.to_path_buf());
    }
    for i in 2.. {
        let mut name = out.as_os_str().to_os_string();
        name.push(format!("-{i}"));
        let p = PathBuf::from(name);
        if !(p.exists() && (!p.is_dir() || holds_run(&p))) {
            return Ok(p);
        }
    }
    unreachable!("some suffix is free")
}

impl RunDir {
    /// Creates (or opens, to resume) the directory and its metrics file. `resume_step` keeps
    /// the metrics of steps up to it; `None` starts a new log.
    pub fn open(path: &Path, resume_step: Option<u64>) -> Result<RunDir> {
        if path.exists() && !path.is_dir() {
            return Err(Error::Config(format!(
                "--out {} is a file, not a directory",
                path.display()
            )));
        }
        std::fs::create_dir_all(path).map_err(|e| io_err(path, "create directory", e))?;
        let mpath = path.join(METRICS);
        let kept = match resume_step {
            Some(step) => std::fs::read_to_string(&mpath)
                .unwrap_or_default()
                .lines()
                .filter(|l| line_step(l).is_some_and(|s| s <= step))
                .map(|l| format!("{l}\n"))
                .collect::<String>(),
            None => String::new(),
        };
        std::fs::write(&mpath, kept).map_err(|e| io_err(&mpath, "write", e))?;
        let metrics = std::fs::OpenOptions::new()
            .append(true)
            .open(&mpath)
            .map_err(|e| io_err(&mpath, "open", e))?;
        Ok(RunDir {
            path: path.to_path_buf(),
            metrics,
            pending: None,
        })
    }

    /// Writes the resolved config.
    pub fn write_config(&self, toml: &str) -> Result<()> {
        let p = self.path.join(CONFIG);
        std::fs::write(&p, toml).map_err(|e| io_err(&p, "write", e))
    }

    /// Appends one metrics line (a JSON object).
    pub fn log(&mut self, json: &str) -> Result<()> {
        writeln!(self.metrics, "{json}").map_err(|e| io_err(&self.path.join(METRICS), "write", e))
    }

    /// Saves a checkpoint of step `step` as pending (see the module doc).
    pub fn save_pending(
        &mut self,
        step: u64,
        tensors: &[Named],
        meta: HashMap<String, String>,
    ) -> Result<()> {
        let p = self.path.join(PENDING);
        checkpoint::save(&p, tensors, meta).map_err(|e| {
            Error::Config(format!(
                "could not write checkpoint {}: {e}; the previous checkpoint is intact",
                p.display()
            ))
        })?;
        self.pending = Some(step);
        Ok(())
    }

    /// Saves a checkpoint known to be good (its parameters were checked finite).
    pub fn save_good(
        &mut self,
        step: u64,
        tensors: &[Named],
        meta: HashMap<String, String>,
    ) -> Result<()> {
        self.save_pending(step, tensors, meta)?;
        self.promote()
    }

    /// The step of the pending checkpoint.
    pub fn pending(&self) -> Option<u64> {
        self.pending
    }

    /// A finite loss was seen after the pending checkpoint: it becomes the checkpoint.
    pub fn promote(&mut self) -> Result<()> {
        if self.pending.take().is_some() {
            let (from, to) = (self.path.join(PENDING), self.path.join(CHECKPOINT));
            std::fs::rename(&from, &to).map_err(|e| io_err(&to, "write", e))?;
        }
        Ok(())
    }

    /// The run diverged after the pending checkpoint: it is dropped.
    pub fn discard_pending(&mut self) {
        if self.pending.take().is_some() {
            let _ = std::fs::remove_file(self.path.join(PENDING));
        }
    }

    /// The step of the last good checkpoint, if there is one.
    pub fn good_step(&self) -> Option<u64> {
        let (_, meta) = checkpoint::load(&self.path.join(CHECKPOINT)).ok()?;
        meta.get("step")?.parse().ok()
    }
}

/// The `"step"` of a metrics line.
fn line_step(line: &str) -> Option<u64> {
    let v: serde_json::Value = serde_json::from_str(line).ok()?;
    v.get("step")?.as_u64()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_dirs_and_metrics_on_resume() {
        let root = std::env::temp_dir().join(format!("evomoe-rundir-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let out = root.join("run");
        assert_eq!(fresh_dir(&out).unwrap(), out);
        let mut d = RunDir::open(&out, None).unwrap();
        for s in [10, 20, 30] {
            d.log(&format!("{{\"step\":{s}}}")).unwrap();
        }
        d.write_config("x = 1").unwrap();
        assert_eq!(fresh_dir(&out).unwrap(), root.join("run-2"));
        drop(d);
        RunDir::open(&out, Some(20)).unwrap();
        let kept = std::fs::read_to_string(out.join(METRICS)).unwrap();
        assert_eq!(kept, "{\"step\":10}\n{\"step\":20}\n");
        std::fs::write(root.join("file"), "x").unwrap();
        let err = fresh_dir(&root.join("file")).unwrap_err().to_string();
        assert!(err.contains("is a file") && err.contains("file"), "{err}");
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn pending_checkpoint_is_promoted_or_dropped() {
        let root = std::env::temp_dir().join(format!("evomoe-pending-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let mut d = RunDir::open(&root, None).unwrap();
        let t = |v: f32| {
            vec![Named {
                name: "a".into(),
                shape: vec![1],
                data: vec![v],
            }]
        };
        let meta = |s: u64| HashMap::from([("step".to_string(), s.to_string())]);
        d.save_pending(10, &t(1.0), meta(10)).unwrap();
        assert_eq!(d.good_step(), None);
        d.promote().unwrap();
        assert_eq!(d.good_step(), Some(10));
        d.save_pending(20, &t(2.0), meta(20)).unwrap();
        d.discard_pending();
        assert_eq!(d.good_step(), Some(10));
        // A write that fails (its temporary path is taken by a directory) keeps the old one.
        std::fs::create_dir_all(root.join("checkpoint.next.safetensors.tmp")).unwrap();
        let err = d
            .save_pending(30, &t(3.0), meta(30))
            .unwrap_err()
            .to_string();
        assert!(err.contains("previous checkpoint is intact"), "{err}");
        assert_eq!(d.good_step(), Some(10));
        std::fs::remove_dir_all(&root).unwrap();
    }
}
