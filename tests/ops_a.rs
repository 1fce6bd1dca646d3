//! Transformer ops, part A: embedding, layernorm, GELU, element-wise, dropout.
//!
//! For each op: a finite-difference check of the CPU backward (f64), then GPU forward and
//! backward against the CPU references on every adapter with odd shapes, accumulation
//! semantics (`+=` on non-zero initial gradients), bit-identical reruns of the deterministic
//! reductions, replay of recorded dispatches with new data, and rejected bad inputs.

use evomoe::gpu::{DType, Dispatch};
use evomoe::ops::dropout::{
    dropout_backward, dropout_backward_cpu, dropout_forward, dropout_forward_cpu, dropout_mask_cpu,
    dropout_set_step, DropoutConfig,
};
use evomoe::ops::elementwise::{acc, acc_cpu, add, add_cpu, copy, fill, scale, scale_cpu};
use evomoe::ops::embedding::{
    embedding_backward, embedding_backward_cpu, embedding_forward, embedding_forward_cpu,
};
use evomoe::ops::gelu::{
    gelu_backward, gelu_backward_cpu, gelu_f64, gelu_forward, gelu_forward_cpu, gelu_grad_f64,
};
use evomoe::ops::layernorm::{
    layernorm_backward, layernorm_backward_cpu, layernorm_backward_variant, layernorm_forward,
    layernorm_forward_cpu, layernorm_forward_f64, layernorm_forward_variant, Variant,
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
fn elementwise_gpu_matches_cpu() {
    on_every_adapter("elementwise_gpu_matches_cpu", |gpu| {
        let n = 4099;
        let a = random_vec(20, n);
        let b = random_vec(21, n);
        let ta = f32t(gpu, &a, "a")?;
        let tb = f32t(gpu, &b, "b")?;
        let tout = Tensor::zeros(gpu, &[n], DType::F32, "out")?;
        run_all(gpu, &[add(gpu, &ta, &tb, &tout)?])?;
        check_close(
            "add",
            &tout.read_f32(gpu)?,
            &add_cpu(&a, &b),
            Tolerance::F32,
        )?;

        // dst += alpha * src on a non-zero dst, twice (replay accumulates).
        let d = acc(gpu, &ta, &tb, -0.7)?;
        run_all(gpu, &[d])?;
        let mut want = b.clone();
        acc_cpu(&a, &mut want, -0.7);
        check_close("acc", &tb.read_f32(gpu)?, &want, Tolerance::F32)?;

        run_all(gpu, &[scale(gpu, &tb, 2.5)?])?;
        scale_cpu(&mut want, 2.5);
        check_close("scale", &tb.read_f32(gpu)?, &want, Tolerance::F32)?;

        run_all(gpu, &[copy(gpu, &ta, &tout)?])?;
        assert_eq!(tout.read_f32(gpu)?, a, "copy");

        let fd = fill(gpu, &tout, 0.0)?;
        run_all(gpu, &[fd])?;
        assert!(tout.read_f32(gpu)?.iter().all(|&v| v == 0.0), "fill 0");

        // Aliasing an input with the output is rejected, not a wgpu validation panic.
        assert!(is_shape_err(add(gpu, &ta, &tb, &ta)));
        assert!(is_shape_err(add(gpu, &ta, &tb, &tb)));
        assert!(is_shape_err(acc(gpu, &ta, &ta, 1.0)));
        assert!(is_shape_err(copy(gpu, &ta, &ta)));
        // Reading one tensor twice is fine: a + a.
        run_all(gpu, &[add(gpu, &ta, &ta, &tout)?])?;
        check_close(
            "a + a",
            &tout.read_f32(gpu)?,
            &add_cpu(&a, &a),
            Tolerance::F32,
        )?;
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
    on_every_adapter("fill_beyond_one_dimension_of_workgroups", |gpu| {
        // More than 65535 * 256 elements: the grid is folded into y.
        let n = 65535 * 256 + 1001;
        let t = Tensor::zeros(gpu, &[n], DType::F32, "big")?;
        run_all(gpu, &[fill(gpu, &t, 1.5)?])?;
        let got = t.read_f32(gpu)?;
        let bad = got.iter().filter(|&&v| v != 1.5).count();
        assert_eq!(bad, 0, "{bad} of {n} elements not filled on {}", gpu.name());
        Ok(())
    });
}

// ---------------------------------------------------------------- GELU

#[test]
fn gelu_gpu_matches_cpu() {
    on_every_adapter("gelu_gpu_matches_cpu", |gpu| {
        let mut x: Vec<f32> = random_vec(30, 1000).iter().map(|v| 6.0 * v).collect();
        x.extend([
            -1e30, -1e4, -60.0, -10.0, -1e-3, 0.0, 1e-3, 10.0, 60.0, 1e4, 1e30,
        ]);
        let n = x.len();
        let dout = random_vec(31, n);
        let tx = f32t(gpu, &x, "x")?;
        let td = f32t(gpu, &dout, "dout")?;
        let tout = Tensor::zeros(gpu, &[n], DType::F32, "out")?;
        let tdx = f32t(gpu, &vec![9.0; n], "dx")?; // overwritten
        run_all(
            gpu,
            &[
                gelu_forward(gpu, &tx, &tout)?,
                gelu_backward(gpu, &tx, &td, &tdx)?,
            ],
        )?;
        check_close(
            "gelu forward",
            &tout.read_f32(gpu)?,
            &gelu_forward_cpu(&x),
            Tolerance::F32,
        )?;
        check_close(
            "gelu backward",
            &tdx.read_f32(gpu)?,
            &gelu_backward_cpu(&x, &dout),
            Tolerance::F32,
        )?;
        assert!(is_shape_err(gelu_forward(gpu, &tx, &tx)));
        assert!(is_shape_err(gelu_backward(gpu, &tx, &td, &td)));
        Ok(())
    });
}

// ---------------------------------------------------------------- LayerNorm

fn layernorm_case(gpu: &Gpu, v: Variant, n: usize, c: usize, seed: u64) -> Result<()> {
    let x: Vec<f32> = random_vec(seed, n * c)
        .iter()
        .enumerate()
        .map(|(i, v)| 3.0 * v + (i / c) as f32 * 0.1) // rows with different means
        .collect();
    let gamma: Vec<f32> = random_vec(seed + 1, c)
        .iter()
        .map(|g| 1.0 + 0.5 * g)
        .collect();
    let beta = random_vec(seed + 2, c);
    let dout = random_vec(seed + 3, n * c);
    let dx0 = random_vec(seed + 4, n * c);
    let dg0 = random_vec(seed + 5, c);
    let db0 = random_vec(seed + 6, c);

    let tx = f32t(gpu, &x, "x")?;
    let tg = f32t(gpu, &gamma, "gamma")?;
    let tb = f32t(gpu, &beta, "beta")?;
    let tout = Tensor::zeros(gpu, &[n, c], DType::F32, "out")?;
    let tmean = Tensor::zeros(gpu, &[n], DType::F32, "mean")?;
    let trstd = Tensor::zeros(gpu, &[n], DType::F32, "rstd")?;
    run_all(
        gpu,
        &[layernorm_forward_variant(
            gpu, v, &tx, &tg, &tb, &tout, &tmean, &trstd, n, c,
        )?],
    )?;
    let (out, mean, rstd) = layernorm_forward_cpu(&x, &gamma, &beta, n, c);
    let what = format!("{v:?} N={n} C={c}");
    check_close(
        &format!("ln out {what}"),
        &tout.read_f32(gpu)?,
        &out,
        Tolerance::F32,
    )?;
    check_close(
        &format!("ln mean {what}"),
        &tmean.read_f32(gpu)?,
        &mean,
        Tolerance::F32,
    )?;
    check_close(
        &format!("ln rstd {what}"),
        &trstd.read_f32(gpu)?,
        &rstd,
        Tolerance::F32,
    )?;

    let td = f32t(gpu, &dout, "dout")?;
    let tdx = f32t(gpu, &dx0, "dx")?;
    let tdg = f32t(gpu, &dg0, "dgamma")?;
    let tdb = f32t(gpu, &db0, "dbeta")?;
    for accumulate in [false, true] {
        tdx.write_f32(gpu, &dx0)?;
        tdg.write_f32(gpu, &dg0)?;
        tdb.write_f32(gpu, &db0)?;
        let ds = layernorm_backward_variant(
            gpu, v, &tx, &tg, &tmean, &trstd, &td, &tdx, &tdg, &tdb, n, c, accumulate,
        )?;
        let (mut dx, mut dg, mut db) = (dx0.clone(), dg0.clone(), db0.clone());
        layernorm_backward_cpu(
            &x, &gamma, &dout, &mut dx, &mut dg, &mut db, n, c, accumulate,
        );
        let mut first = None;
        for rep in 0..2 {
            // Same inputs twice: bit-identical results.
            tdx.write_f32(gpu, &dx0)?;
            tdg.write_f32(gpu, &dg0)?;
            tdb.write_f32(gpu, &db0)?;
            run_all(gpu, &ds)?;
            let got = (tdx.read_f32(gpu)?, tdg.read_f32(gpu)?, tdb.read_f32(gpu)?);
            let w = format!("{what} accumulate_dx={accumulate} rep {rep}");
            check_close(&format!("ln dx {w}"), &got.0, &dx, Tolerance::F32_LOOSE)?;
            check_close(&format!("ln dgamma {w}"), &got.1, &dg, Tolerance::F32_LOOSE)?;
            check_close(&format!("ln dbeta {w}"), &got.2, &db, Tolerance::F32_LOOSE)?;
            let bits = |v: &Vec<f32>| v.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
            let b = (bits(&got.0), bits(&got.1), bits(&got.2));
            match &first {
                None => first = Some(b),
                Some(f) => assert!(f == &b, "layernorm backward not deterministic ({w})"),
            }
        }
    }
    Ok(())
}

#[test]
fn layernorm_gpu_matches_cpu() {
    on_every_adapter("layernorm_gpu_matches_cpu", |gpu| {
        for v in [Variant::Workgroup, Variant::Rowwise] {
            layernorm_case(gpu, v, 37, 45, 40)?;
            layernorm_case(gpu, v, 70, 300, 50)?; // C > 4 * workgroup, N spans 3 row blocks
            layernorm_case(gpu, v, 1, 1, 60)?;
        }
        // The default entry points (Variant::best) are the same kernels.
        let (n, c) = (5, 9);
        let x = random_vec(61, n * c);
        let g = random_vec(62, c);
        let tx = f32t(gpu, &x, "x")?;
        let tg = f32t(gpu, &g, "g")?;
        let tb = f32t(gpu, &g, "b")?;
        let to = Tensor::zeros(gpu, &[n * c], DType::F32, "o")?;
        let tm = Tensor::zeros(gpu, &[n], DType::F32, "m")?;
        let tr = Tensor::zeros(gpu, &[n], DType::F32, "r")?;
        let tdx = Tensor::zeros(gpu, &[n * c], DType::F32, "dx")?;
        let tdg = Tensor::zeros(gpu, &[c], DType::F32, "dg")?;
        let tdb = Tensor::zeros(gpu, &[c], DType::F32, "db")?;
        let mut ds = vec![layernorm_forward(gpu, &tx, &tg, &tb, &to, &tm, &tr, n, c)?];
        ds.extend(layernorm_backward(
            gpu, &tx, &tg, &tm, &tr, &tx, &tdx, &tdg, &tdb, n, c, false,
        )?);
        run_all(gpu, &ds)?;
        let (out, _, _) = layernorm_forward_cpu(&x, &g, &g, n, c);
        check_close("ln default out", &to.read_f32(gpu)?, &out, Tolerance::F32)?;
        let (mut dx, mut dg, mut db) = (vec![0.0; n * c], vec![0.0; c], vec![0.0; c]);
        layernorm_backward_cpu(&x, &g, &x, &mut dx, &mut dg, &mut db, n, c, false);
        check_close(
            "ln default dx",
            &tdx.read_f32(gpu)?,
            &dx,
            Tolerance::F32_LOOSE,
        )?;
        Ok(())
    });
}

#[test]
fn layernorm_rejects_bad_inputs() {
    on_every_adapter("layernorm_rejects_bad_inputs", |gpu| {
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
            c + 1
        )));
        assert!(is_shape_err(layernorm_forward(
            gpu, &x, &g, &b, &x, &m, &r, n, c
        )));
        assert!(is_shape_err(layernorm_backward(
            gpu, &x, &g, &m, &r, &o, &o, &g, &b, n, c, false
        )));
        assert!(is_shape_err(layernorm_backward(
            gpu, &x, &g, &m, &r, &o, &x, &g, &b, n, c, false
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

#[test]
fn embedding_gpu_matches_cpu() {
    on_every_adapter("embedding_gpu_matches_cpu", |gpu| {
        for &(b, t, c, v) in &[
            (3usize, 11usize, 45usize, 67usize),
            (5, 37, 7, 67),
            (2, 150, 3, 256), // 300 positions: three rank tiles
            (1, 1, 1, 1),
        ] {
            let bt = b * t;
            let p = t + 2; // wpe has more rows than T
            let tokens = tokens_with_repeats(b as u64 * 1000 + t as u64, bt, v);
            let wte = random_vec(70, v * c);
            let wpe = random_vec(71, p * c);
            let dout = random_vec(72, bt * c);
            let dwte0 = random_vec(73, v * c); // accumulate onto non-zero gradients
            let dwpe0 = random_vec(74, p * c);
            let what = format!("B={b} T={t} C={c} V={v}");

            let ttok = Tensor::from_u32(gpu, &[b, t], &tokens, "tokens")?;
            let twte = f32t(gpu, &wte, "wte")?;
            let twpe = f32t(gpu, &wpe, "wpe")?;
            let tout = Tensor::zeros(gpu, &[bt, c], DType::F32, "out")?;
            let td = f32t(gpu, &dout, "dout")?;
            let tdwte = f32t(gpu, &dwte0, "dwte")?;
            let tdwpe = f32t(gpu, &dwpe0, "dwpe")?;
            let fwd = embedding_forward(gpu, &ttok, &twte, &twpe, &tout, b, t, c, v)?;
            let bwd = embedding_backward(gpu, &ttok, &td, &tdwte, &tdwpe, b, t, c, v)?;

            // Recorded once; replayed with new tokens (as in training): other repeats, every
            // position on one token, every token out of range.
            for step in 0..4u64 {
                let tokens = match step {
                    0 => tokens.clone(),
                    1 => tokens_with_repeats(99 + step, bt, v),
                    2 => vec![v as u32 - 1; bt],
                    _ => vec![v as u32; bt],
                };
                gpu.queue
                    .write_buffer(&ttok.buffer, 0, bytemuck::cast_slice(&tokens));
                run_all(gpu, std::slice::from_ref(&fwd))?;
                let want = embedding_forward_cpu(&tokens, &wte, &wpe, t, c, v);
                let w = format!("{what} step {step}");
                check_close(
                    &format!("emb out {w}"),
                    &tout.read_f32(gpu)?,
                    &want,
                    Tolerance::F32,
                )?;

                let (mut dwte, mut dwpe) = (dwte0.clone(), dwpe0.clone());
                embedding_backward_cpu(&tokens, &dout, &mut dwte, &mut dwpe, t, c, v);
                let mut first: Option<Vec<u32>> = None;
                for rep in 0..2 {
                    tdwte.write_f32(gpu, &dwte0)?;
                    tdwpe.write_f32(gpu, &dwpe0)?;
                    run_all(gpu, &bwd)?;
                    let gte = tdwte.read_f32(gpu)?;
                    let gpe = tdwpe.read_f32(gpu)?;
                    check_close(&format!("emb dwte {w}"), &gte, &dwte, Tolerance::F32)?;
                    check_close(&format!("emb dwpe {w}"), &gpe, &dwpe, Tolerance::F32)?;
                    let bits: Vec<u32> = gte.iter().chain(&gpe).map(|f| f.to_bits()).collect();
                    match &first {
                        None => first = Some(bits),
                        Some(f) => {
                            assert!(
                                f == &bits,
                                "embedding backward not deterministic ({w} rep {rep})"
                            )
                        }
                    }
                }
            }
        }
        Ok(())
    });
}

#[test]
fn embedding_rejects_bad_inputs() {
    on_every_adapter("embedding_rejects_bad_inputs", |gpu| {
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

#[test]
fn dropout_gpu_matches_cpu_bit_exact_mask() {
    on_every_adapter("dropout_gpu_matches_cpu_bit_exact_mask", |gpu| {
        let n = 1001;
        let cfg = DropoutConfig {
            p: 0.3,
            seed: 0x1234_5678_9abc_def0,
            stream: 2,
        };
        let x = random_vec(80, n); // never exactly 0, so out == 0 means dropped
        let dout = random_vec(81, n);
        let tx = f32t(gpu, &x, "x")?;
        let td = f32t(gpu, &dout, "dout")?;
        let tout = Tensor::zeros(gpu, &[n], DType::F32, "out")?;
        let tdx = f32t(gpu, &vec![5.0; n], "dx")?;
        let fwd = dropout_forward(gpu, &tx, &tout, &cfg, 7)?;
        let bwd = dropout_backward(gpu, &td, &tdx, &cfg, 7)?;
        let mut masks = Vec::new();
        for step in [7u32, 8] {
            dropout_set_step(gpu, &fwd, &cfg, n, step)?;
            dropout_set_step(gpu, &bwd, &cfg, n, step)?;
            gpu.run(&[&fwd, &bwd])?;
            let out = tout.read_f32(gpu)?;
            let dx = tdx.read_f32(gpu)?;
            let mask = dropout_mask_cpu(&cfg, n, step);
            let got_mask: Vec<bool> = out.iter().map(|&v| v != 0.0).collect();
            assert!(
                got_mask == mask,
                "dropout mask differs from the CPU Philox at step {step}"
            );
            let dx_mask: Vec<bool> = dx.iter().map(|&v| v != 0.0).collect();
            assert!(
                dx_mask == mask,
                "backward mask differs from the forward's at step {step}"
            );
            let kept = mask.iter().filter(|&&k| k).count() as f64 / n as f64;
            assert!((kept - 0.7).abs() < 0.06, "kept fraction {kept}");
            check_close(
                "dropout out",
                &out,
                &dropout_forward_cpu(&x, &cfg, step),
                Tolerance::F32,
            )?;
            check_close(
                "dropout dx",
                &dx,
                &dropout_backward_cpu(&dout, &cfg, step),
                Tolerance::F32,
            )?;
            masks.push(mask);
        }
        assert!(masks[0] != masks[1], "step did not change the mask");
        let other = DropoutConfig { stream: 3, ..cfg };
        assert!(
            dropout_mask_cpu(&other, n, 8) != masks[1],
            "stream did not change the mask"
        );

        // p = 0 is the identity.
        let id = DropoutConfig { p: 0.0, ..cfg };
        run_all(gpu, &[dropout_forward(gpu, &tx, &tout, &id, 1)?])?;
        assert_eq!(tout.read_f32(gpu)?, x, "p = 0");
        // Bad probability and aliasing are rejected.
        let bad = DropoutConfig { p: 1.0, ..cfg };
        assert!(dropout_forward(gpu, &tx, &tout, &bad, 0).is_err());
        assert!(is_shape_err(dropout_forward(gpu, &tx, &tx, &cfg, 0)));
        Ok(())
    });
}
