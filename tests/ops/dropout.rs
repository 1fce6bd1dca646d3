//! Dropout: the CPU backward against finite differences, the mask's dependence on the step and
//! the stream, and rejected bad inputs.

use evomoe::gpu::DType;
use evomoe::ops::dropout::{
    dropout_backward, dropout_backward_cpu, dropout_forward, dropout_forward_cpu, dropout_mask_cpu,
    DropoutConfig,
};
use evomoe::testing::{
    is_shape_err, narrow, on_every_adapter, random_vec, upload, widen, Tolerance,
};
use evomoe::{function_name, Tensor};

use crate::{dot, finite_diff};

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
    on_every_adapter(function_name!(), async |gpu| {
        let cfg = DropoutConfig {
            p: 0.3,
            seed: 1,
            stream: 2,
        };
        let tx = upload(gpu, &random_vec(80, 11), "x")?;
        let tout = Tensor::zeros(gpu, &[11], DType::F32, "out")?;
        let bad = DropoutConfig { p: 1.0, ..cfg };
        assert!(dropout_forward(gpu, &tx, &tout, &bad, 0).is_err());
        assert!(dropout_backward(gpu, &tx, &tout, &bad, 0).is_err());
        assert!(is_shape_err(&dropout_forward(gpu, &tx, &tx, &cfg, 0)));
        Ok(())
    });
}
