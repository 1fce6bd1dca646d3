//! `evomoe selftest`: every kernel's correctness check against its CPU reference, on every
//! adapter, as a table and a JSON report. The same list of checks is what `cargo test` runs
//! (tests/selftest.rs), so there is one list and two front ends.
//!
//! A [`Check`] is a name, a family (the op it covers) and a function that runs the kernel on a
//! [`Gpu`] and compares with the CPU reference through a [`Compare`], which keeps the largest
//! relative error seen. A check returns [`Verdict::Pass`] with that error, [`Verdict::NotAvailable`]
//! when the adapter lacks what the variant needs (subgroups, f16), or an error naming the first
//! array that differs ([`crate::Error::Mismatch`]).
//!
//! - [`ops_checks`]: the dense ops (matmul, layernorm, attention, ...), one module per op;
//! - [`moe_checks`]: the MoE kernels (gates, routing, expert FFNs);
//! - [`expectations`]: the known driver failures, keyed on the adapter and the exact error text;
//! - [`runner`]: runs checks on adapters (one thread each), catching panics;
//! - [`report`]: the table on stdout and the JSON report (`docs/selftest-schema.json`).

pub mod expectations;
pub mod moe_checks;
pub mod ops_checks;
pub mod report;
pub mod runner;

use std::future::Future;
use std::pin::Pin;

use crate::error::Result;
use crate::gpu::Gpu;
use crate::testing::Tolerance;

/// What one check found on one adapter (an `Err` is a failure).
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// Every compared array within tolerance; the largest relative error seen.
    Pass { max_rel_err: f64 },
    /// The variant needs something the adapter does not have; the reason.
    NotAvailable(String),
}

/// What a check's function returns: the run on one device, to be awaited.
pub type CheckFuture<'a> = Pin<Box<dyn Future<Output = Result<Verdict>> + 'a>>;

/// The function behind a check (`|gpu| Box::pin(async move { .. })`).
pub type CheckFn = Box<dyn for<'a> Fn(&'a Gpu) -> CheckFuture<'a> + Send + Sync>;

/// One correctness check: a kernel entry point (and variant) on a few shapes.
pub struct Check {
    /// Unique, stable, `family.entry[.variant]`, e.g. `matmul.forward.subgroup`.
    pub name: String,
    /// The op family, e.g. `matmul`, `layernorm`, `gate`.
    pub family: &'static str,
    pub run: CheckFn,
}

impl Check {
    pub fn new(
        family: &'static str,
        name: impl Into<String>,
        run: impl for<'a> Fn(&'a Gpu) -> CheckFuture<'a> + Send + Sync + 'static,
    ) -> Check {
        Check {
            name: name.into(),
            family,
            run: Box::new(run),
        }
    }
}

/// Every check: the dense ops, then the MoE kernels; names are unique.
pub fn all_checks() -> Vec<Check> {
    let mut checks = ops_checks::checks();
    checks.extend(moe_checks::checks());
    checks
}

/// Compares GPU results with references and keeps the largest relative error:
/// `|got - want| / max(|want|, tol.abs / tol.rel)` (so values near zero are measured against the
/// absolute tolerance instead of blowing up).
pub struct Compare {
    max_rel_err: f64,
}

impl Default for Compare {
    fn default() -> Self {
        Compare::new()
    }
}

impl Compare {
    pub fn new() -> Compare {
        Compare { max_rel_err: 0.0 }
    }

    /// Checks `got` against `want` within `tol` ([`crate::testing::check_close`]'s rule); the
    /// error names `what` and the worst element.
    pub fn check(&mut self, what: &str, got: &[f32], want: &[f32], tol: Tolerance) -> Result<()> {
        let floor = (tol.abs / tol.rel).max(f64::MIN_POSITIVE);
        for (&g, &w) in got.iter().zip(want) {
            let (g, w) = (g as f64, w as f64);
            let err = if g.is_finite() {
                (g - w).abs() / w.abs().max(floor)
            } else {
                f64::INFINITY
            };
            self.max_rel_err = self.max_rel_err.max(err);
        }
        crate::testing::check_close(what, got, want, tol)
    }

    /// Integer arrays (routing tables, counts) must be equal
    /// ([`crate::testing::check_equal`]).
    pub fn check_exact(&mut self, what: &str, got: &[u32], want: &[u32]) -> Result<()> {
        crate::testing::check_equal(what, got, want)
    }

    /// The verdict after every comparison passed.
    pub fn pass(self) -> Verdict {
        Verdict::Pass {
            max_rel_err: self.max_rel_err,
        }
    }
}
