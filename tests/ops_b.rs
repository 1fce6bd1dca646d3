//! Transformer ops, part B: causal attention, fused softmax cross-entropy, AdamW and gradient
//! clipping. Finite-difference checks of the CPU backwards (f64), bit-identical reruns on every
//! adapter, and rejected bad shapes. The GPU against the CPU references is the checks of
//! `evomoe::selftest` (run by tests/selftest.rs).

use evomoe::gpu::{DType, Dispatch};
use evomoe::ops::adamw::{adamw, adamw_cpu, grad_norm, grad_norm_len, AdamwConfig};
use evomoe::ops::attention::{
    attention_backward, attention_backward_f64, attention_forward, attention_forward_f64,
    uses_fused, AttentionBuffers, AttentionDims,
};
use evomoe::ops::cross_entropy::{cross_entropy, cross_entropy_f64, IGNORE_INDEX};
use evomoe::testing::{check_close, on_every_adapter, random_vec, Tolerance};
use evomoe::{Error, Gpu, Result, Tensor};

fn run(gpu: &Gpu, ds: &[Dispatch]) -> Result<()> {
    let refs: Vec<&Dispatch> = ds.iter().collect();
    gpu.run(&refs)
}

fn f64v(x: &[f32]) -> Vec<f64> {
    x.iter().map(|&a| a as f64).collect()
}

fn f32v(x: &[f64]) -> Vec<f32> {
    x.iter().map(|&a| a as f32).collect()
}

/// Central differences of `loss` at `x` for every element.
fn numeric_grad(x: &[f64], loss: impl Fn(&[f64]) -> f64) -> Vec<f64> {
    let eps = 1e-5;
    let mut xp = x.to_vec();
    (0..x.len())
        .map(|i| {
            xp[i] = x[i] + eps;
            let lp = loss(&xp);
            xp[i] = x[i] - eps;
            let lm = loss(&xp);
            xp[i] = x[i];
            (lp - lm) / (2.0 * eps)
        })
        .collect()
}

#[test]
fn attention_cpu_backward_matches_finite_differences() {
    for d in [
        AttentionDims {
            b: 2,
            t: 5,
            c: 6,
            h: 2,
        },
        AttentionDims {
            b: 1,
            t: 4,
            c: 3,
            h: 1,
        },
    ] {
        let qkv = f64v(&random_vec(11, d.b * d.t * 3 * d.c));
        // Larger scores make the softmax non-trivial.
        let qkv: Vec<f64> = qkv.iter().map(|x| 2.0 * x).collect();
        let r = f64v(&random_vec(12, d.b * d.t * d.c));
        let loss = |x: &[f64]| {
            let (out, _) = attention_forward_f64(&d, x).unwrap();
            out.iter().zip(&r).map(|(o, r)| o * r).sum::<f64>()
        };
        let want = numeric_grad(&qkv, loss);
        let got = attention_backward_f64(&d, &qkv, &r).unwrap();
        check_close(
            &format!("attention fd {d:?}"),
            &f32v(&got),
            &f32v(&want),
            Tolerance::FINITE_DIFF,
        )
        .unwrap();
        // The causal mask: the output of token 0 depends on nothing but token 0.
        let (out, att) = attention_forward_f64(&d, &qkv).unwrap();
        let hd = d.c / d.h;
        for h in 0..d.h {
            for j in 0..hd {
                let v0 = qkv[2 * d.c + h * hd + j];
                assert!((out[h * hd + j] - v0).abs() < 1e-12);
            }
            // Row 0 of the probabilities is [1, 0, 0, ...]; rows sum to 1.
            let base = h * d.t * d.t;
            assert!((att[base] - 1.0).abs() < 1e-12 && att[base + 1] == 0.0);
            for i in 0..d.t {
                let s: f64 = att[base + i * d.t..base + (i + 1) * d.t].iter().sum();
                assert!((s - 1.0).abs() < 1e-12);
            }
        }
    }
}

#[test]
fn cross_entropy_cpu_backward_matches_finite_differences() {
    let (n, v) = (6, 9);
    let logits: Vec<f64> = f64v(&random_vec(21, n * v))
        .iter()
        .map(|x| 3.0 * x)
        .collect();
    let targets = [3, IGNORE_INDEX, 0, 8, 5, IGNORE_INDEX];
    let scale = 0.7;
    let loss = |x: &[f64]| cross_entropy_f64(x, &targets, v, scale).unwrap().2[0] * scale;
    let want = numeric_grad(&logits, loss);
    let (losses, got, stats) = cross_entropy_f64(&logits, &targets, v, scale).unwrap();
    check_close(
        "cross_entropy fd",
        &f32v(&got),
        &f32v(&want),
        Tolerance::FINITE_DIFF,
    )
    .unwrap();
    assert_eq!(stats[1], 4.0);
    assert_eq!(losses[1], 0.0);
    assert!(got[v..2 * v].iter().all(|&g| g == 0.0));
    assert!((stats[2] - losses.iter().sum::<f64>()).abs() < 1e-12);
    // The loss of a row is -log softmax: exp(-loss) is the target's probability.
    let row = &logits[0..v];
    let z: f64 = row.iter().map(|x| x.exp()).sum();
    assert!(((-losses[0]).exp() - row[3].exp() / z).abs() < 1e-12);
}

/// Forward and backward twice on the same inputs: the same bits (fixed-order loops, no atomics),
/// for the fused kernels and the generic path. The heads wider than the fused kernels take the
/// generic path.
#[test]
fn attention_rerun_is_bit_identical() {
    assert!(!uses_fused(&AttentionDims {
        b: 1,
        t: 7,
        c: 66,
        h: 1
    }));
    on_every_adapter("attention_rerun_is_bit_identical", async |gpu| {
        for (b, t, c, h) in [(2, 45, 32, 2), (1, 33, 128, 2), (1, 7, 66, 1)] {
            let bufs = AttentionBuffers::new(gpu, b, t, c, h)?;
            let qkv = Tensor::from_f32(gpu, &[b, t, 3 * c], &random_vec(1, b * t * 3 * c), "qkv")?;
            let dout = Tensor::from_f32(gpu, &[b, t, c], &random_vec(2, b * t * c), "dout")?;
            let out = Tensor::zeros(gpu, &[b, t, c], DType::F32, "out")?;
            let dqkv = Tensor::zeros(gpu, &[b, t, 3 * c], DType::F32, "dqkv")?;
            let mut ds = attention_forward(gpu, &qkv, &out, &bufs)?;
            ds.extend(attention_backward(gpu, &qkv, &dout, &dqkv, &bufs)?);
            let mut first = None;
            for rep in 0..2 {
                run(gpu, &ds)?;
                let bits: Vec<u32> = [out.read_f32(gpu).await?, dqkv.read_f32(gpu).await?]
                    .concat()
                    .iter()
                    .map(|f| f.to_bits())
                    .collect();
                match &first {
                    None => first = Some(bits),
                    Some(f) if f != &bits => {
                        return Err(Error::Config(format!(
                            "attention B={b} T={t} C={c} H={h} not deterministic (rep {rep})"
                        )))
                    }
                    Some(_) => {}
                }
            }
        }
        Ok(())
    });
}

/// The loss statistics twice: the same bits (a deterministic reduction).
#[test]
fn cross_entropy_rerun_is_bit_identical() {
    on_every_adapter("cross_entropy_rerun_is_bit_identical", async |gpu| {
        let (n, v) = (131, 67);
        let targets: Vec<u32> = (0..n).map(|i| ((i * 31 + 7) % v) as u32).collect();
        let tl = Tensor::from_f32(gpu, &[n, v], &random_vec(3, n * v), "logits")?;
        let tt = Tensor::from_u32(gpu, &[n], &targets, "targets")?;
        let tloss = Tensor::zeros(gpu, &[n], DType::F32, "losses")?;
        let td = Tensor::zeros(gpu, &[n, v], DType::F32, "dlogits")?;
        let ts = Tensor::zeros(gpu, &[4], DType::F32, "stats")?;
        let ds = cross_entropy(gpu, &tl, &tt, &tloss, &td, &ts, 0.5)?;
        run(gpu, &ds)?;
        let stats = ts.read_f32(gpu).await?;
        run(gpu, &ds)?;
        let again = ts.read_f32(gpu).await?;
        if stats
            .iter()
            .zip(&again)
            .any(|(a, b)| a.to_bits() != b.to_bits())
        {
            return Err(Error::Config(format!(
                "stats not reproducible: {stats:?} vs {again:?}"
            )));
        }
        Ok(())
    });
}

/// The norm twice: the same bits; a norm buffer too short for the tensors is rejected.
#[test]
fn grad_norm_rerun_is_bit_identical_and_short_buffers_rejected() {
    on_every_adapter(
        "grad_norm_rerun_is_bit_identical_and_short_buffers_rejected",
        async |gpu| {
            let lens = [1usize, 257, 20011, 300007];
            let tensors: Vec<Tensor> = lens
                .iter()
                .enumerate()
                .map(|(i, &n)| Tensor::from_f32(gpu, &[n], &random_vec(40 + i as u64, n), "g"))
                .collect::<Result<_>>()?;
            let refs: Vec<&Tensor> = tensors.iter().collect();
            let norm = Tensor::zeros(gpu, &[grad_norm_len(lens.len())], DType::F32, "norm")?;
            let ds = grad_norm(gpu, &refs, &norm, 1.0)?;
            run(gpu, &ds)?;
            let got = norm.read_f32(gpu).await?;
            run(gpu, &ds)?;
            if got[..2] != norm.read_f32(gpu).await?[..2] {
                return Err(Error::Config("grad_norm not reproducible".into()));
            }
            let small = Tensor::zeros(gpu, &[grad_norm_len(lens.len()) - 1], DType::F32, "n")?;
            match grad_norm(gpu, &refs, &small, 1.0) {
                Err(Error::Shape { .. }) => Ok(()),
                other => Err(Error::Config(format!(
                    "short norm buffer accepted: {:?}",
                    other.err()
                ))),
            }
        },
    );
}

#[test]
fn adamw_cpu_first_step_is_sign_descent() {
    // With m = v = 0 and bias correction, step 1 moves every weight by lr * sign(g) (eps aside),
    // plus lr * wd * p with decay.
    let cfg = AdamwConfig::default();
    let mut p = vec![1.0f32, -2.0, 0.5];
    let g = [0.3f32, -4.0, 1e-3];
    let (mut m, mut v) = (vec![0.0; 3], vec![0.0; 3]);
    adamw_cpu(&cfg, &mut p, &g, &mut m, &mut v, true, 1.0, 1, 0.1).unwrap();
    let want = [
        1.0 - 0.1 * (1.0 + 0.1 * 1.0),
        -2.0 - 0.1 * (-1.0 + 0.1 * -2.0),
        0.5 - 0.1 * (1.0 + 0.1 * 0.5),
    ];
    check_close("sign descent", &p, &want, Tolerance::F32).unwrap();
}

#[test]
fn ops_b_reject_bad_shapes() {
    on_every_adapter("ops_b_reject_bad_shapes", async |gpu| {
        let is_shape = |r: std::result::Result<(), Error>, what: &str| match r {
            Err(Error::Shape { .. }) => Ok(()),
            other => Err(Error::Config(format!("{what}: {other:?}"))),
        };
        is_shape(AttentionBuffers::new(gpu, 1, 4, 10, 3).map(|_| ()), "C % H")?;
        let bufs = AttentionBuffers::new(gpu, 1, 4, 6, 2)?;
        let qkv = Tensor::zeros(gpu, &[1, 4, 18], DType::F32, "qkv")?;
        let bad = Tensor::zeros(gpu, &[1, 4, 5], DType::F32, "out")?;
        is_shape(attention_forward(gpu, &qkv, &bad, &bufs).map(|_| ()), "out")?;
        let logits = Tensor::zeros(gpu, &[3, 5], DType::F32, "logits")?;
        let t2 = Tensor::zeros(gpu, &[2], DType::U32, "t")?;
        let l3 = Tensor::zeros(gpu, &[3], DType::F32, "l")?;
        let s4 = Tensor::zeros(gpu, &[4], DType::F32, "s")?;
        is_shape(
            cross_entropy(gpu, &logits, &t2, &l3, &logits, &s4, 1.0).map(|_| ()),
            "targets",
        )?;
        let p = Tensor::zeros(gpu, &[5], DType::F32, "p")?;
        let g = Tensor::zeros(gpu, &[4], DType::F32, "g")?;
        is_shape(
            adamw(gpu, &AdamwConfig::default(), &p, &g, &p, &p, true, &s4).map(|_| ()),
            "adamw g",
        )
    });
}
