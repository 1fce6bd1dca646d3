//! LayerNorm: forward (`out`, `mean`, `rstd`) and backward (`dx`, `dgamma`, `dbeta`, with and
//! without accumulation into non-zero gradients) for both row-pass variants.

use crate::error::Result;
use crate::gpu::{DType, Gpu, Tensor};
use crate::ops::layernorm::{
    layernorm_backward, layernorm_backward_cpu, layernorm_forward, layernorm_forward_cpu,
    LayerNormKernel,
};
use crate::selftest::{Check, Compare};
use crate::testing::{random_vec, upload, Tolerance};

use super::compared;

/// `(N, C)`: odd sizes; `C > 4 *` the workgroup with `N` over three row blocks; a single element.
const SHAPES: &[(usize, usize)] = &[(37, 45), (70, 300), (1, 1), (129, 7)];

pub fn checks() -> Vec<Check> {
    let mut out = Vec::new();
    for (v, name) in [
        (LayerNormKernel::Workgroup, "workgroup"),
        (LayerNormKernel::Rowwise, "rowwise"),
    ] {
        out.push(Check::new(
            "layernorm",
            format!("layernorm.forward.{name}"),
            move |gpu| {
                Box::pin(async move {
                    compared(async |cmp| {
                        for (i, &(n, c)) in SHAPES.iter().enumerate() {
                            forward_case(gpu, cmp, v, n, c, 40 + 10 * i as u64).await?;
                        }
                        Ok(())
                    })
                    .await
                })
            },
        ));
        out.push(Check::new(
            "layernorm",
            format!("layernorm.backward.{name}"),
            move |gpu| {
                Box::pin(async move {
                    compared(async |cmp| {
                        for (i, &(n, c)) in SHAPES.iter().enumerate() {
                            backward_case(gpu, cmp, v, n, c, 80 + 10 * i as u64).await?;
                        }
                        Ok(())
                    })
                    .await
                })
            },
        ));
    }
    out
}

/// `x (N, C)` with rows of different means, `gamma` around 1, `beta (C)`.
fn inputs(n: usize, c: usize, seed: u64) -> (Vec<f32>, Vec<f32>, Vec<f32>) {
    let x = random_vec(seed, n * c)
        .iter()
        .enumerate()
        .map(|(i, v)| 3.0 * v + (i / c) as f32 * 0.1)
        .collect();
    let gamma = random_vec(seed + 1, c)
        .iter()
        .map(|g| 1.0 + 0.5 * g)
        .collect();
    (x, gamma, random_vec(seed + 2, c))
}

async fn forward_case(
    gpu: &Gpu,
    cmp: &mut Compare,
    v: LayerNormKernel,
    n: usize,
    c: usize,
    seed: u64,
) -> Result<()> {
    let (x, gamma, beta) = inputs(n, c, seed);
    let (tx, tg, tb) = (
        upload(gpu, &x, "x")?,
        upload(gpu, &gamma, "gamma")?,
        upload(gpu, &beta, "beta")?,
    );
    // Junk in the outputs: everything must be overwritten.
    let tout = upload(gpu, &random_vec(seed + 3, n * c), "out")?;
    let tmean = upload(gpu, &random_vec(seed + 4, n), "mean")?;
    let trstd = upload(gpu, &random_vec(seed + 5, n), "rstd")?;
    let d = layernorm_forward(gpu, &tx, &tg, &tb, &tout, &tmean, &trstd, n, c, Some(v))?;
    gpu.run(&[d])?;
    let (out, mean, rstd) = layernorm_forward_cpu(&x, &gamma, &beta, n, c);
    let what = format!("{v:?} N={n} C={c}");
    cmp.check(
        &format!("out {what}"),
        &tout.read_f32(gpu).await?,
        &out,
        Tolerance::F32,
    )?;
    cmp.check(
        &format!("mean {what}"),
        &tmean.read_f32(gpu).await?,
        &mean,
        Tolerance::F32,
    )?;
    cmp.check(
        &format!("rstd {what}"),
        &trstd.read_f32(gpu).await?,
        &rstd,
        Tolerance::F32,
    )
}

/// The backward from the CPU forward's `mean` and `rstd`, onto non-zero gradients.
async fn backward_case(
    gpu: &Gpu,
    cmp: &mut Compare,
    v: LayerNormKernel,
    n: usize,
    c: usize,
    seed: u64,
) -> Result<()> {
    let (x, gamma, beta) = inputs(n, c, seed);
    let (_, mean, rstd) = layernorm_forward_cpu(&x, &gamma, &beta, n, c);
    let dout = random_vec(seed + 3, n * c);
    let dx0 = random_vec(seed + 4, n * c);
    let dg0 = random_vec(seed + 5, c);
    let db0 = random_vec(seed + 6, c);
    let tx = upload(gpu, &x, "x")?;
    let tg = upload(gpu, &gamma, "gamma")?;
    let tmean = upload(gpu, &mean, "mean")?;
    let trstd = upload(gpu, &rstd, "rstd")?;
    let td = upload(gpu, &dout, "dout")?;
    let tdx = Tensor::zeros(gpu, &[n * c], DType::F32, "dx")?;
    let tdg = Tensor::zeros(gpu, &[c], DType::F32, "dgamma")?;
    let tdb = Tensor::zeros(gpu, &[c], DType::F32, "dbeta")?;
    for accumulate in [false, true] {
        tdx.write_f32(gpu, &dx0)?;
        tdg.write_f32(gpu, &dg0)?;
        tdb.write_f32(gpu, &db0)?;
        let ds = layernorm_backward(
            gpu,
            &tx,
            &tg,
            &tmean,
            &trstd,
            &td,
            &tdx,
            &tdg,
            &tdb,
            n,
            c,
            accumulate,
            Some(v),
        )?;
        gpu.run(&ds)?;
        let (mut dx, mut dg, mut db) = (dx0.clone(), dg0.clone(), db0.clone());
        layernorm_backward_cpu(
            &x, &gamma, &dout, &mut dx, &mut dg, &mut db, n, c, accumulate,
        );
        let what = format!("{v:?} N={n} C={c} accumulate_dx={accumulate}");
        let tol = Tolerance::F32_LOOSE;
        cmp.check(&format!("dx {what}"), &tdx.read_f32(gpu).await?, &dx, tol)?;
        cmp.check(
            &format!("dgamma {what}"),
            &tdg.read_f32(gpu).await?,
            &dg,
            tol,
        )?;
        cmp.check(
            &format!("dbeta {what}"),
            &tdb.read_f32(gpu).await?,
            &db,
            tol,
        )?;
    }
    Ok(())
}
