//! LayerNorm: the CPU backward against finite differences, bit-identical reruns of both backward
//! variants, and rejected bad inputs.

use evomoe::gpu::DType;
use evomoe::ops::layernorm::{
    layernorm_backward, layernorm_backward_cpu, layernorm_forward, layernorm_forward_cpu,
    layernorm_forward_f64, LayerNormKernel,
};
use evomoe::testing::{is_shape_err, on_every_adapter, random_vec, upload, widen, Tolerance};
use evomoe::{function_name, Tensor};

use crate::{bits, finite_diff};

#[test]
fn fd_layernorm_backward_cpu() {
    let (n, c) = (3, 7);
    let x = random_vec(1, n * c);
    let gamma: Vec<f32> = random_vec(2, c).iter().map(|g| 1.0 + 0.5 * g).collect();
    let beta = random_vec(3, c);
    let r = random_vec(4, n * c);
    let loss = |x: &[f64], g: &[f64], b: &[f64]| -> f64 {
        let out = layernorm_forward_f64(x, g, b, n, c);
        out.iter().zip(&r).map(|(o, &w)| o * w as f64).sum()
    };
    let mut dx = vec![0.0; n * c];
    let mut dg = vec![0.0; c];
    let mut db = vec![0.0; c];
    layernorm_backward_cpu(&x, &gamma, &r, &mut dx, &mut dg, &mut db, n, c, false);
    let (xw, gw, bw) = (widen(&x), widen(&gamma), widen(&beta));
    let tol = Tolerance::FINITE_DIFF;
    finite_diff("layernorm dx", &xw, &dx, 1e-5, tol, |v| loss(v, &gw, &bw));
    finite_diff("layernorm dgamma", &gw, &dg, 1e-5, tol, |v| {
        loss(&xw, v, &bw)
    });
    finite_diff("layernorm dbeta", &bw, &db, 1e-5, tol, |v| {
        loss(&xw, &gw, v)
    });
}

/// The backward twice on the same inputs (accumulating into non-zero gradients): bit-identical
/// results from both variants (fixed-order reductions, no atomics).
#[test]
fn layernorm_backward_is_bit_identical_on_rerun() {
    on_every_adapter(function_name!(), async |gpu| {
        let (n, c) = (70, 300);
        let x = random_vec(40, n * c);
        let gamma = random_vec(41, c);
        let (_, mean, rstd) = layernorm_forward_cpu(&x, &gamma, &gamma, n, c);
        let (tx, tg) = (upload(gpu, &x, "x")?, upload(gpu, &gamma, "gamma")?);
        let (tm, tr) = (upload(gpu, &mean, "mean")?, upload(gpu, &rstd, "rstd")?);
        let td = upload(gpu, &random_vec(42, n * c), "dout")?;
        let (dx0, dg0) = (random_vec(43, n * c), random_vec(44, c));
        let tdx = upload(gpu, &dx0, "dx")?;
        let (tdg, tdb) = (upload(gpu, &dg0, "dgamma")?, upload(gpu, &dg0, "dbeta")?);
        for v in [LayerNormKernel::Workgroup, LayerNormKernel::Rowwise] {
            let ds = layernorm_backward(
                gpu,
                &tx,
                &tg,
                &tm,
                &tr,
                &td,
                &tdx,
                &tdg,
                &tdb,
                n,
                c,
                true,
                Some(v),
            )?;
            let mut first = None;
            for rep in 0..2 {
                tdx.write_f32(gpu, &dx0)?;
                tdg.write_f32(gpu, &dg0)?;
                tdb.write_f32(gpu, &dg0)?;
                gpu.run(&ds)?;
                let bits = bits(&[
                    tdx.read_f32(gpu).await?,
                    tdg.read_f32(gpu).await?,
                    tdb.read_f32(gpu).await?,
                ]);
                match &first {
                    None => first = Some(bits),
                    Some(f) => {
                        assert!(f == &bits, "{v:?} backward not deterministic (rep {rep})")
                    }
                }
            }
        }
        Ok(())
    });
}

#[test]
fn layernorm_rejects_bad_inputs() {
    on_every_adapter(function_name!(), async |gpu| {
        let (n, c) = (4, 5);
        let x = Tensor::zeros(gpu, &[n, c], DType::F32, "x")?;
        let g = Tensor::zeros(gpu, &[c], DType::F32, "g")?;
        let b = Tensor::zeros(gpu, &[c], DType::F32, "b")?;
        let o = Tensor::zeros(gpu, &[n, c], DType::F32, "o")?;
        let m = Tensor::zeros(gpu, &[n], DType::F32, "m")?;
        let r = Tensor::zeros(gpu, &[n], DType::F32, "r")?;
        assert!(is_shape_err(&layernorm_forward(
            gpu,
            &x,
            &g,
            &b,
            &o,
            &m,
            &r,
            n,
            c + 1,
            None
        )));
        assert!(is_shape_err(&layernorm_forward(
            gpu, &x, &g, &b, &x, &m, &r, n, c, None
        )));
        assert!(is_shape_err(&layernorm_backward(
            gpu, &x, &g, &m, &r, &o, &o, &g, &b, n, c, false, None
        )));
        assert!(is_shape_err(&layernorm_backward(
            gpu, &x, &g, &m, &r, &o, &x, &g, &b, n, c, false, None
        )));
        Ok(())
    });
}
