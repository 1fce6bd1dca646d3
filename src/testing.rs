//! Shared by the tests, the benches and `evomoe selftest`: tolerances, comparisons, test data,
//! and (natively, [`harness`]) running one check on every adapter present.
//!
//! Every GPU check runs on every adapter wgpu finds (honouring `WGPU_BACKEND` and
//! `WGPU_ADAPTER_NAME`) and reports as `[backend/adapter] name`. With no adapter it fails with
//! the install hint; it never passes silently. Known driver bugs go into the expectations table
//! ([`crate::selftest::expectations`]) with the exact error text, so a new failure is never
//! hidden and a fixed one is noticed.

use crate::error::{Error, Result};

#[cfg(not(target_arch = "wasm32"))]
mod harness;
#[cfg(not(target_arch = "wasm32"))]
pub use harness::*;

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

/// f32 values to f64: the input of an f64 CPU reference.
pub fn widen(v: &[f32]) -> Vec<f64> {
    v.iter().map(|&x| x as f64).collect()
}

/// f64 values rounded to f32: a CPU reference's result in the GPU's precision.
pub fn narrow(v: &[f64]) -> Vec<f32> {
    v.iter().map(|&x| x as f32).collect()
}

/// Deterministic test data: `n` values uniform in (-1, 1) from `seed`.
pub fn random_vec(seed: u64, n: usize) -> Vec<f32> {
    crate::ops::rng::Rng::new(seed).uniform_vec(n, -1.0, 1.0)
}
