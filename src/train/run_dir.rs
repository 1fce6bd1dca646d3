//! A run's output directory: the resolved `config.toml`, `metrics.jsonl`, the checkpoint and the
//! plot, and the rules that keep them safe.
//!
//! - **One process at a time.** [`RunLock`] holds an exclusive OS file lock on `run.lock` in
//!   the directory for the life of the run (the file names the holder's process id). The OS
//!   drops the lock when the process ends in any way, `kill -9` included, so a crashed run never
//!   leaves a stale lock; a second run or `--resume` on a locked directory is refused with the
//!   holder's pid. A directory the lock created and nothing else wrote into (a run that failed
//!   before its first file) is removed again.
//! - A new run never writes into a directory that holds another run: it says so and takes the
//!   next free `<out>-2`, `<out>-3`, ... instead. `--resume` needs a checkpoint there.
//! - **Checkpoints are written whole and at once.** The training loop checks every parameter
//!   and both AdamW moments for finiteness before it saves (a diverged run is refused there),
//!   and [`RunDir::save`] writes `checkpoint.safetensors` through a temporary file, flushed and
//!   renamed into place ([`crate::train::files::write_atomic`]). A `kill -9` at any moment,
//!   also in the middle of a write, leaves the newest completed checkpoint, so at most
//!   `train.save_every` steps are lost. A failed write (a full disk) keeps the previous one.
//! - On resume the metrics of steps after the checkpoint (logged before a crash) are dropped, so
//!   the log reads as one run.

use std::collections::HashMap;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::train::checkpoint::{self, Named};
use crate::train::files;

pub const CHECKPOINT: &str = "checkpoint.safetensors";
pub const CONFIG: &str = "config.toml";
pub const METRICS: &str = "metrics.jsonl";
pub const PLOT: &str = "plot.png";
pub const LOCK: &str = "run.lock";
/// The copy of a token-level run's tokenizer (`eval`, `sample` and `--resume` use it).
pub const TOKENIZER: &str = "tokenizer.json";
/// The pending checkpoint of earlier versions (promoted only after a later finite loss); an
/// unverified leftover, removed when the directory is opened.
const OLD_PENDING: &str = "checkpoint.next.safetensors";

fn io_err(path: &Path, what: &str, e: std::io::Error) -> Error {
    Error::Config(format!("cannot {what} {}: {e}", path.display()))
}

/// Whether `dir` holds a run (a config, metrics or a checkpoint).
fn holds_run(dir: &Path) -> bool {
    [CONFIG, METRICS, CHECKPOINT, OLD_PENDING]
        .iter()
        .any(|f| dir.join(f).exists())
}

/// `--out` must be a directory, or a path where one can be created: its nearest existing
/// ancestor is a directory (checked before any GPU work; the directory itself is created when
/// the run takes its lock).
fn check_is_dir(path: &Path) -> Result<()> {
    if path.exists() && !path.is_dir() {
        return Err(Error::Config(format!(
            "--out {} is a file, not a directory",
            path.display()
        )));
    }
    if let Some(file) = path.ancestors().skip(1).find(|a| a.is_file()) {
        return Err(Error::Config(format!(
            "cannot create directory {}: Not a directory ({} is a file)",
            path.display(),
            file.display()
        )));
    }
    Ok(())
}

/// Where a new run writes when `out` is asked for: `out` itself unless it holds a run, else the
/// first free `out-2`, `out-3`, ... A directory another process is running in is an error
/// naming that process.
pub fn fresh_dir(out: &Path) -> Result<PathBuf> {
    check_is_dir(out)?;
    check_free(out)?;
    if !holds_run(out) {
        return Ok(out.to_path_buf());
    }
    for i in 2.. {
        let mut name = out.as_os_str().to_os_string();
        name.push(format!("-{i}"));
        let p = PathBuf::from(name);
        if !(p.exists() && (!p.is_dir() || holds_run(&p) || RunLock::holder(&p).is_some())) {
            return Ok(p);
        }
    }
    unreachable!("some suffix is free")
}

/// An error naming the holder when another process runs in `dir`.
pub fn check_free(dir: &Path) -> Result<()> {
    match RunLock::holder(dir) {
        Some(holder) => Err(in_use(dir, &holder)),
        None => Ok(()),
    }
}

fn in_use(dir: &Path, holder: &str) -> Error {
    Error::Config(format!(
        "{} is in use by another evomoe run ({holder}); wait for it to end, stop it, or choose \
         another --out",
        dir.display()
    ))
}

/// The exclusive lock on a run directory (see the module doc), held until dropped.
#[derive(Debug)]
pub struct RunLock {
    dir: PathBuf,
    file: std::fs::File,
    /// The lock created the directory: it is removed on drop if nothing else was written.
    created: bool,
}

impl RunLock {
    /// Locks `dir`, creating it if needed; an error naming the holder when another process has
    /// it.
    pub fn acquire(dir: &Path) -> Result<RunLock> {
        check_is_dir(dir)?;
        let created = !dir.exists();
        std::fs::create_dir_all(dir).map_err(|e| io_err(dir, "create directory", e))?;
        let path = dir.join(LOCK);
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| io_err(&path, "open", e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(in_use(dir, &holder_text(&mut file)));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io_err(&path, "lock", e)),
        }
        let stamp = format!("pid {}\n", std::process::id());
        file.set_len(0)
            .and_then(|_| file.rewind())
            .and_then(|_| file.write_all(stamp.as_bytes()))
            .map_err(|e| io_err(&path, "write", e))?;
        Ok(RunLock {
            dir: dir.to_path_buf(),
            file,
            created,
        })
    }

    /// Who holds the lock on `dir` (`pid N`), if a live process does.
    pub fn holder(dir: &Path) -> Option<String> {
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(dir.join(LOCK))
            .ok()?;
        match file.try_lock() {
            Ok(()) => {
                let _ = file.unlock();
                None
            }
            Err(std::fs::TryLockError::WouldBlock) => Some(holder_text(&mut file)),
            Err(std::fs::TryLockError::Error(_)) => None,
        }
    }
}

/// The holder's stamp in a lock file (`pid N`), or a plain description.
fn holder_text(file: &mut std::fs::File) -> String {
    let mut text = String::new();
    let _ = file.take(64).read_to_string(&mut text);
    match text.trim() {
        t if t.starts_with("pid ") => format!("process {}", &t[4..]),
        _ => "another process".into(),
    }
}

impl Drop for RunLock {
    fn drop(&mut self) {
        if !self.created {
            return;
        }
        let only_lock = std::fs::read_dir(&self.dir).is_ok_and(|entries| {
            entries
                .flatten()
                .all(|e| e.file_name().to_str() == Some(LOCK))
        });
        if only_lock {
            let _ = self.file.unlock();
            let _ = std::fs::remove_file(self.dir.join(LOCK));
            let _ = std::fs::remove_dir(&self.dir);
        }
    }
}

/// An open, locked run directory.
pub struct RunDir {
    pub path: PathBuf,
    /// Open once the run begins ([`RunDir::begin`]).
    metrics: Option<std::fs::File>,
    /// The step of the checkpoint on disk, if there is one.
    saved: Option<u64>,
    _lock: RunLock,
}

impl RunDir {
    /// Locks the directory (creating it if needed) without writing anything else; leftovers of
    /// an interrupted write are removed.
    pub fn lock(path: &Path) -> Result<RunDir> {
        let lock = RunLock::acquire(path)?;
        for leftover in [
            files::temporary(&path.join(CHECKPOINT)),
            path.join(OLD_PENDING),
        ] {
            if leftover.is_file() {
                let _ = std::fs::remove_file(leftover);
            }
        }
        Ok(RunDir {
            path: path.to_path_buf(),
            metrics: None,
            saved: None,
            _lock: lock,
        })
    }

    /// Starts the run's files: writes the resolved config and opens the metrics, keeping the
    /// lines of steps up to `resume_step` (`None`: a new log).
    pub fn begin(&mut self, config_toml: &str, resume_step: Option<u64>) -> Result<()> {
        let mpath = self.path.join(METRICS);
        let kept = match resume_step {
            Some(step) => std::fs::read_to_string(&mpath)
                .unwrap_or_default()
                .lines()
                .filter(|l| line_step(l).is_some_and(|s| s <= step))
                .map(|l| format!("{l}\n"))
                .collect::<String>(),
            None => String::new(),
        };
        files::write_atomic(&mpath, kept.as_bytes()).map_err(|e| io_err(&mpath, "write", e))?;
        let cpath = self.path.join(CONFIG);
        files::write_atomic(&cpath, config_toml.as_bytes())
            .map_err(|e| io_err(&cpath, "write", e))?;
        let metrics = std::fs::OpenOptions::new()
            .append(true)
            .open(&mpath)
            .map_err(|e| io_err(&mpath, "open", e))?;
        self.metrics = Some(metrics);
        Ok(())
    }

    /// Copies the tokenizer file at `from` into the directory (atomically; a resumed run's copy
    /// is replaced by the same bytes).
    pub fn keep_tokenizer(&self, from: &Path) -> Result<()> {
        let bytes = std::fs::read(from).map_err(|e| io_err(from, "read", e))?;
        let to = self.path.join(TOKENIZER);
        files::write_atomic(&to, &bytes).map_err(|e| io_err(&to, "write", e))
    }

    /// Appends one metrics line (a JSON object).
    pub fn log(&mut self, json: &str) -> Result<()> {
        let path = self.path.join(METRICS);
        let file = self
            .metrics
            .as_mut()
            .ok_or_else(|| Error::Config(format!("{}: the run has not begun", path.display())))?;
        writeln!(file, "{json}").map_err(|e| io_err(&path, "write", e))
    }

    /// Saves the checkpoint of step `step` (its tensors checked finite by the caller), replacing
    /// the previous one atomically.
    pub fn save(
        &mut self,
        step: u64,
        tensors: &[Named],
        meta: HashMap<String, String>,
    ) -> Result<()> {
        let p = self.path.join(CHECKPOINT);
        checkpoint::save(&p, tensors, meta).map_err(|e| {
            let kept = match self.saved {
                Some(s) => format!("the checkpoint of step {s} is intact"),
                None => "no checkpoint has been written yet".into(),
            };
            Error::Config(format!(
                "could not write checkpoint {}: {e}; {kept}",
                p.display()
            ))
        })?;
        self.saved = Some(step);
        Ok(())
    }

    /// The run continues from the checkpoint of step `step` found in the directory.
    pub fn resumed_from(&mut self, step: u64) {
        self.saved = Some(step);
    }

    /// The step of the checkpoint on disk, if there is one.
    pub fn saved_step(&self) -> Option<u64> {
        self.saved
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

    fn scratch(name: &str) -> PathBuf {
        let root = std::env::temp_dir().join(format!("evomoe-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        root
    }

    #[test]
    fn fresh_dirs_and_metrics_on_resume() {
        let root = scratch("rundir");
        let out = root.join("run");
        assert_eq!(fresh_dir(&out).unwrap(), out);
        let mut d = RunDir::lock(&out).unwrap();
        d.begin("x = 1", None).unwrap();
        for s in [10, 20, 30] {
            d.log(&format!("{{\"step\":{s}}}")).unwrap();
        }
        drop(d);
        assert_eq!(fresh_dir(&out).unwrap(), root.join("run-2"));
        RunDir::lock(&out)
            .unwrap()
            .begin("x = 1", Some(20))
            .unwrap();
        let kept = std::fs::read_to_string(out.join(METRICS)).unwrap();
        assert_eq!(kept, "{\"step\":10}\n{\"step\":20}\n");
        std::fs::write(root.join("file"), "x").unwrap();
        let err = fresh_dir(&root.join("file")).unwrap_err().to_string();
        assert!(err.contains("is a file") && err.contains("file"), "{err}");
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_locked_directory_is_refused_until_released() {
        let root = scratch("lock");
        let out = root.join("run");
        let held = RunDir::lock(&out).unwrap();
        // The lock is per open file, so a second open in this process conflicts like another
        // process would.
        let me = format!("process {}", std::process::id());
        assert_eq!(RunLock::holder(&out), Some(me.clone()));
        for err in [
            RunDir::lock(&out).err().unwrap().to_string(),
            fresh_dir(&out).unwrap_err().to_string(),
        ] {
            assert!(err.contains("in use") && err.contains(&me), "{err}");
        }
        drop(held);
        // Nothing was written: the directory the lock created is gone again.
        assert!(!out.exists());
        let mut d = RunDir::lock(&out).unwrap();
        d.begin("x = 1", None).unwrap();
        drop(d);
        assert_eq!(RunLock::holder(&out), None);
        assert!(out.join(CONFIG).is_file());
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_failed_save_names_what_is_kept() {
        let root = scratch("save");
        let mut d = RunDir::lock(&root).unwrap();
        let t = |v: f32| {
            vec![Named {
                name: "a".into(),
                shape: vec![1],
                data: vec![v],
            }]
        };
        let meta = |s: u64| HashMap::from([("step".to_string(), s.to_string())]);
        // A write that fails (its temporary path is taken by a directory).
        let tmp = files::temporary(&root.join(CHECKPOINT));
        std::fs::create_dir_all(&tmp).unwrap();
        let err = d.save(10, &t(1.0), meta(10)).unwrap_err().to_string();
        assert!(err.contains("no checkpoint has been written yet"), "{err}");
        std::fs::remove_dir(&tmp).unwrap();
        d.save(10, &t(1.0), meta(10)).unwrap();
        assert_eq!(d.saved_step(), Some(10));
        std::fs::create_dir_all(&tmp).unwrap();
        let err = d.save(20, &t(2.0), meta(20)).unwrap_err().to_string();
        assert!(err.contains("the checkpoint of step 10 is intact"), "{err}");
        let kept = checkpoint::load(&root.join(CHECKPOINT)).unwrap();
        assert_eq!(kept.get("step"), Some("10"));
        std::fs::remove_dir_all(&root).unwrap();
    }
}
