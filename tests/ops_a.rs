//! Transformer ops, part A: embedding, layernorm, GELU, element-wise, dropout.
//!
//! For each op: a finite-difference check of the CPU backward (f64), bit-identical reruns of
//! the deterministic reductions, replay of recorded dispatches with new data, and rejected bad
//! inputs. The GPU forwards and backwards against the CPU references are the checks of
//! `evomoe::selftest` (run by tests/selftest.rs).

use evomoe::gpu::{DType, Dispatch};
use evomoe::ops::dropout::{
    dropout_backward, dropout_backward_cpu, dropout_forward, dropout_forward_cpu, dropout_mask_cpu,
    DropoutConfig,
};
use evomoe::ops::elementwise::{acc, add, copy, fill};
use evomoe::ops::embedding::{
    embedding_backward, embedding_backward_cpu, embedding_forward, embedding_forward_cpu,
};
use evomoe::ops::gelu::{gelu_backward, gelu_backward_cpu, gelu_f64, gelu_forward, gelu_grad_f64};
use evomoe::ops::layernorm::{
    layernorm_backward, layernorm_backward_cpu, layernorm_forward, layernorm_forward_cpu,
    layernorm_forward_f64, LayerNormKernel,
};
use evomoe::ops::rng::Rng;
use evomoe::testing::{check_close, on_every_adapter, random_vec, Tolerance};
use evomoe::{Error, Gpu, Result, Tensor};

fn run_all(gpu: &Gpu, ds: &[Dispatch]) -> Result<()> {
    gpu.run(&ds.iter().collect::<Vec<_>>())
}

fn f32t(gpu: &Gpu, data: &[f32], label: &str) -> Result<Tensor> {
    Tensor::from_f32(gpu, &[data.len()], data, label)
}

fn is_shape_err<T>(r: Result<T>) -> bool {
    matches!(r, Err(Error::Shape { .. }))
}

/// Central differences of `loss` at `x[i]` for every `i`, compared with `grad`.
fn finite_diff(
    name: &str,
    x: &[f64],
    grad: &[f32],
    h: f64,
    tol: Tolerance,
    loss: impl Fn(&[f64]) -> f64,
) {
    assert_eq!(x.len(), grad.len(), "{name}");
    let mut xp = x.to_vec();
    let mut fd = Vec::with_capacity(x.len());
    for i in 0..x.len() {
        xp[i] = x[i] + h;
        let lp = loss(&xp);
        xp[i] = x[i] - h;
        let lm = loss(&xp);
        xp[i] = x[i];
        fd.push(((lp - lm) / (2.0 * h)) as f32);
    }
    check_close(name, grad, &fd, tol).unwrap();
}

fn widen(v: &[f32]) -> Vec<f64> {
    v.iter().map(|&a| a as f64).collect()
}

fn narrow(v: &[f64]) -> Vec<f32> {
    v.iter().map(|&a| a as f32).collect()
}

fn dot(a: &[f32], b: &[f32]) -> f64 {
    a.iter().zip(b).map(|(&x, &y)| x as f64 * y as f64).sum()
}

// ---------------------------------------------------------------- finite differences (CPU)

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
fn fd_embedding_backward_cpu() {
    let (b, t, c, v) = (2, 3, 4, 5);
    let tokens = [1u32, 4, 1, 1, 9, 0]; // repeats, and 9 >= V (skipped)
    let wte = random_vec(7, v * c);
    let wpe = random_vec(8, (t + 1) * c); // P = T + 1 rows
    let r = random_vec(9, b * t * c);
    let mut dwte = vec![0.0; v * c];
    let mut dwpe = vec![0.0; (t + 1) * c];
    embedding_backward_cpu(&tokens, &r, &mut dwte, &mut dwpe, t, c, v);
    // The op is linear, so f32 forwards with a large step are exact enough.
    let loss = |te: &[f64], pe: &[f64]| -> f64 {
        dot(
            &embedding_forward_cpu(&tokens, &narrow(te), &narrow(pe), t, c, v),
            &r,
        )
    };
    let (tw, pw) = (widen(&wte), widen(&wpe));
    let tol = Tolerance::F32_LOOSE;
    finite_diff("embedding dwte", &tw, &dwte, 0.25, tol, |x| loss(x, &pw));
    finite_diff("embedding dwpe", &pw, &dwpe, 0.25, tol, |x| loss(&tw, x));
    // Rows of unused tokens (2, 3) and the unused position row get exactly zero.
    assert!(dwte[2 * c..4 * c].iter().all(|&g| g == 0.0));
    assert!(dwpe[t * c..].iter().all(|&g| g == 0.0));
}

#[test]
fn fd_dropout_backward_cpu() {
    let cfg = DropoutConfig {
        p: 0.4,
        seed: 77,
        stream: 3,
    };
    let x = random_vec(10, 33);
    let r = random_vec(11, 33);
    let dx = dropout_backward_cpu(&r, &cfg, 5);
    let loss = |v: &[f64]| dot(&dropout_forward_cpu(&narrow(v), &cfg, 5), &r);
    finite_diff(
        "dropout dx",
        &widen(&x),
        &dx,
        0.25,
        Tolerance::F32_LOOSE,
        loss,
    );
}

// ---------------------------------------------------------------- element-wise

#[test]
fn elementwise_rejects_aliasing_and_bad_shapes() {
    on_every_adapter("elementwise_rejects_aliasing_and_bad_shapes", async |gpu| {
        let n = 4099;
        let ta = f32t(gpu, &random_vec(20, n), "a")?;
        let tb = f32t(gpu, &random_vec(21, n), "b")?;
        let tout = Tensor::zeros(gpu, &[n], DType::F32, "out")?;
        // Aliasing an input with the output is rejected, not a wgpu validation panic.
        assert!(is_shape_err(add(gpu, &ta, &tb, &ta)));
        assert!(is_shape_err(add(gpu, &ta, &tb, &tb)));
        assert!(is_shape_err(acc(gpu, &ta, &ta, 1.0)));
        assert!(is_shape_err(copy(gpu, &ta, &ta)));
        // Reading one tensor twice is fine: a + a.
        assert!(add(gpu, &ta, &ta, &tout).is_ok());
        // Length mismatches and wrong dtypes are rejected.
        let short = Tensor::zeros(gpu, &[n - 1], DType::F32, "short")?;
        let ints = Tensor::zeros(gpu, &[n], DType::U32, "ints")?;
        assert!(is_shape_err(add(gpu, &ta, &short, &tout)));
        assert!(is_shape_err(copy(gpu, &ints, &tout)));
        assert!(is_shape_err(fill(gpu, &ints, 1.0)));
        Ok(())
    });
}

#[test]
fn fill_beyond_one_dimension_of_workgroups() {
    on_every_adapter("fill_beyond_one_dimension_of_workgroups", async |gpu| {
        // More than 65535 * 256 elements: the grid is folded into y.
        let n = 65535 * 256 + 1001;
        let t = Tensor::zeros(gpu, &[n], DType::F32, "big")?;
        run_all(gpu, &[fill(gpu, &t, 1.5)?])?;
        let got = t.read_f32(gpu).await?;
        let bad = got.iter().filter(|&&v| v != 1.5).count();
        assert_eq!(bad, 0, "{bad} of {n} elements not filled on {}", gpu.name());
        Ok(())
    });
}

// ---------------------------------------------------------------- GELU

#[test]
fn gelu_rejects_aliasing() {
    on_every_adapter("gelu_rejects_aliasing", async |gpu| {
        let tx = f32t(gpu, &random_vec(30, 10), "x")?;
        let td = f32t(gpu, &random_vec(31, 10), "dout")?;
        assert!(is_shape_err(gelu_forward(gpu, &tx, &tx)));
        assert!(is_shape_err(gelu_backward(gpu, &tx, &td, &td)));
        Ok(())
    });
}

// ---------------------------------------------------------------- LayerNorm

/// The backward twice on the same inputs (accumulating into non-zero gradients): bit-identical
/// results from both variants (fixed-order reductions, no atomics).
#[test]
fn layernorm_backward_is_bit_identical_on_rerun() {
    on_every_adapter(
        "layernorm_backward_is_bit_identical_on_rerun",
        async |gpu| {
            let (n, c) = (70, 300);
            let x = random_vec(40, n * c);
            let gamma = random_vec(41, c);
            let (_, mean, rstd) = layernorm_forward_cpu(&x, &gamma, &gamma, n, c);
            let (tx, tg) = (f32t(gpu, &x, "x")?, f32t(gpu, &gamma, "gamma")?);
            let (tm, tr) = (f32t(gpu, &mean, "mean")?, f32t(gpu, &rstd, "rstd")?);
            let td = f32t(gpu, &random_vec(42, n * c), "dout")?;
            let (dx0, dg0) = (random_vec(43, n * c), random_vec(44, c));
            let tdx = f32t(gpu, &dx0, "dx")?;
            let (tdg, tdb) = (f32t(gpu, &dg0, "dgamma")?, f32t(gpu, &dg0, "dbeta")?);
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
                    run_all(gpu, &ds)?;
                    let bits: Vec<u32> = [
                        tdx.read_f32(gpu).await?,
                        tdg.read_f32(gpu).await?,
                        tdb.read_f32(gpu).await?,
                    ]
                    .concat()
                    .iter()
                    .map(|f| f.to_bits())
                    .collect();
                    match &first {
                        None => first = Some(bits),
                        Some(f) => {
                            assert!(f == &bits, "{v:?} backward not deterministic (rep {rep})")
                        }
                    }
                }
            }
            Ok(())
        },
    );
}

#[test]
fn layernorm_rejects_bad_inputs() {
    on_every_adapter("layernorm_rejects_bad_inputs", async |gpu| {
        let (n, c) = (4, 5);
        let x = Tensor::zeros(gpu, &[n, c], DType::F32, "x")?;
        let g = Tensor::zeros(gpu, &[c], DType::F32, "g")?;
        let b = Tensor::zeros(gpu, &[c], DType::F32, "b")?;
        let o = Tensor::zeros(gpu, &[n, c], DType::F32, "o")?;
        let m = Tensor::zeros(gpu, &[n], DType::F32, "m")?;
        let r = Tensor::zeros(gpu, &[n], DType::F32, "r")?;
        assert!(is_shape_err(layernorm_forward(
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
        assert!(is_shape_err(layernorm_forward(
            gpu, &x, &g, &b, &x, &m, &r, n, c, None
        )));
        assert!(is_shape_err(layernorm_backward(
            gpu, &x, &g, &m, &r, &o, &o, &g, &b, n, c, false, None
        )));
        assert!(is_shape_err(layernorm_backward(
            gpu, &x, &g, &m, &r, &o, &x, &g, &b, n, c, false, None
        )));
        Ok(())
    });
}

// ---------------------------------------------------------------- embedding

fn tokens_with_repeats(seed: u64, n: usize, v: usize) -> Vec<u32> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|i| match i % 5 {
            0 => 3,                           // one very frequent token
            1 => rng.below(4),                // a few frequent ones
            2 if i % 45 == 2 => v as u32 + 7, // out of range: skipped by dwte
            _ => rng.below(v as u32),
        })
        .collect()
}

/// Recorded once and replayed with new tokens (as in training): each replay gives the same bits
/// as a dispatch freshly recorded for those tokens, and the backward twice on the same tokens
/// gives the same bits (the deterministic rank-tiled reduction).
#[test]
fn embedding_replay_with_new_tokens_is_bit_identical() {
    on_every_adapter(
        "embedding_replay_with_new_tokens_is_bit_identical",
        async |gpu| {
            let (b, t, c, v) = (2usize, 150usize, 3usize, 256usize);
            let (bt, p) = (b * t, t + 2);
            let ttok = Tensor::from_u32(gpu, &[b, t], &tokens_with_repeats(1, bt, v), "tokens")?;
            let twte = f32t(gpu, &random_vec(70, v * c), "wte")?;
            let twpe = f32t(gpu, &random_vec(71, p * c), "wpe")?;
            let tout = Tensor::zeros(gpu, &[bt, c], DType::F32, "out")?;
            let td = f32t(gpu, &random_vec(72, bt * c), "dout")?;
            let (dwte0, dwpe0) = (random_vec(73, v * c), random_vec(74, p * c));
            let tdwte = f32t(gpu, &dwte0, "dwte")?;
            let tdwpe = f32t(gpu, &dwpe0, "dwpe")?;
            let fwd = embedding_forward(gpu, &ttok, &twte, &twpe, &tout, b, t, c, v)?;
            let bwd = embedding_backward(gpu, &ttok, &td, &tdwte, &tdwpe, b, t, c, v)?;
            // Runs `ds`, from the initial gradients; the bits of out, dwte and dwpe.
            let results = async |ds: &[Dispatch]| -> Result<Vec<u32>> {
                tdwte.write_f32(gpu, &dwte0)?;
                tdwpe.write_f32(gpu, &dwpe0)?;
                run_all(gpu, ds)?;
                let all = [
                    tout.read_f32(gpu).await?,
                    tdwte.read_f32(gpu).await?,
                    tdwpe.read_f32(gpu).await?,
                ];
                Ok(all.concat().iter().map(|f| f.to_bits()).collect())
            };
            let recorded: Vec<Dispatch> = std::iter::once(fwd).chain(bwd).collect();
            for step in 0..4u64 {
                let tokens = match step {
                    0 => tokens_with_repeats(1, bt, v),
                    1 => tokens_with_repeats(99, bt, v),
                    2 => vec![v as u32 - 1; bt],
                    _ => vec![v as u32; bt],
                };
                gpu.queue
                    .write_buffer(&ttok.buffer, 0, bytemuck::cast_slice(&tokens));
                let replayed = results(&recorded).await?;
                assert!(
                    replayed == results(&recorded).await?,
                    "embedding not deterministic at step {step}"
                );
                let mut fresh = vec![embedding_forward(
                    gpu, &ttok, &twte, &twpe, &tout, b, t, c, v,
                )?];
                fresh.extend(embedding_backward(
                    gpu, &ttok, &td, &tdwte, &tdwpe, b, t, c, v,
                )?);
                assert!(
                    replayed == results(&fresh).await?,
                    "replay differs from a fresh recording at step {step}"
                );
            }
            Ok(())
        },
    );
}

#[test]
fn embedding_rejects_bad_inputs() {
    on_every_adapter("embedding_rejects_bad_inputs", async |gpu| {
        let (b, t, c, v) = (2, 3, 4, 5);
        let tok = Tensor::from_u32(gpu, &[b * t], &[0; 6], "tok")?;
        let tokf = Tensor::zeros(gpu, &[b * t], DType::F32, "tokf")?;
        let wte = Tensor::zeros(gpu, &[v, c], DType::F32, "wte")?;
        let wpe = Tensor::zeros(gpu, &[t - 1, c], DType::F32, "wpe short")?;
        let wpe_ok = Tensor::zeros(gpu, &[t, c], DType::F32, "wpe")?;
        let out = Tensor::zeros(gpu, &[b * t, c], DType::F32, "out")?;
        assert!(is_shape_err(embedding_forward(
            gpu, &tok, &wte, &wpe, &out, b, t, c, v
        )));
        assert!(is_shape_err(embedding_forward(
            gpu, &tokf, &wte, &wpe_ok, &out, b, t, c, v
        )));
        assert!(is_shape_err(embedding_forward(
            gpu,
            &tok,
            &wte,
            &wpe_ok,
            &out,
            b,
            t,
            c,
            v + 1
        )));
        assert!(is_shape_err(embedding_backward(
            gpu, &tok, &out, &wte, &wte, b, t, c, v
        )));
        Ok(())
    });
}

// ---------------------------------------------------------------- dropout

/// The mask changes with the step and with the stream, and keeps about `1 - p` (CPU Philox; the
/// `dropout.*` checks hold the GPU to it bit for bit).
#[test]
fn dropout_mask_depends_on_step_and_stream() {
    let n = 1001;
    let cfg = DropoutConfig {
        p: 0.3,
        seed: 0x1234_5678_9abc_def0,
        stream: 2,
    };
    let (m7, m8) = (dropout_mask_cpu(&cfg, n, 7), dropout_mask_cpu(&cfg, n, 8));
    assert!(m7 != m8, "step did not change the mask");
    let other = DropoutConfig { stream: 3, ..cfg };
    assert!(
        dropout_mask_cpu(&other, n, 8) != m8,
        "stream did not change the mask"
    );
    for mask in [&m7, &m8] {
        let kept = mask.iter().filter(|&&k| k).count() as f64 / n as f64;
        assert!((kept - 0.7).abs() < 0.06, "kept fraction {kept}");
    }
}

#[test]
fn dropout_rejects_bad_inputs() {
    on_every_adapter("dropout_rejects_bad_inputs", async |gpu| {
        let cfg = DropoutConfig {
            p: 0.3,
            seed: 1,
            stream: 2,
        };
        let tx = f32t(gpu, &random_vec(80, 11), "x")?;
        let tout = Tensor::zeros(gpu, &[11], DType::F32, "out")?;
        let bad = DropoutConfig { p: 1.0, ..cfg };
        assert!(dropout_forward(gpu, &tx, &tout, &bad, 0).is_err());
        assert!(dropout_backward(gpu, &tx, &tout, &bad, 0).is_err());
        assert!(is_shape_err(dropout_forward(gpu, &tx, &tx, &cfg, 0)));
        Ok(())
    });
}
