//! Runs a list of checks and classifies every result against the expectations table: natively
//! on every adapter at once ([`threads`]: one thread per adapter, panics caught), in a browser
//! one check after another on its one device ([`run_on_device`]).

use web_time::Instant;

use crate::gpu::Gpu;
use crate::selftest::expectations::{classify, AdapterKey, Expectation, Status};
use crate::selftest::report::AdapterDescription;
use crate::selftest::{Check, Verdict};

#[cfg(not(target_arch = "wasm32"))]
mod threads;
#[cfg(not(target_arch = "wasm32"))]
pub use threads::run;

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

pub(super) fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1e3
}

/// Runs every check in order on an opened device, awaiting each (the browser's runner: one
/// adapter, no threads); `on_result` sees each result as it comes.
pub async fn run_on_device(
    checks: &[Check],
    gpu: &Gpu,
    table: &[Expectation],
    mut on_result: impl FnMut(&CheckResult),
) -> AdapterRun {
    let mut results = Vec::with_capacity(checks.len());
    for check in checks {
        let start = Instant::now();
        let outcome = (check.run)(gpu).await.map_err(|e| e.to_string());
        let result = classified(check, &gpu.info, table, outcome, ms(start));
        on_result(&result);
        results.push(result);
    }
    AdapterRun {
        adapter: AdapterDescription::new(&gpu.adapter),
        results,
    }
}

/// One check's outcome as a [`CheckResult`], classified against the expectations table.
pub(super) fn classified(
    check: &Check,
    info: &wgpu::AdapterInfo,
    table: &[Expectation],
    outcome: std::result::Result<Verdict, String>,
    wall_ms: f64,
) -> CheckResult {
    let status = classify(table, &AdapterKey::from(info), &check.name, &outcome);
    let (max_rel_err, error) = match outcome {
        Ok(Verdict::Pass { max_rel_err }) => (Some(max_rel_err), None),
        Ok(Verdict::NotAvailable(why)) => (None, Some(why)),
        Err(e) => (None, Some(e)),
    };
    CheckResult {
        check: check.name.clone(),
        family: check.family.to_string(),
        adapter: format!("{}/{}", info.backend.to_str(), info.name),
        status,
        max_rel_err,
        error,
        wall_ms,
    }
}
