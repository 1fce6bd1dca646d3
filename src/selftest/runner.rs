//! Runs a list of checks on a list of adapters: one thread per adapter (each opens its own
//! [`Gpu`]), a progress line on stderr, a panic inside a check caught and reported as that
//! check's failure (one bad kernel never ends the run), and every result classified against the
//! expectations table.

use std::io::{IsTerminal, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use crate::gpu::Gpu;
use crate::selftest::expectations::{classify, AdapterKey, Expectation, Status};
use crate::selftest::report::AdapterDescription;
use crate::selftest::{Check, Verdict};

/// What one check did on one adapter.
#[derive(Clone, Debug, serde::Serialize)]
pub struct CheckResult {
    pub check: String,
    pub family: String,
    /// `backend/adapter name`.
    pub adapter: String,
    pub status: Status,
    /// The largest relative error over every compared array (`None` unless it ran to a pass).
    pub max_rel_err: Option<f64>,
    /// The failure's text, or why the check is not available; `None` on a pass.
    pub error: Option<String>,
    pub wall_ms: f64,
}

/// Every result on one adapter.
#[derive(Clone, Debug)]
pub struct AdapterRun {
    pub adapter: AdapterDescription,
    pub results: Vec<CheckResult>,
}

/// The whole run.
#[derive(Clone, Debug)]
pub struct Run {
    pub adapters: Vec<AdapterRun>,
    pub wall_ms: f64,
}

impl Run {
    /// Every result that fails the run (failures and unexpected passes), adapter by adapter.
    pub fn bad(&self) -> Vec<&CheckResult> {
        self.adapters
            .iter()
            .flat_map(|a| &a.results)
            .filter(|r| r.status.is_bad())
            .collect()
    }

    /// How many results have this status.
    pub fn count(&self, status: Status) -> usize {
        self.adapters
            .iter()
            .flat_map(|a| &a.results)
            .filter(|r| r.status == status)
            .count()
    }
}

/// The checks whose name contains `filter` (all of them for `None`), in order.
pub fn select(checks: Vec<Check>, filter: Option<&str>) -> Vec<Check> {
    match filter {
        Some(f) => checks.into_iter().filter(|c| c.name.contains(f)).collect(),
        None => checks,
    }
}

/// Runs every check on every adapter, adapters in parallel, checks in order; results in the
/// order of `adapters`, then of `checks`. With `progress`, a progress line goes to stderr.
pub fn run(
    checks: &[Check],
    adapters: Vec<wgpu::Adapter>,
    table: &[Expectation],
    progress: bool,
) -> Run {
    let start = Instant::now();
    let progress = Progress::new(checks.len() * adapters.len(), adapters.len(), progress);
    let runs = std::thread::scope(|s| {
        let handles: Vec<_> = adapters
            .into_iter()
            .map(|adapter| {
                let progress = &progress;
                s.spawn(move || run_adapter(checks, adapter, table, progress))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("the adapter thread catches every panic"))
            .collect()
    });
    progress.finish();
    Run {
        adapters: runs,
        wall_ms: ms(start),
    }
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1e3
}

/// Every check on one adapter. If the device cannot be opened, every check fails with that
/// error; after a panic the device is reopened, so that a poisoned device does not fail the
/// checks after it.
fn run_adapter(
    checks: &[Check],
    adapter: wgpu::Adapter,
    table: &[Expectation],
    progress: &Progress,
) -> AdapterRun {
    let info = adapter.get_info();
    let key = AdapterKey::from(&info);
    let name = format!("{}/{}", info.backend.to_str(), info.name);
    let description = AdapterDescription::new(&adapter);
    let mut gpu = open(&adapter);
    let mut results = Vec::with_capacity(checks.len());
    for check in checks {
        let start = Instant::now();
        let (outcome, panicked) = match &gpu {
            Err(e) => (Err(e.clone()), false),
            Ok(g) => match catch_unwind(AssertUnwindSafe(|| (check.run)(g))) {
                Ok(r) => (r.map_err(|e| e.to_string()), false),
                Err(payload) => (Err(format!("panic: {}", panic_text(&*payload))), true),
            },
        };
        let wall_ms = ms(start);
        if panicked {
            gpu = open(&adapter);
        }
        let status = classify(table, &key, &check.name, &outcome);
        let (max_rel_err, error) = match outcome {
            Ok(Verdict::Pass { max_rel_err }) => (Some(max_rel_err), None),
            Ok(Verdict::NotAvailable(why)) => (None, Some(why)),
            Err(e) => (None, Some(e)),
        };
        results.push(CheckResult {
            check: check.name.clone(),
            family: check.family.to_string(),
            adapter: name.clone(),
            status,
            max_rel_err,
            error,
            wall_ms,
        });
        progress.tick();
    }
    AdapterRun {
        adapter: description,
        results,
    }
}

fn open(adapter: &wgpu::Adapter) -> std::result::Result<Gpu, String> {
    Gpu::from_adapter(adapter.clone()).map_err(|e| e.to_string())
}

/// The message of a panic payload (`&str` or `String`; anything else is named as such).
fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(a panic payload that is not a string)".to_string()
    }
}

/// `selftest: 37/120 checks on 2 adapters` on stderr: rewritten in place on a terminal, else a
/// plain line at every tenth of the run.
struct Progress {
    total: usize,
    adapters: usize,
    done: AtomicUsize,
    enabled: bool,
    terminal: bool,
    /// Serializes the writes; holds the last tenth printed (plain lines).
    last: Mutex<usize>,
}

impl Progress {
    fn new(total: usize, adapters: usize, enabled: bool) -> Progress {
        Progress {
            total,
            adapters,
            done: AtomicUsize::new(0),
            enabled: enabled && total > 0,
            terminal: std::io::stderr().is_terminal(),
            last: Mutex::new(0),
        }
    }

    fn line(&self, done: usize) -> String {
        format!(
            "selftest: {done}/{} checks on {} adapter{}",
            self.total,
            self.adapters,
            if self.adapters == 1 { "" } else { "s" }
        )
    }

    fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::SeqCst) + 1;
        if !self.enabled {
            return;
        }
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        let mut err = std::io::stderr().lock();
        if self.terminal {
            let _ = write!(err, "\r{}", self.line(done));
            let _ = err.flush();
        } else {
            let tenth = done * 10 / self.total;
            if tenth > *last {
                *last = tenth;
                let _ = writeln!(err, "{}", self.line(done));
            }
        }
    }

    fn finish(&self) {
        if self.enabled && self.terminal {
            let _ = writeln!(std::io::stderr());
        }
    }
}
