//! Causal attention: the CPU backward against finite differences (and the causal mask), reruns
//! bit-identical on the fused and generic paths, and rejected bad shapes.

use evomoe::gpu::DType;
use evomoe::ops::attention::{
    attention_backward, attention_backward_f64, attention_forward, attention_forward_f64,
    uses_fused, AttentionBuffers, AttentionDims,
};
use evomoe::testing::{is_shape_err, narrow, on_every_adapter, random_vec, widen, Tolerance};
use evomoe::{function_name, Error, Tensor};

use crate::{bits, finite_diff};

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
        let qkv = widen(&random_vec(11, d.b * d.t * 3 * d.c));
        // Larger scores make the softmax non-trivial.
        let qkv: Vec<f64> = qkv.iter().map(|x| 2.0 * x).collect();
        let r = widen(&random_vec(12, d.b * d.t * d.c));
        let loss = |x: &[f64]| {
            let (out, _) = attention_forward_f64(&d, x).unwrap();
            out.iter().zip(&r).map(|(o, r)| o * r).sum::<f64>()
        };
        let got = attention_backward_f64(&d, &qkv, &r).unwrap();
        finite_diff(
            &format!("attention fd {d:?}"),
            &qkv,
            &narrow(&got),
            1e-5,
            Tolerance::FINITE_DIFF,
            loss,
        );
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
    on_every_adapter(function_name!(), async |gpu| {
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
                gpu.run(&ds)?;
                let bits = bits(&[out.read_f32(gpu).await?, dqkv.read_f32(gpu).await?]);
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

/// Heads that do not divide the width, and an output of the wrong shape.
#[test]
fn attention_rejects_bad_shapes() {
    on_every_adapter(function_name!(), async |gpu| {
        let r = AttentionBuffers::new(gpu, 1, 4, 10, 3);
        assert!(is_shape_err(&r), "C % H: {:?}", r.err());
        let bufs = AttentionBuffers::new(gpu, 1, 4, 6, 2)?;
        let qkv = Tensor::zeros(gpu, &[1, 4, 18], DType::F32, "qkv")?;
        let bad = Tensor::zeros(gpu, &[1, 4, 5], DType::F32, "out")?;
        let r = attention_forward(gpu, &qkv, &bad, &bufs);
        assert!(is_shape_err(&r), "out: {:?}", r.err());
        Ok(())
    });
}
