//! The native-only part of [`crate::testing`]: running one check on every adapter present (it
//! enumerates adapters and blocks on each check with `pollster`), classified against the
//! expectations table; and scratch directories for tests that write files.

use crate::error::{Error, Result, INSTALL_HINT};
use crate::gpu::context::{list_adapters, AdapterOptions};
use crate::gpu::Gpu;
use crate::selftest::expectations::{classify, AdapterKey, Expectation, Status, EXPECTED_FAILURES};
use crate::selftest::Verdict;

/// Outcome of one check on one adapter.
#[derive(Debug)]
pub struct Outcome {
    pub adapter: String,
    pub check: String,
    pub result: std::result::Result<(), String>,
    /// A failure listed with exactly this text in the expectations table.
    pub expected_failure: bool,
    /// A pass of a check the table lists as failing on this adapter (fails the test too, so
    /// the stale entry is removed).
    pub unexpected_pass: bool,
}

/// Backends that must be present, from `EVOMOE_EXPECT_BACKENDS` (comma separated, e.g.
/// `vulkan,gl`; CI sets it), so that an adapter that silently disappears fails the suite instead
/// of shrinking it.
pub fn expected_backends() -> Vec<String> {
    std::env::var("EVOMOE_EXPECT_BACKENDS")
        .unwrap_or_default()
        .split(',')
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The adapters a test runs on. Enumeration is retried a few times when an expected backend is
/// missing (a software driver can fail to enumerate on a machine under heavy load); if it stays
/// missing, that is an error.
pub fn adapters_for_tests() -> Result<Vec<wgpu::Adapter>> {
    let want = expected_backends();
    let mut missing = Vec::new();
    for attempt in 0..4 {
        if attempt > 0 {
            std::thread::sleep(std::time::Duration::from_millis(500));
        }
        let adapters = list_adapters(&AdapterOptions::default());
        missing = want
            .iter()
            .filter(|b| {
                !adapters
                    .iter()
                    .any(|a| a.get_info().backend.to_str() == b.as_str())
            })
            .cloned()
            .collect();
        if missing.is_empty() {
            return Ok(adapters);
        }
    }
    Err(Error::NoAdapter(format!(
        "EVOMOE_EXPECT_BACKENDS wants {want:?}, but no adapter was found for {missing:?}"
    )))
}

/// Runs `f` on every adapter present and returns one outcome per adapter, classified against
/// [`EXPECTED_FAILURES`]. Errors if there is no adapter at all.
pub fn run_on_all_adapters(
    check: &str,
    f: impl AsyncFnMut(&Gpu) -> Result<()>,
) -> Result<Vec<Outcome>> {
    run_with_expectations(check, EXPECTED_FAILURES, f)
}

/// [`run_on_all_adapters`] against the given expectations table.
pub fn run_with_expectations(
    check: &str,
    table: &[Expectation],
    mut f: impl AsyncFnMut(&Gpu) -> Result<()>,
) -> Result<Vec<Outcome>> {
    let adapters = adapters_for_tests()?;
    if adapters.is_empty() {
        return Err(Error::NoAdapter(format!("check `{check}` needs one")));
    }
    let mut out = Vec::new();
    for adapter in adapters {
        let info = adapter.get_info();
        let result = pollster::block_on(async {
            let gpu = Gpu::from_adapter(adapter).await?;
            f(&gpu).await
        })
        .map_err(|e| e.to_string());
        let verdict = result.clone().map(|()| Verdict::Pass { max_rel_err: 0.0 });
        let status = classify(table, &AdapterKey::from(&info), check, &verdict);
        out.push(Outcome {
            adapter: format!("{}/{}", info.backend.to_str(), info.name),
            check: check.to_string(),
            result,
            expected_failure: status == Status::KnownFailure,
            unexpected_pass: status == Status::UnexpectedPass,
        });
    }
    Ok(out)
}

/// Test helper: runs `f` on every adapter, prints `[backend/adapter] check: ok|FAILED`, and
/// panics if any adapter failed unexpectedly, passed a check listed as failing, or none exists.
pub fn on_every_adapter(check: &str, f: impl AsyncFnMut(&Gpu) -> Result<()>) {
    match run_on_all_adapters(check, f) {
        Ok(outcomes) => assert_outcomes(check, &outcomes),
        Err(e) => panic!("{check}: {e}\n(hint: {INSTALL_HINT})"),
    }
}

/// Prints every outcome and panics if any is a failure not in the table or an unexpected pass.
pub fn assert_outcomes(check: &str, outcomes: &[Outcome]) {
    let mut failures = Vec::new();
    for o in outcomes {
        match (&o.result, o.expected_failure) {
            (Ok(()), _) if o.unexpected_pass => {
                eprintln!(
                    "[{}] {}: UNEXPECTED PASS (listed as a known failure)",
                    o.adapter, o.check
                );
                failures.push(format!(
                    "[{}] passed, but the expectations table lists it as failing: remove the entry",
                    o.adapter
                ));
            }
            (Ok(()), _) => eprintln!("[{}] {}: ok", o.adapter, o.check),
            (Err(e), true) => eprintln!("[{}] {}: expected failure: {e}", o.adapter, o.check),
            (Err(e), false) => {
                eprintln!("[{}] {}: FAILED: {e}", o.adapter, o.check);
                failures.push(format!("[{}] {e}", o.adapter));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{check} failed on {} adapter(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A fresh, empty directory for one test, `evomoe-<name>-<process id>` under the system's
/// temporary directory (whatever an earlier run left there is removed).
pub fn scratch_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("evomoe-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    dir
}
