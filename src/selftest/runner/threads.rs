//! The native runner: every adapter in its own thread (each opens its own [`Gpu`] and blocks on
//! its checks with `pollster`), a progress line on stderr, and a panic inside a check caught
//! and reported as that check's failure (one bad kernel never ends the run).

use std::io::{IsTerminal, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use web_time::Instant;

use super::{classified, ms, AdapterRun, Run};
use crate::gpu::Gpu;
use crate::selftest::expectations::Expectation;
use crate::selftest::report::AdapterDescription;
use crate::selftest::Check;

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

/// Every check on one adapter (native: one thread per adapter). If the device cannot be opened,
/// every check fails with that error; after a panic the device is reopened, so that a poisoned
/// device does not fail the checks after it.
fn run_adapter(
    checks: &[Check],
    adapter: wgpu::Adapter,
    table: &[Expectation],
    progress: &Progress,
) -> AdapterRun {
    let description = AdapterDescription::new(&adapter);
    let info = adapter.get_info();
    let open = || pollster::block_on(Gpu::from_adapter(adapter.clone())).map_err(|e| e.to_string());
    let mut gpu = open();
    let mut results = Vec::with_capacity(checks.len());
    for check in checks {
        let start = Instant::now();
        let (outcome, panicked) = match &gpu {
            Err(e) => (Err(e.clone()), false),
            Ok(g) => match catch_unwind(AssertUnwindSafe(|| pollster::block_on((check.run)(g)))) {
                Ok(r) => (r.map_err(|e| e.to_string()), false),
                Err(payload) => (Err(format!("panic: {}", panic_text(&*payload))), true),
            },
        };
        if panicked {
            gpu = open();
        }
        results.push(classified(check, &info, table, outcome, ms(start)));
        progress.tick();
    }
    AdapterRun {
        adapter: description,
        results,
    }
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
