//! The softmax cross-entropy: the CPU backward against finite differences (ignored targets,
//! the statistics; also at GPT-2's padded 50,304-entry vocabulary), the GPU at V = 50,304
//! against the CPU reference with the gradient written in place over the logits (the forward
//! alone leaves them intact), bit-identical statistics and gradients on rerun, and rejected bad
//! shapes.

use evomoe::gpu::DType;
use evomoe::ops::cross_entropy::{
    cross_entropy, cross_entropy_cpu, cross_entropy_f64, IGNORE_INDEX,
};
use evomoe::testing::{
    check_close, check_equal, is_shape_err, narrow, on_every_adapter, random_vec, widen, Tolerance,
};
use evomoe::{function_name, Error, Tensor};

use crate::{bits, finite_diff};

/// GPT-2's vocabulary (50,257) padded to a multiple of 64.
const V50K: usize = 50_304;

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

/// Logits spread over [-3, 3] at V = 50,304: every softmax term is between e^-6 and e^6 times
/// the mean, so all of them carry weight in the sum. Central differences at sampled entries of
/// every row (the target, the largest logit, the ends, a stride through the row) against the
/// f64 backward.
#[test]
fn cross_entropy_cpu_backward_matches_finite_differences_at_50k() {
    let (n, v) = (3, V50K);
    let logits: Vec<f64> = widen(&random_vec(22, n * v))
        .iter()
        .map(|x| 3.0 * x)
        .collect();
    let targets = [17, IGNORE_INDEX, (V50K - 1) as u32];
    let scale = 1000.0;
    let loss = |x: &[f64]| cross_entropy_f64(x, &targets, v, scale).unwrap().2[0] * scale;
    let (_, grad, _) = cross_entropy_f64(&logits, &targets, v, scale).unwrap();
    let h = 1e-4;
    let mut at = Vec::new();
    for r in 0..n {
        let row = &logits[r * v..(r + 1) * v];
        let argmax = (0..v).fold(0, |a, j| if row[j] > row[a] { j } else { a });
        at.extend([0, 17, argmax, v - 1].map(|j| r * v + j));
        at.extend((5..v).step_by(4999).map(|j| r * v + j));
    }
    let mut x = logits.clone();
    let (mut got, mut want) = (Vec::new(), Vec::new());
    for &i in &at {
        x[i] = logits[i] + h;
        let up = loss(&x);
        x[i] = logits[i] - h;
        let down = loss(&x);
        x[i] = logits[i];
        want.push(((up - down) / (2.0 * h)) as f32);
        got.push(grad[i] as f32);
    }
    // The ignored row's entries are exactly 0 both ways.
    assert!(grad[v..2 * v].iter().all(|&g| g == 0.0));
    assert!(
        got.iter().filter(|g| g.abs() > 1e-3).count() >= 6,
        "{got:?}"
    );
    check_close(
        "cross_entropy fd V=50304",
        &got,
        &want,
        Tolerance::FINITE_DIFF,
    )
    .unwrap();
}

/// Rows of random logits at V = 50,304 (some ignored, one with logits near 1000, one where the
/// target's logit is the largest) on the GPU against the f64 CPU reference: losses, hits and
/// statistics from the forward, which must leave the logits untouched; then the gradient the
/// backward writes over the logits (no separate dlogits tensor exists).
#[test]
fn cross_entropy_at_50k_matches_cpu_in_place() {
    let (n, v) = (7, V50K);
    let mut logits: Vec<f32> = random_vec(23, n * v).iter().map(|x| 4.0 * x).collect();
    let targets = [
        3,
        IGNORE_INDEX,
        50_000,
        0,
        IGNORE_INDEX,
        (V50K - 1) as u32,
        12_345,
    ];
    for x in &mut logits[3 * v..4 * v] {
        *x = 1000.0 + 10.0 * *x;
    }
    logits[6 * v + 12_345] = 9.0;
    let scale = 1000.0;
    let (want_losses, want_grad, want_stats) =
        cross_entropy_cpu(&logits, &targets, v, scale).unwrap();
    on_every_adapter(function_name!(), async |gpu| {
        let tl = Tensor::from_f32(gpu, &[n, v], &logits, "logits")?;
        let tt = Tensor::from_u32(gpu, &[n], &targets, "targets")?;
        let tloss = Tensor::from_f32(gpu, &[n], &[7.0; 7], "losses")?;
        let th = Tensor::from_f32(gpu, &[n], &[7.0; 7], "hits")?;
        let trows = Tensor::from_f32(gpu, &[n, 2], &[7.0; 14], "row_stats")?;
        let ts = Tensor::zeros(gpu, &[4], DType::F32, "stats")?;
        let ce = cross_entropy(gpu, &tl, &tt, &tloss, &th, &trows, &ts, scale)?;
        gpu.run(&ce.forward)?;
        check_equal(
            "logits after the forward",
            &bits(&[tl.read_f32(gpu).await?]),
            &bits(&[logits.clone()]),
        )?;
        check_close(
            "losses",
            &tloss.read_f32(gpu).await?,
            &want_losses,
            Tolerance::F32_LOOSE,
        )?;
        let stats = ts.read_f32(gpu).await?;
        check_close("stats", &stats, &want_stats, Tolerance::F32_LOOSE)?;
        let hits = th.read_f32(gpu).await?;
        if hits[6] != 1.0 || stats[3] != hits.iter().sum::<f32>() {
            return Err(Error::Config(format!("hits {hits:?}, stats {stats:?}")));
        }
        gpu.run(&ce.backward)?;
        check_close(
            "dlogits in place",
            &tl.read_f32(gpu).await?,
            &want_grad,
            Tolerance {
                rel: 1e-4,
                abs: 1e-7,
            },
        )
    });
}

/// Small vocabularies (8 lanes a row up to 2,048 ids, 64 above; rows shorter than the lanes)
/// on the GPU against the CPU reference: losses, statistics and the gradient in place.
#[test]
fn cross_entropy_at_small_vocabularies_matches_cpu() {
    on_every_adapter(function_name!(), async |gpu| {
        for v in [1, 3, 9, 256, 2048, 2049] {
            let n = 5;
            let logits: Vec<f32> = random_vec(v as u64, n * v)
                .iter()
                .map(|x| 3.0 * x)
                .collect();
            let targets = [0, (v - 1) as u32, IGNORE_INDEX, (v / 2) as u32, 0];
            let (want_losses, want_grad, want_stats) =
                cross_entropy_cpu(&logits, &targets, v, 2.0).unwrap();
            let tl = Tensor::from_f32(gpu, &[n, v], &logits, "logits")?;
            let tt = Tensor::from_u32(gpu, &[n], &targets, "targets")?;
            let tloss = Tensor::zeros(gpu, &[n], DType::F32, "losses")?;
            let th = Tensor::zeros(gpu, &[n], DType::F32, "hits")?;
            let trows = Tensor::zeros(gpu, &[n, 2], DType::F32, "row_stats")?;
            let ts = Tensor::zeros(gpu, &[4], DType::F32, "stats")?;
            let ce = cross_entropy(gpu, &tl, &tt, &tloss, &th, &trows, &ts, 2.0)?;
            gpu.run(&ce.forward)?;
            gpu.run(&ce.backward)?;
            let what = |x: &str| format!("{x} at V = {v}");
            check_close(
                &what("losses"),
                &tloss.read_f32(gpu).await?,
                &want_losses,
                Tolerance::F32_LOOSE,
            )?;
            check_close(
                &what("stats"),
                &ts.read_f32(gpu).await?,
                &want_stats,
                Tolerance::F32_LOOSE,
            )?;
            check_close(
                &what("dlogits"),
                &tl.read_f32(gpu).await?,
                &want_grad,
                Tolerance::F32_LOOSE,
            )?;
        }
        Ok(())
    });
}

/// The forward and backward twice from the same logits: the same bits (deterministic
/// reductions, a fixed lane order within each row).
#[test]
fn cross_entropy_rerun_is_bit_identical() {
    on_every_adapter(function_name!(), async |gpu| {
        let (n, v) = (131, 677);
        let logits = random_vec(3, n * v);
        let targets: Vec<u32> = (0..n).map(|i| ((i * 31 + 7) % v) as u32).collect();
        let tl = Tensor::from_f32(gpu, &[n, v], &logits, "logits")?;
        let tt = Tensor::from_u32(gpu, &[n], &targets, "targets")?;
        let tloss = Tensor::zeros(gpu, &[n], DType::F32, "losses")?;
        let th = Tensor::zeros(gpu, &[n], DType::F32, "hits")?;
        let trows = Tensor::zeros(gpu, &[n, 2], DType::F32, "row_stats")?;
        let ts = Tensor::zeros(gpu, &[4], DType::F32, "stats")?;
        let ce = cross_entropy(gpu, &tl, &tt, &tloss, &th, &trows, &ts, 0.5)?;
        let mut runs = Vec::new();
        for _ in 0..2 {
            tl.write_f32(gpu, &logits)?;
            gpu.run(&ce.forward)?;
            gpu.run(&ce.backward)?;
            runs.push(bits(&[ts.read_f32(gpu).await?, tl.read_f32(gpu).await?]));
        }
        if runs[0] != runs[1] {
            return Err(Error::Config("stats or gradient not reproducible".into()));
        }
        Ok(())
    });
}

/// Targets or row statistics of the wrong length.
#[test]
fn cross_entropy_rejects_bad_shapes() {
    on_every_adapter(function_name!(), async |gpu| {
        let logits = Tensor::zeros(gpu, &[3, 5], DType::F32, "logits")?;
        let t2 = Tensor::zeros(gpu, &[2], DType::U32, "t")?;
        let l3 = Tensor::zeros(gpu, &[3], DType::F32, "l")?;
        let s4 = Tensor::zeros(gpu, &[4], DType::F32, "s")?;
        let r6 = Tensor::zeros(gpu, &[3, 2], DType::F32, "r")?;
        let t3 = Tensor::zeros(gpu, &[3], DType::U32, "t")?;
        let r = cross_entropy(gpu, &logits, &t2, &l3, &l3, &r6, &s4, 1.0);
        assert!(
            is_shape_err(&r),
            "targets: {:?}",
            r.err().map(|e| e.to_string())
        );
        let r = cross_entropy(gpu, &logits, &t3, &l3, &l3, &l3, &s4, 1.0);
        assert!(
            is_shape_err(&r),
            "row_stats: {:?}",
            r.err().map(|e| e.to_string())
        );
        assert!(cross_entropy(gpu, &logits, &t3, &l3, &l3, &r6, &s4, 1.0).is_ok());
        Ok(())
    });
}
