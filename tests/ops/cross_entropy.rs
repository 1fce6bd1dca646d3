//! The fused softmax cross-entropy: the CPU backward against finite differences (ignored
//! targets, the statistics), bit-identical statistics on rerun, and rejected bad shapes.

use evomoe::gpu::DType;
use evomoe::ops::cross_entropy::{cross_entropy, cross_entropy_f64, IGNORE_INDEX};
use evomoe::testing::{is_shape_err, narrow, on_every_adapter, random_vec, widen, Tolerance};
use evomoe::{function_name, Error, Tensor};

use crate::finite_diff;

#[test]
fn cross_entropy_cpu_backward_matches_finite_differences() {
    let (n, v) = (6, 9);
    let logits: Vec<f64> = widen(&random_vec(21, n * v))
        .iter()
        .map(|x| 3.0 * x)
        .collect();
    let targets = [3, IGNORE_INDEX, 0, 8, 5, IGNORE_INDEX];
    let scale = 0.7;
    let loss = |x: &[f64]| cross_entropy_f64(x, &targets, v, scale).unwrap().2[0] * scale;
    let (losses, got, stats) = cross_entropy_f64(&logits, &targets, v, scale).unwrap();
    finite_diff(
        "cross_entropy fd",
        &logits,
        &narrow(&got),
        1e-5,
        Tolerance::FINITE_DIFF,
        loss,
    );
    assert_eq!(stats[1], 4.0);
    assert_eq!(losses[1], 0.0);
    assert!(got[v..2 * v].iter().all(|&g| g == 0.0));
    assert!((stats[2] - losses.iter().sum::<f64>()).abs() < 1e-12);
    // The loss of a row is -log softmax: exp(-loss) is the target's probability.
    let row = &logits[0..v];
    let z: f64 = row.iter().map(|x| x.exp()).sum();
    assert!(((-losses[0]).exp() - row[3].exp() / z).abs() < 1e-12);
}

/// The loss statistics twice: the same bits (a deterministic reduction).
#[test]
fn cross_entropy_rerun_is_bit_identical() {
    on_every_adapter(function_name!(), async |gpu| {
        let (n, v) = (131, 67);
        let targets: Vec<u32> = (0..n).map(|i| ((i * 31 + 7) % v) as u32).collect();
        let tl = Tensor::from_f32(gpu, &[n, v], &random_vec(3, n * v), "logits")?;
        let tt = Tensor::from_u32(gpu, &[n], &targets, "targets")?;
        let tloss = Tensor::zeros(gpu, &[n], DType::F32, "losses")?;
        let th = Tensor::zeros(gpu, &[n], DType::F32, "hits")?;
        let td = Tensor::zeros(gpu, &[n, v], DType::F32, "dlogits")?;
        let ts = Tensor::zeros(gpu, &[4], DType::F32, "stats")?;
        let ds = cross_entropy(gpu, &tl, &tt, &tloss, &th, &td, &ts, 0.5)?;
        gpu.run(&ds)?;
        let stats = ts.read_f32(gpu).await?;
        gpu.run(&ds)?;
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

/// Targets of the wrong length.
#[test]
fn cross_entropy_rejects_bad_shapes() {
    on_every_adapter(function_name!(), async |gpu| {
        let logits = Tensor::zeros(gpu, &[3, 5], DType::F32, "logits")?;
        let t2 = Tensor::zeros(gpu, &[2], DType::U32, "t")?;
        let l3 = Tensor::zeros(gpu, &[3], DType::F32, "l")?;
        let s4 = Tensor::zeros(gpu, &[4], DType::F32, "s")?;
        let r = cross_entropy(gpu, &logits, &t2, &l3, &l3, &logits, &s4, 1.0);
        assert!(is_shape_err(&r), "targets: {:?}", r.err());
        Ok(())
    });
}
