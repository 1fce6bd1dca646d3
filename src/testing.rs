//! Shared by the tests, the benches and `evomoe selftest`: tolerances, comparisons (a value
//! outside the tolerance is an [`Error::Mismatch`]), test data, small helpers the tests have in
//! common ([`upload`], [`central_differences`], [`function_name!`](crate::function_name), ...),
//! and (natively, [`harness`]) running one check on every adapter present and scratch
//! directories.
//!
//! Every GPU check runs on every adapter wgpu finds (honouring `WGPU_BACKEND` and
//! `WGPU_ADAPTER_NAME`) and reports as `[backend/adapter] name`. With no adapter it fails with
//! the install hint; it never passes silently. Known driver bugs go into the expectations table
//! ([`crate::selftest::expectations`]) with the exact error text, so a new failure is never
//! hidden and a fixed one is noticed.

use crate::error::{Error, Result};
use crate::gpu::{Gpu, Tensor};
use crate::ops::rng::Rng;
pub use crate::precision::{narrow, widen};

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

/// Compares two arrays within `tol`; an [`Error::Mismatch`] names the worst element.
pub fn check_close(name: &str, got: &[f32], want: &[f32], tol: Tolerance) -> Result<()> {
    same_length(name, got.len(), want.len())?;
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
        Some((i, err)) => Err(Error::Mismatch {
            what: name.to_string(),
            differing: bad,
            len: got.len(),
            index: i,
            got: got[i].to_string(),
            want: want[i].to_string(),
            off_by: Some(format!("|diff| {err:.3e}, tolerance {tol:?}")),
        }),
    }
}

/// Exact comparison (routing tables, counts, tile descriptors, ...); an [`Error::Mismatch`]
/// names the first difference.
pub fn check_equal<T: PartialEq + std::fmt::Debug>(
    what: &str,
    got: &[T],
    want: &[T],
) -> Result<()> {
    first_difference(what, got, want, |g, w| g == w, |v| format!("{v:?}"))
}

/// f32 arrays equal bit for bit (so a NaN equals the same NaN and `-0.0` differs from `0.0`);
/// an [`Error::Mismatch`] names the first difference.
pub fn check_bits(what: &str, got: &[f32], want: &[f32]) -> Result<()> {
    first_difference(
        what,
        got,
        want,
        |g, w| g.to_bits() == w.to_bits(),
        |v| v.to_string(),
    )
}

/// The exact comparisons: `same` says whether two elements are equal, `show` writes one.
fn first_difference<T>(
    what: &str,
    got: &[T],
    want: &[T],
    same: impl Fn(&T, &T) -> bool,
    show: impl Fn(&T) -> String,
) -> Result<()> {
    same_length(what, got.len(), want.len())?;
    let differs = |(g, w): &(&T, &T)| !same(g, w);
    match got.iter().zip(want).position(|pair| differs(&pair)) {
        None => Ok(()),
        Some(i) => Err(Error::Mismatch {
            what: what.to_string(),
            differing: got.iter().zip(want).filter(differs).count(),
            len: got.len(),
            index: i,
            got: show(&got[i]),
            want: show(&want[i]),
            off_by: None,
        }),
    }
}

/// Arrays of different lengths are a shape error, not a mismatch.
fn same_length(what: &str, got: usize, want: usize) -> Result<()> {
    if got == want {
        Ok(())
    } else {
        Err(Error::shape(
            what,
            format!("got {got} elements, want {want}"),
        ))
    }
}

/// `Ok` if `cond` holds, otherwise an error with the message `msg` makes (a test's condition
/// that is not a comparison of arrays).
pub fn ensure(cond: bool, msg: impl FnOnce() -> String) -> Result<()> {
    if cond {
        Ok(())
    } else {
        Err(Error::Config(msg()))
    }
}

/// Whether `r` is an [`Error::Shape`]: a launcher refused its arguments.
pub fn is_shape_err<T>(r: &Result<T>) -> bool {
    matches!(r, Err(Error::Shape { .. }))
}

/// Deterministic test data: `n` values uniform in (-1, 1) from `seed`.
pub fn random_vec(seed: u64, n: usize) -> Vec<f32> {
    Rng::new(seed).uniform_vec(n, -1.0, 1.0)
}

/// Deterministic test tokens: `n` ids uniform in `0..vocab` from `seed`.
pub fn random_tokens(seed: u64, n: usize, vocab: usize) -> Vec<u32> {
    Rng::new(seed)
        .uniform_vec(n, 0.0, vocab as f32)
        .iter()
        .map(|&x| (x as u32).min(vocab as u32 - 1))
        .collect()
}

/// Central differences `(loss(x + h e_i) - loss(x - h e_i)) / 2h` for every `i`: the gradient
/// a CPU backward is checked against.
pub fn central_differences(x: &[f64], h: f64, loss: impl Fn(&[f64]) -> f64) -> Vec<f64> {
    let mut xh = x.to_vec();
    (0..x.len())
        .map(|i| {
            xh[i] = x[i] + h;
            let plus = loss(&xh);
            xh[i] = x[i] - h;
            let minus = loss(&xh);
            xh[i] = x[i];
            (plus - minus) / (2.0 * h)
        })
        .collect()
}

/// A 1-D f32 tensor holding `data`.
pub fn upload(gpu: &Gpu, data: &[f32], label: &str) -> Result<Tensor> {
    Tensor::from_f32(gpu, &[data.len()], data, label)
}

/// The name of the enclosing function (its last path segment), e.g. the test's name for
/// [`on_every_adapter`]: `on_every_adapter(evomoe::function_name!(), async |gpu| ..)`, so a
/// renamed test cannot report under its old name. (A function cannot do this: it would name
/// itself.)
#[macro_export]
macro_rules! function_name {
    () => {{
        fn here() {}
        fn name_of<T>(_: T) -> &'static str {
            ::std::any::type_name::<T>()
        }
        $crate::testing::enclosing_function(name_of(here))
    }};
}

/// `a::b::function::here` (and `::{{closure}}` segments, inside a closure or an async block) to
/// `function`; what [`function_name!`](crate::function_name) expands to.
#[doc(hidden)]
pub fn enclosing_function(path_of_here: &'static str) -> &'static str {
    let mut path = path_of_here.strip_suffix("::here").unwrap_or(path_of_here);
    while let Some(outer) = path.strip_suffix("::{{closure}}") {
        path = outer;
    }
    path.rsplit("::").next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_name_is_the_enclosing_function() {
        assert_eq!(
            crate::function_name!(),
            "function_name_is_the_enclosing_function"
        );
        let in_closure = || crate::function_name!();
        assert_eq!(in_closure(), "function_name_is_the_enclosing_function");
        fn inner() -> &'static str {
            crate::function_name!()
        }
        assert_eq!(inner(), "inner");
    }

    #[test]
    fn a_value_outside_the_tolerance_is_a_mismatch() {
        let err = check_close("y", &[1.0, 2.5, 3.0], &[1.0, 2.0, 3.0], Tolerance::F32).unwrap_err();
        match &err {
            Error::Mismatch {
                what,
                differing: 1,
                len: 3,
                index: 1,
                got,
                want,
                off_by: Some(_),
            } => assert_eq!(
                (what.as_str(), got.as_str(), want.as_str()),
                ("y", "2.5", "2")
            ),
            other => panic!("not a mismatch: {other:?}"),
        }
        assert!(
            err.to_string().starts_with("y: 1 of 3 elements differ; worst at 1: got 2.5, want 2 (|diff| 5.000e-1, tolerance"),
            "{err}"
        );
        assert!(check_close("y", &[1.0, 2.0], &[1.0, 2.0], Tolerance::F32).is_ok());
        // A NaN is never close; different lengths are a shape error.
        assert!(matches!(
            check_close("y", &[f32::NAN], &[1.0], Tolerance::F32_LOOSE),
            Err(Error::Mismatch { index: 0, .. })
        ));
        assert!(is_shape_err(&check_close("y", &[1.0], &[], Tolerance::F32)));
    }

    #[test]
    fn an_exact_difference_is_a_mismatch_naming_the_first() {
        let err = check_equal("perm", &[1u32, 5, 3, 9], &[1, 2, 3, 4]).unwrap_err();
        assert!(
            matches!(
                err,
                Error::Mismatch {
                    differing: 2,
                    len: 4,
                    index: 1,
                    off_by: None,
                    ..
                }
            ),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            "perm: 2 of 4 elements differ; first at 1: got 5, want 2"
        );
        assert!(check_equal("perm", &[1u32, 2], &[1, 2]).is_ok());
        // Bitwise: the same NaN is equal, -0 is not 0.
        assert!(check_bits("x", &[f32::NAN, 1.0], &[f32::NAN, 1.0]).is_ok());
        assert!(matches!(
            check_bits("x", &[1.0, -0.0], &[1.0, 0.0]),
            Err(Error::Mismatch { index: 1, .. })
        ));
        assert!(is_shape_err(&check_bits("x", &[1.0], &[1.0, 2.0])));
    }

    #[test]
    fn central_differences_of_a_quadratic_are_its_gradient() {
        let g = central_differences(&[1.0, -2.0], 1e-3, |x| x[0] * x[0] + 3.0 * x[1]);
        assert!(
            (g[0] - 2.0).abs() < 1e-9 && (g[1] - 3.0).abs() < 1e-9,
            "{g:?}"
        );
    }
}
