//! The dense transformer ops beyond the GPU-vs-CPU comparisons, one module per op (as in
//! `src/ops/`): finite-difference checks of the CPU backwards (f64), bit-identical reruns of the
//! deterministic reductions, replays of recorded dispatches with new data, the subgroup variants
//! present where they should be, and rejected bad inputs. The GPU forwards and backwards against
//! the CPU references are the checks of `evomoe::selftest` (run by tests/selftest.rs).

mod adamw;
mod attention;
mod cross_entropy;
mod dropout;
mod elementwise;
mod embedding;
mod gelu;
mod layernorm;
mod matmul;
mod top_k;

use evomoe::testing::{central_differences, check_close, narrow, Tolerance};

/// A CPU backward's gradient `grad` of `loss` at `x` against central differences with step `h`.
fn finite_diff(
    name: &str,
    x: &[f64],
    grad: &[f32],
    h: f64,
    tol: Tolerance,
    loss: impl Fn(&[f64]) -> f64,
) {
    assert_eq!(x.len(), grad.len(), "{name}");
    let fd = narrow(&central_differences(x, h, loss));
    check_close(name, grad, &fd, tol).unwrap();
}

/// `a . b`, accumulated in f64.
fn dot(a: &[f32], b: &[f32]) -> f64 {
    a.iter().zip(b).map(|(&x, &y)| x as f64 * y as f64).sum()
}

/// The bit patterns of `arrays`, one after another: what a bit-identical rerun must reproduce.
fn bits(arrays: &[Vec<f32>]) -> Vec<u32> {
    arrays.concat().iter().map(|f| f.to_bits()).collect()
}
