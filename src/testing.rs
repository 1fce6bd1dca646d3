//! Shared by the tests, the benches and (later) `evomoe selftest`: tolerances, comparisons, and
//! running one check on every adapter present.
//!
//! Every GPU check runs on every adapter wgpu finds (honouring `WGPU_BACKEND` and
//! `WGPU_ADAPTER_NAME`) and reports as `[backend/adapter] name`. With no adapter it fails with
//! the install hint; it never passes silently. Known driver bugs go into [`EXPECTED_FAILURES`]
//! with the exact error text, so a new failure is never hidden and a fixed one is noticed.

use crate::error::{Error, Result, INSTALL_HINT};
use crate::gpu::context::{list_adapters, AdapterOptions};
use crate::gpu::Gpu;

/// `|x - y| <= max(rel * |x + y|, abs)` (burn's form).
#[derive(Clone, Copy, Debug)]
pub struct Tolerance {
    pub rel: f64,
    pub abs: f64,
}

impl Tolerance {
    /// f32 GPU result against an f64-accumulated CPU reference, short reductions.
    pub const F32: Tolerance = Tolerance {
        rel: 1e-4,
        abs: 1e-5,
    };
    /// Long reductions (K in the thousands), softmax and exp chains.
    pub const F32_LOOSE: Tolerance = Tolerance {
        rel: 1e-3,
        abs: 1e-4,
    };
    /// Finite differences in f64.
    pub const FINITE_DIFF: Tolerance = Tolerance {
        rel: 1e-4,
        abs: 1e-6,
    };

    pub fn close(&self, x: f64, y: f64) -> bool {
        (x - y).abs() <= (self.rel * (x + y).abs()).max(self.abs)
    }
}

/// Compares two arrays; the error names the worst element.
pub fn check_close(name: &str, got: &[f32], want: &[f32], tol: Tolerance) -> Result<()> {
    if got.len() != want.len() {
        return Err(Error::shape(
            name,
            format!("got {} elements, want {}", got.len(), want.len()),
        ));
    }
    let mut worst: Option<(usize, f64)> = None;
    let mut bad = 0usize;
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        let (g, w) = (g as f64, w as f64);
        if !g.is_finite() || !tol.close(g, w) {
            bad += 1;
            let err = if g.is_finite() {
                (g - w).abs()
            } else {
                f64::INFINITY
            };
            if worst.is_none_or(|(_, e)| err > e) {
                worst = Some((i, err));
            }
        }
    }
    match worst {
        None => Ok(()),
        Some((i, err)) => Err(Error::Config(format!(
            "{name}: {bad} of {} elements differ; worst at {i}: got {}, want {} (|diff| {err:.3e}, tolerance {tol:?})",
            got.len(),
            got[i],
            want[i]
        ))),
    }
}

/// Known failures: (backend, adapter-name substring, check name, substring of the error text).
/// A match is reported as an expected failure; a listed check that passes is reported too, so
/// the entry can be removed.
pub const EXPECTED_FAILURES: &[(&str, &str, &str, &str)] = &[];

fn expected(gpu: &Gpu, check: &str, err: &str) -> bool {
    EXPECTED_FAILURES.iter().any(|(b, a, c, e)| {
        gpu.info.backend.to_str() == *b
            && gpu.info.name.contains(a)
            && check == *c
            && err.contains(e)
    })
}

/// Outcome of one check on one adapter.
#[derive(Debug)]
pub struct Outcome {
    pub adapter: String,
    pub check: String,
    pub result: std::result::Result<(), String>,
    pub expected_failure: bool,
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
fn adapters_for_tests() -> Result<Vec<wgpu::Adapter>> {
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

/// Runs `f` on every adapter present and returns one outcome per adapter. Errors if there is no
/// adapter at all.
pub fn run_on_all_adapters(
    check: &str,
    mut f: impl FnMut(&Gpu) -> Result<()>,
) -> Result<Vec<Outcome>> {
    let adapters = adapters_for_tests()?;
    if adapters.is_empty() {
        return Err(Error::NoAdapter(format!("check `{check}` needs one")));
    }
    let mut out = Vec::new();
    for adapter in adapters {
        let name = format!(
            "{}/{}",
            adapter.get_info().backend.to_str(),
            adapter.get_info().name
        );
        let result = match Gpu::from_adapter(adapter) {
            Ok(gpu) => {
                let r = f(&gpu).map_err(|e| e.to_string());
                let exp = r.as_ref().err().is_some_and(|e| expected(&gpu, check, e));
                out.push(Outcome {
                    adapter: name,
                    check: check.to_string(),
                    result: r,
                    expected_failure: exp,
                });
                continue;
            }
            Err(e) => Err(e.to_string()),
        };
        out.push(Outcome {
            adapter: name,
            check: check.to_string(),
            result,
            expected_failure: false,
        });
    }
    Ok(out)
}

/// Test helper: runs `f` on every adapter, prints `[backend/adapter] check: ok|FAILED`, and
/// panics if any adapter failed unexpectedly or none exists.
pub fn on_every_adapter(check: &str, f: impl FnMut(&Gpu) -> Result<()>) {
    let outcomes = match run_on_all_adapters(check, f) {
        Ok(o) => o,
        Err(e) => panic!("{check}: {e}\n(hint: {INSTALL_HINT})"),
    };
    let mut failures = Vec::new();
    for o in &outcomes {
        match (&o.result, o.expected_failure) {
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

/// Deterministic test data: `n` values uniform in (-1, 1) from `seed`.
pub fn random_vec(seed: u64, n: usize) -> Vec<f32> {
    crate::ops::rng::Rng::new(seed).uniform_vec(n, -1.0, 1.0)
}
