//! Embedding: the CPU backward against finite differences (repeated and out-of-range tokens),
//! replays with new tokens bit-identical to fresh recordings, and rejected bad inputs.

use evomoe::gpu::{DType, Dispatch};
use evomoe::ops::embedding::{
    embedding_backward, embedding_backward_cpu, embedding_forward, embedding_forward_cpu,
};
use evomoe::ops::rng::Rng;
use evomoe::testing::{
    is_shape_err, narrow, on_every_adapter, random_vec, upload, widen, Tolerance,
};
use evomoe::{function_name, Result, Tensor};

use crate::{bits, dot, finite_diff};

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
    on_every_adapter(function_name!(), async |gpu| {
        let (b, t, c, v) = (2usize, 150usize, 3usize, 256usize);
        let (bt, p) = (b * t, t + 2);
        let ttok = Tensor::from_u32(gpu, &[b, t], &tokens_with_repeats(1, bt, v), "tokens")?;
        let twte = upload(gpu, &random_vec(70, v * c), "wte")?;
        let twpe = upload(gpu, &random_vec(71, p * c), "wpe")?;
        let tout = Tensor::zeros(gpu, &[bt, c], DType::F32, "out")?;
        let td = upload(gpu, &random_vec(72, bt * c), "dout")?;
        let (dwte0, dwpe0) = (random_vec(73, v * c), random_vec(74, p * c));
        let tdwte = upload(gpu, &dwte0, "dwte")?;
        let tdwpe = upload(gpu, &dwpe0, "dwpe")?;
        let fwd = embedding_forward(gpu, &ttok, &twte, &twpe, &tout, b, t, c, v)?;
        let bwd = embedding_backward(gpu, &ttok, &td, &tdwte, &tdwpe, b, t, c, v)?;
        // Runs `ds`, from the initial gradients; the bits of out, dwte and dwpe.
        let results = async |ds: &[Dispatch]| -> Result<Vec<u32>> {
            tdwte.write_f32(gpu, &dwte0)?;
            tdwpe.write_f32(gpu, &dwpe0)?;
            gpu.run(ds)?;
            Ok(bits(&[
                tout.read_f32(gpu).await?,
                tdwte.read_f32(gpu).await?,
                tdwpe.read_f32(gpu).await?,
            ]))
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
    });
}

#[test]
fn embedding_rejects_bad_inputs() {
    on_every_adapter(function_name!(), async |gpu| {
        let (b, t, c, v) = (2, 3, 4, 5);
        let tok = Tensor::from_u32(gpu, &[b * t], &[0; 6], "tok")?;
        let tokf = Tensor::zeros(gpu, &[b * t], DType::F32, "tokf")?;
        let wte = Tensor::zeros(gpu, &[v, c], DType::F32, "wte")?;
        let wpe = Tensor::zeros(gpu, &[t - 1, c], DType::F32, "wpe short")?;
        let wpe_ok = Tensor::zeros(gpu, &[t, c], DType::F32, "wpe")?;
        let out = Tensor::zeros(gpu, &[b * t, c], DType::F32, "out")?;
        assert!(is_shape_err(&embedding_forward(
            gpu, &tok, &wte, &wpe, &out, b, t, c, v
        )));
        assert!(is_shape_err(&embedding_forward(
            gpu, &tokf, &wte, &wpe_ok, &out, b, t, c, v
        )));
        assert!(is_shape_err(&embedding_forward(
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
        assert!(is_shape_err(&embedding_backward(
            gpu, &tok, &out, &wte, &wte, b, t, c, v
        )));
        Ok(())
    });
}
