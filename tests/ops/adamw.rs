//! AdamW and gradient clipping: the CPU step's sign descent, the gradient norm bit-identical on
//! rerun, and rejected bad shapes.

use evomoe::gpu::DType;
use evomoe::ops::adamw::{adamw, adamw_cpu, grad_norm, grad_norm_len, AdamwConfig};
use evomoe::testing::{check_close, is_shape_err, on_every_adapter, random_vec, Tolerance};
use evomoe::{function_name, Error, Result, Tensor};

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

/// The norm twice: the same bits; a norm buffer too short for the tensors is rejected.
#[test]
fn grad_norm_rerun_is_bit_identical_and_short_buffers_rejected() {
    on_every_adapter(function_name!(), async |gpu| {
        let lens = [1usize, 257, 20011, 300007];
        let tensors: Vec<Tensor> = lens
            .iter()
            .enumerate()
            .map(|(i, &n)| Tensor::from_f32(gpu, &[n], &random_vec(40 + i as u64, n), "g"))
            .collect::<Result<_>>()?;
        let refs: Vec<&Tensor> = tensors.iter().collect();
        let norm = Tensor::zeros(gpu, &[grad_norm_len(lens.len())], DType::F32, "norm")?;
        let ds = grad_norm(gpu, &refs, &norm, 1.0)?;
        gpu.run(&ds)?;
        let got = norm.read_f32(gpu).await?;
        gpu.run(&ds)?;
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
    });
}

/// A gradient shorter than its parameter.
#[test]
fn adamw_rejects_bad_shapes() {
    on_every_adapter(function_name!(), async |gpu| {
        let s4 = Tensor::zeros(gpu, &[4], DType::F32, "s")?;
        let p = Tensor::zeros(gpu, &[5], DType::F32, "p")?;
        let g = Tensor::zeros(gpu, &[4], DType::F32, "g")?;
        let r = adamw(gpu, &AdamwConfig::default(), &p, &g, &p, &p, true, &s4);
        assert!(is_shape_err(&r), "adamw g: {:?}", r.err());
        Ok(())
    });
}
