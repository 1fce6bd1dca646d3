//! GELU: the CPU backward against finite differences (and finite far out in both tails), and
//! aliasing rejected.

use evomoe::function_name;
use evomoe::ops::gelu::{gelu_backward, gelu_backward_cpu, gelu_f64, gelu_forward, gelu_grad_f64};
use evomoe::testing::{is_shape_err, on_every_adapter, random_vec, upload, widen, Tolerance};

use crate::finite_diff;

#[test]
fn fd_gelu_backward_cpu() {
    let mut x: Vec<f32> = random_vec(5, 40).iter().map(|v| 4.0 * v).collect();
    x.extend([-12.0, -6.0, -3.0, -0.5, 0.0, 1e-3, 0.5, 3.0, 6.0, 12.0]);
    let r = random_vec(6, x.len());
    let dx = gelu_backward_cpu(&x, &r);
    let loss = |v: &[f64]| -> f64 {
        v.iter()
            .zip(&r)
            .map(|(&a, &w)| gelu_f64(a) * w as f64)
            .sum()
    };
    finite_diff(
        "gelu dx",
        &widen(&x),
        &dx,
        1e-5,
        Tolerance::FINITE_DIFF,
        loss,
    );
    // The guarded forms stay finite far out in both tails.
    for v in [-1e30, -1e4, -100.0, 100.0, 1e4, 1e30] {
        assert!(
            gelu_f64(v).is_finite() && gelu_grad_f64(v).is_finite(),
            "{v}"
        );
    }
    assert_eq!(gelu_grad_f64(1e4), 1.0);
    assert_eq!(gelu_grad_f64(-1e4), 0.0);
}

#[test]
fn gelu_rejects_aliasing() {
    on_every_adapter(function_name!(), async |gpu| {
        let tx = upload(gpu, &random_vec(30, 10), "x")?;
        let td = upload(gpu, &random_vec(31, 10), "dout")?;
        assert!(is_shape_err(&gelu_forward(gpu, &tx, &tx)));
        assert!(is_shape_err(&gelu_backward(gpu, &tx, &td, &td)));
        Ok(())
    });
}
